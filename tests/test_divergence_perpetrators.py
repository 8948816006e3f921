"""Who did it, compared over the event: what counts as an outlet's answer, and how two answers clash."""

import pandas as pd

from claimdiff.clean import clean_text
from claimdiff.details.actors import role
from claimdiff.details.perpetrators import find_nobody
from claimdiff.divergence.comparers import COMPARERS
from claimdiff.divergence.omissions import doer_omissions
from claimdiff.divergence.perpetrators import event_perpetrators


def members(*sentences):
    """(report, outlet, published, sent_idx, text) -> a members table of event 0."""
    return pd.DataFrame([{"event_id": 0, "report_id": r, "outlet": o, "published": pd.Timestamp(p), "sent_idx": i,
                          "text": t} for r, o, p, i, t in sentences])


def actors(*rows):
    """(report, sent_idx, role, actor, words) -> actor details."""
    return pd.DataFrame([{"report_id": r, "sent_idx": i, "kind": "actor", "subject": s, "value": v, "text": t,
                          "role": s} for r, i, s, v, t in rows])


def answers(table, details):
    return {row["outlet"]: row["value"] for row in event_perpetrators(table, details)}


def test_an_actor_in_a_pages_keyword_list_is_cleaned_away_before_roles_are_read():
    text = clean_text("Tags Syria Idlib Russia airstrikes Syrian regime Airstrikes on a village killed 12 people.")
    assert "Russia" not in text
    text = clean_text("Tags Syria Idlib A Russian airstrike killed 12 people.")
    assert role(text, text.index("Russian airstrike"), text.index("Russian airstrike") + 17) == "agent"


def test_a_name_in_brackets_or_after_a_title_keeps_its_role():
    text = "The Islamic State militants group (IS) on Monday claimed responsibility for the bombing."
    assert role(text, text.index("(IS") + 1, text.index("(IS") + 3) == "claimed"
    text = "The opposition accused President Bashar al-Assad of being behind the attack."
    assert role(text, text.index("Bashar"), text.index(" of being")) == "blamed"


def test_a_group_saying_one_of_its_fighters_did_it_claims_it():
    text = "The Islamic State (IS) group said in a statement that one of its fighters blew himself up."
    assert role(text, 4, 17) == "claimed"
    text = "The Islamic State group said the town was calm."
    assert role(text, 4, 17) != "claimed"


def test_losses_suffered_by_a_party_are_not_its_act():
    text = "The biggest loss of life experienced by Russian forces since they began operations."
    assert role(text, text.index("Russian forces"), text.index(" since")) != "agent"


def test_no_claim_for_another_act_is_not_said_of_this_one():
    assert find_nobody("No group has claimed responsibility for downing the helicopter.") == []
    assert [n.value for n in find_nobody("No group has claimed responsibility for the attack so far.")] == [
        "unclaimed"]


def test_the_latest_report_that_says_who_did_it_speaks_for_the_outlet():
    table = members(("a1", "x", "2017-04-04", 0, "Regime jets struck."), ("a2", "x", "2017-04-13", 0, "Samples."),
                    ("b", "y", "2017-04-04", 0, "Russian jets struck."))
    details = actors(("a1", 0, "agent", "Syrian government", "Regime jets"), ("b", 0, "agent", "Russia", "Russian"))
    assert answers(table, details) == {"x": "Syrian government", "y": "Russia"}


def test_a_toll_past_the_lead_names_no_doer_when_the_lead_names_one():
    lead = [("a", "x", "2016-07-27", i, t) for i, t in enumerate(["ISIS claimed the blast.", "It killed 44.", "."])]
    table = members(*lead, ("a", "x", "2016-07-27", 5, "In Aleppo 18 were killed in government air strikes."),
                    ("b", "y", "2016-07-27", 0, "An ISIS bomb killed 44."))
    details = actors(("a", 0, "claimed", "ISIS", "ISIS"), ("a", 5, "agent", "Syrian government", "government"),
                     ("b", 0, "agent", "ISIS", "ISIS"))
    details = pd.concat([details, pd.DataFrame([{"report_id": "a", "sent_idx": 5, "kind": "count",
                                                 "subject": "killed", "value": "18", "text": "18"}])])
    assert answers(table, details) == {"x": "ISIS", "y": "ISIS"}


