"""load_corpus: accepted formats, rejections with reasons, and the every-record-accounted-for rule."""

import json
import warnings

import pandas as pd
import pytest

from claimdiff import CorpusError, CorpusWarning, load_corpus, schema

REPORT = "---\noutlet: {outlet}\npublished: {published}\ntitle: {title}\n---\n{body}\n"


def write(folder, name, content, encoding="utf-8"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return path


def report(outlet="wire", published="2024-04-20", title="Strikes hit Deir Ezzor", body="Ten were killed."):
    return REPORT.format(outlet=outlet, published=published, title=title, body=body)


def test_markdown_report_becomes_one_row_with_the_documented_columns(tmp_path):
    write(tmp_path, "wire/a.md", report())
    reports, rejected = load_corpus(tmp_path)
    assert list(reports.columns[: len(schema.REPORTS)]) == list(schema.REPORTS)
    assert reports.dtypes[list(schema.REPORTS)].astype(str).tolist() == [
        str(pd.Series(dtype=d).dtype) for d in schema.REPORTS.values()
    ]
    row = reports.iloc[0]
    assert (row.id, row.outlet, row.published) == ("wire/a.md", "wire", pd.Timestamp("2024-04-20"))
    assert row.text == "Strikes hit Deir Ezzor\n\nTen were killed."
    assert rejected.empty


def test_extra_front_matter_keys_are_kept_as_columns(tmp_path):
    write(tmp_path, "a.md", "---\noutlet: w\nsynthetic: true\nauthor: Ann\n---\nBody.\n")
    reports, _ = load_corpus(tmp_path)
    assert reports.loc[0, "author"] == "Ann" and bool(reports.loc[0, "synthetic"])


def test_datetime_with_offset_is_stored_as_naive_utc(tmp_path):
    write(tmp_path, "a.md", report(published="2024-04-20T11:30:00+03:00"))
    reports, _ = load_corpus(tmp_path)
    assert reports.loc[0, "published"] == pd.Timestamp("2024-04-20 08:30:00")


def test_jsonl_and_csv_rows_load_with_their_ids(tmp_path):
    rows = [{"id": "w1", "outlet": "wire", "text": "One."}, {"outlet": "wire", "text": "Two."}]
    write(tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    write(tmp_path, "table.csv", 'outlet,text,published\nblog,"Three,\nstill three.",2024-04-21\n')
    reports, rejected = load_corpus(tmp_path)
    assert sorted(reports["id"]) == ["feed.jsonl:2", "table.csv:2", "w1"]
    assert rejected.empty


def test_html_page_gives_text_title_date_and_outlet_from_its_folder(tmp_path):
    page = (
        '<html><head><title>Blast in Homs</title><meta name="author" content="Lina Haddad">'
        '<meta property="article:published_time" content="2024-04-19T10:00:00+03:00"></head><body>'
        "<nav>Home | World</nav><article><h1>Blast in Homs</h1>"
        "<p>A car bomb exploded near a market in Homs on Friday, killing four people, officials said.</p>"
        "<p>No group has claimed responsibility for the attack, which wounded eleven others.</p>"
        "</article><footer>Subscribe to our newsletter</footer></body></html>"
    )
    write(tmp_path, "valley-radio/blast.html", page)
    reports, rejected = load_corpus(tmp_path)
    row = reports.iloc[0]
    assert row.outlet == "valley-radio" and row.title == "Blast in Homs" and row.author == "Lina Haddad"
    assert row.published == pd.Timestamp("2024-04-19 07:00")  # the page's own timestamp, in UTC
    assert "killing four people" in row.text and "Subscribe" not in row.text
    assert rejected.empty


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("no-outlet.md", "---\ntitle: x\n---\nBody.\n", "no `outlet`"),
        ("empty-body.md", "---\noutlet: w\n---\n\n", "empty text"),
        ("no-front-matter.md", "Just text.\n", "no YAML front matter"),
        ("broken-yaml.md", "---\noutlet: [w\n---\nBody.\n", "not valid YAML"),
        ("list-front-matter.md", "---\n- a\n- b\n---\nBody.\n", "front matter is empty"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00", "unsupported file type '.png'"),
        ("binary.txt", b"\x00\x01\x02garbage", "binary file"),
        ("wrong-columns.csv", "source,body\nw,Text\n", "CSV header lacks outlet, text"),
        ("chrome-only.md", "---\noutlet: w\n---\nNotify of\nNewest Most Voted\nnice\n", "no text left"),
    ],
)
def test_malformed_file_is_rejected_with_its_reason(tmp_path, name, content, reason):
    write(tmp_path, name, content)
    write(tmp_path, "good.md", report())
    reports, rejected = load_corpus(tmp_path)
    assert list(reports["id"]) == ["good.md"]
    assert rejected["source_path"].tolist() == [name]
    assert reason in rejected.loc[0, "reason"]


def test_broken_jsonl_line_is_rejected_with_its_line_number_and_the_rest_load(tmp_path):
    write(tmp_path, "feed.jsonl", '{"outlet": "w", "text": "One."}\n{"outlet": "w", "text": \n[1, 2]\n')
    reports, rejected = load_corpus(tmp_path)
    assert len(reports) == 1
    assert rejected["line"].tolist() == [2, 3]
    assert "not valid JSON" in rejected.loc[0, "reason"]


def test_unreadable_date_keeps_the_report_without_a_date_and_warns(tmp_path):
    write(tmp_path, "a.md", report(published="12/04-ish"))
    with pytest.warns(CorpusWarning, match="use an ISO date|Use an ISO date"):
        reports, _ = load_corpus(tmp_path)
    assert pd.isna(reports.loc[0, "published"])


def test_duplicate_ids_stop_loading_with_both_sources_named(tmp_path):
    write(tmp_path, "a.md", "---\noutlet: w\nid: same\n---\nOne.\n")
    write(tmp_path, "b.md", "---\noutlet: w\nid: same\n---\nTwo.\n")
    with pytest.raises(CorpusError, match=r"'same'.*a\.md.*b\.md"):
        load_corpus(tmp_path)


def test_identical_texts_are_kept_and_the_later_one_points_to_the_first(tmp_path):
    write(tmp_path, "a.md", report(outlet="wire"))
    write(tmp_path, "b.md", report(outlet="blog"))
    reports, _ = load_corpus(tmp_path)
    assert reports.set_index("id")["duplicate_of"].fillna("").to_dict() == {"a.md": "", "b.md": "a.md"}


def test_legacy_encoding_is_decoded_with_a_warning(tmp_path):
    body = "Le ministère a déclaré que les frappes ont touché des caches près de Palmyre, à l'est de Homs."
    write(tmp_path, "a.md", report(body=body), encoding="cp1252")
    with pytest.warns(CorpusWarning, match="not UTF-8"):
        reports, _ = load_corpus(tmp_path)
    assert "ministère" in reports.loc[0, "text"]


def test_metadata_files_and_hidden_files_are_not_reports(tmp_path):
    write(tmp_path, "outlets.yaml", "w: {name: W}\n")
    write(tmp_path, "gold.yaml", "events: []\n")
    write(tmp_path, "README.md", "# About\n")
    write(tmp_path, ".ipynb_checkpoints/a.md", report())
    write(tmp_path, "a.md", report())
    reports, rejected = load_corpus(tmp_path)
    assert list(reports["id"]) == ["a.md"] and rejected.empty


def test_outlet_boilerplate_repeated_across_reports_is_removed(tmp_path):
    for n in range(3):
        write(tmp_path, f"{n}.md", report(outlet="blog", body=f"Story number {n} is told.\n\nBlog: news you trust"))
    reports, _ = load_corpus(tmp_path)
    assert not reports["text"].str.contains("news you trust").any()


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")


def test_empty_folder_gives_empty_tables_with_the_columns(tmp_path):
    reports, rejected = load_corpus(tmp_path)
    assert reports.empty and list(reports.columns) == list(schema.REPORTS)
    assert rejected.empty and list(rejected.columns) == list(schema.REJECTED)


def test_every_record_lands_in_reports_or_rejected(tmp_path):
    write(tmp_path, "feed.jsonl", '{"outlet": "w", "text": "One."}\n{"text": "no outlet"}\nnot json\n')
    write(tmp_path, "a.md", report())
    write(tmp_path, "b.md", "no front matter")
    write(tmp_path, "c.doc", "x")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reports, rejected = load_corpus(tmp_path)
    assert len(reports) + len(rejected) == 6


@pytest.mark.dataset
def test_a_research_dataset_folder_is_read_with_its_own_loader(shared):
    reports, rejected = load_corpus(shared("datasets/fakes"))
    assert len(reports) == 804 and reports["outlet"].nunique() == 15 and rejected.empty
