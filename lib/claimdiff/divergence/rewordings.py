"""Rewordings: a label changed in a sentence two outlets share. Outlets often run the same wire sentence and change
one word: "in support of the Syrian government" against "in support of the Syrian regime", "an alliance of rebel
groups and jihadists" against "... rebel groups and militants", "the anti-regime fighters" against "the
anti-regime terrorists". Compared word for word, such a change is a choice of words about the same party in the same
statement, surer than labels gathered over the event (:mod:`.labels`), and it is one wherever the sentence stands,
in the lead or in a closing line on the war. What is compared there is the outlet's word for a party of this
incident, though, as in :mod:`.labels` (:func:`.labels.incident_parties`; a label naming no actor is compared
everywhere but in a sentence that sums up a span of acts, a ``running total`` of :mod:`claimdiff.details.scope` in
either copy, "US air strikes since January have hit areas where jihadists are present", where it may stand for a
party of the acts summed up: on the FA-KES dev gold events, two false alarms fewer; the gold lists rewordings of
unnamed parties in sentences on the war's context or on other incidents, and of a named party of the incident in a
running total, "one of several deals over recent months that has seen Assad's regime take back control"): a copied
wire line on Russian bombers hitting "IS" ("DAESH" in the other copy) near another city, inside a report on a strike
in Idlib, is no choice of words about the strike.

Two sentences of one claim group from different outlets are copies of one sentence when most of their words match in
order (:data:`COPY_RATIO` of ``difflib``'s ratio over their words). Each stretch of at most :data:`MAX_CHANGED`
words that one replaced by another, where either stretch holds a label or a loaded name (``label`` rows of the
details, :func:`.labels.name_labels`), is compared by tone (:func:`.stances.tone`): a word without a tone ("fighters",
"government") is the neutral word. One row per outlet and side of the event (the changed label's side), with the
other outlet's words as the other side; such a row (``claim_id`` -1, its sentence in ``report_id`` and ``sent_idx``)
replaces the event-level label row of that outlet and side: labels are still flagged once per outlet and side.
A stretch without a label that names a place ("Syrias allies" against "the regimes allies": the state by its
country, the unmarked way to name it) is a weaker choice, at ``in_passing_share`` of the confidence, and valued by the
place's name (on the FA-KES dev gold events, the row of an outlet then stands on its "governments recapture" made
"regimes recapture" in another shared sentence, a gold divergence, not on the country).

A change of word is no stance where the outlets use both words anyway: an outlet that writes "the opposition" where
another has "rebels" (a step of tone), while each of them also says the other's word elsewhere in its own voice on
the event, varies its wording (:func:`word_variant`, by the stance classes of :func:`stance_class`: a name apart from
a label, labels by tone), as does one whose changed words hold no label while its copy of the sentence uses the
other's word for the side all the same (:func:`_reworded_around`). Such a row agrees; it still stands for the
outlet's label of the side. A change across two steps or more ("the government" made "the regime") stays a choice
of words even by outlets that use both words elsewhere (the FA-KES dev gold lists such changes by wires that mix the
two).

>>> words = "the anti-regime fighters were travelling by bus".split()
>>> changed_stretches(words, "the anti-regime terrorists were travelling by bus".split())
[((2, 3), (2, 3))]
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import numpy as np
import pandas as pd

from ..details.actors import QUOTED, UNRESOLVED, actor_side
from ..details.placenames import known
from ..details.qualifiers import QUALIFIER
from ..details.scope import RUNNING_TOTAL
from ..details.voice import SOURCE_WORD
from ..details.wordings import acts
from .core import active, grouped_records, no_clash
from .labels import retold
from .stances import STRAY_AGAINST, TONES, is_name, stance, tone

# most words the same, in the same order: one sentence, reworded (on the FA-KES dev gold, 0.5 to 0.7 found the same
# label divergences with much the same false alarms; 0.8 lost 2 of them)
COPY_RATIO = 0.6
MAX_CHANGED = 4  # a replaced stretch longer than this is a rewrite, not a change of word
_WORD = re.compile(r"[\w’'-]+")
_ARTICLES = frozenset({"the", "a", "an", "its", "their", "his", "her", "of", "and", "or", "to", "in", "on", "by"})


def changed_stretches(a: list[str], b: list[str]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The stretches of words ``a`` and ``b`` replace by each other (word indexes, end excluded), when they are
    copies of one sentence (see the module docstring); else none."""
    matcher = SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False)
    if matcher.ratio() < COPY_RATIO:
        return []
    return [((i1, i2), (j1, j2)) for op, i1, i2, j1, j2 in matcher.get_opcodes()
            if op == "replace" and i2 - i1 <= MAX_CHANGED and j2 - j1 <= MAX_CHANGED]


