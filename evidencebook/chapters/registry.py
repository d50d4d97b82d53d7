"""The registry of chapters with a model: which chapter produces which reference figures,
and which of its figures are a strand's unit cost and benefit-cost ratio.

The value-for-money comparison and the arithmetic audit read every strand's figures from a
data pack and a set of parameters through :func:`evaluate`: it builds each chapter's own
``Parameters`` from the values (``Parameters.from_values``) and calls the chapter's
``figures(tables, params)``, the function its ``compute`` builds on (no charts, wording or
Monte Carlo; no copy of any arithmetic or of any mapping from parameters to a model). A test
checks that the figures read here equal the ones each chapter glues.
"""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pandas as pd

from evidencebook.analysis import local_inputs, prices, snapshot
from evidencebook.analysis.coverage import cannot_withhold, missing_tables, withheld_tables
from evidencebook.analysis.kept import Kept
from evidencebook.analysis.pack import load_chapter, resolve_pack
from evidencebook.analysis.parameters import chapter_notebooks, chapter_parameters
from evidencebook.chapters import edge, fit, overview, pa, surgeries, trends, volunteers, willow
from evidencebook.chapters.edge import checks as edge_checks
from evidencebook.chapters.options import checks as options_checks
from evidencebook.chapters.pa import checks as pa_checks
from evidencebook.chapters.surgeries import checks as surgeries_checks
from evidencebook.chapters.willow import checks as willow_checks
from evidencebook.exceptions import Problem


@dataclass(frozen=True)
class Strand:
    """A chapter with a model: the chapter's package (its ``Parameters`` and its
    ``figures(tables, params)``), the reference-figure id prefixes it produces, its title,
    and, for the value-for-money comparison, the ids of its unit cost (GBP) and of its
    benefit-cost ratio (where the report supports one)."""

    module: ModuleType
    prefixes: tuple[str, ...]
    title: str
    unit_cost: str | None = None
    bcr: str | None = None

    @property
    def chapter(self) -> str:
        """The chapter's (and its notebook's) name."""
        return self.module.__name__.rsplit(".", 1)[-1]

    def parameters(self, values: Mapping[str, Any]) -> Any:
        """The chapter's declared parameters (its ``Parameters``) from every value a build
        uses."""
        return self.module.Parameters.from_values(values)


class Evaluation(NamedTuple):
    """One chapter read by :func:`evaluate`: its parameters, its tables and its figures."""

    params: Any
    tables: dict[str, pd.DataFrame]
    figures: dict[str, Any]


STRANDS: dict[str, Strand] = {
    s.chapter: s
    for s in [
        Strand(overview, ("eval", "context"), "The programme"),
        Strand(
            pa,
            ("pa",),
            "Skilled administrators for social workers (PAs)",
            "pa.on_cost",
            "pa.benefit_per_pound",
        ),
        Strand(fit, ("fit",), "Family Intervention Teams", "fit.full_team_cost"),
        Strand(volunteers, ("vol",), "Volunteers", "vol.unit_cost_hants"),
        Strand(edge, ("edge",), "Edge of care", "edge.unit_cost"),
        Strand(willow, ("cse",), "The Willow team (child sexual exploitation)", "cse.total"),
        Strand(surgeries, ("sws",), "Social work surgeries", "sws.scaled_cost"),
        Strand(trends, ("trends",), "Demand trends"),
    ]
}


def parameter_values(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every chapter's declared defaults, with ``overrides`` (a pack's values) on top.

    In a build, the defaults are those the build read from the same notebooks (see
    :func:`parameter_defaults`), so a chapter's kernel need not read every notebook again."""
    values = dict(snapshot.defaults(notebooks_digest()) or parameter_defaults())
    values.update(overrides or {})
    return values


def parameter_defaults() -> dict[str, Any]:
    """Every chapter's declared parameters at their defaults, read from the notebooks."""
    return {n: p.default for d in chapter_parameters().values() for n, p in d.items()}


