"""Omissions of a place where people were killed: an outlet that covers an event but never names a place (a second
strike, a part of the incident) where two or more outlets count the dead apart from their leads ("Three more
civilians were killed in a separate air strike ... in Maarret al-Numan", "Air raids in the town of Maarat al-Numan
... killed another six people"). The place of such a toll is the one :mod:`.place_counts` compares the counts of
(:func:`.place_counts.sentence_place`: the one place a sentence names below a country, not one its report's lead
names). Such a place is a part of the incident only when it lies in or near a place the report's lead names
(:func:`..details.places.places_related`: Maarat al-Numan in Idlib province, for strikes on Idlib city), not in a
round-up of the day's other incidents further away ("the air force also killed at least 10 people east of
Damascus" in a report of a bombing in Qardaha), and when no report of the event names it in its lead: a place
that leads name is the event's own place, which an outlet may give less precisely ("a town in Idlib province"),
not a part it left out. The rule of :mod:`.omissions` holds: only outlets whose reports may tell of the outlet's
incident count toward its omission.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "a", "b", "b", "c"], "sent_idx": [0, 3, 0, 3, 0],
...                         "outlet": ["x", "x", "y", "y", "z"], "published": pd.NaT,
...                         "text": ["Strikes on Idlib killed 20.", "Three were killed in Maarat al-Numan.",
...                                  "Strikes on Idlib killed 21.", "Six died in Maarat al-Numan.",
...                                  "Strikes on Idlib killed 20."]})
>>> details = pd.DataFrame({"report_id": ["a", "a", "a", "b", "b", "b", "c"], "sent_idx": [0, 3, 3, 0, 3, 3, 0],
...                         "kind": ["place", "place", "count", "place", "place", "count", "place"],
...                         "subject": ["gazetteer", "gazetteer", "killed", "gazetteer", "gazetteer", "killed",
...                                     "gazetteer"],
...                         "value": ["Idlib", "Maarat al-Numan", "3", "Idlib", "Maarat al-Numan", "6", "Idlib"],
...                         "group": [None, None, "people", None, None, "people", None]})
>>> [(r["outlet"], r["subject"]) for r in place_omissions(members, details, details)]
[('z', 'place: Maarat al-Numan')]
"""

from __future__ import annotations

import pandas as pd

from ..details.gazetteer import loose_key
from ..details.places import place_ancestors, places_related
from .core import records
from .omissions import latest_reports, omission_row, reports_of_outlets, together
from .place_counts import lead_places, sentence_place

# The tolls that make a place a key detail of the incident: where people were killed.
PLACE_TOLLS = ("killed",)
EVIDENCE_SENTENCES = 2  # the sentences of each outlet that counts the dead of the place shown as the evidence


def place_omissions(members: pd.DataFrame, stated: pd.DataFrame, named_anywhere: pd.DataFrame) -> list[dict]:
    """Omission rows (subject ``place: <place>``, ``claim_id`` -1) for outlets whose reports on an event name
    nowhere a place (nor a place inside it) where two or more outlets count the dead apart from their leads (see
    the module docstring). ``stated``: the details compared (figures, no background); ``named_anywhere``: the
    details as extracted, background included, in which the places each outlet names are read."""
    keys = ["report_id", "sent_idx"]
    firsts = members.drop_duplicates(keys)
    sentence = {(m["report_id"], m["sent_idx"]): m for m in records(firsts[["report_id", "sent_idx", "event_id",
                                                                               "outlet", "text"]])}
    stated = stated[stated["kind"].isin(["place", "count"])].merge(firsts[keys], on=keys)
    named: dict[tuple, set] = {}
    for row in records(stated[stated["kind"] == "place"]):
        named.setdefault((row["report_id"], row["sent_idx"]), set()).add(row["value"])
    leads = lead_places(named)
    counts = stated[(stated["kind"] == "count") & stated["subject"].isin(PLACE_TOLLS)]
    telling: dict[tuple, dict[str, list]] = {}  # (event, place) -> outlet -> the sentences counting its dead
    for count in records(counts):
        key = (count["report_id"], count["sent_idx"])
        place = sentence_place(frozenset(named.get(key, ())), leads.get(count["report_id"], frozenset()))
        if place is None or key not in sentence \
                or not any(places_related(place, p) for p in leads.get(count["report_id"], ())):
            continue
        member = sentence[key]
        mine = telling.setdefault((member["event_id"], place), {}).setdefault(member["outlet"], [])
        if key not in [k for k, _ in mine]:
            mine.append((key, member["text"]))
    telling = {key: by_outlet for key, by_outlet in telling.items() if len(by_outlet) > 1}
    if not telling:
        return []
    reports_of = reports_of_outlets(members)
    events = {event_id for event_id, _ in telling}
    in_leads = {(event_id, p) for (event_id, _), reports in reports_of.items() if event_id in events
                for report in reports for p in leads.get(report, ())}
    telling = {key: by_outlet for key, by_outlet in telling.items() if key not in in_leads}
    needed = {report for (event_id, _), reports in reports_of.items() if event_id in events for report in reports}
    places = named_anywhere[named_anywhere["kind"] == "place"]
    places = places[places["report_id"].isin(needed)]
    named_by: dict[str, set] = {}
    for report_id, value in zip(places["report_id"], places["value"], strict=True):
        named_by.setdefault(report_id, set()).add(value)
    latest = latest_reports(members)
    rows = []
    for (event_id, place), by_outlet in sorted(telling.items(), key=lambda item: item[0]):
        covering = sorted(outlet for (event, outlet) in reports_of if event == event_id)
        score = len(by_outlet) / len(covering)
        for outlet in covering:
            own_reports = reports_of[(event_id, outlet)]
            if outlet in by_outlet or any(names_place(named_by.get(r, set()), place) for r in own_reports):
                continue
            near = {o: said for o, said in by_outlet.items() if together(own_reports, said[0][0][0])}
            if len(near) < 2:
                continue
            first_outlet = sorted(near)[0]
            (report_id, _), text = near[first_outlet][0]
            evidence = " | ".join(dict.fromkeys(t for said in near.values() for _, t in said[:EVIDENCE_SENTENCES]))
            own = latest[(event_id, outlet)]
            rows.append(omission_row(event_id, -1, f"place: {place}", outlet, score, evidence, own["report_id"],
                                     pd.NA, own["published"],
                                     other={"other_outlet": first_outlet, "other_report_id": report_id,
                                            "other_evidence": text, "other_value": pd.NA, "confidence": score}))
    return rows


def names_place(named: set, place: str) -> bool:
    """Does a report that names the places ``named`` name ``place``, under another spelling, or a place inside it?

    >>> names_place({"Idlib", "Maarat al-Numan"}, "Maarat al-Numan"), names_place({"Idlib"}, "Maarat al-Numan")
    (True, False)
    >>> names_place({"Palmyra"}, "Homs")
    True
    """
    key = loose_key(place)
    return any(p == place or loose_key(p) == key or place in place_ancestors(p) for p in named)
