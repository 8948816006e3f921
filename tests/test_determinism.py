"""The main job run twice on the same corpus writes byte-identical tables and figures.

The two runs are separate processes with different string-hash seeds, so that nothing may depend on the order in
which a set or a dict of strings happens to be walked.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO, REPO


def run_figures(out: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(REPO / "lib"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "claimdiff", "figures", str(DEMO), "--out", str(out)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.slow
def test_two_runs_of_the_main_job_write_identical_bytes(tmp_path):
    run_figures(tmp_path / "A", "1")
    run_figures(tmp_path / "B", "2")
    first = sorted(p.relative_to(tmp_path / "A") for p in (tmp_path / "A").rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "B") for p in (tmp_path / "B").rglob("*") if p.is_file())
    assert first == second
    suffixes = {p.suffix for p in first}
    assert {".csv", ".parquet", ".pdf", ".svg", ".png", ".html"} <= suffixes
    different = [str(p) for p in first if (tmp_path / "A" / p).read_bytes() != (tmp_path / "B" / p).read_bytes()]
    assert different == []
