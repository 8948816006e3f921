"""Load a corpus of reports: one row per report, one row per rejected record, from a folder, a file or a DataFrame.

Accepted inputs (``corpus/README.md`` is the full description):

1. ``.md`` / ``.txt`` files with YAML front matter (``outlet`` required; ``published``, ``title``, ``url``,
   ``language``, ``id``; any other key is kept as an extra column), or plain text in a folder named after its outlet
   (title = first line, date from a ``Published ...`` line or a dateline) — :mod:`.textfiles`;
2. ``.jsonl`` / ``.csv`` files and DataFrames with columns ``id, outlet, published, title, text, url, language``
   (only ``outlet`` and ``text`` required), or other names mapped with ``columns=`` — :mod:`.tables`;
3. ``.html`` pages, whose text, title, date and author trafilatura extracts — :mod:`.web`;
4. news-database exports, split into one report per article: Nexis Uni / LexisNexis ``.docx`` and ``.rtf``
   (:mod:`.nexis`), Factiva ``.rtf`` and ``.html`` (:mod:`.factiva`); and text-based ``.pdf`` files, one report each
   (:mod:`.documents`).

A folder may mix them, in subfolders too. ``outlets.yaml``, ``gold.yaml``, ``fetch-log.csv`` and ``README.md``
are metadata, and files or folders whose name starts with a dot are skipped; any other file is either loaded or
rejected with its reason, so that every record read ends up in exactly one of ``reports`` and ``rejected``
(:mod:`.records`; the table is built by :mod:`.build`). A report over ``max_report_mb`` is rejected unread. Pages
saved by ``python -m claimdiff fetch`` take their URL and fetch time from its ``fetch-log.csv``. A folder of one of
the research datasets in ``../shared/datasets`` (ECB+, GVC, NewsWCL50, BASIL, FA-KES: its name and its
``SOURCE.md``) is read with its loader from :mod:`claimdiff.datasets`.

>>> corpus = load_corpus("corpus/demo")                                    # doctest: +SKIP
>>> corpus.reports[["id", "outlet", "published"]].head(2)                 # doctest: +SKIP
>>> load_corpus(my_frame, columns={"text": "body", "outlet": "source"})   # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from .. import schema
from ..stagecache import cached_stage
from ..textio import DecodeError, read_text
from .build import build_reports
from .documents import DOCUMENT_SUFFIXES, read_document
from .records import MAX_REPORT_MB, Corpus, CorpusError, CorpusWarning, ReadSettings, Record, Rejection
from .tables import LAYOUTS, TABLE_COLUMNS, parse_columns, read_csv, read_dataframe, read_jsonl
from .textfiles import read_text_reports
from .web import read_html_reports

# The public classes are claimdiff.corpus's (as they print in tracebacks), wherever the package keeps them.
for _public in (Corpus, CorpusError, CorpusWarning):
    _public.__module__ = __name__

__all__ = ["Corpus", "CorpusError", "CorpusWarning", "LAYOUTS", "MAX_REPORT_MB", "TABLE_COLUMNS", "load_corpus"]

FETCH_LOG = "fetch-log.csv"  # written by `python -m claimdiff fetch` beside the pages it saves
METADATA_FILES = frozenset({"outlets.yaml", "gold.yaml", "readme.md", FETCH_LOG})
# Text files, read by their suffix's reader after their encoding is found; documents have readers of their own.
TEXT_READERS = {".md": read_text_reports, ".txt": read_text_reports, ".jsonl": read_jsonl, ".csv": read_csv,
                ".html": read_html_reports, ".htm": read_html_reports}
REPORT_SUFFIXES = frozenset(TEXT_READERS) | DOCUMENT_SUFFIXES
SINGLE_REPORT_SUFFIXES = frozenset({".md", ".txt", ".html", ".htm"})


@cached_stage("corpus", paths=("path",))
def load_corpus(path: str | Path | pd.DataFrame, max_report_mb: float = MAX_REPORT_MB,
                columns: str | Mapping[str, str] | None = None, dayfirst: bool | None = None,
                outlet: str | None = None) -> Corpus:
    """Read every report under ``path`` (a folder or one file), or every row of a DataFrame.

    Returns ``Corpus(reports, rejected)``: ``reports`` has the columns of :data:`claimdiff.schema.REPORTS`
    (plus extra front-matter keys and columns), ``rejected`` those of :data:`claimdiff.schema.REJECTED`.
    ``columns`` maps our column names to a table's own (``{"text": "body", "outlet": "source"}`` or
    ``"text=body,outlet=source"``); ``dayfirst`` says whether numeric dates (04/05/2024) put the day first (True) or
    the month (False); ``outlet`` names the outlet of reports that give none (plain text files, pages, table rows),
    which otherwise is their first folder. A report over ``max_report_mb`` megabytes is rejected unread. Raises
    :class:`CorpusError` if ``path`` does not exist, a DataFrame lacks ``outlet`` or ``text``, or two reports share
    an id. For a web page, ``source_path`` is the saved HTML itself (relative to ``path``, or to its folder when
    ``path`` is one file), so the raw page stays beside the extracted text; for a DataFrame it is ``dataframe`` and
    ``line`` is the row's position from 1.
    """
    max_bytes = int(max_report_mb * 1e6)
    settings = ReadSettings(max_bytes=max_bytes, columns=parse_columns(columns), outlet=outlet, dayfirst=dayfirst)
    if isinstance(path, pd.DataFrame):
        return _finish(read_dataframe(path, settings), [], settings)
    root = Path(path)
    if not root.exists():
        raise CorpusError(f"{root}: no such file or folder. Give the folder that holds your reports.")
    dataset = _known_dataset(root)
    if dataset is not None:
        return Corpus(dataset(root), schema.empty(schema.REJECTED))
    files = [root] if root.is_file() else _corpus_files(root)
    base = root.parent if root.is_file() else root
    fetched = _fetch_logs(base, recursive=root.is_dir())
    records: list[Record] = []
    rejections: list[Rejection] = []
    for file in files:
        relative = file.relative_to(base).as_posix()
        for item in _read_file(file, relative, settings):
            if isinstance(item, Record) and relative in fetched:
                item.fields.update(fetched[relative])  # the address it came from, rather than the one it claims
            (records if isinstance(item, Record) else rejections).append(item)
    return _finish(records, rejections, settings)


def _finish(records: list[Record], rejections: list[Rejection], settings: ReadSettings) -> Corpus:
    reports, cleaning_rejections = build_reports(records, settings.max_bytes, settings.dayfirst)
    rejected = pd.DataFrame(
        [{"source_path": r.source_path, "line": r.line, "reason": r.reason} for r in rejections + cleaning_rejections],
        columns=list(schema.REJECTED),
    )
    return Corpus(reports, schema.conform(rejected, schema.REJECTED))


def _known_dataset(root: Path):
    """The loader of a research dataset folder from ../shared/datasets (named as there, with its SOURCE.md)."""
    from ..datasets import DATASETS

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


def _read_file(file: Path, relative: str, settings: ReadSettings) -> Iterator[Record | Rejection]:
    suffix = file.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        accepted = ", ".join(sorted(REPORT_SUFFIXES))
        yield Rejection(relative, None, f"unsupported file type {suffix or '(none)'!r}: use one of {accepted}")
        return
    if suffix in DOCUMENT_SUFFIXES:
        yield from read_document(file, relative, settings)
        return
    try:
        text, note = read_text(file, settings.max_bytes if suffix in SINGLE_REPORT_SUFFIXES else None)
    except DecodeError as error:
        yield Rejection(relative, None, str(error))
        return
    except OSError as error:
        yield Rejection(relative, None, f"cannot be read ({error.strerror or error}): check its permissions")
        return
    if note:
        warnings.warn(f"{relative}: {note}", CorpusWarning, stacklevel=3)
    yield from TEXT_READERS[suffix](text, relative, settings)
