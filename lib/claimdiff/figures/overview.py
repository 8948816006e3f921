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

from .style import outlet_colours, paper_style, width

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
    """Stacked bars of reports per outlet per period; ``fig.table_drawn`` holds :func:`reports_per_period`."""
    period = choose_period(reports["published"])
    table = reports_per_period(reports, period)
    colours = outlet_colours(outlets)
    names = dict(zip(outlets["outlet"], outlets["name"], strict=True))
    with paper_style():
        fig = Figure(figsize=(width(size), 2.4 if size == "double" else 2.2), layout="constrained")
        ax = fig.subplots()
        wide = table.pivot(index="period", columns="outlet", values="n_reports").fillna(0)
        bar_width = {"D": 0.8, "W": 5.6, "MS": 24}[period]
        bottom = np.zeros(len(wide))
        for outlet in wide.columns:
            ax.bar(wide.index, wide[outlet], bottom=bottom, width=bar_width, color=colours[outlet],
                   label=names.get(outlet, outlet), linewidth=0)
            bottom += wide[outlet].to_numpy()
        unit = {"D": "day", "W": "week", "MS": "month"}[period]
        ax.set_ylabel(f"Reports per {unit}")
        ax.yaxis.get_major_locator().set_params(integer=True)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        undated = int(reports["published"].isna().sum())
        if undated:
            ax.text(1, 1, f"{undated} undated report{'s' * (undated > 1)} not shown", transform=ax.transAxes,
                    ha="right", va="bottom", fontsize=6, color="0.4")
        fig.legend(loc="outside right upper" if size == "double" else "outside lower center",
                   ncols=1 if size == "double" else 2, handlelength=1, borderaxespad=0)
    fig.table_drawn = table
    return fig
