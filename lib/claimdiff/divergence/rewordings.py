"""Rewordings: a label changed in a sentence two outlets share. Outlets often run the same wire sentence and change
one word: "in support of the Syrian government" against "in support of the Syrian regime", "an alliance of rebel
groups and jihadists" against "... rebel groups and militants", "the anti-regime fighters" against "the
anti-regime terrorists". Compared word for word, such a change is a choice of words about the same party in the same
statement, surer than labels gathered over the event (:mod:`.labels`), and it is one wherever the sentence stands,
in the lead or in a closing line on the war.

Two sentences of one claim group from different outlets are copies of one sentence when most of their words match in
order (:data:`COPY_RATIO` of ``difflib``'s ratio over their words). Each stretch of at most :data:`MAX_CHANGED`
words that one replaced by another, where either stretch holds a label or a loaded name (``label`` rows of the
details, :func:`.labels.name_labels`), is compared by tone (:func:`.stances.tone`): a word without a tone ("fighters",
"government") is the neutral word. One row per outlet and side of the event (the changed label's side), with the
other outlet's words as the other side; such a row (``claim_id`` -1, its sentence in ``report_id`` and ``sent_idx``)
replaces the event-level label row of that outlet and side: labels are still flagged once per outlet and side.

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
from ..details.qualifiers import QUALIFIER
from ..details.wordings import acts
from .core import active, grouped_records
from .stances import TONES, stance, tone

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


def own_labels(details: pd.DataFrame) -> pd.DataFrame:
    """The label rows that are an outlet's own words for a party: not the wordings of acts, not quoted, not a
    source's qualifier."""
    labels = details[details["kind"].eq("label") & ~details["subject"].isin(acts())]
    if "role" in labels:
        labels = labels[~labels["role"].isin([QUOTED, QUALIFIER]).fillna(False).astype(bool)]
    return labels


def event_rewordings(members: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Rows of labels changed in shared sentences (see the module docstring); ``labels``: :func:`own_labels` of the
    details, names among them."""
    shared = members[members.groupby("claim_id")["outlet"].transform("nunique") > 1]
    if shared.empty or labels.empty:
        return pd.DataFrame()
    by_sentence: dict = {}
    for d in labels.to_dict("records"):
        by_sentence.setdefault((d["report_id"], d["sent_idx"]), []).append(d)
    found: dict = {}
    ordered = shared.sort_values(["claim_id", "outlet", "report_id", "sent_idx"], kind="stable")
    for _, sentences in grouped_records(ordered, ["claim_id"]):
        for i, a in enumerate(sentences):
            for b in sentences[i + 1 :]:
                if a["outlet"] == b["outlet"]:
                    continue
                _compare_pair(a, b, by_sentence, found)
    return pd.DataFrame(list(found.values()))


def _compare_pair(a: dict, b: dict, by_sentence: dict, found: dict) -> None:
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
        side = _side(mine or theirs)
        for row, other, text, other_text, labels, other_labels in ((a, b, text_a, text_b, mine, theirs),
                                                                  (b, a, text_b, text_a, theirs, mine)):
            key = (row["event_id"], row["outlet"], side)
            if key in found and found[key]["confidence"] >= confidence:
                continue
            found[key] = {
                "event_id": row["event_id"], "claim_id": -1, "kind": "label", "subject": side,
                "outlet": row["outlet"], "value": _value(labels, text), "low": np.nan, "high": np.nan,
                "agrees": False, "score": 1.0, "evidence": text, "report_id": row["report_id"],
                "sent_idx": row["sent_idx"], "published": row.get("published"), "superseded": False,
                "other_outlet": other["outlet"], "other_report_id": other["report_id"], "other_evidence": other_text,
                "other_value": _value(other_labels, other_text), "confidence": confidence}


def _side(labels: list[dict]) -> str:
    subject = labels[0]["subject"]
    return subject if subject == UNRESOLVED else actor_side(subject)


def _value(labels: list[dict], text: str) -> str:
    return "; ".join(sorted({stance(d["value"]) for d in labels})) or text.lower()


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
