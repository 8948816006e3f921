"""Labels and directions across claim groups (rows with ``claim_id`` -1).

Labels: the words used for one side are compared over the whole event, because the sentences that label it rarely make
the same claim ("an attack by a terrorist group on a checkpoint" vs "Gunmen attacked a Syrian army checkpoint"). Each
outlet's labels for a side are read from its latest report on the event that labels that side, and compared with those
of every other outlet: one row per outlet and side, not one per claim group, so a choice of words is flagged once (claim
groups compare only the wordings of acts). Only labels of an actor that does something, is blamed or is targeted in its
sentence count (see ``role`` in ``claimdiff.details.actors``): a label only mentioned ("after the militants moved in")
is often tied to the wrong actor or to none of the event's. Labels that stand for no actor they name ("unresolved") are
compared per role, those of who did it or is blamed apart from those of who was targeted. The wordings of acts ("killed"
vs "martyred") stay within claim groups: the same verb can tell of different deaths.

Names: an outlet that calls an actor by a loaded name ("Daesh") where another uses a neutral one ("Islamic State",
"ISIS") chooses its words as with a label: such names are compared with the side's labels (:func:`name_labels`).

Directions: where a toll happened, when given by direction from one place, is compared in the same way: one
outlet's "six others in the desert north of Palmyra" and another's "14 people were killed ... south of Palmyra"
disagree when no two of their directions lie within 90 degrees of each other.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

import numpy as np
import pandas as pd

from ..details.actors import UNRESOLVED, actor_side
from ..details.lexicon import load
from ..details.places import directions_compatible, split_direction
from ..details.wordings import acts
from .comparers import COMPARERS, PLACE_DATE_CONFIDENCE, compare_pairwise
from .compatible import spread
from .core import PERPETRATOR_ROLES, grouped_records, no_clash, outlets_apart


@lru_cache(maxsize=1)
def _loaded_names() -> dict[str, tuple[str, dict[str, str]]]:
    """Per actor: its neutral name and each loaded form (lower case) with the name it stands for."""
    return {actor: (entry["neutral"], {form.lower(): name for name, forms in entry["loaded"].items() for form in forms})
            for actor, entry in load("loaded_names").items()}


@lru_cache(maxsize=1)
def _stances() -> dict[str, str]:
    """Each label with a ``stance`` in ``data/actors.yaml`` and the word whose stance it carries; and each name of
    an actor with a loaded name (``data/loaded_names.yaml``) that is not loaded ("ISIL", "ISIS") with the actor's
    neutral name ("Islamic State")."""
    stances = {name: entry["stance"] for name, entry in load("actors")["labels"].items() if entry.get("stance")}
    actors = load("actors")["actors"]
    for actor, entry in load("loaded_names").items():
        stances.update({name: entry["neutral"] for name in actors.get(actor, {}).get("names", {})
                        if name not in entry["loaded"]})
    return stances


def stance(label: str) -> str:
    """The word whose stance a label carries: "regime forces" says what "the regime" says; other labels and names
    stand for themselves.

    >>> stance("regime forces"), stance("government forces"), stance("terrorists"), stance("ISIL"), stance("Daesh")
    ('regime', 'government', 'terrorists', 'Islamic State', 'Daesh')
    """
    return _stances().get(label, label)


def name_labels(details: pd.DataFrame) -> pd.DataFrame:
    """Label rows for the names outlets give an actor with a loaded name (``data/loaded_names.yaml``): "Daesh" or,
    for any other of its names, the neutral "Islamic State"; compared with the labels of the actor's side.

    >>> d = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "kind": "actor", "subject": "agent",
    ...                   "value": "ISIS", "text": ["Daesh", "ISIL"], "role": "agent", "start": 0, "end": 4})
    >>> name_labels(d)[["kind", "subject", "value"]].values.tolist()
    [['label', 'ISIS', 'Daesh'], ['label', 'ISIS', 'Islamic State']]
    """
    names = _loaded_names()
    actors = details[(details["kind"] == "actor") & details["value"].isin(list(names))]
    if actors.empty:
        return details.iloc[0:0]
    value = [names[v][1].get(str(t).lower(), names[v][0]) for v, t in zip(actors["value"], actors["text"], strict=True)]
    role = actors["role"] if "role" in actors else actors["subject"]
    return actors.assign(kind="label", subject=actors["value"].map(actor_side), value=value,
                         role=role.where(role.notna(), actors["subject"]))


def event_labels(members: pd.DataFrame, comparable: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Labels of one side by outlets whose sentences share no claim group labelling it (see the module docstring)."""
    labels = comparable[(comparable["kind"] == "label") & ~comparable["subject"].isin(acts())].merge(
        members[["report_id", "sent_idx", "event_id", "claim_id", "outlet", "published"]], on=["report_id", "sent_idx"]
    )
    if labels.empty:
        return pd.DataFrame()
    roles = labels["role"].astype(object).fillna("mentioned")
    # a label only mentioned counts when it names its side itself ("the regime"); one that stands for no actor
    # ("the militants") is often tied to the wrong actor
    labels = labels[roles.ne("mentioned") | labels["subject"].ne(UNRESOLVED)]
    # who did it and who was targeted are different actors when neither is named
    perpetrator = roles.isin(PERPETRATOR_ROLES).reindex(labels.index)
    labels = labels.assign(side=labels["subject"].where(
        labels["subject"].ne(UNRESOLVED), UNRESOLVED + perpetrator.map({True: " perpetrator", False: " target"})))
    latest = labels.groupby(["event_id", "side", "outlet"])["published"].transform("max")
    labels = labels.assign(latest=labels["published"].eq(latest) | latest.isna())
    rows = []
    mine = labels[labels["latest"]].sort_values(["report_id", "sent_idx", "start"], kind="stable")
    for (event_id, _side), stated in groupby(grouped_records(mine, ["event_id", "side", "outlet"]),
                                             key=lambda item: item[0][:2]):
        by_outlet = {outlet: group for (_, _, outlet), group in stated}
        values = {outlet: frozenset(stance(d["value"]) for d in group) for outlet, group in by_outlet.items()}
        apart = {outlet: [o for o in by_outlet if o != outlet] for outlet in by_outlet}
        group_rows = []
        for outlet, group in by_outlet.items():
            others = apart[outlet]
            if not others:
                continue
            first = group[0]
            group_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "label", "subject": first["subject"], "outlet": outlet,
                "value": "; ".join(sorted(values[outlet])), "low": np.nan, "high": np.nan,
                "evidence": " | ".join(dict.fromkeys(d["text"] for d in group)), "report_id": first["report_id"],
                "sent_idx": first["sent_idx"], "published": first["published"], "superseded": False,
                "values": values[outlet], "others": others,
            })
        compare_pairwise(group_rows, COMPARERS["label"], paired=lambda a, b: b["outlet"] in a["others"])
        score = spread("label", group_rows, COMPARERS["label"].compatible)
        rows.extend({**{k: v for k, v in row.items() if k not in ("values", "others")}, "score": score}
                    for row in group_rows)
    return pd.DataFrame(rows)


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
                    "other_value": "; ".join(dict.fromkeys(theirs["value"])), "confidence": PLACE_DATE_CONFIDENCE}
    return no_clash()
