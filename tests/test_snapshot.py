"""The build's snapshot of a pack's checked tables: read once, handed to every chapter."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest
from helpers import withhold

from evidencebook.analysis import pack, snapshot
from evidencebook.analysis.schemas import tables_for


def frame(value: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"count": pd.array([value], dtype="Int64"), "count_withheld": [False]},
        index=pd.Index([2], name="line"),
    )


@pytest.fixture
def held(tmp_path, monkeypatch):
    path = snapshot.write(tmp_path / "pack", {"a": frame(1), "b": frame(2)}, tmp_path / "work")
    monkeypatch.setenv(snapshot.ENV, str(path))
    return tmp_path / "pack"


def test_the_snapshot_gives_the_tables_it_holds_for_its_own_pack(held):
    got = snapshot.tables(held, ["a"])
    assert list(got) == ["a"]
    pd.testing.assert_frame_equal(got["a"], frame(1))


def test_a_chapter_may_change_its_copy_without_changing_the_next_chapters(held):
    first = snapshot.tables(held, ["a"])["a"]
    first.loc[2, "count"] = 99
    first.loc[2, "count_withheld"] = True
    again = snapshot.tables(held, ["a"])["a"]
    pd.testing.assert_frame_equal(again, frame(1))


def test_another_pack_or_a_table_it_does_not_hold_reads_the_pack(held, tmp_path):
    assert snapshot.tables(tmp_path / "another", ["a"]) is None
    assert snapshot.tables(held, ["a", "c"]) is None


def test_without_a_build_there_is_no_snapshot(held, monkeypatch):
    monkeypatch.delenv(snapshot.ENV)
    assert snapshot.tables(held, ["a"]) is None


def test_an_unreadable_snapshot_reads_the_pack(held, tmp_path, monkeypatch):
    broken = tmp_path / "broken.pickle"
    broken.write_bytes(b"not a pickle")
    monkeypatch.setenv(snapshot.ENV, str(broken))
    assert snapshot.tables(held, ["a"]) is None


def test_the_same_tables_make_the_same_file(tmp_path):
    one = snapshot.write(tmp_path / "pack", {"a": frame(1)}, tmp_path / "work")
    two = snapshot.write(tmp_path / "pack", {"a": frame(1)}, tmp_path / "work")
    other = snapshot.write(tmp_path / "pack", {"a": frame(2)}, tmp_path / "work")
    assert one == two != other


def test_a_chapter_loads_from_the_snapshot_when_there_is_one(tmp_path, monkeypatch):
    data = pack.resolve_pack(None)
    tables = pack.load_chapter("pa")
    marked = {name: t.copy() for name, t in tables.items()}
    first = next(iter(marked))
    marked[first]["marked"] = True
    monkeypatch.setenv(snapshot.ENV, str(snapshot.write(data, marked, tmp_path)))
    got = pack.load_chapter("pa")
    assert got[first]["marked"].all()
    assert set(got) == {t.name for t in tables_for("pa")}


def test_a_chapter_reading_the_snapshot_does_not_import_pandera(tmp_path):
    data = pack.resolve_pack(None)
    path = snapshot.write(data, pack.load_chapter("pa"), tmp_path)
    code = (
        "import sys; from evidencebook.chapters import pa; pa.load(None); "
        "print('pandera' in sys.modules)"
    )
    env = {**os.environ, snapshot.ENV: str(path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "False"


def test_what_a_pack_withholds_is_read_from_the_snapshot_in_a_build(tmp_path, monkeypatch):
    from evidencebook.analysis.coverage import withheld_tables
    from evidencebook.analysis.schemas import all_tables

    data = pack.resolve_pack(None)
    assert withheld_tables(data) == set()
    spec = next(
        s for s in all_tables().values() if s.disclosive_columns and pack.has_table(data, s)
    )
    marked = pack.read_table(data, spec)
    column = spec.disclosive_columns[0]
    marked = withhold(marked, column, marked.index == marked.index[0])
    monkeypatch.setenv(snapshot.ENV, str(snapshot.write(data, {spec.name: marked}, tmp_path)))
    pd.testing.assert_frame_equal(pack.checked_table(data, spec), marked)
    assert withheld_tables(data) == {spec.name}


def test_a_chapter_finds_its_tables_by_the_list_the_build_kept(tmp_path, monkeypatch):
    data = pack.resolve_pack(None)
    tables = pack.load_chapter("pa")
    listed = dict(list(tables.items())[:2])
    path = snapshot.write(data, tables, tmp_path, {"pa": list(listed)})
    monkeypatch.setenv(snapshot.ENV, str(path))
    assert set(pack.load_chapter("pa")) == set(listed)  # the build's list, not the schemas
    assert snapshot.chapter_tables(data, "fit") is None  # a chapter it did not list


def test_a_chapters_kernel_imports_neither_papermill_nor_other_chapters(tmp_path):
    data = pack.resolve_pack(None)
    names = [t.name for t in tables_for("pa")]
    path = snapshot.write(data, pack.load_chapter("pa"), tmp_path, {"pa": names})
    code = (
        "import sys; from evidencebook.chapters import pa; pa.load(None); "
        "print(sorted(m for m in sys.modules if m == 'papermill' or m.startswith("
        "'evidencebook.chapters.') and m.split('.')[2] != 'pa'))"
    )
    env = {**os.environ, snapshot.ENV: str(path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "[]"


def test_the_strands_figures_are_kept_for_their_own_pack_and_values(tmp_path, monkeypatch):
    data = pack.resolve_pack(None)
    kept = {"pack": str(data), "values": "k1", "chapters": {"pa": ("params", {"pa.x": 1.0})}}
    path = snapshot.write(data, {}, tmp_path / "a", None, kept)
    monkeypatch.setenv(snapshot.ENV, str(path))
    assert snapshot.evaluations(data, "k1") == {"pa": ("params", {"pa.x": 1.0})}
    assert snapshot.evaluations(data, "k2") is None  # other parameter values
    assert snapshot.evaluations(tmp_path, "k1") is None  # another pack
    other = snapshot.write(tmp_path, {}, tmp_path / "b", None, kept)  # made from another
    monkeypatch.setenv(snapshot.ENV, str(other))
    assert snapshot.evaluations(tmp_path, "k1") is None


def test_the_parameters_defaults_are_kept_for_the_notebooks_they_were_read_from(
    tmp_path, monkeypatch
):
    defaults = {"notebooks": "n1", "values": {"overhead_rate": 0.2}}
    path = snapshot.write(tmp_path, {}, tmp_path / "a", None, {"defaults": defaults})
    monkeypatch.setenv(snapshot.ENV, str(path))
    assert snapshot.defaults("n1") == {"overhead_rate": 0.2}
    assert snapshot.defaults("n2") is None  # the notebooks changed since
    assert snapshot.evaluations(tmp_path, "k1") is None  # no figures kept
    monkeypatch.delenv(snapshot.ENV)
    assert snapshot.defaults("n1") is None
