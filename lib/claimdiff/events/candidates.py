"""Which pairs of reports are worth comparing: a sparse candidate graph instead of an n x n matrix.

A report's own event is among the reports most like it in words and names, published about when it was. So each
report keeps as candidates only its ``n_candidates`` nearest reports by cosine of a TF-IDF vector, among the reports
published within ``window_days`` of it; the full similarity (:func:`claimdiff.events.pairs.pair_similarity`) is then
computed for these pairs only. A report with no publication date has no time restriction: it is compared with every
report, and every report with it (so a corpus of undated reports costs n x n products again, in chunks).

The search is exact (no approximate index): the reports are taken in order of publication, a chunk at a time, and
each chunk is multiplied (sparse) with the reports of its time window only. Memory stays at one chunk's products plus
the graph (at most ``n * n_candidates`` pairs); time grows with n times the number of reports in a window, so close
to linearly in n while the reports a day stay alike.

>>> vectors = sparse.csr_matrix(np.array([[1, 0], [0.8, 0.6], [0, 1], [1, 0]], dtype=np.float32))
>>> days = np.array([0.0, 1.0, 2.0, 90.0])
>>> candidate_graph(vectors, days, n_candidates=1, window_days=30).toarray().astype(int).tolist()
[[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

# Products held at once while searching (rows of a chunk x reports in its window): 2**22 float32 = 16 MB (with
# the masks and the argpartition indices some 100 MB).
_CHUNK_ENTRIES = 2**22
# Pairs whose cosines are computed at once in pair_cosines.
_PAIR_CHUNK = 50_000


def day_numbers(published: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 (float64) of each publication date; NaN where it is missing or unreadable.

    >>> day_numbers(pd.Series([pd.Timestamp("2024-04-18"), None, pd.Timestamp("2024-04-20 12:00")])).tolist()
    [19831.0, nan, 19833.5]
    """
    stamps = pd.to_datetime(published, errors="coerce", utc=True).dt.tz_localize(None)
    return (stamps - pd.Timestamp("1970-01-01")).dt.total_seconds().to_numpy(dtype=np.float64) / 86_400


def time_penalty(gap_days: np.ndarray, time_weight: float, time_scale_days: float) -> np.ndarray:
    """``time_weight * (1 - exp(-days / time_scale_days))`` for reports ``days`` apart; 0 where a date is missing.

    >>> time_penalty(np.array([0.0, 3.0, np.nan]), 0.1, 3.0).round(3).tolist()
    [0.0, 0.063, 0.0]
    """
    return np.nan_to_num(time_weight * (1 - np.exp(-np.asarray(gap_days) / time_scale_days)), nan=0.0)


def candidate_graph(vectors: sparse.spmatrix, days: np.ndarray | None = None, n_candidates: int | None = 30,
                    window_days: float | None = 30.0, time_weight: float = 0.0,
                    time_scale_days: float = 3.0) -> sparse.csr_matrix:
    """Each row's candidates: an n x n symmetric csr matrix with 1 where a pair is a candidate, 0 elsewhere.

    ``vectors`` are the rows to compare (unit length, so that their products are cosines). Row ``i`` gets the
    ``n_candidates`` other rows with the highest positive product among those published within ``window_days`` of
    it, ranked by the product minus :func:`time_penalty` (as the similarity is; ties: any); the graph holds each
    pair found from either side, at most ``n * n_candidates`` pairs in each direction. ``n_candidates=None``: every
    pair within the window, also those with nothing in common (then the graph is n x n at most; for small corpora
    and checks only). ``days`` (:func:`day_numbers`; NaN: undated, compared with
    all) or ``window_days`` None: no time restriction. The diagonal is empty.
    """
    vectors = sparse.csr_matrix(vectors, dtype=np.float32)
    n = vectors.shape[0]
    days = np.full(n, np.nan) if days is None else np.asarray(days, dtype=np.float64)
    if window_days is None:
        days = np.full(n, np.nan)
    order = np.lexsort((np.arange(n), np.isnan(days), np.nan_to_num(days)))  # by date, undated last
    sorted_days = days[order]
    n_dated = int(np.count_nonzero(~np.isnan(days)))
    undated = order[n_dated:]
    rows, cols = [], []
    start = 0
    while start < n:
        stop, columns = _chunk(order, sorted_days, n_dated, undated, start, window_days)
        chunk = order[start:stop]
        products = (vectors[chunk] @ vectors[columns].T).toarray()
        gap = np.abs(days[chunk][:, None] - days[columns][None, :])
        unwanted = chunk[:, None] == columns[None, :]
        if window_days is not None:
            unwanted |= gap > window_days
        if n_candidates is None:
            keep_r, keep_c = np.nonzero(~unwanted)
        else:
            unwanted |= products <= 0  # nothing in common
            if time_weight:
                products -= time_penalty(gap, time_weight, time_scale_days).astype(np.float32)
            products[unwanted] = -np.inf
            k = min(n_candidates, len(columns))
            top = np.argpartition(-products, k - 1, axis=1)[:, :k] if k < len(columns) else (
                np.broadcast_to(np.arange(len(columns)), products.shape))
            keep_r = np.repeat(np.arange(len(chunk)), top.shape[1])
            keep_c = top.ravel()
            found = np.isfinite(products[keep_r, keep_c])
            keep_r, keep_c = keep_r[found], keep_c[found]
        rows.append(chunk[keep_r])
        cols.append(columns[keep_c])
        start = stop
    rows = np.concatenate(rows) if rows else np.zeros(0, np.int64)
    cols = np.concatenate(cols) if cols else np.zeros(0, np.int64)
    graph = sparse.coo_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(n, n)).tocsr()
    graph = graph.maximum(graph.T).tocsr()  # symmetric, each pair once per direction
    graph.data[:] = 1
    return graph


