"""Qualifiers of sources: the words by which an outlet sets itself apart from a source it names ("the so-called
Syrian Observatory for Human Rights", "the opposing UK-based Syrian Observatory"), ``data/qualifiers.yaml``.

A qualifier stands right before the source's name, or up to ``between`` words before it ("opposing UK-based"); the
name is one of the source phrases of ``data/attribution.yaml`` written with a capital, so "opposition activists"
(a kind of source, not a name) is none. Each gives a ``label`` row with the source's normalised value as
``subject`` ("monitor"), the qualifier as ``value`` and the role ``qualifier`` (:data:`QUALIFIER`): the divergence
stage compares such rows with the plain mentions of the same source by other outlets
(:mod:`claimdiff.divergence.qualifiers`), not with the labels of parties.

>>> [(q.subject, q.value, q.text) for q in find_qualifiers("The so-called Syrian Observatory for Human Rights said.")]
[('monitor', 'so-called', 'so-called Syrian Observatory for Human Rights')]
>>> [q.value for q in find_qualifiers("the Britain-based opposing Syrian Observatory said")]
['opposing']
>>> find_qualifiers("Opposition activists said."), find_qualifiers("The UK-based Syrian Observatory said.")
([], [])
>>> find_qualifiers("The opposition said the Observatory had counted 12.")
[]
>>> [q.text for q in find_qualifiers("the opposing UK-based Syrian Observatory for Human Rights said")]
['opposing UK-based Syrian Observatory for Human Rights']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.table import Row, sentence_rows

QUALIFIER = "qualifier"  # the role of a qualifier's label row


@dataclass(frozen=True)
class Qualifier:
    start: int
    end: int
    subject: str  # the source's normalised value ("monitor")
    value: str  # the qualifier, lower case ("so-called")
    text: str  # from the qualifier to the end of the name


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], lexicon.PhraseMatcher]:
    data = lexicon.load("qualifiers")
    words = sorted({*data["distancing"], *data["partisan"]}, key=len, reverse=True)
    qualifier = "|".join(lexicon.phrase_pattern(w) for w in words)
    between = int(data["between"])
    # words between: compounds or names ("UK-based", "British"), not a clause ("the opposition said the Observatory")
    modifier = r"(?:[\w’']+-[\w’'-]+|[A-Z][\w’'-]*)\s+"
    pattern = re.compile(rf"(?<![\w-])(?P<word>(?i:{qualifier}))\s+(?:{modifier}){{0,{between}}}$")
    names = lexicon.PhraseMatcher((entry["value"], phrase) for entry in lexicon.load("attribution")["sources"]
                                  for phrase in entry["phrases"])
    return pattern, names


def find_qualifiers(text: str) -> list[Qualifier]:
    """The qualifiers of sources in one sentence, in order of position."""
    pattern, names = _lexicon()
    found = []
    for start, end, value in names.find(text):
        if not text[start].isupper():
            continue
        m = pattern.search(text, max(0, start - 80), start)
        if m:
            found.append(Qualifier(m.start(), end, value, m.group("word").lower(), text[m.start() : end]))
    return found


def qualifier_rows(sentences: pd.DataFrame) -> list[Row]:
    """A ``label`` row (role :data:`QUALIFIER`) per qualifier of a source."""
    rows = []
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        for q in find_qualifiers(text):
            rows.append(Row(report_id, sent_idx, "label", q.subject, q.value, float("nan"), float("nan"), q.text,
                            offset + q.start, offset + q.end, role=QUALIFIER))
    return rows
