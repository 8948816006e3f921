"""Whom each outlet cites for the event's toll (rows of kind ``attribution``, subject ``source of the toll``,
``claim_id`` -1), compared outlet against outlet over the whole event by the class of source
(:func:`claimdiff.details.speakers.source_class`: state media, government & military, monitors & activists, local
sources & witnesses, medics & rescuers, ...). An outlet's sources are those behind the toll of the first headline
toll sentence (:func:`.core.headline_counts`) of its first report's lead that gives one (the report that
tells the incident as news: a later one retells it as background or updates its figure): the sources the details
stage attached to its figures (the killed toll's where the sentence gives one), else the sources the sentence
names, else those of the next sentence of the lead that names one ("... were killed on Tuesday. The toll was given
by the Observatory."); with them, those of every later sentence that gives the toll's figure again (found the same
way): one that cites the monitor in its lead and state media further down shares a source with one that cites
state media; else the report's credit line ("(Source: Syrian Coalition)"). None (``unsourced``) when no headline
toll has one. Two outlets disagree when they share no class:
state media against the monitor, a source against none; not when one names a second source besides a shared one.
A clash is surer the more of its two sides' sources are tied to the figure by the sentence's clauses
(:data:`UNTIED_STEP`); a source of no known class ("the statement said") against none is a weak clash. Sources of
other sentences (a quote, a background remark) are not compared: they are not the
key facts a researcher cites.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "text": ["9 killed, the monitor said", "37 killed"], "published": pd.NaT})
>>> details = pd.DataFrame({"report_id": ["a", "a", "b"], "sent_idx": 0, "kind": ["count", "attribution", "count"],
...                         "subject": ["killed", "monitor", "killed"], "value": ["9", "monitor", "37"],
...                         "text": ["9", "the monitor said", "37"], "group": ["killed", None, "killed"]})
>>> rows = toll_sources(members, details)
>>> [(r["outlet"], r["value"], r["agrees"], r["other_value"]) for r in rows]
[('x', 'monitor', False, 'none'), ('y', 'none', False, 'monitor')]
"""

from __future__ import annotations

import re
from itertools import groupby

import numpy as np
import pandas as pd

from ..details.groups import PART, PERSON_GROUPS
from ..details.speakers import source_class
from .comparers import COMPARERS, compare_pairwise
from .compatible import spread
from .core import TOLL_SUBJECTS, active, grouped_records, headline_sentences
from .toll_groups import SIDES

SUBJECT = "source of the toll"


# How far past an outlet's first headline toll sentence its toll's source is looked for: the title gives the toll,
# the lead its source; a toll further down is another figure.
LEAD_SENTENCES = 2


# The counted groups that are some of a toll, not the toll itself: children or women among the dead, the critical
# among the wounded ("part"). A source for "22 children were killed" or "15 of the wounded are critical" is not
# the source of the toll when the report gives the whole toll on someone's word.
PART_GROUPS = frozenset(PERSON_GROUPS) - {"people", *SIDES} | {PART}


def _part(row: dict) -> bool:
    """Does the toll row count some of the toll (:data:`PART_GROUPS`), not the whole?

    >>> _part({"group": "children"}), _part({"group": "people"}), _part({"group": float("nan")})
    (True, False, False)
    """
    return row.get("group") in PART_GROUPS


def _whole_first(records: list[dict], parts_only: set[tuple]) -> list[dict]:
    """An outlet's headline toll sentences with those that give only parts of the toll (``parts_only``: (report_id,
    sent_idx)) after those that give the whole toll (the killed, the people, a side)."""
    return sorted(records, key=lambda m: (m["report_id"], m["sent_idx"]) in parts_only)


def _toll_sentence(records: list[dict], sourced) -> tuple[dict, list[dict]]:
    """Of an outlet's headline toll sentences (its latest report's, in order, or those that give the whole toll
    first: :func:`_whole_first`), the first whose toll rests on a source, among those in the lead
    (:data:`LEAD_SENTENCES` past the first), with those sources; else the first, with none."""
    for member in records:
        if not records[0]["sent_idx"] <= member["sent_idx"] <= records[0]["sent_idx"] + LEAD_SENTENCES:
            break
        named = sourced(member)
        if named:
            return member, named
    return records[0], []


