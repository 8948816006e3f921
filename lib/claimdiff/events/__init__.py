"""Which reports describe the same real-world event: one event per group of reports.

    assignments, events = cluster_events(reports, sentences, embedder)

The goal is the same event, not the same topic: two earthquakes, or two shootings in one city a week apart, are two
events; so are the same town hit on two days and two towns hit on one day. The method, in one paragraph: each pair
of reports gets a similarity (:func:`report_similarity`) that is mostly lexical — TF-IDF cosine over words and over
capitalised names and numbers, with the IDF fitted on the corpus at hand (one report per group of near-duplicate
copies), so that the corpus' common topic weighs little and an event's own names and numbers much, and each outlet's
house style (words it puts in most of its reports: :mod:`claimdiff.events.house`) little for that outlet's reports;
the same over the reports' openings (headline and lead, where a report tells its own event, while later paragraphs
are often background about earlier incidents; a lead's clause dating another event from this one, "just hours after
a gas attack in Khan Sheikhun", is left out of it: :func:`claimdiff.events.similarity.without_other_events`) is
blended in — corrected by place, kind and time: a penalty where the
two openings name only places that cannot be the same ground (:mod:`claimdiff.events.places`), one where they tell
only of different kinds of act (an air strike, a car bombing: :mod:`claimdiff.events.acts`), a soft penalty for the
days between publication dates (never a veto: a follow-up years later can still join when its text is close enough),
publication read from the text's own dateline where it disagrees with the recorded date
(:mod:`claimdiff.events.datelines`), and the days each report says things happened on
(:mod:`claimdiff.events.dates`; "on Friday", "yesterday", "April 19", resolved against publication by the details
stage; a photo caption scraped into the text, which may show another day or place, is no date evidence and no part
of the opening: :mod:`claimdiff.events.captions`). Two reports that name a day in common are about the same day, so
the time penalty is waived (a court report weeks later that names the day of the shooting); two that both name days
but none in common or a day apart lose ``date_weight`` more (two attacks "on Friday", a week apart). Two whose leads
(the first sentence that names a day) tell alike of main events on different days lose ``recurrence_weight`` times
the likeness of their leads: a second attack on the same checkpoint a week later, however alike the rest of the
text, while a follow-up whose lead tells another step
(an arrest, a death in hospital) loses little. Near-duplicates (wire copy reprinted) are clustered as one report. No
n x n matrix is made: each report is compared only with its 30 most similar reports published within 180 days of it,
found by a sparse nearest-neighbour search (:mod:`claimdiff.events.candidates`; a report without a date is compared
with all). Then every report keeps links to its 5 most similar reports, and groups are merged, strongest first,
while the linked similarity per possible link between them stays at least 0.07 (:mod:`claimdiff.events.linkage`): a
report's nearest reports are from its own event even where two events of one kind are alike on average. The number
of events is not given; it follows from the threshold. Last, the reports of one event whose leads tell of one day
join another event of that day where their openings agree on the settlement and the kind of act and no outlet is on
both sides: pieces of an incident whose outlets' words share little (:mod:`claimdiff.events.rejoin`).

The defaults are one configuration for all data, chosen on the development parts only (the FA-KES dev incidents,
ECB+ train topics and GVC train incidents; ``benchmarks/events_fakes_dev.py``, ``benchmarks/events_settings.py``,
``benchmarks/events.py``, results in ``benchmarks/results/events-*.md``). The sentence-embedding channel is there
but off by default: on the development parts no weight of it helped.
"""

from __future__ import annotations

import inspect
from dataclasses import asdict, field, make_dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from claimdiff.schema import ASSIGNMENTS, EVENTS, conform, empty, require  # its tables' columns: claimdiff.schema
from claimdiff.stagecache import cached_stage

