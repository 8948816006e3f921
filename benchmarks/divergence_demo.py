"""Divergences found on the demo corpus against its gold.yaml: recall of planted divergences, precision against
planted agreements and an outlet's own updates (see claimdiff.evaluate.score_divergence).

Two runs of the stages: with the gold events (scores claims + details + divergence alone) and with the events
claimdiff predicts (the whole pipeline); each scored twice, matching a row to the gold entry whose phrases it rests
on (the scorer's default) and, as before 2026-12-01, to any entry of its kind in the event (``by_phrase=False``).
Writes benchmarks/results/divergence-demo-<date>.md and .csv.

    .venv/bin/python benchmarks/divergence_demo.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import pandas as pd
import yaml
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.evaluate import score_divergence
from claimdiff.events import cluster_events

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "corpus" / "demo"


def main() -> None:
    gold = yaml.safe_load((DEMO / "gold.yaml").read_text(encoding="utf-8"))
    embedder = claimdiff.Embedder()
    reports, _ = claimdiff.load_corpus(DEMO)
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences)
    gold_assignments = pd.DataFrame(
        [(report, number) for number, event in enumerate(gold["events"]) for report in event["reports"]],
        columns=["report_id", "event_id"],
    )
    predicted, _ = cluster_events(reports, sentences, embedder)
    rows, entries = [], []
    for events_from, assignments in (("gold events", gold_assignments), ("predicted events", predicted)):
        start = time.perf_counter()
        claims = align_claims(reports, sentences, assignments, embedder)
        divergence = compare_details(reports, claims, details)
        seconds = round(time.perf_counter() - start, 2)
        for matched_by, by_phrase in (("phrase", True), ("kind only", False)):
            scores, by_entry = score_divergence(divergence, assignments, gold, by_phrase=by_phrase)
            rows.append({"events": events_from, "rows matched by": matched_by, **scores, "seconds": seconds})
            if by_phrase:
                entries.append(by_entry.assign(events=events_from))
    table = pd.DataFrame(rows)
    today = dt.date.today().isoformat()
    out = REPO / "benchmarks" / "results"
    table.to_csv(out / f"divergence-demo-{today}.csv", index=False)
    misses = pd.concat(entries)
    misses = misses[(misses["planted"] == "divergence") != misses["flagged"]]
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    text = (
        f"# Divergences on the demo corpus — {today}\n\n"
        f"Produced by `benchmarks/divergence_demo.py`. Machine: {info}.\n\n"
        + table.to_markdown(index=False)
        + "\n\n'seconds': the claims and divergence stages.\n\nWith rows matched by phrase (the default), the planted "
        "divergences missed, and alarms where gold says the outlets agree or an outlet only updated itself:\n\n"
        + misses[["events", "event", "kind", "subject", "planted", "flagged"]].to_markdown(index=False)
        + "\n"
    )
    (out / f"divergence-demo-{today}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
