"""Which toll sentences of a report give their toll in passing, and does a sentence speak of a toll at all: for
:mod:`.sources`, which compares whom outlets cite for the toll they report as news.

A toll told in a relative clause about the act another claim is about ("Mogherini said the regime bears
responsibility for an attack that killed 58"; "leaders condemned the attack which killed 86") is mentioned, not
reported: whoever the sentence quotes speaks of something else, and a report that opens so tells a reaction to a toll
known already. Whether a sentence speaks of a toll reads the casualty words of ``data/count_subjects.yaml`` and
``toll_talk`` of ``data/attribution.yaml``.

>>> speaks_of_toll("The toll was given by the Observatory."), speaks_of_toll("The army advanced.")
(True, False)
>>> names_toll("A police source confirmed the death toll."), names_toll("Three people died.")
(True, False)
"""

from __future__ import annotations

import re
from functools import cache

from ..details import lexicon
from ..details.count_words import subjects
from ..details.lexicon import patterns_alternation, phrase_pattern


@cache
def _toll_talk() -> dict[str, re.Pattern]:
    """The words that speak of a toll (the casualty cues of ``data/count_subjects.yaml`` for the toll subjects and
    ``toll_talk`` of ``data/attribution.yaml``), the toll's own nouns alone, and a relative clause that gives a
    toll ("an attack that killed 58", "which claimed the lives of"): a cue of a toll's verb after "that" or "which"."""
    cues = subjects()["subjects"]
    talk = lexicon.load("attribution")["toll_talk"]
    nouns = talk["names"]
    words = patterns_alternation([p for subject in ("killed", "injured", "casualties") for where in ("head", "after",
                                  "before") for p in cues[subject].get(where, [])]
                                 + [phrase_pattern(n) for n in nouns + talk["words"]])
    verbs = patterns_alternation([p for subject in ("killed", "injured", "casualties")
                                  for p in cues[subject].get("before", [])]
                                 + [phrase_pattern(v) for v in talk["relative_verbs"]])
    return {"words": re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE),
            "nouns": lexicon.phrases_regex(nouns),
            "relative": re.compile(rf"(?<![\w-])(?:that|which)\s+(?:(?:has|have|had|also|reportedly|allegedly)\s+)?"
                                   rf"(?:{verbs})(?![\w-])", re.IGNORECASE)}


# At most this many words between a relative clause's toll verb and its figure: "that killed at least 58", "which
# claimed the lives of some 80 people".
RELATIVE_GAP_WORDS = 3


def mentions_toll(text: str, figures: list[str]) -> bool:
    """Does the sentence ``text`` give each of its toll ``figures`` (their phrases, in order) only in passing, in a
    relative clause about the act another claim is about ("condemned the chemical attack that killed at least 58
    people", "bears responsibility for an attack which killed 86")? Such a report tells a reaction, not the toll:
    whoever it quotes speaks of something else.

    >>> mentions_toll("Leaders condemned the attack that killed at least 58 people.", ["at least 58"])
    True
    >>> mentions_toll("An air strike killed 58 people, the monitor said.", ["58"])
    False
    >>> mentions_toll("58 killed in blast. IS claimed the bombing that killed 58.", ["58", "58"])
    False
    """
    if not figures or not text:
        return False
    lower, at, clauses = text.lower(), 0, list(_toll_talk()["relative"].finditer(text))
    for figure in figures:
        at = lower.find(figure.lower(), at)
        if at < 0:
            return False
        gaps = (text[clause.end():at] for clause in clauses if clause.end() <= at)
        if not any(not re.search(r"[,;:.]", gap) and len(gap.split()) <= RELATIVE_GAP_WORDS for gap in gaps):
            return False
        at += len(figure)
    return True


def in_passing(mentioned: set[tuple], figures_of: dict[tuple, list[tuple]], best: dict[tuple, int]
                ) -> tuple[set[tuple], set[str]]:
    """The toll sentences that give their toll in passing: those that mention it (``mentioned``:
    :func:`mentions_toll`) and those that give only figures a mention of their report gave ("IS claimed the bombing
    that killed 58" ... "Gas attack kills 58"); and the reports whose first toll sentence mentions its toll and that
    state no death toll of their own further on (a whole killed toll, :data:`best` rank 0, not in passing): they tell
    a reaction to a toll known already (a condemnation, a call for an inquiry). ``figures_of``: per (report_id,
    sent_idx) of a toll sentence, its figures (start, text, number); ``best``: the rank of its best toll row.

    >>> figures = {("r", 0): [(0, "58", 58.0)], ("r", 4): [(90, "58", 58.0)], ("s", 0): [(0, "9", 9.0)]}
    >>> passing, reactions = in_passing({("r", 0)}, figures, {("r", 0): 0, ("r", 4): 0, ("s", 0): 0})
    >>> sorted(passing), reactions
    ([('r', 0), ('r', 4)], {'r'})
    """
    presupposed: dict[str, set] = {}
    for report_id, sent_idx in mentioned:
        presupposed.setdefault(report_id, set()).update(n for *_, n in figures_of[(report_id, sent_idx)])
    passing = set(mentioned) | {key for key, figures in figures_of.items() if key[0] in presupposed
                                and {n for *_, n in figures} <= presupposed[key[0]]}
    first: dict[str, tuple] = {}
    for key in figures_of:
        first[key[0]] = min(first.get(key[0], key), key)
    own_toll = {key[0] for key in figures_of if key not in passing and best.get(key) == 0}
    return passing, {report_id for report_id, key in first.items() if key in mentioned and report_id not in own_toll}


def speaks_of_toll(text: str) -> bool:
    """Does ``text`` speak of a toll: a casualty word or a word of ``toll_talk``?"""
    return bool(_toll_talk()["words"].search(text))


def names_toll(text: str) -> bool:
    """Does ``text`` name a toll itself ("the death toll", "the figure": ``toll_talk.names``)?"""
    return bool(_toll_talk()["nouns"].search(text))
