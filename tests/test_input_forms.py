"""A researcher's own corpus in the forms researchers have it: plain text folders, tables with their own column
names, DataFrames, news-database exports (Nexis Uni / LexisNexis, Factiva) and PDFs; one-line reports."""

import json
import warnings

import pandas as pd
import pytest
from export_fixtures import (
    ARTICLES,
    factiva_article_format_lines,
    lexisnexis_lines,
    nexis_uni_lines,
    write_docx,
    write_factiva_html,
    write_factiva_rtf,
    write_pdf,
    write_rtf,
)

from claimdiff import CorpusError, load_corpus
from claimdiff.cli import main
from claimdiff.pipeline import run_pipeline

BODY = "Ten people were killed in Homs on Tuesday, the army said. Activists said the toll was higher."


def load(path, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reports, rejected = load_corpus(path, **options)
    return reports, rejected, " | ".join(str(w.message) for w in caught)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Plain text files.

def test_plain_text_in_an_outlet_folder_takes_outlet_title_and_published_line(tmp_path):
    write(tmp_path / "reuters" / "homs.txt", f"Blast in Homs\nPublished: 20 April 2024 11:30\n\n{BODY}\n")
    write(tmp_path / "reuters" / "aleppo.md", "# Drones over Aleppo\n\nALEPPO, April 21, 2024 (Reuters) - "
          "Air defences shot down three drones, the army said.\n")
    reports, rejected, _ = load(tmp_path)
    assert rejected.empty
    rows = reports.set_index("source_path")
    assert rows.loc["reuters/homs.txt", "outlet"] == "reuters"
    assert rows.loc["reuters/homs.txt", "title"] == "Blast in Homs"
    assert rows.loc["reuters/homs.txt", "published"] == pd.Timestamp("2024-04-20 11:30")
    assert rows.loc["reuters/homs.txt", "text"] == f"Blast in Homs\n\n{BODY}"  # the date line is not text
    assert rows.loc["reuters/aleppo.md", "title"] == "Drones over Aleppo"
    assert rows.loc["reuters/aleppo.md", "published"] == pd.Timestamp("2024-04-21")
    assert rows.loc["reuters/aleppo.md", "text"].startswith("Drones over Aleppo\n\nALEPPO, April 21")


def test_plain_text_without_a_date_is_kept_with_a_warning(tmp_path):
    write(tmp_path / "blog" / "a.txt", f"Strikes reported\n{BODY}\n")
    reports, rejected, messages = load(tmp_path)
    assert rejected.empty and pd.isna(reports.loc[0, "published"])
    assert "blog/a.txt: no date found" in messages


def test_plain_text_at_the_corpus_root_needs_an_outlet(tmp_path):
    write(tmp_path / "a.txt", f"Strikes reported\n{BODY}\n")
    _, rejected, _ = load(tmp_path)
    assert "no YAML front matter" in rejected.loc[0, "reason"] and "--outlet" in rejected.loc[0, "reason"]
    reports, rejected, _ = load(tmp_path, outlet="wire")
    assert rejected.empty and reports.loc[0, "outlet"] == "wire"


def test_outlet_option_wins_over_the_folder_but_not_over_front_matter(tmp_path):
    write(tmp_path / "inbox" / "a.txt", f"Strikes reported\n{BODY}\n")
    write(tmp_path / "inbox" / "b.md", f"---\noutlet: sna\n---\n{BODY}\n")
    reports, _, _ = load(tmp_path, outlet="reuters")
    assert reports.set_index("source_path")["outlet"].to_dict() == {"inbox/a.txt": "reuters", "inbox/b.md": "sna"}


# Tables with their own column names.

def test_a_csv_with_its_own_column_names_is_read_through_a_mapping(tmp_path):
    write(tmp_path / "t.csv", f'headline,body,source,date\nBlast in Homs,"{BODY}",reuters,2024-04-20\n')
    _, rejected, _ = load(tmp_path)
    assert "CSV header lacks outlet, text" in rejected.loc[0, "reason"]
    assert "--columns text=body,outlet=source" in rejected.loc[0, "reason"]
    reports, rejected, _ = load(tmp_path, columns="text=body,outlet=source,published=date,title=headline")
    assert rejected.empty
    row = reports.iloc[0]
    assert (row.outlet, row.title, row.published) == ("reuters", "Blast in Homs", pd.Timestamp("2024-04-20"))
    assert row.text == f"Blast in Homs\n\n{BODY}"


def test_a_mapping_naming_a_missing_column_rejects_the_file_with_the_header(tmp_path):
    write(tmp_path / "t.csv", f'headline,body\nBlast,"{BODY}"\n')
    _, rejected, _ = load(tmp_path, columns={"text": "content", "outlet": "source"})
    assert "names content, source, which the CSV header does not have (it has: headline, body)" in (
        rejected.loc[0, "reason"])


def test_a_jsonl_with_its_own_keys_is_read_through_a_mapping(tmp_path):
    write(tmp_path / "f.jsonl", json.dumps({"body": BODY, "source": "wire", "headline": "Blast"}) + "\n")
    reports, rejected, _ = load(tmp_path, columns={"text": "body", "outlet": "source", "title": "headline"})
    assert rejected.empty and reports.loc[0, "title"] == "Blast" and reports.loc[0, "outlet"] == "wire"


def test_a_media_cloud_export_is_recognised_by_its_header(tmp_path):
    write(tmp_path / "mc.csv", "id,title,url,publish_date,media_name,language,text\n"
          f'1,Blast in Homs,https://example.org/a,2024-04-20 11:30:00,example.org,en,"{BODY}"\n')
    reports, rejected, messages = load(tmp_path)
    assert rejected.empty
    assert "mc.csv: read as a Media Cloud table (media_name -> outlet, publish_date -> published)" in messages
    row = reports.iloc[0]
    assert (row.id, row.outlet, row.published) == ("1", "example.org", pd.Timestamp("2024-04-20 11:30"))


def test_a_media_cloud_export_without_text_says_where_to_get_it(tmp_path):
    write(tmp_path / "mc.csv", "id,title,url,publish_date,media_name\n1,Blast,https://example.org/a,2024-04-20,ex\n")
    _, rejected, _ = load(tmp_path)
    assert "CSV header lacks text" in rejected.loc[0, "reason"] and "claimdiff fetch" in rejected.loc[0, "reason"]


def test_a_fakes_layout_is_recognised_and_its_dates_read_month_first(tmp_path):
    write(tmp_path / "fk.csv", "unit_id,article_title,article_content,source,date,location,labels\n"
          f'7,Blast in Homs,"{BODY}",nna,4/5/2017,homs,1\n')
    reports, rejected, messages = load(tmp_path)
    assert rejected.empty and "read as a FA-KES table" in messages
    assert reports.loc[0, "published"] == pd.Timestamp("2017-04-05") and reports.loc[0, "outlet"] == "nna"


@pytest.mark.parametrize(("dayfirst", "expected"), [(True, "2024-05-04"), (None, None)])
def test_dayfirst_reads_numeric_dates_day_first_and_without_it_they_are_not_guessed(tmp_path, dayfirst, expected):
    write(tmp_path / "t.csv", f'outlet,text,published\nwire,"{BODY}",04/05/2024\n')
    reports, _, messages = load(tmp_path, dayfirst=dayfirst)
    if expected:
        assert reports.loc[0, "published"] == pd.Timestamp(expected) and "day/month" not in messages
    else:
        assert pd.isna(reports.loc[0, "published"]) and "--dayfirst" in messages


# DataFrames.

def test_a_dataframe_is_a_corpus_with_its_rows_checked(tmp_path):
    frame = pd.DataFrame({"headline": ["Blast", "Nothing"], "body": [BODY, None], "source": ["wire", "blog"],
                          "date": [pd.Timestamp("2024-04-20"), pd.NaT]})
    reports, rejected, _ = load(frame, columns={"text": "body", "outlet": "source", "title": "headline",
                                                "published": "date"})
    assert reports["id"].tolist() == ["dataframe:1"] and reports.loc[0, "published"] == pd.Timestamp("2024-04-20")
    assert rejected[["source_path", "line"]].values.tolist() == [["dataframe", 2]]
    assert "empty text" in rejected.loc[0, "reason"]


def test_a_dataframe_without_the_columns_is_a_clear_error():
    with pytest.raises(CorpusError, match=r"DataFrame header lacks outlet, text.*columns=\{'text': 'body'"):
        load_corpus(pd.DataFrame({"body": [BODY]}))


def test_run_pipeline_takes_a_dataframe():
    frame = pd.DataFrame({"outlet": ["wire", "blog"], "text": [BODY, "Five were killed in Hama, the army said."],
                          "published": ["2024-04-20", "2024-04-21"]})
    results = run_pipeline(frame)
    assert len(results.reports) == 2 and set(results.outlets["outlet"]) == {"wire", "blog"}


# News-database exports.

def check_articles(reports, source_path):
    reports = reports[reports["source_path"] == source_path].reset_index(drop=True)
    assert len(reports) == len(ARTICLES)
    for row, article in zip(reports.itertuples(), ARTICLES, strict=True):
        assert row.title == article.title and row.outlet == article.source
        assert row.published == pd.Timestamp(" ".join(article.date.split()[:3]))
        assert row.text == "\n\n".join([article.title, *article.paragraphs])
        assert (row.author if isinstance(row.author, str) else None) == article.byline
    return reports


@pytest.mark.parametrize("gap_after_cover", [True, False])
def test_a_nexis_uni_docx_with_three_articles_gives_three_reports(tmp_path, gap_after_cover):
    lines = [line for line in nexis_uni_lines() if line or gap_after_cover]
    write_docx(tmp_path / "exports" / "nexis.docx", lines)
    reports, rejected, _ = load(tmp_path)
    assert rejected.empty
    reports = check_articles(reports, "exports/nexis.docx")
    # each report's line (and so its id) is the paragraph of its headline
    assert reports["id"].tolist() == [f"exports/nexis.docx:{lines.index(a.title) + 1}" for a in ARTICLES]
    assert set(reports["export"]) == {"Nexis Uni"} and reports.loc[0, "section"] == "WORLD; Version:1"
    assert not reports["text"].str.contains("Load-Date|Classification|End of Document|Search Terms").any()


@pytest.mark.parametrize("layout", ["nexis uni", "lexisnexis"])
def test_a_lexisnexis_rtf_gives_one_report_per_article(tmp_path, layout):
    lines = nexis_uni_lines() if layout == "nexis uni" else lexisnexis_lines()
    write_rtf(tmp_path / "ln.rtf", lines)
    reports, rejected, _ = load(tmp_path)
    assert rejected.empty
    check_articles(reports, "ln.rtf")


@pytest.mark.parametrize("indexing", [True, False])
def test_a_factiva_rtf_gives_one_report_per_article(tmp_path, indexing):
    if indexing:
        write_factiva_rtf(tmp_path / "factiva.rtf")
    else:
        write_rtf(tmp_path / "factiva.rtf", factiva_article_format_lines())
    reports, rejected, _ = load(tmp_path)
    assert rejected.empty
    reports = check_articles(reports, "factiva.rtf")
    assert reports["id"].tolist() == [article.accession for article in ARTICLES]


@pytest.mark.parametrize("indexing", [True, False])
def test_a_factiva_html_export_gives_one_report_per_article(tmp_path, indexing):
    write_factiva_html(tmp_path / "factiva.html", indexing=indexing)
    reports, rejected, _ = load(tmp_path)
    assert rejected.empty
    reports = check_articles(reports, "factiva.html")
    assert reports["id"].tolist() == [article.accession for article in ARTICLES]


def test_an_export_article_without_a_date_is_kept_with_a_warning(tmp_path):
    lines = [line for line in nexis_uni_lines() if line != ARTICLES[1].date]
    write_docx(tmp_path / "nexis.docx", lines)
    reports, rejected, messages = load(tmp_path)
    assert rejected.empty and reports["published"].isna().sum() == 1
    assert "no date found in this Nexis Uni article" in messages


def test_an_export_with_no_recognisable_articles_is_rejected_with_the_settings_to_use(tmp_path):
    write_docx(tmp_path / "notes.docx", ["My notes", "Nothing exported here."])
    write_rtf(tmp_path / "notes.rtf", ["My notes"])
    _, rejected, _ = load(tmp_path)
    assert len(rejected) == 2
    assert rejected["reason"].str.contains("no Nexis Uni, LexisNexis or Factiva articles found").all()


def test_a_text_pdf_is_one_report_and_a_pdf_without_text_is_rejected(tmp_path):
    write_pdf(tmp_path / "wire" / "homs.pdf", ["Blast in Homs kills four", "Published: 20 April 2024",
                                               "A car bomb exploded near a market in Homs on Friday, killing",
                                               "four people, officials said. No group has claimed it."])
    write_pdf(tmp_path / "wire" / "blank.pdf", [])
    reports, rejected, _ = load(tmp_path)
    row = reports.iloc[0]
    assert (row.outlet, row.title, row.published) == ("wire", "Blast in Homs kills four", pd.Timestamp("2024-04-20"))
    assert "Friday, killing four people, officials said." in row.text
    assert rejected["source_path"].tolist() == ["wire/blank.pdf"] and "no text" in rejected.loc[0, "reason"]


# One-line reports.

def test_a_one_line_report_whose_text_is_its_headline_is_kept(tmp_path):
    write(tmp_path / "alerts.jsonl", json.dumps({"outlet": "wire", "title": "BREAKING: Blast in Homs",
                                                 "text": "BREAKING: Blast in Homs"}) + "\n")
    write(tmp_path / "wire" / "alert.txt", "Explosion heard in Homs\n")
    reports, rejected, _ = load(tmp_path)
    assert rejected.empty
    assert sorted(reports["text"]) == ["BREAKING: Blast in Homs", "Explosion heard in Homs"]


# The command line.

def test_the_command_line_reads_a_mapped_csv_with_day_first_dates(tmp_path, monkeypatch):
    write(tmp_path / "mine" / "t.csv", f'headline,body,source,date\nBlast,"{BODY}",wire,04/05/2024\n')
    monkeypatch.chdir(tmp_path)
    assert main(["corpus", "mine", "--columns", "text=body,outlet=source,published=date,title=headline",
                 "--dayfirst"]) == 0
    reports = pd.read_csv(tmp_path / "claimdiff-out" / "mine" / "reports.csv")
    assert reports.loc[0, "published"] == "2024-05-04"


def test_the_command_line_gives_its_version(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0 and capsys.readouterr().out.startswith("claimdiff ")


def test_a_file_where_a_csv_stage_needs_a_file_name_is_fine_and_a_folder_is_an_error(tmp_path, capsys):
    write(tmp_path / "c" / "wire" / "a.txt", f"Blast\n{BODY}\n")
    (tmp_path / "out").mkdir()
    assert main(["sentences", str(tmp_path / "c"), "--out", str(tmp_path / "out")]) == 2
    assert "is a folder: give --out a file" in capsys.readouterr().err


@pytest.mark.dataset
def test_no_ecbplus_document_is_lost_when_its_first_line_is_its_title(shared, tmp_path):
    from claimdiff.datasets import DATASETS

    documents = DATASETS["ecbplus"](shared("datasets/ecbplus"))
    with open(tmp_path / "ecbplus.jsonl", "w", encoding="utf-8") as file:
        for row in documents.itertuples():
            file.write(json.dumps({"id": row.id, "outlet": row.outlet, "title": row.text.split("\n")[0],
                                   "text": row.text}) + "\n")
    reports, rejected, _ = load(tmp_path)
    one_line = documents["text"].str.count("\n") == 0
    assert one_line.sum() >= 50  # the one-sentence documents this test is about
    assert rejected.empty and len(reports) == len(documents)


def test_a_lexisnexis_text_export_is_split_like_its_rtf(tmp_path):
    write(tmp_path / "ln.txt", "\n".join(lexisnexis_lines()))
    reports, rejected, _ = load(tmp_path)
    assert rejected.empty
    check_articles(reports, "ln.txt")
