"""Places from the GeoNames gazetteer: spellings, guards against words that are not places, hierarchy, distance."""

import pandas as pd

from claimdiff.details.gazetteer import distance_km, gazetteer, lookup, loose_key, may_be_in_a_name, name_key, place
from claimdiff.details.places import gazetteer_matches, place_ancestors, place_rows, places_related


def names(text):
    return [canonical for _, _, canonical in gazetteer_matches(text)]


def test_transliterations_of_one_name_are_one_place():
    assert lookup("Khan Sheikhoun") == lookup("Khan Shaykhun") == lookup("Khan Shaykhoun") == "Khan Shaykhun"
    assert lookup("Jisr ash-Shughur") == lookup("Jisr al-Shaghour") == "Jisr al-Shughur"
    assert lookup("Saraqeb") == lookup("Saraqib") == "Saraqib"


def test_every_word_of_every_spelling_the_gazetteer_knows_may_be_in_a_name():
    # may_be_in_a_name lets the scan of a text skip words: it must never skip a word of a spelling lookup knows
    g = gazetteer()
    spellings = [alias for p in g.places.values() for alias in [p.name]] + ["Idleb", "Khan Sheikhoun", "Deir az-Zour"]
    for spelling in spellings:
        if lookup(spelling) is not None:
            assert all(may_be_in_a_name(word) for word in spelling.replace("-", " ").split()), spelling
    assert not may_be_in_a_name("Tuesday") and not may_be_in_a_name("Government")


def test_name_keys_drop_articles_accents_marks_and_fold_common_words():
    assert name_key("Dayr Ḩāfir") == name_key("Deir Hafir") == "deir hafir"
    assert name_key("Tell Abyad") == name_key("Tal Abyad")
    assert loose_key("Hassakeh") == loose_key("Hasakah")


def test_a_place_village_outside_the_hand_written_list_is_found_with_a_place_word():
    assert names("Shelling hit the town of Binnish.") == ["Binnish"]
    assert place("Binnish").region == "Idlib"


def test_a_small_place_without_a_place_word_is_not_taken():
    # "Hit" is an Iraqi town: "Hit by shells" is no place, "in Hit" is
    assert names("Hit by shells, the market burned.") == []
    assert names("The market in Hit burned.") == ["Hit"]


def test_a_country_glued_to_a_word_by_a_hyphen_is_no_place():
    assert names("A Russia-sponsored deal and US-led strikes reached Aleppo-based groups.") == []
    assert names("A Syria-Turkey border crossing") == ["Syria", "Turkey"]


def test_a_country_that_speaks_or_acts_is_a_state_not_a_place():
    assert names("Turkey denied the report, while rebels backed by Iran moved into Syria.") == ["Syria"]


def test_a_possessive_without_its_apostrophe_is_a_place_only_before_geography_or_a_place():
    assert names("in Syrias north and Syrias Aleppo province") == ["Syria", "Syria", "Aleppo"]
    assert names("Lebanons Shiite militia and Russias intervention") == []


def test_words_that_are_not_places_stay_words():
    assert names("On Tuesdays Assads forces met Saudi envoys.") == []
    assert names("President Hama spoke.") == []  # a person with a title


def test_the_end_of_a_longer_name_is_not_its_own_place():
    assert names("Fighters of Jabhat Fath al-Sham attacked.") == []


def test_a_town_lies_in_its_governorate_and_country_from_geonames_codes():
    assert place_ancestors("Binnish") == {"Idlib", "Syria"}
    assert places_related("Binnish", "Idlib") and not places_related("Binnish", "Homs")


def test_places_a_few_km_apart_can_name_one_ground_and_towns_far_apart_cannot():
    assert distance_km("Saraqib", "Binnish") > 10 and not places_related("Saraqib", "Binnish")
    near = [(a, b) for a in ("Douma", "Harasta", "Arbin") for b in ("Douma", "Harasta", "Arbin")
            if a < b and distance_km(a, b) <= 5]
    assert near and all(places_related(a, b) for a, b in near)


def test_place_rows_come_from_the_gazetteer_with_offsets():
    table = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "start": [10],
                          "text": ["Jets struck the town of Binnish and Saraqeb."]})
    rows = place_rows(table)
    assert [(r.value, r.subject, r.start, r.end) for r in rows] == [
        ("Binnish", "gazetteer", 34, 41), ("Saraqib", "gazetteer", 46, 53)]


def test_a_country_in_the_name_of_an_organisation_is_not_a_place():
    assert names("The Islamic State of Iraq and the Central Bank of Syria met in Amman.") == ["Amman"]
    assert names("The district of Tariq al-Bab and the town of al-Bab") == ["al-Bab"]


def test_a_place_name_inside_a_longer_name_is_not_that_place():
    assert names("Shells hit the Bab Tadmor quarter of Homs.") == ["Homs"]


def test_a_country_asked_to_act_or_named_as_broker_is_a_state():
    text = "The envoy pushed Syria to allow inspectors; a truce brokered by the United States and Russia held."
    assert names(text) == []
    assert names("Families fled from Syria to Turkey.") == ["Syria", "Turkey"]
