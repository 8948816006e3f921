"""The similarity of chosen pairs of reports, from features computed once per corpus.

    features = report_features(reports)                 # TF-IDF rows, dates, near-duplicate groups, candidates
    values = pair_similarity(features, rows, cols)      # one float32 per pair, the formula of .similarity

This is where each channel of :mod:`claimdiff.events.similarity` is computed, for any list of pairs: the clusterer
asks for the candidate pairs only (:mod:`claimdiff.events.candidates`), :func:`claimdiff.events.report_similarity`
for all of them. A new channel adds its per-report data to :class:`ReportFeatures` (filled in
:func:`report_features`) and its term to :func:`pair_similarity`.

Two searches of :func:`claimdiff.events.candidates.candidate_graph`: the near-duplicate groups come from a first
one over word TF-IDF with the IDF fitted on all reports (as their definition says); the IDF of the channels is then
fitted on one report per group, and the candidates among these representatives come from a second search over the
words and the names channels of the whole texts and of their openings side by side, weighted so that their product
is the lexical part of the similarity (``(1 - opening_weight) * lexical(texts) + opening_weight *
lexical(openings)``) and ranked after the same time penalty: the candidates are ranked by the similarity before its
date, place and recurrence terms, so each report's nearest reports are among them. (A channel that the search does
not see, such as the dense one, or a penalty, only re-ranks the candidates.) Each report is tokenised once per
channel (counts are re-weighted, not re-read). Publication dates are taken as given: the clusterer corrects them
from the datelines first (``datelines=True`` here does it for direct callers).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from claimdiff.details.places import gazetteer_matches

from .acts import act_clash, opening_acts
from .candidates import candidate_graph, day_numbers, duplicate_groups, pair_cosines, time_penalty
from .datelines import corrected_publication
from .dates import covers_day_before, day_matrices, day_phrases, main_events, pair_agreement, stated_days
from .house import without_house_style
from .identity import incident_agreement, incident_days
from .places import canonical_place_names, place_clash, places_after_opening, places_in_opening
from .similarity import entity_tokens, headline_ends, mean_sentence_vectors, opening, opening_spans, report_texts


@dataclass
class ReportFeatures:
    """What :func:`pair_similarity` needs of each report, rows in the order of the reports given."""

    words: sparse.csr_matrix  # unit TF-IDF rows over words, IDF fitted on one report per near-duplicate group
    names: sparse.csr_matrix  # the same over capitalised names and numbers
    days: np.ndarray  # publication day numbers, NaN when undated
    dense: np.ndarray | None  # unit mean sentence vectors, None when the dense channel is off
    stated_days: sparse.csr_matrix  # reports x days each states (claimdiff.events.dates), empty when date_weight is 0
    stated_days_wide: sparse.csr_matrix  # the same widened by date_tolerance_days
    event_days: np.ndarray  # the day of each report's main event (claimdiff.events.dates), NaN when none or off
    leads: sparse.csr_matrix  # unit TF-IDF rows over the words of each report's lead (the sentence of that day)
    opening_words: sparse.csr_matrix  # the same as words over each report's opening (headline and lead)
    opening_names: sparse.csr_matrix  # the same as names over the opening
    groups: np.ndarray  # index of the first report of each report's near-duplicate group
    candidates: sparse.csr_matrix  # candidate pairs among the representatives, np.unique(groups) order (1), symmetric
    entity_weight: float
    dense_weight: float
    dense_floor: float
    time_weight: float
    time_scale_days: float
    date_weight: float
    # Channels report_features may leave out are off by default here; report_features sets each from its settings.
    # day_matrices of the named days widened to date_clash_days - 1 (exact, wide); None: a clash is no day in common
    stated_days_near: tuple | None = None
    recurrence_weight: float = 0.0
    recurrence_days: float = 0.0
    opening_weight: float = 0.0
    places: list | None = None  # the most specific places each opening names (claimdiff.events.places), or None
    # where an opening names none, those of the first later sentence that does (places_after_opening); else empty
    later_places: list | None = None
    day_before: np.ndarray | None = None  # whether each opening tells of the last 24 hours (covers_day_before)
    place_weight: float = 0.0
    acts: list | None = None  # the kinds of act each opening names (claimdiff.events.acts), or None
    act_weight: float = 0.0
    # each report's incident day (claimdiff.events.identity), NaN when none; None when identity_weight is 0
    incident_days: np.ndarray | None = None
    identity_weight: float = 0.0
    identity_days: float = 0.0


@dataclass(frozen=True)
class SimilarityDefaults:
    """The defaults of the similarity settings, written once: :func:`report_features` and the keyword parameters of
    :class:`claimdiff.events.EventClusterer` (whose docstring says what each does) take theirs from here."""

    entity_weight: float = 0.6
    dense_weight: float = 0.0
    dense_floor: float = 0.7
    time_weight: float = 0.2
    time_scale_days: float = 3.0
    date_weight: float = 0.05
    date_tolerance_days: int = 0
    date_clash_days: int = 2
    recurrence_weight: float = 0.4
    recurrence_days: float = 1.0
    duplicate_threshold: float = 0.8
    n_candidates: int | None = 30
    window_days: float | None = 180.0
    datelines: bool = True
    house_style: bool = True
    canonical_places: bool = True
    opening_weight: float = 0.2
    opening_chars: int = 300
    place_weight: float = 0.2
    act_weight: float = 0.1
    identity_weight: float = 0.0  # off: tried 2026-12-07, see the EventClusterer docstring
    identity_days: float = 0.0


SIMILARITY_DEFAULTS = SimilarityDefaults()


def report_features(
    reports: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    embedder=None,
    **settings,
) -> ReportFeatures:
    """Features of ``reports`` (``id``, ``text``; ``title`` and ``published`` where present) for pair_similarity.

    ``settings``: the similarity settings by name (the fields of :class:`SimilarityDefaults`, whose values those not
    given take; an unknown name is a TypeError). ``n_candidates`` and ``window_days`` are those of
    :func:`claimdiff.events.candidates.candidate_graph`; both None: every pair is a candidate.

    >>> reports = pd.DataFrame({"id": ["a", "b"], "text": ["Rain in Homs.", "Rain in Homs."]})
    >>> report_features(reports).groups.tolist()
    [0, 0]
    """
    s = replace(SIMILARITY_DEFAULTS, **settings)
    if s.datelines:
        reports = corrected_publication(reports)
    texts = report_texts(reports)
    heads = headline_ends(reports, texts)
    places = later_places = None
    if s.canonical_places or s.place_weight or s.identity_weight:  # each text read once for its places
        places, later_places, none = [], [], frozenset()
        for k, text in enumerate(texts):
            matches = gazetteer_matches(text)
            spans = opening_spans(text, s.opening_chars, heads[k])
            places.append(places_in_opening(text, matches, spans))
            later_places.append(none if places[-1] or not spans else places_after_opening(text, matches,
                                                                                          spans[-1][1]))
            if s.canonical_places:  # in place: a copy of one text at a time (30k reports hold much text)
                texts[k] = canonical_place_names(text, matches)
                heads[k] += sum(len(name) - (end - start) for start, end, name in matches if end <= heads[k])
    n = len(texts)
    days = day_numbers(reports["published"]) if "published" in reports else np.full(n, np.nan)
    word_counts = _counts(CountVectorizer(stop_words="english", dtype=np.float32), texts)
    name_counts = _counts(CountVectorizer(analyzer=entity_tokens, lowercase=False, dtype=np.float32), texts)
    all_words = _tfidf(word_counts, np.arange(n))
    groups = duplicate_groups(all_words, candidate_graph(all_words, days, s.n_candidates, s.window_days),
                              s.duplicate_threshold)
    representatives = np.unique(groups)
    outlets = reports["outlet"].tolist() if s.house_style and "outlet" in reports else None
    words = _tfidf(word_counts, representatives, outlets)
    names = _tfidf(name_counts, representatives, outlets)
    openings = [opening(text, s.opening_chars, head) for text, head in zip(texts, heads, strict=True)]
    opening_words = _tfidf(_counts(CountVectorizer(stop_words="english", dtype=np.float32), openings),
                           representatives, outlets)
    opening_names = _tfidf(_counts(CountVectorizer(analyzer=entity_tokens, lowercase=False, dtype=np.float32),
                                   openings), representatives, outlets)
    body, head = np.sqrt(1 - s.opening_weight), np.sqrt(s.opening_weight)
    search = sparse.hstack([body * np.sqrt(1 - s.entity_weight) * words[representatives],
                            body * np.sqrt(s.entity_weight) * names[representatives],
                            head * np.sqrt(1 - s.entity_weight) * opening_words[representatives],
                            head * np.sqrt(s.entity_weight) * opening_names[representatives]]).tocsr()
    candidates = candidate_graph(search, days[representatives], s.n_candidates, s.window_days, s.time_weight,
                                 s.time_scale_days)
    dense = None
    if s.dense_weight:
        if sentences is None or embedder is None:
            raise ValueError(
                f"dense_weight={s.dense_weight} needs the sentences table and an embedder: pass both, "
                "or set dense_weight=0 for lexical similarity only"
            )
        dense = mean_sentence_vectors(reports["id"].tolist(), sentences, embedder)
    phrases = day_phrases(reports, sentences) if s.date_weight or s.recurrence_weight else None
    named = stated_days(reports, phrases=phrases) if s.date_weight else [[] for _ in range(n)]
    exact, wide = day_matrices(named, s.date_tolerance_days)
    near = day_matrices(named, max(s.date_tolerance_days, s.date_clash_days - 1))
    if s.recurrence_weight or s.identity_weight:
        main = main_events(reports, phrases=phrases)
    else:
        main = pd.DataFrame({"lead": [""] * n, "day": np.full(n, np.nan)})
    lead_counts = _counts(CountVectorizer(stop_words="english", dtype=np.float32), main["lead"].tolist())
    return ReportFeatures(
        words=words, names=names, days=days,
        dense=dense, stated_days=exact, stated_days_wide=wide, stated_days_near=near, date_weight=s.date_weight,
        groups=groups,
        candidates=candidates, entity_weight=s.entity_weight, dense_weight=s.dense_weight,
        event_days=main["day"].to_numpy(), leads=_tfidf(lead_counts, representatives),
        recurrence_weight=s.recurrence_weight, recurrence_days=s.recurrence_days,
        opening_words=opening_words, opening_names=opening_names, opening_weight=s.opening_weight,
        places=places if s.place_weight or s.identity_weight else None,
        later_places=later_places if s.place_weight or s.identity_weight else None,
        day_before=covers_day_before(openings),
        place_weight=s.place_weight,
        acts=opening_acts(openings) if s.act_weight or s.identity_weight else None, act_weight=s.act_weight,
        incident_days=incident_days(main["day"].to_numpy(), days) if s.identity_weight else None,
        identity_weight=s.identity_weight, identity_days=s.identity_days,
        dense_floor=s.dense_floor, time_weight=s.time_weight, time_scale_days=s.time_scale_days,
    )


def pair_similarity(features: ReportFeatures, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The similarity (module docstring of :mod:`claimdiff.events.similarity`) of each pair ``(rows[i], cols[i])``.

    float32, one value per pair; a report with itself is 1.
    """
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    weight = np.float32(features.entity_weight)
    similarity = (1 - weight) * pair_cosines(features.words, rows, cols)
    similarity += weight * pair_cosines(features.names, rows, cols)
    if features.opening_weight:
        head = (1 - weight) * pair_cosines(features.opening_words, rows, cols)
        head += weight * pair_cosines(features.opening_names, rows, cols)
        similarity = (1 - features.opening_weight) * similarity + features.opening_weight * head
    if features.dense_weight:
        dense = np.einsum("ij,ij->i", features.dense[rows], features.dense[cols])
        dense = np.clip(dense - features.dense_floor, 0, None) / (1 - features.dense_floor)
        similarity = (1 - features.dense_weight) * similarity + features.dense_weight * dense
    if features.place_weight:
        similarity -= np.float32(features.place_weight) * place_clash(features.places, rows, cols)
    if features.act_weight:
        similarity -= np.float32(features.act_weight) * act_clash(features.acts, rows, cols)
    if features.identity_weight:
        same = incident_agreement(features.places, features.acts, features.incident_days, rows, cols,
                                  features.identity_days)
        similarity += np.float32(features.identity_weight) * same
    agreement = np.zeros(len(rows), dtype=np.int8)
    if features.date_weight:
        agreement = pair_agreement(features.stated_days, features.stated_days_wide, rows, cols)
        clash = agreement == -1
        if features.stated_days_near is not None:  # no day near another: a clash (date_clash_days)
            clash = pair_agreement(*features.stated_days_near, rows, cols) == -1
        similarity -= np.float32(features.date_weight) * clash
    if features.recurrence_weight:
        with np.errstate(invalid="ignore"):  # NaN: either report names no day, no evidence
            apart = np.abs(features.event_days[rows] - features.event_days[cols]) >= features.recurrence_days
        alike = pair_cosines(features.leads, rows[apart], cols[apart])  # leads that tell alike: a recurrence
        similarity[apart] -= np.float32(features.recurrence_weight) * alike
    if features.time_weight:
        days = np.abs(features.days[rows] - features.days[cols])
        penalty = time_penalty(days, features.time_weight, features.time_scale_days)
        waived = agreement == 1  # a day in common: the same day
        if features.day_before is not None and features.date_weight:  # a day apart, the later one's opening
            # telling of the last 24 hours (covers_day_before)
            near = np.flatnonzero((days >= 1) & (days < 2))  # few: the rest keep no copy of the pairs
            later = np.where(features.days[rows[near]] > features.days[cols[near]], rows[near], cols[near])
            waived[near] |= features.day_before[later]
        similarity -= np.where(waived, 0.0, penalty).astype(np.float32)
    similarity = similarity.astype(np.float32, copy=False)
    similarity[rows == cols] = 1.0
    return similarity


