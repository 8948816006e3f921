"""Who did it, compared over the whole event (rows of kind ``actor``, subject ``perpetrator``, ``claim_id`` -1).

Each outlet's perpetrators are the sides (``side`` in ``data/actors.yaml``) of the actors its latest report on the
event names as doing something in sentences that state a toll or open the report (its first two sentences), and as
blamed for or claiming it, or nobody as known to have done it, in any sentence that is not background
(:mod:`.background`): who struck, not who is mentioned in background. An outlet that says who did it is not
known ("it was unclear who carried out the strike", "no claim of responsibility", "unidentified jets": the details
stage's ``unknown``, ``unclaimed`` and ``unidentified`` actors, :mod:`claimdiff.details.perpetrators`) names the
side ``unknown``. Two outlets clash when each names a side the other does not (regime jets against coalition jets,
or a perpetrator named against one unknown); an outlet that names more (the regime and Russia) than another (the
regime) does not. Doers a sentence names beside saying who did it is not known ("unclear whether Syrian or Russian
jets") are candidates: that sentence names only ``unknown``. An outlet's reports of one day that name different
doers are alternatives (an event found by clustering may hold two strikes of that day): the outlet clashes with
another only when none of them can stand with the other's (:func:`.comparers._actor_clash`). A doer called only by
a label ("terrorists attacked the buses": :func:`.core.unnamed_by_label`) is the side :data:`LABELLED`: a party
the outlet does not name, which may be any other outlet's named doer, but not nobody known ("it was unclear who
carried out the bombing", "there was no claim of responsibility"). A label that tells what the act was ("a terrorist
attack": :func:`claimdiff.details.label_acts.qualifies_an_act`) names no doer; one naming the side that fights the
state ("a rebel rocket attack": ``against_a_state`` in ``data/actors.yaml``) does.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.NaT, "text": ["Regime jets killed 9.", "It was unclear who struck."]})
>>> details = pd.DataFrame({"report_id": ["a", "a", "b"], "sent_idx": 0, "kind": ["actor", "count", "actor"],
...                         "subject": ["agent", "killed", "agent"], "value": ["Syrian government", "9", "unknown"],
...                         "text": ["Regime", "9", "unclear who"], "role": ["agent", None, "agent"]})
>>> [(r["outlet"], r["value"], r["agrees"]) for r in event_perpetrators(members, details)]
[('x', 'Syrian government', False), ('y', 'unknown', False)]
"""

from __future__ import annotations

from itertools import groupby

import numpy as np
import pandas as pd

from ..details.actors import actor_side
from ..details.hedges import PARTY, scoped_facts
from ..details.lexicon import load
from .comparers import COMPARERS, Comparer, compared_rows
from .core import LABELLED_DOER, PERPETRATOR_ROLES, grouped_records, records, unnamed_by_label

SUBJECT = "perpetrator"
UNKNOWN = "unknown"
UNCLAIMED = "unclaimed"
LABELLED = LABELLED_DOER  # "terrorists attacked": a doer, not named (.comparers._sides_clash)
# Actors that say nobody is known to have done it: the details stage's "unknown" (agent), "unclaimed" (claimed)
# and "unidentified" ("unknown gunmen", whose side is "unresolved").
_NOBODY = {"unknown", "unclaimed", "unidentified", "unresolved"}
LEAD_SENTENCES = 3  # the first sentences of a report (title and lead) say what happened and who did it
# Two outlets that are both unsure who did it and share a candidate ("Syrian regime or Russian air strikes" against
# "likely carried out by Russian jets") differ only weakly: how sure each is, is the hedge kind's (.doubt).
UNSURE_ALIKE_CONFIDENCE = 0.3


