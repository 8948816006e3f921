"""Omissions of the injured: an outlet that gives the dead of an event in its lead but nowhere says how many were
hurt, where two or more outlets give the injured in their leads ("killed 12 and wounded 30", "50 others were
injured"). A toll of the injured told further down, or by one outlet only, is most often of a side strike or
of another incident told beside this one ("a bomb aboard a bus near Homs ... wounding 25"), and a report whose lead
gives no dead is of the aftermath (a reaction, an inquiry), not an account of the casualties that left a part out:
neither makes an omission. As for the dead (:func:`.omissions.toll_omissions`), the injured left out are given
by a figure: two outlets saying only "dozens" or "hundreds more were injured" give no figure to leave out. An outlet
that gives them by a word anywhere ("several other people were wounded") has not left them out; one that only says
the toll may rise "because of the number of people seriously wounded" has.

The rule of :mod:`.omissions` holds: only outlets whose reports may tell of the outlet's incident count toward its
omission, and those must be at least ``omission_share`` of the event's outlets (a setting, as for claims: in an
event many outlets cover, two giving the injured is no account most give). Readers take leaving out the injured as a
lesser omission than leaving out the dead: the confidence is half the share of the event's outlets that give them in
their leads.

>>> members = pd.DataFrame({"event_id": 0, "report_id": ["a", "b", "c"], "sent_idx": 0, "published": pd.NaT,
...                         "outlet": ["x", "y", "z"], "text": ["Strikes killed 13 and wounded 29.",
...                         "Strikes killed 36; 50 were injured.", "Strikes killed 20."]})
>>> details = pd.DataFrame({"report_id": ["a", "a", "b", "b", "c"], "sent_idx": 0, "kind": "count",
...                         "subject": ["killed", "injured", "killed", "injured", "killed"],
...                         "text": ["13", "29", "36", "50", "20"]})
>>> [(r["outlet"], r["subject"], round(r["confidence"], 2)) for r in injured_omissions(members, details, details)]
[('z', 'toll: injured', 0.33)]
"""

from __future__ import annotations

import pandas as pd

from .core import active, records
from .count_scope import loose_words
from .omissions import _speaking_of_deaths, omission_row, reports_of_outlets, together

# The first sentences of a report (title and lead) where outlets give the injured and the omitting outlet the dead.
INJURED_LEAD_SENTENCES = 5
SUBJECT = "toll: injured"
EVIDENCE_SENTENCES = 2  # the sentences of each outlet giving the injured shown as the evidence
# Counts that say how many were hurt: "casualties" (killed or injured, the text does not say which) answer it too.
HURT = ("injured", "casualties")


def injured_omissions(members: pd.DataFrame, stated: pd.DataFrame, named_anywhere: pd.DataFrame) -> list[dict]:
    """Omission rows (subject ``toll: injured``, ``claim_id`` -1) for outlets whose reports on an event give the
    dead in their leads but no injured anywhere, where two or more outlets give the injured in their leads (see the
    module docstring). ``stated``: the event's counts (no background, no war-wide figures), in which the injured and
    the dead of the leads are read; ``named_anywhere``: the details as extracted, background included, in which an
    outlet's injured are looked for anywhere."""
    counts = stated[stated["kind"] == "count"]
    keys = ["report_id", "sent_idx"]
    sentences = members.drop_duplicates(keys)
    first = sentences.groupby("report_id")["sent_idx"].transform("min")
    lead = sentences[sentences["sent_idx"] < first + INJURED_LEAD_SENTENCES]
    in_lead = set(zip(lead["report_id"], lead["sent_idx"], strict=True))
    hurt_in_lead = counts[counts["subject"].isin(HURT[:1])]
    hurt_in_lead = hurt_in_lead[~loose_words(hurt_in_lead)]  # given by a figure, not a word
    hurt_in_lead = set(zip(hurt_in_lead["report_id"], hurt_in_lead["sent_idx"], strict=True)) & in_lead
    giving: dict = {}  # event -> outlet -> the lead sentences giving the injured
    for m in records(lead[[k for k in ("event_id", "outlet", "report_id", "sent_idx", "text", "published")]]):
        if (m["report_id"], m["sent_idx"]) in hurt_in_lead:
            giving.setdefault(m["event_id"], {}).setdefault(m["outlet"], []).append(m)
    giving = {event_id: by_outlet for event_id, by_outlet in giving.items() if len(by_outlet) >= 2}
    if not giving:
        return []
    reports_of = reports_of_outlets(members)
    hurt = named_anywhere[(named_anywhere["kind"] == "count") & named_anywhere["subject"].isin(HURT)]
    hurt_reports = set(hurt["report_id"])
    dead = counts[counts["subject"] == "killed"]
    dead_in_lead = {r for r, i in zip(dead["report_id"], dead["sent_idx"], strict=True) if (r, i) in in_lead}
    candidates = {r for (event_id, _), reports in reports_of.items() if event_id in giving for r in reports}
    dead_in_lead |= _speaking_of_deaths(lead, stated, candidates - dead_in_lead)
    latest = members.sort_values(["published", "report_id", "sent_idx"], kind="stable")
    latest = {(m["event_id"], m["outlet"]): m for m in records(latest.drop_duplicates(["event_id", "outlet"],
                                                                                     keep="last"))}
    rows = []
    for event_id, by_outlet in sorted(giving.items(), key=lambda item: item[0]):
        covering = sorted(outlet for (event, outlet) in reports_of if event == event_id)
        for outlet in covering:
            own_reports = reports_of[(event_id, outlet)]
            if outlet in by_outlet or own_reports & hurt_reports or not own_reports & dead_in_lead:
                continue
            near = {o: said for o, said in by_outlet.items() if together(own_reports, said[0]["report_id"])}
            score = len(near) / len(covering)
            if len(near) < 2 or score < active().omission_share:
                continue
            sure = score / 2
            first_outlet = sorted(near)[0]
            other = near[first_outlet][0]
            evidence = " | ".join(dict.fromkeys(m["text"] for o in sorted(near)
                                                for m in near[o][:EVIDENCE_SENTENCES]))
            own = latest[(event_id, outlet)]
            rows.append(omission_row(event_id, -1, SUBJECT, outlet, score, evidence, own["report_id"], pd.NA,
                                     own["published"],
                                     other={"other_outlet": first_outlet, "other_report_id": other["report_id"],
                                            "other_evidence": other["text"], "other_value": pd.NA,
                                            "confidence": sure}))
    return rows
