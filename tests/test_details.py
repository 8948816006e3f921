"""extract_details: the table's columns and dtypes, empty input, row order, and offsets into the report text."""

import pandas as pd
import pytest
from conftest import DEMO
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff import split_sentences
from claimdiff.details import DETAILS, document_counts, extract_details
from claimdiff.details.table import Row, frame


def reports_of(*texts, published="2024-04-21"):
    return pd.DataFrame({
        "id": [f"r{i}" for i in range(len(texts))],
        "published": pd.to_datetime([published] * len(texts)),
        "text": list(texts),
    })


def details_of(*texts, published="2024-04-21"):
    reports = reports_of(*texts, published=published)
    return extract_details(reports, split_sentences(reports)), reports


def assert_offsets_hold(details, reports):
    lookup = dict(zip(reports["id"], reports["text"], strict=True))
    for row in details.itertuples():
        assert lookup[row.report_id][row.start : row.end] == row.text


def test_details_table_has_the_documented_columns_and_dtypes():
    details, _ = details_of("ISIS killed at least 21 soldiers near Palmyra on Saturday, SOHR said.")
    assert list(details.columns) == list(DETAILS)
    assert details.dtypes.astype(str).tolist() == [
        "str", "int64", "str", "str", "str", "float64", "float64", "str", "int64", "int64",
        "datetime64[ns]", "datetime64[ns]", "str", "str", "str", "str",
    ]


def test_empty_input_gives_an_empty_table_with_the_columns():
    reports = reports_of()
    details = extract_details(reports, split_sentences(reports))
    assert details.empty and list(details.columns) == list(DETAILS)


def test_every_kind_appears_on_a_report_that_has_them():
    details, _ = details_of(
        "Daesh terrorists reportedly killed at least 21 soldiers near Palmyra on Saturday, the ministry said."
    )
    assert set(details["kind"]) == {"count", "date", "place", "actor", "label", "attribution", "hedge"}


def test_offsets_point_into_the_report_text_not_the_sentence():
    details, reports = details_of("Headline here\n\nA man was shot and killed on Friday in Aleppo, police said.")
    assert (details["start"] > 0).all()
    assert_offsets_hold(details, reports)


def test_rows_are_ordered_by_report_sentence_and_position_and_repeatable():
    texts = ["Two soldiers were killed in Daraa. The army said so.", "Dozens were wounded near Homs on Friday."]
    first, _ = details_of(*texts)
    second, _ = details_of(*texts)
    pd.testing.assert_frame_equal(first, second)
    keys = list(zip(first["report_id"], first["sent_idx"], first["start"], strict=True))
    assert keys == sorted(keys)


def test_the_demo_corpus_offsets_hold():
    if not DEMO.is_dir():
        pytest.skip("corpus/demo is not there")
    from claimdiff import load_corpus

    reports, _ = load_corpus(DEMO)
    details = extract_details(reports, split_sentences(reports))
    assert not details.empty
    assert_offsets_hold(details, reports)


PIECES = [
    "At least 21 soldiers were killed", "a man was shot and killed", "on Saturday", "in Deir ez-Zor",
    "ISIS terrorists", "according to SOHR", "reportedly", "the 23-year-old", "(305) 471-8477", "“dozens”",
    "Hay’at Tahrir al-Sham", "two people died and a third was injured", "last week", "—", "\n", "  ", ",", ".",
    "killing himself", "no one was hurt", "état", "100%", "$5", "Route 66",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join), min_size=1, max_size=3))
def test_offsets_hold_on_any_mix_of_phrases(texts):
    details, reports = details_of(*texts)
    assert_offsets_hold(details, reports)


def test_document_counts_take_the_largest_and_add_the_shooter_of_the_same_sentence():
    rows = [
        Row("a", 0, "count", "killed", "1", 1, 1, "a man", 0, 5),
        Row("a", 1, "count", "killed", "2", 2, 2, "two", 10, 13),
        Row("a", 1, "count", "killed", "1 (perpetrator)", 1, 1, "himself", 20, 27),
        Row("b", 0, "count", "killed", "3", 3, 3, "three", 0, 5),
        Row("b", 2, "count", "killed", "1 (perpetrator)", 1, 1, "committed suicide", 30, 47),
        Row("c", 0, "count", "injured", "0", 0, 0, "no one", 0, 6),
    ]
    assert document_counts(frame(rows), "killed", ["a", "b", "c"]).tolist()[:2] == [3.0, 3.0]
    assert document_counts(frame(rows), "injured", ["a", "c"]).tolist()[1] == 0.0


def test_document_counts_are_missing_where_nothing_is_said():
    assert document_counts(frame([]), "killed", ["a"]).isna().all()


def test_injured_are_casualties_less_the_killed():
    rows = [
        Row("a", 0, "count", "casualties", "4", 4, 4, "four", 0, 4),
        Row("a", 0, "count", "killed", "1", 1, 1, "one", 10, 13),
    ]
    assert document_counts(frame(rows), "injured", ["a"]).tolist() == [3.0]


def test_counts_of_a_year_long_period_do_not_make_the_estimate():
    details, _ = details_of("A man was shot and killed on Friday. So far this year, 130 people have been killed.")
    assert document_counts(details, "killed", ["r0"]).tolist() == [1.0]


def test_a_vague_count_stands_for_its_low_end_and_a_narrow_range_for_its_middle():
    rows = [
        Row("a", 0, "count", "killed", "dozens", 24, 99, "dozens", 0, 6),
        Row("a", 0, "count", "killed", "nearly 30", 27, 29, "nearly 30", 10, 19),
        Row("a", 0, "count", "killed", "at least 21", 21, float("nan"), "at least 21", 20, 31),
        Row("a", 0, "count", "killed", "up to 6", float("nan"), 6, "up to 6", 40, 47),
    ]
    from claimdiff.details import row_estimates

    assert row_estimates(frame(rows)).tolist() == [24.0, 28.0, 21.0, 6.0]
