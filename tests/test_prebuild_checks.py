"""What a chapter needs of a pack beyond its tables' schemas, said before any notebook runs
(the broken packs in tests/fixtures/broken/ show each message as validate prints it)."""

from __future__ import annotations

import pytest

from evidencebook.analysis import prices
from evidencebook.analysis.pack import load_chapter
from evidencebook.chapters import pa, registry
from evidencebook.chapters.pa import checks as pa_checks


@pytest.mark.parametrize("chapter", ["pa", "edge", "willow", "surgeries", "fit", "volunteers"])
def test_the_default_pack_has_everything_each_chapter_needs(chapter):
    assert registry.chapter_problems(chapter, load_chapter(chapter), {}) == []


def test_the_pa_caseload_months_are_parameters():
    tables = pa.load()
    p = pa.Parameters(caseload_start="2016-03", caseload_end="2016-09", mc_runs=200)
    assert pa_checks.problems(tables, p) == []
    result = pa.compute(tables, p)  # few Monte Carlo draws: the months are what is checked
    assert result.charts["caseload_chart"].title == (
        "Change in team caseloads, March 2016 to September 2016"
    )
    assert "from March 2016 to September 2016" in result.text["caseloads"]
    default = pa.compute(tables, pa.Parameters(mc_runs=200))
    assert default.charts["caseload_chart"].title == (
        "Change in team caseloads, April 2015 to June 2016"
    )


def test_pa_months_the_data_lack_are_named_with_the_months_it_has():
    tables = pa.load()
    [problem] = pa_checks.problems(tables, pa.Parameters(caseload_end="2017-01"))
    assert (problem.file, problem.column) == ("team_caseloads.csv", "month")
    assert "caseloads for 'Hampshire' in 2017-01" in problem.expected
    assert "'2015-04', '2016-03', '2016-06', '2016-09'" in problem.expected


def test_a_row_a_strand_reads_is_named_when_missing():
    tables = load_chapter("edge")
    counts = tables["edge_counts"]
    tables["edge_counts"] = counts[counts["measure"] != "teams"]
    [problem] = registry.chapter_problems("edge", tables, {})
    assert str(problem) == (
        "Edge of care (chapter edge); expected data the chapter can be built from, but "
        "edge_counts has no single row for teams"
    )


def test_price_years_the_deflators_do_not_cover():
    deflators = {"2015-16": 90.0, "2024-25": 100.0}
    values = {"price_year": "2025-26", "input_price_year": "2015-16", "sw_salary_price_year": ""}
    assert prices.uncovered_years(values, deflators) == {"price_year": "2025-26"}
    assert prices.covered_words(deflators) == (
        "a financial year the GDP deflators cover (table gdp_deflators: 2015-16 to 2024-25)"
    )
