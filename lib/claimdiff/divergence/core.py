"""What every comparer shares: the table's columns, the details that are compared, the claim groups' members, and
which sentences state a key fact of the event (a toll or a perpetrator).

>>> d = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "kind": ["count", "actor", "place"],
...                   "subject": ["killed", "agent", "corpus"], "role": [None, "agent", None]})
>>> sorted(key_sentences(d))
[('r', 0), ('r', 1)]
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from operator import itemgetter

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionDtype
from pandas.core.dtypes.cast import maybe_box_native  # what DataFrame.to_dict uses

from ..details.actors import UNIDENTIFIED, actor_side
from ..details.grounds import SOURCE
from ..details.lexicon import load
from ..details.parallel import default_workers


@dataclass(frozen=True)
class DivergenceSettings:
    """The settings of :func:`claimdiff.divergence.compare_details` that are choices, not structure.

    ``omission_share``: a claim group that at least this share of an event's outlets make is one the others omit
    (:mod:`claimdiff.divergence.omissions`); ``max_date_days``: dates spanning this many days or more place a claim
    in its context and are not compared (:func:`comparable_details`).

    How sure each kind of clash is (``confidence`` of a disagreeing row, :mod:`claimdiff.divergence.comparers`):
    ``bound_ratio``: a figure (or another bound) this many times a lower bound is a different headline toll, not a
    refinement of it ("at least 15" vs 32, "at least 27" vs 35; "at least 10" vs 12 is a refinement), flagged with
    ``bound_confidence``; ``wording_confidence``: an outlet's
    choice of words or sources (attribution, hedging, labels of one tone step); ``unsourced_confidence``: a source
    against none (the source may be named past the lead); ``place_date_confidence``: places or days that cannot both
    be right; ``actor_confidence``: wholly different perpetrators named; ``far_ratio``: two counts further apart
    than this ratio are ever less surely counts of one thing (a part against a whole, another strike), and their
    clash falls from 1 with the ratio (:func:`claimdiff.divergence.comparers.ratio_confidence`). Labels
    (:mod:`.stances`) clash by how many steps of tone lie between two outlets' words: one (``tone_near_confidence``,
    "rebels" vs "militants"), two (``tone_apart_confidence``) or three and more (``tone_opposed_confidence``,
    "rebels" vs "terrorists"); words without a tone that differ at ``wording_confidence``; a clash seen only in
    labels in passing, not in those for a party of the incident, at ``in_passing_share`` of its confidence (its
    square where the labels name no actor: :func:`claimdiff.divergence.stances.party_label_clash`).

    ``settlement_confidence``: a city against a village or town of its governorate as the place of the act
    (:mod:`claimdiff.divergence.settlements`: the village may lie a few kilometres out).

    ``tell_incidents_apart``: reports of one event whose leads tell of evidently different incidents (days or
    places apart: :mod:`claimdiff.divergence.apart`) are not compared with each other.

    ``workers``: processes that compare chunks of events side by side (default: the cores, at most 4; the same
    table whatever their number, :mod:`claimdiff.divergence.parallel`).

    >>> DivergenceSettings().bound_ratio, DivergenceSettings(actor_confidence=0.9).actor_confidence
    (1.25, 0.9)
    """

    omission_share: float = 0.5
    max_date_days: int = 2
    bound_ratio: float = 1.25
    bound_confidence: float = 0.4
    wording_confidence: float = 0.5
    unsourced_confidence: float = 0.3
    tone_near_confidence: float = 0.3
    tone_apart_confidence: float = 0.5
    tone_opposed_confidence: float = 0.8
    in_passing_share: float = 0.5
    place_date_confidence: float = 0.6
    settlement_confidence: float = 0.45
    actor_confidence: float = 0.8
    far_ratio: float = 2.0
    tell_incidents_apart: bool = True
    workers: int = field(default_factory=default_workers, metadata={"same_result": True})



# The settings of the compare_details call under way (its confidences and bound ratio); the defaults outside one.
_ACTIVE: ContextVar[DivergenceSettings | None] = ContextVar("divergence_settings", default=None)


def active() -> DivergenceSettings:
    """The :class:`~.core.DivergenceSettings` of the :func:`using` block under way (the defaults outside one)."""
    return _ACTIVE.get() or _DEFAULTS


_DEFAULTS = DivergenceSettings()


@contextmanager
def using(settings: DivergenceSettings):
    """Compare with ``settings`` inside the block, as scikit-learn's ``config_context`` does for its options.

    >>> with using(DivergenceSettings(bound_ratio=3.0)):
    ...     active().bound_ratio
    3.0
    >>> active().bound_ratio
    1.25
    """
    token = _ACTIVE.set(settings)
    try:
        yield settings
    finally:
        _ACTIVE.reset(token)


# Which reports of the comparison under way tell of different incidents (.apart): a test of two report ids.
_APART: ContextVar = ContextVar("reports_apart", default=None)


def reports_apart(a, b) -> bool:
    """Do reports ``a`` and ``b`` tell of different incidents, by the test :func:`tell_apart` set for the call
    of a :func:`telling_apart` function under way (no two are apart outside one)?

    >>> @telling_apart
    ... def compare():
    ...     tell_apart(lambda a, b: {a, b} == {"x", "y"})
    ...     return reports_apart("x", "y"), reports_apart("x", "z")
    >>> compare(), reports_apart("x", "y")
    ((True, False), False)
    """
    test = _APART.get()
    return test is not None and bool(test(a, b))


def tell_apart(test) -> None:
    """Make ``test(a, b)`` say which reports are apart until the :func:`telling_apart` function under way returns."""
    _APART.set(test)


def telling_apart(function):
    """``function``, with the test of :func:`tell_apart` it sets forgotten when it returns."""
    @wraps(function)
    def wrapper(*args, **kwargs):
        token = _APART.set(None)
        try:
            return function(*args, **kwargs)
        finally:
            _APART.reset(token)
    return wrapper


# Kinds whose subject says only where the detail came from (gazetteer or corpus; relative or explicit date; source
# type): compared together, under one subject.
POOLED_SUBJECT = {"place": "place", "date": "date", "attribution": "source"}
# Actor roles that are claims about the actor; "mentioned" is not.
ACTOR_ROLES = ("agent", "blamed", "claimed", "target")
# Actor roles that say who did it.
PERPETRATOR_ROLES = ("agent", "blamed", "claimed")
UNKNOWN_DOER = "unknown"  # the side of an outlet saying who did it is not known (.perpetrators)
LABELLED_DOER = "a party called by a label"  # the side of a doer the outlet calls only by a label (.perpetrators)
NO_PARTY = frozenset({UNKNOWN_DOER, LABELLED_DOER})  # doer sides that name no party
# Counts that make an event's toll: a sentence giving one states a key fact.
TOLL_SUBJECTS = ("killed", "injured", "casualties", "arrested", "missing", "kidnapped", "displaced")
# Dates that do not pin a claim to a day or a night place it in its context ("in 2019", "this year", "last month",
# "earlier this week"): not compared. A date is compared when it spans at most this many days and its phrase names
# no week, month or year as such (on a Monday, "this week" resolves to one day but means the days before).
MAX_DATE_DAYS = DivergenceSettings.max_date_days
_PERIOD_WORD = re.compile(r"\b(?:weeks?|weekend|months?|years?)\b", re.IGNORECASE)


def comparable_details(details: pd.DataFrame, max_date_days: int = MAX_DATE_DAYS) -> pd.DataFrame:
    """The details that are compared, with the subject they are compared under; ``source_type`` keeps the type of
    source an attribution names. Dates spanning ``max_date_days`` days or more are left out.

    >>> day = pd.Timestamp
    >>> d = pd.DataFrame({"kind": ["place", "date", "date", "actor", "actor"],
    ...                   "subject": ["corpus", "relative", "explicit", "agent", "mentioned"],
    ...                   "value": ["Nawa", "2024-04-19", "2019-01-01..2019-12-31", "ISIS", "Russia"],
    ...                   "text": ["Nawa", "Friday", "in 2019", "ISIS", "Russia"],
    ...                   "date_low": [pd.NaT, day("2024-04-19"), day("2019-01-01"), pd.NaT, pd.NaT],
    ...                   "date_high": [pd.NaT, day("2024-04-19"), day("2019-12-31"), pd.NaT, pd.NaT]})
    >>> comparable_details(d)[["kind", "subject", "value"]].values.tolist()
    [['place', 'place', 'Nawa'], ['date', 'date', '2024-04-19'], ['actor', 'agent', 'ISIS']]
    """
    kept = details[(details["kind"] != "actor") | details["subject"].isin(ACTOR_ROLES)]
    kept = kept[~unnamed_by_label(kept)]
    if "date_low" in kept:
        wide = (kept["date_high"] - kept["date_low"]) >= pd.Timedelta(days=max_date_days)
        period = kept["text"].astype(str).str.contains(_PERIOD_WORD)
        kept = kept[~(kept["kind"].eq("date") & (wide.fillna(False) | period))]
    pooled = kept["kind"].map(POOLED_SUBJECT)
    subject = pooled.where(pooled.notna(), kept["subject"])
    subject = subject.where(kept["kind"] != "label", subject.map(actor_side))
    return kept.assign(subject=subject, source_type=kept["subject"]).reset_index(drop=True)


# Date roles of the details stage that tell when a report was filed or a source spoke, not when the act happened.
NOT_ACT_DATES = ("dateline", "reported")


def without_datelines(details: pd.DataFrame) -> pd.DataFrame:
    """``details`` without the dates the details stage marks as a report's dateline (``role`` "dateline"): its filing
    time, not a detail of what it tells ("Published April 8 2017 An air strike ..."), nor those it marks as the time
    a source spoke (``role`` "reported": "the monitor said on Sunday" of a strike on Saturday), nor the places it
    marks as where a source is (``role`` "source": "a source at Aleppo province told SANA", details.grounds).

    >>> d = pd.DataFrame({"kind": ["date"] * 3 + ["place"] * 2, "role": ["dateline", None, "reported", "source", None],
    ...                   "text": ["April 8 2017", "April 7 2017", "Sunday", "Aleppo", "Daraa"]})
    >>> without_datelines(d)["text"].tolist()
    ['April 7 2017', 'Daraa']
    """
    return details[~(details["kind"].eq("date") & details["role"].isin(NOT_ACT_DATES)
                     | details["kind"].eq("place") & details["role"].eq(SOURCE).fillna(False).astype(bool))]


@lru_cache(maxsize=1)
def _label_forms() -> frozenset[str]:
    return frozenset(form.lower() for entry in load("actors")["labels"].values() for form in entry["forms"])


def unnamed_by_label(details: pd.DataFrame) -> pd.Series:
    """Which rows are an "unidentified" actor read from a label alone ("terrorists fired shells", "rebel shelling"):
    the outlet calls the doer by a word, it does not say the doer is unknown ("unknown gunmen", "no one claimed"),
    and the word may stand for a group another outlet names. Such rows are not compared as actors.

    >>> d = pd.DataFrame({"kind": "actor", "value": ["unidentified", "unidentified", "ISIS"],
    ...                   "text": ["terrorists", "unknown gunmen", "IS"]})
    >>> unnamed_by_label(d).tolist()
    [True, False, False]
    """
    if details.empty:
        return pd.Series(False, index=details.index)
    return (details["kind"].eq("actor") & details["value"].eq(UNIDENTIFIED)
            & details["text"].astype(str).str.lower().isin(_label_forms()))


def key_sentences(details: pd.DataFrame) -> set[tuple]:
    """The (report_id, sent_idx) of sentences that state a key fact: a figure (a count of the killed, the injured,
    the drones, ...; give ``details`` without background counts) or who did it (an actor as agent or blamed)."""
    toll = details["kind"] == "count"
    role = details["role"] if "role" in details else pd.Series(pd.NA, index=details.index)
    doer = (details["kind"] == "actor") & (details["subject"].isin(PERPETRATOR_ROLES) | role.isin(PERPETRATOR_ROLES))
    keys = details.loc[toll | doer, ["report_id", "sent_idx"]]
    return set(zip(keys["report_id"], keys["sent_idx"], strict=True))


def headline_counts(details: pd.DataFrame, loose: pd.Series | None = None) -> pd.DataFrame:
    """``details`` with, of its tolls, only each report's headline figures: for each toll (``subject`` of
    :data:`TOLL_SUBJECTS`, and ``group``), the counts of the first sentence that gives one. Later figures in a report
    are most often background (earlier attacks, totals) or breakdowns; the lead states the event's toll. ``loose``
    (aligned with ``details``): the counts given by a word, not a number ("tens", "dozens"); a headline's loose word
    gives way to the first figure of the toll ("Warplanes kill tens of civilians" / "killed at least 60 civilians").

    >>> d = pd.DataFrame({"report_id": "r", "sent_idx": [0, 3, 4], "kind": "count",
    ...                   "subject": ["killed", "killed", "other"], "group": ["killed", "killed", "houses"]})
    >>> loose = pd.Series([True, False, False])  # "tens" in the headline, a figure in sentence 3
    >>> headline_counts(d)["sent_idx"].tolist(), headline_counts(d, loose)["sent_idx"].tolist()
    ([0, 4], [3, 4])
    """
    counts = details[details["kind"] == "count"]
    toll = counts[counts["subject"].isin(TOLL_SUBJECTS)]
    group = toll["group"].astype(object).where(toll["group"].notna(), toll["subject"]) if "group" in toll else \
        toll["subject"]
    later = 1 << 30  # a loose word ranks after every figure
    words = loose.reindex(toll.index).fillna(False).astype(bool) if loose is not None else False
    rank = toll["sent_idx"] + np.where(words, later, 0)
    first = rank.groupby([toll["report_id"], toll["subject"], group]).transform("min")
    headline = toll[toll["sent_idx"] == first.where(first < later, first - later)]
    return pd.concat([details[~details.index.isin(toll.index)], headline]).sort_index()


def headline_sentences(details: pd.DataFrame) -> set[tuple]:
    """The (report_id, sent_idx) of each report's headline toll sentences (see :func:`headline_counts`)."""
    counts = headline_counts(details)
    counts = counts[counts["kind"] == "count"]
    return set(zip(counts["report_id"], counts["sent_idx"], strict=True))


