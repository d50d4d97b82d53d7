"""A strand's roll-out in an authority as the last section of its chapter: the pilot's
evidence (past tense) kept apart from the proposal (conditional), the same figures as the
options chapter, and left out of a book built without --la."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from evidencebook.analysis import local_inputs, local_rollout
from evidencebook.analysis import proposal as pr
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.building import build
from evidencebook.chapters import fit, options, pa, registry, surgeries
from evidencebook.chapters.fit import evidence as fit_evidence
from evidencebook.chapters.fit import proposal as fit_proposal
from evidencebook.chapters.pa import evidence as pa_evidence
from evidencebook.chapters.pa import proposal as pa_proposal

ROOT = Path(__file__).resolve().parents[1]
STRANDS = ["pa", "fit", "volunteers", "edge", "willow", "surgeries"]
DRAWS = 400  # the section's figures, not the steadiness of its intervals


def leeds(params):
    """A strand's parameters for a roll-out in Leeds, with few draws."""
    return replace(params, rollout_la="Leeds", mc_runs=DRAWS)


@pytest.fixture(scope="module")
def pa_result():
    return pa.compute(pa.load(), leeds(pa.Parameters()))


def test_with_no_authority_the_section_adds_nothing():
    result = ChapterResult("fit")
    assert local_rollout.add_to(result, "fit", fit_proposal.proposal, fit_evidence.evidence,
                                fit.Parameters()) is None  # fmt: skip
    assert not result.figures and not result.text and not result.tables
    assert set(local_rollout.KEYS) <= result.optional_keys
    for key in local_rollout.KEYS:
        result.show(key)  # shows nothing, raises nothing


def test_the_default_chapter_is_unchanged_by_the_section():
    """Without an authority, no figure of the section and no text or table under its keys."""
    result = surgeries.compute(surgeries.load(), surgeries.Parameters())
    assert not [f for f in result.figures if ".la." in f]
    assert not set(local_rollout.KEYS) & (set(result.text) | set(result.tables))


def test_pa_section_is_the_options_row_for_leeds(pa_result):
    """The strand's section and its row in "Options side by side" cannot disagree."""
    p = options.Parameters(la="Leeds", mc_runs=DRAWS)
    authority, inputs = options.model.local(p.la)
    row = pa_proposal.proposal(inputs, authority, p.settings()).row()
    got = pa_result.values()
    assert got["pa.la.authority"] == "Leeds"
    assert got["pa.la.cost_a_year"] == pytest.approx(row["cost_a_year"])
    assert got["pa.la.bcr"] == pytest.approx(row["bcr"])
    assert (got["pa.la.bcr_low"], got["pa.la.bcr_high"]) == pytest.approx(
        (row["bcr_low"], row["bcr_high"])
    )
    assert got["pa.la.scale"] == row["scale"]
    assert (got["pa.la.strength"], got["pa.la.grade"]) == (row["strength"], row["grade"])


def test_what_the_pilot_found_is_past_and_the_pilots_own(pa_result):
    found = pa_result.text["la_found"]
    assert found.startswith("In Hampshire and the Isle of Wight, the pilot's evaluation found")
    assert "Leeds" not in found
    assert "would cost" not in found and "would buy" not in found
    ev = pa_evidence.evidence()
    assert f"*{ev.strength}* (confidence grade {ev.grade} of 6)" in found
    assert found.count("\n- ") == len(ev.effects)  # each effect, with its source
    assert found.count("Source:") == len(ev.effects)


def test_what_a_roll_out_would_mean_is_conditional(pa_result):
    text = pa_result.text["la_rollout"].replace("\\", "")
    assert text.startswith("A roll-out of ")
    assert "in Leeds would cost about" in text
    assert "The benefit-cost ratio would be" in text
    assert f"Monte Carlo of {DRAWS:,} draws" in text
    assert re.search(r"\b(was|were|had|did)\b", text.split("The 90% intervals")[0]) is None


def test_what_would_have_to_be_true_and_cannot_be_told_are_lists(pa_result):
    believe = pa_result.text["la_believe"].replace("\\", "")
    assert believe.startswith("- ") and "break even" in believe
    assert "would hold here" in believe
    caveats = pa_result.text["la_caveats"].replace("\\", "")
    assert caveats.startswith("- ") and "notional" in caveats


