"""Execute one chapter with the default pack and compare it with the reviewed snapshot of
the default book (``tests/__snapshots__/test_book_snapshot/``): every figure it glues, what
its key-result cells print and every table it saves for download. A quick check, while
reworking a chapter, that nothing it states has changed; the full comparison (the whole
built book, and the Excel workbook) is ``tests/test_book_snapshot.py``.

    .venv/bin/python scripts/check_chapter.py pa [fit ...]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import papermill

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_book_snapshot import glued, key_results  # noqa: E402

from evidencebook.building import downloads  # noqa: E402

SNAPSHOTS = ROOT / "tests" / "__snapshots__" / "test_book_snapshot"


def _differences(chapter: str, part: str, want: dict, got: dict) -> bool:
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    changed = sorted(k for k in set(want) & set(got) if want[k] != got[k])
    for k in missing:
        print(f"{chapter}: {part} {k} no longer there (was {want[k]!r})")
    for k in extra:
        print(f"{chapter}: {part} {k} new: {got[k]!r}")
    for k in changed:
        print(f"{chapter}: {part} {k} changed:\n  was {want[k]!r}\n  now {got[k]!r}")
    return not (missing or extra or changed)


def check(chapter: str) -> bool:
    snapshot = SNAPSHOTS / f"test_chapter_figures_and_tables[{chapter}].json"
    want = json.loads(snapshot.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{chapter}.ipynb"
        saved = Path(tmp) / downloads.FOLDER / chapter
        os.environ[downloads.ENV] = str(saved)
        papermill.execute_notebook(
            str(ROOT / "notebooks" / f"{chapter}.ipynb"), str(out),
            cwd=str(ROOT / "notebooks"), progress_bar=False,
        )  # fmt: skip
        got = {
            "figures": glued(out),
            "key_results": dict(enumerate(key_results(out))),
            "tables": {p.name: p.read_text(encoding="utf-8") for p in sorted(saved.glob("*.csv"))},
        }
    ok = all(
        [
            _differences(chapter, "figure", want["figures"], got["figures"]),
            _differences(chapter, "key result", dict(enumerate(want["key_results"])),
                         got["key_results"]),
            _differences(chapter, "table", want["tables"], got["tables"]),
        ]
    )  # fmt: skip
    print(
        f"{chapter}: {len(got['figures'])} figures, {len(got['key_results'])} key results, "
        f"{len(got['tables'])} tables, " + ("as in the snapshot" if ok else "DIFFERENT")
    )
    return ok


if __name__ == "__main__":
    results = [check(c) for c in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)
