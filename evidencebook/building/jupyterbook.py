"""Running jupyter-book on a book's sources (HTML for the book, single-page HTML for the
PDF), strictly: any warning fails the build.

jupyter-book runs in the process that builds the book, when that process builds in its
main thread (``evidencebook build``, a batch's local worker processes, a test): Python,
Sphinx and the book's extensions are then imported and set up once for all the builds the
process runs (the HTML and the PDF's single page of one book, one book after another in a
batch: about 3 s less CPU for each build after the first, measured; see
``docs/decisions.md``). A build in another thread (a Dask worker's) runs it in a process
of its own, as ``run_in_this_process(False)`` does everywhere. Sphinx keeps some of its
settings' defaults in lists and dicts
that extensions change in place (the themes add their template folders to
``templates_path``'s default, myst-nb its suffixes to ``source_suffix``'s): before and after
each build in this process they are set back to what they were before its first, so every
book is built as a fresh process would build it (a test compares the two byte for byte).
"""

from __future__ import annotations

import contextlib
import copy
import io
import subprocess
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

from evidencebook.exceptions import BuildError

#: Whether jupyter-book runs in this process (``run_in_this_process``), in its main thread.
_here = True
#: Sphinx's mutable setting defaults as they were before this process's first build.
_pristine: dict[str, Any] | None = None


def run_in_this_process(on: bool = True) -> None:
    """Run jupyter-book in this process from now on (``on``, the default), or in a process
    of its own. Either way a build in any thread but the main one runs it in a process of
    its own (Sphinx's settings are shared by the whole process)."""
    global _here
    _here = on


def _arguments(src: Path, work: Path, builder: str) -> list[str]:
    return [
        "build", str(src), "--path-output", str(work), "--builder", builder,
        "-W", "-n", "--keep-going",
    ]  # fmt: skip


def _fresh_sphinx_defaults() -> None:
    """Set Sphinx's mutable setting defaults back to what they were before this process's
    first build (see the module docstring)."""
    from sphinx.config import Config

    global _pristine
    if _pristine is None:
        _pristine = {
            name: copy.deepcopy(option.default)
            for name, option in Config.config_values.items()
            if isinstance(option.default, list | dict | set)
        }
    for name, value in _pristine.items():
        current = Config.config_values[name].default
        if current != value:
            current.clear()
            (current.extend if isinstance(current, list) else current.update)(copy.deepcopy(value))


def _run_here(arguments: list[str]) -> tuple[int, str]:
    """jupyter-book's command line, run in this process: its exit status and what it wrote."""
    from jupyter_book.cli.main import main

    _fresh_sphinx_defaults()
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        try:
            main.main(args=arguments, prog_name="jupyter-book", standalone_mode=False)
            status = 0
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        except Exception:  # noqa: BLE001 - reported as the build's failure, as a process's would be
            traceback.print_exc(file=said)
            status = 1
        finally:
            _fresh_sphinx_defaults()  # and the process is left as it was
    return status, said.getvalue()


def _run_apart(arguments: list[str]) -> tuple[int, str]:
    """jupyter-book's command line in a process of its own."""
    cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", *arguments]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def run_jupyter_book(src: Path, work: Path, builder: str = "html") -> Path:
    """Build ``src`` strictly with jupyter-book; return the output folder or raise with the
    warnings that stopped it."""
    arguments = _arguments(src, work, builder)
    here = _here and threading.current_thread() is threading.main_thread()
    status, said = (_run_here if here else _run_apart)(arguments)
    if status != 0:
        lines = said.splitlines()
        important = [ln for ln in lines if "WARNING" in ln or "ERROR" in ln] or lines[-30:]
        raise BuildError(f"jupyter-book ({builder}) build failed:\n" + "\n".join(important))
    return work / "_build" / builder