def candidate_similarity(features: ReportFeatures) -> tuple[np.ndarray, sparse.csr_matrix]:
    """The near-duplicate group representatives and the sparse similarity among them on the candidate pairs.

    Returns ``(representatives, similarity)`` with ``similarity`` a symmetric csr matrix over the representatives
    (rows in the order of ``representatives``), holding the candidate pairs only.
    """
    representatives = np.unique(features.groups)
    pairs = sparse.triu(features.candidates, 1).tocoo()
    values = pair_similarity(features, representatives[pairs.row], representatives[pairs.col])
    m = len(representatives)
    upper = sparse.coo_matrix((values, (pairs.row, pairs.col)), shape=(m, m))
    return representatives, (upper + upper.T).tocsr()


def _counts(vectorizer: CountVectorizer, texts: list[str]) -> sparse.csr_matrix:
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no tokens at all (empty vocabulary): nothing in common
        return sparse.csr_matrix((len(texts), 0), dtype=np.float32)


def _tfidf(counts: sparse.csr_matrix, fit_rows: np.ndarray, outlets=None) -> sparse.csr_matrix:
    """Unit TF-IDF rows (sublinear tf) with the IDF fitted on ``counts[fit_rows]``; terms absent there are dropped.
    With ``outlets`` (one per row), each outlet's house style is weighed down (:mod:`claimdiff.events.house`)."""
    if counts.shape[1] == 0 or len(fit_rows) == 0:
        return sparse.csr_matrix(counts.shape, dtype=np.float32)
    present = np.flatnonzero(counts[fit_rows].getnnz(axis=0))
    counts = counts[:, present]
    transformer = TfidfTransformer(sublinear_tf=True).fit(counts[fit_rows])
    vectors = sparse.csr_matrix(transformer.transform(counts), dtype=np.float32)
    if outlets is not None:
        vectors = without_house_style(vectors, counts, outlets, fit_rows)
    return vectors
