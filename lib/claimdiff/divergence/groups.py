"""Claim groups: each outlet's sentence in a group that more than one outlet makes, compared detail by detail with
the other outlets' sentences of the group (see :mod:`.comparers`).

Counts (but those of sentences that sum up a period or several incidents) are compared per thing counted
(``subject`` and ``group`` of the details table: killed civilians with killed civilians), a part against a total
only as bounded by it (:mod:`.totals`), and each outlet's later report that gives the count again, in any claim
group of the event, supersedes its earlier one (an update, not a contradiction). Dates and places are compared only
between sentences that state a key fact of the event (a figure or who did it: :func:`.core.key_sentences`), hedging
only in claim groups where some outlet states one: the day of a background remark or the hedge of a quote is not a
divergence a researcher would cite. Sources are compared over the whole event (:mod:`.sources`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..details.wordings import acts
from .comparers import COMPARERS, compare_pairwise
from .compatible import max_open, min_known, spread
from .core import grouped_records, no_clash, records
from .totals import bound_by_totals

# Kinds compared only between sentences that state a key fact (see `.core.key_sentences`).
KEY_FACT_KINDS = ("date", "place")
# Compared over the whole event, not in claim groups (see `.sources`; labels of actors too, see `.labels`).
EVENT_KINDS = ("attribution",)
# Kinds an outlet's later report revises even when it says so in another claim group.
REVISED_ACROSS_CLAIMS = ("count",)


def latest_statement(members: pd.DataFrame, details: pd.DataFrame) -> pd.Series:
    """When each outlet last stated each kind of detail about each event: (event, outlet, kind, subject) -> time."""
    stated = members.merge(details[["report_id", "sent_idx", "kind", "subject"]], on=["report_id", "sent_idx"])
    return stated.groupby(["event_id", "outlet", "kind", "subject"])["published"].max()


def compare_groups(shared: pd.DataFrame, details: pd.DataFrame, latest: pd.Series, key: set,
                   fact_key: set | None = None) -> list[dict]:
    """The rows of every claim group that more than one outlet makes, in claim group order; ``key``: the sentences
    that state a key fact; ``fact_key`` (default ``key``): those that state one of this event, in which dates and
    places are compared (not a sentence whose only figure is of another incident or of the whole war)."""
    keys = ["report_id", "sent_idx"]
    wanted = details.merge(shared[keys].drop_duplicates(), on=keys)
    by_sentence: dict[tuple, list[dict]] = {}
    for detail in records(wanted):
        by_sentence.setdefault((detail["report_id"], detail["sent_idx"]), []).append(detail)
    revised = latest[latest.index.get_level_values("kind").isin(REVISED_ACROSS_CLAIMS)].to_dict()
    rows = []
    for _, members in grouped_records(shared, ["claim_id"]):
        stated = [by_sentence.get((m["report_id"], m["sent_idx"]), []) for m in members]
        rows.extend(_compare_group(members, stated, revised, key, key if fact_key is None else fact_key))
    return rows


def _thing(detail: dict) -> tuple:
    """What a detail is compared under: its kind, subject and, for counts, the group counted."""
    group = detail.get("group") if detail["kind"] == "count" else None
    return detail["kind"], detail["subject"], group if isinstance(group, str) else None


def _compare_group(members: list[dict], stated: list[list[dict]], revised: dict, key: set, fact_key: set
                   ) -> list[dict]:
    rows, counts = [], {}
    things = sorted({_thing(d) for mine in stated for d in mine if not (pd.isna(d["kind"]) or pd.isna(d["subject"]))},
                    key=lambda t: (t[0], t[1], t[2] or ""))
    for kind, subject, group in things:
        if kind == "hedge" or kind in EVENT_KINDS or (kind == "label" and subject not in acts()):
            continue
        # A later report of the same outlet on the same event that gives this count again supersedes this one,
        # even when the two sentences ended up in different claim groups: a toll is revised. Other details (a
        # source, a place, a date) named in another claim are another statement, not a revision of this one.
        current = [
            {**m, "superseded": m["superseded"]
             or bool(revised.get((m["event_id"], m["outlet"], kind, subject), pd.NaT) > m["published"])}
            for m in members
        ]
        mine = [[d for d in details if _thing(d) == (kind, subject, group)]
                for details, m in zip(stated, members, strict=True)]
        places = [frozenset(d["value"] for d in details if d["kind"] == "place") for details in stated] \
            if kind == "count" else None
        compared = _compare_kind(current, mine, kind, subject, fact_key, places)
        if kind == "count":
            counts.setdefault(subject, {}).setdefault(group, []).extend(compared)
        rows.extend(compared)
    for by_group in counts.values():  # a part (children, fighters) against another outlet's total
        bound_by_totals(by_group)
    for row in rows:
        row.pop("compared", None)
    hedges = [[d for d in details if d["kind"] == "hedge"] for details in stated]
    unclear = [bool(mine) and not any(_near_key_fact(h, details) for h in mine)
               for mine, details in zip(hedges, stated, strict=True)]
    facts = [[d for d in details if d["kind"] in PLAIN_FACT_KINDS and not pd.isna(d.get("start"))]
             for details in stated]
    rows.extend(_compare_hedging(members, hedges, key, unclear, facts))
    return rows


# The key facts whose plain statement is what a hedge is compared with (the evidence of a "certain" row).
PLAIN_FACT_KINDS = ("count", "actor", "label")
# A label names a doer too: "alleged rebels" hedges who they were, as "believed to be Russian jets" does.
_FACT_OF = {"count": "count", "actor": "doer", "label": "doer"}
# How near (in characters) a hedge must be to a figure, a doer or a label of its sentence to hedge a key fact.
HEDGE_REACH = 60


def _near_key_fact(hedge: dict, details: list[dict]) -> bool:
    """Does a hedge sit next to a key fact of its sentence (a count, an actor, a label): "reportedly killed 35",
    "believed to have been carried out by Russian aircraft", "alleged rebels"; not "the toll may rise" far from
    the figure, nor the hedge of a quote about something else? A sentence that states no such fact has nothing else
    the hedge could be about.

    >>> h = {"kind": "hedge", "start": 10}
    >>> _near_key_fact(h, [{"kind": "count", "start": 30}]), _near_key_fact(h, [{"kind": "count", "start": 200}])
    (True, False)
    >>> _near_key_fact(h, [])
    True
    """
    facts = [d for d in details if d["kind"] in ("count", "actor", "label") and not pd.isna(d.get("start"))]
    start = hedge.get("start")
    if pd.isna(start) or not facts:
        return True
    return any(abs(int(d["start"]) - int(start)) <= HEDGE_REACH for d in facts)


def _compare_kind(members: list[dict], stated: list[list[dict]], kind: str, subject: str, key: set,
                  places: list[frozenset] | None = None) -> list[dict]:
    """One kind of detail in one claim group; ``key``: the sentences in which dates and places are compared;
    ``places``: per member, the places its sentence names (counts are compared like with like by place)."""
    rows = []
    for i, (member, mine) in enumerate(zip(members, stated, strict=True)):
        date_lows = [d["date_low"] for d in mine if "date_low" in d and not pd.isna(d["date_low"])]
        date_highs = [d["date_high"] for d in mine if "date_high" in d and not pd.isna(d["date_high"])]
        values = [d.get("source_type", d["value"]) if kind == "attribution" else d["value"] for d in mine]
        rows.append({
            **member_row(member, kind, subject, mine, unstated="none"),
            "values": frozenset(values), "texts": [d["text"] for d in mine],
            "intervals": [(d.get("low", np.nan), d.get("high", np.nan), d["value"]) for d in mine],
            "low": min_known([d.get("low", np.nan) for d in mine]),
            "high": max_open([d.get("high", np.nan) for d in mine]),
            "date_low": min(date_lows) if date_lows else pd.NaT,
            "date_high": max(date_highs) if date_highs else pd.NaT,
            "stated": bool(mine),
            "places": places[i] if places is not None else frozenset(),
            "key": (member["report_id"], member["sent_idx"]) in key,
            **no_clash(), "agrees": pd.NA,
        })
    compared = [row for row in rows if not row["superseded"]]
    if kind != "attribution":  # saying nothing about the source is itself a different attribution
        compared = [row for row in compared if row["stated"]]
    if kind in KEY_FACT_KINDS:
        compared = [row for row in compared if row["key"]]
    comparer = COMPARERS[kind]
    compare_pairwise(compared, comparer)
    score = spread(kind, compared, comparer.compatible)
    for row in rows:
        row["score"] = score
        row["compared"] = any(row is c for c in compared)
        for column in ("values", "texts", "intervals", "date_low", "date_high", "stated", "key", "places"):
            del row[column]
    return rows


def member_row(member: dict, kind: str, subject: str, mine: list[dict], unstated: str) -> dict:
    """The columns every row of one outlet's sentence shares; ``unstated`` is the value when it says nothing."""
    return {
        "event_id": member["event_id"],
        "claim_id": member["claim_id"],
        "kind": kind,
        "subject": subject,
        "outlet": member["outlet"],
        "value": "; ".join(dict.fromkeys(d["value"] for d in mine)) if mine else unstated,
        "evidence": " | ".join(d["text"] for d in mine) if mine else member["text"],
        "report_id": member["report_id"],
        "sent_idx": member["sent_idx"],
        "published": member["published"],
        "superseded": member["superseded"],
    }


