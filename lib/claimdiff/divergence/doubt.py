"""Is who did it stated as fact or hedged: compared over the whole event (rows of kind ``hedge``, subject
``certainty of who did it``, ``claim_id`` -1).

Outlets often say who struck in their title or lead, where sentences of different outlets rarely fall into one
claim group: "An airstrike by Russian warplanes killed 18" in one, "an air strike believed to have been carried out
by Russian aircraft" in another. Each outlet's first report's opening (its first :data:`LEAD_SENTENCES`
sentences: the title, the lead with the toll and the sentences after it, where who did it is often told; the
first report, as for its sources (:mod:`.sources`), is the one that tells the incident as news; where its opening
names no doer or only says who did it is not known, the outlet's next report that names one) names doers (the
actors of :func:`.perpetrators.event_perpetrators`); a doer is hedged when a certainty marker doubts it
(:func:`claimdiff.details.hedges.hedge_scope`: "believed to have been carried out by Russian aircraft", not "the
alleged rebels" beside "regime forces") or when the report only says someone blamed it (role ``blamed``:
"activists blamed Russian jets"). The first sentence of the opening that says who did it gives the outlet's
answer: it states the doer as fact when it names one plainly, else hedges it ("An airstrike by Russian warplanes
killed 18", then "likely carried out by Russian jets" in the body, states it; "a gas attack believed to be by Syrian
jets", then "Syrian regime jets pounded the town", hedges it). The rest of the opening adds the sides its mentions
as sure as that first answer name; a report whose first answer is that who did it is not known ("Syrian or Russian
air strikes") is left to the actors (:mod:`.perpetrators`), not made sure by a line of context after it, and the
outlet's answer is that of its next report that names a doer, if any ("rebels blamed Russian warplanes" the next
day: the outlet has the doer only as an accusation). Two
outlets are compared only when they name a doer of the same side: hedging the regime is no answer to naming ISIS
plainly.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.NaT, "text": ["Russian jets killed 9.", "Jets believed to be Russian"]})
>>> details = pd.DataFrame({"report_id": ["a", "b", "b"], "sent_idx": 0, "kind": ["actor", "actor", "hedge"],
...                         "subject": ["agent", "agent", "hedge"], "value": ["Russia", "Russia", "it is believed"],
...                         "text": ["Russian jets", "Russian", "believed to be"], "start": [0, 20, 5]})
>>> [(r["outlet"], r["value"], r["agrees"]) for r in doer_hedging(members, details)]
[('x', 'certain', False), ('y', 'it is believed', False)]
"""

from __future__ import annotations

from itertools import groupby

import numpy as np
import pandas as pd

from ..details.actors import actor_side
from ..details.hedges import PARTY, fact_of, scoped_facts
from .comparers import compared_rows
from .core import PERPETRATOR_ROLES, grouped_records, unnamed_by_label
from .groups import HEDGE_REACH

SUBJECT = "certainty of who did it"
# Measured on FA-KES dev (all hedge flags, gold events): with the first 2 sentences 20 flags, 13 real, 8 of 21
# gold hedges found; with 6, 30 flags, 20 real, 9 found (the doer named after the toll: "... killed 58. Syrian
# regime jets pounded the town"). With the 3 of who did it (.perpetrators: title and lead), on 2026-12-07: 34 flags,
# 26 real, 10 found, against 40, 30, 11 with 6: outlets tell whom they suspect after a lead of quotes ("at least six
# air raids by suspected Russian jets" in a fifth sentence), so the opening stays longer than the lead.
LEAD_SENTENCES = 6
_NOBODY = {"unknown", "unclaimed", "unidentified", "unresolved"}
ACCUSED = "accused"  # the marker of a doer only said to be blamed
UNKNOWN = "unknown"  # the doer of "it was not clear who carried out the strike" (``unknown`` in data/actors.yaml)


def _doer_rows(details: pd.DataFrame) -> pd.DataFrame:
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    doers = details[(details["kind"] == "actor") & (details["subject"].isin(PERPETRATOR_ROLES)
                                                    | role.isin(PERPETRATOR_ROLES)) & ~unnamed_by_label(details)]
    return doers.assign(role=role.reindex(doers.index))


