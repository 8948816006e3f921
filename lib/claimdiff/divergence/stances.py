"""The stance a label carries, and how far apart two outlets' labels for one party are.

Words for one party differ in how they judge it: "the opposition" takes its side, "rebels" and "government forces"
are the neutral words of the wires, "militants" keeps a distance, "jihadists", "extremists", "the regime" and
"Daesh" condemn, "terrorists" and "mercenaries" deny it any standing. Each label of ``data/actors.yaml`` (and each
name of ``data/loaded_names.yaml``) has a ``tone``, one of :data:`TONES` in that order. Two outlets' labels are
compared by tone, not by word: "rebels" against "insurgents", or "jihadists" against "extremists", is a choice of
words, not of stance, and no clash; the further apart two tones lie, the surer the clash ("terrorists" against
"rebels" more than "militants" against "rebels"). Words without a tone (the names "YPG" and "SDF", the wordings
of acts) are compared word for word, as before.

>>> stance("regime forces"), stance("government forces"), stance("terrorists"), stance("ISIL"), stance("Daesh")
('regime', 'government', 'terrorists', 'Islamic State', 'Daesh')
>>> tone("rebels"), tone("insurgents"), tone("terrorists"), tone("YPG")
('neutral', 'neutral', 'hostile', None)
>>> label_clash({"values": frozenset({"rebels"})}, {"values": frozenset({"insurgents"})})
0.0
>>> label_clash({"values": frozenset({"terrorists"})}, {"values": frozenset({"rebels"})})
0.8
>>> label_clash({"values": frozenset({"militants"})}, {"values": frozenset({"rebels"})})
0.3
"""

from __future__ import annotations

from functools import lru_cache

from ..details.lexicon import load
from ..details.wordings import chosen_wordings
from .compatible import sets_compatible
from .core import active

# From the words that side with a party to those that deny it any standing.
TONES = ("sympathetic", "neutral", "distancing", "condemning", "hostile")
# Sentences with words of the other outlet's tones against which a word an outlet writes in one sentence only is a
# stray one, not its choice (:func:`own_choice`): two to one, most of its words are the other's (on the FA-KES dev
# gold, see .labels).
STRAY_AGAINST = 2
# The word of an outlet that calls a party by its name alone ("Islamic State", "the YPG"), no label: a neutral one.
BY_NAME = "by name"
# The word of an outlet that names a party of the incident that has no loaded names ("the Nusra Front", "Russian
# jets", "the Syrian army") and never labels it (.labels.named_only): a neutral word, but a weak sign of a stance, as
# outlets name a state by its army or country when it acts whatever word they would choose for it; it clashes only
# with a word that denies the party any standing ("the Nusra Front terrorist group", "the Russian occupation forces";
# on the FA-KES dev gold events, 4 of 6 such clashes were real, none of 8 against "the regime").
NAMED_ONLY = "named only"
# The confidence of a clash by how many steps of TONES lie between the two outlets' words, of words without a tone
# (names, wordings of acts) that differ, and the share a clash seen only in words for a party in passing
# ("rebel-held", "the war pitting rebels ...") keeps: settings (.core.DivergenceSettings, tone_*_confidence,
# wording_confidence, in_passing_share).


@lru_cache(maxsize=1)
def _stances() -> dict[str, str]:
    """Each label with a ``stance`` in ``data/actors.yaml`` and the word whose stance it carries; and each name of
    an actor with a loaded name (``data/loaded_names.yaml``) that is not loaded ("ISIL", "ISIS") with the actor's
    neutral name ("Islamic State")."""
    stances = {name: entry["stance"] for name, entry in load("actors")["labels"].items() if entry.get("stance")}
    actors = load("actors")["actors"]
    for actor, entry in load("loaded_names").items():
        stances.update({name: entry["neutral"] for name in actors.get(actor, {}).get("names", {})
                        if name not in entry["loaded"]})
    return stances


@lru_cache(maxsize=1)
def _tones() -> dict[str, str]:
    tones = {}
    for name, entry in load("actors")["labels"].items():
        if entry.get("tone"):
            tones[name] = tones[entry.get("stance", name)] = entry["tone"]
    for entry in load("loaded_names").values():
        tones.update(entry.get("tones", {}))
    unknown = {t for t in tones.values() if t not in TONES}
    if unknown:
        raise ValueError(f"data/actors.yaml or data/loaded_names.yaml: unknown tone(s) {sorted(unknown)}; "
                         f"use one of {TONES}")
    return tones


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """The names of ``names`` in ``data/actors.yaml`` and of ``data/loaded_names.yaml`` ("Daesh", "YPG")."""
    names = {name for entry in load("actors")["actors"].values() for name in entry.get("names", {})}
    for entry in load("loaded_names").values():
        names |= {entry["neutral"], *entry["loaded"]}
    return frozenset(names)


