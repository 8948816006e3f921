"""Whose word is a label: a label a report gives as someone else's name for a party ("state TV called it terrorist
bombings", "what the ministry described as terrorists") is the word of the one who names, as a quoted one is the
word of the one quoted, not the outlet's own. The naming verbs are ``data/naming.yaml``; the name may follow the
verb directly ("dubbed terrorists") or after up to three words for what is named ("called the attack a terrorist
bombing", "described the gunmen as"). "Called for" and "called on" name nothing, and "so-called" is the outlet's
own distance.

>>> text = "State TV called it terrorist bombings."
>>> named_by_another(text, text.index("terrorist"))
True
>>> text = "The UN called for an end to attacks by terrorists."
>>> named_by_another(text, text.index("terrorists"))
False
>>> text = "The so-called rebels fled."
>>> named_by_another(text, text.index("rebels"))
False
>>> text = "What Damascus described as terrorist groups shelled the town."
>>> named_by_another(text, text.index("terrorist"))
True
>>> named_by_another("Terrorists shelled the town, the ministry said.", 0)
False
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.details.lexicon import load

_QUOTE_MARK = re.compile(r"[\"\u201c\u201d\u00ab\u00bb]")
_REPORT_BREAK = re.compile(r";|\s(?:but|while|whereas)\s", re.IGNORECASE)  # the end of a reported clause
_LOOKBACK = 80  # characters before a label searched for a naming verb (the verb and at most three words)


@lru_cache(maxsize=1)
def _naming_verb() -> re.Pattern:
    data = load("naming")

    def alternatives(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    not_before = alternatives(data["not_before"])
    what = r"(?:[\w'’-]+\s+){0,3}"  # "it", "the attack", "the armed groups"
    return re.compile(
        rf"(?i)(?<!so-)(?<!so )\b(?:(?:{alternatives(data['verbs'])})\s+(?!(?:{not_before})\b){what}"
        rf"|(?:{alternatives(data['as_verbs'])})\s+{what}as\s+(?:(?:an?|the)\s+)?)$"
    )


def named_by_another(text: str, position: int) -> bool:
    """Does the label at ``text[position]`` follow a naming verb: someone else's name for a party (see the module
    docstring)?"""
    return bool(_naming_verb().search(text[max(0, position - _LOOKBACK) : position]))


def quoted(text: str, position: int) -> bool:
    """Is ``text[position]`` inside quotation marks: the words of the one quoted ("fighting the terrorists," he
    said), or words the outlet keeps at a distance ("the pretext it is striking "terrorist groups"")? A sentence
    with an odd number of marks continues (or opens) a quotation across sentences: before its first mark when that
    mark closes one ("... the regime," he said).

    >>> quoted('He said "the terrorists" fled.', 10), quoted('He said the terrorists fled.', 10)
    (True, False)
    >>> quoted('the terrorists fled," he said.', 4)
    True
    """
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    if len(marks) % 2 and text[marks[0]] != "“" and (
            text[marks[0]] == "”" or not text[marks[0] + 1 : marks[0] + 2].isalnum()):
        marks.insert(0, -1)  # the first mark closes a quotation opened before the sentence
    return sum(m < position for m in marks) % 2 == 1


@lru_cache(maxsize=1)
def _reporting_clause() -> re.Pattern:
    data = load("naming")["reporting"]

    def alternatives(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    said, before_that = alternatives(data["that_verbs"]), alternatives(data["ing_verbs"] + data["that_nouns"])
    return re.compile(rf"(?i)\b(?:(?:{said}|{before_that})\s+that|and\s+(?:{said})|{alternatives(data['opening'])})\b")


def reported_speech(text: str, position: int) -> bool:
    """Does the word at ``text[position]`` lie in a clause a reporting verb opens before it in its sentence ("the
    minister stressing that terrorists stored ...", "... and said the US supports the ISIL terrorist group", "fears
    that rebels would attack";
    ``reporting`` in ``data/naming.yaml``), with no clause break (";", "but", "while") between? Such a word is the
    speaker's where no source is tied to it (:mod:`claimdiff.details.sources`).

    >>> text = "Syria denied it, with the minister stressing that terrorists stored the gas."
    >>> reported_speech(text, text.index("terrorists"))
    True
    >>> text = "The ministry condemned the raid and said the US supports terrorist groups."
    >>> reported_speech(text, text.index("terrorist"))
    True
    >>> reported_speech("Rebels said the town fell.", 0), reported_speech("He was warning rebels.", 15)
    (False, False)
    """
    opened = [m.end() for m in _reporting_clause().finditer(text, 0, position)]
    return bool(opened) and not _REPORT_BREAK.search(text, opened[-1], position)


def others_word(text: str, position: int) -> bool:
    """Is the word at ``text[position]`` someone else's: quoted (:func:`quoted`) or named by another
    (:func:`named_by_another`)?

    >>> others_word('He said "the terrorists" fled.', 10), others_word("They called them terrorists.", 17)
    (True, True)
    """
    return quoted(text, position) or named_by_another(text, position)
