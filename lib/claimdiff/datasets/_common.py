"""Helpers the dataset loaders share: rebuilding text from tokens, hosts of URLs, finishing a reports table."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from claimdiff.published import local_published
from claimdiff.schema import REPORTS, conform

# Tokens that stick to the word before them ("said ," -> "said,"), and to the word after them ("( AP" -> "(AP").
_ATTACH_LEFT = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "’", "...", "…", "n't", "n’t"}
_ATTACH_RIGHT = {"(", "[", "{", "$", "“", "‘", "#"}
_CLITICS = {"s", "re", "ve", "ll", "d", "m"}  # 's 're 've 'll 'd 'm, after ' or ’
_PTB_QUOTES = {"``": '"', "''": '"'}
_WORD_END = re.compile(r"\w$")
_WORD_START = re.compile(r"^\w")


def _attaches_left(token: str) -> bool:
    lowered = token.lower()
    if lowered in _ATTACH_LEFT:
        return True
    if lowered[:1] in {"'", "’"} and lowered[1:] in _CLITICS:
        return True
    return bool(token) and all(char in ",.;:!?)]}%…" for char in token)


def detokenize(tokens: Sequence[str]) -> str:
    """Join tokens with spaces, but attach punctuation, clitics and quotes the way text is written.

    Straight quotes are paired: the first of a pair opens (sticks to the next token), the second closes.
    A lone ``'`` is an apostrophe (``Republicans ' votes`` -> ``Republicans' votes``). A hyphen between
    two words joins them; a hyphen beside punctuation stays a spaced dash.

    >>> detokenize(["He", "said", '"', "we", "are", "n't", "done", '"', "(", "AP", ")", "."])
    'He said "we aren\\'t done" (AP).'
    >>> detokenize(["Kim", "Jong", "-", "un", "'s", "cost", "$", "5", ".", "9", "at", "4", ":", "00", "pm"])
    "Kim Jong-un's cost $5.9 at 4:00 pm"
    """
    tokens = [_PTB_QUOTES.get(token, token) for token in tokens]
    pieces: list[str] = []
    glue_next = True  # no space before the first token
    open_double = open_single = False
    for i, token in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        left, right = _attaches_left(token), token in _ATTACH_RIGHT
        if token == '"':
            closes = open_double or not nxt or ('"' not in tokens[i + 1 :] and _attaches_left(prev))
            left, right = closes, not closes
            open_double = not closes
        elif token == "'":
            opens = not open_single and "'" in tokens[i + 1 :]
            left, right = not opens, opens
            open_single = opens
        elif token == "-" and _WORD_END.search(prev) and _WORD_START.match(nxt):
            left = right = True
        elif token in {":", ".", "/"} and prev.isdigit() and nxt.isdigit():  # 4:00, 5.9, 15/09/2013
            left = right = True
        if pieces and not (glue_next or left):
            pieces.append(" ")
        pieces.append(token)
        glue_next = right
    return "".join(pieces)


def host_of(url: str | None) -> str | None:
    """Host name of ``url`` without a leading ``www.``, or None when there is none.

    >>> host_of("http://www.bbc.co.uk/news/1"), host_of("not a url")
    ('bbc.co.uk', None)
    """
    if not url:
        return None
    host = urlsplit(url.strip()).hostname
    if not host:
        return None
    return host.removeprefix("www.")


def tidy_whitespace(text: str) -> str:
    """Strip trailing spaces from lines and collapse runs of blank lines into one blank line.

    >>> tidy_whitespace("  One. \\n\\n\\n\\nTwo.  ")
    'One.\\n\\nTwo.'
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def require_file(folder: Path, name: str, dataset: str) -> Path:
    """``folder / name``, or a FileNotFoundError that says which dataset folder was expected."""
    path = Path(folder) / name
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: pass the {dataset} dataset folder (the one holding {name} and SOURCE.md), "
            f"e.g. ../shared/datasets/{dataset}"
        )
    return path


def finish(frame: pd.DataFrame, extra: Mapping[str, str]) -> pd.DataFrame:
    """Mark duplicate texts, set the language and conform to ``REPORTS``; cast the ``extra`` columns.

    ``duplicate_of`` is the id of the first row with the identical text, missing for that first row.
    ``published_local`` is read from ``published`` as :func:`claimdiff.corpus.load_corpus` reads it (NaT for
    dates without a UTC offset, which is all the research datasets give).
    """
    frame = frame.copy()
    frame["language"] = "en"
    if "published" in frame:
        frame["published_local"] = frame["published"].map(local_published)
    first_id = frame.groupby("text", sort=False)["id"].transform("first")
    frame["duplicate_of"] = first_id.where(first_id != frame["id"])
    frame = conform(frame, REPORTS)
    for column, dtype in extra.items():
        frame[column] = frame[column].astype(dtype)
    return frame[list(REPORTS) + list(extra)]
