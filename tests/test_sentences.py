"""split_sentences: offsets always map back to the cleaned text; headlines and lines are their own sentences."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdiff import schema, split_sentences


def frame(*texts):
    return pd.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": list(texts)})


def test_sentence_table_has_the_documented_columns_and_dtypes():
    sentences = split_sentences(frame("One. Two."))
    assert list(sentences.columns) == list(schema.SENTENCES)
    assert sentences.dtypes.astype(str).tolist() == ["str", "int64", "str", "int64", "int64"]


def test_empty_input_gives_an_empty_table_with_the_columns():
    sentences = split_sentences(frame())
    assert sentences.empty and list(sentences.columns) == list(schema.SENTENCES)


def test_headline_without_full_stop_is_its_own_sentence():
    texts = split_sentences(frame("Strikes Hit Militants In Deir Ezzor\n\nThe ministry said so."))["text"]
    assert texts.tolist() == ["Strikes Hit Militants In Deir Ezzor", "The ministry said so."]


def test_abbreviations_and_missing_space_after_a_full_stop():
    texts = split_sentences(frame("The U.S. Army said 21 were killed.The ministry denied it."))["text"]
    assert texts.tolist() == ["The U.S. Army said 21 were killed.", "The ministry denied it."]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), min_size=1, max_size=5))
def test_offsets_map_back_to_the_text(texts):
    reports = frame(*texts)
    sentences = split_sentences(reports)
    lookup = dict(zip(reports["id"], reports["text"], strict=True))
    for row in sentences.itertuples():
        assert lookup[row.report_id][row.start : row.end] == row.text
        assert row.text == row.text.strip() and row.text
