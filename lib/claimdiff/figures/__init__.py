"""Paper figures. Each function draws and returns a Figure whose ``table_drawn`` is the data behind every mark;
:func:`save_figure` writes PDF, SVG, PNG and the CSV of that table. Nothing here saves or shows by itself."""

from .overview import corpus_overview, reports_per_period
from .style import PALETTE, outlet_colours, paper_style, save_figure, width

__all__ = ["PALETTE", "corpus_overview", "outlet_colours", "paper_style", "reports_per_period", "save_figure", "width"]
