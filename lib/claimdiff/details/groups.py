"""Who a count counts: the ``group`` of each count row, read from the noun phrase of the count.

:func:`claimdiff.details.counts.find_counts` says what a number counts (killed, injured, …); this module says of
whom, with the small vocabulary of ``data/count_groups.yaml`` (people, civilians, children, women, soldiers,
fighters, aid workers, journalists), so that a children count is not read as a total toll. It also takes away the
casualty subject from counts that are no toll of an incident:

- a count of things ("the two rebel-besieged villages", "captured eight villages", "the two air raids"): subject
  ``other``, group the noun;
- a war-wide total ("the six-year war has killed hundreds of thousands", "400,000 killed since 2011", or a toll
  too large for one incident): subject ``other``, group ``war-wide``;
- people who are somewhere ("1.5 million civilians still in Aleppo"): subject ``other``, group ``population``.

A part named with its whole shares the whole's subject: "56 civilians including 19 children" are killed
civilians and killed children, "25 civilians, six of them children" too, and "72 people including nine children
were killed" both killed.

>>> [(r.text, r.subject, r.group) for r in grouped_counts("Strikes killed 56 civilians including 19 children.")]
[('56', 'killed', 'civilians'), ('19', 'killed', 'children')]
>>> [(r.text, r.subject, r.group) for r in grouped_counts("IS fighters captured eight villages and killed 9 soldiers.")]
[('eight', 'other', 'villages'), ('9', 'killed', 'soldiers')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.counts import CASUALTY_SUBJECTS, find_counts
from claimdiff.details.numbers import number_phrases, patterns
from claimdiff.details.table import Row, sentence_rows

PERSON_GROUPS = ("people", "civilians", "children", "women", "soldiers", "fighters", "aid workers", "journalists")
# The group of a count that numbers an unnamed part of a toll ("15 of the wounded", "including a woman and two
# children", "21 others" beside an earlier count of the dead): never a total (see `_mark_parts`).
PART = "part"
_NP_WORD = re.compile(r"\s*[,]?\s*[\"“‘']?([A-Za-z][\w'’-]*)[\"”’']?")  # scare quotes: three “terrorists”
_STOP = frozenset(
    "and or but who whom whose which that were was are is have has had be been being in on at by from to with for "
    "including among as after before during near into onto while when where the a an this these those killed dead "
    "died wounded injured hurt said says reportedly according across over under since until than still remain "
    "remained remains remaining live living lived trapped mostly mainly most many some largely".split()
)
# A partitive right after a count: "15 of the wounded", "six of them", "the three others among the dead" (not
# "12, among them two children": the part comes after).
_OF_THEM = re.compile(
    r"^\s*,?\s*(?:others?\s+)?(?:of\s+(?:them|whom)|(?:of|among)\s+the\s+(?:dead|victims|killed|wounded|injured))"
    r"\s+(?:(?:were|are|being)\s+)?",
    re.IGNORECASE,
)
_OF = re.compile(r"^\s+of\s+(?:the\s+)?", re.IGNORECASE)
# A casualty word that describes the noun after it: "eight dead civilians", "five wounded soldiers".
_DESCRIBED = re.compile(r"\s*(?:dead|wounded|injured|killed)(?=\s+(?!(?:and|or|were|was|in|on|at|by|from|to|with|"
                        r"for|as|after|before|during|since|when|while|said|says|including|among)\b)[A-Za-z])",
                        re.IGNORECASE)
_PART_BEFORE = re.compile(
    r"(?:\bincluding|\bamong\s+(?:them|whom|those|the\s+(?:dead|victims|killed|wounded|injured))|\bof\s+whom"
    r"|\bmost(?:ly)?\s+of\s+them|\bwere\s+among)\s*(?:at\s+least\s+|some\s+|about\s+|the\s+)?$",
    re.IGNORECASE,
)

# "also" after a count's noun phrase: "six teachers also died", "two others were also killed".
_ALSO = re.compile(r"(?:\s+[A-Za-z][\w'’-]*){0,3}?\s+(?:(?:were|was|have|had|has)\s+)?also\b", re.IGNORECASE)
_AMONG_WHOLE = re.compile(r"\bwere\s+among\s*(?:at\s+least\s+|some\s+|about\s+|the\s+)?$", re.IGNORECASE)
# A count said to be among the dead after its noun phrase: "14 children and a woman were among those killed".
_AMONG_AFTER = re.compile(r"\s*,?\s*(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the|those)\b", re.IGNORECASE)
# A count added to an earlier one of the same subject: "21 others died", "five more", "another 12", "a further 9".
_ADDED_AFTER = re.compile(r"\s+(?:others?|more)\b", re.IGNORECASE)
_ADDED_BEFORE = re.compile(r"\b(?:another|a further|an additional|further|additional)\s+$", re.IGNORECASE)

# A generic count ("no dead", "No casualties were reported") tied to a group further on in its clause: "among the
# attackers", "among its fighters" (at most five words between, no comma, no other number).
_AMONG = re.compile(r"^(?:\s+[A-Za-z][\w'’-]*){0,5}?\s+among\s+(?:the\s+|its\s+|their\s+|his\s+)?"
                    r"(?!(?:them|whom|those|these|which|us|others)\b)(?=[\"“‘']?[A-Za-z])",
                    re.IGNORECASE)


class GroupedCount(NamedTuple):
    start: int
    end: int
    text: str
    value: str
    low: float
    high: float
    subject: str
    group: str | None


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = lexicon.load("count_groups")
    groups = sorted(((g, p) for g, ps in data["groups"].items() for p in ps), key=lambda gp: -len(gp[1]))
    return {
        "groups": [(g, re.compile(rf"(?<![\w-])(?:{p})$", re.IGNORECASE)) for g, p in groups],
        "anywhere": [(g, re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE)) for g, p in groups],
        "things": re.compile(rf"(?<![\w-])(?:{lexicon.patterns_alternation(data['things'])})$", re.IGNORECASE),
        "war_wide": re.compile(rf"\b(?:{lexicon.patterns_alternation(data['war_wide'])})\b", re.IGNORECASE),
        "at_least": data["war_wide_at_least"],
        "marker_at_least": data["war_wide_marker_at_least"],
        "present": re.compile(
            rf"^\s+(?:(?:and|&)\s+(?:their|his|her)\s+\w+\s+)?(?:(?:are|were|is|was)\s+)?"
            rf"(?:{lexicon.patterns_alternation(data['present_after'])})\b",
            re.IGNORECASE),
        **_part_markers(data["parts"]),
    }


def _part_markers(parts: dict) -> dict:
    """The regexes of ``parts`` in ``data/count_groups.yaml``: counts of some of the dead or the wounded."""
    alt = lexicon.patterns_alternation
    bodies = alt(parts["bodies"])
    return {
        # "carted away at least 100 bodies", "lifted the bodies of 12": a recovery verb, the count, its noun
        "recovered_before": re.compile(rf"\b(?:{alt(parts['recovered_before'])})\s+(?:[\w'’-]+\s+){{0,3}}?$",
                                       re.IGNORECASE),
        "bodies_before": re.compile(rf"\b(?:{bodies})\s+of\s+(?:the\s+)?$", re.IGNORECASE),
        "bodies": re.compile(rf"(?:^|\s)(?:{bodies})$", re.IGNORECASE),
        "recovered_after": re.compile(rf"^(?:\s+[\w'’-]+){{0,4}}?\s+(?:{alt(parts['recovered_after'])})\b",
                                      re.IGNORECASE),
        "condition": re.compile(rf"^\s*(?:{alt(parts['condition'])})\b", re.IGNORECASE),
        # a cheap test first: the sentence names bodies or a condition at all
        "some_screen": re.compile(rf"(?:{bodies})|\b(?:condition|state)\b", re.IGNORECASE),
    }


def noun_phrase(after: str) -> tuple[str, int]:
    """The noun phrase right after a number (at most four words, up to a function word) and where it ends.

    >>> noun_phrase(" of the Syrian rebels were killed"), noun_phrase(" and wounded 29")
    (('Syrian rebels', 21), ('', 0))
    """
    position = 0
    of = _OF.match(after)
    if of:
        position = of.end()
    described = _DESCRIBED.match(after, position)  # "eight dead civilians", "five wounded soldiers"
    if described:
        position = described.end()
    words, end = [], 0
    for _ in range(4):
        m = _NP_WORD.match(after, position)
        if not m or m.group(1).lower() in _STOP or ("," in m.group(0) and words):
            break
        words.append(m.group(1))
        position = end = m.end()
    return " ".join(words), end


def _joined_group(joined: str, last: str) -> str:
    """The noun phrase that stands for a joined count: its members' common group, else "people"."""
    found = set(member_groups(joined, last))
    return found.pop() if len(found) == 1 and None not in found else "people"


