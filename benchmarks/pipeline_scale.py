"""The main job at scale: `python -m claimdiff figures CORPUS`, every stage and figure, on 1k to 30k reports.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/pipeline_scale.py                    # 1k, 3k, 10k, 30k
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/pipeline_scale.py --sizes 1000 3000  # a short run

Writes ``benchmarks/results/pipeline-scale-<date>.md``, ``.csv``, ``.png`` and ``.pdf``.

Corpus: real reports, copied with new names (the corpus of ``benchmarks/scale.py``, "spread" setting: some 11
reports a day, the copies of an event 200 days apart). The base is ECB+ (982 reports), GVC (510) and FA-KES (804),
2,296 reports from 652 outlets; the corpus of size n is the first n reports of replica 0, 1, 2, ... of the base, and
in replica ``r`` every name and number of the texts is changed (``scale.Perturber``), 10% of the sentences after the
first are dropped, and each outlet becomes a new one (``<outlet>-<invented town>``): the outlets grow with the
corpus (about one per 3.5 reports, as in local news: 2,888 reports from 734 outlets). FA-KES reports are
grouped by place and day as their events. The corpus is written as one JSONL file and read by the command itself.

Each size runs in fresh processes, with its own empty embedding cache folder (``CLAIMDIFF_CACHE``): first
**cold** (nothing embedded yet), then **warm** (the same command again, every vector in the cache). The ONNX export
of the model (made once per installation, some 30 s) is made before the runs and shared by them: a cold run starts
with no vectors, not with no model. The stage cache is off (``CLAIMDIFF_STAGE_CACHE=0``). Each stage's wall
time and peak resident memory (``VmHWM``, reset at the start of the stage) are measured by wrapping the functions
the command calls (``claimdiff.pipeline``'s stages, ``claimdiff.cli.write_table`` and ``DataFrame.to_parquet``, every
figure function of ``claimdiff.figures.suite`` and the framing ones, ``save_figure``, and ``save_all``, which saves
them all, in worker processes where it can, whose ``save_figure`` calls are then not seen); ``other`` is what is left of
the command's wall time (imports, argument parsing, glue). ``embed`` is the time spent inside
``Embedder.encode``, already counted in the stage that called it (claims, report vectors). The main process's
``VmHWM`` does not see the forked workers, so the whole job's memory is also sampled (every 0.2 s) as the summed
proportional set size (PSS) of the process and its children: pages shared after a fork count once. Each sample
is booked to the innermost stage running then, so the per-stage table gives each stage's peak with its workers too.

Peer row: BERTopic 0.17 on the same documents (title + text) in the same run, in a fresh process: embedding the
documents with the same model (all-MiniLM-L6-v2, sentence-transformers; BERTopic has no cache, so cold = warm),
``fit_transform`` (default UMAP with ``random_state=0`` + HDBSCAN + c-TF-IDF), then its standard visualisations
(``visualize_topics``, ``visualize_documents``, ``visualize_barchart``, ``visualize_hierarchy``,
``visualize_heatmap``) written to HTML. It stops after ``--bertopic-budget`` seconds, or after
``--bertopic-budget-ratio`` times claimdiff's cold time at the same size: a run stopped so took longer than claimdiff.
``--warm-sizes`` limits the warm runs to some sizes (the 30k target is for a cold run).

The machine is shared with other jobs: the load average is written at the start and end of every row; compare
ratios within one run.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe  # noqa: E402  benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
SIZES = (1_000, 3_000, 10_000, 30_000)
PERIOD_DAYS = 200  # scale.py's "spread" setting
TOWNS = ["ba", "ko", "ri", "ta", "mu", "se", "lo", "ven", "da", "gi", "nor", "pa", "zu", "hel"]
# Stages in the order the command runs them: (name, module, attribute).
STAGES = [
    ("load corpus", "claimdiff.pipeline", "load_corpus"),
    ("sentences", "claimdiff.pipeline", "split_sentences"),
    ("events", "claimdiff.pipeline", "cluster_events"),
    ("claims", "claimdiff.pipeline", "align_claims"),
    ("details", "claimdiff.pipeline", "extract_details"),
    ("divergence", "claimdiff.pipeline", "compare_details"),
    ("name events", "claimdiff.pipeline", "name_events"),
    ("divergence summary", "claimdiff.pipeline", "summarise_divergence"),
    ("outlets", "claimdiff.pipeline", "load_outlets"),
    ("write tables", "claimdiff.cli", "write_table"),
    ("write tables", "pandas", "DataFrame.to_parquet"),
    ("report vectors", "claimdiff.pipeline", "report_vectors"),
    *[(f"figure: {name}", "claimdiff.figures.suite", name) for name in (
        "corpus_overview", "event_map", "timeline", "most_counted_events", "numeric_divergence",
        "attribution_hedging", "outlet_agreement", "coverage_matrix", "claim_side_by_side")],
    ("figure: label_table", "claimdiff.framing", "label_table"),
    ("figure: log_odds", "claimdiff.framing", "log_odds"),
    ("figure: label_share_plot", "claimdiff.figures.framing", "label_share_plot"),
    ("figure: log_odds_plot", "claimdiff.figures.framing", "log_odds_plot"),
    ("save figures", "claimdiff.figures.suite", "save_figure"),
    ("save all figures", "claimdiff.figures.suite", "save_all"),  # forked: its save_figure calls are not seen
    ("write index", "claimdiff.figures.suite", "write_index"),
]


# --------------------------------------------------------------------------------------------------------- corpus


def base_reports(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ECB+, GVC and FA-KES in one seeded order, with each report's days after its event's first, and sentences."""
    from events import load  # benchmarks/events.py
    from scale import MAX_OFFSET_DAYS

    from claimdiff.sentences import split_sentences

    rng = np.random.default_rng(seed)
    parts = []
    for name in ("ecbplus", "gvc", "fakes"):
        reports = load(name)
        published = pd.to_datetime(reports["published"], errors="coerce", utc=True)
        if "gold_event" in reports:
            gold = name + ":" + reports["gold_event"].astype(str)
        else:  # FA-KES: no events given; a place and a day stand in for one
            gold = name + ":" + reports["location"].astype(str) + ":" + published.dt.strftime("%Y-%m-%d")
        reports = reports.assign(gold=gold)
        first = published.groupby(reports["gold"]).transform("min")
        offset = (published - first).dt.days
        offset = offset.fillna(pd.Series(rng.integers(0, 3, len(reports)), index=reports.index))
        reports["offset"] = offset.clip(0, MAX_OFFSET_DAYS)
        parts.append(reports[["id", "outlet", "title", "text", "gold", "offset"]])
    base = pd.concat(parts, ignore_index=True)
    base["id"] = base["id"].astype(str)
    base["outlet"] = base["outlet"].astype(str)
    base = base.iloc[rng.permutation(len(base))].reset_index(drop=True)
    return base, split_sentences(base)


