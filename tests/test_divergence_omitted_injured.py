"""Omissions of the injured: an outlet giving the dead in its lead but no injured anywhere, where two outlets or more
give the injured by a figure in their leads — on hand-made claim and detail tables."""

import pandas as pd

from claimdiff.divergence import compare_details

SAME_DAY = {"a": "2024-04-19 09:00", "b": "2024-04-19 10:00", "c": "2024-04-19 11:00"}
OUTLETS = {"a": "wire", "b": "agency", "c": "blog"}


def reports_table():
    return pd.DataFrame({"id": list(SAME_DAY), "published": pd.to_datetime(list(SAME_DAY.values()))})


def claims_of(sentences):
    """sentences: (claim_id, report_id, sent_idx, text); every report in event 0."""
    table = pd.DataFrame(sentences, columns=["claim_id", "report_id", "sent_idx", "text"])
    return table.assign(event_id=0, outlet=table["report_id"].map(OUTLETS), similarity=0.9)


def details_of(rows):
    """rows: (report_id, sent_idx, subject, text, low, high), counts of the incident."""
    table = pd.DataFrame(rows, columns=["report_id", "sent_idx", "subject", "text", "low", "high"])
    return table.assign(kind="count", value=table["text"], scope="incident", group="people", start=0, end=1)


def injured_omissions(claims, details):
    table = compare_details(reports_table(), claims, details)
    flagged = table[(table["subject"] == "toll: injured") & table["agrees"].eq(False).fillna(False)]
    return list(zip(flagged["outlet"], flagged["confidence"].round(3), strict=True))


LEADS = [(0, "a", 0, "Air strikes killed 13 people and wounded 29 in the market."),
         (0, "b", 0, "At least 36 people were killed and 50 others injured in the attack."),
         (0, "c", 0, "Air strikes killed more than 20 people in the city.")]
DEAD = [("a", 0, "killed", "13", 13.0, 13.0), ("b", 0, "killed", "At least 36", 36.0, float("nan")),
        ("c", 0, "killed", "more than 20", 21.0, float("nan"))]
HURT = [("a", 0, "injured", "29", 29.0, 29.0), ("b", 0, "injured", "50", 50.0, 50.0)]


def test_an_outlet_giving_the_dead_but_not_the_injured_two_give_in_their_leads_leaves_them_out():
    assert injured_omissions(claims_of(LEADS), details_of(DEAD + HURT)) == [("blog", 0.333)]


def test_an_outlet_giving_the_injured_by_a_word_anywhere_has_not_left_them_out():
    claims = claims_of(LEADS + [(1, "c", 9, "Several other people were wounded.")])
    details = details_of(DEAD + HURT + [("c", 9, "injured", "Several", 3.0, 9.0)])
    assert injured_omissions(claims, details) == []


def test_injured_two_outlets_give_only_by_a_word_are_no_figure_left_out():
    details = details_of(DEAD + [("a", 0, "injured", "dozens", 24.0, 99.0), ("b", 0, "injured", "hundreds", 200.0,
                                                                             999.0)])
    assert injured_omissions(claims_of(LEADS), details) == []


def test_injured_told_past_the_leads_are_no_key_detail_to_leave_out():
    claims = claims_of(LEADS[2:] + [(0, "a", 0, "Air strikes killed 13 people."), (0, "b", 0, "Strikes killed 36."),
                                    (1, "a", 8, "A bus bomb near Homs wounded 25."),
                                    (1, "b", 9, "A bus bomb near Homs wounded 25 others.")])
    details = details_of(DEAD + [("a", 8, "injured", "25", 25.0, 25.0), ("b", 9, "injured", "25", 25.0, 25.0)])
    assert injured_omissions(claims, details) == []


def test_a_report_whose_lead_gives_no_dead_is_of_the_aftermath_not_an_omission():
    claims = claims_of(LEADS[:2] + [(0, "c", 0, "The UN called for an inquiry into the strikes.")])
    assert injured_omissions(claims, details_of(DEAD[:2] + HURT)) == []
