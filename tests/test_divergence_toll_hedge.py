"""The toll as a whole said to be unverified in one outlet and given plainly in another
(claimdiff.divergence.toll_doubt), read from text through the details stage."""

from __future__ import annotations

import pandas as pd

import claimdiff
from claimdiff.details import DetailSettings, extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence.toll_doubt import SUBJECT


def _toll_certainty(texts: dict[str, str]) -> pd.DataFrame:
    reports = pd.DataFrame({"id": list(texts), "outlet": list(texts), "text": list(texts.values()),
                            "published": pd.Timestamp("2016-10-13")})
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences, settings=DetailSettings(workers=1))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, similarity=0.9, outlet=sentences["report_id"])
    divergence = compare_details(reports, claims, details)
    return divergence[(divergence["kind"] == "hedge") & (divergence["subject"] == SUBJECT)].set_index("outlet")


def test_figures_said_to_be_unverified_disagree_with_a_toll_given_plainly():
    rows = _toll_certainty({
        "wire": "At least 17 people were killed in a car bomb blast near Azaz on Thursday. "
                "Other reports put the death toll higher but the casualty figures could not be verified.",
        "agency": "At least 20 people were killed in a car bomb blast near Azaz on Thursday."})
    assert rows["value"].to_dict() == {"agency": "certain", "wire": "unverified"}
    assert not rows["agrees"].any()


def test_pictures_that_could_not_be_verified_leave_the_toll_alone():
    rows = _toll_certainty({
        "wire": "At least 17 people were killed in a car bomb blast near Azaz on Thursday. "
                "The authenticity of the pictures could not be verified.",
        "agency": "At least 20 people were killed in a car bomb blast near Azaz on Thursday."})
    assert rows.empty
