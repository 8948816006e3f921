"""Whom each outlet cites for the event's toll (rows of kind ``attribution``, subject ``source of the toll``,
``claim_id`` -1), compared outlet against outlet over the whole event by the class of source
(:func:`claimdiff.details.speakers.source_class`: state media, government & military, monitors & activists, local
sources & witnesses, medics & rescuers, ...). An outlet's sources are those behind the toll of its first report that
states one as news (a later one retells it as background or updates its figure; one that opens with the toll in
passing, "condemned the attack that killed 58", tells a reaction to it: :mod:`.toll_mentions`). Of that report's
headline toll sentences (:func:`.core.headline_counts`), the lead's first that gives the death toll (or a figure of
people: "33 people were affected") is read first, then one of another toll (the wounded), then one of a part
(children among the dead), then one that counts no people ("2494 views"): the sources the details stage attached to
its figures (the killed toll's where the sentence gives one), else the sources the sentence names, else those of the
next sentence of the lead that names one ("... were killed on Tuesday. The toll was given by the Observatory."; not
one dated to another day: "On Friday a military source announced ..."); a report that opens with a part on one
source's word and gives the whole toll on another's in the lead cites both. With them, those of the sentence right
after it that names the toll ("A police source confirmed the death toll"), and those of every later sentence that
gives the toll's figure again (found the same way, where the sentence after it speaks of a toll): one that cites the
monitor in its lead and state media further down shares a source with one that cites state media; else the report's
credit line ("(Source: Syrian Coalition)"). None (``unsourced``) when no headline toll has one; its evidence is the
lead's toll sentences read. Two outlets disagree when they share no class: state media against the monitor, a source
against none; not when one names a second source besides a shared one. A clash is surer the more of its two sides'
sources are tied to the figure by the sentence's clauses (:data:`UNTIED_STEP`); a source of no known class ("the
statement said") against none is a weak clash. Sources of other sentences (a quote, a background remark) are not
compared: they are not the key facts a researcher cites.

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
from ..details.scope_frames import Frame, elsewhere, sentence_frames
from ..details.speakers import source_class
from .background import stamped_days
from .comparers import COMPARERS, compare_pairwise
from .compatible import spread
from .core import TOLL_SUBJECTS, active, grouped_records, headline_sentences
from .count_scope import loose_words
from .doubt import in_news_order
from .lead_sources import flag_lead_clashes
from .toll_groups import SIDES
from .toll_mentions import in_passing, mentions_toll, names_toll, speaks_of_toll

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


def _by_rank(records: list[dict], order: dict[tuple, tuple]) -> list[dict]:
    """An outlet's headline toll sentences in report order, but those that give a death toll (or a figure of people
    of no toll subject: "33 people were affected by the gas") first, then those that give the whole of another toll (the
    wounded), then those that count only a part of a toll (children, the critical), then those that count no people
    ("a series of interviews", "2494 views"), and those that mention their toll only in passing
    (:func:`mentions_toll`) after all that state one. ``order``: per (report_id, sent_idx), (mentioned, tier)."""
    return sorted(records, key=lambda m: order.get((m["report_id"], m["sent_idx"]), (False, NO_PEOPLE)))


# The tier of a headline sentence among its report's (see :func:`_by_rank`).
DEATHS, OTHER_TOLLS, PARTS, NO_PEOPLE = 0, 1, 2, 3


def _toll_sentence(records: list[dict], sourced) -> tuple[dict, list[dict], list[dict]]:
    """Of an outlet's headline toll sentences (its first report's, in order, or ranked: :func:`_by_rank`), the
    first whose toll rests on a source, among those in the lead (:data:`LEAD_SENTENCES` past the first), with those
    sources and the sentences read; else the first, with none, and the sentences read (none of them names one)."""
    read = []
    for member in records:
        if not records[0]["sent_idx"] <= member["sent_idx"] <= records[0]["sent_idx"] + LEAD_SENTENCES:
            break
        read.append(member)
        named = sourced(member)
        if named:
            return member, named, read
    return records[0], [], read


def _restated_sources(first: dict, figures: dict, sourced, named: list[dict] = (), passing=frozenset()) -> list[dict]:
    """The sources of every later sentence of ``first``'s report that gives one of its toll figures again ("At
    least 48 dead in Qamishli" in the title, "... killed 48 people" further down, with the monitor named after it),
    each found by ``sourced(member, ahead)`` looking :data:`RESTATED_AHEAD` sentences past it; ``figures``: per
    report, the toll rows (``sent_idx``, ``value``, ``low``); ``named``: the sources found for ``first``, whose
    sentences' figures count too when they were read from the sentence after it ("40 die in depot blast." then "...
    killed at least 40, reports say."). A figure is the same number however it is bounded ("at least 48", "48"). A
    sentence of ``passing`` (report_id, sent_idx) gives it in passing (:func:`mentions_toll`): whom it quotes speaks
    of something else."""
    mine = figures.get(first["report_id"], [])
    told = {first["sent_idx"]} | {d["sent_idx"] for d in named if not pd.isna(d.get("sent_idx", np.nan))}
    given = {_number(row) for row in mine if row["sent_idx"] in told} - {None}
    later = sorted({row["sent_idx"] for row in mine if row["sent_idx"] > first["sent_idx"]
                    and row["sent_idx"] not in told and _number(row) in given
                    and (first["report_id"], row["sent_idx"]) not in passing})
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


def _opens_with_part(opening: dict, chosen: dict, order: dict[tuple, tuple], passing, subjects: dict) -> bool:
    """Is ``opening`` (a report's first headline toll sentence) an earlier sentence of the lead than ``chosen``
    (the one whose toll is read) that counts only a part of the same toll (:data:`PARTS`: children among the dead
    before all the dead; not the critical among the wounded before the dead), not in passing? ``order``: per
    (report_id, sent_idx), (mentioned, tier) (:func:`_by_rank`); ``subjects``: per sentence, the toll subjects of
    its best toll rows.

    >>> order = {("r", 0): (False, PARTS), ("r", 1): (False, DEATHS)}
    >>> a, b = {"report_id": "r", "sent_idx": 0}, {"report_id": "r", "sent_idx": 1}
    >>> killed = {("r", 0): {"killed"}, ("r", 1): {"killed"}}
    >>> _opens_with_part(a, b, order, set(), killed), _opens_with_part(b, a, order, set(), killed)
    (True, False)
    >>> _opens_with_part(a, b, order, set(), {("r", 0): {"injured"}, ("r", 1): {"killed"}})
    False
    """
    key, toll = (opening["report_id"], opening["sent_idx"]), (chosen["report_id"], chosen["sent_idx"])
    return (opening["sent_idx"] < chosen["sent_idx"] <= opening["sent_idx"] + LEAD_SENTENCES
            and order.get(key) == (False, PARTS) and key not in passing
            and bool(subjects.get(key, set()) & subjects.get(toll, set())))


def _sources_of(cited: dict, behind: dict, member: dict, ahead: int = LEAD_SENTENCES,
                talks=lambda key: True, other_day=lambda key, toll: False) -> list[dict]:
    """The sources of a toll sentence: those its figures rest on, else those it names, else those of the first of
    the ``ahead`` sentences after it that names one, and for a figure restated in the body, speaks of the toll
    (``talks(key)``: "The toll was given by the Observatory", not "the body said in a statement" of a call for an
    inquiry). The lead's next sentences name the report's source whatever they tell of ("A police source told SANA
    rockets were fired from ..."), but not one dated to another day than the toll's (``other_day(key, toll)``:
    "On Friday a military source announced ..." after Sunday's toll tells of Friday's fighting)."""
    key = (member["report_id"], member["sent_idx"])
    named = cited.get(key, [])
    if behind.get(key):
        chosen = [d for d in named if d["value"] in behind[key]]
        # "a police source told SANA", "a medical source and witnesses said": all of them stand behind the figure
        chosen += [d for d in named if d not in chosen and any(_joined(d, c) for c in chosen)]
        return chosen or [{"value": v, "text": v} for v in dict.fromkeys(behind[key])]
    following = ((member["report_id"], member["sent_idx"] + k) for k in range(1, ahead + 1))
    return named or next((cited[k] for k in following if cited.get(k) and talks(k) and not other_day(k, key)), [])


def _other_day(frames: dict[tuple, Frame], report_days: dict[str, pd.Timestamp]):
    """Does sentence ``key`` tell of another day than toll sentence ``toll``: every day it names lies
    :data:`~claimdiff.details.scope_frames.OTHER_DAY_GAP` days or more from the toll sentence's days, or where that
    names none, from its report's day (``report_days``: :func:`.background.stamped_days`)? ``frames``:
    :func:`claimdiff.details.scope_frames.sentence_frames`.

    >>> day = pd.Timestamp
    >>> apart = _other_day({("r", 3): Frame(frozenset({day("2014-08-22")}), frozenset())}, {"r": day("2014-08-24")})
    >>> apart(("r", 3), ("r", 1)), apart(("r", 2), ("r", 1))
    (True, False)
    """
    def apart(key: tuple, toll: tuple) -> bool:
        own = frames.get(key)
        if own is None or not own.days:
            return False
        days = frames[toll].days if toll in frames and frames[toll].days else frozenset(
            {report_days[toll[0]]} if not pd.isna(report_days.get(toll[0], pd.NaT)) else ())
        return elsewhere(Frame(own.days, frozenset()), Frame(days, frozenset()))
    return apart


def _start(row: dict) -> int:
    try:
        return int(row["start"])
    except (KeyError, TypeError, ValueError):
        return 0


def _tiers(counts: pd.DataFrame, best: dict[tuple, int]) -> dict[tuple, tuple[bool, int]]:
    """Per sentence with counts, (False, its tier: :data:`DEATHS`, :data:`OTHER_TOLLS`, :data:`PARTS` or
    :data:`NO_PEOPLE`): ``best`` gives the rank of each sentence's best toll row (0 the killed, 1 another toll, 2
    and more parts only); a sentence of no toll counts deaths when it gives a figure of a group of people ("33 people
    were affected by the gas"), parts when of a part of one, else no people (a word for many people: "thousands were
    stranded", "many people choked" tell the scene, not a toll).

    >>> counts = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "group": ["views", "people", "people"],
    ...                        "text": ["2494", "thousands", "33"]})
    >>> _tiers(counts, {("r", 3): 2})
    {('r', 3): (False, 2), ('r', 0): (False, 3), ('r', 1): (False, 3), ('r', 2): (False, 0)}
    """
    tiers = {key: (False, (DEATHS, OTHER_TOLLS, PARTS, PARTS)[rank]) for key, rank in best.items()}
    others = counts[[key not in best for key in zip(counts["report_id"], counts["sent_idx"], strict=True)]]
    for key in zip(others["report_id"], others["sent_idx"], strict=True):
        tiers.setdefault(key, (False, NO_PEOPLE))
    if "group" not in others:
        return tiers
    people = others[others["group"].isin(PERSON_GROUPS + (PART,)).to_numpy()]
    if "text" in people:
        people = people[~loose_words(people.assign(kind="count")).to_numpy()]
    for report_id, sent_idx, group in zip(people["report_id"], people["sent_idx"], people["group"], strict=True):
        tier = PARTS if group in PART_GROUPS else DEATHS
        tiers[(report_id, sent_idx)] = (False, min(tiers[(report_id, sent_idx)][1], tier))
    return tiers


def toll_sources(members: pd.DataFrame, details: pd.DataFrame, held: frozenset = frozenset()) -> list[dict]:
    """One attribution row per outlet and event that gives a toll; ``details`` as extracted (attribution rows keep
    their type as ``subject``, count rows may carry their ``source``); ``held``: the ``(event_id, report_id)`` of
    the reports held apart from their events, read after the outlet's others (:func:`.doubt.in_news_order`)."""
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
    texts = dict(zip(zip(members["report_id"], members["sent_idx"], strict=True), members["text"], strict=True))
    # a sentence's toll rests on the sources of its best toll rows: the whole toll before a part of it ("killed 22
    # children, UNICEF said, ... 35 in total, the Observatory said"), the killed before the wounded
    best: dict[tuple, int] = {}
    ranked = []
    for row in tolls.to_dict("records"):
        key = (row["report_id"], row["sent_idx"])
        rank = 2 * _part(row) + (row["subject"] != "killed")
        best[key] = min(best.get(key, rank), rank)
        ranked.append((key, rank, row))
    behind: dict[tuple, list[str]] = {}
    figures_of: dict[tuple, list[tuple]] = {}
    subjects: dict[tuple, set[str]] = {}  # the toll subjects of each sentence's best toll rows
    for key, rank, row in ranked:
        if rank == best[key]:
            subjects.setdefault(key, set()).add(row["subject"])
            figures_of.setdefault(key, []).append((_start(row), str(row["text"]), _number(row)))
            if not pd.isna(row.get("source", np.nan)):
                behind.setdefault(key, []).append(row["source"])
    counts = details[details["kind"] == "count"]
    order = _tiers(counts[[key in headline for key in zip(counts["report_id"], counts["sent_idx"], strict=True)]],
                   best)
    # a toll in a relative clause is the report's own news when a source closes it ("an attack which left 100 dead,
    # according to the health directorate"), in passing when none does ("Mogherini said ... an attack that killed 58")
    passing = {key for key in best if mentions_toll(str(texts.get(key) or ""),
                                                   [t for _, t, _ in sorted(figures_of[key])])
               and not any(_start(d) > max(f[0] for f in figures_of[key]) for d in cited.get(key, []))}
    passing, reactions = in_passing(passing, figures_of, best)
    order.update({key: (True, order[key][1]) for key in passing})

    def talks(key: tuple) -> bool:  # does the sentence speak of a toll? (unknown text: it may)
        return key in best or key not in texts or speaks_of_toll(str(texts[key] or ""))

    # a sentence after the toll's dated to another day tells of something else: its source is not the toll's
    reported = members.drop_duplicates("report_id")
    other_day = _other_day(sentence_frames(details), dict(zip(reported["report_id"], pd.to_datetime(
        stamped_days(reported, details)).dt.normalize(), strict=True)))

    def sourced(member: dict) -> list[dict]:
        return _sources_of(cited, behind, member, other_day=other_day)

    def restated_sourced(member: dict, ahead: int) -> list[dict]:
        return _sources_of(cited, behind, member, ahead, talks, other_day)

    figures = {}  # a figure given again is a number: not "scores" wounded in the lead and "Scores" in the body
    numbered = tolls[~loose_words(tolls).to_numpy()]
    for row in numbered[[c for c in ("report_id", "sent_idx", "value", "low") if c in tolls]].drop_duplicates() \
            .to_dict("records"):
        figures.setdefault(row["report_id"], []).append(row)
    rows = []
    by_outlet = grouped_records(in_news_order(stating, held, by=("sent_idx",)), ["event_id", "outlet"])
    for event_id, group in groupby(by_outlet, key=lambda item: item[0][0]):
        outlet_rows = []
        for (_, outlet), mine in group:
            # the outlet's first report that states a toll: where it tells the incident as news, with its sources;
            # a later one retells it (a follow-up, the incident as background) or updates its figure; one that only
            # mentions the toll in passing ("condemned the attack that killed 58") tells a reaction to it
            # (a report that counts no people, "eight air strikes", "50 members of the group", gives no toll)
            stated = [m for m in mine if m["report_id"] not in reactions
                      and order.get((m["report_id"], m["sent_idx"]), (False, NO_PEOPLE)) < (False, NO_PEOPLE)]
            if not stated:
                continue
            first_report = [m for m in mine if m["report_id"] == stated[0]["report_id"]]
            first, named, read = _toll_sentence(_by_rank(first_report, order), sourced)
            if not named:  # the whole toll on no one's word: that of its parts, if any
                first, named, read = _toll_sentence(first_report, sourced)
            # a report that opens with a part of the toll on one source's word ("killed 22 children, UNICEF said")
            # and gives the whole on another's in the lead ("... 35 in total, the Observatory said") cites both
            opening = first_report[0]
            if named and _opens_with_part(opening, first, order, passing, subjects):
                named = [d for d in sourced(opening) if d not in named] + named
            # the sentence after it that speaks of the toll by name ("A police source confirmed the death toll",
            # "The Observatory put the death toll at 24"): a source of the same toll
            follow = (first["report_id"], first["sent_idx"] + 1)
            if follow not in passing and names_toll(str(texts.get(follow) or "")):
                named = named + [d for d in cited.get(follow, []) if d not in named]
            # every source the report gives for its headline figure: an outlet that cites the monitor in its lead
            # and state media further down shares a source with one that cites only state media
            restated = _restated_sources(first, figures, restated_sourced, named, passing)
            named = named + [d for d in restated if d not in named]
            # what the outlet puts first (.lead_sources): the sources of the lead's sentences that give the toll
            lead = frozenset(source_class(d["value"]) for d in named
                             if not d.get("sent_idx", 0) > first["sent_idx"] + LEAD_SENTENCES)
            # a toll the report gives on no one's word is its credit line's, where it has one
            named = named or credits.get(first["report_id"], [])[-1:]
            outlet_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "attribution", "subject": SUBJECT, "outlet": outlet,
                "value": "; ".join(dict.fromkeys(d["value"] for d in named)) if named else "none",
                "low": np.nan, "high": np.nan,
                # no source: the lead's toll sentences, none of which names one
                "evidence": " | ".join(dict.fromkeys(d["text"] for d in (named or read or [first]))),
                "report_id": first["report_id"], "sent_idx": first["sent_idx"], "published": first["published"],
                "superseded": False,
                "values": frozenset(source_class(d["value"]) for d in named) or frozenset({source_class("none")}),
                "tied": bool(behind.get((first["report_id"], first["sent_idx"]))), "lead": lead,
            })
        if len(outlet_rows) < 2 or all(row["value"] == "none" for row in outlet_rows):
            continue  # no outlet names a source: nothing to compare
        compare_pairwise(outlet_rows, COMPARERS["attribution"])
        by_lead = flag_lead_clashes(outlet_rows)
        for i, row in enumerate(outlet_rows):
            if row["agrees"] is not False or i in by_lead:
                continue
            other = next(o for o in outlet_rows if o["outlet"] == row["other_outlet"])
            if "none" not in (row["value"], other["value"]):
                row["confidence"] = round(row["confidence"] - UNTIED_STEP * (2 - row["tied"] - other["tied"]), 2)
            elif "other" in row["values"] | other["values"]:  # a source of no known class against none: as
                # often one whose class was missed ("the statement", "the body said") as a named source
                row["confidence"] = round(active().unsourced_confidence * active().in_passing_share, 2)
        score = spread("attribution", outlet_rows, COMPARERS["attribution"].compatible)
        rows.extend({**{k: v for k, v in row.items() if k not in ("values", "tied", "lead")}, "score": score}
                    for row in outlet_rows)
    return rows
