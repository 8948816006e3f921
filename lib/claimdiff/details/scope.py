"""The scope of each detail: does the part of its sentence it stands in tell of the report's own incident?

A report on one air strike often recalls others and the war around it. What it counts, names, labels or sources
there is not what it says about this incident. Each detail gets one of :data:`SCOPES`, read from its sentence's
own wording (``data/scope.yaml``, the aggregates of ``data/count_subjects.yaml``) and its sentence's own dates:

- ``running total``: the sentence sums up a span of time ("have killed 38 civilians in two days of bombardment",
  "since Saturday"), or carries on the running total of the sentence before it ("The strikes have killed 122");
- ``context``: the sentence dates what it tells to a period (a date :data:`PERIOD_DAYS` days long or longer: "in
  2014", "last year"; not a dateline) and to no single day: the war, a timeline;
- ``other incident``: the detail stands after a time frame ("earlier this week a chemical attack killed 87") or in
  a clause about another moment ("a day after dozens died in Idlib", up to the next comma); details before it are
  the incident's ("Six were killed on Thursday; last week ...").
- ``incident``: the rest.

Counts are read more strictly, as :func:`claimdiff.details.document_counts` reads a report's toll: a count in a
sentence that sums up several incidents or gives a rate (the aggregates of ``data/count_subjects.yaml``: "in
separate attacks", "300 a year") is a ``running total``, and one in a sentence dated to a period a ``context``
count, though the sentence names its day ("raised the price on Tuesday, the third hike this year": the hike is the
incident's, a count there may be the year's).

Only the days of the event tell a sentence about a day long before it (another dated incident); the divergence
stage reads that from the event (:mod:`claimdiff.divergence.background`).

>>> sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "start": [0, 68], "text": [
...     "Six children were killed on Thursday, a day after 22 died in Idlib.",
...     "Syria's war has killed 300,000 people since 2011."]})
>>> details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 0, 0, 1], "kind": ["count", "count", "place", "count"],
...                         "text": ["Six", "22", "Idlib", "300,000"], "start": [0, 50, 61, 91]})
>>> detail_scopes(details, sentences).tolist()
['incident', 'other incident', 'other incident', 'running total']
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pandas as pd

from claimdiff.details.counts import is_aggregate
from claimdiff.details.estimate import PERIOD_DAYS
from claimdiff.details.lexicon import load

INCIDENT, OTHER_INCIDENT, RUNNING_TOTAL, CONTEXT = "incident", "other incident", "running total", "context"
SCOPES = (INCIDENT, OTHER_INCIDENT, RUNNING_TOTAL, CONTEXT)

_CLAUSE_END = re.compile(r"[,;:]")
_KEYS = ["report_id", "sent_idx"]


@cache
def _markers() -> dict[str, re.Pattern[str]]:
    data = load("scope")
    markers = {part: re.compile(r"\b(?:" + "|".join(data[part]) + r")\b", re.IGNORECASE)
               for part in ("frame", "clause", "sentence")}
    markers["continuation"] = re.compile("|".join(data["continuation"]), re.IGNORECASE)
    return markers


@lru_cache(maxsize=1 << 19)  # asked once per detail row and sentence: room for 30,000 reports
def wording_scope(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The scope the wording of a sentence gives all of it (:data:`INCIDENT` when none), and the spans (start, end)
    of ``text`` that its wording ties to another incident.

    >>> wording_scope("The strikes have killed 40 since Saturday")
    ('running total', ())
    >>> wording_scope("Six were killed; last week a strike killed 22")
    ('incident', ((17, 45),))
    """
    markers = _markers()
    if markers["sentence"].search(text):
        return RUNNING_TOTAL, ()
    spans = []
    frame = markers["frame"].search(text)
    if frame:
        spans.append((frame.start(), len(text)))
    for clause in markers["clause"].finditer(text):
        end = _CLAUSE_END.search(text, clause.end())
        spans.append((clause.end(), end.start() if end else len(text)))
    return INCIDENT, tuple(spans)


def carries_on(text: str) -> bool:
    """Does a sentence carry on the running total of the sentence before it ("The toll includes 126 ...")?

    >>> carries_on("The strikes have killed 122."), carries_on("On Sunday a strike killed 9.")
    (True, False)
    """
    return _markers()["continuation"].search(text) is not None


