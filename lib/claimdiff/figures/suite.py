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

from ..details.parallel import can_fork, default_workers, forked_pool
from ..schema import TABLES, require
from .agreement import outlet_agreement
from .coverage import COLUMNS as COVERAGE_COLUMNS
from .coverage import coverage_matrix
from .event_map import event_map
from .layout import nothing_to_show
from .numbers import numeric_divergence
from .overview import corpus_overview
from .side_by_side import COLUMNS as SIDE_COLUMNS
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


def most_diverging_claim(divergence: pd.DataFrame, event_id: int | None,
                         claims: pd.DataFrame | None = None) -> int | None:
    """The claim group of ``event_id`` that at least two outlets make with the most disagreeing details (omissions
    and the event-wide rows of claim group -1 aside); without disagreement, the group the most outlets make.
    None when no claim group of the event is made by two outlets. Which outlets make a group is read from
    ``claims``, or else from the divergence rows."""
    if claims is None:
        claims = divergence[(divergence["kind"] != "omission") & (divergence["claim_id"] >= 0)]
    mine = claims[(claims["event_id"] == event_id) & (claims["claim_id"] >= 0)]
    breadth = mine.groupby("claim_id")["outlet"].nunique()
    shared = breadth[breadth >= 2]
    if shared.empty:
        return None
    rows = divergence[(divergence["event_id"] == event_id) & (divergence["kind"] != "omission")
                      & divergence["claim_id"].isin(shared.index)]
    rows = rows[rows["agrees"].eq(False).fillna(False).astype(bool)]
    if rows.empty:
        return int(shared.sort_index().idxmax())
    counts = rows.groupby("claim_id").size().sort_index(kind="stable")
    return int(counts.idxmax())


def comparison_notes(results) -> list[str]:
    """What there is nothing to compare in, in plain words: one outlet, no event two outlets covered, no claim two
    outlets made. Empty for a corpus with something to compare (and for one without reports)."""
    outlets = sorted(results.reports["outlet"].dropna().astype(str).unique()) if len(results.reports) else []
    if not outlets:
        return []
    if len(outlets) == 1:
        return [f"nothing to compare: every report is from one outlet ({outlets[0]}); the divergence figures say "
                "so, and the others show that outlet alone"]
    covered = results.assignments.merge(results.reports[["id", "outlet"]].astype({"id": str}),
                                        left_on="report_id", right_on="id")
    if covered.empty or covered.groupby("event_id")["outlet"].nunique().max() < 2:
        return [f"nothing to compare: no event is reported by two of the {len(outlets)} outlets"]
    if results.claims.empty or results.claims.groupby("claim_id")["outlet"].nunique().max() < 2:
        return ["nothing to compare: no claim is made by two outlets (their reports share events but no "
                "sentences alike enough to be one claim)"]
    return []


def most_counted_events(divergence: pd.DataFrame, events: pd.DataFrame, limit: int = 6) -> pd.DataFrame:
    """The ``limit`` events whose casualty counts the most outlets state (a figure with every event of a large
    corpus would be unreadable), not counting reports held apart from their event; ties go to the earlier event."""
    counts = divergence[(divergence["kind"] == "count") & divergence["subject"].isin(["killed", "injured"])]
    if "held_apart" in counts:
        counts = counts[~counts["held_apart"].fillna(False).astype(bool)]
    breadth = counts.groupby("event_id")["outlet"].nunique().rename("n").reset_index()
    chosen = breadth.sort_values(["n", "event_id"], ascending=[False, True]).head(limit)["event_id"]
    return events[events["event_id"].isin(chosen)]


def write_figures(results, report_vectors: np.ndarray, out: str | Path, size: str = "double", events=None,
                  event_names=None, embedder=None, settings=None) -> list[SavedFigure]:
    """Draw and save every figure for ``results`` (a :class:`claimdiff.pipeline.Results`) under ``out``.

    ``events``: the researcher's own events (``report_id, event_id[, event_name]``, a table or CSV): claims and
    divergence are computed again over them (:func:`claimdiff.pipeline.regroup`, with ``embedder``) before
    drawing. ``event_names``: names for events (``event_id, name``) shown in every figure. ``settings``: the
    :class:`claimdiff.settings.Settings` the results were made with (None: the defaults), written to
    ``settings.toml`` beside the figures and shown in ``index.html``, for the methods section.
    """
    from claimdiff.settings import Settings

    drawn = draw_figures(results, report_vectors, size, events, event_names, embedder, settings)
    saved = [SavedFigure(name, caption, paths) for (name, caption, _), paths in zip(drawn, save_all(drawn, out),
                                                                                    strict=True)]
    toml = (settings or Settings()).to_toml()
    (Path(out) / "settings.toml").write_text(toml, encoding="utf-8")
    write_index(saved, Path(out), toml)
    return saved


