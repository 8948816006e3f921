"""House style: the words an outlet puts in most of its reports, whatever the event, weighed down for that outlet.

An outlet's boilerplate ("Region - World - Ahram Online", "Get short URL", "SANA") and its house vocabulary
("terrorist rocket attacks", "monitor said") make two of its reports alike however different their events are, and
the corpus-wide IDF cannot see it: a word in every report of one outlet of fifteen is rare in the corpus. So each
term of a report is weighed by how much more often the report's outlet uses it than the corpus does:

    factor(term, outlet) = 1 - max(0, share_in_outlet - share_in_corpus) / (1 - share_in_corpus)

(shares of reports that use the term): 0 for a word in every report of the outlet and few others, about 1 for a word
the outlet uses no more than others do. Outlets with fewer than ``min_reports`` reports, and reports without a known
outlet (missing, "" or ``unknown``), keep their weights: too few reports to tell style from news.

>>> counts = sparse.csr_matrix(np.array([[1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 1]], dtype=np.float32))
>>> house_factors(counts, ["sana", "sana", "sana", "afp"], min_reports=3).toarray().round(2).tolist()
[[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0], [0.0, 1.0, 1.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

__all__ = ["house_factors", "without_house_style"]

MIN_REPORTS = 10
_NO_OUTLET = {"", "unknown", "nan", "none"}


def house_factors(counts: sparse.csr_matrix, outlets: Sequence, min_reports: int = MIN_REPORTS,
                  fit_rows: np.ndarray | None = None) -> sparse.csr_matrix:
    """``counts``' pattern with each stored term's factor (module docstring) for its row's outlet.

    Shares are counted over ``fit_rows`` (default: all rows; the clusterer passes one report per group of
    near-duplicates, so that reprints do not count as style).
    """
    counts = sparse.csr_matrix(counts, dtype=np.float32)
    n = counts.shape[0]
    fit_rows = np.arange(n) if fit_rows is None else np.asarray(fit_rows)
    present = counts.copy()
    present.data[:] = 1
    fitted = present[fit_rows]
    corpus_share = np.asarray(fitted.sum(axis=0)).ravel() / max(len(fit_rows), 1)
    keys = np.array(["" if o is None or str(o).strip().lower() in _NO_OUTLET else str(o) for o in outlets],
                    dtype=object)
    factors = present.copy()
    fit_keys = keys[fit_rows]
    for outlet in sorted(set(fit_keys) - {""}):
        own = fit_keys == outlet
        if own.sum() < min_reports:
            continue
        share = np.asarray(fitted[own].sum(axis=0)).ravel() / own.sum()
        excess = np.clip(share - corpus_share, 0, None) / np.clip(1 - corpus_share, 1e-9, None)
        for row in np.flatnonzero(keys == outlet):
            lo, hi = factors.indptr[row], factors.indptr[row + 1]
            factors.data[lo:hi] = 1 - excess[factors.indices[lo:hi]]
    return factors


def without_house_style(vectors: sparse.csr_matrix, counts: sparse.csr_matrix, outlets: Sequence,
                        fit_rows: np.ndarray | None = None, min_reports: int = MIN_REPORTS) -> sparse.csr_matrix:
    """Unit rows of ``vectors`` (same terms as ``counts``) with each term weighed by :func:`house_factors`."""
    if vectors.shape[1] == 0:
        return vectors
    weighted = sparse.csr_matrix(vectors.multiply(house_factors(counts, outlets, min_reports, fit_rows)))
    weighted.eliminate_zeros()
    return sparse.csr_matrix(normalize(weighted), dtype=np.float32)
