"""Sources that differ in the lead: two outlets whose toll rests, in the sentences that give it first, on sources of
no class in common ("35 were killed, according to a local civil defence official" against "at least 27 dead, a
monitoring group said"), though one names the other's kind of source further down (the Observatory on a part of
the dead, "according to media reports" in the lead and the Observatory in the fourth sentence). The whole report
shares a source, and that is no sure clash (:mod:`.sources` compares all the sources an outlet gives its toll), but
the lead is what the outlet puts first, the source a reader takes the figure on: a weaker clash
(:data:`LEAD_CONFIDENCE`).

Each row carries ``lead``: the classes (:func:`claimdiff.details.speakers.source_class`) of the sources of its toll
sentence in the lead (none where the lead names no source, or only one of no known class, "the statement said").
Only an outlet whose lead shares a class with no other outlet's is flagged: where three outlets lead with the monitor
and one with media reports, the one is flagged, not the three against it.

>>> rows = [{"outlet": o, "report_id": o, "evidence": o, "value": v, "values": frozenset(all_), "lead": frozenset(lead),
...          "agrees": True} for o, v, all_, lead in (("x", "media; monitor", {"other media", "monitors & activists"},
...                                                   {"other media"}),
...                                                  ("y", "monitor", {"monitors & activists"},
...                                                   {"monitors & activists"}))]
>>> flag_lead_clashes(rows)
{0, 1}
>>> [(r["outlet"], r["agrees"], r["other_value"], r["confidence"]) for r in rows]
[('x', False, 'monitor', 0.25), ('y', False, 'media; monitor', 0.25)]
"""

from __future__ import annotations

from .comparers import Comparer, compare_pairwise

# How sure a clash of the lead's sources alone is, the reports as a whole sharing a class of source: half a clash
# against no source (``unsourced_confidence`` is 0.3; measured on FA-KES dev, see the module docstring of .sources).
LEAD_CONFIDENCE = 0.25

# Classes that say nothing of whom the toll rests on: none, and a source of no known class.
_UNKNOWN = frozenset({"unsourced", "other"})


def _lead_clash(a: dict, b: dict) -> float:
    """A clash where both leads name sources of known classes and none in common.

    >>> _lead_clash({"lead": frozenset({"other media"})}, {"lead": frozenset({"monitors & activists"})})
    0.25
    >>> _lead_clash({"lead": frozenset({"other media"})}, {"lead": frozenset({"other"})})
    0.0
    """
    mine, theirs = a.get("lead") or frozenset(), b.get("lead") or frozenset()
    if not mine - _UNKNOWN or not theirs - _UNKNOWN or mine & theirs:
        return 0.0
    return LEAD_CONFIDENCE


_LEAD_COMPARER = Comparer("attribution", _lead_clash)


def _lone(row: dict, rows: list[dict]) -> bool:
    """Does ``row``'s lead share no class with the lead of any other outlet of ``rows``? Where two outlets lead
    with the monitor and a third with media reports, the third is the one that differs."""
    mine = (row.get("lead") or frozenset()) - _UNKNOWN
    return bool(mine) and not any(mine & (other.get("lead") or frozenset()) for other in rows
                                  if other["outlet"] != row["outlet"])


def flag_lead_clashes(rows: list[dict]) -> set[int]:
    """Flag, in place, the rows that agree with every other outlet over all their sources (``agrees`` True, as
    :func:`.comparers.compare_pairwise` left them) but whose lead's sources clash with another outlet's
    (:func:`_lead_clash`), where its lead is the one that differs (:func:`_lone`): ``agrees`` False, the other side
    and :data:`LEAD_CONFIDENCE`; returns the indices of the rows flagged so."""
    agreeing = [i for i, row in enumerate(rows) if row["agrees"] is True and _lone(row, rows)]
    if not agreeing:
        return set()
    copies = [dict(row) for row in rows]
    compare_pairwise(copies, _LEAD_COMPARER)
    keys = ("agrees", "other_outlet", "other_report_id", "other_evidence", "other_value", "confidence")
    flagged = {i for i in agreeing if copies[i]["agrees"] is False}
    for i in flagged:
        rows[i].update({key: copies[i][key] for key in keys})
    return flagged
