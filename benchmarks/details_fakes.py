"""Do places and counts say what they are, on FA-KES? The gold's place and count phrases, read by the details stage.

    .venv/bin/python benchmarks/details_fakes.py             # writes benchmarks/results/details-fakes-<date>.*
    .venv/bin/python benchmarks/details_fakes.py --no-write  # prints only
    .venv/bin/python benchmarks/details_fakes.py --sample 30 # also prints 30 random place and count rows to judge
    .venv/bin/python benchmarks/details_fakes.py --lib ../main/lib --label before   # another copy of the library

The FA-KES dev gold (../shared/datasets/fakes/gold/divergences-dev.yaml) gives, for each place and count
divergence or agreement, the verbatim phrase of each outlet. Pipeline: load_fakes -> split_sentences ->
extract_details on all of FA-KES; each gold phrase is found in its report's text and the detail rows inside it
are read:

- place phrases (scored: those with a capitalised word; "outside a bakery" names no place to find): *found* when a
  place row lies in the phrase; *resolved* when one of them is placed (the gazetteer knows where it lies: it has
  ancestors or is a country).
- count phrases: *right subject* when a count row in the phrase has the gold's subject (killed, injured, ...);
  *right subject and group*, for the gold entries whose qualifier names a group (civilians, children, IS
  militants, ... read with the vocabulary of data/count_groups.yaml), when that row's group is the qualifier's.

Phrase-level scores are coarse (a phrase can hold two counts); the `--sample` reading is the check on precision.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

import pandas as pd
import yaml

REPO = Path(__file__).resolve().parents[1]
# --lib PATH measures another copy of the library (the "before" of a change: a worktree of main)
LIB = Path(sys.argv[sys.argv.index("--lib") + 1]) if "--lib" in sys.argv else REPO / "lib"
sys.path.insert(0, str(LIB))
sys.path.insert(0, str(REPO / "benchmarks"))

from machine import describe  # noqa: E402

from claimdiff.datasets import load_fakes  # noqa: E402
from claimdiff.details import extract_details  # noqa: E402
from claimdiff.details.places import place_ancestors  # noqa: E402
from claimdiff.sentences import split_sentences  # noqa: E402


def group_of_words(words: str) -> str | None:
    """The group a gold qualifier names, by this repository's data/count_groups.yaml (whatever --lib is measured)."""
    groups = yaml.safe_load((REPO / "lib/claimdiff/data/count_groups.yaml").read_text(encoding="utf-8"))["groups"]
    for group, pattern in sorted(((g, p) for g, ps in groups.items() for p in ps), key=lambda gp: -len(gp[1])):
        if re.search(rf"(?<![\w-])(?:{pattern})(?![\w-])", words, re.IGNORECASE):
            return group
    return None


def gold_phrases(gold: dict) -> pd.DataFrame:
    """One row per outlet value of every place and count divergence or agreement."""
    rows = []
    for section in ("divergences", "agreements"):
        for entry in gold.get(section) or []:
            if entry["kind"] not in {"place", "count"}:
                continue
            for outlet, value in (entry.get("values") or {}).items():
                if value is None:
                    continue
                rows.append({"section": section[:-1], "kind": entry["kind"], "subject": entry.get("subject"),
                             "qualifier": entry.get("qualifier"), "outlet": outlet, "phrase": value,
                             "report_id": str(entry["reports"][outlet])})
    return pd.DataFrame(rows)


def expected_group(qualifier) -> str | None:
    """The group a gold count is of, when its qualifier names one (civilians, children, IS militants, ...)."""
    return group_of_words(qualifier) if isinstance(qualifier, str) else None


def read_phrases(phrases: pd.DataFrame, reports: pd.DataFrame, details: pd.DataFrame) -> pd.DataFrame:
    texts = reports.set_index("id")["text"].to_dict()
    titles = reports.set_index("id")["title"].to_dict()
    by_report = {rid: rows for rid, rows in details.groupby("report_id", sort=False)}
    out = []
    for row in phrases.to_dict("records"):
        text = texts.get(row["report_id"], "")
        start = text.find(row["phrase"])
        rows = by_report.get(row["report_id"], details.iloc[:0])
        if start < 0:
            located, inside = row["phrase"] in titles.get(row["report_id"], ""), rows.iloc[:0]
        else:
            located = True
            inside = rows[(rows["start"] < start + len(row["phrase"])) & (rows["end"] > start)]
        places = inside[inside["kind"] == "place"]
        counts = inside[inside["kind"] == "count"]
        result = {**row, "located": located,
                  "named": any(w[:1].isupper() for w in row["phrase"].split()[1:]) or row["phrase"][:1].isupper(),
                  "places": "; ".join(f"{v} ({s})" for v, s in zip(places["value"], places["subject"], strict=True)),
                  "counts": "; ".join(f"{v} {s}/{g}" for v, s, g in zip(counts["value"], counts["subject"],
                                                                         counts["group"].fillna("-"), strict=True))}
        if row["kind"] == "place":
            result["found"] = len(places) > 0
            result["resolved"] = any(_placed(v) for v in places["value"])
        else:
            subject_ok = counts["subject"] == row["subject"]
            result["found"] = bool(subject_ok.any())
            want = expected_group(row["qualifier"])
            result["expected group"] = want
            result["resolved"] = bool((subject_ok & (counts["group"] == want)).any()) if want else None
        out.append(result)
    return pd.DataFrame(out)


