"""Each strand appraised for an authority (analysis/proposal.py, chapters/<strand>/proposal.py):
figures worked by hand at a non-default scale, from hand-made local inputs and evidence."""

from __future__ import annotations

import math

import pytest

from evidencebook.analysis import proposal as pr
from evidencebook.analysis.evidence import Effect, StrandEvidence
from evidencebook.analysis.local_inputs import SPEC, LocalInput
from evidencebook.chapters.pa import proposal as pa
from evidencebook.exceptions import EvidenceBookError

#: A deflator that makes 2015-16 money 1.25 times dearer at 2025-26 prices.
DEFLATORS = {"2015-16": 80.0, "2024-25": 96.0, "2025-26": 100.0}


def local(name: str, value: object, price_year: str = "", assumption: bool = False) -> LocalInput:
    """A hand-made local input (as the inputs sheet would give it)."""
    return LocalInput(
        SPEC[name], value, value, f"test: {name}", "2025", assumption, price_year=price_year
    )


def settings(**kw) -> pr.Settings:
    base = {"years": 2, "deflators": DEFLATORS, "mc_runs": 400, "mc_seed": 1}
    return pr.Settings(**(base | kw))


def pa_local(posts: float = 10, fte: float = 100) -> dict[str, LocalInput]:
    """Leeds-like inputs, hand-made: 10 PA posts, a PA at £16,000 and a social worker at
    £32,000 at 2015-16 prices (£20,000 and £40,000 at 2025-26 prices), 20% overheads."""
    return {
        "pa_posts": local("pa_posts", posts),
        "pa_salary": local("pa_salary", 16_000.0, "2015-16"),
        "sw_salary": local("sw_salary", 32_000.0, "2015-16"),
        "overhead_rate": local("overhead_rate", 0.2),
        "case_holding_sw_fte": local("case_holding_sw_fte", fte),
    }


def pa_evidence(
    strength: str = "moderate",
    before: float = 40.0,
    after: float = 20.0,
    successes: int | None = None,
    n: int | None = 11,
    effect_strength: str | None = None,
) -> StrandEvidence:
    """Hand-made PA evidence: the share of the week on administration fell from ``before``
    to ``after`` percent."""
    admin = Effect(
        id="admin_time",
        what="share of social workers' time on administration",
        value=after,
        comparison=before,
        unit="%",
        n=n,
        successes=successes,
        base="social workers",
        base_kind="sample",
        source="test",
        reference_id=None,
        design="test",
        strength=effect_strength or strength,
    )
    return StrandEvidence("pa", "PAs", strength, "test", "test", (admin,))


def test_pa_hand_worked_ratio_below_one() -> None:
    # 10 posts x £20,000 x 1.2 = £240,000 a year; 30 social workers x £40,000 x 20% = £240,000
    # of time a year. Moderate evidence is grade 3: cut 20%, deadweight 10%, attribution 90%,
    # so 0.8 x 0.9 x 0.9 = 0.648 of the benefit counts. Over 2 years at 3.5%, the annuity is
    # 1 + 1/1.035 = 1.966184. Costs carry 41% optimism bias.
    p = pa.proposal(pa_local(), "Leeds", settings(), pa_evidence())
    annuity = 1 + 1 / 1.035
    assert p.flows.cost == pytest.approx(240_000)
    assert p.flows.benefit_notional == pytest.approx(240_000)
    assert p.flows.benefit_cashable == 0
    assert p.flows.reach == pytest.approx(30)
    assert (p.grade, p.cut, p.deadweight, p.attribution) == (3, 0.2, 0.1, 0.9)
    assert p.appraisal.pv_cost == pytest.approx(240_000 * 1.41 * annuity)
    assert p.appraisal.pv_benefit_notional == pytest.approx(240_000 * 0.648 * annuity)
    assert p.appraisal.pv_benefit_cashable == 0
    assert p.bcr == pytest.approx(0.648 / 1.41)  # 0.4596
    assert p.npv == pytest.approx(240_000 * annuity * (0.648 - 1.41))
    assert p.payback_year is None
    assert p.cost_per_reach == pytest.approx(240_000 * 1.41 / 30)  # £11,280
    # the ratio is proportional to the time freed: it breaks even at 1 / 0.4596 = 218%
    time = p.switching[0]
    assert time.multiplier == pytest.approx(1.41 / 0.648)
    assert time.pct_text == "218%"
    assert time.sentence == (
        "This would break even only if the time freed were at least 218% of what the pilot "
        "reported: 118% more than that."
    )
    # more PA salary lowers the ratio: at most 0.4596 of the salary here
    salary = next(s for s in p.switching if s.name == "pa_salary")
    assert salary.multiplier == pytest.approx(0.648 / 1.41)
    assert "were at most 46% of the salary here: 54% less than that." in salary.sentence


