"""compare_details: what counts as a divergence, an update, an omission — on hand-made claim and detail tables."""

import numpy as np
import pandas as pd
import yaml
from conftest import DEMO

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.details import extract_details
from claimdiff.divergence import DIVERGENCE, DivergenceSettings, compare_details, summarise_divergence
from claimdiff.divergence.sources import toll_sources
from claimdiff.evaluate import score_divergence


def claims_table(rows):
    """rows: (claim_id, report_id, outlet); every report in event 0, one sentence per claim."""
    table = pd.DataFrame(rows, columns=["claim_id", "report_id", "outlet"])
    table["event_id"] = 0
    table["sent_idx"] = table["claim_id"]
    table["text"] = "sentence " + table["claim_id"].astype(str)
    table["similarity"] = 0.9
    return table


def details_table(rows):
    """rows: (report_id, sent_idx, kind, subject, value, low, high)"""
    table = pd.DataFrame(rows, columns=["report_id", "sent_idx", "kind", "subject", "value", "low", "high"])
    table["text"], table["start"], table["end"] = table["value"], 0, 1
    return table


def reports_table(published):
    return pd.DataFrame({"id": list(published), "published": pd.to_datetime(list(published.values()))})


SAME_DAY = {"a": "2024-04-19 09:00", "b": "2024-04-19 10:00", "c": "2024-04-19 11:00"}


def rows_of(table, kind):
    return table[table["kind"] == kind].set_index("outlet")


def test_table_has_the_documented_columns_and_an_empty_input_gives_them_too():
    empty = compare_details(reports_table(SAME_DAY), claims_table([]), details_table([]))
    assert empty.empty and list(empty.columns) == list(DIVERGENCE)


def test_at_least_21_agrees_with_22_but_not_with_18():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency"), (0, "c", "blog")])
    details = details_table(
        [
            ("a", 0, "count", "killed", "at least 21", 21, np.nan),
            ("b", 0, "count", "killed", "22", 22, 22),
            ("c", 0, "count", "killed", "18", 18, 18),
        ]
    )
    counts = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "count")
    assert counts["agrees"].to_dict() == {"agency": False, "blog": False, "wire": False}
    claims_without_blog = claims[claims["outlet"] != "blog"]
    counts = rows_of(compare_details(reports_table(SAME_DAY), claims_without_blog, details), "count")
    assert counts["agrees"].to_dict() == {"agency": True, "wire": True}
    assert counts["score"].iloc[0] == 22 / 21


def test_a_part_above_another_outlets_total_clashes_and_one_within_it_does_not():
    def compared(claims, counts, groups):
        details = details_table([(report, 0, "count", "killed", *count) for report, count in counts.items()])
        details["group"] = groups
        table = compare_details(reports_table(SAME_DAY), claims, details)
        return rows_of(table[(table["kind"] == "count") & (table["value"] != "none")], "count")

    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    three_attackers, no_one = ("3", 3, 3), ("0", 0, 0)
    counts = compared(claims, {"a": three_attackers, "b": no_one}, ["fighters", "people"])
    assert counts["agrees"].to_dict() == {"agency": False, "wire": False}
    assert counts.loc["wire", "other_value"] == "0" and counts.loc["agency", "other_value"] == "3"
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency"), (0, "c", "blog")])
    counts = compared(claims, {"a": three_attackers, "b": ("14", 14, 14), "c": ("at least 12", 12, np.nan)},
                      ["fighters", "people", "people"])
    # 3 of 14; "at least 12" has no upper bound and lies within bound_ratio of 14
    assert counts["agrees"].to_dict() == {"agency": True, "blog": True, "wire": True}


def test_a_figure_of_people_below_its_own_outlets_part_is_no_total():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    # both: "The attack killed 32 rebels, the monitor said, updating an earlier toll of 15."
    details = details_table([(report, 0, "count", "killed", value, n, n) for report in "ab" for value, n in
                             (("32", 32), ("15", 15))])
    details["group"] = ["fighters", "people"] * 2
    table = compare_details(reports_table(SAME_DAY), claims, details)
    assert table.loc[(table["kind"] == "count") & (table["value"] != "none"), "agrees"].all()


def test_a_later_report_of_the_same_outlet_is_an_update_not_a_contradiction():
    claims = claims_table([(0, "early", "monitor"), (0, "late", "monitor"), (0, "b", "agency")])
    details = details_table(
        [
            ("early", 0, "count", "killed", "18", 18, 18),
            ("late", 0, "count", "killed", "at least 21", 21, np.nan),
            ("b", 0, "count", "killed", "21", 21, 21),
        ]
    )
    reports = reports_table({"early": "2024-04-18 20:00", "late": "2024-04-19 12:00", "b": "2024-04-19 13:00"})
    counts = compare_details(reports, claims, details)
    counts = counts[counts["kind"] == "count"].set_index("report_id")
    assert bool(counts.loc["early", "superseded"]) and pd.isna(counts.loc["early", "agrees"])
    assert counts.loc["late", "agrees"] and counts.loc["b", "agrees"]


def test_which_report_is_later_is_read_from_the_texts_own_datelines_where_the_recorded_dates_are_off():
    # a collection that recorded the later report ten days early (FA-KES records some dates weeks off)
    claims = claims_table([(0, "late", "wire"), (0, "early", "wire"), (0, "b", "agency")])
    details = details_table([("late", 0, "count", "killed", "61", 61, 61),
                             ("early", 0, "count", "killed", "29", 29, 29), ("b", 0, "count", "killed", "61", 61, 61)])
    reports = reports_table({"late": "2017-11-04", "early": "2017-11-13", "b": "2017-11-14"}).assign(
        title="", text=["Reuters Tuesday 14 Nov 2017 The toll has risen to 61.",
                        "AFP Monday 13 Nov 2017 Air strikes killed 29.", "14 Nov 2017 Strikes killed 61."])
    counts = compare_details(reports, claims, details)
    counts = counts[counts["kind"] == "count"].set_index("report_id")
    assert bool(counts.loc["early", "superseded"]) and not bool(counts.loc["late", "superseded"])
    assert counts.loc["late", "published"] == pd.Timestamp("2017-11-14") and counts.loc["late", "agrees"]


def test_of_two_same_time_reports_of_one_outlet_the_smaller_toll_is_the_earlier_version():
    claims = claims_table([(0, "first", "wire"), (1, "second", "wire"), (0, "b", "agency")])
    details = details_table([("first", 0, "count", "killed", "22", 22, 22),
                             ("second", 1, "count", "killed", "31", 31, 31), ("b", 0, "count", "killed", "44", 44, 44)])
    reports = reports_table({"first": "2016-07-27", "second": "2016-07-27", "b": "2016-07-27"})
    counts = compare_details(reports, claims, details)
    counts = counts[(counts["kind"] == "count") & (counts["claim_id"] == 0)].set_index("report_id")
    assert bool(counts.loc["first", "superseded"]) and not bool(counts.loc["b", "superseded"])


def test_no_civilians_harmed_clashes_with_civilians_killed():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = details_table([("a", 0, "count", "casualties", "0", 0, 0), ("b", 0, "count", "killed", "2", 2, 2)])
    details["group"] = "civilians"
    counts = compare_details(reports_table(SAME_DAY), claims, details)
    killed = counts[(counts["kind"] == "count") & (counts["subject"] == "killed")].set_index("outlet")
    assert killed["agrees"].to_dict() == {"agency": False, "wire": False}


