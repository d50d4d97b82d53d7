"""An authority's scale, from published data, overridable (analysis/local_inputs.py).

Hand-made national figures check how each default is chosen (the authority's latest
published figure; a joint figure shared by child population; England's, per child for a
count) and how an inputs sheet is read back; one test reads the real national data for two
authorities, and one runs the command line.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from evidencebook.analysis import local_inputs as li
from evidencebook.cli import app

ROOT = Path(__file__).resolve().parents[1]

#: Hand-made authorities: one with its own figures, two whose workforce is published jointly,
#: one with no figures at all (England's are used).
OWN = {"old_la_code": "901", "la_name": "Ownshire"}
JOINT_A = {"old_la_code": "903", "la_name": "Jointon"}
NONE = {"old_la_code": "905", "la_name": "Newshire"}


def row(code: str | None, measure: str, value: float, year: int = 2025, status="published"):
    level = "National" if code is None else "Local authority"
    return {
        "old_la_code": code,
        "geographic_level": level,
        "year": year,
        "time_period": str(year),
        "measure": measure,
        "value": value if status == "published" else float("nan"),
        "status": status,
        "source": "ees_csww" if measure in li.WORKFORCE else "ees_b1",
    }


@pytest.fixture
def figures() -> pd.DataFrame:
    """England has every measure (value 10, child population 1,000); Ownshire has its own
    (value 2, an older 3; child population 100; a later year withheld); Jointon and Jointby
    share a workforce published as "903 / 904" (case-holders 30, absence 5%), with 100 and
    300 children; Newshire has only its child population (50)."""
    measures = {s.measure for s in li.SPECS if s.measure}
    rows = [row(None, m, 10.0) for m in measures]
    rows += [row(None, "child_population", 1000.0)]
    rows = [r for r in rows if not (r["measure"] == "child_population" and r["value"] == 10.0)]
    for m in measures - {"child_population"}:
        rows += [row("901", m, 2.0), row("901", m, 3.0, 2024), row("901", m, 0, 2026, "withheld")]
    rows += [row("901", "child_population", 100.0)]
    rows += [row("903", "child_population", 100.0), row("904", "child_population", 300.0)]
    rows += [row("903 / 904", "sw_case_holders_fte", 30.0), row("903 / 904", "absence_rate", 5.0)]
    rows += [row("903", "sw_case_holders_fte", 30.0)]  # LAIT repeats the joint figure
    rows += [row("904", "sw_case_holders_fte", 25.0, 2024)]  # an older figure of its own
    rows += [row("905", "child_population", 50.0)]
    return pd.DataFrame(rows)


@pytest.fixture
def report() -> dict[str, li.Stated]:
    out = {name: li.Stated(30000.0, f"Table X ({ref})") for name, ref in li.REPORT_IDS.items()}
    out["overhead_rate"] = li.Stated(0.2, "Appendix 4")
    out["sw_per_pa"] = li.Stated(3.0, "PA findings")
    out["children_missing_a_month"] = li.Stated(199.75, "Table 16", "October 2015 to 2016")
    out["return_interviews_a_month"] = li.Stated(74.8333333, "Table 16", "October 2015 to 2016")
    return out


# --- defaults -----------------------------------------------------------------------------


def test_the_authoritys_latest_published_figure(figures, report):
    d = li.defaults(OWN, figures, report)
    assert d["children_in_need"].value == 2  # 2025, not 2024's 3 nor 2026's withheld figure
    assert d["children_in_need"].year == "year to March 2025"
    assert d["children_in_need"].source.endswith(": Ownshire")
    assert d["sw_fte"].year == "2025 (30 September)"
    assert d["sw_absence_rate"].value == pytest.approx(0.02)  # a percentage, as a fraction
    assert d["cla_starts"].value == 2 and isinstance(d["cla_starts"].value, int)


def test_a_joint_figure_is_shared_by_child_population_or_taken_as_it_is(figures, report):
    d = li.defaults(JOINT_A, figures, report)
    fte = d["case_holding_sw_fte"]
    assert fte.value == pytest.approx(30 * 100 / 400)
    assert "published jointly for 903 / 904, shared by child population (25%)" in fte.source
    absence = d["sw_absence_rate"]
    assert absence.value == pytest.approx(0.05) and "taken as it is" in absence.source
    other = li.defaults({"old_la_code": "904", "la_name": "Jointby"}, figures, report)
    assert other["case_holding_sw_fte"].value == pytest.approx(30 * 300 / 400)


def test_with_no_local_figure_englands_is_used_per_child_for_a_count(figures, report):
    d = li.defaults(NONE, figures, report)
    assert d["children_in_need"].value == round(10 * 50 / 1000)
    assert "no figure published for Newshire; England's per child" in d["children_in_need"].source
    assert d["sw_caseload"].value == 10  # a rate: England's as it is
    assert "per child" not in d["sw_caseload"].source


def test_assumptions_are_labelled_with_the_reports_hampshire_value(figures, report):
    d = li.defaults(OWN, figures, report)
    salary = d["sw_salary"]
    assert salary.assumption and salary.value == 30000.0 and salary.price_year == "2015-16"
    assert salary.source.startswith("Assumption: the report's Hampshire value (Table X")
    assert "replace it with your own" in salary.source
    missing = d["children_missing_a_month"]
    assert missing.assumption and missing.year == "October 2015 to 2016"
    assert missing.value == 199.75 and missing.price_year == ""
    assert d["return_interviews_a_month"].value == round(74.8333333, li.DECIMALS)
    assert not d["children_in_need"].assumption


def test_pa_posts_follow_the_pilots_ratio_and_funding_is_free_text(figures, report):
    d = li.defaults(JOINT_A, figures, report)
    assert d["pa_posts"].value == math.floor(7.5 / 3)
    assert "divided by the pilot's 3 social workers per PA" in d["pa_posts"].source
    assert d["pa_teams"].value == "" and d["also_funding"].spec.kind == "text"


def test_every_input_has_a_default_with_its_source_unit_and_range(figures, report):
    d = li.defaults(OWN, figures, report)
    assert list(d) == [s.name for s in li.SPECS] and 20 <= len(d) <= 30
    for item in d.values():
        assert item.source and item.spec.help and item.spec.accepted()
        if item.spec.kind != "text":
            assert item.year and item.unit and item.spec.limit.holds(item.value), item.name
        if item.spec.kind == "money":
            assert item.price_year, item.name


def test_no_figure_anywhere_is_an_error_not_a_traceback(figures, report):
    without = figures[figures["measure"] != "referrals"]
    with pytest.raises(li.EvidenceBookError, match="no published figure for referrals"):
        li.defaults(OWN, without, report)


# --- values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("sw_salary", "£45,000", 45000.0),
        ("sw_salary", "£ 45,000.50", 45000.5),
        ("sw_salary", "45,000", 45000.0),
        ("sw_salary", 45000, 45000.0),
        ("overhead_rate", 0.25, 0.25),
        ("overhead_rate", "0.25", 0.25),
        ("children_in_need", "5,900", 5900),
        ("children_in_need", 5900.0, 5900),
        ("pa_teams", " CIN teams ", "CIN teams"),
    ],
)
def test_values_accepted(name, raw, value):
    assert li.parse_value(li.SPEC[name], raw) == (value, None)


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("overhead_rate", 20, "(write 20% as 0.2)"),
        ("overhead_rate", "20%", "(write 20% as 0.2)"),
        ("overhead_rate", -0.1, "a number from 0 to 1"),
        ("sw_salary", "£45k", "an amount in pounds, such as 45000 or £45,000"),
        ("sw_salary", "$45,000", "an amount in pounds"),
        ("sw_salary", True, "an amount in pounds"),
        ("sw_salary", float("nan"), "an amount in pounds"),
        ("children_in_need", 12.5, "a whole number of 0 or more"),
        ("sw_caseload", 0, "a number from 0 to 100, more than 0"),
    ],
)
def test_values_refused_say_what_was_expected(name, raw, expected):
    value, message = li.parse_value(li.SPEC[name], raw)
    assert value is None and expected in message


# --- the sheet, written and read back ----------------------------------------------------


@pytest.fixture
def fake_national(monkeypatch, figures, report):
    """The module's national lookups replaced by the hand-made figures."""
    places = {"ownshire": OWN, "901": OWN, "jointon": JOINT_A}

    def find(text):
        key = str(text).strip().lower()
        if key not in places:
            raise li.national.AuthorityNotFound(str(text), ["Ownshire"])
        return dict(places[key])

    monkeypatch.setattr(li.national, "find_authority", find)
    monkeypatch.setattr(li, "national_figures", lambda: figures)
    monkeypatch.setattr(li, "report_values", lambda: report)
    monkeypatch.setattr(li, "cite", lambda source_id: source_id)


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_a_sheet_read_back_unchanged_changes_nothing(fake_national, tmp_path, suffix):
    path = li.write_sheet(tmp_path / f"inputs{suffix}", "Ownshire")
    authority, inputs = li.read_sheet(path)
    assert authority["la_name"] == "Ownshire"
    assert not [i.name for i in inputs.values() if i.changed_by]
    assert li.values(inputs) == li.values(li.defaults(OWN))


