"""The rejoin pass after the linkage (claimdiff.events.rejoin): which day groups join which events."""

import numpy as np
import pandas as pd
from scipy import sparse

from claimdiff.events import EventClusterer
from claimdiff.events.rejoin import rejoin_day_groups, same_settlement

DAY = 736000.0


def links(pairs, n):
    """A symmetric similarity matrix over ``n`` items from ``[(i, j, value), ...]``."""
    rows, cols, values = zip(*pairs, strict=True)
    upper = sparse.coo_matrix((values, (rows, cols)), shape=(n, n))
    return (upper + upper.T).tocsr()


def rejoin(labels, pairs, days, places, acts, outlets, **options):
    n = len(labels)
    return partition(rejoin_day_groups(np.array(labels), links(pairs, n), np.array(days, dtype=float),
                             [frozenset(p) for p in places], [frozenset(a) for a in acts],
                             [frozenset({o}) for o in outlets], same_settlement, **options))


def partition(labels):
    """Labels numbered by first appearance, so that two labellings of one grouping compare equal."""
    return pd.factorize(np.asarray(labels))[0].tolist()


def test_a_lone_report_joins_the_event_of_its_day_settlement_and_act():
    joined = rejoin([0, 0, 1], [(1, 2, 0.05)], [DAY, DAY, DAY], [{"Aleppo"}] * 3, [{"bombing"}] * 3,
                    ["sana", "afp", "trt"])
    assert joined == [0, 0, 0]


def test_the_day_group_of_an_event_spanning_days_moves_alone():
    # Event 0 holds a convoy bombing (day 1) and a later blast (day 5) of one outlet pair; event 1 is the later blast.
    joined = rejoin([0, 0, 0, 1], [(2, 3, 0.1), (0, 2, 0.3)], [DAY + 1, DAY + 1, DAY + 5, DAY + 5],
                    [{"Aleppo"}] * 4, [{"bombing"}] * 4, ["sana", "afp", "trt", "nna"])
    assert joined == [0, 0, 1, 1]


def test_no_report_joins_an_event_that_spans_days():
    # Event 1: a report whose lead names no day and one of three days later; the link is to the undated one.
    joined = rejoin([0, 1, 1], [(0, 1, 0.1)], [DAY, np.nan, DAY + 3], [{"Aleppo"}] * 3, [{"bombing"}] * 3,
                    ["sana", "afp", "trt"])
    assert joined == [0, 1, 1]


def test_disagreeing_facts_keep_events_apart():
    base = dict(pairs=[(0, 1, 0.1)], days=[DAY, DAY], places=[{"Aleppo"}] * 2, acts=[{"bombing"}] * 2,
                outlets=["sana", "afp"])
    assert rejoin([0, 1], **base) == [0, 0]
    assert rejoin([0, 1], **{**base, "days": [DAY, DAY + 1]}) == [0, 1]  # another day
    assert rejoin([0, 1], **{**base, "places": [{"Aleppo"}, {"Homs"}]}) == [0, 1]  # another town
    assert rejoin([0, 1], **{**base, "places": [{"Aleppo"}, set()]}) == [0, 1]  # no settlement on one side
    assert rejoin([0, 1], **{**base, "acts": [{"bombing"}, {"air strike"}]}) == [0, 1]  # another kind of act
    assert rejoin([0, 1], **{**base, "outlets": ["sana", "sana"]}) == [0, 1]  # one outlet twice on one day
    assert rejoin([0, 1], **{**base, "pairs": [(0, 1, -0.05)]}) == [0, 1]  # not even a candidate link


def test_a_whole_event_of_several_outlets_stays_when_limited_to_one_outlet():
    arguments = ([0, 0, 1], [(1, 2, 0.1)], [DAY] * 3, [{"Aleppo"}] * 3, [{"bombing"}] * 3, ["sana", "afp", "trt"])
    assert rejoin(*arguments, whole_event_outlets=1) == [0, 0, 0]  # the lone trt report moves
    assert rejoin([0, 0, 1, 1], [(1, 2, 0.1)], [DAY] * 4, [{"Aleppo"}] * 4, [{"bombing"}] * 4,
                  ["sana", "afp", "trt", "nna"], whole_event_outlets=1) == [0, 0, 1, 1]


def test_a_day_apart_joins_only_with_a_killed_figure_in_common_when_tolls_are_given():
    base = dict(pairs=[(0, 1, 0.1)], days=[DAY, DAY + 1], places=[{"Aleppo"}] * 2, acts=[{"bombing"}] * 2,
                outlets=["sana", "afp"])
    assert rejoin([0, 1], **base) == [0, 1]  # off by default
    assert rejoin([0, 1], **base, tolls=[frozenset({8.0}), frozenset({8.0})]) == [0, 0]
    assert rejoin([0, 1], **base, tolls=[frozenset({8.0}), frozenset({11.0})]) == [0, 1]
    assert rejoin([0, 1], **{**base, "days": [DAY, DAY + 2]}, tolls=[frozenset({8.0})] * 2) == [0, 1]


