"""Actors the lexicon does not know, learnt from the capitalised names of a corpus and merged by general rules.

The actor lexicon (``data/actors.yaml``) knows the parties of one conflict. Any other corpus names its own people,
groups and countries; :func:`name_mentions` finds them and merges the ways a corpus writes one name:

1. A name is a run of capitalised words ("Donald Trump", "North Korea", "Kim Jong-un"). Titles before it
   (``titles`` in ``data/actors.yaml``: "President", "Mr.", "Prime Minister") and a leading stop word ("The",
   "But") are dropped, and so is a trailing possessive. A one-word name that only ever opens a sentence ("Officials
   said") is not a name, nor is a lone stop word, day or month ("It", "Friday", "May"; but "Mrs. May" is).
2. A one-word name joins the longer name whose last word it is ("Trump" -> "Donald Trump"), else the longer name
   whose first word it is (family name first: "Kim" -> "Kim Jong-un"); among several, the most frequent.
3. A demonym joins the name it comes from when the corpus or the lexicon has that name: "Iranian" -> "Iran",
   "Israeli" -> "Israel", "North Korean" -> "North Korea", "Russian" -> the lexicon's "Russia".
4. Spans the lexicon already finds are left to the lexicon.

Each merged group is named by its most frequent form as written (or the lexicon's name when it is one of its
aliases). No rule looks at which dataset it runs on.

>>> import pandas as pd
>>> sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "start": [0, 100, 200], "text": [
...     "President Donald Trump met Kim Jong-un.", "Mr. Trump said Kim was serious.",
...     "The North Korean leader praised North Korea."]})
>>> [(m.text, m.actor) for m in name_mentions(sentences).itertuples()]  # doctest: +NORMALIZE_WHITESPACE
[('Donald Trump', 'Donald Trump'), ('Kim Jong-un', 'Kim Jong-un'), ('Trump', 'Donald Trump'),
 ('Kim', 'Kim Jong-un'), ('North Korean', 'North Korea'), ('North Korea', 'North Korea')]
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from functools import lru_cache

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from claimdiff.details import lexicon
from claimdiff.details.actors import find_actors

_CAPITAL_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’]*(?:-[\w'’]+)*\.?)"  # "U.S.", "D.N.C." first, else a word
_NAME = re.compile(rf"(?<![\w'’-]){_CAPITAL_WORD}(?:[ \t]+{_CAPITAL_WORD})*")
_POSSESSIVE = re.compile(r"['’]s?$")
_INNER_POSSESSIVE = re.compile(r"['’]s\s")
# Capitalised words that are no names by themselves: stop words, days and months ("Mrs. May" is still a name).
_NOT_NAMES = ENGLISH_STOP_WORDS | {w.casefold() for w in [*calendar.day_name, *calendar.month_name,
                                                          *calendar.day_abbr, *calendar.month_abbr] if w}
COLUMNS = ["report_id", "sent_idx", "text", "start", "end", "actor"]


@lru_cache(maxsize=1)
def _titles() -> re.Pattern:
    titles = sorted(lexicon.load("actors")["titles"], key=len, reverse=True)
    body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    return re.compile(rf"(?:(?<=^)|(?<=\s))(?:(?:{body}|the|of)(?:(?<=\.)|(?!\w))\s*)+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    actors = lexicon.load("actors")["actors"]
    return {_key(alias): name for name, entry in actors.items() for alias in entry["aliases"]}


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.casefold().replace(".", "")).strip()


def _trim(text: str, start: int) -> tuple[int, int] | None:
    """The span of the name proper in ``text`` (a capitalised run starting at ``start``), or None."""
    cut = 0
    for title in _titles().finditer(text):  # "French President Emmanuel Macron": the name follows the last title
        if title.end() < len(text):
            cut = title.end()
    title = _titles().match(text[cut:])
    cut += title.end() if title else 0
    words = text[cut:].split()
    while len(words) > 1 and words[0].casefold().strip(".") in ENGLISH_STOP_WORDS:  # "But Trump"; not "Mrs. May"
        cut = text.index(words[0], cut) + len(words[0])
        cut += len(text[cut:]) - len(text[cut:].lstrip())
        words = words[1:]
    bare = words and words[0].casefold().strip(".") in _NOT_NAMES
    if not words or (len(words) == 1 and bare and cut == 0):  # "It", "Friday": unless a title stands before it
        return None
    end = len(text) if re.search(r"(?:[A-Z]\.){2,}$", text) else len(text.rstrip("."))  # "D.N.C." keeps its dot
    possessive = _POSSESSIVE.search(text[:end])
    if possessive and text[:end].endswith(("'s", "’s", "'", "’")):
        end = possessive.start()
    if end <= cut:
        return None
    return start + cut, start + end


def _candidates(sentences: pd.DataFrame) -> list[dict]:
    found = []
    for report_id, sent_idx, text, offset in zip(sentences["report_id"], sentences["sent_idx"], sentences["text"],
                                                 sentences["start"], strict=True):
        known = [(m.start, m.end) for m in find_actors(text)]
        for match in _runs(text):
            span = _trim(match.group(), match.start())
            if span is None:
                continue
            start, end = span
            if any(s < end and start < e for s, e in known):
                continue
            found.append({"report_id": report_id, "sent_idx": sent_idx, "text": text[start:end],
                          "start": offset + start, "end": offset + end,
                          "opens": not text[:start].strip(" \"'“‘(")})
    return found


def _runs(text: str):
    """Capitalised runs, split after a possessive: "North Korea's Kim" is two names (offsets kept)."""
    return _NAME.finditer(_INNER_POSSESSIVE.sub(lambda m: m.group()[:2] + "\n", text))


def _demonym_stems(word: str) -> list[str]:
    """Names a demonym may come from: Iranian -> Iran, Russian -> Russia, Israeli -> Israel, Japanese -> Japan."""
    stems = []
    if word.endswith("ian"):
        stems += [word[:-3], word[:-1]]
    if word.endswith("an"):
        stems += [word[:-1], word[:-2], word[:-2] + "o"]
    if word.endswith("i"):
        stems += [word[:-1]]
    if word.endswith("ese"):
        stems += [word[:-3]]
    return [s for s in stems if len(s) > 2]


def name_mentions(sentences: pd.DataFrame) -> pd.DataFrame:
    """Names of ``sentences`` (``report_id, sent_idx, text, start``) that the lexicon does not know, one row per
    mention: ``report_id, sent_idx, text, start, end`` (offsets into the report text) and ``actor``, the merged
    name (see the module docstring). An empty input gives an empty table."""
    found = _candidates(sentences) if len(sentences) else []
    if not found:
        return pd.DataFrame(columns=COLUMNS)
    keys = [_key(m["text"]) for m in found]
    inside = Counter(k for k, m in zip(keys, found, strict=True) if not m["opens"])
    frequency = Counter(keys)
    long_names = [k for k in frequency if " " in k]
    rows = []
    for key, mention in zip(keys, found, strict=True):
        if " " not in key and mention["opens"] and not inside[key]:
            continue  # "Officials said": a capital only because it opens a sentence
        rows.append({**mention, "key": key})
    canonical = {}
    for key in {row["key"] for row in rows}:
        canonical[key] = _merge(key, long_names, frequency)
    surface: dict[str, Counter] = {}
    for row in rows:
        row["group"] = canonical[row["key"]]
        surface.setdefault(row["group"], Counter())[row["text"]] += 1
    for row in rows:
        group = row["group"]
        row["actor"] = _aliases().get(group) or max(surface[group].items(),
                                                    key=lambda kv: (kv[1], _key(kv[0]) == group, len(kv[0]), kv[0]))[0]
    return pd.DataFrame(rows, columns=[*COLUMNS, "key", "group"])[COLUMNS]


def _merge(key: str, long_names: list[str], frequency: Counter) -> str:
    words = key.split()
    for stem in _demonym_stems(words[-1]):
        candidate = " ".join([*words[:-1], stem])
        if candidate in frequency or candidate in _aliases():
            return candidate
    if len(words) == 1:
        for position in (-1, 0):
            # Family name first ("Kim" of "Kim Jong Un") only for names of three or more parts: "Mexico" is not
            # "Mexico City".
            fuller = [n for n in long_names if n.split()[position] == key and (position == -1 or len(n.split()) > 2)]
            if fuller:
                return max(fuller, key=lambda n: (frequency[n], n))
    return key
