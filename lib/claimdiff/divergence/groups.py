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

from ..details.groups import PART
from ..details.hedges import ACT, CLAIM, OTHER, fact_of, scoped_facts
from ..details.wordings import acts
from .comparers import COMPARERS, Comparer, compare_pairwise
from .compatible import max_open, min_known, spread
from .core import PERPETRATOR_ROLES, active, grouped_records, no_clash, records
from .count_scope import continued_counts
from .totals import bound_by_totals

# The groups of a toll as a whole, and its unnamed parts: one outlet's figures of these in one sentence may each
# be what another outlet gives.
TOLL_GROUPS = ("people", "civilians", PART)
# Kinds compared only between sentences that state a key fact (see `.core.key_sentences`).
KEY_FACT_KINDS = ("date", "place")
# Compared over the whole event, not in claim groups (see `.sources`, and `.act_doubt` for acts; labels of actors
# too, see `.labels`).
EVENT_KINDS = ("attribution", "act")
# Kinds an outlet's later report revises even when it says so in another claim group (counts: only by a figure no
# smaller, :func:`.count_scope.revised_tolls`).
REVISED_ACROSS_CLAIMS = ()


def latest_statement(members: pd.DataFrame, details: pd.DataFrame) -> pd.Series:
    """When each outlet last stated each kind of detail about each event: (event, outlet, kind, subject) -> time."""
    stated = members.merge(details[["report_id", "sent_idx", "kind", "subject"]], on=["report_id", "sent_idx"])
    return stated.groupby(["event_id", "outlet", "kind", "subject"])["published"].max()


def outrun_tolls(members: pd.DataFrame, details: pd.DataFrame) -> set[tuple]:
    """The (event, outlet, subject, report) of tolls that another report of the same outlet on the event, published
    at the same time, gives larger: two versions of one story filed within the hour (a wire's first and updated
    copy) carry no order but their tolls, and a toll rises as the dead are counted; the smaller is the earlier.

    >>> members = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "event_id": 0, "outlet": "wire",
    ...                         "published": pd.Timestamp("2016-07-27")})
    >>> details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "count", "subject": "killed",
    ...                         "low": [22.0, 31.0], "high": [22.0, 31.0]})
    >>> outrun_tolls(members, details)
    {(0, 'wire', 'killed', 'a')}
    """
    counts = details[details["kind"].eq("count") & details["subject"].isin(REVISED_SUBJECTS)]
    stated = members[["report_id", "sent_idx", "event_id", "outlet", "published"]].drop_duplicates().merge(
        counts[["report_id", "sent_idx", "subject", "low", "high"]], on=["report_id", "sent_idx"])
    if stated.empty:
        return set()
    stated = stated.assign(point=stated["low"].where(stated["low"].notna(), stated["high"]))
    tolls = stated.groupby(["event_id", "outlet", "subject", "published", "report_id"])["point"].max().reset_index()
    largest = tolls.groupby(["event_id", "outlet", "subject", "published"])["point"].transform("max")
    outrun = tolls[tolls["point"].lt(largest)]
    return set(zip(outrun["event_id"], outrun["outlet"], outrun["subject"], outrun["report_id"], strict=True))


# The tolls a same-time report of the outlet may revise (see `outrun_tolls`).
REVISED_SUBJECTS = ("killed", "injured")


def compare_groups(shared: pd.DataFrame, details: pd.DataFrame, latest: pd.Series, key: set,
                   fact_key: set | None = None, outrun: set | None = None, sums: dict | None = None,
                   members: pd.DataFrame | None = None) -> list[dict]:
    """The rows of every claim group that more than one outlet makes, in claim group order; ``key``: the sentences
    that state a key fact; ``fact_key`` (default ``key``): those that state one of this event, in which dates and
    places are compared (not a sentence whose only figure is of another incident or of the whole war); ``outrun``:
    the tolls a same-time report of their outlet gives larger (:func:`outrun_tolls`), superseded; ``sums``: the
    tolls that sum their report's counts of separate places (:func:`.totals.place_sums`), which stand with each of
    those counts; ``members``: the event's sentences, where a sentence's count of people may carry on in the next
    (:func:`.count_scope.continued_counts`: "... were killed. 50 others were injured")."""
    keys = ["report_id", "sent_idx"]
    wanted = details.merge(shared[keys].drop_duplicates(), on=keys)
    by_sentence: dict[tuple, list[dict]] = {}
    for detail in records(wanted):
        by_sentence.setdefault((detail["report_id"], detail["sent_idx"]), []).append(detail)
    if members is not None:
        for sentence, carried in continued_counts(details, members).items():
            if sentence in by_sentence:
                by_sentence[sentence] = by_sentence[sentence] + carried
    revised = latest[latest.index.get_level_values("kind").isin(REVISED_ACROSS_CLAIMS)].to_dict()
    named = details[details["kind"] == "place"].groupby("report_id")["value"].agg(frozenset).to_dict()
    rows = []
    for _, members in grouped_records(shared, ["claim_id"]):
        stated = [by_sentence.get((m["report_id"], m["sent_idx"]), []) for m in members]
        around = [named.get(m["report_id"], frozenset()) for m in members]
        rows.extend(_compare_group(members, stated, revised, key, key if fact_key is None else fact_key,
                                   outrun or set(), around, sums or {}))
    return rows


