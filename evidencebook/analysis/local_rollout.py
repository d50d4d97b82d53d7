"""A strand's roll-out in one authority: the last section of the strand's chapter in a book
built for an authority (``evidencebook build --la NAME``).

A strand's chapter retells what the pilot found in Hampshire and the Isle of Wight. In a book
built for another authority it ends with a section that keeps the two apart:

* **what the pilot found**, in the past tense, from the strand's evidence
  (:class:`~evidencebook.analysis.evidence.StrandEvidence`: its summary, its strength and
  grade, each effect with its base, interval and source in the report);
* **what a roll-out in the authority would mean**, in the conditional, from the strand's
  proposal (:mod:`evidencebook.analysis.proposal`): what it would cost and buy or free at the
  authority's scale, year by year, the ratio with its interval only where the pilot valued a
  benefit, and the inputs used with their sources;
* **what would have to be true** for it to pay its way (the switching values in words, or
  what each one reached would have to be worth) and **what the evidence cannot tell** (the
  proposal's caveats).

:func:`add_to` adds all of it to a chapter's result under the keys :data:`KEYS`, and its
figures under ``<prefix>.la.*`` (:func:`figures`); with no authority (the parameter
``rollout_la`` empty, as in a book built without ``--la``) it adds nothing, and ``show``
shows nothing for those keys. The notebook's cells of the section are tagged
:data:`CELL_TAG`: the build leaves them out of a book built without ``--la``.

The same proposal, the same settings and the same inputs as the options chapter: a strand's
section and its row in "Options side by side" cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from evidencebook.analysis import local_inputs, uncertainty
from evidencebook.analysis import proposal as pr
from evidencebook.analysis.common import capital
from evidencebook.analysis.evidence import STRENGTHS, StrandEvidence
from evidencebook.analysis.formatting import markdown_escape
from evidencebook.analysis.ranges import format_value

#: The tag of a notebook cell shown only in a book built for an authority (``build --la``).
CELL_TAG = "authority-only"

#: The keys the section adds to a chapter's result (texts and tables).
KEYS = ("la_found", "la_rollout", "la_streams", "la_believe", "la_inputs", "la_caveats")

#: Where the section's figures come from.
SOURCE = (
    "Book's proposal for the authority (analysis.proposal): the authority's published figures "
    "or its inputs sheet, the pilot's evidence, Green Book 2022 appraisal"
)

#: Whose each kind of input is, as the inputs table says it.
KIND_WORDS = {
    "local": "The authority's",
    "pilot": "The pilot's model",
    "evidence": "The pilot's evidence",
}

#: The pilot's place, as the section names it.
PILOT = "Hampshire and the Isle of Wight"


def wanted(params: Any) -> bool:
    """Whether the chapter ends with a roll-out: ``rollout_la`` names an authority."""
    return bool(str(getattr(params, "rollout_la", "")).strip())


def proposal_for(
    make: Callable[..., pr.Proposal], evidence: StrandEvidence, params: Any
) -> pr.Proposal:
    """The strand's proposal for the authority ``params.rollout_la``, with the council's
    inputs sheet ``params.inputs_sheet`` over the published defaults (if given) and the
    chapter's appraisal settings (``proposal.Settings.of``)."""
    authority, inputs = local_inputs.for_authority(params.rollout_la, params.inputs_sheet)
    return make(inputs, authority, pr.Settings.of(params), evidence=evidence)


def figures(p: pr.Proposal, prefix: str) -> dict[str, Any]:
    """The figures the section's prose glues, under ``<prefix>.la.``: the authority, the
    years appraised, the price year, the evidence's strength and grade, the roll-out's size,
    its cost a year (with optimism bias) and, where a benefit is valued, its ratio."""
    row = p.row()
    out: dict[str, Any] = {
        "authority": p.authority,
        "years": p.years,
        "price_year": p.price_year,
        "strength": p.strength,
        "grade": p.grade,
        "scale": p.scale,
        "cost_a_year": row["cost_a_year"],
        "pv_cost": p.appraisal.pv_cost,
        "cost_per_reach": None if p.empty else p.cost_per_reach,  # none: nothing reached
    }
    if p.bcr is not None:
        out |= {"bcr": p.bcr, "bcr_low": row["bcr_low"], "bcr_high": row["bcr_high"]}
    return {f"{prefix}.la.{k}": v for k, v in out.items()}


