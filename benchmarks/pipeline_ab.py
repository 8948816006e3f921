"""Two versions of the library through the whole `figures` command, warm, run in turn: the ratio of their times.

    git archive COMMIT lib | tar -x -C /tmp/base              # the version to compare against
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/pipeline_ab.py --base /tmp/base/lib --size 3000 --rounds 2

The corpus is that of ``benchmarks/pipeline_scale.py`` (``--size`` reports) and each run is its worker (every stage
timed, the stage cache off), in a fresh process, with ``PYTHONPATH`` the base library or this checkout's. Runs share
one embedding cache (``--cache``, kept between calls; filled first by an untimed run when empty), so every timed
run is warm. Base and this checkout alternate, ``--rounds`` times each, so that a change in the machine's load
falls on both; the load average is written beside every run. Writes ``benchmarks/results/pipeline-ab-<date>.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pipeline_scale  # noqa: E402  benchmarks/pipeline_scale.py
from machine import describe  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHOWN = ("details", "saving figures", "events", "claims", "divergence")


def run(lib: Path, corpus: Path, cache: Path) -> dict:
    env = {**os.environ, "CLAIMDIFF_CACHE": str(cache), "CLAIMDIFF_STAGE_CACHE": "0", "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": str(lib)}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run([sys.executable, pipeline_scale.__file__, "--worker", "claimdiff", str(corpus), out],
                              capture_output=True, text=True, env=env, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    stages = {name: row["seconds"] for name, row in result["stages"].items()}
    saving = stages.get("save all figures")  # its save_figure rows lie within it (or in workers, unseen)
    if saving is None:
        saving = sum(s for name, s in stages.items() if name.startswith("save: "))
    return {"total": result["total_seconds"], **stages, "saving figures": saving, "load_start": load,
            "load_end": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the lib/ folder of the version to compare against")
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "claimdiff-pipeline-ab-cache")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    args = parser.parse_args()
    os.environ.setdefault("CLAIMDIFF_SHARED", str(REPO.parent / "shared"))
    sys.path.insert(0, str(REPO / "lib"))
    from scale import Perturber

    host = describe("onnxruntime")
    with tempfile.TemporaryDirectory() as tmp:
        base, sentences = pipeline_scale.base_reports()
        perturb = Perturber(base["title"].fillna("").tolist() + base["text"].fillna("").tolist())
        corpus = Path(tmp) / "corpus"
        pipeline_scale.build_corpus(base, sentences, perturb, args.size, corpus)
        if not args.cache.exists():
            run(REPO / "lib", corpus, args.cache)  # fills the embedding cache; not timed
        rows = []
        for round_ in range(args.rounds):
            for version, lib in (("base", args.base.resolve()), ("this checkout", REPO / "lib")):
                rows.append({"round": round_ + 1, "version": version, **run(lib, corpus, args.cache)})
                print(rows[-1], flush=True)
    table = pd.DataFrame(rows)
    shown = ["total"] + [c for c in SHOWN if c in table]
    mean = table.groupby("version", sort=False)[shown].mean()
    lines = [f"# Base against this checkout, `figures` command warm, {args.size} reports — {host['date']}", "",
             "Produced by `benchmarks/pipeline_ab.py` (its docstring says how). Machine: "
             + ", ".join(f"{k} {v}" for k, v in host.items() if k != "date")
             + ". The machine was shared with other jobs: see the load average of each run.", "",
             "| round | version | " + " | ".join(f"{c} s" for c in shown) + " | load at start / end |",
             "|---:|---|" + "---:|" * len(shown) + "---|"]
    for row in table.to_dict("records"):
        cells = " | ".join("" if pd.isna(row.get(c)) else f"{row[c]:.1f}" for c in shown)
        lines.append(f"| {row['round']} | {row['version']} | {cells} | {row['load_start']:.1f} / "
                     f"{row['load_end']:.1f} |")
    ratio = mean.loc["base"] / mean.loc["this checkout"]
    lines += ["", "Mean of the rounds, base / this checkout (above 1: this checkout is faster): "
              + ", ".join(f"{c} {ratio[c]:.2f}× ({mean.loc['base', c]:.1f} s → {mean.loc['this checkout', c]:.1f} s)"
                          for c in shown if pd.notna(ratio[c])) + "."]
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"pipeline-ab-{dt.date.today().isoformat()}.md"
    path.write_text("\n".join(lines) + "\n")
    table.to_csv(path.with_suffix(".csv"), index=False)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
