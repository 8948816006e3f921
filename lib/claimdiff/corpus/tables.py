"""Tables of reports: ``.jsonl`` and ``.csv`` files and pandas DataFrames, with their own column names if need be.

Our columns are :data:`TABLE_COLUMNS` (only ``outlet`` and ``text`` required). A table with other names is read
through a mapping, ours -> theirs (``--columns text=body,outlet=source``, ``load_corpus(columns={"text": "body"})``);
the layouts of :data:`LAYOUTS` (FA-KES, Media Cloud) are recognised by their header, with a warning that says so.

>>> parse_columns("text=body, outlet=source")
(('text', 'body'), ('outlet', 'source'))
>>> mapping_for({"media_name", "publish_date", "title", "url", "text"}, ReadSettings())[1].name
'Media Cloud'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

from .records import CorpusError, ReadSettings, Record, Rejection, warn

TABLE_COLUMNS = ("id", "outlet", "published", "title", "text", "url", "language")
DATAFRAME_SOURCE = "dataframe"  # the source_path of rows given as a DataFrame


@dataclass(frozen=True)
class Layout:
    """A table layout researchers have (a dataset's or a service's export), told by the columns it must have."""

    name: str
    signature: frozenset[str]
    columns: tuple[tuple[str, str], ...]  # ours -> theirs
    dayfirst: bool | None = None  # how its numeric dates are ordered
    note: str = ""  # said when a column we need is missing


LAYOUTS = (
    Layout("FA-KES", frozenset({"article_title", "article_content", "source", "date"}),
           (("title", "article_title"), ("text", "article_content"), ("outlet", "source"), ("published", "date")),
           dayfirst=False),  # 4/5/2017 is 5 April in FA-KES
    Layout("Media Cloud", frozenset({"media_name", "publish_date", "title", "url"}),
           (("outlet", "media_name"), ("published", "publish_date")),
           note="Media Cloud exports list stories without their text: fetch the pages of the url column with "
           "`python -m claimdiff fetch`, or add a text column"),
)


def parse_columns(spec: str | Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    """A column mapping, ours -> theirs, from ``"text=body,outlet=source"`` or a dict; () for None."""
    if spec is None or spec == "":
        return ()
    if isinstance(spec, Mapping):
        pairs = [(str(ours).strip(), str(theirs).strip()) for ours, theirs in spec.items()]
    else:
        pairs = [tuple(part.strip() for part in item.split("=", 1)) for item in str(spec).split(",") if item.strip()]
    if any(len(pair) != 2 or not all(pair) for pair in pairs):
        raise CorpusError(f"columns {spec!r}: give ours=theirs pairs separated by commas, such as "
                          "text=body,outlet=source,published=date,title=headline")
    return tuple(pairs)


def mapping_for(header: Collection[str], settings: ReadSettings) -> tuple[tuple[tuple[str, str], ...], Layout | None]:
    """The mapping for a table with ``header``: the one given, else a known layout's when ours are missing."""
    if settings.columns:
        return settings.columns, None
    if {"outlet", "text"} <= set(header):
        return (), None
    for layout in LAYOUTS:
        if layout.signature <= set(header):
            return layout.columns, layout
    return (), None


def _renamed(fields: dict, mapping: tuple[tuple[str, str], ...]) -> dict:
    if not mapping:
        return fields
    theirs = {their for _, their in mapping}
    renamed = {key: value for key, value in fields.items() if key not in theirs}
    for ours, their in mapping:
        if their in fields:
            renamed[ours] = fields[their]
    return renamed


def _recognised(relative: str, layout: Layout) -> None:
    pairs = ", ".join(f"{their} -> {ours}" for ours, their in layout.columns)
    warn(relative, f"read as a {layout.name} table ({pairs}); give --columns (load_corpus(columns=...)) to map "
         "the columns otherwise")


