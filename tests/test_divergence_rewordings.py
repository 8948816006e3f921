"""Rewordings: a label changed in a sentence two outlets share ("in support of the Syrian regime" against "... the
Syrian government") is a label divergence of both; words of one tone, or sentences that are no copies, are none."""

import pandas as pd

from claimdiff.details import extract_details
from claimdiff.divergence import compare_details
from claimdiff.divergence.rewordings import changed_stretches

OUTLETS = {"a": "alalam", "b": "ahram"}


def shared_sentence_divergence(texts):
    ids = list(texts)
    reports = pd.DataFrame({"id": ids, "outlet": [OUTLETS[i] for i in ids], "title": "",
                            "text": [texts[i] for i in ids], "published": pd.Timestamp("2017-04-16")})
    sentences = pd.DataFrame({"report_id": ids, "sent_idx": 0, "text": [texts[i] for i in ids], "start": 0,
                              "end": [len(texts[i]) for i in ids]})
    claims = pd.DataFrame({"claim_id": 0, "event_id": 0, "report_id": ids, "sent_idx": 0,
                           "outlet": [OUTLETS[i] for i in ids], "text": [texts[i] for i in ids], "similarity": 0.9})
    table = compare_details(reports, claims, extract_details(reports, sentences))
    return table[table["kind"].eq("label") & table["agrees"].eq(False)]


def test_a_wire_sentence_with_regime_for_government_is_a_label_divergence_of_both_outlets():
    rows = shared_sentence_divergence({
        "a": "Russian jets carried out air strikes in support of the Syrian regime on Sunday, killing 9 in Idlib.",
        "b": "Russian jets carried out air strikes in support of the Syrian government on Sunday, killing 9 in Idlib."})
    assert sorted(zip(rows["outlet"], rows["value"], strict=True)) == [("ahram", "government"), ("alalam", "regime")]
    assert set(rows["subject"]) == {"Syrian government"}


def test_a_shared_sentence_with_words_of_one_tone_gives_no_label_divergence():
    rows = shared_sentence_divergence({
        "a": "The town is held by an alliance of rebels and insurgents fighting the army.",
        "b": "The town is held by an alliance of rebels and insurgent groups fighting the army."})
    assert rows.empty


def test_sentences_that_only_share_a_few_words_are_no_rewording():
    a = "Terrorists fired shells on the town, killing two."
    b = "Two people died when rockets launched from a rebel area hit houses in the town on Sunday."
    assert changed_stretches(a.split(), b.split()) == []
    assert changed_stretches("Terrorists fired shells on the town".split(),
                             "Rebels fired shells on the town".split()) == [((0, 1), (0, 1))]


def _event(texts, claim_of=lambda k, n: 0 if n == 0 else k + 1):
    """Reports of one event whose first sentences are one claim group; each further sentence a group of its own
    (``claim_of(k, n)``: the claim of the k-th sentence of all, the n-th of its report)."""
    ids = list(texts)
    reports = pd.DataFrame({"id": ids, "outlet": [OUTLETS[i] for i in ids], "title": "",
                            "text": [" ".join(texts[i]) for i in ids], "published": pd.Timestamp("2017-04-16")})
    rows = [(i, n, text) for i in ids for n, text in enumerate(texts[i])]
    sentences = pd.DataFrame({"report_id": [i for i, _, _ in rows], "sent_idx": [n for _, n, _ in rows],
                              "text": [t for _, _, t in rows], "start": 0, "end": [len(t) for _, _, t in rows]})
    claims = sentences[["report_id", "sent_idx", "text"]].assign(
        claim_id=[claim_of(k, n) for k, (_, n, _) in enumerate(rows)], event_id=0,
        outlet=[OUTLETS[i] for i, _, _ in rows], similarity=0.9)
    return compare_details(reports, claims, extract_details(reports, sentences))


