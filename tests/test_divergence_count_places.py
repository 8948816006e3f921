"""Counts of places within an event: a toll that sums its report's counts of separate places, and counts of one
place apart from the leads that outlets give in sentences of different claim groups."""

import numpy as np
from test_divergence import SAME_DAY, claims_table, details_table, reports_table

from claimdiff.divergence import compare_details


def _count(report, sent, value, low, high, group="people"):
    return (report, sent, "count", "killed", value, low, high, group)


def _place(report, sent, name):
    return (report, sent, "place", "place", name, np.nan, np.nan, None)


def _details(rows):
    table = details_table([row[:7] for row in rows])
    table["group"] = [row[7] for row in rows]
    return table


def _count_rows(claims, rows):
    table = compare_details(reports_table(SAME_DAY), claims, _details(rows))
    return table[(table["kind"] == "count") & table["agrees"].notna()]


def test_a_toll_over_two_places_agrees_with_another_outlets_count_of_one_of_them():
    # a: "at least six killed in west Aleppo", then three at a school in Shahba and three in Hamdaniyeh; b: the school
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency"), (1, "a", "wire"), (2, "a", "wire")])
    school = [_count("a", 0, "at least 6", 6, np.nan), _place("a", 0, "Aleppo"),
              _count("b", 0, "3", 3, 3),
              _count("a", 1, "3", 3, 3), _place("a", 1, "Shahba")]
    assert not _count_rows(claims, school)["agrees"].all()  # the toll alone clashes with the school's count
    elsewhere = [_count("a", 2, "3", 3, 3), _place("a", 2, "Hamdaniyeh")]
    assert _count_rows(claims, school + elsewhere)["agrees"].all()


def test_two_outlets_counts_of_a_second_place_in_different_claim_groups_are_compared():
    # both leads: at least 39 killed in Idlib; further down, Maarat al-Numan: 3 (a) against 6 (b)
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency"), (2, "a", "wire"), (3, "b", "agency")])
    rows = [_count("a", 0, "at least 39", 39, np.nan), _place("a", 0, "Idlib"),
            _count("b", 0, "at least 39", 39, np.nan), _place("b", 0, "Idlib"),
            _count("a", 2, "3", 3, 3), _place("a", 2, "Maarat al-Numan"),
            _count("b", 3, "6", 6, 6), _place("b", 3, "Maarat al-Numan")]
    found = _count_rows(claims, rows)
    second = found[found["value"].isin(["3", "6"])]
    assert sorted(zip(second["outlet"], second["other_value"], second["agrees"], strict=True)) == [
        ("agency", "3", False), ("wire", "6", False)]
    rows[-2] = _count("b", 3, "3", 3, 3)
    assert _count_rows(claims, rows)["agrees"].all()
