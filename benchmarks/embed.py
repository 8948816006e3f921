"""Embedding backends side by side: sentences per second, peak memory, and agreement with torch float32.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/embed.py            # 2,000 sentences, 3 rounds
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/embed.py --n 500 --rounds 1 --no-write   # a quick look

The sentences: every distinct sentence of the demo corpus, then GVC and ECB+ sentences in turn (from
../shared/datasets, read in place) up to ``--n``, all of them longer than 20 characters. Each backend embeds the same
sentences with its default batch size (onnx-int8 once more with ``batch_size=1``) and the cache off
(``cache_dir=False``), in a fresh process per run so that its peak memory (max RSS,
imports and model included) is its own; the ONNX exports are made before the first round and not timed. The
backends take turns within a round, in a rotating order, and each figure is the median over the rounds, because the
machine may be shared: the load average at start and end is written beside the numbers. Cosines compare each
backend's vectors with those of torch float32 in the same run. Results go to
``benchmarks/results/embed-<date>.md`` and ``.csv``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lib"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import describe  # noqa: E402

from claimdiff import load_corpus, split_sentences  # noqa: E402
from claimdiff.datasets import load_dataset  # noqa: E402
from claimdiff.embed import BACKENDS, DEFAULT_BATCH_SIZES, Embedder  # noqa: E402

SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "benchmarks" / "results"
TARGET_SPEEDUP, TARGET_COSINE = 4.0, 0.99
# What is timed: each backend with its default batch size, onnx-int8 with one text per pass too, and the int8 graph
# of before 2026-12-06 (onnxruntime's dynamic quantisation: one activation scale per batch, so one text per pass to
# stay deterministic), built here from the same float32 export.
# torch on one thread too: on a busy machine its OpenMP threads wait for each other (see write_results).
BEFORE = "onnx-int8 per-batch scales (before)"
TORCH_1 = "torch, 1 thread"
CONFIGS = {**{backend: (backend, DEFAULT_BATCH_SIZES[backend]) for backend in BACKENDS},
           "onnx-int8, batch 1": ("onnx-int8", 1), BEFORE: (BEFORE, 1), TORCH_1: ("torch", 64)}


def benchmark_sentences(n: int) -> tuple[list[str], dict[str, int]]:
    """Up to ``n`` distinct sentences (demo corpus, then GVC and ECB+ alternating) and how many came from each."""
    reports, _ = load_corpus(REPO / "corpus" / "demo")
    sources = {"demo": _long_sentences(reports)}
    for name in ("gvc", "ecbplus"):
        sources[name] = _long_sentences(load_dataset(name, SHARED)) if (SHARED / "datasets" / name).is_dir() else []
    chosen: dict[str, None] = dict.fromkeys(sources["demo"][:n])
    counts = {"demo": len(chosen), "gvc": 0, "ecbplus": 0}
    pools = {name: iter(sources[name]) for name in ("gvc", "ecbplus")}
    while len(chosen) < n and pools:
        for name in list(pools):
            text = next(pools[name], None)
            if text is None:
                del pools[name]
            elif text not in chosen and len(chosen) < n:
                chosen[text] = None
                counts[name] += 1
    return list(chosen), counts


def _long_sentences(reports: pd.DataFrame) -> list[str]:
    texts = split_sentences(reports)["text"]
    return list(dict.fromkeys(t for t in texts if len(t) > 20))


def run_worker(config: str, texts_file: Path, vectors_file: Path | None) -> dict:
    """One timed run in a fresh process: ``{"backend", "load_s", "encode_s", "cpu_s", "peak_rss_mb"}``."""
    command = [sys.executable, __file__, "--worker", config, "--texts", str(texts_file)]
    if vectors_file is not None:
        command += ["--vectors", str(vectors_file)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the {config} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def worker(config: str, texts_file: Path, vectors_file: Path | None) -> None:
    texts = json.loads(texts_file.read_text())
    backend, batch_size = CONFIGS[config]
    start = time.perf_counter()
    if backend == BEFORE:
        embedder = Embedder(per_batch_int8_model(), model_id="before", cache_dir=False, backend="torch",
                            batch_size=batch_size, show_progress=False)
    else:
        embedder = Embedder(cache_dir=False, backend=backend, batch_size=batch_size, show_progress=False)
    if config == TORCH_1:
        import torch

        torch.set_num_threads(1)
    embedder.encode(texts[:8])  # loads the model (and warms it up)
    load = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    vectors = embedder.encode(texts)
    encode, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if vectors_file is not None:
        np.save(vectors_file, vectors)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"backend": config, "load_s": load, "encode_s": encode, "cpu_s": cpu, "peak_rss_mb": peak}))


def per_batch_int8_model():
    """The onnx-int8 model of before 2026-12-06: ``quantize_dynamic`` of the float32 export (MatMul weights per
    channel, activations with one scale per batch tensor), run by today's OnnxModel (batch_size 1: no padding)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from claimdiff.cachedirs import cache_settings
    from claimdiff.embed.models import default_model_path, model_identity
    from claimdiff.embed.onnx_backend import OnnxModel, check_onnx_folder, export_folder, onnx_file

    folder = export_folder(Path(cache_settings().root).expanduser() / "onnx", model_identity())
    plain = onnx_file(default_model_path(), folder, quantized=False)
    path = folder / "model-int8-per-batch.onnx"
    if not path.is_file():
        quantize_dynamic(str(plain), str(path), op_types_to_quantize=["MatMul"], per_channel=True,
                         weight_type=QuantType.QInt8)
    return OnnxModel(path, default_model_path() / "tokenizer.json", **check_onnx_folder(default_model_path()))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="sentences to embed")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each backend; figures are medians")
    parser.add_argument("--no-write", action="store_true", help="print only, write no results file")
    parser.add_argument("--worker", choices=list(CONFIGS), help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--vectors", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.texts, args.vectors)

    machine = describe("torch", "onnxruntime", "sentence_transformers")
    texts, counts = benchmark_sentences(args.n)
    lengths = np.array([len(t) for t in texts])
    print(f"{len(texts)} sentences ({counts}), {lengths.mean():.0f} characters on average; "
          f"load average {machine['load average at start']}")
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp, "texts.json")
        texts_file.write_text(json.dumps(texts))
        warm_file = Path(tmp, "warm.json")
        warm_file.write_text(json.dumps(texts[:4]))
        for backend in [*BACKENDS[1:], BEFORE]:  # make the exports now, so that no timed run includes one
            run_worker(backend, warm_file, None)
        vectors = {}
        for round_ in range(args.rounds):
            names = list(CONFIGS)
            order = names[round_ % len(names):] + names[: round_ % len(names)]
            for backend in order:
                vectors_file = Path(tmp, f"{backend}.npy") if round_ == 0 else None
                run = run_worker(backend, texts_file, vectors_file)
                run["round"] = round_ + 1
                run["sentences_per_s"] = len(texts) / run["encode_s"]
                run["sentences_per_cpu_s"] = len(texts) / run["cpu_s"]
                runs.append(run)
                print(f"round {round_ + 1} {backend:18}: {run['sentences_per_s']:6.1f} sentences/s, "
                      f"{run['sentences_per_cpu_s']:6.1f} per CPU second, load {run['load_s']:.1f} s, "
                      f"peak {run['peak_rss_mb']:.0f} MB", flush=True)
                if vectors_file is not None:
                    vectors[backend] = np.load(vectors_file)
    machine["load average at end"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    table = summarise(pd.DataFrame(runs), vectors)
    identical = int((vectors["onnx-int8"] == vectors["onnx-int8, batch 1"]).all(axis=1).sum())
    print(table.to_string(index=False))
    print(f"onnx-int8 batched vs one text per pass: {identical} of {len(texts)} vectors identical bit for bit")
    if not args.no_write:
        write_results(table, pd.DataFrame(runs), machine, len(texts), counts, lengths, args.rounds, identical)


def summarise(runs: pd.DataFrame, vectors: dict[str, np.ndarray]) -> pd.DataFrame:
    """One row per backend: median speed, load time and peak memory, speed-up and cosine to torch float32.

    The wall-clock speed-up is the median over rounds of the ratio to torch in the same round (runs close in time
    saw similar load); the CPU speed-up compares sentences per CPU second (all threads), which other jobs on the
    machine disturb less.
    """
    rows = []
    by_round = runs.pivot(index="round", columns="backend", values="sentences_per_s")
    torch_cpu = runs.loc[runs.backend == "torch", "sentences_per_cpu_s"].median()
    for backend, (_, batch_size) in CONFIGS.items():
        mine = runs[runs.backend == backend]
        agreement = (vectors[backend] * vectors["torch"]).sum(axis=1)
        rows.append({
            "backend": backend,
            "batch_size": batch_size,
            "sentences_per_s": round(mine["sentences_per_s"].median(), 1),
            "runs_sentences_per_s": " / ".join(f"{x:.0f}" for x in mine["sentences_per_s"]),
            "speedup_vs_torch": round((by_round[backend] / by_round["torch"]).median(), 2),
            "sentences_per_cpu_s": round(mine["sentences_per_cpu_s"].median(), 1),
            "cpu_speedup_vs_torch": round(mine["sentences_per_cpu_s"].median() / torch_cpu, 2),
            "load_s": round(mine["load_s"].median(), 1),
            "peak_rss_mb": round(mine["peak_rss_mb"].median()),
            "cosine_mean": round(float(agreement.mean()), 4),
            "cosine_min": round(float(agreement.min()), 4),
        })
    return pd.DataFrame(rows)


def write_results(table, runs, machine, n, counts, lengths, rounds, identical) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"embed-{dt.date.today().isoformat()}"
    table.to_csv(stem.with_suffix(".csv"), index=False)
    rows = table.set_index("backend")
    int8, one, before = rows.loc["onnx-int8"], rows.loc["onnx-int8, batch 1"], rows.loc[BEFORE]
    met = int8.speedup_vs_torch >= TARGET_SPEEDUP and int8.cosine_mean >= TARGET_COSINE
    met_cpu = int8.cpu_speedup_vs_torch >= TARGET_SPEEDUP and int8.cosine_mean >= TARGET_COSINE
    lines = [
        "# Embedding backends: speed, memory, agreement with torch float32",
        "",
        f"`benchmarks/embed.py`: {n} distinct sentences (demo {counts['demo']}, GVC {counts['gvc']}, "
        f"ECB+ {counts['ecbplus']}; {lengths.mean():.0f} characters on average), all-MiniLM-L6-v2, each "
        "backend with its default settings (`Embedder(backend=..., cache_dir=False)`; batch_size: texts per forward "
        f"pass), cache off, one fresh process per run, {rounds} rounds with the backends in rotating order; speed, "
        "load time and peak memory are medians over the rounds (the single runs are listed too). speedup_vs_torch: "
        "median over rounds of the ratio to torch's speed in the same round. sentences_per_cpu_s: sentences per "
        "CPU second of the process (all its threads), which other jobs on the machine disturb less than wall-clock "
        "time. Cosines: each backend's vectors against torch float32's, same sentences, same run. "
        f"`{BEFORE}`: the onnx-int8 graph of before 2026-12-06 (onnxruntime's `quantize_dynamic`, one activation "
        "scale per batch tensor, so one text per pass), built from the same float32 export.",
        "",
        "| " + " | ".join(f"{k}: {v}" for k, v in machine.items()) + " |",
        "",
        table.to_markdown(index=False),
        "",
        f"**onnx-int8 / torch float32: {int8.speedup_vs_torch:.2f}x wall-clock, {int8.cpu_speedup_vs_torch:.2f}x "
        f"per CPU second, at mean cosine {int8.cosine_mean:.4f}** (target: {TARGET_SPEEDUP}x at mean cosine "
        f"{TARGET_COSINE}: {'met' if met else 'not met'} wall-clock, {'met' if met_cpu else 'not met'} per CPU "
        f"second). The int8 graph of before, in the same run: {before.speedup_vs_torch:.2f}x wall-clock, "
        f"{before.cpu_speedup_vs_torch:.2f}x per CPU second, mean cosine {before.cosine_mean:.4f}.",
        "",
        "Determinism: the ONNX backends batch texts of one token count only (no padding) and onnx-int8 scales its "
        "activations per token, so a text's vector does not depend on its batch-mates. Checked on these sentences: "
        f"onnx-int8 in batches of {int(int8.batch_size)} against one text per pass: {identical} of {n} vectors "
        f"identical bit for bit (one text per pass: {one.speedup_vs_torch:.2f}x torch wall-clock, "
        f"{one.cpu_speedup_vs_torch:.2f}x per CPU second).",
        "",
        "The machine was shared with other jobs while this ran (see the load average above), so single runs vary; "
        "the backends took turns so that each saw the same conditions on average.",
    ]
    single = rows.loc[TORCH_1]
    lines += ["", f"torch float32 on one thread: {single.sentences_per_s:.1f} sentences/s, "
              f"{single.sentences_per_cpu_s:.1f} per CPU second; onnx-int8 per CPU second against it: "
              f"{int8.sentences_per_cpu_s / single.sentences_per_cpu_s:.2f}x (the int8 graph of before: "
              f"{before.sentences_per_cpu_s / single.sentences_per_cpu_s:.2f}x)."]
    load = float(machine["load average at start"].split(",")[0])
    if load > 1.5 * (os.cpu_count() or 1):
        lines += ["", f"**Oversubscribed machine** (load {load:.1f} on {os.cpu_count()} cores): torch's OpenMP "
                  "threads wait for each other and lose far more to other jobs than the ONNX runs (one thread per "
                  "core, no spinning), so the ratios to torch overstate what a quiet machine gives; torch on one "
                  "thread (per CPU second) and the ratios between the ONNX rows are the fairer reading."]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print(f"wrote {stem}.md and .csv")


if __name__ == "__main__":
    main()
