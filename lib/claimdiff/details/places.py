"""Places: names of places, normalised to one canonical spelling ("Deir ez-Zor", "Deir al-Zour" -> "Deir Ezzor").

Two sources, and a third on request:

- the gazetteer (subject ``gazetteer``, :mod:`claimdiff.details.gazetteer`): GeoNames' places of Syria and the
  region, countries and governorates, and the places and spellings of ``data/places.yaml``, found in the text by
  :mod:`claimdiff.details.placenames`;
- the corpus itself (subject ``corpus``): a capitalised phrase after a word that says it is a place ("the
  village of", "the town of", "the countryside of", …) that at least ``min_reports`` reports use so is a place
  name (a village GeoNames lacks), and every mention of it counts, wherever it stands; a phrase that a report calls
  a settlement ("the village of Hardatnin", "Hardatnin village", "the town of …") is one in one report already;
- a spaCy model (subject ``ner``), only with ``ner=True`` and spaCy installed: its GPE/LOC/FAC entities.

>>> import pandas as pd
>>> sentences = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": [0, 0], "start": [0, 0],
...     "text": ["Strikes hit Deir ez-Zor and the town of Kafr Nabudah.", "The village of Kafr Nabudah burned."]})
>>> [(row.value, row.subject) for row in place_rows(sentences)]
[('Deir Ezzor', 'gazetteer'), ('Kafr Nabudah', 'corpus'), ('Kafr Nabudah', 'corpus')]

Places lie in their governorate and country; two places less than ``NEAR_KM`` apart may name the same ground
(:func:`places_related`).

A place given by its compass direction from another ("the desert north of Palmyra", "farms south-west of the town
of Nawa", "north and east of Palmyra") is that direction of it: ``value`` "north of Palmyra", "north and east of
Palmyra", ``text`` from the direction on; words for the kind of place may stand between ("north of second city
Aleppo", "east of the provincial capital Idlib"). It lies around its place, not in it, and two directions of one
place can name the same ground unless they point more than 90 degrees apart (north and east can, north and south
cannot). "The south of Syria" is a part of Syria: just "Syria".

>>> sentences = pd.DataFrame({"report_id": ["a"], "sent_idx": [0], "start": [0],
...                           "text": ["Troops entered the village of Rityan north of second city Aleppo."]})
>>> [(row.value, row.text) for row in place_rows(sentences)][-1]
('north of Aleppo', 'north of second city Aleppo')
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.gazetteer import distance_km, gazetteer, loose_key
from claimdiff.details.grounds import ground_of
from claimdiff.details.placenames import ADJECTIVE, find_places
from claimdiff.details.table import Row, sentence_rows

_PARTICLE = r"(?:al|el|ad|as|ar|ash|an|at|az|ez|ed|ez|es|ech|ibn|bin|abu|umm|bab)"
# inside a name, an Arabic article joined by a hyphen ("Maarat al-Numan") or a space ("Aqareb es Safi"; not "as",
# "an", "at": English words that would run a name into the next)
_INNER_PARTICLE = rf"(?:{_PARTICLE}[-‐‑]|(?:al|el|ad|ar|ash|az|ez|ed|es|ech)\s+)"
_NAME_WORD = rf"(?:(?:St|Mt|Ft)\.\s+|{_PARTICLE}[-‐‑]?)?[A-Z][\w'’]*(?:[-‐‑][A-Za-z][\w'’]*)*"
# Only a word that says "place" teaches a name: "the village of Kafr Nabudah", not "in Kafr Nabudah" (after "in",
# "at" or "near" stand days, people and organisations as often as places).
_PLACE_CUE = re.compile(
    r"\b(?:(?:the\s+)?(?:town|city|village|countryside|province|governorate|district|region|suburb|outskirts|"
    r"neighbou?rhood|desert|vicinity|suburbs|mountains|plains)\s+of)\s+(?:the\s+)?"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_INNER_PARTICLE}?[A-Z][\w'’]*(?:[-‐‑][A-Za-z][\w'’]*)*){{0,3}})"
)
# ... or a word after it that does: "the Maghayir district", "the Atmeh border crossing".
_PLACE_NOUN_AFTER = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME_WORD}"
    rf"(?:\s+{_INNER_PARTICLE}?[A-Z][\w'’]*(?:[-‐‑][A-Za-z][\w'’]*)*){{0,3}})"
    r"\s+(?:district|neighbou?rhood|quarter|village|town|area|camp|border\s+crossing|crossing|square|suburb|farms"
    r"|roundabout)\b"
)
# "the village of", "Hardatnin village": words that name a settlement, and so a place in one report already
_SETTLEMENT_CUE = re.compile(r"^(?:the\s+)?(?:town|city|village)\s+of\b|\s(?:village|town)$", re.IGNORECASE)
# an Arabic article alone before a name: the name is the end of a longer one ("Aqareb es Safi")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?:al|el|ad|ar|ash|az|ez|ed|es|ech)\s+$")
_POSSESSIVE = re.compile(r"['’]s?$")
# Names that end in one of these are institutions, not places ("at Gary Methodist Hospital").
_INSTITUTION = re.compile(
    r"\b(?:Department|Dept|Office|Hospital|University|College|School|Church|Center|Centre|Court|Jail|Police|Sheriff|"
    r"Company|Inc|Corp|Corporation|Club|Restaurant|Bar|Store|Market|Mall|Apartments?|Hotel|Inn|Agency|Ministry|"
    r"Council|Committee|Association|Foundation|Services?|Network|News|Radio|TV|Times|Post|Tribune|Herald|Journal)$"
)
_SHORT_OR_COMMON = re.compile(
    r"^(?:[A-Z][a-z]?|City|Town|Village|County|State|Street|Road|Avenue|North|South|East|West|"
    r"Central|Downtown|Area|Home|House|Park|Hall|Block|Shooting|Death|Police|Court)$"
)
# "the IS-held town", "the Kurdish-controlled city": a word of who holds a place, not its name
_HELD_BY = re.compile(r"-(?:held|controlled|run|led|backed|based|besieged|occupied)$", re.IGNORECASE)
_NOT_PLACES = re.compile(
    r"^(?:The|A|An|This|That|These|Those|His|Her|Their|Its|Our|He|She|It|They|We|I|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Police|Officers|Authorities|Mr|Mrs|Ms|Dr|President|Minister|General|Gen|Col|Lt|Sgt|Capt)\b"
)
MIN_REPORTS = 2
NEAR_KM = 5.0  # two places this close (a town and its suburb, two quarters of a city) can name the same ground
# Compass directions, by their angle in degrees; "north-east", "northeast" and "north east" are one direction.
DIRECTIONS = {"north": 90, "northeast": 45, "east": 0, "southeast": -45, "south": -90, "southwest": -135, "west": 180,
              "northwest": 135}
# "north of", "south-west of the town of", "north and east of" right before a place name; not "the north of" (a part
# of the place).
_ONE_DIRECTION = r"(?:(?:north|south)(?:[- ]?(?:east|west))?|east|west)"
_DIRECTION_BEFORE = re.compile(
    rf"(?<![\w-])(?<!the )(?P<directions>{_ONE_DIRECTION}(?:\s*(?:,|and|or|,\s*and)\s+{_ONE_DIRECTION})*)\s+of\s+"
    r"(?:the\s+)?(?:(?:[\w'’-]+\s+){0,3}?(?:town|city|village|area|province|governorate|capital)\s+(?:of\s+)?"
    r"(?:the\s+)?)?$",
    re.IGNORECASE,
)
_DIRECTIONAL = re.compile(r"^(?P<directions>[a-z]+(?: and [a-z]+)*) of (?P<place>.+)$")
# A wire dateline ("BEIRUT, April 20 (Global Wire) -", "DAMASCUS, Syria (AP) —") says where the story was filed,
# not where anything happened: place names inside it are not details.
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.\- ]{2,}?)(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[-—–]"
)


def dateline_length(text: str) -> int:
    """How many leading characters of ``text`` are a wire dateline (0 if none).

    >>> text = "BEIRUT, April 20 (Global Wire) - Strikes hit Palmyra."
    >>> text[dateline_length(text):]
    'Strikes hit Palmyra.'
    """
    m = _DATELINE.match(text)
    if not m:
        return 0
    return m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())


@lru_cache(maxsize=1)
def enclosing_places() -> frozenset[str]:
    """Places that other places lie in (governorates, countries), from the gazetteer.

    >>> "Idlib" in enclosing_places(), "Khan Shaykhun" in enclosing_places()
    (True, False)
    """
    return frozenset(p for place in gazetteer().places.values() for p in place.parents)


@lru_cache(maxsize=1)
def _overlapping() -> frozenset[frozenset[str]]:
    """Pairs of regions that hold a place in common (the Badia and Homs both hold Palmyra)."""
    pairs = set()
    for place in gazetteer().places.values():
        ups = sorted(place.parents)
        pairs |= {frozenset((a, b)) for i, a in enumerate(ups) for b in ups[i + 1 :]}
    return frozenset(pairs)


def split_direction(place: str) -> tuple[tuple[str, ...], str]:
    """The compass directions and the place of a directional place value, ``((), place)`` for a plain one.

    >>> split_direction("north and east of Palmyra"), split_direction("Palmyra")
    ((('north', 'east'), 'Palmyra'), ((), 'Palmyra'))
    """
    m = _DIRECTIONAL.match(place)
    directions = tuple(m["directions"].split(" and ")) if m else ()
    if directions and all(d in DIRECTIONS for d in directions):
        return directions, m["place"]
    return (), place


def directions_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Can two sets of compass directions from one place name the same ground? Yes when some direction of one lies
    within 90 degrees of some direction of the other.

    >>> directions_compatible(("north",), ("east",)), directions_compatible(("north",), ("south",))
    (True, False)
    >>> directions_compatible(("northeast",), ("south",)), directions_compatible(("east", "southwest"), ("east",))
    (False, True)
    """
    def near(x: str, y: str) -> bool:
        apart = abs(DIRECTIONS[x] - DIRECTIONS[y]) % 360
        return min(apart, 360 - apart) <= 90
    return any(near(x, y) for x in a for y in b)


