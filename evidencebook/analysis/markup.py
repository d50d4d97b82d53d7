"""Small pieces of HTML shared by the charts (while a chapter runs) and the book's Sphinx
extension: text as a screen reader hears it, and a wide table's scrolling region."""

from __future__ import annotations

import html
import re

#: The class of the focusable region a wide table scrolls in.
SCROLL_CLASS = "evb-table-scroll"


def plain_text(markup: object) -> str:
    """Text as a reader hears it from a plotly title: line breaks as spaces, no tags."""
    text = re.sub(r"<br\s*/?>", " ", str(markup or ""), flags=re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return " ".join(text.split())


def region_html(table: str, label: str) -> str:
    """A table inside a focusable, labelled region that scrolls sideways if it must."""
    return (
        f'<div class="{SCROLL_CLASS}" role="region" tabindex="0" '
        f'aria-label="{html.escape(label, quote=True)}" data-evb-region="">{table}</div>'
    )
