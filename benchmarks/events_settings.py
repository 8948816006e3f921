"""How the date-evidence settings of EventClusterer were chosen: B-cubed F1 on the development parts only.

    PYTHONPATH=lib .venv/bin/python benchmarks/events_settings.py dates       # results/events-settings-<date>.md, .csv
    PYTHONPATH=lib .venv/bin/python benchmarks/events_settings.py recurrence  # events-settings-recurrence-<date>.*

Development parts: the ECB+ train topics and the GVC train incidents, each clustered on its own (the test parts and
the demo corpus are not looked at). Every other setting stays at its default.

``dates``: the grid is ``date_weight`` x ``date_tolerance_days`` x ``link_threshold``. The default is the row with
the best mean F1 over the two parts (ties: the smallest ``date_weight``, then the smallest tolerance, then the
lowest threshold: the least change).

``recurrence``: the grid is ``recurrence_weight`` x ``recurrence_days`` (the penalty for two reports whose leads tell
alike of main events days apart, :mod:`claimdiff.events.similarity`). The development parts hold no pair it is
meant for (two events of one kind, told alike, days apart: GVC's incidents are far apart in place, ECB+ has no
publication dates), so they cannot show a gain, only a cost: the default is the strongest setting (the highest
weight, then the fewest days) whose mean F1 stays within 0.0005 of the weight 0.
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
GRIDS = {
    "dates": {
        "date_weight": (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5),
        "date_tolerance_days": (0, 1),
        "link_threshold": (0.065, 0.07, 0.075),
    },
    "recurrence": {
        "recurrence_weight": (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0),
        "recurrence_days": (2, 3, 5, 7),
    },
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


def main(grid_name: str) -> None:
    from claimdiff.evaluate import bcubed
    from claimdiff.events import EventClusterer

    grid = GRIDS[grid_name]
    parts = development_parts()
    rows = []
    for values in itertools.product(*grid.values()):
        settings = dict(zip(grid, values, strict=True))
        row = dict(settings)
        for name, (reports, sentences) in parts.items():
            labels = EventClusterer(**settings).fit(reports, sentences).labels_
            row[f"{name}_train_f1"] = bcubed(reports["gold_event"], labels)[2]
        row["mean_f1"] = (row["ecbplus_train_f1"] + row["gvc_train_f1"]) / 2
        rows.append(row)
        print(" ".join(f"{key} {value:.4g}" for key, value in row.items()), flush=True)
    table = pd.DataFrame(rows)
    if grid_name == "dates":  # the best mean; ties: the least change
        best = table.sort_values(["mean_f1", *grid], ascending=[False] + [True] * len(grid)).iloc[0]
        rule = "Best mean"
    else:  # the strongest setting that costs nothing (see the module docstring)
        off = table.loc[table["recurrence_weight"].eq(0), "mean_f1"].max()
        free = table[table["mean_f1"] >= off - 0.0005]
        best = free.sort_values(["recurrence_weight", "recurrence_days"], ascending=[False, True]).iloc[0]
        rule = f"Strongest within 0.0005 of weight 0 (mean F1 {off:.4f})"
    host = describe("sklearn")
    stamp = dt.date.today().isoformat()
    stem = RESULTS / (f"events-settings-{stamp}" if grid_name == "dates" else f"events-settings-{grid_name}-{stamp}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    table.to_csv(stem.with_suffix(".csv"), index=False)
    lines = [
        f"# Event clustering: {grid_name} settings on the development parts — {host['date']}",
        "",
        f"Produced by `benchmarks/events_settings.py {grid_name}` (its docstring gives the rule that picks the"
        " default). B-cubed F1 on the ECB+ train topics and the GVC train incidents (each clustered on its own); all"
        " other settings at their defaults.",
        "",
        "Machine: " + ", ".join(f"{key} {value}" for key, value in host.items() if key != "date") + ".",
        "",
        "| " + " | ".join(grid) + " | ECB+ train | GVC train | mean |",
        "|" + "---:|" * (len(grid) + 3),
    ]
    for row in table.to_dict("records"):
        lines.append("| " + " | ".join(f"{row[key]:g}" for key in grid) + f" | {row['ecbplus_train_f1']:.4f} | "
                     f"{row['gvc_train_f1']:.4f} | {row['mean_f1']:.4f} |")
    chosen = ", ".join(f"{key} {best[key]:g}" for key in grid)
    lines += ["", f"{rule}: {chosen} (mean F1 {best['mean_f1']:.4f}).", ""]
    stem.with_suffix(".md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in GRIDS:
        sys.exit(f"usage: events_settings.py {'|'.join(GRIDS)}")
    main(sys.argv[1])
