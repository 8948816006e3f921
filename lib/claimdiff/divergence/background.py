"""Background: the details that do not tell of the event, left out of every comparison and omission.

A report on one air strike often recalls earlier ones ("In April, regime strikes killed 37 in Maaret al-Numan"),
the war ("Syria has been locked in a civil war since 2011") or a running total ("the strikes have killed 122 since
July 31"). What an outlet counts, calls a party, names as the doer, sources or hedges there is not what it says
about this event. A detail is background when the details stage gave it a scope other than ``incident`` (read from
its sentence's wording and dates: :mod:`claimdiff.details.scope`), or when its sentence dates what it tells to a day
or a span shorter than a year (:data:`YEAR_DAYS`) at least :data:`EARLIER_DAYS` days before the event's first report
was published ("March 1 2012", "in April": another dated incident; only the event tells that). Datelines
("Published April 8 2017") are no background.

>>> day = pd.Timestamp
>>> details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2, 2], "kind": ["date", "count", "date", "count"],
...                         "role": None, "scope": ["incident", "running total", "incident", "incident"],
...                         "date_low": [day("2017-04-04"), pd.NaT, day("2017-03-01"), pd.NaT],
...                         "date_high": [day("2017-04-04"), pd.NaT, day("2017-03-01"), pd.NaT]})
>>> members = pd.DataFrame({"event_id": 0, "report_id": "r", "sent_idx": [0, 1, 2], "published": day("2017-04-05")})
>>> background_rows(details, members).tolist()
[False, True, True, True]
"""

from __future__ import annotations

import pandas as pd

from ..details.scope import INCIDENT, detail_scopes

# A day this many days or more before the event's first report is another incident's.
EARLIER_DAYS = 7
# A date this long (a year: "in 2011") dates no incident but the war's frame; the details stage reads it (a sentence
# dated to it alone is context), and leaves it to the incident where a rank opens it ("the first blast there since
# the war began in 2011").
YEAR_DAYS = 364  # first to last day of a year
_KEYS = ["report_id", "sent_idx"]


def with_scopes(details: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``details`` with its ``scope`` column; a table made before the details stage gave one (no scope in any row)
    gets it from ``sentences`` (``report_id``, ``sent_idx``, ``text``) by :func:`claimdiff.details.scope.detail_scopes`,
    the details stage's own reading."""
    if "scope" in details and details["scope"].notna().any():
        return details
    return details.assign(scope=detail_scopes(details, sentences))


def stamped_days(members: pd.DataFrame, details: pd.DataFrame) -> pd.Series:
    """The ``published`` time of each row of ``members``, or the day of its report's own dateline (its first date
    row of ``role`` "dateline") where it has one: the details stage keeps a dateline only where it falls on another
    day than the one recorded (a collection's date can be off by weeks or years) and reads the report's relative
    dates against it, so the event's start is counted from the same days as its dates.

    >>> members = pd.DataFrame({"report_id": ["a", "b"], "published": pd.to_datetime(["2013-10-22", "2014-10-04"])})
    >>> details = pd.DataFrame({"report_id": "a", "sent_idx": 0, "start": 0, "kind": "date", "role": "dateline",
    ...                         "date_low": [pd.Timestamp("2014-10-05")]})
    >>> stamped_days(members, details).astype(str).tolist()
    ['2014-10-05', '2014-10-04']
    """
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    lines = details[details["kind"].eq("date") & role.eq("dateline").fillna(False).astype(bool)]
    published = pd.to_datetime(members["published"])
    if lines.empty:
        return published
    order = [c for c in ("report_id", "sent_idx", "start") if c in lines]
    first = lines.sort_values(order, kind="stable").drop_duplicates("report_id")
    day = pd.to_datetime(members["report_id"].map(first.set_index("report_id")["date_low"]))
    return published.where(day.isna(), day)


def background_rows(details: pd.DataFrame, members: pd.DataFrame) -> pd.Series:
    """Which rows of ``details`` are background (see the module docstring), aligned with ``details``; ``members``:
    ``event_id``, ``report_id``, ``sent_idx``, ``published`` of the event's sentences. Rows without a scope are the
    incident's."""
    scope = details["scope"] if "scope" in details else pd.Series(pd.NA, index=details.index)
    background = scope.notna() & scope.ne(INCIDENT)
    if "date_low" not in details or details.empty or members.empty:
        return background.astype(bool)
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    dates = details[details["kind"].eq("date") & ~role.eq("dateline").fillna(False).astype(bool)]
    first = stamped_days(members, details).groupby(members["event_id"]).transform("min")
    event_start = members.assign(first=first).drop_duplicates(_KEYS).set_index(_KEYS)["first"]
    start = pd.Series(event_start.reindex(pd.MultiIndex.from_frame(dates[_KEYS])).to_numpy(), index=dates.index)
    short = (dates["date_high"] - dates["date_low"] < pd.Timedelta(days=YEAR_DAYS)).fillna(False).astype(bool)
    earlier = short & (dates["date_high"] < pd.to_datetime(start).dt.normalize() - pd.Timedelta(days=EARLIER_DAYS))
    chosen = dates[earlier.fillna(False).astype(bool)]
    earlier_sentences = pd.MultiIndex.from_frame(chosen[_KEYS])
    in_earlier = pd.MultiIndex.from_frame(details[_KEYS]).isin(earlier_sentences)
    return (background | in_earlier).astype(bool)
