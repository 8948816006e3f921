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

from claimdiff.details import lexicon
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



SOURCE_WORD = "source's word"  # the role of a label that only describes a source: "opposition activists said"
_NOT_A_DETERMINER = r"(?!(?i:the|a|an|this|that|its|their)\b)"  # "IS the Observatory said": a new noun phrase
# What may stand between a label and the source it describes: "-run", "-affiliated", or names and compounds ("the
# opposition Idlib Media Centre", "the opposition UK-based Syrian Observatory"); not both ("rebel-held Aleppo Reuters
# reported", commas lost).
_TO_SOURCE = re.compile(rf"-[\w’']+\s+|(?:\s+{_NOT_A_DETERMINER}(?:[A-Z][\w’'-]*|[\w’']+-[\w’'-]+)){{0,3}}\s+")
_CLAUSE_END = re.compile(r"[,;:.!?\"“”]|\s(?:and|but|while|whereas|who|which|that)\s", re.IGNORECASE)
_SPEAKS_WITHIN = 6  # words between a source and its reporting verb ("Idlib Media Centre told", "media have reported")
# Classes of sources (``class`` in data/attribution.yaml) that tell what happened without being a party: a label
# before one tells the source's leaning ("opposition activists"). One before a party's own officials, media, sources
# or statements ("a regime source", "rebel spokesman", "regime media") is the outlet's word for that party.
_LEANING_CLASSES = ("monitors & activists", "medics & rescuers")


@lru_cache(maxsize=1)
def _sources() -> tuple[lexicon.PhraseMatcher, frozenset[str], re.Pattern, re.Pattern]:
    data = load("attribution")
    entries = [e for e in data["sources"] if e["class"] in _LEANING_CLASSES]
    party = frozenset(lexicon.normalise(p) for e in data["sources"] if e["class"] not in _LEANING_CLASSES
                      for p in e["phrases"])
    verbs = "|".join(f"(?:{v})" for v in data["verbs"])
    speaks = re.compile(rf"(?i)^\s*(?:[\w’'-]+\s+){{0,{_SPEAKS_WITHIN}}}?(?:{verbs})\b")
    according = "|".join(re.escape(a) for a in data["according_to"])
    cited = re.compile(rf"(?i)\b(?:{according})\s+(?:[\w’'-]+\s+){{0,3}}$")
    return lexicon.PhraseMatcher((e["value"], p) for e in entries for p in e["phrases"]), party, speaks, cited


def describes_a_source(text: str, start: int, end: int) -> bool:
    """Does the label at ``text[start:end]`` describe a source that comes right after it and speaks there, a
    monitor, activists or rescuers ("opposition activists said", "according to opposition activists", "the
    opposition-run Syrian Observatory reported"; the source phrases, their classes and the reporting verbs of
    ``data/attribution.yaml``)? Such a word tells the source's leaning, not what the outlet calls a party of the
    incident. A party's own source ("a regime source said", "rebel spokesman", "regime media": the outlet's word for
    that party), one that does not speak there ("an opposition activist who fled") or a new noun phrase ("killed IS
    fighters the Observatory said", commas lost) is no such source.

    >>> text = "10 died, according to Syrian opposition activists"
    >>> describes_a_source(text, text.index("opposition"), text.index(" activists"))
    True
    >>> describes_a_source("A regime source said", 2, 8), describes_a_source("an opposition activist who fled", 3, 13)
    (False, False)
    >>> text = "Opposition activists said the opposition-run Syrian Observatory reported"
    >>> describes_a_source(text, 0, 10), describes_a_source(text, text.index("opposition-"), text.index("-run"))
    (True, True)
    >>> describes_a_source("Opposition forces said", 0, 10), describes_a_source("rebels said", 0, 6)
    (False, False)
    >>> describes_a_source("killed rebel fighters the Observatory said", 7, 21)
    False
    >>> describes_a_source("The rebel-linked SOHR said", 4, 9), describes_a_source("IS The Observatory said", 0, 2)
    (True, False)
    """
    matcher, party, speaks, cited = _sources()
    ahead = text[end : end + 80]
    if text[start:end].lower().endswith("s") and not ahead.startswith("-"):
        return False  # a plural is a noun, no word for a source's side ("killed 100 militants SANA reported")
    for first, stop, _ in matcher.find(ahead):
        if not _TO_SOURCE.fullmatch(ahead, 0, first):
            continue
        if lexicon.normalise(ahead[first:stop]) in party or not re.match(_NOT_A_DETERMINER, ahead[first:], re.I):
            return False
        clause = ahead[stop:]
        clause = clause[: m.start()] if (m := _CLAUSE_END.search(clause)) else clause
        return bool(speaks.match(clause) or cited.search(text, 0, start))
    return False


@lru_cache(maxsize=1)
def _body_words() -> frozenset[str]:
    """The forms of the labels that name a political body when it speaks (``speaking: body`` in
    ``data/actors.yaml``)."""
    return frozenset(form.lower() for entry in load("actors")["labels"].values() if entry.get("speaking") == "body"
                     for form in entry["forms"])


_BODY_SPEAKS = 2  # words between such a label and its reporting verb ("the opposition also stated")
_STATEMENT_AFTER = re.compile(r"(?i)\s+(?:statements?|sources?|officials?|spokesm[ae]n)\b")


def speaks_as_a_body(text: str, start: int, end: int) -> bool:
    """Is the label at ``text[start:end]`` a word that names a political body when it speaks (``speaking: body``:
    "the opposition said", "according to a Syrian opposition statement": its coalition or negotiators), and does
    it speak there (a reporting verb of ``data/attribution.yaml`` at most :data:`_BODY_SPEAKS` words after it in
    its clause, or "according to" before it and a statement or sources after it)? Such a word names the body that
    speaks, not the fighters of the incident; "rebels said" keeps the outlet's word for the rebels.

    >>> text = "The opposition also stated that civilians fled."
    >>> speaks_as_a_body(text, 4, 14), speaks_as_a_body("Opposition forces shelled the town and said", 0, 17)
    (True, False)
    >>> text = "10 died according to a Syrian opposition statement."
    >>> speaks_as_a_body(text, text.index("opposition"), text.index(" statement")), speaks_as_a_body(text, 0, 2)
    (True, False)
    """
    if text[start:end].lower() not in _body_words():
        return False
    _, _, _, cited = _sources()
    clause = text[end : end + 80]
    clause = clause[: m.start()] if (m := _CLAUSE_END.search(clause)) else clause
    verbs = "|".join(f"(?:{v})" for v in load("attribution")["verbs"])
    if re.match(rf"(?i)^\s*(?:[\w’'-]+\s+){{0,{_BODY_SPEAKS}}}?(?:{verbs})\b", clause):
        return True
    return bool(cited.search(text, 0, start) and _STATEMENT_AFTER.match(text, end))


def source_role(text: str, start: int, end: int, role: str) -> str:
    """:data:`SOURCE_WORD` for a label at ``text[start:end]`` named in passing (``role`` "mentioned") that describes
    a source (:func:`describes_a_source`), else ``role``: a label whose party acts or is hit there is a word for it.

    >>> source_role("opposition activists said", 0, 10, "mentioned"), source_role("rebels said", 0, 6, "mentioned")
    ("source's word", 'mentioned')
    """
    if role == "mentioned" and (describes_a_source(text, start, end) or speaks_as_a_body(text, start, end)):
        return SOURCE_WORD
    return role
