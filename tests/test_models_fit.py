"""The FIT cost model and figures: every derived figure recomputed by hand from its inputs."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from helpers import RENAMED, assert_only_changed, pack_without, renamed_pack, withhold

from evidencebook.analysis import figures, pack
from evidencebook.chapters.fit import model as fit

REPORT = fit.FITAssumptions(
    da_salary=32825,
    sm_salary=45511,
    mh_salary=35853,
    overhead_per_worker=2000,
    mh_cost_low=28792,
    mh_cost_high=46133,
)

# Small hand-made inputs whose results are easy to work out on paper.
SIMPLE = fit.FITAssumptions(
    da_salary=10000,
    sm_salary=20000,
    mh_salary=30000,
    overhead_per_worker=1000,
    mh_cost_low=25000,
    mh_cost_high=35000,
)
MAKEUP = pd.DataFrame(
    {
        "authority": ["A", "A", "B"],
        "makeup": ["Full team", "Domestic abuse only", "Two workers"],
        "teams": [1, 2, 3],
        "da_workers": [1, 1, 1],
        "sm_workers": [1, 0, 1],
        "mh_workers": [1, 0, 0],
    }
)
FAMILIES = pd.DataFrame(
    {
        "authority": ["A", "B"],
        "families": [50, 40],
        "period_start": ["2016-01", "2016-01"],
        "period_end": ["2016-06", "2016-12"],
    }
)


def test_cost_model_by_hand():
    c = fit.cost_model(SIMPLE, MAKEUP, FAMILIES)
    assert c.worker_cost == {
        "domestic_abuse": 11000,
        "substance_misuse": 21000,
        "mental_health": 31000,
    }
    assert c.full_team_cost == 63000  # 11,000 + 21,000 + 31,000
    assert c.full_team_cost_mh_low == 57000  # 11,000 + 21,000 + 25,000
    assert c.full_team_cost_mh_high == 67000  # 11,000 + 21,000 + 35,000
    assert c.fielded["cost_per_team"].tolist() == [63000, 11000, 32000]
    assert c.fielded["cost"].tolist() == [63000, 22000, 96000]
    assert c.fielded_cost == {"A": 85000, "B": 96000}
    assert c.planned_cost == {"A": 189000, "B": 189000}  # 3 full teams each
    assert c.months == {"A": 6, "B": 12}
    assert c.period_cost == {"A": 42500, "B": 96000}  # half a year for A
    assert c.cost_per_family == {"A": 850, "B": 2400}  # 42,500 / 50; 96,000 / 40
    assert c.cost_per_family_all == pytest.approx(138500 / 90)


def test_report_worker_costs_from_report_inputs():
    t = pack.load_chapter("fit")
    c = fit.cost_model(REPORT, t["fit_team_makeup"], t["fit_families"])
    assert c.worker_cost == {
        "domestic_abuse": 34825,
        "substance_misuse": 47511,
        "mental_health": 37853,
    }
    assert c.full_team_cost == 120189  # not in the report: the three added up


def test_months_between():
    assert fit.months_between("2016-01", "2016-06") == 6
    assert fit.months_between("2015-10", "2016-09") == 12
    assert fit.months_between("2016-03", "2016-03") == 1
    with pytest.raises(ValueError):
        fit.months_between("2016-06", "2016-01")


@pytest.mark.parametrize(
    "field, value, changed, unchanged",
    [
        (
            "overhead_per_worker",
            3000,
            ["worker_cost", "full_team_cost", "fielded_cost", "cost_per_family"],
            ["months", "families"],
        ),
        (
            "mh_salary",
            40000,
            ["full_team_cost", "planned_cost", "fielded_cost"],
            ["full_team_cost_mh_low", "full_team_cost_mh_high"],
        ),
        (
            "sm_salary",
            50000,
            ["full_team_cost", "full_team_cost_mh_low", "fielded_cost"],
            ["months", "families"],
        ),
        ("mh_cost_high", 50000, ["full_team_cost_mh_high"], ["full_team_cost", "fielded_cost"]),
        ("da_salary", 30000, ["worker_cost", "cost_per_family_all"], ["months"]),
    ],
)
def test_changed_input_changes_what_depends_on_it(field, value, changed, unchanged):
    base = fit.cost_model(REPORT, MAKEUP, FAMILIES)
    new = fit.cost_model(dataclasses.replace(REPORT, **{field: value}), MAKEUP, FAMILIES)
    assert_only_changed(base, new, changed, unchanged)


def test_mental_health_worker_only_counts_where_fielded():
    # Team B has no mental health worker, so its cost ignores that salary.
    base = fit.cost_model(REPORT, MAKEUP, FAMILIES)
    new = fit.cost_model(dataclasses.replace(REPORT, mh_salary=40000), MAKEUP, FAMILIES)
    assert new.fielded_cost["B"] == base.fielded_cost["B"]
    assert new.fielded_cost["A"] != base.fielded_cost["A"]


def test_more_families_lower_the_cost_per_family():
    more = FAMILIES.assign(families=[100, 80])
    assert fit.cost_model(SIMPLE, MAKEUP, more).cost_per_family == {"A": 425, "B": 1200}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"da_salary": -1},
        {"overhead_per_worker": -1},
        {"mh_cost_low": 50000},  # above the high end
    ],
)
def test_impossible_assumptions_are_refused(kwargs):
    with pytest.raises(ValueError):
        dataclasses.replace(REPORT, **kwargs)


def test_smallest_base():
    assert fit.smallest_base([50]) == 2
    assert fit.smallest_base([29, 44, 53, 26]) == 34  # 10, 15, 18 and 9 of 34
    assert fit.smallest_base([33, 67]) == 3
    assert fit.smallest_base([45], largest=10) is None  # 5 of 11 is the first fit


def test_starts_by_quarter_adds_ages_14_to_18():
    quarterly = pd.DataFrame(
        {
            "authority": ["A"] * 4,
            "quarter": ["2015-Q3", "2015-Q3", "2015-Q3", "2015-Q4"],
            "age": ["all ages", "14", "15", "all ages"],
            "children": pd.array([100, 5, 7, 120], dtype="Int64"),
        }
    )
    out = fit.starts_by_quarter(quarterly).set_index(["series", "quarter"])["children"]
    assert out[("A, ages 14 to 18", "2015-Q3")] == 12
    assert out[("A, all ages", "2015-Q4")] == 120
    assert fit.starts(quarterly, "A", "2015-Q3") == 100
    with pytest.raises(KeyError):
        fit.starts(quarterly, "A", "2016-Q1")


def test_default_pack_gives_every_reference_figure():
    figs = fit.figures(REPORT, pack.load_chapter("fit"))
    assert set(figures.reference_ids("fit")) <= set(figs)


def test_default_pack_matches_the_report_within_its_rounding():
    figs = fit.figures(REPORT, pack.load_chapter("fit"))
    ref = figures.reference_figures().set_index("id")
    for fid in figures.reference_ids("fit"):
        stated = float(ref.loc[fid, "value"])
        # The report rounds percentages to whole numbers.
        assert abs(figs[fid] - stated) <= 0.5, (fid, figs[fid], stated)


def test_looked_after_rise_recomputed_from_table_12():
    figs = fit.figures(REPORT, pack.load_chapter("fit"))
    # 133 children in July-September 2015, 204 in July-September 2016; the report says 53%.
    assert figs["fit.cla_starts_hants"] == pytest.approx((204 - 133) / 133 * 100)


def test_families_total_is_the_authorities_added_up():
    figs = fit.figures(REPORT, pack.load_chapter("fit"))
    assert figs["fit.families_total"] == figs["fit.families_hants"] + figs["fit.families_iow"]


def test_a_missing_case_file_row_leaves_only_its_figure_out():
    tables = pack.load_chapter("fit")
    case_files = tables["fit_case_files"]
    tables["fit_case_files"] = case_files[case_files["measure"] != "engaged"]
    figs = fit.figures(REPORT, tables)
    assert not {"fit.engagement_hants", "fit.engagement_iow", "fit.engagement_before"} & set(figs)
    assert figs["fit.trio_all3_hants"] == 29


def test_likely_bases_from_the_default_pack():
    bases = fit.likely_bases(pack.load_chapter("fit")["fit_case_files"])
    found = dict(zip(bases["sample"], bases["smallest_base"], strict=True))
    # 34 + 15 = 49, the FIT case files of Table 1; 65 is Table 1's baseline sample.
    assert found["Hampshire, toxic trio issues and history"] == 34
    assert found["Isle of Wight, toxic trio issues"] == 15
    assert found["Baseline, toxic trio issues"] == 65


def test_worker_and_full_team_costs_by_hand():
    assert fit.worker_costs(SIMPLE) == {
        "domestic_abuse": 11000,
        "substance_misuse": 21000,
        "mental_health": 31000,
    }
    assert fit.full_team_cost(SIMPLE) == 63000
    assert fit.full_team_cost(REPORT) == 34825 + 47511 + 37853  # Appendix 4's three costs
    costs = fit.cost_model(REPORT, MAKEUP, FAMILIES)
    assert costs.full_team_cost == fit.full_team_cost(REPORT)


def test_inferred_count_is_the_nearest_whole_number_of_the_base():
    assert fit.inferred_count(29, 34) == 10  # 29.4%
    assert fit.inferred_count(26, 34) == 9  # 26.5%
    assert fit.inferred_count(8, 13) == 1  # 7.7%
    assert fit.inferred_count(0, 5) == 0 and fit.inferred_count(100, 5) == 5
    with pytest.raises(ValueError):
        fit.inferred_count(50, 0)
    with pytest.raises(ValueError):
        fit.inferred_count(101, 10)


def test_no_interval_rests_on_a_base_the_report_does_not_give():
    """The report gives no bases for the case file percentages, and the smallest samples its
    rounding allows differ for the same families (34 and 25 in Hampshire, 15 and 13 on the
    Isle of Wight): nothing in the chapter's text may put an interval on a guessed base."""
    tables = pack.load_chapter("fit")
    case_files = tables["fit_case_files"]
    bases = fit.likely_bases(case_files)
    found = dict(zip(bases["sample"], bases["smallest_base"], strict=True))
    assert found["Hampshire, short-term outcomes"] == 25  # not 34: no one sample fits both
    stated = fit.stated_shares(case_files)
    assert stated == {}  # the default pack states no base
    ev, before, samples = fit.evidence(tables), fit.baseline(case_files), tables["fit_samples"]
    texts = [
        fit.glance_text(ev, before, stated, samples),
        fit.baseline_text(before, stated, bases, samples),
        fit.profile_text(ev, stated, bases, samples),
        fit.outcomes_text(ev, stated, bases),
    ]
    for text in texts:
        assert "% interval" not in text
    glance = texts[0]
    assert "Before the pilot, 29% had all three (a rough figure: the report gives no base" in glance
    assert "only that 65 case files were read at baseline (Table 1), so no interval" in glance
    assert "no one sample fits every percentage" in texts[2]


