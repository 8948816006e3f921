"""cluster_events / EventClusterer: same event, not same topic; tables, labels, determinism; the real datasets."""

from __future__ import annotations

import re
import zlib
from datetime import date

import numpy as np
import pandas as pd
import pytest

from claimdiff.evaluate import bcubed
from claimdiff.events import ASSIGNMENTS, EVENTS, EventClusterer, cluster_events, report_similarity
from claimdiff.events.dates import day_matrices, main_events, pair_agreement, stated_days
from claimdiff.events.labels import date_range
from claimdiff.events.linkage import neighbour_linkage
from claimdiff.schema import SENTENCES, SchemaError
from claimdiff.sentences import split_sentences


class HashingEmbedder:
    """A deterministic stand-in for the sentence embedder: hashed bag of words, unit rows. Counts its calls."""

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[row, zlib.crc32(word.encode()) % self.dim] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def reports_table(rows):
    """rows: (id, outlet, published, title, text)."""
    frame = pd.DataFrame(rows, columns=["id", "outlet", "published", "title", "text"])
    frame["published"] = pd.to_datetime(frame["published"])
    return frame


# Two shootings in one city a week apart, different victims and streets; three outlets report each.
SHOOTINGS = reports_table([
    ("toledo-blade-1", "toledoblade", "2024-03-04 08:00", "Man shot dead on Elm Street in Toledo",
     "Marcus Hill, 34, was shot and killed on Elm Street in Toledo late Sunday, police said. Officers found Hill "
     "on the porch of a house near Elm and Vance. Police said a dark sedan was seen leaving the scene. "
     "No arrests have been made."),
    ("wtol-1", "wtol", "2024-03-04 10:30", "Police identify Elm Street shooting victim",
     "Toledo police identified the man killed on Elm Street as Marcus Hill, 34. Hill was shot several times "
     "outside a house near Vance Street on Sunday night and died at the scene. Detectives are looking for a dark "
     "sedan."),
    ("13abc-1", "13abc", "2024-03-05 07:15", "Family of Marcus Hill asks for help",
     "The family of Marcus Hill, the 34-year-old shot dead on Elm Street in Toledo on Sunday, asked anyone who "
     "saw the dark sedan near Vance Street to call police. Hill was a father of two."),
    ("toledo-blade-2", "toledoblade", "2024-03-11 09:00", "Woman wounded in shooting on Ridge Avenue",
     "Dana Ortiz, 27, was shot in the leg on Ridge Avenue in Toledo on Sunday afternoon, police said. Ortiz was "
     "taken to St. Vincent hospital in stable condition. A 19-year-old man, Tyrell Banks, was arrested nearby."),
    ("wtol-2", "wtol", "2024-03-11 12:00", "Teen arrested after Ridge Avenue shooting",
     "Toledo police arrested Tyrell Banks, 19, after Dana Ortiz was shot on Ridge Avenue on Sunday. Ortiz, 27, is "
     "recovering at St. Vincent hospital. Banks faces a felonious assault charge."),
    ("13abc-2", "13abc", "2024-03-12 08:00", "Banks arraigned in Ridge Avenue shooting",
     "Tyrell Banks pleaded not guilty on Monday to shooting Dana Ortiz on Ridge Avenue in Toledo. Ortiz was hit "
     "in the leg and is expected to recover, her family said. Bond was set at $50,000."),
])

WIRE = (
    "An earthquake of magnitude 6.1 struck Qeshm island off southern Iran on Sunday, killing ten people and "
    "flattening houses in the villages of Tabl and Zirang, the Red Crescent said."
)
REPRINT = reports_table([
    ("ap-1", "ap", "2024-11-27 06:00", "Quake kills 10 on Iran's Qeshm island", WIRE),
    ("gulfnews-1", "gulfnews", "2024-11-27 09:00", "Quake kills 10 on Iran's Qeshm island", WIRE),
    ("irna-1", "irna", "2024-11-27 11:00", "Rescuers search rubble in Qeshm villages",
     "Rescue teams searched the rubble in Tabl and Zirang on Qeshm island after Sunday's magnitude 6.1 quake, "
     "which killed ten people, the Red Crescent said."),
    ("reuters-fuel", "reuters", "2024-11-28 10:00", "Egypt raises fuel prices",
     "Egypt raised the price of 92-octane gasoline by 15 percent on Thursday, the petroleum ministry said."),
])


