"""Event map: every report as a point in two dimensions of its document embedding, coloured by event, shaped by
the kind of outlet that published it, each event labelled.

The two dimensions are the first two principal components of the report vectors (centred), with the sign of
each component fixed so that the same vectors always give the same picture.

>>> coords, share = project_2d(np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.1]]))
>>> coords.shape, bool(share[0] > 0.9)
((3, 2), True)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .layout import SMALL, fit_event_label, legend_outside, new_figure, nothing_to_show, place_labels
from .style import GREY, paper_style

# Okabe & Ito's colour-blind-safe set (black last) plus a brown: events have colours of their own, none of them an
# outlet colour (Tol's muted, :data:`claimdiff.figures.style.PALETTE`), so a reader never takes an event for an
# outlet.
EVENT_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442", "#000000", "#994F00")
MAX_COLOURED = 8  # with more than len(EVENT_PALETTE) events, the 8 largest keep a colour and the rest are grey
KIND_MARKERS = {
    "wire": "o",
    "state agency": "s",
    "monitor": "^",
    "partisan": "D",
    "opposition": "v",
    "foreign state": "P",
    "local": "X",
    "unknown": "h",
}
SPARE_MARKERS = ("<", ">", "p", "*", "d", "H", "8")

COLUMNS = ("report_id", "outlet", "outlet_kind", "event_id", "event_label", "x", "y", "colour", "marker",
           "labelled", "published", "url", "title")


def project_2d(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First two principal components of ``vectors`` (rows), and the share of variance each explains.

    Each component's sign is chosen so that its largest loading is positive: the projection is deterministic.
    The components are the eigenvectors of the dimensions' scatter matrix (dimensions x dimensions), not an SVD of
    the reports x dimensions matrix: the same axes at a cost that grows with the reports only through one product
    (an SVD of 10,000 reports took 15 s on a busy 2-core machine, this 2 s).
    """
    vectors = np.asarray(vectors, dtype="float64")
    n = len(vectors)
    coords, share = np.zeros((n, 2)), np.zeros(2)
    if n < 2 or vectors.ndim != 2 or vectors.shape[1] == 0:
        return coords, share
    centred = vectors - vectors.mean(axis=0)
    variances, axes = np.linalg.eigh(centred.T @ centred)  # ascending; variances are the squared singular values
    variances = np.clip(variances, 0.0, None)
    k = min(2, n, len(variances))
    top = np.argsort(-variances, kind="stable")[:k]
    loadings = axes[:, top].T  # k x dimensions, as the first rows of the SVD's V^T
    signs = np.sign(loadings[np.arange(k), np.argmax(np.abs(loadings), axis=1)])
    signs[signs == 0] = 1
    coords[:, :k] = (centred @ loadings.T) * signs
    total = variances.sum()
    if total > 0:
        share[:k] = variances[top] / total
    return coords, share


def event_colours(sizes: pd.Series) -> dict:
    """A colour per event id: all from :data:`EVENT_PALETTE` for up to nine events, else the eight largest
    (ties: lower id) coloured and the rest grey. ``sizes`` maps event id to its number of reports."""
    order = sorted(sizes.index, key=lambda e: (-sizes[e], e))
    coloured = order if len(order) <= len(EVENT_PALETTE) else order[:MAX_COLOURED]
    colours = {event: EVENT_PALETTE[i] for i, event in enumerate(coloured)}
    return {event: colours.get(event, GREY) for event in order}


def kind_markers(kinds) -> dict[str, str]:
    """A marker per outlet kind; kinds not in :data:`KIND_MARKERS` take spare markers in sorted order."""
    spare = list(SPARE_MARKERS)
    markers = {}
    for kind in sorted(set(kinds)):
        markers[kind] = KIND_MARKERS.get(kind) or (spare.pop(0) if spare else "o")
    return markers


