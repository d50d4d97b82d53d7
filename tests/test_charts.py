"""The shared chart helpers (``evidencebook.analysis.charts``).

The helpers build each figure's traces and layout as plain dicts and make the plotly figure
once. Small multiples lay their panels out without ``make_subplots``: these tests pin where
each panel goes (its axes' domains, anchors and matches, its title, its range), so a change
that moves a panel fails here, and check the layout against ``make_subplots``' own.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import plotly.io as pio
import pytest

from evidencebook.analysis import charts


def _frame() -> pd.DataFrame:
    """Five teams of two authorities, three months each; one count missing."""
    months = pd.to_datetime(["2015-04-01", "2015-10-01", "2016-04-01"])
    teams = [("A", "Team one"), ("A", "Team two"), ("A", "Team three"), ("B", "Four"),
             ("B", "A team with a long name to wrap")]  # fmt: skip
    counts = [[10, 12, 14], [20, 18, 16], [5, None, 9], [30, 33, 36], [8, 8, 10]]
    return pd.DataFrame(
        [
            {"authority": a, "team": t, "date": d, "cases": c}
            for (a, t), row in zip(teams, counts, strict=True)
            for d, c in zip(months, row, strict=True)
        ]
    ).astype({"cases": "Float64"})


def _json(fig) -> dict:  # noqa: ANN001
    return json.loads(pio.to_json(fig, validate=False))


def _multiples(**kwargs) -> dict:  # noqa: ANN003
    options = {"group": "authority", "cols": 2} | kwargs
    fig = charts.small_multiples(
        _frame(), "date", "cases", "team", "Cases", "Open cases", **options
    )
    return _json(fig)


def test_small_multiples_panels_stay_where_they_are():
    layout = _multiples()["layout"]
    # 5 panels in 2 columns: 3 rows of 2 cells, the last cell empty but with its axes
    assert sorted(k for k in layout if "axis" in k) == sorted(
        [f"{a}axis{n}" for a in "xy" for n in ["", "2", "3", "4", "5", "6"]]
    )
    spacing = 0.35 / 3 + 0.02  # between rows
    height = (1 - 2 * spacing) / 3
    width = (1 - 0.04) / 2
    for n, (row, col) in enumerate([(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1)]):
        ref = "" if n == 0 else str(n + 1)
        x, y = layout[f"xaxis{ref}"], layout[f"yaxis{ref}"]
        assert x["anchor"] == f"y{ref}" and y["anchor"] == f"x{ref}"
        assert x["domain"] == pytest.approx([col * (width + 0.04), col * (width + 0.04) + width])
        bottom = (2 - row) * (height + spacing)
        assert y["domain"] == pytest.approx([bottom, min(1.0, bottom + height)])
        # x axes shared down each column (the bottom one labelled), y axes along each row
        if row < 2:
            assert x["matches"] == ("x5" if col == 0 else "x6")
            assert x["showticklabels"] is False
        else:
            assert "matches" not in x and "showticklabels" not in x
        if col == 1:
            assert y["matches"] == f"y{2 * row + 1 if row else ''}"
            assert y["showticklabels"] is False
        else:
            assert "matches" not in y
        # every panel on the shared scale: counts 5 to 36, room below and above for labels
        if n < 5:
            assert y["range"] == pytest.approx([5 - 0.12 * 31, 36 + 0.3 * 31])
        else:  # the empty cell
            assert "range" not in y
        assert x["tickformat"] == "%b<br>%Y"
    assert layout["xaxis"]["domain"] == [0.0, 0.48]
    assert layout["yaxis6"]["domain"][1] == pytest.approx(layout["yaxis5"]["domain"][1])
    # the y title on the middle row only
    assert [layout[k]["title"]["text"] for k in ("yaxis", "yaxis3", "yaxis5")] == [
        "",
        "Open cases",
        "",
    ]
    titles = [(a["text"], a["x"], a["y"]) for a in layout["annotations"]]
    assert [t for t, _, _ in titles] == [
        "Team one",
        "Team two",
        "Team three",
        "Four",
        "A team with a long name to wrap",
    ]
    for (_, x, y), n in zip(titles, ["", "2", "3", "4", "5"], strict=True):
        assert x == pytest.approx(sum(layout[f"xaxis{n}"]["domain"]) / 2)
        assert y == pytest.approx(layout[f"yaxis{n}"]["domain"][1])
    assert {a["font"]["size"] for a in layout["annotations"]} == {12}
    assert layout["height"] == 230 * 3 + 160
    assert layout["title"]["text"] == "Cases" and layout["title"]["yref"] == "container"


def test_small_multiples_traces_go_to_their_own_panel():
    data = _multiples()["data"]
    assert [(t["xaxis"], t["yaxis"]) for t in data] == [
        ("x", "y"), ("x2", "y2"), ("x3", "y3"), ("x4", "y4"), ("x5", "y5"),
    ]  # fmt: skip
    assert [t["name"] for t in data] == ["A", "A", "A", "B", "B"]
    assert [t["showlegend"] for t in data] == [True, False, False, True, False]
    # the missing count is left out, first and last labelled
    assert len(data[2]["x"]) == 2 and data[2]["text"] == ["5", "9"]
    assert data[0]["text"] == ["10", "", "14"]
    assert data[0]["line"]["dash"] != data[3]["line"]["dash"]


def test_small_multiples_on_their_own_scale():
    layout = _multiples(shared_y=False, cols=1, text=None, group=None)["layout"]
    assert "matches" not in layout["yaxis2"]
    assert layout["yaxis"]["range"] == pytest.approx([10 - 0.12 * 4, 14 + 0.3 * 4])
    assert layout["yaxis3"]["range"] == pytest.approx([5 - 0.12 * 4, 9 + 0.3 * 4])
    assert layout["xaxis5"]["tickformat"] == "%b<br>%Y"
    assert layout["xaxis"]["matches"] == "x5"
    assert layout["showlegend"] is False


def test_narrow_panels_label_their_first_and_last_month():
    layout = _multiples(cols=3)["layout"]
    for n in ["", "2", "3", "4", "5", "6"]:
        assert layout[f"xaxis{n}"]["tickvals"] == ["2015-04-01T00:00:00", "2016-04-01T00:00:00"]
        assert layout[f"xaxis{n}"]["ticktext"] == ["Apr<br>2015", "Apr<br>2016"]
    assert layout["xaxis"]["matches"] == "x4"  # 2 rows of 3: the bottom row's axes
    assert layout["annotations"][4]["text"] == "A team with a long name to<br>wrap"


@pytest.mark.parametrize("cols,shared", [(2, True), (1, False), (5, True), (3, False)])
def test_small_multiples_lay_out_as_make_subplots(cols, shared):
    """The panels' axes and titles are those ``make_subplots`` gives the same grid."""
    import textwrap

    from plotly.subplots import make_subplots

    frame = _frame()
    panels = list(dict.fromkeys(frame["team"]))
    rows = -(-len(panels) // cols)
    want = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=["<br>".join(textwrap.wrap(p, max(14, 90 // cols))) for p in panels],
        shared_yaxes=shared,
        shared_xaxes=True,
        vertical_spacing=0.35 / rows + 0.02,
        horizontal_spacing=0.04 if shared else 0.08,
    ).to_plotly_json()["layout"]
    got = _multiples(cols=cols, shared_y=shared)["layout"]
    for key, axis in want.items():
        if "axis" in key:
            assert {k: got[key].get(k) for k in axis} == axis, key
    assert [{k: a[k] for k in ("x", "y", "text")} for a in got["annotations"]] == [
        {k: a[k] for k in ("x", "y", "text")} for a in want["annotations"]
    ]


def test_changes_are_merged_into_the_figure():
    frame = pd.DataFrame({"area": ["A", "B"], "rate": [10.0, 20.0]})
    fig = charts.bars(
        frame, "area", "rate", "Rates", "Rate (%)",
        traces={"text": ["10%", "20%"]}, layout={"yaxis": {"range": [0, 25]}, "height": 300},
    )  # fmt: skip
    layout = _json(fig)["layout"]
    assert layout["yaxis"] == {"title": {"text": "Rate (%)"}, "range": [0, 25]}
    assert layout["height"] == 300 and layout["title"]["text"] == "Rates"
    assert list(fig.data[0].text) == ["10%", "20%"]


def test_merge_is_plotlys_update():
    base = {"yaxis": {"title": {"text": "a"}, "range": [0, 1]}, "margin": {"t": 10}}
    charts.merge(base, {"yaxis": {"range": [0, 2]}, "margin": {"r": 5}, "height": 9})
    assert base == {
        "yaxis": {"title": {"text": "a"}, "range": [0, 2]},
        "margin": {"t": 10, "r": 5},
        "height": 9,
    }


def test_warm_up_loads_what_a_chapters_first_chart_and_table_would_and_shows_nothing():
    """Run in a new process: this one has loaded them all already."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom evidencebook.analysis import charts\n"
        "first_use = ['plotly.io._renderers', 'pandas.io.formats.csvs', "
        "'narwhals._pandas_like.series']\n"
        "before = [m in sys.modules for m in first_use]\n"
        "charts.warm_up()\n"
        "print(before, [m in sys.modules for m in first_use])"
    )
    said = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert said.returncode == 0, said.stderr
    assert said.stdout.strip() == "[False, False, False] [True, True, True]"


def test_a_chart_is_shown_with_the_outputs_display_would_give_it(monkeypatch):
    """``charts.show`` publishes the figure's renderer outputs itself: the same data as
    IPython's ``display(fig)``, through plotly's ``show``, publishes."""
    import copy

    import IPython.display
    import pandas as pd
    import plotly.graph_objects as go
    import plotly.io as pio
    from IPython.core.interactiveshell import InteractiveShell

    from evidencebook.analysis import charts, downloads

    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")  # as in a kernel
    published = []
    shell = InteractiveShell.instance()
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, **kw: published.append(data))
    monkeypatch.setattr(downloads, "save", lambda data, title: "")
    fig = charts.figure(
        [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}], charts.styled({}, "A chart", "Two bars")
    )
    charts.show(copy.deepcopy(fig), "Two bars", pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}))
    ours = published[0]
    published.clear()
    fig.update_layout(meta=go.Figure(ours["application/vnd.plotly.v1+json"]).layout.meta)
    IPython.display.display(fig)
    assert published == [ours]
    assert ours["application/vnd.plotly.v1+json"]["layout"]["meta"]["description"] == "Two bars"


# --- the figures are made without plotly's check of each property (see ``charts.figure``) ---

#: plotly's text markup (line breaks, bold, italics, sub- and superscripts, links), escaped.
ESCAPED_MARKUP = re.compile(r"&lt;/?(br|b|i|em|sup|sub|a)\b[^&]*&gt;")


def _values(x: object) -> object:
    """A chart's JSON with every array as plain numbers (a number that is not one, NaN, as
    None, so that two compare equal): plotly writes an array of numbers as bytes of the
    smallest type that holds them (``{"dtype", "bdata"}``), so the checked figure may write
    the same numbers with another type."""
    import base64

    import numpy as np

    if isinstance(x, dict):
        if {"dtype", "bdata"} <= set(x) <= {"dtype", "bdata", "shape"}:
            raw = np.frombuffer(base64.b64decode(x["bdata"]), dtype=np.dtype(x["dtype"]))
            return [_values(float(v)) for v in raw.ravel()]
        return {k: _values(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_values(v) for v in x]
    if isinstance(x, int | float) and not isinstance(x, bool):
        return None if x != x else float(x)
    return x


@pytest.fixture(scope="module")
def every_figure(everything_shown):
    """Every figure the book's chapters make, by chapter (see ``everything_shown``)."""
    return everything_shown.figures


def test_every_chart_is_one_plotly_accepts_and_writes_out_as_checked(every_figure):
    chapters = {chapter for chapter, _ in every_figure}
    drawn = {"trends", "pa", "fit", "audit", "value_for_money", "pa for Leeds", "compare for Leeds"}
    assert drawn <= chapters  # (the assumptions chapter and the options draw none)
    assert len(every_figure) > 80
    for chapter, fig in every_figure:
        checked = charts.checked(fig)  # raises on a property or value plotly does not accept
        title = fig.layout.title.text
        assert _values(_json(fig)) == _values(_json(checked)), (chapter, title)
        assert isinstance(_json(fig)["layout"]["template"], dict), (chapter, title)
        # markup of the chart's own escaped (the chart would print "<br>" as text; a pack's
        # text is escaped, and these packs have none that looks like plotly's markup)
        assert not ESCAPED_MARKUP.search(json.dumps(_json(fig))), (chapter, title)


def test_grouped_bars_escape_a_category_then_break_it_into_lines_if_asked():
    frame = pd.DataFrame(
        {"month": ["Oct 2015", "<b>Nov</b> 2015"], "n": [1.0, 2.0], "series": ["a", "a"]}
    )
    one_line = charts.grouped_bars(frame, "month", "n", "series", "T", "N")
    broken = charts.grouped_bars(frame, "month", "n", "series", "T", "N", wrap=True)
    assert list(one_line.data[0].x) == ["Oct 2015", "&lt;b&gt;Nov&lt;/b&gt; 2015"]
    assert list(broken.data[0].x) == ["Oct<br>2015", "&lt;b&gt;Nov&lt;/b&gt;<br>2015"]


def test_a_property_plotly_does_not_know_is_caught_by_the_check():
    fig = charts.figure([{"type": "bar", "x": [1], "y": [2], "colour": "red"}], {})
    with pytest.raises(ValueError, match="colour"):
        charts.checked(fig)


def test_a_stacked_status_chart_keeps_its_legend_clear_of_the_title_and_its_counts_readable():
    frame = pd.DataFrame(
        {
            "chapter": ["PAs", "PAs", "FIT"],
            "grade": ["matches", "rounding only", "matches"],
            "figures": [10, 4, 4],
        }
    )
    fig = _json(charts.stacked_status(frame, "Figures by grade"))
    layout = fig["layout"]
    # the legend between the title (at the top) and the plot, with room for three rows
    assert layout["title"]["yanchor"] == "top" and layout["legend"]["yanchor"] == "bottom"
    assert layout["margin"]["t"] >= 150
    for trace in fig["data"]:  # white lines over the colour: the white count on it is readable
        assert trace["marker"]["pattern"]["fillmode"] == "overlay"
        assert trace["marker"]["pattern"]["fgcolor"] == "white"


def test_strength_cost_labels_each_point_towards_the_middle_so_none_runs_off_the_chart():
    strength = pd.Categorical(
        ["none", "emerging", "moderate"],
        categories=["none", "limited", "emerging", "moderate", "strong"],
        ordered=True,
    )
    frame = pd.DataFrame(
        {
            "strand": ["Social work surgeries", "Volunteers", "Skilled administrators for "
                       "social workers (PAs)"],
            "strength": strength,
            "unit_cost": [304406.0, 396.0, 13224.0],
            "bcr": [float("nan"), float("nan"), 2.04],
        }
    )  # fmt: skip
    fig = charts.strength_cost(frame, "Unit cost against strength of evidence")
    assert [t.textposition for t in fig.data] == ["middle right", "top center", "middle left"]
    assert fig.data[0].text[0] == "Social work surgeries<br>£304,406"
    assert fig.data[2].text[0] == (
        "Skilled administrators for<br>social workers (PAs)<br>£13,224 (£2.04 per £1)"
    )


def test_benchmark_lines_keep_a_long_title_and_the_legend_clear_of_each_other():
    table = pd.DataFrame(
        {
            "year": [2023, 2024, 2025],
            "authority": [54.0, 58.0, 60.0],
            "neighbours_median": [65.0, 65.0, 63.0],
            "neighbours_low": [55.0, 56.0, 53.0],
            "neighbours_high": [79.0, 78.0, 82.0],
            "region": [63.0, 63.0, 62.0],
            "england": [70.0, 69.0, 67.0],
        }
    )
    title = charts.wrap_title("Children looked after at 31 March per 10,000 children aged under 18")
    assert title.count("<br>") == 1
    layout = _json(charts.benchmark_lines(table, "Cornwall", "South West", title, "Rate"))["layout"]
    # the title's second line fits under the top (plotly sets the first line at the anchor)
    assert layout["title"]["yref"] == "container" and layout["title"]["yanchor"] == "top"
    assert layout["title"]["y"] * layout["height"] <= layout["height"] - 12 - 22
    assert layout["margin"]["t"] >= 70 + 2 * 24
    # the legend at the foot of the chart, under the years, with room for its five rows
    assert layout["legend"]["yref"] == "container" and layout["legend"]["yanchor"] == "bottom"
    assert layout["legend"]["y"] < 0.05 and layout["margin"]["b"] >= 5 * 21 + 60


# --- a chart's outputs are written without plotly's deep copy (``charts.mime_bundle``) ------


@pytest.fixture
def in_a_kernel(monkeypatch):
    """plotly's renderer in a notebook's kernel (the one the build's chapters use)."""
    import plotly.io as pio

    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")


def test_every_chart_is_written_out_as_plotly_writes_it(every_figure, in_a_kernel):
    for chapter, fig in every_figure:
        assert charts.mime_bundle(fig) == fig._repr_mimebundle_(), (chapter, fig.layout.title.text)


def test_every_kind_of_array_is_written_out_as_plotly_writes_it(in_a_kernel):
    import numpy as np

    arrays = [
        np.array([1.5, np.nan, -2.0]),
        np.array([1, 2, 3], dtype=np.int64),
        np.array([1, 300], dtype=np.int64),
        np.array([1, 70_000], dtype=np.int64),
        np.array([1, 2**40], dtype=np.int64),  # too large for plotly.js's integers: a list
        np.array([1, 2], dtype=np.uint64),
        np.array([0.5, 1.5], dtype=np.float32),
        np.array([True, False]),
        np.array([[1.0, 2.0], [3.0, 4.0]]),
        np.array([], dtype=float),
        np.array(["a", "b"]),
        pd.Series([1.0, 2.5]),
        pd.Series([4, 5]),
        pd.Series([1, None], dtype="Int64"),
        pd.Series(["x", None]),
        pd.Series(["x", np.nan, 1], dtype=object),
        pd.Series(pd.to_datetime(["2016-03-31", "2016-06-30"])),
        pd.Index([1.0, 2.0]),
        [1, 2, 3],
        (1.0, 2.0),
    ]
    for array in arrays:
        fig = charts.figure(
            [{"type": "scatter", "x": array, "y": array, "customdata": [array, array]}],
            {"xaxis": {"range": np.array([0.0, 1.0])}, "meta": {"n": np.float64(1.5)}},
        )
        assert charts.mime_bundle(fig) == fig._repr_mimebundle_(), repr(array)


def test_writing_a_chart_out_leaves_the_figure_as_it_was(in_a_kernel):
    fig = charts.figure(
        [{"type": "bar", "x": ["a", "b"], "y": pd.Series([1.0, 2.0])}], {"meta": {"k": [1]}}
    )
    before = fig.to_json()
    charts.mime_bundle(fig)
    assert fig.to_json() == before
    assert isinstance(fig._data[0]["y"], pd.Series) and fig._layout["meta"] == {"k": [1]}


def test_a_chart_data_table_whose_columns_are_named_has_no_empty_first_column():
    """The older children's data (a pivot of the ages) had a column headed "age" with no
    values, its other headers one column off."""
    data = pd.DataFrame({"quarter": ["Jul-Sep 2015"], "14": [11]}).rename_axis(columns="age")
    table = charts.data_table_html(data, title="Starts by age")
    assert "<th>age</th>" not in table and "<th></th>" not in table
    assert "<th>quarter</th>" in table and "<td>11</td>" in table
