"""Validation as papers need it: a coding sheet of sampled divergences, and its precision once coded.

:func:`sample_divergences` draws a stratified random sample of the divergences the pipeline flags (``agrees`` is
False, the row not superseded by the outlet's later report): the same number from each kind of detail (count,
date, place, ...; a kind with fewer flagged pairs gives them all, and the rest goes to the others), so that the
precision of every kind is measured, not only that of the most frequent. Each item is one pair of outlets that
disagree on one detail of one claim: where the divergence table has pairwise columns (``other_outlet``,
``other_report_id``, ``other_value``, ``other_evidence``) their rows are the pairs; otherwise each flagged row is
paired with every other outlet's current row of the same event, claim group, kind and subject that states another
value, and each pair is kept once. Drawing is seeded and independent of the order of the table's rows.

:func:`write_sheet` writes the sample as a CSV and a printable HTML page with both sides' sentences (the words
the value rests on marked), the value each side gives, and empty ``judgement`` (real / not real / unsure) and
``note`` columns for the coder. :func:`score_sheets` reads coded sheets back: the precision of each kind (real
among real and not real; unsure ones are counted and left out) with its Wilson 95% interval, the precision over
all kinds weighted by how many flagged pairs each kind has, and, given a second coder's sheet of the same items,
Krippendorff's alpha (nominal, three categories).

>>> [round(bound, 3) for bound in wilson_interval(8, 10)]
[0.49, 0.943]
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np
import pandas as pd

JUDGEMENTS = ("real", "not real", "unsure")
Z95 = 1.959963984540054
PAIR_COLUMNS = ("other_outlet", "other_report_id", "other_value", "other_evidence")
SHEET_COLUMNS = (
    "item", "kind", "subject", "event_id", "event_label", "claim_id", "outlet", "report_id", "sent_idx", "value",
    "evidence", "sentence", "other_outlet", "other_report_id", "other_sent_idx", "other_value", "other_evidence",
    "other_sentence", "confidence", "flagged_in_kind", "judgement", "note",
)
_SIDE = ("outlet", "report_id", "sent_idx", "value", "evidence")


def flagged_pairs(divergence: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of outlets the pipeline says disagree on a detail of a claim (see the module)."""
    current = divergence[divergence["agrees"].eq(False).fillna(False).astype(bool)
                         & ~divergence["superseded"].fillna(False).astype(bool)]
    if all(column in divergence for column in PAIR_COLUMNS):
        pairs = current.copy()
        if "other_sent_idx" not in pairs:
            pairs["other_sent_idx"] = pd.NA
    else:
        pairs = _pair_rows(divergence, current)
    if "confidence" not in pairs:
        pairs["confidence"] = np.nan
    # A pair and its mirror are one divergence.
    first = [tuple(sorted([(str(a), str(ra)), (str(b), str(rb))])) for a, ra, b, rb in
             zip(pairs["outlet"], pairs["report_id"], pairs["other_outlet"], pairs["other_report_id"], strict=True)]
    key = pd.Series([f"{e}|{c}|{k}|{s}|{f}" for e, c, k, s, f in
                     zip(pairs["event_id"], pairs["claim_id"], pairs["kind"], pairs["subject"], first, strict=True)],
                    index=pairs.index)
    pairs = pairs.assign(_key=key).sort_values(["_key", "outlet"], kind="stable")
    return pairs.drop_duplicates("_key").drop(columns="_key").reset_index(drop=True)


