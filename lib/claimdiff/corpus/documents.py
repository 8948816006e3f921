"""Word, RTF and PDF files: news-database exports split per article, or (a PDF) one report.

The text is read with python-docx (``.docx``: every paragraph, tables included, in order), striprtf (``.rtf``) and
pypdf (``.pdf``: the text layer; a scanned PDF has none). The lines are then tried as a Nexis Uni export, an older
LexisNexis export and a Factiva export (:func:`~claimdiff.corpus.exports.split_export`). A ``.docx`` or ``.rtf``
that is none of them is rejected with its reason; a ``.pdf`` that is none of them is one report, read like a plain
text file (its outlet from ``--outlet`` or its folder, its title the first line).

>>> sorted(DOCUMENT_SUFFIXES)
['.docx', '.pdf', '.rtf']
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .exports import split_export
from .records import ReadSettings, Record, Rejection
from .textfiles import read_text_report

DOCUMENT_SUFFIXES = frozenset({".docx", ".rtf", ".pdf"})
_EXPORT_SETTINGS = ("export them from Nexis Uni (one .docx or .rtf for all documents), LexisNexis (.rtf) or Factiva "
                    "('Full Article/Report plus Indexing' or 'Article Format', .rtf or .html), or save the text as "
                    ".txt to read it as one report")


def read_document(file: Path, relative: str, settings: ReadSettings) -> Iterator[Record | Rejection]:
    """The reports of a ``.docx``, ``.rtf`` or ``.pdf`` file."""
    suffix = file.suffix.lower()
    try:
        lines = {".docx": _docx_lines, ".rtf": _rtf_lines, ".pdf": _pdf_lines}[suffix](file)
    except Exception as error:  # noqa: BLE001 - each reader has its own errors for a damaged or wrong file
        kind = {".docx": "Word (.docx)", ".rtf": "RTF", ".pdf": "PDF"}[suffix]
        yield Rejection(relative, None, f"cannot be read as a {kind} file ({type(error).__name__}: "
                        f"{str(error).replace(str(file), relative)[:160] or 'no detail'}): check that it opens, "
                        "and that it is not encrypted")
        return
    if not any(line.strip() for line in lines):
        hint = " (a scanned PDF has no text layer: run OCR on it first)" if suffix == ".pdf" else ""
        yield Rejection(relative, None, f"no text in the file{hint}")
        return
    found = split_export(lines, relative)
    if found is not None:
        yield from found
    elif suffix == ".pdf":
        yield read_text_report(_reflowed(lines), relative, settings)
    else:
        yield Rejection(relative, None, "no Nexis Uni, LexisNexis or Factiva articles found (no 'End of Document', "
                        f"'1 of 20 DOCUMENTS' or Factiva 'Document <number>' lines): {_EXPORT_SETTINGS}")


def _docx_lines(file: Path) -> list[str]:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(file))
    return [Paragraph(p, document).text for p in document.element.body.iter(qn("w:p"))]


def _rtf_lines(file: Path) -> list[str]:
    from striprtf.striprtf import rtf_to_text

    from ..textio import read_text

    text, _ = read_text(file)
    if not text.lstrip().startswith("{\\rtf"):
        raise ValueError("it does not start with '{\\rtf'")
    return rtf_to_text(text, errors="ignore").replace("\r\n", "\n").split("\n")


def _pdf_lines(file: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(str(file))
    if reader.is_encrypted:
        raise ValueError("the PDF is encrypted")
    pages = [page.extract_text() or "" for page in reader.pages]
    return "\n".join(pages).split("\n")


def _reflowed(lines: list[str]) -> str:
    """A PDF's lines with the breaks inside paragraphs undone: a full-width line that ends no sentence goes on.

    A line much shorter than the page's longest (a title, a date line, the end of a paragraph) ends where it is.
    """
    lines = [line.strip() for line in lines]
    width = max(map(len, lines), default=0)
    text = ""
    for line in lines:
        if not line:
            text += "\n"
            continue
        text += line
        ends = line[-1] in ".!?:\"\u201d" or len(line) < _SHORT_LINE * width
        text += "\n" if ends else ("" if line.endswith("-") else " ")
    return text


# A PDF line under this share of the longest line is the last of its paragraph (or a title).
_SHORT_LINE = 0.6
