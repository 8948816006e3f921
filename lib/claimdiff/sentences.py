"""Split cleaned report text into sentences with character offsets into that text.

Lines are split first (a headline or a caption is its own sentence), then each line with sentencex, which
knows "U.S.", quotes and a missing space as in "killed 21.The army".

>>> import pandas as pd
>>> reports = pd.DataFrame({"id": ["r1"], "text": ["Ten killed\\n\\nThe U.S. said so.The army denied it."]})
>>> split_sentences(reports)[["sent_idx", "text", "start", "end"]].values.tolist()
[[0, 'Ten killed', 0, 10], [1, 'The U.S. said so.', 12, 29], [2, 'The army denied it.', 29, 48]]
"""

from __future__ import annotations

import re

import pandas as pd
from sentencex import get_sentence_boundaries

from . import schema

_LINE = re.compile(r"[^\n]+")


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, white space trimmed, in order.

    >>> sentence_spans("Hello there. Bye.")
    [(0, 12), (13, 17)]
    """
    spans = []
    for line in _LINE.finditer(text):
        for boundary in get_sentence_boundaries(language, line.group()):
            start = line.start() + boundary["start_index"]
            end = line.start() + boundary["end_index"]
            piece = text[start:end]
            start += len(piece) - len(piece.lstrip())
            end -= len(piece) - len(piece.rstrip())
            if end > start:
                spans.append((start, end))
    return spans


def split_sentences(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: the columns of :data:`claimdiff.schema.SENTENCES`.

    ``report_id`` is ``reports.id``; ``start``/``end`` index ``reports.text``, so that
    ``text == report_text[start:end]`` for every row. ``language`` is used where sentencex knows it. Reports
    without ``id`` or ``text`` raise :class:`claimdiff.schema.SchemaError`.
    """
    schema.require(reports, "reports", "split_sentences", columns=["id", "text"])
    rows = []
    languages = reports["language"] if "language" in reports else pd.Series("en", index=reports.index)
    for report_id, text, language in zip(reports["id"], reports["text"], languages, strict=True):
        language = language if isinstance(language, str) and language else "en"
        for sent_idx, (start, end) in enumerate(sentence_spans(text, language)):
            rows.append((report_id, sent_idx, text[start:end], start, end))
    return schema.conform(pd.DataFrame(rows, columns=list(schema.SENTENCES)), schema.SENTENCES)