def _pair_rows(divergence: pd.DataFrame, flagged: pd.DataFrame) -> pd.DataFrame:
    """Pairs from the per-outlet table: each flagged row with the other outlets' current rows of its group that
    state another value (an omission: with those that state the claim)."""
    group = ["event_id", "claim_id", "kind", "subject"]
    current = divergence[~divergence["superseded"].fillna(False).astype(bool)]
    stating = current[current["value"].notna() & (current["value"].astype(str) != "none")]
    other = stating[group + list(_SIDE)].rename(columns={c: f"other_{c}" for c in _SIDE})
    if len(flagged):
        omitted = flagged["kind"] == "omission"
        claims = stating[["event_id", "claim_id", "outlet", "report_id", "sent_idx", "evidence"]].drop_duplicates(
            ["event_id", "claim_id", "outlet"]).rename(columns={c: f"other_{c}" for c in _SIDE})
        pairs = pd.concat([
            flagged[~omitted].merge(other, on=group),
            flagged[omitted].merge(claims, on=["event_id", "claim_id"]).assign(other_value="states it"),
        ], ignore_index=True)
    else:
        pairs = flagged.assign(**{f"other_{c}": pd.Series(dtype="object") for c in _SIDE})
    says = {"claim": "says nothing of this claim", "perpetrator": "names no one who did it"}
    omission = pairs["kind"] == "omission"
    pairs.loc[omission, "value"] = pairs.loc[omission, "subject"].map(says).fillna("leaves it out")
    different = (pairs["other_outlet"] != pairs["outlet"]) & (pairs["other_value"].astype(str)
                                                               != pairs["value"].astype(str))
    return pairs[different]


def sample_divergences(divergence: pd.DataFrame, n: int = 100, seed: int = 0, sentences: pd.DataFrame | None = None,
                       events: pd.DataFrame | None = None) -> pd.DataFrame:
    """A coding sheet of ``n`` flagged pairs, stratified by kind (columns :data:`SHEET_COLUMNS`).

    ``sentences`` (``report_id, sent_idx, text``) gives each side's sentence; ``events`` (``event_id, label``)
    the event's name.
    """
    pairs = flagged_pairs(divergence)
    sizes = pairs.groupby("kind").size()
    quota = allocate(sizes.to_dict(), n)
    rng = np.random.default_rng(seed)
    chosen = []
    for kind in sorted(quota):
        rows = pairs[pairs["kind"] == kind]
        chosen.append(rows.iloc[np.sort(rng.permutation(len(rows))[: quota[kind]])])
    sheet = pd.concat(chosen, ignore_index=True) if chosen else pairs.iloc[:0]
    sheet = sheet.assign(flagged_in_kind=sheet["kind"].map(sizes).astype("int64"))
    sheet = sheet.iloc[rng.permutation(len(sheet))].reset_index(drop=True)  # kinds mixed: coders see no pattern
    sheet["item"] = np.arange(1, len(sheet) + 1)
    sheet["sentence"] = _sentences(sheet, "report_id", "sent_idx", sentences)
    sheet["other_sentence"] = _sentences(sheet, "other_report_id", "other_sent_idx", sentences)
    labels = dict(zip(events["event_id"], events["label"], strict=True)) if events is not None else {}
    sheet["event_label"] = sheet["event_id"].map(labels) if labels else pd.NA
    sheet["judgement"], sheet["note"] = "", ""
    return sheet[list(SHEET_COLUMNS)]


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """``n`` items shared as equally as possible among strata of ``sizes``; a stratum smaller than its share gives
    all it has and the rest is shared among the others (alphabetically first strata take the odd ones).

    >>> allocate({"count": 50, "date": 3, "place": 40}, 20)
    {'count': 9, 'date': 3, 'place': 8}
    """
    quota: dict[str, int] = {}
    remaining = sorted(sizes, key=lambda k: (sizes[k], k))
    left = min(n, sum(sizes.values()))
    while remaining:
        small = [k for k in remaining if sizes[k] * len(remaining) <= left]
        if not small:
            share, extra = divmod(left, len(remaining))
            quota.update({k: share + (i < extra) for i, k in enumerate(sorted(remaining))})
            break
        for k in small:
            quota[k] = sizes[k]
            left -= sizes[k]
            remaining.remove(k)
    return {k: quota.get(k, 0) for k in sorted(sizes)}


def _sentences(sheet: pd.DataFrame, report: str, index: str, sentences: pd.DataFrame | None) -> list:
    if sentences is None or sheet.empty:
        return [pd.NA] * len(sheet)
    text = {(str(r), int(s)): t for r, s, t in zip(sentences["report_id"], sentences["sent_idx"], sentences["text"],
                                                  strict=True)}
    return [text.get((str(r), int(s)), pd.NA) if not pd.isna(s) else pd.NA
            for r, s in zip(sheet[report], sheet[index], strict=True)]


