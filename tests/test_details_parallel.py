"""extract_details in worker processes: the same table, row for row and dtype for dtype, as the serial run."""

import sys

import pandas as pd
import pytest
from conftest import DEMO

from claimdiff import split_sentences
from claimdiff.details import DetailSettings, extract_details, parallel
from claimdiff.stagecache import _key

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


@pytest.fixture
def every_size(monkeypatch):
    """Workers even for a few sentences, so that small corpora take the parallel path."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_SENTENCES", 0)


def assert_serial_equals_parallel(reports, sentences):
    serial = extract_details(reports, sentences, settings=DetailSettings(workers=1))
    forked = extract_details(reports, sentences, settings=DetailSettings(workers=2))
    assert len(serial) > 0
    pd.testing.assert_frame_equal(forked, serial, check_exact=True)
    assert forked.dtypes.astype(str).tolist() == serial.dtypes.astype(str).tolist()


def test_the_demo_corpus_gives_the_same_table_in_workers(every_size):
    if not DEMO.is_dir():
        pytest.skip("corpus/demo is not there")
    from claimdiff import load_corpus

    reports, _ = load_corpus(DEMO)
    assert_serial_equals_parallel(reports, split_sentences(reports))


def test_fakes_reports_give_the_same_table_in_workers(shared, every_size):
    from claimdiff.datasets import load_fakes

    reports = load_fakes(shared("datasets/fakes")).head(300)
    sentences = split_sentences(reports)
    assert_serial_equals_parallel(reports, sentences)
    # a report's sentences scattered through the table: chunks hold whole reports, and the order still holds
    assert_serial_equals_parallel(reports, sentences.sample(frac=1, random_state=0))


def test_a_worker_error_reaches_the_caller(every_size, monkeypatch):
    reports = pd.DataFrame({"id": ["r1", "r2"], "published": pd.to_datetime(["2024-04-21"] * 2),
                            "text": ["Two soldiers were killed in Daraa.", "Dozens were wounded near Homs."]})

    def broken(sentences):
        raise RuntimeError("extractor failed")

    monkeypatch.setattr(parallel, "hedge_rows", broken)  # forked workers see the replaced function
    with pytest.raises(RuntimeError, match="extractor failed"):
        extract_details(reports, split_sentences(reports), settings=DetailSettings(workers=2))


def test_chunks_hold_whole_reports_in_the_order_of_the_table():
    sentences = pd.DataFrame({"report_id": list("abacbdd"), "sent_idx": [0, 0, 1, 0, 1, 0, 1],
                              "text": ["x" * 40] * 7, "start": [0, 0, 41, 0, 41, 0, 41]})
    chunks = parallel.report_chunks(sentences, 3)
    assert len(chunks) <= 3
    assert pd.concat(chunks).sort_index().equals(sentences)
    owners = [set(chunk["report_id"]) for chunk in chunks]
    assert all(not (a & b) for i, a in enumerate(owners) for b in owners[i + 1:])
    assert all(chunk.index.is_monotonic_increasing for chunk in chunks)


def test_the_number_of_workers_is_no_part_of_a_stored_result_s_key():
    def key(settings):
        return _key("details", {"settings": settings})

    assert key(DetailSettings(workers=1)) == key(DetailSettings(workers=3))
    assert key(DetailSettings(min_place_reports=1)) != key(DetailSettings(min_place_reports=2))


def test_workers_default_to_the_cores_at_most_four():
    assert 1 <= DetailSettings().workers <= parallel.MAX_WORKERS
