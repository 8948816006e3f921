"""A toll put on one day against the same toll spread over two named days (claimdiff.divergence.day_spans)."""

import pandas as pd

import claimdiff
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details

ONE_DAY = "Published March 11 2019 Government jets struck the town of Saraqeb yesterday. At least 14 people died."
SPREAD = "Mar 102019 BEIRUT The air raids which began Saturday and continued Sunday killed 14 people in Saraqeb."


def date_flags(one_day, spread, spread_recorded="2019-03-16"):
    """The outlets with a disagreeing date row, when the two reports are one event; the spread report's collection
    day is off by six days unless given (its glued dateline 'Mar 102019' gives the day its weekdays are read by)."""
    reports = pd.DataFrame({"id": ["a", "b"], "outlet": ["wire", "agency"], "title": ["Raids", "Raids"],
                            "text": [one_day, spread],
                            "published": pd.to_datetime(["2019-03-11", spread_recorded])})
    sentences = claimdiff.split_sentences(reports)
    claims = sentences.assign(event_id=0, claim_id=range(len(sentences)), similarity=1.0,
                              outlet=sentences["report_id"].map({"a": "wire", "b": "agency"}))
    table = compare_details(reports, claims, extract_details(reports, sentences))
    flagged = table[(table["kind"] == "date") & table["agrees"].eq(False).fillna(False)]
    return sorted(flagged["outlet"])


def test_a_toll_on_one_day_clashes_with_the_same_toll_spread_over_that_day_and_the_day_before():
    assert date_flags(ONE_DAY, SPREAD) == ["agency", "wire"]


def test_a_toll_for_each_of_two_days_is_no_spread_toll():
    per_day = "Mar 102019 BEIRUT Air raids killed 5 people in Saraqeb on Saturday and 9 on Sunday."
    assert date_flags(ONE_DAY, per_day) == []


def test_a_lead_that_dates_the_act_but_gives_no_figure_puts_no_toll_on_its_day():
    no_figure = "Published March 11 2019 Government jets struck the town of Saraqeb yesterday. Scores of people died."
    assert date_flags(no_figure, SPREAD) == []


def test_reports_filed_days_apart_are_not_compared_by_their_spans():
    weeks_later = SPREAD.replace("Mar 102019", "Mar 242019")
    assert date_flags(ONE_DAY, weeks_later, "2019-03-24") == []


def test_a_wire_datelines_day_and_the_weekday_of_the_act_are_no_span():
    wire = "BEIRUT, March 10 (Wire) - Government jets struck Saraqeb on Saturday, killing 14 people."
    assert date_flags(ONE_DAY.replace("yesterday", "on Saturday"), wire, "2019-03-10") == []
