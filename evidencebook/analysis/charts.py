"""Chart helpers: the Government Analysis Function palette, an accessible house style, and
one call that shows a chart with its text description and the data behind it.

Meaning is never carried by colour alone: series also differ by marker symbol or line
dash, and values are labelled on the chart.
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from evidencebook.analysis import downloads
from evidencebook.analysis.formatting import chart_text, markdown_escape, symbols_note
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


def style(fig: go.Figure, title: str, description: str) -> go.Figure:
    """Apply the house style, title and the text description (used as the chart's label)."""
    fig.update_layout(
        template=TEMPLATE, title={"text": title, "x": 0}, meta={"description": description}
    )
    return fig


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
    shown = data.astype(object).where(data.notna(), "n/a")  # pd.NA ignores na_rep
    table = shown.to_html(index=False, escape=True, border=0, classes="evb-data")
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
    display(fig)
    display(HTML(description_html(description, element_id)))
    display(HTML(data_table_html(data, title=title) + downloads.save(data, title)))


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


def series_look(i: int, width: float, size: float) -> dict[str, dict[str, Any]]:
    """The line and markers of the ``i``-th series of a chart: its own colour, dash and
    marker symbol (six of each, repeated after the sixth), so series are told apart
    without colour."""
    return {
        "line": {"color": PALETTE[i % 6], "dash": DASHES[i % 6], "width": width},
        "marker": {"symbol": SYMBOLS[i % 6], "size": size, "color": PALETTE[i % 6]},
    }


def slope(
    frame: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    title: str,
    y_title: str,
    suffix: str = "",
) -> go.Figure:
    """Lines from one period to the next, one per series, each point labelled with its
    value and the last point with the series name, so no legend colour is needed."""
    order = list(dict.fromkeys(frame[x]))
    rank = frame.groupby(x)[y].rank(method="first", ascending=False)
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        positions = []
        labels = []
        for j, (xv, yv) in enumerate(zip(part[x], part[y], strict=True)):
            above = rank.loc[part.index[j]] == 1
            side = "left" if order.index(xv) == 0 else "right"
            positions.append(f"{'top' if above else 'bottom'} {side}")
            last = order.index(xv) == len(order) - 1
            label = f"{chart_text(name)}: {yv:.0f}{suffix}" if last else f"{yv:.0f}{suffix}"
            labels.append(label)
        fig.add_trace(
            go.Scatter(
                x=[chart_text(v) for v in part[x]],
                y=part[y],
                name=chart_text(name),
                mode="lines+markers+text",
                **series_look(i, 3, 12),
                text=labels,
                textposition=positions,
                cliponaxis=False,
            )
        )
    fig.update_layout(yaxis_title=y_title, showlegend=True, margin={"l": 70, "r": 190})
    fig.update_xaxes(type="category", range=[-0.3, len(order) - 0.7])
    return style(fig, title, "")


def bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    title: str,
    value_title: str,
    suffix: str = "",
    horizontal: bool = False,
    decimals: int = 0,
) -> go.Figure:
    """Bars with their values printed on them; negative bars patterned as well as coloured."""
    values = frame[value].astype(float)
    colours = [PALETTE[0] if v >= 0 else PALETTE[3] for v in values]
    patterns = ["" if v >= 0 else "/" for v in values]
    labels = [
        f"{v:+.{decimals}f}{suffix}" if suffix == "%" else f"{v:,.{decimals}f}" for v in values
    ]
    categories = [chart_text(v) for v in frame[category]]
    kwargs = (
        {"y": categories, "x": values, "orientation": "h"}
        if horizontal
        else {"x": categories, "y": values}
    )
    fig = go.Figure(
        go.Bar(
            **kwargs,
            marker={"color": colours, "pattern": {"shape": patterns}},
            text=labels,
            # a negative bar's label goes inside it, clear of the category labels
            textposition=["inside" if horizontal and v < 0 else "outside" for v in values],
            cliponaxis=False,
            showlegend=False,
        )
    )
    if horizontal:
        fig.update_layout(xaxis_title=value_title, height=max(400, 32 * len(frame) + 140))
        fig.update_yaxes(autorange="reversed")
    else:
        fig.update_layout(yaxis_title=value_title)
    return style(fig, title, "")


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
) -> go.Figure:
    """Bars side by side, one colour and fill pattern per series, values printed on them.

    ``text`` names a column of labels to print instead of the values (for example "17 of 19").
    Missing values are left out rather than drawn as zero.
    """
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        part = part.dropna(subset=[value])
        values = part[value].astype(float)
        labels = (
            part[text].astype(str).tolist()
            if text
            else [f"{v:,.{decimals}f}{suffix}" for v in values]
        )
        fig.add_trace(
            go.Bar(
                x=[chart_text(v) for v in part[category]],
                y=values,
                name=str(name),
                marker={
                    "color": PALETTE[i % 6],
                    "pattern": {
                        "shape": PATTERNS[i % 6],
                        "fillmode": "overlay",
                        "fgcolor": "white",
                    },
                },
                text=labels,
                textposition="outside",
                cliponaxis=False,
            )
        )
    fig.update_layout(barmode="group", yaxis_title=value_title, showlegend=True)
    return _legend_under_title(style(fig, title, ""))


