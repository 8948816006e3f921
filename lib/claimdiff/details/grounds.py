"""What kind of ground a place mention names, read from the words around it: the ``role`` of a ``place`` row.

A name alone does not say how much ground it covers: "Hasakeh" is a governorate and its capital, "Aleppo" a province
and a city. The wording around the name often does:

- ``village``, ``town``, ``city``: "the village of Tall Tawil", "Hardatnin village", "the northeastern Syrian city of
  Hasakah", "in Hasakeh city" (a settlement, and its size);
- ``province``: "the province of Hassakeh", "Daraa province", "the Aleppo countryside", "Idlib governorate" (the
  governorate, or its land around the city); a name that holds a village or town named just before it ("Hardatnin
  village in Aleppo");
- ``near``: "near Kobani", "outside Aleppo", "on the outskirts of Homs", "a few kilometres north of Hassakeh", "at
  the northern entrance to Hasakeh" (ground around the place, not in it);
- ``source``: "a source at Aleppo province told SANA", "a medical source in Hasakeh city", "activists in Douma said"
  (where someone who tells of the act is, not where it happened).

Anything else has no role (missing): a bare name could be any of them.

>>> text = "A bomber struck the village of Tall Tawil in Hasakeh province, a few km north of Hasakeh city."
>>> [(text[s:e], ground_of(text, s, e)) for s, e in ((31, 41), (45, 52), (81, 88))]
[('Tall Tawil', 'village'), ('Hasakeh', 'province'), ('Hasakeh', 'near')]
>>> ground_of("Strikes hit Aleppo.", 12, 18) is None, ground_of("A source at Aleppo province told SANA.", 12, 18)
(True, 'source')
>>> ground_of("Troops killed 48 in Hardatnin village in Aleppo.", 41, 47)
'province'

"""

from __future__ import annotations

import re

VILLAGE, TOWN, CITY, PROVINCE, NEAR, SOURCE = "village", "town", "city", "province", "near", "source"
GROUNDS = (VILLAGE, TOWN, CITY, PROVINCE, NEAR, SOURCE)
SETTLEMENTS = (VILLAGE, TOWN, CITY)

_KIND_WORDS = {"village": VILLAGE, "hamlet": VILLAGE, "town": TOWN, "city": CITY, "province": PROVINCE,
               "governorate": PROVINCE, "countryside": PROVINCE}
_KIND = r"(?P<kind>village|hamlet|town|city|province|governorate|countryside)"
_DIRECTION = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?"
# right before the name: "the village of", "the Syrian city of the", "the Aleppo countryside" is after (below)
_KIND_BEFORE = re.compile(rf"\b{_KIND}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# "Hardatnin village", "Daraa province", "Hasakeh city", also in the matched text itself (a spelling of places.yaml)
_KIND_AFTER = re.compile(rf"^[\s-]*{_KIND}\b", re.IGNORECASE)
_KIND_INSIDE = re.compile(rf"\s{_KIND}$", re.IGNORECASE)
# ground around the place: "near", "outside", "the outskirts of", "3 km north of", "the northern entrance to",
# "on the edge of"; not "north of" alone (a direction is a place value of its own: details.places)
_NEAR_BEFORE = re.compile(
    r"\b(?:near(?:by)?|outside|around|close\s+to|(?:outskirts|edges?|entrance|gates?|vicinity|fringes?|approaches)"
    rf"\s+(?:of|to)|(?:kilometres?|kilometers?|km|miles?|metres?|meters?)\s+(?:\([^)]*\)\s+)?(?:{_DIRECTION}\s+)?"
    r"(?:of|from|away\s+from))\s+(?:(?:the\s+)?(?:[a-z]+\s+){0,2}(?:city|town|village)\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)

# "Hardatnin village in Aleppo", "the town of Azaz in Aleppo": the name after a village or town and "in" names the
# ground that holds it, its province ("Aleppo" alone may be the city or the province)
_HOLDS_SETTLEMENT_BEFORE = re.compile(r"\b(?:village|hamlet|town)(?:\s+of)?(?:\s+[\w'’-]+){0,4}\s+in\s+(?:the\s+)?$",
                                      re.IGNORECASE)

# right after a word for someone who tells of the act: "a source at", "officials in", "a correspondent in the"
_SOURCE_BEFORE = re.compile(
    r"\b(?:sources?|officials?|correspondents?|reporters?|spokes(?:man|woman|person)|activists?)"
    r"\s+(?:at|in|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def ground_of(text: str, start: int, end: int) -> str | None:
    """The kind of ground the place named at ``text[start:end]`` is (one of :data:`GROUNDS`), None when the words
    around it do not say."""
    before, after = text[max(0, start - 80) : start], text[end : end + 20]
    if _SOURCE_BEFORE.search(before):
        return SOURCE
    if _NEAR_BEFORE.search(before):
        return NEAR
    for found in (_KIND_INSIDE.search(text[start:end]), _KIND_BEFORE.search(before), _KIND_AFTER.match(after)):
        if found:
            return _KIND_WORDS[found["kind"].lower()]
    if _HOLDS_SETTLEMENT_BEFORE.search(before):
        return PROVINCE
    return None
