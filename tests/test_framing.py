"""Framing tables: label shares with bootstrap intervals, and Fightin' Words log-odds on shared events."""

import math

import numpy as np
import pandas as pd
import pytest

from claimdiff.framing import LABEL_TABLE, LOG_ODDS, framing_tables, label_table, log_odds, terms


def _details(rows):
    """rows: (report_id, actor, label)."""
    return pd.DataFrame({"report_id": [r[0] for r in rows], "kind": "label", "subject": [r[1] for r in rows],
                         "value": [r[2] for r in rows], "text": [r[2] for r in rows]})


REPORTS = pd.DataFrame({"id": ["a1", "a2", "a3", "b1", "c1"], "outlet": ["sna", "sna", "sna", "wire", "monitor"]})
OUTLETS = pd.DataFrame({"outlet": ["sna", "wire", "monitor"], "kind": ["state agency", "wire", "monitor"]})
DETAILS = _details([
    ("a1", "ISIS", "terrorists"), ("a1", "ISIS", "terrorists"), ("a2", "ISIS", "terrorists"),
    ("a3", "ISIS", "militants"), ("b1", "ISIS", "militants"), ("c1", "ISIS", "gunmen"),
    ("a1", "Syrian government", "government"), ("b1", "unresolved", "rebels"),
])


def _check_schema(table, schema):
    assert list(table.columns)[: len(schema)] == list(schema)
    assert [str(table[c].dtype) for c in schema] == list(schema.values())


def test_label_table_has_its_columns_and_empty_input_gives_them_too():
    _check_schema(label_table(DETAILS, REPORTS), LABEL_TABLE)
    empty = label_table(DETAILS.iloc[0:0], REPORTS)
    assert empty.empty
    _check_schema(empty, LABEL_TABLE)


def test_label_counts_and_shares_per_outlet():
    table = label_table(DETAILS, REPORTS).set_index(["actor", "group", "label"])
    sna = table.loc[("ISIS", "sna")]
    assert sna.loc["terrorists", "n_labels"] == 3 and sna.loc["militants", "n_labels"] == 1
    assert sna["n_total"].eq(4).all() and sna["n_reports"].eq(3).all()
    assert sna.loc["terrorists", "share"] == pytest.approx(0.75)
    assert table.groupby(level=["actor", "group"])["share"].sum().tolist() == pytest.approx([1.0] * 4)


def test_most_labelled_actor_comes_first_and_unresolved_labels_are_left_out():
    table = label_table(DETAILS, REPORTS)
    assert table["actor"].iloc[0] == "ISIS"
    assert "unresolved" not in set(table["actor"])


def test_interval_contains_share_and_single_report_interval_is_degenerate():
    table = label_table(DETAILS, REPORTS)
    assert (table["ci_low"] <= table["share"] + 1e-12).all() and (table["share"] <= table["ci_high"] + 1e-12).all()
    wire = table[(table["group"] == "wire")].iloc[0]
    assert wire["ci_low"] == wire["ci_high"] == wire["share"] == 1.0
    sna = table[(table["group"] == "sna") & (table["label"] == "terrorists")].iloc[0]
    # Resampling sna's 3 reports: shares of "terrorists" can be 0 (a3 thrice) up to 1; the interval is wide.
    assert sna["ci_low"] < 0.75 < sna["ci_high"]


def test_bootstrap_is_deterministic_and_a_cell_does_not_depend_on_other_actors():
    first = label_table(DETAILS, REPORTS)
    pd.testing.assert_frame_equal(first, label_table(DETAILS, REPORTS))
    only_isis = label_table(DETAILS[DETAILS["subject"] == "ISIS"], REPORTS)
    pd.testing.assert_frame_equal(first[first["actor"] == "ISIS"].reset_index(drop=True), only_isis)


def test_labels_by_outlet_kind_and_unknown_outlets():
    table = label_table(DETAILS, REPORTS, OUTLETS, by="kind")
    assert set(table["group"]) == {"state agency", "wire", "monitor"} and set(table["group_by"]) == {"kind"}
    with pytest.raises(ValueError, match="needs an outlet table"):
        label_table(DETAILS, REPORTS, by="kind")


def test_details_of_unknown_reports_are_an_error():
    with pytest.raises(ValueError, match="not in `reports`"):
        label_table(_details([("zz", "ISIS", "terrorists")]), REPORTS)


# ----- log-odds ------------------------------------------------------------------------------------------------

def _reports(rows):
    """rows: (id, outlet, event, text)."""
    return pd.DataFrame(rows, columns=["id", "outlet", "event", "text"])