def _legend_under_title(fig: go.Figure) -> go.Figure:
    """Put the legend between the title and the plot, clear of both and of the axis labels."""
    fig.update_layout(
        title={"y": 0.98, "yanchor": "top"},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"t": 130},
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def line_series(
    frame: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    title: str,
    y_title: str,
    suffix: str = "",
) -> go.Figure:
    """A line per series over time, each with its own colour, dash and marker symbol, the
    last value printed at the end of each line and every value shown on hover."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        part = part.dropna(subset=[y])
        n = len(part)
        fig.add_trace(
            go.Scatter(
                x=[chart_text(v) for v in part[x]],
                y=part[y],
                name=chart_text(name),
                mode="lines+markers+text",
                **series_look(i, 3, 11),
                text=[""] * (n - 1) + [f"{part[y].iloc[-1]:,.0f}{suffix}"] if n else [],
                textposition="middle right",
                hovertemplate=f"{name}<br>%{{x}}: %{{y:,.0f}}{suffix}<extra></extra>",
            )
        )
    fig.update_layout(yaxis_title=y_title, showlegend=True, margin={"r": 80})
    fig.update_xaxes(type="category")
    return _legend_under_title(style(fig, title, ""))


def funnel(
    frame: pd.DataFrame,
    stage: str,
    value: str,
    title: str,
) -> go.Figure:
    """A funnel: one bar per stage, widest first, each labelled with its count and, in
    brackets, its share of the first stage (so the drop-off is read from the labels)."""
    values = frame[value].astype(float)
    first = float(values.iloc[0]) if len(values) else 0.0
    labels = [
        f"{v:,.0f} ({v / first:.0%})" if first and i else f"{v:,.0f}" for i, v in enumerate(values)
    ]
    fig = go.Figure(
        go.Funnel(
            y=frame[stage],
            x=values,
            text=labels,
            textinfo="text",
            textposition="outside",
            marker={"color": PALETTE[0]},
            connector={"fillcolor": "#D9D9D9"},
            cliponaxis=False,
            showlegend=False,
        )
    )
    fig.update_layout(height=max(360, 70 * len(frame) + 140), margin={"r": 120})
    fig.update_yaxes(automargin=True)
    return style(fig, title, "")


def labelled_lines(
    frame: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    title: str,
    y_title: str,
    text: str | None = None,
) -> go.Figure:
    """A line per series on a true time axis (uneven gaps between counts stay uneven), each
    with its own colour, dash and marker symbol and every point labelled: with the values of
    column ``text`` if given (for example "6,553 (+12.6%)"), else with its value."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        part = part.dropna(subset=[y])
        labels = part[text].astype(str).tolist() if text else [f"{v:,.0f}" for v in part[y]]
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=part[y].astype(float),
                name=str(name),
                mode="lines+markers+text",
                **series_look(i, 3, 11),
                text=labels,
                textposition="top center",
                cliponaxis=False,
                hovertemplate=f"{name}<br>%{{x|%b %Y}}: %{{y:,.0f}}<extra></extra>",
            )
        )
    fig.update_layout(yaxis_title=y_title, showlegend=True)
    return style(fig, title, "")


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
) -> go.Figure:
    """One small line chart per ``panel`` (for example per team), on a shared scale unless
    ``shared_y`` is False. Each point is labelled from column ``text`` if given; otherwise the
    first and last values are printed. Panels in the same ``group`` share a colour, dash and
    marker symbol, named in the legend once."""
    import textwrap

    from plotly.subplots import make_subplots

    panels = list(dict.fromkeys(frame[panel]))
    groups = list(dict.fromkeys(frame[group])) if group else [None]
    rows = -(-len(panels) // cols)
    width = max(14, 90 // cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=["<br>".join(textwrap.wrap(str(p), width)) for p in panels],
        shared_yaxes=shared_y,
        shared_xaxes=True,
        vertical_spacing=0.35 / rows + 0.02,
        horizontal_spacing=0.04 if shared_y else 0.08,
    )
    shown: set[object] = set()
    for n, name in enumerate(panels):
        part = frame[frame[panel] == name].dropna(subset=[y])
        g = part[group].iloc[0] if group else None
        i = groups.index(g)
        labels = [""] * len(part)
        if text:
            labels = part[text].astype(str).tolist()
        elif len(part):
            labels[0] = f"{part[y].iloc[0]:,.0f}"
            labels[-1] = f"{part[y].iloc[-1]:,.0f}"
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=part[y].astype(float),
                name=str(g) if group else str(name),
                legendgroup=str(g),
                showlegend=bool(group) and g not in shown,
                mode="lines+markers+text",
                **series_look(i, 2, 7),
                text=labels,
                textposition=["top right"] + ["top center"] * max(len(part) - 2, 0) + ["top left"]
                if len(part) > 1
                else "top center",
                textfont={"size": 11},
                cliponaxis=False,
                hovertemplate=f"{name}<br>%{{x|%b %Y}}: %{{y:,.0f}}<extra></extra>",
            ),
            row=n // cols + 1,
            col=n % cols + 1,
        )
        shown.add(g)
    for note in fig.layout.annotations:  # as update_annotations, without its selection
        note.font.size = 12

    def headroom(values: pd.Series) -> list[float]:
        lo, hi = float(values.min()), float(values.max())
        span = (hi - lo) or abs(hi) or 1.0
        return [lo - 0.12 * span, hi + 0.3 * span]  # room for the labels above the points

    known = frame.dropna(subset=[y])
    for n, name in enumerate(panels):
        values = known[y] if shared_y else known.loc[known[panel] == name, y]
        if len(values):  # the panel's own axis (finding it by row and column is slow)
            fig.get_subplot(n // cols + 1, n % cols + 1).yaxis.update(
                range=headroom(values.astype(float))
            )
    for axis in fig.select_xaxes():
        axis.showgrid, axis.linecolor = False, "#0B0C0C"
    if pd.api.types.is_datetime64_any_dtype(frame[x]) and cols >= 3:
        ends = [frame[x].min(), frame[x].max()]  # narrow panels: label the first and last
        fig.update_xaxes(tickvals=ends, ticktext=[f"{d:%b}<br>{d:%Y}" for d in ends])
    elif pd.api.types.is_datetime64_any_dtype(frame[x]):
        fig.update_xaxes(tickformat="%b<br>%Y", nticks=6)
    else:
        fig.update_xaxes(type="category")
    for axis in fig.select_yaxes():
        axis.gridcolor, axis.linecolor = "#D9D9D9", "#0B0C0C"
    for r in range(1, rows + 1):
        fig.get_subplot(r, 1).yaxis.update(title_text=y_title if r == (rows + 1) // 2 else "")
    height = 230 * rows + 160
    fig.update_layout(height=height, showlegend=bool(group))
    fig = style(fig, title, "")
    if group:  # title, then legend, then the panels' own titles, each clear of the next
        fig.update_layout(
            margin={"t": 130},
            title={"y": 1 - 15 / height, "yanchor": "top", "yref": "container"},
            legend={"y": 1 - 55 / height, "yanchor": "top", "yref": "container"},
        )
    return fig


def stacked_bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    series: str,
    title: str,
    value_title: str,
    totals: pd.Series | None = None,
) -> go.Figure:
    """Bars stacked by series, each series with its own colour and fill pattern, its value
    printed inside and the total printed above each stack.

    A missing value is not drawn. ``totals`` (by category) gives the totals to print instead
    of adding up the bars: a missing one is printed "Total c" (it would need a withheld
    count), above the bars that are drawn."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        fig.add_trace(
            go.Bar(
                x=part[category],
                y=part[value].astype(float),
                name=str(name),
                marker={
                    "color": PALETTE[i % 6],
                    "pattern": {
                        "shape": PATTERNS[i % 6],
                        "fgcolor": "white",
                        "bgcolor": PALETTE[i % 6],
                        "fgopacity": 0.5,
                        "solidity": 0.15,
                    },
                },
                text=[
                    f"<b>{v:,.0f}</b>" if v and not pd.isna(v) else ""
                    for v in part[value].astype(float)
                ],
                textposition="inside",
                insidetextanchor="middle",
                insidetextfont={"color": "white", "size": 14},
            )
        )
    heights = frame.groupby(category, sort=False)[value].sum().astype(float)
    shown = heights if totals is None else totals.reindex(heights.index)
    fig.add_trace(
        go.Scatter(
            x=list(heights.index),
            y=list(heights.values),
            mode="text",
            text=["Total c" if pd.isna(v) else f"Total {v:,.0f}" for v in shown.values],
            textposition="top center",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    fig.update_layout(barmode="stack", yaxis_title=value_title, showlegend=True)
    return style(fig, title, "")


def timeline(
    frame: pd.DataFrame,
    start: str,
    end: str,
    label: str,
    group: str,
    title: str,
) -> go.Figure:
    """A timeline (Gantt chart): one horizontal bar per row from ``start`` to ``end`` (dates),
    labelled with its name and dates; rows in the same ``group`` share a colour and pattern,
    named in the legend."""
    fig = go.Figure()
    groups = list(dict.fromkeys(frame[group]))
    for i, name in enumerate(groups):
        part = frame[frame[group] == name]
        days = [(e - s).days + 1 for s, e in zip(part[start], part[end], strict=True)]
        fig.add_trace(
            go.Bar(
                y=[chart_text(v) for v in part[label]],
                x=[d * 86400000 for d in days],  # bar length in milliseconds on a date axis
                base=[s.isoformat() for s in part[start]],
                orientation="h",
                name=chart_text(name),
                marker={
                    "color": PALETTE[i % 6],
                    "pattern": {
                        "shape": PATTERNS[i % 6],
                        "fillmode": "overlay",
                        "fgcolor": "white",
                    },
                },
                text=[
                    f"{s:%b %Y}" if f"{s:%Y%m}" == f"{e:%Y%m}" else f"{s:%b %Y} to {e:%b %Y}"
                    for s, e in zip(part[start], part[end], strict=True)
                ],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
    order = [chart_text(v) for v in frame[label]]
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed")
    fig.update_xaxes(type="date", tickformat="%b %Y", dtick="M6", ticklabelmode="instant")
    fig.update_layout(
        barmode="overlay", height=max(360, 55 * len(frame) + 180), margin={"l": 10, "r": 150}
    )
    fig.update_yaxes(automargin=True)
    return _legend_under_title(style(fig, title, ""))


def stacked_status(frame: pd.DataFrame, title: str) -> go.Figure:
    """Counts by group and audit grade, stacked, most serious grade first; each grade has its
    own colour and pattern and is named in the legend and on hover."""
    from evidencebook.analysis.grading import GRADES

    fig = go.Figure()
    for i, status in enumerate(GRADES):
        part = frame[frame["grade"] == status]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=[chart_text(c) for c in part["chapter"]],
                y=part["figures"],
                name=status,
                marker={"color": PALETTE[i], "pattern": {"shape": PATTERNS[i]}},
                text=part["figures"],
                textposition="inside",
            )
        )
    fig.update_layout(barmode="stack", yaxis_title="Figures")
    return style(fig, title, "")


def strength_cost(frame: pd.DataFrame, title: str) -> go.Figure:
    """Each strand as a labelled point: evidence strength across, unit cost up (log scale).
    Each strand has its own marker symbol and a text label, so colour is not needed."""
    fig = go.Figure()
    for i, row in enumerate(frame.itertuples()):
        label = f"{chart_text(row.strand)}: £{row.unit_cost:,.0f}"
        if pd.notna(row.bcr):
            label += f" (£{row.bcr:.2f} per £1)"
        fig.add_trace(
            go.Scatter(
                x=[str(row.strength)],
                y=[row.unit_cost],
                mode="markers+text",
                name=chart_text(row.strand),
                text=[label],
                textposition="top center",
                cliponaxis=False,
                marker={"size": 16, "symbol": SYMBOLS[i % 6], "color": PALETTE[i % 6]},
            )
        )
    categories = list(frame["strength"].cat.categories)
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=categories, range=[-0.5, 4.5]
    )
    fig.update_yaxes(type="log", title="Unit cost (GBP, log scale)")
    fig.update_layout(xaxis_title="Strength of evidence of benefit", showlegend=False, height=520)
    return style(fig, title, "")


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
) -> go.Figure:
    """A tornado chart: one row per input, largest swing at the top, with a bar from the
    ``base`` output to the output with the input at its low value (``output_low``) and one
    to the output at its high value (``output_high``). Each row is named by ``label`` with
    the input's range (``low_text`` to ``high_text``) under it; the two bars differ in
    colour and fill pattern, are named in the legend, and are labelled with the output."""
    rows = [
        f"{_wrap(lab)}<br>({chart_text(lo)} to {chart_text(hi)})"
        for lab, lo, hi in zip(frame["label"], frame["low_text"], frame["high_text"], strict=True)
    ]
    fig = go.Figure()
    ends = (("output_low", "low_text", "Input at its low value"),)
    ends += (("output_high", "high_text", "Input at its high value"),)
    for i, (column, text, name) in enumerate(ends):
        values = frame[column].astype(float)
        fig.add_trace(
            go.Bar(
                y=rows,
                x=values - base,
                base=[base] * len(frame),
                orientation="h",
                name=name,
                marker={
                    "color": PALETTE[i],
                    "pattern": {
                        "shape": PATTERNS[i * 2],
                        "fgcolor": "white",
                        "fillmode": "overlay",
                    },
                },
                text=[
                    ""
                    if abs(v - base) < 1e-12 * max(1.0, abs(base))
                    else f"{prefix}{v:{value_format}}"
                    for v in values
                ],
                textposition="outside",
                cliponaxis=False,
                customdata=frame[text],
                hovertemplate="%{customdata}: %{text}<extra>" + name + "</extra>",
            )
        )
    fig.add_vline(x=base, line_dash="dash", line_color=PALETTE[4], line_width=2)
    outputs = [base, *frame["output_low"].astype(float), *frame["output_high"].astype(float)]
    pad = (max(outputs) - min(outputs)) * 0.3 or abs(base) * 0.1 or 1.0
    fig.update_xaxes(range=[min(outputs) - pad, max(outputs) + pad])  # room for the labels
    fig.update_layout(
        barmode="overlay",
        xaxis_title=f"{value_title}<br>(dashed line: {base_label}, {prefix}{base:{value_format}})",
        height=max(420, 68 * len(frame) + 240),
        margin={"l": 10, "r": 70, "t": 150},
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _legend_under_title(style(fig, title, ""))


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
) -> go.Figure:
    """One row per ``label``: a line from ``start`` to ``end``, a circle at the start and a
    diamond at the end (different colours too, both named in the legend), and the row's
    ``text`` (for example "14% to 20.8%") printed to the right of the pair."""
    labels = [_wrap(v) for v in frame[label]]
    fig = go.Figure()
    for y, a, b in zip(labels, frame[start], frame[end], strict=True):
        fig.add_trace(
            go.Scatter(
                x=[a, b],
                y=[y, y],
                mode="lines",
                line={"color": "#B1B4B6", "width": 3},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    for i, (column, name, symbol) in enumerate(
        ((start, start_name, "circle"), (end, end_name, "diamond"))
    ):
        fig.add_trace(
            go.Scatter(
                x=frame[column],
                y=labels,
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 13, "color": PALETTE[i * 2]},
                hovertemplate="%{y}: %{x:,.0f}<extra>" + name + "</extra>",
            )
        )
    if text:
        right = [max(a, b) for a, b in zip(frame[start], frame[end], strict=True)]
        fig.add_trace(
            go.Scatter(
                x=right,
                y=labels,
                mode="text",
                text=["  " + chart_text(t) for t in frame[text]],
                textposition="middle right",
                cliponaxis=False,
                showlegend=False,
                hoverinfo="skip",
            )
        )
    fig.update_layout(
        xaxis_title=x_title,
        height=max(420, 58 * len(frame) + 220),
        margin={"l": 10, "r": 150, "t": 150},
    )
    fig.update_yaxes(autorange="reversed", automargin=True, showgrid=True)
    return _legend_under_title(style(fig, title, ""))


def histogram_bins(values: pd.Series, bins: int = 40) -> pd.DataFrame:
    """Counts of ``values`` in ``bins`` equal bins: bin_from, bin_to, draws, share_pct."""
    import numpy as np

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
) -> go.Figure:
    """Bars of a distribution from :func:`histogram_bins`, with vertical lines (for example
    the 5th percentile, the median, the 95th percentile and a threshold), each in its own
    colour and dash style and named in the legend."""
    centres = (bins["bin_from"] + bins["bin_to"]) / 2
    widths = bins["bin_to"] - bins["bin_from"]
    fig = go.Figure(
        go.Bar(
            x=centres,
            y=bins["draws"],
            width=widths,
            name="Draws",
            marker={"color": PALETTE[0], "opacity": 0.45, "line": {"color": "white", "width": 0.5}},
            showlegend=False,
            hovertemplate="%{x:,.2f}: %{y:,} draws<extra></extra>",
        )
    )
    top = float(bins["draws"].max()) * 1.05 if len(bins) else 1.0
    for i, (x, text) in enumerate(lines or []):
        fig.add_trace(
            go.Scatter(
                x=[x, x],
                y=[0, top],
                mode="lines",
                name=chart_text(text),
                line={
                    "color": PALETTE[[2, 3, 4, 1, 5, 0][i % 6]],
                    "dash": DASHES[i % 6],
                    "width": 3,
                },
                hovertemplate=chart_text(text) + "<extra></extra>",
            )
        )
    fig.update_layout(xaxis_title=x_title, yaxis_title="Draws", bargap=0, showlegend=True)
    return _legend_under_title(style(fig, title, ""))


def benchmark_lines(
    table: pd.DataFrame,
    name: str,
    region: str | None,
    title: str,
    y_title: str,
) -> go.Figure:
    """An authority's series beside its statistical neighbours (their range as a shaded
    band, their median as a line), its region and England. ``table`` is
    ``models.compare.benchmark``'s: year, authority, neighbours_median, neighbours_low,
    neighbours_high, region, england. Each line has its own colour, dash and marker, and
    the authority's latest value is printed at the end of its line."""
    years = [str(y) for y in table["year"]]
    fig = go.Figure()
    if table["neighbours_low"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=years, y=table["neighbours_high"], mode="lines", line={"width": 0},
                showlegend=False, hoverinfo="skip",
            )
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=years,
                y=table["neighbours_low"],
                mode="lines",
                line={"width": 0},
                fill="tonexty",
                fillcolor="rgba(40, 161, 151, 0.18)",
                name="Statistical neighbours (lowest to highest)",
                hovertemplate="Neighbours, lowest: %{y:,.1f}<extra></extra>",
            )
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
        fig.add_trace(
            go.Scatter(
                x=years,
                y=values,
                name=label,
                mode="lines+markers+text" if column == "authority" else "lines+markers",
                **series_look(i, 4 if i == 0 else 2.5, 10),
                text=labels,
                textposition="top center",
                cliponaxis=False,
                connectgaps=False,
                hovertemplate=f"{label}<br>%{{x}}: %{{y:,.1f}}<extra></extra>",
            )
        )
    fig.update_layout(yaxis_title=y_title, showlegend=True)
    fig.update_xaxes(type="category")
    return _legend_under_title(style(fig, title, ""))


def wrap_title(text: str, width: int = 60) -> str:
    """A long chart title broken over lines (plotly's <br>), so it never runs under the
    chart's tools; the text is escaped for plotly."""
    return _wrap(text, width)
