"""One claim, side by side: each outlet's sentence, with the details on which the outlets differ highlighted.

A detail (kind and subject: the toll of the killed, the place, the source cited, a hedge) is *diverging* in a claim
group when the member sentences do not all state the same values for it — one says "21", another "at least 18",
or one names a source the other leaves out. Only diverging details are highlighted, by default; a claim made by
a single outlet has all its details highlighted, having nothing to be compared with. What tells when a report was
filed or a source spoke, or where the source is (a dateline "Published April 15 2017", "the monitor said Sunday",
"a source in Aleppo said"), is no detail of the claim, as the divergence stage reads it
(:func:`claimdiff.divergence.core.without_datelines`): never highlighted.

Spans come from the details table's ``start, end`` (offsets into the report text): the sentence is found in its
report's text to turn them into offsets within the sentence, and a span whose words do not match its ``text`` is
looked up by its words instead. :func:`highlight_spans` is shared with the HTML version in :mod:`.html`.

>>> claims = pd.DataFrame({"claim_id": [0, 0], "report_id": ["a", "b"], "sent_idx": [0, 0], "outlet": ["x", "y"],
...                        "text": ["21 killed in Homs.", "18 killed in Homs."]})
>>> details = pd.DataFrame({"report_id": ["a", "b", "a", "b"], "sent_idx": 0, "kind": ["count"] * 2 + ["place"] * 2,
...     "subject": ["killed"] * 2 + ["location"] * 2, "value": ["21", "18", "Homs", "Homs"],
...     "text": ["21", "18", "Homs", "Homs"], "start": [0, 0, 13, 13], "end": [2, 2, 17, 17]})
>>> reports = pd.DataFrame({"id": ["a", "b"], "text": ["21 killed in Homs.", "18 killed in Homs."]})
>>> spans = highlight_spans(claims, details, reports, 0)
>>> spans.loc[spans["mark"] == "highlight", ["outlet", "kind", "text", "start", "end"]].values.tolist()
[['x', 'count', '21', 0, 2], ['y', 'count', '18', 0, 2]]
"""

from __future__ import annotations

import re

import pandas as pd
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path

from ..divergence.core import without_datelines
from .layout import NOTE_COLOUR, SMALL, colours_for, new_figure, nothing_to_show, outlet_names, outlet_order, wrap_label
from .style import paper_style

# Tol's "light" scheme: pale enough for dark text on top, told apart by hue and by the legend.
KIND_COLOURS = {"count": "#EEDD88", "date": "#99DDFF", "place": "#44BB99", "actor": "#FFAABB", "label": "#EE8866",
                "attribution": "#77AADD", "hedge": "#DDDDDD"}
OTHER_KIND = "#BBCC33"
# The key names each kind of detail in plain words.
KIND_NAMES = {"count": "number", "date": "date", "place": "place", "actor": "who did it or was hit",
              "label": "words used", "attribution": "source", "hedge": "hedging"}
COLUMNS = ("claim_id", "outlet", "report_id", "sent_idx", "published", "url", "mark", "kind", "subject", "value",
           "text", "start", "end", "superseded")


