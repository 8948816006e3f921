"""Event clustering against baselines on ECB+ sub-topics and GVC incidents: one table, written with machine and date.

    .venv/bin/python benchmarks/events.py            # writes benchmarks/results/events-<date>.md and .csv

Data: ``$CLAIMDIFF_SHARED/datasets`` (default: ``../shared/datasets`` beside the repo). Needs the ``bench`` extra
(``pip install -e '.[bench]'``) for the BERTopic row.

Rows (each clusters one part of one dataset on its own: all reports, and the test split alone):

- ``claimdiff``: :class:`claimdiff.events.EventClusterer` with its defaults;
- ``claimdiff, no recurrence``: the same without the recurrence penalty (``recurrence_weight=0``: the leads of
  reports whose main events are days apart are not compared), to show what it adds;
- ``claimdiff, no dates``: the same without any date evidence (``date_weight=0, recurrence_weight=0``: the days
  reports name are not compared), to show what it adds;
- ``claimdiff``: :class:`claimdiff.events.EventClusterer` with its defaults (each report compared with its 30
  nearest reports within 30 days: the candidate graph);
- ``claimdiff, all pairs``: the same with every pair compared (``n_candidates=None, window_days=None``), the
  n x n computation the candidate graph replaces;
- ``claimdiff, dense 0.1``: the same with the sentence-embedding channel switched on (``dense_weight=0.1``), to show
  what the dense channel adds;
- ``TF-IDF + average link``: cosine of TF-IDF (sublinear tf, English stop words) of headline and text, average
  linkage with one distance threshold for both datasets;
- ``mean embeddings + average link``: cosine of the mean all-MiniLM-L6-v2 sentence vector of each report, average
  linkage, one threshold;
- ``BERTopic``: the same report vectors passed in, its default UMAP + HDBSCAN (UMAP given ``random_state=0`` so that
  the run repeats), one topic = one event, each outlier (-1) an event of its own.

The two baseline thresholds are chosen here, on the development parts only (ECB+ train topics and GVC train
incidents, each clustered on its own), as the one threshold with the best mean B-cubed F1 over the two; the table
says which. claimdiff's defaults were chosen the same way, once, when they were set.

Timing and memory: sentence embedding is done once, before the rows, and reported on its own (the rows that use
report vectors read them from a file). Each row runs in a fresh Python process; ``wall`` is the time of the
clustering call only, ``peak MB`` the process's peak resident set size during that call (``VmHWM`` in
``/proc/self/status``, reset through ``/proc/self/clear_refs`` just before the call: Python, libraries and data count
too) and ``+MB`` how far the call took it above the resident size just before it. tracemalloc is not used: it misses
memory that numpy, scipy and torch allocate outside Python's allocator; nor is ``getrusage().ru_maxrss``, which Linux
carries over from the parent process across ``exec``.
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
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "benchmarks" / "results"
DATASETS = {"ecbplus": "ECB+ sub-topics", "gvc": "GVC incidents"}
METHODS = {
    "claimdiff": "claimdiff (defaults)",
    "claimdiff_norecurrence": "claimdiff, no recurrence",
    "claimdiff_nodates": "claimdiff, no dates",
    "claimdiff_all_pairs": "claimdiff, all pairs",
    "claimdiff_dense": "claimdiff, dense 0.1",
    "tfidf": "TF-IDF + average link",
    "embeddings": "mean embeddings + average link",
    "bertopic": "BERTopic (UMAP + HDBSCAN)",
}
THRESHOLDS = np.round(np.arange(0.05, 1.0, 0.025), 3)


# ---------------------------------------------------------------------------------------------------- the methods


def report_texts(reports: pd.DataFrame) -> list[str]:
    from claimdiff.events.similarity import report_texts as texts

    return texts(reports)


def average_link(similarity: np.ndarray, threshold: float) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    distance = np.clip(1 - similarity, 0, None)
    np.fill_diagonal(distance, 0)
    if len(distance) < 2:
        return np.zeros(len(distance), dtype=np.int64)
    model = AgglomerativeClustering(metric="precomputed", linkage="average", distance_threshold=threshold,
                                    n_clusters=None)
    return model.fit_predict(distance)


def tfidf_similarity(reports: pd.DataFrame) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(report_texts(reports))
    return np.asarray((matrix @ matrix.T).todense())


def embedding_similarity(vectors: np.ndarray) -> np.ndarray:
    return vectors @ vectors.T


def run_method(method: str, reports: pd.DataFrame, sentences: pd.DataFrame, vectors: np.ndarray,
               thresholds: dict[str, float]) -> np.ndarray:
    """Cluster labels for ``reports`` (aligned rows) by ``method``."""
    if method == "claimdiff":
        from claimdiff.events import EventClusterer

        return EventClusterer().fit(reports).labels_
    if method == "claimdiff_nodates":
        from claimdiff.events import EventClusterer

        return EventClusterer(date_weight=0, recurrence_weight=0).fit(reports).labels_
    if method == "claimdiff_norecurrence":
        from claimdiff.events import EventClusterer

        return EventClusterer(recurrence_weight=0).fit(reports).labels_
    if method == "claimdiff_all_pairs":
        from claimdiff.events import EventClusterer

        return EventClusterer(n_candidates=None, window_days=None).fit(reports).labels_
    if method == "claimdiff_dense":
        from claimdiff.embed import Embedder
        from claimdiff.events import EventClusterer

        return EventClusterer(Embedder(show_progress=False), dense_weight=0.1).fit(reports, sentences).labels_
    if method == "tfidf":
        return average_link(tfidf_similarity(reports), thresholds["tfidf"])
    if method == "embeddings":
        return average_link(embedding_similarity(vectors), thresholds["embeddings"])
    if method == "bertopic":
        return bertopic_labels(report_texts(reports), vectors)
    raise KeyError(method)


def bertopic_labels(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    from bertopic import BERTopic
    from umap import UMAP

    # BERTopic's own default UMAP, with a seed so that the run repeats.
    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", low_memory=False,
                      random_state=0)
    topics, _ = BERTopic(umap_model=umap_model).fit_transform(texts, embeddings=vectors)
    topics = np.asarray(topics)
    outliers = np.flatnonzero(topics == -1)
    topics[outliers] = topics.max() + 1 + np.arange(len(outliers))  # each outlier its own event
    return topics


# --------------------------------------------------------------------------------------------------------- data


def load(name: str) -> pd.DataFrame:
    from claimdiff.datasets import DATASETS as LOADERS

    folder = SHARED / "datasets" / name
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: set CLAIMDIFF_SHARED to the folder that holds datasets/{name}")
    return LOADERS[name](folder)


def part(reports: pd.DataFrame, which: str) -> pd.DataFrame:
    return reports if which == "all" else reports[reports["split"].eq(which)].reset_index(drop=True)


def mean_vectors(reports: pd.DataFrame, sentences: pd.DataFrame, sentence_vectors: np.ndarray) -> np.ndarray:
    from sklearn.preprocessing import normalize

    position = {report_id: i for i, report_id in enumerate(reports["id"])}
    rows = sentences["report_id"].map(position)
    keep = rows.notna().to_numpy()
    sums = np.zeros((len(reports), sentence_vectors.shape[1]))
    np.add.at(sums, rows[keep].to_numpy(dtype=np.int64), sentence_vectors[keep])
    return normalize(sums).astype(np.float32)


def prepare(workdir: Path, cold: bool = False) -> dict:
    """Load both datasets, split sentences, embed every sentence once, and write it all to ``workdir``.

    The embedder's usual cache is used, unless ``cold``: then a new empty cache, so that the time is that of a
    first run.
    """
    from claimdiff.embed import Embedder
    from claimdiff.sentences import split_sentences

    info = {}
    embedder = Embedder(cache_dir=workdir / "embedding-cache") if cold else Embedder()
    for name in DATASETS:
        reports = load(name)
        sentences = split_sentences(reports)
        start = time.perf_counter()
        vectors = embedder.encode(sentences["text"].tolist())
        seconds = time.perf_counter() - start
        info[name] = {"reports": len(reports), "sentences": len(sentences), "embed_seconds": seconds,
                      "embedded": embedder.n_encoded_, "from_cache": embedder.n_cached_}
        reports.to_pickle(workdir / f"{name}-reports.pkl")
        sentences.to_pickle(workdir / f"{name}-sentences.pkl")
        np.save(workdir / f"{name}-sentence-vectors.npy", vectors)
    return info


def inputs(workdir: Path, name: str, which: str):
    reports = pd.read_pickle(workdir / f"{name}-reports.pkl")
    sentences = pd.read_pickle(workdir / f"{name}-sentences.pkl")
    vectors = np.load(workdir / f"{name}-sentence-vectors.npy")
    chosen = part(reports, which)
    keep = sentences["report_id"].isin(set(chosen["id"])).to_numpy()
    return chosen, sentences[keep].reset_index(drop=True), mean_vectors(chosen, sentences[keep], vectors[keep])


def choose_thresholds(workdir: Path) -> tuple[dict[str, float], pd.DataFrame]:
    """For each average-link baseline, the threshold with the best mean B-cubed F1 over the two train parts."""
    from claimdiff.evaluate import bcubed

    rows = []
    for name in DATASETS:
        reports, _, vectors = inputs(workdir, name, "train")
        for method, similarity in (("tfidf", tfidf_similarity(reports)), ("embeddings", embedding_similarity(vectors))):
            for threshold in THRESHOLDS:
                f1 = bcubed(reports["gold_event"], average_link(similarity, threshold))[2]
                rows.append({"method": method, "dataset": name, "threshold": threshold, "bcubed_f1": f1})
    grid = pd.DataFrame(rows)
    mean = grid.groupby(["method", "threshold"])["bcubed_f1"].mean()
    chosen = {method: float(mean[method].idxmax()) for method in ("tfidf", "embeddings")}
    return chosen, grid


# ------------------------------------------------------------------------------------------------------ one row


def memory_mb(field: str) -> float:
    """``VmRSS`` (resident now) or ``VmHWM`` (peak resident) of this process, in MB; NaN where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return float("nan")