def _labels_in(labels: list[dict], words: list[str], span: tuple[int, int]) -> list[dict]:
    """The labels whose words (but articles) stand in the stretch ``words[span]``."""
    stretch = {w.lower() for w in words[span[0] : span[1]]}
    return [d for d in labels if {w.lower() for w in _WORD.findall(str(d["text"]))} - _ARTICLES & stretch]


def _words(words: list[str], span: tuple[int, int]) -> str:
    """The stretch's words without leading articles ("the regime" -> "regime")."""
    stretch = words[span[0] : span[1]]
    while stretch and stretch[0].lower() in _ARTICLES:
        stretch = stretch[1:]
    return " ".join(stretch)


def _tone_of(labels: list[dict]) -> str:
    """The tone of a stretch's words: the furthest from neutral of its labels' tones; neutral without one."""
    tones = [tone(stance(d["value"])) or "neutral" for d in labels] or ["neutral"]
    return max(tones, key=lambda t: abs(TONES.index(t) - TONES.index("neutral")))


def _confidence(mine: str, theirs: str) -> float:
    steps = abs(TONES.index(mine) - TONES.index(theirs))
    settings = active()
    return 0.0 if not steps else (settings.tone_near_confidence, settings.tone_apart_confidence,
                                  settings.tone_opposed_confidence)[min(steps, 3) - 1]


def stance_class(label: str) -> tuple[str, str]:
    """The class of stance a label or name carries: names by their stance ("ISIL" as "Islamic State"), labels by
    tone (:func:`.stances.tone`; "rebels" and "insurgents" alike), a word without one as the neutral label.

    >>> stance_class("ISIL"), stance_class("insurgents"), stance_class("regime forces"), stance_class("fighters")
    (('name', 'Islamic State'), ('label', 'neutral'), ('label', 'condemning'), ('label', 'neutral'))
    """
    word = stance(label)
    return ("name", word) if is_name(word) else ("label", tone(word) or "neutral")


def _stretch_class(labels: list[dict]) -> tuple[str, str]:
    """The class of a changed stretch's words: that of its label furthest from neutral; the neutral label without
    one."""
    classes = [stance_class(d["value"]) for d in labels] or [("label", "neutral")]
    return max(classes, key=lambda c: c[0] == "label" and abs(TONES.index(c[1]) - TONES.index("neutral")))


def word_variant(mine: tuple, theirs: tuple, my_usage: set, their_usage: set) -> bool:
    """Is a change of words between two outlets' copies of a sentence no stance (see the module docstring)? ``mine``
    and ``theirs``: the stance classes of the two stretches; ``*_usage``: those of the outlet's own words for the
    side over the event.

    >>> rebels, opposition, regime = ("label", "neutral"), ("label", "sympathetic"), ("label", "condemning")
    >>> word_variant(rebels, opposition, {rebels, opposition}, {opposition, rebels})
    True
    >>> word_variant(rebels, opposition, {rebels, opposition}, {opposition})
    False
    >>> word_variant(rebels, regime, {rebels, regime}, {rebels, regime})
    False
    """
    return _near(mine, theirs) and theirs in my_usage and mine in their_usage


def _reworded_around(mine: list[dict], theirs: list[dict], labels_a: list[dict], labels_b: list[dict],
                     side: str) -> bool:
    """Does the outlet whose changed words hold no label use the other's word for the side in its copy of the
    sentence all the same ("The regime military source denied that its forces used ..." against "... denied that
    the regime had used ...")? Then the sentence was reworded around the word, not the word chosen away.

    >>> regime = {"value": "regime", "subject": "Syrian government"}
    >>> _reworded_around([], [regime], [regime], [regime], "Syrian government")
    True
    >>> _reworded_around([], [regime], [], [regime], "Syrian government")
    False
    """
    for stretch, other, sentence in ((mine, theirs, labels_a), (theirs, mine, labels_b)):
        if not stretch and other and _stretch_class(other) in {
                stance_class(d["value"]) for d in sentence if _side([d]) == side}:
            return True
    return False


def _near(a: tuple, b: tuple) -> bool:
    """Are two stance classes labels one step of tone apart ("rebels", "the opposition")?"""
    return a[0] == b[0] == "label" and abs(TONES.index(a[1]) - TONES.index(b[1])) == 1


