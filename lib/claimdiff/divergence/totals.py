"""A part against its whole: a count of one group of people (children, soldiers, fighters, …: the details table's
``group``) is bounded by the total toll (group ``people``) another outlet gives for the same subject in the same
claim group. The two are never compared as equals ("21 children" is not "53 people"), but a part larger than the
whole can bound cannot stand with it: "three of the attackers were killed" against "no one was killed", or "12
children" against "10 people". A part within the total (or a total with no upper bound: "at least 10", "dozens"
is 24-99 and bounds) is compatible.

>>> part = {"outlet": "a", "low": 3.0, "high": 3.0, "value": "3", "agrees": True, "compared": True,
...         "report_id": "a1", "evidence": "killing three of the attackers", "confidence": float("nan")}
>>> total = {**part, "outlet": "b", "low": 0.0, "high": 0.0, "value": "0", "report_id": "b1", "evidence": "no dead"}
>>> bound_by_totals({"fighters": [part], "people": [total]})
>>> part["agrees"], part["other_value"], part["confidence"], total["other_value"]
(False, '0', 1.0, '3')
>>> def row(outlet, n): return {**part, "outlet": outlet, "low": n, "high": n, "value": str(n), "agrees": True}
>>> a32, b32, a15, b15 = row("a", 32.0), row("b", 32.0), row("a", 15.0), row("b", 15.0)
>>> bound_by_totals({"fighters": [a32, b32], "people": [a15, b15]})  # "32 rebels, ... an earlier toll of 15"
>>> a32["agrees"], b15["agrees"]
(True, True)
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import pandas as pd

from ..details.gazetteer import gazetteer, top_level_names
from ..details.groups import PART, PERSON_GROUPS
from ..details.places import place_ancestors, split_direction
from .comparers import interval_clash
from .compatible import most_specific
from .core import TOLL_SUBJECTS, active

TOTAL = "people"
PARTS = tuple(g for g in PERSON_GROUPS if g != TOTAL) + (PART,)


def part_clash(part_low: float, total_high: float) -> float:
    """How sure that a part of at least ``part_low`` cannot lie within a total of at most ``total_high`` (NaN: no
    upper bound): 0 when it can, else the clash of the two figures (:func:`.comparers.interval_clash`).

    >>> part_clash(3, 0), round(part_clash(12, 10), 2), part_clash(2, 14), part_clash(5, float("nan"))
    (1.0, 1.0, 0.0, 0.0)
    """
    if pd.isna(part_low) or pd.isna(total_high) or part_low <= total_high:
        return 0.0
    return interval_clash(part_low, part_low, total_high, total_high)


def bound_by_totals(by_group: dict) -> None:
    """Compare, in place, the count rows of one subject in one claim group, by ``group``, part against total:
    each part row that exceeds another outlet's total (and that total row) disagrees, unless it already clashes
    more surely. Only rows with a true ``compared`` (stated, current) take part. A figure of people is a total only
    when it bounds its own outlet's parts ("32 rebels ..., updating an earlier toll of 15": 15 is no total; nor is
    "four children and a woman" read as 5 people), and an outlet that gives a total is compared by it, not by its
    parts."""
    parts = [(group, row) for group, rows in by_group.items() if group in PARTS for row in rows if row["compared"]]
    largest_part: dict = {}
    for _, part in parts:
        if not pd.isna(part["low"]):
            largest_part[part["outlet"]] = max(part["low"], largest_part.get(part["outlet"], 0.0))
    totals = [row for row in by_group.get(TOTAL, []) if row["compared"]
              and (pd.isna(row["high"]) or row["high"] >= largest_part.get(row["outlet"], 0.0))]
    with_total = {total["outlet"] for total in totals}
    for group, part in parts:
        if part["outlet"] in with_total:
            continue
        for total in totals:
            if total["outlet"] == part["outlet"]:
                continue
            confidence = part_clash(part["low"], total["high"])
            if group == PART:  # a part of what, it does not say ("15 of the wounded"): a weak clash
                confidence = min(confidence, active().bound_confidence)
            if confidence > 0:
                _record(part, total, confidence)
                _record(total, part, confidence)


def _record(row: dict, other: dict, confidence: float) -> None:
    if row["agrees"] is False and not pd.isna(row["confidence"]) and row["confidence"] >= confidence:
        return
    row.update(agrees=False, other_outlet=other["outlet"], other_report_id=other["report_id"],
               other_evidence=other["evidence"], other_value=other["value"], confidence=confidence)


# How many counts of separate places a report's total may sum (two strikes, three neighbourhoods).
MOST_PLACES_SUMMED = 3


def place_sums(members: pd.DataFrame, details: pd.DataFrame) -> dict[tuple, list[float]]:
    """The tolls that sum a report's own counts of separate places: per (report_id, sent_idx, subject, value) of
    such a toll, the figures it sums. "At least six children were killed and 15 injured in rocket attacks on west
    Aleppo", and further down three children killed and 14 students injured at a school in one neighbourhood, three
    brothers killed and a fourth injured in another: 6 and 15 are totals over two strikes, and another outlet's
    "three children killed and 14 injured" (the school alone) counts one of them, no other toll. A figure sums its
    report's counts of one subject in two or three other sentences that name separate places (:func:`separate`);
    each part an exact figure, the sum exact or a lower bound.
    ``members``: the claims' sentences (``report_id``, ``sent_idx``); ``details`` as compared.

    >>> members = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2]})
    >>> details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 1, 2, 2], "subject": "killed",
    ...     "kind": ["count", "count", "place", "count", "place"], "value": ["at least 6", "3", "Shahba", "3", "Ramla"],
    ...     "low": [6.0, 3.0, None, 3.0, None], "high": [None, 3.0, None, 3.0, None]})
    >>> place_sums(members, details)
    {('r', 0, 'killed', 'at least 6'): [3.0, 3.0]}
    """
    keys = ["report_id", "sent_idx"]
    details = details.merge(members[keys].drop_duplicates(), on=keys)
    countries = top_level_names()
    places: dict[tuple, set] = {}
    named = details[details["kind"] == "place"]
    for report, i, value in zip(named["report_id"], named["sent_idx"], named["value"], strict=True):
        if value not in countries:
            places.setdefault((report, i), set()).add(value)
    counts = details[(details["kind"] == "count") & details["subject"].isin(TOLL_SUBJECTS) & details["low"].gt(0)]
    by_toll: dict[tuple, list[tuple]] = {}
    for row in zip(counts["report_id"], counts["subject"], counts["sent_idx"], counts["low"], counts["high"],
                   counts["value"], strict=True):
        by_toll.setdefault(row[:2], []).append(row[2:])
    sums: dict[tuple, list[float]] = {}
    for (report, subject), mine in by_toll.items():
        parts = [(i, low) for i, low, high, _ in mine if low == high and (report, i) in places]
        if len(parts) < 2:
            continue
        for i, low, _, value in mine:
            found = _summed(low, [(j, n) for j, n in parts if j != i],
                            lambda j, report=report: frozenset(places[(report, j)]))
            if found:
                sums[(report, i, subject, value)] = found
    return sums


def _summed(whole: float, parts: list[tuple], places_of) -> list[float]:
    """The figures of ``parts`` ((sentence, figure) pairs) from sentences that name separate places two by two
    (``places_of`` a sentence) that add up to ``whole``, or an empty list."""
    for size in range(2, MOST_PLACES_SUMMED + 1):
        for chosen in combinations(parts, size):
            sentences = [i for i, _ in chosen]
            if len(set(sentences)) < size or sum(low for _, low in chosen) != whole:
                continue
            if all(separate(places_of(a), places_of(b)) for a, b in combinations(sentences, 2)):
                return [low for _, low in chosen]
    return []


def separate(mine: frozenset, theirs: frozenset) -> bool:
    """Do two sentences name separate places: no place in common, and none known to lie in one of the other's?
    (Neighbourhoods are mostly unknown to the gazetteer: "Shahba" and "Hamdaniyeh", both of Aleppo, are separate,
    though "Aleppo" beside one of them does not make it a place within Aleppo.)

    >>> separate(frozenset({"Shahba", "Aleppo"}), frozenset({"Hamdaniyeh"}))
    True
    >>> separate(frozenset({"Aleppo"}), frozenset({"Aleppo", "Hamdaniyeh"})), separate({"Idlib"}, set())
    (False, False)
    """
    if not mine or not theirs or mine & theirs:
        return False
    return not any(p in place_ancestors(q) or q in place_ancestors(p) for p in mine for q in theirs)


@lru_cache(maxsize=1)
def _containers() -> frozenset[str]:
    """The places some known place lies in (countries, governorates, cities with known quarters or suburbs)."""
    return frozenset(a for p in gazetteer().places.values() for a in p.parents)


def over_several_places(places: frozenset) -> bool:
    """Does a count whose sentence names ``places`` count over two or more separate places (:func:`separate`) none
    of which holds another known place: "shelled al-Midan and al-Muhafaza ... and Bab al-Faraj ..., killing 15"
    counts the dead of three quarters, and another outlet's smaller count of one quarter is a part of it, no rival.
    A place with known places in it (a city, a governorate) is where the others lie, not one more of them, and a
    place given by its direction from another ("Rashidin, west of Aleppo") says where the other one lies.

    >>> over_several_places(frozenset({"al-Midan", "Bab al-Faraj", "Aleppo"}))
    True
    >>> over_several_places(frozenset({"al-Midan", "Aleppo", "Syria"})), over_several_places(frozenset({"Jasim"}))
    (False, False)
    >>> over_several_places(frozenset({"Rashidin", "west of Aleppo"}))
    False
    """
    inner = [p for p in most_specific(frozenset(places) - top_level_names())
             if p not in _containers() and not split_direction(p)[0]]
    return any(separate(frozenset({a}), frozenset({b})) for a, b in combinations(sorted(inner), 2))
