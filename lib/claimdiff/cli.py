"""Command line: ``python -m claimdiff STAGE CORPUS --out PATH``.

Each stage runs the pipeline up to itself on the corpus and writes its table; ``figures`` runs every stage and
writes every table and figure; ``fetch`` saves web pages as a corpus. Problems with the input are reported as one
readable line and a non-zero exit code, never a traceback (set ``CLAIMDIFF_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from . import __version__
from .cli_corpus import (
    event_column_arguments,
    event_file_arguments,
    gold_arguments,
    pipeline_arguments,
    quiet_model_loading,
    resolve_out,
    stage_settings,
)
from .corpus import CorpusError, load_corpus
from .fetch import FetchError
from .sentences import split_sentences

Arguments = Callable[[argparse.ArgumentParser, str], None]
# name -> (help, the function that runs the stage, the functions that add its arguments to its parser)
STAGES: dict[str, tuple[str, Callable[[argparse.Namespace], None], tuple[Arguments, ...]]] = {}


def stage(name: str, help_text: str, *arguments: Arguments):
    """Register a function as the stage ``name`` of the command line; ``arguments`` add its options to its parser
    (default: :func:`pipeline_arguments`)."""

    def register(function):
        STAGES[name] = (help_text, function, arguments or (pipeline_arguments,))
        return function

    return register


def write_table(table: pd.DataFrame, path: Path) -> Path:
    """Write ``table`` as CSV at ``path``, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False)
    return path


def _load(args: argparse.Namespace):
    corpus = load_corpus(args.corpus, **args.settings.reading())
    _say_loaded(*corpus, args)
    return corpus


