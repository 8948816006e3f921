"""Why the divergence stage misses, with the events claimdiff finds, gold divergences it finds with the gold events
(FA-KES dev; see benchmarks/divergence_fakes.py for the scores). Prints to the terminal only: nothing of the
reports' text is written to the repository.

    CLAIMDIFF_SHARED=../shared PYTHONPATH=lib .venv/bin/python benchmarks/divergence_fakes_missed_predicted.py \
        attribution,hedge,count 40
    (kinds, comma-separated, or "all"; how many entries to print in full)

Both runs compare the same details; only the events differ (``gold_assignments`` and ``cluster_events``). For each
gold divergence of the kinds that a row of the gold-event run finds and no row of the predicted-event run does, the
first finding row of the gold-event run (its report ``A`` and the other side ``B``, ``other_report_id``) is looked
up in the predicted-event run, and the entry gets one cause:

- ``split: A away``: A's report is not in the predicted event that holds most of the gold event's reports (the one
  the scorer reads); ``split: B away``: A is, B is in another predicted event;
- ``no row for A's outlet``: A and B are together, but the outlet has no row of the kind and subject in the event;
- ``A's outlet stands by another report``: the outlet's row of the kind comes from another of its reports (the
  printout says whether that report is of the same gold incident, another, or outside the dev part: a merged extra);
- ``held apart``: A's statement is still there but agrees, and the stage holds A and B apart (:mod:`.apart`);
- ``B's outlet stands by another report``: A's statement agrees, B's outlet's row comes from another report;
- ``B's value changed`` / ``B has no row``: B's outlet's row is from B but says something else, or it has none;
- ``B superseded``: B's statement is there but a later report of its outlet supersedes it;
- ``A agrees with all``: A's and B's rows are both there unchanged and A still agrees (a ``paired`` rule, a
  majority or consensus of more reports of the event);
- ``A superseded``: A's statement is there, disagrees, but a later report of its outlet supersedes it;
- ``A's row differs``: A's statement is there but no longer rests on gold's phrase.

Then, per kind, the census of causes, and for up to ``limit`` entries: the two sides in each run, the predicted
event's reports from other gold incidents (merged extras), and the outlet rows of the kind in the predicted event.

Last, what moves precision between the two runs, per kind: the real flags of the gold-event run that the
predicted-event run has not (the same kind, subject, outlet, report and value), each with its cause as
above (those not split printed in full), and the false alarms each run has that the other has not.
"""

from __future__ import annotations

import sys
from collections import Counter

import pandas as pd
from divergence_fakes import dev_gold, gold_assignments  # benchmarks/divergence_fakes.py
from divergence_fakes_false_alarms import divergence_and_apart_tests  # benchmarks/divergence_fakes_false_alarms.py

import claimdiff
from claimdiff.details import extract_details
from claimdiff.divergence_scores import (
    COUNT_SUBJECTS,
    KINDS,
    _phrase_values,
    judge_flags,
    row_is_about,
    score_divergence,
)
from claimdiff.events import cluster_events


def main(kinds: tuple[str, ...] = ("attribution", "hedge", "count"), limit: int = 40) -> None:
    gold, incidents, reports = dev_gold()
    embedder = claimdiff.Embedder()
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences)
    incident = incidents.set_index("report_id")["incident"].to_dict()
    read = _phrase_values(gold)
    runs = {}
    for name, assignments in (("gold", gold_assignments(reports, incidents)),
                              ("predicted", cluster_events(reports, sentences, embedder)[0])):
        table, apart = divergence_and_apart_tests(reports, sentences, details, assignments, embedder)
        _, outcome = score_divergence(table, assignments, gold)
        runs[name] = {"table": table, "apart": apart, "assignments": assignments,
                      "event_of_report": assignments.set_index("report_id")["event_id"].to_dict(),
                      "found": outcome["flagged"].tolist(), "event_of": _majority_events(assignments, gold)}
    entries = gold.get("divergences", [])
    census: dict[str, Counter] = {}
    printed = 0
    for i, entry in enumerate(entries):
        if entry.get("update") or entry["kind"] not in kinds or not (runs["gold"]["found"][i]
                                                                    and not runs["predicted"]["found"][i]):
            continue
        row = _finding_rows(runs["gold"], entry, read)[0]
        cause, shown = _diagnose(runs["predicted"], entry, row, read, incident)
        census.setdefault(entry["kind"], Counter())[cause] += 1
        if printed < limit:
            printed += 1
            print(f"--- {entry['event']} {entry['kind']} {entry.get('subject')}: {cause}")
            print(f"    gold-event row: {row['outlet']} {row['report_id']} s{_idx(row)} {row['value']!r} vs "
                  f"{row['other_outlet']} {row['other_report_id']} {row['other_value']!r}")
            for line in shown:
                print(f"    {line}")
    print("\nCauses of the gold divergences found with the gold events and missed with the predicted events:")
    for kind in [k for k in KINDS if k in census]:
        split = sum(n for cause, n in census[kind].items() if cause.startswith("split"))
        total = sum(census[kind].values())
        print(f"{kind}: {total} missed, {split} split, {total - split} not split")
        for cause, n in census[kind].most_common():
            print(f"    {n:3d}  {cause}")
    print_flag_changes(runs, gold, kinds, read, incident, limit)


