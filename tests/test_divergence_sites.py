"""Whether a strike hit a site or fell near it, lead against lead (claimdiff.divergence.sites)."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence.sites import sentence_sites


def site_rows(*texts, published=("2016-08-06",)):
    """One report per outlet, one sentence each, every report in event 0 and its own claim group."""
    ids = [f"r{i}" for i in range(len(texts))]
    days = list(published) * len(texts) if len(published) == 1 else list(published)
    reports = pd.DataFrame({"id": ids, "title": "Strike", "text": list(texts), "published": pd.to_datetime(days)})
    sentences = pd.DataFrame({"report_id": ids, "sent_idx": 0, "start": 0, "end": [len(t) for t in texts],
                              "text": list(texts)})
    claims = pd.DataFrame({"claim_id": range(len(texts)), "event_id": 0, "report_id": ids, "sent_idx": 0,
                           "outlet": [f"outlet{i}" for i in range(len(texts))], "text": list(texts),
                           "similarity": 0.9})
    table = compare_details(reports, claims, extract_details(reports, sentences))
    return table[table["subject"].str.startswith("where the strike fell")].set_index("outlet")


def clashes(rows) -> bool:
    return bool((rows["agrees"] == False).any())  # noqa: E712


def test_a_strike_near_a_hospital_and_one_on_it_clash_with_the_words_that_say_so_as_evidence():
    rows = site_rows("Air strikes on Saturday near a hospital in Idlib province killed 10 civilians.",
                     "An airstrike on a hospital in Idlib province on Saturday killed 10 people.")
    assert rows["agrees"].tolist() == [False, False]
    assert rows.loc["outlet0", "value"] == "near the hospital"
    assert rows.loc["outlet0", "evidence"] == "near a hospital"
    assert rows.loc["outlet1", "other_value"] == "near the hospital"
    assert rows["subject"].iloc[0] == "where the strike fell: hospital"


def test_the_doorstep_of_a_site_a_bomb_on_the_ground_and_a_nearby_hospital_do_not_clash():
    assert not clashes(site_rows("Shells fell outside a school in Daraa, killing 4.",
                                 "Shells hit a school in Daraa, killing 4."))
    assert not clashes(site_rows("A car bomb blast near a checkpoint killed 17.",
                                 "A car bomb blast at a checkpoint killed 20."))
    assert sentence_sites("Jets struck the town; the wounded were taken to a nearby hospital.") == {}


def test_one_outlet_saying_both_and_reports_filed_days_apart_do_not_clash():
    assert not clashes(site_rows("Air strikes near a hospital killed 10; the hospital was hit directly.",
                                 "An airstrike on a hospital killed 10."))
    assert not clashes(site_rows("Air strikes near a hospital killed 10.", "An airstrike on a hospital killed 10.",
                                 published=("2016-08-06", "2016-08-12")))


def test_the_site_itself_hit_is_read_from_the_passive_too():
    assert sentence_sites("Two airstrikes destroyed homes and the school itself was hit.") == {
        "school": [("on", "school itself was hit")]}