def test_year_by_year_shows_benefits_only_where_one_is_valued(pa_result):
    valued = pa_result.tables["la_streams"].frame
    assert "Net present value so far" in valued.columns
    assert list(valued["Year"]) == list(range(5))
    p = pa_result.values()
    last = valued["Present value of costs so far"].iloc[-1]
    assert last == local_rollout._money(p["pa.la.pv_cost"])
    result = fit.compute(fit.load(), leeds(fit.Parameters()))
    plain = result.tables["la_streams"].frame
    assert list(plain.columns) == [
        "Year", "Cost, with optimism bias", "Discount factor", "Present value of costs so far"
    ]  # fmt: skip
    assert "fit.la.bcr" not in result.values()  # no ratio where no benefit is valued
    assert "no benefit-cost ratio" in result.text["la_rollout"]


def test_the_inputs_say_whose_they_are_and_where_from(pa_result):
    shown = pa_result.tables["la_inputs"].frame
    assert set(shown["Whose"]) == {"The authority's", "The pilot's model", "The pilot's evidence"}
    assumed = shown[shown["Source"].str.startswith("Assumption")]
    assert len(assumed) >= 1 and not shown["Source"].str.startswith("Assumption: Assumption").any()
    assert shown["Value"].str.contains("at 2015-16 prices").any()
    assert pa_result.tables["la_inputs"].download == "Roll-out in Leeds, inputs"


def test_a_councils_inputs_sheet_sets_the_scale(tmp_path):
    sheet = local_inputs.write_sheet(tmp_path / "leeds.yaml", "Leeds")
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(re.sub(r"(?m)^pa_posts: .*$", "pa_posts: 12", text), encoding="utf-8")
    params = replace(leeds(pa.Parameters()), inputs_sheet=str(sheet))
    p = local_rollout.proposal_for(pa_proposal.proposal, pa_evidence.evidence(), params)
    assert p.scale == 12
    assert local_rollout.figures(p, "pa")["pa.la.scale"] == 12
    shown = local_rollout.inputs_shown(p).set_index("Input")["Source"]
    posts = shown[shown.index.str.startswith("PA posts")].iloc[0]
    assert posts.startswith("The council's own, from its inputs sheet leeds.yaml (in place of: ")
    assert (
        not shown[shown.index.str.startswith("Average annual salary of a PA")]
        .iloc[0]
        .startswith("The council's")
    )  # unchanged: still the report's value, an assumption


def test_a_bad_inputs_sheet_is_named_before_any_notebook_runs(tmp_path):
    values = {"rollout_la": "383", "inputs_sheet": str(tmp_path / "missing.yaml")}
    [problem] = registry.chapter_problems("fit", fit.load(), values)
    assert problem.file == "inputs_sheet" and "exists" in problem.expected
    assert registry.chapter_problems("fit", fit.load(), {"inputs_sheet": "x.yaml"}) == []


def test_the_build_keeps_the_section_only_for_an_authority():
    assert build.AUTHORITY_ONLY == local_rollout.CELL_TAG
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "pilot"},
        {"cell_type": "markdown", "metadata": {"tags": [local_rollout.CELL_TAG]}, "source": "x"},
    ]
    assert build.cells_for_book(cells, {"rollout_la": ""}) == cells[:1]
    assert build.cells_for_book(cells, {}) == cells[:1]
    assert build.cells_for_book(cells, {"rollout_la": "383"}) == cells


@pytest.mark.parametrize("strand", STRANDS)
def test_each_strand_notebook_ends_with_the_section(strand):
    """Its cells are tagged, show only the section's keys and glue only its figures; the
    section is the chapter's last, after its own caveats."""
    nb = json.loads((ROOT / "notebooks" / f"{strand}.ipynb").read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if local_rollout.CELL_TAG in c["metadata"].get("tags", [])]
    shown = {
        m for c in tagged if c["cell_type"] == "code"
        for m in re.findall(r'result\.show\("(\w+)"\)', "".join(c["source"]))
    }  # fmt: skip
    assert shown == set(local_rollout.KEYS)
    for c in tagged:
        if c["cell_type"] == "code":
            assert "remove-input" in c["metadata"]["tags"]
    glued = {g for c in tagged for g in re.findall(r"glue:text}`(\w+)", "".join(c["source"]))}
    allowed = {f"{strand}_la_{k}" for k in ("authority", "price_year", "years")}
    assert glued and glued <= allowed
    last_untagged = max(i for i, c in enumerate(nb["cells"]) if c not in tagged)
    first_section = min(i for i, c in enumerate(nb["cells"]) if c in tagged and i > 2)
    assert first_section > last_untagged  # the roll-out comes last, after the caveats
    assert any("## Caveats" in "".join(c["source"]) for c in nb["cells"][:first_section])


