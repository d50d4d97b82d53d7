"""A printable PDF of the book, for committee papers, made offline.

jupyter-book's ``pdfhtml`` builder needs a browser that playwright downloads, which fails
offline. Instead: build the book as a single HTML page, then print it with Debian's
Chromium, driven by playwright (``Page.printToPDF``):

* A4, with the book's own styles (``_static/evidencebook.css`` has the print rules that
  drop the web page's navigation) and every chart drawn as vectors: the page is printed
  only once plotly has drawn each chart, at the printed page's width.
* A running header with the book's and the authority's name, and page numbers.
* A title page and a contents page with each chapter's page number, PDF bookmarks (an
  outline) for every heading, and a tagged PDF (headings, lists, tables and each chart as
  a figure named by its title), for screen readers.

The single page is written by Sphinx at the book's root document (``book/intro.html``) but
links to the static files as if it were at the top of the build folder, so it is copied
there before printing; otherwise the printed page has no styles and no charts.
"""

from __future__ import annotations

import html
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from evidencebook.building.jupyterbook import run_jupyter_book
from evidencebook.exceptions import BuildError

#: The printed page: A4 with these margins; the header and footer sit inside them.
MARGIN = {"top": "20mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
#: The page's width in CSS pixels inside the side margins (210 mm - 32 mm, 96 px an inch),
#: so that each chart is drawn at the width it is printed.
PRINT_WIDTH_PX = 672
PRINT_PAGE = "evidencebook-print.html"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: Text of the header and footer: Chromium fills in the page numbers.
_BAND = (
    '<div style="font-family: Arial, Helvetica, sans-serif; font-size: 8pt; color: #3d3d3d;'
    " width: 100%; margin: 0 16mm; display: flex; justify-content: space-between;"
    ' -webkit-print-color-adjust: exact;">{left}{right}</div>'
)

_CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('div.evb-plotly'))
    .every(c => c.querySelector('svg.main-svg'))"""

#: Adds a title page and a contents page (chapter titles linking to their headings) before
#: the first chapter. ``pages`` maps a chapter's anchor to its page number, once known.
_FRONT_MATTER = """([book, authority, pages]) => {
  const textOf = h => Array.from(h.childNodes)
    .filter(n => !(n.classList && n.classList.contains('headerlink')))
    .map(n => n.textContent).join('').trim();
  document.querySelectorAll('.evb-print-front').forEach(e => e.remove());
  const main = document.querySelector('.bd-article') || document.body;
  const root = main.querySelector('section');
  const sections = [root, ...main.querySelectorAll(
    '.toctree-wrapper > span[id^="document-"] + section')];
  if (!document.body.dataset.evbPromoted) {
    // The single page nests each chapter one level under the landing page: in print each
    // chapter is a top-level heading again (h2 to h1, and so on), for the bookmarks.
    for (const section of sections.slice(1)) {
      for (const h of section.querySelectorAll('h2, h3, h4, h5, h6')) {
        const up = document.createElement('h' + (Number(h.tagName[1]) - 1));
        for (const a of h.attributes) up.setAttribute(a.name, a.value);
        up.append(...h.childNodes);
        h.replaceWith(up);
      }
    }
    document.body.dataset.evbPromoted = '1';
  }
  const chapters = sections.map(s => s.querySelector('h1'));
  const first = root;
  const rest = chapters.slice(1);
  const front = document.createElement('div');
  front.className = 'evb-print-front';
  const cover = document.createElement('div');
  cover.className = 'evb-print-cover';
  const title = document.createElement('p');
  title.className = 'evb-print-title';
  title.textContent = book;
  const who = document.createElement('p');
  who.className = 'evb-print-authority';
  who.textContent = authority;
  cover.append(title, who);
  const nav = document.createElement('nav');
  nav.className = 'evb-print-contents';
  nav.setAttribute('aria-labelledby', 'evb-print-contents-heading');
  const heading = document.createElement('h1');
  heading.id = 'evb-print-contents-heading';
  heading.textContent = 'Contents';
  const list = document.createElement('ol');
  for (const h of [chapters[0], ...rest]) {
    const section = h.closest('section');
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#' + section.id;
    const name = document.createElement('span');
    name.className = 'evb-print-contents-title';
    name.textContent = textOf(h);
    const page = document.createElement('span');
    page.className = 'evb-print-contents-page';
    page.textContent = pages[section.id] || '00';
    link.append(name, page);
    item.append(link);
    list.append(item);
  }
  nav.append(heading, list);
  front.append(cover, nav);
  first.parentNode.insertBefore(front, first);
  return chapters.map(h => [h.closest('section').id, textOf(h)]);
}"""

#: Keeps only one chapter's section (``document-notebooks/<chapter>``), its headings one
#: level up as in the book, and marks the page as a brief (``body.evb-brief`` in the print
#: stylesheet): no title page, no contents, the chapter alone.
_BRIEF = """(chapter) => {
  const marker = document.getElementById('document-notebooks/' + chapter);
  const section = marker && marker.nextElementSibling;
  if (!section) return false;
  for (const h of section.querySelectorAll('h2, h3, h4, h5, h6')) {
    const up = document.createElement('h' + (Number(h.tagName[1]) - 1));
    for (const a of h.attributes) up.setAttribute(a.name, a.value);
    up.append(...h.childNodes);
    h.replaceWith(up);
  }
  const main = document.querySelector('.bd-article') || document.body;
  main.replaceChildren(section);
  document.body.classList.add('evb-brief');
  return true;
}"""

#: The text of every heading the printed page shows, as a reader sees it.
_HEADINGS = """() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
  .filter(h => h.getClientRects().length)
  .map(h => Array.from(h.childNodes)
    .filter(n => !(n.classList && n.classList.contains('headerlink')))
    .map(n => n.textContent).join('').replace(/\\s+/g, ' ').trim())"""

_FRONT_CSS = """
.evb-print-cover { break-after: page; padding-top: 30%; }
.evb-print-title { font-size: 26pt; font-weight: 700; color: #12436D; line-height: 1.2; }
.evb-print-authority { font-size: 18pt; margin-top: 1em; }
.evb-print-contents { break-after: page; }
.evb-print-contents ol { list-style: none; padding: 0; }
.evb-print-contents li { margin: 0.4em 0; }
.evb-print-contents a { display: flex; gap: 1em; text-decoration: none; }
.evb-print-contents-title { flex: 1; border-bottom: 1px solid #b1b4b6; }
.evb-print-contents-page { min-width: 2em; text-align: right; }
"""


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BuildError(
            "printing the PDF needs Chromium: install Debian's package with "
            "'apt-get install chromium', or build without --pdf"
        )
    return path


def book_title(src: Path) -> str:
    """The book's title, from its ``_config.yml``."""
    config = yaml.safe_load((src / "_config.yml").read_text(encoding="utf-8")) or {}
    return str(config.get("title") or "Evidence book")


def single_page(out: Path, src: Path) -> Path:
    """The single-page build, copied to the top of its folder (see the module's notes)."""
    toc = yaml.safe_load((src / "_toc.yml").read_text(encoding="utf-8")) or {}
    root = out / f"{toc.get('root', 'index')}.html"
    if not root.exists():
        raise BuildError(f"the single-page build has no {root.name}")
    page = out / PRINT_PAGE
    shutil.copyfile(root, page)
    return page


def header_html(book: str, authority: str) -> str:
    left = f"<span>{html.escape(book)}</span>"
    right = f"<span>{html.escape(authority)}</span>"
    return _BAND.format(left=left, right=right)


def footer_html() -> str:
    pages = '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
    return _BAND.format(left="<span></span>", right=pages)


def _key(title: str) -> str:
    """A bookmark's title as Chromium may garble it: a heading that wraps can lose the space
    at the break, or come out twice. Compare without spaces, and once."""
    key = re.sub(r"\s+", "", title)
    half = len(key) // 2
    return key[:half] if len(key) % 2 == 0 and key[:half] == key[half:] else key


def _outline_items(outline: dict) -> list:
    """Every bookmark in a PDF's /Outlines tree, in order."""
    items = []
    item = outline.get("/First")
    while item is not None:
        item = item.get_object()
        items.append(item)
        items.extend(_outline_items(item))
        item = item.get("/Next")
    return items


def chapter_pages(pdf: Path, titles: list[str]) -> dict[str, int]:
    """The page (from 1) of the top-level bookmark for each of ``titles``."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    found: dict[str, int] = {}
    for item in reader.outline:
        if not isinstance(item, list):
            page = reader.get_destination_page_number(item) + 1
            found.setdefault(_key(str(item.title)), page)
    return {t: found[_key(t)] for t in titles if _key(t) in found}


def tidy_outline(pdf: Path, headings: list[str], title: str = "") -> None:
    """Give every bookmark its heading's own text (see ``_key``) and open the PDF with
    the bookmarks shown and the book's title in the window's title bar.

    Written as an incremental update (PDF 1.7, section 7.5.6): only the objects changed
    (the bookmarks, the catalogue, the document information) are appended to the file
    Chromium wrote, after it, with a cross-reference section for them alone. Copying the
    whole file instead (pypdf's ``clone_from``) read and wrote every one of a book's
    19,000 objects: 10 to 15 s for the default book, against under 3 s. A file whose last
    cross-references are a stream (Chromium writes a table) is written again whole."""
    from pypdf import PdfReader

    data = pdf.read_bytes()
    last = _last_xref_table(data)
    if last is None:
        _tidy_whole(pdf, headings, title)
        return
    import io

    reader = PdfReader(io.BytesIO(data))
    changed = _tidied(reader, headings, title)
    pdf.write_bytes(data + _update(reader, changed, last, len(data)))


def _last_xref_table(data: bytes) -> int | None:
    """Where the file's last cross-reference section starts, if it is a table (``xref``);
    None for a cross-reference stream or a file whose end cannot be read."""
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-1024:])
    if found is None:
        return None
    at = int(found.group(1))
    return at if data[at : at + 4] == b"xref" else None


def _tidied(reader, headings: list[str], title: str) -> dict:  # noqa: ANN001
    """The objects ``tidy_outline`` changes, changed, by their indirect reference; a new
    object (a document information dictionary the file had none of) under ``None``."""
    from pypdf.generic import (
        BooleanObject,
        DictionaryObject,
        IndirectObject,
        NameObject,
        TextStringObject,
    )

    changed: dict = {}
    root_ref = reader.trailer.raw_get("/Root")
    root = root_ref.get_object()
    text = {_key(h): h for h in headings}
    if "/Outlines" in root:
        for item in _outline_items(root["/Outlines"].get_object()):
            heading = text.get(_key(str(item.get("/Title", ""))))
            if heading and str(item.get("/Title")) != heading:
                item[NameObject("/Title")] = TextStringObject(heading)
                changed[item.indirect_reference] = item
        root[NameObject("/PageMode")] = NameObject("/UseOutlines")
        changed[root_ref] = root
    if title:
        prefs = root.raw_get("/ViewerPreferences") if "/ViewerPreferences" in root else None
        if isinstance(prefs, IndirectObject):
            changed[prefs] = prefs.get_object()
            prefs = changed[prefs]
        elif prefs is None:
            prefs = root[NameObject("/ViewerPreferences")] = DictionaryObject()
        prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
        changed[root_ref] = root
        info_ref = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
        info = info_ref.get_object() if info_ref is not None else DictionaryObject()
        info[NameObject("/Title")] = TextStringObject(title)
        changed[info_ref] = info
    return changed


def _update(reader, changed: dict, previous: int, at: int) -> bytes:  # noqa: ANN001
    """The incremental update that gives ``changed`` objects their new values (see
    ``tidy_outline``), to be written at ``at`` (the file's length): the objects, a
    cross-reference table for them and a trailer that points back at the file's last table
    (``previous``)."""
    import io

    from pypdf.generic import DictionaryObject, IndirectObject, NameObject, NumberObject

    size = int(reader.trailer["/Size"])
    body = io.BytesIO()
    body.write(b"\n")
    offsets: dict[int, tuple[int, int]] = {}  # object number: (generation, where)
    trailer = DictionaryObject()
    for ref, obj in changed.items():
        if ref is None:  # a new document information dictionary
            ref = IndirectObject(size, 0, reader)
            size += 1
            trailer[NameObject("/Info")] = ref
        offsets[ref.idnum] = (ref.generation, at + body.tell())
        body.write(f"{ref.idnum} {ref.generation} obj\n".encode())
        obj.write_to_stream(body)
        body.write(b"\nendobj\n")
    start = at + body.tell()
    # Object 0, the head of the free list, first, as in any table: a reader may take a table
    # starting at another number for one numbered wrongly (pypdf does, and checks each).
    body.write(b"xref\n0 1\n0000000000 65535 f \n")
    for number in sorted(offsets):
        generation, where = offsets[number]
        body.write(f"{number} 1\n{where:010d} {generation:05d} n \n".encode())
    for key in ("/Root", "/Info", "/ID"):
        if key in reader.trailer and key not in trailer:
            trailer[NameObject(key)] = reader.trailer.raw_get(key)
    trailer[NameObject("/Size")] = NumberObject(size)
    trailer[NameObject("/Prev")] = NumberObject(previous)
    body.write(b"trailer\n")
    trailer.write_to_stream(body)
    body.write(f"\nstartxref\n{start}\n%%EOF\n".encode())
    return body.getvalue()


def _tidy_whole(pdf: Path, headings: list[str], title: str = "") -> None:
    """``tidy_outline`` by writing the whole file again (pypdf)."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=pdf)
    root = writer._root_object
    text = {_key(h): h for h in headings}
    if "/Outlines" in root:
        for item in _outline_items(root["/Outlines"].get_object()):
            heading = text.get(_key(str(item.get("/Title", ""))))
            if heading:
                item[NameObject("/Title")] = TextStringObject(heading)
        root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    if title:
        writer.add_metadata({"/Title": title})
        prefs = writer.create_viewer_preferences()
        prefs.display_doctitle = True
    with pdf.open("wb") as handle:
        writer.write(handle)


def print_pdf(src: Path, work: Path, target: Path, authority: str = "", brief: str = "") -> Path:
    """Build ``src`` as one HTML page under ``work`` and print it to ``target``. With
    ``brief`` (a chapter's name), only that chapter is printed, as a committee brief: no
    title or contents page, in the print stylesheet's compact brief style."""
    browser = chromium()
    page_path = single_page(run_jupyter_book(src, work, "singlehtml"), src)
    target.parent.mkdir(parents=True, exist_ok=True)
    book = book_title(src)
    if authority:
        book = book.removesuffix(f": {authority}")  # a book built for it names it already
    try:
        # In a thread of its own: playwright's sync API refuses to run where an asyncio loop
        # is already running (a notebook, or a test that drives a browser itself).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(_print, browser, page_path, target, book, authority, brief).result()
    except BuildError:
        raise
    except Exception as exc:  # playwright's errors: say what failed, not where
        raise BuildError(f"Chromium could not print the PDF: {exc}") from exc
    if not target.exists() or target.stat().st_size == 0:
        raise BuildError("Chromium could not print the PDF: it wrote nothing")
    return target


def _print(
    browser: str, page_path: Path, target: Path, book: str, authority: str, brief: str = ""
) -> None:
    from playwright.sync_api import sync_playwright

    options = {
        "format": "A4",
        "margin": MARGIN,
        "print_background": True,
        "display_header_footer": True,
        "header_template": header_html(book, authority),
        "footer_template": footer_html(),
        "outline": True,
        "tagged": True,
    }
    with sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=browser, args=CHROMIUM_ARGS, headless=True)
        try:
            context = chrome.new_context(viewport={"width": PRINT_WIDTH_PX, "height": 1000})
            # Offline: only the book's own files.
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("file:", "data:", "blob:"))
                    else route.abort("internetdisconnected")
                ),
            )
            page = context.new_page()
            page.emulate_media(media="print")
            page.goto(page_path.resolve().as_uri(), wait_until="load")
            page.add_style_tag(content=_FRONT_CSS)
            page.wait_for_function(_CHARTS_DRAWN, timeout=120_000)
            if brief:
                if not page.evaluate(_BRIEF, brief):
                    raise BuildError(f"the book has no chapter '{brief}' to print as a brief")
                page.pdf(path=str(target), **options)
            else:
                # First print: where each chapter starts; then the contents with page numbers.
                chapters = page.evaluate(_FRONT_MATTER, [book, authority, {}])
                anchors = [anchor for anchor, _ in chapters]
                titles = [title for _, title in chapters]
                page.pdf(path=str(target), **options)
                where = chapter_pages(target, titles)
                pages = {a: where[t] for a, t in zip(anchors, titles, strict=True) if t in where}
                page.evaluate(_FRONT_MATTER, [book, authority, pages])
                page.pdf(path=str(target), **options)
            headings = page.evaluate(_HEADINGS)
        finally:
            chrome.close()
    tidy_outline(target, headings, f"{book}: {authority}" if authority else book)
