"""Read the false alarms of the divergence stage on FA-KES dev (with the gold events), with both sides' evidence,
to find what breaks before changing anything (see benchmarks/divergence_fakes.py for the scores). Prints to the
terminal only: nothing of the reports' text is written to the repository.

    CLAIMDIFF_SHARED=../shared PYTHONPATH=lib .venv/bin/python benchmarks/divergence_fakes_false_alarms.py label 40
    (a kind, or "all"; how many flags to print; add "real" to read the real flags instead)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import yaml
from divergence_fakes import SHARED, gold_assignments  # benchmarks/divergence_fakes.py

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.datasets import load_fakes
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence_scores import KINDS, judge_flags


def main(kind: str = "all", limit: int = 40, real: bool = False) -> None:
    folder = Path(SHARED) / "datasets" / "fakes"
    gold = yaml.safe_load((folder / "gold" / "divergences-dev.yaml").read_text(encoding="utf-8"))
    incidents = pd.read_csv(folder / "gold" / "incidents-dev.csv", dtype=str)
    reports = load_fakes(folder)
    sentences = claimdiff.split_sentences(reports)
    assignments = gold_assignments(reports, incidents)
    claims = align_claims(reports, sentences, assignments, claimdiff.Embedder())
    flags = judge_flags(compare_details(reports, claims, extract_details(reports, sentences)), assignments, gold)
    print(flags.groupby("kind")["real"].agg(flags="size", real="sum").reindex(KINDS).fillna(0).astype(int))
    chosen = flags[(flags["real"] == real) & ((flags["kind"] == kind) | (kind == "all"))]
    for row in chosen.head(limit).to_dict("records"):
        print(f"--- {row['gold_event']} {row['kind']} {row['subject']}: {row['outlet']} {row['report_id']} "
              f"sentence {row['sent_idx']}, confidence {row['confidence']:.2f}")
        print(f"    {row['value']}  <=  {str(row['evidence'])[:300]}")
        print(f"    vs {row['other_outlet']} {row['other_report_id']}: {row['other_value']}  <=  "
              f"{str(row['other_evidence'])[:300]}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0] if args else "all", int(args[1]) if len(args) > 1 else 40, "real" in args[2:])
