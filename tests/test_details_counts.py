"""Counts: intervals from modifiers and vague words, what is counted, and what is not a count."""

import math
import re

import pandas as pd
import pytest

from claimdiff.details import document_counts, extract_details, find_counts
from claimdiff.details.counts import is_aggregate
from claimdiff.details.lexicon import load
from claimdiff.details.table import Row, frame


def counts(text):
    return [(c.value, c.subject, c.low, c.high) for c in find_counts(text)]


def only(text):
    found = find_counts(text)
    assert len(found) == 1, found
    return found[0]


def nan_equal(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


# --- bounds -------------------------------------------------------------------------------------------------------

def test_at_least_sets_lower_bound_only():
    c = only("At least 21 soldiers were killed in the ambush.")
    assert (c.value, c.subject, c.low) == ("at least 21", "killed", 21)
    assert math.isnan(c.high)


def test_more_than_starts_one_above_the_number():
    c = only("More than 20 people were killed.")
    assert (c.value, c.low) == ("more than 20", 21) and math.isnan(c.high)


def test_up_to_sets_upper_bound_only():
    c = only("Up to 30 people were injured.")
    assert (c.value, c.subject, c.high) == ("up to 30", "injured", 30) and math.isnan(c.low)


def test_nearly_and_almost_are_a_band_just_below():
    for text in ("Nearly 30 people were killed.", "Almost 30 people were killed."):
        c = only(text)
        assert (c.low, c.high) == (27, 29)


def test_about_around_and_some_are_a_band_around():
    for text in ("About 30 people were killed.", "Around 30 people were killed.", "Some 30 people were killed."):
        c = only(text)
        assert (c.low, c.high) == (27, 33)


def test_ranges_give_both_bounds():
    for text in ("21-22 people were killed.", "21 to 22 people were killed.", "Between 21 and 22 people were killed."):
        c = only(text)
        assert (c.value, c.low, c.high) == ("21-22", 21, 22)


def test_a_change_is_not_a_range():
    assert "18-21" not in [c.value for c in find_counts("The number of dead rose from 18 to 21 people.")]


def test_exact_numbers_have_equal_bounds():
    c = only("Eighteen soldiers were killed.")
    assert (c.value, c.low, c.high) == ("18", 18, 18)


# --- number words and vague quantities ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "low"),
    [
        ("Twenty-one soldiers were killed.", "21", 21),
        ("Twenty one soldiers were killed.", "21", 21),
        ("Two dozen soldiers were killed.", "24", 24),
        ("A dozen soldiers were killed.", "12", 12),
        ("1,200 people were displaced.", "1200", 1200),
        ("Three hundred and five people were displaced.", "305", 305),
    ],
)
def test_number_words_and_numerals_read_as_numbers(text, value, low):
    c = only(text)
    assert (c.value, c.low) == (value, low)


def test_vague_quantities_follow_the_data_file():
    vague = load("quantities")["vague"]
    for phrase in ("dozens", "scores", "hundreds", "several", "a few", "a number of", "many"):
        text = ("Many soldiers were killed." if phrase == "many"
                else f"{phrase.capitalize()} of the soldiers were killed.")
        c = only(text)
        low, high = vague[phrase]
        assert c.value == phrase
        assert c.low == low and nan_equal(c.high, float("nan") if high is None else high)


def test_dozens_is_at_least_two_dozen_and_under_a_hundred():
    c = only("Dozens of militants were killed.")
    assert (c.low, c.high, c.subject) == (24, 99, "killed")


def test_more_than_a_dozen():
    c = only("It said more than a dozen others were wounded.")
    assert (c.value, c.subject, c.low) == ("more than 12", "injured", 13)


