"""Hedging what happened: an act doubted in one outlet's lead ("an alleged chemical attack") against the same act
stated plainly in another's (claimdiff.divergence.act_doubt), read from text through the details stage."""

from __future__ import annotations

import pandas as pd
from event_hedges import hedge_rows

from claimdiff.divergence.act_doubt import SUBJECT


def _act_certainty(texts: dict[str, str]) -> pd.DataFrame:
    return hedge_rows(texts, SUBJECT, "2016-08-02")


def test_an_alleged_chemical_attack_disagrees_with_one_stated_as_fact():
    rows = _act_certainty({"wire": "An alleged chemical attack killed 20 people in Saraqeb on Monday.",
                           "agency": "A chemical attack killed 20 people in Saraqeb on Monday."})
    assert rows["value"].to_dict() == {"agency": "certain", "wire": "alleged"}
    assert not rows["agrees"].any()


def test_a_weapon_only_suspected_disagrees_with_the_same_weapon_stated_as_fact():
    rows = _act_certainty({
        "wire": "Rescuers said 33 people were affected by the gas, which they suspect was chlorine, in Saraqeb.",
        "coalition": "Regime forces bombed Saraqeb with chlorine on Monday, activists said."})
    assert not rows["agrees"].any()
    assert rows.loc["wire", "evidence"] == "they suspect chlorine"


def test_doubting_who_carried_out_the_strikes_is_no_doubt_that_there_were_strikes():
    rows = _act_certainty({
        "wire": "The strike on Saraqeb was likely carried out by Russian war jets, killing 20 people.",
        "agency": "Russian jets struck Saraqeb on Monday, killing 20 people."})
    assert rows.empty or rows["agrees"].all()


def test_a_blast_of_unknown_cause_disagrees_with_a_suicide_bombing_stated_as_fact():
    rows = _act_certainty({
        "wire": "A powerful blast killed four people outside a hospital in Qardaha, origin of explosion unknown.",
        "agency": "A suicide bomber driving an ambulance killed four people outside a hospital in Qardaha."})
    assert rows.loc["wire", "value"] == "cause unknown" and rows.loc["agency", "value"] == "certain"
    assert not rows["agrees"].any()
    assert rows.loc["wire", "evidence"] == "origin of explosion unknown"


def test_a_blast_in_both_outlets_leaves_nothing_to_disagree_on():
    rows = _act_certainty({
        "wire": "A powerful blast killed four people outside a hospital in Qardaha, origin of explosion unknown.",
        "agency": "An explosion killed four people outside a hospital in Qardaha on Sunday."})
    assert rows.empty or rows["agrees"].fillna(True).all()


def test_a_cause_stated_first_is_the_outlets_answer():
    rows = _act_certainty({
        "wire": "A suicide bomber killed four people outside a hospital in Qardaha. "
                "State television did not specify whether the explosion was the result of an attack.",
        "agency": "A suicide bomber driving an ambulance killed four people outside a hospital in Qardaha."})
    assert rows.empty or rows["agrees"].fillna(True).all()
