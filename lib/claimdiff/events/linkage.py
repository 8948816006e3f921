"""Agglomerative clustering on the graph of each report's nearest neighbours, with size-fair link strength.

Plain average linkage asks whether two groups are alike on average. On news that fails in both directions: two
events of one kind in one topic (two Paris jewellery heists) are alike on average, while a short report of an event
can be less alike to its own event than the two events are to each other. What separates them is rank: a report's
most similar reports are from its own event. So every report keeps links only to its ``n_neighbors`` most similar
reports (a link needs the similarity at least ``min_similarity``; links go both ways), and

    strength(A, B) = (sum of the link similarities between A and B) / (min(|A|, |B|) * min(k, max(|A|, |B|)))

is the linked similarity per link the smaller group could at most have into the other: for two single reports it is
their similarity if they are linked; for two halves of one event most possible links exist; two events of one kind
have few links between them. The denominator grows with the smaller group only, so that a large event (many
reports, each with only ``k`` links) is not split for lack of links, as average linkage over the sparse graph would.
Groups are merged, strongest first (ties by report position), while the strongest link is at least ``threshold``.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd
from scipy import sparse


def neighbour_links(similarity, n_neighbors: int, min_similarity: float) -> dict[tuple[int, int], float]:
    """The symmetric k-nearest-neighbour links ``{(i, j): similarity}`` with ``i < j``.

    ``similarity`` is square: a dense array, or a scipy sparse matrix holding only the candidate pairs (pairs not
    stored are never linked). Each row's neighbours are its ``n_neighbors`` most similar other rows (ties broken by
    position), kept when their similarity is at least ``min_similarity`` and above 0.

    >>> s = np.array([[1, .9, .2], [.9, 1, .1], [.2, .1, 1]])
    >>> neighbour_links(s, 1, 0.25)
    {(0, 1): 0.9}
    """
    pairs = sparse.coo_matrix(similarity)
    off_diagonal = pairs.row != pairs.col
    rows, cols = pairs.row[off_diagonal].astype(np.int64), pairs.col[off_diagonal].astype(np.int64)
    values = pairs.data[off_diagonal].astype(np.float64)
    order = np.lexsort((cols, -values, rows))  # each row's pairs, most similar first, ties by position
    rows, cols, values = rows[order], cols[order], values[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = (rank < n_neighbors) & (values >= min_similarity) & (values > 0)
    low, high = np.minimum(rows[keep], cols[keep]), np.maximum(rows[keep], cols[keep])
    links = dict(zip(zip(low.tolist(), high.tolist(), strict=True), values[keep].tolist(), strict=True))
    return dict(sorted(links.items()))


def neighbour_linkage(
    similarity: np.ndarray, n_neighbors: int = 5, threshold: float = 0.07, min_similarity: float = 0.1
) -> np.ndarray:
    """Cluster labels (int64, ``0..k-1`` in order of each cluster's first row) for the square ``similarity``.

    ``similarity``: dense, or sparse with the candidate pairs only (see :func:`neighbour_links`).

    >>> s = np.array([[1, .8, .7, 0], [.8, 1, .6, 0], [.7, .6, 1, .05], [0, 0, .05, 1]])
    >>> neighbour_linkage(s, n_neighbors=2).tolist()
    [0, 0, 0, 1]
    """
    n = similarity.shape[0]
    adjacent: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), value in neighbour_links(similarity, n_neighbors, min_similarity).items():
        adjacent[i][j] = adjacent[j][i] = value
    size = [1] * n
    version = [0] * n
    parent = list(range(n))

    def strength(a: int, b: int) -> float:
        return adjacent[a][b] / (min(size[a], size[b]) * min(n_neighbors, max(size[a], size[b])))

    heap = [(-strength(a, b), a, b, 0, 0) for a in range(n) for b in adjacent[a] if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b, version_a, version_b = heapq.heappop(heap)
        if version_a != version[a] or version_b != version[b] or parent[a] != a or parent[b] != b:
            continue  # stale: one of the two has merged since this entry was pushed
        if -negative < threshold:
            break
        keep, gone = (a, b) if len(adjacent[a]) >= len(adjacent[b]) else (b, a)
        for other, value in adjacent[gone].items():
            if other == keep:
                continue
            adjacent[keep][other] = adjacent[keep].get(other, 0.0) + value
            adjacent[other][keep] = adjacent[keep][other]
            del adjacent[other][gone]
        adjacent[keep].pop(gone, None)
        adjacent[gone] = {}
        size[keep] += size[gone]
        parent[gone] = keep
        version[keep] += 1
        for other in adjacent[keep]:
            low, high = min(keep, other), max(keep, other)
            heapq.heappush(heap, (-strength(low, high), low, high, version[low], version[high]))
    labels, _ = pd.factorize(np.array([_root(parent, i) for i in range(n)], dtype=np.int64))
    return labels.astype(np.int64)


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        i = parent[i]
    return i
