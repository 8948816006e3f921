"""Labels across claim groups (rows with ``claim_id`` -1).

Labels: the words used for one side are compared over the whole event, because the sentences that label it rarely make
the same claim ("an attack by a terrorist group on a checkpoint" vs "Gunmen attacked a Syrian army checkpoint"). Each
outlet's labels for a side are read from all its reports on the event: a word is not updated as a toll is, and an
outlet's latest report alone is often a follow-up that names the side only in passing (on the FA-KES dev gold, label
precision rose from .61 to .63 with the gold events and from .60 to .64 with the predicted ones, recall unchanged).
They are compared with those of every other outlet: one row per outlet and side, not one per claim group, so a choice
of words is flagged once (claim groups compare only the wordings of acts). Labels that stand for no actor they name
("unresolved": "rebels", "rebel-held", "terrorist groups"; the details stage ties a label to an actor only when it is
named next to it, or when a definite label refers back to it) are compared with the other outlets' unresolved labels of
the same kind of party: those that can stand only for a state apart from those for an armed group, and those that call
an act by their word ("a terrorist attack": role "act", :mod:`claimdiff.details.label_acts`) apart from those for a
party, unless it is the outlet's only word for the doers (:func:`.unnamed_sides.acts_apart`). A label stands for a
party of this incident where that party acts or is hit ("rebels fired rockets", "a strike on rebels", "regime jets
struck"; roles :data:`PARTY_ROLES`): a clash seen only in labels in passing ("rebel-held Idlib", "the war pitting
rebels ...", "regime-held Aleppo"), or a party hit only by named actors that are no parties of the incident ("the
US-led coalition ... usually targeting extremists" in a report on a gas attack by other planes:
:func:`hit_in_another_fight`; on the FA-KES dev gold, one false alarm fewer with the predicted events; with the gold
events the outlet's flag falls from 0.4 to 0.12) may be between different parties, or be no choice about this incident,
and counts at a lower confidence (:func:`.stances.party_label_clash`; measured on the FA-KES dev gold, such clashes
were real a third of the time, those between parties that act half the time or more; with labels in passing weaker for
a named actor too, label flags at confidence 0.7 or more were real 11 of 14 times, against 12 of 22 when they counted
fully).

Per party: labels are compared per side (an actor and its aliases, ``data/actors.yaml``; a label in one phrase with a
name, "the extremist Islamic State group", "Al-Nusra Front jihadist rebels", is that actor's:
:mod:`claimdiff.details.label_ties`), and a named side only
where it is a party of this incident, named in the leads of the event's reports (:func:`incident_parties`):
"Daesh" against "Islamic State" in closing lines on the war is no choice of words about an air strike in Idlib.

Only the outlet's own words are its labels: not a label inside quotation marks or one it gives as another's name
("state TV called it terrorist bombings": role "quoted", :mod:`claimdiff.details.voice`), nor one that only tells
the leaning of a monitor, activists or rescuers ("opposition activists said", "the opposition-run Observatory
reported": role :data:`claimdiff.details.voice.SOURCE_WORD`; "a regime source said" stays the outlet's word for the
government), nor "the opposition" that speaks ("the opposition said", "according to an opposition statement": its
coalition or negotiators, a political body, :func:`claimdiff.details.voice.speaks_as_a_body`; on the FA-KES dev
gold, two false alarms fewer in either setting of events, and one flag the gold lists moved to another outlet),
nor one in what a party,
its media, officials or another outlet is reported to say ("the ministry said terrorists shelled ...": the label
row's ``source``, :mod:`claimdiff.details.sources`; :func:`retold`), nor one in a clause a reporting verb opens
whose speaker is not found ("the ministry condemned the raid and said the US supports the ISIL terrorist group": an
unnamed speaker's, :func:`claimdiff.details.voice.reported_speech`; on the FA-KES dev gold events, six label flags
fewer, none of them real). The speaker's own phrase ("the opposition said") is the outlet's, and so is a label in
what a monitor, witnesses or medics tell: outlets retell those in their own words ("21 pro-government fighters were
killed, the monitor said"). Labels of background (:mod:`.background`:
the war, earlier incidents, running totals) are left out, as in every kind. Two outlets' labels clash when they take
different stances,
compared by tone, not word for word (:mod:`.stances`): "rebels" against "insurgents" is no clash, "rebels" against
"terrorists" a sure one. A word an outlet writes in one sentence only, where it writes the other outlet's word in two
or more, is a stray one, no choice it makes (:func:`.stances.own_choice`: "the government" once among eleven "the
regime", a comment's "collaborating with terrorists" beside "the opposition" throughout, "Islamic State group
jihadists" once beside "Islamic State" against another's "Islamic State militants"; on the FA-KES dev gold events,
three false alarms fewer, and one flag the gold lists only for another word of the outlet; with three sentences or
more, one false alarm fewer). Where three outlets or more have words for a side, one whose words for it stand in a
single sentence, in a tone no other outlet uses ("occupation forces" once, against "Russian jets" elsewhere), is the
one that differs: its row is flagged, the other outlets' rows are not flagged against it (:func:`lone_words`; on the
FA-KES dev gold, 5 flags fewer with the gold events, 2 of them real, and 4 with the predicted ones, 1 real; one gold
divergence less found with the gold events, credited to a row on the armed groups that stood in the gold's sentence
on the army). The wordings of acts
("killed" vs "martyred") stay within claim groups: the same verb can tell of different deaths; only those of the
leads are compared over the event as well (:mod:`.lead_wordings`). A report held apart from its event's others
(:func:`.apart.held_apart`: it tells of another incident) gives no words for the event's parties (with the
predicted events on the FA-KES dev gold, an outlet's row otherwise stood on such a report, where no clash is
compared).

A clashing row points (``report_id``, ``sent_idx``) at the sentence whose word shows the clash best
(:func:`telling_word`), of the outlet's earliest report where two are as telling (its first telling of the event).

Names: an outlet that calls an actor by a loaded name ("Daesh") where another uses a neutral one ("Islamic State",
"ISIS") chooses its words as with a label: such names are compared with the names other outlets give the side
(:func:`name_labels`; "the extremist Islamic State group" against "the extremist Daesh group"). A name chosen
apart is surer a stance where the two outlets' labels for the side differ in tone too (on the FA-KES dev gold, 7
of 8 such clashes were real, 20 of 32 of those in the name alone). An outlet that names a party of the incident
acting or hit ("al-Nusra Front", "Russian warplanes") and never labels it has a word for it too, the party's name
(:func:`named_only`), compared only with words that deny it standing ("the Nusra Front terrorist group", "the
Russian occupation forces": :data:`.stances.NAMED_ONLY`; on the FA-KES dev gold, one more gold label divergence found
with the gold events, two with the predicted ones, for six more flags, four of them real).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

import numpy as np
import pandas as pd

from ..details.actors import QUOTED, UNRESOLVED, actor_side
from ..details.lexicon import load
from ..details.qualifiers import QUALIFIER
from ..details.speakers import source_class
from ..details.voice import SOURCE_WORD
from ..details.wordings import acts
from .comparers import COMPARERS, Comparer, compare_pairwise
from .compatible import spread
from .core import grouped_records
from .stances import NAMED_ONLY, TONES, party_label_clash, stance, tone
from .unnamed_sides import acts_apart, one_unnamed_clash

# Roles of a label's actor that make it a party of the incident (details.actors.role), not one named in passing.
PARTY_ROLES = ("agent", "target", "claimed", "blamed")
_PARTY_COMPARER = Comparer("label", party_label_clash)
_COMPARED_ONLY = ("values", "acting", "others", "unnamed", "values_of", "uses")  # keys used in comparing, not kept
# The sentences of a report that make its lead (the title among them): a party of the incident is named there (on the
# FA-KES dev gold, label precision and recall hardly change for a lead of 3 to 8 sentences).
LEAD_SENTENCES = 5
# Classes of sources (details.speakers.source_class) whose reports outlets retell in their own words (see retold).
RETOLD_CLASSES = ("monitors & activists", "local sources & witnesses", "medics & rescuers",
                  "the outlet's own reporters")


def retold(source: str) -> bool:
    """Does an outlet retell what ``source`` says in its own words ("21 pro-government fighters were killed, the
    monitor said")? Monitors, activists, witnesses, local sources, medics and its own reporters tell what happened;
    a party, its media, officials or other outlets take a side, and an outlet that reports their words reports their
    stance ("state media said terrorists shelled ..."), not its own.

    >>> retold("monitor"), retold("local sources"), retold("state media"), retold("Ministry of Defense")
    (True, True, False, False)
    """
    return source_class(source) in RETOLD_CLASSES


@lru_cache(maxsize=1)
def _loaded_names() -> dict[str, tuple[str, dict[str, str]]]:
    """Per actor: its neutral name and each loaded form (lower case) with the name it stands for."""
    return {actor: (entry["neutral"], {form.lower(): name for name, forms in entry["loaded"].items() for form in forms})
            for actor, entry in load("loaded_names").items()}


@lru_cache(maxsize=1)
def _party_types() -> dict[str, str]:
    actors, labels = load("actors")["actors"], load("actors")["labels"]
    types = {name: [actors[entry["default"]]["type"]] if entry.get("default") in actors else entry.get("refers_to", [])
             for name, entry in labels.items()}
    return {name: "state" if kinds == ["state"] else "non-state" for name, kinds in types.items()}


def _party_type(label: str) -> str:
    """The kind of party a label can stand for (``data/actors.yaml``): "state" when its fixed actor is a state
    ("regime") or it can refer only to one ("occupation"), else "non-state" ("rebels", "gunmen").

    >>> _party_type("regime"), _party_type("rebels"), _party_type("Daesh")
    ('state', 'non-state', '')
    """
    return _party_types().get(label, "")


def name_labels(details: pd.DataFrame) -> pd.DataFrame:
    """Label rows for the names outlets give an actor with a loaded name (``data/loaded_names.yaml``): "Daesh" or,
    for any other of its names, the neutral "Islamic State"; compared with the labels of the actor's side.

    >>> d = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "kind": "actor", "subject": "agent",
    ...                   "value": "ISIS", "text": ["Daesh", "ISIL"], "role": "agent", "start": 0, "end": 4})
    >>> name_labels(d)[["kind", "subject", "value"]].values.tolist()
    [['label', 'ISIS', 'Daesh'], ['label', 'ISIS', 'Islamic State']]
    """
    names = _loaded_names()
    actors = details[(details["kind"] == "actor") & details["value"].isin(list(names))]
    if actors.empty:
        return details.iloc[0:0]
    value = [names[v][1].get(str(t).lower(), names[v][0]) for v, t in zip(actors["value"], actors["text"], strict=True)]
    role = actors["role"] if "role" in actors else actors["subject"]
    return actors.assign(kind="label", subject=actors["value"].map(actor_side), value=value,
                         role=role.where(role.notna(), actors["subject"]))


def incident_parties(members: pd.DataFrame, details: pd.DataFrame) -> set[tuple[int, str]]:
    """The sides (``actor_side``) that are parties of each event's incident, as ``(event_id, side)``: those that
    reports of the event name in their lead, their first :data:`LEAD_SENTENCES` sentences (the title among them),
    where one of them names it acting or hit there (roles :data:`PARTY_ROLES`) or two outlets or more name it there
    at all. A party named only further down ("the UN inquiry found that Islamic State used mustard gas in 2015",
    "Daesh controls most of Deir Ezzor"), or in passing in one outlet's lead (a photo caption naming IS in a report
    on strikes on a market in Idlib), belongs to the war's background, and an outlet's name or label for it is no
    choice of words about this incident (on the FA-KES dev gold, the sides one outlet names in passing in its lead
    were none of the gold's label divergences).

    >>> members = pd.DataFrame({"report_id": ["r", "r", "s"], "sent_idx": [0, 9, 0], "event_id": 0,
    ...                         "outlet": ["a", "a", "b"]})
    >>> details = pd.DataFrame({"report_id": ["r", "r", "s"], "sent_idx": [0, 9, 0],
    ...                         "kind": ["label", "actor", "actor"],
    ...                         "subject": ["Syrian government", "agent", "mentioned"],
    ...                         "value": ["regime", "ISIS", "Russian forces"], "role": ["agent", "agent", "mentioned"]})
    >>> sorted(incident_parties(members, details))
    [(0, 'Syrian government')]
    """
    named = details[details["kind"].isin(["actor", "label"]) & (details["sent_idx"] < LEAD_SENTENCES)]
    columns = ["report_id", "sent_idx", "event_id"] + (["outlet"] if "outlet" in members else [])
    named = named.merge(members[columns].drop_duplicates(), on=["report_id", "sent_idx"])
    if "outlet" not in named:  # each report as an outlet of its own
        named = named.assign(outlet=named["report_id"])
    sides = named["subject"].where(named["kind"].eq("label"), named["value"].map(actor_side))
    role = named["role"] if "role" in named else named["subject"]
    acting = role.isin(PARTY_ROLES).fillna(False).astype(bool)
    outlets = named.assign(side=sides.to_numpy()).groupby(["event_id", "side"])["outlet"].nunique()
    parties = {key for key, n in outlets.items() if n >= 2}
    return parties | set(zip(named.loc[acting, "event_id"], sides[acting], strict=True))


def hit_in_another_fight(labels: pd.DataFrame, details: pd.DataFrame, parties: set[tuple[int, str]]) -> pd.DataFrame:
    """``labels`` (with ``event_id``), a label of a party hit (role "target") only by named actors that are no
    parties of the event's incident (:func:`incident_parties`) given the role "mentioned": "the US-led coalition
    ... usually targeting extremists" in a report on a gas attack by other planes names a party of another fight,
    not one this incident hit. ``details``: the actor rows of the labels' sentences.

    >>> labels = pd.DataFrame({"event_id": 0, "report_id": "r", "sent_idx": [0, 1], "role": "target"})
    >>> details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "kind": "actor", "subject": "agent",
    ...                         "value": ["US-led coalition", "Russian forces"]})
    >>> hit_in_another_fight(labels, details, {(0, "Russia")})["role"].tolist()  # the side of "Russian forces"
    ['mentioned', 'target']
    """
    if "role" not in labels or labels.empty:
        return labels
    agents = details[details["kind"].eq("actor") & details["subject"].eq("agent")]
    by_sentence: dict = {}
    for report, sent, actor in zip(agents["report_id"], agents["sent_idx"], agents["value"], strict=True):
        by_sentence.setdefault((report, sent), set()).add(actor_side(actor))
    other = [role == "target" and bool(sides := by_sentence.get((report, sent))) and
             all((event, side) not in parties for side in sides)
             for event, report, sent, role in zip(labels["event_id"], labels["report_id"], labels["sent_idx"],
                                                  labels["role"], strict=True)]
    return labels.assign(role=labels["role"].where(~pd.Series(other, index=labels.index), "mentioned"))


def event_labels(members: pd.DataFrame, comparable: pd.DataFrame, reports: pd.DataFrame,
                 held_apart: set[tuple] = frozenset()) -> pd.DataFrame:
    """Labels of one side by outlets whose sentences share no claim group labelling it (see the module docstring).
    ``held_apart``: the ``(event_id, report_id)`` of reports that tell of another incident than their event's
    (:func:`.apart.held_apart`): their words are no words for this incident's parties."""
    if held_apart:
        members = members[[key not in held_apart for key in zip(members["event_id"], members["report_id"],
                                                                 strict=True)]]
    labels = comparable[(comparable["kind"] == "label") & ~comparable["subject"].isin(acts())].merge(
        members[["report_id", "sent_idx", "event_id", "claim_id", "outlet", "published"]], on=["report_id", "sent_idx"]
    )
    if "role" in labels:  # the word of the one quoted is not the outlet's
        labels = labels[labels["role"].ne(QUOTED).fillna(True)]
        labels = labels[labels["role"].ne(QUALIFIER).fillna(True)]  # a source's qualifier: see .qualifiers
        labels = labels[labels["role"].ne(SOURCE_WORD).fillna(True)]  # "opposition activists": a source's side
    if "source" in labels:  # nor that of a party it reports ("the ministry said terrorists shelled ...")
        labels = labels[labels["source"].map(lambda source: pd.isna(source) or retold(source)).astype(bool)]
    if labels.empty:
        return pd.DataFrame()
    # a label that names no actor ("rebels", "rebel-held") is compared with the others naming none, those for a state
    # ("the regime" after a foreign name) apart from those for an armed group
    unresolved = UNRESOLVED + " " + labels["value"].map(_party_type)
    labels = labels.assign(side=labels["subject"].where(labels["subject"].ne(UNRESOLVED), unresolved))
    labels = acts_apart(labels)
    # a named actor is compared only where it is a party of the incident (see incident_parties)
    parties = incident_parties(members, comparable)
    labels = labels[[side.startswith(UNRESOLVED) or (event, side) in parties
                     for event, side in zip(labels["event_id"], labels["side"], strict=True)]]
    labels = hit_in_another_fight(labels, comparable, parties)
    labels = pd.concat([labels, named_only(members, comparable, labels, parties)], ignore_index=True)
    rows = []
    mine = labels.sort_values(["published", "report_id", "sent_idx", "start"], kind="stable")  # earliest first
    for (event_id, side), stated in groupby(grouped_records(mine, ["event_id", "side", "outlet"]),
                                             key=lambda item: item[0][:2]):
        by_outlet = {outlet: group for (_, _, outlet), group in stated}
        values = {outlet: frozenset(stance(d["value"]) for d in group) for outlet, group in by_outlet.items()}
        # a label stands for a party of this incident where that party acts or is hit ("rebels fired rockets"), not
        # where it is named in passing ("rebel-held Idlib", "the regime-held west of the city"): such a clash is weaker
        acting = {outlet: frozenset(stance(d["value"]) for d in group if d.get("role") in PARTY_ROLES)
                  for outlet, group in by_outlet.items()}
        apart = {outlet: [o for o in by_outlet if o != outlet] for outlet in by_outlet}
        group_rows = []
        for outlet, group in by_outlet.items():
            others = apart[outlet]
            if not others:
                continue
            first = group[0]
            group_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "label", "subject": first["subject"], "outlet": outlet,
                "value": "; ".join(sorted(values[outlet])), "low": np.nan, "high": np.nan,
                "evidence": " | ".join(dict.fromkeys(d["text"] for d in group)), "report_id": first["report_id"],
                "sent_idx": first["sent_idx"], "published": first["published"], "superseded": False,
                "values": values[outlet], "acting": acting[outlet], "others": others,
                "unnamed": side.startswith(UNRESOLVED), "values_of": values, "uses": _sentences_per_word(group),
            })
        lone = lone_words(group_rows)
        compare_pairwise(group_rows, _PARTY_COMPARER,
                         paired=lambda a, b, lone=lone: b["outlet"] in a["others"] and b["outlet"] not in lone)
        _at_telling_words(group_rows, by_outlet)
        score = spread("label", group_rows, COMPARERS["label"].compatible)
        # an outlet that only names the party and clashes with none says nothing of its words: no row
        rows.extend({**{k: v for k, v in row.items() if k not in _COMPARED_ONLY}, "score": score, "side": side}
                    for row in group_rows if not (row["agrees"] and row["values"] == {NAMED_ONLY}))
    return one_unnamed_clash(pd.DataFrame(rows))


