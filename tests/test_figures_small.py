"""Small corpora through the ``figures`` command: four reports, one report, one outlet. Every figure is written,
each says in words what there is nothing to compare, time axes stay the width of the reports' days, and the
researcher's own events and names reach every table and figure.

The corpora are built in tmp_path from the demo reports.
"""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO

from claimdiff.cli import main
from claimdiff.figures.check import layout_problems
from claimdiff.figures.suite import draw_figures
from claimdiff.pipeline import report_vectors, run_pipeline

FOUR = ["sna/2024-04-19-daraa-checkpoint.md", "levant-monitor/2024-04-19-daraa-checkpoint.md",
        "free-voice/2024-04-20-daraa-checkpoint.md", "northern-star/2024-04-20-daraa-checkpoint.md"]
ONE = ["sna/2024-04-19-daraa-checkpoint.md"]
ONE_OUTLET = [f"sna/{path.name}" for path in sorted((DEMO / "sna").glob("*.md"))]
FIGURE_NAMES = ("corpus-overview", "event-map", "timeline", "numeric-divergence", "attribution-hedging",
                "outlet-agreement", "label-shares", "log-odds", "coverage-matrix", "claim-side-by-side")


def corpus_of(folder, paths):
    for path in paths:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(DEMO / path, folder / path)
    return folder


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Per small corpus: the pipeline's results and every figure drawn from them."""
    from claimdiff.embed import Embedder

    embedder = Embedder()
    found = {}
    for name, paths in (("four", FOUR), ("one", ONE), ("one outlet", ONE_OUTLET)):
        corpus = corpus_of(tmp_path_factory.mktemp(name.replace(" ", "-")), paths)
        results = run_pipeline(corpus, embedder)
        vectors = report_vectors(results.reports, results.sentences, embedder)
        figures = draw_figures(results, vectors, "double")
        found[name] = (results, {figure_name: fig for figure_name, _, fig in figures})
        found[f"{name} vectors"] = vectors
    return found


