"""Event clustering at scale: wall time and peak memory of cluster_events and of BERTopic on 1k, 10k and 100k reports.

    .venv/bin/python benchmarks/scale.py        # writes benchmarks/results/scale-<date>.md, .csv, .png and .pdf

Corpus: real reports, replicated, at a constant number of reports a day. The base is all of ECB+ (982 reports) and
GVC (510; together 1492 reports, 327 gold events) from ``$CLAIMDIFF_SHARED/datasets``, in one seeded random order.
A report keeps its offset from its event's first report (GVC; at most 10 days) or gets 0-2 days (ECB+, which has no
dates). The corpus of size n is the first n reports of replica 0, 1, 2, ... of the base; in replica ``r`` each
event is put on a day drawn uniformly from a period of ``P`` days (the same day in every replica) and shifted
``r * P`` days, the outlets are rotated by ``r`` among the base's outlets, each sentence but the first is dropped
with probability 0.1, and every name and number is changed (:class:`Perturber`: each name becomes an invented word,
the same one throughout the replica, so that a copy is another event of the same kind, with other places, people,
tolls and days; month and weekday names and years stay). The gold event of a copy is (event, replica).

Two settings (``SETTINGS``):

- ``spread`` (the main rows, B-cubed meaningful): ``P`` = 200 days, more than the default candidate window (180
  days) plus an event's 10 days, so no two copies of one text are ever compared: some 7.5 reports a day whatever n,
  2,700 within a report's window. That is a topic followed in 10-15 outlets that each publish a relevant report
  every other day or so (the FA-KES corpus has 15 outlets), some 225 reports a month; it is thin for "whole months
  of coverage" of a war (a year of it is 2,700 reports, 100k reports are decades of it), which is what ``stress``
  is for.
- ``stress``: ``P`` = 45 days, 33 reports a day (some 1,000 a month: 30 outlets at about one relevant report a
  day), the density of the earlier runs; a report's 180-day window holds some 12,000 reports, among them eight
  renamed copies of its own event, told in the same words. The time and memory are those of a dense corpus; the
  B-cubed F1 is not a quality figure: the copies differ only in names, numbers and days, and the clustering merges
  some of them, which real reports of different events, worded independently, would not invite.

The copies' texts are new, so the word and name vocabularies grow with n as real ones do; only the sentence vectors
for BERTopic are those of the base sentences (embedding 1.7 million renamed sentences would take hours here).

Rows (each size and method in a fresh Python process; ``wall`` is the clustering call only, ``peak MB`` the
process's peak resident set size during it, as in ``benchmarks/events.py``):

- ``claimdiff``: :func:`claimdiff.events.cluster_events` with its defaults (candidate graph, no n x n matrix), given
  the reports only (it splits the sentences for the date evidence itself, inside the timed call), except
  ``datelines=False``: the copies keep the base texts' own time stamps ("Published: 8/19/2013"), which contradict
  the synthetic timeline, and reading the publication day from them would undo it (since 2026-12-06; with it the
  B-cubed F1 of 1k reports falls from 0.975 to 0.924, an artefact of the synthetic dates);
- ``BERTopic``: BERTopic 0.17 with its default UMAP (``random_state=0``) + HDBSCAN, given precomputed report vectors:
  the mean all-MiniLM-L6-v2 vector of the report's sentences (each distinct base sentence embedded once, through
  the claimdiff embedding cache; a replica's sentences are base sentences, so no new embedding is needed). Given
  ``--bertopic-budget`` seconds (default 900); past that the process is stopped and the row says so.

BERTopic's B-cubed F1 here is not a fair quality comparison: it gets the vectors of the unrenamed base sentences,
so the copies of an event look alike to it whatever their names. Its quality on real events is measured in
``benchmarks/events.py``; here it is the time and memory that compare.

The machine is shared: the load average at the start of each row is recorded beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from events import load, memory_mb, reset_peak_memory  # benchmarks/events.py
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
SIZES = (1_000, 10_000, 100_000)
MAX_OFFSET_DAYS = 10
# Days each replica of the base spans: "spread" puts the copies of an event further apart than the default candidate
# window (180 days) plus an event's spread; "stress" is the dense setting of earlier runs (copies 45 days apart).
SETTINGS = {"spread": 200, "stress": 45}
DROP = 0.1
METHODS = {"claimdiff": "claimdiff cluster_events", "bertopic": "BERTopic (UMAP + HDBSCAN)"}


# --------------------------------------------------------------------------------------------------------- corpus


def base_corpus(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ECB+ and GVC reports in a seeded random order, each with its days after its event's first report, and their
    sentences."""
    from claimdiff.sentences import split_sentences

    rng = np.random.default_rng(seed)
    parts = []
    for name in ("ecbplus", "gvc"):
        reports = load(name)
        reports = reports.assign(gold=name + ":" + reports["gold_event"].astype(str))
        published = pd.to_datetime(reports["published"], errors="coerce")
        first = published.groupby(reports["gold"]).transform("min")
        offset = (published - first).dt.days.fillna(pd.Series(rng.integers(0, 3, len(reports)), index=reports.index))
        reports["offset"] = offset.clip(0, MAX_OFFSET_DAYS)
        parts.append(reports[["id", "outlet", "title", "text", "gold", "offset"]])
    base = pd.concat(parts, ignore_index=True)
    base["id"] = base["id"].astype(str)
    base = base.iloc[rng.permutation(len(base))].reset_index(drop=True)
    return base, split_sentences(base)


