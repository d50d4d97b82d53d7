"""Chart helpers: the Government Analysis Function palette, an accessible house style, and
one call that shows a chart with its text description and the data behind it.

Meaning is never carried by colour alone: series also differ by marker symbol or line
dash, and values are labelled on the chart.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

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
        xaxis={"showgrid": False, "linecolor": "#0B0C0C", "ticks": "outside"},
        yaxis={"gridcolor": "#D9D9D9", "zerolinecolor": "#0B0C0C", "linecolor": "#0B0C0C"},
        margin={"l": 60, "r": 30, "t": 60, "b": 60},
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


def data_table_html(data: pd.DataFrame, summary: str = "Data behind this chart") -> str:
    """The chart's data as an HTML table inside a collapsible section; all text escaped."""
    table = data.to_html(index=False, escape=True, border=0, classes="evb-data", na_rep="n/a")
    head = f"<summary>{html.escape(summary)}</summary>"
    return f"<details class='evb-chart-data'>{head}{table}</details>"


def show(fig: go.Figure, description: str, data: pd.DataFrame) -> None:
    """Show a chart, then its description in words, then the data behind it."""
    from IPython.display import HTML, Markdown, display

    fig.update_layout(meta={"description": description})
    display(fig)
    display(Markdown(f"*Chart description:* {_markdown_escape(description)}"))
    display(HTML(data_table_html(data)))


def _markdown_escape(text: str) -> str:
    """Text safe to show as Markdown: no HTML, no MyST roles or directives."""
    out = html.escape(text, quote=False)
    for ch in "\\`*_{}[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def slope(
    frame: pd.DataFrame,
    x: str,
    y: str,
    series: str,
    title: str,
    y_title: str,
    suffix: str = "",
) -> go.Figure:
    """Lines from one period to the next, one per series, labelled at both ends."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(series, sort=False)):
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=part[y],
                name=str(name),
                mode="lines+markers+text",
                line={"color": PALETTE[i % 6], "dash": DASHES[i % 6], "width": 3},
                marker={"symbol": SYMBOLS[i % 6], "size": 12, "color": PALETTE[i % 6]},
                text=[f"{str(name)}: {v:.0f}{suffix}" for v in part[y]],
                textposition=["middle left", "middle right"] * (len(part) // 2)
                + ["middle right"] * (len(part) % 2),
            )
        )
    fig.update_layout(yaxis_title=y_title, showlegend=True)
    fig.update_xaxes(type="category")
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
    kwargs = (
        {"y": frame[category], "x": values, "orientation": "h"}
        if horizontal
        else {
            "x": frame[category],
            "y": values,
        }
    )
    fig = go.Figure(
        go.Bar(
            **kwargs,
            marker={"color": colours, "pattern": {"shape": patterns}},
            text=labels,
            textposition="outside",
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
