"""Gluing a chapter's figures (``analysis.figures.glue_figures``): one output a figure, as
myst-nb's ``glue`` makes it, or, in a build's kernels, one output holding them all, which the
build unpacks into the very same outputs."""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest

from evidencebook.analysis import figures

#: Figures as chapters give them: numbers, text, a withheld count, one not available, a tuple.
FIGURES = {
    "pa.posts": 28,
    "pa.saving": 9000.8561,
    "fit.cla_target_text": "fewer children",
    "edge.starts": pd.NA,
    "edge.rate": None,
    "trends.months": (13, 14),
}


@pytest.fixture
def shown(monkeypatch):
    """What ``display`` was asked to show, as the notebook's outputs would hold it."""
    import IPython.display

    outputs = []

    def display(data, raw=False, metadata=None):  # noqa: ANN001, ANN202
        assert raw
        outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata or {}))

    monkeypatch.setattr(IPython.display, "display", display)
    return outputs


def test_each_figure_is_glued_as_myst_nbs_glue_glues_it(shown, monkeypatch):
    import IPython.display
    from myst_nb.ext import glue as myst_glue

    monkeypatch.delenv(figures.IN_ONE_ENV, raising=False)
    figures.glue_figures(FIGURES)
    ours = list(shown)
    shown.clear()
    monkeypatch.setattr(myst_glue, "ipy_display", IPython.display.display)  # the fixture's
    for fid, value in FIGURES.items():
        myst_glue.glue(figures.glue_key(fid), figures.plain(value), display=False)
    assert ours == shown
    assert [o["metadata"]["scrapbook"]["name"] for o in ours] == [
        "pa_posts", "pa_saving", "fit_cla_target_text", "edge_starts", "edge_rate",
        "trends_months",
    ]  # fmt: skip
    assert ours[3]["data"] == {"application/papermill.record/text/plain": "'c'"}
    assert ours[4]["data"] == {"application/papermill.record/text/plain": "'x'"}


def test_in_a_build_one_output_carries_them_all_and_unpacks_to_the_same(shown, monkeypatch):
    monkeypatch.delenv(figures.IN_ONE_ENV, raising=False)
    figures.glue_figures(FIGURES)
    one_by_one = list(shown)
    shown.clear()
    monkeypatch.setenv(figures.IN_ONE_ENV, "1")
    figures.glue_figures(FIGURES)
    assert len(shown) == 1 and list(shown[0]["data"]) == [figures.GLUED]
    before = nbformat.v4.new_output("stream", name="stdout", text="a key result\n")
    after = nbformat.v4.new_output("display_data", data={"text/markdown": "Some *text*"})
    unpacked = figures.unpack_glued([before, shown[0], after])
    assert unpacked == [before, *one_by_one, after]
    assert all(isinstance(o, nbformat.NotebookNode) for o in unpacked)


def test_outputs_that_are_not_packed_figures_stay_as_they_are():
    outputs = [
        nbformat.v4.new_output("display_data", data={"text/plain": "'x'"}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
    ]
    assert figures.unpack_glued(outputs) == outputs
    assert figures.unpack_glued([]) == []
