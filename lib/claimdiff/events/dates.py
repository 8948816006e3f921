"""The days a report says things happened on, and whether two reports name a day in common: date evidence for events.

A report's publication date tells when it was written; the days it states ("on Friday", "yesterday", "April 19")
tell which event it is about. Two reports a week apart that each say "on Friday" about two different Fridays are
about two events, however alike their words; a follow-up weeks later that names the day of the shooting is about
that shooting. The date phrases are found and resolved against publication by the details stage
(:func:`claimdiff.details.dates.date_rows`); here only day-precise ones count (at most ``max_span_days`` long, so
"last night" counts and "last week" or "in April" do not).

Only reports with a publication date give date evidence: relative phrases need it to resolve, and a full date in an
undated report cannot be told apart from its own dateline, which says when it was published, not what happened
(ECB+ reports have no publication date, and their full dates are mostly datelines).

>>> reports = pd.DataFrame({
...     "id": ["a", "b", "c", "d"],
...     "published": pd.to_datetime(["2024-04-19", "2024-04-26", "2024-05-10", None]),
...     "text": ["Gunmen attacked the checkpoint on Friday.", "Gunmen attacked the checkpoint on Friday.",
...              "The man charged over the April 19 attack appeared in court.", "It happened on April 19, 2024."]})
>>> [[d.isoformat() for d in days] for days in stated_days(reports)]
[['2024-04-19'], ['2024-04-26'], ['2024-04-19'], []]
>>> pair_agreement(*day_matrices(stated_days(reports)), [0, 0, 0], [1, 2, 3]).tolist()  # a with b, c, d
[-1, 1, 0]
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy import sparse

from claimdiff.details.dates import date_rows

__all__ = ["day_matrices", "pair_agreement", "stated_days"]


def stated_days(
    reports: pd.DataFrame, sentences: pd.DataFrame | None = None, max_span_days: int = 1
) -> list[list[date]]:
    """For each report (in the order of ``reports``), the sorted days its day-precise date phrases can mean.

    ``reports`` needs ``id`` and ``text``, and gives evidence only through ``published``; ``sentences`` (the
    :data:`claimdiff.schema.SENTENCES` table of these reports) is split here when not given. A phrase counts when
    it spans at most ``max_span_days + 1`` days ("last night": the evening before publication or of its day).
    """
    days: dict[str, set[date]] = {report_id: set() for report_id in reports["id"]}
    if "published" not in reports or len(reports) == 0:
        return [[] for _ in range(len(reports))]
    published = reports["published"]
    if not pd.api.types.is_datetime64_any_dtype(published):
        published = pd.to_datetime(published, errors="coerce", utc=True)
    # The publication day as written (local time), as the details stage reads it.
    dated = reports.assign(published=published)[published.notna().to_numpy()]
    if len(dated):
        if sentences is None:
            from claimdiff.sentences import split_sentences

            sentences = split_sentences(dated)
        sentences = sentences[sentences["report_id"].isin(set(dated["id"]))]
        # A month or a year named alone is never a few days long: not read at all.
        for row in date_rows(sentences, dated, days_only=max_span_days < 27):
            low, high = row.date_low.date(), row.date_high.date()
            if (high - low).days <= max_span_days:
                days[row.report_id].update(low + timedelta(days=i) for i in range((high - low).days + 1))
    return [sorted(days[report_id]) for report_id in reports["id"]]


def day_matrices(days: list[list[date]], tolerance_days: int = 0) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Reports x days incidence of the named days, exact and widened by ``tolerance_days`` on either side: report i
    and report j name a day in common when row i of the widened matrix meets row j of the exact one."""
    n = len(days)
    rows = [i for i, report in enumerate(days) for _ in report]
    named = [d.toordinal() for report in days for d in report]
    if not named:
        empty = sparse.csr_matrix((n, 0), dtype=np.float32)
        return empty, empty
    first = min(named) - tolerance_days
    width = max(named) + tolerance_days - first + 1
    exact = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, np.subtract(named, first))), shape=(n, width))
    shifts = range(-tolerance_days, tolerance_days + 1)
    wide = sparse.csr_matrix(
        (np.ones(len(rows) * len(shifts), np.float32),
         ([i for _ in shifts for i in rows], [d - first + s for s in shifts for d in named])),
        shape=(n, width),
    )
    return exact, wide


def pair_agreement(exact: sparse.csr_matrix, wide: sparse.csr_matrix, rows, cols) -> np.ndarray:
    """For each pair ``(rows[i], cols[i])`` (matrices of :func:`day_matrices`): 1 where the two reports name a day in
    common, -1 where both name days but none in common, 0 where either names none (int8)."""
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    if exact.shape[1] == 0:
        return np.zeros(len(rows), dtype=np.int8)
    common = np.asarray(wide[rows].multiply(exact[cols]).sum(axis=1)).ravel() > 0
    has_days = exact.getnnz(axis=1) > 0
    return np.where(common, 1, np.where(has_days[rows] & has_days[cols], -1, 0)).astype(np.int8)
