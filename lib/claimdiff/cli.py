"""Command line: ``python -m claimdiff STAGE CORPUS --out PATH``.

Each stage runs the pipeline up to itself on the corpus and writes its table; ``figures`` runs every stage and
writes every table and figure. Problems with the input are reported as one readable line, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from .corpus import CorpusError, load_corpus
from .sentences import split_sentences

STAGES: dict[str, tuple[str, Callable[[argparse.Namespace], None]]] = {}


def stage(name: str, help_text: str):
    """Register a function as the stage ``name`` of the command line."""

    def register(function):
        STAGES[name] = (help_text, function)
        return function

    return register


def write_table(table: pd.DataFrame, path: Path) -> Path:
    """Write ``table`` as CSV at ``path``, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False)
    return path


def _load(args: argparse.Namespace):
    corpus = load_corpus(args.corpus)
    _say_loaded(*corpus)
    return corpus


def _say_loaded(reports: pd.DataFrame, rejected: pd.DataFrame) -> None:
    print(
        f"{len(reports)} reports from {reports['outlet'].nunique()} outlets; {len(rejected)} records rejected"
        + (" (see rejected.csv)" if len(rejected) else ""),
        file=sys.stderr,
    )


@stage("corpus", "load and clean the reports; --out is a folder that gets reports.csv and rejected.csv")
def _corpus(args: argparse.Namespace) -> None:
    corpus = _load(args)
    write_table(corpus.reports, args.out / "reports.csv")
    write_table(corpus.rejected, args.out / "rejected.csv")


@stage("sentences", "split the cleaned reports into sentences; --out is the CSV to write (report_id, sent_idx, ...)")
def _sentences(args: argparse.Namespace) -> None:
    corpus = _load(args)
    write_table(split_sentences(corpus.reports), args.out)


@stage("events", "cluster reports into events; --out is the CSV of report_id, event_id, event_label (events table beside it)")
def _events(args: argparse.Namespace) -> None:
    from .embed import Embedder
    from .events import cluster_events

    reports, _ = _load(args)
    assignments, events = cluster_events(reports, split_sentences(reports), Embedder(backend=args.backend))
    write_table(assignments, args.out)
    write_table(events, args.out.with_name(args.out.stem + "-events.csv"))


@stage(
    "evaluate-events",
    "cluster the corpus into events and score the clusters against a gold column of the corpus "
    "(--gold-column, default gold_event); --out is a CSV of the scores",
)
def _evaluate_events(args: argparse.Namespace) -> None:
    from .embed import Embedder
    from .evaluate import score_clustering
    from .events import cluster_events

    reports, _ = _load(args)
    column = args.gold_column
    if column not in reports:
        raise CorpusError(f"{args.corpus}: the reports have no column {column!r} to score against; give --gold-column")
    assignments, _ = cluster_events(reports, split_sentences(reports), Embedder(backend=args.backend))
    gold = reports.set_index("id")[column].reindex(assignments["report_id"])
    scores = score_clustering(gold.astype(str).tolist(), assignments["event_id"].tolist())
    table = pd.DataFrame([scores])
    write_table(table, args.out)
    print(table.T.to_string(header=False))


@stage("claims", "align the sentences of each event into claim groups; --out is the claims CSV")
def _claims(args: argparse.Namespace) -> None:
    write_table(_run(args).claims, args.out)


@stage("details", "extract counts, dates, places, actors, labels, attributions and hedges; --out is the CSV")
def _details(args: argparse.Namespace) -> None:
    from .details import extract_details

    reports, _ = _load(args)
    write_table(extract_details(split_sentences(reports), reports), args.out)


@stage("divergence", "compare the details of each claim across outlets; --out is the CSV (summary beside it)")
def _divergence(args: argparse.Namespace) -> None:
    results = _run(args)
    write_table(results.divergence, args.out)
    write_table(results.divergence_summary, args.out.with_name(args.out.stem + "-summary.csv"))


@stage("figures", "run every stage and write every table and figure into the --out folder (the main job)")
def _figures(args: argparse.Namespace) -> None:
    from .figures.suite import write_figures
    from .pipeline import report_vectors

    results = _run(args)
    out: Path = args.out
    for name, table in results.tables().items():
        write_table(table, out / f"{name}.csv")
        table.to_parquet(out / f"{name}.parquet", index=False)
    if len(results.reports):
        vectors = report_vectors(results.reports, results.sentences, args.embedder)
        write_figures(results, vectors, out)
    print(f"wrote tables and figures to {out}/ (open {out}/index.html)", file=sys.stderr)


def _run(args: argparse.Namespace):
    from .embed import Embedder
    from .pipeline import run_pipeline

    args.embedder = Embedder(backend=args.backend)
    results = run_pipeline(args.corpus, args.embedder)
    _say_loaded(results.reports, results.rejected)
    return results


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m claimdiff",
        description="Compare how outlets report the same events. Each STAGE runs the pipeline on CORPUS up to "
        "that stage and writes its output to --out.",
    )
    commands = parser.add_subparsers(dest="stage", required=True, metavar="STAGE")
    for name, (help_text, _) in STAGES.items():
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("corpus", type=Path, help="a corpus folder or file (see corpus/README.md)")
        command.add_argument("--out", type=Path, required=True, help="where to write")
        command.add_argument("--backend", default="torch", choices=["torch", "onnx", "onnx-int8"],
                             help="how sentences are embedded: torch (default), onnx, or onnx-int8 (fastest on CPU)")
        if name == "evaluate-events":
            command.add_argument("--gold-column", default="gold_event", help="the column that holds the gold event")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    warnings.simplefilter("default")
    warnings.formatwarning = lambda message, category, *_: f"warning: {message}\n"
    try:
        STAGES[args.stage][1](args)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
