"""Read the false alarms of the divergence stage on FA-KES dev (with the gold events), with both sides' evidence,
to find what breaks before changing anything (see benchmarks/divergence_fakes.py for the scores). Prints to the
terminal only: nothing of the reports' text is written to the repository.

    CLAIMDIFF_SHARED=../shared PYTHONPATH=lib .venv/bin/python benchmarks/divergence_fakes_false_alarms.py label 40
    (a kind, or "all"; how many flags to print; add "real" to read the real flags instead, or "missed" to read
    the gold divergences of the kind that no flag found, or "merged" for the flags with the predicted events whose
    two sides are reports of different gold incidents; add "predicted" to read the flags or the missed with the
    events claimdiff finds, ``cluster_events``, instead of the gold events)

``merged``: the events are those claimdiff finds (``cluster_events``), and a flag is *merged* when its report and
the other side's (``report_id``, ``other_report_id``) lie in different incidents of incidents-dev.csv (a report
outside the dev part is an incident of its own). Per kind, the flags, the real ones (scored as
benchmarks/divergence_fakes.py scores them) and the merged ones, without and with the divergence stage telling
incidents apart (``DivergenceSettings.tell_incidents_apart``, :mod:`claimdiff.divergence.apart`); then the gold
events' flags that telling apart removes (every report of a gold event tells of one incident: each one removed is
a loss), and, with the gold and the predicted events, how many pairs of reports of one event are held apart (of one
gold incident: each one is a mistake; of different incidents); then the merged flags (up to the limit), each
side's incident, recorded day and first sentence, and what telling apart does to it (kept, no longer flagged, or
flagged against another report).
"""

from __future__ import annotations

import itertools
import sys

import pandas as pd
from divergence_fakes import dev_gold, gold_assignments  # benchmarks/divergence_fakes.py

import claimdiff
import claimdiff.divergence as divergence
import claimdiff.events
from claimdiff.claims import align_claims
from claimdiff.details import extract_details
from claimdiff.divergence import DivergenceSettings, compare_details
from claimdiff.divergence_scores import KINDS, judge_flags, score_divergence


def main(kind: str = "all", limit: int = 40, real: bool = False, missed: bool = False, merged: bool = False,
         predicted: bool = False) -> None:
    gold, incidents, reports = dev_gold()
    sentences = claimdiff.split_sentences(reports)
    if merged:
        print_merged(gold, incidents, reports, sentences, kind, limit)
        return
    embedder = claimdiff.Embedder()
    assignments = claimdiff.events.cluster_events(reports, sentences, embedder)[0] if predicted else \
        gold_assignments(reports, incidents)
    claims = align_claims(reports, sentences, assignments, embedder)
    divergence = compare_details(reports, claims, extract_details(reports, sentences))
    if missed:
        print_missed(divergence, assignments, gold, kind, limit)
        return
    flags = judge_flags(divergence, assignments, gold)
    print(flags.groupby("kind")["real"].agg(flags="size", real="sum").reindex(KINDS).fillna(0).astype(int))
    chosen = flags[(flags["real"] == real) & ((flags["kind"] == kind) | (kind == "all"))]
    for row in chosen.head(limit).to_dict("records"):
        print(f"--- {row['gold_event']} {row['kind']} {row['subject']}: {row['outlet']} {row['report_id']} "
              f"sentence {row['sent_idx']}, confidence {row['confidence']:.2f}")
        print(f"    {row['value']}  <=  {str(row['evidence'])[:300]}")
        print(f"    vs {row['other_outlet']} {row['other_report_id']}: {row['other_value']}  <=  "
              f"{str(row['other_evidence'])[:300]}")


def print_missed(divergence: pd.DataFrame, assignments: pd.DataFrame, gold: dict, kind: str, limit: int) -> None:
    """The gold divergences of ``kind`` that no flag found, with gold's phrases and note."""
    _, table = score_divergence(divergence, assignments, gold)
    entries = gold.get("divergences", [])
    outcome = table.iloc[: len(entries)]  # score_entries lists the gold divergences first, in gold's order
    chosen = [entry for entry, (_, row) in zip(entries, outcome.iterrows(), strict=True)
              if row["planted"] == "divergence" and not row["flagged"] and kind in (entry["kind"], "all")]
    print(f"{len(chosen)} gold divergences missed")
    for entry in chosen[:limit]:
        print(f"--- {entry['event']} {entry['kind']} {entry.get('subject')}")
        for outlet, value in (entry.get("values") or {}).items():
            print(f"    {outlet} {(entry.get('reports') or {}).get(outlet)}: {value}")
        print(f"    note: {str(entry.get('note'))[:300]}")


