"""What every figure shares: outlet order and names, the "nothing to show" figure, legends outside the axes,
labels that do not overlap, and text shortened for axis labels.

>>> shorten("Army units foiled an attack on a checkpoint near Jasim. The ministry said.", 30)
'Army units foiled an attack…'
>>> outlet_order(pd.DataFrame({"outlet": ["b", "a"], "name": ["B", "A"]}), present=["a", "zz"])
['a', 'zz']
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .style import GREY, outlet_colours, outlet_markers, paper_style, width

SMALL = 6  # pt: the smallest type any figure uses (annotations, cell labels); 6 pt is the usual journal minimum
NOTE_COLOUR = "0.35"


def new_figure(size: str, height: float, layout: str | None = "constrained") -> Figure:
    """A Figure of the column width for ``size`` with an Agg canvas, so text can be measured before saving."""
    fig = Figure(figsize=(width(size), height), layout=layout)
    FigureCanvasAgg(fig)
    return fig


def nothing_to_show(size: str, columns: Iterable[str], note: str = "Nothing to show") -> Figure:
    """A small figure with ``note`` in the middle and an empty ``table_drawn`` with ``columns``."""
    with paper_style():
        fig = new_figure(size, 0.8)
        ax = fig.subplots()
        ax.set_axis_off()
        ax.text(0.5, 0.5, note, ha="center", va="center", color=NOTE_COLOUR, transform=ax.transAxes)
    fig.table_drawn = pd.DataFrame({column: pd.Series(dtype="object") for column in columns})
    return fig


def text_size(fig: Figure, text: str, fontsize: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height in inches of ``text`` set at ``fontsize`` in the paper font (the figure needs a canvas)."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family="DejaVu Sans", size=fontsize, weight=weight)
    renderer = fig.canvas.get_renderer()
    width_px, height_px = 0.0, 0.0
    for line in str(text).split("\n"):
        w, h, _ = renderer.get_text_width_height_descent(line or " ", prop, ismath=False)
        width_px, height_px = max(width_px, w), height_px + h * 1.2
    return width_px / fig.dpi, height_px / fig.dpi


def outlet_order(outlets: pd.DataFrame, present: Iterable[str] | None = None) -> list[str]:
    """Outlets in the order of the outlet table (restricted to ``present`` if given); outlets missing from the
    table come last, sorted."""
    listed = [str(o) for o in outlets["outlet"]] if "outlet" in outlets else []
    if present is None:
        return listed
    present = {str(p) for p in present if isinstance(p, str) or not pd.isna(p)}
    return [o for o in listed if o in present] + sorted(present - set(listed))


MAX_OUTLET_ROWS = 40  # figures with one row per outlet draw at most this many (hundreds are unreadable and slow)


def busiest(counts: pd.Series, limit: int = MAX_OUTLET_ROWS, what: str = "outlets") -> tuple[list, str | None]:
    """The ``limit`` keys of ``counts`` with the largest values (ties by key), and a note of what is left out.

    >>> busiest(pd.Series({"a": 3, "b": 9, "c": 3}), 2, "outlets with the most reports")
    (['b', 'a'], 'the 2 of 3 outlets with the most reports')
    >>> busiest(pd.Series({"a": 3}), 2)
    (['a'], None)
    """
    ranked = sorted(counts.index, key=lambda key: (-counts[key], str(key)))
    if len(ranked) <= limit:
        return ranked, None
    return ranked[:limit], f"the {limit} of {len(ranked)} {what}"


def outlet_names(outlets: pd.DataFrame) -> dict[str, str]:
    """Display name of each outlet; the key where the table has no name."""
    if "name" not in outlets:
        return {}
    return {
        str(o): (str(n) if isinstance(n, str) and n not in ("", "nan", "None") else str(o))
        for o, n in zip(outlets["outlet"], outlets["name"], strict=True)
    }


def colours_for(outlets: pd.DataFrame, keys: Iterable[str]) -> dict[str, str]:
    """The corpus-wide outlet colours of :func:`outlet_colours`; grey for an outlet the table does not list
    (so that adding it does not shift the colours of the others)."""
    colours = outlet_colours(outlets) if len(outlets) else {}
    return {key: colours.get(key, GREY) for key in keys}


def markers_for(outlets: pd.DataFrame, keys: Iterable[str]) -> dict[str, str]:
    """The corpus-wide outlet markers of :func:`outlet_markers` (a circle for an outlet the table does not list)."""
    markers = outlet_markers(outlets) if len(outlets) else {}
    return {key: markers.get(key, "o") for key in keys}


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters, with an ellipsis if cut."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (claim texts are single sentences already; this drops a trailing one)."""
    match = re.match(r"(.+?[.!?])(?:\s|$)", str(text).strip(), re.DOTALL)
    return match.group(1) if match else str(text).strip()


