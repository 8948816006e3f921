"""Labels that stand in one phrase with a named actor: "the extremist Islamic State group", "the terrorist Assad",
"Al-Nusra Front jihadist rebels". A label word used as an adjective (not a plural: "rebels ISIS and Kurds" in a
report whose commas were lost is a list) right before a name qualifies it, as do further such words between a name
and a label after it ("Al-Nusra Front jihadist rebels": the rebels are the Front's). Such a label is the outlet's word
for that actor (:func:`claimdiff.details.actors.find_actors`), not for a party of its own ("rebels" naming no one,
compared with the other outlets' labels that name no one).

>>> text = "the terrorist Assad and Al-Nusra Front jihadist rebels"
>>> labels = [(4, 13), (39, 47), (48, 54)]
>>> qualifies_next(text, 4, 13, 14, labels)  # "terrorist" before "Assad"
True
>>> qualifies_next(text, 24, 38, 48, labels)  # "Al-Nusra Front" ... "rebels": "jihadist" between
True
>>> qualifies_next("rebels ISIS and Kurds", 0, 6, 7, [(0, 6)])  # a plural before a name: a list
False
"""

from __future__ import annotations

from claimdiff.details.anaphora import Antecedent, resolve

_JOINING = " -"  # what may stand between words of one phrase


def qualifies_next(text: str, start: int, end: int, after: int, labels: list[tuple[int, int]]) -> bool:
    """Are ``text[end:after]`` (between a label and the actor after it, or between an actor and a label after it) only
    spaces, hyphens and label words used as adjectives, and, where the label comes first (``text[start:end]``),
    is it itself such a word (see the module docstring)? ``labels``: the ``(start, end)`` of the sentence's labels."""
    if end > after:
        return False
    gap = list(text[end:after])
    for a, b in labels:
        if end <= a and b <= after and not text[a:b].lower().endswith("s"):
            gap[a - end : b - end] = " " * (b - a)
    first_is_label = (start, end) in labels
    return not "".join(gap).strip(_JOINING) and not (first_is_label and text[start:end].lower().endswith("s"))


def word_key(entry: dict, name: str) -> str:
    """What a report's label words are grouped by when they refer back (:func:`called_so_before`): their tone in
    ``data/actors.yaml`` ("the terrorist group" and "the Takfiri terrorists" both deny standing), else the label.

    >>> word_key({"tone": "hostile"}, "takfiris"), word_key({}, "YPG")
    ('hostile', 'YPG')
    """
    return entry.get("tone") or name


def called_so_before(history: list[Antecedent], parties: set[str], types: set[str], sent_idx: int,
                     window: int) -> str | None:
    """The party a definite label ("the terrorists") refers back to where the report has already called a party by
    a word of its tone (``parties``: those its earlier labels of that :func:`word_key` stand for): the most recent of
    those named in ``history`` (:func:`claimdiff.details.anaphora.resolve`), else None. An outlet keeps its word for
    a party: "militants of the terrorist group ... The YPG regained the village seized by the terrorists" speaks of
    the group, not of the YPG named last.

    >>> history = [Antecedent(0, "ISIS", "non-state"), Antecedent(1, "SDF", "non-state")]
    >>> called_so_before(history, {"ISIS"}, {"non-state"}, 1, 3), called_so_before(history, set(), {"non-state"}, 1, 3)
    ('ISIS', None)
    """
    return resolve([a for a in history if a.name in parties], types, sent_idx, window) if parties else None
