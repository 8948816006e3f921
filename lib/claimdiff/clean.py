"""Remove site chrome from scraped article text and keep the article body untouched.

Scraped pages carry comment widgets ("Notify of", "Newest Most Voted"), share and subscribe prompts, taglines,
"now hosted at" footers, related-link headlines ("Read more: ..."), video titles ("VIDEO: ...") and embedded tweets
("... pic.twitter.com/x — Name (@handle) July 27, 2016"), which are not the outlet's own statements. The patterns
live in ``data/chrome.yaml`` so they can be read and extended without reading code. Lines that repeat across many
reports of one outlet are boilerplate too: see :func:`outlet_boilerplate`.

>>> clean_text("Ten killed in a blast.\\n\\nThe army said so.\\n\\nNotify of\\nNewest Most Voted\\nnice one\\n")
'Ten killed in a blast.\\n\\nThe army said so.'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from .details.lexicon import load

# Control characters (a terminal bell, NUL from a "\\u0000" in JSON, C1 codes from a mis-decoded page) say nothing
# and break CSV readers; vertical tab and form feed are line breaks. raw_text keeps them.
_CONTROL = {code: None for code in [*range(0x00, 0x09), 0x0E, 0x0F, *range(0x10, 0x20), *range(0x7F, 0xA0)]}
_CONTROL.update({0x0B: "\n", 0x0C: "\n"})
# A tagline is a short line with no sentence punctuation at its end ("SouthFront: Analysis and Intelligence").
_TAGLINE_MAX_WORDS = 8
_SENTENCE_END = tuple('.!?"”’\')»:')


@lru_cache(maxsize=1)
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    return {
        key: [re.compile(pattern, re.IGNORECASE) for pattern in patterns]
        for key, patterns in load("chrome").items() if key != "runs"
    }


@lru_cache(maxsize=1)
def _runs() -> list[tuple[re.Pattern[str], re.Pattern[str], list[re.Pattern[str]], int]]:
    return [(re.compile(run["marker"], re.IGNORECASE), re.compile(run["resumes"]),
             [re.compile(p) for p in run.get("before", [])], int(run["max_words"]))
            for run in load("chrome").get("runs", [])]


def _resumes_at(line: str, start: int, end: int, resumes: re.Pattern[str], before: list[re.Pattern[str]]) -> int:
    """Where the article goes on after a run that starts at ``start`` (see ``runs`` in ``data/chrome.yaml``); ``start``
    when it does not within ``line[start:end]``."""
    found = resumes.search(line, start, end)
    at = found.start() if found else end
    for pattern in before:
        after = pattern.search(line, start, end)
        words = line[start:after.start()].split(" ") if after else []
        capitals = [i for i, word in enumerate(words) if word[:1].isupper() and i >= len(words) - 6]
        if capitals:
            at = min(at, start + sum(len(word) + 1 for word in words[:capitals[-1]]))
    return at if at < end else start


def _matches(line: str, kind: str) -> bool:
    return any(pattern.search(line) for pattern in _patterns()[kind])


def strip_control(text: str) -> str:
    """``text`` without control characters; vertical tab and form feed become line breaks.

    >>> strip_control("Blast\\x1b[0m in Homs")
    'Blast[0m in Homs'
    """
    return text.translate(_CONTROL)


def normalise_line(line: str) -> str:
    """The form in which lines are compared: stripped, inner white space folded, lower case."""
    return " ".join(line.split()).lower()


def clean_text(text: str, boilerplate: Iterable[str] = ()) -> str:
    """Return the article body of ``text`` without comment sections, footers, taglines and boilerplate lines.

    ``boilerplate`` holds lines (in :func:`normalise_line` form) known to repeat across an outlet's reports.
    Paragraph breaks are kept; a paragraph repeated right after itself (a headline printed twice) is kept once.

    >>> clean_text("Headline\\n\\nHeadline\\n\\nBody text.\\n\\nSite: Tagline Here\\n\\nNOW hosted at")
    'Headline\\n\\nBody text.'
    >>> clean_text("Ten were\\x07 killed.\\x0cThe army\\x00 said so.")
    'Ten were killed.\\nThe army said so.'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_control(text)
    lines = text.split("\n")
    lines = _cut_comment_section(lines)
    lines = _cut_footer(lines)
    lines = _cut_inline_footer(lines)
    drop = {normalise_line(line) for line in boilerplate}
    kept: list[str] = []
    previous = None
    for line in lines:
        stripped = line.strip()
        if stripped and (_matches(stripped, "lines") or normalise_line(stripped) in drop):
            continue
        if stripped:
            line = _strip_inline(line)
            stripped = line.strip()
            if not stripped:  # only chrome was on it
                continue
        if stripped and stripped == previous:
            continue
        if stripped:
            previous = stripped
        kept.append(line.rstrip())
    kept = _drop_trailing_taglines(kept)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _strip_inline(line: str) -> str:
    """``line`` without the inline spans of ``data/chrome.yaml`` (an embedded tweet's link and signature) and its
    runs (a tag list, a related headline: :func:`_strip_runs`).

    >>> _strip_inline("Shocking. pic.twitter.com/0Zw6 — Leith (@leith) July 27, 2016 State TV showed the site.")
    'Shocking. State TV showed the site.'
    """
    line = _strip_runs(line)
    for pattern in _patterns()["inline"]:
        line, removed = pattern.subn(" ", line)
        if removed:
            line = re.sub(r"(?<=\S)  +(?=\S)", " ", line)
    return line


