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
import pandas as pd
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
    present = sparse.csr_matrix(counts, dtype=np.float32, copy=True)
    present.data[:] = 1
    n, n_terms = present.shape
    fit_rows = np.arange(n) if fit_rows is None else np.asarray(fit_rows, dtype=np.int64)
    fitted = present[fit_rows]
    corpus_share = np.asarray(fitted.sum(axis=0)).ravel() / max(len(fit_rows), 1)
    names = np.array(["" if o is None or str(o).strip().lower() in _NO_OUTLET else str(o) for o in outlets],
                     dtype=object)
    codes, outlet_names = pd.factorize(names)
    sizes = np.bincount(codes[fit_rows], minlength=len(outlet_names))
    counted = (outlet_names != "") & (sizes >= min_reports)  # outlets whose style can be told
    # Reports per outlet and term over the fitted rows (outlets x terms, sparse), then each term's excess share.
    membership = sparse.csr_matrix((np.ones(len(fit_rows), np.float32), (codes[fit_rows], np.arange(len(fit_rows)))),
                                   shape=(len(outlet_names), len(fit_rows)))
    per_outlet = (membership @ fitted).tocoo()
    share = per_outlet.data / sizes[per_outlet.row]
    excess = np.clip(share - corpus_share[per_outlet.col], 0, None) / np.clip(1 - corpus_share[per_outlet.col], 1e-9,
                                                                                None)
    excess[~counted[per_outlet.row]] = 0
    keys = per_outlet.row.astype(np.int64) * n_terms + per_outlet.col
    order = np.argsort(keys)
    keys, excess = keys[order], excess[order]
    # Each stored entry of each row looks up its outlet's excess for its term (0 where the outlet never used it).
    entries = np.repeat(codes.astype(np.int64), np.diff(present.indptr)) * n_terms + present.indices
    at = np.clip(np.searchsorted(keys, entries), 0, max(len(keys) - 1, 0))
    found = keys[at] == entries if len(keys) else np.zeros(len(entries), dtype=bool)
    factors = present.copy()
    factors.data = np.where(found, 1 - excess[at] if len(keys) else 1, 1).astype(np.float32)
    return factors


def without_house_style(vectors: sparse.csr_matrix, counts: sparse.csr_matrix, outlets: Sequence,
                        fit_rows: np.ndarray | None = None, min_reports: int = MIN_REPORTS) -> sparse.csr_matrix:
    """Unit rows of ``vectors`` (same terms as ``counts``) with each term weighed by :func:`house_factors`."""
    if vectors.shape[1] == 0:
        return vectors
    weighted = sparse.csr_matrix(vectors.multiply(house_factors(counts, outlets, min_reports, fit_rows)))
    weighted.eliminate_zeros()
    return sparse.csr_matrix(normalize(weighted), dtype=np.float32)
