"""Qualified sources: an outlet that sets itself apart from a source it cites ("the so-called Syrian Observatory
for Human Rights", "the opposing UK-based Syrian Observatory": :mod:`claimdiff.details.qualifiers`) where another
outlet cites the same source plainly ("the Britain-based Syrian Observatory for Human Rights") takes a stance the
other does not: a ``label`` divergence, flagged for the outlet that qualifies the source only. The plain name is
no choice of words (every outlet has to call the source something), the qualifier is.

One row per event, outlet and source (the ``subject`` of the qualifier rows, a normalised source such as
"monitor"): the outlet's qualifiers as ``value``, and the other side the first outlet (by name) that cites the same
source without one (an ``attribution`` row of that value). Where every outlet citing the source qualifies it, the
row agrees. Qualifiers in what another is reported to say ("state media said the so-called Observatory ...") are not
the outlet's, as with labels (:func:`.labels.retold`), and background sentences are left out before this is called.

>>> members = pd.DataFrame({"event_id": 0, "claim_id": [0, 1], "report_id": ["a", "b"], "sent_idx": 0,
...                         "outlet": ["alalam", "ahram"], "published": pd.NaT})
>>> details = pd.DataFrame({"report_id": ["a", "a", "b"], "sent_idx": 0, "kind": ["label", "attribution",
...                         "attribution"], "subject": ["monitor", "monitor", "monitor"],
...                         "value": ["so-called", "monitor", "monitor"], "role": ["qualifier", None, None],
...                         "text": ["so-called Syrian Observatory", "The so-called Syrian Observatory said",
...                                  "The Britain-based Syrian Observatory said"]})
>>> event_qualifiers(members, details)[["outlet", "value", "agrees", "other_outlet"]].values.tolist()
[['alalam', 'so-called', False, 'ahram']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..details.qualifiers import QUALIFIER
from .core import active, no_clash
from .labels import retold

_KEYS = ["report_id", "sent_idx"]


def qualifier_rows(details: pd.DataFrame) -> pd.Series:
    """Which rows of ``details`` are qualifiers of sources (compared here, not with the labels of parties)."""
    if "role" not in details:
        return pd.Series(False, index=details.index)
    return (details["kind"].eq("label") & details["role"].eq(QUALIFIER)).fillna(False).astype(bool)


def event_qualifiers(members: pd.DataFrame, details: pd.DataFrame) -> pd.DataFrame:
    """Rows of outlets that qualify a source other outlets cite plainly (see the module docstring)."""
    columns = ["event_id", "outlet", "published"]
    in_event = members[_KEYS + columns].drop_duplicates(_KEYS)
    mine = details[qualifier_rows(details)]
    if "source" in mine:  # a qualifier in what another is reported to say is theirs (see .labels.retold)
        mine = mine[mine["source"].map(lambda source: pd.isna(source) or retold(source)).astype(bool)]
    qualified = mine[_KEYS + ["subject", "value", "text"]].merge(in_event, on=_KEYS)
    if qualified.empty:
        return pd.DataFrame()
    cited = details[details["kind"].eq("attribution") & details["value"].isin(set(qualified["subject"]))]
    cited = cited[_KEYS + ["value", "text"]].merge(in_event, on=_KEYS)
    qualifying = set(zip(qualified["event_id"], qualified["outlet"], qualified["subject"], strict=True))
    rows = []
    for (event_id, outlet, subject), group in qualified.groupby(["event_id", "outlet", "subject"], sort=True):
        plain = cited[cited["event_id"].eq(event_id) & cited["value"].eq(subject)]
        plain = plain[~plain["outlet"].map(lambda o, e=event_id, s=subject: (e, o, s) in qualifying).astype(bool)]
        plain = plain.sort_values(["outlet", "report_id", "sent_idx"], kind="stable")
        first = group.sort_values(_KEYS, kind="stable").iloc[0]
        row = {"event_id": event_id, "claim_id": -1, "kind": "label", "subject": subject, "outlet": outlet,
               "value": "; ".join(sorted(set(group["value"]))), "low": np.nan, "high": np.nan,
               "evidence": " | ".join(dict.fromkeys(group["text"])), "report_id": first["report_id"],
               "sent_idx": first["sent_idx"], "published": first["published"], "superseded": False,
               "agrees": plain.empty, "score": float(not plain.empty), **no_clash()}
        if not plain.empty:
            other = plain.iloc[0]
            row.update(other_outlet=other["outlet"], other_report_id=other["report_id"],
                       other_evidence=other["text"], other_value=subject,
                       confidence=active().wording_confidence)
        rows.append(row)
    return pd.DataFrame(rows)
