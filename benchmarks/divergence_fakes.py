"""Divergences found on FA-KES (real Syrian-war reporting) against the dev gold (every divergence a careful
researcher would want flagged in 62 multi-outlet incidents; see ANNOTATION.md beside the gold): precision over all
flags and recall, overall and per kind, with the gold events and with the events claimdiff finds.

The pipeline runs on all 804 reports (``claimdiff.datasets.load_fakes``); only the dev reports are scored. With the
gold events, every report of incidents-dev.csv is in its gold incident and every other report stands alone; with
the predicted events, ``cluster_events`` groups all of them and its B-cubed F1 on incidents-dev.csv is reported.
The gold is ``exhaustive``: every current disagreeing row in a gold event that rests on no gold divergence of its
kind and outlet is a false alarm (``claimdiff.evaluate.score_divergence``), so precision is over all flags.

Writes benchmarks/results/divergence-fakes-<date>.md and .csv (the scores), and -flags.csv (every judged flag: ids,
kind, outlet, value, confidence and whether it rests on a gold divergence; no text of the reports). The .md also
lists 40 flags drawn at random (seed 0; the first 20 are those a draw of 20 gives) from those with the predicted
events, with a person's judgement from benchmarks/divergence_fakes_review.yaml (keyed by `review_key`; "not
reviewed" for rows drawn anew; "real", "not real" or "unsure" and a reason) and that reading against `real`.

    CLAIMDIFF_SHARED=../shared .venv/bin/python benchmarks/divergence_fakes.py
    ... divergence_fakes.py --headlines-in-text   # what-if: each headline made its text's first line where the
                                                  # text's opening does not hold it (results: ...-headlines-in-text.md)
    ... divergence_fakes.py --headlines-joined    # the same, the headline run into the text's first sentence, as
                                                  # FA-KES stores Ahram's (results: ...-headlines-joined.md)

The what-if measures a known gap: 6 of FA-KES's 15 outlets store the headline apart from a text that does not repeat
it, and only the events stage reads headlines (``claimdiff.events.similarity.report_texts``), so those outlets'
headlines give no details.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import time
from pathlib import Path

import pandas as pd
import yaml
from machine import describe  # benchmarks/machine.py

import claimdiff
from claimdiff.claims import align_claims
from claimdiff.datasets import load_fakes
from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence_scores import KINDS, judge_flags, score_divergence
from claimdiff.evaluate import bcubed
from claimdiff.events import cluster_events

REPO = Path(__file__).resolve().parents[1]
REVIEW = Path(__file__).with_name("divergence_fakes_review.yaml")
SAMPLE = 40
SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
RESULTS = REPO / "benchmarks" / "results"


def dev_gold() -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """The FA-KES dev gold (divergences-dev.yaml), its incident labels (incidents-dev.csv) and all FA-KES reports;
    exits with a clear message when ``CLAIMDIFF_SHARED`` does not hold ``datasets/fakes``."""
    folder = SHARED / "datasets" / "fakes"
    if not folder.is_dir():
        sys.exit(f"{folder} is missing: set CLAIMDIFF_SHARED to the folder that holds datasets/fakes")
    gold = yaml.safe_load((folder / "gold" / "divergences-dev.yaml").read_text(encoding="utf-8"))
    incidents = pd.read_csv(folder / "gold" / "incidents-dev.csv", dtype=str)
    return mark_unread(gold, incidents), incidents, load_fakes(folder)


def mark_unread(gold: dict, incidents: pd.DataFrame) -> dict:
    """Each gold event with ``unread``: the reports of its incident (incidents-dev.csv) that it does not list.
    ANNOTATION.md: "Incidents with more than 8 reports list 8 of them", so a flag set against one of the others
    is one gold cannot judge (``judge_flags`` leaves it out).

    >>> gold = {"events": [{"id": "E", "reports": ["a", "b"]}]}
    >>> incidents = pd.DataFrame({"report_id": ["a", "b", "c", "d"], "incident": ["E", "E", "E", "F"]})
    >>> mark_unread(gold, incidents)["events"][0]["unread"]
    ['c']
    """
    members = incidents.groupby("incident")["report_id"].agg(set)
    incident_of = incidents.set_index("report_id")["incident"]
    for event in gold.get("events", []):
        listed = {str(r) for r in event["reports"]}
        keys = set(incident_of.reindex(sorted(listed)).dropna())
        event["unread"] = sorted(set().union(*(members[k] for k in keys)) - listed) if keys else []
    return gold


def gold_assignments(reports: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    """Every dev report in its gold incident, every other report an event of its own."""
    incident = reports["id"].map(incidents.set_index("report_id")["incident"])
    key = incident.where(incident.notna(), "alone:" + reports["id"])
    return pd.DataFrame({"report_id": reports["id"], "event_id": pd.factorize(key)[0].astype("int64")})


def as_listed_copies(divergence: pd.DataFrame, reports: pd.DataFrame, gold: dict) -> pd.DataFrame:
    """``divergence`` with the rows of a report stored twice (the same text: ``duplicate_of``) judged as the copy
    the gold lists, where it lists one of them: the two are one statement of the outlet, and which one the stage
    keeps (the later by filing day, then by id) is no matter of judgement. A gold event of an incident of more than
    8 reports lists 8 of them (ANNOTATION.md), so a flag on the copy it does not list would go unjudged.

    >>> reports = pd.DataFrame({"id": ["a", "b", "c"], "duplicate_of": [None, "a", None]})
    >>> rows = pd.DataFrame({"report_id": ["a", "c"], "other_report_id": ["c", "a"]})
    >>> as_listed_copies(rows, reports, {"events": [{"reports": ["b", "c"]}]}).values.tolist()
    [['b', 'c'], ['c', 'b']]
    """
    listed = {str(r) for event in gold.get("events", []) for r in event["reports"]}
    original = reports["duplicate_of"].where(reports["duplicate_of"].notna(), reports["id"]).astype(str)
    alias = {}
    for copies in reports["id"].astype(str).groupby(original.to_numpy()).agg(list):
        named = [c for c in copies if c in listed]
        if len(copies) > 1 and len(named) == 1:
            alias.update({c: named[0] for c in copies if c != named[0]})
    return divergence.assign(report_id=divergence["report_id"].replace(alias),
                             other_report_id=divergence["other_report_id"].replace(alias))


def review_key(row: dict) -> str:
    sent_idx = "" if pd.isna(row["sent_idx"]) else int(row["sent_idx"])
    return f"{row['report_id']} {sent_idx} {row['outlet']} {row['kind']} {row['subject']} {row['value']}"


def judgement(review: dict, row: dict) -> str:
    """The reading of a flag: keyed by :func:`review_key`, or by it and `` vs <other_outlet>`` where one outlet's
    row is flagged against two outlets and the readings differ.

    >>> row = {"report_id": "7", "sent_idx": 0.0, "outlet": "a", "kind": "count", "subject": "killed", "value": "3",
    ...        "other_outlet": "b"}
    >>> judgement({"7 0 a count killed 3": "real"}, row), judgement({"7 0 a count killed 3 vs b": "not real"}, row)
    ('real', 'not real')
    """
    key = review_key(row)
    return review.get(f"{key} vs {row['other_outlet']}", review.get(key, "not reviewed"))


def confidence_cuts(divergence: pd.DataFrame, assignments: pd.DataFrame, gold, events_from: str) -> list[dict]:
    """Precision and recall when the flags below a confidence are left out (what a user who filters gets)."""
    rows = []
    for least in (0.0, 0.25, 0.45, 0.7):
        low = divergence["agrees"].eq(False) & (divergence["confidence"] < least)
        scores, _ = score_divergence(divergence[~low], assignments, gold)
        rows.append({"events": events_from, "flags with confidence at least": least, "flags": scores["flags"],
                     "precision": scores["precision"], "recall": scores["recall"]})
    return rows


def per_kind(flags: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for kind in KINDS:
        mine, planted = flags[flags["kind"] == kind], entries[(entries["kind"] == kind)
                                                               & (entries["planted"] == "divergence")]
        rows.append({"kind": kind, "flags": len(mine), "real": int(mine["real"].sum()),
                     "precision": mine["real"].mean() if len(mine) else float("nan"),
                     "gold divergences": len(planted), "found": int(planted["flagged"].sum()),
                     "recall": planted["flagged"].mean() if len(planted) else float("nan")})
    return pd.DataFrame(rows)


def per_part(flags: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall per part of the dev gold (the part is the incident key's prefix: ``aleppo1`` is Aleppo
    before mid-June 2016, ``aleppo3`` Aleppo from late September 2016, ``idlib_hama``, ``rest``; ANNOTATION.md).
    The held-out part is other places and months: how far the scores move from part to part is a first view of how
    far they may move there.

    >>> flags = pd.DataFrame({"gold_event": ["a:1", "a:1", "b:2"], "real": [True, False, True]})
    >>> entries = pd.DataFrame({"event": ["a:1", "b:2"], "planted": ["divergence"] * 2, "flagged": [True, False]})
    >>> per_part(flags, entries).to_dict("records")[0]
    {'part': 'a', 'flags': 2, 'real': 1, 'precision': 0.5, 'gold divergences': 1, 'found': 1, 'recall': 1.0}
    """
    flags = flags.assign(part=flags["gold_event"].astype(str).str.split(":").str[0])
    planted = entries[entries["planted"] == "divergence"]
    planted = planted.assign(part=planted["event"].astype(str).str.split(":").str[0])
    rows = []
    for part in sorted(set(planted["part"]) | set(flags["part"])):
        mine, gold = flags[flags["part"] == part], planted[planted["part"] == part]
        rows.append({"part": part, "flags": len(mine), "real": int(mine["real"].sum()),
                     "precision": mine["real"].mean() if len(mine) else float("nan"),
                     "gold divergences": len(gold), "found": int(gold["flagged"].sum()),
                     "recall": gold["flagged"].mean() if len(gold) else float("nan")})
    return pd.DataFrame(rows)


