"""CPU seconds of the details extractors and of the divergence stage, a base library against this checkout, and
whether both give the same tables.

    git archive COMMIT lib | tar -x -C /tmp/base              # the version to compare against
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/stage_cpu.py --base /tmp/base/lib [--rounds 2] [--size 3000]

CPU time (``time.process_time``), not wall time: the machine is shared, and CPU time moves less with its load (it
still moves some: compare within one run). Each version runs in a fresh process (``PYTHONPATH`` its library, the
stage cache off), one worker (``workers=1``: every extractor in that process, one after another), on the same
input tables: all of FA-KES (``../shared/datasets/fakes``) and the corpus of ``benchmarks/pipeline_scale.py`` of
``--size`` reports, each with its sentences, events and claims made once by this checkout. The extractors are
timed by wrapping the functions ``claimdiff.details.parallel`` calls (a version that lacks one shows none); the
lexicons are read before the clock starts. Base and this checkout alternate ``--rounds`` times and the least time
of each counts. Their details and divergence tables are compared with ``pandas.testing.assert_frame_equal``
(exact). Writes ``benchmarks/results/stage-cpu-<date>.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe  # noqa: E402  benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
EXTRACTORS = ["count_rows", "date_rows", "actor_rows", "wording_rows", "attribution_rows", "hedge_rows",
              "qualifier_rows", "act_rows", "attach_sources", "attach_hedge_scopes", "corpus_places",
              "known_place_rows", "detail_scopes"]


def prepare(name: str, size: int, folder: Path) -> Path:
    """The input tables of one corpus (reports, sentences, claims), pickled."""
    from dataclasses import asdict

    from claimdiff.claims import align_claims
    from claimdiff.corpus import load_corpus
    from claimdiff.embed import Embedder
    from claimdiff.events import cluster_events
    from claimdiff.sentences import split_sentences
    from claimdiff.settings import Settings

    if name == "fakes":
        from events import load  # benchmarks/events.py

        corpus = load("fakes")
    else:
        import pipeline_scale
        from scale import Perturber

        base, sentences = pipeline_scale.base_reports()
        perturb = Perturber(base["title"].fillna("").tolist() + base["text"].fillna("").tolist())
        pipeline_scale.build_corpus(base, sentences, perturb, size, folder / "corpus")
        corpus = folder / "corpus" / "reports.jsonl"
    settings = Settings()
    embedder = Embedder(**asdict(settings.embed))
    reports, _ = load_corpus(corpus, **settings.reading())
    sentences = split_sentences(reports)
    assignments, _ = cluster_events(reports, sentences, embedder, settings=settings.events)
    claims = align_claims(reports, sentences, assignments, embedder, settings=settings.claims)
    path = folder / f"{name}.pkl"
    path.write_bytes(pickle.dumps({"reports": reports, "sentences": sentences, "claims": claims}))
    return path


def worker(inputs: Path, out: Path) -> dict:
    """Time the details (by extractor) and the divergence stage on ``inputs``; pickle their tables to ``out``."""
    from dataclasses import fields, replace

    from claimdiff import details as details_package
    from claimdiff import divergence
    from claimdiff.details import parallel
    from claimdiff.settings import Settings

    data = pickle.loads(inputs.read_bytes())
    seconds: dict[str, float] = {}

    def timed(function, name):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.process_time() - start
        return wrapper

    for module in (parallel, details_package):
        for name in EXTRACTORS:
            if hasattr(module, name):
                setattr(module, name, timed(getattr(module, name), name))
    settings = Settings()
    details_settings, divergence_settings = (replace(s, workers=1) if "workers" in {f.name for f in fields(s)} else s
                                             for s in (settings.details, settings.divergence))
    sample = data["sentences"].iloc[:20]  # the lexicons are read and compiled here, before the clock starts
    details_package.extract_details(data["reports"], sample, settings=details_settings)
    seconds.clear()
    start = time.process_time()
    details = details_package.extract_details(data["reports"], data["sentences"], settings=details_settings)
    seconds["details"] = time.process_time() - start
    start = time.process_time()
    table = divergence.compare_details(data["reports"], data["claims"], details, settings=divergence_settings)
    seconds["divergence"] = time.process_time() - start
    out.write_bytes(pickle.dumps({"details": details, "divergence": table}))
    return seconds


def run(lib: Path, inputs: Path, out: Path) -> dict:
    env = {**os.environ, "CLAIMDIFF_STAGE_CACHE": "0", "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(lib)}
    load = os.getloadavg()[0]
    done = subprocess.run([sys.executable, __file__, "--worker", str(inputs), str(out)], capture_output=True,
                          text=True, env=env, check=True)
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load": load}


def same_tables(a: Path, b: Path) -> str:
    first, second = pickle.loads(a.read_bytes()), pickle.loads(b.read_bytes())
    verdicts = []
    for name in ("details", "divergence"):
        try:
            pd.testing.assert_frame_equal(first[name], second[name], check_exact=True)
            verdicts.append(f"{name} identical ({len(first[name])} rows)")
        except AssertionError as error:
            verdicts.append(f"{name} DIFFERENT: {str(error).splitlines()[0]}")
    return "; ".join(verdicts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="the library folder to compare against (its lib/)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--size", type=int, default=3000, help="reports of the scale corpus")
    parser.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return
    os.environ.setdefault("CLAIMDIFF_SHARED", str(REPO.parent / "shared"))
    sys.path.insert(0, str(REPO / "lib"))
    versions = {"base": args.base, "this checkout": REPO / "lib"} if args.base else {"this checkout": REPO / "lib"}
    host = describe("onnxruntime")
    lines = []
    with tempfile.TemporaryDirectory(prefix="claimdiff-stage-cpu-") as tmp:
        tmp = Path(tmp)
        for corpus in ("fakes", f"scale {args.size}"):
            inputs = prepare(corpus.split()[0], args.size, tmp)
            best: dict[str, dict[str, float]] = {}
            loads: dict[str, list[float]] = {}
            for _ in range(args.rounds):
                for version, lib in versions.items():
                    result = run(lib, inputs, tmp / f"{version}.pkl")
                    loads.setdefault(version, []).append(result.pop("load"))
                    least = best.setdefault(version, {})
                    for stage, value in result.items():
                        least[stage] = min(least.get(stage, float("inf")), value)
                    print(corpus, version, {k: round(v, 2) for k, v in result.items()}, flush=True)
            stages = ["details", *[e for e in EXTRACTORS if any(e in b for b in best.values())], "divergence"]
            lines += [f"## {corpus}", "", "| stage (CPU s, least of the rounds) | " + " | ".join(versions) + " |",
                      "|---|" + "---:|" * len(versions)]
            lines += [f"| {stage} | " + " | ".join(f"{best[v].get(stage, float('nan')):.2f}" for v in versions)
                      + " |" for stage in stages]
            lines += ["", "Load average (1 min) at the start of each run: "
                      + "; ".join(f"{v} {', '.join(f'{x:.1f}' for x in loads[v])}" for v in versions) + "."]
            if args.base:
                verdict = same_tables(tmp / "base.pkl", tmp / "this checkout.pkl")
                lines += ["", f"Tables, base against this checkout: {verdict}."]
            lines.append("")
    text = "\n".join([f"# CPU time of the details and divergence stages — {dt.datetime.now():%Y-%m-%d %H:%M}", "",
                      f"Produced by `benchmarks/stage_cpu.py {' '.join(sys.argv[1:])}` (its docstring says how). "
                      "Machine: " + ", ".join(f"{k} {v}" for k, v in host.items() if k != "date")
                      + ". The machine was shared with other jobs: see the load beside each corpus.", "", *lines])
    print(text)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"stage-cpu-{dt.date.today().isoformat()}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
