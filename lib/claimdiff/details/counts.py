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
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.numbers import NAN, Phrase, fmt, may_hold_number, number_phrases, overlaps, patterns
from claimdiff.details.table import Row
PERPETRATOR = "1 (perpetrator)"
CASUALTY_SUBJECTS = frozenset({"killed", "injured", "casualties", "arrested", "missing", "displaced"})

# Where the clause around a number ends: its casualty word is looked for on this side only.
_BOUNDARY = re.compile(
    r"[.;:!?](?:\s|$)|\s[—–-]{1,2}\s|[()\[\]]"
    r"|\b(?:while|whereas|although|though|because|since|until|unless|whom|where|which|if|when|whose)\b"
    r"|\b(?:after|before)\b(?!\s+(?:being|he|she)\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’-]+")
_NEGATION = re.compile(r"\b(?:not|never|no longer|neither|nor)\b|n['’]t\b", re.IGNORECASE)
_AUXILIARY = re.compile(
    r"\b(?:was|were|is|are|been|be|being|got|get|gets|getting|remain(?:s|ed)?|reportedly|allegedly|all|both|each)\b",
    re.IGNORECASE,
)
# A word that can start the object of an active verb: "the gunman killed [his wife]".
_OBJECT = re.compile(
    r"\s*(?:an?|the|his|her|their|its|him|them|himself|herself|themselves|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|several|dozens|another|both|\d+|at least|more than"
    r"|(?-i:[A-Z](?!(?:onday|uesday|ednesday|hursday|riday|aturday|unday)\b)\w*))\b",
    re.IGNORECASE,
)
# The words between a verb before the number and the number: "killed [the] two men", "wounding [all] five".
_DETERMINER_GAP = re.compile(
    r"^\s*[\"“‘']?(?:(?:the|all|all of the|his|her|their|its|these|those|another|an additional|a further"
    r"|each of the)\s+)?[\"“‘']?$",
    re.IGNORECASE,
)
_PLURAL_NOUN_AFTER = re.compile(
    r"^\s+(?:of\s+(?:the\s+|them\b|whom\b))?(?:[a-z][\w'-]*\s+){0,2}?(?:[a-z][\w'-]*s|people|men|women|children)\b"
)
_MAX_AFTER_WORDS = 7
# Words that end a noun phrase before its noun: "a man [shot] his wife" is "a man", not "a man shot his wife".
_NOT_MODIFIERS = (
    "and|or|but|who|whom|whose|that|which|was|were|is|are|has|have|had|be|been|of|in|at|on|by|to|from|with|for|"
    "into|near|after|before|as|his|her|their|its|him|them|he|she|they|it|a|an|the|this|these|those|said|says"
)
# What may stand between a name or a pronoun and its verb: "Seichter, 17, was later killed", "he has since died".
_AUX_ONLY_GAP = re.compile(
    r"^(?:\s*,\s*\d{1,3}\s*(?=,)|\s*,\s*(?:a|an|the|of)\s[^,]{1,40}(?=,)|\s*,)*"
    r"(?:\s+(?:was|were|is|are|has|have|had|been|being|be|got|later|also|then|eventually|subsequently|reportedly|"
    r"allegedly|apparently|accidentally|critically|seriously|fatally|mortally|badly|gravely|believed to have|"
    r"who|sadly|tragically|instantly|immediately|since|both|all))*\s*$",
    re.IGNORECASE,
)
_MAX_LEFT_CHARS = 80


@dataclass(frozen=True)
class Count:
    """One count phrase in a sentence: offsets into the sentence, the interval and what it counts."""

    start: int
    end: int
    value: str
    low: float
    high: float
    subject: str

    @property
    def estimate(self) -> float:
        """One number for the phrase: the stated bound, or the middle of a closed range (rounded down).

        >>> Count(0, 1, "up to 6", NAN, 6.0, "injured").estimate
        6.0
        """
        if math.isnan(self.low):
            return self.high
        if math.isnan(self.high) or self.low == self.high:
            return self.low
        return float(math.floor((self.low + self.high) / 2))


# --- Lexicon -----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _subjects() -> dict:
    return lexicon.load("count_subjects")


