"""How well claimdiff.details counts the killed and the injured, on GVC, and how fast it runs.

    .venv/bin/python benchmarks/details.py            # prints the table, writes benchmarks/results/details-<date>.*
    .venv/bin/python benchmarks/details.py --no-write

GVC (Vossen et al. 2018, ../shared/datasets/gvc) gives, per shooting incident, the numbers killed and injured from
the Gun Violence Archive, a shooter included. Pipeline: load_gvc -> clean_text -> split_sentences ->
extract_details -> document_counts(details, subject, ids, sentences) (the package's estimate per document; with
the sentences it also leaves out sentences that sum up several incidents).

Also listed: the largest casualty counts extracted from FA-KES (../shared/datasets/fakes), with their evidence, as
a check that money, populations, years and units are not read as casualties.

Scoring, the same for every method:

- per document: the document's estimate, read as 0 where the document states no count (an article about a
  shooting that names no injured most often had none), against the incident's gold;
- per incident: the majority of its documents' estimates (read the same way); a tie goes to the larger count,
  because a report that gives the smaller number is more often an early one, before a toll rises.

The baseline reads only numerals written with digits next to a casualty word ("3 people were killed"), takes the
largest per document and scores the same way. Development used the `train` split only; dev and test are reported
apart. Zhong et al. (EACL 2023) report 0.813 exact match for victim counts with a fine-tuned model (another
dataset split and setting; an anchor, not a like-for-like comparison).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lib"))
sys.path.insert(0, str(REPO / "benchmarks"))  # for machine.py, also when this file is imported by a test

from machine import describe  # noqa: E402  (benchmarks/machine.py)

from claimdiff.clean import clean_text  # noqa: E402
from claimdiff.datasets import load_fakes, load_gvc  # noqa: E402
from claimdiff.details import document_counts, extract_details  # noqa: E402
from claimdiff.details.counts import count_rows  # noqa: E402
from claimdiff.sentences import split_sentences  # noqa: E402

SUBJECTS = ("killed", "injured")
_NUMERAL_CUES = {
    "killed": re.compile(r"\b(\d+)\s+(?:[\w-]+\s+){0,3}?(?:killed|dead|died|deaths)\b", re.IGNORECASE),
    "injured": re.compile(r"\b(\d+)\s+(?:[\w-]+\s+){0,3}?(?:injured|wounded|hurt|injuries)\b", re.IGNORECASE),
}


def numeral_baseline(reports: pd.DataFrame, subject: str) -> pd.Series:
    """The largest digit-written number next to a casualty word, per document; NaN where there is none."""
    def largest(text: str) -> float:
        values = [int(m.group(1)) for m in _NUMERAL_CUES[subject].finditer(text)]
        return float(max(values)) if values else np.nan

    return pd.Series([largest(t) for t in reports["text"]], index=reports["id"].to_numpy())


def incident_vote(estimates: pd.Series) -> float:
    """Majority of a group's document estimates, absence read as 0; ties go to the larger count."""
    counts = estimates.fillna(0).value_counts()
    return float(counts[counts == counts.max()].index.max())


def score(reports: pd.DataFrame, predictions: dict[str, pd.Series], method: str) -> list[dict]:
    rows = []
    for split in ("train", "dev", "test", "all"):
        part = reports if split == "all" else reports[reports["split"] == split]
        row = {"method": method, "split": split, "documents": len(part), "incidents": part["gold_event"].nunique()}
        for subject in SUBJECTS:
            gold = part[f"gold_{subject}"].astype(float)
            predicted = predictions[subject].reindex(part["id"]).to_numpy()
            row[f"{subject}_doc"] = float(np.mean(np.nan_to_num(predicted, nan=0.0) == gold.to_numpy()))
            frame = pd.DataFrame({"event": part["gold_event"].to_numpy(), "pred": predicted, "gold": gold.to_numpy()})
            incidents = frame.groupby("event").agg(pred=("pred", incident_vote), gold=("gold", "first"))
            row[f"{subject}_incident"] = float((incidents["pred"] == incidents["gold"]).mean())
        rows.append(row)
    return rows


def machine() -> dict[str, str]:
    return describe()


