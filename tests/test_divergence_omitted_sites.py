"""Omissions of the target: an outlet naming nowhere the kind of site two outlets or more say in their leads the
attack was aimed at — on hand-made claim and detail tables."""

import pandas as pd
from omission_tables import claims_of, reports_table

from claimdiff.divergence import compare_details


def acts_of(keys):
    """keys: (report_id, sent_idx) of the sentences that name an act (a bombing)."""
    table = pd.DataFrame(keys, columns=["report_id", "sent_idx"])
    return table.assign(kind="act", subject="bombing", value="bomb", low=float("nan"), high=float("nan"),
                        text="bomb", start=0, end=4)


def target_omissions(claims, details):
    table = compare_details(reports_table(), claims, details)
    flagged = table[table["subject"].str.startswith("target:") & table["agrees"].eq(False).fillna(False)]
    return sorted(zip(flagged["outlet"], flagged["subject"], strict=True))


LEADS = [(0, "a", 0, "A truck bomb exploded near the security headquarters of the local administration."),
         (0, "b", 0, "The bomb blast targeted a centre of the local police and a nearby government building."),
         (0, "c", 0, "A car bomb went off in a western neighbourhood of the city.")]
ACTS = [("a", 0), ("b", 0), ("c", 0)]


def test_an_outlet_naming_no_premises_two_outlets_say_the_bomb_was_aimed_at_leaves_the_target_out():
    assert target_omissions(claims_of(LEADS), acts_of(ACTS)) == [("blog", "target: government or security premises")]


def test_an_outlet_naming_the_premises_anywhere_in_other_words_has_not_left_the_target_out():
    claims = claims_of(LEADS + [(1, "c", 6, "The area houses the offices of the local administration.")])
    assert target_omissions(claims, acts_of(ACTS)) == []


def test_a_site_named_beside_no_act_is_no_target():
    claims = claims_of([(0, "a", 0, "A truck bomb killed 40 people."), (0, "b", 0, "A bomb blast killed 40."),
                        (0, "c", 0, "A car bomb went off in a western neighbourhood."),
                        (1, "a", 1, "The wounded were taken to a hospital."),
                        (1, "b", 1, "Relatives gathered near the hospital.")])
    assert target_omissions(claims, acts_of(ACTS)) == []
