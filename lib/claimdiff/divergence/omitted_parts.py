"""Omissions of a part of the toll: an outlet that gives the dead of an event in its lead but leaves out a part of
the toll that two or more outlets give in their leads:

- the injured (subject ``toll: injured``, :func:`injured_omissions`): the outlet says nowhere how many were hurt,
  where others give it ("killed 12 and wounded 30", "50 others were injured"). As for the dead
  (:func:`.omissions.toll_omissions`), the injured left out are given by a figure: two outlets saying only "dozens"
  or "hundreds more were injured" give no figure to leave out. An outlet that gives them by a word anywhere
  ("several other people were wounded"), or counts other people beside its dead ("more than twenty others suffered
  from suffocation"), has not left them out; one that only says the toll may rise "because of the number of people
  seriously wounded" has.
- the dead by side (subject ``toll: dead by side``, :func:`side_omissions`): the outlet gives one toll where others
  split the dead into civilians and fighters or soldiers ("killed 12 civilians and 20 pro-government fighters"), and
  counts no dead of either kind of fighter anywhere.

A part told further down, or by one outlet only, is most often of a side strike or of another incident told beside
this one ("a bomb aboard a bus near Homs ... wounding 25"), and a report whose lead gives no dead is of the
aftermath (a reaction, an inquiry), not an account of the casualties that left a part out: neither makes an
omission. The rule of :mod:`.omissions` holds: only outlets whose reports may tell of the outlet's incident count
toward its omission, and those must be at least ``omission_share`` of the event's outlets (a setting, as for
claims: in an event many outlets cover, two giving a part is no account most give). Readers take leaving out a part
as a lesser omission than leaving out the dead: the confidence is half the share of the event's outlets that give it
in their leads.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b", "c"], "sent_idx": 0, "published": pd.NaT,
...                         "outlet": ["x", "y", "z"], "text": ["Strikes killed 13 and wounded 29.",
...                         "Strikes killed 36; 50 were injured.", "Strikes killed 20."]})
>>> details = pd.DataFrame({"report_id": ["a", "a", "b", "b", "c"], "sent_idx": 0, "kind": "count",
...                         "subject": ["killed", "injured", "killed", "injured", "killed"],
...                         "group": "people", "text": ["13", "29", "36", "50", "20"], "start": 0, "end": 2})
>>> [(r["outlet"], r["subject"], round(r["confidence"], 2)) for r in injured_omissions(members, details, details)]
[('z', 'toll: injured', 0.33)]
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from ..details.groups import PART, groups_named, member_groups, noun_phrase
from ..details.lexicon import load
from .core import active, records
from .count_scope import loose_words
from .omissions import _speaking_of_deaths, latest_reports, omission_row, reports_of_outlets, together
from .toll_sides import FIGHTERS, side_of

# The first sentences of a report (title and lead) where outlets give a part of the toll and the omitting outlet
# the dead.
PART_LEAD_SENTENCES = 5
EVIDENCE_SENTENCES = 2  # the sentences of each outlet giving the part shown as the evidence
# Counts that say how many were hurt: "casualties" (killed or injured, the text does not say which) answer it too.
HURT = ("injured", "casualties")
# Groups that name no side: anyone, or a part of a toll whose group is not said.
_NO_SIDE = (None, "people", PART)


def injured_omissions(members: pd.DataFrame, stated: pd.DataFrame, named_anywhere: pd.DataFrame) -> list[dict]:
    """Omission rows (subject ``toll: injured``, ``claim_id`` -1) for outlets whose reports on an event give the
    dead in their leads but no injured anywhere, where two or more outlets give the injured by a figure in their
    leads (see the module docstring). ``stated``: the event's counts (no background, no war-wide figures), in which
    the injured and the dead of the leads are read; ``named_anywhere``: the details as extracted, background
    included, in which an outlet's injured are looked for anywhere."""
    hurt = stated[(stated["kind"] == "count") & (stated["subject"] == HURT[0])]
    hurt = hurt[~loose_words(hurt)]  # given by a figure, not a word
    anywhere = named_anywhere[(named_anywhere["kind"] == "count") & named_anywhere["subject"].isin(HURT)]
    return _part_omissions(members, stated, set(zip(hurt["report_id"], hurt["sent_idx"], strict=True)),
                           set(anywhere["report_id"]) | _others_beside_dead(stated, members), "toll: injured")


