"""The dataset loaders on the real data in ../shared/datasets: counts from each SOURCE.md, and the reports schema."""

from __future__ import annotations

import pandas as pd
import pytest

from claimdiff.datasets import DATASETS, load_dataset
from claimdiff.schema import REPORTS

pytestmark = pytest.mark.dataset

_cache: dict[str, pd.DataFrame] = {}


@pytest.fixture
def reports(shared):
    """``reports("gvc")``: the loaded dataset, read once per test session."""

    def load(name: str) -> pd.DataFrame:
        folder = shared(f"datasets/{name}")
        if name not in _cache:
            _cache[name] = DATASETS[name](folder)
        return _cache[name]

    return load


@pytest.mark.parametrize("name", list(DATASETS))
def test_reports_schema_comes_first_with_its_dtypes(reports, name):
    frame = reports(name)
    assert list(frame.columns[: len(REPORTS)]) == list(REPORTS)
    for column, dtype in REPORTS.items():
        assert frame[column].dtype == pd.Series([], dtype=dtype).dtype, column


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_report_has_a_text_and_a_unique_id(reports, name):
    frame = reports(name)
    assert frame["id"].notna().all() and frame["id"].is_unique
    assert frame["text"].notna().all()
    assert (frame["text"].str.strip() != "").all()
    assert (frame["language"] == "en").all()
    assert frame["outlet"].notna().all() and frame["source_path"].notna().all()


@pytest.mark.parametrize("name", [n for n in DATASETS if n != "fakes"])
def test_gold_event_is_a_complete_str_column(reports, name):
    gold = reports(name)["gold_event"]
    assert gold.dtype == pd.Series([], dtype="str").dtype
    assert gold.notna().all()


@pytest.mark.parametrize("name", list(DATASETS))
def test_duplicate_of_points_to_an_earlier_report_with_the_same_text(reports, name):
    frame = reports(name).set_index("id", drop=False)
    duplicates = frame[frame["duplicate_of"].notna()]
    for row in duplicates.itertuples():
        assert frame.at[row.duplicate_of, "text"] == row.text
        assert pd.isna(frame.at[row.duplicate_of, "duplicate_of"])


def test_ecbplus_has_982_documents_in_86_gold_clusters_and_43_topics(reports):
    frame = reports("ecbplus")
    assert len(frame) == 982
    assert frame["gold_event"].nunique() == 86
    assert frame["topic"].nunique() == 43
    assert frame["subcorpus"].value_counts().to_dict() == {"ecbplus": 502, "ecb": 480}
    assert (frame["gold_event"] == frame["topic"].astype(str) + frame["subcorpus"]).all()


def test_ecbplus_url_sentence_goes_to_url_and_outlet_not_text(reports):
    frame = reports("ecbplus")
    plus = frame[frame["subcorpus"] == "ecbplus"]
    assert plus["url"].str.startswith("http").all()
    assert not plus["url"].str.contains(" ").any()
    first_lines = plus["text"].str.split("\n").str[0]
    assert not first_lines.str.contains(r"https?\s*:", regex=True).any()
    assert not plus["text"].str.contains("http : / /", regex=False).any()
    assert plus["outlet"].nunique() == 348  # distinct hosts, per SOURCE.md
    assert (frame.loc[frame["subcorpus"] == "ecb", "outlet"] == "unknown").all()
    assert frame["published"].isna().all()


def test_ecbplus_text_attaches_punctuation(reports):
    text = reports("ecbplus").set_index("id").at["33_2ecbplus", "text"]
    assert text.startswith("Video of Brooklyn woman's fatal shooting")
    assert "Horton, 34, was walking" in text
    assert " ," not in text and " ." not in text.replace(" ...", "")


def test_gvc_has_510_documents_in_241_incidents_with_gold_counts(reports):
    frame = reports("gvc")
    assert len(frame) == 510
    assert frame["gold_event"].nunique() == 241
    sizes = frame.groupby("gold_event").size().value_counts().sort_index()
    assert sizes.to_dict() == {1: 41, 2: 141, 3: 49, 4: 10}
    assert frame["split"].value_counts().to_dict() == {"train": 358, "dev": 78, "test": 74}
    assert str(frame["gold_killed"].dtype) == "Int64" and frame["gold_killed"].notna().all()
    assert str(frame["gold_injured"].dtype) == "Int64" and frame["gold_injured"].notna().all()
    assert frame["published"].notna().all()
    assert frame["outlet"].nunique() == 288


def test_gvc_uses_the_doc_to_event_mapping_for_the_two_misfiled_docs(reports):
    frame = reports("gvc").set_index("id")
    for doc_id in ("1a7b58474fb4a3f6de4e57b77bd85c31", "43d915481fa420f92d3d015ee37c0c2c"):
        assert frame.at[doc_id, "gold_event"] == "490954"


def test_newswcl50_has_50_articles_for_10_events_from_5_outlets(reports):
    frame = reports("newswcl50")
    assert len(frame) == 50
    assert frame["gold_event"].nunique() == 10
    assert sorted(frame["outlet"].unique()) == ["L", "LL", "M", "R", "RR"]
    assert (frame.groupby("gold_event")["outlet"].nunique() == 5).all()
    names = frame.groupby("outlet")["outlet_name"].unique().map(list).to_dict()
    assert names == {
        "LL": ["HuffPost"], "L": ["New York Times"], "M": ["USA Today"], "R": ["Fox News"], "RR": ["Breitbart"],
    }


def test_newswcl50_newline_tokens_become_paragraph_breaks(reports):
    frame = reports("newswcl50")
    assert not frame["text"].str.contains("\\n", regex=False).any()
    assert (frame["text"].str.count("\n\n") >= 5).all()
    assert "Kim Jong-un" in frame.set_index("id").at["0_L", "text"]


def test_basil_has_300_articles_for_100_triplets_from_3_outlets(reports):
    frame = reports("basil")
    assert len(frame) == 300
    assert frame["gold_event"].nunique() == 100
    assert sorted(frame["outlet"].unique()) == ["fox", "hpo", "nyt"]
    assert (frame.groupby("gold_event")["outlet"].agg(lambda s: tuple(sorted(s))) == ("fox", "hpo", "nyt")).all()
    assert frame["published"].min() == pd.Timestamp("2010-02-20")
    assert frame["published"].max() == pd.Timestamp("2019-03-28")
    assert frame["main_event"].notna().all()


def test_fakes_has_804_articles_from_15_outlets_with_labels(reports):
    frame = reports("fakes")
    assert len(frame) == 804
    assert frame["outlet"].nunique() == 15
    assert frame["label"].value_counts().to_dict() == {1: 427, 0: 377}
    assert frame["published"].notna().all()
    assert "gold_event" not in frame


def test_fakes_titles_carry_no_site_name(reports):
    titles = reports("fakes")["title"]
    assert not titles.str.contains(r"Jordan Times|Ahram Online|Daily Sabah|Sputnik International|National News Agency"
                                   ).any()
    assert titles.str.strip().ne("").all()


def test_load_dataset_finds_the_folder_under_the_shared_root(shared):
    root = shared("datasets").parent
    frame = load_dataset("newswcl50", root)
    assert len(frame) == 50
    with pytest.raises(KeyError, match="unknown dataset"):
        load_dataset("nope", root)

