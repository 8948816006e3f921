"""Counts tied to who they count: the group column, parts of a whole, and counts that are no incident's toll."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.details.groups import PART, group_of_words, grouped_counts


def read(text):
    return [(c.text, c.subject, c.group) for c in grouped_counts(text)]


def test_the_group_is_the_noun_counted():
    assert read("The raid killed 21 children.") == [("21", "killed", "children")]
    assert read("Shelling killed at least 53 people.") == [("at least 53", "killed", "people")]
    assert read("Jets killed 9 ISIS members and 37 terrorists.")[0][2] == "fighters"
    assert read("Rebels killed 12 government soldiers.") == [("12", "killed", "soldiers")]
    assert read("A strike killed six aid workers.") == [("six", "killed", "aid workers")]


def test_a_count_without_a_noun_counts_people():
    assert read("The blast killed 12 and wounded 29.") == [("12", "killed", "people"), ("29", "injured", "people")]


def test_a_part_shares_the_subject_of_its_whole():
    assert read("Strikes killed 40 civilians including 12 children.") == [
        ("40", "killed", "civilians"), ("12", "killed", "children")]
    assert read("At least 30 people including eight women were killed.") == [
        ("At least 30", "killed", "people"), ("eight", "killed", "women")]
    assert read("Shelling killed 20 civilians, five of them children.") == [
        ("20", "killed", "civilians"), ("five", "killed", "children")]


def test_of_the_dead_names_the_group_of_a_part():
    assert read("The monitor said 14 of the dead were rebel fighters.") == [("14", "killed", "fighters")]


def test_an_unnamed_part_of_a_toll_is_no_total():
    assert read("He said 15 of the wounded were in critical condition.") == [("15", "injured", PART)]
    assert read("At least 15 civilians including a woman and two children were killed.") == [
        ("At least 15", "killed", "civilians"), ("a woman and two", "killed", PART)]
    assert read("Besides 10 civilians killed on the bus, 21 others died in the strikes.") == [
        ("10", "killed", "civilians"), ("21", "killed", PART)]
    # others of another subject are that subject's total
    assert read("Three civilians were killed and 12 others injured.") == [
        ("Three", "killed", "civilians"), ("12", "injured", "people")]


def test_a_person_phrase_is_its_own_group():
    assert read("A child was killed and a soldier wounded.") == [
        ("A child", "killed", "children"), ("a soldier", "injured", "soldiers")]


def test_mixed_groups_joined_count_people():
    assert read("Three women and two soldiers were killed.") == [("Three women and two", "killed", "people")]


def test_counts_of_things_are_not_casualties():
    assert read("Militants stormed the two besieged villages.") == [("two", "other", "villages")]
    assert read("Fighters captured eight villages.") == [("eight", "other", "villages")]


def test_war_wide_totals_are_not_an_incidents_toll():
    assert read("The five-year war has killed more than 300,000 people.")[0][1:] == ("other", "war-wide")
    assert read("Some 250,000 people have died since 2011.")[0][1:] == ("other", "war-wide")
    # a war mentioned beside an incident's small toll leaves the toll alone
    assert read("In the five-year war, a strike killed 12 people on Monday.") == [("12", "killed", "people")]


def test_people_who_are_somewhere_are_a_population_not_a_toll():
    assert read("Some 2 million civilians are still in the city.")[0][1:] == ("other", "population")
    assert read("About 9000 people remain trapped in the town.")[0][1:] == ("other", "population")


def test_people_still_under_the_rubble_are_not_counted_among_the_dead():
    assert read("One child killed, 6 children & their mother still under rubble in the town.")[-1] == (
        "6", "other", "population")
    assert read("The raid killed 6 children, and rescuers are searching the rubble.") == [("6", "killed", "children")]


def test_vague_numbers_keep_their_interval():
    found = grouped_counts("Several other people were wounded.")
    assert [(c.value, c.low, c.high, c.subject, c.group) for c in found] == [
        ("several", 3.0, 9.0, "injured", "people")]


def test_a_qualifier_names_its_group():
    assert group_of_words("IS militants") == "fighters" and group_of_words("civilians in the town") == "civilians"
    assert group_of_words("in the north") is None


def test_the_details_table_carries_the_group():
    reports = pd.DataFrame({"id": ["r"], "published": [pd.Timestamp("2024-04-21")],
                            "text": ["The strike killed 15 civilians including four children."]})
    sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": reports["text"], "start": [0],
                              "end": [len(reports["text"][0])]})
    counts = extract_details(reports, sentences).query("kind == 'count'")
    assert counts[["value", "subject", "group"]].values.tolist() == [
        ["15", "killed", "civilians"], ["4", "killed", "children"]]


def test_a_name_between_a_number_and_its_noun_is_what_is_counted():
    assert read("The army said 25 Nusra fighters were killed.") == [("25", "killed", "fighters")]


def test_a_generic_count_among_a_group_counts_that_group():
    assert read("No casualties were reported among the attackers.") == [("No", "casualties", "fighters")]
    assert read("Four people were killed among the villagers.") == [("Four", "killed", "civilians")]
    assert read("Shelling killed 12, among them two children.") == [
        ("12", "killed", "people"), ("two", "killed", "children")]
    assert read("Five people died among the crowd.") == [("Five", "killed", "people")]


def test_a_group_in_scare_quotes_is_the_group():
    assert read("The army said three \u201cterrorists\u201d were killed.") == [("three", "killed", "fighters")]
    assert read("The army killed three of the terrorists.") == [("three", "killed", "fighters")]


def test_more_before_the_noun_keeps_the_noun():
    assert read("Three more civilians were killed in another strike.") == [("Three", "killed", "civilians")]
    assert read("Rebels killed 18 more on Monday.") == [("18", "killed", "people")]


def test_others_among_the_dead_are_a_part_of_the_toll():
    assert read("The three others among the dead had not been identified.") == [("three", "killed", PART)]
    assert read("Shelling killed 12, among them two children.")[0] == ("12", "killed", "people")


def test_a_zero_counts_the_group_named_after_it():
    assert read("No civilians were harmed in the strikes.") == [("No", "casualties", "civilians")]


def test_bodies_being_recovered_or_moved_are_a_part_of_the_toll_not_the_toll():
    assert read("The group said five bodies were lifted from the rubble.") == [("five", "killed", PART)]
    assert read("Rescuers said they had carted away at least 100 bodies from the site.")[0][2] == PART
    assert read("51 martyrs from Kefraya escorted from the Military Hospital in Aleppo")[0][2] == PART
    assert read("Five people died in the blast.") == [("Five", "killed", "people")]


def test_wounded_in_critical_condition_are_a_part_of_the_wounded():
    found = read("At least 12 people were killed and 30 wounded, eight of them are in critical condition.")
    assert found[:2] == [("At least 12", "killed", "people"), ("30", "injured", "people")]
    assert read("Among at least 25 injured eight were in critical condition.")[-1] == ("eight", "injured", PART)


def test_people_said_to_be_among_the_dead_are_a_part_of_the_toll():
    assert read("The monitor said 14 children and a woman were among those killed.") == [
        ("14 children and a woman", "killed", PART)]
    assert read("Five civilians were among the dead.") == [("Five", "killed", PART)]
    assert read("Two soldiers were among the dead.") == [("Two", "killed", "soldiers")]  # a named group keeps it
    assert read("30 children were among 39 people killed.")[1] == ("39", "killed", "people")  # the whole is named
