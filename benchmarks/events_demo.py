"""The default event clustering checked on the synthetic demo corpus against corpus/demo/gold.yaml (a check only: no
setting is chosen on it).

    PYTHONPATH=lib .venv/bin/python benchmarks/events_demo.py   # writes results/events-demo-<date>.md

Rows: the defaults, the defaults without the recurrence penalty (``recurrence_weight=0``), and without any date
evidence (``date_weight=0, recurrence_weight=0``). For each: B-cubed precision, recall
and F1, and which predicted event each gold event's reports went to.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd
import yaml
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "corpus" / "demo"
RESULTS = REPO / "benchmarks" / "results"
ROWS = {"claimdiff (defaults)": {}, "claimdiff, no recurrence": {"recurrence_weight": 0},
        "claimdiff, no dates": {"date_weight": 0, "recurrence_weight": 0}}


def main() -> None:
    from claimdiff import load_corpus
    from claimdiff.evaluate import bcubed
    from claimdiff.events import cluster_events

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the demo's planted rejections
        reports, _ = load_corpus(DEMO)
    gold = yaml.safe_load((DEMO / "gold.yaml").read_text())
    event_of = {report: event["id"] for event in gold["events"] for report in event["reports"]}
    keys = reports["source_path"].where(reports["source_path"].isin(event_of), reports["id"])
    gold_events = keys.map(event_of)
    host = describe()
    lines = [f"# Event clustering on the demo corpus (a check, not a training set) — {host['date']}", "",
             "Produced by `benchmarks/events_demo.py`. Machine: "
             + ", ".join(f"{key} {value}" for key, value in host.items() if key != "date") + ".", ""]
    for name, settings in ROWS.items():
        assignments, _ = cluster_events(reports, **settings)
        precision, recall, f1 = bcubed(gold_events, assignments["event_id"])
        lines += [f"## {name}: B³ P {precision:.3f}, R {recall:.3f}, F1 {f1:.3f}", "",
                  "Reports of each gold event (rows) by predicted event (columns):", "",
                  pd.crosstab(gold_events.to_numpy(), assignments["event_id"].to_numpy(), rownames=["gold"],
                              colnames=["event"]).to_markdown(), ""]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"events-demo-{dt.date.today().isoformat()}.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