def legend_outside(fig: Figure, handles: list, size: str, title: str | None = None, ncols: int | None = None):
    """A legend beside the axes (double column) or below them (single column), never on the data."""
    if not handles:
        return None
    if size == "double":
        return fig.legend(handles=handles, loc="outside right upper", ncols=ncols or 1, title=title,
                          title_fontsize=7, alignment="left", handlelength=1.4, borderaxespad=0)
    return fig.legend(handles=handles, loc="outside lower center", ncols=ncols or min(3, len(handles)), title=title,
                      title_fontsize=7, handlelength=1.4, borderaxespad=0, columnspacing=1.0)


def place_labels(ax, texts: list, x: np.ndarray, y: np.ndarray, marker_size: float = 5.0,
                 lay_out: bool = True) -> None:
    """Move each of ``texts`` (created at the point it labels) to the nearest spot where it overlaps no other
    label, no point of (``x``, ``y``) and stays inside the axes; a label that had to move gets a thin leader line
    from its point to its edge.

    Greedy and deterministic: labels are placed in the order given (put the important ones first), each at the
    first free position on rings of growing radius around its point. ``marker_size`` is the points' size in
    typographic points. Leader lines are drawn in data coordinates, so they meet the text at any saving dpi, and
    leave the axis limits alone. ``lay_out=False`` when the caller has just laid the figure out itself (one layout
    for the labels of several panels, as :func:`claimdiff.figures.framing.log_odds_plot` does).
    """
    if len(texts) == 0:
        return
    fig = ax.figure
    if lay_out:
        fig.draw_without_rendering()  # run the layout first (no pixels): placement works in display coordinates
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    frame = ax.get_window_extent(renderer)
    half = marker_size / 72 * fig.dpi / 2 + 1.0
    points = ax.transData.transform(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))
    blocked = np.column_stack([points - half, points + half])  # x0, y0, x1, y1 of each point
    labels = np.empty((0, 4))  # boxes (x0, y0, x1, y1) of the labels placed so far
    leaders = np.empty((0, 4))  # their leader lines, as segments (x0, y0, x1, y1)
    pad = 2.0
    for text in texts:
        text.set_horizontalalignment("center")
        text.set_verticalalignment("center")
        tx, ty = text.get_position()
        px, py = ax.transData.transform((tx, ty))
        box = text.get_window_extent(renderer)
        w, h = box.width / 2 + pad, box.height / 2 + pad
        best, best_cost, best_penalty = (px, py), np.inf, np.inf
        for radius in np.concatenate([[0], np.arange(0.6, 16, 0.6) * h, np.arange(16, 40, 1.5) * h]):
            angles = _ANGLES if radius else np.zeros(1)
            cx, cy = px + (radius + w * 0.6) * np.cos(angles) * (radius > 0), py + radius * np.sin(angles)
            candidates = np.column_stack([cx - w, cy - h, cx + w, cy + h])
            inside = ((candidates[:, 0] >= frame.x0) & (candidates[:, 2] <= frame.x1)
                      & (candidates[:, 1] >= frame.y0) & (candidates[:, 3] <= frame.y1))
            # Never on another label; rather not on a point, nor crossing a leader line; then: close by.
            ends = np.column_stack([np.minimum(np.maximum(px, candidates[:, 0]), candidates[:, 2]),
                                    np.minimum(np.maximum(py, candidates[:, 1]), candidates[:, 3])])
            own_leaders = np.column_stack([np.full(len(ends), px), np.full(len(ends), py), ends])
            penalty = (1e6 * _overlapping(candidates, labels).sum(axis=1)
                       + 5000 * _overlapping(candidates, blocked).sum(axis=1)
                       + 8000 * _crossing(own_leaders, labels).sum(axis=1)
                       + 8000 * _crossing(leaders, candidates).sum(axis=0)
                       + 4000 * _intersecting(own_leaders, leaders).sum(axis=1)
                       + np.where(inside, 0, 1e9))
            cost = penalty + 2 * radius
            first = int(np.argmin(cost))  # the first of equals, as a scan in this order would keep
            if cost[first] < best_cost:
                best, best_cost, best_penalty = (cx[first], cy[first]), cost[first], penalty[first]
            if best_penalty == 0:  # a free spot on this ring: nothing farther can be better
                break
        cx, cy = best
        placed = (cx - w, cy - h, cx + w, cy + h)
        labels = np.vstack([labels, placed])
        text.set_position(to_data.transform((cx, cy)))
        nx, ny = _nearest_on_box(px, py, placed)
        if np.hypot(nx - px, ny - py) > half + 2:
            leaders = np.vstack([leaders, (px, py, nx, ny)])
            (ex, ey), (sx, sy) = to_data.transform([(nx, ny), (px, py)])
            ax.plot([sx, ex], [sy, ey], color="0.4", lw=0.45, zorder=3.5, solid_capstyle="round", scalex=False,
                    scaley=False)


