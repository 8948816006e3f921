"""Dates: explicit and relative phrases, resolved against the publication day into intervals of days."""

from datetime import date

import pandas as pd

from claimdiff.details.dates import date_rows, find_dates, resolve

SUNDAY = pd.Timestamp("2024-04-21 10:00")
SATURDAY = pd.Timestamp("2024-04-20 10:00")


def values(text, published=SUNDAY):
    return [(d.text, d.value) for d in find_dates(text, published)]


def test_explicit_dates_resolve_without_a_publication_date():
    assert values("The attack happened on April 20, 2016.", pd.NaT) == [("April 20, 2016", "2016-04-20")]
    assert values("It was 19 April 2023.", pd.NaT) == [("19 April 2023", "2023-04-19")]


def test_relative_dates_need_a_publication_date():
    assert values("They attacked on Saturday and yesterday.", pd.NaT) == []


def test_relative_weekday_resolves_to_the_previous_occurrence():
    assert values("ISIS attacked on Saturday.") == [("Saturday", "2024-04-20")]


def test_a_weekday_in_a_report_of_that_day_is_that_day():
    assert values("ISIS attacked on Saturday.", SATURDAY) == [("Saturday", "2024-04-20")]


def test_last_weekday_excludes_the_publication_day():
    assert values("ISIS attacked last Saturday.", SATURDAY) == [("last Saturday", "2024-04-13")]


def test_part_of_the_day_does_not_move_the_day():
    assert values("The strikes began on Thursday morning.") == [("Thursday morning", "2024-04-18")]


def test_a_weekday_night_runs_past_midnight_into_the_next_day():
    assert values("The strikes began on Thursday night.") == [("Thursday night", "2024-04-18..2024-04-19")]


def test_yesterday_and_days_ago():
    assert values("It happened yesterday, three days ago.") == [
        ("yesterday", "2024-04-20"), ("three days ago", "2024-04-18")]


def test_last_week_is_the_previous_monday_to_sunday():
    assert values("Clashes erupted last week.") == [("last week", "2024-04-08..2024-04-14")]


def test_earlier_this_month_stops_the_day_before_publication():
    assert values("Earlier this month, two soldiers died.") == [("Earlier this month", "2024-04-01..2024-04-20")]


def test_a_month_or_a_year_alone_is_the_whole_period():
    assert values("Attacks rose in March and in 2019.") == [
        ("March", "2024-03-01..2024-03-31"), ("2019", "2019-01-01..2019-12-31")]


def test_a_date_without_year_is_the_most_recent_past_one():
    assert values("The checkpoint was attacked on April 19.") == [("April 19", "2024-04-19")]


def test_may_the_verb_is_not_a_date():
    assert values("The toll may rise, officials said.") == []


def test_resolution_is_repeatable_and_an_interval():
    first = resolve("last month", date(2024, 4, 21))
    assert first == resolve("last month", date(2024, 4, 21)) == (date(2024, 3, 1), date(2024, 3, 31))


def test_the_publication_stamp_opening_a_report_is_not_a_detail():
    sentences = pd.DataFrame({"report_id": ["r", "r"], "sent_idx": [0, 1], "start": [0, 60],
                              "text": ["Suicide bomber kills 4 AFP Sunday 22 Feb 2015 A bomber killed four on Sunday.",
                                       "The town was also hit on 22 Feb 2015."]})
    reports = pd.DataFrame({"id": ["r"], "published": [pd.Timestamp("2015-02-22")]})
    rows = date_rows(sentences, reports)
    assert [(r.sent_idx, r.text) for r in rows] == [(0, "Sunday"), (1, "22 Feb 2015")]


def yesterday_row(published, published_local):
    sentences = pd.DataFrame({"report_id": ["r", "r"], "sent_idx": [0, 1], "start": [0, 20],
                              "text": ["Strikes hit Palmyra.", "Jets struck the town yesterday."]})
    reports = pd.DataFrame({"id": ["r"], "published": [published], "published_local": [published_local]})
    return [(r.text, r.date_low) for r in date_rows(sentences, reports)]


def test_yesterday_resolves_against_local_publication_date():
    # 00:30 in Damascus (UTC+3) is 21:30 UTC the evening before: "yesterday" is the day before the Damascus date
    assert yesterday_row(pd.Timestamp("2024-04-19 21:30"), pd.Timestamp("2024-04-20 00:30")) == [
        ("yesterday", pd.Timestamp("2024-04-19"))
    ]


def test_without_a_local_time_relative_dates_count_from_the_utc_day():
    assert yesterday_row(pd.Timestamp("2024-04-19 21:30"), pd.NaT) == [("yesterday", pd.Timestamp("2024-04-18"))]


def test_stand_in_bases_give_what_dateparser_gives_against_the_publication_day_itself():
    """The shortcut of ``_parse`` (few stand-in publication days, answers moved back) changes no answer."""
    from datetime import timedelta

    from claimdiff.details.dates import _parse, _parse_at

    phrases = ["Friday", "Monday", "April 19", "19 April", "Dec. 31", "1st of March", "Feb 29", "February 28",
               "September", "Jan", "April 19, 2024", "19 April 2024", "Feb. 29, 2023", "Feb 29, 2024", "31 Apr 2020",
               "March 2019", "2017", "3 days ago", "two weeks ago", "A week ago", "a few days ago",
               "a month ago", "2 years ago"]
    bases = [date(2019, 12, 31) + timedelta(days=d) for d in range(0, 3 * 366, 37)]
    bases += [date(2020, 2, 28), date(2020, 2, 29), date(2020, 3, 1), date(2021, 1, 1), date(2024, 4, 19)]

    def meaning(found):  # what resolve keeps of dateparser's answer: the year of a year, the month of a month
        if found is None:
            return None
        day, period = found
        return (day.year, period) if period == "year" else (day.year, day.month, period) if period == "month" else found

    differ = [(p, b) for p in phrases for b in bases if meaning(_parse(p, b)) != meaning(_parse_at(p, b))]
    assert differ == []
    assert _parse("April 19", date(2024, 4, 18)) == (date(2023, 4, 19), "day")  # past dates preferred


def test_days_only_leaves_out_months_and_years_named_alone():
    text = "It began in April 2019, grew in 2020 and in May, and ended on April 19."
    published = pd.Timestamp("2024-04-21")
    assert [d.text for d in find_dates(text, published)] == ["April 2019", "2020", "May", "April 19"]
    assert [d.text for d in find_dates(text, published, days_only=True)] == ["April 19"]


def test_a_day_written_in_numbers_is_read_day_first_and_opens_a_report_as_its_dateline():
    found = find_dates("29-07-2015 Israeli drone kills 3; on 18.05.2017 and 1.5-2 km away.", pd.Timestamp("2015-02-02"))
    assert [(d.text, d.value, d.relative) for d in found] == [("29-07-2015", "2015-07-29", False),
                                                              ("18.05.2017", "2017-05-18", False)]
    assert find_dates("Version 31.02.2015 of the file", pd.Timestamp("2015-02-02")) == []
