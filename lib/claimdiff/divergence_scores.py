"""Scores for a divergence table against a corpus's ``gold.yaml`` (see corpus/README.md for its schema).

Two ways to count false alarms. By default only places gold speaks about are judged: a planted agreement, or an
outlet's own update, that a disagreeing row flags. A gold file marked ``exhaustive: true`` (every divergence a
careful researcher would want flagged in its events is listed, as in the FA-KES gold) also judges every other flag:
each current disagreeing row in a gold event that rests on no gold divergence of its kind and outlet is a false
alarm, and precision is the share of those flags that rest on one.

>>> import pandas as pd
>>> gold = {"exhaustive": True, "events": [{"id": "E", "reports": ["a", "b"]}],
...         "divergences": [{"event": "E", "kind": "count", "subject": "killed",
...                          "values": {"x": "21 were killed", "y": "18 were killed"},
...                          "reports": {"x": "a", "y": "b"}}]}
>>> rows = pd.DataFrame({"event_id": [0, 0, 0], "claim_id": [0, 0, 1], "kind": ["count", "count", "hedge"],
...                      "subject": ["killed", "killed", "certainty"], "outlet": ["x", "y", "y"],
...                      "value": ["21", "18", "reportedly"], "evidence": ["21 were killed", "18 were killed", "x"],
...                      "report_id": ["a", "b", "b"], "agrees": [False, False, False], "superseded": False})
>>> assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 0]})
>>> scores, _ = score_divergence(rows, assignments, gold)
>>> scores["found"], scores["flags"], scores["flags_real"], round(scores["precision"], 3)
(1, 3, 2, 0.667)
"""

from __future__ import annotations

import math
import re

import pandas as pd

from .details import extract_details
from .details.actors import actor_side

KINDS = ("count", "date", "place", "actor", "label", "attribution", "hedge", "omission")


def score_divergence(
    divergence: pd.DataFrame, assignments: pd.DataFrame, gold: dict, by_phrase: bool = True
) -> tuple[dict, pd.DataFrame]:
    """Score found divergences against a corpus's ``gold.yaml``.

    A planted divergence is *found* when the divergence table has a current (not superseded) row that disagrees,
    in the event that holds the gold reports, of the same kind (and, for counts, the same subject), for one of the
    outlets involved (from the report gold names for it, or another of the outlet's reports in the event that says
    the same: see :func:`row_rests_on`), and that is about what the entry is about: one of the
    texts the row rests on (a piece of its ``value`` or of its ``evidence``, split at "; " and " | ") lies within
    the verbatim phrase gold gives for that outlet (or within any phrase of the entry where gold gives the outlet
    none), word for word, ignoring case and punctuation; or the row's value is one that the details stage reads in
    that phrase ("adjust" in "adjusting the price", "18" in "Eighteen soldiers were killed"). An omission row,
    whose evidence is the claim left out, is about the entry also when its evidence contains one of the entry's
    phrases. So a row for "north of Palmyra" is about the entry "grazing grounds south of Palmyra" / "the desert
    north of Palmyra", not about the entry "the Deir Ezzor countryside", even when one sentence says both. A
    planted agreement, or an outlet's own update, is a *false alarm* when such a disagreeing row exists for it (for
    an update: any disagreeing row from an earlier report of the outlet). Recall = found / planted divergences;
    precision = found / (found + false alarms): only places gold speaks about are judged. ``by_phrase=False``
    drops the condition on what the row is about (any disagreeing row of the kind counts; the rule until
    2026-12-01).

    With ``exhaustive: true`` in ``gold`` (and ``by_phrase``), every flag is judged (see the module docstring and
    :func:`judge_flags`): ``flags`` current disagreeing rows in gold events, ``flags_real`` of them rest on a gold
    divergence, ``precision`` = flags_real / flags, and ``false_alarms`` = flags - flags_real.

    Returns the scores and one row per gold entry with its outcome.
    """
    event_of = _gold_event_ids(assignments, gold)
    disagreeing = _disagreeing(divergence)
    read = _phrase_values(gold) if by_phrase else None
    table = score_entries(disagreeing, gold, event_of, read)
    planted = table[table["planted"] == "divergence"]
    found = int(planted["flagged"].sum())
    false_alarms = int(table.loc[table["planted"] != "divergence", "flagged"].sum())
    scores = {
        "n_divergences": len(planted),
        "found": found,
        "false_alarms": false_alarms,
        "recall": found / len(planted) if len(planted) else math.nan,
        "precision": found / (found + false_alarms) if found + false_alarms else math.nan,
    }
    if gold.get("exhaustive") and by_phrase:
        flags = judge_flags(divergence, assignments, gold, read)
        real = int(flags["real"].sum())
        scores.update(flags=len(flags), flags_real=real, false_alarms=len(flags) - real,
                      precision=real / len(flags) if len(flags) else math.nan)
    return scores, table


