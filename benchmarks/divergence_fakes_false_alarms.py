"""Read the false alarms of the divergence stage on FA-KES dev (with the gold events), with both sides' evidence,
to find what breaks before changing anything (see benchmarks/divergence_fakes.py for the scores). Prints to the
terminal only: nothing of the reports' text is written to the repository.

    CLAIMDIFF_SHARED=../shared PYTHONPATH=lib .venv/bin/python benchmarks/divergence_fakes_false_alarms.py label 40
    (a kind, or "all"; how many flags to print; add "real" to read the real flags instead, or "missed" to read
    the gold divergences of the kind that no flag found)
"""

from __future__ import annotations

import sys

import pandas as pd
from divergence_fakes import dev_gold, gold_assignments  # benchmarks/divergence_fakes.py

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence_scores import KINDS, judge_flags, score_divergence


def main(kind: str = "all", limit: int = 40, real: bool = False, missed: bool = False) -> None:
    gold, incidents, reports = dev_gold()
    sentences = claimdiff.split_sentences(reports)
    assignments = gold_assignments(reports, incidents)
    claims = align_claims(reports, sentences, assignments, claimdiff.Embedder())
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


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0] if args else "all", int(args[1]) if len(args) > 1 else 40, "real" in args[2:], "missed" in args[2:])
