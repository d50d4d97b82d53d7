"""The strand registry reads each chapter's ``figures(tables, params)``: small hand-made
chapters, and every registered chapter against its own ``compute``."""

from __future__ import annotations

import dataclasses
import types
from pathlib import Path

import pandas as pd
import pytest

from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters import registry


@dataclasses.dataclass(frozen=True)
class ToyParameters(ChapterParameters):
    toy_rate: float = param(0.5, "A rate. Source: made up")
    toy_posts: int = param(2, "Posts. Source: made up")


@dataclasses.dataclass(frozen=True)
class SheetToyParameters(ChapterParameters):
    toy_rate: float = param(0.5, "A rate. Source: made up")
    inputs_sheet: str = param("", "A council's inputs sheet. Source: made up")


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


@pytest.fixture(scope="module")
def checked_default():
    """The default pack checked as a build checks it: the tables read, and each chapter's
    parameter values with the strands' figures worked out on the way."""
    from evidencebook.building import build

    read: dict = {}
    root = build.project_root()
    per_chapter = build.check_inputs(build.resolve_pack(None), None, root, None, read)
    return read, per_chapter


def test_the_check_works_out_every_strand_as_evaluate_does(checked_default, tmp_path):
    """The figures the build keeps in its snapshot are those each chapter would work out:
    with the snapshot, ``evaluate`` gives the same parameters, tables and figures without
    calling any chapter's ``figures``."""
    from evidencebook.analysis import pack, snapshot

    read, per_chapter = checked_default
    data = pack.resolve_pack(None)
    values = {k: v for share in per_chapter.values() for k, v in share.items()}
    kept = per_chapter.evaluations
    assert kept is not None and list(kept["chapters"]) == list(registry.STRANDS)
    assert kept["defaults"]["notebooks"] == registry.notebooks_digest()
    alone = registry.evaluate(None, values)
    path = snapshot.write(data, read, tmp_path, None, kept)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(snapshot.ENV, str(path))
        for strand in registry.STRANDS.values():
            mp.setattr(strand.module, "figures", None)  # not called again
        defaults = registry.parameter_defaults()
        mp.setattr(registry, "chapter_parameters", None)  # the notebooks are not read again
        assert registry.parameter_values() == defaults
        held = registry.evaluate(None, values)
        assert list(registry.evaluate(None, values, ["pa"])) == ["pa"]
        with pytest.raises(TypeError):  # other values: worked out again (figures is gone)
            registry.evaluate(None, {**values, "overhead_rate": 0.5}, ["overview"])
    assert list(held) == list(alone)
    for name, evaluation in alone.items():
        assert held[name].params == evaluation.params, name
        assert held[name].figures.keys() == evaluation.figures.keys(), name
        for fid, value in evaluation.figures.items():
            assert repr(held[name].figures[fid]) == repr(value), fid
        assert held[name].tables.keys() == evaluation.tables.keys()


def test_strands_not_all_checked_are_not_kept(checked_default):
    from evidencebook.analysis import pack

    read, per_chapter = checked_default
    data = pack.resolve_pack(None)
    values = {k: v for share in per_chapter.values() for k, v in share.items()}
    found = {"pa": registry.evaluation("pa", pack.load_chapter("pa"), values)}
    kept = registry.evaluations(data, found, values, set())
    assert kept["chapters"] is None  # each chapter works them out itself
    assert kept["defaults"]["values"] == registry.parameter_defaults()


def test_the_key_of_values_is_that_of_the_strands_parameters():
    defaults = registry.values_key({})
    assert registry.values_key(registry.parameter_values()) == defaults
    assert registry.values_key({"_set_in": {"x": "y"}, "parameters_json": "{}"}) == defaults
    assert registry.values_key({"overhead_rate": 0.3}) != defaults


def test_a_strands_figures_are_worked_out_once_for_the_same_tables_and_values(monkeypatch):
    """Worked out again for a changed cell, other values or another ``figures``; the same
    tables and values (here, a copy of them) give a copy of the figures worked out before."""
    calls = []

    def counted(tables, params):
        calls.append(params)
        return toy_figures(tables, params)

    toy = types.ModuleType("evidencebook.chapters.toy")
    toy.Parameters = ToyParameters  # type: ignore[attr-defined]
    toy.figures = counted  # type: ignore[attr-defined]
    monkeypatch.setattr(registry, "STRANDS", {"toy": registry.Strand(toy, ("toy",), "Toys")})
    values = {"toy_rate": 0.25}
    first = registry.evaluation("toy", {"toy_costs": TABLES["toy_costs"].copy()}, values)
    first.figures["toy.cost"] = -1.0  # a reader changing its figures changes no other's
    again = registry.evaluation("toy", {"toy_costs": TABLES["toy_costs"].copy()}, values)
    assert again.figures == {"toy.cost": 20.0} and len(calls) == 1
    assert again.params == ToyParameters(toy_rate=0.25)
    changed = {"toy_costs": pd.DataFrame({"gbp": [10.0, 31.0]})}
    assert registry.evaluation("toy", changed, values).figures == {"toy.cost": 20.5}
    assert registry.evaluation("toy", TABLES, {"toy_rate": 1.0}).figures == {"toy.cost": 80.0}
    assert len(calls) == 3
    toy.figures = lambda tables, params: {"toy.cost": 0.0}  # type: ignore[attr-defined]
    assert registry.evaluation("toy", TABLES, {"toy_rate": 1.0}).figures == {"toy.cost": 0.0}


def test_a_strands_figures_follow_the_inputs_sheet_its_parameters_name(tmp_path, monkeypatch):
    """A sheet changed under the same name (the parameters the same) is read again."""
    sheet = tmp_path / "inputs.yaml"
    sheet.write_text("2\n")
    read = []

    def posts(tables, params: SheetToyParameters) -> dict[str, float]:
        read.append(params.inputs_sheet)
        return {"toy.posts": float(Path(params.inputs_sheet).read_text())}

    toy = types.ModuleType("evidencebook.chapters.toy")
    toy.Parameters = SheetToyParameters  # type: ignore[attr-defined]
    toy.figures = posts  # type: ignore[attr-defined]
    monkeypatch.setattr(registry, "STRANDS", {"toy": registry.Strand(toy, ("toy",), "Toys")})
    values = {"inputs_sheet": str(sheet)}
    for _ in range(2):
        assert registry.evaluation("toy", TABLES, values).figures == {"toy.posts": 2.0}
    assert len(read) == 1  # the same sheet: worked out once
    sheet.write_text("3\n")
    assert registry.evaluation("toy", TABLES, values).figures == {"toy.posts": 3.0}
    assert len(read) == 2