def is_name(label: str) -> bool:
    """Is a label row's value a name of its party ("Daesh", "ISIL", "YPG"), not a label ("terrorists")? An outlet
    chooses a name and a label apart ("the extremist Islamic State group" against "the extremist Daesh group").

    >>> is_name("Daesh"), is_name("ISIL"), is_name("terrorists")
    (True, True, False)
    """
    return label in _names()


def stance(label: str) -> str:
    """The word whose stance a label carries: "regime forces" says what "the regime" says; other labels and names
    stand for themselves."""
    return _stances().get(label, label)


def tone(label: str) -> str | None:
    """The tone of a label or name (one of :data:`TONES`), None for words without one; :data:`BY_NAME` is neutral."""
    return "neutral" if label in (BY_NAME, NAMED_ONLY) else _tones().get(stance(label))


def label_clash(a: dict, b: dict) -> float:
    """How sure that two outlets' words for one party (``values``, by :func:`stance`) take different stances: names
    are compared with names and labels with labels (:func:`is_name`: "the extremist Islamic State group" against
    "the extremist Daesh group" differ in the name), the surer clash of the two counts.

    >>> label_clash({"values": frozenset({"Islamic State", "extremists"})}, {"values": frozenset({"Daesh"})})
    0.5

    Wordings of an act are compared by the one the outlet chooses (:func:`~claimdiff.details.wordings.chosen_wordings`):
    "killed" and "martyred" against "killed" is "martyred" against "killed".

    >>> label_clash({"values": frozenset({"kill", "martyr"})}, {"values": frozenset({"kill"})})
    0.5
    """
    mine, theirs = chosen_wordings(a["values"]), chosen_wordings(b["values"])  # "killed" beside "martyred"
    return max(_tone_clash({v for v in mine if is_name(v)}, {v for v in theirs if is_name(v)}),
               _tone_clash({v for v in mine if not is_name(v)}, {v for v in theirs if not is_name(v)}))


def party_label_clash(a: dict, b: dict) -> float:
    """:func:`label_clash`, with the labels' clash (not the names') at ``in_passing_share`` of its confidence
    (:class:`~.core.DivergenceSettings`) unless the two outlets' labels for the parties of the incident (``acting``:
    the stances of labels of an actor that did it, was hit, claimed it or was blamed) clash as surely: "terrorists
    fired shells" against "rebels fired rockets" is a sure clash, "rebel-held Idlib" against "terrorists" in a
    closing line on the war a weak one. A name ("Daesh") is the outlet's name
    for the party wherever it stands.

    >>> hit = {"values": frozenset({"terrorists"}), "acting": frozenset({"terrorists"})}
    >>> party_label_clash(hit, {"values": frozenset({"rebels"}), "acting": frozenset({"rebels"})})
    0.8
    >>> party_label_clash(hit, {"values": frozenset({"rebels"}), "acting": frozenset()})
    0.4

    Labels that name no actor (``unnamed``: "rebel-held Idlib", "terrorists" in passing) may stand for two different
    parties as well, a second doubt at the same share:

    >>> party_label_clash({**hit, "unnamed": True}, {"values": frozenset({"rebels"}), "acting": frozenset()})
    0.2

    An outlet that calls the party by its name alone uses no loaded word: against "terrorists" that is a clash of
    labels (on the FA-KES dev gold events, one more gold label divergence found, 44 of 62, for eight more flags of
    which four real):

    >>> party_label_clash({"values": frozenset({"Islamic State"}), "acting": frozenset({"Islamic State"})}, hit)
    0.8

    Where the words for the party that acts or is hit are opposed ("32 rebels were killed" against "terrorists were
    killed": ``tone_opposed_confidence``) but one outlet also uses the other's word in passing ("insurgents" in a
    closing line), the outlets' words as a whole are no clash, their words for the party are one: it counts at the
    same share. A milder clash ("government" against "regime") is no stance where one outlet uses both words (on the
    FA-KES dev gold, opposed words: one more gold label divergence found with the gold events, two more flags, both
    real; milder ones as well: seven more flags over both settings of events, none real):

    >>> party_label_clash(hit, {"values": frozenset({"rebels", "terrorists"}), "acting": frozenset({"rebels"})})
    0.4

    A party an outlet names and never labels (:data:`NAMED_ONLY`) clashes only with a word that denies it standing:

    >>> nusra = {"values": frozenset({NAMED_ONLY}), "acting": frozenset({NAMED_ONLY})}
    >>> party_label_clash(nusra, hit), party_label_clash(nusra, {"values": frozenset({"militants"})})
    (0.8, 0.0)

    A name and labels that both differ make a surer clash than either alone (one minus the product of the chances
    that each is no stance):

    >>> daesh = {"values": frozenset({"Daesh", "terrorists"}), "acting": frozenset({"terrorists"})}
    >>> party_label_clash(daesh, {"values": frozenset({"Islamic State", "militants"}),
    ...                           "acting": frozenset({"militants"})})
    0.75
    """
    def labels(values: frozenset) -> set[str]:
        words = {v for v in values if not is_name(v)}
        return words or ({BY_NAME} if values else set())

    a, b = own_choice(a, b), own_choice(b, a)
    names = _tone_clash({v for v in a["values"] if is_name(v)}, {v for v in b["values"] if is_name(v)})
    words = _tone_clash(labels(a["values"]), labels(b["values"]))
    if NAMED_ONLY in labels(a["values"]) | labels(b["values"]) and words < active().tone_opposed_confidence:
        words = 0.0  # a party named, never labelled, is no stance but against a word that denies it standing
    mine, theirs = labels(a.get("acting", frozenset())), labels(b.get("acting", frozenset()))
    acting = _tone_clash(mine, theirs) if mine and theirs else 0.0
    if words and not acting >= words:
        # labels naming no actor ("rebel-held", "terrorists") in passing may not even stand for one party: two doubts
        words = round(words * active().in_passing_share ** (2 if a.get("unnamed") or b.get("unnamed") else 1), 2)
    elif acting >= active().tone_opposed_confidence and not words:
        # the words for the party that acts or is hit are opposed, though one outlet uses the other's word in passing
        words = round(acting * active().in_passing_share, 2)
    # a name chosen apart ("Daesh" against "Islamic State") is surer a stance where the labels differ too
    return round(1 - (1 - names) * (1 - words), 2)


