"""Nexis Uni and LexisNexis exports: one file of many articles, split into one record per article.

Read as paragraphs (a ``.docx``) or lines (a ``.rtf`` or ``.txt``), in the layouts that LexisNexisTools (R) reads:

- **Nexis Uni** (``.docx``, ``.rtf``; "Download" with one file for all documents): each article is its headline,
  the source, the date, ``Copyright`` / ``Section:`` / ``Length:`` / ``Byline:`` lines, a line ``Body``, the text,
  ``Load-Date:`` (and a ``Classification`` block), then ``End of Document``. A cover page before the first article
  (search terms, job number) is skipped.
- **LexisNexis Academic / nexis.com** (the older ``.rtf``, ``.doc`` or ``.txt``): each article opens with
  ``3 of 120 DOCUMENTS``, then the source, the date, the headline, ``BYLINE:``, ``SECTION:``, ``LENGTH:``, the text,
  and ``LOAD-DATE:`` / ``LANGUAGE:`` lines.

>>> lines = ["Blast in Homs", "The Daily Star", "April 20, 2024 Saturday", "Byline:\\u00a0Lina Haddad", "Body",
...          "A car bomb exploded.", "Load-Date: April 21, 2024", "End of Document"]
>>> record = split_nexis_uni(lines, "exports/star.docx")[0]
>>> record.fields["outlet"], record.fields["published"], record.fields["author"], record.fields["text"]
('The Daily Star', 'April 20, 2024', 'Lina Haddad', 'A car bomb exploded.')
"""

from __future__ import annotations

import re

from .records import Record, Rejection, warn

_END = re.compile(r"\s*End of Document\s*")
_CLASSIC_START = re.compile(r"\s*\d+ of \d+ DOCUMENTS?\s*|\s*Dokument \d+ von \d+\s*|\s*Document \d+ de \d+\s*")
_BODY = re.compile(r"\s*(Body|Text)\s*")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# The date as LexisNexisTools finds it: "April 20, 2024" or "20 April 2024", the day and year around a month name.
NEXIS_DATE = re.compile(rf"\b({_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}}\.? {_MONTH} \d{{4}})", re.IGNORECASE)
# "Byline: ...", "SECTION: ..." (a non-breaking space often follows the colon).
_LABEL = re.compile(r"\s*([A-Za-z][A-Za-z\- ]{1,24}):[\s\u00a0]*(.*)")
_UNI_BODY_END = re.compile(r"\s*(Load-Date:|Classification\s*$)")
_CLASSIC_BODY_END = re.compile(r"\s*(LOAD-DATE|LANGUAGE|PUBLICATION-TYPE|GRAPHIC|URL|SUBJECT):")
# Nexis Uni: three or more empty paragraphs end the cover page (the rule of LexisNexisTools).
_COVER_GAP = 3


def split_nexis_uni(lines: list[str], relative: str) -> list[Record | Rejection] | None:
    """The articles of a Nexis Uni export, or None when ``lines`` have no ``End of Document``."""
    ends = [i for i, line in enumerate(lines) if _END.fullmatch(line)]
    if not ends:
        return None
    found: list[Record | Rejection] = []
    start = _after_cover(lines, ends[0])
    for end in ends:
        found.append(_uni_article(lines[start:end], relative, start))
        start = end + 1
    return found


def _after_cover(lines: list[str], first_end: int) -> int:
    blank = 0
    for i, line in enumerate(lines[:first_end]):
        blank = blank + 1 if not line.strip() else 0
        if blank == _COVER_GAP:
            return i + 1
    return 0


