"""Whom each outlet cites for the event's toll (rows of kind ``attribution``, subject ``source of the toll``,
``claim_id`` -1): the sources named in its latest report's headline toll sentence (:func:`.core.headline_counts`),
by type (monitor, official, media, activist, ...), or else in the sentence after it, compared outlet against
outlet over the whole event. An
outlet that gives the toll with no source says something different from one that cites the ministry. Sources of
other sentences (a quote, a background remark) are not compared: they are not the key facts a researcher cites.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "text": ["9 killed, the monitor said", "37 killed"], "published": pd.NaT})
>>> details = pd.DataFrame({"report_id": ["a", "a", "b"], "sent_idx": 0, "kind": ["count", "attribution", "count"],
...                         "subject": ["killed", "monitor", "killed"], "value": ["9", "monitor", "37"],
...                         "text": ["9", "the monitor said", "37"], "group": ["killed", None, "killed"]})
>>> rows = toll_sources(members, details)
>>> [(r["outlet"], r["value"], r["agrees"], r["other_value"]) for r in rows]
[('x', 'monitor', False, 'none'), ('y', 'none', False, 'monitor')]
"""

from __future__ import annotations

from itertools import groupby

import numpy as np
import pandas as pd

from .comparers import COMPARERS, compare_pairwise
from .compatible import spread
from .core import grouped_records, headline_sentences

SUBJECT = "source of the toll"


def _sources_of(by_sentence: dict, member: dict) -> list[dict]:
    """The sources of a toll sentence: those it names, else those of the sentence after it ("... were killed on
    Tuesday. The toll was given by the Observatory.")."""
    report_id, sent_idx = member["report_id"], member["sent_idx"]
    return by_sentence.get((report_id, sent_idx)) or by_sentence.get((report_id, sent_idx + 1), [])


def toll_sources(members: pd.DataFrame, details: pd.DataFrame) -> list[dict]:
    """One attribution row per outlet and event that gives a toll; ``details`` as extracted (attribution rows keep
    their type as ``subject``)."""
    headline = headline_sentences(details)
    keys = ["report_id", "sent_idx"]
    stating = members[[k in headline for k in zip(members["report_id"], members["sent_idx"], strict=True)]]
    if stating.empty:
        return []
    latest = stating.groupby(["event_id", "outlet"])["published"].transform("max")
    stating = stating[stating["published"].eq(latest) | latest.isna()].drop_duplicates(keys + ["event_id"])
    cited = details[details["kind"] == "attribution"]
    by_sentence: dict[tuple, list[dict]] = {}
    for row in cited.to_dict("records"):
        by_sentence.setdefault((row["report_id"], row["sent_idx"]), []).append(row)
    counted = details[(details["kind"] == "count") & details.get("source", pd.Series(np.nan, index=details.index))
                      .notna()] if "source" in details else details.iloc[0:0]
    for row in counted.to_dict("records"):
        by_sentence.setdefault((row["report_id"], row["sent_idx"]), []).append(
            {"subject": row["source"], "value": row["source"], "text": row["source"]})
    rows = []
    by_outlet = grouped_records(stating.sort_values(["outlet", "sent_idx"], kind="stable"), ["event_id", "outlet"])
    for event_id, group in groupby(by_outlet, key=lambda item: item[0][0]):
        outlet_rows = []
        for (_, outlet), mine in group:
            named = [d for m in mine for d in _sources_of(by_sentence, m)]
            first = mine[0]
            outlet_rows.append({
                "event_id": event_id, "claim_id": -1, "kind": "attribution", "subject": SUBJECT, "outlet": outlet,
                "value": "; ".join(dict.fromkeys(d["value"] for d in named)) if named else "none",
                "low": np.nan, "high": np.nan,
                "evidence": " | ".join(dict.fromkeys(d["text"] for d in named)) if named else first["text"],
                "report_id": first["report_id"], "sent_idx": first["sent_idx"], "published": first["published"],
                "superseded": False, "values": frozenset(d["subject"] for d in named),
            })
        if len(outlet_rows) < 2 or not any(row["values"] for row in outlet_rows):
            continue  # no outlet names a source: nothing to compare
        compare_pairwise(outlet_rows, COMPARERS["attribution"])
        score = spread("attribution", outlet_rows, COMPARERS["attribution"].compatible)
        rows.extend({**{k: v for k, v in row.items() if k != "values"}, "score": score} for row in outlet_rows)
    return rows
