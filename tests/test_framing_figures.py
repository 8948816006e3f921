"""Framing figures: label shares per actor and log-odds per group, drawn from small hand-made tables."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from claimdiff.figures import outlet_colours, save_figure
from claimdiff.figures.check import overlapping_pairs
from claimdiff.figures.framing import LABEL_COLUMNS, LOG_ODDS_COLUMNS, busiest_actor, label_share_plot, log_odds_plot
from claimdiff.framing import label_table, log_odds

OUTLETS = pd.DataFrame({"outlet": ["sna", "wire", "monitor"], "name": ["State News", "Wire", "Monitor"],
                        "kind": ["state agency", "wire", "monitor"], "colour": ["nan"] * 3})
REPORTS = pd.DataFrame({
    "id": ["s1", "s2", "w1", "w2", "m1", "m2"], "outlet": ["sna", "sna", "wire", "wire", "monitor", "monitor"],
    "event": [1, 2, 1, 2, 1, 2],
    "text": ["Terrorists attacked the checkpoint; the heroic army repelled the terrorists.",
             "Army units foiled terrorist infiltration, the army said in a statement.",
             "Militants attacked a checkpoint, the army said; the claim could not be verified.",
             "Insurgents ambushed a convoy, according to the army, witnesses said.",
             "ISIS gunmen attacked a checkpoint, sources on the ground said.",
             "ISIS members ambushed a convoy, sources said, killing soldiers."],
})
DETAILS = pd.DataFrame({
    "report_id": ["s1", "s1", "s2", "w1", "w2", "m1", "m2", "w1"], "kind": "label",
    "subject": ["ISIS"] * 7 + ["HTS"],
    "value": ["terrorists", "terrorists", "terrorists", "militants", "insurgents", "gunmen", "militants", "rebels"],
})
DETAILS["text"] = DETAILS["value"]


@pytest.fixture(scope="module")
def labels():
    return label_table(DETAILS, REPORTS)


@pytest.fixture(scope="module")
def words():
    return log_odds(REPORTS, event_column="event", min_count=1)


@pytest.mark.parametrize("size", ["single", "double"])
def test_label_share_plot_draws_every_outlet_and_label_of_the_actor(labels, size):
    fig = label_share_plot(labels, OUTLETS, size=size)
    assert isinstance(fig, Figure) and fig.get_figwidth() == {"single": 3.5, "double": 7.2}[size]
    table = fig.table_drawn
    assert list(table.columns) == list(LABEL_COLUMNS)
    assert set(table["actor"]) == {"ISIS"}  # the most labelled actor by default
    assert len(table) == 3 * 4  # 3 outlets x 4 labels, the ones an outlet never uses at share 0
    never = table[table["n_labels"] == 0]
    assert never["share"].eq(0).all() and never["ci_low"].isna().all()
    assert len(fig.axes) == 4


def test_label_share_plot_keeps_each_outlets_colour(labels):
    fig = label_share_plot(labels, OUTLETS, actor="ISIS")
    colours = outlet_colours(OUTLETS)
    used = {line.get_color() for ax in fig.axes for line in ax.lines if line.get_marker() == "o"
            and line.get_markerfacecolor() != "none"}
    assert used <= set(colours.values()) and colours["sna"] in used


def test_label_share_plot_of_outlet_kinds_and_of_nothing():
    kinds = label_table(DETAILS, REPORTS, OUTLETS, by="kind")
    assert set(label_share_plot(kinds, OUTLETS).table_drawn["group"]) == {"state agency", "wire", "monitor"}
    empty = label_share_plot(kinds.iloc[0:0], OUTLETS)
    assert empty.table_drawn.empty and list(empty.table_drawn.columns) == list(LABEL_COLUMNS)
    assert any(t.get_text() for ax in empty.axes for t in ax.texts)
    assert busiest_actor(kinds) == "ISIS" and busiest_actor(kinds.iloc[0:0]) is None


@pytest.mark.parametrize("size", ["single", "double"])
def test_log_odds_plot_has_a_dot_per_term_and_labels_that_do_not_overlap(words, size):
    fig = log_odds_plot(words, OUTLETS, top=6, size=size)
    table = fig.table_drawn
    assert list(table.columns) == list(LOG_ODDS_COLUMNS) and len(table) == len(words)
    panels = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in panels] == ["State News", "Wire", "Monitor"]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax, group in zip(panels, ["sna", "wire", "monitor"], strict=True):
        labelled = table[(table["group"] == group) & table["labelled"]]
        written = [t.get_text() for t in ax.texts]
        assert len(written) == len(labelled)
        assert all(term.startswith(text.rstrip("…")) for text, term in zip(written, labelled["term"], strict=True))
        assert 0 < len(ax.texts) <= 6 and overlapping_pairs(ax.texts, renderer) == []
        assert (labelled["z"] > 0).all()
        # every label stays inside its panel
        frame = ax.get_window_extent(renderer)
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1


def test_log_odds_plot_labels_one_form_of_a_phrase(words):
    table = log_odds_plot(words, OUTLETS, top=10).table_drawn
    for _, mine in table[table["labelled"]].groupby("group"):
        terms = mine["term"].tolist()
        assert not any(a != b and f" {a} " in f" {b} " for a in terms for b in terms)


def test_log_odds_plot_of_nothing_says_so():
    fig = log_odds_plot(log_odds(REPORTS.iloc[0:0], event_column="event"), OUTLETS)
    assert fig.table_drawn.empty and list(fig.table_drawn.columns) == list(LOG_ODDS_COLUMNS)


def test_framing_figures_save_with_their_data(labels, words, tmp_path):
    for name, fig in (("labels", label_share_plot(labels, OUTLETS)), ("words", log_odds_plot(words, OUTLETS))):
        paths = save_figure(fig, name, out=tmp_path)
        assert all(path.stat().st_size > 0 for path in paths.values())
        assert len(pd.read_csv(paths["csv"])) == len(fig.table_drawn)
    assert np.isfinite(words["z"]).all()


def test_log_odds_plot_of_many_outlets_draws_the_busiest_and_says_so():
    groups = [f"o{i:03d}" for i in range(40)]
    rows = [{"group_by": "outlet", "group": g, "term": f"word{j}", "frequency": 3 + j, "z": float(j - i % 3),
             "rank": 5 - j, "n_reports_group": i} for i, g in enumerate(groups) for j in range(5)]
    table = pd.DataFrame(rows)
    fig = log_odds_plot(table, pd.DataFrame({"outlet": groups, "name": groups, "kind": "x"}), max_panels=5)
    drawn = fig.table_drawn
    assert sorted(drawn["group"].unique()) == groups[-5:]  # the five with the most reports in shared events
    assert "5 of 40 outlets" in fig._supxlabel.get_text()


def test_log_odds_plot_of_a_table_computed_for_the_busiest_only_counts_every_outlet_compared():
    outlets = [f"o{i}" for i in range(6)]
    reports = pd.DataFrame({"id": [f"r{i}" for i in range(18)], "outlet": [outlets[i % 6] for i in range(18)],
                            "event": [i % 3 for i in range(18)],
                            "text": [f"rebels shelled the town {'again ' * (i % 6)}near the river" for i in range(18)]})
    table = log_odds(reports, event_column="event", min_count=1, max_groups=2)
    assert table["group"].nunique() == 2 and table.attrs["n_groups_compared"] == 6
    fig = log_odds_plot(table, pd.DataFrame({"outlet": outlets, "name": outlets, "kind": "x"}), max_panels=2)
    assert "2 of 6 outlets" in fig._supxlabel.get_text()


def test_label_share_plot_of_many_outlets_keeps_the_most_labelled_and_says_so(labels):
    many = pd.concat([labels.assign(group=labels["group"] + f"-{i}", n_total=labels["n_total"] + i)
                      for i in range(12)], ignore_index=True)
    fig = label_share_plot(many, OUTLETS, actor="ISIS", max_rows=5)
    drawn = fig.table_drawn
    assert drawn["group"].nunique() == 5 and drawn["group"].str.endswith("-11").sum() > 0  # the most mentions
    assert "5 of 36" in fig._supxlabel.get_text()
