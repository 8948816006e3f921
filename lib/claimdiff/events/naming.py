"""Readable event names from what the reports say: the place, the kind of act and the day ("Jasim · killing ·
19 Apr 2024"), and the researcher's own names in place of them.

The events stage runs before the details stage, so it labels events with distinctive words
(:mod:`claimdiff.events.labels`); once the details are known, :func:`name_events` names each event by

- the place: of the places the event's reports name (``kind == "place"``; a place given by its direction from
  another, "south of Palmyra", counts as that place), those named by at least half as many reports as the most
  named one, and of these the one that lies in the most others (a town before its province, a province before the
  country); the gazetteer's places before the places learnt from the corpus. Where two reports or more name a
  place, one an opening names comes first (a report's title and lead, its first
  :data:`~claimdiff.details.scope_frames.LEAD_SENTENCES` sentences: the towns of an evacuation deal that most reports
  recall further down are not where the bomb hit the convoy; a place of one report's opening alone may be its
  dateline's city, "BEIRUT"). On FA-KES dev the name's place lies in the gold incident's description for 41 of 63
  events against 36 without (``benchmarks/event_names_fakes.py``);
- the kind of act: the kind of violent act the reports name about it (``kind == "act"`` rows, not about another
  incident: "air strike", "bombing"), else the act of the wordings lexicon (``kind == "label"`` rows whose subject
  is an act, "killing", "taking territory"); in each case the one stated by the largest share of the event's
  reports, weighed by how few events state it (so that "killing", stated in most events of a war, gives way to a
  rarer act the event's reports mostly state);
  without one, the thing most reports count ("drones", "vehicles");
- the day: the day most of its reports say things happened on (date details at most two days wide, in the week
  before its first report or after), else the range of its publication days.

An event with neither place nor act keeps its label; an event the researcher named (``named_by`` "researcher")
keeps its name. The ``named_by`` column says where each label came from: "researcher", "details" or "words".
Two events that would get the same name keep it, followed by their id. :func:`rename_events` puts names of the
researcher's own (a table ``event_id, name``) in place of these, and :func:`label_assignments` copies the labels
into the assignments table.

>>> events = pd.DataFrame({"event_id": [0], "label": ["checkpoint · Soldier · killed (26 Apr 2024)"],
...                        "first_published": pd.to_datetime(["2024-04-26 16:00"]),
...                        "last_published": pd.to_datetime(["2024-04-27 07:45"])})
>>> assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 0]})
>>> details = pd.DataFrame({"report_id": ["a", "a", "b", "b"], "kind": ["place", "place", "place", "label"],
...     "subject": ["gazetteer", "gazetteer", "gazetteer", "killing"], "value": ["Jasim", "Daraa", "Daraa", "kill"],
...     "date_low": pd.NaT, "date_high": pd.NaT})
>>> name_events(events, assignments, details)["label"].tolist()
['Jasim · killing · 26–27 Apr 2024']
>>> rename_events(events, pd.DataFrame({"event_id": [0], "name": ["Jasim checkpoint"]}))["label"].tolist()
['Jasim checkpoint']
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from claimdiff.corpus import CorpusError
from claimdiff.details.places import place_ancestors, split_direction
from claimdiff.details.scope_frames import LEAD_SENTENCES
from claimdiff.details.wordings import acts

from .labels import date_range

SEPARATOR = " · "
# Date details wider than this many days place an event in its context ("this year"), not on its day.
MAX_DATE_DAYS = 2
# Days named this long before an event's first report are background, not the day of the event.
LOOKBACK_DAYS = 7
# Counted things that say nothing of what happened.
_VAGUE_COUNTS = ("other", "casualties")


def name_events(events: pd.DataFrame, assignments: pd.DataFrame, details: pd.DataFrame) -> pd.DataFrame:
    """``events`` with each ``label`` a readable name "place · act · day" (see the module); other columns kept."""
    named = events.copy()
    if named.empty:
        return named
    found = details.merge(assignments[["report_id", "event_id"]].astype({"report_id": str}),
                          on="report_id") if len(details) else pd.DataFrame(columns=["event_id"])
    n_reports = assignments.groupby("event_id")["report_id"].nunique()
    # Each part for every event at once (grouped tables, not one filtered copy per event: linear in the events).
    places = _places(found)
    act_names = _acts(found, n_reports, max(len(events), 1))
    days = _days(found, named)
    names, named_by = [], []
    researchers = named["named_by"].eq("researcher") if "named_by" in named else pd.Series(False, index=named.index)
    for event, by_researcher in zip(named.itertuples(), researchers, strict=True):
        if by_researcher:
            names.append(event.label)
            named_by.append("researcher")
            continue
        parts = [p for p in (places.get(event.event_id), act_names.get(event.event_id)) if p]
        if not parts:
            names.append(event.label)
            named_by.append("words")
            continue
        day = days.get(event.event_id) or date_range(event.first_published, event.last_published)
        names.append(SEPARATOR.join(parts + ([day] if day else [])))
        named_by.append("details")
    named["label"] = _unique(names, named["event_id"].tolist())
    named["named_by"] = named_by
    return named


def _places(found: pd.DataFrame) -> dict:
    """Per event, its place (see the module): of the places named by at least half as many reports as the most
    named one, one named by two reports or more and in an opening, then the one lying in the most others, then the
    most named, then the first by name; the gazetteer's places only, when the event has any. A table without
    ``sent_idx`` counts every place as an opening's."""
    if found.empty:
        return {}
    places = found.loc[found["kind"] == "place", ["event_id", "subject", "value", "report_id"]]
    if places.empty:
        return {}
    gazetteer = places["subject"] == "gazetteer"
    has_gazetteer = gazetteer.groupby(places["event_id"]).transform("any")
    places = places[gazetteer | ~has_gazetteer]
    base = {v: split_direction(str(v))[1] for v in places["value"].unique()}
    places = places.assign(place=places["value"].map(base))
    opening = (found.loc[places.index, "sent_idx"] < LEAD_SENTENCES if "sent_idx" in found
               else pd.Series(True, index=places.index))
    support = (places.assign(opening=opening).groupby(["event_id", "place"])
               .agg(support=("report_id", "nunique"), opening=("opening", "any")).reset_index())
    support = support[support["support"] * 2 >= support.groupby("event_id")["support"].transform("max")]
    best: dict = {}
    for event_id, place, n, in_opening in zip(support["event_id"], support["place"], support["support"],
                                              support["opening"], strict=True):
        key = (n > 1 and not in_opening, -len(place_ancestors(place)), -n, place)
        if event_id not in best or key < best[event_id]:
            best[event_id] = key
    return {event_id: key[-1] for event_id, key in best.items()}


