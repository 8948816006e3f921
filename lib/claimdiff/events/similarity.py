"""How alike two reports are as accounts of one event: a report x report similarity matrix.

Event identity lives in names, numbers, places and dates more than in the kind of event: two earthquakes, or two
shootings in one city a week apart, read alike but are different events. So the similarity is mostly lexical:

- ``words``: TF-IDF cosine over words (sublinear tf, English stop words dropped), with the IDF fitted on the corpus
  at hand, so that the words of the corpus' common topic weigh little and an event's own names and numbers much;
- ``names``: TF-IDF cosine over the capitalised words and the numbers of the text (a cheap stand-in for named
  entities, no tagger needed);
- ``opening``: the same two channels over each report's opening (headline and lead, the first ``opening_chars``
  characters), blended in with ``opening_weight``: a report tells its own event there, later paragraphs are often
  background about earlier incidents;
- ``house style``: in both, each outlet's house words (those it puts in most of its reports) weigh little for its
  reports (:mod:`claimdiff.events.house`);
- ``canonical places``: in both, every gazetteer place is written as its canonical name ("Idleb" as "Idlib":
  :func:`claimdiff.events.places.canonical_place_names`), so that outlets' spellings agree;
- ``places``: where the two openings name only places that cannot be the same ground, ``place_weight`` is taken off
  (:mod:`claimdiff.events.places`);
- ``acts``: where the two openings name only different kinds of act (an air strike, a car bombing), ``act_weight``
  is taken off (:mod:`claimdiff.events.acts`);
- ``identity`` (optional, off by default): where the two openings agree on place, kind of act and day,
  ``identity_weight`` is added (:mod:`claimdiff.events.identity`);
- ``dense`` (optional, off by default): cosine of the mean sentence embeddings, counted only above a floor, i.e.
  only when two reports say nearly the same thing in other words;
- ``time``: a soft penalty that grows with the days between publication dates (none where a date is missing; a dated
  report's publication day is its own dateline's where the text opens with one: :mod:`claimdiff.events.datelines`);
- ``dates``: the days each report says things happened on (:mod:`claimdiff.events.dates`): where two reports name a
  day in common they are about the same day, and the time penalty is waived (a follow-up weeks later that names the
  day of the shooting), and so it is for two published a day apart where the later one's opening tells of the
  last 24 hours (a toll "during the past 24 hours" filed the next day:
  :func:`claimdiff.events.dates.covers_day_before`); where both name days but none within ``date_clash_days - 1``
  days of each other (one day by default), ``date_weight`` is taken off (two attacks "on Friday", a week apart).
  Reports that name no day keep the time penalty alone;
- ``recurrence``: where the main events of two reports (the earliest day named in each report's lead, the first
  sentence that names a day: :func:`claimdiff.events.dates.main_events`) are at least ``recurrence_days`` apart,
  ``recurrence_weight`` times the TF-IDF cosine of the two leads is taken off: leads that tell alike of events days
  apart tell two instances of one kind of event (a second attack on the same checkpoint a week later), whatever
  the rest of the text shares; a follow-up whose lead tells another step (an arrest, a death in hospital) loses
  little.

``lexical(a, b) = (1 - entity_weight) * words + entity_weight * names`` (cosines over texts a and b)

``similarity = (1 - dense_weight) * ((1 - opening_weight) * lexical(texts) + opening_weight * lexical(openings))
+ dense_weight * max(0, dense - dense_floor) / (1 - dense_floor)
- [no day in common] * time_weight * (1 - exp(-days / time_scale_days))
- [days named, none near (date_clash_days)] * date_weight
- [opening places clash] * place_weight
- [opening acts clash] * act_weight
+ [opening place, act and day agree] * identity_weight
- [main events recurrence_days apart] * recurrence_weight * cosine(leads)``

Reports that are (near) copies of each other, wire copy reprinted by several outlets, would make their shared words
look common; the IDF is therefore fitted on one report of each group of near-duplicates (:func:`near_duplicates`).

Each channel is computed per pair in :mod:`claimdiff.events.pairs`; :func:`report_similarity` asks it for all
pairs (a dense n x n float32 matrix, for small corpora and inspection), the clusterer only for the candidate
pairs of :mod:`claimdiff.events.candidates`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .candidates import candidate_graph, duplicate_groups
from .captions import MAX_CHARS, SENTENCE_END, caption_spans

# A capitalised word (with the capitalised words and name particles that follow it on its line), or an acronym.
_NAME = re.compile(
    r"(?<![\w])(?:[A-Z][\w'’\-.]*[a-z0-9][\w'’\-]*|[A-Z]{2,})(?:[^\S\n]+(?:[A-Z][\w'’\-]*|of|de|al|el|bin))*"
)
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def report_texts(reports: pd.DataFrame) -> list[str]:
    """The headline and the body of each report, as one text: ``title`` is put first unless ``text`` opens with it.

    >>> report_texts(pd.DataFrame({"title": ["Quake", None], "text": ["A quake hit.", "Rain."]}))
    ['Quake\\nA quake hit.', 'Rain.']
    """
    titles = reports["title"] if "title" in reports else pd.Series(None, index=reports.index, dtype=object)
    texts = []
    for title, text in zip(titles, reports["text"], strict=True):
        text = text if isinstance(text, str) else ""
        if isinstance(title, str) and title.strip() and not text.startswith(title.strip()):
            text = f"{title.strip()}\n{text}"
        texts.append(text)
    return texts


def headline_ends(reports: pd.DataFrame, texts: list[str]) -> list[int]:
    """Where each text of :func:`report_texts` ends its headline: the length of ``title`` (0 without one).

    >>> reports = pd.DataFrame({"title": ["Quake", None], "text": ["Quake A quake hit.", "Rain."]})
    >>> headline_ends(reports, report_texts(reports))
    [5, 0]
    """
    titles = reports["title"] if "title" in reports else [None] * len(texts)
    return [len(title.strip()) if isinstance(title, str) and text.startswith(title.strip()) else 0
            for title, text in zip(titles, texts, strict=True)]


def opening(text: str, chars: int = 300, headline_end: int = 0) -> str:
    """The opening of a report's text (headline and lead): its first ``chars`` characters outside photo captions
    (:mod:`claimdiff.events.captions`: a photo may be of another day or place), to the end of a word; the pieces
    around a caption are joined by a space. ``headline_end``: where the headline ends, when the text opens with it
    without a line break (no caption begins before it).

    >>> opening("Strikes hit Idlib. Later, in background, an earlier raid on Homs.", 20)
    'Strikes hit Idlib. Later'
    >>> opening("Jets hit Homs. Men search a site in Idlib Syria August 6 2016 (Reuters) Strikes hit Hama. Later.", 25)
    'Jets hit Homs. Strikes hit'
    """
    return " ".join(text[start:end] for start, end in opening_spans(text, chars, headline_end))


def opening_spans(text: str, chars: int = 300, headline_end: int = 0) -> list[tuple[int, int]]:
    """The ``(start, end)`` pieces of ``text`` that make its :func:`opening`, in order.

    >>> opening_spans("Jets hit Homs. Men search a site in Idlib Syria August 6 2016 (Reuters) Strikes hit Hama.", 25)
    [(0, 14), (72, 83)]
    """
    return without_other_events(text, _caption_free_spans(text, chars, headline_end))


# A clause of the lead that dates another event from this one: "... on Tuesday, just hours after a gas attack left
# dozens dead in Khan Sheikhun", "... a day after Russia and the US agreed a truce".
_OTHER_EVENT = re.compile(
    r"\b(?:(?:just|only|barely|some|nearly|about|two|three|four|five|six|several|a\s+few|a|the)\s+){0,2}"
    r"(?:hours|days|weeks|months|day|week|month)\s+(?:after|before)\b",
    re.IGNORECASE,
)


def without_other_events(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` less each clause that tells of another event by its distance in time ("just hours after a gas
    attack in Khan Sheikhun"), to the end of its sentence; a sentence that opens with one ("A day after the first
    massacre ... a second") is kept whole, its own event coming after the clause.

    >>> text = "19 were killed near Damascus on Tuesday just hours after a gas attack in Idlib. Jets hit Douma."
    >>> [text[a:b] for a, b in without_other_events(text, [(0, len(text))])]
    ['19 were killed near Damascus on Tuesday', 'Jets hit Douma.']
    >>> text = "Published April 8 2017 Just days after a gas attack a woman was killed in Homs."
    >>> [text[a:b] for a, b in without_other_events(text, [(0, len(text))])] == [text]
    True
    """
    kept = []
    for start, end in spans:
        for m in _OTHER_EVENT.finditer(text, start, end):
            before = text[start : m.start()]
            if m.start() < start or text[m.start()].isupper() or not before.strip() or re.search(r"[.!?]\s*$", before):
                continue  # inside a clause cut already, or the sentence opens with it
            stop = SENTENCE_END.search(text, m.end(), end)
            kept.append((start, start + len(before.rstrip())))
            start = stop.end() if stop else end
            start += len(text[start:end]) - len(text[start:end].lstrip())
        if start < end:
            kept.append((start, end))
    return kept


