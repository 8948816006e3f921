"""Omissions of key details: the vehicle that carried a bomb, who did it when the outlet names the doer only in a
sentence about another incident — on hand-made claim and detail tables."""

import numpy as np
import pandas as pd
from omission_tables import SAME_DAY, claims_of, reports_table

from claimdiff.divergence import compare_details


def details_of(rows):
    """rows: (report_id, sent_idx, kind, subject, value, low, high, scope)"""
    table = pd.DataFrame(rows, columns=["report_id", "sent_idx", "kind", "subject", "value", "low", "high", "scope"])
    return table.assign(text=table["value"], start=0, end=1)


def omissions(claims, details):
    table = compare_details(reports_table(), claims, details)
    flagged = table[(table["kind"] == "omission") & table["agrees"].eq(False).fillna(False)]
    return sorted(zip(flagged["outlet"], flagged["subject"], strict=True))


TOLLS = [(r, 0, "count", "killed", "43", 43.0, 43.0, "incident") for r in SAME_DAY]


def test_a_bomb_blast_where_two_outlets_tell_of_a_suicide_car_bomb_leaves_out_the_vehicle():
    claims = claims_of([(0, "a", 0, "A suicide car bomb attack on buses killed 43 people."),
                        (0, "b", 0, "A suicide car bomb has hit a convoy of buses, killing 43 people."),
                        (0, "c", 0, "A bomb blast hit a bus convoy, killing 43 people.")])
    assert omissions(claims, details_of(TOLLS)) == [("blog", "means: vehicle carrying the bomb")]


def test_an_outlet_naming_the_car_anywhere_in_its_report_has_not_left_it_out():
    claims = claims_of([(0, "a", 0, "A suicide car bomb attack on buses killed 43 people."),
                        (0, "b", 0, "A suicide car bomb has hit a convoy of buses, killing 43 people."),
                        (0, "c", 0, "A bomb blast hit a bus convoy, killing 43 people."),
                        (1, "c", 7, "State media said the bomber drove a car packed with explosives.")])
    assert omissions(claims, details_of(TOLLS)) == []


def test_car_bombs_told_only_past_the_leads_are_no_key_detail_to_leave_out():
    claims = claims_of([(0, "a", 0, "Rebel shells killed 43 people in western Aleppo."),
                        (0, "b", 0, "Shelling killed 43 people in western Aleppo."),
                        (0, "c", 0, "Rebel fire killed 43 people in western Aleppo."),
                        (1, "a", 5, "Fighting and car bombs killed 18 soldiers on the outskirts."),
                        (1, "b", 6, "Three suicide car bombs killed 18 soldiers at a checkpoint.")])
    details = details_of(TOLLS + [("a", 5, "count", "killed", "18", 18.0, 18.0, "incident"),
                                  ("b", 6, "count", "killed", "18", 18.0, 18.0, "incident")])
    assert omissions(claims, details) == []


def test_an_outlet_naming_the_doer_only_in_a_sentence_about_another_incident_has_not_left_it_out():
    claims = claims_of([(0, "a", 0, "HTS drones struck the town."), (0, "b", 0, "Drones launched by HTS struck."),
                        (0, "c", 0, "Drones struck the town."),
                        (1, "c", 9, "In May, HTS drones struck another town.")])
    no_value = (np.nan, np.nan)
    details = details_of([("a", 0, "actor", "agent", "HTS", *no_value, "incident"),
                          ("b", 0, "actor", "agent", "HTS", *no_value, "incident"),
                          ("c", 9, "actor", "agent", "HTS", *no_value, "other incident")])
    assert omissions(claims, details) == []
    # without that sentence, the blog says nothing of who did it
    assert omissions(claims[claims["sent_idx"] != 9], details[details["sent_idx"] != 9]) == [("blog", "perpetrator")]


def toll_omissions_of(blog_sentence, blog_count):
    """Wire and agency give 22 killed; the blog says ``blog_sentence`` with the count ``blog_count`` (value,
    subject, low, high)."""
    claims = claims_of([(0, "a", 0, "Air strikes killed 22 people in Idlib."),
                        (0, "b", 0, "22 people were killed during the air strikes."), (0, "c", 0, blog_sentence)])
    value, subject, low, high = blog_count
    details = details_of([("a", 0, "count", "killed", "22", 22.0, 22.0, "incident"),
                          ("b", 0, "count", "killed", "22", 22.0, 22.0, "incident"),
                          ("c", 0, "count", subject, value, low, high, "incident")])
    table = compare_details(reports_table(), claims, details)
    flagged = table[(table["kind"] == "omission") & table["agrees"].eq(False).fillna(False)]
    return dict(zip(flagged["outlet"], flagged["confidence"], strict=True))


