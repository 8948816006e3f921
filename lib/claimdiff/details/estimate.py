"""One number per report: how many people a report says were killed (or injured, arrested, …).

A report states counts many times and in many ways ("a man was shot and killed", "the victim", "two people died",
"killing himself"). :func:`document_counts` turns them into the report's best estimate, by these rules:

0. Counts in a sentence that dates itself to a month or longer ("this year", "in 2015", "since January", "last
   month") are statistics over that period, not the reported event's toll: they are left out. The dates are the
   ``date`` rows of the same table. When the ``sentences`` are given, so are the counts of sentences that sum up
   several incidents or a period in words ("in separate shootings", "annually", "statewide": ``aggregates`` in
   ``data/count_subjects.yaml``).
1. Each count row stands for one number: its exact value, else its stated bound ("at least 21" -> 21,
   "up to 6" -> 6), else the middle of a narrow range, rounded down ("nearly 30" = [27, 29] -> 28, "21-22" -> 21),
   else, for a wide one (the high end more than twice the low: vague words), the low end, which is what the
   phrase commits to ("dozens" = [24, 99] -> 24, "several" = [3, 9] -> 3).
2. The victims are the largest such number among the rows that are not the perpetrator. Taking the largest, not
   the sum, is what lets "a man", "the victim" and "he died" in three sentences stay one person; a report that
   updates a toll ("rose to 5") states its latest, usually largest, figure.
3. The perpetrator ("killing himself", "the gunman was shot dead", "committed suicide") is added once to the
   victims named in the same sentence, because a sentence that tells what the shooter did counts him apart
   ("killed his two children and then himself": 3), while a summary elsewhere usually counts everyone
   ("three people were found dead"): the estimate is the larger of the two.
   Not so for ``casualties``: there a shooter is most often the victim too ("accidentally shot himself").
4. A report whose only rows of that subject are zeros ("no one was hurt") gets 0; one with no rows gets NaN:
   it does not say. (An evaluation may read NaN as 0; the divergence stage should not.)
5. For ``injured`` only: people counted as ``casualties`` ("four people were shot", "two victims") who are not
   among the killed were injured, so the injured are at least the casualties less the killed.
6. For ``injured`` only: in a report that states a death, one person said to be wounded without a number ("the
   boy was taken to hospital in critical condition", "he was critically wounded") is taken to be the one who died,
   unless the report also gives its injured as a number ("two others were wounded"): reports tell a victim's
   injuries before the death.

>>> from claimdiff.details.table import Row, frame
>>> rows = [Row("r1", 0, "count", "killed", "1", 1, 1, "a man", 0, 5),
...         Row("r1", 1, "count", "killed", "2", 2, 2, "two", 10, 13),
...         Row("r1", 1, "count", "killed", "1 (perpetrator)", 1, 1, "himself", 20, 27),
...         Row("r2", 0, "count", "killed", "0", 0, 0, "no one", 0, 6)]
>>> document_counts(frame(rows), "killed", report_ids=["r1", "r2", "r3"]).tolist()
[3.0, 0.0, nan]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from claimdiff.details.counts import PERPETRATOR, is_aggregate
from claimdiff.details.numbers import parse_number


def row_estimates(details: pd.DataFrame) -> pd.Series:
    """The one number each count row stands for (rule 1 above), aligned with ``details``."""
    low, high = details["low"], details["high"]
    middle = np.floor((low + high) / 2)
    closed = low.notna() & high.notna() & (low != high)
    estimate = low.where(~closed | (high > 2 * low), middle)
    return estimate.fillna(high)


def document_counts(
    details: pd.DataFrame,
    subject: str = "killed",
    report_ids: Iterable[str] | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.Series:
    """The best estimate of the number ``subject`` per report, a float Series indexed by ``report_id``.

    ``report_ids``, when given, sets the index (reports without such a count get NaN). ``sentences`` (the table
    ``details`` was extracted from), when given, lets rule 0 also leave out sentences that sum up several
    incidents.
    """
    if report_ids is None:
        report_ids = list(dict.fromkeys(details.loc[details["kind"] == "count", "report_id"]))
    details = _event_counts(details, sentences)
    stated = _stated_counts(details, subject, report_ids)
    if subject != "injured":
        return stated
    killed = _stated_counts(details, "killed", report_ids).fillna(0)
    stated = _stated_counts(_without_the_dead(details, killed), subject, report_ids)
    unsplit = _stated_counts(details, "casualties", report_ids) - killed
    return stated.combine(unsplit.clip(lower=0), np.fmax).rename(stated.name)


PERIOD_DAYS = 27  # a date phrase this long or longer names a period (a month, a year), not the event's day


def _event_counts(details: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rule 0: the count rows of sentences without a period-long date (and, given the sentences, no aggregate)."""
    dates = details[details["kind"] == "date"]
    long = dates[(dates["date_high"] - dates["date_low"]).dt.days >= PERIOD_DAYS]
    keys = pd.MultiIndex.from_frame(details[["report_id", "sent_idx"]])
    periods = pd.MultiIndex.from_frame(long[["report_id", "sent_idx"]])
    if sentences is not None and len(sentences):
        counted = sentences.set_index(["report_id", "sent_idx"])["text"]
        counted = counted[counted.index.isin(keys[(details["kind"] == "count").to_numpy()])]
        aggregates = counted.index[counted.map(is_aggregate).to_numpy(dtype=bool)]
        periods = periods.append(aggregates)
    in_period = keys.isin(periods) & (details["kind"] == "count").to_numpy()
    return details[~in_period]


