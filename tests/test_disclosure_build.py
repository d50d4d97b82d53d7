"""A book built for publication with small counts withheld (``--suppress-below``)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evidencebook.analysis import coverage, pack
from evidencebook.building import build
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
    for chapter in set(build.chapter_notebooks()) - set(build.authority_chapters()):
        blocked = build.cannot_withhold(chapter, withheld)
        page = out / "notebooks" / f"{chapter}.html"
        assert page.exists() != bool(blocked), chapter
        if blocked:
            assert f"Left out {chapter}: it cannot yet show the withheld counts" in printed
            assert f"withheld counts in: {', '.join(blocked)}" in landing


def test_the_willow_chapter_shows_withheld_interview_counts_as_c(published):
    """Interviews with 4 families (young person and carer) and 1 (young person alone) are
    below the threshold; the 15 families in all would let them be worked out from the 10
    shown, so the total is withheld too. The 24 case files are shown."""
    out, _ = published
    text = page_text(out / "notebooks" / "willow.html")
    assert "interviewed c families who had direct help from the team: c with the young" in text
    assert "10 with the carer alone and c with the young person alone" in text
    assert "interviewed 15 families" not in text and "<NA>" not in text
    checked = re.search(r"families interviewed about Willow support families (\S+) (\S+)", text)
    assert checked and checked.groups() == ("c", "c")  # the report's 15 would give them away


def test_the_edge_chapter_withholds_its_case_file_counts(published):
    """The 12 sampled case files were judged 8, 2 and 2 (risk) and 5, 3 and 4 (outcome):
    all below the threshold, so the sample of 12 (their sum) is withheld too."""
    out, _ = published
    text = page_text(out / "notebooks" / "edge.html")
    assert "In a random sample of c case files, c of c young people had clearly positive" in text
    assert "every count behind this chart is withheld (shown as c)" in text
    assert "8 of 12" not in text and "5 of 12" not in text and "8/12" not in text
    # counts of 10 or more are shown as usual
    assert "110" in text and "202" in text
    # the CSV download of that chart's data carries c, not the counts
    saved = out / "downloads" / "edge"
    files = list(saved.glob("evaluators-judgements*.csv"))
    assert len(files) == 1
    rows = list(csv.DictReader(files[0].open(encoding="utf-8")))
    assert {r["cases"] for r in rows} == {"c"} and {r["base"] for r in rows} == {"c"}


def test_every_chapter_reading_counts_of_people_can_show_them_withheld():
    for spec in pack.all_tables().values():
        if spec.disclosive_columns:
            assert set(spec.chapters) <= set(spec.shows_withheld), spec.name


def test_validate_names_chapters_a_withheld_count_would_leave_out(tmp_path, monkeypatch):
    import dataclasses
    import shutil

    folder = tmp_path / "pack"
    shutil.copytree(pack.default_pack_dir(), folder)
    with open(folder / "pack.yaml", "a", encoding="utf-8") as handle:
        handle.write("suppress_below: 10\n")
    text = (folder / "cse_samples.csv").read_text(encoding="utf-8")
    (folder / "cse_samples.csv").write_text(text.replace(",10,", ",c,"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Books from this pack withhold counts below 10 (pack.yaml)" in result.output
    assert "Would be left out: willow" not in result.output  # willow can show it
    text = (folder / "missing_returns.csv").read_text(encoding="utf-8")
    (folder / "missing_returns.csv").write_text(text.replace(",95,61,", ",c,61,", 1))
    result = CliRunner().invoke(app, ["validate", "--data", str(folder)])
    assert "Would be left out" not in result.output  # trends, volunteers and willow show it
    # a chapter not (yet) made to show a table's withheld counts is left out of such a book
    tables_for = coverage.tables_for  # what cannot_withhold reads

    def fit_cannot_show_starts(chapter):  # noqa: ANN001, ANN202
        return [
            dataclasses.replace(t, shows_withheld=("trends",))
            if t.name == "looked_after_starts_annual"
            else t
            for t in tables_for(chapter)
        ]

    monkeypatch.setattr(coverage, "tables_for", fit_cannot_show_starts)
    text = (folder / "looked_after_starts_annual.csv").read_text(encoding="utf-8")
    text = text.replace("Hampshire,2012,470,", "Hampshire,2012,c,", 1)
    (folder / "looked_after_starts_annual.csv").write_text(text)
    result = CliRunner().invoke(app, ["validate", "--data", str(folder)])
    assert (
        "Would be left out: fit (cannot yet show the counts withheld as c in "
        "looked_after_starts_annual.csv)"
    ) in result.output
    assert "Would be left out: trends" not in result.output
    monkeypatch.undo()
    (folder / "pack.yaml").write_text("suppress_below: one\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--data", str(folder)])
    assert (
        result.exit_code == 1
        and "column 'suppress_below': found 'one'; expected a whole number" in result.output
    )


def test_batch_passes_the_threshold_to_each_build(monkeypatch, tmp_path):
    from evidencebook.building import batch

    seen = {}

    def fake_build(**kwargs):
        seen.update(kwargs)
        return build.BuildResult(out_dir=kwargs["out_dir"])

    monkeypatch.setattr(build, "build", fake_build)
    result = batch._build_one(tmp_path / "pack", tmp_path / "out", tmp_path / "work", 10)
    assert result.ok and seen["suppress_below"] == 10 and seen["workers"] == 1
    batch._build_one(tmp_path / "pack", tmp_path / "out", tmp_path / "work")
    assert seen["suppress_below"] is None  # each pack's own pack.yaml then decides


def test_the_volunteers_chapter_shows_withheld_activity_counts_as_c(published):
    """Family support: on the Isle of Wight 8 families engaged and 6 benefited (4 very much,
    2 somewhat); in Hampshire 8 engaged. All are below the threshold, and so the share (6 of
    8, 75%) is withheld too. Mentoring (97 of 142) and the return interviews are shown."""
    out, _ = published
    text = page_text(out / "notebooks" / "volunteers.html")
    assert "In Hampshire, c families engaged well with a family support volunteer." in text
    assert (
        "Of the c families on the Isle of Wight who engaged well, social workers judged c (c) "
        "had benefited: c very much and c somewhat."
    ) in text
    assert "On the Isle of Wight, c of c families who engaged with a family support" in text
    assert "Family support (Isle of Wight): c of c families engaged benefited (c, withheld)" in (
        text
    )
    assert "6 of 8" not in text and "Of the 8 families" not in text and "4 very much" not in text
    assert "97 of 142 young people referred" in text and "274 of 583" in text
    assert "<NA>" not in text and not re.search(r"\bnan\b", text)
    checked = re.search(r"families engaged with a volunteer who benefited % (\S+) (\S+)", text)
    assert checked and checked.groups() == ("c", "c")  # the report's 75 would give them away
    saved = out / "downloads" / "volunteers"
    files = list(saved.glob("share-of-volunteer-work-matched*.csv"))
    assert len(files) == 1
    rows = {r["work"]: r for r in csv.DictReader(files[0].open(encoding="utf-8"))}
    family = rows["Family support (Isle of Wight)"]
    assert (family["count"], family["base"], family["share_pct"]) == ("c", "c", "c")
    assert rows["Mentoring (Hampshire)"]["base"] == "142"


def test_the_fit_chapter_is_built_with_the_ages_14_to_18_withheld(published):
    """Hampshire's starts at ages 14 to 18 include counts below the threshold in every
    quarter, so each quarter's 14 to 18 total is withheld; the all-ages counts are shown."""
    out, _ = published
    text = page_text(out / "notebooks" / "fit.html")
    assert (
        "Hampshire, ages 14 to 18: Jul-Sep 2015 c, Oct-Dec 2015 c, Jan-Mar 2016 c, "
        "Apr-Jun 2016 c, Jul-Sep 2016 c."
    ) in text
    assert "(133 children in July to September 2015, 204 in July to September 2016)" in text
    assert "502 families took part in some way" in text
    assert "<NA>" not in text and not re.search(r"\bnan\b", text)
    saved = out / "downloads" / "fit"
    rows = list(csv.DictReader((saved / "children-becoming-looked-after-each-quarter.csv").open()))
    teens = {r["children"] for r in rows if r["series"] == "Hampshire, ages 14 to 18"}
    assert teens == {"c"}
    assert {r["children"] for r in rows if r["series"] == "Hampshire, all ages"} == {
        "133", "131", "160", "204"
    }  # fmt: skip


