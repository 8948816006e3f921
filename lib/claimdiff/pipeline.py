"""The whole chain of stages in one call, for the command line and the quickstart notebook.

Each field of :class:`Results` is the table one stage returns; the notebooks call the stages one by one instead,
to stop and look in between.

>>> results = run_pipeline("corpus/demo")                       # doctest: +SKIP
>>> results.divergence.query("agrees == False").head()          # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .claims import align_claims
from .corpus import load_corpus
from .details import extract_details
from .details.places import dateline_length
from .divergence import compare_details, summarise_divergence
from .embed import Embedder
from .events import cluster_events
from .events.given import given_events
from .events.naming import label_assignments, name_events, rename_events
from .events.similarity import mean_sentence_vectors
from .outlets import load_outlets
from .sentences import split_sentences
from .settings import Settings

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


def run_pipeline(corpus: str | Path | pd.DataFrame, embedder: Embedder | None = None,
                 max_report_mb: float | None = None, events: pd.DataFrame | str | Path | None = None,
                 event_names: pd.DataFrame | dict | str | Path | None = None, *, settings: Settings | None = None,
                 **reading) -> Results:
    """Load ``corpus`` (a folder, a file or a DataFrame of reports) and run every stage with ``settings``
    (:class:`claimdiff.settings.Settings`; None: the defaults), each stage with its own section.

    ``max_report_mb`` and ``reading`` (``columns``, ``dayfirst``, ``outlet``) go to :func:`load_corpus`, in place
    of those of ``settings.corpus``. ``embedder``: None makes one of ``settings.embed``. For a DataFrame,
    ``outlets.yaml`` is looked up from the current folder.
    ``events``: the researcher's own events (a table or CSV ``report_id, event_id[, event_name]``, see
    :func:`claimdiff.events.given.given_events`), used by every stage instead of :func:`cluster_events`.
    ``event_names``: names of the researcher's own for some events (``event_id, name``, see
    :func:`claimdiff.events.naming.rename_events`); the others are named from the details ("Jasim · killing ·
    19 Apr 2024", :func:`claimdiff.events.naming.name_events`).
    """
    settings = settings or Settings()
    embedder = embedder or Embedder(**asdict(settings.embed))
    reading = {**settings.reading(), **{k: v for k, v in reading.items() if v is not None}}
    if max_report_mb is not None:
        reading["max_report_mb"] = max_report_mb
    reports, rejected = load_corpus(corpus, **reading)
    sentences = split_sentences(reports)
    if events is None:
        assignments, events_table = cluster_events(reports, sentences, embedder, settings=settings.events)
    else:
        assignments, events_table = given_events(events, reports)
    details = extract_details(reports, sentences, settings=settings.details)
    outlets = load_outlets(Path() if isinstance(corpus, pd.DataFrame) else corpus, reports)
    return Results(reports=reports, rejected=rejected, outlets=outlets, sentences=sentences,
                   **_event_stages(reports, sentences, details, assignments, events_table, embedder, event_names,
                                   settings))


def regroup(results: Results, events: pd.DataFrame | str | Path, embedder: Embedder | None = None,
            event_names: pd.DataFrame | dict | str | Path | None = None, *, settings: Settings | None = None
            ) -> Results:
    """``results`` with the researcher's ``events`` (as in :func:`run_pipeline`) in place of the clustered ones:
    claims and divergence are computed again over them (with ``settings``, as in :func:`run_pipeline`); reports,
    sentences and details are kept."""
    settings = settings or Settings()
    assignments, events_table = given_events(events, results.reports)
    stages = _event_stages(results.reports, results.sentences, results.details, assignments, events_table,
                           embedder or Embedder(**asdict(settings.embed)), event_names, settings)
    return replace(results, **stages)


def _event_stages(reports, sentences, details, assignments, events, embedder, event_names, settings) -> dict:
    """The tables of the stages that depend on the events, with the events named (and renamed)."""
    claims = align_claims(reports, sentences, assignments, embedder, settings=settings.claims)
    divergence = compare_details(reports, claims, details, settings=settings.divergence)
    events = name_events(events, assignments, details)
    if event_names is not None:
        events = rename_events(events, event_names)
    return {"assignments": label_assignments(assignments, events), "events": events, "claims": claims,
            "details": details, "divergence": divergence, "divergence_summary": summarise_divergence(divergence)}


def report_vectors(reports: pd.DataFrame, sentences: pd.DataFrame, embedder: Embedder,
                   lead_sentences: int | None = LEAD_SENTENCES) -> np.ndarray:
    """One unit vector per report (rows aligned with ``reports``): the mean of the vectors of its first
    ``lead_sentences`` sentences (its lead, which says what the report is about; None: all of them), each without
    its wire dateline, as the claims stage embeds them, so that the two share the embedding cache."""
    if lead_sentences is not None:
        sentences = sentences[sentences["sent_idx"] < lead_sentences]
    texts = [text[dateline_length(text):] or text for text in sentences["text"]]
    return mean_sentence_vectors(reports["id"].tolist(), sentences.assign(text=texts), embedder)
