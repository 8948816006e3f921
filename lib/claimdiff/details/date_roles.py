"""Dates that tell when a report was filed or a source spoke, not when what it tells happened: a report's dateline
("Published April 8 2017", "Monday 2 Feb 2015 Air strikes ...") and the time of a statement ("the monitor said on
Sunday" of a strike on Saturday). :func:`claimdiff.details.dates.date_rows` gives such dates their ``role``.

>>> is_dateline("April 8 2017", "Published ", False), is_reported_time("the monitor said on ")
(True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.details import lexicon

# A date that is the report's filing time, not a detail of what it tells: after "Published" (anywhere), or with its
# year in the first sentence and not governed by a preposition ("Monday 2 Feb 2015 Air strikes ...").
_FILED = re.compile(r"(?:published|date of publication|posted(?: on)?|(?:last )?updated(?: at| on)?)\W+$",
                    re.IGNORECASE)
_HAS_YEAR = re.compile(r"(?:19|20)\d\d\b")  # "Aug 142016" too, a day run into its year
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|since|until|till|by|from|of|between|and|to|before|after|at|during)\W*$",
                                 re.IGNORECASE)


def is_dateline(phrase: str, before: str, first_sentence: bool) -> bool:
    """Is a date phrase, with the ``before`` text (up to 40 characters) of its sentence, a dateline?

    >>> is_dateline("April 8 2017", "Published ", False), is_dateline("April 7 2017", "A strike on ", True)
    (True, False)
    >>> is_dateline("2 Feb 2015", "Monday ", True)
    True
    """
    if _FILED.search(before):
        return True
    return first_sentence and bool(_HAS_YEAR.search(phrase)) and not _PREPOSITION_BEFORE.search(before)


@lru_cache(maxsize=1)
def _reported_before() -> re.Pattern:
    """A reporting verb (``verbs`` of data/attribution.yaml) right before a date phrase, with at most the one it
    tells ("told AFP", "told reporters") or the way it spoke ("in a statement") between them."""
    verbs = "|".join(sorted(lexicon.load("attribution")["verbs"], key=len, reverse=True))
    told = r"(?:to\s+)?(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}|reporters|journalists|the\s+press)"
    way = r"(?:in|during)\s+(?:a|an|its|their|his|her)\s+[\w-]+(?:\s+[\w-]+)?"
    # case matters for the name told ("told AFP", not "said the strikes on Sunday")
    return re.compile(rf"(?<![\w-])(?i:{verbs})(?:\s+(?:{told}|{way}))?\s+(?i:on\s+)?$")


def is_reported_time(before: str) -> bool:
    """Does a date phrase, after the ``before`` text of its sentence, tell when a source spoke rather than when
    what it tells happened ("the monitor said on Sunday", "told AFP Sunday", "said in a statement on Friday")?

    >>> is_reported_time("the Observatory said on "), is_reported_time("Homs Governor Talal Barazi said ")
    (True, True)
    >>> is_reported_time("an activist told AFP "), is_reported_time("strikes killed 21 civilians on ")
    (True, False)
    """
    return bool(_reported_before().search(before))
