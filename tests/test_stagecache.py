"""The stage cache gives back what the stage computed, and computes afresh when anything it depends on changes."""

import json
import os
import warnings

import pandas as pd
import pytest
from conftest import DEMO

import claimdiff
from claimdiff import stagecache, stagestore
from claimdiff.details import extract_details
from claimdiff.embed import Embedder, HashingModel
from claimdiff.events import cluster_events
from claimdiff.pipeline import run_pipeline
from claimdiff.stagecache import cached_stage, use_cache_dir

REPORTS = pd.DataFrame({
    "id": ["a", "b", "c"], "outlet": ["sana", "afp", "sana"],
    "published": pd.to_datetime(["2024-04-18", "2024-04-18", "2024-04-23"]),
    "text": ["ISIS gunmen ambushed a bus near Sukhnah on Thursday, killing 21 soldiers.",
             "Gunmen from ISIS killed 21 soldiers in an ambush on a bus near Sukhnah.",
             "Damascus raised the price of octane 95 gasoline to 14,700 pounds."],
})


@pytest.fixture
def counted(tmp_path):
    """A cached stage that counts how often it really runs, with its cache in a fresh folder."""
    calls = []

    @cached_stage("counted")
    def stage(reports: pd.DataFrame, embedder=None, threshold: float = 0.5, **settings) -> pd.DataFrame:
        calls.append(threshold)
        warnings.warn(f"{len(reports)} reports", UserWarning, stacklevel=2)
        return reports.assign(n=len(calls))

    with use_cache_dir(tmp_path):
        yield stage, calls


def test_a_second_call_reads_the_result_back_and_repeats_its_warnings(counted):
    stage, calls = counted
    with pytest.warns(UserWarning, match="3 reports"):
        first = stage(REPORTS)
    with pytest.warns(UserWarning, match="3 reports"):
        again = stage(REPORTS.copy())
    assert calls == [0.5]
    pd.testing.assert_frame_equal(first, again)


def test_a_changed_report_gives_a_fresh_result(counted):
    stage, calls = counted
    changed = REPORTS.copy()
    changed.loc[1, "text"] = changed.loc[1, "text"].replace("21", "22")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stage(REPORTS), stage(changed), stage(REPORTS.iloc[[1, 0, 2]]), stage(REPORTS.drop(columns="outlet"))
    assert len(calls) == 4


