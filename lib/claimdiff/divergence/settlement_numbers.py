"""How many settlements the act hit, outlet against outlet, over the whole event (rows of kind ``place``, subject
``how many settlements were hit``, ``claim_id`` -1): "an attack on two villages in Hama province" against "the
attack on Aqareb es Safi village", which gives its toll for the one village, place the act two ways.

A report's lead (its first :data:`.days.LEAD_SENTENCES` sentences) gives *several* settlements when it counts
villages or towns ("two villages", "three government-held towns", "several villages") and names none of them;
it gives *one* when it names exactly one village or town (the ``role`` of its place rows,
:mod:`claimdiff.details.grounds`), counts none, and gives a toll (a count of one of :data:`.core.TOLL_SUBJECTS`):
its toll is that settlement's.
Two reports of different outlets, filed within :data:`.days.LEAD_DAYS` of each other, clash when one gives several
and the other one, both leads placing the act in one governorate (the governorates their places lie in, or are,
meet: leads in different governorates tell of different incidents, as :mod:`.settlements` has it), unless the
report of several names the other's settlement anywhere ("two villages ... one of
them, X") or the report of one counts settlements anywhere; as surely (``settlement_confidence``) as a city against
a village of its governorate.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.Timestamp("2017-05-18"), "text": [
...                             "IS killed 50 in an attack on two villages in Hama.",
...                             "IS killed 51 in Aqareb village in Hama."]})
>>> stated = pd.DataFrame({"report_id": ["a", "b", "b", "a", "b"], "sent_idx": 0,
...                        "kind": ["count", "count", "place", "place", "place"],
...                        "subject": ["killed", "killed", "corpus", "gazetteer", "gazetteer"],
...                        "value": ["50", "51", "Aqareb", "Hama", "Hama"], "low": [50.0, 51, None, None, None],
...                        "high": [50.0, 51, None, None, None], "role": [None, None, "village", None, None],
...                        "text": ["50", "51", "Aqareb", "Hama", "Hama"]})
>>> [(r["outlet"], r["value"], r["evidence"], r["other_value"]) for r in event_settlement_numbers(members, stated)]
[('x', 'two villages', 'two villages', 'Aqareb'), ('y', 'Aqareb', 'Aqareb', 'two villages')]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..details.grounds import TOWN, VILLAGE
from .core import active, grouped_records, records
from .days import filed_sentences, lead_ends
from .settlements import _regions, compared_leads, filed_together, lead_tolls

SUBJECT = "how many settlements were hit"
_NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|[2-9]|[1-9]\d)"
# a number of villages or towns, with up to two words between ("two government-held villages")
_SEVERAL = re.compile(rf"(?<![\w-]){_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:villages|towns)(?![\w-])", re.IGNORECASE)


def settlements_counted(text: str) -> str | None:
    """The words that count the villages or towns a sentence names, or None.

    >>> settlements_counted("An attack on two government-held villages."), settlements_counted("In a village.")
    ('two government-held villages', None)
    """
    found = _SEVERAL.search(text) if isinstance(text, str) else None
    return found.group() if found else None


def event_settlement_numbers(members: pd.DataFrame, stated: pd.DataFrame, leads: tuple | None = None
                             ) -> list[dict]:
    """One row per report whose lead gives several settlements or one (see the module docstring), when a report of
    another outlet filed within :data:`.days.LEAD_DAYS` gives the other, compared. ``members``: the event's sentences
    (``event_id``, ``report_id``, ``sent_idx``, ``outlet``, ``published``, ``text``); ``stated``: the details
    compared (no datelines, no background); ``leads``: :func:`.days.lead_days` of the same tables (its ``filed``
    days; without it, the ``published`` days)."""
    if members.empty or stated.empty or "role" not in stated:
        return []
    dated = filed_sentences(members, leads)
    lead_end = lead_ends(dated)
    places = stated.loc[stated["kind"].eq("place"), ["report_id", "sent_idx", "value", "role", "text"]]
    in_lead = places["sent_idx"].to_numpy(dtype=float) < places["report_id"].map(lead_end).to_numpy(dtype=float)
    places = places[places["role"].isin([VILLAGE, TOWN]).to_numpy(dtype=bool) | in_lead]  # few rows: as dicts
    named: dict[str, list[dict]] = {}
    regions: dict[str, set] = {}
    for row in records(places.sort_values(["report_id", "sent_idx"], kind="stable")):
        if row["role"] in (VILLAGE, TOWN):
            named.setdefault(row["report_id"], []).append(row)
        if row["report_id"] in lead_end and row["sent_idx"] < lead_end[row["report_id"]]:
            regions.setdefault(row["report_id"], set()).update(_regions(str(row["value"])))
    counts = stated[stated["kind"].eq("count")]
    tolls = lead_tolls(counts[counts["sent_idx"].to_numpy(dtype=float)
                              < counts["report_id"].map(lead_end).to_numpy(dtype=float)], lead_end)
    ends = dated["report_id"].map(lead_end)
    lead = dated.loc[dated["sent_idx"] < ends, ["event_id", "report_id", "sent_idx", "outlet", "published", "filed",
                                                "text"]]
    # only the events where a lead counts settlements: the cheap test first
    counting_leads = lead.loc[lead["text"].str.contains(_SEVERAL, na=False), "event_id"]
    lead = lead[lead["event_id"].isin(set(counting_leads))]
    by_event: dict = {}
    for event_id, sentences in grouped_records(lead, ["event_id"]):
        by_report: dict[str, list[dict]] = {}
        for sentence in sentences:
            by_report.setdefault(sentence["report_id"], []).append(sentence)
        statements = [s for s in (_statement(event_id, told, named.get(report, []), lead_end[report],
                                             bool(tolls.get(report)), frozenset(regions.get(report, ())))
                                  for report, told in by_report.items()) if s is not None]
        statements = [s for s in statements if any(o["outlet"] != s["outlet"] and o["several"] != s["several"]
                                                   and filed_together(s, o) for o in statements)]
        if statements:
            by_event[event_id] = statements
    # whether a report of one settlement counts settlements anywhere, read once for those reports only
    ones = {s["report_id"] for statements in by_event.values() for s in statements if not s["several"]}
    texts = dated.loc[dated["report_id"].isin(ones), ["report_id", "text"]]
    counting = set(texts.loc[texts["text"].str.contains(_SEVERAL, na=False), "report_id"])
    rows = []
    for statements in by_event.values():
        for s in statements:
            s["counts"] = s["several"] or s["report_id"] in counting
        rows += compared_leads(statements, number_clash, ("several", "names", "counts", "regions"))
    return rows


def _statement(event_id, lead: list[dict], named: list[dict], lead_end: int, toll: bool, regions: frozenset
               ) -> dict | None:
    """A report's settlements in its lead (its sentences ``lead``): several counted, one named, or None."""
    counted = next((c for c in (settlements_counted(s["text"]) for s in lead) if c), None)
    in_lead = list(dict.fromkeys(str(d["value"]) for d in named if d["sent_idx"] < lead_end))
    if counted and not in_lead:
        value, evidence, where = counted, counted, next(s for s in lead if settlements_counted(s["text"]))
    elif len(in_lead) == 1 and toll and not counted:
        first = next(d for d in named if d["sent_idx"] < lead_end)
        value, evidence = in_lead[0], str(first["text"])
        where = next(s for s in lead if s["sent_idx"] == first["sent_idx"])
    else:
        return None
    return {"event_id": event_id, "claim_id": -1, "kind": "place", "subject": SUBJECT, "outlet": where["outlet"],
            "value": value, "low": np.nan, "high": np.nan, "evidence": evidence, "report_id": where["report_id"],
            "sent_idx": where["sent_idx"], "published": where["published"], "superseded": False,
            "filed": pd.Timestamp(where["filed"]).normalize(), "several": bool(counted),
            "names": frozenset(str(d["value"]) for d in named), "regions": regions}


def number_clash(a: dict, b: dict) -> float:
    """How sure that a report of several settlements and one of one settlement (see the module docstring) cannot
    both be right.

    >>> several = {"several": True, "names": frozenset(), "counts": True, "value": "two villages",
    ...            "regions": frozenset({"Hama"})}
    >>> one = {"several": False, "names": frozenset({"Aqareb"}), "counts": False, "value": "Aqareb",
    ...        "regions": frozenset({"Hama"})}
    >>> number_clash(several, one) > 0, number_clash({**several, "names": frozenset({"Aqareb"})}, one)
    (True, 0.0)
    """
    if a["several"] == b["several"] or not a["regions"] & b["regions"]:
        return 0.0
    several, one = (a, b) if a["several"] else (b, a)
    if one["counts"] or one["value"] in several["names"]:
        return 0.0
    return active().settlement_confidence
