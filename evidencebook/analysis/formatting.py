"""Text from a data pack, made safe to show: never read as HTML, script or markup; and the
symbols shown for a value that is withheld ("c") or not available ("x")."""

from __future__ import annotations

import html
import re

import pandas as pd

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


#: Short words in the names of chart data's columns, in full for a header.
_HEADER_WORDS = {"gbp": "£", "pv": "present value", "cum": "cumulative"}


def header_text(name: object) -> str:
    """A column's name as a table on the page heads it: a name written as code
    (``share_pct``, ``gbp_per_year``, ``ages_14_18``) in words ("share (%)", "£ per year",
    "ages 14-18"), so that a reader, or a screen reader, is not given underscores; any other
    name as it is. (A download keeps the names as they are, for re-use.)"""
    text = str(name)
    if "_" not in text or " " in text:
        return text
    words = [w for w in text.split("_") if w]
    percent = words[-1:] == ["pct"]
    words = words[:-1] if percent else words
    out: list[str] = []
    for word in words:
        if word.isdigit() and out and out[-1].isdigit():  # ages_14_18: a range
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(f"{int(word):,}" if word.isdigit() and len(word) > 4 else word)
    shown = " ".join(_HEADER_WORDS.get(w, w) for w in out)
    return f"{shown} (%)" if percent and shown else shown or text


def headed_in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each column named as a table on the page heads it (:func:`header_text`);
    ``frame`` itself where no name changes (or its columns have several levels)."""
    if isinstance(frame.columns, pd.MultiIndex):
        return frame
    headers = [header_text(c) for c in frame.columns]
    if headers == list(frame.columns):
        return frame
    return frame.set_axis(headers, axis=1)


# --- values not shown ------------------------------------------------------------------------
#
# The Government Statistical Service's symbols, as the Department for Education's own files
# use them (``analysis.national.measures.SYMBOLS``). A value is missing for one of two
# reasons, and the book says which:
#
# - withheld ("c"): a count of people withheld (in the pack, or by ``--suppress-below``), or
#   a figure worked out from one. The models keep it as ``pd.NA``, which arithmetic carries
#   into every figure worked out from it.
# - not available ("x"): the pack has no data for it, or it cannot be worked out (a share
#   of a base of 0, a benefit per pound when the net cost is 0, a switching value out of
#   reach). The models keep it as ``None`` or NaN, never as ``pd.NA``.
#
# "z" (not applicable) is for a value that cannot apply to its row; the book uses it
# nowhere yet, and keeps it here so that it is not mistaken for either.

#: A withheld value: a small count of people, or a figure worked out from one.
WITHHELD = "c"
#: A value that is not available: no data, or it cannot be worked out.
NOT_AVAILABLE = "x"
#: A value that cannot apply (the GSS's "z").
NOT_APPLICABLE = "z"
#: What each symbol means, for the note under a table or chart that shows it.
MEANINGS = {
    WITHHELD: "withheld (a small count of people, or a figure worked out from one)",
    NOT_AVAILABLE: "not available (no data, or it cannot be worked out)",
    NOT_APPLICABLE: "not applicable",
}


def is_withheld(value: object) -> bool:
    """Whether a missing value is withheld (``pd.NA``: a withheld count, or a figure worked
    out from one) rather than not available (``None`` or NaN)."""
    return value is pd.NA


def missing_symbol(value: object) -> str:
    """The symbol for a value that is not shown: "c" where it is withheld (``pd.NA``), "x"
    where it is merely not available (``None``, NaN or anything else)."""
    return WITHHELD if is_withheld(value) else NOT_AVAILABLE


def symbol(withheld: bool) -> str:
    """The symbol for a missing cell of a table whose withheld cells are marked: "c" where
    it is withheld, "x" where it is not available."""
    return WITHHELD if withheld else NOT_AVAILABLE


def symbols_said(texts: list[str]) -> str:
    """For a chart's description: what the symbols among its labels ``texts`` mean (' c:
    withheld (...). x: not available (...).'); empty where there are none."""
    found = [s for s in MEANINGS if s in set(texts)]
    return "".join(f" {s}: {MEANINGS[s]}." for s in found)


def symbols_shown(frame: pd.DataFrame) -> list[str]:
    """The symbols ("c", "x", "z") a table shows in any of its cells, in that order."""
    cells = {v for column in frame.columns for v in frame[column] if isinstance(v, str)}
    return [s for s in MEANINGS if s in cells]


def symbols_note(frame: pd.DataFrame) -> str:
    """The note under a table saying what the symbols it shows mean ('c: withheld (...).
    x: not available (...).'); empty where it shows none."""
    return " ".join(f"{s}: {MEANINGS[s]}." for s in symbols_shown(frame))
