"""Wordings: the words an outlet chooses for an act ("adjusts the price" against "raises the price").

Each act of ``data/wordings.yaml`` gives ``label`` rows with the act as ``subject`` and the wording as ``value``, so
that the divergence stage compares them the way it compares "militants" with "terrorists". A word counts only with
the act's ``near`` pattern within the lexicon's ``window`` characters ("prices rose", not "attacks rose"), and
none of its ``not_near`` pattern ("troops withdrew", not "civilians fled"), nor its ``not_followed_by`` pattern right
after the word ("captured the town", not "captured soldiers").

>>> [(w.subject, w.value) for w in find_wordings("The ministry adjusted the price of gasoline, a hike of 9%.")]
[('price change', 'adjust'), ('price change', 'hike')]
>>> find_wordings("Attacks have risen since October.")
[]
>>> [(w.subject, w.value) for w in find_wordings("The army liberated the town and eliminated 30 terrorists.")]
[('taking territory', 'liberate'), ('killing', 'eliminate')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.table import Row, sentence_rows


@dataclass(frozen=True)
class Wording:
    start: int
    end: int
    subject: str  # the act
    value: str  # the wording


@lru_cache(maxsize=1)
def _lexicon() -> tuple[int, list[tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                          lexicon.PhraseMatcher]]]:
    data = lexicon.load("wordings")
    never = r"(?!x)x"
    acts = [
        (act, re.compile(entry["near"], re.IGNORECASE), re.compile(entry.get("not_near", never), re.IGNORECASE),
         re.compile(entry.get("not_followed_by", never), re.IGNORECASE),
         lexicon.PhraseMatcher((wording, form) for wording, forms in entry["labels"].items() for form in forms))
        for act, entry in data["acts"].items()
    ]
    return int(data["window"]), acts


def acts() -> list[str]:
    """The acts of ``data/wordings.yaml``: the subjects of wording rows.

    >>> "killing" in acts()
    True
    """
    return [act for act, *_ in _lexicon()[1]]


@lru_cache(maxsize=1)
def neutral_wordings() -> frozenset[str]:
    """The neutral wording of each act that names one (``neutral`` in ``data/wordings.yaml``: "kill", not
    "martyr").

    >>> "kill" in neutral_wordings(), "martyr" in neutral_wordings()
    (True, False)
    """
    return frozenset(entry["neutral"] for entry in lexicon.load("wordings")["acts"].values() if entry.get("neutral"))


def chosen_wordings(values: frozenset) -> frozenset:
    """An outlet's wordings of acts less the neutral ones where it writes a loaded one too: "killed" and
    "martyred" in one claim is the choice of "martyred" (the neutral word may tell of other deaths in the sentence).

    >>> sorted(chosen_wordings(frozenset({"kill", "martyr"}))), sorted(chosen_wordings(frozenset({"kill"})))
    (['martyr'], ['kill'])
    """
    loaded = values - neutral_wordings()
    return loaded if loaded and values & neutral_wordings() and loaded <= _all_wordings() else values


@lru_cache(maxsize=1)
def _all_wordings() -> frozenset[str]:
    return frozenset(w for entry in lexicon.load("wordings")["acts"].values() for w in entry["labels"])


def find_wordings(text: str) -> list[Wording]:
    """The wordings of one sentence, in order of position."""
    window, acts = _lexicon()
    found = []
    for act, near, not_near, not_followed_by, matcher in acts:
        for start, end, wording in matcher.find(text):
            before, after = text[max(0, start - window) : start], text[end : end + window]
            if not (near.search(before) or near.search(after)):
                continue
            if not_near.search(before) or not_near.search(after) or not_followed_by.match(after):
                continue
            found.append(Wording(start, end, act, wording))
    return sorted(found, key=lambda w: (w.start, w.subject))


def wording_rows(sentences: pd.DataFrame) -> list[Row]:
    """A ``label`` row per wording of an act."""
    rows = []
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        for w in find_wordings(text):
            rows.append(Row(report_id, sent_idx, "label", w.subject, w.value, float("nan"), float("nan"),
                            text[w.start : w.end], offset + w.start, offset + w.end))
    return rows