from .datelines import corrected_publication
from .labels import distinctive_terms, event_label
from .linkage import neighbour_linkage
from .pairs import SIMILARITY_DEFAULTS, candidate_similarity, report_features
from .rejoin import rejoin_events
from .similarity import report_similarity, report_texts

# The estimator's parameters used by the clustering itself; every other one is a setting of report_features,
# handed on by name.
_OWN_SETTINGS = ("embedder", "n_neighbors", "link_threshold", "min_similarity", "label_terms", "rejoin")
# The sentence columns the clusterer reads (date phrases, sentence vectors).
_SENTENCE_COLUMNS = ("report_id", "sent_idx", "text", "start")

__all__ = ["ASSIGNMENTS", "EVENTS", "EventClusterer", "EventSettings", "cluster_events", "report_similarity",
           "summarise_events"]




class EventClusterer(BaseEstimator):
    """Group reports into events; settings in ``__init__``, results after :meth:`fit` (scikit-learn style).

    >>> reports = pd.DataFrame({"id": ["a", "b", "c"],
    ...     "text": ["ISIS gunmen ambushed a bus near Sukhnah, killing 21 soldiers.",
    ...              "Gunmen from ISIS killed 21 soldiers in an ambush on a bus near Sukhnah.",
    ...              "Damascus raised the price of octane 95 gasoline to 14,700 pounds."]})
    >>> EventClusterer().fit_predict(reports).tolist()
    [0, 0, 1]

    Parameters
    ----------
    embedder : object with ``.encode(texts)``, or None
        Gives the sentence vectors of the dense channel (used only when ``dense_weight > 0``; then ``fit`` needs the
        sentences too). Kept as given, like every parameter, so that ``get_params`` and ``sklearn.base.clone`` keep
        it.
    n_neighbors : int
        Links per report: each report is linked to its ``n_neighbors`` most similar reports.
    link_threshold : float
        Groups merge while their linked similarity per possible link is at least this (see
        :mod:`claimdiff.events.linkage`). Lower: fewer, larger events.
    min_similarity : float
        Reports less similar than this are never linked, however few neighbours they have.
    entity_weight : float
        Share of the capitalised-names-and-numbers channel in the lexical similarity (the rest: all words).
    dense_weight : float
        Share of the sentence-embedding channel (0: off; then ``embedder`` is not used).
    dense_floor : float
        Mean-embedding cosine below which the dense channel counts nothing.
    time_weight, time_scale_days : float
        Penalty ``time_weight * (1 - exp(-days / time_scale_days))`` for reports published ``days`` apart; waived
        where the two reports name a day in common (see ``date_weight``), or are a day apart and the later one's
        opening tells of the last 24 hours (:func:`claimdiff.events.dates.covers_day_before`).
    date_weight : float
        Penalty for two reports that both name days on which things happened ("on Friday", "April 19", resolved
        against publication by :mod:`claimdiff.details.dates`) but no day in common nor near (``date_clash_days``;
        :mod:`claimdiff.events.dates`). 0 switches the date evidence off, the waiver of the time penalty too.
    date_tolerance_days : int
        Named days this many days apart still count as one day ("late Friday" and "early Saturday").
    date_clash_days : int
        ``date_weight`` is taken off only where every day one report names is at least this many days from every
        day the other names (and more than ``date_tolerance_days``): days one apart are weak evidence of two events
        ("yesterday" read against a stamp a day off, a monitor's toll the day after), though only a day in common
        waives the time penalty.
    recurrence_weight, recurrence_days : float
        Penalty ``recurrence_weight * cosine(lead words)`` for two reports whose main events
        (:func:`claimdiff.events.dates.main_events`: the earliest day named in each report's lead, the first sentence
        that names a day) are at least ``recurrence_days`` apart. 0 switches it off.
    duplicate_threshold : float
        Word TF-IDF cosine from which two reports are copies of one text: clustered as one, IDF counted once.
    label_terms : int
        Distinctive words in each event's label.
    n_candidates : int or None
        Reports compared with each report: its nearest by lexical TF-IDF cosine
        (:mod:`claimdiff.events.candidates`); the similarity is computed for these pairs only, so no n x n matrix is
        made. None: every pair (n x n; small corpora only).
    window_days : float or None
        Candidates are published at most this many days apart; a report with no date is compared with all. None: no
        time restriction.
    datelines : bool
        Read each dated report's publication day from its own dateline where the text opens with one that disagrees
        (:mod:`claimdiff.events.datelines`): relative dates, the time penalty, the candidate window and the
        ``first_published`` / ``last_published`` of the events table then count from it.
    house_style : bool
        Weigh down, for each outlet, the words it puts in most of its reports (:mod:`claimdiff.events.house`).
    canonical_places : bool
        Write every gazetteer place of the compared texts as its canonical name ("Idleb" as "Idlib":
        :func:`claimdiff.events.places.canonical_place_names`), so that outlets' spellings of a place agree
        (FA-KES dev 0.9222 -> 0.9233, ECB+ and GVC unchanged; ``benchmarks/results/events-defaults-log.md``).
    opening_weight, opening_chars : float, int
        Share of the opening channel: the lexical similarity (same two channels) of the reports' openings, the first
        ``opening_chars`` characters of headline and text, where a report tells its own event; the rest is the whole
        text's (background paragraphs about earlier incidents weigh less).
    place_weight : float
        Penalty for two reports whose openings name only places that cannot be the same ground
        (:mod:`claimdiff.events.places`: al-Bab and Taduf, Homs and Aleppo). 0 switches it off.
    act_weight : float
        Penalty for two reports whose openings name only different kinds of act (an air strike and a car bombing:
        :mod:`claimdiff.events.acts`, lexicon ``data/acts.yaml``). 0 switches it off.
    identity_weight, identity_days : float
        Bonus for two reports whose openings agree on what identifies an incident: a place in common (the same
        gazetteer place or one inside the other), a kind of act in common, and incident days (the lead's day, else
        the publication day) at most ``identity_days`` apart (:mod:`claimdiff.events.identity`). 0: off, the
        default: on FA-KES dev 0.05 (same day) joined 2 of the 17 split multi-outlet incidents but B-cubed F1 moved
        only 0.9222 -> 0.9224 (0.04: 0.9217, 0.07: 0.9213) and divergence precision with predicted events fell
        (0.707 -> 0.697; recall 0.528 -> 0.537); a day apart merged an Aleppo city's strikes of consecutive days
        (``benchmarks/events_multi_outlet_fakes.py --variants``).
    rejoin : bool
        After the linkage, move the reports of one event whose leads tell of one day into another event of that
        day when their openings agree on the settlement and a kind of act, no pair across clashes, no outlet is on
        both sides and some pair across is a candidate pair (:mod:`claimdiff.events.rejoin`); an event of one day
        moves whole only when it holds one outlet. Needs the lead days (``recurrence_weight`` or
        ``identity_weight``), the opening places (``place_weight``) and acts (``act_weight``); does nothing without
        them. FA-KES dev 0.926 -> 0.935, 15 -> 12 multi-outlet incidents split, ECB+ and GVC unchanged
        (``benchmarks/events_rejoin_fakes.py``).

    Attributes
    ----------
    labels_ : ndarray of int64
        The ``event_id`` of each report, in the row order of the ``reports`` given to :meth:`fit`.
    assignments_ : DataFrame
        One row per report (the order of ``reports``): :data:`ASSIGNMENTS`.
    events_ : DataFrame
        One row per event, by ``event_id``: :data:`EVENTS`.

    The defaults are one configuration for all data, chosen for the best B-cubed F1 on the FA-KES development part
    (``benchmarks/events_fakes_dev.py``) while ECB+ (train topics, and all) stays at or above 0.95 and GVC (train
    incidents, and all) at or above 0.97 (``benchmarks/events.py``); what each setting buys, and the log of earlier
    choices, is in the README ("Events") and ``benchmarks/results/events-*.md``.
    """

    def __init__(
        self,
        embedder=None,
        *,
        n_neighbors: int = 5,
        link_threshold: float = 0.07,
        min_similarity: float = 0.1,
        entity_weight: float = SIMILARITY_DEFAULTS.entity_weight,
        dense_weight: float = SIMILARITY_DEFAULTS.dense_weight,
        dense_floor: float = SIMILARITY_DEFAULTS.dense_floor,
        time_weight: float = SIMILARITY_DEFAULTS.time_weight,
        time_scale_days: float = SIMILARITY_DEFAULTS.time_scale_days,
        date_weight: float = SIMILARITY_DEFAULTS.date_weight,
        date_tolerance_days: int = SIMILARITY_DEFAULTS.date_tolerance_days,
        date_clash_days: int = SIMILARITY_DEFAULTS.date_clash_days,
        recurrence_weight: float = SIMILARITY_DEFAULTS.recurrence_weight,
        recurrence_days: float = SIMILARITY_DEFAULTS.recurrence_days,
        duplicate_threshold: float = SIMILARITY_DEFAULTS.duplicate_threshold,
        label_terms: int = 3,
        n_candidates: int | None = SIMILARITY_DEFAULTS.n_candidates,
        window_days: float | None = SIMILARITY_DEFAULTS.window_days,
        datelines: bool = SIMILARITY_DEFAULTS.datelines,
        house_style: bool = SIMILARITY_DEFAULTS.house_style,
        canonical_places: bool = SIMILARITY_DEFAULTS.canonical_places,
        opening_weight: float = SIMILARITY_DEFAULTS.opening_weight,
        opening_chars: int = SIMILARITY_DEFAULTS.opening_chars,
        place_weight: float = SIMILARITY_DEFAULTS.place_weight,
        act_weight: float = SIMILARITY_DEFAULTS.act_weight,
        identity_weight: float = SIMILARITY_DEFAULTS.identity_weight,
        identity_days: float = SIMILARITY_DEFAULTS.identity_days,
        rejoin: bool = True,
    ):
        self.embedder = embedder
        self.n_neighbors = n_neighbors
        self.link_threshold = link_threshold
        self.min_similarity = min_similarity
        self.entity_weight = entity_weight
        self.dense_weight = dense_weight
        self.dense_floor = dense_floor
        self.time_weight = time_weight
        self.time_scale_days = time_scale_days
        self.date_weight = date_weight
        self.date_tolerance_days = date_tolerance_days
        self.date_clash_days = date_clash_days
        self.recurrence_weight = recurrence_weight
        self.recurrence_days = recurrence_days
        self.duplicate_threshold = duplicate_threshold
        self.label_terms = label_terms
        self.n_candidates = n_candidates
        self.window_days = window_days
        self.datelines = datelines
        self.house_style = house_style
        self.canonical_places = canonical_places
        self.opening_weight = opening_weight
        self.opening_chars = opening_chars
        self.place_weight = place_weight
        self.act_weight = act_weight
        self.identity_weight = identity_weight
        self.identity_days = identity_days
        self.rejoin = rejoin

    def fit(self, reports: pd.DataFrame, sentences: pd.DataFrame | None = None) -> EventClusterer:
        """Cluster ``reports`` (columns of :data:`claimdiff.schema.REPORTS`; ``id`` and ``text`` required).

        ``sentences`` (:data:`claimdiff.schema.SENTENCES`) give the date phrases (split here when not given) and,
        with ``embedder``, the sentence vectors when ``dense_weight > 0``. The result depends on the reports, not on
        their row order. A table without the columns read raises :class:`claimdiff.schema.SchemaError`.
        """
        _check_tables(reports, sentences, "EventClusterer.fit")
        if len(reports) == 0:
            self.labels_ = np.zeros(0, dtype=np.int64)
            self.assignments_ = empty(ASSIGNMENTS)
            self.events_ = empty(EVENTS)
            return self
        # Work in id order, so that the row order of the input does not change the result.
        order = np.argsort(reports["id"].astype(str).to_numpy(), kind="stable")
        ordered = reports.iloc[order].reset_index(drop=True)
        if self.datelines:  # once here, so that the events table dates the reports as the clustering did
            ordered = corrected_publication(ordered)
        settings = {name: value for name, value in self.get_params(deep=False).items() if name not in _OWN_SETTINGS}
        features = report_features(ordered, sentences, self.embedder, **{**settings, "datelines": False})
        representatives, similarity = candidate_similarity(features)
        clusters = neighbour_linkage(similarity, self.n_neighbors, self.link_threshold, self.min_similarity)
        if self.rejoin:
            outlets = ordered["outlet"] if "outlet" in ordered else pd.Series(None, index=ordered.index)
            outlets = [str(o) if pd.notna(o) else f"#{k}" for k, o in enumerate(outlets)]  # unknown: its own
            clusters = rejoin_events(clusters, similarity, features, outlets)
        by_representative = np.zeros(len(ordered), dtype=np.int64)
        by_representative[representatives] = clusters
        clusters = by_representative[features.groups]
        event_ids = _number_by_first_publication(ordered, clusters)
        self.events_ = self._events_table(ordered, event_ids)
        labels = np.empty(len(reports), dtype=np.int64)
        labels[order] = event_ids
        self.labels_ = labels
        label_of = self.events_.set_index("event_id")["label"]
        self.assignments_ = conform(
            pd.DataFrame({
                "report_id": reports["id"].to_numpy(),
                "event_id": labels,
                "event_label": label_of.reindex(labels).to_numpy(),
            }),
            ASSIGNMENTS,
        )
        return self

    def fit_predict(self, reports: pd.DataFrame, sentences: pd.DataFrame | None = None) -> np.ndarray:
        """:meth:`fit`, then return :attr:`labels_`: each report's ``event_id``, in the row order of ``reports``."""
        return self.fit(reports, sentences).labels_

    def _events_table(self, ordered: pd.DataFrame, event_ids: np.ndarray) -> pd.DataFrame:
        events = summarise_events(ordered, event_ids)
        titles = ordered["title"] if "title" in ordered else pd.Series(None, index=ordered.index, dtype=object)
        terms = distinctive_terms(report_texts(ordered), titles.tolist(), event_ids.tolist(), self.label_terms)
        events["label"] = [
            event_label(terms[e], first, last)
            for e, first, last in zip(events["event_id"], events["first_published"], events["last_published"],
                                      strict=True)
        ]
        return conform(events, EVENTS)


