"""Arithmetic and wording shared by every strand's model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from evidencebook.analysis import arrays

#: The two pilot authorities, by the short key the reference figures use in their ids
#: (``pa.hants_cost``, ``fit.families_iow``, ...). Only the report's figure ids use these:
#: models take the authorities a pack describes from its tables.
PILOT_AUTHORITIES = {"hants": "Hampshire", "iow": "Isle of Wight"}


def with_overheads(amount: float, overhead_rate: float) -> float:
    """An amount plus overheads charged as a share of it (0.2 adds 20%)."""
    if arrays.any_of(overhead_rate < 0):
        raise ValueError(f"overhead_rate must be 0 or more, got {overhead_rate}")
    return amount * (1 + overhead_rate)


def pct_change(before: float, after: float) -> float:
    """Change from ``before`` to ``after`` as a percentage of ``before``."""
    if before == 0:
        raise ZeroDivisionError("percentage change from zero is undefined")
    return (after - before) / before * 100


def whole(value: object) -> object:
    """A count as a plain int; ``pd.NA`` where it is withheld (shown "c"), ``None`` where it
    is not available (shown "x")."""
    if value is pd.NA:
        return pd.NA
    if value is None or pd.isna(value):
        return None
    return int(value)


def records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows of a table as dicts of plain Python values, as ``to_dict("records")`` gives
    them, except that a withheld value stays ``pd.NA`` (``to_dict`` makes it None, which
    means "not available")."""
    columns = list(frame.columns)
    return [
        {c: v.item() if hasattr(v, "item") and not isinstance(v, str) else v
         for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]  # fmt: skip


# --- authorities named in a pack -----------------------------------------------------------


def authorities(*frames: pd.DataFrame, column: str = "authority") -> list[str]:
    """The authorities named in tables, in pack order: the order they first appear in the
    first table, then any new ones from the next, and so on. Blank names are skipped."""
    out: dict[str, None] = {}
    for frame in frames:
        if column in frame.columns:
            out.update((str(a), None) for a in frame[column].dropna())
    return list(out)


def report_ids(
    by_authority: Mapping[str, Mapping[str, object]], ids: Mapping[str, Mapping[str, str]]
) -> dict[str, object]:
    """The report's figure ids for whichever of its pilot authorities a pack holds.

    ``by_authority`` holds each authority's figures under generic names; ``ids`` maps a
    pilot key of :data:`PILOT_AUTHORITIES` to {report figure id: generic name}. A figure is
    given only where the pack has that pilot authority and the figure for it.
    """
    out: dict[str, object] = {}
    for key, authority in PILOT_AUTHORITIES.items():
        figures = by_authority.get(authority, {})
        for fid, name in ids.get(key, {}).items():
            if name in figures:
                out[fid] = figures[name]
    return out


# --- naming authorities in generated prose -------------------------------------------------


def _escape(name: str, escape: bool) -> str:
    from evidencebook.analysis.formatting import markdown_escape

    return markdown_escape(name) if escape else name


def _island(name: str) -> bool:
    return name.lower().startswith(("isle of ", "isles of "))


def _takes_the(name: str) -> bool:
    """Islands and compass-point regions take "the": the Isle of Wight, the South East."""
    words = name.lower().split()
    compass = len(words) > 1 and words[0] in ("north", "south", "east", "west")
    return _island(name) or (compass and words[1] in ("east", "west", "midlands", "of"))


def the(name: str, escape: bool = True) -> str:
    """An area's name as prose uses it mid-sentence: islands and regions named by compass
    points take "the" ("the Isle of Wight", "the South East"), other names stand alone
    ("Hampshire"). Escaped for Markdown unless ``escape`` is False (for text glued as plain
    text)."""
    return ("the " if _takes_the(name) else "") + _escape(name, escape)


def possessive(name: str, escape: bool = True) -> str:
    """'Hampshire's', 'the Isle of Wight's'."""
    return the(name, escape) + "'s"


def in_place(name: str, escape: bool = True) -> str:
    """'in Hampshire', 'on the Isle of Wight'."""
    return ("on " if _island(name) else "in ") + the(name, escape)


def capital(text: str) -> str:
    """Text with its first letter in capitals, to start a sentence."""
    return text[:1].upper() + text[1:]


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c')."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def share_parts(part: float, whole: float, decimals: int = 0) -> tuple[str, str]:
    """A share from a stated base and its interval, as the chapters print them:
    ('68%', '95% interval 60% to 76%') (Wilson's interval, see ``uncertainty``)."""
    from evidencebook.analysis.uncertainty import share_interval

    s = share_interval(part, whole)
    return f"{s.pct:.{decimals}f}%", s.interval_text(decimals)


def share_text(part: float, whole: float, decimals: int = 0) -> str:
    """'68%; 95% interval 60% to 76%'."""
    return "; ".join(share_parts(part, whole, decimals))


def change_words(pct: float, decimals: int = 0) -> str:
    """A percentage change in words: 'up 93%', 'down 5%', 'no change'."""
    if round(pct, decimals) == 0:
        return "no change"
    return f"{'up' if pct > 0 else 'down'} {abs(pct):.{decimals}f}%"


def period_text(first: str, last: str) -> str:
    """Two months (YYYY-MM) as a period: 'January to September 2016', 'October 2015 to
    September 2016', or one month alone."""
    a, b = pd.Timestamp(f"{first}-01"), pd.Timestamp(f"{last}-01")
    if a == b:
        return month_name(first)
    if a.year == b.year:
        return f"{a.strftime('%B')} to {month_name(last)}"
    return f"{month_name(first)} to {month_name(last)}"


def month_name(month: str) -> str:
    """'2015-10' becomes 'October 2015'."""
    return pd.Timestamp(f"{month}-01").strftime("%B %Y")


def no_data(what: str) -> str:
    """The sentence shown where a pack has no figures for part of a chapter."""
    return f"This data pack has no figures for {what}, so this part of the evidence is not shown."


#: Months averaged at each end of a noisy monthly series before comparing its ends.
NOISY_WINDOW = 3


def window_means(
    months: Iterable[str], counts: Iterable[object], window: int = NOISY_WINDOW
) -> dict[str, object] | None:
    """A monthly series compared end to end without resting on two single months: the mean a
    month over its first ``window`` months and over its last ``window``, and the change
    between them, with the lowest and highest single months beside them (how noisy it is).

    ``months`` (YYYY-MM) and ``counts`` are in time order; a blank count (no data) is left
    out. None when fewer than two windows' worth of months are counted (the ends would
    overlap). A mean with a withheld count in it is ``pd.NA``, and so is the change; the
    lowest and highest are ``pd.NA`` if any month is withheld (the others would not be the
    range).
    """
    from evidencebook.analysis.pack import not_available

    pairs = [
        (str(m), c) for m, c in zip(months, counts, strict=True) if c is pd.NA or not pd.isna(c)
    ]
    if window < 1 or len(pairs) < 2 * window:
        return None
    head, tail = pairs[:window], pairs[-window:]

    def mean(part: list[tuple[str, object]]) -> object:
        vals = [c for _, c in part]
        if any(not_available(v) for v in vals):
            return pd.NA
        return sum(float(v) for v in vals) / len(vals)

    before, after = mean(head), mean(tail)
    every = [c for _, c in pairs]
    shut = any(not_available(c) for c in every)
    change = (
        pd.NA
        if not_available(before) or not_available(after)
        else (pct_change(before, after) if before else float("nan"))
    )
    return {
        "window": window,
        "first_from": head[0][0],
        "first_to": head[-1][0],
        "last_from": tail[0][0],
        "last_to": tail[-1][0],
        "before": before,
        "after": after,
        "change": change,
        "low": pd.NA if shut else min(float(c) for c in every),
        "high": pd.NA if shut else max(float(c) for c in every),
        "months": len(pairs),
    }


def window_text(w: dict[str, object], what: str, decimals: int = 0) -> str:
    """:func:`window_means` in words: 'return interviews averaged 77 a month in October to
    December 2015 and 93 a month in July to September 2016 (up 20%); single months ranged
    from 52 to 118'. "c" for a figure worked out from a withheld count, "x" for one that
    is not available (a change from a mean of 0)."""
    from evidencebook.analysis.formatting import missing_symbol
    from evidencebook.analysis.pack import not_available

    def n(v: object) -> str:
        return missing_symbol(v) if not_available(v) else f"{float(v):,.{decimals}f}"

    moved = missing_symbol(w["change"]) if not_available(w["change"]) else change_words(w["change"])
    text = (
        f"{what} averaged {n(w['before'])} a month in "
        f"{period_text(w['first_from'], w['first_to'])} and {n(w['after'])} a month in "
        f"{period_text(w['last_from'], w['last_to'])} ({moved})"
    )
    if not not_available(w["low"]):
        text += f"; single months ranged from {n(w['low'])} to {n(w['high'])}"
    return text
