"""How the default event clustering treats the 62 FA-KES dev incidents that two or more outlets report (the events
of ``gold/divergences-dev.yaml``), and which gold divergences that costs.

    CLAIMDIFF_SHARED=../shared HF_HUB_OFFLINE=1 PYTHONPATH=lib .venv/bin/python benchmarks/events_multi_outlet_fakes.py
    ... events_multi_outlet_fakes.py --events-only     # parts 1 and 2 only (no claims / divergence, ~10 s)

Prints only (it shows report text: never write its output into the repo). All of FA-KES is clustered with the
defaults of :class:`claimdiff.events.EventClusterer`; then, for the gold events of divergences-dev.yaml:

1. *split*: the event's reports lie in two or more predicted events (outlets in different predicted events are
   never compared). Each report is listed with its outlet, recorded stamp day, the publication day the clusterer
   uses (after the dateline correction), the day its lead tells of (:func:`claimdiff.events.dates.main_events`),
   the places and acts its opening names, its predicted event and its lead sentence; then, for each pair of
   reports in different predicted events, their similarity (:func:`claimdiff.events.pairs.pair_similarity`) with
   each penalty that took from it.
2. *merged*: the predicted event of one of its reports also holds reports of another gold incident
   (``gold/incidents-dev.csv``) or reports outside the dev part (other places and months, so other incidents).
3. the gold divergences found with the gold events but lost with the predicted events (scored as
   ``benchmarks/divergence_fakes.py`` scores them), each with why: ``split`` (the entry's reports are in different
   predicted events), ``merged`` (together, in an event that holds another incident's reports) or ``other``.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

import claimdiff.events.pairs as pairs
from claimdiff.datasets import load_fakes
from claimdiff.events import EventClusterer
from claimdiff.events.acts import act_clash
from claimdiff.events.dates import pair_agreement
from claimdiff.events.places import place_clash
from claimdiff.sentences import split_sentences

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
EPOCH = pd.Timestamp("1970-01-01")


def day(number: float) -> str:
    """A publication day number (days since 1970-01-01) as ISO text."""
    return "-" if not np.isfinite(number) else (EPOCH + pd.Timedelta(days=int(np.floor(number)))).strftime("%Y-%m-%d")


def ordinal_day(number: float) -> str:
    """A lead day (``date.toordinal()``) as ISO text."""
    return "-" if not np.isfinite(number) else date.fromordinal(int(number)).isoformat()


def penalties(features, i: int, j: int) -> str:
    """What each penalty of pair_similarity took from the pair (i, j), as text."""
    rows, cols = np.array([i]), np.array([j])
    parts = []
    if features.places is not None and place_clash(features.places, rows, cols)[0]:
        parts.append(f"place clash -{features.place_weight}")
    if features.acts is not None and act_clash(features.acts, rows, cols)[0]:
        parts.append(f"act clash -{features.act_weight}")
    agreement = pair_agreement(features.stated_days, features.stated_days_wide, rows, cols)[0]
    clash = agreement == -1
    if features.stated_days_near is not None:
        clash = pair_agreement(*features.stated_days_near, rows, cols)[0] == -1
    if clash:
        parts.append(f"date clash -{features.date_weight}")
    gap = abs(features.event_days[i] - features.event_days[j])
    if np.isfinite(gap) and gap >= features.recurrence_days:
        alike = pairs.pair_cosines(features.leads, rows, cols)[0]
        parts.append(f"recurrence (leads {gap:.0f} d apart, cos {alike:.2f}) -{features.recurrence_weight * alike:.3f}")
    if features.time_weight and agreement != 1:
        from claimdiff.events.candidates import time_penalty

        days = abs(features.days[i] - features.days[j])
        if np.isfinite(days) and days > 0:
            parts.append(f"time ({days:.1f} d) -{time_penalty(np.array([days]), features.time_weight, features.time_scale_days)[0]:.3f}")
    elif agreement == 1:
        parts.append("a day in common (time penalty waived)")
    return "; ".join(parts) or "no penalty"


def lead_sentence(sentences: pd.DataFrame, report_id: str) -> str:
    mine = sentences[sentences["report_id"] == report_id]
    return "" if mine.empty else " ".join(mine.iloc[0]["text"].split())[:200]


def main() -> None:
    folder = SHARED / "datasets" / "fakes"
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: set CLAIMDIFF_SHARED to the folder that holds datasets/fakes")
    gold = yaml.safe_load((folder / "gold" / "divergences-dev.yaml").read_text(encoding="utf-8"))
    incidents = pd.read_csv(folder / "gold" / "incidents-dev.csv", dtype=str)
    incident_of = incidents.set_index("report_id")["incident"].to_dict()
    reports = load_fakes(folder)
    sentences = split_sentences(reports)
    clusterer = EventClusterer().fit(reports, sentences)
    predicted = clusterer.assignments_
    event_of = predicted.set_index("report_id")["event_id"].to_dict()
    features = pairs.report_features(reports, sentences)
    row = {report_id: k for k, report_id in enumerate(reports["id"])}
    stamps = reports.set_index("id")["published"]
    outlets = reports.set_index("id")["outlet"]
    members = predicted.groupby("event_id")["report_id"].apply(list).to_dict()

    status = {}
    for event in gold["events"]:
        ids = [str(r) for r in event["reports"]]
        incident = incident_of.get(ids[0])
        events = sorted({event_of[r] for r in ids})
        others = sorted({incident_of.get(m, "(not dev)") for e in events for m in members[e]} - {incident})
        status[event["id"]] = {"ids": ids, "events": events, "split": len(events) > 1, "merged": bool(others),
                               "others": others, "incident": incident}
    n = len(status)
    n_split = sum(s["split"] for s in status.values())
    n_merged = sum(s["merged"] for s in status.values())
    print(f"{n} multi-outlet gold events: {n_split} split over 2+ predicted events, {n_merged} merged with another "
          f"incident ({sum(s['split'] and s['merged'] for s in status.values())} both), "
          f"{sum(not s['split'] and not s['merged'] for s in status.values())} exact\n")

    for kind in ("split", "merged"):
        print(f"==== {kind} ====")
        for key, s in status.items():
            if not s[kind]:
                continue
            print(f"\n{key}  {s['incident']}  predicted events {s['events']}"
                  + (f"  also holding: {s['others']}" if s["merged"] else ""))
            for r in s["ids"]:
                k = row[r]
                print(f"  {r:12} {outlets[r]:12} stamp {stamps[r]:%Y-%m-%d} used {day(features.days[k])} "
                      f"lead day {ordinal_day(features.event_days[k])} event {event_of[r]:>4} "
                      f"places {sorted(features.places[k]) if features.places else '-'} "
                      f"acts {sorted(features.acts[k]) if features.acts else '-'}")
                print(f"      lead: {lead_sentence(sentences, r)}")
            if kind == "split":
                for a, b in combinations(s["ids"], 2):
                    if event_of[a] == event_of[b]:
                        continue
                    i, j = row[a], row[b]
                    value = pairs.pair_similarity(features, np.array([i]), np.array([j]))[0]
                    print(f"    {a} x {b}: similarity {value:.3f} ({penalties(features, i, j)})")
            if kind == "merged":
                for e in s["events"]:
                    extra = [m for m in members[e] if incident_of.get(m, "(not dev)") != s["incident"]]
                    for m in extra[:6]:
                        k = row[m]
                        print(f"    + {m:12} {outlets[m]:12} {incident_of.get(m, '(not dev)'):16} stamp "
                              f"{stamps[m]:%Y-%m-%d} lead day {ordinal_day(features.event_days[k])}: "
                              f"{lead_sentence(sentences, m)[:120]}")
        print()
    if "--events-only" in sys.argv:
        return
    lost_divergences(reports, sentences, incidents, gold, predicted, status, event_of, incident_of, members)


def lost_divergences(reports, sentences, incidents, gold, predicted, status, event_of, incident_of, members) -> None:
    import claimdiff
    from claimdiff.claims import align_claims
    from claimdiff.details import extract_details
    from claimdiff.divergence import compare_details
    from claimdiff.divergence_scores import score_divergence
    from divergence_fakes import gold_assignments  # benchmarks/divergence_fakes.py

    embedder = claimdiff.Embedder()
    details = extract_details(reports, sentences)
    tables = {}
    for name, assignments in (("gold", gold_assignments(reports, incidents)), ("predicted", predicted)):
        claims = align_claims(reports, sentences, assignments, embedder)
        scores, entries = score_divergence(compare_details(reports, claims, details), assignments, gold)
        tables[name] = entries[entries["planted"] == "divergence"].reset_index(drop=True)
        print(f"{name} events: recall {scores['recall']:.3f} ({scores['found']} of {scores['n_divergences']}), "
              f"precision {scores['precision']:.3f} ({scores.get('flags', '?')} flags)")
    entries = [e for e in gold["divergences"] if not e.get("update")]
    assert len(entries) == len(tables["gold"]) == len(tables["predicted"])
    reasons = Counter()
    print("\nfound with gold events, lost with predicted events:")
    for entry, found_gold, found_pred in zip(entries, tables["gold"]["flagged"], tables["predicted"]["flagged"]):
        if not found_gold or found_pred:
            continue
        ids = [str(r) for r in (entry.get("reports") or {}).values() if r is not None]
        together = len({event_of[r] for r in ids}) == 1
        merged = together and any(incident_of.get(m, "(not dev)") != status[entry["event"]]["incident"]
                                  for m in members[event_of[ids[0]]])
        why = "split" if not together else "merged" if merged else "other"
        reasons[why] += 1
        print(f"  {entry['event']:14} {entry['kind']:12} {str(entry.get('subject')):24} {why:7} "
              f"reports {[(r, event_of[r]) for r in ids]}")
    gained = int((~tables["gold"]["flagged"] & tables["predicted"]["flagged"]).sum())
    print(f"\nlost: {dict(reasons)}; found only with predicted events: {gained}")


if __name__ == "__main__":
    sys.exit(main())
