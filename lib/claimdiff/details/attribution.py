"""Attribution: whom a sentence attributes its claim to ("the ministry said", "according to SOHR").

Three shapes are recognised, with the reporting verbs and sources of ``data/attribution.yaml``:

- source, verb: "the ministry said", "state media reported", "a military source told SANA";
- verb after a quote or a comma, then source: '..., said Officer Greene', '"...," police said';
- "according to" (and "citing", …) then source: "according to SOHR", "according to sources on the ground".

The source phrase becomes a normalised ``value`` and a source type (``subject``). A sentence without attribution
gets no row: the divergence stage reads absence as "none". Scraped text often has lost its commas ("... in eastern
Syria a monitor said"): a long phrase that names no known source keeps its part after the last article, or its last
run of capitalised words ("underground tunnels Konashenkov said"), and "according to" ends at a known source.

Pronouns and "the group" stand for a party named shortly before (``anaphors`` in the lexicon,
:mod:`claimdiff.details.anaphora`): "he" and "she" for the last person quoted ("a military spokesman", "Governor
Talal Barazi"), never for a ministry; "it" for an organisation; "the group" for the monitor, a rescue group or the
non-state actor named last ("ISIS attacked ... The group said three of its fighters died" is ISIS). Which count or
actor a source covers is :mod:`claimdiff.details.sources`.

>>> [(a.value, a.subject, a.text) for a in find_attributions("Two were killed, the ministry said in a statement.")]
[('Ministry of Defense', 'official', 'the ministry said')]
>>> [(a.value, a.subject) for a in find_attributions("Eighteen died, according to sources on the ground.")]
[('local sources', 'anonymous')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from claimdiff.details import lexicon
from claimdiff.details.actors import find_actors
from claimdiff.details.anaphora import Antecedent, resolve
from claimdiff.details.source_names import normalise_source, unknown_source
from claimdiff.details.speakers import source_class, speaker, trim
from claimdiff.details.table import Row, sentence_rows

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_NOT_SOURCES = re.compile(r"^(?:this|that|which|who|what|there|one|some|many|others?)$", re.IGNORECASE)
_ARTICLE_INSIDE = re.compile(r".*\s(?:the|a|an)\s+(?=\S)", re.IGNORECASE)
_CLAUSE_START = re.compile(
    r"""[,;:"“”()\[\]—–]|\b(?:that|and|but|while|as|when|after|before|because|where|which|who|whom|if)\s""",
    re.IGNORECASE,
)
# A reporting verb after one of these is a noun or not a report: "a report", "to say", "was told", "could say".
_NOT_A_VERB_AFTER = re.compile(
    r"\b(?:a|an|the|this|that|his|her|its|their|our|to|be|been|being|was|were|is|are|would|could|might|will|can|"
    r"did|does|do|should|must|may|not|never)\s+$",
    re.IGNORECASE,
)
# Inside a long source phrase, a verb ends what came before: "the family ... hired an attorney, and they [say]".
_SOURCE_CUT = re.compile(r".*\b(?:is|was|were|are|has|have|had|be|been|being|did|does|do|will|would|can|could)\s+",
                         re.IGNORECASE)