def highlight_spans(
    claims: pd.DataFrame, details: pd.DataFrame, reports: pd.DataFrame, claim_id: int, only_diverging: bool = True
) -> pd.DataFrame:
    """The sentences of a claim group (``mark == "sentence"``) and their detail spans (``mark == "highlight"``),
    ``start, end`` within the sentence; columns :data:`COLUMNS`."""
    members = claims[claims["claim_id"] == claim_id]
    if members.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    if {"published", "text"} <= set(reports):  # which report is earlier as the divergence stage reads it
        from ..events.datelines import corrected_publication  # here: importing the events package takes a second

        reports = corrected_publication(reports)
    info = reports.rename(columns={"id": "report_id"}).astype({"report_id": str})
    keep = [c for c in ("report_id", "published", "url", "text") if c in info]
    members = members.astype({"report_id": str}).merge(
        info[keep].rename(columns={"text": "report_text"}), on="report_id", how="left"
    )
    for column in ("published", "url", "report_text"):
        if column not in members:
            members[column] = pd.NA
    members["published"] = pd.to_datetime(members["published"])
    members = members.sort_values(["published", "report_id", "sent_idx"], kind="stable", na_position="last")
    latest = members.groupby("outlet")["published"].transform("max")
    members["superseded"] = members["published"].lt(latest).fillna(False)
    found = details.astype({"report_id": str})
    found = without_datelines(found if "role" in found else found.assign(role=None))  # older tables: no roles
    found = found.merge(members[["report_id", "sent_idx"]], on=["report_id", "sent_idx"])

    rows, spans = [], []
    for m in members.itertuples():
        base = {"claim_id": claim_id, "outlet": m.outlet, "report_id": m.report_id, "sent_idx": m.sent_idx,
                "published": m.published, "url": m.url, "superseded": m.superseded}
        rows.append({**base, "mark": "sentence", "kind": pd.NA, "subject": pd.NA, "value": pd.NA, "text": m.text,
                     "start": 0, "end": len(m.text)})
        mine = found[(found["report_id"] == m.report_id) & (found["sent_idx"] == m.sent_idx)]
        for d in mine.itertuples():
            where = _locate(m.text, m.report_text, d)
            if where is None:
                continue
            spans.append({**base, "mark": "highlight", "kind": d.kind, "subject": d.subject, "value": d.value,
                          "text": m.text[where[0]:where[1]], "start": where[0], "end": where[1]})
    spans = pd.DataFrame(spans, columns=list(COLUMNS))
    if only_diverging and members["outlet"].nunique() > 1 and len(spans):
        spans = spans[spans.apply(lambda s: (s["kind"], s["subject"]) in _diverging(members, found), axis=1)]
    table = pd.concat([pd.DataFrame(rows, columns=list(COLUMNS)), spans], ignore_index=True)
    sentence_order = {(r, s): i for i, (r, s) in enumerate(zip(members["report_id"], members["sent_idx"],
                                                              strict=True))}
    table["_order"] = [sentence_order[(r, s)] for r, s in zip(table["report_id"], table["sent_idx"], strict=True)]
    table["_mark"] = table["mark"].eq("highlight")
    table = table.sort_values(["_order", "_mark", "start", "end"], kind="stable").drop(columns=["_order", "_mark"])
    return table.astype({"start": "int64", "end": "int64"}).reset_index(drop=True)


def _locate(sentence: str, report_text, detail) -> tuple[int, int] | None:
    """``(start, end)`` of a detail within its sentence, or None if its words are not there."""
    words = getattr(detail, "text", None)
    if isinstance(report_text, str) and not pd.isna(detail.start):
        offset = report_text.rfind(sentence, 0, int(detail.start) + 1)
        if offset >= 0:
            start, end = int(detail.start) - offset, int(detail.end) - offset
            if 0 <= start < end <= len(sentence) and (not isinstance(words, str) or sentence[start:end] == words):
                return start, end
    if isinstance(words, str) and words and words in sentence:
        start = sentence.index(words)
        return start, start + len(words)
    return None


def _diverging(members: pd.DataFrame, found: pd.DataFrame) -> set:
    """(kind, subject) pairs whose values are not the same in every member sentence."""
    values = {}
    for d in found.itertuples():
        values.setdefault((d.kind, d.subject), {}).setdefault((d.report_id, d.sent_idx), set()).add(str(d.value))
    sentences = list(zip(members["report_id"], members["sent_idx"], strict=True))
    diverging = set()
    for key, by_sentence in values.items():
        stated = [frozenset(by_sentence.get(s, ())) for s in sentences]
        if len(set(stated)) > 1:
            diverging.add(key)
    return diverging


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, OTHER_KIND)


