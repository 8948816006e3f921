"""The whole chain of stages in one call, for the command line and the quickstart notebook.

Each field of :class:`Results` is the table one stage returns; the notebooks call the stages one by one instead,
to stop and look in between.

>>> results = run_pipeline("corpus/demo")                       # doctest: +SKIP
>>> results.divergence.query("agrees == False").head()          # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd

from .claims import align_claims
from .corpus import MAX_REPORT_MB, load_corpus
from .details.places import dateline_length
from .details import extract_details
from .divergence import compare_details, summarise_divergence
from .embed import Embedder
from .events import cluster_events
from .outlets import load_outlets
from .sentences import split_sentences

# Sentences of a report's lead that make its vector for the event map: embedding every sentence of every report
# would cost more than the claims stage, which embeds only the sentences it compares.
LEAD_SENTENCES = 3


@dataclass
class Results:
    """Every stage's table, in pipeline order."""

    reports: pd.DataFrame
    rejected: pd.DataFrame
    outlets: pd.DataFrame
    sentences: pd.DataFrame
    assignments: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    details: pd.DataFrame
    divergence: pd.DataFrame
    divergence_summary: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in pipeline order."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def run_pipeline(corpus: str | Path, embedder: Embedder | None = None, max_report_mb: float = MAX_REPORT_MB) -> Results:
    """Load ``corpus`` and run every stage with default settings (``max_report_mb``: see :func:`load_corpus`)."""
    embedder = embedder or Embedder()
    reports, rejected = load_corpus(corpus, max_report_mb=max_report_mb)
    sentences = split_sentences(reports)
    assignments, events = cluster_events(reports, sentences, embedder)
    claims = align_claims(sentences, assignments, reports, embedder)
    details = extract_details(sentences, reports)
    divergence = compare_details(claims, details, reports)
    return Results(
        reports=reports,
        rejected=rejected,
        outlets=load_outlets(corpus, reports),
        sentences=sentences,
        assignments=assignments,
        events=events,
        claims=claims,
        details=details,
        divergence=divergence,
        divergence_summary=summarise_divergence(divergence),
    )


def report_vectors(reports: pd.DataFrame, sentences: pd.DataFrame, embedder: Embedder,
                   lead_sentences: int | None = LEAD_SENTENCES) -> np.ndarray:
    """One unit vector per report (rows aligned with ``reports``): the mean of the vectors of its first
    ``lead_sentences`` sentences (its lead, which says what the report is about; None: all of them), each without
    its wire dateline, as the claims stage embeds them, so that the two share the embedding cache."""
    if lead_sentences is not None:
        sentences = sentences[sentences["sent_idx"] < lead_sentences]
    texts = [text[dateline_length(text):] or text for text in sentences["text"]]
    vectors = embedder.encode(texts)
    dim = vectors.shape[1]
    position = {report_id: i for i, report_id in enumerate(reports["id"])}
    sums = np.zeros((len(reports), dim), dtype="float64")
    rows = sentences["report_id"].map(position).to_numpy()
    np.add.at(sums, rows, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms == 0, 1, norms)).astype("float32")
