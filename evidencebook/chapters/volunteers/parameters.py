"""The volunteers chapter's parameters, declared once: the notebook's ``parameters`` cell is
generated from this (:meth:`~evidencebook.analysis.chapter.ChapterParameters.cell`)."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis import prices, rollout
from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters.volunteers.appraisal import commissioned_from, in_house_from
from evidencebook.chapters.volunteers.model import VolunteerAssumptions


@dataclass(frozen=True)
@prices.with_price_years
@rollout.with_local_rollout
class Parameters(ChapterParameters):
    """What the volunteers chapter's figures depend on (Appendix 4, Table 24, and the
    appraisal's price base, optimism bias and Monte Carlo draws)."""

    overhead_rate: float = param(
        0.2,
        "Overheads as a share of salary (0.2 means 20%). Source: Appendix 4, Tables 23 and 24",
    )
    vol_coordinator_salary: float = param(
        31709.0,
        "Average annual salary of a Hampshire volunteer coordinator, GBP, before overheads. "
        "Source: Table 24",
    )
    vol_per_coordinator: float = param(
        50.0,
        "Active volunteers one full-time coordinator can support at any one time. Source: "
        "Volunteering findings; Table 24",
    )
    vol_coordinators_hants: int = param(
        4,
        "Full-time Hampshire volunteer coordinators, who share the administration and "
        "marketing costs. Source: Volunteering findings; Table 24",
    )
    vol_admin_cost: float = param(
        50761.0,
        "Annual administration and marketing costs of Hampshire's volunteering service, GBP, "
        "before overheads. Source: Table 24",
    )
    vol_expenses_monthly: float = param(
        10.22,
        "Average expenses paid to a volunteer a month, GBP (also applied to the Isle of "
        "Wight). Source: Table 24",
    )
    vol_interventions_per_volunteer: float = param(
        3.0,
        "Substantive interventions (family support, mentoring, advocacy) a volunteer "
        "completes a year; the report calls 3 conservative. Source: Table 24",
    )
    vol_ri_per_volunteer_low: float = param(
        5.0,
        "Return interviews a volunteer completed a year during the pilot (average). Source: "
        "Table 24",
    )
    vol_ri_per_volunteer_high: float = param(
        10.0,
        "Return interviews a year if volunteers are encouraged to do more. Source: Table 24",
    )
    vol_iow_service_cost: float = param(
        18200.0,
        "Annual cost of the Isle of Wight family support volunteer service run by Home-Start "
        "(a part-time coordinator), GBP. Source: Table 24",
    )
    vol_iow_volunteers: int = param(
        23,
        "Volunteers on the Isle of Wight service's books 10-12 months into the pilot. Source:"
        " Volunteering findings; Table 24",
    )
    vol_in_house_authority: str = param(
        "Hampshire",
        "Authority whose in-house volunteering service (coordinators employed by the council)"
        " the in-house cost model describes. Source: Table 24 (Hampshire)",
    )
    vol_commissioned_authority: str = param(
        "Isle of Wight",
        "Authority whose volunteering service, commissioned from a voluntary organisation, "
        "the commissioned cost model describes. Source: Table 24 (Isle of Wight)",
    )
    input_price_year: str = rollout.input_price_year()
    price_year: str = rollout.price_year()
    optimism_bias: float = rollout.optimism_bias()
    mc_runs: int = rollout.mc_runs()
    mc_seed: int = rollout.mc_seed()

    def assumptions(self) -> VolunteerAssumptions:
        """The cost models' assumptions (both Table 24 models, the return interview rates
        and the authorities they describe)."""
        values = self.values()
        return VolunteerAssumptions(
            in_house_from(values),
            commissioned_from(values),
            self.vol_ri_per_volunteer_low,
            self.vol_ri_per_volunteer_high,
            self.vol_in_house_authority,
            self.vol_commissioned_authority,
        )