# --- what is counted ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Syria's army shot down three drones over Aleppo.", "drones"),
        ("ISIS attacked two military vehicles on the road.", "vehicles"),
        ("The strikes destroyed four warplanes on the ground.", "aircraft"),
        ("Dozens of militants gathered near the town.", "fighters"),
        ("Regime forces detained at least six young men.", "arrested"),
        ("Five fishermen are still missing.", "missing"),
        ("Hundreds of families were displaced by the shelling.", "displaced"),
        ("The attack left 14 dead.", "killed"),
        ("The death toll rose to 21.", "killed"),
        ("The raid claimed the lives of at least 21 fighters.", "killed"),
        ("Three people were shot.", "casualties"),
        ("Two soldiers died of their wounds.", "killed"),
        ("Three civilians were hurt.", "injured"),
    ],
)
def test_the_casualty_word_or_the_noun_decides_what_is_counted(text, subject):
    assert [c.subject for c in find_counts(text)] == [subject]


def test_killing_and_wounding_together_are_casualties():
    assert counts("The army foiled the attack, killing and wounding a number of the militants.")[0][1] == "casualties"


def test_verb_before_the_number_decides_for_each_number():
    assert [(c.value, c.subject) for c in find_counts("The gunmen fled after killing two and wounding three.")] == [
        ("2", "killed"), ("3", "injured")]


def test_shot_and_later_died_is_killed():
    assert [c.subject for c in find_counts("A man was shot in the chest and later died at the hospital.")] == ["killed"]


# --- singular victims ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("A man was shot and killed on Tuesday.", "killed"),
        ("The victim died at the hospital.", "killed"),
        ("A 23-year-old woman was wounded.", "injured"),
        ("He was pronounced dead at the scene.", "killed"),
        ("Eric Summerfield died at the scene.", "killed"),
        ("Police said a gunman shot and killed a 19-year-old man.", "killed"),
    ],
)
def test_singular_victims_count_one(text, subject):
    assert [(c.value, c.subject) for c in find_counts(text)] == [("1", subject)]


def test_two_killed_and_a_third_injured():
    assert [(c.value, c.subject) for c in find_counts("Two people were killed and a third injured.")] == [
        ("2", "killed"), ("1", "injured")]


def test_killing_himself_counts_the_shooter():
    found = find_counts("The man shot his wife before killing himself.")
    assert ("1 (perpetrator)", "killed") in [(c.value, c.subject) for c in found]


def test_the_doer_of_a_killing_is_not_a_victim():
    found = find_counts("The gunman killed his wife.")
    assert [(c.text if hasattr(c, "text") else None, c.value, c.subject) for c in found] == [(None, "1", "killed")]
    assert found[0].start == len("The gunman killed ")


def test_a_murder_suicide_is_at_least_two_dead():
    c = only("Police are investigating a murder-suicide.")
    assert (c.value, c.subject, c.low) == ("at least 2", "killed", 2) and math.isnan(c.high)


def test_coordinated_victims_add_up():
    assert counts("A man, two women and a small child were killed Saturday.")[0][:2] == ("4", "killed")


def test_a_name_renaming_a_person_is_not_a_second_person():
    assert counts("Police said the victim, a 15-year-old boy, was pronounced dead.")[0][:2] == ("1", "killed")


def test_nobody_killed_is_a_count_of_zero():
    assert counts("No one was injured in the attack.") == [("0", "injured", 0, 0)]
    assert counts("No casualties were reported.") == [("0", "casualties", 0, 0)]


def test_a_negated_injury_gives_no_count():
    assert find_counts("An officer was not injured.") == []


# --- what is not a count ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "A 23-year-old man was arrested in 2014.",  # age and year; the man is arrested (a count of 1)
        "The man, aged 40, was arrested.",
    ],
)
def test_ages_and_years_are_not_counts(text):
    assert [c.value for c in find_counts(text)] == ["1"]