def sentence_scopes(sentences: pd.DataFrame, details: pd.DataFrame) -> pd.DataFrame:
    """Per sentence (``report_id``, ``sent_idx``, ``text``): its ``scope`` as a whole, the scope of its ``counts``
    and its other-incident ``spans``; ``details`` gives its dates (rows of kind ``date`` with
    ``date_low``/``date_high``, datelines apart).

    >>> s = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2, 3], "text": [
    ...     "Strikes have intensified since rebels launched a campaign on July 31.", "The strikes have killed 122.",
    ...     "Another 327 civilians have been killed in Aleppo.", "On Sunday a strike killed 9 in separate attacks."]})
    >>> sentence_scopes(s, pd.DataFrame(columns=["report_id", "sent_idx", "kind"]))[["scope", "counts"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['running total', 'running total'], ['running total', 'running total'], ['running total', 'running total'],
     ['incident', 'running total']]
    """
    ordered = sentences.drop_duplicates(_KEYS).sort_values(_KEYS, kind="stable")
    periods, days = _dated_sentences(details)
    rows, previous = [], None
    for report_id, sent_idx, text in zip(ordered["report_id"], ordered["sent_idx"], ordered["text"].astype(str),
                                         strict=True):
        key = (report_id, sent_idx)
        scope, spans = wording_scope(text)
        if scope == INCIDENT and previous == (report_id, sent_idx - 1) and carries_on(text):
            scope = RUNNING_TOTAL
        if scope == INCIDENT and key in periods and key not in days:
            scope = CONTEXT
        counts = scope
        if counts == INCIDENT:
            counts = RUNNING_TOTAL if is_aggregate(text) else CONTEXT if key in periods else INCIDENT
        rows.append((report_id, sent_idx, scope, counts, spans))
        previous = key if scope == RUNNING_TOTAL else None
    return pd.DataFrame(rows, columns=[*_KEYS, "scope", "counts", "spans"])


def _dated_sentences(details: pd.DataFrame) -> tuple[set[tuple], set[tuple]]:
    """The sentences with a date :data:`PERIOD_DAYS` days long or longer, and those with a date of one day (not
    datelines)."""
    if "date_low" not in details or details.empty:
        return set(), set()
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    dates = details[details["kind"].eq("date") & ~role.eq("dateline").fillna(False).astype(bool)]
    length = dates["date_high"] - dates["date_low"]
    long = dates[(length >= pd.Timedelta(days=PERIOD_DAYS)).fillna(False).astype(bool)]
    day = dates[(length < pd.Timedelta(days=1)).fillna(False).astype(bool)]
    return set(zip(long["report_id"], long["sent_idx"], strict=True)), set(zip(day["report_id"], day["sent_idx"],
                                                                              strict=True))


def detail_scopes(details: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """The scope (one of :data:`SCOPES`) of each row of ``details``, aligned with it; ``sentences`` holds their
    sentences (``report_id``, ``sent_idx``, ``text``; with ``start``, the offset of the sentence in its report, a
    detail is placed in its sentence by its own ``start``, else by the first occurrence of its ``text``)."""
    if details.empty:
        return pd.Series([], index=details.index, dtype="str")
    scopes = sentence_scopes(sentences, details).set_index(_KEYS)
    keys = pd.MultiIndex.from_frame(details[_KEYS])
    is_count = details["kind"].eq("count").to_numpy()
    whole = scopes["scope"].reindex(keys).fillna(INCIDENT).where(~is_count, scopes["counts"].reindex(keys).fillna(
        INCIDENT).to_numpy()).tolist()
    spans = scopes["spans"].reindex(keys).tolist()
    texts = sentences.drop_duplicates(_KEYS).set_index(_KEYS)
    if "start" in sentences and "start" in details:
        offsets = (details["start"].to_numpy() - texts["start"].reindex(keys).to_numpy())
    else:
        found = texts["text"].reindex(keys).fillna("").astype(str).tolist()
        offsets = [max(s.find(str(p)), 0) for s, p in zip(found, details["text"].astype(str), strict=True)]
    result = []
    for scope, own, at in zip(whole, spans, offsets, strict=True):
        if scope == INCIDENT and isinstance(own, tuple) and any(a <= at < b for a, b in own):
            scope = OTHER_INCIDENT
        result.append(scope)
    return pd.Series(result, index=details.index, dtype="str")
