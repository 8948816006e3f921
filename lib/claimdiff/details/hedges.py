"""Hedges: the certainty markers of a sentence ("reportedly", "could not be independently verified").

The markers and their spellings are in ``data/hedges.yaml``; each match is a row with the canonical marker as
``value`` and ``subject`` "hedge".

>>> [(h.value, h.text) for h in find_hedges("The drones were most likely launched by HTS, the ministry claimed.")]
[('most likely', 'most likely'), ('claimed', 'claimed')]
>>> [h.value for h in find_hedges("The toll could not be independently verified.")]
['unverified']
>>> [(h.value, h.text) for h in find_hedges("The ministry claimed on Saturday that it had shot down drones.")]
[('claimed', 'claimed on Saturday that')]

That what caused it is not known, and a verification denied with any adverb between, are read too:

>>> [(h.value, h.text) for h in find_hedges("The cause of the blast has not been revealed yet.")]
[('cause unknown', 'cause of the blast has not been revealed')]
>>> [h.value for h in find_hedges("The casualty figures could not be independantly verified.")]
['unverified']
>>> [(h.value, h.text) for h in find_hedges("At least 40 were killed, the monitor claimed on Thursday.")]
[('claimed', 'claimed on Thursday')]
>>> find_hedges("The Islamic State group claimed responsibility for the blast.")
[]

A marker followed by a verb of ``forecasts`` speaks of what is to come, not of what happened: no hedge.

>>> find_hedges("The death toll is likely to rise further.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.actors import actor_side
from claimdiff.details.table import Row, sentence_rows
from claimdiff.details.wordings import acts

# "claimed that" with a few words between ("claimed on Saturday that", "claims in a statement that"): the lexicon's
# phrases are literal, this is their one syntactic extension. Not "claimed responsibility": no "that" follows.
_CLAIMED_THAT = re.compile(r"\bclaim(?:ed|s|ing)\b(?:\s+[\w’']+){1,5}?\s+that\b", re.IGNORECASE)
# "the cause of the blast has not been revealed", "origin of explosion unknown": that what caused it is not known
# (the marker ``cause unknown``), with a few words naming the incident between.
_CAUSE_UNKNOWN = re.compile(
    r"\b(?:cause|origin|nature)\s+of\s+(?:[\w’'-]+\s+){1,3}?(?:(?:is|was|has|have|had|remains?|remained)\s+)?"
    r"(?:(?:still|yet|as\s+yet)\s+)?(?:unknown|unclear|not\s+(?:yet\s+)?(?:been\s+)?(?:immediately\s+)?"
    r"(?:known|clear|revealed|determined|established|identified|specified))\b", re.IGNORECASE)
# "could not be independantly verified", "has not yet been confirmed": a verification denied, with any adverb (or a
# misspelt one) between; the lexicon's literal phrases miss those.
_NOT_VERIFIED = re.compile(
    r"\b(?:could\s+not|cannot|can\s+not|couldn[’']?t|can[’']?t|has\s+not|have\s+not|had\s+not)\s+(?:yet\s+)?"
    r"(?:be\s+|been\s+)?(?:\w+ly\s+)?verified\b", re.IGNORECASE)
CAUSE_UNKNOWN = "cause unknown"
# "... were killed, the opposition monitor claimed on Thursday.": "claimed" as the reporting verb after what it
# reports (nothing but a day or "in a statement" follows it in its sentence).
_CLAIMED_AFTER = re.compile(r"\bclaim(?:ed|s)(?:\s+(?:on\s+)?(?:\w+day|today|yesterday|earlier|in\s+a\s+statement))?"
                            r"(?=\s*[.!\"”’']*\s*$)", re.IGNORECASE)
# The constructions read beside the lexicon: marker, pattern, and the words (lower-case) one of which it holds.
_CONSTRUCTIONS = (
    ("claimed", _CLAIMED_THAT, ("claim",)),
    ("claimed", _CLAIMED_AFTER, ("claim",)),
    (CAUSE_UNKNOWN, _CAUSE_UNKNOWN, ("cause", "origin", "nature")),
    ("unverified", _NOT_VERIFIED, ("verified",)),
)
# How far before a claim told after it its claimant may stand ("..., the army claimed"): a party there claims it.
CLAIMANT_REACH = 40


@dataclass(frozen=True)
class Hedge:
    start: int
    end: int
    value: str
    text: str


@lru_cache(maxsize=1)
def _matcher() -> lexicon.PhraseMatcher:
    markers = {k: v for k, v in lexicon.load("hedges").items() if k != "forecasts"}
    return lexicon.PhraseMatcher((canonical, phrase) for canonical, phrases in markers.items() for phrase in phrases)


@lru_cache(maxsize=1)
def _forecast() -> re.Pattern[str]:
    verbs = lexicon.phrases_body(lexicon.load("hedges")["forecasts"])
    return re.compile(rf"\s+(?:to\s+)?(?:further\s+)?(?:{verbs})\b", re.IGNORECASE)


def find_hedges(text: str) -> list[Hedge]:
    """The certainty markers of one sentence, in order of position."""
    found = [Hedge(start, end, value, text[start:end]) for start, end, value in _matcher().find(text)
             if not _forecast().match(text, end)]
    lowered = text.lower()
    for value, pattern, word in _CONSTRUCTIONS:
        if not any(w in lowered for w in word):  # most sentences hold none of a construction's words: skip its scan
            continue
        for m in pattern.finditer(text):
            if not any(m.start() < h.end and h.start < m.end() for h in found):
                found.append(Hedge(m.start(), m.end(), value, m.group()))
    return sorted(found, key=lambda h: h.start)


def hedge_rows(sentences: pd.DataFrame) -> list[Row]:
    """A ``hedge`` row per certainty marker."""
    rows = []
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        for h in find_hedges(text):
            rows.append(Row(report_id, sent_idx, "hedge", "hedge", h.value, float("nan"), float("nan"), h.text,
                            offset + h.start, offset + h.end))
    return rows


# What a hedge bears on (the ``role`` of a hedge row): a figure, who did it or was hit, the claim of its clause as a
# whole ("claimed that its air defences shot down drones"), only what kind of act it was ("a suspected chemical
# attack", "gas which they suspect was chlorine": rows of kind ``act``), or something else ("the alleged launch pad").
COUNT, PARTY, CLAIM, ACT, OTHER = "count", "party", "claim", "act", "other"
# Markers that follow what they doubt ("the toll could not be independently verified"), not precede it.
_AFTER_WHAT_THEY_DOUBT = frozenset({"unverified", "unconfirmed"})
# An adjective marker ("alleged rebels", "a suspected attack") doubts its noun phrase only; a verb, "to", "that" or
# a preposition after it ("suspected to have been carried out by", "suspect that") opens the clause it doubts.
_ADJECTIVE = re.compile(r"(?i)(?:alleged|suspected|purported|presumed|unconfirmed|unverified|preliminary|rumou?red)$")
_NOUN_PHRASE_END = re.compile(
    r"(?i)\b(?:that|which|who|whom|where|when|by|in|on|at|of|to|from|for|with|after|before|as|was|were|is|are|has|"
    r"have|had|be|been|killed|left|hit|struck|said|says)\b|[,;:.\"“”()]")
# Where the clause a marker opens ends: a punctuation mark or a conjunction that starts another clause.
_CLAUSE_END = re.compile(r"[,;:.\"“”()]|\s(?:but|while|whereas|although|though|and said|adding)\s", re.IGNORECASE)
# Where the clause a marker stands in begins, looking back from it: a clause end or a word that opens a clause.
_CLAUSE_BEFORE = re.compile(rf"{_CLAUSE_END.pattern}|\s(?:that|which|who|whom|when|where)\s", re.IGNORECASE)
# How far (in characters) a marker's clause reaches at most: scraped text often lost the commas that end it.
SCOPE_REACH = 80


def hedge_scope(text: str, start: int, end: int, facts: list[tuple[int, int, str, str]], value: str | None = None
                ) -> tuple[str, str | None]:
    """What the marker at ``text[start:end]`` doubts, of ``facts`` (``(start, end, kind, what)`` of the sentence's
    figures, parties and acts, offsets into ``text``, ``kind`` :data:`COUNT`, :data:`PARTY` or :data:`ACT`): the kind
    of the first figure or party in its scope (:data:`ACT` when it holds only acts) and every fact in it
    (``"kind:what|..."``). An adjective marker's scope is its noun phrase;
    an adverb's or a verb's, the rest of its clause and the figure before it in its clause ("22 soldiers were
    reportedly killed by gunmen"; not a party: "the attacker reportedly detonated his explosives at the bakery"
    doubts what he did); "could not be verified", the fact before it in its clause (a figure when that names
    none but its clause speaks of figures: "ISIS did not claim it, and the death toll could not be verified"). With no
    fact in its scope:
    :data:`CLAIM` for "claimed that", which doubts its clause as a whole ("claimed that it shot down drones"),
    else :data:`OTHER` ("the suspected launch pad").

    >>> def scope(text, marker, facts):
    ...     at = text.find(marker)
    ...     return hedge_scope(text, at, at + len(marker), [(text.find(w), text.find(w) + len(w), kind, what)
    ...                                                     for w, kind, what in facts])
    >>> scope("families of five alleged rebels executed by regime forces", "alleged",
    ...       [("rebels", PARTY, "rebels"), ("regime forces", PARTY, "Syrian government")])
    ('party', 'party:rebels')
    >>> scope("87 died in the suspected attack that the West blames on Assad's forces", "suspected",
    ...       [("87", COUNT, "killed"), ("Assad's forces", PARTY, "Syrian government")])
    ('other', None)
    >>> scope("87 died in the suspected chemical attack", "suspected", [("87", COUNT, "killed"),
    ...                                                                  ("chemical attack", ACT, "chemical attack")])
    ('act', 'act:chemical attack')
    >>> scope("a suspected Russian air strike", "suspected",
    ...       [("Russian", PARTY, "Russia"), ("air strike", ACT, "air strike")])
    ('party', 'party:Russia|act:air strike')
    >>> scope("the strike was likely carried out by war jets", "likely", [("jets", ACT, "jets")])
    ('other', None)
    >>> scope("the army claimed that it shot down drones", "claimed that", [])
    ('claim', None)
    >>> scope("rockets killed 40, the regime army claimed on Thursday", "claimed on Thursday",
    ...       [("40", COUNT, "killed"), ("regime army", PARTY, "Syrian government")])
    ('claim', 'count:killed')
    >>> scope("the regime claimed that its strikes killed 20", "claimed that",
    ...       [("its", PARTY, "Syria"), ("20", COUNT, "killed")])
    ('claim', 'party:Syria|count:killed')
    >>> scope("The IDF allegedly struck the NDF base killing three", "allegedly",
    ...       [("IDF", PARTY, "Israel"), ("NDF", PARTY, "Syrian government"), ("three", COUNT, "killed")])
    ('party', 'party:Israel|party:Syrian government|count:killed')
    >>> scope("the attacker reportedly detonated his explosives", "reportedly", [("attacker", PARTY, "gunman")])
    ('other', None)
    >>> scope("22 soldiers were reportedly killed by gunmen", "reportedly",
    ...       [("22", COUNT, "killed"), ("gunmen", PARTY, "gunmen")])
    ('count', 'count:killed|party:gunmen')
    >>> scope("the passenger likely an accomplice also died", "likely", [("the passenger", COUNT, "killed")])
    ('other', None)
    >>> scope("kills 58 A gas attack believed to be by Syrian jets", "believed to be",
    ...       [("58", COUNT, "killed"), ("Syrian jets", PARTY, "Syrian government")])
    ('party', 'party:Syrian government')
    >>> scope("a gas attack believed to be by Syrian jets killed 58", "believed to be",
    ...       [("Syrian jets", PARTY, "Syrian government"), ("58", COUNT, "killed")])
    ('party', 'party:Syrian government')
    >>> scope("raids were probably carried out by Russian jets, killing 11", "probably",
    ...       [("Russian jets", PARTY, "Russia"), ("11", COUNT, "killed")])
    ('party', 'party:Russia')
    >>> scope("The toll of 20 could not be independently verified", "could not be independently verified",
    ...       [("20", COUNT, "killed")])
    ('count', 'count:killed')
    >>> scope("ISIS did not claim it, and the toll could not be verified", "could not be verified",
    ...       [("ISIS", PARTY, "ISIS")])
    ('count', 'count:killed')
    >>> scope("The authenticity of the pictures could not be verified", "could not be verified", [])
    ('other', None)

    A marker that what caused it is not known (``value`` :data:`CAUSE_UNKNOWN`) doubts the kind of the acts it names
    or that follow it in its clause, not the figures or parties beside them:

    >>> at = "4 died in a blast, origin of explosion unknown".find("origin")
    >>> hedge_scope("4 died in a blast, origin of explosion unknown", at, at + 27,
    ...             [(0, 1, COUNT, "killed"), (12, 17, ACT, "blast"), (30, 39, ACT, "explosion")], CAUSE_UNKNOWN)
    ('act', 'act:explosion')
    """
    marker = text[start:end]
    if re.match(r"(?i)claim", marker) and _CLAIMED_AFTER.match(text, start):  # the claim told before it
        inside = [f for f in facts if f[1] <= start and not (f[2] == PARTY and f[1] > start - CLAIMANT_REACH)]
        return CLAIM, "|".join(dict.fromkeys(f"{kind}:{what}" for *_, kind, what in inside)) or None
    if value == CAUSE_UNKNOWN:
        stop = _CLAUSE_END.search(text, end)
        limit = min(stop.start() if stop else len(text), end + SCOPE_REACH)
        inside = [f for f in facts if f[2] == ACT and start <= f[0] < limit]
        return (ACT, "|".join(dict.fromkeys(f"{ACT}:{what}" for *_, what in inside))) if inside else (OTHER, None)
    if _ADJECTIVE.search(marker) and _CLAUSE_START_AFTER.match(text, end) is None \
            or _ONE_WORD.fullmatch(marker) and _ARTICLE_AFTER.match(text, end):
        stop = _NOUN_PHRASE_END.search(text, end)
        limit = min(stop.start() if stop else len(text), end + 40)
        inside = [f for f in facts if end <= f[0] < limit]
    elif _verification(marker):  # what its clause says could not be verified: the toll when it speaks of figures
        inside = [f for f in facts if _clause_begin(text, start) <= f[0] and f[1] <= start and f[2] != ACT][-1:] \
            or [(start, end, COUNT, "killed")] * bool(_FIGURE_WORDS.search(text, _clause_begin(text, start), start))
    else:
        stop = _CLAUSE_END.search(text, end)
        limit = min(stop.start() if stop else len(text), end + SCOPE_REACH)
        # an act named in the agent phrase ("carried out by Russian war jets") tells who, not what happened
        inside = [f for f in facts if end <= f[0] < limit and not (f[2] == ACT and _DONE_BY.search(text, end, f[0]))]
        # "believed to be by Syrian government jets killed 58": the doubted doer's phrase (an agent after "by") ends
        # the doubt; the figure after it is the main clause's
        parties = [i for i, f in enumerate(inside) if f[2] == PARTY and _BY.search(text, end, f[0])]
        trimmed = bool(parties)
        inside = inside[: parties[0] + 1] + [f for f in inside[parties[0] + 1 :] if f[2] != COUNT] \
            if parties else inside
        # the figure the doubted verb is said of, too; not when the marker doubts only who did it ("an attack that
        # killed 58, believed to be by Syrian jets")
        if not re.match(r"(?i)claim", marker) and not (trimmed and _AGENT_ONLY.match(text, end)):
            inside = [f for f in facts if _clause_begin(text, start) <= f[0] and f[1] <= start
                      and f[2] == COUNT][-1:] + inside
        # an adverb right after the party that is its clause's subject doubts that the party did it ("The Israel
        # Defense Forces (IDF) allegedly have struck the base"); not after a word that names no party ("the
        # attacker reportedly detonated his explosives at the bakery" doubts what he did)
        if _ONE_WORD.fullmatch(marker):
            inside = [f for f in facts if f[2] == PARTY and f[1] <= start and not _generic(f[3])
                      and _SUBJECT_GAP.fullmatch(text, f[1], start)][-1:] + inside
    named = [f[2] for f in inside if f[2] != ACT] or [f[2] for f in inside]
    kind = CLAIM if re.match(r"(?i)claim", marker) else named[0] if named else OTHER
    return kind, "|".join(dict.fromkeys(f"{kind}:{what}" for *_, kind, what in inside)) or None


def _clause_begin(text: str, start: int) -> int:
    """Where the clause that holds ``text[start]`` begins (at most :data:`SCOPE_REACH` characters back)."""
    breaks = [m.end() for m in _CLAUSE_BEFORE.finditer(text, 0, start)]
    return max(breaks[-1] if breaks else 0, start - SCOPE_REACH)


def scoped_facts(group) -> list[tuple[str, str]]:
    """The ``(kind, what)`` facts a hedge row's ``group`` names (see :func:`hedge_scope`).

    >>> scoped_facts("party:Syria|count:killed"), scoped_facts(None)
    ([('party', 'Syria'), ('count', 'killed')], [])
    """
    return [tuple(f.split(":", 1)) for f in group.split("|") if f] if isinstance(group, str) else []


_CLAUSE_START_AFTER = re.compile(r"(?i)\s+(?:to|that|of|by)\b")
# A one-word marker before an article doubts the noun phrase it opens, as an adjective does: "the passenger,
# likely an accomplice, also died" doubts who he was, not the death.
_ONE_WORD = re.compile(r"[A-Za-z]+")
_BY = re.compile(r"(?i)\bby\b")
# The agent phrase of an act: what follows names who did it ("carried out by Russian war jets"), not the act.
_DONE_BY = re.compile(r"(?i)\b(?:carried\s+out|launched|conducted|staged|flown|operated)\s+by\b")
# A marker that opens the agent phrase: "believed to be by", "suspected to have been carried out by".
_AGENT_ONLY = re.compile(r"(?i)\s+(?:to\s+)?(?:have\s+)?(?:been\s+|be\s+)?(?:carried\s+out\s+|launched\s+|"
                         r"conducted\s+)?by\b")
_ARTICLE_AFTER = re.compile(r"(?i)\s+(?:a|an|the)\s")
# Words for a toll as a whole: "could not be verified" said of them, with no figure named, doubts the toll.
_FIGURE_WORDS = re.compile(r"(?i)\b(?:tolls?|figures?|numbers?|casualt(?:y|ies)|dead|deaths)\b")
# What may stand between a clause's subject and an adverb after it: spaces, a closing bracket or quote.
_SUBJECT_GAP = re.compile(r"[\s)\]\"”’']*")


@lru_cache(maxsize=256)
def _generic(side: str) -> bool:
    """Does a party's side name no party ("gunman", "police": type ``generic`` in ``data/actors.yaml``)?"""
    return lexicon.load("actors")["actors"].get(side, {}).get("type") == "generic"


