"""Clustering scores on small hand-made clusterings whose answers are worked out by hand; which gold entry a
divergence row is about."""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest

from claimdiff.evaluate import bcubed, pairwise_f1, score_clustering, score_divergence, v_measure

GOLD = ["a", "a", "a", "b", "b"]
PRED = [1, 1, 2, 2, 2]


def approx(values):
    return pytest.approx(values, abs=1e-12)


def test_perfect_clustering_scores_one_whatever_the_labels():
    gold = ["x", "x", "y", "z", "z", "z"]
    pred = [7, 7, (1, 2), "q", "q", "q"]
    assert bcubed(gold, pred) == approx((1.0, 1.0, 1.0))
    assert pairwise_f1(gold, pred) == approx((1.0, 1.0, 1.0))
    assert v_measure(gold, pred) == pytest.approx(1.0)


def test_all_in_one_cluster_has_bcubed_precision_of_sum_of_squared_shares():
    # Gold sizes 3 and 2 of 5: an item of the 3-cluster is 3/5 precise, one of the 2-cluster 2/5.
    # Precision = (3 * 3/5 + 2 * 2/5) / 5 = 13/25; recall is 1.
    precision, recall, f1 = bcubed(GOLD, ["all"] * 5)
    assert precision == pytest.approx(13 / 25)
    assert recall == 1.0
    assert f1 == pytest.approx(2 * (13 / 25) / (1 + 13 / 25))


def test_all_singletons_have_bcubed_recall_of_one_over_gold_size():
    # Each item of the 3-cluster recalls 1/3 of it, each of the 2-cluster 1/2: (3 * 1/3 + 2 * 1/2) / 5 = 2/5.
    precision, recall, _ = bcubed(GOLD, range(5))
    assert precision == 1.0
    assert recall == pytest.approx(2 / 5)


def test_worked_example_by_hand():
    # gold a a a b b, pred 1 1 2 2 2.
    # Items 1, 2: predicted {1,2}, gold {1,2,3}  -> precision 2/2, recall 2/3.
    # Item 3:     predicted {3,4,5}, gold {1,2,3} -> precision 1/3, recall 1/3.
    # Items 4, 5: predicted {3,4,5}, gold {4,5}   -> precision 2/3, recall 2/2.
    # B-cubed precision = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15; recall = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15.
    # Pairs: predicted {12, 34, 35, 45} = 4, gold {12, 13, 23, 45} = 4, shared {12, 45} = 2 -> 1/2, 1/2.
    assert bcubed(GOLD, PRED) == approx((11 / 15, 11 / 15, 11 / 15))
    assert pairwise_f1(GOLD, PRED) == approx((0.5, 0.5, 0.5))


def test_pairwise_precision_is_one_when_nothing_was_joined():
    assert pairwise_f1(GOLD, range(5)) == approx((1.0, 0.0, 0.0))
    assert pairwise_f1(range(3), range(3)) == approx((1.0, 1.0, 1.0))


def test_bcubed_precision_against_gold_is_recall_with_roles_swapped():
    rng = np.random.default_rng(7)
    for _ in range(20):
        gold = rng.integers(0, 6, 40)
        pred = rng.integers(0, 9, 40)
        p, r, f = bcubed(gold, pred)
        p_swapped, r_swapped, f_swapped = bcubed(pred, gold)
        assert p == pytest.approx(r_swapped)
        assert r == pytest.approx(p_swapped)
        assert f == pytest.approx(f_swapped)
        pp, pr, _ = pairwise_f1(gold, pred)
        assert (pp, pr) == approx(pairwise_f1(pred, gold)[1::-1])


def test_score_clustering_counts_items_and_clusters():
    score = score_clustering(GOLD, PRED)
    assert (score["n_items"], score["n_gold_clusters"], score["n_pred_clusters"]) == (5, 2, 2)
    assert score["bcubed_f1"] == pytest.approx(11 / 15)
    assert score["pairwise_f1"] == pytest.approx(0.5)
    assert score["v_measure"] == pytest.approx(v_measure(GOLD, PRED))


def test_empty_input_gives_nan_scores_and_zero_counts():
    score = score_clustering([], [])
    assert score["n_items"] == 0
    assert all(math.isnan(score[key]) for key in ("bcubed_f1", "pairwise_f1", "v_measure"))


def test_unequal_lengths_and_missing_labels_are_errors():
    with pytest.raises(ValueError, match="gold has 2 labels and pred has 3"):
        bcubed(["a", "b"], [1, 2, 3])
    with pytest.raises(ValueError, match="missing label at position 1"):
        score_clustering(["a", None], [1, 2])


def test_hundred_thousand_items_score_in_well_under_a_few_seconds():
    rng = np.random.default_rng(0)
    gold = [f"event{i}" for i in rng.integers(0, 5_000, 100_000)]
    pred = rng.integers(0, 8_000, 100_000)
    start = time.perf_counter()
    score = score_clustering(gold, pred)
    assert time.perf_counter() - start < 3  # 0.2 s measured on 2026-11-25
    assert score["n_items"] == 100_000


