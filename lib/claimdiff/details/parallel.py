"""The details extractors run over chunks of reports in worker processes, giving the rows of the serial run.

Only the learning of the corpus's own place names (:func:`~claimdiff.details.places.corpus_places`) must see every
sentence; every other extractor reads a sentence alone or looks back only within its report (actor and attribution
anaphora, a report's first sentence for datelines, its publication day for relative dates). So the reports are cut
into chunks of whole reports, each chunk is read by a worker process, and the rows are put back in the order the
serial run makes them: extractor by extractor (counts, dates, places, actors, wordings, attributions, hedges,
acts), each in the order of the sentences. Rows that tie on every sorting key of
:func:`claimdiff.details.extract_details` (one sentence's rows) come from one chunk, so they keep their serial order
too: the table is the same row for row.

Workers are forked (Linux only, where ``fork`` starts a worker in milliseconds and it inherits the loaded lexicons);
elsewhere, with fewer than :data:`MIN_PARALLEL_SENTENCES` sentences, with one worker, inside a daemon process (which
may not have children) or with ``ner=True`` (spaCy runs in this process) the chunks are read here, one after
another. The workers run only the regular-expression extractors of this package, never onnxruntime or torch, which
the process may have loaded before: a fork copies none of their threads.

>>> import pandas as pd
>>> sentences = pd.DataFrame({"report_id": ["a", "b", "a", "c"], "sent_idx": [0, 0, 1, 0],
...                           "text": ["x" * 10, "y" * 30, "z" * 10, "w" * 20], "start": [0, 0, 11, 0]})
>>> [chunk["report_id"].tolist() for chunk in report_chunks(sentences, 2)]
[['a', 'b', 'a'], ['c']]
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import numpy as np
import pandas as pd

from claimdiff.details.actors import actor_rows
from claimdiff.details.acts import act_rows
from claimdiff.details.attribution import attribution_rows
from claimdiff.details.counts import count_rows
from claimdiff.details.dates import date_rows
from claimdiff.details.hedges import attach_hedge_scopes, hedge_rows
from claimdiff.details.places import corpus_places, known_place_rows
from claimdiff.details.qualifiers import qualifier_rows
from claimdiff.details.sources import attach_sources
from claimdiff.details.table import DETAILS, frame
from claimdiff.details.wordings import wording_rows
from claimdiff.embed.onnx_backend import available_cores
from claimdiff.schema import conform

MAX_WORKERS = 4  # more gains little on a laptop and multiplies the chunks' start-up
MIN_PARALLEL_SENTENCES = 2_000  # below this a worker's start-up is not worth it
CHUNKS_PER_WORKER = 4  # several chunks each, so that one slow chunk does not leave a core idle
PLACES = 2  # the place rows' rank among the extractors (the others in _per_report_rows's order)
_ORDER = "_extractor"  # the column that carries an extractor's rank until the rows are put in order


def default_workers() -> int:
    """Worker processes by default: the cores this process may use, at most :data:`MAX_WORKERS`."""
    return max(1, min(available_cores(), MAX_WORKERS))


def detail_rows(reports: pd.DataFrame, sentences: pd.DataFrame, min_place_reports: int, ner: bool,
                workers: int) -> pd.DataFrame:
    """Every extractor's rows (sources attached) as a table of :data:`DETAILS`, in the serial run's order: the
    extractors one after another, each in the order of the sentences. Not yet sorted by position."""
    # relative dates are read against the day the report's own text gives ("Sun 16 Apr 2017 ...") where the
    # collection recorded another (imported here: the events package reads the details' date patterns)
    from claimdiff.events.datelines import corrected_publication

    days = [c for c in ("published", "published_local") if c in reports]
    stamped = corrected_publication(reports) if "text" in reports else reports
    dates = reports[["id", *days]].assign(**{f"stamped_{c}": stamped[c] for c in days})
    if not _parallel(len(sentences), workers, ner):
        known = corpus_places(sentences, min_place_reports)
        parts = [_per_report_rows(dates, sentences), _place_rows(sentences, known, ner)]
    else:
        chunks = report_chunks(sentences, workers * CHUNKS_PER_WORKER)
        with forked_pool(workers) as pool:
            per_report = [pool.submit(_per_report_rows, dates[dates["id"].isin(chunk["report_id"])], chunk)
                          for chunk in chunks]
            known = corpus_places(sentences, min_place_reports)  # here, while the workers start on the chunks
            places = [pool.submit(_place_rows, chunk, known, ner) for chunk in chunks]
            parts = [job.result() for job in per_report + places]  # result() raises a worker's error here
    rows = pd.concat(parts, ignore_index=True).sort_values(_ORDER, kind="stable")
    return conform(rows.drop(columns=_ORDER), DETAILS)


def report_chunks(sentences: pd.DataFrame, n: int) -> list[pd.DataFrame]:
    """``sentences`` cut into at most ``n`` chunks of whole reports (in the order of their first sentence) with
    about the same length of text each; a chunk keeps its sentences in their order in ``sentences``."""
    reports = pd.factorize(sentences["report_id"])[0]
    length = sentences["text"].str.len().fillna(0).to_numpy(dtype=float) + 1.0
    per_report = np.bincount(reports, weights=length)
    ends = np.cumsum(per_report)
    chunk_of_report = np.minimum((n * (ends - per_report) / ends[-1]).astype(int), n - 1)
    chunk_of = chunk_of_report[reports]
    return [sentences.iloc[np.flatnonzero(chunk_of == chunk)] for chunk in np.unique(chunk_of)]


def can_fork() -> bool:
    """May this process fork workers: on Linux, and not itself a daemon process (which may not have children)."""
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def release_free_heap() -> bool:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``), where there is glibc; whether it did.

    Before a fork: a worker writing into a free page it shares with this process copies it, and both copies count;
    a page given back is shared with no one, and a worker takes a fresh page only where it writes
    (``benchmarks/pipeline_scale.py`` gives each stage's peak with its workers).

    >>> release_free_heap() in (True, False)
    True
    """
    try:
        ctypes.CDLL(None).malloc_trim(0)  # the symbols this process has loaded: glibc's, on Linux
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to give back this way
        return False
    return True