def write_sheet(sheet: pd.DataFrame, out: str | Path, name: str = "validation-sheet") -> dict[str, Path]:
    """Write ``sheet`` as ``name.csv`` and a printable ``name.html`` under the folder ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"csv": out / f"{name}.csv", "html": out / f"{name}.html"}
    sheet.to_csv(paths["csv"], index=False)
    paths["html"].write_text(sheet_html(sheet), encoding="utf-8")
    return paths


def sheet_html(sheet: pd.DataFrame) -> str:
    """The sheet as a page to print and code by hand: one box per item, both sides and the boxes to tick."""
    boxes = " ".join(f"&#9744; {j}" for j in JUDGEMENTS)
    items = []
    for row in sheet.itertuples():
        sides = "".join(
            f"<tr><th>{_text(outlet)}</th><td class=v>{_text(value)}</td><td>{_marked(sentence, evidence)}"
            f"<div class=src>{_text(report)} · sentence {_text(index)}</div></td></tr>"
            for outlet, value, sentence, evidence, report, index in (
                (row.outlet, row.value, row.sentence, row.evidence, row.report_id, row.sent_idx),
                (row.other_outlet, row.other_value, row.other_sentence, row.other_evidence, row.other_report_id,
                 row.other_sent_idx)))
        event = _text(row.event_label) if not pd.isna(row.event_label) else f"event {row.event_id}"
        items.append(
            f"<section><h2>Item {row.item}: {_text(row.kind)} · {_text(row.subject)}</h2>"
            f"<p class=src>{event}, claim group {row.claim_id}</p><table>{sides}</table>"
            f"<p>Do the two outlets really disagree here? {boxes}</p><p>Note: ____________________________</p>"
            "</section>")
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>claimdiff validation sheet</title>'
        "<style>body{font-family:sans-serif;max-width:50rem;margin:1.5rem auto;font-size:11pt}"
        "section{border:1px solid #999;padding:.4rem .8rem;margin:0 0 1rem;page-break-inside:avoid}"
        "h2{font-size:11pt;margin:.2rem 0}table{border-collapse:collapse;width:100%}th{text-align:left;width:8rem;"
        "vertical-align:top}td{vertical-align:top;padding:.2rem .4rem}td.v{width:8rem;font-weight:bold}"
        ".src{color:#555;font-size:9pt}mark{background:#EEDD88}</style></head><body>"
        "<h1>Divergences to check</h1><p>For each item: do the two outlets give details that cannot both be true "
        "(real), or did claimdiff misread or mismatch them (not real)? Write the answer in the CSV's "
        "<code>judgement</code> column as <i>real</i>, <i>not real</i> or <i>unsure</i>.</p>"
        + "".join(items) + "</body></html>\n"
    )


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


def _marked(sentence, evidence) -> str:
    """The sentence, escaped, with the first occurrence of the evidence words marked."""
    if not isinstance(sentence, str):
        return "<i>(sentence not available)</i>"
    if isinstance(evidence, str) and evidence and evidence in sentence:
        at = sentence.index(evidence)
        return (html.escape(sentence[:at]) + f"<mark>{html.escape(evidence)}</mark>"
                + html.escape(sentence[at + len(evidence):]))
    return html.escape(sentence)


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default); ``(nan, nan)`` for ``n == 0``. None of 35 gives
    exactly 0 as its lower bound (not a rounding error above it), all of them exactly 1 as the upper.

    >>> wilson_interval(0, 35)[0], round(wilson_interval(0, 35)[1], 3), wilson_interval(35, 35)[1]
    (0.0, 0.099, 1.0)
    """
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (0.0 if successes == 0 else centre - half), (1.0 if successes == n else centre + half)


def read_sheet(path: str | Path) -> pd.DataFrame:
    """A coded sheet, its judgements checked: blank (not coded yet) or one of :data:`JUDGEMENTS`."""
    sheet = pd.read_csv(path, keep_default_na=False, dtype={"judgement": str})
    missing = {"item", "kind", "judgement"} - set(sheet.columns)
    if missing:
        raise ValueError(f"{path}: not a validation sheet (no {', '.join(sorted(missing))} column)")
    sheet["judgement"] = sheet["judgement"].str.strip().str.lower()
    wrong = sheet[~sheet["judgement"].isin(("",) + JUDGEMENTS)]
    if len(wrong):
        raise ValueError(f"{path}: item {wrong['item'].iloc[0]} has judgement {wrong['judgement'].iloc[0]!r}; "
                         f"write one of {', '.join(JUDGEMENTS)} (or leave it blank)")
    return sheet


