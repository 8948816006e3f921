"""The role of an actor in its sentence (``roles`` in ``data/actors.yaml``): "claimed" (responsibility), "blamed",
"agent" (did it), "target" or "mentioned", read from the words right before and after its name.

>>> role("Russian jets struck the market.", 0, 12), role("The market was hit by Russian jets.", 22, 34)
('agent', 'agent')
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimdiff.details import lexicon

# After "<actor> killed", these words make it a passive headline ("Syrian soldiers killed in attack"): a target.
_PASSIVE_AFTER = re.compile(
    r"^\s*(?:$|[,.;:(—–-]|(?:in|by|at(?! least| most)|on|near|after|during|as|when|while|overnight|amid)\b)",
    re.IGNORECASE,
)
_PASSIVE_VERBS = re.compile(r"(?:killed|wounded|injured|shot|arrested|captured|executed)$", re.IGNORECASE)
_AUXILIARY_BEFORE_VERB = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+[\w-]+$", re.IGNORECASE)
# What may stand between a role's words and the actor: "killed 20 ISIS militants", "killed dozens of the ISIS ..."
_QUANTIFIERS = (r"(?:(?:the|a|an|\d[\d,]*|at\s+least\s+\d[\d,]*|more\s+than\s+\d[\d,]*|dozens\s+of|scores\s+of|"
                r"hundreds\s+of|tens\s+of|several|some|many|key|senior|top|two|three|four|five|six|seven|eight|nine|ten)\s+)*")
_PAREN = re.compile(r"^\s*\)|^\s*\([^()]{0,40}\)|(?<=\w)\s*\([^()]{0,40}\)(?=\s)")  # "IS (Daesh) claimed"
# A party named beside the actor between it and its verb: "the army, backed by Russian jets, retook", "the army
# alongside a volunteer militia has killed": the verb is the actor's all the same.
_COMPANION = re.compile(
    r"^\s*(?:,\s*(?:alongside|along with|together with|backed by|supported by|aided by|assisted by|"
    r"with the (?:help|support|backing) of)\s[^,]{1,60},|(?:alongside|along with|together with)\s+"
    r"(?:[\w'’-]+\s+){1,5}?(?=(?:has|have|had)\s))",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _roles() -> dict[str, tuple[re.Pattern, ...]]:
    """Per role, the regexes of the words before the actor (matched at the end of the text before it) and after it
    (matched at the start of the text after it); "not agent": the words before "by" that make it no doer."""
    data = lexicon.load("actors")
    roles, titles = {}, lexicon.patterns_alternation(re.escape(t) for t in data["titles"])
    for name, where in data["roles"].items():
        before = lexicon.patterns_alternation(where.get("before", []))
        after = lexicon.patterns_alternation(where.get("after", []))
        roles[name] = (  # "accused President Assad": a title may stand between the words and the name
            re.compile(rf"(?<!\w)(?:{before})[\s,]+(?:either\s+)?{_QUANTIFIERS}(?:(?:{titles})\s+)?$", re.IGNORECASE),
            re.compile(rf"^[\s,]*(?:{after})(?!\w)", re.IGNORECASE),
        )
    not_before = lexicon.patterns_alternation(data["roles"]["agent"].get("not_before", [])) or r"(?!x)x"
    roles["not agent"] = (re.compile(rf"(?<!\w)(?:{not_before})[\s,]+(?:either\s+)?{_QUANTIFIERS}$", re.IGNORECASE),)
    return roles


def role(text: str, start: int, end: int) -> str:
    """The role of the actor at ``text[start:end]``: claimed (responsibility), blamed, agent, target or mentioned
    (a page's keyword list, which names no doer, is cleaned away before: :func:`claimdiff.clean.clean_text`).

    >>> role("The attack was blamed on ISIS.", 25, 29), role("ISIS attacked a bus.", 0, 4)
    ('blamed', 'agent')
    >>> role("Strikes against HTS positions.", 16, 19), role("HTS was mentioned.", 0, 3)
    ('target', 'mentioned')
    >>> role("ISIS claimed responsibility.", 0, 4), role("The blast was claimed by ISIS.", 25, 29)
    ('claimed', 'claimed')
    >>> role("Fighters backed by Turkey hold the town.", 19, 25)
    'mentioned'
    >>> role("The Syrian Army alongside a volunteer militia has killed 70 IS fighters.", 4, 15)
    'agent'
    >>> role("The army, backed by Russian jets, shelled the town.", 4, 8)
    'agent'
    """
    roles = _roles()
    after = _COMPANION.sub(" ", _PAREN.sub("", text[end : end + 160], count=1), count=1)[:80]
    before = text[max(0, start - 80) : start]
    order = [("claimed", "before"), ("claimed", "after"), ("blamed", "before"), ("blamed", "after"),
             ("agent", "before"), ("target", "before"), ("target", "after"), ("agent", "after")]
    for name, side in order:
        regex = roles[name][0 if side == "before" else 1]
        m = regex.search(before if side == "before" else after)
        if not m or (name == "agent" and side == "before" and roles["not agent"][0].search(before)):
            continue  # "rebels backed by Turkey": Turkey is no sign of who did it
        if name == "agent" and side == "after" and (_AUXILIARY_BEFORE_VERB.search(m.group()) or (
            _PASSIVE_VERBS.search(m.group()) and _PASSIVE_AFTER.match(after[m.end() :]))):
            return "target"  # "ISIS positions were destroyed", "Syrian soldiers killed in an attack"
        return name
    return "mentioned"
