"""Acts: the kind of violent act a sentence names (an air strike, a bombing, a chemical attack), one row each.

The kinds and the phrases that name them are the lexicon ``data/acts.yaml`` (the one the events stage reads to tell
an air strike from a car bombing, :mod:`claimdiff.events.acts`); where phrases overlap the longest wins
("barrel bombs" is an air strike). Each phrase found is a row of kind ``act`` with the kind of act as ``subject``
and the phrase, lower-cased, as ``value`` ("chlorine", "chemical attack"): what a hedge doubts when it doubts what
happened ("an alleged chemical attack", "gas which they suspect was chlorine"; see
:func:`claimdiff.details.hedges.hedge_scope`).

>>> [(a.kind, a.phrase) for a in find_acts("Barrel bombs filled with chlorine hit the town")]
[('air strike', 'barrel bombs'), ('chemical attack', 'chlorine')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.table import Row, sentence_rows


@dataclass(frozen=True)
class Act:
    start: int
    end: int
    kind: str
    phrase: str  # as the lexicon spells it, lower-cased


@lru_cache(maxsize=1)
def _matcher() -> tuple[lexicon.PhraseMatcher, dict[str, str]]:
    """One matcher over every phrase of ``data/acts.yaml``, tagged with the phrase, and each phrase's kind."""
    kinds = lexicon.load("acts")
    kind_of = {phrase.lower(): kind for kind, phrases in kinds.items() for phrase in phrases}
    return lexicon.PhraseMatcher((phrase, phrase) for phrases in kinds.values() for phrase in phrases), kind_of


def find_acts(text: str) -> list[Act]:
    """The acts one sentence names, in order of position."""
    matcher, kind_of = _matcher()
    return [Act(start, end, kind_of[phrase.lower()], phrase.lower())
            for start, end, phrase in matcher.find(text if isinstance(text, str) else "")]


def act_rows(sentences: pd.DataFrame) -> list[Row]:
    """An ``act`` row per phrase that names a kind of act."""
    rows = []
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        for a in find_acts(text):
            rows.append(Row(report_id, sent_idx, "act", a.kind, a.phrase, float("nan"), float("nan"),
                            text[a.start : a.end], offset + a.start, offset + a.end))
    return rows