def event_of(assignments: pd.DataFrame) -> dict[str, int]:
    return dict(zip(assignments["report_id"], assignments["event_id"], strict=True))


def test_two_shootings_in_one_city_a_week_apart_are_two_events():
    assignments, events = cluster_events(SHOOTINGS, split_sentences(SHOOTINGS), HashingEmbedder())
    event = event_of(assignments)
    assert event["toledo-blade-1"] == event["wtol-1"] == event["13abc-1"]
    assert event["toledo-blade-2"] == event["wtol-2"] == event["13abc-2"]
    assert event["toledo-blade-1"] != event["toledo-blade-2"]
    assert len(events) == 2


def test_wire_copy_reprinted_by_two_outlets_is_one_event_with_both_outlets():
    assignments, events = cluster_events(REPRINT, split_sentences(REPRINT), HashingEmbedder())
    event = event_of(assignments)
    assert event["ap-1"] == event["gulfnews-1"] == event["irna-1"] != event["reuters-fuel"]
    quake = events.set_index("event_id").loc[event["ap-1"]]
    assert quake["n_reports"] == 3 and quake["outlets"] == "ap,gulfnews,irna"


def test_tables_have_the_documented_columns_and_dtypes():
    assignments, events = cluster_events(SHOOTINGS, split_sentences(SHOOTINGS), HashingEmbedder())
    assert list(assignments.columns) == list(ASSIGNMENTS)
    assert assignments.dtypes.astype(str).tolist() == ["str", "int64", "str"]
    assert list(events.columns) == list(EVENTS)
    assert events.dtypes.astype(str).tolist() == ["int64", "str", "datetime64[ns]", "datetime64[ns]", "int64", "str"]
    assert assignments["report_id"].tolist() == SHOOTINGS["id"].tolist()  # one row per report, in input order
    assert events["event_id"].tolist() == list(range(len(events)))
    assert events["n_reports"].sum() == len(SHOOTINGS)


def test_empty_reports_give_empty_tables_with_the_columns():
    empty_reports = SHOOTINGS.iloc[:0]
    empty_sentences = pd.DataFrame(columns=list(SENTENCES))
    assignments, events = cluster_events(empty_reports, empty_sentences, HashingEmbedder())
    assert list(assignments.columns) == list(ASSIGNMENTS) and len(assignments) == 0
    assert list(events.columns) == list(EVENTS) and len(events) == 0
    assert events.dtypes.astype(str).tolist() == ["int64", "str", "datetime64[ns]", "datetime64[ns]", "int64", "str"]
    assert EventClusterer().fit(empty_reports).labels_.shape == (0,)


def test_one_report_is_one_event():
    assignments, events = cluster_events(REPRINT.iloc[:1])
    assert assignments["event_id"].tolist() == [0] and events["n_reports"].tolist() == [1]


def test_same_input_gives_the_same_output_whatever_the_row_order():
    reports = pd.concat([SHOOTINGS, REPRINT], ignore_index=True)
    first = cluster_events(reports)
    again = cluster_events(reports)
    pd.testing.assert_frame_equal(first[0], again[0])
    pd.testing.assert_frame_equal(first[1], again[1])
    shuffled = reports.sample(frac=1, random_state=3).reset_index(drop=True)
    assignments, events = cluster_events(shuffled)
    assert event_of(assignments) == event_of(first[0])
    pd.testing.assert_frame_equal(events, first[1])


def test_event_ids_follow_first_publication_then_report_id():
    reports = pd.concat([REPRINT, SHOOTINGS], ignore_index=True)  # shootings are earlier but come second
    assignments, events = cluster_events(reports)
    assert events["first_published"].is_monotonic_increasing
    assert event_of(assignments)["toledo-blade-1"] == 0
    undated = REPRINT.assign(published=pd.NaT)
    _, events = cluster_events(undated)
    assert events["first_published"].isna().all() and events["event_id"].tolist() == [0, 1]


