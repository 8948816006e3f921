"""The comparers' confidences and bound ratio are settings of compare_details, in effect for its call only."""

import numpy as np
from test_divergence import SAME_DAY, claims_table, details_table, reports_table, rows_of

from claimdiff.divergence import DivergenceSettings, compare_details
from claimdiff.divergence.comparers import active, interval_clash
from claimdiff.settings import Settings


def _bound_against_figure(settings=None):
    """'at least 15' (wire) against 32 (agency) in one claim group."""
    claims = claims_table([(0, "a", "wire"), (0, "b", "agency")])
    details = details_table([("a", 0, "count", "killed", "at least 15", 15, np.nan),
                             ("b", 0, "count", "killed", "32", 32, 32)])
    return rows_of(compare_details(reports_table(SAME_DAY), claims, details, settings=settings), "count")


def test_a_bound_far_below_a_figure_is_flagged_with_the_bound_confidence_of_the_settings():
    assert _bound_against_figure()["confidence"].tolist() == [0.4, 0.4]
    table = _bound_against_figure(DivergenceSettings(bound_confidence=0.3))
    assert table["confidence"].tolist() == [0.3, 0.3] and not table["agrees"].any()


def test_a_larger_bound_ratio_makes_the_same_figures_compatible():
    assert _bound_against_figure(DivergenceSettings(bound_ratio=3.0))["agrees"].all()


def test_the_settings_of_a_call_do_not_outlive_it():
    _bound_against_figure(DivergenceSettings(bound_ratio=3.0))
    assert active() == DivergenceSettings() and interval_clash(15, np.nan, 32, 32) == 0.4


def test_the_confidences_are_read_from_a_config_file(tmp_path):
    path = tmp_path / "claimdiff.toml"
    path.write_text("[divergence]\nbound_ratio = 2.5\nactor_confidence = 0.9\n", encoding="utf-8")
    settings = Settings.from_toml(path).divergence
    assert (settings.bound_ratio, settings.actor_confidence, settings.wording_confidence) == (2.5, 0.9, 0.5)