@lru_cache(maxsize=1)
def _regexes() -> dict[str, object]:
    s = _subjects()
    word, words_number = patterns()["word"], patterns()["word_number"]
    age = rf"(?:\d{{1,3}}|{words_number})[-‐‑–\s]?(?:year|month|week)s?[-‐‑–\s]?old"
    noun_alt = lexicon.phrases_body(s["persons"]) + "|" + age
    pairs = lexicon.phrases_body(s["pairs"])
    perp_alt = lexicon.phrases_body(s["perpetrators"])
    person = re.compile(
        r"(?:(?<![\w-])(?P<det>an?|another|the|this|that|his|her|their|its"
        r"|a (?:second|third|fourth|fifth|sixth|seventh)"
        r"|(?-i:[A-Z][a-z]+)['’]s)\s+|(?<=\band\s))"  # after "and" the article may be shared: "a girl and mother"
        rf"(?P<mods>(?:(?!(?:{_NOT_MODIFIERS})\b)[\w'’.-]+\s+){{0,4}})"
        rf"(?:(?P<perp>{perp_alt})|(?P<pair>{pairs})|(?P<person>{noun_alt}))(?![\w'’-])",
        re.IGNORECASE,
    )
    ordinal = re.compile(
        r"(?<![\w-])an?\s+(?:second|third|fourth|fifth|sixth|seventh)\b(?!\s+(?:time|shooting|attack|incident|"
        r"suspect|gunman|shooter|man|woman|person|victim|day|week|year)\b)"
        # "another" alone is one more person when it heads the clause: "two were killed and another injured"
        r"|(?<![\w-])another(?=\s*[,;]|\s+(?:\w+ly\s+)?(?:was|is|has|had|remains|remained|injured|wounded|hurt"
        r"|suffered|died|killed)\b)",
        re.IGNORECASE,
    )
    selfref = lexicon.phrases_regex(s["self_references"])
    suicide = lexicon.phrases_regex(s["suicide_phrases"])
    pronoun = re.compile(r"(?<![\w-])(?:" + "|".join(s["pronouns"]) + r")\b", re.IGNORECASE)
    object_pronoun = re.compile(
        r"(?<![\w-])(?:" + "|".join(s["object_pronouns"]) + r")\b(?!\s+(?:own|\w+s)\b)", re.IGNORECASE
    )
    not_names = "|".join(sorted(s["not_names"], key=len, reverse=True))
    name = re.compile(
        rf"(?<![\w'’.-])(?!(?:{not_names}|{word})\b)[A-Z][a-z][\w'’-]*"
        rf"(?:\s+(?:[A-Z]\.\s+)?(?!(?:{not_names})\b)[A-Z][a-z][\w'’-]*){{0,3}}"
        r"(?![\w'’-])(?!['’]s\b)"
    )
    implied = re.compile(
        "|".join(rf"(?<![\w-])(?P<i{i}>{entry['pattern']})(?![\w-])" for i, entry in enumerate(s["implied"])),
        re.IGNORECASE,
    )
    zero = re.compile(r"(?<![\w-])(?:" + lexicon.phrases_body(s["zero_phrases"]) + r")(?![\w-])", re.IGNORECASE)
    tagged = {"head": [], "after": [], "before": []}
    for subject, cues in s["subjects"].items():
        for where in tagged:
            tagged[where] += [(subject, p) for p in cues.get(where, [])]
    head, head_tags = lexicon.tagged_regex(tagged["head"])
    after, after_tags = lexicon.tagged_regex(tagged["after"])
    before, before_tags = lexicon.tagged_regex(tagged["before"])
    nouns = [(subject, p) for subject, ps in s["nouns"].items() for p in ps]
    noun, noun_tags = lexicon.tagged_regex(nouns)
    became_killed = re.compile(
        r"\b(?:" + lexicon.patterns_alternation(s["became_killed"]) + r")\b", re.IGNORECASE
    )
    return {
        "person": person, "ordinal": ordinal, "self": selfref, "suicide": suicide, "pronoun": pronoun,
        "object_pronoun": object_pronoun, "name": name, "implied": implied, "zero": zero,
        "head": (head, head_tags), "after": (after, after_tags), "before": (before, before_tags),
        "noun": (noun, noun_tags), "became_killed": became_killed,
        "screen": re.compile(lexicon.phrases_body(s["screen"]), re.IGNORECASE),
        "population_before": re.compile(
            r"(?<![\w-])(?:" + lexicon.patterns_alternation(s["populations"]["before"]) + r")\s+$", re.IGNORECASE
        ),
        "population_after": re.compile(
            r"^\s+(?:[\w-]+\s+){0,2}?(?:" + lexicon.patterns_alternation(s["populations"]["after"]) + r")(?![\w-])",
            re.IGNORECASE,
        ),
        "aggregate": re.compile(
            r"(?<![\w-])(?:" + lexicon.patterns_alternation(s["aggregates"]) + r")(?![\w-])", re.IGNORECASE
        ),
    }


