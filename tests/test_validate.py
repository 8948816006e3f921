"""Validation sheets: a stratified, seeded sample of flagged divergences, and precision and agreement once coded."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from claimdiff.cli import main
from claimdiff.validate import (
    JUDGEMENTS,
    agreement,
    allocate,
    flagged_pairs,
    precision_by_kind,
    sample_divergences,
    wilson_interval,
    write_sheet,
)


def divergence_table(n_groups: dict[str, int], seed: int = 0) -> pd.DataFrame:
    """Per kind, ``n`` claim groups in which two outlets disagree and a third agrees with the first, plus rows that
    must never be sampled: superseded, agreeing, not comparable."""
    rng = np.random.default_rng(seed)
    rows = []
    claim = 0
    for kind, n in n_groups.items():
        for _ in range(n):
            base = int(rng.integers(1, 50))
            for outlet, value, agrees, superseded in (("a", base, False, False), ("b", base + 5, False, False),
                                                      ("c", base, False, False), ("a", base + 9, False, True)):
                rows.append({"event_id": claim // 3, "claim_id": claim, "kind": kind, "subject": "killed",
                             "outlet": outlet, "value": str(value), "agrees": agrees,
                             "evidence": f"{value} people", "report_id": f"{outlet}{claim}",
                             "sent_idx": 0, "superseded": superseded})
            claim += 1
    rows.append({"event_id": 99, "claim_id": 999, "kind": "count", "subject": "killed", "outlet": "a", "value": "3",
                 "agrees": True, "evidence": "3", "report_id": "x", "sent_idx": 0, "superseded": False})
    rows.append({"event_id": 99, "claim_id": 999, "kind": "count", "subject": "killed", "outlet": "b",
                 "value": "none", "agrees": pd.NA, "evidence": pd.NA, "report_id": "y", "sent_idx": 0,
                 "superseded": False})
    table = pd.DataFrame(rows)
    table["agrees"] = table["agrees"].astype("boolean")
    return table


def test_pairs_are_flagged_current_rows_paired_with_another_value_each_pair_once():
    pairs = flagged_pairs(divergence_table({"count": 1}))
    # a and c say the same; b differs from both: two pairs (a-b, b-c), the superseded a row never
    assert sorted(tuple(sorted(p)) for p in zip(pairs["outlet"], pairs["other_outlet"], strict=True)) == [
        ("a", "b"), ("b", "c")]
    assert (pairs["value"] != pairs["other_value"]).all()


def test_pairwise_columns_are_used_when_the_table_has_them():
    table = divergence_table({"date": 2})
    current = table[~table["superseded"] & (table["outlet"] == "a")]
    pairwise = current.assign(other_outlet="z", other_report_id="z1", other_value="77", other_evidence="77 people",
                              confidence=0.8)
    pairs = flagged_pairs(pairwise)
    assert len(pairs) == 2 and set(pairs["other_outlet"]) == {"z"} and set(pairs["confidence"]) == {0.8}


def test_the_sample_is_stratified_by_kind():
    table = divergence_table({"count": 40, "date": 3, "place": 30, "label": 25})
    sheet = sample_divergences(table, n=40, seed=1)
    per_kind = sheet["kind"].value_counts()
    # date has 6 pairs (3 groups x 2): all of them; the other 34 shared as equally as possible
    assert per_kind["date"] == 6
    assert sorted(per_kind.drop("date")) == [11, 11, 12]
    assert len(sheet) == 40 and sheet["item"].tolist() == list(range(1, 41))
    assert set(sheet["judgement"]) == {""}
    sizes = flagged_pairs(table).groupby("kind").size()
    assert (sheet["flagged_in_kind"] == sheet["kind"].map(sizes)).all()


def test_the_sample_is_the_same_for_a_seed_whatever_the_row_order():
    table = divergence_table({"count": 40, "place": 30})
    first = sample_divergences(table, n=20, seed=3)
    shuffled = table.sample(frac=1.0, random_state=5).reset_index(drop=True)
    again = sample_divergences(shuffled, n=20, seed=3)
    pd.testing.assert_frame_equal(first, again)
    other = sample_divergences(table, n=20, seed=4)
    assert not first[["claim_id", "outlet"]].equals(other[["claim_id", "outlet"]])


def test_allocation_gives_small_strata_all_they_have():
    assert allocate({"a": 2, "b": 100, "c": 100}, 50) == {"a": 2, "b": 24, "c": 24}
    assert allocate({"a": 2, "b": 3}, 50) == {"a": 2, "b": 3}
    assert allocate({}, 10) == {}


def test_the_sheet_is_written_as_csv_and_html_with_both_sentences(tmp_path):
    table = divergence_table({"count": 2})
    sentences = pd.DataFrame({"report_id": table["report_id"], "sent_idx": 0,
                              "text": [f"Officials said {v} people <died>." for v in table["value"]]})
    sheet = sample_divergences(table, n=10, sentences=sentences)
    paths = write_sheet(sheet, tmp_path)
    read = pd.read_csv(paths["csv"], keep_default_na=False)
    assert len(read) == len(sheet) and {"judgement", "note", "sentence", "other_sentence"} <= set(read.columns)
    page = paths["html"].read_text()
    assert page.count("<section>") == len(sheet)
    assert "&lt;died&gt;" in page and "<died>" not in page  # escaped
    assert "<mark>" in page


def test_wilson_interval_matches_a_hand_computation():
    # 8 of 10, z = 1.959964: centre (0.8 + z²/20) / (1 + z²/10) = 0.992073 / 1.384146 = 0.716740; half-width
    # z * sqrt(0.8 * 0.2 / 10 + z² / 400) / (1 + z²/10) = 1.959964 * 0.160012 / 1.384146 = 0.226578
    # (the interval 0.490-0.943 of tables of Wilson intervals)
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.716740 - 0.226578, abs=2e-5)
    assert high == pytest.approx(0.716740 + 0.226578, abs=2e-5)
    assert wilson_interval(0, 5)[0] == 0.0 and wilson_interval(5, 5)[1] == pytest.approx(1.0)
    assert all(math.isnan(x) for x in wilson_interval(0, 0))


def coded(judgements: dict[str, list[str]], flagged: dict[str, int] | None = None) -> pd.DataFrame:
    rows = [{"kind": kind, "judgement": j, "flagged_in_kind": (flagged or {}).get(kind, len(js))}
            for kind, js in judgements.items() for j in js]
    return pd.DataFrame(rows).assign(item=lambda t: range(1, len(t) + 1))


def test_precision_per_kind_leaves_unsure_out_and_weighs_kinds_by_their_flagged_pairs():
    sheet = coded({"count": ["real"] * 8 + ["not real"] * 2 + ["unsure"], "date": ["real", "not real"]},
                  flagged={"count": 300, "date": 100})
    table = precision_by_kind(sheet).set_index("kind")
    assert table.loc["count", ["real", "not_real", "unsure", "coded"]].tolist() == [8, 2, 1, 11]
    assert table.loc["count", "precision"] == pytest.approx(0.8)
    assert table.loc["count", "low"] == pytest.approx(wilson_interval(8, 10)[0])
    assert table.loc["all", "precision"] == pytest.approx((300 * 0.8 + 100 * 0.5) / 400)


def test_krippendorffs_alpha_matches_the_published_two_coder_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", binary data, two observers: alpha = 0.095
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    name = {0: "not real", 1: "real"}
    a = coded({"count": [name[v] for v in first]})
    b = coded({"count": [name[v] for v in second]})
    table = agreement(a, b).set_index("kind")
    assert table.loc["all", "alpha"] == pytest.approx(0.095, abs=5e-4)
    assert table.loc["count", "items"] == 10


def test_the_validate_commands_sample_and_score(tmp_path, capsys):
    table = divergence_table({"count": 10, "place": 10})
    run = tmp_path / "run"
    run.mkdir()
    table.to_csv(run / "divergence.csv", index=False)
    assert main(["validate-sample", str(run), "--n", "12", "--seed", "2"]) == 0
    sheet = pd.read_csv(run / "validation-sheet.csv", keep_default_na=False)
    assert len(sheet) == 12 and (run / "validation-sheet.html").is_file()
    sheet["judgement"] = [JUDGEMENTS[i % 2] for i in range(len(sheet))]
    sheet.to_csv(tmp_path / "coder1.csv", index=False)
    sheet["judgement"] = [JUDGEMENTS[(i // 2) % 2] for i in range(len(sheet))]
    sheet.to_csv(tmp_path / "coder2.csv", index=False)
    capsys.readouterr()
    assert main(["validate-score", str(tmp_path / "coder1.csv"), str(tmp_path / "coder2.csv"),
                 "--out", str(tmp_path / "precision.csv")]) == 0
    printed = capsys.readouterr().out
    assert "precision" in printed and "alpha" in printed
    assert set(pd.read_csv(tmp_path / "precision.csv")["kind"]) == {"count", "place", "all"}


def test_a_sheet_with_an_unknown_judgement_is_one_error_line(tmp_path, capsys):
    coded({"count": ["real", "maybe"]}).to_csv(tmp_path / "sheet.csv", index=False)
    assert main(["validate-score", str(tmp_path / "sheet.csv")]) == 2
    said = capsys.readouterr().err
    assert "'maybe'" in said and "Traceback" not in said
