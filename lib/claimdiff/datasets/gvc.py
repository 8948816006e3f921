"""GVC, the Gun Violence Corpus (Vossen et al. 2018): 510 local US news texts about 241 shooting incidents."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from claimdiff.datasets._common import finish, require_file, tidy_whitespace

_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[0-9]+[a-z_]*/(?P<url>.+)$")

EXTRA = {
    "gold_event": "str",
    "split": "str",
    "gold_killed": "Int64",
    "gold_injured": "Int64",
    "incident_date": "datetime64[ns]",
    "state": "str",
    "city_or_county": "str",
    "archive_url": "str",
}


def _original_url(archive_url: str) -> str:
    match = _ARCHIVED.match(archive_url or "")
    return match["url"] if match else archive_url


def _splits(folder: Path) -> pd.DataFrame:
    """Incident id -> train/dev/test, from the header-less ``row,event-id`` csvs."""
    parts = []
    for split in ("train", "dev", "test"):
        csv = require_file(folder, f"{split}.csv", "gvc")
        frame = pd.read_csv(csv, header=None, names=["row", "gold_event"], dtype=str)
        parts.append(frame.assign(split=split)[["gold_event", "split"]])
    return pd.concat(parts, ignore_index=True)


def load_gvc(path: str | Path) -> pd.DataFrame:
    """Read the 510 GVC documents with their gold incident and the incident's Gun Violence Archive record.

    One row per document, with the ``schema.REPORTS`` columns and then:

    - ``gold_event`` (str): the GVA incident id, from ``gvc_doc_to_event.csv`` (the authoritative mapping;
      241 incidents);
    - ``split`` (str): train/dev/test of the incident, as in Bugert et al. (2021);
    - ``gold_killed``, ``gold_injured`` (Int64): the incident's numbers killed and injured in the GVA record;
    - ``incident_date`` (datetime64), ``state``, ``city_or_county`` (str): where and when, from the GVA record;
    - ``archive_url`` (str): the web.archive.org copy the text was crawled from.

    ``id`` is the GVC doc id (32 hex digits); ``published`` is the document creation date (``dct``); ``outlet``
    is the host of the article's URL without ``www.``; ``url`` is the original article URL (taken out of the
    archive URL). ``raw_text`` is the crawled text as stored (with some page boilerplate); ``text`` is the same
    with trailing spaces removed and runs of blank lines collapsed.

    >>> reports = load_gvc("../shared/datasets/gvc")  # doctest: +SKIP
    >>> reports.groupby("gold_event").size().value_counts().sort_index().tolist()  # doctest: +SKIP
    [41, 141, 49, 10]
    """
    folder = Path(path)
    documents = pd.read_json(require_file(folder, "gvc_documents.jsonl", "gvc"), lines=True, dtype=False)
    mapping = pd.read_csv(require_file(folder, "gvc_doc_to_event.csv", "gvc"), dtype=str)
    mapping = mapping.rename(columns={"doc-id": "doc_id", "event-id": "gold_event"})
    incidents = pd.read_json(require_file(folder, "gvc_incidents.jsonl", "gvc"), lines=True, dtype=False)
    incidents = incidents.rename(
        columns={"incident_id": "gold_event", "num_killed": "gold_killed", "num_injured": "gold_injured",
                 "date_iso": "incident_date"}
    )
    incidents["gold_event"] = incidents["gold_event"].astype(str)

    frame = documents.merge(mapping, on="doc_id", how="inner", validate="one_to_one")
    frame = frame.merge(_splits(folder), on="gold_event", how="left", validate="many_to_one")
    frame = frame.merge(
        incidents[["gold_event", "gold_killed", "gold_injured", "incident_date", "state", "city_or_county"]],
        on="gold_event", how="left", validate="many_to_one",
    )
    frame = frame.assign(
        id=frame["doc_id"],
        published=frame["dct"],
        raw_text=frame["text"],
        text=frame["text"].map(tidy_whitespace),
        url=frame["uri"].map(_original_url),
        archive_url=frame["uri"],
        source_path="gvc_documents.jsonl",
        incident_date=pd.to_datetime(frame["incident_date"], errors="coerce"),
    )
    return finish(frame, EXTRA)