def test_the_yaml_sheet_says_each_inputs_default_source_and_range(fake_national, tmp_path):
    text = li.write_sheet(tmp_path / "inputs.yaml", "Ownshire").read_text(encoding="utf-8")
    assert "authority: Ownshire" in text
    assert "# Unit: £ a year; default: 30000; prices of 2015-16." in text
    assert "# Average annual salary of a social worker, before overheads (ASSUMPTION)." in text
    assert "# Accepted: a number from 0 to 1, a share written as a fraction" in text
    assert text.count("\n# Source: ") == len(li.SPECS)


def test_only_what_the_sheet_names_changes(fake_national, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "authority: Ownshire\nsw_salary: '£45,000'\npa_posts: 40\npa_teams: east and west\n"
        "overhead_rate:\n",
        encoding="utf-8",
    )
    _, inputs = li.read_sheet(path)
    changed = {i.name: i.value for i in inputs.values() if i.changed_by}
    assert changed == {"sw_salary": 45000.0, "pa_posts": 40.0, "pa_teams": "east and west"}
    assert inputs["overhead_rate"].value == 0.2  # blank: the default stays
    assert inputs["sw_salary"].changed_by == "mine.yaml"
    assert inputs["sw_salary"].default == 30000.0


def test_every_problem_in_a_yaml_sheet_at_once(fake_national, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "authority: Ownshire\noverhead_rate: 20\npa_posts: many\nsw_salry: 3\n"
        "children_in_need: [1, 2]\n",
        encoding="utf-8",
    )
    with pytest.raises(li.InputsError) as caught:
        li.read_sheet(path)
    lines = [str(p) for p in caught.value.problems]
    assert lines == [
        "bad.yaml, row 5, column 'children_in_need': found [1, 2]; expected one value (a "
        "number or text), not a list",
        "bad.yaml, row 2, column 'overhead_rate': found 20; expected a number from 0 to 1, a "
        "share written as a fraction (0.2 means 20%, not 20) (write 20% as 0.2)",
        "bad.yaml, row 3, column 'pa_posts': found 'many'; expected a number of 0 or more",
        "bad.yaml, row 4, column 'name': found 'sw_salry'; expected one of the input names "
        "(did you mean sw_salary, pa_salary, sws_worker_salary?)",
    ]


