"""Which language a report is written in, guessed from its text with py3langid (offline, deterministic).

>>> detect_language("Le ministère a déclaré que les frappes ont touché des caches près de Palmyre.")
'fr'
>>> detect_language("Ten killed.") is None
True
"""

from __future__ import annotations

# Below this many letters a guess is little better than chance ("Ten killed." reads as Danish).
MIN_LETTERS = 40
# The first characters are enough to tell, and keep a very long text fast.
_SAMPLE = 5000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or None when it is too short to tell."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    import py3langid

    return py3langid.classify(sample)[0]
