"""The pilot's evidence, fixed and cited (analysis/evidence.py and chapters/<strand>/evidence.py).

Hand-made effects check the rules (an interval only on a sample with its count; none on a
base the report does not state or on a complete count); each strand's evidence is checked
against the figures its chapter glues for the default pack (the reviewed snapshot), the
reference list and the strength the value-for-money table gives the strand.
"""

from __future__ import annotations

import importlib
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import evidence as ev
from evidencebook.analysis.uncertainty import wilson_interval

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "__snapshots__" / "test_book_snapshot"
STRANDS = ("pa", "fit", "volunteers", "edge", "willow", "surgeries")


def effect(**changes: object) -> ev.Effect:
    """A hand-made effect: 6 of 8 case files, a sample; ``changes`` override any field."""
    fields: dict[str, object] = {
        "id": "x",
        "what": "case files with good outcomes",
        "value": 75.0,
        "unit": "%",
        "n": 8,
        "base": "case files read",
        "base_kind": "sample",
        "source": "Table 1",
        "reference_id": "edge.outcome_positive",
        "design": "case files read, no comparison group",
        "strength": "emerging",
        "successes": 6,
    }
    return ev.Effect(**(fields | changes))


# --- Effect -----------------------------------------------------------------------------


def test_a_share_from_a_sample_has_wilsons_interval():
    e = effect()
    low, high = wilson_interval(6, 8)
    assert e.interval == pytest.approx((low * 100, high * 100))
    assert e.interval_note == "95% interval 41% to 93%"
    assert (
        e.text()
        == "case files with good outcomes: 6 of 8 (75%, 95% interval 41% to 93%) (case files read)"
    )


def test_a_complete_count_has_no_interval():
    e = effect(base_kind="complete", base="families (all of them)")
    assert e.interval is None
    assert "no sampling interval" in e.interval_note
    assert e.text().startswith("case files with good outcomes: 6 of 8 (75%) (families")


def test_a_base_the_report_does_not_state_has_no_interval():
    e = effect(base_kind="not_stated", n=None, successes=None, base="case files read")
    assert e.interval is None
    assert e.base_text() == "no base stated: case files read"
    assert "any base would be a guess" in e.text()


def test_a_mean_from_a_sample_without_its_spread_has_no_interval():
    e = effect(successes=None, value=14.0, comparison=36.0, n=11, base="social workers")
    assert e.interval is None
    assert e.text() == (
        "case files with good outcomes: 14% against 36% before the pilot (11 social workers; "
        "the report gives the average, not the spread, so no interval can be worked out)"
    )


def test_an_assumption_has_no_base():
    e = effect(base_kind="assumption", n=None, successes=None, value=3.0, unit="a year")
    assert e.interval is None and e.base_text() == "an assumption of the report"
    assert e.value_text() == "3 a year"
    with pytest.raises(ValueError, match="an assumption has no base"):
        effect(base_kind="assumption", successes=None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"base_kind": "guess"}, "base_kind must be one of"),
        ({"strength": "weak"}, "evidence strength must be one of"),
        ({"successes": 9}, "successes"),
        ({"base_kind": "not_stated"}, "needs a sample or complete base"),
    ],
)
def test_an_effect_refuses_what_cannot_be(changes, message):
    with pytest.raises(ValueError, match=message):
        effect(**changes)


def test_numbers_are_plain_floats_and_figures_carry_both_ids():
    import numpy as np

    e = effect(
        value=np.float64(14.0),
        comparison=36,
        successes=None,
        reference_id="pa.admin_share_after",
        comparison_id="pa.admin_share_before",
    )
    assert type(e.value) is float and type(e.comparison) is float
    assert e.figures() == {"pa.admin_share_after": 14.0, "pa.admin_share_before": 36.0}
    assert effect(figure_id="edge.positive_pct").figures() == {"edge.positive_pct": 75.0}


# --- StrandEvidence ----------------------------------------------------------------------


def strand(**changes: object) -> ev.StrandEvidence:
    fields: dict[str, object] = {
        "strand": "edge",
        "title": "edge of care",
        "strength": "moderate",
        "why": "a reason",
        "summary": "what was found",
        "effects": (effect(), effect(id="y", reference_id=None)),
    }
    return ev.StrandEvidence(**(fields | changes))


def test_one_grade_per_strand_by_the_books_one_rule():
    for strength, grade in ap.EVIDENCE_GRADES.items():
        s = strand(strength=strength)
        assert s.grade == grade
        assert s.cut == ap.CONFIDENCE_GRADE_REDUCTIONS[grade]
    with pytest.raises(ValueError, match="evidence strength"):
        strand(strength="promising")


def test_a_strand_finds_its_effects_and_refuses_repeats():
    s = strand()
    assert s.effect("y").id == "y"
    with pytest.raises(KeyError, match="has no effect 'z'; it has x, y"):
        s.effect("z")
    with pytest.raises(ValueError, match="repeat"):
        strand(effects=(effect(), effect()))
    assert s.reference_ids() == ["edge.outcome_positive"]


def test_the_table_and_markdown_show_every_effect_escaped():
    s = strand(title="edge *of* care")
    table = s.table()
    assert list(table.columns) == list(ev.TABLE_COLUMNS)
    assert len(table) == 2 and table["interval"].iloc[0] == "95% interval 41% to 93%"
    text = s.markdown()
    assert "edge \\*of\\* care" in text and text.count("\n- ") == 2
    grades = ev.grades({"edge": s})
    assert grades.to_dict("records")[0]["grade"] == ap.EVIDENCE_GRADES["moderate"]


