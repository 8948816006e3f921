"""Text reports (``.md``, ``.txt``): with YAML front matter, or plain text whose outlet is its folder.

A plain text report takes its outlet from ``--outlet`` (``load_corpus(outlet=)``) or else from the first folder under
the corpus root, as a web page does; its title is its first line, and its date comes from a ``Published ...`` line
under the title or from a dateline that opens the body (``DAMASCUS, 20 April 2024 -``). Without either it is kept
with no date and a warning.

>>> fields = plain_text_fields("Blast in Homs\\nPublished: 20 April 2024\\n\\nA car bomb exploded on Friday.")
>>> fields["title"], fields["published"], fields["text"]
('Blast in Homs', '20 April 2024', 'A car bomb exploded on Friday.')
>>> plain_text_fields("Strikes hit Deir Ezzor\\nDEIR EZZOR, April 20, 2024 (SANA) - Jets struck.")["published"]
'April 20, 2024'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import frontmatter
import yaml

from .exports import split_export
from .records import ReadSettings, Record, Rejection, warn
from .web import HTML_PAGE, html_text

# "Published: ...", "Posted on ...", "Updated ...", "Date: ..." on a line of its own under the title.
_DATE_LINE = re.compile(r"(?:first\s+)?(?:published|posted|updated|date)(?:\s+on)?\s*[:\-\u2013\u2014]?\s*(?P<date>.+)",
                        re.IGNORECASE)
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
# A dateline: a place in capitals, a comma, then a date with a year ("BEIRUT, April 20, 2024 (AFP) -").
_DATELINE = re.compile(rf"[A-Z][A-Za-z .'\-]{{1,40}},\s+(?:[A-Z][a-z]+day,?\s+)?"
                       rf"(?P<date>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
                       rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})")
# A line that is nothing but a date ("20 April 2024", "Saturday, April 20, 2024 11:30").
_BARE_DATE = re.compile(rf"(?:[A-Z][a-z]+day,?\s+)?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
                        rf"|\d{{4}}-\d{{2}}-\d{{2}})(?:[ T,]+\d{{1,2}}:\d{{2}}.*)?", re.IGNORECASE)
# Lines under the title searched for a date.
_DATE_LINES_SEARCHED = 3


def read_text_report(text: str, relative: str, settings: ReadSettings) -> Record | Rejection:
    """One report from the text of a ``.md`` / ``.txt`` file."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.lstrip("\ufeff").startswith("---"):
        return _read_front_matter(text, relative, settings)
    if HTML_PAGE.match(text):
        return Rejection(relative, 1, "this is an HTML page, not a text report: rename it to .html")
    outlet = settings.default_outlet(relative)
    if not outlet:
        return Rejection(relative, 1, "no YAML front matter: start the file with a '---' block that gives at least "
                         "`outlet:`, or put plain text files in a folder named after their outlet (or give --outlet)")
    fields = plain_text_fields(text.lstrip("\ufeff"))
    if "published" not in fields:
        warn(relative, "no date found (no 'Published ...' line under the title, no dateline); kept with no date. "
             "Add a line such as 'Published: 2024-04-20' under the title to date it.")
    return Record(relative, None, {"outlet": outlet, **fields})


def plain_text_fields(text: str) -> dict[str, Any]:
    """``title`` (the first line), ``text`` (the rest) and ``published`` when a date line or dateline gives one."""
    lines = text.strip().split("\n")
    title = lines[0].strip().lstrip("#").strip()
    rest = lines[1:]
    fields: dict[str, Any] = {"title": title}
    searched = [i for i, line in enumerate(rest) if line.strip()][:_DATE_LINES_SEARCHED]
    for i in searched:
        line = rest[i].strip()
        labelled = _DATE_LINE.fullmatch(line)
        bare = _BARE_DATE.fullmatch(line)
        if (labelled and re.search(r"\d", labelled["date"])) or bare:
            fields["published"] = labelled["date"].strip() if labelled else line
            del rest[i]  # a line of its own is metadata, not part of the report
            break
        dateline = _DATELINE.match(line)
        if dateline:
            fields["published"] = dateline["date"]
            break
    body = "\n".join(rest).strip()
    fields["text"] = body or title  # a one-line report: its headline is its text
    return fields


def _read_front_matter(text: str, relative: str, settings: ReadSettings) -> Record | Rejection:
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening '---', +1 for 1-based lines
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Rejection(relative, line, f"front matter is not valid YAML ({problem}): fix the '---' block")
    if not post.metadata:
        return Rejection(
            relative,
            1,
            "front matter is empty, not a mapping of keys, or not closed with '---': it must give at least `outlet:`",
        )
    fields = {str(key): value for key, value in post.metadata.items()}
    if fields.get("outlet") is None and settings.outlet:
        fields["outlet"] = settings.outlet
    fields["text"] = post.content
    if HTML_PAGE.match(post.content):
        fields["text"] = html_text(post.content)
        warn(relative, "the text is an HTML page; its article text was extracted. Save web pages as .html files",
             stacklevel=5)
    return Record(relative, None, fields)


def read_text_reports(text: str, relative: str, settings: ReadSettings) -> Iterator[Record | Rejection]:
    """The reports of a text file: one, or one per article of a news-database export saved as text."""
    if not text.lstrip("\ufeff").startswith("---"):
        found = split_export(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), relative)
        if found is not None:
            yield from found
            return
    yield read_text_report(text, relative, settings)
