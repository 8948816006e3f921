"""``python -m claimdiff framing``: tables and figures of a small corpus, events from a column or clustered."""

import pandas as pd

from claimdiff.cli import main
from claimdiff.framing import LABEL_TABLE, LOG_ODDS

REPORT = "---\noutlet: {outlet}\npublished: 2024-04-{day}\nstory: {story}\n---\n{text}\n"
TEXTS = [
    ("sna", 1, "ISIS terrorists attacked a checkpoint near Palmyra. The terrorists were repelled by the army."),
    ("wire", 1, "ISIS militants attacked a checkpoint near Palmyra, the army said. The militants withdrew."),
    ("sna", 2, "The heroic army foiled an attack by ISIS terrorists in Deir Ezzor."),
    ("wire", 2, "Militants of ISIS attacked army positions in Deir Ezzor, a monitor said."),
]


def corpus(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for n, (outlet, story, text) in enumerate(TEXTS):
        (folder / f"{n}.md").write_text(REPORT.format(outlet=outlet, day=10 + story, story=story, text=text))
    return folder


def test_framing_stage_writes_label_and_log_odds_tables_and_figures(tmp_path):
    out = tmp_path / "out"
    assert main(["framing", str(corpus(tmp_path / "c")), "--out", str(out), "--event-column", "story"]) == 0
    labels = pd.read_csv(out / "labels-by-outlet.csv")
    assert list(labels.columns) == list(LABEL_TABLE)
    isis = labels[labels["actor"] == "ISIS"].set_index("group")
    sna, wire = set(isis.loc[["sna"], "label"]), set(isis.loc[["wire"], "label"])
    assert "terrorists" in sna - wire and "militants" in wire - sna
    assert "ISIS" in sna & wire  # the name both outlets use for the group is a label too (details.actors `names`)
    words = pd.read_csv(out / "log-odds-by-outlet.csv")
    assert list(words.columns) == list(LOG_ODDS)
    for name in ("label-shares-isis", "log-odds-plot-by-outlet", "log-odds-plot-by-kind", "label-shares-by-kind-isis"):
        for fmt in ("pdf", "svg", "png", "csv"):
            assert (out / f"{name}.{fmt}").stat().st_size > 0


def test_framing_stage_with_an_unknown_event_column_is_one_error_line(tmp_path, capsys):
    assert main(["framing", str(corpus(tmp_path / "c")), "--out", str(tmp_path / "o"), "--event-column", "nope"]) == 2
    assert "no column 'nope'" in capsys.readouterr().err
