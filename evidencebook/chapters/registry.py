"""The registry of chapters with a model: how each chapter's parameters feed its model,
and which reference figures it produces.

The value-for-money comparison and the arithmetic audit use this to recompute every
strand's figures from a data pack and a set of parameters, calling the same model code
the chapters call (no copies of any arithmetic). A test checks that the figures computed
here equal the ones each chapter glues.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidencebook.analysis import prices
from evidencebook.analysis.coverage import cannot_withhold, missing_tables, withheld_tables
from evidencebook.analysis.pack import load_chapter, resolve_pack
from evidencebook.analysis.parameters import chapter_parameters
from evidencebook.chapters.edge import checks as edge_checks
from evidencebook.chapters.edge import model as edge
from evidencebook.chapters.edge import parameters as edge_parameters
from evidencebook.chapters.fit import model as fit
from evidencebook.chapters.fit import parameters as fit_parameters
from evidencebook.chapters.options import checks as options_checks
from evidencebook.chapters.overview import model as overview
from evidencebook.chapters.pa import checks as pa_checks
from evidencebook.chapters.pa import model as pa
from evidencebook.chapters.pa import parameters as pa_parameters
from evidencebook.chapters.surgeries import checks as surgeries_checks
from evidencebook.chapters.surgeries import model as surgeries
from evidencebook.chapters.surgeries import parameters as surgeries_parameters
from evidencebook.chapters.trends import model as trends
from evidencebook.chapters.volunteers import appraisal as vol_appraisal
from evidencebook.chapters.volunteers import model as volunteers
from evidencebook.chapters.volunteers import parameters as volunteers_parameters
from evidencebook.chapters.willow import checks as willow_checks
from evidencebook.chapters.willow import model as willow
from evidencebook.chapters.willow import parameters as willow_parameters
from evidencebook.exceptions import Problem


@dataclass(frozen=True)
class Strand:
    chapter: str  # notebook name
    prefixes: tuple[str, ...]  # reference-figure id prefixes it produces
    title: str
    assumptions: Callable[[Mapping[str, Any]], Any]  # parameters -> the model's assumptions
    figures: Callable[[Any, dict], dict[str, Any]]  # (assumptions, tables) -> figures
    #: For the value-for-money comparison: (figures, assumptions, tables) -> unit cost, GBP.
    unit_cost: Callable[[dict, Any, dict], float] | None = None
    #: The figure id of the strand's benefit-cost ratio, where the report supports one.
    bcr: str | None = None


def _declared(parameters: type) -> Callable[[Mapping[str, Any]], Any]:
    """A strand's assumptions from every value a build uses, as its chapter builds them
    (its declared ``Parameters``), so the registry and the chapter cannot disagree."""
    return lambda p: parameters.from_values(p).assumptions()


_pa = _declared(pa_parameters.Parameters)
_volunteers = _declared(volunteers_parameters.Parameters)
_fit = _declared(fit_parameters.Parameters)
_willow = _declared(willow_parameters.Parameters)
_surgeries = _declared(surgeries_parameters.Parameters)
_edge = _declared(edge_parameters.Parameters)


def in_house_assumptions(p: Mapping[str, Any]) -> volunteers.InHouseAssumptions:
    """The in-house volunteer model (also the edge of care mentor element)."""
    return vol_appraisal.in_house_from(p)


def _fit_team_cost(figs: dict, a: fit.FITAssumptions, tables: dict) -> float:
    return fit.cost_model(a, tables["fit_team_makeup"], tables["fit_families"]).full_team_cost


def _figure(fid: str) -> Callable[[dict, Any, dict], float]:
    return lambda figs, a, tables: float(figs[fid])


STRANDS: dict[str, Strand] = {
    s.chapter: s
    for s in [
        Strand(
            "overview",
            ("eval", "context"),
            "The programme",
            lambda p: overview.OverviewAssumptions(
                baseline_from=p["demand_baseline_from"], demand_period_end=p["demand_period_end"]
            ),
            overview.figures,
        ),
        Strand(
            "pa",
            ("pa",),
            "Skilled administrators for social workers (PAs)",
            _pa,
            pa.figures,
            _figure("pa.on_cost"),
            "pa.benefit_per_pound",
        ),
        Strand("fit", ("fit",), "Family Intervention Teams", _fit, fit.figures, _fit_team_cost),
        Strand(
            "volunteers",
            ("vol",),
            "Volunteers",
            _volunteers,
            volunteers.figures,
            _figure("vol.unit_cost_hants"),
        ),
        Strand("edge", ("edge",), "Edge of care", _edge, edge.figures, _figure("edge.unit_cost")),
        Strand(
            "willow",
            ("cse",),
            "The Willow team (child sexual exploitation)",
            _willow,
            willow.figures,
            _figure("cse.total"),
        ),
        Strand(
            "surgeries",
            ("sws",),
            "Social work surgeries",
            _surgeries,
            surgeries.figures,
            _figure("sws.scaled_cost"),
        ),
        Strand(
            "trends",
            ("trends",),
            "Demand trends",
            lambda p: trends.TrendsAssumptions(baseline_from=p["demand_baseline_from"]),
            trends.figures,
        ),
    ]
}


def parameter_values(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every chapter's declared defaults, with ``overrides`` (a pack's values) on top."""
    values = {n: p.default for d in chapter_parameters().values() for n, p in d.items()}
    values.update(overrides or {})
    return values


