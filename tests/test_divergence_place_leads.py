"""What the strike hit, how many settlements, and a side of a governorate against its city, lead against lead
(claimdiff.divergence.targets, .settlement_numbers, .province_parts)."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence.province_parts import governorate_part
from claimdiff.divergence.settlement_numbers import settlements_counted
from claimdiff.divergence.targets import struck_targets


def place_rows(subject, *texts, published=("2015-07-29",)):
    """One report per outlet, the given sentences each, every report in event 0 and each sentence its own claim
    group; the rows of ``subject``, by outlet."""
    ids = [f"r{i}" for i in range(len(texts))]
    days = list(published) * len(texts) if len(published) == 1 else list(published)
    reports = pd.DataFrame({"id": ids, "title": "Strike", "text": [" ".join(t) for t in texts],
                            "published": pd.to_datetime(days)})
    sentences = pd.DataFrame([{"report_id": r, "sent_idx": i, "start": 0, "end": len(s), "text": s}
                              for r, report in zip(ids, texts, strict=True) for i, s in enumerate(report)])
    claims = sentences.assign(claim_id=range(len(sentences)), event_id=0, similarity=0.9,
                              outlet=sentences["report_id"].str.replace("r", "outlet"))
    table = compare_details(reports, claims, extract_details(reports, sentences))
    return table[table["subject"] == subject].set_index("outlet")


def clashes(rows) -> bool:
    return bool((rows["agrees"] == False).any())  # noqa: E712


def test_a_strike_on_a_position_and_one_on_a_car_clash_with_the_words_that_say_so():
    rows = place_rows("what the strike hit",
                      ["An Israeli drone strike killed three fighters as the drone struck their position in Hader."],
                      ["An Israeli air strike killed five.", "An Israeli plane hit a car inside the town of Hader."])
    assert rows["agrees"].tolist() == [False, False]
    assert rows.loc["outlet0", "evidence"] == "struck their position"
    assert rows.loc["outlet1", ("value", "evidence")].tolist() == ["vehicle", "hit a car"]


def test_targets_one_report_names_too_and_bombs_on_the_ground_do_not_clash():
    assert not clashes(place_rows("what the strike hit",
                                  ["An Israeli air strike hit their position in Hader."],
                                  ["An Israeli air strike hit a car in Hader.", "Their position nearby was spared."]))
    assert struck_targets("A car bomb hit a bus in Homs.") == {"vehicle": ["hit a bus"]}
    assert not clashes(place_rows("what the strike hit", ["A car bomb hit a bus in Homs."],
                                  ["A car bomb hit a checkpoint in Homs."]))


def test_two_unnamed_villages_and_one_named_village_with_its_toll_clash():
    rows = place_rows("how many settlements were hit",
                      ["IS killed more than 50 people in an attack on two villages in Hama province on Thursday."],
                      ["The toll of the IS attack on the village of Aqareb es Safi in Hama province reached 51."],
                      published=("2017-05-18",))
    assert rows["agrees"].tolist() == [False, False]
    assert rows.loc["outlet0", "evidence"] == "two villages"


def test_villages_counted_and_named_or_in_other_governorates_do_not_clash():
    assert settlements_counted("an attack on several opposition-held towns") == "several opposition-held towns"
    assert not clashes(place_rows("how many settlements were hit",
                                  ["IS killed 50 in an attack on two villages in Hama province.",
                                   "One of them was the village of Aqareb es Safi."],
                                  ["IS killed 51 in the village of Aqareb es Safi in Hama province."],
                                  published=("2017-05-18",)))
    assert not clashes(place_rows("how many settlements were hit",
                                  ["Raids on several towns of Damascus province killed 19."],
                                  ["Raids on the town of Khan Sheikhoun in Idlib province killed 58."],
                                  published=("2017-04-04",)))


def test_a_side_of_a_governorate_and_its_city_clash_but_not_the_province_named_by_where_it_lies():
    rows = place_rows("part of the governorate",
                      ["Troops killed 32 rebels in an ambush in the southern province of Daraa.",
                       "State TV said tens were killed in the attack in the west of the province."],
                      ["The army ambushed a gathering in Daraa city, killing 50 militants."],
                      published=("2014-08-24",))
    assert rows["agrees"].tolist() == [False, False]
    assert rows.loc["outlet0", ("value", "evidence")].tolist() == ["west of Daraa province",
                                                                   "in the west of the province"]
    assert governorate_part("an ambush in the southern province of Daraa", frozenset({"Daraa"})) is None
    assert not clashes(place_rows("part of the governorate",
                                  ["Troops killed 32 rebels in an ambush in the southern province of Daraa."],
                                  ["The army ambushed a gathering in Daraa city, killing 50 militants."],
                                  published=("2014-08-24",)))
