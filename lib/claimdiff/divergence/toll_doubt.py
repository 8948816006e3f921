"""Is the toll stated as fact or said to be unverified: compared over the whole event (rows of kind ``hedge``,
subject ``certainty of the toll``, ``claim_id`` -1).

An outlet that says of the toll as a whole that it could not be verified ("the casualty figures could not be
independently verified", most often a closing line, in a claim group of its own) keeps its distance from the figure
its lead gives; another that gives its toll plainly and says no such thing states it as fact. The remark is a
verification marker (values :data:`REMARKS`) whose scope is the killed (:func:`claimdiff.details.hedges.hedge_scope`:
no figure of its own in its clause, but words for one: "the toll", "the figures"; not "the authenticity of the
pictures") in a sentence that gives no figure itself, anywhere in the outlet's reports on the event; the plain toll
is the first count of the killed in the opening of the outlet's first report (:func:`.doubt.first_leads`) that no
marker doubts. Such a remark doubts the figures as a whole, not one of them: the clash has ``wording_confidence``
times ``in_passing_share``.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b", "b"], "sent_idx": [0, 0, 1],
...                         "outlet": ["x", "y", "y"], "published": pd.NaT,
...                         "text": ["20 were killed.", "17 were killed.", "The figures could not be verified."]})
>>> details = pd.DataFrame({"report_id": ["a", "b", "b"], "sent_idx": [0, 0, 1], "kind": ["count", "count", "hedge"],
...                         "subject": ["killed", "killed", "hedge"], "value": ["20", "17", "unverified"],
...                         "text": ["20", "17", "could not be verified"], "group": [None, None, "count:killed"]})
>>> [(r["outlet"], r["value"], r["evidence"], r["agrees"], r["confidence"]) for r in toll_hedging(members, details)]
[('x', 'certain', '20', False, 0.25), ('y', 'unverified', 'could not be verified', False, 0.25)]
"""

from __future__ import annotations

from itertools import groupby

import numpy as np
import pandas as pd

from ..details.hedges import COUNT, scoped_facts
from .comparers import Comparer, compared_rows
from .core import active, grouped_records, records
from .doubt import first_leads, in_news_order

SUBJECT = "certainty of the toll"
REMARKS = frozenset({"unverified", "unconfirmed"})  # canonical markers (data/hedges.yaml) that deny a verification
TOLL = "killed"


def _toll_clash(a: dict, b: dict) -> float:
    """How sure that one outlet leaves the toll unverified that the other states plainly.

    >>> _toll_clash({"hedged": True}, {"hedged": False}), _toll_clash({"hedged": True}, {"hedged": True})
    (0.25, 0.0)
    """
    if a["hedged"] == b["hedged"]:
        return 0.0
    return round(active().wording_confidence * active().in_passing_share, 2)


def toll_hedging(members: pd.DataFrame, details: pd.DataFrame, held: frozenset = frozenset()) -> list[dict]:
    """One row per outlet and event that gives a toll plainly or says it could not be verified, compared outlet
    against outlet, in events where an outlet says so; ``held``: the reports held apart from their events
    (:func:`.doubt.first_leads`)."""
    killed = details[(details["kind"] == "count") & (details["subject"] == TOLL)]
    counted = {(r, i): text for r, i, text in zip(killed["report_id"], killed["sent_idx"], killed["text"], strict=True)}
    hedges = details[details["kind"] == "hedge"]
    doubted, remarks = set(), {}
    for h in records(hedges):
        if (COUNT, TOLL) not in scoped_facts(h.get("group")):
            continue
        doubted.add((h["report_id"], h["sent_idx"]))
        if h["value"] in REMARKS and (h["report_id"], h["sent_idx"]) not in counted:
            remarks.setdefault((h["report_id"], h["sent_idx"]), h)
    remarked: dict[tuple, dict] = {}  # (event, outlet) -> its first remark and the member that makes it
    remarking = members[[key in remarks for key in zip(members["report_id"], members["sent_idx"], strict=True)]]
    for m in records(in_news_order(remarking, held, by=("sent_idx",))):
        remark = remarks.get((m["report_id"], m["sent_idx"]))
        if remark is not None:
            remarked.setdefault((m["event_id"], m["outlet"]), {**m, "marker": remark})
    events = {event for event, _ in remarked}
    comparer = Comparer("hedge", _toll_clash)
    rows = []
    for event_id, event in groupby(grouped_records(first_leads(members, held), ["event_id", "outlet"]),
                                   key=lambda item: item[0][0]):
        if event_id not in events:
            continue
        outlet_rows = []
        for (_, outlet), mine in event:
            remark = remarked.get((event_id, outlet))
            plain = next((m for m in mine if (m["report_id"], m["sent_idx"]) in counted
                          and (m["report_id"], m["sent_idx"]) not in doubted), None)
            said = remark or plain
            if said is None:
                continue
            outlet_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "hedge", "subject": SUBJECT, "outlet": outlet,
                "value": remark["marker"]["value"] if remark else "certain", "low": np.nan, "high": np.nan,
                "evidence": remark["marker"]["text"] if remark else counted[(plain["report_id"], plain["sent_idx"])],
                "report_id": said["report_id"], "sent_idx": said["sent_idx"], "published": said["published"],
                "superseded": False, "hedged": remark is not None,
            })
        if len({row["hedged"] for row in outlet_rows}) < 2:
            continue
        rows.extend(compared_rows(outlet_rows, "hedge", drop=("hedged",), comparer=comparer))
    return rows