def own_choice(mine: dict, theirs: dict) -> dict:
    """An outlet's words for a party (``values``, ``acting``) without its stray ones against another outlet's: a
    word of a tone it writes in one sentence only, where it writes words of the other outlet's tones in
    :data:`STRAY_AGAINST` sentences or more ("the government" once among eleven "the regime", "collaborating with
    terrorists" in a comment beside "the opposition" throughout), is no choice of words it makes for the party: the
    outlet says what the other says. ``uses``: the number of sentences the outlet writes each word in (none given:
    every word is its choice).

    >>> mine = {"values": frozenset({"regime", "government forces"}), "uses": {"regime": 11, "government forces": 1}}
    >>> sorted(own_choice(mine, {"values": frozenset({"regime", "terrorists"})})["values"])
    ['regime']
    >>> sorted(own_choice({**mine, "uses": {"regime": 1, "government forces": 1}},
    ...                   {"values": frozenset({"regime"})})["values"])
    ['government forces', 'regime']
    """
    uses = mine.get("uses")
    if not uses:
        return mine
    def tone_of(word: str) -> str:
        return tone(word) or word

    their_tones = {tone_of(v) for v in theirs["values"]}
    per_tone: dict[str, int] = {}
    for word, n in uses.items():
        per_tone[tone_of(word)] = per_tone.get(tone_of(word), 0) + n
    if sum(n for t, n in per_tone.items() if t in their_tones) < STRAY_AGAINST:
        return mine
    stray = {t for t, n in per_tone.items() if n == 1 and t not in their_tones}
    if not stray:
        return mine
    kept = {key: frozenset(v for v in mine.get(key, frozenset()) if tone_of(v) not in stray)
            for key in ("values", "acting")}
    return {**mine, **kept} if kept["values"] else mine


def _tone_clash(a: set[str], b: set[str]) -> float:
    """0 when each outlet's tones are among the other's (or one outlet's all are); else by the largest step between
    a tone only one outlet uses and one only the other uses (``tone_*_confidence``). Words without a tone count
    as tones of their own, at ``wording_confidence``."""
    mine, theirs = {tone(v) or v for v in a}, {tone(v) or v for v in b}
    if sets_compatible(frozenset(mine), frozenset(theirs)):
        return 0.0
    steps = [abs(TONES.index(x) - TONES.index(y)) for x in mine - theirs for y in theirs - mine
             if x in TONES and y in TONES]
    settings = active()
    if not steps:
        return settings.wording_confidence
    if max(steps) == 1 and (_straddles(mine, theirs) or _straddles(theirs, mine)):
        return 0.0
    return (settings.tone_near_confidence, settings.tone_apart_confidence,
            settings.tone_opposed_confidence)[min(max(steps), 3) - 1]


def _straddles(mine: set[str], theirs: set[str]) -> bool:
    """Do an outlet's tones (``mine``) lie on both sides of each of another outlet's (``theirs``), all of :data:`TONES`?
    Words one step either side of the other's word ("the opposition" and "militants" against "rebels") lean neither
    way: the outlet takes no stance the other does not, and a clash of one step is none (:func:`_tone_clash`).

    >>> _straddles({"sympathetic", "distancing"}, {"neutral"}), _straddles({"neutral", "distancing"}, {"neutral"})
    (True, False)
    """
    if not theirs or not all(t in TONES for t in theirs | mine):
        return False
    steps = [TONES.index(t) for t in mine]
    return all(min(steps) < TONES.index(t) < max(steps) for t in theirs)