def test_a_new_pack_says_how_to_withhold_small_counts(tmp_path):
    from evidencebook.building import scaffold

    folder = scaffold.scaffold(tmp_path / "north", "North")
    text = (folder / "pack.yaml").read_text(encoding="utf-8")
    assert "# suppress_below: 10" in text
    assert build.suppress_setting(folder, None) is None  # a comment until the user sets it
    (folder / "pack.yaml").write_text(text.replace("# suppress_below: 10", "suppress_below: 10"))
    assert build.suppress_setting(folder, None) == 10


def test_the_trends_chapter_is_built_with_the_ages_14_to_18_withheld(published):
    """Hampshire's starts at ages 14 to 18 include counts below the threshold in every
    quarter: the counts, each quarter's 14 to 18 total and its share of all starts are
    withheld, on the page, in the check against the report and in the CSV download; the
    all-ages counts are shown."""
    out, _ = published
    text = page_text(out / "notebooks" / "trends.html")
    assert "Jul-Sep 2015: c of 133 starts (c); Oct-Dec 2015: c of 131 starts (c)" in text
    assert "Their share of all starts in a quarter is withheld (c)" in text
    assert "between 23% and" not in text  # the lowest and highest shares are not given
    assert "(totals) children c; c; c; c; c c; c; c; c; c withheld Table 14" in text
    assert "44; 46; 30; 49; 64" not in text  # the report's totals would give them away
    assert "went from 133 in Jul-Sep 2015 to 204 in Jul-Sep 2016 (+53%)" in text
    assert "<NA>" not in text and not re.search(r"\bnan\b", text)
    saved = out / "downloads" / "trends"
    files = list(saved.glob("hampshire-children-aged-14-and-over*.csv"))
    assert len(files) == 1
    rows = {r["quarter"]: r for r in csv.DictReader(files[0].open(encoding="utf-8"))}
    assert {r["aged 14-18"] for r in rows.values()} == {"c"}
    assert {r["share aged 14-18 (%)"] for r in rows.values()} == {"c"}
    assert (rows["Oct-Dec 2015"]["14"], rows["Oct-Dec 2015"]["15"]) == ("c", "15")
    assert rows["Jan-Mar 2016"]["17"] == "c" and rows["Jan-Mar 2016"]["all ages"] == "133"
    audit = page_text(out / "notebooks" / "audit.html")
    assert "Hampshire starts aged 14-18 by quarter (totals) c;c;c;c;c c;c;c;c;c withheld" in (audit)