def town(replica: int) -> str:
    """An invented place name for the outlets of one replica: "kori", "tamuse"..."""
    rng = np.random.default_rng([7, replica])
    return "".join(rng.choice(TOWNS, size=2 + replica % 2))


def build_corpus(base: pd.DataFrame, sentences: pd.DataFrame, perturb, n: int, folder: Path) -> dict:
    """Write the first ``n`` reports of the replicas of ``base`` to ``folder/reports.jsonl``; returns its counts."""
    from scale import on_timeline, replicated

    reports, _ = replicated(on_timeline(base, PERIOD_DAYS), sentences, n, PERIOD_DAYS, perturb)
    replica = np.arange(n) // len(base)
    base_outlet = base["outlet"].to_numpy()[np.arange(n) % len(base)]
    reports["outlet"] = [o if r == 0 else f"{o}-{town(r)}" for o, r in zip(base_outlet, replica, strict=True)]
    reports["published"] = reports["published"].dt.strftime("%Y-%m-%d")
    folder.mkdir(parents=True, exist_ok=True)
    columns = ["id", "outlet", "published", "title", "text"]
    reports[columns].fillna("").to_json(folder / "reports.jsonl", orient="records", lines=True, force_ascii=False)
    return {"reports": n, "outlets": reports["outlet"].nunique(), "gold_events": reports["gold_event"].nunique()}


