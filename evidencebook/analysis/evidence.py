"""The pilot's evidence: what Hampshire and the Isle of Wight found, held fixed and cited.

A roll-out elsewhere borrows the pilot's findings (the time PAs freed, the share of the edge
of care cohort who entered care, ...). They are *evidence*, not an authority's own data: they
stay the same whatever authority a book is built for, and each carries what a reader needs to
judge how far it can be leaned on:

* :class:`Effect`: one finding, with its value and unit, its base (``n``: how many people,
  files or responses it rests on) and what kind of base that is (:data:`BASE_KINDS`), its
  interval where it comes from a sample with a stated count (Wilson's method,
  :mod:`evidencebook.analysis.uncertainty`; never on a base the report does not state, nor
  on a complete count, where sampling adds no uncertainty), its source in the report
  (section or table, and the id of its row in ``data/reference_figures.csv`` where it has
  one), its design in words, and how strong it is.
* :class:`StrandEvidence`: a strand's effects, with **one** strength of evidence for the
  strand on the book's one scale (``appraisal.EVIDENCE_GRADES``), so the strand chapter, its
  appraisal and the value-for-money chapter grade it the same way (:attr:`grade`, :attr:`cut`).

Each strand's evidence is built in ``evidencebook/chapters/<strand>/evidence.py``, computed
from the default pack (the pilot's data) by the chapter's own model: no figure is typed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis.common import capital
from evidencebook.analysis.figures import reference_figures
from evidencebook.analysis.formatting import markdown_escape
from evidencebook.analysis.pack import default_pack_dir, load_chapter
from evidencebook.analysis.uncertainty import (
    SHARE_CONFIDENCE,
    format_share,
    interval_figures,
    share_interval,
)

#: The kinds of base an effect can rest on, and what each means for its uncertainty.
BASE_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "sample": "a sample: some of those who could have been counted (interval by Wilson's "
        "method where the count behind a share is stated)",
        "complete": "a complete count: everyone in the group, so sampling adds no uncertainty and "
        "no interval is given",
        "not_stated": "the report gives no base (any base would be a guess), so no interval is "
        "given; the uncertainty is said in words",
        "assumption": "an assumption the report made, not a measurement: no base and no interval",
    }
)

#: Why an effect of each kind of base has no interval (a sample has one only with its count).
NO_INTERVAL: Mapping[str, str] = MappingProxyType(
    {
        "sample": "the report gives the average, not the spread, so no interval can be worked out",
        "complete": "a complete count, not a sample: no sampling interval",
        "not_stated": "no interval, as any base would be a guess",
        "assumption": "not a measurement, so no interval",
    }
)

#: The strengths of evidence, strongest first (the keys of ``appraisal.EVIDENCE_GRADES``).
STRENGTHS: tuple[str, ...] = tuple(ap.EVIDENCE_GRADES)


def pilot_tables(chapter: str) -> dict[str, pd.DataFrame]:
    """A chapter's tables from the default pack shipped with the project (the pilot's own
    data, Hampshire and the Isle of Wight), whatever pack or authority a book is built for:
    read once in a process, each caller given its own copies."""
    return {name: frame.copy() for name, frame in _pilot_tables(chapter).items()}


@functools.cache
def _pilot_tables(chapter: str) -> dict[str, pd.DataFrame]:
    return load_chapter(chapter, default_pack_dir())


def stated_in(reference_id: str) -> str:
    """Where the report states a figure (its section or table), from its row of
    ``data/reference_figures.csv`` in the default pack; a KeyError if it has no row."""
    where = _stated()
    if reference_id not in where:
        raise KeyError(f"no row {reference_id!r} in the reference figures")
    return where[reference_id]


@functools.cache
def _stated() -> dict[str, str]:
    reference = reference_figures()
    return dict(zip(reference["id"], reference["stated_in"].astype(str), strict=True))


def check_strength(strength: str) -> str:
    """``strength`` if it is on the book's scale (``appraisal.EVIDENCE_GRADES``), else raise."""
    ap.grade_for_evidence(strength)  # raises with the scale in the message
    return strength


