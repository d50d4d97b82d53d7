"""The build: table of contents handling, safe publishing, and the built book itself."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from helpers import NATIONAL, no_warm_kernels

from evidencebook.analysis import figures
from evidencebook.building import build, folders
from evidencebook.chapters import registry as strands
from evidencebook.exceptions import BuildError, DataError

ROOT = Path(__file__).resolve().parents[1]
CDN = re.compile(r"""<(script|link)[^>]+(src|href)=["']?(https?:)?//""", re.I)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_toc_without_drops_entries_and_empty_parts():
    toc = {
        "root": "book/intro",
        "parts": [
            {"caption": "A", "chapters": [{"file": "notebooks/a"}, {"file": "notebooks/b"}]},
            {"caption": "B", "chapters": [{"file": "notebooks/c"}]},
        ],
    }
    out = build.toc_without(toc, {"notebooks/b", "notebooks/c"})
    assert out == {
        "root": "book/intro",
        "parts": [{"caption": "A", "chapters": [{"file": "notebooks/a"}]}],
    }
    assert build.toc_files(toc) == ["book/intro", "notebooks/a", "notebooks/b", "notebooks/c"]


def test_every_notebook_is_in_the_table_of_contents():
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    listed = set(build.toc_files(toc))
    for name in build.chapter_notebooks():
        assert f"notebooks/{name}" in listed, name


