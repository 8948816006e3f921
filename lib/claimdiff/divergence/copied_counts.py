"""Counts changed in a copied sentence: outlets often run the same wire line and change its figure ("shelling on
Douma killed at least six civilians" against "... at least 10 civilians"). Where that line tells of another
incident or of a span (the details' ``scope``: background, left out of every other comparison, :mod:`.background`),
its figures are no toll of the event, but two outlets giving two figures in one copied statement is still a
difference between them, as a changed label is (:mod:`.rewordings`). Such counts are compared in their claim group
between the copies only: as a thing of their own (their ``group`` marked :data:`ELSEWHERE`), never against the
event's tolls.

Two sentences of a claim group from different outlets are copies when most of their words match in order
(:data:`.rewordings.COPY_RATIO` of ``difflib``'s ratio over their words). Counts of the war or of a population are
no figures here either (:data:`.count_scope.NOT_THIS_EVENT`).

>>> shared = pd.DataFrame({"claim_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"], "text": [
...     "Shelling on Douma killed at least six civilians, the monitor said.",
...     "Shelling on Douma killed at least 10 civilians, the monitor said."]})
>>> details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "count", "subject": "killed",
...                         "group": "civilians", "scope": "other incident", "value": ["at least 6", "at least 10"],
...                         "text": ["at least six", "at least 10"], "low": [6.0, 10.0], "high": float("nan")})
>>> copied_background_counts(shared, details)[["report_id", "group"]].values.tolist()
[['a', 'elsewhere: civilians'], ['b', 'elsewhere: civilians']]
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pandas as pd

from ..details.scope import OTHER_INCIDENT, RUNNING_TOTAL
from .core import comparable_details
from .count_scope import NOT_THIS_EVENT, stated_figures, zero_casualties_as_tolls
from .rewordings import COPY_RATIO

ELSEWHERE = "elsewhere: "  # the group of a background count, kept apart from the event's counts of that group
_WORD = re.compile(r"\w+")


def copies(a: str, b: str) -> bool:
    """Are two sentences copies of one (see the module docstring)?

    >>> copies("Shelling killed at least six civilians.", "Shelling killed at least 10 civilians."), copies("a b", "c")
    (True, False)
    """
    words_a, words_b = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    return SequenceMatcher(None, words_a, words_b, autojunk=False).ratio() >= COPY_RATIO


def copied_background_counts(shared: pd.DataFrame, details: pd.DataFrame, max_date_days: int = 2) -> pd.DataFrame:
    """The background count rows of ``details`` (scope another incident or a running total) in sentences of
    ``shared`` (claim groups of two or more outlets: ``claim_id``, ``report_id``, ``sent_idx``, ``outlet``,
    ``text``) that another outlet's sentence with such counts copies, as compared rows (``comparable_details``,
    figures only) with their ``group`` marked :data:`ELSEWHERE`."""
    if "scope" not in details or details.empty or shared.empty:
        return details.iloc[0:0]
    group = details["group"] if "group" in details else pd.Series(pd.NA, index=details.index)
    counts = details[details["kind"].eq("count") & details["scope"].isin([OTHER_INCIDENT, RUNNING_TOTAL])
                     & ~group.isin(NOT_THIS_EVENT) & group.notna()]
    if counts.empty:
        return counts
    counted = set(zip(counts["report_id"], counts["sent_idx"], strict=True))
    members = shared[[key in counted for key in zip(shared["report_id"], shared["sent_idx"], strict=True)]]
    members = members[members.groupby("claim_id")["outlet"].transform("nunique") > 1]
    copied: set = set()
    for _, group_members in members.groupby("claim_id", sort=True):
        sentences = group_members[["report_id", "sent_idx", "outlet", "text"]].to_dict("records")
        for i, a in enumerate(sentences):
            for b in sentences[i + 1 :]:
                if a["outlet"] != b["outlet"] and copies(str(a["text"]), str(b["text"])):
                    copied |= {(a["report_id"], a["sent_idx"]), (b["report_id"], b["sent_idx"])}
    chosen = counts[[key in copied for key in zip(counts["report_id"], counts["sent_idx"], strict=True)]]
    chosen = zero_casualties_as_tolls(stated_figures(comparable_details(chosen, max_date_days)))
    return chosen.assign(group=ELSEWHERE + chosen["group"].astype(str))
