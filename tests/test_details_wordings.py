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
    labels = extract_details(reports, sentences).query("kind == 'label'")
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
    labels = compare_details(reports, claims, details).query("kind == 'label'")
    assert labels["subject"].unique().tolist() == ["price change"]
    assert not labels["agrees"].any()


def test_killed_eliminated_neutralized_liquidated_and_martyred_are_wordings_of_one_killing():
    assert wordings("Dozens of militants were killed in the strikes.") == [("killing", "kill")]
    assert wordings("More than 30 terrorists were eliminated.") == [("killing", "eliminate")]
    assert wordings("Army units neutralized the gunmen.") == [("killing", "neutralize")]
    assert wordings("The commander was liquidated in his car.") == [("killing", "liquidate")]
    assert wordings("22 soldiers were martyred in the attack.") == [("killing", "martyr")]


def test_eliminating_a_threat_or_a_weapon_is_not_a_killing():
    assert wordings("The deal aims to eliminate chemical weapons.") == []
    assert wordings("The ministry said it had eliminated the threat to the road.") == []
    assert wordings("The firm was liquidated last year.") == []


def test_captured_and_seized_against_liberated_are_wordings_of_taking_territory():
    assert wordings("Rebels seized the town of Rankus on Wednesday.") == [("taking territory", "capture")]
    assert wordings("Government forces took control of the village.") == [("taking territory", "capture")]
    assert wordings("The army liberated the city from the terrorists.") == [("taking territory", "liberate")]
    assert wordings("Troops recaptured the airport.") == [("taking territory", "recapture")]


def test_captured_people_seized_weapons_and_freed_hostages_are_not_taking_territory():
    assert wordings("The group released images of captured soldiers near the base.") == []
    assert wordings("Police seized weapons and ammunition in the town.") == []
    assert wordings("Two hostages were freed in the village.") == []
    assert wordings("The Free Syrian Army holds the area.") == []


def test_withdrew_retreated_fled_and_redeployed_are_wordings_of_a_retreat():
    assert wordings("Regime forces withdrew from the base.") == [("retreat", "withdraw")]
    assert wordings("The militants retreated towards the desert.") == [("retreat", "retreat")]
    assert wordings("ISIS fighters fled the town.") == [("retreat", "flee")]
    assert wordings("Army units were redeployed to new positions.") == [("retreat", "redeploy")]


def test_civilians_fleeing_and_withdrawing_from_talks_are_not_a_retreat():
    assert wordings("Thousands of civilians fled the fighting as troops advanced.") == []
    assert wordings("The opposition fighters' delegation withdrew from the talks in Geneva.") == []
    assert wordings("Prices fled upwards.") == []


def test_arrested_and_detained_against_kidnapped_and_abducted_are_wordings_of_a_detention():
    assert wordings("Security forces arrested three men in Daraa.") == [("detention", "arrest")]
    assert wordings("The journalist was detained at a checkpoint.") == [("detention", "arrest")]
    assert wordings("Gunmen kidnapped two activists.") == [("detention", "kidnap")]
    assert wordings("More than 200 people were abducted.") == [("detention", "kidnap")]


def test_a_cardiac_arrest_an_arrest_warrant_and_a_detention_centre_are_not_a_detention():
    assert wordings("The man died of a cardiac arrest.") == []
    assert wordings("A court issued an arrest warrant for him.") == []
    assert wordings("Thousands of people died in detention centers run by the government.") == []


def test_outlets_that_say_martyred_and_killed_for_the_same_deaths_disagree():
    claims = pd.DataFrame({"claim_id": [0, 0], "event_id": 0, "report_id": ["a", "b"], "sent_idx": 0,
                           "outlet": ["agency", "wire"],
                           "text": ["22 soldiers were martyred", "22 soldiers were killed"],
                           "similarity": 0.9})
    sentences = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "text": claims["text"], "start": 0,
                              "end": claims["text"].str.len()})
    reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2024-04-19", "2024-04-19"]),
                            "text": claims["text"]})
    labels = compare_details(reports, claims, extract_details(reports, sentences)).query("subject == 'killing'")
    assert labels.set_index("outlet")["value"].to_dict() == {"agency": "martyr", "wire": "kill"}
    assert not labels["agrees"].any()


def test_wordings_of_acts_are_not_labels_of_an_actor_in_the_framing_table():
    from claimdiff.framing.labels import label_mentions, unresolved_share

    details = pd.DataFrame({"report_id": ["r", "r", "r"], "kind": "label", "subject": ["killing", "ISIS", "unresolved"],
                            "value": ["martyr", "terrorists", "gunmen"], "text": ["martyred", "terrorists", "gunmen"]})
    reports = pd.DataFrame({"id": ["r"], "outlet": ["agency"]})
    assert label_mentions(details, reports)["actor"].tolist() == ["ISIS"]
    assert unresolved_share(details) == 0.5
