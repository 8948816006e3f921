"""Labels: the loaded word for an act in a report's lead, and the head of state named by his title."""

import pandas as pd

import claimdiff
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details


def _event(texts: dict[str, str]):
    """Reports of one event, one outlet each, every sentence its own claim group; their details as extracted."""
    reports = pd.DataFrame({"id": list(texts), "published": pd.to_datetime("2024-04-19 09:00"),
                            "text": list(texts.values())})
    sentences = claimdiff.split_sentences(reports.assign(outlet=reports["id"]))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, outlet=sentences["report_id"], similarity=0.9)
    table = compare_details(reports, claims, extract_details(reports, sentences))
    return table[table["kind"] == "label"]


def test_a_loaded_word_for_the_dead_in_a_lead_is_flagged_against_the_neutral_one_of_another_lead():
    labels = _event({"a": "Dozens of civilians martyred in Qamishli bombing. The blast hit a market on Monday.",
                     "b": "A bombing killed 40 people in Qamishli on Monday. The blast hit a market."})
    killing = labels[labels["subject"].eq("killing") & labels["claim_id"].eq(-1)].set_index("outlet")
    assert killing.loc["a", "agrees"] == False  # noqa: E712 (agrees is a nullable boolean)
    assert killing.loc["b", "agrees"] == True  # noqa: E712 the neutral word is no choice
    assert 0 < killing.loc["a", "confidence"] < 0.5  # a lead's verb may still tell of other deaths


def test_the_head_of_state_by_his_title_is_the_neutral_word_for_the_government():
    labels = _event({"a": "Rebels shelled fighters loyal to President Bashar al-Assad near Aleppo on Monday.",
                     "b": "Rebels shelled fighters loyal to the Assad regime near Aleppo on Monday."})
    government = labels[labels["subject"].eq("Syrian government")].set_index("outlet")
    assert government["value"].to_dict() == {"a": "government", "b": "regime"}
    assert not government["agrees"].any()