def _header_problem(header: list[str], settings: ReadSettings, mapping, layout: Layout | None, kind: str,
                    how: str = "--columns text=body,outlet=source (load_corpus(columns={...}))") -> str | None:
    absent = [their for _, their in mapping if their not in header]
    if absent and settings.columns:
        return (f"the column mapping names {', '.join(absent)}, which the {kind} header does not have "
                f"(it has: {', '.join(header) or 'nothing'})")
    mapped = set(header) - {their for _, their in mapping} | {ours for ours, _ in mapping}
    needed = ("text",) if settings.outlet else ("outlet", "text")
    missing = [column for column in needed if column not in mapped]
    if not missing:
        return None
    reason = (f"{kind} header lacks {', '.join(missing)} (it has: {', '.join(header) or 'nothing'}); the columns are "
              f"{', '.join(TABLE_COLUMNS)} and only outlet and text are required")
    if layout is not None and layout.note:
        return f"{reason}. {layout.name}: {layout.note}"
    return f"{reason}: name yours with {how}"


def _record(relative: str, line: int, fields: dict, settings: ReadSettings, layout: Layout | None) -> Record:
    if settings.outlet and fields.get("outlet") in (None, ""):
        fields["outlet"] = settings.outlet
    return Record(relative, line, fields, layout.dayfirst if layout else None)


def read_jsonl(text: str, relative: str, settings: ReadSettings) -> Iterator[Record | Rejection]:
    """One record per line of a JSONL file (one JSON object per line)."""
    announced = set()
    # Only "\n" ends a JSONL line: str.splitlines would also split at U+2028 and others inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(relative, number, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(fields, dict):
            yield Rejection(relative, number, "each line must be one JSON object with at least `outlet` and `text`")
            continue
        mapping, layout = mapping_for(fields.keys(), settings)
        if layout is not None and layout.name not in announced:
            announced.add(layout.name)
            _recognised(relative, layout)
        yield _record(relative, number, _renamed(fields, mapping), settings, layout)


def read_csv(text: str, relative: str, settings: ReadSettings) -> Iterator[Record | Rejection]:
    """One record per row of a CSV file with a header row."""
    # The csv module refuses cells over 128 KB by default; the report size limit applies to each row instead.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        yield Rejection(relative, 1, f"the CSV header cannot be read ({error}): check the quoting of the first line")
        return
    mapping, layout = mapping_for(header, settings)
    problem = _header_problem(header, settings, mapping, layout, "CSV")
    if problem:
        yield Rejection(relative, 1, problem)
        return
    if layout is not None:
        _recognised(relative, layout)
    start = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Rejection(relative, start, f"CSV from this line on cannot be read ({error}): check its quoting; "
                            "the rows before it were read")
            return
        if None in row:
            yield Rejection(relative, start, f"row has {len(header) + len(row[None])} fields, the header "
                            f"{len(header)}: quote cells that hold commas")
        elif any(value is None for value in row.values()):
            yield Rejection(relative, start, f"row has {sum(v is not None for v in row.values())} fields, "
                            f"the header {len(header)}")
        else:
            yield _record(relative, start, _renamed(dict(row), mapping), settings, layout)
        start = reader.line_num + 1


def read_dataframe(frame: pd.DataFrame, settings: ReadSettings) -> list[Record]:
    """One record per row of ``frame``; ``line`` is the row's position from 1, ids default to ``dataframe:<line>``.

    Raises :class:`~claimdiff.corpus.records.CorpusError` when the columns lack ``outlet`` or ``text``.
    """
    header = [str(column) for column in frame.columns]
    mapping, layout = mapping_for(header, settings)
    problem = _header_problem(header, settings, mapping, layout, "DataFrame",
                              how="load_corpus(frame, columns={'text': 'body', 'outlet': 'source'})")
    if problem:
        raise CorpusError(problem)
    if layout is not None:
        _recognised("the DataFrame", layout)
    records = []
    for position, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        fields = {column: value for column, value in zip(header, row, strict=True) if not _blank(value)}
        records.append(_record(DATAFRAME_SOURCE, position, _renamed(fields, mapping), settings, layout))
    return records


def _blank(value) -> bool:
    if isinstance(value, (list, dict)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
