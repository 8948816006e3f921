"""The columns of the details table, and how a stage's rows become it.

>>> frame([]).columns.tolist()[:4]
['report_id', 'sent_idx', 'kind', 'subject']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from claimdiff.schema import conform

DETAILS = {
    "report_id": "str",
    "sent_idx": "int64",
    "kind": "str",  # count, date, place, actor, label, attribution, hedge
    "subject": "str",  # what the detail is about; its vocabulary depends on `kind`
    "value": "str",  # the normalised detail ("at least 21", "2024-04-20", "ISIS", "Ministry of Defense")
    "low": "float64",  # counts: the interval the phrase states, inclusive; NaN is an open bound
    "high": "float64",
    "text": "str",  # the evidence as written: report_text[start:end]
    "start": "int64",  # offsets into reports.text
    "end": "int64",
    "date_low": "datetime64[ns]",  # dates: the first and last day the phrase can mean; NaT for other kinds
    "date_high": "datetime64[ns]",
    # actor and label rows: the role of the actor in its sentence (agent, claimed, blamed, target, mentioned);
    # else missing
    "role": "str",
    # count rows: who or what the count counts, so that like is compared with like (details/groups.py): for people
    # a group of data/count_groups.yaml (people = a total, civilians, children, women, soldiers, fighters, ...),
    # for ``other`` the noun counted ("greenhouses", "villages", "war-wide", "population"), for drones, vehicles,
    # ... the subject; missing where nothing says what is counted
    "group": "str",
    # count and actor rows: the source the sentence gives for it (a normalised source as in attribution rows,
    # "Ministry of Defense", "monitor"), where the sentence attributes it to one; else missing
    "source": "str",
}

KIND_ORDER = ("count", "date", "place", "actor", "label", "attribution", "hedge")


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
