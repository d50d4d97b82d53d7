"""A book built for publication with small counts withheld (``--suppress-below``)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidencebook import build, pack
from evidencebook.cli import app

THRESHOLD = 10


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("published")
    out = root / "book"
    result = CliRunner().invoke(
        app,
        [
            "build",
            "--out",
            str(out),
            "--work",
            str(root / "work"),
            "--suppress-below",
            str(THRESHOLD),
        ],
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def page_text(path: Path) -> str:
    """A page's visible text (no tags, scripts or styles)."""
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_summary_and_landing_page_say_what_is_withheld(published):
    out, printed = published
    record = list(csv.DictReader((out / "downloads" / build.DISCLOSURE_RECORD).open()))
    assert f"Counts below {THRESHOLD} withheld: {len(record)}" in printed
    landing = page_text(out / "book" / "intro.html")
    assert f"below {THRESHOLD} are not published" in landing
    assert f"held {len(record)} such counts" in landing


def test_the_record_names_cells_not_values(published):
    out, _ = published
    with (out / "downloads" / build.DISCLOSURE_RECORD).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(rows[0]) == {"file", "line", "column", "reason", "detail"}
    default = pack.default_pack_dir()
    for row in rows:
        spec = pack.all_tables()[row["file"].removesuffix(".csv")]
        frame = pack.read_table(default, spec)
        value = frame.loc[int(row["line"]), row["column"]]
        assert row["column"] in spec.disclosive_columns
        assert row["reason"] in ("primary", "secondary")
        if row["reason"] == "primary":
            assert 0 < value < THRESHOLD
        assert not re.search(rf"\b{value}\b", row["detail"]), row


def test_chapters_that_cannot_withhold_are_left_out_with_a_note(published):
    out, printed = published
    landing = page_text(out / "book" / "intro.html")
    withheld = build.withheld_tables(out.parent / "work" / "pack")
    for chapter in build.chapter_notebooks():
        blocked = build.cannot_withhold(chapter, withheld)
        page = out / "notebooks" / f"{chapter}.html"
        assert page.exists() != bool(blocked), chapter
        if blocked:
            assert f"Left out {chapter}: it cannot yet show the withheld counts" in printed
            assert f"withheld counts in: {', '.join(blocked)}" in landing


def test_no_page_publishes_a_withheld_count(published):
    """Every count withheld is absent from the pages that read its table: the pages built
    from a withheld table show c in its place."""
    out, _ = published
    work_pack = out.parent / "work" / "pack"
    for name in build.withheld_tables(work_pack):
        spec = pack.all_tables()[name]
        for chapter in spec.shows_withheld:
            page = out / "notebooks" / f"{chapter}.html"
            if page.exists():
                assert " c " in page_text(page) or ">c<" in page.read_text(encoding="utf-8")
