"""A council's own pack: the default pack with every authority renamed (Hampshire becomes
Northshire, the Isle of Wight Southby, in every table and parameter) builds the whole book,
and the text the chapters write from the data names the pack's authorities, not the report's.

The chapters still retell the report, so its pilots are named where the book cites it (the
report's findings, its tables, its own figures); the test checks what the chapters generate
from the pack."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from helpers import page_text, renamed_pack
from typer.testing import CliRunner

from evidencebook.building import build
from evidencebook.cli import app

#: The chapters written to work with any pack.
ANY_PACK = ("overview", "pa", "fit", "volunteers", "surgeries", "trends")


@pytest.fixture(scope="module")
def renamed_book(tmp_path_factory) -> tuple[Path, Path]:
    """The renamed pack built strictly: (published book, work folder)."""
    root = tmp_path_factory.mktemp("renamed")
    pack = renamed_pack(root)
    out, work = root / "book", root / "work"
    result = CliRunner().invoke(
        app, ["build", "--data", str(pack), "--out", str(out), "--work", str(work)]
    )
    assert result.exit_code == 0, result.output
    return out, work


def generated_text(work: Path, chapter: str) -> str:
    """The Markdown a chapter wrote from the pack: the outputs of its code cells."""
    nb = nbformat.read(work / "src" / "notebooks" / f"{chapter}.ipynb", as_version=4)
    return "\n".join(
        output["data"]["text/markdown"]
        for cell in nb.cells
        for output in cell.get("outputs", [])
        if "text/markdown" in output.get("data", {})
    )


def test_every_chapter_is_built(renamed_book):
    book, _ = renamed_book
    for name in set(build.chapter_notebooks()) - set(build.authority_chapters()):
        assert (book / "notebooks" / f"{name}.html").exists(), name


@pytest.mark.parametrize("chapter", ANY_PACK)
def test_generated_text_names_the_packs_authorities_only(renamed_book, chapter):
    _, work = renamed_book
    text = generated_text(work, chapter)
    assert "Northshire" in text, chapter
    for pilot in ("Hampshire", "Isle of Wight"):
        assert pilot not in text, (chapter, pilot)


#: Sentences each chapter writes from the pack, as the page shows them.
SHOWN = {
    "overview": [
        "The number of Children in Need changed by +18.6% in Northshire (Mar 2015 to Oct 2016, "
        "19 months) and +30.6% in Southby (Jun 2015 to Jul 2016, 13 months).",
        "Northshire's population is about 9.5 times as large as Southby's.",
    ],
    "pa": ["The pilot had 41 PA posts: 32 in Northshire and 9 in Southby."],
    "fit": [
        "only 1 of Northshire's 8 teams was fully staffed; Southby's 2 teams were full "
        "three-worker teams (2 full teams were secured for the majority",
        "with FIT it was about 70% in Northshire and 87% in Southby",
    ],
    "volunteers": [
        "Northshire's recruitment drew 1,155 enquiries and 383 applications",
        "Of the 8 families in Southby who engaged well",
        "This model describes Northshire's service.",
    ],
    "surgeries": ["Referrals to Northshire's children's social care went from 8,582"],
    "trends": [
        "The number of Children in Need changed by +18.6% in Northshire (Mar 2015 to Oct 2016, "
        "19 months) and +30.6% in Southby (Jun 2015 to Jul 2016, 13 months).",
        "In Northshire, caseloads rose in 13 of 17 teams",
    ],
}


@pytest.mark.parametrize("chapter", sorted(SHOWN))
def test_pages_show_the_packs_figures_under_its_names(renamed_book, chapter):
    book, _ = renamed_book
    text = page_text(book, chapter)
    for sentence in SHOWN[chapter]:
        assert sentence in text, (chapter, sentence)
        report = sentence.replace("Northshire", "Hampshire").replace(
            "in Southby", "on the Isle of Wight"
        )
        assert report == sentence or report not in text, (chapter, sentence)
