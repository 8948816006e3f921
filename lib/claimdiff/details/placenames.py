"""Place names in text: the gazetteer's places (:mod:`claimdiff.details.gazetteer`) where a sentence names them.

A name is a run of capitalised words (with the particles of Arabic names: "Jisr al-Shughur", "Deir ez-Zor"); its
longest part that the gazetteer knows is the place. Not every such word is a place, so:

- a name glued to a word by a hyphen describes something else: "a Russia-sponsored deal", "US-led", "Aleppo-based";
- a possessive that lost its apostrophe ("Syrias north", "Aleppos outskirts") is its place only before a word of
  geography or another place ("Russias intervention", "Lebanons Shiite militia" name actors, not places);
- the end of a longer name is not a place: "al-Sham" of "Jabhat Fath al-Sham", "Safi" of "Aqareb es Safi";
- a small place (a village, a town abroad) is taken only with a place word around it ("in", "near", "the village
  of", "Hader village"), since many are also words or names; large places, countries, governorates and the places
  written by hand in ``data/places.yaml`` are taken wherever they are capitalised;
- a name after a title ("President Assad", "General Hama") is a person, and one beside a word for a medium
  ("TV channel Al-Mayadin", "al-Alam TV") is the medium.

>>> [(text, place) for text, place in names_in("A Russia-sponsored deal let buses leave eastern Aleppo for Idleb.")]
[('Aleppo', 'Aleppo'), ('Idleb', 'Idlib')]
>>> [place for _, place in names_in("Hit by shells, residents fled; in Hit the market burned.")]
['Hit']
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.details import lexicon
from claimdiff.details.gazetteer import gazetteer, lookup, may_be_in_a_name, name_key, place

_PARTICLE = r"(?:al|el|ad|as|ar|ash|an|at|az|ez|ed|es|er|en|ibn|bin|abu|umm|bab|Al|El|As|Ash|Ad|Ar|An|At|Az)"
_TOKEN = r"[A-Z0-9][\w'’‘ʿ]*"
_NAME = re.compile(
    rf"(?<![\w'’-])(?:{_PARTICLE}[-‐‑ ])?{_TOKEN}"
    rf"(?:(?:[-‐‑]|\s+(?:{_PARTICLE}[-‐‑ ])?)(?:{_PARTICLE}[-‐‑ ])?{_TOKEN}"
    r"|[-‐‑][a-z][\w'’]*){0,5}"
)
_PIECE = re.compile(r"[^\s\-‐‑]+")
_ONE_PARTICLE = re.compile(_PARTICLE)
_PARTICLE_THEN_CAPITAL = re.compile(_PARTICLE + r"[-‐‑ ]?[A-Z]")
_GEOGRAPHY = (
    r"(?:town|city|village|villages|countryside|province|governorate|district|region|area|suburbs?|outskirts|"
    r"neighbou?rhoods?|quarter|desert|camp|border|crossing|airbase|air\s+base|airport|military\s+airport|farms|"
    r"plain|plains|mountains?|valley|hills?|highway|road|square|market|north|south|east|west|northern|southern|"
    r"eastern|western|north-?east|north-?west|south-?east|south-?west|northeast|northwest|southeast|southwest|"
    r"central|capital|countryside|regions|cities|towns|provinces|frontier)"
)
_GEOGRAPHY_AFTER = re.compile(rf"^\s+{_GEOGRAPHY}\b", re.IGNORECASE)
_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|outside|around|from|to|into|towards?|of|on|via|between|and|across|over|through|reached|"
    r"entered|hit|struck|targeted|shelled|bombed|captured|seized|besieged|stormed|recaptured|retook)\s+"
    r"(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,3}|,\s*)$"
)
_TITLE_BEFORE = re.compile(
    r"\b(?:President|Mr|Mrs|Ms|Dr|Sheikh|General|Gen|Minister|Colonel|Col|Captain|Imam|King|Prince|Emir|Sheikha|"
    r"Brigadier|Major|Lieutenant|spokesman|spokeswoman|envoy)\.?\s+$"
)
# A name right after a word for a medium, or before one, names the medium: "Lebanese TV channel Al-Mayadin",
# "al-Alam TV", "according to Syria TV" (al-Mayadin and al-Alam are towns too).
_MEDIUM_BEFORE = re.compile(
    r"\b(?:TV|television|channel|broadcaster|newspaper|daily|agency|radio)\s+(?:station\s+|channel\s+)?$", re.IGNORECASE
)
_MEDIUM_AFTER = re.compile(r"^\s+(?:TV|television|channel|broadcaster|newspaper|radio)\b", re.IGNORECASE)
_HYPHENS = "-‐‑"
# Nationalities and other capitalised adjectives: "Saudi intelligence" names no place called "Saudi".
ADJECTIVE = re.compile(
    r"^(?:[A-Z]\w+(?:ian|ish|ese|ean)|Arab|Iraqi|Israeli|Saudi|Kuwaiti|Qatari|Emirati|Pakistani|Islamic|Yemeni|Omani)$"
)
# A country that acts or speaks is a state, not a place: "Syria has denied", "Russia said", "backed by Turkey".
_STATE_AFTER = re.compile(
    r"^\s+(?:(?:has|have|had|is|was|will|would|did|does)\s+)?(?:not\s+)?(?:(?:\w+ly|also|again|too|then)\s+)?"
    r"(?:say|says|said|deny|denied|"
    r"denies|accuse|accused|accuses|claim|claimed|claims|call|called|calls|insist|insisted|insists|warn|warned|warns|"
    r"want|wants|wanted|announce|announced|announces|reject|rejected|rejects|back|backs|backed|support|supports|"
    r"supported|send|sent|sends|blame|blamed|blames|veto|vetoed|vetoes|oppose|opposes|opposed|agree|agreed|agrees)\b"
)
_STATE_BEFORE = re.compile(r"\bby\s+(?:the\s+)?(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:and|or)\s+(?:the\s+)?)?$")
# "pushes Syria to allow": a country asked or made to do something
_STATE_TO = re.compile(r"^\s+to\s+(?!the\b)[a-z]")
# The first word of a longer Arabic name: "Bab Tadmor" (a quarter of Homs) is not Tadmor, "Bab Saba" not al-Bab.
_NAME_HEAD_BEFORE = re.compile(
    r"(?<![\w-])(?:Bab|Abu|Umm|Ibn|Bin|Tal|Tall|Tell|Deir|Kafr|Kfar|Ain|Ayn|Jabal|Jebel|Khan|Ras|Beit|Jisr|Wadi|"
    r"Qasr|Sheikh|Hayy|Dahiyet|Harat|Souq|Suq)[-‐‑ ]$"
)


@lru_cache(maxsize=1)
def _curated_matcher() -> lexicon.PhraseMatcher:
    """The spellings written by hand (places.yaml and regions.yaml), some with lower-case words ("Golan")."""
    names = lexicon.load("places")["names"]
    regions = lexicon.load("regions")["regions"]
    tagged = [(canonical, alias) for canonical, aliases in names.items() for alias in [canonical, *aliases]]
    tagged += [(r["name"], alias) for r in regions for alias in [r["name"], *r["aliases"]]]
    return lexicon.PhraseMatcher(tagged)


@lru_cache(maxsize=1)
def _lower_case_spellings() -> frozenset[str]:
    names = lexicon.load("places")["names"]
    return frozenset(lexicon.normalise(a) for aliases in names.values() for a in aliases if a[:1].islower())


def _glued(text: str, end: int) -> bool:
    """Followed by a hyphen and a lower-case word: "US-led", "Russia-sponsored"."""
    return end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].islower()


def _has_cue(text: str, start: int, end: int) -> bool:
    return bool(_CUE_BEFORE.search(text[max(0, start - 60) : start]) or _GEOGRAPHY_AFTER.match(text[end : end + 30]))


def _not_a_place(text: str, start: int, end: int, canonical: str) -> bool:
    """A compound modifier, a person's title before, or a country used for its state."""
    if _glued(text, end) or _TITLE_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    if _MEDIUM_BEFORE.search(text[max(0, start - 30) : start]) or _MEDIUM_AFTER.match(text[end : end + 20]):
        return True  # a medium's name
    found = place(canonical)
    if found is not None and found.kind == "country":
        before = text[max(0, start - 40) : start]
        if re.search(r"[A-Z][\w'’-]*\s+of\s+(?:the\s+)?$", before):
            return True  # a name: "the Islamic State of Iraq", "the Central Bank of Syria"
        after = text[end : end + 20]
        return bool(_STATE_AFTER.match(after) or _STATE_TO.match(after) or _STATE_BEFORE.search(before))
    return False