def compared_pairs(rows: list[dict], kind: str) -> set[frozenset]:
    """The pairs of report ids whose details of ``kind`` a claim group compared (rows of :func:`compare_groups`).

    >>> rows = [{"kind": "date", "claim_id": 3, "report_id": r, "agrees": a} for r, a in (("a", True), ("b", False))]
    >>> compared_pairs(rows + [{"kind": "date", "claim_id": 3, "report_id": "c", "agrees": pd.NA}], "date") == {
    ...     frozenset({"a", "b"})}
    True
    """
    by_claim: dict = {}
    for row in rows:
        if row["kind"] == kind and not pd.isna(row["agrees"]):
            by_claim.setdefault(row["claim_id"], set()).add(row["report_id"])
    return {frozenset((a, b)) for reports in by_claim.values() for a in reports for b in reports if a != b}


def _thing(detail: dict) -> tuple:
    """What a detail is compared under: its kind, subject and, for counts, the group counted."""
    group = detail.get("group") if detail["kind"] == "count" else None
    return detail["kind"], detail["subject"], group if isinstance(group, str) else None


def _compare_group(members: list[dict], stated: list[list[dict]], revised: dict, key: set, fact_key: set,
                   outrun: set, around: list[frozenset] | None = None, sums: dict | None = None) -> list[dict]:
    """``outrun``: see :func:`compare_groups`; ``around``: per member, the places its report names (a place the
    other outlet names too is no clash: :func:`.comparers.named_nowhere`)."""
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
             or bool(revised.get((m["event_id"], m["outlet"], kind, subject), pd.NaT) > m["published"])
             or kind == "count" and (m["event_id"], m["outlet"], subject, m["report_id"]) in outrun}
            for m in members
        ]
        mine = [[d for d in details if _thing(d) == (kind, subject, group)]
                for details, m in zip(stated, members, strict=True)]
        places = [frozenset(d["value"] for d in details if d["kind"] == "place") for details in stated] \
            if kind == "count" else None
        # an unnamed part of a toll ("15 of the wounded") is compared with nothing as an equal: only bounded by
        # the totals (.totals)
        # ... and, as its outlet's other figures of the toll in the sentence, may be what another outlet counts
        # ("31 civilians including 10 when their bus was hit" against "ten civilians were killed when ... hit a
        # bus"; "40 civilians, the LCC put the toll at 45 dead" against "45 civilians")
        others = {(kind, subject, g) for g in TOLL_GROUPS if g != group}
        parts = [[d for d in details if _thing(d) in others] for details in stated] \
            if kind == "count" and group in TOLL_GROUPS and group != PART else None
        if kind == "count" and sums:  # a toll over several places stands with each place's count it sums
            summed = [[{"low": n, "high": n, "value": f"{n:g}"} for d in details
                       for n in sums.get((d["report_id"], d["sent_idx"], subject, d["value"]), [])] for details in mine]
            if any(summed):
                parts = [(p or []) + s for p, s in zip(parts or [[] for _ in mine], summed, strict=True)]
        compared = _compare_kind(current, mine, kind, subject, fact_key, places,
                                 as_equals=not (kind == "count" and group == PART), also=parts,
                                 around=around if kind == "place" else None)
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
    wording = set(acts())  # a wording of the act ("killing") is no party, a count of "other" things no key fact
    facts = [[d for d in details if d["kind"] in PLAIN_FACT_KINDS and not pd.isna(d.get("start"))
              and not (d["kind"] == "label" and d["subject"] in wording)
              and not (d["kind"] == "count" and d["subject"] == "other")] for details in stated]
    rows.extend(_compare_hedging(members, hedges, key, unclear, facts))
    return rows


