"""The role of an actor in its sentence (details.actor_roles), and labels that name no doer."""

import pandas as pd

from claimdiff.details.actors import actor_rows, find_actors, role


def test_a_label_telling_what_the_act_was_names_no_doer_but_one_naming_the_side_against_the_state_does():
    sentences = pd.DataFrame({"report_id": "r", "sent_idx": [0, 1, 2], "start": [0, 40, 80],
                              "text": ["A double terrorist attack killed 18.", "Terrorists attacked the buses.",
                                       "A rebel rocket attack killed 3."]})
    doers = [(row.sent_idx, row.value) for row in actor_rows(sentences) if row.kind == "actor"]
    assert doers == [(1, "unidentified"), (2, "unidentified")]


def test_a_doer_carrying_out_or_conducting_strikes_is_the_agent():
    for text in ("State media said government planes were carrying out air strikes south of Aleppo.",
                 "Russian jets conducted raids on the town."):
        mentions = find_actors(text)
        assert mentions and role(text, mentions[0].start, mentions[0].end) == "agent", text
