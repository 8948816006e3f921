"""Checking a figure's layout as a reviewer would: text that overlaps other text, runs off the figure or into
another panel, and legends over panels. Used by the tests; handy when building a new figure.

>>> from claimdiff.figures.layout import new_figure
>>> fig = new_figure("single", 1.5)
>>> ax = fig.subplots()
>>> _ = ax.set_xticks(range(4), ["a long tick label"] * 4)
>>> any("overlaps" in problem for problem in layout_problems(fig))
True
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .layout import _overlap_area


def overlapping_pairs(artists: list, renderer=None) -> list[tuple[int, int]]:
    """Index pairs of ``artists`` whose drawn boxes overlap (used by the tests and for checking a layout)."""
    if not artists:
        return []
    fig = artists[0].figure
    renderer = renderer or fig.canvas.get_renderer()
    boxes = [a.get_window_extent(renderer) for a in artists]
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


def drawn_texts(fig: Figure) -> list[tuple[object, object]]:
    """Every piece of text the figure draws, as ``(text, owner)``: the owning Axes for titles, axis labels and
    tick labels (only ticks inside the view, as drawn), the legend for legend text, None for free text."""
    found = []

    def keep(text, owner):
        if text.get_visible() and text.get_text().strip():
            found.append((text, owner))

    for ax in fig.axes:
        if not ax.get_visible():
            continue
        if ax.axison:
            for title in (ax.title, ax._left_title, ax._right_title):
                keep(title, ax)
            for axis in (ax.xaxis, ax.yaxis):
                if not axis.get_visible():
                    continue
                keep(axis.label, ax)
                keep(axis.offsetText, ax)
                for tick in axis._update_ticks():  # the ticks inside the view, i.e. the ones drawn
                    for label in (tick.label1, tick.label2):
                        keep(label, ax)
        for text in ax.texts:
            keep(text, None)
        if ax.get_legend() is not None:
            for text in [ax.get_legend().get_title(), *ax.get_legend().get_texts()]:
                keep(text, ax.get_legend())
    for text in fig.texts:
        keep(text, None)
    for legend in fig.legends:
        for text in [legend.get_title(), *legend.get_texts()]:
            keep(text, legend)
    return found


def layout_problems(fig: Figure, tolerance: float = 0.75, dpi: float = 300) -> list[str]:
    """What a reviewer would flag in the layout of ``fig``, as readable lines (empty: nothing found):

    - text (partly) outside the figure, which would be clipped or widen the figure past its column;
    - two pieces of text overlapping;
    - axis text (titles, labels, tick labels) running into another panel;
    - a legend over a panel that shows data.

    Text is measured at ``dpi`` (the PNG's), where hinting moves glyphs least; boxes may overlap by ``tolerance``
    points (a quarter of a millimetre: glyph boxes include their side bearings, so words set next to each other,
    as in "regime-held", touch). Used by the tests, and handy when checking a new figure.
    """
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    saved_dpi = fig.dpi
    fig.set_dpi(dpi)
    try:
        return _problems(fig, tolerance * dpi / 72)
    finally:
        fig.set_dpi(saved_dpi)


def _problems(fig: Figure, tolerance: float) -> list[str]:
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    panel_boxes = {ax: ax.get_window_extent(renderer) for ax in panels}
    texts = drawn_texts(fig)
    boxes = [text.get_window_extent(renderer) for text, _ in texts]
    problems = []

    def name(text) -> str:
        return repr(text.get_text().replace("\n", " ")[:40])

    for (text, _), box in zip(texts, boxes, strict=True):
        if (box.x0 < frame.x0 - tolerance or box.y0 < frame.y0 - tolerance or box.x1 > frame.x1 + tolerance
                or box.y1 > frame.y1 + tolerance):
            problems.append(f"{name(text)} runs outside the figure")
    shapes = [_outline(text, box, renderer, tolerance) for (text, _), box in zip(texts, boxes, strict=True)]
    for i, j in _clashing_pairs(boxes, tolerance):
        if _polygons_overlap(shapes[i], shapes[j]):
            problems.append(f"{name(texts[i][0])} overlaps {name(texts[j][0])}")
    for (text, owner), box in zip(texts, boxes, strict=True):
        if owner not in panel_boxes:
            continue
        for ax, panel in panel_boxes.items():
            if ax is not owner and _overlap_area(_corners(box, tolerance), _corners(panel, 0)) > 0:
                problems.append(f"{name(text)} runs into another panel")
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    for legend in legends:
        box = legend.get_window_extent(renderer)
        for panel in panel_boxes.values():
            if _overlap_area(_corners(box, tolerance), _corners(panel, 0)) > 0:
                problems.append(f"a legend ({name(legend.get_texts()[0]) if legend.get_texts() else ''}…) "
                                "covers a panel")
    return problems


def _corners(box, shrink: float) -> tuple[float, float, float, float]:
    return box.x0 + shrink, box.y0 + shrink, box.x1 - shrink, box.y1 - shrink


def _clashing_pairs(boxes: list, tolerance: float) -> list[tuple[int, int]]:
    """Index pairs whose axis-aligned boxes overlap by more than ``tolerance`` pixels both ways."""
    if not boxes:
        return []
    b = np.array([[box.x0, box.y0, box.x1, box.y1] for box in boxes])
    width = np.minimum(b[:, None, 2], b[None, :, 2]) - np.maximum(b[:, None, 0], b[None, :, 0])
    height = np.minimum(b[:, None, 3], b[None, :, 3]) - np.maximum(b[:, None, 1], b[None, :, 1])
    return list(zip(*np.nonzero(np.triu((width > tolerance) & (height > tolerance), 1)), strict=True))


def _outline(text, box, renderer, shrink: float) -> np.ndarray:
    """Corners of the rectangle ``text`` really covers (rotated text covers less than its upright box), shrunk
    by ``shrink`` pixels on each side."""
    angle = text.get_rotation() % 180
    if angle % 90 == 0:
        w, h = (box.width, box.height) if angle == 0 else (box.height, box.width)
    else:
        text.set_rotation(0)
        upright = text.get_window_extent(renderer)
        text.set_rotation(angle)
        w, h = upright.width, upright.height
    w, h = max(w / 2 - shrink, 0), max(h / 2 - shrink, 0)
    theta = np.deg2rad(angle)
    rotate = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    corners = np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) @ rotate.T
    return corners + [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]


def _polygons_overlap(first: np.ndarray, second: np.ndarray) -> bool:
    """Do two convex polygons (corners in order) overlap? (separating axis test)"""
    for polygon in (first, second):
        edges = np.roll(polygon, -1, axis=0) - polygon
        for normal in np.column_stack([-edges[:, 1], edges[:, 0]]):
            a, b = first @ normal, second @ normal
            if a.max() <= b.min() or b.max() <= a.min():
                return False
    return True
