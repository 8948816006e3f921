"""One comparer per kind of detail, behind one interface: ``clash(a, b)`` says how sure it is that two outlets'
statements cannot both be true (0: they can; up to 1: a direct contradiction).

A statement is a dict of what one outlet says in one sentence (or report) about one detail: ``values`` (a frozenset
of normalised values), ``intervals`` (counts: ``(low, high, value)`` per phrase, NaN an open bound), ``date_low`` and
``date_high`` (dates; ``texts``, the phrases), ``hedged`` (hedges), ``types`` (attributions: the kinds of source named).

Counts: intervals that do not overlap contradict each other (confidence 1 up to a factor of ``far_ratio``, falling
beyond it: figures far apart more often count different things); a bound is no clash with a number close to it ("at
least 10" vs 12) but is one, with less confidence, with a figure or another bound ``bound_ratio`` times larger or
more ("at least 15" vs 32, "at least 12" vs "at least 36": different headline tolls); counts whose sentences name
two different towns do not clash, and a province's count at least as large as a town's in it clashes only weakly (it
may sum several strikes). The confidences and the ratios are settings (:class:`~.core.DivergenceSettings`, made
active by :func:`using`).
An outlet with several figures in one sentence clashes only when none of them can stand with any of the other's.

>>> count = COMPARERS["count"]
>>> round(count.clash({"intervals": [(21, 21, "21")]}, {"intervals": [(18, 18, "18")]}), 3)
1.0
>>> count.clash({"intervals": [(10, float("nan"), "at least 10")]}, {"intervals": [(12, 12, "12")]})
0.0
>>> count.clash({"intervals": [(15, float("nan"), "at least 15")]}, {"intervals": [(32, 32, "32")]})
0.4
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..details.actors import actor_side
from ..details.gazetteer import gazetteer, loose_key, top_level_names
from ..details.places import place_ancestors, split_direction
from .compatible import (
    dates_compatible,
    intervals_overlap,
    most_specific,
    places_compatible,
    same_ground,
    sets_compatible,
    spread,
)
from .core import LABELLED_DOER, UNKNOWN_DOER, active, reports_apart
from .count_scope import places_apart, strictly_within
from .stances import label_clash


@dataclass(frozen=True)
class Comparer:
    """Compares two statements of one kind of detail."""

    kind: str
    clash: Callable[[dict, dict], float]

    def compatible(self, a: dict, b: dict) -> bool:
        return self.clash(a, b) == 0


def _point(low, high) -> float:
    return high if pd.isna(low) else low


def ratio_confidence(ratio: float) -> float:
    """How sure that two different figures, ``ratio`` apart, contradict each other: 1 up to ``far_ratio`` (a
    setting, 2: "26" vs "27" as much as "21" vs "40" are two accounts of one toll); past it the clash falls, by 0.35
    for each doubling, to no less than ``bound_confidence``: figures that far apart ("2" vs "more than 100", "3" vs
    23) more often count different things (a part and a whole, a nearby strike) than give two accounts of one.

    >>> [round(ratio_confidence(r), 2) for r in (1.04, 1.5, 2, 3, 4, 8, 100)]
    [1.0, 1.0, 1.0, 0.8, 0.65, 0.4, 0.4]
    """
    far = active().far_ratio
    if ratio <= far:
        return 1.0
    return float(max(active().bound_confidence, 1.0 - 0.35 * math.log2(ratio / far)))


def interval_clash(low_a, high_a, low_b, high_b, vague_a: bool = False, vague_b: bool = False) -> float:
    """How sure that two count intervals cannot stand together (see the module docstring); ``vague_a`` and
    ``vague_b``: the phrase is a word, not a number ("many" is no bound that a figure can clash with).

    >>> interval_clash(24, 99, 9, float("nan")), interval_clash(37, 37, 24, 99), interval_clash(40, 40, 6, np.nan)
    (0.4, 0.0, 0.4)
    >>> interval_clash(40, 40, 6, float("nan"), vague_b=True)
    0.0
    >>> interval_clash(12, float("nan"), 36, float("nan")), interval_clash(10, float("nan"), 12, float("nan"))
    (0.4, 0.0)
    """
    a, b = _point(low_a, high_a), _point(low_b, high_b)
    if not intervals_overlap(low_a, high_a, low_b, high_b):
        if pd.isna(a) or pd.isna(b) or min(a, b) <= 0:
            return 1.0
        return ratio_confidence(max(a, b) / min(a, b))
    # a lower bound against a figure (a number or a closed range: "dozens" is 24-99) whose least value is far above
    # it; two bounds ("at least 12", "many") commit to nothing that clashes
    open_a, open_b = pd.isna(high_a), pd.isna(high_b)
    if open_a != open_b and not pd.isna(low_a) and not pd.isna(low_b) and min(low_a, low_b) > 0:
        bound, figure, vague = (low_a, low_b, vague_a) if open_a else (low_b, low_a, vague_b)
        if not vague and figure >= active().bound_ratio * bound:
            return active().bound_confidence
    # two bounds given as numbers ("at least 12" vs "at least 36") far apart are two headline tolls as well; words
    # ("many") commit to nothing
    if open_a and open_b and not (vague_a or vague_b) and not pd.isna(low_a) and not pd.isna(low_b) \
            and min(low_a, low_b) > 0 and max(low_a, low_b) >= active().bound_ratio * min(low_a, low_b):
        return active().bound_confidence
    return 0.0


def _count_clash(a: dict, b: dict) -> float:
    """Counts of two different towns (``places``: the places their sentences name, see
    :func:`.count_scope.places_apart`) are of two strikes, and do not clash. A town's count against its
    province's is still compared as a count of one thing (the province is as often where the one strike happened as
    a sum over several), with the confidence of a bound (``bound_confidence``) when the province's is the
    larger: a sum over several strikes would give that too.

    >>> _count_clash({"places": frozenset({"Jasim"}), "intervals": [(3, 3, "3")]},
    ...              {"places": frozenset({"Nawa"}), "intervals": [(9, 9, "9")]})
    0.0
    >>> jasim, daraa = {"places": frozenset({"Jasim"})}, {"places": frozenset({"Daraa"})}
    >>> _count_clash({**jasim, "intervals": [(3, 3, "3")]}, {**daraa, "intervals": [(9, 9, "9")]})
    0.4
    >>> _count_clash({**jasim, "intervals": [(6, 6, "6")]}, {**daraa, "intervals": [(3, 3, "3")]})
    1.0
    """
    places_a, places_b = a.get("places") or frozenset(), b.get("places") or frozenset()
    if places_apart(places_a, places_b):
        return 0.0
    clashes = [interval_clash(la, ha, lb, hb, not _DIGIT.search(str(va)), not _DIGIT.search(str(vb)))
               for la, ha, va in a["intervals"] for lb, hb, vb in b["intervals"]]
    clash = min(clashes, default=0.0)
    # a province's toll at least the size of a town's in it may sum that strike with others, or be the strike's
    # own: a weak clash
    if clash and (strictly_within(places_a, places_b) and _least(b) >= _most(a)
                  or strictly_within(places_b, places_a) and _least(a) >= _most(b)):
        return min(clash, active().bound_confidence)
    return clash


def _least(statement: dict) -> float:
    return min((_point(low, high) for low, high, _ in statement["intervals"]), default=np.nan)


def _most(statement: dict) -> float:
    return max((_point(low, high) for low, high, _ in statement["intervals"]), default=np.nan)


_DIGIT = re.compile(r"\d")


_EXPLICIT = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


def explicit(statement: dict) -> bool:
    """Does a date statement name a day by its date ("April 17", "17.04.2024"), not only relative to the report?"""
    return any(_EXPLICIT.search(str(text)) for text in statement.get("texts", []))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def date_clash(a: dict, b: dict) -> float:
    """Two dates clash only when one at least is given as a date ("April 17", "17.04.2024"): a weekday or
    "yesterday" resolves against the report's filing date, which may be wrong, and two weekdays in reports filed on
    different days are as often two moments of one story ("struck on Monday", "buried on Tuesday") as two accounts
    of one moment. Two dates given as such, one without its year ("June 19", which takes the year of its report's
    filing date), are compared by month and day.

    >>> day = pd.Timestamp
    >>> a = {"texts": ["April 17"], "date_low": day("2024-04-17"), "date_high": day("2024-04-17")}
    >>> b = {"texts": ["18 April 2024"], "date_low": day("2024-04-18"), "date_high": day("2024-04-18")}
    >>> monday = {"texts": ["on Monday"], "date_low": day("2024-04-15"), "date_high": day("2024-04-15")}
    >>> date_clash(a, b), date_clash(a, monday), date_clash(a, {**b, "date_low": day("2023-04-17"),
    ...                                                                 "date_high": day("2023-04-17")})
    (0.6, 0.6, 0.0)
    """
    if not (explicit(a) or explicit(b)):
        return 0.0
    if explicit(a) and explicit(b) and not (_has_year(a) and _has_year(b)):
        return 0.0 if _month_days(a) & _month_days(b) else active().place_date_confidence
    fits = dates_compatible(a["date_low"], a["date_high"], b["date_low"], b["date_high"])
    return 0.0 if fits else active().place_date_confidence


def _has_year(statement: dict) -> bool:
    return all(_YEAR.search(str(text)) for text in statement.get("texts", []))


def _month_days(statement: dict) -> set:
    """The (month, day) pairs a date statement's interval covers."""
    low, high = statement["date_low"], statement["date_high"]
    if pd.isna(low) or pd.isna(high):
        return set()
    return {(d.month, d.day) for d in pd.date_range(low.normalize(), high.normalize(), freq="D")}


