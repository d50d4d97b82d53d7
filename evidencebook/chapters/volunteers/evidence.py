"""What the volunteering pilot found that a roll-out would borrow: the evidence, fixed and cited.

Computed from the default pack (the pilot's own data) with the chapter's model and its
parameters' defaults (the report's Table 24), whatever authority a book is built for; see
:mod:`evidencebook.analysis.evidence`.
"""

from __future__ import annotations

import functools

from evidencebook.analysis.common import in_place, month_name, period_text
from evidencebook.analysis.evidence import Effect, StrandEvidence, pilot_tables, stated_in
from evidencebook.chapters.volunteers import model
from evidencebook.chapters.volunteers.parameters import Parameters

#: The strength of the volunteering evidence of benefit on the book's scale
#: (appraisal.EVIDENCE_GRADES): what volunteers delivered is counted, but outcomes were not
#: measured against a comparison.
STRENGTH = "emerging"


@functools.cache
def evidence() -> StrandEvidence:
    """The volunteering pilot's findings, from the default pack."""
    tables = pilot_tables("volunteers")
    a = Parameters().assumptions()
    figs = model.figures(a, tables)
    found = model.evidence(tables)
    home = found[a.in_house_authority]
    bought = found[a.commissioned_authority]
    requests = period_text(*home["ri_requests_period"])
    window = home["ri_window"]
    home_place = in_place(a.in_house_authority, escape=False)
    bought_place = in_place(a.commissioned_authority, escape=False)
    effects = (
        Effect(
            id="interventions_per_volunteer",
            what="substantive interventions a volunteer delivers a year (more than a return "
            "interview)",
            value=figs["vol.interventions_per_volunteer"],
            unit="a year",
            n=None,
            base="",
            base_kind="assumption",
            source=stated_in("vol.interventions_per_volunteer"),
            reference_id="vol.interventions_per_volunteer",
            design="the report's conservative assumption for its unit cost, not a count of "
            "what volunteers delivered",
            strength="limited",
        ),
        Effect(
            id="ri_per_volunteer",
            what="return interviews a volunteer completed a year",
            value=figs["vol.ri_per_volunteer_low"],
            unit="a year",
            n=None,
            base="volunteers doing return interviews",
            base_kind="not_stated",
            source=stated_in("vol.ri_per_volunteer_low"),
            reference_id="vol.ri_per_volunteer_low",
            design="the pilot's average, as the report gives it, with no count of volunteers "
            "or interviews behind it",
            strength="emerging",
        ),
        Effect(
            id="ri_completed",
            what=f"return interview requests completed by volunteers {home_place}, {requests}",
            value=figs["vol.ri_completed_share"],
            successes=int(figs["vol.ri_completed"]),
            n=int(figs["vol.ri_requests"]),
            base="requests to the coordinators (all of them)",
            base_kind="complete",
            unit="%",
            source=stated_in("vol.ri_completed_share"),
            reference_id="vol.ri_completed_share",
            design="the coordinators' count of requests and interviews completed: what "
            "volunteers delivered, not an outcome",
            strength="moderate",
        ),
        Effect(
            id="ri_monthly",
            what=f"children receiving a return interview a month {home_place}, "
            f"{month_name(home['ri_month_after'])}",
            value=figs["vol.ri_monthly_after"],
            comparison=figs["vol.ri_monthly_before"],
            compared_with=f"in {month_name(home['ri_month_before'])}",
            unit="children",
            n=None,
            base="children back from going missing (counted, all of them)",
            base_kind="complete",
            source=stated_in("vol.ri_monthly_after"),
            reference_id="vol.ri_monthly_after",
            comparison_id="vol.ri_monthly_before",
            design=f"two single months of a monthly count that swung between "
            f"{window['low']:.0f} and {window['high']:.0f}; {window['window']}-month averages "
            f"went from {window['before']:.0f} to {window['after']:.0f} "
            f"({window['change']:+.0f}%); before and after, no comparison group",
            strength="emerging",
        ),
        Effect(
            id="mentor_engaged",
            what="mentored young people who engaged effectively",
            value=figs["vol.mentor_engaged"],
            unit="%",
            n=None,
            base=f"the report does not say of how many; {figs['vol.mentor_matched']:.0f} "
            "were matched with a mentor",
            base_kind="not_stated",
            source=stated_in("vol.mentor_engaged"),
            reference_id="vol.mentor_engaged",
            design="coordinators' and mentors' view of engagement; outcomes were not measured",
            strength="limited",
        ),
        Effect(
            id="family_support_benefit",
            what=f"families {bought_place} who engaged with a volunteer and benefited",
            value=figs["vol.iow_fs_benefit"],
            successes=int(bought["fs_benefited"]),
            n=int(bought["fs_engaged"]),
            base="families who engaged positively (all of them)",
            base_kind="complete",
            unit="%",
            source=stated_in("vol.iow_fs_benefit"),
            reference_id="vol.iow_fs_benefit",
            design="the service's own follow-up of a handful of families; no comparison group",
            strength="limited",
        ),
    )
    return StrandEvidence(
        strand="volunteers",
        title="volunteering",
        strength=STRENGTH,
        why="What volunteers delivered was counted (requests, interviews, matches), but "
        "outcomes were not measured against a comparison; the unit cost rests on the report's "
        "assumed interventions a volunteer a year.",
        summary="Most mentored young people engaged well, and volunteers added return "
        "interviews and family support.",
        effects=effects,
    )
