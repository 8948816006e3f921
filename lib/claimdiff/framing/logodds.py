"""Words and phrases typical of one group of outlets against the rest, on the events both covered.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words",
Political Analysis 16(4), eq. 16 and 18-20). For group i against the rest j, term w with counts y_w^i, y_w^j,
totals n^i, n^j, and prior counts a_w summing to a_0:

    delta_w = log((y_w^i + a_w) / (n^i + a_0 - y_w^i - a_w)) - log((y_w^j + a_w) / (n^j + a_0 - y_w^j - a_w))
    var_w   = 1 / (y_w^i + a_w) + 1 / (y_w^j + a_w)
    z_w     = delta_w / sqrt(var_w)

The prior is informative: a_w = ``prior_scale`` x the term's count in all the text compared (both sides), so
a_0 = ``prior_scale`` x (n^i + n^j). Rare terms are pulled toward "no difference" and common ones are not, which
is the point of the method: raw log-odds rank one-off words first.

Which text: each comparison (one group against the rest) uses only the events that the group *and* at least one
other group covered, and on both sides only the reports of those events. A group that alone covered an event
cannot make that event's words look typical of it: the differences left are in how the shared stories were told,
not in which stories were told. Events come from ``claimdiff.events.cluster_events`` or from a column of the
reports (``event_column="gold_event"``).

Terms: lower-cased words of two or more characters (starting with a letter; hyphens and apostrophes inside words
kept; dotted abbreviations kept whole: "u.s.", "f.b.i.") and phrases of up to ``max_words`` words. Stop words
are handled so that phrases stay phrases: a unigram that is a stop word is
dropped, and so is a phrase that begins or ends with one ("of the", "the regime"), but "rule of law" stays.
The default stop words (:data:`STOP_WORDS`) are scikit-learn's English list plus the honorifics "mr", "mrs",
"ms": one outlet's house style ("Mr. Trump") would otherwise top its list.
Terms are counted with scikit-learn's ``CountVectorizer``; those used fewer than ``min_count`` times in all the
text compared are left out. ``exclude`` drops the terms that contain one of its phrases or are part of one: pass
the outlets' own names (``framing_tables`` does), so that bylines and datelines ("Global Wire", "told Valley
Radio") do not pass for framing.

>>> reports = pd.DataFrame({"id": ["a", "b"], "outlet": ["x", "y"], "event": [1, 1],
...                         "text": ["Terrorists attacked the army.", "Rebels attacked the army."]})
>>> table = log_odds(reports, event_column="event", min_count=1)
>>> table.loc[table["group"] == "x", ["term", "count_group", "count_rest"]].head(1).values.tolist()
[['terrorists', 1, 0]]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from claimdiff.schema import Schema, conform, empty, require

LOG_ODDS: Schema = {
    "group_by": "str",  # what the groups are: "outlet", "kind", ...
    "group": "str",  # the group compared against all the others
    "term": "str",  # a word or phrase, lower-cased
    "n_words": "int64",  # words in the term
    "count_group": "int64",  # y_w^i: times the group used it (in the shared events)
    "count_rest": "int64",  # y_w^j: times the other groups used it (in the same events)
    "frequency": "int64",  # count_group + count_rest
    "delta": "float64",  # log-odds ratio, group against rest, with the prior (positive: typical of the group)
    "variance": "float64",  # its approximate variance
    "z": "float64",  # delta / sqrt(variance)
    "rank": "int64",  # 1 = the term most typical of the group (largest z)
    "n_events": "int64",  # events compared: covered by the group and by at least one other group
    "n_reports_group": "int64",  # the group's reports in those events
    "n_reports_rest": "int64",  # the other groups' reports in those events
}

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w'’-]*")  # U.S., F.B.I. first, else a word
STOP_WORDS = ENGLISH_STOP_WORDS | {"mr", "mrs", "ms"}


def terms(text: str, max_words: int = 3, stop_words: Iterable[str] | None = STOP_WORDS) -> list[str]:
    """The words and phrases of ``text`` that :func:`log_odds` counts.

    >>> terms("The regime's forces shelled the town of Douma", max_words=2)  # doctest: +NORMALIZE_WHITESPACE
    ["regime's", 'forces', 'shelled', 'town', 'douma', "regime's forces", 'forces shelled']
    >>> terms("Mr. Comey told the F.B.I. and U.S. officials", max_words=1)
    ['comey', 'told', 'f.b.i.', 'u.s.', 'officials']
    """
    stop = frozenset(stop_words or ())
    words = [w.strip("'’-").replace("’", "'") for w in _WORD.findall(text.lower())]
    words = [w for w in words if len(w) > 1]
    found = []
    for n in range(1, max_words + 1):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if gram[0] in stop or gram[-1] in stop:
                continue
            found.append(" ".join(gram))
    return found


def fightin_words(count_group: np.ndarray, count_rest: np.ndarray, prior: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(delta, variance, z)`` of each term, Monroe et al. (2008) eq. 16 and 18-20; ``prior`` is a_w.

    >>> delta, variance, z = fightin_words(np.array([3, 1]), np.array([1, 3]), np.array([4, 4]))
    >>> [round(float(v), 4) for v in (delta[0], variance[0], z[0])]
    [0.6729, 0.3429, 1.1493]
    """
    y_i, y_j, a = (np.asarray(v, dtype=float) for v in (count_group, count_rest, prior))
    n_i, n_j, a_0 = y_i.sum(), y_j.sum(), a.sum()
    delta = np.log((y_i + a) / (n_i + a_0 - y_i - a)) - np.log((y_j + a) / (n_j + a_0 - y_j - a))
    variance = 1 / (y_i + a) + 1 / (y_j + a)
    return delta, variance, delta / np.sqrt(variance)


