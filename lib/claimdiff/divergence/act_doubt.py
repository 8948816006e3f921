"""Is what happened stated as fact or hedged: "an alleged chemical attack" in one outlet's lead, "a chemical attack"
in another's (rows of kind ``hedge``, subject ``certainty of what happened``, ``claim_id`` -1).

What an incident was (an air strike, a car bombing, a chlorine attack) is told in the title and lead, where sentences
of different outlets rarely fall into one claim group; so, as who did it (:mod:`.doubt`), it is compared over the
event, between each outlet's first report's opening (:func:`.doubt.first_leads`). The acts are the details stage's
rows of kind ``act`` (``data/acts.yaml``: the kind of act as ``subject``, its phrase as ``value``); an act is doubted
where a certainty marker's scope holds it (:func:`claimdiff.details.hedges.hedge_scope`: "the suspected gas attack",
"gas which they suspect was chlorine"). An outlet doubts an act it names only hedged, never plainly, in its
opening. Two outlets disagree when one doubts an act the other names plainly: the same phrase ("chlorine" against
"chlorine-filled barrel bombs") at ``wording_confidence``; only the same kind of act ("the alleged chemical weapon
use" against "a chemical attack"), when the doubting outlet names no act of that kind plainly, at
``in_passing_share`` of that: the kinds are broad ("bombing" holds a blast and a suicide car bomb), so the two
phrases may tell different details.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.NaT, "text": ["A chlorine attack hit Saraqeb.", "gas, suspected chlorine"]})
>>> details = pd.DataFrame({"report_id": ["a", "b", "b"], "sent_idx": 0, "kind": ["act", "act", "hedge"],
...                         "subject": ["chemical attack", "chemical attack", "hedge"],
...                         "value": ["chlorine", "chlorine", "suspected"],
...                         "text": ["chlorine", "chlorine", "suspected"],
...                         "role": [None, None, "act"], "group": [None, None, "act:chlorine"]})
>>> [(r["outlet"], r["value"], r["agrees"], r["confidence"]) for r in act_hedging(members, details)]
[('x', 'certain', False, 0.5), ('y', 'suspected', False, 0.5)]
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

import numpy as np
import pandas as pd

from ..details.hedges import ACT, CAUSE_UNKNOWN, scoped_facts
from ..details.lexicon import load
from .comparers import Comparer, compare_pairwise
from .compatible import spread
from .core import active, grouped_records
from .doubt import first_leads

SUBJECT = "certainty of what happened"
WORKING_KEYS = ("doubted", "plain", "mentions", "cause_unknown", "cause_stated")
# Canonical markers (data/hedges.yaml) that tell who says a thing, not that its kind is in doubt.
HEARSAY = frozenset({"reportedly", "claimed", "said to"})


def _mentions(acts: list[dict], hedges: list[dict]) -> list[tuple[str, str, str, str | None]]:
    """``(kind, phrase, text, marker or None)`` of each act a sentence names: the marker of the first hedge that
    doubts the act, one whose scope holds the act's phrase and opens with an act. A marker whose scope opens with
    who did it or a figure doubts those ("suspected Russian air strikes", "air strikes believed to be by Russian
    jets", "22 were reportedly killed in a blast"), not that there were air strikes; a marker of hearsay
    (:data:`HEARSAY`: "reportedly", "claimed that") tells who says it, not that the kind of act is in doubt ("the
    attacker reportedly detonated his explosives at the bakery").

    >>> _mentions([{"subject": "chemical attack", "value": "chlorine", "text": "chlorine"}],
    ...           [{"group": "act:chlorine|party:rebels", "value": "suspected", "text": "they suspect"}])
    [('chemical attack', 'chlorine', 'chlorine', 'they suspect')]
    >>> _mentions([{"subject": "air strike", "value": "jets", "text": "jets"}],
    ...           [{"group": "party:Russia|act:jets", "value": "it is believed", "text": "believed to be"}])
    [('air strike', 'jets', 'jets', None)]
    """
    found = []
    for a in acts:
        doubting = [h for h in hedges if h.get("value") not in HEARSAY and h.get("value") != CAUSE_UNKNOWN
                    and (scoped_facts(h.get("group")) or [("", "")])[0][0] == ACT
                    and (ACT, a["value"]) in scoped_facts(h.get("group"))]
        found.append((a["subject"], a["value"], a["text"], doubting[0]["text"] if doubting else None))
    return found


@lru_cache(maxsize=1)
def _unspecific() -> frozenset[str]:
    """The act phrases that do not say what caused it ("blast", "explosion": ``data/acts_unspecific.yaml``)."""
    return frozenset(phrase.lower() for phrase in load("acts_unspecific")["unspecific"])


def _cause_answers(acts: list[dict], hedges: list[dict], mentions: list[tuple]) -> list[tuple[str, str, bool]]:
    """``(kind, text, unknown)`` of what a sentence says caused the acts it names: an act named plainly by a phrase
    that says what did it ("a suicide bomber", "a car bomb"; not "a blast"), or that what caused it is not known (a
    marker :data:`~claimdiff.details.hedges.CAUSE_UNKNOWN` whose scope holds the act: "origin of explosion
    unknown"), with the marker's text. ``mentions``: the sentence's :func:`_mentions`.

    >>> _cause_answers([{"subject": "bombing", "value": "explosion"}],
    ...                [{"value": "cause unknown", "group": "act:explosion", "text": "origin of explosion unknown"}],
    ...                [("bombing", "explosion", "explosion", None)])
    [('bombing', 'origin of explosion unknown', True)]
    >>> _cause_answers([], [], [("bombing", "suicide bomber", "Suicide bomber", None),
    ...                         ("bombing", "blast", "blast", None)])
    [('bombing', 'Suicide bomber', False)]
    """
    found = []
    for a in acts:
        found += [(a["subject"], h["text"], True) for h in hedges
                  if h.get("value") == CAUSE_UNKNOWN and (ACT, a["value"]) in scoped_facts(h.get("group"))][:1]
    found += [(kind, text, False) for kind, phrase, text, marker in mentions
              if marker is None and phrase not in _unspecific()]
    return found


def _causes(answers: list[tuple[str, str, bool]]) -> tuple[dict[str, list], dict[str, list]]:
    """An outlet's acts whose cause its opening first says is not known, and those whose cause it first states
    (kind -> texts, in order): its first answer for a kind of act is its answer ("origin of explosion unknown" in the
    headline, a suicide bomber further down, leaves the cause open), later ones as sure as it add their texts.

    >>> _causes([("bombing", "origin unknown", True), ("bombing", "suicide bomber", False)])
    ({'bombing': ['origin unknown']}, {})
    """
    first: dict[str, bool] = {}
    unknown: dict[str, list] = {}
    stated: dict[str, list] = {}
    for kind, text, is_unknown in answers:
        first.setdefault(kind, is_unknown)
        if first[kind] == is_unknown:
            (unknown if is_unknown else stated).setdefault(kind, []).append(text)
    return unknown, stated


def act_doubt_clash(a: dict, b: dict) -> float:
    """How sure that one outlet doubts an act the other states plainly (see the module docstring).

    >>> plain = {"doubted": {}, "plain": {"chemical attack": {"chemical attack"}}}
    >>> act_doubt_clash({"doubted": {"chemical attack": {"chemical"}}, "plain": {}}, plain)
    0.25
    >>> act_doubt_clash({"doubted": {"chemical attack": {"chemical attack"}}, "plain": {}}, plain)
    0.5
    >>> act_doubt_clash({"doubted": {"bombing": {"blast"}}, "plain": {}}, plain)
    0.0
    >>> act_doubt_clash({"doubted": {"chemical attack": {"sarin"}}, "plain": {"chemical attack": {"toxic gas"}}}, plain)
    0.0

    That what caused a kind of act is not known against its cause stated plainly (``cause_unknown``,
    ``cause_stated``: :func:`_causes`):

    >>> act_doubt_clash({"doubted": {}, "plain": {}, "cause_unknown": {"bombing": ["origin unknown"]}},
    ...                 {"doubted": {}, "plain": {}, "cause_stated": {"bombing": ["suicide bomber"]}})
    0.5
    """
    best = 0.0
    for doubter, stater in ((a, b), (b, a)):
        if set(doubter.get("cause_unknown", {})) & set(stater.get("cause_stated", {})):
            return active().wording_confidence
    for doubter, stater in ((a, b), (b, a)):
        for kind, phrases in doubter["doubted"].items():
            if phrases & stater["plain"].get(kind, set()):
                return active().wording_confidence
            if kind in stater["plain"] and kind not in doubter["plain"]:
                best = active().wording_confidence * active().in_passing_share
    return best


def _certainty(mentions: list[tuple]) -> tuple[dict[str, set], dict[str, set], list[tuple[str, str | None]]]:
    """An outlet's acts named plainly and those it only doubts (kind -> phrases), and what its row shows: the doubted
    acts with their markers when it doubts some, else the plain ones.

    >>> _certainty([("bombing", "blast", "blast", None), ("chemical attack", "chlorine", "chlorine", "suspected")])
    ({'bombing': {'blast'}}, {'chemical attack': {'chlorine'}}, [('chlorine', 'suspected')])
    """
    plain: dict[str, set] = {}
    for kind, phrase, _, marker in mentions:
        if marker is None:
            plain.setdefault(kind, set()).add(phrase)
    doubted: dict[str, set] = {}
    for kind, phrase, _, marker in mentions:
        if marker is not None and phrase not in plain.get(kind, set()):
            doubted.setdefault(kind, set()).add(phrase)
    shown = [(text, marker) for kind, phrase, text, marker in mentions
             if (phrase in doubted.get(kind, set()) if doubted else marker is None)]
    return plain, doubted, shown


def act_hedging(members: pd.DataFrame, details: pd.DataFrame, held: frozenset = frozenset()) -> list[dict]:
    """One row per outlet and event whose lead names an act, compared outlet against outlet, in events where an
    outlet doubts an act; ``held``: the reports held apart from their events (:func:`.doubt.first_leads`)."""
    by_sentence: dict[tuple, dict[str, list[dict]]] = {}
    for kind in ("act", "hedge"):
        for row in details[details["kind"] == kind].to_dict("records"):
            by_sentence.setdefault((row["report_id"], row["sent_idx"]), {}).setdefault(kind, []).append(row)
    comparer = Comparer("hedge", act_doubt_clash)
    rows = []
    for event_id, event in groupby(grouped_records(first_leads(members, held), ["event_id", "outlet"]),
                                   key=lambda item: item[0][0]):
        outlet_rows = []
        for (_, outlet), mine in event:
            mentions, answers, first = [], [], None
            for m in mine:
                said = by_sentence.get((m["report_id"], m["sent_idx"]), {})
                found = _mentions(said.get("act", []), said.get("hedge", []))
                mentions += found
                answers += _cause_answers(said.get("act", []), said.get("hedge", []), found)
                first = first if first is not None or not found else m
            if first is None:
                continue
            plain, doubted, shown = _certainty(mentions)
            cause_unknown, cause_stated = _causes(answers)
            outlet_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "hedge", "subject": SUBJECT, "outlet": outlet,
                "value": "; ".join(dict.fromkeys([marker for _, marker in shown if marker]
                                                 + [CAUSE_UNKNOWN] * bool(cause_unknown))) or "certain",
                "low": np.nan, "high": np.nan,
                "evidence": " | ".join(dict.fromkeys(f"{marker} {text}" if marker else text for text, marker in shown)),
                "report_id": first["report_id"], "sent_idx": first["sent_idx"], "published": first["published"],
                "superseded": False, "doubted": doubted, "plain": plain, "mentions": mentions,
                "cause_unknown": cause_unknown, "cause_stated": cause_stated,
            })
        if len(outlet_rows) < 2 or not any(row["doubted"] or row["cause_unknown"] for row in outlet_rows):
            continue
        compare_pairwise(outlet_rows, comparer)
        for row in outlet_rows:  # both sides' evidence: the acts their clash is about
            if row["agrees"] is False:
                other = next(o for o in outlet_rows if o["outlet"] == row["other_outlet"])
                row["evidence"], row["other_evidence"] = _clash_evidence(row, other), _clash_evidence(other, row)
        score = spread("hedge", outlet_rows, comparer.compatible)
        rows.extend({**{k: v for k, v in row.items() if k not in WORKING_KEYS}, "score": score} for row in outlet_rows)
    return rows


def _clash_evidence(row: dict, other: dict) -> str:
    """The acts of ``row``'s outlet that its clash with ``other``'s is about: those it doubts (with the marker) that
    the other states, and those it states that the other doubts.

    >>> doubter = {"doubted": {"chemical attack": {"chlorine"}}, "plain": {"bombing": {"blast"}},
    ...            "mentions": [("bombing", "blast", "blast", None),
    ...                         ("chemical attack", "chlorine", "chlorine", "suspect")]}
    >>> stater = {"doubted": {}, "plain": {"chemical attack": {"chlorine"}},
    ...           "mentions": [("chemical attack", "chlorine", "Chlorine", None)]}
    >>> _clash_evidence(doubter, stater), _clash_evidence(stater, doubter)
    ('suspect chlorine', 'Chlorine')
    """
    def about(kind: str, phrase: str, theirs: dict, mine: dict) -> bool:
        return phrase in theirs.get(kind, set()) or (kind in theirs and kind not in mine)

    shown = [f"{marker} {text}" if marker else text for kind, phrase, text, marker in row["mentions"]
             if (marker is not None and phrase in row["doubted"].get(kind, set())
                 and about(kind, phrase, other["plain"], row["plain"]))
             or (marker is None and about(kind, phrase, other["doubted"], other["plain"]))]
    # what caused it: left open on one side, stated on the other
    for mine, theirs in ((row.get("cause_unknown", {}), other.get("cause_stated", {})),
                         (row.get("cause_stated", {}), other.get("cause_unknown", {}))):
        shown += [text for kind, texts in mine.items() if kind in theirs for text in texts]
    return " | ".join(dict.fromkeys(shown))
