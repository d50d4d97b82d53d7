"""Demand trends (the report's Appendix 3): what the chapter computes from a pack.

``compute(load(data_dir), Parameters(...))`` gives every figure the chapter glues, its
passages of text (:mod:`.wording`), its charts (:mod:`.charts`) and its tables; the numbers
are worked out in :mod:`.model`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis import figures as reference_list
from evidencebook.analysis.chapter import ChapterResult, Figure
from evidencebook.analysis.pack import load_chapter
from evidencebook.analysis.series import worked_out_once
from evidencebook.chapters.trends import charts, model, wording
from evidencebook.chapters.trends.parameters import Parameters

__all__ = ["Parameters", "compute", "figures", "load"]

#: Where the book's own figures come from (the report's carry their place in the report).
WORKED_OUT = "Worked out by the book from the pack's counts"


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables, read and checked from the pack in ``data_dir`` (the default
    pack if empty)."""
    return load_chapter("trends", data_dir)


def figures(tables: Mapping[str, pd.DataFrame], params: Parameters) -> dict[str, Any]:
    """Every ``trends.*`` figure the pack gives (the registry reads these too)."""
    return model.figures(model.TrendsAssumptions(baseline_from=params.demand_baseline_from), tables)


def compute(tables: Mapping[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """Every figure, passage, chart and table of the chapter for these tables: figures under
    their reference ids (lists glued as text), passages and charts under the keys the
    notebook shows (``referrals_charts`` and the like: one chart per authority), the
    summary of every trend and the check against the report.

    Each authority's series is worked out once for all of them (:func:`worked_out_once`)."""
    with worked_out_once():
        return _compute(tables, params)


def _compute(tables: Mapping[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """:func:`compute`, within :func:`worked_out_once`."""
    base = params.demand_baseline_from
    assumptions = model.TrendsAssumptions(baseline_from=base)
    profiles = model.profiles(assumptions, tables)
    comp = model.comparisons(tables)
    names = list(profiles)
    figs = model.figures_from(profiles, comp)  # as figures(tables, params), worked out once
    reference = reference_list.reference_figures()
    reference = reference[reference["id"].str.startswith("trends.")]
    where = dict(zip(reference["id"], reference["stated_in"], strict=True))

    result = ChapterResult("trends")
    glued = model.glue_values(figs) | {
        "trends.report_differences": len(model.report_differences(figs, reference))
    }
    glued |= model.stated_figures(figs, reference)
    for fid, value in glued.items():
        result.figures[fid] = Figure(fid, value, where.get(fid, WORKED_OUT))

    cin = wording.cin_sentence(tables["children_in_need"], base, params.demand_period_end)
    for key, text in {
        "glance": wording.glance_text(profiles, cin),
        "referrals": wording.referrals_text(profiles),
        "rereferral": wording.rereferral_text(comp, names),
        "contacts": wording.contacts_text(profiles),
        "cin": wording.snapshot_text(profiles, "cin", "Children in Need"),
        "cin_history": wording.history_text(profiles),
        "cla": wording.snapshot_text(profiles, "cla", "children looked after"),
        "england": wording.england_text(comp),
        "rates": wording.rates_text(comp, names),
        "starts_quarter": wording.starts_quarter_text(profiles),
        "starts_year": wording.starts_year_text(profiles, comp),
        "per_quarter": wording.per_quarter_text(profiles),
        "older": wording.older_text(profiles),
        "caseloads": wording.caseload_text(profiles),
        "missing": wording.missing_text(profiles),
    }.items():
        result.add_text(key, text)

    result.add_group("referrals_charts", charts.referrals(tables, profiles, base))
    result.add_group("contacts_charts", charts.contacts(tables, profiles))
    result.add_group("older_charts", charts.older(tables, profiles))
    result.add_group("missing_charts", charts.missing(tables, profiles))
    result.add_charts(
        [
            charts.rereferral(tables, names),
            charts.panel_chart(
                "cin_chart",
                charts.panels(tables["children_in_need"], profiles, "cin", base),
                "Children in Need",
            ),
            charts.panel_chart(
                "cla_chart",
                charts.panels(tables["looked_after_children"], profiles, "cla", base),
                "Children looked after",
            ),
            charts.england(tables),
            charts.rates(tables, names),
            charts.starts_by_quarter(tables, profiles),
            charts.starts_by_year(tables, comp),
            charts.caseloads(tables, profiles),
        ]
    )
    result.optional_keys |= {
        "rereferral_chart", "cin_chart", "cla_chart", "england_chart", "rates_chart",
        "starts_quarter_chart", "starts_year_chart", "caseloads_chart",
    }  # fmt: skip

    summary = model.summary_table(model.summary(assumptions, tables))
    result.add_text("key_results", summary.to_string(index=False))
    result.add_table("summary", summary)
    result.add_table("check", model.check_table(reference_list.compare(figs, "trends")))
    return result
