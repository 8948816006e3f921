"""Wordings: the words an outlet chooses for an act, read as labels of that act and compared across outlets."""

import numpy as np
import pandas as pd

from claimdiff.details import extract_details
from claimdiff.details.wordings import find_wordings
from claimdiff.divergence import compare_details


def wordings(text):
    return [(w.subject, w.value) for w in find_wordings(text)]


def test_adjusting_and_raising_a_price_are_two_wordings_of_one_price_change():
    assert wordings("The ministry issued a decision adjusting the price of diesel.") == [("price change", "adjust")]
    assert wordings("Syria raised the price of premium gasoline by 9%.") == [("price change", "raise")]
    assert wordings("Fuel prices were hiked again.") == [("price change", "hike")]


def test_a_word_far_from_any_price_is_not_a_price_change():
    assert wordings("Attacks on checkpoints have increased since the settlement.") == []
    assert wordings("The death toll rose to 21, a monitor said.") == []


def test_wordings_are_label_rows_with_the_act_as_subject_and_their_span():
    text = "The ministry adjusted the price of bread."
    sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": [text], "start": [0], "end": [len(text)]})
    reports = pd.DataFrame({"id": ["r"], "published": [pd.Timestamp("2024-04-23")], "text": [text]})
    labels = extract_details(sentences, reports).query("kind == 'label'")
    assert labels[["subject", "value", "text"]].values.tolist() == [["price change", "adjust", "adjusted"]]
    assert text[labels["start"].iloc[0] : labels["end"].iloc[0]] == "adjusted"


def test_outlets_that_adjust_and_raise_the_same_price_disagree_in_a_claim_group():
    claims = pd.DataFrame({"claim_id": [0, 0], "event_id": 0, "report_id": ["a", "b"], "sent_idx": 0,
                           "outlet": ["state", "wire"], "text": ["adjusts the price", "raises the price"],
                           "similarity": 0.9})
    details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "label", "subject": "price change",
                            "value": ["adjust", "raise"], "low": np.nan, "high": np.nan,
                            "text": ["adjusts", "raises"], "start": 0, "end": 6})
    reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2024-04-23", "2024-04-23"])})
    labels = compare_details(claims, details, reports).query("kind == 'label'")
    assert labels["subject"].unique().tolist() == ["price change"]
    assert not labels["agrees"].any()
