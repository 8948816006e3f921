"""The paper style every figure uses: type sizes, column widths, the outlet palette, and saving.

>>> width("single"), width("double")
(3.5, 7.2)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

WIDTHS = {"single": 3.5, "double": 7.2}  # inches: one and two columns of a typical journal page

# Paul Tol's "muted" scheme, safe for the common colour-vision deficiencies; grey is kept for "other".
PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
# Past nine outlets colours start to repeat; Tol's "light" scheme extends the set with distinguishable tints.
EXTENDED = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00")
GREY = "#BBBBBB"


def width(size: str) -> float:
    """Figure width in inches for ``"single"`` or ``"double"`` column."""
    try:
        return WIDTHS[size]
    except KeyError:
        raise ValueError(f"width must be one of {sorted(WIDTHS)}, not {size!r}") from None


def style_path() -> str:
    """Path of the shipped ``paper.mplstyle``."""
    return str(resources.files("claimdiff").joinpath("data/paper.mplstyle"))


@contextmanager
def paper_style():
    """Context in which figures are drawn with the paper style."""
    with plt.style.context(style_path()):
        yield


def outlet_colours(outlets: pd.DataFrame | Iterable[str]) -> dict[str, str]:
    """A colour per outlet, stable for a given set of outlets: the ``colour`` column wins, then the palette.

    Outlets are given palette colours in sorted order, so every figure of a corpus uses the same mapping.

    >>> outlet_colours(["b", "a"])
    {'a': '#332288', 'b': '#88CCEE'}
    """
    if isinstance(outlets, pd.DataFrame):
        chosen = {
            row.outlet: row.colour
            for row in outlets.itertuples()
            if isinstance(row.colour, str) and row.colour not in ("", "nan", "None")
        }
        keys = sorted(outlets["outlet"])
    else:
        chosen, keys = {}, sorted(set(outlets))
    free = [c for c in PALETTE + EXTENDED if c not in chosen.values()]
    colours = {}
    for key in keys:
        colours[key] = chosen.get(key) or (free.pop(0) if free else GREY)
    return colours


def save_figure(fig, name: str, data: pd.DataFrame | None = None, out: str | Path = "figures") -> dict[str, Path]:
    """Write ``fig`` as PDF, SVG and 300-dpi PNG, and ``data`` (what was drawn) as CSV, under ``out``.

    ``data`` defaults to the ``table_drawn`` that every claimdiff figure function attaches to its figure.
    Output is byte-identical across runs: no creation dates, a fixed SVG hash salt. Returns the paths by format.
    """
    if data is None:
        data = getattr(fig, "table_drawn", None)
        if data is None:
            raise ValueError("save_figure needs `data`: the table the figure was drawn from")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {fmt: out / f"{name}.{fmt}" for fmt in ("pdf", "svg", "png", "csv")}
    metadata = {
        "pdf": {"CreationDate": None, "ModDate": None, "Producer": "claimdiff"},
        "svg": {"Date": None},
        "png": {"Software": "claimdiff"},
    }
    # Font embedding and SVG settings are read when saving, not when drawing: apply the style here too.
    with paper_style(), plt.rc_context({"svg.hashsalt": hashlib.sha1(name.encode()).hexdigest()}):
        for fmt in ("pdf", "svg", "png"):
            fig.savefig(paths[fmt], format=fmt, metadata=metadata[fmt])
    data.to_csv(paths["csv"], index=False)
    return paths
