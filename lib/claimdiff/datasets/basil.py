"""BASIL (Fan et al. 2019): 100 events, each reported by Fox News, the New York Times and HuffPost."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from claimdiff.datasets._common import finish, require_file

# The annotators used two vocabularies for the stance of an article relative to the other two of its triplet.
_STANCE = {"liberal": "left", "conservative": "right"}

EXTRA = {"gold_event": "str", "main_event": "str", "relative_stance": "str", "article_uuid": "str"}


def _stance(annotation_file: Path) -> str | None:
    if not annotation_file.exists():
        return None
    levels = json.loads(annotation_file.read_text(encoding="utf-8")).get("article-level-annotations") or {}
    stance = levels.get("relative_stance") or None
    return _STANCE.get(stance, stance)


def load_basil(path: str | Path) -> pd.DataFrame:
    """Read the 300 BASIL articles from ``articles/<year>/<triplet-uuid>_<k>.json`` in the dataset folder ``path``.

    One row per article, with the ``schema.REPORTS`` columns and then:

    - ``gold_event`` (str): the ``triplet-uuid`` (100 triplets, one article per outlet in each);
    - ``main_event`` (str): the annotators' short description of the triplet's event;
    - ``relative_stance`` (str): ``left``/``center``/``right`` of the article within its triplet, from
      ``annotations/`` (the annotators' ``liberal``/``conservative`` are read as ``left``/``right``);
    - ``article_uuid`` (str): the article's own ``uuid`` (not unique: 4 HuffPost articles share one).

    ``id`` is the file name without ``.json`` (``<triplet-uuid>_<k>``; ``k`` does not stand for an outlet).
    ``outlet`` is ``source`` lower-cased: ``fox``, ``nyt`` or ``hpo``. ``text`` has one paragraph per line
    break, separated by a blank line, each paragraph its sentences joined by a space; sentences are stripped
    and empty ones dropped. ``raw_text`` is the same without stripping or dropping. The annotations' character
    offsets count within one sentence as stored, so locate them on the stored sentences, not on ``text``.

    >>> reports = load_basil("../shared/datasets/basil")  # doctest: +SKIP
    >>> reports.groupby("gold_event")["outlet"].agg(sorted).map(tuple).value_counts().to_dict()  # doctest: +SKIP
    {('fox', 'hpo', 'nyt'): 100}
    """
    folder = Path(path)
    articles = require_file(folder, "articles", "basil")
    rows = []
    for file in sorted(articles.glob("*/*.json")):
        article = json.loads(file.read_text(encoding="utf-8"))
        paragraphs = article.get("body-paragraphs") or []
        cleaned = (" ".join(s.strip() for s in paragraph if s.strip()) for paragraph in paragraphs)
        relative = file.relative_to(folder)
        annotation = folder / "annotations" / relative.parent.name / f"{file.stem}_ann.json"
        rows.append(
            {
                "id": file.stem,
                "outlet": (article.get("source") or "").lower() or None,
                "published": article.get("date"),
                "title": article.get("title") or None,
                "text": "\n\n".join(p for p in cleaned if p),
                "raw_text": "\n\n".join(" ".join(paragraph) for paragraph in paragraphs),
                "url": article.get("url") or None,
                "source_path": relative.as_posix(),
                "gold_event": article.get("triplet-uuid"),
                "main_event": article.get("main-event"),
                "relative_stance": _stance(annotation),
                "article_uuid": article.get("uuid"),
            }
        )
    return finish(pd.DataFrame(rows), EXTRA)
