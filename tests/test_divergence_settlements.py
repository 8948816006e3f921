"""The settlement where the act happened, lead against lead (claimdiff.divergence.settlements), read from the
reports' own words: the kind of ground a place mention names (claimdiff.details.grounds)."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.details.grounds import ground_of
from claimdiff.divergence import DivergenceSettings, compare_details


def reports_of(*texts):
    """One report per outlet, one sentence each, every report in event 0 and its own claim group."""
    ids = [f"r{i}" for i in range(len(texts))]
    reports = pd.DataFrame({"id": ids, "title": "Blast", "text": list(texts),
                            "published": pd.Timestamp("2016-10-03")})
    sentences = pd.DataFrame({"report_id": ids, "sent_idx": 0, "start": 0, "end": [len(t) for t in texts],
                              "text": list(texts)})
    claims = pd.DataFrame({"claim_id": range(len(texts)), "event_id": 0, "report_id": ids, "sent_idx": 0,
                           "outlet": [f"outlet{i}" for i in range(len(texts))], "text": list(texts),
                           "similarity": 0.9})
    return reports, sentences, claims


def settlement_rows(*texts, settings=None):
    reports, sentences, claims = reports_of(*texts)
    table = compare_details(reports, claims, extract_details(reports, sentences), settings=settings)
    return table[table["subject"] == "place of the event"].set_index("outlet")


def grounds(text):
    reports, sentences, _ = reports_of(text)
    places = extract_details(reports, sentences).query("kind == 'place'")
    return [(t, r if isinstance(r, str) else None) for t, r in zip(places["text"], places["role"], strict=True)]


def test_the_wording_around_a_place_says_what_ground_it_names():
    assert grounds("A bomber struck the village of Tall Tawil in Hasakeh province.") == [
        ("Tall Tawil", "village"), ("Hasakeh", "province")]
    assert grounds("Shells fell on the outskirts of Aleppo and in Homs city.") == [("Aleppo", "near"),
                                                                                 ("Homs", "city")]
    assert ground_of("Jets struck Idlib.", 12, 17) is None


def test_a_city_and_a_village_of_its_province_as_the_place_of_one_act_clash_less_surely_than_two_villages():
    rows = settlement_rows("A suicide bomber killed 20 at a wedding in the northeastern Syrian city of Hasakah.",
                           "A suicide bomber killed 32 at a wedding in the village of Tall Tawil in Hasakeh province.")
    assert rows["agrees"].tolist() == [False, False]
    assert rows.loc["outlet0", "other_value"] == "Tall Tawil"
    city_and_village = rows["confidence"].iloc[0]
    rows = settlement_rows("Troops killed 48 in the village of Rityan in Aleppo province.",
                           "Troops killed 48 in Hardatnin village in Aleppo province.")
    assert rows["agrees"].tolist() == [False, False]
    assert rows["confidence"].iloc[0] > city_and_village
    assert settlement_rows("Troops killed 48 in the village of Rityan in Aleppo province.",
                           "Troops killed 48 in Hardatnin village in Aleppo province.",
                           settings=DivergenceSettings(place_date_confidence=0.7))["confidence"].iloc[0] == 0.7


def test_a_town_and_its_province_or_a_bare_name_that_may_be_either_do_not_clash():
    rows = settlement_rows("A suicide bomber killed 20 at a wedding in the city of Hasakah.",
                           "A suicide bomber killed 22 at a wedding in the province of Hassakeh.")
    assert rows.empty or not (rows["agrees"] == False).any()  # noqa: E712
    rows = settlement_rows("A suicide bomber killed 20 at a wedding in Hasakah.",
                           "A suicide bomber killed 32 at a wedding in the village of Tall Tawil in Hasakeh province.")
    assert rows.empty or not (rows["agrees"] == False).any()  # noqa: E712


def test_one_village_spelled_two_ways_is_one_place():
    rows = settlement_rows("An Israeli strike killed 3 in al-Hadar village in Quneitra province.",
                           "An Israeli strike killed 3 inside the town of Hader in Quneitra province.")
    assert rows.empty or not (rows["agrees"] == False).any()  # noqa: E712


def test_settlements_of_two_governorates_are_left_to_telling_incidents_apart():
    rows = settlement_rows("Jets killed 12 in the town of Saraqib in Idlib province.",
                           "Jets killed 12 in the town of Salamiyeh in Hama province.")
    assert rows.empty or not (rows["agrees"] == False).any()  # noqa: E712


def test_a_plain_name_in_the_other_lead_may_be_the_city_and_ground_around_a_city_is_no_settlement():
    rows = settlement_rows("Rebels killed 30 fighting to reopen a supply route into the northern city of Aleppo.",
                           "Rebels killed 30 fighting in Aleppo to recapture the encircled district of Al Mallah.")
    assert rows.empty or not (rows["agrees"] == False).any()  # noqa: E712
    rows = settlement_rows("Jets killed 20 in the town of Urum al-Kubra west of Aleppo city.",
                           "Jets killed 20 in the town of Urum al-Kubra.")
    assert rows.empty or not (rows["agrees"] == False).any()  # noqa: E712


def test_leads_filed_days_apart_are_not_compared_but_those_filed_a_day_or_two_apart_are():
    texts = ("A suicide bomber killed 20 at a wedding in the northeastern Syrian city of Hasakah.",
             "A suicide bomber killed 32 at a wedding in the village of Tall Tawil in Hasakeh province.")
    reports, sentences, claims = reports_of(*texts)
    reports["published"] = pd.to_datetime(["2016-10-03", "2016-10-08"])
    table = compare_details(reports, claims, extract_details(reports, sentences))
    assert not (table["subject"] == "place of the event").any()
    reports["published"] = pd.to_datetime(["2016-10-03", "2016-10-05"])
    table = compare_details(reports, claims, extract_details(reports, sentences))
    assert (table.loc[table["subject"] == "place of the event", "agrees"] == False).all()  # noqa: E712


def reports_of_sentences(*reports_sentences):
    """One report per outlet, each a list of sentences, every report in event 0; each sentence its own claim group."""
    rows = [(f"r{i}", j, text) for i, texts in enumerate(reports_sentences) for j, text in enumerate(texts)]
    ids = [f"r{i}" for i in range(len(reports_sentences))]
    reports = pd.DataFrame({"id": ids, "title": "Killings", "text": [" ".join(t) for t in reports_sentences],
                            "published": pd.Timestamp("2015-02-21")})
    sentences = pd.DataFrame({"report_id": [r for r, _, _ in rows], "sent_idx": [j for _, j, _ in rows], "start": 0,
                              "end": [len(t) for _, _, t in rows], "text": [t for _, _, t in rows]})
    claims = pd.DataFrame({"claim_id": range(len(rows)), "event_id": 0, "report_id": sentences["report_id"],
                           "sent_idx": sentences["sent_idx"], "outlet": [f"outlet{r[1:]}" for r, _, _ in rows],
                           "text": sentences["text"], "similarity": 0.9})
    return reports, sentences, claims


def test_a_lead_that_names_no_settlement_places_the_act_where_a_later_sentence_retells_its_toll():
    ahram = ["Ten children were among at least 48 people killed by troops in a Syrian village this week.",
             "The killings took place in the village of Rityan north of second city Aleppo, the monitor said."]
    other = ["Ten children were among at least 48 people killed by troops in a Syrian village this week.",
             "The monitor said villagers found the bodies when they returned home.",
             "Five women were among the dead.",
             "Troops killed 48 alleged rebels in Hardatnin village in Aleppo, a statement said."]
    reports, sentences, claims = reports_of_sentences(ahram, other)
    table = compare_details(reports, claims, extract_details(reports, sentences))
    rows = table[table["subject"] == "place of the event"].set_index("outlet")
    assert rows["agrees"].tolist() == [False, False]
    assert rows.loc["outlet1", "value"] == "Hardatnin" and rows.loc["outlet1", "other_value"] == "Rityan"
    other[3] = "Troops killed 12 rebels in Hardatnin village in Aleppo, a statement said."  # another toll: no retelling
    reports, sentences, claims = reports_of_sentences(ahram, other)
    table = compare_details(reports, claims, extract_details(reports, sentences))
    assert not (table.loc[table["subject"] == "place of the event", "agrees"] == False).any()  # noqa: E712
