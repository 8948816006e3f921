"""One toll told by different counted groups across claim groups ("15 people" against "32 rebels"), and a count
over several separate places against another outlet's smaller count of one of them."""

import numpy as np
from test_divergence import claims_table
from test_divergence_count_places import _count, _count_rows, _place

# a and b tell of the strike in sentences of different claim groups, both in Jasim
CLAIMS = claims_table([(0, "a", "wire"), (1, "b", "agency")])


def _toll_rows(a_count, b_count):
    rows = [a_count, _place("a", 0, "Jasim"), b_count, _place("b", 1, "Jasim")]
    found = _count_rows(CLAIMS, rows)
    return found[found["agrees"].eq(False)]


def test_a_side_counted_above_another_outlets_whole_toll_clashes_surely():
    flags = _toll_rows(_count("a", 0, "15", 15, 15), _count("b", 1, "32", 32, 32, group="fighters"))
    assert set(flags["outlet"]) == {"wire", "agency"}
    assert (flags["confidence"] > 0.9).all()


def test_a_side_counted_below_a_whole_toll_clashes_only_as_a_bound():
    # "over 40 civilians" against "at least 61 people": two accounts of one toll, or the civilians among the dead
    flags = _toll_rows(_count("a", 0, "at least 61", 61, np.nan), _count("b", 1, "more than 40", 41, np.nan,
                                                                       group="civilians"))
    assert set(flags["outlet"]) == {"wire", "agency"}
    assert (flags["confidence"] <= 0.4).all()


def test_children_are_no_toll_told_another_way_and_words_no_figure():
    assert _toll_rows(_count("a", 0, "70", 70, 70), _count("b", 1, "27", 27, 27, group="children")).empty
    assert _toll_rows(_count("a", 0, "18", 18, 18), _count("b", 1, "scores", 40, 99, group="civilians")).empty


def test_a_count_over_three_quarters_stands_with_a_smaller_count_of_one_quarter():
    claims = claims_table([(0, "a", "wire"), (1, "b", "agency")])
    quarters = [_place("a", 0, name) for name in ("al-Midan", "Bab al-Faraj", "al-Muhafaza", "Aleppo")]
    rows = [_count("a", 0, "50", 50, 50), *quarters, _count("b", 1, "9", 9, 9), _place("b", 1, "Aleppo")]
    compared = _count_rows(claims, rows)
    assert len(compared) == 2 and compared["agrees"].all()
    one_quarter = [_count("a", 0, "50", 50, 50), _place("a", 0, "al-Midan"), _place("a", 0, "Aleppo"),
                   _count("b", 1, "9", 9, 9), _place("b", 1, "Aleppo")]
    assert not _count_rows(claims, one_quarter)["agrees"].all()
    larger = [_count("a", 0, "50", 50, 50), *quarters, _count("b", 1, "90", 90, 90), _place("b", 1, "Aleppo")]
    assert not _count_rows(claims, larger)["agrees"].all()


def test_an_outlet_that_gives_the_others_whole_toll_as_a_part_of_its_own_agrees_with_it():
    # b: "at least 84 civilians" across the city, and "13 people" in the night's strikes; a: "13 people"
    claims = claims_table([(0, "a", "wire"), (1, "b", "agency"), (2, "b", "agency")])
    rows = [_count("a", 0, "13", 13, 13), _place("a", 0, "Jasim"),
            _count("b", 1, "84", 84, 84, group="civilians"), _place("b", 1, "Jasim"),
            _count("b", 2, "13", 13, 13), _place("b", 2, "Jasim")]
    compared = _count_rows(claims, rows)
    assert len(compared) == 2 and compared["agrees"].all()
    rows[-2] = _count("b", 2, "9", 9, 9)
    assert not _count_rows(claims, rows)["agrees"].all()


def test_a_total_is_no_rival_of_a_group_its_own_outlet_counts_too():
    # a: "nine people" and "four civilians"; b: "five civilians": civilians are compared with civilians, the
    # nine with no part
    claims = claims_table([(0, "a", "wire"), (1, "a", "wire"), (2, "b", "agency")])
    rows = [_count("a", 0, "9", 9, 9), _place("a", 0, "Jasim"),
            _count("a", 1, "4", 4, 4, group="civilians"), _place("a", 1, "Jasim"),
            _count("b", 2, "5", 5, 5, group="civilians"), _place("b", 2, "Jasim")]
    flags = _count_rows(claims, rows)
    flags = flags[flags["agrees"].eq(False)]
    assert set(flags["value"]) == {"4", "5"}
    # a word ("dozens of civilians") is no figure to compare instead: the total still bounds the other's part
    rows[2] = _count("a", 1, "dozens", 24, 99, group="civilians")
    rows[4] = _count("b", 2, "at least 21", 21, np.nan, group="civilians")
    rows[0] = _count("a", 0, "at least 12", 12, np.nan)
    flags = _count_rows(claims, rows)
    assert "at least 12" in set(flags.loc[flags["agrees"].eq(False), "value"])
