"""Paper figures: each returns a Figure whose ``table_drawn`` has one row per mark, in either column width, for one
outlet, for fifteen (FA-KES has 15), and for an empty input; an outlet keeps its colour across figures.

The stage tables are synthetic and small, built by the helpers below: a handful of conflict events reported by
outlets that disagree on tolls, sources and hedging, with one outlet raising its toll in a later report. The
divergence table comes from the real :func:`claimdiff.divergence.compare_details`.
"""

from __future__ import annotations

import html as html_module

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from claimdiff.divergence import DIVERGENCE, compare_details
from claimdiff.figures import (
    attribution_hedging,
    claim_side_by_side,
    claim_side_by_side_html,
    coverage_matrix,
    event_map,
    numeric_divergence,
    outlet_agreement,
    save_figure,
    timeline,
)
from claimdiff.figures.suite import most_counted_events

# --- Synthetic stage tables ---------------------------------------------------------------------------------------

DEMO_OUTLETS = [
    ("sna", "State News Agency", "state agency"),
    ("levant-monitor", "Levant Monitoring Network", "monitor"),
    ("globalwire", "Global Wire", "wire"),
    ("frontline", "Frontline Analysis", "partisan"),
    ("free-voice", "Free Voice", "opposition"),
    ("northern-star", "Northern Star Agency", "foreign state"),
    ("valley-radio", "Valley Radio", "local"),
]
EVENTS = [
    ("Bus ambush near al-Sukhnah", "soldiers", "near al-Sukhnah", "2024-04-18 06:00"),
    ("Strikes on hideouts in Deir Ezzor", "militants", "in the Deir Ezzor countryside", "2024-04-20 08:00"),
    ("Drones downed over Aleppo", "civilians", "in the Aleppo countryside", "2024-04-20 11:00"),
    ("Checkpoint attack near Jasim", "soldiers", "near Jasim in Daraa", "2024-04-19 15:00"),
    ("Second attack on the Jasim checkpoint", "soldiers", "near Jasim in Daraa", "2024-04-26 07:00"),
    ("Market bombing in Azaz", "civilians", "in Azaz", "2024-04-22 10:00"),
]
# (value, low, high, as written): exact numbers, open lower bounds, a range and vague quantities.
TOLLS = [("21", 21, 21, "21"), ("at least 21", 21, np.nan, "At least 21"), ("21", 21, 21, "21"),
         ("18-25", 18, 25, "Between 18 and 25"), ("21", 21, 21, "Twenty-one"), ("dozens", 24, 99, "Dozens of"),
         ("18", 18, 18, "18")]
INJURED = [("40", 40, 40, "40"), ("dozens", 24, 99, "Dozens of"), ("more than 30", 31, np.nan, "More than 30"),
           ("40", 40, 40, "Forty"), ("several", 3, 9, "Several")]
SOURCES = [("the Ministry of Defense said", "official", "Ministry of Defense"),
           ("the monitor said", "monitor", "the monitor"),
           ("activists said", "activist", "activists"),
           ("a local source said", "anonymous", "a local source"),
           ("witnesses said", "witness", "witnesses"),
           ("state television reported", "media", "state television"),
           ("", "none", "")]
ACTORS = ["ISIS", "regime forces", "unknown gunmen"]


def outlets_table(n: int) -> pd.DataFrame:
    rows = list(DEMO_OUTLETS[:n])
    kinds = ["wire", "monitor", "local", "opposition", "state agency", "foreign state", "partisan", "wire"]
    for i in range(len(rows), n):
        rows.append((f"outlet-{i + 1:02d}", f"Outlet {i + 1:02d} News", kinds[i % len(kinds)]))
    table = pd.DataFrame(rows, columns=["outlet", "name", "kind"])
    table["country"], table["language"], table["colour"] = "Syria", "en", "None"
    return table.sort_values("outlet", ignore_index=True)


