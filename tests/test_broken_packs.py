"""A corpus of deliberately broken data packs, each with the exact problems validate prints.

Each folder in ``tests/fixtures/broken/`` holds only what differs from the default pack:
files that replace the default ones, ``remove.txt`` naming default files to delete, and
``expected.txt``, the output of ``evidencebook validate`` word for word (the pack's folder
written as PACK). Each folder in ``tests/fixtures/accepted/`` holds messy but valid files
(other encodings, blank rows, thousands separators...) that must read as the default pack's
values.

To add a case: copy one default file into a new folder, change one or two cells, write the
one or two problems you mean to cause into ``expected.txt`` (after the summary line), and
add the folder's name to ``BROKEN`` or ``ACCEPTED`` below.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from helpers import NATIONAL
from typer.testing import CliRunner

from evidencebook.analysis import pack, parameters
from evidencebook.analysis.schemas import all_tables
from evidencebook.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
NOT_PACK_FILES = {"expected.txt", "remove.txt"}

#: Every broken pack, so a deleted or renamed fixture folder fails the test.
BROKEN = {
    "bad-date",
    "bad-pack-yaml-values",
    "bad-quarter",
    "blank-required-cell",
    "broken-workbook",
    "control-character-in-text",
    "damaged-workbook-sheet",
    "duplicate-column",
    "duplicate-parameter",
    "duplicate-row",
    "fraction-percentages",
    "implausible-month",
    "invalid-pack-yaml",
    "invalid-parameters-yaml",
    "long-value-with-escapes",
    "mash-referrals-more-than-referrals",
    "missing-column",
    "missing-parameters-file",
    "negative-count",
    "not-whole-number",
    "number-too-large",
    "parameter-out-of-range",
    "parameters-out-of-order",
    "part-larger-than-whole",
    "percentage-for-a-share",
    "period-out-of-order",
    "ragged-row",
    "range-low-above-high",
    "share-over-100",
    "symbol-in-required-column",
    "withheld-count-not-of-people",
    "text-in-number-column",
    "unclosed-quote",
    "unknown-column",
    "unknown-parameter",
    "unreadable-encoding",
    "value-not-allowed",
    "wrong-parameter-type",
    "yaml-alias-bomb",
    # What a chapter needs beyond its tables' schemas, said before any notebook runs.
    "edge-starts-missing-quarter",
    "edge-starts-without-ages",
    "pa-caseload-authority-missing",
    "pa-caseload-month-missing",
    "price-year-without-deflator",
    "strand-row-missing",
    "surgeries-target-missing",
    "willow-role-missing",
}
#: Every messy pack that must be accepted.
ACCEPTED = {
    "blank-rows",
    "council-date-formats",
    "parameters-windows-1252",
    "percent-signs",
    "pound-signs-and-thousands",
    "statistics-symbols-in-optional-columns",
    "utf-16",
    "utf8-bom",
    "windows-1252",
}


def cases(kind: str) -> list[str]:
    return sorted(p.name for p in (FIXTURES / kind).glob("*") if p.is_dir())


def overlay(case: Path) -> list[Path]:
    """The fixture's files that replace (or add to) the default pack's."""
    return sorted(p for p in case.iterdir() if p.name not in NOT_PACK_FILES)


def make_pack(tmp_path: Path, case: Path) -> Path:
    """The default pack, copied, with the fixture's files laid over it."""
    target = tmp_path / "pack"
    shutil.copytree(ROOT / "data", target, ignore=NATIONAL)
    removals = case / "remove.txt"
    if removals.exists():
        for name in removals.read_text(encoding="utf-8").split():
            (target / name).unlink()
    for path in overlay(case):
        shutil.copyfile(path, target / path.name)
    return target


#: Each default table as read from ``data/``, once per test process (see ``unchanged_tables``).
_DEFAULT_READS: dict[str, pd.DataFrame] = {}


