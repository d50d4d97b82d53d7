"""The printed book (``build --pdf``) as a committee clerk would send it, read back with
pypdf: A4 pages, every chart of the HTML book drawn, no web navigation, a running header
with the book's and the authority's names, page numbers, a contents page whose page numbers
are right, bookmarks for every chapter, and a tagged PDF in which each chart is a figure
named by its title. Both the default book and another authority's book are checked."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import AUTHORITY_NAME, DEFAULT_NAME

if TYPE_CHECKING:
    from pypdf import PdfReader

A4 = (595.3, 841.9)  # points
BOOK_TITLE = "Social care innovations: a re-runnable evidence book"
#: Text of the web page that must not be printed.
NAVIGATION = (
    "Skip to main content",
    "Ctrl+K",
    "Search Ctrl",
    "Color mode",
    "Back to top",
    "On this page",
    "Download this page",
)
#: Path construction and painting, and images: what a drawn chart is made of.
DRAWING = {b"m", b"l", b"c", b"v", b"y", b"re", b"f", b"f*", b"S", b"B", b"Do"}


def html_charts(book: Path) -> list[str]:
    """The name of every chart in the HTML book, in page order."""
    names = []
    for page in sorted(book.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r'<div class="evb-plotly"[^>]*>', text):
            label = re.search(r'aria-label="([^"]*)"', tag)
            names.append(html.unescape(label.group(1)) if label else "")
    return names


def html_chapter_titles(book: Path) -> list[str]:
    titles = []
    appendices = [book / "book" / "guide.html", book / "book" / "accessibility.html"]
    for page in sorted((book / "notebooks").glob("*.html")) + appendices:
        h1 = re.search(r"<h1>(.*?)<a class=\"headerlink\"", page.read_text(encoding="utf-8"))
        titles.append(html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).strip())
    return titles


def drawing_by_mcid(page) -> dict[int, int]:  # noqa: ANN001
    """How many drawing operators each marked-content section of a page holds."""
    from pypdf.generic import ContentStream  # imported here: only the slow tests read PDFs

    counts: dict[int, int] = {}
    stack: list[int | None] = []
    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"BDC":
            props = operands[1] if len(operands) > 1 else {}
            mcid = props.get("/MCID") if hasattr(props, "get") else None
            stack.append(int(mcid) if mcid is not None else (stack[-1] if stack else None))
        elif op == b"BMC":
            stack.append(stack[-1] if stack else None)
        elif op == b"EMC" and stack:
            stack.pop()
        elif op in DRAWING and stack and stack[-1] is not None:
            counts[stack[-1]] = counts.get(stack[-1], 0) + 1
    return counts


def chart_figures(reader: PdfReader) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each tagged figure named "Chart: ...", with the (page, MCID) of what it contains."""
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    found = []

    def content(node, page) -> list[tuple[int, int]]:  # noqa: ANN001
        node = node.get_object()
        if isinstance(node, int):
            return [(page, node)] if page is not None else []
        out = []
        if hasattr(node, "get"):
            if "/Pg" in node:
                page = pages.get(node.raw_get("/Pg").idnum, page)
            if "/MCID" in node:
                return [(page, int(node["/MCID"]))]
            kids = node.get("/K")
            kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
            for kid in kids:
                out += content(kid, page)
        return out

    def walk(node) -> None:  # noqa: ANN001
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        alt = str(node.get("/Alt", ""))
        if node.get("/S") == "/Figure" and alt.startswith("Chart: "):
            found.append((alt, content(node, None)))
            return
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [] if kids is None else [kids]:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.fixture(scope="module", params=["default", "authority"])
def printed(request) -> tuple[Path, PdfReader, str]:
    """(HTML book, its PDF read back, the authority's name) for each book."""
    from pypdf import PdfReader  # imported here: only the slow tests read PDFs

    if request.param == "default":
        book, name = request.getfixturevalue("built_book"), DEFAULT_NAME
    else:
        book, name = request.getfixturevalue("authority_book"), AUTHORITY_NAME
    pdf = book / "downloads" / "book.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return book, PdfReader(pdf), name


@pytest.fixture(scope="module")
def texts(printed) -> list[str]:
    _, reader, _ = printed
    return [page.extract_text() or "" for page in reader.pages]


def test_every_page_is_a4(printed):
    _, reader, _ = printed
    assert len(reader.pages) > 5
    for n, page in enumerate(reader.pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert abs(size[0] - A4[0]) < 2 and abs(size[1] - A4[1]) < 2, (n, size)


def test_every_chart_of_the_html_book_is_drawn(printed):
    book, reader, _ = printed
    expected = html_charts(book)
    assert expected and all(name.startswith("Chart: ") for name in expected)
    figures = chart_figures(reader)
    assert sorted(name for name, _ in figures) == sorted(expected)
    drawn = {}
    for name, marks in figures:
        by_page = {}
        for page, mcid in marks:
            if page not in drawn:
                drawn[page] = drawing_by_mcid(reader.pages[page])
            by_page[page] = by_page.get(page, 0) + drawn[page].get(mcid, 0)
        # A chart is axes, bars or lines, labels: dozens of drawing operations at least.
        assert sum(by_page.values()) >= 20, (name, by_page)


def test_no_web_navigation_is_printed(texts):
    for n, text in enumerate(texts, 1):
        for words in NAVIGATION:
            assert words not in text, (n, words)
        assert not re.search(r"\S#\s*$", text, re.MULTILINE), (n, "heading link '#'")
        assert not re.search(r"^None$", text, re.MULTILINE), (n, "None")


def test_running_header_and_page_numbers(printed, texts):
    _, reader, name = printed
    total = len(reader.pages)
    for n, text in enumerate(texts, 1):
        assert BOOK_TITLE in text and name in text, n
        assert f"Page {n} of {total}" in text, n


def test_contents_page_and_bookmarks_list_every_chapter(printed, texts):
    book, reader, name = printed
    chapters = html_chapter_titles(book)
    top = {}
    for item in reader.outline:
        if not isinstance(item, list):
            top.setdefault(str(item.title), reader.get_destination_page_number(item) + 1)
    assert "Contents" in top
    contents = texts[top["Contents"] - 1]
    for title in chapters:
        assert title in top, (title, list(top))
        # The contents page gives each chapter's page, where its bookmark points.
        assert re.search(re.escape(title) + r"\s*" + str(top[title]) + r"\b", contents), title
    assert name in texts[0] and BOOK_TITLE in texts[0]  # the title page


def test_the_pdf_is_tagged_with_a_language_and_a_title(printed):
    _, reader, name = printed
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root and str(root.get("/Lang", "")).startswith("en")
    assert reader.metadata.title == f"{BOOK_TITLE}: {name}"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_garbled_bookmark_titles_are_matched_to_their_headings():
    from evidencebook.building.pdf import _key

    assert _key("Checking these figures against thereport") == _key(
        "Checking these figures against the report"
    )
    assert _key("CostsCosts") == _key("Costs")
    assert _key("Trends") != _key("Costs")


def test_header_escapes_names(tmp_path):
    from evidencebook.building.pdf import header_html, single_page
    from evidencebook.exceptions import BuildError

    assert "&lt;b&gt;" in header_html("Book", "<b>Shire</b>")
    (tmp_path / "_toc.yml").write_text("root: book/intro\n")
    with pytest.raises(BuildError, match="no intro.html"):
        single_page(tmp_path, tmp_path)
