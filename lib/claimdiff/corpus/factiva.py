"""Factiva exports (``.rtf`` and ``.html``): one file of many articles, split into one record per article.

Two of Factiva's "Format for Saving" choices are read, the layouts tm.plugin.factiva (R) and the Factiva parsers
researchers share read:

- **Full Article/Report plus Indexing**: each article is a table of field codes — ``HD`` headline, ``BY`` byline,
  ``WC`` word count, ``PD`` publication date, ``SN`` source name, ``SE`` section, ``LA`` language, ``LP`` and ``TD``
  the text, ``AN`` the accession number ("Document AFPR000020240420ek4k0001x");
- **Article Format** (no codes): the headline, the byline, "512 words", the date, the source, its code, the
  language, the copyright line, the text, and "Document <accession number>".

The accession number is the report's id; the source name is its outlet.

>>> lines = ["HD|Blast in Homs|", "BY|By Lina Haddad|", "PD|20 April 2024|", "SN|Agence France Presse|",
...          "LP|A car bomb exploded.|", "TD|No group has claimed it.|", "AN|Document AFPR000020240420ek4k0001x|"]
>>> record = split_factiva_text(lines, "afp.rtf")[0]
>>> record.fields["id"], record.fields["outlet"], record.fields["author"]
('AFPR000020240420ek4k0001x', 'Agence France Presse', 'Lina Haddad')
>>> record.fields["text"]
'A car bomb exploded.\\n\\nNo group has claimed it.'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .records import Record, Rejection, warn

CODES = ("SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY", "LP", "TD", "CT", "RF",
         "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "CLM", "VOL")
# A field code alone, or followed by a cell or tab separator ("HD|Blast in Homs|", "\tHD\tBlast in Homs"): not by a
# plain space, so that a line of text beginning "LA police said" is not taken for the language field.
_CODE_LINE = re.compile(rf"[\t |]*({'|'.join(CODES)})(?:\s*[\t|][\t |\u00a0]*(.*)|\s*)")
_DOCUMENT = re.compile(r"\s*(?:AN[\t |]+)?Document ([A-Za-z0-9]{10,})[\s|]*")
_WORDS = re.compile(r"\s*[\d,.]+ (words|mots|Wörter|palabras|parole|palavras|слов)\s*", re.IGNORECASE)
_TIME = re.compile(r"\s*\d{1,2}:\d{2}(\s*(GMT|[AP]M))?\s*")
_COPYRIGHT = re.compile(r"\s*(©|\(c\)|copyright\b)|.*all rights reserved", re.IGNORECASE)


def split_factiva_text(lines: list[str], relative: str) -> list[Record | Rejection] | None:
    """The articles of a Factiva export read as lines (an ``.rtf``), or None when it has no Factiva article."""
    if any(_CODE_LINE.fullmatch(line) and _CODE_LINE.fullmatch(line)[1] == "HD" for line in lines):
        found = list(_coded_articles(lines, relative))
        return found or None
    ends = [i for i, line in enumerate(lines) if _DOCUMENT.fullmatch(line)]
    if not ends or not any(_WORDS.fullmatch(line) for line in lines):
        return None
    found, start = [], 0
    for end in ends:
        chunk = [line.strip(" |\t") for line in lines[start:end]]
        first = next((i for i, line in enumerate(chunk) if line), 0)
        found.append(plain_article(chunk[first:], _DOCUMENT.fullmatch(lines[end])[1], relative, start + first + 1))
        start = end + 1
    return found


def _coded_articles(lines: list[str], relative: str) -> Iterator[Record | Rejection]:
    fields: dict[str, list[str]] = {}
    code, line_of_article = None, None
    for number, line in enumerate(lines, start=1):
        coded = _CODE_LINE.fullmatch(line)
        if coded:
            if coded[1] in fields and code != coded[1]:  # a field seen twice: the next article began without an AN
                yield coded_article(fields, relative, line_of_article)
                fields = {}
            code = coded[1]
            line_of_article = line_of_article if fields else number
            fields.setdefault(code, []).append((coded[2] or "").strip(" |\t"))
            if code == "AN":
                yield coded_article(fields, relative, line_of_article)
                fields, code = {}, None
        elif code is not None:
            fields[code].append(line.strip(" |\t"))
    if fields:
        yield coded_article(fields, relative, line_of_article)


def coded_article(codes: dict[str, list[str]], relative: str, line: int | None) -> Record | Rejection:
    """One record from an article's field codes (code -> its lines)."""
    def value(code: str) -> str | None:
        text = " ".join(part for part in codes.get(code, []) if part).strip()
        return text or None

    text = "\n\n".join(part for code in ("LP", "TD") for part in codes.get(code, []) if part)
    if not text and value("HD") is None:
        return Rejection(relative, line, "a Factiva article with neither headline (HD) nor text (LP, TD)")
    accession = value("AN")
    fields = {
        "id": accession.replace("Document", "").strip() if accession else None,
        "outlet": value("SN"),
        "published": value("PD"),
        "title": value("HD"),
        "author": _byline(value("BY")),
        "section": value("SE"),
        "factiva_language": value("LA"),
        "text": text,
        "export": "Factiva",
    }
    return _finish(Record(relative, line, {key: item for key, item in fields.items() if item}))


