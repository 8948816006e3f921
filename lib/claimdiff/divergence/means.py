"""The means of an attack, compared over the whole event (rows of kind ``actor``, subject ``means: <detail>``,
``claim_id`` -1): the vehicle that carried a bomb (car, truck, ambulance, motorcycle), what was fired or dropped
(barrel bombs, missiles, rockets or shells, cluster munitions), how a bomb was delivered (a car bomb, a suicide
bomber, a planted bomb) and the aircraft that struck (drone, helicopter,
warplane), as ``data/means.yaml`` lists them; an aircraft shot down is what was downed
(subject ``means: aircraft shot down``), not what struck.

Each outlet's answer is read, like who did it (:mod:`.perpetrators`), in the lead of its latest reports that tell
the detail (their first :data:`LEAD_SENTENCES` sentences) and in its other sentences that give a toll, background
left out; a vehicle only in a sentence that speaks of a bomb ("a suicide bomber driving an ambulance", not "a
plane hit a car"). What an outlet relays from other news media ("according to Al-Manar TV, an Israeli drone
targeted their car") gives way to what it tells from its other sources ("an Israeli plane hit a car", the monitor
said): the other outlet's version, told beside its own. Two outlets differ when each names a class the other does
not; when those classes are only kinds of each other (``kind_of``: "a car" against "an ambulance packed with
explosives") one tells the same thing more precisely, a weak difference (:func:`means_clash`).

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.NaT, "text": ["A suicide bomber drove an ambulance.", "A car bomb hit."]})
>>> details = pd.DataFrame({"report_id": [], "sent_idx": [], "kind": []})
>>> [(r["subject"], r["outlet"], r["value"], r["agrees"])
...  for r in event_means(members, details)]  # doctest: +NORMALIZE_WHITESPACE
[('means: delivery of the bomb', 'x', 'suicide bomber; vehicle bomb', True),
 ('means: delivery of the bomb', 'y', 'vehicle bomb', True),
 ('means: vehicle carrying the bomb', 'x', 'ambulance', False), ('means: vehicle carrying the bomb', 'y', 'car', False)]
>>> [r["confidence"] for r in event_means(members, details) if r["subject"].startswith("means: vehicle")]
[0.3, 0.3]
"""

from __future__ import annotations

import re
from functools import cache
from itertools import groupby

import numpy as np
import pandas as pd

from ..details.lexicon import load, patterns_alternation
from .comparers import Comparer, compared_rows
from .compatible import sets_compatible
from .core import active, grouped_records

LEAD_SENTENCES = 3  # as for who did it: title and lead
# One outlet naming a more specific kind of what the other names (an ambulance, a car): no contradiction, but a
# detail a reader may want, as sure as a source named against none (``unsourced_confidence``).
SPECIFIC_CONFIDENCE = 0.3
OWN_REPORTERS = "the outlet's own reporters"  # the class of attribution sources that are the outlet's own


@cache
def _patterns() -> dict[str, tuple[re.Pattern | None, list[tuple[str, re.Pattern]], tuple | None]]:
    """Per detail: its context (or None), per class the regex of its words, and its ``acted_on`` (the detail, and
    the regexes of the words before and after a class word that say it was acted on) or None."""
    found = {}
    for detail, entry in load("means")["kinds"].items():
        context = re.compile(entry["context"], re.IGNORECASE) if entry.get("context") else None
        classes = [(name, re.compile(rf"(?<![\w-])(?:{patterns_alternation(re.escape(w) for w in words)})(?![\w-])",
                                     re.IGNORECASE)) for name, words in entry["classes"].items()]
        acted = entry.get("acted_on")
        acted_on = (acted["detail"], re.compile(acted["before"], re.IGNORECASE),
                    re.compile(acted["after"], re.IGNORECASE)) if acted else None
        found[detail] = (context, classes, acted_on)
    return found


