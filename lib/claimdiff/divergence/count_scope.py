"""Which counts of a sentence are figures of the event a report is about, to be compared across outlets.

Two kinds are not, though the details stage reads them as counts:

- counts tied by their sentence to another incident or to a span of time (``data/other_incidents.yaml``): a
  count after a time frame ("earlier this week a chemical attack killed 87"), in a clause about another moment
  ("a day after dozens of children were killed in Idlib", up to the next comma), or in a sentence that sums up a
  span ("have killed 38 civilians in two days of bombardment", "since Saturday", "since a truce collapsed on
  September 19"), or in a sentence that carries on the running total of the one before ("The strikes have killed
  122", "The toll includes 126 ...");
- people pointed at, not numbered ("the passenger also died", "the groom's father and brother were killed", "he",
  "both"): the details stage reads them as 1 or 2 so that a report's toll counts them, but they tell who died, not
  how many, and set against another outlet's toll they are no figure that can contradict it. People introduced with
  an indefinite article are counted ("a soldier was killed" is one death, against "two soldiers were killed").

And a vague word ("dozens were wounded") is not compared where its report gives the same count as a figure above
all the word can mean ("140 injured" further down; dozens are 24-99): the lead's loose wording, not a second
account. A figure within the word's range ("25 others were wounded" in one town) may be a part of it.

>>> sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "text": [
...     "Six children were killed on Thursday, a day after 22 died in Idlib.",
...     "Earlier this week a chemical attack killed 87 civilians."]})
>>> details = pd.DataFrame({"report_id": "r", "sent_idx": [0, 0, 1], "kind": "count", "subject": "killed",
...                         "text": ["Six", "22", "87"], "low": [6., 22., 87.]})
>>> other_incident_counts(details, sentences).tolist()
[False, True, True]
>>> unnumbered_counts(pd.DataFrame({"kind": "count", "text": ["the passenger", "no one", "two", "dozens", "A soldier"],
...                                 "low": [1.0, 0.0, 2.0, 24.0, 1.0]})).tolist()
[True, False, False, False, False]
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pandas as pd

from ..details.gazetteer import top_level_names
from ..details.lexicon import load
from ..details.numbers import number_phrases
from ..details.places import place_ancestors
from .compatible import most_specific, places_compatible

_CLAUSE_END = re.compile(r"[,;:]")


@cache
def _markers() -> dict[str, re.Pattern[str]]:
    data = load("other_incidents")
    markers = {part: re.compile(r"\b(?:" + "|".join(data[part]) + r")\b", re.IGNORECASE)
               for part in ("frame", "clause", "sentence")}
    markers["continuation"] = re.compile("|".join(data["continuation"]), re.IGNORECASE)
    return markers


@lru_cache(maxsize=1 << 19)  # asked once per detail row and per sentence: room for 30,000 reports' sentences
def other_incident_span(text: str) -> int | None:
    """Where in ``text`` the counts of other incidents begin (0: the whole sentence), or None.

    >>> other_incident_span("Six were killed; last week a strike killed 22"), other_incident_span("None here")
    (17, None)
    >>> other_incident_span("The strikes have killed 40 since Saturday")
    0
    """
    markers = _markers()
    if markers["sentence"].search(text):
        return 0
    found = markers["frame"].search(text)
    return found.start() if found else None


def running_total_sentences(sentences: pd.DataFrame) -> set[tuple]:
    """The (report_id, sent_idx) of ``sentences`` that carry on a running total: each follows, in its report, a
    sentence that sums up a span (or one that carries it on) and continues it (``continuation`` in
    ``data/other_incidents.yaml``: "The strikes have killed 122", "Another 327 ...", "The toll includes 126 ...").

    >>> s = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2, 3], "text": [
    ...     "Strikes have intensified since rebels launched a campaign on July 31.", "The strikes have killed 122.",
    ...     "Another 327 civilians have been killed in Aleppo.", "On Sunday a strike killed 9."]})
    >>> sorted(running_total_sentences(s))
    [('r', 1), ('r', 2)]
    """
    markers, found, previous = _markers(), set(), None
    for row in sentences.sort_values(["report_id", "sent_idx"], kind="stable").itertuples(index=False):
        text = str(row.text)
        carried = (previous is not None and previous[0] == row.report_id and previous[1] == row.sent_idx - 1
                   and previous[2] and markers["continuation"].search(text) is not None)
        if carried:
            found.add((row.report_id, row.sent_idx))
        previous = (row.report_id, row.sent_idx, carried or other_incident_span(text) == 0)
    return found


def _in_clause(text: str, start: int) -> bool:
    """Does the count at ``start`` follow a clause about another moment, with no comma between?"""
    for found in _markers()["clause"].finditer(text, 0, start):
        if not _CLAUSE_END.search(text, found.end(), start):
            return True
    return False


def other_incident_counts(details: pd.DataFrame, sentences: pd.DataFrame, kinds: tuple = ("count",)) -> pd.Series:
    """Which rows of ``details`` (of ``kinds``: counts, or also places and dates) are of another incident or of a
    span (see the module docstring), aligned with ``details``; ``sentences`` holds their sentences (``report_id``,
    ``sent_idx``, ``text``). A detail is placed in its sentence by its phrase (``text``; the first occurrence)."""
    chosen = details["kind"].isin(kinds)
    if not chosen.any() or sentences.empty:
        return pd.Series(False, index=details.index)
    text = sentences.drop_duplicates(["report_id", "sent_idx"]).set_index(["report_id", "sent_idx"])["text"]
    keys = pd.MultiIndex.from_frame(details.loc[chosen, ["report_id", "sent_idx"]])
    texts = text.reindex(keys).fillna("").astype(str).tolist()
    carried_on = running_total_sentences(sentences.drop_duplicates(["report_id", "sent_idx"]))
    flags = []
    for key, sentence, phrase in zip(keys, texts, details.loc[chosen, "text"].astype(str), strict=True):
        start = max(sentence.find(phrase), 0)
        span = other_incident_span(sentence)
        flags.append((span is not None and start >= span) or _in_clause(sentence, start) or key in carried_on)
    result = pd.Series(False, index=details.index)
    result[chosen] = flags
    return result


# Quantifiers that point back to people or things named before ("both surrounded by ..."), not figures.
_ANAPHORIC = frozenset({"both"})
_INDEFINITE = re.compile(r"^\W*(?:an?|another|one)\b", re.IGNORECASE)  # "a soldier", "another man and a woman"


def unnumbered_counts(details: pd.DataFrame) -> pd.Series:
    """Which rows of ``details`` are counts of people pointed at, not numbered (see the module docstring): no
    quantity in the phrase and no indefinite article (or a quantity that points back: "both"), and not a zero ("no
    one was hurt" is a figure)."""
    counts = details["kind"].eq("count") & details["low"].ne(0)
    named = details["text"].astype(str).map(
        lambda phrase: (not number_phrases(phrase) and not _INDEFINITE.match(phrase))
        or phrase.strip().lower() in _ANAPHORIC).astype(bool)
    return counts & named


def vague_beside_figure(details: pd.DataFrame) -> pd.Series:
    """Which count rows of ``details`` are a vague word ("dozens", "hundreds") whose report gives the same count
    (subject and group) as a figure above the word's range ("140 injured" beside "dozens wounded", dozens being
    24-99): the figure is what the report says.

    >>> d = pd.DataFrame({"report_id": "r", "kind": "count", "subject": "injured", "group": "people",
    ...                   "text": ["dozens", "140", "several"], "low": [24.0, 140.0, 3.0], "high": [99.0, 140.0, 9.0]})
    >>> vague_beside_figure(d).tolist(), vague_beside_figure(d.assign(low=[24.0, 25.0, 3.0])).tolist()
    ([True, False, True], [False, False, True])
    """
    counts = details[details["kind"].eq("count")]
    if counts.empty:
        return pd.Series(False, index=details.index)
    group = counts["group"].astype(object).where(counts["group"].notna(), "") if "group" in counts else ""
    keys = counts[["report_id", "subject"]].assign(group=group)
    vague = counts["text"].astype(str).map(_is_vague)
    figures = keys[~vague].assign(low=counts.loc[~vague, "low"]).groupby(["report_id", "subject", "group"])["low"].max()
    largest = pd.Series(figures.reindex(pd.MultiIndex.from_frame(keys)).to_numpy(), index=counts.index)
    result = pd.Series(False, index=details.index)
    result[counts.index] = vague & largest.gt(counts["high"]).fillna(False)  # an open word ("many") has no top
    return result


def _is_vague(phrase: str) -> bool:
    found = number_phrases(phrase)
    return bool(found) and all(p.kind == "vague" for p in found)


def places_apart(mine: frozenset, theirs: frozenset) -> bool:
    """Do two counts' sentences name places that cannot be one ground: each names a place that lies neither in,
    around nor across any place of the other (two towns: the counts are of two strikes)? Countries are left out (an
    event lies in one), and a side that names no place is apart from nothing.

    >>> jasim = frozenset({"Jasim"})
    >>> places_apart(jasim, frozenset({"Nawa", "Syria"})), places_apart(jasim, frozenset({"Daraa"}))
    (True, False)
    >>> places_apart(frozenset(), frozenset({"Idlib"}))
    False
    """
    countries = top_level_names()
    mine, theirs = most_specific(mine - countries), most_specific(theirs - countries)
    return bool(mine) and bool(theirs) and not places_compatible(mine, theirs)


def strictly_within(inner: frozenset, outer: frozenset) -> bool:
    """Does every most specific place (below a country) of ``inner`` lie within one of ``outer``'s, and none of
    ``outer``'s within ``inner``'s (a town's count against its province's)?

    >>> strictly_within(frozenset({"Khan Shaykhun", "Idlib"}), frozenset({"Idlib", "Syria"}))
    True
    >>> strictly_within(frozenset({"Idlib"}), frozenset({"Idlib"})), strictly_within(frozenset(), frozenset({"Idlib"}))
    (False, False)
    """
    countries = top_level_names()
    inner, outer = most_specific(inner - countries), most_specific(outer - countries)
    return bool(inner) and bool(outer) and not inner & outer \
        and all(place_ancestors(p) & outer for p in inner)


# Groups the details stage gives counts that are no toll of one incident (claimdiff.details.groups).
NOT_THIS_EVENT = ("war-wide", "population")


def event_figures(details: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``details`` without the counts that are no figure of this event: those of another incident or a span
    (:func:`other_incident_counts`), war-wide totals and populations. A sentence whose only figure is one of
    those states no key fact of the event, and its places and dates are not compared.

    >>> d = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "kind": "count", "subject": ["killed", "other"],
    ...                   "group": ["people", "war-wide"], "text": ["12", "300000"]})
    >>> sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "text": ["12 killed", "x"]})
    >>> event_figures(d, sentences)["text"].tolist()
    ['12']
    """
    group = details["group"] if "group" in details else pd.Series(pd.NA, index=details.index)
    wide = details["kind"].eq("count") & group.isin(NOT_THIS_EVENT)
    return details[~wide & ~other_incident_counts(details, sentences)]

