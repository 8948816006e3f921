"""Hedging who did it over an event (claimdiff.divergence.doubt): the first sentence of an outlet's opening that
says who did it is its answer, read from text through the details stage."""

from __future__ import annotations

import pandas as pd
from event_hedges import hedge_rows

import claimdiff
from claimdiff.details import DetailSettings, extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence.doubt import SUBJECT


def _doer_certainty(texts: dict[str, str]) -> pd.DataFrame:
    return hedge_rows(texts, SUBJECT, "2017-04-25")


def test_a_doer_stated_first_and_hedged_later_is_stated():
    rows = _doer_certainty({
        "wire": "An airstrike by Russian warplanes killed 18 people in Maaret on Saturday. "
                "The raid was likely carried out by Russian jets, a monitor said.",
        "agency": "An air strike believed to have been carried out by Russian aircraft killed 18 people in Maaret."})
    assert rows.loc["wire", "value"] == "certain" and rows.loc["agency", "value"] != "certain"
    assert not rows["agrees"].any()


def test_a_doer_hedged_first_and_stated_later_is_hedged():
    rows = _doer_certainty({
        "wire": "A gas attack believed to be by Syrian government jets killed 58 people in Khan Sheikhoun. "
                "Syrian regime jets pounded the town on Tuesday.",
        "agency": "Syrian government jets struck Khan Sheikhoun with gas on Tuesday, killing 58 people."})
    assert rows.loc["wire", "value"] != "certain" and rows.loc["agency", "value"] == "certain"
    assert not rows["agrees"].any()


def test_an_outlet_that_first_says_who_did_it_is_unknown_is_left_to_the_actors():
    rows = _doer_certainty({
        "wire": "Syrian regime or Russian air strikes killed 26 people in Idlib province on Tuesday. "
                "Syrian regime forces and Russian jets have intensified their bombardment of Idlib.",
        "agency": "Air strikes likely carried out by Russian jets killed 12 people in Idlib province on Tuesday."})
    assert "wire" not in rows.index


def _claim_hedges(texts: dict[str, str]) -> pd.DataFrame:
    """The claim-level hedge rows (subject ``certainty``) when the reports' sentences pair up claim by claim."""
    reports = pd.DataFrame({"id": list(texts), "outlet": list(texts), "text": list(texts.values()),
                            "published": pd.Timestamp("2017-04-25")})
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences, settings=DetailSettings(workers=1))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=sentences["sent_idx"], event_id=0, similarity=0.9, outlet=sentences["report_id"])
    divergence = compare_details(reports, claims, details)
    return divergence[(divergence["kind"] == "hedge") & (divergence["subject"] == "certainty")]


def test_who_did_it_is_not_compared_again_sentence_by_sentence():
    # the wire's answer is that it is not known who struck; its body names Russian jets in passing, which is no
    # plain answer to the agency's "likely carried out by Russian jets"
    rows = _claim_hedges({
        "wire": "Syrian regime or Russian air strikes killed 26 people in Idlib province on Tuesday. "
                "Syrian regime forces and Russian jets intensified their bombardment of Idlib.",
        "agency": "Air strikes killed 26 people in Idlib province on Tuesday. "
                  "A first round of raids likely carried out by Russian jets targeted the village of Duwayleh."})
    assert not rows["agrees"].eq(False).any()


def test_a_toll_hedged_in_one_claim_and_stated_in_another_outlets_is_still_compared():
    rows = _claim_hedges({
        "wire": "Air raids reportedly killed 35 fighters near Kobani on Saturday.",
        "agency": "Air raids killed 35 fighters near Kobani on Saturday."})
    assert rows["agrees"].eq(False).all() and len(rows) == 2


def test_a_doer_named_only_as_what_the_planes_are_believed_to_be_is_hedged():
    rows = _doer_certainty({
        "wire": "Air strikes killed 22 children at a school in Haas on Wednesday. "
                "The planes are believed to be Russian, the monitor said.",
        "agency": "Russian jets struck a school in Haas on Wednesday, killing 22 children."})
    assert rows.loc["wire", "value"] != "certain" and rows.loc["agency", "value"] == "certain"
    assert not rows["agrees"].any()


def test_an_attack_named_by_its_doer_states_who_did_it():
    rows = _doer_certainty({
        "wire": "An Israeli attack on a training camp near the Golan Heights killed three fighters on Sunday.",
        "agency": "The Israel Defense Forces allegedly struck a training camp near the Golan Heights on Sunday, "
                  "killing three fighters."})
    assert rows.loc["wire", "value"] == "certain" and rows.loc["agency", "value"] != "certain"
    assert not rows["agrees"].any()


def test_a_later_report_that_names_the_doer_answers_for_an_outlet_whose_first_did_not_know():
    texts = {"w1": "It was not immediately clear whether Syrian or Russian warplanes carried out the strikes on "
                   "the market in Atareb, which killed 29 people.",
             "w2": "Jihadist rebels blamed Russian warplanes for the strikes on the market in Atareb, which killed "
                   "61 people.",
             "c": "Russian jets fired missiles on the market in Atareb, killing over 40 civilians."}
    reports = pd.DataFrame({"id": list(texts), "outlet": ["wire", "wire", "coalition"], "text": list(texts.values()),
                            "published": pd.to_datetime(["2017-11-13", "2017-11-14", "2017-11-14"])})
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences, settings=DetailSettings(workers=1))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, similarity=0.9,
        outlet=sentences["report_id"].map(reports.set_index("id")["outlet"]))
    divergence = compare_details(reports, claims, details)
    rows = divergence[(divergence["kind"] == "hedge") & (divergence["subject"] == SUBJECT)].set_index("outlet")
    assert rows.loc["wire", "report_id"] == "w2" and rows.loc["wire", "value"] != "certain"
    assert rows.loc["coalition", "value"] == "certain" and not rows["agrees"].any()
