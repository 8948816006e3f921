"""The gazetteer: which places exist, where they lie, and how outlets spell them.

Two data files make it. ``data/gazetteer.tsv`` (built from GeoNames by ``scripts/build_gazetteer.py``, CC BY 4.0)
holds Syria's places, the region's towns, the world's large cities, countries and governorates, with coordinates,
GeoNames region codes and spellings. ``data/places.yaml`` is written by hand: canonical names ("Deir Ezzor",
"Palmyra"), spellings GeoNames lacks, and places it lacks (the Badia, Eastern Ghouta, air bases) with what they lie
in. A hand-written place takes over the GeoNames place that shares one of its spellings.

A place lies in its governorate (its GeoNames region code) and its country, and in what ``places.yaml`` says.
Names are compared after general transliteration rules (:func:`name_key`, :func:`loose_key`), so "Khan
Sheikhoun", "Khan Shaykhun" and "Khan Shaykhoun" are one place.

>>> place("Jasim").region, sorted(place("Jasim").parents)
('Daraa', ['Daraa', 'Syria'])
>>> lookup("Khan Sheikhoun") == lookup("Khan Shaykhun") == lookup("Khan Shaykhoun")
True
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from claimdiff.details import lexicon

HOME_COUNTRY = "SY"  # the country the gazetteer is about: its places win shared names
# A town this large is taken without a place word around it ("Manbij"); abroad only a city (an Iraqi town "Hit"
# needs one: "in Hit").
STRONG_POPULATION = 20_000
STRONG_POPULATION_ABROAD = 500_000
_ARTICLES = frozenset("al el ad ag as ash ar an at az ez ed es ech er en et ul il adh ath".split())
# Spellings of one Arabic word that transliterations vary: the first is the one kept.
_WORD_VARIANTS = {
    "deir": "deir dayr dair der dier", "sheikh": "sheikh shaykh shaikh sheik cheikh chaikh shekh sheykh",
    "tal": "tal tall tell tel til", "kafr": "kafr kfar kafar kefr kfr kafer", "ain": "ain ayn ein aain ayn",
    "abu": "abu abou", "jabal": "jabal jebel jbel djebel jabel", "khirbet": "khirbet khirbat kherbet khirbit",
    "umm": "umm um om", "beit": "beit bayt bait beyt", "maarat": "maarat maarrat maaret maarret marat",
    "jisr": "jisr jisir", "qasr": "qasr kasr", "wadi": "wadi ouadi", "hayy": "hayy hay",
}
_VARIANT = {spelling: word for word, spellings in _WORD_VARIANTS.items() for spelling in spellings.split()}
_NAME_WORDS = frozenset("bab abu umm ibn bin khan ras jisr wadi qasr hayy".split())
_MARKS = "‘’ʿʾ'`ʻ´"


def fold(text: str) -> str:
    """``text`` without accents and transliteration marks: "Ḩamāh" -> "Hamah", "Dar‘ā" -> "Dara".

    >>> fold("Ḩamāh"), fold("Dar‘ā"), fold("Gölbaşı")
    ('Hamah', 'Dara', 'Golbasi')
    """
    if text.isascii():  # the common case, fast: nothing to decompose, two marks to drop
        return text.replace("'", "").replace("`", "")
    text = text.replace("ı", "i").replace("İ", "I")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c) and c not in _MARKS)


_WORD_BREAK = re.compile(r"[-‐‑–.,]")


def _words(name: str) -> list[str]:
    return _WORD_BREAK.sub(" ", fold(name).lower()).split()


def name_key(name: str) -> str:
    """A name as names are compared: no accents, marks, articles or hyphens, one spelling of common words.

    >>> name_key("Jisr ash-Shughur") == name_key("Jisr al Shughur"), name_key("Dayr Hafir") == name_key("Deir Hafir")
    (True, True)
    """
    words = _words(name)
    kept = [w for w in words if w not in _ARTICLES] or words
    return " ".join(_VARIANT.get(w, w) for w in kept)


@lru_cache(maxsize=1 << 16)  # asked for both places of every pair compared: the same names recur
def loose_key(name: str) -> str:
    """A looser key for transliteration variants of vowels and doubled letters ("Sheikhoun"/"Shaykhun",
    "Idleb"/"Idlib", "Hasakeh"/"Hasakah", "Raqqa"/"Raqa").

    >>> loose_key("Khan Sheikhoun") == loose_key("Khan Shaykhun"), loose_key("Hassakeh") == loose_key("Hasakah")
    (True, True)
    """
    return " ".join(_loose_word(word) for word in name_key(name).split())


def _loose_word(word: str) -> str:
    """One word of :func:`name_key` as :func:`loose_key` writes it."""
    word = _DOUBLED.sub(r"\1", word)
    word = _U_SOUND.sub("u", word)
    word = _E_SOUND.sub("e", word)
    word = word.replace("e", "i")
    return _FINAL_VOWEL.sub("", word) or word


_DOUBLED = re.compile(r"(.)\1+")
_U_SOUND = re.compile(r"ou|oo|ow")
_E_SOUND = re.compile(r"ay|ai|ei|ey")
_FINAL_VOWEL = re.compile(r"(?<=[^aeiou])[aeiou]h?$|(?<=[aeiou])h$")


# Letters that transliterations of one Arabic letter vary between ("Thalthana"/"Salsana", "Djisr"/"Jisr",
# "Qasr"/"Kasr"), read as one.
_SAME_SOUND = (("th", "s"), ("dh", "z"), ("dj", "j"), ("q", "k"), ("ph", "f"))
# Fewer consonants than this leave too little of a name to tell two places apart by it.
MIN_SKELETON = 3


@lru_cache(maxsize=1 << 16)
def skeleton_key(name: str, min_consonants: int = MIN_SKELETON) -> str:
    """The consonants of a name, word by word, after :func:`loose_key` and with the letters transliterations
    swap read as one: vowels are where transliterations of one Arabic name differ most ("Hader"/"Hadar",
    "Thalthana"/"Salsana"). Empty when the name keeps fewer than ``min_consonants`` (:data:`MIN_SKELETON`)
    consonants: "Nawa" and "Nuwa" may be two places.

    >>> skeleton_key("Hader") == skeleton_key("al-Hadar"), skeleton_key("Thalthana") == skeleton_key("Salsana")
    (True, True)
    >>> skeleton_key("Jasim") == skeleton_key("Nawa"), skeleton_key("Nawa")
    (False, '')
    """
    words = []
    for word in loose_key(name).split():
        for written, read in _SAME_SOUND:
            word = word.replace(written, read)
        words.append(re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyw]", "", word)) or word)
    key = " ".join(words)
    return key if len(key.replace(" ", "")) >= min_consonants else ""


@dataclass
class Place:
    name: str
    kind: str  # country, region, city, or place (written by hand, without GeoNames)
    country: str = ""
    region: str = ""  # the canonical name of its governorate, if known
    lat: float = math.nan
    lon: float = math.nan
    population: int = 0
    curated: bool = False
    parents: set[str] = field(default_factory=set)  # every place it lies in

    @property
    def strong(self) -> bool:
        """Named often enough and rare enough as a word to be taken wherever it is written with a capital."""
        if self.curated or self.kind in {"country", "region"}:
            return True
        return self.population >= (STRONG_POPULATION if self.country == HOME_COUNTRY else STRONG_POPULATION_ABROAD)


class Gazetteer:
    """The places and the three name indexes (exact key, loose key, consonant skeleton) of the data files."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.exact: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        rows = _tsv_rows()
        curated = lexicon.load("places")
        regions: dict[tuple[str, str], str] = {}
        countries: dict[str, str] = {}
        for row in rows:
            if row["kind"] == "country":
                self._add(Place(row["name"], "country", row["iso"], population=int(row["population"] or 0)),
                          row["aliases"])
                countries[row["iso"]] = row["name"]
        for row in rows:
            if row["kind"] == "region":
                regions[(row["iso"], row["admin1"])] = row["name"]
                if row["name"] not in self.places:
                    self._add(Place(row["name"], "region", row["iso"], lat=row["lat"], lon=row["lon"]), [])
                self._aliases(row["name"], row["aliases"])
        self._curate(curated, rows)
        # Syria's places first: where a name is shared, the Syrian place keeps it ("Ariha" in Idlib, not Jericho).
        cities = sorted((r for r in rows if r["kind"] == "city"),
                        key=lambda r: (r["iso"] != HOME_COUNTRY, -int(r["population"] or 0), r["name"]))
        for row in cities:
            region = regions.get((row["iso"], row["admin1"]), "")
            target = self._curated_city(row)
            if target is None:
                name = row["name"] if row["name"] not in self.places else f"{row['name']} ({region or row['iso']})"
                if name in self.places:
                    continue
                target = self._add(Place(name, "city", row["iso"], region, row["lat"], row["lon"],
                                         int(row["population"] or 0)), [])
            found = self.places[target]
            if found.curated and not found.population:  # the city a hand-written place is: its coordinates
                found.lat, found.lon, found.country = row["lat"], row["lon"], row["iso"]
                found.region, found.population = found.region or region, int(row["population"] or 0)
            found.parents |= {p for p in (region, countries.get(row["iso"], "")) if p and p != target}
            self._aliases(target, row["aliases"])
        for place in self.places.values():
            if place.kind == "region":
                place.parents.add(countries.get(place.country, ""))
                place.parents.discard("")
        for name, parents in (curated.get("within") or {}).items():
            self.places[name].parents |= set(parents)
        for place in self.places.values():  # everything a parent lies in
            place.parents = self._up(place.name, frozenset({place.name}))

    def _add(self, place: Place, aliases) -> str:
        self.places[place.name] = place
        self._aliases(place.name, [place.name, *aliases])
        return place.name

    def _aliases(self, name: str, aliases) -> None:
        home = self.places[name].country in {HOME_COUNTRY, ""}
        for alias in aliases:
            exact, loose = name_key(alias), loose_key(alias)
            if len(exact) < 3 or exact in _VARIANT or exact in _NAME_WORDS:  # "Tal", "Bab" alone: a word of names
                continue
            if exact not in self.exact:
                self.exact[exact] = name
            # Loose spellings only for Syria's places: abroad they meet too many other words ("Eddin", "Adana").
            if home and len(loose.replace(" ", "")) >= 5 and loose not in self.loose:
                self.loose[loose] = name

    def _curate(self, curated: dict, rows: list[dict]) -> None:
        self._curated_keys: dict[str, str] = {}
        self._merged: set[str] = set()  # hand-written places that have taken their GeoNames city
        for name, aliases in curated["names"].items():
            if name not in self.places:
                self.places[name] = Place(name, "place")
            self.places[name].curated = True
            for alias in [name, *aliases]:
                if name_key(alias) in _NAME_WORDS:  # "al-Bab" is found as written (placenames), not as "Bab"
                    continue
                self.exact[name_key(alias)] = name  # written by hand: takes precedence
                self.loose.setdefault(loose_key(alias), name)
                self._curated_keys.setdefault(name_key(alias), name)
            if self.places[name].kind == "region":
                self.places[name].curated = True

    def _curated_city(self, row: dict) -> str | None:
        """The hand-written place a GeoNames city is (the first city, the most populous, that shares a spelling)."""
        for alias in row["aliases"]:
            name = self._curated_keys.get(name_key(alias))
            if name and self.places[name].kind in {"place", "region"} and name not in self._merged:
                if self.places[name].country in {"", row["iso"]}:
                    self._merged.add(name)
                    return name
        return None

    def _up(self, name: str, seen: frozenset[str]) -> set[str]:
        found = set()
        for parent in self.places[name].parents if name in self.places else ():
            if parent not in seen:
                found |= {parent} | self._up(parent, seen | {parent})
        return found


