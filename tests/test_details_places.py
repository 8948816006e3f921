"""Places: gazetteer spellings merge to one name; the corpus teaches the names it uses often enough."""

import pandas as pd

from claimdiff.details.places import corpus_places, gazetteer_matches, place_ancestors, place_rows, places_related


def sentences(*texts):
    return pd.DataFrame({"report_id": [f"r{i}" for i in range(len(texts))], "sent_idx": 0, "start": 0,
                         "text": list(texts)})


def names(text):
    return [canonical for _, _, canonical in gazetteer_matches(text)]


def test_deir_ezzor_spellings_merge():
    assert names("Deir Ezzor, Deir ez-Zor, Deir al-Zour and Deir el-Zour") == ["Deir Ezzor"] * 4


def test_palmyra_is_tadmur_and_sukhna_is_al_sukhnah():
    assert names("Tadmur near Palmyra; Sukhna and al-Sukhnah") == ["Palmyra", "Palmyra", "al-Sukhnah", "al-Sukhnah"]


def test_daraa_spellings_and_curly_apostrophes_merge():
    assert names("Daraa, Deraa, Dera’a and Dera'a") == ["Daraa"] * 4


def test_a_countryside_is_its_place():
    assert names("in the eastern Homs countryside") == ["Homs"]


def test_a_place_named_in_two_reports_is_learnt():
    table = sentences("Shelling hit the village of Kafr Nabudah.", "Clashes in the village of Kafr Nabudah continued.")
    assert corpus_places(table) == {"Kafr Nabudah": "Kafr Nabudah"}
    rows = place_rows(table)
    assert [(r.value, r.subject) for r in rows] == [("Kafr Nabudah", "corpus")] * 2


def test_a_place_named_in_one_report_only_is_learnt_only_when_called_a_settlement():
    assert corpus_places(sentences("Shelling hit the countryside of Kafr Nabudah.", "Nothing here.")) == {}
    assert corpus_places(sentences("Shelling hit the Maghayir district.", "Nothing here.")) == {}
    assert corpus_places(sentences("Shelling hit the village of Kafr Nabudah.", "Nothing here.")) == {
        "Kafr Nabudah": "Kafr Nabudah"}
    assert corpus_places(sentences("Troops stormed Hardatnin village.", "Nothing here.")) == {"Hardatnin": "Hardatnin"}


def test_people_institutions_and_nationalities_are_not_learnt_as_places():
    table = sentences(
        "He was taken to Gary Methodist Hospital and seen at Smith's home in Syrian territory.",
        "She was taken to Gary Methodist Hospital and seen at Smith's home in Syrian territory.",
    )
    assert corpus_places(table) == {}


def test_a_medium_named_after_a_town_is_no_place():
    assert names("the toll, Lebanese TV channel Al-Mayadin reported, rose in Homs") == ["Homs"]
    assert names("a photographer from al-Alam TV was hurt, according to Syria TV") == []
    assert names("Rockets hit al-Mayadin, the town in Deir Ezzor") == ["al-Mayadin", "Deir Ezzor"]


def test_place_offsets_are_into_the_report():
    table = pd.DataFrame({"report_id": ["r"], "sent_idx": [3], "start": [100], "text": ["Strikes hit Idlib."]})
    row = place_rows(table)[0]
    assert (row.value, row.start, row.end, row.text) == ("Idlib", 112, 117, "Idlib")


def test_a_wire_dateline_names_no_place():
    table = sentences(
        "BEIRUT, April 20 (Global Wire) - Strikes hit Palmyra.", "DAMASCUS, Syria (AP) — Shelling hit Idlib."
    )
    assert [r.value for r in place_rows(table)] == ["Palmyra", "Idlib"]


def test_a_town_lies_in_its_governorate_and_country_but_not_in_a_neighbouring_town():
    assert place_ancestors("Jasim") == {"Daraa", "Syria"}
    assert places_related("Syria", "Jasim") and places_related("Jasim", "Daraa")
    assert not places_related("Jasim", "Nawa") and not places_related("Homs", "Daraa")


def test_regions_that_share_a_town_overlap():
    assert places_related("Badia", "Homs")  # both hold Palmyra


def test_a_possessive_that_lost_its_apostrophe_is_the_gazetteer_place():
    table = sentences("Fighting in Syrias north went on.", "Nothing here.")
    assert [(r.value, r.text) for r in place_rows(table)] == [("Syria", "Syrias")]


def test_a_village_the_gazetteer_does_not_know_may_lie_in_any_region_but_is_not_another_town():
    assert places_related("Qardaha", "Syria") and places_related("Qardaha", "Lattakia")
    assert not places_related("Qardaha", "Jasim")


def test_a_place_given_by_its_direction_from_another_is_that_direction_of_it():
    table = sentences("Six died in the desert north of Palmyra and farms south-west of the town of Nawa.")
    assert [(r.value, r.text) for r in place_rows(table)] == [
        ("north of Palmyra", "north of Palmyra"), ("southwest of Nawa", "south-west of the town of Nawa")]


def test_the_south_of_a_country_is_a_part_of_it_not_a_direction():
    assert [r.value for r in place_rows(sentences("The south of Syria has seen more attacks."))] == ["Syria"]


def test_opposite_directions_of_one_place_are_different_ground_and_neighbouring_ones_are_not():
    assert not places_related("north of Palmyra", "south of Palmyra")
    assert not places_related("east of Nawa", "west of Nawa")
    assert places_related("north of Palmyra", "east of Palmyra") and places_related("north of Palmyra", "Palmyra")
    assert places_related("north of Palmyra", "Homs") and not places_related("north of Jasim", "Nawa")
