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
        "a": "Russia has been carrying out air strikes in support of the Syrian regime since September 2015.",
        "b": "Russia has been carrying out air strikes in support of the Syrian government since September 2015."})
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
