"""An event that holds reports of two incidents: reports whose leads date the act days apart, or name places on no
common ground, are not compared (claimdiff.divergence.apart); reports of one incident still are."""

import numpy as np
import pandas as pd
from test_divergence import SAME_DAY, claims_table, details_table, reports_table, rows_of

from claimdiff.divergence import DivergenceSettings, compare_details


def tolls_dated(days: dict, killed=("21", "18")):
    """Reports a and b, one sentence each: a toll and the day of the act."""
    rows = [(report, 0, "count", "killed", value, float(value), float(value))
            for report, value in zip("ab", killed, strict=True)]
    rows += [(report, 0, "date", "explicit", day, np.nan, np.nan) for report, day in days.items()]
    details = details_table(rows)
    dated = details["kind"] == "date"
    details["date_low"] = details["date_high"] = pd.to_datetime(details["value"].where(dated))
    details.loc[dated, "text"] = pd.to_datetime(details.loc[dated, "value"]).dt.strftime("%B %d %Y").to_numpy()
    return details


def tolls_at(places: dict, killed=("21", "18")):
    """Reports a and b: a toll, then (the lead's second sentence) the places of the act."""
    rows = [(report, 0, "count", "killed", value, float(value), float(value))
            for report, value in zip("ab", killed, strict=True)]
    rows += [(report, 1, "place", "place", place, np.nan, np.nan) for report, names in places.items()
             for place in names]
    return details_table(rows)


def count_flags(details, reports, **settings):
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency"), (1, "a", "wire"), (1, "b", "agency")])
    counts = rows_of(compare_details(reports, claims, details, settings=DivergenceSettings(**settings)), "count")
    return int((counts["agrees"] == False).sum())  # noqa: E712


def test_tolls_of_leads_that_date_the_act_three_weeks_apart_are_not_compared():
    filed = reports_table({"a": "2016-04-04 10:00", "b": "2016-04-25 10:00"})
    details = tolls_dated({"a": "2016-04-04", "b": "2016-04-25"})
    assert count_flags(details, filed) == 0
    assert count_flags(details, filed, tell_incidents_apart=False) == 2


def test_leads_that_date_the_act_a_day_apart_are_one_story_and_compared():
    filed = reports_table({"a": "2017-04-07 10:00", "b": "2017-04-08 10:00"})
    assert count_flags(tolls_dated({"a": "2017-04-06", "b": "2017-04-07"}), filed) == 2


def test_tolls_of_two_cities_of_different_governorates_are_not_compared_but_of_a_town_and_its_own_are():
    assert count_flags(tolls_at({"a": ["Qamishli"], "b": ["Aleppo"]}), reports_table(SAME_DAY)) == 0
    assert count_flags(tolls_at({"a": ["Qamishli"], "b": ["Aleppo"]}), reports_table(SAME_DAY),
                       tell_incidents_apart=False) == 2
    # a town and its governorate lie on one ground
    assert count_flags(tolls_at({"a": ["Khan Shaykhun", "Idlib"], "b": ["Idlib"]}), reports_table(SAME_DAY)) == 2
    # a lead that names no place below the country is apart from none
    assert count_flags(tolls_at({"a": ["Qamishli"], "b": ["Syria"]}), reports_table(SAME_DAY)) == 2


def test_a_village_unknown_to_the_gazetteer_lies_in_the_governorate_its_lead_names_beside_it():
    # a village the gazetteer does not place, named beside Idlib, is not in Eastern Ghouta: tolls not compared
    village = "Qaryat al-Mithal"
    assert count_flags(tolls_at({"a": [village, "Idlib"], "b": ["Eastern Ghouta", "Damascus"]}),
                       reports_table(SAME_DAY)) == 0
    # named alone it may lie anywhere, and beside Damascus it may lie in Eastern Ghouta: compared
    assert count_flags(tolls_at({"a": [village], "b": ["Eastern Ghouta", "Damascus"]}), reports_table(SAME_DAY)) == 2
    assert count_flags(tolls_at({"a": [village, "Damascus"], "b": ["Eastern Ghouta"]}), reports_table(SAME_DAY)) == 2


def test_tolls_of_strikes_on_two_villages_of_one_governorate_are_not_compared():
    def at(places_a, places_b, roles):
        details = tolls_at({"a": places_a, "b": places_b})
        details["role"] = details["value"].map(roles).astype(object)
        return count_flags(details, reports_table(SAME_DAY))

    village = "Qaryat al-Mithal"  # not in the gazetteer, named alone: a village the corpus names
    assert at([village, "Idlib"], ["Khan Shaykhun", "Idlib"], {"Khan Shaykhun": "town", "Idlib": "province"}) == 0
    # the city of Idlib named as well: villages a few kilometres out are often reported as the city
    assert at([village, "Idlib"], ["Khan Shaykhun", "Idlib"], {"Khan Shaykhun": "town", "Idlib": "city"}) == 2
    # one town spelt two ways
    assert at(["Khan Shaykun", "Idlib"], ["Khan Shaykhun", "Idlib"], {"Khan Shaykhun": "town", "Idlib": "province"}) \
        == 2
    # Idlib named alone may be the city, where the village may lie
    assert at([village, "Idlib"], ["Khan Shaykhun"], {"Khan Shaykhun": "town"}) == 2


