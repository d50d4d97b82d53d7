"""The value-for-money chapter's tables and lists, in words."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis.formatting import markdown_escape


def comparison_shown(today: pd.DataFrame, input_price_year: str, price_year: str) -> pd.DataFrame:
    """The strands side by side, as the chapter shows them."""
    shown = today.assign(
        unit_cost=today["unit_cost"].map("£{:,.0f}".format),
        unit_cost_today=today["unit_cost_today"].map("£{:,.0f}".format),
        bcr=today["bcr"].map(lambda v: "" if pd.isna(v) else f"{v:.2f}"),
    )[
        [
            "strand",
            "unit",
            "unit_cost",
            "unit_cost_today",
            "bcr",
            "evidence_strength",
            "benefit_evidence",
            "report_judgement",
            "source",
        ]
    ]
    shown.columns = [
        "Strand",
        "What the unit cost buys",
        f"Unit cost, {input_price_year} prices (the report's)",
        f"Unit cost, {price_year} prices",
        "Benefit per £1",
        "Evidence of benefit",
        "What the evidence shows",
        "Evaluators' judgement",
        "Source",
    ]
    return shown


def recommendations(recs: pd.DataFrame, titles: dict[str, str]) -> str:
    """The evaluators' recommendations, one bullet per strand's recommendation."""
    return "\n".join(
        f"- **{markdown_escape(titles.get(r.chapter, r.chapter))}.** {markdown_escape(r.text)}"
        for r in recs[recs["kind"] == "recommendation"].itertuples()
    )


def explore_next(recs: pd.DataFrame) -> str:
    """What the evaluators suggest exploring next, one bullet each."""
    return "\n".join(
        f"- {markdown_escape(r.text)}" for r in recs[recs["kind"] == "explore_next"].itertuples()
    )


def key_results(today: pd.DataFrame, price_year: str, years: int, pa_result) -> str:  # noqa: ANN001
    """The key-result lines: each unit cost today and the PA roll-out's NPV, BCR, payback."""
    key = pd.DataFrame(
        [
            *[
                (f"unit cost today: {c}", f"{price_year} prices", f"{v:,.2f}")
                for c, v in zip(today["chapter"], today["unit_cost_today"], strict=True)
            ],
            ("PA roll-out NPV", f"{years} years", f"{pa_result.npv:,.0f}"),
            ("PA roll-out BCR", "all benefits", f"{pa_result.bcr:.3f}"),
            ("PA roll-out payback year", "all benefits", str(pa_result.payback_year)),
        ],
        columns=["measure", "basis", "value"],
    )
    return key.to_string(index=False)