_NOT_A_REPORT = re.compile(r"\s+(?:responsibility|credit|the lives?|the life|lives|victims?)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ADVERBS = r"(?:also|later|earlier|previously|further|reportedly|had|has|have|separately|then|quickly|initially)"
_MAX_SOURCE_WORDS = 8
# Where a source named after its verb ends: a punctuation mark, the end, or a word that starts what is said of it
# ("said Observatory head Rami Abdel Rahman who did not give a number", "said the monitor on Sunday").
_SOURCE_END = (r"""(?=\s*(?:[,.;:"“”()]|$)|\s+(?:who|which|that|adding|after|speaking|on|in|as|while|without|"""
               r"""when|via|by)\b)""")
# Between a reporting verb and a source run into what follows, and the classes of such a source: "... killing 40
# says Syrian Observatory for Human Rights AP Thursday 1 Aug 2013 Rocket attacks struck ..." (a title, its credit line).
_GAP_THE = re.compile(r"\s+(?:the\s+)?", re.IGNORECASE)
_CREDITED = ("monitors & activists", "state media", "other media", "medics & rescuers", "international bodies")
# A source after its verb with no comma before it names no known source when it holds one of these: "said the
# rebels had used gas", "said 40 people had died".
_NOT_A_BARE_SOURCE = re.compile(r"(?i)\d|\b(?:is|was|were|are|has|have|had|be|been|will|would|could|may|might|"
                                r"did|do|does|not|no|killed|died|wounded|injured)\b")
_AND = re.compile(r"\s+and\s+$", re.IGNORECASE)
# A person's name: "Anthony Lake", "Leys al-Faris", "Konashenkov" (capitalised words, a capital first).
# The last run of capitalised words of a phrase, with up to two lower-case words after it ("Al-Manar correspondent").
_LAST_NAME_RUN = re.compile(r"(?<!\S)(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*(?:\s+[a-z][\w'’-]*){0,2}$")
_ACRONYM = re.compile(r"[A-Z]{2,}")
# A name's short form in brackets right before a reporting verb: "(SOHR)", "(UNICEF)".
_SHORT_FORM = re.compile(r"\s*\([^()]{1,40}\)\s*$")
_NAME = re.compile(r"(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][a-z][\w'’-]*")


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    value: str
    subject: str
    text: str
    source: str


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    data = lexicon.load("attribution")
    verbs = "|".join(sorted(data["verbs"], key=len, reverse=True))
    according = "|".join(lexicon.phrase_pattern(p) for p in sorted(data["according_to"], key=len, reverse=True))
    return {
        "source_verb": re.compile(rf"(?<![\w-])(?:{_ADVERBS}\s+)?(?P<verb>{verbs})(?![\w-])", re.IGNORECASE),
        "verb_source": re.compile(
            rf"""(?:[,"”]\s*)(?P<verb>{verbs})\s+(?P<source>[^,.;:"“”()]{{2,80}}?){_SOURCE_END}""",
            re.IGNORECASE,
        ),
        # the same with the comma lost ("... killed 18 people said the Observatory"): only for a known source
        "verb_source_bare": re.compile(
            rf"""(?<![\w-])(?P<verb>{verbs})\s+(?P<source>[^,.;:"“”()]{{2,80}}?){_SOURCE_END}""", re.IGNORECASE),
        "according": re.compile(
            rf"""(?<![\w-])(?P<cue>{according})\s+(?P<source>[^,.;:"“”()]{{2,100}}?)"""
            r"""(?=\s*(?:[,.;:"“”()]|$|\b(?:who|that|which|on|in|after)\b))""",
            re.IGNORECASE,
        ),
        "according_open": re.compile(rf"(?<![\w-])(?P<cue>{according})\s+", re.IGNORECASE),
        "told_medium": re.compile(r"\s+(?P<source>(?:the\s+)?(?:[\w-]+[’']?s?\s+)?(?:"
                                  + "|".join(lexicon.phrase_pattern(p) for entry in data["sources"]
                                             if entry["class"] in ("state media", "other media")
                                             for p in sorted(entry["phrases"], key=len, reverse=True))
                                  + r"))(?![\w-])", re.IGNORECASE),
        "any_source": lexicon.phrases_regex([p for entry in data["sources"] for p in entry["phrases"]]),
        # the sources a credit line names (not a government or a country: "said Russia" starts what was said)
        "credited": lexicon.phrases_regex([p for entry in data["sources"] if entry["class"] in _CREDITED
                                           for p in entry["phrases"]]),
        "anaphors": data["anaphors"], "window": int(data["window"]),
        "person_words": lexicon.phrases_regex(data["person_words"]),
        "next_verb": re.compile(rf"\s+(?:{verbs})\b", re.IGNORECASE),
    }


def _source_before(text: str, verb_start: int) -> tuple[int, str] | None:
    """The source phrase that ends right before a reporting verb: back to the clause start, at most a few words. A
    name's short form in brackets before the verb is part of it: "the Syrian Observatory for Human Rights (SOHR)
    said".

    >>> text = "25 died, the Syrian Observatory for Human Rights (SOHR) said."
    >>> _source_before(text, text.index(" said"))
    (9, 'the Syrian Observatory for Human Rights')
    """
    left = text[:verb_start]
    short_form = _SHORT_FORM.search(left)
    if short_form:  # blanked, not cut: the offsets stay those of the text
        left = left[: short_form.start()] + " " * (len(left) - short_form.start())
    cut = 0
    for m in _CLAUSE_START.finditer(left):
        if not _ACRONYM.fullmatch(m.group().strip()):  # "WHO said" is the World Health Organization
            cut = m.end()
    words = list(re.finditer(r"[\w'’.&-]+", left[cut:]))
    if not words:
        return None
    words = words[-_MAX_SOURCE_WORDS:]
    start = cut + words[0].start()
    source = left[start:]
    verb = _SOURCE_CUT.match(source)
    if verb:
        start += verb.end()
        source = left[start:]
    source = source.strip()
    if source.split() and source.split()[-1].lower() in PRONOUNS:
        start = start + source.rfind(source.split()[-1])
        source = source.split()[-1]
    if not source or (_NOT_SOURCES.match(source) and not source.isupper()) or not re.search(r"[A-Za-z]", source):
        return None
    # a cut keeps a known source the phrase names before it ("The local White Helmets in the central Hama province")
    if normalise_source(source)[1] == "other" and len(source.split()) > 3:  # "Turkish border the Lebanese TV"
        inside = _ARTICLE_INSIDE.match(source)
        if inside and not _known_before(source, inside.end()):
            start, source = start + inside.end(), source[inside.end() :]
    # "underground tunnels Konashenkov", but not "province local civil defense official Leys al-Faris"
    if unknown_source(source) and not source[:1].isupper():
        name = _LAST_NAME_RUN.search(source)
        if name and name.start() and not _known_before(source, name.start()):
            start, source = start + name.start(), source[name.start() :]
    return start, source


def _known_before(source: str, cut: int) -> bool:
    """Does ``source`` name a known source (``sources`` of the lexicon) that ends before ``cut``, where the words
    from ``cut`` on cannot be a speaker (a place: "the central Hama province")?

    >>> _known_before("local White Helmets in Hama province", 24), _known_before("militia on Sunday an official", 18)
    (True, False)
    """
    return _lexicon()["any_source"].search(source, 0, cut) is not None and not speaker(source[cut:])


def _title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return len(words) > 2 and sum(w[0].isupper() for w in words) > 0.6 * len(words)


def _actor_names() -> dict:  # the actors of data/actors.yaml: a source named like one is not a person
    return lexicon.load("actors")["actors"]


# The class of rescue and medical groups (``class`` in data/attribution.yaml): "the group said" may stand for one.
RESCUERS = "medics & rescuers"
MEDIA = ("state media", "other media")


def source_type(value: str, kind: str, source: str) -> str:
    """What kind of party a source is, for the pronouns that may stand for it: person, ministry, monitor, rescuers
    (a rescue or medical group: "the White Helmets ... the group said") or organisation.

    >>> source_type("officials", "official", "a ministry spokesman"), source_type("monitor", "monitor", "SOHR")
    ('person', 'monitor')
    >>> source_type("civil defence", "other", "The White Helmets")
    'rescuers'
    >>> source_type("officials", "official", "Barazi")
    'person'
    >>> source_type("state media", "media", "the official news agency SANA"), source_type("state media", "media",
    ...                                                                              "a SANA reporter")
    ('organisation', 'person')
    """
    person = list(_lexicon()["person_words"].finditer(source))
    # a medium is a person only where its head is one ("a SANA reporter", not "the official news agency SANA")
    if person and (source_class(value) not in MEDIA or person[-1].end() == len(source.rstrip(" '’.,"))):
        return "person"
    if source_class(value) == RESCUERS:
        return "rescuers"
    if (kind == "other" or unknown_source(source.strip())) and _NAME.fullmatch(source.strip()) \
            and value not in _actor_names():  # a name, also one said again alone ("Barazi said")
        return "person"
    if value.startswith("Ministry"):
        return "ministry"
    return "monitor" if kind == "monitor" else "organisation"


def _resolve(anaphor: str, history: list[tuple[Antecedent, tuple[str, str], int]], sent_idx: int) -> tuple[str, str]:
    lex = _lexicon()
    entry = lex["anaphors"][anaphor]
    types = set(entry["refers_to"])
    if "any" in types:
        types = {entry[0].type for entry in history}
    name = resolve([entry[0] for entry in history], types, sent_idx, lex["window"])
    if name is not None:
        return next(source for a, source, *_ in reversed(history) if a.name == name)
    if entry["fallback"] == "normalise":
        return normalise_source(anaphor)
    return entry["fallback"], "other"


def find_attributions(
    text: str, history: list[tuple[Antecedent, tuple[str, str], int]] | None = None, sent_idx: int = 0,
    names: dict[str, tuple[str, str]] | None = None,
) -> list[Attribution]:
    """The attributions of one sentence. ``history`` holds the report's parties named before (each an
    :class:`~claimdiff.details.anaphora.Antecedent`, its ``(value, type)`` as a source and its position), for "he
    said" and "the group said"; it grows with the sources found here. A phrase that cannot be a speaker (a weekday,
    a place, a count, an event: :func:`claimdiff.details.speakers.speaker`) is no source; ``names``: the words of
    the speakers' names the report gave before, each with the ``(value, type)`` of the source it named, it grows
    too: a name said again alone is the same source ("Barazi said" after "Homs Governor Talal Barazi said" is an
    official).

    >>> [a.value for a in find_attributions("Air strikes on Idlib on Friday said nothing new")]
    []
    >>> names = {}
    >>> [a.value for a in find_attributions("Five died, Homs Governor Talal Barazi said.", names=names)]
    ['officials']
    >>> [a.value for a in find_attributions("Barazi said the strike was an aggression.", names=names)]
    ['officials']
    """
    lex = _lexicon()
    found: list[Attribution] = []
    history = [] if history is None else history
    names = {} if names is None else names

    def add(start: int, end: int, source: str) -> None:
        if any(start < a.end and a.start < end for a in found):
            return
        if len(source.split()) > _MAX_SOURCE_WORDS and not lex["any_source"].search(source):
            return  # a known source may come with a long title ("... director Rami Abdel Rahman")
        anaphor = _ARTICLE.sub("the ", source.strip().lower())
        if anaphor not in lex["anaphors"]:
            if not speaker(source, frozenset(names), first=not text[:start].strip(" \"“'‘") and not _title_case(text)):
                return
        if anaphor in lex["anaphors"]:
            value, kind = _resolve(anaphor, history, sent_idx)
            # "he" stands for the person it was resolved to, though the same source was named as a body since
            refers = set(lex["anaphors"][anaphor]["refers_to"])
            known = [a.type for a, (v, _), *_ in history if v == value and ("any" in refers or a.type in refers)] \
                or [a.type for a, (v, _), *_ in history if v == value]
            party = known[-1] if known else source_type(value, kind, source)
        else:
            value, kind = normalise_source(trim(source))
            if unknown_source(trim(source)) and len(trim(source).split()) == 1:  # a name said before in full
                value, kind = names.get(trim(source).strip("'’.,"), (value, kind))
            party = source_type(value, kind, source)
            for word in source.split()[1:]:  # a name keeps the source it was first given with
                if word[:1].isupper():
                    names.setdefault(word.strip("'’.,"), (value, kind))
        history.append((Antecedent(sent_idx, value, party), (value, kind), start))
        found.append(Attribution(start, end, value, kind, text[start:end], source))

    for m in lex["according"].finditer(text):
        add(m.start(), m.end("source"), m["source"].strip())
    for m in lex["according_open"].finditer(text):  # no comma after the source: end it at a known source phrase
        if any(a.start <= m.start() < a.end for a in found):
            continue
        known = lex["any_source"].search(text, m.end(), m.end() + 80)
        if known and len(text[m.end() : known.start()].split()) <= 4:
            add(m.start(), known.end(), text[m.end() : known.end()])
    for m in lex["verb_source"].finditer(text):
        source = m["source"].strip()
        if not _NOT_SOURCES.match(source) and not re.match(r"(?i)(?:that|to|in|on|the attack)\b", source):
            add(m.start("verb"), m.end("source"), source)
    credit_lines = []  # a known source run into what follows: a title glued to its credit line and lead
    for m in lex["source_verb"].finditer(text):
        gap = _GAP_THE.match(text, m.end("verb"))
        known = lex["credited"].match(text, gap.end()) if gap else None
        if known:
            credit_lines.append((m, known))
        if _NOT_A_REPORT.match(text, m.end()):  # "claimed responsibility", "claimed the lives of"
            continue
        if m["verb"][:1].isupper() and text[: m.start("verb")].strip() and not _title_case(text):
            continue  # "the United States has said": part of a name (but "Obama Says ..." in a headline is a report)
        if _NOT_A_VERB_AFTER.search(text, 0, m.start("verb")) or lex["next_verb"].match(text, m.end()):
            continue  # "the report said": the verb is "said"
        before = _source_before(text, m.start())
        if before and not re.match(r"(?i)no\b", before[1]):
            add(before[0], m.end("verb"), before[1])
            joined = _AND.search(text, 0, before[0])  # "a medical source and witnesses said": both speak
            other = _source_before(text, joined.start()) if joined else None
            if other and not re.match(r"(?i)no\b", other[1]):
                add(other[0], joined.start(), other[1])
        told = lex["told_medium"].match(text, m.end("verb"))  # "a police source told SANA": SANA carries it too
        if m["verb"].lower() in ("told", "tells") and told:
            add(told.start("source"), told.end("source"), told["source"])
    for m in lex["verb_source_bare"].finditer(text):
        source = m["source"].strip()
        if _bare_source(text, m.start("verb"), source):
            add(m.start("verb"), m.end("source"), source)
    for m, known in credit_lines:
        if not _NOT_A_BARE_SOURCE.match(text[known.end():].lstrip()) \
                and not _NOT_A_VERB_AFTER.search(text, 0, m.start("verb")):
            add(m.start("verb"), known.end(), text[m.end("verb"):known.end()].strip())
    return sorted(found, key=lambda a: a.start)


def _bare_source(text: str, verb_start: int, source: str) -> bool:
    """Is ``source``, after a reporting verb with no comma before it, a known source or a titled person ("said the
    Observatory", "said spokesman Colonel Chris Garver"), not what was said ("said the rebels had used gas")?

    >>> text = "Strikes killed 18 people said the Syrian Observatory for Human Rights."
    >>> _bare_source(text, text.index("said"), "the Syrian Observatory for Human Rights")
    True
    >>> text = "The army said the monitor had lied."
    >>> _bare_source(text, text.index("said"), "the monitor had lied")
    False
    """
    lex = _lexicon()
    if _NOT_A_VERB_AFTER.search(text, 0, verb_start) or _NOT_A_BARE_SOURCE.search(source) \
            or _NOT_SOURCES.match(source) or re.match(r"(?i)(?:that|to|in|on|the attack)\b", source):
        return False
    head = " ".join(source.split()[:4])
    return bool(lex["any_source"].search(head) or lex["person_words"].search(head))


def attribution_rows(sentences: pd.DataFrame) -> list[Row]:
    """An ``attribution`` row per attribution; pronouns and "the group" take a fitting party named shortly before
    in the same report (a source, or for "the group" also an actor)."""
    rows = []
    histories: dict[str, list[tuple[Antecedent, tuple[str, str], int]]] = {}
    names: dict[str, dict[str, tuple[str, str]]] = {}
    verbs = _lexicon()["source_verb"]
    according = _lexicon()["according_open"]
    actor_types = lexicon.load("actors")["actors"]
    for report_id, sent_idx, text, offset in sentence_rows(sentences):
        history = histories.setdefault(report_id, [])
        earlier = len(history)
        if verbs.search(text) or according.search(text):
            for a in find_attributions(text, history, sent_idx, names.setdefault(report_id, {})):
                rows.append(Row(report_id, sent_idx, "attribution", a.subject, a.value, float("nan"), float("nan"),
                                a.text, offset + a.start, offset + a.end))
        actors = [(Antecedent(sent_idx, m.name, actor_types[m.name]["type"]), (m.name, "other"), m.start)
                  for m in find_actors(text)]
        history[earlier:] = sorted(history[earlier:] + actors, key=lambda entry: entry[2])  # in order of position
    return rows
