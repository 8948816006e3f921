"""The command line: each stage writes its output; bad input gives one readable line, not a traceback."""

import subprocess
import sys

import pandas as pd

from claimdiff.cli import main

REPORT = "---\noutlet: {outlet}\npublished: 2024-04-{day}\n---\nTen were killed in {place}. The army said so.\n"


def small_corpus(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for n, (outlet, place) in enumerate([("wire", "Homs"), ("blog", "Hama"), ("wire", "Daraa")]):
        (folder / f"{n}.md").write_text(REPORT.format(outlet=outlet, day=18 + n, place=place))
    (folder / "bad.md").write_text("no front matter\n")
    return folder


def test_figures_stage_writes_tables_and_the_overview_figure(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    assert main(["figures", str(corpus), "--out", str(out)]) == 0
    for name in ("reports", "rejected", "sentences", "outlets"):
        assert (out / f"{name}.csv").is_file() and (out / f"{name}.parquet").is_file()
    for fmt in ("pdf", "svg", "png", "csv"):
        assert (out / f"corpus-overview.{fmt}").stat().st_size > 0
    assert len(pd.read_csv(out / "reports.csv")) == 3
    assert pd.read_csv(out / "rejected.csv")["source_path"].tolist() == ["bad.md"]
    assert pd.read_csv(out / "corpus-overview.csv")["n_reports"].sum() == 3


def test_sentences_stage_writes_one_csv(tmp_path):
    corpus = small_corpus(tmp_path)
    assert main(["sentences", str(corpus), "--out", str(tmp_path / "s.csv")]) == 0
    assert len(pd.read_csv(tmp_path / "s.csv")) == 6


def test_missing_corpus_is_one_error_line_and_exit_code_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "claimdiff", "figures", str(tmp_path / "nope"), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_help_explains_each_stage():
    result = subprocess.run([sys.executable, "-m", "claimdiff", "--help"], capture_output=True, text=True)
    for stage in ("corpus", "sentences", "figures"):
        assert stage in result.stdout