def event_map(
    report_vectors: np.ndarray,
    assignments: pd.DataFrame,
    reports: pd.DataFrame,
    outlets: pd.DataFrame,
    events: pd.DataFrame,
    size: str = "double",
    max_labels: int = 20,
):
    """Reports in 2-D (:func:`project_2d` of ``report_vectors``), coloured by event, marker by outlet kind.

    - ``report_vectors``: array (n_reports, d), row *i* is the document embedding of ``reports.iloc[i]``;
    - ``assignments``: ``report_id, event_id`` (``event_label`` is not needed); reports without a row are drawn
      grey as "no event";
    - ``reports``: ``id, outlet`` (and ``published, url, title`` if present, carried into the table);
    - ``outlets``: ``outlet, kind``; ``events``: ``event_id, label``.

    Events are labelled with their ``label``: the ``max_labels`` largest of the coloured ones (grey events are not
    labelled: the label would point at one grey dot among many). ``fig.table_drawn``:
    one row per point with the columns of :data:`COLUMNS` (``x``, ``y`` the projected coordinates).
    """
    vectors = np.asarray(report_vectors)
    if len(vectors) != len(reports):
        raise ValueError(
            f"report_vectors has {len(vectors)} rows but reports has {len(reports)}: pass one vector per report, "
            "in the order of the reports table"
        )
    if reports.empty:
        return nothing_to_show(size, COLUMNS, "No reports to show")
    coords, share = project_2d(vectors)
    table = _points(coords, assignments, reports, outlets, events)
    sizes = table.dropna(subset=["event_id"]).groupby("event_id").size()
    colours = event_colours(sizes)
    # Only coloured events are labelled: a label on a grey event would point at one grey dot among many.
    labelled_events = [e for e in sorted(sizes.index, key=lambda e: (-sizes[e], e)) if colours[e] != GREY]
    labelled_events = labelled_events[:max_labels]
    table["colour"] = [colours.get(e, GREY) if not pd.isna(e) else GREY for e in table["event_id"]]
    markers = kind_markers(table["outlet_kind"]) if table["outlet_kind"].nunique() > 1 else {
        kind: "o" for kind in table["outlet_kind"].unique()}
    table["marker"] = table["outlet_kind"].map(markers)
    table["labelled"] = table["event_id"].isin(labelled_events)

    with paper_style():
        fig = new_figure(size, 4.0 if size == "double" else 3.6)
        ax = fig.subplots()
        point_size = 18 if len(table) < 150 else (9 if size == "double" else 6)
        # Grey points first, so coloured events stay on top.
        drawing = table.assign(_grey=table["colour"].eq(GREY)).sort_values("_grey", ascending=False, kind="stable")
        for (marker, _), group in drawing.groupby(["marker", "_grey"], sort=False):
            ax.scatter(group["x"], group["y"], s=point_size, marker=marker, c=group["colour"].tolist(),
                       edgecolors="0.25", linewidths=0.25, zorder=2 if group["colour"].ne(GREY).any() else 1)
        ax.set_xlabel(f"Component 1 ({share[0]:.0%} of variance)")
        ax.set_ylabel(f"Component 2 ({share[1]:.0%} of variance)")
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        _pad_limits(ax, table["x"], table["y"])

        texts = []
        for event in labelled_events:
            members = table[table["event_id"] == event]
            label = members["event_label"].iloc[0]
            # Anchored at the member nearest the event's centre, so a leader line always ends on a point.
            near = np.argmin(np.hypot(members["x"] - members["x"].mean(), members["y"] - members["y"].mean()))
            texts.append(ax.text(members["x"].iloc[near], members["y"].iloc[near],
                                 fit_event_label(fig, label, 1.25, SMALL),
                                 fontsize=SMALL,
                                 color="0.1", ha="center", va="center", zorder=4,
                                 # readable where a dense cloud leaves no free spot: points show through faintly
                                 bbox={"boxstyle": "square,pad=0.08", "facecolor": "white", "edgecolor": "none",
                                       "alpha": 0.8}))

        handles = [
            Line2D([], [], linestyle="", marker=marker, markersize=4.5, color="0.3", markeredgecolor="0.25",
                   markeredgewidth=0.25, label=kind)
            for kind, marker in markers.items()
        ]
        if table["colour"].eq(GREY).any():
            grey_label = "other events" if table["event_id"].notna().any() else "no event"
            handles.append(Line2D([], [], linestyle="", marker="o", markersize=4.5, color=GREY, label=grey_label))
        legend_outside(fig, handles, size, title="Outlet kind", ncols=None if size == "double" else 4)
        place_labels(ax, texts, table["x"].to_numpy(), table["y"].to_numpy(),
                     marker_size=np.sqrt(point_size) + 1)
    fig.table_drawn = table[list(COLUMNS)].reset_index(drop=True)
    return fig


def _points(coords, assignments, reports, outlets, events) -> pd.DataFrame:
    table = pd.DataFrame({"report_id": reports["id"].astype(str).to_numpy(),
                          "outlet": reports["outlet"].astype(str).to_numpy(),
                          "x": coords[:, 0], "y": coords[:, 1]})
    for column in ("published", "url", "title"):
        table[column] = reports[column].to_numpy() if column in reports else pd.NA
    kinds = dict(zip(outlets["outlet"], outlets["kind"], strict=True)) if "kind" in outlets else {}
    table["outlet_kind"] = table["outlet"].map(kinds).fillna("unknown").astype(str)
    assigned = assignments[["report_id", "event_id"]].drop_duplicates("report_id").astype({"report_id": str})
    table = table.merge(assigned, on="report_id", how="left")
    table["event_id"] = table["event_id"].astype("Int64")
    labels = dict(zip(events["event_id"], events["label"], strict=True)) if len(events) else {}
    table["event_label"] = [
        str(labels.get(e, f"event {e}")) if not pd.isna(e) else pd.NA for e in table["event_id"]
    ]
    return table


def _pad_limits(ax, x, y, pad: float = 0.08) -> None:
    for values, setter in ((x, ax.set_xlim), (y, ax.set_ylim)):
        low, high = float(np.min(values)), float(np.max(values))
        span = high - low or 1.0
        setter(low - pad * span, high + pad * span)
