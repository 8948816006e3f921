"""align_claims: same claim across reports groups, one sentence per report per group, singletons kept."""

import numpy as np
import pandas as pd

from claimdiff.claims import CLAIMS, align_claims, group_sentences


class BagOfWords:
    """A deterministic stand-in for the sentence embedder: normalised word counts over a fixed vocabulary."""

    def __init__(self, texts):
        self.vocabulary = sorted({w for t in texts for w in t.lower().replace(".", "").replace(",", "").split()})

    def encode(self, texts):
        rows = []
        for text in texts:
            words = text.lower().replace(".", "").replace(",", "").split()
            rows.append([words.count(w) for w in self.vocabulary])
        vectors = np.asarray(rows, dtype="float32")
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def tables(rows):
    sentences = pd.DataFrame(rows, columns=["report_id", "sent_idx", "text"])
    sentences["start"], sentences["end"] = 0, sentences["text"].str.len()
    reports = pd.DataFrame({"id": sorted(set(sentences["report_id"]))})
    reports["outlet"] = reports["id"].str.split("-").str[0]
    assignments = pd.DataFrame({"report_id": reports["id"], "event_id": 0})
    return sentences, assignments, reports


ROWS = [
    ("wire-1", 0, "Gunmen ambushed a bus near al-Sukhnah, killing 21 soldiers."),
    ("wire-1", 1, "The Islamic State claimed the attack."),
    ("blog-1", 0, "Gunmen ambushed a bus near al-Sukhnah, killing 22 soldiers."),
    ("blog-1", 1, "Residents said the road had been closed for weeks."),
    ("radio-1", 0, "Gunmen ambushed a bus near al-Sukhnah, killing 21 soldiers."),
]


def test_claims_table_has_the_documented_columns_and_dtypes():
    sentences, assignments, reports = tables(ROWS)
    claims = align_claims(reports, sentences, assignments, BagOfWords(sentences["text"]))
    assert list(claims.columns) == list(CLAIMS)
    assert claims.dtypes.astype(str).tolist() == ["int64", "int64", "str", "int64", "str", "str", "float64"]


def test_reprinted_wire_copy_and_a_paraphrase_with_another_number_group_together():
    sentences, assignments, reports = tables(ROWS)
    claims = align_claims(reports, sentences, assignments, BagOfWords(sentences["text"]))
    first = claims[claims["sent_idx"].eq(0)]
    assert first["claim_id"].nunique() == 1 and len(first) == 3


def test_claims_only_one_outlet_makes_stay_as_singletons_with_no_similarity():
    sentences, assignments, reports = tables(ROWS)
    claims = align_claims(reports, sentences, assignments, BagOfWords(sentences["text"]))
    singles = claims.groupby("claim_id").filter(lambda g: len(g) == 1)
    assert sorted(singles["text"]) == [
        "Residents said the road had been closed for weeks.", "The Islamic State claimed the attack."]
    assert singles["similarity"].isna().all()


def test_a_group_never_holds_two_sentences_of_one_report():
    similarity = np.full((4, 4), 0.95)
    groups = group_sentences(similarity, ["a", "a", "b", "b"], threshold=0.5)
    assert sorted(groups) == [0, 0, 1, 1]
    for group in set(groups):
        members = [r for r, g in zip(["a", "a", "b", "b"], groups, strict=True) if g == group]
        assert len(members) == len(set(members))


def test_sentences_of_different_events_never_group():
    sentences, _, reports = tables(ROWS)
    assignments = pd.DataFrame({"report_id": ["blog-1", "radio-1", "wire-1"], "event_id": [0, 1, 1]})
    claims = align_claims(reports, sentences, assignments, BagOfWords(sentences["text"]))
    assert claims.groupby("claim_id")["event_id"].nunique().eq(1).all()


def test_empty_input_gives_an_empty_table_with_the_columns():
    sentences, assignments, reports = tables(ROWS)
    claims = align_claims(reports, sentences.iloc[:0], assignments, BagOfWords(["x"]))
    assert claims.empty and list(claims.columns) == list(CLAIMS)


def test_a_wire_dateline_is_left_out_of_the_comparison_but_kept_in_the_text():
    rows = [
        ("wire-1", 0, "BEIRUT, April 20 (Global Wire) - Hail destroyed hundreds of greenhouses in Lattakia."),
        ("agency-1", 0, "Hail destroyed about 600 greenhouses in Lattakia."),
    ]
    sentences, assignments, reports = tables(rows)
    seen = []

    class Recording(BagOfWords):
        def encode(self, texts):
            seen.extend(texts)
            return super().encode(texts)

    claims = align_claims(reports, sentences, assignments, Recording([t for _, _, t in rows]))
    assert not any("BEIRUT" in text for text in seen)
    assert claims["text"].str.contains("BEIRUT").any()


def test_sentences_of_an_event_told_by_one_outlet_are_not_embedded_and_stay_singletons(monkeypatch):
    import claimdiff.claims as claims_module

    rows = [("wire-1", 0, "Ten people were killed in Homs."), ("blog-1", 0, "Ten people were killed in Homs."),
            ("solo-1", 0, "A bridge opened in Aleppo."), ("solo-1", 1, "A bridge opened in Aleppo."),
            ("solo-2", 0, "A bridge opened in Aleppo.")]
    sentences, assignments, reports = tables(rows)
    assignments["event_id"] = [1, 0, 0, 1]  # blog-1, solo-1, solo-2, wire-1 in id order: outlet solo alone in 0
    embedder = BagOfWords([r[2] for r in rows])
    seen = []
    encode = embedder.encode
    embedder.encode = lambda texts: seen.extend(texts) or encode(texts)
    monkeypatch.setattr(claims_module, "BLOCK_SENTENCES", 1)  # one event per block: the blocks join up
    claims = align_claims(reports, sentences, assignments, embedder)
    assert seen == ["Ten people were killed in Homs."] * 2  # the lone outlet's sentences were not embedded
    solo = claims[claims["outlet"] == "solo"]
    assert solo["claim_id"].nunique() == 3 and solo["similarity"].isna().all()  # its two reports: no groups
    assert claims.loc[claims["outlet"] != "solo", "claim_id"].nunique() == 1
    assert sorted(claims["claim_id"]) == [0, 1, 2, 3, 3]  # event 0 first: its three singletons, then the shared claim