def save_all(drawn: list[tuple], out: str | Path, workers: int | None = None) -> list[dict[str, Path]]:
    """:func:`save_figure` for each ``(name, caption, figure)`` of ``drawn``; the paths of each, in order.

    The figures are written by ``workers`` forked processes (default: the cores, at most 4), which inherit the drawn
    figures (nothing is pickled) and write the same bytes as this process would; one figure, or where processes
    cannot be forked (:func:`claimdiff.details.parallel.can_fork`), they are written here.
    """
    workers = default_workers() if workers is None else workers
    if workers < 2 or len(drawn) < 2 or not can_fork():
        return [save_figure(fig, name, out=out) for name, _, fig in drawn]
    with forked_pool(min(workers, len(drawn)), initializer=_keep_drawn,
                     initargs=(drawn,)) as pool:  # with fork, initargs reach the workers unpickled
        return list(pool.map(_save_drawn, range(len(drawn)), [out] * len(drawn)))


_drawn: list[tuple] = []  # a worker's copy of the figures to write (see save_all)


def _keep_drawn(drawn: list[tuple]) -> None:
    _drawn[:] = drawn


def _save_drawn(index: int, out) -> dict[str, Path]:
    name, _, fig = _drawn[index]
    return save_figure(fig, name, out=out)


