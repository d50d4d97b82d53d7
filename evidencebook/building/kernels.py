"""One kernel for the chapters a build's worker executes, one after another.

papermill starts a new kernel for every notebook: Python and ipykernel start (about 1 s),
then the chapter imports pandas, plotly and the package again (about 1 s more). The build
runs papermill with this module's engine (``ENGINE``, papermill's own way to change how a
notebook is executed) instead: each worker keeps the kernel it started for its first
chapter, and before each later chapter sets it back to what a new kernel would be:

- the namespace emptied (IPython's ``reset``: every name the last chapter made is gone,
  the modules it imported stay imported), and its history and execution counter begun
  again, so the executed notebook's cells are numbered from 1 as in a new kernel;
- the chapter's environment (the folder its tables are saved to for download, the build's
  checked tables) and working folder set, as a new kernel would inherit them.

A chapter that fails, or a kernel that does not answer, ends that kernel: the next chapter
starts a new one. The kernel of a build's worker ends with it (``shutdown``, or when the
worker process ends). Every chapter's figures, printed results and downloadable tables are
compared with the reviewed snapshot both when the book is built (chapters one after another
in one kernel) and when each chapter is run alone in a new kernel (``check_chapter.py``,
nbval).
"""

from __future__ import annotations

import multiprocessing.util
import os
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

#: The name the build gives papermill for this engine (``engine_name``).
ENGINE = "evidencebook-kept-kernel"
#: Seconds a kept kernel may take to be set back before it is ended and a new one started.
RESET_TIMEOUT = 60

#: This process's kept kernel: its manager and client (empty: none started yet).
_kept: dict[str, Any] = {}


def reset_code(environment: dict[str, str | None], cwd: str | None) -> str:
    """The code that sets a kept kernel back to what a new one would be (module docstring):
    each of ``environment``'s variables set (None: removed), ``cwd`` as working folder."""
    lines = [
        "get_ipython().reset(new_session=True)",
        "import os as _evidencebook_os",
    ]
    for name, value in sorted(environment.items()):
        if value is None:
            lines.append(f"_evidencebook_os.environ.pop({name!r}, None)")
        else:
            lines.append(f"_evidencebook_os.environ[{name!r}] = {value!r}")
    if cwd:
        lines.append(f"_evidencebook_os.chdir({cwd!r})")
    lines += ["del _evidencebook_os", "get_ipython().execution_count = 1"]
    return "\n".join(lines)


def _reset(kc: Any, environment: dict[str, str | None], cwd: str | None) -> bool:
    """Set the kept kernel back (``reset_code``); False if it did not answer ``ok``."""
    try:
        reply = run_sync(kc.execute_interactive)(
            reset_code(environment, cwd),
            store_history=False,  # the counter stays at 1 for the chapter's first cell
            output_hook=lambda msg: None,
            timeout=RESET_TIMEOUT,
        )
    except Exception:  # noqa: BLE001 - any failure: a new kernel instead
        return False
    return reply.get("content", {}).get("status") == "ok"


def shutdown() -> None:
    """End this process's kept kernel, if any."""
    km, kc = _kept.pop("km", None), _kept.pop("kc", None)
    if kc is not None:
        try:
            kc.stop_channels()
        except Exception:  # noqa: BLE001, S110 - ending: nothing more to do with it
            pass
    if km is not None:
        try:
            if km.has_kernel:
                run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001, S110 - ending: the kernel also ends with its parent
            pass


class KeptKernelEngine(NBClientEngine):
    """papermill's nbclient engine, executing in this process's kept kernel (see the
    module's docstring). Takes two more arguments through ``execute_notebook``:
    ``kernel_env`` (environment variables to set, None to remove) and ``kernel_cwd``."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        kernel_env: dict[str, str | None] | None = None,
        kernel_cwd: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if _kept.get("pid") != os.getpid():  # a worker forked from a process that kept one
            _kept.clear()  # that kernel is the parent's: never used, nor ended, from here
            _kept["pid"] = os.getpid()
        km, kc = _kept.get("km"), _kept.get("kc")
        if km is not None and (
            km.kernel_name != kernel_name
            or kc is None
            or not run_sync(km.is_alive)()
            or not _reset(kc, kernel_env or {}, kernel_cwd)
        ):
            shutdown()
            km = kc = None
        if km is None:  # a new kernel, which the client starts and this process keeps
            _register_shutdown()
            km = AsyncKernelManager(kernel_name=kernel_name)
            _kept["km"] = km
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final = merge_kwargs(
            kwargs,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = PapermillNotebookClient(nb_man, km=km, **final)
        client.kc = kc  # the kept kernel's client (None: the client starts its own)
        try:
            nb = client.execute()
        except BaseException:
            _kept["kc"] = client.kc
            shutdown()  # a kernel that stopped mid-chapter is not used again
            raise
        _kept["kc"] = client.kc
        if any(_failed(cell) for cell in nb_man.nb.cells):
            shutdown()  # a chapter that failed: its kernel is not used again
        return nb


def _failed(cell: Any) -> bool:
    """Whether a cell's outputs hold an error (papermill raises once the engine returns)."""
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))


def _register_shutdown() -> None:
    """End the kept kernel when this process ends (a build's worker, when the build's pool
    of workers closes; ``atexit`` does not run in a worker process, its finalizers do)."""
    if not _kept.get("finalizer"):
        _kept["finalizer"] = multiprocessing.util.Finalize(None, shutdown, exitpriority=10)


papermill_engines.register(ENGINE, KeptKernelEngine)


def kept_pid() -> int | None:
    """The process id of this process's kept kernel (None: none), for tests."""
    km = _kept.get("km")
    provisioner = getattr(km, "provisioner", None) if km is not None else None
    process = getattr(provisioner, "process", None)
    return getattr(process, "pid", None) if process is not None else None
