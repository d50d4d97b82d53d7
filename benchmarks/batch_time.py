"""Benchmark: building one authority's book, and books for 10 authorities with 1 and 2
workers. Each authority is a copy of the Isle of Wight worked example (the PA chapter; the
others are left out for lack of data), so the figures show the batch machinery's cost.

    .venv/bin/python benchmarks/batch_time.py [--packs 10]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from evidencebook.building import batch, build, scaffold

TABLES = {
    "pa_posts": "Isle of Wight",
    "team_caseloads": "Isle of Wight",
    "pa_time_use": None,
    "pa_time_for_families": None,
}


def make_pack(folder: Path, name: str) -> Path:
    scaffold.scaffold(folder, name)
    for table, authority in TABLES.items():
        scaffold.copy_rows(folder, table, authority)
    params = folder / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    params.write_text(
        text.replace("caseload_authority: Hampshire", "caseload_authority: Isle of Wight")
    )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        packs = [
            make_pack(root / "packs" / f"authority-{i:02d}", f"Authority {i}")
            for i in range(args.packs)
        ]
        started = time.perf_counter()
        build.build(data_dir=packs[0], out_dir=root / "one", work_dir=root / "one-work")
        one = time.perf_counter() - started
        print(f"machine: {os.cpu_count()} cores")
        print(f"one authority's book (cold): {one:6.1f} s")
        for workers in (1, 2):
            started = time.perf_counter()
            results = batch.batch(packs, root / f"batch-{workers}", workers=workers)
            seconds = time.perf_counter() - started
            ok = sum(r.ok for r in results)
            print(f"{len(packs)} authorities, {workers} worker(s): {seconds:6.1f} s ({ok} built)")


if __name__ == "__main__":
    main()
