"""A toll given for one day against the same incident's toll spread over two or more named days (rows of kind ``date``,
subject ``day of the event``, ``claim_id`` -1): "Idlib came under heavy bombardment Sunday ... 22 people were
killed" against "the air strikes which began Saturday and continued Sunday killed 22 in Idlib". Where two outlets
only give the day of one act, a day inside another's span is compatible (:mod:`.days`: the strikes of Sunday are
among those of Saturday and Sunday); where both count its dead, one puts them all on one day and the other spreads
them over the span, and one of them is wrong about when they died.

A report *spreads* its toll when the sentence of its lead that dates the act (:func:`.days.lead_days`: no dateline,
no time of speech, no background) names two or more days, each a day of its own ("Saturday", "August 13"; not a span
given as one phrase, "over the weekend") joined in one phrase ("began Saturday and continued Sunday"), and counts
the dead or hurt (:data:`.core.TOLL_SUBJECTS`) with no figure between its first and last day ("5 died on Saturday
and 3 on Sunday" gives a toll for each day). A report *puts the toll on one day* when every date of that sentence of
its lead, the time a source spoke included, is the same single day, that day lies inside the other's span, and its
lead (the first :data:`.days.LEAD_SENTENCES` sentences) counts the dead or hurt; its evidence is every phrase of the
lead that names that day ("yesterday | Sunday"). A toll is a figure ("22", "Nine"), not a loose word ("scores of
civilians" across the war's fronts), and a toll of the one-day lead can be a figure of the spreading sentence (the
same toll: "at least 22" and "22 in Idlib", a figure the counts stage may have missed; not the 50 of another attack
merged into the event). The two reports are of different outlets and were filed at most :data:`FILED_DAYS` days
apart (their own stamps where they have one: relative days are read against them); a pair that another date row sets
against each other already is left to it. The confidence is lower than that of two days that cannot both be true
(``place_date_confidence``): the one-day report may tell of the last day only.

>>> day = pd.Timestamp
>>> def dated(report, text, when, start):
...     return {"report_id": report, "sent_idx": 0, "value": when, "text": text, "start": start,
...             "end": start + len(text), "date_low": day(when), "date_high": day(when)}
>>> reports = pd.DataFrame({"event_id": 0, "report_id": ["a", "a", "b"], "sent_idx": [0, 1, 0],
...     "outlet": ["x", "x", "y"], "published": [day("2016-08-15")] * 2 + [day("2016-08-14")],
...     "filed": [day("2016-08-15")] * 2 + [day("2016-08-14")],
...     "text": ["Jets pounded Idlib Sunday.", "22 people were killed.",
...              "The strikes which began Saturday and continued Sunday killed 22 in Idlib."]})
>>> leads = (reports, {(0, "a"): [dated("a", "Sunday", "2016-08-14", 19)],
...                    (0, "b"): [dated("b", "Saturday", "2016-08-13", 24), dated("b", "Sunday", "2016-08-14", 47)]})
>>> stated = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": [1, 0], "kind": "count", "subject": "killed",
...                        "value": "22", "low": 22.0, "high": 22.0, "start": [27, 61]})
>>> dates = pd.DataFrame([{**d, "kind": "date", "role": None} for days in leads[1].values() for d in days])
>>> [(r["outlet"], r["value"], r["other_value"]) for r in spread_tolls(leads, stated, dates)]
[('x', '2016-08-14', '2016-08-13..2016-08-14'), ('y', '2016-08-13..2016-08-14', '2016-08-14')]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..details.numbers import number_phrases
from .compatible import intervals_overlap
from .core import TOLL_SUBJECTS, active
from .days import LEAD_SENTENCES, SUBJECT

# Reports filed further apart tell of later developments of one story as often (see :mod:`.days`).
FILED_DAYS = 1
# The most characters between two days joined in one phrase, and the words that join them.
JOINED_CHARS = 30
_JOINED = re.compile(r"\b(?:and|to|through|until|till|into)\b|[-\u2013\u2014]")
# Of ``place_date_confidence``: the one-day report may tell of the span's last day only.
SPREAD_SHARE = 0.75


def spread_tolls(leads: tuple, stated: pd.DataFrame, details: pd.DataFrame,
                 paired: set[frozenset] | None = None) -> list[dict]:
    """Rows for the pairs of reports of which one spreads the toll over named days and the other puts it on one of
    them (see the module docstring), one row for each side. ``leads``: :func:`.days.lead_days` (the reports with
    their ``filed`` days and sentences' ``text``, and each (event, report)'s lead days); ``stated``: the details
    compared (counts and dates); ``details``: as extracted (the times a source spoke too); ``paired``: pairs of
    report ids that date rows set against each other already."""
    reports, by_report = leads
    paired = paired or set()
    counts = stated[stated["kind"].eq("count") & stated["subject"].isin(TOLL_SUBJECTS)
                    & stated["value"].astype(str).str.contains(r"\d")]
    if counts.empty or not by_report:
        return []
    tolls = set(zip(counts["report_id"], counts["sent_idx"], strict=True))
    # only the sentences that date a lead are read (no table of every sentence: a large corpus is compared in one go)
    dating = {(days[0]["report_id"], days[0]["sent_idx"]) for days in by_report.values() if days}
    texts = _of_sentences(reports, dating, "text")
    sentence_days = _sentence_days(details[details["kind"].eq("date") & details["report_id"].isin(
        {report for report, _ in dating})])
    firsts = reports[["event_id", "report_id", "outlet", "published", "filed"]].sort_values(
        ["event_id", "report_id"]).drop_duplicates(["event_id", "report_id"])
    spreads, single = [], []
    for report in firsts.to_dict("records"):
        days = by_report.get((report["event_id"], report["report_id"]), [])
        if not days or pd.isna(report["filed"]):
            continue
        key = (days[0]["report_id"], days[0]["sent_idx"])
        if _spreads(days, key in tolls, texts.get(key)):
            figures = [(p.low, p.high) for p in number_phrases(texts[key])]
            spreads.append({**report, "days": days, "figures": figures})
        elif sentence_days.get(key) == {(days[0]["date_low"], days[0]["date_low"])}:
            single.append({**report, "days": days})
    events = {wide["event_id"] for wide in spreads}
    single = [one for one in single if one["event_id"] in events]  # spreads are rare: the rest is read for few
    chosen = {one["report_id"] for one in single}
    lead_tolls = _lead_tolls(reports, counts[counts["report_id"].isin(chosen)])
    lead_dates = _lead_dates(reports, stated[stated["report_id"].isin(chosen)])
    for one in single:
        one["figures"] = lead_tolls.get(one["report_id"], [])  # no figure in the lead: no pair below
        one["days"] = [d for d in lead_dates.get(one["report_id"], [])
                       if d["date_low"] == d["date_high"] == one["days"][0]["date_low"]] or one["days"]
    confidence = active().place_date_confidence * SPREAD_SHARE
    rows = []
    for wide in spreads:
        low, high = min(d["date_low"] for d in wide["days"]), max(d["date_high"] for d in wide["days"])
        for one in single:
            if one["event_id"] != wide["event_id"] or one["outlet"] == wide["outlet"] \
                    or abs((one["filed"] - wide["filed"]).days) > FILED_DAYS \
                    or frozenset((one["report_id"], wide["report_id"])) in paired \
                    or not low <= one["days"][0]["date_low"] <= high \
                    or not any(intervals_overlap(*a, *b) for a in one["figures"] for b in wide["figures"]):
                continue
            rows.append(_row(one, wide, confidence))
            rows.append(_row(wide, one, confidence))
    return rows


def _of_sentences(table: pd.DataFrame, keys: set[tuple], column: str) -> dict[tuple, object]:
    """``column`` of the rows of ``table`` whose (``report_id``, ``sent_idx``) is one of ``keys``."""
    chosen = table[table["report_id"].isin({report for report, _ in keys})]
    found = zip(zip(chosen["report_id"], chosen["sent_idx"], strict=True), chosen[column], strict=True)
    return {key: value for key, value in found if key in keys}


def _sentence_days(details: pd.DataFrame) -> dict[tuple, set]:
    """The (first, last) days of each sentence's dates but its dateline, the times a source spoke included: a
    sentence that dates the act to one day and its reporting to another ("airstrikes were reported late Saturday
    and early Sunday") does not put it on one day."""
    dates = details[details["kind"].eq("date") & ~details["role"].eq("dateline").fillna(False).astype(bool)]
    found: dict[tuple, set] = {}
    for key, low, high in zip(zip(dates["report_id"], dates["sent_idx"], strict=True), dates["date_low"],
                              dates["date_high"], strict=True):
        found.setdefault(key, set()).add((low, high))
    return found


def _spreads(days: list[dict], tolls: bool, sentence: str) -> bool:
    """Does a lead sentence (its text ``sentence``, its dates ``days``, ``tolls``: whether it counts the dead or
    hurt) spread its toll over named days: its first and last day joined in one phrase ("began Saturday and
    continued Sunday", "from Saturday to Monday"; not a wire dateline's day and the weekday of the act, "BEIRUT,
    April 19 (Wire) - ... on Thursday") with no figure between them (any number phrase, also one the counts stage
    missed: "5 on Saturday and 9 on Sunday")?

    >>> days = [{"text": "Saturday", "start": 10, "end": 18, "date_low": 1, "date_high": 1},
    ...         {"text": "Sunday", "start": 33, "end": 39, "date_low": 2, "date_high": 2}]
    >>> _spreads(days, True, "Raids that began Saturday and continued Sunday killed 22.")
    True
    >>> _spreads(days, True, "Raids killed 5 on Saturday and 9 on Sunday.")
    False
    """
    named = sorted((d for d in days if d["date_low"] == d["date_high"]), key=lambda d: d["start"])
    if not tolls or len(named) < 2 or len(named) < len(days) or len({d["date_low"] for d in named}) < 2:
        return False
    first, last = named[0], named[-1]
    at = sentence.find(str(first["text"])) if isinstance(sentence, str) else -1
    if at < 0:
        return False
    between = sentence[at + int(first["end"] - first["start"]):at + int(last["start"] - first["start"])]
    return len(between) <= JOINED_CHARS and bool(_JOINED.search(between)) and not number_phrases(between)


def _lead_tolls(reports: pd.DataFrame, counts: pd.DataFrame) -> dict[str, list[tuple]]:
    """The (low, high) of the tolls of each report's lead (the first :data:`.days.LEAD_SENTENCES` sentences)."""
    first = reports.groupby("report_id")["sent_idx"].min().to_dict()
    found: dict[str, list[tuple]] = {}
    for report, sent, low, high in zip(counts["report_id"], counts["sent_idx"], counts["low"], counts["high"],
                                       strict=True):
        if report in first and sent < first[report] + LEAD_SENTENCES:
            found.setdefault(report, []).append((low, high))
    return found


def _lead_dates(reports: pd.DataFrame, stated: pd.DataFrame) -> dict[str, list[dict]]:
    """The date rows of each report's lead (the first :data:`.days.LEAD_SENTENCES` sentences), in order."""
    first = reports.groupby("report_id")["sent_idx"].min()
    dates = stated[stated["kind"].eq("date") & stated["report_id"].isin(first.index)]
    dates = dates[dates["sent_idx"].to_numpy() < dates["report_id"].map(first).to_numpy() + LEAD_SENTENCES]
    found: dict[str, list[dict]] = {}
    for row in dates.sort_values(["report_id", "sent_idx", "start"], kind="stable").to_dict("records"):
        found.setdefault(row["report_id"], []).append(row)
    return found


def _value(days: list[dict]) -> str:
    low, high = min(d["date_low"] for d in days), max(d["date_high"] for d in days)
    return low.date().isoformat() if low == high else f"{low.date().isoformat()}..{high.date().isoformat()}"


def _row(report: dict, other: dict, confidence: float) -> dict:
    return {"event_id": report["event_id"], "claim_id": -1, "kind": "date", "subject": SUBJECT,
            "outlet": report["outlet"], "value": _value(report["days"]), "low": np.nan, "high": np.nan,
            "agrees": False, "score": confidence,
            "evidence": " | ".join(dict.fromkeys(d["text"] for d in report["days"])),
            "report_id": report["report_id"], "sent_idx": report["days"][0]["sent_idx"],
            "published": report["published"], "superseded": False, "other_outlet": other["outlet"],
            "other_report_id": other["report_id"], "other_value": _value(other["days"]),
            "other_evidence": " | ".join(dict.fromkeys(d["text"] for d in other["days"])), "confidence": confidence}
