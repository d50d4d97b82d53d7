"""Text from a data pack, made safe to show: never read as HTML, script or markup."""

from __future__ import annotations

import html

_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~:$"


def markdown_escape(text: str) -> str:
    """Text that MyST Markdown shows as written: no HTML, links, roles or directives."""
    out = html.escape(str(text), quote=False)
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in out)


def chart_text(text: str) -> str:
    """Text for a plotly label: plotly reads a few HTML tags (links, bold), so escape them."""
    return html.escape(str(text), quote=False)