def test_a_more_specific_place_agrees_and_a_different_one_does_not_in_sentences_that_give_a_toll():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency"), (0, "c", "blog")])
    places = [
        ("a", 0, "place", "place", "Daraa", np.nan, np.nan),
        ("b", 0, "place", "place", "Daraa", np.nan, np.nan),
        ("b", 0, "place", "place", "Jasim", np.nan, np.nan),
        ("c", 0, "place", "place", "Daraa", np.nan, np.nan),
        ("c", 0, "place", "place", "Nawa", np.nan, np.nan),
    ]
    tolls = [(report, 0, "count", "killed", "3", 3, 3) for report in "abc"]
    places_compared = rows_of(compare_details(reports_table(SAME_DAY), claims, details_table(places + tolls)), "place")
    assert places_compared["agrees"].to_dict() == {"agency": False, "blog": False, "wire": True}
    assert places_compared.loc["agency", "other_outlet"] == "blog" and places_compared.loc["blog", "confidence"] > 0
    # places of sentences that state no toll and no perpetrator (background, context) are not compared
    background = rows_of(compare_details(reports_table(SAME_DAY), claims, details_table(places)), "place")
    assert background["agrees"].isna().all()


def test_hedged_in_one_outlet_and_stated_as_fact_in_another_disagree():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = details_table([("a", 0, "hedge", "hedge", "most likely", np.nan, np.nan)])
    hedges = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "hedge")
    assert hedges["value"].to_dict() == {"agency": "certain", "wire": "most likely"}
    assert not hedges["agrees"].any()


def test_an_outlet_that_names_no_source_for_the_toll_differs_from_one_that_does():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = details_table([("a", 0, "attribution", "monitor", "monitor", np.nan, np.nan),
                             ("a", 0, "count", "killed", "3", 3, 3), ("b", 0, "count", "killed", "3", 3, 3)])
    sources = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "attribution")
    assert sources["value"].to_dict() == {"agency": "none", "wire": "monitor"}
    assert not sources["agrees"].any()
    assert sources["other_value"].to_dict() == {"agency": "monitor", "wire": "none"}


def test_a_toll_most_outlets_give_is_an_omission_for_the_outlet_that_covers_the_event_without_it():
    claims = claims_table(
        [(0, "a", "wire"), (0, "b", "agency"), (1, "a", "wire"), (1, "b", "agency"), (1, "c", "blog")]
    )
    tolls = details_table([("a", 0, "count", "killed", "3", 3, 3), ("b", 0, "count", "killed", "3", 3, 3)])
    table = compare_details(reports_table(SAME_DAY), claims, tolls)
    omissions = table[table["kind"] == "omission"]
    assert omissions[["claim_id", "outlet", "agrees"]].values.tolist() == [[0, "blog", False]]
    assert summarise_divergence(table).loc[0, "n_omission"] == 1
    # a claim without a key fact left out is shown (for the coverage figure), not flagged
    table = compare_details(reports_table(SAME_DAY), claims, details_table([]))
    omissions = table[table["kind"] == "omission"]
    assert omissions[["claim_id", "outlet"]].values.tolist() == [[0, "blog"]] and omissions["agrees"].isna().all()


def test_a_claim_only_one_outlet_makes_is_not_an_omission_of_the_others():
    claims = claims_table([(0, "a", "wire"), (1, "b", "agency"), (2, "c", "blog"),
                           (3, "a", "wire"), (3, "b", "agency"), (3, "c", "blog")])
    table = compare_details(reports_table(SAME_DAY), claims, details_table([]))
    assert table[table["kind"] == "omission"].empty


def test_an_outlet_raising_its_own_toll_in_a_later_report_is_an_update_even_across_claim_groups():
    claims = claims_table([(0, "early", "monitor"), (0, "b", "agency"), (1, "late", "monitor"), (1, "c", "blog")])
    details = details_table(
        [
            ("early", 0, "count", "killed", "18", 18, 18),
            ("b", 0, "count", "killed", "21", 21, 21),
            ("late", 1, "count", "killed", "21", 21, 21),
            ("c", 1, "count", "killed", "21", 21, 21),
        ]
    )
    reports = reports_table({"early": "2024-04-18 20:00", "b": "2024-04-19 09:00", "late": "2024-04-19 12:00",
                             "c": "2024-04-19 13:00"})
    counts = compare_details(reports, claims, details)
    counts = counts[counts["kind"] == "count"].set_index("report_id")
    assert bool(counts.loc["early", "superseded"])
    assert not counts["agrees"].eq(False).any()


def test_a_place_that_lies_within_another_agrees_with_it():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = details_table(
        [
            ("a", 0, "place", "gazetteer", "Syria", np.nan, np.nan),
            ("b", 0, "place", "gazetteer", "al-Sukhnah", np.nan, np.nan),
            ("b", 0, "place", "gazetteer", "Homs", np.nan, np.nan),
        ]
    )
    places = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "place")
    assert places["agrees"].all()


def test_places_from_the_gazetteer_and_from_the_corpus_are_compared_together():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = details_table(
        [
            ("a", 0, "place", "gazetteer", "Jasim", np.nan, np.nan),
            ("b", 0, "place", "corpus", "Kafr Nabudah", np.nan, np.nan),
        ]
    )
    places = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "place")
    assert set(places["subject"]) == {"place"} and not places["agrees"].any()


def date_details(rows):
    """rows: (report_id, first day, last day)"""
    table = details_table([(r, 0, "date", "relative", f"{low}..{high}", np.nan, np.nan) for r, low, high in rows])
    table["date_low"] = pd.to_datetime([low for _, low, _ in rows])
    table["date_high"] = pd.to_datetime([high for _, _, high in rows])
    return table


def test_dates_one_day_apart_disagree_but_a_night_agrees_with_the_morning_after():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    apart = date_details([("a", "2024-04-17", "2024-04-17"), ("b", "2024-04-18", "2024-04-18")])
    assert not rows_of(compare_details(reports_table(SAME_DAY), claims, apart), "date")["agrees"].any()
    night = date_details([("a", "2024-04-17", "2024-04-18"), ("b", "2024-04-18", "2024-04-18")])
    assert rows_of(compare_details(reports_table(SAME_DAY), claims, night), "date")["agrees"].all()


def test_a_year_or_a_month_is_context_and_is_not_compared_with_a_day():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = date_details([("a", "2019-01-01", "2019-12-31"), ("b", "2024-04-18", "2024-04-18")])
    dates = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "date")
    assert dates["agrees"].isna().all() or dates["agrees"].all()


def test_an_actor_only_mentioned_is_not_compared():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = details_table(
        [
            ("a", 0, "actor", "mentioned", "Russia", np.nan, np.nan),
            ("b", 0, "actor", "mentioned", "ISIS", np.nan, np.nan),
        ]
    )
    assert rows_of(compare_details(reports_table(SAME_DAY), claims, details), "actor").empty