def lone_words(rows: list[dict]) -> set[str]:
    """The outlets, of three or more with words for one side, whose words for it stand in one sentence of theirs
    and in tones (:func:`.stances.tone`) no other outlet uses: one word in one sentence ("anti-Damascus militants")
    is that outlet's difference, flagged on its own row, not on the row of every other outlet against it.

    >>> rows = [{"outlet": o, "values": frozenset(v), "uses": u} for o, v, u in (
    ...     ("a", {"militants"}, {"militants": 1}), ("b", {"rebels"}, {"rebels": 3}), ("c", {"rebels"}, {"rebels": 1}))]
    >>> lone_words(rows)
    {'a'}
    """
    if len(rows) < 3:
        return set()
    tones = {row["outlet"]: {tone(v) or v for v in row["values"]} for row in rows}
    return {row["outlet"] for row in rows if sum(row["uses"].values()) == 1 and not any(
        tones[row["outlet"]] & mine for outlet, mine in tones.items() if outlet != row["outlet"])}


def _sentences_per_word(labels: list[dict]) -> dict[str, int]:
    """Per stance (:func:`.stances.stance`) of an outlet's label rows: how many of its sentences use it.

    >>> _sentences_per_word([{"report_id": "r", "sent_idx": 0, "value": "regime"},
    ...                      {"report_id": "r", "sent_idx": 0, "value": "regime forces"},
    ...                      {"report_id": "r", "sent_idx": 1, "value": "regime"}])
    {'regime': 2}
    """
    sentences: dict[str, set] = {}
    for d in labels:
        sentences.setdefault(stance(d["value"]), set()).add((d["report_id"], d["sent_idx"]))
    return {word: len(where) for word, where in sentences.items()}