def test_settings_come_from_the_chapters_parameters():
    p = replace(fit.Parameters(), appraisal_years=7, discount_rate=0.03, mc_runs=10)
    s = pr.Settings.of(p)
    assert (s.years, s.discount_rate, s.mc_runs, s.price_year) == (7, 0.03, 10, p.price_year)


def test_the_books_two_judgements_are_parameters_a_council_may_change():
    """The deadweight and attribution step per grade, and the range drawn around an effect
    with no interval, are declared parameters with the book's defaults."""
    base = replace(leeds(pa.Parameters()), mc_runs=50)
    s = pr.Settings.of(base)
    assert (s.rule, s.wide) == (pr.ADJUSTMENTS, pr.STATED_RANGE)
    assert pr.ADJUSTMENTS[3] == (pytest.approx(0.2), pytest.approx(0.1), pytest.approx(0.9))
    changed = replace(base, rollout_adjustment_step=0.1, rollout_stated_range=0.25)
    p = local_rollout.proposal_for(pa_proposal.proposal, pa_evidence.evidence(), changed)
    assert (p.deadweight, p.attribution) == (pytest.approx(0.2), pytest.approx(0.8))
    [freed] = [i for i in p.inputs if i.name == "time_freed"]
    assert (freed.low, freed.high) == (pytest.approx(freed.value * 0.75),
                                       pytest.approx(freed.value * 1.25))  # fmt: skip
    assert any("(25% either side of the stated figure)" in c for c in p.caveats)
    with pytest.raises(pr.ProposalError, match="adjustment_step"):
        pr.Settings(adjustment_step=0.3)


def test_a_step_too_large_is_refused_before_the_build(tmp_path):
    from evidencebook.analysis import parameters as params_mod
    from evidencebook.exceptions import ProblemsError

    path = tmp_path / "params.yaml"
    path.write_text("rollout_adjustment_step: 5\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as err:
        build.check_inputs(ROOT / "data", path, ROOT, ["pa"])
    assert "rollout_adjustment_step" in str(err.value) and "0.05 means 5 points" in str(err.value)
    assert params_mod.LIMITS["rollout_stated_range"].holds(0.5)


def test_the_checks_strand_figures_hold_for_a_book_with_or_without_an_authority():
    """The strands' figures the check works out (kept for the value-for-money and audit
    kernels) do not depend on the authority a strand's roll-out is for."""
    found: dict = {}
    assert registry.chapter_problems("fit", fit.load(), {"rollout_la": "383"}, into=found) == []
    assert found["fit"].params.rollout_la == ""
    assert found["fit"].params == registry.evaluation("fit", fit.load(), {}).params


@pytest.mark.parametrize("own_pack", [False, True])
def test_only_the_pilots_own_chapters_end_with_a_roll_out(tmp_path, monkeypatch, own_pack):
    """A book for an authority from the default pack: each strand's chapter is the pilot's,
    and ends with its roll-out there. From a council's own pack (here a copy of the default
    under another name): its chapters are its own data, so no pilot's note and no roll-out."""
    import shutil

    from helpers import stand_ins

    seen: dict = {}
    executed, sphinx = stand_ins(seen.__setitem__)
    monkeypatch.setattr(build, "_execute_all", executed)
    monkeypatch.setattr(build, "run_jupyter_book", sphinx)
    data = None
    if own_pack:
        data = tmp_path / "leeds-own"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("national"))
    build.build(data_dir=data, la="Leeds", chapters=["pa", "options"], workers=1,
                out_dir=tmp_path / "out", work_dir=tmp_path / "work")  # fmt: skip
    assert seen["options"]["la"] == "383"
    assert seen["pa"].get("rollout_la", "") == ("" if own_pack else "383")


def test_a_roll_out_of_no_posts_says_so_and_states_no_ratio():
    """The Isles of Scilly (DfE 420) is too small for one PA post at the pilot's ratio: the
    section says there is nothing to appraise, and glues no cost per one reached or ratio
    (never "nan")."""
    result = pa.compute(pa.load(), replace(pa.Parameters(), rollout_la="420", mc_runs=DRAWS))
    figures = result.values()
    assert figures["pa.la.scale"] == 0 and figures["pa.la.cost_per_reach"] is None
    assert "pa.la.bcr" not in figures
    said = " ".join(result.text[k] for k in ("la_rollout", "la_believe"))
    assert "nothing to appraise" in said and "nan" not in said.lower().split()
    assert "£nan" not in said and "Monte Carlo" not in result.text["la_rollout"]