# ------------------------------------------------------------------------------------------------- one run (worker)


def _memory_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _pss_mb(pid: int | str) -> float:
    """Proportional set size of a process: its private pages plus its share of pages shared with others."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:  # the process ended between listing and reading
        pass
    return 0.0


def _children(pid: int) -> list[str]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += (task / "children").read_text().split()
        except OSError:
            pass
    return found


class TotalMemory:
    """Peak of the summed PSS of this process and its children (forked workers), sampled every ``every`` s.

    PSS counts a page shared by forked processes once in all, so the sum is the memory the job takes from the machine.
    """

    def __init__(self, every: float = 0.2):
        import threading

        self.peak_mb, self._stop = 0.0, threading.Event()
        # The stages running now, innermost last (set by the stage wrappers), and each stage's peak summed PSS.
        self.running: list[str] = []
        self.stage_peaks_mb: dict[str, float] = {}
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)

    def _sample(self, every: float) -> None:
        pid = os.getpid()
        while not self._stop.wait(every):
            total = _pss_mb(pid) + sum(_pss_mb(child) for child in _children(pid))
            self.peak_mb = max(self.peak_mb, total)
            stage = self.running[-1] if self.running else "other"
            self.stage_peaks_mb[stage] = max(self.stage_peaks_mb.get(stage, 0.0), total)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def claimdiff_worker(corpus: Path, out: Path, backend: str | None) -> dict:
    """Run the figures command with every stage wrapped; returns seconds and peak MB per stage."""
    import importlib

    from claimdiff import cli
    from claimdiff.embed import Embedder

    stages: dict[str, dict] = {}
    overall = {"peak": _memory_mb("VmHWM")}
    memory = TotalMemory()

    def wrap(name, function):
        def timed(*args, **kwargs):
            stage = f"save: {args[1]}" if name == "save figures" and len(args) > 1 else name
            overall["peak"] = max(overall["peak"], _memory_mb("VmHWM"))
            _reset_peak()
            start = time.perf_counter()
            memory.running.append(stage)
            try:
                return function(*args, **kwargs)
            finally:
                memory.running.pop()
                row = stages.setdefault(stage, {"seconds": 0.0, "peak_mb": 0.0, "calls": 0})
                row["seconds"] += time.perf_counter() - start
                row["peak_mb"] = max(row["peak_mb"], _memory_mb("VmHWM"))
                row["calls"] += 1
                overall["peak"] = max(overall["peak"], row["peak_mb"])
        return timed

    for name, module, attribute in STAGES:
        owner = importlib.import_module(module)
        *path, last = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        if hasattr(owner, last):  # an older library may lack a function (save_all): compare runs of both
            setattr(owner, last, wrap(name, getattr(owner, last)))
    embedded = {"seconds": 0.0, "texts": 0, "encoded": 0}
    encode = Embedder.encode

    def timed_encode(self, texts):
        start = time.perf_counter()
        vectors = encode(self, texts)
        embedded["seconds"] += time.perf_counter() - start
        embedded["texts"] += len(vectors)
        embedded["encoded"] += self.n_encoded_
        return vectors

    Embedder.encode = timed_encode
    argv = ["figures", str(corpus), "--out", str(out)] + (["--backend", backend] if backend else [])
    start = time.perf_counter()
    with memory:
        cli.main(argv)
    total = time.perf_counter() - start
    overall["peak"] = max(overall["peak"], _memory_mb("VmHWM"))
    nested = "save all figures" in stages  # then each figure's save row lies within it (or in a worker, unseen)
    counted = sum(r["seconds"] for name, r in stages.items() if not (nested and name.startswith("save: ")))
    stages["other"] = {"seconds": total - counted, "peak_mb": float("nan"),
                       "calls": 1}
    for name, peak in memory.stage_peaks_mb.items():
        stages.setdefault(name, {"seconds": 0.0, "peak_mb": float("nan"), "calls": 0})["pss_mb"] = peak
    # Forked workers (details, figure saving) are not in VmHWM: the job's peak summed PSS, main process and workers.
    return {"total_seconds": total, "peak_mb": overall["peak"], "stages": stages, "embed": embedded,
            "peak_with_workers_mb": memory.peak_mb}


def bertopic_worker(corpus: Path, out: Path) -> dict:
    """BERTopic on the same documents: embed, fit_transform, the standard visualisations."""
    from bertopic import BERTopic
    from umap import UMAP

    from claimdiff.embed.models import load_model

    reports = pd.read_json(corpus / "reports.jsonl", lines=True, dtype=False)
    docs = (reports["title"].fillna("") + "\n" + reports["text"].fillna("")).tolist()
    stages: dict[str, dict] = {}

    def run(name, function):
        _reset_peak()
        start = time.perf_counter()
        try:
            result = function()
            status = "ok"
        except Exception as error:  # a visualisation that cannot draw this many or few topics
            result, status = None, f"failed: {type(error).__name__}: {str(error)[:80]}"
        stages[name] = {"seconds": time.perf_counter() - start, "peak_mb": _memory_mb("VmHWM"), "calls": 1,
                        "status": status}
        return result

    total_start = time.perf_counter()
    model = run("load model", lambda: load_model())
    embeddings = run("embed", lambda: model.encode(docs, batch_size=32, show_progress_bar=False))
    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", low_memory=False,
                      random_state=0)
    topic_model = BERTopic(embedding_model=model, umap_model=umap_model)
    run("fit_transform", lambda: topic_model.fit_transform(docs, embeddings=embeddings))
    for name, draw in (("visualize_topics", lambda: topic_model.visualize_topics()),
                       ("visualize_documents", lambda: topic_model.visualize_documents(docs, embeddings=embeddings)),
                       ("visualize_barchart", lambda: topic_model.visualize_barchart()),
                       ("visualize_hierarchy", lambda: topic_model.visualize_hierarchy()),
                       ("visualize_heatmap", lambda: topic_model.visualize_heatmap())):
        run(name, lambda draw=draw, name=name: draw().write_html(out / f"{name}.html"))
    total = time.perf_counter() - total_start
    peak = max(s["peak_mb"] for s in stages.values())
    return {"total_seconds": total, "peak_mb": peak, "stages": stages, "topics": len(topic_model.get_topics())}


# ------------------------------------------------------------------------------------------------------- the runs


def run_worker(kind: str, corpus: Path, out: Path, cache: Path, backend: str | None, budget: float | None) -> dict:
    env = {**os.environ, "CLAIMDIFF_CACHE": str(cache), "CLAIMDIFF_STAGE_CACHE": "0", "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": str(REPO / "lib")}
    command = [sys.executable, __file__, "--worker", kind, str(corpus), str(out)] + (
        ["--backend", backend] if backend else [])
    load_start = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=budget, env=env)
    except subprocess.TimeoutExpired:
        return {"status": f"stopped after {budget:.0f} s", "load_start": load_start}
    load_end = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    if done.returncode != 0:
        return {"status": "failed: " + done.stderr.strip()[-300:], "load_start": load_start, "load_end": load_end}
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "status": "ok", "load_start": load_start,
            "load_end": load_end}


def shared_export(tmp: Path, backend: str | None) -> Path:
    """Make the ONNX export of the default model once (in a fresh process) and return its folder."""
    root = tmp / "export"
    code = ("from claimdiff.embed import Embedder; "
            f"Embedder(backend={backend!r}, show_progress=False).encode(['The army shelled the town.'])")
    env = {**os.environ, "CLAIMDIFF_CACHE": str(root), "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO / "lib")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True)
    (root / "onnx").mkdir(parents=True, exist_ok=True)
    return root / "onnx"


def rows_of(size: int, method: str, cache: str, result: dict) -> list[dict]:
    """One row per stage and one ``total`` row of a run."""
    head = {"reports": size, "method": method, "cache": cache, "status": result["status"],
            "load_start": result.get("load_start"), "load_end": result.get("load_end")}
    if result["status"] != "ok":
        return [{**head, "stage": "total"}]
    rows = [{**head, "stage": name, **{k: v for k, v in stage.items() if k != "status"},
             "stage_status": stage.get("status", "ok")} for name, stage in result["stages"].items()]
    extra = {}
    if "embed" in result:
        extra = {"embed_seconds": result["embed"]["seconds"], "embed_texts": result["embed"]["texts"],
                 "embed_encoded": result["embed"]["encoded"],
                 "peak_with_workers_mb": result.get("peak_with_workers_mb")}
    rows.append({**head, "stage": "total", "seconds": result["total_seconds"], "peak_mb": result["peak_mb"],
                 "calls": 1, **extra})
    return rows


# --------------------------------------------------------------------------------------------------------- report


def figure(table: pd.DataFrame):
    from claimdiff.figures import paper_style
    from claimdiff.figures.layout import new_figure

    with paper_style():
        fig = new_figure("double", 3.0)
        axes = fig.subplots(1, 2, sharey=True)
        ours = table[table["method"].eq("claimdiff") & table["status"].eq("ok")]
        peer = table[table["method"].eq("bertopic") & table["stage"].eq("total") & table["status"].eq("ok")]
        totals = ours[ours["stage"].eq("total")]
        big = ours[~ours["stage"].eq("total")].groupby("stage")["seconds"].max().sort_values(ascending=False)
        shown = list(big.index[:7])  # the slowest stages; the rest are summed as "other stages"
        for ax, cache in zip(axes, ("cold", "warm"), strict=True):
            rows = ours[ours["cache"].eq(cache)]
            for stage in shown:
                line = rows[rows["stage"].eq(stage)].sort_values("reports")
                ax.plot(line["reports"], line["seconds"].clip(lower=0.01), marker="o", ms=2.5, lw=0.9, label=stage)
            rest = rows[~rows["stage"].isin(shown + ["total"])].groupby("reports")["seconds"].sum()
            ax.plot(rest.index, rest.clip(lower=0.01), marker="o", ms=2.5, lw=0.9, color="0.6", label="other stages")
            total = totals[totals["cache"].eq(cache)].sort_values("reports")
            ax.plot(total["reports"], total["seconds"], marker="s", ms=3.5, lw=1.8, color="0.1", label="whole job")
            peer_line = peer.sort_values("reports")
            ax.plot(peer_line["reports"], peer_line["seconds"], marker="^", ms=3.5, lw=1.2, ls="--", color="0.4",
                    label="BERTopic fit + visualisations")
            if len(total):
                anchor = total.iloc[0]
                sizes = np.array(sorted(table["reports"].unique()), dtype=float)
                ax.plot(sizes, anchor["seconds"] * sizes / anchor["reports"], ls=":", color="0.5", lw=0.8,
                        label="linear from the smallest")
            ax.set_xscale("log")
            ax.set_yscale("log")
            from matplotlib.ticker import NullFormatter

            every = sorted(table["reports"].unique())
            ax.set_xticks(every, labels=[f"{n:,}" for n in every])  # the sizes run, not log minor labels
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.set_xlabel("reports")
            ax.set_title(f"{cache} embedding cache", fontsize=7)
        axes[0].set_ylabel("wall time (s)")
        axes[1].legend(frameon=False, fontsize=5.5, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def markdown(table: pd.DataFrame, host: dict, corpora: dict, stamp: str, load_end: str) -> str:
    ok = table[table["status"].eq("ok")]
    sizes = sorted(table["reports"].unique())
    lines = [f"# The main job at scale: `python -m claimdiff figures` — {host['date']}", "",
             "Produced by `benchmarks/pipeline_scale.py` (its docstring says how the corpora are made and what is "
             f"measured). Figure: `pipeline-scale-{stamp}.png` / `.pdf` beside this file.", "",
             "Machine: " + ", ".join(f"{k} {v}" for k, v in host.items() if k != "date")
             + f"; load average at end: {load_end}. The machine was shared with other jobs: compare ratios.", "",
             "Corpora: " + "; ".join(f"{c['reports']} reports, {c['outlets']} outlets, {c['gold_events']} "
                                      "events" for c in corpora.values()) + ".", "",
             "## Whole job", "",
             "| reports | method | cache | status | wall s | s per 1k reports | peak MB | with workers (PSS) MB "
             "| embedded (texts given) | embed s | load at start / end |",
             "|---:|---|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for row in table[table["stage"].eq("total")].itertuples():
        if row.status != "ok":
            lines.append(f"| {row.reports} | {row.method} | {row.cache} | {row.status[:80]} | | | | | | | "
                         f"{row.load_start} |")
            continue
        embedded = (f"{int(row.embed_encoded)} ({int(row.embed_texts)})"
                    if pd.notna(getattr(row, "embed_texts", np.nan)) else "")
        embed_s = f"{row.embed_seconds:.0f}" if pd.notna(getattr(row, "embed_seconds", np.nan)) else ""
        with_workers = getattr(row, "peak_with_workers_mb", np.nan)
        with_workers = f"{with_workers:.0f}" if pd.notna(with_workers) else ""
        lines.append(f"| {row.reports} | {row.method} | {row.cache} | ok | {row.seconds:.0f} | "
                     f"{1000 * row.seconds / row.reports:.1f} | {row.peak_mb:.0f} | {with_workers} | {embedded} | "
                     f"{embed_s} | "
                     f"{row.load_start} / {row.load_end} |")
    for method in ("claimdiff", "bertopic"):
        rows = ok[ok["method"].eq(method) & ~ok["stage"].eq("total")]
        if rows.empty:
            continue
        lines += ["", f"## Per stage: {method} (wall s / peak MB / peak MB with workers, summed PSS)", "",
                  "| stage | {header} |"]
        caches = ("cold", "warm") if method == "claimdiff" else ("none",)
        runs = [(n, c) for n in sizes for c in caches if len(rows[(rows.reports == n) & (rows.cache == c)])]
        lines[-1] = lines[-1].format(header=" | ".join(f"{n} {c}".replace(" none", "") for n, c in runs))
        lines.append("|---|" + "---:|" * len(runs))
        for stage in dict.fromkeys(rows["stage"]):
            cells = []
            for n, c in runs:
                hit = rows[(rows.reports == n) & (rows.cache == c) & (rows.stage == stage)]
                if hit.empty:
                    cells.append("")
                    continue
                peak = hit["peak_mb"].iloc[0]
                pss = hit["pss_mb"].iloc[0] if "pss_mb" in hit else np.nan
                cells.append(f"{hit['seconds'].iloc[0]:.1f}" + (f" / {peak:.0f}" if pd.notna(peak) else "")
                             + (f" / {pss:.0f}" if pd.notna(pss) else ""))
            lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def merge(csvs: list[Path], out: Path) -> None:
    """One report (``pipeline-scale-merged-<date>``) from the CSVs of runs made apart, e.g. a long size alone."""
    import re

    from claimdiff.figures import save_figure

    tables = [pd.read_csv(csv) for csv in csvs]
    table = pd.concat(tables, ignore_index=True).sort_values("reports", kind="stable")
    host = {k.removeprefix("machine_"): v for k, v in tables[0].iloc[0].items() if k.startswith("machine_")}
    host["date"] = " and ".join(dict.fromkeys(str(t["machine_date"].iloc[0]) for t in tables))
    corpora = {}
    for csv in csvs:  # the corpus sizes are in the Markdown beside each CSV
        line = next(row for row in csv.with_suffix(".md").read_text().splitlines() if row.startswith("Corpora: "))
        for n, outlets, events in re.findall(r"(\d+) reports, (\d+) outlets, (\d+) events", line):
            corpora[int(n)] = {"reports": n, "outlets": outlets, "gold_events": events}
    stamp = f"merged-{dt.date.today().isoformat()}"
    data = table[[c for c in table if not c.startswith("machine_")]]
    paths = save_figure(figure(data), f"pipeline-scale-{stamp}", data=table, out=out)
    paths["svg"].unlink()
    text = markdown(data, host, dict(sorted(corpora.items())), stamp, "see each row")
    (out / f"pipeline-scale-{stamp}.md").write_text(text + "\nJoined from " + ", ".join(c.name for c in csvs)
                                                    + " (`--merge`).\n")
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "CORPUS", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    parser.add_argument("--backend", default=None, help="embedding backend (default: the command's default)")
    parser.add_argument("--no-bertopic", action="store_true", help="leave out the BERTopic rows")
    parser.add_argument("--bertopic-budget", type=float, default=3600, help="seconds before a BERTopic run stops")
    parser.add_argument("--bertopic-budget-ratio", type=float, default=None,
                        help="stop BERTopic after this many times claimdiff's cold time at the same size (a run that "
                             "stops took longer than claimdiff; saves the rest of a slow run)")
    parser.add_argument("--warm-sizes", nargs="*", type=int, default=None,
                        help="sizes that also get a warm run (default: every size)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--merge", nargs="+", type=Path, metavar="CSV",
                        help="only join the results CSVs of several runs (sizes run apart) into one report")
    args = parser.parse_args()
    if args.merge:
        merge(args.merge, args.out)
        return
    if args.worker:
        kind, corpus, out = args.worker
        worker = claimdiff_worker if kind == "claimdiff" else bertopic_worker
        result = worker(Path(corpus), Path(out), args.backend) if kind == "claimdiff" else worker(Path(corpus),
                                                                                                 Path(out))
        print(json.dumps(result))
        return

    os.environ.setdefault("CLAIMDIFF_SHARED", str(REPO.parent / "shared"))
    sys.path.insert(0, str(REPO / "lib"))
    from scale import Perturber

    host = describe("torch", "onnxruntime", "sentence_transformers", "bertopic", "umap")
    stamp = dt.date.today().isoformat()
    rows, corpora = [], {}
    with tempfile.TemporaryDirectory(prefix="claimdiff-pipeline-scale-") as tmp:
        tmp = Path(tmp)
        print("building the base corpus ...", flush=True)
        base, sentences = base_reports()
        perturb = Perturber(base["title"].fillna("").tolist() + base["text"].fillna("").tolist())
        export = shared_export(tmp, args.backend)
        for size in args.sizes:
            corpus = tmp / f"corpus-{size}"
            corpora[size] = build_corpus(base, sentences, perturb, size, corpus)
            print(corpora[size], flush=True)
            cache = tmp / f"cache-{size}"
            cache.mkdir()
            (cache / "onnx").symlink_to(export, target_is_directory=True)
            warm = args.warm_sizes is None or size in args.warm_sizes
            for state in ("cold", "warm") if warm else ("cold",):
                out = tmp / f"out-{size}-{state}"
                out.mkdir()
                result = run_worker("claimdiff", corpus, out, cache, args.backend, None)
                rows += rows_of(size, "claimdiff", state, result)
                if state == "cold":
                    cold_seconds = result.get("total_seconds")
                print(size, state, result["status"], round(result.get("total_seconds", -1)), flush=True)
            if not args.no_bertopic:
                out = tmp / f"out-{size}-bertopic"
                out.mkdir()
                budget = args.bertopic_budget
                if args.bertopic_budget_ratio and cold_seconds:
                    budget = min(budget, args.bertopic_budget_ratio * cold_seconds)
                result = run_worker("bertopic", corpus, out, cache, None, budget)
                rows += rows_of(size, "bertopic", "none", result)
                print(size, "bertopic", result["status"], round(result.get("total_seconds", -1)),
                      flush=True)
            (tmp / f"corpus-{size}" / "reports.jsonl").unlink()
    load_end = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    table = pd.DataFrame(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    from claimdiff.figures import save_figure

    data = table.assign(**{f"machine_{k}": v for k, v in host.items()})
    paths = save_figure(figure(table), f"pipeline-scale-{stamp}", data=data, out=args.out)
    paths["svg"].unlink()
    text = markdown(table, host, corpora, stamp, load_end)
    (args.out / f"pipeline-scale-{stamp}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
