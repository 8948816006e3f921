"""Claim alignment: within each event, group the sentences of different reports that make the same claim.

A claim group holds at most one sentence per report; a sentence belongs to exactly one group. Sentences no other
report matches stay as singleton groups: they are what the other outlets leave out. Claims are compared across
outlets, so an event told by one outlet (in one report or several) has singletons only, and its sentences are never
embedded.

How: per event, sentences are compared by a blend of sentence-embedding cosine and word-level TF-IDF cosine
(lexical overlap catches names and numbers that embeddings blur; a wire dateline such as "BEIRUT, April 20 (Global
Wire) -" is left out of both, as it says where the story was filed, not what it claims), then merged greedily by
average link, best pair first, as long as the average similarity between two groups stays above ``threshold`` and
the merged group would not hold two sentences of one report. Wire copy reprinted word for word has similarity 1
and always groups.

>>> import numpy as np, pandas as pd
>>> class Fake:  # stands in for claimdiff.embed.Embedder
...     def encode(self, texts):
...         v = np.array([[t.count("killed"), t.count("drone"), 0.1] for t in texts], dtype="float32")
...         return v / np.linalg.norm(v, axis=1, keepdims=True)
>>> sentences = pd.DataFrame({"report_id": ["a", "a", "b"], "sent_idx": [0, 1, 0],
...     "text": ["Ten killed in Homs.", "A drone fell.", "Ten killed in Homs, police said."],
...     "start": [0, 20, 0], "end": [19, 33, 32]})
>>> assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 0]})
>>> reports = pd.DataFrame({"id": ["a", "b"], "outlet": ["wire", "blog"]})
>>> align_claims(reports, sentences, assignments, Fake())[["claim_id", "report_id", "sent_idx"]].values.tolist()
[[0, 'a', 0], [0, 'b', 0], [1, 'a', 1]]
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from claimdiff.schema import CLAIMS  # the columns this stage makes, written in claimdiff.schema

from . import schema
from .details.places import dateline_length
from .stagecache import cached_stage


@dataclass(frozen=True)
class ClaimSettings:
    """The settings of :func:`align_claims`: sentences group while their average similarity stays above
    ``threshold``; the similarity is ``(1 - lexical_weight) * embedding cosine + lexical_weight * TF-IDF cosine``.

    >>> ClaimSettings(threshold=0.6)
    ClaimSettings(threshold=0.6, lexical_weight=0.2)
    """

    threshold: float = 0.55
    lexical_weight: float = 0.2


BLOCK_SENTENCES = 50_000  # sentences embedded at a time (50,000 x 384 float32 vectors: 77 MB)


def sentence_similarity(texts: list[str], vectors: np.ndarray,
                        lexical_weight: float = ClaimSettings.lexical_weight):
    """Pairwise similarity of sentences: ``(1 - w) * embedding cosine + w * TF-IDF cosine``."""
    dense = vectors @ vectors.T
    try:
        tfidf = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b").fit_transform(texts)
        lexical = (tfidf @ tfidf.T).toarray()
    except ValueError:  # no words at all
        lexical = np.zeros_like(dense)
    return (1 - lexical_weight) * dense + lexical_weight * lexical


def group_sentences(similarity: np.ndarray, report_of: list[str],
                    threshold: float = ClaimSettings.threshold) -> list[int]:
    """Greedy average-link grouping with at most one sentence per report per group; returns a group per sentence.

    >>> sim = np.array([[1, .9, .8], [.9, 1, .2], [.8, .2, 1]])
    >>> group_sentences(sim, ["a", "b", "b"], threshold=0.5)
    [0, 0, 1]
    """
    n = len(report_of)
    report_index = {report: i for i, report in enumerate(dict.fromkeys(report_of))}
    holds = np.zeros((n, len(report_index)), dtype="float64")  # group x report: sentences of that report
    holds[np.arange(n), [report_index[r] for r in report_of]] = 1
    conflict = (holds @ holds.T) > 0  # two groups that hold sentences of one report may not merge
    size = np.ones(n)
    link = similarity.astype("float64").copy()  # summed similarity between groups; average = sum / sizes
    # The average link of every pair that may merge, kept up to date row by row: a merge changes one group's row
    # and column only, so each step costs O(n) updates and one O(n^2) argmax, not a fresh n x n matrix product.
    average = link / np.outer(size, size)
    average[conflict] = -np.inf
    alive = np.ones(n, dtype=bool)
    owner = np.arange(n)
    while n > 1:
        a, b = np.unravel_index(np.argmax(average), average.shape)
        if average[a, b] <= threshold:
            break
        a, b = min(a, b), max(a, b)
        link[a, :] += link[b, :]
        link[:, a] += link[:, b]
        conflict[a, :] |= conflict[b, :]
        conflict[:, a] |= conflict[:, b]
        size[a] += size[b]
        alive[b] = False
        average[a, :] = link[a, :] / (size[a] * size)
        average[:, a] = link[:, a] / (size * size[a])
        blocked = conflict[a, :] | ~alive
        average[a, blocked] = -np.inf
        average[blocked, a] = -np.inf
        average[b, :] = -np.inf
        average[:, b] = -np.inf
        owner[owner == b] = a
    groups, first = np.unique(owner, return_index=True)
    number = {group: i for i, group in enumerate(groups[np.argsort(first)])}
    return [number[group] for group in owner]


@cached_stage("claims")
def align_claims(
    reports: pd.DataFrame,
    sentences: pd.DataFrame,
    assignments: pd.DataFrame,
    embedder,
    *,
    threshold: float | None = None,
    lexical_weight: float | None = None,
    settings: ClaimSettings | None = None,
) -> pd.DataFrame:
    """Claim groups of every event: one row per sentence with the columns of :data:`CLAIMS`.

    ``assignments`` maps ``report_id`` to ``event_id`` (from :func:`claimdiff.events.cluster_events`); ``reports``
    gives each report's ``outlet``. ``claim_id`` numbers groups in order of event, then of their first sentence.
    ``settings`` (:class:`ClaimSettings`, default its defaults); ``threshold`` and ``lexical_weight``, when given,
    replace its values.
    """
    given = {"threshold": threshold, "lexical_weight": lexical_weight}
    settings = replace(settings or ClaimSettings(), **{k: v for k, v in given.items() if v is not None})
    threshold, lexical_weight = settings.threshold, settings.lexical_weight
    schema.require(sentences, "sentences", "align_claims", columns=["report_id", "sent_idx", "text"])
    schema.require(assignments, "assignments", "align_claims", columns=["report_id", "event_id"])
    schema.require(reports, "reports", "align_claims", columns=["id", "outlet"])
    table = sentences.merge(assignments[["report_id", "event_id"]], on="report_id").merge(
        reports[["id", "outlet"]].rename(columns={"id": "report_id"}), on="report_id"
    )
    table = table.sort_values(["event_id", "report_id", "sent_idx"], kind="stable").reset_index(drop=True)
    if table.empty:
        return schema.empty(CLAIMS)
    compared = [text[dateline_length(text):] or text for text in table["text"]]
    # Claims are compared across outlets (claimdiff.divergence compares outlet with outlet), so the sentences of an
    # event told by one outlet, in one report or several, stay singletons and are never embedded; the others are
    # embedded a block of events at a time, so that the vectors of a large corpus are never all in memory at once.
    compared_event = (table.groupby("event_id")["outlet"].transform("nunique") > 1).to_numpy()
    parts, next_id = [], 0
    for block in _event_blocks(table["event_id"].to_numpy(), compared_event):
        compared_here = np.flatnonzero(compared_event[block.start:block.stop]) + block.start
        vectors = embedder.encode([compared[i] for i in compared_here]) if len(compared_here) else None
        row_of = np.full(block.stop - block.start, -1)
        row_of[compared_here - block.start] = np.arange(len(compared_here))
        for _, event in table.iloc[block].groupby("event_id", sort=True):
            index = event.index.to_numpy()
            if not compared_event[index[0]]:
                labels, similarity = np.arange(len(index)), None
            else:
                similarity = sentence_similarity([compared[i] for i in index], vectors[row_of[index - block.start]],
                                                 lexical_weight)
                labels = np.asarray(group_sentences(similarity, event["report_id"].tolist(), threshold))
            mean = np.full(len(index), np.nan) if similarity is None else _mean_similarity(similarity, labels)
            parts.append(event.assign(claim_id=labels + next_id, similarity=mean))
            next_id += labels.max() + 1
    claims = pd.concat(parts).sort_values(["claim_id", "report_id", "sent_idx"], kind="stable")
    return schema.conform(claims[list(CLAIMS)], CLAIMS)


def _event_blocks(event_ids: np.ndarray, compared: np.ndarray, sentences: int = BLOCK_SENTENCES) -> list[slice]:
    """Runs of whole events (``event_ids`` sorted) holding about ``sentences`` compared sentences each.

    >>> _event_blocks(np.array([0, 0, 1, 2, 2]), np.array([True, True, False, True, True]), sentences=2)
    [slice(0, 2, None), slice(2, 5, None)]
    """
    starts = np.flatnonzero(np.r_[True, event_ids[1:] != event_ids[:-1]])
    before = np.r_[0, np.cumsum(compared)]  # compared sentences before each row
    blocks, start = [], 0
    for event_start in starts[1:]:
        if before[event_start] - before[start] >= sentences:
            blocks.append(slice(int(start), int(event_start)))
            start = event_start
    blocks.append(slice(int(start), len(event_ids)))
    return blocks


def _mean_similarity(similarity: np.ndarray, labels: np.ndarray) -> np.ndarray:
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    counts = same.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, (similarity * same).sum(axis=1) / counts, np.nan)