def test_an_outlet_counting_the_dead_only_by_a_loose_word_leaves_out_the_figure_with_less_confidence():
    loose = toll_omissions_of("Warplanes killed scores of civilians across the province.",
                              ("scores", "killed", 40.0, 99.0))
    silent = toll_omissions_of("Warplanes pounded the province, activists said.", ("26", "other", 26.0, 26.0))
    assert set(loose) == set(silent) == {"blog"} and loose["blog"] == silent["blog"] / 2


def test_a_death_toll_the_details_stage_read_as_a_count_of_no_subject_is_no_omission():
    assert toll_omissions_of("The monitor raised the death toll from the strikes to 22.",
                             ("22", "other", 22.0, 22.0)) == {}


def test_an_outlet_mentioning_the_doer_only_in_passing_past_its_lead_leaves_out_who_did_it():
    claims = claims_of([(0, "a", 0, "Regime forces bombed the town with chlorine."),
                        (0, "b", 0, "The opposition accused Assad of being behind the attack."),
                        (0, "c", 0, "Barrels containing toxic gas fell on the town."),
                        (1, "c", 13, "The regime has accused rebels of using toxic gas.")])
    no_value = (np.nan, np.nan)
    details = details_of([("a", 0, "actor", "agent", "Syrian government forces", *no_value, "incident"),
                          ("b", 0, "actor", "blamed", "Syrian government", *no_value, "incident"),
                          ("c", 13, "actor", "mentioned", "Syrian government", *no_value, "incident")])
    def who(found):  # the agency also names no toxic agent: an omission of its own
        return [row for row in found if row[1] == "perpetrator"]
    assert who(omissions(claims, details)) == [("blog", "perpetrator")]
    # said by the blog as who did it, further down, it is no omission
    said = details.assign(subject=details["subject"].replace("mentioned", "agent"))
    assert who(omissions(claims, said)) == []


def second_strike(blog_places, second_place="Maarat al-Numan"):
    """Wire and agency tell of strikes on Idlib city and, past their leads, of dead in ``second_place``; the blog
    tells of the strikes on Idlib and names ``blog_places`` past its lead."""
    claims = claims_of([(0, "a", 0, "Air strikes on a market in Idlib killed 21 people."),
                        (0, "b", 0, "Strikes on the city of Idlib killed 22 people."),
                        (0, "c", 0, "Air strikes on Idlib killed 21 people."),
                        (1, "a", 5, f"Three more civilians were killed in a separate strike in {second_place}."),
                        (2, "b", 7, f"Air raids on {second_place} killed another six people."),
                        (3, "c", 6, "Rescuers were looking for survivors.")])
    places = [(r, 0, "place", "gazetteer", "Idlib", np.nan, np.nan, "incident") for r in SAME_DAY]
    places += [(r, i, "place", "gazetteer", second_place, np.nan, np.nan, "incident") for r, i in (("a", 5), ("b", 7))]
    places += [("c", 6, "place", "gazetteer", p, np.nan, np.nan, "incident") for p in blog_places]
    counts = [("a", 0, "count", "killed", "21", 21.0, 21.0, "incident"),
              ("b", 0, "count", "killed", "22", 22.0, 22.0, "incident"),
              ("c", 0, "count", "killed", "21", 21.0, 21.0, "incident"),
              ("a", 5, "count", "killed", "3", 3.0, 3.0, "incident"),
              ("b", 7, "count", "killed", "6", 6.0, 6.0, "incident")]
    return omissions(claims, details_of(places + counts).assign(group="people"))


def test_an_outlet_naming_nowhere_a_second_place_where_two_outlets_count_dead_leaves_it_out():
    assert second_strike([]) == [("blog", "place: Maarat al-Numan")]
    # naming it anywhere, even without a toll, is no omission
    assert second_strike(["Maarat al-Numan"]) == []