def timing(sentences: pd.DataFrame, reports: pd.DataFrame, copies: int) -> dict[str, float]:
    """Seconds (CPU and wall) for extract_details over ``copies`` copies of GVC (distinct report ids)."""
    many_sentences = pd.concat(
        [sentences.assign(report_id=sentences["report_id"] + f"#{i}") for i in range(copies)], ignore_index=True
    )
    many_reports = pd.concat([reports.assign(id=reports["id"] + f"#{i}") for i in range(copies)], ignore_index=True)
    cpu, wall = time.process_time(), time.perf_counter()
    extract_details(many_reports, many_sentences)
    return {"sentences": len(many_sentences), "cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall}


CASUALTY_SUBJECTS = ("killed", "injured", "casualties", "arrested", "missing")


def largest_counts(shared: Path, top: int = 10) -> pd.DataFrame:
    """The largest casualty counts extracted from FA-KES (Syria war reports), with their evidence: a plausibility
    check, since GVC has no large numbers. Empty when FA-KES is not there."""
    folder = shared / "datasets" / "fakes"
    if not folder.exists():
        return pd.DataFrame(columns=["subject", "value", "text", "sentence"])
    reports = load_fakes(folder)
    sentences = split_sentences(reports)
    rows = count_rows(sentences)
    frame = pd.DataFrame(rows, columns=rows[0]._fields if rows else None)
    frame = frame[frame["subject"].isin(CASUALTY_SUBJECTS)]
    frame = frame.assign(size=frame[["low", "high"]].max(axis=1))
    frame = frame.sort_values(["size", "report_id", "sent_idx"], ascending=[False, True, True])
    frame = frame.drop_duplicates(["subject", "value", "text"]).head(top)
    sentence = sentences.set_index(["report_id", "sent_idx"])["text"]
    texts = [sentence[(r, i)] for r, i in zip(frame["report_id"], frame["sent_idx"], strict=True)]
    return frame.assign(sentence=texts)[["subject", "value", "text", "sentence"]]


def to_markdown(table: pd.DataFrame, info: dict[str, str], speed: list[dict[str, float]], failures: str,
                largest: pd.DataFrame | None = None) -> str:
    lines = ["# claimdiff.details on GVC: killed and injured counts", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines += ["", "Exact match against the Gun Violence Archive gold (see benchmarks/details.py for the scoring).", ""]
    columns = ["method", "split", "documents", "incidents", "killed_doc", "killed_incident", "injured_doc",
               "injured_incident"]
    lines.append("| " + " | ".join(columns) + " |")
    lines.append("|" + "---|" * len(columns))
    for row in table[columns].itertuples(index=False):
        cells = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Speed of extract_details (all kinds of detail; the first run includes reading the lexicons and "
              "starting dateparser; the machine was shared, see the load average):", ""]
    for s in speed:
        lines.append(f"- {s['sentences']} sentences: {s['cpu_s']:.1f} s CPU, {s['wall_s']:.1f} s wall "
                     f"({s['sentences'] / s['wall_s']:.0f} sentences/s)")
    lines += ["", "Most frequent errors of claimdiff.details per document, all splits (gold, predicted: documents):",
              "", failures, ""]
    if largest is not None and len(largest):
        lines += ["Largest casualty counts extracted from FA-KES (804 Syria war reports; one row per distinct "
                  "evidence), a check that no money, population, year or unit is read as casualties:", "",
                  "| subject | value | evidence | sentence |", "|---|---|---|---|"]
        for row in largest.itertuples(index=False):
            sentence = row.sentence if len(row.sentence) <= 160 else row.sentence[:157] + "..."
            lines.append(f"| {row.subject} | {row.value} | {row.text} | {sentence.replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"), help="folder holding datasets/gvc")
    parser.add_argument("--copies", type=int, default=6, help="copies of GVC to time (6: ~50k sentences)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)

    info = machine()
    reports = load_gvc(Path(args.shared) / "datasets" / "gvc")
    reports["text"] = reports["text"].map(clean_text)
    sentences = split_sentences(reports)
    cpu, wall = time.process_time(), time.perf_counter()
    details = extract_details(reports, sentences)  # the first call also reads the lexicons and starts dateparser
    speed = [{"sentences": len(sentences), "cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall}]
    if args.copies > 1:
        speed.append(timing(sentences, reports, args.copies))

    ours = {subject: document_counts(details, subject, reports["id"], sentences) for subject in SUBJECTS}
    baseline = {subject: numeral_baseline(reports, subject) for subject in SUBJECTS}
    table = pd.DataFrame(
        score(reports, baseline, "numeral regex (baseline)") + score(reports, ours, "claimdiff.details")
    )
    errors = []
    for subject in SUBJECTS:
        predicted = ours[subject].reindex(reports["id"]).fillna(0).to_numpy()
        gold = reports[f"gold_{subject}"].astype(float).to_numpy()
        wrong = pd.Series(list(zip(gold[predicted != gold].astype(int), predicted[predicted != gold], strict=True)))
        top = wrong.value_counts().head(6)
        errors.append(f"- {subject}: " + ", ".join(f"{g}->{p:g}: {n}" for (g, p), n in top.items()))
    failures = "\n".join(errors)
    largest = largest_counts(Path(args.shared))

    pd.set_option("display.width", 200)
    print("\n".join(f"{k}: {v}" for k, v in info.items()))
    print(table.round(3).to_string(index=False))
    for s in speed:
        print(f"{s['sentences']} sentences: {s['cpu_s']:.1f} s CPU, {s['wall_s']:.1f} s wall")
    print(failures)
    print(largest.drop(columns="sentence").to_string(index=False))
    if not args.no_write:
        out = REPO / "benchmarks" / "results"
        out.mkdir(parents=True, exist_ok=True)
        stem = out / f"details-{info['date'][:10]}"  # the day; the time is inside the file
        table.assign(**{k: v for k, v in info.items()}).to_csv(stem.with_suffix(".csv"), index=False)
        stem.with_suffix(".md").write_text(to_markdown(table, info, speed, failures, largest), encoding="utf-8")
        print(f"wrote {stem}.md and {stem}.csv")


if __name__ == "__main__":
    main()
