"""Hedges: the certainty markers of a sentence ("reportedly", "could not be independently verified").

The markers and their spellings are in ``data/hedges.yaml``; each match is a row with the canonical marker as
``value`` and ``subject`` "hedge".

>>> [(h.value, h.text) for h in find_hedges("The drones were most likely launched by HTS, the ministry claimed.")]
[('most likely', 'most likely')]
>>> [h.value for h in find_hedges("The toll could not be independently verified.")]
['unverified']
>>> [(h.value, h.text) for h in find_hedges("The ministry claimed on Saturday that it had shot down drones.")]
[('claimed', 'claimed on Saturday that')]

A marker followed by a verb of ``forecasts`` speaks of what is to come, not of what happened: no hedge.

>>> find_hedges("The death toll is likely to rise further.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.table import Row, sentence_rows

# "claimed that" with a few words between ("claimed on Saturday that", "claims in a statement that"): the lexicon's
# phrases are literal, this is their one syntactic extension. Not "claimed responsibility": no "that" follows.
_CLAIMED_THAT = re.compile(r"\bclaim(?:ed|s|ing)\b(?:\s+[\w’']+){1,5}?\s+that\b", re.IGNORECASE)


@dataclass(frozen=True)
class Hedge:
    start: int
    end: int
    value: str
    text: str


@lru_cache(maxsize=1)
def _matcher() -> lexicon.PhraseMatcher:
    markers = {k: v for k, v in lexicon.load("hedges").items() if k != "forecasts"}
    return lexicon.PhraseMatcher((canonical, phrase) for canonical, phrases in markers.items() for phrase in phrases)


@lru_cache(maxsize=1)
def _forecast() -> re.Pattern[str]:
    verbs = lexicon.phrases_body(lexicon.load("hedges")["forecasts"])
    return re.compile(rf"\s+(?:to\s+)?(?:further\s+)?(?:{verbs})\b", re.IGNORECASE)


def find_hedges(text: str) -> list[Hedge]:
    """The certainty markers of one sentence, in order of position."""
    found = [Hedge(start, end, value, text[start:end]) for start, end, value in _matcher().find(text)
             if not _forecast().match(text, end)]
    for m in _CLAIMED_THAT.finditer(text):
        if not any(m.start() < h.end and h.start < m.end() for h in found):
            found.append(Hedge(m.start(), m.end(), "claimed", m.group()))
    return sorted(found, key=lambda h: h.start)


def hedge_rows(sentences: pd.DataFrame) -> list[Row]:
    """A ``hedge`` row per certainty marker."""
    rows = []
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        for h in find_hedges(text):
            rows.append(Row(report_id, sent_idx, "hedge", "hedge", h.value, float("nan"), float("nan"), h.text,
                            offset + h.start, offset + h.end))
    return rows