def _caption_free_spans(text: str, chars: int, headline_end: int) -> list[tuple[int, int]]:
    if len(text) <= chars and "(" not in text:
        return [(0, len(text))] if text else []
    captions = caption_spans(text[: chars + 4 * MAX_CHARS], headline_end)  # those before the opening's end
    spans, left, last = [], chars, 0
    for start, end in [*captions, (len(text), len(text))]:
        if start > last:
            piece = text[last:start]
            begin, stop = last + len(piece) - len(piece.lstrip()), start - (len(piece) - len(piece.rstrip()))
            if stop > begin and stop - begin >= left:
                stop = begin + left
                stop += re.search(r"\W|$", text[stop:]).start()
                spans.append((begin, stop))
                return spans
            if stop > begin:
                spans.append((begin, stop))
                left -= stop - begin + 1
        last = max(last, end)
    return spans


def entity_tokens(text: str) -> list[str]:
    """The capitalised words (lower-cased) and the numbers of ``text``: the ``names`` channel's tokens.

    >>> entity_tokens("Gunmen killed 21 soldiers near al-Sukhnah, the Islamic State said.")
    ['gunmen', 'sukhnah', 'islamic', 'state', '21']
    """
    names = [word.lower().strip(".'’") for name in _NAME.findall(text) for word in name.split() if word[0].isupper()]
    return names + [number.replace(",", "").rstrip(".") for number in _NUMBER.findall(text)]


