"""The options chapter printed alone as a committee brief: ``evidencebook build --la Leeds
--chapter options --pdf`` gives an A4 PDF of at most two pages that sets every strand side
by side, with the chapter's heading, its table's strands and its caveats, and no title or
contents page. Slow: builds a book and prints it with Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidencebook.analysis.common import capital
from evidencebook.chapters.options import model

pytestmark = pytest.mark.slow

A4 = (595.3, 841.9)  # points


@pytest.fixture(scope="module")
def brief(tmp_path_factory) -> Path:
    from evidencebook.building import build

    root = tmp_path_factory.mktemp("brief")
    build.build(
        la="Leeds", chapters=["options"], out_dir=root / "html", work_dir=root / "work", pdf=True
    )
    return root / "html" / "downloads" / "book.pdf"


def check_brief(pdf: Path, authority: str = "Leeds") -> None:
    """What a printed brief must be (also run by hand on a brief printed elsewhere)."""
    from pypdf import PdfReader  # imported here: collecting the fast tests need not load it

    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 2, f"{len(reader.pages)} pages"
    for number, page in enumerate(reader.pages, 1):  # no page of the header and footer alone
        said = " ".join(page.extract_text().split())
        assert len(said) > 200, f"page {number} is blank: {said!r}"
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=2), size
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Options side by side" in text
    assert "Contents" not in text  # the brief alone: no title or contents page
    for _, evidence in model.evidence().items():
        title = " ".join(capital(evidence.title).split())
        assert title in text, title
    for heading in ("The options", "Each option in brief", "The inputs used", "Caveats"):
        assert heading in text, heading
    assert authority in text  # the running header names the authority
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text


def test_the_options_chapter_prints_as_a_two_page_brief(brief):
    check_brief(brief)


@pytest.mark.parametrize("authority", ["Isles of Scilly", "Bournemouth, Christchurch and Poole"])
def test_the_fullest_briefs_print_on_two_pages(tmp_path, authority):
    """Of the 153 authorities' briefs (all printed on 4 December 2026, each two pages):
    the Isles of Scilly's filled its second page to the last line, and the last cell's
    bottom margin printed a third page of its own; Bournemouth, Christchurch and Poole's,
    with the longest name in every source, ran onto a third page (as did 10 others) before
    the brief's line height went from 1.3 to 1.2."""
    from evidencebook.building import build

    build.build(la=authority, chapters=["options"], out_dir=tmp_path / "html",
                work_dir=tmp_path / "work", pdf=True)  # fmt: skip
    check_brief(tmp_path / "html" / "downloads" / "book.pdf", authority)