def excluded(vocabulary: Iterable[str], phrases: Iterable[str]) -> np.ndarray:
    """Which terms contain one of ``phrases``, are part of one, or run into one at either end (whole words,
    case-insensitive): "told global" is the start of "told Global Wire" cut off by the phrase length.

    >>> excluded(["global wire", "wire", "told global wire", "told global", "wire said", "wireless", "war"],
    ...          ["Global Wire"]).tolist()
    [True, True, True, True, True, False, False]
    """
    names = [tuple(terms(p, max_words=1, stop_words=())) for p in phrases]
    names = [n for n in names if n]
    return np.array([any(_overlaps(tuple(t.split()), n) for n in names) for t in vocabulary], dtype=bool)


def _overlaps(term: tuple, name: tuple) -> bool:
    """Does ``term`` share a run of words with ``name`` that reaches an end of the term and an end of the name?"""
    padded_term, padded_name = f" {' '.join(term)} ", f" {' '.join(name)} "
    if padded_name in padded_term or padded_term in padded_name:
        return True
    shortest = min(len(term), len(name))
    return any(term[-k:] == name[:k] or term[:k] == name[-k:] for k in range(1, shortest + 1))


def shared_events(events: pd.Series, groups: pd.Series, group: str) -> set:
    """The events that ``group`` covered and at least one other group covered too.

    >>> sorted(shared_events(pd.Series([1, 1, 2, 3]), pd.Series(["x", "y", "x", "y"]), "x"))
    [1]
    """
    own = set(events[groups == group])
    others = set(events[groups != group])
    return own & others


