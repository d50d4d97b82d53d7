"""The PA chapter's parameters: declared once here; the notebook's ``parameters`` cell is
generated from this declaration (:meth:`Parameters.cell`)."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis import prices, rollout
from evidencebook.analysis.chapter import ChapterParameters, param
from evidencebook.chapters.pa.model import PAAssumptions


@dataclass(frozen=True)
@prices.with_price_years
@rollout.with_local_rollout
class Parameters(ChapterParameters):
    overhead_rate: float = param(
        0.2, "Overheads as a share of salary (0.2 means 20%). Source: Appendix 4, PA pilot"
    )
    pa_salary: float = param(
        25380.0,
        "Average annual salary of one PA (D grade), GBP, before overheads. Source: Appendix 4, "
        "PA pilot",
    )
    sw_salary: float = param(
        40913.0,
        "Average annual social worker salary, GBP, before overheads. Source: Appendix 4, PA pilot",
    )
    sw_per_pa: float = param(
        3.0, "Social workers supported by one PA. Source: PA findings; Appendix 4"
    )
    rollout_posts: int = param(
        49,
        "PA posts in the full roll-out across Child in Need teams. Source: Appendix 4, PA pilot",
    )
    rollout_net_cost: float = param(
        540000.0,
        "Net annual cost of the roll-out before overheads, after cuts in other admin support, "
        "GBP. Source: Appendix 4",
    )
    extra_caseload_value: float = param(
        20000.0,
        "Notional annual value of the extra caseload carried per PA, GBP. Source: PA cost "
        "effectiveness",
    )
    caseload_authority: str = param(
        "Hampshire",
        "Authority whose team caseloads show the change during the pilot; empty for all. "
        "Source: Table 15",
    )
    caseload_start: str = param(
        "2015-04",
        "First month (YYYY-MM) of the team caseload change shown: the pilot's start. Source: "
        "Table 15",
    )
    caseload_end: str = param(
        "2016-06",
        "Last month (YYYY-MM) of the team caseload change shown: nine months into the pilot. "
        "Source: Table 15",
    )
    input_price_year: str = rollout.input_price_year()
    price_year: str = rollout.price_year()
    appraisal_years: int = rollout.appraisal_years()
    discount_rate: float = rollout.discount_rate()
    optimism_bias: float = rollout.optimism_bias()
    benefit_confidence_grade: int = param(
        3,
        "Confidence grade of the benefit evidence, 1 (strongest, no cut) to 6 (60% cut). "
        "Source: the book's one rule for every strand (appraisal.EVIDENCE_GRADES): evidence "
        "rated moderate (self-reports of one week by 11 social workers, no comparison group) "
        "is grade 3; cuts from the GMCA cost-benefit analysis model",
    )
    deadweight: float = param(
        0.0,
        "Share of the benefit that would have happened anyway (0 to 1). Source: GMCA "
        "cost-benefit analysis model; none in the report, which has no comparison group",
    )
    attribution: float = param(
        1.0,
        "Share of the rest of the benefit due to this intervention (0 to 1). Source: GMCA "
        "cost-benefit analysis model; the report credits all of it",
    )
    pa_cashable_share: float = param(
        0.0,
        "Share of the PA time saving that releases cash (for example agency or vacant posts "
        "not filled). Source: report, PA cost effectiveness (the saving is notional)",
    )
    pa_admin_cuts_made: float = param(
        1.0,
        "Share of the cuts in other administrative support, assumed in the net roll-out cost, "
        "that are made (1 means all). Source: an assumption: Appendix 4 says cuts were made in "
        "some teams during the pilot and are planned for the roll-out",
    )
    pa_setup_cost: float = param(
        0.0,
        "One-off cost of setting up the roll-out in year 0, GBP at price_year prices. Source: "
        "not in the report (none assumed)",
    )
    mc_runs: int = rollout.mc_runs()
    mc_seed: int = rollout.mc_seed()

    def assumptions(self) -> PAAssumptions:
        """The Appendix 4 model's assumptions."""
        return PAAssumptions(
            pa_salary=self.pa_salary,
            overhead_rate=self.overhead_rate,
            sw_salary=self.sw_salary,
            sw_per_pa=self.sw_per_pa,
            rollout_posts=self.rollout_posts,
            rollout_net_cost=self.rollout_net_cost,
            extra_caseload_value=self.extra_caseload_value,
            caseload_authority=self.caseload_authority,
            caseload_start=self.caseload_start,
            caseload_end=self.caseload_end,
        )