def member_groups(joined: str, last: str) -> list[str | None]:
    """The group of each member of a joined count ("15 civilians and 27", ``last`` the noun phrase after it, which
    the last number's noun is): None for a member whose noun names no group.

    >>> member_groups("15 civilians and 27", "pro-government fighters"), member_groups("a man and two", "")
    (['civilians', 'soldiers'], [None])
    """
    members = [m for m in re.split(r"\s*(?:,|\band\b)\s*", joined) if m]
    leading_number = r"^(?:\W*(?:an?|the|\d+|" + patterns()["word"] + r")\b)+"
    nouns = [re.sub(leading_number, "", m, flags=re.IGNORECASE).strip() for m in members]
    if nouns and not nouns[-1]:  # "two women and two [soldiers]": the last number's noun follows the phrase
        nouns[-1] = last
    return [group_of_words(n) for n in nouns if n]


def group_of_words(words: str) -> str | None:
    """The group a phrase names anywhere in it (the longest entry first), else None.

    >>> group_of_words("IS militants"), group_of_words("civilians (total for the day)"), group_of_words("in Jassem")
    ('fighters', 'civilians', None)
    """
    for group, pattern in _lexicon()["anywhere"]:
        if pattern.search(words):
            return group
    return None


def groups_named(words: str) -> set[str]:
    """Every group a phrase names anywhere in it.

    >>> sorted(groups_named("killed a nurse, a hospital employee and two soldiers near rebel lines"))
    ['fighters', 'soldiers']
    """
    return {group for group, pattern in _lexicon()["anywhere"] if pattern.search(words)}