def _placed(value: str) -> bool:
    return bool(place_ancestors(value)) or value in _top_level()


def _top_level() -> frozenset[str]:
    try:
        from claimdiff.details.gazetteer import top_level_names
        return top_level_names()
    except ImportError:  # the "before" run: the countries of the old gazetteer
        return frozenset({"Syria", "Iraq", "Turkey", "Lebanon", "Jordan", "Israel", "Iran", "Russia"})


def summary(read: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for kind, part in read.groupby("kind"):
        located = part[part["located"]]
        named = located[located["named"]] if kind == "place" else located
        grouped = named[named["resolved"].notna()]
        rows.append({"kind": kind, "gold phrases": len(part), "found in text": len(located),
                     "scored": len(named), "found / right subject": int(named["found"].sum()),
                     "with a group in the gold": len(grouped) if kind == "count" else "",
                     "resolved / right subject and group": int(grouped["resolved"].astype(bool).sum())})
    return pd.DataFrame(rows)


def sample_rows(details: pd.DataFrame, reports: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    texts = reports.set_index("id")["text"].to_dict()
    drawn = []
    for kind in ("place", "count"):
        rows = details[details["kind"] == kind]
        rows = rows.sample(n=min(n, len(rows)), random_state=seed)
        for row in rows.to_dict("records"):
            text = texts[row["report_id"]]
            context = text[max(0, row["start"] - 70): row["end"] + 70].replace("\n", " ")
            drawn.append({"kind": kind, "subject": row["subject"], "value": row["value"],
                          "group": row.get("group"), "text": row["text"], "context": context})
    return pd.DataFrame(drawn)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
    parser.add_argument("--fakes", default=str(shared / "datasets" / "fakes"))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--sample", type=int, default=0, help="print N random place and count rows to judge")
    parser.add_argument("--label", default="", help="a suffix for the result files (e.g. before)")
    parser.add_argument("--lib", default=str(REPO / "lib"), help="the claimdiff library to measure")
    parser.add_argument("--no-corpus-places", action="store_true", help="learn no place names from the corpus")
    args = parser.parse_args()
    fakes = Path(args.fakes)
    gold = yaml.safe_load((fakes / "gold" / "divergences-dev.yaml").read_text(encoding="utf-8"))
    reports = load_fakes(fakes)
    sentences = split_sentences(reports)
    details = extract_details(reports, sentences, min_place_reports=10**9 if args.no_corpus_places else 2)
    read = read_phrases(gold_phrases(gold), reports, details)
    table = summary(read)
    print(table.to_markdown(index=False))
    if args.sample:
        with pd.option_context("display.max_colwidth", 160, "display.width", 250):
            print(sample_rows(details, reports, args.sample).to_string())
    if args.no_write:
        return
    today = dt.date.today().isoformat()
    stem = f"details-fakes-{today}" + (f"-{args.label}" if args.label else "")
    out = REPO / "benchmarks" / "results"
    # no FA-KES or gold text in the repo: ids, kinds and what the details stage read
    read.drop(columns=["phrase", "subject", "qualifier"]).to_csv(out / f"{stem}.csv", index=False)
    info = ", ".join(f"{k} {v}" for k, v in describe().items())
    place_rows = details[details["kind"] == "place"]
    (out / f"{stem}.md").write_text(
        f"# Places and counts of the FA-KES dev gold, read by the details stage — {today}\n\n"
        f"Produced by `benchmarks/details_fakes.py`{' --label ' + args.label if args.label else ''}"
        f"{' --no-corpus-places' if args.no_corpus_places else ''}, library "
        f"{LIB.resolve()} (git {_commit(LIB)}). "
        f"Machine: {info}.\n\n" + table.to_markdown(index=False)
        + f"\n\nAll of FA-KES: {len(place_rows)} place rows ({place_rows['subject'].value_counts().to_dict()}), "
        f"{int((details['kind'] == 'count').sum())} count rows. Per phrase (without the gold's text): "
        f"`{stem}.csv`.\n",
        encoding="utf-8")


def _commit(path: Path) -> str:
    import subprocess
    found = subprocess.run(["git", "-C", str(path), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(path), "status", "--porcelain", "lib"], capture_output=True, text=True)
    return found.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")


if __name__ == "__main__":
    main()