# --- each strand, from the default pack ----------------------------------------------------


def strand_evidence(name: str) -> ev.StrandEvidence:
    return importlib.import_module(f"evidencebook.chapters.{name}.evidence").evidence()


def glued(name: str) -> dict[str, object]:
    """The figures the chapter glues for the default pack, from the reviewed snapshot."""
    path = SNAPSHOTS / f"test_chapter_figures_and_tables[{name}].json"
    return json.loads(path.read_text(encoding="utf-8"))["figures"]


def number(text: object) -> float:
    return float(str(text).strip("'\""))


@pytest.mark.parametrize("name", STRANDS)
def test_each_effect_is_the_figure_the_chapter_glues(name):
    s = strand_evidence(name)
    assert s.strand == name and s.effects
    snapshot = glued(name)
    for figure_id, value in s.figures().items():
        key = figure_id.replace(".", "_")
        assert key in snapshot, f"{name}: {figure_id} is not glued by the chapter"
        assert value == pytest.approx(number(snapshot[key])), figure_id
    for e in s.effects:
        if e.interval is not None and f"{e.glued_id.replace('.', '_')}_low" in snapshot:
            key = e.glued_id.replace(".", "_")
            assert e.interval == pytest.approx(
                (number(snapshot[f"{key}_low"]), number(snapshot[f"{key}_high"]))
            )
    for figure_id, value in s.interval_figures().items():
        assert value == pytest.approx(number(snapshot[figure_id.replace(".", "_")])), figure_id


def test_the_bases_are_the_chapters():
    assert strand_evidence("pa").effect("admin_time").n == number(glued("pa")["pa_time_use_n"])
    edge = strand_evidence("edge")
    snapshot = glued("edge")
    positive = edge.effect("outcome_positive")
    assert positive.n == number(snapshot["edge_outcome_files_n"])
    assert positive.successes == number(snapshot["edge_positive_n"])
    assert edge.effect("entered_care").n == number(snapshot["edge_started"])
    assert edge.effect("entered_care").successes == number(snapshot["edge_entered_care"])
    willow = glued("willow")
    advice = strand_evidence("willow").effect("advice_good")
    assert (advice.successes, advice.n) == (
        number(willow["cse_advice_good_k"]),
        number(willow["cse_advice_good_base"]),
    )


@pytest.mark.parametrize("name", STRANDS)
def test_every_cited_reference_exists_and_the_source_is_its_row(name):
    reference = pd.read_csv(ROOT / "data" / "reference_figures.csv").set_index("id")
    s = strand_evidence(name)
    for e in s.effects:
        assert e.source
        if e.reference_id:
            assert e.reference_id in reference.index, e.reference_id
            assert e.source == reference.loc[e.reference_id, "stated_in"]
        if e.comparison_id:
            assert e.comparison_id in reference.index, e.comparison_id
        assert e.base_kind in ev.BASE_KINDS and e.design


@pytest.mark.parametrize("name", STRANDS)
def test_no_interval_on_a_guessed_base_or_a_complete_count(name):
    for e in strand_evidence(name).effects:
        if e.base_kind != "sample":
            assert e.interval is None, e.id
        if e.n is None and e.base_kind != "assumption":
            assert e.successes is None


@pytest.mark.parametrize("name", STRANDS)
def test_the_strands_strength_is_the_one_the_book_gives_it(name):
    vfm = pd.read_csv(ROOT / "data" / "vfm_strands.csv").set_index("chapter")
    assert strand_evidence(name).strength == vfm.loc[name, "evidence_strength"]


def test_the_pa_appraisal_grades_the_pa_evidence():
    from evidencebook.chapters.pa import Parameters

    assert Parameters().benefit_confidence_grade == strand_evidence("pa").grade


def test_the_evidence_is_the_pilots_whatever_pack_is_used(monkeypatch, tmp_path):
    """The evidence is read from the default pack, never from the pack a book is built
    from: pointing the loader anywhere else is not possible through the API."""
    calls = []
    real = ev.load_chapter

    def spy(chapter, data_dir=None):
        calls.append(Path(data_dir))
        return real(chapter, data_dir)

    monkeypatch.setattr(ev, "load_chapter", spy)
    ev._pilot_tables.cache_clear()
    tables = ev.pilot_tables("edge")
    assert calls == [ev.default_pack_dir()] and "edge_counts" in tables
    tables["edge_counts"].iloc[0, 0] = None  # a caller's copy: the next reads the pack's
    assert not ev.pilot_tables("edge")["edge_counts"].iloc[:1].isna().all(axis=None)
    assert calls == [ev.default_pack_dir()]  # read once in a process


def test_the_fit_shares_get_an_interval_only_where_the_pack_states_a_base(monkeypatch):
    """With a base stated in ``fit_case_files.case_files`` the share is a sample with its
    count; without one (the report's case), no interval."""
    module = importlib.import_module("evidencebook.chapters.fit.evidence")
    assert all(e.interval is None for e in module.evidence().effects)
    real = ev.pilot_tables

    def with_base(chapter):
        tables = real(chapter)
        files = tables["fit_case_files"].copy()
        hit = (files["authority"] == "Hampshire") & (files["measure"] == "engaged")
        files.loc[hit, "case_files"] = 30
        return tables | {"fit_case_files": files}

    monkeypatch.setattr(module, "pilot_tables", with_base)
    fresh = module.evidence.__wrapped__()
    engaged = fresh.effect("engagement_hants")
    assert (engaged.successes, engaged.n) == (21, 30)
    assert not math.isnan(engaged.interval[0])
    assert fresh.effect("engagement_iow").interval is None