def part_bcubed(incidents: pd.DataFrame, event_of: pd.Series) -> dict[str, float]:
    """B-cubed F1 of the events (``event_of``: event per report id) on each part's reports (as :func:`per_part`).

    >>> incidents = pd.DataFrame({"report_id": ["1", "2", "3"], "incident": ["a:1", "a:1", "b:1"]})
    >>> part_bcubed(incidents, pd.Series({"1": 0, "2": 1, "3": 2}))
    {'a': 0.6666666666666666, 'b': 1.0}
    """
    part = incidents["incident"].str.split(":").str[0]
    return {name: bcubed(group["incident"].tolist(), event_of.reindex(group["report_id"]).tolist())[2]
            for name, group in incidents.groupby(part)}


def headlines_in_text(reports: pd.DataFrame, joint: str = "\n") -> pd.DataFrame:
    """``reports`` with each ``title`` made the first line of its ``text`` where the text's opening (the title's
    length and 100 characters more, a dateline before it allowed) does not hold it, letters and digits compared
    (``joint`` " ": run into its first sentence).

    >>> reports = pd.DataFrame({"title": ["Blast kills 4", "Rain", "Ten die", None],
    ...                         "text": ["A blast.", "Rain. Sun.", "4 May 2017 Ten die. Ten people died.", "X."]})
    >>> [text.splitlines() for text in headlines_in_text(reports)["text"]]
    [['Blast kills 4', 'A blast.'], ['Rain. Sun.'], ['4 May 2017 Ten die. Ten people died.'], ['X.']]
    """
    def letters(text):
        return " ".join(re.findall(r"[a-z0-9]+", text.lower()))

    def first_line(title, text):
        title = title.strip() if isinstance(title, str) else ""
        held = letters(title) in letters(text[:len(title) + 100])
        return text if not title or held else f"{title}{joint}{text}"
    return reports.assign(text=[first_line(title, text) for title, text in zip(reports["title"], reports["text"],
                                                                                strict=True)])


