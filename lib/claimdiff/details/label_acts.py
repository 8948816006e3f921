"""Labels that call an act, not a party, by their word: "a terrorist attack", "terrorist rocket attacks", "a rebel
assault". The word stands as an adjective (not a plural: "terrorists attack" names the doers) right before a noun of
an act (``acts`` in ``data/actors.yaml``), at most two words apart, none of them a function word or a past form
("the rebels launched an attack" names a party). Such a label row gets the role "act"
(:data:`claimdiff.details.actors.ACT`): the divergence stage keeps those that name no actor apart from the labels of
parties that name none, since an outlet calling a bombing terrorist and another calling fighters rebels need not
speak of one party.

>>> text = "A terrorist rocket attack hit; the rebels launched an attack; terrorists attack."
>>> [qualifies_an_act(text, text.index(w), text.index(w) + len(w)) for w in ("terrorist", "rebels", "terrorists")]
[True, False, False]
>>> qualifies_an_act("a rebel attack", 2, 7), qualifies_an_act("a rebel who attacked", 2, 7)
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.details.lexicon import load, patterns_alternation

# Words between a label and an act noun that make the label no qualifier of it ("rebels who attack").
_FUNCTION_WORDS = (r"(?:a|an|the|who|which|that|to|and|or|of|on|in|at|with|by|for|from|his|her|its|their|was|were"
                   r"|is|are|had|has|have|will|would|could|may|might|did|do|does)\b")


@lru_cache(maxsize=1)
def _act_after() -> re.Pattern[str]:
    acts = patterns_alternation(re.escape(noun) for noun in load("actors")["acts"])
    return re.compile(rf"[\s-]+(?:(?!{_FUNCTION_WORDS})[\w-]+(?<!ed)\s+){{0,2}}?(?:{acts})(?!\w)", re.IGNORECASE)


def qualifies_an_act(text: str, start: int, end: int) -> bool:
    """Does the label at ``text[start:end]`` qualify an act noun after it (see the module docstring)?"""
    return not text[start:end].lower().endswith("s") and bool(_act_after().match(text, end))
