"""On which side of a town the act happened, lead against lead (claimdiff.divergence.town_sides)."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence.town_sides import sentence_sides


def side_rows(*reports, published=("2014-10-06",)):
    """One report per outlet (a list of sentences each), every report in event 0; each sentence its own claim."""
    ids = [f"r{i}" for i in range(len(reports))]
    days = list(published) * len(reports) if len(published) == 1 else list(published)
    texts = [" ".join(sentences) for sentences in reports]
    frame = pd.DataFrame({"id": ids, "title": "Blasts", "text": texts, "published": pd.to_datetime(days)})
    sentences, claims = [], []
    for i, report in enumerate(reports):
        start = 0
        for j, sentence in enumerate(report):
            sentences.append({"report_id": ids[i], "sent_idx": j, "start": start, "end": start + len(sentence),
                              "text": sentence})
            claims.append({"claim_id": len(claims), "event_id": 0, "report_id": ids[i], "sent_idx": j,
                           "outlet": f"outlet{i}", "text": sentence, "similarity": 0.9})
            start += len(sentence) + 1
    sentences, claims = pd.DataFrame(sentences), pd.DataFrame(claims)
    table = compare_details(frame, claims, extract_details(frame, sentences))
    return table[table["subject"].str.startswith("side of the town")].set_index("outlet")


def clashes(rows) -> bool:
    return bool((rows["agrees"] == False).any())  # noqa: E712


def test_two_edges_of_one_city_clash_and_the_city_is_the_town_the_lead_names():
    rows = side_rows(["Two suicide bombers killed 30 Kurdish fighters at the northern entrance to Hasakeh."],
                     ["Two suicide bombers killed 30 Kurdish fighters in al-Hassakeh in Syria.",
                      "They blew themselves up at bases at the city's western boundary."])
    assert rows["agrees"].tolist() == [False, False]
    assert rows.loc["outlet0", "value"] == "north edge of Hasakah"
    assert rows.loc["outlet1", "evidence"] == "the city's western boundary"
    assert rows["subject"].iloc[0] == "side of the town: Hasakah"


def test_neighbouring_sides_one_side_of_several_and_reports_filed_days_apart_do_not_clash():
    assert not clashes(side_rows(["Shells hit the western edge of the town of Qamishli, killing 4."],
                                 ["Shells hit Qamishli's southwestern outskirts, killing 4."]))
    assert not clashes(side_rows(["Shells hit the northern and western outskirts of Qamishli, killing 4."],
                                 ["Shells hit the western outskirts of Qamishli, killing 4."]))
    assert not clashes(side_rows(["Shells hit the northern outskirts of Qamishli, killing 4."],
                                 ["Shells hit the southern outskirts of Qamishli, killing 4."],
                                 published=("2016-08-06", "2016-08-12")))


def test_sides_of_two_different_towns_are_not_compared():
    assert side_rows(["Shells hit the northern outskirts of Qamishli, killing 4."],
                     ["Shells hit the southern outskirts of Hasakeh, killing 4."]).empty


def test_a_towns_districts_and_a_city_the_lead_does_not_single_out_are_no_side():
    assert sentence_sides("Jets pounded the rebel-held eastern districts of Aleppo.",
                          [{"value": "Aleppo", "text": "Aleppo"}], None) == []
    assert sentence_sides("Bombs went off at the city's western boundary.", [], None) == []
