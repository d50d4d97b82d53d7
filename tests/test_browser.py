"""Open every built page in headless Debian Chromium with the network unavailable.

Each chart must draw (an SVG inside every chart div), the console must show no errors,
and no page may ask for anything outside the book's own local server. Every page passes
axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules, in the default book and in another
authority's; charts, their descriptions, data tables and downloads are named and reached
in order by keyboard, with focus visible; and pages reflow at 320 CSS pixels.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def server(built_book):
    httpd, url = _serve(built_book)
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def authority_server(authority_book):
    httpd, url = _serve(authority_book)
    yield url
    httpd.shutdown()


def book_pages(book: Path) -> list[str]:
    return sorted(
        p.relative_to(book).as_posix() for p in book.rglob("*.html") if "_static" not in p.parts
    )


def offline_context(browser, server: str, outside: list[str], **options):  # noqa: ANN001, ANN201
    """A browser context that reaches only the book's own local server."""
    local = urlparse(server).netloc
    context = browser.new_context(offline=False, service_workers="block", **options)

    def route(route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.netloc == local:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    return context


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "Debian chromium is needed for the browser tests (scripts/test.sh installs it)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


# --- accessibility --------------------------------------------------------------------------

#: axe-core, pinned in package-lock.json and installed by scripts/setup.sh (npm ci).
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA; no rule is turned off.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# What axe-core 4.14 found on the book before these were fixed, and how each was fixed:
# - label-content-name-mismatch (WCAG 2.5.3), on every page: the theme's search button was
#   named "Search" but showed "Search Ctrl+K", and its colour mode button's icons carried
#   titles outside its name. The package's templates (evidencebook/templates) override both.
# - nested-interactive (WCAG 4.1.2), on every chart: the chart was an image (role="img")
#   holding plotly's mode bar buttons. Charts have no mode bar now (sphinx_plotly).
# - scrollable-region-focusable (WCAG 2.1.1), on wide tables: a table that scrolled
#   sideways could not be reached by keyboard. Every table now sits in a labelled region
#   that takes focus (sphinx_plotly.table_regions).


@dataclass
class Visit:
    """What one look at every page of a book found: axe-core's violations, charts that did
    not draw, console errors, and any address outside the book's own server asked for."""

    pages: list[str]
    violations: list[str] = field(default_factory=list)
    undrawn: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    charts: int = 0
    #: What sticks out sideways at 320 CSS pixels wide (see ``REFLOW``).
    reflow: list[str] = field(default_factory=list)


def visit(browser, server: str, pages: list[str]) -> Visit:  # noqa: ANN001
    """Open each page once, offline, wait for its fonts and charts, count the charts that
    drew (an SVG inside each chart div), and run axe-core on it."""
    # imported here, as in ``browser``: collecting the fast tests need not load playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    assert AXE.exists(), f"{AXE} is missing: run scripts/setup.sh (it runs npm ci)"
    seen = Visit(pages)
    context = offline_context(
        browser, server, seen.outside, viewport={"width": 1280, "height": 900}
    )
    for rel in pages:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
        first = f"{server}/{rel}"
        page.goto(first, wait_until="load")
        if page.locator("meta[http-equiv=Refresh]").count():  # index.html: a redirect
            page.wait_for_url(lambda url, first=first: url != first)
            page.wait_for_load_state("load")
        try:
            page.wait_for_function(
                "document.fonts.status === 'loaded' && "
                "Array.from(document.querySelectorAll('div.evb-plotly'))"
                ".every(c => c.querySelector('svg.main-svg'))",
                timeout=30_000,
            )
        except PlaywrightTimeout:
            pass  # the charts that did not draw are named below
        drawn = page.evaluate(
            "Array.from(document.querySelectorAll('div.evb-plotly'))"
            ".map(c => !!c.querySelector('svg.main-svg'))"
        )
        seen.charts += len(drawn)
        seen.undrawn += [f"{rel}: chart {i + 1} did not draw" for i, d in enumerate(drawn) if not d]
        page.add_script_tag(path=str(AXE))
        run = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                            resultTypes: ['violations']})"""
        result = page.evaluate(run, WCAG_TAGS)
        if result["violations"]:
            # On a loaded machine the theme's scripts may still be laying out the header
            # (a button measured mid-layout fails target-size): look again once settled.
            page.wait_for_timeout(1500)
            result = page.evaluate(run, WCAG_TAGS)
        for v in result["violations"]:
            where = [n["target"] for n in v["nodes"][:3]]
            seen.violations.append(f"{rel}: {v['id']} ({v['impact']}, {len(v['nodes'])}x) {where}")
        if errors:
            seen.errors.append(f"{rel}: console errors {errors}")
        seen.reflow += [f"{rel}: {w}" for w in reflow(page)]
        page.close()
    context.close()
    return seen


#: What sticks out of the page sideways (the first five), outside a table's own scrolling
#: region and inside the article: WCAG 1.4.10 asks that nothing need scrolling both ways.
REFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width + 1)
    out.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
  for (const e of document.querySelectorAll('.bd-article *')) {
    if (e.closest('.evb-table-scroll') || e.closest('svg')) continue;
    const r = e.getBoundingClientRect();
    if (r.width && r.right > width + 1)
      out.push(e.tagName + '.' + e.className + ' ends at ' + Math.round(r.right));
  }
  return out.slice(0, 5);
}"""


