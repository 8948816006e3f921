"""Counts of one place apart from a report's lead: a second strike or a part of the incident that several outlets
count in sentences that were not grouped into one claim ("Three more civilians were killed in a separate air strike
... in Maarret al-Numan" against "Air raids in the town of Maarat al-Numan ... killed another six people").

The claim groups compare the counts of sentences grouped together, and :mod:`.counts` each outlet's toll of the
event; neither sets one outlet's count of a place its report names after the lead against another's count of that
place in a sentence of another claim group. Here two outlets' counts of one subject are compared when each sentence
names one and the same place below a country (its most specific, after the country and the wide places around it:
:func:`sentence_place`), a place that neither report's lead names (the lead's place is the event's toll, compared by
:mod:`.counts`), and no claim group holds both sentences. A figure of the people and one of the civilians of a place
are one count (as claim groups compare them); an outlet's figures of the place in its latest report that gives one
stand together (it clashes only when none of them can stand with the other's).
"""

from __future__ import annotations

import pandas as pd

from ..details.gazetteer import top_level_names
from ..details.groups import PART
from .comparers import COMPARERS, compare_pairwise
from .compatible import max_open, min_known, most_specific, spread
from .core import records

# The groups whose counts of a place are one count (claimdiff.divergence.groups.TOLL_GROUPS less the unnamed part).
PLACE_TOLL_GROUPS = ("people", "civilians")
# The subjects compared: a toll of a place.
PLACE_SUBJECTS = ("killed", "injured")


def sentence_place(places: frozenset, lead: frozenset) -> str | None:
    """The one place a sentence names below a country and apart from its report's lead (``lead``: the places the
    lead names, with their containing places), or None: none, or several.

    >>> sentence_place(frozenset({"Maarat al-Numan", "Idlib"}), frozenset({"Idlib"}))
    'Maarat al-Numan'
    >>> sentence_place(frozenset({"Idlib"}), frozenset({"Idlib"}))
    >>> sentence_place(frozenset({"Hass", "Kafr Nabl"}), frozenset())
    """
    own = most_specific(frozenset(places) - top_level_names())
    if len(own) != 1:
        return None
    (place,) = own
    return None if place in lead else place


def place_counts(members: pd.DataFrame, details: pd.DataFrame) -> list[dict]:
    """The rows of counts of one place apart from the leads (see the module docstring), compared outlet against
    outlet; ``details`` as compared (figures, with the places of their sentences)."""
    keys = ["report_id", "sent_idx"]
    details = details.merge(members[keys].drop_duplicates(), on=keys)
    named: dict[tuple, set] = {}
    for row in records(details[details["kind"] == "place"]):
        named.setdefault((row["report_id"], row["sent_idx"]), set()).add(row["value"])
    leads = lead_places(named)
    counts = details[(details["kind"] == "count") & details["subject"].isin(PLACE_SUBJECTS)
                     & details["group"].isin(PLACE_TOLL_GROUPS)]
    if counts.empty:
        return []
    sentence = members.drop_duplicates(keys).set_index(keys)
    by_place: dict[tuple, dict[str, list[dict]]] = {}
    for count in records(counts):
        key = (count["report_id"], count["sent_idx"])
        place = sentence_place(frozenset(named.get(key, ())), leads.get(count["report_id"], frozenset()))
        if place is None or key not in sentence.index:
            continue
        member = sentence.loc[key]
        by_place.setdefault((member["event_id"], count["subject"], place), {}).setdefault(member["outlet"], []).append(
            {**count, "claim_id": member["claim_id"], "published": member["published"], "sentence": member["text"]})
    rows = []
    for (event_id, subject, place), by_outlet in sorted(by_place.items(), key=lambda item: item[0]):
        if len(by_outlet) < 2:
            continue
        statements = [_statement(event_id, subject, place, outlet, mine) for outlet, mine in sorted(by_outlet.items())]
        together = {(a["outlet"], b["outlet"]) for a in statements for b in statements if a["claims"] & b["claims"]}
        compare_pairwise(statements, COMPARERS["count"],
                         paired=lambda a, b, shared=together: (a["outlet"], b["outlet"]) not in shared)
        compared = [s for s in statements if any((s["outlet"], o["outlet"]) not in together
                                                 for o in statements if o is not s)]
        score = spread("count", compared, COMPARERS["count"].compatible)
        rows += [{**{k: v for k, v in s.items() if k not in ("claims", "intervals", "places")}, "score": score}
                 for s in compared]
    return rows


def _statement(event_id, subject: str, place: str, outlet: str, mine: list[dict]) -> dict:
    """One outlet's count of a place: the figures of its latest report that gives one."""
    latest = max(m["published"] for m in mine if not pd.isna(m["published"])) \
        if any(not pd.isna(m["published"]) for m in mine) else pd.NaT
    mine = [m for m in mine if pd.isna(latest) or m["published"] == latest]
    first = mine[0]
    return {"event_id": event_id, "claim_id": -1, "kind": "count", "subject": subject, "outlet": outlet,
            "value": "; ".join(dict.fromkeys(m["value"] for m in mine)),
            "low": min_known([m["low"] for m in mine]), "high": max_open([m["high"] for m in mine]),
            "evidence": " | ".join(dict.fromkeys(m["sentence"] for m in mine)), "report_id": first["report_id"],
            "sent_idx": first["sent_idx"], "published": first["published"], "superseded": False,
            "claims": {m["claim_id"] for m in mine}, "places": frozenset({place}),
            "intervals": [(m["low"], m["high"], m["value"]) for m in mine if m.get("group") != PART]}


def lead_places(named: dict[tuple, set]) -> dict[str, frozenset]:
    """Per report, the places its lead names below a country (the first sentence that names one, and the next)."""
    countries = top_level_names()
    by_report: dict[str, list[tuple]] = {}
    for (report, i), places in named.items():
        below = set(places) - countries
        if below:
            by_report.setdefault(report, []).append((i, below))
    leads = {}
    for report, sentences in by_report.items():
        first = min(i for i, _ in sentences)
        leads[report] = frozenset(p for i, places in sentences if i <= first + 1 for p in places)
    return leads