def test_the_source_of_the_toll_is_read_from_a_report_that_gives_the_toll():
    claims = claims_table([(0, "early", "monitor"), (0, "b", "agency"), (1, "late", "monitor"), (1, "c", "blog")])
    details = details_table(
        [
            ("early", 0, "attribution", "monitor", "monitor", np.nan, np.nan),
            ("early", 0, "count", "killed", "3", 3, 3),
            ("b", 0, "attribution", "official", "Ministry of Defense", np.nan, np.nan),
            ("b", 0, "count", "killed", "3", 3, 3),
            ("late", 1, "attribution", "anonymous", "local sources", np.nan, np.nan),  # no toll in this sentence
        ]
    )
    reports = reports_table(
        {"early": "2024-04-18 20:00", "b": "2024-04-19 09:00", "late": "2024-04-19 12:00", "c": "2024-04-19 13:00"}
    )
    sources = compare_details(reports, claims, details)
    sources = sources[sources["kind"] == "attribution"].set_index("report_id")
    assert sources.loc["early", "value"] == "monitor" and sources.loc["early", "agrees"] == False  # noqa: E712
    assert sources.loc["early", "other_value"] == "Ministry of Defense"


def test_the_source_of_the_toll_is_read_from_the_outlets_first_report_on_the_incident():
    # the wire's follow-up a day later retells the toll from state media; its first report cites the monitor, as
    # the other outlet does
    claims = claims_table([(0, "first", "wire"), (1, "later", "wire"), (2, "b", "paper")])
    details = details_table(
        [
            ("first", 0, "attribution", "monitor", "monitor", np.nan, np.nan),
            ("first", 0, "count", "killed", "9", 9, 9),
            ("later", 1, "attribution", "media", "state media", np.nan, np.nan),
            ("later", 1, "count", "killed", "9", 9, 9),
            ("b", 2, "attribution", "monitor", "monitor", np.nan, np.nan),
            ("b", 2, "count", "killed", "9", 9, 9),
        ]
    )
    reports = reports_table({"first": "2024-04-18 20:00", "later": "2024-04-19 20:00", "b": "2024-04-19 09:00"})
    sources = rows_of(compare_details(reports, claims, details), "attribution")
    assert sources.loc["wire", "report_id"] == "first" and sources.loc["wire", "value"] == "monitor"
    assert sources["agrees"].all()


def test_a_toll_given_on_no_ones_word_is_the_credit_lines():
    claims = claims_table([(0, "a", "coalition"), (1, "a", "coalition"), (2, "b", "wire")])
    claims["sent_idx"] = [0, 5, 0]
    details = details_table(
        [
            ("a", 0, "count", "killed", "18", 18, 18),
            ("a", 5, "attribution", "other", "rebels", np.nan, np.nan),
            ("b", 0, "attribution", "monitor", "monitor", np.nan, np.nan),
            ("b", 0, "count", "killed", "18", 18, 18),
        ]
    )
    details.loc[1, "text"] = "Source: Syrian Coalition"
    sources = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "attribution")
    assert sources.loc["coalition", "value"] == "rebels" and sources.loc["coalition", "agrees"] == False  # noqa: E712


def test_demo_planted_divergences_are_found_with_the_gold_events():
    """Claims + details + divergence on the demo corpus, scored against its gold.yaml (benchmarks/divergence_demo.py).

    Measured 2026-12-01 with the gold events: recall 0.900 (27 of 30 planted divergences), precision 1.000, with the
    scorer matching a row to the gold entry whose phrases it rests on (see ``score_divergence``); before labels were
    compared across claim groups (same day) 0.833 / 1.000: the E1 targets ("terrorist bases" vs "militant
    hideouts") and the E4 attackers ("a terrorist group" vs "gunmen") are labelled in sentences of different claim
    groups. Still missed: who carried out the E1 strikes (Russian aircraft alone vs joint Syrian-Russian strikes:
    one names a subset of the other's actors, which is compatible), "a number of" killed and wounded vs one killed
    in E4 (a total of killed and wounded of two or more can hold one death). Three attackers killed vs none in E5 is
    found since 2026-12-07 (a count whose sentence names no place stands on its report's one ground).
    """
    gold = yaml.safe_load((DEMO / "gold.yaml").read_text(encoding="utf-8"))
    reports, _ = claimdiff.load_corpus(DEMO)
    sentences = claimdiff.split_sentences(reports)
    assignments = pd.DataFrame(
        [(report, number) for number, event in enumerate(gold["events"]) for report in event["reports"]],
        columns=["report_id", "event_id"],
    )
    claims = align_claims(reports, sentences, assignments, claimdiff.Embedder())
    divergence = compare_details(reports, claims, extract_details(reports, sentences))
    scores, _ = score_divergence(divergence, assignments, gold)
    # measured 0.900 (27/30) on 2026-12-01, 0.933 (28/30) on 2026-12-06; 0.867 (26/30) early on 2026-12-07, 0.933
    # again later that day: the E1 civilians' toll ("no civilians were harmed" vs "two shepherds") found once
    # "harmed" is a casualty word and a zero of casualties is also one of the killed (see README); the E1 doers, "found"
    # in between only through frontline's ISIS (the doer of the earlier ambush its closing line recalls), are missed
    # again once background is left out of every kind (claimdiff.divergence.background)
    assert scores["recall"] >= 0.9
    assert scores["precision"] >= 0.95  # measured 1.000 on 2026-12-01


def test_a_week_is_context_even_when_it_resolves_to_one_day():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = date_details([("a", "2015-02-16", "2015-02-21"), ("b", "2015-02-23", "2015-02-23")])
    details["text"] = ["earlier this week", "this week"]  # "this week" in a report of Monday 23 February
    assert rows_of(compare_details(reports_table(SAME_DAY), claims, details), "date").empty


def _storm(second_place):
    """Two outlets count greenhouses in sentences that were not grouped; each also counts something else."""
    text = {
        "a": "Hail damaged about 600 greenhouses in Jableh. A number of villages lost power.",
        "b": f"I had three greenhouses. More than 700 greenhouses were damaged in {second_place}.",
    }
    reports = reports_table({"a": "2024-04-24 09:00", "b": "2024-04-25 09:00"}).assign(text=lambda r: r["id"].map(text))
    claims = claims_table([(0, "a", "agency"), (1, "a", "agency"), (2, "b", "radio"), (3, "b", "radio")])
    claims["sent_idx"] = [0, 1, 0, 1]
    details = details_table(
        [
            ("a", 0, "count", "other", "about 600", 540, 660),
            ("a", 1, "count", "other", "a number of", 2, np.nan),
            ("b", 0, "count", "other", "3", 3, 3),
            ("b", 1, "count", "other", "more than 700", 701, np.nan),
            ("a", 0, "place", "gazetteer", "Jableh", np.nan, np.nan),
            ("b", 1, "place", "gazetteer", second_place, np.nan, np.nan),
        ]
    )
    # what each count counts, as the details stage reads it from the words after the number
    counted = {"about 600": "greenhouses", "a number of": "villages", "3": "greenhouses",
               "more than 700": "greenhouses"}
    details["group"] = details["value"].map(counted).where(details["kind"].eq("count"))
    return compare_details(reports, claims, details)


def test_counts_of_one_thing_in_sentences_not_grouped_are_compared_across_the_event():
    event_level = _storm("Jableh").query("claim_id == -1")
    assert event_level.set_index("outlet")["value"].to_dict() == {"agency": "about 600", "radio": "more than 700"}
    assert event_level["subject"].unique().tolist() == ["greenhouses"]
    assert not event_level["agrees"].any()


def test_counts_across_the_event_are_compared_only_when_their_sentences_name_related_places_or_days():
    assert _storm("Jasim").query("claim_id == -1").empty


