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
