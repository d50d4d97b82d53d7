"""Running jupyter-book on a book's sources (HTML for the book, single-page HTML for the
PDF), strictly: any warning fails the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from evidencebook.exceptions import BuildError


def run_jupyter_book(src: Path, work: Path, builder: str = "html") -> Path:
    """Build ``src`` strictly with jupyter-book; return the output folder or raise with the
    warnings that stopped it."""
    cmd = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(src),
        "--path-output",
        str(work),
        "--builder",
        builder,
        "-W",
        "-n",
        "--keep-going",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = (proc.stdout + proc.stderr).splitlines()
        important = [ln for ln in lines if "WARNING" in ln or "ERROR" in ln] or lines[-30:]
        raise BuildError(f"jupyter-book ({builder}) build failed:\n" + "\n".join(important))
    return work / "_build" / builder
