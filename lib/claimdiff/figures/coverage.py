"""Coverage matrix: for one event, which outlet states, hedges, contradicts or leaves out each claim.

Rows are claim groups, columns the outlets that covered the event. A cell's state, for the outlet's latest
sentence in the group (earlier, superseded reports are ignored):

- ``contradicted``: on some detail of a kind in ``CONTRADICTION_KINDS`` (a toll, date, place, actor or label), what
  the outlet says cannot be true together with what most outlets stating that detail say (pairwise, as in
  :mod:`.agreement`): more of them give an incompatible value than give one compatible with its own. The ``agrees``
  column of DIVERGENCE is not used, as it is False for every outlet of a group as soon as one outlet differs;
  attribution and hedging differences are not contradictions;
- ``split``: otherwise, on some such detail as many outlets (the outlet itself counted) side with it as against
  it: two outlets that disagree with nobody else stating the detail are split, neither is "the" contradicted one;
- ``hedged``: otherwise, its hedge row says the outlet hedges the claim (``kind == "hedge"``, value not "certain");
- ``stated``: otherwise, the outlet has a sentence in the claim group;
- ``absent``: the outlet has no sentence in the group: an ``omission`` row, or simply not stated.

Each row is labelled with the start of a sentence of the group, taken from an outlet that states it (else hedges
it, else is split on it), never from a contradicted one: a row should not quote an outlet its own cell
contradicts. ``label_outlet`` in the table says whose sentence it is. The legend says what each state means.

Colours are Tol's high-contrast scheme (distinct in greyscale too), and contradicted and split cells are hatched.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.patches import Patch, Rectangle

from .agreement import compatible
from .layout import (
    NOTE_COLOUR,
    SMALL,
    first_sentence,
    fit_text,
    new_figure,
    nothing_to_show,
    outlet_names,
    outlet_order,
    shorten,
    text_size,
)
from .style import paper_style

CONTRADICTION_KINDS = ("count", "date", "place", "actor", "label")
STATES = ("stated", "hedged", "contradicted", "split", "absent")
STATE_COLOURS = {"stated": "#004488", "hedged": "#DDAA33", "contradicted": "#BB5566", "split": "#EE99AA",
                 "absent": "#FFFFFF"}
HATCHES = {"contradicted": "/////", "split": "\\\\\\\\\\"}
# What each state means, in the legend's words.
MEANINGS = {
    "stated": "stated: says it as fact",
    "hedged": "hedged: says it with a hedge (reportedly, allegedly)",
    "contradicted": "contradicted: most outlets stating a toll, date, place, actor or label give one incompatible "
                    "with its own",
    "split": "split: the outlets stating such a detail are split evenly on it",
    "absent": "absent: says nothing of it",
}
# The sentence a row is labelled with comes from an outlet in the first of these states it has.
LABEL_STATES = ("stated", "hedged", "split")
MAX_CELL = 0.45  # inches: widest a cell gets when there are few outlets
ROW_HEIGHT = 0.17  # inches per claim row
COLUMNS = ("event_id", "claim_id", "claim_label", "label_outlet", "outlet", "state", "reason", "report_id", "sent_idx",
           "text")


def coverage_states(claims: pd.DataFrame, divergence: pd.DataFrame, event_id: int, claim_ids=None) -> pd.DataFrame:
    """One row per (claim group, covering outlet) of the event: ``state`` and the ``reason`` behind it; only for
    the claim groups ``claim_ids`` when given (those a figure draws)."""
    event_claims = claims[claims["event_id"] == event_id]
    if claim_ids is not None:
        event_claims = event_claims[event_claims["claim_id"].isin(claim_ids)]
    if event_claims.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    div = divergence[(divergence["event_id"] == event_id)] if len(divergence) else divergence
    current = div[~div["superseded"].astype(bool)] if len(div) else div
    by_claim = dict(tuple(current.groupby("claim_id", sort=False))) if len(current) else {}
    rows = []
    for claim_id, group in event_claims.groupby("claim_id", sort=True):
        mine_rows = by_claim.get(claim_id, current.iloc[:0])
        minority, split = _opposed_details(mine_rows)
        stating = []
        for outlet in group["outlet"].unique():
            sentences = group[group["outlet"] == outlet]
            latest = _latest(sentences, mine_rows, outlet)
            mine = mine_rows[mine_rows["outlet"] == outlet] if len(mine_rows) else mine_rows
            hedges = mine[(mine["kind"] == "hedge") & ~mine["value"].isin(["certain"])] if len(mine) else mine
            if minority.get(outlet):
                state, reason = "contradicted", "; ".join(minority[outlet])
            elif split.get(outlet):
                state, reason = "split", "; ".join(split[outlet])
            elif len(hedges):
                state, reason = "hedged", "; ".join(hedges["value"].astype(str))
            else:
                state, reason = "stated", ""
            stating.append({"event_id": event_id, "claim_id": claim_id, "outlet": outlet, "state": state,
                            "reason": reason, "report_id": latest["report_id"], "sent_idx": latest["sent_idx"],
                            "text": latest["text"]})
        quoted = min(stating, key=lambda c: LABEL_STATES.index(c["state"]) if c["state"] in LABEL_STATES else 9)
        label = {"claim_label": first_sentence(quoted["text"]), "label_outlet": quoted["outlet"]}
        rows += [{**cell, **label} for cell in stating]
        # claim omissions only: a perpetrator omission is of an outlet that states the claim (its cell above)
        left_out = (mine_rows["kind"] == "omission") & (mine_rows["subject"] == "claim") if len(mine_rows) else []
        for row in mine_rows[left_out].itertuples() if len(mine_rows) else []:
            rows.append({"event_id": event_id, "claim_id": claim_id, **label, "outlet": row.outlet,
                         "state": "absent", "reason": "omission", "report_id": pd.NA, "sent_idx": pd.NA,
                         "text": pd.NA})
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _opposed_details(rows: pd.DataFrame) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Per outlet, the details ("count killed: 18") on which more outlets stating them contradict it than side
    with it (itself counted), and those on which as many contradict it as side with it."""
    minority: dict[str, list[str]] = {}
    split: dict[str, list[str]] = {}
    if rows.empty:
        return minority, split
    stated = rows[rows["kind"].isin(CONTRADICTION_KINDS) & rows["value"].notna() & (rows["value"] != "none")]
    stated = stated.sort_values("published", kind="stable").drop_duplicates(["kind", "subject", "outlet"],
                                                                            keep="last")
    for (kind, subject), group in stated.groupby(["kind", "subject"], sort=True):
        members = list(group.itertuples())
        for row in members:
            against = sum(not compatible(kind, row, other) for other in members if other.outlet != row.outlet)
            backing = len(members) - against  # itself and the outlets whose value can be true with its own
            if against > backing:
                minority.setdefault(row.outlet, []).append(f"{kind} {subject}: {row.value}")
            elif against and against == backing:
                split.setdefault(row.outlet, []).append(f"{kind} {subject}: {row.value}")
    return minority, split


