"""Counts are compared like with like: an unnamed part of a toll is no total, an outlet's other toll figures of a
sentence may be what another outlet gives, and figures far apart clash less surely than figures close together."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.divergence import DivergenceSettings, compare_details
from claimdiff.divergence.comparers import interval_clash, ratio_confidence
from claimdiff.divergence.core import using


def _compare(texts: dict[str, str]) -> pd.DataFrame:
    """One claim group of one event, a sentence per outlet; the disagreeing count rows."""
    ids = list(texts)
    reports = pd.DataFrame({"id": ids, "published": pd.Timestamp("2016-07-05"), "text": list(texts.values())})
    sentences = pd.DataFrame({"report_id": ids, "sent_idx": 0, "text": list(texts.values()), "start": 0,
                              "end": [len(t) for t in texts.values()]})
    claims = pd.DataFrame({"claim_id": 0, "event_id": 0, "report_id": ids, "sent_idx": 0, "outlet": ids,
                           "text": list(texts.values()), "similarity": 0.9})
    table = compare_details(reports, claims, extract_details(reports, sentences))
    counts = table[(table["kind"] == "count") & (table["claim_id"] >= 0)]
    return counts[counts["agrees"].eq(False).fillna(False)]


def test_a_partitive_is_no_total_toll():
    flagged = _compare({
        "wire": "A bomber killed 16 people and wounded 40 in Hasakeh.",
        "daily": "A bomber killed 16 people in Hasakeh and 15 of the wounded were in critical condition."})
    assert flagged.empty


def test_people_named_after_including_are_a_part_not_the_toll():
    flagged = _compare({"wire": "At least 15 civilians including a woman and two children were killed in Aleppo.",
                        "agency": "Shelling killed 16 people in Aleppo."})
    assert flagged.empty  # not "3" (a woman and two children) against 16


def test_a_part_beside_the_whole_may_be_what_another_outlet_counts():
    flagged = _compare({"wire": "Raids in Aleppo killed 31 civilians including 10 when their bus was hit.",
                        "daily": "Ten civilians were killed in Aleppo when air strikes hit a bus."})
    assert flagged.empty


def test_figures_far_apart_clash_less_surely_than_figures_close_together():
    assert ratio_confidence(27 / 26) == ratio_confidence(2.0) == 1.0
    assert 1.0 > ratio_confidence(4.0) > ratio_confidence(8.0) >= DivergenceSettings().bound_confidence
    assert interval_clash(2, 2, 100, float("nan")) == DivergenceSettings().bound_confidence
    with using(DivergenceSettings(far_ratio=5.0)):
        assert ratio_confidence(4.0) == 1.0


def test_people_counted_in_one_town_are_no_total_beside_the_outlets_own_larger_group_count(monkeypatch):
    import claimdiff.divergence.counts as counts

    texts = {("a", 0): "Bombardment left 16 dead across Idlib province on Monday.",
             ("b", 0): "Air strikes killed 16 civilians across Idlib province on Monday.",
             ("b", 1): "Air strikes killed seven people in Khan Shaykhun in Idlib province on Monday."}
    reports = pd.DataFrame({"id": ["a", "b"], "published": pd.Timestamp("2016-10-24"),
                            "text": [texts[("a", 0)], texts[("b", 0)] + " " + texts[("b", 1)]]})
    sentences = pd.DataFrame({"report_id": [r for r, _ in texts], "sent_idx": [i for _, i in texts],
                              "text": list(texts.values()), "start": 0, "end": [len(t) for t in texts.values()]})
    claims = pd.DataFrame({"claim_id": [0, 1, 2], "event_id": 0, "report_id": sentences["report_id"],
                           "sent_idx": sentences["sent_idx"], "outlet": sentences["report_id"],
                           "text": sentences["text"], "similarity": 0.9})
    details = extract_details(reports, sentences)

    def flagged():
        table = compare_details(reports, claims, details)
        rows = table[(table["kind"] == "count") & table["agrees"].eq(False) & (table["subject"] == "killed")]
        return sorted(rows["value"])

    assert flagged() == []
    monkeypatch.setattr(counts, "PART_SHARE", 0.0)  # the town's count read as the outlet's total clashes
    assert flagged() == ["16", "7"]