def reflow(page) -> list[str]:  # noqa: ANN001
    """The page at 320 CSS pixels wide (400% zoom of 1280): what sticks out sideways.

    The page is made narrow where it was loaded (1280 wide) instead of being loaded again:
    the theme's layout follows the width by CSS, and each chart redraws to its new width
    (waited for, up to 5 s: a chart that never fits is then named). Measured on every page
    of the default book, this finds exactly what loading each page at 320 pixels finds
    (every element's right edge the same), for a tenth of the time."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.set_viewport_size({"width": 320, "height": 640})
    try:
        page.wait_for_function(
            "Array.from(document.querySelectorAll('.js-plotly-plot')).every(c => "
            "c.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)",
            timeout=5_000,
        )
    except PlaywrightTimeout:
        pass  # the chart that does not fit is named below
    return page.evaluate(REFLOW)


@pytest.fixture(scope="module")
def default_visit(built_book, server, browser) -> Visit:
    """One look at every page of the default book (charts, console, axe-core)."""
    return visit(browser, server, book_pages(built_book))


def test_every_page_draws_its_charts_offline(default_visit):
    assert len(default_visit.pages) >= 14
    assert not default_visit.outside, f"pages asked for outside addresses: {default_visit.outside}"
    assert not default_visit.undrawn, default_visit.undrawn
    assert not default_visit.errors, default_visit.errors
    assert default_visit.charts > 0


def test_axe_finds_no_wcag_violation_on_any_page(default_visit):
    assert not default_visit.violations, "\n".join(default_visit.violations)
    assert not default_visit.outside


def test_axe_finds_no_wcag_violation_in_another_authoritys_book(
    authority_book, authority_server, browser
):
    pages = book_pages(authority_book)
    kinds = {"book/intro.html", "book/guide.html", "book/accessibility.html", "search.html"}
    assert kinds <= set(pages) and "notebooks/pa.html" in pages
    seen = visit(browser, authority_server, pages)
    assert not seen.violations, "\n".join(seen.violations)
    assert not seen.undrawn, seen.undrawn
    assert not seen.reflow, "\n".join(seen.reflow)
    assert not seen.outside


#: The pages an authority's book (build --la) has that the default book's do not: its
#: landing page, how it compares, its options, and each strand ending with its roll-out
#: there. Its other pages are the default book's, checked above.
AUTHORITY_PAGES = {
    "book/intro.html",
    *(f"notebooks/{c}.html" for c in ("compare", "options", "pa", "fit", "volunteers", "edge",
                                      "willow", "surgeries")),
}  # fmt: skip


def test_axe_finds_no_wcag_violation_in_a_book_from_published_data(leeds_book, browser):
    """An authority's own book (build --la): how it compares, its options side by side, and
    each strand's chapter ending with its roll-out there."""
    book, _ = leeds_book
    pages = [p for p in book_pages(book) if p in AUTHORITY_PAGES]
    assert set(pages) == AUTHORITY_PAGES
    httpd, url = _serve(book)
    try:
        seen = visit(browser, url, pages)
    finally:
        httpd.shutdown()
    assert not seen.violations, "\n".join(seen.violations)
    assert not seen.undrawn, seen.undrawn
    assert not seen.errors, seen.errors
    assert not seen.reflow, "\n".join(seen.reflow)
    assert not seen.outside