@lru_cache(maxsize=1 << 14)  # asked for every head of every count phrase: the same few words recur
def _head_group(phrase: str) -> str | None:
    for group, pattern in _lexicon()["groups"]:
        if pattern.search(phrase):
            return group
    return None


def _thing(phrase: str) -> str | None:
    m = _lexicon()["things"].search(phrase)
    return phrase.split()[-1].lower() if m else None


def grouped_counts(text: str) -> list[GroupedCount]:
    """The counts of one sentence (:func:`~claimdiff.details.counts.find_counts`) with their group."""
    counts = find_counts(text)
    if not counts:
        return []
    lex = _lexicon()
    war_wide = lex["war_wide"].search(text) is not None
    found = []
    for c in counts:
        after = text[c.end :]
        part = _OF_THEM.match(after)
        phrase, np_end = noun_phrase(after[part.end() :] if part else after)
        np_end += part.end() if part else 0
        subject, group, thing = c.subject, None, None
        # no number: "a child", "the victim", "he"; a zero's group is the noun after it ("no civilians")
        person = not number_phrases(text[c.start : c.end]) and c.low != 0
        if c.subject in CASUALTY_SUBJECTS | {"other"} and re.search(r"\band\b|,", text[c.start : c.end]):
            # "two women and two soldiers", "a son and a grandfather": the group of each
            phrase = _joined_group(text[c.start : c.end], "" if person else phrase)
        elif person:
            phrase = text[c.start : c.end]
        words = phrase.split()
        for k in range(len(words), 0, -1):  # its head: the last word that names a group or a thing
            group = _head_group(" ".join(words[:k]))
            thing = _thing(" ".join(words[:k])) if group is None and not person else None
            if group or thing:
                break
        if subject in CASUALTY_SUBJECTS and group in (None, "people") and not thing:
            group = _among_group(after[np_end:] if not person else after) or group
        if thing:
            subject, group = "other", thing
        elif subject in CASUALTY_SUBJECTS and (war_wide and c.low >= lex["marker_at_least"]
                                               or c.low >= lex["at_least"].get(subject, float("inf"))):
            subject, group = "other", "war-wide"
        elif not person and lex["present"].match(after[np_end:]):
            subject, group = "other", "population"
        found.append([c, subject, group, bool(part), person])
    _share_subjects(found, text)
    _mark_parts(found, text)
    rows = []
    for c, subject, group, _, _ in found:
        if group is None:
            group = "people" if subject in CASUALTY_SUBJECTS else _noun(subject, text[c.end : c.end + 60])
        rows.append(GroupedCount(c.start, c.end, text[c.start : c.end], c.value, c.low, c.high, subject, group))
    return rows


