"""Changing one assumption: a ``--params`` file changes only what it names, over the pack's
``parameters.yaml`` over the declared defaults; each money input has its own price year."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidencebook import cli
from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import parameters, prices
from evidencebook.analysis.pack import load_chapter
from evidencebook.building import build
from evidencebook.chapters import assumptions, pa
from evidencebook.exceptions import ParameterError


@pytest.fixture(scope="module")
def declared():
    return build.chapter_parameters()


def _pack(tmp_path: Path, text: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "parameters.yaml").write_text(text, encoding="utf-8")
    return pack


def _checked(pack: Path, params: Path | None, declared) -> parameters.Checked:
    return parameters.check_layers(build.parameter_layers(pack, params, declared), declared)


def test_a_params_file_changes_only_what_it_names(tmp_path, declared):
    pack = _pack(tmp_path, "overhead_rate: 0.25\nrollout_posts: 30\n")
    mine = tmp_path / "mine.yaml"
    mine.write_text("sw_salary: 45000\n", encoding="utf-8")
    checked = _checked(pack, mine, declared)
    assert checked.per_chapter["pa"] == {
        "overhead_rate": 0.25,
        "rollout_posts": 30,
        "sw_salary": 45000,
    }
    assert checked.set_in == {
        "overhead_rate": "parameters.yaml",
        "rollout_posts": "parameters.yaml",
        "sw_salary": "mine.yaml",
    }
    # The later file wins where both name a value.
    mine.write_text("overhead_rate: 0.3\n", encoding="utf-8")
    checked = _checked(pack, mine, declared)
    assert checked.per_chapter["pa"]["overhead_rate"] == 0.3
    assert checked.set_in["overhead_rate"] == "mine.yaml"


def test_a_value_equal_to_its_default_is_not_recorded_as_changed(tmp_path, declared):
    pack = _pack(tmp_path, "overhead_rate: 0.2\nsw_salary: 40913\n")
    assert _checked(pack, None, declared).set_in == {}


def test_a_params_file_without_a_pack_file(tmp_path, declared):
    pack = tmp_path / "empty"
    pack.mkdir()
    mine = tmp_path / "mine.yaml"
    mine.write_text("sw_salary: 45000\n", encoding="utf-8")
    assert _checked(pack, mine, declared).set_in == {"sw_salary": "mine.yaml"}
    with pytest.raises(ParameterError, match="parameters.yaml; expected the file to exist"):
        _checked(pack, None, declared)


def test_problems_name_the_file_and_line_that_holds_them(tmp_path, declared):
    pack = _pack(tmp_path, "# pack\nsw_salary: lots\n")
    mine = tmp_path / "mine.yaml"
    mine.write_text("# mine\n\noverhead_rate: 25\n", encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        _checked(pack, mine, declared)
    found = [str(p) for p in err.value.problems]
    assert found[0].startswith("parameters.yaml, row 2, column 'sw_salary': found 'lots'")
    assert found[1].startswith(
        "mine.yaml, row 3, column 'overhead_rate': found 25; expected a number from 0 to 1, "
        "a share written as a fraction (0.2 means 20%, not 20)"
    )


def test_an_order_across_files_names_the_file_of_the_value_at_fault(tmp_path, declared):
    pack = _pack(tmp_path, "fit_mh_cost_low: 40000\n")
    mine = tmp_path / "mine.yaml"
    mine.write_text("fit_mh_cost_high: 30000\n", encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        _checked(pack, mine, declared)
    assert str(err.value.problems[0]).startswith(
        "mine.yaml, row 1, column 'fit_mh_cost_high': found 30000; expected not less than "
        "fit_mh_cost_low (40000, in parameters.yaml)"
    )


def test_check_inputs_returns_where_each_changed_value_was_set(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("sw_salary: 45000\n", encoding="utf-8")
    checked = build.check_inputs(build.resolve_pack(None), mine, build.project_root(), ["pa"])
    assert checked["pa"]["sw_salary"] == 45000
    assert checked.set_in == {"sw_salary": "mine.yaml"}


def test_validate_says_which_file_changed_each_value(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("sw_salary: 45000\n", encoding="utf-8")
    out = CliRunner().invoke(cli.app, ["validate", "--params", str(mine)])
    assert out.exit_code == 0, out.output
    said = "Parameters changed from their defaults (1):\n  sw_salary = 45000 (set in mine.yaml)"
    assert said in out.output


def test_the_assumptions_log_names_the_file_of_each_changed_value():
    values = {"sw_salary": 45000, parameters.SET_IN: {"sw_salary": "mine.yaml"}}
    log = assumptions.model.log(values).set_index("parameter")
    assert log.loc["sw_salary", "changed"] == "yes, in mine.yaml"
    assert log.loc["pa_salary", "changed"] == ""
    assert (
        assumptions.model.log({"sw_salary": 45000})
        .set_index("parameter")
        .loc["sw_salary", "changed"]
        == "yes"
    )


# --- a price year per money input ------------------------------------------------------


def test_every_money_input_has_its_price_year_declared_beside_it(declared):
    for chapter, params in declared.items():
        for name in params:
            if name in parameters.MONEY_NAMES:
                companion = params[parameters.price_year_name(name)]
                assert (companion.type, companion.default) == ("str", ""), (chapter, name)
                assert name in companion.help


def test_a_money_input_at_this_years_prices_is_moved_to_the_report_s(declared):
    deflators = load_chapter("pa")["gdp_deflators"]
    index = ap.deflator_index(deflators)
    p = pa.Parameters(sw_salary=45000.0, sw_salary_price_year="2025-26")
    moved = prices.at_input_prices(p, deflators)
    assert moved.sw_salary == pytest.approx(45000 * index["2015-16"] / index["2025-26"])
    assert moved.sw_salary_price_year == ""
    assert moved.pa_salary == p.pa_salary  # the report's own 2015-16 salary: untouched
    same = pa.Parameters()
    assert prices.at_input_prices(same, deflators) is same
    # The same on a mapping of every value (the registry's form).
    mapping = prices.at_input_prices(
        {"input_price_year": "2015-16", "sw_salary": 45000.0, "sw_salary_price_year": "2025-26"},
        deflators,
    )
    assert mapping["sw_salary"] == pytest.approx(moved.sw_salary)


#: Monte Carlo draws for the tests that compare whole chapters: their figures, not the
#: steadiness of their intervals (every figure, intervals too, is still compared).
DRAWS = 400


def test_a_salary_entered_at_this_years_prices_is_not_uprated_again():
    tables = pa.load()
    index = ap.deflator_index(tables["gdp_deflators"])
    today = pa.compute(
        tables, pa.Parameters(sw_salary=45000.0, sw_salary_price_year="2025-26", mc_runs=DRAWS)
    ).values()
    by_hand = pa.compute(
        tables,
        pa.Parameters(sw_salary=45000.0 * index["2015-16"] / index["2025-26"], mc_runs=DRAWS),
    ).values()
    assert today == pytest.approx(by_hand, nan_ok=True)
    default = pa.compute(tables, pa.Parameters(mc_runs=DRAWS)).values()
    # The report's other costs (the PA's salary) are still uprated from 2015-16.
    assert today["pa.price_factor"] == default["pa.price_factor"]


def test_a_price_year_that_is_not_a_financial_year_is_rejected(tmp_path, declared):
    pack = _pack(tmp_path, "sw_salary: 45000\nsw_salary_price_year: 2025\n")
    with pytest.raises(ParameterError) as err:
        _checked(pack, None, declared)
    assert str(err.value.problems[0]).startswith(
        "parameters.yaml, row 2, column 'sw_salary_price_year': found 2025; expected a str"
    )
    pack.joinpath("parameters.yaml").write_text("sw_salary_price_year: '2025'\n")
    with pytest.raises(ParameterError, match="a financial year written YYYY-YY, such as 2025-26"):
        _checked(pack, None, declared)


def test_the_build_tells_the_assumptions_log_which_file_set_each_value(tmp_path, monkeypatch):
    """The chapters that read every value (``parameters_json``) get, beside the values,
    the file that set each changed one; no notebook runs here."""
    import json

    mine = tmp_path / "mine.yaml"
    mine.write_text("sw_salary: 45000\n", encoding="utf-8")
    seen = {}

    class Stop(Exception):
        pass

    def capture(jobs, *args, **kwargs):
        seen.update({chapter: job[2] for chapter, job in jobs.items()})
        raise Stop

    monkeypatch.setattr(build, "_execute_all", capture)
    with pytest.raises(Stop):
        build.build(
            params_file=mine,
            out_dir=tmp_path / "out",
            work_dir=tmp_path / "work",
            chapters=["assumptions"],
            force=True,
        )
    values = json.loads(seen["assumptions"]["parameters_json"])
    assert values["sw_salary"] == 45000
    assert values[parameters.SET_IN] == {"sw_salary": "mine.yaml"}


def test_a_range_given_at_two_price_years_is_not_compared_as_written(tmp_path, declared):
    pack = _pack(
        tmp_path,
        "fit_mh_cost_low: 50000\nfit_mh_cost_low_price_year: 2025-26\n",
    )
    # 50,000 at 2025-26 prices is below the 46,133 high end at 2015-16 prices... once both
    # are at one price year; as written the two are not compared.
    assert _checked(pack, None, declared).set_in["fit_mh_cost_low"] == "parameters.yaml"


def test_a_parameters_file_is_parsed_once_and_a_changed_one_is_noticed(
    tmp_path, declared, monkeypatch
):
    """The same bytes are parsed once, and each read gets its own values; a changed file
    (even of the same size and time) is parsed again, and its problems are said each time."""
    import os

    parsed = []
    load = parameters.load
    monkeypatch.setattr(parameters, "load", lambda path: parsed.append(path) or load(path))
    pack = _pack(tmp_path, "overhead_rate: 0.25\n")
    first = build.parameter_layers(pack, None, declared)[0]
    first.values["overhead_rate"] = 0.9  # a reader changing its values changes no other's
    assert build.parameter_layers(pack, None, declared)[0].values == {"overhead_rate": 0.25}
    assert len(parsed) == 1
    path = pack / "parameters.yaml"
    stat = path.stat()
    path.write_text("overhead_rate: 0.26\n", encoding="utf-8")  # the same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same time
    assert _checked(pack, None, declared).per_chapter["pa"]["overhead_rate"] == 0.26
    path.write_text("overhead_rate: [0.26\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ParameterError, match="parameters.yaml"):
            _checked(pack, None, declared)
    assert len(parsed) == 4
