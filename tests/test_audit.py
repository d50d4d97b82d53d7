"""The arithmetic audit's logic, on hand-made cases."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.chapters.audit import model as audit


@pytest.mark.parametrize(
    "stated, recomputed, grade",
    [
        ("30456", 30456.0, audit.MATCHES),
        ("13224.49", 13224.4897959, audit.MATCHES),
        ("4408", 4408.163, audit.MATCHES),
        ("2", 2.04, audit.MATCHES),
        ("396.40", 396.40, audit.MATCHES),
        ("14728", 14728.68, audit.ROUNDING),  # cut down rather than rounded
        ("9000", 9000.86, audit.ROUNDING),  # cut down (or to the nearest 10)
        ("9000", 9000.2, audit.MATCHES),
        ("27000", 27002.58, audit.ROUNDING),  # nearest 1,000 (or 10)
        ("38050", 38050.8, audit.ROUNDING),  # cut down
        ("396.40", 396.07, audit.ROUNDING),  # a sum of rounded parts: 0.08% apart
        ("915", 913.94, audit.ROUNDING),  # 305 x 3 for 304.65 x 3: 0.12% apart
        ("30", 30.58, audit.ROUNDING),  # cut down
        ("30", 33.9, audit.DOES_NOT_FOLLOW),  # not "the nearest 10": too coarse for 30
        ("183.80", 237.64, audit.DOES_NOT_FOLLOW),  # 29% apart
        ("14", 1.38, audit.DOES_NOT_FOLLOW),  # a slipped decimal point
        ("68", 70.1, audit.DOES_NOT_FOLLOW),
        ("1234", 1241.5, audit.DOES_NOT_FOLLOW),  # 0.6%: more than rounding parts gives
        ("21-22", 21.5, audit.MATCHES),  # a range holds the figure
        ("21-22", 7.17, audit.DOES_NOT_FOLLOW),
        ("1189", None, audit.CANNOT_CHECK),
        ("about a third", 33.0, audit.CANNOT_CHECK),
        # a side of a number: "over 160 case files", "slightly lower" (below 0 points)
        ("over 160", 166.0, audit.MATCHES),
        ("over 160", 160.0, audit.DOES_NOT_FOLLOW),
        ("more than 160", 150.0, audit.DOES_NOT_FOLLOW),
        ("below 0", -16.0, audit.MATCHES),
        ("below 0", 9.0, audit.DOES_NOT_FOLLOW),
        ("under 53", 116.7, audit.DOES_NOT_FOLLOW),
        ("under 53", 52.9, audit.MATCHES),
        ("over 160", None, audit.CANNOT_CHECK),
        # a range beside a recomputed (low, high): end by end, the more serious grade
        ("10-15", (10.2, 14.9), audit.MATCHES),
        ("10-15", (6.6667, 10.0), audit.DOES_NOT_FOLLOW),
        ("11-30", (11.2, 30.58), audit.ROUNDING),  # the high end cut down
        ("10-15", (15.0, 10.0), audit.MATCHES),  # either order
        ("10-15", (None, 10.0), audit.CANNOT_CHECK),
        # "approximately 50%" has no grade of its own: checked at the places printed
        ("50", 45.45, audit.DOES_NOT_FOLLOW),
    ],
)
def test_check(stated, recomputed, grade):
    assert audit.check(stated, recomputed).grade == grade


def test_rounding_reason_names_the_step():
    assert "nearest 100" in audit.check("2700", 2712.0).note
    assert "nearest 1,000" in audit.check("27000", 26700.0).note
    assert "cut" in audit.check("14728", 14728.68).note
    assert "(0.08%) apart" in audit.check("396.40", 396.0712).note


def test_does_not_follow_reason_gives_the_recomputed_value():
    assert audit.check("183.80", 237.6444).note == (
        "recomputed from the report's inputs it is 237.6444 (the report's is 0.77 times that)"
    )


def test_bound_and_range_reasons_say_what_was_found():
    assert audit.check("over 160", 166.0).note == "recomputed 166, over 160 as the report says"
    assert audit.check("under 53", 116.6667).note == (
        "recomputed from the report's inputs it is 116.6667, not under 53"
    )
    assert audit.check("10-15", (6.6667, 10.0)).note == (
        "recomputed from the report's inputs it is 6.6667 to 10, not 10-15"
    )
    assert audit.check("11-30", (11.2, 30.58)).note.startswith("high: the report cut 30.58")
    # a list of one item per value is still a list, not a range
    assert audit.check("10;15", (10.0, 15.0)).note == "every item is the same to the places printed"


def test_every_grade_has_a_reason():
    for stated, value in [("5", 5.0), ("5", 5.3), ("5", 9.0), ("5", None)]:
        assert audit.check(stated, value).note


@pytest.mark.parametrize(
    "automatic, note_grade, grade",
    [
        # a unit or period error the numbers cannot show: the note finds it
        (audit.MATCHES, audit.UNIT_OR_PERIOD, audit.UNIT_OR_PERIOD),
        # once the slip is found, a figure that does not follow is graded by its cause
        (audit.DOES_NOT_FOLLOW, audit.UNIT_OR_PERIOD, audit.UNIT_OR_PERIOD),
        # a match that rests on the book's own assumption cannot be checked
        (audit.MATCHES, audit.CANNOT_CHECK, audit.CANNOT_CHECK),
        # a note cannot excuse a difference the numbers show
        (audit.DOES_NOT_FOLLOW, audit.ROUNDING, audit.DOES_NOT_FOLLOW),
        (audit.DOES_NOT_FOLLOW, audit.CANNOT_CHECK, audit.DOES_NOT_FOLLOW),
        (audit.ROUNDING, None, audit.ROUNDING),
        (audit.ROUNDING, float("nan"), audit.ROUNDING),
    ],
)
def test_a_note_grade_can_only_make_a_figure_more_serious_or_name_its_slip(
    automatic, note_grade, grade
):
    assert audit.grade_with_note(audit.Check(automatic, "x"), note_grade) == grade


def test_a_note_grade_must_be_one_of_the_grades():
    with pytest.raises(ValueError, match="must be one of"):
        audit.grade_with_note(audit.Check(audit.MATCHES, ""), "fine")
    with pytest.raises(ValueError, match="must be one of"):
        audit.grade_with_note(audit.Check(audit.MATCHES, ""), audit.MATCHES)


def test_audit_table_covers_derived_rows_only_and_leads_with_the_material_ones():
    reference = pd.DataFrame(
        {
            "id": ["a.in", "a.match", "a.round", "a.off", "a.missing", "a.period"],
            "value": ["10", "20", "1000", "5.50", "7", "19"],
            "kind": ["input", "derived", "derived", "derived", "derived", "derived"],
        }
    )
    table = audit.audit(
        reference,
        {"a.in": 10, "a.match": 20.0, "a.round": 1012.0, "a.off": 4.25, "a.period": 18.6},
        notes={"a.off": "the report adds rounded parts", "a.period": "from before the pilot"},
        grades={"a.period": audit.UNIT_OR_PERIOD},
    )
    assert table["id"].tolist() == ["a.off", "a.period", "a.missing", "a.round", "a.match"]
    assert table["grade"].tolist() == [
        audit.DOES_NOT_FOLLOW,
        audit.UNIT_OR_PERIOD,
        audit.CANNOT_CHECK,
        audit.ROUNDING,
        audit.MATCHES,
    ]
    assert table["material"].tolist() == [True, True, False, False, False]
    off = table.set_index("id").loc["a.off"]
    assert off["difference"] == pytest.approx(-1.25)
    assert off["reason"].endswith("the report adds rounded parts")
    assert list(table.columns) == [
        "id",
        "stated",
        "recomputed",
        "difference",
        "grade",
        "material",
        "reason",
    ]
    counts = audit.summary(table)
    assert counts["audit.material"] == 2 and counts["audit.rounding_only"] == 1
    assert counts["audit.unit_or_period_error"] == 1 and counts["audit.derived"] == 5
    text = audit.material_text(table.assign(what=table["id"], stated_in="Table 1"), {})
    assert text.count("\n- ") == 2 and "from before the pilot" in text


def test_the_default_pack_grades_the_known_slips():
    from evidencebook.analysis import pack
    from evidencebook.chapters.audit import claims

    tables = pack.load_chapter("audit", "")
    notes = tables["audit_notes"]
    table = audit.audit(
        tables["reference_figures"],
        claims.evaluate(""),
        dict(zip(notes["id"], notes["note"], strict=True)),
        grades=dict(zip(notes["id"], notes["grade"], strict=True)),
    ).set_index("id")
    grade = table["grade"]
    for fid in ("vol.ri_unit_cost_5", "vol.ri_unit_cost_10", "trends.england_cla_rise"):
        assert grade[fid] == audit.DOES_NOT_FOLLOW, fid
    for fid in ("trends.iow_starts_2014_15_monthly", "sws.cin_rise"):
        assert grade[fid] == audit.UNIT_OR_PERIOD, fid
    for fid in (
        "vol.unit_cost_hants",
        "vol.cost_per_volunteer_hants",
        "vol.iow_cost_per_volunteer",
        "edge.mentor_per_intervention",
        "edge.unit_cost",
        "pa.admin_cost_before",
        "trends.iow_cin_change",
    ):
        assert grade[fid] == audit.ROUNDING, fid
    assert grade["sws.scaled_cost"] == audit.CANNOT_CHECK
    assert "305 x 3" in table.loc["vol.iow_cost_per_volunteer", "reason"]
    assert set(table.index[table["material"]]) == {
        "vol.ri_unit_cost_5",
        "vol.ri_unit_cost_10",
        "trends.england_cla_rise",
        "trends.iow_starts_2014_15_monthly",
        "sws.cin_rise",
        # the edge findings' rises, against Tables 14 and 12 (+45% and +53%)
        "edge.cla_rise_14_18_recomputed",
        "edge.cla_rise_all_recomputed",
        # stated comparisons of the text, re-derived from the report's own tables
        "claims.fit_two_issues_iow_less_hants",  # 53% is not lower than 44%
        "claims.cse_cp_per_social_worker",  # 20-30 among 3 social workers is not 10-15 each
        "claims.iow_starts_rise",  # 12 to 26 is not a rise "less significant" than 53%
        "claims.vol_iow_expenses",  # per intervention, called monthly
    }
    assert grade["claims.vol_iow_expenses"] == audit.UNIT_OR_PERIOD
    assert grade["claims.hants_referrals_rise_mar16"] == audit.ROUNDING  # 5.5% printed as 5%
    for fid in ("claims.case_files_total", "claims.vol_trained_shares", "claims.edge_risk_shares"):
        assert grade[fid] == audit.MATCHES, fid
    # stated comparisons re-derived from the report's own tables
    assert grade["edge.cla_rise_all_recomputed"] == audit.DOES_NOT_FOLLOW
    assert "rise in the teams piloting FIT" in table.loc["edge.cla_rise_all_recomputed", "reason"]
    assert table.loc["edge.cla_rise_14_18_recomputed", "recomputed"] == pytest.approx(100 * 20 / 44)
    assert grade["pa.caseload_team_rise"] == audit.ROUNDING  # 17.5% of Table 15, cut to 17


def test_chapter_check_tables_say_not_recomputed_for_data_and_findings():
    from evidencebook.analysis import figures
    from evidencebook.chapters import registry as strands

    recomputed = strands.recompute("")  # once: both comparisons read the same figures
    check = figures.compare(recomputed, "pa").set_index("id")["check"]
    assert check["pa.admin_share_before"] == figures.NOT_RECOMPUTED["input"]
    assert check["pa.sickness_pa"] == figures.NOT_RECOMPUTED["finding"]
    assert check["pa.on_cost"] == audit.MATCHES
    assert check["pa.admin_cost_before"] == audit.ROUNDING
    sws = figures.compare(recomputed, "sws").set_index("id")["check"]
    assert sws["sws.cin_rise"] == audit.UNIT_OR_PERIOD  # the book's reading, as in the audit


def test_a_book_withholding_counts_withholds_the_figures_it_cannot_recompute():
    reference = pd.DataFrame(
        {
            "id": ["x.share", "x.cost", "x.range"],
            "value": ["67", "100", "10-12"],
            "kind": ["derived", "derived", "derived"],
        }
    )
    recomputed = {"x.share": pd.NA, "x.cost": 100.0, "x.range": "10-12"}
    table = audit.audit(reference, recomputed, withholding=True).set_index("id")
    assert table.loc["x.share", "grade"] == audit.WITHHELD_STATUS
    assert table.loc["x.share", "stated"] == "c" and table.loc["x.share", "recomputed"] == "c"
    assert table.loc["x.cost", "grade"] == audit.MATCHES
    assert table.loc["x.range", "grade"] == audit.MATCHES
    plain = audit.audit(reference, recomputed).set_index("id")
    assert plain.loc["x.share", "grade"] == audit.CANNOT_CHECK
    assert plain.loc["x.share", "stated"] == "67"


def test_a_list_with_withheld_items_withholds_those_items_of_the_report_only():
    reference = pd.DataFrame(
        {
            "id": ["x.changes", "x.totals", "x.whole"],
            "value": ["-4;13;11", "44;46", "10;20"],
            "kind": ["derived", "derived", "derived"],
        }
    )
    recomputed = {
        "x.changes": (-4.2, pd.NA, 10.6),
        "x.totals": (pd.NA, pd.NA, pd.NA),  # a different number of items
        "x.whole": (10.0, 20.0),
    }
    table = audit.audit(reference, recomputed, withholding=True).set_index("id")
    changes = table.loc["x.changes"]
    assert (changes["stated"], changes["recomputed"]) == ("-4;c;11", "-4.2;c;10.6")
    assert changes["grade"] == audit.WITHHELD_STATUS and changes["reason"].startswith("item 2:")
    assert table.loc["x.totals", "stated"] == "c"
    assert table.loc["x.whole", "grade"] == audit.MATCHES
    plain = audit.audit(reference, recomputed).set_index("id")
    assert plain.loc["x.changes", "grade"] == audit.CANNOT_CHECK


def test_a_figure_not_available_is_graded_not_withheld_even_when_counts_are_withheld():
    reference = pd.DataFrame(
        {"id": ["x.ratio", "x.list"], "value": ["1.2", "1;2"], "kind": ["derived", "derived"]}
    )
    recomputed = {"x.ratio": float("nan"), "x.list": (1.0, float("nan"))}
    table = audit.audit(reference, recomputed, withholding=True).set_index("id")
    assert table.loc["x.ratio", "grade"] == audit.CANNOT_CHECK
    assert table.loc["x.ratio", "stated"] == "1.2"  # nothing withheld to give away
    assert table.loc["x.list", "grade"] != audit.WITHHELD_STATUS
    assert table.loc["x.list", "stated"] == "1;2"


def test_the_chart_names_every_part_of_the_report_in_words():
    from evidencebook.analysis.figures import reference_figures
    from evidencebook.chapters.audit import charts as audit_charts

    prefixes = {i.split(".")[0] for i in reference_figures()["id"]}
    assert prefixes <= set(audit_charts.PARTS)
    table = pd.DataFrame({"id": ["claims.x", "vol.y", "vol.z"], "grade": ["matches"] * 3})
    counts = audit_charts.by_chapter(table)
    assert dict(zip(counts["chapter"], counts["figures"], strict=True)) == {
        "Comparisons in the text": 1,
        "Volunteering": 2,
    }
