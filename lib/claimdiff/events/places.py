"""Where each report's own event happened, by the places its opening (headline and lead) names, and whether two
reports' openings name places that cannot be the same ground: place evidence for events.

A report tells its event's place in its headline and lead; places further down are mostly background (an earlier
attack elsewhere, the front at large). Two reports whose openings name only places that cannot be the same ground
(al-Bab and Taduf, Qamishli and Hasakah city, Homs and Aleppo) tell of two incidents, however alike their words
(two barrel-bomb raids a day apart). Places are found and related by :mod:`claimdiff.details.places`: its gazetteer
(``gazetteer_matches``) finds them, ``places_related`` says whether two can name the same ground (one lies in the
other, or they overlap). The place names the details stage learns from the corpus itself (a capitalised phrase after
"in", "near", ...) are not used here: in FA-KES openings they include "US-led", "Least", "Terrorist Attacks",
each a false clash with every real place (tried 2026-12-06: lower B-cubed F1 on FA-KES dev and on ECB+). A larger
gazetteer adds its villages here without change.

A report's opening places are its most specific ones: a place that another place of the opening lies in ("Aleppo"
beside "al-Bab") says nothing more, and gazetteer places that lie in no other (countries: "Syria", "Turkey") are too
wide to tell incidents apart. Known limit: a city that is also its governorate in the gazetteer ("Aleppo") is
related to every town of that governorate, so "Aleppo" against "al-Bab" is no clash.

>>> openings = ["Barrel bombs kill 11 in al-Bab, Aleppo province", "Raids hit Saraqib in Idlib",
...             "Syria: raids kill 13 in Idlib province", "Strikes in Syria", "BEIRUT (AFP) - Jets hit Manbij"]
>>> places = opening_places(openings)
>>> [sorted(p) for p in places]
[['al-Bab'], ['Saraqib'], ['Idlib'], [], ['Manbij']]
>>> place_clash(places, [0, 1, 0, 0], [1, 2, 3, 4]).tolist()  # Manbij and al-Bab: two towns of Aleppo province
[True, False, False, True]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np

from claimdiff.details.places import dateline_length, gazetteer_matches, place_ancestors, places_related

# A dateline in capitals without its dash, before the story's first word: "BEIRUT Air strikes on ...".
_SHOUTED_DATELINE = re.compile(r"[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]{2,})*(?=\s+[A-Z][a-z])")

__all__ = ["canonical_place_names", "opening_places", "place_clash", "places_after_opening", "places_in_opening"]


def opening_places(openings: Sequence[str]) -> list[frozenset[str]]:
    """For each opening (headline and lead), the most specific gazetteer places it names (module docstring); a wire
    dateline at the start of a line ("BEIRUT, April 20 (AFP) -") says where the story was filed, and is skipped."""
    found = []
    for text in openings:
        lines = (text if isinstance(text, str) else "").splitlines()
        places = {place for line in lines for _, _, place in gazetteer_matches(line[dateline_length(line):])}
        found.append(_most_specific(frozenset(places)))
    return found


def canonical_place_names(text: str, matches: list[tuple[int, int, str]] | None = None) -> str:
    """``text`` with every gazetteer place written as its canonical name, so that outlets' spellings of one place
    ("Idleb", "Saraqeb", "Latakia" for Idlib, Saraqib, Lattakia) are one word to the lexical channels; ``text``
    itself when it writes every place so already. ``matches``: ``gazetteer_matches(text)`` when already found.

    >>> canonical_place_names("Raids hit Saraqeb in Idleb province.")
    'Raids hit Saraqib in Idlib province.'
    """
    matches = gazetteer_matches(text) if matches is None else matches
    pieces, last = [], 0
    for start, end, name in matches:
        if text[start:end] != name:
            pieces += [text[last:start], name]
            last = end
    return "".join(pieces + [text[last:]]) if pieces else text


def places_in_opening(text: str, matches: list[tuple[int, int, str]],
                      opening: int | list[tuple[int, int]]) -> frozenset[str]:
    """:func:`opening_places` of the opening of ``text`` from the places already found in the whole ``text``
    (``gazetteer_matches(text)``), without reading it again. ``opening``: where the opening ends, or its pieces
    (``(start, end)`` spans: :func:`claimdiff.events.similarity.opening_spans`, which leaves photo captions out).

    >>> text = "BEIRUT (AFP) - Jets hit Manbij.\\nLater, strikes on Homs."
    >>> sorted(places_in_opening(text, gazetteer_matches(text), 32))
    ['Manbij']
    """
    pieces = [(0, opening)] if isinstance(opening, int) else opening
    opening_end = max((end for _, end in pieces), default=0)
    datelines, line_start = [], 0
    while line_start < opening_end:  # each line's wire dateline says where the story was filed: skipped
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        datelines.append((line_start, line_start + dateline_length(text[line_start:line_end])))
        line_start = line_end + 1
    for start, end in pieces[1:]:  # so is one that follows a photo caption, its dash often lost ("BEIRUT Jets")
        shouted = _SHOUTED_DATELINE.match(text, start, end)
        datelines.append((start, shouted.end() if shouted else start + dateline_length(text[start:end])))
    places = {name for start, end, name in matches
              if any(low <= start and end <= high for low, high in pieces)
              and not any(low <= start < high for low, high in datelines)}
    return _most_specific(frozenset(places))


def places_after_opening(text: str, matches: list[tuple[int, int, str]], opening_end: int) -> frozenset[str]:
    """The most specific places of the first sentence after the opening that names a place below a country: where a
    report whose opening names none ("A suicide blast killed 30 rebels near the border") tells of it, as its next
    lines locate the event ("The blast struck the crossing into Idlib province"); none where that sentence names
    places apart from one another (a list of provinces locates no one incident). ``matches``:
    ``gazetteer_matches(text)``; ``opening_end``: where the opening ends.

    >>> text = "A blast killed 30 rebels near the border. It hit a crossing into Idlib province. Later, Homs."
    >>> sorted(places_after_opening(text, gazetteer_matches(text), 41))
    ['Idlib']
    >>> text = "Strikes killed 50 civilians. They died in Aleppo, Idlib and Raqqa."
    >>> sorted(places_after_opening(text, gazetteer_matches(text), 28))
    []
    """
    for start, end, name in matches:
        if start < opening_end or _top_level(name):
            continue
        low = max(text.rfind(". ", opening_end, start) + 2, opening_end)
        high = text.find(". ", end)
        high = len(text) if high < 0 else high
        found = _most_specific(frozenset(n for s, e, n in matches if low <= s and e <= high))
        return found if all(_related(a, b) for a, b in combinations(sorted(found), 2)) else frozenset()
    return frozenset()


def place_clash(places: Sequence[frozenset[str]], rows, cols) -> np.ndarray:
    """For each pair ``(rows[i], cols[i])``: True where both openings name places and no place of one can be the
    same ground as a place of the other (bool)."""
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    code_of: dict[tuple[str, ...], int] = {}
    codes = np.array([code_of.setdefault(tuple(sorted(p)), len(code_of)) for p in places], dtype=np.int64)
    keys = list(code_of)
    if len(rows) == 0:
        return np.zeros(0, dtype=bool)
    # Few distinct place sets: decide each pair of sets once.
    pair_code = codes[rows] * len(keys) + codes[cols]
    unique, inverse = np.unique(pair_code, return_inverse=True)
    verdict = np.array([_sets_clash(keys[c // len(keys)], keys[c % len(keys)]) for c in unique.tolist()], dtype=bool)
    return verdict[inverse.ravel()]


@lru_cache(maxsize=200_000)
def _sets_clash(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    return not any(_related(x, y) for x in a for y in b)


@lru_cache(maxsize=200_000)
def _related(a: str, b: str) -> bool:
    return places_related(a, b)


def _most_specific(places: frozenset[str]) -> frozenset[str]:
    wider = {ancestor for place in places for ancestor in place_ancestors(place)}
    return frozenset(p for p in places if p not in wider and not _top_level(p))


@lru_cache(maxsize=100_000)
def _top_level(place: str) -> bool:
    """A gazetteer place that lies in no other: a country (places the corpus taught are never top level)."""
    return not place_ancestors(place) and bool(gazetteer_matches(place))