def _usage(members: pd.DataFrame, labels: pd.DataFrame) -> dict:
    """Per event, outlet and side (as :func:`_side`): the stance classes of the outlet's own words for the side, in
    any sentence of the event but those it gives as what a party, its media or officials say
    (:func:`.labels.retold`), less a stray one: a class in one sentence only, where the outlet writes its other
    words for the side in :data:`.stances.STRAY_AGAINST` sentences or more (as :func:`.stances.own_choice`), is
    no word the outlet uses (a photo caption's "rebel-held" in a report that says "the opposition" throughout; on
    the FA-KES dev gold, with the predicted events one more gold label divergence found, for five more flags over
    both settings of events, two of them real by the gold, the others rewordings the gold does not list).

    >>> members = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "event_id": 0, "outlet": "a"})
    >>> labels = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "subject": UNRESOLVED,
    ...                        "value": ["rebels", "opposition", "opposition"]})
    >>> _usage(members, labels)[(0, "a", UNRESOLVED)]
    {('label', 'sympathetic')}
    """
    if "source" in labels:
        labels = labels[labels["source"].map(lambda source: pd.isna(source) or retold(source)).astype(bool)]
    placed = labels[["report_id", "sent_idx", "subject", "value"]].merge(
        members[["report_id", "sent_idx", "event_id", "outlet"]].drop_duplicates(), on=["report_id", "sent_idx"])
    sides = {s: s if s == UNRESOLVED else actor_side(s) for s in placed["subject"].unique()}
    classes = {v: stance_class(v) for v in placed["value"].unique()}
    placed = placed.assign(side=placed["subject"].map(sides), stance=placed["value"].map(classes))
    placed = placed.drop_duplicates(["event_id", "outlet", "side", "stance", "report_id", "sent_idx"])
    counted: dict = {}
    for key, stance_of in zip(zip(placed["event_id"], placed["outlet"], placed["side"], strict=True),
                              placed["stance"], strict=True):
        per_class = counted.setdefault(key, {})
        per_class[stance_of] = per_class.get(stance_of, 0) + 1
    return {key: {c for c, n in per_class.items() if n > 1 or sum(per_class.values()) - n < STRAY_AGAINST}
            for key, per_class in counted.items()}


def own_labels(details: pd.DataFrame) -> pd.DataFrame:
    """The label rows that are an outlet's own words for a party: not the wordings of acts, not quoted, not a
    source's qualifier, not a word for a source's side ("opposition activists")."""
    labels = details[details["kind"].eq("label") & ~details["subject"].isin(acts())]
    if "role" in labels:
        labels = labels[~labels["role"].isin([QUOTED, QUALIFIER, SOURCE_WORD]).fillna(False).astype(bool)]
    return labels


def event_rewordings(members: pd.DataFrame, labels: pd.DataFrame,
                     parties: set[tuple[int, str]] | None = None) -> pd.DataFrame:
    """Rows of labels changed in shared sentences (see the module docstring); ``labels``: :func:`own_labels` of the
    details, names among them; ``parties``: the ``(event_id, side)`` of each event's incident parties
    (:func:`.labels.incident_parties`), the only named sides compared (every side when not given)."""
    shared = members[members.groupby("claim_id")["outlet"].transform("nunique") > 1]
    if shared.empty or labels.empty:
        return pd.DataFrame()
    by_sentence: dict = {}
    for d in labels.to_dict("records"):
        by_sentence.setdefault((d["report_id"], d["sent_idx"]), []).append(d)
    totals = running_totals(labels)
    found: dict = {}
    usage = _usage(members, labels)
    ordered = shared.sort_values(["claim_id", "outlet", "report_id", "sent_idx"], kind="stable")
    for _, sentences in grouped_records(ordered, ["claim_id"]):
        for i, a in enumerate(sentences):
            for b in sentences[i + 1 :]:
                if a["outlet"] == b["outlet"]:
                    continue
                # a copy that cut the running total's span ("in recent weeks") tells the same
                in_total = bool({(d["report_id"], d["sent_idx"]) for d in (a, b)} & totals)
                _compare_pair(a, b, by_sentence, found, usage, parties, in_total)
    return pd.DataFrame([{k: v for k, v in row.items() if k != "_rank"} for row in found.values()])


def running_totals(labels: pd.DataFrame) -> set[tuple[str, int]]:
    """The sentences (``report_id``, ``sent_idx``) of label rows that the details stage read as a running total
    (:mod:`claimdiff.details.scope`): their parties are those of the acts they sum up (see the module docstring).

    >>> running_totals(pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "scope": ["incident", "running total"]}))
    {('r', 1)}
    """
    if "scope" not in labels:
        return set()
    totals = labels[labels["scope"].eq(RUNNING_TOTAL).fillna(False).astype(bool)]
    return set(zip(totals["report_id"], totals["sent_idx"], strict=True))


