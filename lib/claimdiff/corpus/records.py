"""The loader's record model: every record read becomes a :class:`Record` or a :class:`Rejection` with its reason.

A reader yields records (the fields it found, with the file and line they came from) and rejections (the file, the
line and what to do); :mod:`claimdiff.corpus.build` turns records into the ``reports`` table, and rejects those that
turn out unusable there, so that every record read ends up in exactly one of ``reports`` and ``rejected``.

>>> Rejection("a.md", 1, "no `outlet`").where
'a.md, line 1'
>>> folder_outlet("reuters/2024/a.txt"), folder_outlet("a.txt")
('reuters', None)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, NamedTuple

import pandas as pd

# A report larger than this (a whole file of one report, or one table row's text) is rejected, not read: news
# articles are well under 1 MB, and a larger "report" is usually a wrong file. load_corpus(max_report_mb=) raises it.
MAX_REPORT_MB = 10.0


class CorpusError(ValueError):
    """A corpus problem that stops loading (duplicate ids, a path that does not exist)."""


class CorpusWarning(UserWarning):
    """A record was kept but something in it needs a look (an unreadable date, a guessed encoding)."""


class Corpus(NamedTuple):
    """What :func:`~claimdiff.corpus.load_corpus` returns: ``reports, rejected = load_corpus(path)`` works too."""

    reports: pd.DataFrame
    rejected: pd.DataFrame


@dataclass
class Record:
    """The fields one report gave, where it came from, and how its numeric dates are ordered (None: not said)."""

    source_path: str
    line: int | None
    fields: dict[str, Any] = field(default_factory=dict)
    dayfirst: bool | None = None

    @property
    def where(self) -> str:
        return self.source_path + (f", line {self.line}" if self.line else "")


@dataclass
class Rejection:
    """A record that cannot be used: the file, the line (None for a whole file) and the reason with what to do."""

    source_path: str
    line: int | None
    reason: str

    @property
    def where(self) -> str:
        return self.source_path + (f", line {self.line}" if self.line else "")


@dataclass(frozen=True)
class ReadSettings:
    """What the caller said about the corpus: passed to every reader.

    ``max_bytes``: a report over this is rejected; ``columns``: our column name -> the table's own (``{"text":
    "body"}``); ``outlet``: the outlet of reports that do not name one (else their first folder); ``dayfirst``: how
    numeric dates are ordered (None: 04/05/2024 is no date, with a warning).
    """

    max_bytes: int | None = int(MAX_REPORT_MB * 1e6)
    columns: tuple[tuple[str, str], ...] = ()
    outlet: str | None = None
    dayfirst: bool | None = None

    def default_outlet(self, relative: str) -> str | None:
        """The outlet of a report from ``relative`` that names none: the one given, else its first folder."""
        return self.outlet or folder_outlet(relative)


def folder_outlet(relative: str) -> str | None:
    """The first folder of a path relative to the corpus root, which names the outlet of what is in it."""
    parts = PurePosixPath(relative).parts
    return parts[0] if len(parts) > 1 else None


def warn(where: str, message: str, stacklevel: int = 3) -> None:
    """A :class:`CorpusWarning` that starts with the file (and line) it is about."""
    warnings.warn(f"{where}: {message}", CorpusWarning, stacklevel=stacklevel)
