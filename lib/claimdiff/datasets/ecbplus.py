"""ECB+ (Cybulska & Vossen 2014): 982 tokenised news texts in 43 topics, two seminal events per topic."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path, PurePosixPath

import pandas as pd

from claimdiff.datasets._common import detokenize, finish, host_of, require_file
from claimdiff.stagecache import cached_stage

# Topic split used by Bugert, Reimers & Gurevych (2021), from SOURCE.md; topics 36-45 are the test split.
_DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}
_FILE_NAME = re.compile(r"^(?P<topic>\d+)_(?P<n>\d+)(?P<kind>ecb|ecbplus)\.xml$")

EXTRA = {"gold_event": "str", "topic": "int64", "subcorpus": "str", "split": "str"}


def _split_of(topic: int) -> str:
    if topic >= 36:
        return "test"
    return "dev" if topic in _DEV_TOPICS else "train"


def _sentences(xml_file) -> list[list[str]]:
    """Token texts grouped by the ``sentence`` attribute, read up to the end of the token list."""
    sentences: dict[int, list[str]] = {}
    for event, element in ET.iterparse(xml_file, events=("start", "end")):
        if event == "start":
            if element.tag == "Markables":  # tokens come first; the annotations after them are not needed
                break
            continue
        if element.tag == "token":
            sentences.setdefault(int(element.get("sentence")), []).append(element.text or "")
            element.clear()
    return [sentences[k] for k in sorted(sentences)]


@cached_stage("ecbplus", paths=("path",))
def load_ecbplus(path: str | Path) -> pd.DataFrame:
    """Read the 982 ECB+ documents straight from ``ECB+.zip`` in the dataset folder ``path``.

    One row per document, with the ``schema.REPORTS`` columns and then:

    - ``gold_event`` (str): the document-level gold cluster, ``<topic>ecb`` or ``<topic>ecbplus`` (86 clusters);
    - ``topic`` (int64): the topic number, 1-45 (15 and 17 do not exist);
    - ``subcorpus`` (str): ``ecb`` (the original ECB texts) or ``ecbplus`` (the texts ECB+ added);
    - ``split`` (str): train/dev/test by topic, as in Bugert et al. (2021).

    ``id`` is the file name without ``.xml`` (``3_9ecbplus``). ``text`` is rebuilt from the tokens, one sentence
    per line; ``raw_text`` is the tokens joined by spaces, one sentence per line, as stored. In ``ecbplus``
    files sentence 0 is the source URL: it goes into ``url`` (without the spaces) and not into ``text``, and
    ``outlet`` is its host without ``www.``. The ECB texts have no URL, so their outlet is ``"unknown"``.
    There are no dates (``published`` is NaT) and no titles (``title`` is missing; the headline, where there is
    one, is the first line of ``text``).

    >>> reports = load_ecbplus("../shared/datasets/ecbplus")  # doctest: +SKIP
    >>> reports.loc[reports.id == "33_2ecbplus", ["outlet", "gold_event", "split"]].iloc[0].tolist()  # doctest: +SKIP
    ['nypost.com', '33ecbplus', 'train']
    """
    archive = require_file(path, "ECB+.zip", "ecbplus")
    rows = []
    with zipfile.ZipFile(archive) as zipped:
        for member in sorted(zipped.namelist()):
            name = PurePosixPath(member).name
            match = _FILE_NAME.match(name)
            if not match:
                continue  # folders and anything that is not a document
            with zipped.open(member) as xml_file:
                sentences = _sentences(xml_file)
            topic, kind = int(match["topic"]), match["kind"]
            url = None
            body = sentences
            if kind == "ecbplus" and sentences:
                url, body = "".join(sentences[0]), sentences[1:]
            rows.append(
                {
                    "id": name.removesuffix(".xml"),
                    "outlet": host_of(url) or "unknown",
                    "published": pd.NaT,
                    "title": None,
                    "text": "\n".join(detokenize(tokens) for tokens in body),
                    "raw_text": "\n".join(" ".join(tokens) for tokens in sentences),
                    "url": url,
                    "source_path": f"{archive.name}/{member}",
                    "gold_event": f"{topic}{kind}",
                    "topic": topic,
                    "subcorpus": kind,
                    "split": _split_of(topic),
                }
            )
    return finish(pd.DataFrame(rows), EXTRA)
