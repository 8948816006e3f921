"""Annotated concept mentions (NewsWCL50) and how well actor merging matches them, by mention pairs.

NewsWCL50 annotates, per event, which phrases refer to the same concept: ``0_USA_Trump_ACTOR`` groups
"President Trump", "Mr. Trump", "the president", … in the five reports of event 0. :func:`newswcl50_concepts`
reads these chains from ``NewsWCL50.conll`` with character offsets into the reports that
``claimdiff.datasets.load_newswcl50`` rebuilds, so that a detected mention can be matched to an annotated one.

:func:`pair_scores` compares two groupings of the same mentions by their pairs: a pair is merged when both
mentions have the same actor (predicted) or the same concept (gold); precision is the share of predicted merged
pairs that are gold merged pairs, recall the share of gold merged pairs that are predicted.

>>> gold = ["trump", "trump", "trump", "kim"]
>>> pair_scores(["Trump", "Trump", "other", "other"], gold)
{'pairs_predicted': 2, 'pairs_gold': 3, 'pairs_both': 1, 'precision': 0.5, 'recall': 0.3333333333333333, 'f1': 0.4}
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from claimdiff.schema import (
    CONCEPTS,  # the columns this stage makes, written in claimdiff.schema
    conform,
    require,
)

# Concept types of NewsWCL50 that are actors (people, groups, countries), not events, objects or properties.
ENTITY_TYPES = ("ACTOR", "ACTOR-I", "GROUP", "COUNTRY")
_NEWLINE = "\\n"



def newswcl50_concepts(path: str | Path, reports: pd.DataFrame) -> pd.DataFrame:
    """Every annotated concept mention of ``NewsWCL50.conll`` in ``path``: columns :data:`CONCEPTS`.

    ``reports`` is ``load_newswcl50(path)``. Tokens are found in order in the report text; a mention whose first
    or last token cannot be found (none in the dataset as of 2026-11-30) raises an error rather than being
    dropped silently.
    """
    require(reports, "reports", "newswcl50_concepts", columns=["id", "text"])
    conll = Path(path) / "NewsWCL50.conll"
    text_of = dict(zip(reports["id"], reports["text"], strict=True))
    rows = []
    for doc_key, tokens in _documents(conll).items():
        event, _, report_id = doc_key.partition("/-/")
        if report_id not in text_of:
            raise ValueError(f"{conll}: document {report_id} is not in the reports given")
        text = text_of[report_id]
        spans = _align([token for token, _ in tokens], text, report_id)
        open_at: dict[str, list[int]] = {}
        for i, (_, coref) in enumerate(tokens):
            for mark in (m.strip() for m in coref.split("|")):
                if not mark or mark == "-":
                    continue
                name = mark.strip("()")
                if mark.startswith("("):
                    open_at.setdefault(name, []).append(i)
                if mark.endswith(")"):
                    first = open_at[name].pop() if open_at.get(name) else i
                    start, end = spans[first][0], spans[i][1]
                    rows.append({"report_id": report_id, "event": event, "concept": name,
                                 "concept_type": name.rsplit("_", 1)[-1], "text": text[start:end],
                                 "start": start, "end": end})
    table = conform(pd.DataFrame(rows, columns=list(CONCEPTS)), CONCEPTS)
    return table.sort_values(["report_id", "start", "end", "concept"], kind="stable", ignore_index=True)


def _documents(conll: Path) -> dict[str, list[tuple[str, str]]]:
    """``(token, coref)`` of each document, newline tokens and blank tokens left out (as the loader does)."""
    documents: dict[str, list[tuple[str, str]]] = {}
    with conll.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(fields) < 4:
                continue
            token = fields[3].strip()
            coref = fields[4].strip() if len(fields) > 4 else "-"
            if token and token != _NEWLINE:
                documents.setdefault(fields[0], []).append((token, coref))
            elif coref not in ("", "-"):
                # a mention that starts or ends on a newline token keeps its mark on a neighbour
                documents.setdefault(fields[0], []).append(("", coref))
    return documents


_QUOTES = {"``": '"', "''": '"', "`": "'", "-LRB-": "(", "-RRB-": ")"}


def _align(tokens: list[str], text: str, report_id: str) -> list[tuple[int, int]]:
    """Character span of each token in ``text``, searching forward; an empty token gets an empty span."""
    spans, position = [], 0
    for token in tokens:
        if not token:
            spans.append((position, position))
            continue
        for form in (token, _QUOTES.get(token, token), token.replace("``", '"').replace("''", '"')):
            found = text.find(form, position)
            if found != -1 and found - position < 40:
                spans.append((found, found + len(form)))
                position = found + len(form)
                break
        else:
            raise ValueError(f"NewsWCL50 report {report_id}: token {token!r} not found after offset {position}")
    return spans


def match_mentions(found: pd.DataFrame, concepts: pd.DataFrame) -> pd.DataFrame:
    """Each found mention (``report_id, start, end``) with the annotated mention it overlaps most (ties: the
    shorter one, then the first), as columns ``concept, event, gold_text``; found mentions that overlap none are
    left out.

    >>> gold = pd.DataFrame({"report_id": ["r", "r"], "concept": ["0_A", "0_B"], "event": ["0", "0"],
    ...                      "text": ["the army", "army"], "start": [0, 4], "end": [8, 8]})
    >>> found = pd.DataFrame({"report_id": ["r", "r"], "text": ["army", "x"], "start": [4, 20], "end": [8, 21]})
    >>> match_mentions(found, gold)[["text", "concept", "gold_text"]].values.tolist()
    [['army', '0_B', 'army']]
    """
    gold = concepts.reset_index(drop=True)[["report_id", "start", "end", "concept", "event", "text"]]
    gold = gold.rename(columns={"start": "gold_start", "end": "gold_end", "text": "gold_text"})
    pairs = found.reset_index(drop=True).rename_axis("_row").reset_index()[["_row", "report_id", "start", "end"]]
    pairs = pairs.merge(gold.rename_axis("_gold").reset_index(), on="report_id")
    pairs["overlap"] = (np.minimum(pairs["end"], pairs["gold_end"]) - np.maximum(pairs["start"], pairs["gold_start"]))
    pairs = pairs[pairs["overlap"] > 0]
    pairs = pairs.assign(length=pairs["gold_end"] - pairs["gold_start"]).sort_values(
        ["_row", "overlap", "length", "_gold"], ascending=[True, False, True, True])
    best = pairs.drop_duplicates("_row").set_index("_row")[["concept", "event", "gold_text"]]
    matched = found.reset_index(drop=True).join(best, how="inner")
    return matched.reset_index(drop=True)[[*found.columns, "concept", "event", "gold_text"]]


def pair_scores(predicted: list, gold: list, within: list | None = None) -> dict[str, float]:
    """Precision, recall and F1 of the merged pairs of ``predicted`` against ``gold`` (aligned lists of the
    actor and the concept of each mention); with ``within`` (a list of the same length, such as the event of
    each mention), only pairs of mentions with the same ``within`` count. Empty pair sets give NaN scores.

    >>> pair_scores(["a", "a", "a"], ["x", "x", "x"], within=[0, 0, 1])["pairs_gold"]
    1
    """
    if len(predicted) != len(gold) or (within is not None and len(within) != len(gold)):
        raise ValueError("predicted, gold (and within) must give one label per mention each")
    if within is not None:
        predicted = list(zip(within, predicted, strict=True))
        gold = list(zip(within, gold, strict=True))
    both = Counter(zip(predicted, gold, strict=True))
    n_pred = sum(n * (n - 1) // 2 for n in Counter(predicted).values())
    n_gold = sum(n * (n - 1) // 2 for n in Counter(gold).values())
    n_both = sum(n * (n - 1) // 2 for n in both.values())
    precision = n_both / n_pred if n_pred else float("nan")
    recall = n_both / n_gold if n_gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if n_pred and n_gold and n_both else (
        0.0 if n_pred and n_gold else float("nan"))
    return {"pairs_predicted": n_pred, "pairs_gold": n_gold, "pairs_both": n_both, "precision": precision,
            "recall": recall, "f1": f1}


_DETERMINER = r"^(?:the|a|an|this|these|that|those|its|their|his|her|our)\s+"


def concept_labels(concepts: pd.DataFrame, reports: pd.DataFrame, types=ENTITY_TYPES) -> pd.DataFrame:
    """The annotated mentions of actor concepts as a label-mention table for ``claimdiff.framing.label_shares``:
    ``report_id, outlet, actor, label, text``. ``actor`` is the concept without its event prefix
    (``USA_Trump_ACTOR``: the same person across events); ``label`` the mention lower-cased, without a leading
    determiner ("the caravan" -> "caravan").

    >>> concepts = pd.DataFrame({"report_id": ["6_LL"], "concept": ["6_Migrant_caravan_GROUP"],
    ...                          "concept_type": ["GROUP"], "text": ["The caravan"]})
    >>> concept_labels(concepts, pd.DataFrame({"id": ["6_LL"], "outlet": ["LL"]}))[["actor", "label"]].values.tolist()
    [['Migrant_caravan_GROUP', 'caravan']]
    """
    from claimdiff.framing.labels import MENTIONS

    chosen = concepts[concepts["concept_type"].isin(list(types))]
    label = chosen["text"].str.lower().str.replace(r"\s+", " ", regex=True).str.replace(_DETERMINER, "", regex=True)
    table = pd.DataFrame({
        "report_id": chosen["report_id"],
        "outlet": chosen["report_id"].map(reports.set_index("id")["outlet"]),
        "actor": chosen["concept"].str.split("_", n=1).str[1],
        "label": label.str.strip(),
        "text": chosen["text"],
    })
    return conform(table, MENTIONS)