def score_entries(disagreeing: pd.DataFrame, gold: dict, event_of: dict, read: dict | None) -> pd.DataFrame:
    """One row per gold divergence, update and agreement: was it flagged?"""
    rows = []
    for entry in gold.get("divergences", []):
        planted = "update" if entry.get("update") else "divergence"
        rows.append({"event": entry["event"], "kind": entry["kind"], "subject": entry.get("subject"),
                     "planted": planted, "flagged": _has_disagreement(disagreeing, entry, event_of, read)})
    for entry in gold.get("updates", []):
        if entry.get("outlet") is None:
            continue  # the demo gold writes its updates as divergences marked `update`
        rows.append({"event": entry["event"], "kind": entry["kind"], "subject": entry.get("subject"),
                     "planted": "update", "flagged": _update_flagged(disagreeing, entry, event_of)})
    for entry in gold.get("agreements", []):
        rows.append({"event": entry["event"], "kind": entry["kind"], "subject": entry.get("subject"),
                     "planted": "agreement", "flagged": _has_disagreement(disagreeing, entry, event_of, read)})
    return pd.DataFrame(rows, columns=["event", "kind", "subject", "planted", "flagged"])


def judge_flags(divergence: pd.DataFrame, assignments: pd.DataFrame, gold: dict, read: dict | None = None
                ) -> pd.DataFrame:
    """Every current disagreeing row in a gold event, with ``gold_event`` and ``real``: does it rest on a gold
    divergence of that event, of its kind and outlet (:func:`row_rests_on`)? A row is in a gold event when its
    report is one of the event's (not ``excluded``) and it lies in the predicted event that holds most of them; a
    row with no report (an omission of a claim), when its predicted event is the one that holds most of them. A
    row set against a report the event lists as ``unread`` (a report of the incident the annotators did not read
    for divergences: an incident of many reports lists some of them) is not judged: gold cannot say whether the
    two differ."""
    read = _phrase_values(gold) if read is None else read
    event_of = _gold_event_ids(assignments, gold)
    gold_of_report, unread = {}, {}
    for event in gold.get("events", []):
        excluded = {str(r) for r in event.get("excluded", []) or []}
        unread[event["id"]] = {str(r) for r in event.get("unread", []) or []}
        for report in event["reports"]:
            if str(report) not in excluded:
                gold_of_report[str(report)] = event["id"]
    gold_of_event: dict = {}
    for gold_id, event_id in event_of.items():
        gold_of_event.setdefault(event_id, []).append(gold_id)
    entries: dict = {}
    for entry in gold.get("divergences", []):
        if not entry.get("update"):
            entries.setdefault(entry["event"], []).append(entry)
    rows = []
    for row in _disagreeing(divergence).to_dict("records"):
        report = row.get("report_id")
        if isinstance(report, str) and report in gold_of_report:
            candidates = [gold_of_report[report]] if event_of.get(gold_of_report[report]) == row["event_id"] else []
        else:
            candidates = gold_of_event.get(row["event_id"], []) if not isinstance(report, str) else []
        if not candidates or str(row.get("other_report_id")) in unread[candidates[0]]:
            continue
        real = any(row_rests_on(row, entry, read) for g in candidates for entry in entries.get(g, []))
        rows.append({**row, "gold_event": candidates[0], "real": real})
    columns = list(divergence.columns) + ["gold_event", "real"]
    return pd.DataFrame(rows, columns=columns)


