"""How the candidate window of event clustering (``window_days``) trades speed for quality, on GVC.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/events_window.py   # writes results/events-window-<date>.md/.csv

GVC incidents (train, test, all; each part clustered on its own) with the defaults of
:class:`claimdiff.events.EventClusterer` except ``window_days``. The default window is the smallest whose B-cubed F1
on the train part stays within 0.01 of no window (every pair compared); the test part is reported, not used.
ECB+ has no publication dates, so the window does not change it.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pandas as pd
from machine import describe  # benchmarks/machine.py

REPO = Path(__file__).resolve().parents[1]
GVC = REPO.parent / "shared" / "datasets" / "gvc"
RESULTS = REPO / "benchmarks" / "results"
WINDOWS = [30.0, 90.0, 180.0, 365.0, None]


def main() -> None:
    from claimdiff.datasets import load_gvc
    from claimdiff.evaluate import bcubed
    from claimdiff.events import EventClusterer

    reports = load_gvc(GVC)
    rows = []
    for window in WINDOWS:
        for part in ("train", "test", "all"):
            subset = reports if part == "all" else reports[reports["split"] == part]
            start = time.perf_counter()
            labels = EventClusterer(window_days=window).fit(subset).labels_
            precision, recall, f1 = bcubed(subset["gold_event"], labels)
            rows.append({"window_days": "none" if window is None else int(window), "part": part,
                         "reports": len(subset), "bcubed_p": round(precision, 3), "bcubed_r": round(recall, 3),
                         "bcubed_f1": round(f1, 3), "seconds": round(time.perf_counter() - start, 2)})
    table = pd.DataFrame(rows)
    host = describe("sklearn")
    lines = [f"# Event clustering: the candidate window on GVC — {host['date']}", "",
             "Produced by `benchmarks/events_window.py`. Machine: "
             + ", ".join(f"{key} {value}" for key, value in host.items() if key != "date") + ".", "",
             table.to_markdown(index=False), ""]
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"events-window-{dt.date.today().isoformat()}"
    stem.with_suffix(".md").write_text("\n".join(lines))
    table.to_csv(stem.with_suffix(".csv"), index=False)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
