"""The worked example: an Isle of Wight pack made, filled, checked and built by the
commands a commissioner uses (see book/guide.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import page_text
from typer.testing import CliRunner

from evidencebook.building import scaffold
from evidencebook.cli import app

ROOT = Path(__file__).resolve().parents[1]
IOW = "Isle of Wight"

#: What the worked example copies from the default pack: the Isle of Wight's own rows where
#: a table has an authority (or area) column, England's and the South East's where it
#: compares them, and otherwise the whole table (the PA time-use survey covered social
#: workers in both authorities; the evaluation's own tables describe the programme).
FILL = [
    ("pa_posts", IOW),
    ("team_caseloads", IOW),
    ("pa_time_use", None),
    ("pa_time_for_families", None),
    # FIT (the report's FIT findings and Tables 20 and 21)
    ("fit_families", IOW),
    ("fit_case_files", IOW),
    ("fit_team_makeup", IOW),
    ("fit_demand_change", IOW),
    ("looked_after_starts_quarterly", IOW),
    ("looked_after_starts_annual", IOW),
    ("looked_after_starts_annual", "England"),
    # volunteers (Home-Start's family support service)
    ("vol_delivery", IOW),
    ("vol_activity", IOW),
    # demand trends (Tables 17 to 22)
    ("children_in_need", IOW),
    ("looked_after_children", IOW),
    ("looked_after_children", "England"),
    ("looked_after_starts_exact", IOW),
    ("contacts", IOW),
    ("referral_ranges", IOW),
    ("looked_after_rates", IOW),
    ("looked_after_rates", "England"),
    ("looked_after_rates", "South East"),
    # the programme and its evaluation
    ("authority_context", IOW),
    ("programme_elements", None),
    ("programme_timescale", None),
    ("programme_timeline", None),
    ("evaluation_activities", None),
    ("evaluation_sample", None),
    ("evaluation_questions", None),
]

#: Chapters the report has Isle of Wight data for, and those it has none for.
BUILT = ("overview", "pa", "fit", "volunteers", "trends")
LEFT_OUT = ("edge", "willow", "surgeries")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def iow_pack(tmp_path_factory) -> Path:
    pack = tmp_path_factory.mktemp("packs") / "isle-of-wight"
    run("scaffold", str(pack), "--name", IOW, "--old-la-code", "921", "--new-la-code", "E06000046")
    for table, authority in FILL:
        assert scaffold.copy_rows(pack, table, authority) > 0, (table, authority)
    with open(ROOT / "data" / "theory_of_change.csv", encoding="utf-8") as handle:
        rows = [line for line in handle if line.startswith(("pa,", "fit,", "volunteers,"))]
    with open(pack / "theory_of_change.csv", "a", encoding="utf-8") as handle:
        handle.writelines(rows)
    # The caseload comparison uses the Isle of Wight's own teams (Table 22).
    params = pack / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    assert "caseload_authority: Hampshire" in text
    text = text.replace("caseload_authority: Hampshire", f"caseload_authority: {IOW}")
    # Its volunteers were commissioned from Home-Start; it ran no in-house service, so the
    # in-house model stays the report's (Hampshire's) for comparison.
    assert f"vol_commissioned_authority: {IOW}" in text
    params.write_text(text)
    return pack


def test_validate_reports_the_chapters_with_data(iow_pack):
    out = run("validate", "--data", str(iow_pack))
    assert "No problems found" in out
    assert "Chapters with data: assumptions, fit, overview, pa, trends, volunteers\n" in out
    for chapter in LEFT_OUT:
        assert f"Would be left out: {chapter} (" in out


#: Isle of Wight figures each chapter shows, and Hampshire-only figures it must not.
SHOWN = {
    "pa": (["228,420"], ["812,160"]),  # the pilot's posts at the report's salary
    "fit": (
        [
            "181 families on the Isle of Wight took part in some way",
            "about 87% of families on the Isle of Wight took up help at first",
            "the Isle of Wight's 2 full teams cost £240,378",
        ],
        ["only 1 of Hampshire's 8 teams", "321 in Hampshire", "£554,008"],
    ),
    "volunteers": (
        [
            "Of the 8 families on the Isle of Wight who engaged well, social workers judged 6 "
            "(75%) had benefited",
            "This data pack has no figures for volunteer recruitment",
        ],
        ["1,155 enquiries", "97 of 142 young people", "583 requests"],
    ),
    "trends": (
        [
            "Children in Need changed by +30.6% on the Isle of Wight (Jun 2015 to Jul 2016, "
            "13 months).",
            "The Isle of Wight looked after 81 children per 10,000 in Mar 2016, against 60 in "
            "England and 52 in the South East",
            "On the Isle of Wight, caseloads rose in 1 of 3 teams",
        ],
        ["+18.6% in Hampshire", "8,582", "13 of 17 teams", "Hampshire's referrals"],
    ),
    "overview": (
        ["The Isle of Wight has about 138,300 people."],
        ["1,320,000", "10.6% in Hampshire"],
    ),
}


def test_build_the_isle_of_wight_book(iow_pack, tmp_path):
    out = tmp_path / "book"
    # No --pdf: the printed book is tested on the default book and on a renamed pack's
    # (test_pdf), and the option through the command line by the options brief.
    printed = run(
        "build", "--data", str(iow_pack), "--out", str(out), "--work", str(tmp_path / "w")
    )
    for chapter in LEFT_OUT:
        assert f"Left out {chapter}" in printed
        assert not (out / "notebooks" / f"{chapter}.html").exists(), chapter
    for chapter in BUILT:
        text = page_text(out, chapter)
        shown, hidden = SHOWN[chapter]
        for figure in shown:
            assert figure in text, (chapter, figure)
        for figure in hidden:
            assert figure not in text, (chapter, figure)
        # a paragraph with nothing to say for this pack is left out, not shown as the
        # plain-text stand-in of an empty Markdown object
        assert "IPython.core.display" not in text, chapter
    landing = (out / "book" / "intro.html").read_text(encoding="utf-8")
    assert "Built from the data pack for Isle of Wight" in landing
    assert "left out because the pack has no data" in landing
    assert (out / "downloads" / "tables.xlsx").exists()
    assert not (out / "downloads" / "book.pdf").exists()  # printed only when asked


def test_batch_isolates_a_bad_pack(iow_pack, tmp_path):
    """A bad pack fails alone: the good one's book is built, the bad one's is not. Both are
    limited to the PA chapter (the one chapter the bad pack has tables for): the whole Isle
    of Wight book is built above."""
    bad = tmp_path / "broken"
    run("scaffold", str(bad), "--name", "Brokenshire")
    (bad / "pa_posts.csv").write_text("authority,posts,source\nBrokenshire,-2,x\n")
    for table in ("pa_time_use", "pa_time_for_families", "team_caseloads"):
        (bad / f"{table}.csv").write_bytes((iow_pack / f"{table}.csv").read_bytes())
    result = CliRunner().invoke(
        app,
        ["batch", str(iow_pack), str(bad), "--out", str(tmp_path / "books"), "--workers", "2",
         "--chapter", "pa"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "1 built, 1 failed" in result.output
    assert "pa_posts.csv, row 2, column 'posts': found -2; expected a whole number" in result.output
    assert (tmp_path / "books" / "isle-of-wight" / "notebooks" / "pa.html").exists()
    assert not (tmp_path / "books" / "broken").exists()