def test_pa_hand_worked_ratio_above_one() -> None:
    # strong evidence is grade 2: 0.9 x 0.95 x 0.95 = 0.81225 counts. Time freed 40% (50% to
    # 10%): £480,000 a year against £240,000 of cost, no optimism bias: ratio 1.6245.
    ev = pa_evidence("strong", before=50.0, after=10.0)
    p = pa.proposal(pa_local(), "Leeds", settings(optimism_bias=0.0), ev)
    assert p.grade == 2
    assert p.bcr == pytest.approx(2 * 0.81225)
    assert p.payback_year == 0  # year 0's notional benefit already exceeds its cost
    time = p.switching[0]
    assert time.multiplier == pytest.approx(1 / 1.6245)
    assert time.sentence == (
        "This would still break even if the time freed were at least 62% of what the pilot "
        "reported; a fall of more than 38% would take the valued benefits below the costs."
    )
    salary = next(s for s in p.switching if s.name == "pa_salary")
    assert salary.multiplier == pytest.approx(1.6245)
    assert "were at most 162% of the salary here; a rise of more than 62%" in salary.sentence


def test_grade_is_the_weakest_of_the_strand_and_its_effects() -> None:
    # strong strand, but the time use rests on an emerging effect: grade 4, not 2
    ev = pa_evidence("strong", effect_strength="emerging")
    p = pa.proposal(pa_local(), "Leeds", settings(), ev)
    assert p.grade == 4
    assert (p.cut, p.deadweight, p.attribution) == (0.3, 0.15, 0.85)


def test_social_workers_supported_are_capped_by_the_authoritys() -> None:
    # 10 posts would support 30, but there are only 12 case-holding social workers
    p = pa.proposal(pa_local(fte=12), "Leeds", settings(), pa_evidence())
    assert p.flows.reach == 12
    assert p.flows.benefit_notional == pytest.approx(12 * 40_000 * 0.2)


def test_price_year_is_per_input() -> None:
    # the social worker salary entered at this year's prices is not uprated again
    base = pa.proposal(pa_local(), "Leeds", settings(), pa_evidence())
    loc = pa_local() | {"sw_salary": local("sw_salary", 40_000.0, "2015-16")}
    s = settings(price_years={"sw_salary": "2025-26"})
    now = pa.proposal(loc, "Leeds", s, pa_evidence())
    assert now.flows.benefit_notional == pytest.approx(base.flows.benefit_notional)
    assert now.flows.cost == pytest.approx(base.flows.cost)


def test_a_local_inputs_own_price_year_is_moved_once() -> None:
    # the inputs sheet gives the salary at 2025-26 prices (LocalInput.price_year): the same
    # appraisal as the salary deflated by hand to 2015-16 (x 80 / 100) and entered at 2015-16
    now = pa_local() | {"sw_salary": local("sw_salary", 40_000.0, "2025-26")}
    by_hand = pa_local() | {"sw_salary": local("sw_salary", 40_000.0 * 80 / 100, "2015-16")}
    a = pa.proposal(now, "Leeds", settings(), pa_evidence())
    b = pa.proposal(by_hand, "Leeds", settings(), pa_evidence())
    assert a.flows.cost == pytest.approx(b.flows.cost)
    assert a.flows.benefit_notional == pytest.approx(b.flows.benefit_notional)
    assert a.bcr == pytest.approx(b.bcr) and a.bcr_interval == pytest.approx(b.bcr_interval)
    used = {i.name: i for i in a.inputs}
    assert (used["sw_salary"].value, used["sw_salary"].price_year) == (40_000.0, "2025-26")


