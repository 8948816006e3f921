"""Event clustering on the sparse candidate graph gives what all pairs give, within its time window, without n x n."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from claimdiff import load_corpus
from claimdiff.events import EventClusterer, cluster_events, report_similarity
from claimdiff.events.candidates import candidate_graph, day_numbers
from claimdiff.events.pairs import candidate_similarity, report_features
from claimdiff.events.similarity import near_duplicates

SYLLABLES = ["ka", "ra", "mi", "to", "su", "ne", "lo", "ba", "di", "ho"]
KINDS = [("gunmen attacked a checkpoint near {place}, killing {n} soldiers", "checkpoint attack"),
         ("a car bomb exploded at a market in {place}, killing {n} people", "market bombing"),
         ("floods swept through {place} after heavy rain, leaving {n} dead", "flood")]
FILLER = ["Officials said the toll could rise.", "Witnesses described scenes of panic in the streets.",
          "The governor promised an investigation into the {kind}.", "Hospitals in {place} asked for blood donors.",
          "{leader} condemned the {kind} in a statement.", "Residents of {place} said it was the worst in years."]


def synthetic_reports(n_events: int = 60, per_event: int = 5, days_apart: float = 2.0, seed: int = 0):
    """Events of three kinds, each with its own place, leader and toll, told by several outlets in varied words."""
    rng = np.random.default_rng(seed)
    rows = []
    for event in range(n_events):
        place = (SYLLABLES[event % 10] + SYLLABLES[event // 10 % 10] + "bad").capitalize()
        leader = "Minister " + (SYLLABLES[event // 10 % 10] + "l" + SYLLABLES[event % 10] + "ri").capitalize()
        template, kind = KINDS[event % len(KINDS)]
        for copy in range(per_event):
            sentences = [template.format(place=place, n=10 + event).capitalize() + "."]
            sentences += [FILLER[i].format(place=place, kind=kind, leader=leader)
                          for i in sorted(rng.choice(len(FILLER), 2, replace=False))]
            rows.append({"id": f"e{event:03d}-{copy}", "outlet": f"outlet{copy}", "event": event,
                         "published": pd.Timestamp("2024-01-01") + pd.Timedelta(days=event * days_apart + copy / 4),
                         "text": " ".join(sentences)})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_reports()


def test_candidate_graph_gives_the_same_events_as_all_pairs_on_a_synthetic_corpus(synthetic):
    assert len(synthetic) > 30 * 5  # far more reports than candidates per report: the graph really is sparse
    candidates = EventClusterer(window_days=None).fit(synthetic).labels_
    all_pairs = EventClusterer(n_candidates=None, window_days=None).fit(synthetic).labels_
    np.testing.assert_array_equal(candidates, all_pairs)
    # Templated events of one kind partly merge (19 events of 60 planted, 2026-11-30); what matters here is that
    # both paths agree on a partition that is neither one event nor all singletons.
    assert 10 <= len(set(candidates)) <= 100
    within_window = EventClusterer().fit(synthetic).labels_
    np.testing.assert_array_equal(within_window, EventClusterer(n_candidates=None).fit(synthetic).labels_)


def test_candidate_graph_gives_the_same_events_as_all_pairs_on_the_demo_corpus(demo_reports):
    candidates = EventClusterer().fit(demo_reports).labels_
    all_pairs = EventClusterer(n_candidates=None, window_days=None).fit(demo_reports).labels_
    np.testing.assert_array_equal(candidates, all_pairs)


def test_similarity_on_candidate_pairs_is_that_of_the_dense_matrix(synthetic):
    features = report_features(synthetic)
    representatives, similarity = candidate_similarity(features)
    dense = report_similarity(synthetic)[np.ix_(representatives, representatives)]
    pairs = similarity.tocoo()
    assert pairs.nnz > 0
    np.testing.assert_allclose(pairs.data, dense[pairs.row, pairs.col], atol=1e-6)


def test_candidate_graph_holds_at_most_n_times_k_pairs_from_each_side(synthetic):
    k = 7
    features = report_features(synthetic, n_candidates=k)
    n = len(np.unique(features.groups))  # candidates are searched among one report per near-duplicate group
    graph = features.candidates
    assert graph.shape == (n, n) and sparse.issparse(graph)
    assert graph.nnz <= 2 * n * k
    assert graph.diagonal().sum() == 0
    assert (graph != graph.T).nnz == 0


def test_candidates_are_published_within_the_window_and_undated_reports_meet_everyone():
    vectors = sparse.csr_matrix(np.ones((5, 3), dtype=np.float32) / np.sqrt(3))
    days = np.array([0.0, 10.0, 45.0, 50.0, np.nan])
    graph = candidate_graph(vectors, days, n_candidates=10, window_days=30).toarray()
    assert graph.tolist() == [[0, 1, 0, 0, 1], [1, 0, 0, 0, 1], [0, 0, 0, 1, 1], [0, 0, 1, 0, 1], [1, 1, 1, 1, 0]]
    assert candidate_graph(vectors, days, n_candidates=10, window_days=None).sum() == 5 * 4


def test_window_keeps_a_copy_seven_months_later_apart_and_none_joins_it():
    text = "A car bomb killed 12 people at the Qaraba market in Homs on Tuesday, the governor Adnan Saleh said."
    reports = pd.DataFrame({"id": ["a", "b"], "text": [text, text],
                            "published": pd.to_datetime(["2024-01-01", "2024-08-01"])})
    assert cluster_events(reports)[0]["event_id"].tolist() == [0, 1]
    assert cluster_events(reports, window_days=None)[0]["event_id"].tolist() == [0, 0]


def test_many_copies_of_one_wire_story_are_one_group_beyond_the_candidate_count():
    wire = "A car bomb killed ten people at a market in Homs on Tuesday, the governor said."
    texts = [wire + " " * i for i in range(45)] + ["The central bank raised rates.", wire]
    assert near_duplicates(texts).tolist() == [0] * 45 + [45, 0]


def test_candidate_graph_of_no_or_one_report_is_empty():
    assert candidate_graph(sparse.csr_matrix((0, 4), dtype=np.float32)).shape == (0, 0)
    one = candidate_graph(sparse.csr_matrix(np.ones((1, 4), dtype=np.float32)), np.array([3.0]))
    assert one.shape == (1, 1) and one.nnz == 0


def test_empty_and_single_report_inputs_cluster():
    assignments, events = cluster_events(pd.DataFrame({"id": [], "text": []}))
    assert assignments.empty and events.empty
    assignments, events = cluster_events(pd.DataFrame({"id": ["a"], "text": ["Rain in Homs."]}))
    assert assignments["event_id"].tolist() == [0] and events["n_reports"].tolist() == [1]


def test_day_numbers_of_a_report_table_without_dates_are_missing():
    assert np.isnan(day_numbers(pd.Series([None, "not a date"]))).all()


@pytest.fixture(scope="module")
def demo_reports():
    from conftest import DEMO

    reports, _ = load_corpus(DEMO)
    return reports
