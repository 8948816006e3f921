"""The scope of each detail: does the part of its sentence it stands in tell of the report's own incident?

A report on one air strike often recalls others and the war around it. What it counts, names, labels or sources
there is not what it says about this incident. Each detail gets one of :data:`SCOPES`, read from its sentence's
own wording (``data/scope.yaml``, the aggregates of ``data/count_subjects.yaml``) and its sentence's own dates:

- ``running total``: the sentence sums up a span of time ("have killed 38 civilians in two days of bombardment",
  "since Saturday"), or carries on the running total of the sentence before it ("The strikes have killed 122");
- ``context``: the sentence dates what it tells to a period (a date :data:`PERIOD_DAYS` days long or longer: "in
  2014", "last year"; not a dateline) and to no single day: the war, a timeline; or it tells what the war as a
  whole has cost (``war`` of ``data/scope.yaml``: "the five-year war that has claimed over 300,000 lives"; or a
  count of :data:`WAR_SCALE` or more in the perfect tense: "More than 300,000 people have been killed");
- ``other incident``: the detail stands after a time frame ("earlier this week a chemical attack killed 87") or in
  a clause about another moment ("a day after dozens died in Idlib", up to the next comma); details before it are
  the incident's ("Six were killed on Thursday; last week ..."); or, after the report's lead (its first
  :data:`~claimdiff.details.scope_frames.LEAD_SENTENCES` sentences), the sentence names only days two days or more
  from the lead's, or it opens with a day before the lead's ("On Saturday, eight were killed ..." in a report led by
  Sunday's attack), or it has a round-up's wording ("Separately", "Elsewhere", "also", "meanwhile") or names only
  kinds of act the lead does not (a car bombing in a report led by an air strike) and names only places in Syria
  that cannot be the lead's: the other incidents of a round-up (:mod:`claimdiff.details.scope_frames`).
- a sentence that points back by a distal demonstrative ("That truce came after ...", "... of that attack") to
  what the sentence before it ended on, when that was background, has the scope of that (:func:`refers_back`,
  :func:`ending_scope`: "Inspectors found that sarin was used near Homs in 2014. Western powers blamed the army for
  that attack, which they say killed 300 people": the 300 are the context's, not this incident's toll).
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
from claimdiff.details.scope_frames import (
    LEAD_SENTENCES,
    Frame,
    elsewhere,
    fronted_days,
    lead_frames,
    own_kind_of_act,
    sentence_acts,
    sentence_frames,
)

INCIDENT, OTHER_INCIDENT, RUNNING_TOTAL, CONTEXT = "incident", "other incident", "running total", "context"
SCOPES = (INCIDENT, OTHER_INCIDENT, RUNNING_TOTAL, CONTEXT)

# A count this large, told in the perfect tense with no day, is a war's toll ("More than 300,000 people have been
# killed"), not an incident's.
WAR_SCALE = 10_000
_CLAUSE_END = re.compile(r"[,;:]")
# A span that ends this few words or fewer before its sentence's end ("... in August 2013.") is what it ends on.
_ENDING_WORDS = 3
_KEYS = ["report_id", "sent_idx"]


@cache
def _markers() -> dict[str, re.Pattern[str]]:
    data = load("scope")
    markers = {part: re.compile(r"\b(?:" + "|".join(data[part]) + r")\b", re.IGNORECASE)
               for part in ("frame", "clause", "sentence", "war", "total_clause")}
    # a rank, then what it ranks before the span ("the first explosion ... since"; not "the first six months of")
    markers["rank"] = re.compile(r"\b(?:" + "|".join(data["rank"]) + r")\s+\w[^,;:]*$", re.IGNORECASE)
    markers["ranked_since"] = re.compile(r"\b(?:" + "|".join(data["rank"]) + r")\b[^,;:]*\bsince\b[^,;:]*$",
                                         re.IGNORECASE)
    for part in ("continuation", "roundup"):
        markers[part] = re.compile("|".join(data[part]), re.IGNORECASE)
    closed = "(?:" + "|".join(data["not_a_noun"]) + ")"
    markers["back_reference"] = re.compile("|".join(p.replace("{closed}", closed) for p in data["back_reference"]),
                                           re.IGNORECASE)
    return markers


@lru_cache(maxsize=1 << 19)  # asked once per detail row and sentence: room for 30,000 reports
def wording_scope(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The scope the wording of a sentence gives all of it (:data:`INCIDENT` when none), and the spans (start, end,
    scope) of ``text`` that its wording ties to another incident or to a running total.

    >>> wording_scope("The strikes have killed 40 since Saturday")
    ('running total', ())
    >>> wording_scope("Six were killed; last week a strike killed 22")
    ('incident', ((17, 45, 'other incident'),))
    >>> wording_scope("Strikes killed 12 on Monday, bringing to 45 the number killed in 24 hours")[1]
    ((29, 73, 'running total'),)
    >>> wording_scope("The blast, the first to hit the town since the start of the war, killed four")
    ('incident', ((37, 52, 'context'),))
    """
    markers = _markers()
    spans = []
    for span in markers["sentence"].finditer(text):  # after a rank only the span itself is the war's ("since ...")
        if not markers["rank"].search(text, 0, span.start()):
            return RUNNING_TOTAL, ()
        spans.append((span.start(), span.end(), CONTEXT))
    frame = markers["frame"].search(text)
    if frame:
        spans.append((frame.start(), len(text), OTHER_INCIDENT))
    for clause in markers["clause"].finditer(text):
        end = _CLAUSE_END.search(text, clause.end())
        spans.append((clause.end(), end.start() if end else len(text), OTHER_INCIDENT))
    for total in markers["total_clause"].finditer(text):
        end = _CLAUSE_END.search(text, total.end())
        spans.append((total.start(), end.start() if end else len(text), RUNNING_TOTAL))
    return INCIDENT, tuple(spans)


