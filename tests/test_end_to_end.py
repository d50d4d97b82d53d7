"""The worked example: an Isle of Wight pack made, filled, checked and built by the
commands a commissioner uses (see book/guide.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidencebook import scaffold
from evidencebook.cli import app

ROOT = Path(__file__).resolve().parents[1]
IOW = "Isle of Wight"

#: What the worked example copies from the default pack: the Isle of Wight's own rows where
#: a table has an authority column, and otherwise the whole table (the PA time-use survey
#: covered social workers in both authorities).
FILL = {
    "pa_posts": IOW,
    "team_caseloads": IOW,
    "pa_time_use": None,
    "pa_time_for_families": None,
    "gdp_deflators": None,
}


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def iow_pack(tmp_path_factory) -> Path:
    pack = tmp_path_factory.mktemp("packs") / "isle-of-wight"
    run("scaffold", str(pack), "--name", IOW, "--old-la-code", "921", "--new-la-code", "E06000046")
    for table, authority in FILL.items():
        assert scaffold.copy_rows(pack, table, authority) > 0, table
    with open(ROOT / "data" / "theory_of_change.csv", encoding="utf-8") as handle:
        pa_rows = [line for line in handle if line.startswith("pa,")]
    with open(pack / "theory_of_change.csv", "a", encoding="utf-8") as handle:
        handle.writelines(pa_rows)
    # The caseload comparison uses the Isle of Wight's own teams (Table 22).
    params = pack / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    assert "caseload_authority: Hampshire" in text
    params.write_text(text.replace("caseload_authority: Hampshire", f"caseload_authority: {IOW}"))
    return pack


def test_validate_reports_the_chapters_with_data(iow_pack):
    out = run("validate", "--data", str(iow_pack))
    assert "No problems found" in out
    assert "Chapters with data: assumptions, pa\n" in out
    assert "Would be left out: fit" in out


def test_build_the_isle_of_wight_book(iow_pack, tmp_path):
    out = tmp_path / "book"
    printed = run(
        "build", "--data", str(iow_pack), "--out", str(out), "--work", str(tmp_path / "w"), "--pdf"
    )
    assert "Left out fit" in printed
    page = (out / "notebooks" / "pa.html").read_text(encoding="utf-8")
    assert "228,420" in page  # the Isle of Wight's 9 posts at the report's salary
    assert "812,160" not in page  # Hampshire's pilot is not in this pack
    assert not (out / "notebooks" / "fit.html").exists()
    landing = (out / "book" / "intro.html").read_text(encoding="utf-8")
    assert "Built from the data pack for Isle of Wight" in landing
    assert "left out because the pack has no data" in landing
    assert (out / "downloads" / "tables.xlsx").exists()
    assert (out / "downloads" / "book.pdf").read_bytes()[:5] == b"%PDF-"


def test_batch_isolates_a_bad_pack(iow_pack, tmp_path):
    bad = tmp_path / "broken"
    run("scaffold", str(bad), "--name", "Brokenshire")
    (bad / "pa_posts.csv").write_text("authority,posts,source\nBrokenshire,-2,x\n")
    for table in ("pa_time_use", "pa_time_for_families", "team_caseloads", "gdp_deflators"):
        (bad / f"{table}.csv").write_bytes((iow_pack / f"{table}.csv").read_bytes())
    result = CliRunner().invoke(
        app, ["batch", str(iow_pack), str(bad), "--out", str(tmp_path / "books"), "--workers", "2"]
    )
    assert result.exit_code == 1, result.output
    assert "1 built, 1 failed" in result.output
    assert "pa_posts.csv, row 2, column 'posts': found -2; expected a whole number" in result.output
    assert (tmp_path / "books" / "isle-of-wight" / "notebooks" / "pa.html").exists()
    assert not (tmp_path / "books" / "broken").exists()
