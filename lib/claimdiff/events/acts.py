"""What kind of act each report leads with (air strike, bombing, shelling, fighting, ...), and whether two reports'
openings tell only of different kinds: act evidence for events.

An incident is one kind of happening: an air strike on a market and a car bomb at a checkpoint on the same day in
the same province are two incidents, however alike the rest of their words (the toll, the monitor, the province).
A report names the kind of its own event in its headline and lead; later paragraphs often recount other attacks.
The kinds and their phrases are the lexicon ``data/acts.yaml`` (found by :func:`claimdiff.details.acts.find_acts`);
where phrases overlap the longest wins ("barrel bombs" is an air strike, "bombing" a bombing). An opening may name
several kinds (strikes and shelling); two openings clash only when both name kinds and none in common, so a report
with no act word (a statement, a toll) never clashes.

>>> acts = opening_acts(["Barrel bombs kill 11 in al-Bab", "Car bomb kills 8 at a checkpoint",
...                      "Air strikes and shelling kill 20", "UN envoy meets rebels"])
>>> [sorted(a) for a in acts]
[['air strike'], ['bombing'], ['air strike', 'shelling'], []]
>>> act_clash(acts, [0, 0, 0], [1, 2, 3]).tolist()
[True, False, False]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from claimdiff.details.acts import find_acts

__all__ = ["act_clash", "opening_acts", "with_wider_kinds"]

#: Kinds of act that are part of a wider kind: rockets, mortars and artillery are fired in ground fighting, so a
#: state outlet's "terrorist rocket attacks on Aleppo" and a wire's "insurgents launch battle for Aleppo" may tell of
#: one battle. Air strikes and bombings are not part of fighting: another force, another act.
WIDER_KINDS = {"shelling": "fighting"}


def opening_acts(openings: Sequence[str]) -> list[frozenset[str]]:
    """For each opening (headline and lead), the kinds of act it names."""
    return [frozenset(act.kind for act in find_acts(text)) for text in openings]


def with_wider_kinds(acts: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    """Each set of kinds with the wider kinds its kinds are part of (:data:`WIDER_KINDS`).

    >>> [sorted(a) for a in with_wider_kinds([frozenset({"shelling"}), frozenset({"air strike"})])]
    [['fighting', 'shelling'], ['air strike']]
    """
    return [found | {WIDER_KINDS[kind] for kind in found if kind in WIDER_KINDS} for found in acts]


def act_clash(acts: Sequence[frozenset[str]], rows, cols) -> np.ndarray:
    """For each pair ``(rows[i], cols[i])``: True where both openings name kinds of act and none in common (bool)."""
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    kinds = sorted({kind for found in acts for kind in found})
    bits = np.array([sum(1 << kinds.index(kind) for kind in found) for found in acts], dtype=np.int64)
    if len(rows) == 0:
        return np.zeros(0, dtype=bool)
    a, b = bits[rows], bits[cols]
    return (a != 0) & (b != 0) & ((a & b) == 0)