def plain_article(lines: list[str], accession: str | None, relative: str, line: int | None,
                  headline: str | None = None) -> Record | Rejection:
    """One record from an article in Factiva's Article Format (no field codes), as lines of text."""
    lines = [text.strip() for text in lines if text.strip()]
    words_at = next((i for i, text in enumerate(lines) if _WORDS.fullmatch(text)), None)
    if words_at is None:
        return Rejection(relative, line, "a Factiva article without its word count line ('512 words'): the layout "
                         "is not one claimdiff reads; export with 'Full Article/Report plus Indexing'")
    heading = lines[:words_at]
    title = headline or (heading[0] if heading else None)
    byline = next((text for text in heading if text != title), None)
    after = lines[words_at + 1 :]
    date = after[0] if after else None
    rest = [text for text in after[1:] if not _TIME.fullmatch(text)]
    source = rest[0] if rest else None
    copyright_at = next((i for i, text in enumerate(rest[:6]) if _COPYRIGHT.match(text)), None)
    if copyright_at is not None:
        body = rest[copyright_at + 1 :]
    else:  # the source code ("AFPR") and the language ("English") are single words
        body = rest[1:]
        while body and len(body[0].split()) == 1:
            body = body[1:]
    fields = {"id": accession, "outlet": source, "published": date, "title": title, "author": _byline(byline),
              "text": "\n\n".join(body), "export": "Factiva"}
    return _finish(Record(relative, line, {key: item for key, item in fields.items() if item}))


def _byline(text: str | None) -> str | None:
    return re.sub(r"^(by|von|par|por)\s+", "", text, flags=re.IGNORECASE) if text else None


def _finish(record: Record) -> Record:
    if "published" not in record.fields:
        warn(record.where, "no date (PD) found in this Factiva article; kept with no date", stacklevel=5)
    return record


def is_factiva_html(page: str) -> bool:
    """Whether an HTML page is a Factiva export (articles in ``<div class="article enArticle">``)."""
    return bool(re.search(r"class=\"[^\"]*articleParagraph", page)) and bool(
        re.search(r"class=\"article [a-z]{2}Article", page))


def read_factiva_html(page: str, relative: str) -> Iterator[Record | Rejection]:
    """The articles of a Factiva HTML export: one record each."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(page.encode("utf-8"))
    articles = tree.xpath("//div[starts-with(@class, 'article ')]")
    if not articles:
        yield Rejection(relative, None, "a Factiva page without articles: export with 'Full Article/Report plus "
                        "Indexing' or 'Article Format'")
        return
    for article in articles:
        line = article.sourceline
        paragraphs = [_clean(p.text_content()) for p in article.xpath(".//p[contains(@class, 'articleParagraph')]")]
        rows = article.xpath(".//tr[td]")
        if rows:
            codes = {}
            for row in rows:
                cells = row.xpath("./td")
                code = _clean(cells[0].text_content())
                if code in CODES and len(cells) > 1:
                    codes[code] = [_clean(cells[1].text_content())]
            codes.pop("LP", None), codes.pop("TD", None)
            codes["LP"] = [p for p in paragraphs if p]
            yield coded_article(codes, relative, line)
            continue
        headline = article.xpath(".//span[contains(@class, 'Headline')]")
        title = _clean(headline[0].text_content()) if headline else None
        metas = [_clean(div.text_content()) for div in article.xpath(".//div[not(@*)]")]
        authors = [_clean(div.text_content()) for div in article.xpath(".//div[contains(@class, 'author')]")]
        accession = next((m[1] for text in metas if (m := _DOCUMENT.fullmatch(text))), None)
        metas = [text for text in metas if not _DOCUMENT.fullmatch(text)]
        lines = [title or ""] + authors + metas + [p for p in paragraphs if p]
        yield plain_article(lines, accession, relative, line, headline=title)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
