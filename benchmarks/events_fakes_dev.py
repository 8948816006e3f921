"""Event clustering on FA-KES against the gold incidents of its development part, with baselines and what each part
of the default configuration buys: one table, written with machine and date.

    PYTHONPATH=lib .venv/bin/python benchmarks/events_fakes_dev.py   # writes results/events-fakes-dev-<date>.md/.csv

Every clustering runs on ALL of FA-KES (804 reports, 15 outlets); B-cubed precision, recall and F1 are scored on
the reports of the development part only (``gold/incidents-dev.csv``: 460 report ids, 299 incidents; read its
ANNOTATION.md). The held-out part is not read here. Rows:

- ``claimdiff (defaults)``: :class:`claimdiff.events.EventClusterer` as shipped;
- ``... without X``: the defaults with one change undone, to show what it buys (the same changes are scored on the
  ECB+ and GVC parts too, in the columns on the right: the defaults must hold there as well);
- ``variant: ...``: other settings tried and not kept;
- ``claimdiff, 2026-12-01 defaults``: every change undone (the configuration before issue #13);
- ``every report alone``: one event per report;
- ``FA-KES (date, location)``: one event per recorded date and governorate, the dataset's own columns;
- ``TF-IDF + average link``: cosine of TF-IDF (sublinear tf, English stop words) of headline and text, average
  linkage, at the distance threshold that is best on this very dev part (an upper bound for that baseline: its
  threshold is tuned on the answers; the threshold and the grid are in the result file).

Data: ``$CLAIMDIFF_SHARED/datasets/{fakes,ecbplus,gvc}``.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from events import average_link, tfidf_similarity  # benchmarks/events.py
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "benchmarks" / "results"
# Each change of issue #13, undone on its own; then all of them (the settings of 2026-12-01).
ABLATIONS = {
    "claimdiff (defaults)": {},
    "without the dateline correction": {"datelines": False},
    "without the house-style weighting": {"house_style": False},
    "without the opening channel": {"opening_weight": 0.0},
    "without the opening place clash": {"place_weight": 0.0},
    "without the opening act clash": {"act_weight": 0.0},
    "with the old time penalty (0.1)": {"time_weight": 0.1},
    "with the old recurrence gap (2 days)": {"recurrence_days": 2.0},
    "with the old date clash (days 1 apart)": {"date_clash_days": 1},
    "without the canonical place names": {"canonical_places": False},
    "without the rejoin pass": {"rejoin": False},
    # Other settings tried, not kept.
    "variant: opening weight 0.3": {"opening_weight": 0.3},
    "variant: act weight 0.05": {"act_weight": 0.05},
    "variant: act weight 0.15": {"act_weight": 0.15},
    "variant: time penalty 0.3": {"time_weight": 0.3},
    "variant: link threshold 0.09": {"link_threshold": 0.09},
    "variant: link threshold 0.25": {"link_threshold": 0.25},
    "variant: identity evidence 0.05 (same day)": {"identity_weight": 0.05},
    "claimdiff, 2026-12-01 defaults": {"datelines": False, "house_style": False, "opening_weight": 0.0,
                                       "place_weight": 0.0, "act_weight": 0.0, "time_weight": 0.1,
                                       "recurrence_days": 2.0, "canonical_places": False, "rejoin": False},
}
THRESHOLDS = np.round(np.arange(0.05, 1.0, 0.025), 3)


def load(name: str) -> pd.DataFrame:
    from claimdiff.datasets import DATASETS

    folder = SHARED / "datasets" / name
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: set CLAIMDIFF_SHARED to the folder that holds datasets/{name}")
    return DATASETS[name](folder)


def dev_gold() -> pd.DataFrame:
    path = SHARED / "datasets" / "fakes" / "gold" / "incidents-dev.csv"
    if not path.is_file():
        sys.exit(f"{path} is missing")
    return pd.read_csv(path, dtype=str)


def score(gold: pd.DataFrame, report_ids: pd.Series, labels) -> dict:
    """B-cubed P/R/F1 of ``labels`` (aligned with ``report_ids``) on the gold's reports."""
    from claimdiff.evaluate import score_clustering

    predicted = pd.Series(np.asarray(labels), index=report_ids.to_numpy()).reindex(gold["report_id"])
    if predicted.isna().any():
        raise ValueError(f"{int(predicted.isna().sum())} gold report ids are not in FA-KES as loaded")
    result = score_clustering(gold["incident"].tolist(), predicted.astype(str).tolist())
    return {"bcubed_precision": result["bcubed_precision"], "bcubed_recall": result["bcubed_recall"],
            "bcubed_f1": result["bcubed_f1"], "predicted_clusters_in_dev": result["n_pred_clusters"]}