def test_a_side_naming_no_place_agrees_only_when_asked():
    base = dict(pairs=[(0, 1, 0.1)], days=[DAY, DAY], places=[{"Aleppo"}, set()], acts=[{"bombing"}] * 2,
                outlets=["sana", "afp"])
    assert rejoin([0, 1], **base) == [0, 1]
    assert rejoin([0, 1], **base, placeless_agrees=True) == [0, 0]
    assert rejoin([0, 1], **{**base, "places": [{"Aleppo"}, {"Homs"}]}, placeless_agrees=True) == [0, 1]


def test_a_governorate_is_no_settlement_but_its_capital_city_is():
    assert same_settlement("Manbij", "Manbij")
    assert not same_settlement("Syria", "Syria")


def test_the_pass_is_a_setting_of_the_clusterer_on_by_default():
    from claimdiff.events import EventSettings

    assert EventClusterer().get_params()["rejoin"] is True
    assert EventSettings(rejoin=False).rejoin is False
    reports = pd.DataFrame({"id": ["a", "b"], "text": ["Rain in Homs.", "Sun in Daraa."]})
    assert EventClusterer(rejoin=False).fit_predict(reports).tolist() == EventClusterer().fit_predict(reports).tolist()


def test_a_day_apart_joins_where_the_later_opening_tells_of_the_last_24_hours():
    base = dict(pairs=[(0, 1, 0.1)], days=[DAY, DAY + 1], places=[{"Aleppo"}] * 2, acts=[{"shelling"}] * 2,
                outlets=["alalam", "sana"])
    assert rejoin([0, 1], **base) == [0, 1]
    assert rejoin([0, 1], **base, day_before=[False, True]) == [0, 0]  # the later report tallies the 24 hours
    assert rejoin([0, 1], **base, day_before=[True, False]) == [0, 1]  # the earlier one: no day before it helps
    assert rejoin([0, 1], **{**base, "days": [DAY, DAY + 2]}, day_before=[False, True]) == [0, 1]


def test_the_pass_reads_a_later_sentence_where_the_opening_names_no_place():
    from claimdiff.details.places import gazetteer_matches
    from claimdiff.events.places import places_after_opening

    crossing = "A suicide blast killed 30 rebels near the border. The blast struck a crossing into Idlib province."
    listing = "Strikes killed 50 civilians this year. They died in Aleppo, Deir ez-Zor, Idlib and Raqqa."
    assert places_after_opening(crossing, gazetteer_matches(crossing), 49) == {"Idlib"}
    assert places_after_opening(listing, gazetteer_matches(listing), 38) == frozenset()  # no one ground


def test_a_toll_of_the_last_24_hours_waives_the_time_penalty_for_the_day_before():
    from dataclasses import replace

    from claimdiff.events.pairs import pair_similarity, report_features

    reports = pd.DataFrame({
        "id": ["a", "b", "c"], "published": pd.to_datetime(["2016-04-29", "2016-04-30", "2016-05-01"]),
        "text": ["9 injured in new mortar shell attacks on an Aleppo neighbourhood.",
                 "25 civilians killed in rocket attacks on Aleppo city during the past 24 hours.",
                 "Mortar shells hit an Aleppo neighbourhood, injuring 9."]})
    features = report_features(reports)
    assert features.day_before.tolist() == [False, True, False]
    without = replace(features, day_before=np.zeros(3, dtype=bool))
    waived = pair_similarity(features, [0, 0, 1], [1, 2, 2]) - pair_similarity(without, [0, 0, 1], [1, 2, 2])
    assert waived[0] > 0.03  # a and b: b, filed the day after a, tallies the last 24 hours
    assert waived[1] == 0 and waived[2] == 0  # two days apart; c, the later one, tallies nothing


def test_shelling_joins_fighting_in_one_town_on_one_day_but_not_an_air_strike():
    from claimdiff.events.acts import with_wider_kinds

    def joined(acts):
        return rejoin([0, 1], [(0, 1, 0.1)], [DAY, DAY], [{"Aleppo"}] * 2,
                      with_wider_kinds([frozenset(a) for a in acts]), ["manar", "reuters"])

    assert joined([{"shelling"}, {"fighting"}]) == [0, 0]  # rockets on a town and the offensive on it: one battle
    assert joined([{"shelling"}, {"air strike"}]) == [0, 1]
    assert joined([{"fighting"}, {"air strike"}]) == [0, 1]
