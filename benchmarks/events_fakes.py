"""What the default event clustering makes of FA-KES (804 reports from 15 outlets on the Syrian war):
how many reports the events hold and how long they span, with and without the date evidence.

    PYTHONPATH=lib .venv/bin/python benchmarks/events_fakes.py   # writes results/events-fakes-<date>.md

This is no score (the score against the gold incidents of FA-KES's development part is
``benchmarks/events_fakes_dev.py``): an event whose reports were published years apart is a sign that the
clustering merged too much (a follow-up can be that late, a cluster of dozens such rarely is). Span = last minus
first publication day of an event's reports. Data: ``$CLAIMDIFF_SHARED/datasets/fakes``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

import pandas as pd
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "benchmarks" / "results"
ROWS = {"claimdiff (defaults)": {}, "claimdiff, no dates": {"date_weight": 0}}
SPANS = [-1, 0, 3, 7, 30, 365, 100_000]
SPAN_NAMES = ["same day", "1-3 days", "4-7 days", "8-30 days", "31-365 days", "over a year"]


def describe_events(events: pd.DataFrame) -> dict:
    span = (events["last_published"] - events["first_published"]).dt.days
    multi = events["n_reports"] > 1
    bins = pd.cut(span[multi], SPANS, labels=SPAN_NAMES).value_counts().reindex(SPAN_NAMES)
    return {
        "events": len(events),
        "single-report events": int((~multi).sum()),
        "largest event (reports)": int(events["n_reports"].max()),
        "reports in the 5 largest": int(events["n_reports"].nlargest(5).sum()),
        "median span, events of 2+ reports (days)": float(span[multi].median()),
        **{f"events of 2+ reports spanning {name}": int(count) for name, count in bins.items()},
        "reports in events spanning over 30 days": int(events.loc[span > 30, "n_reports"].sum()),
        "reports in events spanning over a year": int(events.loc[span > 365, "n_reports"].sum()),
    }


def main() -> None:
    from claimdiff.datasets import load_fakes
    from claimdiff.events import cluster_events
    from claimdiff.sentences import split_sentences

    folder = SHARED / "datasets" / "fakes"
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: set CLAIMDIFF_SHARED to the folder that holds datasets/fakes")
    reports = load_fakes(folder)
    sentences = split_sentences(reports)
    columns, largest = {}, {}
    for name, settings in ROWS.items():
        start = time.perf_counter()
        _, events = cluster_events(reports, sentences, **settings)
        columns[name] = {**describe_events(events), "seconds": round(time.perf_counter() - start, 1)}
        largest[name] = events.nlargest(5, "n_reports")[["label", "n_reports"]]
    host = describe()
    lines = [f"# Event clustering on FA-KES (no gold events: sizes and spans only) — {host['date']}", "",
             "Produced by `benchmarks/events_fakes.py`. Machine: "
             + ", ".join(f"{key} {value}" for key, value in host.items() if key != "date") + ".", "",
             f"{len(reports)} reports, {reports['outlet'].nunique()} outlets, published "
             f"{reports['published'].min():%Y-%m-%d} to {reports['published'].max():%Y-%m-%d}.", "",
             pd.DataFrame(columns).to_markdown(), ""]
    for name, table in largest.items():
        lines += [f"The five largest events, {name}:", "", table.to_markdown(index=False), ""]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"events-fakes-{dt.date.today().isoformat()}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