@dataclass(frozen=True)
class Effect:
    """One finding of the pilot a roll-out would borrow.

    ``value`` is in ``unit`` (percentages as 0-100, as the report and the chapters give
    them); ``comparison`` is the value it is compared with where the finding is a change
    (``compared_with`` says what that is: "before the pilot", "in teams without PAs"), with
    its own reference id ``comparison_id``. ``n`` is the base the
    value rests on (None where the report gives none), ``base`` says what it counts.
    ``successes`` is the count behind a share from a sample ("17 of 19"), which gives the
    interval. ``strength`` is this effect's strength on the book's scale. ``figure_id`` is
    the id the chapter glues the value under where that is not ``reference_id`` (the report
    writes "5/12"; the chapter glues the percentage as ``edge.positive_pct``).
    """

    id: str
    what: str
    value: float
    unit: str
    n: int | None
    base: str
    base_kind: str
    source: str
    reference_id: str | None
    design: str
    strength: str
    successes: int | None = None
    comparison: float | None = None
    comparison_id: str | None = None
    compared_with: str = "before the pilot"
    figure_id: str | None = None

    def __post_init__(self) -> None:
        if self.base_kind not in BASE_KINDS:
            raise ValueError(
                f"{self.id}: base_kind must be one of {', '.join(BASE_KINDS)}; "
                f"got {self.base_kind!r}"
            )
        check_strength(self.strength)
        for name in ("value", "comparison"):  # plain numbers, not numpy's
            number = getattr(self, name)
            if number is not None:
                object.__setattr__(self, name, float(number))
        if self.successes is not None:
            if self.base_kind not in ("sample", "complete") or self.n is None:
                raise ValueError(f"{self.id}: a count of successes needs a sample or complete base")
            share_interval(self.successes, self.n)  # validates 0 <= k <= n, n > 0
        if self.base_kind == "assumption" and self.n is not None:
            raise ValueError(f"{self.id}: an assumption has no base")

    @property
    def interval(self) -> tuple[float, float] | None:
        """The 95% interval of a share from a sample with its count stated (percentages,
        Wilson's method); None otherwise (see :attr:`interval_note`)."""
        if self.base_kind != "sample" or self.successes is None or self.n is None:
            return None
        share = share_interval(self.successes, self.n, SHARE_CONFIDENCE)
        return share.low_pct, share.high_pct

    @property
    def interval_note(self) -> str:
        """The interval in words, or why there is none."""
        if self.interval is not None:
            return share_interval(self.successes, self.n, SHARE_CONFIDENCE).interval_text()
        return NO_INTERVAL[self.base_kind]

    @property
    def grade(self) -> int:
        """The confidence grade this effect's strength gives (the book's one rule)."""
        return ap.grade_for_evidence(self.strength)

    def value_text(self) -> str:
        """The value as the book writes it: "14%", "3 a year", "£40,913"."""
        return _number(self.value, self.unit)

    def text(self) -> str:
        """The effect in one line: its value (and what it is compared with), its base and
        its interval or why it has none."""
        if self.successes is not None and self.n is not None:
            complete = self.base_kind == "complete"
            shown = format_share(self.successes, self.n, SHARE_CONFIDENCE, complete=complete)
            why = f"; {self.interval_note}" if complete else ""
            return f"{self.what}: {shown} ({self.base}{why})"
        shown = self.value_text()
        if self.comparison is not None:
            shown += f" against {_number(self.comparison, self.unit)} {self.compared_with}"
        return f"{self.what}: {shown} ({self.base_text()}; {self.interval_note})"

    def base_text(self) -> str:
        """The base in words: "11 CIN social workers ...", "no base stated: ..."."""
        if self.base_kind == "assumption":
            return "an assumption of the report"
        if self.n is not None:
            return f"{self.n:,} {self.base}"
        if self.base_kind == "not_stated":
            return f"no base stated: {self.base}" if self.base else "no base stated"
        return self.base

    @property
    def glued_id(self) -> str | None:
        """The id the strand's chapter glues this value under (``figure_id`` or
        ``reference_id``)."""
        return self.figure_id or self.reference_id

    def figures(self) -> dict[str, float]:
        """{figure id: value} for the ids this effect carries (value, and comparison), as the
        strand's chapter glues them."""
        out: dict[str, float] = {}
        if self.glued_id:
            out[self.glued_id] = self.value
        if self.comparison_id and self.comparison is not None:
            out[self.comparison_id] = self.comparison
        return out


