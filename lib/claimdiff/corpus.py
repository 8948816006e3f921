"""Load a corpus of reports from a folder or a file: one row per report, one row per rejected record.

Accepted inputs (``corpus/README.md`` is the full description):

1. ``.md`` / ``.txt`` files with YAML front matter (``outlet`` required; ``published``, ``title``, ``url``,
   ``language``, ``id``; any other key is kept as an extra column);
2. ``.jsonl`` / ``.csv`` files with columns ``id, outlet, published, title, text, url, language``
   (only ``outlet`` and ``text`` required);
3. ``.html`` pages, whose text, title, date and author trafilatura extracts (the page stays at ``source_path``).

A folder may mix them, in subfolders too. ``outlets.yaml``, ``gold.yaml``, ``fetch-log.csv`` and ``README.md``
are metadata, and files or folders whose name starts with a dot are skipped; any other file is either loaded or
rejected with its reason, so that every record read ends up in exactly one of ``reports`` and ``rejected``. A
report over ``max_report_mb`` is rejected unread. Pages saved by ``python -m claimdiff fetch`` take their URL and
fetch time from its ``fetch-log.csv``. A folder of one of the research datasets in ``../shared/datasets`` (ECB+,
GVC, NewsWCL50, BASIL, FA-KES: its name and its ``SOURCE.md``) is read with its loader from
:mod:`claimdiff.datasets`.

>>> corpus = load_corpus("corpus/demo")                                    # doctest: +SKIP
>>> corpus.reports[["id", "outlet", "published"]].head(2)                 # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import frontmatter
import pandas as pd
import yaml

from . import schema
from .clean import clean_text, outlet_boilerplate, strip_control
from .language import detect_language
from .published import FUTURE, local_published, parse_published
from .stagecache import cached_stage
from .textio import DecodeError, read_text

FETCH_LOG = "fetch-log.csv"  # written by `python -m claimdiff fetch` beside the pages it saves
METADATA_FILES = frozenset({"outlets.yaml", "gold.yaml", "readme.md", FETCH_LOG})
REPORT_SUFFIXES = frozenset({".md", ".txt", ".jsonl", ".csv", ".html", ".htm"})
SINGLE_REPORT_SUFFIXES = frozenset({".md", ".txt", ".html", ".htm"})
TABLE_COLUMNS = ("id", "outlet", "published", "title", "text", "url", "language")
# A report larger than this (a whole file of one report, or one table row's text) is rejected, not read: news
# articles are well under 1 MB, and a larger "report" is usually a wrong file. load_corpus(max_report_mb=) raises it.
MAX_REPORT_MB = 10.0
# Columns claimdiff fills itself: a front-matter key or table column of the same name is ignored, with a warning.
_DERIVED = frozenset({"published_local", "raw_text", "source_path", "duplicate_of", "detected_language"})


class CorpusError(ValueError):
    """A corpus problem that stops loading (duplicate ids, a path that does not exist)."""


class CorpusWarning(UserWarning):
    """A record was kept but something in it needs a look (an unreadable date, a guessed encoding)."""


class Corpus(NamedTuple):
    """What :func:`load_corpus` returns: ``reports, rejected = load_corpus(path)`` works too."""

    reports: pd.DataFrame
    rejected: pd.DataFrame


@dataclass
class _Record:
    source_path: str
    line: int | None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Rejection:
    source_path: str
    line: int | None
    reason: str


@cached_stage("corpus", paths=("path",))
def load_corpus(path: str | Path, max_report_mb: float = MAX_REPORT_MB) -> Corpus:
    """Read every report under ``path`` (a folder or one file).

    Returns ``Corpus(reports, rejected)``: ``reports`` has the columns of :data:`claimdiff.schema.REPORTS`
    (plus extra front-matter keys), ``rejected`` those of :data:`claimdiff.schema.REJECTED`.
    A report over ``max_report_mb`` megabytes is rejected unread. Raises :class:`CorpusError` if ``path`` does
    not exist or two reports share an id. For a web page, ``source_path`` is the saved HTML itself (relative to
    ``path``, or to its folder when ``path`` is one file), so the raw page stays beside the extracted text.
    """
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"{root}: no such file or folder. Give the folder that holds your reports.")
    dataset = _known_dataset(root)
    if dataset is not None:
        return Corpus(dataset(root), schema.empty(schema.REJECTED))
    files = [root] if root.is_file() else _corpus_files(root)
    base = root.parent if root.is_file() else root
    max_bytes = int(max_report_mb * 1e6)
    fetched = _fetch_logs(base, recursive=root.is_dir())
    records: list[_Record] = []
    rejections: list[_Rejection] = []
    for file in files:
        relative = file.relative_to(base).as_posix()
        for item in _read_file(file, relative, max_bytes):
            if isinstance(item, _Record) and relative in fetched:
                item.fields.update(fetched[relative])  # the address it came from, rather than the one it claims
            (records if isinstance(item, _Record) else rejections).append(item)
    reports, cleaning_rejections = _build_reports(records, max_bytes)
    rejected = pd.DataFrame(
        [vars(r) for r in rejections + cleaning_rejections], columns=list(schema.REJECTED)
    )
    return Corpus(reports, schema.conform(rejected, schema.REJECTED))


def _known_dataset(root: Path):
    """The loader of a research dataset folder from ../shared/datasets (named as there, with its SOURCE.md)."""
    from .datasets import DATASETS

    if root.is_dir() and (root / "SOURCE.md").is_file():
        return DATASETS.get(root.name)
    return None


def _corpus_files(root: Path) -> list[Path]:
    files = []
    for file in sorted(root.rglob("*")):
        parts = file.relative_to(root).parts
        if any(part.startswith(".") for part in parts) or not file.is_file():
            continue
        if file.name.lower() in METADATA_FILES:
            continue
        files.append(file)
    return files


def _fetch_logs(base: Path, recursive: bool = True) -> dict[str, dict[str, str]]:
    """URL and fetch time of each page saved by ``claimdiff fetch``, by its path relative to ``base``."""
    found: dict[str, dict[str, str]] = {}
    logs = sorted(base.rglob(FETCH_LOG)) if recursive else [base / FETCH_LOG]
    for log in logs:
        if not log.is_file():
            continue
        try:
            rows = pd.read_csv(log, dtype=str, keep_default_na=False)
        except (OSError, ValueError, pd.errors.ParserError) as error:
            warnings.warn(f"{log}: not a fetch log claimdiff can read ({error}); page URLs come from the pages",
                          CorpusWarning, stacklevel=3)
            continue
        if not {"status", "path", "final_url", "fetched_at"} <= set(rows.columns):
            continue
        for row in rows[rows["status"] == "ok"].itertuples():
            relative = (log.parent / row.path).relative_to(base).as_posix()
            found[relative] = {"url": row.final_url, "fetched_at": row.fetched_at}
    return found


def _read_file(file: Path, relative: str, max_bytes: int | None = None) -> Iterator[_Record | _Rejection]:
    suffix = file.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        accepted = ", ".join(sorted(REPORT_SUFFIXES))
        yield _Rejection(relative, None, f"unsupported file type {suffix or '(none)'!r}: use one of {accepted}")
        return
    try:
        text, note = read_text(file, max_bytes if suffix in SINGLE_REPORT_SUFFIXES else None)
    except DecodeError as error:
        yield _Rejection(relative, None, str(error))
        return
    except OSError as error:
        yield _Rejection(relative, None, f"cannot be read ({error.strerror or error}): check its permissions")
        return
    if note:
        warnings.warn(f"{relative}: {note}", CorpusWarning, stacklevel=3)
    if suffix in {".md", ".txt"}:
        yield _read_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"), relative)
    elif suffix == ".jsonl":
        yield from _read_jsonl(text, relative)
    elif suffix == ".csv":
        yield from _read_csv(text, relative)
    else:
        yield _read_html(text, relative)


def _read_front_matter(text: str, relative: str) -> _Record | _Rejection:
    if not text.lstrip("\ufeff").startswith("---"):
        if _HTML_PAGE.match(text):
            return _Rejection(relative, 1, "this is an HTML page, not a text report: rename it to .html")
        return _Rejection(
            relative, 1, "no YAML front matter: start the file with a '---' block that gives at least `outlet:`"
        )
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening '---', +1 for 1-based lines
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return _Rejection(relative, line, f"front matter is not valid YAML ({problem}): fix the '---' block")
    if not post.metadata:
        return _Rejection(
            relative,
            1,
            "front matter is empty, not a mapping of keys, or not closed with '---': it must give at least `outlet:`",
        )
    fields = {str(key): value for key, value in post.metadata.items()}
    fields["text"] = post.content
    if _HTML_PAGE.match(post.content):
        fields["text"] = _html_text(post.content)
        warnings.warn(f"{relative}: the text is an HTML page; its article text was extracted. Save web pages as "
                      ".html files", CorpusWarning, stacklevel=4)
    return _Record(relative, None, fields)


_HTML_PAGE = re.compile(r"\s*(<!doctype html|<html[\s>])", re.IGNORECASE)


def _html_text(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_comments=False) or ""


def _read_jsonl(text: str, relative: str) -> Iterator[_Record | _Rejection]:
    # Only "\n" ends a JSONL line: str.splitlines would also split at U+2028 and others inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as error:
            yield _Rejection(relative, number, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(fields, dict):
            yield _Rejection(relative, number, "each line must be one JSON object with at least `outlet` and `text`")
            continue
        yield _Record(relative, number, fields)


def _read_csv(text: str, relative: str) -> Iterator[_Record | _Rejection]:
    # The csv module refuses cells over 128 KB by default; the report size limit applies to each row instead.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as error:
        yield _Rejection(relative, 1, f"the CSV header cannot be read ({error}): check the quoting of the first line")
        return
    missing = [column for column in ("outlet", "text") if column not in header]
    if missing:
        yield _Rejection(
            relative,
            1,
            f"CSV header lacks {', '.join(missing)} (it has: {', '.join(header) or 'nothing'}); "
            f"the columns are {', '.join(TABLE_COLUMNS)} and only outlet and text are required",
        )
        return
    start = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield _Rejection(relative, start, f"CSV from this line on cannot be read ({error}): check its quoting; "
                             "the rows before it were read")
            return
        if None in row:
            yield _Rejection(relative, start, f"row has {len(header) + len(row[None])} fields, the header {len(header)}: "
                             "quote cells that hold commas")
        elif any(value is None for value in row.values()):
            yield _Rejection(relative, start, f"row has {sum(v is not None for v in row.values())} fields, "
                             f"the header {len(header)}")
        else:
            yield _Record(relative, start, dict(row))
        start = reader.line_num + 1


def _read_html(text: str, relative: str) -> _Record | _Rejection:
    import trafilatura

    page = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if page is None or not (page.text or "").strip():
        return _Rejection(relative, None, "no article text found in the HTML page")
    words = len(page.text.split())
    if words < MIN_PAGE_WORDS:
        return _Rejection(relative, None, f"only {words} word{'s' if words > 1 else ''} of text in the HTML page "
                          f"(fewer than {MIN_PAGE_WORDS}): a menu, a cookie wall or an error page, not an article")
    try:
        meta = _html_meta(text)
    except (ValueError, SyntaxError):  # lxml: a page trafilatura could read but lxml cannot
        meta = {}
    folder = Path(relative).parts[0] if len(Path(relative).parts) > 1 else None
    fields = {
        **{key: _scalar(value) for key, value in meta.items() if key in _HTML_META_KEPT},
        "outlet": meta.get("outlet") or folder,
        # trafilatura keeps only the day; the page's own timestamp keeps the time of publication
        "published": meta.get("article:published_time") or page.date,
        "title": page.title,
        "url": page.url,
        "author": page.author,
        "text": page.text,
    }
    return _Record(relative, None, {k: v for k, v in fields.items() if v is not None})


# What trafilatura finds on a page without an article is its menu ("Home"): fewer words than this is no report.
MIN_PAGE_WORDS = 10
_HTML_META_KEPT = frozenset({"synthetic", "language"})


def _scalar(text: str) -> Any:
    """A meta tag's content read the way front matter would read it ("true" is a boolean)."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return value if isinstance(value, (bool, int, float, str)) else text


