"""The shared shape of a chapter: its result and its declared parameters."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import nbformat
import pandas as pd
import pytest

from evidencebook.analysis.chapter import ChapterParameters, ChapterResult, param
from evidencebook.building import build


@dataclass(frozen=True)
class Example(ChapterParameters):
    salary: float = param(30000.0, "Annual salary, GBP. Source: Appendix 4")
    runs: int = param(10, "Draws. Source: book's choice")
    year: str = param("2015-16", "Price year. Source: report")


def test_cell_lists_each_parameter_with_its_type_default_and_meaning():
    lines = Example.cell().splitlines()
    assert lines[0].startswith('data_dir: str = ""  # ')
    assert lines[1:] == [
        "salary: float = 30000.0  # Annual salary, GBP. Source: Appendix 4",
        "runs: int = 10  # Draws. Source: book's choice",
        "year: str = '2015-16'  # Price year. Source: report",
    ]


def test_from_values_keeps_defaults_for_names_not_given_and_ignores_others():
    p = Example.from_values({"salary": 45000.0, "other_chapter": 1})
    assert p == Example(salary=45000.0)
    assert p.values() == {"salary": 45000.0, "runs": 10, "year": "2015-16"}


def test_result_reads_and_refuses_unknown_keys():
    r = ChapterResult("x")
    r.add_figures({"x.a": 1.5}, source="Table 1")
    r.add_table("t", pd.DataFrame({"A": [1]}))
    assert r["x.a"] == 1.5 and r.figures["x.a"].source == "Table 1"
    assert r.values() == {"x.a": 1.5}
    assert "evb-table" in r.tables["t"].html()
    with pytest.raises(KeyError, match="no chart, table or text called 'nope'"):
        r.show("nope")
    r.optional_keys.add("nope")
    r.show("nope")  # a part with no data for this pack shows nothing


def test_a_group_shows_each_of_its_charts_and_an_empty_one_nothing(monkeypatch):
    from evidencebook.analysis import charts as shared_charts
    from evidencebook.analysis.chapter import Chart

    shown = []
    monkeypatch.setattr(shared_charts, "show", lambda fig, desc, data: shown.append(desc))
    result = ChapterResult("x")
    frame = pd.DataFrame({"a": [1]})
    result.add_group("per_area", [Chart(f"x:{a}", a, object(), a, frame) for a in ("A", "B")])
    result.add_group("none", [])
    result.add(None)
    result.add_charts([None, Chart("c", "C", object(), "C", frame)])
    assert result.groups == {"per_area": ["x:A", "x:B"], "none": []}
    result.show("per_area")
    result.show("none")
    result.show("x:B")
    result.show("c")
    assert shown == ["A", "B", "B", "C"]
    with pytest.raises(KeyError):
        result.show("nothing")
    shown.clear()
    result.show("c", "none", "per_area")  # several keys: each in turn, in the order given
    assert shown == ["C", "A", "B"]


def chapters_with_declarations() -> list[str]:
    found = []
    for chapter in build.chapter_notebooks():
        try:
            module = importlib.import_module(f"evidencebook.chapters.{chapter}.parameters")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "Parameters"):
            found.append(chapter)
    return found


@pytest.mark.parametrize("chapter", chapters_with_declarations())
def test_notebook_parameters_cell_is_generated_from_the_declaration(chapter):
    module = importlib.import_module(f"evidencebook.chapters.{chapter}.parameters")
    nb = nbformat.read(build.chapter_notebooks()[chapter], as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert cell.source.strip() == module.Parameters.cell(), (
        f"the parameters cell of notebooks/{chapter}.ipynb differs from "
        f"evidencebook/chapters/{chapter}/parameters.py: paste Parameters.cell() into it"
    )


def test_steps_are_shown_in_pounds_with_headers_in_words():
    from evidencebook.analysis.chapter import steps_shown

    steps = pd.DataFrame({"step": ["Salary"], "how": ["parameter x"], "gbp": [1234.5]})
    shown = steps_shown(steps, "gbp", "GBP a year")
    assert shown.to_dict("records") == [
        {"Step": "Salary", "How it is worked out": "parameter x", "GBP a year": "£1,234.50"}
    ]
    assert steps_shown(steps, "gbp", "GBP", lambda v: "c")["GBP"].tolist() == ["c"]


def test_the_report_check_formats_the_books_values(monkeypatch):
    from evidencebook.analysis import chapter, figures

    compared = pd.DataFrame(
        {
            "id": ["x.a", "x.b"],
            "what": ["A", "B"],
            "unit": ["GBP", "text"],
            "report": ["1,000", "8/12"],
            "book": [1000.0, "8/12"],
            "check": ["exact", "not recomputed"],
            "where": ["Table 1", "p. 2"],
            "kind": ["derived", "input"],
        }
    )
    monkeypatch.setattr(figures, "compare", lambda figs, prefix: compared.copy())
    table = chapter.report_check({}, "x", chapter.two_decimals_or_text)
    assert list(table.columns) == chapter.CHECK_COLUMNS
    assert table["book"].tolist() == ["1,000.00", "8/12"]