def _number(value: float, unit: str) -> str:
    """A value with its unit, as the chapters write it."""
    if unit == "%":
        return f"{value:.0f}%"
    if unit == "% change":
        return f"{value:+.0f}%"
    if unit == "GBP":
        return f"£{value:,.0f}"
    return f"{value:,.0f} {unit}" if float(value).is_integer() else f"{value:,.1f} {unit}"


@dataclass(frozen=True)
class StrandEvidence:
    """A strand's evidence: its effects and one strength of evidence for the strand.

    ``strength`` is on the book's scale (``appraisal.EVIDENCE_GRADES``); :attr:`grade` is the
    confidence grade the book's one rule gives it and :attr:`cut` the share by which the
    appraisal cuts a benefit resting on it. ``why`` says why the strand's evidence is that
    strong (its design overall), ``summary`` what the pilot found, in the past tense.
    """

    strand: str
    title: str
    strength: str
    why: str
    summary: str
    effects: tuple[Effect, ...]

    def __post_init__(self) -> None:
        check_strength(self.strength)
        ids = [e.id for e in self.effects]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.strand}: effect ids repeat: {ids}")

    @property
    def grade(self) -> int:
        """The confidence grade of the strand's evidence (moderate is grade 3)."""
        return ap.grade_for_evidence(self.strength)

    @property
    def cut(self) -> float:
        """The share by which a benefit resting on this evidence is cut (GMCA convention)."""
        return ap.confidence_reduction(self.grade)

    def effect(self, effect_id: str) -> Effect:
        """The effect with this id (a KeyError naming the ids there are, if none)."""
        for e in self.effects:
            if e.id == effect_id:
                return e
        raise KeyError(f"{self.strand} has no effect {effect_id!r}; it has {', '.join(self.ids())}")

    def ids(self) -> list[str]:
        return [e.id for e in self.effects]

    def reference_ids(self) -> list[str]:
        """Every id of ``data/reference_figures.csv`` the effects cite."""
        return [i for e in self.effects for i in (e.reference_id, e.comparison_id) if i]

    def figures(self) -> dict[str, float]:
        """{figure id: value} for every effect (and what it is compared with, where cited)."""
        out: dict[str, float] = {}
        for e in self.effects:
            out |= e.figures()
        return out

    def interval_figures(self) -> dict[str, float]:
        """``<figure id>_low`` and ``_high`` (percentages) for every effect with an interval,
        as the chapters glue them beside the share (``edge.positive_pct_low``)."""
        shares = {
            e.glued_id: (e.successes, e.n)
            for e in self.effects
            if e.interval is not None and e.glued_id
        }
        return interval_figures(shares, SHARE_CONFIDENCE)

    def table(self) -> pd.DataFrame:
        """The effects as a table to show: one row each, plain text."""
        rows = [
            {
                "effect": e.what,
                "value": e.value_text(),
                "compared_with": ""
                if e.comparison is None
                else f"{_number(e.comparison, e.unit)} {e.compared_with}",
                "base": e.base_text(),
                "interval": e.interval_note,
                "design": e.design,
                "strength": e.strength,
                "source": e.source,
                "reference_id": e.reference_id or "",
            }
            for e in self.effects
        ]
        return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))

    def markdown(self) -> str:
        """The effects as a bulleted list for a MyST page, every text escaped."""
        head = (
            f"Evidence for {markdown_escape(self.title)}: {markdown_escape(self.strength)} "
            f"(confidence grade {self.grade}). {markdown_escape(self.why)}"
        )
        return "\n".join([head, "", *self.effect_lines()])

    def effect_lines(self) -> list[str]:
        """Each effect as a bulleted line for a MyST page: what it is, its value, base and
        interval (or why none), and its source, every text escaped."""
        return [
            f"- {markdown_escape(capital(e.text()))} Source: {markdown_escape(e.source)}."
            for e in self.effects
        ]


#: Columns of :meth:`StrandEvidence.table`.
TABLE_COLUMNS = (
    "effect",
    "value",
    "compared_with",
    "base",
    "interval",
    "design",
    "strength",
    "source",
    "reference_id",
)


def grades(evidence: Mapping[str, StrandEvidence]) -> pd.DataFrame:
    """One row per strand: strength, grade and cut (for the value-for-money comparison)."""
    rows = [
        {"strand": s, "strength": e.strength, "grade": e.grade, "cut": e.cut, "why": e.why}
        for s, e in evidence.items()
    ]
    return pd.DataFrame(rows, columns=["strand", "strength", "grade", "cut", "why"])
