"""The side of a toll: the dead of fighters (fighters, soldiers) or of people (anyone else), and the tolls of
fighters a claim gives beside its reports' toll of people: the other side's dead ("ISIL also lost 15 militants" in
reports of 50 people killed in its attack), a toll of its own that an outlet counting only people leaves out
(:func:`.omissions.claim_omissions`). Counts are told by their (subject, group) pairs, per (report, sentence).
"""

from __future__ import annotations

FIGHTERS = "fighters"  # the side of a toll of fighters or soldiers (:func:`side_of`); any other toll is of "people"


def side_of(group) -> str:
    """The side of a toll's group: ``fighters`` (fighters, soldiers) or ``people`` (anyone else).

    >>> side_of("soldiers"), side_of("civilians")
    ('fighters', 'people')
    """
    return FIGHTERS if group in ("fighters", "soldiers") else "people"


def headline_sides(counted: dict[tuple, set]) -> dict[str, str]:
    """Each report's side (:func:`side_of`) of the dead its first sentence that counts them counts: "people" where
    any of them is not of fighters."""
    first: dict[str, tuple] = {}
    for (report_id, sent_idx), stated in counted.items():
        sides = {side_of(group) for subject, group in stated if subject == "killed"}
        if sides and (report_id not in first or sent_idx < first[report_id][0]):
            first[report_id] = (sent_idx, "people" if "people" in sides else FIGHTERS)
    return {report_id: side for report_id, (_, side) in first.items()}


def fighters_beside(keyed: list[dict], counted: dict[tuple, set], headline: dict[str, str], tolls: tuple) -> set:
    """The tolls of fighters (subject of ``tolls``, group) that sentences of a claim (``keyed``) of two outlets or
    more count in reports whose first toll is of people: the dead of another side than the victims ("ISIL also lost
    15 militants" in reports of 50 people killed in its attack), a toll of its own. A toll of fighters that opens
    the report ("More than 30 rebels killed in suicide blast") is of the victims, whom another outlet may count as
    people.

    >>> keyed = [{"report_id": r, "sent_idx": 3, "outlet": o} for r, o in (("a", "x"), ("b", "y"))]
    >>> counted = {(r, i): {("killed", g)} for r in "ab" for i, g in ((0, "people"), (3, "fighters"))}
    >>> fighters_beside(keyed, counted, headline_sides(counted), ("killed",))
    {('killed', 'fighters')}
    """
    by_thing: dict[tuple, set] = {}
    for m in keyed:
        if headline.get(m["report_id"]) != "people":
            continue
        for subject, group in counted.get((m["report_id"], m["sent_idx"]), ()):
            if subject in tolls and side_of(group) == FIGHTERS:
                by_thing.setdefault((subject, group), set()).add(m["outlet"])
    return {thing for thing, outlets in by_thing.items() if len(outlets) >= 2}
