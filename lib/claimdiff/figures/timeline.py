"""Timeline: who reported which event when, and how long after the first report each outlet followed.

Left (or top): one row per event, one marker per report at its publication time, coloured by outlet; within an
event's row every outlet keeps the same small vertical offset, so an outlet reads as a thin line across events.
Right (or below): per outlet, the lag of its first report on each event after the event's first report (by any
outlet), one dot per event, with a black tick at the outlet's median lag.

>>> import pandas as pd
>>> reports = pd.DataFrame({"id": ["a", "b"], "outlet": ["x", "y"],
...                         "published": pd.to_datetime(["2024-04-19 08:00", "2024-04-19 14:30"])})
>>> assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 0]})
>>> report_lags(reports, assignments)[["report_id", "lag_hours", "first_of_outlet"]].values.tolist()
[['a', 0.0, True], ['b', 6.5, True]]
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from .layout import (
    colours_for,
    fit_event_label,
    fit_xlabel,
    markers_for,
    new_figure,
    nothing_to_show,
    outlet_names,
    outlet_order,
    shorten,
)
from .style import paper_style

COLUMNS = ("report_id", "event_id", "event_label", "outlet", "published", "lag_hours", "first_of_outlet", "url")
LAG_IN_DAYS_ABOVE = 96  # hours: longer lags are drawn in days
SHORT_SPAN_DAYS = 2  # reports within this many days are drawn on an axis of their whole days
LAG_LOG_ABOVE = 60  # days or hours: a longer lag panel gets a symmetric-log axis (linear below 1)


def report_lags(reports: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    """Dated reports with ``event_id``, ``lag_hours`` after the event's first dated report, and
    ``first_of_outlet`` (the outlet's earliest report on the event; ties broken by report id)."""
    table = reports.rename(columns={"id": "report_id"}).astype({"report_id": str}).merge(
        assignments[["report_id", "event_id"]].astype({"report_id": str}), on="report_id"
    )
    table = table.dropna(subset=["published"]).sort_values(["event_id", "published", "report_id"], kind="stable")
    first = table.groupby("event_id")["published"].transform("min")
    table["lag_hours"] = (table["published"] - first).dt.total_seconds() / 3600
    table["first_of_outlet"] = ~table.duplicated(["event_id", "outlet"])
    return table.reset_index(drop=True)


def widest_events(table: pd.DataFrame, limit: int) -> list:
    """The ``limit`` events of ``table`` (``event_id, outlet, published``) reported by the most outlets; ties: more
    reports, then the earlier first report, then the lower id."""
    ranked = table.groupby("event_id").agg(n_outlets=("outlet", "nunique"), n_reports=("outlet", "size"),
                                           first=("published", "min")).reset_index()
    ranked = ranked.sort_values(["n_outlets", "n_reports", "first", "event_id"],
                                ascending=[False, False, True, True], kind="stable")
    return ranked["event_id"].head(limit).tolist()


def timeline(
    reports: pd.DataFrame,
    assignments: pd.DataFrame,
    outlets: pd.DataFrame,
    events: pd.DataFrame,
    size: str = "double",
    max_events: int | None = None,
):
    """Reports per event over time, coloured by outlet, beside each outlet's lag after the first report.

    At most ``max_events`` event rows are drawn (default 20 on a double column, 12 on a single one: a row per event
    of a large corpus would be unreadable, and a column is not a page tall): the events
    covered by the most outlets, then with the most reports, then the earliest; a note under the axis counts the
    others, and both panels (and ``table_drawn``) hold only the events drawn.

    - ``reports``: ``id, outlet, published`` (``url`` carried into the table if present);
    - ``assignments``: ``report_id, event_id``; ``events``: ``event_id, label``;
    - ``outlets``: ``outlet, name`` (and ``colour``), for names and the corpus-wide outlet colours.

    ``fig.table_drawn``: one row per report marker (undated reports are left out and counted in a note), columns
    :data:`COLUMNS`; the rows with ``first_of_outlet`` are also the dots of the lag panel.
    """
    if reports.empty or assignments.empty:
        return nothing_to_show(size, COLUMNS, "No reports assigned to events")
    table = report_lags(reports, assignments)
    undated = int(reports.rename(columns={"id": "report_id"}).merge(assignments[["report_id"]], on="report_id")
                  ["published"].isna().sum())
    if table.empty:
        return nothing_to_show(size, COLUMNS, "No dated reports to show")
    labels = dict(zip(events["event_id"], events["label"], strict=True)) if len(events) else {}
    table["event_label"] = [str(labels.get(e, f"event {e}")) for e in table["event_id"]]
    shown = widest_events(table, max_events or (20 if size == "double" else 12))
    hidden = table["event_id"].nunique() - len(shown)
    table = table[table["event_id"].isin(shown)].reset_index(drop=True)
    if "url" not in table:
        table["url"] = pd.NA

    event_order = table.groupby("event_id")["published"].min().sort_values(kind="stable").index.tolist()
    row_of = {event: i for i, event in enumerate(event_order)}
    order = outlet_order(outlets, table["outlet"])
    colours = colours_for(outlets, order)
    markers = markers_for(outlets, order)  # past nine outlets colours repeat: the marker tells them apart
    names = outlet_names(outlets)
    step = min(0.12, 0.7 / max(len(order), 1))
    offset = {outlet: (i - (len(order) - 1) / 2) * step for i, outlet in enumerate(order)}
    lag_scale, lag_unit = (24, "days") if table["lag_hours"].max() > LAG_IN_DAYS_ABOVE else (1, "hours")

    n_events, n_outlets = len(event_order), len(order)
    events_height = 0.45 + 0.26 * n_events
    lags_height = 0.45 + 0.15 * n_outlets
    with paper_style():
        if size == "double":
            fig = new_figure(size, max(events_height, lags_height) + 0.25)
            ax_time, ax_lag = fig.subplots(1, 2, width_ratios=[2.3, 1])
        else:
            fig = new_figure(size, events_height + lags_height + 0.45)
            ax_time, ax_lag = fig.subplots(2, 1, height_ratios=[events_height, lags_height])

        for i in range(n_events):
            if i % 2 == 0:
                ax_time.axhspan(i - 0.5, i + 0.5, color="0.95", linewidth=0, zorder=0)
        for outlet in order:
            mine = table[table["outlet"] == outlet]
            ax_time.scatter(mine["published"], mine["event_id"].map(row_of) + offset[outlet], s=12,
                            marker=markers[outlet],
                            color=colours[outlet], edgecolors="0.2", linewidths=0.3, zorder=3,
                            label=names.get(outlet, outlet))
        label_width = 1.6 if size == "double" else 1.25
        ax_time.set_yticks(range(n_events), [fit_event_label(fig, labels.get(e, f"event {e}"), label_width, 7)
                                             for e in event_order])
        ax_time.set_ylim(n_events - 0.5, -0.5)
        ax_time.tick_params(axis="y", length=0)
        ax_time.spines["left"].set_visible(False)
        first, last = table["published"].min(), table["published"].max()
        if last - first < pd.Timedelta(days=SHORT_SPAN_DAYS):  # whole days: one report gets its day, not years
            day_end = last.floor("D") + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)  # the offset names the day
            ax_time.set_xlim(first.floor("D"), day_end)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=7 if size == "double" else 6)
        ax_time.xaxis.set_major_locator(locator)
        ax_time.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        notes = ([f"{hidden} event{'s' * (hidden > 1)} with fewer outlets"] if hidden else []) + (
            [f"{undated} undated report{'s' * (undated > 1)}"] if undated else [])

        firsts = table[table["first_of_outlet"]]
        for i, outlet in enumerate(order):
            lags = firsts.loc[firsts["outlet"] == outlet, "lag_hours"] / lag_scale
            ax_lag.scatter(lags, np.full(len(lags), i), s=12, color=colours[outlet], marker=markers[outlet],
                           edgecolors="0.2",
                           linewidths=0.3, zorder=3, clip_on=False)
            if len(lags):
                ax_lag.plot([lags.median()] * 2, [i - 0.32, i + 0.32], color="black", lw=0.9, zorder=4)
        ax_lag.set_yticks(range(n_outlets), [shorten(names.get(o, o), 26) for o in order])
        ax_lag.set_ylim(n_outlets - 0.5, -0.5)
        ax_lag.tick_params(axis="y", length=0)
        longest = max(float(firsts["lag_hours"].max()) / lag_scale, 1.0)
        if longest > LAG_LOG_ABOVE:  # a few very late reports would squash every other dot against zero
            ax_lag.set_xscale("symlog", linthresh=1, linscale=0.5)
            ax_lag.set_xlim(0, longest * 1.3)
            ax_lag.xaxis.set_major_formatter(lambda x, _: f"{x:g}")
        else:
            ax_lag.set_xlim(0, longest * 1.05)
        ax_lag.grid(axis="x")
        ax_lag.set_axisbelow(True)
        fit_xlabel(ax_lag, f"First report: {lag_unit} after the event's first")
        fit_xlabel(ax_time, "Published (UTC)" + (f"; not shown: {', '.join(notes)}" if notes else ""))
    fig.table_drawn = table[list(COLUMNS)].reset_index(drop=True)
    return fig
