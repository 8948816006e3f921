"""Can two outlets' statements of one detail both be true? The tests each comparer builds on.

>>> intervals_overlap(21, 21, 18, 18), intervals_overlap(21, float("nan"), 22, 22)
(False, True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..details.gazetteer import skeleton_key
from ..details.places import place_ancestors, places_related, split_direction


def sets_compatible(mine: frozenset, theirs: frozenset) -> bool:
    """Two sets of actors, labels or sources clash only when each names something the other does not.

    >>> sets_compatible(frozenset({"ISIS"}), frozenset({"ISIS", "Russia"})), sets_compatible({"a"}, {"b"})
    (True, False)
    """
    return not (mine - theirs and theirs - mine)


def places_compatible(mine: frozenset, theirs: frozenset) -> bool:
    """Two sets of places clash only when each holds a place that lies neither in, around nor across any place of
    the other; of each set only its most specific places count ("Jasim, Daraa" is compared as "Jasim").

    >>> places_compatible(frozenset({"Jasim", "Daraa"}), frozenset({"Nawa", "Daraa"}))
    False
    >>> places_compatible(frozenset({"Syria"}), frozenset({"al-Sukhnah", "Homs"}))
    True
    """
    mine, theirs = most_specific(mine), most_specific(theirs)

    def alone(place, others):
        return not any(same_ground(place, other) for other in others)
    return not (any(alone(p, theirs) for p in mine) and any(alone(p, mine) for p in theirs))


def same_ground(a: str, b: str) -> bool:
    """Can two places name the same ground (:func:`claimdiff.details.places.places_related`), or are they two
    spellings of one name that differ in their vowels (:func:`claimdiff.details.gazetteer.skeleton_key`: "Hader", a
    village the gazetteer places elsewhere, and "Hadar")?

    >>> same_ground("Hadar", "Al Hadir"), same_ground("Jasim", "Nawa")
    (True, False)
    """
    if places_related(a, b):
        return True
    key = skeleton_key(split_direction(a)[1])
    return bool(key) and split_direction(a)[0] == split_direction(b)[0] and key == skeleton_key(split_direction(b)[1])


def most_specific(places: frozenset) -> frozenset:
    """The places of a set that contain none of the others."""
    inner = {a for p in places for a in place_ancestors(p)}
    return frozenset(p for p in places if p not in inner)


def dates_compatible(low_a, high_a, low_b, high_b) -> bool:
    """Can two day intervals both be true? They must share a day; a missing interval is compatible with any.

    >>> day = pd.Timestamp
    >>> dates_compatible(day("2024-04-17"), day("2024-04-17"), day("2024-04-18"), day("2024-04-18"))
    False
    >>> dates_compatible(day("2024-04-17"), day("2024-04-18"), day("2024-04-18"), day("2024-04-18"))
    True
    """
    if pd.isna(low_a) or pd.isna(low_b):
        return True
    return bool(max(low_a, low_b) <= min(high_a, high_b))


def intervals_overlap(low_a, high_a, low_b, high_b) -> bool:
    """Can two counts both be true? Missing bounds are open (0 below, infinity above)."""
    low_a, low_b = np.nan_to_num(low_a, nan=0.0), np.nan_to_num(low_b, nan=0.0)
    high_a, high_b = np.nan_to_num(high_a, nan=np.inf), np.nan_to_num(high_b, nan=np.inf)
    return bool(max(low_a, low_b) <= min(high_a, high_b))


def max_open(highs: list) -> float:
    """The largest of upper bounds, NaN (open) when any is open."""
    return np.nan if any(pd.isna(h) for h in highs) else max(highs, default=np.nan)


def min_known(values: list) -> float:
    """The smallest known value, NaN when none is known."""
    known = [v for v in values if not pd.isna(v)]
    return min(known) if known else np.nan


def spread(kind: str, compared: list[dict], compatible) -> float:
    """How far apart the outlets are (the ``score`` column). Counts: ratio of the largest to the smallest stated
    value; dates: days between the farthest dates; other kinds: share of outlets that disagree with at least one
    other (``compatible(a, b)`` says whether two rows can both be true)."""
    if len(compared) < 2:
        return np.nan
    if kind == "count":
        points = [row["high"] if pd.isna(row["low"]) else row["low"] for row in compared]
        points = [p for p in points if not pd.isna(p) and p > 0]
        return float(max(points) / min(points)) if len(points) >= 2 else np.nan
    if kind == "date":
        lows = [row["date_low"] for row in compared if not pd.isna(row.get("date_low"))]
        highs = [row["date_high"] for row in compared if not pd.isna(row.get("date_high"))]
        if len(lows) < 2 or not highs:
            return np.nan
        return float(max((max(lows) - min(highs)).days, 0))
    disagree = sum(
        not all(compatible(row, other) for j, other in enumerate(compared) if j != i)
        for i, row in enumerate(compared)
    )
    return disagree / len(compared)