def _place_clash(a: dict, b: dict) -> float:
    """Countries are not compared, nor places in a country the other outlet names no place in: an event happens in
    one country, and a sentence that names another, or a place in another, names a party ("Turkey", "Moscow") or a
    dateline ("Beirut"), not where it happened.

    >>> _place_clash({"values": frozenset({"Idlib", "Turkey"})}, {"values": frozenset({"Idlib", "Beirut"})})
    0.0
    >>> _place_clash({"values": frozenset({"Idlib"})}, {"values": frozenset({"Homs"})})
    0.6

    Two sentences clash only when each names a place the other outlet's report names nowhere: a report that names
    the other's place too (a round-up of "rocket attacks in Aleppo and Daraa" against "shells on Aleppo city")
    tells of something besides, not of the act somewhere else.

    >>> _place_clash({"values": frozenset({"Aleppo"}), "around": frozenset({"Aleppo"})},
    ...              {"values": frozenset({"Daraa"}), "around": frozenset({"Aleppo", "Daraa"})})
    0.0
    """
    mine, theirs = _at_home(a["values"], b["values"]), _at_home(b["values"], a["values"])
    if places_compatible(mine, theirs):
        return 0.0
    if not (named_nowhere(mine, theirs, b.get("around")) and named_nowhere(theirs, mine, a.get("around"))):
        return 0.0
    return active().place_date_confidence