def test_a_sheet_at_this_years_prices_appraises_as_one_deflated_by_hand(tmp_path) -> None:
    from evidencebook.analysis import local_inputs as li
    from evidencebook.analysis.national.deflators import gdp_deflators

    index = dict(zip(gdp_deflators()["financial_year"], gdp_deflators()["index"], strict=True))
    sheet = li.write_sheet(tmp_path / "now.yaml", "Leeds")
    text = sheet.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("sw_salary: "))
    assert "\nsw_salary_price_year: 2015-16\n" in text
    now = text.replace(old, "sw_salary: 45000").replace(
        "sw_salary_price_year: 2015-16", "sw_salary_price_year: 2025-26"
    )
    sheet.write_text(now, encoding="utf-8")
    deflated = 45_000 * index["2015-16"] / index["2025-26"]
    hand = tmp_path / "by_hand.yaml"
    hand.write_text(text.replace(old, f"sw_salary: {deflated!r}"), encoding="utf-8")
    s = pr.Settings(years=3, mc_runs=200, mc_seed=3)
    _, a_local = li.read_sheet(sheet)
    _, b_local = li.read_sheet(hand)
    assert a_local["sw_salary"].price_year == "2025-26"
    assert b_local["sw_salary"].price_year == "2015-16"
    a = pa.proposal(a_local, "Leeds", s, pa_evidence())
    b = pa.proposal(b_local, "Leeds", s, pa_evidence())
    assert a.flows.benefit_notional == pytest.approx(b.flows.benefit_notional)
    assert a.flows.cost == pytest.approx(b.flows.cost)
    assert a.npv == pytest.approx(b.npv) and a.bcr == pytest.approx(b.bcr)
    assert a.bcr_interval == pytest.approx(b.bcr_interval)


def test_a_price_year_the_deflators_do_not_cover_is_a_proposal_error() -> None:
    loc = pa_local() | {"sw_salary": local("sw_salary", 40_000.0, "1990-91")}
    with pytest.raises(pr.ProposalError, match=r"sw_salary \(1990-91\).*2015-16 to 2025-26"):
        pa.proposal(loc, "Leeds", settings(), pa_evidence())


def test_money_is_at_the_price_year_with_the_deflator() -> None:
    p = pa.proposal(pa_local(), "Leeds", settings(), pa_evidence())
    # £16,000 at 2015-16 prices x 100 / 80 = £20,000; with 20% overheads £24,000 a post
    assert p.flows.cost / 10 == pytest.approx(24_000)


def test_streams_keep_cashable_and_notional_apart() -> None:
    p = pa.proposal(pa_local(), "Leeds", settings(), pa_evidence())
    assert list(p.streams["benefit_cashable"]) == [0.0, 0.0]
    assert p.streams["cost"].tolist() == pytest.approx([240_000 * 1.41] * 2)
    assert p.streams["discount_factor"].tolist() == pytest.approx([1, 1 / 1.035])


def _width(p: pr.Proposal) -> float:
    low, high = p.bcr_interval  # type: ignore[misc]
    return high - low


def test_monte_carlo_widens_with_the_effects_interval() -> None:
    s = settings(mc_runs=2000)
    narrow = pa.proposal(pa_local(), "Leeds", s, pa_evidence(successes=40, n=200))
    wide = pa.proposal(pa_local(), "Leeds", s, pa_evidence(successes=4, n=20))
    assert _width(wide) > 1.5 * _width(narrow)
    # the effect's draws keep the reported figure as their mean
    assert wide.mc.samples["time_freed"].mean() == pytest.approx(0.2, abs=0.01)


def test_monte_carlo_includes_the_effect_and_the_grade() -> None:
    p = pa.proposal(pa_local(), "Leeds", settings(), pa_evidence())
    assert {"time_freed", "grade", "sw_salary", "pa_salary"} <= set(p.mc.inputs)
    assert set(p.mc.samples["grade"].unique()) == {2.0, 3.0, 4.0}
    low, high = p.bcr_interval  # type: ignore[misc]
    assert low < p.bcr < high  # type: ignore[operator]


