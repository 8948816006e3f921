"""The demo corpus loads completely, is marked synthetic everywhere, and its gold file matches its reports."""

import yaml
from conftest import DEMO

from claimdiff import load_corpus


def test_demo_corpus_loads_every_file_and_rejects_nothing():
    reports, rejected = load_corpus(DEMO)
    assert rejected.empty
    assert len(reports) >= 30 and reports["outlet"].nunique() >= 6


def test_every_demo_report_is_marked_synthetic():
    reports, _ = load_corpus(DEMO)
    assert reports["synthetic"].astype(bool).all()


def test_gold_puts_every_report_in_exactly_one_event():
    reports, _ = load_corpus(DEMO)
    gold = yaml.safe_load((DEMO / "gold.yaml").read_text(encoding="utf-8"))
    listed = [report for event in gold["events"] for report in event["reports"]]
    assert sorted(listed) == sorted(reports["id"])


def test_gold_divergence_values_are_quoted_from_the_reports_they_name():
    reports, _ = load_corpus(DEMO)
    text = dict(zip(reports["id"], reports["text"], strict=True))
    gold = yaml.safe_load((DEMO / "gold.yaml").read_text(encoding="utf-8"))
    for entry in gold["divergences"] + gold.get("agreements", []):
        values, named = entry.get("values") or {}, entry.get("reports") or {}
        if not isinstance(values, dict):
            continue
        for outlet, value in values.items():
            if value is not None and outlet in named and isinstance(named[outlet], str):
                assert value in text[named[outlet]], (entry.get("event"), outlet, value)