def _compare_hedging(members: list[dict], hedges: list[list[dict]], key: set, unclear: list[bool] | None = None,
                     facts: list[list[dict]] | None = None) -> list[dict]:
    """An outlet that hedges a key fact another states as fact (in the same claim group) disagrees with it.
    ``unclear``: per member, whether its sentence hedges something that is not a key fact (it is then compared with
    nothing: it neither states the fact plainly nor hedges it). ``facts``: per member, the key facts its sentence
    states (counts, doers): the evidence of a sentence that states them plainly."""
    if not any(hedges):
        return []
    facts = facts or [[] for _ in members]
    rows = [
        {**member_row(member, "hedge", "certainty", mine, unstated="certain"), "low": np.nan, "high": np.nan,
         "hedged": bool(mine), **no_clash(), "agrees": pd.NA}
        for member, mine in zip(members, hedges, strict=True)
    ]
    for row, mine, plain in zip(rows, hedges, facts, strict=True):
        row["facts"] = _hedged_facts(mine, plain) if mine else {_FACT_OF[d["kind"]] for d in plain}
        if not mine and plain:
            row["evidence"] = " | ".join(dict.fromkeys(d["text"] for d in plain if d["kind"] != "label"))
            row["evidence"] = row["evidence"] or " | ".join(dict.fromkeys(d["text"] for d in plain))
    # a claim that states a key fact in one outlet's words is a key claim: only its hedging is compared
    keyed = any((member["report_id"], member["sent_idx"]) in key for member in members)
    unclear = unclear or [False] * len(rows)
    compared = ([row for row, vague in zip(rows, unclear, strict=True) if not row["superseded"] and not vague]
                if keyed else [])
    # a hedge is compared with a plain statement of the same kind of fact: "reportedly killed 35" with "35 were
    # killed", "believed to be Russian jets" with "Russian jets struck"
    compare_pairwise(compared, COMPARERS["hedge"], paired=lambda a, b: bool(a["facts"] & b["facts"]))
    hedged = [row["hedged"] for row in compared]
    score = sum(hedged) / len(hedged) if len(set(hedged)) > 1 else 0.0
    for row in rows:
        row["score"] = score
        del row["hedged"], row["facts"]
    return rows


def _hedged_facts(hedges: list[dict], facts: list[dict]) -> set[str]:
    """The kinds of fact (count, doer) that ``hedges`` sit next to; every kind when the sentence states none.

    >>> sorted(_hedged_facts([{"start": 10}], [{"kind": "count", "start": 30}, {"kind": "actor", "start": 300}]))
    ['count']
    >>> sorted(_hedged_facts([{"start": 10}], []))
    ['count', 'doer']
    """
    near = {_FACT_OF[d["kind"]] for d in facts for h in hedges
            if pd.isna(h.get("start")) or abs(int(d["start"]) - int(h["start"])) <= HEDGE_REACH}
    return near or set(_FACT_OF.values())
