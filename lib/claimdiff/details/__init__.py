"""Details: the checkable facts of each sentence — counts, dates, places, actors, labels, attributions, hedges.

    details = extract_details(reports, sentences)
    killed = document_counts(details, "killed")        # one best estimate per report

One row per detail, with the columns of :data:`DETAILS` (see :mod:`claimdiff.details.table`):

=============  ======================================================  ============================================
kind           value                                                   subject
=============  ======================================================  ============================================
count          "at least 21", "dozens", "1 (perpetrator)"; low/high     killed, injured, casualties (one or the
               the interval (``data/quantities.yaml``)                  other, not said which), arrested, missing,
                                                                        displaced, fighters, drones, aircraft,
                                                                        vehicles, other
date           "2024-04-20" or "2024-04-08..2024-04-14";               explicit (carries its year) or relative
               date_low/date_high the days
place          canonical name ("Deir Ezzor")                           gazetteer, corpus or ner: where it was found
actor          canonical actor ("ISIS"); "unclaimed", "unknown"         agent, claimed, blamed, target, mentioned
label          the outlet's word ("terrorists", "regime"), or its       the actor it stands for, or "unresolved";
               wording of an act ("adjust", "martyr", "liberate")      for a wording, the act ("price change",
                                                                        "killing", "taking territory", "retreat",
                                                                        "detention")
attribution    normalised source ("Ministry of Defense", "monitor")    official, monitor, media, anonymous, witness,
                                                                        activist, police, other
hedge          canonical marker ("reportedly", "unverified")           hedge
act            the phrase that names a kind of act ("chlorine",        the kind of act ("chemical attack", "air
               "car bomb"; ``data/acts.yaml``)                          strike", "bombing")
=============  ======================================================  ============================================

Every row also has a ``scope`` (:mod:`claimdiff.details.scope`): ``incident`` when the part of its sentence it
stands in tells of the report's own incident, else ``other incident``, ``running total`` or ``context`` (read from
the sentence's own wording and dates), so later stages need not read the sentence again to leave background out.

``text`` is the evidence as written and ``start``/``end`` index the report's cleaned text:
``report_text[start:end] == text``. Rows are ordered by report (in the order of ``sentences``), sentence, position
and kind. The lexicons are YAML files in ``claimdiff/data/`` (quantities, count_subjects, places, actors, wordings,
attribution, hedges, acts): extend them there.

>>> import pandas as pd
>>> reports = pd.DataFrame({"id": ["r1"], "published": [pd.Timestamp("2024-04-21")],
...                         "text": ["ISIS killed at least 21 soldiers near Palmyra on Saturday, SOHR said."]})
>>> sentences = pd.DataFrame({"report_id": ["r1"], "sent_idx": [0], "text": reports["text"], "start": [0],
...                           "end": [len(reports["text"][0])]})
>>> for row in extract_details(reports, sentences)[["kind", "subject", "value"]].values.tolist():
...     print(row)
['actor', 'agent', 'ISIS']
['label', 'ISIS', 'ISIS']
['label', 'killing', 'kill']
['count', 'killed', 'at least 21']
['place', 'gazetteer', 'Palmyra']
['date', 'relative', '2024-04-20']
['attribution', 'monitor', 'monitor']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from claimdiff.details.counts import find_counts
from claimdiff.details.estimate import document_counts, row_estimates
from claimdiff.details.parallel import default_workers, detail_rows
from claimdiff.details.places import MIN_REPORTS
from claimdiff.details.scope import detail_scopes
from claimdiff.details.table import DETAILS, KIND_ORDER, frame
from claimdiff.schema import require
from claimdiff.stagecache import cached_stage

__all__ = ["DETAILS", "DetailSettings", "document_counts", "extract_details", "find_counts", "row_estimates"]


@dataclass(frozen=True)
class DetailSettings:
    """The settings of :func:`extract_details`: a place name the gazetteer lacks is learnt from the corpus when
    ``min_place_reports`` reports name it; ``ner=True`` adds a spaCy model's places (spaCy must be installed).
    ``workers`` processes read the reports side by side (default: the cores this process may use, at most 4; see
    :mod:`claimdiff.details.parallel`): the table is the same whatever their number, so it is no part of the key of
    a stored result (:mod:`claimdiff.stagecache`).

    >>> DetailSettings(workers=1)
    DetailSettings(min_place_reports=2, ner=False, workers=1)
    """

    min_place_reports: int = MIN_REPORTS
    ner: bool = False
    workers: int = field(default_factory=default_workers, metadata={"same_result": True})


@cached_stage("details")
def extract_details(
    reports: pd.DataFrame, sentences: pd.DataFrame, *, min_place_reports: int | None = None, ner: bool | None = None,
    settings: DetailSettings | None = None,
) -> pd.DataFrame:
    """The details of every sentence: one row per detail, the columns of :data:`DETAILS`.

    ``sentences`` has the columns of ``claimdiff.schema.SENTENCES`` (``start`` indexes the report text);
    ``reports`` gives ``id`` and ``published`` (relative dates need it; NaT leaves only explicit dates), and
    ``published_local`` if known (relative dates then count from the publication's own day).
    A place name the gazetteer lacks is learnt from the corpus when ``min_place_reports`` reports name it;
    ``ner=True`` adds a spaCy model's places (spaCy must be installed): ``settings`` (:class:`DetailSettings`, default
    its defaults) gives both and the number of worker processes, ``min_place_reports`` and ``ner`` when given replace
    its values. An empty input gives an empty table; a table without these columns raises
    :class:`claimdiff.schema.SchemaError`.
    """
    given = {"min_place_reports": min_place_reports, "ner": ner}
    settings = replace(settings or DetailSettings(), **{k: v for k, v in given.items() if v is not None})
    require(sentences, "sentences", "extract_details", columns=["report_id", "sent_idx", "text", "start"])
    require(reports, "reports", "extract_details", columns=["id"])
    if sentences.empty:
        return frame([])
    details = detail_rows(reports, sentences, settings.min_place_reports, settings.ner, settings.workers)
    details["scope"] = detail_scopes(details, sentences)
    report_order = {rid: i for i, rid in enumerate(dict.fromkeys(sentences["report_id"]))}
    kind_order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    keys = pd.DataFrame({
        "report": details["report_id"].map(report_order),
        "sent_idx": details["sent_idx"],
        "start": details["start"],
        "kind": details["kind"].map(kind_order),
        "end": details["end"],
        "subject": details["subject"],
        "value": details["value"],
    })
    order = keys.sort_values(list(keys.columns), kind="stable").index
    return details.loc[order].reset_index(drop=True)
