"""On which side of a town the act happened, outlet against outlet, over the whole event (rows of kind ``place``,
subject ``side of the town: <town>``, ``claim_id`` -1): "two suicide bombers detonated their trucks at the northern
entrance to Hasakeh" against "the two blew themselves up at bases ... at the city's western boundary" put one
attack on two edges of one city, which a town's name alone (both say Hasakeh) does not show.

Each report's sides are read in its lead (its first :data:`.days.LEAD_SENTENCES` sentences): a compass direction
with a word for the edge of a town (entrance, edge, outskirts, boundary, gate, fringes, limits, approaches), of a
place the details stage found right after it ("the northern entrance to Hasakeh", "the western edge of the town of
Qamishli") or before it ("Aleppo's northern outskirts"), or of "the city" or "the town" ("the city's western
boundary", "the eastern outskirts of the city"): the one town its lead names below the country. A town's districts,
neighbourhoods and parts are left out: "the rebel-held eastern districts" of Aleppo name the side a party holds as
often as where a strike fell. Only places the details stage keeps (no background, no dateline) are read.

Two reports of different outlets, filed within :data:`.days.LEAD_DAYS` of each other, clash on a town when every
side one names lies more than 45 degrees from every side the other names (north against west; not north against
north-west, which share a corner), as surely (``settlement_confidence``) as a city against a village of its
province: two spots a few kilometres apart.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b"], "sent_idx": 0, "outlet": ["x", "y"],
...                         "published": pd.Timestamp("2014-10-06"), "text": [
...                             "Bombers struck at the northern entrance to Hasakeh.",
...                             "Bombers hit bases in Hasakeh, at the city's western boundary."]})
>>> places = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": 0, "kind": "place", "value": "Hasakah",
...                        "text": "Hasakeh", "role": ["near", None]})
>>> [(r["outlet"], r["value"], r["agrees"], r["other_outlet"]) for r in event_town_sides(members, places)]
[('x', 'north edge of Hasakah', False, 'y'), ('y', 'west edge of Hasakah', False, 'x')]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..details.gazetteer import loose_key, top_level_names
from ..details.grounds import PROVINCE, SOURCE
from ..details.places import DIRECTIONS, split_direction
from .core import active, grouped_records
from .days import LEAD_SENTENCES, filed_members
from .settlements import compared_leads

SUBJECT = "side of the town"
SIDES_APART = 45  # degrees: two sides of a town further apart than neighbouring compass points are two edges
_DIRECTION = r"(?P<direction>(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?"
_EDGE = r"(?:entrances?|edges?|outskirts|boundary|boundaries|gates?|fringes?|limits|approaches)"
_TOWN_WORD = r"(?:city|town|village)"
# "the northern entrance to Hasakeh", "the western edge of the town of Qamishli", "the eastern outskirts of the city"
_SIDE_OF = re.compile(
    rf"(?<![\w-]){_DIRECTION}\s+{_EDGE}\s+(?:of|to)\s+(?:the\s+)?"
    rf"(?:(?P<own>{_TOWN_WORD})(?!\s+of)\b|(?:[\w'’-]+\s+){{0,3}}?{_TOWN_WORD}\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE)
# "Aleppo's northern outskirts", "the citys western boundary" (apostrophes lost in scraped text)
_OWNER_SIDE = re.compile(
    rf"(?P<owner>\b(?:the\s+)?{_TOWN_WORD}|[A-Z][\w-]*?)(?:['’]s|['’]|s)\s+{_DIRECTION}\s+{_EDGE}(?![\w-])")
_CHEAP = re.compile(rf"(?:north|south|east|west)\w*\s+{_EDGE}")  # what every side says, in lower case


def sentence_sides(text: str, places: list[dict], town: str | None) -> list[tuple[str, str, str]]:
    """(town, direction, the words that say it) for each side of a town a sentence names; ``places``: its place
    rows (``value``, ``text``), ``town``: the town "the city" means in its report (None: not known).

    >>> rows = [{"value": "Hasakah", "text": "Hasakeh"}]
    >>> sentence_sides("Trucks blew up at the north-eastern entrance to Hasakeh.", rows, None)
    [('Hasakah', 'northeast', 'north-eastern entrance to Hasakeh')]
    >>> sentence_sides("Bases at the citys western boundary were hit.", [], "Hasakah")
    [('Hasakah', 'west', 'the citys western boundary')]
    >>> sentence_sides("Rebels hold the eastern districts of Aleppo.", [{"value": "Aleppo", "text": "Aleppo"}], None)
    []
    """
    if not isinstance(text, str) or not _CHEAP.search(text.lower()):
        return []
    found = []
    for m in _SIDE_OF.finditer(text):
        name = town if m["own"] else _place_at(text[m.end():], places)
        if name is not None:
            found.append((name, _direction(m["direction"]), _words(text, m.start(), m.end(), name, places)))
    for m in _OWNER_SIDE.finditer(text):
        owner = m["owner"]
        name = town if re.fullmatch(rf"(?:the\s+)?{_TOWN_WORD}", owner, re.IGNORECASE) else next(
            (p["value"] for p in places if p["text"] in (owner, owner + "s")), None)
        if name is not None:
            found.append((name, _direction(m["direction"]), m.group().strip()))
    return found


def _place_at(rest: str, places: list[dict]) -> str | None:
    """The place whose name ``rest`` starts with."""
    return next((p["value"] for p in sorted(places, key=lambda p: -len(str(p["text"])))
                 if isinstance(p["text"], str) and rest.startswith(p["text"])), None)


def _words(text: str, start: int, end: int, name: str, places: list[dict]) -> str:
    """The side's words with the name of its place."""
    named = next((str(p["text"]) for p in places if p["value"] == name and text[end:].startswith(str(p["text"]))), "")
    return (text[start:end] + named).strip()


