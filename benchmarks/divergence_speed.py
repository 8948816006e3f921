"""How long compare_details takes on the demo corpus and on FA-KES: the implementation of an earlier commit
against this one, both timed in this run on the same tables, and their tables compared row by row: rows that only
one of them returns are counted by kind and subject (features added since the earlier commit, such as perpetrator
omissions and places given by direction, give rows the earlier one does not).

The earlier implementation is read with ``git show <previous>:lib/claimdiff/divergence.py`` and loaded as a module
of the installed claimdiff package (its other stages are this checkout's). The stages before compare_details run
once per corpus; each implementation then runs ``--repeats`` times, alternating, and the best time counts.
Writes benchmarks/results/divergence-speed-<date>.md and .csv.

    .venv/bin/python benchmarks/divergence_speed.py [--previous REV] [--repeats N] [--fakes PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.datasets import load_fakes
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.events import cluster_events

REPO = Path(__file__).resolve().parents[1]
# The last commit before compare_details was rewritten for speed.
PREVIOUS = "2508cd46b2e9b380388da697a2c6e8a22706a947"
KEYS = ["event_id", "claim_id", "kind", "subject", "outlet", "published", "report_id", "sent_idx"]


def previous_compare_details(rev: str):
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{rev}:lib/claimdiff/divergence.py"],
        check=True, capture_output=True, text=True,
    ).stdout
    name = "claimdiff._divergence_previous"
    spec = importlib.util.spec_from_loader(name, loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "claimdiff"
    sys.modules[name] = module
    exec(compile(source, f"{rev[:7]}:lib/claimdiff/divergence.py", "exec"), module.__dict__)
    return module.compare_details


def stage_tables(reports: pd.DataFrame, embedder) -> tuple[pd.DataFrame, pd.DataFrame]:
    sentences = claimdiff.split_sentences(reports)
    assignments, _ = cluster_events(reports, sentences, embedder)
    return align_claims(reports, sentences, assignments, embedder), extract_details(reports, sentences)


def best_time(function, *args, repeats: int) -> tuple[float, pd.DataFrame]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        table = function(*args)
        times.append(time.perf_counter() - start)
    return min(times), table


def table_difference(previous: pd.DataFrame, this: pd.DataFrame) -> dict[str, str]:
    """The rows only one of two divergence tables holds, counted by kind and subject ("" when there are none)."""
    merged = previous.astype(str).merge(this.astype(str), how="outer", indicator=True)

    def counted(side: str) -> str:
        only = merged[merged["_merge"] == side]
        sizes = only.groupby(["kind", "subject"]).size()
        return "; ".join(f"{n} {kind} {subject}" for (kind, subject), n in sizes.items())

    return {"rows only in previous": counted("left_only"), "rows only in this": counted("right_only")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--previous", default=PREVIOUS)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--fakes", default=str(REPO.parent / "shared" / "datasets" / "fakes"))
    args = parser.parse_args()
    previous = previous_compare_details(args.previous)
    this = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "lib/claimdiff/divergence.py"],
                           capture_output=True, text=True).stdout.strip()
    embedder = claimdiff.Embedder()
    corpora = {"demo": lambda: claimdiff.load_corpus(REPO / "corpus" / "demo")[0],
               "FA-KES": lambda: load_fakes(args.fakes)}
    rows = []
    for name, load in corpora.items():
        reports = load()
        claims, details = stage_tables(reports, embedder)
        seconds_previous, table_previous = best_time(previous, claims, details, reports, repeats=args.repeats)
        seconds_this, table_this = best_time(compare_details, claims, details, reports, repeats=args.repeats)
        rows.append({"corpus": name, "reports": len(reports), "claim rows": len(claims), "detail rows": len(details),
                     "divergence rows": len(table_this), "previous commit (s)": round(seconds_previous, 2),
                     "this commit (s)": round(seconds_this, 2), "speed-up": round(seconds_previous / seconds_this, 1),
                     **table_difference(table_previous, table_this)})
        print(rows[-1], flush=True)
    table = pd.DataFrame(rows)
    today = dt.date.today().isoformat()
    out = REPO / "benchmarks" / "results"
    table.to_csv(out / f"divergence-speed-{today}.csv", index=False)
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    text = (
        f"# compare_details speed — {today}\n\nProduced by `benchmarks/divergence_speed.py`. Machine: {info}.\n\n"
        f"Previous commit: {args.previous[:7]}; this commit: {this}{' with uncommitted changes' if dirty else ''}. "
        f"Wall-clock seconds of one compare_details call on the same tables (best of {args.repeats}), on a "
        "machine shared with other jobs; the last two columns: rows only one of the two returns, by kind and "
        "subject.\n\n"
        + table.to_markdown(index=False) + "\n"
    )
    (out / f"divergence-speed-{today}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
