"""HTML versions of figures, for notebooks: ``IPython.display.HTML(claim_side_by_side_html(...))``.

Every piece of text from the corpus is escaped; styles are inline (notebook front ends drop ``<style>`` blocks);
links are kept only for http(s) URLs.

>>> claims = pd.DataFrame({"claim_id": [0], "report_id": ["a"], "sent_idx": [0], "outlet": ["x"],
...                        "text": ["<b>21</b> killed"]})
>>> details = pd.DataFrame({"report_id": ["a"], "sent_idx": [0], "kind": ["count"], "subject": ["killed"],
...                         "value": ["21"], "text": ["21"], "start": [3], "end": [5]})
>>> reports = pd.DataFrame({"id": ["a"], "text": ["<b>21</b> killed"]})
>>> "&lt;b&gt;<mark" in claim_side_by_side_html(claims, details, reports, 0)
True
"""

from __future__ import annotations

import html

import pandas as pd

from .layout import outlet_names, outlet_order
from .side_by_side import KIND_COLOURS, KIND_NAMES, highlight_spans, kind_colour
from .style import outlet_colours


def claim_side_by_side_html(
    claims: pd.DataFrame,
    details: pd.DataFrame,
    reports: pd.DataFrame,
    claim_id: int,
    outlets: pd.DataFrame | None = None,
    only_diverging: bool = True,
) -> str:
    """The HTML of :func:`claim_side_by_side`: a table with one row per sentence and ``<mark>`` spans whose
    colour is the kind of detail and whose tooltip says kind, subject and value. Same inputs, same spans."""
    table = highlight_spans(claims, details, reports, claim_id, only_diverging)
    if table.empty:
        return f'<p style="color:#666">No sentences in claim group {html.escape(str(claim_id))}.</p>'
    outlets = outlets if outlets is not None else pd.DataFrame({"outlet": [], "name": []})
    names = outlet_names(outlets)
    colours = outlet_colours(outlets) if len(outlets) else {}
    sentences = table[table["mark"] == "sentence"]
    rank = {o: i for i, o in enumerate(outlet_order(outlets, sentences["outlet"]))}
    sentences = sentences.assign(_rank=sentences["outlet"].map(rank)).sort_values("_rank", kind="stable")
    highlights = table[table["mark"] == "highlight"]

    kinds = [k for k in KIND_COLOURS if k in set(highlights["kind"])]
    kinds += sorted(set(highlights["kind"]) - set(kinds))
    parts = ['<div class="claimdiff-side-by-side" style="font-family:sans-serif;font-size:13px;line-height:1.5">']
    if kinds:
        key = " ".join(_mark(KIND_NAMES.get(kind, kind), kind, f"highlighted: {kind}") for kind in kinds)
        parts.append(f'<div style="margin-bottom:4px;color:#555">Outlets differ in: {key}</div>')
    parts.append('<table style="border-collapse:collapse">')
    for s in sentences.itertuples():
        mine = highlights[(highlights["report_id"] == s.report_id) & (highlights["sent_idx"] == s.sent_idx)]
        name = html.escape(names.get(s.outlet, s.outlet))
        url = s.url if isinstance(s.url, str) and s.url.lower().startswith(("http://", "https://")) else None
        if url:
            name = f'<a href="{html.escape(url, quote=True)}">{name}</a>'
        when = s.published.strftime("%Y-%m-%d %H:%M") if not pd.isna(s.published) else "undated"
        if s.superseded:
            when += " (earlier)"
        bar = colours.get(s.outlet, "#BBBBBB")
        parts.append(
            f'<tr style="border-top:1px solid #eee"><td style="vertical-align:top;padding:4px 10px 4px 6px;'
            f'border-left:4px solid {bar};white-space:nowrap"><b>{name}</b><br>'
            f'<span style="color:#666;font-size:11px">{html.escape(when)} · {html.escape(str(s.report_id))}'
            f"#{int(s.sent_idx)}</span></td>"
            f'<td style="vertical-align:top;padding:4px 6px">{_highlighted(s.text, mine)}</td></tr>'
        )
    parts.append("</table></div>")
    return "\n".join(parts)


def _highlighted(sentence: str, spans: pd.DataFrame) -> str:
    """``sentence`` escaped, with each span wrapped in ``<mark>``; overlapping spans: the inner one is marked
    inside the outer."""
    opens: dict[int, list] = {}
    closes: dict[int, int] = {}
    # Outer spans open first and close last, so the tags nest properly; a span crossing another is cut short.
    taken: list[tuple[int, int]] = []
    for span in sorted(spans.itertuples(), key=lambda s: (s.start, s.start - s.end)):
        start, end = int(span.start), int(span.end)
        for a, b in taken:
            if a < start < b < end:  # crosses an open span: stop where that one stops
                end = b
        if start >= end:
            continue
        taken.append((start, end))
        title = f"{span.kind}: {span.subject} = {span.value}"
        opens.setdefault(start, []).append((end, span.kind, title))
        closes[end] = closes.get(end, 0) + 1
    out = []
    for i, char in enumerate(sentence + "\0"):
        out.extend("</mark>" for _ in range(closes.get(i, 0)))
        for _, kind, title in sorted(opens.get(i, []), key=lambda o: -o[0]):
            out.append(_open_mark(kind, title))
        if i < len(sentence):
            out.append(html.escape(char))
    return "".join(out)


def _open_mark(kind: str, title: str) -> str:
    return (f'<mark style="background:{kind_colour(kind)};padding:0 2px;border-radius:2px" '
            f'title="{html.escape(str(title), quote=True)}">')


def _mark(text: str, kind: str, title: str) -> str:
    return _open_mark(kind, title) + html.escape(text) + "</mark>"
