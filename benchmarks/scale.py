"""Event clustering at scale: wall time and peak memory of cluster_events and of BERTopic on 1k, 10k and 100k reports.

    .venv/bin/python benchmarks/scale.py        # writes benchmarks/results/scale-<date>.md, .csv, .png and .pdf

Corpus: real reports, replicated. The base is all of ECB+ (982 reports) and GVC (510) from
``$CLAIMDIFF_SHARED/datasets``, in one seeded random order. Every gold event is put on a day drawn uniformly from a
45-day period; a report keeps its offset from its event's first report (GVC; at most 10 days) or gets 0-2 days
(ECB+, which has no dates). Replica ``r`` of the base is shifted ``r * 45`` days, its outlets rotated by ``r`` among
the base's outlets, and (for ``r > 0``) each sentence but the first dropped with probability 0.1. The corpus of size
n is the first n reports of replica 0, 1, 2, ... So the volume stays some 33 reports a day whatever n, and copies of
one event are at least 35 days apart, outside the 30-day window; the gold event of a copy is (event, replica), which
gives a B-cubed F1 at every size.

Rows (each size and method in a fresh Python process; ``wall`` is the clustering call only, ``peak MB`` the
process's peak resident set size during it, as in ``benchmarks/events.py``):

- ``claimdiff``: :func:`claimdiff.events.cluster_events` with its defaults (candidate graph, no n x n matrix);
- ``BERTopic``: BERTopic 0.17 with its default UMAP (``random_state=0``) + HDBSCAN, given precomputed report vectors:
  the mean all-MiniLM-L6-v2 vector of the report's sentences (each distinct base sentence embedded once, through
  the claimdiff embedding cache; a replica's sentences are base sentences, so no new embedding is needed). Given
  ``--bertopic-budget`` seconds (default 900); past that the process is stopped and the row says so.

BERTopic's B-cubed F1 here is not a fair quality comparison: the copies of one event in different replicas are the
same text at other times, which a method without dates cannot tell apart by construction. Its quality on real events
is measured in ``benchmarks/events.py``; here it is the time and memory that compare.

The machine is shared: the load average at the start of each row is recorded beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from events import load, memory_mb, reset_peak_memory  # benchmarks/events.py
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
SIZES = (1_000, 10_000, 100_000)
PERIOD_DAYS = 45
DROP = 0.1
METHODS = {"claimdiff": "claimdiff cluster_events", "bertopic": "BERTopic (UMAP + HDBSCAN)"}


# --------------------------------------------------------------------------------------------------------- corpus


def base_corpus(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ECB+ and GVC reports on a 45-day timeline, in a seeded random order, and their sentences."""
    from claimdiff.sentences import split_sentences

    rng = np.random.default_rng(seed)
    parts = []
    for name in ("ecbplus", "gvc"):
        reports = load(name)
        reports = reports.assign(gold=name + ":" + reports["gold_event"].astype(str))
        published = pd.to_datetime(reports["published"], errors="coerce")
        first = published.groupby(reports["gold"]).transform("min")
        offset = (published - first).dt.days.fillna(pd.Series(rng.integers(0, 3, len(reports)), index=reports.index))
        event_day = reports["gold"].map({g: rng.integers(0, PERIOD_DAYS) for g in sorted(reports["gold"].unique())})
        reports["day"] = event_day + offset.clip(0, 10)
        parts.append(reports[["id", "outlet", "title", "text", "gold", "day"]])
    base = pd.concat(parts, ignore_index=True)
    base["id"] = base["id"].astype(str)
    base = base.iloc[rng.permutation(len(base))].reset_index(drop=True)
    return base, split_sentences(base)


def replicated(base: pd.DataFrame, sentences: pd.DataFrame, n: int, seed: int = 0) -> tuple[pd.DataFrame, list]:
    """The first ``n`` reports of the replicas of ``base``, and for each the indices of its kept sentences."""
    outlets = sorted(base["outlet"].astype(str).unique())
    outlet_index = {o: i for i, o in enumerate(outlets)}
    by_report = {rid: idx.to_numpy() for rid, idx in sentences.groupby("report_id").groups.items()}
    sentence_texts = sentences["text"].to_numpy()
    base_rows = base.to_dict("records")
    rows, kept = [], []
    start = pd.Timestamp("2020-01-01")
    for i in range(n):
        replica, b = divmod(i, len(base))
        report = base_rows[b]
        own = by_report.get(report["id"], np.zeros(0, dtype=np.int64))
        if replica and len(own) > 1:
            rng = np.random.default_rng([seed, replica, b])
            own = own[np.concatenate([[True], rng.random(len(own) - 1) >= DROP])]
        kept.append(own)
        rows.append({
            "id": f"{report['id']}~{replica}",
            "outlet": outlets[(outlet_index[str(report["outlet"])] + replica) % len(outlets)],
            "published": start + pd.Timedelta(days=float(report["day"]) + replica * PERIOD_DAYS),
            "title": report["title"],
            "text": " ".join(sentence_texts[own]) if replica else report["text"],
            "gold_event": f"{report['gold']}~{replica}",
        })
    return pd.DataFrame(rows), kept