def _others_beside_dead(stated: pd.DataFrame, members: pd.DataFrame) -> set:
    """The reports with a sentence that counts the dead and, beside them, other people ("... and more than twenty
    others", "... and 30 more") of no casualty subject the details stage read ("three were killed and more than
    twenty others suffered from suffocation"): the hurt, in words it does not know. A count of people inside the
    toll ("including a woman and her four children") is none.

    >>> stated = pd.DataFrame({"report_id": ["a", "a", "b", "b"], "sent_idx": 0, "kind": "count",
    ...                        "subject": ["killed", "other", "killed", "other"], "group": ["civilians", "people",
    ...                                                                                  "people", "children"],
    ...                        "text": ["Three", "more than twenty", "six", "four"]})
    >>> members = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "text": [
    ...     "Three were killed and more than twenty others suffered from suffocation.",
    ...     "It killed six, including a woman and her four children."]})
    >>> sorted(_others_beside_dead(stated, members))
    ['a']
    """
    counts = stated[stated["kind"] == "count"]
    dead = set(zip(*(counts.loc[counts["subject"] == "killed", k] for k in ("report_id", "sent_idx")), strict=True))
    others = counts[(counts["subject"] == "other") & counts["group"].isin(_persons())]
    others = others[[key in dead for key in zip(others["report_id"], others["sent_idx"], strict=True)]]
    if others.empty:
        return set()
    wanted = set(zip(others["report_id"], others["sent_idx"], strict=True))
    mine = members[[key in wanted for key in zip(members["report_id"], members["sent_idx"], strict=True)]]
    text_of = mine.drop_duplicates(["report_id", "sent_idx"]).set_index(["report_id", "sent_idx"])["text"]
    found = set()
    for report_id, sent_idx, phrase in zip(others["report_id"], others["sent_idx"], others["text"], strict=True):
        sentence = str(text_of.get((report_id, sent_idx), ""))
        at = sentence.find(str(phrase))
        if at >= 0 and _OTHERS.match(sentence, at + len(str(phrase))):
            found.add(report_id)
    return found


# Right after a count: people besides those counted before ("more than twenty others", "30 more people").
_OTHERS = re.compile(r"\s+(?:others?|more)\b", re.IGNORECASE)


@cache
def _persons() -> frozenset:
    """The groups of people a count may number (``groups`` of ``data/count_groups.yaml``), not things."""
    return frozenset(load("count_groups")["groups"])


def side_omissions(members: pd.DataFrame, stated: pd.DataFrame, named_anywhere: pd.DataFrame) -> list[dict]:
    """Omission rows (subject ``toll: dead by side``, ``claim_id`` -1) for outlets whose reports on an event give
    the dead in their leads but never split them by side, nor count dead fighters or soldiers anywhere, where two or
    more outlets split them in their leads (see the module docstring; :func:`splits_by_side`). ``stated`` and
    ``named_anywhere`` as for :func:`injured_omissions`. An outlet counting dead fighters or soldiers anywhere,
    or naming them in a sentence that counts the dead, has not left the split out."""
    in_stated = stated[(stated["kind"] == "count") & (stated["subject"] == "killed")]
    lead = lead_sentences(members)
    lead_dead = in_stated.merge(lead[["report_id", "sent_idx", "text"]].rename(columns={"text": "sentence"}),
                                on=["report_id", "sent_idx"])
    giving_keys = splits_by_side(lead_dead, _texts(lead_dead))
    # only the events where two outlets split the dead are read further: the rest have nothing to leave out
    events = _events_given(lead, giving_keys)
    if not events:
        return []
    mine = members[members["event_id"].isin(events)]
    dead = named_anywhere[(named_anywhere["kind"] == "count") & (named_anywhere["subject"] == "killed")]
    dead = dead.merge(mine[["report_id", "sent_idx", "text"]].drop_duplicates(["report_id", "sent_idx"]).rename(
        columns={"text": "sentence"}), on=["report_id", "sent_idx"])
    text_of = _texts(dead)
    # an outlet whose sentences counting the dead name soldiers or fighters anywhere has told their side, whether
    # or not the count was read as theirs ("killed a nurse, a hospital employee and two soldiers")
    fighters = {report for (report, sent_idx), text in text_of.items()
                if FIGHTERS in {side_of(g) for g in groups_named(text)}}
    stating = {r for r, _ in splits_by_side(dead, text_of)} | fighters
    return _part_omissions(members, stated, giving_keys, stating, "toll: dead by side", lead)


