"""Event names from the details (place · act · day), the researcher's own names, and the researcher's own events."""

from __future__ import annotations

import pandas as pd
import pytest

from claimdiff.corpus import CorpusError
from claimdiff.events.given import given_events
from claimdiff.events.naming import label_assignments, name_events, rename_events


def events_of(n: int) -> pd.DataFrame:
    return pd.DataFrame({"event_id": range(n), "label": [f"words {i}" for i in range(n)],
                         "first_published": pd.Timestamp("2024-04-19 10:00"),
                         "last_published": pd.Timestamp("2024-04-20 09:00")})


def detail(report, kind, subject, value, low=None, high=None):
    return {"report_id": report, "kind": kind, "subject": subject, "value": value,
            "date_low": pd.Timestamp(low) if low else pd.NaT, "date_high": pd.Timestamp(high) if high else pd.NaT}


def test_the_place_is_the_most_specific_of_those_most_reports_name():
    assignments = pd.DataFrame({"report_id": ["a", "b", "c"], "event_id": 0})
    details = pd.DataFrame([
        detail("a", "place", "gazetteer", "Syria"), detail("b", "place", "gazetteer", "Syria"),
        detail("c", "place", "gazetteer", "Syria"), detail("a", "place", "gazetteer", "Daraa"),
        detail("b", "place", "gazetteer", "Jasim"), detail("c", "place", "gazetteer", "south of Jasim"),
        detail("a", "place", "corpus", "Tell Shihab"), detail("b", "place", "corpus", "Tell Shihab"),
    ])
    # Jasim (2 reports, within Daraa within Syria) beats Daraa (1 report: too few) and Syria (the country); the
    # corpus-learnt village comes second to the gazetteer's places
    assert name_events(events_of(1), assignments, details)["label"].iloc[0].startswith("Jasim · ")


def test_a_rare_act_the_event_mostly_states_beats_killing_that_every_event_states():
    assignments = pd.DataFrame({"report_id": ["a", "b", "c", "d"], "event_id": [0, 0, 1, 2]})
    details = pd.DataFrame([
        detail("a", "label", "killing", "kill"), detail("b", "label", "killing", "kill"),
        detail("a", "label", "taking territory", "capture"), detail("b", "label", "taking territory", "liberate"),
        detail("c", "label", "killing", "kill"), detail("d", "label", "killing", "martyr"),
    ])
    labels = name_events(events_of(3), assignments, details)["label"].tolist()
    assert labels[0].startswith("taking territory · ") and labels[1].startswith("killing · ")


def test_without_an_act_the_most_counted_thing_names_it_and_without_either_the_label_stays():
    assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 1]})
    details = pd.DataFrame([detail("a", "count", "other", "600"), detail("a", "count", "drones", "5")])
    named = name_events(events_of(2), assignments, details)
    assert named["label"].tolist() == ["drones · 19–20 Apr 2024", "words 1"]
    assert named["named_by"].tolist() == ["details", "words"]


def test_the_day_is_the_one_most_reports_name_and_background_days_do_not_count():
    assignments = pd.DataFrame({"report_id": ["a", "b", "c"], "event_id": 0})
    details = pd.DataFrame([
        detail("a", "place", "gazetteer", "Homs"),
        detail("a", "date", "relative", "2024-04-18", "2024-04-18", "2024-04-18"),
        detail("b", "date", "relative", "2024-04-18", "2024-04-18", "2024-04-18"),
        detail("c", "date", "explicit", "2024-04-19", "2024-04-19", "2024-04-19"),
        # background: a month ago (three reports), and a whole year
        *[detail(r, "date", "explicit", "2024-03-01", "2024-03-01", "2024-03-01") for r in "abc"],
        detail("a", "date", "explicit", "2024", "2024-01-01", "2024-12-31"),
    ])
    assert name_events(events_of(1), assignments, details)["label"].iloc[0] == "Homs · 18 Apr 2024"


def test_two_events_with_the_same_name_are_told_apart_by_their_id():
    assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 1]})
    details = pd.DataFrame([detail("a", "place", "gazetteer", "Homs"), detail("b", "place", "gazetteer", "Homs")])
    labels = name_events(events_of(2), assignments, details)["label"].tolist()
    assert labels == ["Homs · 19–20 Apr 2024 (event 0)", "Homs · 19–20 Apr 2024 (event 1)"]


