"""Hand-made report and claim tables of one event told by three outlets on one day, shared by the omission tests."""

import pandas as pd

SAME_DAY = {"a": "2024-04-19 09:00", "b": "2024-04-19 10:00", "c": "2024-04-19 11:00"}
OUTLETS = {"a": "wire", "b": "agency", "c": "blog"}


def reports_table():
    return pd.DataFrame({"id": list(SAME_DAY), "published": pd.to_datetime(list(SAME_DAY.values()))})


def claims_of(sentences):
    """sentences: (claim_id, report_id, sent_idx, text); every report in event 0."""
    table = pd.DataFrame(sentences, columns=["claim_id", "report_id", "sent_idx", "text"])
    return table.assign(event_id=0, outlet=table["report_id"].map(OUTLETS), similarity=0.9)