def _say_loaded(reports: pd.DataFrame, rejected: pd.DataFrame, args: argparse.Namespace) -> None:
    print(
        f"{len(reports)} reports from {reports['outlet'].nunique()} outlets; {len(rejected)} records rejected"
        + (" (see rejected.csv)" if len(rejected) else ""),
        file=sys.stderr,
    )
    if len(reports):
        return
    if not len(rejected):
        raise CorpusError(f"{args.corpus}: no reports found. corpus/README.md lists the file types read.")
    where = ""
    if args.stage in ("corpus", "figures"):
        where = f"; all reasons in {write_table(rejected, args.out / 'rejected.csv')}"
    first = rejected.iloc[0]
    line = "" if pd.isna(first["line"]) else f", line {first['line']}"
    raise CorpusError(
        f"{args.corpus}: none of its {len(rejected)} records could be used "
        f"(first: {first['source_path']}{line}: {first['reason']}){where}"
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


@stage("events", "cluster reports into events; --out is the CSV of report_id, event_id, event_label (events table "
       "beside it)")
def _events(args: argparse.Namespace) -> None:
    from .events import cluster_events

    reports, _ = _load(args)
    assignments, events = cluster_events(reports, split_sentences(reports), _embedder(args),
                                         settings=args.settings.events)
    write_table(assignments, args.out)
    write_table(events, args.out.with_name(args.out.stem + "-events.csv"))


@stage(
    "evaluate-events",
    "cluster the corpus into events and score the clusters against a gold column of the corpus "
    "(--gold-column, default gold_event); --out is a CSV of the scores",
    pipeline_arguments, gold_arguments,
)
def _evaluate_events(args: argparse.Namespace) -> None:
    from .evaluate import score_clustering
    from .events import cluster_events

    reports, _ = _load(args)
    column = args.gold_column
    if args.gold is not None:
        from .gold import gold_events

        reports[column] = reports["id"].map(gold_events(args.gold, reports["id"]))
    elif column not in reports:
        raise CorpusError(f"{args.corpus}: the reports have no column {column!r} to score against; give "
                          "--gold-column, or --gold gold.yaml")
    assignments, _ = cluster_events(reports, split_sentences(reports), _embedder(args), settings=args.settings.events)
    gold = reports.set_index("id")[column].reindex(assignments["report_id"])
    if gold.isna().any():  # never lump reports without a gold event into one cluster
        warnings.warn(f"{gold.isna().sum()} reports have no {column} and are left out of the scores", stacklevel=2)
    scored = gold.notna().to_numpy()
    scores = score_clustering(gold[scored].astype(str).tolist(), assignments["event_id"][scored].tolist())
    table = pd.DataFrame([scores])
    write_table(table, args.out)
    print(table.T.to_string(header=False))


@stage("claims", "align the sentences of each event into claim groups; --out is the claims CSV", pipeline_arguments,
       event_file_arguments)
def _claims(args: argparse.Namespace) -> None:
    from .claims import align_claims
    from .events import cluster_events
    from .events.given import given_events

    reports, _ = _load(args)
    sentences = split_sentences(reports)
    embedder = _embedder(args)
    if getattr(args, "events", None) is not None:
        assignments, _ = given_events(args.events, reports)
    else:
        assignments, _ = cluster_events(reports, sentences, embedder, settings=args.settings.events)
    write_table(align_claims(reports, sentences, assignments, embedder, settings=args.settings.claims), args.out)


@stage("details", "extract counts, dates, places, actors, labels, attributions and hedges; --out is the CSV")
def _details(args: argparse.Namespace) -> None:
    from .details import extract_details

    reports, _ = _load(args)
    write_table(extract_details(reports, split_sentences(reports), settings=args.settings.details), args.out)


@stage("divergence", "compare the details of each claim across outlets; --out is the CSV (summary beside it)",
       pipeline_arguments, event_file_arguments)
def _divergence(args: argparse.Namespace) -> None:
    results, _ = _run(args)
    write_table(results.divergence, args.out)
    write_table(results.divergence_summary, args.out.with_name(args.out.stem + "-summary.csv"))


@stage(
    "framing",
    "the labels each outlet and outlet kind uses for each actor, and the words typical of each against the rest on "
    "the events both covered (events: clustered, or --event-column); --out is a folder for the tables and figures",
    pipeline_arguments, event_column_arguments,
)
def _framing(args: argparse.Namespace) -> None:
    from .details import extract_details
    from .figures.framing import write_framing_figures
    from .framing import framing_tables
    from .outlets import load_outlets

    reports, _ = _load(args)
    sentences = split_sentences(reports)
    assignments = None
    if args.event_column is None:
        from .events import cluster_events

        # the default clustering uses no embeddings
        assignments, _ = cluster_events(reports, sentences, settings=args.settings.events)
    elif args.event_column not in reports:
        raise CorpusError(
            f"{args.corpus}: the reports have no column {args.event_column!r}; give another --event-column"
        )
    outlets = load_outlets(args.corpus, reports)
    details = extract_details(reports, sentences, settings=args.settings.details)
    tables = framing_tables(reports, details, outlets, assignments, args.event_column)
    for name, table in tables.items():
        write_table(table, args.out / f"{name}.csv")
    written = write_framing_figures(tables, outlets, args.out)
    print(f"wrote {len(tables)} tables and {len(written)} figures to {args.out}/", file=sys.stderr)


@stage("figures", "run every stage and write every table and figure into the --out folder (the main job)",
       pipeline_arguments, event_file_arguments)
def _figures(args: argparse.Namespace) -> None:
    from .figures.suite import write_figures
    from .pipeline import report_vectors

    results, embedder = _run(args)
    out: Path = args.out
    for note in _comparison_notes(results):
        print(f"note: {note}", file=sys.stderr)
    for name, table in results.tables().items():
        write_table(table, out / f"{name}.csv")
        table.to_parquet(out / f"{name}.parquet", index=False)
    if len(results.reports):
        vectors = report_vectors(results.reports, results.sentences, embedder)
        write_figures(results, vectors, out, settings=args.settings)
    print(f"wrote tables and figures to {out}/ (open {out}/index.html)", file=sys.stderr)


def _comparison_notes(results) -> list[str]:
    """What the figures cannot compare in this corpus, in words (none for a corpus of several outlets)."""
    from .figures.suite import comparison_notes

    return comparison_notes(results)


def _embedder(args: argparse.Namespace):
    """The embedder of the run's settings ([embed] of --config, --backend)."""
    from dataclasses import asdict

    from .embed import Embedder

    return Embedder(**asdict(args.settings.embed))


def _run(args: argparse.Namespace):
    """Every stage on the corpus: ``(results, embedder)``."""
    from .pipeline import run_pipeline

    embedder = _embedder(args)
    results = run_pipeline(args.corpus, embedder, events=getattr(args, "events", None),
                           event_names=getattr(args, "event_names", None), settings=args.settings)
    _say_loaded(results.reports, results.rejected, args)
    return results, embedder


def _fetch_arguments(command: argparse.ArgumentParser, _name: str) -> None:
    from .fetch import FetchSettings

    defaults = FetchSettings()
    command.add_argument("urls", type=Path, help="a text file with one URL per line, optionally followed by the "
                         "outlet key (`https://... sna`); blank lines and lines starting with # are skipped")
    command.add_argument("--out", type=Path, required=True, help="the corpus folder to save the pages into")
    command.add_argument("--timeout", type=float, default=defaults.timeout,
                         help="seconds to wait for a server (default %(default)s)")
    command.add_argument("--retries", type=int, default=defaults.retries, help="tries after the first on "
                         "connection errors, timeouts, 429 and 5xx, with back-off (default %(default)s)")
    command.add_argument("--delay", type=float, default=defaults.delay,
                         help="seconds between two requests to the same host (default %(default)s)")
    command.add_argument("--max-page-mb", type=float, default=defaults.max_bytes / 1e6,
                         help="larger pages are not saved (default %(default)s)")
    command.add_argument("--user-agent", default=defaults.user_agent,
                         help="how the requests introduce themselves; add a way to reach you (default: %(default)s)")


@stage("fetch", "save the web pages listed in a file as a corpus folder, politely and resumably; every failure is "
       "recorded with its reason in fetch-log.csv", _fetch_arguments)
def _fetch(args: argparse.Namespace) -> None:
    from .fetch import FetchSettings, fetch_urls

    settings = FetchSettings(timeout=args.timeout, retries=args.retries, delay=args.delay,
                             max_bytes=int(args.max_page_mb * 1e6), user_agent=args.user_agent)
    log = fetch_urls(args.urls, args.out, settings)
    counts = log["status"].value_counts()
    print(f"{counts.get('ok', 0)} pages saved, {counts.get('skipped', 0)} already there, "
          f"{counts.get('failed', 0)} failed (reasons in {args.out / 'fetch-log.csv'})", file=sys.stderr)


def _config_arguments(command: argparse.ArgumentParser, _name: str) -> None:
    command.add_argument("--show", action="store_true", required=True,
                         help="print every setting with its value, as TOML (a file --config reads)")
    command.add_argument("--config", type=Path, default=None,
                         help="a TOML file of settings: its values in place of the defaults")


@stage("config", "print every stage setting with its value (TOML): the defaults, or those of --config FILE",
       _config_arguments)
def _config(args: argparse.Namespace) -> None:
    from .settings import Settings, SettingsError

    try:
        settings = Settings() if args.config is None else Settings.from_toml(args.config)
    except SettingsError as error:
        raise CorpusError(str(error)) from None
    source = f"from {args.config} (defaults where it gives none)" if args.config else "the defaults"
    print(f"# claimdiff {__version__} settings: {source}\n{settings.to_toml()}", end="")


def _validate_sample_arguments(command: argparse.ArgumentParser, _name: str) -> None:
    command.add_argument("run", type=Path, help="the --out folder of `figures` (or a divergence CSV/parquet)")
    command.add_argument("--n", type=int, default=100, help="pairs to draw, shared equally among the kinds of "
                         "detail (default %(default)s)")
    command.add_argument("--seed", type=int, default=0, help="the random seed (default %(default)s)")
    command.add_argument("--out", type=Path, default=None,
                         help="folder for validation-sheet.csv and .html (default: RUN's folder)")


@stage("validate-sample", "draw a stratified random sample of the flagged divergences into a coding sheet (CSV and "
       "printable HTML) for checking by hand", _validate_sample_arguments)
def _validate_sample(args: argparse.Namespace) -> None:
    from .validate import load_run, sample_divergences, write_sheet

    divergence, sentences, events = load_run(args.run)
    sheet = sample_divergences(divergence, n=args.n, seed=args.seed, sentences=sentences, events=events)
    out = args.out or (args.run if args.run.is_dir() else args.run.parent)
    paths = write_sheet(sheet, out)
    per_kind = ", ".join(f"{k} {v}" for k, v in sheet["kind"].value_counts().sort_index().items())
    print(f"{len(sheet)} divergences ({per_kind or 'none flagged'}) in {paths['csv']} and {paths['html']}; fill "
          "the judgement column with real, not real or unsure", file=sys.stderr)


def _validate_score_arguments(command: argparse.ArgumentParser, _name: str) -> None:
    command.add_argument("sheets", type=Path, nargs="+", metavar="SHEET",
                         help="a coded validation sheet, and optionally a second coder's coding of the same sheet")
    command.add_argument("--out", type=Path, default=None, help="a CSV to write the precision table to")


@stage("validate-score", "precision per kind of detail (Wilson 95 percent intervals) from coded validation sheets, and "
       "Krippendorff's alpha given two coders' sheets", _validate_score_arguments)
def _validate_score(args: argparse.Namespace) -> None:
    from .validate import read_sheet, score_sheets

    if len(args.sheets) > 2:
        raise CorpusError("give one coded sheet, or two codings of the same sheet")
    try:
        scores = score_sheets(*(read_sheet(path) for path in args.sheets))
    except ValueError as error:
        raise CorpusError(str(error)) from None
    print(scores["precision"].to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if scores["alpha"] is not None:
        print("\nKrippendorff's alpha (nominal):")
        print(scores["alpha"].to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.out is not None:
        write_table(scores["precision"], args.out)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m claimdiff",
        description="Compare how outlets report the same events. Each STAGE runs the pipeline on CORPUS up to "
        "that stage and writes its output to --out.",
    )
    parser.add_argument("--version", action="version", version=f"claimdiff {__version__}")
    commands = parser.add_subparsers(dest="stage", required=True, metavar="STAGE")
    for name, (help_text, _, arguments) in STAGES.items():
        command = commands.add_parser(name, help=help_text, description=help_text)
        for add in arguments:
            add(command, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    warnings.simplefilter("default")
    warnings.formatwarning = lambda message, category, *_: f"warning: {message}\n"
    if not getattr(args, "verbose", False):
        quiet_model_loading()
    try:
        resolve_out(args)
        if hasattr(args, "corpus") and hasattr(args, "config"):
            args.settings = stage_settings(args)
        STAGES[args.stage][1](args)  # the stage's function
    except (CorpusError, FetchError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except FileExistsError as error:  # a file where --out needs a folder
        print(f"error: {error.filename} exists and is a file: give --out a folder", file=sys.stderr)
        return 2
    except OSError as error:  # an --out that cannot be written, a full disk, an unreadable file
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if os.environ.get("CLAIMDIFF_DEBUG"):
            raise
        print(f"error: {type(error).__name__}: {error} — an input claimdiff does not handle, or a bug; rerun with "
              "CLAIMDIFF_DEBUG=1 for the details and report them", file=sys.stderr)
        return 1
    return 0