def test_an_excel_sheets_problems_name_the_sheet_row_and_column(fake_national, tmp_path):
    from openpyxl import load_workbook

    path = li.write_sheet(tmp_path / "inputs.xlsx", "Ownshire")
    book = load_workbook(path)
    sheet = book[li.SHEET]
    assert [c.value for c in sheet[1]] == list(li.SHEET_COLUMNS)
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(rows["sw_salary"], 2).value = "£41,500"
    sheet.cell(rows["sw_absence_rate"], 2).value = "4%"
    book.save(path)
    with pytest.raises(li.InputsError) as caught:
        li.read_sheet(path)
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"inputs.xlsx, sheet 'inputs', row {rows['sw_absence_rate']}, column 'value': found "
        "'4%'; expected a number from 0 to 1, a share written as a fraction (0.2 means 20%, "
        "not 20) (write 4% as 0.04) (the value of sw_absence_rate)"
    )
    sheet.cell(rows["sw_absence_rate"], 2).value = 0.04
    book.save(path)
    _, inputs = li.read_sheet(path)
    assert inputs["sw_salary"].value == 41500.0 and inputs["sw_absence_rate"].value == 0.04


# --- price years -----------------------------------------------------------------------

MONEY = [s.name for s in li.SPECS if s.kind == "money"]


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_the_default_sheets_price_years_round_trip_unchanged(fake_national, tmp_path, suffix):
    path = li.write_sheet(tmp_path / f"inputs{suffix}", "Ownshire")
    _, inputs = li.read_sheet(path)
    written = {n: i.price_year for n, i in li.defaults(OWN).items()}
    assert {n: i.price_year for n, i in inputs.items()} == written
    assert written["sw_salary"] == li.REPORT_PRICE_YEAR  # the report's Hampshire value
    assert written["lac_spend_per_child_week"] == "2024-25"  # the published year (2025)
    assert all(written[n] for n in MONEY) and not any(written[n] for n in written if n not in MONEY)


