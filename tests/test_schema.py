"""The schema registry names every table a stage hands on, and require() says in one line what a wrong table lacks."""

import functools
import importlib
import pkgutil

import pandas as pd
import pytest
from conftest import DEMO

import claimdiff
from claimdiff import schema
from claimdiff.embed import Embedder
from claimdiff.pipeline import run_pipeline
from claimdiff.schema import TABLES, SchemaError, require, schema_of

DTYPES = {"str", "int64", "Int64", "float64", "boolean", "bool", "datetime64[ns]"}


@pytest.mark.parametrize("name", list(TABLES))
def test_every_registered_table_has_a_schema_and_a_function_that_makes_it(name):
    columns = schema_of(name)
    assert columns and set(columns.values()) <= DTYPES
    functions = {attribute for module in _claimdiff_modules() for attribute in vars(module)}
    assert TABLES[name].made_by in functions


@functools.cache
def _claimdiff_modules():
    package = claimdiff.__path__
    return [importlib.import_module(info.name) for info in pkgutil.walk_packages(package, "claimdiff.")
            if not info.name.endswith("__main__")]


def test_the_tables_of_the_demo_run_meet_their_schemas():
    results = run_pipeline(DEMO, Embedder()).tables()
    checked = [name for name in results if name in TABLES]
    for name in checked:
        assert require(results[name], name, "test") is results[name]
        assert list(results[name].columns[: len(schema_of(name))]) == list(schema_of(name)), name
    assert set(checked) == {"reports", "rejected", "sentences", "assignments", "events", "claims", "details",
                            "divergence"}


def test_a_table_without_the_columns_gives_one_line_naming_stage_table_missing_columns_and_the_cure():
    details = schema.empty(schema_of("details")).drop(columns=["value", "subject"])
    with pytest.raises(SchemaError) as caught:
        require(details, "details", "compare_details")
    message = str(caught.value)
    assert message.startswith("compare_details: the details table lacks subject, value (it has: report_id, ")
    assert message.endswith("): pass the table extract_details returns") and "\n" not in message


def test_a_stage_can_ask_only_for_the_columns_it_reads():
    reports = pd.DataFrame({"id": ["a"], "published": pd.to_datetime(["2024-04-18"]), "text": ["Ten killed."]})
    assert require(reports, "reports", "cluster_events", columns=["id", "published", "text"]) is reports
    with pytest.raises(SchemaError, match=r"cluster_events: the reports table lacks outlet \(it has: id, published"):
        require(reports, "reports", "cluster_events", columns=["id", "outlet", "text"])


def test_schema_errors_are_value_errors_and_name_what_was_passed_instead_of_a_table():
    with pytest.raises(ValueError, match="the claims table is a tuple, not a DataFrame: pass the table align_claims"):
        require((pd.DataFrame(), pd.DataFrame()), "claims", "compare_details")


def test_a_long_list_of_columns_is_shortened():
    wide = pd.DataFrame(columns=[f"c{i}" for i in range(30)])
    with pytest.raises(SchemaError, match=r"\(it has: c0, c1, .*, c11 and 18 more\)"):
        require(wide, "sentences", "extract_details")
    with pytest.raises(SchemaError, match=r"\(it has: no columns\)"):
        require(pd.DataFrame(), "sentences", "extract_details")


def test_mistakes_in_the_call_itself_are_not_schema_errors():
    with pytest.raises(KeyError, match="no table called 'detail'; the tables are: reports, "):
        require(pd.DataFrame(), "detail", "compare_details")
    with pytest.raises(ValueError, match="compare_details: colour are not columns of the details table") as caught:
        require(pd.DataFrame(), "details", "compare_details", columns=["colour"])
    assert not isinstance(caught.value, SchemaError)