@pytest.fixture(autouse=True)
def unchanged_tables(monkeypatch):
    """A case changes one or two files of the default pack; every other table is the
    default's file, byte for byte, and reading it gives the default's frame. That frame is
    read (and checked) once and handed out as a copy, so each case pays only for its own
    files. A file that differs in any byte, a link, or a pack with a workbook (which could
    hold the table instead) is read as usual."""
    read = pack.read_table

    def read_table(target: Path, spec):
        path = Path(target) / spec.file_name
        default = ROOT / "data" / spec.file_name
        if (
            Path(target) != ROOT / "data"
            and not (Path(target) / pack.WORKBOOK).exists()
            and path.is_file()
            and not path.is_symlink()
            and default.is_file()
            and path.read_bytes() == default.read_bytes()
        ):
            if spec.name not in _DEFAULT_READS:
                _DEFAULT_READS[spec.name] = read(ROOT / "data", spec)
            return _DEFAULT_READS[spec.name].copy(deep=True)
        return read(target, spec)

    monkeypatch.setattr(pack, "read_table", read_table)


def validate(target: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["validate", "--data", str(target)])
    # An exception the command did not handle also exits 1 under CliRunner: only a
    # deliberate exit (typer.Exit, or a normal return) counts.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output.replace(str(target), "PACK").splitlines()


def test_the_corpus_is_complete():
    assert set(cases("broken")) == BROKEN
    assert set(cases("accepted")) == ACCEPTED


@pytest.mark.parametrize("name", cases("broken"))
def test_broken_pack_gives_exactly_the_expected_problems(tmp_path, name):
    case = FIXTURES / "broken" / name
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert len(expected) >= 2, "expected.txt needs the summary line and a problem"
    for path in overlay(case):
        default = ROOT / "data" / path.name
        assert not default.exists() or default.read_bytes() != path.read_bytes(), path.name

    code, lines = validate(make_pack(tmp_path, case))

    assert code == 1
    assert lines == expected


@pytest.mark.parametrize("name", cases("accepted"))
def test_messy_but_valid_pack_reads_as_the_default(tmp_path, name):
    case = FIXTURES / "accepted" / name
    target = make_pack(tmp_path, case)

    code, lines = validate(target)

    assert code == 0, lines
    assert lines[0] == "No problems found in PACK"
    tables = all_tables()
    files = overlay(case)
    assert files
    for path in files:
        default = ROOT / "data" / path.name
        assert default.read_bytes() != path.read_bytes(), f"{path.name} is not messy"
        if path.name == parameters.PARAMETERS_FILE:
            got = parameters.load(target / path.name)[0]
            want = parameters.load(default)[0]
            assert got and got == {name: want[name] for name in got}
            continue
        spec = tables[path.stem]
        got = pack.read_table(target, spec).reset_index(drop=True)
        want = pack.read_table(ROOT / "data", spec).reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("name", ["pack.yaml", "parameters.yaml", "pa_posts.csv", "pack.xlsx"])
def test_a_symbolic_link_in_a_pack_is_refused_and_never_read(tmp_path, name):
    """A link (here to a "secret" file outside the pack) could show any file of the machine
    in a message or a book; made in the test, as a fixture folder cannot hold a link."""
    target = tmp_path / "pack"
    shutil.copytree(ROOT / "data", target, ignore=NATIONAL)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET\n", encoding="utf-8")
    link = target / name
    link.unlink(missing_ok=True)
    os.symlink(secret, link)

    code, lines = validate(target)

    assert code == 1
    assert "SECRET" not in "\n".join(lines)
    assert (
        f"  - {name}; expected a regular file, not a symbolic link (copy the file itself into "
        "the pack)"
    ) in lines


def test_a_pack_for_publication_never_copies_a_linked_pack_yaml(tmp_path):
    """With --suppress-below given, pack.yaml is not read for its threshold, but the copy of
    the pack made for publication still refuses it rather than follow the link."""
    from evidencebook.analysis.disclosure import withhold_pack
    from evidencebook.exceptions import DataError

    target = tmp_path / "pack"
    shutil.copytree(ROOT / "data", target, ignore=NATIONAL)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET\n", encoding="utf-8")
    (target / "pack.yaml").unlink()
    os.symlink(secret, target / "pack.yaml")
    with pytest.raises(DataError, match="not a symbolic link"):
        withhold_pack(target, tmp_path / "published", 10)
    assert not (tmp_path / "published" / "pack.yaml").exists()
