"""Directions: where a toll happened, when given by direction from one place, is compared across claim groups, as
labels are (:mod:`.labels`): one outlet's "six others in the desert north of Palmyra" and another's "14 people were
killed ... south of Palmyra" disagree when no two of their directions lie within 90 degrees of each other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..details.places import directions_compatible, split_direction
from .core import active, no_clash, outlets_apart


def event_directions(members: pd.DataFrame, details: pd.DataFrame) -> pd.DataFrame:
    """Where a toll happened, given by direction from one place, by outlets whose sentences share no claim group:
    "six others in the desert north of Palmyra" against "14 people were killed ... south of Palmyra" (see the module
    docstring). Each outlet's directions are those of its latest report on the event that gives one."""
    keys = ["report_id", "sent_idx"]
    places = details[details["kind"] == "place"]
    split = [split_direction(v) for v in places["value"]]
    places = places.assign(directions=[d for d, _ in split], base=[b for _, b in split])
    places = places[places["directions"].map(bool).astype(bool)]
    counts = details[(details["kind"] == "count") & (details["subject"] != "other")]
    places = places.merge(counts[keys + ["subject"]].rename(columns={"subject": "thing"}).drop_duplicates(), on=keys)
    places = places.merge(
        members[keys + ["event_id", "claim_id", "outlet", "published", "text"]], on=keys, suffixes=("", "_sentence")
    )
    if places.empty:
        return pd.DataFrame()
    latest = places.groupby(["event_id", "base", "thing", "outlet"])["published"].transform("max")
    places = places[places["published"] == latest]
    rows = []
    for (event_id, _, _), stated in places.groupby(["event_id", "base", "thing"], sort=True):
        by_outlet = {outlet: mine for outlet, mine in stated.groupby("outlet", sort=True)}
        directions = {outlet: tuple(d for ds in mine["directions"] for d in ds) for outlet, mine in by_outlet.items()}
        apart = outlets_apart(stated, by_outlet)
        group = []
        for outlet, mine in by_outlet.items():
            others = apart[outlet]
            if not others:
                continue
            first = mine.iloc[0]
            group.append({"event_id": event_id, "claim_id": -1, "kind": "place", "subject": "place",
                          "outlet": outlet, "value": "; ".join(dict.fromkeys(mine["value"])), "low": np.nan,
                          "high": np.nan,
                          "agrees": all(directions_compatible(directions[outlet], directions[o]) for o in others),
                          **_other_side(outlet, others, directions, by_outlet),
                          "evidence": " | ".join(dict.fromkeys(mine["text_sentence"])),
                          "report_id": first["report_id"], "sent_idx": first["sent_idx"],
                          "published": first["published"], "superseded": False})
        for row in group:
            row["score"] = sum(not r["agrees"] for r in group) / len(group)
        rows.extend(group)
    if not rows:
        return pd.DataFrame()
    # one row per outlet and place: a place may carry the toll of several things (killed, injured)
    return pd.DataFrame(rows).sort_values("agrees", kind="stable").drop_duplicates(["event_id", "outlet", "value"])




def _other_side(outlet: str, others: list, directions: dict, by_outlet: dict) -> dict:
    """The pairwise columns of a direction row: the first other outlet whose directions clash with its own."""
    for other in others:
        if not directions_compatible(directions[outlet], directions[other]):
            theirs = by_outlet[other]
            return {"other_outlet": other, "other_report_id": theirs.iloc[0]["report_id"],
                    "other_evidence": " | ".join(dict.fromkeys(theirs["text_sentence"])),
                    "other_value": "; ".join(dict.fromkeys(theirs["value"])),
                    "confidence": active().place_date_confidence}
    return no_clash()