def row_rests_on(row: dict, entry: dict, read: dict) -> bool:
    """Does a disagreeing row rest on a gold divergence ``entry``: the same kind (for counts, the same subject where
    gold names one of the count subjects), an outlet the entry names, and about the entry's phrase for that outlet
    (:func:`row_is_about`), from the report gold names for it or from another report of the outlet in the event
    that says the same (gold names one report of an outlet for a value, and an outlet often repeats its value in a
    second report). Where gold gives the outlet no phrase (it says nothing: no source, no hedge), any row of the
    kind for that outlet from the report gold names rests on the entry; an omission row of an outlet gold names as
    silent rests on it when the claim it says is left out holds one of the entry's phrases.

    >>> entry = {"kind": "count", "subject": "killed", "values": {"x": "21 killed", "y": None}}
    >>> row_rests_on({"kind": "count", "subject": "killed", "outlet": "x", "value": "21", "evidence": "21 killed"},
    ...              entry, {})
    True
    >>> row_rests_on({"kind": "count", "subject": "killed", "outlet": "z", "value": "3", "evidence": "3 killed"},
    ...              entry, {})
    False
    """
    if row.get("kind") != entry["kind"]:
        return False
    values, reports = entry.get("values") or {}, entry.get("reports") or {}
    outlet = row.get("outlet")
    if outlet not in values:
        return False
    if entry["kind"] == "count" and entry.get("subject") in COUNT_SUBJECTS and row.get("subject") != entry["subject"]:
        return False
    report = reports.get(outlet)
    named_report = not (isinstance(report, str) and isinstance(row.get("report_id"), str)
                        and row["report_id"] != report)
    value = values[outlet]
    if value is None and entry["kind"] == "omission":
        return named_report and row_is_about(row, [v for v in values.values() if isinstance(v, str)], read)
    if value is None:
        return named_report
    return row_is_about(row, [value], read)


COUNT_SUBJECTS = ("killed", "injured", "arrested", "missing", "displaced")


def _disagreeing(divergence: pd.DataFrame) -> pd.DataFrame:
    return divergence[divergence["agrees"].eq(False).fillna(False) & ~divergence["superseded"].astype(bool)]


def _gold_event_ids(assignments: pd.DataFrame, gold: dict) -> dict[str, int]:
    """The predicted event that holds most of each gold event's reports."""
    predicted = assignments.set_index("report_id")["event_id"]
    found = {}
    for event in gold.get("events", []):
        ids = predicted.reindex([str(r) for r in event["reports"]]).dropna()
        found[event["id"]] = int(ids.mode().iloc[0]) if len(ids) else -1
    return found


def _phrase_values(gold: dict) -> dict[str, set[str]]:
    """The values the details stage reads in each verbatim phrase of ``gold``, each phrase standing as a report."""
    phrases = sorted({v for entry in gold.get("divergences", []) + gold.get("agreements", [])
                      if isinstance(entry.get("values"), dict) for v in entry["values"].values() if isinstance(v, str)})
    if not phrases:
        return {}
    ids = [str(i) for i in range(len(phrases))]
    reports = pd.DataFrame({"id": ids, "published": pd.NaT, "text": phrases})
    sentences = pd.DataFrame({"report_id": ids, "sent_idx": 0, "text": phrases, "start": 0,
                              "end": [len(p) for p in phrases]})
    details = extract_details(reports, sentences)
    read: dict[str, set[str]] = {p: set() for p in phrases}
    for report_id, value in zip(details["report_id"], details["value"], strict=True):
        read[phrases[int(report_id)]].add(value)
    return read


