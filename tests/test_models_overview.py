"""The programme overview: the sample counts, retention and the rise in demand by hand."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from helpers import pack_without, renamed_pack, withhold

from evidencebook.analysis import figures, pack
from evidencebook.chapters.overview import model as overview
from evidencebook.chapters.overview import wording as overview_wording

REPORT = overview.OverviewAssumptions(baseline_from="2015-03", demand_period_end="2016-10")
#: The end the book used to take, which reproduced the report's "11-30%".
SEPTEMBER = overview.OverviewAssumptions(baseline_from="2015-03", demand_period_end="2016-09")


@pytest.fixture(scope="module")
def tables():
    return pack.load_chapter("overview")


def cin(rows):
    return pd.DataFrame(rows, columns=["authority", "month", "children"]).assign(source="t")


def test_retention_share_by_hand():
    assert overview.retention_share(30, 48) == 62.5
    assert overview.retention_share(0, 10) == 0
    assert overview.retention_share(10, 10) == 100


@pytest.mark.parametrize("retained, interviewed", [(11, 10), (-1, 10), (5, 0)])
def test_impossible_retention_is_refused(retained, interviewed):
    with pytest.raises(ValueError):
        overview.retention_share(retained, interviewed)


def test_sample_count():
    sample = pd.DataFrame(
        {
            "sample": ["case_files", "case_files", "staff"],
            "stage": ["baseline", "final", "any_stage"],
            "strand": ["all", "fit", "all"],
            "count": [10, 4, 7],
        }
    )
    assert overview.sample_count(sample, "case_files", "baseline") == 10
    assert overview.sample_count(sample, "case_files", "final", "fit") == 4
    with pytest.raises(KeyError, match="families"):
        overview.sample_count(sample, "families", "final")


def test_demand_rise_by_hand():
    counts = cin(
        [
            ("A", "2014-03", 1000),  # before the baseline: ignored
            ("A", "2015-03", 100),
            ("A", "2016-03", 150),
            ("A", "2016-10", 999),  # after the end of the period: ignored
            ("B", "2015-06", 200),
            ("B", "2016-07", 220),
        ]
    )
    rise = overview.demand_rise(SEPTEMBER, counts).set_index("authority")
    assert rise.loc["A", "change_pct"] == 50
    assert rise.loc["B", "change_pct"] == pytest.approx(10)
    assert (rise.loc["A", "from"], rise.loc["A", "to"]) == ("Mar 2015", "Mar 2016")
    assert overview.demand_range(rise) == (pytest.approx(10), 50)
    assert overview.range_text(10.6, 30.58) == "11-31"


def test_demand_rise_needs_two_counts_in_the_period():
    counts = cin([("A", "2015-03", 100), ("A", "2016-10", 150)])
    with pytest.raises(ValueError, match="two counts for A"):
        overview.demand_rise(SEPTEMBER, counts)


def test_period_must_run_forwards():
    with pytest.raises(ValueError, match="must come after"):
        overview.OverviewAssumptions(baseline_from="2016-09", demand_period_end="2015-03")
    with pytest.raises(ValueError, match="YYYY-MM"):
        overview.OverviewAssumptions(baseline_from="March 2015", demand_period_end="2016-09")


def test_timeline_dates_and_lengths():
    events = pd.DataFrame(
        {
            "event": ["b", "a"],
            "kind": ["evaluation", "programme"],
            "first_month": ["2016-02", "2015-10"],
            "last_month": ["2016-03", "2016-08"],
        }
    )
    out = overview.timeline(events)
    assert list(out["event"]) == ["a", "b"]  # in time order
    assert list(out["months"]) == [11, 2]
    assert out["end"].iloc[1] == pd.Timestamp("2016-03-31")
    events.loc[0, "last_month"] = "2016-01"
    with pytest.raises(ValueError, match="ends before it starts"):
        overview.timeline(events)


def test_default_pack_gives_every_reference_figure(tables):
    figs = overview.figures(REPORT, tables)
    ids = figures.reference_ids("eval") + figures.reference_ids("context")
    assert set(ids) <= set(figs)


def test_default_pack_matches_the_report(tables):
    figs = overview.figures(REPORT, tables)
    ref = figures.reference_figures().set_index("id")
    for fid in figures.reference_ids("eval") + figures.reference_ids("context"):
        if fid == "context.demand_rise":
            continue  # a range: checked below
        # Counts are exact; the retention share (62.5%) is rounded to 63% in the report.
        assert abs(figs[fid] - float(ref.loc[fid, "value"])) <= 0.5, fid


def test_demand_rise_against_the_report(tables):
    # The report says "11-30%". From the counts: Hampshire 5,819 (Mar 2015) to 6,436
    # (Sep 2016) is 10.6%; the Isle of Wight 605 (Jun 2015) to 790 (Jul 2016) is 30.58%, which
    # the report (as in its Table 18) gives as 30% rather than 31%.
    low, high = overview.figures(SEPTEMBER, tables)["context.demand_rise"]
    assert low == pytest.approx(100 * (6436 - 5819) / 5819)
    assert high == pytest.approx(100 * (790 - 605) / 605)
    assert round(low) == 11
    # The book's own demand period runs to each authority's last count (Oct 2016 for
    # Hampshire): not chosen to reproduce the report's range.
    low, _ = overview.figures(REPORT, tables)["context.demand_rise"]
    assert low == pytest.approx(100 * (6903 - 5819) / 5819)


def test_the_report_range_is_described_as_the_report_describes_it(tables):
    rise = overview.demand_rise(REPORT, tables["children_in_need"])
    text = overview_wording.demand_text(rise, "11-30")
    assert "11-30% on average" in text and "locality teams" in text
    assert "cannot be recomputed" in text
    assert "a range of" not in text  # the authorities' changes are not set up as its range
    assert "+18.6% in Hampshire (Mar 2015 to Oct 2016, 19 months)" in text


def test_one_figure_for_children_in_need_in_both_chapters(tables):
    """The programme and demand trends chapters give the same sentence on Children in
    Need, from the same function, with its periods and a like-for-like comparison."""
    from evidencebook.chapters.trends import wording

    rise = overview.demand_rise(REPORT, tables["children_in_need"])
    like = overview.like_rise(REPORT, tables["children_in_need"])
    shared = wording.cin_sentence(tables["children_in_need"], "2015-03", "2016-10")
    assert overview_wording.demand_glance_text(rise, like) == "- " + shared
    assert "+18.6% in Hampshire (Mar 2015 to Oct 2016, 19 months)" in shared
    assert "+30.6% on the Isle of Wight (Jun 2015 to Jul 2016, 13 months)" in shared
    # over the months both counted: Sep 2015 (5,576; 679) to Mar 2016 (6,553; 800)
    assert "over the same months, Sep 2015 to Mar 2016" in shared
    assert f"{100 * (6553 - 5576) / 5576:+.1f}% in Hampshire" in shared
    assert f"{100 * (800 - 679) / 679:+.1f}% on the Isle of Wight" in shared
    assert "10.6%" not in shared


def test_a_changed_input_changes_what_depends_on_it(tables):
    base = overview.figures(REPORT, tables)
    later = overview.figures(dataclasses.replace(REPORT, demand_period_end="2016-09"), tables)
    # Hampshire's September 2016 count (6,436) now ends its period: the low end moves down.
    assert later["context.demand_rise"] != base["context.demand_rise"]
    assert later["eval.staff_retained_share"] == base["eval.staff_retained_share"]
    changed = {k: v.copy() for k, v in tables.items()}
    s = changed["evaluation_sample"]
    s.loc[(s["sample"] == "staff") & (s["stage"] == "every_stage"), "count"] = 24
    new = overview.figures(REPORT, changed)
    assert new["eval.staff_retained_share"] == 50
    assert new["context.demand_rise"] == base["context.demand_rise"]


def test_extra_figures(tables):
    extra = overview.extra_figures(REPORT, tables)
    assert extra["overview.elements"] == 7
    # The final case files by strand add up to the total (the report notes some overlap).
    assert extra["overview.case_files_final_strands_sum"] == 101
    assert extra["overview.staff_not_retained"] == 18
    assert extra["overview.demand_rise_text"] == "19-31"
    assert extra["overview.months_running_after_bid"] == 6


# --- any authority -------------------------------------------------------------------------


def test_renamed_authorities_give_the_same_figures(tables, tmp_path):
    renamed = pack.load_chapter("overview", renamed_pack(tmp_path))
    rise = overview.demand_rise(REPORT, renamed["children_in_need"])
    assert rise["authority"].tolist() == ["Northshire", "Southby"]
    default = overview.demand_rise(REPORT, tables["children_in_need"])
    assert rise.drop(columns="authority").equals(default.drop(columns="authority"))
    figs = overview.figures(REPORT, renamed)
    assert figs["context.demand_rise"] == overview.figures(REPORT, tables)["context.demand_rise"]
    assert "context.hants_population" not in figs
    text = overview_wording.demand_glance_text(rise) + overview_wording.population_text(
        renamed["authority_context"].set_index("authority")["population"]
    )
    assert "+18.6% in Northshire (Mar 2015 to Oct 2016, 19 months) and +30.6% in Southby" in text
    assert "Northshire's population is about 9.5 times as large as Southby's." in text
    assert "Hampshire" not in text


def test_a_pack_with_one_authority(tmp_path):
    tables = pack.load_chapter("overview", pack_without(tmp_path, "Hampshire"))
    rise = overview.demand_rise(REPORT, tables["children_in_need"])
    assert rise["authority"].tolist() == ["Isle of Wight"]
    figs = overview.figures(REPORT, tables)
    assert figs["context.iow_population"] == 138300 and "context.hants_population" not in figs
    assert figs["context.demand_rise"][0] == figs["context.demand_rise"][1]
    assert (
        overview_wording.population_text(
            tables["authority_context"].set_index("authority")["population"]
        )
        == "The Isle of Wight has about 138,300 people."
    )
    text = overview_wording.demand_text(rise, "11-30")
    assert "the change was +30.6% on the Isle of Wight (Jun 2015 to Jul 2016, 13 months)." in text
    assert "a range of" not in text


# --- withheld counts -------------------------------------------------------------------------


def test_a_withheld_count_withholds_its_change_and_the_range_only():
    counts = cin(
        [
            ("A", "2015-03", 100),
            ("A", "2016-03", 150),
            ("B", "2015-06", 200),
            ("B", "2016-06", 7),  # withheld
        ]
    )
    counts = withhold(counts, "children", counts["children"] == 7)
    rise = overview.demand_rise(REPORT, counts).set_index("authority")
    assert rise.loc["A", "change_pct"] == 50 and rise.loc["A", "last"] == 150
    assert rise.loc["B", "last"] is pd.NA and rise.loc["B", "change_pct"] is pd.NA
    assert rise.loc["B", "first"] == 200
    low, high = overview.demand_range(rise.reset_index())
    assert low is pd.NA and high is pd.NA  # the range of A's change alone would not be it
    assert overview.range_text(low, high) == "c"
    glance = overview_wording.demand_glance_text(rise.reset_index())
    assert glance == (
        "- The number of Children in Need changed by +50.0% in A (Mar 2015 to Mar 2016, "
        "12 months) and c in B (Jun 2015 to Jun 2016, 12 months)."
    )
    text = overview_wording.demand_text(rise.reset_index(), "11-30")
    assert "11-30" not in text and "(withheld here, c, as it would give away" in text
    assert "+50.0% in A (Mar 2015 to Mar 2016, 12 months) and c in B (Jun 2015 to Jun 2016, " in (
        text
    )
    for words in (glance, text):
        assert "<NA>" not in words and "nan" not in words


def test_withheld_case_files_withhold_their_sum_but_not_the_other_counts(tables):
    sample = tables["evaluation_sample"]
    sample = withhold(
        sample, "count", (sample["strand"] == "edge") | (sample["sample"] == "families")
    )
    withheld_tables = dict(tables, evaluation_sample=sample)
    figs = overview.figures(REPORT, withheld_tables)
    assert figs["eval.families_interviewed"] is pd.NA
    assert figs["eval.case_files_final"] == 101 and figs["eval.case_files_baseline"] == 65
    assert figs["eval.staff_retained_share"] == 62.5
    extra = overview.extra_figures(REPORT, withheld_tables)
    assert extra["overview.case_files_final_edge"] is pd.NA
    assert extra["overview.case_files_final_fit"] == 49
    assert extra["overview.case_files_final_strands_sum"] is pd.NA  # 101 less it gives edge
    assert (
        extra["overview.demand_rise_text"]
        == overview.extra_figures(REPORT, tables)["overview.demand_rise_text"]
    )
    check = figures.compare(figs, "eval").set_index("id")
    assert check.loc["eval.families_interviewed", "report"] == "c"  # the report's 35 too
    assert check.loc["eval.case_files_final", "report"] == "101"


def test_a_withheld_children_in_need_count_withholds_the_demand_range(tables):
    need = tables["children_in_need"]
    october = (need["authority"] == "Hampshire") & (need["month"] == "2016-10")
    need = withhold(need, "children", october)
    figs = overview.figures(REPORT, dict(tables, children_in_need=need))
    low, high = figs["context.demand_rise"]
    assert low is pd.NA and high is pd.NA
    check = figures.compare(figs, "context").set_index("id")
    assert check.loc["context.demand_rise", "report"] == "c"  # the report's 11-30 too


# --- what the chapter computes for its notebook ------------------------------------------------


def test_compute_gives_every_part_the_notebook_shows(tables):
    from evidencebook.chapters import overview as chapter

    result = chapter.compute(tables, chapter.Parameters())
    assert result["context.demand_rise"] == "19-31"
    assert result["overview.demand_rise_stated"] == "11-30"
    assert result.figures["overview.elements"].source == chapter.WORKED_OUT
    assert set(result.text) == {"demand_glance", "population", "demand", "key_results"}
    assert set(result.charts) == {
        "demand_chart",
        "timeline_chart",
        "case_files_chart",
        "staff_chart",
    }
    assert list(result.tables) == ["elements", "questions", "activities", "check"]
    assert result.tables["elements"].frame.columns.tolist() == [
        "Element",
        "What it offered",
        "Source",
    ]


def test_check_value_by_hand():
    assert overview.check_value((10.62, 30.58)) == "10.6-30.6"
    assert overview.check_value((pd.NA, pd.NA)) == "c"
    assert overview.check_value(None) == "not in this pack"
    assert overview.check_value(float("nan")) == "not in this pack"
    assert overview.check_value("c") == "c"
    assert overview.check_value(1234.0) == "1,234"
    assert overview.check_value(62.5) == "62.5"


def test_key_results_write_c_for_withheld_counts():
    sample = pd.DataFrame(
        {
            "sample": ["case_files", "staff"],
            "stage": ["final", "any_stage"],
            "strand": ["fit", "all"],
            "count": pd.array([pd.NA, 48], dtype="Int64"),
        }
    )
    rise = pd.DataFrame(
        {"authority": ["A"], "from": ["Mar 2015"], "to": ["Oct 2016"], "change_pct": [18.64]}
    )
    out = overview.key_results(sample, {"eval.staff_retained_share": 62.5}, rise)
    assert out["item"].tolist() == [
        "case_files / final / fit",
        "staff / any_stage / all",
        "staff retained (%)",
        "demand rise A Mar 2015-Oct 2016 (%)",
    ]
    assert out["count"].tolist() == ["c", 48, 62.5, 18.6]


def test_charts_of_the_default_pack(tables):
    from evidencebook.chapters.overview import charts

    figs = overview.figures(REPORT, tables)
    rise = overview.demand_rise(REPORT, tables["children_in_need"])
    demand = charts.demand(
        tables["children_in_need"], rise, figs["context.demand_rise"], "2015-03", "2016-10"
    )
    assert "The shaded band marks the range 18.6% to 30.6%" in demand.description
    staff = charts.staff(figs)
    assert staff.data["people"].tolist() == [
        figs["eval.staff_interviewed"],
        figs["eval.staff_retained"],
    ]
    files = charts.case_files(tables["evaluation_sample"], figs)
    assert files.data["strand"].tolist() == ["FIT", "Willow", "Edge of care", "Volunteering"]
    assert charts.timeline(tables["programme_timeline"]).description.startswith("Timeline. ")


def test_a_withheld_range_is_not_drawn_but_said(tables):
    from evidencebook.chapters.overview import charts

    rise = overview.demand_rise(REPORT, tables["children_in_need"])
    demand = charts.demand(tables["children_in_need"], rise, (pd.NA, pd.NA), "2015-03", "2016-10")
    assert "the range is withheld (c), as a count it needs is." in demand.description


def test_a_range_or_check_value_is_c_where_withheld_and_x_where_not_available():
    assert overview.range_text(pd.NA, 30) == "c" and overview.range_text(10, pd.NA) == "c"
    assert overview.range_text(float("nan"), 30) == "x" and overview.range_text(10, None) == "x"
    assert overview.range_text(11, 31) == "11-31"
    assert overview.check_value((float("nan"), 30.0)) == "x"
    assert overview.check_value((pd.NA, 30.0)) == "c"
