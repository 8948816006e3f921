"""How well claimdiff's actor merging matches the concept identities annotated in NewsWCL50, by mention pairs.

Which mentions are compared: the actor mentions the details stage finds in the 50 NewsWCL50 reports (``actor``
rows, with their canonical actor, and ``label`` rows tied to an actor, with that actor) that overlap an annotated
mention of an actor concept (types ACTOR, ACTOR-I, GROUP, COUNTRY; among several, the one overlapping most, then
the shortest). NewsWCL50 annotates concepts per event, so pairs are formed within an event only. A pair is
merged by claimdiff when both mentions have the same actor, and in gold when both belong to the same concept.

Rows, all in one run on the same compared mentions:
- ``claimdiff actors``: the details stage's actor (``data/actors.yaml`` aliases and label resolution);
- ``same text``: the baseline that merges mentions written the same (lower-cased, leading article dropped).

Precision and recall are over the pairs of the compared mentions; ``recall_all_annotated`` divides the merged gold
pairs found by all gold pairs among every annotated actor-concept mention, so it also counts the mentions the
lexicon never finds. Writes benchmarks/results/framing-newswcl50-<date>.md and .csv.

    .venv/bin/python benchmarks/framing_newswcl50.py [../shared/datasets/newswcl50]
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import pandas as pd
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.datasets import load_newswcl50
from claimdiff.details import extract_details
from claimdiff.framing.concepts import ENTITY_TYPES, match_mentions, newswcl50_concepts, pair_scores

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "datasets" / "newswcl50"


def found_mentions(details: pd.DataFrame) -> pd.DataFrame:
    """Actor mentions of the details table: actor rows and resolved label rows, with their actor."""
    rows = details[(details["kind"] == "actor") | ((details["kind"] == "label") & (details["subject"] != "unresolved"))]
    actor = rows["value"].where(rows["kind"] == "actor", rows["subject"])
    return rows.assign(actor=actor)[["report_id", "kind", "actor", "text", "start", "end"]]


def evaluate(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    start = time.perf_counter()
    reports = load_newswcl50(path)
    concepts = newswcl50_concepts(path, reports)
    annotated = concepts[concepts["concept_type"].isin(ENTITY_TYPES)]
    details = extract_details(claimdiff.split_sentences(reports), reports)
    found = found_mentions(details)
    matched = match_mentions(found, annotated)
    same_text = matched["text"].str.lower().str.replace(r"^(?:the|a|an)\s+", "", regex=True).str.strip()
    all_gold = pair_scores(annotated["concept"].tolist(), annotated["concept"].tolist(),
                           within=annotated["event"].tolist())["pairs_gold"]
    covered = sum(
        ((matched["report_id"] == row.report_id) & (matched["start"] < row.end) & (row.start < matched["end"])).any()
        for row in annotated.itertuples()
    )
    rows = []
    for method, predicted in (("claimdiff actors", matched["actor"]), ("same text (baseline)", same_text)):
        scores = pair_scores(predicted.tolist(), matched["concept"].tolist(), within=matched["event"].tolist())
        rows.append({"method": method, "mentions_compared": len(matched), **scores,
                     "recall_all_annotated": scores["pairs_both"] / all_gold})
    counts = {
        "annotated actor-concept mentions": len(annotated),
        "annotated actor concepts": annotated["concept"].nunique(),
        "gold merged pairs among all of them (within events)": all_gold,
        "actor mentions found by the details stage": len(found),
        "found mentions overlapping an annotated actor-concept mention (compared)": len(matched),
        "annotated actor-concept mentions overlapped by a found mention": int(covered),
        "seconds": round(time.perf_counter() - start, 1),
    }
    confusion = (matched.groupby(["actor", "concept"]).size().rename("mentions").reset_index()
                 .sort_values(["actor", "mentions"], ascending=[True, False], kind="stable"))
    return pd.DataFrame(rows), confusion, counts


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    table, confusion, counts = evaluate(path)
    today = dt.date.today().isoformat()
    out = REPO / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / f"framing-newswcl50-{today}.csv", index=False)
    info = ", ".join(f"{k} {v}" for k, v in describe("sklearn").items())
    text = (
        f"# Actor merging against NewsWCL50 concept identities — {today}\n\n"
        f"Produced by `benchmarks/framing_newswcl50.py` on `{path.name}`. Machine: {info}.\n\n"
        + (__doc__ or "").split("\n\n    .venv")[0].split("\n", 1)[1].strip() + "\n\n"
        + table.to_markdown(index=False, floatfmt=".3f") + "\n\n"
        + "\n".join(f"- {k}: {v}" for k, v in counts.items()) + "\n\n"
        + "Which canonical actor went with which annotated concept (mentions compared):\n\n"
        + confusion.to_markdown(index=False) + "\n"
    )
    (out / f"framing-newswcl50-{today}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
