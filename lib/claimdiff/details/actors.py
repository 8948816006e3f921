"""Actors and labels: who acts, who is blamed, and the words an outlet uses for a group.

``actor`` rows: ``value`` is the canonical actor of ``data/actors.yaml`` (ISIS / IS / ISIL / Daesh -> "ISIS"),
``subject`` its role in the sentence: "agent" (did it), "claimed" (responsibility: "ISIS claimed the attack"),
"blamed", "target" or "mentioned". An actor may be named by its arms ("Russian jets", "regime air strikes",
"Syrian or Russian aircraft"; ``means`` in the lexicon): an attack noun makes it the agent unless its context says
otherwise. A definite description ("the group", "the militia") is a mention of the most recent non-state actor
named in the last few sentences, unless a monitor was named since ("the monitoring group ... the group said").
Sentences saying nobody claimed it or nobody knows who did it give rows of their own
(:mod:`claimdiff.details.perpetrators`).

``label`` rows: ``value`` is the label ("terrorists", "militants", "regime", …), ``subject`` the actor it stands
for: an actor named next to it ("ISIS terrorists", "terrorists of Daesh"), else the label's fixed actor ("the
regime"), else, for a definite label ("the terrorists"; not "rebels" or "rebel-held", which name a party of their
own), the most recent actor of a fitting type in the last few sentences of the report (see
:mod:`claimdiff.details.anaphora`), else "unresolved". ``role`` is the actor's role, or "quoted" for a label inside
quotation marks (the word of the one quoted: ""we fight the terrorists," he said") or given as someone else's name
for a party ("state TV called it terrorist bombings"; :mod:`claimdiff.details.voice`). A label right after "anti-" is
none ("anti-regime fighters"), nor is one inside a capitalised name ("the Coalition for Syrian Revolution and
Opposition Forces"). The name an outlet chooses for an actor that has stance-bearing names ("Daesh" as against "Islamic
State", "YPG" as against "Kurdish-led forces": ``names`` in the lexicon) is a label too: value the name, subject the
actor.

A label that stands for no actor it could name ("unresolved") yet does or is blamed for something ("drones
launched by terrorist organizations") also gives an ``actor`` row "unidentified" in that role, like "unknown
gunmen": the outlet says someone did it and names no group (a label written with a capital inside a sentence is
part of a name, "the Coalition for ... Opposition Forces said", and gives none).

Two general rules keep a label's fixed actor from spreading to other countries' stories: a label right after a
capitalised qualifier (not the sentence's first word) that is not a name of its fixed actor ("the Iranian
regime", "the Kim regime") does not
get the fixed actor (it stays "unresolved" unless an actor is named next to it); and a word in the label's
``not_after`` list right before it makes it no label at all ("the inspection regime", "sanctions regime").

>>> import pandas as pd
>>> sentences = pd.DataFrame({"report_id": ["r"] * 2, "sent_idx": [0, 1], "start": [0, 40],
...     "text": ["Daesh attacked a checkpoint near Palmyra.", "The terrorists withdrew."]})
>>> [(row.kind, row.subject, row.value) for row in actor_rows(sentences)]
[('actor', 'agent', 'ISIS'), ('label', 'ISIS', 'Daesh'), ('label', 'ISIS', 'terrorists')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.actor_roles import role  # the role of an actor in its sentence
from claimdiff.details.anaphora import Antecedent, resolve
from claimdiff.details.label_acts import qualifies_an_act
from claimdiff.details.label_ties import called_so_before, qualifies_next, word_key
from claimdiff.details.perpetrators import alternatives_rows, nobody_rows
from claimdiff.details.table import Row, sentence_rows
from claimdiff.details.voice import others_word, quoted, source_role

UNRESOLVED = "unresolved"
# The actor of "unknown gunmen", and of a label naming no actor in the role of one who did it or is blamed.
UNIDENTIFIED = "unidentified"
UNNAMED_ROLES = ("agent", "blamed")
QUOTED = "quoted"  # the role of a label inside quotation marks: the word of the one quoted, not the outlet's
ACT = "act"  # the role of a label that qualifies an act ("a terrorist attack"), not a party (details.label_acts)
# The words that tie a label to the actor after it: "terrorists of Daesh", "militants, including cells of ISIS".
_LABEL_TO_ACTOR = re.compile(
    r"^\s*,?\s*(?:(?:who|which|that)\s+)?(?:were\s+|are\s+|was\s+|is\s+)?"
    r"(?:of|from|linked to|affiliated (?:with|to)|belong(?:ed|ing|s)? to|loyal to|including|such as|known as|"
    r"members of|cells of|fighters of)\s+(?:the\s+|its\s+)?(?:(?:cells|members|fighters|groups?)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# "Hayat Tahrir al-Sham (a terrorist organization banned in Russia)", "HTS, a jihadist alliance": the label describes it
_APPOSITION = re.compile(r"^\s*[,(]\s*(?:an?|the)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_ADJACENT = re.compile(r"^[\s-]*(?:['’]s\s+)?$")
_WORD_BEFORE = re.compile(r"([\w'’.-]+)[\s-]*$")
_WORD_AFTER = re.compile(r"\s+([\w'’]+)")
_COORDINATED = re.compile(r"^\s*(?:,|and|or|and/or|,\s*and|,\s*or)\s+(?:those\s+of\s+(?:its\s+ally\s+)?)?$",
                          re.IGNORECASE)
_ANTI = re.compile(r"\banti[\s-]?$", re.IGNORECASE)  # "anti-regime fighters" are not the regime
# "warplanes, either Russian or Syrian, carried out": a doer offered as one of two, whatever the other is called
_EITHER = re.compile(r"\beither\s+$", re.IGNORECASE)
_OR_NEXT = re.compile(r"\s+or\s+\w+", re.IGNORECASE)
# "pro-government gunmen", "pro-regime militias": the word after "pro-" names the state whose side they fight on
_BACKER = re.compile(r"-(?:backed|supported|allied|sponsored|aligned)$", re.IGNORECASE)  # "Russian-backed"
_PRO = re.compile(r"\bpro-([\w'’]+)[\s-]+$", re.IGNORECASE)
_DEFINITE_BEFORE = re.compile(r"(?<!\w)(?:the|these|those)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+(?:(?:and|of|for|&)\s+)?$")
_NOT_QUALIFIERS = {"pro", "anti", "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "whose"}


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    name: str
    means: str = ""  # "vehicles" or "attacks" when the actor is named by its arms ("Russian jets")


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = lexicon.load("actors")
    means = data["means"]
    means_aliases = {
        lexicon.normalise(f"{by} {noun}"): (actor, kind, by)
        for by, actor in means["by"].items() for kind in ("vehicles", "attacks") for noun in means[kind]
    }
    actor_matcher = lexicon.PhraseMatcher(
        [(name, alias) for name, entry in data["actors"].items() for alias in entry["aliases"]]
        + [(actor, alias) for alias, (actor, _, _) in means_aliases.items()]
    )
    nouns = lexicon.phrases_body(means["vehicles"] + means["attacks"])
    by_words = lexicon.phrases_body(list(means["by"]))
    coordinated = re.compile(  # "Syrian or Russian jets": the first word names an actor too
        rf"(?<!\w)(?:either\s+)?(?P<first>{by_words})\s+(?:and|or)\s+(?:those\s+of\s+)?(?:{by_words})\s+(?:{nouns})(?!\w)",
        re.IGNORECASE,
    )
    label_matcher = lexicon.PhraseMatcher(
        (name, form) for name, entry in data["labels"].items() for form in entry["forms"]
    )
    names = {
        lexicon.normalise(alias): (actor, key)
        for actor, entry in data["actors"].items() for key, aliases in entry.get("names", {}).items()
        for alias in aliases
    }
    not_after = {name: {w.lower() for w in entry.get("not_after", [])} for name, entry in data["labels"].items()}
    not_before = {name: {w.lower() for w in entry.get("not_before", [])} for name, entry in data["labels"].items()}
    own_words = {
        name: {word.lower() for alias in data["actors"][actor]["aliases"] for word in re.findall(r"[\w'’-]+", alias)}
        for name, actor in [(n, e["default"]) for n, e in data["labels"].items() if e.get("default")]
        + [(by, means["by"][by]) for by in means["qualifiable"]]
    }
    return {
        "actors": data["actors"], "labels": data["labels"], "own_words": own_words,
        "actor_matcher": actor_matcher, "label_matcher": label_matcher, "means_aliases": means_aliases,
        "coordinated": coordinated, "by": {lexicon.normalise(k): v for k, v in means["by"].items()},
        "qualifiable": set(means["qualifiable"]), "names": names, "not_after": not_after, "not_before": not_before,
        "anaphors": lexicon.PhraseMatcher(("anaphor", form) for form in data["anaphors"]["forms"]),
        "anaphor_types": set(data["anaphors"]["refers_to"]), "window": int(data["anaphors"]["window"]),
        "monitors": lexicon.PhraseMatcher(("monitor", phrase) for entry in lexicon.load("attribution")["sources"]
                                          if entry["type"] == "monitor" for phrase in entry["phrases"]),
    }


def _mostly_capitals(text: str) -> bool:
    letters = sum(map(str.isalpha, text))
    if letters <= 20 or sum(map(str.isupper, text)) <= 0.6 * letters:  # fast: no more capitals among the letters
        return False
    return sum(c.isupper() for c in text if c.isalpha()) > 0.6 * letters


def find_actors(text: str) -> list[_Mention]:
    """Actor mentions of one sentence (see :func:`_find_actors`); cached, as actors and attribution both ask."""
    return list(_find_actors(text))


@lru_cache(maxsize=1 << 16)  # asked by actor_rows, then by attribution_rows: room for a chunk's sentences
def _find_actors(text: str) -> tuple[_Mention, ...]:
    """Actor mentions of one sentence, by canonical name, in order of position.

    >>> [(m.name, m.means) for m in find_actors("Syrian or Russian jets struck; Iraqi government jets did not.")]
    [('Syrian government forces', ''), ('Russian forces', 'vehicles')]
    """
    lex = _lexicon()
    shouting = _mostly_capitals(text)  # "IT IS SHOCKING": short acronyms mean nothing in capitals-only text
    found = []
    for start, end, name in lex["actor_matcher"].find(text):
        if shouting and end - start <= 3:
            continue
        _, means, by = lex["means_aliases"].get(lexicon.normalise(text[start:end]), (None, "", ""))
        if by in lex["qualifiable"] and _foreign_qualifier(text, start, by):
            continue  # "Iraqi government jets"
        found.append(_Mention(start, end, name, means))
    for m in lex["coordinated"].finditer(text):
        first = lexicon.normalise(m["first"])
        if not any(f.start <= m.start("first") < f.end for f in found) and first in lex["by"]:
            if first in lex["qualifiable"] and _foreign_qualifier(text, m.start("first"), first):
                continue
            found.append(_Mention(m.start("first"), m.end("first"), lex["by"][first]))
    return tuple(sorted(found, key=lambda f: f.start))


def _word_before(text: str, start: int) -> str:
    return match.group(1) if (match := _WORD_BEFORE.search(text[max(0, start - 40) : start])) else ""


def find_labels(text: str) -> list[_Mention]:
    """Label mentions of one sentence, by canonical label, in order of position; a label right after one of
    its ``not_after`` words ("inspection regime") or right before one of its ``not_before`` words ("their common
    opposition to IS": the act of opposing) is not a label.

    >>> [m.name for m in find_labels("The regime rejected the inspection regime; anti-regime rebels did too.")]
    ['regime', 'rebels']
    >>> [m.name for m in find_labels("Despite their opposition to IS, the opposition fighters withdrew.")]
    ['opposition']
    """
    lex = _lexicon()
    return [
        _Mention(start, end, name)
        for start, end, name in lex["label_matcher"].find(text)
        if _word_before(text, start).lower() not in lex["not_after"][name] and not _ANTI.search(text, 0, start)
        and not ((after := _WORD_AFTER.match(text, end)) and after.group(1).lower() in lex["not_before"][name])
    ]


def _foreign_qualifier(text: str, start: int, key: str) -> bool:
    """Is ``text[start:]`` right after a capitalised word that is not a name of ``key``'s fixed actor ("Iranian
    regime", "Iraqi government jets")?  ``key`` is a label with a default actor or a qualifiable ``means`` word. A
    possessive that lost its apostrophe ("Assads regime", "Syrias regime") is its actor's name, and "Pro-" is none.

    >>> t = "backed by Assads regime"
    >>> _foreign_qualifier(t, 17, "regime"), _foreign_qualifier("the Iranian regime", 12, "regime")
    (False, True)
    >>> _foreign_qualifier("said Pro-regime media", 9, "regime")
    False

    A word that tells who backs it ("the Russian-backed regime") names its backer, not its country:

    >>> _foreign_qualifier("the Russian-backed regime", 19, "regime")
    False
    """
    word = _word_before(text, start).rstrip("-")
    if _BACKER.search(word):
        return False
    before = text[:start].rstrip(" -")
    sentence_start = not before[: len(before) - len(word)].strip()  # "Two regime soldiers": capital, no qualifier
    if not word[:1].isupper() or word.lower() in _NOT_QUALIFIERS or sentence_start:
        return False
    bare = word.lower().removesuffix("'s").removesuffix("’s")
    own = _lexicon()["own_words"][key]
    return bare not in own and not (bare.endswith("s") and any(w.startswith(bare[:-1]) for w in own))


def actor_side(name: str) -> str:
    """The party an actor belongs to (``side`` in ``data/actors.yaml``), else the actor itself.

    >>> actor_side("Syrian government forces"), actor_side("ISIS"), actor_side("unidentified")
    ('Syrian government', 'ISIS', 'unresolved')
    """
    return _lexicon()["actors"].get(name, {}).get("side", name)


def _label_subject(label: _Mention, text: str, actors: list[_Mention], history: list[Antecedent],
                   sent_idx: int, labels: list[_Mention], ties: dict[str, set[str]] | None = None) -> str:
    lex, spans = _lexicon(), [(m.start, m.end) for m in labels]
    entry = lex["labels"][label.name]
    for actor in actors:
        overlaps = actor.start < label.end and label.start < actor.end
        before = actor.end <= label.start and (_ADJACENT.match(text[actor.end : label.start]) or _APPOSITION.match(
            text[actor.end : label.start]) or qualifies_next(text, actor.start, actor.end, label.start, spans))
        before = before and not _ANTI.search(text, 0, actor.start)  # "anti-Assad rebels" are not Assad's
        after = actor.start >= label.end and (_LABEL_TO_ACTOR.match(text[label.end : actor.start]) or (
            not entry.get("default") and qualifies_next(text, label.start, label.end, actor.start, spans)))
        if overlaps or before or after:
            return actor.name
    if entry.get("default") and not _foreign_qualifier(text, label.start, label.name):
        return entry["default"]
    if (backed := _side_backed(text, label.start)) is not None:
        return backed
    if not _definite(text, label.start, label.end):
        return UNRESOLVED  # "accused rebels", "moderate rebels", "rebel-held": a party of its own, not one named before
    if entry.get("against_a_state"):  # "the rebels" after "Hezbollah fighters": not the group fighting for the state
        history = [a for a in history if not lex["actors"].get(a.name, {}).get("fights_for")]
    types = set(entry.get("refers_to", []))
    return (called_so_before(history, (ties or {}).get(word_key(entry, label.name), set()), types, sent_idx,
                             lex["window"]) or resolve(history, types, sent_idx, lex["window"]) or UNRESOLVED)


def _side_backed(text: str, start: int) -> str | None:
    """The state a label right after "pro-<name>" fights for ("pro-government gunmen", "pro-regime militias",
    "pro-Assad fighters"): the state the word names as a ``means`` word or an actor's alias of ``data/actors.yaml``,
    where it names a state; None otherwise ("pro-Western rebels").

    >>> t = "pro-government gunmen and pro-Western rebels"
    >>> _side_backed(t, 15), _side_backed(t, 38)
    ('Syrian government forces', None)
    """
    match = _PRO.search(text, 0, start)
    if not match:
        return None
    lex = _lexicon()
    word = lexicon.normalise(match.group(1))
    named = lex["by"].get(word) or next((name for _, _, name in lex["actor_matcher"].find(match.group(1))), None)
    return named if named and lex["actors"].get(named, {}).get("type") == "state" else None


def _definite(text: str, start: int, end: int) -> bool:
    """Is the label at ``text[start:end]`` a definite description ("the terrorists", "these militants") that can
    stand for a party named before? A bare plural ("rebels", "moderate rebels") or a label inside a compound
    ("rebel-held", "the rebel-held town") introduces a party of its own.

    >>> t = "The terrorists fled; moderate rebels held the rebel-held town."
    >>> _definite(t, 4, 14), _definite(t, 30, 36), _definite(t, 46, 51)
    (True, False, False)
    """
    return bool(_DEFINITE_BEFORE.search(text, 0, start)) and not text[end : end + 1] == "-"


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Is the label at ``text[start:end]`` part of a capitalised name ("the National Coalition for Syrian Revolution
    and Opposition Forces")? Its last word is capitalised and so is the word before it (or the word before "and",
    "of" or "for" before it); "the Syrian regime" and "Takfiri terrorists" are labels.

    >>> t = "the Coalition for Revolution and Opposition Forces said; the Syrian regime and Takfiri terrorists"
    >>> _in_a_name(t, 33, 50), _in_a_name(t, 61, 74), _in_a_name(t, 79, 97)
    (True, False, False)
    """
    return text[start:end].split()[-1][:1].isupper() and bool(_NAME_BEFORE.search(text, 0, start))


def find_anaphors(text: str, taken: list[_Mention]) -> list[_Mention]:
    """The definite descriptions of ``data/actors.yaml`` ("the group") that overlap none of the ``taken`` mentions."""
    return [_Mention(start, end, "") for start, end, _ in _lexicon()["anaphors"].find(text)
            if not any(start < m.end and m.start < end for m in taken)]


def _monitors(text: str) -> list[_Mention]:
    return [_Mention(start, end, "monitor") for start, end, _ in _lexicon()["monitors"].find(text)]


def _row(report_id: str, sent_idx: int, kind: str, subject: str, value: str, text: str, start: int, end: int,
         offset: int, role_: object = pd.NA) -> Row:
    return Row(report_id, sent_idx, kind, subject, value, float("nan"), float("nan"), text[start:end],
               offset + start, offset + end, role=role_)


def actor_rows(sentences: pd.DataFrame) -> list[Row]:
    """``actor`` and ``label`` rows; labels and anaphors ("the group") resolve against the parties named shortly
    before them in the same report (:mod:`claimdiff.details.anaphora`)."""
    lex = _lexicon()
    rows: list[Row] = []
    histories: dict[str, list[Antecedent]] = {}
    report_ties: dict[str, dict[str, set[str]]] = {}  # per report: the parties its label words stand for (label_ties)
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        rows.extend(nobody_rows(report_id, sent_idx, text, offset))
        actors = find_actors(text)
        labels = find_labels(text)
        anaphors = find_anaphors(text, actors + labels)
        monitors = _monitors(text)
        if not (actors or labels or anaphors or monitors):
            continue
        history = histories.setdefault(report_id, [])
        previous: tuple[int, int, str] | None = None
        events = sorted([(a.start, 0, a) for a in actors] + [(lab.start, 1, lab) for lab in labels]
                        + [(a.start, 2, a) for a in anaphors] + [(m.start, 3, m) for m in monitors],
                        key=lambda e: (e[0], e[1]))
        for _, what, mention in events:
            span = text[mention.start : mention.end]
            if what == 3:
                history.append(Antecedent(sent_idx, "monitor", "monitor"))
            elif what == 2:
                name = resolve(history, lex["anaphor_types"], sent_idx, lex["window"], blockers={"monitor"})
                if name:
                    rows.append(_row(report_id, sent_idx, "actor", (r := role(text, mention.start, mention.end)),
                                     name, text, mention.start, mention.end, offset, r))
            elif what == 1:
                ties = report_ties.setdefault(report_id, {})
                subject = _label_subject(mention, text, actors, history, sent_idx, labels, ties)
                if subject != UNRESOLVED:
                    ties.setdefault(word_key(lex["labels"][mention.name], mention.name), set()).add(subject)
                label_role = role(text, mention.start, mention.end)
                in_a_name = span[:1].isupper() and text[: mention.start].strip() != ""  # "...and Opposition Forces"
                if not _in_a_name(text, mention.start, mention.end):
                    own_role = ACT if qualifies_an_act(text, mention.start, mention.end) else label_role
                    voiced = source_role(text, mention.start, mention.end, own_role)  # "opposition activists said"
                    rows.append(_row(report_id, sent_idx, "label", subject, mention.name, text, mention.start,
                                     mention.end, offset, QUOTED if others_word(text, mention.start) else voiced))
                # "launched by terrorist organizations"; "a terrorist attack" tells what the act was, not who did it,
                # while "a rebel attack" names the side fighting the state (against_a_state) as doer
                acting = label_role if subject == UNRESOLVED else "mentioned"
                names_doer = lex["labels"][mention.name].get("against_a_state") or not qualifies_an_act(
                    text, mention.start, mention.end)
                if acting in UNNAMED_ROLES and not in_a_name and names_doer:
                    rows.append(_row(report_id, sent_idx, "actor", acting, UNIDENTIFIED, text, mention.start,
                                     mention.end, offset, acting))
            else:
                actor_role = role(text, mention.start, mention.end)
                if actor_role == "mentioned" and mention.means == "attacks":  # "Russian air strikes hit ..."
                    actor_role = "agent"
                if _ANTI.search(text, 0, mention.start):  # "an anti-ISIL operation": ISIS is not who acts
                    actor_role = "mentioned"
                joined = previous and _COORDINATED.match(text[previous[1] : mention.start])
                if actor_role == "mentioned" and joined:
                    actor_role = previous[2]  # "by Syrian or Russian aircraft": both did it, or one of them
                if joined and {actor_role, previous[2]} & set(UNNAMED_ROLES):
                    rows.extend(alternatives_rows(report_id, sent_idx, text, previous[0], mention.end, offset))
                elif (actor_role in UNNAMED_ROLES and _EITHER.search(text, 0, mention.start)
                      and (other := _OR_NEXT.match(text, mention.end))):
                    rows.extend(alternatives_rows(report_id, sent_idx, text, mention.start, other.end(), offset))
                previous = (mention.start, mention.end, actor_role)
                rows.append(_row(report_id, sent_idx, "actor", actor_role, mention.name, text, mention.start,
                                 mention.end, offset, actor_role))
                named = lex["names"].get(lexicon.normalise(span))
                if named:  # "Daesh" as against "Islamic State": the outlet's name for the party
                    rows.append(_row(report_id, sent_idx, "label", named[0], named[1], text, mention.start,
                                     mention.end, offset, QUOTED if quoted(text, mention.start) else actor_role))
                history.append(Antecedent(sent_idx, mention.name, lex["actors"][mention.name]["type"]))
    return rows
