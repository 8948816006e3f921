"""Kinds of act in openings (claimdiff.events.acts, lexicon data/acts.yaml)."""

from claimdiff.events.acts import act_clash, opening_acts


def test_missiles_from_the_ground_or_sea_are_shelling():
    acts = opening_acts([
        "A U.S. missile strike on an airbase near Homs caused deaths",
        "Fifty nine US cruise missiles struck a Syrian airbase",
        "Rebels fired surface-to-surface missiles and rockets at the town",
        "Warplanes fired missiles at a market in Idlib",
    ])
    assert [sorted(a) for a in acts] == [["shelling"], ["shelling"], ["shelling"], ["air strike", "shelling"]]


def test_a_missile_strike_clashes_with_a_car_bombing_not_with_rockets():
    acts = opening_acts(["US missile strikes hit an airbase", "A car bomb hit a checkpoint",
                         "Rocket attacks hit the airbase"])
    assert act_clash(acts, [0, 0], [1, 2]).tolist() == [True, False]
