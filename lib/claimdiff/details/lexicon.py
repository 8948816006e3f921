"""The lexicons of ``claimdiff/data/*.yaml``, read once, and the two ways their entries become regular expressions.

Most lists hold *phrases*: literal text that matches whole words, case-insensitively, with any run of white space
for a space, any apostrophe for an apostrophe and an optional hyphen or space for a hyphen; a phrase written in
capitals and digits only ("IS", "SAA", "SOHR") is an acronym and matches as written. A few lists hold *patterns*
(Python regular expressions), and say so at the top of their file.

>>> bool(phrases_regex(["Hay'at Tahrir al-Sham"]).search("Hay’at Tahrir al Sham fighters"))
True
>>> [m.group() for m in phrases_regex(["IS", "Islamic State"]).finditer("IS, is, the islamic state")]
['IS', 'islamic state']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

_APOSTROPHES = "'’ʼ‘`"
_HYPHENS = "-‐‑–"


@cache
def load(name: str) -> Any:
    """The parsed ``claimdiff/data/<name>.yaml``."""
    text = resources.files("claimdiff").joinpath(f"data/{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1 << 16)  # asked for every pair of a word and a known source (attribution): phrases recur
def is_acronym(phrase: str) -> bool:
    """True for phrases that match only as written: capitals, digits and dots, like "IS", "U.S.", "SAA"."""
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() or c.isdigit() or c in " .-&" for c in phrase)


def phrase_pattern(phrase: str) -> str:
    """A regular expression (without word boundaries) for a literal phrase.

    >>> phrase_pattern("al-Sukhnah")
    'al[-‐‑–\\\\s]?Sukhnah'
    """
    pieces = []
    for char in phrase.strip():
        if char.isspace():
            if not pieces or pieces[-1] != r"\s+":
                pieces.append(r"\s+")
        elif char in _APOSTROPHES:
            pieces.append(f"[{_APOSTROPHES}]?")
        elif char in _HYPHENS:
            pieces.append(f"[{_HYPHENS}\\s]?")
        else:
            pieces.append(re.escape(char))
    body = "".join(pieces)
    return f"(?-i:{body})" if is_acronym(phrase) else body


def phrases_regex(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex that matches any of ``phrases`` as whole words; the longest phrase wins where several match."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    body = "|".join(phrase_pattern(p) for p in ordered) or r"(?!x)x"
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)


def _units(phrase: str, lower: bool = True) -> list[str]:
    """The regex units of a literal phrase, lower-cased: one per character, space or optional apostrophe/hyphen."""
    units: list[str] = []
    for char in phrase.strip().lower() if lower else phrase.strip():
        if char.isspace():
            if units and units[-1] != r"\s+":
                units.append(r"\s+")
        elif char in _APOSTROPHES:
            units.append(f"[{_APOSTROPHES}]?")
        elif char in _HYPHENS:
            units.append(f"[{_HYPHENS}\\s]?")
        else:
            units.append(re.escape(char))
    return units


def _trie_pattern(sequences: list[list[str]]) -> str:
    """One regex for many unit sequences, factored by common prefixes so that matching stays fast."""
    trie: dict = {}
    for units in sequences:
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [unit + render(child) for unit, child in node.items() if unit]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


def phrases_body(phrases: Iterable[str]) -> str:
    """A fast regex body (no boundaries, to be used case-insensitively) matching any of the literal ``phrases``.

    >>> re.fullmatch(phrases_body(["at least", "at most", "about"]), "At  most", re.IGNORECASE) is not None
    True
    """
    return _trie_pattern([_units(p) for p in set(phrases)]) or r"(?!x)x"


def normalise(phrase: str) -> str:
    """The form in which phrases are compared: lower case, no apostrophes, hyphens as spaces, spaces folded.

    >>> normalise("Hay’at Tahrir al-Sham")
    'hayat tahrir al sham'
    """
    text = "".join(" " if c in _HYPHENS else c for c in phrase.lower() if c not in _APOSTROPHES)
    return " ".join(text.split())


class PhraseMatcher:
    """Find many literal phrases at once and tell which tag each belongs to.

    Phrases follow the rules of this module (whole words; acronyms as written; the longest phrase wins);
    ``case_sensitive=True`` matches every phrase as written.

    >>> matcher = PhraseMatcher([("ISIS", "Daesh"), ("ISIS", "IS"), ("HTS", "Hay'at Tahrir al-Sham")])
    >>> matcher.find("IS and Daesh, not is; Hay’at Tahrir al Sham.")
    [(0, 2, 'ISIS'), (7, 12, 'ISIS'), (22, 43, 'HTS')]
    """

    def __init__(self, tagged: Iterable[tuple[str, str]], case_sensitive: bool = False):
        self.tags: dict[str, str] = {}
        self.exact_tags: dict[str, str] = {}
        plain, exact = [], []
        for tag, phrase in tagged:
            if is_acronym(phrase):
                self.exact_tags.setdefault(phrase, tag)
                exact.append(phrase)
            else:
                self.tags.setdefault(normalise(phrase), tag)
                plain.append(_units(phrase, lower=not case_sensitive))
        body = _trie_pattern(plain) or r"(?!x)x"
        self.regex = re.compile(rf"(?<![\w])(?:{body})(?![\w])", 0 if case_sensitive else re.IGNORECASE)
        exact_body = "|".join(re.escape(p) for p in sorted(set(exact), key=len, reverse=True)) or r"(?!x)x"
        self.exact = re.compile(rf"(?<![\w])(?:{exact_body})(?![\w])")

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, tag)`` of each phrase in ``text``, left to right, without overlaps (longer first)."""
        found = []
        for m in self.regex.finditer(text):
            tag = self.tags.get(normalise(m.group()))
            if tag is not None:
                found.append((m.start(), m.end(), tag))
        for m in self.exact.finditer(text):
            found.append((m.start(), m.end(), self.exact_tags[m.group()]))
        if not found:
            return found
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        kept, last_end = [], -1
        for start, end, tag in found:
            if start >= last_end:
                kept.append((start, end, tag))
                last_end = end
        return kept


def patterns_alternation(patterns: Iterable[str]) -> str:
    """Regex patterns joined longest first (a proxy for most specific first), each kept whole."""
    ordered = sorted(set(patterns), key=lambda p: (-len(p), p))
    return "|".join(f"(?:{p})" for p in ordered) or r"(?!x)x"


def tagged_regex(tagged: Iterable[tuple[str, str]], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], list[str]]:
    """Compile ``(tag, pattern)`` pairs into one regex with a group per pair, longest pattern first.

    Returns the regex and the tag of each group: ``tags[int(match.lastgroup[1:])]`` is the tag of a match.

    >>> regex, tags = tagged_regex([("killed", "killed"), ("killed", "shot dead"), ("injured", "shot")])
    >>> match = regex.search("he was shot dead")
    >>> match.group(), tags[int(match.lastgroup[1:])]
    ('shot dead', 'killed')
    """
    pairs = sorted(set(tagged), key=lambda pair: (-len(pair[1]), pair[1], pair[0]))
    body = "|".join(f"(?P<g{i}>{pattern})" for i, (_, pattern) in enumerate(pairs)) or r"(?!x)x"
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags), [tag for tag, _ in pairs]
