"""`import claimdiff as cd` is all a notebook needs to run the chain, and importing it stays light."""

import subprocess
import sys

import pandas as pd
import pytest
from conftest import DEMO, REPO

import claimdiff as cd


def test_a_notebook_chain_runs_with_the_package_alone_and_matches_run_pipeline():
    reports, rejected = cd.load_corpus(DEMO)
    sentences = cd.split_sentences(reports)
    embedder = cd.Embedder()
    assignments, events = cd.cluster_events(reports, sentences, embedder)
    claims = cd.align_claims(reports, sentences, assignments, embedder)
    details = cd.extract_details(reports, sentences)
    events = cd.name_events(events, assignments, details)
    assignments = cd.label_assignments(assignments, events)
    divergence = cd.compare_details(reports, claims, details)
    summary = cd.summarise_divergence(divergence)
    outlets = cd.load_outlets(DEMO, reports)
    figure = cd.figures.numeric_divergence(divergence, outlets)

    results = cd.run_pipeline(DEMO, embedder)
    assert isinstance(results, cd.Results)
    chain = {"reports": reports, "rejected": rejected, "outlets": outlets, "sentences": sentences,
             "assignments": assignments, "events": events, "claims": claims, "details": details,
             "divergence": divergence, "divergence_summary": summary}
    assert list(chain) == list(results.tables())
    for name, table in results.tables().items():
        pd.testing.assert_frame_equal(chain[name], table, obj=name)
    assert len(events) > 1 and not divergence.empty and len(figure.table_drawn) > 0


def test_the_clusterer_and_the_modules_are_reachable_from_the_package():
    assert cd.EventClusterer().get_params()  # a scikit-learn estimator
    assert cd.framing.label_table is not None and cd.datasets.load_fakes is not None
    assert {"cluster_events", "run_pipeline", "figures", "SchemaError"} <= set(dir(cd)) & set(cd.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'cluster_event'"):
        cd.cluster_event  # noqa: B018 - the attribute access is the test


def test_every_public_name_is_there():
    missing = [name for name in cd.__all__ if getattr(cd, name, None) is None]
    assert not missing


def test_importing_the_package_imports_no_model_plotting_or_later_stage():
    heavy = ["torch", "sentence_transformers", "sklearn", "matplotlib", "claimdiff.events", "claimdiff.pipeline",
             "claimdiff.figures"]
    code = f"import sys, claimdiff; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120,
                            env={"PYTHONPATH": str(REPO / "lib"), "HF_HUB_OFFLINE": "1"})
    assert result.stdout.strip() == "[]"