# The key facts whose plain statement is what a hedge is compared with (the evidence of a "certain" row).
PLAIN_FACT_KINDS = ("count", "actor", "label")
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
    if isinstance(hedge.get("role"), str):  # the details stage says what it doubts (an act: see .act_doubt)
        return hedge["role"] not in (OTHER, ACT)
    facts = [d for d in details if d["kind"] in ("count", "actor", "label") and not pd.isna(d.get("start"))]
    start = hedge.get("start")
    if pd.isna(start) or not facts:
        return True
    return any(abs(int(d["start"]) - int(start)) <= HEDGE_REACH for d in facts)


def _compare_kind(members: list[dict], stated: list[list[dict]], kind: str, subject: str, key: set,
                  places: list[frozenset] | None = None, as_equals: bool = True,
                  also: list[list[dict]] | None = None, around: list[frozenset] | None = None) -> list[dict]:
    """One kind of detail in one claim group; ``key``: the sentences in which dates and places are compared;
    ``places``: per member, the places its sentence names (counts are compared like with like by place);
    ``as_equals`` False: the rows are made but compared with none another (an unnamed part of a toll); ``also``:
    per member, other figures of its sentence that its count may stand with (clashes are over all its figures);
    ``around``: places, per member, the places its report names."""
    rows = []
    for i, (member, mine) in enumerate(zip(members, stated, strict=True)):
        date_lows = [d["date_low"] for d in mine if "date_low" in d and not pd.isna(d["date_low"])]
        date_highs = [d["date_high"] for d in mine if "date_high" in d and not pd.isna(d["date_high"])]
        values = [d.get("source_type", d["value"]) if kind == "attribution" else d["value"] for d in mine]
        rows.append({
            **member_row(member, kind, subject, mine, unstated="none"),
            "values": frozenset(values), "texts": [d["text"] for d in mine],
            "intervals": [(d.get("low", np.nan), d.get("high", np.nan), d["value"])
                          for d in mine + (also[i] if also and mine else [])],
            "low": min_known([d.get("low", np.nan) for d in mine]),
            "high": max_open([d.get("high", np.nan) for d in mine]),
            "date_low": min(date_lows) if date_lows else pd.NaT,
            "date_high": max(date_highs) if date_highs else pd.NaT,
            "stated": bool(mine),
            "places": places[i] if places is not None else frozenset(),
            "around": around[i] if around is not None else None,
            "key": (member["report_id"], member["sent_idx"]) in key,
            **no_clash(), "agrees": pd.NA,
        })
    compared = [row for row in rows if not row["superseded"]]
    if kind != "attribution":  # saying nothing about the source is itself a different attribution
        compared = [row for row in compared if row["stated"]]
    if kind in KEY_FACT_KINDS:
        compared = [row for row in compared if row["key"]]
    comparer = COMPARERS[kind]
    compare_pairwise(compared, comparer, paired=None if as_equals else lambda a, b: False)
    score = spread(kind, compared, comparer.compatible)
    for row in rows:
        row["score"] = score
        row["compared"] = any(row is c for c in compared)
        for column in ("values", "texts", "intervals", "date_low", "date_high", "stated", "key", "places", "around"):
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
    """An outlet that hedges a key fact another states as fact (in the same claim group) disagrees with it, fact by
    fact: "reportedly killed 35" against "35 were killed" (a count of the killed), "believed to be Russian jets"
    against "Russian jets struck" (a party, by side); not "the suspected attack" against "35 were killed" (the
    hedge doubts no key fact), nor "probably by Russian jets" against "11 were killed" (another fact). What a hedge
    doubts is the details stage's (:func:`claimdiff.details.hedges.hedge_scope`, the hedge row's ``role`` and
    ``group``); for hedge rows without it, the facts near it. ``unclear``: per member, whether its sentence hedges
    only what is not a key fact (it is then compared with nothing). ``facts``: per member, the key facts its
    sentence states (counts, actors, labels)."""
    if not any(hedges):
        return []
    facts = facts or [[] for _ in members]
    rows = [
        {**member_row(member, "hedge", "certainty", mine, unstated="certain"), "low": np.nan, "high": np.nan,
         "hedged": bool(mine), **no_clash(), "agrees": pd.NA}
        for member, mine in zip(members, hedges, strict=True)
    ]
    for row, mine, plain in zip(rows, hedges, facts, strict=True):
        # who did it is compared once, by each outlet's answer in its opening (.doubt): "Russian jets intensified
        # their bombardment" in a report whose lead says "Syrian or Russian strikes" is no plain answer
        doers = _doer_facts(plain)
        doubted = {fact: texts for fact, texts in _doubted(mine, plain).items() if fact not in doers}
        row["doubted"] = doubted
        row["plain"] = {fact: texts for fact, texts in _stated(plain).items()
                        if fact not in doubted and fact not in doers}
        if row["plain"] and not mine:  # a plain sentence that states a key fact states its claim plainly
            row["plain"][(CLAIM, "")] = []
        if not mine and plain:
            row["evidence"] = " | ".join(dict.fromkeys(t for texts in row["plain"].values() for t in texts))
    # a claim that states a key fact in one outlet's words is a key claim: only its hedging is compared
    keyed = any((member["report_id"], member["sent_idx"]) in key for member in members)
    unclear = unclear or [False] * len(rows)
    compared = ([row for row, vague in zip(rows, unclear, strict=True)
                 if not row["superseded"] and not vague and (row["doubted"] or row["plain"])] if keyed else [])
    compare_pairwise(compared, Comparer("hedge", _fact_hedge_clash))
    for row in compared:  # a plain row's evidence: the facts the other outlet doubts
        if row["agrees"] is False and not row["doubted"]:
            other = next(o for o in compared if o["outlet"] == row["other_outlet"]
                         and o["report_id"] == row["other_report_id"])
            # in the order the sentence states them: a set's order would change with the hash seed
            shown = [t for fact, texts in row["plain"].items() if fact in other["doubted"] for t in texts]
            row["evidence"] = " | ".join(dict.fromkeys(shown)) or row["evidence"]
    hedged = [row["hedged"] for row in compared]
    score = sum(hedged) / len(hedged) if len(set(hedged)) > 1 else 0.0
    for row in rows:
        row["score"] = score
        del row["hedged"], row["doubted"], row["plain"]
    return rows