def test_counts_across_the_event_on_days_that_cannot_be_the_same_are_of_other_incidents():
    storm = _storm("Jableh")
    assert len(storm.query("claim_id == -1")) == 2
    # same storm, but the radio's count is dated two days after the agency's: another incident
    text = "More than 700 greenhouses were damaged in Jableh on Friday."
    claims = claims_table([(0, "a", "agency"), (1, "b", "radio")])
    claims["sent_idx"] = 0
    details = details_table(
        [
            ("a", 0, "count", "other", "about 600", 540, 660),
            ("b", 0, "count", "other", "more than 700", 701, np.nan),
            ("a", 0, "place", "gazetteer", "Jableh", np.nan, np.nan),
            ("b", 0, "place", "gazetteer", "Jableh", np.nan, np.nan),
            ("a", 0, "date", "relative", "2024-04-24", np.nan, np.nan),
            ("b", 0, "date", "relative", "2024-04-26", np.nan, np.nan),
        ]
    )
    details["date_low"] = pd.to_datetime(details["value"].where(details["kind"] == "date"))
    details["date_high"] = details["date_low"]
    details["group"] = np.where(details["kind"] == "count", "greenhouses", None)
    texts = {"a": "Hail damaged about 600 greenhouses in Jableh on Wednesday.", "b": text}
    reports = reports_table({"a": "2024-04-24 09:00", "b": "2024-04-26 09:00"})
    reports["text"] = reports["id"].map(texts)
    assert compare_details(reports, claims, details).query("claim_id == -1").empty
    details.loc[details["value"] == "2024-04-26", ["date_low", "date_high"]] = pd.Timestamp("2024-04-24")
    assert len(compare_details(reports, claims, details).query("claim_id == -1")) == 2


def test_labels_for_a_government_and_its_forces_are_compared_as_one_side():
    claims = claims_table([(0, "a", "opposition"), (0, "b", "monitor")])
    details = details_table(
        [
            ("a", 0, "label", "Syrian government", "regime", np.nan, np.nan),
            ("b", 0, "label", "Syrian government forces", "government forces", np.nan, np.nan),
        ]
    )
    labels = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "label")
    assert labels["subject"].unique().tolist() == ["Syrian government"]
    assert labels["agrees"].to_dict() == {"monitor": False, "opposition": False}


def test_unknown_gunmen_and_a_named_group_disagree_on_who_did_it():
    claims = claims_table([(0, "a", "opposition"), (0, "b", "agency")])
    details = details_table(
        [("a", 0, "actor", "agent", "unidentified", np.nan, np.nan), ("b", 0, "actor", "agent", "ISIS", np.nan, np.nan)]
    )
    actors = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "actor")
    assert not actors["agrees"].any()


def test_an_outlet_that_says_what_happened_but_not_who_did_it_leaves_out_the_perpetrator():
    claims = claims_table([(0, "a", "state"), (0, "b", "foreign"), (0, "c", "monitor")])
    details = details_table(
        [("a", 0, "actor", "agent", "unidentified", np.nan, np.nan), ("b", 0, "actor", "agent", "HTS", np.nan, np.nan)]
    )
    omissions = rows_of(compare_details(reports_table(SAME_DAY), claims, details), "omission")
    assert omissions["subject"].to_dict() == {"monitor": "perpetrator"}
    assert omissions.loc["monitor", "report_id"] == "c"


def test_an_outlet_naming_the_group_elsewhere_in_its_report_does_not_leave_out_the_perpetrator():
    claims = claims_table([(0, "a", "state"), (0, "b", "foreign"), (0, "c", "monitor"), (1, "c", "monitor")])
    details = details_table(
        [("a", 0, "actor", "agent", "ISIS", np.nan, np.nan), ("b", 0, "actor", "agent", "ISIS", np.nan, np.nan),
         ("c", 1, "actor", "mentioned", "ISIS", np.nan, np.nan)]
    )
    assert compare_details(reports_table(SAME_DAY), claims, details).query("kind == 'omission'").empty


def test_one_outlet_naming_who_did_it_makes_no_perpetrator_omission():
    claims = claims_table([(0, "a", "state"), (0, "b", "foreign")])
    details = details_table([("a", 0, "actor", "agent", "ISIS", np.nan, np.nan)])
    assert compare_details(reports_table(SAME_DAY), claims, details).query("kind == 'omission'").empty


def test_tolls_placed_in_opposite_directions_from_one_place_disagree_across_the_event():
    claims = claims_table([(0, "a", "monitor"), (1, "b", "opposition"), (2, "c", "radio")])
    details = details_table(
        [("a", 0, "count", "killed", "6", 6.0, 6.0), ("a", 0, "place", "gazetteer", "north of Palmyra", np.nan, np.nan),
         ("b", 1, "count", "killed", "at least 14", 14.0, np.nan),
         ("b", 1, "place", "gazetteer", "south of Palmyra", np.nan, np.nan),
         ("c", 2, "count", "killed", "dozens", 24.0, 99.0), ("c", 2, "place", "gazetteer", "Palmyra", np.nan, np.nan)]
    )
    places = compare_details(reports_table(SAME_DAY), claims, details).query("kind == 'place' and claim_id == -1")
    assert places.set_index("outlet")["agrees"].to_dict() == {"monitor": False, "opposition": False}


def test_tolls_placed_in_neighbouring_directions_agree_and_directions_without_a_toll_are_not_compared():
    claims = claims_table([(0, "a", "monitor"), (1, "b", "opposition"), (2, "c", "radio")])
    details = details_table(
        [("a", 0, "count", "killed", "6", 6.0, 6.0), ("a", 0, "place", "gazetteer", "north of Palmyra", np.nan, np.nan),
         ("b", 1, "count", "killed", "5", 5.0, 5.0), ("b", 1, "place", "gazetteer", "east of Palmyra", np.nan, np.nan),
         ("c", 2, "place", "gazetteer", "south of Palmyra", np.nan, np.nan)]
    )
    places = compare_details(reports_table(SAME_DAY), claims, details).query("kind == 'place'")
    assert sorted(places["outlet"]) == ["monitor", "opposition"] and places["agrees"].all()


def test_a_perpetrator_omission_leaves_the_outlet_stating_the_claim_in_the_coverage_matrix():
    from claimdiff.figures.coverage import coverage_states

    claims = claims_table([(0, "a", "state"), (0, "b", "foreign"), (0, "c", "monitor")])
    details = details_table(
        [("a", 0, "actor", "agent", "ISIS", np.nan, np.nan), ("b", 0, "actor", "agent", "ISIS", np.nan, np.nan)]
    )
    divergence = compare_details(reports_table(SAME_DAY), claims, details)
    assert "perpetrator" in set(divergence["subject"])
    states = coverage_states(claims, divergence, 0)
    expected = {"state": "stated", "foreign": "stated", "monitor": "stated"}
    assert states.set_index("outlet")["state"].to_dict() == expected


def test_the_coverage_matrix_computes_the_states_of_the_claim_rows_it_draws_only():
    from claimdiff.figures.coverage import coverage_matrix, coverage_states

    claims = claims_table([(0, "a", "state"), (0, "b", "foreign"), (1, "a", "state"), (1, "b", "foreign"),
                           (1, "c", "monitor"), (2, "c", "monitor")])
    details = details_table([("a", 1, "count", "killed", "5", 5.0, 5.0), ("b", 1, "count", "killed", "9", 9.0, 9.0),
                             ("c", 1, "count", "killed", "9", 9.0, 9.0)])
    divergence = compare_details(reports_table(SAME_DAY), claims, details)
    every = coverage_states(claims, divergence, 0)
    drawn = coverage_states(claims, divergence, 0, claim_ids=[1])
    pd.testing.assert_frame_equal(drawn, every[every["claim_id"] == 1].reset_index(drop=True), check_dtype=False)
    assert drawn.set_index("outlet")["state"].to_dict() == {"state": "contradicted", "foreign": "stated",
                                                            "monitor": "stated"}
    table = coverage_matrix(claims, divergence, pd.DataFrame({"outlet": ["state", "foreign", "monitor"]}), 0,
                            max_claims=1).table_drawn
    assert set(table["claim_id"]) == {1}  # the claim group the most outlets state


