"""A second pass over the events the linkage found: the reports of one incident day left in two events are joined
when several independent facts of their openings agree (issue #13; ``rejoin`` of
:class:`claimdiff.events.EventClusterer`, on by default).

Outlets tell one incident in words that share little (a state outlet's "terrorist rocket attacks on Aleppo city"
against "shelling in west Aleppo"), so the linkage leaves some incidents split; joining two whole events on one
agreeing pair of reports brings in whatever else either event holds (a neighbouring day's incident). Here the unit
that moves is a *day group*: the reports of one event whose leads tell of the same day
(:func:`claimdiff.events.dates.main_events`; the whole event when every dated lead in it tells of that day); a
report whose lead names no day tells of the day it was filed (:func:`rejoin_days`). A day group joins another event
only when all of these hold:

- the other event is of one day: every lead in it that names a day names the group's day (so a group never joins an
  event that spans days, where it would also join that event's other incidents), or the day after where an opening
  on that later day tells of the last 24 hours (a toll "during the past 24 hours" filed the next day:
  :func:`claimdiff.events.dates.covers_day_before`);
- the openings name the same settlement (``same_settlement``: one place, or one inside the other where the outer is
  a town or site) and no pair of reports across the two has a place clash (:mod:`claimdiff.events.places`); for an
  opening that names no place, the first later sentence that names one counts, where it names one ground
  (:func:`rejoin_places`);
- the openings name a kind of act in common and no pair across has an act clash (:mod:`claimdiff.events.acts`);
  shelling counts as fighting too (:func:`claimdiff.events.acts.with_wider_kinds`: the rockets of an offensive on a
  town and the offensive are one battle). The linkage keeps the narrow kinds: there the act clash weighs every
  candidate pair, and the wider kinds scored lower on FA-KES dev (B-cubed 0.939 against 0.941 in this pass only);
- no outlet is on both sides (an outlet rarely tells one incident twice the same day; two reports of one outlet on
  one day in two events are more likely two incidents);
- some pair across is a candidate pair (each among the other's nearest reports) with similarity at least
  ``min_link``.

Groups move strongest link first, each checked again against the events as they are by then. The clusterer lets a
whole event of one day move only when it holds one outlet (a lone report, or one outlet's copies): two events of
several outlets each are each an incident the linkage found corroborated, and facts of a town, a day and a kind of
act are weak against that where a town is hit most days (Aleppo 2016). ``benchmarks/events_rejoin_fakes.py`` scores
the pass and its variants; ``benchmarks/results/events-defaults-log.md`` tells what it joins and what it costs.
Known limit: a governorate that is also its capital city ("Aleppo") counts as the city, so "rural Aleppo" and
Manbij agree with it.

>>> labels = np.array([0, 0, 1, 2])
>>> days = np.array([10.0, 11.0, 10.0, 10.0])
>>> places = [frozenset({"Aleppo"})] * 4
>>> acts = [frozenset({"bombing"}), frozenset({"air strike"}), frozenset({"bombing"}), frozenset({"shelling"})]
>>> outlets = [frozenset({"a"}), frozenset({"a"}), frozenset({"b"}), frozenset({"c"})]
>>> links = sparse.coo_matrix(([0.05, 0.2, 0.3], ([0, 0, 1], [2, 3, 2])), shape=(4, 4))
>>> links = links + links.T
>>> rejoin_day_groups(labels, links, days, places, acts, outlets, lambda a, b: a == b).tolist()
[1, 0, 1, 2]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from claimdiff.details.gazetteer import gazetteer
from claimdiff.details.places import place_ancestors

from .acts import act_clash, with_wider_kinds
from .identity import incident_days
from .places import place_clash

__all__ = ["rejoin_day_groups", "rejoin_days", "rejoin_events", "rejoin_places", "same_settlement"]


def rejoin_events(clusters: np.ndarray, similarity: sparse.spmatrix, features, outlets: Sequence[str]) -> np.ndarray:
    """:func:`rejoin_day_groups` over the linkage's ``clusters`` of the near-duplicate representatives (the rows of
    ``similarity``), with their lead days, opening places and acts from ``features``
    (:class:`claimdiff.events.pairs.ReportFeatures`) and the ``outlets`` of all reports (a group's outlets are its
    members'); a whole event of one day moves only when it holds one outlet. ``clusters`` as they are where
    ``features`` lack places or acts (their weights 0)."""
    if features.places is None or features.acts is None:
        return clusters
    representatives = np.unique(features.groups)
    position = np.searchsorted(representatives, features.groups)
    group_outlets: list[frozenset[str]] = [frozenset() for _ in representatives]
    for k, outlet in zip(position.tolist(), outlets, strict=True):
        group_outlets[k] = group_outlets[k] | {outlet}
    return rejoin_day_groups(clusters, similarity, rejoin_days(features)[representatives],
                             [rejoin_places(features, r) for r in representatives],
                             with_wider_kinds([features.acts[r] for r in representatives]), group_outlets,
                             same_settlement,
                             whole_event_outlets=1,
                             day_before=None if features.day_before is None else features.day_before[representatives])


def rejoin_days(features) -> np.ndarray:
    """Each report's day for the pass: its lead's day, else its publication day (a report filed on a day that
    names none tells of that day's news: :func:`claimdiff.events.identity.incident_days`)."""
    return incident_days(features.event_days, features.days)


def rejoin_places(features, k: int) -> frozenset[str]:
    """Report ``k``'s places for the pass: its opening's, else those of the first later sentence that names one
    (``later_places`` of :class:`claimdiff.events.pairs.ReportFeatures`)."""
    if features.places[k] or features.later_places is None:
        return features.places[k]
    return features.later_places[k]


@lru_cache(maxsize=100_000)
def same_settlement(a: str, b: str) -> bool:
    """Whether two gazetteer places are one settlement, or one lies in the other and the outer is a settlement: a
    town or site, or a governorate with a population (one that is also its capital city, "Aleppo").

    >>> same_settlement("Aleppo", "Aleppo"), same_settlement("Syria", "Syria"), same_settlement("Manbij", "Aleppo")
    (True, False, True)
    """
    if a == b:
        return _settled(a)
    return (b in place_ancestors(a) and _settled(b)) or (a in place_ancestors(b) and _settled(a))


def _settled(name: str) -> bool:
    place = gazetteer().places.get(name)
    return place is not None and (place.kind in {"city", "place"} or (place.kind == "region"
                                                                       and bool(place.population)))


def rejoin_day_groups(labels: np.ndarray, links: sparse.spmatrix, days: np.ndarray,
                      places: Sequence[frozenset[str]], acts: Sequence[frozenset[str]],
                      outlets: Sequence[frozenset[str]], same_settlement: Callable[[str, str], bool],
                      min_link: float = 0.0, whole_events_only: bool = False,
                      other_outlets_only: bool = True, whole_event_outlets: int | None = None,
                      tolls: Sequence[frozenset[float]] | None = None, placeless_agrees: bool = False,
                      day_before: Sequence[bool] | None = None) -> np.ndarray:
    """The event of each item (``labels``) after day groups joined other events (module docstring).

    ``links``: the similarity of the candidate pairs (a symmetric sparse matrix over the items); ``days``: each
    item's lead day (NaN: none); ``places``, ``acts``, ``outlets``: each item's opening places, kinds of act, and
    outlets (a near-duplicate group may hold several). ``whole_events_only``: only events of one day move, whole.
    ``other_outlets_only`` False: an outlet may be on both sides. ``whole_event_outlets``: the most outlets an
    event of one day may hold to move whole (None: any); a day group that is part of an event spanning days moves
    whatever its outlets. ``tolls``: each item's killed figures (None: off); given, lead days one day apart count
    as one day where the two sides share a figure; ``placeless_agrees``: a side whose openings name no place agrees
    with any settlement (both what-ifs of ``benchmarks/events_rejoin_fakes.py``, off by default). ``day_before``:
    whether each item's opening tells of the last 24 hours (:func:`claimdiff.events.dates.covers_day_before`);
    given, a group and an event a day apart count as one day where an opening of the later side does.
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    days = np.asarray(days, dtype=np.float64)
    members: dict[int, set[int]] = {}
    for k, label in enumerate(labels.tolist()):
        members.setdefault(label, set()).add(k)
    apart = 0 if tolls is None else 1
    covers = np.zeros(len(labels), dtype=bool) if day_before is None else np.asarray(day_before, dtype=bool)
    for i, j, _ in _worth_trying(labels, links, days, places, acts, min_link, apart, covers):
        for mover, target in ((i, j), (j, i)):
            if labels[mover] == labels[target] or not np.isfinite(days[mover]):
                continue
            group = _day_group(members[labels[mover]], days, mover, whole_events_only)
            if (whole_event_outlets is not None and len(group) == len(members[labels[mover]])
                    and len(frozenset().union(*(outlets[k] for k in group))) > whole_event_outlets):
                continue
            rest = sorted(members[labels[target]])
            if group and _agree(group, rest, days, places, acts, outlets, same_settlement, other_outlets_only,
                                tolls, placeless_agrees, covers):
                members[labels[mover]].difference_update(group)
                members[labels[target]].update(group)
                labels[group] = labels[target]
                break
    return labels


def _worth_trying(labels, links, days, places, acts, min_link, apart: int = 0,
                  covers: np.ndarray | None = None) -> list[tuple[int, int, float]]:
    """The links across two events that a move could use, strongest first: at least ``min_link``, a lead day on
    one side, the same day (or at most ``apart`` days off, or the day before the other where the other's lead
    ``covers`` the 24 hours before its day) or none on the other, and no place or act clash (the rest is checked
    per move)."""
    upper = sparse.triu(links, 1, format="coo")
    rows, cols, values = upper.row, upper.col, upper.data
    del upper
    keep = (values >= min_link) & (labels[rows] != labels[cols])  # filtered in steps: the pairs are many
    rows, cols, values = rows[keep], cols[keep], values[keep]
    with np.errstate(invalid="ignore"):
        gap = np.abs(days[rows] - days[cols])
        later = np.where(days[rows] > days[cols], rows, cols)
        keep = ((gap <= apart) | (np.isfinite(days[rows]) ^ np.isfinite(days[cols]))
                | ((gap == 1) & (covers[later] if covers is not None else False)))
    rows, cols, values = rows[keep], cols[keep], values[keep]
    keep = np.flatnonzero(~place_clash(places, rows, cols) & ~act_clash(acts, rows, cols))
    order = keep[np.lexsort((cols[keep], rows[keep], -values[keep]))]  # strongest first, then by item
    return list(zip(rows[order].tolist(), cols[order].tolist(), values[order].tolist(), strict=True))


def _day_group(members: set[int], days: np.ndarray, item: int, whole_events_only: bool) -> list[int]:
    """The items of ``item``'s event whose lead tells of its day; the whole event when every dated lead does."""
    dated = [k for k in members if np.isfinite(days[k])]
    if all(days[k] == days[item] for k in dated):
        return sorted(members)
    return [] if whole_events_only else sorted(k for k in dated if days[k] == days[item])


def _agree(group: list[int], target: list[int], days: np.ndarray, places, acts, outlets, same_settlement,
           other_outlets_only: bool, tolls=None, placeless_agrees: bool = False, covers=None) -> bool:
    day = next(days[k] for k in group if np.isfinite(days[k]))
    target_days = [days[k] for k in target if np.isfinite(days[k])]
    if not target_days or any(d != day for d in target_days):
        if len(set(target_days)) != 1 or abs(target_days[0] - day) > 1:
            return False
        later = max(day, target_days[0])
        last_day = covers is not None and any(covers[k] for k in group + target if days[k] == later)
        shared_toll = tolls is not None and bool(frozenset().union(*(tolls[k] for k in group))
                                                 & frozenset().union(*(tolls[k] for k in target)))
        if not (last_day or shared_toll):
            return False
    if other_outlets_only and (frozenset().union(*(outlets[k] for k in group))
                               & frozenset().union(*(outlets[k] for k in target))):
        return False
    if not (frozenset().union(*(acts[k] for k in group)) & frozenset().union(*(acts[k] for k in target))):
        return False
    here = frozenset().union(*(places[k] for k in group))
    there = frozenset().union(*(places[k] for k in target))
    if not any(same_settlement(a, b) for a in here for b in there) and not (placeless_agrees and not (here and there)):
        return False
    both = group + target  # the clash tests over these items only (they code the whole list they are given)
    rows = np.repeat(np.arange(len(group)), len(target))
    cols = np.tile(np.arange(len(group), len(both)), len(group))
    return not (place_clash([places[k] for k in both], rows, cols).any()
                or act_clash([acts[k] for k in both], rows, cols).any())
