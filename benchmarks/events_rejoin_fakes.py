"""What-ifs of issue #13: join the day groups of one incident that the linkage left in two events
(:mod:`claimdiff.events.rejoin`), and what it does to events and to divergences with the predicted events.

    CLAIMDIFF_SHARED=../shared HF_HUB_OFFLINE=1 PYTHONPATH=lib .venv/bin/python benchmarks/events_rejoin_fakes.py
    ... events_rejoin_fakes.py --events-only          # B-cubed F1 and splits only (FA-KES dev, ECB+, GVC)
    ... events_rejoin_fakes.py --only PREFIX ...      # the defaults and the variants whose names start so
    ... events_rejoin_fakes.py --why                  # why each split left by the defaults stays split
    ... events_rejoin_fakes.py --show NAME            # print the reports each variant moved (prints report text:
                                                      # never write that output into the repo)

For every variant: B-cubed F1 on FA-KES dev (``gold/incidents-dev.csv``), on all of ECB+ and all of GVC (as
``benchmarks/events_fakes_dev.py`` scores them), the multi-outlet dev incidents split over two or more predicted
events (of the 62 of ``gold/divergences-dev.yaml``), and (unless ``--events-only``) divergences with the predicted
events as ``benchmarks/divergence_fakes.py`` scores them: precision over all flags and recall, overall and per kind.
Writes benchmarks/results/events-rejoin-fakes-<date>.md and .csv (numbers only, no report text).

The rows: the defaults (``rejoin=True`` since 2026-12-07: day groups, opening places, a whole event of one day
moving only when it holds one outlet), the clusterer before it (``rejoin=False``), and what-ifs that start from
``rejoin=False`` and run the pass with other conditions: the settlement read from the openings' places (a town or
site, or a governorate with a population: one that is also its capital city; coarse, "Idlib province" is the city
too) or from the settlements the opening writes as such (``lead_settlements`` of
``benchmarks/events_multi_outlet_fakes.py``: "Idlib province", "rural Hama" are not); whole one-day events only,
or day groups too; another outlet only, or any; a whole one-day event of any number of outlets, of one, of up to
two; the lowest similarity of the link across (``min_link`` 0 or 0.05). The rows ``defaults + ...`` (2026-12-07,
evening) keep the defaults' conditions and add one kind of evidence each: a place inside any named region (not only
a settled one) counts as the same settlement; the publication day stands in for a lead that names no day; lead days a
day apart count as one where the two sides' leads give a killed figure in common (above one); a side whose openings
name no place agrees with any settlement. ``--why`` prints, for each split the defaults leave, the conditions that
keep its pieces apart, the candidate link at similarity 0 or more among them (incident keys and condition names
only), with the days and places the pass reads and with the lead days alone. Since 2026-12-07 (night) the defaults
read a report whose lead names no day as telling of its filing day, an opening that names no place by the first
later sentence that names one ground, and a day apart as one day where the later opening tells of the last 24
hours (:mod:`claimdiff.events.rejoin`); the what-ifs still start from ``rejoin=False`` with the lead days and
opening places as they are.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from divergence_fakes import dev_gold, per_kind  # benchmarks/divergence_fakes.py
from events_multi_outlet_fakes import lead_settlements, patched  # benchmarks/events_multi_outlet_fakes.py
from machine import describe  # benchmarks/machine.py

import claimdiff.events as events
from claimdiff.evaluate import bcubed
from claimdiff.events import EventClusterer
from claimdiff.events.identity import incident_days
from claimdiff.events.rejoin import rejoin_day_groups, rejoin_days, rejoin_places, same_settlement

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"


def rejoin_patch(places_from: str = "opening", min_link: float = 0.0, whole_events_only: bool = False,
                 other_outlets_only: bool = True, whole_event_outlets: int | None = None, area: bool = False,
                 filing_day: bool = False, tolls: bool = False, placeless: bool = False,
                 log: list | None = None) -> dict:
    """Patches of ``claimdiff.events`` that run :func:`rejoin_day_groups` after the linkage. ``places_from``:
    ``opening`` (the clusterer's opening places) or ``written`` (:func:`lead_settlements`). ``area``: a place
    inside the other's named region counts as the same settlement whatever the region (:func:`same_area`);
    ``filing_day``: a report whose lead names no day tells of its publication day; ``tolls``: lead days a day apart
    count as one where the leads share a killed figure (:func:`lead_tolls`); ``placeless``: a side whose
    openings name no place agrees with any settlement."""
    from claimdiff.details.places import gazetteer_matches
    from claimdiff.events import pairs
    from claimdiff.events.similarity import headline_ends, opening_spans, report_texts

    original_features, original_linkage = events.report_features, events.neighbour_linkage
    seen = {}

    def report_features(reports, sentences=None, embedder=None, **settings):
        features = original_features(reports, sentences, embedder, **settings)
        seen["features"], seen["reports"], seen["settings"] = features, reports, settings
        seen["sentences"] = sentences
        return features

    def neighbour_linkage(similarity, n_neighbors, threshold, min_similarity):
        labels = original_linkage(similarity, n_neighbors, threshold, min_similarity)
        features, reports = seen["features"], seen["reports"]
        representatives = np.unique(features.groups)
        outlet = (reports["outlet"].astype(str).to_numpy() if "outlet" in reports
                  else np.array([f"#{k}" for k in range(len(reports))]))
        outlets = [frozenset() for _ in representatives]
        position = {r: k for k, r in enumerate(representatives.tolist())}
        for k, group in enumerate(features.groups.tolist()):
            outlets[position[group]] = outlets[position[group]] | {outlet[k]}
        if places_from == "opening":
            places = [features.places[r] for r in representatives]
        else:
            chars = seen["settings"].get("opening_chars", pairs.SIMILARITY_DEFAULTS.opening_chars)
            texts = report_texts(reports.iloc[representatives])
            heads = headline_ends(reports.iloc[representatives], texts)
            places = [lead_settlements(t, gazetteer_matches(t), opening_spans(t, chars, h))
                      for t, h in zip(texts, heads, strict=True)]
        acts = [features.acts[r] for r in representatives]
        days = features.event_days[representatives]
        if filing_day:
            days = incident_days(days, features.days[representatives])
        if tolls and seen["sentences"] is None:
            from claimdiff import split_sentences
            seen["sentences"] = split_sentences(reports)
        killed = lead_tolls(seen["sentences"], reports["id"].iloc[representatives]) if tolls else None
        joined = rejoin_day_groups(labels, similarity, days, places, acts, outlets,
                                   same_area if area else same_settlement, min_link, whole_events_only,
                                   other_outlets_only, whole_event_outlets, killed, placeless)
        if log is not None:
            moved = np.flatnonzero(joined != labels)
            log.append([(reports["id"].iloc[representatives[k]], int(labels[k]), int(joined[k])) for k in moved])
        return pd.factorize(joined)[0].astype(np.int64)

    return {(events, "report_features"): report_features, (events, "neighbour_linkage"): neighbour_linkage}


def same_area(a: str, b: str) -> bool:
    """:func:`same_settlement`, or one place inside the other whatever the outer is but a country (a governorate
    without a population of its own: Anbar, Hatay; every Syrian governorate already counts as its capital)."""
    from claimdiff.details.gazetteer import gazetteer
    from claimdiff.details.places import place_ancestors

    def inside(x: str, y: str) -> bool:
        outer = gazetteer().places.get(y)
        return y in place_ancestors(x) and outer is not None and outer.kind != "country"
    return same_settlement(a, b) or inside(a, b) or inside(b, a)


def lead_tolls(sentences: pd.DataFrame, report_ids: pd.Series, lead_sentences: int = 2) -> list[frozenset[float]]:
    """The killed figures (the low end of each killed count, :func:`claimdiff.details.counts.find_counts`) of the
    first ``lead_sentences`` sentences of each report; a figure of one is left out (a lone death identifies
    nothing)."""
    from claimdiff.details.counts import find_counts

    lead = sentences[sentences["sent_idx"] < lead_sentences]
    figures: dict[str, set[float]] = {}
    for report_id, text in zip(lead["report_id"].astype(str), lead["text"], strict=True):
        figures.setdefault(report_id, set()).update(
            c.low for c in find_counts(text) if c.subject == "killed" and np.isfinite(c.low) and c.low > 1)
    return [frozenset(figures.get(str(r), ())) for r in report_ids]


OPTIONS = {
    "rejoin day groups (opening places)": {"places_from": "opening"},
    "rejoin day groups (written settlements)": {"places_from": "written"},
    "rejoin whole one-day events (opening places)": {"places_from": "opening", "whole_events_only": True},
    "rejoin whole one-day events (written settlements)": {"places_from": "written", "whole_events_only": True},
    "rejoin day groups (opening places), any outlet": {"places_from": "opening", "other_outlets_only": False},
    "rejoin day groups (opening places), link >= 0.05": {"places_from": "opening", "min_link": 0.05},
    "rejoin day groups (written settlements), link >= 0.05": {"places_from": "written", "min_link": 0.05},
    "rejoin day groups, whole events of one outlet only (opening places)": {"places_from": "opening",
                                                                            "whole_event_outlets": 1},
    "rejoin day groups, whole events of one outlet only (written settlements)": {"places_from": "written",
                                                                                 "whole_event_outlets": 1},
    "rejoin day groups, whole events of one outlet only, link >= 0.05": {"places_from": "opening",
                                                                          "whole_event_outlets": 1,
                                                                          "min_link": 0.05},
    "rejoin day groups, whole events of up to 2 outlets (opening places)": {"places_from": "opening",
                                                                            "whole_event_outlets": 2},
    # 2026-12-07 (evening), from the defaults' conditions (whole events of one outlet only, opening places):
    "defaults + a place inside any named region": {"whole_event_outlets": 1, "area": True},
    "defaults + the filing day for a lead without a day": {"whole_event_outlets": 1, "filing_day": True},
    "defaults + a day apart with a killed figure in common": {"whole_event_outlets": 1, "tolls": True},
    "defaults + filing day + a day apart with a killed figure in common": {"whole_event_outlets": 1,
                                                                          "filing_day": True, "tolls": True},
    "defaults + all three": {"whole_event_outlets": 1, "area": True, "filing_day": True, "tolls": True},
    "defaults + a side naming no place agrees": {"whole_event_outlets": 1, "placeless": True},
    "defaults + filing day + a side naming no place agrees": {"whole_event_outlets": 1, "filing_day": True,
                                                              "placeless": True},
}
# name: (EventClusterer settings, options of rejoin_patch or None). The what-ifs start from rejoin=False.
VARIANTS = {"defaults": ({}, None), "before (rejoin=False)": ({"rejoin": False}, None),
            **{name: ({"rejoin": False}, options) for name, options in OPTIONS.items()}}


def splits(gold: dict, event_of: dict) -> int:
    return sum(len({event_of[str(r)] for r in e["reports"]}) > 1 for e in gold["events"])


def divergences(reports, sentences, details, assignments, gold, embedder) -> tuple[dict, pd.DataFrame]:
    from claimdiff.claims import align_claims
    from claimdiff.divergence import compare_details
    from claimdiff.divergence_scores import judge_flags, score_divergence

    claims = align_claims(reports, sentences, assignments, embedder)
    divergence = compare_details(reports, claims, details)
    scores, entries = score_divergence(divergence, assignments, gold)
    return scores, per_kind(judge_flags(divergence, assignments, gold), entries)


def main() -> None:
    from events_fakes_dev import dev_gold as dev_incidents  # benchmarks/events_fakes_dev.py
    from events_fakes_dev import load, score

    import claimdiff
    from claimdiff.details import extract_details

    events_only = "--events-only" in sys.argv
    show = sys.argv[sys.argv.index("--show") + 1] if "--show" in sys.argv else None
    only = ([a for a in sys.argv[sys.argv.index("--only") + 1:] if not a.startswith("--")]
            if "--only" in sys.argv else [])
    gold, incidents, reports = dev_gold()
    sentences = claimdiff.split_sentences(reports)
    if "--why" in sys.argv:
        return why_apart(reports, sentences, gold, EventClusterer().fit(reports, sentences))
    benchmarks = {name: load(name) for name in ("ecbplus", "gvc")}
    embedder = details = None
    if not events_only:
        embedder, details = claimdiff.Embedder(), extract_details(reports, sentences)
    rows, kinds = [], []
    for name, (settings, options) in VARIANTS.items():
        chosen = not only or name in ("defaults", "before (rejoin=False)") or any(name.startswith(o) for o in only)
        if (show and name != show) or not chosen:
            continue
        log = []
        patches = rejoin_patch(**options, log=log) if options is not None else {}
        with patched(patches):
            clusterer = EventClusterer(**settings).fit(reports, sentences)
            scores_of = {b: bcubed(part["gold_event"], EventClusterer(**settings).fit(part).labels_)[2]
                         for b, part in benchmarks.items()}
        predicted = clusterer.assignments_
        event_of = predicted.set_index("report_id")["event_id"].to_dict()
        scored = score(dev_incidents(), reports["id"], clusterer.labels_)
        p, r, f = scored["bcubed_precision"], scored["bcubed_recall"], scored["bcubed_f1"]
        row = {"variant": name, "FA-KES dev B3 F1": f, "B3 P": p, "B3 R": r, "ECB+ (all)": scores_of["ecbplus"],
               "GVC (all)": scores_of["gvc"], "split of 62": splits(gold, event_of),
               "FA-KES reports moved (what-ifs)": len(log[0]) if log else None}
        if show:
            show_moves(log[0], reports, incidents)
        if not events_only:
            scores, table = divergences(reports, sentences, details, predicted, gold, embedder)
            row.update({"div. precision": scores["precision"], "div. recall": scores["recall"],
                        "flags": scores["flags"]})
            kinds.append(table.assign(variant=name))
        rows.append(row)
        print({k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}, flush=True)
    if show:
        return
    write(pd.DataFrame(rows), pd.concat(kinds, ignore_index=True) if kinds else None)


def why_apart(reports, sentences, gold, clusterer) -> None:
    """For each multi-outlet dev incident the defaults leave split: for each report of it and each other predicted
    event holding the incident, every condition of :mod:`claimdiff.events.rejoin` that keeps the report's day group
    from joining that event, with the days and places the pass reads (:func:`rejoin_days`, :func:`rejoin_places`:
    the publication day for a lead without a day, a later sentence's places for an opening without one) and with
    the lead days alone (incident keys and condition names only; no report text)."""
    from claimdiff.events import pairs

    features = pairs.report_features(reports, sentences)
    row = {str(r): k for k, r in enumerate(reports["id"])}
    labels = clusterer.labels_
    places = [rejoin_places(features, k) for k in range(len(reports))]
    outlet = reports["outlet"].astype(str).to_numpy()
    members = {label: np.flatnonzero(labels == label).tolist() for label in np.unique(labels)}
    day_sets = (("the pass's days", rejoin_days(features)), ("lead days alone", features.event_days))
    tally = []
    for event in gold["events"]:
        mine = [row[str(r)] for r in event["reports"]]
        if len({labels[k] for k in mine}) < 2:
            continue
        for k in mine:
            for target in sorted({labels[j] for j in mine} - {labels[k]}):
                for name, days in day_sets:
                    failing = _blocking(k, members[labels[k]], members[target], days, features, places, outlet)
                    tally.append({"incident": event["id"], "days": name, "report": k, "event": target,
                                  "conditions failing": " + ".join(failing) or "none"})
    table = pd.DataFrame(tally)
    for name, part in table.groupby("days", sort=False):
        print(f"\n== {name}: per split, the fewest conditions failing for some report and event of it ==")
        fewest = part.assign(n=part["conditions failing"].str.count(r" \+ ") + 1).sort_values(["incident", "n"])
        print(fewest.groupby("incident", sort=False).head(1)[["incident", "conditions failing"]].to_string(index=False))


def _blocking(k, source, target, days, features, places, outlet) -> list[str]:
    """The conditions of the rejoin pass that fail for report ``k`` (of event ``source``) and event ``target``."""
    from claimdiff.events.acts import act_clash
    from claimdiff.events.places import place_clash

    failing = []
    dated = [days[j] for j in source if np.isfinite(days[j])]
    if not np.isfinite(days[k]):
        failing.append("no lead day on the moving side")
        group = sorted(source)
    else:
        group = sorted(source) if all(d == days[k] for d in dated) else [j for j in source if days[j] == days[k]]
    target_days = {days[j] for j in target if np.isfinite(days[j])}
    if not target_days:
        failing.append("no lead day on the other side")
    elif len(target_days) > 1:
        failing.append("the other event spans days")
    elif np.isfinite(days[k]) and target_days != {days[k]}:
        gap, later = abs(next(iter(target_days)) - days[k]), max(next(iter(target_days)), days[k])
        last_day = features.day_before is not None and any(features.day_before[j] for j in [*group, *target]
                                                           if days[j] == later)
        if gap != 1 or not last_day:
            failing.append(f"lead days {gap:.0f} apart")
    if {outlet[j] for j in group} & {outlet[j] for j in target}:
        failing.append("an outlet on both sides")
    if not (frozenset().union(*(features.acts[j] for j in group))
            & frozenset().union(*(features.acts[j] for j in target))):
        failing.append("no kind of act in common")
    here = frozenset().union(*(places[j] for j in group))
    there = frozenset().union(*(places[j] for j in target))
    if not any(same_settlement(a, b) for a in here for b in there):
        failing.append("no settlement in common" if here and there else "no settlement on one side")
    both = [*group, *target]
    rows = np.repeat(np.arange(len(group)), len(target))
    cols = np.tile(np.arange(len(group), len(both)), len(group))
    if place_clash([places[j] for j in both], rows, cols).any():
        failing.append("a place clash")
    if act_clash([features.acts[j] for j in both], rows, cols).any():
        failing.append("an act clash")
    if len(group) == len(source) and len({outlet[j] for j in group}) > 1:
        failing.append("a whole event of several outlets")
    if not _linked(group, target, features):
        failing.append("no candidate pair across at similarity 0 or more")
    return failing


def _linked(group, target, features) -> bool:
    """Whether some pair across is a candidate pair (of the near-duplicate representatives) at similarity >= 0."""
    from claimdiff.events.pairs import pair_similarity

    representatives = np.unique(features.groups)
    across = sorted({(features.groups[a], features.groups[b]) for a in group for b in target
                     if features.groups[a] != features.groups[b]})
    if not across:
        return False
    rows, cols = np.array(across).T
    candidate = np.asarray(features.candidates[np.searchsorted(representatives, rows),
                                               np.searchsorted(representatives, cols)]).ravel() != 0
    return bool(np.any(candidate & (pair_similarity(features, rows, cols) >= 0)))


def show_moves(moves, reports, incidents) -> None:
    """Print each moved report with its gold incident (report text: print only)."""
    incident_of = incidents.set_index("report_id")["incident"].to_dict()
    text_of = reports.set_index("id")["text"]
    outlet_of = reports.set_index("id")["outlet"]
    for report_id, before, after in moves:
        print(f"  {report_id} {outlet_of[report_id]:12} {incident_of.get(report_id, '(not dev)'):14} "
              f"event {before} -> {after}: {' '.join(str(text_of[report_id]).split())[:150]}")


def write(overall: pd.DataFrame, kinds: pd.DataFrame | None) -> None:
    today = dt.date.today().isoformat()
    out = RESULTS / f"events-rejoin-fakes-{today}"
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    text = (f"# Rejoining day groups of one incident (issue #13) — {today}\n\nProduced by "
            f"`benchmarks/events_rejoin_fakes.py`{' --events-only' if kinds is None else ''}. Machine: {info}.\n\n"
            "B-cubed F1 on FA-KES dev, all of ECB+ and all of GVC; multi-outlet dev incidents split; divergences "
            "with the predicted events (FA-KES dev gold, as `benchmarks/divergence_fakes.py` scores them):\n\n"
            + overall.to_markdown(index=False, floatfmt=".4f") + "\n")
    if kinds is not None:
        text += "\nPer kind, divergences with the predicted events:\n\n" + kinds.to_markdown(index=False,
                                                                                            floatfmt=".3f") + "\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    overall.to_csv(out.with_suffix(".csv"), index=False)
    print(f"wrote {out}.md")


if __name__ == "__main__":
    main()