def draw_figures(results, report_vectors: np.ndarray, size: str = "double", events=None, event_names=None,
                 embedder=None, settings=None) -> list[tuple]:
    """Every figure of :func:`write_figures` as ``(name, caption, figure)``, drawn but not saved.

    A table of ``results`` without the columns of its schema raises :class:`claimdiff.schema.SchemaError`.
    """
    for name, table in results.tables().items():
        if name in TABLES:
            require(table, name, "draw_figures")
    r = _with_events(results, events, event_names, embedder, settings)
    notes = comparison_notes(r)
    event = busiest_event(r.events)
    claim = most_diverging_claim(r.divergence, event, r.claims)
    event_label = _label(r.events, event)
    numbers = numeric_divergence(r.divergence, r.outlets, events=most_counted_events(r.divergence, r.events),
                                 size=size)
    drawn = [
        ("corpus-overview", "Reports per outlet per day, week or month (the finest that keeps the bars readable).",
         corpus_overview(r.reports, r.outlets, size=size)),
        (
            "event-map",
            "Reports projected to two dimensions from their sentence embeddings; colour: event, from a palette of "
            "its own (never an outlet's colour; the eight largest events when there are more than nine, the rest "
            "grey), marker: outlet kind; coloured events labelled with their place, kind of act and day.",
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
            f"by the outlet's later report.{_left_out(numbers.table_drawn)}",
            numbers,
        ),
        (
            "attribution-hedging",
            "Per outlet, the sources its sentences cite and the share of sentences hedged (95% Wilson interval).",
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
    if notes:  # one outlet, or nothing shared: say so where a comparison would be
        nothing = notes[0][0].upper() + notes[0][1:].split(";")[0]
        for i, (name, caption, _) in enumerate(drawn):
            if name in ("numeric-divergence", "outlet-agreement"):
                drawn[i] = (name, caption, nothing_to_show(size, ("outlet",), nothing))
    drawn.append((
        "coverage-matrix",
        f"Claims about {event_label} by outlet. Stated: the outlet says it as fact; hedged: it says it with a "
        "hedge (reportedly, allegedly); contradicted: a detail it gives (a toll, date, place, actor or label) cannot "
        "be true together with what most other outlets stating that detail say; split: the outlets stating it are "
        "split evenly; absent: it says nothing of it. Each row quotes an outlet that is not contradicted.",
        coverage_matrix(r.claims, r.divergence, r.outlets, event, size=size) if event is not None and not notes
        else nothing_to_show(size, COVERAGE_COLUMNS, _nothing(notes, "No event to show")),
    ))
    drawn.append((
        "claim-side-by-side",
        f"One claim about {event_label} as each outlet words it; details on which they differ highlighted.",
        claim_side_by_side(r.claims, r.details, r.reports, claim, outlets=r.outlets, size=size)
        if claim is not None else nothing_to_show(size, SIDE_COLUMNS, _nothing(
            notes, f"Nothing to compare: no claim about {event_label} is made by two outlets")),
    ))
    return drawn


def _framing_figures(r, size: str) -> list[tuple]:
    """The label shares of the most labelled actor and the log-odds of each outlet (claimdiff.framing)."""
    from ..framing import label_table, log_odds
    from .framing import MAX_PANELS, label_share_plot, log_odds_plot

    labels = label_table(r.details, r.reports, r.outlets)
    names = [str(v) for column in ("outlet", "name") if column in r.outlets for v in r.outlets[column]]
    # only the outlets the figure has panels for are computed (each against all the others)
    words = log_odds(r.reports, r.assignments, r.outlets, exclude=names, max_groups=MAX_PANELS)
    return [
        ("label-shares", "The labels each outlet uses for the most labelled actor (95% bootstrap interval over "
         "reports).", label_share_plot(labels, r.outlets, size=size)),
        ("log-odds", "Words typical of each outlet against the others, on the events both covered (weighted "
         "log-odds with an informative prior, z-scores).", log_odds_plot(words, r.outlets, size=size)),
    ]


def _left_out(marks: pd.DataFrame) -> str:
    """The numeric figure's caption on the reports it left out (held apart: they tell of another incident).

    >>> _left_out(pd.DataFrame({"held_apart": [True, True, False], "report_ids": ["a", "a;b", "c"]}))
    ' Left out: 2 reports that tell of another incident than most reports of the same event (held apart from \
those, not compared with them; listed in the table, held_apart).'
    """
    held = marks[marks["held_apart"].astype(bool)] if "held_apart" in marks else marks.iloc[:0]
    n = len({report for ids in held["report_ids"] for report in str(ids).split(";")})
    if not n:
        return ""
    return (f" Left out: {n} report{'s' if n > 1 else ''} that tell{'' if n > 1 else 's'} of another incident than "
            "most reports of the same event (held apart from those, not compared with them; listed in the table, "
            "held_apart).")


def _nothing(notes: list[str], fallback: str) -> str:
    return (notes[0][0].upper() + notes[0][1:].split(";")[0]) if notes else fallback


def _with_events(results, events, event_names, embedder, settings=None):
    """``results`` regrouped by the researcher's ``events`` and/or with events renamed by ``event_names``."""
    from dataclasses import replace

    from ..events.naming import label_assignments, rename_events
    from ..pipeline import regroup

    if events is not None:
        return regroup(results, events, embedder, event_names, settings=settings)
    if event_names is None:
        return results
    renamed = rename_events(results.events, event_names)
    return replace(results, events=renamed, assignments=label_assignments(results.assignments, renamed))


def _label(events: pd.DataFrame, event_id: int | None) -> str:
    if event_id is None:
        return "no event"
    return str(events.set_index("event_id").loc[event_id, "label"])


def write_index(saved: list[SavedFigure], out: Path, settings_toml: str | None = None) -> Path:
    """A small ``index.html`` with every figure (PNG), its caption, and links to the PDF, SVG and data; and the
    settings of the run (``settings_toml``, the text of ``settings.toml``) when given."""
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
        "The stage tables are beside them (CSV and parquet).</p>" + "".join(sections) + _settings_section(settings_toml)
        + "</body></html>\n"
    )
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _settings_section(settings_toml: str | None) -> str:
    if settings_toml is None:
        return ""
    return ('<section id="settings"><h2>Settings</h2><p>Every stage setting of this run (<a href="settings.toml">'
            "settings.toml</a>; give it to <code>--config</code> to run again the same way):</p><pre>"
            f"{html.escape(settings_toml)}</pre></section>")