def telling_word(labels: list[dict], theirs: frozenset) -> dict:
    """The label of an outlet's words for a side (its label rows, earliest report first) that shows its clash with
    another outlet's words ``theirs`` (stances) best: of a party that acts or is hit where one does (roles
    :data:`PARTY_ROLES`), the furthest in tone from the other outlet's words, the first of those. A clashing row
    points at its sentence: the outlet's words are gathered over the event, and its first label is often in passing.

    >>> labels = [{"value": "rebels", "role": "mentioned"}, {"value": "terrorists", "role": "mentioned"},
    ...           {"value": "terrorists", "role": "agent"}, {"value": "militants", "role": "agent"}]
    >>> labels.index(telling_word(labels, frozenset({"rebels"})))
    2
    """
    their_tones = {tone(v) or v for v in theirs}

    def steps(label: dict) -> int:
        mine = tone(stance(label["value"])) or stance(label["value"])
        if mine in their_tones:
            return -1
        return max((abs(TONES.index(mine) - TONES.index(t)) for t in their_tones if mine in TONES and t in TONES),
                   default=0)
    return max(labels, key=lambda label: (label.get("role") in PARTY_ROLES, steps(label)))


def _at_telling_words(rows: list[dict], by_outlet: dict) -> None:
    """Each clashing row of one side, pointed (``report_id``, ``sent_idx``) at its :func:`telling_word` against the
    outlet it clashes with, and the other side's ``other_report_id`` with it; in place."""
    pointed = {}
    for row in rows:
        if row["agrees"] is False and row["other_outlet"] in by_outlet:
            word = telling_word(by_outlet[row["outlet"]], row["values_of"][row["other_outlet"]])
            row.update(report_id=word["report_id"], sent_idx=word["sent_idx"], published=word["published"])
        pointed[row["outlet"]] = row["report_id"]
    for row in rows:
        if row["agrees"] is False:
            row["other_report_id"] = pointed.get(row["other_outlet"], row["other_report_id"])


