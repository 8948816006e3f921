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

    Missing schema columns are added as missing values; other columns are kept after them.

    >>> conform(pd.DataFrame({"reason": ["empty"], "source_path": ["a.md"]}), REJECTED).dtypes.astype(str).tolist()
    ['str', 'Int64', 'str']
    """
    frame = frame.copy()
    for column in schema:
        if column not in frame:
            frame[column] = pd.NA
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
    "assignments": Table("claimdiff.events:ASSIGNMENTS", "cluster_events"),
    "events": Table("claimdiff.events:EVENTS", "cluster_events"),
    "claims": Table("claimdiff.claims:CLAIMS", "align_claims"),
    "details": Table("claimdiff.details.table:DETAILS", "extract_details"),
    "divergence": Table("claimdiff.divergence:DIVERGENCE", "compare_details"),
    "label mentions": Table("claimdiff.framing.labels:MENTIONS", "label_mentions"),
    "label table": Table("claimdiff.framing.labels:LABEL_TABLE", "label_table"),
    "log-odds": Table("claimdiff.framing.logodds:LOG_ODDS", "log_odds"),
    "concepts": Table("claimdiff.framing.concepts:CONCEPTS", "newswcl50_concepts"),
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
