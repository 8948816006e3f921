"""Outlet metadata: display name, kind (state agency, wire, monitor, …), country, language, colour.

Read from the first ``outlets.yaml`` found in the corpus folder or one of its parents (``corpus/outlets.yaml``
serves ``corpus/demo``); failing that, a research dataset folder (FA-KES, NewsWCL50, BASIL) gets the file shipped
in ``claimdiff/data/outlets/<dataset>.yaml``. Outlets that appear in the reports but not in the file get defaults:
their key as the name and the kind ``unknown``.

>>> import pandas as pd
>>> table = outlet_table({"wire1": {"name": "Wire One", "kind": "wire"}}, ["wire1", "blog"])
>>> table[["outlet", "name", "kind"]].values.tolist()
[['wire1', 'Wire One', 'wire'], ['blog', 'blog', 'unknown']]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

COLUMNS = ("outlet", "name", "kind", "country", "language", "colour")


def find_outlets_file(corpus_path: str | Path) -> Path | None:
    """The ``outlets.yaml`` in the corpus folder or the nearest parent folder that has one."""
    folder = Path(corpus_path).resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / "outlets.yaml"
        if path.is_file():
            return path
    return None


def shipped_outlets_file(corpus_path: str | Path) -> Path | None:
    """The outlet file shipped with claimdiff for a research dataset folder, or None.

    A dataset folder is recognised as :func:`claimdiff.load_corpus` does: its name as in ``../shared/datasets``
    and a ``SOURCE.md`` in it.

    >>> shipped_outlets_file("corpus/demo") is None
    True
    """
    folder = Path(corpus_path).resolve()
    if not (folder / "SOURCE.md").is_file():
        return None
    shipped = resources.files("claimdiff").joinpath(f"data/outlets/{folder.name}.yaml")
    return Path(str(shipped)) if shipped.is_file() else None


def read_outlets_file(path: str | Path) -> dict[str, dict[str, Any]]:
    """The outlet entries of one ``outlets.yaml``: ``{key: {name, kind, ...}}``."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ValueError(f"{path}: expected a mapping of outlet key -> {{name, kind, country, ...}}")
    return {str(key): value for key, value in data.items()}


def outlet_table(entries: Mapping[str, Mapping[str, Any]], outlets: Iterable[str]) -> pd.DataFrame:
    """One row per outlet in ``outlets`` (order kept), with metadata from ``entries`` or defaults."""
    rows = []
    for outlet in dict.fromkeys(outlets):
        entry = entries.get(outlet, {})
        rows.append(
            {
                "outlet": outlet,
                "name": str(entry.get("name", outlet)),
                "kind": str(entry.get("kind", "unknown")),
                "country": entry.get("country"),
                "language": entry.get("language"),
                "colour": entry.get("colour", entry.get("color")),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype({c: "str" for c in COLUMNS})


def load_outlets(corpus_path: str | Path, reports: pd.DataFrame) -> pd.DataFrame:
    """Metadata for every outlet in ``reports``, in sorted order.

    The entries come from the first of these that exists, used whole (entries are not merged across files):

    1. the corpus's own ``outlets.yaml``: in the corpus folder or the nearest parent folder (:func:`find_outlets_file`);
    2. for a research dataset folder (``../shared/datasets/fakes``, ``newswcl50`` or ``basil``), the file shipped
       in ``claimdiff/data/outlets/`` (:func:`shipped_outlets_file`);
    3. none: every outlet gets its key as the name and the kind ``unknown``.

    >>> reports = pd.DataFrame({"outlet": ["sna", "blog"]})
    >>> load_outlets("corpus/demo", reports)[["outlet", "name", "kind"]].values.tolist()  # doctest: +SKIP
    [['blog', 'blog', 'unknown'], ['sna', 'State News Agency', 'state agency']]
    """
    path = find_outlets_file(corpus_path) or shipped_outlets_file(corpus_path)
    entries = read_outlets_file(path) if path else {}
    return outlet_table(entries, sorted(reports["outlet"].unique()))
