"""Read the flags that putting the headlines into the texts adds on FA-KES dev (with the gold events), with both
sides' evidence and each report's headline and opening: the what-if ``--headlines-joined`` of
benchmarks/divergence_fakes.py, where a headline is run into the first sentence of a text that does not hold it.
Prints to the terminal only: nothing of the reports' text is written to the repository.

    CLAIMDIFF_SHARED=../shared PYTHONPATH=lib .venv/bin/python benchmarks/headlines_new_flags.py

A flag is new when no flag of the run without headlines has its incident, kind, subject, outlet and other outlet.
Flags are numbered in the order printed (the divergence table's order); the reading of 2026-12-07,
``benchmarks/results/headlines-joined-reading-2026-12-07.md``, judges them by these numbers.
"""

from __future__ import annotations

import sys

from divergence_fakes import as_listed_copies, dev_gold, gold_assignments, headlines_in_text

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence_scores import judge_flags

KEY = ["gold_event", "kind", "subject", "outlet", "other_outlet"]


def gold_event_flags(reports, incidents, gold, embedder):
    """The judged flags of the divergence stage with the gold events, as benchmarks/divergence_fakes.py scores them."""
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences)
    assignments = gold_assignments(reports, incidents)
    claims = align_claims(reports, sentences, assignments, embedder)
    divergence = as_listed_copies(compare_details(reports, claims, details), reports, gold)
    return judge_flags(divergence, assignments, gold)


def main() -> None:
    gold, incidents, reports = dev_gold()
    embedder = claimdiff.Embedder()
    joined = headlines_in_text(reports, " ")
    before = gold_event_flags(reports, incidents, gold, embedder)
    after = gold_event_flags(joined, incidents, gold, embedder)
    known = set(map(tuple, before[KEY].astype(str).to_numpy()))
    new = after[[tuple(k) not in known for k in after[KEY].astype(str).to_numpy()]].reset_index(drop=True)
    text = dict(zip(joined["id"], joined["text"], strict=True))
    title = dict(zip(reports["id"], reports["title"], strict=True))
    real = int(new["real"].sum())
    print(f"{len(new)} flags new with headlines run into texts (gold events); gold-based real: {real}\n")
    for k, row in new.iterrows():
        print(f"=== flag {k}: incident {row.gold_event} | kind {row.kind} | subject {row.subject}")
        print(f"  {row.outlet} (report {row.report_id}) value: {row.value!r}\n  evidence: {row.evidence!r}")
        print(f"  vs {row.other_outlet} (report {row.other_report_id}) value: {row.other_value!r}\n"
              f"  other evidence: {row.other_evidence!r}")
        print(f"  confidence {row.confidence:.2f}; gold-based real: {row.real}")
        for report_id, outlet in ((row.report_id, row.outlet), (row.other_report_id, row.other_outlet)):
            print(f"  --- {outlet} {report_id} headline: {title.get(str(report_id))!r}\n"
                  f"  text opening: {text.get(str(report_id), '')[:900]!r}")
        print()


if __name__ == "__main__":
    sys.exit(main())