def place_ancestors(place: str) -> frozenset[str]:
    """Every place ``place`` lies in, by the ``within`` section of the gazetteer; a place given by its direction
    from another lies around that place, and so in everything it lies in.

    >>> sorted(place_ancestors("Palmyra")), sorted(place_ancestors("north of Palmyra"))
    (['Badia', 'Homs', 'Syria'], ['Badia', 'Homs', 'Palmyra', 'Syria'])
    """
    directions, base = split_direction(place)
    if directions:
        return place_ancestors(base) | {base}
    found = gazetteer().places.get(place)
    return frozenset(found.parents) if found else frozenset()


def places_related(a: str, b: str) -> bool:
    """Can two canonical places name the same ground? Yes when they are the same, one lies in the other, or both
    contain a third place (overlapping regions). A place the gazetteer does not place (a village the corpus taught)
    may lie in any region the gazetteer knows to contain places, so it is related to those, and not to a town.

    >>> places_related("al-Sukhnah", "Syria"), places_related("Jasim", "Nawa"), places_related("Badia", "Homs")
    (True, False, True)
    >>> places_related("Kafr Nabudah", "Syria"), places_related("Kafr Nabudah", "Jasim")
    (True, False)
    >>> places_related("north of Palmyra", "Palmyra"), places_related("north of Palmyra", "south of Palmyra")
    (True, False)
    >>> places_related("Haas", "Hass")
    True
    """
    if a == b or loose_key(a) == loose_key(b):  # spellings of one name: "Haas", "Hass"
        return True
    (directions_a, base_a), (directions_b, base_b) = split_direction(a), split_direction(b)
    if directions_a or directions_b:
        if directions_a and directions_b and base_a == base_b:
            return directions_compatible(directions_a, directions_b)
        return places_related(base_a, base_b)
    regions = enclosing_places()
    places = gazetteer().places
    if (a not in places and b in regions) or (b not in places and a in regions):
        return True
    up_a, up_b = place_ancestors(a), place_ancestors(b)
    if a in up_b or b in up_a or frozenset((a, b)) in _overlapping():
        return True
    return distance_km(a, b) <= NEAR_KM and a not in regions and b not in regions


