"""NewsWCL50 (Hamborg et al. 2019): 10 events, each reported by 5 US outlets from left to right."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from claimdiff.datasets._common import detokenize, finish, host_of, require_file

# Outlet names by the registrable part of the host in urls.tsv (one Fox article is on insider.foxnews.com,
# one HuffPost article on huffingtonpost.co.uk).
_OUTLET_NAMES = {
    "huffingtonpost": "HuffPost",
    "nytimes": "New York Times",
    "usatoday": "USA Today",
    "foxnews": "Fox News",
    "breitbart": "Breitbart",
}
_NEWLINE = "\\n"  # the two characters backslash and n: a token that stands for a line break

EXTRA = {"gold_event": "str", "outlet_name": "str"}


def _outlet_name(url: str | None) -> str | None:
    host = host_of(url) or ""
    for key, name in _OUTLET_NAMES.items():
        if key in host.split("."):
            return name
    return host or None


def _read_conll(conll: Path) -> dict[str, list[str]]:
    """Tokens of each document, by doc_key, in file order. Tokens that are only spaces are dropped."""
    documents: dict[str, list[str]] = {}
    with conll.open(encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(fields) < 4:
                continue  # #begin/#end document lines and blank lines between sentences
            token = fields[3].strip()
            if token:
                documents.setdefault(fields[0], []).append(token)
    return documents


def _paragraphs(tokens: list[str]) -> list[str]:
    """Split at the newline tokens and rebuild each paragraph's text."""
    paragraphs, current = [], []
    for token in tokens + [_NEWLINE]:
        if token == _NEWLINE:
            if current:
                paragraphs.append(detokenize(current))
            current = []
        else:
            current.append(token)
    return paragraphs


def load_newswcl50(path: str | Path) -> pd.DataFrame:
    """Rebuild the 50 NewsWCL50 articles from ``NewsWCL50.conll`` in the dataset folder ``path``.

    One row per article, with the ``schema.REPORTS`` columns and then:

    - ``gold_event`` (str): the event, ``"0"`` to ``"9"`` (the prefix of the CoNLL ``doc_key``);
    - ``outlet_name`` (str): the outlet's name (``HuffPost``, ``New York Times``, ``USA Today``, ``Fox News``,
      ``Breitbart``), from the article's URL in ``urls.tsv``.

    ``outlet`` is the leaning code in the doc_key: ``LL``, ``L``, ``M``, ``R``, ``RR`` (left to right).
    ``id`` is ``<event>_<outlet>`` (``0_LL``). The tokens stand for a line break where they are ``\\n``: ``text``
    has one paragraph per line break, separated by a blank line. ``raw_text`` is the tokens joined by spaces,
    with the line breaks. There are no dates and no title field (most articles begin with their headline as the
    first paragraph, but some begin with a dateline).

    >>> reports = load_newswcl50("../shared/datasets/newswcl50")  # doctest: +SKIP
    >>> reports.loc[reports.id == "0_RR", ["outlet", "outlet_name", "gold_event"]].iloc[0].tolist()  # doctest: +SKIP
    ['RR', 'Breitbart', '0']
    """
    folder = Path(path)
    conll = require_file(folder, "NewsWCL50.conll", "newswcl50")
    urls: dict[tuple[str, str], str] = {}
    urls_file = folder / "urls.tsv"
    if urls_file.exists():
        with urls_file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                urls[(row["Event ID"].strip(), row["Outlet"].strip())] = row["URL"].strip()
    rows = []
    for doc_key, tokens in _read_conll(conll).items():
        event, _, name = doc_key.partition("/-/")
        outlet = name.removeprefix(f"{event}_")
        url = urls.get((event, outlet))
        raw = " ".join(tokens).replace(f" {_NEWLINE} ", "\n").replace(_NEWLINE, "\n")
        rows.append(
            {
                "id": name,
                "outlet": outlet,
                "published": pd.NaT,
                "title": None,
                "text": "\n\n".join(_paragraphs(tokens)),
                "raw_text": raw.strip(),
                "url": url,
                "source_path": conll.name,
                "gold_event": event,
                "outlet_name": _outlet_name(url),
            }
        )
    return finish(pd.DataFrame(rows), EXTRA)
