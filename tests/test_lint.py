"""The code passes ruff with the settings in pyproject.toml ([tool.ruff])."""

import subprocess
import sys

import pytest
from conftest import REPO


def test_ruff_finds_nothing_in_the_library_the_benchmarks_and_the_tests():
    try:
        import ruff  # noqa: F401 - only to say clearly that it is missing
    except ImportError:
        pytest.fail("ruff is not installed: pip install -e '.[dev]'")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "lib", "benchmarks", "tests"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