def named_nowhere(mine: frozenset, theirs: frozenset, around: frozenset | None) -> bool:
    """Does a sentence name a place (of its most specific ones) that lies on no ground of ``theirs``, the places of
    the other outlet's sentence, nor is named anywhere in the other outlet's report (``around``: its places, None
    when not known)? A place the other report names too, or a town on the ground of a town it names, is as often
    that of something else the sentence tells of ("struck the airbase in response to a chemical attack in Idlib")
    as a clash; a governorate or a country the other report names holds too many places to tell.

    >>> named_nowhere(frozenset({"Idlib"}), frozenset({"Shayrat"}), frozenset({"Shayrat", "Homs", "Idlib"}))
    False
    >>> named_nowhere(frozenset({"Hardatnin"}), frozenset({"Rityan"}), frozenset({"Rityan", "Aleppo", "Syria"}))
    True
    >>> named_nowhere(frozenset({"Jasim", "Daraa"}), frozenset({"Nawa", "Daraa"}), frozenset({"Nawa", "Daraa"}))
    True
    """
    stray = [p for p in most_specific(mine) if not any(same_ground(p, q) for q in most_specific(theirs))]
    if around is None:
        return bool(stray)
    return any(not any(p == q or loose_key(p) == loose_key(q) or (not _wide(q) and same_ground(p, q))
                       for q in around) for p in stray)