def test_no_claim_beside_a_named_doer_is_no_other_answer():
    table = members(("a", "x", "2017-04-08", 0, "Russian warplanes killed 18."),
                    ("a", "x", "2017-04-08", 5, "There was no immediate claim of responsibility for the attack."),
                    ("b", "y", "2017-04-08", 0, "Russian aircraft killed 18."))
    details = actors(("a", 0, "agent", "Russian forces", "Russian warplanes"),
                     ("a", 5, "claimed", "unclaimed", "no immediate claim"), ("b", 0, "agent", "Russia", "Russian"))
    assert answers(table, details) == {"x": "Russia", "y": "Russia"}


def test_an_outlets_two_reports_of_a_day_that_disagree_clash_only_when_neither_stands_with_the_other_outlet():
    table = members(("a1", "x", "2017-04-08", 0, "Russian planes struck Urum al-Joz."),
                    ("a2", "x", "2017-04-08", 0, "It was unclear if Syrian or Russian planes struck Khan Sheikhun."),
                    ("b", "y", "2017-04-08", 0, "Russian warplanes struck Urum al-Joz."),
                    ("c", "z", "2017-04-08", 0, "ISIS struck."))
    details = actors(("a1", 0, "agent", "Russian forces", "Russian planes"),
                     ("a2", 0, "agent", "unknown", "unclear if"),
                     ("b", 0, "agent", "Russian forces", "Russian warplanes"), ("c", 0, "agent", "ISIS", "ISIS"))
    two = table["outlet"] != "z"
    rows = {row["outlet"]: row for row in event_perpetrators(table[two], details)}
    assert rows["x"]["value"] == "Russia; unknown"  # what the outlet said that day, both reports
    assert rows["x"]["agrees"] and rows["y"]["agrees"]  # x's first report stands with y's
    rows = {row["outlet"]: row for row in event_perpetrators(table, details)}
    assert rows["x"]["agrees"] is False and rows["x"]["other_outlet"] == "z"  # neither report stands with ISIS


def test_saying_who_did_it_is_not_known_differs_from_naming_the_doer_plainly():
    clash = COMPARERS["actor"].clash
    named, doubted, open_ = (
        {"values": frozenset(v)} for v in ({"Russia"}, {"Russia", "unknown"}, {"unknown"}))
    assert 0 < clash(named, doubted) < clash(named, open_)
    assert clash(doubted, open_) > 0
    assert clash(named, {"values": frozenset({"Russia", "Syrian government"})}) == 0


def test_an_outlet_silent_on_who_did_it_where_two_name_a_doer_leaves_it_out():
    table = members(("a", "x", "2016-08-15", 0, "IS claimed the bombing."), ("b", "y", "2016-08-15", 0, "IS did."),
                    ("c", "z", "2016-08-15", 0, "A suicide bomber killed 30."),
                    ("d", "w", "2016-08-15", 0, "A bomb, which IS has used before, killed 30."))
    rows = [{"event_id": 0, "outlet": o, "value": "ISIS", "evidence": "IS", "report_id": r, "sent_idx": 0}
            for o, r in (("x", "a"), ("y", "b"))]
    details = actors(("d", 0, "mentioned", "ISIS", "IS"))
    found = doer_omissions(table, rows, details)
    assert [(r["outlet"], r["evidence"]) for r in found] == [("z", "IS claimed the bombing. | IS did.")]