def _verification(marker: str) -> bool:
    return bool(re.search(r"(?i)\b(?:verif|confirm)", marker)) and not marker.lower().startswith(("unverif",
                                                                                                  "unconfirm"))


def attach_hedge_scopes(rows: list[Row], sentences: pd.DataFrame) -> list[Row]:
    """``rows`` with each hedge row's ``role`` set to what it doubts (:func:`hedge_scope`: :data:`COUNT`,
    :data:`PARTY`, :data:`CLAIM`, :data:`ACT` or :data:`OTHER`) and its ``group`` to which facts: the subject of a
    figure ("count:killed"), the side of a party ("party:Russia"), the phrase of an act ("act:chlorine")."""
    by_sentence: dict[tuple[str, int], list[Row]] = {}
    for row in rows:
        if row.kind in ("actor", "hedge", "act") or (row.kind == "count" and row.subject != "other") \
                or (row.kind == "label" and row.subject not in acts()):
            by_sentence.setdefault((row.report_id, row.sent_idx), []).append(row)
    hedged = {key for key, found in by_sentence.items() if any(r.kind == "hedge" for r in found)}
    if not hedged:
        return rows
    texts = {(rid, idx): (text, start) for rid, idx, text, start in sentence_rows(sentences) if (rid, idx) in hedged}
    scopes: dict[tuple[str, int, int], tuple[str, str | None]] = {}
    for key in hedged:
        text, offset = texts[key]
        facts = sorted((r.start - offset, r.end - offset, *_fact(r)) for r in by_sentence[key] if r.kind != "hedge")
        named = [r for r in by_sentence[key] if r.kind == "hedge"]
        facts = sorted(facts + [f for r in named for f in complement_parties(text, r.start - offset, r.end - offset)
                                if not any(g[0] <= f[0] < g[1] for g in facts)])
        for r in by_sentence[key]:
            if r.kind == "hedge":
                scopes[(*key, r.start)] = hedge_scope(text, r.start - offset, r.end - offset, facts, r.value)
    return [row._replace(role=scopes[(row.report_id, row.sent_idx, row.start)][0],
                         group=scopes[(row.report_id, row.sent_idx, row.start)][1] or pd.NA)
            if row.kind == "hedge" else row for row in rows]


