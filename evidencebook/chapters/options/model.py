"""The strands side by side for one authority: each strand's roll-out appraised there (its
``proposal``, :mod:`evidencebook.analysis.proposal`) in one table, with the inputs they use.

Everything here works on :class:`~evidencebook.analysis.proposal.Proposal` objects (or
anything with the same fields), so it can be tested with small hand-made ones; the strands'
proposals are made in :func:`proposals`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from evidencebook.analysis import local_inputs
from evidencebook.analysis import proposal as pr
from evidencebook.analysis.evidence import StrandEvidence
from evidencebook.analysis.local_inputs import LocalInput
from evidencebook.analysis.pack import not_available
from evidencebook.chapters.edge import proposal as edge
from evidencebook.chapters.edge.evidence import evidence as edge_evidence
from evidencebook.chapters.fit import proposal as fit
from evidencebook.chapters.fit.evidence import evidence as fit_evidence
from evidencebook.chapters.pa import proposal as pa
from evidencebook.chapters.pa.evidence import evidence as pa_evidence
from evidencebook.chapters.surgeries import proposal as surgeries
from evidencebook.chapters.surgeries.evidence import evidence as surgeries_evidence
from evidencebook.chapters.volunteers import proposal as volunteers
from evidencebook.chapters.volunteers.evidence import evidence as volunteers_evidence
from evidencebook.chapters.willow import proposal as willow
from evidencebook.chapters.willow.evidence import evidence as willow_evidence

#: Each strand's proposal and the pilot's evidence, in the book's order of the strands.
STRANDS: Mapping[str, tuple[Callable[..., pr.Proposal], Callable[[], StrandEvidence]]] = {
    "pa": (pa.proposal, pa_evidence),
    "fit": (fit.proposal, fit_evidence),
    "volunteers": (volunteers.proposal, volunteers_evidence),
    "edge": (edge.proposal, edge_evidence),
    "willow": (willow.proposal, willow_evidence),
    "surgeries": (surgeries.proposal, surgeries_evidence),
}


def local(la: str, sheet: str | Path = "") -> tuple[str, dict[str, LocalInput]]:
    """The authority's name and its local inputs (``local_inputs.for_authority``)."""
    return local_inputs.for_authority(la, sheet)


def proposals(
    inputs: Mapping[str, LocalInput], authority: str, settings: pr.Settings | None = None
) -> dict[str, pr.Proposal]:
    """Every strand's roll-out appraised for the authority, by strand, in the book's order."""
    return {s: make(inputs, authority, settings) for s, (make, _) in STRANDS.items()}


def evidence() -> dict[str, StrandEvidence]:
    """The pilot's evidence for each strand, by strand."""
    return {s: ev() for s, (_, ev) in STRANDS.items()}


def side_by_side(options: Mapping[str, Any]) -> pd.DataFrame:
    """One row per strand, as numbers (for download and checks): each proposal's
    :meth:`~evidencebook.analysis.proposal.Proposal.row`, ratio and interval blank where no
    benefit is valued."""
    rows = [p.row() for p in options.values()]
    return pd.DataFrame(rows)


def valued(options: Mapping[str, Any]) -> list[str]:
    """The strands whose evidence values a benefit, whatever the roll-out's size (one of
    nothing, ``Proposal.empty``, has no ratio, though its evidence still values one)."""
    return [s for s, p in options.items() if p.valued]


def inputs_used(options: Mapping[str, Any]) -> pd.DataFrame:
    """The inputs the roll-outs use, once each, with the strands that use them: the
    authority's (published, assumed or the council's own) and the pilot's model's. The
    effects borrowed from the pilot's evidence are each strand's own (see its paragraph)."""
    seen: dict[str, dict[str, object]] = {}
    for strand, p in options.items():
        for i in p.inputs:
            if i.kind == "evidence":
                continue
            if i.name in seen:
                seen[i.name]["used_by"].append(strand)  # type: ignore[union-attr]
                continue
            seen[i.name] = {
                "input": i.name,
                "what": i.label,
                "value": i.value,
                "unit": i.unit,
                "price_year": i.price_year,
                "kind": i.kind,
                "assumption": i.assumption,
                "source": i.source,
                "used_by": [strand],
            }
    rows = [{**r, "used_by": ", ".join(r["used_by"])} for r in seen.values()]  # type: ignore[arg-type]
    columns = ["input", "what", "value", "unit", "price_year", "kind", "assumption", "source",
               "used_by"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def figures(options: Mapping[str, Any], authority: str, settings: pr.Settings) -> dict:
    """Every figure the chapter states, by id (glued with dots as underscores)."""
    out: dict[str, object] = {
        "options.authority": authority,
        "options.price_year": settings.price_year,
        "options.years": settings.years,
        "options.discount_rate_pct": round(settings.discount_rate * 100, 2),
        "options.optimism_bias_pct": round(settings.optimism_bias * 100),
        "options.interval_level": interval_level(),
        "options.strands_n": len(options),
        "options.valued_n": len(valued(options)),
    }
    for strand, p in options.items():
        row = p.row()
        out[f"options.{strand}_scale"] = row["scale"]
        out[f"options.{strand}_cost_a_year"] = _rounded(row["cost_a_year"], -3)
        out[f"options.{strand}_reach_a_year"] = _rounded(row["reach_a_year"])
        # None (not available) where the roll-out would reach no one: an authority too small
        # for one post at the pilot's ratio (the Isles of Scilly's PAs) costs nothing a head
        out[f"options.{strand}_cost_per_reach"] = _rounded(row["cost_per_reach"])
        out[f"options.{strand}_grade"] = row["grade"]
        if row["bcr"] is not None:
            out[f"options.{strand}_bcr"] = _rounded(row["bcr"], 2)
            out[f"options.{strand}_bcr_low"] = _rounded(row["bcr_low"], 2)
            out[f"options.{strand}_bcr_high"] = _rounded(row["bcr_high"], 2)
    return out


def _rounded(value: float | None, digits: int | None = None) -> float | int | None:
    """``round(value, digits)``; None where there is no number (None, or NaN: a ratio with
    nothing to divide by)."""
    if not_available(value):
        return None
    return round(value) if digits is None else round(value, digits)


def interval_level() -> int:
    """The Monte Carlo interval's level in per cent (90)."""
    from evidencebook.analysis import uncertainty

    low, high = uncertainty.INTERVAL
    return int(high - low)


def changed(inputs: Mapping[str, LocalInput]) -> list[str]:
    """The local inputs a council's sheet changed."""
    return [n for n, i in inputs.items() if i.changed_by]


def key_results(options: Mapping[str, Any]) -> pd.DataFrame:
    """The chapter's key results: each strand's cost a year, ratio, interval and grade."""
    table = side_by_side(options)[
        ["strand", "scale", "cost_a_year", "bcr", "bcr_low", "bcr_high", "grade"]
    ]
    return table.round({"cost_a_year": -3, "bcr": 2, "bcr_low": 2, "bcr_high": 2})


def sequence(strands: Sequence[str]) -> str:
    """Names in a list: "a", "a and b", "a, b and c"."""
    items = list(strands)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
