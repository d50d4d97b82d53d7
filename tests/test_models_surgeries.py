"""Social worker surgeries: the scaled-up projection and the demand trends."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from helpers import assert_only_changed, pack_without, renamed_pack, withhold

from evidencebook.analysis import figures, pack
from evidencebook.chapters.surgeries import model as surgeries

REPORT = surgeries.SWSAssumptions(
    workers=8,
    worker_salary=31709,
    overhead_rate=0.2,
    authority="Hampshire",
    baseline_from="2015-03",
)


def test_cost_model_by_hand():
    c = surgeries.cost_model(
        surgeries.SWSAssumptions(workers=5, worker_salary=20000, overhead_rate=0.5)
    )
    assert c.worker_cost == 30000
    assert c.scaled_cost == 150000


def test_projection_from_report_inputs():
    c = surgeries.cost_model(REPORT)
    assert c.worker_cost == pytest.approx(38050.8)
    # The report says "approximately £304,000"; 8 x £38,050.80 is £304,406.40.
    assert c.scaled_cost == pytest.approx(304406.4)
    assert round(c.scaled_cost, -3) == 304000


@pytest.mark.parametrize(
    "field, value, changed, unchanged",
    [
        ("workers", 10, ["scaled_cost"], ["worker_cost"]),
        ("worker_salary", 30000, ["worker_cost", "scaled_cost"], []),
        ("overhead_rate", 0.25, ["worker_cost", "scaled_cost"], []),
    ],
)
def test_changed_input_changes_what_depends_on_it(field, value, changed, unchanged):
    base = surgeries.cost_model(REPORT)
    new = surgeries.cost_model(dataclasses.replace(REPORT, **{field: value}))
    assert_only_changed(base, new, changed, unchanged)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"workers": -1},
        {"workers": 2.5},
        {"worker_salary": -1},
        {"overhead_rate": -0.2},
        {"baseline_from": "March 2015"},
    ],
)
def test_impossible_assumptions_are_refused(kwargs):
    with pytest.raises(ValueError):
        dataclasses.replace(REPORT, **kwargs)


def test_rise_and_targets():
    table = pd.DataFrame(
        {"authority": ["Hampshire"] * 2, "month": ["2015-10", "2016-09"], "referrals": [200, 250]}
    )
    assert surgeries.rise(table, "referrals", "2015-10", "2016-09", "Hampshire") == 25
    with pytest.raises(KeyError):
        surgeries.rise(table, "referrals", "2015-10", "2016-10", "Hampshire")
    targets = pd.DataFrame(
        {"measure": ["referrals", "children_in_need"], "target_reduction_pct": [8, None]}
    )
    assert surgeries.target(targets, "referrals") == 8
    assert pd.isna(surgeries.target(targets, "children_in_need"))


def test_pupils_text():
    schools = pd.DataFrame(
        {
            "school": ["additional_needs", "mainstream_secondary"],
            "pupils_low": [50, 600],
            "pupils_high": [60, 600],
        }
    )
    assert surgeries.pupils_text(schools, "additional_needs") == "50-60"
    assert surgeries.pupils_text(schools, "mainstream_secondary") == 600


def test_default_pack_gives_every_reference_figure():
    figs = surgeries.figures(REPORT, pack.load_chapter("surgeries"))
    assert set(figures.reference_ids("sws")) <= set(figs)


def test_default_pack_matches_the_report_within_its_rounding():
    figs = surgeries.figures(REPORT, pack.load_chapter("surgeries"))
    ref = figures.reference_figures().set_index("id")
    for fid in figures.reference_ids("sws"):
        stated = ref.loc[fid, "value"]
        try:
            number = float(stated)
        except ValueError:  # a range of pupils, "50-60"
            assert figs[fid] == stated, fid
            continue
        # Percentages are rounded to whole numbers; the scaled cost to about the nearest
        # £1,000 ("approximately £304,000"; recomputed £304,406).
        tolerance = 500 if fid == "sws.scaled_cost" else 0.5
        assert abs(figs[fid] - number) <= tolerance, (fid, figs[fid], number)


def test_rises_recomputed_from_tables_8_and_9():
    figs = surgeries.figures(REPORT, pack.load_chapter("surgeries"))
    assert figs["sws.referral_rise"] == pytest.approx((9703 - 8582) / 8582 * 100)  # 13.1%
    assert figs["sws.cin_rise"] == pytest.approx((6903 - 5819) / 5819 * 100)  # 18.6%


def test_targets_beside_what_happened():
    out = surgeries.targets_vs_actual(REPORT, pack.load_chapter("surgeries")).set_index("measure")
    assert out.loc["referrals", "target_change_pct"] == -8
    assert out.loc["referrals", "change_pct"] == pytest.approx(13.06, abs=0.01)
    assert out.loc["referrals", "period"] == "2015-10 to 2016-09"
    assert out.loc["referrals", "source"].endswith("; Table 8")
    assert pd.isna(out.loc["children_in_need", "target_change_pct"])
    assert out.loc["children_in_need", "change_pct"] == pytest.approx(18.63, abs=0.01)
    # No Hampshire counts of contacts or assessments in the report.
    assert pd.isna(out.loc["contacts", "change_pct"])
    assert pd.isna(out.loc["assessments", "change_pct"])


# --- any authority -------------------------------------------------------------------------


def test_the_cost_model_alone_reads_no_data():
    costs_only = surgeries.SWSAssumptions(workers=8, worker_salary=31709, overhead_rate=0.2)
    assert surgeries.evidence(costs_only, pack.load_chapter("surgeries")) == {}
    assert surgeries.cost_model(costs_only) == surgeries.cost_model(REPORT)


def test_renamed_authorities_give_the_same_figures(tmp_path):
    tables = pack.load_chapter("surgeries", renamed_pack(tmp_path))
    renamed = dataclasses.replace(REPORT, authority="Northshire")
    ev = surgeries.evidence(renamed, tables)
    assert ev == surgeries.evidence(REPORT, pack.load_chapter("surgeries"))
    figs = surgeries.figures(renamed, tables)
    assert "sws.referral_rise" not in figs  # the report's figure is Hampshire's
    assert figs["sws.scaled_cost"] == pytest.approx(304406.4)
    text = surgeries.demand_text(renamed, ev)
    assert text.startswith("- **Referrals** to Northshire's children's social care went from")
    assert "Hampshire" not in text + surgeries.glance_text(renamed, ev, 8)


def test_a_pack_without_the_pilot_authority(tmp_path):
    tables = pack.load_chapter("surgeries", pack_without(tmp_path, "Hampshire"))
    assert tables["referrals"].empty
    ev = surgeries.evidence(REPORT, tables)
    assert ev == {}
    assert "sws.cin_rise" not in surgeries.figures(REPORT, tables)
    outcomes = surgeries.targets_vs_actual(REPORT, tables)
    assert outcomes["change_pct"].isna().all()
    assert surgeries.outcomes_text(REPORT, outcomes).endswith(
        "It gives none for contacts, referrals, assessments or Children in Need in Hampshire."
    )
    assert surgeries.glance_text(REPORT, ev, 8) == (
        "- The aim was 8% fewer referrals; this data pack has no referral counts for Hampshire "
        "to compare."
    )
    # The Isle of Wight has Children in Need counts but no referrals.
    iow = surgeries.evidence(dataclasses.replace(REPORT, authority="Isle of Wight"), tables)
    assert "referral_rise" not in iow and iow["cin_from"] == "2015-06"


# --- withheld counts -------------------------------------------------------------------------


def _withheld(tables, table, column, where):  # noqa: ANN001, ANN202
    frame = tables[table]
    return dict(tables, **{table: withhold(frame, column, where(frame))})


def test_a_withheld_last_referral_count_withholds_the_rise_and_whether_it_fell():
    tables = pack.load_chapter("surgeries")
    tables = _withheld(tables, "referrals", "referrals", lambda t: t["month"] == "2016-09")
    ev = surgeries.evidence(REPORT, tables)
    assert ev["referrals_first"] == 8582 and ev["referrals_last"] is pd.NA
    assert ev["referral_rise"] is pd.NA
    assert ev["mash_rise"] == pytest.approx(100 * (2519 - 1698) / 1698)  # the MASH counts are shown
    assert ev["cin_rise"] == pytest.approx(100 * (6903 - 5819) / 5819)
    glance = surgeries.glance_text(REPORT, ev, 8)
    assert glance == (
        "- The aim was 8% fewer referrals; across Hampshire, referrals changed by c and "
        "Children in Need by +19% over the same period. The pilot was far too small to move "
        "those numbers."
    )
    demand = surgeries.demand_text(REPORT, ev)
    assert "went from 8,582 in October 2015 to c in September 2016 (c)." in demand
    outcomes = surgeries.targets_vs_actual(REPORT, tables).set_index("measure")
    referrals = outcomes.loc["referrals"]
    assert referrals["withheld"] and pd.isna(referrals["change_pct"])
    assert not outcomes.loc["children_in_need", "withheld"]
    text = surgeries.outcomes_text(REPORT, outcomes.reset_index())
    assert "none for contacts or assessments in Hampshire." in text  # not for referrals
    figs = surgeries.figures(REPORT, tables)
    assert figs["sws.referral_rise"] is pd.NA
    check = figures.compare(figs, "sws").set_index("id")
    assert check.loc["sws.referral_rise", "report"] == "c"  # the report's 13 too
    for words in (glance, demand, text):
        assert "<NA>" not in words and "nan" not in words


def test_a_withheld_mash_count_is_kept_but_a_blank_one_is_not():
    tables = pack.load_chapter("surgeries")
    first = lambda t: t["month"] == "2015-10"  # noqa: E731
    withheld = _withheld(tables, "referrals", "mash_referrals", first)
    ev = surgeries.evidence(REPORT, withheld)
    assert ev["mash_rise"] is pd.NA and ev["referral_rise"] == pytest.approx(13.06, abs=0.01)
    assert "Safeguarding Hub changed by c." in surgeries.demand_text(REPORT, ev)
    blank = dict(tables)
    blank["referrals"] = tables["referrals"].assign(
        mash_referrals=tables["referrals"]["mash_referrals"].mask(first(tables["referrals"]))
    )
    assert "mash_rise" not in surgeries.evidence(REPORT, blank)  # not known: not mentioned


def test_withheld_children_in_need_give_no_higher_or_lower():
    tables = pack.load_chapter("surgeries")
    tables = _withheld(tables, "children_in_need", "children", lambda t: t["month"] == "2014-03")
    ev = surgeries.evidence(REPORT, tables)
    assert ev["cin_before"] is pd.NA and ev["cin_before_month"] == "2014-03"
    text = surgeries.demand_text(REPORT, ev)
    assert text.endswith("In March 2014 the Child in Need count had been c.")
    assert "higher still" not in text


def test_a_count_in_the_text_is_c_where_withheld_and_x_where_not_available():
    assert surgeries._n(pd.NA) == "c" and surgeries._n(None) == "x"
    assert surgeries._n(float("nan")) == "x" and surgeries._n(1234) == "1,234"