def _mark_parts(found: list[list], text: str) -> None:
    """Give the group :data:`PART` to the casualty counts that number a part of a toll without saying which part
    (their group would read as the total, ``people``): a partitive ("15 of the wounded were in critical condition",
    "six of them"), a part after its whole ("31 civilians including 10 when ...", "15 civilians including a woman and
    two children"), a count added to an earlier one of the same subject ("10 civilians killed ... 21 others
    died"), civilians said to be more ("six teachers also died"), people said to be among the dead ("14 children and a
    woman were among those killed") and some of the dead or wounded by what is done
    with them or their state (:func:`_some_of_them`: "five bodies were lifted", "eight were in critical
    condition"). A part that names a group narrower than civilians keeps it ("including 19 children", "14 of the
    dead were fighters")."""
    some = _lexicon()["some_screen"].search(text) is not None
    for i, entry in enumerate(found):
        count, subject, group, partitive, _ = entry
        if subject not in CASUALTY_SUBJECTS or group not in (None, "people", "civilians"):
            continue
        earlier = [e for e in found[:i] if e[1] == subject]
        between = text[earlier[-1][0].end : count.start] if earlier else ""
        # "30 children were among 39 people killed": the count after "were among" is the whole
        after_whole = bool(earlier) and earlier[-1][2] in {None, *PERSON_GROUPS} - {PART} \
            and _PART_BEFORE.search(between) is not None and _AMONG_WHOLE.search(between) is None
        # "others" adds to the count right before it: "8 killed 58 others injured ... killing 8 and injuring 58
        # others" gives the injured twice, each the total
        added = i > 0 and found[i - 1][1] == subject and (_ADDED_AFTER.match(text, count.end) is not None
                                                          or _ADDED_BEFORE.search(text[: count.start]) is not None)
        # "six teachers also died": more dead of a kind beside those named before, no total of the group ("170
        # people had also been wounded" is most often the wounded beside the dead: a total)
        also = group == "civilians" and _ALSO.match(text, count.end) is not None
        among = _AMONG_AFTER.match(text, count.end + noun_phrase(text[count.end:])[1]) is not None
        if partitive or after_whole or added or also or among or (some and _some_of_them(count, subject, text)):
            entry[2] = PART


def _some_of_them(count, subject: str, text: str) -> bool:
    """Does a count number some of the dead or the wounded by what is done with them or the state they are in
    (``parts`` of ``data/count_groups.yaml``): bodies being recovered or moved ("five bodies were lifted from the
    rubble": rescuers are still digging), or wounded in a grave condition ("eight were in critical condition")?

    >>> [_some_of_them(c, "killed", s) for s in ("Five bodies were lifted from the rubble.", "Five people died.")
    ...  for c in find_counts(s)]
    [True, False]
    """
    lex = _lexicon()
    phrase, np_end = noun_phrase(text[count.end:])
    rest = text[count.end + np_end:]
    if subject == "injured":
        return lex["condition"].match(rest) is not None
    if subject != "killed":
        return False
    before = text[max(0, count.start - 60):count.start]
    bodies = lex["bodies"].search(" " + phrase) is not None or lex["bodies_before"].search(before) is not None
    return bodies and (lex["recovered_before"].search(before) is not None
                       or lex["recovered_after"].match(rest) is not None)


def _among_group(after: str) -> str | None:
    """The group a generic count is counted among, named later in its clause ("... were reported among the
    attackers"), else None.

    >>> _among_group(" casualties were reported among the attackers."), _among_group(" among them two children")
    ('fighters', None)
    """
    among = _AMONG.match(after)
    if not among:
        return None
    phrase, _ = noun_phrase(" " + after[among.end():])
    words = phrase.split()
    for k in range(len(words), 0, -1):
        group = _head_group(" ".join(words[:k]))
        if group:
            return group
    return None


def _share_subjects(found: list[list], text: str) -> None:
    """A part and its whole ("56 civilians including 19 children") share the casualty subject either has."""
    people = {None, *PERSON_GROUPS}
    for whole, part in pairwise(found):
        between = text[whole[0].end : part[0].start]
        if not (part[3] or _PART_BEFORE.search(between)) or len(between) > 120:
            continue
        # a part read as a count of people present ("other") or of fighters by its noun: "killed 50 militants
        # including several foreign combatants"
        if whole[1] in CASUALTY_SUBJECTS and (part[1] == "other" and part[2] in people
                                              or part[1] not in CASUALTY_SUBJECTS and part[2] in PERSON_GROUPS):
            part[1] = whole[1]
        elif whole[1] == "other" and part[1] in CASUALTY_SUBJECTS and whole[2] in people and len(between.split()) <= 3:
            # "72 people including nine children were killed"; not "people in the house, including a man shot"
            whole[1] = part[1]


# The noun a count of ``other`` things counts: the first plural word among the three after the number ("600
# greenhouses", "hundreds of greenhouses", "three field commanders").
_COUNTED_NOUN = re.compile(r"^(?:\s+(?:of\s+)?(?:the\s+)?(?:[a-z-]+\s+){0,2}?)([a-z-]+s)\b")


def _noun(subject: str, after: str) -> str | None:
    """For ``other``, the plural noun counted ("greenhouses"); for drones, vehicles, … the subject."""
    if subject != "other":
        return subject
    found = _COUNTED_NOUN.match(after)
    return found.group(1) if found else None


def grouped_count_rows(sentences: pd.DataFrame) -> list[Row]:
    """A ``count`` row for each count phrase of each sentence, with its group."""
    rows = []
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        for c in grouped_counts(text):
            rows.append(Row(report_id, sent_idx, "count", c.subject, c.value, c.low, c.high, c.text,
                            offset + c.start, offset + c.end, group=c.group))
    return rows