def report_vectors(kept: list, sentence_vectors: np.ndarray) -> np.ndarray:
    """Unit mean of each report's kept sentence vectors (0 for a report without sentences)."""
    from sklearn.preprocessing import normalize

    out = np.zeros((len(kept), sentence_vectors.shape[1]), dtype=np.float32)
    for i, own in enumerate(kept):
        if len(own):
            out[i] = sentence_vectors[own].mean(axis=0)
    return normalize(out)


# ------------------------------------------------------------------------------------------------------ one row


def worker(method: str, size: int, workdir: Path) -> dict:
    from claimdiff.evaluate import bcubed

    reports = pd.read_pickle(workdir / f"reports-{size}.pkl")
    vectors = np.load(workdir / f"vectors-{size}.npy") if method == "bertopic" else None
    if method == "bertopic":  # imports outside the timed call
        import bertopic  # noqa: F401
        import umap  # noqa: F401
        from events import bertopic_labels
    else:
        from claimdiff.events import cluster_events
    reset_peak_memory()
    before = memory_mb("VmRSS")
    start = time.perf_counter()
    if method == "claimdiff":
        assignments, _ = cluster_events(reports)
        labels = assignments["event_id"].to_numpy()
    else:
        labels = bertopic_labels(reports["title"].fillna("").str.cat(reports["text"], sep="\n").tolist(), vectors)
    seconds = time.perf_counter() - start
    peak = memory_mb("VmHWM")
    return {"method": method, "reports": size, "wall_seconds": seconds, "peak_mb": peak, "added_mb": peak - before,
            "events": int(len(set(labels.tolist()))), "gold_events": int(reports["gold_event"].nunique()),
            "bcubed_f1": float(bcubed(reports["gold_event"], labels)[2])}


# ------------------------------------------------------------------------------------------------------- report


def figure(table: pd.DataFrame):
    from claimdiff.figures import paper_style
    from claimdiff.figures.layout import new_figure

    with paper_style():
        return _draw(table, new_figure("double", 2.2))


def _draw(table: pd.DataFrame, fig):
    time_ax, memory_ax = fig.subplots(1, 2)
    for method, rows in table.groupby("method", sort=False):
        done = rows[rows["status"].eq("ok")]
        time_ax.plot(done["reports"], done["wall_seconds"], marker="o", label=METHODS[method])
        memory_ax.plot(done["reports"], done["peak_mb"] / 1024, marker="o", label=METHODS[method])
        for row in rows[~rows["status"].eq("ok")].itertuples():
            time_ax.annotate(row.status, (row.reports, time_ax.get_ylim()[1]), fontsize=6, ha="right", va="top")
    sizes = np.array(sorted(table["reports"].unique()), dtype=float)
    claimdiff = table[table["method"].eq("claimdiff") & table["status"].eq("ok")]
    if len(claimdiff):
        anchor = claimdiff.iloc[0]
        time_ax.plot(sizes, anchor["wall_seconds"] * sizes / anchor["reports"], ls=":", color="0.5", lw=0.8,
                     label="linear")
    time_ax.axhline(300, color="0.7", lw=0.6, ls="--")
    memory_ax.axhline(4, color="0.7", lw=0.6, ls="--")
    for ax, label in ((time_ax, "wall time (s)"), (memory_ax, "peak memory (GB)")):
        ax.set_xscale("log")
        ax.set_xlabel("reports")
        ax.set_ylabel(label)
    time_ax.set_yscale("log")
    time_ax.legend(frameon=False, loc="upper left")
    return fig