def world(n_outlets: int = 7, n_events: int = 5, seed: int = 0) -> dict:
    """Every stage table of a small corpus: reports, assignments, events, vectors, claims, details, divergence."""
    rng = np.random.default_rng(seed)
    outlets = outlets_table(n_outlets)
    keys = outlets["outlet"].tolist()
    reports, details, claims, assignments = [], [], [], []
    claim_id = 0
    for event_id, (label, victims, place, start) in enumerate(EVENTS[:n_events]):
        start = pd.Timestamp(start)
        covering = keys if len(keys) <= 3 else sorted(rng.choice(keys, size=max(2, int(len(keys) * 0.7)),
                                                                  replace=False))
        if event_id == 0:
            covering = sorted(set(covering) | {keys[0]})
        groups = {name: claim_id + i for i, name in enumerate(("toll", "injured", "actor"))}
        claim_id += 3
        for k, outlet in enumerate(covering):
            versions = [0, 1] if (event_id == 0 and outlet == keys[0]) else [1]
            for version in versions:
                report_id = f"{outlet}-e{event_id}-{version}"
                delay = float(rng.gamma(1.5, 8)) + 30 * version * (event_id == 0)
                published = (start + pd.Timedelta(hours=delay)).floor("min")
                toll = ("18", 18, 18, "18") if version == 0 else TOLLS[(k + event_id) % len(TOLLS)]
                injured = INJURED[(k * 2 + event_id) % len(INJURED)]
                source = SOURCES[(k + 2 * event_id) % len(SOURCES)]
                actor = ACTORS[0] if k % 3 else ACTORS[(k // 3 + event_id) % 3]
                hedged = (k + event_id) % 3 == 0
                sentences = [
                    ("toll", f"{toll[3]} {victims} were killed {place}"
                             + (f", {source[0]}." if source[0] else "."),
                     [("count", "killed", toll, toll[3]), ("place", "location", None, place),
                      ("attribution", source[1], source[2], source[0])]),
                    ("injured", f"{injured[3]} others were wounded.",
                     [("count", "injured", injured, injured[3])]),
                    ("actor", ("The attack was reportedly carried out by " if hedged else
                               "The attack was carried out by ") + f"{actor}.",
                     [("actor", "perpetrator", None, actor)] + ([("hedge", "certainty", None, "reportedly")]
                                                                 if hedged else [])),
                ]
                if k % 3 == 1:
                    sentences.append(("own", f"{DEMO_OUTLETS[k % 7][1]} could not verify the <toll> & the names.",
                                      []))
                title = f"{label} ({outlet})"
                text, sent_rows = title + "\n\n", []
                for sent_idx, (group, sentence, found) in enumerate(sentences):
                    offset = len(text)
                    text += sentence + " "
                    if group == "own":
                        cid = claim_id
                        claim_id += 1
                    else:
                        cid = groups[group]
                    claims.append({"claim_id": cid, "event_id": event_id, "report_id": report_id,
                                   "sent_idx": sent_idx, "outlet": outlet, "text": sentence, "similarity": 0.8})
                    for kind, subject, number, phrase in found:
                        if not phrase:
                            continue
                        at = sentence.find(phrase)
                        if isinstance(number, tuple):
                            value, low, high = number[:3]
                        else:
                            value, low, high = (number or phrase), np.nan, np.nan
                        details.append({"report_id": report_id, "sent_idx": sent_idx, "kind": kind,
                                        "subject": subject, "value": value, "low": low, "high": high,
                                        "text": phrase, "start": offset + at, "end": offset + at + len(phrase)})
                    sent_rows.append(sent_idx)
                reports.append({"id": report_id, "outlet": outlet, "published": published, "title": title,
                                "text": text.rstrip(), "url": f"https://example.org/{outlet}/{report_id}"})
                assignments.append({"report_id": report_id, "event_id": event_id, "event_label": label})
    reports = pd.DataFrame(reports)
    assignments = pd.DataFrame(assignments)
    details = pd.DataFrame(details)
    details["date_low"], details["date_high"] = pd.NaT, pd.NaT
    claims = pd.DataFrame(claims).sort_values(["claim_id", "report_id", "sent_idx"], ignore_index=True)
    events = (
        reports.merge(assignments, left_on="id", right_on="report_id")
        .groupby(["event_id", "event_label"])
        .agg(first_published=("published", "min"), last_published=("published", "max"),
             n_reports=("id", "size"), outlets=("outlet", lambda o: sorted(set(o))))
        .reset_index()
        .rename(columns={"event_label": "label"})
    )
    centres = rng.normal(size=(n_events, 24)) * 1.5
    vectors = np.array([centres[e] + rng.normal(size=24) for e in assignments["event_id"]], dtype="float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    divergence = compare_details(reports, claims, details)
    return {"outlets": outlets, "reports": reports, "assignments": assignments, "events": events,
            "vectors": vectors, "claims": claims, "details": details, "divergence": divergence}


def empty_world() -> dict:
    full = world(3, 1)
    return {name: (table.iloc[:0] if isinstance(table, pd.DataFrame) else table[:0]) for name, table in full.items()}


def draw(name: str, w: dict, size: str = "double") -> Figure:
    """Call figure ``name`` on the tables of world ``w``."""
    claim = int(w["claims"]["claim_id"].iloc[0]) if len(w["claims"]) else 0
    event = int(w["claims"]["event_id"].iloc[0]) if len(w["claims"]) else 0
    calls = {
        "event_map": lambda: event_map(w["vectors"], w["assignments"], w["reports"], w["outlets"], w["events"],
                                       size=size),
        "timeline": lambda: timeline(w["reports"], w["assignments"], w["outlets"], w["events"], size=size),
        "coverage_matrix": lambda: coverage_matrix(w["claims"], w["divergence"], w["outlets"], event, size=size),
        "numeric_divergence": lambda: numeric_divergence(w["divergence"], w["outlets"], events=w["events"],
                                                         size=size),
        "attribution_hedging": lambda: attribution_hedging(w["details"], w["claims"], w["outlets"], size=size),
        "outlet_agreement": lambda: outlet_agreement(w["divergence"], w["outlets"], size=size),
        "claim_side_by_side": lambda: claim_side_by_side(w["claims"], w["details"], w["reports"], claim,
                                                         outlets=w["outlets"], size=size),
    }
    return calls[name]()


FIGURES = ["event_map", "timeline", "coverage_matrix", "numeric_divergence", "attribution_hedging",
           "outlet_agreement", "claim_side_by_side"]


@pytest.fixture(scope="module")
def seven():
    return world(7, 3)


@pytest.fixture(scope="module")
def fifteen():
    return world(15, 2, seed=1)


@pytest.fixture(scope="module")
def one():
    return world(1, 3)


# --- Every figure: a Figure, a table of what was drawn, any width, any number of outlets, empty input ------------


def check_figure(fig):
    assert isinstance(fig, Figure)
    assert isinstance(fig.table_drawn, pd.DataFrame)
    assert not fig.texts or all(t.get_text() != "" for t in fig.texts)
    assert fig._suptitle is None  # no title baked in
    return fig.table_drawn


@pytest.mark.parametrize("size", ["single", "double"])
@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_draws_in_both_column_widths(name, size, seven):
    fig = draw(name, seven, size)
    table = check_figure(fig)
    assert len(table) > 0
    assert fig.get_figwidth() == {"single": 3.5, "double": 7.2}[size]


@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_draws_fifteen_outlets(name, fifteen):
    table = check_figure(draw(name, fifteen, "single"))
    assert len(table) > 0
    if "outlet" in table:
        assert table["outlet"].nunique() >= 9


@pytest.mark.parametrize("name", FIGURES)
def test_each_figure_draws_one_outlet(name, one):
    table = check_figure(draw(name, one, "single"))
    # With one outlet there is nothing to compare: divergence-based figures say so instead of failing.
    if name not in ("numeric_divergence", "outlet_agreement"):
        assert len(table) > 0


@pytest.mark.parametrize("name", FIGURES)
def test_an_empty_input_gives_a_note_and_an_empty_table_with_columns(name):
    fig = draw(name, empty_world(), "double")
    table = check_figure(fig)
    assert table.empty and len(table.columns) > 0
    notes = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any(notes), "an empty figure says why it is empty"


# --- Rows of table_drawn are the marks ---------------------------------------------------------------------------


def scatter_points(ax):
    return sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets"))


def test_event_map_has_one_row_per_point_and_colours_events_not_outlets(seven):
    fig = draw("event_map", seven)
    table = fig.table_drawn
    assert scatter_points(fig.axes[0]) == len(table) == len(seven["reports"])
    assert set(table["report_id"]) == set(seven["reports"]["id"])
    per_event = table.groupby("event_id")["colour"].nunique()
    assert (per_event == 1).all() and table.groupby("event_id")["colour"].first().nunique() == len(per_event)
    labels = [t.get_text().replace("\n", " ") for t in fig.axes[0].texts]
    assert sorted(labels) == sorted(seven["events"]["label"])


def test_event_map_labels_overlap_neither_each_other_nor_points(fifteen):
    from claimdiff.figures.check import overlapping_pairs

    fig = draw("event_map", fifteen, "single")
    fig.canvas.draw()
    ax = fig.axes[0]
    texts, renderer = ax.texts, fig.canvas.get_renderer()
    assert overlapping_pairs(texts) == []
    points = ax.transData.transform(np.vstack([c.get_offsets() for c in ax.collections]))
    for text in texts:
        box = text.get_window_extent(renderer)
        inside = (points[:, 0] > box.x0) & (points[:, 0] < box.x1) & (points[:, 1] > box.y0) & (points[:, 1] < box.y1)
        assert not inside.any(), f"{text.get_text()!r} covers a point"
    for line in ax.lines:  # leader lines run from a point to the edge of their own label, through no other
        (x0, y0), (x1, y1) = ax.transData.transform(line.get_xydata())
        for t in np.linspace(0.05, 0.95, 19):
            x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            assert not any(b.x0 + 1 < x < b.x1 - 1 and b.y0 + 1 < y < b.y1 - 1
                           for b in (text.get_window_extent(renderer) for text in texts))


def test_event_map_beyond_nine_events_greys_all_but_the_eight_largest(seven):
    reports = seven["reports"]
    events = np.arange(len(reports)) % 11
    assignments = pd.DataFrame({"report_id": reports["id"], "event_id": events})
    labels = pd.DataFrame({"event_id": range(11), "label": [f"Event number {i}" for i in range(11)]})
    table = event_map(seven["vectors"], assignments, reports, seven["outlets"], labels).table_drawn
    colours = table.groupby("event_id")["colour"].first()
    assert (colours != "#BBBBBB").sum() == 8 and (colours == "#BBBBBB").sum() == 3
    # Only coloured events are labelled: a grey event's label would point at one grey dot among many.
    assert (table["labelled"] == (table["colour"] != "#BBBBBB")).all()


def test_event_map_projection_is_the_same_every_time(seven):
    first = draw("event_map", seven).table_drawn[["x", "y"]]
    second = draw("event_map", seven).table_drawn[["x", "y"]]
    pd.testing.assert_frame_equal(first, second)


def test_timeline_rows_are_reports_with_their_lag(seven):
    fig = draw("timeline", seven)
    table = fig.table_drawn
    ax_time, ax_lag = fig.axes[:2]
    assert scatter_points(ax_time) == len(table) == len(seven["reports"])
    assert scatter_points(ax_lag) == table["first_of_outlet"].sum()
    assert list(table.columns[:6]) == ["report_id", "event_id", "event_label", "outlet", "published", "lag_hours"]
    assert (table.groupby("event_id")["lag_hours"].min() == 0).all()
    first = table.sort_values("published").groupby("event_id")["published"].transform("min")
    assert np.allclose(table["lag_hours"], (table["published"] - first).dt.total_seconds() / 3600)


def test_coverage_matrix_has_a_cell_per_claim_and_outlet(seven):
    fig = draw("coverage_matrix", seven)
    table = fig.table_drawn
    event = seven["claims"]["event_id"].iloc[0]
    covering = seven["claims"].loc[seven["claims"]["event_id"] == event, "outlet"].nunique()
    assert len(table) == table["claim_id"].nunique() * covering
    assert len(fig.axes[0].patches) == len(table)
    assert set(table["state"]) <= {"stated", "hedged", "contradicted", "absent"}
    stated = table[table["state"] != "absent"]
    assert stated["report_id"].notna().all() and stated["sent_idx"].notna().all()


def coverage_case():
    """Four outlets on one claim: c says 18 where the others say 21, d hedges, b leaves out a second claim."""
    claims = pd.DataFrame({
        "claim_id": [0, 0, 0, 0, 1, 1, 1], "event_id": 0,
        "report_id": ["a1", "b1", "c1", "d1", "a1", "c1", "d1"], "sent_idx": [0, 0, 0, 0, 1, 1, 1],
        "outlet": ["a", "b", "c", "d", "a", "c", "d"],
        "text": ["21 killed in Homs.", "21 killed in Homs.", "18 killed in Homs.", "Reportedly 21 killed in Homs.",
                 "A curfew followed.", "A curfew followed.", "A curfew followed."],
        "similarity": 0.9})
    details = pd.DataFrame({
        "report_id": ["a1", "b1", "c1", "d1", "d1"], "sent_idx": 0, "kind": ["count"] * 4 + ["hedge"],
        "subject": ["killed"] * 4 + ["certainty"], "value": ["21", "21", "18", "21", "reportedly"],
        "low": [21.0, 21.0, 18.0, 21.0, np.nan], "high": [21.0, 21.0, 18.0, 21.0, np.nan],
        "text": ["21", "21", "18", "21", "Reportedly"], "start": [0, 0, 0, 11, 0], "end": [2, 2, 2, 13, 10]})
    reports = pd.DataFrame({"id": ["a1", "b1", "c1", "d1"], "outlet": list("abcd"),
                            "published": pd.to_datetime(["2024-04-19 08:00"] * 4)})
    return claims, details, reports, compare_details(reports, claims, details)


def test_coverage_marks_the_minority_contradicted_a_hedge_hedged_and_an_omission_absent():
    claims, _, _, divergence = coverage_case()
    table = coverage_matrix(claims, divergence, outlets_table(0), 0).table_drawn
    state = table.set_index(["claim_id", "outlet"])["state"]
    assert state[(0, "c")] == "contradicted"
    assert state[(0, "a")] == "stated" and state[(0, "b")] == "stated"
    assert state[(0, "d")] == "hedged"
    assert state[(1, "b")] == "absent"
    assert table.set_index(["claim_id", "outlet"]).loc[(1, "b"), "reason"] == "omission"


def test_numeric_divergence_draws_each_kind_of_value_as_its_own_mark(seven):
    fig = draw("numeric_divergence", seven)
    table = fig.table_drawn
    assert set(table["mark"]) >= {"exact", "interval", "at_least", "vague"}
    data_axes = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    dots = [line for ax in data_axes for line in ax.lines if line.get_marker() == "o"]
    bands = [c for ax in data_axes for c in ax.collections]
    arrows = [a for ax in data_axes for a in ax.texts if a.get_text() == "" and hasattr(a, "arrow_patch")]
    assert len(dots) == (table["mark"] == "exact").sum()
    assert len(bands) == (table["mark"] == "vague").sum()
    assert len(arrows) == table["mark"].isin(["at_least", "at_most"]).sum() + table["updated_to"].notna().sum()


def test_numeric_divergence_draws_a_superseded_toll_hollow_and_points_it_to_the_update(seven):
    table = draw("numeric_divergence", seven).table_drawn
    old = table[table["superseded"] & (table["subject"] == "killed")].iloc[0]
    new = table.loc[int(old["updated_to"])]
    assert (old["outlet"], old["value"]) == (new["outlet"], "18") or old["value"] == "18"
    assert new["published"] > old["published"] and not new["superseded"]


def test_numeric_divergence_uses_a_log_axis_only_when_values_span_more_than_twenty_fold():
    rows = pd.DataFrame({"event_id": 0, "claim_id": 0, "kind": "count", "subject": ["killed", "killed", "injured",
                                                                                    "injured"],
                         "outlet": ["a", "b", "a", "b"], "value": ["3", "200", "10", "12"],
                         "low": [3.0, 200.0, 10.0, 12.0], "high": [3.0, 200.0, 10.0, 12.0], "superseded": False,
                         "published": pd.Timestamp("2024-04-19"), "report_id": ["a1", "b1", "a1", "b1"],
                         "sent_idx": 0, "agrees": False})
    table = numeric_divergence(rows, outlets_table(0)).table_drawn
    assert table.groupby("subject")["scale"].first().to_dict() == {"injured": "linear", "killed": "log"}


def test_numeric_divergence_reads_vague_from_a_vague_column_when_there_is_one():
    rows = pd.DataFrame({"event_id": 0, "claim_id": 0, "kind": "count", "subject": "killed", "outlet": ["a", "b"],
                         "value": ["dozens", "24-99"], "low": 24.0, "high": 99.0, "superseded": False,
                         "published": pd.Timestamp("2024-04-19"), "report_id": ["a1", "b1"], "sent_idx": 0})
    without = numeric_divergence(rows, outlets_table(0)).table_drawn.set_index("outlet")["mark"]
    assert without.to_dict() == {"a": "vague", "b": "interval"}
    flagged = numeric_divergence(rows.assign(vague=[False, True]), outlets_table(0)).table_drawn
    assert flagged.set_index("outlet")["mark"].to_dict() == {"a": "interval", "b": "vague"}


def test_numeric_divergence_leaves_out_reports_held_apart_and_says_how_many():
    rows = pd.DataFrame({"event_id": 0, "claim_id": 0, "kind": "count", "subject": "killed",
                         "outlet": ["a", "b", "c"], "value": ["58", "60", "19"], "low": [58.0, 60.0, 19.0],
                         "high": [58.0, 60.0, 19.0], "superseded": False, "published": pd.Timestamp("2024-04-19"),
                         "report_id": ["a1", "b1", "c1"], "sent_idx": 0, "held_apart": [False, False, True]})
    fig = numeric_divergence(rows, outlets_table(0))
    table = fig.table_drawn
    dots = [line for ax in fig.axes if ax.get_visible() and ax.axison for line in ax.lines if line.get_marker() == "o"]
    assert len(dots) == 2
    left = table[table["held_apart"]]
    assert left[["report_id", "sent_idx", "value", "scale"]].values.tolist() == [["c1", 0, "19", "left out"]]
    assert any(ax.get_xlabel() == "killed \u00b7 1 left out" for ax in fig.axes)
    # an event is chosen for the figure by the outlets whose counts are drawn
    events = pd.DataFrame({"event_id": [0, 1], "label": ["x", "y"]})
    both = pd.concat([rows, rows.assign(event_id=1, outlet=["a", "b", "d"], held_apart=False)])
    assert most_counted_events(both, events, limit=1)["event_id"].tolist() == [1]


def test_numeric_divergence_draws_a_single_outlet():
    rows = pd.DataFrame({"event_id": 0, "claim_id": 0, "kind": "count", "subject": "killed", "outlet": "a",
                         "value": "at least 5", "low": 5.0, "high": np.nan, "superseded": False,
                         "published": pd.Timestamp("2024-04-19"), "report_id": "a1", "sent_idx": 0}, index=[0])
    table = numeric_divergence(rows, outlets_table(0), size="single").table_drawn
    assert table["mark"].tolist() == ["at_least"]


def test_attribution_hedging_bars_add_up_and_intervals_hold_the_share(seven):
    fig = draw("attribution_hedging", seven)
    table = fig.table_drawn
    sources = table[table["panel"] == "source"]
    hedged = table[table["panel"] == "hedged"]
    assert len(fig.axes[0].patches) == len(sources)
    assert np.allclose(sources.groupby("outlet")["share"].sum(), 1)
    assert len(hedged) == seven["claims"]["outlet"].nunique()
    assert ((hedged["ci_low"] <= hedged["share"]) & (hedged["share"] <= hedged["ci_high"])).all()
    again = draw("attribution_hedging", seven).table_drawn
    pd.testing.assert_frame_equal(table, again)  # fixed seed: the same intervals every run


def test_outlet_agreement_has_a_cell_per_ordered_pair_annotated_with_n(seven):
    fig = draw("outlet_agreement", seven)
    table = fig.table_drawn
    n = len(set(table["outlet_a"]))
    assert len(table) == n * (n - 1)
    assert sorted(t.get_text() for t in fig.axes[0].texts) == sorted(table["n_shared"].astype(str))
    matrix = table.pivot(index="outlet_a", columns="outlet_b", values="agreement")
    assert np.allclose(matrix.fillna(-1), matrix.T.fillna(-1))  # agreement is symmetric


def test_outlet_agreement_counts_a_pair_by_itself_not_by_the_agrees_column():
    _, _, _, divergence = coverage_case()
    table = outlet_agreement(divergence, outlets_table(0)).table_drawn.set_index(["outlet_a", "outlet_b"])
    assert table.loc[("a", "b"), "agreement"] == 1.0  # both say 21, though c's 18 makes `agrees` False
    assert table.loc[("a", "c"), "agreement"] == 0.0


def test_claim_side_by_side_highlights_only_what_differs(seven):
    fig = draw("claim_side_by_side", seven)
    table = fig.table_drawn
    sentences, spans = table[table["mark"] == "sentence"], table[table["mark"] == "highlight"]
    claim = seven["claims"][seven["claims"]["claim_id"] == seven["claims"]["claim_id"].iloc[0]]
    assert len(sentences) == len(claim)
    assert set(spans["kind"]) == {"count", "attribution"}  # the place is the same in every report
    for span in spans.itertuples():
        sentence = sentences[(sentences["report_id"] == span.report_id)]["text"].iloc[0]
        assert sentence[span.start:span.end] == span.text
    kinds = set(spans["kind"])
    from claimdiff.figures.side_by_side import KIND_COLOURS

    boxes = [p for p in fig.axes[0].patches
             if mcolors.to_hex(p.get_facecolor()) in {c.lower() for c in KIND_COLOURS.values()}]
    assert len(boxes) >= len(spans) + len(kinds)  # a box per span (a wrapped span may take two) and a key


def test_claim_side_by_side_highlights_no_dateline_and_no_time_a_source_spoke():
    from claimdiff.figures.side_by_side import highlight_spans

    texts = ["Published April 15 2017 At least 126 were killed Saturday, a monitor said Sunday.",
             "At least 43 were killed Saturday."]
    claims = pd.DataFrame({"claim_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
                           "text": texts})
    details = pd.DataFrame({
        "report_id": ["a", "a", "a", "a", "b", "b"], "sent_idx": 0,
        "kind": ["date", "count", "date", "date", "count", "date"],
        "subject": ["explicit", "killed", "relative", "relative", "killed", "relative"],
        "value": ["2017-04-15", "at least 126", "2017-04-15", "2017-04-16", "at least 43", "2017-04-15"],
        "text": ["April 15 2017", "At least 126", "Saturday", "Sunday", "At least 43", "Saturday"],
        "role": ["dateline", None, None, "reported", None, None]})
    details["start"] = [texts[r == "b"].index(t) for r, t in zip(details["report_id"], details["text"], strict=True)]
    details["end"] = details["start"] + details["text"].str.len()
    reports = pd.DataFrame({"id": ["a", "b"], "text": texts})
    spans = highlight_spans(claims, details, reports, 0)
    assert spans.loc[spans["mark"] == "highlight", "text"].tolist() == ["At least 126", "At least 43"]


def test_claim_side_by_side_html_marks_the_same_spans_and_escapes_the_text(seven):
    claims = seven["claims"]
    claim = claims.loc[claims["text"].str.contains("<toll>"), "claim_id"].iloc[0]
    page = claim_side_by_side_html(claims, seven["details"], seven["reports"], claim, outlets=seven["outlets"])
    assert "<toll>" not in page and "&lt;toll&gt; &amp;" in page
    first = claims["claim_id"].iloc[0]
    page = claim_side_by_side_html(claims, seven["details"], seven["reports"], first, outlets=seven["outlets"])
    spans = claim_side_by_side(claims, seven["details"], seven["reports"], first).table_drawn
    n_keys = spans.loc[spans["mark"] == "highlight", "kind"].nunique()
    assert page.count("<mark") == (spans["mark"] == "highlight").sum() + n_keys
    assert page.count("<mark") == page.count("</mark>")
    for span in spans[spans["mark"] == "highlight"].itertuples():
        assert f">{html_module.escape(span.text)}</mark>" in page


# --- Colours and saving -------------------------------------------------------------------------------------------


def test_an_outlet_has_the_same_colour_in_every_figure(seven):
    from claimdiff.figures import outlet_colours

    expected = outlet_colours(seven["outlets"])
    names = dict(zip(seven["outlets"]["name"], seven["outlets"]["outlet"], strict=True))
    timeline_fig = draw("timeline", seven)
    in_timeline = {names[c.get_label()]: mcolors.to_hex(c.get_facecolor()[0]) for c in timeline_fig.axes[0].collections
                   if c.get_label() in names}
    hedging_fig = draw("attribution_hedging", seven)
    hedged = hedging_fig.table_drawn.query("panel == 'hedged'")
    dots = [line for line in hedging_fig.axes[1].lines if line.get_marker() == "o"]
    in_hedging = {o: mcolors.to_hex(d.get_color()) for o, d in zip(hedged["outlet"], dots, strict=True)}
    assert in_timeline and in_hedging
    for outlet, colour in in_timeline.items():
        assert colour == expected[outlet].lower()
    for outlet, colour in in_hedging.items():
        assert colour == expected[outlet].lower() == in_timeline.get(outlet, colour)


def test_save_figure_writes_every_format_and_the_table_drawn(tmp_path, seven):
    fig = draw("coverage_matrix", seven, "single")
    paths = save_figure(fig, "coverage", out=tmp_path)
    assert all(p.exists() and p.stat().st_size > 0 for p in paths.values())
    assert len(pd.read_csv(paths["csv"])) == len(fig.table_drawn)


def test_divergence_helper_tables_have_the_documented_columns(seven):
    assert list(seven["divergence"].columns) == list(DIVERGENCE)


# --- Layout: readable at print size whatever the data ---------------------------------------------------------------

LONG_NAMES = ["Syrian Arab News Agency (SANA), the official state wire", "Levant Monitoring Network for Human Rights",
              "Al-Masdar Al-Arabi Online Daily Edition"]


def crowded_world() -> dict:
    """Fifteen outlets, some with very long names, events with long keyword labels and date ranges, and counts
    from 1 to a million (as FA-KES gives), so every figure must wrap, cut, thin its ticks and switch to log."""
    w = world(15, 6, seed=2)
    outlets = w["outlets"].copy()
    outlets.loc[: len(LONG_NAMES) - 1, "name"] = LONG_NAMES
    events = w["events"].copy()
    events["label"] = [f"{label} · Hasakeh · Qamishli · clashes (10 Jun 2013 – 19 Feb 2015)"
                       for label in events["label"]]
    divergence = w["divergence"].copy()
    killed = divergence.index[(divergence["kind"] == "count") & (divergence["subject"] == "killed")]
    huge = killed[::3]
    divergence.loc[huge, ["value", "low", "high"]] = ["1000000", 1e6, 1e6]
    return {**w, "outlets": outlets, "events": events, "divergence": divergence}


@pytest.fixture(scope="module")
def crowded():
    return crowded_world()


@pytest.mark.parametrize("size", ["single", "double"])
@pytest.mark.parametrize("name", FIGURES + ["corpus_overview"])
def test_no_text_overlaps_or_leaves_the_figure_and_no_legend_covers_a_panel(name, size, crowded):
    from claimdiff.figures import corpus_overview
    from claimdiff.figures.check import layout_problems

    if name == "corpus_overview":
        fig = corpus_overview(crowded["reports"], crowded["outlets"], size=size)
    else:
        fig = draw(name, crowded, size)
    assert layout_problems(fig) == []
    assert fig.get_figwidth() == {"single": 3.5, "double": 7.2}[size]


def test_layout_check_finds_overlapping_tick_labels_and_text_outside_the_figure():
    from claimdiff.figures.check import layout_problems
    from claimdiff.figures.layout import new_figure

    fig = new_figure("single", 1.5)
    ax = fig.subplots()
    ax.set_xticks(range(5), [f"a very long tick label {i}" for i in range(5)])
    ax.text(0.9, 0.5, "text running far out of the right edge of the figure", transform=ax.transAxes)
    problems = layout_problems(fig)
    assert any("overlaps" in p for p in problems)
    assert any("outside the figure" in p for p in problems)


def test_layout_check_accepts_rotated_labels_that_only_their_upright_boxes_would_overlap():
    from claimdiff.figures.check import layout_problems
    from claimdiff.figures.layout import new_figure

    fig = new_figure("single", 2.5)
    ax = fig.subplots()
    ax.set_xticks(range(8), [f"Outlet number {i}" for i in range(8)], rotation=45, ha="right",
                  rotation_mode="anchor")
    assert layout_problems(fig) == []


def test_long_event_titles_are_wrapped_to_their_panels_and_keep_their_dates(crowded):
    fig = draw("numeric_divergence", crowded, "double")
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titles
    for title in titles:
        lines = title.split("\n")
        assert len(lines) <= 2 and lines[-1].startswith("(") and lines[-1].endswith(")")


def test_log_axis_ticks_are_thinned_and_short(crowded):
    fig = draw("numeric_divergence", crowded, "single")
    logs = [ax for ax in fig.axes if ax.get_visible() and ax.axison and ax.get_xscale() != "linear"]
    assert logs
    for ax in logs:
        labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert all(len(label) <= 4 for label in labels), labels  # "1M", not "1e+06" or "1000000"


def test_timeline_draws_the_events_most_outlets_covered_and_says_how_many_it_left_out(crowded):
    from claimdiff.figures import timeline

    w = crowded
    table = timeline(w["reports"], w["assignments"], w["outlets"], w["events"], max_events=3).table_drawn
    breadth = w["reports"].merge(w["assignments"], left_on="id", right_on="report_id").groupby("event_id")[
        "outlet"].nunique()
    assert table["event_id"].nunique() == 3
    assert breadth[table["event_id"].unique()].min() >= breadth.drop(table["event_id"].unique()).max()
    fig = timeline(w["reports"], w["assignments"], w["outlets"], w["events"], max_events=3)
    assert "3 events with fewer outlets" in fig.axes[0].get_xlabel().replace("\n", " ")


def test_past_nine_outlets_colours_repeat_with_another_marker_so_each_outlet_stays_distinct():
    from claimdiff.figures import outlet_colours, outlet_markers
    from claimdiff.figures.style import PALETTE

    keys = [f"outlet-{i:02d}" for i in range(15)]
    colours, markers = outlet_colours(keys), outlet_markers(keys)
    assert set(colours.values()) <= set(PALETTE)  # only the colour-blind-safe colours
    assert len({(colours[k], markers[k]) for k in keys}) == 15


def test_corpus_overview_gives_fifteen_outlets_a_row_each_instead_of_fifteen_stacked_colours(crowded):
    from claimdiff.figures import corpus_overview

    fig = corpus_overview(crowded["reports"], crowded["outlets"], size="single")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == crowded["reports"]["outlet"].nunique() and not fig.legends


def test_outlet_agreement_judges_places_and_dates_by_the_divergence_rules():
    from types import SimpleNamespace as Row

    from claimdiff.figures.agreement import compatible

    # a town and the province it lies in can both be true; two towns of one province cannot
    assert compatible("place", Row(value="Palmyra"), Row(value="Homs"))
    assert not compatible("place", Row(value="Jasim"), Row(value="Nawa"))
    # dates must share a day: consecutive days are two different days
    assert not compatible("date", Row(value="2024-04-17"), Row(value="2024-04-18"))
    assert compatible("date", Row(value="2024-04-17/2024-04-18"), Row(value="2024-04-18"))


def test_an_event_label_too_long_keeps_its_date_and_event_number_on_a_line_of_their_own():
    from claimdiff.figures.layout import fit_event_label, new_figure

    label = "Khan Shaykhun · chemical attack · 4 Apr 2017 (event 399)"
    fitted = fit_event_label(new_figure("single", 1.5), label, 1.6, 7)
    assert fitted.endswith("\n4 Apr 2017 (event 399)")
    assert fitted.startswith("Khan Shaykhun")