def _compare_pair(a: dict, b: dict, by_sentence: dict, found: dict, usage: dict, parties: set | None,
                  in_total: bool = False) -> None:
    words_a, words_b = _WORD.findall(str(a["text"])), _WORD.findall(str(b["text"]))
    labels_a, labels_b = by_sentence.get((a["report_id"], a["sent_idx"]), []), by_sentence.get(
        (b["report_id"], b["sent_idx"]), [])
    if not labels_a and not labels_b:
        return
    for span_a, span_b in changed_stretches(words_a, words_b):
        mine, theirs = _labels_in(labels_a, words_a, span_a), _labels_in(labels_b, words_b, span_b)
        text_a, text_b = _words(words_a, span_a), _words(words_b, span_b)
        if not (mine or theirs) or not (text_a and text_b):  # a word dropped is no word chosen instead
            continue
        confidence = _confidence(_tone_of(mine), _tone_of(theirs))
        if not confidence:
            continue
        if _a_country(text_a if not mine else text_b if not theirs else ""):
            # the state named by its country ("Syrias allies" against "the regimes allies") is the unmarked way to
            # name it, a weaker choice than one word for its government against another
            confidence = round(confidence * active().in_passing_share, 2)
        side = _side(mine or theirs)
        if parties is not None and not side.startswith(UNRESOLVED) and (a["event_id"], side) not in parties:
            continue  # a party named only in the war's background
        if in_total and side.startswith(UNRESOLVED):
            continue  # an unnamed party of the acts a running total sums up (see running_totals)
        variant = word_variant(_stretch_class(mine), _stretch_class(theirs),
                               usage.get((a["event_id"], a["outlet"], side), set()),
                               usage.get((b["event_id"], b["outlet"], side), set())) or _reworded_around(
            mine, theirs, labels_a, labels_b, side)
        rank = -1.0 if variant else confidence  # a stance found in another stretch stands for the side first
        for row, other, text, other_text, labels, other_labels in ((a, b, text_a, text_b, mine, theirs),
                                                                  (b, a, text_b, text_a, theirs, mine)):
            key = (row["event_id"], row["outlet"], side)
            if key in found and found[key]["_rank"] >= rank:
                continue
            clash = no_clash() if variant else {
                "other_outlet": other["outlet"], "other_report_id": other["report_id"], "other_evidence": other_text,
                "other_value": _value(other_labels, other_text), "confidence": confidence}
            found[key] = {
                "event_id": row["event_id"], "claim_id": -1, "kind": "label", "subject": side,
                "outlet": row["outlet"], "value": _value(labels, text), "low": np.nan, "high": np.nan,
                "agrees": variant, "score": 0.0 if variant else 1.0, "evidence": text, "report_id": row["report_id"],
                "sent_idx": row["sent_idx"], "published": row.get("published"), "superseded": False, **clash,
                "_rank": rank}


def _side(labels: list[dict]) -> str:
    subject = labels[0]["subject"]
    return subject if subject == UNRESOLVED else actor_side(subject)


def _value(labels: list[dict], text: str) -> str:
    """The stances of a stretch's labels; a stretch without one, its words as written ("Syrian government"), a
    possessive as its name (:func:`without_possessive`)."""
    return "; ".join(sorted({stance(d["value"]) for d in labels})) or " ".join(
        without_possessive(word) for word in text.split())


def _a_country(text: str) -> bool:
    """Is a changed stretch without a label the name of a place ("Syrias", "Syria")?

    >>> _a_country("Syrias"), _a_country("government"), _a_country("")
    (True, False, False)
    """
    words = [without_possessive(w) for w in text.split()]
    return bool(words) and all(w[:1].isupper() for w in words) and known(" ".join(words))


def without_possessive(word: str) -> str:
    """A word without the possessive ending it carries ("Syria's", or "Syrias" where a text lost its apostrophes:
    the stretch "Syrias allies" against "the regimes allies" names Syria): "'s" goes, and so does a bare final "s"
    of a capitalised word whose stem is a place of the gazetteer and the word itself not.

    >>> without_possessive("Syria's"), without_possessive("Syrias"), without_possessive("Kurds")
    ('Syria', 'Syria', 'Kurds')
    """
    for ending in ("'s", "’s"):
        if word.lower().endswith(ending):
            return word[: -len(ending)]
    if len(word) > 3 and word[0].isupper() and word.endswith("s") and known(word[:-1]) and not known(word):
        return word[:-1]
    return word


def without_reworded(labels: pd.DataFrame, rewordings: pd.DataFrame) -> pd.DataFrame:
    """The event-level label rows (:func:`.labels.event_labels`) but those of an outlet and side that a rewording
    row stands for.

    >>> labels = pd.DataFrame({"event_id": 0, "outlet": ["a", "a"], "subject": ["Syrian government", "unresolved"]})
    >>> reworded = pd.DataFrame({"event_id": [0], "outlet": ["a"], "subject": ["Syrian government"]})
    >>> without_reworded(labels, reworded)["subject"].tolist()
    ['unresolved']
    """
    if labels.empty or rewordings.empty:
        return labels
    keys = set(zip(rewordings["event_id"], rewordings["outlet"], rewordings["subject"], strict=True))
    mine = pd.Series([key in keys for key in zip(labels["event_id"], labels["outlet"], labels["subject"],
                                                  strict=True)], index=labels.index)
    return labels[~mine]
