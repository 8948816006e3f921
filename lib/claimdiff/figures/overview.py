"""Corpus overview: how many reports each outlet published per day (or week, or month, for long spans).

>>> import pandas as pd
>>> reports = pd.DataFrame({"outlet": ["a", "a", "b"],
...                         "published": pd.to_datetime(["2024-04-18 09:00", "2024-04-18 20:00", "2024-04-19 08:00"])})
>>> reports_per_period(reports).values.tolist()
[[Timestamp('2024-04-18 00:00:00'), 'a', 2], [Timestamp('2024-04-19 00:00:00'), 'b', 1]]
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .layout import busiest, colours_for, fit_xlabel, new_figure, outlet_names, outlet_order, shorten, text_size
from .style import PALETTE, paper_style

# Longest span (days) drawn per day, then per week; longer spans are drawn per month.
_DAILY_MAX_DAYS = 62
_WEEKLY_MAX_DAYS = 366


def choose_period(published: pd.Series) -> str:
    """``"D"``, ``"W"`` or ``"MS"``: the finest period that keeps the bar count readable."""
    dated = published.dropna()
    span = (dated.max() - dated.min()).days if len(dated) else 0
    return "D" if span <= _DAILY_MAX_DAYS else "W" if span <= _WEEKLY_MAX_DAYS else "MS"


def reports_per_period(reports: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """Columns ``period`` (start of the day/week/month), ``outlet``, ``n_reports``; undated reports left out."""
    dated = reports.dropna(subset=["published"])
    period = period or choose_period(reports["published"])
    starts = dated["published"].dt.to_period("W" if period == "W" else "M" if period == "MS" else "D")
    table = (
        dated.assign(period=starts.dt.start_time)
        .groupby(["period", "outlet"], sort=True)
        .size()
        .rename("n_reports")
        .reset_index()
    )
    return table.astype({"outlet": "str", "n_reports": "int64"})


def corpus_overview(reports: pd.DataFrame, outlets: pd.DataFrame, size: str = "double") -> Figure:
    """Reports per outlet per period; ``fig.table_drawn`` holds :func:`reports_per_period`.

    Up to nine outlets (one palette's worth of colours), stacked bars with a legend; more outlets, one row of bars
    per outlet (named on the axis, so no colour has to be told apart), all rows on one scale: the
    :data:`~claimdiff.figures.layout.MAX_OUTLET_ROWS` outlets with the most reports, the figure says so, and the table
    holds them all.
    """
    period = choose_period(reports["published"])
    table = reports_per_period(reports, period)
    kept, left_out = busiest(table.groupby("outlet")["n_reports"].sum(), what="outlets with the most reports")
    present = outlet_order(outlets, kept)
    colours = colours_for(outlets, present)
    names = outlet_names(outlets)
    unit = {"D": "day", "W": "week", "MS": "month"}[period]
    days = {"D": 1.0, "W": 7.0, "MS": 30.4}[period]
    bar_width = 0.8 * days  # each bar within its period, from just after its start: no bar crosses into the next
    wide = table[table["outlet"].isin(present)].pivot(index="period", columns="outlet", values="n_reports").fillna(0)
    starts = wide.index + pd.Timedelta(days=0.1 * days)
    stacked = len(present) <= len(PALETTE)
    with paper_style():
        if stacked:
            fig = new_figure(size, 2.4)
            # Below the bars on a single column: as many legend columns as the longest name allows.
            entry = max(text_size(fig, names.get(o, o), 7)[0] for o in present) + 0.35
            ncols = 1 if size == "double" else max(1, min(3, int((fig.get_figwidth() - 0.1) // entry)))
            legend_rows = -(-len(present) // ncols)
            fig.set_figheight(2.4 if size == "double" else 1.7 + 0.14 * legend_rows)
            ax = fig.subplots()
            bottom = np.zeros(len(wide))
            for outlet in present:
                ax.bar(starts, wide[outlet], bottom=bottom, width=bar_width, color=colours[outlet],
                       label=names.get(outlet, outlet), linewidth=0, align="edge")
                bottom += wide[outlet].to_numpy()
            ax.set_ylabel(f"Reports per {unit}")
            ax.yaxis.get_major_locator().set_params(integer=True)
            fig.legend(loc="outside right upper" if size == "double" else "outside lower center",
                       ncols=ncols, handlelength=1, borderaxespad=0, columnspacing=1.0)
        else:
            fig = new_figure(size, 0.6 + 0.16 * len(present))
            ax = fig.subplots()
            tallest = float(wide.to_numpy().max()) if len(wide) else 1.0
            for i, outlet in enumerate(present):
                if outlet in wide:
                    ax.bar(starts, -wide[outlet] / tallest * 0.85, bottom=i + 0.42, width=bar_width,
                           color=colours[outlet], linewidth=0, align="edge")
                ax.axhline(i + 0.42, color="0.8", lw=0.4, zorder=0)
            ax.set_yticks(range(len(present)),
                          [shorten(names.get(o, o), 24) for o in present])
            ax.set_ylim(len(present) - 0.5, -0.55)
            ax.tick_params(axis="y", length=0)
            ax.spines["left"].set_visible(False)
        if len(wide):  # whole periods, half a period of margin: one day's reports get a few days' axis, not hours
            ax.set_xlim(wide.index.min() - pd.Timedelta(days=0.5 * days),
                        wide.index.max() + pd.Timedelta(days=1.5 * days))
        locator = (mdates.DayLocator() if period == "D" and len(wide) and (wide.index.max() - wide.index.min()).days
                   < 7 else mdates.AutoDateLocator(minticks=3, maxticks=8 if size == "double" else 6))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
        undated = int(reports["published"].isna().sum())
        notes = [] if stacked else [f"reports per {unit}, tallest bar {int(tallest)}"]
        if left_out:
            notes.append(f"{left_out} (all are in the table)")
        if undated:
            notes.append(f"{undated} undated report{'s' * (undated > 1)} not shown")
        if notes:
            fit_xlabel(ax, "; ".join(notes))
    fig.table_drawn = table
    return fig
