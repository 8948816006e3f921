"""Every figure of a pipeline run, saved with its table, plus an ``index.html`` that shows them with captions.

The event shown in the per-event figures (coverage matrix, claim side by side) is the one most outlets covered;
the claim shown side by side is that event's claim group with the most diverging details.

>>> written = write_figures(results, report_vectors, out="figures/")      # doctest: +SKIP
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .agreement import outlet_agreement
from .coverage import coverage_matrix
from .event_map import event_map
from .numbers import numeric_divergence
from .overview import corpus_overview
from .side_by_side import claim_side_by_side
from .sources import attribution_hedging
from .style import save_figure
from .timeline import timeline


AGREEMENT_OUTLETS = 25  # outlets in the agreement matrix at most (benchmarks/pipeline_scale.py)


@dataclass
class SavedFigure:
    name: str
    caption: str
    paths: dict[str, Path]


def busiest_event(events: pd.DataFrame) -> int | None:
    """The event covered by the most outlets (then the most reports, then the earliest)."""
    if events.empty:
        return None
    breadth = events.assign(n_outlets=events["outlets"].str.count(",") + 1)
    ranked = breadth.sort_values(["n_outlets", "n_reports", "event_id"], ascending=[False, False, True])
    return int(ranked["event_id"].iloc[0])


def most_diverging_claim(divergence: pd.DataFrame, event_id: int | None) -> int | None:
    """The claim group of ``event_id`` with the most disagreeing details (omissions aside)."""
    rows = divergence[(divergence["event_id"] == event_id) & (divergence["kind"] != "omission")]
    rows = rows[rows["agrees"].eq(False).fillna(False)]
    if rows.empty:
        return None
    counts = rows.groupby("claim_id").size().sort_index(kind="stable")
    return int(counts.idxmax())


def most_counted_events(divergence: pd.DataFrame, events: pd.DataFrame, limit: int = 6) -> pd.DataFrame:
    """The ``limit`` events whose casualty counts the most outlets state (a figure with every event of a large
    corpus would be unreadable); ties go to the earlier event."""
    counts = divergence[(divergence["kind"] == "count") & divergence["subject"].isin(["killed", "injured"])]
    breadth = counts.groupby("event_id")["outlet"].nunique().rename("n").reset_index()
    chosen = breadth.sort_values(["n", "event_id"], ascending=[False, True]).head(limit)["event_id"]
    return events[events["event_id"].isin(chosen)]


def write_figures(results, report_vectors: np.ndarray, out: str | Path, size: str = "double") -> list[SavedFigure]:
    """Draw and save every figure for ``results`` (a :class:`claimdiff.pipeline.Results`) under ``out``."""
    r = results
    event = busiest_event(r.events)
    claim = most_diverging_claim(r.divergence, event)
    event_label = _label(r.events, event)
    drawn = [
        ("corpus-overview", "Reports per outlet per day, week or month (the finest that keeps the bars readable).",
         corpus_overview(r.reports, r.outlets, size=size)),
        (
            "event-map",
            "Reports projected to two dimensions from their sentence embeddings; colour: event (the eight largest "
            "events when there are more than nine, the rest grey), marker: outlet kind; coloured events labelled.",
            event_map(report_vectors, r.assignments, r.reports, r.outlets, r.events, size=size),
        ),
        (
            "timeline",
            "When each outlet reported each event, and each outlet's lag after the first report (black tick: median); "
            "the 20 events covered by the most outlets (then the most reports).",
            timeline(r.reports, r.assignments, r.outlets, r.events, size=size),
        ),
        (
            "numeric-divergence",
            "Counts of the killed and injured as each outlet states them, for the events whose counts most outlets "
            "give: dots exact, lines ranges, arrows open bounds, bands vague quantities; hollow marks are superseded "
            "by the outlet's later report.",
            numeric_divergence(r.divergence, r.outlets, events=most_counted_events(r.divergence, r.events), size=size),
        ),
        (
            "attribution-hedging",
            "Per outlet, the sources its sentences cite and the share of sentences hedged (95% bootstrap interval).",
            attribution_hedging(r.details, r.claims, r.outlets, size=size),
        ),
        (
            "outlet-agreement",
            "How often two outlets agree on the details they both state; numbers: details shared"
            f" (the {AGREEMENT_OUTLETS} outlets with the most details when there are more).",
            # One column holds the matrix of up to ten outlets; more need the page's width for their numbers. The
            # matrix is outlets x outlets: past a few dozen it is neither readable nor quick to draw.
            outlet_agreement(r.divergence[r.divergence["outlet"].isin(
                r.divergence["outlet"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
                .index[:AGREEMENT_OUTLETS])], r.outlets, size="single" if len(r.outlets) <= 10 else size),
        ),
    ]
    drawn += _framing_figures(r, size)
    if event is not None:
        drawn.append(
            (
                "coverage-matrix",
                f"Claims about {event_label} by outlet: stated, hedged, contradicted or absent.",
                coverage_matrix(r.claims, r.divergence, r.outlets, event, size=size),
            )
        )
    if claim is not None:
        drawn.append(
            (
                "claim-side-by-side",
                f"One claim about {event_label} as each outlet words it; diverging details highlighted.",
                claim_side_by_side(r.claims, r.details, r.reports, claim, outlets=r.outlets, size=size),
            )
        )
    saved = []
    for name, caption, fig in drawn:
        saved.append(SavedFigure(name, caption, save_figure(fig, name, out=out)))
    write_index(saved, Path(out))
    return saved


def _framing_figures(r, size: str) -> list[tuple]:
    """The label shares of the most labelled actor and the log-odds of each outlet (claimdiff.framing)."""
    from ..framing import label_table, log_odds
    from .framing import label_share_plot, log_odds_plot

    labels = label_table(r.details, r.reports, r.outlets)
    names = [str(v) for column in ("outlet", "name") if column in r.outlets for v in r.outlets[column]]
    words = log_odds(r.reports, r.assignments, r.outlets, exclude=names)
    return [
        ("label-shares", "The labels each outlet uses for the most labelled actor (95% bootstrap interval over "
         "reports).", label_share_plot(labels, r.outlets, size=size)),
        ("log-odds", "Words typical of each outlet against the others, on the events both covered (weighted "
         "log-odds with an informative prior, z-scores).", log_odds_plot(words, r.outlets, size=size)),
    ]


def _label(events: pd.DataFrame, event_id: int | None) -> str:
    if event_id is None:
        return "no event"
    return str(events.set_index("event_id").loc[event_id, "label"])


def write_index(saved: list[SavedFigure], out: Path) -> Path:
    """A small ``index.html`` with every figure (PNG), its caption, and links to the PDF, SVG and data."""
    sections = []
    for figure in saved:
        links = " · ".join(
            f'<a href="{html.escape(figure.paths[fmt].name)}">{fmt.upper()}</a>' for fmt in ("pdf", "svg", "csv")
        )
        sections.append(
            f'<figure id="{html.escape(figure.name)}"><img src="{html.escape(figure.paths["png"].name)}" '
            f'alt="{html.escape(figure.caption)}"><figcaption><b>{html.escape(figure.name)}</b>. '
            f"{html.escape(figure.caption)} {links}</figcaption></figure>"
        )
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>claimdiff figures</title>'
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "img{max-width:100%;border:1px solid #ddd}figure{margin:0 0 2.5rem}</style></head><body>"
        "<h1>claimdiff figures</h1><p>Each figure is saved as PDF, SVG and PNG with the CSV of the data drawn. "
        "The stage tables are beside them (CSV and parquet).</p>" + "".join(sections) + "</body></html>\n"
    )
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
