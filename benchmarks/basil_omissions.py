"""Do the claims claimdiff marks as left out by another outlet hold BASIL's informational-bias sentences?

BASIL (Fan et al., EMNLP 2019; ../shared/datasets/basil) annotates, in 100 events told by Fox News, the New York
Times and HuffPost, spans of *informational* bias (a fact or detail one outlet includes, selectively) and of
*lexical* bias (a loaded word). Each triplet is taken as one event (gold events); sentences -> claims as in the
pipeline. A sentence counts as *marked left out elsewhere* when its claim group lacks at least one of the triplet's
outlets (a singleton lacks two), and as an *omission* when the divergence stage writes an omission row for its
group (a claim the two others make and the third leaves out: ``compare_details``). For both, the share among the
sentences holding an informational-bias span is set against the share among all sentences (the base rate) and
among sentences holding a lexical-bias span (the contrast: a loaded word is no left-out fact). A graded view of the
same question: each sentence's best similarity (the alignment's own blend) to any sentence of another outlet of its
triplet, and the ROC AUC with which a *low* best similarity picks out the informational-bias (or lexical-bias)
sentences among all (0.5: no better than chance).

Writes benchmarks/results/basil-omissions-<date>.md and .csv. About 9,000 sentences are embedded on the first run
(several minutes on 2 cores); the embedding cache makes reruns fast.

    .venv/bin/python benchmarks/basil_omissions.py [--basil ../shared/datasets/basil] [--triplets N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from machine import describe  # benchmarks/machine.py
from sklearn.metrics import roc_auc_score

import claimdiff
from claimdiff.claims import align_claims, sentence_similarity
from claimdiff.datasets import load_basil
from claimdiff.details.table import frame as no_details
from claimdiff.divergence import compare_details

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BASIL = REPO.parent / "shared" / "datasets" / "basil"


def bias_spans(folder: Path, reports: pd.DataFrame) -> pd.DataFrame:
    """One row per annotated span: ``report_id, bias, start, end`` with offsets into the report's ``text``.

    BASIL's offsets count within one stored sentence that the span does not name (SOURCE.md): the sentence is the
    one that holds ``txt`` at ``start``; its place in ``text`` is found by searching from the previous one's end.
    Spans that cannot be placed are counted and reported, not dropped silently.
    """
    rows, unplaced = [], 0
    for report in reports.itertuples():
        article = json.loads((folder / report.source_path).read_text(encoding="utf-8"))
        annotation = folder / "annotations" / Path(report.source_path).parent.name / f"{report.id}_ann.json"
        spans = json.loads(annotation.read_text(encoding="utf-8")).get("phrase-level-annotations") or []
        where, cursor = [], 0
        for paragraph in article.get("body-paragraphs") or []:
            for sentence in paragraph:
                stripped = sentence.strip()
                found = report.text.find(stripped, cursor) if stripped else -1
                lead = len(sentence) - len(sentence.lstrip())
                where.append((sentence, found - lead if found >= 0 else None))
                if found >= 0:
                    cursor = found + len(stripped)
        for span in spans:
            start, end, txt = int(span["start"]), int(span["end"]), span["txt"]
            placed = next((offset for sentence, offset in where
                           if offset is not None and sentence[start:end] == txt), None)
            if placed is None:
                unplaced += 1
                continue
            rows.append((report.id, span["bias"], placed + start, placed + end))
    table = pd.DataFrame(rows, columns=["report_id", "bias", "start", "end"])
    table.attrs["unplaced"] = unplaced
    return table


def mark_sentences(sentences: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """``has_inf`` and ``has_lex`` per sentence: does an annotated span of that kind overlap it?"""
    marked = sentences[["report_id", "sent_idx", "start", "end"]].copy()
    for bias in ("inf", "lex"):
        hits = spans[spans["bias"] == bias].merge(marked, on="report_id", suffixes=("_span", ""))
        hits = hits[(hits["start_span"] < hits["end"]) & (hits["start"] < hits["end_span"])]
        keys = set(zip(hits["report_id"], hits["sent_idx"], strict=True))
        marked[f"has_{bias}"] = [key in keys for key in zip(marked["report_id"], marked["sent_idx"], strict=True)]
    return marked


def best_match_elsewhere(claims: pd.DataFrame, embedder) -> pd.Series:
    """Per claims row: its highest similarity to a sentence of another outlet in the same event (NaN: none)."""
    vectors = embedder.encode(claims["text"].tolist())
    best = np.full(len(claims), np.nan)
    for _, event in claims.reset_index(drop=True).groupby("event_id"):
        index = event.index.to_numpy()
        similarity = sentence_similarity(event["text"].tolist(), vectors[index])
        outlets = event["outlet"].to_numpy()
        similarity[outlets[:, None] == outlets[None, :]] = -np.inf
        best[index] = np.where(np.isfinite(similarity.max(axis=1)), similarity.max(axis=1), np.nan)
    return pd.Series(best, index=claims.index)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--basil", type=Path, default=DEFAULT_BASIL)
    parser.add_argument("--triplets", type=int, default=None, help="only the first N triplets (by id)")
    args = parser.parse_args(argv)
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    start = time.perf_counter()
    reports = load_basil(args.basil)
    if args.triplets:
        keep = sorted(reports["gold_event"].unique())[: args.triplets]
        reports = reports[reports["gold_event"].isin(keep)].reset_index(drop=True)
    sentences = claimdiff.split_sentences(reports)
    spans = bias_spans(args.basil, reports)
    marked = mark_sentences(sentences, spans)
    assignments = reports[["id", "gold_event"]].rename(columns={"id": "report_id"})
    assignments["event_id"] = assignments["gold_event"].astype("category").cat.codes.astype("int64")
    embedder = claimdiff.Embedder()
    claims = align_claims(reports, sentences, assignments, embedder)
    claims["best_match_elsewhere"] = best_match_elsewhere(claims, embedder)
    divergence = compare_details(reports, claims, no_details([]))  # omissions need only the claim groups
    seconds = round(time.perf_counter() - start, 1)

    outlets_in_event = claims.groupby("event_id")["outlet"].transform("nunique")
    outlets_in_group = claims.groupby("claim_id")["outlet"].transform("nunique")
    claims["left_out_elsewhere"] = outlets_in_group < outlets_in_event
    omitted = set(divergence.loc[divergence["kind"] == "omission", "claim_id"])
    claims["omission"] = claims["claim_id"].isin(omitted)
    table = marked.merge(claims[["report_id", "sent_idx", "left_out_elsewhere", "omission", "best_match_elsewhere"]],
                         on=["report_id", "sent_idx"])

    rows = []
    subsets = (
        ("all sentences (base rate)", table),
        ("informational-bias sentences", table[table["has_inf"]]),
        ("lexical-bias sentences", table[table["has_lex"]]),
        ("sentences with no bias span", table[~table["has_inf"] & ~table["has_lex"]]),
    )
    for name, subset in subsets:
        rows.append({
            "sentences": name,
            "n": len(subset),
            "share_left_out_elsewhere": subset["left_out_elsewhere"].mean(),
            "share_in_omission_groups": subset["omission"].mean(),
            "median_best_match_elsewhere": subset["best_match_elsewhere"].median(),
        })
    result = pd.DataFrame(rows)
    base = result.iloc[0]
    result["lift_left_out"] = result["share_left_out_elsewhere"] / base["share_left_out_elsewhere"]
    result["lift_omission"] = result["share_in_omission_groups"] / base["share_in_omission_groups"]
    scored = table.dropna(subset=["best_match_elsewhere"])
    result["auc_low_match"] = [np.nan] + [
        roc_auc_score(scored[column], -scored["best_match_elsewhere"]) for column in ("has_inf", "has_lex")
    ] + [np.nan]

    today = dt.date.today().isoformat()
    out = REPO / "benchmarks" / "results"
    result.to_csv(out / f"basil-omissions-{today}.csv", index=False)
    groups = claims.groupby("claim_id")["outlet"].nunique()
    text = (
        f"# BASIL: informational-bias sentences in claims left out by another outlet — {today}\n\n"
        f"Produced by `benchmarks/basil_omissions.py`. Machine: {info}.\n\n"
        f"{reports['gold_event'].nunique()} triplets, {len(reports)} articles, {len(table)} sentences, "
        f"{len(spans)} bias spans placed ({spans.attrs['unplaced']} could not be placed on a sentence); "
        f"{claims['claim_id'].nunique()} claim groups: {int((groups == 3).sum())} in all three outlets, "
        f"{int((groups == 2).sum())} in two, {int((groups == 1).sum())} in one. Default claim alignment "
        f"(threshold and weights of `claimdiff.claims`), triplets as events; {seconds} s including embedding.\n\n"
        "*left out elsewhere*: the sentence's claim group lacks at least one outlet of the triplet. *omission*: the "
        "divergence stage reports the group as left out by the third outlet (two make the claim). *lift*: share / "
        "share among all sentences. *auc_low_match*: ROC AUC of a low best match elsewhere for picking out "
        "these sentences among all.\n\n"
        + result.to_markdown(index=False, floatfmt=".3f")
        + "\n"
    )
    (out / f"basil-omissions-{today}.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    sys.exit(main())
