"""Photo captions scraped into a report's text: where each begins and ends, so that what they say is not taken for
the report's own event.

Scraped reports carry the caption of their photo in the text, often at the top and often glued to the lead without
a full stop: "Last updated at Jun 13 2016 In this photo taken on June 8 ... a street in Aleppo Syria (AP photo)
BEIRUT Air strikes on a market in Idlib killed 21 Sunday". The photo may be of another day or place (a file photo,
an earlier strike), so a caption's date and places would make the report's event another day's or another town's.

A caption is told by how it ends, a photo credit: a parenthesised group that names a photo ("(AP photo)", "(Photo
AFP)", "(File photo)"), or one without digits right after a full date with its year, the day the photo was taken
("... Idlib province Syria August 6 2016 (Reuters)"); further parenthesised credits right after it belong to it
("(File photo) (TRT World and Agencies)"). A wire dateline ("IDLIB, June 12 2016 (Reuters) - Jets ...") is not a
caption: its credit is followed by a dash. A caption begins after the last sentence end before its credit (or at the
start of the text, or the last line end: a headline is no caption), at most ``MAX_CHARS`` before the credit.

>>> text = "Jun 13 2016 In this photo taken on June 8 jets hit Aleppo (AP photo) BEIRUT Strikes hit Idlib. More."
>>> [text[start:end] for start, end in caption_spans(text)]
['Jun 13 2016 In this photo taken on June 8 jets hit Aleppo (AP photo)']
>>> without_captions(text)
'BEIRUT Strikes hit Idlib. More.'
>>> caption_spans("Jets hit Homs. Men search a site in Idlib Syria August 6 2016 (Reuters) A bomber killed 15.")
[(15, 71)]
>>> caption_spans("IDLIB, Syria, June 12 2016 (Reuters) - Jets hit a market."), caption_spans("(File photo) Jets.")
([], [])
"""

from __future__ import annotations

import re

from claimdiff.details.dates import MONTH

__all__ = ["MAX_CHARS", "caption_spans", "without_captions"]

# Characters a caption may run before its credit.
MAX_CHARS = 600
_GROUP = re.compile(r"\([^()\n]{1,60}\)")
_PHOTO = re.compile(r"(?i)\bphoto\b")
# A full date with its year, ending where a credit group begins ("August 6 2016 (", "6 August 2016. (").
_DATE_BEFORE = re.compile(rf"(?:\b{MONTH}\.?\s+\d{{1,2}},?|\b\d{{1,2}}\s+{MONTH}\.?,?)\s+(?:19|20)\d\d\.?\s*$")
_DIGIT = re.compile(r"\d")  # a credit names no day: "(Tue, 16 Aug 2011)" after a date is no credit
_MORE_GROUPS = re.compile(r"(?:\s*\([^()\n]{1,60}\))*")
_DASH = re.compile(r"\s*[-\u2013\u2014]")
# A sentence end (not the point of an abbreviation: "Oct. 27", "U.S. jets"), or a line end (a headline's).
SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][\"'\u201d\u2019)]?\s+(?=[A-Z0-9\"'])|\n\s*"
)


def caption_spans(text: str, headline_end: int = 0) -> list[tuple[int, int]]:
    """The ``(start, end)`` character spans of the photo captions of ``text``, in order (module docstring); none
    begins before ``headline_end``, where the text opens with its headline without a line break.

    >>> text = "Jets hit Aleppo AFP Saturday 9 Jul 2016 People pass a burnt car on July 9 2016 (Photo AFP) Rockets hit."
    >>> [text[start:end] for start, end in caption_spans(text, headline_end=15)]
    [' AFP Saturday 9 Jul 2016 People pass a burnt car on July 9 2016 (Photo AFP)']
    """
    if not isinstance(text, str) or "(" not in text:
        return []
    spans: list[tuple[int, int]] = []
    floor = headline_end
    for group in _GROUP.finditer(text):
        if group.start() < floor:
            continue  # a group of a credit already taken
        before = text[max(floor, group.start() - 40):group.start()]
        if not (_PHOTO.search(group.group()) or (_DATE_BEFORE.search(before) and not _DIGIT.search(group.group()))):
            continue
        end = _MORE_GROUPS.match(text, group.end()).end()
        if _DASH.match(text, end):
            continue  # a wire dateline's credit
        window_start = max(floor, group.start() - MAX_CHARS)
        ends = [m.end() for m in SENTENCE_END.finditer(text, window_start, group.start())]
        start = ends[-1] if ends else window_start
        if text[start:group.start()].strip():  # a credit that opens its sentence tells no caption here
            spans.append((start, end))
        floor = end
    return spans


def without_captions(text: str) -> str:
    """``text`` with its photo captions (:func:`caption_spans`) cut out, and the space after each."""
    spans = caption_spans(text)
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end + len(text[end:]) - len(text[end:].lstrip())
    return "".join(pieces + [text[last:]])
