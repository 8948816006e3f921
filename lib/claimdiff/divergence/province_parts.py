"""A part of a governorate against its city, outlet against outlet, over the whole event (rows of kind ``place``,
subject ``part of the governorate``, ``claim_id`` -1): "the attack in the west of the province" (of Daraa) against
"ambushed a gathering in Daraa city" put the act in the governorate's countryside and in its city.

A report's lead (its first :data:`.days.LEAD_SENTENCES` sentences) gives a *part* when it places the act by a
direction in a governorate ("in the west of the province", "in the western countryside of Idlib", "in northern
Hama province"); "the province" is the one governorate its lead's places lie in or are. It gives the *city* when a
place row of its lead is called a city (``role``, :mod:`claimdiff.details.grounds`) and bears the governorate's
name ("Daraa city", "the city of Hama"). A direction in a governorate is its ground outside the city that gives
it its name (a city is named as such, not as a side of its province), so two reports of different outlets, filed
within :data:`.days.LEAD_DAYS` of each other, clash when one gives a part of a governorate and the other that
governorate's city, unless the report of the part names the city as a city too; as surely
(``settlement_confidence``) as a city against a village of its governorate.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.Timestamp("2014-08-24"), "text": [
...                             "Troops killed 32 in Daraa province in the west of the province.",
...                             "Troops killed 50 in Daraa city."]})
>>> stated = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "place", "value": "Daraa",
...                        "role": ["province", "city"], "text": ["Daraa province", "Daraa"]})
>>> [(r["outlet"], r["value"], r["evidence"], r["other_value"]) for r in event_province_parts(members, stated)]
[('x', 'west of Daraa province', 'in the west of the province', 'Daraa city'), ('y', 'Daraa city', 'Daraa', \
'west of Daraa province')]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..details.gazetteer import place
from ..details.grounds import CITY
from ..details.places import place_ancestors, split_direction
from .comparers import Comparer, compare_pairwise
from .compatible import spread
from .core import active, grouped_records, records
from .days import filed_sentences, lead_ends
from .settlements import filed_together

SUBJECT = "part of the governorate"
_SIDE = r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)"
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
_AREA = r"(?i:province|governorate|countryside)"
# "in the west of the province", "in the west of Daraa province", "in the western countryside of Idlib", "in
# northern Hama province"; not "the southern province of Daraa", which names the whole province by where it lies
_PART = re.compile(
    rf"(?<![\w-])(?:in|of|across)\s+(?:the\s+)?(?:"
    rf"(?P<side>(?i:{_SIDE}))\s+(?:part\s+)?of\s+(?:the\s+)?(?:{_AREA}(?:\s+of\s+(?P<after>{_NAME}))?|"
    rf"(?P<named>{_NAME})\s+{_AREA})"
    rf"|(?P<side_adj>(?i:{_SIDE}))ern\s+(?:(?i:countryside)(?:\s+of\s+(?P<of>{_NAME}))?|(?P<before>{_NAME})\s+{_AREA})"
    r")(?![\w-])")


def governorate_part(text: str, governorates: frozenset) -> tuple[str, str] | None:
    """The governorate a sentence places the act in a side of, and the words that say it, or None; ``governorates``:
    those its lead's places lie in or are, which "the province" means when it is one.

    >>> governorate_part("killed in the attack in the west of the province.", frozenset({"Daraa"}))
    ('Daraa', 'in the west of the province')
    >>> governorate_part("raids in the western countryside of Idlib", frozenset())
    ('Idlib', 'in the western countryside of Idlib')
    >>> governorate_part("in Hama", {"Hama"}) is None
    True
    >>> governorate_part("in the southern province of Daraa", frozenset({"Daraa"}))
    """
    for match in _PART.finditer(text if isinstance(text, str) else ""):
        name = match.group("after") or match.group("named") or match.group("of") or match.group("before")
        if name is None and len(governorates) == 1:
            return next(iter(governorates)), match.group()
        found = place(name) if name else None
        if found is not None and found.kind == "region":
            return name, match.group()
    return None


def event_province_parts(members: pd.DataFrame, stated: pd.DataFrame, leads: tuple | None = None) -> list[dict]:
    """One row per report whose lead gives a part of a governorate or its city (see the module docstring), when a
    report of another outlet filed within :data:`.days.LEAD_DAYS` gives the other, compared. ``members``: the event's
    sentences (``event_id``, ``report_id``, ``sent_idx``, ``outlet``, ``published``, ``text``); ``stated``: the
    details compared (no datelines, no background); ``leads``: :func:`.days.lead_days` of the same tables."""
    if members.empty or stated.empty or "role" not in stated:
        return []
    dated = filed_sentences(members, leads)
    lead_end = lead_ends(dated)
    places: dict[str, list[dict]] = {}
    named = stated.loc[stated["kind"].eq("place"), ["report_id", "sent_idx", "value", "role", "text"]]
    in_lead = named["sent_idx"].to_numpy(dtype=float) < named["report_id"].map(lead_end).to_numpy(dtype=float)
    named = named[in_lead | named["role"].eq(CITY).to_numpy(dtype=bool)]  # cities anywhere: few rows, as dicts
    for row in records(named):
        places.setdefault(row["report_id"], []).append(row)
    lead = dated.loc[dated["sent_idx"] < dated["report_id"].map(lead_end),
                     ["event_id", "report_id", "sent_idx", "outlet", "published", "filed", "text"]]
    parts = [isinstance(text, str) and _PART.search(text) is not None for text in lead["text"]]
    lead = lead[lead["event_id"].isin(set(lead.loc[parts, "event_id"]))]  # the cheap test first
    rows = []
    for event_id, sentences in grouped_records(lead, ["event_id"]):
        by_report: dict[str, list[dict]] = {}
        for sentence in sentences:
            by_report.setdefault(sentence["report_id"], []).append(sentence)
        statements = [s for report, told in by_report.items()
                      for s in [_statement(event_id, told, places.get(report, []), lead_end[report])] if s]
        if len({s["part"] for s in statements}) < 2:
            continue
        comparer = Comparer("place", part_clash)
        compare_pairwise(statements, comparer, paired=filed_together)
        statements = [s for s in statements if not s["agrees"]] or statements
        score = spread("place", statements, comparer.compatible)
        rows += [{**{k: v for k, v in s.items() if k not in ("part", "governorate", "cities", "filed")},
                  "score": score} for s in statements]
    return rows


def _statement(event_id, sentences: list[dict], places: list[dict], lead_end: int) -> dict | None:
    lead = [s for s in sentences if s["sent_idx"] < lead_end]
    in_lead = [d for d in places if d["sent_idx"] < lead_end]
    governorates = frozenset(r for d in in_lead for r in _regions(str(d["value"])))
    cities = frozenset(str(d["value"]) for d in places if d.get("role") == CITY)
    for s in lead:
        found = governorate_part(s["text"], governorates)
        if found:
            return _row(event_id, s, f"{_side(found[1])} of {found[0]} province", found[1], True, found[0], cities)
    city = next((d for d in in_lead if d.get("role") == CITY and _is_governorate(str(d["value"]))), None)
    if city is None:
        return None
    where = next(s for s in lead if s["sent_idx"] == city["sent_idx"])
    return _row(event_id, where, f"{city['value']} city", str(city["text"]), False, str(city["value"]), cities)


def _row(event_id, sentence: dict, value: str, evidence: str, part: bool, governorate: str, cities: frozenset) -> dict:
    return {"event_id": event_id, "claim_id": -1, "kind": "place", "subject": SUBJECT, "outlet": sentence["outlet"],
            "value": value, "low": np.nan, "high": np.nan, "evidence": evidence, "report_id": sentence["report_id"],
            "sent_idx": sentence["sent_idx"], "published": sentence["published"], "superseded": False,
            "filed": pd.Timestamp(sentence["filed"]).normalize(), "part": part, "governorate": governorate,
            "cities": cities}


def _side(words: str) -> str:
    return re.search(_SIDE, words, re.IGNORECASE).group().lower()


def _is_governorate(name: str) -> bool:
    found = place(name)
    return found is not None and found.kind == "region"


def _regions(name: str) -> frozenset:
    base = split_direction(name)[1]
    return frozenset(p for p in place_ancestors(base) | {base} if _is_governorate(p))


def part_clash(a: dict, b: dict) -> float:
    """How sure that a part of a governorate and the governorate's city cannot both be where the act happened.

    >>> part = {"part": True, "governorate": "Daraa", "cities": frozenset()}
    >>> city = {"part": False, "governorate": "Daraa", "cities": frozenset({"Daraa"})}
    >>> part_clash(part, city) > 0, part_clash({**part, "cities": frozenset({"Daraa"})}, city)
    (True, 0.0)
    """
    if a["part"] == b["part"] or a["governorate"] != b["governorate"]:
        return 0.0
    part = a if a["part"] else b
    return 0.0 if part["governorate"] in part["cities"] else active().settlement_confidence