def test_publish_replaces_the_folder_whole(tmp_path):
    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("new")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old")
    (out / "stale.html").write_text("old")
    build.publish(new, out)
    published = snapshot(out)
    assert published.pop(folders.MARKER)  # marked as a book this tool made
    assert published == {"index.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "out"]


def test_failed_publish_leaves_the_old_book_byte_identical(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("good book")
    before = snapshot(out)

    def broken_copy(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(shutil, "copytree", broken_copy)
    with pytest.raises(OSError):
        build.publish(tmp_path, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_failed_build_never_touches_a_good_book(built_book, tmp_path, monkeypatch):
    out = tmp_path / "html"
    shutil.copytree(built_book, out)
    before = snapshot(out)
    bad = tmp_path / "pack"
    shutil.copytree(ROOT / "data", bad)
    (bad / "pa_posts.csv").write_text("authority,posts,source\nHampshire,lots,x\n")
    with pytest.raises(DataError, match="pa_posts.csv, row 2, column 'posts'"):
        build.build(data_dir=bad, out_dir=out, work_dir=tmp_path / "work")
    assert snapshot(out) == before

    def failing_sphinx(src, work):
        raise BuildError("jupyter-book build failed")

    monkeypatch.setattr(build, "run_jupyter_book", failing_sphinx)
    with pytest.raises(BuildError):
        build.build(out_dir=out, work_dir=tmp_path / "work2", chapters=["pa"])
    assert snapshot(out) == before


def test_unknown_chapter_is_an_error(tmp_path):
    with pytest.raises(BuildError, match="unknown chapter"):
        build.build(out_dir=tmp_path / "o", work_dir=tmp_path / "w", chapters=["nope"])


# --- the built book -------------------------------------------------------------------


def pages(book: Path) -> list[Path]:
    return sorted(p for p in book.rglob("*.html") if "_static" not in p.parts)


def test_every_chapter_page_is_built(built_book):
    """Every chapter but those that compare one authority (built only with --la)."""
    assert (built_book / "index.html").exists()
    for_authority = build.authority_chapters()
    assert for_authority == ["compare", "options"]
    for name in build.chapter_notebooks():
        page = built_book / "notebooks" / f"{name}.html"
        assert page.exists() == (name not in for_authority), name


def test_plotly_js_is_served_once_from_the_books_own_files(built_book):
    copies = [p for p in built_book.rglob("*") if p.name.startswith("plotly") and p.suffix == ".js"]
    assert [p.relative_to(built_book).as_posix() for p in copies] == ["_static/plotly.min.js"]
    charted = 0
    for page in pages(built_book):
        text = page.read_text(encoding="utf-8")
        has_chart = "data-evb-plotly" in text
        refs = re.findall(r"<script[^>]+src=\"[^\"]*plotly\.min\.js", text)
        assert len(refs) == (1 if has_chart else 0), page
        assert len(text) < 1_000_000, f"{page} looks like it inlines plotly.js"
        charted += has_chart
    assert charted >= 1


def test_no_page_loads_anything_from_outside(built_book):
    for page in pages(built_book):
        text = page.read_text(encoding="utf-8")
        assert not CDN.search(text), (page, CDN.search(text).group(0))


def test_parameter_cells_are_not_shown(built_book):
    for name, declared in build.chapter_parameters().items():
        if name in build.authority_chapters():
            continue  # built only for an authority (--la): see test_compare_build
        text = (built_book / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        for p in declared:
            assert f"{p}:" not in text or f"{p}: {declared[p].type}" not in text, (name, p)
        assert "Parameters" not in re.findall(r"<h\d[^>]*>([^<]*)", text)
        assert "data_dir = " not in text, name


def glued(chapter: str) -> dict[str, object]:
    """The glued values of an executed chapter in the test build, by glue key."""
    executed = ROOT / "_build" / "test-work" / "src" / "notebooks" / f"{chapter}.ipynb"
    nb = nbformat.read(executed, as_version=4)
    out = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                # papermill stores glued values under its own record type
                plain = [v for k, v in output["data"].items() if k.endswith("text/plain")]
                out[name] = plain[0] if plain else None
    return out


def test_every_reference_figure_is_glued(built_book):
    ref = figures.reference_figures()
    for chapter, strand in strands.STRANDS.items():
        wanted = {figures.glue_key(i) for i in ref["id"] if i.split(".")[0] in strand.prefixes}
        assert wanted, chapter
        missing = wanted - set(glued(chapter))
        assert not missing, (chapter, sorted(missing))


def test_chapters_glue_what_the_registry_computes(built_book):
    """The registry (used by the comparison and the audit) and each chapter agree."""
    computed = strands.recompute()
    for chapter, strand in strands.STRANDS.items():
        values = glued(chapter)
        for fid, value in computed.items():
            key = figures.glue_key(fid)
            if fid.split(".")[0] in strand.prefixes and key in values:
                plain = figures.plain(value)
                if isinstance(plain, (list, tuple)):
                    continue
                assert values[key] == repr(plain) or values[key] == f"'{plain}'", (fid, values[key])


def test_glued_figures_appear_in_the_page(built_book):
    text = (built_book / "notebooks" / "pa.html").read_text(encoding="utf-8")
    for shown in ("30,456", "13,224.49", "4,408", "27,003", "2.04"):
        assert shown in text, shown


def test_figures_worked_out_from_a_withheld_count_are_glued_as_c_others_missing_as_x():
    import numpy as np
    import pandas as pd

    assert figures.plain(pd.NA) == "c"  # withheld, or worked out from a withheld count
    assert figures.plain(float("nan")) == "x"  # not available: a share of 0, say
    assert figures.plain(np.float64("nan")) == "x"
    assert figures.plain(None) == "x"
    assert figures.shown(pd.NA, ",.0f") == "c" and figures.shown(None, ",.0f") == "x"
    assert figures.plain(np.int64(7)) == 7 and type(figures.plain(np.int64(7))) is int
    assert figures.plain("8/12") == "8/12"


def test_compare_shows_a_withheld_figure_as_c():
    import pandas as pd

    table = figures.compare({"cse.case_files": 24, "cse.families_interviewed": pd.NA}, "cse")
    book = table.set_index("id")["book"]
    assert book["cse.case_files"] == 24
    assert book["cse.families_interviewed"] == "c"
    report = table.set_index("id")["report"]
    assert report["cse.families_interviewed"] == "c" and report["cse.case_files"] == "24"
    assert book["cse.total"] is None  # not given


def test_compare_shows_a_figure_not_available_as_x_beside_the_reports_value():
    import pandas as pd

    table = figures.compare({"cse.case_files": float("nan")}, "cse").set_index("id")
    assert table.loc["cse.case_files", "book"] == "x"
    assert table.loc["cse.case_files", "report"] == "24"  # nothing withheld to give away
    assert figures.beside("44;46", (1.0, float("nan"))) == "44;46"
    assert figures.beside("44;46", (1.0, pd.NA)) == "44;c"


def test_suppress_setting_from_the_option_or_pack_yaml(tmp_path):
    assert build.suppress_setting(tmp_path, None) is None  # no pack.yaml: no threshold
    (tmp_path / "pack.yaml").write_text("name: North\n", encoding="utf-8")
    assert build.suppress_setting(tmp_path, None) is None
    (tmp_path / "pack.yaml").write_text("name: North\nsuppress_below: 10\n", encoding="utf-8")
    assert build.suppress_setting(tmp_path, None) == 10
    assert build.suppress_setting(tmp_path, 5) == 5  # the option wins
    for bad in ("1", "ten", "7.5", "true"):
        (tmp_path / "pack.yaml").write_text(f"suppress_below: {bad}\n", encoding="utf-8")
        with pytest.raises(
            DataError,
            match=r"pack.yaml, row 1, column 'suppress_below': found .*; expected a whole",
        ):
            build.suppress_setting(tmp_path, None)


def test_chapters_that_cannot_show_withheld_counts_are_named():
    withheld = {"edge_case_files", "looked_after_starts_quarterly"}
    assert build.cannot_withhold("pa", withheld) == []
    quarterly = "looked_after_starts_quarterly.csv"
    for chapter in ("fit", "edge", "trends"):
        found = build.cannot_withhold(chapter, withheld)
        shows = build.all_tables()["looked_after_starts_quarterly"].shows_withheld
        assert (quarterly in found) == (chapter not in shows)


def test_landing_note_says_what_is_withheld():
    titles = {"edge": "Edge of care", "fit": "FIT"}
    note = build.landing_note(
        "North", {"fit": ["fit_families.csv"]}, titles, 10, {"edge": ["edge_counts.csv"]}, 3
    )
    assert "below 10" in note and "3 such counts" in note and "withheld.csv" in note
    assert "- Edge of care (withheld counts in: edge\\_counts\\.csv)" in note
    assert "- FIT (missing: fit\\_families\\.csv)" in note
    plain = build.landing_note("North", {}, titles)
    assert "withheld" not in plain


def test_an_unchanged_rebuild_reuses_the_html_and_a_changed_source_rebuilds_it(
    built_book, tmp_path, monkeypatch
):
    work = ROOT / "_build" / "test-work"
    calls = []
    original = build.run_jupyter_book

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(build, "run_jupyter_book", counted)
    again = build.build(out_dir=tmp_path / "again", work_dir=work)
    assert not again.executed and calls == []  # nothing ran: Sphinx is not even started
    printed = "downloads/book.pdf"  # built_book is printed too (--pdf); these builds are not
    html_only = {k: v for k, v in snapshot(built_book).items() if k != printed}
    assert printed not in snapshot(tmp_path / "again")
    assert snapshot(tmp_path / "again") == html_only
    (work / "html.digest").write_text("a source changed")  # as if a page had changed
    build.build(out_dir=tmp_path / "third", work_dir=work)
    assert len(calls) == 1
    third, first = snapshot(tmp_path / "third"), html_only
    workbook = "downloads/tables.xlsx"  # written again, with its own time stamps
    assert third.pop(workbook)[:2] == first.pop(workbook)[:2] == b"PK"
    assert third == first


def test_a_bad_pack_yaml_stops_the_build_before_any_chapter(tmp_path, monkeypatch):
    """With --suppress-below given, pack.yaml is still read (for the authority's name):
    its problems must stop the build up front, not after every chapter has run."""
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "data", pack, ignore=NATIONAL)
    (pack / "pack.yaml").write_text("name: [unclosed\n", encoding="utf-8")

    def forbidden(*args, **kwargs):
        raise AssertionError("a chapter ran before pack.yaml was checked")

    monkeypatch.setattr(build, "_execute_all", forbidden)
    no_warm_kernels(monkeypatch)
    with pytest.raises(DataError, match="pack.yaml"):
        build.build(
            data_dir=pack, out_dir=tmp_path / "o", work_dir=tmp_path / "w", suppress_below=10
        )


def test_a_changed_workbook_or_pack_yaml_makes_its_chapters_run_again(tmp_path):
    """A pack kept in pack.xlsx: the digest covers the workbook, not only CSV files, so a
    changed count is never left stale in the book."""
    notebook = build.chapter_notebooks()["trends"]
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.xlsx").write_bytes(b"workbook, first version")
    first = build.chapter_digest(notebook, {}, pack, "trends")
    assert build.chapter_digest(notebook, {}, pack, "trends") == first
    (pack / "pack.xlsx").write_bytes(b"workbook, a count changed")
    second = build.chapter_digest(notebook, {}, pack, "trends")
    assert second != first
    (pack / "pack.yaml").write_text("name: Leeds\n")
    assert build.chapter_digest(notebook, {}, pack, "trends") != second


@pytest.mark.slow
def test_force_executes_every_chapter_again(tmp_path):
    """Builds the assumptions chapter three times (a few seconds each)."""
    kwargs = {"out_dir": tmp_path / "o", "work_dir": tmp_path / "w", "chapters": ["assumptions"]}
    assert build.build(**kwargs).executed == ["assumptions"]
    assert build.build(**kwargs).reused == ["assumptions"]
    assert build.build(**kwargs, force=True).executed == ["assumptions"]


def test_an_empty_markdown_output_is_dropped():
    assert build._empty_markdown({"data": {"text/markdown": "", "text/plain": "<obj>"}})
    assert build._empty_markdown({"data": {"text/markdown": ["  ", "\n"]}})
    assert not build._empty_markdown({"data": {"text/markdown": "Some words."}})
    assert not build._empty_markdown({"data": {"text/plain": "1"}})


def test_each_chapter_kernel_is_told_where_the_checked_tables_are(tmp_path):
    """The build reads and checks the pack once; each kernel finds the tables it read
    through ``snapshot.ENV`` (and nothing when there is none)."""
    from evidencebook.analysis import snapshot

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3",
    }
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(f"import os; print(os.environ.get({snapshot.ENV!r}))"),
    ]
    notebook = tmp_path / "chapter.ipynb"
    nbformat.write(nb, notebook)
    for given, printed in (
        (tmp_path / "tables.pickle", str(tmp_path / "tables.pickle")),
        (None, "None"),
    ):
        target = tmp_path / "out" / "chapter.ipynb"
        seconds, cells = build.execute_chapter(notebook, target, {"x": 2}, None, given)
        assert 0 <= cells < seconds  # the cells ran in part of the time; the kernel started
        done = nbformat.read(target, as_version=4)
        assert done.cells[-1].outputs[0]["text"].strip() == printed