def test_an_ambulance_against_a_car_bomb_differs_but_a_car_that_was_hit_is_no_means():
    from claimdiff.divergence.means import event_means, sentence_means
    assert sentence_means("An Israeli plane hit a car.") == {"aircraft": {"warplane": "plane"}}
    table = members(("a", "x", "2014-10-01", 0, "A suicide bomber driving an ambulance blew it up."),
                    ("b", "y", "2014-10-01", 0, "The car bomb went off at a checkpoint."),
                    ("c", "z", "2014-10-01", 0, "A bomber drove a car and a motorcycle bomb followed."))
    none = pd.DataFrame({"report_id": [], "sent_idx": [], "kind": []})
    vehicles = [r for r in event_means(table, none) if r["subject"] == "means: vehicle carrying the bomb"]
    found = {r["outlet"]: (r["value"], r["agrees"]) for r in vehicles}
    assert found == {"x": ("ambulance", False), "y": ("car", False), "z": ("car; motorcycle", False)}
    assert all(r["agrees"] for r in event_means(table[table["outlet"] != "x"], none)
               if r["subject"] == "means: vehicle carrying the bomb")
    # an ambulance is a kind of car: told more precisely, a weak difference, not a contradiction
    assert {r["outlet"]: r["confidence"] for r in vehicles} == {"x": 0.3, "y": 0.3, "z": 0.3}


def test_a_truck_bomb_against_a_car_bomb_is_a_sure_clash_but_a_vehicle_of_no_kind_stands_with_both_weakly():
    from claimdiff.divergence.means import event_means
    table = members(("a", "x", "2016-07-27", 0, "A truck bomb exploded near the offices."),
                    ("b", "y", "2016-07-27", 0, "A car bomb exploded near the offices."),
                    ("c", "z", "2016-07-27", 0, "An explosive-laden vehicle exploded near the offices."))
    none = pd.DataFrame({"report_id": [], "sent_idx": [], "kind": []})
    found = {r["outlet"]: (r["value"], r["other_outlet"], r["confidence"]) for r in event_means(table, none)
             if r["subject"] == "means: vehicle carrying the bomb"}
    assert found == {"x": ("truck", "y", 0.8), "y": ("car", "x", 0.8), "z": ("vehicle", "x", 0.3)}


def test_a_suicide_bomber_against_a_car_bomb_differs_but_a_suicide_car_bomber_stands_with_both():
    from claimdiff.divergence.means import event_means
    table = members(("a", "x", "2014-10-01", 0, "One suicide attacker carried out both of the bombings."),
                    ("b", "y", "2014-10-01", 0, "Twin car bomb explosions killed 18."),
                    ("c", "z", "2014-10-01", 0, "A suicide bomber detonated a car bomb at the school."))
    none = pd.DataFrame({"report_id": [], "sent_idx": [], "kind": []})
    delivery = [r for r in event_means(table, none) if r["subject"] == "means: delivery of the bomb"]
    found = {r["outlet"]: (r["value"], r["agrees"]) for r in delivery}
    assert found == {"x": ("suicide bomber", False), "y": ("vehicle bomb", False),
                     "z": ("suicide bomber; vehicle bomb", True)}


def test_an_aircraft_shot_down_is_what_was_downed_not_what_struck():
    from claimdiff.divergence.means import event_means, sentence_means
    assert sentence_means("Israeli jets struck; an Israeli drone was shot down.") == {
        "aircraft": {"warplane": "jets"}, "aircraft shot down": {"drone": "drone"}}
    table = members(("a", "x", "2016-10-30", 0, "Jets struck the western districts, killing 15."),
                    ("b", "y", "2016-10-30", 0, "Army units repelled it, killing 20 and shooting down 4 drones."),
                    ("c", "z", "2016-10-30", 0, "A drone struck the western districts, killing 15."))
    none = pd.DataFrame({"report_id": [], "sent_idx": [], "kind": []})
    found = {(r["outlet"], r["subject"]): (r["value"], r["other_outlet"]) for r in event_means(table, none)}
    # x's jets differ from z's drone, not from the drones y says were downed (which no other outlet tells)
    assert found == {("x", "means: aircraft"): ("warplane", "z"), ("z", "means: aircraft"): ("drone", "x")}
    found = {(r["outlet"], r["subject"]) for r in event_means(table[table["outlet"] != "z"], none)}
    assert found == set()