@pytest.fixture(scope="module")
def trends_at_13(tmp_path_factory) -> Path:
    """The trends chapter alone, with counts below 13 withheld: the Isle of Wight's 12
    starts in July to September 2015, and its 20 in January to March 2016, which the
    published yearly figure would otherwise give away."""
    root = tmp_path_factory.mktemp("trends13")
    out = root / "book"
    result = CliRunner().invoke(
        app,
        ["build", "--chapter", "trends", "--out", str(out), "--work", str(root / "work"),
         "--suppress-below", "13"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_the_trends_chapter_shows_the_isle_of_wights_small_quarterly_starts_as_c(trends_at_13):
    text = page_text(trends_at_13 / "notebooks" / "trends.html")
    assert (
        "On the Isle of Wight, the number of children starting to be looked after each quarter "
        "went from c in Jul-Sep 2015 to 26 in Apr-Jun 2016, an average of c a quarter over "
        "the 4 quarters with a count; there was no count for Jul-Sep 2016."
    ) in text
    assert "Isle of Wight: Jul-Sep 2015 c; Oct-Dec 2015 27; Jan-Mar 2016 c; Apr-Jun 2016 26." in (
        text
    )
    assert (
        "children c; 27; c; 26 c; 27; c; 26 not recomputed: data the report gives Table 20" in text
    )  # the report's 12 and 20 too
    assert "12; 27; 20; 26" not in text and "+117%" not in text and "21.2" not in text
    assert "<NA>" not in text and not re.search(r"\bnan\b", text)
    saved = trends_at_13 / "downloads" / "trends"
    with (saved / "children-starting-to-be-looked-after-by-quarter.csv").open() as handle:
        rows = [r for r in csv.DictReader(handle) if r["authority"] == "Isle of Wight"]
    assert [r["children"] for r in rows] == ["c", "27", "c", "26", ""]  # the last: no data
    # every change into or out of a withheld quarter is withheld too; the first has none
    assert [r["change on quarter before (%)"] for r in rows] == ["", "c", "c", "c", ""]
