"""Counts across claim groups (rows with ``claim_id`` -1): one sentence often carries several claims (a toll, a place,
who did it), so two outlets may give a count of the same thing in sentences that were not grouped ("about 600
greenhouses in Jableh and Banias" vs "more than 700 greenhouses were damaged in the Jableh area alone").

Each outlet's count of a thing for the event is read from its latest report that gives one, the way
:func:`claimdiff.details.document_counts` estimates a report's toll (the largest figure, statistics over a period or
several incidents left out), with the interval of the phrase that gives it. Two outlets' counts are compared this
way only when no claim group holds a count of that thing from both (there the group comparison says more), and only
when their sentences name one place below a country (or one place and a place within it) and no days that cannot be
the same (a count on another day is of another incident): a count with nothing tying it to the ground is often
background ("drone attacks ... have killed dozens of civilians" beside "no casualties were reported"; "the six-year
war has killed hundreds of thousands"). A count whose sentences name no place of their own stands on its lead's
place (:func:`_anchor`), or on its report's when every place the report names lies in, around or across its lead's
(:func:`sole_ground`: a report on one strike names no other ground). A thing is the details table's ``group`` of a
count and what befell it (its ``subject``), so that greenhouses are not compared with villages, nor the people
killed with the people wounded; a row's ``subject`` is the count's subject when it is a toll ("killed"), as in the
claim groups' rows, else the group ("greenhouses"). An outlet's toll told by another counted group ("61 people"
against "over 40 civilians") is compared too, as a part against its whole (:mod:`.toll_groups`), unless the outlet
of the whole gives a figure of that group too (then the groups are compared like with like), and a count over
several separate places stands with any smaller count (:func:`.totals.over_several_places`).
"""

from __future__ import annotations

import re

import pandas as pd

from ..details import document_counts, row_estimates
from ..details.gazetteer import top_level_names
from ..details.groups import PART, PERSON_GROUPS
from ..details.places import place_ancestors, places_related
from .comparers import COMPARERS, Comparer, compare_pairwise
from .compatible import dates_compatible, max_open, min_known, most_specific, spread
from .core import TOLL_SUBJECTS
from .toll_groups import outlet_tolls, part_total_clash
from .totals import over_several_places

_DAY = pd.Timedelta(days=1)
_DIGIT = re.compile(r"\d")
# How many sentences after its report's lead a count without a place of its own is still tied to the lead's place.
LEAD_REACH = 2


