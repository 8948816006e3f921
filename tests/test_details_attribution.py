"""Attribution and hedges: whom a claim is attributed to, and how sure the outlet says it is."""

import pandas as pd

from claimdiff.details.attribution import attribution_rows, find_attributions
from claimdiff.details.hedges import find_hedges


def sources(text):
    return [(a.value, a.subject) for a in find_attributions(text)]


def test_the_ministry_said():
    assert sources("Two soldiers were killed, the ministry said in a statement.") == [
        ("Ministry of Defense", "official")]


def test_according_to_sohr_is_the_monitor():
    assert sources("Eighteen died, according to SOHR.") == [("monitor", "monitor")]


def test_sources_told_are_anonymous():
    assert sources("Local sources told Enab Baladi that the road was closed.") == [("local sources", "anonymous"),
                                                                                   ("media", "media")]


def test_a_military_source_told():
    assert sources("A military source told SANA that three attackers were killed.") == [
        ("military source", "anonymous"), ("state media", "media")]


def test_state_media_reported():
    assert sources("State media reported that 22 soldiers died.") == [("state media", "media")]


def test_activists_and_witnesses():
    assert sources("Activists said the toll was higher.") == [("activists", "activist")]
    assert sources("Witnesses said they heard shots.") == [("witnesses", "witness")]


def test_verb_before_the_source_after_a_quote():
    assert sources('"It was loaded," said Officer Douglas Greene.') == [("police", "police")]


def test_police_said():
    assert sources("The man was taken to hospital, police said.") == [("police", "police")]


def test_a_pronoun_takes_the_previous_source_of_a_fitting_kind():
    # "it" can be the ministry; "he" cannot (before: the previous source, whatever it was, so "he" was the ministry)
    table = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "start": [0, 40],
                          "text": ["The ministry said the attack failed.", "It added that he said nothing."]})
    found = [(row.value, row.text) for row in attribution_rows(table)]
    assert found == [("Ministry of Defense", "The ministry said"), ("Ministry of Defense", "It added"),
                     ("unnamed speaker", "he said")]


def rows_of(*texts):
    table = pd.DataFrame({"report_id": "r", "sent_idx": range(len(texts)), "start": 0, "text": list(texts)})
    return [(row.value, row.text) for row in attribution_rows(table)]


def test_he_is_the_last_person_named_as_a_source_nearby():
    assert rows_of("Governor Talal Barazi said the road was open.", "The ministry said it was shut.",
                   "He said it would reopen.")[-1] == ("officials", "He said")
    assert rows_of("Governor Talal Barazi said the road was open.", "A.", "B.", "C.", "D.", "E.",
                   "He said it would reopen.")[-1] == ("unnamed speaker", "He said")


def test_the_group_is_the_actor_or_the_monitor_named_before():
    assert rows_of("ISIS attacked the base.", "The group said three of its fighters died.")[-1] == (
        "ISIS", "The group said")
    assert rows_of("ISIS attacked the base, the Observatory said.", "The group said ten died.")[-1] == (
        "monitor", "The group said")


def test_according_to_a_source_without_a_comma_after_it():
    assert sources("According to the Britain-based Syrian Observatory for Human Rights at least 9 died") == [
        ("monitor", "monitor")]


def test_a_long_unknown_source_keeps_its_last_noun_phrase():
    assert sources("Clashes spread to the border the Lebanese Al-Ahed channel reported") == [
        ("Lebanese Al-Ahed channel", "other")]


def test_unknown_source_keeps_its_words():
    assert sources("Economists say prices will rise.") == [("Economists", "other")]


def test_no_attribution_no_row():
    assert sources("Two soldiers were killed in Daraa.") == []


def test_claimed_responsibility_is_not_an_attribution():
    assert sources("No group claimed responsibility for the attack.") == []


def test_a_report_noun_before_said_is_the_source():
    assert sources("The victim was found dead, the report said.") == [("media", "media")]


def hedges(text):
    return [h.value for h in find_hedges(text)]


def test_hedged_claim_marked():
    assert hedges("The drones were most likely launched by HTS.") == ["most likely"]
    assert hedges("Soldiers were reportedly killed.") == ["reportedly"]
    assert hedges("The alleged gunman fled.") == ["allegedly"]
    assert hedges("It purportedly shows the strike.") == ["purportedly"]


