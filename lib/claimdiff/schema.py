"""Column names and dtypes of the tables the stages exchange, written down once.

Every stage returns a DataFrame whose first columns are exactly those of its schema, in order, with these
dtypes; an empty input gives an empty table with the same columns. Extra columns (extra front-matter keys,
a dataset's ``gold_event``) may follow.

>>> frame = empty(REPORTS)
>>> list(frame.columns)[:3]
['id', 'outlet', 'published']
>>> len(frame)
0

:data:`TABLES` names every table a stage hands on and the function that makes it; :func:`require` checks that a
stage was given the table it needs, and says in one line what is wrong when not:

>>> require(pd.DataFrame({"id": ["a"]}), "sentences", "cluster_events")
Traceback (most recent call last):
...
claimdiff.schema.SchemaError: cluster_events: the sentences table lacks report_id, sent_idx, text, start, end \
(it has: id): pass the table split_sentences returns
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd

Schema = Mapping[str, str]

REPORTS: Schema = {
    "id": "str",
    "outlet": "str",
    "published": "datetime64[ns]",  # naive UTC; NaT where the date was missing or unreadable
    # the same moment on the publication's own clock (naive local wall time), where the date gave a UTC offset
    # ("2024-04-20T00:30:00+03:00" -> 2024-04-20 00:30); else NaT. Relative dates ("yesterday") count from its day.
    "published_local": "datetime64[ns]",
    "title": "str",
    "text": "str",  # the headline, a blank line, the cleaned body; sentence offsets point into it
    "raw_text": "str",  # the text as read, before cleaning
    "url": "str",
    "language": "str",
    "source_path": "str",  # file the record came from, relative to the corpus root
    "duplicate_of": "str",  # id of the first report with the identical text, else missing
    "detected_language": "str",  # ISO 639-1 code guessed from the text (py3langid); missing when too short to tell
}

REJECTED: Schema = {
    "source_path": "str",
    "line": "Int64",  # 1-based line in the file, missing when the whole file is meant
    "reason": "str",
}

FETCH_LOG: Schema = {  # fetch-log.csv of `python -m claimdiff fetch`: one row per URL tried
    "url": "str",  # as listed
    "status": "str",  # ok | failed | skipped (saved by an earlier run; returned, not written to the log)
    "path": "str",  # the saved page, relative to the corpus folder
    "final_url": "str",  # after redirects
    "http_status": "str",
    "content_type": "str",
    "declared_charset": "str",  # from the Content-Type header
    "bytes": "str",
    "fetched_at": "str",  # UTC, 2024-04-20T08:30:00Z
    "reason": "str",  # why it failed, or a note on a page that was saved
}

SENTENCES: Schema = {
    "report_id": "str",
    "sent_idx": "int64",
    "text": "str",
    "start": "int64",  # offsets into reports.text: text == report_text[start:end]
    "end": "int64",
}


def empty(schema: Schema) -> pd.DataFrame:
    """An empty table with the schema's columns and dtypes."""
    return conform(pd.DataFrame(columns=list(schema)), schema)