def test_text_is_a_conditional_proposal() -> None:
    p = pa.proposal(pa_local(), "Leeds", settings(), pa_evidence())
    words = pr.text(p)
    assert words.startswith("A roll-out of 10 PA posts in Leeds would cost about £338,400 a year")
    assert "notional: it values time at salary and releases no cash" in words
    assert "The benefit-cost ratio would be 0.46" in words
    assert "Leeds had" not in words and "Leeds found" not in words


def test_adjustments_follow_one_rule() -> None:
    assert pr.adjustments(1) == (0.0, 0.0, 1.0)
    assert pr.adjustments(3) == (0.2, 0.1, 0.9)
    assert pr.adjustments(6) == (0.6, 0.25, 0.75)
    assert pr.benefit_multiplier(3.2, pr.ADJUSTMENTS) == pytest.approx(0.648)
    assert pr.neighbouring_grades(1) == (1, 2)
    assert pr.neighbouring_grades(6) == (5, 6)


def test_present_values_match_the_appraisal() -> None:
    flows = pr.Flows(cost=100.0, reach=4.0, benefit_notional=150.0, setup=10.0)
    m = pr.present_values(flows, 3, 0.035, 0.41, 0.5)
    annuity = 1 + 1 / 1.035 + 1 / 1.035**2
    assert m["pv_cost"] == pytest.approx((100 * annuity + 10) * 1.41)
    assert m["pv_benefit"] == pytest.approx(75 * annuity)
    assert m["cost_per_reach"] == pytest.approx(m["pv_cost"] / (4 * annuity))
    assert math.isclose(m["bcr"], m["pv_benefit"] / m["pv_cost"])


# --- the strands with no valued benefit -----------------------------------------------------

# The report's figures at 2015-16 prices (Appendix 4, Tables 23 to 25), as the chapters'
# parameters hold them; uprated by 100 / 80 = 1.25 to 2025-26 prices here.
UP = 1.25


def no_ratio(p: pr.Proposal) -> None:
    assert p.bcr is None and p.npv is None and p.bcr_interval is None
    assert p.payback_year is None and p.switching == ()
    assert p.appraisal.pv_benefit == 0
    words = pr.text(p)
    assert "The benefit-cost ratio would be" not in words
    assert "so there is no benefit-cost ratio" in words
    assert "would pay its way only if each of the" in words
    assert "would hold here: its evidence is rated" in words


def annuity2() -> float:
    return 1 + 1 / 1.035


def test_fit_three_teams_hand_worked() -> None:
    from evidencebook.chapters.fit import proposal as fit

    # a full team: 32,825 + 45,511 + 35,853 + 3 x 2,000 = 120,189 a year; families a team
    # works with a year in the pilot: 502 families across 10 teams in 6 months = 100.4
    p = fit.proposal({}, "Leeds", settings(), scale=3)
    assert p.flows.cost == pytest.approx(3 * 120_189 * UP)
    assert p.flows.reach == pytest.approx(3 * 100.4)
    assert p.appraisal.pv_cost == pytest.approx(3 * 120_189 * UP * 1.41 * annuity2())
    assert p.cost_per_reach == pytest.approx(120_189 * UP * 1.41 / 100.4)
    no_ratio(p)
    assert pr.text(p).startswith("A roll-out of 3 full FIT teams")


def test_fit_default_teams_scale_with_children_in_need() -> None:
    from evidencebook.chapters.fit import proposal as fit

    # the pilot's 8 Hampshire teams, for an authority with half Hampshire's children in need
    here = {"children_in_need": local("children_in_need", 5_000)}
    there = {"children_in_need": local("children_in_need", 10_000)}
    p = fit.proposal(here, "Leeds", settings(), reference=there)
    assert p.scale == 4
    scale = next(i for i in p.inputs if i.name == "fit_teams")
    assert "8" in scale.source and "5,000" in scale.source and "10,000" in scale.source