def _html_meta(html: str) -> dict[str, str]:
    """``<meta name|property=... content=...>`` pairs of the page, first occurrence of each name."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html.encode("utf-8"))
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("name") or meta.get("property")
        if key and meta.get("content") is not None:
            found.setdefault(key.strip().lower(), meta.get("content").strip())
    return found


def _build_reports(records: list[_Record], max_bytes: int | None = None) -> tuple[pd.DataFrame, list[_Rejection]]:
    rows, rejections = [], []
    for record in records:
        row, reason = _to_row(record, max_bytes)
        if reason:
            rejections.append(_Rejection(record.source_path, record.line, reason))
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
        row["text"] = _with_headline(row["title"], clean_text(row["raw_text"], boilerplate[row["outlet"]]))
        if row["text"] and row["text"] != row["title"]:
            kept.append(row)
        else:
            rejections.append(
                _Rejection(row["source_path"], row["_line"], "no text left after removing site boilerplate")
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


def _to_row(record: _Record, max_bytes: int | None = None) -> tuple[dict[str, Any], str | None]:
    fields = dict(record.fields)
    for key in ("outlet", "text", "id", "title"):
        if isinstance(fields.get(key), (list, dict)):
            return {}, f"`{key}` is a {type(fields[key]).__name__}, not a single value: give it as one string"
    outlet = _as_text(fields.pop("outlet", None))
    text = _as_text(fields.pop("text", None))
    if not outlet:
        return {}, "no `outlet`: every report must name the outlet that published it"
    if not text:
        return {}, "empty text: the report has no body"
    if max_bytes is not None and len(text) > max_bytes:
        return {}, (f"text is {len(text) / 1e6:.1f} million characters, over the limit of {max_bytes / 1e6:g} MB for "
                    "one report: check that it is one article, or raise max_report_mb")
    where = record.source_path + (f", line {record.line}" if record.line else "")
    for key in sorted(_DERIVED & fields.keys()):
        warnings.warn(f"{where}: `{key}` is filled by claimdiff; the value given is ignored (rename the key to keep "
                      "it)", CorpusWarning, stacklevel=4)
        del fields[key]
    default_id = record.source_path if record.line is None else f"{record.source_path}:{record.line}"
    published = fields.pop("published", None)
    row = {
        "id": _as_text(fields.pop("id", None)) or default_id,
        "outlet": outlet,
        "published": _parse_published(published, record),
        "published_local": local_published(published),
        "title": _as_text(strip_control(str(fields.pop("title", None) or ""))),
        "raw_text": text.replace("\r\n", "\n"),
        "url": _as_text(fields.pop("url", None)),
        "language": _as_text(fields.pop("language", None)),
        "source_path": record.source_path,
        "_line": record.line,
    }
    row.update({key: value for key, value in fields.items() if key not in row})
    return row, None


def _as_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _parse_published(value: Any, record: _Record) -> pd.Timestamp:
    stamp, problem = parse_published(value)
    if problem is not None:
        where = record.source_path + (f", line {record.line}" if record.line else "")
        advice = ("kept as given. Check the year." if problem == FUTURE else "kept with no date. Use an ISO date "
                  "such as 2024-04-12 or 2024-04-12T09:30:00+03:00.")
        warnings.warn(f"{where}: `published` is {value!r}, {problem}; {advice}", CorpusWarning, stacklevel=4)
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
