"""Read a report's publication date: ISO dates and written-out dates with a year; nothing is guessed.

Accepted: ISO dates and datetimes, dates YAML has already read, and written-out dates with a four-digit year
("20 April 2024", "Sat, 20 Apr 2024 11:30:00 +0300"). Not guessed: numbers, dates without a year, and
04/05/2024-style dates whose day and month cannot be told apart. Times with an offset become naive UTC;
:func:`local_published` keeps their own wall-clock time, whose calendar day relative dates ("yesterday") mean.

>>> parse_published("2024-04-20T11:30:00+03:00")
(Timestamp('2024-04-20 08:30:00'), None)
>>> local_published("2024-04-20T00:30:00+03:00"), local_published("2024-04-20")
(Timestamp('2024-04-20 00:30:00'), NaT)
>>> parse_published("04/05/2024")
(NaT, 'which could be day/month or month/day')
>>> parse_published("12/04")
(NaT, 'not a date with a four-digit year')

A source that says which comes first (``dayfirst=True`` for 04/05/2024 = 4 May, ``False`` for 5 April) is read so:

>>> parse_published("04/05/2024", dayfirst=True), parse_published("04/05/2024", dayfirst=False)
((Timestamp('2024-05-04 00:00:00'), None), (Timestamp('2024-04-05 00:00:00'), None))
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import pandas as pd

FUTURE = "in the future"
# Day and month both under 13 (04/05/2024): which is which cannot be told.
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})")
_FUTURE_SLACK = pd.Timedelta(days=1)


def parse_published(value: Any, dayfirst: bool | None = None) -> tuple[pd.Timestamp, str | None]:
    """``(date, problem)``: the date as naive UTC, or NaT and why it is not taken for one.

    ``dayfirst`` says how to read numeric dates such as 04/05/2024: True day first, False month first, None (the
    default) not at all when both readings are possible. A date more than a day in the future is returned with the
    problem :data:`FUTURE`, for a warning.
    """
    if _blank(value):
        return pd.NaT, None
    problem = _date_problem(value, dayfirst)
    if problem is not None:
        return pd.NaT, problem
    stamp = _timestamp(value, dayfirst)
    if pd.isna(stamp):
        return pd.NaT, "not a date"
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    if stamp > pd.Timestamp.now(tz="UTC").tz_localize(None) + _FUTURE_SLACK:
        return stamp, FUTURE
    return stamp, None


def _timestamp(value: Any, dayfirst: bool | None) -> pd.Timestamp:
    try:
        if dayfirst is not None and isinstance(value, str) and _NUMERIC_DATE.match(value.strip()):
            with warnings.catch_warnings():  # pandas warns when the date cannot be read in the order asked for
                warnings.simplefilter("ignore", UserWarning)
                return pd.to_datetime(value.strip(), dayfirst=dayfirst)
        return pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def _date_problem(value: Any, dayfirst: bool | None = None) -> str | None:
    """Why ``value`` is not taken for a date before pandas reads it, or None."""
    if isinstance(value, (bool, int, float)):
        return "a number, not a date"
    if not isinstance(value, str):
        return None  # a date or datetime that YAML already read
    text = value.strip()
    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric and dayfirst is None and int(numeric[1]) <= 12 and int(numeric[2]) <= 12 and numeric[1] != numeric[2]:
        return "which could be day/month or month/day"
    compact_iso = len(text) == 8 and text.isdigit() and text[:2] in {"19", "20"}  # 20240420
    if not compact_iso and (text.isdigit() or not re.search(r"(?<!\d)\d{4}(?!\d)", text)):
        return "not a date with a four-digit year"
    return None


def local_published(value: Any, dayfirst: bool | None = None) -> pd.Timestamp:
    """The publication's own wall-clock time, naive, when ``value`` gives a UTC offset ("Z" counts); else NaT.

    Without an offset the local time is unknown: NaT, not a guess. Unreadable dates give NaT, as in
    :func:`parse_published`.

    >>> local_published("Sat, 20 Apr 2024 00:30:00 +0300"), local_published("2024-04-20T00:30:00")
    (Timestamp('2024-04-20 00:30:00'), NaT)
    """
    if _blank(value) or _date_problem(value, dayfirst) is not None:
        return pd.NaT
    stamp = _timestamp(value, dayfirst)
    if pd.isna(stamp) or stamp.tzinfo is None:
        return pd.NaT
    return stamp.tz_localize(None)