def event_perpetrators(members: pd.DataFrame, details: pd.DataFrame) -> list[dict]:
    """One row per outlet and event that says who did it, compared outlet against outlet; ``details`` without
    background (:mod:`.background`: the actors of earlier incidents and of the war are not compared)."""
    tolls = set(zip(*[details.loc[details["kind"] == "count", c] for c in ("report_id", "sent_idx")], strict=True))
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    doers = details[(details["kind"] == "actor") & (details["subject"].isin(PERPETRATOR_ROLES)
                                                    | role.isin(PERPETRATOR_ROLES))]
    doers = doers.assign(value=doers["value"].where(~unnamed_by_label(doers), LABELLED))
    doubts: dict[tuple, set] = {}  # (report_id, sent_idx) -> the parties a hedge of the sentence doubts
    if "group" in details:
        hedges = details[details["kind"] == "hedge"]
        for report_id, sent_idx, group in zip(hedges["report_id"], hedges["sent_idx"], hedges["group"], strict=True):
            doubts.setdefault((report_id, sent_idx), set()).update(
                what for kind, what in scoped_facts(group) if kind == PARTY)
    named: dict[tuple, list[dict]] = {}
    for row in records(doers):
        named.setdefault((row["report_id"], row["sent_idx"]), []).append(row)
    ordered = members.sort_values(["event_id", "outlet", "published", "report_id", "sent_idx"], kind="stable",
                                  na_position="first")
    rows = []
    by_outlet = grouped_records(ordered, ["event_id", "outlet"])  # one pass over the table, not one per event
    for event_id, event in groupby(by_outlet, key=lambda item: item[0][0]):
        outlet_rows = []
        for (_, outlet), mine in event:
            # the outlet's latest reports (those of its latest date) that say who did it: a later one, on the
            # inquiry, may name nobody
            said = [(_report_doers(sentences, named, tolls, doubts), sentences)
                    for sentences in (list(day) for _, day in groupby(mine, key=lambda m: str(m["published"])))]
            said = [(found, sentences) for found, sentences in said if found[0]]
            # a later report calling the doer only by a label ("militants") does not replace one naming the party
            said = [(found, sentences) for found, sentences in said if set(found[0]) != {LABELLED}] or said
            if not said:
                continue
            (sides, evidence, first, hedged), latest = said[-1]
            # each report of that day alone: two that disagree are compared as alternatives (.comparers)
            # a report calling the doer only by a label is no alternative when another names the party
            positions = tuple(dict.fromkeys(
                found for _, report in groupby(latest, key=lambda m: m["report_id"])
                if (found := frozenset(_report_doers(list(report), named, tolls)[0]) & (sides.keys() | {UNKNOWN}))))
            outlet_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "actor", "subject": SUBJECT, "outlet": outlet,
                "value": "; ".join(sorted(sides)), "low": np.nan, "high": np.nan,
                "evidence": " | ".join(dict.fromkeys(evidence)), "report_id": first["report_id"],
                "sent_idx": first["sent_idx"], "published": first["published"], "superseded": False,
                "values": frozenset(sides), "positions": positions if len(positions) > 1 else (),
                "unsure": UNKNOWN in sides or bool(hedged),
            })
        # a doer called only by a label can differ only from an outlet saying who did it is not known ("it was
        # unclear who", "no one claimed it": it names no doer, the other says terrorists did it): without one it says
        # nothing
        if not any(UNKNOWN in row["values"] for row in outlet_rows):
            outlet_rows = [row for row in outlet_rows if row["values"] != {LABELLED}]
        if len(outlet_rows) < 2:
            continue
        rows.extend(compared_rows(outlet_rows, "actor", drop=("values", "positions", "unsure"), comparer=_DOERS))
    return rows


def doers_clash(a: dict, b: dict) -> float:
    """Who did it, compared as the actor comparer does (:mod:`.comparers`), but two outlets that are both unsure
    (``unsure``: it says who did it is not known, or hedges every doer it names) and share a named candidate differ
    only weakly (:data:`UNSURE_ALIKE_CONFIDENCE`).

    >>> row = lambda unsure, *sides: {"values": frozenset(sides), "unsure": unsure}
    >>> doers_clash(row(True, "Russia", "unknown"), row(True, "Russia"))
    0.3
    >>> doers_clash(row(True, "Russia", "unknown"), row(False, "Russia"))
    0.5
    >>> doers_clash(row(True, "unknown"), row(True, "Russia"))
    0.8
    """
    clash = COMPARERS["actor"].clash(a, b)
    shared = (a["values"] & b["values"]) - {UNKNOWN, LABELLED}
    if clash and a.get("unsure") and b.get("unsure") and shared:
        return min(clash, UNSURE_ALIKE_CONFIDENCE)
    return clash


_DOERS = Comparer("actor", doers_clash)