def test_the_yaml_sheet_gives_each_amount_its_price_year(fake_national, tmp_path):
    text = li.write_sheet(tmp_path / "inputs.yaml", "Ownshire").read_text(encoding="utf-8")
    assert "\nsw_salary: 30000\nsw_salary_price_year: 2015-16\n" in text
    keys = [line.split(":")[0] for line in text.splitlines() if not line.startswith("#")]
    assert [k for k in keys if k.endswith("_price_year")] == [f"{n}_price_year" for n in MONEY]
    assert "its price year a financial year written YYYY-YY, such as 2015-16" in text


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_an_amount_at_this_years_prices_keeps_its_price_year(fake_national, tmp_path, suffix):
    from openpyxl import load_workbook

    path = li.write_sheet(tmp_path / f"inputs{suffix}", "Ownshire")
    if suffix == ".yaml":
        text = path.read_text(encoding="utf-8")
        text = text.replace("sw_salary: 30000\nsw_salary_price_year: 2015-16", "sw_salary: 45000\n"
                            "sw_salary_price_year: 2025-26")  # fmt: skip
        text = text.replace("pa_salary_price_year: 2015-16", "pa_salary_price_year: 2024-25")
        path.write_text(text, encoding="utf-8")
    else:
        book = load_workbook(path)
        sheet = book[li.SHEET]
        rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
        at = li.SHEET_COLUMNS.index("price_year") + 1
        sheet.cell(rows["sw_salary"], 2).value = 45000
        sheet.cell(rows["sw_salary"], at).value = "2025-26"
        sheet.cell(rows["pa_salary"], at).value = "2024-25"
        sheet.cell(rows["edge_worker_salary"], at).value = None  # blank: its own stays
        book.save(path)
    _, inputs = li.read_sheet(path)
    assert (inputs["sw_salary"].value, inputs["sw_salary"].price_year) == (45000.0, "2025-26")
    # the value unchanged, its price year changed: the council's own, no longer the report's
    assert (inputs["pa_salary"].value, inputs["pa_salary"].price_year) == (30000.0, "2024-25")
    assert inputs["pa_salary"].changed_by == path.name
    assert inputs["edge_worker_salary"].price_year == "2015-16"
    assert not inputs["edge_worker_salary"].changed_by
    table = li.summary(inputs).set_index("name")
    assert table.loc["sw_salary", "price_year"] == "2025-26"