def carries_on(text: str) -> bool:
    """Does a sentence carry on the running total of the sentence before it ("The toll includes 126 ...")?

    >>> carries_on("The strikes have killed 122."), carries_on("On Sunday a strike killed 9.")
    (True, False)
    """
    return _markers()["continuation"].search(text) is not None


def refers_back(text: str) -> bool:
    """Does a sentence point back, by a distal demonstrative, to what the sentence before it ended on ("That truce
    came after ...", "... blamed the army for that attack", "At the time ...")? Not "those who were killed", "that
    is", "said that they" (``back_reference`` of ``data/scope.yaml``).

    >>> refers_back("That truce came after 40 soldiers were killed."), refers_back("Those killed were civilians.")
    (True, False)
    >>> refers_back("Rebels were blamed for that attack."), refers_back("He said that rebels fired rockets.")
    (True, False)
    """
    return _markers()["back_reference"].search(text) is not None


def ending_scope(text: str, scope: str, spans: tuple) -> str:
    """The scope a sentence ends on: its own, or that of a span (``spans`` as :func:`wording_scope` gives them) that
    runs to its last clause's last few words ("It was the worst attack since sarin killed hundreds near Homs in
    August 2014": the context); a sentence pointing back to it (:func:`refers_back`) points at that.

    >>> text = "It was the worst attack since sarin killed hundreds near Homs in August 2014."
    >>> ending_scope(text, INCIDENT, wording_scope(text)[1]), ending_scope("Six died.", INCIDENT, ())
    ('context', 'incident')
    """
    if scope != INCIDENT:
        return scope
    for _start, end, span_scope in sorted(spans, key=lambda span: span[1], reverse=True):
        rest = text[end:]
        if span_scope != INCIDENT and _CLAUSE_END.search(rest) is None and len(rest.split()) <= _ENDING_WORDS:
            return span_scope
    return INCIDENT


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
    periods, days = _dated_sentences(details, ordered)
    frames = sentence_frames(details)
    war_scale = _war_scale_sentences(details)
    read, previous = [], None
    for report_id, sent_idx, text in zip(ordered["report_id"], ordered["sent_idx"], ordered["text"].astype(str),
                                         strict=True):
        key = (report_id, sent_idx)
        scope, spans = wording_scope(text)
        if scope == INCIDENT and previous == (report_id, sent_idx - 1) and carries_on(text):
            scope = RUNNING_TOTAL
        if scope == INCIDENT and key in periods and key not in days:
            scope = CONTEXT
        if scope == INCIDENT and key in war_scale and key not in days and carries_on(text):
            scope = CONTEXT  # "More than 300,000 people have been killed": the war's toll, told in the perfect
        war = _markers()["war"].search(text) if scope == INCIDENT else None
        if war:  # the war's toll since it began: the sentence's, or from the war on when it names a day
            war_span = (war.start(), len(text), OTHER_INCIDENT)
            scope, spans = (INCIDENT, (*spans, war_span)) if key in days else (CONTEXT, spans)
        read.append((report_id, sent_idx, text, scope, spans))
        previous = key if scope == RUNNING_TOTAL else None
    read = _lead_roundups(read, frames)
    # The lead's days and places, from its sentences that tell of the incident (not "since July 31").
    leads = lead_frames({(r, i): frames[(r, i)] for r, i, _, scope, _ in read
                         if i < LEAD_SENTENCES and scope == INCIDENT and (r, i) in frames})
    acts, fronted = sentence_acts(details), fronted_days(details, sentences)
    lead_acts: dict[str, set[str]] = {}
    for r, i, _, scope, _ in read:
        if i < LEAD_SENTENCES and scope == INCIDENT:
            lead_acts.setdefault(r, set()).update(acts.get((r, i), ()))
    rows, ended = [], None  # ended: the sentence before, and the background scope it ends on
    for report_id, sent_idx, text, scope, spans in read:
        key = (report_id, sent_idx)
        if scope == INCIDENT and ended and ended[0] == (report_id, sent_idx - 1) and refers_back(text):
            scope = ended[1]  # "That truce came after 40 were killed ..." after a sentence on a year before
        if scope == INCIDENT and sent_idx >= LEAD_SENTENCES and report_id in leads and key in frames:
            roundup = _markers()["roundup"].search(text) is not None
            own_act = own_kind_of_act(acts.get(key, set()), lead_acts.get(report_id, set()))
            scope = OTHER_INCIDENT if elsewhere(frames[key], leads[report_id], roundup or own_act) else scope
            lead_days = leads[report_id].days
            if scope == INCIDENT and key in fronted and lead_days and max(fronted[key]) < min(lead_days):
                scope = OTHER_INCIDENT  # "On Saturday, eight were killed ..." in a report led by Sunday's attack
        counts = scope
        if counts == INCIDENT:
            counts = RUNNING_TOTAL if is_aggregate(text) else CONTEXT if key in periods else INCIDENT
        rows.append((report_id, sent_idx, scope, counts, spans))
        end_scope = ending_scope(text, scope, spans)
        ended = (key, end_scope) if end_scope != INCIDENT else None
    return pd.DataFrame(rows, columns=[*_KEYS, "scope", "counts", "spans"])