def test_barrel_bombs_against_missiles_differ_but_rockets_and_mortars_are_one_weapon():
    from claimdiff.divergence.means import event_means, sentence_means
    assert sentence_means("Regime helicopters dropped barrel bombs on the town.")["weapon"] == {
        "barrel bomb": "barrel bombs"}
    table = members(("a", "x", "2014-10-05", 0, "Air strikes and surface-to-surface missiles hit the town."),
                    ("b", "y", "2014-10-05", 0, "Barrel bombs dropped by regime warplanes hit the town."),
                    ("c", "z", "2014-10-05", 0, "Missiles hit the town, killing 9."))
    none = pd.DataFrame({"report_id": [], "sent_idx": [], "kind": []})
    found = {r["outlet"]: (r["value"], r["agrees"]) for r in event_means(table, none)
             if r["subject"] == "means: weapon"}
    assert found == {"x": ("missile", False), "y": ("barrel bomb", False), "z": ("missile", False)}
    table = members(("a", "x", "2015-06-01", 0, "Rebel rockets hit a school in Aleppo, killing 4."),
                    ("b", "y", "2015-06-01", 0, "A mortar shell hit a school in Aleppo, killing 4."))
    assert all(r["agrees"] for r in event_means(table, none))


def test_a_doer_called_only_by_a_label_differs_from_nobody_known_or_no_claim_but_not_from_a_named_party():
    table = members(("a", "x", "2017-04-15", 0, "Terrorists attacked the buses."),
                    ("b", "y", "2017-04-15", 0, "It was unclear who carried out the bombing."),
                    ("c", "z", "2017-04-15", 0, "ISIS attacked the buses."))
    details = actors(("a", 0, "agent", "unidentified", "Terrorists"), ("b", 0, "agent", "unknown", "unclear who"),
                     ("c", 0, "agent", "ISIS", "ISIS"))
    clashes = {(r["outlet"], r.get("other_outlet")) for r in event_perpetrators(table, details) if r["agrees"] is False}
    assert ("x", "y") in clashes and ("x", "z") not in clashes and ("z", "x") not in clashes
    unclaimed = members(("a", "x", "2017-04-15", 0, "Terrorists attacked the buses."),
                        ("b", "y", "2017-04-15", 0, "There was no claim of responsibility."))
    details = actors(("a", 0, "agent", "unidentified", "Terrorists"), ("b", 0, "claimed", "unclaimed", "no claim"))
    assert {(r["outlet"], r["other_outlet"]) for r in event_perpetrators(unclaimed, details)
            if r["agrees"] is False} == {("x", "y"), ("y", "x")}



def test_two_outlets_both_unsure_who_did_it_that_share_a_candidate_differ_only_weakly():
    from claimdiff.divergence.perpetrators import event_perpetrators
    table = members(("a", "x", "2017-04-25", 0, "Syrian regime or Russian air strikes killed 12."),
                    ("a", "x", "2017-04-25", 1, "Russian jets struck the town."),
                    ("b", "y", "2017-04-25", 0, "The strikes were likely carried out by Russian jets, killing 12."),
                    ("c", "z", "2017-04-25", 0, "Russian jets struck the town, killing 12."))
    details = pd.DataFrame({"report_id": ["a", "a", "b", "b", "c"], "sent_idx": [0, 1, 0, 0, 0],
                            "kind": ["actor", "actor", "actor", "hedge", "actor"],
                            "subject": ["agent", "agent", "agent", "hedge", "agent"],
                            "value": ["unknown", "Russia", "Russia", "likely", "Russia"],
                            "text": ["regime or Russian", "Russian jets", "Russian jets", "likely", "Russian jets"],
                            "role": ["agent", "agent", "agent", "party", "agent"],
                            "group": [None, None, None, "party:Russia", None]})
    found = {r["outlet"]: (r["other_outlet"], r["confidence"]) for r in event_perpetrators(table, details)}
    # x and y both leave room for doubt and both point to Russia; z says plainly that Russia did it
    assert found["y"] == ("x", 0.3)
    assert found["x"] == ("z", 0.5)
    assert found["z"] == ("x", 0.5)
