"""Execute one chapter with the default pack and compare what it glues with the reviewed
snapshot of the default book (``tests/__snapshots__/test_book_snapshot/``): a quick check,
while reworking a chapter, that no figure it states has changed. The full comparison (every
figure and every downloadable table of the built book) is ``tests/test_book_snapshot.py``.

    .venv/bin/python scripts/check_chapter.py pa [fit ...]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import papermill

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_book_snapshot import glued  # noqa: E402

SNAPSHOTS = ROOT / "tests" / "__snapshots__" / "test_book_snapshot"


def check(chapter: str) -> bool:
    snapshot = SNAPSHOTS / f"test_chapter_figures_and_tables[{chapter}].json"
    want = json.loads(snapshot.read_text(encoding="utf-8"))["figures"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{chapter}.ipynb"
        papermill.execute_notebook(
            str(ROOT / "notebooks" / f"{chapter}.ipynb"), str(out),
            cwd=str(ROOT / "notebooks"), progress_bar=False,
        )  # fmt: skip
        got = glued(out)
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    changed = sorted(k for k in set(want) & set(got) if want[k] != got[k])
    for k in missing:
        print(f"{chapter}: {k} no longer glued (was {want[k]!r})")
    for k in extra:
        print(f"{chapter}: {k} newly glued: {got[k]!r}")
    for k in changed:
        print(f"{chapter}: {k} changed:\n  was {want[k]!r}\n  now {got[k]!r}")
    ok = not (missing or extra or changed)
    print(f"{chapter}: {len(got)} figures, " + ("as in the snapshot" if ok else "DIFFERENT"))
    return ok


if __name__ == "__main__":
    results = [check(c) for c in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)
