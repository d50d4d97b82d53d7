"""A book for any English authority from published statistics alone (build --la)."""

from __future__ import annotations

import pytest
from helpers import page_text
from typer.testing import CliRunner

from evidencebook.building import build
from evidencebook.cli import app

runner = CliRunner()


def test_the_book_is_leeds_own(leeds_book):
    out, printed = leeds_book
    assert "Built 13 chapter(s)" in printed  # the pilot's chapters, and Leeds's own two
    landing = out / "book" / "intro.html"
    text = landing.read_text(encoding="utf-8")
    assert "Built for Leeds from the Department for Education" in text
    assert "<h1>Children\u2019s social care in Leeds: the published picture" in text.replace(
        "'", "\u2019"
    )
    assert "Social care innovations in Hampshire and the Isle of Wight<" not in text
    assert "Social care innovations: a re-runnable evidence book: Leeds" in text  # title
    assert "A roll-out in the authority" in text  # the landing page says what ends each strand


@pytest.mark.parametrize("strand", ["pa", "fit", "volunteers", "edge", "willow", "surgeries"])
def test_each_strand_tells_the_pilot_and_ends_with_a_roll_out_in_leeds(leeds_book, strand):
    """The pilot's chapter, from the pilot's data, then its roll-out in Leeds, kept apart."""
    out, _ = leeds_book
    text = page_text(out, strand)
    pilot, rollout = text.split("This section is a proposal, not a record.")
    assert "none of it happened in Leeds" in pilot  # the note at the top
    assert "Hampshire" in pilot
    assert rollout.index("What the pilot found") < rollout.index("What a roll-out there would")
    found = rollout.split("What the pilot found")[1].split("What a roll-out there would")[0]
    assert "In Hampshire and the Isle of Wight, the pilot's evaluation found" in found
    assert "Leeds" not in found  # the pilot's evidence is not Leeds's history
    mean = rollout.split("What a roll-out there would mean")[1].split("What would have to")[0]
    assert "in Leeds would cost about" in mean and "would buy" in mean
    assert "What the evidence cannot tell" in rollout
    downloads = {p.name for p in (out / "downloads" / strand).glob("*.csv")}
    assert {"roll-out-in-leeds-year-by-year.csv", "roll-out-in-leeds-inputs.csv"} <= downloads


def test_the_comparison_names_leeds_its_neighbours_region_and_england(leeds_book):
    out, _ = leeds_book
    text = page_text(out, "compare")
    assert "how does Leeds compare" in text
    assert "Yorkshire and The Humber" in text
    assert "Portsmouth" in text  # its closest statistical neighbour (2025 set)
    assert "statistical neighbours with a figure" in text
    assert "authorities with a figure" in text  # rank among all authorities
    body = text.split("The question:")[1].split("How to read this chapter")[0]
    assert "Hampshire" not in body.replace("the Hampshire and Isle of Wight pilot", "")
    downloads = {p.name for p in (out / "downloads" / "compare").glob("*.csv")}
    assert "how-leeds-compares.csv" in downloads
    assert "statistical-neighbours-of-leeds.csv" in downloads


def test_a_typo_gets_the_nearest_names_before_any_work(tmp_path, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("a chapter ran")

    monkeypatch.setattr(build, "_execute_all", forbidden)
    result = runner.invoke(app, ["build", "--la", "Leds", "--out", str(tmp_path / "b")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nearest names are Leeds" in result.output
    assert not (tmp_path / "b").exists()


def test_the_comparison_chapter_needs_an_authority(tmp_path):
    result = runner.invoke(app, ["build", "--chapter", "compare", "--out", str(tmp_path / "b")])
    assert result.exit_code == 1
    assert "name it with --la" in result.output


def test_an_authority_made_by_a_boundary_change_says_why_its_series_is_short(tmp_path):
    """North Northamptonshire (940) began in 2021: its page says so (about 15 s)."""
    out = tmp_path / "book"
    build.build(la="940", out_dir=out, work_dir=tmp_path / "work", chapters=["compare"])
    text = page_text(out, "compare")
    assert "North Northamptonshire's published figures start in 2022" in text
    assert "not joined" in text


def test_a_councils_own_figures_win_and_are_marked(tmp_path):
    """A pack of the council's own (here only a newer looked-after rate) with --la: the
    comparison uses it and says so (about 15 s)."""
    pack = tmp_path / "leeds-own"
    result = runner.invoke(app, ["scaffold", str(pack), "--name", "Leeds"])
    assert result.exit_code == 0, result.output
    (pack / "authority_figures.csv").write_text(
        "measure,year,value,source\ncla_rate,2026,81,Leeds children's services April 2026\n",
        encoding="utf-8",
    )
    out = tmp_path / "book"
    result = runner.invoke(
        app, ["build", "--la", "Leeds", "--data", str(pack), "--out", str(out),
              "--work", str(tmp_path / "work")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = page_text(out, "compare")
    assert "Leeds 81 (the council's own figure) at 31 March 2026" in text
    assert "Built from the data pack for Leeds" in (out / "book" / "intro.html").read_text()


def test_an_island_is_named_as_prose_names_it(tmp_path):
    """The Isle of Wight's book: "on the Isle of Wight", "how does the Isle of Wight
    compare" (about 15 s)."""
    out = tmp_path / "book"
    build.build(la="921", out_dir=out, work_dir=tmp_path / "work", chapters=["compare"])
    landing = page_text(out, "../book/intro")
    assert "Children's social care on the Isle of Wight: the published picture" in landing
    assert "This copy of the evidence book is for the Isle of Wight." in landing
    assert "how does the Isle of Wight compare" in page_text(out, "compare")


def test_a_councils_inputs_sheet_sets_each_roll_out_in_its_book(tmp_path, monkeypatch):
    """The commissioner's guide's worked example: Leeds's inputs sheet with the PA posts it
    would fund and this year's salaries, named in a parameters file; the PA chapter's
    roll-out and the options side by side both read it, and say so (about 40 s)."""
    import re

    from evidencebook.analysis import local_inputs

    monkeypatch.chdir(tmp_path)  # the sheet is named relative to where the build runs
    sheet = local_inputs.write_sheet(tmp_path / "leeds-inputs.yaml", "Leeds")
    text = sheet.read_text(encoding="utf-8")
    for name, value in (("pa_posts", "20"), ("sw_salary", '"£42,000"'),
                        ("sw_salary_price_year", "2025-26")):  # fmt: skip
        text = re.sub(rf"(?m)^{name}: .*$", f"{name}: {value}", text)
    sheet.write_text(text, encoding="utf-8")
    (tmp_path / "leeds-params.yaml").write_text(
        "inputs_sheet: leeds-inputs.yaml\nappraisal_years: 10\n", encoding="utf-8"
    )
    out = tmp_path / "book"
    result = runner.invoke(
        app, ["build", "--la", "Leeds", "--params", "leeds-params.yaml", "--chapter", "pa",
              "--chapter", "options", "--out", str(out), "--work", str(tmp_path / "work")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pa = page_text(out, "pa")
    assert "A roll-out of 20 PA posts in Leeds would cost about" in pa
    assert "over 10 years in present value" in pa
    assert "The council's own, from its inputs sheet leeds-inputs.yaml" in pa
    assert "Skilled administrators for social workers (PAs): 20 PA posts" in page_text(
        out, "options"
    )