def event_counts(
    members: pd.DataFrame, details: pd.DataFrame, comparable: pd.DataFrame, reports: pd.DataFrame,
    sums: dict | None = None,
) -> pd.DataFrame:
    """Counts of one thing by outlets whose sentences share no claim group (see the module docstring); ``details``
    as extracted (its period dates leave statistics out of a report's count), ``comparable`` its places and days;
    ``sums``: the tolls that sum their report's counts of separate places (:func:`.totals.place_sums`), which stand
    with each of those counts."""
    no_dates = {c: pd.NaT for c in ("date_low", "date_high") if c not in details}
    details, comparable = details.assign(**no_dates), comparable.assign(**no_dates)
    anchors = comparable[comparable["kind"].isin(["place", "date"])]
    counts = details[details["kind"] == "count"].merge(
        members[["report_id", "sent_idx", "event_id", "claim_id", "outlet", "published", "text"]],
        on=["report_id", "sent_idx"], suffixes=("", "_sentence"),
    )
    if counts.empty:
        return pd.DataFrame()
    # a thing is what is counted and what befell it: the killed and the injured of one group are two things
    counts["thing"] = counts["subject"].astype(str) + ": " + counts["group"].astype(str)
    counts = counts[counts["group"].notna() & counts["group"].ne(PART)]  # an unnamed part is no count of a thing
    # Of each outlet's counts of a thing in an event, those of its latest report(s) that give one.
    latest = counts["published"] == counts.groupby(["event_id", "thing", "outlet"])["published"].transform("max")
    estimates = _count_estimates(counts[latest], members[["report_id", "sent_idx", "text"]]).to_dict()
    counts = counts.assign(latest=latest, estimate=row_estimates(counts))
    largest_group = _largest_group_counts(counts[latest])
    by_thing: dict[tuple, list[dict]] = {}
    for count in counts.to_dict("records"):
        by_thing.setdefault((count["event_id"], count["thing"]), []).append(count)
    named: dict[str, list[dict]] = {}
    for anchor in anchors[["report_id", "sent_idx", "kind", "value", "date_low", "date_high"]].to_dict("records"):
        named.setdefault(anchor["report_id"], []).append(anchor)
    grounds: dict = {}

    def ground(report_id) -> frozenset:
        if report_id not in grounds:
            grounds[report_id] = sole_ground([(a["sent_idx"], a["value"]) for a in named.get(report_id, [])
                                              if a["kind"] == "place"])
        return grounds[report_id]
    rows = []
    by_toll: dict[tuple, dict[str, dict[str, dict]]] = {}  # per (event, subject): group -> outlet -> statement
    parts_told: dict[tuple, list[dict]] = {}  # per (event, subject, outlet): counts of people that are parts
    for (event_id, thing), stated in sorted(by_thing.items(), key=lambda item: item[0]):
        outlets_by_claim: dict = {}
        for count in stated:
            outlets_by_claim.setdefault(count["claim_id"], set()).add(count["outlet"])
        shared = [outlets for outlets in outlets_by_claim.values() if len(outlets) > 1]
        together = {(a, b) for outlets in shared for a in outlets for b in outlets}
        latest_by_outlet: dict[str, list[dict]] = {}
        for count in stated:
            if count["latest"]:
                latest_by_outlet.setdefault(count["outlet"], []).append(count)
        statements = {}
        for outlet, mine in sorted(latest_by_outlet.items(), key=lambda item: item[0]):
            statement = _report_count(mine, estimates[_count_key(event_id, thing, mine[0]["report_id"])])
            subject, group = thing.split(": ", 1)
            if statement is not None and group == TOTAL_GROUP \
                    and _point(statement) < PART_SHARE * largest_group.get((event_id, outlet, subject), 0.0):
                # "seven people" in one town beside the outlet's own "16 civilians": a part, no total, though
                # another outlet that gives the whole toll as that part agrees with it (.toll_groups)
                parts_told.setdefault((event_id, subject, outlet), []).append(statement)
                continue
            if statement is not None:
                statements[outlet] = statement
        anchor = {o: _anchor(named.get(row["report_id"], []), row["sentences"], ground(row["report_id"]))
                  for o, row in statements.items()}
        subject, group = thing.split(": ", 1)
        if subject in TOLL_SUBJECTS and group in PERSON_GROUPS:
            by_toll.setdefault((event_id, subject), {})[group] = {
                o: {**row, "places": anchor[o], "claims": {c["claim_id"] for c in stated if c["outlet"] == o}}
                for o, row in statements.items()}
        for outlet, row in statements.items():
            others = [o for o in statements if o != outlet and (outlet, o) not in together
                      and _same_ground(anchor[outlet], anchor[o])]
            if not others:
                continue
            row = {k: v for k, v in row.items() if k != "sentences"}
            subject, group = thing.split(": ", 1)
            rows.append({**row, "event_id": event_id, "claim_id": -1, "kind": "count",
                         "subject": subject if subject in TOLL_SUBJECTS else group, "thing": thing,
                         "outlet": outlet, "superseded": False, "others": others,
                         "intervals": [(row["low"], row["high"], row["value"])] + _summed_parts(row, subject, sums)
                         + _sum_bound(row, anchor[outlet][0]),
                         "places": anchor[outlet][0]})
    compare_pairwise(rows, COMPARERS["count"], paired=lambda a, b: (a["event_id"], a["thing"]) == (
        b["event_id"], b["thing"]) and b["outlet"] in a["others"])
    rows += _group_toll_rows(by_toll, parts_told)
    by_subject: dict[tuple, list[dict]] = {}
    for row in rows:
        by_subject.setdefault((row["event_id"], row["thing"]), []).append(row)
    for group in by_subject.values():
        score = spread("count", group, COMPARERS["count"].compatible)
        for row in group:
            row["score"] = score
    return pd.DataFrame([{k: v for k, v in row.items() if k not in ("others", "intervals", "thing", "places", "parts")}
                         for row in rows])