def test_log_odds_matches_the_formula_computed_by_hand():
    reports = _reports([("a", "x", 1, "alpha alpha alpha beta"), ("b", "y", 1, "alpha beta beta beta")])
    table = log_odds(reports, event_column="event", max_words=1, min_count=1, stop_words=None)
    _check_schema(table, LOG_ODDS)
    row = table.set_index(["group", "term"]).loc[("x", "alpha")]
    # counts x: alpha 3, beta 1; y: alpha 1, beta 3; prior = pooled counts alpha 4, beta 4 (a_0 = 8), n_x = n_y = 4
    delta = math.log((3 + 4) / (4 + 8 - 3 - 4)) - math.log((1 + 4) / (4 + 8 - 1 - 4))  # = 2 log 1.4
    variance = 1 / 7 + 1 / 5
    assert (row["count_group"], row["count_rest"], row["frequency"]) == (3, 1, 4)
    assert row["delta"] == pytest.approx(delta) and row["variance"] == pytest.approx(variance)
    assert row["z"] == pytest.approx(delta / math.sqrt(variance)) and row["z"] == pytest.approx(1.1493, abs=1e-4)
    assert row["rank"] == 1
    assert table.set_index(["group", "term"]).loc[("y", "alpha"), "z"] == pytest.approx(-row["z"])


def test_prior_scale_shrinks_toward_zero():
    reports = _reports([("a", "x", 1, "alpha alpha alpha beta"), ("b", "y", 1, "alpha beta beta beta")])
    z = {scale: log_odds(reports, event_column="event", max_words=1, min_count=1, stop_words=None,
                         prior_scale=scale).set_index(["group", "term"]).loc[("x", "alpha"), "z"]
         for scale in (0.1, 1.0, 10.0)}
    assert z[0.1] > z[1.0] > z[10.0] > 0


def test_rest_is_all_other_groups_and_only_shared_events_count():
    reports = _reports([
        ("a", "x", 1, "martyrs fell"), ("b", "y", 1, "victims fell"), ("c", "z", 1, "victims died"),
        ("d", "x", 2, "heroes everywhere"),  # only x covered event 2: its words must not count
    ])
    table = log_odds(reports, event_column="event", max_words=1, min_count=1, stop_words=None)
    x = table[table["group"] == "x"].set_index("term")
    assert "heroes" not in x.index and x["n_events"].eq(1).all()
    assert (x.loc["victims", "count_group"], x.loc["victims", "count_rest"]) == (0, 2)
    assert x.loc["martyrs", "rank"] == 1
    assert (x["n_reports_group"].iloc[0], x["n_reports_rest"].iloc[0]) == (1, 2)
    assert set(table["group"]) == {"x", "y", "z"}


def test_a_group_sharing_no_event_gets_no_rows():
    reports = _reports([("a", "x", 1, "one two"), ("b", "y", 1, "one three"), ("c", "z", 2, "four five")])
    table = log_odds(reports, event_column="event", max_words=1, min_count=1, stop_words=None)
    assert set(table["group"]) == {"x", "y"}


def test_log_odds_uses_event_assignments_and_groups_by_kind():
    reports = _reports([("a", "sna", 0, "terrorists attacked"), ("b", "wire", 0, "militants attacked")])
    assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [7, 7]})
    table = log_odds(reports.drop(columns="event"), assignments, OUTLETS, by="kind", min_count=1)
    assert set(table["group"]) == {"state agency", "wire"}
    assert table[table["group"] == "wire"].iloc[0]["term"] == "militants"


def test_log_odds_needs_events_and_empty_input_gives_empty_table():
    reports = _reports([("a", "x", 1, "alpha"), ("b", "y", 1, "beta")])
    with pytest.raises(ValueError, match="either `assignments`"):
        log_odds(reports)
    empty = log_odds(reports.iloc[0:0], event_column="event")
    assert empty.empty
    _check_schema(empty, LOG_ODDS)


def test_phrases_keep_inner_stop_words_but_not_edge_ones():
    found = terms("The rule of law and the regime", max_words=3)
    assert "rule of law" in found and "regime" in found
    assert not {"the regime", "of the", "the", "law and"} & set(found)


def test_framing_tables_writes_both_tables_by_outlet_and_kind():
    reports = REPORTS.assign(text="terrorists attacked the checkpoint", event=1)
    tables = framing_tables(reports, DETAILS, OUTLETS, event_column="event", min_count=1)
    assert list(tables) == ["labels-by-outlet", "labels-by-kind", "log-odds-by-outlet", "log-odds-by-kind"]
    assert np.isfinite(tables["log-odds-by-kind"]["z"]).all()