def test_dead_counted_far_from_the_lead_place_are_another_incident_not_a_place_left_out():
    assert second_strike([], second_place="Al Qardahah") == []


def other_side(blog_counts):
    """Wire and agency lead with 50 people killed in an attack and add, past the lead, that the attackers lost 15
    fighters; the blog gives 51 killed and the counts ``blog_counts`` (group, value) past its lead."""
    claims = claims_of([(0, "a", 0, "The attack on two villages killed more than 50 people."),
                        (0, "b", 0, "The attack on two villages killed more than 50 people, a monitor said."),
                        (0, "c", 0, "The death toll of the attack on the village reached 51."),
                        (1, "a", 3, "ISIL also lost 15 militants in the attack."),
                        (1, "b", 3, "ISIS also lost 15 fighters in the attack."),
                        (2, "c", 4, "The army repelled the attack.")])
    rows = [(r, 0, "count", "killed", v, float(v), float(v), "incident", "people")
            for r, v in (("a", "50"), ("b", "50"), ("c", "51"))]
    rows += [(r, 3, "count", "killed", "15", 15.0, 15.0, "incident", "fighters") for r in ("a", "b")]
    rows += [("c", 4, "count", "killed", v, float(v), float(v), "incident", g) for g, v in blog_counts]
    table = pd.DataFrame(rows, columns=["report_id", "sent_idx", "kind", "subject", "value", "low", "high", "scope",
                                        "group"])
    return omissions(claims, table.assign(text=table["value"], start=0, end=1))


def test_an_outlet_counting_only_people_leaves_out_the_fighters_the_other_side_lost():
    assert other_side([]) == [("blog", "claim")]
    assert other_side([("fighters", "12")]) == []


def test_fighters_counted_as_the_victims_in_the_lead_are_no_other_side_left_out():
    claims = claims_of([(0, "a", 0, "More than 30 rebels were killed in a suicide blast."),
                        (0, "b", 0, "The suicide blast killed 32 rebels."),
                        (0, "c", 0, "A suicide attack near the camp killed at least 15 people.")])
    rows = [("a", 0, "count", "killed", "30", 31.0, np.nan, "incident", "fighters"),
            ("b", 0, "count", "killed", "32", 32.0, 32.0, "incident", "fighters"),
            ("c", 0, "count", "killed", "15", 15.0, np.nan, "incident", "people")]
    table = pd.DataFrame(rows, columns=["report_id", "sent_idx", "kind", "subject", "value", "low", "high", "scope",
                                        "group"])
    assert omissions(claims, table.assign(text=table["value"], start=0, end=1)) == []


def test_an_outlet_naming_no_toxic_agent_where_two_tell_of_one_past_their_leads_leaves_it_out():
    claims = claims_of([(0, "a", 0, "Rebel bombardment killed 84 people in Aleppo, the army said."),
                        (0, "b", 0, "The army advanced in Aleppo."),
                        (0, "c", 0, "Rebel rockets killed 84 people in western Aleppo."),
                        (1, "a", 4, "The bombardment included chemical weapons, wounding 35 people."),
                        (1, "b", 5, "Terrorists fired shells containing toxic materials, wounding more than 35."),
                        (2, "c", 6, "Clashes went on overnight.")])
    counts = [(r, i, "count", "injured", "35", 35.0, 35.0, "incident") for r, i in (("a", 4), ("b", 5))]
    assert ("blog", "means: chemical agent") in omissions(claims, details_of(TOLLS + counts))
    assert ("agency", "means: chemical agent") not in omissions(claims, details_of(TOLLS + counts))


def test_an_outlet_saying_the_bomber_carried_the_explosives_himself_has_not_left_out_the_vehicle():
    claims = claims_of([(0, "a", 0, "A motorcycle bomber killed 43 people outside a bakery."),
                        (0, "b", 0, "A suicide bomber on a motorcycle killed 43 people outside a bakery."),
                        (0, "c", 0, "A suicide bomb blast killed 43 people."),
                        (1, "c", 2, "The attacker detonated his explosives at a bakery.")])
    assert omissions(claims, details_of(TOLLS)) == []
    assert omissions(claims[claims["sent_idx"] != 2], details_of(TOLLS)) == [
        ("blog", "means: vehicle carrying the bomb")]