def notebooks_digest() -> str:
    """A digest of the chapter notebooks, which declare the parameters and their defaults."""
    h = hashlib.sha256()
    for name, notebook in chapter_notebooks().items():
        h.update(name.encode() + b"\0" + hashlib.sha256(notebook.read_bytes()).digest())
    return h.hexdigest()


def values_key(values: Mapping[str, Any]) -> str:
    """A digest of the values the strands' parameters are made from (every name a strand's
    ``Parameters`` declares, at its value in ``values`` or its default): two sets of values
    with the same key give every strand the same parameters."""
    names = sorted({f.name for s in STRANDS.values() for f in s.module.Parameters.declared()})
    full = parameter_values(values)
    chosen = {n: full.get(n) for n in names}
    return hashlib.sha256(json.dumps(chosen, sort_keys=True, default=repr).encode()).hexdigest()


def evaluation(
    chapter: str, tables: Mapping[str, pd.DataFrame], values: Mapping[str, Any]
) -> Evaluation:
    """One strand's parameters (from every value a build uses, money inputs at the report's
    prices as the chapter has them), its tables and its figures."""
    strand = STRANDS[chapter]
    params = strand.parameters(values)
    if "gdp_deflators" in tables:  # money inputs at the report's prices, as the chapter has them
        params = prices.at_input_prices(params, tables["gdp_deflators"])
    key = _figures_key(strand, params, tables)
    kept = None if key is None else _FIGURES.get(key)
    if kept is not None:
        return Evaluation(params, tables, kept)
    figures = strand.module.figures(tables, params)
    if key is not None and _figures_key(strand, params, tables) == key:  # tables unchanged
        _FIGURES.put(key, figures)  # one that cannot be kept is worked out again next time
    return Evaluation(params, tables, figures)


#: The strands' figures worked out in this process, by what they were worked out from (see
#: ``_figures_key``). A build's check, ``evaluate`` and the tests work out the same strands
#: from the same tables and values again and again.
_FIGURES = Kept(64)


def _figures_key(strand: Strand, params: Any, tables: Mapping[str, pd.DataFrame]) -> tuple | None:
    """What a strand's figures are worked out from: the chapter, its ``figures`` function
    (another one, as a test's stand-in, is another key), a digest of its parameters (and of
    the bytes of the inputs sheet they name, if any), and a digest of every table it is
    given (names, columns, types, index and every cell). None when they cannot be digested:
    the figures are then worked out every time."""
    h = hashlib.sha256()
    try:
        h.update(pickle.dumps(params, protocol=5))
        sheet = str(getattr(params, "inputs_sheet", "") or "").strip()
        if sheet:  # a council's sheet, read for a roll-out: its content, not only its name
            h.update(Path(sheet).read_bytes())
        for name in sorted(tables):
            h.update(name.encode() + b"\0")
            h.update(pickle.dumps(tables[name], protocol=5))
    except (pickle.PicklingError, TypeError, AttributeError, OSError):
        return None
    return strand.chapter, strand.module.figures, type(params), h.hexdigest()


def evaluate(
    data_dir: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    chapters: list[str] | None = None,
) -> dict[str, Evaluation]:
    """For each registered chapter: its parameters, its tables and its figures.

    A chapter the book would leave out for this pack (its data are missing, or it cannot
    show counts the pack withholds) is left out here too.

    In a build, the figures the build worked out when it checked the pack with the same
    values (see :func:`evaluations` and ``analysis.snapshot``) are used, not worked out
    again in each chapter that reads them.
    """
    values = parameter_values(overrides)
    pack = resolve_pack(data_dir)
    held = snapshot.evaluations(pack, values_key(values))
    if held is not None:
        return {
            name: Evaluation(params, load_chapter(name, data_dir), copy.deepcopy(figures))
            for name, (params, figures) in held.items()
            if chapters is None or name in chapters
        }
    withheld = withheld_tables(pack)
    out = {}
    for name in STRANDS:
        if chapters is not None and name not in chapters:
            continue
        if missing_tables(pack, name) or cannot_withhold(name, withheld):
            continue  # a chapter the book leaves out: its figures are not available
        out[name] = evaluation(name, load_chapter(name, data_dir), values)
    return out


