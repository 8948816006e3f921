"""The day a report's own text says it was published (its dateline), and publication dates corrected by it.

A scraped report often opens with its time stamp: "Wed 05 Apr 2017", "Published February 18 2015", "Posted on April
19 2017 by ...", "24.08.2013", or, after the headline, "Monitor AFP Monday 2 Feb 2015" or "6 October 2016 Aleppo
SANA". Where a collection's recorded date disagrees with it (FA-KES records the date of the event it guessed, at
times years off), the text's own stamp is the better publication day: relative dates ("on Thursday") are read
against it, and the time evidence of :mod:`claimdiff.events` counts from it.

The dateline is the first day-precise date that carries its year within ``window`` characters of the start of the
text, or of the end of the headline where the text opens with it. Day-first numeric stamps ("24.08.2013",
"6-09-2013") and a day run into its year by a lost space ("Apr 232017") are read too. Only reports that have a
publication date are corrected: in an undated collection a full date near the top cannot be told apart from the
day of the event (ECB+), so undated reports stay undated.

>>> opening_date("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use WHO. Victims ...")
datetime.date(2017, 4, 5)
>>> opening_date("Air strikes kill 32 Monitor AFP Monday 2 Feb 2015 Syrian jets ...", "Air strikes kill 32 Monitor")
datetime.date(2015, 2, 2)
>>> opening_date("24.08.2013 Syrian state media said ..."), opening_date("Last updated at Apr 232017 An attack ...")
(datetime.date(2013, 8, 24), datetime.date(2017, 4, 23))
>>> opening_date("Rebels shelled the city on Friday, the army said in 2016.") is None
True
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from claimdiff.details.dates import MONTH
from claimdiff.details.written_days import GLUED, NUMERIC, glued_day, numeric_day

__all__ = ["corrected_publication", "opening_date"]

# Characters of the opening searched for the stamp (after the headline where the text opens with it).
WINDOW = 60
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
# Read here rather than by dateparser (some milliseconds a phrase): a stamp is always a full date.
_NAMED = re.compile(
    rf"(?<![\w-])(?:(?P<m1>{MONTH})\.?\s+{_DAY}|{_DAY.replace('<d>', '<d2>')}\s+(?:of\s+)?(?P<m2>{MONTH})\.?),?\s+"
    rf"{_YEAR}(?![\w-])"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def opening_date(text: str, title: str | None = None, window: int = WINDOW) -> date | None:
    """The dateline of ``text``: its first year-bearing day in the opening, or None (see the module docstring)."""
    if not isinstance(text, str):
        return None
    start = 0
    if isinstance(title, str) and title.strip() and text.startswith(title.strip()):
        start = len(title.strip())
    found = []
    for begin in sorted({0, start}):
        opening = text[begin : begin + window]
        for m in _NAMED.finditer(opening):
            month = _MONTHS.index((m["m1"] or m["m2"])[:3].lower()) + 1
            found.append((begin + m.start(), _day(int(m["y"]), month, int(m["d"] or m["d2"]))))
        # "24.08.2013", "04/13/2017" (month first where it must be) and "Apr 232017"
        found += [(begin + m.start(), numeric_day(m)) for m in NUMERIC.finditer(opening)]
        found += [(begin + m.start(), glued_day(m)) for m in GLUED.finditer(opening)]
    found = [(position, day) for position, day in found if day is not None]
    return min(found)[1] if found else None


def corrected_publication(reports: pd.DataFrame) -> pd.DataFrame:
    """``reports`` with ``published`` replaced by the dateline's day where a dated report's text has one that
    falls on another day (``published_local`` then NaT: the day is the text's own); other rows unchanged.

    >>> reports = pd.DataFrame({"id": ["a", "b", "c"], "title": ["Blast", "Blast", "Blast"],
    ...     "published": pd.to_datetime(["2013-10-22", "2014-10-04", None]),
    ...     "text": ["Sat 04 Oct 2014 Blast in Homs.", "Blast. Published 4 October 2014", "4 Oct 2014 Blast."]})
    >>> corrected_publication(reports)["published"].dt.strftime("%Y-%m-%d").tolist()
    ['2014-10-04', '2014-10-04', nan]
    """
    if "published" not in reports or len(reports) == 0:
        return reports
    published = pd.to_datetime(reports["published"], errors="coerce", utc=True).dt.tz_localize(None)
    titles = reports["title"] if "title" in reports else pd.Series(None, index=reports.index, dtype=object)
    stamps = pd.to_datetime(pd.Series(
        [opening_date(text, title) if pd.notna(day) else None
         for text, title, day in zip(reports["text"], titles, published, strict=True)],
        index=reports.index, dtype=object))
    change = (stamps.notna() & (stamps != published.dt.normalize())).to_numpy()
    if not change.any():
        return reports
    corrected = reports.copy()
    corrected["published"] = published.where(~change, stamps).astype("datetime64[ns]")
    if "published_local" in corrected:
        local = pd.to_datetime(corrected["published_local"], errors="coerce")
        corrected["published_local"] = local.where(~change, pd.NaT).astype("datetime64[ns]")
    return corrected


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "31 February"
        return None
