"""Framing figures: the labels each outlet uses for one actor, and the words typical of each outlet.

- :func:`label_share_plot`: one panel per label (the most used first), one row per outlet (or outlet kind); a dot
  in the outlet's colour at the share of the outlet's labelled mentions of the actor that use the label, a line
  for its 95% bootstrap interval. A small ring at 0 marks an outlet that labels the actor but never with this label.
- :func:`log_odds_plot`: one panel per group (Monroe et al. 2008, fig. 3 style): every term as a grey dot at its
  frequency (log axis) and z-score against the other groups; the ``top`` terms of highest z in the group's
  colour with their labels, placed so that they overlap neither each other nor the highlighted points. The dashed
  line is z = 1.96.

Both take the tables of :mod:`claimdiff.framing` and the outlet table. Neither draws hundreds of outlets: past
:data:`MAX_ROWS` rows or :data:`MAX_PANELS` panels they keep the outlets with the most labelled mentions (or the most
reports in shared events), leave the rest out of what they compute and draw, and say so under the axes.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from .layout import (
    SMALL,
    colours_for,
    new_figure,
    nothing_to_show,
    outlet_names,
    outlet_order,
    place_labels,
    shorten,
    wrap_label,
)
from .style import paper_style

GROUP_COLOUR = "0.25"  # groups that are not outlets (kinds, countries) have no palette colour of their own
LABEL_COLUMNS = ("actor", "group_by", "group", "label", "n_labels", "n_total", "share", "ci_low", "ci_high")
# Panels of the log-odds figure at most: beyond a dozen, one panel per outlet is neither readable nor quick to draw.
MAX_PANELS = 12
MAX_ROWS = 30  # rows (outlets) of the label-share figure at most, for the same reason
LOG_ODDS_COLUMNS = ("group_by", "group", "term", "frequency", "z", "rank", "labelled")


def _groups(table: pd.DataFrame, outlets: pd.DataFrame) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Group order, display names and colours: the outlet palette for outlets, dark grey for other groups."""
    present = table["group"].astype(str).unique()
    if table["group_by"].iloc[0] == "outlet":
        order = outlet_order(outlets, present)
        return order, outlet_names(outlets), colours_for(outlets, order)
    order = sorted(present)
    return order, {g: g for g in order}, {g: GROUP_COLOUR for g in order}


def busiest_actor(labels: pd.DataFrame) -> str | None:
    """The actor with the most labelled mentions (the first in a label table's order), or None."""
    if labels.empty:
        return None
    totals = labels.drop_duplicates(["actor", "group"]).groupby("actor", sort=False)["n_total"].sum()
    return str(totals.sort_index().sort_values(ascending=False, kind="stable").index[0])


def label_share_plot(labels: pd.DataFrame, outlets: pd.DataFrame, actor: str | None = None, max_labels: int = 6,
                     size: str = "double", max_rows: int = MAX_ROWS):
    """The labels each group uses for ``actor`` (default: the most labelled), with 95% intervals.

    ``labels`` is a label table (:data:`claimdiff.framing.LABEL_TABLE`). ``fig.table_drawn`` has one row per
    group and label shown, columns :data:`LABEL_COLUMNS`; a label the group never uses has share 0 and no
    interval. Labels beyond the ``max_labels`` most used are left out (the CSV of the table has them all), and so
    are the groups beyond the ``max_rows`` with the most labelled mentions of the actor (the figure says so).
    """
    actor = actor if actor is not None else busiest_actor(labels)
    rows = labels[labels["actor"] == actor] if actor is not None else labels.iloc[0:0]
    if rows.empty:
        note = "No labels to show" if actor is None else f"No labels for {actor}"
        return nothing_to_show(size, LABEL_COLUMNS, note)
    n_groups = rows["group"].nunique()
    if n_groups > max_rows:
        mentions = rows.drop_duplicates("group").set_index("group")["n_total"]
        kept = sorted(mentions.index, key=lambda group: (-mentions[group], str(group)))[:max_rows]
        rows = rows[rows["group"].isin(kept)]
    order, names, colours = _groups(rows, outlets)
    used = rows.groupby("label")["n_labels"].sum()
    shown = sorted(used.index, key=lambda label: (-used[label], label))[:max_labels]
    totals = rows.drop_duplicates("group").set_index("group")["n_total"]
    grid = pd.MultiIndex.from_product([order, shown], names=["group", "label"]).to_frame(index=False)
    drawn = grid.merge(rows, on=["group", "label"], how="left")
    drawn["actor"], drawn["group_by"] = actor, rows["group_by"].iloc[0]
    drawn["n_total"] = drawn["group"].map(totals).astype("int64")
    drawn["n_labels"] = drawn["n_labels"].fillna(0).astype("int64")
    drawn["share"] = drawn["share"].fillna(0.0)

    n_rows, n_panels = len(order), len(shown)
    with paper_style():
        fig = new_figure(size, 0.75 + 0.16 * n_rows)
        axes = np.atleast_1d(fig.subplots(1, n_panels, sharey=True, sharex=True))
        for ax, label in zip(axes, shown, strict=True):
            mine = drawn[drawn["label"] == label].set_index("group")
            for i, group in enumerate(order):
                row = mine.loc[group]
                if row["n_labels"] == 0:
                    ax.plot([0], [i], marker="o", markersize=2.6, markerfacecolor="none", markeredgecolor="0.55",
                            markeredgewidth=0.5, linestyle="", clip_on=False, zorder=3)
                    continue
                ax.plot([row["ci_low"], row["ci_high"]], [i, i], color="0.35", lw=1.0, solid_capstyle="butt",
                        zorder=2, clip_on=False)
                ax.plot([row["share"]], [i], marker="o", markersize=4.2, color=colours[group], linestyle="",
                        markeredgecolor="0.2", markeredgewidth=0.4, zorder=3, clip_on=False)
            ax.set_title(wrap_label(label, 14 if size == "single" else 22), fontsize=7)
            ax.set_xlim(0, 1)
            ax.set_xticks([0, 0.5, 1], ["0", "50", "100"])
            ax.grid(axis="x")
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
        axes[0].set_yticks(range(n_rows),
                           [f"{shorten(names.get(g, g), 22)} ({int(totals[g])})" for g in order])
        axes[0].set_ylim(n_rows - 0.5, -0.5)
        xlabel = f"% of the labelled mentions of {actor} (95% CI over reports)"
        if n_groups > n_rows:
            xlabel += f"\nThe {n_rows} of {n_groups} with the most labelled mentions; the others are in the table"
        fig.supxlabel(xlabel, fontsize=7)
        if n_panels > 1:
            fig.get_layout_engine().set(wspace=0.02)
    fig.table_drawn = drawn[list(LABEL_COLUMNS)].assign(
        ci_low=lambda t: t["ci_low"].where(t["n_labels"] > 0), ci_high=lambda t: t["ci_high"].where(t["n_labels"] > 0)
    ).reset_index(drop=True)
    return fig


