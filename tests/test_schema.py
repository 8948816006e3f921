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


def _demo_tables():
    """Small hand-made tables with the columns each stage reads."""
    reports = pd.DataFrame({"id": ["a", "b"], "outlet": ["wire", "blog"],
                            "published": pd.to_datetime(["2024-04-19", "2024-04-19"]),
                            "text": ["ISIS killed 21 soldiers near Palmyra.", "ISIS killed 18 soldiers near Palmyra."]})
    sentences = pd.DataFrame({"report_id": ["a", "b"], "sent_idx": [0, 0], "text": reports["text"], "start": [0, 0],
                              "end": reports["text"].str.len()})
    claims = pd.DataFrame({"claim_id": [0, 0], "event_id": [0, 0], "report_id": ["a", "b"], "sent_idx": [0, 0],
                           "outlet": ["wire", "blog"], "text": reports["text"], "similarity": [.9, .9]})
    return reports, sentences, claims


def _stage_calls():
    """(stage, call with one table lacking a column, that table, the column): every stage checks what it reads."""
    from claimdiff import framing
    from claimdiff.claims import align_claims
    from claimdiff.details import extract_details
    from claimdiff.divergence import compare_details
    from claimdiff.events import EventClusterer, cluster_events
    from claimdiff.sentences import split_sentences

    reports, sentences, claims = _demo_tables()
    details = extract_details(reports, sentences)
    assignments = pd.DataFrame({"report_id": ["a", "b"], "event_id": [0, 0]})
    outlets = pd.DataFrame({"outlet": ["wire", "blog"], "kind": ["agency", "blog"]})
    no = {"id": reports.drop(columns="id"), "text": reports.drop(columns="text"),
          "outlet": reports.drop(columns="outlet"), "published": reports.drop(columns="published")}
    return [
        ("split_sentences", lambda: split_sentences(no["text"]), "reports", "text"),
        ("cluster_events", lambda: cluster_events(no["id"]), "reports", "id"),
        ("cluster_events", lambda: cluster_events(reports, sentences.drop(columns="start")), "sentences", "start"),
        ("EventClusterer.fit", lambda: EventClusterer().fit(no["text"]), "reports", "text"),
        ("EventClusterer.fit", lambda: EventClusterer().fit_predict(reports, sentences.drop(columns="sent_idx")),
         "sentences", "sent_idx"),
        ("extract_details", lambda: extract_details(reports, sentences.drop(columns="report_id")), "sentences",
         "report_id"),
        ("extract_details", lambda: extract_details(no["id"], sentences), "reports", "id"),
        ("compare_details", lambda: compare_details(reports, claims.drop(columns="outlet"), details), "claims",
         "outlet"),
        ("compare_details", lambda: compare_details(reports, claims, details.drop(columns="kind")), "details", "kind"),
        ("compare_details", lambda: compare_details(no["published"], claims, details), "reports", "published"),
        ("label_table", lambda: framing.label_table(details.drop(columns="subject"), reports), "details", "subject"),
        ("label_mentions", lambda: framing.label_mentions(details, no["outlet"]), "reports", "outlet"),
        ("log_odds", lambda: framing.log_odds(no["text"], assignments), "reports", "text"),
        ("log_odds", lambda: framing.log_odds(reports, assignments.drop(columns="event_id")), "assignments",
         "event_id"),
        ("framing_tables", lambda: framing.framing_tables(reports, details.drop(columns="value"), outlets,
                                                          assignments), "details", "value"),
        ("framing_tables", lambda: framing.framing_tables(no["outlet"], details, outlets, assignments), "reports",
         "outlet"),
        ("align_claims", lambda: align_claims(no["outlet"], sentences, assignments, None), "reports", "outlet"),
        ("align_claims", lambda: align_claims(reports, sentences, assignments.drop(columns="event_id"), None),
         "assignments", "event_id"),
    ]


STAGE_CASES = 18


@pytest.mark.parametrize("case", range(STAGE_CASES))
def test_every_stage_names_itself_the_table_and_the_missing_column_when_given_a_wrong_table(case):
    cases = _stage_calls()
    assert len(cases) == STAGE_CASES
    stage, call, table, column = cases[case]
    with pytest.raises(SchemaError) as caught:
        call()
    message = str(caught.value)
    assert message.startswith(f"{stage}: the {table} table lacks {column} (it has: ") and "\n" not in message


def test_the_small_tables_the_stage_checks_are_tried_with_are_accepted_as_they_are():
    from claimdiff import framing
    from claimdiff.details import extract_details
    from claimdiff.divergence import compare_details
    from claimdiff.events import cluster_events

    reports, sentences, claims = _demo_tables()
    details = extract_details(reports, sentences)
    assert set(details["kind"]) >= {"count", "actor"}
    assignments, _ = cluster_events(reports, sentences)
    assert not compare_details(reports, claims, details).empty
    tables = framing.framing_tables(reports, details, pd.DataFrame({"outlet": ["wire", "blog"], "kind": ["a", "b"]}),
                                    assignments)
    assert set(tables) == {"labels-by-outlet", "labels-by-kind", "log-odds-by-outlet", "log-odds-by-kind"}
