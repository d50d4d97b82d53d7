"""A printable PDF of the book, for committee papers, made offline.

jupyter-book's ``pdfhtml`` builder needs a browser that playwright downloads, which fails
offline. Instead: build the book as a single HTML page, then print it with Debian's
Chromium in headless mode. Charts come out as vectors.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .exceptions import BuildError

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--virtual-time-budget=20000",
    "--no-pdf-header-footer",
]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BuildError(
            "printing the PDF needs Chromium: install Debian's package with "
            "'apt-get install chromium', or build without --pdf"
        )
    return path


def print_pdf(src: Path, work: Path, target: Path) -> Path:
    """Build ``src`` as one HTML page under ``work`` and print it to ``target``."""
    from .build import run_jupyter_book

    browser = chromium()
    page = run_jupyter_book(src, work, "singlehtml") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [browser, *CHROMIUM_ARGS, f"--print-to-pdf={target}", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 or not target.exists() or target.stat().st_size == 0:
        raise BuildError("Chromium could not print the PDF:\n" + proc.stderr[-2000:])
    return target
