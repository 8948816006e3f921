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
from .details import extract_details
from .divergence import compare_details, summarise_divergence
from .embed import Embedder
from .events import cluster_events
from .outlets import load_outlets
from .sentences import split_sentences


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


def run_pipeline(corpus: str | Path | pd.DataFrame, embedder: Embedder | None = None,
                 max_report_mb: float = MAX_REPORT_MB, **reading) -> Results:
    """Load ``corpus`` (a folder, a file or a DataFrame of reports) and run every stage with default settings.

    ``max_report_mb`` and ``reading`` (``columns``, ``dayfirst``, ``outlet``) go to :func:`load_corpus`. For a
    DataFrame, ``outlets.yaml`` is looked up from the current folder.
    """
    embedder = embedder or Embedder()
    reports, rejected = load_corpus(corpus, max_report_mb=max_report_mb, **reading)
    sentences = split_sentences(reports)
    assignments, events = cluster_events(reports, sentences, embedder)
    claims = align_claims(sentences, assignments, reports, embedder)
    details = extract_details(sentences, reports)
    divergence = compare_details(claims, details, reports)
    return Results(
        reports=reports,
        rejected=rejected,
        outlets=load_outlets(Path() if isinstance(corpus, pd.DataFrame) else corpus, reports),
        sentences=sentences,
        assignments=assignments,
        events=events,
        claims=claims,
        details=details,
        divergence=divergence,
        divergence_summary=summarise_divergence(divergence),
    )


def report_vectors(reports: pd.DataFrame, sentences: pd.DataFrame, embedder: Embedder) -> np.ndarray:
    """One unit vector per report (rows aligned with ``reports``): the mean of its sentence vectors."""
    vectors = embedder.encode(sentences["text"].tolist())
    dim = vectors.shape[1]
    position = {report_id: i for i, report_id in enumerate(reports["id"])}
    sums = np.zeros((len(reports), dim), dtype="float64")
    rows = sentences["report_id"].map(position).to_numpy()
    np.add.at(sums, rows, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms == 0, 1, norms)).astype("float32")
