"""What a source phrase names: its normalised ``value`` and source type (``sources`` of ``data/attribution.yaml``),
a slip of a known name included; a phrase that names no known source keeps its own words (type ``other``).
:mod:`claimdiff.details.attribution` finds the phrases.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.details import lexicon

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _sources() -> dict:
    data = lexicon.load("attribution")
    return {
        "sources": [(entry["value"], entry["type"], lexicon.phrases_regex(entry["phrases"]))
                    for entry in data["sources"]],
        "one_word_sources": [(entry["value"], entry["type"], p) for entry in data["sources"] for p in entry["phrases"]
                             if re.fullmatch(r"[A-Za-z]+", p)],
    }


@lru_cache(maxsize=1 << 16)  # sources repeat across reports ("the Observatory said")
def normalise_source(source: str) -> tuple[str, str]:
    """``(value, type)`` of a source phrase as written.

    A misspelt name of a known source is that source: an acronym with its letters swapped ("SORH"), a long word
    one letter off ("Obervatory").

    >>> normalise_source("the Syrian Observatory for Human Rights"), normalise_source("Lay")
    (('monitor', 'monitor'), ('Lay', 'other'))
    >>> normalise_source("SORH"), normalise_source("the Syrian Obervatory for Human Rights")
    (('monitor', 'monitor'), ('monitor', 'monitor'))
    """
    for value, kind, regex in _sources()["sources"]:
        if regex.search(source):
            return value, kind
    for word in re.findall(r"(?<![A-Za-z])[A-Z][A-Za-z]{3,}", source):  # a slip of a name keeps its capital
        slip = _slip_of(word)
        if slip is not None:
            return slip
    return _ARTICLE.sub("", source.strip()), "other"


@lru_cache(maxsize=1 << 16)  # capitalised words recur ("Syrian", "Ministry"): each is tried against the names once
def _slip_of(word: str) -> tuple[str, str] | None:
    """``(value, type)`` of the first one-word source ``word`` is a slip of (:func:`_misspelt`), else None."""
    for value, kind, known in _sources()["one_word_sources"]:
        if _misspelt(word, known):
            return value, kind
    return None


def _misspelt(word: str, known: str) -> bool:
    """Is ``word`` a slip of ``known``: the same capitals in another order, or a long word one edit away?"""
    if word == known:
        return False
    if lexicon.is_acronym(known):
        return word.isupper() and len(word) == len(known) and sorted(word) == sorted(known)
    return len(known) >= 8 and word[:1].isupper() and _one_edit(word.lower(), known.lower())


def _one_edit(a: str, b: str) -> bool:
    """One letter inserted, deleted or replaced."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] or a[i + 1 :] == b[i:] or a[i:] == b[i + 1 :]


def unknown_source(source: str) -> bool:
    """Does ``source`` name no source of the lexicon (its value is its own words)? Some known sources have the type
    ``other`` too (the civil defence, a statement).

    >>> unknown_source("underground tunnels Konashenkov")
    True
    >>> unknown_source("local civil defense official Leys al-Faris")
    False
    """
    value, kind = normalise_source(source)
    return kind == "other" and value == _ARTICLE.sub("", source.strip())
