"""Omissions of a part of the toll: an outlet giving the dead in its lead but no injured anywhere, or one toll where
two outlets or more split the dead into civilians and fighters — on hand-made claim and detail tables."""

import pandas as pd
from omission_tables import claims_of, reports_table

from claimdiff.divergence import compare_details


def details_of(rows):
    """rows: (report_id, sent_idx, subject, text, low, high), counts of the incident."""
    table = pd.DataFrame(rows, columns=["report_id", "sent_idx", "subject", "text", "low", "high"])
    return table.assign(kind="count", value=table["text"], scope="incident", group="people", start=0, end=1)


def part_omissions(claims, details, subject):
    table = compare_details(reports_table(), claims, details)
    flagged = table[(table["subject"] == subject) & table["agrees"].eq(False).fillna(False)]
    return list(zip(flagged["outlet"], flagged["confidence"].round(3), strict=True))


def injured_omissions(claims, details):
    return part_omissions(claims, details, "toll: injured")


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


def test_an_outlet_counting_others_hurt_beside_its_dead_in_words_not_read_as_injured_has_not_left_them_out():
    suffocated = "Three were killed and more than 20 others suffered from suffocation."
    claims = claims_of(LEADS[:2] + [(0, "c", 0, suffocated)])
    details = details_of(DEAD[:2] + HURT + [("c", 0, "killed", "Three", 3.0, 3.0),
                                            ("c", 0, "other", "more than 20", 21.0, float("nan"))])
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


SPLIT = [(0, "a", 0, "The attack killed 15 civilians and 27 pro-government fighters."),
         (0, "b", 0, "The attack on two villages killed 15 civilians and 27 popular fighters."),
         (0, "c", 0, "The death toll of the attack reached 51 people.")]
SPLIT_DEAD = [("a", 0, "killed", "15 civilians and 27", 42.0, 42.0), ("b", 0, "killed", "15 civilians and 27", 42.0,
                                                                         42.0), ("c", 0, "killed", "51", 51.0, 51.0)]


def test_an_outlet_giving_one_toll_where_two_split_the_dead_into_civilians_and_fighters_leaves_the_split_out():
    assert part_omissions(claims_of(SPLIT), details_of(SPLIT_DEAD), "toll: dead by side") == [("blog", 0.333)]


def test_an_outlet_naming_the_soldiers_among_its_dead_has_not_left_the_split_out():
    claims = claims_of(SPLIT + [(1, "c", 4, "A nurse, a hospital employee and two soldiers were killed.")])
    details = details_of(SPLIT_DEAD + [("c", 4, "killed", "A nurse", 1.0, 1.0)])
    assert part_omissions(claims, details, "toll: dead by side") == []


def test_a_joined_count_of_one_side_is_no_split():
    claims = claims_of([(0, r, 0, "The attack killed two women and two children.") for r in "ab"] + SPLIT[2:])
    details = details_of([(r, 0, "killed", "two women and two", 4.0, 4.0) for r in "ab"] + SPLIT_DEAD[2:])
    assert part_omissions(claims, details, "toll: dead by side") == []
