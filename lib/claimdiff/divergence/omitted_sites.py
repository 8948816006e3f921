"""Omissions of the target: an outlet that covers an event but names nowhere the kind of site (a hospital, a school,
a market, government or security premises: ``data/sites.yaml`` and ``data/target_sites.yaml``) that two or more
outlets say, in their leads, the attack hit, targeted or struck near ("a truck bomb exploded near the security
headquarters", "the explosion targeted a centre of the local police"), where those outlets are at least
``omission_share`` of the event's (a setting, as for claims). A site counts as the target only in a sentence that
names an act (an ``act`` detail: a bombing, a strike, a shelling) and after a word that puts the act on it or
beside it (``on_words``, ``hit_words``, ``near_words``, ``edge_words`` of sites.yaml, ``located_words``: "a
district where several ministries are located"), at most ``reach`` characters before it in one clause: "the
wounded were taken to a hospital" names no target. An outlet naming a site of that kind anywhere, in any words, has
not left it out. The rule of :mod:`.omissions` holds: only outlets whose reports may tell of the outlet's incident
count toward its omission.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b", "c"], "sent_idx": 0, "published": pd.NaT,
...                         "outlet": ["x", "y", "z"], "text": [
...                             "A truck bomb exploded near the security headquarters, killing 40.",
...                             "The explosion targeted a centre of the local police.",
...                             "A car bomb went off in a western neighbourhood, killing 40."]})
>>> details = pd.DataFrame({"report_id": ["a", "b", "c"], "sent_idx": 0, "kind": "act"})
>>> [(r["outlet"], r["subject"]) for r in site_omissions(members, details)]
[('z', 'target: government or security premises')]
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from ..details.lexicon import load, phrases_body
from .core import records
from .omissions import latest_reports, reports_of_outlets
from .omitted_parts import lead_sentences, omission_where_many_say_it

SITE_LEAD_SENTENCES = 5  # the first sentences of a report (title and lead) where outlets must name the target
EVIDENCE_SENTENCES = 2  # the sentences of each outlet naming the target shown as the evidence


@cache
def _patterns() -> tuple[dict[str, re.Pattern], dict[str, re.Pattern], re.Pattern]:
    """Per kind of site: the regex of a site of that kind as the target (after a word that puts the act on it, in
    one clause), and the regex of its words anywhere; and the regex of any site's words (most sentences name none:
    the cheap test first)."""
    sites, targets = load("sites"), load("target_sites")
    words = {**sites["sites"], **targets["sites"]}
    markers = [w for key in ("on_words", "hit_words", "near_words", "edge_words") for w in sites[key]]
    markers = phrases_body(markers + list(targets["located_words"]))
    aimed = {site: re.compile(rf"(?<![\w-])(?:{markers})(?![\w-])[^.;:]{{0,{int(targets['reach'])}}}?(?<![\w-])"
                              rf"(?:{phrases_body(names)})(?![\w-])", re.IGNORECASE) for site, names in words.items()}
    anywhere = {site: re.compile(rf"(?<![\w-])(?:{phrases_body(names)})(?![\w-])", re.IGNORECASE)
                for site, names in words.items()}
    every = re.compile(rf"(?<![\w-])(?:{phrases_body([n for names in words.values() for n in names])})(?![\w-])",
                       re.IGNORECASE)
    return aimed, anywhere, every


def target_sites(text: str) -> dict[str, str]:
    """The kinds of site a sentence puts an act on or beside, each with the words that say it.

    >>> target_sites("The bombing hit a western district where several local ministries are located.")
    {'government or security premises': 'hit a western district where several local ministries'}
    >>> target_sites("The wounded were taken to a hospital."), target_sites("Police said 12 died.")
    ({}, {})
    """
    aimed, _, every = _patterns()
    if not isinstance(text, str) or not every.search(text):
        return {}
    found = {}
    for site, regex in aimed.items():
        match = regex.search(text)
        if match:
            found[site] = match.group()
    return found


def site_omissions(members: pd.DataFrame, details: pd.DataFrame) -> list[dict]:
    """Omission rows (subject ``target: <site>``, ``claim_id`` -1) for outlets that name nowhere the kind of site
    two or more outlets say in their leads the attack was aimed at (see the module docstring). ``details``: the
    details as extracted (its ``act`` rows say which sentences tell of an act)."""
    lead = lead_sentences(members, SITE_LEAD_SENTENCES)
    acts = details[details["kind"] == "act"]
    acting = set(zip(acts["report_id"], acts["sent_idx"], strict=True))
    naming: dict = {}  # (event, site) -> outlet -> the lead sentences naming it as the target
    told = [key in acting for key in zip(lead["report_id"], lead["sent_idx"], strict=True)]
    for m in records(lead.loc[told, ["event_id", "outlet", "report_id", "sent_idx", "text"]]):
        for site in target_sites(m["text"]):
            naming.setdefault((m["event_id"], site), {}).setdefault(m["outlet"], []).append(m)
    naming = {key: by_outlet for key, by_outlet in naming.items() if len(by_outlet) >= 2}
    if not naming:
        return []
    _, anywhere, _ = _patterns()
    reports_of = reports_of_outlets(members)
    mine = members[members["event_id"].isin({event_id for event_id, _ in naming})]
    texts: dict[tuple, list] = {}
    for event_id, outlet, text in zip(mine["event_id"], mine["outlet"], mine["text"], strict=True):
        texts.setdefault((event_id, outlet), []).append(str(text))
    latest = latest_reports(mine)
    rows = []
    for (event_id, site), by_outlet in sorted(naming.items(), key=lambda item: item[0]):
        covering = sorted(outlet for (event, outlet) in reports_of if event == event_id)
        for outlet in covering:
            if outlet in by_outlet or any(anywhere[site].search(t) for t in texts[(event_id, outlet)]):
                continue
            row = omission_where_many_say_it(event_id, f"target: {site}", outlet, reports_of[(event_id, outlet)],
                                             by_outlet, len(covering), latest[(event_id, outlet)],
                                             evidence_sentences=EVIDENCE_SENTENCES)
            if row is not None:
                rows.append(row)
    return rows
