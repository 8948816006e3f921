"""Write small news-database exports for the tests, in each vendor's documented layout, with synthetic articles.

The layouts follow what the parsers researchers use read: LexisNexisTools (R; ``lnt_parse_uni`` for Nexis Uni
``.docx``, ``lnt_parse_nexis`` for the older "N of M DOCUMENTS" files) and tm.plugin.factiva (R; ``readFactivaHTML``:
``<div class="article enArticle">`` with a table of field codes and ``<p class="articleParagraph ...">``), and
Factiva RTF parsers that read the same field codes. Nothing here is real reporting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

NBSP = "\u00a0"


@dataclass
class Article:
    title: str
    source: str
    date: str  # as the vendor writes it: "April 20, 2024 Saturday" (Nexis), "20 April 2024" (Factiva)
    byline: str | None
    paragraphs: list[str]
    section: str = "World"
    accession: str = "SYNT000020240420ek4k0001x"
    extra: dict = field(default_factory=dict)


ARTICLES = [
    Article("Blast in Homs kills four", "The Synthetic Star", "April 20, 2024 Saturday", "Lina Haddad",
            ["A car bomb exploded near a market in Homs on Friday, killing four people, officials said.",
             "No group has claimed responsibility for the attack, which wounded eleven others."],
            accession="SYNT000020240420ek4k0001a"),
    Article("Drones downed over Aleppo countryside", "Example Wire Service", "April 21, 2024 Sunday", None,
            ["Air defences shot down three drones over the western countryside of Aleppo, the army said."],
            accession="SYNT000020240421ek4l0002b"),
    Article("Gasoline prices rise again", "The Synthetic Star", "April 22, 2024 Monday", "Omar Said",
            ["The price of a litre of gasoline rose for the second time this month, the ministry said.",
             "Drivers queued at stations in Damascus.", "Officials blamed the cost of imports."],
            accession="SYNT000020240422ek4m0003c"),
]

COVER = ["User Name: = researcher", "Date and Time: = Apr 23, 2024 10:00", "Job Number: = 123456789",
         "Documents (3)", "1. Blast in Homs kills four", "Client/Matter: -none-",
         "Search Terms: Syria AND (blast OR drones)", "Search Type: Terms and Connectors",
         "Narrowed by: Content Type: News; Timeline: Apr 01, 2024 to Apr 30, 2024"]


def nexis_uni_lines(articles: list[Article] = ARTICLES, cover: bool = True) -> list[str]:
    """The paragraphs of a Nexis Uni export (the .docx / .rtf "one file for all documents" download)."""
    lines = (COVER + ["", "", ""]) if cover else []
    for article in articles:
        lines += [article.title, article.source, article.date,
                  f"Copyright 2024 {article.source}. Synthetic test text, not real reporting.",
                  f"Section:{NBSP}{article.section.upper()}; Version:1",
                  f"Length:{NBSP}{sum(len(p.split()) for p in article.paragraphs)} words"]
        if article.byline:
            lines.append(f"Byline:{NBSP}{article.byline}")
        lines += ["Body", *article.paragraphs, "Classification", f"Language:{NBSP}ENGLISH",
                  f"Publication-Type:{NBSP}Newspaper", f"Load-Date:{NBSP}April 23, 2024", "End of Document"]
    return lines


def lexisnexis_lines(articles: list[Article] = ARTICLES) -> list[str]:
    """The lines of an older LexisNexis (nexis.com / Academic) export: "1 of 3 DOCUMENTS" opens each article."""
    lines = []
    for number, article in enumerate(articles, start=1):
        lines += ["", f"{number} of {len(articles)} DOCUMENTS", "", article.source, "", article.date, "",
                  article.title, ""]
        if article.byline:
            lines += [f"BYLINE: {article.byline}", ""]
        lines += [f"SECTION: {article.section.upper()}", "",
                  f"LENGTH: {sum(len(p.split()) for p in article.paragraphs)} words", ""]
        for paragraph in article.paragraphs:
            lines += [paragraph, ""]
        lines += ["LOAD-DATE: April 23, 2024", "", "LANGUAGE: ENGLISH", ""]
    return lines


def write_docx(path: Path, lines: list[str]) -> Path:
    """A Word file with one paragraph per line (python-docx), a page break after each "End of Document"."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph(line)
        if line == "End of Document":
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _rtf_escape(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) > 127:
            out.append(f"\\u{ord(char) if ord(char) < 32768 else ord(char) - 65536}?")
        else:
            out.append(char)
    return "".join(out)


