"""compare_details over chunks of events in worker processes: the same table, row for row and dtype for dtype, as
the serial run; and the records it reads its tables through are those of ``DataFrame.to_dict``."""

import sys

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO
from test_divergence import details_table

from claimdiff.divergence import DivergenceSettings, compare_details, parallel
from claimdiff.divergence.core import grouped_records, records
from claimdiff.stagecache import _key

forked = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


@pytest.fixture
def every_size(monkeypatch):
    """Workers even for a few claims, so that small corpora take the parallel path."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CLAIMS", 0)


def assert_serial_equals_parallel(reports, claims, details):
    serial = compare_details(reports, claims, details, settings=DivergenceSettings(workers=1))
    for workers in (2, 3):
        chunked = compare_details(reports, claims, details, settings=DivergenceSettings(workers=workers))
        pd.testing.assert_frame_equal(chunked, serial, check_exact=True)
        assert chunked.dtypes.astype(str).tolist() == serial.dtypes.astype(str).tolist()
    return serial


@pytest.fixture(scope="module")
def demo_tables():
    if not DEMO.is_dir():
        pytest.skip("corpus/demo is not there")
    from claimdiff.pipeline import run_pipeline

    results = run_pipeline(DEMO)
    return results.reports, results.claims, results.details


@forked
def test_the_demo_corpus_gives_the_same_divergence_table_in_workers(demo_tables, every_size):
    reports, claims, details = demo_tables
    assert len(parallel.event_chunks(claims, 4)) > 1  # the chunks are really cut
    table = assert_serial_equals_parallel(reports, claims, details)
    assert table["agrees"].eq(False).any()  # something is flagged: the comparison is not empty


@forked
def test_events_that_share_a_report_are_compared_in_one_chunk_as_in_the_serial_run(every_size):
    # report "b" tells of events 0 and 1 (a researcher's own events may overlap); 2 and 3 stand apart
    claims = pd.DataFrame({
        "claim_id": [0, 0, 1, 1, 2, 2, 3, 3], "event_id": [0, 0, 1, 1, 2, 2, 3, 3],
        "report_id": ["a", "b", "b", "c", "d", "e", "f", "g"], "sent_idx": [0, 0, 1, 0, 0, 0, 0, 0],
        "outlet": ["wire", "blog", "blog", "agency", "wire", "blog", "wire", "agency"]})
    claims["text"], claims["similarity"] = "sentence", 0.9
    details = details_table([(r, s, "count", "killed", v, float(v), float(v)) for r, s, v in [
        ("a", 0, "21"), ("b", 0, "18"), ("b", 1, "7"), ("c", 0, "9"), ("d", 0, "3"), ("e", 0, "3"),
        ("f", 0, "40"), ("g", 0, "12")]])
    reports = pd.DataFrame({"id": list("abcdefg"), "published": pd.Timestamp("2024-04-19 09:00")})
    chunks = parallel.event_chunks(claims, 4)
    assert any({0, 1} <= set(chunk) for chunk in chunks) and len(chunks) > 1
    table = assert_serial_equals_parallel(reports, claims, details)
    assert set(table.loc[table["agrees"].eq(False).fillna(False), "event_id"]) == {0, 1, 3}


@forked
def test_a_large_claims_table_is_cut_into_more_chunks_than_the_workers_need(demo_tables, every_size, monkeypatch):
    # a worker's memory grows with its chunk: past MAX_CHUNK_CLAIMS rows a chunk, the events are cut finer
    reports, claims, details = demo_tables
    asked, cut = [], parallel.event_chunks

    def recording(claims, n):
        asked.append(n)
        return cut(claims, n)

    monkeypatch.setattr(parallel, "event_chunks", recording)
    monkeypatch.setattr(parallel, "MAX_CHUNK_CLAIMS", len(claims) // 10)
    assert_serial_equals_parallel(reports, claims, details)
    assert asked and min(asked) >= 10


def test_chunks_hold_every_event_once_in_event_order():
    claims = pd.DataFrame({"event_id": [5, 1, 1, 3, 2, 2, 2, 4], "report_id": list("abcdefgh")})
    chunks = parallel.event_chunks(claims, 3)
    assert 1 < len(chunks) <= 3
    assert sorted(e for chunk in chunks for e in chunk) == [1, 2, 3, 4, 5]
    assert all(list(chunk) == sorted(chunk) for chunk in chunks)


@forked
def test_a_worker_error_reaches_the_caller(every_size, monkeypatch):
    claims = pd.DataFrame({"claim_id": [0, 0, 1, 1], "event_id": [0, 0, 1, 1], "report_id": list("abcd"),
                           "sent_idx": 0, "outlet": ["wire", "blog"] * 2, "text": "sentence", "similarity": 0.9})
    details = details_table([(r, 0, "count", "killed", "3", 3.0, 3.0) for r in "abcd"])
    reports = pd.DataFrame({"id": list("abcd"), "published": pd.Timestamp("2024-04-19")})

    def broken(*args):
        raise RuntimeError("comparison failed")

    monkeypatch.setattr(parallel, "using", broken)  # forked workers see the replaced function
    with pytest.raises(RuntimeError, match="comparison failed"):
        compare_details(reports, claims, details, settings=DivergenceSettings(workers=2))


def test_the_number_of_workers_is_no_part_of_a_stored_result_s_key():
    def key(settings):
        return _key("divergence", {"settings": settings})

    assert key(DivergenceSettings(workers=1)) == key(DivergenceSettings(workers=3))
    assert key(DivergenceSettings(bound_ratio=2.0)) != key(DivergenceSettings())


def test_records_are_those_of_to_dict_value_for_value_and_type_for_type():
    frame = pd.DataFrame({
        "int": [1, 2, 3], "float": [0.5, np.nan, 2.0], "str": ["a", None, "c"],
        "nullable": pd.array([1, None, 3], dtype="Int64"), "flag": [True, False, True],
        "when": pd.to_datetime(["2024-04-19", None, "2024-04-21"]), "object": pd.Series([np.int64(4), None, "x"],
                                                                                         dtype=object),
        "string": pd.array(["x", None, "z"], dtype="string"), "category": pd.Categorical(["u", "v", "u"])})
    ours, theirs = records(frame), frame.to_dict("records")
    assert [list(r) for r in ours] == [list(r) for r in theirs]
    for mine, expected in zip(ours, theirs, strict=True):
        for column, value in expected.items():
            assert type(mine[column]) is type(value), column
            assert mine[column] == value or (pd.isna(mine[column]) and pd.isna(value)), column
    assert records(frame.iloc[0:0]) == [] and records(frame[[]]) == [{}, {}, {}]


def test_grouped_records_leave_out_rows_with_a_missing_key_as_groupby_does():
    frame = pd.DataFrame({"e": [2, 1, None, 2], "o": ["x", "y", "y", None], "v": [1, 2, 3, 4]})
    assert [k for k, _ in grouped_records(frame, ["e", "o"])] == [(1.0, "y"), (2.0, "x")]
    assert [[r["v"] for r in g] for _, g in grouped_records(frame, ["e"])] == [[2], [1, 4]]