def conform(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Return ``frame`` with the schema's columns first, in order and cast to their dtypes.

    Missing schema columns are added as missing values (``False`` for a ``bool`` column, which has no missing
    value: a table written before the column existed still reads); other columns are kept after them.

    >>> conform(pd.DataFrame({"reason": ["empty"], "source_path": ["a.md"]}), REJECTED).dtypes.astype(str).tolist()
    ['str', 'Int64', 'str']
    >>> conform(pd.DataFrame({"event_id": [3]}), {"event_id": "int64", "held_apart": "bool"})["held_apart"].tolist()
    [False]
    """
    frame = frame.copy()
    for column, dtype in schema.items():
        if column not in frame:
            frame[column] = False if dtype == "bool" else pd.NA
    extra = [c for c in frame.columns if c not in schema]
    frame = frame[list(schema) + extra]
    for column, dtype in schema.items():
        if dtype.startswith("datetime64"):
            frame[column] = pd.to_datetime(frame[column], utc=True, errors="coerce").dt.tz_localize(None)
            frame[column] = frame[column].astype(dtype)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame.reset_index(drop=True)


class SchemaError(ValueError):
    """A stage was given a table without the columns it needs (or something that is not a table)."""


# ASSIGNMENTS: the table events/__init__.py makes.
ASSIGNMENTS: Schema = {
    "report_id": "str",
    "event_id": "int64",  # 0..k-1 in order of each event's first publication (then report id)
    "event_label": "str",
}

# EVENTS: the table events/__init__.py makes.
EVENTS: Schema = {
    "event_id": "int64",
    "label": "str",  # a few distinctive words and the date range: "Sukhnah · ambush · ISIS (18–19 Apr 2024)"
    "first_published": "datetime64[ns]",  # NaT when no report of the event has a date
    "last_published": "datetime64[ns]",
    "n_reports": "int64",
    "outlets": "str",  # the outlet keys of its reports, sorted, comma-separated ("sana,sna")
}

# CLAIMS: the table claims.py makes.
CLAIMS: Schema = {
    "claim_id": "int64",
    "event_id": "int64",
    "report_id": "str",
    "sent_idx": "int64",
    "outlet": "str",
    "text": "str",
    "similarity": "float64",  # mean similarity to the other sentences of the group; NaN for a singleton
}

# DETAILS: the table details/table.py makes.
DETAILS: Schema = {
    "report_id": "str",
    "sent_idx": "int64",
    "kind": "str",  # count, date, place, actor, label, attribution, hedge, act
    "subject": "str",  # what the detail is about; its vocabulary depends on `kind`
    "value": "str",  # the normalised detail ("at least 21", "2024-04-20", "ISIS", "Ministry of Defense")
    "low": "float64",  # counts: the interval the phrase states, inclusive; NaN is an open bound
    "high": "float64",
    "text": "str",  # the evidence as written: report_text[start:end]
    "start": "int64",  # offsets into reports.text
    "end": "int64",
    "date_low": "datetime64[ns]",  # dates: the first and last day the phrase can mean; NaT for other kinds
    "date_high": "datetime64[ns]",
    # actor and label rows: the role of the actor in its sentence (agent, claimed, blamed, target, mentioned; label
    # rows inside quotation marks: quoted; label rows that qualify an act, "a terrorist attack": act); date
    # rows: "dateline" for a report's filing time ("Published April 8 2017 ..."); hedge rows: what the marker doubts
    # (count, party, claim, other: details/hedges.py hedge_scope); place rows: the kind of ground the wording around
    # the name says it is (village, town, city, province, near, source: details/grounds.py); else missing
    "role": "str",
    # count rows: who or what the count counts, so that like is compared with like (details/groups.py): for people
    # a group of data/count_groups.yaml (people = a total, civilians, children, women, soldiers, fighters, ...),
    # for ``other`` the noun counted ("greenhouses", "villages", "war-wide", "population"), for drones, vehicles,
    # ... the subject; missing where nothing says what is counted; hedge rows: the facts the marker doubts
    # ("count:killed|party:Russia"), missing for none
    "group": "str",
    # count and actor rows: the source the sentence gives for it (a normalised source as in attribution rows,
    # "Ministry of Defense", "monitor"), where the sentence attributes it to one; else missing
    "source": "str",
    # every row: what the part of its sentence it stands in tells of (details/scope.py, read from the sentence's own
    # wording and dates): incident (the report's own), other incident, running total, context
    "scope": "str",
}

# DIVERGENCE: the table divergence/core.py makes.
DIVERGENCE: Schema = {
    "event_id": "int64",
    "claim_id": "int64",  # -1 for rows that concern the event as a whole
    "kind": "str",  # count, date, place, actor, label, attribution, hedge, omission
    "subject": "str",
    "outlet": "str",
    "value": "str",  # what the outlet says; "none" when it states no such detail in the claim, missing for omissions
    "low": "float64",
    "high": "float64",
    "agrees": "boolean",  # can this be true together with what every other outlet says? missing: not comparable
    "score": "float64",  # how far apart the outlets are on this claim and detail (see `compatible.spread`)
    "evidence": "str",  # the words the value rests on
    "report_id": "str",
    "sent_idx": "Int64",
    "published": "datetime64[ns]",  # the report's: its own dateline's day where that disagrees with the recorded one
    "superseded": "bool",  # a later report of the same outlet restates this claim
    # the row's report tells of another incident than its event's: held apart from more than half of the event's
    # other reports (divergence/apart.py held_apart), it was compared with none of those; False for rows of no report
    "held_apart": "bool",
    # the other side of the surest clash of a disagreeing row (missing when it agrees)
    "other_outlet": "str",
    "other_report_id": "str",
    "other_evidence": "str",
    "other_value": "str",
    "confidence": "float64",  # 0-1: how sure the clash is (1 a direct contradiction); missing when it agrees
}

# LABEL_TABLE: the table framing/labels.py makes.
LABEL_TABLE: Schema = {
    "actor": "str",  # the actor the label stands for (the details stage's canonical name)
    "group_by": "str",  # what the groups are: "outlet", "kind", or another column of the outlet table
    "group": "str",  # the outlet key, or the kind ("state agency", "wire", ...)
    "label": "str",  # the word used ("terrorists", "regime")
    "n_labels": "int64",  # times the group used this label for this actor
    "n_total": "int64",  # times the group labelled this actor at all
    "share": "float64",  # n_labels / n_total
    "ci_low": "float64",  # 95% percentile-bootstrap interval of share, resampling the group's reports
    "ci_high": "float64",
    "n_reports": "int64",  # the group's reports with at least one label for this actor (the bootstrap's units)
}

# MENTIONS: the table framing/labels.py makes.
MENTIONS: Schema = {"report_id": "str", "outlet": "str", "actor": "str", "label": "str", "text": "str"}

# LOG_ODDS: the table framing/logodds.py makes.
LOG_ODDS: Schema = {
    "group_by": "str",  # what the groups are: "outlet", "kind", ...
    "group": "str",  # the group compared against all the others
    "term": "str",  # a word or phrase, lower-cased
    "n_words": "int64",  # words in the term
    "count_group": "int64",  # y_w^i: times the group used it (in the shared events)
    "count_rest": "int64",  # y_w^j: times the other groups used it (in the same events)
    "frequency": "int64",  # count_group + count_rest
    "delta": "float64",  # log-odds ratio, group against rest, with the prior (positive: typical of the group)
    "variance": "float64",  # its approximate variance
    "z": "float64",  # delta / sqrt(variance)
    "rank": "int64",  # 1 = the term most typical of the group (largest z)
    "n_events": "int64",  # events compared: covered by the group and by at least one other group
    "n_reports_group": "int64",  # the group's reports in those events
    "n_reports_rest": "int64",  # the other groups' reports in those events
}

# CONCEPTS: the table framing/concepts.py makes.
CONCEPTS: Schema = {
    "report_id": "str",  # the report (``0_LL``)
    "event": "str",  # the NewsWCL50 event, "0" to "9"; concepts are annotated per event
    "concept": "str",  # the chain name (``0_USA_Trump_ACTOR``)
    "concept_type": "str",  # its last part: ACTOR, ACTOR-I, GROUP, COUNTRY, EVENT, ACTION, MISC, OBJECT, …
    "text": "str",  # the mention as written: report_text[start:end]
    "start": "int64",  # offsets into reports.text
    "end": "int64",
}


class Table(NamedTuple):
    """A table stages exchange: its schema (or where it is defined, ``"module:NAME"``) and the function making it."""

    schema: Schema | str
    made_by: str


# The tables by name. Schemas defined beside their stage are found by name when first asked for, so that this module
# imports none of the stages.
TABLES: dict[str, Table] = {
    "reports": Table(REPORTS, "load_corpus"),
    "rejected": Table(REJECTED, "load_corpus"),
    "fetch log": Table(FETCH_LOG, "fetch_urls"),
    "sentences": Table(SENTENCES, "split_sentences"),
    "assignments": Table(ASSIGNMENTS, "cluster_events"),
    "events": Table(EVENTS, "cluster_events"),
    "claims": Table(CLAIMS, "align_claims"),
    "details": Table(DETAILS, "extract_details"),
    "divergence": Table(DIVERGENCE, "compare_details"),
    "label mentions": Table(MENTIONS, "label_mentions"),
    "label table": Table(LABEL_TABLE, "label_table"),
    "log-odds": Table(LOG_ODDS, "log_odds"),
    "concepts": Table(CONCEPTS, "newswcl50_concepts"),
}


def schema_of(name: str) -> Schema:
    """The schema of the table ``name`` (a key of :data:`TABLES`).

    >>> list(schema_of("assignments"))
    ['report_id', 'event_id', 'event_label']
    """
    try:
        schema = TABLES[name].schema
    except KeyError:
        raise KeyError(f"no table called {name!r}; the tables are: {', '.join(TABLES)}") from None
    if isinstance(schema, str):
        module, _, attribute = schema.partition(":")
        schema = getattr(importlib.import_module(module), attribute)
    return schema


def require(frame, name: str, stage: str, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """Return ``frame`` if it is a DataFrame with the columns of the table ``name``; else raise :class:`SchemaError`.

    ``columns``: the columns ``stage`` reads, when it needs only some of the schema's (default: all of them).
    Only names are checked, not dtypes: the stages cast what they read.

    >>> require(pd.DataFrame({"id": ["a"], "text": ["Ten killed."]}), "reports", "split_sentences",
    ...         columns=["id", "text"]).shape
    (1, 2)
    >>> require([], "details", "compare_details")
    Traceback (most recent call last):
    ...
    claimdiff.schema.SchemaError: compare_details: the details table is a list, not a DataFrame: pass the table \
extract_details returns
    """
    schema = schema_of(name)
    wanted = list(schema) if columns is None else list(columns)
    unknown = [column for column in wanted if column not in schema]
    if unknown:
        raise ValueError(f"{stage}: {', '.join(unknown)} are not columns of the {name} table")
    advice = f"pass the table {TABLES[name].made_by} returns"
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(f"{stage}: the {name} table is a {type(frame).__name__}, not a DataFrame: {advice}")
    missing = [column for column in wanted if column not in frame.columns]
    if missing:
        raise SchemaError(f"{stage}: the {name} table lacks {', '.join(missing)} "
                          f"(it has: {_listing(frame.columns)}): {advice}")
    return frame


def _listing(columns, limit: int = 12) -> str:
    names = [str(column) for column in columns]
    if not names:
        return "no columns"
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
