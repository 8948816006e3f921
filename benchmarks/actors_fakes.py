"""Do the details tie the FA-KES gold's actor, label, attribution and hedge values to the right party and source?

The dev gold (``gold/divergences-dev.yaml``) gives, for each divergence and agreement, the verbatim phrase of
each outlet. Each phrase is found in its report's text; the detail rows whose span overlaps it are its details.
Scored (one figure per line of the result table):

- actor (divergences and agreements of kind actor, not "means:"/"outcome:"): a phrase is *found* when a row says
  who did it (an actor row in the role agent or blamed, or a perpetrator/claim row: subject ``perpetrator``,
  ``claimed``) or that nobody is known (value ``unclaimed``/``unknown``); its party is the set of sides of those
  rows. Divergence pairs (two outlets of one entry) are *told apart* when both are found and their parties differ;
  agreement pairs *match* when both are found and their parties are equal.
- label divergences: a phrase is *resolved* when a label row in it names an actor (not "unresolved") or an actor
  row lies in it; pairs *same party* when both resolved phrases share a side (the gold's label entries are
  different words for one party) and *words differ* when, besides, their label values (or actor texts) differ.
- attribution (non-null values): *found* when an attribution row overlaps the phrase; divergence pairs *told
  apart* when both are found and their sources differ; *count sourced*: of the count rows in the sentence of a found
  phrase, the share whose ``source`` is that attribution's source.
- hedge: phrases the gold marks hedged: a hedge row overlaps (*recall*); phrases marked not hedged: none does.

Also 30 actor and 30 attribution rows drawn at random (seed 0) from the FA-KES details, with their sentence, for
reading. Writes benchmarks/results/actors-fakes-<tag>-<date>.md and .csv.

    PYTHONPATH=lib .venv/bin/python benchmarks/actors_fakes.py [--tag after] [--fakes PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import sys
import time
from pathlib import Path

import pandas as pd
import yaml
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.datasets import load_fakes
from claimdiff.details import extract_details
from claimdiff.details.actors import actor_side

REPO = Path(__file__).resolve().parents[1]
SAMPLE = 30
CONTEXT = 90
PERPETRATOR_SUBJECTS = {"agent", "blamed", "perpetrator", "claimed"}
NOBODY = {"unclaimed", "unknown"}


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    at = text.find(phrase)
    if at < 0:
        at = text.lower().find(phrase.lower())
    return (at, at + len(phrase)) if at >= 0 else None


def overlapping(details: pd.DataFrame, span: tuple[int, int]) -> pd.DataFrame:
    return details[(details["start"] < span[1]) & (details["end"] > span[0])]


def context(text: str, start: int, end: int) -> str:
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    shown = ("…" if left else "") + text[left:start] + "**" + text[start:end] + "**" + text[end:right] + (
        "…" if right < len(text) else "")
    return " ".join(shown.replace("|", "/").split())


def actor_party(rows: pd.DataFrame) -> frozenset[str]:
    actors = rows[rows["kind"].eq("actor")]
    nobody = actors["value"].isin(NOBODY)
    doers = actors[actors["subject"].isin(PERPETRATOR_SUBJECTS) & ~nobody]
    return frozenset(actor_side(v) for v in doers["value"]) | frozenset("nobody" for _ in actors[nobody].index[:1])


def label_party(rows: pd.DataFrame) -> tuple[frozenset[str], frozenset[str]]:
    labels = rows[rows["kind"].eq("label") & rows["subject"].ne("unresolved")]
    actors = rows[rows["kind"].eq("actor") & ~rows["value"].isin(NOBODY | {"unidentified"})]
    sides = frozenset(actor_side(v) for v in labels["subject"]) | frozenset(actor_side(v) for v in actors["value"])
    words = frozenset(labels["value"]) | frozenset(actors["text"].str.lower())
    return sides, words


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.2f})" if total else "0/0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
    parser.add_argument("--fakes", default=str(shared / "datasets" / "fakes"))
    parser.add_argument("--tag", default="after")
    args = parser.parse_args()
    gold = yaml.safe_load((Path(args.fakes) / "gold" / "divergences-dev.yaml").read_text(encoding="utf-8"))
    reports = load_fakes(args.fakes)
    sentences = claimdiff.split_sentences(reports)
    started = time.perf_counter()
    details = extract_details(reports, sentences)
    seconds = time.perf_counter() - started
    texts = reports.set_index("id")["text"]
    by_report = {rid: rows for rid, rows in details.groupby("report_id")}
    empty = details.iloc[:0]

    def rows_of(report_id: str, phrase: str) -> pd.DataFrame | None:
        span = locate(texts.get(report_id, ""), phrase)
        if span is None:
            return None
        return overlapping(by_report.get(report_id, empty), span)

    tally: dict[str, list[int]] = {}

    def count(name: str, hit: bool) -> None:
        tally.setdefault(name, [0, 0])
        tally[name][0] += int(hit)
        tally[name][1] += 1

    entries = [("divergence", e) for e in gold["divergences"]] + [("agreement", e) for e in gold["agreements"]]
    for part, entry in entries:
        kind, subject = entry["kind"], str(entry.get("subject", ""))
        values = {o: v for o, v in entry["values"].items() if v}
        found = {o: rows_of(entry["reports"][o], v) for o, v in values.items()}
        found = {o: rows for o, rows in found.items() if rows is not None}
        if kind == "actor" and not subject.startswith(("means:", "outcome:")):
            parties = {o: actor_party(rows) for o, rows in found.items()}
            for party in parties.values():
                count(f"actor ({part}s): phrase found", bool(party))
            for a, b in itertools.combinations(sorted(parties), 2):
                both = bool(parties[a]) and bool(parties[b])
                if part == "divergence":
                    count("actor divergence pairs: told apart", both and parties[a] != parties[b])
                else:
                    count("actor agreement pairs: match", both and parties[a] == parties[b])
        elif kind == "label" and part == "divergence":
            parties = {o: label_party(rows) for o, rows in found.items()}
            for sides, _ in parties.values():
                count("label phrases: resolved", bool(sides))
            for a, b in itertools.combinations(sorted(parties), 2):
                same = bool(parties[a][0] & parties[b][0])
                count("label pairs: same party", same)
                count("label pairs: same party, words differ", same and parties[a][1] != parties[b][1])
        elif kind == "attribution" and part == "divergence":
            sources = {}
            for o, rows in found.items():
                attributions = rows[rows["kind"].eq("attribution")]
                count("attribution phrases: found", not attributions.empty)
                if attributions.empty:
                    continue
                sources[o] = frozenset(attributions["value"])
                report = by_report.get(entry["reports"][o], empty)
                sentence = report[report["sent_idx"].isin(attributions["sent_idx"])]
                for source in sentence[sentence["kind"].eq("count")]["source"]:
                    count("attribution: count rows of its sentence sourced to it",
                          isinstance(source, str) and source in sources[o])
            for a, b in itertools.combinations(sorted(sources), 2):
                count("attribution pairs: told apart", sources[a] != sources[b])
        elif kind == "hedge" and part == "divergence":
            for o, rows in found.items():
                hedged = bool(entry.get("hedged", {}).get(o))
                has = rows["kind"].eq("hedge").any()
                count("hedged phrases: hedge row" if hedged else "plain phrases: no hedge row",
                      has if hedged else not has)
    table = pd.DataFrame([{"figure": k, "hits": h, "of": n, "share": round(h / n, 3) if n else None}
                          for k, (h, n) in tally.items()])
    samples = []
    for kind in ("actor", "attribution"):
        rows = details[details["kind"].eq(kind)].sample(n=SAMPLE, random_state=0).sort_values(["report_id", "start"])
        for row in rows.itertuples():
            samples.append({"kind": kind, "subject": row.subject, "value": row.value,
                            "source": row.source if isinstance(row.source, str) else "",
                            "report_id": row.report_id, "start": row.start,
                            "sentence": context(texts[row.report_id], row.start, row.end)})
    samples = pd.DataFrame(samples)
    today = dt.date.today().isoformat()
    out = REPO / "benchmarks" / "results"
    table.to_csv(out / f"actors-fakes-{args.tag}-{today}.csv", index=False)
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    kinds = details["kind"].value_counts().sort_index()
    text = (
        f"# Actors, labels, sources and hedges against the FA-KES dev gold ({args.tag}) — {today}\n\n"
        f"Produced by `benchmarks/actors_fakes.py --tag {args.tag}`. Machine: {info}.\n\n"
        f"extract_details on all of FA-KES ({len(reports)} reports, {len(sentences)} sentences): {seconds:.1f} s "
        f"(machine shared with other jobs). Rows: "
        + ", ".join(f"{k} {n}" for k, n in kinds.items()) + ".\n\n"
        + table.to_markdown(index=False)
        + f"\n\n{SAMPLE} actor and {SAMPLE} attribution rows drawn at random (seed 0), for reading (their sentences"
        " are printed by the script, not written here: the repository keeps no text of ../shared):\n\n"
    )
    (out / f"actors-fakes-{args.tag}-{today}.md").write_text(
        text + samples.drop(columns="sentence").to_markdown(index=False) + "\n", encoding="utf-8")
    print(text + samples.to_markdown(index=False))


if __name__ == "__main__":
    sys.exit(main())