def _chunk(order, sorted_days, n_dated, undated, start, window_days):
    """The end of the chunk that starts at ``start`` (in date order) and the columns its rows are compared with."""
    n = len(order)
    if start >= n_dated:  # undated rows: every report
        columns = order
        stop = min(n, start + max(1, _CHUNK_ENTRIES // max(n, 1)))
        return stop, np.sort(columns)
    # Grow the chunk while its rows x window columns stay within budget (at least one row).
    first_day = sorted_days[start]
    low = np.searchsorted(sorted_days[:n_dated], first_day - window_days, side="left")
    stop = start + 1
    step = 256
    while stop < n_dated:
        candidate_stop = min(n_dated, stop + step)
        high = np.searchsorted(sorted_days[:n_dated], sorted_days[candidate_stop - 1] + window_days, side="right")
        if (candidate_stop - start) * (high - low + len(undated)) > _CHUNK_ENTRIES:
            break
        stop = candidate_stop
    high = np.searchsorted(sorted_days[:n_dated], sorted_days[stop - 1] + window_days, side="right")
    columns = np.concatenate([order[low:high], undated])
    return stop, np.sort(columns)


def pair_cosines(vectors: sparse.spmatrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Products (cosines of unit rows) of ``vectors[rows[i]]`` and ``vectors[cols[i]]`` for each i, float32.

    >>> v = sparse.csr_matrix(np.array([[1, 0], [0.6, 0.8]], dtype=np.float32))
    >>> [round(float(x), 2) for x in pair_cosines(v, np.array([0, 0]), np.array([0, 1]))]
    [1.0, 0.6]
    """
    vectors = sparse.csr_matrix(vectors)
    out = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), _PAIR_CHUNK):
        r, c = rows[start : start + _PAIR_CHUNK], cols[start : start + _PAIR_CHUNK]
        out[start : start + len(r)] = np.asarray(vectors[r].multiply(vectors[c]).sum(axis=1)).ravel()
    return out


def duplicate_groups(vectors: sparse.spmatrix, graph: sparse.spmatrix, threshold: float) -> np.ndarray:
    """For each row, the index of the first row of its group: rows joined by candidate pairs with cosine >= threshold.

    Groups are closed under the relation (a copy of a copy is in the group).

    >>> v = sparse.csr_matrix(np.array([[1, 0], [0, 1], [1, 0.1]], dtype=np.float32))
    >>> duplicate_groups(v, sparse.csr_matrix(np.ones((3, 3))), 0.8).tolist()
    [0, 1, 0]
    """
    n = vectors.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    pairs = sparse.triu(graph, 1).tocoo()
    alike = pair_cosines(vectors, pairs.row, pairs.col) >= threshold
    links = sparse.coo_matrix((np.ones(int(alike.sum())), (pairs.row[alike], pairs.col[alike])), shape=(n, n))
    _, component = connected_components(links, directed=False)
    first = pd.Series(np.arange(n)).groupby(component).transform("min")
    return first.to_numpy(dtype=np.int64)
