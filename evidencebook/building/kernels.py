"""One kernel for the chapters a build's worker executes, one after another.

papermill starts a new kernel for every notebook: Python and ipykernel start (about 1 s),
then the chapter imports pandas, plotly and the package again (about 1 s more). The build
runs papermill with this module's engine (``ENGINE``, papermill's own way to change how a
notebook is executed) instead: each worker keeps the kernel it started for its first
chapter, and before every chapter sets it back to what a new kernel would be:

- the namespace emptied (IPython's ``reset``: every name the last chapter made is gone,
  the modules it imported stay imported), and its history and execution counter begun
  again, so the executed notebook's cells are numbered from 1 as in a new kernel;
- the chapter's environment (the folder its tables are saved to for download, the build's
  checked tables) and working folder set from the build, not inherited from the process.

Each of a chapter's cells also costs ipykernel's own messages (about 5 ms on a 2-core
machine, more than most of the book's one-line cells take to run). Two of those
milliseconds are waits the build's cells do not need, so a kept kernel starts without them
(``QUICK_CELLS``): ipykernel sleeps half a millisecond before every reply, to let output
reach the client first (nbclient waits for the kernel's "idle" message, which follows the
output on the same channel, so the sleep adds nothing for it), and at each cell's start and
end it waits on its output thread four times to flush standard output and error, whether
anything was written or not; a kept kernel flushes a stream only when something was written
to it since its last flush. The executed notebooks are the same (the snapshot of every
chapter, built in kept kernels, and nbval, in new ones, check that).

A chapter that fails, or a kernel that does not answer, ends that kernel: the next chapter
starts a new one. Each thread keeps its own kernel (a Dask worker may build books in
several threads). A kernel ends with its build (``shutdown``), or with its worker process;
in a batch's worker process, which builds one book after another, it is kept for the next
book (``keep_between_builds``) and set back as new before each of its chapters as before.
Every chapter's figures, printed results and downloadable tables are compared with the
reviewed snapshot both when the book is built (chapters one after another in one kernel)
and when each chapter is run alone in a new kernel (``check_chapter.py``, nbval).
"""

from __future__ import annotations

import multiprocessing.util
import os
import threading
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

#: ipykernel's options a kept kernel starts with (see the module's docstring): no sleep
#: before each reply.
QUICK_ARGUMENTS = ("--Kernel._execute_sleep=0",)
#: What a kept kernel runs once started (see the module's docstring): its standard output and
#: error flushed only when something was written to them since their last flush (ipykernel
#: marks a stream written in ``_flush_pending``, or in ``_subprocess_flush_pending`` when a
#: child process wrote; ``echo`` is a copy to the terminal, flushed as before). An ipykernel
#: whose streams lack those marks is left as it is (slower, never wrong).
QUICK_CELLS = """\
import sys as _evidencebook_sys
from ipykernel.iostream import OutStream as _evidencebook_out
_evidencebook_marks = ("_flush_pending", "_subprocess_flush_pending", "echo")
if all(hasattr(_evidencebook_sys.stdout, m) for m in _evidencebook_marks):
    def _evidencebook_flush(self, _flush=_evidencebook_out.flush):
        if self._flush_pending or self._subprocess_flush_pending or self.echo is not None:
            _flush(self)
    _evidencebook_out.flush = _evidencebook_flush
    del _evidencebook_flush
del _evidencebook_sys, _evidencebook_out, _evidencebook_marks
"""
#: The name the build gives papermill for this engine (``engine_name``).
ENGINE = "evidencebook-kept-kernel"
#: Seconds a kept kernel may take to be set back before it is ended and a new one started.
RESET_TIMEOUT = 60

#: Each thread's kept kernel (a Dask worker may build books in several threads).
_local = threading.local()
#: Whether this process keeps its kernels from one build to the next (a batch's worker).
_between_builds = False


def keep_between_builds(keep: bool = True) -> None:
    """Keep this process's kernels from one build to the next (``keep``): a process that
    builds one book after another starts one kernel, not one a book."""
    global _between_builds
    _between_builds = keep


def end_of_build() -> None:
    """A build's chapters are done: end this thread's kernel, unless this process keeps its
    kernels between builds (``keep_between_builds``)."""
    if not _between_builds:
        shutdown()


def _state() -> dict[str, Any]:
    """This thread's kept kernel: its manager, client and exit hook (empty: none). A worker
    forked from a process that kept one starts empty: that kernel is the parent's."""
    state = getattr(_local, "kept", None)
    if state is None or state.get("pid") != os.getpid():
        state = {"pid": os.getpid()}
        _local.kept = state
    return state


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


