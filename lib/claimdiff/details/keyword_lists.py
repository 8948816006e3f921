"""Keyword lists that scraped pages run into a sentence: "Tags Syria Idlib Russia airstrikes Syrian regime Bashar
Assad Airstrikes on a rebel-held village killed 12 people". The words of such a list are the page's subjects, not a
clause: "Russia airstrikes" there says nothing about who struck, so an actor named in the list only is mentioned.

The list starts at "Tags" or "Keywords" opening the sentence and runs up to the word that opens the sentence it runs
into: a capitalised article, preposition or number word ("A Russian airstrike", "At least 18", "Five women"), or the
word before the first function word ("Airstrikes on a village": the list ends before "Airstrikes").

>>> text = "Tags Syria Russia airstrikes Syrian regime Airstrikes on a village killed 12."
>>> text[: keyword_list_end(text)]
'Tags Syria Russia airstrikes Syrian regime '
>>> text = "Tags Syria Islamic State SDF A Russian airstrike killed 38."
>>> text[: keyword_list_end(text)], keyword_list_end("Russia tags the planes.")
('Tags Syria Islamic State SDF ', 0)
"""

from __future__ import annotations

import re

_FUNCTION = (r"(?:a|an|the|of|for|on|in|at|to|by|with|from|and|or|but|was|were|is|are|has|have|had|as|after|since"
             r"|this|that|these|those|its|their|his|her|who|which|while|when)")
_OPENER = (r"(?:A|An|The|At|In|On|More|Some|Many|Several|Dozens|Scores|Hundreds|One|Two|Three|Four|Five|Six|Seven"
           r"|Eight|Nine|Ten|Eleven|Twelve|[A-Z][a-z]+teen|Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)")
# "Tags" then the list: words up to a capitalised opener, or up to the word before a (lower-case) function word
_LIST = re.compile(rf"^\W*(?:Tags|Keywords)\s+((?:(?!{_OPENER}\b|{_FUNCTION}\b)[\w'’.-]+\s+)*?)"
                   rf"(?={_OPENER}\b|[\w'’.-]+\s+{_FUNCTION}\b)")


def keyword_list_end(text: str) -> int:
    """Where a keyword list opening ``text`` ends (0: the sentence opens with none)."""
    match = _LIST.match(text)
    return match.end(1) if match else 0