@lru_cache(maxsize=1)
def _actor_names() -> frozenset[str]:
    actors = lexicon.load("actors")["actors"]
    return frozenset(lexicon.normalise(alias) for entry in actors.values() for alias in entry["aliases"])


def gazetteer_matches(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, canonical)`` for each gazetteer place named in ``text`` (see :mod:`.placenames`).

    >>> gazetteer_matches("Shelling hit Khan Sheikhoun, not a US-led base.")
    [(13, 27, 'Khan Shaykhun')]
    """
    return find_places(text)


def corpus_places(sentences: pd.DataFrame, min_reports: int = MIN_REPORTS) -> dict[str, str]:
    """Place names the corpus itself uses: ``{surface form: canonical form}``.

    A candidate is a capitalised phrase after a word that says "place" ("the town of", "the village of") or before
    one ("the Maghayir district", "the Atmeh border crossing"), neither a gazetteer place nor an actor; it is kept
    when at least ``min_reports`` reports use it that way, or one calls it a village, a town or a city. Its
    canonical form is its most frequent spelling.

    >>> sentences = pd.DataFrame({"report_id": ["a", "b"], "text": ["Troops entered Hardatnin village at dawn.",
    ...                                                             "Shells hit the Maghayir district."]})
    >>> corpus_places(sentences)
    {'Hardatnin': 'Hardatnin'}

    An Arabic article inside a name may stand alone ("Aqareb es Safi", not "Safi" read as the name):

    >>> corpus_places(pd.DataFrame({"report_id": ["a"], "text": ["IS attacked Aqareb es Safi village on Thursday."]}))
    {'Aqareb es Safi': 'Aqareb es Safi'}
    """
    reports_of: dict[str, set[str]] = defaultdict(set)
    spellings: Counter[str] = Counter()
    settled: set[str] = set()  # called a village, a town or a city: a place name in one report already
    actors = _actor_names()
    for report_id, text in zip(sentences["report_id"], sentences["text"], strict=True):
        if _title_case(text):
            continue  # a headline in title case capitalises every word: no evidence of a name
        for m in [*_PLACE_CUE.finditer(text), *_PLACE_NOUN_AFTER.finditer(text)]:
            if _POSSESSIVE.search(m["name"]):
                continue  # "at Johnson's home": a person's
            if re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, m.start("name") - 30) : m.start("name")]):
                continue  # the end of a longer name: "al-Assad" of "Bashar al-Assad"
            if _ARTICLE_BEFORE.search(text[max(0, m.start("name") - 6) : m.start("name")]):
                continue  # ... and "Safi" of "Aqareb es Safi"
            name = m["name"].strip()
            if not name or _NOT_PLACES.match(name) or gazetteer_matches(name):
                continue
            if all(ADJECTIVE.match(word) for word in name.split()):  # "the Syrian Turkish border"
                continue
            if _gazetteer_possessive(name):
                continue  # a possessive of a gazetteer place: the gazetteer's matcher decides (placenames)
            if _INSTITUTION.search(name) or _SHORT_OR_COMMON.match(name) or _HELD_BY.search(name):
                continue
            if lexicon.normalise(name) in actors:
                continue
            reports_of[name.lower()].add(report_id)
            spellings[name] += 1
            if _SETTLEMENT_CUE.search(m.group(0)):
                settled.add(name.lower())
    canonical: dict[str, str] = {}
    for name, _count in spellings.most_common():
        if len(reports_of[name.lower()]) >= min_reports or name.lower() in settled and _one_name(name):
            canonical.setdefault(name.lower(), name)
    learnt = {name: canonical[name.lower()] for name in spellings if name.lower() in canonical}
    return learnt


def _one_name(name: str) -> bool:
    """Is a phrase one name, not a name read on into the next words ("Taludi Thursday", "Lakewood's Medal") or
    after a capitalised preposition ("In Suka Makmur")? Asked of a name one report alone teaches.

    >>> _one_name("Tall Tawil"), _one_name("Taludi Thursday"), _one_name("Lakewood's Medal")
    (True, False, False)
    """
    words = name.split()
    return not (_PREPOSITION.match(words[0]) or any(_NOT_PLACES.match(w) for w in words[1:])
                or any(_POSSESSIVE.search(w) for w in words[:-1]))


_PREPOSITION = re.compile(r"^(?:In|At|On|Near|From|To|Into|Of|By|For|With)$")


def _gazetteer_possessive(name: str) -> str | None:
    """The gazetteer place of a possessive that lost its apostrophe ("Syrias civil war" in text stripped of
    apostrophes), else None."""
    if not name.endswith("s") or " " in name:
        return None
    found = gazetteer_matches(name[:-1])
    return found[0][2] if len(found) == 1 and found[0][:2] == (0, len(name) - 1) else None


def _title_case(text: str) -> bool:
    initials = _WORD_INITIAL.findall(text)  # the first letter of each word
    return len(initials) >= 6 and sum(map(str.isupper, initials)) > 0.6 * len(initials)


_WORD_INITIAL = re.compile(r"([A-Za-z])[\w'’-]*")


def _ner_places(text: str) -> list[tuple[int, int, str]]:
    nlp = _spacy_model()
    return [(e.start_char, e.end_char, e.text) for e in nlp(text).ents if e.label_ in {"GPE", "LOC", "FAC"}]


@lru_cache(maxsize=1)
def _spacy_model():
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("ner=True needs spaCy and an English model (en_core_web_sm or larger)") from error
    for name in ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ImportError("ner=True needs an English spaCy model: python -m spacy download en_core_web_sm")


def _direction_names(written: str) -> str:
    """ "north-east, west and south" -> "northeast and west and south" """
    found = re.findall(_ONE_DIRECTION, written, re.IGNORECASE)
    return " and ".join(dict.fromkeys(re.sub(r"[- ]", "", d.lower()) for d in found))


def place_rows(sentences: pd.DataFrame, min_reports: int = MIN_REPORTS, ner: bool = False) -> list[Row]:
    """A ``place`` row per place mention; ``value`` is the canonical name, ``subject`` where it was found, ``role``
    the kind of ground its wording says it is (:mod:`.grounds`: village, town, city, province, near; else missing)."""
    return known_place_rows(sentences, corpus_places(sentences, min_reports), ner)


def known_place_rows(sentences: pd.DataFrame, known: dict[str, str], ner: bool = False) -> list[Row]:
    """The rows of :func:`place_rows` with the corpus's own place names already learnt (``known``, from
    :func:`corpus_places` over the whole corpus): each sentence is then read alone."""
    corpus = (
        lexicon.PhraseMatcher(((canonical, name) for name, canonical in known.items()), case_sensitive=True)
        if known else None
    )
    rows = []
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        found = [(s, e, c, "gazetteer") for s, e, c in gazetteer_matches(text)]
        if corpus is not None:  # not the end of a longer name ("al-Assad" of "Bashar al-Assad")
            found += [(s, e, c, "corpus") for s, e, c in corpus.find(text)
                      if not re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, s - 30) : s])]
        if ner:
            found += [(s, e, c, "ner") for s, e, c in _ner_places(text)]
        skip = dateline_length(text)
        taken: list[tuple[int, int]] = [(0, skip)] if skip else []
        for start, end, canonical, source in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            ground = ground_of(text, start, end)
            direction = _DIRECTION_BEFORE.search(text[max(skip, start - 60) : start])
            if direction:
                start -= len(text[max(skip, start - 60) : start]) - direction.start()
                canonical = f"{_direction_names(direction['directions'])} of {canonical}"
            rows.append(
                Row(report_id, sent_idx, "place", source, canonical, float("nan"), float("nan"), text[start:end],
                    offset + start, offset + end, role=ground if ground else pd.NA)
            )
    return rows
