"""The hedge rows one event's reports give, read from text through the details and divergence stages: shared by
the tests of the event-wide hedge comparisons (who did it, what happened, the toll as a whole)."""

from __future__ import annotations

import pandas as pd

import claimdiff
from claimdiff.details import DetailSettings, extract_details
from claimdiff.divergence import compare_details


def hedge_rows(texts: dict[str, str], subject: str, published: str) -> pd.DataFrame:
    """The ``hedge`` rows of ``subject`` for one event whose reports (one per outlet, named by its key) are
    ``texts``, indexed by outlet; every sentence is a claim of its own, so only the event-wide comparison sees the
    reports together."""
    reports = pd.DataFrame({"id": list(texts), "outlet": list(texts), "text": list(texts.values()),
                            "published": pd.Timestamp(published)})
    sentences = claimdiff.split_sentences(reports)
    details = extract_details(reports, sentences, settings=DetailSettings(workers=1))
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=range(len(sentences)), event_id=0, similarity=0.9, outlet=sentences["report_id"])
    divergence = compare_details(reports, claims, details)
    return divergence[(divergence["kind"] == "hedge") & (divergence["subject"] == subject)].set_index("outlet")
