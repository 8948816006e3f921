"""Days written as a stamp: in numbers, day first as outside the US ("29-07-2015", "18.05.2017"; month first only
where the second number cannot be a month), and a month and day run into the year by a lost space, as scraped
datelines write them ("Last updated at Aug 142016"). One reader for the details stage
(:mod:`claimdiff.details.dates`) and the datelines of the events stage (:mod:`claimdiff.events.datelines`).

>>> numeric_day(NUMERIC.search("Posted 24.08.2013")), glued_day(GLUED.search("Last updated at Aug 142016 BEIRUT"))
(datetime.date(2013, 8, 24), datetime.date(2016, 8, 14))
"""

from __future__ import annotations

import re
from datetime import date

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
YEAR = r"(?:1[89]\d\d|20\d\d)"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

NUMERIC = re.compile(rf"(?<![\w.-])(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep)(?P<y>{YEAR})(?!\d)")
# the glued date without its groups, for patterns that take it in (:data:`claimdiff.details.dates._DATE`)
GLUED_TEXT = rf"{MONTH}\.?\s+[0-3]\d{YEAR}"
GLUED = re.compile(rf"(?<![\w-])(?P<m1>{MONTH})\.?\s+(?P<d>[0-3]\d)(?P<y>{YEAR})(?![\w-])")


def numeric_day(match: re.Match) -> date | None:
    """The day of a :data:`NUMERIC` match, or None where there is no such day.

    >>> numeric_day(NUMERIC.fullmatch("04/13/2017")), numeric_day(NUMERIC.fullmatch("31.02.2015"))
    (datetime.date(2017, 4, 13), None)
    """
    day, month = int(match["d"]), int(match["m"])
    if month > 12 >= day:
        day, month = month, day
    return _day(int(match["y"]), month, day)


def glued_day(match: re.Match) -> date | None:
    """The day of a :data:`GLUED` match, or None where there is no such day.

    >>> glued_day(GLUED.search("Feb 302016"))
    """
    return _day(int(match["y"]), _MONTHS.index(match["m1"][:3].lower()) + 1, int(match["d"]))


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "31 February"
        return None