def _uni_article(chunk: list[str], relative: str, offset: int) -> Record | Rejection:
    """One article from the lines between two ``End of Document``; ``offset``: the chunk's first line, from 0."""
    body_at = next((i for i, text in enumerate(chunk) if _BODY.fullmatch(text)), None)
    first = next((i for i, text in enumerate(chunk) if text.strip()), 0)
    if body_at is None:
        return Rejection(relative, offset + first + 1, "a Nexis Uni article without a 'Body' line (a graphic or a "
                         "list, not an article): nothing to read")
    meta = [(i, text.strip()) for i, text in enumerate(chunk[:body_at]) if text.strip()]
    labels = {}
    unlabelled, positions = [], []
    for i, text in meta:
        label = _LABEL.fullmatch(text)
        if label and label[1].lower() in {"byline", "author", "section", "length", "highlight", "dateline",
                                          "graphic"}:
            labels.setdefault(label[1].lower(), label[2].strip())
        else:
            unlabelled.append(text)
            positions.append(i)
    dated = [i for i, text in enumerate(unlabelled)
             if NEXIS_DATE.search(text) and not text.lower().startswith("copyright")]
    fields = {"export": "Nexis Uni"}
    if dated:
        at = dated[-1]
        fields["published"] = NEXIS_DATE.search(unlabelled[at])[1]
        heading_at = max(at - 2, 0)
    else:
        at, heading_at = min(2, len(unlabelled)), 0
    heading = unlabelled[heading_at:at]
    line = offset + (positions[heading_at] if heading else first) + 1
    if len(heading) == 2:
        fields["title"], fields["outlet"] = heading
    elif heading:
        fields["outlet"] = heading[0]
    body = []
    for text in chunk[body_at + 1 :]:
        if _UNI_BODY_END.match(text):
            break
        body.append(text.strip())
    fields["text"] = _paragraphs(body)
    fields["author"] = labels.get("byline") or labels.get("author")
    fields["section"] = labels.get("section")
    return _finish(Record(relative, line, fields))


def split_lexisnexis(lines: list[str], relative: str) -> list[Record | Rejection] | None:
    """The articles of an older LexisNexis export (``N of M DOCUMENTS``), or None when there is no such line."""
    starts = [i for i, line in enumerate(lines) if _CLASSIC_START.fullmatch(line)]
    if not starts:
        return None
    found: list[Record | Rejection] = []
    for start, end in zip(starts, starts[1:] + [len(lines)], strict=True):
        found.append(_classic_article(lines[start + 1 : end], relative, start + 1))
    return found


def _classic_article(chunk: list[str], relative: str, line: int) -> Record | Rejection:
    length_at = next((i for i, text in enumerate(chunk) if re.match(r"\s*(LENGTH|LÄNGE|LONGUEUR):", text)), None)
    if length_at is None:
        return Rejection(relative, line, "a LexisNexis article without a 'LENGTH:' line (a graphic or a list, not "
                         "an article): nothing to read")
    meta = [text.strip() for text in chunk[:length_at] if text.strip()]
    fields = {"export": "LexisNexis", "outlet": meta[0] if meta else None}
    labelled = {}
    rest = []
    date_at = next((i for i, text in enumerate(meta[1:], start=1) if NEXIS_DATE.search(text)), None)
    for i, text in enumerate(meta[1:], start=1):
        label = re.fullmatch(r"([A-Z][A-Z\-]{2,}):\s*(.*)", text)
        if label:
            labelled.setdefault(label[1].lower(), label[2].strip())
        elif date_at is None or i > date_at:
            rest.append(text)
    if date_at is not None:
        fields["published"] = NEXIS_DATE.search(meta[date_at])[1]
    if rest:
        edition_first = len(rest) > 1 and re.search(r"edition", rest[0], re.IGNORECASE)
        fields["title"] = rest[-1] if edition_first else " ".join(rest)
    fields["author"] = labelled.get("byline")
    fields["section"] = labelled.get("section")
    body = []
    for text in chunk[length_at + 1 :]:
        if _CLASSIC_BODY_END.match(text):
            break
        body.append(text.strip())
    fields["text"] = _paragraphs(body)
    return _finish(Record(relative, line, fields))


def _paragraphs(lines: list[str]) -> str:
    return "\n\n".join(line for line in lines if line)


def _finish(record: Record) -> Record:
    record.fields = {key: value for key, value in record.fields.items() if value}
    if "published" not in record.fields:
        warn(record.where, f"no date found in this {record.fields['export']} article; kept with no date", stacklevel=5)
    return record
