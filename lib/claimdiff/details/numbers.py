"""Numbers as intervals: the phrases that say how many ("at least 21", "twenty-one", "dozens", "21-22").

Each phrase gets an interval [low, high] (NaN is an open bound) following ``data/quantities.yaml``: modifiers
("at least", "nearly", "about"), vague quantities ("dozens", "a number of") and their conventions live there.
Numbers that measure something else are not quantities: ages, years, dates, times, money, calibres, units,
ordinals, addresses, phone numbers and numbers in names ("Route 66", "Resolution 2254"). What a quantity counts is
the business of :mod:`claimdiff.details.counts`.

>>> [(p.value, p.low, p.high) for p in number_phrases("At least 21 of the 30 soldiers, dozens of them aged 20.")]
[('at least 21', 21.0, nan), ('30', 30.0, 30.0), ('dozens', 24.0, 99.0)]
>>> [p.value for p in number_phrases("More than a quarter of a million were killed, half a million fled.")]
['more than 250000', '500000']
>>> [(p.value, p.high) for p in number_phrases("Initial reports of 20+ killed.")]
[('at least 20', nan)]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from claimdiff.details import lexicon

NAN = float("nan")

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?"
    r"|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Spans whose digits are never counts: dates, clock times, phone numbers, street addresses.
_MASKS = re.compile(
    rf"(?-i:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?-i:{_MONTHS})(?:,?\s+\d{{4}})?"
    r"|\b\d{1,2}:\d{2}\b"
    r"|\(?\b\d{3}\)?[-.\s]\d{3}[-.]\d{4}\b"
    r"|\b\d+(?:\s+(?:[NSEW]\.?|north|south|east|west|northeast|northwest|southeast|southwest|(?-i:[A-Z][\w'.-]*)"
    r"|\d+(?:st|nd|rd|th)?)){1,4}\s+(?-i:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Drive|Dr\.|Boulevard|Blvd\.?|Lane|Ln\.|"
    r"Court|Ct\.|Way|Place|Pl\.|Circle|Parkway|Pkwy\.?|Highway|Terrace|Trail|Pike)\b"
    r"|\b(?:19|20)\d0s\b"
    # ages in apposition: "Marcus Seichter, 17, of Beloit", "the boy, 11,", "both 35"
    r"|(?-i:[A-Z][\w'’.-]*|man|woman|boy|girl|teen|victim|son|daughter|child|suspect),\s*\d{1,3}"
    r"(?=\s*(?:[,;.)]|$)|\s+(?:and|who|was|were|is|of|from|had|has)\b)"
    r"|\bboth\s+\d{1,3}\b(?=\s*[,;.)])"
    r"|\b911\b"  # the US emergency number
    r"|\b(?:believed to be|thought to be|aged|ages|ages of)\s+\d{1,3}(?:\s*(?:,|and|or|to)\s*\d{1,3})+",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    value: str
    low: float
    high: float
    kind: str  # number, vague, person, perpetrator, self, pronoun, zero
    noun: str = ""


@lru_cache(maxsize=1)
def quantities() -> dict:
    """The parsed ``data/quantities.yaml``."""
    return lexicon.load("quantities")


@lru_cache(maxsize=1)
def patterns() -> dict[str, str | re.Pattern[str]]:
    """The regular expressions of quantity phrases; ``word_number`` is a number in words ("twenty-one")."""
    q = quantities()
    word = "(?:" + lexicon.phrases_body(q["number_words"]) + ")"
    scales = "(?:" + lexicon.phrases_body(q["scales"]) + ")"
    numeral = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?"
    words_number = rf"{word}(?:[-\s]{word})?"
    tail = rf"(?:\s+{scales}(?!s\b)(?:\s+(?:and\s+)?{words_number})?)"
    number = rf"(?:(?:{numeral}|{words_number}){tail}*|an?\s+{scales}(?!s\b)(?:\s+(?:and\s+)?{words_number})?)"
    modifiers = [p for entry in q["modifiers"].values() for p in entry["phrases"]]
    mod = lexicon.phrases_body(modifiers)
    vague = lexicon.phrases_body(q["vague"])
    exact = lexicon.phrases_body(q["exact"])
    fraction = "|".join(re.escape(f).replace(r"\ ", r"[-\s]+") for f in sorted(q["fractions"], key=len, reverse=True))
    quantity = re.compile(
        rf"(?<![\w$£€.,-])(?:(?P<mod>{mod})\s+)?(?:"
        rf"(?P<vague>{vague})(?![\w-])"
        rf"|(?P<exact>{exact})(?![\w-])"
        rf"|(?:(?:an?|one)\s+)?(?P<fraction>{fraction})\s+(?:of\s+)?an?\s+(?P<of_scale>{scales})(?!s?[\w-])"
        rf"|(?P<range>between\s+{number}\s+and\s+{number}|{number}\s*(?:-|–|to|or)\s*{number})(?![\w-])"
        rf"|(?P<num>{number})(?![\w])"
        r")",
        re.IGNORECASE,
    )
    words = set(q["number_words"]) | set(q["scales"])
    for phrase in list(q["vague"]) + list(q["exact"]):
        words |= set(phrase.lower().split())
    words -= {"a", "of", "or", "so"}
    return {
        "word": word,
        "word_number": words_number,
        "quantity": quantity,
        "number": re.compile(rf"(?<![\w-]){number}(?![\w-])", re.IGNORECASE),
        "not_after": re.compile("(?:" + "|".join(q["not_counts_after"]) + ")", re.IGNORECASE),
        "not_before": re.compile("(?:" + "|".join(q["not_counts_before"]) + ")$", re.IGNORECASE),
        "screen": re.compile(r"\d|\b(?:" + lexicon.phrases_body(words) + r")\b", re.IGNORECASE),
    }


def may_hold_number(text: str) -> bool:
    """A cheap first test: a digit or a number word."""
    return patterns()["screen"].search(text) is not None


_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """The value of a number written in digits, words or both; None if it is not one.

    >>> [parse_number(t) for t in ["21", "1,200", "twenty-one", "two dozen", "a dozen", "1.5 million",
    ...                             "three hundred and five", "seven"]]
    [21.0, 1200.0, 21.0, 24.0, 12.0, 1500000.0, 305.0, 7.0]
    """
    q = quantities()
    words, scales = q["number_words"], q["scales"]
    total, current, seen = 0.0, 0.0, False
    for token in _TOKEN.findall(text.lower()):
        if token[0].isdigit():
            if seen:
                return None
            current, seen = float(token.replace(",", "")), True
        elif token in words:
            value = words[token]
            after_scale = current > 0 and current % 100 == 0
            after_tens = current % 100 >= 20 and current % 10 == 0 and value < 10
            if seen and not (after_scale or after_tens):
                return None
            current, seen = current + value, True
        elif token in scales:
            current = (current if seen else 1.0) * scales[token]
            seen = True
            if scales[token] >= 1000:
                total, current = total + current, 0.0
        elif token in {"a", "an", "and"}:
            continue
        else:
            return None
    return total + current if seen else None


def _bounds(modifier: str | None, n: float) -> tuple[float, float, str]:
    """Interval and canonical modifier of "<modifier> n" (see data/quantities.yaml)."""
    if not modifier:
        return n, n, ""
    q = quantities()
    key = " ".join(modifier.lower().replace("’", "'").split())
    for canonical, entry in q["modifiers"].items():
        if key in [" ".join(p.lower().split()) for p in entry["phrases"]]:
            band = max(1.0, math.ceil(q["approximate_share"] * n))
            rule = {"n": n, "n+1": n + 1, "n-1": n - 1, "n-band": max(0.0, n - band), "n+band": n + band, None: NAN}
            return rule[entry["low"]], rule[entry["high"]], canonical
    return n, n, ""


def fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _vague_interval(phrase: str) -> tuple[float, float, str]:
    key = " ".join(phrase.lower().split())
    for canonical, (low, high) in quantities()["vague"].items():
        if canonical == key:
            return float(low), NAN if high is None else float(high), canonical
    return NAN, NAN, key


def q_scales() -> dict[str, float]:
    return quantities()["scales"]


def _fraction_value(phrase: str) -> float:
    key = " ".join(phrase.lower().replace("-", " ").split())
    return float(quantities()["fractions"][key])


def _exact_value(phrase: str) -> float:
    key = " ".join(phrase.lower().split())
    return float(quantities()["exact"].get(key, NAN))


def _masked(text: str) -> list[tuple[int, int]]:
    if not _DIGIT.search(text):  # every mask holds a digit
        return []
    return [m.span() for m in _MASKS.finditer(text)]


def _is_year(body: str) -> bool:
    """Four digits between 1800 and 2100 are a year, not a count ("in 2011")."""
    return body.isdigit() and len(body) == 4 and 1800 <= int(body) <= 2100


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def number_phrases(text: str) -> list[Phrase]:
    """The quantity phrases of one sentence, in order, with their intervals."""
    return list(_number_phrases(text))


@lru_cache(maxsize=1 << 16)  # the divergence stage asks again for every row of a phrase ("21", "dozens")
def _number_phrases(text: str) -> tuple[Phrase, ...]:
    r = patterns()
    masks = _masked(text)
    phrases = []
    for m in r["quantity"].finditer(text):
        mod = m["mod"]
        if r["not_after"].match(text, m.end()) or r["not_before"].search(text[max(0, m.start() - 20) : m.start()]):
            continue
        if m["vague"]:
            low, high, canonical = _vague_interval(m["vague"])
            if mod:  # "more than a few": keep the vague interval, say the modifier
                canonical = f"{mod.lower()} {canonical}"
            phrases.append(Phrase(m.start(), m.end(), canonical, low, high, "vague"))
            continue
        if m["fraction"]:  # "a quarter of a million", "half a million"
            n = float(round(_fraction_value(m["fraction"]) * q_scales()[m["of_scale"].lower()]))
            low, high, canonical = _bounds(mod, n)
            phrases.append(Phrase(m.start(), m.end(), f"{canonical} {fmt(n)}".strip(), low, high, "number"))
            continue
        if m["exact"]:
            n = _exact_value(m["exact"])
            low, high, canonical = _bounds(mod, n)
            phrases.append(Phrase(m.start(), m.end(), f"{canonical} {fmt(n)}".strip(), low, high, "number"))
            continue
        body = m["range"] or m["num"]
        start = m.start("range") if m["range"] else m.start("num")
        if overlaps((start, m.end()), masks) or r["not_before"].search(text[max(0, m.start() - 20) : m.start()]):
            continue
        if m["range"]:
            parts = re.split(r"\s*(?:\band\b|-|–|\bto\b|\bor\b)\s*", re.sub(r"^between\s+", "", body, flags=re.I))
            values = [parse_number(p) for p in parts if p.strip()]
            # "rose from 18 to 21" is a change, not a range: two numbers
            change = re.search(r"\bfrom\s*$", text[:start], re.IGNORECASE)
            years = any(_is_year(p.strip()) for p in parts)  # "from 3.4 million in 2011 to 1.5 million"
            if len(values) != 2 or None in values or values[0] >= values[1] or change or years:
                for part in r["number"].finditer(text, start, m.end()):
                    n = parse_number(part.group())
                    if n is not None and not _is_year(part.group()):
                        phrases.append(Phrase(part.start(), part.end(), fmt(n), n, n, "number"))
                continue
            low, high = values
            phrases.append(Phrase(m.start(), m.end(), f"{fmt(low)}-{fmt(high)}", low, high, "number"))
            continue
        n = parse_number(body)
        if n is None:
            continue
        if not mod and _is_year(body):
            continue
        end = m.end()
        if not mod and text[end : end + 1] == "+" and body[-1:].isdigit():  # "20+ killed": at least 20
            mod, end = "at least", end + 1
        low, high, canonical = _bounds(mod, n)
        value = f"{canonical} {fmt(n)}".strip()
        phrases.append(Phrase(m.start(), end, value, low, high, "number"))
    return tuple(phrases)