def test_labels_name_the_distinctive_words_and_the_date_range():
    assignments, events = cluster_events(SHOOTINGS)
    labels = events.set_index("event_id")["label"]
    first, second = labels[0], labels[1]
    assert re.search(r"Elm|Hill|Marcus|Vance", first) and first.endswith("(4–5 Mar 2024)")
    assert re.search(r"Ortiz|Ridge|Banks|Dana", second) and second.endswith("(11–12 Mar 2024)")
    assert "Toledo" not in first and "Toledo" not in second  # in every report: not distinctive
    assert set(assignments["event_label"]) == set(labels)


def test_date_range_is_as_short_as_it_can_be_said():
    assert date_range(pd.Timestamp("2024-04-18"), pd.Timestamp("2024-04-19")) == "18–19 Apr 2024"
    assert date_range(pd.Timestamp("2024-04-30"), pd.Timestamp("2024-05-02")) == "30 Apr – 2 May 2024"
    assert date_range(pd.NaT, pd.NaT) == ""


def test_dense_channel_uses_the_embedder_only_when_asked():
    embedder = HashingEmbedder()
    cluster_events(SHOOTINGS, split_sentences(SHOOTINGS), embedder)
    assert embedder.calls == 0  # default: lexical evidence only
    assignments, _ = cluster_events(SHOOTINGS, split_sentences(SHOOTINGS), embedder, dense_weight=0.2)
    assert embedder.calls == 1
    assert event_of(assignments)["toledo-blade-1"] != event_of(assignments)["toledo-blade-2"]
    with pytest.raises(ValueError, match="needs the sentences table and an embedder"):
        cluster_events(SHOOTINGS, dense_weight=0.2)


def test_missing_columns_or_repeated_ids_are_refused_with_a_hint():
    with pytest.raises(SchemaError, match=r"^cluster_events: the reports table lacks text \(it has: id, "):
        cluster_events(SHOOTINGS.drop(columns="text"))
    with pytest.raises(ValueError, match="'wtol-1' occurs twice"):
        cluster_events(pd.concat([SHOOTINGS, SHOOTINGS.iloc[[1]]]))


def test_report_similarity_is_symmetric_with_a_unit_diagonal_and_penalises_time():
    similarity = report_similarity(SHOOTINGS)
    assert similarity.shape == (6, 6) and similarity.dtype == np.float32
    np.testing.assert_allclose(similarity, similarity.T, atol=1e-6)
    np.testing.assert_allclose(np.diag(similarity), 1)
    no_time = report_similarity(SHOOTINGS, time_weight=0)
    assert similarity[0, 3] < no_time[0, 3]  # a week apart: penalised
    assert similarity[0, 1] == pytest.approx(no_time[0, 1], abs=0.01)  # same day: hardly


# Two attacks on one checkpoint a week apart, each "on Friday"; a court report three weeks on names the first's day.
CHECKPOINT = reports_table([
    ("sna-1", "sna", "2024-04-19 18:00", "Attack on checkpoint near Jasim",
     "Gunmen attacked an army checkpoint near Jasim in the Daraa countryside on Friday, the ministry said."),
    ("sna-2", "sna", "2024-04-26 18:00", "Attack on checkpoint near Jasim",
     "Gunmen attacked an army checkpoint near Jasim in the Daraa countryside on Friday, the ministry said."),
    ("court", "sna", "2024-05-10 09:00", "Man charged over checkpoint attack near Jasim",
     "A man was charged over the April 19 attack by gunmen on an army checkpoint near Jasim, the ministry said."),
])


def test_reports_that_name_different_days_are_pulled_apart_and_a_later_one_naming_the_same_day_is_not():
    with_dates = report_similarity(CHECKPOINT)
    without = report_similarity(CHECKPOINT, date_weight=0)
    # the two Fridays: no day in common, so date_weight comes off on top of the time penalty
    assert with_dates[0, 1] == pytest.approx(without[0, 1] - 0.05, abs=1e-6)
    # the court report names April 19, the first attack's Friday: three weeks later, yet no time penalty
    assert with_dates[0, 2] == pytest.approx(report_similarity(CHECKPOINT, time_weight=0)[0, 2], abs=1e-6)
    assert with_dates[0, 2] > without[0, 2]
    assert with_dates[1, 2] == pytest.approx(without[1, 2] - 0.05, abs=1e-6)


