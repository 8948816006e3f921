"""Whose figure is it: the ``source`` of each count and actor row, from the attributions of its sentence.

A sentence may quote two sources: "The Ministry of Defense claimed that dozens were killed, a figure the
Observatory said it could not verify". An attribution that opens a clause ("the ministry claimed that ...") covers
what follows it; one that closes it ("..., the Observatory said"; "..., according to SOHR") covers what comes
before it. A count or an actor takes the nearest attribution before it that opens a clause, unless a closing one
stands between them, or a closing one follows it and a clause break (a comma, "while", "but") separates it from
the opening one; else the nearest closing one after it; else the attribution it lies in, else the nearest one.
A label takes a source the same way, but only one whose clause it lies in: a label in the speaker's phrase ("the
opposition said") or in no clause a source speaks is the outlet's own word (:mod:`claimdiff.divergence.labels`).

>>> import pandas as pd
>>> from claimdiff.details.table import Row
>>> text = "The ministry said dozens were killed, while 9 died, the Observatory said."
>>> sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": [text], "start": [0]})
>>> def row(kind, value, start, end):
...     return Row("r", 0, kind, "killed", value, float("nan"), float("nan"), text[start:end], start, end)
>>> rows = [row("count", "dozens", 18, 24), row("count", "9", 44, 45),
...         row("attribution", "Ministry of Defense", 0, 17), row("attribution", "monitor", 52, 72)]
>>> [(r.value, r.source) for r in attach_sources(rows, sentences) if r.kind == "count"]
[('dozens', 'Ministry of Defense'), ('9', 'monitor')]
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd

from claimdiff.details.table import Row, sentence_rows
from claimdiff.details.voice import reported_speech

SOURCED_KINDS = ("count", "actor")
UNNAMED_SPEAKER = "unnamed speaker"  # the source of a label in a reported clause whose speaker is not found
# Labels take the source whose words they report ("..., the ministry said terrorists shelled ..."): the label is the
# source's word, not the outlet's; a label in the speaker's own phrase ("the opposition said") is the outlet's.
_SPOKEN_KINDS = ("label",)
# What may follow an attribution that closes its clause: a time, "in a statement", "on Sunday", then the end.
_CLOSING_TAIL = re.compile(
    r"^[\s,]*(?:(?:on|in|late|early|this|last|a|an|the|its|his|her|their|to|at|from|of|citing|quoting)\b|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|statement|week|weekend|day|morning|"
    r"afternoon|evening|night|today|yesterday|earlier|later|reporters?|AFP|Reuters|AP)\b|[\s,;:.\"”'’)-])*$",
    re.IGNORECASE,
)


_CLAUSE_BREAK = re.compile(r"[,;]|\s(?:while|but|whereas)\s", re.IGNORECASE)
_SPEECH_BREAK = re.compile(_CLAUSE_BREAK.pattern + r"|[.!?]\s", re.IGNORECASE)  # a clause or a sentence ends


def _opens_clause(sentence: str, end: int) -> bool:
    """Does the attribution ending at ``end`` introduce what follows ("said that ...", "said 10 died")?"""
    return not _CLOSING_TAIL.match(sentence[end:])


def _source_of(start: int, attributions: list[tuple[int, int, bool, str]], text: str, offset: int,
               spoken: bool = False) -> str:
    """The source of the detail at ``start`` (see the module docstring); ``spoken``: only a source whose clause it
    lies in (a label in the speaker's phrase, or in no clause of one, is the outlet's)."""
    covering = [a for a in attributions if a[0] <= start < a[1]]
    if spoken and covering and not any(
            a[2] and a[1] <= covering[0][0] and not _SPEECH_BREAK.search(text, a[1] - offset, start - offset)
            for a in attributions):
        return ""  # the speaker's phrase, unless in what another source was said to say ("X said that ... Y said")
    before = [a for a in attributions if a[1] <= start]
    after = [a for a in attributions if a[0] >= start]
    opening = [a for a in before if a[2]]
    closing = [a for a in after if not a[2]]
    if opening and not any(a[1] > opening[-1][1] and not a[2] for a in before):
        broken = _CLAUSE_BREAK.search(text, opening[-1][1] - offset, start - offset)
        if not (closing and broken):  # "X said A, while B, Y said": B is Y's
            return opening[-1][3]
    if closing:
        return closing[0][3]
    if covering and not spoken:  # "The Observatory put the toll at 58"
        return covering[0][3]
    if spoken:
        return ""
    nearest = before[-1:] or after[:1]
    return nearest[0][3] if nearest else ""


def attach_sources(rows: list[Row], sentences: pd.DataFrame) -> list[Row]:
    """``rows`` with ``source`` filled for count and actor rows whose sentence has attribution rows, and for label
    rows in a clause a source speaks, or one a reporting verb opens with no source tied to it (an unnamed speaker's:
    :func:`claimdiff.details.voice.reported_speech`)."""
    by_sentence: dict[tuple[str, int], list[Row]] = defaultdict(list)
    for row in rows:
        if row.kind == "attribution":
            by_sentence[(row.report_id, row.sent_idx)].append(row)
    labelled = {(row.report_id, row.sent_idx) for row in rows if row.kind in _SPOKEN_KINDS}
    if not by_sentence and not labelled:
        return rows
    texts = {(rid, idx): (text, start) for rid, idx, text, start in sentence_rows(sentences)
             if (rid, idx) in by_sentence or (rid, idx) in labelled}
    spans = {}
    for key, found in by_sentence.items():
        text, offset = texts[key]
        spans[key] = sorted((a.start, a.end, _opens_clause(text, a.end - offset), a.value) for a in found)
    return [_with_source(row, spans, texts) for row in rows]


def _with_source(row: Row, spans: dict, texts: dict) -> Row:
    key = (row.report_id, row.sent_idx)
    spoken = row.kind in _SPOKEN_KINDS
    if not (spoken or row.kind in SOURCED_KINDS) or key not in texts:
        return row
    text, offset = texts[key]
    source = _source_of(row.start, spans[key], text, offset, spoken) if key in spans else ""
    if not source and spoken and reported_speech(text, row.start - offset):
        source = UNNAMED_SPEAKER
    return row._replace(source=source or pd.NA) if source or key in spans else row
