"""A headline without the site's name: scraped titles often end, or open, with the name of the site, set off by a
bar or a dash ("Israeli attack on Syria military camp kills three | Jordan Times", "... - Region - World - Ahram
Online", "National News Agency - ..."); that name is no part of what the outlet says about the event.

>>> without_site_name("Raids on Syria market kill 21 | Jordan Times", "jordantimes")
'Raids on Syria market kill 21'
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
MAX_SECTION_WORDS = 2  # a site's section name before its name ("- Middle East - Site")
# A site's name set off from the headline ("... kills three | Jordan Times", "National News Agency - Blast in Homs").
_SEPARATOR = re.compile(r"\s+[|\-–—]\s+")


def without_site_name(title: str, outlet: str) -> str:
    """``title`` without the name of the site set off at its end or start ("... | Jordan Times", "National News
    Agency - ..."): a part that names ``outlet`` (its letters, or its initials, are the outlet's).

    >>> without_site_name("Israeli attack kills three | Jordan Times", "jordantimes")
    'Israeli attack kills three'
    >>> without_site_name("Rebels kill 45 in 2 days - Region - World - Ahram Online", "ahram")
    'Rebels kill 45 in 2 days'
    >>> without_site_name("National News Agency - Blast in Damascus", "nna")
    'Blast in Damascus'
    >>> without_site_name("Truce holds - monitor", "ahram")
    'Truce holds - monitor'
    """
    separators = list(_SEPARATOR.finditer(title))
    if not separators:
        return title
    if _names(title[separators[-1].end():], outlet):
        end = separators.pop().start()
        # the site's sections before its name ("... - Region - World - Ahram Online"): short parts of a few words
        while separators and len(_WORD.findall(title[separators[-1].end():end])) <= MAX_SECTION_WORDS:
            end = separators.pop().start()
        return title[:end].strip()
    if _names(title[: separators[0].start()], outlet):
        return title[separators[0].end():].strip()
    return title


def _names(part: str, outlet: str) -> bool:
    """Does ``part`` name ``outlet``: some of its words run together ("Ahram Online": ahram, "Daily Sabah":
    dailysabah), or the initials of all ("National News Agency": nna)?"""
    words = _WORD.findall(part.lower())
    name = "".join(_WORD.findall(outlet.lower()))
    if not words or not name:
        return False
    runs = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    return name in runs or "".join(w[0] for w in words) == name
