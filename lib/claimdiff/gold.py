"""The gold events of a corpus (its ``gold.yaml``), checked against the reports it names.

A gold file that names a report the corpus does not have is an error naming the line, not a silent miss: a typo
in an id would otherwise drop the report from every score. See ``corpus/README.md`` for the format.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "gold.yaml"
>>> _ = path.write_text("events:\\n  - id: E1\\n    reports: [a.md, b.md]\\n  - id: E2\\n    reports: [c.md]\\n")
>>> gold_events(path, ["a.md", "b.md", "c.md"]).to_dict()
{'a.md': 'E1', 'b.md': 'E1', 'c.md': 'E2'}
>>> gold_events(path, ["a.md", "b.md"])
Traceback (most recent call last):
...
claimdiff.corpus.CorpusError: ...gold.yaml, line 5: event E2 names report 'c.md', which is not in the corpus \
(2 reports, e.g. 'a.md'). Correct the id, or remove it from gold.yaml.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import yaml

from .corpus import CorpusError, CorpusWarning


def gold_events(path: str | Path, report_ids: Iterable[str]) -> pd.Series:
    """Gold event id of each report named in ``path``, as a Series indexed by report id (name ``gold_event``).

    Raises :class:`CorpusError` for a missing or unreadable file, an event without ``id`` or ``reports``, a report
    in two events, or a report id not in ``report_ids``. Reports of the corpus that the file leaves out are not
    in the Series; a :class:`CorpusWarning` says how many.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such gold file")
    text = path.read_text(encoding="utf-8")
    try:
        gold = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        raise CorpusError(f"{path}{line}: not valid YAML ({getattr(error, 'problem', error)})") from None
    events = gold.get("events") if isinstance(gold, dict) else None
    if not isinstance(events, list):
        raise CorpusError(f"{path}: no `events:` list; each event needs `id:` and `reports: [...]`")
    known = list(dict.fromkeys(report_ids))
    known_set = set(known)
    event_of: dict[str, str] = {}
    for number, event in enumerate(events, start=1):
        if not isinstance(event, dict) or "id" not in event or not isinstance(event.get("reports"), list):
            raise CorpusError(f"{path}: event number {number} needs `id:` and a list `reports: [...]`")
        for report in map(str, event["reports"]):
            where = f"{path}, line {_line_of(text, report)}"
            if report not in known_set:
                example = f", e.g. {known[0]!r}" if known else ""
                raise CorpusError(f"{where}: event {event['id']} names report {report!r}, which is not in the corpus "
                                  f"({len(known)} reports{example}). Correct the id, or remove it from gold.yaml.")
            if report in event_of:
                raise CorpusError(f"{where}: report {report!r} is in events {event_of[report]} and {event['id']}; "
                                  "a report belongs to one event")
            event_of[report] = str(event["id"])
    left_out = [report for report in known if report not in event_of]
    if left_out:
        warnings.warn(f"{path}: {len(left_out)} of {len(known)} reports are in no gold event (e.g. {left_out[0]!r}); "
                      "they are left out of the scores", CorpusWarning, stacklevel=2)
    return pd.Series(event_of, name="gold_event", dtype="str").rename_axis("report_id")


def _line_of(text: str, report: str) -> int | str:
    """The first line of the file that mentions ``report`` (the YAML parser keeps no line numbers)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if report in line:
            return number
    return "?"
