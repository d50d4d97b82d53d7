"""A PA roll-out appraised for an authority: the one strand whose evidence values a benefit.

The roll-out is the PA posts the inputs sheet names (``pa_posts``), each costing the PA
salary plus overheads; each post supports the pilot's number of social workers (never more
than the authority's case-holding social workers in all), and frees the share of their week
the pilot's social workers said they no longer spent on administration. That time is valued
at the social worker salary: a **notional** benefit, which releases no cash unless posts or
agency spending are cut. See :mod:`evidencebook.analysis.proposal`.
"""

from __future__ import annotations

from collections.abc import Mapping

from evidencebook.analysis import arrays
from evidencebook.analysis import proposal as pr
from evidencebook.analysis.common import with_overheads
from evidencebook.analysis.local_inputs import LocalInput
from evidencebook.analysis.ranges import JUDGEMENT, OVERHEAD_RANGE, InputRange
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.pa import appraisal
from evidencebook.chapters.pa.evidence import evidence as pilot_evidence
from evidencebook.chapters.pa.parameters import Parameters

#: The local inputs the PA roll-out reads.
LOCAL = ("pa_posts", "pa_salary", "sw_salary", "overhead_rate", "case_holding_sw_fte")


@array_safe
def model(v: Mapping[str, float]) -> pr.Flows:
    """A year of the roll-out at price-year prices: the posts at the PA salary with
    overheads; the social workers they support (posts times social workers per PA, at most the
    case-holding social workers) and their time freed, valued at the social worker salary."""
    posts = v["pa_posts"]
    supported = arrays.smaller(posts * v["sw_per_pa"], v["case_holding_sw_fte"])
    return pr.Flows(
        cost=posts * with_overheads(v["pa_salary"], v["overhead_rate"]),
        reach=supported,
        benefit_notional=supported * v["sw_salary"] * v["time_freed"],
    )


#: The PA strand's model, switching values and caveats.
STRAND = pr.StrandModel(
    strand="pa",
    model=model,
    scale_name="pa_posts",
    scale_one="PA post",
    scale_unit="PA posts",
    reach_unit="social workers supported",
    buys="a skilled administrator's support for {reach} social workers",
    benefit_effects=("admin_time",),
    benefit_words="social workers' time from administration",
    switches=(
        pr.Switch("time_freed", "the time freed", "what the pilot reported"),
        pr.Switch("sw_salary", "the social worker salary that values the time", "the salary here"),
        pr.Switch("pa_salary", "the PA salary", "the salary here"),
    ),
    caveats=(
        "The time freed is notional: it values social workers' time at their salary and "
        "releases no cash unless posts or agency spending are cut.",
        "No cuts in other administrative support are assumed (Hampshire's net cost assumed "
        "some, Appendix 4).",
    ),
)

#: The PA salary's range: the sheet gives one figure.
PA_SALARY_RANGE = InputRange(
    "pa_salary",
    "PA salary",
    "gbp",
    "relative",
    -0.10,
    0.10,
    f"{JUDGEMENT}: one average salary, no range given",
    minimum=0.0,
)


def cost_ranges(values: Mapping[str, float] | None = None) -> tuple[InputRange, ...]:
    """The documented ranges of the PA inputs drawn in the Monte Carlo: the chapter's own for
    the social worker salary and social workers per PA, the PA salary's, and overheads."""
    chapter = tuple(r for r in appraisal.PA_RANGES if r.name in ("sw_salary", "sw_per_pa"))
    return (*chapter, PA_SALARY_RANGE, OVERHEAD_RANGE)


def inputs(r: pr.Request) -> tuple[pr.Input, ...]:
    """Every input of :func:`model`, with its source: the local inputs (the PA posts as the
    inputs sheet says, unless ``scale`` is given), the pilot's social workers per PA and the
    time freed (the fall in the share of the week on administration)."""
    admin = r.evidence.effect("admin_time")
    before = admin.comparison if admin.comparison is not None else admin.value
    posts = pr.local_input(r.local["pa_posts"])
    if r.scale is not None:
        posts = pr.chosen_input("pa_posts", posts.label, r.scale)
    return (
        posts,
        *pr.local_inputs_of(r.local, LOCAL[1:]),
        pr.parameter_input(Parameters, "sw_per_pa", "Social workers supported by one PA", "number"),
        pr.effect_input(
            admin,
            "time_freed",
            "Share of a social worker's week freed from administration",
            lambda after: (before - after) / 100,
            wide=r.wide,
        ),
    )


def same_basis(p: pr.Proposal, local: Mapping[str, LocalInput]) -> tuple[str, ...]:
    """Costs carry overheads and the time is valued at salary alone: what the ratio would be
    on the same basis (nothing to say of a roll-out of no posts, which has no ratio)."""
    if p.bcr is None:
        return ()
    oh = float(local["overhead_rate"].value)  # type: ignore[arg-type]
    return (
        f"Time is valued at salary alone, as the report does, while the costs include "
        f"{oh:.0%} overheads; valued at salary plus overheads the ratio would be "
        f"{p.bcr * (1 + oh):.2f}.",  # type: ignore[operator]
    )


#: The PA roll-out appraised for an authority: ``proposal(local, authority, settings=None,
#: evidence=None, scale=None)`` (:class:`~evidencebook.analysis.proposal.Proposer`).
proposal = pr.Proposer(STRAND, inputs, pilot_evidence, cost_ranges, same_basis)