def test_a_stated_base_gets_an_interval_with_the_base_shown():
    tables = pack.load_chapter("fit")
    case_files = tables["fit_case_files"].copy()
    rows = (case_files["period"] == "baseline") | (
        (case_files["authority"] == "Hampshire") & (case_files["measure"] == "clearly_positive")
    )
    case_files["case_files"] = pd.array([65 if r else None for r in rows], dtype="Int64")
    stated = fit.stated_shares(case_files)
    assert stated[("Hampshire", "pilot", "clearly_positive")] == (13, 65)  # 20% of 65
    assert ("Isle of Wight", "pilot", "clearly_positive") not in stated
    before = fit.baseline(case_files)
    glance = fit.glance_text(fit.evidence(tables), before, stated, tables["fit_samples"])
    assert "Before the pilot, 19 of 65" not in glance
    assert "Before the pilot, 29% (19 of 65; 95% interval 20% to 41%) had all three." in glance
    # Isle of Wight's share has no stated base: still said in words
    assert "8% of the families sampled on the Isle of Wight; the samples were small, so" in glance
    for (authority, period, measure), (k, n) in stated.items():
        share = fit.case_file_share(case_files, authority, period, measure)
        assert round(100 * k / n) == share  # the count reproduces the percentage


def test_staffing_is_said_as_the_report_says_it():
    """FIT findings: the Isle of Wight had 2 full teams 'for the majority of the pilot
    period', its domestic abuse posts hard to fill at first (Key findings); not fully
    staffed throughout."""
    ev = fit.evidence(pack.load_chapter("fit"))
    text = fit.teams_text(ev) + fit.glance_text(ev, None, {})
    assert "for the majority of the pilot period" in text
    assert "domestic abuse posts were hard to fill" in text
    assert "fully staffed for the 6 months counted" not in text
    assert "were all full three-worker teams" not in text