def _focused(page):  # noqa: ANN001, ANN202
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const style = getComputedStyle(e);
          const chart = e.closest('details.evb-chart-data');
          return {
            tag: e.tagName.toLowerCase(),
            cls: e.className || '',
            name: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 200),
            inArticle: !!e.closest('.bd-article'),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            shadow: style.boxShadow !== 'none',
            id: e.id || '',
            chart: chart ? chart.dataset.evbIndex || '' : '',
          };
        }"""
    )


def test_keyboard_reaches_each_chart_its_description_data_and_download(server, browser):
    outside: list[str] = []
    context = offline_context(browser, server, outside, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/notebooks/pa.html", wait_until="load")
    # Each chart: an image named by its title, described by the description under it, then
    # its data (a real table with column headers) and its download, in that order.
    charts = page.evaluate(
        """() => Array.from(document.querySelectorAll('div.evb-plotly')).map((c, i) => {
          const desc = document.getElementById(c.getAttribute('aria-describedby') || '');
          let data = c.closest('.cell_output, .output') || c;
          let details = null, link = null;
          for (let n = data.nextElementSibling; n && !(details && link);
               n = n.nextElementSibling) {
            details = details || n.querySelector('details.evb-chart-data');
            link = link || n.querySelector('a.evb-download');
          }
          if (details) details.dataset.evbIndex = String(i);
          const table = details && details.querySelector('table');
          return {
            role: c.getAttribute('role'), label: c.getAttribute('aria-label') || '',
            desc: desc ? desc.textContent : '',
            descAfter: !!desc && !!(c.compareDocumentPosition(desc) & 4),
            summary: details ? details.querySelector('summary').textContent : '',
            headers: table ? table.querySelectorAll('thead th').length : 0,
            rows: table ? table.querySelectorAll('tbody tr').length : 0,
            region: table ? table.parentElement.getAttribute('role') : null,
            link: link ? link.textContent : '',
            focusable: c.querySelectorAll('a, button, input, [tabindex]').length,
          };
        })"""
    )
    assert len(charts) >= 5
    for i, chart in enumerate(charts):
        title = chart["label"].removeprefix("Chart: ")
        assert chart["role"] == "img" and chart["label"].startswith("Chart: ") and title, chart
        assert chart["desc"].startswith("Chart description:") and chart["descAfter"], chart
        assert chart["summary"] == f"Data behind this chart: {title}", chart
        assert chart["headers"] >= 2 and chart["rows"] >= 1 and chart["region"] == "region"
        assert chart["link"].startswith("Download this table (CSV"), chart
        assert chart["focusable"] == 0, f"chart {i} holds focusable controls"
    # Tab through the page: each chart's data (its summary) then its download, in order,
    # every stop named and with its focus visible.
    stops = []
    page.keyboard.press("Tab")
    for _ in range(600):
        now = _focused(page)
        if now is None or (stops and now == stops[0]):
            break
        stops.append(now)
        page.keyboard.press("Tab")
    context.close()
    assert not outside
    unnamed = [s for s in stops if not s["name"]]
    assert not unnamed, unnamed
    invisible = [s for s in stops if s["inArticle"] and not (s["outline"] or s["shadow"])]
    assert not invisible, invisible
    order = [(s["chart"], s["tag"]) for s in stops if s["chart"] != "" and s["tag"] == "summary"]
    assert [int(c) for c, _ in order] == list(range(len(charts))), order
    for i in range(len(charts)):
        summary = next(k for k, s in enumerate(stops) if s["chart"] == str(i))
        after = [s for s in stops[summary + 1 :] if "evb-download" in s["cls"]]
        assert after and after[0]["name"] == charts[i]["link"], (i, after[:1])
    regions = [s for s in stops if s["cls"] == "evb-table-scroll"]
    assert regions and all(s["name"] for s in regions)


def test_pages_reflow_at_320_css_pixels(default_visit):
    """At 320 CSS pixels wide (400% zoom of 1280) the page never scrolls sideways and
    nothing is cut off, except inside a table's own scrolling region (see ``reflow``)."""
    assert not default_visit.reflow, "\n".join(default_visit.reflow)
