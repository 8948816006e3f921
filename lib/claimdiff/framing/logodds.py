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
The default stop words (:data:`STOP_WORDS`) are scikit-learn's English list plus the words of
``claimdiff/data/framing_stop_words.yaml``: honorifics ("Mr. Trump" is one outlet's house style), the forms of
"do" and "have" scikit-learn lacks ("did"), the neutral reporting verb ("said") and the days of the week, which
would otherwise lead the lists with house style and publication days.
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
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from claimdiff.details import lexicon
from claimdiff.schema import (
    LOG_ODDS,  # the columns this stage makes, written in claimdiff.schema
    conform,
    empty,
    require,
)

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w'’-]*")  # U.S., F.B.I. first, else a word
STOP_WORDS = ENGLISH_STOP_WORDS | {word for words in lexicon.load("framing_stop_words").values() for word in words}


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

    The phrases are indexed once (:class:`NameIndex`), so the cost grows with the vocabulary and the phrases'
    words, not with vocabulary x phrases.

    >>> excluded(["global wire", "wire", "told global wire", "told global", "wire said", "wireless", "war"],
    ...          ["Global Wire"]).tolist()
    [True, True, True, True, True, False, False]
    """
    index = NameIndex(phrases)
    return np.fromiter((index.overlaps(t) for t in vocabulary), dtype=bool)


class NameIndex:
    """Word runs of a set of names, in hash sets, to ask of a term whether it overlaps any name.

    A term overlaps a name when it is a run of the name's words, holds the whole name, or a run at one end of the
    term is a run at the other end of the name ("told global" and "Global Wire"). :meth:`overlaps` looks up the
    term's own runs only: at most k(k+1)/2 + 2k set look-ups for a term of k words, however many names there are
    (``lookups`` counts them).

    >>> index = NameIndex(["Global Wire", "Valley Radio"])
    >>> [index.overlaps(t) for t in ("told global", "radio said", "valley", "global radio", "war")]
    [True, True, True, False, False]
    """

    def __init__(self, names: Iterable[str]):
        self.inside: set[tuple] = set()  # every run of a name's words (the whole name included)
        self.whole: set[tuple] = set()
        self.starts: set[tuple] = set()  # runs a name starts with
        self.ends: set[tuple] = set()  # runs a name ends with
        self.lookups = 0
        for name in names:
            words = tuple(terms(name, max_words=1, stop_words=()))
            if not words:
                continue
            self.whole.add(words)
            for i in range(len(words)):
                self.starts.add(words[: i + 1])
                self.ends.add(words[i:])
                for j in range(i + 1, len(words) + 1):
                    self.inside.add(words[i:j])

    def overlaps(self, term: str) -> bool:
        """Does ``term`` (words separated by spaces, lower-case) overlap one of the names?"""
        words = tuple(term.split())
        n = len(words)
        for i in range(n):  # a run of the term that is a whole name, or the term inside a name
            for j in range(i + 1, n + 1):
                self.lookups += 1
                if words[i:j] in self.whole:
                    return True
        self.lookups += 1
        if words in self.inside:
            return True
        for k in range(1, n + 1):  # the term's end runs into a name's start, or its start out of a name's end
            self.lookups += 2
            if words[-k:] in self.starts or words[:k] in self.ends:
                return True
        return False


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
             exclude: Iterable[str] = (), max_groups: int | None = None) -> pd.DataFrame:
    """Each group against all the others, on their shared events: one row per group and term, :data:`LOG_ODDS`.

    - ``reports``: ``id, outlet, text`` (the reports table);
    - events: ``assignments`` (``report_id, event_id``, from ``cluster_events``) or ``event_column``, a column
      of ``reports`` (``"gold_event"``); one of the two is needed;
    - ``by``: ``"outlet"`` or a column of ``outlets`` (``"kind"``); reports of outlets the table lacks fall in
      the group ``unknown``;
    - ``max_groups``: compare only the groups with the most reports in their shared events (each still against
      all the others), for a figure that cannot show hundreds of outlets; None compares every group.

    Cost: the reports' terms are counted once, and each group's counts and those of its shared events come from
    sparse products (group x report, group x event), so the time grows with the reports, their terms and the rows
    written, not with groups x reports or terms x outlet names. Rows are sorted by group, then rank. A group that
    shares no event with another gets no rows. Fewer than two groups, or an empty input, gives an empty table.
    """
    require_log_odds_inputs(reports, assignments, "log_odds")
    frame = _reports_with_events(reports, assignments, event_column)
    frame["group"] = _groups(frame, outlets, by)
    if frame["group"].nunique() < 2:
        return empty(LOG_ODDS)
    sums = _shared_sums(frame)
    n_compared = len(sums.groups)
    if max_groups is not None:
        sums = sums.busiest(max_groups)
    # Only the texts of reports in the shared events of the groups compared are counted: the others add to no
    # group's counts (with max_groups, the cost follows the busiest groups' events, not the corpus).
    needed = sums.needed_reports()
    if not needed.any():
        return empty(LOG_ODDS)
    vectorizer = CountVectorizer(analyzer=lambda text: terms(text, max_words, stop_words))
    try:
        counts = vectorizer.fit_transform(frame.loc[needed, "text"].fillna("").astype(str).tolist()).tocsr()
    except ValueError:  # not one term in those reports (empty vocabulary): nothing to compare
        return empty(LOG_ODDS)
    vocabulary = vectorizer.get_feature_names_out()  # sorted: a term's index orders it alphabetically
    sums.count(counts, needed)
    allowed = ~excluded(vocabulary, exclude)
    columns = {key: [] for key in ("group", "term", "count_group", "count_rest", "delta", "variance", "z")}
    for g in range(len(sums.groups)):
        start, stop = sums.total.indptr[g], sums.total.indptr[g + 1]
        term_index, frequency = sums.total.indices[start:stop], sums.total.data[start:stop]
        keep = (frequency >= max(min_count, 1)) & allowed[term_index]
        if not keep.any():
            continue
        term_index, frequency = term_index[keep], frequency[keep]
        y_i = _row_at(sums.own, g, term_index)
        y_j = frequency - y_i
        # The prior is computed over the kept terms only, so that a_0 matches the counts compared.
        delta, variance, z = fightin_words(y_i, y_j, prior_scale * frequency)
        for key, value in (("group", np.full(len(y_i), g)), ("term", term_index), ("count_group", y_i),
                           ("count_rest", y_j), ("delta", delta), ("variance", variance), ("z", z)):
            columns[key].append(value)
    if not columns["group"]:
        return empty(LOG_ODDS)
    data = {key: np.concatenate(values) for key, values in columns.items()}
    order = np.lexsort((data["term"], -data["z"], data["group"]))  # group, then z descending, then term
    data = {key: value[order] for key, value in data.items()}
    group = data.pop("group")
    first_row = np.searchsorted(group, group)  # rows are grouped: a row's rank is its place in its group
    table = pd.DataFrame({
        "group_by": by, "group": sums.groups[group], **data, "term": vocabulary[data["term"]],
        "frequency": data["count_group"] + data["count_rest"], "rank": np.arange(len(group)) - first_row + 1,
        "n_events": sums.n_events[group], "n_reports_group": sums.n_own[group],
        "n_reports_rest": sums.n_rest[group],
    })
    table["n_words"] = table["term"].str.count(" ") + 1
    table = conform(table, LOG_ODDS)
    table.attrs["n_groups_compared"] = n_compared  # before max_groups: what a figure of the busiest leaves out
    return table


class _SharedSums:
    """Term counts of each group in its shared events (``own``) and of everyone in them (``total``), as sparse
    group x term matrices, with the events and reports they come from. Groups with no shared event are left out.
    The structure (which reports are in which group's shared events) comes first; :meth:`count` adds the counts."""

    def __init__(self, groups, n_events, n_own, n_rest, shared, mine, report_event):
        self.groups, self.n_events, self.n_own, self.n_rest = groups, n_events, n_own, n_rest
        self.shared, self.mine, self.report_event = shared, mine, report_event  # group x event, group x report,
        self.own = self.total = None                                            # event x report

    def busiest(self, limit: int) -> _SharedSums:
        """The ``limit`` groups with the most reports in their shared events (ties: by name), in name order."""
        ranked = sorted(range(len(self.groups)), key=lambda g: (-self.n_own[g], self.groups[g]))[: max(limit, 0)]
        rows = np.sort(np.asarray(ranked, dtype=np.int64))
        return _SharedSums(self.groups[rows], self.n_events[rows], self.n_own[rows], self.n_rest[rows],
                           self.shared[rows], self.mine[rows], self.report_event)

    def needed_reports(self) -> np.ndarray:
        """Which reports are in a shared event of one of the groups: those whose counts make ``own`` and ``total``."""
        events = np.asarray(self.shared.sum(axis=0)).ravel() > 0
        return np.asarray(self.report_event[events].sum(axis=0)).ravel() > 0

    def count(self, counts: sparse.csr_matrix, reports: np.ndarray) -> None:
        """``own`` and ``total`` from ``counts``, the term counts (report x term) of the ``reports`` (a mask)."""
        counts = counts.astype(np.int64)
        self.own = (self.mine[:, reports] @ counts).tocsr()
        self.total = (self.shared @ (self.report_event[:, reports] @ counts)).tocsr()
        for matrix in (self.own, self.total):
            matrix.eliminate_zeros()
            matrix.sort_indices()


def _shared_sums(frame: pd.DataFrame) -> _SharedSums:
    """Which reports are in each group's shared events, with sparse matrices: the work grows with the reports,
    not with groups x reports."""
    group_codes, groups = pd.factorize(frame["group"], sort=True)
    event_codes, events = pd.factorize(frame["event"], sort=True)
    pairs = pd.DataFrame({"group": group_codes, "event": event_codes}).drop_duplicates()
    groups_per_event = np.bincount(pairs["event"], minlength=len(events))
    pairs = pairs[groups_per_event[pairs["event"].to_numpy()] >= 2]
    shared = sparse.csr_matrix((np.ones(len(pairs)), (pairs["group"], pairs["event"])),
                               shape=(len(groups), len(events)))  # group x event: events the group shares
    in_shared = np.asarray(shared[group_codes, event_codes]).ravel() > 0  # reports in their group's shared events
    n = len(frame)
    report_event = sparse.csr_matrix((np.ones(n), (event_codes, np.arange(n))), shape=(len(events), n))
    mine = sparse.csr_matrix((in_shared.astype(float), (group_codes, np.arange(n))), shape=(len(groups), n))
    n_own = np.asarray(mine.sum(axis=1)).ravel().astype(np.int64)
    n_all = (shared @ np.bincount(event_codes, minlength=len(events))).astype(np.int64)
    n_events = np.diff(shared.indptr).astype(np.int64)
    present = np.flatnonzero(n_events > 0)
    return _SharedSums(np.asarray(groups, dtype=object)[present], n_events[present], n_own[present],
                       n_all[present] - n_own[present], shared[present], mine[present].tocsc(),
                       report_event.tocsc())


def _row_at(matrix: sparse.csr_matrix, row: int, columns: np.ndarray) -> np.ndarray:
    """``matrix[row, columns]`` as a dense int64 array (``columns`` sorted), reading the row's stored entries."""
    start, stop = matrix.indptr[row], matrix.indptr[row + 1]
    stored, values = matrix.indices[start:stop], matrix.data[start:stop]
    where = np.searchsorted(stored, columns)
    found = where < len(stored)
    found[found] = stored[where[found]] == columns[found]
    out = np.zeros(len(columns), dtype=np.int64)
    out[found] = values[where[found]]
    return out


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