def test_unverifiable_claims_are_marked_unverified():
    assert hedges("The toll could not be independently verified.") == ["unverified"]
    assert hedges("This is according to unverified reports.") == ["unverified"]


def test_belief_and_appearance_are_hedges():
    assert hedges("It is believed the cell fled.") == ["it is believed"]
    assert hedges("The strike appears to have hit a school.") == ["appears to"]


def test_a_plain_statement_has_no_hedge():
    assert hedges("Two soldiers were killed in Daraa on Friday.") == []


def count_sources(text):
    from claimdiff.details import extract_details

    reports = pd.DataFrame({"id": ["r"], "published": [pd.NaT], "text": [text]})
    sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": [text], "start": [0], "end": [len(text)]})
    details = extract_details(reports, sentences)
    counts = details[details["kind"].eq("count")]
    return [(v, s if isinstance(s, str) else None) for v, s in zip(counts["value"], counts["source"], strict=True)]


def test_a_count_is_the_source_s_that_opens_its_clause():
    assert count_sources("The regime's Ministry of Defense claimed that dozens were killed, a figure the "
                         "Observatory could not verify.") == [("dozens", "Ministry of Defense")]


def test_a_count_is_the_source_s_that_closes_its_clause():
    assert count_sources("At least 9 ISIS members were killed, the Observatory said.") == [("at least 9", "monitor")]


def test_two_sources_in_one_sentence_each_keep_their_count():
    assert count_sources("The ministry said 30 were killed, while 12 died, activists said.") == [
        ("30", "Ministry of Defense"), ("12", "activists")]


def test_a_count_without_attribution_has_no_source():
    assert count_sources("At least 9 fighters were killed.") == [("at least 9", None)]


def test_a_capitalised_verb_inside_a_name_is_no_report():
    assert sources("The United States has said the deaths were caused by sarin.") == [("United States", "other")]


def test_a_monitor_at_the_end_of_a_long_phrase_is_the_monitor():
    assert sources("Air strikes killed 47 in a town in eastern Syria a monitor said.") == [("monitor", "monitor")]


def test_a_capitalised_verb_in_a_title_case_headline_is_a_report():
    assert sources("Obama Says He Is Shifting Focus To Domestic Priorities") == [("Obama", "other")]


def test_words_before_a_name_without_punctuation_are_not_the_source():
    assert sources("Fifty were killed in the underground tunnels Konashenkov said") == [("Konashenkov", "other")]
    assert sources("Ten were killed and 15 injured Al-Manar correspondent reported") == [("media", "media")]


def test_a_weekday_a_place_a_clause_or_an_event_is_not_a_source():
    assert sources("The attack killed nine people on Friday said") == []
    assert sources("Rockets hit the centre of Idlib said") == []
    assert sources("The strike killed at least 18 people including five children said") == []
    assert sources("A massive bomb blast claimed by the group killed 44") == []


def test_a_misspelt_acronym_of_a_known_source_is_that_source():
    assert sources("Four were killed SORH said") == [("monitor", "monitor")]


def test_both_sources_joined_by_and_speak():
    assert sources("It killed 32 people a medical source and witnesses said.") == [
        ("medical officials", "official"), ("witnesses", "witness")]


def test_a_source_that_told_a_medium_and_the_medium_are_both_sources():
    assert sources("A police source told SANA that three died.") == [("police", "police"), ("state media", "media")]


def test_a_regime_channel_is_state_media():
    assert sources("Five died, the regime's official television channel reported.") == [("state media", "media")]


def _label_sources(text):
    from claimdiff.details import extract_details

    reports = pd.DataFrame({"id": ["r"], "published": [pd.NaT], "text": [text]})
    sentences = pd.DataFrame({"report_id": ["r"], "sent_idx": [0], "text": [text], "start": [0], "end": [len(text)]})
    details = extract_details(reports, sentences)
    labels = details[details["kind"] == "label"]
    return dict(zip(labels["value"], labels["source"], strict=True))


def test_a_label_in_what_a_source_says_is_the_sources_word():
    assert _label_sources("The ministry said terrorists shelled the town.")["terrorists"] == "Ministry of Defense"
    # the speaker's own phrase is the outlet's word for it
    assert pd.isna(_label_sources("The opposition said the town was shelled.")["opposition"])


