"""What a count phrase counts, read from the casualty words around it in its clause (``data/count_subjects.yaml``):
a word right before it ("killing 18 soldiers"), a toll's cue however far before it ("the death toll ... reached
51"), a word later in its clause ("18 soldiers were killed"). The clause ends at punctuation, a dash or a clause
opener (``data/count_grammar.yaml``). Used by :func:`claimdiff.details.counts.find_counts`.

>>> cue_before("Syrian forces killing "), cue_after_text("18 soldiers were killed")
('killed', 'killed')
"""

from __future__ import annotations

import re

from claimdiff.details.count_words import AUXILIARY as _AUXILIARY
from claimdiff.details.count_words import regexes as _regexes
from claimdiff.details.count_words import words
from claimdiff.details.joining import FUNCTION_WORD
from claimdiff.details.numbers import Phrase, number_phrases

# Where the clause around a number ends: its casualty word is looked for on this side only.
_BOUNDARY = re.compile(
    r"[.;:!?](?:\s|$)|\s[—–-]{1,2}\s|[()\[\]]"
    rf"|\b(?:{words('clause_openers')})\b"
    r"|\b(?:after|before)\b(?!\s+(?:being|he|she)\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’-]+")
_NEGATION = re.compile(rf"\b(?:{words('negations')})\b|n['’]t\b", re.IGNORECASE)
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
    r"|each of the|an estimated)\s+)?[\"“‘']?$",
    re.IGNORECASE,
)
_MAX_AFTER_WORDS = 7
# A passive predicate ("... were killed") reaches back over a longer subject: "At least 30 militants of the group
# operating in Iraq and Syria were killed".
_MAX_PASSIVE_WORDS = 12
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|been)\s+$", re.IGNORECASE)
# What may stand between a name or a pronoun and its verb: "Seichter, 17, was later killed", "he has since died".
_AUX_ONLY_GAP = re.compile(
    r"^(?:\s*,\s*\d{1,3}\s*(?=,)|\s*,\s*(?:a|an|the|of)\s[^,]{1,40}(?=,)|\s*,)*"
    rf"(?:\s+(?:{words('name_to_verb')}))*\s*$",
    re.IGNORECASE,
)
_MAX_LEFT_CHARS = 80


def clause_right(text: str, start: int, stop: int) -> str:
    boundary = _BOUNDARY.search(text, start, stop)
    return text[start : boundary.start() if boundary else stop]


def clause_left(text: str, stop: int, start: int) -> str:
    left = text[max(start, stop - _MAX_LEFT_CHARS) : stop]
    cut = 0
    for boundary in _BOUNDARY.finditer(left):
        cut = boundary.end()
    return left[cut:]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def cue_after(phrase: Phrase, window: str, following: str) -> tuple[str | None, bool]:
    """Subject from a casualty word after the phrase; the flag says the phrase is the doer (no count). A figure's
    passive predicate ("were killed") reaches further than another casualty word. ``window`` is the rest of the
    clause up to the next count phrase, ``following`` the rest of the sentence.

    >>> cue_after_text("At least 30 militants of the group operating in Iraq and Syria were killed in clashes")
    'killed'
    >>> cue_after_text("At least 30 militants of the group operating in Iraq and Syria attacked and killed two")
    """
    r = _regexes()
    head, head_tags = r["head"]
    m = head.search(window) if phrase.kind in {"number", "vague", "zero", "group"} else None
    if m and word_count(window[: m.start()]) <= 2 and not FUNCTION_WORD.search(window[: m.start()]):
        if not _NEGATION.search(window[: m.start()]):
            return head_tags[int(m.lastgroup[1:])], False
    after, after_tags = r["after"]
    m = after.search(window)
    if not m:
        return None, False
    gap = window[: m.start()]
    passive = phrase.kind in {"number", "vague"} and _BE_BEFORE.search(gap) is not None  # "... were killed"
    limit = 4 if phrase.kind == "zero" else _MAX_PASSIVE_WORDS if passive else _MAX_AFTER_WORDS
    if word_count(gap) > limit or (_NEGATION.search(gap) and phrase.kind != "zero"):
        return None, False
    if phrase.kind in {"pronoun", "name"} and not _AUX_ONLY_GAP.match(gap):
        return None, False
    subject = after_tags[int(m.lastgroup[1:])]
    verb = m.group().split()[-1].lower()
    active = verb.endswith("ed") or verb in {"shot", "hurt", "slew", "held"}
    headline = phrase.kind in {"number", "vague"} and counted_with_own_cue(following[m.end():])
    if active and not _AUXILIARY.search(gap) and _OBJECT.match(following, m.end()) and not headline:
        return None, True
    return escalate(subject, window, m.end()), False


def head_cue(window: str) -> str | None:
    """The subject of a casualty word right after a number phrase (at most two words between, no function word,
    no negation): "58 others injured", "12 people wounded"."""
    for name in ("head", "after"):
        regex, tags = _regexes()[name]
        m = regex.search(window)
        if m and word_count(window[: m.start()]) <= 2 and not FUNCTION_WORD.search(window[: m.start()]) \
                and not _NEGATION.search(window[: m.start()]):
            return tags[int(m.lastgroup[1:])]
    return None


def counted_with_own_cue(rest: str) -> bool:
    """Does ``rest`` open with a number that has its own casualty word, so that the verb before it is a headline's
    participle, not an active verb with an object ("8 persons killed 58 others injured")?

    >>> counted_with_own_cue(" 58 others injured in rocket attacks"), counted_with_own_cue(" 58 people in Aleppo")
    (True, False)
    """
    phrases = number_phrases(rest[:40])
    if not phrases or rest[: phrases[0].start].strip():
        return False
    return head_cue(rest[phrases[0].end :]) is not None


def escalate(subject: str | None, window: str, position: int) -> str | None:
    """An injury followed in the same clause by a death is a death: "shot in the chest and later died"."""
    if subject in {"injured", "casualties"} and _regexes()["became_killed"].search(window, position):
        return "killed"
    return subject


def cue_before(left: str) -> str | None:
    before, tags = _regexes()["before"]
    last = None
    for m in before.finditer(left):
        last = m
    if last is None or not _DETERMINER_GAP.match(left[last.end() :]):
        return None
    return tags[int(last.lastgroup[1:])]


# A toll that a number gives, however far its verb ("the death toll from the strikes on Atareb rose to 61").
_TOLL = re.compile(r"\btoll\b", re.IGNORECASE)


def toll_before(left: str) -> str | None:
    """The subject of a toll's cue before a number (:func:`cue_before`) when the cue names the toll: the long
    cues ("the death toll following the attack on Aqareb es Safi village reached 51") span names that end the
    number's own left context.

    >>> toll_before("The death toll following the attack on Aqareb es Safi village reached ")
    'killed'
    >>> toll_before("Fighters from Aqareb es Safi village reached ")
    """
    before, tags = _regexes()["before"]
    last = None
    for m in before.finditer(left):
        last = m
    if last is None or not _TOLL.search(last.group()) or not _DETERMINER_GAP.match(left[last.end():]):
        return None
    return tags[int(last.lastgroup[1:])]


def cue_after_text(text: str) -> str | None:
    """The subject :func:`cue_after` reads after the first number phrase of ``text`` (for examples)."""
    phrase = number_phrases(text)[0]
    return cue_after(phrase, clause_right(text, phrase.end, len(text)), text[phrase.end:])[0]
