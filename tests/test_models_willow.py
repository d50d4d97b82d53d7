"""The Willow team: Table 25 recomputed by hand, and the figures from the default pack."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from helpers import assert_only_changed

from evidencebook.analysis import figures, pack
from evidencebook.chapters.willow import model as willow

REPORT = willow.WillowAssumptions(
    manager_salary=50789,
    manager_posts=1,
    sw_salary=40913,
    sw_posts=3,
    admin_d_salary=25380,
    admin_d_posts=1,
    admin_c_salary=20242,
    admin_c_posts=1,
    overhead_rate=0.2,
)

SIMPLE = willow.WillowAssumptions(
    manager_salary=50000,
    manager_posts=1,
    sw_salary=40000,
    sw_posts=2,
    admin_d_salary=20000,
    admin_d_posts=1,
    admin_c_salary=10000,
    admin_c_posts=0,
    overhead_rate=0.5,
)


def test_cost_model_by_hand():
    c = willow.cost_model(SIMPLE)
    assert c.lines["total"].tolist() == [50000, 80000, 20000, 0]
    assert c.staffing == 150000
    assert c.overheads == 75000  # 50% of 150,000
    assert c.total == 225000
    assert c.posts == 4


def test_table_25_from_report_inputs():
    c = willow.cost_model(REPORT)
    assert c.lines.set_index("resource")["total"]["Social workers"] == 122739
    assert c.staffing == 219150
    assert c.overheads == pytest.approx(43830)
    assert c.total == pytest.approx(262980)
    assert c.posts == 6


@pytest.mark.parametrize(
    "field, value, changed, unchanged",
    [
        ("overhead_rate", 0.3, ["overheads", "total"], ["staffing"]),
        ("sw_posts", 4, ["staffing", "overheads", "total", "posts"], []),
        ("admin_c_salary", 22000, ["staffing", "total"], ["posts"]),
        ("manager_salary", 55000, ["staffing", "total"], ["posts"]),
    ],
)
def test_changed_input_changes_what_depends_on_it(field, value, changed, unchanged):
    base = willow.cost_model(REPORT)
    new = willow.cost_model(dataclasses.replace(REPORT, **{field: value}))
    assert_only_changed(base, new, changed, unchanged)


def test_one_more_social_worker_adds_a_salary_and_its_overheads():
    base = willow.cost_model(REPORT)
    new = willow.cost_model(dataclasses.replace(REPORT, sw_posts=4))
    assert new.total - base.total == pytest.approx(40913 * 1.2)


@pytest.mark.parametrize(
    "kwargs",
    [{"overhead_rate": -0.1}, {"sw_salary": -1}, {"sw_posts": -1}, {"admin_d_posts": 1.5}],
)
def test_impossible_assumptions_are_refused(kwargs):
    with pytest.raises(ValueError):
        dataclasses.replace(REPORT, **kwargs)


def test_survey_shares_and_bases():
    survey = pd.DataFrame(
        {
            "question": ["advice_and_consultation", "service_overall"],
            "good_or_very_good": [3, 5],
            "respondents": [4, 4],
        }
    )
    assert willow.rated_good(survey, "advice_and_consultation") == (3, 4)
    with pytest.raises(ValueError, match="only 4 answered"):
        willow.rated_good(survey, "service_overall")


def test_ranges_and_samples():
    assert willow.number_or_range(20, 20) == 20
    assert willow.number_or_range(20, 30) == "20-30"
    caseload = pd.DataFrame({"measure": ["children_per_worker"], "low": [30], "high": [20]})
    with pytest.raises(ValueError):
        willow.caseload_range(caseload, "children_per_worker")
    samples = pd.DataFrame(
        {
            "sample": ["case_files", "interview_carer_only", "interview_young_person_only"],
            "count": [10, 3, 2],
        }
    )
    assert willow.samples(samples).families_interviewed == 5
    assert willow.samples(samples).case_files == 10
    assert willow.samples(samples).young_person_and_carer == 0  # no row for it


def test_withheld_interview_counts_and_the_total_built_from_them_are_not_available():
    samples = pd.DataFrame(
        {
            "sample": ["case_files", "interview_carer_only", "interview_young_person_only"],
            "count": pd.array([24, 10, pd.NA], dtype="Int64"),
        }
    )
    counts = willow.samples(samples)
    assert counts.case_files == 24 and counts.carer_only == 10
    assert counts.young_person_only is pd.NA
    assert counts.families_interviewed is pd.NA  # 10 + a withheld count
    tables = pack.load_chapter("willow")
    tables["cse_samples"] = samples
    figs = willow.figures(REPORT, tables)
    assert figs["cse.families_interviewed"] is pd.NA and figs["cse.case_files"] == 24


def test_default_pack_gives_every_reference_figure():
    figs = willow.figures(REPORT, pack.load_chapter("willow"))
    assert set(figures.reference_ids("cse")) <= set(figs)


def test_default_pack_matches_the_report_within_its_rounding():
    figs = willow.figures(REPORT, pack.load_chapter("willow"))
    ref = figures.reference_figures().set_index("id")
    for fid in figures.reference_ids("cse"):
        stated = ref.loc[fid, "value"]
        try:
            number = float(stated)
        except ValueError:  # ranges and counts out of a base: "20-30", "17/19"
            assert figs[fid] == stated, fid
            continue
        # The report rounds percentages to whole numbers (17 of 19 is 89.5%, printed 89%).
        assert abs(figs[fid] - number) <= 0.5, (fid, figs[fid], number)


def test_default_pack_loads_the_missing_returns_table():
    tables = pack.load_chapter("willow")
    assert "missing_returns" in tables
    assert len(tables["missing_returns"]) == 12


def test_quick_totals_are_the_cost_models():
    assert willow.staffing_cost(SIMPLE) == 150000
    assert willow.total_cost(SIMPLE) == 225000
    for a in (SIMPLE, REPORT):
        c = willow.cost_model(a)
        assert (willow.staffing_cost(a), willow.total_cost(a)) == (c.staffing, c.total)
        assert c.staffing == c.lines["total"].sum()
