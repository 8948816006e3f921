"""Framing on NewsWCL50 (../shared/datasets/newswcl50): concept mentions, actor merging, the framing stage."""

import pandas as pd
import pytest

import claimdiff
from claimdiff.datasets import load_newswcl50
from claimdiff.details import extract_details
from claimdiff.framing import label_shares, log_odds
from claimdiff.framing.concepts import ENTITY_TYPES, concept_labels, match_mentions, newswcl50_concepts, pair_scores
from claimdiff.framing.names import name_mentions

pytestmark = pytest.mark.dataset


@pytest.fixture(scope="module")
def newswcl50():
    from conftest import require_shared

    path = require_shared("datasets/newswcl50")
    reports = load_newswcl50(path)
    return path, reports, newswcl50_concepts(path, reports)


def test_concept_mentions_point_into_the_report_text(newswcl50):
    _, reports, concepts = newswcl50
    text = dict(zip(reports["id"], reports["text"], strict=True))
    assert len(concepts) > 5000 and concepts["report_id"].nunique() == 50
    assert all(text[r.report_id][r.start : r.end] == r.text and r.text for r in concepts.itertuples())
    assert set(ENTITY_TYPES) <= set(concepts["concept_type"])


def test_actor_merging_matches_annotated_concepts_on_the_mentions_it_finds(newswcl50):
    _, reports, concepts = newswcl50
    details = extract_details(reports, claimdiff.split_sentences(reports))
    rows = details[(details["kind"] == "actor") | ((details["kind"] == "label") & (details["subject"] != "unresolved"))]
    found = rows.assign(actor=rows["value"].where(rows["kind"] == "actor", rows["subject"]))
    matched = match_mentions(found[["report_id", "actor", "text", "start", "end"]],
                             concepts[concepts["concept_type"].isin(ENTITY_TYPES)])
    scores = pair_scores(matched["actor"].tolist(), matched["concept"].tolist(), within=matched["event"].tolist())
    # Measured 2026-11-30 (benchmarks/framing_newswcl50.py): 207 mentions, precision 0.948, recall 0.907.
    assert len(matched) >= 190
    assert scores["precision"] >= 0.92 and scores["recall"] >= 0.88
    names = name_mentions(claimdiff.split_sentences(reports)).assign(kind="name")
    both = pd.concat([found[["report_id", "actor", "text", "start", "end"]], names[["report_id", "actor", "text",
                                                                                    "start", "end"]]])
    matched = match_mentions(both, concepts[concepts["concept_type"].isin(ENTITY_TYPES)])
    scores = pair_scores(matched["actor"].tolist(), matched["concept"].tolist(), within=matched["event"].tolist())
    # Measured 2026-11-30 with the corpus names: 3000 mentions, precision 0.903, recall 0.488 (same text: 0.923,
    # 0.397).
    assert len(matched) >= 2800
    assert scores["precision"] >= 0.88 and scores["recall"] >= 0.46


def test_framing_stage_on_newswcl50_compares_the_five_outlets_on_all_ten_events(newswcl50):
    _, reports, concepts = newswcl50
    words = log_odds(reports, event_column="gold_event")
    assert sorted(words["group"].unique()) == ["L", "LL", "M", "R", "RR"]
    assert words["n_events"].eq(10).all() and words["z"].notna().all()
    labels = label_shares(concept_labels(concepts, reports), by="outlet", n_boot=200)
    caravan = labels[labels["actor"] == "Migrant_caravan_GROUP"]
    assert set(caravan["group"]) == {"L", "LL", "M", "R", "RR"}
    assert (caravan.groupby("group")["share"].sum() - 1).abs().max() < 1e-9
