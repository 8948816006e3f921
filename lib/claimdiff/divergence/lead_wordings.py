"""Wordings of acts across leads: an outlet that heads its report "Dozens martyred in ... attack" chooses its word for
the incident's deaths as surely as one that writes "martyred" in a sentence another outlet shares, but a title rarely
shares a claim group with another outlet's sentence, and the wordings of acts are compared within claim groups
(:mod:`.labels`). Here each outlet's wordings of an act in the leads of its reports on the event (the title and the
first sentences, :data:`.labels.LEAD_SENTENCES`: what they tell is the incident) are compared with those of every
other outlet, by the word each chooses (:func:`~claimdiff.details.wordings.chosen_wordings`: "martyred" beside
"killed" is "martyred"), at ``in_passing_share`` of the confidence: a lead's verb may still tell of other deaths. Words
in quotes or in what a party, its media or officials say (:func:`.labels.retold`) are not the outlet's. One row per
outlet and act, only for outlets whose wordings of the act clash in no claim group already (a choice of words is
flagged once); an outlet that writes only the neutral word ("killed") makes no choice, and its row agrees: the
outlet with the loaded word is the one that differs."""

from __future__ import annotations

import pandas as pd

from ..details.actors import QUOTED
from ..details.wordings import acts, chosen_wordings, neutral_wordings
from .comparers import Comparer, compare_pairwise
from .core import active, grouped_records, no_clash
from .labels import LEAD_SENTENCES, retold
from .stances import label_clash


def _lead_clash(a: dict, b: dict) -> float:
    return round(label_clash(a, b) * active().in_passing_share, 2)


_LEAD_COMPARER = Comparer("label", _lead_clash)


def lead_wordings(members: pd.DataFrame, details: pd.DataFrame, rows: list[dict]) -> list[dict]:
    """Rows (kind "label", ``claim_id`` -1, subject the act) of the outlets' wordings of acts in their leads, see the
    module docstring; ``rows``: the claim groups' rows, whose clashing outlets and acts are left out.

    >>> members = pd.DataFrame({"report_id": ["r", "s"], "sent_idx": 0, "event_id": 0, "outlet": ["a", "b"],
    ...                         "published": pd.NaT})
    >>> details = pd.DataFrame({"report_id": ["r", "s"], "sent_idx": 0, "kind": "label", "subject": "killing",
    ...                         "value": ["martyr", "kill"], "text": ["martyred", "killed"]})
    >>> [(r["outlet"], r["agrees"], r["confidence"]) for r in lead_wordings(members, details, [])]
    [('a', False, 0.25), ('b', True, nan)]
    """
    wordings = details[details["kind"].eq("label") & details["subject"].isin(acts())
                       & (details["sent_idx"] < LEAD_SENTENCES)]
    if "role" in wordings:
        wordings = wordings[wordings["role"].ne(QUOTED).fillna(True).astype(bool)]
    if "source" in wordings:
        wordings = wordings[wordings["source"].map(lambda source: pd.isna(source) or retold(source)).astype(bool)]
    wordings = wordings.merge(members[["report_id", "sent_idx", "event_id", "outlet", "published"]].drop_duplicates(
        ["report_id", "sent_idx"]), on=["report_id", "sent_idx"])
    if wordings.empty:
        return []
    clashing = {(r["event_id"], r["outlet"], r["subject"]) for r in rows
                if r.get("kind") == "label" and r.get("agrees") is False}
    wordings = wordings.sort_values(["published", "report_id", "sent_idx"], kind="stable")
    found = []
    by_act: dict = {}
    for (event_id, subject, outlet), group in grouped_records(wordings, ["event_id", "subject", "outlet"]):
        by_act.setdefault((event_id, subject), []).append((outlet, group))
    for (event_id, subject), outlets in by_act.items():
        if len(outlets) < 2:
            continue
        act_rows = [_row(event_id, subject, outlet, group) for outlet, group in outlets]
        compare_pairwise(act_rows, _LEAD_COMPARER)
        for row in act_rows:  # the unmarked word is no choice: the outlet with the loaded one differs
            if not chosen_wordings(row["values"]) - neutral_wordings():
                row.update(agrees=True, **no_clash())
        found.extend({**{k: v for k, v in row.items() if k != "values"}, "score": 0.0 if row["agrees"] else 1.0}
                     for row in act_rows if (event_id, row["outlet"], subject) not in clashing)
    return found


def _row(event_id, subject: str, outlet: str, group: list[dict]) -> dict:
    """The row of an outlet's wordings of one act (``group``, earliest first), at the first of the words it chooses
    (:func:`~claimdiff.details.wordings.chosen_wordings`): its report is the one compared (a report that tells of
    another incident is not, :func:`.comparers.compare_pairwise`)."""
    values = frozenset(d["value"] for d in group)
    chosen = chosen_wordings(values)
    at = next(d for d in group if d["value"] in chosen)
    return {"event_id": event_id, "claim_id": -1, "kind": "label", "subject": subject, "outlet": outlet,
            "value": "; ".join(sorted(values)), "low": float("nan"), "high": float("nan"),
            "evidence": " | ".join(dict.fromkeys(str(d["text"]) for d in group)), "report_id": at["report_id"],
            "sent_idx": at["sent_idx"], "published": at["published"], "superseded": False, "values": values}