FLAG_KEY = ["kind", "subject", "outlet", "report_id", "value"]


def print_flag_changes(runs: dict, gold: dict, kinds: tuple[str, ...], read: dict, incident: dict,
                       limit: int) -> None:
    """Per kind, the real flags of the gold-event run missing from the predicted-event run, by cause, and the
    false alarms of each run that the other has not (see the module docstring), and up to ``limit`` of the lost
    flags that are not split."""
    judged = {}
    for name, run in runs.items():
        flags = judge_flags(run["table"], run["assignments"], gold, read)
        flags = flags[flags["kind"].isin(kinds)]
        judged[name] = flags.assign(key=[tuple("" if pd.isna(v) else str(v) for v in row)
                                         for row in flags[FLAG_KEY].itertuples(index=False)])
    print("\nFlags of the gold-event run and of the predicted-event run:")
    for kind in [k for k in KINDS if k in kinds]:
        mine = {name: flags[flags["kind"] == kind] for name, flags in judged.items()}
        keys = {name: set(flags["key"]) for name, flags in mine.items()}
        lost = mine["gold"][mine["gold"]["real"] & ~mine["gold"]["key"].isin(keys["predicted"])]
        diagnosed = [(row, *_diagnose(runs["predicted"], {"event": row["gold_event"], "kind": kind,
                                                          "subject": row["subject"]}, row, read, incident))
                     for row in lost.to_dict("records")]
        causes = Counter(cause for _, cause, _ in diagnosed)
        false = {name: flags[~flags["real"]] for name, flags in mine.items()}
        print(f"{kind}: real {int(mine['gold']['real'].sum())} -> {int(mine['predicted']['real'].sum())}, "
              f"false alarms {len(false['gold'])} -> {len(false['predicted'])} (only with the gold events "
              f"{int((~false['gold']['key'].isin(keys['predicted'])).sum())}, only with the predicted events "
              f"{int((~false['predicted']['key'].isin(keys['gold'])).sum())}); real flags lost {len(lost)}:")
        for cause, n in causes.most_common():
            print(f"    {n:3d}  {cause}")
        for row, cause, shown in [d for d in diagnosed if not d[1].startswith("split")][:limit]:
            print(f"    --- {row['gold_event']} {row['subject']}: {cause}; gold-event row {row['outlet']} "
                  f"{row['report_id']} s{_idx(row)} {row['value']!r} vs {row['other_outlet']} "
                  f"{row['other_report_id']} {row['other_value']!r}")
            for line in shown:
                print(f"        {line}")


def _majority_events(assignments: pd.DataFrame, gold: dict) -> dict[str, int]:
    """The predicted event that holds most of each gold event's reports (as the scorer reads it)."""
    event = assignments.set_index("report_id")["event_id"]
    found = {}
    for entry in gold.get("events", []):
        ids = event.reindex([str(r) for r in entry["reports"]]).dropna()
        found[entry["id"]] = int(ids.mode().iloc[0]) if len(ids) else -1
    return found


def _current(table: pd.DataFrame) -> pd.DataFrame:
    return table[~table["superseded"].astype(bool)]


def _of_kind(table: pd.DataFrame, entry: dict) -> pd.DataFrame:
    rows = table[table["kind"] == entry["kind"]]
    if entry["kind"] == "count" and entry.get("subject") in COUNT_SUBJECTS:
        rows = rows[rows["subject"] == entry["subject"]]
    return rows