def named_only(members: pd.DataFrame, comparable: pd.DataFrame, labels: pd.DataFrame,
               parties: set[tuple[int, str]]) -> pd.DataFrame:
    """Label rows (value :data:`.stances.NAMED_ONLY`, with ``event_id``, ``outlet`` and ``side``) for the actor rows
    of ``comparable`` by which an outlet names a party of the event's incident (``parties``:
    :func:`incident_parties`) acting or hit there (roles :data:`PARTY_ROLES`) where it has no label for that party
    (``labels``, with ``side``): "al-Nusra Front" against "the Nusra Front terrorist group". Parties with loaded names
    are left to :func:`name_labels` ("Islamic State" is a name chosen against "Daesh"); what a party or official
    says is no naming by the outlet (see :func:`retold`).

    >>> members = pd.DataFrame({"report_id": ["r", "s"], "sent_idx": 0, "event_id": 0, "claim_id": [0, 1],
    ...                         "outlet": ["a", "b"], "published": pd.NaT})
    >>> comparable = pd.DataFrame({"report_id": ["r", "s"], "sent_idx": 0, "kind": "actor", "subject": "agent",
    ...                            "value": "HTS", "role": "agent", "text": ["Nusra Front", "Nusra"]})
    >>> labels = pd.DataFrame({"event_id": [0], "side": ["HTS"], "outlet": ["b"]})
    >>> named_only(members, comparable, labels, {(0, "HTS")})[["outlet", "subject", "value"]].values.tolist()
    [['a', 'HTS', 'named only']]
    """
    actors = comparable[comparable["kind"].eq("actor")]
    role = actors["role"] if "role" in actors else actors["subject"]
    actors = actors.loc[role.isin(PARTY_ROLES).fillna(False).astype(bool)]
    if "source" in actors:
        actors = actors[actors["source"].map(lambda source: pd.isna(source) or retold(source)).astype(bool)]
    actors = actors.merge(members[["report_id", "sent_idx", "event_id", "claim_id", "outlet", "published"]],
                          on=["report_id", "sent_idx"])
    side = actors["value"].map(actor_side)
    loaded = {actor_side(actor) for actor in _loaded_names()} | {UNRESOLVED}  # "unknown gunmen" name nobody
    named = {actor_side(actor) for actor in load("actors")["actors"]}  # not "unknown", "unclaimed"
    labelled = set(zip(labels["event_id"], labels["side"], labels["outlet"], strict=True)) if len(labels) else set()
    keep = [(event, s) in parties and s in named and s not in loaded and (event, s, outlet) not in labelled
            for event, s, outlet in zip(actors["event_id"], side, actors["outlet"], strict=True)]
    actors = actors.assign(side=side.to_numpy()).loc[pd.Series(keep, index=actors.index, dtype=bool)]
    return actors.assign(kind="label", subject=actors["side"], value=NAMED_ONLY,
                         role=actors["role"] if "role" in actors else actors["subject"])
