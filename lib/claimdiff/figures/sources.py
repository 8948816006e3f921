"""Attribution and hedging: whom each outlet cites for its claims, and how often it hedges them.

Input: the claims table (which sentences are claims, and whose) and the details table (the ``attribution`` and
``hedge`` rows of those sentences), joined on ``report_id, sent_idx``. The unit is a claim sentence: one row of
the claims table, so an outlet that restates a claim in a later report counts it again. Details are used rather
than the divergence table because divergence only holds claims that several outlets share; an outlet's own
claims are part of how it sources.

- Source type of a sentence: the ``subject`` of its attribution details (official, police, monitor, media,
  anonymous, witness, activist, other: the types of ``data/attribution.yaml``); a sentence citing k different
  types counts 1/k for each, so an outlet's shares add to 1; a sentence with no attribution counts as ``none``.
- Hedged: the sentence has at least one ``hedge`` detail. The 95% interval of an outlet's hedged share is the
  Wilson score interval of a binomial proportion (:func:`claimdiff.validate.wilson_interval`): it stays inside
  [0, 1] and is never a point, so an outlet that hedged none of its 35 sentences gets [0, 0.099], not the [0, 0] a
  bootstrap over its sentences would give.

>>> claims = pd.DataFrame({"report_id": ["a", "a", "b"], "sent_idx": [0, 1, 0], "outlet": ["x", "x", "y"]})
>>> details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": [0, 0], "kind": ["attribution", "hedge"],
...                         "subject": ["official", "certainty"]})
>>> source_shares(details, claims)[["outlet", "source", "share"]].values.tolist()
[['x', 'official', 0.5], ['x', 'none', 0.5], ['y', 'none', 1.0]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..validate import wilson_interval
from .layout import (
    busiest,
    colours_for,
    fit_xlabel,
    legend_outside,
    new_figure,
    nothing_to_show,
    outlet_names,
    outlet_order,
    shorten,
)
from .style import paper_style

# Tol's "bright" scheme for source types (not the outlet palette: here colour means a kind of source).
# The types are those of data/attribution.yaml; "other" (a named source of no known type) is dark grey and "none"
# (no source given) pale grey, so the two stay apart in greyscale too.
SOURCE_COLOURS = {"official": "#4477AA", "police": "#EE8866", "monitor": "#66CCEE", "media": "#228833",
                  "anonymous": "#CCBB44", "witness": "#EE6677", "activist": "#AA3377", "other": "#777777",
                  "none": "#DDDDDD"}
SPARE_COLOURS = ("#77AADD", "#44BB99", "#FFAABB", "#AAAA00", "#99DDFF", "#BBCC33")
SOURCE_ORDER = tuple(SOURCE_COLOURS)
COLUMNS = ("panel", "outlet", "source", "share", "ci_low", "ci_high", "n_sentences")


def source_shares(details: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and source type: ``share`` of the outlet's claim sentences, ``n_sentences`` of the outlet."""
    sentences = claims[["report_id", "sent_idx", "outlet"]].drop_duplicates(["report_id", "sent_idx"])
    attributions = details.loc[details["kind"] == "attribution", ["report_id", "sent_idx", "subject"]]
    attributions = attributions.drop_duplicates()
    joined = sentences.merge(attributions, on=["report_id", "sent_idx"], how="left")
    joined["subject"] = joined["subject"].fillna("none").astype(str)
    joined["weight"] = 1 / joined.groupby(["report_id", "sent_idx"])["subject"].transform("size")
    totals = sentences.groupby("outlet").size()
    shares = joined.groupby(["outlet", "subject"], sort=False)["weight"].sum().rename("share").reset_index()
    shares["n_sentences"] = shares["outlet"].map(totals)
    shares["share"] = shares["share"] / shares["n_sentences"]
    rank = {s: i for i, s in enumerate(SOURCE_ORDER)}
    shares = shares.rename(columns={"subject": "source"})
    shares["_rank"] = shares["source"].map(lambda s: (rank.get(s, len(rank) - 0.5), s))
    return shares.sort_values(["outlet", "_rank"], kind="stable").drop(columns="_rank").reset_index(drop=True)


