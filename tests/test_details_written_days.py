"""Days written as stamps: one reader for the details stage's dates and the events stage's datelines."""

import pandas as pd

from claimdiff.details.dates import date_rows
from claimdiff.events.datelines import opening_date


def test_a_dateline_with_its_day_run_into_the_year_is_the_reports_filing_day_in_both_stages():
    text = "Last updated at Aug 142016 BEIRUT Warplanes struck on Saturday, killing 12."
    reports = pd.DataFrame({"id": ["r"], "title": ["Strikes"], "text": [text],
                            "published": [pd.Timestamp("2016-08-19")]})
    sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": [text], "start": [0], "end": [len(text)]})
    rows = [row for row in date_rows(sentences, reports) if row.role is not pd.NA and row.role == "dateline"]
    assert [(row.value, row.subject) for row in rows] == [("2016-08-14", "explicit")]
    assert opening_date(text) == rows[0].date_low.date()


def test_a_glued_day_that_does_not_exist_is_no_date():
    text = "Posted Feb 302016 Shelling hit the town."
    reports = pd.DataFrame({"id": ["r"], "text": [text], "published": [pd.Timestamp("2016-02-20")]})
    sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": [text], "start": [0], "end": [len(text)]})
    assert date_rows(sentences, reports) == [] and opening_date(text) is None