def benchmark_f1(reports: pd.DataFrame, which: str, settings: dict) -> float:
    from claimdiff.evaluate import bcubed
    from claimdiff.events import EventClusterer

    part = reports if which == "all" else reports[reports["split"].eq(which)].reset_index(drop=True)
    return bcubed(part["gold_event"], EventClusterer(**settings).fit(part).labels_)[2]


def main() -> None:
    from claimdiff.events import EventClusterer
    from claimdiff.sentences import split_sentences

    fakes, gold = load("fakes"), dev_gold()
    sentences = split_sentences(fakes)
    benchmarks = {name: load(name) for name in ("ecbplus", "gvc")}
    rows = []
    for name, settings in ABLATIONS.items():
        start = time.perf_counter()
        labels = EventClusterer(**settings).fit(fakes, sentences).labels_
        seconds = time.perf_counter() - start
        row = {"method": name, "settings": str(settings or "defaults"), **score(gold, fakes["id"], labels),
               "fakes_seconds": round(seconds, 2)}
        for dataset, reports in benchmarks.items():
            for which in ("train", "all"):
                row[f"{dataset}_{which}_f1"] = benchmark_f1(reports, which, settings)
        rows.append(row)
        print(f"{name:40} dev P {row['bcubed_precision']:.3f} R {row['bcubed_recall']:.3f} "
              f"F1 {row['bcubed_f1']:.3f} | ECB+ {row['ecbplus_all_f1']:.3f} GVC {row['gvc_all_f1']:.3f}", flush=True)
    rows.append({"method": "every report alone", **score(gold, fakes["id"], np.arange(len(fakes)))})
    by_date_place = fakes["published"].dt.strftime("%Y-%m-%d").fillna("") + "|" + fakes["location"].str.lower()
    rows.append({"method": "FA-KES (date, location)", **score(gold, fakes["id"], by_date_place.to_numpy())})
    similarity = tfidf_similarity(fakes)
    grid = pd.DataFrame([{"threshold": t, **score(gold, fakes["id"], average_link(similarity, t))}
                         for t in THRESHOLDS])
    best = grid.loc[grid["bcubed_f1"].idxmax()]
    rows.append({"method": f"TF-IDF + average link (threshold {best['threshold']:.3f}, best on dev)",
                 **best.drop("threshold").to_dict()})
    table = pd.DataFrame(rows)
    host = describe()
    stamp = dt.date.today().isoformat()
    RESULTS.mkdir(parents=True, exist_ok=True)
    table.assign(**{f"machine_{k}": v for k, v in host.items()}).to_csv(
        RESULTS / f"events-fakes-dev-{stamp}.csv", index=False)
    shown = table.drop(columns=["settings"]).round(3)
    title = "Event clustering on FA-KES, scored on the gold incidents of the development part"
    lines = [f"# {title} — {host['date']}", "",
             "Produced by `benchmarks/events_fakes_dev.py`. Machine: "
             + ", ".join(f"{key} {value}" for key, value in host.items() if key != "date") + ".", "",
             f"All {len(fakes)} FA-KES reports clustered; B-cubed on the {len(gold)} reports of the dev part "
             f"({gold['incident'].nunique()} incidents). The ECB+ and GVC columns: B-cubed F1 of the same settings "
             "on their train parts and on all of each (each clustered on its own). Seconds: FA-KES clustering only, "
             "on a machine shared with other jobs.", "",
             shown.to_markdown(index=False), "",
             "TF-IDF + average link, B-cubed on the dev part by distance threshold:", "",
             grid.round(3).to_markdown(index=False), ""]
    (RESULTS / f"events-fakes-dev-{stamp}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