def main() -> None:
    headlines = next((a[2:] for a in sys.argv[1:] if a in ("--headlines-in-text", "--headlines-joined")), "")
    gold, incidents, reports = dev_gold()
    if headlines:
        given = reports["text"]
        reports = headlines_in_text(reports, "\n" if headlines == "headlines-in-text" else " ")
        headlines_put = int((reports["text"] != given).sum())
    embedder = claimdiff.Embedder()
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences)
    predicted, _ = cluster_events(reports, sentences, embedder)
    dev = predicted.set_index("report_id").loc[incidents["report_id"], "event_id"]
    b_p, b_r, b_f = bcubed(incidents["incident"].tolist(), dev.tolist())
    overall, kinds, parts, judged, cuts = [], [], [], [], []
    for events_from, assignments in (("gold events", gold_assignments(reports, incidents)),
                                     ("predicted events", predicted)):
        start = time.perf_counter()
        claims = align_claims(reports, sentences, assignments, embedder)
        divergence = as_listed_copies(compare_details(reports, claims, details), reports, gold)
        seconds = round(time.perf_counter() - start, 1)
        scores, entries = score_divergence(divergence, assignments, gold)
        flags = judge_flags(divergence, assignments, gold)
        all_read = {**gold, "events": [{**e, "unread": []} for e in gold["events"]]}
        unjudged = len(judge_flags(divergence, assignments, all_read)) - len(flags)
        agreements_flagged = int(entries.loc[entries["planted"] == "agreement", "flagged"].sum())
        updates_flagged = int(entries.loc[entries["planted"] == "update", "flagged"].sum())
        overall.append({"events": events_from, "flags": scores["flags"], "real flags": scores["flags_real"],
                        "precision": scores["precision"], "gold divergences": scores["n_divergences"],
                        "found": scores["found"], "recall": scores["recall"],
                        "agreements flagged": agreements_flagged, "updates flagged": updates_flagged,
                        "set against unread reports": unjudged, "seconds (claims + divergence)": seconds})
        kinds.append(per_kind(flags, entries).assign(events=events_from))
        part_events = per_part(flags, entries).assign(events=events_from)
        if events_from == "predicted events":
            event_of = predicted.set_index("report_id")["event_id"]
            part_events["events B-cubed F1"] = part_events["part"].map(part_bcubed(incidents, event_of))
        parts.append(part_events)
        cuts.extend(confidence_cuts(divergence, assignments, gold, events_from))
        keep = [c for c in ("event_id", "gold_event", "claim_id", "kind", "subject", "outlet", "value", "report_id",
                            "sent_idx", "other_outlet", "other_report_id", "other_value", "confidence", "real")
                if c in flags]
        judged.append(flags[keep].assign(events=events_from))
    overall, kinds = pd.DataFrame(overall), pd.concat(kinds, ignore_index=True)
    parts = pd.concat(parts, ignore_index=True)
    review = yaml.safe_load(REVIEW.read_text(encoding="utf-8")) if REVIEW.exists() else {}
    drawn = judged[-1].sample(n=min(SAMPLE, len(judged[-1])), random_state=0)
    drawn = drawn.assign(key=[review_key(r) for r in drawn.to_dict("records")])
    drawn = drawn.assign(judgement=[judgement(review, r) for r in drawn.to_dict("records")])
    sample = drawn[["key", "other_outlet", "other_report_id", "other_value", "confidence", "real", "judgement"]]
    verdict = sample["judgement"].str.extract(r"^(real|not real|unsure|not reviewed)")[0]
    verdicts = verdict.value_counts()
    agreement = pd.crosstab(verdict.rename("reading"), sample["real"].rename("gold-based real"))
    today = dt.date.today().isoformat()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"divergence-fakes-{today}{'-' + headlines if headlines else ''}"
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    what_if = (f" --{headlines}` (what-if: headlines put into the {headlines_put} of {len(reports)} texts that lack "
               "them)" if headlines else "`")
    text = (
        f"# Divergences on FA-KES, dev gold — {today}\n\nProduced by `benchmarks/divergence_fakes.py"
        f"{what_if}. "
        f"Machine: {info}.\n\nEvents found by claimdiff on the dev reports (incidents-dev.csv): B-cubed "
        f"precision {b_p:.3f}, recall {b_r:.3f}, F1 {b_f:.3f}.\n\nPrecision over all flags (current disagreeing rows "
        "in gold events; a flag is real when it rests on a gold divergence of its kind and outlet; a flag set "
        "against a report of an incident of more than 8 reports that the gold does not list, and so was not read "
        "for its divergences, is not judged: `set against unread reports`) and recall of the gold divergences:\n\n"
        + overall.to_markdown(index=False, floatfmt=".3f") + "\n\nPer kind:\n\n"
        + kinds.to_markdown(index=False, floatfmt=".3f")
        + "\n\nPer part of the dev gold (Aleppo before mid-June 2016, Aleppo from late September 2016, Idlib and "
        "Hama, the rest; the held-out part is other places and months):\n\n"
        + parts.to_markdown(index=False, floatfmt=".3f") + "\n\nLeaving out the flags below a confidence:\n\n"
        + pd.DataFrame(cuts).to_markdown(index=False, floatfmt=".3f")
        + f"\n\n{len(sample)} flags with the predicted events drawn at random (seed 0), with whether they rest on a "
        "gold divergence (`real`) and a person's reading of both sides' sentences "
        "(benchmarks/divergence_fakes_review.yaml): "
        + ", ".join(f"{n} {v}" for v, n in verdicts.sort_index().items()) + ".\n\n"
        + sample.to_markdown(index=False, floatfmt=".2f") + "\n\nThe reading against the gold-based `real`:\n\n"
        + agreement.to_markdown() + "\n"
    )
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    overall.assign(bcubed_f1=b_f).to_csv(out.with_suffix(".csv"), index=False)
    pd.concat(judged, ignore_index=True).to_csv(f"{out}-flags.csv", index=False)
    print(text)


if __name__ == "__main__":
    sys.exit(main())
