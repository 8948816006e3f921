"""The days a report says things happened on, whether two reports name a day in common, and the day and sentence of
each report's main event: date evidence for events.

A report's publication date tells when it was written; the days it states ("on Friday", "yesterday", "April 19")
tell which event it is about. Two reports a week apart that each say "on Friday" about two different Fridays are
about two events, however alike their words; a follow-up weeks later that names the day of the shooting is about
that shooting. The date phrases are found and resolved against publication by the details stage
(:func:`claimdiff.details.dates.date_rows`); here only day-precise ones count (at most ``max_span_days`` long, so
"last night" counts and "last week" or "in April" do not). One reading is added to theirs: a bare weekday six days
before publication may also be the day after it (a report updated the day after its stamp: "Published November 13"
over "a monitor on Tuesday raised the toll"); read only back, it split such a report from its incident on FA-KES.

Only reports with a publication date give date evidence: relative phrases need it to resolve, and a full date in an
undated report cannot be told apart from its own dateline, which says when it was published, not what happened
(ECB+ reports have no publication date, and their full dates are mostly datelines).

A report's lead (:func:`main_events`), the first sentence that names a day, tells its main event and that event's
day; days named further down are mostly background. Two reports whose leads tell alike of events days apart are
two instances of one kind of event (a second attack on the same checkpoint a week later), not one event told twice.

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

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy import sparse

from claimdiff.details.dates import WEEKDAY, date_rows

from .captions import caption_spans

__all__ = ["covers_day_before", "day_matrices", "day_phrases", "main_events", "pair_agreement", "stated_days"]

# A toll of the last 24 hours: "killed ... during the past 24 hours", "breached the truce 3 times in 24 hours".
_LAST_DAY = re.compile(r"\b(?:(?:past|last|previous|preceding)\s+|in\s+)(?:24|twenty[- ]four)\s+hours\b", re.I)


def day_phrases(reports: pd.DataFrame, sentences: pd.DataFrame | None = None, max_span_days: int = 1) -> pd.DataFrame:
    """The day-precise date phrases of the dated reports: one row per phrase, in sentence order, with ``report_id``,
    ``sent_idx``, ``sentence`` (the text of its sentence), ``first`` and ``last`` (the first and last day it can
    mean, ``datetime.date``).

    ``reports`` needs ``id`` and ``text``, and gives phrases only through ``published``; ``sentences`` (the
    :data:`claimdiff.schema.SENTENCES` table of these reports) is split here when not given. A phrase counts when
    it spans at most ``max_span_days + 1`` days ("last night": the evening before publication or of its day). A
    bare weekday six days before publication gives a second row, the day after publication
    (:func:`_weekday_read_ahead`). A photo caption's date tells when a photo was taken, not what the report tells:
    a phrase inside a caption (:mod:`claimdiff.events.captions`) gives no row, the rest of its sentence does.

    >>> reports = pd.DataFrame({"id": ["a"], "published": pd.to_datetime(["2016-08-15"]), "text": [
    ...     "Men search a hospital hit in Meles Syria August 6 2016 (Reuters) A suicide bomber killed 15 on Sunday."]})
    >>> day_phrases(reports, pd.DataFrame({"report_id": ["a", "a"], "sent_idx": [0, 1], "start": [0, 68],
    ...     "text": ["Men search a hospital hit in Meles Syria August 6 2016 (Reuters)",
    ...              "A suicide bomber killed 15 on Sunday."]}))["first"].astype(str).tolist()
    ['2016-08-14']
    """
    columns = ["report_id", "sent_idx", "sentence", "first", "last"]
    if "published" not in reports or len(reports) == 0:
        return pd.DataFrame(columns=columns)
    published = reports["published"]
    if not pd.api.types.is_datetime64_any_dtype(published):
        published = pd.to_datetime(published, errors="coerce", utc=True)
    # The publication day as written (local time), as the details stage reads it.
    dated = reports.assign(published=published)[published.notna().to_numpy()]
    if len(dated) == 0:
        return pd.DataFrame(columns=columns)
    if sentences is None:
        from claimdiff.sentences import split_sentences

        sentences = split_sentences(dated)
    sentences = sentences[sentences["report_id"].isin(set(dated["id"]))]
    # The day relative phrases are read against: local where known, as the details stage reads them.
    local = pd.to_datetime(dated["published_local"], errors="coerce") if "published_local" in dated else None
    day_of = {report_id: (utc if local is None or pd.isna(local[i]) else local[i]).date()
              for i, report_id, utc in zip(dated.index, dated["id"], dated["published"], strict=True)}
    captions = {report_id: spans for report_id, text in zip(dated["id"], dated["text"], strict=True)
                if (spans := caption_spans(text))}
    rows = pd.DataFrame(
        [(row.report_id, row.sent_idx, first, last)
         # A month or a year named alone is never a few days long: not read at all.
         for row in date_rows(sentences, dated, days_only=max_span_days < 27)
         if (row.date_high - row.date_low).days <= max_span_days
         and not any(start <= row.start < end for start, end in captions.get(row.report_id, ()))
         for first, last in _weekday_read_ahead(row.text, row.date_low.date(), row.date_high.date(),
                                                day_of[row.report_id])],
        columns=["report_id", "sent_idx", "first", "last"],
    )
    texts = sentences[["report_id", "sent_idx", "text"]].rename(columns={"text": "sentence"})
    return rows.merge(texts, on=["report_id", "sent_idx"], how="left", sort=False)[columns]


def _weekday_read_ahead(phrase: str, first: date, last: date, published: date) -> list[tuple[date, date]]:
    """The readings ``(first, last)`` of a date phrase: a bare weekday six days before publication may also be the
    day after it ("on Tuesday" in a report stamped Monday): scraped reports keep the stamp of their first version
    when updated the next day, a stamp may be the previous day in the publisher's time zone, and a report may tell
    what comes next ("more details on Monday"), while a weekday of the week before is rarely named bare. Both
    readings are kept: either makes a day in common with another report; the earliest is still the main event's.

    >>> def readings(phrase, day):
    ...     found = _weekday_read_ahead(phrase, date(2017, 11, day), date(2017, 11, day), date(2017, 11, 13))
    ...     return [(first.isoformat(), last.isoformat()) for first, last in found]
    >>> readings("Tuesday", 7), readings("Sunday", 12)
    ([('2017-11-07', '2017-11-07'), ('2017-11-14', '2017-11-14')], [('2017-11-12', '2017-11-12')])
    """
    if first == last == published - timedelta(days=6) and re.fullmatch(WEEKDAY, phrase.strip()):
        ahead = published + timedelta(days=1)
        return [(first, last), (ahead, ahead)]
    return [(first, last)]



def stated_days(
    reports: pd.DataFrame, sentences: pd.DataFrame | None = None, max_span_days: int = 1,
    phrases: pd.DataFrame | None = None,
) -> list[list[date]]:
    """For each report (in the order of ``reports``), the sorted days its day-precise date phrases can mean.

    Arguments as for :func:`day_phrases`; ``phrases``, its table when already made, saves finding them again.
    """
    if phrases is None:
        phrases = day_phrases(reports, sentences, max_span_days)
    days: dict[str, set[date]] = {report_id: set() for report_id in reports["id"]}
    for report_id, first, last in zip(phrases["report_id"], phrases["first"], phrases["last"], strict=True):
        days[report_id].update(first + timedelta(days=i) for i in range((last - first).days + 1))
    return [sorted(days[report_id]) for report_id in reports["id"]]


def main_events(
    reports: pd.DataFrame, sentences: pd.DataFrame | None = None, max_span_days: int = 1,
    phrases: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """For each report (rows in the order of ``reports``), its lead: the first sentence that names a day
    (``lead``, "" where none does), and ``day``, the earliest day the lead names, as a day number
    (``date.toordinal()``, float; NaN where none).

    A report tells its own event, and its day, in its lead ("Gunmen attacked a checkpoint on Friday, a monitor said
    on Saturday": the Friday); days named further down are mostly background ("the same checkpoint that was
    attacked on April 19") or later steps. Arguments as for :func:`stated_days`.

    >>> reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2024-04-27", None]),
    ...     "text": ["Rain. Gunmen attacked the checkpoint on Friday. It was attacked on April 19 too.", "Rain."]})
    >>> leads = main_events(reports)
    >>> leads["lead"].tolist(), date.fromordinal(int(leads["day"][0])).isoformat(), bool(np.isnan(leads["day"][1]))
    (['Gunmen attacked the checkpoint on Friday.', ''], '2024-04-26', True)
    """
    if phrases is None:
        phrases = day_phrases(reports, sentences, max_span_days)
    lead = phrases[phrases["sent_idx"].eq(phrases.groupby("report_id", sort=False)["sent_idx"].transform("min"))]
    day = pd.Series([d.toordinal() for d in lead["first"]], index=lead.index, dtype=np.float64)
    day = day.groupby(lead["report_id"].to_numpy(), sort=False).min()
    sentence = lead.drop_duplicates("report_id").set_index("report_id")["sentence"]
    ids = reports["id"]
    return pd.DataFrame({
        "lead": ids.map(sentence).astype(object).fillna("").astype(str).to_numpy(),
        "day": ids.map(day).to_numpy(dtype=np.float64, na_value=np.nan),
    })


def covers_day_before(openings: list[str]) -> np.ndarray:
    """For each report's opening (headline and lead), whether it tells of the last 24 hours ("25 killed in Aleppo
    during the past 24 hours"): the events it tells may be of the day before its day too (bool).

    >>> covers_day_before(["On Friday 25 were killed in the past 24 hours.", "On Friday 25 were killed."]).tolist()
    [True, False]
    """
    return np.array([bool(_LAST_DAY.search(text)) for text in openings], dtype=bool)


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
