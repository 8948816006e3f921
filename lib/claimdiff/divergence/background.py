"""Sentences about something other than the event: background on other incidents and on the war as a whole.

A report on one air strike often recalls earlier ones ("In April, regime strikes killed 37 in Maaret al-Numan"),
the war ("Syria has been locked in a civil war since 2011") or a timeline ("2014: the Islamic State group seizes
swathes of territory"). What an outlet calls a party there, or whom it names as the doer, is not what it says about
this event. A sentence is background when it dates what it tells to a period (a date phrase :data:`PERIOD_DAYS`
days long or longer: "in 2014", "last year", "since April 21") or to a day at least :data:`EARLIER_DAYS` days
before the event's first report was published ("March 1 2012"), or when it sums up several incidents ("in separate
attacks"). Datelines ("Published April 8 2017") are no background.

>>> day = pd.Timestamp
>>> details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "kind": "date", "role": [None, None, None],
...                         "date_low": [day("2017-04-04"), day("2014-01-01"), day("2017-03-01")],
...                         "date_high": [day("2017-04-04"), day("2014-12-31"), day("2017-03-01")]})
>>> members = pd.DataFrame({"event_id": 0, "report_id": "r", "sent_idx": [0, 1, 2, 3],
...                         "published": day("2017-04-05"), "text": ["", "", "", "in two separate attacks"]})
>>> sorted(background_sentences(details, members))
[('r', 1), ('r', 2), ('r', 3)]
"""

from __future__ import annotations

import pandas as pd

from ..details.counts import is_aggregate
from ..details.estimate import PERIOD_DAYS

# A day this many days or more before the event's first report is another incident's.
EARLIER_DAYS = 7


def background_sentences(details: pd.DataFrame, members: pd.DataFrame) -> set[tuple]:
    """The (report_id, sent_idx) of background sentences (see the module docstring). ``details``: the details table
    (its date rows are read); ``members``: ``event_id``, ``report_id``, ``sent_idx``, ``published`` and, to find
    sentences that sum up several incidents, ``text``."""
    keys = ["report_id", "sent_idx"]
    found: set[tuple] = set()
    if "text" in members:
        sentences = members.drop_duplicates(keys)
        aggregate = sentences["text"].astype(str).map(is_aggregate).astype(bool)
        found |= set(zip(sentences.loc[aggregate, "report_id"], sentences.loc[aggregate, "sent_idx"], strict=True))
    if "date_low" not in details or details.empty:
        return found
    dates = details[details["kind"].eq("date") & ~details["role"].eq("dateline").fillna(False)]
    first = members.groupby("event_id")["published"].transform("min")
    event_start = members.assign(first=first).drop_duplicates(keys).set_index(keys)["first"]
    start = pd.Series(event_start.reindex(pd.MultiIndex.from_frame(dates[keys])).to_numpy(), index=dates.index)
    period = (dates["date_high"] - dates["date_low"]) >= pd.Timedelta(days=PERIOD_DAYS)
    earlier = dates["date_high"] < start.dt.normalize() - pd.Timedelta(days=EARLIER_DAYS)
    chosen = dates[period.fillna(False) | earlier.fillna(False)]
    return found | set(zip(chosen["report_id"], chosen["sent_idx"], strict=True))

