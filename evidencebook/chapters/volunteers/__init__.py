"""Volunteers working alongside social workers (the report's volunteering findings and
Appendix 4, Table 24): what the chapter computes from a pack.

``compute(load(data_dir), Parameters(...))`` gives every figure the chapter glues, its
passages of text (:mod:`.wording`), its charts (:mod:`.charts`), its tables and the roll-out
appraisal at today's prices (:mod:`.appraisal`); the numbers are worked out in
:mod:`.model`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import figures as reference_list
from evidencebook.analysis import local_rollout, prices
from evidencebook.analysis import rollout as ro
from evidencebook.analysis.chapter import ChapterResult, Figure
from evidencebook.analysis.pack import load_chapter
from evidencebook.analysis.series import worked_out_once
from evidencebook.chapters.volunteers import appraisal, charts, model, proposal, wording
from evidencebook.chapters.volunteers import evidence as pilot
from evidencebook.chapters.volunteers.parameters import Parameters

__all__ = ["Parameters", "compute", "figures", "load"]

#: Where the book's own figures come from (the report's carry their place in the report).
WORKED_OUT = "Worked out by the book from the pack's data and the chapter's parameters"
#: Where the report's own printed values, set beside the book's, come from.
STATED = "As the report prints it (the reference figures)"


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables, read and checked from the pack in ``data_dir`` (the default
    pack if empty)."""
    return load_chapter("volunteers", data_dir)


def figures(tables: Mapping[str, pd.DataFrame], params: Parameters) -> dict[str, Any]:
    """The report's volunteering figures, recomputed (the registry reads them)."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    return model.figures(params.assumptions(), tables)


def compute(tables: Mapping[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """Every figure, passage, chart and table of the chapter; each authority's months of
    return interviews worked out once for all of them (:func:`worked_out_once`)."""
    with worked_out_once():
        return _compute(tables, params)


def _compute(tables: Mapping[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """:func:`compute`, within :func:`worked_out_once`."""
    params = prices.at_input_prices(params, tables["gdp_deflators"])  # one price base
    a = params.assumptions()
    home, bought = a.in_house_authority, a.commissioned_authority
    evidence = model.evidence(tables)
    figs = model.figures(a, tables, evidence)  # as figures(tables, params), evidence once

    reference = reference_list.reference_figures()
    where = dict(zip(reference["id"], reference["stated_in"], strict=True))

    result = ChapterResult("volunteers")
    for fid, value in figs.items():
        result.figures[fid] = Figure(fid, value, where.get(fid, WORKED_OUT))
    result.add_figures(wording.place_figures(home, bought), WORKED_OUT)
    result.add_figures(model.extra_figures(a), source=WORKED_OUT)
    result.add_figures(model.stated_figures(reference), source=STATED)

    for key, text in {
        "glance": wording.glance_text(evidence),
        "recruitment": wording.recruitment_text(evidence),
        "training": wording.training_text(evidence),
        "coordinators": wording.coordinators_text(a, evidence),
        "mentoring": wording.mentoring_text(evidence),
        "family_support": wording.family_support_text(evidence),
        "return_interviews": wording.return_interviews_text(evidence),
        "advocacy": wording.advocacy_text(evidence),
        "missing_returns": wording.missing_returns_text(evidence),
    }.items():
        result.add_text(key, text)

    result.add_table("delivery", wording.delivery_table(tables["vol_delivery"]))
    result.add_table("theory_of_change", wording.theory_of_change(tables["theory_of_change"]))
    steps = wording.cost_steps_table(model.cost_steps(a))
    result.add_table("cost_steps", steps)
    result.add_text("cost_steps_key", steps.to_string(index=False))
    result.add_table("check", wording.check_table(reference_list.compare(figs, "vol")))

    result.add_group("recruitment_charts", charts.recruitment_funnels(evidence))
    result.add_group("training_charts", charts.training(tables["vol_training"], evidence))
    # a pack with no activity counts has no chart of work completed: show shows nothing
    result.add_group("completion_chart", charts.completion(model.completion_rows(evidence)))
    result.add_group("missing_charts", charts.missing_returns(tables["missing_returns"], evidence))
    result.add(charts.unit_cost_curve_chart(a.in_house, a.commissioned, home, bought))

    appraisal.rollout(
        a,
        tables["gdp_deflators"],
        tables["vol_delivery"],
        ro.RolloutSettings.of(params),
    ).add_to(result)
    local_rollout.add_to(result, "volunteers", proposal.proposal, pilot.evidence, params)
    return result