def test_a_bad_price_year_in_yaml_names_the_row_column_and_what_was_expected(
    fake_national, tmp_path
):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "authority: Ownshire\nsw_salary: 45000\nsw_salary_price_year: 2025/26\n"
        "pa_salary_price_year: 1900-01\npa_posts_price_year: 2025-26\n"
        "edge_worker_salary_price_year: 2025-27\n",
        encoding="utf-8",
    )
    with pytest.raises(li.InputsError) as caught:
        li.read_sheet(path, deflators={"2015-16": 80.0, "2025-26": 100.0})
    expected = (
        "a financial year written YYYY-YY, such as 2015-16, a financial year the GDP deflators "
        "cover (table gdp_deflators: 2015-16 to 2025-26)"
    )
    assert [str(p) for p in caught.value.problems] == [
        f"bad.yaml, row 3, column 'sw_salary_price_year': found '2025/26'; expected {expected}",
        f"bad.yaml, row 4, column 'pa_salary_price_year': found '1900-01'; expected {expected}",
        "bad.yaml, row 5, column 'pa_posts_price_year': found '2025-26'; expected no price "
        "year: pa_posts is not an amount in pounds",
        f"bad.yaml, row 6, column 'edge_worker_salary_price_year': found '2025-27'; expected "
        f"{expected}",
    ]


def test_a_bad_price_year_in_excel_names_the_sheet_row_and_column(fake_national, tmp_path):
    from openpyxl import load_workbook

    path = li.write_sheet(tmp_path / "inputs.xlsx", "Ownshire")
    book = load_workbook(path)
    sheet = book[li.SHEET]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    at = li.SHEET_COLUMNS.index("price_year") + 1
    sheet.cell(rows["sw_salary"], at).value = "2099-00"
    sheet.cell(rows["pa_posts"], at).value = "2025-26"
    book.save(path)
    with pytest.raises(li.InputsError) as caught:
        li.read_sheet(path)
    first, second = (str(p) for p in caught.value.problems)
    assert first.startswith(
        f"inputs.xlsx, sheet 'inputs', row {rows['sw_salary']}, column 'price_year': found "
        "'2099-00'; expected a financial year written YYYY-YY, such as 2015-16, a financial "
        "year the GDP deflators cover (table gdp_deflators: "
    )
    assert first.endswith(") (the price year of sw_salary)")
    assert second == (
        f"inputs.xlsx, sheet 'inputs', row {rows['pa_posts']}, column 'price_year': found "
        "'2025-26'; expected no price year: pa_posts is not an amount in pounds"
    )


