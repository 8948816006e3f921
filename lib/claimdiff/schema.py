"""Column names and dtypes of the tables the stages exchange, written down once.

Every stage returns a DataFrame whose first columns are exactly those of its schema, in order, with these
dtypes; an empty input gives an empty table with the same columns. Extra columns (extra front-matter keys,
a dataset's ``gold_event``) may follow.

>>> frame = empty(REPORTS)
>>> list(frame.columns)[:3]
['id', 'outlet', 'published']
>>> len(frame)
0
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

Schema = Mapping[str, str]

REPORTS: Schema = {
    "id": "str",
    "outlet": "str",
    "published": "datetime64[ns]",  # naive UTC; NaT where the date was missing or unreadable
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
