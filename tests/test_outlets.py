"""Outlet metadata: a corpus's own outlets.yaml, the files shipped for the research datasets, and the defaults."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
import yaml

from claimdiff.datasets import DATASETS
from claimdiff.outlets import load_outlets, read_outlets_file, shipped_outlets_file

SHIPPED = resources.files("claimdiff").joinpath("data/outlets")
# The kinds documented in corpus/outlets.yaml and corpus/README.md; the shipped files use no others.
KINDS = {"state agency", "wire", "monitor", "partisan", "opposition", "foreign state", "local"}


def reports(*outlets: str) -> pd.DataFrame:
    return pd.DataFrame({"outlet": list(outlets), "text": ["..."] * len(outlets)})


def dataset_folder(tmp_path: Path, name: str) -> Path:
    """A folder that looks like ../shared/datasets/<name> to claimdiff (its name and a SOURCE.md)."""
    folder = tmp_path / "datasets" / name
    folder.mkdir(parents=True)
    (folder / "SOURCE.md").write_text("# stand-in\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["fakes", "newswcl50", "basil"])
def test_shipped_files_are_valid_outlet_files(name):
    entries = read_outlets_file(Path(str(SHIPPED.joinpath(f"{name}.yaml"))))
    assert name in DATASETS
    assert all(isinstance(entry.get("name"), str) and entry["name"] for entry in entries.values())
    assert {entry["kind"] for entry in entries.values() if "kind" in entry} <= KINDS
    assert set().union(*entries.values()) <= {"name", "kind", "country", "language", "note"}


def test_a_dataset_folder_gets_its_shipped_names_and_kinds(tmp_path):
    folder = dataset_folder(tmp_path, "fakes")
    table = load_outlets(folder, reports("sana", "reuters", "tass")).set_index("outlet")
    assert table.loc["sana", ["name", "kind", "country"]].tolist() == ["SANA", "state agency", "Syria"]
    assert table.loc["reuters", "kind"] == "wire"
    assert table.loc["tass", ["kind", "country"]].tolist() == ["foreign state", "Russia"]


def test_basil_and_newswcl50_keys_get_names(tmp_path):
    basil = load_outlets(dataset_folder(tmp_path, "basil"), reports("fox", "nyt", "hpo")).set_index("outlet")
    assert basil["name"].to_dict() == {"fox": "Fox News", "hpo": "HuffPost", "nyt": "The New York Times"}
    newswcl = load_outlets(dataset_folder(tmp_path, "newswcl50"), reports("LL", "RR")).set_index("outlet")
    assert newswcl["name"].to_dict() == {"LL": "HuffPost", "RR": "Breitbart News"}
    assert set(newswcl["kind"]) == {"unknown"}  # no kind is shipped for US outlets


def test_the_corpus_own_outlets_file_wins(tmp_path):
    folder = dataset_folder(tmp_path, "fakes")
    (folder / "outlets.yaml").write_text(yaml.safe_dump({"sana": {"name": "Mine", "kind": "local"}}), encoding="utf-8")
    table = load_outlets(folder, reports("sana", "reuters")).set_index("outlet")
    assert table.loc["sana", ["name", "kind"]].tolist() == ["Mine", "local"]
    assert table.loc["reuters", ["name", "kind"]].tolist() == ["reuters", "unknown"]  # used whole, not merged


def test_an_outlets_file_in_a_parent_folder_also_wins(tmp_path):
    folder = dataset_folder(tmp_path, "fakes")
    (tmp_path / "outlets.yaml").write_text(yaml.safe_dump({"sana": {"name": "Parent's"}}), encoding="utf-8")
    assert load_outlets(folder, reports("sana"))["name"].tolist() == ["Parent's"]


def test_an_unknown_outlet_gets_the_stable_default(tmp_path):
    folder = dataset_folder(tmp_path, "fakes")
    table = load_outlets(folder, reports("someblog", "sana", "someblog"))
    assert table.loc[1, ["outlet", "name", "kind"]].tolist() == ["someblog", "someblog", "unknown"]
    assert table.loc[1, ["country", "language", "colour"]].isna().all()
    assert table["outlet"].tolist() == ["sana", "someblog"]


def test_a_folder_named_like_a_dataset_without_source_md_gets_nothing_shipped(tmp_path):
    folder = tmp_path / "fakes"
    folder.mkdir()
    assert shipped_outlets_file(folder) is None
    assert load_outlets(folder, reports("sana"))["kind"].tolist() == ["unknown"]


@pytest.mark.dataset
def test_every_fakes_outlet_has_shipped_metadata(shared):
    from claimdiff.datasets import load_fakes

    folder = shared("datasets/fakes")
    table = load_outlets(folder, load_fakes(folder))
    assert len(table) == 15
    assert (table["name"] != table["outlet"]).all()
    assert (table["kind"] != "unknown").sum() == 13  # alaraby and nna have no kind: see data/outlets/fakes.yaml
