"""Paper figures. Each function draws and returns a Figure whose ``table_drawn`` is the data behind every mark;
:func:`save_figure` writes PDF, SVG, PNG and the CSV of that table. Nothing here saves or shows by itself.

Every figure takes ``size="single"`` or ``"double"`` (column width), draws no title, keeps each outlet's colour
from :func:`outlet_colours`, and gives a small "nothing to show" figure (with an empty ``table_drawn``) for an
empty input.
"""

from .agreement import outlet_agreement
from .coverage import coverage_matrix
from .event_map import event_map
from .framing import label_share_plot, log_odds_plot
from .html import claim_side_by_side_html
from .numbers import numeric_divergence
from .overview import corpus_overview, reports_per_period
from .side_by_side import claim_side_by_side
from .sources import attribution_hedging
from .style import PALETTE, outlet_colours, outlet_markers, paper_style, save_figure, width
from .timeline import timeline

__all__ = [
    "PALETTE",
    "attribution_hedging",
    "claim_side_by_side",
    "claim_side_by_side_html",
    "corpus_overview",
    "coverage_matrix",
    "event_map",
    "label_share_plot",
    "log_odds_plot",
    "numeric_divergence",
    "outlet_agreement",
    "outlet_colours",
    "outlet_markers",
    "paper_style",
    "reports_per_period",
    "save_figure",
    "timeline",
    "width",
]
