"""Actors and labels: aliases merge, roles come from the words around, labels find the actor they stand for."""

import pandas as pd

from claimdiff.details.actors import actor_rows, actor_side, find_actors, role


def names(text):
    return [m.name for m in find_actors(text)]


def rows(*texts):
    table = pd.DataFrame({"report_id": "r", "sent_idx": range(len(texts)), "start": 0, "text": list(texts)})
    return [(row.kind, row.subject, row.value, row.text) for row in actor_rows(table)]


def test_daesh_and_islamic_state_merge_to_isis():
    assert names("Daesh, the Islamic State, ISIL and IS") == ["ISIS"] * 4


def test_is_the_verb_is_not_the_islamic_state():
    assert names("The situation is calm and it is quiet.") == []


def test_hts_spellings_merge():
    assert names("Hay’at Tahrir al-Sham (HTS), Tahrir al-Sham and Nusra") == ["HTS"] * 4


def test_regime_and_government_forces_merge_to_syrian_government_forces():
    assert names("SAA, the Syrian Arab Army, regime forces and pro-government forces") == [
        "Syrian government forces"] * 4


def test_russian_aerospace_forces_are_russian_forces():
    assert names("Russian Aerospace Forces and Russian warplanes") == ["Russian forces"] * 2


def role_of(text, name):
    start = text.index(name)
    return role(text, start, start + len(name))


def test_agent_role_from_by_and_from_a_verb_after():
    assert role_of("The drones were launched by HTS.", "HTS") == "agent"
    assert role_of("ISIS attacked a bus.", "ISIS") == "agent"
    assert role_of("The attack was claimed by Daesh.", "Daesh") == "claimed"  # a claim of its own (responsibility)


def test_who_holds_a_place_is_not_who_struck_it():
    assert role_of("An air raid hit a village held by the Islamic State group.", "Islamic State group") != "agent"
    assert role_of("Jets bombed positions controlled by Kurdish forces.", "Kurdish forces") != "agent"
    assert role_of("The strikes were carried out by Russian jets.", "Russian jets") == "agent"


def test_blamed_role():
    assert role_of("The ministry blamed the attack on ISIS.", "ISIS") == "blamed"
    assert role_of("Activists accused HTS of the shelling.", "HTS") == "blamed"


def test_target_role():
    assert role_of("Strikes against ISIS positions.", "ISIS") == "target"


def test_a_passive_headline_makes_the_actor_the_target():
    assert role_of("Two Syrian soldiers killed in attack on checkpoint", "Syrian soldiers") == "target"
    assert role_of("Syrian soldiers killed two gunmen.", "Syrian soldiers") == "agent"


def test_label_tied_by_belonged_to():
    assert ("label", "ISIS", "terrorists", "terrorists") in rows("The spokesman said the terrorists belonged to ISIS.")


def test_mentioned_when_nothing_says_more():
    assert role_of("HTS and the weather.", "HTS") == "mentioned"


def test_label_next_to_an_actor_names_it():
    assert ("label", "ISIS", "terrorists", "terrorists") in rows("ISIS terrorists attacked.")
    assert ("label", "ISIS", "terrorists", "terrorists") in rows("The terrorists of Daesh attacked.")


def test_a_label_in_one_phrase_with_a_name_names_it():
    assert ("label", "ISIS", "extremists", "extremist") in rows("The extremist Islamic State group attacked.")
    assert ("label", "HTS", "rebels", "rebels") in rows("Al-Nusra Front jihadist rebels seized the hill.")
    # a plural before a name is one of a list (reports whose commas were lost), not the name's label
    assert ("label", "unresolved", "rebels", "rebels") in rows("Fighting pitted rebels ISIS and Kurds.")


def test_bare_label_resolves_to_the_most_recent_fitting_actor():
    found = rows("HTS launched drones at the army.", "The army said the terrorists fled.")
    assert ("label", "HTS", "terrorists", "terrorists") in found


def test_the_rebels_never_stand_for_a_group_that_fights_for_the_state():
    found = rows("HTS attacked the town.", "Hezbollah fighters held the hill.", "The rebels fled.")
    assert ("label", "HTS", "rebels", "rebels") in found
    assert ("label", "Hezbollah", "rebels", "rebels") not in found
    # a word that does not say whom the party fights still refers back to it
    found = rows("HTS attacked the town.", "Hezbollah fighters held the hill.", "The militants fled.")
    assert ("label", "Hezbollah", "militants", "militants") in found


