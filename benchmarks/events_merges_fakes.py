"""Which FA-KES dev incidents the default event clustering merges, and a what-if: would a penalty for two reports
whose leads tell of days far apart split them without costing ECB+ and GVC?

    CLAIMDIFF_SHARED=../shared PYTHONPATH=lib .venv/bin/python benchmarks/events_merges_fakes.py   # prints only

Part 1 lists every predicted event that holds reports of two or more gold incidents (``gold/incidents-dev.csv``),
with each report's outlet, publication day, the day its lead tells of (:func:`claimdiff.events.dates.main_events`,
as the clusterer reads it) and the places its opening names (:func:`claimdiff.events.places.opening_places`; empty
when the opening names no gazetteer place, so that no place clash can part it from another report).

Part 2 scores variants of a penalty that is NOT in the library: ``weight`` is taken off the similarity of two reports
whose leads' days are ``days`` or more apart (``s``: unless they name a day in common; ``p``: and their publication
days are that far apart too). It wraps :func:`claimdiff.events.pairs.pair_similarity` for the run; B-cubed F1 on
FA-KES dev, ECB+ (all) and GVC (all), as ``benchmarks/events_fakes_dev.py`` scores them. The defaults stay unless a
variant keeps ECB+ >= 0.95 and GVC >= 0.97 and raises FA-KES dev.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from events_fakes_dev import benchmark_f1, dev_gold, load, score  # benchmarks/events_fakes_dev.py

import claimdiff.events.pairs as pairs
from claimdiff.events import EventClusterer
from claimdiff.sentences import split_sentences

VARIANTS = [(0.0, 10, ""), (0.2, 10, ""), (0.2, 10, "s"), (0.2, 10, "sp"), (0.2, 30, "sp"), (0.1, 10, "sp"),
            (0.3, 14, "sp")]
_ORIGINAL = pairs.pair_similarity


def far_apart_similarity(weight: float, days: float, flags: str):
    """``pair_similarity`` with the far-apart penalty of the module docstring."""
    def similarity(features, rows, cols):
        values = _ORIGINAL(features, rows, cols)
        rows, cols = np.asarray(rows), np.asarray(cols)
        with np.errstate(invalid="ignore"):  # NaN: a lead that names no day
            far = np.abs(features.event_days[rows] - features.event_days[cols]) >= days
            if "p" in flags:
                far &= np.abs(features.days[rows] - features.days[cols]) >= days
        if "s" in flags:
            far &= pairs.pair_agreement(features.stated_days, features.stated_days_wide, rows, cols) != 1
        values = values - np.float32(weight) * far
        values[rows == cols] = 1.0
        return values.astype(np.float32)
    return similarity


def merged_incidents(fakes: pd.DataFrame, sentences: pd.DataFrame, gold: pd.DataFrame, labels) -> None:
    features = pairs.report_features(fakes, sentences)
    row = {report_id: k for k, report_id in enumerate(fakes["id"])}
    table = gold.assign(event=[labels[row[r]] for r in gold["report_id"]])
    merged = table.groupby("event").filter(lambda g: g["incident"].nunique() > 1)
    print(f"{merged['event'].nunique()} predicted events merge {merged['incident'].nunique()} gold incidents "
          f"({len(merged)} dev reports)\n")
    for event, group in merged.groupby("event"):
        print(f"event {event}")
        for report in group.sort_values("incident").itertuples():
            k = row[report.report_id]
            lead = features.event_days[k] - features.event_days[np.isfinite(features.event_days)].min()
            print(f"  {report.incident:14} {report.outlet:13} published day {features.days[k]:>7.0f} "
                  f"lead day {'none' if np.isnan(lead) else f'+{lead:.0f}':>6} "
                  f"opening places {sorted(features.places[k]) if features.places else '-'}")


def main() -> None:
    fakes, gold = load("fakes"), dev_gold()
    sentences = split_sentences(fakes)
    benchmarks = {name: load(name) for name in ("ecbplus", "gvc")}
    labels = EventClusterer().fit(fakes, sentences).labels_
    merged_incidents(fakes, sentences, gold, labels)
    print("\nfar-apart penalty (not in the library): weight, days, flags -> B-cubed F1")
    for weight, days, flags in VARIANTS:
        pairs.pair_similarity = far_apart_similarity(weight, days, flags)
        try:
            result = score(gold, fakes["id"], EventClusterer().fit(fakes, sentences).labels_)
            ecb, gvc = (benchmark_f1(benchmarks[name], "all", {}) for name in ("ecbplus", "gvc"))
        finally:
            pairs.pair_similarity = _ORIGINAL
        print(f"  {weight:.1f} {days:>3} {flags or '-':3} FA-KES dev {result['bcubed_f1']:.3f} "
              f"(P {result['bcubed_precision']:.3f} R {result['bcubed_recall']:.3f})  ECB+ {ecb:.3f}  GVC {gvc:.3f}",
              flush=True)


if __name__ == "__main__":
    sys.exit(main())
