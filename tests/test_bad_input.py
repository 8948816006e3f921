"""Bad input, kind by kind, through the loader and the command line: a clear error or a recorded rejection with its
reason, never a traceback, never a silent drop. And, for any mix of files: records in = reports + rejected.

Each case puts its files beside one good report (good.md). It expects one of:
- "rejected": the bad record is in `rejected` with a reason that says what to do, and good.md still loads;
- "loaded": the record loads (with the check given, and the warning given, if any);
- "error": loading stops with a CorpusError naming the file (the command line: one line, exit code 2).
"""

import csv
import io
import json
import string
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdiff import CorpusError, load_corpus, split_sentences
from claimdiff.cli import main
from claimdiff.gold import gold_events

GOOD = "---\noutlet: wire\npublished: 2024-04-20\n---\nTen people were killed in Homs on Tuesday, the army said.\n"
BODY = "Ten people were killed in Homs on Tuesday, the army said. Activists said the toll was higher."


def md(body=BODY, **front):
    front = {"outlet": "blog", **front}
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in front.items()) + "---\n" + body + "\n"


def fifty_megabytes(folder: Path) -> None:
    with open(folder / "huge.md", "w", encoding="utf-8") as file:
        file.write(md(body=""))
        line = BODY + "\n"
        for _ in range(50_000_000 // len(line) + 1):
            file.write(line)


@dataclass
class Case:
    files: dict | Callable[[Path], None]
    outcome: str  # "rejected" | "loaded" | "error"
    detail: str  # rejected: part of the reason; error: part of the message; loaded: part of the warning ("" none)
    check: Callable[[pd.Series], bool] | None = None  # loaded: a test on the report's row
    source: str = ""  # the file named in the rejection, when not the only file given
    extra: dict = field(default_factory=dict)


def row_of(reports, source):
    return reports.set_index("source_path").loc[source]


CASES = {
    "empty file": Case({"a.md": ""}, "rejected", "empty file"),
    "white space only": Case({"a.txt": " \n\t\n"}, "rejected", "empty file"),
    "binary file": Case({"a.txt": b"\x00\x01\x02\x03binary"}, "rejected", "binary file"),
    "image with another extension": Case({"photo.png": b"\x89PNG\r\n\x1a\n\x00\x00"}, "rejected",
                                         "unsupported file type '.png': use one of"),
    "damaged Word document": Case({"report.docx": b"PK\x03\x04"}, "rejected",
                                  "cannot be read as a Word (.docx) file (PackageNotFoundError"),
    "old Word document": Case({"report.doc": b"\xd0\xcf\x11\xe0"}, "rejected", "unsupported file type '.doc'"),
    "invalid UTF-8 that is no known encoding": Case(
        {"a.md": b"---\noutlet: w\n---\n" + bytes(range(0x80, 0x100)) * 3}, "rejected", "not valid UTF-8"),
    "legacy encoding (cp1252)": Case(
        {"a.md": md("Le ministère a déclaré que les frappes ont touché des dépôts près de Palmyre.").encode("cp1252")},
        "loaded", "not UTF-8; read as cp1252", lambda row: "ministère" in row.text),
    "UTF-16 with a byte-order mark": Case({"a.md": md().encode("utf-16")}, "loaded", "read as UTF-16",
                                          lambda row: row.text.startswith("Ten people")),
    "old Mac line endings (CR only)": Case({"a.md": md().replace("\n", "\r")}, "loaded", "",
                                           lambda row: row.outlet == "blog"),
    "no front matter": Case({"a.md": BODY}, "rejected", "no YAML front matter: start the file with a '---' block"),
    "front matter not valid YAML": Case({"a.md": "---\noutlet: [blog\n---\nBody.\n"}, "rejected",
                                        "front matter is not valid YAML"),
    "front matter never closed": Case({"a.md": "---\noutlet: blog\nBody without the closing line.\n"}, "rejected",
                                      "not closed with '---'"),
    "no outlet": Case({"a.md": "---\ntitle: Strikes\n---\nBody.\n"}, "rejected", "no `outlet`"),
    "empty text": Case({"a.md": md(body="")}, "rejected", "empty text"),
    "only site chrome": Case({"a.md": md(body="Notify of\nNewest Most Voted\nnice")}, "rejected", "no text left"),
    "date without a year": Case({"a.md": md(published="12/04")}, "loaded", "four-digit year",
                                lambda row: pd.isna(row.published)),
    "day/month order unclear": Case({"a.md": md(published="04/05/2024")}, "loaded", "day/month or month/day",
                                    lambda row: pd.isna(row.published)),
    "a number for a date": Case({"a.md": md(published=1713600000)}, "loaded", "a number, not a date",
                                lambda row: pd.isna(row.published)),
    "words for a date": Case({"a.md": md(published="last week")}, "loaded", "not a date",
                             lambda row: pd.isna(row.published)),
    "written-out date": Case({"a.md": md(published='"20 April 2024"')}, "loaded", "",
                             lambda row: row.published == pd.Timestamp("2024-04-20")),
    "RSS-style date with offset": Case({"a.md": md(published='"Sat, 20 Apr 2024 11:30:00 +0300"')}, "loaded", "",
                                       lambda row: row.published == pd.Timestamp("2024-04-20 08:30")),
    "date in the future": Case({"a.md": md(published="2091-04-20")}, "loaded", "in the future",
                               lambda row: row.published == pd.Timestamp("2091-04-20")),
    "duplicate ids": Case({"a.md": md(id="same"), "b.md": md(body="Other text.", id="same")}, "error",
                          "duplicate report id 'same': a.md and b.md"),
    "duplicate texts": Case({"a.md": md(), "b.md": md(outlet="wire")}, "loaded", "",
                            lambda row: row.duplicate_of == "a.md", source="b.md"),
    "a 50 MB document": Case(fifty_megabytes, "rejected", "over the limit of 10 MB", source="huge.md"),
    "HTML page saved as .txt": Case({"page.txt": "<!DOCTYPE html><html><body><p>Ten killed.</p></body></html>"},
                                    "rejected", "rename it to .html"),
    "HTML page inside front matter": Case(
        {"a.md": md("<html><body><nav>Home | World</nav><article><p>" + BODY + "</p></article></body></html>")},
        "loaded", "its article text was extracted", lambda row: "<" not in row.text and "Ten people" in row.text),
    "control characters": Case({"a.md": md("Ten\x07 people\x1b were killed.\x0bThe army\x7f said so.")}, "loaded",
                               "", lambda row: row.text == "Ten people were killed.\nThe army said so."
                               and "\x07" in row.raw_text),
    "an extremely long line": Case({"a.md": md(" ".join([BODY] * 2000))}, "loaded", "",
                                   lambda row: len(row.text) > 180_000),
    "non-English text (French)": Case(
        {"a.md": md("Le ministère de la Défense a déclaré que dix combattants ont été tués près de Palmyre samedi.")},
        "loaded", "not in English (fr: 1", lambda row: row.detected_language == "fr"),
    "non-English text (Arabic)": Case(
        {"a.md": md("قالت وزارة الدفاع إن عشرة مقاتلين قتلوا في غارات جوية قرب تدمر يوم السبت الماضي")},
        "loaded", "The default embedding model (all-MiniLM-L6-v2) is English-only",
        lambda row: row.detected_language == "ar"),
    "CSV with the wrong columns": Case({"t.csv": "source,body\nwire,Text.\n"}, "rejected",
                                       "CSV header lacks outlet, text"),
    "CSV row with too many fields": Case({"t.csv": "outlet,text\nwire,One,Two\n"}, "rejected",
                                         "row has 3 fields, the header 2"),
    "CSV row with too few fields": Case({"t.csv": "outlet,text,title\nwire,One.\n"}, "rejected",
                                        "row has 2 fields, the header 3"),
    "CSV cell over 128 KB": Case({"t.csv": 'outlet,text\nwire,"' + " ".join([BODY] * 1500) + '"\n'}, "loaded", "",
                                 lambda row: len(row.text) > 131072),
    "JSONL with a broken line": Case({"f.jsonl": '{"outlet": "w", "text": \n'}, "rejected", "not valid JSON"),
    "JSONL line that is a list": Case({"f.jsonl": "[1, 2]\n"}, "rejected", "one JSON object"),
    "JSONL text that is a list": Case({"f.jsonl": '{"outlet": "w", "text": ["a", "b"]}\n'}, "rejected",
                                      "`text` is a list, not a single value"),
    "JSONL text with a NUL character": Case({"f.jsonl": '{"outlet": "w", "text": "Ten\\u0000 were killed."}\n'},
                                            "loaded", "", lambda row: row.text == "Ten were killed."),
    "JSONL text with a line separator inside": Case(
        {"f.jsonl": json.dumps({"outlet": "w", "text": "One.\u2028Two."}, ensure_ascii=False) + "\n"}, "loaded", "",
        lambda row: row.outlet == "w"),
    "a key claimdiff fills itself": Case({"a.md": md(source_path="elsewhere.md")}, "loaded",
                                         "`source_path` is filled by claimdiff", lambda row: True),
    "HTML page that is only a menu": Case({"w/menu.html": "<html><body><nav>Home | World</nav></body></html>"},
                                          "rejected", "only 3 words of text in the HTML page"),
    "HTML page without an article": Case({"w/a.html": "<html><head><title>Home</title></head><body></body></html>"},
                                         "rejected", "no article text found"),
}


def build(folder: Path, case: Case) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    if callable(case.files):
        case.files(folder)
        return
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def source_of(case: Case) -> str:
    return case.source or next(iter(case.files))


@pytest.mark.parametrize("kind", CASES)
def test_bad_input_is_rejected_with_its_reason_or_loaded_or_a_clear_error(tmp_path, kind):
    case = CASES[kind]
    build(tmp_path, case)
    if case.outcome == "error":
        with pytest.raises(CorpusError, match=case.detail):
            load_corpus(tmp_path)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reports, rejected = load_corpus(tmp_path)
    messages = " | ".join(str(w.message) for w in caught)
    assert "good.md" in set(reports["source_path"])
    if case.outcome == "rejected":
        assert rejected["source_path"].tolist() == [source_of(case)]
        assert case.detail in rejected.loc[0, "reason"]
    else:
        assert rejected.empty, rejected.to_dict("records")
        assert case.check(row_of(reports, source_of(case)))
        assert case.detail in messages
    sentences = split_sentences(reports)
    texts = dict(zip(reports["id"], reports["text"], strict=True))
    assert all(texts[s.report_id][s.start : s.end] == s.text for s in sentences.itertuples())


# The 50 MB file is checked through the loader only, to keep the suite fast.
@pytest.mark.parametrize("kind", [kind for kind, case in CASES.items() if not callable(case.files)])
def test_the_command_line_answers_bad_input_without_a_traceback(tmp_path, kind, capsys):
    case = CASES[kind]
    build(tmp_path / "corpus", case)
    with warnings.catch_warnings(record=True) as caught:
        code = main(["corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err + " | ".join(str(w.message) for w in caught)
    assert "Traceback" not in err
    if case.outcome == "error":
        assert code == 2 and err.count("error: ") == 1 and case.detail in err
        return
    assert code == 0
    rejected = pd.read_csv(tmp_path / "out" / "rejected.csv")
    reports = pd.read_csv(tmp_path / "out" / "reports.csv")
    if case.outcome == "rejected":
        assert case.detail in rejected.loc[0, "reason"]
    else:
        assert source_of(case) in set(reports["source_path"])
        assert case.detail in err


def test_the_report_size_limit_can_be_raised_or_lowered(tmp_path):
    (tmp_path / "a.md").write_text(md(" ".join([BODY] * 100)))
    _, rejected = load_corpus(tmp_path, max_report_mb=0.005)
    assert "over the limit of 0.005 MB" in rejected.loc[0, "reason"]
    reports, _ = load_corpus(tmp_path, max_report_mb=1)
    assert len(reports) == 1


def test_the_size_limit_applies_to_each_table_row(tmp_path):
    rows = [{"outlet": "w", "text": BODY}, {"outlet": "w", "text": " ".join([BODY] * 100)}]
    (tmp_path / "f.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    reports, rejected = load_corpus(tmp_path, max_report_mb=0.005)
    assert len(reports) == 1 and rejected["line"].tolist() == [2]


# The command line on a corpus it cannot use at all.

def test_a_folder_with_nothing_loadable_is_one_error_line_and_the_reasons_are_written(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("no front matter")
    (corpus / "b.pdf").write_bytes(b"%PDF")
    reports, rejected = load_corpus(corpus)  # the library gives the tables; the command line stops with a reason
    assert reports.empty and len(rejected) == 2
    assert main(["figures", str(corpus), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "error: " in err and "none of its 2 records could be used" in err and "a.md" in err
    assert len(pd.read_csv(tmp_path / "out" / "rejected.csv")) == 2


def test_an_empty_folder_is_one_error_line(tmp_path, capsys):
    (tmp_path / "corpus").mkdir()
    assert main(["corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")]) == 2
    assert "no reports found" in capsys.readouterr().err


def test_an_output_path_that_cannot_be_written_is_one_error_line(tmp_path, capsys):
    build(tmp_path / "corpus", Case({}, "loaded", ""))
    (tmp_path / "out").write_text("a file where a folder should be")
    assert main(["corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"error: {tmp_path / 'out'} exists and is a file: give --out a folder"
    assert "Traceback" not in err


# Gold files.

def test_a_gold_file_naming_an_unknown_report_names_the_line_and_the_id(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text("events:\n  - id: E1\n    reports: [a.md]\n  - id: E2\n    reports: [good.md, a-typo.md]\n")
    with pytest.raises(CorpusError, match=r"gold\.yaml, line 5: event E2 names report 'a-typo\.md', which is not"):
        gold_events(gold, ["a.md", "good.md"])


def test_a_gold_file_with_a_report_in_two_events_or_no_events_is_an_error(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text("events:\n  - id: E1\n    reports: [a.md]\n  - id: E2\n    reports: [a.md]\n")
    with pytest.raises(CorpusError, match="in events E1 and E2"):
        gold_events(gold, ["a.md"])
    gold.write_text("divergences: []\n")
    with pytest.raises(CorpusError, match="no `events:` list"):
        gold_events(gold, ["a.md"])


def test_evaluate_events_with_a_gold_file_naming_unknown_reports_is_one_error_line(tmp_path, capsys):
    build(tmp_path / "corpus", Case({}, "loaded", ""))
    gold = tmp_path / "gold.yaml"
    gold.write_text("events:\n  - id: E1\n    reports: [good.md, missing.md]\n")
    code = main(["evaluate-events", str(tmp_path / "corpus"), "--gold", str(gold), "--out", str(tmp_path / "s.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "'missing.md', which is not in the corpus" in err and "Traceback" not in err


# Every record read ends up in exactly one of the two tables, whatever the mix of files.

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=60)
SAFE_NAME = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=6)


@st.composite
def markdown_file(draw):
    kind = draw(st.sampled_from(["ok", "no outlet", "no front matter", "broken yaml", "empty", "html"]))
    body = draw(TEXT)
    content = {
        "ok": md(body), "no outlet": f"---\ntitle: x\n---\n{body}\n", "no front matter": body or "x",
        "broken yaml": f"---\noutlet: [x\n---\n{body}\n", "empty": "",
        "html": md(f"<html><body><article><p>{body}</p></article></body></html>"),
    }[kind]
    return ".md", content.encode("utf-8"), 1


@st.composite
def jsonl_file(draw):
    lines = draw(st.lists(st.one_of(
        st.builds(lambda o, t: json.dumps({"outlet": o, "text": t}, ensure_ascii=False), SAFE_NAME, TEXT),
        st.builds(lambda t: json.dumps({"text": t}), TEXT),
        st.just('{"outlet": "w", "text": '), st.just("[1, 2]"), st.just("   "),
    ), max_size=6))
    records = sum(bool(line.strip()) for line in lines)
    return ".jsonl", "\n".join(lines).encode("utf-8"), records or 1  # a file of nothing is rejected as empty


@st.composite
def csv_file(draw):
    rows = draw(st.lists(st.tuples(SAFE_NAME, TEXT), max_size=6))
    if draw(st.booleans()):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["outlet", "text"])
        writer.writerows(rows)
        return ".csv", buffer.getvalue().encode("utf-8"), len(rows)
    return ".csv", b"source,body\nw,x\n", 1  # a wrong header: the whole file is one rejection


@st.composite
def other_file(draw):
    suffix = draw(st.sampled_from([".pdf", ".txt", ".html", ".md"]))
    return suffix, draw(st.binary(max_size=200)), 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(markdown_file(), jsonl_file(), csv_file(), other_file()), min_size=1, max_size=6))
def test_every_record_read_lands_in_reports_or_rejected(files):
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for number, (suffix, content, _) in enumerate(files):
            Path(folder, f"f{number}{suffix}").write_bytes(content)
        reports, rejected = load_corpus(folder)
    assert len(reports) + len(rejected) == sum(records for _, _, records in files)
    sentences = split_sentences(reports)
    texts = dict(zip(reports["id"], reports["text"], strict=True))
    assert all(texts[s.report_id][s.start : s.end] == s.text for s in sentences.itertuples())