def _mentions(doers: list[dict], hedges: list[dict], named: frozenset = frozenset()
              ) -> list[tuple[str, str, str | None]]:
    """(side, text, marker or None) of each doer a sentence names. A sentence that says who did it is unknown
    names its doers as candidates ("it was not clear whether Syrian or Russian warplanes carried out the raids"):
    neither stated nor hedged, but unknown (one mention of side and marker :data:`UNKNOWN`), which the actors
    compare (:mod:`.perpetrators`).

    >>> _mentions([{"value": "unknown", "subject": "agent", "text": "not clear whether"},
    ...            {"value": "Russia", "subject": "agent", "text": "Russian jets"}], [])
    [('unknown', 'not clear whether', 'unknown')]

    A party a marker doubts that no actor or label of its sentence names (``named``: their sides) is the one its
    complement names ("the planes are believed to be Russian": :func:`claimdiff.details.hedges.complement_parties`),
    a doer said hedged:

    >>> _mentions([], [{"value": "it is believed", "text": "are believed to be", "role": "party",
    ...                 "group": "party:Russia"}])
    [('Russia', 'are believed to be', 'it is believed')]
    """
    if any(d["value"] == UNKNOWN for d in doers):
        return [(UNKNOWN, d["text"], UNKNOWN) for d in doers if d["value"] == UNKNOWN][:1]
    found = []
    for d in doers:
        side = actor_side(d["value"])
        if d["value"] in _NOBODY or side in _NOBODY:
            continue
        near = [h for h in hedges if _doubts(h, d, side)]
        marker = near[0]["value"] if near else (ACCUSED if d.get("role") == "blamed" or d["subject"] == "blamed"
                                                 else None)
        found.append((side, near[0]["text"] if near else d["text"], marker))
    sides = {side for side, _, _ in found}
    for h in hedges:
        if h.get("role") != PARTY:
            continue
        for kind, side in scoped_facts(h.get("group")):
            if kind == PARTY and side not in named and side not in sides and side not in _NOBODY:
                found.append((side, h["text"], h["value"]))
                sides.add(side)
    return found


def _first_answer(members: list[dict], by_sentence: dict) -> list[tuple[dict, list]]:
    """The sentences of the first report (``members``: an outlet's lead sentences, its reports in news order) whose
    opening answers who did it, each with its mentions (:func:`_mentions`); [] when none does. An opening whose
    first answer is that who did it is not known gives none: a later report of the outlet that names a doer is its
    answer ("it was not clear whether Syrian or Russian jets struck", then the next day "rebels blamed Russian
    warplanes"), and the actors compare the unknown doer (:mod:`.perpetrators`)."""
    for _, report in groupby(members, key=lambda m: m["report_id"]):
        said_by = [(m, _mentions(**_said(by_sentence, m))) for m in report]
        said_by = [(m, found) for m, found in said_by if found]
        if said_by and not all(side == UNKNOWN for side, _, _ in said_by[0][1]):
            return said_by
    return []


def _said(by_sentence: dict, member: dict) -> dict:
    """The doers and the hedges of a member's sentence, and the sides its actors and labels name, as
    :func:`_mentions` takes them."""
    said = by_sentence.get((member["report_id"], member["sent_idx"]), {})
    return {"doers": said.get("doers", []), "hedges": said.get("hedges", []),
            "named": frozenset(said.get("named", []))}


def _named_sides(details: pd.DataFrame, hedges: pd.DataFrame) -> pd.DataFrame:
    """``report_id``, ``sent_idx`` and ``side`` of the actors and labels of the sentences in which a hedge doubts a
    party (:func:`claimdiff.details.hedges.fact_of`)."""
    role = hedges["role"] if "role" in hedges else pd.Series(pd.NA, index=hedges.index)
    doubting = hedges.loc[role.eq(PARTY).fillna(False).astype(bool), ["report_id", "sent_idx"]].drop_duplicates()
    parties = details[details["kind"].isin(["actor", "label"])].merge(doubting, on=["report_id", "sent_idx"])
    sides = [fact_of(k, s, v)[1] for k, s, v in zip(parties["kind"], parties["subject"], parties["value"], strict=True)]
    return parties[["report_id", "sent_idx"]].assign(side=sides)


def _doubts(hedge: dict, doer: dict, side: str) -> bool:
    """Does a hedge doubt this doer: the party the details stage found in its scope (the hedge row's ``role`` and
    ``group``), or for hedge rows without them, a marker next to the doer?"""
    if isinstance(hedge.get("role"), str):
        return (PARTY, side) in scoped_facts(hedge.get("group"))
    return (not pd.isna(hedge.get("start")) and not pd.isna(doer.get("start"))
            and abs(int(hedge["start"]) - int(doer["start"])) <= HEDGE_REACH)


