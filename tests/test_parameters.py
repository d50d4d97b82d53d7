"""Chapter parameters: documented, typed, and checked before any kernel starts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import no_warm_kernels

from evidencebook.analysis import parameters
from evidencebook.building import build
from evidencebook.exceptions import ParameterError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def chapters():
    return build.chapter_parameters()


def test_every_parameter_has_a_type_a_default_and_a_meaning(chapters):
    assert chapters, "no chapter notebooks found"
    for chapter, declared in chapters.items():
        assert "data_dir" in declared, chapter
        for p in declared.values():
            assert p.type in {"float", "int", "str", "bool"}, (chapter, p.name, p.type)
            assert p.help and len(p.help) > 15, (chapter, p.name)
            assert p.accepts(p.default), (chapter, p.name, p.default)


def test_a_shared_name_means_the_same_everywhere(chapters):
    seen: dict[str, tuple[str, parameters.Parameter]] = {}
    for chapter, declared in chapters.items():
        for p in declared.values():
            if p.name in seen:
                other_chapter, other = seen[p.name]
                assert (p.type, p.default) == (other.type, other.default), (
                    p.name,
                    chapter,
                    other_chapter,
                )
            seen[p.name] = (chapter, p)


def test_overhead_rate_is_named_and_defaulted_the_same(chapters):
    users = [c for c, d in chapters.items() if "overhead_rate" in d]
    assert "pa" in users
    for chapter in users:
        p = chapters[chapter]["overhead_rate"]
        assert (p.type, p.default) == ("float", 0.2), chapter


def test_default_pack_parameters_match_the_notebook_defaults(chapters):
    values, _ = parameters.load(ROOT / "data" / "parameters.yaml")
    declared = {
        n: p for d in chapters.values() for n, p in d.items() if n not in parameters.RESERVED
    }
    assert values == {n: p.default for n, p in declared.items()}


def test_default_pack_parameters_file_is_what_yaml_text_writes(chapters):
    text = (ROOT / "data" / "parameters.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == yaml.safe_load(parameters.yaml_text(chapters))


def test_parameter_types():
    p = parameters.Parameter("x", "float", 0.2, "a rate")
    assert p.accepts(1) and p.accepts(0.5)
    assert not p.accepts("0.2") and not p.accepts(True)
    assert parameters.Parameter("n", "int", 3, "a count").accepts(3)
    assert not parameters.Parameter("n", "int", 3, "a count").accepts(3.5)
    assert not parameters.Parameter("s", "str", "", "a name").accepts(12)


def test_unknown_names_and_wrong_types_are_all_reported_with_lines(tmp_path, chapters):
    path = tmp_path / "parameters.yaml"
    path.write_text(
        "# my pack\noverhead_rate: twenty percent\npa_salary: 25000\novehead_rate: 0.3\n"
        "data_dir: /elsewhere\n",
        encoding="utf-8",
    )
    values, lines = parameters.load(path)
    with pytest.raises(ParameterError) as err:
        parameters.check(values, chapters, path.name, lines)
    found = [str(p) for p in err.value.problems]
    assert len(found) == 3
    assert found[0].startswith(
        "parameters.yaml, row 2, column 'overhead_rate': found 'twenty percent'; expected a float"
    )
    assert found[1].startswith("parameters.yaml, row 4, column 'ovehead_rate': found 0.3;")
    assert "a known parameter" in found[1] and "overhead_rate" in found[1]
    assert found[2].startswith("parameters.yaml, row 5, column 'data_dir'")


def test_each_chapter_gets_only_its_own_parameters(chapters):
    shares = parameters.check({"overhead_rate": 0.25, "pa_salary": 26000}, chapters)
    assert shares["pa"] == {"overhead_rate": 0.25, "pa_salary": 26000}
    for chapter, share in shares.items():
        assert set(share) <= set(chapters[chapter])


def test_bad_yaml_is_a_parameter_error(tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_text("overhead_rate: [0.2\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="valid YAML"):
        parameters.load(path)
    path.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="mapping"):
        parameters.load(path)


def test_unknown_parameter_stops_the_build_before_any_kernel(tmp_path, monkeypatch):
    path = tmp_path / "parameters.yaml"
    path.write_text("overhed_rate: 0.3\n", encoding="utf-8")

    def no_kernel(*args, **kwargs):
        raise AssertionError("a chapter was executed")

    monkeypatch.setattr(build, "execute_chapter", no_kernel)
    no_warm_kernels(monkeypatch)
    with pytest.raises(ParameterError, match="overhed_rate"):
        build.build(params_file=path, out_dir=tmp_path / "out", work_dir=tmp_path / "work")
    assert not (tmp_path / "out").exists()


def test_cli_writes_the_default_pack_parameters_file(tmp_path):
    from typer.testing import CliRunner

    from evidencebook.cli import app

    target = tmp_path / "parameters.yaml"
    result = CliRunner().invoke(app, ["parameters", "--yaml", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == (ROOT / "data" / "parameters.yaml").read_text(
        encoding="utf-8"
    )


def test_a_parameters_file_saved_in_windows_1252_is_read(tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_bytes("# salaries in \u00a3\npa_salary: 26000\n".encode("cp1252"))
    assert parameters.load(path) == ({"pa_salary": 26000}, {"pa_salary": 2})


def test_bad_yaml_is_reported_on_one_line_with_where_it_starts(tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_text("pa_salary: 26000\noverhead_rate: [0.2\n", encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        parameters.load(path)
    assert [str(p) for p in err.value.problems] == [
        "parameters.yaml, row 3; expected valid YAML (while parsing a flow sequence that starts "
        "on line 2: expected ',' or ']', but got '<stream end>')"
    ]


def test_a_misspelt_name_gets_a_suggestion_and_an_unlike_one_the_list(chapters):
    with pytest.raises(ParameterError) as err:
        parameters.check({"pa_salery": 1.0, "zzz": 1}, chapters)
    found = [str(p) for p in err.value.problems]
    assert found[0] == (
        "parameters.yaml, column 'pa_salery': found 1.0; expected a known parameter (did you "
        "mean pa_salary?)"
    )
    assert found[1].startswith(
        "parameters.yaml, column 'zzz': found 1; expected a known parameter (one of "
    )
    assert "overhead_rate, " in found[1]


def test_not_a_number_is_not_a_float_parameter(chapters):
    with pytest.raises(ParameterError) as err:
        parameters.check({"overhead_rate": float("nan"), "mc_runs": 2.5}, chapters)
    found = [str(p) for p in err.value.problems]
    assert found[0].startswith(
        "parameters.yaml, column 'overhead_rate': found nan; expected a float"
    )
    assert found[1].startswith("parameters.yaml, column 'mc_runs': found 2.5; expected an int (")


def test_every_parameter_a_chapter_declares_has_a_limit(chapters):
    """Every number (and text) a pack may set is range-checked before a chapter runs."""
    names = {n for declared in chapters.values() for n in declared} - parameters.RESERVED
    assert sorted(names - set(parameters.LIMITS)) == []
    assert sorted(set(parameters.LIMITS) - names) == [], "a limit for no parameter"
    numeric = {p.name for d in chapters.values() for p in d.values() if p.type in ("int", "float")}
    for name in numeric:
        limit = parameters.LIMITS[name]
        assert limit.low is not None or limit.high is not None, name


def test_every_default_lies_within_its_limit_and_in_order(chapters):
    defaults = {n: p.default for d in chapters.values() for n, p in d.items()}
    for name, limit in parameters.LIMITS.items():
        assert limit.holds(defaults[name]), (name, defaults[name])
    for first, second, strict in parameters.ORDERED:
        assert defaults[first] < defaults[second] or (
            not strict and defaults[first] == defaults[second]
        ), (first, second)
    values, lines = parameters.load(ROOT / "data" / "parameters.yaml")
    parameters.check(values, chapters, lines=lines)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("overhead_rate", -5, "a number from 0 to 1, a share written as a fraction (0.2 means "
         "20%, not 20)"),
        ("overhead_rate", 25, "a number from 0 to 1, a share written as a fraction"),
        ("sw_per_pa", 0, "a number more than 0"),
        ("mc_runs", 10**9, "a whole number from 1 to 100,000"),
        ("appraisal_years", 31, "a whole number from 1 to 30"),
        ("benefit_confidence_grade", 7, "a whole number from 1 to 6"),
        ("discount_rate", 3.5, "a number from 0 to 1, a rate written as a fraction"),
        ("price_year", "2025", "a financial year written YYYY-YY"),
        ("demand_baseline_from", "March 2015", "a month written YYYY-MM"),
        ("vol_in_house_authority", "", "the name of an authority, not blank"),
        ("mc_seed", -1, "a whole number of 0 or more"),
    ],
)  # fmt: skip
def test_a_value_out_of_range_is_a_problem_naming_its_row(chapters, name, value, expected):
    with pytest.raises(ParameterError) as err:
        parameters.check({name: value}, chapters, lines={name: 12})
    (problem,) = err.value.problems
    assert str(problem).startswith(
        f"parameters.yaml, row 12, column '{name}': found {value!r}; expected {expected}"
    )


def test_parameters_in_order_are_cross_checked_with_defaults(chapters):
    with pytest.raises(ParameterError) as err:
        parameters.check({"fit_mh_cost_low": 50000}, chapters, lines={"fit_mh_cost_low": 3})
    assert [str(p) for p in err.value.problems] == [
        "parameters.yaml, row 3, column 'fit_mh_cost_low': found 50000; expected not more than "
        "fit_mh_cost_high (46133.0, its default)"
    ]
    with pytest.raises(ParameterError, match="expected after demand_baseline_from"):
        parameters.check({"demand_period_end": "2015-01"}, chapters)
    shares = parameters.check({"fit_mh_cost_low": 40000, "fit_mh_cost_high": 40000}, chapters)
    assert shares["fit"]["fit_mh_cost_low"] == 40000