def labelled_terms(table: pd.DataFrame, top: int) -> pd.Series:
    """The ``top`` terms of highest z in each group, with z > 0, skipping a term that is part of a term already
    chosen or contains one ("hayat tahrir" after "hayat tahrir al-sham"): one label per phrase.

    >>> t = pd.DataFrame({"group": "x", "term": ["hayat tahrir al-sham", "tahrir", "regime"], "z": [3.0, 2.9, 2.0],
    ...                   "rank": [1, 2, 3]})
    >>> labelled_terms(t, 2).tolist()
    [True, False, True]
    """
    chosen = pd.Series(False, index=table.index)
    for _, mine in table[table["z"] > 0].sort_values(["group", "rank"]).groupby("group", sort=False):
        picked: list[str] = []
        for index, term in zip(mine.index, mine["term"], strict=True):
            if len(picked) == top:
                break
            padded = f" {term} "
            if any(padded in f" {p} " or f" {p} " in padded for p in picked):
                continue
            picked.append(term)
            chosen[index] = True
    return chosen


def busiest_groups(table: pd.DataFrame, limit: int) -> list[str]:
    """The ``limit`` groups of a log-odds table with the most reports in their shared events (ties: by name).

    >>> t = pd.DataFrame({"group": ["a", "b", "b", "c"], "n_reports_group": [5, 9, 9, 5]})
    >>> busiest_groups(t, 2)
    ['b', 'a']
    """
    reports = table.drop_duplicates("group").set_index("group")["n_reports_group"]
    ranked = sorted(reports.index, key=lambda group: (-reports[group], str(group)))
    return [str(group) for group in ranked[:limit]]