@contextmanager
def forked_pool(workers: int, **options) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` forked processes (``options``: those of ``ProcessPoolExecutor``). While it runs, the
    objects this process holds are frozen (``gc.freeze``): a worker's garbage collector then leaves them alone, so the
    memory pages it shares with this process stay shared instead of being copied (memory counted once, not per worker).

    >>> with forked_pool(2) as pool:
    ...     list(pool.map(abs, [-1, 2]))
    [1, 2]
    """
    release_free_heap()
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), **options) as pool:
            yield pool
    finally:
        gc.unfreeze()


def _parallel(n_sentences: int, workers: int, ner: bool) -> bool:
    return workers > 1 and n_sentences >= MIN_PARALLEL_SENTENCES and not ner and can_fork()


def _per_report_rows(reports: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The rows of every extractor but places, over whole reports, sources attached; column ``_extractor``.
    ``reports``: ``id``, the days recorded (``published``, ``published_local``) and those the reports' own text
    stamps (``stamped_published``, ``stamped_published_local``)."""
    recorded = reports[[c for c in reports if not c.startswith("stamped_")]]
    stamped = reports[["id"]].assign(**{c.removeprefix("stamped_"): reports[c] for c in reports
                                        if c.startswith("stamped_")})
    found = [count_rows(sentences), date_rows(sentences, recorded, read_against=stamped), actor_rows(sentences),
             wording_rows(sentences), attribution_rows(sentences), hedge_rows(sentences), qualifier_rows(sentences),
             act_rows(sentences)]
    ranks = [rank for rank in range(len(found) + 1) if rank != PLACES]
    rows = attach_hedge_scopes(attach_sources([row for part in found for row in part], sentences), sentences)
    return frame(rows).assign(**{_ORDER: np.repeat(ranks, [len(part) for part in found])})


def _place_rows(sentences: pd.DataFrame, known: dict[str, str], ner: bool) -> pd.DataFrame:
    return frame(known_place_rows(sentences, known, ner)).assign(**{_ORDER: PLACES})
