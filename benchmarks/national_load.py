"""How long the national tables take to load: from the files (no cache), from the cache
under _build/ in a new process, and again in the same process.

    .venv/bin/python benchmarks/national_load.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

SNIPPET = (
    "import time; t = time.perf_counter(); from evidencebook.analysis import national; "
    "national.measures(); national.authorities(); national.neighbours('383'); "
    "print(time.perf_counter() - t)"
)


def in_new_process(cache: str) -> float:
    env = {"EVIDENCEBOOK_NATIONAL_CACHE": cache}
    import os

    out = subprocess.run(
        [sys.executable, "-c", SNIPPET],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        cold = in_new_process(cache)  # empty cache: reads every file
        warm = min(in_new_process(cache) for _ in range(3))  # cache written by the first
    import os

    os.environ["EVIDENCEBOOK_NATIONAL_CACHE"] = tempfile.mkdtemp()
    from evidencebook.analysis import national

    national.measures()
    start = time.perf_counter()
    for _ in range(10):
        national.measures()
    again = (time.perf_counter() - start) / 10
    rows = len(national.measures())
    print(f"national tables: {rows:,} rows")
    print(f"  from the files (new process, empty cache): {cold:.2f} s")
    print(f"  from the cache (new process):              {warm:.2f} s")
    print(f"  again in the same process (a copy):        {again * 1000:.1f} ms")


if __name__ == "__main__":
    main()
