"""Whether two reports' openings tell of one incident by what identifies an incident: the same place, the same kind
of act, on the same day: positive evidence for events (off by default: ``identity_weight`` of
:class:`claimdiff.events.EventClusterer` says why).

An incident is one bounded happening at one place and time, of one kind (the FA-KES guidelines: same town or site,
same day, same kind of happening). Two outlets often tell it in words that share little (a state outlet's
"terrorist rocket attacks on Aleppo city" against "shelling in west Aleppo"), so the lexical similarity alone leaves
them apart; but their openings still name the same place, the same kind of act, and the same day. The
penalties of :mod:`claimdiff.events.places` and :mod:`claimdiff.events.acts` take from pairs whose openings
disagree on place or act; this is their positive side: a pair whose openings agree on all three gains
``identity_weight``. Each part needs evidence on both sides (an opening with no place, no act or no day agrees with
nothing), and a place agrees with another only when they are the same gazetteer place or one lies in the other.

A report's incident day is the day its lead tells of (:func:`claimdiff.events.dates.main_events`), else its
publication day (after the dateline correction): a report with neither agrees with nothing, so undated corpora
(ECB+) get no evidence here.

>>> places = [frozenset({"al-Bab"}), frozenset({"al-Bab"}), frozenset({"Manbij"}), frozenset()]
>>> acts = [frozenset({"air strike"}), frozenset({"air strike", "shelling"}), frozenset({"air strike"}),
...         frozenset({"air strike"})]
>>> days = np.array([736000.0, 736001.0, 736000.0, 736000.0])
>>> incident_agreement(places, acts, days, [0, 0, 0], [1, 2, 3]).tolist()  # a day apart; Manbij; no place
[False, False, False]
>>> incident_agreement(places, acts, days, [0], [1], max_days=1).tolist()
[True]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from claimdiff.details.places import place_ancestors

__all__ = ["incident_agreement", "incident_days"]

# date.toordinal() of 1970-01-01: publication day numbers count from it, lead days from year 1.
_EPOCH_ORDINAL = 719163


def incident_days(lead_days: np.ndarray, publication_days: np.ndarray) -> np.ndarray:
    """Each report's incident day as a ``date.toordinal()`` number: the lead's day, else the publication day
    (day numbers since 1970-01-01, fractions dropped); NaN where neither is known.

    >>> incident_days(np.array([736000.0, np.nan, np.nan]), np.array([0.5, 1.0, np.nan])).tolist()
    [736000.0, 719164.0, nan]
    """
    published = np.floor(np.asarray(publication_days, dtype=np.float64)) + _EPOCH_ORDINAL
    lead = np.asarray(lead_days, dtype=np.float64)
    return np.where(np.isfinite(lead), lead, published)


def incident_agreement(places: Sequence[frozenset[str]], acts: Sequence[frozenset[str]], days: np.ndarray,
                       rows, cols, max_days: float = 0.0) -> np.ndarray:
    """For each pair ``(rows[i], cols[i])``: True where both openings name places and two of them are the same place
    or one lies in the other, both name kinds of act and one in common, and their incident days (:func:`incident_days`)
    are at most ``max_days`` apart (bool)."""
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    if len(rows) == 0:
        return np.zeros(0, dtype=bool)
    with np.errstate(invalid="ignore"):  # NaN: no day, no agreement
        near = np.abs(days[rows] - days[cols]) <= max_days
    kinds = sorted({kind for found in acts for kind in found})
    bits = np.array([sum(1 << kinds.index(kind) for kind in found) for found in acts], dtype=np.int64)
    agree = near & ((bits[rows] & bits[cols]) != 0)
    code_of: dict[tuple[str, ...], int] = {}
    codes = np.array([code_of.setdefault(tuple(sorted(p)), len(code_of)) for p in places], dtype=np.int64)
    keys = list(code_of)
    check = np.flatnonzero(agree)
    pair_code = codes[rows[check]] * len(keys) + codes[cols[check]]
    unique, inverse = np.unique(pair_code, return_inverse=True)
    verdict = np.array([_same_ground(keys[c // len(keys)], keys[c % len(keys)]) for c in unique.tolist()],
                       dtype=bool)
    agree[check] = verdict[inverse.ravel()] if len(unique) else False
    return agree


@lru_cache(maxsize=200_000)
def _same_ground(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return any(x == y or x in place_ancestors(y) or y in place_ancestors(x) for x in a for y in b)