def _latest(sentences: pd.DataFrame, divergence_rows: pd.DataFrame, outlet: str) -> pd.Series:
    """The outlet's current sentence in the group: the one its non-superseded divergence rows point to."""
    if len(sentences) > 1 and len(divergence_rows):
        pointed = divergence_rows.loc[divergence_rows["outlet"] == outlet, "report_id"].dropna()
        chosen = sentences[sentences["report_id"].isin(set(pointed))]
        if len(chosen):
            return chosen.iloc[-1]
    return sentences.iloc[-1]


def coverage_matrix(
    claims: pd.DataFrame,
    divergence: pd.DataFrame,
    outlets: pd.DataFrame,
    event_id: int,
    size: str = "single",
    min_outlets: int = 1,
    max_claims: int = 30,
    label_chars: int | None = None,
):
    """Claim groups × outlets of one event, each cell stated / hedged / contradicted / absent (see the module).

    - ``claims``: the CLAIMS table (``claim_id, event_id, report_id, sent_idx, outlet, text``);
    - ``divergence``: the DIVERGENCE table (``claim_id, outlet, kind, value, agrees, superseded, report_id``);
    - ``outlets``: ``outlet, name``.

    Columns are the outlets with at least one sentence in the event. Claim groups stated by fewer than
    ``min_outlets`` outlets are left out; of the rest, the ``max_claims`` most widely stated are drawn, in claim
    order, and a note counts the others. Row labels are the first sentence of the group, cut to ``label_chars``
    (50 for double column, 36 for single). ``fig.table_drawn``: one row per cell, columns :data:`COLUMNS`.
    """
    event_claims = claims[claims["event_id"] == event_id]
    if event_claims.empty:
        return nothing_to_show(size, COLUMNS, f"No claims for event {event_id}")
    covering = outlet_order(outlets, event_claims["outlet"])
    # Every outlet with a sentence in a claim group has a cell other than "absent" in its row: the rows drawn are
    # chosen from the claims table, and the states computed for them only.
    stating = event_claims.groupby("claim_id")["outlet"].nunique()
    eligible = stating[stating >= min_outlets]
    if eligible.empty:
        return nothing_to_show(size, COLUMNS, f"No claim of event {event_id} is stated by {min_outlets}+ outlets")
    chosen = sorted(eligible.sort_values(ascending=False, kind="stable").index[:max_claims])
    hidden = len(stating) - len(chosen)
    cells = coverage_states(claims, divergence, event_id, claim_ids=chosen)
    label_chars = label_chars or (50 if size == "double" else 36)

    # Every covering outlet gets a cell in every chosen row: absent where it has neither a sentence nor an omission.
    grid = pd.MultiIndex.from_product([chosen, covering], names=["claim_id", "outlet"]).to_frame(index=False)
    cells = grid.merge(cells, on=["claim_id", "outlet"], how="left")
    labels = cells.dropna(subset=["claim_label"]).groupby("claim_id")["claim_label"].first()
    quoted = cells.dropna(subset=["label_outlet"]).groupby("claim_id")["label_outlet"].first()
    cells["event_id"] = event_id
    cells["claim_label"] = cells["claim_id"].map(labels)
    cells["label_outlet"] = cells["claim_id"].map(quoted)
    cells["reason"] = cells["reason"].where(cells["state"].notna(), "not stated")
    cells["state"] = cells["state"].fillna("absent")
    cells = cells[list(COLUMNS)]

    names = outlet_names(outlets)
    n_rows, n_cols = len(chosen), len(covering)
    row_labels = [shorten(labels[c], label_chars) for c in chosen]
    col_labels = [shorten(names.get(o, o), 26) for o in covering]
    fontsize = SMALL + 0.5
    with paper_style():
        # Laid out by hand, in inches: labels measured, cells as large as the width allows (at most MAX_CELL
        # wide), the figure exactly as tall as its rows, so nothing is squeezed and nothing is left blank.
        fig = new_figure(size, 2.0, layout=None)
        fig_width = fig.get_figwidth()
        left = max(text_size(fig, t, fontsize)[0] for t in row_labels) + 0.06
        top = max(text_size(fig, t, fontsize)[0] for t in col_labels) + 0.1  # labels run upwards
        cell_w = min(MAX_CELL, (fig_width - left - 0.05) / n_cols)
        cell_h = ROW_HEIGHT
        # The legend, below the matrix, says in words what each state means: two columns on a page's width.
        legend_columns = 2 if size == "double" else 1
        legend_width = (fig_width - 0.1) / legend_columns - 0.35
        legend_rows = -(-len(STATES) // legend_columns)
        meanings = {state: fit_text(fig, MEANINGS[state], legend_width, SMALL + 0.5) for state in STATES}
        lines = max(m.count("\n") + 1 for m in meanings.values())
        legend_height = legend_rows * (0.045 + 0.115 * lines) + 0.08
        note_height = 0.16 if hidden else 0.0
        bottom = legend_height + note_height + 0.05
        height = top + n_rows * cell_h + bottom
        fig.set_figheight(height)
        ax = fig.add_axes((left / fig_width, bottom / height, n_cols * cell_w / fig_width, n_rows * cell_h / height))
        row_of = {claim: i for i, claim in enumerate(chosen)}
        col_of = {outlet: j for j, outlet in enumerate(covering)}
        for cell_row in cells.itertuples():
            state = cell_row.state
            ax.add_patch(Rectangle(
                (col_of[cell_row.outlet] - 0.5, row_of[cell_row.claim_id] - 0.5), 1, 1,
                facecolor=STATE_COLOURS[state], edgecolor="0.75" if state == "absent" else "white",
                linewidth=0.5, hatch=HATCHES.get(state),
            ))
        ax.set_xlim(-0.5, n_cols - 0.5)
        ax.set_ylim(n_rows - 0.5, -0.5)
        ax.set_xticks(range(n_cols), col_labels, rotation=90, ha="center", va="bottom")
        ax.xaxis.tick_top()
        ax.set_yticks(range(n_rows), row_labels)
        ax.tick_params(length=0, labelsize=fontsize, pad=2)
        for spine in ax.spines.values():
            spine.set_visible(False)
        handles = [Patch(facecolor=STATE_COLOURS[s], edgecolor="0.5", linewidth=0.5, hatch=HATCHES.get(s),
                         label=meanings[s]) for s in STATES]
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, (legend_height - 0.02) / height),
                   borderaxespad=0, handlelength=1.4, ncols=legend_columns, columnspacing=1.0,
                   fontsize=SMALL + 0.5, labelspacing=0.3)
        if hidden:
            note = f"{hidden} claim group{'s' * (hidden > 1)} stated by fewer outlets not shown"
            note = fit_text(fig, note, fig_width - 0.05, SMALL, lines=1)
            x = max(0.0, min(left, fig_width - 0.05 - text_size(fig, note, SMALL)[0]))  # under the matrix if it fits
            fig.text(x / fig_width, (bottom - 0.06) / height, note, ha="left", va="top", fontsize=SMALL,
                     color=NOTE_COLOUR)
    fig.table_drawn = cells.reset_index(drop=True)
    return fig