_PRONOUN = re.compile(r"(?:he|she|him|her)", re.IGNORECASE)
_ANOTHER = re.compile(r"^(?:another|the other|an?other|a (?:second|third|fourth|fifth))\b", re.IGNORECASE)


def _without_the_dead(details: pd.DataFrame, killed: pd.Series) -> pd.DataFrame:
    """Rule 6: drop the one-person injured rows of reports that state a death and no injured number.

    A row is kept when its own sentence also states a death of someone else ("left a girl dead and her
    grandmother wounded"; not a pronoun, which most often stands for the one who died) or when it names another
    person ("another child was hospitalized").
    """
    count = details["kind"] == "count"
    injured = count & (details["subject"] == "injured")
    one_person = injured & (details["value"] == "1") & details["text"].map(lambda t: parse_number(t) is None)
    with_number = set(details.loc[injured & ~one_person, "report_id"])
    dead = set(killed[killed >= 1].index)
    death_rows = details[count & (details["subject"] == "killed") & (details["value"] != PERPETRATOR)]
    death_sentences = pd.MultiIndex.from_frame(death_rows[["report_id", "sent_idx"]])
    beside_a_death = pd.MultiIndex.from_frame(details[["report_id", "sent_idx"]]).isin(death_sentences)
    another = details["text"].str.match(_ANOTHER)
    pronoun = details["text"].str.fullmatch(_PRONOUN)  # "a boy has died after he suffered a wound": the same one
    kept = (beside_a_death & ~pronoun) | another
    drop = one_person & details["report_id"].isin(dead - with_number) & ~kept
    return details[~drop]


def _stated_counts(details: pd.DataFrame, subject: str, report_ids: Iterable[str]) -> pd.Series:
    rows = details[(details["kind"] == "count") & (details["subject"] == subject)]
    frame = pd.DataFrame({
        "report_id": rows["report_id"],
        "sent_idx": rows["sent_idx"],
        "estimate": row_estimates(rows),
        "perpetrator": rows["value"] == PERPETRATOR,
    })
    if subject == "casualties":  # a shooter counted among the casualties is often the victim ("shot himself")
        frame["perpetrator"] = False
    victims = frame[~frame["perpetrator"]]
    largest = victims.groupby("report_id", sort=False)["estimate"].max()
    # The perpetrator's own victims are those of the sentence that names him: "killed two, then himself" = 3.
    in_sentence = victims.groupby(["report_id", "sent_idx"], sort=False)["estimate"].max()
    perpetrator_sentences = frame.loc[frame["perpetrator"], ["report_id", "sent_idx"]].drop_duplicates()
    keys = pd.MultiIndex.from_frame(perpetrator_sentences)
    with_perpetrator = pd.Series(in_sentence.reindex(keys).fillna(0).to_numpy() + 1, index=keys)
    with_perpetrator = with_perpetrator.groupby(level="report_id", sort=False).max()
    index = list(report_ids)
    total = largest.reindex(index).combine(with_perpetrator.reindex(index), np.fmax)
    total.index.name = "report_id"
    return total.rename(f"{subject}_estimate").astype("float64")
