"""Where outlets diverge: compare, outlet against outlet, the details each gives of one event, and find omissions.

For every claim group that more than one outlet makes, and every kind of detail stated in it (a count of the
killed, a date, a place, an actor blamed, a label, an attribution, hedging), each outlet gets one row with what it
says and whether that can be true together with what every other outlet says (:mod:`.groups`); counts, labels and
directions are also compared across claim groups (:mod:`.counts`, :mod:`.labels`), and omissions of key details
found (:mod:`.omissions`). One comparer per kind (:mod:`.comparers`) says how sure it is that two statements clash:

- counts: intervals that do not overlap disagree ("at least 21" agrees with "22", not with "18"); a bound and a
  figure far above it are different headline tolls, flagged with less confidence ("at least 15" vs 32);
- dates: day intervals that do not overlap disagree ("April 17" vs "Thursday, April 18");
- places: two outlets disagree when each names a place that lies neither in nor around any place the other names
  ("near Jasim" vs "near Nawa"), not when one is only more specific; and over the whole event, when their leads
  place the act in different settlements of one governorate ("the city of Hasakah" vs "the village of Tall Tawil":
  :mod:`.settlements`), put a strike on a site or near it (:mod:`.sites`), or at edges of one town that face apart
  ("the northern entrance to Hasakeh" vs "the city's western boundary": :mod:`.town_sides`), say it hit different
  kinds of target ("struck their position" vs "hit a car": :mod:`.targets`), count unnamed villages where another
  names one ("two villages" vs "Aqareb es Safi village": :mod:`.settlement_numbers`), or put it in a side of a
  governorate and in its city ("in the west of the province" vs "in Daraa city": :mod:`.province_parts`);
- actors, labels: two outlets disagree when each names something the other does not;
- attributions: the sources behind each outlet's headline toll, by class (state media, monitors & activists, ...),
  disagree when they share no class (a source against none included);
- hedging: an outlet that hedges a key fact (a toll, a doer: :mod:`.doubt`, what kind of act it was or what caused
  it: :mod:`.act_doubt`, the toll as a whole: :mod:`.toll_doubt`) another states as fact disagrees with it.

Dates, places, attributions and hedging are compared only in sentences that state a key fact of the event (a toll
or who did it); background details (:mod:`.background`: the details stage's ``scope`` says they tell of another
incident, a running total or the war's context, or their sentence dates them long before the event) are compared
in no kind at all. Every disagreeing row keeps the other side of its surest clash (``other_outlet``,
``other_report_id``, ``other_evidence``, ``other_value``), so one outlet's stray figure marks only the outlets it
clashes with, and a ``confidence`` (0-1); the table is sorted by it, surest first. An outlet's earlier report on
the same claim is compared with nothing: its row is kept with ``superseded`` set, so a toll raised from 18 to 21
reads as an update, not as a contradiction. Which report is later, and the ``published`` of each row, is read
from the report's own dateline where its text opens with one that disagrees with the recorded date
(:func:`claimdiff.events.datelines.corrected_publication`, as the events and details stages read it: FA-KES
records some dates weeks off). Two reports of an event whose leads tell of evidently different incidents (days
or places apart, :mod:`.apart`) are not compared statement against statement
(:func:`.comparers.compare_pairwise`) in any kind but days and places; the rows of a report held apart from most
of its event's reports (:func:`.apart.held_apart`: it tells of another incident) have ``held_apart`` set, so that a
figure of the event can leave it out.

>>> claims = pd.DataFrame({"claim_id": [0, 0], "event_id": [0, 0], "report_id": ["a", "b"], "sent_idx": [0, 0],
...                        "outlet": ["wire", "blog"], "text": ["21 killed", "18 killed"], "similarity": [.9, .9]})
>>> details = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": [0, 0], "kind": "count", "subject": "killed",
...                         "value": ["21", "18"], "low": [21.0, 18.0], "high": [21.0, 18.0], "text": ["21", "18"],
...                         "start": 0, "end": 2})
>>> reports = pd.DataFrame({"id": ["a", "b"], "published": pd.to_datetime(["2024-04-19", "2024-04-19"])})
>>> table = compare_details(reports, claims, details)
>>> table[["outlet", "value", "agrees", "other_outlet", "other_value"]].values.tolist()
[['blog', '18', False, 'wire', '21'], ['wire', '21', False, 'blog', '18']]
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .. import schema
from ..details import DETAILS
from ..schema import DIVERGENCE
from ..stagecache import cached_stage
from .act_doubt import act_hedging
from .apart import ReportsApart, held_apart, lead_facts
from .background import background_rows, with_scopes
from .compatible import dates_compatible, intervals_overlap, places_compatible, sets_compatible
from .copied_counts import copied_background_counts
from .core import (
    DivergenceSettings,
    comparable_details,
    headline_counts,
    key_sentences,
    members_of,
    tell_apart,
    telling_apart,
    using,
    without_datelines,
)
from .count_scope import event_figures, loose_words, revised_tolls, span_tolls, stated_figures, zero_casualties_as_tolls
from .counts import event_counts
from .day_spans import spread_tolls
from .days import event_days, lead_days
from .directions import event_directions
from .doubt import doer_hedging
from .filed_days import filed_before, paired_rows
from .groups import compare_groups, compared_pairs, latest_statement, outrun_tolls
from .labels import event_labels, incident_parties, name_labels
from .lead_wordings import lead_wordings
from .means import event_means
from .omissions import claim_omissions, doer_omissions, perpetrator_omissions, toll_omissions
from .omitted_means import means_omissions
from .omitted_parts import injured_omissions, side_omissions
from .omitted_places import place_omissions
from .omitted_sites import site_omissions
from .parallel import compared_in_chunks
from .perpetrators import event_perpetrators
from .place_counts import place_counts
from .province_parts import event_province_parts
from .qualifiers import event_qualifiers
from .rewordings import event_rewordings, own_labels, without_reworded
from .settlement_numbers import event_settlement_numbers
from .settlements import event_settlements
from .sites import event_sites
from .sources import toll_sources
from .targets import event_targets
from .toll_doubt import toll_hedging
from .totals import place_sums
from .town_sides import event_town_sides

__all__ = ["DIVERGENCE", "DivergenceSettings", "compare_details",
           "summarise_divergence", "comparable_details", "dates_compatible",
           "intervals_overlap", "places_compatible", "sets_compatible"]


@cached_stage("divergence")
def compare_details(
    reports: pd.DataFrame, claims: pd.DataFrame, details: pd.DataFrame, *, omission_share: float | None = None,
    settings: DivergenceSettings | None = None,
) -> pd.DataFrame:
    """One row per outlet, claim group and kind of detail: the columns of :data:`DIVERGENCE`, surest clashes
    first. ``settings``: :class:`DivergenceSettings` (default its defaults); ``omission_share``, when given, replaces
    its value. Tables without the columns read raise :class:`claimdiff.schema.SchemaError`."""
    settings = settings or DivergenceSettings()
    if omission_share is not None:
        settings = replace(settings, omission_share=omission_share)
    schema.require(claims, "claims", "compare_details",
                   columns=["claim_id", "event_id", "report_id", "sent_idx", "outlet", "text"])
    schema.require(details, "details", "compare_details",  # the later columns (date_low, role, ...) come empty
                   columns=["report_id", "sent_idx", "kind", "subject", "value", "low", "high", "text", "start", "end"])
    schema.require(reports, "reports", "compare_details", columns=["id", "published"])
    if "text" in reports:  # which report of an outlet is its latest, by the day its own text was filed on
        from ..events.datelines import corrected_publication  # here: importing the events package takes a second

        reports = corrected_publication(reports)
    with using(settings):  # the comparers' confidences and bound ratio
        return compared_in_chunks(_compared, claims, details, reports, settings, settings.workers)


@telling_apart
def _compared(claims: pd.DataFrame, details: pd.DataFrame, reports: pd.DataFrame,
              settings: DivergenceSettings) -> pd.DataFrame:
    if claims.empty:
        return schema.empty(DIVERGENCE)
    details = schema.conform(details, DETAILS)  # tables made before `role` and `group` existed get them empty
    members = members_of(claims, reports)
    texts = members[["report_id", "sent_idx", "text"]].drop_duplicates()
    details = with_scopes(details, texts)
    # every kind compares the event's details only: not those of background (.background: earlier incidents,
    # running totals, the war), whatever the kind
    # (a lead's running total in a report that gives no single incident's toll is its own story's: .count_scope)
    raw_details = details[~background_rows(details, members) | span_tolls(details, members)]
    key = key_sentences(raw_details)
    comparable = comparable_details(raw_details, settings.max_date_days)
    shared = members[members.groupby("claim_id")["outlet"].transform("nunique") > 1]
    stated = without_datelines(comparable)  # a dateline still ties a count to its day
    # counts compared are figures: not "the passenger also died" (who, not how many), not "dozens" beside the
    # report's "140"
    stated = zero_casualties_as_tolls(stated_figures(stated))
    leads = lead_days(members, stated, details)  # each report's filing day, and the days its lead gives the act
    lone: set[tuple] = set()
    if settings.tell_incidents_apart:  # reports of two incidents in one event are not compared (.apart)
        apart = ReportsApart(lead_facts(members, stated, leads))
        tell_apart(apart)
        lone = held_apart(members, apart)
    figures = event_figures(raw_details)  # no count of the war or of a population
    sums = place_sums(members, stated)  # a toll over several places is no rival of one place's count
    # a figure changed in a copied line on another incident or a span is compared between the copies (.copied_counts)
    copied = copied_background_counts(shared, details, settings.max_date_days)
    rows = compare_groups(shared, pd.concat([stated, copied], ignore_index=True) if len(copied) else stated,
                          latest_statement(members, stated), key, key_sentences(figures),
                          outrun_tolls(members, stated) | revised_tolls(members, stated), sums, members)
    rows += event_days(members, stated, details, compared_pairs(rows, "date"), leads)
    rows += filed_before(members, leads[1], stated, compared_pairs(rows, "date") | paired_rows(rows, "date"))
    rows += spread_tolls(leads, stated, details, paired_rows(rows, "date"))  # a toll put on one day of another's span
    rows += event_settlements(members, stated, leads) + event_sites(members, leads)
    rows += event_town_sides(members, stated, leads) + event_targets(members, leads)
    rows += event_settlement_numbers(members, stated, leads) + event_province_parts(members, stated, leads)
    rows += claim_omissions(members, key, raw_details, settings.omission_share)
    flagged = {(r["event_id"], r["outlet"]) for r in rows if r["kind"] == "omission" and r["agrees"] is False}
    rows += [r for r in toll_omissions(members, figures) if (r["event_id"], r["outlet"]) not in flagged]
    # the dead given, a part of the toll others give (the injured, the dead by side) left out
    rows += injured_omissions(members, figures, details) + side_omissions(members, figures, details)
    rows += perpetrator_omissions(shared, raw_details, members, details) + toll_sources(members, raw_details, lone)
    perpetrators = event_perpetrators(members, raw_details)
    said_who = {(r["event_id"], r["outlet"]) for r in rows if r["kind"] == "omission" and r["agrees"] is False
                and r["subject"] == "perpetrator"}
    rows += [r for r in doer_omissions(members, perpetrators, details)
             if (r["event_id"], r["outlet"]) not in said_who]  # one omission of who did it per outlet and event
    means = event_means(members, raw_details)
    rows += perpetrators + means + means_omissions(members, means) + doer_hedging(members, raw_details, lone)
    rows += place_omissions(members, stated, details)  # a place where others count the dead, named nowhere
    rows += site_omissions(members, details)  # the kind of site others say the attack was aimed at, named nowhere
    rows += act_hedging(members, raw_details, lone) + toll_hedging(members, raw_details, lone)
    # a lead's loose word beside its report's figure ("dozens" wounded, "140" further down) is no headline either
    headlines = zero_casualties_as_tolls(stated_figures(figures))
    headlines = headline_counts(headlines, loose_words(headlines))
    # a label changed in a sentence two outlets share is compared there, background or not, where it names a party
    # of the incident (.rewordings), and its row stands for the outlet's label of that side over the event
    rewordings = event_rewordings(members, pd.concat([own_labels(details), name_labels(details)], ignore_index=True),
                                  incident_parties(members, raw_details))
    labels = without_reworded(
        event_labels(members, pd.concat([comparable, name_labels(raw_details)], ignore_index=True), reports, lone),
        rewordings)
    rows += lead_wordings(members, raw_details, rows)  # "martyred" in a title against "killed" in another's lead
    tolls = event_counts(members, headlines, comparable, reports, sums)
    tables = [pd.DataFrame(rows), tolls, _besides(place_counts(members, stated), tolls), labels, rewordings,
              event_directions(members, comparable), event_qualifiers(members, raw_details)]
    table = pd.concat([t for t in tables if not t.empty] or [schema.empty(DIVERGENCE)], ignore_index=True)
    table["held_apart"] = [(event, report) in lone
                           for event, report in zip(table["event_id"], table["report_id"], strict=True)]
    table = table.assign(_sure=table["confidence"].fillna(-1.0)).sort_values(
        ["event_id", "_sure", "claim_id", "kind", "subject", "outlet", "published"],
        ascending=[True, False, True, True, True, True, True], kind="stable")
    return schema.conform(table[list(DIVERGENCE)], DIVERGENCE)


def _besides(rows: list[dict], table: pd.DataFrame) -> pd.DataFrame:
    """``rows`` less those of a sentence and subject that ``table`` already compares."""
    taken = set(zip(table["report_id"], table["sent_idx"], table["subject"], strict=True)) if len(table) else set()
    return pd.DataFrame([r for r in rows if (r["report_id"], r["sent_idx"], r["subject"]) not in taken])


def summarise_divergence(divergence: pd.DataFrame) -> pd.DataFrame:
    """Per event: claim groups compared, how many diverge, and how many outlet-level disagreements of each kind."""
    current = divergence[~divergence["superseded"]]
    disagreeing = current[current["agrees"].eq(False).fillna(False)]
    summary = current.groupby("event_id").agg(n_claims_compared=("claim_id", lambda c: c[c >= 0].nunique()))
    summary["n_claims_diverging"] = disagreeing[disagreeing["kind"] != "omission"].groupby("event_id")[
        "claim_id"
    ].nunique()
    by_kind = disagreeing.groupby(["event_id", "kind"]).size().unstack(fill_value=0).add_prefix("n_")
    summary = summary.join(by_kind).fillna(0).astype("int64").reset_index()
    return summary
