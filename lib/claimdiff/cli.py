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

from . import figures
from .corpus import CorpusError, load_corpus
from .outlets import load_outlets
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
    print(
        f"{len(corpus.reports)} reports from {corpus.reports['outlet'].nunique()} outlets; "
        f"{len(corpus.rejected)} records rejected",
        file=sys.stderr,
    )
    return corpus


@stage("corpus", "load and clean the reports; --out is a folder that gets reports.csv and rejected.csv")
def _corpus(args: argparse.Namespace) -> None:
    corpus = _load(args)
    write_table(corpus.reports, args.out / "reports.csv")
    write_table(corpus.rejected, args.out / "rejected.csv")


@stage("sentences", "split the cleaned reports into sentences; --out is the CSV to write (report_id, sent_idx, ...)")
def _sentences(args: argparse.Namespace) -> None:
    corpus = _load(args)
    write_table(split_sentences(corpus.reports), args.out)


@stage("figures", "run every stage and write every table and figure into the --out folder (the main job)")
def _figures(args: argparse.Namespace) -> None:
    corpus = _load(args)
    reports, rejected = corpus
    sentences = split_sentences(reports)
    outlets = load_outlets(args.corpus, reports)
    out: Path = args.out
    for name, table in {"reports": reports, "rejected": rejected, "sentences": sentences, "outlets": outlets}.items():
        write_table(table, out / f"{name}.csv")
        table.to_parquet(out / f"{name}.parquet", index=False)
    if len(reports):
        figures.save_figure(figures.corpus_overview(reports, outlets), "corpus-overview", out=out)
    print(f"wrote tables and figures to {out}/", file=sys.stderr)


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