def _tsv_rows() -> list[dict]:
    text = resources.files("claimdiff").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, iso, admin1, lat, lon, population, aliases = line.split("\t")
        rows.append({"name": name, "kind": kind, "iso": iso, "admin1": admin1,
                     "lat": float(lat) if lat else math.nan, "lon": float(lon) if lon else math.nan,
                     "population": population, "aliases": aliases.split("|") if aliases else []})
    return rows


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, read once."""
    return Gazetteer()


@lru_cache(maxsize=1 << 16)  # the same names recur in every report
def lookup(name: str) -> str | None:
    """The canonical place a name (as written) stands for, or None.

    >>> lookup("Deir az-Zour"), lookup("Tadmur"), lookup("Dayr Hafir"), lookup("Tuesday")
    ('Deir Ezzor', 'Palmyra', 'Dayr Hafir', None)
    """
    g = gazetteer()
    return g.exact.get(name_key(name)) or g.loose.get(loose_key(name))


@lru_cache(maxsize=1 << 16)  # asked for every capitalised word of every text: the same words recur
def may_be_in_a_name(word: str) -> bool:
    """False when :func:`lookup` finds nothing in any name that holds ``word`` (one word as written, without
    spaces), nor in ``word`` without a final "s": a word no spelling of the gazetteer has (its loose form), other
    than an article. A fast test before looking up the names around a word.

    >>> may_be_in_a_name("Idleb"), may_be_in_a_name("Tuesday"), may_be_in_a_name("al")
    (True, False, True)
    """
    words = _key_words()
    forms = (word, word[:-1]) if word.endswith("s") else (word,)
    return any(all(w in _ARTICLES or _loose_word(_VARIANT.get(w, w)) in words for w in _words(form))
               for form in forms)


@lru_cache(maxsize=1)
def _key_words() -> frozenset[str]:
    """The loose form of every word of the gazetteer's exact and loose keys."""
    g = gazetteer()
    return frozenset(w for key in g.loose for w in key.split()) | frozenset(
        _loose_word(w) for key in g.exact for w in key.split())


def place(name: str) -> Place | None:
    """The gazetteer's record of a canonical place name."""
    return gazetteer().places.get(name)


@lru_cache(maxsize=1)  # asked for every pair of place statements compared: made once, as the gazetteer is read once
def top_level_names() -> frozenset[str]:
    """Countries and places that lie in nothing the gazetteer knows."""
    return frozenset(n for n, p in gazetteer().places.items() if p.kind == "country" or not p.parents)


def distance_km(a: str, b: str) -> float:
    """Great-circle distance between two places, NaN when either has no coordinates.

    >>> round(distance_km("Jasim", "Nawa"))
    12
    """
    pa, pb = place(a), place(b)
    if pa is None or pb is None or math.isnan(pa.lat) or math.isnan(pb.lat):
        return math.nan
    la, lb = math.radians(pa.lat), math.radians(pb.lat)
    dlat, dlon = lb - la, math.radians(pb.lon - pa.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