def _texts(counts: pd.DataFrame) -> dict[tuple, str]:
    """The sentence (column ``sentence``) of each (report, sentence) of ``counts``."""
    return dict(zip(zip(counts["report_id"], counts["sent_idx"], strict=True), counts["sentence"].astype(str),
                    strict=True))


def lead_sentences(members: pd.DataFrame, sentences: int = PART_LEAD_SENTENCES) -> pd.DataFrame:
    """The rows of ``members`` in the first ``sentences`` of their reports, one per sentence (the keys are read
    first: the lead is a small part of the table, which is not copied whole).

    >>> members = pd.DataFrame({"report_id": ["a", "a", "a"], "sent_idx": [3, 3, 9], "text": ["x", "x", "y"]})
    >>> lead_sentences(members, 2)["sent_idx"].tolist()
    [3]
    """
    first = members.groupby("report_id")["sent_idx"].transform("min")
    chosen = (members["sent_idx"] < first + sentences) & ~members.duplicated(["report_id", "sent_idx"])
    return members.loc[chosen]


def _events_given(lead: pd.DataFrame, giving_keys: set) -> set:
    """The events where the lead sentences ``giving_keys`` are of two outlets or more."""
    given = [key in giving_keys for key in zip(lead["report_id"], lead["sent_idx"], strict=True)]
    outlets = lead.loc[given].groupby("event_id")["outlet"].nunique()
    return set(outlets[outlets >= 2].index)


def splits_by_side(dead: pd.DataFrame, text_of: dict) -> set[tuple]:
    """The (report, sentence) of ``dead`` (counts of the killed, with ``group`` and ``text``) that count the
    dead of both sides: civilians (or children, women, ...) and fighters or soldiers, in one joined count ("15
    civilians and 27 [pro-government fighters]", its last noun read after it in the sentence, ``text_of``) or in
    two counts.

    >>> dead = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "group": "people",
    ...                      "text": ["15 civilians and 27", "15 and 27"]})
    >>> splits_by_side(dead, {("a", 0): "killed 15 civilians and 27 pro-government fighters",
    ...                       ("b", 0): "killed 15 and 27 on Monday"})
    {('a', 0)}
    """
    sides: dict[tuple, set] = {}
    # a count of no side that joins no members says nothing of sides: most of them
    telling = ~dead["group"].isin(_NO_SIDE[1:]) | dead["text"].astype(str).str.contains(r"\band\b|,", regex=True)
    for m in records(dead.loc[telling, ["report_id", "sent_idx", "group", "text"]]):
        key, phrase = (m["report_id"], m["sent_idx"]), str(m["text"])
        groups = [m["group"]]
        at = str(text_of.get(key, "")).find(phrase)
        if re.search(r"\band\b|,", phrase) and at >= 0:  # a joined count: its last noun follows it
            groups = member_groups(phrase, noun_phrase(str(text_of[key])[at + len(phrase):])[0])
        sides.setdefault(key, set()).update(side_of(g) for g in groups if g not in _NO_SIDE)
    return {key for key, found in sides.items() if found == {FIGHTERS, "people"}}