@pytest.mark.parametrize(
    "text",
    [
        "The shooting happened on April 20 at 11:30 p.m. in the 300 block of Main Street.",
        "Anyone with information should call (305) 471-8477.",
        "Police found a 9mm handgun and a .45 caliber pistol.",
        "Prices rose by 9% and 12 percent on Tuesday.",
        "The fine was $500 and 20 dollars more.",
        "The convoy drove 15 kilometres in 3 hours.",
        "It was the 21st attack this year.",
        "The bus was on Route 66 when Resolution 2254 was discussed.",
        "He lives at 20582 Southwest 119 Avenue.",
        "Smith, 23, of Gary, called 911.",
    ],
)
def test_dates_times_addresses_phones_calibres_money_units_ordinals_and_names_are_not_counts(text):
    assert find_counts(text) == []


def test_every_casualty_word_passes_the_quick_screen():
    subjects = load("count_subjects")
    stems = [stem.replace(" ", "") for stem in subjects["screen"]]
    for cues in subjects["subjects"].values():
        for pattern in cues.get("head", []) + cues.get("after", []) + cues.get("before", []):
            letters = re.sub(r"[^a-z]", "", pattern.lower())
            assert any(stem in letters for stem in stems), f"add a stem of {pattern!r} to `screen`"


# --- GVC error classes (2026-11-30, found on the train split) --------------------------------------------------

def test_another_alone_is_one_more_person():
    assert [(c.value, c.subject) for c in find_counts("Three people were killed and another critically injured.")] == [
        ("3", "killed"), ("1", "injured")]
    assert find_counts("He bought another car.") == []


def test_both_after_a_list_renames_the_list():
    text = "Inside were an 8-year-old boy and a 12-year-old girl, both dead from gunshot wounds."
    assert [(c.value, c.subject) for c in find_counts(text)] == [("2", "killed")]


def test_people_joined_by_commas_alone_are_one_person():
    assert counts("According to the mother, the girl is in stable condition.")[0][:2] == ("1", "injured")


def test_a_phrase_sharing_the_verb_takes_its_subject():
    found = [(c.value, c.subject) for c in find_counts("The officer killed his two children and himself.")]
    assert found == [("2", "killed"), ("1 (perpetrator)", "killed")]


def test_a_number_of_wounds_is_not_a_number_of_people():
    assert counts("The victim was found suffering from multiple gunshot wounds.") == [("1", "casualties", 1, 1)]
    assert counts("He suffered two gunshot wounds and died.") == [("1", "killed", 1, 1)]


def test_ages_in_decades_and_picture_numbers_are_not_counts():
    assert [c.value for c in find_counts("Three other men, all in their 20's, were wounded.")] == ["3"]
    assert [c.value for c in find_counts("Image 3 of 9: police investigate where a woman was found dead.")] == ["1"]


def test_hurt_and_killed_together_are_casualties():
    assert counts("We've had two children hurt and killed by gun violence.")[0][:2] == ("2", "casualties")


def test_homicides_and_fatal_shootings_count_the_dead():
    assert counts("He is the suspect in two fatal shootings.")[0][:2] == ("2", "killed")
    assert counts("Police are investigating three homicides.")[0][:2] == ("3", "killed")


@pytest.mark.parametrize(
    "text",
    [
        "Two teenagers died early Thursday in separate incidents.",
        "About a dozen minors in Texas die annually in accidents with guns.",
        "Ten children were killed statewide.",
        "Three children have been shot in the past four days.",
        "A year and a half ago a 12-year-old girl was killed in a crossfire.",
    ],
)
def test_sentences_about_several_incidents_or_a_period_are_aggregates(text):
    assert is_aggregate(text)


def test_sentences_about_one_event_are_not_aggregates():
    assert not is_aggregate("A man was shot and killed Saturday in his home.")


def test_a_rate_is_an_aggregate_but_a_span_of_a_week_is_not():
    assert is_aggregate("Guns kill about 300 people a year in the county.")
    assert is_aggregate("Such raids happen twice a month.")
    assert not is_aggregate("Three soldiers were killed in the second attack on the post in a week.")
    assert not is_aggregate("Two men died within a month of each other.")
    assert not is_aggregate("A soldier was killed, a week after two soldiers died at the same post.")