def _strip_runs(line: str) -> str:
    """``line`` without the runs of ``data/chrome.yaml``: from a marker to where the article goes on.

    >>> _strip_runs("Strikes hit Aleppo. Tags Syria Aleppo regime forces At least 16 people were killed.")
    'Strikes hit Aleppo. At least 16 people were killed.'
    >>> _strip_runs("Tags Syria Idlib Bashar al-Assad SOHR Syrian rebels launched an offensive.")
    'Syrian rebels launched an offensive.'
    >>> _strip_runs("Tags Idlib Ariha Assad war Government air raids in a town killed 27.")
    'Government air raids in a town killed 27.'
    >>> _strip_runs("He was hit. Read also Syrian baby saver killed in Aleppo The rebels struck back.")
    'He was hit. The rebels struck back.'
    """
    for marker, resumes, before, max_words in _runs():
        found = marker.search(line)
        while found:
            limit = min(len(line), found.end() + sum(len(w) + 1 for w in line[found.end():].split(" ")[:max_words]))
            line = line[:found.start()] + line[_resumes_at(line, found.end(), limit, resumes, before):]
            found = marker.search(line, found.start() + 1)
    return line


def _cut_inline_footer(lines: list[str]) -> list[str]:
    """``lines`` cut where an inline footer of ``data/chrome.yaml`` starts in the second half of the text (a page's
    related headlines, tags and comment prompt run on after its last sentence).

    >>> _cut_inline_footer(["Ten were killed in a blast. The army said so. ... 43 Related Blast Kills Ten Tags Syria"])
    ['Ten were killed in a blast. The army said so.']
    """
    text = "\n".join(lines)
    half = len(text) // 2
    starts = [m.start() for pattern in _patterns()["inline_footer_starts"] for m in [pattern.search(text, half)] if m]
    return text[:min(starts)].rstrip().split("\n") if starts else lines


def _cut_comment_section(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if _matches(line.strip(), "comment_section_starts"):
            return lines[:index]
    return lines


def _cut_footer(lines: list[str]) -> list[str]:
    # Only in the second half: an article may itself begin with "Share this" or a copyright line.
    for index in range(len(lines) // 2, len(lines)):
        if _matches(lines[index].strip(), "footer_starts"):
            return lines[:index]
    return lines


def _is_tagline(line: str) -> bool:
    stripped = line.strip()
    return len(stripped.split()) <= _TAGLINE_MAX_WORDS and not stripped.endswith(_SENTENCE_END)


def _drop_trailing_taglines(lines: list[str]) -> list[str]:
    end = len(lines)
    while end and (not lines[end - 1].strip() or _is_tagline(lines[end - 1])):
        # Stop at the article's own last sentence; never strip a text down to nothing.
        if lines[end - 1].strip() and not any(line.strip() for line in lines[: end - 1]):
            break
        end -= 1
    return lines[:end]


def outlet_boilerplate(
    texts_by_outlet: Mapping[str, Iterable[str]], min_reports: int = 3, min_share: float = 0.5
) -> dict[str, set[str]]:
    """Lines that recur in at least ``min_reports`` reports and ``min_share`` of one outlet's reports.

    Returns, per outlet, the set of such lines in :func:`normalise_line` form.

    >>> texts = {"blog": ["A.\\nBlog: news you trust", "B.\\nBlog: news you trust", "C.\\nBlog: news you trust"]}
    >>> outlet_boilerplate(texts)
    {'blog': {'blog: news you trust'}}
    """
    found: dict[str, set[str]] = {}
    for outlet, texts in texts_by_outlet.items():
        texts = list(texts)
        counts = Counter(
            line for text in texts for line in {normalise_line(raw) for raw in text.split("\n")} if line
        )
        needed = max(min_reports, min_share * len(texts))
        found[outlet] = {line for line, count in counts.items() if count >= needed}
    return found