def precision_by_kind(sheet: pd.DataFrame) -> pd.DataFrame:
    """Per kind: coded items, real, not real, unsure, precision (real / (real + not real)) and its Wilson 95%
    interval; a last row ``all`` weighs each kind's precision by its ``flagged_in_kind`` (the interval there is
    left empty: the strata's intervals do not combine into a Wilson one)."""
    rows = []
    for kind, group in sheet.groupby("kind", sort=True):
        counts = group["judgement"].value_counts()
        real, not_real, unsure = (int(counts.get(j, 0)) for j in JUDGEMENTS)
        low, high = wilson_interval(real, real + not_real)
        rows.append({"kind": kind, "coded": real + not_real + unsure, "real": real, "not_real": not_real,
                     "unsure": unsure, "precision": real / (real + not_real) if real + not_real else math.nan,
                     "low": low, "high": high,
                     "flagged_in_kind": int(group["flagged_in_kind"].iloc[0]) if "flagged_in_kind" in group else
                     len(group)})
    table = pd.DataFrame(rows, columns=["kind", "coded", "real", "not_real", "unsure", "precision", "low", "high",
                                        "flagged_in_kind"])
    scored = table.dropna(subset=["precision"])
    weighted = (np.average(scored["precision"], weights=scored["flagged_in_kind"]) if len(scored)
                and scored["flagged_in_kind"].sum() else math.nan)
    total = {"kind": "all", "precision": weighted, "low": math.nan, "high": math.nan,
             **{c: table[c].sum() for c in ("coded", "real", "not_real", "unsure", "flagged_in_kind")}}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def agreement(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Krippendorff's alpha (nominal) of two coders' judgements of the same items, per kind and over all: columns
    ``kind, items, alpha``. Items either coder left blank count as missing."""
    import krippendorff

    both = first[["item", "kind", "judgement"]].merge(second[["item", "judgement"]], on="item",
                                                      suffixes=("_1", "_2"))
    if len(both) < len(first) or len(both) < len(second):
        raise ValueError("the two sheets do not hold the same items: give two codings of one sheet")
    code = {j: i for i, j in enumerate(JUDGEMENTS)}
    rows = []
    for kind, group in [*both.groupby("kind", sort=True), ("all", both)]:
        data = np.array([group["judgement_1"].map(code), group["judgement_2"].map(code)], dtype=float)
        paired = int((~np.isnan(data)).all(axis=0).sum())
        values = set(data[~np.isnan(data)].tolist())
        alpha = (krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
                 if paired and len(values) > 1 else math.nan)
        rows.append({"kind": kind, "items": paired, "alpha": alpha})
    return pd.DataFrame(rows)


def score_sheets(first: str | Path | pd.DataFrame, second: str | Path | pd.DataFrame | None = None) -> dict:
    """``{"precision": ..., "alpha": ...}`` for a coded sheet (and a second coder's coding of it); precision is
    from the first sheet, alpha is None without a second."""
    sheets = [s if isinstance(s, pd.DataFrame) else read_sheet(s) for s in (first, second) if s is not None]
    return {"precision": precision_by_kind(sheets[0]),
            "alpha": agreement(*sheets) if len(sheets) == 2 else None}


def load_run(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    """``(divergence, sentences, events)`` from the output folder of ``figures`` (sentences and events where the
    folder has them), or from a divergence CSV or parquet file (sentences and events then None)."""
    path = Path(path)

    def read(stem: str, folder: Path) -> pd.DataFrame | None:
        for suffix, reader in ((".parquet", pd.read_parquet), (".csv", pd.read_csv)):
            if (folder / f"{stem}{suffix}").exists():
                return reader(folder / f"{stem}{suffix}")
        return None

    if path.is_dir():
        divergence = read("divergence", path)
        if divergence is None:
            raise FileNotFoundError(f"{path}: no divergence.parquet or divergence.csv; give the --out folder of "
                                    "`python -m claimdiff figures` or a divergence table")
        return divergence, read("sentences", path), read("events", path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    divergence = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    return divergence, None, None
