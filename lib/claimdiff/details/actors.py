"""Actors and labels: who acts, who is blamed, and the words an outlet uses for a group.

``actor`` rows: ``value`` is the canonical actor of ``data/actors.yaml`` (ISIS / IS / ISIL / Daesh -> "ISIS"),
``subject`` its role in the sentence: "agent" (did it), "blamed", "target" or "mentioned".

``label`` rows: ``value`` is the label ("terrorists", "militants", "regime", …), ``subject`` the actor it stands
for: an actor named next to it ("ISIS terrorists", "terrorists of Daesh"), else the label's fixed actor ("the
regime"), else the most recent actor of a fitting type earlier in the report, else "unresolved".

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
[('actor', 'agent', 'ISIS'), ('label', 'ISIS', 'terrorists')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.table import Row

UNRESOLVED = "unresolved"
# The actor of "unknown gunmen", and of a label naming no actor in the role of one who did it or is blamed.
UNIDENTIFIED = "unidentified"
UNNAMED_ROLES = ("agent", "blamed")
# The words that tie a label to the actor after it: "terrorists of Daesh", "militants, including cells of ISIS".
_LABEL_TO_ACTOR = re.compile(
    r"^\s*,?\s*(?:(?:who|which|that)\s+)?(?:were\s+|are\s+|was\s+|is\s+)?"
    r"(?:of|from|linked to|affiliated (?:with|to)|belong(?:ed|ing|s)? to|loyal to|including|such as|known as|"
    r"members of|cells of|fighters of)\s+(?:the\s+|its\s+)?(?:(?:cells|members|fighters|groups?)\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# After "<actor> killed", these words make it a passive headline ("Syrian soldiers killed in attack"): a target.
_PASSIVE_AFTER = re.compile(
    r"^\s*(?:$|[,.;:(—–-]|(?:in|by|at(?! least| most)|on|near|after|during|as|when|while|overnight|amid)\b)",
    re.IGNORECASE,
)
_PASSIVE_VERBS = re.compile(r"(?:killed|wounded|injured|shot|arrested|captured|executed)$", re.IGNORECASE)
_ADJACENT = re.compile(r"^[\s-]*(?:['’]s\s+)?$")
_WORD_BEFORE = re.compile(r"([\w'’.-]+)[\s-]*$")
_NOT_QUALIFIERS = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "whose"}


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    name: str


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = lexicon.load("actors")
    actor_matcher = lexicon.PhraseMatcher(
        (name, alias) for name, entry in data["actors"].items() for alias in entry["aliases"]
    )
    label_matcher = lexicon.PhraseMatcher(
        (name, form) for name, entry in data["labels"].items() for form in entry["forms"]
    )
    roles = {}
    for role, where in data["roles"].items():
        before = lexicon.patterns_alternation(where.get("before", []))
        after = lexicon.patterns_alternation(where.get("after", []))
        roles[role] = (
            re.compile(rf"(?<!\w)(?:{before})[\s,]+(?:the\s+|a\s+)?$", re.IGNORECASE),
            re.compile(rf"^[\s,]*(?:{after})(?!\w)", re.IGNORECASE),
        )
    not_after = {name: {w.lower() for w in entry.get("not_after", [])} for name, entry in data["labels"].items()}
    own_words = {
        name: {word.lower() for alias in data["actors"][entry["default"]]["aliases"]
               for word in re.findall(r"[\w'’-]+", alias)}
        for name, entry in data["labels"].items() if entry.get("default")
    }
    return {
        "actors": data["actors"], "labels": data["labels"], "roles": roles,
        "actor_matcher": actor_matcher, "label_matcher": label_matcher,
        "not_after": not_after, "own_words": own_words,
    }


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 20 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def find_actors(text: str) -> list[_Mention]:
    """Actor mentions of one sentence, by canonical name, in order of position."""
    lex = _lexicon()
    shouting = _mostly_capitals(text)  # "IT IS SHOCKING": short acronyms mean nothing in capitals-only text
    return [
        _Mention(start, end, name)
        for start, end, name in lex["actor_matcher"].find(text)
        if not (shouting and end - start <= 3)
    ]


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return match.group(1) if match else ""


def find_labels(text: str) -> list[_Mention]:
    """Label mentions of one sentence, by canonical label, in order of position; a label right after one of
    its ``not_after`` words is not a label ("inspection regime").

    >>> [m.name for m in find_labels("The regime rejected the inspection regime.")]
    ['regime']
    """
    lex = _lexicon()
    return [
        _Mention(start, end, name)
        for start, end, name in lex["label_matcher"].find(text)
        if _word_before(text, start).lower() not in lex["not_after"][name]
    ]


def _foreign_qualifier(label: _Mention, text: str) -> bool:
    """Is the label right after a capitalised word that is not a name of its fixed actor ("Iranian regime")?"""
    word = _word_before(text, label.start)
    before = text[: label.start].rstrip(" -")
    sentence_start = not before[: len(before) - len(word)].strip()  # "Two regime soldiers": capital, no qualifier
    if not word[:1].isupper() or word.lower() in _NOT_QUALIFIERS or sentence_start:
        return False
    return word.lower().removesuffix("'s").removesuffix("’s") not in _lexicon()["own_words"][label.name]


def role(text: str, start: int, end: int) -> str:
    """The role of the actor mentioned at ``text[start:end]``: blamed, agent, target or mentioned.

    >>> role("The attack was blamed on ISIS.", 25, 29), role("ISIS attacked a bus.", 0, 4)
    ('blamed', 'agent')
    >>> role("Strikes against HTS positions.", 16, 19), role("HTS was mentioned.", 0, 3)
    ('target', 'mentioned')
    """
    roles = _lexicon()["roles"]
    before, after = text[max(0, start - 80) : start], text[end : end + 80]
    order = [("blamed", "before"), ("blamed", "after"), ("agent", "before"), ("target", "before"),
             ("target", "after"), ("agent", "after")]
    for name, side in order:
        regex = roles[name][0 if side == "before" else 1]
        m = regex.search(before if side == "before" else after)
        if not m:
            continue
        if name == "agent" and side == "after" and _PASSIVE_VERBS.search(m.group()) and _PASSIVE_AFTER.match(
            after[m.end() :]
        ):
            return "target"
        return name
    return "mentioned"


def actor_side(name: str) -> str:
    """The party an actor belongs to (``side`` in ``data/actors.yaml``), else the actor itself.

    >>> actor_side("Syrian government forces"), actor_side("ISIS"), actor_side("unidentified")
    ('Syrian government', 'ISIS', 'unresolved')
    """
    return _lexicon()["actors"].get(name, {}).get("side", name)


def _label_subject(label: _Mention, text: str, actors: list[_Mention], recent: list[str]) -> str:
    lex = _lexicon()
    entry = lex["labels"][label.name]
    for actor in actors:
        overlaps = actor.start < label.end and label.start < actor.end
        before = actor.end <= label.start and _ADJACENT.match(text[actor.end : label.start])
        after = actor.start >= label.end and _LABEL_TO_ACTOR.match(text[label.end : actor.start])
        if overlaps or before or after:
            return actor.name
    if entry.get("default") and not _foreign_qualifier(label, text):
        return entry["default"]
    types = set(entry.get("refers_to", []))
    for name in reversed(recent):
        if lex["actors"][name]["type"] in types:
            return name
    return UNRESOLVED


def actor_rows(sentences: pd.DataFrame) -> list[Row]:
    """``actor`` and ``label`` rows; labels resolve against the actors named before them in the same report."""
    rows: list[Row] = []
    recent: dict[str, list[str]] = {}
    for report_id, sent_idx, text, offset in zip(
        sentences["report_id"], sentences["sent_idx"], sentences["text"], sentences["start"], strict=True
    ):
        actors = find_actors(text)
        labels = find_labels(text)
        if not actors and not labels:
            continue
        history = recent.setdefault(report_id, [])
        events = sorted([(a.start, 0, a) for a in actors] + [(lab.start, 1, lab) for lab in labels],
                        key=lambda e: (e[0], e[1]))
        for _, is_label, mention in events:
            span = text[mention.start : mention.end]
            if is_label:
                subject = _label_subject(mention, text, actors, history)
                label_role = role(text, mention.start, mention.end)
                rows.append(Row(report_id, sent_idx, "label", subject, mention.name, float("nan"), float("nan"),
                                span, offset + mention.start, offset + mention.end, role=label_role))
                in_a_name = span[:1].isupper() and text[: mention.start].strip() != ""  # "...and Opposition Forces"
                acting = label_role if subject == UNRESOLVED else "mentioned"
                if acting in UNNAMED_ROLES and not in_a_name:  # "launched by terrorist organizations"
                    rows.append(Row(report_id, sent_idx, "actor", acting, UNIDENTIFIED, float("nan"),
                                    float("nan"), span, offset + mention.start, offset + mention.end, role=acting))
            else:
                actor_role = role(text, mention.start, mention.end)
                rows.append(Row(report_id, sent_idx, "actor", actor_role, mention.name, float("nan"), float("nan"),
                                span, offset + mention.start, offset + mention.end, role=actor_role))
                history.append(mention.name)
    return rows