def _wide(place: str) -> bool:
    """A country or a governorate, or a direction from one."""
    found = gazetteer().places.get(split_direction(place)[1])
    return found is not None and found.kind in ("country", "region")


def _countries_of(places) -> frozenset:
    countries = top_level_names()
    return frozenset(c for p in places for c in (place_ancestors(p) | {p}) & countries)


def _at_home(places: frozenset, others: frozenset) -> frozenset:
    """``places`` less the countries, and less the places in a country none of ``others`` lies in."""
    theirs = _countries_of(others)
    return frozenset(p for p in places - top_level_names()
                     if not theirs or not _countries_of([p]) or _countries_of([p]) & theirs)


_UNKNOWN = UNKNOWN_DOER


def _actor_clash(a: dict, b: dict) -> float:
    """Actors are compared by the party they stand for (``side`` in ``data/actors.yaml``): "Russian jets" and
    "Russia", "Assad's forces" and "the Syrian government" name one perpetrator.

    >>> _actor_clash({"values": frozenset({"Russian forces"})}, {"values": frozenset({"Russia"})})
    0.0
    >>> _actor_clash({"values": frozenset({"Russian forces"})}, {"values": frozenset({"ISIS"})})
    0.8

    Saying who did it is not known ("unknown": "it was unclear whether Syrian or Russian jets") is a position of
    its own: an outlet that says so beside the doer it names clashes, less surely, with one that names that doer
    plainly, and with one that names none.

    >>> _actor_clash({"values": frozenset({"Russia", "unknown"})}, {"values": frozenset({"Russia"})})
    0.5
    >>> _actor_clash({"values": frozenset({"Russia", "unknown"})}, {"values": frozenset({"unknown"})})
    0.5

    An outlet whose reports of one day say different things (``positions``: each report's values; "Russian planes"
    in one, "unclear whether Syrian or Russian" in another, most often of another strike the event took in) clashes
    only when none of its reports can stand with the other outlet's, as counts do with several figures.

    >>> _actor_clash({"values": frozenset({"Russia", "unknown"}),
    ...               "positions": (frozenset({"Russia"}), frozenset({"unknown"}))}, {"values": frozenset({"Russia"})})
    0.0
    """
    return min(_sides_clash(mine, theirs) for mine in a.get("positions") or (a["values"],)
               for theirs in b.get("positions") or (b["values"],))


def _sides_clash(a_values: frozenset, b_values: frozenset) -> float:
    """A doer called only by a label (:data:`LABELLED_DOER`, "terrorists attacked the buses") may be any party
    another outlet names, but it clashes, less surely, with an outlet saying nobody is known to have done it.

    >>> _sides_clash(frozenset({LABELLED_DOER}), frozenset({"ISIS"})), _sides_clash({LABELLED_DOER}, {"unknown"})
    (0.0, 0.5)
    """
    mine, theirs = frozenset(map(actor_side, a_values)), frozenset(map(actor_side, b_values))
    if {mine, theirs} & {frozenset({LABELLED_DOER})}:
        return active().wording_confidence if {mine, theirs} == {frozenset({LABELLED_DOER}), frozenset({_UNKNOWN})} \
            else 0.0
    mine, theirs = mine - {LABELLED_DOER}, theirs - {LABELLED_DOER}
    if sets_compatible(mine, theirs) and (_UNKNOWN in mine) == (_UNKNOWN in theirs) \
            and bool(mine - {_UNKNOWN}) == bool(theirs - {_UNKNOWN}):
        return 0.0
    # naming wholly different perpetrators is a contradiction; naming partly different ones, less so
    return active().actor_confidence if not (mine & theirs) else active().wording_confidence