def test_edge_two_workers_hand_worked() -> None:
    from evidencebook.chapters.edge import proposal as edge

    loc = {
        "edge_worker_salary": local("edge_worker_salary", 28_000.0, "2015-16"),
        "vol_coordinator_salary": local("vol_coordinator_salary", 30_000.0, "2015-16"),
        "overhead_rate": local("overhead_rate", 0.2),
    }
    p = edge.proposal(loc, "Leeds", settings(), scale=2)
    # Table 23 at the authority's salaries: the worker's share 28,000 x 1.2 / 21, the
    # activities 1,065, the mentor (Table 24): 30,000 x 1.2 / 50 / 3 for the coordinator,
    # 50,761 x 1.2 / 4 / 50 / 3 for administration, 10.22 x 12 / 3 for expenses
    mentor = 30_000 * 1.2 / 50 / 3 + 50_761 * 1.2 / 4 / 50 / 3 + 10.22 * 12 / 3
    unit = 28_000 * 1.2 / 21 + 1_065 + mentor
    assert p.flows.reach == 42
    assert p.flows.cost == pytest.approx(42 * unit * UP)
    assert p.cost_per_reach == pytest.approx(unit * UP * 1.41)
    no_ratio(p)


def test_edge_default_workers_from_starts_aged_10_and_over() -> None:
    from evidencebook.chapters.edge import proposal as edge

    loc = {
        "edge_worker_salary": local("edge_worker_salary", 28_000.0, "2015-16"),
        "vol_coordinator_salary": local("vol_coordinator_salary", 30_000.0, "2015-16"),
        "overhead_rate": local("overhead_rate", 0.2),
        "cla_starts_10_15": local("cla_starts_10_15", 150),
        "cla_starts_16_over": local("cla_starts_16_over", 60),
    }
    p = edge.proposal(loc, "Leeds", settings())
    assert p.scale == 10  # 210 starts / 21 young people a worker


def test_volunteers_three_coordinators_hand_worked() -> None:
    from evidencebook.chapters.volunteers import proposal as vol

    loc = {
        "vol_coordinator_salary": local("vol_coordinator_salary", 30_000.0, "2015-16"),
        "overhead_rate": local("overhead_rate", 0.2),
    }
    p = vol.proposal(loc, "Leeds", settings(), scale=3)
    per_volunteer = 30_000 * 1.2 / 50 + 50_761 * 1.2 / 4 / 50 + 10.22 * 12
    assert p.flows.cost == pytest.approx(150 * per_volunteer * UP)
    assert p.flows.reach == pytest.approx(450)  # 150 volunteers x 3 interventions a year
    assert p.cost_per_reach == pytest.approx(per_volunteer / 3 * UP * 1.41)
    no_ratio(p)


def test_willow_two_teams_hand_worked() -> None:
    from evidencebook.chapters.willow import proposal as willow

    loc = {
        "sw_salary": local("sw_salary", 36_000.0, "2015-16"),
        "pa_salary": local("pa_salary", 22_000.0, "2015-16"),
        "overhead_rate": local("overhead_rate", 0.25),
    }
    p = willow.proposal(loc, "Leeds", settings(), scale=2)
    team = (50_789 + 3 * 36_000 + 22_000 + 20_242) * 1.25
    assert p.flows.cost == pytest.approx(2 * team * UP)
    assert p.flows.reach == pytest.approx(2 * 3 * 20)
    no_ratio(p)


def test_willow_default_is_one_team_at_least() -> None:
    from evidencebook.chapters.willow import proposal as willow

    loc = {
        "sw_salary": local("sw_salary", 36_000.0, "2015-16"),
        "pa_salary": local("pa_salary", 22_000.0, "2015-16"),
        "overhead_rate": local("overhead_rate", 0.25),
        "child_population": local("child_population", 20_000),
    }
    ref = {"child_population": local("child_population", 300_000)}
    p = willow.proposal(loc, "Isles", settings(), reference=ref)
    assert p.scale == 1
    assert pr.text(p).startswith("A roll-out of 1 Willow team in Isles would cost")


def test_surgeries_five_workers_hand_worked() -> None:
    from evidencebook.chapters.surgeries import proposal as sws

    loc = {
        "sws_worker_salary": local("sws_worker_salary", 26_000.0, "2015-16"),
        "overhead_rate": local("overhead_rate", 0.2),
    }
    p = sws.proposal(loc, "Leeds", settings(), scale=5)
    assert p.flows.cost == pytest.approx(5 * 26_000 * 1.2 * UP)
    assert p.appraisal.pv_cost == pytest.approx(5 * 26_000 * 1.2 * UP * 1.41 * annuity2())
    assert "sws_workers" not in p.mc.inputs  # the council's choice, not an uncertainty
    no_ratio(p)


