"""Text from a data pack, made safe to show: never read as HTML, script or markup."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~:$"


def markdown_escape(text: str) -> str:
    """Text that MyST Markdown shows as written: no HTML, links, roles or directives."""
    out = html.escape(str(text), quote=False)
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in out)


def chart_text(text: str) -> str:
    """Text for a plotly label: plotly reads a few HTML tags (links, bold), so escape them."""
    return html.escape(str(text), quote=False)


def slug(text: str, default: str, limit: int = 60) -> str:
    """A file or folder name from any text: lower case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:limit] or default
