"""Counts: what a number counts (killed, injured, arrested, drones, …), and the counts said without a number.

A count phrase is a quantity (:mod:`claimdiff.details.numbers`: "at least 21", "dozens"), one person ("a man",
"the victim", "he", "Eric Summerfield", "himself"), several joined ("a man and two women") or nobody ("no one",
"no injuries"). What it counts follows the casualty words and nouns of ``data/count_subjects.yaml``: a word right
before it ("killing 18 soldiers"), a word later in its clause ("18 soldiers were killed"), else its noun
("three drones").

>>> [(c.value, c.subject, c.low, c.high) for c in find_counts("ISIS killed at least 21 soldiers and wounded dozens.")]
[('at least 21', 'killed', 21.0, nan), ('dozens', 'injured', 24.0, 99.0)]
>>> [(c.value, c.subject) for c in find_counts("A 23-year-old man was shot and killed in 2014.")]
[('1', 'killed')]
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from claimdiff.details.count_cues import (
    clause_left,
    clause_right,
    cue_after,
    cue_before,
    escalate,
    head_cue,
    toll_before,
    word_count,
)
from claimdiff.details.count_words import CASUALTY_SUBJECTS, Count, words
from claimdiff.details.count_words import regexes as _regexes
from claimdiff.details.count_words import subjects as _subjects
from claimdiff.details.joining import (
    NAME_MODIFIER,
    SHARED_VERB,
    after_preposition,
    along_with,
    coordinate,
    verb_between,
)
from claimdiff.details.numbers import NAN, Phrase, fmt, may_hold_number, number_phrases, overlaps
from claimdiff.details.table import Row

PERPETRATOR = "1 (perpetrator)"

# "had no injuries": what people bore, not a count of zero (see _other_phrases)
_POSSESSION = re.compile(rf"\b(?:{words('possession')})\s+$", re.IGNORECASE)
_PLURAL_NOUN_AFTER = re.compile(
    r"^\s+(?:of\s+(?:the\s+|them\b|whom\b))?(?:[a-z][\w'-]*\s+){0,2}?(?:[a-z][\w'-]*s|people|men|women|children)\b"
)
# Between a count and a bare part of it: a noun and a day at most, then "including" ("31 civilians Friday including").
_BARE_PART = re.compile(r"^(?:\s+[\w'’-]+){0,3}?\s+including\s+$", re.IGNORECASE)
_PARTICIPLE_END = re.compile(r"\b\w+ed\s*$", re.IGNORECASE)  # "killed " right before a number


# --- Phrases without a number ------------------------------------------------------------------------------------


def _other_phrases(text: str, taken: list[tuple[int, int]]) -> list[Phrase]:
    r = _regexes()
    found: list[Phrase] = []

    def add(phrase: Phrase) -> None:
        span = (phrase.start, phrase.end)
        if not overlaps(span, taken) and not overlaps(span, [(p.start, p.end) for p in found]):
            found.append(phrase)

    for m in r["zero"].finditer(text):
        if not _POSSESSION.search(text, 0, m.start()):
            add(Phrase(m.start(), m.end(), "0", 0.0, 0.0, "zero"))
    for m in r["self"].finditer(text):
        add(Phrase(m.start(), m.end(), PERPETRATOR, 1.0, 1.0, "self"))
    for m in r["person"].finditer(text):
        if m["perp"]:
            add(Phrase(m.start(), m.end(), PERPETRATOR, 1.0, 1.0, "perpetrator"))
        else:
            n = 2.0 if m["pair"] else 1.0
            add(Phrase(m.start(), m.end(), fmt(n), n, n, "person"))
    for m in r["ordinal"].finditer(text):
        add(Phrase(m.start(), m.end(), "1", 1.0, 1.0, "person"))
    for m in r["pronoun"].finditer(text):
        add(Phrase(m.start(), m.end(), "1", 1.0, 1.0, "pronoun"))
    for m in r["object_pronoun"].finditer(text):
        add(Phrase(m.start(), m.end(), "1", 1.0, 1.0, "object"))
    for m in r["name"].finditer(text):
        add(Phrase(m.start(), m.end(), "1", 1.0, 1.0, "name"))
    return found


def _title_word(name: str) -> bool:
    """Does a capitalised phrase open with a noun of people or a casualty word: a title's "Civilians Killed"?

    >>> _title_word("Civilians Killed"), _title_word("Injured"), _title_word("Nusra")
    (True, True, False)
    """
    first = name.split()[0].lower() if name.split() else ""
    return bool(_PEOPLE.fullmatch(first) or _regexes()["screen"].match(first))


# --- What a phrase counts ----------------------------------------------------------------------------------------
def _end_before_names(phrases: list[Phrase], i: int) -> int:
    """Where the phrase before the ``i``-th ends, names (places, people, groups) left out."""
    earlier = [p for p in phrases[:i] if p.kind != "name"]
    return earlier[-1].end if earlier else 0


# Nouns of people in general: a counted noun after one of them is not what is counted ("people in rebel areas").
_PEOPLE = re.compile(rf"\b(?:{words('people')})\b", re.I)


def _noun_subject(window: str) -> str | None:
    noun, tags = _regexes()["noun"]
    m = noun.search(window)
    gap = window[: m.start()] if m else ""
    if not m or window[m.end() : m.end() + 1] in {"-", "‐", "‑"}:  # "rebel-held" describes a place
        return None
    if word_count(gap) <= 4 and not re.search(r"\b(?:and|or|who|were|was)\b", gap, re.IGNORECASE):
        if not _PEOPLE.search(gap):
            return tags[int(m.lastgroup[1:])]
    return None


def _is_population(left: str, window: str) -> bool:
    """A number of people who live somewhere: "a population of 23 million", "where 300000 people live"."""
    r = _regexes()
    return bool(r["population_before"].search(left) or r["population_after"].match(window))


# A dash pair around a phrase inside a clause: "Sixteen civilians - including three children - were killed".
_DASH_PAIR = re.compile(r"(?<=\w)(\s[—–-]{1,2}\s)([^—–.;:!?()]{1,80}?)(\s[—–-]{1,2}\s)(?=\w)")


def _open_dashes(text: str) -> str:
    """``text`` with the dashes around a phrase inside a clause blanked (offsets kept), so that they end no clause:
    the casualty word after the pair is the count's before it.

    >>> _open_dashes("Sixteen civilians - including three children - were killed")
    'Sixteen civilians   including three children   were killed'
    """
    if " -" not in text and " –" not in text and " —" not in text:
        return text
    return _DASH_PAIR.sub(lambda m: " " * len(m[1]) + m[2] + " " * len(m[3]), text)


def _screen(text: str) -> tuple[bool, bool]:
    """Cheap tests first: may the sentence hold a number, and a casualty word?"""
    return may_hold_number(text), _regexes()["screen"].search(text) is not None


def find_counts(text: str) -> list[Count]:
    """The counts stated in one sentence, in order of position.

    >>> [(c.value, c.subject) for c in find_counts("Two people were killed and a third injured.")]
    [('2', 'killed'), ('1', 'injured')]
    >>> [(c.value, c.subject) for c in find_counts("The gunman shot his wife before killing himself.")]
    [('1', 'casualties'), ('1 (perpetrator)', 'killed')]
    """
    has_number, has_cue = _screen(text)
    if not (has_number or has_cue):
        return []
    text = _open_dashes(text)
    r = _regexes()
    numbers = number_phrases(text) if has_number else []
    others = _other_phrases(text, [(p.start, p.end) for p in numbers]) if has_cue else []
    # A name between a number and a plural noun is what the number counts, not a person: "25 Nusra fighters"; so are
    # a noun of people and a casualty word in a title's capitals: "57 Civilians Killed 150 Injured".
    ends = {p.end for p in numbers}
    others = [p for p in others if not (
        p.kind == "name" and len(text[: p.start].rstrip()) in ends and text[p.start - 1 : p.start].isspace()
        and (NAME_MODIFIER.match(text, p.end) or _title_word(text[p.start : p.end])))]
    phrases = coordinate(sorted(numbers + others, key=lambda p: (p.start, p.end)), text)
    counts = []
    # A name after a preposition is a place or a doer ("in North Lawndale", "by police"): it ends no clause.
    places = {p for p in phrases if after_preposition(p, text)}
    stops = [p for p in phrases if p not in places]
    for i, phrase in enumerate(phrases):
        next_start = min([p.start for p in stops if p.start >= phrase.end] + [len(text)])
        previous_end = phrases[i - 1].end if i else 0
        window = clause_right(text, phrase.end, next_start)
        left = clause_left(text, phrase.start, previous_end)
        subject = None
        joined = along_with(counts, phrases, i, text)
        if joined is not None:
            if phrase.kind in {"perpetrator", "self"}:  # kept apart: a report adds the shooter once (estimate.py)
                subject = counts[-1].subject
            else:
                counts[-1] = joined
                continue
        if subject is None and phrase.kind not in {"pronoun", "zero"}:
            subject = escalate(cue_before(left), window, 0)
            if subject is None and phrase.kind == "number" and i and phrases[i - 1].kind == "name":
                subject = toll_before(clause_left(text, phrase.start, _end_before_names(phrases, i)))
            # a headline's participle before the number belongs to the count before it: "3 killed 12 others injured"
            own = head_cue(window) if subject is not None and phrase.kind in {"number", "vague"} else None
            if own is not None and own != subject and _PARTICIPLE_END.search(left) and i and counts \
                    and counts[-1].start == phrases[i - 1].start and counts[-1].subject == subject \
                    and head_cue(text[phrases[i - 1].end : phrase.start]) == subject:
                subject = own
        if phrase.kind == "object" or phrase in places:
            if subject is None:
                continue
        elif subject is None:
            subject, doer = cue_after(phrase, window, text[phrase.end :])
            if doer:
                continue
        if subject is None and i and counts and counts[-1].start == phrases[i - 1].start:
            between = text[phrases[i - 1].end : phrase.start]
            if SHARED_VERB.match(between) and not verb_between(between):  # "killed his two children and himself"
                subject = counts[-1].subject
        if subject is None and phrase.kind == "number" and i and counts and counts[-1].start == phrases[i - 1].start \
                and counts[-1].subject in CASUALTY_SUBJECTS \
                and _BARE_PART.match(text[phrases[i - 1].end : phrase.start]) and not _noun_subject(window):
            subject = counts[-1].subject  # "killed 31 civilians Friday including 10 when their bus was hit"
        if subject is None and phrase.kind in {"number", "vague"}:
            subject = _noun_subject(window)
            if subject == "fighters" and r["losses"].search(left):  # "IS also lost 15 militants": its dead
                subject = "killed"
            if subject is None and phrase.low != 1 and _PLURAL_NOUN_AFTER.match(window):
                subject = "other"
        if subject is None:
            continue
        if phrase.kind in {"number", "vague"} and _is_population(left, window):
            subject = "other"
        if phrase.kind == "zero" and subject not in CASUALTY_SUBJECTS:
            continue
        counts.append(Count(phrase.start, phrase.end, phrase.value, phrase.low, phrase.high, subject))
    if not has_cue:
        return counts
    for m in r["suicide"].finditer(text):
        if not any(c.start < m.end() and m.start() < c.end for c in counts):
            counts.append(Count(m.start(), m.end(), PERPETRATOR, 1.0, 1.0, "killed"))
    for m in r["implied"].finditer(text):
        entry = _subjects()["implied"][int(m.lastgroup[1:])]
        low = float(entry["low"])
        high = NAN if entry["high"] is None else float(entry["high"])
        value = f"at least {fmt(low)}" if math.isnan(high) else fmt(low)
        counts.append(Count(m.start(), m.end(), value, low, high, entry["subject"]))
    return sorted(counts, key=lambda c: (c.start, c.end))


@lru_cache(maxsize=1 << 19)  # asked of each sentence by background_sentences and document_counts in turn
def is_aggregate(text: str) -> bool:
    """True when a sentence sums up several incidents or a period (``aggregates`` in ``data/count_subjects.yaml``).

    >>> is_aggregate("Two teenagers died in separate incidents."), is_aggregate("Two teenagers died.")
    (True, False)
    """
    return _regexes()["aggregate"].search(text) is not None


def count_rows(sentences: pd.DataFrame) -> list[Row]:
    """A ``count`` row for each count phrase of each sentence (columns of :data:`claimdiff.details.DETAILS`), with
    the group it counts (:mod:`claimdiff.details.groups`)."""
    from claimdiff.details.groups import grouped_count_rows  # groups reads find_counts: imported here, not above

    return grouped_count_rows(sentences)