def write_rtf(path: Path, lines: list[str]) -> Path:
    """An RTF file with one paragraph per line."""
    body = "\n".join(_rtf_escape(line) + "\\par" for line in lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n" + body + "\n}", encoding="ascii")
    return path


def factiva_codes(article: Article) -> list[tuple[str, list[str]]]:
    """An article's Factiva field codes, in the order Factiva writes them ("Full Article/Report plus Indexing")."""
    day = article.date.split()
    date = f"{day[1].rstrip(',')} {day[0]} {day[2]}" if not day[0].isdigit() else article.date
    codes = [("SE", [article.section]), ("HD", [article.title])]
    if article.byline:
        codes.append(("BY", [f"By {article.byline}"]))
    codes += [("WC", [f"{sum(len(p.split()) for p in article.paragraphs)} words"]), ("PD", [date]),
              ("SN", [article.source]), ("SC", ["SYNT"]), ("LA", ["English"]),
              ("CY", ["(c) 2024 Synthetic test text, not real reporting."]),
              ("LP", article.paragraphs[:1]), ("TD", article.paragraphs[1:]),
              ("NS", ["gvio : Military Action | gcat : Political/General News"]), ("RE", ["syria : Syria"]),
              ("AN", [f"Document {article.accession}"])]
    return [(code, value) for code, value in codes if value]


def factiva_article_format_lines(articles: list[Article] = ARTICLES) -> list[str]:
    """The paragraphs of a Factiva "Article Format" export (no field codes), as its RTF holds them."""
    lines = []
    for article in articles:
        codes = dict(factiva_codes(article))
        lines += [article.title] + ([f"By {article.byline}"] if article.byline else [])
        lines += [codes["WC"][0], codes["PD"][0], "11:30", codes["SN"][0], codes["SC"][0], codes["LA"][0],
                  codes["CY"][0], *article.paragraphs, "", f"Document {article.accession}", "", ""]
    return lines


def write_factiva_rtf(path: Path, articles: list[Article] = ARTICLES) -> Path:
    """A Factiva RTF export with indexing: each field a table row (code cell, value cell of paragraphs)."""
    rows = []
    for article in articles:
        for code, values in factiva_codes(article):
            cell = "\\par ".join(_rtf_escape(value) for value in values)
            rows.append(f"\\trowd\\cellx1000\\cellx9000 {code}\\cell {cell}\\cell\\row")
        rows.append("\\pard\\par")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\n" + "\n".join(rows) + "\n}", encoding="ascii")
    return path


def write_factiva_html(path: Path, articles: list[Article] = ARTICLES, indexing: bool = True) -> Path:
    """A Factiva HTML export: "Full Article/Report plus Indexing" (a table of codes) or "Article Format"."""
    parts = ['<html><head><meta charset="utf-8"><title>Factiva</title></head><body>'
             '<div id="headerSection">Factiva. Synthetic test export.</div>']
    for article in articles:
        paragraphs = "".join(f'<p class="articleParagraph enarticleParagraph">{escape(p)}</p>'
                             for p in article.paragraphs)
        parts.append('<div class="article enArticle">')
        if indexing:
            parts.append("<table>")
            for code, values in factiva_codes(article):
                if code in {"LP", "TD"}:
                    value = "".join(f'<p class="articleParagraph enarticleParagraph">{escape(v)}</p>' for v in values)
                else:
                    value = escape(" ".join(values))
                parts.append(f'<tr><td valign="top"><b>{code}</b>&nbsp;</td><td>{value}</td></tr>')
            parts.append("</table>")
        else:
            codes = dict(factiva_codes(article))
            parts.append(f'<div id="hd"><span class="enHeadline">{escape(article.title)}</span></div>')
            if article.byline:
                parts.append(f'<div class="author">By {escape(article.byline)}</div>')
            for key in ("WC", "PD", "SN", "SC", "LA", "CY"):
                parts.append(f"<div>{escape(codes[key][0])}</div>")
            parts.append(paragraphs)
            parts.append(f"<div>Document {article.accession}</div>")
        parts.append("</div>")
    parts.append("</body></html>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def write_pdf(path: Path, lines: list[str]) -> Path:
    """A text-based PDF (matplotlib, TrueType fonts, so that the text layer can be read back)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"pdf.fonttype": 42}):
        figure = plt.figure(figsize=(8.27, 11.69))
        for number, line in enumerate(lines):
            figure.text(0.08, 0.92 - number * 0.03, line, fontsize=10)
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path)
        plt.close(figure)
    return path
