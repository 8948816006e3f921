"""Every detail carries the scope of the part of its sentence it stands in: the report's own incident, another
incident, a running total or the context (claimdiff.details.scope), and divergence leaves all but the incident's
out of every kind of comparison."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.details.scope import SCOPES, detail_scopes, wording_scope
from claimdiff.divergence import compare_details
from claimdiff.divergence.background import background_rows


def _report(*texts):
    text = " ".join(texts)
    starts = [text.find(t) for t in texts]
    reports = pd.DataFrame({"id": ["r"], "published": [pd.Timestamp("2024-04-21")], "text": [text]})
    sentences = pd.DataFrame({"report_id": "r", "sent_idx": range(len(texts)), "text": list(texts),
                              "start": starts, "end": [s + len(t) for s, t in zip(starts, texts, strict=True)]})
    return reports, sentences


def _scopes(*texts):
    return extract_details(*_report(*texts))


def _scope_of(details, kind, text):
    rows = details[(details["kind"] == kind) & details["text"].str.contains(text, regex=False)]
    assert len(rows), (kind, text)
    return rows["scope"].iloc[0]


def test_every_detail_row_has_one_of_the_known_scopes():
    details = _scopes("Rebels killed 12 soldiers near Aleppo on Saturday, the army said.")
    assert len(details) and details["scope"].isin(SCOPES).all()
    assert (details["scope"] == "incident").all()


def test_details_after_an_earlier_time_frame_are_another_incidents_and_those_before_it_the_incidents():
    details = _scopes("Six civilians were killed in Aleppo on Saturday; last week an air strike killed 22 in Idlib.")
    assert _scope_of(details, "count", "Six") == "incident"
    assert _scope_of(details, "count", "22") == "other incident"
    assert _scope_of(details, "place", "Idlib") == "other incident"


def test_a_clause_about_another_moment_ends_at_its_comma():
    details = _scopes("Six children were killed, a day after dozens died in Idlib, residents said.")
    assert _scope_of(details, "count", "Six") == "incident"
    assert _scope_of(details, "count", "dozens") == "other incident"
    assert _scope_of(details, "attribution", "residents") == "incident"


def test_a_sentence_that_sums_up_a_span_is_a_running_total_and_so_is_the_one_carrying_it_on():
    details = _scopes("Air strikes have pounded the city since rebels launched an offensive on July 31.",
                      "The strikes have killed 122 civilians.",
                      "On Sunday a strike killed 9 people.")
    assert _scope_of(details, "count", "122") == "running total"
    assert _scope_of(details, "count", "9") == "incident"


def test_counts_of_several_incidents_summed_up_are_a_running_total_but_the_sentence_is_not():
    details = _scopes("Two teenagers died in separate attacks by gunmen in Aleppo.")
    assert _scope_of(details, "count", "Two") == "running total"
    assert _scope_of(details, "place", "Aleppo") == "incident"


def test_a_rate_makes_only_counts_no_incidents_figures():
    details = _scopes("The ministry raised the price of bread on Tuesday to 500 pounds while salaries stay at "
                      "90,000 pounds a month.")
    assert set(details.loc[details["kind"] != "count", "scope"]) == {"incident"}
    assert set(details.loc[details["kind"] == "count", "scope"]) <= {"running total"}


def test_a_sentence_dated_to_a_period_is_context():
    details = _scopes("Twelve people were killed in Aleppo on Saturday.",
                      "In 2014 ISIS seized swathes of territory and killed thousands.")
    assert _scope_of(details, "count", "Twelve") == "incident"
    assert _scope_of(details, "count", "thousands") == "context"
    assert _scope_of(details, "actor", "ISIS") == "context"


def test_a_sentence_dated_to_its_day_and_a_period_tells_of_the_day_but_its_counts_may_be_the_periods():
    details = _scopes("Rebels shelled Aleppo on Saturday, killing 12 people, the third such attack this year.")
    assert _scope_of(details, "place", "Aleppo") == "incident"
    assert _scope_of(details, "count", "12") == "context"


def test_a_table_without_offsets_places_a_detail_by_its_phrase():
    sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0], "text": [
        "Four soldiers died on Monday, two days after 30 died in Homs."]})
    details = pd.DataFrame({"report_id": "r", "sent_idx": 0, "kind": ["count", "count", "place"],
                            "text": ["Four", "30", "Homs"]})
    assert detail_scopes(details, sentences).tolist() == ["incident", "other incident", "other incident"]


def test_a_sentence_dated_long_before_the_event_is_background_though_its_wording_is_not():
    day = pd.Timestamp
    details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 0, 1, 1], "kind": ["date", "actor", "date", "actor"],
                            "role": None, "scope": "incident",
                            "date_low": [day("2024-04-20"), pd.NaT, day("2024-03-01"), pd.NaT],
                            "date_high": [day("2024-04-20"), pd.NaT, day("2024-03-01"), pd.NaT]})
    members = pd.DataFrame({"event_id": 0, "report_id": "r", "sent_idx": [0, 1], "published": day("2024-04-21")})
    assert background_rows(details, members).tolist() == [False, False, True, True]


def test_an_earlier_incidents_toll_labels_and_sources_clash_with_nothing_of_this_one():
    texts = ["Rebels shelled Aleppo on Saturday, killing 15 civilians, medics said.",
             "Earlier this week terrorists shelled Aleppo, killing 87 civilians, activists said."]
    claims = pd.DataFrame({"claim_id": [0, 0], "event_id": [0, 0], "report_id": ["a", "b"], "sent_idx": [0, 0],
                           "outlet": ["wire", "blog"], "text": texts, "similarity": [.9, .9]})
    reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2024-04-21", "2024-04-21"]),
                            "text": texts})
    sentences = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "text": texts, "start": 0,
                              "end": [len(t) for t in texts]})
    details = extract_details(reports, sentences)
    assert set(details.loc[details["report_id"] == "b", "scope"]) == {"other incident"}

    def clashing(table):
        return set(table.loc[table["agrees"].eq(False).fillna(False), "kind"])
    assert clashing(compare_details(reports, claims, details)) == set()
    # read as this incident's, the same details clash in count, label and attribution
    assert {"count", "label", "attribution"} <= clashing(compare_details(reports, claims,
                                                                         details.assign(scope="incident")))


def test_a_span_since_part_of_a_year_is_a_running_total():
    assert wording_scope("The city has been divided between the two sides since mid-2012.")[0] == "running total"
    assert wording_scope("Government forces have held the town since early March.")[0] == "running total"
    assert wording_scope("Government forces took the town in mid-March.")[0] == "incident"


def test_a_round_up_sentence_in_a_place_the_lead_cannot_be_tells_of_another_incident():
    details = _scopes("Air strikes killed 12 civilians in Saraqib in Idlib province on Saturday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "Separately, five people were killed in shelling on Daraa.",
                      "Two more bodies were found in Saraqib.",
                      "Shelling on Daraa also wounded three.")
    assert _scope_of(details, "count", "12") == "incident"
    assert _scope_of(details, "count", "five") == "other incident"
    assert _scope_of(details, "count", "Two") == "incident"
    assert _scope_of(details, "count", "three") == "other incident"


def test_a_sentence_in_another_place_without_a_round_ups_wording_stays_the_incidents():
    details = _scopes("Air strikes killed 12 civilians in Saraqib on Saturday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "The wounded were taken to hospitals in Daraa.")
    assert _scope_of(details, "place", "Daraa") == "incident"


def test_a_sentence_on_a_day_two_or_more_days_from_the_leads_tells_of_another_incident_one_a_day_apart_does_not():
    details = _scopes("Air strikes killed 12 civilians in Saraqib on Saturday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "On Thursday, strikes on the town killed 7.",
                      "On Sunday the toll rose to 15.")
    assert _scope_of(details, "count", "12") == "incident"
    assert _scope_of(details, "count", "7") == "other incident"
    assert _scope_of(details, "count", "15") == "incident"


def test_what_the_war_as_a_whole_has_cost_is_context():
    details = _scopes("Air strikes killed 12 civilians in Saraqib on Saturday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "Syria's conflict has killed more than 230,000 people and displaced millions.",
                      "More than 300,000 people have been killed, the monitor says.")
    assert _scope_of(details, "count", "230,000") == "context"
    assert _scope_of(details, "count", "300,000") == "context"


def test_a_clause_that_brings_the_number_killed_in_24_hours_is_a_running_total_the_toll_before_it_is_not():
    text = ("Air strikes killed at least 12 civilians on Monday a monitor said bringing to 45 the number killed in "
            "24 hours.")
    sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0], "start": [0], "text": [text]})
    details = pd.DataFrame({"report_id": "r", "sent_idx": 0, "kind": "count", "text": ["at least 12", "45"],
                            "start": [text.index("at least 12"), text.index("45")]})
    assert detail_scopes(details, sentences).tolist() == ["incident", "running total"]



def test_a_count_over_an_offensive_of_several_days_is_a_running_total_but_its_day_is_the_incidents():
    text = "Rebels fought on Sunday where 38 civilians have been killed in a two-day opposition offensive."
    sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0], "start": [0], "text": [text]})
    details = pd.DataFrame({"report_id": "r", "sent_idx": 0, "kind": ["date", "count"], "text": ["Sunday", "38"],
                            "start": [text.index("Sunday"), text.index("38")]})
    assert detail_scopes(details, sentences).tolist() == ["incident", "running total"]


def test_a_sentence_of_another_kind_of_act_in_places_that_cannot_be_the_leads_tells_of_another_incident():
    details = _scopes("Air strikes killed 12 civilians in Saraqib on Saturday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "A car bomb killed 5 people in Latakia, state media said.",
                      "Shelling hit Saraqib too, killing 2.",
                      "Air strikes on Daraa killed 9.")
    assert _scope_of(details, "count", "5") == "other incident"
    assert _scope_of(details, "count", "2") == "incident"  # another act, but the lead's town
    assert _scope_of(details, "count", "9") == "incident"  # the lead's act and no round-up wording


def test_meanwhile_within_a_sentence_is_a_round_ups_wording():
    details = _scopes("Air strikes killed 12 civilians in Saraqib on Saturday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "Outside Damascus meanwhile air strikes killed 8 people in Douma.")
    assert _scope_of(details, "count", "8") == "other incident"


def test_a_sentence_opening_with_a_day_before_the_leads_tells_of_an_earlier_incident_a_later_one_does_not():
    details = _scopes("Air strikes killed 12 civilians in Saraqib on Saturday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "On Friday, two women were among eight people killed when a barrel bomb hit a building.",
                      "On Sunday the toll rose to 15.",
                      "The monitor said on Friday it had counted 30 strikes.")
    assert _scope_of(details, "count", "eight") == "other incident"
    assert _scope_of(details, "count", "15") == "incident"
    assert _scope_of(details, "count", "30") == "incident"  # a day one day apart, not opening the sentence


def test_a_span_after_a_rank_ranks_the_incident_and_is_no_running_total_nor_context():
    details = _scopes("A suicide bomber killed four people in Qardaha on Sunday.",
                      "The attack, the first explosion to hit the town since the outbreak of the war in 2011, "
                      "killed a nurse and two soldiers.")
    assert _scope_of(details, "count", "two") == "incident"
    reports, sentences = _report("Rebels shelled Aleppo on Saturday, killing 12 people, the third such attack "
                                 "this year.")
    assert _scope_of(extract_details(reports, sentences), "count", "12") == "context"


def test_a_second_lead_sentence_going_on_to_another_town_is_another_incident_and_leaves_the_lead_alone():
    details = _scopes("At least three children were killed in a rebel rocket attack on a school in Aleppo on Thursday.",
                      "A child was also among eight people killed in government shelling on Douma.",
                      "Government shelling on Douma also killed two people.")
    assert _scope_of(details, "count", "eight") == "other incident"
    assert _scope_of(details, "count", "two") == "other incident"  # Douma is not the lead's town


def test_a_sentence_pointing_back_to_an_earlier_attack_told_as_background_is_that_background():
    details = _scopes("A gas attack killed 40 people in Saraqib on Tuesday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "Inspectors found that sarin was used near Homs in 2014.",
                      "Western powers blamed the army for that attack, which they say killed 300 people.",
                      "That agreement came after 500 people were killed in strikes near Hama.",
                      "Rescuers said 15 more bodies were found in Saraqib.",
                      "That toll includes 12 children.")
    assert _scope_of(details, "count", "40") == "incident"
    assert _scope_of(details, "count", "300") == "context"
    assert _scope_of(details, "count", "500") == "context"  # pointing back to a sentence pointing back
    assert _scope_of(details, "count", "12") == "incident"  # the sentence before it tells of the incident


def test_a_sentence_pointing_back_at_the_end_of_a_ranking_span_is_that_spans_background():
    details = _scopes("A gas attack killed 40 people in Saraqib on Tuesday, a monitor said.",
                      "It was the deadliest attack since sarin killed hundreds near Homs in August 2014.",
                      "Western governments blamed the Syrian army for that attack.",
                      "Those killed in Saraqib included 12 children.")
    assert _scope_of(details, "actor", "Syrian army") == "context"
    assert _scope_of(details, "count", "12") == "incident"  # people, not an attack pointed back at


def test_the_act_an_attack_paid_back_is_another_incident():
    details = _scopes("Air strikes killed 12 civilians in Saraqib on Tuesday, a monitor said.",
                      "Rescuers searched the rubble for survivors.",
                      "Activists said the strikes came in revenge for the downing of a jet that killed its two pilots.")
    assert _scope_of(details, "count", "12") == "incident"
    assert _scope_of(details, "count", "two") == "other incident"


def test_a_span_since_a_season_is_a_running_total():
    assert wording_scope("Rebels and extremist groups have held the province since spring 2015.")[0] == "running total"


def test_what_an_attack_came_on_the_heels_of_is_another_incident():
    assert wording_scope("Tuesday's raids come on the heels of similar strikes on Monday that killed 9.")[1] == (
        (36, 77, "other incident"),)
