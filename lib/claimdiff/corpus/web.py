"""Web pages (``.html``, ``.htm``): trafilatura extracts the article; a Factiva HTML export is split per article.

A page's outlet is its ``<meta name="outlet">``, else ``--outlet``, else the first folder under the corpus root. Its
date is ``<meta property="article:published_time">`` (with the time of day), else the day trafilatura finds.

>>> bool(HTML_PAGE.match("<!DOCTYPE html><html>")), bool(HTML_PAGE.match("Ten were killed."))
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from .records import ReadSettings, Record, Rejection

HTML_PAGE = re.compile(r"\s*(<!doctype html|<html[\s>])", re.IGNORECASE)
# What trafilatura finds on a page without an article is its menu ("Home"): fewer words than this is no report.
MIN_PAGE_WORDS = 10
_HTML_META_KEPT = frozenset({"synthetic", "language"})


def read_html_reports(text: str, relative: str, settings: ReadSettings) -> Iterator[Record | Rejection]:
    """The reports of an HTML file: one per article of a Factiva export, else the page's article."""
    from .factiva import is_factiva_html, read_factiva_html

    if is_factiva_html(text):
        yield from read_factiva_html(text, relative)
    else:
        yield read_html(text, relative, settings)


def html_text(page: str) -> str:
    """The article text of an HTML page ("" when there is none)."""
    import trafilatura

    return trafilatura.extract(page, include_comments=False) or ""


def read_html(text: str, relative: str, settings: ReadSettings) -> Record | Rejection:
    """One report from a saved web page."""
    import trafilatura

    page = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if page is None or not (page.text or "").strip():
        return Rejection(relative, None, "no article text found in the HTML page")
    words = len(page.text.split())
    if words < MIN_PAGE_WORDS:
        return Rejection(relative, None, f"only {words} word{'s' if words > 1 else ''} of text in the HTML page "
                         f"(fewer than {MIN_PAGE_WORDS}): a menu, a cookie wall or an error page, not an article")
    try:
        meta = _html_meta(text)
    except (ValueError, SyntaxError):  # lxml: a page trafilatura could read but lxml cannot
        meta = {}
    fields = {
        **{key: _scalar(value) for key, value in meta.items() if key in _HTML_META_KEPT},
        "outlet": meta.get("outlet") or settings.default_outlet(relative),
        # trafilatura keeps only the day; the page's own timestamp keeps the time of publication
        "published": meta.get("article:published_time") or page.date,
        "title": page.title,
        "url": page.url,
        "author": page.author,
        "text": page.text,
    }
    return Record(relative, None, {k: v for k, v in fields.items() if v is not None})


def _scalar(text: str) -> Any:
    """A meta tag's content read the way front matter would read it ("true" is a boolean)."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return value if isinstance(value, (bool, int, float, str)) else text


def _html_meta(html: str) -> dict[str, str]:
    """``<meta name|property=... content=...>`` pairs of the page, first occurrence of each name."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(html.encode("utf-8"))
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("name") or meta.get("property")
        if key and meta.get("content") is not None:
            found.setdefault(key.strip().lower(), meta.get("content").strip())
    return found