def _word_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32)


def near_duplicates(texts: Sequence[str], threshold: float = 0.8) -> np.ndarray:
    """For each text, the index of the first text of its group of near-duplicates (itself if it has none).

    Two texts are near-duplicates when the cosine of their word TF-IDF vectors is at least ``threshold``; groups
    are closed under that relation (a copy of a copy is in the group). Only each text's 30 nearest texts are
    compared (:func:`claimdiff.events.candidates.candidate_graph`), so no n x n matrix is made.

    >>> wire = "A car bomb killed ten people at a market in Homs on Tuesday, the governor said."
    >>> near_duplicates([wire, "The central bank raised rates.", wire + " (AP)"]).tolist()
    [0, 1, 0]
    """
    try:
        vectors = _word_vectorizer().fit_transform(texts)
    except ValueError:  # no tokens at all (empty vocabulary): nothing in common
        return np.arange(len(texts), dtype=np.int64)
    return duplicate_groups(vectors, candidate_graph(vectors, window_days=None), threshold)


def mean_sentence_vectors(report_ids: Sequence[str], sentences: pd.DataFrame, embedder) -> np.ndarray:
    """One unit vector per report, rows in ``report_ids`` order: the mean of its sentence vectors (0 if none)."""
    position = {report_id: i for i, report_id in enumerate(report_ids)}
    rows = sentences["report_id"].map(position)
    sentences = sentences[rows.notna()]
    vectors = np.asarray(embedder.encode(sentences["text"].tolist()), dtype=np.float32)
    means = np.zeros((len(position), vectors.shape[1] if vectors.ndim == 2 and len(vectors) else 1), np.float32)
    if len(vectors):
        np.add.at(means, rows[rows.notna()].to_numpy(dtype=np.int64), vectors)
    return normalize(means)


def report_similarity(reports: pd.DataFrame, sentences: pd.DataFrame | None = None, embedder=None,
                      **settings) -> np.ndarray:
    """The n x n similarity of the reports (rows and columns in the order of ``reports``), as in the module docstring.

    ``reports`` needs ``id`` and ``text``; ``title`` and ``published`` are used where present. ``embedder`` is
    needed only when ``dense_weight > 0``, ``sentences`` then too (for the dates they are split here when not
    given). The diagonal is 1. Values lie in
    ``[-time_weight - date_weight - place_weight - act_weight - recurrence_weight, 1 + identity_weight]``.
    ``settings``: the keyword arguments of :func:`claimdiff.events.pairs.report_features`, with every pair
    compared.
    """
    from .pairs import pair_similarity, report_features  # pairs builds on this module

    features = report_features(reports, sentences, embedder, **settings, n_candidates=None, window_days=None)
    n = len(reports)
    rows, cols = np.indices((n, n)).reshape(2, -1)
    return pair_similarity(features, rows, cols).reshape(n, n)
