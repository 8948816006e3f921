"""What "the group", "the terrorists" or "he" stands for: the most recent fitting party named before, nearby.

A report's parties are kept in the order they are named (:class:`Antecedent`: the sentence, the canonical name and
a type: an actor type of ``data/actors.yaml`` — state, non-state, generic — or a source type of
``data/attribution.yaml`` — monitor, official, person, …). An anaphor is resolved to the most recent party of a
fitting type named at most ``window`` sentences before; a more recent party of a *blocking* type makes it
unresolved instead ("ISIS attacked. The monitoring group said the group lost ten fighters": the second "group" may
be the monitor, so it is not taken to be ISIS). No parse is needed: news sentences name their parties, and the
types of the lexicons say which can stand for which.

>>> history = [Antecedent(0, "ISIS", "non-state"), Antecedent(1, "monitor", "monitor")]
>>> resolve(history, {"non-state"}, 2, window=3), resolve(history, {"non-state"}, 2, 3, blockers={"monitor"})
('ISIS', None)
>>> resolve(history, {"non-state"}, 9, window=3) is None
True
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple


class Antecedent(NamedTuple):
    sent_idx: int
    name: str
    type: str


def resolve(
    history: Sequence[Antecedent], types: Collection[str], sent_idx: int, window: int,
    blockers: Collection[str] = (),
) -> str | None:
    """The name of the most recent party in ``history`` whose type is one of ``types``, named at most ``window``
    sentences before ``sent_idx``; None when there is none or a party of a ``blockers`` type comes first."""
    for antecedent in reversed(history):
        if sent_idx - antecedent.sent_idx > window:
            return None
        if antecedent.type in types:
            return antecedent.name
        if antecedent.type in blockers:
            return None
    return None