def test_bare_label_without_an_actor_is_unresolved():
    assert rows("The terrorists fled.") == [("label", "unresolved", "terrorists", "terrorists")]


def test_the_regime_always_means_the_syrian_government():
    assert rows("The regime shelled the town.")[0][:3] == ("label", "Syrian government", "regime")


def test_a_regime_qualified_by_another_country_is_not_the_syrian_government():
    assert rows("The Iranian regime denied it.")[0][:3] == ("label", "unresolved", "regime")
    assert rows("He opposed the Kim regime.")[0][:3] == ("label", "unresolved", "regime")
    assert rows("The regime's army, not the Iranian one.")[0][:3] == ("label", "Syrian government", "regime")
    label = [r for r in rows("The brutal regime of Syrian President Bashar al-Assad.") if r[0] == "label"]
    assert label[0][:3] == ("label", "Syrian government", "regime")


def test_an_inspection_regime_is_no_label():
    assert [r for r in rows("The inspection regime under the agreement is robust.") if r[0] == "label"] == []


def test_a_capital_at_the_start_of_a_sentence_is_no_qualifier():
    assert rows("Two regime soldiers were killed.")[0][:3] == ("label", "Syrian government", "regime")


def test_unknown_gunmen_are_an_actor_that_names_nobody():
    assert ("actor", "agent", "unidentified", "Unknown gunmen") in rows("Unknown gunmen ambushed a convoy.")
    assert ("actor", "agent", "unidentified", "gunmen") not in rows("Gunmen attacked.")
    assert ("actor", "agent", "unidentified", "unidentified gunmen") in rows("Then unidentified gunmen attacked.")
    assert names("Gunmen attacked a checkpoint.") == []


def test_a_government_and_its_forces_are_one_side():
    assert actor_side("Syrian government") == actor_side("Syrian government forces") == "Syrian government"
    assert actor_side("Russian forces") == actor_side("Russia") == "Russia"
    assert actor_side("ISIS") == "ISIS"  # without a side, an actor is its own


def test_a_label_naming_no_group_that_did_it_is_an_unidentified_actor():
    assert ("actor", "agent", "unidentified", "terrorist organizations") in rows(
        "Air defenses downed drones launched by terrorist organizations from Idlib."
    )
    assert ("actor", "agent", "ISIS", "Daesh") in rows("Daesh terrorists attacked a bus.")
    assert not [r for r in rows("Daesh terrorists attacked a bus.") if r[2] == "unidentified"]
    assert not [r for r in rows("The Coalition of Revolution and Opposition Forces said the attack killed 100.")
                if r[2] == "unidentified"]


def test_the_noun_of_an_act_names_its_doer():
    assert ("actor", "agent", "Syrian government", "Assad regime air strikes") in rows(
        "Assad regime air strikes and artillery fire killed 19.")


def test_isis_spelt_with_one_capital_is_isis():
    assert ("actor", "agent", "ISIS", "Isis") in rows("A car bomb attack carried out by Isis killed 20 civilians.")


def report_rows(*texts):
    table = pd.DataFrame({"report_id": "r", "sent_idx": range(len(texts)), "start": 0, "text": list(texts)})
    return [(row.kind, row.subject, row.value, row.text) for row in actor_rows(table)]


def test_an_actor_named_by_its_arms_did_it():
    assert ("actor", "agent", "Russian forces", "Russian air strikes") in rows("Russian air strikes hit the town.")
    found = rows("The raids were carried out by either Syrian or Russian aircraft.")
    assert ("actor", "agent", "Syrian government forces", "Syrian") in found
    assert ("actor", "agent", "Russian forces", "Russian aircraft") in found


def test_a_foreign_government_s_jets_are_not_the_syrian_government():
    assert not [r for r in rows("On Monday Iraqi government jets struck the border.") if r[0] == "actor"]


def test_a_claim_of_responsibility_names_the_claimant():
    assert ("actor", "claimed", "ISIS", "Islamic State group") in rows(
        "The Islamic State group claimed responsibility for the attack.")


def test_no_claim_and_no_known_perpetrator_are_rows_of_their_own():
    assert ("actor", "claimed", "unclaimed", "no immediate claim of responsibility") in rows(
        "There was no immediate claim of responsibility for the bombing.")
    assert ("actor", "agent", "unknown", "not immediately clear who") in rows(
        "It was not immediately clear who carried out the attack.")
    assert rows("It was unclear whether he was a hostage.") == []


