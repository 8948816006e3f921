"""The day of the event against a report filed before it (rows of kind ``date``, subject ``day of the event``,
``claim_id`` -1): a report stamped "6 October 2016" tells of an act that happened that day or before, so another
outlet's report that dates the same act to a later day ("Shelling in West Aleppo left 11 people dead on Friday", 7
October) puts it on another day. :mod:`.days` compares the days two reports filed on one day give; reports filed
on different days are compared here only through this bound, and only where it is sure:

- both reports carry their own time stamp in their first sentence ("6 October 2016 Aleppo SANA-", "Date of
  publication 7 October 2016"): a collection's recorded day may be wrong, and relative days ("on Friday") are read
  against it;
- the later report's day is the one its lead gives the act (:func:`.days.lead_days`: no dateline, no time of
  speech, no background), in a sentence that counts the act's dead or hurt (a lead that dates a later development,
  "the Security Council met Wednesday", counts none), and every day it can mean lies after the earlier report's
  stamp, by at most :data:`DAYS_AFTER` days: reports whose days lie further apart tell of other incidents or later
  developments as often.

One row per outlet and event: its earliest report that clashes.

>>> day = pd.Timestamp
>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": [day("2016-10-06"), day("2016-10-07")],
...                         "text": ["6 October 2016 Aleppo SANA-Terrorists fired shells, killing 8.",
...                                  "Date of publication 7 October 2016 Shelling left 11 dead on Friday."]})
>>> days = {(0, "b"): [{"report_id": "b", "sent_idx": 0, "value": "2016-10-07", "text": "Friday",
...                      "date_low": day("2016-10-07"), "date_high": day("2016-10-07")}]}
>>> stated = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "count", "subject": "killed"})
>>> [(r["outlet"], r["value"], r["evidence"], r["other_value"]) for r in filed_before(members, days, stated)]
[('x', '2016-10-06', '6 October 2016', '2016-10-07'), ('y', '2016-10-07', 'Friday', '2016-10-06')]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..details.date_roles import is_dateline
from ..details.dates import find_dates
from .core import TOLL_SUBJECTS, active
from .days import SUBJECT

DAYS_AFTER = 1  # the most days after the earlier report's stamp that the later one may date the act
_IN_WORDS = re.compile(r"[A-Za-z]")  # a stamp that names its month (not "21.02.2015")


def own_stamp(first_sentence: str, published) -> tuple[pd.Timestamp, str] | None:
    """The day and phrase of the time stamp a report's first sentence opens with (a date with its year, not governed
    by a preposition: :func:`..details.date_roles.is_dateline`) when it is the report's recorded day, else None.

    >>> own_stamp("6 October 2016 Aleppo SANA-Terrorist organizations fired shells", pd.Timestamp("2016-10-06"))
    (Timestamp('2016-10-06 00:00:00'), '6 October 2016')
    >>> own_stamp("Shells fell on Aleppo on 6 October 2016", pd.Timestamp("2016-10-06"))

    A stamp written in numbers only ("21.02.2015") is left out: it is a listing's day, set by the outlet's clock
    and not by the story, and too unsure a bound for a day of the act given in words.

    >>> own_stamp("21.02.2015 At least four people were killed", pd.Timestamp("2015-02-21"))
    """
    if pd.isna(published):
        return None
    for phrase in find_dates(str(first_sentence), published, days_only=True):
        if not phrase.relative and phrase.low == phrase.high == published.date() and _IN_WORDS.search(phrase.text) \
                and is_dateline(phrase.text, first_sentence[max(0, phrase.start - 40):phrase.start], True):
            return pd.Timestamp(phrase.low), phrase.text
    return None


def filed_before(members: pd.DataFrame, days: dict, stated: pd.DataFrame,
                 compared: set[frozenset] | None = None) -> list[dict]:
    """Rows for the pairs of reports of different outlets where one dates the act after the other was filed (see
    the module docstring), one row for each side. ``members``: the event's sentences (``event_id``, ``report_id``,
    ``sent_idx``, ``outlet``, ``published``, ``text``); ``days``: :func:`.days.lead_days`' days of each (event,
    report); ``stated``: the details compared (counts); ``compared``: pairs of report ids whose days were compared
    already."""
    compared = compared or set()
    counts = stated[(stated["kind"] == "count") & stated["subject"].isin(TOLL_SUBJECTS)]
    tolls = set(zip(counts["report_id"], counts["sent_idx"], strict=True))
    firsts = members.sort_values(["event_id", "report_id", "sent_idx"]).drop_duplicates(["event_id", "report_id"])
    stamped = []
    for report in firsts.to_dict("records"):
        stamp = own_stamp(report["text"], report["published"])
        if stamp is not None:
            mine = [d for d in days.get((report["event_id"], report["report_id"]), [])
                    if (d["report_id"], d["sent_idx"]) in tolls]
            stamped.append({**report, "stamp": stamp, "days": mine})
    by_event: dict = {}
    for report in stamped:  # pairs are within an event: not every stamped report against every other
        by_event.setdefault(report["event_id"], []).append(report)
    rows = []
    confidence = active().place_date_confidence
    for early, late in ((e, x) for reports in by_event.values() for e in reports for x in reports):
        if early["outlet"] == late["outlet"] or not late["days"] \
                or frozenset((early["report_id"], late["report_id"])) in compared \
                or min(d["date_low"] for d in late["days"]) <= early["stamp"][0] \
                or max(d["date_high"] for d in late["days"]) > early["stamp"][0] + pd.Timedelta(days=DAYS_AFTER):
            continue
        late_value = "; ".join(dict.fromkeys(d["value"] for d in late["days"]))
        late_evidence = " | ".join(dict.fromkeys(d["text"] for d in late["days"]))
        early_value = early["stamp"][0].date().isoformat()
        rows.append(_row(early, early_value, early["stamp"][1], early["sent_idx"], late, late_value,
                         late_evidence, confidence))
        rows.append(_row(late, late_value, late_evidence, late["days"][0]["sent_idx"], early, early_value,
                         early["stamp"][1], confidence))
    # one row per outlet and event: its earliest report's first clash
    rows.sort(key=lambda row: (row["event_id"], row["outlet"], row["published"], row["report_id"]))
    return list({(row["event_id"], row["outlet"]): row for row in reversed(rows)}.values())[::-1]


def paired_rows(rows: list[dict], kind: str) -> set[frozenset]:
    """The pairs of reports (``report_id``, ``other_report_id``) that rows of ``kind`` set against each other.

    >>> paired_rows([{"kind": "date", "report_id": "a", "other_report_id": "b"}], "date") == {frozenset("ab")}
    True
    """
    return {frozenset((row["report_id"], row["other_report_id"])) for row in rows
            if row["kind"] == kind and isinstance(row.get("other_report_id"), str)}


def _row(report: dict, value: str, evidence: str, sent_idx, other: dict, other_value: str, other_evidence: str,
         confidence: float) -> dict:
    return {"event_id": report["event_id"], "claim_id": -1, "kind": "date", "subject": SUBJECT,
            "outlet": report["outlet"], "value": value, "low": np.nan, "high": np.nan, "agrees": False,
            "score": confidence, "evidence": evidence, "report_id": report["report_id"], "sent_idx": sent_idx,
            "published": report["published"], "superseded": False, "other_outlet": other["outlet"],
            "other_report_id": other["report_id"], "other_evidence": other_evidence, "other_value": other_value,
            "confidence": confidence}