def test_switching_value_out_of_reach_is_x() -> None:
    # no time freed at all: no multiple of it brings the ratio to 1
    p = pa.proposal(pa_local(), "Leeds", settings(), pa_evidence(before=20.0, after=20.0))
    time = p.switching[0]
    assert time.multiplier is None and time.pct_text == "x"
    assert time.sentence.endswith("(x: not available).")


@pytest.mark.parametrize("strand", ["pa", "fit", "edge", "volunteers", "willow", "surgeries"])
def test_every_strand_for_leeds_from_published_figures(strand: str) -> None:
    import importlib

    from evidencebook.analysis import local_inputs

    module = importlib.import_module(f"evidencebook.chapters.{strand}.proposal")
    p = module.proposal(local_inputs.defaults("Leeds"), "Leeds", pr.Settings(mc_runs=200))
    words = pr.text(p)
    assert words.startswith("A roll-out of ") and " in Leeds would cost about £" in words
    assert p.valued == (strand == "pa")
    assert len(p.streams) == pr.DEFAULT_YEARS
    assert p.pv_cost_interval[0] < p.appraisal.pv_cost < p.pv_cost_interval[1]
    assert not p.inputs_table()["source"].eq("").any()


def test_clear_errors() -> None:
    loc = {k: v for k, v in pa_local().items() if k != "case_holding_sw_fte"}
    with pytest.raises(pr.ProposalError, match="have no case_holding_sw_fte"):
        pa.proposal(loc, "Leeds", settings(), pa_evidence())
    with pytest.raises(pr.ProposalError, match="price_years names pa_posts"):
        pa.proposal(
            pa_local(), "Leeds", settings(price_years={"pa_posts": "2025-26"}), pa_evidence()
        )
    with pytest.raises(pr.ProposalError, match="more than 0"):
        pa.proposal(pa_local(), "Leeds", settings(), pa_evidence(), scale=0)
    assert issubclass(pr.ProposalError, EvidenceBookError)


def test_row_puts_strands_side_by_side() -> None:
    from evidencebook.chapters.surgeries import proposal as sws

    valued = pa.proposal(pa_local(), "Leeds", settings(), pa_evidence()).row()
    assert valued["cost_a_year"] == pytest.approx(240_000 * 1.41)
    assert valued["benefit_notional_a_year"] == pytest.approx(240_000)
    assert valued["benefit_cashable_a_year"] == 0
    assert valued["bcr_low"] < valued["bcr"] < valued["bcr_high"]
    loc = {
        "sws_worker_salary": local("sws_worker_salary", 26_000.0, "2015-16"),
        "overhead_rate": local("overhead_rate", 0.2),
    }
    cost_only = sws.proposal(loc, "Leeds", settings(), scale=5).row()
    assert cost_only["bcr"] is None and cost_only["bcr_low"] is None
    assert cost_only["grade"] == 6 and cost_only["strength"] == "none"


def test_a_roll_out_of_no_posts_is_not_appraised() -> None:
    """An authority too small for one PA post at the pilot's ratio (the Isles of Scilly's
    one case-holding social worker), or a sheet setting 0: nothing costed, no ratio, no cost
    per one reached, and words that say why, never "nan"."""
    p = pa.proposal(pa_local(posts=0, fte=1), "Isles of Scilly", settings(), pa_evidence())
    assert p.empty and not pa.proposal(pa_local(), "Leeds", settings(), pa_evidence()).empty
    assert p.bcr is None and p.bcr_interval is None and p.npv is None and p.switching == ()
    assert p.row()["cost_a_year"] == 0 and math.isnan(p.row()["cost_per_reach"])
    words = pr.text(p)
    assert "nan" not in words.lower()
    assert words.startswith("A roll-out on the Isles of Scilly at the size the book takes")
    assert "no PA posts" in words and "nothing to appraise" in words
    assert "The size is the book's default: test: pa_posts (2025)." in words  # its source
    assert "(pa_posts)" in words and p.believe[0].startswith("Nothing yet")