def _part_omissions(members: pd.DataFrame, stated: pd.DataFrame, giving_keys: set, stating_reports: set,
                    subject: str, lead: pd.DataFrame | None = None) -> list[dict]:
    """The omission rows of a part of the toll that the sentences ``giving_keys`` give (those of a lead count), for
    the outlets none of whose reports is among ``stating_reports`` and whose leads give the dead; ``lead``:
    :func:`lead_sentences` of ``members``, when known."""
    lead = lead_sentences(members) if lead is None else lead
    giving: dict = {}  # event -> outlet -> the lead sentences giving the part
    given = [key in giving_keys for key in zip(lead["report_id"], lead["sent_idx"], strict=True)]
    for m in records(lead.loc[given, ["event_id", "outlet", "report_id", "sent_idx", "text"]]):
        giving.setdefault(m["event_id"], {}).setdefault(m["outlet"], []).append(m)
    giving = {event_id: by_outlet for event_id, by_outlet in giving.items() if len(by_outlet) >= 2}
    if not giving:
        return []
    reports_of = reports_of_outlets(members)
    in_lead = set(zip(lead["report_id"], lead["sent_idx"], strict=True))
    dead = stated[(stated["kind"] == "count") & (stated["subject"] == "killed")]
    dead_in_lead = {r for r, i in zip(dead["report_id"], dead["sent_idx"], strict=True) if (r, i) in in_lead}
    candidates = {r for (event_id, _), reports in reports_of.items() if event_id in giving for r in reports}
    dead_in_lead |= _speaking_of_deaths(lead, stated, candidates - dead_in_lead)
    latest = latest_reports(members[members["event_id"].isin(giving)])
    rows = []
    for event_id, by_outlet in sorted(giving.items(), key=lambda item: item[0]):
        covering = sorted(outlet for (event, outlet) in reports_of if event == event_id)
        for outlet in covering:
            own_reports = reports_of[(event_id, outlet)]
            if outlet in by_outlet or own_reports & stating_reports or not own_reports & dead_in_lead:
                continue
            row = omission_where_many_say_it(event_id, subject, outlet, own_reports, by_outlet, len(covering),
                                             latest[(event_id, outlet)], confidence_share=0.5)
            if row is not None:
                rows.append(row)
    return rows


def omission_where_many_say_it(event_id, subject: str, outlet: str, own_reports: set, by_outlet: dict,
                               n_covering: int, own: dict, confidence_share: float = 1.0,
                               evidence_sentences: int = EVIDENCE_SENTENCES) -> dict | None:
    """The omission row of ``outlet`` (its latest report ``own``) where the outlets of ``by_outlet`` (outlet -> the
    sentence records that say it) whose reports tell of one incident with the outlet's (``together``) are two or
    more and at least ``omission_share`` of the ``n_covering`` outlets; None otherwise. Its score is that share, its
    confidence the share times ``confidence_share``, its evidence the first sentences of each of those outlets.

    >>> said = {o: [{"report_id": o + "1", "text": f"{o} says a hospital was hit."}] for o in ("a", "b")}
    >>> row = omission_where_many_say_it(0, "target: hospital", "c", {"c1"}, said, 3,
    ...                                  {"report_id": "c1", "published": pd.NaT})
    >>> row["outlet"], round(row["confidence"], 2), row["other_outlet"]
    ('c', 0.67, 'a')
    """
    near = {o: said for o, said in by_outlet.items() if together(own_reports, said[0]["report_id"])}
    score = len(near) / n_covering
    if len(near) < 2 or score < active().omission_share:
        return None
    first_outlet = sorted(near)[0]
    other = near[first_outlet][0]
    evidence = " | ".join(dict.fromkeys(m["text"] for o in sorted(near) for m in near[o][:evidence_sentences]))
    return omission_row(event_id, -1, subject, outlet, score, evidence, own["report_id"], pd.NA, own["published"],
                        other={"other_outlet": first_outlet, "other_report_id": other["report_id"],
                               "other_evidence": other["text"], "other_value": pd.NA,
                               "confidence": score * confidence_share})
