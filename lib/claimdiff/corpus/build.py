"""The table builder: records become the ``reports`` table (columns of :data:`claimdiff.schema.REPORTS`).

Each record's fields are checked (an outlet, a text, the size limit), its date read, its text cleaned of site
boilerplate, with the headline first; what cannot be used becomes a :class:`~claimdiff.corpus.records.Rejection`.

>>> from claimdiff.corpus.records import Record
>>> reports, rejected = build_reports([Record("wire/a.txt", None, {"outlet": "wire", "title": "Blast in Homs",
...                                                             "text": "Blast in Homs"})])
>>> reports.loc[0, "text"], rejected
('Blast in Homs', [])
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd

from .. import schema
from ..clean import clean_text, outlet_boilerplate, strip_control
from ..language import detect_language
from ..published import FUTURE, local_published, parse_published
from .records import CorpusError, CorpusWarning, Record, Rejection, warn

# Columns claimdiff fills itself: a front-matter key or table column of the same name is ignored, with a warning.
DERIVED = frozenset({"published_local", "raw_text", "source_path", "duplicate_of", "detected_language"})


def build_reports(records: list[Record], max_bytes: int | None = None,
                  dayfirst: bool | None = None) -> tuple[pd.DataFrame, list[Rejection]]:
    """``(reports, rejections)`` from ``records``; ``dayfirst`` orders numeric dates where a record does not say.

    Raises :class:`~claimdiff.corpus.records.CorpusError` when two reports share an id.
    """
    rows, rejections = [], []
    for record in records:
        row, reason = _to_row(record, max_bytes, dayfirst)
        if reason:
            rejections.append(Rejection(record.source_path, record.line, reason))
        else:
            rows.append(row)
    if not rows:
        return schema.empty(schema.REPORTS), rejections
    _check_unique_ids(rows)
    by_outlet: dict[str, list[str]] = {}
    for row in rows:
        by_outlet.setdefault(row["outlet"], []).append(row["raw_text"])
    boilerplate = outlet_boilerplate(by_outlet)
    kept = []
    for row in rows:
        body = clean_text(row["raw_text"], boilerplate[row["outlet"]])
        if body:  # a one-line report whose text is its own headline (a wire alert, a post) is a report
            row["text"] = _with_headline(row["title"], body)
            kept.append(row)
        else:
            rejections.append(
                Rejection(row["source_path"], row["_line"], "no text left after removing site boilerplate")
            )
    if not kept:  # every text was boilerplate
        return schema.empty(schema.REPORTS), rejections
    reports = pd.DataFrame(kept).drop(columns="_line")
    reports["detected_language"] = [detect_language(text) for text in reports["text"]]
    _warn_not_english(reports)
    reports = schema.conform(reports, schema.REPORTS)
    for column in reports.columns[len(schema.REPORTS) :]:
        reports[column] = _uniform(reports[column])
    first = reports.drop_duplicates("text").set_index("text")["id"]
    duplicate_of = reports["text"].map(first)
    reports["duplicate_of"] = duplicate_of.where(duplicate_of != reports["id"]).astype("str")
    return reports, rejections


def _warn_not_english(reports: pd.DataFrame) -> None:
    declared = reports["language"].str.lower().str[:2] if "language" in reports else None
    language = reports["detected_language"].fillna(declared) if declared is not None else reports["detected_language"]
    other = reports[language.notna() & (language != "en")]
    if other.empty:
        return
    counts = ", ".join(f"{code}: {n}" for code, n in language[other.index].value_counts().sort_index().items())
    warnings.warn(
        f"{len(other)} of {len(reports)} reports are not in English ({counts}; e.g. {other['source_path'].iloc[0]}). "
        "The default embedding model (all-MiniLM-L6-v2) is English-only, so events and claims found for them are "
        "unreliable; the column `detected_language` says which they are. Pass Embedder(model=...) with a "
        "multilingual model, or filter them out.",
        CorpusWarning,
        stacklevel=4,
    )


def _uniform(column: pd.Series) -> pd.Series:
    """An extra column of one type, so that tables can be written to parquet: mixed types become text."""
    kind = pd.api.types.infer_dtype(column, skipna=True)
    if kind == "boolean":
        return column.astype("boolean")
    if kind in {"integer", "floating", "mixed-integer-float"}:
        return pd.to_numeric(column)
    return column.map(lambda value: value if _missing(value) else str(value)).astype("str")


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _with_headline(title: str | None, body: str) -> str:
    """The headline is part of what an outlet says: it opens the text unless the body already starts with it."""
    if not title or body.startswith(title):
        return body
    return f"{title}\n\n{body}" if body else title


def _to_row(record: Record, max_bytes: int | None, dayfirst: bool | None) -> tuple[dict[str, Any], str | None]:
    fields = dict(record.fields)
    for key in ("outlet", "text", "id", "title"):
        if isinstance(fields.get(key), (list, dict)):
            return {}, f"`{key}` is a {type(fields[key]).__name__}, not a single value: give it as one string"
    outlet = as_text(fields.pop("outlet", None))
    text = as_text(fields.pop("text", None))
    if not outlet:
        return {}, "no `outlet`: every report must name the outlet that published it"
    if not text:
        return {}, "empty text: the report has no body"
    if max_bytes is not None and len(text) > max_bytes:
        return {}, (f"text is {len(text) / 1e6:.1f} million characters, over the limit of {max_bytes / 1e6:g} MB for "
                    "one report: check that it is one article, or raise max_report_mb")
    for key in sorted(DERIVED & fields.keys()):
        warn(record.where, f"`{key}` is filled by claimdiff; the value given is ignored (rename the key to keep it)",
             stacklevel=5)
        del fields[key]
    default_id = record.source_path if record.line is None else f"{record.source_path}:{record.line}"
    published = fields.pop("published", None)
    order = record.dayfirst if record.dayfirst is not None else dayfirst
    row = {
        "id": as_text(fields.pop("id", None)) or default_id,
        "outlet": outlet,
        "published": _parse_published(published, record, order),
        "published_local": local_published(published, order),
        "title": as_text(strip_control(str(fields.pop("title", None) or ""))),
        "raw_text": text.replace("\r\n", "\n"),
        "url": as_text(fields.pop("url", None)),
        "language": as_text(fields.pop("language", None)),
        "source_path": record.source_path,
        "_line": record.line,
    }
    row.update({key: value for key, value in fields.items() if key not in row})
    return row, None


def as_text(value: Any) -> str | None:
    """A cell or field as stripped text; None for missing, NaN and blank."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA or value is pd.NaT:
        return None
    text = str(value).strip()
    return text or None


def _parse_published(value: Any, record: Record, dayfirst: bool | None) -> pd.Timestamp:
    stamp, problem = parse_published(value, dayfirst)
    if problem is not None:
        if problem == FUTURE:
            advice = "kept as given. Check the year."
        else:
            advice = "kept with no date. Use an ISO date such as 2024-04-12 or 2024-04-12T09:30:00+03:00"
            if "day/month" in problem:
                advice += ", or say the order: load_corpus(..., dayfirst=True or False), --dayfirst"
            advice += "."
        warn(record.where, f"`published` is {value!r}, {problem}; {advice}", stacklevel=5)
    return stamp


def _check_unique_ids(rows: list[dict[str, Any]]) -> None:
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        first = seen.setdefault(row["id"], row)
        if first is not row:
            raise CorpusError(
                f"duplicate report id {row['id']!r}: {_where(first)} and {_where(row)}. "
                "Give one of them another `id`."
            )


def _where(row: dict[str, Any]) -> str:
    return row["source_path"] + (f", line {row['_line']}" if row["_line"] else "")
