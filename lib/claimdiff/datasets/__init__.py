"""Loaders for the public research datasets kept beside the repo in ``../shared/datasets``.

Each loader takes a dataset folder and returns a reports table: the ``schema.REPORTS`` columns first, then the
dataset's own columns, among them ``gold_event`` (the gold event cluster of each report) where the dataset has one.
The data is read where it lies and never copied into the repo; each folder's ``SOURCE.md`` says where it comes
from, how it is licensed and what its quirks are.

======================  =========  =============  ==========================================================
name                    reports    gold events    outlets
======================  =========  =============  ==========================================================
``ecbplus``             982        86             host of the source URL; ``unknown`` for the 480 ECB texts
``gvc``                 510        241            host of the article URL (288 hosts)
``newswcl50``           50         10             leaning code ``LL``/``L``/``M``/``R``/``RR`` (5)
``basil``               300        100            ``fox``/``nyt``/``hpo``
``fakes``               804        none           15 Middle-East and international outlets
======================  =========  =============  ==========================================================

>>> from claimdiff.datasets import load_dataset
>>> reports = load_dataset("basil", "../shared")  # doctest: +SKIP
>>> reports.groupby("gold_event")["outlet"].nunique().eq(3).all()  # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from claimdiff.datasets.basil import load_basil
from claimdiff.datasets.ecbplus import load_ecbplus
from claimdiff.datasets.fakes import load_fakes
from claimdiff.datasets.gvc import load_gvc
from claimdiff.datasets.newswcl50 import load_newswcl50

__all__ = ["DATASETS", "load_basil", "load_dataset", "load_ecbplus", "load_fakes", "load_gvc", "load_newswcl50"]

DATASETS: dict[str, Callable[[str | Path], pd.DataFrame]] = {
    "ecbplus": load_ecbplus,
    "gvc": load_gvc,
    "newswcl50": load_newswcl50,
    "basil": load_basil,
    "fakes": load_fakes,
}


def load_dataset(name: str, shared_root: str | Path) -> pd.DataFrame:
    """Load the dataset ``name`` from ``<shared_root>/datasets/<name>``.

    >>> load_dataset("wikinews", "../shared")
    Traceback (most recent call last):
    ...
    KeyError: "unknown dataset 'wikinews': choose one of ecbplus, gvc, newswcl50, basil, fakes"
    """
    if name not in DATASETS:
        raise KeyError(f"unknown dataset {name!r}: choose one of {', '.join(DATASETS)}")
    folder = Path(shared_root) / "datasets" / name
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{folder} is not a folder: pass the folder that holds datasets/{name} (usually ../shared)"
        )
    return DATASETS[name](folder)