# --- any authority -------------------------------------------------------------------------


def test_evidence_is_read_for_each_authority_in_pack_order():
    ev = fit.evidence(pack.load_chapter("fit"))
    assert list(ev) == ["Hampshire", "Isle of Wight"]
    hants, iow = ev["Hampshire"], ev["Isle of Wight"]
    assert (hants.teams.total, hants.teams.full, hants.teams.da_only) == (8, 1, 3)
    assert hants.fit_teams_cla_starts == 80 and hants.cla_starts_stated == 53
    assert (hants.starts.first_quarter, hants.starts.year_on_quarter) == ("2015-Q3", "2016-Q3")
    # The Isle of Wight has no count for July to September 2016: no change a year on.
    assert not iow.starts.compared and iow.starts.change is None
    assert iow.starts.last_quarter == "2016-Q2"
    assert iow.open_cpp == -24 and iow.cpp_new_low is None


def test_renamed_authorities_give_the_same_figures(tmp_path):
    default_tables = pack.load_chapter("fit")
    tables = pack.load_chapter("fit", renamed_pack(tmp_path))
    default, renamed = fit.evidence(default_tables), fit.evidence(tables)
    assert list(renamed) == [RENAMED[a] for a in default]
    for old, new in RENAMED.items():
        assert renamed[new] == default[old]
    before = fit.baseline(tables["fit_case_files"])
    assert before.label == "Northshire and Southby"
    default_before = fit.baseline(default_tables["fit_case_files"])
    assert dataclasses.replace(before, label=default_before.label) == default_before
    default_bases = fit.likely_bases(default_tables["fit_case_files"])["smallest_base"]
    assert fit.likely_bases(tables["fit_case_files"])["smallest_base"].tolist() == (
        default_bases.tolist()
    )
    figs = fit.figures(REPORT, tables)
    # Only the baseline and the parameter-based figures keep the report's ids.
    assert "fit.engagement_hants" not in figs and figs["fit.engagement_before"] == 29
    assert figs["fit.families_total"] == 502
    stated = fit.stated_shares(tables["fit_case_files"])
    text = fit.glance_text(renamed, before, stated)
    assert "only 1 of Northshire's 8 teams was fully staffed" in text
    assert "about 70% in Northshire and 87% in Southby" in text and "Hampshire" not in text