def _labelled(texts):
    """Reports of one event, one outlet each, every sentence its own claim group; their details as extracted."""
    reports = reports_table({r: "2024-04-19 09:00" for r in texts})
    reports["text"] = reports["id"].map(texts)
    sentences = claimdiff.split_sentences(reports.assign(outlet=reports["id"]))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, outlet=sentences["report_id"], similarity=0.9)
    return claims, extract_details(reports, sentences), reports


def test_labels_of_the_attackers_are_compared_across_claim_groups():
    claims, details, reports = _labelled({"a": "Gunmen attacked a checkpoint near Jasim.",
                                          "b": "The army repelled an attack by a terrorist group on a checkpoint."})
    labels = rows_of(compare_details(reports, claims, details), "label")
    assert labels["claim_id"].tolist() == [-1, -1]
    assert labels["value"].to_dict() == {"a": "gunmen", "b": "terrorists"}
    assert labels["agrees"].to_dict() == {"a": False, "b": False}


def test_labels_naming_no_group_are_compared_whatever_their_role_but_not_when_quoted():
    claims, details, reports = _labelled({"a": "Gunmen attacked a checkpoint near Jasim.",
                                          "b": "The strikes hit terrorist bases near Jasim."})
    labels = rows_of(compare_details(reports, claims, details), "label")
    assert labels["agrees"].to_dict() == {"a": False, "b": False}
    claims, details, reports = _labelled({"a": "Gunmen attacked a checkpoint near Jasim.",
                                          "b": 'The army said it hit "terrorist bases" near Jasim.'})
    assert rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1").empty


def test_a_label_in_what_a_source_says_is_not_the_outlets():
    # b's "terrorists" is the ministry's word: b calls the attackers nothing itself, so no clash with a's "rebels"
    claims, details, reports = _labelled({"a": "Rebels shelled a checkpoint near Jasim.",
                                          "b": "The ministry said terrorists shelled a checkpoint near Jasim."})
    labels = rows_of(compare_details(reports, claims, details), "label")
    assert labels.empty or labels["agrees"].all()
    claims, details, reports = _labelled({"a": "Rebels shelled a checkpoint near Jasim.",
                                          "b": "Terrorists shelled a checkpoint near Jasim."})
    assert not rows_of(compare_details(reports, claims, details), "label")["agrees"].any()


def test_a_clash_in_labels_named_in_passing_is_weaker_than_one_for_the_parties_that_act():
    acting = _labelled({"a": "Regime forces shelled a market in Ariha.",
                        "b": "Government forces shelled a market in Ariha."})
    passing = _labelled({"a": "Jets struck a market near regime forces in Ariha.",
                         "b": "Jets struck a market near government forces in Ariha."})
    sure, weak = (rows_of(compare_details(r, c, d), "label").query("claim_id == -1")["confidence"].max()
                  for c, d, r in (acting, passing))
    assert weak < sure


def test_names_for_a_party_named_only_past_the_lead_are_not_compared():
    from claimdiff.divergence.labels import LEAD_SENTENCES

    filler = " ".join(f"Rescuers searched street {i} for survivors." for i in range(LEAD_SENTENCES))
    late = {"a": f"Jets struck a market in Ariha. {filler} Daesh holds Raqqa.",
            "b": f"Jets struck a market in Ariha. {filler} The Islamic State holds Raqqa."}
    lead = {outlet: text.replace("Jets struck", "Jets fighting Daesh struck" if outlet == "a" else
                                 "Jets fighting the Islamic State struck") for outlet, text in late.items()}
    for texts, compared in ((late, False), (lead, True)):
        labels = rows_of(compare_details(*_reordered(_labelled(texts))), "label")
        assert (labels["subject"].eq("ISIS") & labels["agrees"].eq(False)).any() == compared


def test_a_party_one_outlet_names_in_passing_in_its_lead_is_no_party_of_the_incident():
    # a's lead names Daesh in passing (a caption on the war), b names the Islamic State only past its lead
    from claimdiff.divergence.labels import LEAD_SENTENCES

    filler = " ".join(f"Rescuers searched street {i} for survivors." for i in range(LEAD_SENTENCES))
    passing = {"a": f"Jets struck a market in Ariha, far from Daesh lines. {filler}",
               "b": f"Jets struck a market in Ariha. {filler} The Islamic State holds Raqqa."}
    acting = {**passing, "a": f"Daesh fighters attacked a market in Ariha. {filler}"}
    for texts, compared in ((passing, False), (acting, True)):
        labels = rows_of(compare_details(*_reordered(_labelled(texts))), "label")
        assert (labels["subject"].eq("ISIS") & labels["agrees"].eq(False)).any() == compared


