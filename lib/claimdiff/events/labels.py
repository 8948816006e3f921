"""Short readable names for events: a few distinctive words and the dates, "Sukhnah · ambush · ISIS (18–19 Apr 2024)".

The words are ranked by class-based TF-IDF (c-TF-IDF, as in BERTopic): all reports of an event are one document,
a word's weight is its share of the event's words times ``log(1 + A / f)``, where ``A`` is the mean number of words
per event and ``f`` the word's count over all events. Headlines count twice. Each word is shown in the spelling the
event's reports use most ("ISIS", "Sukhnah"); between equally distinctive words, names (words mostly written with a
capital) come first, and words already covered by a chosen word (its plural) are skipped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Words that name no event: calendar words and the verbs and nouns of reporting itself.
_NOT_DISTINCTIVE = frozenset(ENGLISH_STOP_WORDS) | {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "said", "says", "told", "according", "reported", "reports", "report", "news", "also", "year", "years", "week",
    "day", "days", "time", "just", "like", "new", "one", "two", "three", "people", "updated", "posted", "published",
}
_WORD = re.compile(r"[^\W\d_][\w'’\-]*[^\W_]|[^\W\d_]")


def words(text: str) -> list[str]:
    """The words of ``text`` as written, without possessive endings; at least 3 letters, no digits-only tokens.

    >>> words("Teixeira's $180m deal: Red Sox say no.")
    ['Teixeira', 'deal', 'Red', 'Sox', 'say']
    """
    return [word for word in map(_distinctive_form, _WORD.findall(text)) if word]


@lru_cache(maxsize=2**16)  # a corpus repeats its words: clean each spelling once
def _distinctive_form(word: str) -> str:
    """``word`` without a possessive ending, or "" when it is too short or names no event."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    word = word.strip("'’-")
    return word if len(word) >= 3 and word.lower() not in _NOT_DISTINCTIVE else ""


def distinctive_terms(texts: Sequence[str], titles: Sequence[str | None], events: Sequence[int],
                      n_terms: int = 3) -> dict[int, list[str]]:
    """The ``n_terms`` most distinctive words of each event by c-TF-IDF, spelt as the event's reports spell them.

    ``texts``, ``titles`` and ``events`` are aligned, one item per report.
    """
    spellings: dict[int, Counter] = {}
    counts: dict[int, Counter] = {}
    for text, title, event in zip(texts, titles, events, strict=True):
        tokens = words(text) + (words(title) if isinstance(title, str) else [])
        spellings.setdefault(event, Counter()).update(tokens)
        counts.setdefault(event, Counter()).update(token.lower() for token in tokens)
    overall = Counter()
    for event_counts in counts.values():
        overall.update(event_counts)
    mean_words = np.mean([sum(c.values()) for c in counts.values()]) if counts else 0.0
    chosen = {}
    for event, event_counts in counts.items():
        total = sum(event_counts.values()) or 1
        capitalised = Counter()
        for form, count in spellings[event].items():
            if form[:1].isupper():
                capitalised[form.lower()] += count
        ranked = sorted(  # ties (common in small corpora) go to names: words mostly written with a capital
            event_counts,
            key=lambda w: (-(event_counts[w] / total) * math.log1p(mean_words / overall[w]),
                           -capitalised[w] / event_counts[w], w),
        )
        terms: list[str] = []
        for word in ranked:
            if any(_covers(taken.lower(), word) for taken in terms):
                continue
            terms.append(_spelling(word, spellings[event]))
            if len(terms) == n_terms:
                break
        chosen[event] = terms
    return chosen


def _covers(taken: str, word: str) -> bool:
    """``taken`` already says ``word``: one is the other plus a plural or a short ending."""
    short, long = sorted((taken, word), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2


def _spelling(word: str, spellings: Counter) -> str:
    forms = [(count, form) for form, count in spellings.items() if form.lower() == word]
    return max(forms, key=lambda pair: (pair[0], pair[1] != word))[1] if forms else word


def date_range(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """The days from ``first`` to ``last``, as short as it can be said; empty if there is no date.

    >>> date_range(pd.Timestamp("2024-04-18"), pd.Timestamp("2024-04-19 10:00"))
    '18–19 Apr 2024'
    >>> date_range(pd.Timestamp("2024-04-30"), pd.Timestamp("2024-05-02"))
    '30 Apr – 2 May 2024'
    >>> date_range(pd.Timestamp("2023-12-30"), pd.Timestamp("2024-01-02"))
    '30 Dec 2023 – 2 Jan 2024'
    >>> date_range(pd.Timestamp("2024-04-18"), pd.Timestamp("2024-04-18")), date_range(pd.NaT, pd.NaT)
    ('18 Apr 2024', '')
    """
    if pd.isna(first) or pd.isna(last):
        return ""

    def day(stamp: pd.Timestamp, month: bool = True, year: bool = True) -> str:
        return " ".join(
            [str(stamp.day)] + ([MONTHS[stamp.month - 1]] if month else []) + ([str(stamp.year)] if year else [])
        )

    if first.date() == last.date():
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day(last)}"
    if first.year == last.year:
        return f"{day(first, year=False)} – {day(last)}"
    return f"{day(first)} – {day(last)}"


def event_label(terms: Sequence[str], first: pd.Timestamp, last: pd.Timestamp) -> str:
    """``"term · term · term (dates)"``; without the parenthesis when there are no dates.

    >>> event_label(["Sukhnah", "ambush", "ISIS"], pd.Timestamp("2024-04-18"), pd.Timestamp("2024-04-19"))
    'Sukhnah · ambush · ISIS (18–19 Apr 2024)'
    """
    dates = date_range(first, last)
    text = " · ".join(terms)
    return f"{text} ({dates})" if dates else text