def omission_flags(places: dict, **settings) -> list:
    """Reports a and b give a toll (claim 0) and, with report c, name the places of the act (claim 1)."""
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency"), (1, "a", "wire"), (1, "b", "agency"),
                           (1, "c", "blog")])
    details = tolls_at(places)
    table = compare_details(reports_table(SAME_DAY), claims, details, settings=DivergenceSettings(**settings))
    omissions = rows_of(table, "omission")
    return sorted(omissions.index[omissions["agrees"] == False])  # noqa: E712


def test_a_toll_given_only_by_reports_of_another_incident_is_no_omission():
    # c's lead places its act in Qamishli, a's and b's in Aleppo: c did not leave out their toll
    apart = {"a": ["Aleppo"], "b": ["Aleppo"], "c": ["Qamishli"]}
    assert omission_flags(apart) == []
    assert omission_flags(apart, tell_incidents_apart=False) == ["blog"]
    # a town of Aleppo's governorate beside Aleppo is one incident: left out
    assert omission_flags({"a": ["Aleppo"], "b": ["Aleppo"], "c": ["Manbij", "Aleppo"]}) == ["blog"]


def test_a_report_that_dates_nothing_filed_three_weeks_after_the_others_act_is_not_compared_with_it():
    dated_a_only = tolls_dated({"a": "2016-10-05"})
    weeks_later = reports_table({"a": "2016-10-05 10:00", "b": "2016-10-26 10:00"})
    assert count_flags(dated_a_only, weeks_later) == 0
    assert count_flags(dated_a_only, weeks_later, tell_incidents_apart=False) == 2
    # filed days later, a report that does not date the act retells it as often as not: compared
    days_later = reports_table({"a": "2016-10-05 10:00", "b": "2016-10-09 10:00"})
    assert count_flags(dated_a_only, days_later) == 2


def test_a_report_apart_from_most_of_its_event_is_marked_held_apart_on_every_row_and_the_others_are_not():
    rows = [(report, 0, "count", "killed", value, float(value), float(value))
            for report, value in zip("abc", ("21", "20", "6"), strict=True)]
    rows += [(report, 1, "place", "place", place, np.nan, np.nan)
             for report, place in (("a", "Khan Shaykhun"), ("a", "Idlib"), ("b", "Idlib"), ("c", "Qamishli"))]
    claims = claims_table([(0, r, o) for r, o in zip("abc", ("wire", "agency", "daily"), strict=True)]
                          + [(1, r, o) for r, o in zip("abc", ("wire", "agency", "daily"), strict=True)])
    table = compare_details(reports_table(SAME_DAY), claims, details_table(rows))
    held = table.groupby("report_id")["held_apart"].agg(["all", "any"])
    assert held.loc["c"].tolist() == [True, True] and not held.loc[["a", "b"], "any"].any()
    assert table["held_apart"].dtype == bool
    off = compare_details(reports_table(SAME_DAY), claims, details_table(rows),
                          settings=DivergenceSettings(tell_incidents_apart=False))
    assert not off["held_apart"].any()


def test_a_report_held_apart_from_its_event_does_not_stand_for_its_outlet_in_the_event_wide_sources_and_doubts():
    from claimdiff.divergence.doubt import doer_hedging
    from claimdiff.divergence.sources import toll_sources

    # outlet x filed a report of another incident ("early", held apart) before its report of this one ("late")
    members = pd.DataFrame({"event_id": 0, "report_id": ["early", "late", "b"], "sent_idx": 0,
                            "outlet": ["x", "x", "y"], "published": pd.to_datetime(["2017-04-04 08:00"] * 3),
                            "text": ["19 killed, state TV said", "58 killed, the monitor said",
                                     "58 killed, the monitor said"]})
    rows = [(r, 0, "count", "killed", v, float(v), float(v)) for r, v in (("early", "19"), ("late", "58"),
                                                                          ("b", "58"))]
    rows += [(r, 0, "attribution", s, s, np.nan, np.nan) for r, s in (("early", "state media"), ("late", "monitor"),
                                                                       ("b", "monitor"))]
    details = details_table(rows).assign(group=lambda d: d["subject"].where(d["kind"] == "count"))
    sources = {r["outlet"]: (r["report_id"], r["agrees"]) for r in toll_sources(members, details)}
    assert sources == {"x": ("early", False), "y": ("b", False)}
    sources = {r["outlet"]: (r["report_id"], r["agrees"]) for r in toll_sources(members, details, {(0, "early")})}
    assert sources == {"x": ("late", True), "y": ("b", True)}

    # who did it: x's report of the other incident names the doer plainly, its report of this one hedges it as y does
    doers = details_table([(r, 0, "actor", "agent", "Russia", np.nan, np.nan) for r in ("early", "late", "b")])
    hedges = details_table([(r, 0, "hedge", "hedge", "it is believed", np.nan, np.nan) for r in ("late", "b")])
    details = pd.concat([doers.assign(start=0), hedges.assign(start=5)], ignore_index=True)
    hedged = {r["outlet"]: (r["report_id"], r["agrees"]) for r in doer_hedging(members, details)}
    assert hedged == {"x": ("early", False), "y": ("b", False)}
    assert doer_hedging(members, details, {(0, "early")}) == []  # both hedge: nothing to compare