def _acts(found: pd.DataFrame, n_reports: pd.Series, n_events: int) -> dict:
    """Per event, its act: the kind of violent act its reports name about it (``act`` rows not about another
    incident: "air strike", "bombing"), else the act of the wordings lexicon ("taking territory"), each stated by the
    largest share of its reports weighed by how few events state it; else the thing most of its reports count (the
    first by name on a tie)."""
    if found.empty:
        return {}
    named = found[found["kind"] == "act"]
    if "scope" in named:
        named = named[named["scope"].isin(("incident", ""))]
    chosen = _most_stated(named, n_reports, n_events)
    worded = found[(found["kind"] == "label") & found["subject"].isin(acts()) & ~found["event_id"].isin(chosen)]
    chosen.update(_most_stated(worded, n_reports, n_events))
    counts = found[(found["kind"] == "count") & ~found["subject"].isin(_VAGUE_COUNTS)
                   & ~found["event_id"].isin(chosen.keys())]
    counted: dict = {}
    for (event_id, subject), n in counts.groupby(["event_id", "subject"])["report_id"].nunique().items():
        if event_id not in counted or (-n, subject) < counted[event_id]:
            counted[event_id] = (-n, subject)
    return {**{e: act for e, (_, act) in chosen.items()}, **{e: str(s) for e, (_, s) in counted.items()}}