def _group_toll_rows(by_toll: dict[tuple, dict[str, dict[str, dict]]], parts_told: dict[tuple, list[dict]]
                     ) -> list[dict]:
    """Rows of each outlet's toll against the other outlets' tolls told by another counted group
    (:mod:`.toll_groups`), on the same ground and in no shared claim group; ``by_toll``: per (event, subject), per
    group of people, each outlet's statement with its anchor (``places``) and claim groups (``claims``);
    ``parts_told``: per (event, subject, outlet), its counts of people left out as parts of its own group's count."""
    rows = []
    for (event_id, subject), by_group in sorted(by_toll.items(), key=lambda item: item[0]):
        tolls = outlet_tolls(by_group)
        mine = []
        for outlet, toll in sorted(tolls.items()):
            toll = {**toll, "parts": parts_told.get((event_id, subject, outlet), [])}
            others = [o for o, other in tolls.items() if o != outlet
                      and (toll["group"] == TOTAL_GROUP) != (other["group"] == TOTAL_GROUP)
                      and not _told_alike(by_group, outlet, toll, o, other)
                and not toll["claims"] & other["claims"] and _same_ground(toll["places"], other["places"])]
            if others:
                row = {k: v for k, v in toll.items() if k not in ("sentences", "claims", "parts")}
                row["parts"] = [(p["low"], p["high"]) for p in toll["parts"] if _DIGIT.search(str(p["value"]))]
                mine.append({**row, "event_id": event_id, "claim_id": -1, "kind": "count", "subject": subject,
                             "thing": f"{subject}: toll", "outlet": outlet, "superseded": False, "others": others,
                             "intervals": []})
        compare_pairwise(mine, Comparer("count", part_total_clash), paired=lambda a, b: b["outlet"] in a["others"])
        rows += mine
    return rows


def _told_alike(by_group: dict[str, dict[str, dict]], outlet: str, toll: dict, other: str, theirs: dict) -> bool:
    """Does the outlet of the total also give a figure of the other's named group ("nine people" and "four
    civilians" against "five civilians")? Then the two are compared like with like, group by group, and the total is
    no rival of the other's part. A word ("dozens of civilians") is no figure to compare instead.

    >>> by_group = {"people": {"a": {}}, "civilians": {"a": {"value": "4"}, "b": {"value": "5"}}}
    >>> _told_alike(by_group, "a", {"group": "people"}, "b", {"group": "civilians"})
    True
    >>> by_group["civilians"]["a"]["value"] = "dozens"
    >>> _told_alike(by_group, "b", {"group": "civilians"}, "a", {"group": "people"})
    False
    """
    total_outlet, group = (outlet, theirs["group"]) if toll["group"] == TOTAL_GROUP else (other, toll["group"])
    told = by_group.get(group, {}).get(total_outlet)
    return told is not None and bool(_DIGIT.search(str(told.get("value"))))


# The group of a whole toll, and the groups of people an outlet may give it by instead ("16 civilians").
TOTAL_GROUP = "people"
# A count of people under this share of the outlet's own count of a group ("seven people" beside "16 civilians") is
# a part of it; one near it ("at least 20 people" beside "at least 22 civilians") is the same toll told twice.
PART_SHARE = 0.5
_WHOLE_GROUPS = tuple(g for g in PERSON_GROUPS if g != TOTAL_GROUP)


def _largest_group_counts(counts: pd.DataFrame) -> dict:
    """Per (event, outlet, subject), the largest figure an outlet gives of a group of people other than
    :data:`TOTAL_GROUP` (civilians, children, fighters, ...): a count of "people" far below it (under
    :data:`PART_SHARE` of it) is no total of the event but a part (the people killed in one of the towns hit)."""
    named = counts[counts["group"].isin(_WHOLE_GROUPS) & counts["estimate"].notna()]
    return named.groupby(["event_id", "outlet", "subject"])["estimate"].max().to_dict()