def test_rebels_made_the_opposition_is_no_stance_where_both_outlets_use_both_words():
    shared = "Assad has the military advantage over {} in the west of the country."
    mixed = _event({"a": [shared.format("the opposition"), "Rebels shelled a checkpoint in Daraa."],
                    "b": [shared.format("rebels"), "Opposition fighters shelled a checkpoint in Daraa."]})
    rows = mixed[mixed["kind"].eq("label") & mixed["claim_id"].eq(-1) & mixed["sent_idx"].eq(0)]
    assert len(rows) == 2 and rows["agrees"].all()
    kept = _event({"a": [shared.format("the opposition"), "Opposition fighters shelled a checkpoint in Daraa."],
                   "b": [shared.format("rebels"), "Opposition fighters shelled a checkpoint in Daraa."]})
    rows = kept[kept["kind"].eq("label") & kept["claim_id"].eq(-1) & kept["sent_idx"].eq(0)]
    assert not rows["agrees"].any()  # a never says "rebels": its change is a choice


def _shared_closing_line(lead_a, lead_b, closing_a, closing_b):
    """Two reports of one event: their leads one claim group, a line in between each its own, and their closing lines
    (sentence 2, after the lead) one claim group."""
    texts = {"a": [lead_a, "Rescue workers searched the rubble for hours.", closing_a],
             "b": [lead_b, "Ambulances took the wounded to a field hospital.", closing_b]}
    table = _event(texts, claim_of=lambda k, n: {0: 0, 1: 10 + k, 2: 1}[n])
    return table[table["kind"].eq("label") & table["agrees"].eq(False)]


def test_a_name_changed_in_a_shared_line_on_a_party_of_another_incident_is_no_label_divergence():
    closing = "Russian bombers also hit {} positions near Deir ez-Zor, the ministry in Moscow said."
    strike = "Air strikes killed 12 civilians in a market in Idlib on Sunday."
    rows = _shared_closing_line(strike, strike, closing.format("Islamic State"), closing.format("Daesh"))
    assert rows.empty  # the Islamic State group is no party of the Idlib strike
    bombing = "An Islamic State car bomb killed 12 civilians in a market in Idlib on Sunday."
    rows = _shared_closing_line(bombing, bombing, closing.format("Islamic State"), closing.format("Daesh"))
    assert set(rows["subject"]) == {"ISIS"} and set(rows["outlet"]) == set(OUTLETS.values())


def test_a_possessive_changed_for_a_label_is_valued_by_its_name():
    rows = shared_sentence_divergence({
        "a": "Syrian army jets hit the town, in a zone agreed in a deal between the regimes allies Russia and Iran.",
        "b": "Syrian army jets hit the town, in a zone agreed in a deal between Syrias allies Russia and Iran."})
    assert sorted(zip(rows["outlet"], rows["value"], strict=True)) == [("ahram", "Syria"), ("alalam", "regime")]
    # naming the state by its country is the unmarked way: a weaker choice than "government" made "regime"
    assert rows["confidence"].tolist() == [0.25, 0.25]


def test_takfiri_is_as_hostile_as_terrorist_in_a_shared_sentence():
    rows = shared_sentence_divergence({
        "a": "Army units struck the positions of the Takfiri groups near Jasim on Sunday, killing 9.",
        "b": "Army units struck the positions of the terrorist groups near Jasim on Sunday, killing 9."})
    assert rows.empty


def test_a_word_for_an_unnamed_party_changed_in_a_sentence_that_sums_up_a_span_of_strikes_is_no_rewording():
    # the unnamed parties of strikes summed up since a month may be those of those strikes, not this incident's
    rows = shared_sentence_divergence({
        "a": "Coalition air strikes since March have killed 40 people in the province where jihadists are strong.",
        "b": "Coalition air strikes since March have killed 40 people in the province where rebels are strong."})
    assert rows.empty
    # a party the reports' leads name is compared there
    lead = "Buses left the town of Madaya on Friday under a deal between the Syrian army and rebels."
    table = _event({"a": [lead, "The deal is one of several since March that have seen the regime retake towns."],
                    "b": [lead, "The deal is one of several since March that have seen the government retake towns."]},
                   claim_of=lambda k, n: n)
    rows = table[table["kind"].eq("label") & table["agrees"].eq(False)]
    assert set(rows["outlet"]) == {"alalam", "ahram"}
    rows = shared_sentence_divergence({
        "a": "Coalition air strikes on Sunday killed 40 people in the province where jihadists are strong.",
        "b": "Coalition air strikes on Sunday killed 40 people in the province where rebels are strong."})
    assert set(rows["outlet"]) == {"alalam", "ahram"}
