"""The columns of the details table, and how a stage's rows become it.

>>> frame([]).columns.tolist()[:4]
['report_id', 'sent_idx', 'kind', 'subject']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from claimdiff.schema import (
    DETAILS,  # the columns this stage makes, written in claimdiff.schema
    conform,
)

KIND_ORDER = ("count", "date", "place", "actor", "label", "attribution", "hedge", "act")


class Row(NamedTuple):
    report_id: str
    sent_idx: int
    kind: str
    subject: str
    value: str
    low: float
    high: float
    text: str
    start: int
    end: int
    date_low: object = pd.NaT
    date_high: object = pd.NaT
    role: object = pd.NA
    group: object = pd.NA
    source: object = pd.NA
    scope: object = pd.NA  # filled in by claimdiff.details.scope once every row is found


def frame(rows: Iterable[Row]) -> pd.DataFrame:
    """The details table of ``rows``, with the :data:`DETAILS` columns and dtypes."""
    return conform(pd.DataFrame(list(rows), columns=list(DETAILS)), DETAILS)


def sentence_rows(sentences: pd.DataFrame) -> Iterable[tuple[str, int, str, int]]:
    """``(report_id, sent_idx, text, start)`` for each sentence, fast."""
    return zip(
        sentences["report_id"].tolist(),
        sentences["sent_idx"].tolist(),
        sentences["text"].tolist(),
        sentences["start"].tolist(),
        strict=True,
    )
