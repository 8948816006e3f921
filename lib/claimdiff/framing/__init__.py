"""Framing: how each outlet names the same actors, and which words set it apart, on the events all compared covered.

    labels = label_table(details, reports, outlets, by="outlet")      # or by="kind"
    words = log_odds(reports, assignments, outlets, by="kind")        # one group against the rest, shared events

- :func:`label_table` (columns :data:`LABEL_TABLE`): for each actor the details stage resolved, the labels each
  outlet or outlet kind uses for it ("terrorists", "militants", "rebels"), with counts, shares and 95% bootstrap
  intervals over reports (:mod:`claimdiff.framing.labels`).
- :func:`log_odds` (columns :data:`LOG_ODDS`): weighted log-odds ratios with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008) of words and short phrases, each group against all the others, any number of
  groups, with z-scores; only on the events the group and the others both covered
  (:mod:`claimdiff.framing.logodds`).
- :func:`framing_tables` runs both for a corpus, by outlet and by outlet kind.

>>> import pandas as pd
>>> details = pd.DataFrame({"report_id": ["a", "b"], "kind": ["label", "label"], "subject": ["ISIS", "ISIS"],
...                         "value": ["terrorists", "militants"], "text": ["terrorists", "militants"]})
>>> reports = pd.DataFrame({"id": ["a", "b"], "outlet": ["sna", "wire"]})
>>> label_table(details, reports)[["group", "label", "share"]].values.tolist()
[['sna', 'terrorists', 1.0], ['wire', 'militants', 1.0]]
"""

from __future__ import annotations

import pandas as pd

from claimdiff.framing.labels import (
    LABEL_TABLE,
    MENTIONS,
    label_mentions,
    label_shares,
    label_table,
    require_label_inputs,
    unresolved_share,
)
from claimdiff.framing.logodds import (
    LOG_ODDS,
    excluded,
    fightin_words,
    log_odds,
    require_log_odds_inputs,
    shared_events,
    terms,
)

__all__ = ["LABEL_TABLE", "LOG_ODDS", "MENTIONS", "excluded", "fightin_words", "framing_tables", "label_mentions",
           "label_shares", "label_table", "log_odds", "shared_events", "terms", "unresolved_share"]


def framing_tables(reports: pd.DataFrame, details: pd.DataFrame, outlets: pd.DataFrame,
                   assignments: pd.DataFrame | None = None, event_column: str | None = None,
                   **log_odds_settings) -> dict[str, pd.DataFrame]:
    """The framing tables of a corpus, by name: ``labels-by-outlet``, ``labels-by-kind``, ``log-odds-by-outlet``,
    ``log-odds-by-kind`` (the log-odds tables on the events of ``assignments`` or ``event_column``; terms made
    of the outlets' names and keys are left out, see :func:`log_odds`). Tables without the columns read raise
    :class:`claimdiff.schema.SchemaError`."""
    require_label_inputs(details, reports, "framing_tables")
    require_log_odds_inputs(reports, assignments, "framing_tables")
    names = [str(v) for column in ("outlet", "name") if column in outlets for v in outlets[column]]
    log_odds_settings.setdefault("exclude", names)
    tables = {
        "labels-by-outlet": label_table(details, reports, outlets, by="outlet"),
        "labels-by-kind": label_table(details, reports, outlets, by="kind"),
    }
    for by in ("outlet", "kind"):
        tables[f"log-odds-by-{by}"] = log_odds(reports, assignments, outlets, by=by, event_column=event_column,
                                               **log_odds_settings)
    return tables
