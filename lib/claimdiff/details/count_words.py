"""The words of counts: the casualty words, nouns and phrases of ``data/count_subjects.yaml``, compiled once.

>>> bool(regexes()["screen"].search("Three people were killed."))
True
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from claimdiff.details import lexicon
from claimdiff.details.numbers import patterns

CASUALTY_SUBJECTS = frozenset({"killed", "injured", "casualties", "arrested", "missing", "displaced"})

# The English function words of counts, as data (data/count_grammar.yaml).
GRAMMAR = lexicon.load("count_grammar")


def words(key: str) -> str:
    """The words of ``data/count_grammar.yaml``'s list ``key`` as a regex alternation (longest first).

    >>> bool(re.fullmatch(words("negations"), "no longer"))
    True
    """
    return lexicon.phrases_body(GRAMMAR[key])


AUXILIARY = re.compile(rf"\b(?:{words('auxiliaries')})\b", re.IGNORECASE)
# Words that end a noun phrase before its noun: "a man [shot] his wife" is "a man", not "a man shot his wife".
NOT_MODIFIERS = words("not_modifiers")



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

        >>> Count(0, 1, "up to 6", float("nan"), 6.0, "injured").estimate
        6.0
        """
        if math.isnan(self.low):
            return self.high
        if math.isnan(self.high) or self.low == self.high:
            return self.low
        return float(math.floor((self.low + self.high) / 2))


@lru_cache(maxsize=1)
def subjects() -> dict:
    return lexicon.load("count_subjects")


@lru_cache(maxsize=1)
def regexes() -> dict[str, object]:
    s = subjects()
    word, words_number = patterns()["word"], patterns()["word_number"]
    age = rf"(?:\d{{1,3}}|{words_number})[-‐‑–\s]?(?:year|month|week)s?[-‐‑–\s]?old"
    noun_alt = lexicon.phrases_body(s["persons"]) + "|" + age
    pairs = lexicon.phrases_body(s["pairs"])
    perp_alt = lexicon.phrases_body(s["perpetrators"])
    person = re.compile(
        r"(?:(?<![\w-])(?P<det>an?|another|the|this|that|his|her|their|its"
        r"|a (?:second|third|fourth|fifth|sixth|seventh)"
        r"|(?-i:[A-Z][a-z]+)['’]s)\s+|(?<=\band\s))"  # after "and" the article may be shared: "a girl and mother"
        rf"(?P<mods>(?:(?!(?:{NOT_MODIFIERS})\b)[\w'’.-]+\s+){{0,4}})"
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
        "losses": re.compile(r"(?<![\w-])(?:" + lexicon.patterns_alternation(s["losses"]) + r")\s+$", re.IGNORECASE),
        "aggregate": re.compile(
            r"(?<![\w-])(?:" + lexicon.patterns_alternation(s["aggregates"]) + r")(?![\w-])", re.IGNORECASE
        ),
    }
