"""Chart helpers: the Government Analysis Function palette, an accessible house style, and
one call that shows a chart with its text description and the data behind it.

Meaning is never carried by colour alone: series also differ by marker symbol or line
dash, and values are labelled on the chart.
"""

from __future__ import annotations

import copy
import hashlib
import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.basevalidators import is_homogeneous_array
from _plotly_utils.utils import is_skipped_key, plotlyjsShortTypes, to_typed_array_spec

from evidencebook.analysis import downloads, tabular
from evidencebook.analysis.formatting import (
    chart_text,
    headed_in_words,
    markdown_escape,
    symbols_note,
)
from evidencebook.analysis.markup import plain_text, region_html

#: Government Analysis Function categorical palette, in its order.
PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
PATTERNS = ["", "/", ".", "x", "-", "+"]

TEMPLATE = "evidencebook"

pio.templates[TEMPLATE] = go.layout.Template(
    layout=go.Layout(
        colorway=PALETTE,
        font={"family": "Arial, Helvetica, sans-serif", "size": 15, "color": "#0B0C0C"},
        paper_bgcolor="white",
        plot_bgcolor="white",
        # automargin: long category labels (team names) widen the margin, not get cut off
        xaxis={"showgrid": False, "linecolor": "#0B0C0C", "ticks": "outside", "automargin": True},
        yaxis={
            "gridcolor": "#D9D9D9",
            "zerolinecolor": "#0B0C0C",
            "linecolor": "#0B0C0C",
            "automargin": True,
        },
        margin={"l": 60, "r": 30, "t": 90, "b": 60},
        hoverlabel={"font": {"size": 14}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
)


def description_id(title: str, description: str) -> str:
    """A stable element id for a chart's description (same chart, same id)."""
    digest = hashlib.sha1(f"{title}\n{description}".encode()).hexdigest()
    return f"evb-desc-{digest[:12]}"


def description_html(description: str, element_id: str) -> str:
    """The chart description in words, shown under the chart; all text escaped."""
    return (
        f'<p class="evb-chart-description" id="{html.escape(element_id, quote=True)}">'
        f"<em>Chart description:</em> {html.escape(str(description), quote=False)}</p>"
    )


def data_table_html(
    data: pd.DataFrame, summary: str = "Data behind this chart", title: str = ""
) -> str:
    """The chart's data as an HTML table (headers as ``th``) inside a collapsible section;
    all text escaped. The summary names the chart (the chart's title, for screen readers
    only: sighted readers see it just above), and the table sits in a focusable region
    labelled with the chart's title that scrolls sideways when the table is wide."""
    # a name of the columns themselves (left by a pivot) would head an empty first column
    data = data.rename_axis(columns=None) if data.columns.name is not None else data
    data = headed_in_words(data)
    # counts kept as floats (some blank) written 27, not 27.0, as in the CSV download
    table = tabular.html_table(data, "evb-data", blank="n/a", whole=True)
    name = plain_text(title)
    hidden = f'<span class="evb-visually-hidden">: {html.escape(name)}</span>' if name else ""
    head = f"<summary>{html.escape(summary)}{hidden}</summary>"
    label = f"{summary}: {name}" if name else summary
    note = symbols_note_html(data)
    return f"<details class='evb-chart-data'>{head}{region_html(table, label)}{note}</details>"


def symbols_note_html(frame: pd.DataFrame) -> str:
    """The note under a table that shows "c" (withheld) or "x" (not available), saying what
    they mean; empty for a table that shows neither."""
    note = symbols_note(frame)
    return f'<p class="evb-table-note">{html.escape(note)}</p>' if note else ""


def show(fig: go.Figure, description: str, data: pd.DataFrame) -> None:
    """Show a chart, then its description in words, then the data behind it (with a CSV
    download when the book is being built). In the book the chart is an image named by
    its title and described by the description under it."""
    from IPython.display import HTML, display

    title = fig.layout.title.text or "chart data"
    element_id = description_id(title, description)
    fig.update_layout(meta={"description": description, "description_id": element_id})
    # What ``display(fig)`` shows (plotly's renderer's outputs), without plotly's check of
    # the notebook's front-end versions on every chart (about 3 ms each).
    display(mime_bundle(fig), raw=True)
    display(HTML(description_html(description, element_id)))
    display(HTML(data_table_html(data, title=title) + downloads.save(data, title)))


def mime_bundle(fig: go.Figure) -> dict[str, Any]:
    """What ``fig._repr_mimebundle_()`` gives (the outputs of plotly's default renderer),
    the same, made more quickly.

    plotly first copies the whole figure (``deepcopy``) and then writes each array of
    numbers in it as bytes (``{"dtype", "bdata"}``), reading each through narwhals: about
    2 ms a chart, most of showing one. Here the figure is copied as it is written out, and
    a numpy array or pandas column of numbers is written as bytes by numpy directly, as
    plotly writes it; anything else is written by plotly's own functions. A figure with
    frames (animations, which the book does not draw) is left to plotly.
    ``tests/test_charts.py`` compares the two for every chart the book draws."""
    if fig.frames:
        return fig._repr_mimebundle_()
    fig_dict = {"data": [_written(trace) for trace in fig._data], "layout": _written(fig._layout)}
    return pio.renderers._build_mime_bundle(fig_dict, pio.renderers.default)


#: Values that are never arrays (plotly's ``is_homogeneous_array`` is False for each).
_SCALARS = (str, int, float, bool, type(None))


def _written(value: Any) -> Any:
    """A copy of part of a figure with its arrays of numbers as plotly writes them
    (``plotly.basedatatypes.BaseFigure.to_dict``: a deep copy passed through
    ``_plotly_utils.utils.convert_to_base64``)."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if isinstance(item, _SCALARS):
                out[key] = item
            elif is_skipped_key(key):
                out[key] = copy.deepcopy(item)
            elif is_homogeneous_array(item):
                out[key] = _bytes(item)
            else:
                out[key] = _written(item)
        return out
    if isinstance(value, list):
        return [_written(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_written(item) for item in value)
    return copy.deepcopy(value)


def _bytes(array: Any) -> Any:
    """An array as plotly writes it (``to_typed_array_spec``): numbers as the bytes of the
    smallest type plotly.js reads that holds them, base64-encoded."""
    import base64

    numbers = None
    if isinstance(array, pd.Series | pd.Index):
        if array.dtype == object or isinstance(array.dtype, pd.StringDtype):
            return array.to_numpy(dtype=object)  # text: written out as a list
        if isinstance(array.dtype, np.dtype):
            numbers = array.to_numpy()
    elif isinstance(array, np.ndarray):
        numbers = array
    if numbers is None or numbers.dtype.kind not in "iuf" or not numbers.size:
        return to_typed_array_spec(array)
    numbers = np.ascontiguousarray(numbers)
    if numbers.dtype == np.int64:
        low, high = numbers.min(), numbers.max()
        for smaller in (np.int8, np.int16, np.int32):
            if np.iinfo(smaller).min <= low and high <= np.iinfo(smaller).max:
                numbers = numbers.astype(smaller)
                break
        else:
            return to_typed_array_spec(array)
    short = plotlyjsShortTypes.get(str(numbers.dtype))
    if short is None or numbers.ndim != 1:
        return to_typed_array_spec(array)
    return {"dtype": short, "bdata": base64.b64encode(numbers).decode("ascii")}


def show_withheld(title: str, data: pd.DataFrame) -> None:
    """In place of a chart whose every count is withheld: say so, and give its table (with
    "c" for each withheld value) and the CSV download."""
    from IPython.display import HTML, Markdown, display

    display(
        Markdown(
            f"*{markdown_escape(title)}:* every count behind this chart is withheld (shown as "
            "c) to protect confidentiality, so the chart is not drawn."
        )
    )
    display(
        HTML(data_table_html(data, "The chart's data", title=title) + downloads.save(data, title))
    )


def warm_up() -> None:
    """Make a small chart and table and render them as a notebook would (the chart's
    outputs by plotly's renderer, the table's HTML, text and CSV), showing nothing: the
    modules plotly and pandas import on first use (plotly's renderers and the classes of
    the parts most charts have: bars with patterns, lines with markers and labels, axis
    titles, shapes, annotations, and the layout's title and axes as a chapter reads them;
    narwhals for pandas data; the tables' writers) are then loaded. A build's kernels call
    it while the inputs are checked, so a kernel's first chapter does not pay for them
    (measured on FIT's chapter: 0.56 to 0.69 s before, 0.42 to 0.44 s after)."""
    import io

    from evidencebook.analysis import grading  # noqa: F401 - read by most chapters' tables

    trace = {"x": pd.Series([1]), "y": pd.Series([1.0])}
    fig = figure(
        [
            {
                "type": "bar",
                **trace,
                "marker": {"pattern": {"shape": "/"}, "line": {"width": 1}},
                "insidetextfont": {"size": 9},
            },
            {
                "type": "scatter",
                **trace,
                "mode": "lines+markers+text",
                "text": ["1"],
                "textfont": {"size": 9},
                **series_look(0, 2, 7),
            },
        ],
        styled(
            {
                "xaxis": {"title": {"text": "x"}},
                "yaxis": {"title": {"text": "y"}},
                "shapes": [vline(1, width=1)],
                "annotations": [{"text": "a", "x": 1, "y": 1, "font": {"size": 9}}],
                "uniformtext": {"minsize": 9},
            },
            "Warming up",
            "A chart made to load plotly's modules",
        ),
    )
    fig._repr_mimebundle_()  # what IPython's display asks a figure for
    mime_bundle(fig)  # what ``show`` writes a chart's outputs with
    read = [fig.layout.title.text, fig.layout.xaxis.title.text, fig.layout.yaxis.title.text]
    del read
    frame = pd.DataFrame({"a": [1], "b": ["x"]})
    data_table_html(frame, title="Warming up")
    frame.to_string(index=False), frame.to_dict("records"), frame.to_csv(io.StringIO())
    frame.set_index("b").unstack()


def series_look(i: int, width: float, size: float) -> dict[str, dict[str, Any]]:
    """The line and markers of the ``i``-th series of a chart: its own colour, dash and
    marker symbol (six of each, repeated after the sixth), so series are told apart
    without colour."""
    return {
        "line": {"color": PALETTE[i % 6], "dash": DASHES[i % 6], "width": width},
        "marker": {"symbol": SYMBOLS[i % 6], "size": size, "color": PALETTE[i % 6]},
    }


# --- building a figure from plain dicts -------------------------------------------------------
#
# Each chart below builds its traces and layout as plain dicts and lists and makes the plotly
# figure once, at the end: plotly's objects check every property each time one is set, so a
# figure built step by step (``add_trace``, ``update_layout``, ``make_subplots``) costs many
# times more than the same figure made in one go. Every chart takes ``traces`` (set on every
# trace, as ``update_traces`` would) and ``layout`` (as ``update_layout``), merged last, so a
# chapter can adjust a chart without changing the built figure.
#
# Made once, the figure is still checked property by property: about a fifth of the demand
# trends chapter's work (50 of 230 ms; 19 ms for its chart of 20 teams, whose 40 axes are
# each checked). The charts' properties are the code's own, not a pack's, so the figure is
# made without that check (``_validate=False``, plotly's own switch for it; plotly checks
# nothing more when it writes the chart out), with its template resolved as plotly would
# resolve it. ``tests/test_charts.py`` checks every chart of every chapter, for the default
# pack and an authority's: plotly accepts each property, and the chart plotly writes out is
# the one it would write from the checked figure.

Spec = dict[str, Any]


def merge(base: Spec, changes: Mapping[str, Any] | None) -> Spec:
    """``changes`` merged into ``base`` (in place, and returned) as plotly's ``update``
    merges them: a mapping merged key by key into a mapping, any other value replacing what
    was there. Write an axis or chart title as ``{"text": ...}`` so it merges the same way.
    A list replaces the list that was there (where plotly's ``update_layout`` would merge a
    list of shapes or annotations into the figure's own, item by item)."""
    for key, value in (changes or {}).items():
        if isinstance(value, Mapping):
            old = base.get(key)
            base[key] = merge(old if isinstance(old, dict) else {}, value)
        else:
            base[key] = value
    return base


def figure(
    data: list[Spec],
    layout: Spec,
    traces: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    changes: Mapping[str, Any] | None = None,
) -> go.Figure:
    """The plotly figure of ``data`` (trace dicts, each with its ``type``) and ``layout``,
    with ``traces`` merged into every trace (or, a list, the first into the first trace and
    so on) and ``changes`` into the layout."""
    if isinstance(traces, Mapping):
        traces = [traces] * len(data)
    for trace, change in zip(data, traces or [], strict=False):
        merge(trace, change)
    layout = merge(layout, changes)
    if isinstance(layout.get("template"), str):  # a registered template, as plotly reads it
        layout["template"] = template(layout["template"])
    return go.Figure({"data": data, "layout": layout}, _validate=False)


def checked(fig: go.Figure) -> go.Figure:
    """The same figure with every property checked by plotly (as ``go.Figure`` makes it by
    default): raises ``ValueError`` on a property plotly does not know or a value it does
    not accept. For tests: a chart is made without the check (see above)."""
    return go.Figure(fig.to_dict())


def template(name: str) -> Spec:
    """A registered plotly template (``pio.templates``) as plain dicts, as the checked
    figure writes it out; a new copy each time, so no two figures share one."""
    return pio.templates[name].to_plotly_json()


def vline(x: Any, **line: Any) -> Spec:
    """A vertical line across the plot at ``x`` (as ``add_vline``), for ``layout["shapes"]``."""
    return {
        "type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
        "line": line,
    }  # fmt: skip


def styled(layout: Spec, title: str, description: str) -> Spec:
    """``layout`` with the house style, the title and the text description."""
    return merge(
        layout,
        {
            "template": TEMPLATE,
            "title": {"text": title, "x": 0},
            "meta": {"description": description},
        },
    )


def _under_title(layout: Spec) -> Spec:
    """``layout`` with the legend between the title and the plot, clear of both and of the
    axis labels."""
    return merge(
        layout,
        {
            "title": {"y": 0.98, "yanchor": "top"},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
            "margin": {"t": 130},
            "xaxis": {"automargin": True},
            "yaxis": {"automargin": True},
        },
    )


def _title(text: str) -> Spec:
    return {"text": text}


Changes = Mapping[str, Any] | None
#: Changes to every trace, or a list: one for each trace in turn.
TraceChanges = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


def slope(
    frame: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    title: str,
    y_title: str,
    suffix: str = "",
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """Lines from one period to the next, one per series, each point labelled with its
    value and the last point with the series name, so no legend colour is needed."""
    order = list(dict.fromkeys(frame[x]))
    first, last = order[0] if order else None, order[-1] if order else None
    rank = frame.groupby(x)[y].rank(method="first", ascending=False)
    data = []
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        positions = []
        labels = []
        for xv, yv, top in zip(part[x], part[y], rank.loc[part.index], strict=True):
            side = "left" if xv == first else "right"
            positions.append(f"{'top' if top == 1 else 'bottom'} {side}")
            label = f"{chart_text(name)}: {yv:.0f}{suffix}" if xv == last else f"{yv:.0f}{suffix}"
            labels.append(label)
        data.append(
            {
                "type": "scatter",
                "x": [chart_text(v) for v in part[x]],
                "y": part[y],
                "name": chart_text(name),
                "mode": "lines+markers+text",
                **series_look(i, 3, 12),
                "text": labels,
                "textposition": positions,
                "cliponaxis": False,
            }
        )
    spec = {
        "yaxis": {"title": _title(y_title)},
        "showlegend": True,
        "margin": {"l": 70, "r": 190},
        "xaxis": {"type": "category", "range": [-0.3, len(order) - 0.7]},
    }
    return figure(data, styled(spec, title, ""), traces, layout)


def bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    title: str,
    value_title: str,
    suffix: str = "",
    horizontal: bool = False,
    decimals: int = 0,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """Bars with their values printed on them; negative bars patterned as well as coloured."""
    values = frame[value].astype(float)
    colours = [PALETTE[0] if v >= 0 else PALETTE[3] for v in values]
    patterns = ["" if v >= 0 else "/" for v in values]
    labels = [
        f"{v:+.{decimals}f}{suffix}" if suffix == "%" else f"{v:,.{decimals}f}" for v in values
    ]
    categories = [chart_text(v) for v in frame[category]]
    axes = (
        {"y": categories, "x": values, "orientation": "h"}
        if horizontal
        else {"x": categories, "y": values}
    )
    bar = {
        "type": "bar",
        **axes,
        "marker": {"color": colours, "pattern": {"shape": patterns}},
        "text": labels,
        # a negative bar's label goes inside it, clear of the category labels
        "textposition": ["inside" if horizontal and v < 0 else "outside" for v in values],
        "cliponaxis": False,
        "showlegend": False,
    }
    if horizontal:
        spec = {
            "xaxis": {"title": _title(value_title)},
            "height": max(400, 32 * len(frame) + 140),
            "yaxis": {"autorange": "reversed"},
        }
    else:
        spec = {"yaxis": {"title": _title(value_title)}}
    return figure([bar], styled(spec, title, ""), traces, layout)


def grouped_bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    series: str,
    title: str,
    value_title: str,
    suffix: str = "",
    decimals: int = 0,
    text: str | None = None,
    *,
    wrap: bool = False,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """Bars side by side, one colour and fill pattern per series, values printed on them.

    ``text`` names a column of labels to print instead of the values (for example "17 of 19").
    Missing values are left out rather than drawn as zero. With ``wrap``, each category's
    label is broken into lines at its spaces ("Oct 2015" over two lines).
    """

    def label(category_value: object) -> str:
        shown = chart_text(category_value)  # a category's own text is escaped, then broken
        return shown.replace(" ", "<br>") if wrap else shown

    data = []
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        part = part.dropna(subset=[value])
        values = part[value].astype(float)
        labels = (
            part[text].astype(str).tolist()
            if text
            else [f"{v:,.{decimals}f}{suffix}" for v in values]
        )
        data.append(
            {
                "type": "bar",
                "x": [label(v) for v in part[category]],
                "y": values,
                "name": str(name),
                "marker": {
                    "color": PALETTE[i % 6],
                    "pattern": {
                        "shape": PATTERNS[i % 6],
                        "fillmode": "overlay",
                        "fgcolor": "white",
                    },
                },
                "text": labels,
                "textposition": "outside",
                "cliponaxis": False,
            }
        )
    spec = {"barmode": "group", "yaxis": {"title": _title(value_title)}, "showlegend": True}
    return figure(data, _under_title(styled(spec, title, "")), traces, layout)


def line_series(
    frame: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    title: str,
    y_title: str,
    suffix: str = "",
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
    last_label: Callable[[float], str] | None = None,
) -> go.Figure:
    """A line per series over time, each with its own colour, dash and marker symbol, the
    last value printed at the end of each line (as ``last_label`` writes it, if given) and
    every value shown on hover."""
    last_label = last_label or (lambda v: f"{v:,.0f}{suffix}")
    data = []
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        part = part.dropna(subset=[y])
        n = len(part)
        data.append(
            {
                "type": "scatter",
                "x": [chart_text(v) for v in part[x]],
                "y": part[y],
                "name": chart_text(name),
                "mode": "lines+markers+text",
                **series_look(i, 3, 11),
                "text": [""] * (n - 1) + [last_label(part[y].iloc[-1])] if n else [],
                "textposition": "middle right",
                "cliponaxis": False,  # the last value's label, right of the plot, in the margin
                "hovertemplate": f"{name}<br>%{{x}}: %{{y:,.0f}}{suffix}<extra></extra>",
            }
        )
    spec = {
        "yaxis": {"title": _title(y_title)},
        "showlegend": True,
        "margin": {"r": 80},
        "xaxis": {"type": "category"},
    }
    return figure(data, _under_title(styled(spec, title, "")), traces, layout)


def funnel(
    frame: pd.DataFrame,
    stage: str,
    value: str,
    title: str,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """A funnel: one bar per stage, widest first, each labelled with its count and, in
    brackets, its share of the first stage (so the drop-off is read from the labels)."""
    values = frame[value].astype(float)
    first = float(values.iloc[0]) if len(values) else 0.0
    labels = [
        f"{v:,.0f} ({v / first:.0%})" if first and i else f"{v:,.0f}" for i, v in enumerate(values)
    ]
    trace = {
        "type": "funnel",
        "y": frame[stage],
        "x": values,
        "text": labels,
        "textinfo": "text",
        "textposition": "outside",
        "marker": {"color": PALETTE[0]},
        "connector": {"fillcolor": "#D9D9D9"},
        "cliponaxis": False,
        "showlegend": False,
    }
    spec = {
        "height": max(360, 70 * len(frame) + 140),
        "margin": {"r": 120},
        "yaxis": {"automargin": True},
    }
    return figure([trace], styled(spec, title, ""), traces, layout)


def labelled_lines(
    frame: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    title: str,
    y_title: str,
    text: str | None = None,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """A line per series on a true time axis (uneven gaps between counts stay uneven), each
    with its own colour, dash and marker symbol and every point labelled: with the values of
    column ``text`` if given (for example "6,553 (+12.6%)"), else with its value."""
    data = []
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        part = part.dropna(subset=[y])
        labels = part[text].astype(str).tolist() if text else [f"{v:,.0f}" for v in part[y]]
        data.append(
            {
                "type": "scatter",
                "x": part[x],
                "y": part[y].astype(float),
                "name": str(name),
                "mode": "lines+markers+text",
                **series_look(i, 3, 11),
                "text": labels,
                "textposition": "top center",
                "cliponaxis": False,
                "hovertemplate": f"{name}<br>%{{x|%b %Y}}: %{{y:,.0f}}<extra></extra>",
            }
        )
    spec = {"yaxis": {"title": _title(y_title)}, "showlegend": True}
    return figure(data, styled(spec, title, ""), traces, layout)


def _grid_domains(
    rows: int, cols: int, horizontal: float, vertical: float
) -> list[tuple[list[float], list[float]]]:
    """Each cell's x and y domain, row by row from the top left, and the unclamped x domain
    its title is centred on: exactly as ``plotly.subplots.make_subplots`` works them out
    (the same sums in the same order, so the same floating-point values)."""
    widths = [(1.0 - horizontal * (cols - 1)) / cols] * cols
    heights = [(1.0 - vertical * (rows - 1)) / rows] * rows
    cells = []
    for r in range(rows):
        below = rows - 1 - r  # rows are counted from the bottom
        y_start = sum(heights[:below]) + below * vertical
        y_s, y_e = y_start + 0.0, y_start + heights[-1 - r] - 0.0
        y_s = 0.0 if -0.01 < y_s < 0.0 else 1.0 if 1.0 < y_s < 1.01 else y_s
        y_e = 0.0 if -0.01 < y_e < 0.0 else 1.0 if 1.0 < y_e < 1.01 else y_e
        for c in range(cols):
            x_start = sum(widths[:c]) + c * horizontal
            x_s, x_e = x_start + 0.0, x_start + widths[c] - 0.0
            cells.append(([x_s, x_e], [y_s, y_e]))
    return cells


def small_multiples(
    frame: pd.DataFrame,
    x: str,
    y: str,
    panel: str,
    title: str,
    y_title: str,
    group: str | None = None,
    cols: int = 4,
    text: str | None = None,
    shared_y: bool = True,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """One small line chart per ``panel`` (for example per team), on a shared scale unless
    ``shared_y`` is False. Each point is labelled from column ``text`` if given; otherwise the
    first and last values are printed. Panels in the same ``group`` share a colour, dash and
    marker symbol, named in the legend once.

    The panels are laid out as ``make_subplots(rows, cols, shared_xaxes=True,
    shared_yaxes=shared_y)`` lays them out (same axes, domains, anchors and titles), row by
    row from the top left; the figure is made once, from plain dicts."""
    import textwrap

    panels = list(dict.fromkeys(frame[panel]))
    known = frame[frame[y].notna()]  # missing values are not drawn
    # each panel's known values, by their positions in ``known`` (read once, as arrays)
    parts: dict[object, list[int]] = {}
    for position, name in enumerate(known[panel].tolist()):
        parts.setdefault(name, []).append(position)
    xs, ys, counts = known[x].to_numpy(), known[y].astype(float).to_numpy(), known[y].tolist()
    in_group = known[group].tolist() if group else []
    texts = known[text].astype(str).tolist() if text else []
    groups = list(dict.fromkeys(frame[group])) if group else [None]
    rows = -(-len(panels) // cols)
    width = max(14, 90 // cols)
    vertical = 0.35 / rows + 0.02
    horizontal = 0.04 if shared_y else 0.08
    domains = _grid_domains(rows, cols, horizontal, vertical)

    def ref(n: int) -> str:  # the n-th cell's axis number as plotly writes it
        return "" if n == 0 else str(n + 1)

    spec: Spec = {}
    for n, (x_domain, y_domain) in enumerate(domains):
        spec[f"xaxis{ref(n)}"] = {
            "domain": [max(0.0, x_domain[0]), min(1.0, x_domain[1])],
            "anchor": f"y{ref(n)}",
        }
        spec[f"yaxis{ref(n)}"] = {
            "domain": [max(0.0, y_domain[0]), min(1.0, y_domain[1])],
            "anchor": f"x{ref(n)}",
        }
    # shared x axes: each column's axes match its bottom one, which alone has tick labels
    for c in range(cols):
        bottom = (rows - 1) * cols + c
        for r in range(rows - 1):
            spec[f"xaxis{ref(r * cols + c)}"] |= {
                "matches": f"x{ref(bottom)}",
                "showticklabels": False,
            }
    if shared_y:  # each row's axes match its first one, which alone has tick labels
        for r in range(rows):
            for c in range(1, cols):
                n = r * cols + c
                spec[f"yaxis{ref(n)}"] |= {"matches": f"y{ref(r * cols)}", "showticklabels": False}
    titles = ["<br>".join(textwrap.wrap(str(p), width)) for p in panels]
    spec["annotations"] = [
        {
            "y": domains[n][1][1],
            "xref": "paper",
            "x": sum(domains[n][0]) / 2.0,
            "yref": "paper",
            "text": t,
            "showarrow": False,
            "font": {"size": 12},
            "xanchor": "center",
            "yanchor": "bottom",
        }
        for n, t in enumerate(titles)
        if t
    ]

    data = []
    shown: set[object] = set()
    for n, name in enumerate(panels):
        part = parts.get(name, [])
        g = in_group[part[0]] if group else None
        i = groups.index(g)
        labels = [""] * len(part)
        if text:
            labels = [texts[p] for p in part]
        elif len(part):
            labels[0] = f"{counts[part[0]]:,.0f}"
            labels[-1] = f"{counts[part[-1]]:,.0f}"
        data.append(
            {
                "type": "scatter",
                "x": xs[part],
                "y": ys[part],
                "name": str(g) if group else str(name),
                "legendgroup": str(g),
                "showlegend": bool(group) and g not in shown,
                "mode": "lines+markers+text",
                **series_look(i, 2, 7),
                "text": labels,
                "textposition": ["top right"]
                + ["top center"] * max(len(part) - 2, 0)
                + ["top left"]
                if len(part) > 1
                else "top center",
                "textfont": {"size": 11},
                "cliponaxis": False,
                "hovertemplate": f"{name}<br>%{{x|%b %Y}}: %{{y:,.0f}}<extra></extra>",
                "xaxis": f"x{ref(n)}",
                "yaxis": f"y{ref(n)}",
            }
        )
        shown.add(g)

    def headroom(values: np.ndarray) -> list[float]:
        lo, hi = float(values.min()), float(values.max())
        span = (hi - lo) or abs(hi) or 1.0
        return [lo - 0.12 * span, hi + 0.3 * span]  # room for the labels above the points

    shared = headroom(ys) if shared_y and len(ys) else None
    for n, name in enumerate(panels):
        if shared_y and shared is not None:
            spec[f"yaxis{ref(n)}"]["range"] = list(shared)
        elif not shared_y and parts.get(name):
            spec[f"yaxis{ref(n)}"]["range"] = headroom(ys[parts[name]])
    if pd.api.types.is_datetime64_any_dtype(frame[x]) and cols >= 3:
        ends = [frame[x].min(), frame[x].max()]  # narrow panels: label the first and last
        ticks = {"tickvals": ends, "ticktext": [f"{d:%b}<br>{d:%Y}" for d in ends]}
    elif pd.api.types.is_datetime64_any_dtype(frame[x]):
        ticks = {"tickformat": "%b<br>%Y", "nticks": 6}
    else:
        ticks = {"type": "category"}
    for n in range(len(domains)):
        spec[f"xaxis{ref(n)}"] |= {"showgrid": False, "linecolor": "#0B0C0C", **ticks}
        spec[f"yaxis{ref(n)}"] |= {"gridcolor": "#D9D9D9", "linecolor": "#0B0C0C"}
    for r in range(rows):
        spec[f"yaxis{ref(r * cols)}"]["title"] = _title(y_title if r + 1 == (rows + 1) // 2 else "")
    height = 230 * rows + 160
    spec |= {"height": height, "showlegend": bool(group)}
    spec = styled(spec, title, "")
    if group:  # title, then legend, then the panels' own titles, each clear of the next
        merge(
            spec,
            {
                "margin": {"t": 130},
                "title": {"y": 1 - 15 / height, "yanchor": "top", "yref": "container"},
                "legend": {"y": 1 - 55 / height, "yanchor": "top", "yref": "container"},
            },
        )
    return figure(data, spec, traces, layout)


def stacked_bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    series: str,
    title: str,
    value_title: str,
    totals: pd.Series | None = None,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """Bars stacked by series, each series with its own colour and fill pattern, its value
    printed inside and the total printed above each stack.

    A missing value is not drawn. ``totals`` (by category) gives the totals to print instead
    of adding up the bars: a missing one is printed "Total c" (it would need a withheld
    count), above the bars that are drawn."""
    data = []
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        data.append(
            {
                "type": "bar",
                "x": part[category],
                "y": part[value].astype(float),
                "name": str(name),
                "marker": {
                    "color": PALETTE[i % 6],
                    "pattern": {
                        "shape": PATTERNS[i % 6],
                        "fgcolor": "white",
                        "bgcolor": PALETTE[i % 6],
                        "fgopacity": 0.5,
                        "solidity": 0.15,
                    },
                },
                "text": [
                    f"<b>{v:,.0f}</b>" if v and not pd.isna(v) else ""
                    for v in part[value].astype(float)
                ],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "insidetextfont": {"color": "white", "size": 14},
            }
        )
    heights = frame.groupby(category, sort=False)[value].sum().astype(float)
    shown = heights if totals is None else totals.reindex(heights.index)
    data.append(
        {
            "type": "scatter",
            "x": list(heights.index),
            "y": list(heights.values),
            "mode": "text",
            "text": ["Total c" if pd.isna(v) else f"Total {v:,.0f}" for v in shown.values],
            "textposition": "top center",
            "showlegend": False,
            "hoverinfo": "skip",
            "cliponaxis": False,
        }
    )
    spec = {"barmode": "stack", "yaxis": {"title": _title(value_title)}, "showlegend": True}
    return figure(data, styled(spec, title, ""), traces, layout)


def timeline(
    frame: pd.DataFrame,
    start: str,
    end: str,
    label: str,
    group: str,
    title: str,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """A timeline (Gantt chart): one horizontal bar per row from ``start`` to ``end`` (dates),
    labelled with its name and dates; rows in the same ``group`` share a colour and pattern,
    named in the legend."""
    data = []
    for i, (name, part) in enumerate(frame.groupby(group, sort=False)):
        days = [(e - s).days + 1 for s, e in zip(part[start], part[end], strict=True)]
        data.append(
            {
                "type": "bar",
                "y": [chart_text(v) for v in part[label]],
                "x": [d * 86400000 for d in days],  # bar length in milliseconds on a date axis
                "base": [s.isoformat() for s in part[start]],
                "orientation": "h",
                "name": chart_text(name),
                "marker": {
                    "color": PALETTE[i % 6],
                    "pattern": {
                        "shape": PATTERNS[i % 6],
                        "fillmode": "overlay",
                        "fgcolor": "white",
                    },
                },
                "text": [
                    f"{s:%b %Y}" if f"{s:%Y%m}" == f"{e:%Y%m}" else f"{s:%b %Y} to {e:%b %Y}"
                    for s, e in zip(part[start], part[end], strict=True)
                ],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        )
    order = [chart_text(v) for v in frame[label]]
    spec = {
        "yaxis": {
            "categoryorder": "array", "categoryarray": order, "autorange": "reversed",
            "automargin": True,
        },
        "xaxis": {"type": "date", "tickformat": "%b %Y", "dtick": "M6", "ticklabelmode": "instant"},
        "barmode": "overlay",
        "height": max(360, 55 * len(frame) + 180),
        "margin": {"l": 10, "r": 150},
    }  # fmt: skip
    return figure(data, _under_title(styled(spec, title, "")), traces, layout)


def stacked_status(
    frame: pd.DataFrame, title: str, *, traces: TraceChanges = None, layout: Changes = None
) -> go.Figure:
    """Counts by group and audit grade, stacked, most serious grade first; each grade has its
    own colour and pattern (white lines over the colour, so the count printed in white on
    each part stays readable) and is named in the legend, between the title and the plot,
    and on hover."""
    from evidencebook.analysis.grading import GRADES

    parts = dict(list(frame.groupby("grade", sort=False)))
    data = []
    for i, status in enumerate(GRADES):
        part = parts.get(status)
        if part is None or part.empty:
            continue
        data.append(
            {
                "type": "bar",
                "x": [chart_text(c) for c in part["chapter"]],
                "y": part["figures"],
                "name": status,
                "marker": {
                    "color": PALETTE[i],
                    "pattern": {"shape": PATTERNS[i], "fillmode": "overlay", "fgcolor": "white"},
                },
                "text": part["figures"],
                "textposition": "inside",
            }
        )
    spec = _under_title(
        styled({"barmode": "stack", "yaxis": {"title": _title("Figures")}}, title, "")
    )
    # room for a legend of three rows under the title, and for the plot below it
    return figure(data, merge(spec, {"margin": {"t": 150}, "height": 540}), traces, layout)


def strength_cost(
    frame: pd.DataFrame, title: str, *, traces: TraceChanges = None, layout: Changes = None
) -> go.Figure:
    """Each strand as a labelled point: evidence strength across, unit cost up (log scale).
    Each strand has its own marker symbol and a text label, so colour is not needed. A
    label is the strand's name over its cost (and benefit per pound), beside its point
    towards the middle of the chart at either side, above it in the middle, so that none
    runs off the chart."""
    categories = list(frame["strength"].cat.categories)
    data = []
    for i, row in enumerate(frame.itertuples()):
        label = f"{_wrap(row.strand, 30)}<br>£{row.unit_cost:,.0f}"
        if pd.notna(row.bcr):
            label += f" (£{row.bcr:.2f} per £1)"
        where = categories.index(row.strength) / max(len(categories) - 1, 1)
        data.append(
            {
                "type": "scatter",
                "x": [str(row.strength)],
                "y": [row.unit_cost],
                "mode": "markers+text",
                "name": chart_text(row.strand),
                "text": [label],
                "textposition": (
                    "middle right"
                    if where < 0.4
                    else "middle left"
                    if where > 0.6
                    else "top center"
                ),
                "cliponaxis": False,
                "marker": {"size": 16, "symbol": SYMBOLS[i % 6], "color": PALETTE[i % 6]},
            }
        )
    spec = {
        "xaxis": {
            "type": "category", "categoryorder": "array", "categoryarray": categories,
            "range": [-0.5, 4.5], "title": _title("Strength of evidence of benefit"),
        },
        "yaxis": {"type": "log", "title": _title("Unit cost (GBP, log scale)")},
        "showlegend": False,
        "height": 560,
    }  # fmt: skip
    return figure(data, styled(spec, title, ""), traces, layout)


def _wrap(text: str, width: int = 28) -> str:
    """Plotly label text broken into lines of about ``width`` characters."""
    import textwrap

    return "<br>".join(textwrap.wrap(chart_text(text), width)) or chart_text(text)


def tornado(
    frame: pd.DataFrame,
    base: float,
    title: str,
    value_title: str,
    value_format: str = ",.2f",
    prefix: str = "",
    base_label: str = "base",
    *,
    marks: Sequence[tuple[float, str, str, str]] = (),
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """A tornado chart: one row per input, largest swing at the top, with a bar from the
    ``base`` output to the output with the input at its low value (``output_low``) and one
    to the output at its high value (``output_high``). Each row is named by ``label`` with
    the input's range (``low_text`` to ``high_text``) under it; the two bars differ in
    colour and fill pattern, are named in the legend, and are labelled with the output.
    A dashed line marks the base; each of ``marks`` (x, colour, dash, what the axis title
    says of it) adds a line of its own, named at the end of the axis title."""
    rows = [
        f"{_wrap(lab)}<br>({chart_text(lo)} to {chart_text(hi)})"
        for lab, lo, hi in zip(frame["label"], frame["low_text"], frame["high_text"], strict=True)
    ]
    data = []
    ends = (("output_low", "low_text", "Input at its low value"),)
    ends += (("output_high", "high_text", "Input at its high value"),)
    for i, (column, text, name) in enumerate(ends):
        values = frame[column].astype(float)
        data.append(
            {
                "type": "bar",
                "y": rows,
                "x": values - base,
                "base": [base] * len(frame),
                "orientation": "h",
                "name": name,
                "marker": {
                    "color": PALETTE[i],
                    "pattern": {
                        "shape": PATTERNS[i * 2],
                        "fgcolor": "white",
                        "fillmode": "overlay",
                    },
                },
                "text": [
                    ""
                    if abs(v - base) < 1e-12 * max(1.0, abs(base))
                    else f"{prefix}{v:{value_format}}"
                    for v in values
                ],
                "textposition": "outside",
                "cliponaxis": False,
                "customdata": frame[text],
                "hovertemplate": "%{customdata}: %{text}<extra>" + name + "</extra>",
            }
        )
    outputs = [base, *frame["output_low"].astype(float), *frame["output_high"].astype(float)]
    pad = (max(outputs) - min(outputs)) * 0.3 or abs(base) * 0.1 or 1.0
    axis_title = f"{value_title}<br>(dashed line: {base_label}, {prefix}{base:{value_format}})"
    spec = {
        "shapes": [vline(base, color=PALETTE[4], dash="dash", width=2)]
        + [vline(x, color=colour, dash=dash) for x, colour, dash, _ in marks],
        "xaxis": {
            "range": [min(outputs) - pad, max(outputs) + pad],  # room for the labels
            "title": _title(axis_title + "".join(f"; {said}" for *_, said in marks)),
        },
        "barmode": "overlay",
        "height": max(420, 68 * len(frame) + 240),
        "margin": {"l": 10, "r": 70, "t": 150},
        "yaxis": {"autorange": "reversed", "automargin": True},
    }
    return figure(data, _under_title(styled(spec, title, "")), traces, layout)


def dumbbell(
    frame: pd.DataFrame,
    label: str,
    start: str,
    end: str,
    title: str,
    x_title: str,
    start_name: str,
    end_name: str,
    text: str | None = None,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """One row per ``label``: a line from ``start`` to ``end``, a circle at the start and a
    diamond at the end (different colours too, both named in the legend), and the row's
    ``text`` (for example "14% to 20.8%") printed to the right of the pair."""
    labels = [_wrap(v) for v in frame[label]]
    data: list[Spec] = [
        {
            "type": "scatter",
            "x": [a, b],
            "y": [y, y],
            "mode": "lines",
            "line": {"color": "#B1B4B6", "width": 3},
            "showlegend": False,
            "hoverinfo": "skip",
        }
        for y, a, b in zip(labels, frame[start], frame[end], strict=True)
    ]
    for i, (column, name, symbol) in enumerate(
        ((start, start_name, "circle"), (end, end_name, "diamond"))
    ):
        data.append(
            {
                "type": "scatter",
                "x": frame[column],
                "y": labels,
                "mode": "markers",
                "name": name,
                "marker": {"symbol": symbol, "size": 13, "color": PALETTE[i * 2]},
                "hovertemplate": "%{y}: %{x:,.0f}<extra>" + name + "</extra>",
            }
        )
    if text:
        right = [max(a, b) for a, b in zip(frame[start], frame[end], strict=True)]
        data.append(
            {
                "type": "scatter",
                "x": right,
                "y": labels,
                "mode": "text",
                "text": ["  " + chart_text(t) for t in frame[text]],
                "textposition": "middle right",
                "cliponaxis": False,
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
    spec = {
        "xaxis": {"title": _title(x_title)},
        "height": max(420, 58 * len(frame) + 220),
        "margin": {"l": 10, "r": 150, "t": 150},
        "yaxis": {"autorange": "reversed", "automargin": True, "showgrid": True},
    }
    return figure(data, _under_title(styled(spec, title, "")), traces, layout)


def histogram_bins(values: pd.Series, bins: int = 40) -> pd.DataFrame:
    """Counts of ``values`` in ``bins`` equal bins: bin_from, bin_to, draws, share_pct."""

    x = pd.Series(values, dtype=float).dropna().to_numpy()
    counts, edges = np.histogram(x, bins=bins)
    return pd.DataFrame(
        {
            "bin_from": edges[:-1],
            "bin_to": edges[1:],
            "draws": counts.astype(int),
            "share_pct": counts / max(len(x), 1) * 100,
        }
    )


def histogram(
    bins: pd.DataFrame,
    title: str,
    x_title: str,
    lines: list[tuple[float, str]] | None = None,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """Bars of a distribution from :func:`histogram_bins`, with vertical lines (for example
    the 5th percentile, the median, the 95th percentile and a threshold), each in its own
    colour and dash style and named in the legend."""
    centres = (bins["bin_from"] + bins["bin_to"]) / 2
    widths = bins["bin_to"] - bins["bin_from"]
    data: list[Spec] = [
        {
            "type": "bar",
            "x": centres,
            "y": bins["draws"],
            "width": widths,
            "name": "Draws",
            "marker": {
                "color": PALETTE[0], "opacity": 0.45, "line": {"color": "white", "width": 0.5}
            },
            "showlegend": False,
            "hovertemplate": "%{x:,.2f}: %{y:,} draws<extra></extra>",
        }
    ]  # fmt: skip
    top = float(bins["draws"].max()) * 1.05 if len(bins) else 1.0
    for i, (x, text) in enumerate(lines or []):
        data.append(
            {
                "type": "scatter",
                "x": [x, x],
                "y": [0, top],
                "mode": "lines",
                "name": chart_text(text),
                "line": {
                    "color": PALETTE[[2, 3, 4, 1, 5, 0][i % 6]],
                    "dash": DASHES[i % 6],
                    "width": 3,
                },
                "hovertemplate": chart_text(text) + "<extra></extra>",
            }
        )
    spec = {
        "xaxis": {"title": _title(x_title)},
        "yaxis": {"title": _title("Draws")},
        "bargap": 0,
        "showlegend": True,
    }
    return figure(data, _under_title(styled(spec, title, "")), traces, layout)


def benchmark_lines(
    table: pd.DataFrame,
    name: str,
    region: str | None,
    title: str,
    y_title: str,
    *,
    traces: TraceChanges = None,
    layout: Changes = None,
) -> go.Figure:
    """An authority's series beside its statistical neighbours (their range as a shaded
    band, their median as a line), its region and England. ``table`` is
    ``models.compare.benchmark``'s: year, authority, neighbours_median, neighbours_low,
    neighbours_high, region, england. Each line has its own colour, dash and marker, and
    the authority's latest value is printed at the end of its line."""
    years = [str(y) for y in table["year"]]
    data: list[Spec] = []
    if table["neighbours_low"].notna().any():
        data.append(
            {
                "type": "scatter", "x": years, "y": table["neighbours_high"], "mode": "lines",
                "line": {"width": 0}, "showlegend": False, "hoverinfo": "skip",
            }
        )  # fmt: skip
        data.append(
            {
                "type": "scatter",
                "x": years,
                "y": table["neighbours_low"],
                "mode": "lines",
                "line": {"width": 0},
                "fill": "tonexty",
                "fillcolor": "rgba(40, 161, 151, 0.18)",
                "name": "Statistical neighbours (lowest to highest)",
                "hovertemplate": "Neighbours, lowest: %{y:,.1f}<extra></extra>",
            }
        )
    series = [
        ("neighbours_median", "Statistical neighbours (median)", 1),
        ("region", chart_text(region) if region else "", 2),
        ("england", "England", 3),
        ("authority", chart_text(name), 0),
    ]
    for column, label, i in series:
        if not label or column not in table or table[column].isna().all():
            continue
        values = table[column].astype(float)
        last = values.last_valid_index()
        labels = [""] * len(values)
        if column == "authority" and last is not None:
            labels[list(values.index).index(last)] = f"{values[last]:,.4g}"
        data.append(
            {
                "type": "scatter",
                "x": years,
                "y": values,
                "name": label,
                "mode": "lines+markers+text" if column == "authority" else "lines+markers",
                **series_look(i, 4 if i == 0 else 2.5, 10),
                "text": labels,
                "textposition": "top center",
                "cliponaxis": False,
                "connectgaps": False,
                "hovertemplate": f"{label}<br>%{{x}}: %{{y:,.1f}}<extra></extra>",
            }
        )
    spec = {"yaxis": {"title": _title(y_title)}, "showlegend": True, "xaxis": {"type": "category"}}
    # the legend's five long entries take a row each: at the foot of the chart, under the
    # years, not between a title of two lines and the plot, where they ran over both
    # (plotly sets a title's first line at its anchor and the others under it, so a title
    # of several lines is moved down by the lines after its first, which would otherwise be
    # cut off at the top)
    height, lines = 600, title.count("<br>") + 1
    below = {
        "height": height,
        "title": {"y": 1 - (12 + 22 * (lines - 1)) / height, "yanchor": "top",
                  "yref": "container"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 0.01, "yref": "container",
                   "x": 0},
        "margin": {"t": 70 + 24 * lines, "b": 190},
    }  # fmt: skip
    return figure(data, merge(_under_title(styled(spec, title, "")), below), traces, layout)


def wrap_title(text: str, width: int = 60) -> str:
    """A long chart title broken over lines (plotly's <br>), so it never runs under the
    chart's tools; the text is escaped for plotly."""
    return _wrap(text, width)