def notes(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


@pytest.mark.parametrize("name", ["four", "one", "one outlet"])
def test_the_figures_command_writes_every_figure_of_a_small_corpus(name, tmp_path, capsys):
    corpus = corpus_of(tmp_path / "corpus", {"four": FOUR, "one": ONE, "one outlet": ONE_OUTLET}[name])
    assert main(["figures", str(corpus), "--out", str(tmp_path / "out")]) == 0
    for figure in FIGURE_NAMES:
        for fmt in ("pdf", "svg", "png", "csv"):
            assert (tmp_path / "out" / f"{figure}.{fmt}").is_file(), f"{figure}.{fmt}"
    said = capsys.readouterr().err
    single = name != "four"
    assert ("note: nothing to compare: every report is from one outlet (sna)" in said) == single


def test_four_reports_show_a_claim_two_outlets_make_side_by_side(drawn):
    results, figures = drawn["four"]
    table = figures["claim-side-by-side"].table_drawn
    sentences = table[table["mark"] == "sentence"]
    assert sentences["outlet"].nunique() >= 2
    assert (sentences["claim_id"] >= 0).all()
    assert not any("claim group -1" in note for fig in figures.values() for note in notes(fig))


def test_four_reports_draw_without_overlapping_text(drawn):
    _, figures = drawn["four"]
    for name, fig in figures.items():
        assert layout_problems(fig) == [], name


@pytest.mark.parametrize("name", ["one", "one outlet"])
def test_one_outlet_says_there_is_nothing_to_compare_where_a_comparison_would_be(drawn, name):
    _, figures = drawn[name]
    for figure in ("numeric-divergence", "outlet-agreement", "coverage-matrix", "claim-side-by-side"):
        assert figures[figure].table_drawn.empty
        assert any(note.startswith("Nothing to compare: every report is from one outlet (sna)")
                   for note in notes(figures[figure])), figure


def test_one_report_gets_a_timeline_one_day_wide_and_bars_within_their_day(drawn):
    import matplotlib.dates as mdates

    results, figures = drawn["one"]
    published = results.reports["published"].iloc[0]
    low, high = (mdates.num2date(x).replace(tzinfo=None) for x in figures["timeline"].axes[0].get_xlim())
    assert low == published.floor("D") and high - low <= pd.Timedelta(days=1)
    overview = figures["corpus-overview"].axes[0]
    for bar in overview.patches:
        start, end = (mdates.num2date(x).replace(tzinfo=None) for x in (bar.get_x(), bar.get_x() + bar.get_width()))
        assert published.floor("D") <= start < end <= published.floor("D") + pd.Timedelta(days=1)


def test_events_are_named_by_place_act_and_day(drawn):
    results, _ = drawn["four"]
    labels = results.events["label"].tolist()
    assert results.events["named_by"].eq("details").all()
    assert all(label.count(" · ") >= 1 and label.rstrip().endswith("2024") for label in labels)
    assert results.assignments["event_label"].isin(labels).all()


def test_the_researchers_events_and_names_reach_every_table_and_figure(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", FOUR)
    reports = run_pipeline(corpus).reports
    ids = sorted(reports["id"])
    events_file = tmp_path / "events.csv"
    # Two events of the researcher's: the SNA report on its own, the three others together.
    pd.DataFrame({"report_id": ids, "event_id": ["others" if not i.startswith("sna/") else "state" for i in ids],
                  "event_name": ["" if not i.startswith("sna/") else "Ministry's account" for i in ids]}
                 ).to_csv(events_file, index=False)
    out = tmp_path / "out"
    assert main(["figures", str(corpus), "--out", str(out), "--events", str(events_file)]) == 0
    events = pd.read_csv(out / "events.csv")
    assignments = pd.read_csv(out / "assignments.csv")
    assert len(events) == 2 and "Ministry's account" in set(events["label"])
    assert set(events["named_by"]) == {"researcher", "details"}
    state = events.loc[events["label"] == "Ministry's account", "event_id"].iloc[0]
    assert assignments.loc[assignments["report_id"].str.startswith("sna/"), "event_id"].eq(state).all()
    claims = pd.read_csv(out / "claims.csv")
    assert not claims[claims["event_id"] == state]["outlet"].ne("sna").any()
    assert set(pd.read_csv(out / "timeline.csv")["event_label"]) <= set(events["label"])

    names_file = tmp_path / "names.csv"
    other = int(events.loc[events["label"] != "Ministry's account", "event_id"].iloc[0])
    pd.DataFrame({"event_id": [other], "name": ["Jasim checkpoint attack"]}).to_csv(names_file, index=False)
    assert main(["figures", str(corpus), "--out", str(out), "--events", str(events_file),
                 "--event-names", str(names_file)]) == 0
    assert "Jasim checkpoint attack" in set(pd.read_csv(out / "events.csv")["label"])
    assert "Jasim checkpoint attack" in set(pd.read_csv(out / "event-map.csv")["event_label"])


def test_an_events_file_naming_a_report_the_corpus_lacks_is_one_error_line(tmp_path, capsys):
    corpus = corpus_of(tmp_path / "corpus", ONE)
    events_file = tmp_path / "events.csv"
    pd.DataFrame({"report_id": ["sna/no-such-report.md"], "event_id": [1]}).to_csv(events_file, index=False)
    assert main(["figures", str(corpus), "--out", str(tmp_path / "out"), "--events", str(events_file)]) == 2
    said = capsys.readouterr().err
    assert "error:" in said and "not in the corpus" in said and "Traceback" not in said


def test_event_colours_are_never_outlet_colours():
    from claimdiff.figures.event_map import EVENT_PALETTE
    from claimdiff.figures.style import PALETTE

    assert not {c.lower() for c in EVENT_PALETTE} & {c.lower() for c in PALETTE}
    assert len(set(EVENT_PALETTE)) == len(EVENT_PALETTE)
    assert np.all([len(c) == 7 for c in EVENT_PALETTE])


def test_the_figure_suite_regroups_by_the_researchers_events_and_renames_them(drawn):
    results, _ = drawn["four"]
    ids = sorted(results.reports["id"])
    events = pd.DataFrame({"report_id": ids, "event_id": [i % 2 for i in range(len(ids))]})
    figures = {name: fig for name, _, fig in draw_figures(results, drawn["four vectors"], events=events,
                                                          event_names={1: "Second half"})}
    points = figures["event-map"].table_drawn
    assert points.groupby("event_id")["report_id"].apply(sorted).to_dict() == {0: ids[0::2], 1: ids[1::2]}
    assert set(points.loc[points["event_id"] == 1, "event_label"]) == {"Second half"}
    names = {int(e): f"Mine {e}" for e in results.events["event_id"]}
    renamed = {name: fig for name, _, fig in draw_figures(results, drawn["four vectors"], event_names=names)}
    assert set(renamed["timeline"].table_drawn["event_label"]) == set(names.values())


def test_results_with_a_table_lacking_a_column_are_refused_in_one_line_before_drawing(drawn):
    from dataclasses import replace

    from claimdiff.schema import SchemaError

    results = drawn["four"][0]
    broken = replace(results, claims=results.claims.drop(columns="outlet"))
    with pytest.raises(SchemaError, match=r"^draw_figures: the claims table lacks outlet \(it has: claim_id, "):
        draw_figures(broken, np.zeros((len(results.reports), 2)))


def test_figures_written_by_worker_processes_have_the_bytes_of_those_written_here(drawn, tmp_path):
    from claimdiff.figures.suite import save_all

    figures = [(name, "", fig) for name, fig in drawn["four"][1].items()]
    forked = save_all(figures, tmp_path / "forked", workers=2)  # first: the workers leave these figures untouched
    here = save_all(figures, tmp_path / "here", workers=1)
    assert len(here) == len(FIGURE_NAMES)
    for mine, theirs in zip(here, forked, strict=True):
        assert mine.keys() == theirs.keys()
        for fmt in mine:
            assert mine[fmt].name == theirs[fmt].name and mine[fmt].parent == tmp_path / "here"
            assert mine[fmt].read_bytes() == theirs[fmt].read_bytes(), mine[fmt].name
