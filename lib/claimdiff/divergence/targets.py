"""What a strike hit, outlet against outlet, over the whole event (rows of kind ``place``, subject ``what the strike
hit``, ``claim_id`` -1): "an Israeli drone struck their position in the village" against "an Israeli plane hit a car
inside the town" are two accounts of what the strike hit.

A report's targets are read in its lead (its first :data:`.days.LEAD_SENTENCES` sentences) when the lead names a
strike from the air or a shelling (the kinds ``air strike`` and ``shelling`` of ``data/acts.yaml``): each kind of
target (``data/struck_targets.yaml``: a vehicle, a military position, a home; and the sites of ``data/sites.yaml``)
that a word of hitting puts the strike on ("struck their position", "hit a car", "an airstrike on a hospital").
Two reports of different outlets, filed within :data:`.days.LEAD_DAYS` of each other, clash when both leads name a
target, they share no kind, and neither report names anywhere a kind the other's lead gives: a report that names
the other's target too tells of a second target, not of another account of the one. The clash is as sure as that
of a strike on a site against one near it (``settlement_confidence``).

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.Timestamp("2015-07-29"), "text": [
...                             "An Israeli air strike hit a car in Hader.",
...                             "An Israeli air strike hit their position."]})
>>> [(r["outlet"], r["value"], r["evidence"], r["other_value"]) for r in event_targets(members)]
[('x', 'vehicle', 'hit a car', 'military position'), ('y', 'military position', 'hit their position', 'vehicle')]
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from ..details.acts import find_acts
from ..details.lexicon import load, phrases_body
from .core import active, grouped_records
from .days import LEAD_SENTENCES, filed_sentences
from .settlements import compared_leads, filed_together
from .sites import _DETERMINER, _NAME_WORDS, STRUCK

SUBJECT = "what the strike hit"


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """The regex of a target struck, the regex of any target word, and the kind of each target word."""
    sites = load("sites")
    kind_of = {word.lower(): kind for kind, words in load("struck_targets")["targets"].items() for word in words}
    kind_of.update({word.lower(): site for site, words in sites["sites"].items() for word in words})
    words = phrases_body(kind_of)
    hit = rf"(?:(?:{phrases_body(sites['strike_words'])})\s+(?:{phrases_body(sites['on_words'])})|" \
          rf"{phrases_body(sites['hit_words'])})\s+"
    struck = re.compile(rf"(?<![\w-]){hit}{_DETERMINER}{_NAME_WORDS}(?P<target>{words})(?![\w-])", re.IGNORECASE)
    return struck, re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE), kind_of


def struck_targets(text: str) -> dict[str, list[str]]:
    """The kinds of target a sentence puts a strike on, with the words that say it.

    >>> struck_targets("An Israeli plane hit a car inside the town of Hader killing two men.")
    {'vehicle': ['hit a car']}
    >>> struck_targets("Jets struck the Akrameh school."), struck_targets("The wounded were taken to a hospital.")
    ({'school': ['struck the Akrameh school']}, {})
    """
    struck, _, kind_of = _patterns()
    found: dict[str, list[str]] = {}
    for match in struck.finditer(text if isinstance(text, str) else ""):
        kind = kind_of[re.sub(r"\s+", " ", match.group("target").lower())]
        found.setdefault(kind, []).append(match.group())
    return found


def named_kinds(text: str) -> frozenset:
    """Every kind of target a text names, struck or not.

    >>> sorted(named_kinds("Their car was parked near the school."))
    ['school', 'vehicle']
    """
    _, any_word, kind_of = _patterns()
    return frozenset(kind_of[re.sub(r"\s+", " ", m.group().lower())] for m in any_word.finditer(text or ""))


def event_targets(members: pd.DataFrame, leads: tuple | None = None) -> list[dict]:
    """One row per report whose lead names a strike and what it hit, when a report of another outlet filed within
    :data:`.days.LEAD_DAYS` does too, compared (see the module docstring). ``members``: the event's sentences
    (``event_id``, ``report_id``, ``sent_idx``, ``outlet``, ``published``, ``text``); ``leads``:
    :func:`.days.lead_days` of the same tables (its ``filed`` days; without it, the ``published`` days)."""
    if members.empty:
        return []
    dated = filed_sentences(members, leads)
    first = dated.groupby("report_id")["sent_idx"].transform("min")
    lead = dated.loc[dated["sent_idx"] < first + LEAD_SENTENCES,
                     ["event_id", "report_id", "sent_idx", "outlet", "published", "filed", "text"]]
    by_event: dict = {}
    for event_id, sentences in grouped_records(lead, ["event_id"]):
        by_report: dict[str, list[dict]] = {}
        for sentence in sentences:
            by_report.setdefault(sentence["report_id"], []).append(sentence)
        statements = [s for s in map(_statement, [event_id] * len(by_report), by_report.values()) if s is not None]
        statements = [s for s in statements
                      if any(o["outlet"] != s["outlet"] and filed_together(s, o) for o in statements)]
        if len(statements) >= 2:
            by_event[event_id] = statements
    # every kind each compared report names anywhere, read once for those reports only
    compared = {s["report_id"] for statements in by_event.values() for s in statements}
    texts = dated.loc[dated["report_id"].isin(compared), ["report_id", "text"]]
    named = {report: named_kinds(" ".join(map(str, text))) for report, text in texts.groupby("report_id")["text"]}
    rows = []
    for statements in by_event.values():
        for s in statements:
            s["named"] = named.get(s["report_id"], frozenset())
        rows += compared_leads(statements, target_clash, ("kinds", "named"))
    return rows


def _statement(event_id, lead: list[dict]) -> dict | None:
    """A report's targets struck in its lead (its sentences ``lead``), or None when its lead names no strike or no
    target."""
    kinds: dict[str, list[str]] = {}
    where = None
    for s in lead:
        for kind, words in struck_targets(s["text"]).items():
            kinds.setdefault(kind, []).extend(words)
            where = where or s
    if where is None or not any(a.kind in STRUCK for s in lead for a in find_acts(s["text"])):
        return None
    return {"event_id": event_id, "claim_id": -1, "kind": "place", "subject": SUBJECT, "outlet": where["outlet"],
            "value": "; ".join(sorted(kinds)), "low": np.nan, "high": np.nan,
            "evidence": " | ".join(dict.fromkeys(w for words in kinds.values() for w in words)),
            "report_id": where["report_id"], "sent_idx": where["sent_idx"], "published": where["published"],
            "superseded": False, "filed": pd.Timestamp(where["filed"]).normalize(), "kinds": frozenset(kinds)}


def target_clash(a: dict, b: dict) -> float:
    """How sure that two reports' targets of a strike (``kinds``; ``named``: every kind each report names) cannot
    both be what it hit.

    >>> car, post = {"kinds": {"vehicle"}, "named": {"vehicle"}}, {"kinds": {"military position"},
    ...                                                          "named": {"military position"}}
    >>> target_clash(car, post) > 0, target_clash(car, {**post, "named": {"military position", "vehicle"}})
    (True, 0.0)
    """
    if a["kinds"] & b["kinds"] or a["kinds"] & b["named"] or b["kinds"] & a["named"]:
        return 0.0
    return active().settlement_confidence