def test_the_researchers_names_replace_the_labels_and_survive_naming():
    events = rename_events(events_of(2), pd.DataFrame({"event_id": ["1"], "name": ["Jasim checkpoint"]}))
    assert events["label"].tolist() == ["words 0", "Jasim checkpoint"]
    assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 1]})
    details = pd.DataFrame([detail("a", "place", "gazetteer", "Homs"), detail("b", "place", "gazetteer", "Homs")])
    named = name_events(events, assignments, details)
    assert named["label"].tolist() == ["Homs · 19–20 Apr 2024", "Jasim checkpoint"]
    assert label_assignments(assignments, named)["event_label"].tolist() == named["label"].tolist()


def test_a_name_for_an_event_that_does_not_exist_is_an_error():
    with pytest.raises(CorpusError, match="do not exist"):
        rename_events(events_of(2), {7: "typo"})


REPORTS = pd.DataFrame({"id": ["a", "b", "c", "d"], "outlet": ["x", "y", "x", "y"],
                        "text": ["One.", "Two.", "Three.", "Four."],
                        "published": pd.to_datetime(["2024-04-19", "2024-04-18", "2024-04-20", "2024-04-21"])})


def test_whole_number_event_ids_are_kept_and_word_ids_numbered_by_first_report():
    assignments, events = given_events(pd.DataFrame({"report_id": ["a", "b", "c", "d"], "event_id": [12, 12, 3, 3]}),
                                       REPORTS)
    assert assignments.set_index("report_id")["event_id"].to_dict() == {"a": 12, "b": 12, "c": 3, "d": 3}
    assert assignments["report_id"].tolist() == ["a", "b", "c", "d"]  # in the order of the reports
    assert events.set_index("event_id")["n_reports"].to_dict() == {3: 2, 12: 2}
    _, events = given_events(pd.DataFrame({"report_id": ["a", "b", "c", "d"], "event_id": ["z", "z", "y", "y"]}),
                             REPORTS)
    assert events.set_index("event_id")["label"].to_dict() == {0: "z", 1: "y"}
    assert (events["named_by"] == "researcher").all()


def test_given_events_check_their_report_ids_and_count_the_reports_left_out():
    with pytest.raises(CorpusError, match="not in the corpus"):
        given_events(pd.DataFrame({"report_id": ["a", "zz"], "event_id": [1, 1]}), REPORTS)
    with pytest.raises(CorpusError, match="two events"):
        given_events(pd.DataFrame({"report_id": ["a", "a"], "event_id": [1, 2]}), REPORTS)
    with pytest.warns(UserWarning, match="2 reports are in no event"):
        assignments, _ = given_events(pd.DataFrame({"report_id": ["a", "b"], "event_id": [1, 1]}), REPORTS)
    assert len(assignments) == 2


def test_a_place_that_openings_name_beats_one_most_reports_recall_further_down():
    # Two reports of a convoy bombing near Aleppo that both recall the deal of Madaya further down: the town of the
    # deal is more specific, but the openings tell where the bomb went off.
    assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": 0})
    details = pd.DataFrame([
        {**detail("a", "place", "gazetteer", "Aleppo"), "sent_idx": 0},
        {**detail("b", "place", "gazetteer", "Aleppo"), "sent_idx": 1},
        {**detail("a", "place", "gazetteer", "Madaya"), "sent_idx": 4},
        {**detail("b", "place", "gazetteer", "Madaya"), "sent_idx": 6},
    ])
    assert name_events(events_of(1), assignments, details)["label"].iloc[0].startswith("Aleppo · ")
    # a place in one report's opening alone (its dateline's city) does not beat the most specific
    one = pd.DataFrame([{**detail("a", "place", "gazetteer", "Damascus"), "sent_idx": 0},
                        {**detail("a", "place", "gazetteer", "Madaya"), "sent_idx": 4}])
    assert name_events(events_of(1), assignments.iloc[:1], one)["label"].iloc[0].startswith("Madaya · ")
