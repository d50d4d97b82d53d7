"""The options chapter: the strands side by side for an authority, written from hand-made
proposal-like objects (the fields of ``analysis.proposal.Proposal`` it reads), so each
figure and sentence can be checked by hand."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from evidencebook.analysis import proposal as pr
from evidencebook.chapters.options import checks, model, wording
from evidencebook.chapters.options.parameters import Parameters

SETTINGS = pr.Settings(years=5, price_year="2025-26", optimism_bias=0.5, mc_runs=10)


def make(strand, cost, bcr=None, interval=None, notional=0.0, cashable=0.0, scale=2.0,
         inputs=()):  # fmt: skip
    """A proposal-like object: cost a year before optimism bias, ratio and interval where a
    benefit is valued."""
    m = SimpleNamespace(
        scale_unit="posts", scale_one="post", reach_unit="workers supported (a note)",
        buys="support for {reach} workers", benefit_words="workers' time",
    )  # fmt: skip
    flows = pr.Flows(cost=cost, reach=10, benefit_cashable=cashable, benefit_notional=notional)
    switch = pr.SwitchingValue("x", "the time freed", 2.5, "Breaks even only at 250%.")
    p = SimpleNamespace(
        strand=strand, title=f"the {strand} strand", authority="Leeds", model=m,
        settings=SETTINGS, scale=scale, flows=flows, bcr=bcr, bcr_interval=interval,
        strength="moderate", grade=3, cost_per_reach=1234.0,
        switching=(switch,) if bcr is not None else (), inputs=tuple(inputs),
        empty=scale == 0, valued=bcr is not None or scale == 0,
    )  # fmt: skip
    low, high = interval if interval else (None, None)
    p.row = lambda: {
        "strand": strand, "scale": scale, "cost_a_year": cost * 1.5,
        "benefit_cashable_a_year": cashable, "benefit_notional_a_year": notional,
        "bcr": bcr, "bcr_low": low, "bcr_high": high, "reach_a_year": 10.0,
        "cost_per_reach": 1234.0, "grade": 3, "strength": "moderate",
    }  # fmt: skip
    return p


def local(name, value, assumption=False):
    return pr.Input(name, f"{name} label", value, "number", f"{name} source", "local",
                    assumption=assumption)  # fmt: skip


@pytest.fixture
def options():
    return {
        "pa": make("pa", 1_000_000, 0.41, (0.23, 0.61), notional=400_000,
                   inputs=[local("posts", 99), local("salary", 20, assumption=True)]),
        "fit": make("fit", 200_000, inputs=[local("posts", 99), local("teams", 4)]),
    }  # fmt: skip


def test_money_reads_as_a_committee_would():
    assert wording.money(5_884_985) == "£5.9 million"
    assert wording.money(231_918) == "£232,000"
    assert wording.money(4_321) == "£4,300"


def test_table_has_a_row_per_strand_and_a_ratio_only_where_a_benefit_is_valued(options):
    t = wording.options_table(options)
    assert list(t.columns) == list(wording.COLUMNS)
    assert len(t) == 2
    pa, fit = t.iloc[0], t.iloc[1]
    assert pa["Option"] == "The pa strand: 2 posts"
    assert pa["Cost a year"] == "£1.5 million"  # with optimism bias (row's cost_a_year)
    assert pa["Notional benefit a year"] == "£400,000"
    assert pa["Cashable benefit a year"] == wording.NONE_VALUED  # kept apart
    assert pa["Benefit-cost ratio"] == "0.41 (0.23 to 0.61)"
    assert pa["What you would need to believe"] == "Breaks even only at 250%."
    assert fit["Benefit-cost ratio"] == wording.NO_RATIO
    assert fit["Notional benefit a year"] == wording.NONE_VALUED
    assert fit["What you would need to believe"] == (
        "That each of the 10 workers supported gains or saves at least £1,200 over 5 years."
    )
    assert fit["Evidence"] == "moderate (grade 3)"


def test_the_rollout_is_conditional_and_the_pilot_past_and_apart(options):
    effect = SimpleNamespace(
        what="share of time on forms", successes=None, n=11, comparison=36.0, unit="%",
        compared_with="before the pilot", value_text=lambda: "14%",
    )  # fmt: skip
    ev = SimpleNamespace(
        summary="Workers said they spent less time on forms.", strength="moderate", grade=3,
        effects=(effect,),
    )  # fmt: skip
    text = wording.strand_text(options["pa"], ev)
    rollout, pilot = text.split("\n")[2:4]
    assert rollout.startswith("- *If Leeds did it:* A roll\\-out of 2 posts in Leeds would cost")
    assert "would be 0\\.41 \\(90% interval 0\\.23 to 0\\.61\\)" in rollout
    assert "none of it cashable" in rollout
    assert "Hampshire and the Isle of Wight found:* Workers said they spent" in pilot
    assert "Share of time on forms\\: 14% against 36% before the pilot\\." in pilot
    assert "would" not in pilot
    assert "no ratio" in wording.rollout_text(options["fit"])


def test_figures_are_glued_per_strand_and_only_valued_ratios(options):
    figs = model.figures(options, "Leeds", SETTINGS)
    assert figs["options.authority"] == "Leeds"
    assert figs["options.valued_n"] == 1 and figs["options.strands_n"] == 2
    assert figs["options.pa_cost_a_year"] == 1_500_000
    assert figs["options.pa_bcr"] == 0.41 and figs["options.pa_bcr_low"] == 0.23
    assert "options.fit_bcr" not in figs
    assert figs["options.optimism_bias_pct"] == 50 and figs["options.years"] == 5


def test_inputs_listed_once_with_every_strand_that_uses_them(options):
    used = model.inputs_used(options)
    assert list(used["input"]) == ["posts", "salary", "teams"]
    assert used.set_index("input").loc["posts", "used_by"] == "pa, fit"
    shown = wording.inputs_table(used)
    assert shown.set_index("Input").loc["Salary label", "Source"] == "salary source"


def test_caveats_name_the_settings_and_the_assumed_inputs(options):
    text = wording.caveats(options, {})
    assert "50% optimism bias" in text and "over 5 years" in text
    assert "Inputs not published for this authority \\(1, whose source" in text
    assert text.count("\n- ") == text.count("\n")


def test_side_by_side_download_is_numbers(options):
    frame = model.side_by_side(options)
    assert isinstance(frame, pd.DataFrame) and list(frame["strand"]) == ["pa", "fit"]
    assert frame.loc[1, "bcr"] is None or pd.isna(frame.loc[1, "bcr"])


def test_parameters_make_the_appraisal_settings():
    s = Parameters(appraisal_years=7, discount_rate=0.03, mc_runs=100).settings()
    assert (s.years, s.discount_rate, s.mc_runs) == (7, 0.03, 100)
    assert Parameters.cell().splitlines()[1].startswith("la: str = '850'")


def test_no_sheet_is_no_problem_and_a_missing_one_is_named(tmp_path):
    assert checks.problems({}, Parameters()) == []
    found = checks.problems({}, Parameters(inputs_sheet=str(tmp_path / "nope.yaml")))
    assert len(found) == 1 and found[0].file == "inputs_sheet"
    assert "exists" in found[0].expected


def test_a_bad_value_in_a_councils_sheet_is_named_before_any_notebook_runs(tmp_path):
    from evidencebook.analysis import local_inputs

    sheet = local_inputs.write_sheet(tmp_path / "inputs.yaml", "Leeds")
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(text.replace("\npa_posts: ", "\npa_posts: lots #"), encoding="utf-8")
    found = checks.problems({}, Parameters(la="383", inputs_sheet=str(sheet)))
    assert [(p.file, p.column, p.value) for p in found] == [("inputs.yaml", "pa_posts", "lots")]
    assert found[0].row is not None
    other = checks.problems({}, Parameters(la="York", inputs_sheet=str(sheet)))
    assert any("as --la says" in p.expected for p in other)


def _leeds_sheet(tmp_path, name, salary, price_year):
    """Leeds's inputs sheet with the social worker salary (and its price year) replaced."""
    from evidencebook.analysis import local_inputs

    sheet = local_inputs.write_sheet(tmp_path / name, "Leeds")
    lines = sheet.read_text(encoding="utf-8").splitlines()
    lines = [f"sw_salary: {salary!r}" if line.startswith("sw_salary: ") else line for line in lines]
    lines = [
        f"sw_salary_price_year: {price_year}" if line.startswith("sw_salary_price_year:") else line
        for line in lines
    ]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sheet


