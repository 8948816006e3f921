"""What comparing labels across claim groups (the event-wide label rows, ``claim_id`` -1; see
claimdiff.divergence) adds to the divergence table of FA-KES and the demo.

The pipeline runs once per corpus (``claimdiff.pipeline.run_pipeline``, as ``python -m claimdiff divergence``).
Reported: the label rows within claim groups (the wordings of acts among them) and across the event, and how
many of each disagree. The event-wide
rows are added by their own step, so every other row is the same as without it. 15 disagreeing event-wide rows
of FA-KES drawn at random (seed 0) are listed with what the other outlets say and the sentence of the row; the
judgement column ("real" / "not real: ...") comes from benchmarks/event_labels_fakes_review.yaml, written by a
person who read the rows ("real": the outlets use different words for the same actor); rows not in it show "not
reviewed". Writes benchmarks/results/event-labels-fakes-<date>.md and .csv.

    .venv/bin/python benchmarks/event_labels_fakes.py [--fakes PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import yaml
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.pipeline import run_pipeline

REPO = Path(__file__).resolve().parents[1]
REVIEW = Path(__file__).with_name("event_labels_fakes_review.yaml")
SAMPLE = 15


def review_key(row: dict) -> str:
    return f"{row['report_id']} {row['sent_idx']} {row['outlet']} {row['subject']} {row['value']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fakes", default=str(REPO.parent / "shared" / "datasets" / "fakes"))
    args = parser.parse_args()
    review = yaml.safe_load(REVIEW.read_text(encoding="utf-8")) if REVIEW.exists() else {}
    embedder = claimdiff.Embedder()
    counts, sample = [], []
    for name, corpus in (("demo", REPO / "corpus" / "demo"), ("FA-KES", Path(args.fakes))):
        results = run_pipeline(corpus, embedder)
        divergence, sentences = results.divergence, results.sentences
        labels = divergence[divergence["kind"] == "label"]
        for where, rows in (("within claim groups", labels[labels["claim_id"] >= 0]),
                            ("across the event", labels[labels["claim_id"] == -1])):
            counts.append({"corpus": name, "label rows": where, "rows": len(rows),
                           "disagreeing": int(rows["agrees"].eq(False).sum()),
                           "events": rows["event_id"].nunique()})
        if name != "FA-KES":
            continue
        event_wide = labels[labels["claim_id"] == -1]
        text = sentences.set_index(["report_id", "sent_idx"])["text"]
        drawn = event_wide[event_wide["agrees"].eq(False)].sample(n=SAMPLE, random_state=0)
        for row in drawn.to_dict("records"):
            others = event_wide[(event_wide["event_id"] == row["event_id"]) & (event_wide["subject"] == row["subject"])
                                & (event_wide["outlet"] != row["outlet"])]
            sample.append({
                "event_id": row["event_id"], "side": row["subject"], "outlet": row["outlet"], "value": row["value"],
                "evidence": str(row["evidence"]).replace(" | ", " / "),  # "|" would split the markdown cell
                "others say": "; ".join(f"{o}: {v}" for o, v in zip(others["outlet"], others["value"], strict=True)),
                "sentence": " ".join(str(text.get((row["report_id"], row["sent_idx"]), "")).split())[:300],
                "key": review_key(row), "judgement": review.get(review_key(row), "not reviewed"),
            })
    counts, sample = pd.DataFrame(counts), pd.DataFrame(sample)
    today = dt.date.today().isoformat()
    out = REPO / "benchmarks" / "results" / f"event-labels-fakes-{today}"
    info = ", ".join(f"{k} {v}" for k, v in describe("pandas").items())
    verdicts = sample["judgement"].str.extract(r"^(real|not real|not reviewed)")[0].value_counts()
    out.with_suffix(".md").write_text(
        f"# Labels compared across claim groups — {today}\n\nProduced by `benchmarks/event_labels_fakes.py`. "
        f"Machine: {info}.\n\n" + counts.to_markdown(index=False)
        + f"\n\n{SAMPLE} disagreeing event-wide label rows of FA-KES drawn at random (seed 0), with a person's "
        f"judgement (benchmarks/event_labels_fakes_review.yaml): "
        + ", ".join(f"{n} {v}" for v, n in verdicts.sort_index().items()) + ".\n\n"
        + sample.to_markdown(index=False) + "\n",
        encoding="utf-8",
    )
    counts.to_csv(out.with_suffix(".csv"), index=False)
    print(out.with_suffix(".md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.exit(main())
