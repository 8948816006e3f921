"""Scores for a predicted clustering of reports into events, against the gold clusters of a dataset.

Both clusterings are given as equal-length sequences of labels, one per item, in the same order; labels are any
hashable values and only which items share a label matters, not the labels themselves. Everything is computed
from the contingency table of gold against predicted clusters, so 100,000 items take a fraction of a second.

>>> gold = ["a", "a", "a", "b", "b"]
>>> pred = [1, 1, 2, 2, 2]
>>> score = score_clustering(gold, pred)
>>> round(score["bcubed_f1"], 3), round(score["pairwise_f1"], 3), score["n_pred_clusters"]
(0.733, 0.5, 2)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.metrics import homogeneity_completeness_v_measure
from sklearn.metrics.cluster import contingency_matrix

Labels = Sequence[Hashable]


def _codes(labels: Labels, name: str) -> np.ndarray:
    """Integer codes for the labels, 0..k-1; missing labels are an error, not a cluster."""
    if isinstance(labels, (pd.Series, pd.Index, np.ndarray)):
        series = pd.Series(np.asarray(labels))
    else:
        series = pd.Series(list(labels), dtype=object)
    missing = series.isna().to_numpy()
    if missing.any():
        raise ValueError(
            f"{name} has a missing label at position {int(np.flatnonzero(missing)[0])}: give every item a cluster "
            "(an item in no cluster is a cluster of its own)"
        )
    codes, _ = pd.factorize(series, sort=False)
    return codes


def _code_pair(gold: Labels, pred: Labels) -> tuple[np.ndarray, np.ndarray]:
    gold_codes, pred_codes = _codes(gold, "gold"), _codes(pred, "pred")
    if len(gold_codes) != len(pred_codes):
        raise ValueError(f"gold has {len(gold_codes)} labels and pred has {len(pred_codes)}: give one of each per item")
    return gold_codes, pred_codes


def _contingency(gold_codes: np.ndarray, pred_codes: np.ndarray) -> tuple[sparse.coo_matrix, np.ndarray, np.ndarray]:
    """Sparse gold x predicted counts, with the gold and predicted cluster sizes."""
    if len(gold_codes) == 0:
        return sparse.coo_matrix((0, 0), dtype=np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    table = sparse.coo_matrix(contingency_matrix(gold_codes, pred_codes, sparse=True), dtype=np.int64)
    gold_sizes = np.bincount(gold_codes)
    pred_sizes = np.bincount(pred_codes)
    return table, gold_sizes, pred_sizes


def _f1(precision: float, recall: float) -> float:
    if math.isnan(precision) or math.isnan(recall):
        return math.nan
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def bcubed(gold: Labels, pred: Labels) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), each item weighted equally.

    For an item, precision is the share of its predicted cluster that is in its gold cluster, and recall the
    share of its gold cluster that is in its predicted cluster; both are averaged over items, and F1 is the
    harmonic mean of the two averages. Empty input gives NaNs.

    >>> bcubed(["a", "a", "b"], ["x", "x", "y"])
    (1.0, 1.0, 1.0)
    >>> p, r, f = bcubed(["a", "a", "b", "b"], [0, 0, 0, 0])  # one cluster for all: each item 2/4 precise
    >>> p, r, round(f, 3)
    (0.5, 1.0, 0.667)
    """
    return _bcubed(*_contingency(*_code_pair(gold, pred)))


def _bcubed(table: sparse.coo_matrix, gold_sizes: np.ndarray, pred_sizes: np.ndarray) -> tuple[float, float, float]:
    n = gold_sizes.sum()
    if n == 0:
        return math.nan, math.nan, math.nan
    counts = table.data.astype(float)
    # Each of the n_gp items in cell (g, p) has precision n_gp / |p| and recall n_gp / |g|.
    precision = float(np.sum(counts**2 / pred_sizes[table.col]) / n)
    recall = float(np.sum(counts**2 / gold_sizes[table.row]) / n)
    return precision, recall, _f1(precision, recall)