def test_reports_naming_days_one_apart_lose_no_date_weight_but_keep_the_time_penalty():
    # A toll the monitor gave "on Saturday" for the attack of Friday: one day apart is no evidence of two events.
    next_day = CHECKPOINT.iloc[[0]].assign(id="toll", published=pd.Timestamp("2024-04-20 18:00"),
                                           text="The toll of the attack on the army checkpoint near Jasim rose to 4 "
                                                "on Saturday, the ministry said.")
    reports = pd.concat([CHECKPOINT, next_day], ignore_index=True)
    with_dates = report_similarity(reports)
    without = report_similarity(reports, date_weight=0)
    assert with_dates[0, 3] == pytest.approx(without[0, 3], abs=1e-6)  # Friday and Saturday: no clash, no waiver
    assert report_similarity(reports, date_clash_days=1)[0, 3] == pytest.approx(without[0, 3] - 0.05, abs=1e-6)
    assert with_dates[1, 3] == pytest.approx(without[1, 3] - 0.05, abs=1e-6)  # the next Friday: six days apart


def test_undated_reports_give_no_date_evidence():
    undated = CHECKPOINT.assign(published=pd.NaT)
    no_dates = report_similarity(undated, date_weight=0, recurrence_weight=0)
    np.testing.assert_allclose(report_similarity(undated), no_dates, atol=1e-6)


def test_the_main_event_is_the_earliest_day_of_the_lead_not_a_day_named_as_background():
    later = CHECKPOINT.iloc[[1]].assign(
        text="A soldier was killed on Friday evening when gunmen attacked the checkpoint near Jasim. It is the same "
             "checkpoint that was attacked on April 19, the sources said, a monitor reported on Saturday.")
    main = main_events(pd.concat([CHECKPOINT, later.assign(id="sna-3")], ignore_index=True))
    days = [date.fromordinal(int(day)).isoformat() for day in main["day"]]
    assert days == ["2024-04-19", "2024-04-26", "2024-04-19", "2024-04-26"]
    assert main["lead"].iloc[3].startswith("A soldier was killed on Friday evening")


def test_a_weekday_just_after_the_publication_stamp_can_be_that_day_not_only_six_days_back():
    # Stamped Monday 13 November, updated Tuesday: "on Tuesday" may be the 14th, the day a report of the 14th names.
    reports = pd.DataFrame({
        "id": ["stamped-monday", "of-tuesday"],
        "published": pd.to_datetime(["2017-11-13", "2017-11-14"]),
        "text": ["A monitor on Tuesday raised the toll of the air strikes on the market to 61.",
                 "The toll of the air strikes on the market rose to 61 on Tuesday, a monitor said."]})
    days = stated_days(reports)
    assert [[d.isoformat() for d in report] for report in days] == [["2017-11-07", "2017-11-14"], ["2017-11-14"]]
    assert pair_agreement(*day_matrices(days), [0], [1]).tolist() == [1]


def test_reports_without_a_day_have_no_lead_and_no_reports_give_an_empty_table():
    main = main_events(CHECKPOINT.assign(published=pd.NaT))
    assert main["lead"].tolist() == ["", "", ""] and main["day"].isna().all()
    empty = main_events(CHECKPOINT.iloc[:0])
    assert list(empty.columns) == ["lead", "day"] and len(empty) == 0


def test_leads_telling_alike_of_events_a_week_apart_are_pulled_apart_more_than_a_follow_up():
    with_recurrence = report_similarity(CHECKPOINT)
    without = report_similarity(CHECKPOINT, recurrence_weight=0)
    # the two attacks: main events a week apart, leads word for word alike: the whole weight comes off
    assert with_recurrence[0, 1] == pytest.approx(without[0, 1] - 0.4, abs=1e-5)
    # the court report's lead names the first attack's day: no recurrence with it
    assert with_recurrence[0, 2] == pytest.approx(without[0, 2], abs=1e-6)
    # and with the second attack it tells another step (a man charged) in other words: far less comes off
    assert 0 < without[1, 2] - with_recurrence[1, 2] < 0.2


def test_linkage_keeps_a_large_event_whole_though_each_report_has_only_k_links():
    rng = np.random.default_rng(0)
    size = 60
    similarity = np.clip(0.3 + 0.05 * rng.standard_normal((size, size)), 0, 1)
    similarity = (similarity + similarity.T) / 2
    np.fill_diagonal(similarity, 1)
    assert len(set(neighbour_linkage(similarity, n_neighbors=5).tolist())) == 1