# --- Phrases without a number ------------------------------------------------------------------------------------


def _other_phrases(text: str, taken: list[tuple[int, int]]) -> list[Phrase]:
    r = _regexes()
    found: list[Phrase] = []

    def add(phrase: Phrase) -> None:
        span = (phrase.start, phrase.end)
        if not overlaps(span, taken) and not overlaps(span, [(p.start, p.end) for p in found]):
            found.append(phrase)

    for m in r["zero"].finditer(text):
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


# --- What a phrase counts ----------------------------------------------------------------------------------------


def _clause_right(text: str, start: int, stop: int) -> str:
    boundary = _BOUNDARY.search(text, start, stop)
    return text[start : boundary.start() if boundary else stop]


def _clause_left(text: str, stop: int, start: int) -> str:
    left = text[max(start, stop - _MAX_LEFT_CHARS) : stop]
    cut = 0
    for boundary in _BOUNDARY.finditer(left):
        cut = boundary.end()
    return left[cut:]


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _cue_after(phrase: Phrase, window: str, following: str) -> tuple[str | None, bool]:
    """Subject from a casualty word after the phrase; the flag says the phrase is the doer (no count).

    ``window`` is the rest of the clause up to the next count phrase, ``following`` the rest of the sentence.
    """
    r = _regexes()
    head, head_tags = r["head"]
    m = head.search(window) if phrase.kind in {"number", "vague", "zero", "group"} else None
    if m and _word_count(window[: m.start()]) <= 2 and not _FUNCTION_WORD.search(window[: m.start()]):
        if not _NEGATION.search(window[: m.start()]):
            return head_tags[int(m.lastgroup[1:])], False
    after, after_tags = r["after"]
    m = after.search(window)
    if not m:
        return None, False
    gap = window[: m.start()]
    limit = 4 if phrase.kind == "zero" else _MAX_AFTER_WORDS
    if _word_count(gap) > limit or (_NEGATION.search(gap) and phrase.kind != "zero"):
        return None, False
    if phrase.kind in {"pronoun", "name"} and not _AUX_ONLY_GAP.match(gap):
        return None, False
    subject = after_tags[int(m.lastgroup[1:])]
    verb = m.group().split()[-1].lower()
    active = verb.endswith("ed") or verb in {"shot", "hurt", "slew", "held"}
    if active and not _AUXILIARY.search(gap) and _OBJECT.match(following, m.end()):
        return None, True
    return _escalate(subject, window, m.end()), False


def _escalate(subject: str | None, window: str, position: int) -> str | None:
    """An injury followed in the same clause by a death is a death: "shot in the chest and later died"."""
    if subject in {"injured", "casualties"} and _regexes()["became_killed"].search(window, position):
        return "killed"
    return subject


def _cue_before(left: str) -> str | None:
    before, tags = _regexes()["before"]
    last = None
    for m in before.finditer(left):
        last = m
    if last is None or not _DETERMINER_GAP.match(left[last.end() :]):
        return None
    return tags[int(last.lastgroup[1:])]


# Nouns of people in general: a counted noun after one of them is not what is counted ("people in rebel areas").
_PEOPLE = re.compile(r"\b(?:people|persons|civilians|residents|inhabitants|families|children|women|men)\b", re.I)


def _noun_subject(window: str) -> str | None:
    noun, tags = _regexes()["noun"]
    m = noun.search(window)
    gap = window[: m.start()] if m else ""
    if not m or window[m.end() : m.end() + 1] in {"-", "‐", "‑"}:  # "rebel-held" describes a place
        return None
    if _word_count(gap) <= 4 and not re.search(r"\b(?:and|or|who|were|was)\b", gap, re.IGNORECASE):
        if not _PEOPLE.search(gap):
            return tags[int(m.lastgroup[1:])]
    return None


