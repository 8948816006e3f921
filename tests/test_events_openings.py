"""Openings (claimdiff.events.similarity.opening): what a report's headline and lead say of its own event."""

from claimdiff.details.places import gazetteer_matches
from claimdiff.events.acts import opening_acts
from claimdiff.events.places import places_in_opening
from claimdiff.events.similarity import opening, opening_spans


def test_an_earlier_event_the_lead_dates_from_this_one_is_not_in_the_opening():
    text = ("At least 19 people were killed in Douma on Tuesday including six children just hours after a suspected "
            "chemical attack left dozens dead in Khan Sheikhun. Jets struck the town again at night.")
    spans = opening_spans(text)
    assert places_in_opening(text, gazetteer_matches(text), spans) == {"Douma"}
    assert opening_acts([opening(text)]) == [frozenset({"air strike"})]  # not the other's chemical attack
    assert opening(text).endswith("Jets struck the town again at night.")


def test_a_lead_that_opens_with_the_earlier_event_keeps_its_own():
    text = "A day after the first massacre in Manbij a second air strike killed 20 people in the town."
    assert opening(text) == text
