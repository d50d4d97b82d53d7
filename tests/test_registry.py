"""The strand registry reads each chapter's ``figures(tables, params)``: small hand-made
chapters, and every registered chapter against its own ``compute``."""

from __future__ import annotations

import dataclasses
import types

import pandas as pd
import pytest

from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters import registry


@dataclasses.dataclass(frozen=True)
class ToyParameters(ChapterParameters):
    toy_rate: float = param(0.5, "A rate. Source: made up")
    toy_posts: int = param(2, "Posts. Source: made up")


def toy_figures(tables, params: ToyParameters) -> dict[str, float]:
    return {"toy.cost": float(tables["toy_costs"]["gbp"].sum()) * params.toy_rate * 2}


TOY = types.ModuleType("evidencebook.chapters.toy")
TOY.Parameters = ToyParameters  # type: ignore[attr-defined]
TOY.figures = toy_figures  # type: ignore[attr-defined]
TABLES = {"toy_costs": pd.DataFrame({"gbp": [10.0, 30.0]})}


def test_a_strand_is_named_by_its_chapter_and_builds_the_chapters_parameters():
    strand = registry.Strand(TOY, ("toy",), "Toys", unit_cost="toy.cost")
    assert strand.chapter == "toy"
    params = strand.parameters({"toy_rate": 0.25, "pa_salary": 1.0})  # others ignored
    assert params == ToyParameters(toy_rate=0.25, toy_posts=2)


def test_evaluate_calls_each_chapters_figures_with_its_parameters(monkeypatch):
    strand = registry.Strand(TOY, ("toy",), "Toys", unit_cost="toy.cost")
    monkeypatch.setattr(registry, "STRANDS", {"toy": strand})
    monkeypatch.setattr(registry, "parameter_values", lambda o=None: {"toy_rate": 1.0} | (o or {}))
    monkeypatch.setattr(registry, "resolve_pack", lambda d: "pack")
    monkeypatch.setattr(registry, "withheld_tables", lambda pack: set())
    monkeypatch.setattr(registry, "missing_tables", lambda pack, name: [])
    monkeypatch.setattr(registry, "cannot_withhold", lambda name, withheld: False)
    monkeypatch.setattr(registry, "load_chapter", lambda name, d: TABLES)
    evaluated = registry.evaluate(overrides={"toy_rate": 0.5})
    params, tables, figs = evaluated["toy"]
    assert params == ToyParameters(toy_rate=0.5)
    assert tables is TABLES and figs == {"toy.cost": 40.0}
    assert registry.recompute(overrides={"toy_rate": 2.0}) == {"toy.cost": 160.0}


def test_evaluate_leaves_out_a_chapter_the_book_leaves_out(monkeypatch):
    monkeypatch.setattr(registry, "STRANDS", {"toy": registry.Strand(TOY, ("toy",), "Toys")})
    monkeypatch.setattr(registry, "resolve_pack", lambda d: "pack")
    monkeypatch.setattr(registry, "withheld_tables", lambda pack: set())
    monkeypatch.setattr(registry, "missing_tables", lambda pack, name: ["toy_costs"])
    assert registry.evaluate() == {}


def test_every_strand_names_figures_its_chapter_gives(default_evaluation):
    evaluated = default_evaluation
    for name, strand in registry.STRANDS.items():
        figs = evaluated[name].figures
        assert figs and all(fid.split(".")[0] in strand.prefixes for fid in figs), name
        for fid in (strand.unit_cost, strand.bcr):
            assert fid is None or isinstance(figs[fid], float), (name, fid)


@pytest.mark.parametrize("name", sorted(registry.STRANDS))
def test_the_registry_reads_what_each_chapter_computes(name):
    """Every figure the registry reads is one the chapter's ``compute`` states, with the
    same value (a few Monte Carlo draws: the figures read here do not depend on them). A
    list is glued as text, so only its presence is compared."""
    values = registry.parameter_values({"mc_runs": 50})
    evaluated = registry.evaluate(overrides=values, chapters=[name])[name]
    stated = registry.STRANDS[name].module.compute(evaluated.tables, evaluated.params).values()
    for fid, value in evaluated.figures.items():
        assert fid in stated, (name, fid)
        if isinstance(value, (list, tuple)):
            continue
        if isinstance(value, float) and pd.notna(value):
            assert stated[fid] == pytest.approx(value), (name, fid)
        else:
            assert repr(stated[fid]) == repr(value), (name, fid)