def test_a_pack_with_one_authority(tmp_path):
    tables = pack.load_chapter("fit", pack_without(tmp_path, "Hampshire"))
    assert tables["fit_new_cpp"].empty
    ev = fit.evidence(tables)
    assert list(ev) == ["Isle of Wight"]
    figs = fit.figures(REPORT, tables)
    assert figs["fit.engagement_iow"] == 87 and figs["fit.families_total"] == 181
    assert not {"fit.engagement_hants", "fit.engagement_before", "fit.cpp_new_low"} & set(figs)
    before = fit.baseline(tables["fit_case_files"])
    assert before is None
    stated = fit.stated_shares(tables["fit_case_files"])
    bases = fit.likely_bases(tables["fit_case_files"])
    assert fit.baseline_text(before, stated, bases).startswith("This data pack has no figures")
    assert fit.teams_text(ev).startswith(
        "On the Isle of Wight, both teams were fully staffed (2 full teams were secured for the "
        "majority of the pilot period"
    )
    assert fit.engagement_text(ev, before) == (
        "With FIT, about 87% of families on the Isle of Wight took up help at first (case file "
        "analysis)."
    )
    assert "no count for July to September 2016 to compare like with like" in (
        fit.published_text(ev)
    )
    costs = fit.cost_model(REPORT, tables["fit_team_makeup"], tables["fit_families"])
    assert "across" not in fit.per_family_text(costs)
    steps = fit.cost_steps(REPORT, costs)
    assert not steps["step"].str.startswith("Both").any()


def test_paragraphs_escape_pack_text():
    ev = {
        "A <b>": fit.FITEvidence(
            teams=fit.TeamsFielded(total=3, full=0, da_only=3, da_sm=0, other=0, full_basis=""),
            shares=fit.CaseFileShares(engaged=50.0),
        )
    }
    assert fit.teams_text(ev).startswith(
        "In A &lt;b&gt;, 0 of the 3 teams were fully staffed; 3 only ever recruited"
    )
    assert "<b>" not in fit.glance_text(ev, None, {})


# --- withheld counts ------------------------------------------------------------------------