def on_timeline(base: pd.DataFrame, period_days: int, seed: int = 0) -> pd.DataFrame:
    """``base`` with a ``day`` per report: its event's day, drawn uniformly from ``period_days``, plus its offset."""
    rng = np.random.default_rng(seed)
    event_day = {g: rng.integers(0, period_days) for g in sorted(base["gold"].unique())}
    return base.assign(day=base["gold"].map(event_day) + base["offset"])


# Words that name nothing (months, weekdays) stay; so do years, so that dates with their year keep their meaning.
_KEEP = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
         "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_TOKEN = re.compile(r"(?<![\w'’-])(?:[A-Z][A-Za-z'’-]*|\d+)(?![\w'’-])")
_SYLLABLES = ["ba", "ko", "ri", "ta", "mu", "se", "lo", "ven", "da", "gi", "nor", "pa", "zu", "hel", "ka", "mi",
              "ro", "tes", "vu", "an", "bel", "cor", "dun", "fi", "gar", "ish", "jo", "lum", "ost", "quin"]


class Perturber:
    """Renames the names and changes the numbers of a text, the same way throughout one replica.

    A name is a capitalised word whose lower-case form is rare in the base corpus (at most one lower-case use in
    ten), so that sentence openers ("The", "Police") stay and "Obama" or "Kobani" go; months and weekdays stay.
    In replica ``r`` each name becomes an invented word (one per name and replica, from a pool disjoint from
    the base's words) and each number another one (days of a month 1-28, other numbers the same count of
    digits; years 1900-2099 stay).
    """

    def __init__(self, texts: list[str], seed: int = 0):
        capitalised, lower = Counter(), Counter()
        for text in texts:
            capitalised.update(t for t in _TOKEN.findall(text) if not t[0].isdigit())
            lower.update(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", text))
        self.names = {w for w, c in capitalised.items()
                      if w not in _KEEP and lower[w.lower()] * 10 <= c and len(w) > 1}
        self.seed = seed
        self._maps: dict[int, dict[str, str]] = {}

    def _new(self, token: str, replica: int) -> str:
        rng = np.random.default_rng([self.seed, replica, zlib.crc32(token.encode())])
        if token.isdigit():
            value = int(token)
            if len(token) == 4 and 1900 <= value <= 2099:
                return token
            if value <= 31:
                return str(int(rng.integers(1, 29)))
            return str(int(rng.integers(10 ** (len(token) - 1), 10 ** len(token))))
        if token not in self.names:
            return token
        word = "".join(rng.choice(_SYLLABLES, size=max(2, min(4, len(token) // 3))))
        return word.upper()[: len(token)] if token.isupper() else word.capitalize()

    def __call__(self, text: str, replica: int) -> str:
        if replica == 0 or not isinstance(text, str):
            return text
        mapping = self._maps.setdefault(replica, {})

        def swap(match: re.Match) -> str:
            token = match.group()
            if token not in mapping:
                mapping[token] = self._new(token, replica)
            return mapping[token]

        return _TOKEN.sub(swap, text)


def replicated(base: pd.DataFrame, sentences: pd.DataFrame, n: int, period_days: int,
               perturb: Perturber | None = None, seed: int = 0) -> tuple[pd.DataFrame, list]:
    """The first ``n`` reports of the replicas of ``base``, and for each the indices of its kept sentences.

    ``base`` has a ``day`` (:func:`on_timeline`); replica ``r`` is shifted ``r * period_days``. ``perturb``: renames
    replica ``r``'s names and numbers (:class:`Perturber`); None keeps the texts as they are.
    """
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
        text = " ".join(sentence_texts[own]) if replica else report["text"]
        title = report["title"]
        if perturb is not None:
            text, title = perturb(text, replica), perturb(title, replica)
        rows.append({
            "id": f"{report['id']}~{replica}",
            "outlet": outlets[(outlet_index[str(report["outlet"])] + replica) % len(outlets)],
            "published": start + pd.Timedelta(days=float(report["day"]) + replica * period_days),
            "title": title,
            "text": text,
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


def worker(method: str, setting: str, size: int, workdir: Path) -> dict:
    from claimdiff.evaluate import bcubed

    reports = pd.read_pickle(workdir / f"reports-{setting}-{size}.pkl")
    vectors = np.load(workdir / f"vectors-{setting}-{size}.npy") if method == "bertopic" else None
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
        # The copies keep the base texts' own datelines (2008-2017), which contradict the synthetic timeline (2020
        # on): reading the publication day from them would undo the timeline, so that correction is off here.
        assignments, _ = cluster_events(reports, datelines=False)
        labels = assignments["event_id"].to_numpy()
    else:
        labels = bertopic_labels(reports["title"].fillna("").str.cat(reports["text"], sep="\n").tolist(), vectors)
    seconds = time.perf_counter() - start
    peak = memory_mb("VmHWM")
    return {"method": method, "setting": setting, "reports": size, "wall_seconds": seconds, "peak_mb": peak,
            "added_mb": peak - before,
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
    for (setting, method), rows in table.groupby(["setting", "method"], sort=False):
        done = rows[rows["status"].eq("ok")]
        label = f"{METHODS[method]} ({setting})"
        style = {"marker": "o", "ls": "--" if setting == "stress" else "-"}
        time_ax.plot(done["reports"], done["wall_seconds"], label=label, **style)
        memory_ax.plot(done["reports"], done["peak_mb"] / 1024, label=label, **style)
        for row in rows[~rows["status"].eq("ok")].itertuples():
            time_ax.annotate(row.status, (row.reports, time_ax.get_ylim()[1]), fontsize=6, ha="right", va="top")
    sizes = np.array(sorted(table["reports"].unique()), dtype=float)
    claimdiff = table[table["method"].eq("claimdiff") & table["setting"].eq("spread") & table["status"].eq("ok")]
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
        "| method | setting | reports | status | wall s | peak MB | +MB | events (gold) | B³ F1 | load avg at start |",
        "|---|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in table.itertuples():
        head = f"| {METHODS[row.method]} | {row.setting} | {row.reports} | {row.status} |"
        if row.status == "ok":
            lines.append(f"{head} {row.wall_seconds:.1f} | {row.peak_mb:.0f} | {row.added_mb:.0f} | "
                         f"{row.events} ({row.gold_events}) | {row.bcubed_f1:.3f} | {row.load} |")
        else:
            lines.append(f"{head} | | | | | {row.load} |")
    lines += [
        "",
        "Settings (reports a day; days between the copies of an event): "
        + "; ".join(f"{name} {info['base_reports'] / days:.1f} a day, {days} days" for name, days in SETTINGS.items())
        + ". The stress rows' B³ F1 is not a quality figure: each window holds eight renamed copies of every event "
        "(see the docstring).",
        "",
        f"Base: {info['base_reports']} reports ({info['base_events']} gold events), {info['base_sentences']} "
        f"sentences, {info['names']} names renamed in each copy; embedding the base sentences for "
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
    parser.add_argument("--worker", nargs=3, metavar=("METHOD", "SETTING", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=list(METHODS))
    parser.add_argument("--stress-sizes", nargs="*", type=int, default=[10_000, 100_000],
                        help="sizes of the dense stress setting (claimdiff only)")
    parser.add_argument("--bertopic-budget", type=float, default=900, help="seconds before a BERTopic row is stopped")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for scale-<date>.md, .csv, .png, .pdf")
    parser.add_argument("--redraw", type=Path, metavar="CSV", help="only draw the figure again from a results CSV")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1], int(args.worker[2]), args.workdir)))
        return
    if args.redraw:
        redraw(args.redraw)
        return

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from claimdiff.embed import Embedder

    host = describe("sklearn", "scipy", "bertopic", "umap")
    stamp = dt.date.today().isoformat()
    rows = []
    runs = [("spread", size, method) for size in args.sizes for method in args.methods]
    runs += [("stress", size, "claimdiff") for size in args.stress_sizes]
    with tempfile.TemporaryDirectory(prefix="claimdiff-scale-") as tmp:
        workdir = Path(tmp)
        print("building the base corpus ...", flush=True)
        base, sentences = base_corpus()
        perturb = Perturber(base["title"].fillna("").tolist() + base["text"].tolist())
        info = {"stamp": stamp, "base_reports": len(base), "base_sentences": len(sentences),
                "base_events": base["gold"].nunique(), "names": len(perturb.names)}
        sentence_vectors = None
        if "bertopic" in args.methods:
            embedder = Embedder(show_progress=False)
            start = time.perf_counter()
            sentence_vectors = np.asarray(embedder.encode(sentences["text"].tolist()), dtype=np.float32)
            info.update(embed_seconds=time.perf_counter() - start, embedded=embedder.n_encoded_,
                        from_cache=embedder.n_cached_)
        else:
            info.update(embed_seconds=float("nan"), embedded=0, from_cache=0)
        for setting, size, method in runs:
            corpus = workdir / f"reports-{setting}-{size}.pkl"
            if not corpus.exists():
                reports, kept = replicated(on_timeline(base, SETTINGS[setting]), sentences, size, SETTINGS[setting],
                                           perturb)
                reports.to_pickle(corpus)
                if sentence_vectors is not None:
                    np.save(workdir / f"vectors-{setting}-{size}.npy", report_vectors(kept, sentence_vectors))
            load_avg = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            command = [sys.executable, __file__, "--worker", method, setting, str(size), "--workdir", str(workdir)]
            budget = args.bertopic_budget if method == "bertopic" else None
            row = {"method": method, "setting": setting, "reports": size}
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=budget, env={**os.environ})
            except subprocess.TimeoutExpired:
                row["status"] = f"stopped after {budget:.0f} s"
            else:
                if done.returncode != 0:
                    row["status"] = f"failed: {done.stderr.strip()[-200:]}"
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