def _restated_sources(first: dict, figures: dict, sourced, named: list[dict] = ()) -> list[dict]:
    """The sources of every later sentence of ``first``'s report that gives one of its toll figures again ("At
    least 48 dead in Qamishli" in the title, "... killed 48 people" further down, with the monitor named after it),
    each found by ``sourced(member, ahead)`` looking :data:`RESTATED_AHEAD` sentences past it; ``figures``: per
    report, the toll rows (``sent_idx``, ``value``, ``low``); ``named``: the sources found for ``first``, whose
    sentences' figures count too when they were read from the sentence after it ("40 die in depot blast." then "...
    killed at least 40, reports say."). A figure is the same number however it is bounded ("at least 48", "48")."""
    mine = figures.get(first["report_id"], [])
    told = {first["sent_idx"]} | {d["sent_idx"] for d in named if not pd.isna(d.get("sent_idx", np.nan))}
    given = {_number(row) for row in mine if row["sent_idx"] in told} - {None}
    later = sorted({row["sent_idx"] for row in mine if row["sent_idx"] > first["sent_idx"]
                    and row["sent_idx"] not in told and _number(row) in given})
    found: list[dict] = []
    for sent_idx in later:
        found += [d for d in sourced({**first, "sent_idx": sent_idx}, RESTATED_AHEAD) if d not in found]
    return found


# How far past a sentence of the body that gives the toll's figure again its source is looked for: the next sentence
# ("... killed 48 people." then "The toll was given by the Observatory."); one further down speaks of something
# else (the army's denial, the scene).
RESTATED_AHEAD = 1


def _number(row: dict):
    """The figure of a toll row: its lower bound, else its value."""
    return row["value"] if pd.isna(row.get("low")) else float(row["low"])


# How much less sure a clash of sources is for each side whose source is not tied to its toll figure by the
# sentence's clauses (the ``source`` of the count row: "X said 10 died, while Y said 9") but only named in the
# sentence, or in the one after it: measured on FA-KES dev, flags with both sides tied were real 3 times in 4,
# with neither a little over half.
UNTIED_STEP = 0.05

# A report's credit line: "(Source: Syrian Coalition)".
_CREDIT = re.compile(r"(?i)source:")

# Attributions this close (in characters) are one compound source: "a medical source and witnesses said", "a police
# source told SANA".
JOINED_GAP = 5


def _joined(a: dict, b: dict) -> bool:
    """Does attribution ``a`` end right before ``b`` starts (or ``b`` before ``a``)?"""
    try:
        return min(abs(int(b["start"]) - int(a["end"])), abs(int(a["start"]) - int(b["end"]))) <= JOINED_GAP
    except (KeyError, TypeError, ValueError):
        return False


def _sources_of(cited: dict, behind: dict, member: dict, ahead: int = LEAD_SENTENCES) -> list[dict]:
    """The sources of a toll sentence: those its figures rest on, else those it names, else those of the first of
    the ``ahead`` sentences after it that names one."""
    key = (member["report_id"], member["sent_idx"])
    named = cited.get(key, [])
    if behind.get(key):
        chosen = [d for d in named if d["value"] in behind[key]]
        # "a police source told SANA", "a medical source and witnesses said": all of them stand behind the figure
        chosen += [d for d in named if d not in chosen and any(_joined(d, c) for c in chosen)]
        return chosen or [{"value": v, "text": v} for v in dict.fromkeys(behind[key])]
    following = (cited.get((member["report_id"], member["sent_idx"] + k), []) for k in range(1, ahead + 1))
    return named or next((found for found in following if found), [])