# The directions tried on each ring around a label's point, in order of preference.
_ANGLES = np.deg2rad([0, 90, 180, 270, 45, 135, 225, 315, 20, 160, 200, 340, 65, 115, 245, 295])
# Where a segment is sampled to see whether it passes through a box (its ends excluded).
_SAMPLES = np.linspace(0, 1, 24)[1:-1]


def _overlapping(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """``(len(boxes), len(others))``: does each box (rows x0, y0, x1, y1) overlap each of ``others``?"""
    a, b = boxes[:, None, :], others[None, :, :]
    return ((np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0]) > 0)
            & (np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1]) > 0))


def _nearest_on_box(x: float, y: float, box) -> tuple[float, float]:
    return min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])


def _intersecting(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``(len(first), len(second))``: does each segment of ``first`` (rows x0, y0, x1, y1) cross each of
    ``second`` (not merely touch at an end)?"""
    a, b = first[:, None, :2], first[:, None, 2:]
    c, d = second[None, :, :2], second[None, :, 2:]

    def side(p, q, r):
        return (q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1]) - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0])

    return (side(c, d, a) * side(c, d, b) < 0) & (side(a, b, c) * side(a, b, d) < 0)


def _crossing(segments: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """``(len(segments), len(boxes))``: does each segment (rows x0, y0, x1, y1) pass through the inside of each box
    (x0, y0, x1, y1)? Sampled at :data:`_SAMPLES`, 1 pixel in from the box's edges."""
    xs = segments[:, None, 0] + (segments[:, None, 2] - segments[:, None, 0]) * _SAMPLES  # (segments, samples)
    ys = segments[:, None, 1] + (segments[:, None, 3] - segments[:, None, 1]) * _SAMPLES
    xs, ys, box = xs[:, None, :], ys[:, None, :], boxes[None, :, :, None]
    return np.any((xs > box[:, :, 0] + 1) & (xs < box[:, :, 2] - 1) & (ys > box[:, :, 1] + 1)
                  & (ys < box[:, :, 3] - 1), axis=2)


def _overlap_area(a, b) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def wrap_label(text: str, width: int = 22, lines: int = 2) -> str:
    r"""``text`` on at most ``lines`` lines of about ``width`` characters, with an ellipsis if it had to be cut.

    >>> wrap_label("Second attack on the Jasim checkpoint", 20)
    'Second attack on the\nJasim checkpoint'
    """
    wrapped = textwrap.wrap(re.sub(r"\s+", " ", str(text)).strip(), width, break_long_words=False,
                            break_on_hyphens=False) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[: lines - 1] + [shorten(" ".join(wrapped[lines - 1 :]), width)]
    return "\n".join(wrapped)


def fit_text(fig: Figure, text: str, width_in: float, fontsize: float, lines: int = 2,
             weight: str = "normal") -> str:
    """``text`` wrapped between words into at most ``lines`` lines, each at most ``width_in`` inches wide when set
    at ``fontsize`` (measured, not counted in characters); the last line ends in an ellipsis if text was left out.
    A single word wider than the space is cut too."""
    words = re.sub(r"\s+", " ", str(text)).strip().split(" ")

    def fits(candidate: str) -> bool:
        return text_size(fig, candidate, fontsize, weight)[0] <= width_in

    out: list[str] = []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and fits(f"{line} {words[0]}"):
            line = f"{line} {words.pop(0)}"
        out.append(line)
    if words or not fits(out[-1]):
        last = " ".join([out[-1], *words]) if words else out[-1]
        while last and not fits(last.rstrip(" ,;:.-–—·(") + "…"):
            last = last[:-1]
        out[-1] = last.rstrip(" ,;:.-–—·(") + "…"
    return "\n".join(out)


def fit_event_label(fig: Figure, label: str, width_in: float, fontsize: float, lines: int = 2) -> str:
    """An event label fitted to ``width_in`` inches: on one line if it fits, else a trailing " · date" (with the
    "(event N)" that may follow it) or "(dates)" gets the last line of its own, so the dates survive when the words
    before them have to be cut ("Jaysh · al-Islam · Dam…" / "(10 Jun 2013 – 19 Feb 2015)"; "Aleppo · killing" /
    "19 Sep 2016"; "Khan Shaykhun · chemical…" / "4 Apr 2017 (event 399)")."""
    flat = re.sub(r"\s+", " ", str(label)).strip()
    match = (re.match(r"(.*\S)\s*·\s*(\d{1,2}\b[^·()]*\b\d{4}(?:\s*\([^()]*\))?)$", flat)
             or re.match(r"(.*\S)\s*(\([^()]*\))\s*$", flat))
    if match is None or lines < 2 or text_size(fig, label, fontsize)[0] <= width_in:
        return fit_text(fig, label, width_in, fontsize, lines)
    head, dates = match.groups()
    return fit_text(fig, head, width_in, fontsize, lines - 1) + "\n" + fit_text(fig, dates, width_in, fontsize, 1)


def fit_xlabel(ax, text: str, lines: int = 2, labelpad: float | None = None) -> None:
    """Set the x label of ``ax`` to ``text`` fitted (:func:`fit_text`) to the panel's width once laid out."""
    fig = ax.figure
    fig.draw_without_rendering()
    fontsize = ax.xaxis.label.get_fontsize()
    room = ax.get_window_extent().width / fig.dpi
    offset = ax.xaxis.offsetText  # a date axis's "2024-Apr" sits at the right, on the label's line
    if offset.get_visible() and offset.get_text().strip():  # then the label starts at the left, clear of it
        room -= offset.get_window_extent().width / fig.dpi + 0.1
        ax.set_xlabel(fit_text(fig, text, max(room, 0.5), fontsize, lines), labelpad=labelpad, loc="left")
    else:
        ax.set_xlabel(fit_text(fig, text, room, fontsize, lines), labelpad=labelpad)