@cache
def _named_by() -> list[tuple[str, str, str]]:
    """``(detail, class, other detail)``: the class is named where a sentence names any class of the other detail
    (``named_by`` in ``data/means.yaml``: "a suicide bomber driving an ambulance" tells a vehicle bomb)."""
    return [(detail, name, other) for detail, entry in load("means")["kinds"].items()
            for name, other in (entry.get("named_by") or {}).items()]


# How much text around a class word says whether it was acted on.
_AROUND = 60


def sentence_means(text: str) -> dict[str, dict[str, str]]:
    """The classes of each detail one sentence names, with the words naming them (the first, where several do). An
    aircraft shot down is told under its own detail (``acted_on`` in ``data/means.yaml``), not as what struck.

    >>> sentence_means("An Israeli drone struck a car.")
    {'aircraft': {'drone': 'drone'}}
    >>> sentence_means("Army units repelled the attack, shooting down 4 RC drones.")
    {'aircraft shot down': {'drone': 'drones'}}

    A class may be named by the words of another detail's classes (``named_by``): a bomber driving an ambulance
    delivered a vehicle bomb.

    >>> sentence_means("A suicide bomber drove an ambulance.")["delivery of the bomb"]
    {'suicide bomber': 'suicide bomber', 'vehicle bomb': 'ambulance'}
    """
    found: dict[str, dict[str, str]] = {}
    for detail, (context, classes, acted_on) in _patterns().items():
        if context is not None and not context.search(text):
            continue
        for name, regex in classes:
            for match in regex.finditer(text):
                told = detail
                if acted_on is not None and (acted_on[1].search(text[max(0, match.start() - _AROUND):match.start()])
                                             or acted_on[2].search(text[match.end():match.end() + _AROUND])):
                    told = acted_on[0]
                found.setdefault(told, {}).setdefault(name, match.group())
    for detail, name, other in _named_by():
        if other in found:
            found.setdefault(detail, {}).setdefault(name, next(iter(found[other].values())))
    return found


@cache
def _kind_of() -> dict[str, dict[str, str]]:
    """Per detail, each class's more general class (``kind_of`` in ``data/means.yaml``)."""
    return {detail: dict(entry.get("kind_of") or {}) for detail, entry in load("means")["kinds"].items()}


def _general(detail: str, name: str) -> set[str]:
    """The classes ``name`` is a kind of, itself included.

    >>> sorted(_general("vehicle carrying the bomb", "ambulance"))
    ['ambulance', 'car', 'vehicle']
    """
    parents, found = _kind_of().get(detail, {}), {name}
    while name in parents and parents[name] not in found:
        name = parents[name]
        found.add(name)
    return found


def _most_specific(detail: str, names: frozenset) -> frozenset:
    """``names`` less those another of them is a kind of ("a car bomb", "the vehicle": a car)."""
    return frozenset(n for n in names if not any(n != m and n in _general(detail, m) for m in names))


def means_clash(a: dict, b: dict) -> float:
    """Two outlets' classes of one detail (rows with ``subject`` "means: <detail>" and ``values``) clash when each
    names a class the other does not (``actor_confidence``), and only weakly (:data:`SPECIFIC_CONFIDENCE`) when those
    classes are kinds of each other: "a car" and "an ambulance" may be one vehicle, "a car" and "a truck" are not.

    >>> row = lambda *names: {"subject": "means: vehicle carrying the bomb", "values": frozenset(names)}
    >>> means_clash(row("car"), row("ambulance")), means_clash(row("car"), row("truck"))
    (0.3, 0.8)
    >>> means_clash(row("vehicle", "truck"), row("car")), means_clash(row("car", "truck"), row("car"))
    (0.8, 0.0)
    """
    detail = a["subject"].removeprefix("means: ")
    mine, theirs = _most_specific(detail, a["values"]), _most_specific(detail, b["values"])
    if sets_compatible(mine, theirs):
        return 0.0

    def alone(name: str, others: frozenset) -> bool:  # neither the same, nor a kind of each other
        return not any(name in _general(detail, o) or o in _general(detail, name) for o in others)
    if any(alone(n, theirs) for n in mine) and any(alone(n, mine) for n in theirs):
        return active().actor_confidence
    return SPECIFIC_CONFIDENCE


