"""How the date-evidence settings of EventClusterer were chosen: B-cubed F1 on the development parts only.

    PYTHONPATH=lib .venv/bin/python benchmarks/events_settings.py   # writes results/events-settings-<date>.md, .csv

Development parts: the ECB+ train topics and the GVC train incidents, each clustered on its own (the test parts and
the demo corpus are not looked at). Every other setting stays at its default; the grid is ``date_weight`` x
``date_tolerance_days`` x ``link_threshold``. The default is the row with the best mean F1 over the two parts (ties:
the smallest ``date_weight``, then the smallest tolerance, then the lowest threshold: the least change).
``benchmarks/events.py`` then measures the default against the baselines.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
from pathlib import Path

import pandas as pd
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "benchmarks" / "results"
GRID = {
    "date_weight": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5),
    "date_tolerance_days": (0, 1),
    "link_threshold": (0.065, 0.07, 0.075),
}


def development_parts() -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    from claimdiff.datasets import DATASETS
    from claimdiff.sentences import split_sentences

    parts = {}
    for name in ("ecbplus", "gvc"):
        folder = SHARED / "datasets" / name
        if not folder.is_dir():
            sys.exit(f"{folder} is missing: set CLAIMDIFF_SHARED to the folder that holds datasets/{name}")
        reports = DATASETS[name](folder)
        train = reports[reports["split"].eq("train")].reset_index(drop=True)
        parts[name] = (train, split_sentences(train))
    return parts


def main() -> None:
    from claimdiff.evaluate import bcubed
    from claimdiff.events import EventClusterer

    parts = development_parts()
    rows = []
    for values in itertools.product(*GRID.values()):
        settings = dict(zip(GRID, values, strict=True))
        row = dict(settings)
        for name, (reports, sentences) in parts.items():
            labels = EventClusterer(**settings).fit(reports, sentences).labels_
            row[f"{name}_train_f1"] = bcubed(reports["gold_event"], labels)[2]
        row["mean_f1"] = (row["ecbplus_train_f1"] + row["gvc_train_f1"]) / 2
        rows.append(row)
        print(" ".join(f"{key} {value:.4g}" for key, value in row.items()), flush=True)
    table = pd.DataFrame(rows)
    best = table.loc[table["mean_f1"].idxmax()]
    host = describe("sklearn")
    stamp = dt.date.today().isoformat()
    RESULTS.mkdir(parents=True, exist_ok=True)
    table.to_csv(RESULTS / f"events-settings-{stamp}.csv", index=False)
    lines = [
        f"# Event clustering: date-evidence settings on the development parts — {host['date']}",
        "",
        "Produced by `benchmarks/events_settings.py`. B-cubed F1 on the ECB+ train topics and the GVC train incidents"
        " (each clustered on its own); all other settings at their defaults.",
        "",
        "Machine: " + ", ".join(f"{key} {value}" for key, value in host.items() if key != "date") + ".",
        "",
        "| date_weight | date_tolerance_days | link_threshold | ECB+ train | GVC train | mean |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for row in table.itertuples():
        lines.append(f"| {row.date_weight:g} | {row.date_tolerance_days} | {row.link_threshold:g} | "
                     f"{row.ecbplus_train_f1:.4f} | {row.gvc_train_f1:.4f} | {row.mean_f1:.4f} |")
    lines += ["", f"Best mean: date_weight {best['date_weight']:g}, date_tolerance_days "
              f"{int(best['date_tolerance_days'])}, link_threshold {best['link_threshold']:g} "
              f"(mean F1 {best['mean_f1']:.4f}).", ""]
    (RESULTS / f"events-settings-{stamp}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
