"""Benchmark: how long the book takes to build on this machine.

Prints the cold full build (every chapter executed, HTML built from nothing) and a rebuild
with nothing changed (chapters reused, Sphinx incremental), then a cold build for
publication with small counts withheld (``--suppress-below 10``). Goals for the finished
book: cold build under 45 s on 2 cores, unchanged rebuild under 5 s.

    .venv/bin/python benchmarks/build_time.py [--workers N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from evidencebook.building import build


def timed(**kwargs) -> tuple[float, build.BuildResult]:
    started = time.perf_counter()
    result = build.build(**kwargs)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None, help="chapters executed at once")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kwargs = {
            "out_dir": Path(tmp) / "html",
            "work_dir": Path(tmp) / "work",
            "workers": args.workers,
        }
        cold, first = timed(**kwargs)
        warm, second = timed(**kwargs)
        kwargs |= {"out_dir": Path(tmp) / "published", "work_dir": Path(tmp) / "work-published"}
        published, third = timed(**kwargs, suppress_below=10)
    print(f"machine: {os.cpu_count()} cores; chapters: {len(first.executed)}")
    print(f"cold full build (execute every notebook, build HTML): {cold:6.1f} s  (goal < 45 s)")
    print(
        f"rebuild with nothing changed ({len(second.reused)} chapters reused):"
        f" {warm:6.1f} s  (goal < 5 s)"
    )
    print(
        f"cold build for publication, counts below 10 withheld ({third.withheld_cells} cells, "
        f"{len(third.executed)} chapters): {published:6.1f} s"
    )


if __name__ == "__main__":
    main()
