"""The divergence stage alone, in one process and in forked workers: its CPU time and wall time, and a check that
the tables are the same row for row.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/divergence_workers.py CORPUS [--workers 1 2]

Runs the stages up to the claims once (the embedding cache makes a second run quick), then
``compare_details`` once untimed (the lexicons and the gazetteer load, as earlier stages would have loaded them in
the ``figures`` command) and once per ``--workers``, the stage cache off. CPU time is this process's
(``time.process_time``) plus that of its finished children (the workers), so that it means something on a machine
other jobs load: wall time there is not this stage's. Writes ``benchmarks/results/divergence-workers-<date>.md``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pandas as pd
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    os.environ["CLAIMDIFF_STAGE_CACHE"] = "0"
    from claimdiff.claims import align_claims
    from claimdiff.corpus import load_corpus
    from claimdiff.details import extract_details
    from claimdiff.divergence import DivergenceSettings, compare_details
    from claimdiff.embed import Embedder
    from claimdiff.events import cluster_events
    from claimdiff.sentences import split_sentences
    from claimdiff.settings import Settings

    settings = Settings()
    embedder = Embedder(**asdict(settings.embed))
    reports, _ = load_corpus(args.corpus, **settings.reading())
    sentences = split_sentences(reports)
    assignments, _ = cluster_events(reports, sentences, embedder, settings=settings.events)
    details = extract_details(reports, sentences, settings=settings.details)
    claims = align_claims(reports, sentences, assignments, embedder, settings=settings.claims)
    compare_details(reports, claims, details, settings=DivergenceSettings(workers=1))  # loads the lexicons
    rows, tables = [], []
    for workers in args.workers:
        start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
        tables.append(compare_details(reports, claims, details, settings=DivergenceSettings(workers=workers)))
        rows.append({"workers": workers, "wall s": time.perf_counter() - start,
                     "CPU s (main)": time.process_time() - cpu, "CPU s (workers)": _children_cpu() - children,
                     "rows": len(tables[-1]), "load after": os.getloadavg()[0]})
        print(rows[-1], flush=True)
    for table in tables[1:]:
        pd.testing.assert_frame_equal(table, tables[0], check_exact=True)
    host = describe()
    text = (f"# The divergence stage in one process and in workers — {host['date']}\n\nProduced by "
            f"`benchmarks/divergence_workers.py` on {args.corpus.name}: {len(reports)} reports, {len(claims)} claim "
            f"rows, {len(details)} details. Machine: " + ", ".join(f"{k} {v}" for k, v in host.items() if k != "date")
            + ". The tables are the same row for row.\n\n" + pd.DataFrame(rows).to_markdown(index=False, floatfmt=".2f")
            + "\n")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"divergence-workers-{host['date'][:10]}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
