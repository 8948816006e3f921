"""Where outlets diverge: compare the details of each claim group across outlets, and find omissions.

For every claim group that more than one outlet makes, and every kind of detail stated in it (a count of the
killed, a date, a place, an actor blamed, a label, an attribution, hedging), each outlet gets one row with what it
says and whether that can be true together with what every other outlet says:

- counts: intervals that do not overlap disagree ("at least 21" agrees with "22", not with "18");
- dates: day intervals that do not overlap disagree ("April 17" vs "Thursday, April 18"). Each phrase already
  carries its own uncertainty ("last night" and "Thursday night" span two days, "last week" seven), so no further
  tolerance is added; ``score`` keeps how many days apart they are;
- places: two outlets disagree when each names a place that lies neither in nor around any place the other names
  ("near Jasim" vs "near Nawa"), not when one is only more specific ("in Syria" vs "near al-Sukhnah, Homs"; see
  ``within`` in ``data/places.yaml``);
- actors, labels, attributions: two outlets disagree when each names something the other does not;
- hedging: an outlet that hedges a claim another states as fact disagrees with it.

What is compared: each kind of count separately (killed with killed), each actor role separately (who did it,
who is blamed, who was targeted; actors only mentioned are not claims about them), labels per side they stand
for ("the regime" and "government forces" both stand for the Syrian government's side; see ``side`` in
``data/actors.yaml``), and all places, all dates and all sources of a sentence together, whatever gazetteer, date form or source
type they came from.

An outlet's earlier report on the same claim is compared with nothing: its row is kept with ``superseded`` set,
so a toll raised from 18 to 21 reads as an update, in time order, not as a contradiction. An outlet that covers an
event but says nothing in a claim group that most of the event's outlets share gets an ``omission`` row (subject
``claim``); an outlet that makes a claim in which at least two others say who did it ("drones launched by HTS"), and
names none of those parties anywhere in its reports on the event, gets one with subject ``perpetrator``.

Counts across claim groups (rows with ``claim_id`` -1): one sentence often carries several claims (a toll, a
place, who did it), so two outlets may give a count of the same thing in sentences that were not grouped ("about
600 greenhouses in Jableh and Banias" vs "more than 700 greenhouses were damaged in the Jableh area alone").
Each outlet's count of a thing for the event is read from its latest report that gives one, the way
:func:`claimdiff.details.document_counts` estimates a report's toll (the largest figure, statistics over a period
or several incidents left out), with the interval of the phrase that gives it. Two outlets' counts are compared
this way only when no claim group holds a count of that thing from both (there the group comparison says more),
and only when their sentences name one place below a country (or one place and a place within it) and no days
that cannot be the same (a count on another day is of another incident): a count
with nothing tying it to the ground is often background ("drone attacks ... have killed dozens of civilians"
beside "no casualties were reported"; "the six-year war has killed hundreds of thousands").
A thing is the details table's ``group`` of a count (its subject, or for ``other`` the noun counted), so that
greenhouses are not compared with villages.

Labels across claim groups (rows with ``claim_id`` -1): the words used for one side are compared over the whole
event, because the sentences that label it rarely make the same claim ("an attack by a terrorist group on a
checkpoint" vs "Gunmen attacked a Syrian army checkpoint"). Each outlet's labels for a side are read from its latest
report on the event that labels that side, and compared with those of every outlet that shares no claim group
labelling that side with it (there the group comparison says it). Only labels of an actor that does something, is
blamed or is targeted in its sentence count ("an attack by a terrorist group", "strikes on militant hideouts"; see
``role`` in ``claimdiff.details.actors``): a label only mentioned ("after the militants moved in") is often tied
to the wrong actor or to none of the event's. Labels that stand for no actor they name ("unresolved") are compared
per role, those of who did it or is blamed apart from those of who was targeted. The wordings of acts ("killed"
vs "martyred") stay within claim groups: the same verb can tell of different deaths. The roles are the details
table's ``role`` column; without it labels are compared within claim groups only.

Where a toll happened, when given by direction from one place, is compared across claim groups in the same way:
one outlet's "six others in the desert north of Palmyra" and another's "14 people were killed ... south of Palmyra"
(sentences that give a count of the same thing; each outlet's latest report on the event that gives one) disagree
when no two of their directions lie within 90 degrees of each other. Other places are compared only within claim
groups: an event may span several places, and directions in sentences without a toll often name other ground ("the
road south of Manbij" beside "al-Tukhar, north of Manbij").

>>> import pandas as pd
>>> claims = pd.DataFrame({"claim_id": [0, 0], "event_id": [0, 0], "report_id": ["a", "b"], "sent_idx": [0, 0],
...                        "outlet": ["wire", "blog"], "text": ["21 killed", "18 killed"], "similarity": [.9, .9]})
>>> details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": [0, 0], "kind": "count", "subject": "killed",
...                         "value": ["21", "18"], "low": [21.0, 18.0], "high": [21.0, 18.0], "text": ["21", "18"],
...                         "start": 0, "end": 2})
>>> reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2024-04-19", "2024-04-19"])})
>>> compare_details(claims, details, reports)[["outlet", "value", "agrees", "score"]].values.tolist()
[['blog', '18', False, 1.1666666666666667], ['wire', '21', False, 1.1666666666666667]]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import schema
from .details import DETAILS, document_counts, row_estimates
from .details.actors import UNRESOLVED, actor_side
from .details.wordings import acts
from .details.places import directions_compatible, place_ancestors, places_related, split_direction
from .stagecache import cached_stage

DIVERGENCE: schema.Schema = {
    "event_id": "int64",
    "claim_id": "int64",  # -1 for rows that concern the event as a whole
    "kind": "str",  # count, date, place, actor, label, attribution, hedge, omission
    "subject": "str",
    "outlet": "str",
    "value": "str",  # what the outlet says; "none" when it states no such detail in the claim, missing for omissions
    "low": "float64",
    "high": "float64",
    "agrees": "boolean",  # can this be true together with what every other outlet says? missing: not comparable
    "score": "float64",  # how far apart the outlets are on this claim and detail (see `_score`)
    "evidence": "str",  # the words the value rests on
    "report_id": "str",
    "sent_idx": "Int64",
    "published": "datetime64[ns]",
    "superseded": "bool",  # a later report of the same outlet restates this claim
}

SET_KINDS = ("place", "actor", "label", "attribution")
# Kinds whose subject says only where the detail came from (gazetteer or corpus; relative or explicit date; source
# type): compared together, under one subject.
POOLED_SUBJECT = {"place": "place", "date": "date", "attribution": "source"}
# Actor roles that are claims about the actor; "mentioned" is not.
ACTOR_ROLES = ("agent", "blamed", "target")
# Kinds an outlet's later report revises even when it says so in another claim group (see `_compare_group`).
REVISED_ACROSS_CLAIMS = ("count",)
# Dates that do not pin a claim to a day or a night place it in its context ("in 2019", "this year", "last month",
# "earlier this week"): not compared. A date is compared when it spans at most this many days and its phrase names
# no week, month or year as such (on a Monday, "this week" resolves to one day but means the days before).
MAX_DATE_DAYS = 2
_PERIOD_WORD = re.compile(r"\b(?:weeks?|weekend|months?|years?)\b", re.IGNORECASE)
# Of the event's outlets, this share (and at least two) must state a claim for its absence elsewhere to count.
OMISSION_SHARE = 0.5
# Actor roles that say who did it; an outlet that names none of the doers others name leaves the perpetrator out.
PERPETRATOR_ROLES = ("agent", "blamed")


@cached_stage("divergence")
def compare_details(
    claims: pd.DataFrame, details: pd.DataFrame, reports: pd.DataFrame, omission_share: float = OMISSION_SHARE
) -> pd.DataFrame:
    """One row per outlet, claim group and kind of detail: the columns of :data:`DIVERGENCE`."""
    if claims.empty:
        return schema.empty(DIVERGENCE)
    details = schema.conform(details, DETAILS)  # tables made before `role` and `group` existed get them empty
    raw_details, details = details, comparable_details(details)
    members = claims.merge(
        reports[["id", "published"]].rename(columns={"id": "report_id"}), on="report_id", how="left"
    )
    members["superseded"] = _superseded(members)
    latest = _latest_statement(members, details)
    shared = members[members.groupby("claim_id")["outlet"].transform("nunique") > 1]
    rows = [pd.DataFrame(_compare_groups(shared, details, latest) + _omissions(members, omission_share)
                         + _perpetrator_omissions(shared, raw_details, members))]
    rows.append(_event_counts(members, raw_details, details, reports))
    rows.append(_event_labels(members, details, reports))
    rows.append(_event_directions(members, details))
    table = pd.concat([r for r in rows if not r.empty] or [schema.empty(DIVERGENCE)], ignore_index=True)
    table = table.sort_values(["event_id", "claim_id", "kind", "subject", "outlet", "published"], kind="stable")
    return schema.conform(table[list(DIVERGENCE)], DIVERGENCE)


def comparable_details(details: pd.DataFrame) -> pd.DataFrame:
    """The details that are compared, with the subject they are compared under (see the module docstring).

    >>> day = pd.Timestamp
    >>> d = pd.DataFrame({"kind": ["place", "date", "date", "actor", "actor"],
    ...                   "subject": ["corpus", "relative", "explicit", "agent", "mentioned"],
    ...                   "value": ["Nawa", "2024-04-19", "2019-01-01..2019-12-31", "ISIS", "Russia"],
    ...                   "text": ["Nawa", "Friday", "in 2019", "ISIS", "Russia"],
    ...                   "date_low": [pd.NaT, day("2024-04-19"), day("2019-01-01"), pd.NaT, pd.NaT],
    ...                   "date_high": [pd.NaT, day("2024-04-19"), day("2019-12-31"), pd.NaT, pd.NaT]})
    >>> comparable_details(d)[["kind", "subject", "value"]].values.tolist()
    [['place', 'place', 'Nawa'], ['date', 'date', '2024-04-19'], ['actor', 'agent', 'ISIS']]
    """
    kept = details[(details["kind"] != "actor") | details["subject"].isin(ACTOR_ROLES)]
    if "date_low" in kept:
        wide = (kept["date_high"] - kept["date_low"]) >= pd.Timedelta(days=MAX_DATE_DAYS)
        period = kept["text"].astype(str).str.contains(_PERIOD_WORD)
        kept = kept[~(kept["kind"].eq("date") & (wide.fillna(False) | period))]
    pooled = kept["kind"].map(POOLED_SUBJECT)
    subject = pooled.where(pooled.notna(), kept["subject"])
    subject = subject.where(kept["kind"] != "label", subject.map(actor_side))
    return kept.assign(subject=subject).reset_index(drop=True)


def summarise_divergence(divergence: pd.DataFrame) -> pd.DataFrame:
    """Per event: claim groups compared, how many diverge, and how many outlet-level disagreements of each kind."""
    current = divergence[~divergence["superseded"]]
    disagreeing = current[current["agrees"].eq(False).fillna(False)]
    summary = current.groupby("event_id").agg(n_claims_compared=("claim_id", lambda c: c[c >= 0].nunique()))
    summary["n_claims_diverging"] = disagreeing[disagreeing["kind"] != "omission"].groupby("event_id")[
        "claim_id"
    ].nunique()
    by_kind = disagreeing.groupby(["event_id", "kind"]).size().unstack(fill_value=0).add_prefix("n_")
    summary = summary.join(by_kind).fillna(0).astype("int64").reset_index()
    return summary


def _superseded(members: pd.DataFrame) -> pd.Series:
    latest = members.groupby(["claim_id", "outlet"])["published"].transform("max")
    return members["published"].lt(latest).fillna(False)


def _latest_statement(members: pd.DataFrame, details: pd.DataFrame) -> pd.Series:
    """When each outlet last stated each kind of detail about each event: (event, outlet, kind, subject) -> time."""
    stated = members.merge(details[["report_id", "sent_idx", "kind", "subject"]], on=["report_id", "sent_idx"])
    return stated.groupby(["event_id", "outlet", "kind", "subject"])["published"].max()


def _compare_groups(shared: pd.DataFrame, details: pd.DataFrame, latest: pd.Series) -> list[dict]:
    """The rows of every claim group that more than one outlet makes, in claim group order (see `_compare_group`)."""
    keys = ["report_id", "sent_idx"]
    wanted = details.merge(shared[keys].drop_duplicates(), on=keys)
    by_sentence: dict[tuple, list[dict]] = {}
    for detail in wanted.to_dict("records"):
        by_sentence.setdefault((detail["report_id"], detail["sent_idx"]), []).append(detail)
    revised = latest[latest.index.get_level_values("kind").isin(REVISED_ACROSS_CLAIMS)].to_dict()
    rows = []
    for _, group in shared.groupby("claim_id", sort=True):
        members = group.to_dict("records")
        rows.extend(_compare_group(members, [by_sentence.get((m["report_id"], m["sent_idx"]), []) for m in members],
                                   revised))
    return rows


def _compare_group(members: list[dict], stated: list[list[dict]], revised: dict) -> list[dict]:
    """One claim group's rows: ``stated`` holds each member's details, ``revised`` when each outlet last gave each
    kind of detail that a later report revises across claim groups."""
    rows = []
    pairs = sorted({(d["kind"], d["subject"]) for mine in stated for d in mine if _present(d["kind"], d["subject"])})
    for kind, subject in pairs:
        if kind == "hedge":
            continue
        # A later report of the same outlet on the same event that gives this count again supersedes this one,
        # even when the two sentences ended up in different claim groups: a toll is revised. Other details (a
        # source, a place, a date) named in another claim are another statement, not a revision of this one.
        current = [
            {**m, "superseded": m["superseded"]
             or bool(revised.get((m["event_id"], m["outlet"], kind, subject), pd.NaT) > m["published"])}
            for m in members
        ]
        mine = [[d for d in details if d["kind"] == kind and d["subject"] == subject] for details in stated]
        rows.extend(_compare_kind(current, mine, kind, subject))
    hedges = [[d for d in details if d["kind"] == "hedge"] for details in stated]
    rows.extend(_compare_hedging(members, hedges))
    return rows


def _present(kind, subject) -> bool:
    return not (pd.isna(kind) or pd.isna(subject))


def _compare_kind(members: list[dict], stated: list[list[dict]], kind: str, subject: str) -> list[dict]:
    rows = []
    for member, mine in zip(members, stated):
        lows, highs = [d.get("low", np.nan) for d in mine], [d.get("high", np.nan) for d in mine]
        date_lows = [d["date_low"] for d in mine if "date_low" in d and not pd.isna(d["date_low"])]
        date_highs = [d["date_high"] for d in mine if "date_high" in d and not pd.isna(d["date_high"])]
        rows.append(
            {
                **_member_row(member, kind, subject, mine, unstated="none"),
                "values": frozenset(d["value"] for d in mine),
                "low": _min_known(lows),
                "high": _max_open(highs),
                "date_low": min(date_lows) if date_lows else pd.NaT,
                "date_high": max(date_highs) if date_highs else pd.NaT,
                "stated": bool(mine),
                "agrees": pd.NA,
            }
        )
    compared = [row for row in rows if not row["superseded"]]
    if kind != "attribution":  # saying nothing about the source is itself a different attribution
        compared = [row for row in compared if row["stated"]]
    for row in compared:
        row["agrees"] = all(_compatible(kind, row, other) for other in compared if other["outlet"] != row["outlet"])
    score = _score(kind, compared)
    for row in rows:
        row["score"] = score
        for column in ("values", "date_low", "date_high", "stated"):
            del row[column]
    return rows


def _member_row(member: dict, kind: str, subject: str, mine: list[dict], unstated: str) -> dict:
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


def _compatible(kind: str, a: pd.Series, b: pd.Series) -> bool:
    if kind == "count":
        return _overlap(a["low"], a["high"], b["low"], b["high"])
    if kind == "date":
        return dates_compatible(a["date_low"], a["date_high"], b["date_low"], b["date_high"])
    if kind == "place":
        return places_compatible(a["values"], b["values"])
    return sets_compatible(a["values"] or frozenset({"none"}), b["values"] or frozenset({"none"}))


def sets_compatible(mine: frozenset, theirs: frozenset) -> bool:
    """Two sets of actors, labels or sources clash only when each names something the other does not."""
    return not (mine - theirs and theirs - mine)


def places_compatible(mine: frozenset, theirs: frozenset) -> bool:
    """Two sets of places clash only when each holds a place that lies neither in, around nor across any place of
    the other; of each set only its most specific places count ("Jasim, Daraa" is compared as "Jasim").

    >>> places_compatible(frozenset({"Jasim", "Daraa"}), frozenset({"Nawa", "Daraa"}))
    False
    >>> places_compatible(frozenset({"Syria"}), frozenset({"al-Sukhnah", "Homs"}))
    True
    """
    mine, theirs = _most_specific(mine), _most_specific(theirs)

    def alone(place, others):
        return not any(places_related(place, other) for other in others)
    return not (any(alone(p, theirs) for p in mine) and any(alone(p, mine) for p in theirs))


def _most_specific(places: frozenset) -> frozenset:
    inner = {a for p in places for a in place_ancestors(p)}
    return frozenset(p for p in places if p not in inner)


def dates_compatible(low_a, high_a, low_b, high_b) -> bool:
    """Can two day intervals both be true? They must share a day; a missing interval is compatible with any.

    >>> day = pd.Timestamp
    >>> dates_compatible(day("2024-04-17"), day("2024-04-17"), day("2024-04-18"), day("2024-04-18"))
    False
    >>> dates_compatible(day("2024-04-17"), day("2024-04-18"), day("2024-04-18"), day("2024-04-18"))
    True
    """
    if pd.isna(low_a) or pd.isna(low_b):
        return True
    return bool(max(low_a, low_b) <= min(high_a, high_b))


def intervals_overlap(low_a, high_a, low_b, high_b) -> bool:
    """Can two counts both be true? Missing bounds are open (0 below, infinity above)."""
    return _overlap(low_a, high_a, low_b, high_b)


def _overlap(low_a, high_a, low_b, high_b) -> bool:
    low_a, low_b = np.nan_to_num(low_a, nan=0.0), np.nan_to_num(low_b, nan=0.0)
    high_a, high_b = np.nan_to_num(high_a, nan=np.inf), np.nan_to_num(high_b, nan=np.inf)
    return bool(max(low_a, low_b) <= min(high_a, high_b))


def _max_open(highs: list) -> float:
    return np.nan if any(pd.isna(h) for h in highs) else max(highs, default=np.nan)


def _min_known(values: list) -> float:
    known = [v for v in values if not pd.isna(v)]
    return min(known) if known else np.nan


def _score(kind: str, compared: list[dict]) -> float:
    """Counts: ratio of the largest to the smallest stated value; dates: days between the farthest dates;
    other kinds: share of outlets that disagree with at least one other."""
    if len(compared) < 2:
        return np.nan
    if kind == "count":
        points = [row["high"] if pd.isna(row["low"]) else row["low"] for row in compared]
        points = [p for p in points if not pd.isna(p) and p > 0]
        return float(max(points) / min(points)) if len(points) >= 2 else np.nan
    if kind == "date":
        lows = [row["date_low"] for row in compared if not pd.isna(row["date_low"])]
        highs = [row["date_high"] for row in compared if not pd.isna(row["date_high"])]
        if len(lows) < 2 or not highs:
            return np.nan
        return float(max((max(lows) - min(highs)).days, 0))
    disagree = sum(
        not all(_compatible(kind, row, other) for j, other in enumerate(compared) if j != i)
        for i, row in enumerate(compared)
    )
    return disagree / len(compared)


def _compare_hedging(members: list[dict], hedges: list[list[dict]]) -> list[dict]:
    if not any(hedges):
        return []
    rows = [
        {**_member_row(member, "hedge", "certainty", mine, unstated="certain"), "low": np.nan, "high": np.nan,
         "hedged": bool(mine)}
        for member, mine in zip(members, hedges)
    ]
    current = [row["hedged"] for row in rows if not row["superseded"]]
    mixed = len(set(current)) > 1
    score = sum(current) / len(current) if mixed else 0.0
    for row in rows:
        row["agrees"] = pd.NA if row["superseded"] else not mixed
        row["score"] = score
        del row["hedged"]
    return rows


def _omissions(members: pd.DataFrame, share: float) -> list[dict]:
    outlets = members.groupby("event_id")["outlet"].agg(lambda o: sorted(o.unique())).to_dict()
    stating = members.groupby(["event_id", "claim_id"], sort=True)["outlet"].agg(set)
    # The earliest sentence of each claim group stands for it.
    first = members.sort_values(["published", "report_id"], kind="stable").drop_duplicates(["event_id", "claim_id"])
    example = first.set_index(["event_id", "claim_id"])["text"].to_dict()
    rows = []
    for (event_id, claim_id), said in stating.items():
        covering = outlets[event_id]
        if len(said) < max(2, share * len(covering)) or len(said) == len(covering):
            continue
        for outlet in covering:
            if outlet in said:
                continue
            rows.append(
                {
                    "event_id": event_id,
                    "claim_id": claim_id,
                    "kind": "omission",
                    "subject": "claim",
                    "outlet": outlet,
                    "value": pd.NA,
                    "low": np.nan,
                    "high": np.nan,
                    "agrees": False,
                    "score": len(said) / len(covering),
                    "evidence": example[(event_id, claim_id)],
                    "report_id": pd.NA,
                    "sent_idx": pd.NA,
                    "published": pd.NaT,
                    "superseded": False,
                }
            )
    return rows


def _perpetrator_omissions(shared: pd.DataFrame, details: pd.DataFrame, members: pd.DataFrame) -> list[dict]:
    """Omission rows (subject ``perpetrator``) for outlets that make a claim but leave out who did it.

    In a claim group where at least two outlets name who did it (an actor as agent or blamed, e.g. "drones launched
    by HTS", "launched by terrorist organizations"), an outlet of the group whose sentence names no one in those
    roles, and whose reports on the event name none of those parties anywhere (in any role, or by a label standing
    for them), gets a row: it says what happened and not who did it. ``details`` as extracted (actors only mentioned
    count as naming).
    """
    actors = details[details["kind"].isin(["actor", "label"])]
    side = np.where(actors["kind"] == "actor", actors["value"], actors["subject"])
    actors = actors.assign(side=[actor_side(s) for s in side])
    doers = actors[(actors["kind"] == "actor") & actors["subject"].isin(PERPETRATOR_ROLES)]
    doers_of: dict[tuple, set] = {}
    evidence_of: dict[tuple, list] = {}
    for report_id, sent_idx, party, text in zip(doers["report_id"], doers["sent_idx"], doers["side"], doers["text"]):
        doers_of.setdefault((report_id, sent_idx), set()).add(party)
        evidence_of.setdefault((report_id, sent_idx), []).append(text)
    sides_of: dict[str, set] = {}
    for report_id, party in zip(actors["report_id"], actors["side"]):
        sides_of.setdefault(report_id, set()).add(party)
    reports_of: dict[tuple, set] = {}
    for event_id, outlet, report_id in zip(members["event_id"], members["outlet"], members["report_id"]):
        reports_of.setdefault((event_id, outlet), set()).add(report_id)
    groups: dict = {}
    for member in shared[~shared["superseded"]].to_dict("records"):
        groups.setdefault(member["claim_id"], []).append(member)
    rows = []
    for claim_id, group in sorted(groups.items(), key=lambda item: item[0]):
        said = [doers_of.get((m["report_id"], m["sent_idx"]), set()) for m in group]
        naming = {m["outlet"] for m, mine in zip(group, said) if mine}
        if len(naming) < 2:
            continue
        named = set().union(*said)
        evidence = " | ".join(dict.fromkeys(
            " | ".join(evidence_of[(m["report_id"], m["sent_idx"])]) for m, mine in zip(group, said) if mine))
        outlets = {m["outlet"] for m in group}
        for member in group:
            if member["outlet"] in naming:
                continue
            if any(sides_of.get(report, set()) & named for report in reports_of[(member["event_id"], member["outlet"])]):
                continue
            rows.append({"event_id": member["event_id"], "claim_id": claim_id, "kind": "omission",
                         "subject": "perpetrator", "outlet": member["outlet"], "value": pd.NA, "low": np.nan,
                         "high": np.nan, "agrees": False, "score": len(naming) / len(outlets),
                         "evidence": evidence, "report_id": member["report_id"], "sent_idx": member["sent_idx"],
                         "published": member["published"], "superseded": False})
    return rows


def _outlets_apart(stated: pd.DataFrame, outlets) -> dict[str, list[str]]:
    """For each of ``outlets``, the others that share no claim group with it among the ``stated`` rows (whose
    ``claim_id`` and ``outlet`` say which outlet tells what in which claim group): the pairs that event-wide
    comparisons add, since the claim groups already compare the rest.

    >>> _outlets_apart(pd.DataFrame({"claim_id": [1, 1, 2], "outlet": ["a", "b", "c"]}), ["a", "b", "c"])
    {'a': ['c'], 'b': ['c'], 'c': ['a', 'b']}
    """
    together = {(a, b) for members in stated.groupby("claim_id")["outlet"].agg(set) for a in members for b in members}
    return {outlet: [o for o in outlets if o != outlet and (outlet, o) not in together] for outlet in outlets}


def _event_directions(members: pd.DataFrame, details: pd.DataFrame) -> pd.DataFrame:
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
        apart = _outlets_apart(stated, by_outlet)
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


def _event_counts(
    members: pd.DataFrame, details: pd.DataFrame, comparable: pd.DataFrame, reports: pd.DataFrame
) -> pd.DataFrame:
    """Counts of one thing by outlets whose sentences share no claim group (see the module docstring); ``details``
    as extracted (its period dates leave statistics out of a report's count), ``comparable`` its places and days."""
    no_dates = {c: pd.NaT for c in ("date_low", "date_high") if c not in details}
    details, comparable = details.assign(**no_dates), comparable.assign(**no_dates)
    anchors = comparable[comparable["kind"].isin(["place", "date"])]
    counts = details[details["kind"] == "count"].merge(
        members[["report_id", "sent_idx", "event_id", "claim_id", "outlet", "published", "text"]],
        on=["report_id", "sent_idx"], suffixes=("", "_sentence"),
    )
    if counts.empty:
        return pd.DataFrame()
    counts["thing"] = counts["group"]
    counts = counts[counts["thing"].notna()]
    # Of each outlet's counts of a thing in an event, those of its latest report(s) that give one.
    latest = counts["published"] == counts.groupby(["event_id", "thing", "outlet"])["published"].transform("max")
    estimates = _count_estimates(counts[latest], members[["report_id", "sent_idx", "text"]]).to_dict()
    counts = counts.assign(latest=latest, estimate=row_estimates(counts))
    by_thing: dict[tuple, list[dict]] = {}
    for count in counts.to_dict("records"):
        by_thing.setdefault((count["event_id"], count["thing"]), []).append(count)
    named: dict[str, list[dict]] = {}
    for anchor in anchors[["report_id", "sent_idx", "kind", "value", "date_low", "date_high"]].to_dict("records"):
        named.setdefault(anchor["report_id"], []).append(anchor)
    rows = []
    for (event_id, thing), stated in sorted(by_thing.items(), key=lambda item: item[0]):
        outlets_by_claim: dict = {}
        for count in stated:
            outlets_by_claim.setdefault(count["claim_id"], set()).add(count["outlet"])
        shared = [outlets for outlets in outlets_by_claim.values() if len(outlets) > 1]
        together = {(a, b) for outlets in shared for a in outlets for b in outlets}
        latest_by_outlet: dict[str, list[dict]] = {}
        for count in stated:
            if count["latest"]:
                latest_by_outlet.setdefault(count["outlet"], []).append(count)
        statements = {}
        for outlet, mine in sorted(latest_by_outlet.items(), key=lambda item: item[0]):
            statement = _report_count(mine, estimates[_count_key(event_id, thing, mine[0]["report_id"])])
            if statement is not None:
                statements[outlet] = statement
        anchor = {o: _anchor(named.get(row["report_id"], []), row["sentences"]) for o, row in statements.items()}
        for outlet, row in statements.items():
            others = [o for o in statements if o != outlet and (outlet, o) not in together
                      and _same_ground(anchor[outlet], anchor[o])]
            if not others:
                continue
            agrees = all(_overlap(row["low"], row["high"], statements[o]["low"], statements[o]["high"])
                         for o in others)
            row = {k: v for k, v in row.items() if k != "sentences"}
            rows.append({**row, "event_id": event_id, "claim_id": -1, "kind": "count", "subject": thing,
                         "outlet": outlet, "agrees": agrees, "superseded": False})
    by_subject: dict[tuple, list[dict]] = {}
    for row in rows:
        by_subject.setdefault((row["event_id"], row["subject"]), []).append(row)
    for group in by_subject.values():
        score = _score("count", group)
        for row in group:
            row["score"] = score
    return pd.DataFrame(rows)


def _event_labels(members: pd.DataFrame, comparable: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Labels of one side by outlets whose sentences share no claim group labelling it (see the module docstring)."""
    labels = comparable[(comparable["kind"] == "label") & ~comparable["subject"].isin(acts())].merge(
        members[["report_id", "sent_idx", "event_id", "claim_id", "outlet", "published"]], on=["report_id", "sent_idx"]
    )
    if labels.empty:
        return pd.DataFrame()
    roles = labels["role"].astype(object).fillna("mentioned")
    labels = labels[roles.ne("mentioned")]
    # who did it and who was targeted are different actors when neither is named
    perpetrator = roles.isin(PERPETRATOR_ROLES).reindex(labels.index)
    labels = labels.assign(side=labels["subject"].where(
        labels["subject"].ne(UNRESOLVED), UNRESOLVED + perpetrator.map({True: " perpetrator", False: " target"})))
    latest = labels.groupby(["event_id", "side", "outlet"])["published"].transform("max")
    labels = labels.assign(latest=labels["published"].eq(latest) | latest.isna())
    rows = []
    for (event_id, side), stated in labels.groupby(["event_id", "side"], sort=True):
        mine = stated[stated["latest"]].sort_values(["report_id", "sent_idx", "start"], kind="stable")
        by_outlet = {outlet: group for outlet, group in mine.groupby("outlet", sort=True)}
        values = {outlet: frozenset(group["value"]) for outlet, group in by_outlet.items()}
        apart = _outlets_apart(stated, by_outlet)
        group_rows = []
        for outlet, group in by_outlet.items():
            others = apart[outlet]
            if not others:
                continue
            first = group.iloc[0]
            group_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "label", "subject": first["subject"], "outlet": outlet,
                "value": "; ".join(sorted(values[outlet])), "low": np.nan, "high": np.nan,
                "agrees": all(sets_compatible(values[outlet], values[o]) for o in others),
                "evidence": " | ".join(dict.fromkeys(group["text"])), "report_id": first["report_id"],
                "sent_idx": first["sent_idx"], "published": first["published"], "superseded": False,
                "values": values[outlet],
            })
        score = _score("label", group_rows)
        rows.extend({**{k: v for k, v in row.items() if k != "values"}, "score": score} for row in group_rows)
    return pd.DataFrame(rows)


def _count_key(event_id, thing: str, report_id) -> str:
    return f"{event_id}\x1f{thing}\x1f{report_id}"


def _count_estimates(counts: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """:func:`document_counts`'s estimate of each thing each report counts in each event, by `_count_key`: one call,
    with each (event, thing, report) standing as a report of its own (an estimate depends on its report's rows and
    sentences only)."""
    keys = [_count_key(*k) for k in zip(counts["event_id"], counts["thing"], counts["report_id"])]
    rows = counts.assign(report_id=keys, subject="thing")
    own = counts[["report_id"]].assign(key=keys).drop_duplicates().merge(sentences, on="report_id")
    own = own.drop(columns="report_id").rename(columns={"key": "report_id"})
    return document_counts(rows, "thing", list(dict.fromkeys(keys)), own)


def _report_count(stated: list[dict], estimate: float) -> dict | None:
    """One report's count of one thing: the phrase that gives its :func:`document_counts` ``estimate``, or None.
    ``stated``: the count rows of the report(s), each with its ``row_estimates`` as ``estimate``."""
    giving = [count for count in stated if count["estimate"] == estimate]
    if pd.isna(estimate) or not giving:
        return None
    first = giving[0]
    return {"value": "; ".join(dict.fromkeys(c["value"] for c in giving)),
            "low": _min_known([c["low"] for c in giving]), "high": _max_open([c["high"] for c in giving]),
            "evidence": " | ".join(dict.fromkeys(c["text_sentence"] for c in giving)),
            "report_id": stated[0]["report_id"], "sent_idx": first["sent_idx"], "published": first["published"],
            "sentences": list(dict.fromkeys(c["sent_idx"] for c in giving))}


def _anchor(named: list[dict], sent_idxs: list) -> tuple[frozenset, list]:
    """The places and the days the sentences of a count name; ``named``: the places and days of its report."""
    mine = [n for n in named if n["sent_idx"] in sent_idxs]
    places = frozenset(n["value"] for n in mine if n["kind"] == "place")
    days = [(n["date_low"], n["date_high"]) for n in mine if n["kind"] == "date"]
    return places, days


def _same_ground(a: tuple[frozenset, list], b: tuple[frozenset, list]) -> bool:
    """Do two counts' sentences name one place below a country, or one place and a place within it, and no days
    that cannot be the same?

    >>> _same_ground((frozenset({"Jableh", "Banias"}), []), (frozenset({"Jableh"}), []))
    True
    >>> _same_ground((frozenset({"Damascus", "Syria"}), []), (frozenset({"Idlib", "Syria"}), []))
    False
    """
    (places_a, days_a), (places_b, days_b) = a, b
    if days_a and days_b and not any(dates_compatible(*x, *y) for x in days_a for y in days_b):
        return False
    for p in places_a:
        for q in places_b:
            broader = p if p in place_ancestors(q) else q if (q in place_ancestors(p) or q == p) else None
            if broader is not None and place_ancestors(broader):
                return True
    return False