def _report_doers(sentences: list[dict], named: dict, tolls: set,
                  doubts: dict | None = None) -> tuple[dict, list, dict | None, set]:
    """The sides the reports of one date name as having done it (side -> the first words naming it), all the words
    naming them, and the first sentence naming one. Doers come from the lead (the first :data:`LEAD_SENTENCES`), from
    sentences that say who did it anywhere (:func:`_says_who`), and from the other sentences that give a toll only
    when the lead names no doer: past the lead such a sentence is as often a round-up's other strike ("In Aleppo, 18
    were killed in government air strikes"). That no one claimed it is no answer to who did it when the reports
    name a doer ("an airstrike by Russian warplanes ... no immediate claim of responsibility"). Last, the sides
    named only where a hedge of the sentence doubts them (``doubts``: per sentence, the parties doubted)."""
    by_sentence, seen = [], set()
    for m in sentences:
        if (m["report_id"], m["sent_idx"]) in seen:
            continue
        seen.add((m["report_id"], m["sent_idx"]))
        lead = m["sent_idx"] < LEAD_SENTENCES
        toll = (m["report_id"], m["sent_idx"]) in tolls
        found = [d for d in named.get((m["report_id"], m["sent_idx"]), [])
                 if (lead or toll or _says_who(d)) and not _generic(d["value"])]
        by_sentence.append((m, [(d, lead or _says_who(d)) for d in found]))
    lead_names = any(_side(d["value"]) not in (UNKNOWN, LABELLED)
                     for _, found in by_sentence for d, sure in found if sure)
    sides, evidence, first, unclaimed_only, sure = {}, [], None, True, set()
    for m, found in by_sentence:
        found = [d for d, sure in found if sure or not lead_names]
        kept = _candidates_unknown([(_side(d["value"]), d["text"]) for d in found])
        unclaimed_only &= all(d["value"] == UNCLAIMED for d in found if _side(d["value"]) == UNKNOWN)
        for side, text in kept:
            if side not in (doubts or {}).get((m["report_id"], m["sent_idx"]), ()):
                sure.add(side)
            sides.setdefault(side, text)
            evidence.append((side, text))
        if kept and first is None:
            first = m
    if sides.keys() - {UNKNOWN, LABELLED}:  # the label stands for a party the reports name
        sides.pop(LABELLED, None)
    if unclaimed_only and len(sides) > 1:  # named doers, and only that no one claimed it
        sides.pop(UNKNOWN, None)
    named_sides = sides.keys() - {UNKNOWN, LABELLED}
    hedged = named_sides if named_sides and not named_sides & sure else set()
    return sides, [text for side, text in evidence if side in sides], first, hedged


def _says_who(actor: dict) -> bool:
    """Does an actor row say who did it wherever its sentence stands: a claim of responsibility, blame, or that
    nobody is known to have done it ("no immediate claim of responsibility", "it was unclear who carried out the
    strike")? An agent elsewhere ("IS has targeted the area in the past") is most often background.

    >>> _says_who({"subject": "claimed", "value": "ISIS"}), _says_who({"subject": "agent", "value": "unknown"})
    (True, True)
    >>> _says_who({"subject": "agent", "value": "ISIS"})
    False
    """
    return actor["subject"] in ("claimed", "blamed") or actor["value"] in _NOBODY


def _generic(actor: str) -> bool:
    """Does an actor name no party ("the attacker", "a gunman", "police": ``generic`` in ``data/actors.yaml``)?

    >>> _generic("gunman"), _generic("ISIS")
    (True, False)
    """
    return load("actors")["actors"].get(actor, {}).get("type") == "generic"


def _candidates_unknown(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The doers one sentence names beside saying who did it is not known are candidates, not perpetrators ("it
    was unclear whether Syrian or Russian jets struck", "by either Syrian or Russian aircraft"): such a sentence
    names only ``unknown``.

    >>> _candidates_unknown([("Syrian government", "Syrian"), ("unknown", "unclear whether"), ("Russia", "Russian")])
    [('unknown', 'unclear whether')]
    >>> _candidates_unknown([("Russia", "Russian jets")])
    [('Russia', 'Russian jets')]
    """
    unknown = [(side, text) for side, text in found if side == UNKNOWN]
    return unknown or found


def _side(actor: str) -> str:
    """The party an actor stands for, with every way of saying nobody is known as ``unknown``.

    >>> _side("unclaimed"), _side("Syrian government forces")
    ('unknown', 'Syrian government')
    """
    side = actor_side(actor)
    return UNKNOWN if actor in _NOBODY or side in _NOBODY else side