def test_a_withheld_family_count_withholds_its_cost_per_family_and_the_total():
    families = withhold(FAMILIES, "families", FAMILIES["authority"] == "B")
    c = fit.cost_model(SIMPLE, MAKEUP, families)
    assert c.families["A"] == 50 and c.families["B"] is pd.NA
    assert c.cost_per_family["A"] == 850  # 42,500 / 50, as before
    assert c.cost_per_family["B"] is pd.NA
    assert c.cost_per_family_all is pd.NA  # the total of families needs B's
    assert c.period_cost == {"A": 42500, "B": 96000}  # no count in it: still given
    steps = fit.cost_steps(SIMPLE, c).set_index("step")
    assert steps.loc["B: cost per family (illustration)", "how"] == "12 months' cost / c families"
    assert steps.loc["Both authorities: cost per family (illustration)", "gbp"] is pd.NA
    assert steps.loc["A: cost per family (illustration)", "gbp"] == 850
    text = fit.per_family_text(c)
    assert "£850 a family in A, c a family in B and c across both" in text
    assert "£96,000 in B" in text


def test_withheld_families_show_as_c_and_withhold_the_total():
    tables = pack.load_chapter("fit")
    fam = tables["fit_families"]
    tables["fit_families"] = withhold(fam, "families", fam["authority"] == "Isle of Wight")
    figs = fit.figures(REPORT, tables)
    assert figs["fit.families_iow"] is pd.NA and figs["fit.families_total"] is pd.NA
    assert figs["fit.families_hants"] == 321 and figs["fit.engagement_iow"] == 87
    ev = fit.evidence(tables)
    assert fit.families_text(ev) == (
        "Even so, c families took part in some way in the 6 months from January to June 2016: "
        "321 in Hampshire and c on the Isle of Wight."
    )
    assert "- c families took part in some way from January to June 2016 (321 in Hampshire, c " in (
        fit.glance_text(ev, None, {})
    )


def test_withheld_new_plans_and_case_file_samples_show_as_c():
    tables = pack.load_chapter("fit")
    plans = tables["fit_new_cpp"]
    tables["fit_new_cpp"] = withhold(plans, "plans", plans["level"] == "lowest")
    samples = tables["fit_samples"]
    samples = withhold(samples, "case_files", samples["sample"] == "fit_case_files")
    figs = fit.figures(REPORT, tables)
    assert figs["fit.cpp_new_low"] is pd.NA and figs["fit.cpp_new_high"] == 180
    ev = fit.evidence(tables)
    assert "varied in Hampshire from c to 180." in fit.demand_text(ev)
    case_files = tables["fit_case_files"]
    text = fit.profile_text(
        ev, fit.stated_shares(case_files), fit.likely_bases(case_files), samples
    )
    assert "Table 1 lists c case files read mainly about FIT and 65 at baseline." in text


def quarterly_with_a_gap() -> pd.DataFrame:
    """Two authorities' quarterly starts: A with ages 14 and 15, B with a quarter of no
    data (blank), as a loaded table (index: line numbers)."""
    frame = pd.DataFrame(
        {
            "authority": ["A"] * 9 + ["B"] * 3,
            "quarter": ["2015-Q3"] * 3 + ["2015-Q4"] * 3 + ["2016-Q3"] * 3
            + ["2015-Q3", "2015-Q4", "2016-Q3"],
            "age": ["all ages", "14", "15"] * 3 + ["all ages"] * 3,
            "children": pd.array([100, 5, 7, 120, 6, 8, 150, 9, 4, 30, 40, None], dtype="Int64"),
        },
        index=range(2, 14),
    )  # fmt: skip
    frame[pack.withheld_column("children")] = False  # as loaded: nothing withheld
    return frame


def test_a_withheld_quarter_is_not_skipped_and_a_blank_one_is():
    quarterly = quarterly_with_a_gap()
    rows = quarterly["age"] == "all ages"
    first_a = rows & (quarterly["authority"] == "A") & (quarterly["quarter"] == "2015-Q3")
    quarterly = withhold(quarterly, "children", first_a)
    tables = pack.load_chapter("fit")
    tables["looked_after_starts_quarterly"] = quarterly
    tables["fit_families"] = pd.DataFrame(
        {"authority": ["A", "B"], "families": pd.array([50, 40], dtype="Int64"),
         "period_start": ["2016-01"] * 2, "period_end": ["2016-06"] * 2}
    )  # fmt: skip
    ev = fit.evidence(tables)
    a, b = ev["A"], ev["B"]
    # A's first quarter is withheld, not missing: it is still the first, so the change a
    # year on (needing it) is withheld; the last quarter is shown
    assert a.starts.first_quarter == "2015-Q3" and a.starts.first is pd.NA
    assert a.starts.year_on == 150 and a.starts.change is pd.NA
    # B has no data for 2016-Q3: its last counted quarter is 2015-Q4, and no change is given
    assert b.starts.last_quarter == "2015-Q4" and not b.starts.compared
    assert b.starts.first == 30 and b.starts.last == 40
    text = fit.demand_text(ev)
    assert (
        "recomputed from the quarterly counts (c children in July to September 2015, 150 in "
        in (text)
    )
    assert "the change was c." in text
    rows = fit.demand_rows(ev).set_index("measure")["change_pct"]
    assert pd.isna(rows["Starts, all A"])