def test_a_changed_setting_or_embedder_gives_a_fresh_result(counted, tmp_path):
    stage, calls = counted
    one = Embedder(HashingModel(dim=8), model_id="hashing-8", cache_dir=tmp_path)
    other = Embedder(HashingModel(dim=16), model_id="hashing-16", cache_dir=tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(2):
            stage(REPORTS), stage(REPORTS, threshold=0.6), stage(REPORTS, window=3), stage(REPORTS, one)
            stage(REPORTS, other), stage(REPORTS, None, 0.5)
    assert calls == [0.5, 0.6, 0.5, 0.5, 0.5]


def test_an_embedder_without_a_cache_folder_is_never_cached(counted):
    stage, calls = counted
    embedder = Embedder(HashingModel(dim=8), model_id="hashing-8", cache_dir=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stage(REPORTS, embedder), stage(REPORTS, embedder)
    assert len(calls) == 2


def test_a_changed_library_file_gives_a_fresh_key(counted, monkeypatch):
    stage, calls = counted
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stage(REPORTS)
        monkeypatch.setattr(stagecache, "library_fingerprint", lambda: "another version of claimdiff")
        stage(REPORTS)
    assert len(calls) == 2


def _flip_a_byte(entry):
    table = entry / "table-0.parquet"
    data = bytearray(table.read_bytes())
    data[len(data) // 2] ^= 1
    table.write_bytes(bytes(data))


def _name_another_class(entry, name):
    manifest = json.loads((entry / "entry.json").read_text())
    manifest["warnings"][0]["category"] = name
    (entry / "entry.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize("damage", [
    _flip_a_byte,
    lambda entry: (entry / "table-0.parquet").write_bytes((entry / "table-0.parquet").read_bytes()[:100]),
    lambda entry: (entry / "table-0.parquet").unlink(),
    lambda entry: (entry / "entry.json").unlink(),
    lambda entry: (entry / "entry.json").write_text('{"format": 2, "result": '),
    lambda entry: _name_another_class(entry, "subprocess:Popen"),  # not imported here, and not a warning
    lambda entry: _name_another_class(entry, "os:system"),
], ids=["changed byte", "truncated table", "missing table", "missing entry", "cut entry", "popen", "os.system"])
def test_a_damaged_entry_is_computed_again_and_replaced(counted, tmp_path, damage):
    stage, calls = counted
    with pytest.warns(UserWarning, match="3 reports"):
        stage(REPORTS)
    (entry,) = (tmp_path / "stages").glob("counted-*")
    damage(entry)
    with pytest.warns(UserWarning, match="3 reports"), pytest.warns(RuntimeWarning, match="unreadable.*computing"):
        assert stage(REPORTS)["n"].tolist() == [2, 2, 2]
    with pytest.warns(UserWarning, match="3 reports"):
        assert stage(REPORTS)["n"].tolist() == [2, 2, 2]  # the replaced entry is read back
    assert len(calls) == 2 and [p.name for p in (tmp_path / "stages").iterdir()] == [entry.name]


def test_entries_are_parquet_and_json_and_old_pickles_go(counted, tmp_path):
    stage, _ = counted
    (tmp_path / "stages").mkdir()
    (tmp_path / "stages" / "counted-0123.pkl").write_bytes(b"an entry of the earlier format")
    with pytest.warns(UserWarning):
        stage(REPORTS)
    (entry,) = (tmp_path / "stages").iterdir()
    assert sorted(p.name for p in entry.iterdir()) == ["entry.json", "table-0.parquet"]
    assert pd.read_parquet(entry / "table-0.parquet")["n"].tolist() == [1, 1, 1]
    assert json.loads((entry / "entry.json").read_text())["warnings"][0]["category"] == "builtins:UserWarning"


def test_a_result_parquet_cannot_give_back_exactly_is_computed_each_time(tmp_path):
    calls = []

    @cached_stage("lists")
    def stage(table: pd.DataFrame) -> pd.DataFrame:
        calls.append(1)
        return table.assign(words=table["text"].str.split())

    with use_cache_dir(tmp_path):
        first, again = stage(REPORTS), stage(REPORTS)
    assert isinstance(again["words"].iloc[0], list) and len(calls) == 2
    assert not (tmp_path / "stages").exists() or not list((tmp_path / "stages").iterdir())
    pd.testing.assert_frame_equal(first, again)


def test_off_when_CLAIMDIFF_STAGE_CACHE_is_0(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMDIFF_STAGE_CACHE", "0")
    assert stagecache.cache_folder() is None
    monkeypatch.setenv("CLAIMDIFF_STAGE_CACHE", "1")
    monkeypatch.setenv("CLAIMDIFF_CACHE", str(tmp_path))
    assert stagecache.cache_folder() == tmp_path / "stages"


def test_the_stage_cache_and_the_embedding_cache_share_one_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMDIFF_STAGE_CACHE", "1")
    monkeypatch.setenv("CLAIMDIFF_CACHE", str(tmp_path))
    embedder = Embedder(HashingModel(dim=8), model_id="hashing-8")
    assert embedder.cache_path_.parent == tmp_path == stagecache.cache_folder().parent


def test_cached_stages_give_what_they_compute(tmp_path):
    sentences = claimdiff.split_sentences(REPORTS)
    with use_cache_dir(tmp_path):
        computed = cluster_events(REPORTS, sentences), extract_details(REPORTS, sentences)
        read_back = cluster_events(REPORTS, sentences), extract_details(REPORTS, sentences)
        assert len(list((tmp_path / "stages").iterdir())) == 2
        changed = REPORTS.assign(published=REPORTS["published"] + pd.Timedelta(days=7))
        moved = extract_details(changed, claimdiff.split_sentences(changed))
    for a, b in zip([*computed[0], computed[1]], [*read_back[0], read_back[1]], strict=True):
        pd.testing.assert_frame_equal(a, b)
    thursday = moved[moved["text"] == "Thursday"]["value"].tolist()
    assert thursday == ["2024-04-25"] and computed[1].query("text == 'Thursday'")["value"].tolist() == ["2024-04-18"]


def test_a_path_counts_by_the_content_of_its_files(tmp_path):
    calls = []

    @cached_stage("reader", paths=("path",))
    def read(path) -> str:
        calls.append(path)
        return "".join(p.read_text() for p in sorted(path.iterdir()))

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("ten killed")
    with use_cache_dir(tmp_path / "cache"):
        assert read(folder) == read(folder) == "ten killed"
        (folder / "a.txt").write_text("twelve killed")
        assert read(folder) == "twelve killed"
        (folder / "b.txt").write_text(", three injured")
        assert read(folder) == "twelve killed, three injured"
        with pytest.raises(FileNotFoundError):
            read(tmp_path / "missing")  # not cached: the function says what is wrong
    assert len(calls) == 4


def test_a_corpus_read_back_gives_its_warnings_again_and_an_edit_reads_it_afresh(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sana").mkdir(parents=True)
    report = corpus / "sana" / "a.md"
    report.write_text("---\noutlet: sana\npublished: 12/04\n---\nTen soldiers were killed near Palmyra.\n")
    with use_cache_dir(tmp_path / "cache"):
        with pytest.warns(claimdiff.CorpusWarning, match="12/04"):
            first = claimdiff.load_corpus(corpus)
        with pytest.warns(claimdiff.CorpusWarning, match="12/04"):
            again = claimdiff.load_corpus(corpus)
        report.write_text("---\noutlet: sana\npublished: 2024-04-12\n---\nTwelve soldiers were killed near Palmyra.\n")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            edited = claimdiff.load_corpus(corpus)
    pd.testing.assert_frame_equal(first.reports, again.reports)
    assert type(again) is claimdiff.Corpus
    assert edited.reports["text"].str.contains("Twelve").all()


def test_results_unused_for_a_month_go_when_another_is_written(counted, tmp_path):
    stage, calls = counted
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stage(REPORTS)
        (old,) = (tmp_path / "stages").glob("counted-*")
        month_ago = old.stat().st_mtime - 31 * 86400
        os.utime(old, (month_ago, month_ago))
        stage(REPORTS)  # read back: in use again
        assert old.stat().st_mtime > month_ago
        os.utime(old, (month_ago, month_ago))
        stage(REPORTS, threshold=0.7)
    assert not old.exists() and len(list((tmp_path / "stages").glob("counted-*"))) == 1


def test_every_stage_of_the_demo_reads_back_exactly_as_computed(tmp_path, monkeypatch):
    found = []

    def read(entry):
        stored = real_read(entry)
        found.append(stored is not None)
        return stored

    real_read = stagestore.read
    monkeypatch.setattr(stagestore, "read", read)
    embedder = Embedder()  # the usual embedding cache: the demo is embedded there already
    with use_cache_dir(tmp_path):
        computed = run_pipeline(DEMO, embedder).tables()
        again = run_pipeline(DEMO, embedder).tables()
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "stages").iterdir()) == \
        ["claims", "corpus", "details", "divergence", "events"]
    for name, table in computed.items():
        pd.testing.assert_frame_equal(table, again[name], check_exact=True, obj=name)
        assert table.dtypes.equals(again[name].dtypes)
    dtypes = {str(t) for table in again.values() for t in table.dtypes}
    assert {"str", "int64", "Int64", "boolean", "float64", "datetime64[ns]"} <= dtypes
    assert found == [False] * 5 + [True] * 5  # the second run read every entry the first wrote
