"""What the wordings of acts (lib/claimdiff/data/wordings.yaml) add to the divergence table on FA-KES and the demo.

For each corpus the stages run once; the divergence stage then runs twice on the same claims: with the details
as extracted ("all acts") and without the wordings of the acts other than the price change ("price change only",
the lexicon before the other acts were added). Reported: the wording rows per act in the details, the label rows per
act in the divergence table and how many of them disagree, whether every other row is the same in both runs, and the
seconds of each compare_details call (one call each, on a machine shared with other jobs).

Two samples are listed with their sentences, for reading: every disagreeing wording row of the new acts, and
10 wording rows of each new act drawn at random (seed 0) from the details of FA-KES (all of an act's rows if
fewer). The judgement column ("same act, other wording" / "misreading: ...") comes from
benchmarks/wordings_fakes_review.yaml, written by a person who read the rows; rows not in it show "not reviewed".
Writes benchmarks/results/wordings-fakes-<date>.md and .csv.

    .venv/bin/python benchmarks/wordings_fakes.py [--fakes PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from claimdiff.details.lexicon import load
from claimdiff.divergence import compare_details
from claimdiff.events import cluster_events

REPO = Path(__file__).resolve().parents[1]
REVIEW = Path(__file__).with_name("wordings_fakes_review.yaml")
OLD_ACTS = ("price change",)
SAMPLE = 10  # per act
CONTEXT = 70  # characters of the sentence shown on each side of the word
KEYS = ["event_id", "claim_id", "kind", "subject", "outlet", "report_id", "sent_idx", "value"]


def context(text: str, start: int, end: int) -> str:
    """The word in bold with ``CONTEXT`` characters on each side, on one line."""
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    shown = ("…" if left else "") + text[left:start] + "**" + text[start:end] + "**" + text[end:right] + (
        "…" if right < len(text) else "")
    return " ".join(shown.replace("|", "/").split())


def judged(rows: pd.DataFrame, review: dict) -> list[str]:
    return [review.get(f"{r} {s}", "not reviewed") for r, s in zip(rows["report_id"], rows["start"], strict=True)]


def tally(judgements: pd.Series) -> str:
    """How many rows were judged the act, misread, or not reviewed."""
    verdict = judgements.str.extract(r"^(same act|misreading|not reviewed)")[0].fillna("other")
    return ", ".join(f"{n} {v}" for v, n in verdict.value_counts().sort_index().items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fakes", default=str(REPO.parent / "shared" / "datasets" / "fakes"))
    args = parser.parse_args()
    acts = list(load("wordings")["acts"])
    new_acts = [a for a in acts if a not in OLD_ACTS]
    review = yaml.safe_load(REVIEW.read_text(encoding="utf-8")) if REVIEW.exists() else {}
    embedder = claimdiff.Embedder()
    corpora = {"demo": lambda: claimdiff.load_corpus(REPO / "corpus" / "demo")[0],
               "FA-KES": lambda: load_fakes(args.fakes)}
    counts, disagreeing, sample = [], [], None
    for name, loader in corpora.items():
        reports = loader()
        texts = reports.set_index("id")["text"]
        sentences = claimdiff.split_sentences(reports)
        assignments, _ = cluster_events(reports, sentences, embedder)
        claims = align_claims(reports, sentences, assignments, embedder)
        details = extract_details(reports, sentences)
        wording = details["kind"].eq("label") & details["subject"].isin(new_acts)
        started = time.perf_counter()
        before = compare_details(reports, claims, details[~wording])
        seconds_before = time.perf_counter() - started
        started = time.perf_counter()
        after = compare_details(reports, claims, details)
        seconds_after = time.perf_counter() - started
        is_new = after["kind"].eq("label") & after["subject"].isin(new_acts)
        unchanged = after[~is_new].sort_values(KEYS).reset_index(drop=True).equals(
            before.sort_values(KEYS).reset_index(drop=True))
        for act in acts:
            labels = after[after["kind"].eq("label") & after["subject"].eq(act)]
            counts.append({"corpus": name, "act": act,
                           "detail rows": int((details["kind"].eq("label") & details["subject"].eq(act)).sum()),
                           "divergence label rows": len(labels),
                           "disagreeing": int(labels["agrees"].eq(False).sum()),
                           "other rows unchanged": unchanged,
                           "divergence stage (s), price change only": round(seconds_before, 2),
                           "divergence stage (s), all acts": round(seconds_after, 2)})
        rows = after[is_new & after["agrees"].eq(False)]
        spans = details[wording][["report_id", "sent_idx", "subject", "value", "start", "end"]]
        for row in rows.to_dict("records"):
            mine = spans[(spans["report_id"] == row["report_id"]) & (spans["sent_idx"] == row["sent_idx"])
                         & (spans["subject"] == row["subject"])]
            group = after[(after["claim_id"] == row["claim_id"]) & (after["event_id"] == row["event_id"])
                          & (after["kind"] == "label") & (after["subject"] == row["subject"])
                          & (after["outlet"] != row["outlet"])]
            first = mine.iloc[0]
            disagreeing.append({
                "corpus": name, "act": row["subject"], "outlet": row["outlet"], "value": row["value"],
                "others say": "; ".join(sorted(f"{o}: {v}"
                                               for o, v in zip(group["outlet"], group["value"], strict=True))),
                "report_id": row["report_id"], "start": int(first["start"]),
                "sentence": context(texts[row["report_id"]], int(first["start"]), int(first["end"])),
            })
        if name == "FA-KES":
            drawn = pd.concat([of_act.sample(n=min(SAMPLE, len(of_act)), random_state=0)
                               for _, of_act in spans.groupby("subject", sort=True)]).sort_values(["subject", "value"])
            sample = drawn.assign(sentence=[context(texts[r], s, e) for r, s, e in
                                            zip(drawn["report_id"], drawn["start"], drawn["end"], strict=True)])
            sample = sample.rename(columns={"subject": "act"})[["act", "value", "report_id", "start", "sentence"]]
    counts = pd.DataFrame(counts)
    disagreeing = pd.DataFrame(disagreeing, columns=["corpus", "act", "outlet", "value", "others say", "report_id",
                                                     "start", "sentence"])
    disagreeing["judgement"] = judged(disagreeing, review)
    sample["judgement"] = judged(sample, review)
    today = dt.date.today().isoformat()
    out = REPO / "benchmarks" / "results"
    counts.to_csv(out / f"wordings-fakes-{today}.csv", index=False)
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    text = (
        f"# Wordings of acts on FA-KES and the demo — {today}\n\nProduced by `benchmarks/wordings_fakes.py`. "
        f"Machine: {info}.\n\nRows per act; 'other rows unchanged': every divergence row that is not a label of the "
        f"new acts ({', '.join(new_acts)}) is the same as without their wordings.\n\n"
        + counts.to_markdown(index=False)
        + "\n\nEvery disagreeing label row of the new acts, with the word in its sentence. The judgement is a "
        "person's reading of the row, kept in `benchmarks/wordings_fakes_review.yaml`:\n\n"
        + disagreeing.to_markdown(index=False)
        + f"\n\nJudged: {tally(disagreeing['judgement'])}.\n\n{SAMPLE} wording rows of each new act drawn at random "
        "(seed 0) from the FA-KES details, judged the "
        "same way (is the word this act?):\n\n"
        + sample.to_markdown(index=False)
        + "\n\nJudged: " + "; ".join(f"{act}: {tally(rows['judgement'])}" for act, rows in sample.groupby("act"))
        + ".\n"
    )
    (out / f"wordings-fakes-{today}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