def _update_flagged(disagreeing: pd.DataFrame, entry: dict, event_of: dict) -> bool:
    """An outlet's own update (the ``updates`` list) is flagged when a disagreeing row of the kind rests on one of
    its earlier reports' phrases."""
    rows = disagreeing[(disagreeing["event_id"] == event_of.get(entry["event"], -1))
                       & (disagreeing["kind"] == entry["kind"]) & (disagreeing["outlet"] == entry["outlet"])]
    earlier = entry["values"][:-1]
    for row in rows.to_dict("records"):
        if any(row["report_id"] == v["report"] and row_is_about(row, [v["value"]]) for v in earlier):
            return True
    return False


def _has_disagreement(disagreeing: pd.DataFrame, entry: dict, event_of: dict[str, int], read: dict | None) -> bool:
    """``read``: the values the details stage reads in each phrase; None: any disagreeing row of the kind counts."""
    rows = disagreeing[(disagreeing["event_id"] == event_of.get(entry["event"], -1))]
    rows = rows[rows["kind"] == entry["kind"]]
    if entry["kind"] == "count" and entry.get("subject") not in (None, "other"):
        rows = rows[rows["subject"] == entry["subject"]]
    if entry.get("update"):
        # an update is flagged when the outlet's own earlier report is still compared as a contradiction
        earlier = [v["report"] for v in entry["values"][:-1]]
        return bool(rows["report_id"].isin(earlier).any())
    values, reports = entry.get("values") or {}, entry.get("reports") or {}
    every_phrase = [v for v in values.values() if isinstance(v, str)]
    for outlet, value in values.items():
        mine = rows[rows["outlet"] == outlet]
        if entry["kind"] == "omission" and value is not None:
            continue  # for an omission, the outlets that leave the detail out are the ones flagged
        phrases = [value] if isinstance(value, str) else every_phrase
        if read is None and value is not None and isinstance(reports.get(outlet), str):
            mine = mine[mine["report_id"] == reports[outlet]]  # the rule until 2026-12-01: the report gold names
        if read is None and len(mine):
            return True
        if read is not None and any(row_is_about(row, phrases, read) for row in mine.to_dict("records")):
            return True
    return False


def _words(text) -> str:
    """Lower-case words separated by single spaces, padded with a space on each side, for word-wise containment."""
    return " " + " ".join(re.findall(r"\w+", str(text).lower().replace("’", "").replace("'", ""))) + " "


def row_is_about(row: dict, phrases: list[str], read: dict[str, set[str]] | None = None) -> bool:
    """Does a divergence row rest on the words of one of ``phrases`` (see :func:`score_divergence`)? ``read``: the
    values the details stage reads in each phrase.

    >>> row = {"kind": "place", "value": "north of Palmyra",
    ...        "evidence": "11 killed in the Deir Ezzor countryside and six in the desert north of Palmyra."}
    >>> row_is_about(row, ["the desert north of Palmyra"]), row_is_about(row, ["the Deir Ezzor countryside"])
    (True, False)

    An actor row's value is the party (``side``) of the actors it names, so it is compared with the parties of the
    actors read in the phrase too ("Russia" is what "aircraft of the Russian occupation forces" says):

    >>> row_is_about({"kind": "actor", "value": "Russia", "evidence": "Russian jets"},
    ...              ["committed by Russian forces"], {"committed by Russian forces": {"Russian forces"}})
    True
    """
    pieces = [p for column, sep in (("value", "; "), ("evidence", " | ")) if isinstance(row.get(column), str)
              for p in row[column].split(sep)]
    words = [_words(p) for p in pieces if _words(p).strip()]
    wanted = [_words(p) for p in phrases]
    if any(piece in phrase for piece in words for phrase in wanted):
        return True
    values = set(row["value"].split("; ")) if isinstance(row.get("value"), str) else set()
    if any(values & (read or {}).get(phrase, set()) for phrase in phrases):
        return True
    if row.get("kind") == "actor" and any(values & {actor_side(v) for v in (read or {}).get(phrase, set())}
                                          for phrase in phrases):
        return True
    return row.get("kind") == "omission" and any(phrase in piece for piece in words for phrase in wanted)
