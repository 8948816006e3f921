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
import re
from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.metrics import homogeneity_completeness_v_measure
from sklearn.metrics.cluster import contingency_matrix

from claimdiff.details import extract_details

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


def score_divergence(
    divergence: pd.DataFrame, assignments: pd.DataFrame, gold: dict, by_phrase: bool = True
) -> tuple[dict, pd.DataFrame]:
    """Score found divergences against a corpus's ``gold.yaml`` (see corpus/README.md for its schema).

    A planted divergence is *found* when the divergence table has a current (not superseded) row that disagrees,
    in the event that holds the gold reports, of the same kind (and, for counts, the same subject), for one of the
    outlets involved and from the report gold names for it, and that is about what the entry is about: one of the
    texts the row rests on (a piece of its ``value`` or of its ``evidence``, split at "; " and " | ") lies within
    the verbatim phrase gold gives for that outlet (or within any phrase of the entry where gold gives the outlet
    none), word for word, ignoring case and punctuation; or the row's value is one that the details stage reads in
    that phrase ("adjust" in "adjusting the price", "18" in "Eighteen soldiers were killed"). An omission row,
    whose evidence is the claim left out, is about the entry also when its evidence contains one of the entry's
    phrases. So a row for "north of Palmyra" is about the entry "grazing grounds south of Palmyra" / "the desert
    north of Palmyra", not about the entry "the Deir Ezzor countryside", even when one sentence says both. A
    planted agreement, or an outlet's own update, is a *false alarm* when such a disagreeing row exists for it (for
    an update: any disagreeing row from an earlier report of the outlet). Recall = found / planted divergences;
    precision = found / (found + false alarms): only places gold speaks about are judged. ``by_phrase=False``
    drops the condition on what the row is about (any disagreeing row of the kind counts; the rule until
    2026-12-01).

    Returns the scores and one row per gold entry with its outcome.
    """
    event_of = _gold_event_ids(assignments, gold)
    disagreeing = divergence[divergence["agrees"].eq(False).fillna(False) & ~divergence["superseded"]]
    read = _phrase_values(gold) if by_phrase else None
    rows = []
    for entry in gold.get("divergences", []):
        update = bool(entry.get("update"))
        hit = _has_disagreement(disagreeing, entry, event_of, read)
        rows.append({"event": entry["event"], "kind": entry["kind"], "subject": entry.get("subject"),
                     "planted": "update" if update else "divergence", "flagged": hit})
    for entry in gold.get("agreements", []):
        rows.append({"event": entry["event"], "kind": entry["kind"], "subject": entry.get("subject"),
                     "planted": "agreement", "flagged": _has_disagreement(disagreeing, entry, event_of, read)})
    table = pd.DataFrame(rows, columns=["event", "kind", "subject", "planted", "flagged"])
    planted = table[table["planted"] == "divergence"]
    found = int(planted["flagged"].sum())
    false_alarms = int(table.loc[table["planted"] != "divergence", "flagged"].sum())
    scores = {
        "n_divergences": len(planted),
        "found": found,
        "false_alarms": false_alarms,
        "recall": found / len(planted) if len(planted) else math.nan,
        "precision": found / (found + false_alarms) if found + false_alarms else math.nan,
    }
    return scores, table


def _gold_event_ids(assignments: pd.DataFrame, gold: dict) -> dict[str, int]:
    """The predicted event that holds most of each gold event's reports."""
    predicted = assignments.set_index("report_id")["event_id"]
    found = {}
    for event in gold.get("events", []):
        ids = predicted.reindex(event["reports"]).dropna()
        found[event["id"]] = int(ids.mode().iloc[0]) if len(ids) else -1
    return found


def _phrase_values(gold: dict) -> dict[str, set[str]]:
    """The values the details stage reads in each verbatim phrase of ``gold``, each phrase standing as a report."""
    phrases = sorted({v for entry in gold.get("divergences", []) + gold.get("agreements", [])
                      if isinstance(entry.get("values"), dict) for v in entry["values"].values() if isinstance(v, str)})
    if not phrases:
        return {}
    ids = [str(i) for i in range(len(phrases))]
    reports = pd.DataFrame({"id": ids, "published": pd.NaT, "text": phrases})
    sentences = pd.DataFrame({"report_id": ids, "sent_idx": 0, "text": phrases, "start": 0,
                              "end": [len(p) for p in phrases]})
    details = extract_details(sentences, reports)
    read: dict[str, set[str]] = {p: set() for p in phrases}
    for report_id, value in zip(details["report_id"], details["value"]):
        read[phrases[int(report_id)]].add(value)
    return read


def _has_disagreement(disagreeing: pd.DataFrame, entry: dict, event_of: dict[str, int], read: dict | None) -> bool:
    """``read``: the values the details stage reads in each phrase; None: any disagreeing row of the kind counts."""
    rows = disagreeing[(disagreeing["event_id"] == event_of.get(entry["event"], -1))]
    rows = rows[rows["kind"] == entry["kind"]]
    if entry["kind"] == "count" and entry.get("subject") not in (None, "other"):
        rows = rows[rows["subject"] == entry["subject"]]
    if entry.get("update"):
        # an update is flagged when the outlet's own earlier report is still compared as a contradiction
        earlier = [v["report"] for v in entry["values"][:-1]]
        return bool(rows["report_id"].isin(earlier).any())
    values, reports = entry.get("values") or {}, entry.get("reports") or {}
    every_phrase = [v for v in values.values() if isinstance(v, str)]
    for outlet, value in values.items():
        mine = rows[rows["outlet"] == outlet]
        if entry["kind"] != "omission" and value is not None and isinstance(reports.get(outlet), str):
            mine = mine[mine["report_id"] == reports[outlet]]
        if entry["kind"] == "omission" and value is not None:
            continue  # for an omission, the outlets that leave the detail out are the ones flagged
        phrases = [value] if isinstance(value, str) else every_phrase
        if read is None and len(mine):
            return True
        if read is not None and any(row_is_about(row, phrases, read) for row in mine.to_dict("records")):
            return True
    return False


def _words(text) -> str:
    """Lower-case words separated by single spaces, padded with a space on each side, for word-wise containment."""
    return " " + " ".join(re.findall(r"\w+", str(text).lower().replace("’", "").replace("'", ""))) + " "


def row_is_about(row: dict, phrases: list[str], read: dict[str, set[str]] | None = None) -> bool:
    """Does a divergence row rest on the words of one of ``phrases`` (see :func:`score_divergence`)? ``read``: the
    values the details stage reads in each phrase.

    >>> row = {"kind": "place", "value": "north of Palmyra",
    ...        "evidence": "11 killed in the Deir Ezzor countryside and six in the desert north of Palmyra."}
    >>> row_is_about(row, ["the desert north of Palmyra"]), row_is_about(row, ["the Deir Ezzor countryside"])
    (True, False)
    """
    pieces = [p for column, sep in (("value", "; "), ("evidence", " | ")) if isinstance(row.get(column), str)
              for p in row[column].split(sep)]
    words = [_words(p) for p in pieces if _words(p).strip()]
    wanted = [_words(p) for p in phrases]
    if any(piece in phrase for piece in words for phrase in wanted):
        return True
    values = set(row["value"].split("; ")) if isinstance(row.get("value"), str) else set()
    if any(values & (read or {}).get(phrase, set()) for phrase in phrases):
        return True
    return row.get("kind") == "omission" and any(phrase in piece for piece in words for phrase in wanted)
