"""The command line's corpus options: CORPUS, --out and how to read the corpus, shared by every stage that reads one.

Without ``--out`` a stage writes under ``claimdiff-out/<corpus name>`` (a folder for ``corpus``, ``figures`` and
``framing``, ``<stage>.csv`` in it for the others). Model loading is quiet unless ``--verbose``.

>>> args = build_test_parser().parse_args(["corpus/demo", "--columns", "text=body", "--dayfirst"])
>>> corpus_options(args)["columns"], corpus_options(args)["dayfirst"]
('text=body', True)
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from .corpus import MAX_REPORT_MB, CorpusError

# Stages whose --out is a folder; the others write one CSV. Without --out they write under DEFAULT_OUT/<corpus name>.
FOLDER_STAGES = frozenset({"corpus", "figures", "framing"})
DEFAULT_OUT = Path("claimdiff-out")


def corpus_options(args: argparse.Namespace) -> dict:
    """How to read the corpus, as given on the command line: the keyword arguments of ``load_corpus``."""
    return {"max_report_mb": args.max_report_mb, "columns": args.columns, "dayfirst": args.dayfirst or None,
            "outlet": args.outlet}


def stage_settings(args: argparse.Namespace):
    """The :class:`claimdiff.settings.Settings` of ``--config`` (the defaults without it), with the corpus options
    and ``--backend`` given on the command line in place of the file's.

    >>> stage_settings(build_test_parser().parse_args(["corpus/demo", "--dayfirst"])).reading()["dayfirst"]
    True
    """
    from .corpus.tables import parse_columns
    from .settings import Settings, SettingsError

    try:
        settings = Settings() if args.config is None else Settings.from_toml(args.config)
    except (SettingsError, OSError) as error:
        raise CorpusError(f"--config: {error}") from None
    given = {"max_bytes": None if args.max_report_mb is None else int(args.max_report_mb * 1e6),
             "columns": parse_columns(args.columns) if args.columns else None,
             "dayfirst": args.dayfirst or None, "outlet": args.outlet}
    settings = replace(settings, corpus=replace(settings.corpus, **{k: v for k, v in given.items() if v is not None}))
    if getattr(args, "backend", None) is not None:
        settings = replace(settings, embed=replace(settings.embed, backend=args.backend))
    return settings


def build_test_parser(stage: str = "corpus") -> argparse.ArgumentParser:
    """A parser with only the corpus options of ``stage`` (for the examples)."""
    parser = argparse.ArgumentParser(prog=stage)
    corpus_arguments(parser, stage)
    return parser


def corpus_arguments(command: argparse.ArgumentParser, name: str) -> None:
    """CORPUS, --out and how to read the corpus: the arguments of every stage that reads one."""
    where = "folder" if name in FOLDER_STAGES else "CSV file"
    command.add_argument("corpus", type=Path, help="a corpus folder or file (see corpus/README.md)")
    command.add_argument("--out", type=Path, help=f"the {where} to write (default: {DEFAULT_OUT}/<corpus name>"
                         + ("" if name in FOLDER_STAGES else f"/{name}.csv") + ")")
    command.add_argument("--max-report-mb", type=float, default=None,
                         help=f"reports larger than this are rejected unread (default {MAX_REPORT_MB})")
    command.add_argument("--columns", help="a table's own column names: ours=theirs pairs, such as "
                         "text=body,outlet=source,published=date,title=headline")
    command.add_argument("--dayfirst", action="store_true",
                         help="numeric dates put the day first (04/05/2024 is 4 May); without it they are not read")
    command.add_argument("--outlet", help="the outlet of reports that name none (plain text files, pages, table "
                         "rows); by default their first folder under CORPUS")
    command.add_argument("--verbose", action="store_true", help="show the model loaders' messages and progress bars")
    command.add_argument("--config", type=Path, default=None, help="a TOML file of settings for the stages (see "
                         "`python -m claimdiff config --show`); the options above replace its [corpus] ones")


def resolve_out(args: argparse.Namespace) -> None:
    """Fill in the default --out, and stop early when --out is a file where a folder is needed (or the reverse)."""
    if not hasattr(args, "corpus") or not hasattr(args, "max_report_mb"):
        return  # a stage with arguments of its own (fetch)
    folder = args.stage in FOLDER_STAGES
    if args.out is None:
        name = args.corpus.resolve().stem if args.corpus.is_file() else args.corpus.resolve().name
        args.out = DEFAULT_OUT / (name or "corpus")
        if not folder:
            args.out = args.out / f"{args.stage}.csv"
        print(f"writing to {args.out}", file=sys.stderr)
    if folder and args.out.is_file():
        raise CorpusError(f"{args.out} exists and is a file: give --out a folder")
    if not folder and args.out.is_dir():
        raise CorpusError(f"{args.out} is a folder: give --out a file, such as {args.out / (args.stage + '.csv')}")


def quiet_model_loading() -> None:
    """No progress bars or info messages while models load (Hugging Face's libraries show them by default)."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    if "huggingface_hub" in sys.modules:  # already imported in this process: its setting is read at import
        sys.modules["huggingface_hub"].utils.disable_progress_bars()
    if "transformers" in sys.modules:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()


def pipeline_arguments(command: argparse.ArgumentParser, name: str) -> None:
    """CORPUS, --out, how to read the corpus, --config and --backend: the arguments of a pipeline stage."""
    corpus_arguments(command, name)
    command.add_argument("--backend", default=None, choices=["torch", "onnx", "onnx-int8"],
                         help="how sentences are embedded: onnx-int8 (default; fastest on CPU), onnx, or torch")


def event_file_arguments(command: argparse.ArgumentParser, _name: str) -> None:
    """--events and --event-names: the researcher's own events and names."""
    command.add_argument("--events", type=Path, default=None, help="a CSV report_id,event_id[,event_name] of your own "
                         "events, used instead of clustering the reports")
    command.add_argument("--event-names", type=Path, default=None,
                         help="a CSV event_id,name: your names for events, in every table and figure")


def gold_arguments(command: argparse.ArgumentParser, _name: str) -> None:
    command.add_argument("--gold-column", default="gold_event", help="the column that holds the gold event")
    command.add_argument("--gold", type=Path, help="a gold.yaml whose events give each report's gold event")


def event_column_arguments(command: argparse.ArgumentParser, _name: str) -> None:
    command.add_argument("--event-column", default=None, help="a column of the reports that gives each report's "
                         "event (such as gold_event) instead of clustering them")
