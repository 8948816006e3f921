"""Outlet agreement: for every pair of outlets, how often they agree on the details they both state.

A shared detail is a claim group, kind and subject (the toll of the killed in claim 12, say) for which both outlets
have a current (not superseded) DIVERGENCE row with a stated value (not "none", not an omission). Agreement is
recomputed for the pair — the ``agrees`` column of the divergence table says whether an outlet agrees with *every*
other outlet, which is not the same as agreeing with one of them:

- counts: their intervals ``[low, high]`` overlap (NaN is an open bound: "at least 21" agrees with "22");
- dates: the stated dates (values read as dates, ``a..b``, ``a/b`` or ``a to b`` as ranges) are at most a day
  apart; values that are not dates must be equal;
- places, actors, labels, attributions: unless each names something the other does not (values are split on
  "; "), as in :mod:`claimdiff.divergence`.

Hedging is left out by default (``kinds``): it is a difference in certainty, not in the detail.

>>> d = pd.DataFrame({"claim_id": [0, 0, 0], "kind": "count", "subject": "killed", "outlet": ["a", "b", "c"],
...                   "value": ["21", "at least 20", "18"], "low": [21.0, 20.0, 18.0],
...                   "high": [21.0, float("nan"), 18.0], "superseded": False,
...                   "published": pd.to_datetime(["2024-04-19"] * 3)})
>>> pairwise_agreement(d)[["outlet_a", "outlet_b", "n_shared", "n_agree"]].values.tolist()
[['a', 'b', 1, 1], ['a', 'c', 1, 0], ['b', 'a', 1, 1], ['b', 'c', 1, 0], ['c', 'a', 1, 0], ['c', 'b', 1, 0]]
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import matplotlib as mpl
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd

from ..divergence import dates_compatible, intervals_overlap, places_compatible, sets_compatible
from .layout import SMALL, new_figure, nothing_to_show, outlet_names, outlet_order, shorten, text_size
from .style import paper_style

KINDS = ("count", "date", "place", "actor", "label", "attribution")
COLUMNS = ("outlet_a", "outlet_b", "n_shared", "n_agree", "agreement")
CMAP = "cividis"  # sequential, perceptually uniform, readable with any colour-vision deficiency and in greyscale


def pairwise_agreement(divergence: pd.DataFrame, kinds=KINDS) -> pd.DataFrame:
    """Both orders of every pair of outlets with at least one shared detail: ``n_shared``, ``n_agree``,
    ``agreement`` (= n_agree / n_shared)."""
    rows = divergence[divergence["kind"].isin(list(kinds)) & ~divergence["superseded"].astype(bool)]
    rows = rows[rows["value"].notna() & (rows["value"] != "none")]
    rows = rows.sort_values("published", kind="stable").drop_duplicates(
        ["claim_id", "kind", "subject", "outlet"], keep="last"
    )
    counts: dict[tuple[str, str], list[int]] = {}
    # Grouped by hand over plain tuples: a pandas groupby with per-group itertuples took minutes on FA-KES.
    groups: dict[tuple, list] = {}
    for row in rows[["claim_id", "kind", "subject", "outlet", "value", "low", "high"]].itertuples(index=False):
        groups.setdefault((row.claim_id, row.kind, row.subject), []).append(row)
    for (_, kind, _), group in groups.items():
        for a, b in itertools.combinations(sorted(group, key=lambda r: r.outlet), 2):
            agree = compatible(kind, a, b)
            for pair in ((a.outlet, b.outlet), (b.outlet, a.outlet)):
                tally = counts.setdefault(pair, [0, 0])
                tally[0] += 1
                tally[1] += int(agree)
    table = pd.DataFrame([(a, b, n, k) for (a, b), (n, k) in counts.items()], columns=list(COLUMNS[:4]))
    table["agreement"] = table["n_agree"] / table["n_shared"]
    return table.sort_values(["outlet_a", "outlet_b"], ignore_index=True).astype(
        {"n_shared": "int64", "n_agree": "int64", "agreement": "float64"}
    )


def compatible(kind: str, a, b) -> bool:
    """Can what ``a`` and ``b`` (rows with ``value, low, high``) say be true together? The divergence stage's rules:
    counts must overlap, dates share a day, places lie in or around each other, other sets name nothing apart."""
    if kind == "count":
        return intervals_overlap(a.low, a.high, b.low, b.high)
    if kind == "date":
        first, second = _dates(a.value), _dates(b.value)
        if first is None or second is None:
            return _values(a.value) == _values(b.value)
        return dates_compatible(*first, *second)
    if kind == "place":
        return places_compatible(_names(a.value), _names(b.value))
    return sets_compatible(_values(a.value), _values(b.value))


def _names(value) -> frozenset:
    return frozenset(v.strip() for v in str(value).split(";") if v.strip())


def _values(value) -> frozenset:
    return frozenset(name.lower() for name in _names(value))


@lru_cache(maxsize=4096)
def _dates(value):
    parts = [p for p in re.split(r"\s*(?:;|/|\.\.|\bto\b)\s*", str(value)) if p.strip()]
    stamps = pd.to_datetime(pd.Series(parts, dtype="object"), errors="coerce")
    if not len(stamps) or stamps.isna().any():
        return None
    return stamps.min(), stamps.max()


def outlet_agreement(divergence: pd.DataFrame, outlets: pd.DataFrame, size: str = "single", kinds=KINDS):
    """Outlets × outlets: colour = agreement rate on shared details, number = how many details they share.

    - ``divergence``: the DIVERGENCE table (``claim_id, kind, subject, outlet, value, low, high, superseded,
      published``); see the module for what counts as agreeing;
    - ``outlets``: ``outlet, name``.

    The diagonal is blank; a pair sharing nothing is blank with a grey 0. ``fig.table_drawn``: one row per
    off-diagonal cell (both orders of each pair), columns :data:`COLUMNS`.
    """
    pairs = pairwise_agreement(divergence, kinds) if len(divergence) else pd.DataFrame(columns=list(COLUMNS))
    present = set(pairs["outlet_a"]) | set(pairs["outlet_b"])
    if len(divergence):
        present |= set(divergence.loc[divergence["kind"].isin(list(kinds)), "outlet"].dropna())
    order = outlet_order(outlets, present)
    if len(order) < 2 or pairs.empty:
        return nothing_to_show(size, COLUMNS, "No details shared by two outlets")
    grid = pd.DataFrame([(a, b) for a in order for b in order if a != b], columns=["outlet_a", "outlet_b"])
    cells = grid.merge(pairs, on=["outlet_a", "outlet_b"], how="left")
    cells["n_shared"] = cells["n_shared"].fillna(0).astype("int64")
    cells["n_agree"] = cells["n_agree"].fillna(0).astype("int64")
    cells = cells[list(COLUMNS)]
    index = {o: i for i, o in enumerate(order)}
    n = len(order)
    matrix = np.full((n, n), np.nan)
    for cell in cells.itertuples():
        matrix[index[cell.outlet_a], index[cell.outlet_b]] = cell.agreement
    names = outlet_names(outlets)
    chars = 26 if size == "double" else (20 if n <= 8 else 16)
    labels = [shorten(names.get(o, o), chars) for o in order]
    cmap = mpl.colormaps[CMAP].with_extremes(bad="white")
    norm = mcolors.Normalize(0, 1)
    with paper_style():
        fig = new_figure(size, 3.0)
        # Cells wide enough for their numbers ("316"), the matrix as large as the column allows beside its labels
        # and colour bar; past that, the numbers get smaller (never under 5 pt).
        widest = str(int(cells["n_shared"].max()))
        label_w = max(text_size(fig, t, 6.5)[0] for t in labels)
        room = fig.get_figwidth() - label_w - 0.8  # the colour bar, its ticks and its label take ~0.8 in
        fontsize = SMALL if n > 8 or size == "single" else 7
        while fontsize > 5 and n * (text_size(fig, widest, fontsize)[0] + 0.06) > room:
            fontsize -= 0.5
        cell = max(text_size(fig, widest, fontsize)[0] + 0.06, min(0.3, room / n), 0.16)
        side = min(n * cell, room)
        # Tall enough for the matrix, its slanted labels, and the colour bar's two-line label beside it.
        fig.set_figheight(max(side + label_w * 0.75 + 0.4, 2.6))
        ax = fig.subplots()
        image = ax.imshow(np.ma.masked_invalid(matrix), cmap=cmap, norm=norm, aspect="equal",
                          interpolation="nearest")
        for cell in cells.itertuples():
            i, j = index[cell.outlet_a], index[cell.outlet_b]
            if cell.n_shared:
                r, g, b, _ = cmap(norm(cell.agreement))
                dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45
                ax.text(j, i, str(cell.n_shared), ha="center", va="center", fontsize=fontsize,
                        color="white" if dark else "black")
            else:
                ax.text(j, i, "0", ha="center", va="center", fontsize=fontsize, color="0.6")
        ax.set_xticks(range(n), labels, rotation=45, ha="right", rotation_mode="anchor", fontsize=6.5)
        ax.set_yticks(range(n), labels, fontsize=6.5)
        ax.set_xticks(np.arange(n + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(n + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=0.8)
        ax.tick_params(which="both", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        colorbar = fig.colorbar(image, ax=ax, shrink=0.7, aspect=22, pad=0.03)
        colorbar.set_label("Agreement on shared details\n(number in cell: details shared)", fontsize=SMALL + 0.5)
        colorbar.ax.tick_params(labelsize=SMALL + 0.5, width=0.5, length=2)
        colorbar.outline.set_linewidth(0.5)
        colorbar.ax.yaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    fig.table_drawn = cells.reset_index(drop=True)
    return fig