def members_of(claims: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """The claims table with each report's ``published`` time and ``superseded``: a later report of the same outlet
    restates the claim."""
    members = claims.merge(
        reports[["id", "published"]].rename(columns={"id": "report_id"}), on="report_id", how="left"
    )
    latest = members.groupby(["claim_id", "outlet"])["published"].transform("max")
    return members.assign(superseded=members["published"].lt(latest).fillna(False))


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``, value for value (numpy scalars as Python ones, a missing value of an object or
    extension column boxed as pandas does: ``pd.NA`` as None), made column by column: several times faster.

    >>> records(pd.DataFrame({"x": [1, 2], "y": pd.array([3, None], dtype="Int64"), "z": ["a", None]}))
    [{'x': 1, 'y': 3, 'z': 'a'}, {'x': 2, 'y': None, 'z': nan}]
    """
    names = frame.columns.tolist()
    if not names:
        return [{} for _ in range(len(frame))]
    columns = []
    for i, dtype in enumerate(frame.dtypes):
        column = frame.iloc[:, i]
        # pandas' default strings: the same str and NaN values from numpy in one step, not one by one from arrow
        values = column.to_numpy().tolist() if _plain_str(dtype) else column.tolist()
        plain = dtype != np.dtype(object) and (not isinstance(dtype, ExtensionDtype) or _plain_str(dtype))
        columns.append(values if plain else list(map(maybe_box_native, values)))
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _plain_str(dtype) -> bool:
    """A string dtype whose values are ``str`` or NaN (pandas' default "str"): nothing to box."""
    return isinstance(dtype, pd.StringDtype) and dtype.na_value is np.nan


def grouped_records(frame: pd.DataFrame, keys: list[str]) -> list[tuple]:
    """``(key, records)`` for each value of the ``keys`` columns (a tuple for several), sorted by key, the records
    (dicts, as :func:`records`) in the order of ``frame``; rows with a missing key are left out, as ``groupby``
    does. The records are made once for the whole table: iterating over ``groupby`` and converting each group
    costs a pandas call per group, which dominates for tens of thousands of small groups.

    >>> grouped_records(pd.DataFrame({"e": [2, 1, 2], "x": ["a", "b", "c"]}), ["e"])
    [(1, [{'e': 1, 'x': 'b'}]), (2, [{'e': 2, 'x': 'a'}, {'e': 2, 'x': 'c'}])]
    """
    complete = frame[keys].notna().all(axis=1).to_numpy()
    rows = records(frame if complete.all() else frame[complete])
    key_of = itemgetter(*keys)
    groups: dict = {}
    for record in rows:
        groups.setdefault(key_of(record), []).append(record)
    return sorted(groups.items(), key=lambda item: item[0])


def outlets_apart(stated: pd.DataFrame, outlets) -> dict[str, list[str]]:
    """For each of ``outlets``, the others that share no claim group with it among the ``stated`` rows (whose
    ``claim_id`` and ``outlet`` say which outlet tells what in which claim group): the pairs that event-wide
    comparisons add, since the claim groups already compare the rest.

    >>> outlets_apart(pd.DataFrame({"claim_id": [1, 1, 2], "outlet": ["a", "b", "c"]}), ["a", "b", "c"])
    {'a': ['c'], 'b': ['c'], 'c': ['a', 'b']}
    """
    together = {(a, b) for members in stated.groupby("claim_id")["outlet"].agg(set) for a in members for b in members}
    return {outlet: [o for o in outlets if o != outlet and (outlet, o) not in together] for outlet in outlets}


def no_clash() -> dict:
    """The pairwise columns of a row that clashes with nothing."""
    return {"other_outlet": pd.NA, "other_report_id": pd.NA, "other_evidence": pd.NA, "other_value": pd.NA,
            "confidence": np.nan}
