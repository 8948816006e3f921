"""The sides of labels that name no actor ("rebels", "a terrorist attack"; side "unresolved ..."), for
:mod:`.labels`: the words of acts apart from those for a party, and one flag for an outlet's clash in both."""

from __future__ import annotations

import pandas as pd

from ..details.actors import ACT, UNRESOLVED
from .core import no_clash


def acts_apart(labels: pd.DataFrame) -> pd.DataFrame:
    """Unresolved labels that call an act by their word ("a terrorist attack", role "act") on a side of their own,
    where the outlet has unresolved words for a party in the event too: an outlet that calls a bombing terrorist and
    another that calls fighters rebels need not speak of one party. Where the act's word is the outlet's only word
    for the doers ("Army foils terrorist attack", the rest in the ministry's words), it stands for them.

    >>> labels = pd.DataFrame({"event_id": 0, "outlet": ["a", "a", "b"], "role": ["act", "agent", "act"],
    ...                        "side": "unresolved non-state"})
    >>> acts_apart(labels)["side"].tolist()
    ['unresolved act', 'unresolved non-state', 'unresolved non-state']
    """
    if "role" not in labels:
        return labels
    act = labels["role"].eq(ACT).fillna(False).astype(bool) & labels["side"].str.startswith(UNRESOLVED)
    keys = list(zip(labels["event_id"], labels["outlet"], labels["side"], strict=True))
    words = {key for key, is_act in zip(keys, act, strict=True) if not is_act}
    apart = [is_act and key in words for key, is_act in zip(keys, act, strict=True)]
    return labels.assign(side=labels["side"].where(~pd.Series(apart, index=labels.index), UNRESOLVED + " act"))


def one_unnamed_clash(rows: pd.DataFrame) -> pd.DataFrame:
    """An outlet's clash in the words of acts (side "unresolved act") and in its words for the unnamed party is one
    choice of words, flagged once: by the surer of the two rows, the other kept as agreeing; where they are as sure,
    by the act's (the word for the doers of this incident's act, "rebel shelling" against "terrorist rocket
    attacks", where the party's words are as weak as words in passing, "clashes between ... opposition forces").

    >>> rows = pd.DataFrame({"event_id": 0, "outlet": ["a", "a", "b"], "agrees": False, "confidence": [0.2, 0.4, 0.2],
    ...                      "side": ["unresolved act", "unresolved non-state", "unresolved act"]})
    >>> one_unnamed_clash(rows)["agrees"].tolist()
    [True, False, False]
    >>> one_unnamed_clash(rows.assign(confidence=0.2))["agrees"].tolist()
    [False, True, False]
    """
    if rows.empty:
        return rows
    sure = rows["confidence"].fillna(0.0) if "confidence" in rows else pd.Series(0.0, index=rows.index)
    clashing = {}
    for side in ("non-state", "act"):
        mine = rows["side"].eq(f"{UNRESOLVED} {side}") & rows["agrees"].eq(False)
        clashing[side] = dict(zip(zip(rows.loc[mine, "event_id"], rows.loc[mine, "outlet"], strict=True),
                                  sure[mine], strict=True))
    keys = list(zip(rows["event_id"], rows["outlet"], strict=True))
    twice = pd.Series([
        (side == UNRESOLVED + " act" and key in clashing["non-state"] and clashing["non-state"][key] > sure_of)
        or (side == UNRESOLVED + " non-state" and key in clashing["act"] and clashing["act"][key] >= sure_of)
        for side, key, sure_of in zip(rows["side"], keys, sure, strict=True)], index=rows.index)
    twice &= rows["agrees"].eq(False).fillna(False).astype(bool)
    rows = rows.assign(agrees=rows["agrees"].where(~twice, True))
    for column, empty in no_clash().items():
        if column in rows:
            rows[column] = rows[column].where(~twice, empty)
    return rows.drop(columns="side")