def log_odds(reports: pd.DataFrame, assignments: pd.DataFrame | None = None, outlets: pd.DataFrame | None = None,
             by: str = "outlet", event_column: str | None = None, max_words: int = 3, min_count: int = 3,
             stop_words: Iterable[str] | None = STOP_WORDS, prior_scale: float = 1.0,
             exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Each group against all the others, on their shared events: one row per group and term, :data:`LOG_ODDS`.

    - ``reports``: ``id, outlet, text`` (the reports table);
    - events: ``assignments`` (``report_id, event_id``, from ``cluster_events``) or ``event_column``, a column
      of ``reports`` (``"gold_event"``); one of the two is needed;
    - ``by``: ``"outlet"`` or a column of ``outlets`` (``"kind"``); reports of outlets the table lacks fall in
      the group ``unknown``.

    Rows are sorted by group, then rank. A group that shares no event with another gets no rows. Fewer than two
    groups, or an empty input, gives an empty table.
    """
    require_log_odds_inputs(reports, assignments, "log_odds")
    frame = _reports_with_events(reports, assignments, event_column)
    frame["group"] = _groups(frame, outlets, by)
    groups = sorted(frame["group"].unique())
    if len(groups) < 2:
        return empty(LOG_ODDS)
    vectorizer = CountVectorizer(analyzer=lambda text: terms(text, max_words, stop_words))
    counts = vectorizer.fit_transform(frame["text"].fillna("").astype(str).tolist()).tocsr()
    vocabulary = vectorizer.get_feature_names_out()
    allowed = ~excluded(vocabulary, exclude)
    tables = []
    for group in groups:
        events = shared_events(frame["event"], frame["group"], group)
        if not events:
            continue
        in_events = frame["event"].isin(events).to_numpy()
        mine = in_events & (frame["group"] == group).to_numpy()
        rest = in_events & ~mine
        y_i = np.asarray(counts[mine].sum(axis=0)).ravel()
        y_j = np.asarray(counts[rest].sum(axis=0)).ravel()
        keep = ((y_i + y_j) >= max(min_count, 1)) & allowed
        if not keep.any():
            continue
        # The prior is computed over the kept terms only, so that a_0 matches the counts compared.
        y_i, y_j = y_i[keep], y_j[keep]
        delta, variance, z = fightin_words(y_i, y_j, prior_scale * (y_i + y_j))
        table = pd.DataFrame({
            "group_by": by, "group": group, "term": vocabulary[keep], "count_group": y_i, "count_rest": y_j,
            "frequency": y_i + y_j, "delta": delta, "variance": variance, "z": z, "n_events": len(events),
            "n_reports_group": int(mine.sum()), "n_reports_rest": int(rest.sum()),
        })
        table["n_words"] = table["term"].str.count(" ") + 1
        table = table.sort_values(["z", "term"], ascending=[False, True], kind="stable")
        table["rank"] = np.arange(1, len(table) + 1)
        tables.append(table)
    if not tables:
        return empty(LOG_ODDS)
    return conform(pd.concat(tables, ignore_index=True), LOG_ODDS)


def require_log_odds_inputs(reports: pd.DataFrame, assignments: pd.DataFrame | None, stage: str) -> None:
    """Raise :class:`claimdiff.schema.SchemaError` unless the tables have the columns the log-odds are read from."""
    require(reports, "reports", stage, columns=["id", "outlet", "text"])
    if assignments is not None:
        require(assignments, "assignments", stage, columns=["report_id", "event_id"])


def _reports_with_events(reports: pd.DataFrame, assignments: pd.DataFrame | None,
                         event_column: str | None) -> pd.DataFrame:
    if (assignments is None) == (event_column is None):
        raise ValueError("log_odds compares outlets on the events they both covered: give either `assignments` "
                         "(from claimdiff.events.cluster_events) or `event_column` (a column of reports, such as "
                         "'gold_event'), not both")
    frame = reports[["id", "outlet", "text"]].copy()
    if event_column is not None:
        if event_column not in reports:
            raise ValueError(f"reports has no column {event_column!r} (it has: {', '.join(map(str, reports))})")
        frame["event"] = reports[event_column].to_numpy()
    else:
        frame["event"] = frame["id"].map(assignments.set_index("report_id")["event_id"])
    unassigned = frame["event"].isna()
    if unassigned.any():
        first = frame.loc[unassigned, "id"].iloc[0]
        raise ValueError(f"{int(unassigned.sum())} reports have no event (first: {first}):"
                         " the assignments must come from the same reports")
    return frame


def _groups(frame: pd.DataFrame, outlets: pd.DataFrame | None, by: str) -> pd.Series:
    if by == "outlet":
        return frame["outlet"].astype(str)
    if outlets is None or by not in outlets:
        raise ValueError(f"by={by!r} needs an outlet table with a {by!r} column (claimdiff.outlets.load_outlets)")
    return frame["outlet"].map(outlets.set_index("outlet")[by]).fillna("unknown").astype(str)