@lru_cache(maxsize=1)
def _complement() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    means = lexicon.load("actors")["means"]
    by_words = lexicon.phrases_body(list(means["by"]))
    # "are believed to be Russian", "thought to be Syrian or Russian": a demonym (a `means.by` word) standing alone
    # as what the marker's subject is said to be; not "believed to be Russian jets" (an actor of its own)
    pattern = re.compile(rf"\s+(?:to\s+(?:be|have\s+been)\s+|be\s+)?(?:either\s+)?({by_words})"
                         rf"(?=\s*(?:[,.;:!?\"”’')]|$|\s(?:or|and|but|while|who|which)\b))", re.IGNORECASE)
    arms = re.compile(rf"(?<!\w)(?:{lexicon.phrases_body(means['vehicles'] + means['attacks'])})(?!\w)", re.IGNORECASE)
    return pattern, arms, {lexicon.normalise(k): v for k, v in means["by"].items()}


# How far before the marker the arms it speaks of may be named ("the planes are believed to be Russian").
ARMS_REACH = 40


def complement_parties(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """The party the marker at ``text[start:end]`` says the arms before it are, named by a demonym alone ("the planes
    are believed to be Russian"): ``(start, end, PARTY, side)`` facts for :func:`hedge_scope`, which no actor row
    gives (a demonym is an actor only before the name of its arms: "Russian jets"). The subject must name arms
    (a `vehicles` or `attacks` noun of ``means`` in ``data/actors.yaml``, at most :data:`ARMS_REACH` characters
    before the marker): "the victims are said to be Syrian" tells who died, not who did it.

    >>> def parties(text, marker="believed to be"):
    ...     at = text.find(marker)
    ...     return complement_parties(text, at, at + len(marker))
    >>> parties('"The planes are believed to be Russian" he said.')
    [(31, 38, 'party', 'Russia')]
    >>> parties("jets believed to be Russian jets"), parties("The victims are believed to be Syrian.")
    ([], [])
    """
    pattern, arms, by = _complement()
    m = pattern.match(text, end)
    if m is None or arms.search(text, max(0, start - ARMS_REACH), start) is None:
        return []
    return [(m.start(1), m.end(1), PARTY, actor_side(by[lexicon.normalise(m.group(1))]))]


def _fact(row: Row) -> tuple[str, str]:
    return fact_of(row.kind, row.subject, row.value)


def fact_of(kind: str, subject: str, value: str) -> tuple[str, str]:
    """``(kind, what)`` of a count, actor, act or label detail, as :func:`hedge_scope` takes it: a count by what it
    counts, an actor by its side, an act by its phrase, a label by the side of the actor it names (else by itself).

    >>> fact_of("count", "killed", "35"), fact_of("actor", "agent", "Russian forces")
    (('count', 'killed'), ('party', 'Russia'))
    >>> fact_of("act", "chemical attack", "chlorine")
    ('act', 'chlorine')
    >>> fact_of("label", "unresolved", "rebels")
    ('party', 'rebels')
    """
    if kind == "count":
        return COUNT, subject
    if kind == "actor":
        return PARTY, actor_side(value)
    if kind == "act":
        return ACT, value
    return PARTY, actor_side(subject) if subject != "unresolved" else value
