"""The settlement where the act happened, outlet against outlet, over the whole event (rows of kind ``place``,
subject ``place of the event``, ``claim_id`` -1): the claim groups compare the places of sentences that say the
same thing, but a report's lead often places the act in a sentence no other outlet's matches ("a wedding in the
northeastern Syrian city of Hasakah" against "The bomber blew himself up in the village of Tall Tawil in Hasakeh
province").

A report's settlements are those named in the first sentence of its lead (its first :data:`.days.LEAD_SENTENCES`
sentences) that names a place below the country (background and datelines left out): a place its wording calls a
village, a town or a city (the ``role`` of its row, :mod:`claimdiff.details.grounds`), or a city of the gazetteer
named without a word that makes it its province or ground near it. A name is no settlement by itself when it is a
governorate too ("Hasakeh", "Aleppo" alone may be either); "the city of Hasakah" is. A lead that names no
settlement lets the first later sentence that retells its toll and names one place the act
(:func:`retold_places`: "48 people were killed in a Syrian village" ... "regime forces killed 48 in Hardatnin
village", often a second account).

Two reports of different outlets, filed within :data:`.days.LEAD_DAYS` of each other (as :mod:`.days` compares
days: a report filed later tells of later developments as often), clash when both leads name a settlement, every
settlement of each lies apart (:func:`settlements_apart`) from every place of the other's lead sentence that may be
one (its settlements and its plain names: "fight back in Aleppo" may be in the city), and the two leads place the
act in one governorate (the governorates their places lie in, or are, meet): leads in different governorates tell
of different incidents more often than they place one incident two ways (:mod:`.apart`); a place told past the
lead is compared only with a lead whose toll can be the one it retells. A place given by its direction from
another ("west of Aleppo city") is ground around it, no settlement. A city against a village or town of its
governorate clashes less surely (``settlement_confidence``: a village a few kilometres out is often reported as the
city) than two villages or two towns (``place_date_confidence``).

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.Timestamp("2016-10-03"), "text": [
...                             "Bomb hits city of Hasakah", "Bomb hits village of Tall Tawil in Hasakeh province"]})
>>> places = pd.DataFrame({"report_id": ["a", "b", "b"], "sent_idx": 0, "kind": "place",
...                        "value": ["Hasakah", "Tall Tawil", "Hasakah"], "role": ["city", "village", "province"],
...                        "text": ["Hasakah", "Tall Tawil", "Hasakeh province"]})
>>> [(r["outlet"], r["value"], r["agrees"], r["other_value"], r["confidence"]) for r in event_settlements(members,
...                                                                                                       places)]
[('x', 'Hasakah', False, 'Tall Tawil', 0.45), ('y', 'Tall Tawil', False, 'Hasakah', 0.45)]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..details.gazetteer import distance_km, loose_key, place, skeleton_key, top_level_names
from ..details.grounds import CITY, SETTLEMENTS
from ..details.places import NEAR_KM, place_ancestors, split_direction
from .comparers import Comparer, compare_pairwise
from .compatible import intervals_overlap, spread
from .core import TOLL_SUBJECTS, active, grouped_records
from .days import LEAD_DAYS, LEAD_SENTENCES, filed_members

SUBJECT = "place of the event"


def event_settlements(members: pd.DataFrame, stated: pd.DataFrame, leads: tuple | None = None) -> list[dict]:
    """One row per report of an event whose lead names a settlement (see the module docstring), when another
    outlet's report filed within :data:`.days.LEAD_DAYS` does too. ``members``: the event's sentences
    (``event_id``, ``report_id``, ``sent_idx``, ``outlet``, ``published``, ``text``); ``stated``: the details
    compared (no datelines, no
    background); ``leads``: :func:`.days.lead_days` of the same tables (its ``filed`` days; without it, the
    ``published`` days)."""
    if stated.empty or members.empty or "role" not in stated:
        return []
    dated = filed_members(members, leads)
    firsts = dated.sort_values(["event_id", "report_id", "sent_idx"]).drop_duplicates(["event_id", "report_id"])
    lead_end = dict(zip(firsts["report_id"], firsts["sent_idx"] + LEAD_SENTENCES, strict=True))
    places = stated[stated["kind"].eq("place") & stated["report_id"].isin(lead_end.keys())]
    countries = top_level_names()
    places = places[np.array([split_direction(str(v))[1] not in countries for v in places["value"]], dtype=bool)]
    in_lead = [sent_idx < lead_end[report] for report, sent_idx in zip(places["report_id"], places["sent_idx"],
                                                                        strict=True)]
    past_lead = places[~np.array(in_lead, dtype=bool)]
    places = places[np.array(in_lead, dtype=bool)]
    by_report: dict[str, list[dict]] = {}
    for row in places.sort_values(["report_id", "sent_idx"], kind="stable").to_dict("records"):
        mine = by_report.setdefault(row["report_id"], [])
        if not mine or mine[0]["sent_idx"] == row["sent_idx"]:  # the lead's first sentence that places the act
            mine.append(row)
    settled = {d["report_id"] for d in places.to_dict("records") if _settlement(d)}
    unsettled = set(lead_end) - settled
    tolls = lead_tolls(stated, lead_end)
    retold = retold_places(stated, past_lead, lead_end, unsettled)
    by_report.update({report: named for report, (named, _) in retold.items()})
    rows = []
    for event_id, event in grouped_records(firsts, ["event_id"]):
        statements = [_statement(event_id, report, by_report[report["report_id"]],
                                 retold[report["report_id"]][1] if report["report_id"] in retold else None,
                                 tolls.get(report["report_id"], []))
                      for report in event if report["report_id"] in by_report]
        statements = [s for s in statements if s["settlements"]]
        statements = [s for s in statements
                      if any(o["outlet"] != s["outlet"] and filed_together(s, o) for o in statements)]
        if not statements:
            continue
        rows += compared_leads(statements, settlement_clash, ("settlements", "spots", "regions", "retold", "tolls"))
    return rows


def retold_places(stated: pd.DataFrame, places: pd.DataFrame, lead_end: dict, reports: set
                  ) -> dict[str, tuple[list[dict], list[tuple]]]:
    """For each of ``reports`` (whose leads name no settlement), the place rows (of ``places``: those past the
    leads, no countries) of its first sentence past the lead (``lead_end``: each report's first sentence past it)
    that retells a toll of the lead (a count of one of :data:`.core.TOLL_SUBJECTS` that can be the lead's) and names
    a settlement, with the tolls it retells: a report that tells the toll first and where it fell further down ("48
    people were killed in a Syrian village last week ... regime forces killed 48 in Hardatnin village", a second
    account) places the act there.

    >>> stated = pd.DataFrame({"report_id": "r", "sent_idx": [0, 4, 4, 6], "kind": ["count", "count", "place",
    ...                        "place"], "subject": ["killed", "killed", "corpus", "corpus"], "value": ["at least 48",
    ...                        "48", "Hardatnin", "Rityan"], "low": [48.0, 48, None, None], "high": [None, 48, None,
    ...                        None], "role": [None, None, "village", "village"]})
    >>> named, tolls = retold_places(stated, stated[stated["kind"].eq("place")], {"r": 3}, {"r"})["r"]
    >>> [d["value"] for d in named], tolls
    (['Hardatnin'], [('killed', 48.0, 48.0)])
    """
    if not reports:
        return {}
    leads = lead_tolls(stated[stated["report_id"].isin(reports)], lead_end)
    tolls = _tolls(stated[stated["report_id"].isin(reports)])
    retold: dict[tuple, list[tuple]] = {}
    for t in tolls.to_dict("records"):
        toll = (t["subject"], t["low"], t["high"])
        if t["sent_idx"] >= lead_end[t["report_id"]] and any(tolls_meet(toll, lead)
                                                              for lead in leads.get(t["report_id"], [])):
            retold.setdefault((t["report_id"], t["sent_idx"]), []).append(toll)
    found: dict[str, tuple[list[dict], list[tuple]]] = {}
    for key, rows in grouped_records(places[places["report_id"].isin(reports)].sort_values(
            ["report_id", "sent_idx"], kind="stable"), ["report_id", "sent_idx"]):
        if key in retold and key[0] not in found and any(_settlement(d) for d in rows):
            found[key[0]] = (rows, retold[key])
    return found


def _tolls(stated: pd.DataFrame) -> pd.DataFrame:
    if "subject" not in stated:
        return stated.iloc[:0]  # places only: no tolls
    return stated[stated["kind"].eq("count") & stated["subject"].isin(TOLL_SUBJECTS)]


def lead_tolls(stated: pd.DataFrame, lead_end: dict) -> dict[str, list[tuple]]:
    """Each report's tolls in its lead: (subject, low, high)."""
    found: dict[str, list[tuple]] = {}
    for t in _tolls(stated).to_dict("records"):
        if t["report_id"] in lead_end and t["sent_idx"] < lead_end[t["report_id"]]:
            found.setdefault(t["report_id"], []).append((t["subject"], t["low"], t["high"]))
    return found


def tolls_meet(a: tuple, b: tuple) -> bool:
    """Can two tolls, (subject, low, high), be one?

    >>> tolls_meet(("killed", 48.0, float("nan")), ("killed", 48.0, 48.0)), tolls_meet(("killed", 1, 1),
    ...                                                                              ("killed", 18, 18))
    (True, False)
    """
    return a[0] == b[0] and intervals_overlap(a[1], a[2], b[1], b[2])


def filed_together(a: dict, b: dict) -> bool:
    """Were two reports filed within :data:`.days.LEAD_DAYS` of each other? Reports filed later tell of later
    developments as often; within those days they tell of the act, which happened in one place."""
    return abs((a["filed"] - b["filed"]).days) <= LEAD_DAYS


def compared_leads(statements: list[dict], clash, working: tuple[str, ...]) -> list[dict]:
    """The place rows of one event's ``statements`` (one per report's lead, each with its ``filed`` day), compared
    pairwise by ``clash`` among the reports filed together (:func:`filed_together`), each with the event's score,
    without ``filed`` and the ``working`` keys."""
    comparer = Comparer("place", clash)
    compare_pairwise(statements, comparer, paired=filed_together)
    score = spread("place", statements, comparer.compatible)
    return [{**{k: v for k, v in s.items() if k not in working and k != "filed"}, "score": score} for s in statements]


def _statement(event_id, report: dict, named: list[dict], retold: list[tuple] | None, tolls: list[tuple]) -> dict:
    """``retold``: the tolls of the sentence past the lead that places the act (:func:`retold_places`), None when
    the lead does; ``tolls``: the lead's."""
    settlements = tuple(dict.fromkeys((str(d["value"]), _role(d)) for d in named if _settlement(d)))
    # where the act may be: the settlements, and the names that may be one ("Aleppo" alone: the city or province)
    spots = tuple(dict.fromkeys((str(d["value"]), _role(d)) for d in named
                                if _settlement(d) or (_role(d) is None and not split_direction(str(d["value"]))[0])))
    return {
        "event_id": event_id, "claim_id": -1, "kind": "place", "subject": SUBJECT, "outlet": report["outlet"],
        "value": "; ".join(dict.fromkeys(name for name, _ in settlements)) or "none", "low": np.nan, "high": np.nan,
        "evidence": " | ".join(dict.fromkeys(str(d["text"]) for d in named)), "report_id": report["report_id"],
        "sent_idx": named[0]["sent_idx"], "published": report["published"], "superseded": False,
        "settlements": settlements, "spots": spots, "filed": pd.Timestamp(report["filed"]).normalize(),
        "regions": frozenset(r for d in named for r in _regions(str(d["value"]))),
        "retold": retold, "tolls": tolls,
    }


def _role(detail: dict) -> str | None:
    role = detail.get("role")
    return role if isinstance(role, str) else None


def _settlement(detail: dict) -> bool:
    """Does a lead's place row name a settlement: so called, or a city of the gazetteer named plainly?"""
    role, name = _role(detail), str(detail["value"])
    if split_direction(name)[0]:
        return False  # "west of Aleppo city": ground around the city
    if role in SETTLEMENTS:
        return True
    found = place(name)
    return role is None and found is not None and found.kind == "city"


def _regions(name: str) -> frozenset:
    """The governorates a place lies in, or is."""
    base = split_direction(name)[1]
    found = place(base)
    ups = place_ancestors(base) | {base}
    return frozenset(p for p in ups if (place(p) is not None and place(p).kind == "region")) if found else frozenset()


def settlement_clash(a: dict, b: dict) -> float:
    """How sure that the settlements of two leads (``settlements``: (name, role) pairs; ``spots``: those and the
    lead's plain names that may be a settlement; ``regions``: the governorates the leads' places lie in) cannot
    both be where the act happened (see the module docstring). A place told past a lead (``retold``: the tolls of
    its sentence) is compared only with a lead that gives a toll (``tolls``) that can be one of them."""
    if not (a["settlements"] and b["settlements"] and a["regions"] & b["regions"]):
        return 0.0
    if not all(any(tolls_meet(x, y) for x in mine["retold"] for y in theirs.get("tolls", []))
               for mine, theirs in ((a, b), (b, a)) if mine.get("retold") is not None):
        return 0.0  # a place told past the lead is of the act whose toll it retells: the other lead must tell it
    if not all(settlements_apart(x, y) for mine, theirs in ((a, b), (b, a))
               for x in mine["settlements"] for y in theirs.get("spots", theirs["settlements"])):
        return 0.0
    cities = [any(_is_city(s) for s in side["settlements"]) for side in (a, b)]
    return active().settlement_confidence if cities[0] != cities[1] else active().place_date_confidence


def _is_city(settlement: tuple) -> bool:
    name, role = settlement
    return role == CITY or (role is None and place(name) is not None and place(name).kind == "region")


def settlements_apart(x: tuple, y: tuple) -> bool:
    """Are two settlements (name, role: the kind of ground its wording says, or None) two places? Not when they are
    spellings of one name; when both lie where the gazetteer says, when they lie more than
    :data:`~claimdiff.details.places.NEAR_KM` apart and neither lies in the other but as in a governorate named as
    such; when one is not in the gazetteer (a village the corpus names), only when the wording calls both a
    settlement. A name that is another read on into the next words is that name.

    >>> settlements_apart(("Hasakah", "city"), ("Tall Tawil", "village"))
    True
    >>> settlements_apart(("Hasakah", None), ("Tall Tawil", "village")), settlements_apart(("Hadar", "village"),
    ...                                                                                     ("Al Hadir", "town"))
    (False, False)
    >>> settlements_apart(("Ashara Syrian Observatory", "town"), ("Ashara", "town"))
    False
    """
    (a, role_a), (b, role_b) = x, y
    if a == b or loose_key(a) == loose_key(b) or skeleton_key(a, 1) == skeleton_key(b, 1):
        return False  # spellings of one name ("Al-Quriyah", "al-Qurayya"): too short a name to tell is one too
    if _extends(loose_key(a), loose_key(b)) or _extends(loose_key(b), loose_key(a)):
        return False  # a name read on into the next words ("the town of Ashara Syrian Observatory said")
    if not (role_a in SETTLEMENTS and role_b in SETTLEMENTS) and (place(a) is None or place(b) is None):
        return False
    if _contains(a, role_a, b) or _contains(b, role_b, a):
        return False
    distance = distance_km(a, b)
    return not distance <= NEAR_KM  # NaN: one of them is not in the gazetteer, and both are called settlements


def _extends(longer: str, shorter: str) -> bool:
    return longer.startswith(shorter + " ")


def _contains(outer: str, role: str | None, inner: str) -> bool:
    """Does ``outer`` hold ``inner``, as a region holds its towns and a city its quarters (not a governorate named
    as its city: "the city of Hasakah" holds no village of Hasakeh province)?"""
    if outer not in place_ancestors(inner):
        return False
    return not (role in SETTLEMENTS and place(outer) is not None and place(outer).kind == "region")
