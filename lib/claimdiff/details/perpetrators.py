"""Sentences that say nobody is known to have done it: "no immediate claim of responsibility", "it was unclear who
carried out the strike".

Outlets differ on who did it not only by naming different parties but by naming none: one reports that ISIS
claimed the bombing, another that there was no claim of responsibility. The patterns are in the ``nobody`` part of
``data/actors.yaml``; each match gives an ``actor`` row, so that the divergence stage compares it with the named
perpetrators and claimants of other outlets:

- ``unclaimed``: subject (and role) "claimed", value "unclaimed" — as against "ISIS claimed responsibility";
- ``unknown``: subject (and role) "agent", value "unknown" — as against "Russian jets carried out the strike". It
  needs a word of an act soon after ("... who carried out", "... whether Syrian or Russian jets"), so "it was
  unclear whether he was a hostage" is none. Doers given as alternatives ("carried out by either Syrian or Russian
  aircraft", :func:`alternatives_rows`) say the same: the outlet does not know which of them did it.

>>> [(m.subject, m.value) for m in find_nobody("There was no immediate claim of responsibility for the blast.")]
[('claimed', 'unclaimed')]
>>> [(m.subject, m.value) for m in find_nobody("It was not clear who carried out the strikes.")]
[('agent', 'unknown')]
>>> find_nobody("It was unclear whether he was a hostage.")
[]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from claimdiff.details import lexicon
from claimdiff.details.table import Row

UNCLAIMED = "unclaimed"
UNKNOWN = "unknown"
_ROLE = {UNCLAIMED: "claimed", UNKNOWN: "agent"}
# what a claim of responsibility is said to be for: "... responsibility for the bombing"
_CLAIMED_FOR = re.compile(r"\s*(?:responsibility\s+)?(?:yet\s+|so far\s+)?for\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)",
                          re.IGNORECASE)


class Nobody(NamedTuple):
    start: int
    end: int
    subject: str
    value: str


@lru_cache(maxsize=1)
def _patterns() -> dict:
    data = lexicon.load("actors")["nobody"]
    phrases = {key: re.compile(rf"(?<!\w)(?:{lexicon.patterns_alternation(data[key])})(?!\w)", re.IGNORECASE)
               for key in ("unclaimed", "unknown", "unknown_whether")}
    words = {key: re.compile(data[key], re.IGNORECASE) for key in ("acts", "doing", "alternatives", "claimed_acts")}
    return {**phrases, **words, "window": int(data["act_window"])}


def find_nobody(text: str) -> list[Nobody]:
    """The phrases of one sentence that say no one has claimed it or that it is not known who did it. "Whether"
    asks yes or no: it counts only when it weighs doers or asks about the doing.

    >>> [m.value for m in find_nobody("It was unclear whether Syrian or Russian jets struck.")]
    ['unknown']
    >>> find_nobody("It was not immediately clear whether the warplane was shot down.")
    []

    A claim of responsibility said to be for something else than an act ("for downing the helicopter", in a report
    on a gas attack) is about another incident (``claimed_acts`` in the lexicon):

    >>> find_nobody("No group has claimed responsibility for downing the helicopter.")
    []
    """
    p = _patterns()
    window = p["window"]
    found = [Nobody(m.start(), m.end(), _ROLE[UNCLAIMED], UNCLAIMED) for m in p["unclaimed"].finditer(text)
             if not ((what := _CLAIMED_FOR.match(text, m.end())) and not p["claimed_acts"].search(what.group(1)))]
    for m in p["unknown"].finditer(text):
        if p["acts"].search(text, m.end(), m.end() + window):
            found.append(Nobody(m.start(), m.end(), _ROLE[UNKNOWN], UNKNOWN))
    for m in p["unknown_whether"].finditer(text):
        if p["acts"].search(text, m.end(), m.end() + window) and (
                p["doing"].search(text, m.end(), m.end() + window)
                or p["alternatives"].search(text, m.end(), m.end() + window)):
            found.append(Nobody(m.start(), m.end(), _ROLE[UNKNOWN], UNKNOWN))
    return sorted(found)


def nobody_rows(report_id: str, sent_idx: int, text: str, offset: int) -> list[Row]:
    """An ``actor`` row for each phrase of :func:`find_nobody` in one sentence starting at ``offset``."""
    return [
        Row(report_id, sent_idx, "actor", n.subject, n.value, float("nan"), float("nan"), text[n.start : n.end],
            offset + n.start, offset + n.end, role=n.subject)
        for n in find_nobody(text)
    ]


_OR = re.compile(r"\bor\b", re.IGNORECASE)


def alternatives_rows(report_id: str, sent_idx: int, text: str, start: int, end: int, offset: int) -> list[Row]:
    """An ``unknown`` agent row for two doers joined by "or" at ``text[start:end]`` ("Syrian or Russian aircraft":
    either of them, so who did it is not known); none for doers joined by "and".

    >>> [r.value for r in alternatives_rows("r", 0, "by Syrian or Russian jets", 3, 25, 0)]
    ['unknown']
    >>> alternatives_rows("r", 0, "by Syrian and Russian jets", 3, 26, 0)
    []
    """
    if not _OR.search(text, start, end):
        return []
    return [Row(report_id, sent_idx, "actor", _ROLE[UNKNOWN], UNKNOWN, float("nan"), float("nan"), text[start:end],
                offset + start, offset + end, role=_ROLE[UNKNOWN])]