def evaluations(
    pack: Path,
    found: Mapping[str, Evaluation],
    values: Mapping[str, Any],
    withheld: set[str],
) -> dict[str, Any]:
    """For the build's table snapshot: the parameters' defaults (with the digest of the
    notebooks that declare them), and what :func:`evaluate` gives for ``pack`` and
    ``values``, from the strands' figures worked out as the pack was checked (``found``, by
    :func:`chapter_problems`). Its ``chapters`` is None unless ``found`` holds every strand
    ``evaluate`` would read (some were not checked: the chapters then work them out)."""
    digest = notebooks_digest()  # before reading the defaults: never newer than they are
    defaults = parameter_defaults()
    out: dict[str, Any] = {
        "pack": str(Path(pack).resolve()),
        "values": values_key(values),
        "defaults": {"notebooks": digest, "values": defaults},
        "chapters": None,
    }
    wanted = [
        n for n in STRANDS if not missing_tables(pack, n) and not cannot_withhold(n, withheld)
    ]
    if any(n not in found for n in wanted):
        return out
    full = {**defaults, **values}
    for n in wanted:  # each worked out from the chapter's share: the same parameters?
        params = STRANDS[n].parameters(full)
        if "gdp_deflators" in found[n].tables:
            params = prices.at_input_prices(params, found[n].tables["gdp_deflators"])
        if params != found[n].params:
            return out
    out["chapters"] = {n: (found[n].params, found[n].figures) for n in wanted}
    return out


def recompute(
    data_dir: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    chapters: list[str] | None = None,
) -> dict[str, Any]:
    """Every registered chapter's figures from a pack and parameters, keyed by figure id."""
    out: dict[str, Any] = {}
    for evaluation in evaluate(data_dir, overrides, chapters).values():
        out.update(evaluation.figures)
    return out


#: What a chapter needs of a pack beyond its tables' schemas (months or quarters its
#: parameters or the report compare, rows by age, ...): each chapter's ``checks.problems``
#: with its ``Parameters``. The build calls them before any notebook runs.
CHECKS: dict[str, tuple[Callable[[Mapping[str, Any], Any], list[Problem]], type]] = {
    "pa": (pa_checks.problems, pa.Parameters),
    "edge": (edge_checks.problems, edge.Parameters),
    "willow": (willow_checks.problems, willow.Parameters),
    "surgeries": (surgeries_checks.problems, surgeries.Parameters),
    "options": (options_checks.problems, options_checks.Parameters),
}


def chapter_problems(
    chapter: str,
    tables: Mapping[str, Any],
    values: Mapping[str, Any],
    into: dict[str, Evaluation] | None = None,
) -> list[Problem]:
    """Why ``chapter`` could not be built from these tables and parameter values (the
    chapter's share of a build's values), in plain words; empty when it can. A strand's
    figures, worked out to find its problems, are put in ``into`` (if given) when it has
    none: as :func:`evaluate` would work them out from the same tables and values."""
    if chapter in CHECKS:
        problems, parameters = CHECKS[chapter]
        found = problems(tables, parameters.from_values(values))
        if found:
            return found
    if values.get("rollout_la") and values.get("inputs_sheet"):  # a strand's roll-out there
        found = local_inputs.sheet_problems(values["inputs_sheet"], values["rollout_la"])
        if found:
            return found
    if chapter not in STRANDS:
        return []
    strand = STRANDS[chapter]
    # Every other need: the chapter's figures worked out now, so a row the model looks for
    # and does not find is a problem named here, not a failed notebook.
    try:
        own = {k: v for k, v in values.items() if k != "rollout_la"}  # no strand figure uses it
        evaluated = evaluation(chapter, dict(tables), parameter_values(own))
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
    if into is not None:
        into[chapter] = evaluated
    return []