def reset_peak_memory() -> None:
    """Start ``VmHWM`` again from the current resident size (Linux 4.0+); without it, loading counts as the peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def worker(method: str, name: str, which: str, workdir: Path, thresholds: dict[str, float]) -> dict:
    """Run one method on one part in this (fresh) process; return its scores, time and memory."""
    from claimdiff.evaluate import score_clustering

    reports, sentences, vectors = inputs(workdir, name, which)
    if method == "bertopic":  # import outside the timed call, as for every other method
        import bertopic  # noqa: F401
    reset_peak_memory()
    before = memory_mb("VmRSS")
    start = time.perf_counter()
    labels = run_method(method, reports, sentences, vectors, thresholds)
    seconds = time.perf_counter() - start
    peak = memory_mb("VmHWM")
    score = score_clustering(reports["gold_event"], labels)
    return {"method": method, "dataset": name, "part": which, **score, "wall_seconds": seconds,
            "peak_mb": peak, "added_mb": peak - before}


# ------------------------------------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    return describe("torch", "sklearn", "bertopic")


def markdown(table: pd.DataFrame, info: dict, thresholds: dict[str, float], grid: pd.DataFrame,
             host: dict[str, str]) -> str:
    lines = [
        f"# Event clustering benchmark — {host['date']}",
        "",
        "Produced by `benchmarks/events.py` (its docstring says what each row is and how time and memory are "
        "measured).",
        "",
        "Machine: " + ", ".join(f"{key} {value}" for key, value in host.items() if key != "date") + ".",
        "",
        "Each part is clustered on its own (all reports; the test split alone). B³ = B-cubed; pairwise = F1 over "
        "pairs of reports; V = V-measure; events = predicted clusters (gold in brackets); wall = the clustering "
        "call in seconds; peak MB = peak RSS of the row's process; +MB = what the call added to it.",
        "",
        "| method | data | part | reports | events (gold) | B³ P | B³ R | B³ F1 | pairwise F1 | V | wall s | peak MB "
        "| +MB |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in table.itertuples():
        lines.append(
            f"| {METHODS[row.method]} | {DATASETS[row.dataset]} | {row.part} | {row.n_items} | "
            f"{row.n_pred_clusters} ({row.n_gold_clusters}) | {row.bcubed_precision:.3f} | {row.bcubed_recall:.3f} | "
            f"**{row.bcubed_f1:.3f}** | {row.pairwise_f1:.3f} | {row.v_measure:.3f} | {row.wall_seconds:.2f} | "
            f"{row.peak_mb:.0f} | {row.added_mb:.0f} |"
        )
    lines += ["", "Sentence embedding (all-MiniLM-L6-v2 through `claimdiff.embed.Embedder`, once for every row that "
              "uses report vectors; the claimdiff default row does not use them; BERTopic's wall time includes "
              "numba compiling UMAP on first use, some 15 s):", ""]
    for name, item in info.items():
        lines.append(
            f"- {DATASETS[name]}: {item['reports']} reports, {item['sentences']} sentences, "
            f"{item['embed_seconds']:.1f} s ({item['embedded']} embedded now, {item['from_cache']} from the cache)."
        )
    best = grid.groupby(["method", "dataset"])["bcubed_f1"].max().unstack()
    lines += [
        "",
        "Baseline thresholds (cosine distance), each chosen once for both datasets as the best mean B³ F1 over the "
        "ECB+ train topics and the GVC train incidents (each clustered on its own): "
        f"TF-IDF {thresholds['tfidf']:.3f}, mean embeddings {thresholds['embeddings']:.3f}. "
        "For reference, the best B³ F1 each baseline reaches on a train part with a threshold tuned to that part "
        "alone: "
        + "; ".join(f"{METHODS[m]}: ECB+ {best.loc[m, 'ecbplus']:.3f}, GVC {best.loc[m, 'gvc']:.3f}"
                    for m in ("tfidf", "embeddings"))
        + ".",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=3, metavar=("METHOD", "DATASET", "PART"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--thresholds", help=argparse.SUPPRESS)
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=list(METHODS))
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for events-<date>.md and .csv")
    parser.add_argument("--cold-embeddings", action="store_true",
                        help="embed into a new empty cache, to time a first run (about 4 minutes on 2 cores)")
    args = parser.parse_args()
    if args.worker:
        result = worker(*args.worker, args.workdir, json.loads(args.thresholds))
        print(json.dumps(result))
        return

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory(prefix="claimdiff-bench-") as tmp:
        workdir = Path(tmp)
        print("loading, splitting and embedding ...", flush=True)
        info = prepare(workdir, cold=args.cold_embeddings)
        thresholds, grid = choose_thresholds(workdir)
        print(f"baseline thresholds chosen on the train parts: {thresholds}", flush=True)
        rows = []
        for method in args.methods:
            for name in DATASETS:
                for which in ("all", "test"):
                    command = [sys.executable, __file__, "--worker", method, name, which, "--workdir", str(workdir),
                               "--thresholds", json.dumps(thresholds)]
                    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ})
                    if done.returncode != 0:
                        sys.exit(f"{method} on {name}/{which} failed:\n{done.stderr[-3000:]}")
                    row = json.loads(done.stdout.strip().splitlines()[-1])
                    rows.append(row)
                    print(f"{METHODS[method]:32} {name:8} {which:4} B3 F1 {row['bcubed_f1']:.3f} "
                          f"{row['wall_seconds']:7.2f} s {row['peak_mb']:6.0f} MB", flush=True)
    table = pd.DataFrame(rows)
    host = machine()
    stamp = dt.date.today().isoformat()
    args.out.mkdir(parents=True, exist_ok=True)
    table.assign(method_name=table["method"].map(METHODS), **{f"machine_{k}": v for k, v in host.items()}).to_csv(
        args.out / f"events-{stamp}.csv", index=False)
    text = markdown(table, info, thresholds, grid, host)
    (args.out / f"events-{stamp}.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