def claim_side_by_side(
    claims: pd.DataFrame,
    details: pd.DataFrame,
    reports: pd.DataFrame,
    claim_id: int,
    outlets: pd.DataFrame | None = None,
    size: str = "double",
    only_diverging: bool = True,
):
    """Each outlet's sentence of claim group ``claim_id``, wrapped, with diverging details highlighted by kind.

    - ``claims``: the CLAIMS table (``claim_id, report_id, sent_idx, outlet, text``);
    - ``details``: the details table (``report_id, sent_idx, kind, subject, value, text, start, end``);
    - ``reports``: ``id, text`` (to place the spans) and ``published, url`` (carried into the table);
    - ``outlets`` (optional): ``outlet, name, colour``, for display names and the outlet colour bar.

    One row per member sentence, outlets in the order of the outlet table, oldest first within an outlet
    ("earlier" marks a sentence the outlet later restated). ``fig.table_drawn``: the rows of
    :func:`highlight_spans`, one per sentence and one per highlighted span.
    """
    table = highlight_spans(claims, details, reports, claim_id, only_diverging)
    if table.empty:
        return nothing_to_show(size, COLUMNS, f"No sentences in claim group {claim_id}")
    outlets = outlets if outlets is not None else pd.DataFrame({"outlet": [], "name": []})
    sentences = table[table["mark"] == "sentence"]
    order = outlet_order(outlets, sentences["outlet"])
    rank = {o: i for i, o in enumerate(order)}
    sentences = sentences.assign(_rank=sentences["outlet"].map(rank)).sort_values(["_rank"], kind="stable")
    names = outlet_names(outlets)
    colours = colours_for(outlets, order)
    highlights = table[table["mark"] == "highlight"]

    fontsize = 7 if size == "double" else 6.5
    line_height = fontsize * 1.55 / 72
    label_width = 1.45 if size == "double" else 1.0
    gap = 0.1
    with paper_style():
        fig = new_figure(size, 2.0, layout=None)
        text_width = fig.get_figwidth() - label_width - gap - 0.05
        prop = FontProperties(family="DejaVu Sans", size=fontsize)

        def ink(text: str) -> float:
            return text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0]

        bars = ink("||")

        def measure(text: str) -> float:
            """Advance width in inches, spaces included (between two bars, whose ink bounds the advance), from
            the font's outlines rather than hinted pixels, as PDF and SVG set it."""
            return (ink(f"|{text}|") - bars) / 72

        kinds_present = list(dict.fromkeys(k for k in KIND_COLOURS if k in set(highlights["kind"])))
        kinds_present += sorted(set(highlights["kind"]) - set(kinds_present))
        pieces, y = [], 0.0
        if kinds_present:  # a key of the highlight colours, above the sentences
            x = label_width + gap
            pieces.append(("text", 0, y, "Outlets differ in:", None, {"color": NOTE_COLOUR}))
            for kind in kinds_present:
                name = KIND_NAMES.get(kind, kind)
                w = measure(name)
                if x + w + 0.1 > fig.get_figwidth():
                    x, y = label_width + gap, y + line_height
                pieces.append(("text", x, y, name, kind, {}))
                x += w + 0.16
            y += line_height * 1.6
        for s in sentences.itertuples():
            mine = highlights[(highlights["report_id"] == s.report_id) & (highlights["sent_idx"] == s.sent_idx)]
            lines = _wrap(s.text, mine, measure, text_width)
            top = y
            for line in lines:
                x = label_width + gap
                for run, kind in line:
                    if kind is not None:
                        pieces.append(("box", x, y, measure(run.rstrip()), kind, {}))
                    # Word by word, each at its measured place: hinting at one resolution or another then cannot
                    # add up along a line and push words into the next highlight.
                    for word in re.finditer(r"\S+", run):
                        pieces.append(("text", x + measure(run[: word.start()]), y, word.group(), None, {}))
                    x += measure(run)
                y += line_height
            name_lines = wrap_label(names.get(s.outlet, s.outlet), 24 if size == "double" else 15).split("\n")
            when = s.published.strftime("%d %b %H:%M") if not pd.isna(s.published) else "undated"
            for k, name_line in enumerate(name_lines):
                pieces.append(("label", 0.09, top + k * line_height, name_line, s.outlet, {"weight": "bold"}))
            pieces.append(("label", 0.09, top + len(name_lines) * line_height,
                           when + (" (earlier)" if s.superseded else ""), None, {"color": NOTE_COLOUR, "size": SMALL}))
            bottom = max(y, top + (len(name_lines) + 1) * line_height)
            pieces.append(("bar", 0.0, top, bottom - top - 0.03, s.outlet, {}))
            y = bottom + 0.09
        height = y + 0.02
        fig.set_figheight(height)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, fig.get_figwidth())
        ax.set_ylim(height, 0)
        ax.set_axis_off()
        pad = 0.012
        for piece in pieces:
            if piece[0] == "bar":
                _, x, top, length, outlet, _ = piece
                ax.add_patch(Rectangle((x, top + 0.01), 0.045, length, facecolor=colours[outlet], linewidth=0))
                continue
            if piece[0] == "box":
                _, x, top, w, kind, _ = piece
                ax.add_patch(Rectangle((x - pad, top + 0.004), w + 2 * pad, line_height - 0.012,
                                       facecolor=kind_colour(kind), linewidth=0, zorder=1))
                continue
            kind_of_piece, x, top, text, kind, style = piece
            if kind_of_piece == "text" and kind is not None:  # the key: a box behind the kind's name
                ax.add_patch(Rectangle((x - pad, top + 0.004), measure(text) + 2 * pad, line_height - 0.012,
                                       facecolor=kind_colour(kind), linewidth=0, zorder=1))
            ax.text(x, top + line_height * 0.5, text, fontsize=style.get("size", fontsize), va="center_baseline",
                    ha="left", color=style.get("color", "black"), weight=style.get("weight", "normal"), zorder=2)
    fig.table_drawn = table.reset_index(drop=True)
    return fig


