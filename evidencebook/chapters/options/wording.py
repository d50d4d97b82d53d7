"""The options chapter's words: the side-by-side table as it is shown, a short passage per
strand (what a roll-out in the authority would mean, in the conditional; what the pilot in
Hampshire and the Isle of Wight found, in the past tense, kept apart), the inputs used and
the caveats. Everything is written from the proposals and the evidence; nothing is typed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis.common import capital
from evidencebook.analysis.evidence import _number as evidence_number
from evidencebook.analysis.formatting import markdown_escape
from evidencebook.analysis.proposal import empty_text
from evidencebook.analysis.ranges import format_value
from evidencebook.analysis.uncertainty import SHARE_CONFIDENCE, format_share
from evidencebook.chapters.options import model

#: Headings of the side-by-side table as shown.
COLUMNS = (
    "Option",
    "Cost a year",
    "Cashable benefit a year",
    "Notional benefit a year",
    "Benefit-cost ratio",
    "Evidence",
    "What you would need to believe",
)

NONE_VALUED = "none valued"
NO_RATIO = "no ratio"
#: The ratio cell of a roll-out of nothing (``Proposal.empty``).
NO_ROLLOUT = "no roll-out at this size"


def money(x: float) -> str:
    """An amount as a committee reads it: £5.9 million, £232,000, £4,300."""
    if abs(x) >= 1_000_000:
        return f"£{x / 1_000_000:,.1f} million"
    if abs(x) >= 10_000:
        return f"£{round(x, -3):,.0f}"
    return f"£{round(x, -2):,.0f}"


def count(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def short_unit(unit: str) -> str:
    """A unit without its bracketed note, for the table."""
    return unit.split(" (", 1)[0]


def title(p: Any) -> str:
    return capital(p.title)


def scale_text(p: Any) -> str:
    unit = p.model.scale_one if p.scale == 1 else p.model.scale_unit
    return f"{count(p.scale)} {short_unit(unit)}"


def ratio_text(p: Any) -> str:
    """ "0.41 (0.22 to 0.61)", or why there is none."""
    if p.empty:
        return NO_ROLLOUT
    if p.bcr is None:
        return NO_RATIO
    low, high = p.bcr_interval
    return f"{p.bcr:.2f} ({low:.2f} to {high:.2f})"


def believe_short(p: Any) -> str:
    """What one would need to believe, in a sentence: the first switching value where a
    benefit is valued, else what each one reached would have to be worth."""
    if p.empty:
        return p.believe[0]
    if p.bcr is not None and p.switching:
        return p.switching[0].sentence
    reach = f"{p.flows.reach:,.0f} {short_unit(p.model.reach_unit)}"
    return (
        f"That each of the {reach} gains or saves at least {money(p.cost_per_reach)} over "
        f"{p.settings.years} years."
    )


def options_table(options: Mapping[str, Any]) -> pd.DataFrame:
    """The side-by-side table as shown: one row per strand."""
    rows = []
    for p in options.values():
        row = p.row()
        rows.append(
            dict(
                zip(
                    COLUMNS,
                    (
                        f"{title(p)}: {scale_text(p)}",
                        money(row["cost_a_year"]),
                        money(row["benefit_cashable_a_year"])
                        if p.bcr is not None and row["benefit_cashable_a_year"]
                        else NONE_VALUED,  # noqa: E501
                        money(row["benefit_notional_a_year"])
                        if p.bcr is not None and row["benefit_notional_a_year"]
                        else NONE_VALUED,  # noqa: E501
                        ratio_text(p),
                        f"{p.strength} (grade {p.grade})",
                        believe_short(p),
                    ),
                    strict=True,
                )
            )
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def rollout_text(p: Any) -> str:
    """What a roll-out in the authority would mean, in the conditional (money as the
    chapter states it once: at the price year's prices, with optimism bias)."""
    if p.empty:
        return empty_text(p)
    s = p.settings
    row = p.row()
    reach = f"{p.flows.reach:,.0f}"
    parts = [
        f"A roll-out of {scale_text(p)} in {p.authority} would cost about "
        f"{money(row['cost_a_year'])} a year and would buy "
        f"{p.model.buys.format(reach=reach)}: about {money(p.cost_per_reach)} for each over "
        f"{s.years} years."
    ]
    if p.bcr is not None:
        cash = row["benefit_cashable_a_year"]
        kind = "none of it cashable" if not cash else f"{money(cash)} of it cashable"
        low, high = p.bcr_interval
        parts.append(
            f"It would free {p.model.benefit_words} worth about "
            f"{money(cash + row['benefit_notional_a_year'])} a year ({kind}); the "
            f"benefit-cost ratio would be {p.bcr:.2f} ({model.interval_level()}% interval "
            f"{low:.2f} to {high:.2f})."
        )
    else:
        parts.append("The pilot valued no benefit, so there would be no ratio.")
    return " ".join(parts)


def effect_text(effect: Any) -> str:
    """An effect in a few words: what, and its value (a share with its count and interval;
    else the value and what it was compared with). Its base and design are in the strand's
    chapter."""
    if getattr(effect, "successes", None) is not None and getattr(effect, "n", None) is not None:
        complete = effect.base_kind == "complete"
        shown = format_share(effect.successes, effect.n, SHARE_CONFIDENCE, complete=complete)
    else:
        shown = effect.value_text()
        if effect.comparison is not None:
            compared = effect.compared_with
            shown += f" against {evidence_number(effect.comparison, effect.unit)} {compared}"
    return f"{capital(effect.what)}: {shown}"


def pilot_text(evidence: Any) -> str:
    """What the pilot in Hampshire and the Isle of Wight found, in the past tense: its
    summary and its first effect that was measured (not one of the report's assumptions);
    how strong the evidence is stands in the table."""
    found = [e for e in evidence.effects if getattr(e, "base_kind", "") != "assumption"]
    first = effect_text(found[0]) if found else ""
    tail = f" {first.rstrip('.')}." if first else ""
    return f"{evidence.summary}{tail}"


def strand_text(p: Any, evidence: Any) -> str:
    """One strand's passage: its title, the roll-out and, apart, the pilot's findings."""
    return "\n".join(
        [
            f"**{markdown_escape(title(p))}.**",
            "",
            f"- *If {markdown_escape(p.authority)} did it:* {markdown_escape(rollout_text(p))}",
            "- *What the pilot in Hampshire and the Isle of Wight found:* "
            + markdown_escape(pilot_text(evidence)),
        ]
    )


def strands_text(options: Mapping[str, Any], evidence: Mapping[str, Any]) -> str:
    """Every strand's passage, in the book's order."""
    return "\n\n".join(strand_text(p, evidence[s]) for s, p in options.items())


def inputs_table(used: pd.DataFrame) -> pd.DataFrame:
    """The authority's inputs as shown (the ones a council's sheet can change): what, value,
    used by and source (which names an assumption as such, and the year, the price year of
    an amount). The pilot's own figures each roll-out uses are in the download and the
    strand's chapter."""
    rows = []
    for r in used[used["kind"] == "local"].itertuples(index=False):
        rows.append(
            {
                "Input": capital(short_unit(r.what)),
                "Value": format_value(r.value, r.unit),
                "Used by": r.used_by,
                "Source": r.source,
            }
        )
    return pd.DataFrame(rows, columns=["Input", "Value", "Used by", "Source"])


def caveats(options: Mapping[str, Any], inputs: Mapping[str, Any]) -> str:
    """The chapter's caveats, as a bulleted list, written from the proposals and inputs."""
    any_p = next(iter(options.values()))
    s = any_p.settings
    level = model.interval_level()
    assumed = sorted({i.label for p in options.values() for i in p.inputs if i.assumption})
    changed = model.changed(inputs)
    items = [
        "Every effect a roll-out borrows was found in one pilot, in Hampshire and the Isle of "
        "Wight, mostly with no comparison group: it may not hold elsewhere (each strand's "
        "chapter says how far it can be leaned on).",
        "Notional benefits value time or capacity and release no cash unless posts or spending "
        "are cut; cashable and notional benefits are kept apart.",
        f"Money is at {s.price_year} prices, costs with {s.optimism_bias:.0%} optimism bias; "
        f"present values are over {s.years} years at {s.discount_rate:.1%} a year (Green "
        "Book). A valued benefit is cut for its evidence grade, with deadweight and "
        f"attribution; intervals are {level}% Monte Carlo intervals over the cost ranges, the "
        "borrowed effects and the grades either side.",
        "The strands are not additive: they reach some of the same children, families and "
        "social workers, so their costs and benefits should not be summed.",
    ]
    if assumed:
        items.append(
            f"Inputs not published for this authority ({len(assumed)}, whose source says "
            '"Assumption") are the report\'s Hampshire values: replace them in the inputs sheet.'
        )
    if changed:
        items.append(f"Changed by the council's inputs sheet: {', '.join(changed)}.")
    return "\n".join(f"- {markdown_escape(i)}" for i in items)
