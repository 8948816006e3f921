"""Qualified sources: an outlet calling a monitor "so-called" or "opposing" where another cites it plainly is flagged,
the plain outlet is not; a qualifier in words the outlet reports from a party is not the outlet's."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.divergence import compare_details

TEXTS = {
    "a": "Twelve people were killed in the shelling, the so-called Syrian Observatory for Human Rights said.",
    "b": "Twelve people were killed in the shelling, the Britain-based Syrian Observatory for Human Rights said.",
    "c": "Twelve people were killed in the shelling, the UK-based Syrian Observatory for Human Rights said.",
}
OUTLETS = {"a": "alalam", "b": "ahram", "c": "arabiya"}


def divergence_of(texts):
    ids = list(texts)
    reports = pd.DataFrame({"id": ids, "outlet": [OUTLETS[i] for i in ids], "title": "",
                            "text": [texts[i] for i in ids], "published": pd.Timestamp("2017-04-16")})
    sentences = pd.DataFrame({"report_id": ids, "sent_idx": 0, "text": [texts[i] for i in ids], "start": 0,
                              "end": [len(texts[i]) for i in ids]})
    claims = pd.DataFrame({"claim_id": 0, "event_id": 0, "report_id": ids, "sent_idx": 0,
                           "outlet": [OUTLETS[i] for i in ids], "text": [texts[i] for i in ids], "similarity": 0.9})
    table = compare_details(reports, claims, extract_details(reports, sentences))
    return table[(table["kind"] == "label") & (table["subject"] == "monitor")]


def test_the_outlet_that_calls_the_monitor_so_called_is_flagged_and_the_plain_ones_are_not():
    rows = divergence_of(TEXTS)
    assert rows["outlet"].tolist() == ["alalam"]
    row = rows.iloc[0]
    assert not row["agrees"] and row["value"] == "so-called" and row["other_outlet"] in ("ahram", "arabiya")
    assert "so-called Syrian Observatory" in row["evidence"]


def test_every_outlet_citing_the_monitor_plainly_gives_no_flag():
    rows = divergence_of({"b": TEXTS["b"], "c": TEXTS["c"]})
    assert rows.empty


def test_an_outlet_alone_in_qualifying_a_monitor_nobody_else_cites_agrees():
    texts = {"a": TEXTS["a"], "b": "Twelve people were killed in the shelling on Sunday."}
    rows = divergence_of(texts)
    assert rows["agrees"].tolist() == [True]

