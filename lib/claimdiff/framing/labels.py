"""The label table: which words each outlet (or outlet kind) uses for each actor, with bootstrap intervals.

The input is a table of label mentions, one row per time a report calls an actor something:
``report_id, actor, label`` (and the group column, such as ``outlet`` or ``kind``). :func:`label_mentions` builds it
from the details stage's ``label`` rows (``subject`` is the actor, ``value`` the label); any other source of
mentions with these columns works too (NewsWCL50's annotated concepts, hand coding).

Share of a label = the group's mentions of the actor with that label / all the group's labelled mentions of the
actor. Its 95% interval is a percentile bootstrap over the group's *reports* (not mentions: the mentions of one
report are not independent draws), 1000 resamples; resampling m reports with replacement is a draw of report
weights from Multinomial(m, 1/m), so each resample is one matrix product. Each (actor, group) cell has its own
random stream, seeded from ``seed`` and the cell's names, so a cell's interval does not change when other actors
or outlets are added. A group with one report gets the interval [share, share]: the bootstrap cannot see past it.

>>> mentions = pd.DataFrame({"report_id": ["a", "a", "b", "c"], "outlet": ["x", "x", "x", "y"],
...                          "actor": ["ISIS"] * 4, "label": ["terrorists", "militants", "terrorists", "militants"]})
>>> table = label_shares(mentions, by="outlet", n_boot=200)
>>> table[["group", "label", "n_labels", "n_total"]].values.tolist()
[['x', 'terrorists', 2, 3], ['x', 'militants', 1, 3], ['y', 'militants', 1, 1]]
>>> table["share"].round(3).tolist()
[0.667, 0.333, 1.0]
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from claimdiff.details.wordings import acts
from claimdiff.schema import (  # the columns this stage makes, written in claimdiff.schema
    LABEL_TABLE,
    MENTIONS,
    conform,
    empty,
    require,
)

N_BOOT = 1000
SEED = 0
UNRESOLVED = "unresolved"  # the details stage's subject for a label it could not tie to an actor




def label_mentions(details: pd.DataFrame, reports: pd.DataFrame, outlets: pd.DataFrame | None = None,
                   include_unresolved: bool = False) -> pd.DataFrame:
    """One row per ``label`` detail: ``report_id, outlet, actor, label, text`` (the words as written), then the
    outlet table's columns (``kind``, ``country``, …) when ``outlets`` is given.

    Labels the details stage could not tie to an actor (subject ``unresolved``) are left out unless
    ``include_unresolved``; they are counted, not silently lost: see :func:`unresolved_share`. The wordings of an
    act ("killed" vs "martyred", subject ``killing``; see ``claimdiff.details.wordings``) are label rows too, but
    of no actor: they are left out.
    """
    require_label_inputs(details, reports, "label_mentions")
    labels = details.loc[details["kind"] == "label", ["report_id", "subject", "value", "text"]]
    labels = labels[~labels["subject"].isin(acts())]
    if not include_unresolved:
        labels = labels[labels["subject"] != UNRESOLVED]
    labels = labels.rename(columns={"subject": "actor", "value": "label"})
    outlet_of = reports.set_index("id")["outlet"]
    missing = sorted(set(labels["report_id"]) - set(outlet_of.index))
    if missing:
        raise ValueError(f"details name reports that are not in `reports`: {', '.join(missing[:5])}"
                         + (" …" if len(missing) > 5 else "") + " — pass the reports the details came from")
    labels = labels.assign(outlet=labels["report_id"].map(outlet_of))
    mentions = conform(labels, MENTIONS)
    if outlets is not None:
        extra = outlets.drop(columns=[c for c in outlets.columns if c in mentions and c != "outlet"])
        mentions = mentions.merge(extra, on="outlet", how="left")
    return mentions


def require_label_inputs(details: pd.DataFrame, reports: pd.DataFrame, stage: str) -> None:
    """Raise :class:`claimdiff.schema.SchemaError` unless the tables have the columns the labels are read from."""
    require(details, "details", stage, columns=["report_id", "kind", "subject", "value", "text"])
    require(reports, "reports", stage, columns=["id", "outlet"])


def unresolved_share(details: pd.DataFrame) -> float:
    """The share of label details the details stage could not tie to an actor (NaN when there are none); the
    wordings of acts are not counted."""
    labels = details.loc[details["kind"] == "label", "subject"]
    labels = labels[~labels.isin(acts())]
    return float((labels == UNRESOLVED).mean()) if len(labels) else float("nan")


def label_shares(mentions: pd.DataFrame, by: str = "outlet", n_boot: int = N_BOOT, seed: int = SEED,
                 min_mentions: int = 1) -> pd.DataFrame:
    """The label table (columns :data:`LABEL_TABLE`) of ``mentions`` (``report_id, actor, label`` and ``by``).

    Rows are sorted by actor (most labelled first), group (sorted), then share (largest first) and label.
    Actors with fewer than ``min_mentions`` labelled mentions in the whole table are left out.
    An empty input gives an empty table.
    """
    needed = ["report_id", "actor", "label", by]
    missing = [c for c in needed if c not in mentions]
    if missing:
        raise ValueError(f"mentions lacks {', '.join(missing)} (it has: {', '.join(map(str, mentions.columns))}); "
                         f"build it with label_mentions(details, reports, outlets)")
    data = mentions[needed].dropna(subset=["actor", "label"]).astype(str)
    data[by] = mentions.loc[data.index, by].fillna("unknown").astype(str)
    per_actor = data.groupby("actor").size()
    data = data[data["actor"].map(per_actor) >= min_mentions]
    if data.empty:
        return empty(LABEL_TABLE)
    actor_rank = per_actor.sort_index().sort_values(ascending=False, kind="stable")
    rows = []
    for actor in actor_rank.index:
        of_actor = data[data["actor"] == actor]
        for group, cell in of_actor.groupby(by, sort=True):
            rows.extend(_cell_rows(actor, by, str(group), cell, n_boot, seed))
    table = conform(pd.DataFrame(rows), LABEL_TABLE)
    return table


def _cell_rows(actor: str, by: str, group: str, cell: pd.DataFrame, n_boot: int, seed: int) -> list[dict]:
    reports, report_of = np.unique(cell["report_id"].to_numpy(dtype=object), return_inverse=True)
    labels, label_of = np.unique(cell["label"].to_numpy(dtype=object), return_inverse=True)
    counts = np.zeros((len(reports), len(labels)))  # reports x labels
    np.add.at(counts, (report_of, label_of), 1)
    per_label = counts.sum(axis=0)
    columns = sorted(range(len(labels)), key=lambda j: (-per_label[j], labels[j]))
    order = [str(labels[j]) for j in columns]
    counts = counts[:, columns]
    n_labels = dict(zip(order, counts.sum(axis=0).astype(int), strict=True))
    total = counts.sum()
    shares = counts.sum(axis=0) / total
    m = counts.shape[0]
    stream = np.random.default_rng([seed, zlib.crc32(f"{actor}\0{by}\0{group}".encode())])
    weights = stream.multinomial(m, np.full(m, 1 / m), size=n_boot)  # n_boot x m: times each report is drawn
    drawn = weights @ counts  # n_boot x labels
    drawn_total = drawn.sum(axis=1, keepdims=True)
    # Every resampled report has at least one label, so drawn_total > 0.
    low, high = np.percentile(drawn / drawn_total, [2.5, 97.5], axis=0)
    return [
        {"actor": actor, "group_by": by, "group": group, "label": label, "n_labels": int(n_labels[label]),
         "n_total": int(total), "share": float(shares[i]), "ci_low": float(low[i]), "ci_high": float(high[i]),
         "n_reports": m}
        for i, label in enumerate(order)
    ]


def label_table(details: pd.DataFrame, reports: pd.DataFrame, outlets: pd.DataFrame | None = None,
                by: str = "outlet", n_boot: int = N_BOOT, seed: int = SEED, min_mentions: int = 1) -> pd.DataFrame:
    """For each actor the details stage resolved, the labels each group uses: columns :data:`LABEL_TABLE`.

    ``by`` is ``"outlet"`` or a column of ``outlets`` (``"kind"``, ``"country"``). See the module docstring
    for how shares and intervals are computed.
    """
    require_label_inputs(details, reports, "label_table")
    if by != "outlet" and (outlets is None or by not in outlets):
        raise ValueError(f"by={by!r} needs an outlet table with a {by!r} column (claimdiff.outlets.load_outlets)")
    mentions = label_mentions(details, reports, outlets if by != "outlet" else None)
    return label_shares(mentions, by=by, n_boot=n_boot, seed=seed, min_mentions=min_mentions)
