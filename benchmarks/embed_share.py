"""How much of a corpus the main job embeds: sentences in all, and those the claims stage and the report vectors embed.

    CLAIMDIFF_SHARED=../shared HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/embed_share.py            # FA-KES, 3k
    CLAIMDIFF_SHARED=../shared HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/embed_share.py --sizes 1000 10000

Corpora: FA-KES (804 reports) with the events claimdiff finds and with the dev gold events (every other report alone,
as in benchmarks/divergence_fakes.py), and the corpora of ``benchmarks/pipeline_scale.py`` (renamed copies of
ECB+, GVC and FA-KES with outlets growing with the corpus) at ``--sizes``. Per corpus: the sentences, the distinct
texts among them (as embedded: wire datelines cut, duplicates once), the distinct texts of the events told by more
than one report (what the claims stage embedded until 2026-12-06) and by more than one outlet (what it embeds now:
claims are compared across outlets), and with the report vectors of the event map (the first three sentences of
every report) added. Counts only; nothing is timed. Writes ``benchmarks/results/embed-share-<date>.md`` and ``.csv``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lib"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe  # noqa: E402

import claimdiff  # noqa: E402
from claimdiff.datasets import load_fakes  # noqa: E402
from claimdiff.details.places import dateline_length  # noqa: E402
from claimdiff.events import cluster_events  # noqa: E402
from claimdiff.pipeline import LEAD_SENTENCES  # noqa: E402

SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "benchmarks" / "results"


def shares(name: str, reports: pd.DataFrame, sentences: pd.DataFrame, assignments: pd.DataFrame) -> dict:
    """The counts of one corpus with its events (see the module docstring)."""
    table = sentences.merge(assignments[["report_id", "event_id"]], on="report_id").merge(
        reports[["id", "outlet"]].rename(columns={"id": "report_id"}), on="report_id")
    texts = pd.Series([text[dateline_length(text):] or text for text in table["text"]], index=table.index)
    by_report = table.groupby("event_id")["report_id"].transform("nunique") > 1
    by_outlet = table.groupby("event_id")["outlet"].transform("nunique") > 1
    lead = texts[table["sent_idx"] < LEAD_SENTENCES]
    distinct = texts.nunique()
    row = {"corpus": name, "reports": len(reports), "outlets": reports["outlet"].nunique(),
           "sentences": len(table), "distinct": distinct,
           "claims, events of 2+ reports": texts[by_report].nunique(),
           "claims, events of 2+ outlets": texts[by_outlet].nunique(),
           "with report vectors, 2+ reports": pd.concat([texts[by_report], lead]).nunique(),
           "with report vectors, 2+ outlets": pd.concat([texts[by_outlet], lead]).nunique()}
    row["share embedded before"] = round(row["with report vectors, 2+ reports"] / distinct, 3)
    row["share embedded now"] = round(row["with report vectors, 2+ outlets"] / distinct, 3)
    print(row, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[3000], help="pipeline_scale corpus sizes")
    args = parser.parse_args()
    embedder = claimdiff.Embedder()  # the events stage embeds nothing with its default settings
    rows = []
    reports = load_fakes(SHARED / "datasets" / "fakes")
    sentences = claimdiff.split_sentences(reports)
    predicted, _ = cluster_events(reports, sentences, embedder)
    rows.append(shares("FA-KES, events found", reports, sentences, predicted))
    from divergence_fakes import gold_assignments

    incidents = pd.read_csv(SHARED / "datasets" / "fakes" / "gold" / "incidents-dev.csv", dtype=str)
    rows.append(shares("FA-KES, dev gold events", reports, sentences, gold_assignments(reports, incidents)))
    if args.sizes:
        import pipeline_scale
        from scale import Perturber

        base, base_sentences = pipeline_scale.base_reports()
        for size in args.sizes:
            perturb = Perturber(base["title"].fillna("").tolist() + base["text"].fillna("").tolist())
            with tempfile.TemporaryDirectory() as tmp:
                pipeline_scale.build_corpus(base, base_sentences, perturb, size, Path(tmp))
                reports, _ = claimdiff.load_corpus(Path(tmp) / "reports.jsonl")
            sentences = claimdiff.split_sentences(reports)
            assignments, _ = cluster_events(reports, sentences, embedder)
            rows.append(shares(f"pipeline_scale {size}, events found", reports, sentences, assignments))
    table = pd.DataFrame(rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"embed-share-{dt.date.today().isoformat()}"
    table.to_csv(stem.with_suffix(".csv"), index=False)
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    stem.with_suffix(".md").write_text(
        f"# What the main job embeds — {dt.date.today().isoformat()}\n\nProduced by `benchmarks/embed_share.py` "
        f"(its docstring says what each column counts). Machine: {info}.\n\n"
        + table.to_markdown(index=False) + "\n\n'share embedded': distinct texts the claims stage and the report "
        "vectors embed, over all distinct texts; 'before': sentences of events with 2+ reports (until 2026-12-06), "
        "'now': of events with 2+ outlets.\n")
    print(f"wrote {stem}.md and .csv")


if __name__ == "__main__":
    main()