def test_a_label_in_a_reported_clause_with_no_speaker_found_is_not_the_outlets_word():
    # the speaker is the sentence's subject ("and said") or no source the lexicon knows ("stressing that")
    assert _label_sources("The ministry condemned the raid and said the US supports terrorist groups.")[
        "terrorists"] == "unnamed speaker"
    assert _label_sources("The talks ended, with the envoy stressing that terrorists stored the gas.")[
        "terrorists"] == "unnamed speaker"
    assert pd.isna(_label_sources("Terrorists shelled the town on Sunday.")["terrorists"])


def test_a_label_in_what_a_speaker_said_is_the_speakers_even_before_a_later_speakers_phrase():
    text = ("Commander Hadiya Abbas said that after the raids US military directed terrorists attack on the Syrian "
            "army FNA reported.")
    assert _label_sources(text)["terrorists"] == "officials"


def test_a_source_with_its_short_form_in_brackets_before_the_verb_is_that_source():
    assert sources("25 soldiers died, the Syrian Observatory for Human Rights (SOHR) said.") == [("monitor", "monitor")]


def test_a_known_source_after_its_verb_needs_no_comma():
    assert sources("Strikes killed 18 people including five children said the Observatory.") == [("monitor", "monitor")]
    assert sources("Among the dead were 20 children said Observatory head Rami Abdel Rahman who gave no more.") == [
        ("monitor", "monitor")]


def test_what_a_source_said_after_the_verb_is_no_source():
    assert sources("The army said the monitor had lied.") == [("military", "official")]


def test_an_acronym_spelt_like_a_conjunction_is_a_source():
    assert sources('"Some cases show signs of nerve agents" WHO said in a statement.') == [("WHO", "official")]


def test_a_chief_is_a_police_source_only_when_the_police_are_named():
    assert sources("EU diplomatic chief Federica Mogherini said five died.")[0][1] == "other"


def test_a_credit_line_names_the_reports_source():
    assert sources("(Source: Syrian Coalition)") == [("rebels", "other")]


def test_a_title_run_into_its_credit_line_names_the_source_of_its_toll():
    text = ("Rocket attacks strike Homs killing 40 people and wounding 120 says Syrian Observatory for Human Rights "
            "AP Thursday 1 Aug 2013 Rocket attacks struck Homs.")
    assert [a.value for a in find_attributions(text)] == ["monitor"]
    assert [a.value for a in find_attributions("The army said the Observatory exaggerates.")] == ["military"]


def test_the_group_can_be_the_rescue_group_named_in_a_long_phrase_before():
    history = []
    first = find_attributions("The local White Helmets in the central Hama province said a raid killed eight.",
                              history, 0)
    second = find_attributions("The group said five bodies were lifted from the rubble.", history, 1)
    assert [a.value for a in first] == ["civil defence"] and [a.value for a in second] == ["civil defence"]


def test_a_known_source_before_a_name_is_kept_when_commas_are_lost():
    text = ("A warplane struck a marketplace in the opposition-held province local civil defense official "
            "Leys al-Faris told Anadolu Agency.")
    assert ("civil defence", "other") in sources(text)


def test_a_name_said_again_alone_is_the_source_it_named_in_full():
    names: dict = {}
    first = find_attributions("Five died, Homs Governor Talal Barazi said.", names=names)
    again = find_attributions("Barazi said the strike served the militants.", names=names)
    assert [a.value for a in first] == [a.value for a in again] == ["officials"]


def test_he_stands_for_the_person_quoted_though_the_source_was_named_as_a_body_since():
    # "Homs Governor Talal Barazi said" (a person), "Barazi said", "He confirmed", then "he told Reuters"
    history: list = []
    names: dict = {}
    texts = ["Five died, Homs Governor Talal Barazi said.", "Barazi said the base backed the army.",
             "He confirmed deaths at the airbase.", '"We hope there are not many victims" he told Reuters.']
    found = [find_attributions(text, history, i, names) for i, text in enumerate(texts)]
    assert [a.value for a in found[3]] == ["officials", "media"]


def test_a_medium_said_again_by_what_it_is_is_that_medium():
    history: list = []
    find_attributions("Syria's official news agency SANA reported that jets hit al-Bab.", history, 0)
    assert [a.value for a in find_attributions("The report said at least 70 were killed.", history, 1)] == [
        "state media"]


def test_a_channel_named_like_a_town_is_a_source():
    text = "A double attack in Homs killed 18 civilians Lebanese TV channel Al-Mayadin reported."
    assert [a.value for a in find_attributions(text)] == ["media"]
