"""Benchmark: books for England's authorities from published statistics alone
(``batch --la``), with 1 and 2 local workers, and where the time goes.

    .venv/bin/python benchmarks/national_books.py [--authorities all|N] [--workers 1 2]

With ``--authorities N`` the first N authorities in DfE code order are built and the time
for all of them is estimated from the mean per book; ``all`` builds every one.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from evidencebook.analysis import national
from evidencebook.building import batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--authorities", default="10", help="'all' or how many")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    every = [str(c) for c in national.authorities()["old_la_code"]]
    chosen = every if args.authorities == "all" else every[: int(args.authorities)]
    print(f"{len(chosen)} of {len(every)} authorities")
    timings = {}
    for workers in args.workers:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            results = batch.batch([], Path(tmp) / "books", workers=workers, las=chosen)
            seconds = time.perf_counter() - started
        ok = sum(r.ok for r in results)
        for failed in (r for r in results if not r.ok):
            print(f"  not built: {failed.label}: {failed.error}")
        per_book = statistics.mean(r.seconds for r in results)
        estimate = seconds / len(chosen) * len(every)
        timings[workers] = seconds
        print(
            f"{workers} worker(s): {seconds:6.1f} s for {len(chosen)} ({ok} built); "
            f"each book's own build {per_book:.1f} s on average; "
            f"all {len(every)}: about {estimate / 60:.1f} min"
        )
        print("  where each book's time went, on average (seconds; kernel start and chapter work")
        print("  are summed over its chapters, which run side by side within 'chapters'):")
        built = [r for r in results if r.ok and r.phases]
        for phase in built[0].phases if built else []:
            mean = statistics.mean(r.phases[phase] for r in built)
            print(f"    {phase:13s} {mean:6.1f}")
        shared = statistics.mean(len(r.reused) for r in built) if built else 0
        print(f"  chapters copied from another book of the batch, on average: {shared:.1f}")
    if 1 in timings and 2 in timings:
        print(f"speed-up from 1 to 2 workers: {timings[1] / timings[2]:.2f}x")


if __name__ == "__main__":
    main()
