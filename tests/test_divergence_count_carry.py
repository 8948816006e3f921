"""Counts compared where a report says them in a way the claim groups alone miss: the injured told in the sentence
after the dead ("... were killed. 50 others were injured"), an offensive's toll over days in a report that gives no
single day's, and an outlet's later report with a smaller figure (a part, or another strike the event holds)."""

import pandas as pd

from claimdiff.divergence import compare_details


def _table(texts: dict, claim_of: dict, counts: list[tuple], published: dict) -> pd.DataFrame:
    """compare_details on one event; ``texts``: (report, sentence) -> text, ``claim_of``: (report, sentence) ->
    claim group, ``counts``: (report, sentence, subject, phrase, low, high, scope) rows."""
    outlet = {"a": "wire", "b": "blog", "a2": "wire"}
    claims = pd.DataFrame([{"claim_id": claim_of[key], "event_id": 0, "report_id": key[0], "sent_idx": key[1],
                            "outlet": outlet[key[0]], "text": text, "similarity": .9} for key, text in texts.items()])
    details = pd.DataFrame([{"report_id": r, "sent_idx": i, "kind": "count", "subject": subject, "value": phrase,
                             "low": low, "high": high, "text": phrase, "group": "people", "scope": scope,
                             "start": texts[(r, i)].find(phrase), "end": texts[(r, i)].find(phrase) + len(phrase)}
                            for r, i, subject, phrase, low, high, scope in counts])
    reports = pd.DataFrame({"id": list(published), "published": pd.to_datetime(list(published.values()))})
    return compare_details(reports, claims, details)


def _clashes(table: pd.DataFrame, subject: str) -> pd.DataFrame:
    counts = table[(table["kind"] == "count") & (table["subject"] == subject)]
    return counts[counts["agrees"].eq(False) & ~counts["superseded"].astype(bool)]


def test_the_injured_told_in_the_next_sentence_are_compared_with_the_other_outlets_injured():
    texts = {("a", 0): "Some 14 people were killed in the shelling.", ("a", 1): "More than 50 others were injured.",
             ("b", 0): "Five people were killed and 40 others were injured in the shelling."}
    counts = [("a", 0, "killed", "14", 14.0, 14.0, "incident"), ("a", 1, "injured", "More than 50", 51.0, None,
                                                                   "incident"),
              ("b", 0, "killed", "Five", 5.0, 5.0, "incident"), ("b", 0, "injured", "40", 40.0, 40.0, "incident")]
    table = _table(texts, {("a", 0): 0, ("a", 1): 1, ("b", 0): 0}, counts, {"a": "2016-04-28", "b": "2016-04-28"})
    assert set(_clashes(table, "injured")["outlet"]) == {"wire", "blog"}
    # without "others" the next sentence's count is its own statement, not the first sentence's
    texts[("a", 1)] = "More than 50 were injured in another district."
    table = _table(texts, {("a", 0): 0, ("a", 1): 1, ("b", 0): 0}, counts, {"a": "2016-04-28", "b": "2016-04-28"})
    assert _clashes(table, "injured").empty


def test_an_offensives_toll_in_a_lead_is_compared_when_the_report_gives_no_days_toll():
    texts = {("a", 0): "At least 132 militants have been killed since Saturday in fighting in Hasakeh.",
             ("b", 0): "Kurdish forces killed at least 175 militants in the offensive in Hasakeh."}
    counts = [("a", 0, "killed", "At least 132", 132.0, None, "running total"),
              ("b", 0, "killed", "at least 175", 175.0, None, "incident")]
    table = _table(texts, {("a", 0): 0, ("b", 0): 0}, counts, {"a": "2015-02-25", "b": "2015-02-27"})
    assert set(_clashes(table, "killed")["outlet"]) == {"wire", "blog"}
    # a report that gives the day's toll too leads with it: its running total is background
    texts[("a", 1)] = "On Tuesday 20 militants were killed."
    counts.append(("a", 1, "killed", "20", 20.0, 20.0, "incident"))
    table = _table(texts, {("a", 0): 0, ("b", 0): 0, ("a", 1): 1}, counts, {"a": "2015-02-25", "b": "2015-02-27"})
    assert "At least 132" not in set(_clashes(table, "killed")["value"])


def test_a_later_smaller_figure_of_the_outlet_does_not_revise_its_toll():
    texts = {("a", 0): "More than 50 people were injured in the shelling.",
             ("b", 0): "Forty people were injured in the shelling.",
             ("a2", 0): "Nine people were injured in new mortar attacks."}
    counts = [("a", 0, "injured", "More than 50", 51.0, None, "incident"),
              ("b", 0, "injured", "Forty", 40.0, 40.0, "incident"),
              ("a2", 0, "injured", "Nine", 9.0, 9.0, "incident")]
    published = {"a": "2016-04-28", "b": "2016-04-28", "a2": "2016-04-29"}
    table = _table(texts, {("a", 0): 0, ("b", 0): 0, ("a2", 0): 1}, counts, published)
    assert "wire" in set(_clashes(table, "injured")["outlet"])


def test_a_figure_changed_in_a_copied_line_on_another_incident_is_compared_between_the_copies_only():
    line = "Separately, shelling on Douma killed at least {} civilians, the monitor said."
    texts = {("a", 0): "Strikes on Idlib killed 15 civilians.", ("a", 1): line.format("6"),
             ("b", 0): "Strikes on Idlib killed 15 civilians.", ("b", 1): line.format("10")}
    counts = [("a", 0, "killed", "15", 15.0, 15.0, "incident"), ("b", 0, "killed", "15", 15.0, 15.0, "incident"),
              ("a", 1, "killed", "at least 6", 6.0, None, "other incident"),
              ("b", 1, "killed", "at least 10", 10.0, None, "other incident")]
    claim_of = {("a", 0): 0, ("b", 0): 0, ("a", 1): 1, ("b", 1): 1}
    published = {"a": "2015-08-17", "b": "2015-08-17"}
    clashes = _clashes(_table(texts, claim_of, counts, published), "killed")
    assert set(clashes["value"]) == {"at least 6", "at least 10"}
    # a line that is no copy (rewritten) tells nothing two outlets changed: background, not compared
    texts[("b", 1)] = "In Douma, a town east of the capital, at least 10 civilians died under shelling on Monday."
    assert _clashes(_table(texts, claim_of, counts, published), "killed").empty
