"""Where and when a sentence, and its report's lead, set what they tell: the days, the places in Syria and the kinds
of act they name, and whether a later sentence tells of another incident by them (:func:`elsewhere`).

:mod:`claimdiff.details.scope` reads a detail's scope from these together with its sentence's wording: a report's
lead (its first :data:`LEAD_SENTENCES` sentences) tells which incident it is about; a later sentence that names only
days :data:`OTHER_DAY_GAP` days or more from the lead's, or opens with a day before the lead's (:func:`fronted_days`),
or goes on with a round-up's wording or another kind of act (:func:`own_kind_of_act`) to places that cannot be the
lead's, tells of another.

>>> lead = lead_frames({("r", 0): Frame(frozenset(), frozenset({"Saraqib"}))})
>>> elsewhere(Frame(frozenset(), frozenset({"Daraa"})), lead["r"], roundup=True)
True
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from claimdiff.details.places import enclosing_places, place_ancestors, places_related

# The first sentences of a report (its title and lead) tell which incident it is about.
LEAD_SENTENCES = 2
# A sentence whose days are all this many days or more from the lead's tells of another incident.
OTHER_DAY_GAP = 2
# A date within this many characters of a sentence's start opens it ("On Saturday", "Late on Wednesday").
FRONT_CHARS = 16
_KEYS = ["report_id", "sent_idx"]

class Frame(NamedTuple):
    """The days (one-day dates, datelines apart) and the places in Syria a sentence, or a report's lead, names."""

    days: frozenset
    places: frozenset


def sentence_frames(details: pd.DataFrame) -> dict[tuple, Frame]:
    """The :class:`Frame` of every sentence of ``details`` that names a day or a place in Syria.

    >>> day = pd.Timestamp("2016-08-01")
    >>> details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 0, 1], "kind": ["place", "date", "place"],
    ...     "value": ["Saraqib", "2016-08-01", "London"], "date_low": [pd.NaT, day, pd.NaT],
    ...     "date_high": [pd.NaT, day, pd.NaT]})
    >>> sentence_frames(details)
    {('r', 0): Frame(days=frozenset({Timestamp('2016-08-01 00:00:00')}), places=frozenset({'Saraqib'}))}
    """
    if details.empty or "value" not in details:
        return {}
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    frames: dict[tuple, tuple[set, set]] = {}
    if "date_low" in details:
        dates = details[details["kind"].eq("date") & ~role.eq("dateline").fillna(False).astype(bool)]
        one_day = dates[(dates["date_high"] - dates["date_low"] < pd.Timedelta(days=1)).fillna(False).astype(bool)]
        for report_id, sent_idx, low in zip(one_day["report_id"], one_day["sent_idx"], one_day["date_low"],
                                            strict=True):
            frames.setdefault((report_id, sent_idx), (set(), set()))[0].add(pd.Timestamp(low).normalize())
    places = details[details["kind"].eq("place")]
    for report_id, sent_idx, place in zip(places["report_id"], places["sent_idx"], places["value"], strict=True):
        if _in_syria(str(place)):
            frames.setdefault((report_id, sent_idx), (set(), set()))[1].add(str(place))
    return {key: Frame(frozenset(days), frozenset(_most_specific(places))) for key, (days, places) in frames.items()}


def lead_frames(frames: dict[tuple, Frame]) -> dict[str, Frame]:
    """Per report, the days and places its first :data:`LEAD_SENTENCES` sentences name together."""
    leads: dict[str, tuple[set, set]] = {}
    for (report_id, sent_idx), frame in frames.items():
        if sent_idx < LEAD_SENTENCES:
            days, places = leads.setdefault(report_id, (set(), set()))
            days |= frame.days
            places |= frame.places
    return {report_id: Frame(frozenset(days), frozenset(_most_specific(places)))
            for report_id, (days, places) in leads.items()}


def elsewhere(own: Frame, lead: Frame, roundup: bool = False) -> bool:
    """Does a sentence tell of another incident than its report's lead, by its own days and places? It does when
    every day it names is :data:`OTHER_DAY_GAP` days or more from every day the lead names (the same town hit on
    two days is two incidents; a day apart is often only the day the toll was told), or when its wording is a
    round-up's (``roundup``: "Separately, 12 were killed in Abu al-Duhur" in a report on Saraqib) and none of the
    places in Syria it names can name the ground of one of the lead's
    (:func:`claimdiff.details.places.places_related`). A sentence or a lead that names neither tells nothing.

    >>> day = pd.Timestamp
    >>> lead = Frame(frozenset({day("2016-08-01")}), frozenset({"Saraqib"}))
    >>> elsewhere(Frame(frozenset(), frozenset({"Daraa"})), lead, roundup=True)
    True
    >>> daraa, idlib = Frame(frozenset(), frozenset({"Daraa"})), Frame(frozenset(), frozenset({"Idlib"}))
    >>> elsewhere(daraa, lead), elsewhere(idlib, lead, roundup=True)
    (False, False)
    >>> elsewhere(Frame(frozenset({day("2016-07-29")}), frozenset({"Saraqib"})), lead)
    True
    >>> elsewhere(Frame(frozenset({day("2016-07-31")}), frozenset()), lead)
    False
    """
    if own.days and lead.days and all(min(abs((a - b).days) for b in lead.days) >= OTHER_DAY_GAP for a in own.days):
        return True
    return roundup and bool(own.places and lead.places) and not any(places_related(a, b) for a in own.places
                                                                    for b in lead.places)


