"""FA-KES (Abu Salem et al. 2019): 804 articles on the Syrian war from 15 outlets, labelled credible or fake."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from claimdiff.clean import clean_text
from claimdiff.corpus.headlines import without_site_name
from claimdiff.datasets._common import finish, require_file

EXTRA = {"unit_id": "str", "location": "str", "label": "Int64"}


def load_fakes(path: str | Path) -> pd.DataFrame:
    """Read ``FA-KES-Dataset.csv`` from the dataset folder ``path``: 804 articles, no gold event clusters.

    One row per csv row, with the ``schema.REPORTS`` columns and then:

    - ``unit_id`` (str): the csv's ``unit_id``;
    - ``location`` (str): the Syrian governorate or city (``aleppo``, ``damascus``, ...);
    - ``label`` (Int64): 1 = credible, 0 = fake, judged against the VDC casualty record.

    ``unit_id`` is not unique in the csv (792 distinct ids for 804 rows: the same article repeated, sometimes
    with another location or label), so ``id`` is the ``unit_id`` for its first row and ``<unit_id>-2``,
    ``<unit_id>-3``, ... for the repeats, in file order. ``outlet`` is ``source``; ``published`` is ``date``
    read as M/D/YYYY. ``title`` is ``article_title`` without the site's name ("| Jordan Times":
    :func:`claimdiff.corpus.headlines.without_site_name`). ``text`` is ``article_content`` cleaned as
    :func:`claimdiff.load_corpus` cleans a report (:func:`claimdiff.clean.clean_text`: embedded tweets, related-link
    and video-title lines out; most outlets' content begins with a date line and the title, five outlets' never
    has it: :func:`claimdiff.events.similarity.report_texts` puts it first for the events stage only); ``raw_text``
    is the content as read. The file has 123 U+FFFD replacement characters (see SOURCE.md); they are kept.

    >>> reports = load_fakes("../shared/datasets/fakes")  # doctest: +SKIP
    >>> reports["label"].value_counts().sort_index().tolist()  # doctest: +SKIP
    [377, 427]
    """
    csv = require_file(path, "FA-KES-Dataset.csv", "fakes")
    frame = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8")
    repeat = frame.groupby("unit_id", sort=False).cumcount() + 1
    frame = frame.assign(
        id=frame["unit_id"].where(repeat == 1, frame["unit_id"] + "-" + repeat.astype(str)),
        outlet=frame["source"].str.strip(),
        published=pd.to_datetime(frame["date"], format="%m/%d/%Y", errors="coerce"),
        title=[without_site_name(title.strip(), outlet.strip())
               for title, outlet in zip(frame["article_title"], frame["source"], strict=True)],
        text=frame["article_content"].map(clean_text),
        raw_text=frame["article_content"],
        source_path=csv.name,
        location=frame["location"].str.strip(),
        label=pd.to_numeric(frame["labels"], errors="coerce"),
    )
    return finish(frame, EXTRA)