def _accept(text: str, start: int, end: int, canonical: str, pieces: int) -> bool:
    if _not_a_place(text, start, end, canonical):
        return False
    if pieces > 1:
        return True
    if ADJECTIVE.match(text[start:end]) and name_key(text[start:end]) not in gazetteer().exact:
        return False  # "Iraqi" is loosely "Iraq"; "Binnish" is a town
    found = place(canonical)
    return found is None or found.strong or _has_cue(text, start, end)


def _possessive(text: str, start: int, end: int) -> str | None:
    """The place of a possessive that lost its apostrophe ("Syrias north"), else None."""
    if text[end - 1] != "s" or end - start < 4:
        return None
    canonical = lookup(text[start : end - 1])
    found = place(canonical) if canonical else None
    if found is None or not found.strong:
        return None
    after = text[end : end + 40]
    if _GEOGRAPHY_AFTER.match(after):
        return canonical
    following = re.match(r"^\s+(?:[a-z]+ern\s+|central\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)", after)
    if following and any(lookup(name) for name in (following.group(1), following.group(1).split()[0])):
        return canonical  # "Syrias Aleppo", "Syrias northern Idlib"; not "Lebanons Shiite militia"
    return None


def _scan(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    found = []
    for run in _NAME.finditer(text):
        pieces = [(m.start() + run.start(), m.end() + run.start()) for m in _PIECE.finditer(run.group())]
        # A span holding a word no gazetteer name has cannot be a place: spans end before the first such word.
        named = [may_be_in_a_name(text[s:e]) for s, e in pieces] + [False]
        i = 0
        while i < len(pieces):
            match = None
            for j in range(named.index(False, i), i, -1):
                start, end = pieces[i][0], pieces[j - 1][1]
                if not text[start].isupper() and not _PARTICLE_THEN_CAPITAL.match(text[start:end]):
                    continue
                if not text[pieces[j - 1][0]].isupper() and not text[pieces[j - 1][0]].isdigit():
                    continue
                if any(s < end and start < e for s, e in taken):
                    continue
                if i and _ONE_PARTICLE.fullmatch(text[pieces[i - 1][0] : pieces[i - 1][1]]):
                    break  # "Safi" of "Aqareb es Safi": the end of a longer name the gazetteer lacks
                if i and _ONE_PARTICLE.fullmatch(text[pieces[i][0] : pieces[i][1]]):
                    break  # "al-Sham" of "Jabhat Fath al-Sham", too
                if _NAME_HEAD_BEFORE.search(text[max(0, start - 8) : start]):
                    break
                canonical = lookup(text[start:end])
                if canonical is None and j == i + 1:
                    canonical = _possessive(text, start, end)
                    if canonical is not None:
                        match = (start, end, canonical, j)
                        break
                if canonical is not None and _accept(text, start, end, canonical, j - i):
                    match = (start, end, canonical, j)
                    break
            if match:
                found.append(match[:3])
                i = match[3]
            else:
                i += 1
    return found


def names_in(text: str) -> list[tuple[str, str]]:
    """``(text as written, canonical place)`` of each place named in ``text``."""
    return [(text[s:e], c) for s, e, c in find_places(text)]


def find_places(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, canonical)`` for each gazetteer place named in ``text``, left to right."""
    lower = _lower_case_spellings()
    found = []
    for start, end, canonical in _curated_matcher().find(text):
        written = text[start:end]
        if not any(c.isupper() for c in written) and lexicon.normalise(written) not in lower:
            continue  # "jordan", "turkey": not the capitalised name
        if _not_a_place(text, start, end, canonical):
            continue
        after_a_name = re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, start - 30) : start])
        if re.match(_PARTICLE + r"[-‐‑ ]", written) and after_a_name:
            continue  # "al-Bab" of "Tariq al-Bab": the end of a longer name
        if _NAME_HEAD_BEFORE.search(text[max(0, start - 8) : start]):
            continue
        found.append((start, end, canonical))
    found += _scan(text, [(s, e) for s, e, _ in found])
    return sorted(found)


def known(name: str) -> bool:
    """Is ``name`` (as written) a place of the gazetteer?"""
    return name_key(name) in gazetteer().exact or lookup(name) is not None
