"""The toll as a whole said to be unverified in one outlet and given plainly in another
(claimdiff.divergence.toll_doubt), read from text through the details stage."""

from __future__ import annotations

import pandas as pd
from event_hedges import hedge_rows

from claimdiff.divergence.toll_doubt import SUBJECT


def _toll_certainty(texts: dict[str, str]) -> pd.DataFrame:
    return hedge_rows(texts, SUBJECT, "2016-10-13")


def test_figures_said_to_be_unverified_disagree_with_a_toll_given_plainly():
    rows = _toll_certainty({
        "wire": "At least 17 people were killed in a car bomb blast near Azaz on Thursday. "
                "Other reports put the death toll higher but the casualty figures could not be verified.",
        "agency": "At least 20 people were killed in a car bomb blast near Azaz on Thursday."})
    assert rows["value"].to_dict() == {"agency": "certain", "wire": "unverified"}
    assert not rows["agrees"].any()


def test_pictures_that_could_not_be_verified_leave_the_toll_alone():
    rows = _toll_certainty({
        "wire": "At least 17 people were killed in a car bomb blast near Azaz on Thursday. "
                "The authenticity of the pictures could not be verified.",
        "agency": "At least 20 people were killed in a car bomb blast near Azaz on Thursday."})
    assert rows.empty
