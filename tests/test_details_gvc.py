"""GVC: killed and injured counts per incident, scored as in benchmarks/details.py."""

import importlib.util
from pathlib import Path

import pytest

from claimdiff.clean import clean_text
from claimdiff.datasets import load_gvc
from claimdiff.details import document_counts, extract_details
from claimdiff.sentences import split_sentences

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "details.py"


def benchmark_module():
    spec = importlib.util.spec_from_file_location("claimdiff_benchmark_details", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.dataset
@pytest.mark.slow
def test_gvc_killed_and_injured_exact_match_per_incident(shared):
    reports = load_gvc(shared("datasets/gvc"))
    reports["text"] = reports["text"].map(clean_text)
    sentences = split_sentences(reports)
    details = extract_details(reports, sentences)
    estimates = {
        subject: document_counts(details, subject, reports["id"], sentences) for subject in ("killed", "injured")
    }
    rows = {row["split"]: row for row in benchmark_module().score(reports, estimates, "claimdiff.details")}
    # Measured 2026-11-30 (benchmarks/results/details-2026-11-30.md), all 241 incidents / 510 documents:
    # killed 0.876 per incident, 0.837 per document; injured 0.776 per incident, 0.800 per document.
    assert rows["all"]["killed_incident"] >= 0.86
    assert rows["all"]["injured_incident"] >= 0.76
    assert rows["all"]["killed_doc"] >= 0.82
    assert rows["all"]["injured_doc"] >= 0.78