def _most_stated(stated: pd.DataFrame, n_reports: pd.Series, n_events: int) -> dict:
    """Per event, (-weight, subject) of the subject of ``stated`` with the largest share of the event's reports
    weighed by how few events state it (so that "killing", stated in most events of a war, gives way to a rarer act
    the event's reports mostly state)."""
    chosen: dict = {}
    if stated.empty:
        return chosen
    subject_events = stated.groupby("subject")["event_id"].nunique()
    shares = stated.groupby(["event_id", "subject"])["report_id"].nunique()
    for (event_id, subject), n in shares.items():
        total = int(n_reports.get(event_id, 0)) or 1
        weight = (n / total) * math.log1p(n_events / subject_events[subject])
        if event_id not in chosen or (-weight, subject) < chosen[event_id]:
            chosen[event_id] = (-weight, subject)
    return chosen


def _days(found: pd.DataFrame, events: pd.DataFrame) -> dict:
    """Per event, the day most of its reports say things happened on, as "19 Apr 2024" (the earliest on a tie).
    Only days in the week before the event's first report up to its last count: others are background ("since
    April 1")."""
    if found.empty or "date_low" not in found:
        return {}
    dates = found[found["kind"] == "date"]
    low, high = pd.to_datetime(dates["date_low"]), pd.to_datetime(dates["date_high"])
    near = (high - low).dt.days < MAX_DATE_DAYS
    spans = events.drop_duplicates("event_id").set_index("event_id")
    first = pd.to_datetime(dates["event_id"].map(spans["first_published"]))
    last = pd.to_datetime(dates["event_id"].map(spans["last_published"]))
    known = first.notna() & last.notna()
    within = (low >= first.dt.normalize() - pd.Timedelta(days=LOOKBACK_DAYS)) & (low <= last)
    near &= ~known | within
    days = dates.assign(day=low.dt.normalize())[near].dropna(subset=["day"])
    if days.empty:
        return {}
    support = days.groupby(["event_id", "day"])["report_id"].nunique().rename("n").reset_index()
    top = support[support["n"] == support.groupby("event_id")["n"].transform("max")]
    first_day = top.groupby("event_id")["day"].min()
    return {event_id: date_range(day, day) for event_id, day in first_day.items()}


def _unique(names: list[str], event_ids: list) -> list[str]:
    seen = pd.Series(names).duplicated(keep=False).tolist()
    return [f"{name} (event {event})" if twice else name for name, event, twice in zip(names, event_ids, seen,
                                                                                         strict=True)]


def rename_events(events: pd.DataFrame, names: pd.DataFrame | dict | str | Path) -> pd.DataFrame:
    """``events`` with the ``label`` of each event listed in ``names`` replaced by its name; the rest kept.

    ``names``: a table ``event_id, name``, a dict ``{event_id: name}``, or the path of a CSV with those columns.
    An event id that is not one of ``events`` is an error (a typo would otherwise go unnoticed).
    """
    table = read_event_names(names) if isinstance(names, (str, Path)) else names
    mapping = table if isinstance(table, dict) else dict(zip(table["event_id"], table["name"], strict=True))
    mapping = {_as_event_id(k): str(v) for k, v in mapping.items() if isinstance(v, str) and v.strip()}
    unknown = sorted(set(mapping) - set(events["event_id"]), key=str)
    if unknown:
        raise CorpusError(f"event names are given for events that do not exist: {unknown[:5]} "
                          f"(the events are {events['event_id'].min()}..{events['event_id'].max()})")
    renamed = events.copy()
    renamed["label"] = [mapping.get(e, label) for e, label in zip(renamed["event_id"], renamed["label"],
                                                                   strict=True)]
    if mapping:
        previous = renamed["named_by"] if "named_by" in renamed else pd.Series("words", index=renamed.index)
        renamed["named_by"] = ["researcher" if e in mapping else by for e, by in zip(renamed["event_id"], previous,
                                                                                      strict=True)]
    return renamed


def read_event_names(path: str | Path) -> pd.DataFrame:
    """The CSV ``event_id,name`` of a researcher's event names, checked."""
    from .given import read_researcher_csv  # given imports the events package, which naming must not at load

    return read_researcher_csv(path, ("event_id", "name"))


def _as_event_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise CorpusError(f"event id {value!r} is not a whole number (the event ids of the events table are)") \
            from None


def label_assignments(assignments: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """``assignments`` with ``event_label`` taken from the ``label`` of ``events``."""
    labels = dict(zip(events["event_id"], events["label"], strict=True))
    return assignments.assign(event_label=assignments["event_id"].map(labels).astype("str"))