# The settings of the clusterer as one frozen dataclass: its keyword parameters, with the defaults of its signature
# (written once, there).
EventSettings = make_dataclass(
    "EventSettings",
    [(p.name, p.annotation, field(default=p.default))
     for p in inspect.signature(EventClusterer.__init__).parameters.values() if p.kind is p.KEYWORD_ONLY],
    frozen=True,
)
EventSettings.__module__ = __name__
EventSettings.__doc__ = """The settings of :class:`EventClusterer` (its keyword parameters, same defaults; see there).

>>> EventSettings(link_threshold=0.1).link_threshold, EventSettings().n_neighbors
(0.1, 5)
"""


def summarise_events(reports: pd.DataFrame, event_ids) -> pd.DataFrame:
    """One row per event of ``event_ids`` (aligned with ``reports``): its first and last publication, number of
    reports and outlets (the columns of :data:`EVENTS` but ``label``)."""
    published = _published(reports)
    outlets = reports["outlet"] if "outlet" in reports else pd.Series("", index=reports.index)
    outlets = outlets.astype(object).where(outlets.notna(), "").astype(str)
    frame = pd.DataFrame({"event_id": np.asarray(event_ids), "published": published.to_numpy(),
                          "outlet": outlets.to_numpy()})
    return frame.groupby("event_id").agg(
        first_published=("published", "min"),
        last_published=("published", "max"),
        n_reports=("event_id", "size"),
        outlets=("outlet", lambda o: ",".join(sorted(set(o) - {""}))),
    ).reset_index()


