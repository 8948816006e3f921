"""Omissions of the means of an attack: an outlet that covers an event but names none of the means (:mod:`.means`)
that two or more outlets name in their leads ("a bomb blast" against "a suicide car bomb"), or, for a chemical or
toxic agent, in their leads or in sentences that count what the attack did ("shells containing toxic materials
... causing cases of asphyxiation to more than 35 people"). The rule of
:mod:`.omissions` holds: only outlets whose reports may tell of the outlet's incident count toward its omission.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from ..details.lexicon import load
from .means import sentence_means
from .omissions import latest_reports, omission_row, reports_of_outlets, together

# Means of an attack (data/means.yaml) whose absence is an omission: the vehicle that carried the bomb ("a bomb
# blast" against "a suicide car bomb") and a chemical or toxic agent ("shells" against "shells containing toxic
# materials"), not the aircraft ("air strikes" already say aircraft struck; which kind is compared where outlets
# name one, .means).
OMITTED_MEANS = ("vehicle carrying the bomb", "chemical agent")
# Those told as key only in a lead: a car bomb in a toll sentence further down is at times of the wider fighting
# ("shelling and car bombs killed 18 soldiers"); a chemical agent where the outlet counts the people it hurt
# (outside background, as .means reads them) is a key detail of the attack wherever the report tells it.
LEAD_ONLY_MEANS = ("vehicle carrying the bomb",)
MEANS_LEAD_SENTENCES = 3  # the sentences of a report (title and lead) where two outlets must name the means


@cache
def _told_otherwise() -> dict[str, re.Pattern]:
    """Per detail of data/means.yaml, the regex of its ``told_otherwise`` words (none: no entry)."""
    return {detail: re.compile(rf"(?<![\w-])(?:{'|'.join(entry['told_otherwise'])})(?![\w-])", re.IGNORECASE)
            for detail, entry in load("means")["kinds"].items() if entry.get("told_otherwise")}


def sentence_answers(text: str, named: dict | None = None) -> set[str]:
    """The details of the means a sentence tells: a class it names (:func:`.means.sentence_means`, or ``named``
    where read already) or words that tell it another way (``told_otherwise``: a bomber who "detonated his
    explosives" carried them himself).

    >>> sorted(sentence_answers("The attacker detonated his explosives at a bakery."))
    ['vehicle carrying the bomb']
    >>> sorted(sentence_answers("A bomb blast hit the market."))
    []
    """
    otherwise = {detail for detail, regex in _told_otherwise().items() if regex.search(text)}
    return set(sentence_means(text) if named is None else named) | otherwise


def means_omissions(members: pd.DataFrame, means: list[dict]) -> list[dict]:
    """Omission rows (subject ``means: <detail>``, ``claim_id`` -1) for outlets that cover an event but name none of
    the means of the attack (:mod:`.means`: the vehicle that carried the bomb, a chemical agent) where two or more
    outlets name one (``means``: the rows of :func:`.means.event_means`, read in leads and in sentences with a count,
    background left out). The outlet's reports on the event must name no class of that detail in any sentence,
    nor tell it another way (:func:`sentence_answers`: "the attacker detonated his explosives"): "a bomb blast"
    against "a suicide car bomb" is an omission, a car named only past the lead is not. Only the details of
    :data:`OMITTED_MEANS`, and for those of :data:`LEAD_ONLY_MEANS` only where two outlets or more name one in a lead
    (their first :data:`MEANS_LEAD_SENTENCES` sentences): the car bombs of the wider fighting, told in a toll
    sentence further down, are no key detail of the incident. The evidence is the first sentence (for those, of the
    lead) of each outlet that names the means.

    >>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b", "c"], "sent_idx": 0, "published": pd.NaT,
    ...                         "outlet": ["x", "y", "z"],
    ...                         "text": ["A car bomb hit.", "A suicide car bomb hit.", "A bomb blast hit."]})
    >>> rows = [{"event_id": 0, "subject": "means: vehicle carrying the bomb", "outlet": o, "value": "car",
    ...          "evidence": e, "report_id": r} for o, e, r in (("x", "car bomb", "a"), ("y", "car bomb", "b"))]
    >>> [(r["outlet"], r["subject"], r["evidence"]) for r in means_omissions(members, rows)]
    [('z', 'means: vehicle carrying the bomb', 'A car bomb hit. | A suicide car bomb hit.')]
    """
    by_detail: dict[tuple, list] = {}
    for row in means:
        if row["subject"].removeprefix("means: ") in OMITTED_MEANS:
            by_detail.setdefault((row["event_id"], row["subject"]), []).append(row)
    # only the events where two outlets or more tell such a detail are read again (few: every sentence is read)
    events = {event_id for (event_id, _), naming in by_detail.items() if len({r["outlet"] for r in naming}) > 1}
    members = members[members["event_id"].isin(events)]
    named_in: dict[tuple, set] = {}  # (event, outlet) -> the details of the means it names in any sentence
    led_with: dict[tuple, dict] = {}  # (event, outlet) -> those it names in a lead: the first sentence naming each
    texts = members.drop_duplicates(["event_id", "outlet", "report_id", "sent_idx"])
    text_of = dict(zip(zip(texts["report_id"], texts["sent_idx"], strict=True), texts["text"], strict=True))
    lead_end = texts.groupby("report_id")["sent_idx"].transform("min") + MEANS_LEAD_SENTENCES
    for event_id, outlet, report_id, text, in_lead in zip(texts["event_id"], texts["outlet"], texts["report_id"],
                                                          texts["text"], texts["sent_idx"] < lead_end, strict=True):
        named = sentence_means(text)
        named_in.setdefault((event_id, outlet), set()).update(sentence_answers(text, named))
        if in_lead:
            for detail in named:
                led_with.setdefault((event_id, outlet), {}).setdefault(detail, (text, report_id))
    latest = latest_reports(members)
    reports_of = reports_of_outlets(members)
    rows = []
    for (event_id, subject), naming in sorted(by_detail.items(), key=lambda item: (item[0][0], item[0][1])):
        if event_id not in events:
            continue
        detail = subject.removeprefix("means: ")
        covering = sorted(outlet for (event, outlet) in named_in if event == event_id)
        told = {row["outlet"] for row in naming}
        # a key detail: two outlets or more tell it in a lead (not only in a toll sentence further down, which is
        # at times of the wider fighting: "shelling and car bombs killed 18 soldiers")
        if detail in LEAD_ONLY_MEANS:
            naming = [row for row in naming if detail in led_with.get((event_id, row["outlet"]), {})]
            said = {row["outlet"]: led_with[(event_id, row["outlet"])][detail] for row in naming}
        else:
            said = {row["outlet"]: (text_of.get((row["report_id"], row["sent_idx"]), row["evidence"]),
                                    row["report_id"]) for row in naming}
        if len({row["outlet"] for row in naming}) < 2:
            continue
        evidence = " | ".join(dict.fromkeys(said[row["outlet"]][0] for row in naming))
        score = len(told) / len(covering)
        for outlet in covering:
            if outlet in told or detail in named_in[(event_id, outlet)]:
                continue
            near = [row for row in naming if together(reports_of[(event_id, outlet)], row["report_id"])]
            if len({row["outlet"] for row in near}) < 2:
                continue
            own = latest[(event_id, outlet)]
            text, report_id = said[near[0]["outlet"]]
            rows.append(omission_row(event_id, -1, subject, outlet, score, evidence, own["report_id"], pd.NA,
                                     own["published"],
                                     other={"other_outlet": near[0]["outlet"], "other_report_id": report_id,
                                            "other_evidence": text, "other_value": pd.NA, "confidence": score}))
    return rows