def _doer_facts(facts: list[dict]) -> set[tuple[str, str]]:
    """The parties a sentence names as doers (actors in a perpetrator role: who struck, who is blamed, who claimed
    it), as :func:`_fact_of` gives them.

    >>> _doer_facts([{"kind": "actor", "subject": "agent", "value": "Russian forces"},
    ...              {"kind": "label", "subject": "unresolved", "value": "rebels"}])
    {('party', 'Russia')}
    """
    return {_fact_of(d) for d in facts if d["kind"] == "actor"
            and (d["subject"] in PERPETRATOR_ROLES or d.get("role") in PERPETRATOR_ROLES)}


def _fact_hedge_clash(a: dict, b: dict) -> float:
    """How sure that one outlet doubts a key fact the other states plainly: ``wording_confidence`` for a figure or a
    party, ``in_passing_share`` of it for a claim doubted as a whole (no key fact in the marker's clause: it may
    doubt a detail the other outlet does not give).

    >>> plain = {"doubted": {}, "plain": {("count", "killed"): ["35"], ("claim", ""): []}}
    >>> _fact_hedge_clash({"doubted": {("count", "killed"): ["reportedly"]}, "plain": {}}, plain)
    0.5
    >>> _fact_hedge_clash({"doubted": {("claim", ""): ["claimed that"]}, "plain": {}}, plain)
    0.25
    >>> _fact_hedge_clash({"doubted": {("party", "Russia"): ["believed to"]}, "plain": {}}, plain)
    0.0
    """
    shared = set(a["doubted"]) & set(b["plain"]) | set(a["plain"]) & set(b["doubted"])
    if not shared:
        return 0.0
    if shared == {(CLAIM, "")}:
        return round(active().wording_confidence * active().in_passing_share, 2)
    return active().wording_confidence


def _fact_of(detail: dict) -> tuple[str, str]:
    return fact_of(detail["kind"], detail["subject"], detail["value"])


def _stated(facts: list[dict]) -> dict[tuple, list[str]]:
    """The key facts a sentence states (``(kind, what)``, see :func:`claimdiff.details.hedges.fact_of`), with their
    phrases."""
    stated: dict[tuple, list[str]] = {}
    for d in facts:
        stated.setdefault(_fact_of(d), []).append(d["text"])
    return stated


def _doubted(hedges: list[dict], facts: list[dict]) -> dict[tuple, list[str]]:
    """The key facts ``hedges`` doubt, with the markers' phrases: from the hedge rows' ``role`` and ``group`` where
    the details stage gave them, else every fact near a marker (every fact when the sentence states none)."""
    doubted: dict[tuple, list[str]] = {}
    for h in hedges:
        role = h.get("role")
        if isinstance(role, str):  # what the details stage says it doubts
            named = scoped_facts(h.get("group"))
            if role == CLAIM:  # "claimed that ...": the claim as a whole too
                named.append((CLAIM, ""))
            for fact in named:
                doubted.setdefault(fact, []).append(h["text"])
            continue
        near = [d for d in facts if pd.isna(h.get("start")) or abs(int(d["start"]) - int(h["start"])) <= HEDGE_REACH]
        for d in near or facts:
            doubted.setdefault(_fact_of(d), []).append(h["text"])
    return doubted