def print_merged(gold: dict, incidents: pd.DataFrame, reports: pd.DataFrame, sentences: pd.DataFrame, kind: str,
                 limit: int) -> None:
    """The flags with the predicted events whose two sides tell of different gold incidents (see the docstring)."""
    embedder = claimdiff.Embedder()
    details = extract_details(reports, sentences)
    incident = incidents.set_index("report_id")["incident"].to_dict()

    def incident_of(report) -> str:
        return incident.get(report, f"outside dev {report}")

    def judged(assignments: pd.DataFrame, apart: bool) -> pd.DataFrame:
        claims = align_claims(reports, sentences, assignments, embedder)
        divergence = compare_details(reports, claims, details, settings=DivergenceSettings(tell_incidents_apart=apart))
        flags = judge_flags(divergence, assignments, gold)
        merged = [isinstance(b, str) and incident_of(a) != incident_of(b)
                  for a, b in zip(flags["report_id"], flags["other_report_id"], strict=True)]
        return flags.assign(merged=merged)

    predicted, _ = claimdiff.events.cluster_events(reports, sentences, embedder)
    before, after = judged(predicted, False), judged(predicted, True)
    def per_kind(flags: pd.DataFrame) -> pd.DataFrame:
        flags = flags.assign(merged_real=flags["merged"] & flags["real"])
        return flags.groupby("kind").agg(flags=("real", "size"), real=("real", "sum"), merged=("merged", "sum"),
                                         merged_real=("merged_real", "sum"))

    table = pd.concat({"without telling apart": per_kind(before), "telling apart": per_kind(after)}, axis=1)
    print(table.reindex(KINDS).fillna(0).astype(int).to_string())
    keys = ["kind", "subject", "outlet", "report_id", "sent_idx", "other_report_id", "value"]
    gold_events = gold_assignments(reports, incidents)
    lost = judged(gold_events, False).merge(judged(gold_events, True)[keys], on=keys, how="left", indicator=True)
    lost = lost[lost["_merge"] == "left_only"]
    print(f"gold events: {len(lost)} flags removed by telling apart ({int(lost['real'].sum())} real)")
    for name, assignments in (("gold events", gold_events), ("predicted events", predicted)):
        held = pairs_held_apart(reports, sentences, details, assignments, embedder, incident_of)
        same = held[held["incident_a"] == held["incident_b"]]
        other = held[held["incident_a"] != held["incident_b"]]
        print(f"{name}: pairs of reports of one gold incident held apart {int(same['apart'].sum())} of {len(same)}, "
              f"of different incidents {int(other['apart'].sum())} of {len(other)}")
    side = [k for k in keys if k != "other_report_id"]

    def key_of(row: dict) -> tuple:
        return tuple("" if pd.isna(row[k]) else str(row[k]) for k in side)
    now = {key_of(row): row["other_report_id"] for row in after.to_dict("records")}
    first = sentences.sort_values(["report_id", "sent_idx"]).drop_duplicates("report_id").set_index("report_id")
    filed = reports.set_index("id")["published"]
    chosen = before[before["merged"] & ((before["kind"] == kind) | (kind == "all"))]
    for row in chosen.head(limit).to_dict("records"):
        key = key_of(row)
        fate = "no longer flagged" if key not in now else "kept" if now[key] == row["other_report_id"] else \
            f"now against {now[key]}"
        print(f"--- {row['kind']} {row['subject']}: {row['outlet']} {row['value']} vs {row['other_outlet']} "
              f"{row['other_value']}, confidence {row['confidence']:.2f}, real {row['real']}; telling apart: {fate}")
        for report in (row["report_id"], row["other_report_id"]):
            opening = first["text"].get(report, "") if report in first.index else ""
            print(f"    {report} [{incident_of(report)}] filed {str(filed.get(report))[:10]}: {str(opening)[:200]}")


def pairs_held_apart(reports: pd.DataFrame, sentences: pd.DataFrame, details: pd.DataFrame,
                     assignments: pd.DataFrame, embedder, incident_of) -> pd.DataFrame:
    """Every pair of reports of one event (``report_a``, ``report_b``, ``incident_a``, ``incident_b``) and whether
    the divergence stage holds them apart (``apart``): the test :mod:`claimdiff.divergence.apart` builds, caught as
    the stage builds it (in one process, so that it is built here). ``incident_of``: a report's gold incident."""
    _, built = divergence_and_apart_tests(reports, sentences, details, assignments, embedder)
    rows = []
    for _, event in assignments.groupby("event_id"):
        for a, b in itertools.combinations(sorted(set(event["report_id"])), 2):
            rows.append({"report_a": a, "report_b": b, "incident_a": incident_of(a), "incident_b": incident_of(b),
                         "apart": any(test(a, b) for test in built)})
    return pd.DataFrame(rows, columns=["report_a", "report_b", "incident_a", "incident_b", "apart"])


def divergence_and_apart_tests(reports, sentences, details, assignments, embedder) -> tuple[pd.DataFrame, list]:
    """The divergence table with ``assignments``, and the tests of reports apart the stage built (caught as it
    builds them: one process)."""
    built: list = []

    class Caught(divergence.ReportsApart):
        def __init__(self, facts):
            super().__init__(facts)
            built.append(self)

    original, divergence.ReportsApart = divergence.ReportsApart, Caught
    try:
        claims = align_claims(reports, sentences, assignments, embedder)
        table = compare_details(reports, claims, details, settings=DivergenceSettings(workers=1))
    finally:
        divergence.ReportsApart = original
    return table, built


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0] if args else "all", int(args[1]) if len(args) > 1 else 40, "real" in args[2:], "missed" in args[2:],
         "merged" in args[2:], "predicted" in args[2:])
