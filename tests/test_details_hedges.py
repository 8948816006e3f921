"""Hedges: certainty markers of a sentence, from data/hedges.yaml and the "claimed ... that" construction."""

from claimdiff.details.hedges import find_hedges


def values(text):
    return [h.value for h in find_hedges(text)]


def test_claimed_with_words_before_that_is_a_hedge():
    assert values("The ministry claimed on Saturday that the strikes had killed dozens.") == ["claimed"]


def test_claimed_responsibility_is_not_a_hedge():
    assert values("ISIS claimed responsibility for the attack.") == []


def test_a_sentence_stated_as_fact_has_no_hedge():
    assert values("The strikes killed 17 ISIS members, the monitor said.") == []


def test_a_hedged_doer_after_by_does_not_hedge_the_toll_the_sentence_goes_on_to_give():
    from claimdiff.details.hedges import COUNT, PARTY, hedge_scope

    text = "A suspected gas attack believed to be by Syrian government jets killed at least 58 people"
    at = text.index("believed to be")
    facts = [(text.index("Syrian"), text.index(" jets") + 5, PARTY, "Syrian government"),
             (text.index("58"), text.index("58") + 2, COUNT, "killed")]
    assert hedge_scope(text, at, at + len("believed to be"), facts) == ("party", "party:Syrian government")


def test_a_one_word_marker_before_an_article_doubts_only_that_noun_phrase():
    from claimdiff.details.hedges import COUNT, hedge_scope

    text = "the passenger likely an accomplice also died in the blast"
    at = text.index("likely")
    assert hedge_scope(text, at, at + 6, [(0, 13, COUNT, "killed")]) == ("other", None)


def test_a_marker_that_doubts_only_what_kind_of_act_it_was_has_the_act_in_its_scope():
    import pandas as pd

    from claimdiff.details import DetailSettings, extract_details

    text = "33 people were affected by the gas which they suspect was chlorine."
    sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": [text], "start": [0], "end": [len(text)]})
    details = extract_details(pd.DataFrame({"id": ["r"], "published": [pd.NaT]}), sentences,
                              settings=DetailSettings(workers=1))
    hedge = details[details["kind"] == "hedge"].iloc[0]
    assert (hedge["role"], hedge["group"]) == ("act", "act:chlorine")
    assert details.loc[details["kind"] == "act", ["subject", "value"]].values.tolist() == [["chemical attack",
                                                                                          "chlorine"]]


def test_claimed_told_after_its_claim_doubts_the_figure_before_it():
    assert values("At least 40 people were killed in the depot blast, the opposition monitor claimed on Thursday.") \
        == ["claimed"]
    assert values("The Islamic State group claimed responsibility for the blast.") == []


def test_that_the_cause_is_not_known_is_a_hedge_of_its_own():
    assert values("The cause of the blast has not been revealed yet.") == ["cause unknown"]
    assert values("The cause of death was a shrapnel wound.") == []


def test_a_marker_whose_complement_is_a_demonym_doubts_that_party():
    import pandas as pd

    from claimdiff.details import DetailSettings, extract_details

    text = "The dead are schoolchildren and the planes are believed to be Russian, the monitor said."
    sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": [text], "start": [0], "end": [len(text)]})
    details = extract_details(pd.DataFrame({"id": ["r"], "published": [pd.NaT]}), sentences,
                              settings=DetailSettings(workers=1))
    hedge = details[details["kind"] == "hedge"].iloc[0]
    assert (hedge["role"], hedge["group"]) == ("party", "party:Russia")


def test_a_demonym_before_the_name_of_arms_is_no_complement_of_its_own():
    from claimdiff.details.hedges import complement_parties

    text = "the jets were believed to be Russian jets"
    at = text.index("believed to be")
    assert complement_parties(text, at, at + len("believed to be")) == []


def test_a_demonym_said_of_who_died_names_no_doer():
    from claimdiff.details.hedges import complement_parties

    text = "The victims are believed to be Syrian."
    at = text.index("believed to be")
    assert complement_parties(text, at, at + len("believed to be")) == []
