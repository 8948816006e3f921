"""Dask over a parquet corpus gives the single-process tables: sentences, embeddings and details."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO

from claimdiff import Embedder, load_corpus, split_sentences
from claimdiff.details import extract_details
from claimdiff.distributed import EMBEDDINGS, details_of, embedding_matrix, embeddings_frame, run_distributed
from claimdiff.embed import HashingModel

PARTITIONS = 4


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo corpus as a parquet folder of several files, run once on a 2-worker LocalCluster."""
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    tmp = tmp_path_factory.mktemp("distributed")
    reports, _ = load_corpus(DEMO)
    dd.from_pandas(reports, npartitions=PARTITIONS, sort=False).to_parquet(str(tmp / "reports"), write_index=False)
    settings = {"model": HashingModel(32), "cache_dir": False}
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        folders = run_distributed(tmp / "reports", tmp / "out", **settings)
    reports = pd.read_parquet(tmp / "reports")  # what the workers read, for the single-process run
    sentences = split_sentences(reports)
    return {
        "folders": folders,
        "reports": reports,
        "sentences": sentences,
        "vectors": Embedder(**settings).encode(sentences["text"]),
        "details": extract_details(reports, sentences),
    }


def read(folder) -> pd.DataFrame:
    return pd.read_parquet(folder).reset_index(drop=True)


def test_sentences_are_those_of_one_process(demo):
    pd.testing.assert_frame_equal(read(demo["folders"]["sentences"]), demo["sentences"])


def test_embeddings_are_those_of_one_process_row_for_row(demo):
    embeddings = read(demo["folders"]["embeddings"])
    assert list(embeddings.columns) == list(EMBEDDINGS)
    assert embeddings[["report_id", "sent_idx"]].equals(demo["sentences"][["report_id", "sent_idx"]])
    np.testing.assert_array_equal(embedding_matrix(embeddings), demo["vectors"])


def test_details_are_those_of_one_process(demo):
    pd.testing.assert_frame_equal(read(demo["folders"]["details"]), demo["details"], check_dtype=False)


# Place names no gazetteer knows, each used after a place word by reports in different partitions (two per
# partition), so that only the whole corpus has the two reports a learnt name needs.
PLACES = pd.DataFrame({
    "id": ["r1", "r2", "r3", "r4", "r5", "r6"],
    "published": pd.to_datetime(["2024-04-01", "2024-04-01", "2024-04-02", "2024-04-02", "2024-04-03",
                                 "2024-04-03"]),
    # words that say "place" but not "settlement" (a name a report calls a village or town is learnt from that
    # report alone): each name is learnt only from two reports, which lie in different partitions
    "text": ["Shelling on the outskirts of Kafr Nabudah killed three people on Monday.",
             "Strikes hit the Tell Hamra district.",
             "Government forces shelled the outskirts of Kafr Nabudah again, the monitor said.",
             "Fighting continued near Kafr Nabudah on Tuesday.",
             "A market in the Tell Hamra district was hit.",
             "Aid reached the Tell-Hamra district on Wednesday."],
})


def test_places_learnt_from_reports_in_other_partitions_are_found_as_in_one_process():
    dd = pytest.importorskip("dask.dataframe")
    sentences = split_sentences(PLACES)
    reports = dd.from_pandas(PLACES, npartitions=3, sort=False)
    found = details_of(reports.map_partitions(split_sentences, meta=sentences.iloc[:0]), reports).compute()
    expected = extract_details(PLACES, sentences)
    pd.testing.assert_frame_equal(found.reset_index(drop=True), expected)
    learnt = expected.query("subject == 'corpus'")
    assert set(learnt["report_id"]) == {"r1", "r2", "r3", "r4", "r5"}  # "Tell-Hamra" is another spelling
    # Each partition alone learns nothing: it sees each name in one report only.
    alone = pd.concat([extract_details(PLACES, sentences[sentences.report_id.isin(ids)])
                       for ids in (["r1", "r2"], ["r3", "r4"], ["r5", "r6"])])
    assert not (alone["subject"] == "corpus").any()


def test_an_empty_embeddings_table_keeps_its_columns():
    frame = embeddings_frame([], [], None)
    assert list(frame.columns) == list(EMBEDDINGS) and embedding_matrix(frame).shape == (0, 0)