def markdown(table: pd.DataFrame, host: dict, info: dict) -> str:
    lines = [
        f"# Event clustering at scale — {host['date']}",
        "",
        "Produced by `benchmarks/scale.py` (its docstring says how the corpora are made and what is measured). "
        "Figure: `scale-" + info["stamp"] + ".png` / `.pdf` beside this file (dotted: linear from the smallest "
        "size; dashed: the targets, 5 minutes and 4 GB).",
        "",
        "Machine: " + ", ".join(f"{key} {value}" for key, value in host.items() if key != "date") + ". "
        "The machine was shared with other engineers' jobs during the run: see the load average of each row.",
        "",
        "| method | reports | status | wall s | peak MB | +MB | events (gold) | B³ F1 | load avg at start |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in table.itertuples():
        if row.status == "ok":
            lines.append(f"| {METHODS[row.method]} | {row.reports} | ok | {row.wall_seconds:.1f} | {row.peak_mb:.0f} | "
                         f"{row.added_mb:.0f} | {row.events} ({row.gold_events}) | {row.bcubed_f1:.3f} | {row.load} |")
        else:
            lines.append(f"| {METHODS[row.method]} | {row.reports} | {row.status} | | | | | | {row.load} |")
    lines += [
        "",
        f"Base: {info['base_reports']} reports, {info['base_sentences']} sentences; embedding the base sentences for "
        f"BERTopic (outside the timed calls): {info['embed_seconds']:.0f} s ({info['embedded']} embedded now, "
        f"{info['from_cache']} from the cache). BERTopic's wall time includes numba compiling UMAP on first use "
        "(some 15 s).",
        "",
    ]
    return "\n".join(lines)


def redraw(csv: Path) -> None:
    """Draw the figure of a results CSV again (PNG and PDF beside it), without measuring anything."""
    import shutil

    from claimdiff.figures import save_figure

    table = pd.read_csv(csv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = save_figure(figure(table), csv.stem, data=table, out=tmp)
        for fmt in ("png", "pdf"):
            shutil.copy(paths[fmt], csv.with_suffix(f".{fmt}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=2, metavar=("METHOD", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=list(METHODS))
    parser.add_argument("--bertopic-budget", type=float, default=900, help="seconds before a BERTopic row is stopped")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for scale-<date>.md, .csv, .png, .pdf")
    parser.add_argument("--redraw", type=Path, metavar="CSV", help="only draw the figure again from a results CSV")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]), args.workdir)))
        return
    if args.redraw:
        redraw(args.redraw)
        return

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from claimdiff.embed import Embedder

    host = describe("sklearn", "scipy", "bertopic", "umap")
    stamp = dt.date.today().isoformat()
    rows = []
    with tempfile.TemporaryDirectory(prefix="claimdiff-scale-") as tmp:
        workdir = Path(tmp)
        print("building the base corpus ...", flush=True)
        base, sentences = base_corpus()
        info = {"stamp": stamp, "base_reports": len(base), "base_sentences": len(sentences)}
        sentence_vectors = None
        if "bertopic" in args.methods:
            embedder = Embedder(show_progress=False)
            start = time.perf_counter()
            sentence_vectors = np.asarray(embedder.encode(sentences["text"].tolist()), dtype=np.float32)
            info.update(embed_seconds=time.perf_counter() - start, embedded=embedder.n_encoded_,
                        from_cache=embedder.n_cached_)
        else:
            info.update(embed_seconds=float("nan"), embedded=0, from_cache=0)
        for size in args.sizes:
            reports, kept = replicated(base, sentences, size)
            reports.to_pickle(workdir / f"reports-{size}.pkl")
            if sentence_vectors is not None:
                np.save(workdir / f"vectors-{size}.npy", report_vectors(kept, sentence_vectors))
            for method in args.methods:
                load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
                command = [sys.executable, __file__, "--worker", method, str(size), "--workdir", str(workdir)]
                budget = args.bertopic_budget if method == "bertopic" else None
                try:
                    done = subprocess.run(command, capture_output=True, text=True, timeout=budget, env={**os.environ})
                except subprocess.TimeoutExpired:
                    row = {"method": method, "reports": size, "status": f"stopped after {budget:.0f} s"}
                else:
                    if done.returncode != 0:
                        row = {"method": method, "reports": size, "status": f"failed: {done.stderr.strip()[-200:]}"}
                    else:
                        row = {**json.loads(done.stdout.strip().splitlines()[-1]), "status": "ok"}
                row["load"] = load_avg
                rows.append(row)
                print(row, flush=True)
    table = pd.DataFrame(rows)
    for column in ("wall_seconds", "peak_mb", "added_mb", "events", "gold_events", "bcubed_f1"):
        if column not in table:
            table[column] = np.nan
    args.out.mkdir(parents=True, exist_ok=True)
    from claimdiff.figures import save_figure

    data = table.assign(**{f"machine_{k}": v for k, v in host.items()})
    paths = save_figure(figure(table), f"scale-{stamp}", data=data, out=args.out)
    paths["svg"].unlink()  # PNG and PDF are enough beside the table
    text = markdown(table, host, info)
    (args.out / f"scale-{stamp}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
