"""Many books at once: every authority from published data (--la), an index page, and the
same jobs on a Dask distributed cluster (a LocalCluster here)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from evidencebook.building import batch
from evidencebook.cli import app

runner = CliRunner()


def test_all_means_every_current_authority():
    from evidencebook.analysis import national

    chosen = batch.authorities_for(["all"])
    assert len(chosen) == len(national.authorities()) >= 150
    assert {"Leeds", "Hampshire", "Isle of Wight"} <= {a["la_name"] for a in chosen}


def test_an_unknown_authority_stops_the_batch_before_any_book(tmp_path):
    result = runner.invoke(app, ["batch", "--la", "383", "--la", "Leds", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "nearest names are Leeds" in result.output
    assert list(tmp_path.iterdir()) == []
    result = runner.invoke(app, ["batch", "--la", "383", "--la", "Leeds", "--out", str(tmp_path)])
    assert "authority given more than once: Leeds" in result.output
    result = runner.invoke(app, ["batch", "--out", str(tmp_path)])
    assert "nothing to build" in result.output


def test_the_index_page_links_books_and_lists_failures(tmp_path):
    ok = batch.PackResult(None, tmp_path / "leeds", True, 12.3, authority="Leeds")
    bad = batch.PackResult(None, tmp_path / "york", False, 1.0, "1 data problem(s):\n  - <x>")
    bad.authority = "York & District"
    page = batch.write_index(tmp_path, [ok, bad]).read_text(encoding="utf-8")
    assert '<a href="leeds/index.html">Leeds</a>' in page
    assert "1 book built, 1 failed." in page
    assert "York &amp; District" in page and "&lt;x&gt;" in page  # escaped
    assert '<html lang="en-GB">' in page


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as running:
        yield running


def test_the_same_jobs_run_on_a_dask_cluster(cluster, tmp_path):
    """Two authorities' books on a LocalCluster (about 30 s): Rutland, and the City of
    London, whose small numbers are mostly withheld; both built, each its own book."""
    out = tmp_path / "books"
    result = runner.invoke(
        app,
        ["batch", "--la", "Rutland", "--la", "201", "--out", str(out), "--chapter", "compare",
         "--scheduler", cluster.scheduler_address],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "2 built, 0 failed" in result.output
    for name, folder in (("Rutland", "rutland"), ("City of London", "city-of-london")):
        page = (out / folder / "notebooks" / "compare.html").read_text(encoding="utf-8")
        assert name in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="rutland/index.html"' in index and 'href="city-of-london/index.html"' in index


def test_an_unreachable_scheduler_is_one_plain_line(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "SCHEDULER_TIMEOUT", "0.5s")
    result = runner.invoke(
        app, ["batch", "--la", "Rutland", "--out", str(tmp_path / "b"), "--scheduler",
              "tcp://127.0.0.1:9"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "--scheduler tcp://127.0.0.1:9: cannot reach it" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_a_chapter_two_books_share_is_executed_once(tmp_path):
    """A national run: the pilot's chapters do not name the authority, so the second book of
    the batch copies what the first executed; each book's comparison is its own (about 40 s)."""
    out = tmp_path / "books"
    results = batch.batch([], out, workers=1, las=["Rutland", "York"],
                          chapters=["assumptions", "compare"])  # fmt: skip
    assert [r.ok for r in results] == [True, True], [r.error for r in results]
    assert results[0].reused == [] and results[1].reused == ["assumptions"]
    first = (out / "rutland" / "notebooks" / "assumptions.html").read_text(encoding="utf-8")
    second = (out / "york" / "notebooks" / "assumptions.html").read_text(encoding="utf-8")
    assert first.split("<article")[1] == second.split("<article")[1]  # the same chapter
    assert "York" in (out / "york" / "notebooks" / "compare.html").read_text(encoding="utf-8")
    assert len(list((out / ".work" / batch.SHARED).iterdir())) == 3  # compare twice, once
    # The worker kept its kernel for the second book: no kernel started for it (the first
    # book's kernel start took seconds; the second's chapter only set the kernel back).
    assert results[1].phases["kernel_start"] < results[0].phases["kernel_start"] / 2


def test_a_shared_chapter_is_whole_or_absent(tmp_path):
    from evidencebook.building import build

    src = tmp_path / "book" / "src"
    target = src / "notebooks" / "pa.ipynb"
    target.parent.mkdir(parents=True)
    target.write_text("executed", encoding="utf-8")
    (src / "downloads" / "pa").mkdir(parents=True)
    (src / "downloads" / "pa" / "table.csv").write_text("a\n1\n", encoding="utf-8")
    shared = tmp_path / "shared"
    other = tmp_path / "other" / "src" / "notebooks" / "pa.ipynb"
    assert not build.reuse_shared(shared, "abc", other)
    build.share(shared, "abc", target)
    assert [p.name for p in shared.iterdir()] == ["abc"]  # no temporary folder left
    target.write_text("changed", encoding="utf-8")
    build.share(shared, "abc", target)  # kept first: stays as it was
    assert build.reuse_shared(shared, "abc", other)
    assert other.read_text(encoding="utf-8") == "executed"
    assert (other.parent.parent / "downloads" / "pa" / "table.csv").read_text() == "a\n1\n"