def test_linkage_splits_two_events_of_one_kind_that_are_alike_on_average():
    # Two events of 10 reports: within-event pairs 0.1-0.5, cross pairs 0.25 (as alike as a weak within pair).
    rng = np.random.default_rng(1)
    within = rng.uniform(0.1, 0.5, (20, 20))
    similarity = np.full((20, 20), 0.25)
    similarity[:10, :10], similarity[10:, 10:] = within[:10, :10], within[10:, 10:]
    similarity = (similarity + similarity.T) / 2
    np.fill_diagonal(similarity, 1)
    labels = neighbour_linkage(similarity, n_neighbors=5)
    assert len(set(labels[:10])) == 1 and len(set(labels[10:])) == 1 and labels[0] != labels[10]


# The synthetic demo corpus and its gold events (corpus/demo/gold.yaml).


@pytest.fixture(scope="module")
def demo():
    import warnings

    import yaml
    from conftest import DEMO

    from claimdiff import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reports, _ = load_corpus(DEMO)
    gold = yaml.safe_load((DEMO / "gold.yaml").read_text())
    event_of_report = {report: event["id"] for event in gold["events"] for report in event["reports"]}
    keys = reports["source_path"].where(reports["source_path"].isin(event_of_report), reports["id"])
    assignments, _ = cluster_events(reports)
    return pd.DataFrame({"gold": keys.map(event_of_report).to_numpy(), "event_id": assignments["event_id"]})


def test_demo_events_of_another_kind_stay_apart_and_whole(demo):
    # the drones over Aleppo, the fuel price rise, the hailstorm: each exactly one event, shared with nothing else
    for gold in ("E3", "U1", "U2"):
        predicted = set(demo.loc[demo["gold"] == gold, "event_id"])
        assert len(predicted) == 1
        assert set(demo.loc[demo["event_id"].isin(predicted), "gold"]) == {gold}


def test_demo_second_attack_on_the_same_checkpoint_a_week_later_is_its_own_event(demo):
    # the leads of E5 tell of an attack on the checkpoint on April 26, those of E4 on April 19 (recurrence_weight);
    # E5's references back to April 19 are further down (measured 2026-12-01 by benchmarks/events_demo.py)
    first, second = (set(demo.loc[demo["gold"] == gold, "event_id"]) for gold in ("E4", "E5"))
    assert len(first) == len(second) == 1 and first != second


def test_demo_strikes_and_the_ambush_they_answer_share_no_event(demo):
    # the strike reports date the strikes from the ambush ("... said on Saturday, two days after an ambush that
    # killed at least 21 pro-government fighters"): a clause that left one of them in the ambush's event before
    # 2026-12-07 (claimdiff.events.similarity.without_other_events)
    strikes, ambush = (set(demo.loc[demo["gold"] == gold, "event_id"]) for gold in ("E1", "E2"))
    assert len(strikes) == 1 and not strikes & ambush


@pytest.mark.xfail(strict=True, reason="known limit: one ambush report (free-voice's) stands alone (measured "
                   "2026-12-07 by benchmarks/events_demo.py: B-cubed F1 0.975)")
def test_demo_ambush_is_one_event(demo):
    assert len(set(demo.loc[demo["gold"] == "E2", "event_id"])) == 1


# The real datasets in ../shared. The default configuration does not use sentence vectors (dense_weight=0), so the
# Embedder passed in is never asked and no embedding is computed; each test takes a few seconds.

_loaded: dict[str, pd.DataFrame] = {}


def _dataset(shared, name):
    from claimdiff.datasets import DATASETS

    if name not in _loaded:
        _loaded[name] = DATASETS[name](shared(f"datasets/{name}"))
    return _loaded[name]


@pytest.mark.dataset
def test_ecbplus_subtopics_with_the_default_configuration(shared):
    from claimdiff.embed import Embedder

    reports = _dataset(shared, "ecbplus")
    assignments, events = cluster_events(reports, split_sentences(reports), Embedder())
    # measured 2026-12-06 (benchmarks/events.py, the defaults of issue #13): B-cubed F1 0.958 (P 0.926, R 0.992),
    # 79 events for 86 gold sub-topics (2026-11-30: 0.961); ECB+ reports have no publication date, so the date
    # evidence does not change them
    assert bcubed(reports["gold_event"], assignments["event_id"])[2] >= 0.95
    assert 70 <= len(events) <= 100


