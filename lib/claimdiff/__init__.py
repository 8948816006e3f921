"""claimdiff: compare how different outlets report the same events.

The pipeline is a chain of tables (see each function's docstring for its columns)::

    import claimdiff as cd

    reports, rejected = cd.load_corpus("corpus/demo")
    sentences = cd.split_sentences(reports)
    embedder = cd.Embedder()
    assignments, events = cd.cluster_events(reports, sentences, embedder)
    claims = cd.align_claims(reports, sentences, assignments, embedder)
    details = cd.extract_details(reports, sentences)
    events = cd.name_events(events, assignments, details)       # "Jasim · killing · 19 Apr 2024"
    assignments = cd.label_assignments(assignments, events)
    divergence = cd.compare_details(reports, claims, details)
    summary = cd.summarise_divergence(divergence)
    figure = cd.figures.numeric_divergence(divergence, outlets=cd.load_outlets("corpus/demo", reports))

or all at once: ``results = cd.run_pipeline("corpus/demo")`` (a :class:`Results`, one field per table).
The stages beyond the corpus, and the ``figures``, ``framing`` and ``datasets`` modules, are imported on first use,
so that ``import claimdiff`` stays quick.

>>> import claimdiff as cd
>>> cd.cluster_events.__module__, cd.figures.__name__
('claimdiff.events', 'claimdiff.figures')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .clean import clean_text
from .corpus import Corpus, CorpusError, CorpusWarning, load_corpus
from .embed import Embedder
from .outlets import load_outlets
from .schema import SchemaError
from .sentences import split_sentences

# name -> the module it comes from, imported when the name is first used
_LAZY = {
    "EventClusterer": "claimdiff.events",
    "cluster_events": "claimdiff.events",
    "name_events": "claimdiff.events.naming",
    "rename_events": "claimdiff.events.naming",
    "label_assignments": "claimdiff.events.naming",
    "align_claims": "claimdiff.claims",
    "extract_details": "claimdiff.details",
    "compare_details": "claimdiff.divergence",
    "summarise_divergence": "claimdiff.divergence",
    "Results": "claimdiff.pipeline",
    "run_pipeline": "claimdiff.pipeline",
}
_MODULES = ("datasets", "figures", "framing", "settings")

if TYPE_CHECKING:  # for editors and type checkers; at run time __getattr__ imports them
    from . import datasets, figures, framing, settings
    from .claims import align_claims
    from .details import extract_details
    from .divergence import compare_details, summarise_divergence
    from .events import EventClusterer, cluster_events
    from .events.naming import label_assignments, name_events, rename_events
    from .pipeline import Results, run_pipeline

__all__ = [
    # the corpus, imported with the package
    "Corpus", "CorpusError", "CorpusWarning", "Embedder", "SchemaError", "clean_text", "load_corpus", "load_outlets",
    "split_sentences",
    # imported on first use (_LAZY, _MODULES)
    "EventClusterer", "Results", "align_claims", "cluster_events", "compare_details", "extract_details",
    "label_assignments", "name_events", "rename_events", "run_pipeline", "summarise_divergence", "datasets", "figures",
    "framing", "settings",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _MODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value  # once imported, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
