"""Names the lexicon does not know: titles dropped, surnames and demonyms merged, sentence-opening capitals ignored."""

import pandas as pd

from claimdiff.framing.names import COLUMNS, name_mentions


def mentions(*texts):
    sentences = pd.DataFrame({"report_id": "r", "sent_idx": range(len(texts)), "start": 0, "text": list(texts)})
    return [(m.text, m.actor) for m in name_mentions(sentences).itertuples()]


def test_titles_are_dropped_and_a_surname_joins_the_full_name():
    found = mentions("Prime Minister Theresa May spoke.", "Mrs. May said no.", "Then May left.")
    assert [actor for _, actor in found] == ["May"] * 2 + ["May"]
    assert found[0][0] == "Theresa May" and found[1][0] == "May"


def test_a_title_inside_a_run_is_dropped_with_what_precedes_it():
    assert mentions("He met French President Emmanuel Macron today.")[0][0] == "Emmanuel Macron"


def test_a_possessive_splits_two_names():
    assert [t for t, _ in mentions("He met North Korea's Kim Jong Un on Friday.")] == ["North Korea", "Kim Jong Un"]


def test_family_name_first_only_for_names_of_three_parts():
    found = dict(mentions("Kim Jong Un arrived.", "Then Kim spoke.", "Mexico City is big.", "He flew to Mexico now."))
    assert found["Kim"] == found["Kim Jong Un"]
    assert found["Mexico"] == "Mexico"


def test_a_demonym_joins_its_country_and_the_lexicon_names_known_countries():
    found = dict(mentions("Two Iranian officials met.", "They flew to Iran today.", "Some Russian diplomats came."))
    assert found["Iranian"] == found["Iran"]
    assert found["Russian"] == "Russia"  # the lexicon's actor


def test_a_capital_that_only_opens_sentences_is_no_name_and_the_lexicon_keeps_its_actors():
    assert mentions("Officials said so.", "ISIS attacked.") == []


def test_empty_input_gives_the_columns():
    empty = name_mentions(pd.DataFrame(columns=["report_id", "sent_idx", "start", "text"]))
    assert list(empty.columns) == COLUMNS and empty.empty


def test_dotted_abbreviations_stay_whole():
    assert mentions("He told the D.N.C. chair.") == [("D.N.C.", "D.N.C.")]