@pytest.mark.dataset
def test_gvc_incidents_with_the_default_configuration(shared):
    from claimdiff.embed import Embedder

    reports = _dataset(shared, "gvc")
    assignments, events = cluster_events(reports, split_sentences(reports), Embedder())
    # measured 2026-12-06 (benchmarks/events.py, the defaults of issue #13): B-cubed F1 0.975 (P 0.989, R 0.960),
    # 256 events for 241 incidents (2026-12-01: 0.978, P 0.981, R 0.974)
    assert bcubed(reports["gold_event"], assignments["event_id"])[2] >= 0.97
    assert 220 <= len(events) <= 280


@pytest.mark.dataset
def test_fakes_incidents_of_the_development_part_with_the_default_configuration(shared):
    # all of FA-KES is clustered, the reports of the gold development part are scored (gold/ANNOTATION.md)
    reports = _dataset(shared, "fakes")
    gold = pd.read_csv(shared("datasets/fakes/gold") / "incidents-dev.csv", dtype=str)
    assignments, _ = cluster_events(reports, split_sentences(reports))
    predicted = assignments.set_index("report_id")["event_id"].reindex(gold["report_id"])
    assert predicted.notna().all()
    # measured 2026-12-06 (benchmarks/events_fakes_dev.py): B-cubed F1 0.915 (P 0.912, R 0.918); every report alone
    # 0.788, FA-KES's own (date, location) 0.834, the 2026-12-01 defaults 0.810
    precision, recall, f1 = bcubed(gold["incident"], predicted.to_numpy())
    assert f1 >= 0.90
    assert precision >= 0.89 and recall >= 0.89


def test_a_report_is_dated_by_its_own_dateline_when_the_recorded_date_is_years_off():
    from claimdiff.events.datelines import corrected_publication

    reports = reports_table([
        ("a", "nna", "2013-10-22", "Coalition raids kill 35 fighters",
         "Sat 04 Oct 2014 Coalition raids kill 35 fighters. US-led raids killed 35 fighters near Shadadi overnight."),
        ("b", "afp", "2014-10-04", "US-led raids kill 35 fighters overnight",
         "US-led raids killed 35 fighters near Shadadi overnight, a monitor said on Saturday."),
    ])
    assert corrected_publication(reports)["published"].dt.strftime("%Y-%m-%d").tolist() == ["2014-10-04"] * 2
    assert cluster_events(reports)[0]["event_id"].nunique() == 1
    assert EventClusterer(datelines=False).fit(reports).labels_.tolist() == [0, 1]  # a year apart: never compared


def test_reports_whose_openings_name_two_towns_lose_the_place_weight_however_alike_the_words():
    # two barrel-bomb raids on one day, told alike; only the towns of the openings tell them apart
    reports = reports_table([
        ("a", "afp", "2015-07-16", "Barrel bombs kill 11 civilians in Syria",
         "Regime helicopters dropped barrel bombs on al-Bab in Aleppo province on Thursday, killing 11 civilians "
         "including children, the Syrian Observatory for Human Rights said. Rescue workers searched the rubble."),
        ("b", "ahram", "2015-07-16", "Barrel bomb raid kills 11 in northern Syria",
         "Eleven civilians, among them children, were killed on Thursday when regime helicopters hit Manbij with "
         "barrel bombs, the Syrian Observatory for Human Rights said. The town is held by jihadists."),
        ("c", "sana", "2015-07-16", "Barrel bombs hit al-Bab",
         "Eleven civilians were killed in al-Bab on Thursday as helicopters dropped barrel bombs, a monitor said."),
    ])
    with_places, without = report_similarity(reports), report_similarity(reports, place_weight=0)
    assert without[0, 1] - with_places[0, 1] == pytest.approx(0.2)  # al-Bab and Manbij: two towns
    assert without[0, 2] == pytest.approx(with_places[0, 2])  # al-Bab twice: no clash


