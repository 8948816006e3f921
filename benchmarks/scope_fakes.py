"""Background scope on FA-KES against the dev gold: does claimdiff leave out the sentences the annotators listed as
background (``cross_mentions``: war-wide tolls, earlier attacks, the other incidents of a round-up), and keep the
details the gold compares (the values of its divergences and agreements)?

A detail is background when :func:`claimdiff.divergence.background.background_rows` says so (its ``scope`` from
:mod:`claimdiff.details.scope`, or a day long before its gold event), with the gold events. Scored on the details
that stand inside a gold phrase (located in the report's cleaned text):

- ``recall``: of the details inside a cross-mention phrase, the share read as background (also per phrase: a
  phrase is caught when most of its details are);
- ``false background``: of the details inside a divergence or agreement value (this incident's details), the share
  read as background; ``precision`` = background details in cross mentions / (those + background details in
  values), over the details the gold places either way.

    CLAIMDIFF_SHARED=../shared PYTHONPATH=lib .venv/bin/python benchmarks/scope_fakes.py  # writes results

Prints per kind of detail and per scope; ``-v`` also prints the cross-mention phrases missed and the values read as
background (to read, never to commit); ``--no-write`` writes nothing; ``--tag NAME`` writes
results/scope-fakes-<date>-NAME.md (another version of the library on PYTHONPATH: a "before" run).
"""

from __future__ import annotations

import datetime as dt
import sys

import pandas as pd
from divergence_fakes import RESULTS, dev_gold, gold_assignments  # benchmarks/divergence_fakes.py
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.details import extract_details
from claimdiff.divergence.background import background_rows


def gold_phrases(gold: dict) -> pd.DataFrame:
    """One row per gold phrase: ``report_id``, ``phrase``, ``background`` (True for cross mentions)."""
    rows = [(str(c["report"]), c["phrase"], True) for c in gold.get("cross_mentions", [])]
    for entry in [*gold.get("divergences", []), *gold.get("agreements", [])]:
        for outlet, value in (entry.get("values") or {}).items():
            report = (entry.get("reports") or {}).get(outlet)
            if value and report:
                rows.append((str(report), str(value), False))
    return pd.DataFrame(rows, columns=["report_id", "phrase", "background"]).drop_duplicates()


def phrase_details(phrases: pd.DataFrame, reports: pd.DataFrame, details: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The details inside each phrase (by offsets in the cleaned text), with the phrase's columns; and how many
    phrases were not found in their report's cleaned text."""
    texts = reports.set_index("id")["text"]
    by_report = {key: frame for key, frame in details.groupby("report_id", sort=False)}
    rows, missing = [], 0
    for number, (report_id, phrase, background) in enumerate(phrases.itertuples(index=False)):
        at = str(texts.get(report_id, "")).find(phrase)
        if at < 0:
            missing += 1
            continue
        mine = by_report.get(report_id)
        if mine is None:
            continue
        inside = mine[(mine["start"] >= at) & (mine["end"] <= at + len(phrase))]
        rows.append(inside.assign(phrase_id=number, phrase=phrase, gold_background=background))
    return (pd.concat(rows) if rows else details.iloc[:0]), missing


def summary(found: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    groups = [("all", found)] if by is None else list(found.groupby(by))
    rows = []
    for name, part in groups:
        cross, values = part[part["gold_background"]], part[~part["gold_background"]]
        caught = cross.groupby("phrase_id")["read_background"].mean().ge(0.5)
        hit, wrong = int(cross["read_background"].sum()), int(values["read_background"].sum())
        rows.append({"details of": name, "cross-mention details": len(cross), "read background": hit,
                     "recall": hit / len(cross) if len(cross) else float("nan"),
                     "phrases caught": f"{int(caught.sum())}/{len(caught)}",
                     "value details": len(values), "read background (wrongly)": wrong,
                     "false background": wrong / len(values) if len(values) else float("nan"),
                     "precision": hit / (hit + wrong) if hit + wrong else float("nan")})
    return pd.DataFrame(rows)


def main() -> None:
    gold, incidents, reports = dev_gold()
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences)
    members = sentences[["report_id", "sent_idx"]].merge(
        gold_assignments(reports, incidents).assign(published=reports["published"].to_numpy()), on="report_id")
    details = details.assign(read_background=background_rows(details, members).to_numpy())
    found, missing = phrase_details(gold_phrases(gold), reports, details)
    overall, kinds, scopes = summary(found), summary(found, "kind"), summary(found, "scope")
    today = dt.date.today().isoformat()
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    text = (f"# Background scope on FA-KES, dev gold — {today}\n\nProduced by `benchmarks/scope_fakes.py`. "
            f"Machine: {info}.\n\nDetails inside the gold's cross-mention phrases (background) and inside its "
            f"divergence and agreement values (this incident's), read as background by claimdiff with the gold "
            f"events. {missing} gold phrases were not found in the cleaned text.\n\n"
            f"## Overall\n\n{overall.round(3).to_markdown(index=False)}\n\n"
            f"## Per kind of detail\n\n{kinds.round(3).to_markdown(index=False)}\n\n"
            f"## Per scope given by the details stage\n\n{scopes.round(3).to_markdown(index=False)}\n")
    print(text)
    if "-v" in sys.argv:
        cross = found[found["gold_background"]]
        missed = cross.groupby("phrase_id").filter(lambda g: g["read_background"].mean() < 0.5)
        print("## Cross mentions missed")
        for (_, report_id, phrase), part in missed.groupby(["phrase_id", "report_id", "phrase"]):
            print(report_id, "|", phrase, "|", sorted(set(part["kind"])))
        print("## Values read as background")
        wrong = found[~found["gold_background"] & found["read_background"]]
        for (report_id, phrase), part in wrong.groupby(["report_id", "phrase"]):
            print(report_id, "|", phrase, "|", sorted(set(zip(part["kind"], part["scope"], strict=True))))
    if "--no-write" not in sys.argv:
        RESULTS.mkdir(parents=True, exist_ok=True)
        tag = sys.argv[sys.argv.index("--tag") + 1] if "--tag" in sys.argv else ""
        (RESULTS / f"scope-fakes-{today}{'-' + tag if tag else ''}.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
