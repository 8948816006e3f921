"""The researcher's own events: a table ``report_id, event_id[, event_name]`` used instead of the clustering.

Whole-number event ids are kept as they are (the researcher's event 12 stays event 12); other ids ("E12",
"sukhnah-ambush") are numbered 0..k-1 in order of each event's first publication, and the given id becomes the
event's name when the table has no ``event_name`` column. Events without a name get the distinctive words and dates of
:mod:`claimdiff.events.labels` until :func:`claimdiff.events.naming.name_events` names them from the details.

A report id the corpus does not have is an error (a typo would silently empty an event); reports of the corpus the
table does not list belong to no event, and a warning counts them.

>>> reports = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["x", "y", "x"], "text": ["One.", "Two.", "Three."],
...                         "published": pd.to_datetime(["2024-04-19", "2024-04-18", "2024-04-20"])})
>>> table = pd.DataFrame({"report_id": ["a", "b", "c"], "event_id": ["ambush", "ambush", "storm"]})
>>> assignments, events = given_events(table, reports)
>>> assignments[["report_id", "event_id", "event_label"]].values.tolist()
[['a', 0, 'ambush'], ['b', 0, 'ambush'], ['c', 1, 'storm']]
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from claimdiff.corpus import CorpusError
from claimdiff.schema import conform

from . import ASSIGNMENTS, EVENTS, summarise_events
from .labels import distinctive_terms, event_label
from .similarity import report_texts


def read_given_events(path: str | Path) -> pd.DataFrame:
    """The CSV ``report_id,event_id[,event_name]`` of a researcher's events, checked."""
    return read_researcher_csv(path, ("report_id", "event_id"), "(and optionally event_name)")


def read_researcher_csv(path: str | Path, required: tuple[str, ...], also: str = "") -> pd.DataFrame:
    """A CSV a researcher wrote (every cell a string), with a clear error when a ``required`` column is missing.

    >>> import io
    >>> read_researcher_csv(io.StringIO("event_id,name\\n3,Homs bombing"), ("event_id", "name")).values.tolist()
    [['3', 'Homs bombing']]
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(required) - set(table.columns)
    if missing:
        needs = ",".join(required) + (f" {also}" if also else "")
        raise CorpusError(f"{path}: needs the columns {needs}; it lacks {', '.join(sorted(missing))} "
                          f"(it has {', '.join(table.columns)})")
    return table


def given_events(table: pd.DataFrame | str | Path, reports: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(assignments, events)`` as :func:`claimdiff.events.cluster_events` returns them, from the researcher's
    ``table`` (or the path of its CSV) of ``report_id, event_id`` and optionally ``event_name``."""
    if isinstance(table, (str, Path)):
        table = read_given_events(table)
    table = table.astype({"report_id": str}).copy()
    table["event_id"] = table["event_id"].astype(str).str.strip()
    blank = table["event_id"].isin(["", "nan", "None", "<NA>"])
    if blank.any():
        raise CorpusError(f"report {table.loc[blank, 'report_id'].iloc[0]!r} has no event id; leave a report out "
                          "of the events table instead")
    twice = table["report_id"].duplicated()
    if twice.any():
        raise CorpusError(f"report {table.loc[twice, 'report_id'].iloc[0]!r} is given two events; a report "
                          "belongs to one event")
    ids = reports["id"].astype(str)
    unknown = sorted(set(table["report_id"]) - set(ids))
    if unknown:
        raise CorpusError(f"{len(unknown)} report ids of the events table are not in the corpus (first: "
                          f"{unknown[0]!r}); the ids are those of reports.csv")
    left_out = len(set(ids) - set(table["report_id"]))
    if left_out:
        warnings.warn(f"{left_out} reports are in no event of the events table: they are left out of claims and "
                      "divergence", stacklevel=2)
    ordered = reports.assign(id=ids).merge(table.rename(columns={"report_id": "id", "event_id": "given"}), on="id")
    ordered = ordered.sort_values(["published", "id"] if "published" in ordered else ["id"], na_position="last",
                                  kind="stable").reset_index(drop=True)
    numeric = pd.to_numeric(ordered["given"], errors="coerce")
    if numeric.notna().all() and (numeric == numeric.round()).all():
        event_ids = numeric.astype("int64").to_numpy()
        default_names = {}
    else:
        number = {given: i for i, given in enumerate(pd.unique(ordered["given"]))}
        event_ids = ordered["given"].map(number).to_numpy()
        # Without an event_name column, ids that are words are the names the researcher gave.
        default_names = {} if "event_name" in ordered else {number[g]: g for g in number}
    events = summarise_events(ordered, event_ids)
    titles = ordered["title"].tolist() if "title" in ordered else [None] * len(ordered)
    terms = distinctive_terms(report_texts(ordered), titles, event_ids.tolist())
    names = dict(default_names)
    if "event_name" in ordered:
        given_names = ordered.assign(event_id=event_ids).query("event_name != ''")
        names.update(given_names.groupby("event_id")["event_name"].first().to_dict())
    events["label"] = [names.get(e) or event_label(terms[e], first, last) for e, first, last in
                       zip(events["event_id"], events["first_published"], events["last_published"], strict=True)]
    events["named_by"] = ["researcher" if e in names else "words" for e in events["event_id"]]
    assignments = pd.DataFrame({"report_id": ordered["id"], "event_id": event_ids})
    position = {report_id: i for i, report_id in enumerate(ids)}
    assignments = assignments.sort_values("report_id", key=lambda r: r.map(position), kind="stable")
    assignments["event_label"] = assignments["event_id"].map(dict(zip(events["event_id"], events["label"],
                                                                      strict=True)))
    return conform(assignments, ASSIGNMENTS), conform(events, EVENTS)