def test_openings_that_agree_on_place_act_and_day_gain_the_identity_weight_only_when_it_is_on():
    reports = reports_table([
        ("a", "afp", "2015-07-16", "Barrel bombs kill 11 civilians in al-Bab",
         "Regime helicopters dropped barrel bombs on al-Bab on Thursday, killing 11 civilians, a monitor said."),
        ("b", "sana", "2015-07-16", "Terrorists' positions in al-Bab destroyed",
         "Air strikes destroyed terrorist positions in al-Bab, killing scores of terrorists."),
        ("c", "sana", "2015-07-17", "Terrorists' positions in al-Bab destroyed",
         "Air strikes destroyed terrorist positions in al-Bab, killing scores of terrorists."),
        ("d", "ahram", "2015-07-16", "Barrel bombs kill 11 civilians in Manbij",
         "Regime helicopters dropped barrel bombs on Manbij on Thursday, killing 11 civilians, a monitor said."),
    ])
    off, on = report_similarity(reports), report_similarity(reports, identity_weight=0.05)
    assert on[0, 1] - off[0, 1] == pytest.approx(0.05)  # al-Bab, air strikes, the same day
    assert on[0, 2] == pytest.approx(off[0, 2])  # the next day: no agreement at identity_days 0
    assert on[0, 3] == pytest.approx(off[0, 3])  # another town
    assert EventClusterer().get_params()["identity_weight"] == 0.0  # off by default


def test_two_spellings_of_one_place_are_one_word_to_the_lexical_channels():
    reports = reports_table([
        ("a", "afp", "2017-03-30", "Chlorine attack on Saraqeb", "A chlorine attack hit Saraqeb in Idleb."),
        ("b", "sana", "2017-03-30", "Chlorine attack on Saraqib", "A chlorine attack hit Saraqib in Idlib."),
    ])
    alike = report_similarity(reports)[0, 1]
    assert alike > report_similarity(reports, canonical_places=False)[0, 1]
    same = reports.assign(text=reports["text"][1], title=reports["title"][1])
    assert alike == pytest.approx(report_similarity(same)[0, 1])  # as if both outlets spelt them alike
    assert EventClusterer().get_params()["canonical_places"] is True


def test_an_outlets_house_words_weigh_little_for_its_own_reports():
    from sklearn.feature_extraction.text import CountVectorizer

    from claimdiff.events.house import house_factors

    texts = [f"SANA terrorist rocket attack report {i} Aleppo" for i in range(10)] + ["AFP report on Homs"] * 10
    counts = CountVectorizer().fit(texts)
    matrix = counts.transform(texts)
    factors = house_factors(matrix, ["sana"] * 10 + ["afp"] * 10)
    column = counts.vocabulary_["terrorist"]
    assert factors[0, column] == pytest.approx(0.0)  # in every SANA report and in no other
    assert factors[0, counts.vocabulary_["report"]] == pytest.approx(1.0)  # every outlet's word: no excess


def test_a_photo_caption_glued_to_the_lead_neither_dates_nor_places_the_reports_event():
    # a scraped report whose photo, of another day and town, fills its opening before the lead
    caption = ("In this photo taken on June 8 provided by the civil defence, which has been authenticated based on "
               "its contents and other reporting, rescue workers help an injured woman out of the rubble of a house "
               "after warplanes attacked a street in the city of Aleppo, one of many raids on the northern city's "
               "eastern districts that week (AP photo) ")
    lead = "BEIRUT Air strikes on a market in Idlib killed at least 21 civilians on Sunday, a monitor said."
    reports = reports_table([
        ("a", "jordantimes", "2016-06-13", "Raids on market kill 21", caption + lead),
        ("b", "afp", "2016-06-13", "Air strikes on Idlib market kill 21", lead.removeprefix("BEIRUT ")),
    ])
    days = main_events(reports)["day"].tolist()
    assert [date.fromordinal(int(day)) for day in days] == [date(2016, 6, 12)] * 2  # Sunday, not June 8
    with_places, without = report_similarity(reports), report_similarity(reports, place_weight=0)
    assert with_places[0, 1] == pytest.approx(without[0, 1])  # the opening is the lead's Idlib, not Aleppo
    # the caption's day, kept as before 2026-12-07, would be the lead's day too
    assert stated_days(reports.assign(text=caption.replace("(AP photo)", "") + lead))[0] == [date(2016, 6, 8),
                                                                                           date(2016, 6, 12)]
