"""Shared fixtures. Data under ../shared is read, never copied into the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Tests compute every stage afresh (some replace internals at run time, which the stage cache cannot see);
# tests/test_stagecache.py turns it on for its own folders.
os.environ["CLAIMDIFF_STAGE_CACHE"] = "0"
SHARED = Path(os.environ.get("CLAIMDIFF_SHARED", REPO.parent / "shared"))
DEMO = REPO / "corpus" / "demo"


def require_shared(relative: str) -> Path:
    """Path of ``../shared/<relative>``; fails under CI when it is missing, skips elsewhere."""
    path = SHARED / relative
    if not path.exists():
        message = f"{path} is missing: the tests that read ../shared need it beside the repo"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def shared():
    """Call as ``shared("datasets/gvc")`` to get a path under ../shared."""
    return require_shared
