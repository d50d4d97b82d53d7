"""The programme and its evaluation: what the chapter computes from a pack.

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
from evidencebook.chapters.overview import charts, model, wording
from evidencebook.chapters.overview.parameters import Parameters

__all__ = ["Parameters", "compute", "figures", "load"]

#: Where the book's own figures come from (the report's carry their place in the report).
WORKED_OUT = "Worked out by the book from the pack"


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables, read and checked from the pack in ``data_dir`` (the default
    pack if empty)."""
    return load_chapter("overview", data_dir)


def assumptions_of(params: Parameters) -> model.OverviewAssumptions:
    """The period over which the chapter measures the rise in demand."""
    return model.OverviewAssumptions(
        baseline_from=params.demand_baseline_from, demand_period_end=params.demand_period_end
    )


def figures(tables: Mapping[str, pd.DataFrame], params: Parameters) -> dict[str, Any]:
    """The evaluation's and context's figures, recomputed for the registry."""
    return model.figures(assumptions_of(params), tables)


def compute(tables: Mapping[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """Every figure, passage, chart and table of the chapter for these tables (the rise in
    demand measured as the demand trends chapter measures it)."""
    assumptions = assumptions_of(params)
    figs = figures(tables, params)
    low, high = figs["context.demand_rise"]
    cin = tables["children_in_need"]
    rise = model.demand_rise(assumptions, cin)
    reference = reference_list.reference_figures()
    stated_rise = reference.set_index("id")["value"].get("context.demand_rise", "n/a")
    where = dict(zip(reference["id"], reference["stated_in"], strict=True))

    result = ChapterResult("overview")
    glued = figs | model.extra_figures(assumptions, tables)
    glued |= {
        "context.demand_rise": model.range_text(low, high),
        # beside a withheld range the report's is withheld too: it would give a count away
        "overview.demand_rise_stated": reference_list.beside(stated_rise, (low, high)),
    }
    for fid, value in glued.items():
        result.figures[fid] = Figure(fid, value, where.get(fid, WORKED_OUT))

    population = tables["authority_context"].set_index("authority")["population"]
    result.add_text(
        "demand_glance", wording.demand_glance_text(rise, model.like_rise(assumptions, cin))
    )
    result.add_text("population", wording.population_text(population))
    result.add_text("demand", wording.demand_text(rise, stated_rise))

    for key, chart in {
        "demand_chart": charts.demand(
            cin, rise, (low, high), params.demand_baseline_from, params.demand_period_end
        ),
        "timeline_chart": charts.timeline(tables["programme_timeline"]),
        "case_files_chart": charts.case_files(tables["evaluation_sample"], figs),
        "staff_chart": charts.staff(figs),
    }.items():
        result.charts[key] = chart

    for key, frame, names in (
        ("elements", tables["programme_elements"][["element", "offer", "source"]],
         {"element": "Element", "offer": "What it offered", "source": "Source"}),
        ("questions", tables["evaluation_questions"],
         {"strand": "Strand", "question": "Question", "source": "Source"}),
        ("activities", tables["evaluation_activities"],
         {"activity": "Activity", "detail": "What it involved", "time_frame": "When",
          "source": "Source"}),
    ):  # fmt: skip
        result.add_table(key, frame.rename(columns=names))
    compared = pd.concat(
        [reference_list.compare(figs, "eval"), reference_list.compare(figs, "context")],
        ignore_index=True,
    )
    result.add_table("check", model.check_table(compared))
    key_results = model.key_results(tables["evaluation_sample"], figs, rise)
    result.add_text("key_results", key_results.to_string(index=False))
    return result