def test_unclear_whether_names_nobody_only_when_it_weighs_doers_or_asks_who_acted():
    unknown = ("actor", "agent", "unknown")
    assert unknown not in [r[:3] for r in rows("It was not immediately clear whether the warplane was shot down.")]
    assert unknown in [r[:3] for r in rows("It was unclear whether Syrian or Russian jets struck the town.")]
    assert unknown in [r[:3] for r in rows("It was not clear whether the raids were carried out by regime jets.")]


def test_the_group_is_the_non_state_actor_named_just_before():
    found = report_rows("Daesh attacked a checkpoint.", "The group lost three fighters.")
    assert ("actor", "mentioned", "ISIS", "The group") in found


def test_the_group_after_a_monitor_is_not_an_actor():
    found = report_rows("Daesh attacked a checkpoint.", "The monitoring group counted the dead.",
                        "The group said ten died.")
    assert [r for r in found if r[3] == "The group"] == []


def test_the_group_far_from_any_actor_is_not_resolved():
    found = report_rows("Daesh attacked a checkpoint.", "A.", "B.", "C.", "D.", "The group lost three fighters.")
    assert [r for r in found if r[3] == "The group"] == []


def test_the_outlets_name_for_an_actor_is_a_label():
    assert ("label", "ISIS", "Daesh", "Daesh") in rows("Daesh attacked a checkpoint.")
    assert ("label", "ISIS", "Islamic State", "Islamic State") in rows("Islamic State attacked a checkpoint.")
    assert ("label", "SDF", "YPG", "YPG") in rows("The YPG took the town.")


def test_anti_regime_fighters_are_not_the_regime():
    assert not [r for r in rows("The anti-regime fighters were travelling by bus.") if r[1] == "Syrian government"]


def test_an_actors_fighters_who_act_are_agents_and_counted_dead_ones_targets():
    assert role_of("ISIS fighters attacked the base.", "ISIS") == "agent"
    assert role_of("Nusra militants do not cooperate with others.", "Nusra") == "mentioned"
    assert role_of("The army killed 20 ISIS militants.", "ISIS") == "target"
    assert role_of("The army killed dozens of ISIS fighters.", "ISIS") == "target"


def test_an_actor_whose_things_were_hit_is_a_target():
    assert role_of("ISIS fighters were killed near Palmyra.", "ISIS") == "target"
    assert role_of("Positions for ISIS terrorists were destroyed.", "ISIS") == "target"
    assert role_of("The strike killed five pro-regime forces.", "pro-regime forces") == "target"


def test_an_actor_after_anti_is_only_mentioned():
    assert ("actor", "mentioned", "ISIS", "ISIL") in rows("Jets in an anti-ISIL operation struck the town.")


def test_a_bare_plural_label_is_a_party_of_its_own_not_the_actor_named_before():
    found = rows("ISIS attacked the town.", "The government accused rebels of shelling rebel-held areas.")
    assert [r[:3] for r in found if r[2] == "rebels"] == [("label", "unresolved", "rebels")] * 2
    found = rows("ISIS attacked the town.", "The militants withdrew.")  # a definite label still refers back
    assert ("label", "ISIS", "militants", "militants") in found


def test_a_quoted_label_is_the_speakers_word_not_the_outlets():
    def label_roles(*texts):
        sentences = pd.DataFrame({"report_id": "r", "sent_idx": range(len(texts)), "start": 0, "text": list(texts)})
        return [row.role for row in actor_rows(sentences) if row.kind == "label"]

    assert label_roles('"We will fight the terrorists," the minister said.') == ["quoted"]
    assert label_roles('Russia claims it is striking "terrorist groups".') == ["quoted"]
    assert label_roles("The minister said terrorists fled.") == ["mentioned"]


def test_a_label_inside_a_name_is_no_label():
    found = rows("The National Coalition for Syrian Revolution and Opposition Forces said 100 died.")
    assert [r for r in found if r[0] == "label"] == []
    assert rows("Opposition forces said 100 died.")[0][:3] == ("label", "unresolved", "opposition")


def test_a_possessive_without_its_apostrophe_still_names_the_regime():
    assert rows("Fighters loyal to Assads regime attacked.")[0][:3] == ("label", "Syrian government", "regime")


