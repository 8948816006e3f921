"""Whether a strike hit a site or fell near it, outlet against outlet, over the whole event (rows of kind
``place``, subject ``where the strike fell: <site>``, ``claim_id`` -1): "a barrage of air strikes near a hospital"
against "an airstrike on a hospital" are two accounts of whether the hospital itself was hit.

Each report's position is read in its lead (its first :data:`.days.LEAD_SENTENCES` sentences), in sentences that
name a strike from the air or a shelling (the kinds ``air strike`` and ``shelling`` of ``data/acts.yaml``): for
each site of ``data/sites.yaml`` (hospital, school, market, ...) a sentence names, whether the strike was *on* it
("strikes on a hospital", "jets struck a school", "the hospital was hit"), *near* it ("near a hospital", "close to
the school") or at its *edge* ("outside a hospital", "the car park of the hospital": told as the site or beside it,
so no clash with either). A bomb set off on the ground is left out: "a car bomb at a checkpoint" and "near a
checkpoint" place one spot loosely, where a strike from the air or a shell that hits a building, or does not, is a
claim of its own.

Two reports of different outlets, filed within :data:`.days.LEAD_DAYS` of each other, clash on a site when one puts
the strike only on it and the other only near it, as surely (``settlement_confidence``) as a city against a village
of its province: a position a few hundred metres apart.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.Timestamp("2016-08-06"), "text": [
...                             "Air strikes near a hospital killed 10.", "An airstrike on a hospital killed 10."]})
>>> [(r["outlet"], r["value"], r["agrees"], r["other_value"]) for r in event_sites(members)]
[('x', 'near the hospital', False, 'on the hospital'), ('y', 'on the hospital', False, 'near the hospital')]
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from ..details.acts import find_acts
from ..details.lexicon import load, phrases_body
from .core import active, grouped_records
from .days import LEAD_SENTENCES, filed_members
from .settlements import compared_leads

SUBJECT = "where the strike fell"
STRUCK = ("air strike", "shelling")  # the kinds of act (data/acts.yaml) that hit a site or miss it
ON, NEAR, EDGE = "on", "near", "edge"
# between the marker and the site: an article or number, then up to four words of its name ("the Akrameh
# al-Makhzumi school", "a government-run hospital"), none a word that starts another phrase
_DETERMINER = r"(?:(?:the|a|an|its|their|two|three|several)\s+)?"
_NAME_WORDS = (r"(?:(?!(?:the|a|an|to|in|of|by|from|for|with|was|were|is|are|and|or|which|that|who|near|on|at|"
               r"after|outside|close|next|front|fell|landed|killing|killed)\b)[\w'’-]+\s+){0,4}?")


@cache
def _patterns() -> tuple[re.Pattern, dict[str, str], tuple[str, ...]]:
    """One regex whose named groups say how a strike stands to a site, the site of each site word, and the last
    words of the site words, lower-cased, shortest forms only (most sentences name none: the cheap test first)."""
    lexicon = load("sites")
    site_of = {word.lower(): site for site, words in lexicon["sites"].items() for word in words}
    sites = phrases_body(site_of)
    strike_words = list(lexicon["strike_words"]) + [p for kind, phrases in load("acts").items() if kind in STRUCK
                                                    for p in phrases]
    before = {
        EDGE: rf"(?:{phrases_body(lexicon['edge_words'])})\s+",
        NEAR: rf"(?:{phrases_body(lexicon['near_words'])})\s+",
        ON: rf"(?:(?:{phrases_body(strike_words)})\s+(?:{phrases_body(lexicon['on_words'])})|"
            rf"{phrases_body(lexicon['hit_words'])})\s+",
    }
    ways = [rf"(?P<{how}>{marker}){_DETERMINER}{_NAME_WORDS}(?P<site{i}>{sites})(?![\w-])"
            for i, (how, marker) in enumerate(before.items())]
    # the passive is on the site: "the hospital was hit", "the school itself was struck"
    ways.append(rf"(?P<site{len(ways)}>{sites})\s+(?:itself\s+)?(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
                rf"(?:\w+ly\s+)?(?:{phrases_body(lexicon['hit_words'])})(?![\w-])")
    body = "|".join(f"(?:{w})" for w in ways)
    lasts = {word.split()[-1] for word in site_of}  # "hospital" of "field hospital"
    stems = tuple(sorted(w for w in lasts if not any(w != v and w.startswith(v) for v in lasts)))
    return re.compile(rf"(?<![\w-])(?:{body})", re.IGNORECASE), site_of, stems


def sentence_sites(text: str) -> dict[str, list[tuple[str, str]]]:
    """How a sentence puts a strike against each site it names: (on, near or edge; the words that say it) each
    time, when it names a strike from the air or a shelling.

    >>> sentence_sites("A barrage of air strikes on Saturday near a hospital killed 10.")
    {'hospital': [('near', 'near a hospital')]}
    >>> sentence_sites("Jets struck the Akrameh al-Makhzumi school and shells fell outside a bakery.")
    {'school': [('on', 'struck the Akrameh al-Makhzumi school')], 'bakery': [('edge', 'outside a bakery')]}
    >>> sentence_sites("A car bomb went off near a checkpoint."), sentence_sites("Wounded were taken to a hospital.")
    ({}, {})
    """
    regex, site_of, stems = _patterns()
    lower = text.lower() if isinstance(text, str) else ""
    if not any(stem in lower for stem in stems) or not any(a.kind in STRUCK for a in find_acts(text)):
        return {}
    found: dict[str, list[tuple[str, str]]] = {}
    for match in regex.finditer(text):
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        word = next(v for k, v in groups.items() if k.startswith("site"))
        how = next((h for h in (EDGE, NEAR, ON) if h in groups), ON)  # the passive ("was hit") is on
        found.setdefault(site_of[re.sub(r"\s+", " ", word.lower())], []).append((how, match.group()))
    return found


def event_sites(members: pd.DataFrame, leads: tuple | None = None) -> list[dict]:
    """One row per report and site whose lead puts a strike on or near the site, when a report of another outlet
    filed within :data:`.days.LEAD_DAYS` names the site too, compared (see the module docstring). ``members``: the
    event's sentences (``event_id``, ``report_id``, ``sent_idx``, ``outlet``, ``published``, ``text``); ``leads``:
    :func:`.days.lead_days` of the same tables (its ``filed`` days; without it, the ``published`` days)."""
    if members.empty:
        return []
    dated = filed_members(members, leads)
    dated = dated.sort_values(["event_id", "report_id", "sent_idx"], kind="stable")
    first = dated.groupby("report_id")["sent_idx"].transform("min")
    lead = dated[dated["sent_idx"] < first + LEAD_SENTENCES].drop_duplicates(["event_id", "report_id", "sent_idx"])
    rows = []
    for event_id, sentences in grouped_records(lead, ["event_id"]):
        told: dict[str, dict[str, dict]] = {}  # site -> report -> statement
        for sentence in sentences:
            for site, hows in sentence_sites(sentence["text"]).items():
                statement = told.setdefault(site, {}).setdefault(sentence["report_id"], _statement(
                    event_id, site, sentence))
                statement["hows"] |= {how for how, _ in hows}
                statement["texts"] += [words for _, words in hows]
        for site in sorted(told):
            statements = list(told[site].values())
            if len({s["outlet"] for s in statements}) < 2:
                continue
            for s in statements:
                s["value"] = _value(s["hows"], site)
                s["evidence"] = " | ".join(dict.fromkeys(s.pop("texts")))
            rows += compared_leads(statements, site_clash, ("hows",))
    return rows


def _statement(event_id, site: str, sentence: dict) -> dict:
    return {"event_id": event_id, "claim_id": -1, "kind": "place", "subject": f"{SUBJECT}: {site}",
            "outlet": sentence["outlet"], "low": np.nan, "high": np.nan, "report_id": sentence["report_id"],
            "sent_idx": sentence["sent_idx"], "published": sentence["published"], "superseded": False,
            "filed": pd.Timestamp(sentence["filed"]).normalize(), "hows": set(), "texts": []}


def _value(hows: set, site: str) -> str:
    return "; ".join(f"{'at the edge of' if h == EDGE else h} the {site}" for h in sorted(hows))


def site_clash(a: dict, b: dict) -> float:
    """How sure that two reports' positions of a strike against one site (``hows``) cannot both be right: one only
    on it, the other only near it.

    >>> site_clash({"hows": {"on"}}, {"hows": {"near"}}) > 0, site_clash({"hows": {"on"}}, {"hows": {"edge"}})
    (True, 0.0)
    """
    if {frozenset(a["hows"]), frozenset(b["hows"])} == {frozenset({ON}), frozenset({NEAR})}:
        return active().settlement_confidence
    return 0.0