def _lead_roundups(read: list[tuple], frames: dict[tuple, Frame]) -> list[tuple]:
    """``read`` (``report_id``, ``sent_idx``, ``text``, ``scope``, ``spans`` per sentence, in order) with the lead's
    later sentences that already go on to another incident (a round-up's wording and only places that cannot be the
    first sentence's: "A child was also among eight killed in shelling on Douma" after a report's opening on west
    Aleppo) of scope :data:`OTHER_INCIDENT`, so that they do not make the lead."""
    first = {r: frames[(r, i)] for r, i, _, scope, _ in read if i == 0 and scope == INCIDENT and (r, i) in frames}
    roundup = _markers()["roundup"]
    return [(r, i, text, OTHER_INCIDENT if scope == INCIDENT and 0 < i < LEAD_SENTENCES and r in first
             and (r, i) in frames and roundup.search(text) and elsewhere(frames[(r, i)], first[r], True) else scope,
             spans) for r, i, text, scope, spans in read]


def _war_scale_sentences(details: pd.DataFrame) -> set[tuple]:
    """The sentences with a count of :data:`WAR_SCALE` or more."""
    if "low" not in details or details.empty:
        return set()
    large = details[details["kind"].eq("count") & pd.to_numeric(details["low"], errors="coerce").ge(WAR_SCALE)]
    return set(zip(large["report_id"], large["sent_idx"], strict=True))


def _dated_sentences(details: pd.DataFrame, sentences: pd.DataFrame) -> tuple[set[tuple], set[tuple]]:
    """The sentences with a date :data:`PERIOD_DAYS` days long or longer, and those with a date of one day (not
    datelines). A period in a span that a ``rank`` of ``data/scope.yaml`` opens, in its clause, ranks the incident
    ("the first blast there since the war began in 2011") and does not count (with ``start`` in both tables to place
    it); one after a rank alone may still be the period's ("killing 12, the third such attack this year")."""
    if "date_low" not in details or details.empty:
        return set(), set()
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    dates = details[details["kind"].eq("date") & ~role.eq("dateline").fillna(False).astype(bool)]
    length = dates["date_high"] - dates["date_low"]
    long = dates[(length >= pd.Timedelta(days=PERIOD_DAYS)).fillna(False).astype(bool)]
    if "start" in long and "start" in sentences and not long.empty:
        placed = sentences.set_index(_KEYS)[["start", "text"]].reindex(pd.MultiIndex.from_frame(long[_KEYS]))
        rank = _markers()["ranked_since"]
        ranked = [isinstance(text, str) and at == at and rank.search(text, 0, max(int(at), 0)) is not None
                  for text, at in zip(placed["text"], long["start"].to_numpy() - placed["start"].to_numpy(),
                                      strict=True)]
        long = long[~pd.Series(ranked, index=long.index, dtype=bool)]
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
        if scope == INCIDENT and isinstance(own, tuple):
            scope = next((span_scope for a, b, span_scope in own if a <= at < b), scope)
        result.append(scope)
    return pd.Series(result, index=details.index, dtype="str")
