"""A roll-out of social work surgeries in schools appraised for an authority: what it would
cost. The pilot found no effect on referrals (they rose with demand) and valued no benefit, so
there is no ratio: the proposal says what the surgeries would buy (family support workers in
schools) and at what cost each. See :mod:`evidencebook.analysis.proposal`.

The cost is the evaluators' county-wide model (``appraisal.surgeries_scaled_cost``): family
support workers with overheads. How many is the council's choice; by default the evaluators'
number for Hampshire scaled by the authority's referrals.
"""

from __future__ import annotations

from collections.abc import Mapping

from evidencebook.analysis import proposal as pr
from evidencebook.analysis.evidence import StrandEvidence
from evidencebook.analysis.uncertainty import array_safe
from evidencebook.chapters.surgeries import appraisal
from evidencebook.chapters.surgeries.evidence import evidence as pilot_evidence
from evidencebook.chapters.surgeries.parameters import Parameters

#: The local inputs the surgeries read.
LOCAL = ("sws_worker_salary", "overhead_rate")


#: The roll-out's size: the evaluators' county-wide number for Hampshire scaled by referrals.
SCALE = pr.Scale(
    "sws_workers", "Family support workers running surgeries",
    "the evaluators' county-wide model", "referrals",
)  # fmt: skip


@array_safe
def model(v: Mapping[str, float]) -> pr.Flows:
    """A year of the roll-out at price-year prices: the family support workers with
    overheads (the county-wide model's cost)."""
    return pr.Flows(
        cost=appraisal.surgeries_scaled_cost({**v, "price_factor": 1.0}),
        reach=v["sws_workers"],
    )


def strand(evidence: StrandEvidence) -> pr.StrandModel:
    """The surgeries' model (no valued benefit), its caveats from the evidence."""
    return pr.StrandModel(
        strand="surgeries",
        model=model,
        scale_name="sws_workers",
        scale_one="family support worker running surgeries in schools",
        scale_unit="family support workers running surgeries in schools",
        reach_unit="family support workers in schools (the report gives no count of the "
        "schools or families a county-wide model would reach)",
        buys="{reach} family support workers holding surgeries in schools",
        caveats=(
            f"The pilot aimed to lower referrals, and they did not fall: "
            f"{evidence.effect('referral_change').text()}.",
        ),
    )


def inputs(r: pr.Request) -> tuple[pr.Input, ...]:
    """Every input of :func:`model`: ``scale`` family support workers (default: the
    evaluators' number for Hampshire scaled by referrals, ``reference`` being Hampshire's
    local inputs), the local salary and overheads."""
    pilot_workers = float(Parameters().sws_workers)
    return (
        SCALE.input(r.scale, pilot_workers, r.local, r.reference),
        *pr.local_inputs_of(r.local, LOCAL),
    )


#: The county-wide model's ranges, less the number of workers: the council's choice, not an
#: uncertainty.
RANGES = tuple(r for r in appraisal.SURGERIES_RANGES if r.name != "sws_workers")

#: Surgeries appraised for an authority: ``proposal(local, authority, settings=None,
#: evidence=None, scale=None, reference=None)``, ``scale`` in family support workers.
proposal = pr.Proposer(strand, inputs, pilot_evidence, RANGES)