def _source_clash(a: dict, b: dict) -> float:
    """Sources are compared by class: two outlets disagree when they cite no class in common (state media against
    the monitor; a source against none, less surely: ``unsourced_confidence``). A source of no known class
    ("other": a name, an unresolved "he") could be of any class: it differs only from none.

    >>> _source_clash({"values": frozenset({"monitor", "state media"})}, {"values": frozenset({"monitor"})})
    0.0
    >>> _source_clash({"values": frozenset({"monitor"})}, {"values": frozenset({"state media"})})
    0.5
    >>> _source_clash({"values": frozenset({"monitor"})}, {"values": frozenset({"unsourced"})})
    0.3
    >>> _source_clash({"values": frozenset({"other"})}, {"values": frozenset({"monitor"})})
    0.0
    """
    if a["values"] & b["values"]:
        return 0.0
    if {"other"} in (a["values"], b["values"]) and "unsourced" not in a["values"] | b["values"]:
        return 0.0
    # "none" is as often a source named further down, past the lead, as an outlet that names none
    return active().unsourced_confidence if "unsourced" in a["values"] | b["values"] else active().wording_confidence


def _hedge_clash(a: dict, b: dict) -> float:
    return active().wording_confidence if a["hedged"] != b["hedged"] else 0.0


COMPARERS: dict[str, Comparer] = {
    "count": Comparer("count", _count_clash),
    "date": Comparer("date", date_clash),
    "place": Comparer("place", _place_clash),
    "actor": Comparer("actor", _actor_clash),
    "label": Comparer("label", label_clash),  # by tone: see .stances
    "attribution": Comparer("attribution", _source_clash),
    "hedge": Comparer("hedge", _hedge_clash),
}


# The kinds whose clash is what tells two reports' incidents apart (.apart): compared whatever the reports.
_TELLING_APART = ("date", "place")


def compare_pairwise(rows: list[dict], comparer: Comparer, paired=None) -> None:
    """Compare each statement in ``rows`` with those of every other outlet (of those ``paired(a, b)`` allows, and
    not, but for the days and places compared, of a report that tells of another incident:
    :func:`.core.reports_apart`), in place: ``agrees`` (no clash with any), and for a statement that clashes, the
    other side of its surest clash (``other_outlet``, ``other_report_id``, ``other_evidence``, ``other_value``) and
    that clash's ``confidence``."""
    for row in rows:
        clashes = [(comparer.clash(row, other), i) for i, other in enumerate(rows)
                   if other["outlet"] != row["outlet"] and (paired is None or paired(row, other))]
        clashes = [(c, i) for c, i in clashes if c > 0 and (comparer.kind in _TELLING_APART or not reports_apart(
            row.get("report_id"), rows[i].get("report_id")))]
        row["agrees"] = not clashes
        if clashes:
            confidence, i = max(clashes, key=lambda ci: (ci[0], -ci[1]))
            other = rows[i]
            row.update(other_outlet=other["outlet"], other_report_id=other["report_id"],
                       other_evidence=other["evidence"], other_value=other["value"], confidence=confidence)
        else:
            row.update(other_outlet=pd.NA, other_report_id=pd.NA, other_evidence=pd.NA, other_value=pd.NA,
                       confidence=np.nan)


def compared_rows(rows: list[dict], kind: str, paired=None, drop: tuple[str, ...] = (),
                  comparer: Comparer | None = None) -> list[dict]:
    """``rows`` of one event, compared outlet against outlet with ``comparer`` (by default the comparer of ``kind``;
    :func:`compare_pairwise`), each with the event's ``score`` (:func:`.compatible.spread`) and without the working
    keys ``drop``.

    >>> rows = [{"outlet": o, "report_id": o, "value": v, "evidence": v, "values": frozenset([v])}
    ...         for o, v in (("a", "Russia"), ("b", "ISIS"))]
    >>> [(r["outlet"], r["agrees"], r["score"], "values" in r) for r in compared_rows(rows, "actor", drop=("values",))]
    [('a', False, 1.0, False), ('b', False, 1.0, False)]
    """
    comparer = comparer or COMPARERS[kind]
    compare_pairwise(rows, comparer, paired=paired)
    score = spread(kind, rows, comparer.compatible)
    return [{**{k: v for k, v in row.items() if k not in drop}, "score": score} for row in rows]
