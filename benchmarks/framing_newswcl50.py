"""How well claimdiff's actor merging matches the concept identities annotated in NewsWCL50, by mention pairs.

Which mentions are compared: the actor mentions the details stage finds in the 50 NewsWCL50 reports (``actor``
rows, with their canonical actor, and ``label`` rows tied to an actor, with that actor) that overlap an annotated
mention of an actor concept (types ACTOR, ACTOR-I, GROUP, COUNTRY; among several, the one overlapping most, then
the shortest). NewsWCL50 annotates concepts per event, so pairs are formed within an event only. A pair is
merged by claimdiff when both mentions have the same actor, and in gold when both belong to the same concept.

Rows, all in one run; each method is compared with the baseline on the same mentions:
- ``lexicon``: the details stage's actor (``data/actors.yaml`` aliases and label resolution);
- ``lexicon + corpus names``: those, plus the names the lexicon does not know, learnt from the corpus and merged by
  the general rules of ``claimdiff.framing.names`` (titles dropped, surname and family-name merging, demonyms);
- ``same text``: the baseline that merges mentions written the same (lower-cased, leading article dropped), on the
  mentions of the row above it.

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
from claimdiff.framing.names import name_mentions

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
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences)
    found = found_mentions(details)
    matched = match_mentions(found, annotated)
    names = name_mentions(sentences)
    with_names = match_mentions(pd.concat([found, names.assign(kind="name")[found.columns]], ignore_index=True),
                                annotated)
    all_gold = pair_scores(annotated["concept"].tolist(), annotated["concept"].tolist(),
                           within=annotated["event"].tolist())["pairs_gold"]
    rows = []
    for method, compared in (("lexicon", matched), ("lexicon + corpus names", with_names)):
        same_text = compared["text"].str.lower().str.replace(r"^(?:the|a|an)\s+", "", regex=True).str.strip()
        covered = int(sum(
            ((compared["report_id"] == row.report_id) & (compared["start"] < row.end)
             & (row.start < compared["end"])).any()
            for row in annotated.itertuples()
        ))
        for name, predicted in ((method, compared["actor"]), (f"same text (baseline, {method} mentions)", same_text)):
            scores = pair_scores(predicted.tolist(), compared["concept"].tolist(), within=compared["event"].tolist())
            rows.append({"method": name, "mentions_compared": len(compared), "annotated_mentions_covered": covered,
                         **scores, "recall_all_annotated": scores["pairs_both"] / all_gold})
    counts = {
        "annotated actor-concept mentions": len(annotated),
        "annotated actor concepts": annotated["concept"].nunique(),
        "gold merged pairs among all of them (within events)": all_gold,
        "actor mentions found by the details stage": len(found),
        "names found beside them (claimdiff.framing.names)": len(names),
        "seconds": round(time.perf_counter() - start, 1),
    }
    confusion = (with_names.groupby(["actor", "concept"]).size().rename("mentions").reset_index()
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
        + "Which actor went with which annotated concept (lexicon + corpus names; the 60 largest):\n\n"
        + confusion.sort_values("mentions", ascending=False, kind="stable").head(60).to_markdown(index=False) + "\n"
    )
    (out / f"framing-newswcl50-{today}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