def test_a_withheld_age_withholds_the_14_to_18_total_of_its_quarter_only():
    quarterly = quarterly_with_a_gap()
    age = (quarterly["age"] == "15") & (quarterly["quarter"] == "2016-Q3")
    out = fit.starts_by_quarter(withhold(quarterly, "children", age))
    out = out.set_index(["series", "quarter"])["children"]
    assert out[("A, ages 14 to 18", "2015-Q3")] == 12 and out[("A, ages 14 to 18", "2015-Q4")] == 14
    assert pd.isna(out[("A, ages 14 to 18", "2016-Q3")])  # not 9: that would be wrong
    assert out[("A, all ages", "2016-Q3")] == 150
    assert ("B, all ages", "2016-Q3") not in out.index  # no data: left out, not withheld
    assert out[("B, all ages", "2015-Q4")] == 40


def test_the_stated_change_stands_in_for_a_withheld_recomputed_one():
    starts = fit.QuarterlyStarts(
        first_quarter="2015-Q3", first=pd.NA, last_quarter="2016-Q3", last=204,
        year_on_quarter="2016-Q3", year_on=204, change=pd.NA,
    )  # fmt: skip
    ev = {"A": fit.FITEvidence(fit_teams_cla_starts=80.0, cla_starts_stated=53.0, starts=starts)}
    text = fit.demand_text(ev)
    assert "faster than across the whole of A" in text  # 80 > the stated 53
    assert "the source says 53%; recomputed from the quarterly counts (c children in July to " in (
        text
    )
    assert "it is c." in text


def test_withheld_published_years_give_no_direction():
    published = fit.PublishedStarts(prev_year=2015, prev=pd.NA, last_year=2016, last=75)
    ev = {"A": fit.FITEvidence(published=published)}
    text = fit.published_text(ev)
    assert text == (
        "The published yearly figures for A were c children starting to be looked after in the "
        "year to March 2015 and 75 in the year to March 2016."
    )
    assert "fall" not in text and "rise" not in text


def test_evidence_names_only_the_figures_the_pack_has():
    ev = fit.FITEvidence(
        shares=fit.CaseFileShares(engaged=70.0),
        open_cpp=pd.NA,
        starts=fit.QuarterlyStarts("2015-Q3", 30, "2015-Q4", 40, "2016-Q3"),
    )
    # no count a year on: no recomputed change; a withheld stated change is still named
    assert ev.by_name() == {"engaged": 70.0, "open_cpp": pd.NA}
    assert fit.FITEvidence().by_name() == {}
    with pytest.raises(KeyError):
        ev.shares.share("domestic_abuse")


def test_case_file_shares_give_what_case_file_share_gives():
    case_files = pd.DataFrame(
        {
            "authority": ["A", "A", "B", "B"],
            "period": ["pilot", "baseline", "pilot", "pilot"],
            "measure": ["mixed", "mixed", "mixed", "mixed"],
            "share_pct": pd.array([20.0, 30.0, 40.0, None], dtype="Float64"),
        }
    )
    found = fit.case_file_shares(case_files)
    assert found.share("A", "pilot", "mixed") == fit.case_file_share(
        case_files, "A", "pilot", "mixed"
    )
    assert found.share("A", "baseline", "mixed") == 30.0
    for authority, period in (("B", "pilot"), ("C", "pilot")):  # two rows; none
        with pytest.raises(KeyError, match=f"no single row for {authority}, {period}, mixed"):
            found.share(authority, period, "mixed")


def test_figures_from_evidence_and_costs_worked_out_once_are_the_same():
    tables = pack.load_chapter("fit")
    costs = fit.cost_model(REPORT, tables["fit_team_makeup"], tables["fit_families"])
    once = fit.figures(REPORT, tables, fit.evidence(tables), costs)
    assert once == fit.figures(REPORT, tables)
