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
# No palette of more than about nine hues stays distinguishable under colour-vision deficiencies, so past nine
# outlets the colours repeat and the marker changes: the (colour, marker) pair is what tells outlets apart.
MARKERS = ("o", "s", "D", "^", "v", "P")
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

    Outlets are given palette colours in sorted order, so every figure of a corpus uses the same mapping; past
    nine outlets the colours repeat, with the next marker of :func:`outlet_markers`.

    >>> outlet_colours(["b", "a"])
    {'a': '#332288', 'b': '#88CCEE'}
    """
    return {key: colour for key, (colour, _) in _outlet_styles(outlets).items()}


def outlet_markers(outlets: pd.DataFrame | Iterable[str]) -> dict[str, str]:
    """A marker per outlet, to draw with its colour where outlets are told apart by colour alone: circles for the
    first nine (sorted) outlets, then squares, diamonds, …

    >>> markers = outlet_markers([f"outlet-{i:02d}" for i in range(11)])
    >>> markers["outlet-00"], markers["outlet-09"], markers["outlet-10"]
    ('o', 's', 's')
    """
    return {key: marker for key, (_, marker) in _outlet_styles(outlets).items()}


def _outlet_styles(outlets) -> dict[str, tuple[str, str]]:
    if isinstance(outlets, pd.DataFrame):
        chosen = {
            row.outlet: row.colour
            for row in outlets.itertuples()
            if isinstance(row.colour, str) and row.colour not in ("", "nan", "None")
        } if "colour" in outlets else {}
        keys = sorted(outlets["outlet"])
    else:
        chosen, keys = {}, sorted(set(outlets))
    free = [c for c in PALETTE if c not in chosen.values()] or list(PALETTE)
    styles, k = {}, 0
    for key in keys:
        if key in chosen:
            styles[key] = (chosen[key], MARKERS[0])
        else:
            styles[key] = (free[k % len(free)], MARKERS[min(k // len(free), len(MARKERS) - 1)])
            k += 1
    return styles


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
        # One layout and one tight box for the three files: savefig would lay out and measure again for each.
        # Laid out at the PNG's resolution, where text is measured most finely (vector files scale with it).
        engine, screen_dpi = fig.get_layout_engine(), fig.dpi
        fig.set_dpi(plt.rcParams["savefig.dpi"])
        try:
            fig.draw_without_rendering()
            box = fig.get_tightbbox().padded(plt.rcParams["savefig.pad_inches"])
        finally:
            fig.set_dpi(screen_dpi)
        if engine is not None:
            fig.set_layout_engine("none")
        try:
            for fmt in ("pdf", "svg", "png"):
                fig.savefig(paths[fmt], format=fmt, metadata=metadata[fmt], bbox_inches=box)
        finally:
            if engine is not None:
                fig.set_layout_engine(engine)
    data.to_csv(paths["csv"], index=False)
    return paths
