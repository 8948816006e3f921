"""Settings: one object per stage, read from TOML, passed by run_pipeline and the command line, recorded by figures."""

import dataclasses
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from claimdiff.cli import main
from claimdiff.settings import Settings, SettingsError
from claimdiff.stagecache import _describe, _key

DEMO = Path(__file__).resolve().parent.parent / "corpus" / "demo"


def test_defaults_round_trip_through_dict_and_toml(tmp_path):
    settings = Settings()
    assert Settings.from_dict(settings.to_dict()) == settings
    path = tmp_path / "claimdiff.toml"
    path.write_text(settings.to_toml())
    assert Settings.from_toml(path) == settings


def test_changed_settings_round_trip_through_toml(tmp_path):
    path = tmp_path / "claimdiff.toml"
    path.write_text('[events]\nlink_threshold = 0.2\nwindow_days = 30.0\n[claims]\nthreshold = 0.7\n'
                    '[corpus]\ncolumns = {text = "body"}\ndayfirst = true\n[embed]\nbackend = "torch"\n')
    settings = Settings.from_toml(path)
    assert settings.events.link_threshold == 0.2 and settings.events.n_neighbors == 5
    assert settings.claims.threshold == 0.7 and settings.corpus.columns == (("text", "body"),)
    assert settings.reading()["dayfirst"] is True and settings.embed.backend == "torch"
    path.write_text(settings.to_toml())
    assert Settings.from_toml(path) == settings


@pytest.mark.parametrize("text, words", [
    ("[events]\nlink_treshold = 0.2\n", ["link_treshold", "[events]"]),
    ("[event]\nlink_threshold = 0.2\n", ["[event]"]),
    ("[claims]\nthreshold = \"high\"\n", ["threshold", "float"]),
    ("[claims\n", ["not TOML"]),
])
def test_a_bad_settings_file_fails_naming_what_is_wrong(tmp_path, text, words):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(SettingsError) as caught:
        Settings.from_toml(path)
    assert str(path) in str(caught.value)
    assert all(word in str(caught.value) for word in words)


def test_an_unknown_key_is_one_error_line_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text("[divergence]\nomission_shar = 0.3\n")
    assert main(["events", str(DEMO), "--out", str(tmp_path / "e.csv"), "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "omission_shar" in err and "[divergence]" in err


def test_the_stage_cache_key_changes_with_the_settings():
    settings = Settings()
    changed = dataclasses.replace(settings.events, link_threshold=0.2)
    assert _describe(settings.events) != _describe(changed)
    assert _key("events", {"settings": settings.events}) != _key("events", {"settings": changed})
    assert _describe(settings.corpus) == _describe(Settings().corpus)


def test_a_higher_link_threshold_in_the_config_gives_more_events_on_the_demo(tmp_path):
    config = tmp_path / "claimdiff.toml"
    config.write_text("[events]\nlink_threshold = 0.3\n")
    assert main(["events", str(DEMO), "--out", str(tmp_path / "default.csv")]) == 0
    assert main(["events", str(DEMO), "--out", str(tmp_path / "strict.csv"), "--config", str(config)]) == 0
    default = pd.read_csv(tmp_path / "default.csv")["event_id"].nunique()
    strict = pd.read_csv(tmp_path / "strict.csv")["event_id"].nunique()
    assert strict > default


def test_a_detail_setting_in_the_config_changes_the_details(tmp_path):
    config = tmp_path / "claimdiff.toml"
    config.write_text("[details]\nmin_place_reports = 1\n")  # a place one report names is learnt too
    assert main(["details", str(DEMO), "--out", str(tmp_path / "default.csv")]) == 0
    assert main(["details", str(DEMO), "--out", str(tmp_path / "eager.csv"), "--config", str(config)]) == 0
    default = pd.read_csv(tmp_path / "default.csv")
    eager = pd.read_csv(tmp_path / "eager.csv")
    assert (eager["subject"] == "corpus").sum() > (default["subject"] == "corpus").sum()


def test_config_show_prints_every_setting(tmp_path, capsys):
    assert main(["config", "--show"]) == 0
    shown = tomllib.loads(capsys.readouterr().out)
    for section, values in Settings().to_dict().items():
        for key, value in values.items():
            if value is None:
                continue  # TOML has no none: shown as a comment
            assert shown[section][key] == value, (section, key)
    config = tmp_path / "claimdiff.toml"
    config.write_text("[claims]\nlexical_weight = 0.3\n")
    assert main(["config", "--show", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert tomllib.loads(out)["claims"]["lexical_weight"] == 0.3
    assert "# model = (none)" in out


def test_figures_with_a_config_record_the_settings(tmp_path):
    from test_cli import small_corpus

    config = tmp_path / "claimdiff.toml"
    config.write_text("[claims]\nthreshold = 0.6\n")
    out = tmp_path / "out"
    assert main(["figures", str(small_corpus(tmp_path / "corpus")), "--out", str(out), "--config", str(config)]) == 0
    recorded = Settings.from_toml(out / "settings.toml")
    assert recorded.claims.threshold == 0.6 and recorded.events == Settings().events
    page = (out / "index.html").read_text()
    assert 'href="settings.toml"' in page and "threshold = 0.6" in page and "link_threshold = 0.07" in page
