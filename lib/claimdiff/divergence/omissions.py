"""Omissions: an outlet that covers an event but leaves out a key detail that two or more other outlets state.

- a claim (subject ``claim``): a claim group that at least :data:`OMISSION_SHARE` of the event's outlets (and at
  least two) make; the outlets that make no sentence of it get a row. It is flagged (``agrees`` False) only when
  two or more outlets count a toll in it (the killed, the injured, ...: :data:`CLAIM_TOLLS`) and the outlet
  counts no such toll (of any group) anywhere in its reports on the event, or, where the claim counts fighters
  beside its reports' toll of people (the other side's dead, "ISIL also lost 15 militants":
  :func:`.toll_sides.fighters_beside`), no toll of fighters or soldiers; other rows, with ``agrees`` missing,
  only tell the coverage figure who left the claim out.
- a toll (subject ``toll``): two or more outlets give a figure of the killed in the event and the outlet gives
  none in any of its reports on it (a loose word alone, "scores were killed", is a weaker omission; a sentence
  that counts something and speaks of deaths is no silence: :func:`toll_omissions`); the evidence is the first
  few sentences of each of those outlets that give it.
- a perpetrator (subject ``perpetrator``): in a claim group where at least two outlets say who did it ("drones
  launched by HTS"), an outlet of the group that names none of those parties anywhere in its reports on the event;
  and over the whole event (:func:`doer_omissions`), an outlet that says nothing of who did it where two or more
  name a doer. An outlet that names those parties as the doer anywhere in its reports on the event, even in a
  sentence about another incident ("Russian air strikes killed 23 on May 31"), or in any role in a lead, has not
  left them out (:func:`_parties_named`, on the details as extracted, background included); one that mentions
  them only in passing further down ("Assad's regime and Russia have accused rebels of using toxic gas") has.
- the means of the attack (subject ``means: <detail>``, :func:`.omitted_means.means_omissions`): two or more
  outlets name the vehicle that carried the bomb in their leads ("a suicide car bomb") and the outlet names none
  anywhere ("a bomb blast").
- elsewhere: a place where others count the dead (:mod:`.omitted_places`), a part of the toll others give (the
  injured, the dead by side: :mod:`.omitted_parts`), the kind of site others say was targeted (:mod:`.omitted_sites`).

Only outlets whose reports may tell of the same incident as the outlet's own count toward its omission: a report
whose lead tells of another incident (:func:`.core.reports_apart`, :mod:`.apart`: the rule every pairwise comparison
keeps) says nothing of what the outlet left out.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from ..details.actors import actor_side
from ..details.count_words import subjects
from ..details.lexicon import patterns_alternation
from .core import (
    NO_PARTY,
    PERPETRATOR_ROLES,
    TOLL_SUBJECTS,
    DivergenceSettings,
    grouped_records,
    no_clash,
    records,
    reports_apart,
)
from .count_scope import loose_words
from .perpetrators import LEAD_SENTENCES
from .toll_sides import FIGHTERS, fighters_beside, headline_sides, side_of

# Of the event's outlets, this share (and at least two) must state a claim for its absence elsewhere to count.
OMISSION_SHARE = DivergenceSettings.omission_share
# Tolls whose absence is an omission: not the injured, which many reports leave out while giving the killed (on
# FA-KES dev, 14 of 18 such outlets were no omission to the reader's gold).
TOLLS = ("killed",)
# Tolls of a claim whose absence is an omission: not the displaced, more often a population ("tens of thousands
# displaced from Aleppo have found refuge in Idlib") than a toll of the event.
CLAIM_TOLLS = tuple(subject for subject in TOLL_SUBJECTS if subject != "displaced")
EVIDENCE_SENTENCES = 3  # the sentences of each outlet that gives a toll shown as the evidence of its omission
  # the sentences of each outlet that gives a toll shown as the evidence of its omission


def omission_row(event_id, claim_id, subject, outlet, score, evidence, report_id=pd.NA, sent_idx=pd.NA,
                 published=pd.NaT, agrees=False, other: dict | None = None) -> dict:
    """One omission row (kind ``omission``, no value) with the other side of its clash (``other``: the
    ``other_*`` columns and ``confidence``; none by default).

    >>> row = omission_row(0, -1, "toll", "blog", 0.5, "21 killed")
    >>> row["kind"], row["outlet"], row["agrees"]
    ('omission', 'blog', False)
    """
    return {"event_id": event_id, "claim_id": claim_id, "kind": "omission", "subject": subject, "outlet": outlet,
            "value": pd.NA, "low": np.nan, "high": np.nan, "agrees": agrees, "score": score, "evidence": evidence,
            "report_id": report_id, "sent_idx": sent_idx, "published": published, "superseded": False,
            **(other or no_clash())}


def _other(member: dict, confidence: float) -> dict:
    return {"other_outlet": member["outlet"], "other_report_id": member["report_id"], "other_evidence": member["text"],
            "other_value": pd.NA, "confidence": confidence}


def together(own_reports, report) -> bool:
    """May ``report`` tell of the incident of one of ``own_reports`` (is it apart, :func:`.core.reports_apart`, from
    none of them)? Outside a comparison telling reports apart, every report is together with any.

    >>> together({"a", "b"}, "c")
    True
    """
    return any(not reports_apart(own, report) for own in own_reports)


def claim_omissions(members: pd.DataFrame, key: set, details: pd.DataFrame, share: float = OMISSION_SHARE
                    ) -> list[dict]:
    """Omission rows of claims (see the module docstring); ``details`` without background counts."""
    outlets = members.groupby("event_id")["outlet"].agg(lambda o: sorted(o.unique())).to_dict()
    counted = _things_counted(members, details)
    ordered = members.sort_values(["published", "report_id", "sent_idx"], kind="stable")
    counted_by: dict[tuple, set] = {}
    for m in records(members):
        stated = counted.get((m["report_id"], m["sent_idx"]), ())
        counted_by.setdefault((m["event_id"], m["outlet"]), set()).update(stated)
    subjects_by = {key: {subject for subject, _ in stated} | {(subject, side_of(group)) for subject, group in stated}
                   for key, stated in counted_by.items()}
    headline = headline_sides(counted)
    reports_of = reports_of_outlets(members)
    rows = []
    for (event_id, claim_id), group in grouped_records(ordered, ["event_id", "claim_id"]):
        said, covering = {m["outlet"] for m in group}, outlets[event_id]
        if len(said) < max(2, share * len(covering)) or len(said) == len(covering):
            continue
        keyed = [m for m in group if (m["report_id"], m["sent_idx"]) in key]
        # the things the claim counts, in the sentences of two outlets or more
        things = [t for m in keyed for t in counted.get((m["report_id"], m["sent_idx"]), ())]
        things = {t for t in things if t[0] in CLAIM_TOLLS and len({m["outlet"] for m in keyed
                                            if t in counted.get((m["report_id"], m["sent_idx"]), ())}) >= 2}
        beside = fighters_beside(keyed, counted, headline, CLAIM_TOLLS)
        first = (keyed or group)[0]
        score = len(said) / len(covering)
        for outlet in covering:
            if outlet not in said:
                # left out: none of the tolls the claim counts (the killed, the injured: of whatever group, since
                # "22 civilians" and "22 people" are one toll) is counted anywhere in the outlet's reports on it
                theirs = subjects_by.get((event_id, outlet), set())
                flagged = bool(things) and not ({subject for subject, _ in things} & theirs)
                # ... or, where the claim counts fighters beside its reports' toll of people, no fighters
                flagged = flagged or bool(beside) and not ({(subject, FIGHTERS) for subject, _ in beside} & theirs)
                # ... by two outlets or more whose sentences may tell of the outlet's incident
                flagged = flagged and len({m["outlet"] for m in keyed if together(reports_of[(event_id, outlet)],
                                           m["report_id"]) and things & counted.get((m["report_id"],
                                                                                      m["sent_idx"]), set())}) >= 2
                rows.append(omission_row(event_id, claim_id, "claim", outlet, score, first["text"],
                                          agrees=False if flagged else pd.NA,
                                          other=_other(first, score) if flagged else None))
    return rows


def reports_of_outlets(members: pd.DataFrame) -> dict[tuple, set]:
    """Each (event, outlet)'s reports.

    >>> found = reports_of_outlets(pd.DataFrame({"event_id": 0, "outlet": ["x", "x"], "report_id": ["a", "b"]}))
    >>> {key: sorted(reports) for key, reports in found.items()}
    {(0, 'x'): ['a', 'b']}
    """
    reports_of: dict[tuple, set] = {}
    for event_id, outlet, report_id in zip(members["event_id"], members["outlet"], members["report_id"], strict=True):
        reports_of.setdefault((event_id, outlet), set()).add(report_id)
    return reports_of


def latest_reports(members: pd.DataFrame) -> dict[tuple, dict]:
    """Each (event, outlet)'s latest sentence (by ``published``, then report and sentence): the report an omission
    of the outlet over the event is told of.

    >>> members = pd.DataFrame({"event_id": 0, "outlet": "x", "report_id": ["a", "b"], "sent_idx": 0,
    ...                         "published": pd.to_datetime(["2024-04-19", "2024-04-18"])})
    >>> latest_reports(members)[(0, "x")]["report_id"]
    'a'
    """
    latest = members.sort_values(["published", "report_id", "sent_idx"], kind="stable")
    return {(m["event_id"], m["outlet"]): m for m in records(latest.drop_duplicates(["event_id", "outlet"],
                                                                                   keep="last"))}


def _things_counted(members: pd.DataFrame, details: pd.DataFrame) -> dict[tuple, set]:
    """The tolls (subject, group) each sentence of ``members`` counts."""
    counts = details[(details["kind"] == "count") & details["subject"].isin(TOLL_SUBJECTS)]
    group = counts["group"].astype(object).where(counts["group"].notna(), counts["subject"])
    counted: dict[tuple, set] = {}
    for report_id, sent_idx, subject, thing in zip(
        counts["report_id"], counts["sent_idx"], counts["subject"], group, strict=True
    ):
        counted.setdefault((report_id, sent_idx), set()).add((subject, thing))
    return counted


def toll_omissions(members: pd.DataFrame, details: pd.DataFrame) -> list[dict]:
    """Omission rows of tolls (see the module docstring); ``details`` without background counts.

    A toll is given by a figure: an outlet that counts the killed only by a loose word ("scores of civilians were
    killed across Idlib and Aleppo") where two or more give a figure has left the figure out, a weaker omission
    (half the confidence). An outlet with a sentence that counts something and speaks of deaths ("the death toll
    rose to 61", read as a count of no subject) may give the toll in words the details stage did not read as one: it
    is not taken as silent.
    """
    counts = details[(details["kind"] == "count") & details["subject"].isin(TOLLS)]
    loose = _loose(counts)
    vague_of = set(zip(counts.loc[loose, "report_id"], counts.loc[loose, "subject"], strict=True))
    counts = counts[~loose]
    stated = members.merge(counts[["report_id", "sent_idx", "subject"]].drop_duplicates(), on=["report_id", "sent_idx"])
    latest = latest_reports(members)
    reports_of = reports_of_outlets(members)
    # per event and toll, the sentences giving it, earliest first (one pass over the table, not one per event)
    giving_of = dict(grouped_records(stated.sort_values(["published", "report_id", "sent_idx"], kind="stable"),
                                     ["event_id", "subject"]))
    rows = []
    candidates = []  # (event, toll, outlet, share): the outlets that give no figure where two or more do
    for event_id, covering in members.groupby("event_id")["outlet"].agg(lambda o: sorted(o.unique())).items():
        for subject in TOLLS:
            naming = {m["outlet"] for m in giving_of.get((event_id, subject), [])}
            if 2 <= len(naming) < len(covering):
                candidates += [(event_id, subject, outlet, len(naming) / len(covering)) for outlet in covering
                               if outlet not in naming]
    speaking = _speaking_of_deaths(members, details, {r for e, _, o, _ in candidates for r in reports_of[(e, o)]})
    for event_id, subject, outlet, score in candidates:
        own_reports = reports_of[(event_id, outlet)]
        if own_reports & speaking:
            continue
        # the sentences of reports that may tell of the outlet's incident, of two outlets or more
        near = [m for m in giving_of[(event_id, subject)] if together(own_reports, m["report_id"])]
        if len({m["outlet"] for m in near}) < 2:
            continue
        own = latest[(event_id, outlet)]
        sure = score / 2 if any((report, subject) in vague_of for report in own_reports) else score
        rows.append(omission_row(event_id, -1, "toll", outlet, sure, _toll_evidence(near), own["report_id"], pd.NA,
                                 own["published"], other=_other(near[0], sure)))
    return rows


def _loose(details: pd.DataFrame) -> pd.Series:
    """:func:`.count_scope.loose_words` of ``details``; none in a table without the counts' words."""
    return loose_words(details) if "text" in details else pd.Series(False, index=details.index)


@cache
def _death_words() -> re.Pattern:
    """The words that say people died (the ``killed`` cues of ``data/count_subjects.yaml``)."""
    cues = subjects()["subjects"]["killed"]
    body = patterns_alternation(p for where in ("head", "after", "before") for p in cues.get(where, []))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _speaking_of_deaths(members: pd.DataFrame, details: pd.DataFrame, reports: set) -> set:
    """Those of ``reports`` with a sentence that holds a count given by a number (``details``) and speaks of deaths.

    >>> members = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0,
    ...                         "text": ["The death toll was raised to 61.", "Three strikes hit the town."]})
    >>> details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "count", "text": ["61", "Three"]})
    >>> sorted(_speaking_of_deaths(members, details, {"a", "b"}))
    ['a']
    """
    counts = details[(details["kind"] == "count") & details["report_id"].isin(reports)]
    counts = counts[~_loose(counts)]
    counting = set(zip(counts["report_id"], counts["sent_idx"], strict=True))
    mine = members[members["report_id"].isin(reports)]
    deaths = _death_words()
    return {report for report, sent_idx, text in zip(mine["report_id"], mine["sent_idx"], mine["text"], strict=True)
            if (report, sent_idx) in counting and deaths.search(str(text))}


def _toll_evidence(giving: list[dict]) -> str:
    """What each outlet that gives the toll says: its first few sentences that give it (the first is at times an
    earlier incident's toll, told as background)."""
    said: dict = {}
    for m in giving:
        if len(said.setdefault(m["outlet"], {})) < EVIDENCE_SENTENCES:
            said[m["outlet"]][m["text"]] = None
    return " | ".join(dict.fromkeys(text for texts in said.values() for text in texts))


def perpetrator_omissions(shared: pd.DataFrame, details: pd.DataFrame, members: pd.DataFrame,
                          named_anywhere: pd.DataFrame | None = None) -> list[dict]:
    """Omission rows (subject ``perpetrator``) for outlets that make a claim but leave out who did it.

    In a claim group where at least two outlets name who did it (an actor as agent or blamed, e.g. "drones launched
    by HTS", "launched by terrorist organizations"), an outlet of the group whose sentence names no one in those
    roles, and whose reports on the event name none of those parties (:func:`_parties_named`: as the doer anywhere,
    in any role in a lead, or by a label standing for them), gets a row: it says what happened and not who did it.
    ``details`` without background (who the outlets say did it); ``named_anywhere`` (default ``details``): the
    details as extracted, background included, in which the parties an outlet names are read.
    """
    actors = _sided(details)
    doers = actors[(actors["kind"] == "actor") & actors["subject"].isin(PERPETRATOR_ROLES)]
    doers_of: dict[tuple, set] = {}
    evidence_of: dict[tuple, list] = {}
    for report_id, sent_idx, party, text in zip(
        doers["report_id"], doers["sent_idx"], doers["side"], doers["text"], strict=True
    ):
        doers_of.setdefault((report_id, sent_idx), set()).add(party)
        evidence_of.setdefault((report_id, sent_idx), []).append(text)
    sides_of = _parties_named(details if named_anywhere is None else named_anywhere)
    reports_of = reports_of_outlets(members)
    groups: dict = {}
    for member in records(shared[~shared["superseded"]]):
        groups.setdefault(member["claim_id"], []).append(member)
    rows = []
    for claim_id, group in sorted(groups.items(), key=lambda item: item[0]):
        said = [doers_of.get((m["report_id"], m["sent_idx"]), set()) for m in group]
        naming = {m["outlet"] for m, mine in zip(group, said, strict=True) if mine}
        if len(naming) < 2:
            continue
        named = set().union(*said)
        evidence = " | ".join(dict.fromkeys(
            " | ".join(evidence_of[(m["report_id"], m["sent_idx"])])
            for m, mine in zip(group, said, strict=True) if mine))
        outlets = {m["outlet"] for m in group}
        for member in group:
            if member["outlet"] in naming:
                continue
            own_reports = reports_of[(member["event_id"], member["outlet"])]
            if any(sides_of.get(report, set()) & named for report in own_reports):
                continue
            near = [m for m, mine in zip(group, said, strict=True) if mine and together(own_reports, m["report_id"])]
            if len({m["outlet"] for m in near}) < 2:
                continue
            naming_member = near[0]
            score = len(naming) / len(outlets)
            rows.append(omission_row(member["event_id"], claim_id, "perpetrator", member["outlet"], score, evidence,
                                      member["report_id"], member["sent_idx"], member["published"],
                                      other=_other(naming_member, score)))
    return rows


def _sided(details: pd.DataFrame) -> pd.DataFrame:
    """The actor and label rows of ``details`` with ``side``: the party each names."""
    actors = details[details["kind"].isin(["actor", "label"])]
    side = np.where(actors["kind"] == "actor", actors["value"], actors["subject"])
    return actors.assign(side=[actor_side(s) for s in side])


def _parties_named(details: pd.DataFrame) -> dict[str, set]:
    """Each report's parties named as the doer anywhere, or in any role in its lead (its first
    :data:`.perpetrators.LEAD_SENTENCES` sentences): an actor, or a label standing for one. A party only mentioned
    past the lead ("Assad's regime and Russia have accused rebels of using toxic gas") is no answer to who did it.

    >>> details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 9, 12], "kind": "actor", "role": pd.NA,
    ...                         "subject": ["mentioned", "agent", "mentioned"], "value": ["Russia", "ISIS", "HTS"]})
    >>> sorted(_parties_named(details)["r"])
    ['ISIS', 'Russia']
    """
    actors = _sided(details)
    role = actors["role"] if "role" in actors else pd.Series(pd.NA, index=actors.index)
    doing = role.isin(PERPETRATOR_ROLES) | (actors["kind"].eq("actor") & actors["subject"].isin(PERPETRATOR_ROLES))
    actors = actors[doing | (actors["sent_idx"] < LEAD_SENTENCES)]
    sides_of: dict[str, set] = {}
    for report_id, party in zip(actors["report_id"], actors["side"], strict=True):
        sides_of.setdefault(report_id, set()).add(party)
    return sides_of


def doer_omissions(members: pd.DataFrame, perpetrators: list[dict], details: pd.DataFrame) -> list[dict]:
    """Omission rows (subject ``perpetrator``, ``claim_id`` -1) for outlets that cover an event but say nothing of
    who did it, where two or more outlets name a doer (``perpetrators``: the rows of
    :func:`.perpetrators.event_perpetrators`; an outlet saying the doer is not known is no omission). The outlet's
    reports on the event must name none of those parties as the doer anywhere, nor in any role in a lead, nor by a
    label standing for them (:func:`_parties_named`; ``details`` as extracted, background included): one that says
    the regime did it only past its lead has not left it out. The evidence is the first sentence of each outlet
    that names a doer.

    >>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b", "c"], "sent_idx": 0, "published": pd.NaT,
    ...                         "outlet": ["x", "y", "z"], "text": ["ISIS struck.", "IS struck.", "A blast."]})
    >>> rows = [{"event_id": 0, "outlet": o, "value": "ISIS", "evidence": e, "report_id": r, "sent_idx": 0}
    ...         for o, e, r in (("x", "ISIS", "a"), ("y", "IS", "b"))]
    >>> details = pd.DataFrame({"report_id": [], "sent_idx": [], "kind": [], "subject": [], "value": []})
    >>> [(r["outlet"], r["evidence"]) for r in doer_omissions(members, rows, details)]
    [('z', 'ISIS struck. | IS struck.')]
    """
    sides_of = _parties_named(details)
    latest = latest_reports(members)
    reports_of = reports_of_outlets(members)
    text_of = dict(zip(zip(members["report_id"], members["sent_idx"], strict=True), members["text"], strict=True))
    by_event: dict = {}
    for row in perpetrators:
        by_event.setdefault(row["event_id"], []).append(row)
    rows = []
    for event_id, said in sorted(by_event.items(), key=lambda item: item[0]):
        naming = [row for row in said if set(row["value"].split("; ")) - NO_PARTY]
        if len(naming) < 2:
            continue
        named = {actor_side(s) for row in naming for s in row["value"].split("; ")} - NO_PARTY
        answered = {row["outlet"] for row in said}
        covering = sorted({outlet for (event, outlet) in reports_of if event == event_id})
        # what each outlet naming a doer says: the first sentence naming one
        evidence = " | ".join(dict.fromkeys(text_of.get((row["report_id"], row["sent_idx"]), row["evidence"])
                                            for row in naming))
        score = len(naming) / len(covering)
        for outlet in covering:
            if outlet in answered or any(sides_of.get(r, set()) & named for r in reports_of[(event_id, outlet)]):
                continue
            if len({row["outlet"] for row in naming if together(reports_of[(event_id, outlet)], row["report_id"])}) < 2:
                continue
            own = latest[(event_id, outlet)]
            rows.append(omission_row(event_id, -1, "perpetrator", outlet, score, evidence, own["report_id"],
                                      pd.NA, own["published"],
                                      other={"other_outlet": naming[0]["outlet"],
                                             "other_report_id": naming[0]["report_id"],
                                             "other_evidence": naming[0]["evidence"], "other_value": pd.NA,
                                             "confidence": score}))
    return rows