def log_odds_plot(table: pd.DataFrame, outlets: pd.DataFrame, top: int = 8, groups: list[str] | None = None,
                  size: str = "double", max_columns: int | None = None, max_panels: int = MAX_PANELS):
    """Terms by frequency and z-score, one panel per group, the ``top`` most typical terms labelled.

    ``table`` is a log-odds table (:data:`claimdiff.framing.LOG_ODDS`); ``groups`` picks and orders the panels
    (default: all, outlets in the outlet table's order). More than ``max_panels`` groups are not readable side by
    side: then only the ``max_panels`` with the most reports in their shared events are drawn (and computed), and
    the figure says how many were left out (of those in ``table``, or of those ``log_odds`` compared before its
    ``max_groups`` cut); the full table has them all. ``fig.table_drawn`` has one row per dot,
    columns :data:`LOG_ODDS_COLUMNS`; ``labelled`` marks the terms written out.
    """
    if groups is not None:
        table = table[table["group"].isin(groups)]
    if table.empty:
        return nothing_to_show(size, LOG_ODDS_COLUMNS, "No terms to compare")
    # a table of the busiest groups only (log_odds's max_groups) says how many it was cut from
    n_groups = max(table["group"].nunique(), int(table.attrs.get("n_groups_compared", 0)) if groups is None else 0)
    if n_groups > max_panels:
        table = table[table["group"].isin(busiest_groups(table, max_panels))]
    order, names, colours = _groups(table, outlets)
    if groups is not None:
        order = [g for g in groups if g in set(order)]
    columns = max_columns or min(len(order), 4 if size == "double" else 2)
    n_rows = int(np.ceil(len(order) / columns))
    drawn = table.assign(labelled=labelled_terms(table, top))
    z_low, z_high = float(drawn["z"].min()), float(drawn["z"].max())
    pad = 0.08 * (z_high - z_low or 1.0)
    with paper_style():
        panel_height = 2.0 if size == "double" else 1.9
        fig = new_figure(size, 0.45 + panel_height * n_rows)
        axes = np.atleast_1d(fig.subplots(n_rows, columns, sharex=True, sharey=True, squeeze=False)).ravel()
        for ax in axes[len(order):]:
            ax.set_axis_off()
        panels = []
        for ax, group in zip(axes, order, strict=False):
            mine = drawn[drawn["group"] == group]
            ax.scatter(mine["frequency"], mine["z"], s=2.5, color="0.75", linewidths=0, zorder=1, rasterized=False)
            best = mine[mine["labelled"]].sort_values("rank")  # placed in rank order: the most typical first
            ax.scatter(best["frequency"], best["z"], s=9, color=colours.get(group, GROUP_COLOUR),
                       edgecolors="0.2", linewidths=0.3, zorder=3)
            ax.axhline(1.96, color="0.5", lw=0.5, ls=(0, (3, 2)), zorder=0)
            ax.set_xscale("log")
            ax.xaxis.set_major_locator(LogLocator(base=10))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}"))
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.set_ylim(z_low - pad, z_high + pad)
            ax.set_title(shorten(names.get(group, group), 28), fontsize=7, color="0.1")
            ax.tick_params(labelsize=SMALL)
            # Kept out of the layout: placed below inside their panel, so where they start does not count.
            texts = [ax.text(f, z, shorten(term, 28), fontsize=SMALL, color="0.1", zorder=4, in_layout=False)
                     for f, z, term in zip(best["frequency"], best["z"], best["term"], strict=True)]
            panels.append((ax, texts, best["frequency"].to_numpy(), best["z"].to_numpy()))
        xlabel = "Frequency in the shared events (log scale)"
        if n_groups > len(order):
            kind = "outlets" if table["group_by"].iloc[0] == "outlet" else "groups"
            xlabel += (f"\nThe {len(order)} of {n_groups} {kind} with the most reports in shared events; "
                       "the others are in the table")
        fig.supxlabel(xlabel, fontsize=7)
        fig.supylabel("z-score, group against the rest", fontsize=7)
        handles = [Line2D([], [], color="0.5", lw=0.5, ls=(0, (3, 2)), label="z = 1.96")]
        fig.legend(handles=handles, loc="outside lower right", fontsize=SMALL, frameon=False)
        fig.draw_without_rendering()  # one layout, the final one, for the labels of every panel
        for ax, texts, frequency, z in panels:
            place_labels(ax, texts, frequency, z, marker_size=4.0, lay_out=False)
    drawn["_order"] = drawn["group"].map({g: i for i, g in enumerate(order)})
    drawn = drawn.sort_values(["_order", "rank"], kind="stable")
    fig.table_drawn = drawn[list(LOG_ODDS_COLUMNS)].reset_index(drop=True)
    return fig


def write_framing_figures(tables: dict[str, pd.DataFrame], outlets: pd.DataFrame, out, actors: int = 3,
                          size: str = "double") -> dict[str, dict]:
    """Save the framing figures of :func:`claimdiff.framing.framing_tables` under ``out``, each with its CSV:
    ``label-shares-<actor>`` (by outlet) and ``label-shares-by-kind-<actor>`` for the ``actors`` most labelled
    actors, and ``log-odds-plot-by-outlet``, ``log-odds-plot-by-kind`` (names apart from the tables', so that a
    figure's CSV of what was drawn never overwrites a table). Returns the written paths by figure name."""
    from .style import save_figure

    drawn = {}
    for by, prefix in (("outlet", "label-shares"), ("kind", "label-shares-by-kind")):
        table = tables[f"labels-by-{by}"]
        for actor in list(dict.fromkeys(table["actor"]))[:actors]:
            drawn[f"{prefix}-{_slug(actor)}"] = label_share_plot(table, outlets, actor=actor, size=size)
    for by in ("outlet", "kind"):
        drawn[f"log-odds-plot-by-{by}"] = log_odds_plot(tables[f"log-odds-by-{by}"], outlets, size=size)
    return {name: save_figure(fig, name, out=out) for name, fig in drawn.items()}


def _slug(text: str) -> str:
    """``"Syrian government forces"`` -> ``"syrian-government-forces"`` (for file names)."""
    return "-".join(re.findall(r"[a-z0-9]+", str(text).lower())) or "actor"