def test_a_label_in_apposition_describes_the_actor_before_it():
    found = rows("The drones came from the zone held by Hayat Tahrir al-Sham (a terrorist organization banned here).")
    assert ("label", "HTS", "terrorists", "terrorist organization") in found


def test_who_backs_a_party_did_not_do_it():
    assert role_of("Fighters backed by Turkey hold the town.", "Turkey") == "mentioned"
    assert role_of("The town was shelled by Turkey.", "Turkey") == "agent"


def test_a_label_another_gives_as_a_name_is_theirs_not_the_outlets():
    table = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "start": [0, 40],
                          "text": ["State TV called it terrorist bombings.", "The so-called rebels fled."]})
    labels = {row.value: row.role for row in actor_rows(table) if row.kind == "label"}
    assert labels["terrorists"] == "quoted" and labels["rebels"] != "quoted"


def test_a_label_after_an_anti_actor_is_not_that_actors():
    found = {(kind, value): subject for kind, subject, value, _ in rows("Air strikes hit the anti-Assad rebels.")}
    assert found[("label", "rebels")] != "Syrian government"


def test_opposition_to_a_party_is_the_act_of_opposing_not_a_label():
    found = rows("Turkey targets the YPG despite their common opposition to IS.")
    assert not [row for row in found if row[0] == "label" and row[2] == "opposition"]
    assert ("label", "unresolved", "opposition", "opposition fighters") in rows("The opposition fighters withdrew.")


def label_roles(text):
    table = pd.DataFrame({"report_id": "r", "sent_idx": [0], "start": 0, "text": [text]})
    return {row.text: row.role for row in actor_rows(table) if row.kind == "label"}


def test_label_telling_an_activists_leaning_is_no_word_for_a_party():
    from claimdiff.details.voice import SOURCE_WORD

    assert label_roles("Opposition activists said rebels shelled the town.") == {
        "Opposition": SOURCE_WORD, "rebels": "agent"}
    # a party's own source keeps the outlet's word for that party
    assert label_roles("A regime source said the army shelled the town.")["regime"] != SOURCE_WORD


def test_the_opposition_speaking_is_a_political_body_not_a_word_for_the_fighters():
    from claimdiff.details.voice import SOURCE_WORD

    assert label_roles("The opposition also stated that rebels shelled the town.") == {
        "opposition": SOURCE_WORD, "rebels": "agent"}
    assert label_roles("Ten died according to a Syrian opposition statement.")["opposition"] == SOURCE_WORD
    # the rebels speaking, or opposition fighters acting, keep the outlet's word
    assert label_roles("Rebels said they shelled the town.")["Rebels"] != SOURCE_WORD
    assert label_roles("Opposition forces shelled the town and said it fell.")["Opposition forces"] != SOURCE_WORD


def test_a_demonym_before_attack_or_strike_names_who_did_it():
    assert [r[:3] for r in rows("An Israeli attack on a training camp killed three fighters.")] == [
        ("actor", "agent", "Israel")]
    assert [r[:3] for r in rows("Russian strike kills 18 civilians in Idlib.")] == [
        ("actor", "agent", "Russian forces")]


def test_a_label_after_pro_a_state_stands_for_that_state():
    found = rows("Troops and pro-government gunmen repelled the attack, as did pro-Western rebels.")
    assert ("label", "Syrian government forces", "gunmen", "gunmen") in found
    assert ("label", "unresolved", "rebels", "rebels") in found
    assert ("actor", "agent", "unidentified", "gunmen") not in found  # the gunmen are named: the state's side


def test_a_regime_backed_by_a_foreign_state_is_still_the_syrian_regime():
    assert ("label", "Syrian government", "regime", "regime") in rows(
        "A ceasefire between the Russian-backed regime and the opposition collapsed.")


def test_a_label_and_group_right_before_a_name_are_that_actors_label():
    found = rows("The extremist group ISIS attacked the town.")
    assert ("label", "ISIS", "extremists", "extremist group") in found
    assert ("actor", "agent", "unidentified", "extremist") not in found  # the group is named: no unnamed doer


def test_a_doer_offered_as_either_of_two_is_not_known():
    found = [r[:3] for r in rows("Warplanes either Russia or Syrian carried out six strikes in the village of Hass.")]
    assert ("actor", "agent", "unknown") in found
    assert ("actor", "agent", "unknown") not in [r[:3] for r in rows(
        "Russian jets carried out the strikes, either on Friday or on Saturday.")]
