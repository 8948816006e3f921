"""compare_details over chunks of events in forked worker processes, giving the serial run's table row for row.

Every comparison reads one event's claims, or one report's or one sentence's details: claim groups lie within an
event, the event-wide comparisons (counts, labels, sources, perpetrators, omissions) compare an event's outlets, and
the filters of the details (background counts, other incidents, headline tolls) read a report's rows and
sentences. So the events are cut into chunks, events that share a report kept together (a report's details and
sentences then lie in one chunk), each chunk is compared by a worker with its own claims and its reports' details,
and the tables put together in event order: within an event the serial run's rows come in the same order, since
they are made in the same order and the table is sorted by event first.

Workers are forked (Linux only) and inherit the tables, the loaded lexicons and the gazetteer; with one worker,
fewer than :data:`MIN_PARALLEL_CLAIMS` claim rows, or where processes cannot be forked
(:func:`claimdiff.details.parallel.can_fork`), the chunks are not cut and the table is compared here.

>>> claims = pd.DataFrame({"event_id": [0, 0, 1, 2, 2], "report_id": ["a", "b", "c", "d", "c"]})
>>> [chunk.tolist() for chunk in event_chunks(claims, 2)]
[[0], [1, 2]]
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..details.parallel import can_fork, forked_pool
from ..schema import DIVERGENCE, conform
from .core import using

MIN_PARALLEL_CLAIMS = 5_000  # below this a worker's start-up and the chunks' pandas calls are not worth it
CHUNKS_PER_WORKER = 2  # a few chunks each, so that one slow chunk does not leave a core idle
# A worker's memory grows with its chunk (the comparisons' working tables, written into pages it then no longer shares
# with this process), so a large corpus is cut into more chunks of at most about this many claim rows and the
# workers' memory stays about the same at any size (benchmarks/pipeline_scale.py gives each stage's peak with its
# workers); the cost is a little CPU per chunk (some 5% of the stage at 10,000 reports, 16 chunks against 4).
MAX_CHUNK_CLAIMS = 10_000

Compare = Callable[[pd.DataFrame, pd.DataFrame, pd.DataFrame, object], pd.DataFrame]


def compared_in_chunks(compare: Compare, claims: pd.DataFrame, details: pd.DataFrame, reports: pd.DataFrame,
                       settings, workers: int) -> pd.DataFrame:
    """``compare(claims, details, reports, settings)`` (the serial comparison, which returns a table of
    :data:`~claimdiff.schema.DIVERGENCE` sorted by event first) run over chunks of events by ``workers`` forked
    processes; the same table as one call on everything."""
    if workers < 2 or len(claims) < MIN_PARALLEL_CLAIMS or not can_fork():
        return compare(claims, details, reports, settings)
    chunks = event_chunks(claims, max(workers * CHUNKS_PER_WORKER, -(-len(claims) // MAX_CHUNK_CLAIMS)))
    if len(chunks) < 2:
        return compare(claims, details, reports, settings)
    with forked_pool(min(workers, len(chunks)), initializer=_keep_job,
                     initargs=((compare, claims, details, reports, settings),)) as pool:
        parts = list(pool.map(_compare_chunk, chunks))  # with fork, initargs reach the workers unpickled
    table = pd.concat(parts, ignore_index=True).sort_values("event_id", kind="stable")
    return conform(table, DIVERGENCE)


def event_chunks(claims: pd.DataFrame, n: int) -> list[np.ndarray]:
    """The event ids of ``claims`` in at most ``n`` chunks of about the same number of claim rows, each in event
    order; events that share a report lie in one chunk."""
    events = pd.unique(claims["event_id"])
    group = {event: event for event in events}  # union-find: events joined by a report they share

    def root(event):
        while group[event] != event:
            group[event] = group[group[event]]
            event = group[event]
        return event

    first_event: dict = {}
    for event, report in set(zip(claims["event_id"], claims["report_id"], strict=True)):
        other = first_event.setdefault(report, event)
        if other != event:
            group[root(event)] = root(other)
    weight = claims.groupby("event_id").size()  # in event order
    component = weight.index.map(root)
    sizes = weight.groupby(component, sort=False).sum()  # in the order of each component's first event
    middles = np.cumsum(sizes.to_numpy(dtype=float)) - sizes.to_numpy() / 2
    chunk_of = dict(zip(sizes.index, np.minimum((n * middles / sizes.sum()).astype(int), n - 1), strict=True))
    chunks: dict[int, list] = {}
    for event, joined in zip(weight.index, component, strict=True):
        chunks.setdefault(int(chunk_of[joined]), []).append(event)
    return [np.array(events) for _, events in sorted(chunks.items())]


_job: list = []  # a worker's copy of (compare, claims, details, reports, settings) (see compared_in_chunks)


def _keep_job(job: tuple) -> None:
    _job[:] = [job]


def _compare_chunk(events: np.ndarray) -> pd.DataFrame:
    compare, claims, details, reports, settings = _job[0]
    mine = claims[claims["event_id"].isin(events)]
    with using(settings):  # the comparers read the settings of the call under way
        return compare(mine, details[details["report_id"].isin(mine["report_id"].unique())], reports, settings)