def _finding_rows(run: dict, entry: dict, read: dict) -> list[dict]:
    """The disagreeing rows of a run that find ``entry`` (as the scorer finds it), surest first."""
    rows = _of_kind(_current(run["table"]), entry)
    rows = rows[(rows["event_id"] == run["event_of"].get(entry["event"], -1)) & rows["agrees"].eq(False)]
    values, reports = entry.get("values") or {}, entry.get("reports") or {}
    every = [v for v in values.values() if isinstance(v, str)]
    found = []
    for row in rows.sort_values("confidence", ascending=False).to_dict("records"):
        if row["outlet"] not in values:
            continue
        value = values[row["outlet"]]
        if value is not None and isinstance(reports.get(row["outlet"]), str) and \
                row["report_id"] != reports[row["outlet"]]:
            continue
        if row_is_about(row, [value] if isinstance(value, str) else every, read):
            found.append(row)
    return found


def _diagnose(run: dict, entry: dict, row: dict, read: dict, incident: dict) -> tuple[str, list[str]]:
    """The cause (see the module docstring) and the lines that show it."""
    event_of = run["event_of_report"]
    a, b = row["report_id"], row["other_report_id"]
    main_event = run["event_of"].get(entry["event"], -1)
    members = run["assignments"][run["assignments"]["event_id"] == main_event]["report_id"]
    extras = Counter(incident.get(r, "outside dev") for r in members if incident.get(r) != entry["event"])
    shown = [f"predicted event {main_event}: {len(members)} reports, from other gold incidents: "
             + (", ".join(f"{k} {n}" for k, n in extras.most_common()) or "none")]

    def where(report) -> str:
        return f"{report} [{incident.get(report, 'outside dev')}, predicted event {event_of.get(report)}]"

    if event_of.get(a) != main_event:
        return "split: A away", shown + [f"A {where(a)}"]
    if isinstance(b, str) and event_of.get(b) != main_event:
        return "split: B away", shown + [f"B {where(b)}"]
    rows = _of_kind(run["table"], entry)
    rows = rows[rows["event_id"] == main_event]
    if entry["kind"] != "count":
        rows = rows[rows["subject"] == row["subject"]]
    for outlet in dict.fromkeys([row["outlet"], row["other_outlet"]]):
        for r in rows[rows["outlet"] == outlet].to_dict("records"):
            shown.append(f"  {outlet} {where(r['report_id'])} s{_idx(r)} {r['value']!r} agrees {r['agrees']} "
                         f"superseded {r['superseded']} vs {r['other_outlet']} {r['other_report_id']} "
                         f"{r['other_value']!r}")
    same = rows[(rows["outlet"] == row["outlet"]) & (rows["report_id"] == a) & (rows["value"] == row["value"])
                & (rows["sent_idx"].fillna(-1) == (-1 if pd.isna(row["sent_idx"]) else row["sent_idx"]))]
    mine = rows[rows["outlet"] == row["outlet"]]
    if same.empty:
        if mine.empty:
            return "no row for A's outlet", shown
        if not (mine["report_id"] == a).any():
            others = {incident.get(r, "outside dev") == entry["event"] for r in mine["report_id"]}
            return f"A's outlet stands by another report ({_kinship(others)})", shown
        return "A's row differs", shown
    if same["agrees"].eq(False).any():
        if same["superseded"].astype(bool).all():
            return "A superseded", shown
        return "A's row differs", shown
    if isinstance(b, str) and any(test(a, b) for test in run["apart"]):
        return "held apart", shown
    theirs = rows[rows["outlet"] == row["other_outlet"]]
    if theirs.empty:
        return "B has no row", shown
    if not (theirs["report_id"] == b).any():
        others = {incident.get(r, "outside dev") == entry["event"] for r in theirs["report_id"]}
        return f"B's outlet stands by another report ({_kinship(others)})", shown
    if not (theirs["value"] == row["other_value"]).any():
        return "B's value changed", shown
    if theirs.loc[theirs["value"] == row["other_value"], "superseded"].astype(bool).all():
        return "B superseded", shown
    return "A agrees with all", shown


def _kinship(same_incident: set) -> str:
    return "same incident" if same_incident == {True} else "another incident" if same_incident == {False} else "both"


def _idx(row: dict) -> str:
    return "-" if pd.isna(row.get("sent_idx")) else str(int(row["sent_idx"]))


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = tuple(KINDS) if not args or args[0] == "all" else tuple(args[0].split(","))
    main(chosen, int(args[1]) if len(args) > 1 else 40)