def test_a_phrase_that_runs_into_an_outlet_name_is_not_framing():
    from claimdiff.framing.logodds import excluded

    # "told Free Voice" gives the bigram "told free": a byline cut off by the phrase length, not a word choice
    assert excluded(["told free", "voice said", "free", "told reporters"], ["Free Voice"]).tolist() == [
        True, True, True, False]


def test_excluding_outlet_names_costs_the_same_with_a_thousand_outlets_as_with_ten():
    # The exclusion once compared every term with every outlet name (vocabulary x outlets); with the names indexed,
    # the set look-ups per term depend on the term's words only.
    from claimdiff.framing.logodds import NameIndex

    rng = np.random.default_rng(0)
    syllables = ["ka", "lo", "mi", "ten", "ro", "vas", "du", "pel", "gri", "son"]
    names = [" ".join("".join(rng.choice(syllables, 3)) for _ in range(rng.integers(1, 4))) + " news"
             for _ in range(1000)]
    vocabulary = ["news " + " ".join("".join(rng.choice(syllables, 2)) for _ in range(rng.integers(1, 3)))
                  for _ in range(1000)]  # "news ...": runs out of a name's end ("told Kalo News" cut short)
    vocabulary += [" ".join("".join(rng.choice(syllables, 2)) for _ in range(rng.integers(1, 4)))
                   for _ in range(1000)]
    counts = []
    for outlets in (names[:10], names):
        index = NameIndex(outlets)
        flags = [index.overlaps(term) for term in vocabulary]
        counts.append(index.lookups)
    assert counts[1] <= counts[0]  # more names may end a term's look-ups sooner, never make more of them
    assert counts[1] <= len(vocabulary) * (6 + 1 + 2 * 3)  # k(k+1)/2 + 1 + 2k look-ups for a term of k <= 3 words
    assert sum(flags) >= 1000  # every "news ..." runs out of a name's end


def test_log_odds_of_many_outlets_matches_counting_each_outlet_on_its_own():
    # log_odds sums every group's counts at once (sparse products); this counts them the slow, obvious way.
    from claimdiff.framing.logodds import fightin_words, shared_events

    rng = np.random.default_rng(1)
    words = ["army", "rebels", "terrorists", "shelled", "town", "village", "killed", "wounded", "convoy", "regime"]
    n = 300
    reports = pd.DataFrame({"id": [f"r{i}" for i in range(n)], "outlet": [f"o{i}" for i in rng.integers(0, 120, n)],
                            "event": rng.integers(0, 60, n),
                            "text": [" ".join(rng.choice(words, 8)) for _ in range(n)]})
    table = log_odds(reports, event_column="event", min_count=2, max_words=1)
    assert table["group"].nunique() > 50
    for group in rng.choice(sorted(table["group"].unique()), 5, replace=False):
        events = shared_events(reports["event"], reports["outlet"], group)
        shared = reports[reports["event"].isin(events)]
        mine = shared[shared["outlet"] == group]
        count = {w: (mine["text"].str.split().explode() == w).sum() for w in words}
        rest = {w: (shared["text"].str.split().explode() == w).sum() - count[w] for w in words}
        kept = sorted(w for w in words if count[w] + rest[w] >= 2)
        y_i, y_j = np.array([count[w] for w in kept]), np.array([rest[w] for w in kept])
        _, _, z = fightin_words(y_i, y_j, y_i + y_j)
        rows = table[table["group"] == group].set_index("term").loc[kept]
        assert rows["count_group"].tolist() == y_i.tolist() and rows["count_rest"].tolist() == y_j.tolist()
        np.testing.assert_allclose(rows["z"], z)
        assert rows["n_reports_group"].iloc[0] == len(mine) and rows["n_events"].iloc[0] == len(events)


def test_log_odds_can_compare_only_the_busiest_outlets_each_against_all_the_others():
    reports = pd.DataFrame({"id": list("abcdefg"), "outlet": ["x", "x", "x", "y", "y", "z", "w"],
                            "event": [1, 1, 2, 1, 2, 2, 1], "text": "rebels shelled the town"})
    full = log_odds(reports, event_column="event", min_count=1)
    busiest = log_odds(reports, event_column="event", min_count=1, max_groups=2)
    assert sorted(busiest["group"].unique()) == ["x", "y"]
    pd.testing.assert_frame_equal(busiest, full[full["group"].isin(["x", "y"])].reset_index(drop=True))
