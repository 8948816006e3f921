"""Four short reports of one air strike, written for this test: a state agency, a monitor that also gives (and
doubts) the ministry's figure, a wire quoting the ministry, and a report quoting the ministry that tells of an
earlier ambush as background. Run through sentences, details, claims and divergence as a user would."""

from __future__ import annotations

import pandas as pd
import pytest

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details

REPORTS = {
    "agency": ("state", "Army units carried out strikes on ISIS hideouts near al-Sukhnah in the Homs desert on "
               "Tuesday. The strikes killed 37 terrorists and destroyed their vehicles, a military source said."),
    "monitor": ("monitor", "At least 9 ISIS members were killed in air strikes on their positions near al-Sukhnah "
                "on Tuesday, the Observatory said. The regime's Ministry of Defense claimed that dozens were "
                "killed, a figure the Observatory could not verify."),
    "wire": ("wire", "Syrian government strikes near al-Sukhnah killed dozens of ISIS militants on Tuesday, the "
             "Defense Ministry said."),
    "daily": ("daily", "The Defense Ministry said dozens of militants were killed in strikes near al-Sukhnah on "
              "Tuesday. Last month, an ISIS ambush on a bus in the same desert killed at least 21 pro-government "
              "fighters."),
}


@pytest.fixture(scope="module")
def strike():
    reports = pd.DataFrame({"id": list(REPORTS), "outlet": [o for o, _ in REPORTS.values()],
                            "published": pd.Timestamp("2024-05-08 12:00"), "title": "",
                            "text": [t for _, t in REPORTS.values()]})
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences)
    assignments = pd.DataFrame({"report_id": list(REPORTS), "event_id": 0})
    claims = align_claims(reports, sentences, assignments, claimdiff.Embedder())
    divergence = compare_details(reports, claims, details)
    return details, divergence


def _flags(divergence, kind="count"):
    rows = divergence[(divergence["kind"] == kind) & divergence["agrees"].eq(False).fillna(False)]
    return rows[~rows["superseded"]]


def test_the_agency_s_37_the_monitor_s_at_least_9_and_the_ministry_s_dozens_clash(strike):
    _, divergence = strike
    counts = _flags(divergence)
    monitor = counts[counts["outlet"] == "monitor"]
    assert len(monitor), "the monitor's 'at least 9' is flagged"
    assert set(monitor["value"]) >= {"at least 9"}
    assert set(monitor["other_value"]) & {"37", "dozens"}
    # a bound and a figure four times it are different headline tolls: flagged, less sure than a contradiction
    assert monitor["confidence"].between(0, 1, inclusive="neither").all()
    state = counts[counts["outlet"] == "state"]
    assert state["value"].tolist() == ["37"] and state["other_outlet"].tolist() == ["monitor"]
    assert {"wire", "daily"} <= set(counts["outlet"])  # the ministry's "dozens" as they quote it


def test_the_earlier_ambush_s_toll_is_not_this_strike_s(strike):
    _, divergence = strike
    rows = divergence[divergence["kind"] == "count"]
    assert not rows["evidence"].str.contains("ambush|21", regex=True).any()
    assert not rows["other_evidence"].fillna("").str.contains("ambush|21", regex=True).any()


def test_every_flag_has_both_sides_and_the_table_is_sorted_by_confidence(strike):
    _, divergence = strike
    flags = divergence[divergence["agrees"].eq(False).fillna(False)]
    assert flags["other_outlet"].notna().all() and flags["other_evidence"].notna().all()
    assert (flags["other_outlet"] != flags["outlet"]).all()
    per_event = divergence["confidence"].fillna(-1).tolist()
    assert per_event == sorted(per_event, reverse=True)


def test_the_monitor_s_dozens_is_read_as_the_ministry_s(strike):
    details, _ = strike
    dozens = details[(details["report_id"] == "monitor") & (details["kind"] == "count")
                     & (details["value"] == "dozens")]
    assert len(dozens) and dozens["source"].fillna("").str.contains("Ministry").all()