def test_words_for_the_attackers_clash_though_one_outlet_uses_the_others_word_in_passing():
    claims, details, reports = _labelled({
        "a": "Rebels attacked a checkpoint near Jasim.",
        "b": "Terrorists attacked a checkpoint near Jasim. The town lies near rebel-held hills."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert not labels["agrees"].any()
    assert labels["confidence"].max() < 0.8  # b says "rebel-held" too: weaker than a clash in every word


def test_a_party_called_by_its_name_alone_clashes_with_one_called_terrorists():
    claims, details, reports = _labelled({"a": "The Islamic State attacked a checkpoint near Jasim.",
                                          "b": "The Islamic State terrorists attacked a checkpoint near Jasim."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("subject == 'ISIS'")
    assert not labels["agrees"].any()
    claims, details, reports = _labelled({"a": "The Islamic State attacked a checkpoint near Jasim.",
                                          "b": "The Islamic State attacked a checkpoint near Jasim again."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("subject == 'ISIS'")
    assert labels.empty or labels["agrees"].all()


def _reordered(labelled):
    claims, details, reports = labelled
    return reports, claims, details


def test_labels_are_compared_once_per_event_not_in_each_claim_group():
    claims, details, reports = _labelled({"a": "Gunmen attacked a checkpoint near Jasim.",
                                          "b": "Terrorists attacked a checkpoint near Jasim."})
    claims["claim_id"] = 0
    labels = rows_of(compare_details(reports, claims, details), "label")
    assert labels["claim_id"].tolist() == [-1, -1] and not labels["agrees"].any()


def _toll_sources(cited):
    """The attribution rows of outlets ``cited``: {outlet: [(type, value), ...]}, each giving a toll of 3."""
    claims = claims_table([(0, outlet, outlet) for outlet in cited])
    rows = [(outlet, 0, "count", "killed", "3", 3, 3) for outlet in cited]
    rows += [(outlet, 0, "attribution", kind, value, np.nan, np.nan)
             for outlet, sources in cited.items() for kind, value in sources]
    table = compare_details(reports_table({o: "2024-04-18 20:00" for o in cited}), claims, details_table(rows))
    return rows_of(table, "attribution")


def test_sources_of_the_toll_are_compared_by_class_not_by_name():
    # state media and the monitor differ; the monitor and an activist network are one class; a second source besides
    # a shared one is no difference
    assert not _toll_sources({"a": [("media", "state media")], "b": [("monitor", "monitor")]})["agrees"].any()
    assert _toll_sources({"a": [("activist", "Local Coordination Committees")],
                          "b": [("monitor", "monitor")]})["agrees"].all()
    assert _toll_sources({"a": [("monitor", "monitor"), ("media", "state media")],
                          "b": [("monitor", "monitor")]})["agrees"].all()


def _hedging(rows):
    """Hedge rows of claim 0 (reports a, b, c), ``rows``: (report, kind, subject, value, start)."""
    claims = claims_table([(0, report, outlet) for report, outlet in (("a", "wire"), ("b", "agency"), ("c", "blog"))
                           if any(r[0] == report for r in rows)])
    details = pd.DataFrame([(report, 0, kind, subject, value, np.nan, np.nan, value, start, start + len(value))
                            for report, kind, subject, value, start in rows],
                           columns=["report_id", "sent_idx", "kind", "subject", "value", "low", "high", "text",
                                    "start", "end"])
    return rows_of(compare_details(reports_table(SAME_DAY), claims, details), "hedge")


def test_a_hedged_toll_differs_from_a_plain_toll_not_from_a_plain_doer():
    hedged_toll = [("a", "hedge", "hedge", "reportedly", 0), ("a", "count", "killed", "35", 20)]
    table = _hedging(hedged_toll + [("b", "count", "killed", "35", 0)])
    assert table.loc["wire", "agrees"] == False and table.loc["agency", "evidence"] == "35"  # noqa: E712
    table = _hedging(hedged_toll + [("b", "actor", "perpetrator", "Russian jets", 0)])
    assert table["agrees"].fillna(True).all()


def _doer_certainty(first, second):
    """Hedge rows about who did it of two outlets' leads: each a list of (kind, subject, value, start)."""
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = pd.DataFrame([(report, 0, kind, subject, value, np.nan, np.nan, value, start, start + len(value))
                            for report, rows in (("a", first), ("b", second)) for kind, subject, value, start in rows],
                           columns=["report_id", "sent_idx", "kind", "subject", "value", "low", "high", "text",
                                    "start", "end"])
    table = compare_details(reports_table(SAME_DAY), claims, details)
    return table[table["subject"] == "certainty of who did it"].set_index("outlet")


def test_a_doer_hedged_in_one_lead_and_stated_in_another_disagree_only_for_the_same_side():
    hedged = [("actor", "agent", "Russia", 40), ("hedge", "hedge", "it is believed", 10)]
    table = _doer_certainty(hedged, [("actor", "agent", "Russia", 0)])
    assert table["value"].to_dict() == {"agency": "certain", "wire": "it is believed"}
    assert not table["agrees"].any()
    other_side = _doer_certainty(hedged, [("actor", "agent", "ISIS", 0)])
    assert len(other_side) == 2 and other_side["agrees"].all()


def test_labels_are_compared_by_tone_not_by_word():
    claims, details, reports = _labelled({"a": "Rebels attacked a checkpoint near Jasim.",
                                          "b": "Insurgents attacked a checkpoint near Jasim."})
    assert rows_of(compare_details(reports, claims, details), "label")["agrees"].all()
    claims, details, reports = _labelled({"a": "Rebels attacked a checkpoint near Jasim.",
                                          "b": "Terrorists attacked a checkpoint near Jasim."})
    labels = rows_of(compare_details(reports, claims, details), "label")
    assert not labels["agrees"].any() and labels["confidence"].tolist() == [0.8, 0.8]
    claims, details, reports = _labelled({"a": "Rebels attacked a checkpoint near Jasim.",
                                          "b": "Militants attacked a checkpoint near Jasim."})
    assert rows_of(compare_details(reports, claims, details), "label")["confidence"].tolist() == [0.3, 0.3]


def test_labels_naming_no_group_clash_less_surely_when_one_names_a_party_only_in_passing():
    claims, details, reports = _labelled({"a": "The war has pitted rebels against the army.",
                                          "b": "Terrorists attacked a checkpoint near Jasim."})
    labels = rows_of(compare_details(claims=claims, details=details, reports=reports), "label")
    # two doubts, each at in_passing_share: is it a party of this incident, and is it the same party?
    settings = DivergenceSettings()
    weak = round(settings.tone_opposed_confidence * settings.in_passing_share ** 2, 2)
    assert not labels["agrees"].any() and labels["confidence"].tolist() == [weak, weak]


def test_a_word_an_outlet_writes_once_against_many_of_the_other_outlets_word_is_no_stance():
    rebels = "Rebels shelled a checkpoint near Jasim. Rebels fired rockets at the army. The rebels retreated at dawn."
    claims, details, reports = _labelled({"a": rebels + " Jihadists were seen in the town.",
                                          "b": rebels + " Terrorists were seen in the town."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert not (labels["agrees"] == False).any()  # noqa: E712 (agrees is nullable)
    # words they write twice are their choice too
    claims, details, reports = _labelled({"a": rebels + " Jihadists were seen. Jihadists fled.",
                                          "b": rebels + " Terrorists were seen. Terrorists fled."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert labels["agrees"].eq(False).any()


def test_a_label_clash_points_at_the_sentence_whose_word_shows_it():
    claims, details, reports = _labelled({
        "a": "Shelling hit a checkpoint near Jasim in the rebel-held south. Terrorists shelled the checkpoint.",
        "b": "Rebels shelled a checkpoint near Jasim."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert labels["sent_idx"].to_dict() == {"a": 1, "b": 0}
    assert labels["value"].to_dict() == {"a": "rebels; terrorists", "b": "rebels"}


def test_a_label_clash_points_at_the_outlets_earliest_report_where_two_are_as_telling():
    texts = {"a-1": "Terrorists shelled the checkpoint near Jasim.", "a-2": "Terrorists shelled a checkpoint.",
             "b": "Rebels shelled a checkpoint near Jasim."}
    reports = reports_table({"a-1": "2024-04-20 09:00", "a-2": "2024-04-19 09:00", "b": "2024-04-19 10:00"})
    reports = reports.assign(text=reports["id"].map(texts), outlet=["a", "a", "b"])
    sentences = claimdiff.split_sentences(reports)
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, outlet=sentences["report_id"].str[0], similarity=0.9)
    labels = rows_of(compare_details(reports, claims, extract_details(reports, sentences)), "label")
    assert labels.query("claim_id == -1")["report_id"].to_dict() == {"a": "a-2", "b": "b"}


def test_a_label_of_a_party_hit_only_by_an_actor_of_another_fight_is_one_in_passing():
    lead = "Russian jets struck {} in the town of Saraqeb on Sunday, killing 9."
    filler = " Rescuers searched the rubble." * 4  # past the lead, where the incident's parties are named
    other = filler + " The province has also been hit by the US-led coalition targeting jihadists."
    claims, details, reports = _labelled({"a": lead.format("rebels") + other, "b": lead.format("the opposition")})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert labels.loc["a", "confidence"] < 0.5  # the jihadists are no party the Russian jets hit
    claims, details, reports = _labelled({"a": lead.format("jihadists"), "b": lead.format("the opposition")})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert labels.loc["a", "confidence"] >= 0.5


def test_a_party_named_and_never_labelled_clashes_only_with_a_word_that_denies_it_standing():
    lead = "{} fired rockets at Aleppo on Sunday, killing 9."
    claims, details, reports = _labelled({"a": lead.format("The Nusra Front"),
                                          "b": lead.format("The Nusra Front terrorist group")})
    labels = rows_of(compare_details(reports, claims, details), "label").query("subject == 'HTS'")
    assert labels["value"].to_dict() == {"a": "named only", "b": "terrorists"}
    assert not labels["agrees"].any()
    # "militants" keeps a distance, no more: an outlet that only names the group takes no stance against it
    claims, details, reports = _labelled({"a": lead.format("The Nusra Front"),
                                          "b": lead.format("Nusra Front militants")})
    assert rows_of(compare_details(reports, claims, details), "label").query("subject == 'HTS'")["agrees"].all()


def test_the_name_of_a_party_is_compared_apart_from_its_labels():
    claims, details, reports = _labelled({"a": "The extremist Islamic State group attacked the town.",
                                          "b": "The extremist Daesh group attacked the town."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("subject == 'ISIS'")
    # "extremist" qualifies the group's name in both: the same label, the names differ
    assert labels["value"].to_dict() == {"a": "Islamic State; extremists", "b": "Daesh; extremists"}
    assert not labels["agrees"].any()


def test_labels_of_a_state_are_not_compared_with_labels_of_an_armed_group():
    claims, details, reports = _labelled({"a": "Rebels attacked a checkpoint near Jasim.",
                                          "b": "The Iranian regime attacked a checkpoint near Jasim."})
    assert rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1").empty


def test_a_label_that_calls_an_act_is_compared_with_labels_of_acts_not_of_parties():
    # b's "a terrorist attack" calls the act by the word; its word for the party is a's "rebels": no clash
    claims, details, reports = _labelled({"a": "Rebels shelled a checkpoint near Jasim.",
                                          "b": "A terrorist attack hit a checkpoint near Jasim. Rebels fled."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert not (labels["agrees"] == False).any()  # noqa: E712 (agrees is nullable)
    # where the act's word is an outlet's only word for the doers, it stands for them
    claims, details, reports = _labelled({"a": "Rebels shelled a checkpoint near Jasim.",
                                          "b": "A terrorist attack hit a checkpoint near Jasim."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert labels["agrees"].to_dict() == {"a": False, "b": False}
    claims, details, reports = _labelled({"a": "A rebel attack hit a checkpoint near Jasim.",
                                          "b": "A terrorist attack hit a checkpoint near Jasim."})
    labels = rows_of(compare_details(reports, claims, details), "label").query("claim_id == -1")
    assert labels["agrees"].to_dict() == {"a": False, "b": False}


def test_who_did_an_earlier_incident_is_not_compared_with_who_did_this_one():
    reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2017-04-05", "2017-04-05"]),
                            "text": ["ISIS claimed the bombing in Jasim on Tuesday.",
                                     "A bomb hit Jasim on Tuesday. In March 2012 the regime was blamed for a blast."]})
    sentences = claimdiff.split_sentences(reports.assign(outlet=reports["id"]))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, outlet=sentences["report_id"], similarity=0.9)
    divergence = compare_details(reports, claims, extract_details(reports, sentences))
    assert divergence.query("kind == 'actor' and subject == 'perpetrator'").empty


def test_a_claim_of_responsibility_far_down_a_report_is_compared_with_no_claim():
    reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2017-04-05", "2017-04-05"]),
                            "text": ["A bomb killed 9 in Jasim. Police came. Shops shut. "
                                     "The Islamic State group claimed responsibility for the attack.",
                                     "A bomb killed 9 in Jasim. Police came. Shops shut. "
                                     "There was no immediate claim of responsibility."]})
    sentences = claimdiff.split_sentences(reports.assign(outlet=reports["id"]))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, outlet=sentences["report_id"], similarity=0.9)
    divergence = compare_details(reports, claims, extract_details(reports, sentences))
    rows = divergence.query("kind == 'actor' and subject == 'perpetrator'").set_index("outlet")
    assert rows["value"].to_dict() == {"a": "ISIS", "b": "unknown"} and not rows["agrees"].any()


def _perpetrators(texts: dict) -> pd.DataFrame:
    reports = pd.DataFrame({"id": list(texts), "published": pd.to_datetime(["2017-04-05"] * len(texts)),
                            "text": list(texts.values())})
    sentences = claimdiff.split_sentences(reports.assign(outlet=reports["id"]))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, outlet=sentences["report_id"], similarity=0.9)
    divergence = compare_details(reports, claims, extract_details(reports, sentences))
    return divergence.query("kind == 'actor' and subject == 'perpetrator'").set_index("outlet")


def test_doers_given_as_alternatives_leave_who_did_it_open():
    rows = _perpetrators({"a": "Russian jets struck a market in Ariha, killing 9.",
                          "b": "The strike on a market in Ariha was carried out by either Syrian or Russian jets."})
    assert rows["value"].to_dict() == {"a": "Russia", "b": "unknown"} and not rows["agrees"].any()


def test_unclear_whether_one_or_the_other_agrees_with_unclear_who():
    rows = _perpetrators({"a": "It was unclear whether Syrian or Russian jets struck the market in Ariha.",
                          "b": "It was not clear who carried out the strike on the market in Ariha."})
    assert rows["value"].to_dict() == {"a": "unknown", "b": "unknown"} and rows["agrees"].all()


def test_the_source_of_a_part_of_the_toll_given_first_stands_beside_that_of_the_whole_toll():
    # "Strikes killed 22 children, UNICEF said." / "In all 35 died, the monitor said." against "35 died, the monitor
    # said": both outlets give the monitor's toll; the first leads with UNICEF's figure of the children among the dead
    members = pd.DataFrame({"event_id": 0, "report_id": ["a", "a", "b"], "sent_idx": [0, 1, 0],
                            "outlet": ["x", "x", "y"], "text": "", "published": pd.NaT})
    details = pd.DataFrame({
        "report_id": ["a", "a", "a", "a", "b", "b"], "sent_idx": [0, 0, 1, 1, 0, 0],
        "kind": ["count", "attribution", "count", "attribution", "count", "attribution"],
        "subject": ["killed", "official", "killed", "monitor", "killed", "monitor"],
        "value": ["22", "UN", "35", "monitor", "35", "monitor"], "text": ["22", "UNICEF said", "35",
                                                                         "the monitor said", "35", "the monitor said"],
        "group": ["children", None, "people", None, "people", None],
        "source": ["UN", None, "monitor", None, "monitor", None]})
    rows = {row["outlet"]: row for row in toll_sources(members, details)}
    assert rows["x"]["value"] == "UN; monitor" and rows["x"]["agrees"] is not False


def test_a_source_of_the_lead_dated_to_another_day_is_not_the_toll_source():
    # "The army killed 50 militants." / "On Friday a military source said the army advanced." in a report of
    # Sunday, against "32 killed, a monitor said": the military source speaks of Friday, the toll is unsourced
    day = pd.Timestamp("2014-08-24")
    members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"], "text": "",
                            "published": day})
    details = pd.DataFrame({
        "report_id": ["a", "a", "a", "b", "b"], "sent_idx": [0, 1, 1, 0, 0],
        "kind": ["count", "date", "attribution", "count", "attribution"],
        "subject": ["killed", None, "anonymous", "killed", "monitor"],
        "value": ["50", "2014-08-22", "military source", "32", "monitor"],
        "text": ["50", "Friday", "a military source said", "32", "a monitor said"],
        "group": ["fighters", None, None, "fighters", None], "source": [None, None, None, "monitor", None],
        "date_low": [pd.NaT, day - pd.Timedelta(days=2), pd.NaT, pd.NaT, pd.NaT]})
    details["date_high"] = details["date_low"]
    rows = {row["outlet"]: row for row in toll_sources(members, details)}
    assert rows["x"]["value"] == "none"
    on_sunday = details.assign(date_low=details["date_low"] + pd.Timedelta(days=2))
    on_sunday["date_high"] = on_sunday["date_low"]
    assert {row["outlet"]: row for row in toll_sources(members, on_sunday)}["x"]["value"] == "military source"


def test_a_toll_restated_in_the_body_takes_the_source_of_the_next_sentence_only():
    # "9 killed, the monitor said." ... "9 were killed." "The town was shelled." "A military source said the army
    # advanced.": the military source speaks of the advance, two sentences past the restated toll
    members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"], "text": "",
                            "published": pd.NaT})
    details = pd.DataFrame({
        "report_id": ["a", "a", "a", "a", "b", "b"], "sent_idx": [0, 0, 3, 5, 0, 0],
        "kind": ["count", "attribution", "count", "attribution", "count", "attribution"],
        "subject": ["killed", "monitor", "killed", "anonymous", "killed", "monitor"],
        "value": ["9", "monitor", "9", "military source", "9", "monitor"],
        "text": ["9", "the monitor said", "9", "A military source said", "9", "the monitor said"],
        "group": ["people", None, "people", None, "people", None],
        "source": ["monitor", None, None, None, "monitor", None]})
    rows = {row["outlet"]: row for row in toll_sources(members, details)}
    assert rows["x"]["value"] == "monitor"


def _sourced_reports(sentences, counts, cited):
    """``toll_sources`` over reports of outlets x, y, ...: ``sentences`` {report: [text, ...]} (the outlet is the
    report's name), ``counts`` [(report, sent_idx, subject, value, group, source, text)], ``cited`` [(report, sent_idx,
    value, text)]; start offsets are those of each phrase in its sentence plus 1000 per sentence."""
    members = pd.DataFrame([{"event_id": 0, "report_id": report, "sent_idx": i, "outlet": report, "text": text,
                             "published": pd.NaT} for report, texts in sentences.items()
                            for i, text in enumerate(texts)])
    rows = [{"report_id": r, "sent_idx": i, "kind": "count", "subject": subject, "value": value, "low": float(value),
             "text": text, "group": group, "source": source, "start": 1000 * i + sentences[r][i].find(text)}
            for r, i, subject, value, group, source, text in counts]
    rows += [{"report_id": r, "sent_idx": i, "kind": "attribution", "subject": "other", "value": value, "low": np.nan,
              "text": text, "group": None, "source": None, "start": 1000 * i + sentences[r][i].find(text)}
             for r, i, value, text in cited]
    for row in rows:
        row["end"] = row["start"] + len(row["text"])
    return {row["outlet"]: row for row in toll_sources(members, pd.DataFrame(rows))}


def test_a_report_that_mentions_the_toll_in_passing_is_not_compared_for_its_source():
    # a reaction ("Mogherini said the regime bears responsibility for the attack that killed 58") quotes a source on
    # something else: only the reports that tell the toll as news are compared
    rows = _sourced_reports(
        {"x": ["Mogherini said the regime bears responsibility for an attack that killed 58 people."],
         "y": ["A gas attack killed 58 people, the monitor said."],
         "z": ["A gas attack killed 58 people, the health directorate said."]},
        [("x", 0, "killed", "58", "people", "Mogherini", "58"), ("y", 0, "killed", "58", "people", "monitor", "58"),
         ("z", 0, "killed", "58", "people", "medical officials", "58")],
        [("x", 0, "Mogherini", "Mogherini said"), ("y", 0, "monitor", "the monitor said"),
         ("z", 0, "medical officials", "the health directorate said")])
    assert set(rows) == {"y", "z"} and rows["y"]["agrees"] is False


def test_a_toll_in_a_relative_clause_closed_by_its_source_is_the_reports_own():
    rows = _sourced_reports(
        {"x": ["Gas was used in the attack which left 100 people dead according to the health directorate."],
         "y": ["A gas attack killed 58 people, the monitor said."]},
        [("x", 0, "killed", "100", "people", "medical officials", "100"),
         ("y", 0, "killed", "58", "people", "monitor", "58")],
        [("x", 0, "medical officials", "according to the health directorate"), ("y", 0, "monitor", "the monitor said")])
    assert rows["x"]["value"] == "medical officials" and rows["x"]["agrees"] is False


def test_the_toll_sentence_comes_before_one_that_counts_no_people():
    # the title's "2494 views" is no toll: the lead's toll and its source are
    rows = _sourced_reports(
        {"x": ["Rebels attack Aleppo Views 2494", "Rockets killed 15 civilians, a monitor said."],
         "y": ["Rockets killed 15 civilians, a police source told SANA."]},
        [("x", 0, "other", "2494", "views", None, "2494"), ("x", 1, "killed", "15", "civilians", "monitor", "15"),
         ("y", 0, "killed", "15", "civilians", "police", "15")],
        [("x", 1, "monitor", "a monitor said"), ("y", 0, "police", "a police source told")])
    assert rows["x"]["value"] == "monitor" and rows["x"]["sent_idx"] == 1


def test_the_sentence_after_the_toll_that_confirms_it_adds_its_source():
    rows = _sourced_reports(
        {"x": ["A bomber killed 16 people, an official said.", "A Kurdish police source confirmed the death toll."],
         "y": ["A bomber killed 16 people, the monitor said."]},
        [("x", 0, "killed", "16", "people", "officials", "16"), ("y", 0, "killed", "16", "people", "monitor", "16")],
        [("x", 0, "officials", "an official said"), ("x", 1, "police", "A Kurdish police source confirmed"),
         ("y", 0, "monitor", "the monitor said")])
    assert rows["x"]["value"] == "officials; police"


def test_a_restated_toll_takes_the_next_sentences_source_only_where_it_speaks_of_the_toll():
    rows = _sourced_reports(
        {"x": ["A gas attack killed 58 people.", "Leaders condemned it.", "Video: gas attack kills 58.",
               "The coalition demands a UN inquiry, the body said."],
         "y": ["A gas attack killed 58 people, the monitor said."]},
        [("x", 0, "killed", "58", "people", None, "58"), ("x", 2, "killed", "58", "people", None, "58"),
         ("y", 0, "killed", "58", "people", "monitor", "58")],
        [("x", 3, "body", "the body said"), ("y", 0, "monitor", "the monitor said")])
    assert rows["x"]["value"] == "none"


def test_a_report_that_counts_no_people_has_no_source_of_a_toll():
    # "The journalist said eight air strikes could be heard" gives no toll: its source is not compared with the
    # monitor's behind another outlet's death toll
    rows = _sourced_reports(
        {"x": ["The journalist in the city said eight air strikes could be heard."],
         "y": ["Clashes left 23 civilians dead, the monitor said."]},
        [("x", 0, "other", "8", "strikes", "reporters", "eight"),
         ("y", 0, "killed", "23", "civilians", "monitor", "23")],
        [("x", 0, "reporters", "The journalist in the city said"), ("y", 0, "monitor", "the monitor said")])
    assert set(rows) <= {"y"}