def test_a_workbook_without_the_sheet_or_not_a_workbook(fake_national, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    book = Workbook()
    book.active.title = "Sheet1"
    book.save(path)
    with pytest.raises(li.InputsError, match="other.xlsx: found 'Sheet1'; expected a sheet"):
        li.read_sheet(path)
    path.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(li.InputsError, match="an Excel workbook"):
        li.read_sheet(path)


def test_the_authority_must_be_named_and_agree_with_la(fake_national, tmp_path):
    path = tmp_path / "inputs.yaml"
    path.write_text("sw_salary: 40000\n", encoding="utf-8")
    with pytest.raises(li.InputsError, match="expected the authority's name"):
        li.read_sheet(path)
    authority, _ = li.read_sheet(path, la="Ownshire")
    assert authority["la_name"] == "Ownshire"
    path.write_text("authority: Jointon\n", encoding="utf-8")
    with pytest.raises(li.InputsError, match="expected Ownshire, as --la says"):
        li.read_sheet(path, la="901")
    path.write_text("authority: Nowhere\n", encoding="utf-8")
    with pytest.raises(li.InputsError, match="nearest names are Ownshire"):
        li.read_sheet(path)


def test_files_the_sheet_cannot_be(fake_national, tmp_path):
    with pytest.raises(li.EvidenceBookError, match="name a .yaml, .yml or .xlsx file"):
        li.write_sheet(tmp_path / "inputs.csv", "Ownshire")
    li.write_sheet(tmp_path / "inputs.yaml", "Ownshire")
    with pytest.raises(li.EvidenceBookError, match="exists; add --force"):
        li.write_sheet(tmp_path / "inputs.yaml", "Ownshire")
    li.write_sheet(tmp_path / "inputs.yaml", "Ownshire", force=True)
    with pytest.raises(li.EvidenceBookError, match="no such inputs sheet"):
        li.read_sheet(tmp_path / "missing.yaml")


# --- real data ---------------------------------------------------------------------------


@pytest.mark.parametrize("la", ["Leeds", "Hampshire"])
def test_real_defaults_name_their_source_and_year(la):
    d = li.defaults(la)
    for item in d.values():
        if item.spec.kind == "text":
            continue
        assert item.source and item.year, item.name
        assert item.value is not None and item.value >= 0, item.name
        if item.spec.measure:
            assert "(data/national/" in item.source and not item.assumption, item.name
        else:
            assert item.assumption or item.name == "pa_posts", item.name
    assert d["case_holding_sw_fte"].value <= d["sw_fte"].value
    assert d["lac_spend_per_child_week"].price_year
    reference = pd.read_csv(ROOT / "data" / "reference_figures.csv").set_index("id")
    assert d["sw_salary"].value == float(reference.loc["pa.sw_salary", "value"])
    assert d["overhead_rate"].value == float(reference.loc["pa.overhead_rate", "value"]) / 100


def test_the_command_writes_and_checks_a_sheet(tmp_path):
    runner = CliRunner()
    out = tmp_path / "leeds.yaml"
    result = runner.invoke(app, ["inputs", "--la", "Leeds", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8").replace("sw_salary: 40913", "sw_salary: '£45,000'")
    out.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["inputs", "--check", str(out)])
    assert result.exit_code == 0, result.output
    assert "Changed from the defaults: sw_salary" in result.output
    assert "price_year" in result.output and "2015-16" in result.output
    result = runner.invoke(app, ["inputs", "--la", "Leeds"])
    assert result.exit_code == 1 and "give --out FILE" in result.output


def test_real_extracts_read_back_exactly():
    """Hampshire's starts aged 10 to 15 (2022 release) and missing incidents (2024 release)
    are the files' own figures."""
    d = li.defaults("Hampshire")
    starts = pd.read_csv(
        ROOT / "data/national/ees-2022-release/"
        "EXTRACT_la_cla_who_started_to_be_looked_after_age_group.csv",
        dtype=str,
    )
    row = starts[
        (starts["old_la_code"] == "850")
        & (starts["time_period"] == "2022")
        & (starts["characteristic"] == "10 to 15 years")
    ]
    assert d["cla_starts_10_15"].value == int(row["number"].iloc[0])
    assert d["cla_starts_10_15"].year == "year to March 2022"
    missing = pd.read_csv(
        ROOT / "data/national/ees-2024-release/EXTRACT_la_children_missing_incidents.csv",
        dtype=str,
        encoding="utf-8-sig",
    )
    row = missing[
        (missing["old_la_code"] == "850")
        & (missing["time_period"] == "2024")
        & (missing["CLA_group"] == "Number of missing incidents during the year")
    ]
    assert d["cla_missing_incidents"].value == int(row["number"].iloc[0])


def test_an_authoritys_defaults_are_worked_out_once_for_the_same_data(
    fake_national, figures, report, monkeypatch
):
    """Every strand's chapter of an authority's book asks for its defaults: the same data
    gives them once a process (a copy each time), other data works them out again."""
    worked = []
    real = li._defaults
    monkeypatch.setattr(li, "_defaults", lambda *a: worked.append(a[0]) or real(*a))
    monkeypatch.setattr(li, "_DEFAULTS", {})
    first, second = li.defaults(OWN), li.defaults(OWN)
    assert first == second and first is not second and len(worked) == 1
    first.clear()  # a caller changing its copy changes nothing kept
    assert li.defaults(OWN) == second and len(worked) == 1
    changed = dict(report)
    name = next(iter(changed))
    changed[name] = li.Stated(changed[name].value * 2, changed[name].where)
    monkeypatch.setattr(li, "report_values", lambda: changed)
    assert li.defaults(OWN) != second and len(worked) == 2
    monkeypatch.setattr(li, "report_values", lambda: report)
    monkeypatch.setattr(li, "national_figures", lambda: figures.copy())  # other figures
    li.defaults(OWN)
    assert len(worked) == 3
    assert li.defaults(OWN, figures, report) == second and len(worked) == 4  # given: not kept