def in_news_order(members: pd.DataFrame, held: frozenset = frozenset(), by: tuple[str, ...] = ()) -> pd.DataFrame:
    """``members`` with each outlet's report that tells its event's incident as news first: by filing time and id
    (then ``by``), but a report ``held`` apart from most of its event's reports (``(event_id, report_id)`` pairs:
    :func:`.apart.held_apart`) after the others, as it tells of another incident than the event's (an earlier
    shelling merged into the event of a chemical attack filed the same morning).

    >>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "published": pd.NaT})
    >>> in_news_order(members)["report_id"].tolist(), in_news_order(members, {(0, "a")})["report_id"].tolist()
    (['a', 'b'], ['b', 'a'])
    """
    keys = members[["published", "report_id", *by]].reset_index(drop=True)  # sorted alone: one copy of members
    if held:
        keys["away"] = [(event, report) in held
                        for event, report in zip(members["event_id"], members["report_id"], strict=True)]
    order = keys.sort_values(["away"] * bool(held) + ["published", "report_id", *by], kind="stable").index
    return members.iloc[order]


def first_leads(members: pd.DataFrame, held: frozenset = frozenset()) -> pd.DataFrame:
    """The members that are the opening (the first :data:`LEAD_SENTENCES` sentences) of each outlet's first report
    on each event (:func:`in_news_order`; ``held``: the reports held apart from their events): where it tells the
    incident as news (as for its sources, :mod:`.sources`), one row per sentence, by event, outlet and sentence."""
    lead = news_leads(members, held)
    first = lead.groupby(["event_id", "outlet"])["report_id"].transform("first")
    current = lead[lead["report_id"].eq(first)]  # one row per sentence already (news_leads)
    return current.sort_values(["event_id", "outlet", "report_id", "sent_idx"], kind="stable")


def news_leads(members: pd.DataFrame, held: frozenset = frozenset()) -> pd.DataFrame:
    """The members that are the opening (the first :data:`LEAD_SENTENCES` sentences) of each report, its reports in
    news order (:func:`in_news_order`) within each event and outlet, by sentence within each report."""
    lead = in_news_order(members[members["sent_idx"] < LEAD_SENTENCES], held)
    rank = pd.Series(pd.factorize(lead["report_id"])[0], index=lead.index)  # the report's place in news order
    lead = lead.assign(_rank=rank).sort_values(["event_id", "outlet", "_rank", "sent_idx"], kind="stable")
    return lead.drop_duplicates(["event_id", "outlet", "report_id", "sent_idx"]).drop(columns="_rank")


def doer_hedging(members: pd.DataFrame, details: pd.DataFrame, held: frozenset = frozenset()) -> list[dict]:
    """One row per outlet and event whose lead names a doer, compared outlet against outlet; ``held``: the
    ``(event_id, report_id)`` of the reports held apart from their events (:func:`first_leads`)."""
    by_sentence: dict[tuple, dict[str, list[dict]]] = {}
    hedges = details[details["kind"] == "hedge"]
    for kind, rows in (("doers", _doer_rows(details)), ("hedges", hedges)):
        for row in rows.to_dict("records"):
            by_sentence.setdefault((row["report_id"], row["sent_idx"]), {}).setdefault(kind, []).append(row)
    for report_id, sent_idx, side in _named_sides(details, hedges).itertuples(index=False):
        by_sentence.setdefault((report_id, sent_idx), {}).setdefault("named", []).append(side)
    current = news_leads(members, held)
    rows = []
    # the records made once for the whole table, not a pandas call per outlet and event
    for event_id, event in groupby(grouped_records(current, ["event_id", "outlet"]), key=lambda item: item[0][0]):
        outlet_rows = []
        for (_, outlet), reports in event:
            said_by = _first_answer(reports, by_sentence)
            if not said_by:
                continue  # who did it is not known: the actors compare that (.perpetrators)
            first, told = said_by[0]
            hedged = all(marker is not None for _, _, marker in told)
            # the opening's mentions as sure as its first: those show the answer and the sides it names
            mentions = [(side, text, marker) for _, found in said_by for side, text, marker in found
                        if side != UNKNOWN and (marker is not None) == hedged]
            outlet_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "hedge", "subject": SUBJECT, "outlet": outlet,
                "value": "; ".join(dict.fromkeys(marker for _, _, marker in mentions)) if hedged else "certain",
                "low": np.nan, "high": np.nan, "evidence": " | ".join(dict.fromkeys(text for _, text, _ in mentions)),
                "report_id": first["report_id"], "sent_idx": first["sent_idx"], "published": first["published"],
                "superseded": False, "hedged": hedged, "sides": frozenset(side for side, _, _ in mentions),
            })
        if len(outlet_rows) < 2 or len({row["hedged"] for row in outlet_rows}) < 2:
            continue
        rows.extend(compared_rows(outlet_rows, "hedge", paired=lambda a, b: bool(a["sides"] & b["sides"]),
                                  drop=("hedged", "sides")))
    return rows