async def _start(kernel_name: str, arguments: list[str], timeout: float) -> tuple[Any, Any]:
    """A new kernel and its client, ready (as nbclient starts one, history in memory)."""
    km = AsyncKernelManager(kernel_name=kernel_name)
    if not any(a.startswith("--HistoryManager.hist_file") for a in arguments):
        arguments = [*arguments, "--HistoryManager.hist_file=:memory:"]
    await km.start_kernel(extra_arguments=[*arguments, *QUICK_ARGUMENTS])
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=timeout)
        reply = await kc.execute_interactive(
            QUICK_CELLS, store_history=False, output_hook=lambda msg: None, timeout=timeout
        )
        if reply.get("content", {}).get("status") != "ok":
            raise RuntimeError("a new kernel did not take the build's quicker flush")
    except (RuntimeError, TimeoutError):
        kc.stop_channels()
        await km.shutdown_kernel(now=True)
        raise
    kc.allow_stdin = False
    return km, kc


def _end(km: Any, kc: Any) -> None:
    """Stop a kernel's client and the kernel (whatever state they are in)."""
    try:
        kc.stop_channels()
    except Exception:  # noqa: BLE001, S110 - ending: nothing more to do with it
        pass
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001, S110 - ending: the kernel also ends with its parent
        pass


def kernel(
    kernel_name: str,
    environment: dict[str, str | None],
    cwd: str | None,
    arguments: list[str],
    timeout: float = 60,
) -> tuple[Any, Any]:
    """This thread's kept kernel (manager and client), set back as new for a chapter with
    ``environment`` and ``cwd``; started now if there is none, or if the one kept does not
    answer. It ends when ``shutdown`` is called, or when the process ends (a build's worker,
    when its pool closes: ``atexit`` does not run in a worker process, its finalizers do)."""
    state = _state()
    km, kc = state.get("km"), state.get("kc")
    if km is not None and km.kernel_name == kernel_name and _reset(kc, environment, cwd):
        return km, kc
    shutdown()
    km, kc = run_sync(_start)(kernel_name, list(arguments), timeout)
    hook = multiprocessing.util.Finalize(None, _end, (km, kc), exitpriority=10)
    state.update(km=km, kc=kc, hook=hook)
    if not _reset(kc, environment, cwd):
        shutdown()
        raise RuntimeError("a new kernel did not take the chapter's environment and folder")
    return km, kc


def shutdown() -> None:
    """End this thread's kept kernel, if any."""
    state = _state()
    km, kc, hook = state.pop("km", None), state.pop("kc", None), state.pop("hook", None)
    if hook is not None:
        hook.cancel()
    if km is not None:
        _end(km, kc)


def kept_pid() -> int | None:
    """The process id of this thread's kept kernel (None: none), for tests."""
    km = _state().get("km")
    provisioner = getattr(km, "provisioner", None) if km is not None else None
    process = getattr(provisioner, "process", None)
    return getattr(process, "pid", None) if process is not None else None


class KeptKernelEngine(NBClientEngine):
    """papermill's nbclient engine, executing in this thread's kept kernel (see the
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
        arguments = list(kwargs.get("extra_arguments") or [])
        km, kc = kernel(kernel_name, kernel_env or {}, kernel_cwd, arguments, start_timeout)
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
        client.kc = kc  # the kept kernel's client: this client neither starts nor ends them
        try:
            nb = client.execute()
        except BaseException:
            shutdown()  # a kernel that stopped mid-chapter is not used again
            raise
        if any(_failed(cell) for cell in nb_man.nb.cells):
            shutdown()  # a chapter that failed: its kernel is not used again
        return nb


def _failed(cell: Any) -> bool:
    """Whether a cell's outputs hold an error (papermill raises once the engine returns)."""
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))


papermill_engines.register(ENGINE, KeptKernelEngine)


def warm(kernel_name: str, arguments: list[str], code: str, timeout: float = 120) -> int | None:
    """Start this worker's kernel and run ``code`` in it (the imports its chapters will
    make), so that both are done while the build checks its inputs, before any chapter
    comes; the kernel is then set back as new for each chapter (its modules stay imported).
    Returns the kernel's process id."""
    km, kc = kernel(kernel_name, {}, None, arguments)
    run_sync(kc.execute_interactive)(
        code, store_history=False, output_hook=lambda msg: None, timeout=timeout
    )
    return kept_pid()
