"""Event names on FA-KES dev (:func:`claimdiff.events.naming.name_events`): does the place of an event's name lie in
the gold incident's description? A rough check of the names a researcher reads on every figure.

For each event claimdiff finds among the dev reports (``EventClusterer`` defaults) with two reports or more
whose most common gold incident has a description in ``gold/divergences-dev.yaml`` ("2016-10-06 | west Aleppo
al-Jamiliyeh | ..."), the name's place counts as found when its first four letters (lower case, an Arabic article
dropped) occur in the description. Compared: the names as the library gives them, and as it gave them before
places named in openings came first (the details table without ``sent_idx``: every place counts as an opening's).
Writes benchmarks/results/event-names-fakes-<date>.md (event names and counts only, no report text).

    CLAIMDIFF_SHARED=../shared HF_HUB_OFFLINE=1 PYTHONPATH=lib .venv/bin/python benchmarks/event_names_fakes.py
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from divergence_fakes import dev_gold  # benchmarks/divergence_fakes.py
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.details import extract_details
from claimdiff.events import EventClusterer
from claimdiff.events.naming import SEPARATOR, name_events

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"


def place_key(name: str) -> str:
    """The first four letters of a name's place, lower case, without an Arabic article ("al-Bab" -> "bab")."""
    place = re.sub(r"^(al|ar|as|az|ad|an|at|el)[- ]", "", name.split(SEPARATOR)[0].lower())
    return re.sub(r"[^a-z]", "", place)[:4]


def main() -> None:
    gold, incidents, reports = dev_gold()
    sentences = claimdiff.split_sentences(reports)
    clusterer = EventClusterer().fit(reports, sentences)
    details = extract_details(reports, sentences)
    names = name_events(clusterer.events_, clusterer.assignments_, details)
    before = name_events(clusterer.events_, clusterer.assignments_, details.drop(columns=["sent_idx"]))
    table = names[["event_id", "label"]].merge(before[["event_id", "label"]], on="event_id",
                                               suffixes=("", " before"))
    assignments = clusterer.assignments_.astype({"report_id": str})
    incident_of = incidents.set_index(incidents["report_id"].astype(str))["incident"]
    assignments = assignments.assign(incident=assignments["report_id"].map(incident_of)).dropna(subset=["incident"])
    size = assignments.groupby("event_id").size()
    major = assignments.groupby("event_id")["incident"].agg(lambda x: x.value_counts().index[0])
    described = {e["id"]: re.sub(r"[^a-z]", "", e.get("description", "").lower()) for e in gold["events"]}
    table = table[table["event_id"].map(size).ge(2) & table["event_id"].map(major).isin(described)]
    description = table["event_id"].map(major).map(described)
    found = {column: sum(place_key(name) in text for name, text in zip(table[column], description, strict=True))
             for column in ("label", "label before")}
    changed = table[table["label"] != table["label before"]]
    today = dt.date.today().isoformat()
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    text = (f"# Event names on FA-KES dev — {today}\n\nProduced by `benchmarks/event_names_fakes.py`. Machine: {info}."
            f"\n\nEvents with two reports or more whose main gold incident is described: {len(table)}. The name's "
            f"place lies in the description: **{found['label']}** with places named in openings first, "
            f"{found['label before']} without.\n\nNames that changed:\n\n"
            + changed[["label before", "label"]].to_markdown(index=False) + "\n")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"event-names-fakes-{today}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
