"""Which counts of a sentence are figures of the event a report is about, to be compared across outlets.

One kind is not, though the details stage reads it as a count (counts of other incidents and running totals are
background, left out of every comparison: :mod:`.background`):

- people pointed at, not numbered ("the passenger also died", "the groom's father and brother were killed", "he",
  "both"): the details stage reads them as 1 or 2 so that a report's toll counts them, but they tell who died, not
  how many, and set against another outlet's toll they are no figure that can contradict it. People introduced with
  an indefinite article are counted ("a soldier was killed" is one death, against "two soldiers were killed").

And a vague word ("dozens were wounded") is not compared where its report gives the same count as a figure above
all the word can mean ("140 injured" further down; dozens are 24-99): the lead's loose wording, not a second
account. A figure within the word's range ("25 others were wounded" in one town) may be a part of it.

>>> unnumbered_counts(pd.DataFrame({"kind": "count", "text": ["the passenger", "no one", "two", "dozens", "A soldier"],
...                                 "low": [1.0, 0.0, 2.0, 24.0, 1.0]})).tolist()
[True, False, False, False, False]
"""

from __future__ import annotations

import re

import pandas as pd

from ..details.counts import is_aggregate
from ..details.gazetteer import top_level_names
from ..details.numbers import number_phrases
from ..details.places import place_ancestors
from ..details.scope import INCIDENT, RUNNING_TOTAL
from ..details.scope_frames import LEAD_SENTENCES
from .compatible import most_specific, places_compatible

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


