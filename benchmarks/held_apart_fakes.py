"""Reports the divergence stage holds apart from their event (``held_apart``, :func:`claimdiff.divergence.apart.
held_apart`: apart from more than half of the event's other reports), on FA-KES dev, with the gold events and with
the events claimdiff finds, against the gold incidents (incidents-dev.csv).

With the gold events every held-apart dev report is a report of a gold incident held apart from most of its fellows:
a fault. With the predicted events a held-apart dev report is *right* when its gold incident is not the one most of
the other dev reports of its event belong to, *wrong* when it is, *unknown* when no other dev report shares its
event. Prints the counts and writes them to benchmarks/results/held-apart-fakes-<date>.md (no text of the reports).

    CLAIMDIFF_SHARED=../shared .venv/bin/python benchmarks/held_apart_fakes.py
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from divergence_fakes import RESULTS, dev_gold, gold_assignments  # benchmarks/divergence_fakes.py
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.events import cluster_events


def verdicts(divergence: pd.DataFrame, assignments: pd.DataFrame, incidents: pd.DataFrame) -> pd.Series:
    """right / wrong / unknown (see the module) for each held-apart dev report, by report id."""
    incident = incidents.set_index("report_id")["incident"]
    held = divergence.loc[divergence["held_apart"], ["event_id", "report_id"]].drop_duplicates()
    held = held[held["report_id"].isin(incident.index)]
    dev = assignments[assignments["report_id"].isin(incident.index)]
    found = {}
    for event, report in zip(held["event_id"], held["report_id"], strict=True):
        others = dev.loc[(dev["event_id"] == event) & (dev["report_id"] != report), "report_id"]
        if others.empty:
            found[report] = "unknown"
            continue
        main = incident[others].value_counts().index[0]
        found[report] = "wrong" if incident[report] == main else "right"
    return pd.Series(found, dtype=object)


def main() -> None:
    _, incidents, reports = dev_gold()
    embedder = claimdiff.Embedder()
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences)
    predicted, _ = cluster_events(reports, sentences, embedder)
    lines = []
    for events_from, assignments in (("gold events", gold_assignments(reports, incidents)),
                                     ("predicted events", predicted)):
        claims = align_claims(reports, sentences, assignments, embedder)
        divergence = compare_details(reports, claims, details)
        found = verdicts(divergence, assignments, incidents)
        counts = found.value_counts().reindex(["right", "wrong", "unknown"], fill_value=0)
        n_all = divergence.loc[divergence["held_apart"], "report_id"].nunique()
        lines.append(f"| {events_from} | {n_all} | {len(found)} | {counts['right']} | {counts['wrong']} | "
                     f"{counts['unknown']} |")
    today = dt.date.today().isoformat()
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    text = (f"# Reports held apart from their event on FA-KES dev — {today}\n\nProduced by "
            f"`benchmarks/held_apart_fakes.py`. Machine: {info}\n\n"
            "| events | held-apart reports (all) | of them dev reports | right | wrong | unknown |\n"
            "|---|---|---|---|---|---|\n" + "\n".join(lines) + "\n")
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"held-apart-fakes-{today}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
