"""Saved figures are paper-ready: every format written, fonts embedded as TrueType, identical bytes across runs."""

import re

import pandas as pd
from matplotlib.figure import Figure

from claimdiff.figures import outlet_colours, save_figure


def small_figure():
    fig = Figure(figsize=(3.5, 2))
    ax = fig.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.set_ylabel("Reports")
    fig.table_drawn = pd.DataFrame({"outlet": ["a", "b"], "n": [1, 2]})
    return fig


def test_save_figure_writes_pdf_svg_png_and_the_table_drawn(tmp_path):
    paths = save_figure(small_figure(), "demo", out=tmp_path)
    assert sorted(p.suffix for p in paths.values()) == [".csv", ".pdf", ".png", ".svg"]
    assert pd.read_csv(paths["csv"])["n"].tolist() == [1, 2]


def test_pdf_fonts_are_embedded_truetype_not_type3(tmp_path):
    pdf = save_figure(small_figure(), "fonts", out=tmp_path)["pdf"].read_bytes()
    assert b"/FontFile2" in pdf  # an embedded TrueType font program
    assert not re.search(rb"/Subtype\s*/Type3", pdf)


def test_saving_twice_gives_identical_bytes(tmp_path):
    first = save_figure(small_figure(), "same", out=tmp_path / "1")
    second = save_figure(small_figure(), "same", out=tmp_path / "2")
    for fmt in ("pdf", "svg", "png", "csv"):
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt


def test_each_outlet_keeps_its_colour_whatever_order_it_comes_in():
    assert outlet_colours(["c", "a", "b"]) == outlet_colours(["b", "c", "a"])


def test_a_colour_set_in_outlet_metadata_wins_and_is_not_reused():
    outlets = pd.DataFrame({"outlet": ["a", "b"], "colour": ["#332288", None]})
    colours = outlet_colours(outlets)
    assert colours["a"] == "#332288" and colours["b"] != "#332288"
