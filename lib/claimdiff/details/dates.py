"""Dates: explicit ("April 20, 2024", "20 April") and relative ("on Saturday", "last week") date phrases, each
resolved into the interval of days it can mean.

Patterns find the date phrase; dateparser reads only that phrase, against the report's publication day, with one
fixed configuration (English, past dates preferred, month-day-year order for numbers), so a phrase always
resolves the same way. Conventions, where dateparser has none or news usage differs:

- a weekday names the most recent such day on or before publication: "on Saturday" in a report of Saturday is that
  Saturday, in a report of Sunday the day before; "last Saturday" is the most recent one before publication day;
  part of the day does not matter ("Thursday morning" is Thursday), except the night, which runs past midnight:
  "Thursday night" is Thursday and Friday, as "last night" is the day before publication and publication day;
- "last night" is the evening before publication or of its day: both days; "today", "tonight", "this morning" are
  the publication day;
- "this week" / "this month" / "this year" run from their first day to publication; "earlier this week" etc. stop
  the day before; "last week" is the previous Monday-Sunday week, "last month" and "last year" the previous
  calendar month and year; "last weekend" / "over the weekend" the Saturday and Sunday before publication;
- a month or a year alone ("in April", "in 2019") is the whole month or year;
- a day written in numbers ("29-07-2015", "18.05.2017") is read day first, as outside the US (month first only
  where the second number cannot be a month);
- the publication day is the report's own calendar day (``published_local``) where the loader knew its UTC offset,
  else the UTC day of ``published``: "yesterday" in a report of 00:30 in Damascus (21:30 UTC the evening before)
  is the day before the Damascus date;
- without a publication date only phrases that carry their year resolve;
- a date with its year in a report's first sentence that is the publication day itself ("Sunday 22 Feb 2015",
  "Published February 23 2015" above the story) is the report's own time stamp, not a detail: no row.

>>> import pandas as pd
>>> [(d.text, d.value) for d in find_dates("ISIS attacked on Thursday night, the ministry said on April 20.",
...                                        pd.Timestamp("2024-04-21"))]
[('Thursday night', '2024-04-18..2024-04-19'), ('April 20', '2024-04-20')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import pandas as pd

from claimdiff.details.date_roles import is_dateline, is_reported_time
from claimdiff.details.table import Row, sentence_rows
from claimdiff.details.written_days import GLUED, GLUED_TEXT, MONTH, NUMERIC, YEAR, glued_day, numeric_day

WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|dawn|noon|midday))"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = YEAR
_NUMBER_WORDS = r"(?:\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)"

# Case matters for month and weekday names ("May" the month, "may" the verb): the pattern is case-sensitive
# except inside the (?i:...) groups.
_DATE = re.compile(
    r"(?<![\w-])(?:"
    rf"(?P<iso>{_YEAR}-[01]\d-[0-3]\d)"
    rf"|(?P<glued>{GLUED_TEXT})"
    rf"|(?P<numeric>[0-3]?\d(?P<sep>[./-])[01]?\d(?P=sep){_YEAR})"
    rf"|(?P<explicit>(?:{WEEKDAY},?\s+)?"
    rf"(?:{MONTH}\.?\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+(?:of\s+)?{MONTH}\.?(?:,?\s+{_YEAR})?))"
    rf"|(?P<month_year>{MONTH}\.?,?\s+{_YEAR})"
    rf"|(?P<weekday>(?:(?i:last|this|early|late|on)\s+)?{WEEKDAY}{_PART}?)"
    rf"|(?P<relative>(?i:yesterday|today|tonight|last night|this (?:morning|afternoon|evening)"
    rf"|earlier (?:today|this (?:week|month|year))|(?:last|this|past) (?:week|month|year|weekend)"
    rf"|over the weekend|{_NUMBER_WORDS} (?:days?|weeks?|months?|years?) ago|the day before yesterday))"
    rf"|(?i:in|since|during|early|late|mid-?)\s+(?P<month>{MONTH})(?!\s*\.?\s*\d)"
    rf"|(?i:in|since|during)\s+(?P<year>{_YEAR})(?![\d-])"
    r")(?![\w-])"
)
_TIME_OF_DAY = re.compile(rf"{_PART}$")
_MONTH_DAY = re.compile(rf"{MONTH}\.?\s+{_DAY}|{_DAY}\s+(?:of\s+)?{MONTH}\.?")
_DAYS_AGO = re.compile(rf"(?i:{_NUMBER_WORDS} (?:days?|weeks?) ago)")
_FULL_DATE = re.compile(rf"(?P<day>{_MONTH_DAY.pattern}),?\s+(?P<year>{_YEAR})")
_LEADING_ON = re.compile(r"^(?i:on)\s+")
_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "RETURN_TIME_AS_PERIOD": True,
    "DATE_ORDER": "MDY",
    "PREFER_DAY_OF_MONTH": "first",
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": False,
}


@dataclass(frozen=True)
class DatePhrase:
    """One date phrase in a sentence: offsets into the sentence, the phrase and the days it can mean."""

    start: int
    end: int
    text: str
    low: date
    high: date
    relative: bool

    @property
    def value(self) -> str:
        """ISO day, or "first..last" for a longer interval."""
        if self.low == self.high:
            return self.low.isoformat()
        return f"{self.low.isoformat()}..{self.high.isoformat()}"


@lru_cache(maxsize=2048)
def _parser(base: date):
    from dateparser.date import DateDataParser

    settings = dict(_SETTINGS, RELATIVE_BASE=datetime(base.year, base.month, base.day, 12))
    return DateDataParser(languages=["en"], settings=settings)


# A Monday: weekdays are read against the day of this week with the publication day's weekday.
_WEEK = date(2001, 1, 1)


def _parse(text: str, base: date) -> tuple[date, str | None] | None:
    """dateparser's day and period for ``text`` read against ``base``, through a stand-in base where that is exact.

    dateparser takes some milliseconds a phrase, and a large corpus has a publication day per report, so phrases are
    read against few stand-in days and the answer moved back: a bare weekday, or days or weeks ago, against the day
    of one fixed week with the same weekday (moved by whole weeks); a month, day and year as the month and day, with
    the year given; any other phrase with its year against one fixed day (the year fixes it); a month and day without
    a year once, then put in its most recent year (:func:`_most_recent`); any
    other phrase without a weekday against the same day of a year 2000-2003 with the same place in the four-year
    leap cycle (moved by whole years, a multiple of four, so that no February 29 is lost: exact for 1901-2099).
    ``tests/test_details_dates.py`` checks the answers against dateparser read against ``base`` itself.

    >>> _parse("Friday", date(2024, 4, 21)), _parse("April 19", date(2024, 4, 21))
    ((datetime.date(2024, 4, 19), 'day'), (datetime.date(2024, 4, 19), 'day'))
    """
    stand_in, shift_days, shift_years = base, 0, 0
    if re.fullmatch(WEEKDAY, text) or _DAYS_AGO.fullmatch(text):
        stand_in = _WEEK + timedelta(days=base.weekday())
        shift_days = (base - stand_in).days
    elif _FULL_DATE.fullmatch(text):
        return _with_year(text)
    elif re.search(rf"\b{_YEAR}\b", text):
        stand_in = date(2100, 1, 1)
    elif _MONTH_DAY.fullmatch(text) and 1901 < base.year < 2099:
        return _most_recent(text, base)
    elif 1901 < base.year < 2099 and not re.search(WEEKDAY, text):
        shift_years = base.year - (2000 + base.year % 4)
        stand_in = base.replace(year=base.year - shift_years)
    found = _parse_at(text, stand_in)
    if found is None:
        return None
    day, period = found
    try:
        return day.replace(year=day.year + shift_years) + timedelta(days=shift_days), period
    except ValueError:  # February 29 moved into 1900 or 2100 ("100 years ago"): read against the day itself
        return _parse_at(text, base)


def _with_year(text: str) -> tuple[date, str | None] | None:
    """A month, day and year: dateparser reads the month and day once (against a leap year), the year is as given."""
    match = _FULL_DATE.fullmatch(text)
    found = _parse_at(match.group("day"), date(2000, 12, 31))
    if found is not None and found[0].year == 2000:
        try:
            return found[0].replace(year=int(match.group("year"))), found[1]
        except ValueError:  # February 29 of a common year: as dateparser reads it
            pass
    return _parse_at(text, date(2100, 1, 1))


def _most_recent(text: str, base: date) -> tuple[date, str | None] | None:
    """A month and day without a year: its most recent occurrence on or before ``base``, as dateparser
    prefers past dates; dateparser reads the month and day once per phrase (against the last day of a year)."""
    found = _parse_at(text, date(2000, 12, 31))  # a leap year: February 29 is read too
    if found is None or found[0].year != 2000:
        return _parse_at(text, base)
    day, period = found
    try:
        this_year = day.replace(year=base.year)
        return (this_year if this_year <= base else day.replace(year=base.year - 1)), period
    except ValueError:  # February 29 outside a leap year: as dateparser reads it
        return _parse_at(text, base)


@lru_cache(maxsize=100_000)
def _parse_at(text: str, base: date) -> tuple[date, str | None] | None:
    parsed = _parser(base).get_date_data(text)
    if parsed is None or parsed.date_obj is None:
        return None
    return parsed.date_obj.date(), parsed.period


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _conventional(phrase: str, base: date) -> tuple[date, date] | None:
    """The intervals this module fixes itself (see the module docstring)."""
    key = " ".join(phrase.lower().split())
    one_day = timedelta(days=1)
    rules = {
        "today": (base, base),
        "tonight": (base, base),
        "this morning": (base, base),
        "this afternoon": (base, base),
        "this evening": (base, base),
        "earlier today": (base, base),
        "last night": (base - one_day, base),
        "yesterday": (base - one_day, base - one_day),
        "the day before yesterday": (base - 2 * one_day, base - 2 * one_day),
        "this week": (_week_start(base), base),
        "this month": (base.replace(day=1), base),
        "this year": (base.replace(month=1, day=1), base),
        "earlier this week": (_week_start(base), max(_week_start(base), base - one_day)),
        "earlier this month": (base.replace(day=1), max(base.replace(day=1), base - one_day)),
        "earlier this year": (base.replace(month=1, day=1), max(base.replace(month=1, day=1), base - one_day)),
        "last week": (_week_start(base) - 7 * one_day, _week_start(base) - one_day),
        "past week": (base - 7 * one_day, base),
        "last month": ((base.replace(day=1) - one_day).replace(day=1), base.replace(day=1) - one_day),
        "past month": (base - 30 * one_day, base),
        "last year": (date(base.year - 1, 1, 1), date(base.year - 1, 12, 31)),
        "past year": (base - 365 * one_day, base),
    }
    if key in rules:
        return rules[key]
    if key in {"last weekend", "over the weekend", "this weekend", "past weekend"}:
        sunday = base - timedelta(days=(base.weekday() + 1) % 7)
        if base.weekday() == 5:  # a Saturday report's weekend is today
            sunday = base + one_day
        return sunday - one_day, min(sunday, base)
    return None


@lru_cache(maxsize=100_000)
def resolve(phrase: str, base: date | None) -> tuple[date, date] | None:
    """The first and last day ``phrase`` can mean, read against the publication day ``base`` (None: unknown).

    >>> resolve("on Saturday", date(2024, 4, 21)), resolve("on Saturday", date(2024, 4, 20))
    ((datetime.date(2024, 4, 20), datetime.date(2024, 4, 20)), (datetime.date(2024, 4, 20), datetime.date(2024, 4, 20)))
    >>> resolve("Thursday night", date(2024, 4, 20))
    (datetime.date(2024, 4, 18), datetime.date(2024, 4, 19))
    >>> resolve("last week", date(2024, 4, 20))
    (datetime.date(2024, 4, 8), datetime.date(2024, 4, 14))
    >>> resolve("April 2023", None)
    (datetime.date(2023, 4, 1), datetime.date(2023, 4, 30))
    """
    phrase = _LEADING_ON.sub("", phrase.strip())
    written = NUMERIC.fullmatch(phrase) or GLUED.fullmatch(phrase)
    if written:
        day = (numeric_day if written.re is NUMERIC else glued_day)(written)
        return None if day is None else (day, day)
    if base is None:
        if not re.search(rf"\b{_YEAR}\b", phrase):
            return None
        base = date(2100, 1, 1)  # only the year-bearing phrases get here: the base does not change them
    conventional = _conventional(phrase, base)
    if conventional:
        return conventional
    if re.fullmatch(rf"(?:(?i:last|this|early|late)\s+)?{WEEKDAY}{_PART}?", phrase):
        # A weekday is on or before publication: parse from the next day, so that today is a candidate
        # ("last Saturday" excludes today).
        weekday = re.search(WEEKDAY, phrase).group()
        from_day = base if phrase.lower().startswith("last") else base + timedelta(days=1)
        parsed = _parse(weekday, from_day)
        if parsed is not None and phrase.lower().endswith("night"):
            day = parsed[0]
            return day, day + timedelta(days=1)
    else:
        parsed = _parse(_TIME_OF_DAY.sub("", phrase), base)
    if parsed is None:
        return None
    day, period = parsed
    if period == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if period == "month":
        return day.replace(day=1), _month_end(day)
    if period == "week":
        return _week_start(day), _week_start(day) + timedelta(days=6)
    return day, day


# Phrases that always mean a month or a year: skipped where only days are wanted.
_MONTH_OR_YEAR = frozenset({"month", "year", "month_year"})


_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)


def find_dates(text: str, published: pd.Timestamp | None, days_only: bool = False) -> list[DatePhrase]:
    """The date phrases of one sentence that resolve, in order of position; ``days_only``: not the months and years
    named alone ("in April", "in 2019", "April 2019"). A date after "since" opens a span that lasts to the report's
    day.

    >>> found = find_dates("Attacks rose since April 21.", pd.Timestamp("2016-06-12"))
    >>> [(d.text, str(d.low), str(d.high)) for d in found]
    [('April 21', '2016-04-21', '2016-06-12')]
    """
    base = None if published is None or pd.isna(published) else published.date()
    found = []
    for m in _DATE.finditer(text):
        kind = m.lastgroup
        if days_only and kind in _MONTH_OR_YEAR:
            continue
        start, end = (m.start(kind), m.end(kind)) if kind in {"month", "year"} else m.span()
        phrase = text[start:end]
        if kind == "weekday":
            phrase_start = _LEADING_ON.match(phrase)
            if phrase_start:  # "on Saturday": the evidence is "Saturday"
                start += phrase_start.end()
                phrase = text[start:end]
        span = resolve(phrase, base)
        if span is None:
            continue
        if base is not None and _SINCE_BEFORE.search(text[:start]) and span[1] < base:
            span = (span[0], base)  # "since April 21": a span up to the report's day, not that day
        relative = kind in {"weekday", "relative"} or kind != "glued" and not re.search(rf"\b{_YEAR}\b", phrase)
        found.append(DatePhrase(start, end, phrase, span[0], span[1], relative))
    return found


def _is_time_stamp(phrase: DatePhrase, published) -> bool:
    """A year-bearing date that is the publication day (the caller checks it opens the report)."""
    if phrase.relative or published is None or pd.isna(published):
        return False
    return phrase.low == phrase.high == published.date()


def _publication_day(reports: pd.DataFrame) -> pd.Series:
    """The time whose calendar day relative dates count from: local where known, else UTC (see the module)."""
    utc = reports["published"] if "published" in reports else pd.Series(pd.NaT, index=reports.index)
    return reports["published_local"].fillna(utc) if "published_local" in reports else utc


def date_rows(sentences: pd.DataFrame, reports: pd.DataFrame, days_only: bool = False,
              read_against: pd.DataFrame | None = None) -> list[Row]:
    """A ``date`` row per resolved date phrase; ``subject`` is "explicit" (it carries its year) or "relative";
    ``role`` is "dateline" for a report's filing time (:func:`is_dateline`), "reported" for the time a source spoke
    (:func:`is_reported_time`: "the monitor said on Sunday"), else missing.

    Phrases are read against ``published_local`` where ``reports`` has it and it is known, else ``published``;
    ``read_against``: the same reports with the publication days to read them against instead (a report's own
    stamp, where the collection's date is wrong: :func:`claimdiff.events.datelines.corrected_publication`), while
    a report's time stamp is still told by the recorded day. ``days_only``: no rows for months and years named
    alone (see :func:`find_dates`).
    """
    recorded = dict(zip(reports["id"], _publication_day(reports), strict=True))
    anchors = reports if read_against is None else read_against
    published = dict(zip(anchors["id"], _publication_day(anchors), strict=True))
    rows = []
    screen = rf"\d|{WEEKDAY}|{MONTH}|(?i:day|night|week|month|year|ago)"
    first_sentence = sentences.groupby("report_id")["sent_idx"].min().to_dict()
    candidates = sentences[sentences["text"].str.contains(screen)]
    for report_id, sent_idx, text, offset in sentence_rows(candidates):
        for d in find_dates(text, published.get(report_id), days_only):
            if sent_idx == first_sentence[report_id] and _is_time_stamp(d, recorded.get(report_id)):
                continue
            before = text[max(0, d.start - 60):d.start]
            role = ("dateline" if is_dateline(d.text, before[-40:], sent_idx == 0)
                    else "reported" if is_reported_time(before) else pd.NA)
            rows.append(
                Row(report_id, sent_idx, "date", "relative" if d.relative else "explicit", d.value, float("nan"),
                    float("nan"), d.text, offset + d.start, offset + d.end, pd.Timestamp(d.low), pd.Timestamp(d.high),
                    role=role)
            )
    return rows
