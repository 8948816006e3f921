"""Where and when: dates read against a report's own stamp, the time a source spoke apart from the time of the act,
place names spelled with other vowels, and places of another happening the other outlet names too."""

import numpy as np
import pandas as pd
from test_divergence import SAME_DAY, claims_table, details_table, reports_table, rows_of

from claimdiff.details import extract_details
from claimdiff.details.dates import date_rows
from claimdiff.divergence import compare_details


def one_report(text, published):
    reports = pd.DataFrame({"id": ["r"], "title": ["Blast"], "text": [text], "published": [pd.Timestamp(published)]})
    sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0], "start": [0], "end": [len(text)], "text": [text]})
    return reports, sentences


def test_a_weekday_is_read_against_the_reports_own_stamp_when_the_recorded_day_is_off():
    # the collection recorded 2 April; the report's text is stamped Sunday 16 April: Saturday is the 15th
    reports, sentences = one_report("Sun 16 Apr 2017 A bomb hit buses on Saturday.", "2017-04-02")
    dates = extract_details(reports, sentences).query("kind == 'date' and role != 'dateline'")
    assert dates["value"].tolist() == ["2017-04-15"]


def test_the_day_a_monitor_spoke_is_the_time_of_a_statement_not_of_the_act():
    text = "A bomb killed 98 on Saturday, and the toll rose to 112 the Observatory said on Sunday."
    reports, sentences = one_report(text, "2017-04-16")
    rows = date_rows(sentences, reports)
    assert [(r.text, r.role if isinstance(r.role, str) else None) for r in rows] == [("Saturday", None),
                                                                                  ("Sunday", "reported")]


def test_the_day_a_source_spoke_is_not_compared_with_another_outlets_day_of_the_act():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = details_table([("a", 0, "count", "killed", "112", 112, 112), ("b", 0, "count", "killed", "112", 112, 112),
                             ("a", 0, "date", "explicit", "April 15", np.nan, np.nan),
                             ("b", 0, "date", "relative", "Sunday", np.nan, np.nan)])
    details["date_low"] = details["date_high"] = pd.to_datetime([None, None, "2017-04-15", "2017-04-16"])
    details["role"] = [None, None, None, "reported"]
    reports = reports_table({"a": "2017-04-20", "b": "2017-04-16"})
    dates = rows_of(compare_details(reports, claims, details), "date")
    assert not (dates["agrees"] == False).any()  # noqa: E712 (a missing value is no disagreement either)
    details["role"] = None
    dates = rows_of(compare_details(reports, claims, details), "date")
    assert dates["agrees"].tolist() == [False, False]


def tolls_and(places):
    return details_table(places + [(report, 0, "count", "killed", "3", 3, 3) for report in "ab"])


def test_two_spellings_of_one_village_that_differ_in_their_vowels_agree():
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    places = [("a", 0, "place", "place", "Al Hadir", np.nan, np.nan),
              ("b", 0, "place", "place", "Hadar", np.nan, np.nan)]
    compared = rows_of(compare_details(reports_table(SAME_DAY), claims, tolls_and(places)), "place")
    assert compared["agrees"].tolist() == [True, True]


def test_a_place_the_other_outlets_report_names_too_is_no_clash():
    # "missiles struck the airbase in response to the chemical attack in Idlib": Idlib is another happening's
    # place, and the other outlet names it too (further down), as the first names the airbase further down
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency"), (1, "a", "wire"), (1, "b", "agency")])
    places = [("a", 0, "place", "place", "Idlib", np.nan, np.nan),
              ("b", 0, "place", "place", "Shayrat", np.nan, np.nan),
              ("a", 1, "place", "place", "Shayrat", np.nan, np.nan),
              ("b", 1, "place", "place", "Idlib", np.nan, np.nan)]
    compared = rows_of(compare_details(reports_table(SAME_DAY), claims, tolls_and(places)), "place")
    assert not (compared["agrees"] == False).any()  # noqa: E712
    # named nowhere in the other report, two places far apart clash
    compared = rows_of(compare_details(reports_table(SAME_DAY), claims, tolls_and(places[:2])), "place")
    assert compared["agrees"].tolist() == [False, False]


def test_leads_filed_the_same_day_that_date_the_act_to_different_days_clash_across_claim_groups():
    # "59 missiles struck the airbase late Thursday" against "... struck the airbase early Friday morning": the two
    # sentences say it in different words (no claim group in common), both reports filed on Friday
    claims = claims_table([(0, "a", "wire"), (1, "b", "agency")])
    details = details_table([("a", 0, "date", "relative", "2017-04-06", np.nan, np.nan),
                             ("b", 1, "date", "relative", "2017-04-07", np.nan, np.nan)])
    details["text"] = ["late Thursday", "early Friday morning"]
    details["date_low"] = details["date_high"] = pd.to_datetime(["2017-04-06", "2017-04-07"])
    same_day = reports_table({"a": "2017-04-07 08:00", "b": "2017-04-07 09:00"})
    dates = rows_of(compare_details(same_day, claims, details), "date")
    assert dates["agrees"].tolist() == [False, False]
    # filed on different days, weekdays may be two moments of one story
    apart = reports_table({"a": "2017-04-07 08:00", "b": "2017-04-08 09:00"})
    dates = rows_of(compare_details(apart, claims, details), "date")
    assert not (dates["agrees"] == False).any()  # noqa: E712


def stamped_pair(later_text, later_published="2016-10-07"):
    """A report stamped 6 October and one of another outlet stamped ``later_published`` telling ``later_text``,
    through the details stage; the day-of-the-event rows that disagree, by outlet."""
    texts = {"a": "6 October 2016 Aleppo SANA-Terrorists fired tens of shells on Aleppo city, killing 8 persons.",
             "b": later_text}
    published = {"a": pd.Timestamp("2016-10-06"), "b": pd.Timestamp(later_published)}
    reports = pd.DataFrame({"id": list(texts), "title": "", "text": list(texts.values()),
                            "published": list(published.values())})
    sentences = pd.DataFrame({"report_id": list(texts), "sent_idx": 0, "start": 0,
                              "end": [len(t) for t in texts.values()], "text": list(texts.values())})
    claims = sentences.assign(claim_id=[0, 1], event_id=0, outlet=["sana", "blog"], similarity=0.9)
    table = compare_details(reports, claims, extract_details(reports, sentences))
    flagged = table[(table["kind"] == "date") & table["agrees"].eq(False).fillna(False)]
    return dict(zip(flagged["outlet"], flagged["value"], strict=True))


def test_an_act_dated_the_day_after_another_outlet_filed_its_report_of_it_clashes_with_that_report():
    assert stamped_pair("Date of publication 7 October 2016 Shelling in West Aleppo left 11 people dead on "
                        "Friday.") == {"sana": "2016-10-06", "blog": "2016-10-07"}


def test_a_later_day_without_a_toll_or_without_the_later_reports_own_stamp_is_no_clash():
    assert stamped_pair("Date of publication 7 October 2016 The Security Council met on Friday.") == {}
    assert stamped_pair("Shelling in West Aleppo left 11 people dead on Friday.") == {}
    # days further on tell of later developments as often
    assert stamped_pair("Date of publication 9 October 2016 Shelling in West Aleppo left 11 people dead on "
                        "Sunday.", "2016-10-09") == {}