def _jobs(tmp_path, *chapters):
    """A book's chapters to execute, as the build lists them: (notebook, target, values,
    stamp, digest), each chapter's digest its own name."""
    src = tmp_path / "book" / "src" / "notebooks"
    src.mkdir(parents=True)
    return {c: (None, src / f"{c}.ipynb", {}, src / f"{c}.digest", c) for c in chapters}


def _runner(jobs, order):
    def run(chapter):
        order.append(("run", chapter))
        jobs[chapter][1].write_text(f"executed {chapter}", encoding="utf-8")

    return run


def test_a_book_shares_each_chapter_as_it_is_done_and_leaves_no_claim(tmp_path):
    from evidencebook.building import build

    jobs, order, shared = _jobs(tmp_path, "pa", "fit"), [], tmp_path / "shared"
    build._in_turn(jobs, shared, _runner(jobs, order), lambda c: order.append(("reused", c)))
    assert order == [("run", "pa"), ("run", "fit")]
    assert sorted(p.name for p in shared.iterdir()) == ["fit", "pa"]  # shared, claims gone


def test_a_chapter_another_book_is_executing_is_left_till_last_then_taken_from_it(tmp_path):
    """Another book claimed 'pa' and shares it while this book executes 'fit': this book
    does not execute 'pa' itself."""
    from evidencebook.building import build

    jobs, order, shared = _jobs(tmp_path, "pa", "fit"), [], tmp_path / "shared"
    other = tmp_path / "other" / "src" / "notebooks" / "pa.ipynb"
    other.parent.mkdir(parents=True)
    other.write_text("executed by the other book", encoding="utf-8")
    assert build.claim(shared, "pa") and not build.claim(shared, "pa")  # the other book's

    def run(chapter):
        _runner(jobs, order)(chapter)
        build.share(shared, "pa", other)  # meanwhile, the other book is done with it
        build.release(shared, "pa")

    build._in_turn(jobs, shared, run, lambda c: order.append(("reused", c)))
    assert order == [("run", "fit"), ("reused", "pa")]
    assert jobs["pa"][1].read_text(encoding="utf-8") == "executed by the other book"


def test_a_chapter_whose_claim_ends_unshared_or_grows_old_is_executed_here(tmp_path, monkeypatch):
    """The other book failed (its claim ended, nothing shared) or stopped (its claim stayed
    past WAIT_FOR_SHARED): this book executes the chapter itself."""
    from evidencebook.building import build

    jobs, order, shared = _jobs(tmp_path, "pa", "fit"), [], tmp_path / "shared"
    build.claim(shared, "pa")
    build.claim(shared, "fit")
    run = _runner(jobs, order)

    def failed_then_run(chapter):
        build.release(shared, "pa")  # the other book's 'pa' failed
        run(chapter)

    monkeypatch.setattr(build, "WAIT_FOR_SHARED", 0.2)  # 'fit' stays claimed: a stopped book
    build._in_turn(jobs, shared, failed_then_run, lambda c: order.append(("reused", c)))
    assert order == [("run", "pa"), ("run", "fit")]


def test_a_new_batch_clears_the_claims_a_stopped_one_left(tmp_path):
    """A batch stopped mid-chapter (its process killed) leaves that chapter's claim in the
    shared folder; the next batch into the same folder does not wait for it."""
    empty = tmp_path / "empty-pack"  # a book that fails at once: no data for any chapter
    empty.mkdir()
    out = tmp_path / "books"
    first = batch.batch([empty], out, workers=1)
    assert [r.ok for r in first] == [False]
    left = out / ".work" / batch.SHARED / "abc.claim"
    left.mkdir(parents=True)
    batch.batch([empty], out, workers=1)
    assert not left.exists()


def test_a_chapter_shared_just_before_this_books_claim_is_taken_not_executed(tmp_path, monkeypatch):
    from evidencebook.building import build

    jobs, order, shared = _jobs(tmp_path, "pa"), [], tmp_path / "shared"
    other = tmp_path / "other" / "src" / "notebooks" / "pa.ipynb"
    other.parent.mkdir(parents=True)
    other.write_text("executed by the other book", encoding="utf-8")
    claim = build.claim

    def claim_just_after_the_other_shared(folder, digest):
        build.share(folder, digest, other)  # after this book looked, before it claimed
        return claim(folder, digest)

    monkeypatch.setattr(build, "claim", claim_just_after_the_other_shared)
    build._in_turn(jobs, shared, _runner(jobs, order), lambda c: order.append(("reused", c)))
    assert order == [("reused", "pa")]
    assert not (shared / "pa.claim").exists()
