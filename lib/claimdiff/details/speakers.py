"""Speakers: is the phrase before (or after) a reporting verb someone who can say something, and of which class?

Scraped text loses its commas, so the words before "said" are often not a source at all: a weekday ("on Friday
said"), a place ("in Idlib said"), a count ("killed at least 18 people said"), an event ("the bomb blast claimed").
A phrase is a speaker when its head (its last word, or the last word before a preposition: "a source in the city",
"an official at the governor's office") is a source noun (``speakers.nouns`` and ``person_words`` of
``data/attribution.yaml``), when it ends in a known source ("the Syrian Observatory"), or when it ends in a name:
capitalised words that are not a place of the gazetteer, a time or an event; a name of one word (not an acronym)
only when the report named it before in full ("Talal Barazi ... Barazi said") or it is a known actor.

Sources are compared by class (:func:`source_class`, ``class`` in ``data/attribution.yaml``): state media,
government & military, monitors & activists, local sources & witnesses, medics & rescuers, international bodies,
opposition & armed groups, other media, the outlet's own reporters; ``other`` for a source of no known class,
``unsourced`` for none.

>>> speaker("on Friday"), speaker("Idlib"), speaker("killed at least 18 people including five children")
(False, False, False)
>>> speaker("a source in Salamiyeh National Hospital"), speaker("Colonel Chris Garver"), speaker("SOHR")
(True, True, True)
>>> speaker("Lebanese TV channel Al-Mayadin"), speaker("in Al-Mayadin")
(True, False)
>>> source_class("state media"), source_class("monitor"), source_class("Leys al-Faris"), source_class("none")
('state media', 'monitors & activists', 'other', 'unsourced')
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.details import lexicon
from claimdiff.details.actors import find_actors
from claimdiff.details.gazetteer import lookup, top_level_names

_WORD = re.compile(r"[\w'’.&-]+")
_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)
# Agent nouns are people: economists, observers, investigators, residents, migrants (not "-ians": civilians).
_AGENT = re.compile(r"(?i)\w{3,}(?:ists|ers|ors|ants|ents|eers)$")
_NAME_LINKS = frozenset({"of", "for", "the", "and", "al", "el", "bin", "ibn", "de"})


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = lexicon.load("attribution")
    words = data["speakers"]
    return {
        "nouns": {w.lower() for w in words["nouns"] + data["person_words"]},
        "not": {w.lower() for w in words["not"]},
        "prepositions": {w.lower() for w in words["prepositions"]},
        "trailing": {w.lower() for w in words["trailing"]},
        "known": lexicon.phrases_regex([p for entry in data["sources"] for p in entry["phrases"]]),
        "classes": {entry["value"]: entry["class"] for entry in data["sources"]},
        "unknown": data["classes"]["unknown"], "none": data["classes"]["none"],
    }


def _bare(word: str) -> str:
    return word.strip("'’.").lower()


def trim(phrase: str) -> str:
    """``phrase`` without the adverbs that may stand between a speaker and its verb ("the Center however").

    >>> trim("Syrian Center for Policy Research however")
    'Syrian Center for Policy Research'
    """
    words = phrase.split()
    while words and _bare(words[-1]) in _lexicon()["trailing"]:
        words.pop()
    return " ".join(words)


def _is_name(words: list[str], names: frozenset[str], first: bool) -> bool:
    """Do ``words`` end in a name that is no place, time or event? ``first``: they open the sentence (a capital
    there says nothing)."""
    lex = _lexicon()
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or (run and _bare(word) in _NAME_LINKS) or word.startswith(("al-", "el-")):
            run.insert(0, word)
        else:
            break
    while run and _bare(run[0]) in _NAME_LINKS:
        run.pop(0)
    capitalised = [w for w in run if w[:1].isupper() or re.match(r"(?:al|el)-[A-Z]", w)]
    if not capitalised or any(_bare(w) in lex["not"] for w in capitalised):
        return False
    name = " ".join(run)
    place = lookup(name) or (lookup(capitalised[-1]) if len(capitalised) == 1 else None)
    if place is not None and place not in top_level_names():  # a country speaks ("the United States said")
        return False
    if len(capitalised) == 1:
        word = capitalised[0].strip("'’.")
        alone = len(words) == 1 and first
        return (lexicon.is_acronym(word) and len(word) > 1) or bool(find_actors(word)) or word in names or not alone
    return True


def speaker(phrase: str, names: frozenset[str] = frozenset(), first: bool = False) -> bool:
    """Can ``phrase`` (the words before or after a reporting verb) be a speaker? ``names``: single words that the
    report used before as part of a speaker's name ("Barazi" after "Talal Barazi"); ``first``: the phrase opens
    its sentence, so a capital does not make a word a name ("Images posted")."""
    lex = _lexicon()
    phrase = trim(phrase)
    words = _WORD.findall(phrase)
    if not words:
        return False
    ends = [len(words)] + [i for i, w in enumerate(words) if i and _bare(w) in lex["prepositions"]][:1]
    for end in ends:
        head = words[:end]
        if _bare(head[-1]) in lex["not"] or _bare(head[-1]) in lex["prepositions"]:
            continue
        if _bare(head[-1]) in lex["nouns"] or _AGENT.search(head[-1]) or _is_name(head, names, first):
            return True
        text = " ".join(head)
        known = list(lex["known"].finditer(text))
        # a known source that is also a place ("Damascus said", "Russia said") only as the whole phrase, or as the
        # name of a source noun before it ("Lebanese TV channel Al-Mayadin": a channel, not the town)
        before = text[: known[-1].start()].split() if known else []
        if known and known[-1].end() == len(text) and (lookup(known[-1].group()) is None or known[-1].start() == 0
                                                          or _ARTICLE.fullmatch(text[: known[-1].start()])
                                                          or (before and _bare(before[-1]) in lex["nouns"])):
            return True
    return False


def source_class(value: str) -> str:
    """The class a normalised source value (``value`` of an attribution row, ``source`` of a count) belongs to."""
    lex = _lexicon()
    if value == "none":
        return lex["none"]
    return lex["classes"].get(value, lex["unknown"])
