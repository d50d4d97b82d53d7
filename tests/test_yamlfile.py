"""A pack's YAML files are read safely: size, aliases, duplicated keys, encodings,
malformed text and symbolic links all give a problem naming the file, never a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from evidencebook.analysis import pack, parameters, yamlfile
from evidencebook.building import build
from evidencebook.exceptions import DataError, ParameterError


def billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    lines.append("name: [" + ",".join([f"*l{levels - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_fast(tmp_path):
    (tmp_path / "pack.yaml").write_text(billion_laughs(), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(DataError) as err:
        pack.read_pack_meta(tmp_path)
    assert time.perf_counter() - start < 1
    assert [str(p) for p in err.value.problems] == [
        "pack.yaml, row 3; expected at most 10 aliases (*name): write each value out in full "
        "instead"
    ]


def test_a_few_aliases_are_allowed(tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_text("a: &x 1\nb: *x\n", encoding="utf-8")
    assert parameters.load(path) == ({"a": 1, "b": 1}, {"a": 1, "b": 2})


def test_a_large_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_text("# padding\n" * 200_000, encoding="utf-8")
    with pytest.raises(ParameterError, match=r"parameters.yaml; expected a file of at most "):
        parameters.load(path)


def test_a_key_given_twice_names_both_lines(tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_text("pa_salary: 1\nx:\n  y: 1\n  y: 2\npa_salary: 2\n", encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        parameters.load(path)
    assert [str(p) for p in err.value.problems] == [
        "parameters.yaml, row 4, column 'y'; expected each name once only (y is also on row 3: "
        "delete one)",
        "parameters.yaml, row 5, column 'pa_salary'; expected each name once only (pa_salary is "
        "also on row 1: delete one)",
    ]


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "parameters.yaml"
    path.write_text("a: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="valid YAML"):
        parameters.load(path)


def test_pack_yaml_in_windows_1252_or_with_a_bom_is_read(tmp_path):
    (tmp_path / "pack.yaml").write_bytes("name: Caf\u00e9 Council\n".encode("cp1252"))
    assert build.pack_name(tmp_path) == "Caf\u00e9 Council"
    (tmp_path / "pack.yaml").write_bytes("\ufeffname: North\nsuppress_below: 5\n".encode())
    assert build.pack_name(tmp_path) == "North"
    assert build.suppress_setting(tmp_path, None) == 5


def test_malformed_pack_yaml_is_a_problem_with_its_line(tmp_path):
    (tmp_path / "pack.yaml").write_text("name: North\nsuppress_below: [10\n", encoding="utf-8")
    for read in (build.pack_name, lambda p: build.suppress_setting(p, None)):
        with pytest.raises(DataError, match=r"pack.yaml, row 3; expected valid YAML"):
            read(tmp_path)


def test_a_pack_without_pack_yaml_is_named_after_its_folder(tmp_path):
    assert pack.read_pack_meta(tmp_path) == {}
    assert build.pack_name(tmp_path) == tmp_path.name


def test_read_yaml_refuses_a_link_even_to_a_good_file(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("a: 1\n", encoding="utf-8")
    os.symlink(good, tmp_path / "link.yaml")
    with pytest.raises(ParameterError, match="not a symbolic link"):
        yamlfile.read_yaml(Path(tmp_path / "link.yaml"))
