"""Reports of one event whose leads tell of evidently different incidents: they are not compared with each other.

Events are found by clustering, and an event sometimes holds reports of two incidents (two strikes on one town
three weeks apart, a bombing in one city and shelling in another on the same day). Their tolls, sources, labels and
doubts differ because they tell of different things, not because the outlets disagree. Two reports are *apart*
when their leads (:func:`.days.lead_days`: the first sentence of the first :data:`.days.LEAD_SENTENCES` that dates
the act, less datelines, times of speech, background and earlier days) date the act :data:`APART_DAYS` or more
days apart, or when the places their leads name (below the country, background left out) lie on no common ground in
the gazetteer, none inside, around or near another (:func:`places_disjoint`: "Qamishli" against "Aleppo"). A lead
that dates nothing or names no place below the country is apart from no other by that fact: a report filed days
later that does not date the act retells it as often as it tells of a new one, and two villages of one governorate
named beside the governorate are as often one incident placed two ways.

Every comparison of two outlets' statements (:func:`.comparers.compare_pairwise`) but those of days and places,
which compare the very facts that tell reports apart, skips the pairs of reports that are apart
(:func:`.core.reports_apart`, set for a call of :func:`claimdiff.divergence.compare_details` unless
``DivergenceSettings.tell_incidents_apart`` is off).

On FA-KES dev (``benchmarks/divergence_fakes_false_alarms.py all 40 merged``, 2026-12-07) it removes none of the
flags with the gold events, and 9 of the 44 flags with the predicted events whose two sides are reports of
different gold incidents.

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

from ..details.gazetteer import top_level_names
from ..details.places import split_direction
from .compatible import same_ground
from .days import LEAD_SENTENCES

# Leads that date the act this many days apart or more tell of two incidents (a day or two apart is as often one
# story: "late Thursday" and "early Friday", a report filed past midnight, a battle over a weekend).
APART_DAYS = 3


@dataclass(frozen=True)
class LeadFacts:
    """What a report's lead says of its act: the span of days it dates it to (``None``: it dates nothing) and the
    places it names."""

    days: tuple | None
    places: frozenset


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
    """Do two leads date the act :data:`APART_DAYS` days apart or more, or name places on no common ground?

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
    return places_disjoint(a.places, b.places)


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
    """
    mine, theirs = _below_countries(mine), _below_countries(theirs)
    return bool(mine) and bool(theirs) and not any(same_ground(p, q) for p in mine for q in theirs)


def _below_countries(places: frozenset) -> frozenset:
    countries = top_level_names()
    return frozenset(p for p in places if split_direction(p)[1] not in countries)


def lead_facts(members: pd.DataFrame, stated: pd.DataFrame, leads: tuple) -> dict[str, LeadFacts]:
    """Each report's :class:`LeadFacts`: ``members``, the events' sentences (``report_id``, ``sent_idx``);
    ``stated``: the details compared (no datelines, no times of speech, no background); ``leads``: the lead days of
    :func:`.days.lead_days` (of the same tables)."""
    days: dict[str, tuple] = {}
    for (_, report), rows in leads[1].items():
        low, high = min(r["date_low"] for r in rows), max(r["date_high"] for r in rows)
        if not (pd.isna(low) or pd.isna(high)):
            days.setdefault(report, (low.normalize(), high.normalize()))
    lead_end = (members.groupby("report_id")["sent_idx"].min() + LEAD_SENTENCES).to_dict()
    places = stated[stated["kind"] == "place"]
    named: dict[str, set] = {}
    for report, sent_idx, place in zip(places["report_id"], places["sent_idx"], places["value"], strict=True):
        if report in lead_end and sent_idx < lead_end[report]:
            named.setdefault(report, set()).add(str(place))
    return {report: LeadFacts(days.get(report), frozenset(named.get(report, ()))) for report in lead_end}