def found_text(evidence: StrandEvidence) -> str:
    """What the pilot found, in the past tense: its summary, how strong the evidence is and
    why, and each effect a roll-out would borrow with its base, interval and source."""
    lines = [
        f"In {PILOT}, the pilot's evaluation found: {markdown_escape(evidence.summary)} "
        f"On the book's scale of the strength of evidence ({', '.join(STRENGTHS)}), it is "
        f"rated *{markdown_escape(evidence.strength)}* (confidence grade {evidence.grade} of "
        f"{len(pr.ADJUSTMENTS)}). {markdown_escape(evidence.why)}",
        "",
        "What the pilot measured, which the roll-out below borrows:",
        "",
    ]
    return "\n".join([*lines, *evidence.effect_lines()])


def rollout_text(p: pr.Proposal) -> str:
    """What a roll-out in the authority would cost and buy or free, in the conditional."""
    low, high = uncertainty.INTERVAL
    parts = [markdown_escape(pr.cost_text(p))]
    if p.empty:
        return parts[0]
    if p.valued:
        parts.append(
            f"The {high - low}% intervals come from a Monte Carlo of "
            f"{p.settings.mc_runs:,} draws over the cost ranges, the borrowed effects and the "
            "evidence grades either side."
        )
    else:
        parts.append(
            "The pilot put no money value on what it found, so there is no benefit-cost ratio, "
            "net present value or payback: the cost of what it would buy is the figure to weigh."
        )
    return " ".join(parts)


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {markdown_escape(item)}" for item in items)


def believe_text(p: pr.Proposal) -> str:
    """What would have to be true for the roll-out to pay its way, as a bulleted list."""
    return _bullets(p.believe)


def caveats_text(p: pr.Proposal) -> str:
    """What the evidence cannot tell, as a bulleted list: the proposal's caveats."""
    return _bullets(p.caveats)


def _money(x: float) -> str:
    return "£0" if x == 0 else format_value(x, "gbp")


def streams_table(p: pr.Proposal) -> pd.DataFrame:
    """Year by year as shown: cost with optimism bias, the valued benefits after the
    adjustments for the evidence (only where a benefit is valued), the discount factor, and
    the present values so far. Year 0 is the first year of delivery."""
    s = p.streams
    table = pd.DataFrame({"Year": s["year"].astype(int)})
    table["Cost, with optimism bias"] = s["cost"].map(_money)
    if p.valued:
        table["Cashable benefit, adjusted"] = s["benefit_cashable"].map(_money)
        table["Notional benefit, adjusted"] = s["benefit_notional"].map(_money)
    table["Discount factor"] = s["discount_factor"].map(lambda x: f"{x:.3f}")
    table["Present value of costs so far"] = s["cum_pv_cost"].map(_money)
    if p.valued:
        table["Present value of benefits so far"] = s["cum_pv_benefit"].map(_money)
        net = s["cum_pv_benefit"] - s["cum_pv_cost"]
        table["Net present value so far"] = net.map(_money)
    return table


def inputs_shown(p: pr.Proposal) -> pd.DataFrame:
    """The inputs used as shown: what, whose, value (at its own price year), the range the
    Monte Carlo draws, and the source (an assumption named as such)."""
    rows = [
        {
            "Input": capital(i.label),
            "Whose": KIND_WORDS.get(i.kind, i.kind),
            "Value": format_value(i.value, i.unit)
            + (f" at {i.price_year} prices" if i.unit == "gbp" and i.price_year else ""),
            "Range drawn": ""
            if not i.varied
            else f"{format_value(i.low, i.unit)} to {format_value(i.high, i.unit)}",  # type: ignore[arg-type]
            "Source": i.source,
        }
        for i in p.inputs
    ]
    return pd.DataFrame(rows, columns=["Input", "Whose", "Value", "Range drawn", "Source"])


def add_to(
    result: Any,
    prefix: str,
    make: Callable[..., pr.Proposal],
    evidence: Callable[[], StrandEvidence],
    params: Any,
) -> pr.Proposal | None:
    """Add the section to a chapter's ``result`` (a ``ChapterResult``) when ``params``
    names an authority (``rollout_la``); return the proposal (None, and nothing added,
    when no authority is named). ``make`` is the strand's ``proposal``, ``evidence`` its
    pilot evidence."""
    result.optional_keys |= set(KEYS)
    if not wanted(params):
        return None
    ev = evidence()
    p = proposal_for(make, ev, params)
    result.add_figures(figures(p, prefix), source=SOURCE)
    result.add_text("la_found", found_text(ev))
    result.add_text("la_rollout", rollout_text(p))
    result.add_table(
        "la_streams",
        streams_table(p),
        download=f"Roll-out in {p.authority}, year by year",
        download_frame=p.streams,
    )
    result.add_text("la_believe", believe_text(p))
    result.add_table(
        "la_inputs",
        inputs_shown(p),
        download=f"Roll-out in {p.authority}, inputs",
        download_frame=p.inputs_table(),
    )
    result.add_text("la_caveats", caveats_text(p))
    return p
