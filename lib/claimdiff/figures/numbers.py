"""Numeric divergence: what each outlet says a count is (killed, injured, …), event by event.

One panel per (event, subject), all with the same outlet rows in the same order. Each stated count is drawn by
what it commits to:

- ``exact`` ("21"): a dot at the number;
- ``interval`` ("18-25"): a line between the bounds, with end ticks;
- ``at_least`` ("at least 21", "more than 30": open upper bound): a tick at the bound and an arrow to the right;
- ``at_most`` ("up to 10": open lower bound): a tick at the bound and an arrow to the left;
- ``vague`` ("dozens", "several", "a number of"): a translucent band over the interval the phrase is read as.
  A value is vague when the details table's ``vague`` column said so (if the divergence table carries it), or
  when its text is one of the vague quantities of ``data/quantities.yaml``.

A value the outlet later changed (``superseded``) is drawn hollow (dotted for lines and bands) and a thin arrow
joins it to the outlet's next value for the same claim, so a toll raised from 18 to 21 reads in time order; the
older value sits just above the newer one in the outlet's row. The x axis is logarithmic when the largest value of
a panel is more than 20 times the smallest (symmetric-log when a count of zero must show).

The counts of a report the divergence stage held apart from its event (``held_apart``: it tells of another incident
than most of the event's reports, and was compared with none of those) are left out of the event's panels: the
subject under a panel says how many reports were left out, and the figure's table lists their marks too
(``held_apart`` set, ``scale`` "left out"), with their reports and sentences.

>>> classify(pd.Series({"value": "at least 21", "low": 21.0, "high": float("nan")}))
'at_least'
>>> classify(pd.Series({"value": "dozens", "low": 24.0, "high": 99.0}))
'vague'
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from ..details.lexicon import load, phrases_regex
from .layout import (
    SMALL,
    colours_for,
    fit_event_label,
    legend_outside,
    new_figure,
    nothing_to_show,
    outlet_names,
    outlet_order,
    shorten,
)
from .style import paper_style

LOG_RATIO = 20  # a panel whose largest value is more than this many times its smallest gets a log axis
COLUMNS = ("event_id", "event_label", "subject", "outlet", "mark", "value", "low", "high", "superseded",
           "updated_to", "published", "claim_id", "report_id", "sent_idx", "n_sentences", "report_ids", "scale",
           "held_apart")
MARKS = ("exact", "interval", "at_least", "at_most", "vague")


@lru_cache(maxsize=1)
def vague_pattern() -> re.Pattern:
    """Whole-word pattern of the vague quantities ("dozens", "a number of", …) of ``data/quantities.yaml``."""
    return phrases_regex(load("quantities")["vague"])


def classify(row: pd.Series) -> str | None:
    """The mark of one count row (see the module); None when it has no bound at all."""
    low, high = row["low"], row["high"]
    flagged = row.get("vague")
    if (not pd.isna(flagged) and bool(flagged)) or (
        pd.isna(flagged) and isinstance(row["value"], str) and vague_pattern().search(row["value"])
    ):
        return "vague" if not (pd.isna(low) and pd.isna(high)) else None
    if pd.isna(low) and pd.isna(high):
        return None
    if pd.isna(high):
        return "at_least"
    if pd.isna(low):
        return "at_most"
    return "exact" if low == high else "interval"


def count_marks(divergence: pd.DataFrame, subjects, events=None) -> pd.DataFrame:
    """The count rows of ``divergence`` to draw, one per mark (identical values of an outlet merged); those of
    reports held apart (a ``held_apart`` column, when there is one) marked so, to be left out."""
    rows = divergence[(divergence["kind"] == "count") & divergence["subject"].isin(list(subjects))]
    rows = rows[rows["value"].notna() & (rows["value"] != "none")]
    held = rows["held_apart"].fillna(False).astype(bool) if "held_apart" in rows else False
    rows = rows.assign(held_apart=held)
    if events is not None:
        wanted = events["event_id"] if isinstance(events, pd.DataFrame) else list(events)
        rows = rows[rows["event_id"].isin(list(wanted))]
    if rows.empty:
        return pd.DataFrame(columns=[c for c in COLUMNS if c not in ("event_label", "scale", "updated_to")])
    rows = rows.assign(mark=rows.apply(classify, axis=1))
    rows = rows[rows["mark"].notna()].sort_values(["event_id", "subject", "outlet", "published", "claim_id"],
                                                  kind="stable")
    merged = (
        rows.assign(_low=rows["low"].fillna(-1.0), _high=rows["high"].fillna(-1.0))
        .groupby(["event_id", "subject", "outlet", "mark", "value", "_low", "_high", "superseded", "held_apart"],
                 sort=False, dropna=False)
        .agg(low=("low", "first"), high=("high", "first"), published=("published", "first"),
             claim_id=("claim_id", "first"), report_id=("report_id", "first"), sent_idx=("sent_idx", "first"),
             n_sentences=("report_id", "size"),
             report_ids=("report_id", lambda r: ";".join(dict.fromkeys(r.astype(str)))))
        .reset_index()
        .drop(columns=["_low", "_high"])
    )
    # Where each superseded value went: the outlet's next value, in time, for the same claim (or, failing that,
    # for the same event and subject); marks of reports held apart neither update nor are updated.
    merged["updated_to"] = pd.array([pd.NA] * len(merged), dtype="Int64")
    mark_of = {}
    for i, m in merged.iterrows():
        for report_id in m["report_ids"].split(";"):
            mark_of[(m["event_id"], m["subject"], m["outlet"], report_id, m["value"])] = i
    for i, m in merged[merged["superseded"].astype(bool) & ~merged["held_apart"]].iterrows():
        later = rows[(rows["event_id"] == m["event_id"]) & (rows["subject"] == m["subject"]) & ~rows["held_apart"]
                     & (rows["outlet"] == m["outlet"]) & (rows["published"] > m["published"])]
        same_claim = later[later["claim_id"] == m["claim_id"]]
        target = (same_claim if len(same_claim) else later).head(1)
        if len(target):
            t = target.iloc[0]
            merged.loc[i, "updated_to"] = mark_of.get((t["event_id"], t["subject"], t["outlet"], str(t["report_id"]),
                                                       t["value"]))
    return merged


def numeric_divergence(
    divergence: pd.DataFrame,
    outlets: pd.DataFrame,
    subjects=("killed", "injured"),
    events=None,
    size: str = "double",
):
    """Each outlet's count per event and subject: dots, intervals, open bounds and vague bands (see the module).

    - ``divergence``: the DIVERGENCE table (rows of kind ``count``; a ``vague`` column is used if present);
    - ``outlets``: ``outlet, name`` (and ``colour``);
    - ``subjects``: the counted subjects to draw, one panel column each, in this order;
    - ``events``: None for every event in ``divergence``; an events table (``event_id, label``: panels are titled
      with the label and limited to these events); or a list of event ids.

    ``fig.table_drawn``: one row per mark, columns :data:`COLUMNS`; ``updated_to`` is the row index of the value
    a superseded one was replaced by, ``report_ids`` all reports behind a mark (``;``-separated); the marks of
    reports held apart (``held_apart``) are listed, not drawn (see the module).
    """
    marks = count_marks(divergence, subjects, events)
    if marks.empty:
        return nothing_to_show(size, COLUMNS, "No counts to compare")
    labels = {}
    if isinstance(events, pd.DataFrame) and "label" in events:
        labels = dict(zip(events["event_id"], events["label"], strict=True))
    marks["event_label"] = [str(labels.get(e, f"Event {e}")) for e in marks["event_id"]]
    event_ids = sorted(marks["event_id"].unique())
    subject_cols = [s for s in subjects if s in set(marks["subject"])]
    order = outlet_order(outlets, marks["outlet"])
    row_of = {o: i for i, o in enumerate(order)}
    colours = colours_for(outlets, order)
    names = outlet_names(outlets)
    marks["scale"] = "linear"

    n_subjects, n_outlets = len(subject_cols), len(order)
    # Events side by side in pairs on a double-column page; each event's subjects are adjacent panels, the event
    # named once above its first panel, the subject under each.
    per_row = 2 if size == "double" and len(event_ids) > 1 and n_subjects <= 2 else 1
    n_rows = -(-len(event_ids) // per_row)
    row_height = 0.14 if n_outlets <= 8 else 0.11
    panel_height = 0.62 + row_height * n_outlets
    with paper_style():
        fig = new_figure(size, n_rows * panel_height + (0.45 if size == "single" else 0.1))
        axes = fig.subplots(n_rows, per_row * n_subjects, sharey=True, squeeze=False)
        for ax in axes.flat:
            ax.set_visible(False)
        titles = []  # (first panel, last panel, label) of each event
        for k, event in enumerate(event_ids):
            r, block = divmod(k, per_row)
            label = marks.loc[marks["event_id"] == event, "event_label"].iloc[0]
            for c, subject in enumerate(subject_cols):
                ax = axes[r][block * n_subjects + c]
                ax.set_visible(True)
                panel = marks[(marks["event_id"] == event) & (marks["subject"] == subject)]
                here = panel[~panel["held_apart"]]
                if c == 0:
                    titles.append((ax, axes[r][block * n_subjects + n_subjects - 1], label))
                left_out = _reports_of(panel[panel["held_apart"]])
                ax.set_xlabel(subject + (f" \u00b7 {left_out} left out" if left_out else ""), labelpad=1)
                if here.empty:
                    ax.text(0.5, 0.5, f"no {subject} count", transform=ax.transAxes, ha="center", va="center",
                            fontsize=SMALL, color="0.45")
                    ax.set_xticks([])
                else:
                    marks.loc[here.index, "scale"] = _draw_panel(ax, here, row_of, colours, marks)
        for ax in axes.flat:
            ax.set_ylim(n_outlets - 0.5, -0.5)
            ax.grid(axis="x")
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
        axes[0][0].set_yticks(range(n_outlets), [shorten(names.get(o, o), 26) for o in order])
        for row in axes:
            for ax in row[1:]:
                ax.tick_params(axis="y", labelleft=False)
        fig.align_xlabels([ax for ax in axes.flat if ax.get_visible()])
        spare = [ax for ax in axes.flat if not ax.get_visible()]
        if spare:  # an empty slot at the end of the grid: the key goes there, beside the data, not on it
            spare[0].set_visible(True)
            spare[0].set_axis_off()
            spare[0].legend(handles=_legend_handles(), loc="upper left", borderaxespad=0, handlelength=1.6)
        else:
            legend_outside(fig, _legend_handles(), size, ncols=2 if size == "single" else 1)
        # Each event's name spans its panels: wrapped (then cut) to that width once the layout is known.
        fig.draw_without_rendering()
        for first, last, label in titles:
            span = (last.get_window_extent().x1 - first.get_window_extent().x0) / fig.dpi
            first.set_title(fit_event_label(fig, label, span, 7), loc="left", fontsize=7, pad=3)
    marks.loc[marks["held_apart"], "scale"] = "left out"
    fig.table_drawn = marks[list(COLUMNS)].reset_index(drop=True)
    return fig


def _reports_of(marks: pd.DataFrame) -> int:
    """How many reports are behind ``marks`` (rows of :data:`COLUMNS`)."""
    return len({report for ids in marks["report_ids"] for report in str(ids).split(";")})


def _draw_panel(ax, here: pd.DataFrame, row_of: dict, colours: dict, marks: pd.DataFrame) -> str:
    bounds = pd.concat([here["low"], here["high"]]).dropna()
    positive = bounds[bounds > 0]
    ratio = positive.max() / positive.min() if len(positive) else 1.0
    scale = "linear"
    if ratio > LOG_RATIO:
        scale = "symlog" if (bounds == 0).any() else "log"
    top = float(bounds.max()) if len(bounds) else 1.0
    if scale == "linear":
        reach = max(top, 1.0) * 0.18  # length of an open-bound arrow
        extend = lambda x: x + reach  # noqa: E731
        shrink = lambda x: max(x - reach, 0)  # noqa: E731
    else:
        factor = max(ratio ** 0.18, 1.8)
        extend = lambda x: max(x, 1) * factor  # noqa: E731
        shrink = lambda x: max(x, 1) / factor  # noqa: E731
    rightmost = [top]
    offsets = _offsets(here)
    anchors = {}
    for i, m in here.iterrows():
        y = row_of[m["outlet"]] + offsets[i]
        colour = colours[m["outlet"]]
        old = bool(m["superseded"])
        line = {"color": colour, "lw": 1.3, "linestyle": (0, (1, 1)) if old else "-", "solid_capstyle": "butt",
                "zorder": 3}
        tick = {"marker": "|", "markersize": 5, "markeredgewidth": 1.1, "color": colour, "linestyle": "",
                "zorder": 3}
        if m["mark"] == "exact":
            ax.plot([m["low"]], [y], marker="o", markersize=4.2, linestyle="", zorder=4,
                    markerfacecolor="white" if old else colour, markeredgecolor=colour if old else "0.2",
                    markeredgewidth=0.9 if old else 0.3)
            anchors[i] = m["low"]
        elif m["mark"] == "interval":
            ax.plot([m["low"], m["high"]], [y, y], **line)
            ax.plot([m["low"], m["high"]], [y, y], **tick)
            anchors[i] = _middle(m["low"], m["high"], scale)
        elif m["mark"] in ("at_least", "at_most"):
            start = m["low"] if m["mark"] == "at_least" else m["high"]
            end = extend(start) if m["mark"] == "at_least" else shrink(start)
            ax.plot([start], [y], **tick)
            ax.annotate("", xy=(end, y), xytext=(start, y), zorder=3,
                        arrowprops={"arrowstyle": "-|>,head_length=0.35,head_width=0.18", "color": colour,
                                    "lw": 1.3, "linestyle": (0, (1, 1)) if old else "-", "shrinkA": 0,
                                    "shrinkB": 0})
            rightmost.append(end)
            anchors[i] = start
        else:  # vague
            low = m["low"] if not pd.isna(m["low"]) else shrink(m["high"])
            high = m["high"] if not pd.isna(m["high"]) else extend(m["low"])
            rightmost.append(high)
            ax.fill_between([low, high], y - 0.22, y + 0.22, facecolor=colour, alpha=0.25 if old else 0.6,
                            edgecolor=colour, linewidth=0.6, linestyle=(0, (1, 1)) if old else "-", zorder=2)
            anchors[i] = _middle(low, high, scale)
    for i, m in here[here["updated_to"].notna()].iterrows():
        target = int(m["updated_to"])
        if target in anchors:
            y0 = row_of[m["outlet"]] + offsets[i]
            y1 = row_of[marks.loc[target, "outlet"]] + offsets[target]
            ax.annotate("", xy=(anchors[target], y1), xytext=(anchors[i], y0), zorder=5,
                        arrowprops={"arrowstyle": "->,head_length=0.25,head_width=0.15", "color": "0.25", "lw": 0.5,
                                    "shrinkA": 2.5, "shrinkB": 2.5, "connectionstyle": "arc3,rad=-0.3"})
    # At most one labelled tick per ~0.3 in of panel, labels kept short ("4k"), so they never run together.
    width = ax.get_position().width * ax.figure.get_figwidth()
    if scale == "linear":
        ax.set_xlim(0, max(max(rightmost) * 1.06 + 0.5, 2))  # counts: never an axis of fractions
        ax.xaxis.set_major_locator(MaxNLocator(nbins=max(2, int(width / 0.3)), integer=True, min_n_ticks=2))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: compact_number(x)))
    else:
        ax.set_xscale(scale, **({"linthresh": 1, "linscale": 0.4} if scale == "symlog" else {}))
        low = positive.min() if len(positive) else 1
        ax.set_xlim(0 if scale == "symlog" else low / 1.6, max(rightmost) * 1.4)
        if scale == "log":  # LogLocator labels every 2nd, 3rd… decade when they do not all fit
            ax.xaxis.set_major_locator(LogLocator(base=10, numticks=max(2, int(width / 0.3))))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: compact_number(x)))
        ax.xaxis.set_minor_formatter(NullFormatter())
    return scale


def compact_number(x: float) -> str:
    """A tick label short enough for a narrow panel: 1, 20, 300, 4k, 50k, 1.5M.

    >>> [compact_number(x) for x in (0, 1, 20, 300, 4000, 50000, 1.5e6, 0.5)]
    ['0', '1', '20', '300', '4k', '50k', '1.5M', '0.5']
    """
    for factor, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= factor:
            return f"{x / factor:g}{suffix}"
    return f"{x:g}"


def _offsets(here: pd.DataFrame) -> dict:
    """Vertical offsets within an outlet's row: one mark centred; several spread, oldest on top."""
    offsets = {}
    for _, group in here.groupby("outlet", sort=False):
        n = len(group)
        spread = np.linspace(-0.22, 0.22, n) if n > 1 else [0.0]
        for (i, _), dy in zip(group.sort_values("published", kind="stable").iterrows(), spread, strict=True):
            offsets[i] = dy
    return offsets


def _middle(low: float, high: float, scale: str) -> float:
    if scale == "log" and low > 0 and high > 0:
        return float(np.sqrt(low * high))
    return (low + high) / 2


def _legend_handles() -> list:
    black = "0.25"
    return [
        Line2D([], [], marker="o", linestyle="", color=black, markersize=4, label="exact number"),
        Line2D([], [], marker="|", linestyle="-", color=black, markersize=5, lw=1.3, label="range"),
        Line2D([], [], marker=">", linestyle="-", color=black, markersize=3.5, lw=1.3, markevery=[1],
               label="at least (open)"),
        Patch(facecolor=black, alpha=0.6, edgecolor=black, label="vague (\u201cdozens\u201d)"),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=black, markersize=4,
               label="superseded \u2192 update"),
    ]
