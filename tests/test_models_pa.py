"""The PA cost model: every derived figure recomputed by hand from its inputs."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from helpers import NATIONAL, assert_only_changed

from evidencebook.analysis import figures, pack
from evidencebook.chapters.pa import model as pa

REPORT = pa.PAAssumptions(
    pa_salary=25380,
    overhead_rate=0.2,
    sw_salary=40913,
    sw_per_pa=3,
    rollout_posts=49,
    rollout_net_cost=540000,
    extra_caseload_value=20000,
)

# Small hand-made inputs whose results are easy to work out on paper.
SIMPLE = pa.PAAssumptions(
    pa_salary=20000,
    overhead_rate=0.5,
    sw_salary=50000,
    sw_per_pa=4,
    rollout_posts=10,
    rollout_net_cost=100000,
    extra_caseload_value=1000,
)


def test_cost_model_by_hand():
    c = pa.cost_model(SIMPLE, 0.4, 0.1, {"A": 2, "B": 5})
    assert c.unit_cost_with_overheads == 30000  # 20,000 x 1.5
    assert c.pilot_cost == {"A": 40000, "B": 100000}
    assert c.pilot_cost_with_overheads == {"A": 60000, "B": 150000}
    assert c.rollout_cost_with_overheads == 150000  # 100,000 x 1.5
    assert c.on_cost == 15000  # 150,000 / 10 posts
    assert c.on_cost_per_sw == 3750  # 15,000 / 4
    assert c.admin_cost_before == 20000  # 50,000 x 0.4
    assert c.admin_cost_after == 5000  # 50,000 x 0.1
    assert c.saving_per_sw == 15000
    assert c.saving_per_pa == 60000  # x 4 social workers
    assert c.benefit_per_pound == 4  # 60,000 / 15,000


def test_report_figures_from_report_inputs():
    c = pa.cost_model(REPORT, 0.36, 0.14, {"Hampshire": 32, "Isle of Wight": 9})
    assert c.unit_cost_with_overheads == pytest.approx(30456)
    assert c.pilot_cost["Hampshire"] == pytest.approx(812160)
    assert c.pilot_cost_with_overheads["Hampshire"] == pytest.approx(974592)
    assert c.pilot_cost["Isle of Wight"] == pytest.approx(228420)
    assert c.pilot_cost_with_overheads["Isle of Wight"] == pytest.approx(274104)
    assert c.rollout_cost_with_overheads == pytest.approx(648000)
    assert round(c.on_cost, 2) == 13224.49
    assert round(c.on_cost_per_sw) == 4408
    assert round(c.admin_cost_after) == 5728
    # The report prints 14,728: 40,913 x 0.36 = 14,728.68, truncated rather than rounded.
    assert int(c.admin_cost_before) == 14728
    assert round(c.saving_per_sw, -3) == 9000
    assert round(c.saving_per_pa, -3) == 27000
    assert round(c.benefit_per_pound) == 2


@pytest.mark.parametrize(
    "field, value, changed, unchanged",
    [
        (
            "overhead_rate",
            0.3,
            ["unit_cost_with_overheads", "on_cost", "on_cost_per_sw", "benefit_per_pound"],
            ["saving_per_sw", "saving_per_pa", "pilot_cost"],
        ),
        (
            "sw_salary",
            45000,
            ["admin_cost_before", "saving_per_sw", "saving_per_pa", "benefit_per_pound"],
            ["on_cost", "unit_cost_with_overheads"],
        ),
        (
            "sw_per_pa",
            4,
            ["on_cost_per_sw", "saving_per_pa", "benefit_per_pound"],
            ["on_cost", "saving_per_sw"],
        ),
        (
            "rollout_posts",
            60,
            ["on_cost", "on_cost_per_sw", "benefit_per_pound"],
            ["saving_per_pa"],
        ),
        (
            "pa_salary",
            30000,
            ["unit_cost_with_overheads", "pilot_cost"],
            ["on_cost", "saving_per_pa"],
        ),
    ],
)
def test_changed_input_changes_what_depends_on_it(field, value, changed, unchanged):
    posts = {"Hampshire": 32}
    base = pa.cost_model(REPORT, 0.36, 0.14, posts)
    new = pa.cost_model(dataclasses.replace(REPORT, **{field: value}), 0.36, 0.14, posts)
    assert_only_changed(base, new, changed, unchanged)


def test_time_shares_drive_the_saving():
    low = pa.cost_model(REPORT, 0.30, 0.14, {})
    high = pa.cost_model(REPORT, 0.36, 0.14, {})
    assert low.saving_per_sw < high.saving_per_sw
    assert low.on_cost == high.on_cost


@pytest.mark.parametrize(
    "kwargs",
    [{"overhead_rate": -0.1}, {"pa_salary": -1}, {"sw_per_pa": 0}, {"rollout_posts": 0}],
)
def test_impossible_assumptions_are_refused(kwargs):
    with pytest.raises(ValueError):
        a = dataclasses.replace(REPORT, **kwargs)
        pa.cost_model(a, 0.36, 0.14, {})


def test_shares_must_be_fractions():
    with pytest.raises(ValueError, match="fractions"):
        pa.cost_model(REPORT, 36, 14, {})


def test_enough_time_adds_the_split_or_uses_the_combined_answer():
    answers = pd.DataFrame(
        {
            "group": ["pa_teams"] * 3 + ["non_pa_teams"],
            "period": ["final"] * 4,
            "response": ["very_much", "quite_a_lot", "not_very_much", "quite_a_lot_or_very_much"],
            "share_pct": [25.0, 40.0, 35.0, 12.0],
        }
    )
    assert pa.enough_time_share(answers, "pa_teams", "final") == 65
    assert pa.enough_time_share(answers, "non_pa_teams", "final") == 12
    with pytest.raises(KeyError):
        pa.enough_time_share(answers, "all_teams", "baseline")


def test_caseload_changes_by_team():
    caseloads = pd.DataFrame(
        {
            "authority": ["A"] * 4,
            "team": ["t1", "t1", "t2", "t2"],
            "month": ["2015-04", "2016-06"] * 2,
            "caseload": [100, 150, 200, 100],
        }
    )
    changes = pa.caseload_changes(caseloads, "2015-04", "2016-06")
    assert changes.set_index("team")["change_pct"].to_dict() == {"t1": 50.0, "t2": -50.0}
    rise = pa.caseload_rise(changes)
    assert rise["mean_of_teams"] == 0
    # All teams together: 300 cases before, 250 after.
    assert rise["all_teams"] == pytest.approx(-100 / 6)
    assert rise["teams"] == 2
    with pytest.raises(KeyError):
        pa.caseload_changes(caseloads, "2015-04", "2016-09")


def test_default_pack_gives_every_reference_figure():
    figs = pa.figures(REPORT, pack.load_chapter("pa"))
    assert set(figures.reference_ids("pa")) <= set(figs)


def test_default_pack_matches_the_report_within_its_rounding():
    figs = pa.figures(REPORT, pack.load_chapter("pa"))
    ref = figures.reference_figures().set_index("id")
    for fid in figures.reference_ids("pa"):
        stated = float(ref.loc[fid, "value"])
        # The report rounds to whole units, to the nearest 1,000 for savings, and to the
        # nearest pound for the benefit ratio.
        tolerance = max(1.0, abs(stated) * 0.005)
        assert abs(figs[fid] - stated) <= tolerance, (fid, figs[fid], stated)


def test_team_caseload_rise_recomputed_from_table_15():
    figs = pa.figures(REPORT, pack.load_chapter("pa"))
    # Average of the 17 teams' changes, April 2015 to June 2016; the report says 17%.
    assert figs["pa.caseload_team_rise"] == pytest.approx(17.5, abs=0.05)


def test_paragraphs_follow_the_pack():
    c = pa.cost_model(SIMPLE, 0.4, 0.1, {"A <b>": 2, "B": 5})
    assert (
        pa.posts_text({"A <b>": 2, "B": 5})
        == "The pilot had 7 PA posts: 2 in A &lt;b&gt; and 5 in B."
    )
    costs = pa.pilot_costs_text(c, {"A <b>": 2, "B": 5})
    assert "posts cost £40,000 a year before overheads (£60,000 with them)" in costs
    assert "<b>" not in costs


def test_sickness_paragraph_with_and_without_data():
    empty = pa.sickness_text(pd.DataFrame(columns=["authority", "teams", "change_pct"]))
    assert "no figures for sickness" in empty
    rows = pd.DataFrame(
        {"authority": ["X", "X"], "teams": ["pa_pilot", "other"], "change_pct": [-50.0, 20.0]}
    )
    assert pa.sickness_text(rows) == (
        "X reported a change of -50% in social worker sickness rates in teams piloting PAs, "
        "against +20% in other teams."
    )


def test_caseload_paragraph_shows_stated_figures_only_when_given():
    rise = {"mean_of_teams": 12.34, "all_teams": 10.0, "teams": 3}
    none = pa.caseload_text(pd.DataFrame(columns=["measure", "change_pct"]), rise, "X")
    assert none.startswith("Recomputed from the team counts (X) as the average of the 3 teams'")
    assert "April 2015 to June 2016" in none and "12.3%" in none
    stated = pd.DataFrame({"measure": ["team", "individual"], "change_pct": [17.0, 13.0]})
    both = pa.caseload_text(stated, rise, "")
    assert both.startswith("The source states a rise in team caseloads of about 17%")
    assert "(all authorities)" in both and both.endswith("rose by 13%.")


def test_optional_tables_may_be_missing(tmp_path):
    import shutil

    from evidencebook.analysis.pack import load_chapter

    pack_dir = tmp_path / "pack"
    shutil.copytree(pack.default_pack_dir(), pack_dir, ignore=NATIONAL)
    (pack_dir / "pa_sickness.csv").unlink()
    (pack_dir / "pa_caseload_change.csv").unlink()
    tables = load_chapter("pa", pack_dir)
    assert tables["pa_sickness"].empty and list(tables["pa_sickness"].columns)[:2] == [
        "authority",
        "teams",
    ]
    figs = pa.figures(REPORT, tables)
    assert "pa.sickness_pa" not in figs and "pa.caseload_individual_rise" not in figs
    assert figs["pa.on_cost"] == pytest.approx(13224.49, abs=0.01)


def test_a_benefit_per_pound_of_a_net_cost_of_0_is_not_available_x_not_withheld_c():
    from evidencebook.chapters.pa import charts

    free = pa.cost_model(dataclasses.replace(SIMPLE, rollout_net_cost=0), 0.4, 0.1, {"A": 2})
    assert pd.isna(free.benefit_per_pound) and free.benefit_per_pound is not pd.NA
    assert figures.plain(free.benefit_per_pound) == "x"
    chart = charts.cost_against_value(free, 1000.0)
    assert "the benefit per pound of x (not available))" in chart.description
    assert "nan" not in chart.description