def _divergence_rows(rows):
    """Disagreeing divergence rows of event 0: (kind, outlet, report_id, value, evidence)."""
    return pd.DataFrame(
        [{"event_id": 0, "claim_id": -1, "kind": k, "subject": "place", "outlet": o, "value": v, "agrees": False,
          "evidence": e, "report_id": r, "superseded": False} for k, o, r, v, e in rows]
    ).astype({"agrees": "boolean"})


def _gold(kind, values, planted="divergences"):
    return {"events": [{"id": "E1", "reports": ["a", "b"]}],
            planted: [{"event": "E1", "kind": kind, "subject": "where", "values": values,
                       "reports": {"x": "a", "y": "b"}}]}


def test_a_divergence_row_flags_only_the_gold_entry_whose_phrases_it_rests_on():
    assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 0]})
    sentence = "Six died in the Deir Ezzor countryside and in the desert north of Palmyra."
    rows = _divergence_rows([("place", "x", "a", "north of Palmyra", sentence),
                             ("place", "y", "b", "south of Palmyra", "Eight died south of Palmyra.")])
    direction = _gold("place", {"x": "the desert north of Palmyra", "y": "grazing grounds south of Palmyra"})
    countryside = _gold("place", {"x": "the Deir Ezzor countryside", "y": "the Deir Ezzor countryside"}, "agreements")
    assert score_divergence(rows, assignments, direction)[0]["found"] == 1
    assert score_divergence(rows, assignments, countryside)[0]["false_alarms"] == 0


def test_a_row_whose_value_the_details_stage_reads_in_the_gold_phrase_is_about_it():
    assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 0]})
    rows = _divergence_rows([("label", "x", "a", "adjust", "adjusts"), ("label", "y", "b", "raise", "raises")])
    gold = _gold("label", {"x": "adjusting the price", "y": "the price rose"})
    assert score_divergence(rows, assignments, gold)[0]["found"] == 1
    assert score_divergence(rows, assignments, _gold("label", {"x": "the regime", "y": "the government"}))[0][
        "found"] == 0


def test_an_exhaustive_gold_counts_every_flag_that_rests_on_no_gold_divergence_as_a_false_alarm():
    assignments = pd.DataFrame({"report_id": ["a", "b", "c"], "event_id": [0, 0, 1]})
    rows = _divergence_rows([("place", "x", "a", "north of Palmyra", "north of Palmyra"),
                             ("place", "y", "b", "south of Palmyra", "south of Palmyra"),
                             ("place", "y", "b", "Homs", "in Homs"),  # rests on nothing gold lists
                             ("hedge", "x", "a", "reportedly", "reportedly")])  # a kind gold lists nothing of
    rows = pd.concat([rows, _divergence_rows([("place", "z", "c", "Raqqa", "Raqqa")]).assign(event_id=1)])
    gold = {**_gold("place", {"x": "the desert north of Palmyra", "y": "grazing grounds south of Palmyra"}),
            "exhaustive": True}
    scores, _ = score_divergence(rows, assignments, gold)
    # the row of report c lies in no gold event: not judged
    assert (scores["flags"], scores["flags_real"], scores["false_alarms"]) == (4, 2, 2)
    assert scores["precision"] == 0.5 and scores["recall"] == 1.0
    not_exhaustive = score_divergence(rows, assignments, {k: v for k, v in gold.items() if k != "exhaustive"})[0]
    assert "flags" not in not_exhaustive and not_exhaustive["precision"] == 1.0


def test_a_flag_set_against_a_report_gold_did_not_read_is_not_judged():
    assignments = pd.DataFrame({"report_id": ["a", "b", "c"], "event_id": [0, 0, 0]})
    rows = _divergence_rows([("place", "x", "a", "Homs", "in Homs"), ("place", "x", "a", "Hama", "in Hama")])
    rows = rows.assign(other_report_id=["b", "c"])
    gold = {**_gold("place", {"x": "the desert north of Palmyra", "y": "south of Palmyra"}), "exhaustive": True}
    assert score_divergence(rows, assignments, gold)[0]["flags"] == 2
    gold["events"][0]["unread"] = ["c"]  # the incident's third report, which gold does not list
    assert score_divergence(rows, assignments, gold)[0]["flags"] == 1


def test_an_outlet_repeating_its_value_in_another_report_of_the_event_rests_on_the_gold_divergence():
    assignments = pd.DataFrame({"report_id": ["a", "a2", "b"], "event_id": [0, 0, 0]})
    gold = {**_gold("place", {"x": "the desert north of Palmyra", "y": "south of Palmyra"}), "exhaustive": True}
    gold["events"][0]["reports"].append("a2")  # x's second report, which gold does not name for the value
    same = _divergence_rows([("place", "x", "a2", "north of Palmyra", "in the desert north of Palmyra")])
    other = _divergence_rows([("place", "x", "a2", "Homs", "in Homs")])
    assert score_divergence(same, assignments, gold)[0]["flags_real"] == 1
    assert score_divergence(other, assignments, gold)[0]["flags_real"] == 0