def _direction(written: str) -> str:
    return re.sub(r"[- ]", "", written.lower())


def event_town_sides(members: pd.DataFrame, stated: pd.DataFrame, leads: tuple | None = None) -> list[dict]:
    """One row per report and town whose lead names a side of it, when a report of another outlet filed within
    :data:`.days.LEAD_DAYS` names a side of it too, compared (see the module docstring). ``members``: the event's
    sentences (``event_id``, ``report_id``, ``sent_idx``, ``outlet``, ``published``, ``text``); ``stated``: the
    details compared (no background, no datelines); ``leads``: :func:`.days.lead_days` of the same tables (its
    ``filed`` days; without it, the ``published`` days)."""
    if members.empty or stated.empty:
        return []
    dated = filed_members(members, leads)
    first = dated.groupby("report_id")["sent_idx"].transform("min")
    lead = dated[dated["sent_idx"] < first + LEAD_SENTENCES]
    # most leads name no edge of a town: only the events where one does are read further
    edged = lead["text"].str.lower().str.contains(_CHEAP, na=False)
    lead = lead[lead["event_id"].isin(set(lead.loc[edged, "event_id"]))]
    if lead.empty:
        return []
    lead = lead.sort_values(["event_id", "report_id", "sent_idx"], kind="stable").drop_duplicates(
        ["event_id", "report_id", "sent_idx"])
    places = stated[stated["kind"].eq("place") & stated["report_id"].isin(set(lead["report_id"]))]
    by_sentence: dict[tuple, list[dict]] = {}
    for row in places[["report_id", "sent_idx", "value", "text", "role"]].to_dict("records"):
        by_sentence.setdefault((row["report_id"], row["sent_idx"]), []).append(row)
    towns = _lead_towns(lead, by_sentence)
    rows = []
    for event_id, sentences in grouped_records(lead, ["event_id"]):
        told: dict[str, dict[str, dict]] = {}  # town key -> report -> statement
        for sentence in sentences:
            key = (sentence["report_id"], sentence["sent_idx"])
            for name, direction, words in sentence_sides(sentence["text"], by_sentence.get(key, []),
                                                         towns.get(sentence["report_id"])):
                statement = told.setdefault(loose_key(name), {}).setdefault(
                    sentence["report_id"], _statement(event_id, name, sentence))
                statement["directions"].add(direction)
                statement["texts"].append(words)
        for town in sorted(told):
            statements = list(told[town].values())
            if len({s["outlet"] for s in statements}) < 2:
                continue
            for s in statements:
                s["value"] = " and ".join(f"{d} edge of {s['town']}" for d in sorted(s["directions"]))
                s["evidence"] = " | ".join(dict.fromkeys(s.pop("texts")))
            rows += compared_leads(statements, sides_clash, ("directions", "town"))
    return rows


def _lead_towns(lead: pd.DataFrame, by_sentence: dict[tuple, list[dict]]) -> dict[str, str]:
    """The town "the city" means in each report: the one place its lead names below a country that is not named as
    a province, nor as where a source is, nor by its direction from another place."""
    countries = top_level_names()
    named: dict[str, dict[str, str]] = {}
    for report_id, sent_idx in zip(lead["report_id"], lead["sent_idx"], strict=True):
        for p in by_sentence.get((report_id, sent_idx), []):
            value = str(p["value"])
            if value in countries or split_direction(value)[0] or p.get("role") in (PROVINCE, SOURCE):
                continue
            named.setdefault(report_id, {}).setdefault(loose_key(value), value)
    return {report: next(iter(names.values())) for report, names in named.items() if len(names) == 1}


def _statement(event_id, town: str, sentence: dict) -> dict:
    return {"event_id": event_id, "claim_id": -1, "kind": "place", "subject": f"{SUBJECT}: {town}",
            "outlet": sentence["outlet"], "low": np.nan, "high": np.nan, "report_id": sentence["report_id"],
            "sent_idx": sentence["sent_idx"], "published": sentence["published"], "superseded": False,
            "filed": pd.Timestamp(sentence["filed"]).normalize(), "town": town, "directions": set(), "texts": []}


def sides_clash(a: dict, b: dict) -> float:
    """How sure that two reports' sides of one town (``directions``) cannot both be right: every side of one more
    than :data:`SIDES_APART` degrees from every side of the other.

    >>> sides_clash({"directions": {"north"}}, {"directions": {"west"}}) > 0
    True
    >>> sides_clash({"directions": {"north"}}, {"directions": {"northwest"}}), sides_clash(
    ...     {"directions": {"north", "west"}}, {"directions": {"west"}})
    (0.0, 0.0)
    """
    def apart(x: str, y: str) -> bool:
        degrees = abs(DIRECTIONS[x] - DIRECTIONS[y]) % 360
        return min(degrees, 360 - degrees) > SIDES_APART
    if all(apart(x, y) for x in a["directions"] for y in b["directions"]):
        return active().settlement_confidence
    return 0.0
