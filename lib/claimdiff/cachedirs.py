"""Where claimdiff keeps what it computed once, and whether it does: the environment is read here and only here.

``CLAIMDIFF_CACHE``
    The cache folder: sentence vectors (:class:`claimdiff.Embedder`) and, under ``stages/``, stage results
    (:mod:`claimdiff.stagecache`). Default ``~/.cache/claimdiff/embeddings``.
``CLAIMDIFF_STAGE_CACHE``
    ``0`` (or ``false``, ``no``, ``off``) turns the stage cache off; the embedding cache stays on.

>>> settings = cache_settings({"CLAIMDIFF_CACHE": "/data/cache", "CLAIMDIFF_STAGE_CACHE": "off"})
>>> settings.root.as_posix(), settings.stage_cache, settings.stages.as_posix()
('/data/cache', False, '/data/cache/stages')
>>> cache_settings({}).root == Path("~/.cache/claimdiff/embeddings").expanduser()
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ROOT = Path("~", ".cache", "claimdiff", "embeddings")
_OFF = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class CacheSettings:
    """The cache folder and whether stage results are kept in it."""

    root: Path
    stage_cache: bool

    @property
    def stages(self) -> Path:
        """The folder of stage results."""
        return self.root / "stages"


def cache_settings(environ: Mapping[str, str] | None = None) -> CacheSettings:
    """The cache settings from ``environ`` (default: ``os.environ``, read at every call)."""
    environ = os.environ if environ is None else environ
    root = Path(environ.get("CLAIMDIFF_CACHE") or DEFAULT_ROOT).expanduser()
    stage_cache = environ.get("CLAIMDIFF_STAGE_CACHE", "1").strip().lower() not in _OFF
    return CacheSettings(root=root, stage_cache=stage_cache)