def _summed_parts(statement: dict, subject: str, sums: dict | None) -> list[tuple]:
    """The counts of separate places a report's toll sums, as intervals (:func:`.totals.place_sums`)."""
    parts = [n for value in statement["value"].split("; ") for n in (sums or {}).get(
        (statement["report_id"], statement["sent_idx"], subject, value), [])]
    return [(n, n, f"{n:g}") for n in parts]


def _sum_bound(statement: dict, places: frozenset) -> list[tuple]:
    """A count over several separate places (:func:`.totals.over_several_places`) stands with any smaller count:
    as an interval from none to its figure."""
    most = _point(statement)
    return [(0.0, most, statement["value"])] if over_several_places(places) and not pd.isna(most) else []


def _point(statement: dict) -> float:
    """One number for a report's count: its lower bound, else its upper."""
    return statement["high"] if pd.isna(statement["low"]) else statement["low"]


def _count_key(event_id, thing: str, report_id) -> str:
    return f"{event_id}\x1f{thing}\x1f{report_id}"


def _count_estimates(counts: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """:func:`document_counts`'s estimate of each thing each report counts in each event, by `_count_key`: one call,
    with each (event, thing, report) standing as a report of its own (an estimate depends on its report's rows and
    sentences only)."""
    keys = [_count_key(*k) for k in zip(counts["event_id"], counts["thing"], counts["report_id"], strict=True)]
    rows = counts.assign(report_id=keys, subject="thing")
    own = counts[["report_id"]].assign(key=keys).drop_duplicates().merge(sentences, on="report_id")
    own = own.drop(columns="report_id").rename(columns={"key": "report_id"})
    return document_counts(rows, "thing", list(dict.fromkeys(keys)), own)


def _report_count(stated: list[dict], estimate: float) -> dict | None:
    """One report's count of one thing: the phrase that gives its :func:`document_counts` ``estimate``, or None.
    ``stated``: the count rows of the report(s), each with its ``row_estimates`` as ``estimate``."""
    giving = [count for count in stated if count["estimate"] == estimate]
    if pd.isna(estimate) or not giving:
        return None
    first = giving[0]
    return {"value": "; ".join(dict.fromkeys(c["value"] for c in giving)),
            "low": min_known([c["low"] for c in giving]), "high": max_open([c["high"] for c in giving]),
            "evidence": " | ".join(dict.fromkeys(c["text_sentence"] for c in giving)),
            "report_id": stated[0]["report_id"], "sent_idx": first["sent_idx"], "published": first["published"],
            "sentences": list(dict.fromkeys(c["sent_idx"] for c in giving))}


def sole_ground(named: list[tuple[int, str]]) -> frozenset:
    """The places below a country a report names (``named``: its (sentence, place) pairs), when every one lies in,
    around or across a place its lead names (the first sentence that names one and the next: "strikes in Deir
    Ezzor" / "strikes on Deir Ezzor and Palmyra ... in the desert around Palmyra"); empty for a report that names
    none, or that names a place apart from its lead's (a round-up of strikes on two towns).

    >>> sorted(sole_ground([(0, "Syria"), (1, "Idlib"), (3, "Maarat al-Numan")]))
    ['Idlib', 'Maarat al-Numan']
    >>> sole_ground([(0, "Jasim"), (2, "Nawa"), (2, "Daraa")])
    frozenset()
    """
    countries = top_level_names()
    below = [(i, p) for i, p in named if p not in countries]
    if not below:
        return frozenset()
    first = min(i for i, _ in below)
    lead = {p for i, p in below if i <= first + 1}  # a headline and its lead sentence
    places = frozenset(p for _, p in below)
    if not all(any(places_related(p, q) for q in lead) for p in most_specific(places)):
        return frozenset()
    return places


def _anchor(named: list[dict], sent_idxs: list, ground: frozenset = frozenset()) -> tuple[frozenset, list]:
    """The places and the days the sentences of a count name; ``named``: the places and days of its report. A
    count whose sentences name no place below a country is tied to the place its report's lead names (the first
    sentence that names one, when it comes at most :data:`LEAD_REACH` sentences before the count: "Strikes hit
    hideouts near al-Sukhnah. The strikes killed 37.", or after a headline's toll that comes before any place: "Air
    raids kill 29 civilians in north Syria town. ... the strikes on rebel-held Atareb"), and its days likewise (a
    day named only after the count is not the lead's: "On Friday, ..."); a figure further down is as often
    background, unless its whole report names one ground (``ground``, :func:`sole_ground`: every place it names
    lies in, around or across one place), where it can be of no other place the report tells of.

    >>> named = [{"sent_idx": 0, "kind": "place", "value": "al-Sukhnah"}]
    >>> _anchor(named, [1]), _anchor(named + [{"sent_idx": 1, "kind": "place", "value": "Homs"}], [1])[0]
    ((frozenset({'al-Sukhnah'}), []), frozenset({'Homs'}))
    >>> _anchor(named, [5])[0], _anchor(named, [5], frozenset({"al-Sukhnah"}))[0]
    (frozenset(), frozenset({'al-Sukhnah'}))
    >>> later = [{"sent_idx": 2, "kind": "place", "value": "Atareb"}, {"sent_idx": 3, "kind": "date", "value": "Fri"}]
    >>> _anchor([{**n, "date_low": None, "date_high": None} for n in later], [0])
    (frozenset({'Atareb'}), [])
    """
    first = min(sent_idxs, default=0)
    countries = top_level_names()

    def of(kind: str) -> list[dict]:
        mine = [n for n in named if n["kind"] == kind and n["sent_idx"] in sent_idxs]
        if kind == "place" and not {n["value"] for n in mine} - countries:
            mine = []  # "in northern Syria" ties a count to no ground of its own
        lead = min((n["sent_idx"] for n in named if n["kind"] == kind and n["value"] not in countries),
                   default=None) if kind == "place" else min((n["sent_idx"] for n in named if n["kind"] == kind),
                                                             default=None)
        # a headline's toll before the first place named ("Air raids kill 29 civilians in north Syria town. ...
        # strikes on rebel-held Atareb") is the lead's; a day named after it is as often another's ("On Friday ...")
        opening = kind == "place" and lead is not None and first < lead <= first + LEAD_REACH
        if not mine and lead is not None and (lead < first <= lead + LEAD_REACH or opening):
            mine = [n for n in named if n["kind"] == kind and n["sent_idx"] == lead]
        return mine
    places = frozenset(n["value"] for n in of("place"))
    if not places - countries and ground:
        places = ground
    days = [(n["date_low"], n["date_high"]) for n in of("date")]
    return places, days


def _same_ground(a: tuple[frozenset, list], b: tuple[frozenset, list]) -> bool:
    """Do two counts' sentences name one place below a country, or one place and a place within it, and no days
    more than a day apart (a strike late on Monday is Tuesday's news, and the day a toll was given is read as the
    day of the strike as often as not; days further apart are of two incidents)?

    >>> _same_ground((frozenset({"Jableh", "Banias"}), []), (frozenset({"Jableh"}), []))
    True
    >>> _same_ground((frozenset({"Damascus", "Syria"}), []), (frozenset({"Idlib", "Syria"}), []))
    False
    >>> monday, tuesday, thursday = [(pd.Timestamp(f"2017-11-{d}"),) * 2 for d in (13, 14, 16)]
    >>> [_same_ground((frozenset({"Idlib"}), [monday]), (frozenset({"Idlib"}), [day])) for day in (tuesday, thursday)]
    [True, False]
    """
    (places_a, days_a), (places_b, days_b) = a, b
    near = [(low - _DAY, high + _DAY) for low, high in days_a]
    if days_a and days_b and not any(dates_compatible(*x, *y) for x in near for y in days_b):
        return False
    for p in places_a:
        for q in places_b:
            broader = p if p in place_ancestors(q) else q if (q in place_ancestors(p) or q == p) else None
            if broader is not None and place_ancestors(broader):
                return True
    return False