@cached_stage("events")
def cluster_events(reports: pd.DataFrame, sentences: pd.DataFrame | None = None, embedder=None, *,
                   settings: EventSettings | None = None, **parameters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group reports into events with :class:`EventClusterer`: ``settings`` (:class:`EventSettings`, default its
    defaults) are its parameters; ``parameters`` given by name replace their values.

    Returns ``(assignments, events)``: ``assignments`` has one row per report with the columns of
    :data:`ASSIGNMENTS` (``report_id`` str, ``event_id`` int64, ``event_label`` str); ``events`` one row per event
    with those of :data:`EVENTS` (``event_id`` int64, ``label`` str, ``first_published`` and ``last_published``
    datetime64[ns], ``n_reports`` int64, ``outlets`` str). ``event_id`` runs 0..k-1 in order of the events' first
    publication, then report id. Empty reports give two empty tables with these columns.

    >>> reports = pd.DataFrame({
    ...     "id": ["a", "b", "c"], "outlet": ["sana", "afp", "sana"],
    ...     "published": pd.to_datetime(["2024-04-18", "2024-04-18", "2024-04-23"]),
    ...     "text": ["ISIS gunmen ambushed a bus near Sukhnah, killing 21 soldiers.",
    ...              "Gunmen from ISIS killed 21 soldiers in an ambush on a bus near Sukhnah.",
    ...              "Damascus raised the price of octane 95 gasoline to 14,700 pounds."]})
    >>> assignments, events = cluster_events(reports)
    >>> assignments["event_id"].tolist()
    [0, 0, 1]
    >>> events[["label", "n_reports", "outlets"]].values.tolist()[0]
    ['ISIS · Sukhnah · Gunmen (18 Apr 2024)', 2, 'afp,sana']
    """
    _check_tables(reports, sentences, "cluster_events")
    chosen = {**asdict(settings or EventSettings()), **parameters}
    clusterer = EventClusterer(embedder, **chosen).fit(reports, sentences)
    return clusterer.assignments_, clusterer.events_


def _check_tables(reports: pd.DataFrame, sentences: pd.DataFrame | None, stage: str) -> None:
    require(reports, "reports", stage, columns=["id", "text"])
    if sentences is not None:
        require(sentences, "sentences", stage, columns=_SENTENCE_COLUMNS)
    if reports["id"].duplicated().any():
        duplicate = reports.loc[reports["id"].duplicated(), "id"].iloc[0]
        raise ValueError(f"report id {duplicate!r} occurs twice: give every report its own id")


def _published(reports: pd.DataFrame) -> pd.Series:
    if "published" not in reports:
        return pd.Series(pd.NaT, index=reports.index, dtype="datetime64[ns]")
    return pd.to_datetime(reports["published"], errors="coerce", utc=True).dt.tz_localize(None).astype("datetime64[ns]")


def _number_by_first_publication(ordered: pd.DataFrame, clusters: np.ndarray) -> np.ndarray:
    """Renumber clusters 0..k-1 by their first report in (published, id) order, undated reports last."""
    frame = pd.DataFrame({"published": _published(ordered), "id": ordered["id"].astype(str), "cluster": clusters})
    first_seen = frame.sort_values(["published", "id"], na_position="last", kind="stable")["cluster"]
    rank = {cluster: i for i, cluster in enumerate(pd.unique(first_seen))}
    return np.array([rank[c] for c in clusters], dtype=np.int64)
