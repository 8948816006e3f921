"""One toll told by different counted groups: an outlet that counts "61 people" killed and another that counts
"over 40 civilians" killed in the same strike give two figures of one toll, though :func:`.counts.event_counts`
compares counts of one group only (civilians with civilians, people with people). Here each outlet's toll of a
subject in an event is the count of its total (group ``people``) where it gives one, else its largest count of a
side (:data:`SIDES`: civilians, soldiers, fighters; children or women are always some of the civilians, never a
toll told another way), and a total is compared with a named group's toll of
another outlet (two named groups, civilians and fighters, are two things; two totals or two counts of one group
are compared by group already).

A group is a part of the total, so the comparison is one of a part and its whole: a part larger than a closed total
cannot stand with it (:func:`.totals.part_clash`: "32 rebels" against "15 people"); a part below the total may be
all of it or some of it, so the two figures clash only as surely as a bound does (``bound_confidence``): "over 40
civilians" against "at least 61 people" may be two accounts of one toll, or the civilians among the dead. An
outlet whose count of a side stands beside a smaller count of people of its own (``parts``: "at least 84 civilians"
across the city, "13 people" in one night's strikes) agrees with another outlet's figure of the whole equal to that
part, both figures closed (a bound, "at least 15" or "many", is no figure the two share). Words
("dozens", "scores") are no figures here, and a total of none is no whole to bound a part across claim groups ("no
injuries" is as often said of the other side).

>>> total = {"group": "people", "low": 15.0, "high": 15.0, "value": "15"}
>>> round(part_total_clash({"group": "fighters", "low": 32.0, "high": 32.0, "value": "32"}, total), 2)
0.97
>>> part_total_clash({"group": "civilians", "low": 41.0, "high": float("nan"), "value": "more than 40"},
...                  {"group": "people", "low": 61.0, "high": float("nan"), "value": "at least 61"})
0.4
>>> part_total_clash({"group": "civilians", "low": 84.0, "high": 84.0, "value": "84", "parts": [(15.0, 15.0)]}, total)
0.0
>>> part_total_clash({"group": "civilians", "low": 24.0, "high": 99.0, "value": "dozens"}, total)
0.0
>>> part_total_clash({"group": "fighters", "low": 2.0, "high": 2.0, "value": "2"},
...                  {"group": "people", "low": 0.0, "high": 0.0, "value": "0"})
0.0
"""

from __future__ import annotations

import re

import pandas as pd

from .comparers import interval_clash
from .compatible import intervals_overlap
from .core import active
from .totals import TOTAL, part_clash

_DIGIT = re.compile(r"\d")
# The groups of people that an outlet may give a whole toll by ("61 civilians", "32 rebels").
SIDES = ("civilians", "soldiers", "fighters")


def outlet_tolls(statements_by_group: dict[str, dict[str, dict]]) -> dict[str, dict]:
    """Per outlet, its toll (see the module docstring) with its ``group``; ``statements_by_group``: per group of
    people, each outlet's statement of its count (``low``, ``high``, ...).

    >>> tolls = outlet_tolls({"people": {"a": {"low": 15.0, "high": 15.0}},
    ...                       "fighters": {"a": {"low": 3.0, "high": 3.0}, "b": {"low": 32.0, "high": 32.0}},
    ...                       "children": {"b": {"low": 60.0, "high": 60.0}}})
    >>> [(o, t["group"], t["low"]) for o, t in sorted(tolls.items())]
    [('a', 'people', 15.0), ('b', 'fighters', 32.0)]
    """
    tolls: dict[str, dict] = {}
    for outlet, statement in statements_by_group.get(TOTAL, {}).items():
        tolls[outlet] = {**statement, "group": TOTAL}
    for group, statements in sorted(statements_by_group.items()):
        if group not in SIDES:
            continue
        for outlet, statement in statements.items():
            mine = tolls.get(outlet)
            if mine is not None and mine["group"] == TOTAL:
                continue
            if mine is None or _point(statement) > _point(mine):
                tolls[outlet] = {**statement, "group": group}
    return tolls


def part_total_clash(a: dict, b: dict) -> float:
    """How sure that two outlets' tolls, one of a named group and one of the total, are two accounts of one toll
    that cannot both be true (see the module docstring); 0 for two tolls of named groups or two totals."""
    if (a["group"] == TOTAL) == (b["group"] == TOTAL):
        return 0.0
    part, total = (a, b) if b["group"] == TOTAL else (b, a)
    closed = [(low, high) for low, high in part.get("parts", []) if not pd.isna(high)]
    if not pd.isna(total["high"]) and any(intervals_overlap(low, high, total["low"], total["high"])
                                          for low, high in closed):
        return 0.0  # the outlet of the part gives the other's whole as a part of its own ("13" beside "84")
    if not (_DIGIT.search(str(part["value"])) and _DIGIT.search(str(total["value"]))) or not total["low"] > 0:
        return 0.0  # a word ("scores") is no figure of a toll; "no injuries" is as often said of another side
    beyond = part_clash(part["low"], total["high"])
    if beyond:
        return beyond
    clash = interval_clash(part["low"], part["high"], total["low"], total["high"])
    return min(clash, active().bound_confidence)


def _point(statement: dict) -> float:
    return statement["high"] if pd.isna(statement["low"]) else statement["low"]
