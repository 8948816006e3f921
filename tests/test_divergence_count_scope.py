"""Counts that are not an event's figures are not compared across outlets: counts of other incidents or of a span
of time (background, the details' scope), and people named rather than numbered."""

import pandas as pd

from claimdiff.divergence import compare_details
from claimdiff.divergence.count_scope import unnumbered_counts


def test_people_named_not_numbered_are_no_figure_but_zero_is():
    details = pd.DataFrame({"kind": ["count"] * 4 + ["place"], "text": ["the passenger", "no one", "21", "dozens",
                                                                          "Aleppo"],
                            "low": [1.0, 0.0, 21.0, 24.0, float("nan")]})
    assert unnumbered_counts(details).tolist() == [True, False, False, False, False]


def test_a_named_victim_does_not_contradict_another_outlets_toll():
    claims = pd.DataFrame({"claim_id": [0, 0], "event_id": [0, 0], "report_id": ["a", "b"], "sent_idx": [0, 0],
                           "outlet": ["wire", "blog"], "text": ["Four people were killed.", "The passenger died."],
                           "similarity": [.9, .9]})
    details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": [0, 0], "kind": "count", "subject": "killed",
                            "value": ["4", "1"], "low": [4.0, 1.0], "high": [4.0, 1.0],
                            "text": ["Four", "The passenger"],
                            "start": [0, 0], "end": [4, 13]})
    reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2024-04-19", "2024-04-19"])})
    table = compare_details(reports, claims, details)
    counted = table[table["kind"] == "count"]
    assert not counted["agrees"].eq(False).any()


def test_an_earlier_incidents_toll_does_not_contradict_this_ones():
    texts = ["An air strike killed 15 civilians on Saturday.", "Earlier this week an attack killed 87 civilians."]
    claims = pd.DataFrame({"claim_id": [0, 0], "event_id": [0, 0], "report_id": ["a", "b"], "sent_idx": [0, 0],
                           "outlet": ["wire", "blog"], "text": texts, "similarity": [.9, .9]})
    details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": [0, 0], "kind": "count", "subject": "killed",
                            "value": ["15", "87"], "low": [15.0, 87.0], "high": [15.0, 87.0], "text": ["15", "87"],
                            "start": [texts[0].find("15"), texts[1].find("87")], "end": 0})
    reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2024-04-19", "2024-04-19"])})
    table = compare_details(reports, claims, details)
    assert not table[table["kind"] == "count"]["agrees"].eq(False).any()
    # without the time frame the two tolls clash
    texts2 = [texts[0], "This week an attack killed 87 civilians."]
    claims2 = claims.assign(text=texts2)
    details2 = details.assign(start=[texts2[0].find("15"), texts2[1].find("87")])
    table2 = compare_details(reports, claims2, details2)
    assert table2[table2["kind"] == "count"]["agrees"].eq(False).any()


def test_loose_wording_in_the_lead_gives_way_to_the_reports_own_figure():
    from claimdiff.divergence.count_scope import vague_beside_figure
    details = pd.DataFrame({"report_id": ["a", "a", "b"], "kind": "count", "subject": "injured", "group": "people",
                            "text": ["dozens", "140", "dozens"], "low": [24.0, 140.0, 24.0],
                            "high": [99.0, 140.0, 99.0]})
    # report a says "dozens" in its lead and 140 further down; report b says only "dozens"
    assert vague_beside_figure(details).tolist() == [True, False, False]


def test_both_points_back_and_is_no_figure():
    details = pd.DataFrame({"kind": "count", "text": ["both", "two"], "low": [2.0, 2.0]})
    assert unnumbered_counts(details).tolist() == [True, False]


def test_counts_of_two_different_towns_do_not_clash_but_a_town_and_its_province_do():
    from claimdiff.divergence.comparers import COMPARERS
    count = COMPARERS["count"]
    jasim = {"places": frozenset({"Jasim"}), "intervals": [(3.0, 3.0, "3")]}
    assert count.clash(jasim, {"places": frozenset({"Nawa"}), "intervals": [(9.0, 9.0, "9")]}) == 0
    assert count.clash(jasim, {"places": frozenset({"Daraa"}), "intervals": [(9.0, 9.0, "9")]}) > 0
    assert count.clash(jasim, {"intervals": [(9.0, 9.0, "9")]}) > 0


def test_a_person_introduced_with_an_indefinite_article_is_one_death():
    details = pd.DataFrame({"kind": "count", "text": ["A soldier", "another man and a woman", "the passenger", "he"],
                            "low": [1.0, 2.0, 1.0, 1.0]})
    assert unnumbered_counts(details).tolist() == [False, False, True, True]


def test_two_bounds_far_apart_are_two_headline_tolls_with_less_confidence():
    from claimdiff.divergence import DivergenceSettings
    from claimdiff.divergence.comparers import interval_clash
    nan = float("nan")
    assert interval_clash(12, nan, 36, nan) == DivergenceSettings().bound_confidence  # "at least 12" vs "at least 36"
    assert interval_clash(10, nan, 12, nan) == 0  # "at least 10" vs "at least 12": a near match
    assert interval_clash(6, nan, 40, nan, vague_a=True) == 0  # "many" commits to nothing


def test_a_date_after_since_opens_a_span_that_is_not_compared_as_a_day():
    from claimdiff.details.dates import find_dates
    found = find_dates("Attacks have intensified since April 21 killing dozens.", pd.Timestamp("2016-06-12"))
    assert [(str(d.low), str(d.high)) for d in found] == [("2016-04-21", "2016-06-12")]


def test_a_toll_omission_shows_what_each_outlet_that_gives_the_toll_says():
    from claimdiff.divergence.omissions import toll_omissions
    day = pd.Timestamp("2024-04-19")
    members = pd.DataFrame({"event_id": 0, "claim_id": [0, 1, 2], "report_id": ["a", "b", "c"], "sent_idx": 0,
                            "outlet": ["wire", "blog", "radio"], "published": day,
                            "text": ["Six people were killed.", "The strike killed five.", "Missiles hit a base."]})
    details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "count", "subject": "killed"})
    rows = toll_omissions(members, details)
    assert [(r["outlet"], r["evidence"]) for r in rows] == [
        ("radio", "Six people were killed. | The strike killed five.")]
