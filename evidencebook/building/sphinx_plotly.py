"""Plotly charts in the HTML book, with plotly.js served once from the book's own files.

Two pieces, both needed (see ../shared/NOTES.md, "plotly in a jupyter-book 1 page"):

* ``PlotlyMimeRenderer``: a myst-nb mime renderer plugin (entry point group
  ``myst_nb.mime_renderers``) that turns a ``application/vnd.plotly.v1+json`` output into a
  ``div``, the figure as a JSON data script and one ``Plotly.newPlot`` call. Nothing is
  loaded from a CDN and plotly.js is not inlined.
* ``setup``: a Sphinx extension that adds ``_static/plotly.min.js`` to the pages that have
  a chart, and copies the file from the installed plotly package at the end of the build,
  so the JavaScript always matches the Python package and is never committed.

Accessibility (WCAG 2.2 AA, checked with axe-core by ``tests/test_browser.py``): a chart is
an image named by its title and described by the chart description that follows it, with
no focusable controls inside it (no plotly mode bar); every table sits in a labelled,
focusable region that scrolls sideways when the table is wider than the page; and the
theme's search button is named by its visible text (``templates/``).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes

from evidencebook.analysis.formatting import NOT_AVAILABLE, WITHHELD
from evidencebook.analysis.markup import SCROLL_CLASS, plain_text, region_html  # noqa: F401

PLOTLY_MIME = "application/vnd.plotly.v1+json"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs")
JS_NAME = "plotly.min.js"
MARKER = "data-evb-plotly"
_META_KEY = "evb_plotly"

#: plotly.js options for every chart: no logo, no link to plotly's cloud editor, and no
#: mode bar, whose buttons would be controls nested inside the chart's image role
#: (axe-core ``nested-interactive``); the values are in the data table under each chart.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "displayModeBar": False,
    "responsive": True,
    "showLink": False,
}
TEMPLATES = Path(__file__).parent / "templates"


def chart_id(source: str, cell_index: object, output_index: object) -> str:
    """A deterministic element id for one chart: the same page and cell give the same id."""
    digest = hashlib.sha1(f"{source}|{cell_index}|{output_index}".encode()).hexdigest()
    return f"evb-chart-{digest[:12]}"


def json_for_script(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>`` break-out)."""
    text = json.dumps(value, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_aria(layout: dict[str, Any]) -> str:
    """The attributes that make a chart an image with a name (and, when the chart
    description is shown beside it, a description that points to it)."""
    meta = layout.get("meta") or {}
    meta = meta if isinstance(meta, dict) else {}
    description = meta.get("description")
    described_by = meta.get("description_id")
    title = layout.get("title")
    title = plain_text(title.get("text") if isinstance(title, dict) else title)
    if described_by and title:
        return (
            f' role="img" aria-label="{html.escape("Chart: " + title, quote=True)}"'
            f' aria-describedby="{html.escape(str(described_by), quote=True)}"'
        )
    label = description or title
    return f' role="img" aria-label="{html.escape(str(label), quote=True)}"' if label else ""


def chart_html(figure: dict[str, Any], div_id: str) -> str:
    """The HTML for one chart: a container, its data and the call that draws it."""
    layout = figure.get("layout") or {}
    aria = chart_aria(layout)
    payload = {
        "data": figure.get("data", []),
        # No drag to zoom or pan: without the mode bar there would be no button to undo it.
        "layout": {**layout, "dragmode": False},
        "config": {**PLOTLY_CONFIG, **(figure.get("config") or {})},
    }
    return (
        f'<div class="evb-plotly" id="{div_id}" {MARKER}=""{aria}></div>\n'
        f'<script type="application/json" id="{div_id}-data">{json_for_script(payload)}</script>\n'
        "<script>\n"
        '  document.addEventListener("DOMContentLoaded", function () {\n'
        f'    var spec = JSON.parse(document.getElementById("{div_id}-data").textContent);\n'
        f'    Plotly.newPlot("{div_id}", spec.data, spec.layout, spec.config);\n'
        "  });\n"
        "</script>\n"
    )


class PlotlyMimeRenderer:
    """myst-nb plugin: render plotly figure JSON as an offline chart in HTML builders."""

    mime_priority_overrides = [(builder, PLOTLY_MIME, 1) for builder in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):  # noqa: ANN001 - signature set by myst-nb
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        figure = data.content if isinstance(data.content, dict) else json.loads(data.content)
        div_id = chart_id(str(renderer.source), data.cell_index, data.output_index)
        env = getattr(renderer.renderer, "sphinx_env", None)
        if env is not None:
            env.metadata.setdefault(env.docname, {})[_META_KEY] = True
        raw = nodes.raw("", chart_html(figure, div_id), format="html")
        raw["classes"] += ["output", "plotly"]
        return [raw]


def _is_thebe(asset: object) -> bool:
    """True for the assets sphinx-thebe adds to every page (see ``_page_context``)."""
    name = str(getattr(asset, "filename", "") or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "sphinx-thebe" in name or "THEBE_JS_URL" in body


def _page_context(app, pagename, templatename, context, doctree) -> None:  # noqa: ANN001
    # jupyter-book always loads sphinx-thebe (live code through Binder), which this offline
    # book does not use: with Sphinx 7 its inline config is added twice, a console error,
    # and it names a CDN address. Drop its assets from every page.
    for key in ("script_files", "css_files"):
        if key in context:
            # In place: Sphinx shares this list with the builder, so add_js_file below
            # still reaches this page.
            context[key][:] = [a for a in context[key] if not _is_thebe(a)]
    has_chart = app.env.metadata.get(pagename, {}).get(_META_KEY) or MARKER in context.get(
        "body", ""
    )
    if has_chart:
        app.add_js_file(JS_NAME)
    if "body" in context:
        context["body"] = table_regions(context["body"])


_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL | re.IGNORECASE)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL | re.IGNORECASE)