def toll_sources(members: pd.DataFrame, details: pd.DataFrame) -> list[dict]:
    """One attribution row per outlet and event that gives a toll; ``details`` as extracted (attribution rows keep
    their type as ``subject``, count rows may carry their ``source``)."""
    headline = headline_sentences(details)
    keys = ["report_id", "sent_idx"]
    stating = members[[k in headline for k in zip(members["report_id"], members["sent_idx"], strict=True)]]
    if stating.empty:
        return []
    stating = stating.drop_duplicates(keys + ["event_id"])
    cited: dict[tuple, list[dict]] = {}
    credits: dict[str, list[dict]] = {}  # "(Source: Syrian Coalition)": whose the report is
    for row in details[details["kind"] == "attribution"].to_dict("records"):
        cited.setdefault((row["report_id"], row["sent_idx"]), []).append(row)
        if _CREDIT.match(str(row["text"])):
            credits.setdefault(row["report_id"], []).append(row)
    tolls = details[(details["kind"] == "count") & details["subject"].isin(TOLL_SUBJECTS)]
    # a sentence's toll rests on the sources of its best toll rows: the whole toll before a part of it ("killed 22
    # children, UNICEF said, ... 35 in total, the Observatory said"), the killed before the wounded
    best: dict[tuple, int] = {}
    ranked = []
    for row in tolls.to_dict("records"):
        key = (row["report_id"], row["sent_idx"])
        rank = 2 * _part(row) + (row["subject"] != "killed")
        best[key] = min(best.get(key, rank), rank)
        ranked.append((key, rank, row))
    parts_only = {key for key, rank in best.items() if rank >= 2}
    behind: dict[tuple, list[str]] = {}
    for key, rank, row in ranked:
        if rank == best[key] and not pd.isna(row.get("source", np.nan)):
            behind.setdefault(key, []).append(row["source"])
    figures = {}
    for row in tolls[[c for c in ("report_id", "sent_idx", "value", "low") if c in tolls]].drop_duplicates() \
            .to_dict("records"):
        figures.setdefault(row["report_id"], []).append(row)
    rows = []
    by_outlet = grouped_records(stating.sort_values(["published", "report_id", "sent_idx"], kind="stable"),
                                ["event_id", "outlet"])
    for event_id, group in groupby(by_outlet, key=lambda item: item[0][0]):
        outlet_rows = []
        for (_, outlet), mine in group:
            # the outlet's first report that gives a toll: where it tells the incident as news, with its sources;
            # a later one retells it (a follow-up, the incident as background) or updates its figure
            first_report = [m for m in mine if m["report_id"] == mine[0]["report_id"]]
            first, named = _toll_sentence(_whole_first(first_report, parts_only),
                                          lambda m: _sources_of(cited, behind, m))
            if not named:  # the whole toll on no one's word: that of its parts, if any
                first, named = _toll_sentence(first_report, lambda m: _sources_of(cited, behind, m))
            # every source the report gives for its headline figure: an outlet that cites the monitor in its lead
            # and state media further down shares a source with one that cites only state media
            restated = _restated_sources(first, figures, lambda m, ahead: _sources_of(cited, behind, m, ahead), named)
            named = named + [d for d in restated if d not in named]
            # a toll the report gives on no one's word is its credit line's, where it has one
            named = named or credits.get(first["report_id"], [])[-1:]
            outlet_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "attribution", "subject": SUBJECT, "outlet": outlet,
                "value": "; ".join(dict.fromkeys(d["value"] for d in named)) if named else "none",
                "low": np.nan, "high": np.nan,
                "evidence": " | ".join(dict.fromkeys(d["text"] for d in named)) if named else first["text"],
                "report_id": first["report_id"], "sent_idx": first["sent_idx"], "published": first["published"],
                "superseded": False,
                "values": frozenset(source_class(d["value"]) for d in named) or frozenset({source_class("none")}),
                "tied": bool(behind.get((first["report_id"], first["sent_idx"]))),
            })
        if len(outlet_rows) < 2 or all(row["value"] == "none" for row in outlet_rows):
            continue  # no outlet names a source: nothing to compare
        compare_pairwise(outlet_rows, COMPARERS["attribution"])
        for row in outlet_rows:
            if row["agrees"] is not False:
                continue
            other = next(o for o in outlet_rows if o["outlet"] == row["other_outlet"])
            if "none" not in (row["value"], other["value"]):
                row["confidence"] = round(row["confidence"] - UNTIED_STEP * (2 - row["tied"] - other["tied"]), 2)
            elif "other" in row["values"] | other["values"]:  # a source of no known class against none: as
                # often one whose class was missed ("the statement", "the body said") as a named source
                row["confidence"] = round(active().unsourced_confidence * active().in_passing_share, 2)
        score = spread("attribution", outlet_rows, COMPARERS["attribution"].compatible)
        rows.extend({**{k: v for k, v in row.items() if k not in ("values", "tied")}, "score": score}
                    for row in outlet_rows)
    return rows
