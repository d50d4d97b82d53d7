"""The assumptions log lists every parameter once, with the value a build used."""

from __future__ import annotations

from evidencebook.analysis import parameters
from evidencebook.building import build
from evidencebook.chapters.assumptions import model as assumptions


def test_every_parameter_once_with_its_chapters():
    table = assumptions.log()
    declared = build.chapter_parameters()
    names = {n for d in declared.values() for n in d if n not in parameters.RESERVED}
    assert sorted(table["parameter"]) == sorted(names)
    overhead = table.set_index("parameter").loc["overhead_rate"]
    assert "pa" in overhead["chapters"].split(", ")
    assert overhead["default"] == 0.2 and overhead["changed"] == ""


def test_changed_values_are_marked():
    table = assumptions.log({"overhead_rate": 0.25}).set_index("parameter")
    assert table.loc["overhead_rate", "value_used"] == 0.25
    assert table.loc["overhead_rate", "changed"] == "yes"
    assert (table.drop("overhead_rate")["changed"] == "").all()
