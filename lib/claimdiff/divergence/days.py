"""The day of the event, outlet against outlet, over the whole event (rows of kind ``date``, subject ``day of the
event``, ``claim_id`` -1): the claim groups compare the days of sentences that say the same thing, but a report's
lead often dates the act in a sentence no other outlet's matches ("59 missiles struck the airbase late Thursday"
against "... struck the airbase in Homs province early Friday morning").

A report's days are the day-precise dates of the first sentence of its lead (its first :data:`LEAD_SENTENCES`
sentences) that gives one, less its dateline, the time a source spoke ("the monitor said on Sunday"), background
(:mod:`.background`) and days more than :data:`LEAD_DAYS` days before the report was filed (its own stamp where it
has one, :func:`.background.stamped_days`): a lead that dates something further back tells of an earlier happening
("a hill the rebels seized on October 5"), not of the act it files. Two reports of different outlets clash when
they were filed on the same day and no day of one can be a day of the other (as
:func:`.comparers.date_clash` says of two statements; two days given only relative to the filing, "late Thursday"
against "early Friday", are then read against the same day): reports filed on different days date later
developments of one story as often ("the Security Council met Wednesday" of Tuesday's attack). Only pairs of
reports whose days no claim group compared are compared here.

>>> day = pd.Timestamp
>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "text": ["Missiles struck late Thursday", "Missiles struck early Friday"],
...                         "published": day("2017-04-07")})
>>> dates = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "date", "subject": "date",
...                       "value": ["2017-04-06", "2017-04-07"], "text": ["late Thursday", "early Friday"],
...                       "date_low": [day("2017-04-06"), day("2017-04-07")],
...                       "date_high": [day("2017-04-06"), day("2017-04-07")], "role": None})
>>> [(r["outlet"], r["agrees"], r["other_value"]) for r in event_days(members, dates, dates)]
[('x', False, '2017-04-07'), ('y', False, '2017-04-06')]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .background import stamped_days
from .comparers import Comparer, compare_pairwise, date_clash, explicit
from .compatible import dates_compatible, spread
from .core import TOLL_SUBJECTS, active, grouped_records

SUBJECT = "day of the event"
# The headline and lead: where a report says when the act happened.
LEAD_SENTENCES = 3
# A lead's day more than this many days before its report was filed is of an earlier happening.
LEAD_DAYS = 2


def event_days(members: pd.DataFrame, stated: pd.DataFrame, details: pd.DataFrame,
               compared: set[frozenset] | None = None, leads: tuple | None = None) -> list[dict]:
    """One row per report of an event whose lead gives the act's day (see the module docstring). ``members``: the
    event's sentences (``event_id``, ``report_id``, ``sent_idx``, ``outlet``, ``published``, ``text``);
    ``stated``: the details compared (no datelines, no times of speech, no background); ``details``: as extracted
    (datelines give a report's filing day); ``compared``: pairs of report ids whose days a claim group compared
    already; ``leads``: :func:`lead_days` of the same tables, when made already."""
    compared = compared or set()
    reports, by_report = leads if leads is not None else lead_days(members, stated, details)
    rows = []
    firsts = reports.sort_values(["event_id", "report_id"]).drop_duplicates(["event_id", "report_id"])
    for event_id, event in grouped_records(firsts, ["event_id"]):
        statements = [_statement(event_id, report, by_report.get((event_id, report["report_id"]), []))
                      for report in event]
        dated = [s for s in statements if s["days"] and not pd.isna(s["filed"])]

        def paired(a: dict, b: dict) -> bool:
            return a["outlet"] != b["outlet"] and a["filed"] == b["filed"] \
                and frozenset((a["report_id"], b["report_id"])) not in compared
        dated = [s for s in dated if any(paired(s, other) for other in dated)]
        if not dated:
            continue
        compare_pairwise(dated, Comparer("date", _day_clash), paired=paired)
        score = spread("date", dated, lambda a, b: _day_clash(a, b) == 0)
        for statement in dated:
            statement["score"] = score
            rows.append({k: v for k, v in statement.items() if k not in ("days", "filed", "date_low", "date_high")})
    return rows


def lead_days(members: pd.DataFrame, stated: pd.DataFrame, details: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """``members`` with each report's filing day (``filed``), and the days its lead gives the act (see the module
    docstring): date rows of the first sentence of the lead that dates it, by (``event_id``, ``report_id``)."""
    reports = members.assign(filed=stamped_days(members, details).dt.normalize())
    first = reports.groupby("report_id")["sent_idx"].transform("min")
    lead = reports[reports["sent_idx"] < first + LEAD_SENTENCES]
    dates = stated[stated["kind"] == "date"].merge(lead[["report_id", "sent_idx", "event_id", "filed"]],
                                                   on=["report_id", "sent_idx"])
    dates = dates[~(dates["date_high"] < dates["filed"] - pd.Timedelta(days=LEAD_DAYS))]
    retold = set(map(tuple, second_tolls(stated)[["report_id", "sent_idx"]].to_numpy()))
    dates = dates[pd.Series([key not in retold for key in zip(dates["report_id"], dates["sent_idx"], strict=True)],
                            index=dates.index, dtype=bool)]
    by_report: dict[tuple, list[dict]] = {}
    for row in dates.sort_values(["report_id", "sent_idx"], kind="stable").to_dict("records"):
        mine = by_report.setdefault((row["event_id"], row["report_id"]), [])
        if not mine or mine[0]["sent_idx"] == row["sent_idx"]:  # the first sentence of the lead that dates the act
            mine.append(row)
    return reports, by_report


def filed_members(members: pd.DataFrame, leads: tuple | None = None) -> pd.DataFrame:
    """``members`` with each report's filing day, ``filed``: that of :func:`lead_days` (``leads``, its result for the
    same tables), else the ``published`` day.

    >>> filed_members(pd.DataFrame({"published": ["2017-04-04"]}))["filed"].dt.day.tolist()
    [4]
    """
    return leads[0] if leads is not None else members.assign(filed=pd.to_datetime(members["published"]))


def filed_sentences(members: pd.DataFrame, leads: tuple | None = None) -> pd.DataFrame:
    """:func:`filed_members`, one row per event, report and sentence, in that order (a sentence of several claim
    groups is told once)."""
    keys = ["event_id", "report_id", "sent_idx"]
    return filed_members(members, leads).sort_values(keys, kind="stable").drop_duplicates(keys)


def lead_ends(sentences: pd.DataFrame) -> dict:
    """Where each report's lead ends: its first sentence's ``sent_idx`` plus :data:`LEAD_SENTENCES`, by report.

    >>> lead_ends(pd.DataFrame({"report_id": ["a", "a", "b"], "sent_idx": [0, 4, 2]}))
    {'a': 3, 'b': 5}
    """
    return (sentences.groupby("report_id")["sent_idx"].min() + LEAD_SENTENCES).to_dict()


def second_tolls(details: pd.DataFrame) -> pd.DataFrame:
    """The toll rows (``subject`` of :data:`.core.TOLL_SUBJECTS`) that give a toll of a thing (subject and group) a
    report's earlier sentence gave another figure of: the lead's "18 civilians were killed in the village. Twenty-six
    civilians were also killed yesterday in the city" tells of two happenings, and the day of the second is not the
    day of the first.

    >>> d = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "kind": "count", "subject": "killed",
    ...                   "group": "civilians", "value": ["18", "26", "18"]})
    >>> second_tolls(d)["sent_idx"].tolist()
    [1]
    """
    tolls = details[details["kind"].eq("count") & details["subject"].isin(TOLL_SUBJECTS)]
    if tolls.empty:
        return tolls
    group = tolls["group"].astype(str) if "group" in tolls else ""
    tolls = tolls.assign(thing=tolls["subject"].astype(str) + ":" + group)
    first = tolls.groupby(["report_id", "thing"])["sent_idx"].transform("min")
    given = tolls[tolls["sent_idx"] == first].groupby(["report_id", "thing"])["value"].agg(frozenset)
    earlier = pd.Series([given.get((r, t), frozenset()) for r, t in zip(tolls["report_id"], tolls["thing"],
                                                                        strict=True)], index=tolls.index)
    other = [value not in values for value, values in zip(tolls["value"], earlier, strict=True)]
    return tolls[(tolls["sent_idx"] > first) & pd.Series(other, index=tolls.index)]


def _statement(event_id, report: dict, days: list[dict]) -> dict:
    return {
        "event_id": event_id, "claim_id": -1, "kind": "date", "subject": SUBJECT, "outlet": report["outlet"],
        "value": "; ".join(dict.fromkeys(d["value"] for d in days)) if days else "none",
        "low": np.nan, "high": np.nan,
        "evidence": " | ".join(dict.fromkeys(d["text"] for d in days)) if days else report["text"],
        "report_id": report["report_id"], "sent_idx": days[0]["sent_idx"] if days else report["sent_idx"],
        "published": report["published"], "superseded": False, "days": days, "filed": report["filed"],
        "date_low": min((d["date_low"] for d in days), default=pd.NaT),
        "date_high": max((d["date_high"] for d in days), default=pd.NaT),
    }


def _day_clash(a: dict, b: dict) -> float:
    """How sure that two reports' days of the act, filed on the same day, cannot both be true."""
    return min((_days_clash(x, y) for x in a["days"] for y in b["days"]), default=0.0)


def _days_clash(x: dict, y: dict) -> float:
    one, other = ({"texts": [d["text"]], "date_low": d["date_low"], "date_high": d["date_high"]} for d in (x, y))
    if explicit(one) or explicit(other):
        return date_clash(one, other)
    fits = dates_compatible(x["date_low"], x["date_high"], y["date_low"], y["date_high"])
    return 0.0 if fits else active().place_date_confidence
