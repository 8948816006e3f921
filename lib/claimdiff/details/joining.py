"""How count phrases join: lists ("a man and two women"), appositions ("the victim, a 15-year-old boy") and "along
with", so that one group of people is counted once.

>>> from claimdiff.details.numbers import number_phrases
>>> text = "A man and two women were killed."
>>> [p.value for p in coordinate(number_phrases(text), text)] == [p.value for p in number_phrases(text)]
True
"""

from __future__ import annotations

import re
from itertools import pairwise

from claimdiff.details.count_words import AUXILIARY as _AUXILIARY
from claimdiff.details.count_words import CASUALTY_SUBJECTS, Count, words
from claimdiff.details.count_words import NOT_MODIFIERS as _NOT_MODIFIERS
from claimdiff.details.count_words import regexes as _regexes
from claimdiff.details.numbers import Phrase, fmt

FUNCTION_WORD = re.compile(rf"\b(?:{_NOT_MODIFIERS})\b", re.IGNORECASE)
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|of|from|near|on|to|by|into|outside|inside|for|with)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE
)
# The noun after a number, skipped when joining "one man and two children": lower-case words, no casualty verb.
_NOUN_AFTER_NUMBER = re.compile(r"(?:\s+(?!(?:and|or|who|were|was|are|is|had|have|has)\b)[a-z][\w'’-]*){1,3}")
_CONNECTOR = re.compile(
    r"^(?:\s*,\s*\d{1,3}\s*)?(?=\s*[,;]|\s+(?:and|as well as|along with)\s)"
    r"\s*[,;]?\s*(?:(?:and|as well as|along with)\s+)?$",
    re.IGNORECASE,
)
_JOINABLE = {"person", "name", "number"}
# Between two phrases that share the verb before the first: "killed [his two] children and [himself]".
SHARED_VERB = re.compile(r"(?:\s+[a-z][\w'’-]*){0,3}\s*,?\s+(?:and|as well as|along with)\s+(?:then\s+)?$")


def after_preposition(phrase: Phrase, text: str) -> bool:
    """A name after a preposition is a place or a doer ("in North Lawndale", "by police"), not a victim."""
    return phrase.kind == "name" and bool(_AFTER_PREPOSITION.search(text, max(0, phrase.start - 40), phrase.start))


def _joins(previous: Phrase, phrase: Phrase, text: str) -> bool:
    if after_preposition(previous, text) or after_preposition(phrase, text):  # "killed in Syria and 11 million"
        return False
    between = text[previous.end : phrase.start]
    if _CONNECTOR.match(between):
        return True
    if previous.kind != "number":
        return False
    noun = _NOUN_AFTER_NUMBER.match(between)
    if not noun or _regexes()["after"][0].search(noun.group()) or _regexes()["head"][0].search(noun.group()):
        return False
    return bool(_CONNECTOR.match(between[noun.end() :]))


def _apposition(previous: Phrase, member: Phrase, between: str, text: str, listing: bool) -> bool:
    """True when ``member`` renames ``previous`` ("the victim, a 15-year-old boy"; "his wife, Ann")."""
    if previous.kind == "number":  # "one of our students, Blake": skip the noun after the number
        noun = _NOUN_AFTER_NUMBER.match(between)
        between = between[noun.end() :] if noun else between
    if re.sub(r"^\s*,\s*\d{1,3}\s*(?=,)", "", between).strip() != ",":
        return False
    if re.match(r"(?:both|all)\b", text[member.start : member.end], re.IGNORECASE):  # "a boy and a girl, both"
        return True
    if member.kind == "person" and not listing:  # a list of people ends with "and": "the mother, the girl" is one
        return True
    if member.kind == "name":
        return not (previous.kind == "name" and listing)
    return member.kind == "person" and bool(re.match(r"an?\s", text[member.start : member.end], re.IGNORECASE))


NAME_MODIFIER = re.compile(rf"\s+(?:[a-z]+\s+)?(?:{words('group_members')})\b")
_PART_OF = re.compile(r"\s+of\s+(?:them|whom)\b", re.IGNORECASE)


def coordinate(phrases: list[Phrase], text: str) -> list[Phrase]:
    """Join "a man and two women", "Michael, Connor and Kailey" into one phrase of their sum.

    A phrase that only renames the one before it is not counted again ("her daughter, Meredith, and her father"
    are two).
    """
    joined: list[Phrase] = []
    group: list[Phrase] = []

    def flush() -> None:
        if len(group) == 1:
            joined.append(group[0])
        elif group:
            listing = any(
                re.search(r"\band\b|;|as well as|along with", text[a.end : b.start], re.IGNORECASE)
                for a, b in pairwise(group)
            )
            total = group[0].low
            for previous, member in pairwise(group):
                if not _apposition(previous, member, text[previous.end : member.start], text, listing):
                    total += member.low
            kind = "number" if all(member.kind == "number" for member in group) else "group"
            joined.append(Phrase(group[0].start, group[-1].end, fmt(total), total, total, kind))
        group.clear()

    for phrase in phrases:
        exact = phrase.kind in _JOINABLE and phrase.low == phrase.high and not phrase.value[:1].isalpha()
        if exact and _PART_OF.match(text, phrase.end):  # "25 civilians, six of them children": a part, not more
            exact = False
        if group and exact and _joins(group[-1], phrase, text):
            group.append(phrase)
            continue
        flush()
        if exact:
            group.append(phrase)
        else:
            joined.append(phrase)
    flush()
    return joined


# After a count and its verb, "along with" adds people to it: "four children were killed along with their mother".
_ALONG_WITH = re.compile(r"[^.;:()]{0,60}?(?<![\w-])(?:along|together) with\s+$", re.IGNORECASE)


def verb_between(between: str) -> bool:
    """A casualty word or an auxiliary after the first phrase: its verb is its own ("a girl has died and ...")."""
    r = _regexes()
    return bool(r["after"][0].search(between) or _AUXILIARY.search(between) or r["head"][0].search(between))


def along_with(counts: list[Count], phrases: list[Phrase], i: int, text: str) -> Count | None:
    """The last count grown by phrase ``i`` when "along with" joins them, else None."""
    if not (i and counts and counts[-1].start == phrases[i - 1].start and counts[-1].subject in CASUALTY_SUBJECTS):
        return None
    phrase, last = phrases[i], counts[-1]
    if not _ALONG_WITH.match(text, phrases[i - 1].end, phrase.start):
        return None
    if phrase.kind in {"perpetrator", "self"}:
        return last
    exact = last.low == last.high and phrase.low == phrase.high and last.value[:1].isdigit()
    if phrase.kind not in _JOINABLE | {"group"} or not exact:
        return None
    total = last.low + phrase.low
    return Count(last.start, phrase.end, fmt(total), total, total, last.subject)
