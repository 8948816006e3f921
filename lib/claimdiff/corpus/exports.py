"""News-database exports: the lines of a file tried as each vendor's layout in turn.

>>> split_export(["nothing", "to see"], "a.rtf") is None
True
"""

from __future__ import annotations

from .factiva import split_factiva_text
from .nexis import split_lexisnexis, split_nexis_uni
from .records import Record, Rejection


def split_export(lines: list[str], relative: str) -> list[Record | Rejection] | None:
    """The articles of a Nexis Uni, LexisNexis or Factiva export, or None when ``lines`` are none of them."""
    for split in (split_nexis_uni, split_lexisnexis, split_factiva_text):
        found = split(lines, relative)
        if found is not None:
            return found
    return None