def _is_population(left: str, window: str) -> bool:
    """A number of people who live somewhere: "a population of 23 million", "where 300000 people live"."""
    r = _regexes()
    return bool(r["population_before"].search(left) or r["population_after"].match(window))


_FUNCTION_WORD = re.compile(rf"\b(?:{_NOT_MODIFIERS})\b", re.IGNORECASE)
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
_SHARED_VERB = re.compile(r"(?:\s+[a-z][\w'’-]*){0,3}\s*,?\s+(?:and|as well as|along with)\s+(?:then\s+)?$")


def _after_preposition(phrase: Phrase, text: str) -> bool:
    """A name after a preposition is a place or a doer ("in North Lawndale", "by police"), not a victim."""
    return phrase.kind == "name" and bool(_AFTER_PREPOSITION.search(text, max(0, phrase.start - 40), phrase.start))


def _joins(previous: Phrase, phrase: Phrase, text: str) -> bool:
    if _after_preposition(previous, text) or _after_preposition(phrase, text):  # "killed in Syria and 11 million"
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


_NAME_MODIFIER = re.compile(r"\s+(?:[a-z]+\s+)?(?:fighters|members|militants|troops|soldiers|forces|rebels|"
                            r"terrorists|elements|gunmen|jihadists|commanders|operatives|personnel)\b")
_PART_OF = re.compile(r"\s+of\s+(?:them|whom)\b", re.IGNORECASE)


def _coordinate(phrases: list[Phrase], text: str) -> list[Phrase]:
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
                for a, b in zip(group, group[1:])
            )
            total = group[0].low
            for previous, member in zip(group, group[1:]):
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


def _verb_between(between: str) -> bool:
    """A casualty word or an auxiliary after the first phrase: its verb is its own ("a girl has died and ...")."""
    r = _regexes()
    return bool(r["after"][0].search(between) or _AUXILIARY.search(between) or r["head"][0].search(between))


def _along_with(counts: list[Count], phrases: list[Phrase], i: int, text: str) -> Count | None:
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
    r = _regexes()
    numbers = number_phrases(text) if has_number else []
    others = _other_phrases(text, [(p.start, p.end) for p in numbers]) if has_cue else []
    # A name between a number and a plural noun is what the number counts, not a person: "25 Nusra fighters".
    ends = {p.end for p in numbers}
    others = [p for p in others if not (
        p.kind == "name" and len(text[: p.start].rstrip()) in ends and text[p.start - 1 : p.start].isspace()
        and _NAME_MODIFIER.match(text, p.end))]
    phrases = _coordinate(sorted(numbers + others, key=lambda p: (p.start, p.end)), text)
    counts = []
    # A name after a preposition is a place or a doer ("in North Lawndale", "by police"): it ends no clause.
    places = {p for p in phrases if _after_preposition(p, text)}
    stops = [p for p in phrases if p not in places]
    for i, phrase in enumerate(phrases):
        next_start = min([p.start for p in stops if p.start >= phrase.end] + [len(text)])
        previous_end = phrases[i - 1].end if i else 0
        window = _clause_right(text, phrase.end, next_start)
        left = _clause_left(text, phrase.start, previous_end)
        subject = None
        joined = _along_with(counts, phrases, i, text)
        if joined is not None:
            if phrase.kind in {"perpetrator", "self"}:  # kept apart: a report adds the shooter once (estimate.py)
                subject = counts[-1].subject
            else:
                counts[-1] = joined
                continue
        if subject is None and phrase.kind not in {"pronoun", "zero"}:
            subject = _escalate(_cue_before(left), window, 0)
        if phrase.kind == "object" or phrase in places:
            if subject is None:
                continue
        elif subject is None:
            subject, doer = _cue_after(phrase, window, text[phrase.end :])
            if doer:
                continue
        if subject is None and i and counts and counts[-1].start == phrases[i - 1].start:
            between = text[phrases[i - 1].end : phrase.start]
            if _SHARED_VERB.match(between) and not _verb_between(between):  # "killed his two children and himself"
                subject = counts[-1].subject
        if subject is None and phrase.kind in {"number", "vague"}:
            subject = _noun_subject(window)
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