def stated_figures(details: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``details`` that state a figure: not people pointed at (:func:`unnumbered_counts`), not a vague
    word beside its report's own larger figure (:func:`vague_beside_figure`).

    >>> len(stated_figures(pd.DataFrame({"report_id": "r", "kind": "count", "subject": "killed",
    ...                                  "text": ["the passenger", "two"], "low": [1.0, 2.0], "high": [1.0, 2.0]})))
    1
    """
    return details[~unnumbered_counts(details) & ~vague_beside_figure(details)]


def zero_casualties_as_tolls(details: pd.DataFrame) -> pd.DataFrame:
    """``details`` with each count of no casualties ("no civilians were harmed": neither killed nor injured, subject
    ``casualties``) given again as no one killed and no one injured, so that it is compared with other outlets'
    tolls of the group ("two shepherds were killed").

    >>> d = pd.DataFrame({"report_id": "r", "kind": "count", "subject": ["casualties", "casualties"],
    ...                   "group": "civilians", "text": ["No", "three"], "low": [0.0, 3.0], "high": [0.0, 3.0]})
    >>> zero_casualties_as_tolls(d)["subject"].tolist()
    ['casualties', 'casualties', 'killed', 'injured']
    """
    none = details[details["kind"].eq("count") & details["subject"].eq("casualties") & details["high"].eq(0)]
    if none.empty:
        return details
    return pd.concat([details, none.assign(subject="killed"), none.assign(subject="injured")], ignore_index=True)


def loose_words(details: pd.DataFrame) -> pd.Series:
    """Which count rows of ``details`` give their count by a word, not a number ("tens", "dozens", "several").

    >>> loose_words(pd.DataFrame({"kind": "count", "text": ["Tens", "at least 60", "no one"]})).tolist()
    [True, False, False]
    """
    return details["kind"].eq("count") & details["text"].astype(str).map(_is_vague).astype(bool)


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


def event_figures(details: pd.DataFrame) -> pd.DataFrame:
    """``details`` without the counts that are no figure of this event: war-wide totals and populations (the
    details stage's ``group``). A sentence whose only figure is one of those states no key fact of the event, and
    its places and dates are not compared. (Counts of other incidents and running totals are background: the
    details' ``scope``, :mod:`.background`.)

    >>> d = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1], "kind": "count", "subject": ["killed", "other"],
    ...                   "group": ["people", "war-wide"], "text": ["12", "300000"]})
    >>> event_figures(d)["text"].tolist()
    ['12']
    """
    group = details["group"] if "group" in details else pd.Series(pd.NA, index=details.index)
    wide = details["kind"].eq("count") & group.isin(NOT_THIS_EVENT)
    return details[~wide]


def span_tolls(details: pd.DataFrame, members: pd.DataFrame) -> pd.Series:
    """Which rows of ``details`` are the toll of a span that is the report's own story: a count of a running total
    (the details' ``scope``: "At least 132 militants have been killed since Saturday", "killed some 70 fighters in
    two days") in its report's lead (its first :data:`~claimdiff.details.scope_frames.LEAD_SENTENCES` sentences),
    where the report counts nothing of that subject for a single incident (no count of the subject of scope
    ``incident``) and the sentence sums up no several incidents (``is_aggregate``: "in two more incidents"). A
    report that leads with an offensive's toll and gives no day's toll is about the offensive; one that leads with a
    strike's toll and adds "bringing to 45 the number killed in 24 hours" is not. ``members``: ``report_id``,
    ``sent_idx``, ``text`` of the event's sentences.

    >>> d = pd.DataFrame({"report_id": ["a", "b", "b"], "sent_idx": [0, 0, 0], "kind": "count", "subject": "killed",
    ...                   "scope": ["running total", "incident", "running total"]})
    >>> m = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "text": "x"})
    >>> span_tolls(d, m).tolist()
    [True, False, False]
    """
    if "scope" not in details or details.empty:
        return pd.Series(False, index=details.index)
    counts = details["kind"].eq("count")
    own = details[counts & details["scope"].eq(INCIDENT).fillna(False).astype(bool)]
    told = set(zip(own["report_id"], own["subject"], strict=True))
    texts = members.drop_duplicates(["report_id", "sent_idx"]).set_index(["report_id", "sent_idx"])["text"]
    chosen = counts & details["scope"].eq(RUNNING_TOTAL).fillna(False).astype(bool) \
        & details["sent_idx"].lt(LEAD_SENTENCES)
    result = pd.Series(False, index=details.index)
    for index, report, sent_idx, subject in zip(details.index[chosen], details.loc[chosen, "report_id"],
                                                details.loc[chosen, "sent_idx"], details.loc[chosen, "subject"],
                                                strict=True):
        result[index] = (report, subject) not in told and not is_aggregate(str(texts.get((report, sent_idx), "")))
    return result


# Right after a count: people besides those counted before ("more than twenty others", "30 more people").
OTHERS_AFTER = re.compile(r"\s+(?:others?|more)\b", re.IGNORECASE)


def continued_counts(details: pd.DataFrame, members: pd.DataFrame) -> dict[tuple, list[dict]]:
    """Per sentence (``report_id``, ``sent_idx``) that counts people, the counts of the next sentence of its report
    that carry on from it: a count of people besides those it counted ("Some 14 people including two children were
    killed. More than 50 others were reported injured"), of a subject the sentence does not count, and the first
    count of its own sentence (after one, "others" are besides that one: "Five were killed and 40 others"). They are the
    sentence's own statement, split in two: an outlet that says "five were killed and 40 others injured" in one
    sentence says no more than this. ``details``: count rows (``report_id``, ``sent_idx``, ``subject``, ``text``);
    ``members``: ``report_id``, ``sent_idx``, ``text`` of the sentences.

    >>> d = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "kind": "count", "start": 0,
    ...                   "subject": ["killed", "injured", "injured"], "text": ["Some 14", "More than 50", "Six"]})
    >>> m = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "text": [
    ...     "Some 14 people were killed.", "More than 50 others were reported injured.", "Six were hurt."]})
    >>> [(k, [c["text"] for c in v]) for k, v in continued_counts(d, m).items()]
    [(('r', 0), ['More than 50'])]
    """
    counts = details[details["kind"].eq("count")]
    if counts.empty:
        return {}
    subjects = counts.groupby(["report_id", "sent_idx"])["subject"].agg(set).to_dict()
    first = counts["start"].eq(counts.groupby(["report_id", "sent_idx"])["start"].transform("min"))
    after = counts[first & pd.Series([(r, i - 1) in subjects for r, i in zip(counts["report_id"], counts["sent_idx"],
                                                                            strict=True)], index=counts.index)]
    if after.empty:
        return {}
    texts = members.drop_duplicates(["report_id", "sent_idx"]).set_index(["report_id", "sent_idx"])["text"]
    found: dict[tuple, list[dict]] = {}
    for row in after.to_dict("records"):
        before = (row["report_id"], row["sent_idx"] - 1)
        sentence, phrase = str(texts.get((row["report_id"], row["sent_idx"]), "")), str(row["text"])
        at = sentence.find(phrase)
        if row["subject"] not in subjects[before] and at >= 0 and OTHERS_AFTER.match(sentence, at + len(phrase)):
            found.setdefault(before, []).append(row)
    return found


def revised_tolls(members: pd.DataFrame, details: pd.DataFrame) -> set[tuple]:
    """The (event, outlet, subject, report) of counts that a later report of the same outlet on the event revises,
    in whatever claim group it says so: one that gives a figure of the subject at least as large (a toll rises as
    the dead are counted). A later report with a smaller figure revises nothing: it tells of a part ("three children
    among the dead") or of another strike the event holds ("9 injured in new mortar attacks" after "more than 50
    injured"), and the earlier figure stands.

    >>> members = pd.DataFrame({"report_id": ["a", "b", "c"], "sent_idx": 0, "event_id": 0, "outlet": "x",
    ...                         "published": pd.to_datetime(["2016-04-28", "2016-04-29", "2016-04-30"])})
    >>> details = pd.DataFrame({"report_id": ["a", "b", "c"], "sent_idx": 0, "kind": "count", "subject": "injured",
    ...                         "low": [51.0, 9.0, 60.0], "high": [float("nan"), 9.0, 60.0]})
    >>> sorted(revised_tolls(members, details))
    [(0, 'x', 'injured', 'a'), (0, 'x', 'injured', 'b')]
    """
    counts = details[details["kind"].eq("count")]
    stated = members[["report_id", "sent_idx", "event_id", "outlet", "published"]].drop_duplicates().merge(
        counts[["report_id", "sent_idx", "subject", "low", "high"]], on=["report_id", "sent_idx"])
    if stated.empty:
        return set()
    stated = stated.assign(point=stated["low"].where(stated["low"].notna(), stated["high"]))
    keys = ["event_id", "outlet", "subject"]
    tolls = stated.groupby([*keys, "report_id"]).agg(published=("published", "max"), point=("point", "max"))
    tolls = tolls.reset_index()
    tolls = tolls[tolls.groupby(keys)["report_id"].transform("size").gt(1)]
    if tolls.empty:
        return set()
    pairs = tolls.merge(tolls, on=keys, suffixes=("", "_later"))
    revised = pairs[pairs["published_later"].gt(pairs["published"]) & pairs["point_later"].ge(pairs["point"])]
    return set(zip(revised["event_id"], revised["outlet"], revised["subject"], revised["report_id"], strict=True))