def _wrap(sentence: str, spans: pd.DataFrame, measure, width: float) -> list[list[tuple[str, str | None]]]:
    """Lines of (run of text, kind or None), breaking between words so that no line is wider than ``width``."""
    kind_at = [None] * len(sentence)
    # Longest spans first, so a span inside another (an actor within an attribution) keeps its own colour.
    for span in sorted(spans.itertuples(), key=lambda s: s.start - s.end):
        for i in range(span.start, span.end):
            kind_at[i] = span.kind
    tokens, i = [], 0  # (text, kind): words and the spaces between them, split where the kind changes
    while i < len(sentence):
        j = i + 1
        while j < len(sentence) and kind_at[j] == kind_at[i] and sentence[j].isspace() == sentence[i].isspace():
            j += 1
        tokens.append((sentence[i:j], kind_at[i]))
        i = j
    # Break only at spaces: a word whose end is highlighted ("regime" of "regime-held") or followed by a full stop
    # stays on one line.
    words: list[list[tuple[str, str | None]]] = []
    spaces: list[str | None] = []  # the kind of the space before each word (a space inside a highlight keeps it)
    after_space, space_kind = True, None
    for text, kind in tokens:
        if text.isspace():
            after_space, space_kind = True, kind
        elif after_space or not words:
            words.append([(text, kind)])
            spaces.append(space_kind)
            after_space = False
        else:
            words[-1].append((text, kind))
    lines, line, x = [], [], 0.0
    for word, space in zip(words, spaces, strict=True):
        w = sum(measure(text) for text, _ in word)
        if line and x + measure(" ") + w > width:
            lines.append(line)
            line, x = [], 0.0
        if line:
            line.append((" ", space))
            x += measure(" ")
        line.extend(word)
        x += w
    if line:
        lines.append(line)
    return [_merge_runs(line) for line in lines]


def _merge_runs(line: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    runs = []
    for text, kind in line:
        if runs and runs[-1][1] == kind:
            runs[-1] = (runs[-1][0] + text, kind)
        else:
            runs.append((text, kind))
    return runs