def hedged_shares(details: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: share of claim sentences with a hedge, and its Wilson score 95% interval.

    >>> claims = pd.DataFrame({"report_id": ["a", "a", "b"], "sent_idx": [0, 1, 0], "outlet": ["x", "x", "y"]})
    >>> details = pd.DataFrame({"report_id": ["a"], "sent_idx": [0], "kind": ["hedge"]})
    >>> hedged_shares(details, claims).round(3).values.tolist()
    [['x', 0.5, 0.095, 0.905, 2], ['y', 0.0, 0.0, 0.793, 1]]
    """
    sentences = claims[["report_id", "sent_idx", "outlet"]].drop_duplicates(["report_id", "sent_idx"])
    hedges = details.loc[details["kind"] == "hedge", ["report_id", "sent_idx"]].drop_duplicates()
    hedges["hedged"] = True
    joined = sentences.merge(hedges, on=["report_id", "sent_idx"], how="left")
    joined["hedged"] = joined["hedged"].fillna(False).astype(bool)
    rows = []
    for outlet, group in joined.groupby("outlet", sort=True):
        n, hedged = len(group), int(group["hedged"].sum())
        low, high = wilson_interval(hedged, n)
        rows.append({"outlet": outlet, "share": hedged / n, "ci_low": low, "ci_high": high, "n_sentences": n})
    return pd.DataFrame(rows, columns=["outlet", "share", "ci_low", "ci_high", "n_sentences"])


def attribution_hedging(details: pd.DataFrame, claims: pd.DataFrame, outlets: pd.DataFrame, size: str = "double"):
    """Per outlet, stacked bars of its claims' source types beside its hedged share with its 95% interval.

    - ``details``: the details table (``report_id, sent_idx, kind, subject``; rows of kind ``attribution`` and
      ``hedge`` are used);
    - ``claims``: the CLAIMS table (``report_id, sent_idx, outlet``);
    - ``outlets``: ``outlet, name`` (and ``colour``).

    ``fig.table_drawn``: one row per mark, columns :data:`COLUMNS`: ``panel == "source"`` rows are bar segments
    (``share`` of the outlet's claim sentences citing ``source``), ``panel == "hedged"`` rows are the dots with
    their interval.
    """
    if claims.empty:
        return nothing_to_show(size, COLUMNS, "No claims to show")
    sentences = claims.drop_duplicates(["report_id", "sent_idx"]).groupby("outlet").size()
    kept, left_out = busiest(sentences, what="outlets with the most claim sentences")
    claims = claims[claims["outlet"].isin(kept)]  # computed for the outlets drawn only: the others are left out
    shares = source_shares(details, claims)
    hedged = hedged_shares(details, claims)
    order = outlet_order(outlets, shares["outlet"])
    names = outlet_names(outlets)
    colours = colours_for(outlets, order)
    sources = list(dict.fromkeys(s for s in SOURCE_ORDER if s in set(shares["source"])))
    sources += sorted(set(shares["source"]) - set(sources))
    spare = iter(SPARE_COLOURS)
    source_colour = {s: SOURCE_COLOURS.get(s) or next(spare, "#555555") for s in sources}
    totals = shares.groupby("outlet")["n_sentences"].first()

    n = len(order)
    with paper_style():
        fig = new_figure(size, 0.75 + 0.17 * n + (0.35 if size == "single" else 0))
        ax_src, ax_hedge = fig.subplots(1, 2, sharey=True, width_ratios=[2.2, 1] if size == "double" else [1.6, 1])
        for i, outlet in enumerate(order):
            mine = shares[shares["outlet"] == outlet].set_index("source")
            left = 0.0
            for source in sources:
                if source in mine.index:
                    share = float(mine.loc[source, "share"])
                    ax_src.barh(i, share, left=left, height=0.72, color=source_colour[source], edgecolor="white",
                                linewidth=0.4)
                    left += share
        ax_src.set_yticks(range(n), [f"{shorten(names.get(o, o), 24)} ({int(totals[o])})" for o in order])
        ax_src.set_ylim(n - 0.5, -0.5)
        ax_src.set_xlim(0, 1)
        ax_src.set_xticks([0, 0.5, 1], ["0%", "50%", "100%"] if size == "double" else ["0", "50%", "100%"])
        ax_src.tick_params(axis="y", length=0)

        hedged = hedged.set_index("outlet").reindex(order)
        for i, outlet in enumerate(order):
            row = hedged.loc[outlet]
            ax_hedge.plot([row["ci_low"], row["ci_high"]], [i, i], color="0.35", lw=1.0,
                          solid_capstyle="butt", zorder=2, clip_on=False)
            ax_hedge.plot([row["share"]], [i], marker="o", markersize=4.2, color=colours[outlet],
                          markeredgecolor="0.2", markeredgewidth=0.4, zorder=3, clip_on=False)
        ax_hedge.set_xlim(0, max(0.1, float(hedged["ci_high"].max()) * 1.1))
        ax_hedge.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
        fig.get_layout_engine().set(wspace=0.06 if size == "double" else 0.1)
        ax_hedge.grid(axis="x")
        ax_hedge.set_axisbelow(True)
        ax_hedge.tick_params(axis="y", length=0)
        handles = [Patch(facecolor=source_colour[s], label=s) for s in sources]
        legend_outside(fig, handles, size, title="Source" if size == "double" else None,
                       ncols=4 if size == "single" else 1)
        label = "Claim sentences (n) by source cited" if size == "double" else "Claims (n) by source"
        fit_xlabel(ax_src, label + (f"\n{left_out}" if left_out else ""))
        fit_xlabel(ax_hedge, "Hedged (95% CI)" if size == "single" else "Claims hedged (95% CI)")

    source_rows = shares.assign(panel="source", ci_low=np.nan, ci_high=np.nan)
    source_rows = source_rows[source_rows["share"] > 0]
    source_rows["_o"] = source_rows["outlet"].map({o: i for i, o in enumerate(order)})
    source_rows["_s"] = source_rows["source"].map({s: i for i, s in enumerate(sources)})
    source_rows = source_rows.sort_values(["_o", "_s"]).drop(columns=["_o", "_s"])
    hedge_rows = hedged.reset_index().assign(panel="hedged", source=pd.NA)
    table = pd.concat([source_rows, hedge_rows], ignore_index=True)[list(COLUMNS)]
    fig.table_drawn = table
    return fig