def _heading_text(markup: str) -> str:
    markup = re.sub(r'<a class="headerlink".*?</a>', "", markup, flags=re.DOTALL)
    return plain_text(markup)


def table_regions(body: str) -> str:
    """Put every table not already in one inside a labelled region that can take focus, so a
    table wider than the page scrolls inside it and a keyboard can scroll it (axe-core
    ``scrollable-region-focusable``). The label is the table's caption, or else the heading
    it sits under (numbered when a heading has several tables)."""
    out: list[str] = []
    last = 0
    seen: dict[str, int] = {}
    for match in _TABLE.finditer(body):
        before = body[last : match.start()]
        out.append(before)
        last = match.end()
        table = match.group(0)
        if before.rstrip().endswith('data-evb-region="">'):  # already in one
            out.append(table)
            continue
        caption = _CAPTION.search(table)
        if caption:
            label = "Table: " + plain_text(caption.group(1))
        else:
            headings = list(_HEADING.finditer(body, 0, match.start()))
            heading = _heading_text(headings[-1].group(2)) if headings else "this page"
            seen[heading] = seen.get(heading, 0) + 1
            label = f"Table {seen[heading]} under the heading {heading}"
        out.append(region_html(table, label))
    out.append(body[last:])
    return "".join(out)


def _add_templates(app, config) -> None:  # noqa: ANN001
    """The package's template overrides come before the theme's (see ``TEMPLATES``)."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


def plotly_js_path() -> Path:
    """The plotly.min.js shipped inside the installed plotly package."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / JS_NAME


def _copy_js(app, exception) -> None:  # noqa: ANN001
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / JS_NAME
    source = plotly_js_path()
    if not target.exists() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _show_withheld(original):  # noqa: ANN001, ANN202
    """Wrap myst-nb's glue formatting so a withheld figure (glued as "c") shows as c, and
    one that is not available (glued as "x") as x, whatever number format the text asks
    for, instead of failing the build."""
    symbols = {f"{q}{s}{q}": s for s in (WITHHELD, NOT_AVAILABLE) for q in ("'", '"')}

    def format_plain_text(text: str, fmt_spec: str) -> str:
        if text.strip() in symbols:
            return symbols[text.strip()]
        return original(text, fmt_spec)

    format_plain_text.evidencebook_withheld = True
    format_plain_text.__wrapped_original__ = original
    return format_plain_text


def _patch_glue_formatting() -> None:
    from myst_nb.core import variables
    from myst_nb.ext.glue import crossref, roles

    for module in (variables, roles, crossref):
        if not getattr(module.format_plain_text, "evidencebook_withheld", False):
            module.format_plain_text = _show_withheld(module.format_plain_text)


def setup(app):  # noqa: ANN001
    _patch_glue_formatting()
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _copy_js)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
