"""Two leads that place their acts in different villages or towns tell of different incidents (:mod:`.apart`).

A lead's *grounds* are the places its sentences name below the country, each with the kind of ground its wording
makes it (``role``: "the village of Urum al-Joz" a village, "Idlib province" a province, "near Damascus" near; None
when the name stands alone). Its *villages* are those its wording calls a village or town, and the names the
gazetteer does not know that stand alone (the gazetteer knows the cities and governorates: a name it does not know
is a village or a quarter the corpus names). Two leads tell of different incidents when both name villages, neither
names a city (so called, or a city of the gazetteer named alone: a city's quarters and the villages a few kilometres
out are often reported as the city, and a city abroad, "Brussels", is where someone spoke), and every village of each
lies apart (:func:`.settlements.settlements_apart`) from every place of the other that may be where the act happened
(its villages, the names that stand alone but those it calls a province elsewhere, and the places it puts the act
near), their names not two spellings of one (:func:`spellings_of_one`: "Khan Shaykhun" and "Khan Shaykun").

On FA-KES dev (2026-12-07) it holds apart 4 of the 439 pairs of reports of different gold incidents in one predicted
event that the days and the governorates do not (an air strike on Urum al-Joz and one the same day on Khan Shaykhun;
air strikes on Duwayleh and, two days later, on the hospital of Deir Sharqi), and none of the 487 pairs of reports
of one gold incident.

>>> strike = frozenset({("Urum al-Joz", None), ("Idlib", "province")})
>>> villages_apart(strike, frozenset({("Khan Shaykhun", "town"), ("Idlib", "province")}))
True
>>> villages_apart(strike, frozenset({("Khan Shaykhun", "town"), ("Urum al-Joz", None)}))  # the lead names both
False
>>> villages_apart(strike, frozenset({("Aleppo", "city"), ("Tall Tawil", "village")}))  # it names a city
False
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..details.gazetteer import fold, place
from ..details.grounds import CITY, TOWN, VILLAGE
from ..details.places import split_direction
from .settlements import settlements_apart

PROVINCE, NEAR = "province", "near"
# Two names this alike (difflib's ratio over their folded letters) are one name spelt two ways: transliterations
# from Arabic differ by a letter or two ("Shaykhun", "Shaykun"; "Urum", "Orum").
SPELLING_RATIO = 0.8


def villages_apart(mine: frozenset, theirs: frozenset) -> bool:
    """Do two leads' grounds ((name, role) pairs) place their acts in different villages (see the module
    docstring)?"""
    villages = _villages(mine), _villages(theirs)
    if not (villages[0] and villages[1]) or _names_city(mine) or _names_city(theirs):
        return False
    return all(_two_places(x, y) for x in villages[0] for y in _spots(theirs)) and \
        all(_two_places(y, x) for y in villages[1] for x in _spots(mine))


def spellings_of_one(a: str, b: str) -> bool:
    """Are two names one name spelt two ways (:data:`SPELLING_RATIO`)?

    >>> spellings_of_one("Khan Shaykhun", "Khan Shaykun"), spellings_of_one("Duwayleh", "Deir Sharqi")
    (True, False)
    """
    return SequenceMatcher(None, fold(a).lower(), fold(b).lower(), autojunk=False).ratio() >= SPELLING_RATIO


def _villages(grounds: frozenset) -> frozenset:
    return frozenset((name, role if role in (VILLAGE, TOWN) else VILLAGE) for name, role in grounds
                     if role in (VILLAGE, TOWN) or (role is None and _unknown(name)))


def _spots(grounds: frozenset) -> frozenset:
    """Where a lead may put the act: its villages, the names that stand alone (as a settlement: "Aleppo" alone may be
    the city) but for those it calls a province elsewhere, and the places it puts the act near."""
    provinces = {name for name, role in grounds if role == PROVINCE}
    alone = {(name, None) for name, role in grounds
             if (role is None and not _unknown(name) and name not in provinces) or role == NEAR}
    return _villages(grounds) | frozenset(alone)


def _names_city(grounds: frozenset) -> bool:
    return any(role == CITY or (role is None and place(name) is not None and place(name).kind == "city")
               for name, role in grounds)


def _unknown(name: str) -> bool:
    directions, base = split_direction(name)
    return not directions and place(base) is None


def _two_places(x: tuple, y: tuple) -> bool:
    return settlements_apart(x, y) and not spellings_of_one(x[0], y[0])
