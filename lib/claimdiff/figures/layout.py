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


def place_labels(ax, texts: list, x: np.ndarray, y: np.ndarray, marker_size: float = 5.0) -> None:
    """Move each of ``texts`` (created at the point it labels) to the nearest spot where it overlaps no other
    label, no point of (``x``, ``y``) and stays inside the axes; a label that had to move gets a thin leader line
    from its point to its edge.

    Greedy and deterministic: labels are placed in the order given (put the important ones first), each at the
    first free position on rings of growing radius around its point. ``marker_size`` is the points' size in
    typographic points. Leader lines are drawn in data coordinates, so they meet the text at any saving dpi.
    """
    if len(texts) == 0:
        return
    fig = ax.figure
    fig.canvas.draw()  # run the layout first: placement works in display coordinates
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    frame = ax.get_window_extent(renderer)
    half = marker_size / 72 * fig.dpi / 2 + 1.0
    points = ax.transData.transform(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))
    blocked = np.column_stack([points - half, points + half])  # x0, y0, x1, y1 of each point
    labels: list[tuple] = []  # boxes of the labels placed so far
    leaders: list[tuple] = []  # their leader lines, as segments
    pad = 2.0
    angles = np.deg2rad([0, 90, 180, 270, 45, 135, 225, 315, 20, 160, 200, 340, 65, 115, 245, 295])
    for text in texts:
        text.set_horizontalalignment("center")
        text.set_verticalalignment("center")
        tx, ty = text.get_position()
        px, py = ax.transData.transform((tx, ty))
        box = text.get_window_extent(renderer)
        w, h = box.width / 2 + pad, box.height / 2 + pad
        best, best_cost, best_penalty = (px, py), np.inf, np.inf
        for radius in np.concatenate([[0], np.arange(0.6, 16, 0.6) * h, np.arange(16, 40, 1.5) * h]):
            for angle in angles if radius else [0.0]:
                cx, cy = px + (radius + w * 0.6) * np.cos(angle) * (radius > 0), py + radius * np.sin(angle)
                candidate = (cx - w, cy - h, cx + w, cy + h)
                inside = (candidate[0] >= frame.x0 and candidate[2] <= frame.x1 and candidate[1] >= frame.y0
                          and candidate[3] <= frame.y1)
                # Never on another label; rather not on a point, nor crossing a leader line; then: close by.
                leader = ((px, py), _nearest_on_box(px, py, candidate))
                penalty = (1e6 * sum(_overlap_area(candidate, other) > 0 for other in labels)
                           + 5000 * _covered_points(candidate, blocked)
                           + 8000 * sum(_crosses(leader, other) for other in labels)
                           + 8000 * sum(_crosses(segment, candidate) for segment in leaders)
                           + 4000 * sum(_intersect(leader, segment) for segment in leaders)
                           + (0 if inside else 1e9))
                cost = penalty + 2 * radius
                if cost < best_cost:
                    best, best_cost, best_penalty = (cx, cy), cost, penalty
            if best_penalty == 0:  # a free spot on this ring: nothing farther can be better
                break
        cx, cy = best
        placed = (cx - w, cy - h, cx + w, cy + h)
        labels.append(placed)
        text.set_position(to_data.transform((cx, cy)))
        nx, ny = _nearest_on_box(px, py, placed)
        if np.hypot(nx - px, ny - py) > half + 2:
            leaders.append(((px, py), (nx, ny)))
            (ex, ey), (sx, sy) = to_data.transform([(nx, ny), (px, py)])
            ax.plot([sx, ex], [sy, ey], color="0.4", lw=0.45, zorder=3.5, solid_capstyle="round")


def _covered_points(box, blocked: np.ndarray) -> int:
    """How many of the point boxes ``blocked`` (rows x0, y0, x1, y1) overlap ``box``."""
    return int(np.count_nonzero((blocked[:, 0] < box[2]) & (blocked[:, 2] > box[0]) & (blocked[:, 1] < box[3])
                                & (blocked[:, 3] > box[1])))


def _nearest_on_box(x: float, y: float, box) -> tuple[float, float]:
    return min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])


def _intersect(first, second) -> bool:
    """Do two segments cross (not merely touch at an end)?"""
    (ax_, ay), (bx, by) = first
    (cx, cy), (dx, dy) = second

    def side(px, py, qx, qy, rx, ry):
        return (qx - px) * (ry - py) - (qy - py) * (rx - px)

    d1, d2 = side(cx, cy, dx, dy, ax_, ay), side(cx, cy, dx, dy, bx, by)
    d3, d4 = side(ax_, ay, bx, by, cx, cy), side(ax_, ay, bx, by, dx, dy)
    return d1 * d2 < 0 and d3 * d4 < 0


def _crosses(segment, box, samples: int = 24) -> bool:
    """Does the segment pass through the inside of ``box`` (x0, y0, x1, y1)? (sampled; ends excluded)"""
    (x0, y0), (x1, y1) = segment
    t = np.linspace(0, 1, samples)[1:-1]
    xs, ys = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
    return bool(np.any((xs > box[0] + 1) & (xs < box[2] - 1) & (ys > box[1] + 1) & (ys < box[3] - 1)))


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
    """An event label fitted to ``width_in`` inches: on one line if it fits, else a trailing "(dates)" gets the last
    line of its own, so the dates survive when the words before them have to be cut ("Jaysh · al-Islam · Dam…" /
    "(10 Jun 2013 – 19 Feb 2015)")."""
    match = re.match(r"(.*\S)\s*(\([^()]*\))\s*$", re.sub(r"\s+", " ", str(label)).strip())
    if match is None or lines < 2 or text_size(fig, label, fontsize)[0] <= width_in:
        return fit_text(fig, label, width_in, fontsize, lines)
    head, dates = match.groups()
    return fit_text(fig, head, width_in, fontsize, lines - 1) + "\n" + fit_text(fig, dates, width_in, fontsize, 1)


def fit_xlabel(ax, text: str, lines: int = 2, labelpad: float | None = None) -> None:
    """Set the x label of ``ax`` to ``text`` fitted (:func:`fit_text`) to the panel's width once laid out."""
    fig = ax.figure
    fig.canvas.draw()
    fontsize = ax.xaxis.label.get_fontsize()
    room = ax.get_window_extent().width / fig.dpi
    offset = ax.xaxis.offsetText  # a date axis's "2024-Apr" sits at the right, on the label's line
    if offset.get_visible() and offset.get_text().strip():  # then the label starts at the left, clear of it
        room -= offset.get_window_extent().width / fig.dpi + 0.1
        ax.set_xlabel(fit_text(fig, text, max(room, 0.5), fontsize, lines), labelpad=labelpad, loc="left")
    else:
        ax.set_xlabel(fit_text(fig, text, room, fontsize, lines), labelpad=labelpad)