def _in_syria(place: str) -> bool:
    """A place in Syria, or one the gazetteer does not know (a village the corpus taught); not Syria itself."""
    return place != "Syria" and ("Syria" in place_ancestors(place) or place_ancestors(place) == frozenset()
                                 and place not in enclosing_places() and not _known(place))


def _known(place: str) -> bool:
    from claimdiff.details.gazetteer import gazetteer  # noqa: PLC0415 - the gazetteer loads late
    return place in gazetteer().places


def _most_specific(places: set[str]) -> set[str]:
    """``places`` without those another of them lies in, and without regions when a place in none remains (a
    village the gazetteer does not place: "Tal Toughan in rural Idlib" is Tal Toughan)."""
    inner = {p for p in places if not any(p in place_ancestors(q) for q in places if q != p)}
    towns = {p for p in inner if p not in enclosing_places()}
    return towns or inner


def sentence_acts(details: pd.DataFrame) -> dict[tuple, set[str]]:
    """The kinds of act (rows of kind ``act``, their ``subject``: ``data/acts.yaml``) each sentence names.

    >>> sentence_acts(pd.DataFrame({"report_id": "r", "sent_idx": [0, 0, 2], "kind": ["act", "count", "act"],
    ...                             "subject": ["air strike", None, "bombing"]}))
    {('r', 0): {'air strike'}, ('r', 2): {'bombing'}}
    """
    if details.empty or "subject" not in details:
        return {}
    acts = details.loc[details["kind"].eq("act"), [*_KEYS, "subject"]].drop_duplicates()
    found: dict[tuple, set[str]] = {}
    for report_id, sent_idx, kind in zip(acts["report_id"], acts["sent_idx"], acts["subject"].astype(str), strict=True):
        found.setdefault((report_id, sent_idx), set()).add(kind)
    return found


def fronted_days(details: pd.DataFrame, sentences: pd.DataFrame) -> dict[tuple, frozenset]:
    """The days (one-day dates, datelines apart) that open a sentence, its first :data:`FRONT_CHARS` characters: a
    time frame set before what it tells ("On Saturday, two women were among eight killed ..."). After a report's
    lead, a sentence that opens with a day before every day the lead names tells of an earlier incident: a report
    goes back to another day with such a frame, while it gives the day a toll was told after what it tells ("...,
    the monitor said on Saturday"); a later day may open the toll's update ("On Sunday the toll rose to 15").
    Needs ``start`` in both tables.

    >>> day = pd.Timestamp("2015-02-21")
    >>> details = pd.DataFrame({"report_id": "r", "sent_idx": [2, 3], "kind": "date", "role": None, "start": [103, 240],
    ...                         "date_low": day, "date_high": day})
    >>> fronted_days(details, pd.DataFrame({"report_id": "r", "sent_idx": [2, 3], "start": [100, 200]}))
    {('r', 2): frozenset({Timestamp('2015-02-21 00:00:00')})}
    """
    if details.empty or "date_low" not in details or "start" not in details or "start" not in sentences:
        return {}
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    dates = details[details["kind"].eq("date") & ~role.eq("dateline").fillna(False).astype(bool)]
    dates = dates[(dates["date_high"] - dates["date_low"] < pd.Timedelta(days=1)).fillna(False).astype(bool)]
    starts = sentences.drop_duplicates(_KEYS).set_index(_KEYS)["start"]
    at = dates["start"].to_numpy() - starts.reindex(pd.MultiIndex.from_frame(dates[_KEYS])).to_numpy()
    opening = dates[(at >= 0) & (at < FRONT_CHARS)]
    found: dict[tuple, set] = {}
    for report_id, sent_idx, low in zip(opening["report_id"], opening["sent_idx"], opening["date_low"], strict=True):
        found.setdefault((report_id, sent_idx), set()).add(pd.Timestamp(low).normalize())
    return {key: frozenset(days) for key, days in found.items()}


def own_kind_of_act(acts: set[str], lead_acts: set[str]) -> bool:
    """Does a sentence tell only of kinds of act its report's lead does not name ("a suicide bomber blew himself up"
    in a report led by an air strike)? Then, like a round-up's wording, its places tell whether it is another
    incident (:func:`elsewhere`). A sentence or a lead naming no act tells nothing.

    >>> own_kind_of_act({"bombing"}, {"air strike"}), own_kind_of_act({"bombing"}, set())
    (True, False)
    >>> own_kind_of_act({"air strike", "shelling"}, {"air strike"})
    False
    """
    return bool(acts and lead_acts) and acts.isdisjoint(lead_acts)
