"""Open every built page in headless Debian Chromium with the network unavailable.

Each chart must draw (an SVG inside every chart div), the console must show no errors,
and no page may ask for anything outside the book's own local server.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from urllib.parse import urlparse

import pytest

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


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(_Quiet, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "Debian chromium is needed for the browser tests (scripts/test.sh installs it)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def test_every_page_draws_its_charts_offline(built_book, server, browser):
    pages = sorted(p for p in built_book.rglob("*.html") if "_static" not in p.parts)
    assert pages
    local = urlparse(server).netloc
    context = browser.new_context(offline=False, service_workers="block")
    outside: list[str] = []

    def route(route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.netloc == local:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    context.route("**/*", route)
    charts_seen = 0
    problems = []
    for path in pages:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
        rel = path.relative_to(built_book).as_posix()
        page.goto(f"{server}/{rel}", wait_until="load")
        page.wait_for_timeout(300)
        charts = page.locator("div.evb-plotly")
        count = charts.count()
        for i in range(count):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            drawn = chart.locator("svg.main-svg").count()
            if not drawn:
                problems.append(f"{rel}: chart {i + 1} did not draw")
        charts_seen += count
        if errors:
            problems.append(f"{rel}: console errors {errors}")
        page.close()
    context.close()
    assert not outside, f"pages asked for outside addresses: {sorted(set(outside))}"
    assert not problems, problems
    assert charts_seen > 0
