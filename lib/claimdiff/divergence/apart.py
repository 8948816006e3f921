"""Reports of one event whose leads tell of evidently different incidents: they are not compared with each other.

Events are found by clustering, and an event sometimes holds reports of two incidents (two strikes on one town
three weeks apart, a bombing in one city and shelling in another on the same day). Their tolls, sources, labels and
doubts differ because they tell of different things, not because the outlets disagree. Two reports are *apart*
when their leads (:func:`.days.lead_days`: the first sentence of the first :data:`.days.LEAD_SENTENCES` that dates
the act, less datelines, times of speech, background and earlier days) date the act :data:`APART_DAYS` or more
days apart, or when the places their leads name (below the country, background left out) lie on no common ground in
the gazetteer, none inside, around or near another (:func:`places_disjoint`: "Qamishli" against "Aleppo"; a village
the gazetteer does not know lies in the governorates its lead names beside it, not anywhere), or when both leads
place the act in villages or towns that lie apart and neither names a city (:func:`.apart_villages.villages_apart`:
"Urum al-Joz" against "the town of Khan Shaykhun", both in Idlib province), or when one lead dates the act and the
other report, whose lead dates nothing, was filed :data:`RETOLD_WITHIN_DAYS` days or more after it
(:func:`filed_long_after`: a rights group's report on mines in one town, filed three weeks after an air raid on
another village). A lead that names no place below the country is apart from no other by that fact, nor is one that
dates nothing and was filed within days of the other's act: a report filed days later that does not date the act
retells it as often as it tells of a new one; and a village against a city of its governorate, or a governorate
named alone, is as often one incident placed two ways.

Every comparison of two outlets' statements (:func:`.comparers.compare_pairwise`) but those of days and places,
which compare the very facts that tell reports apart, skips the pairs of reports that are apart
(:func:`.core.reports_apart`, set for a call of :func:`claimdiff.divergence.compare_details` unless
``DivergenceSettings.tell_incidents_apart`` is off).

On FA-KES dev (``benchmarks/divergence_fakes_false_alarms.py all 40 merged``, 2026-12-07) it removes none of the
flags with the gold events (and holds apart none of the 487 pairs of reports of one gold event), and 17 of the 41
flags with the predicted events whose two sides are reports of different gold incidents (6 of them by the filing
day). Placing a village the gazetteer does not know in the governorate named beside it holds apart 3 more of the
439 pairs of reports of different gold incidents in one predicted event (a shelling of Eastern Ghouta beside a
Khan Shaykhun report that spells the town its own way), and villages apart 4 more, still none of one gold incident
(``benchmarks/divergence_fakes_false_alarms.py all 40 merged`` prints both counts).

>>> day = pd.Timestamp
>>> facts = {"a": LeadFacts((day("2016-04-04"),) * 2, frozenset({"Aleppo"})),
...          "b": LeadFacts((day("2016-04-25"),) * 2, frozenset({"Aleppo"})),
...          "c": LeadFacts(None, frozenset({"Qamishli"})), "d": LeadFacts((day("2016-04-05"),) * 2, frozenset())}
>>> apart = ReportsApart(facts)
>>> apart("a", "b"), apart("a", "c"), apart("a", "d"), apart("c", "d"), apart("a", "unknown")
(True, True, False, False, False)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..details.gazetteer import place, top_level_names
from ..details.places import enclosing_places, split_direction
from .apart_villages import villages_apart
from .compatible import same_ground
from .days import LEAD_SENTENCES

# Leads that date the act this many days apart or more tell of two incidents (a day or two apart is as often one
# story: "late Thursday" and "early Friday", a report filed past midnight, a battle over a weekend).
APART_DAYS = 3
# A report whose lead dates nothing, filed this many days or more after the act another lead dates, does not retell
# that act: retellings (toll updates, funerals, investigations) come sooner or date what they retell. On FA-KES dev
# the gold incidents' undated retellings came at most 17 days after the act. Such a report is held apart from that
# lead's report only, and still compared with the others of its event.
RETOLD_WITHIN_DAYS = 21


@dataclass(frozen=True)
class LeadFacts:
    """What a report's lead says of its act: the span of days it dates it to (``None``: it dates nothing), the
    places it names, and the day the report was filed (``None``: not known)."""

    days: tuple | None
    places: frozenset
    filed: pd.Timestamp | None = None
    grounds: frozenset = frozenset()  # (name, role) of the places below the country (.apart_villages)


class ReportsApart:
    """``apart(a, b)``: do the leads of reports ``a`` and ``b`` tell of evidently different incidents (see the module
    docstring)? Reports without facts are apart from none."""

    def __init__(self, facts: dict[str, LeadFacts]):
        self.facts = facts
        self._known: dict[tuple, bool] = {}

    def __call__(self, a, b) -> bool:
        if a == b or a not in self.facts or b not in self.facts:
            return False
        key = (a, b) if str(a) < str(b) else (b, a)
        if key not in self._known:
            self._known[key] = leads_apart(self.facts[a], self.facts[b])
        return self._known[key]


def leads_apart(a: LeadFacts, b: LeadFacts) -> bool:
    """Do two leads date the act :data:`APART_DAYS` days apart or more, name places on no common ground or villages
    apart, or was the one that dates nothing filed long after the other's act (see the module docstring)?

    >>> day = pd.Timestamp
    >>> saturday, wednesday = (day("2017-04-15"),) * 2, (day("2017-04-19"),) * 2
    >>> leads_apart(LeadFacts(saturday, frozenset()), LeadFacts(wednesday, frozenset()))
    True
    >>> leads_apart(LeadFacts(None, frozenset({"Jasim"})), LeadFacts(None, frozenset({"Nawa", "Syria"})))
    True
    >>> leads_apart(LeadFacts(None, frozenset({"Jasim", "Nawa"})), LeadFacts(None, frozenset({"Nawa", "Daraa"})))
    False
    """
    if a.days is not None and b.days is not None:
        gap = max(a.days[0], b.days[0]) - min(a.days[1], b.days[1])
        if gap >= pd.Timedelta(days=APART_DAYS):
            return True
    return filed_long_after(a, b) or filed_long_after(b, a) or places_disjoint(a.places, b.places) or \
        villages_apart(a.grounds, b.grounds)


def filed_long_after(dated: LeadFacts, undated: LeadFacts) -> bool:
    """Does ``dated`` date the act, and was ``undated``, whose lead dates nothing, filed :data:`RETOLD_WITHIN_DAYS`
    days or more after the last day it gives?

    >>> day = pd.Timestamp
    >>> raid = LeadFacts((day("2016-10-05"),) * 2, frozenset())
    >>> filed_long_after(raid, LeadFacts(None, frozenset(), day("2016-10-26")))
    True
    >>> filed_long_after(raid, LeadFacts(None, frozenset(), day("2016-10-09")))  # a retelling days later
    False
    >>> filed_long_after(raid, LeadFacts((day("2016-10-05"),) * 2, frozenset(), day("2016-10-26")))  # dates it
    False
    """
    if dated.days is None or undated.days is not None or undated.filed is None or pd.isna(undated.filed):
        return False
    return undated.filed - dated.days[1] >= pd.Timedelta(days=RETOLD_WITHIN_DAYS)


def places_disjoint(mine: frozenset, theirs: frozenset) -> bool:
    """Does no place of one set (below the country) lie on the ground of any of the other's
    (:func:`.compatible.same_ground`: in, around or near it)? Two towns of one governorate, each lead naming the
    governorate too, are not disjoint: leads of one incident often place it in two villages a few miles apart. A
    set without a place below the country is disjoint from none.

    >>> places_disjoint(frozenset({"Qamishli"}), frozenset({"Aleppo", "Syria"}))
    True
    >>> places_disjoint(frozenset({"Jasim", "Daraa"}), frozenset({"Daraa"}))
    False
    >>> places_disjoint(frozenset(), frozenset({"Idlib"}))
    False
    >>> village = "Qaryat al-Mithal"  # not in the gazetteer: it may lie in any governorate, but for the one beside it
    >>> places_disjoint(frozenset({village}), frozenset({"Damascus"})), places_disjoint(frozenset({village, "Idlib"}),
    ...                                                                                 frozenset({"Damascus"}))
    (False, True)
    """
    mine, theirs = _below_countries(mine), _below_countries(theirs)
    return bool(mine) and bool(theirs) and not any(_meet(p, mine, q, theirs) for p in mine for q in theirs)


def _meet(p: str, mine: frozenset, q: str, theirs: frozenset) -> bool:
    """Can place ``p`` of a lead naming ``mine`` and place ``q`` of one naming ``theirs`` be one ground? A place the
    gazetteer does not place may lie in any governorate (:func:`.compatible.same_ground`), but in a lead that names
    governorates beside it, it lies in one of those."""
    return same_ground(p, q) and not _placed_away(p, mine, q) and not _placed_away(q, theirs, p)


def _placed_away(p: str, mine: frozenset, q: str) -> bool:
    """Is ``p`` unknown to the gazetteer, ``q`` ground other places lie in (a governorate, "Eastern Ghouta"), and
    every governorate named beside ``p`` apart from ``q``?"""
    if place(split_direction(p)[1]) is not None or split_direction(q)[0] or q not in enclosing_places():
        return False
    beside = [r for r in mine if r != p and _is_region(r)]
    return bool(beside) and not any(same_ground(r, q) for r in beside)


def _is_region(name: str) -> bool:
    found = place(split_direction(name)[1])
    return found is not None and found.kind == "region" and not split_direction(name)[0]


def _below_countries(places: frozenset) -> frozenset:
    countries = top_level_names()
    return frozenset(p for p in places if split_direction(p)[1] not in countries)


def lead_facts(members: pd.DataFrame, stated: pd.DataFrame, leads: tuple) -> dict[str, LeadFacts]:
    """Each report's :class:`LeadFacts`: ``members``, the events' sentences (``report_id``, ``sent_idx``);
    ``stated``: the details compared (no datelines, no times of speech, no background); ``leads``: the filing days
    and lead days of :func:`.days.lead_days` (of the same tables)."""
    days: dict[str, tuple] = {}
    for (_, report), rows in leads[1].items():
        low, high = min(r["date_low"] for r in rows), max(r["date_high"] for r in rows)
        if not (pd.isna(low) or pd.isna(high)):
            days.setdefault(report, (low.normalize(), high.normalize()))
    lead_end = (members.groupby("report_id")["sent_idx"].min() + LEAD_SENTENCES).to_dict()
    filed = leads[0].dropna(subset=["filed"]).groupby("report_id")["filed"].min().to_dict()
    places = stated[stated["kind"] == "place"]
    roles = places["role"] if "role" in places else pd.Series(None, index=places.index, dtype=object)
    named: dict[str, set] = {}
    grounds: dict[str, set] = {}
    countries = top_level_names()
    for report, sent_idx, name, role in zip(places["report_id"], places["sent_idx"], places["value"], roles,
                                            strict=True):
        if report in lead_end and sent_idx < lead_end[report]:
            named.setdefault(report, set()).add(str(name))
            if split_direction(str(name))[1] not in countries:
                grounds.setdefault(report, set()).add((str(name), role if isinstance(role, str) else None))
    return {report: LeadFacts(days.get(report), frozenset(named.get(report, ())), filed.get(report),
                              frozenset(grounds.get(report, ()))) for report in lead_end}


def held_apart(members: pd.DataFrame, apart: ReportsApart) -> set[tuple]:
    """The ``(event_id, report_id)`` of each report held apart from more than half of the other reports of its
    event: it tells of another incident than the one its event's reports mostly tell of, and was compared with few
    of them or none (``members``: the events' sentences, ``event_id`` and ``report_id``). Two reports alone in an
    event and apart are both held apart: nothing says which incident is the event's.

    >>> day = pd.Timestamp
    >>> strike, shelling = LeadFacts((day("2017-04-04"),) * 2, frozenset({"Idlib"})), \
LeadFacts((day("2017-04-04"),) * 2, frozenset({"Qamishli"}))
    >>> apart = ReportsApart({"a": strike, "b": strike, "c": shelling, "d": LeadFacts(None, frozenset())})
    >>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b", "c", "d", "a"]})
    >>> sorted(held_apart(members, apart))  # "c" is apart from "a" and "b", not from "d", which dates nothing
    [(0, 'c')]
    """
    held = set()
    for event, reports in members.groupby("event_id", sort=False)["report_id"].unique().items():
        facts = [(report, apart.facts.get(report)) for report in reports]
        for report, mine in facts:
            if mine is None:
                continue
            needed, left = (len(facts) - 1) // 2 + 1, len(facts) - 1  # more than half of the others
            for other, theirs in facts:
                if needed == 0 or left < needed:
                    break
                if other == report:
                    continue
                left -= 1
                # leads_apart directly, not apart(): the pairs of a large event are not worth keeping
                needed -= theirs is not None and leads_apart(mine, theirs)
            if needed == 0:
                held.add((event, report))
    return held
