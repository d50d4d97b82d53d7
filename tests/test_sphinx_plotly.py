"""The offline plotly renderer: deterministic ids, safe JSON, accessible labels."""

from __future__ import annotations

import json
from types import SimpleNamespace

from evidencebook.building import sphinx_plotly as sp

FIGURE = {
    "data": [{"type": "bar", "x": ["a"], "y": [1], "name": "</script><script>alert(1)</script>"}],
    "layout": {"meta": {"description": 'Bar chart "quoted" & <b>bold</b>'}},
}


def test_chart_ids_are_deterministic_and_distinct():
    assert sp.chart_id("page", 3, 0) == sp.chart_id("page", 3, 0)
    assert sp.chart_id("page", 3, 0) != sp.chart_id("page", 3, 1)
    assert sp.chart_id("page", 3, 0) != sp.chart_id("other", 3, 0)


def test_json_cannot_break_out_of_its_script_element():
    text = sp.json_for_script(FIGURE)
    assert "</script" not in text and "<" not in text
    assert json.loads(text) == FIGURE


def test_chart_html_has_label_data_and_one_draw_call():
    html = sp.chart_html(FIGURE, "evb-chart-x")
    assert html.count("Plotly.newPlot(") == 1
    assert 'aria-label="Bar chart &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"' in html
    assert 'role="img"' in html
    assert html.count("</script>") == 2  # only the two script elements' own ends
    assert "cdn" not in html.lower() and "https://" not in html
    assert '"displaylogo":false' in html


def _renderer(source="book/page"):
    env = SimpleNamespace(metadata={}, docname="page")
    return SimpleNamespace(source=source, renderer=SimpleNamespace(sphinx_env=env)), env


def test_renderer_handles_only_block_plotly_output():
    renderer, env = _renderer()
    data = SimpleNamespace(mime_type=sp.PLOTLY_MIME, content=FIGURE, cell_index=1, output_index=0)
    nodes = sp.PlotlyMimeRenderer.handle_mime(renderer, data, False)
    assert len(nodes) == 1 and nodes[0]["format"] == "html"
    assert env.metadata["page"]["evb_plotly"] is True
    assert sp.PlotlyMimeRenderer.handle_mime(renderer, data, True) is None
    other = SimpleNamespace(mime_type="text/plain", content="x", cell_index=1, output_index=0)
    assert sp.PlotlyMimeRenderer.handle_mime(renderer, other, False) is None


def test_html_builders_prefer_the_plotly_output():
    builders = {b for b, mime, _ in sp.PlotlyMimeRenderer.mime_priority_overrides}
    assert {"html", "singlehtml", "dirhtml"} <= builders
    assert "latex" not in builders


def test_plotly_js_comes_from_the_installed_package():
    path = sp.plotly_js_path()
    assert path.exists() and path.stat().st_size > 1_000_000


def test_a_withheld_figure_shows_as_c_and_one_not_available_as_x_whatever_the_format():
    sp._patch_glue_formatting()
    from myst_nb.core import variables
    from myst_nb.ext.glue import crossref, roles

    for module in (variables, roles, crossref):
        fmt = module.format_plain_text
        assert fmt("'c'", ",.0f") == "c"
        assert fmt("'c'", ".1f") == "c"
        assert fmt("'c'", "") == "c"
        assert fmt("1234.5", ",.0f") == "1,234"  # numbers are formatted as before
        assert fmt("'x'", ",.0f") == "x"  # not available: x, not c
        assert fmt('"x"', ".1f") == "x"
    sp._patch_glue_formatting()  # patching twice wraps once
    assert variables.format_plain_text("'c'", "d") == "c"
    assert variables.format_plain_text.__wrapped_original__ is not None


def test_a_titled_chart_is_named_by_its_title_and_described_by_its_text():
    figure = {
        "data": [],
        "layout": {
            "title": {"text": "Costs &amp; <b>savings</b><br>2025"},
            "meta": {"description": "Long words", "description_id": "evb-desc-1"},
        },
    }
    html = sp.chart_html(figure, "evb-chart-y")
    assert 'aria-label="Chart: Costs &amp; savings 2025"' in html
    assert 'aria-describedby="evb-desc-1"' in html
    assert '"displayModeBar":false' in html and '"dragmode":false' in html


def test_every_table_gets_one_labelled_focusable_region():
    body = (
        '<h2>Costs<a class="headerlink" href="#c">#</a></h2><table><tr><td>1</td></tr></table>'
        "<p>x</p><table><caption>Staff &amp; posts</caption></table>"
        "<table><tr><td>2</td></tr></table>"
        + sp.region_html("<table><tr><td>3</td></tr></table>", "Data behind this chart: A")
    )
    out = sp.table_regions(body)
    assert out.count('role="region"') == 4 and out.count('tabindex="0"') == 4
    assert 'aria-label="Table 1 under the heading Costs"' in out
    assert 'aria-label="Table: Staff &amp; posts"' in out
    assert 'aria-label="Table 2 under the heading Costs"' in out
    assert 'aria-label="Data behind this chart: A"' in out
    assert sp.table_regions(out) == out  # wrapped once only
    assert sp.table_regions("<p>no tables</p>") == "<p>no tables</p>"


def test_the_theme_templates_are_overridden_from_the_package():
    config = SimpleNamespace(templates_path=["_templates"])
    sp._add_templates(None, config)
    sp._add_templates(None, config)
    assert config.templates_path == [str(sp.TEMPLATES), "_templates"]
    button = (sp.TEMPLATES / "search-button-field.html").read_text()
    assert "<button" in button and "aria-label" not in button.split("#}")[-1]