def test_aggregate_sentences_do_not_make_a_report_estimate_when_sentences_are_given():
    texts = ["A man was shot and killed on Friday.", "Two teenagers died in separate incidents this week."]
    starts = [0, len(texts[0]) + 1]
    sentences = pd.DataFrame({"report_id": ["r0", "r0"], "sent_idx": [0, 1], "text": texts, "start": starts,
                              "end": [start + len(t) for start, t in zip(starts, texts, strict=True)]})
    reports = pd.DataFrame({"id": ["r0"], "published": [pd.Timestamp("2016-01-10")], "text": [" ".join(texts)]})
    details = extract_details(reports, sentences)
    assert document_counts(details, "killed", ["r0"]).tolist() == [2.0]
    assert document_counts(details, "killed", ["r0"], sentences).tolist() == [1.0]


def test_one_wounded_beside_a_death_in_the_same_sentence_is_kept():
    rows = [Row("a", 0, "count", "killed", "1", 1, 1, "a 7-year-old girl", 0, 17),
            Row("a", 0, "count", "injured", "1", 1, 1, "her grandmother", 30, 45),
            Row("b", 0, "count", "killed", "1", 1, 1, "the boy", 0, 7),
            Row("b", 1, "count", "injured", "1", 1, 1, "he", 20, 22)]
    # b: the one wounded without a number, in another sentence, is taken to be the one who died (rule 6): no injured
    injured = document_counts(frame(rows), "injured", ["a", "b"])
    assert injured["a"] == 1.0 and math.isnan(injured["b"])


# --- FA-KES implausible counts (2026-11-30: a million killed, eleven million and one displaced, ...) -------------

def test_fractions_of_a_million_are_read_whole():
    found = counts("More than a quarter of a million people have been killed and half a million wounded.")
    assert [(v, s, low) for v, s, low, _ in found] == [
        ("more than 250000", "killed", 250001), ("500000", "injured", 500000)]


def test_a_place_after_a_preposition_is_not_joined_to_a_number():
    found = counts("Hundreds of thousands have been killed in Syria and 11 million displaced.")
    assert [(v, s) for v, s, _, _ in found] == [("hundreds of thousands", "killed"), ("11000000", "displaced")]


@pytest.mark.parametrize(
    "text",
    [
        "The war displaced 12 million people (the pre-war population was over 20 million but most are displaced).",
        "Eastern Ghouta, where some 400000 people live, was shelled.",
        "Around 200000 people lived in rebel-held eastern parts of Aleppo.",
        "Aleppo is still home to some 2 million people.",
    ],
)
def test_a_population_is_not_a_casualty_count(text):
    populations = [c for c in find_counts(text) if c.value.endswith("00000") and "12000000" not in c.value]
    assert populations and all(c.subject == "other" for c in populations)


def test_a_year_ends_no_range_and_units_with_an_adjective_are_not_counts():
    text = "Wheat output dropped from 3.4 million metric tonnes in 2011 to 1.5 million this year."
    assert [c.value for c in find_counts(text)] == ["1500000"]


def test_a_value_is_not_a_count():
    assert find_counts("A picture is worth a thousand words.") == []
    assert counts("The siege has cost the lives of 136 civilians.")[0][:2] == ("136", "killed")


def test_along_with_adds_people_to_a_count():
    assert counts("Four children were shot dead along with their mother.")[0][:2] == ("5", "killed")
    found = [(c.value, c.subject) for c in find_counts("Four people were killed along with the gunman.")]
    assert found == [("4", "killed"), ("1 (perpetrator)", "killed")]


def test_a_phrase_after_its_own_verb_does_not_share_the_first_verb():
    text = "An 8-year-old girl has died and her mother remains in the hospital."
    assert [(c.value, c.subject) for c in find_counts(text)] == [("1", "killed"), ("1", "injured")]


@pytest.mark.parametrize(
    "text",
    [
        "A 3-year-old child suffered non-life threatening injuries.",
        "Another child was taken to a local hospital with minor injuries.",
        "The child is in stable but serious condition.",
    ],
)
def test_injuries_told_without_the_word_injured_count_one_injured(text):
    assert [(c.value, c.subject) for c in find_counts(text)] == [("1", "injured")]