def test_a_salary_at_this_years_prices_gives_the_options_of_one_deflated_by_hand(tmp_path):
    from evidencebook.analysis.national.deflators import gdp_deflators

    table = gdp_deflators().set_index("financial_year")["index"]
    now = _leeds_sheet(tmp_path, "now.yaml", 45_000, "2025-26")
    deflated = float(45_000 * table["2015-16"] / table["2025-26"])
    by_hand = _leeds_sheet(tmp_path, "by_hand.yaml", deflated, "2015-16")
    settings = pr.Settings(years=3, mc_runs=50)
    sides = []
    for sheet in (now, by_hand):
        authority, inputs = model.local("383", sheet)
        assert checks.problems({}, Parameters(la="383", inputs_sheet=str(sheet))) == []
        sides.append(model.side_by_side(model.proposals(inputs, authority, settings)))
    numbers = sides[0].select_dtypes("number").columns
    pd.testing.assert_frame_equal(sides[0][numbers], sides[1][numbers], rtol=1e-9)
    assert sides[0]["cost_a_year"].notna().all()


def test_a_bad_price_year_in_a_councils_sheet_is_named_before_any_notebook_runs(tmp_path):
    sheet = _leeds_sheet(tmp_path, "inputs.yaml", 45_000, "2025")
    found = checks.problems({}, Parameters(la="383", inputs_sheet=str(sheet)))
    assert [(p.file, p.column, p.value) for p in found] == [
        ("inputs.yaml", "sw_salary_price_year", 2025)  # an int, not a year
    ]
    assert found[0].row is not None
    assert found[0].expected.startswith("a financial year written YYYY-YY, such as 2015-16, a ")
    assert "GDP deflators cover" in found[0].expected


def test_an_authority_too_small_for_one_pa_post_gets_its_options_without_a_pa_ratio():
    """The Isles of Scilly (DfE 420): one case-holding social worker, so no PA post at the
    pilot's ratio. The chapter states no ratio or cost per one reached for PAs (not "nan")
    and says why; the other strands are appraised as for any authority."""
    from evidencebook.chapters import options

    result = options.compute(options.load(""), options.Parameters.from_values({"la": "420"}))
    figures = result.values()
    assert figures["options.pa_scale"] == 0 and figures["options.pa_cost_per_reach"] is None
    assert "options.pa_bcr" not in figures
    assert not [k for k, v in figures.items() if isinstance(v, float) and v != v]  # no NaN
    table = result.tables["options"].frame
    pa_row = table[table["Option"].str.startswith("Skilled administrators")].iloc[0]
    assert pa_row["Benefit-cost ratio"] == "no roll-out at this size"
    assert "nan" not in result.tables["options"].html().lower()
    assert "nothing to appraise" in result.text["strands"]
    assert figures["options.valued_n"] == 1  # the pilot valued PAs' benefit: none here
    assert "nan" not in " ".join(result.text.values()).lower().split()