_MEANS = Comparer("actor", means_clash)


@cache
def _other_media() -> frozenset[str]:
    """The sources (``value`` of an attribution row) that are other news media: of type ``media`` in
    ``data/attribution.yaml``, not the outlet's own reporters."""
    return frozenset(entry["value"] for entry in load("attribution")["sources"]
                     if entry["type"] == "media" and entry["class"] != OWN_REPORTERS)


def _relayed_sentences(details: pd.DataFrame) -> set[tuple[str, int]]:
    """``(report_id, sent_idx)`` of the sentences an outlet credits to other news media ("according to Al-Manar TV",
    "state television said"): another outlet's account, relayed.

    >>> _relayed_sentences(pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "kind": "attribution",
    ...                                  "value": ["media", "monitor"]}))
    {('r', 0)}
    """
    if not len(details):
        return set()
    sources = details[(details["kind"] == "attribution") & details["value"].isin(_other_media())]
    return set(zip(sources["report_id"], sources["sent_idx"], strict=True))


def event_means(members: pd.DataFrame, details: pd.DataFrame) -> list[dict]:
    """One row per outlet, event and detail of the means the outlet tells, compared outlet against outlet;
    ``details`` without background (their tolls mark the sentences read past the lead)."""
    counts = details[details["kind"] == "count"] if len(details) else details
    tolls = set(zip(counts["report_id"], counts["sent_idx"], strict=True)) if len(counts) else set()
    relayed = _relayed_sentences(details)
    ordered = members.sort_values(["event_id", "outlet", "published", "report_id", "sent_idx"], kind="stable",
                                  na_position="first").drop_duplicates(["event_id", "outlet", "report_id", "sent_idx"])
    rows = []
    for event_id, event in groupby(grouped_records(ordered, ["event_id", "outlet"]), key=lambda item: item[0][0]):
        told: dict[str, list[dict]] = {}
        for (_, outlet), mine in event:
            latest: dict[str, tuple] = {}  # detail -> (published, [(relayed, classes, sentence)])
            for m in mine:
                if m["sent_idx"] >= LEAD_SENTENCES and (m["report_id"], m["sent_idx"]) not in tolls:
                    continue
                for detail, named in sentence_means(m["text"]).items():
                    when = str(m["published"])
                    if detail not in latest or latest[detail][0] != when:  # a later date replaces what was told
                        latest[detail] = (when, [])
                    latest[detail][1].append(((m["report_id"], m["sent_idx"]) in relayed, named, m))
            for detail, (_, told_in) in latest.items():
                # what the outlet relays from other media gives way to what it tells from its other sources
                told_in = [t for t in told_in if not t[0]] or told_in
                named = {name: word for _, classes, _ in told_in for name, word in classes.items()}
                words, first = [word for _, classes, _ in told_in for word in classes.values()], told_in[0][2]
                told.setdefault(detail, []).append({
                    "event_id": event_id, "claim_id": -1, "kind": "actor", "subject": f"means: {detail}",
                    "outlet": outlet, "value": "; ".join(sorted(named)), "low": np.nan, "high": np.nan,
                    "evidence": " | ".join(dict.fromkeys(words)), "report_id": first["report_id"],
                    "sent_idx": first["sent_idx"], "published": first["published"], "superseded": False,
                    "values": frozenset(named)})
        for detail in sorted(told):
            outlet_rows = told[detail]
            if len(outlet_rows) < 2:
                continue
            rows.extend(compared_rows(outlet_rows, "actor", drop=("values",), comparer=_MEANS))
    return rows