def evaluate(
    data_dir: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    chapters: list[str] | None = None,
) -> dict[str, tuple[Any, dict, dict]]:
    """For each registered chapter: its assumptions, its tables and its figures.

    A chapter the book would leave out for this pack (its data are missing, or it cannot
    show counts the pack withholds) is left out here too.
    """
    params = parameter_values(overrides)
    pack = resolve_pack(data_dir)
    withheld = withheld_tables(pack)
    out = {}
    for name, strand in STRANDS.items():
        if chapters is not None and name not in chapters:
            continue
        if missing_tables(pack, name) or cannot_withhold(name, withheld):
            continue  # a chapter the book leaves out: its figures are not available
        tables = load_chapter(name, data_dir)
        values = params  # with money inputs at the report's prices, as the chapter has them
        if "gdp_deflators" in tables:
            values = prices.at_input_prices(params, tables["gdp_deflators"])
        assumptions = strand.assumptions(values)
        out[name] = (assumptions, tables, strand.figures(assumptions, tables))
    return out


def recompute(
    data_dir: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    chapters: list[str] | None = None,
) -> dict[str, Any]:
    """Every registered chapter's figures from a pack and parameters, keyed by figure id."""
    out: dict[str, Any] = {}
    for _, _, figs in evaluate(data_dir, overrides, chapters).values():
        out.update(figs)
    return out


#: What a chapter needs of a pack beyond its tables' schemas (months or quarters its
#: parameters or the report compare, rows by age, ...): each chapter's ``checks.problems``
#: with its ``Parameters``. The build calls them before any notebook runs.
CHECKS: dict[str, tuple[Callable[[Mapping[str, Any], Any], list[Problem]], type]] = {
    "pa": (pa_checks.problems, pa_parameters.Parameters),
    "edge": (edge_checks.problems, edge_parameters.Parameters),
    "willow": (willow_checks.problems, willow_parameters.Parameters),
    "surgeries": (surgeries_checks.problems, surgeries_parameters.Parameters),
    "options": (options_checks.problems, options_checks.Parameters),
}


def chapter_problems(
    chapter: str, tables: Mapping[str, Any], values: Mapping[str, Any]
) -> list[Problem]:
    """Why ``chapter`` could not be built from these tables and parameter values (the
    chapter's share of a build's values), in plain words; empty when it can."""
    if chapter in CHECKS:
        problems, parameters = CHECKS[chapter]
        found = problems(tables, parameters.from_values(values))
        if found:
            return found
    if chapter not in STRANDS:
        return []
    # Every other need: the chapter's figures worked out now, so a row the model looks for
    # and does not find is a problem named here, not a failed notebook.
    strand = STRANDS[chapter]
    params = parameter_values(values)
    try:
        if "gdp_deflators" in tables:
            params = prices.at_input_prices(params, tables["gdp_deflators"])
        strand.figures(strand.assumptions(params), dict(tables))
    except (KeyError, IndexError, ValueError, ZeroDivisionError, TypeError) as err:
        said = err.args[0] if err.args and isinstance(err.args[0], str) else repr(err)
        return [
            Problem(
                f"{strand.title} (chapter {chapter})",
                None,
                None,
                None,
                f"data the chapter can be built from, but {said}",
            )
        ]
    return []