def test_a_pronoun_wounded_beside_a_death_is_the_one_who_died():
    rows = [Row("a", 0, "count", "killed", "1", 1, 1, "A 7-year-old boy", 0, 16),
            Row("a", 0, "count", "injured", "1", 1, 1, "he", 30, 32)]
    assert math.isnan(document_counts(frame(rows), "injured", ["a"])["a"])


def test_headline_without_punctuation_gives_each_number_its_own_participle():
    # "8 persons killed 58 others injured": "killed" closes the first count, it does not take 58 as its object
    assert [(v, s) for v, s, _, _ in counts("8 persons killed 58 others injured in rocket attacks")] == [
        ("8", "killed"), ("58", "injured")]
    assert [(v, s) for v, s, _, _ in counts("Three civilians killed 12 others injured in Aleppo")] == [
        ("3", "killed"), ("12", "injured")]


def test_active_verb_with_a_counted_object_still_names_the_doer():
    assert [(v, s) for v, s, _, _ in counts("Two men killed three people.")] == [("3", "killed")]
    assert [(v, s) for v, s, _, _ in counts("The gunman killed 5 people and injured 10.")] == [
        ("5", "killed"), ("10", "injured")]


def test_a_bare_part_after_including_shares_the_wholes_subject_and_is_a_part():
    from claimdiff.details.groups import PART, grouped_counts
    found = grouped_counts("Raids killed 31 civilians Friday including 10 when their bus was hit.")
    assert [(g.text, g.subject, g.group) for g in found] == [("31", "killed", "civilians"),
                                                             ("10", "killed", PART)]


def test_no_injuries_people_had_is_no_count_of_zero():
    assert counts("The WHO said sufferers had no apparent external injuries and died within minutes.") == []
    assert counts("No one was injured.") == [("0", "injured", 0.0, 0.0)]


def test_no_one_harmed_is_no_casualty():
    assert counts("No civilians were harmed in the strikes.") == [("0", "casualties", 0.0, 0.0)]
    assert counts("The sanctions harmed the economy.") == []


def test_a_title_in_capitals_counts_its_nouns_and_casualty_words():
    assert counts("57 Civilians Killed 150 Injured in Continued Attacks on Aleppo.") == [
        ("57", "killed", 57.0, 57.0), ("150", "injured", 150.0, 150.0)]


def test_a_death_toll_that_rises_to_a_number_past_named_places_is_a_toll_of_the_killed():
    assert [(c.value, c.subject) for c in find_counts("Death toll in bomb attack on Aleppo evacuees rises to 112.")] \
        == [("112", "killed")]
    assert [(c.value, c.subject) for c in find_counts(
        "The death toll following the attack on Aqareb es Safi village reached 51 people.")] == [("51", "killed")]
    assert [(c.value, c.subject) for c in find_counts("Fighters from Aqareb es Safi village reached 51 people.")] \
        != [("51", "killed")]


def test_fighters_a_side_lost_are_its_dead_and_things_it_lost_are_not():
    assert [c.subject for c in find_counts("ISIL also lost 15 militants in the attack.")] == ["killed"]
    assert [c.subject for c in find_counts("The army lost at least 12 soldiers in the fighting.")] == ["killed"]
    assert [c.subject for c in find_counts("Rebels lost three tanks.")] == ["vehicles"]
    assert [c.subject for c in find_counts("The convoy carried 15 militants.")] == ["fighters"]


def test_a_passive_predicate_reaches_over_a_long_subject():
    found = find_counts("At least 30 militants of the group operating in Iraq and Syria were killed in clashes.")
    assert [(c.value, c.subject) for c in found] == [("at least 30", "killed")]
    found = find_counts("At least 30 militants of the group operating in Iraq and Syria attacked and killed two.")
    assert "at least 30" not in [c.value for c in found if c.subject == "killed"]