def _pairs(counts: np.ndarray) -> float:
    counts = counts.astype(float)
    return float(np.sum(counts * (counts - 1) / 2))


def pairwise_f1(gold: Labels, pred: Labels) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items put in the same cluster.

    Precision is the share of predicted same-cluster pairs that are gold same-cluster pairs; recall the share of
    gold pairs that were predicted. With no predicted pairs (all singletons) precision is 1.0, as nothing was
    wrongly joined; with no gold pairs recall is 1.0. Empty input gives NaNs.

    >>> pairwise_f1(["a", "a", "b", "b"], [0, 0, 0, 0])  # 6 predicted pairs, 2 of them gold
    (0.3333333333333333, 1.0, 0.5)
    >>> pairwise_f1(["a", "a", "b"], [0, 1, 2])
    (1.0, 0.0, 0.0)
    """
    return _pairwise(*_contingency(*_code_pair(gold, pred)))


def _pairwise(table: sparse.coo_matrix, gold_sizes: np.ndarray, pred_sizes: np.ndarray) -> tuple[float, float, float]:
    if gold_sizes.sum() == 0:
        return math.nan, math.nan, math.nan
    together = _pairs(table.data)
    pred_pairs, gold_pairs = _pairs(pred_sizes), _pairs(gold_sizes)
    precision = together / pred_pairs if pred_pairs else 1.0
    recall = together / gold_pairs if gold_pairs else 1.0
    return precision, recall, _f1(precision, recall)


def v_measure(gold: Labels, pred: Labels) -> float:
    """V-measure (Rosenberg & Hirschberg 2007): harmonic mean of homogeneity and completeness, by scikit-learn.

    >>> v_measure(["a", "a", "b", "b"], [1, 1, 0, 0])
    1.0
    >>> v_measure(["a", "a", "b", "b"], [0, 0, 0, 0])
    0.0
    """
    return _homogeneity_completeness_v(*_code_pair(gold, pred))[2]


def _homogeneity_completeness_v(gold_codes: np.ndarray, pred_codes: np.ndarray) -> tuple[float, float, float]:
    if len(gold_codes) == 0:
        return math.nan, math.nan, math.nan
    return tuple(float(x) for x in homogeneity_completeness_v_measure(gold_codes, pred_codes))


def score_clustering(gold: Labels, pred: Labels) -> dict[str, float | int]:
    """All the scores at once, with the number of items and of gold and predicted clusters.

    Keys: ``n_items``, ``n_gold_clusters``, ``n_pred_clusters``, ``bcubed_precision``, ``bcubed_recall``,
    ``bcubed_f1``, ``pairwise_precision``, ``pairwise_recall``, ``pairwise_f1``, ``homogeneity``,
    ``completeness``, ``v_measure``.

    >>> score = score_clustering(["a", "a", "b"], ["x", "x", "x"])
    >>> score["n_items"], score["n_gold_clusters"], score["n_pred_clusters"], round(score["bcubed_precision"], 3)
    (3, 2, 1, 0.556)
    """
    gold_codes, pred_codes = _code_pair(gold, pred)
    table, gold_sizes, pred_sizes = _contingency(gold_codes, pred_codes)
    b_p, b_r, b_f = _bcubed(table, gold_sizes, pred_sizes)
    p_p, p_r, p_f = _pairwise(table, gold_sizes, pred_sizes)
    homogeneity, completeness, v = _homogeneity_completeness_v(gold_codes, pred_codes)
    return {
        "n_items": int(gold_sizes.sum()),
        "n_gold_clusters": len(gold_sizes),
        "n_pred_clusters": len(pred_sizes),
        "bcubed_precision": b_p,
        "bcubed_recall": b_r,
        "bcubed_f1": b_f,
        "pairwise_precision": p_p,
        "pairwise_recall": p_r,
        "pairwise_f1": p_f,
        "homogeneity": homogeneity,
        "completeness": completeness,
        "v_measure": v,
    }


from .divergence_scores import row_is_about, score_divergence  # noqa: E402,F401  (the divergence scores live there)
