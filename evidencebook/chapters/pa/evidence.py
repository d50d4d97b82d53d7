"""What the PA pilot found that a roll-out would borrow: the evidence, fixed and cited.

Computed from the default pack (the pilot's own data) with the chapter's model, whatever
authority a book is built for; see :mod:`evidencebook.analysis.evidence`.
"""

from __future__ import annotations

import functools

from evidencebook.analysis.evidence import Effect, StrandEvidence, pilot_tables, stated_in
from evidencebook.chapters.pa import model
from evidencebook.chapters.pa.parameters import Parameters

#: The strength of the PA evidence of benefit on the book's scale (appraisal.EVIDENCE_GRADES):
#: self-reports with no comparison group, backed by managers' reports and sickness records.
STRENGTH = "moderate"


@functools.cache
def evidence() -> StrandEvidence:
    """The PA pilot's findings, from the default pack."""
    tables = pilot_tables("pa")
    figs = model.figures(Parameters().assumptions(), tables)
    n = int(tables["pa_time_use"]["respondents"].max())
    who = "CIN social workers piloting PAs who described a week of their time"
    self_reports = (
        f"self-reports of one week by {n} social workers with a PA, before the pilot and "
        "about 9 months in; no comparison group"
    )
    effects = (
        Effect(
            id="admin_time",
            what="share of social workers' time spent on administration",
            value=figs["pa.admin_share_after"],
            comparison=figs["pa.admin_share_before"],
            unit="%",
            n=n,
            base=who,
            base_kind="sample",
            source=stated_in("pa.admin_share_after"),
            reference_id="pa.admin_share_after",
            comparison_id="pa.admin_share_before",
            design=self_reports,
            strength="moderate",
        ),
        Effect(
            id="family_time",
            what="share of social workers' time spent with families",
            value=figs["pa.family_time_after"],
            comparison=figs["pa.family_time_before"],
            unit="%",
            n=n,
            base=who,
            base_kind="sample",
            source=stated_in("pa.family_time_after"),
            reference_id="pa.family_time_after",
            comparison_id="pa.family_time_before",
            design=self_reports,
            strength="moderate",
        ),
        Effect(
            id="enough_time",
            what="social workers with a PA saying they had quite a lot or very much time "
            "for families (final round)",
            value=figs["pa.enough_time_pa"],
            comparison=figs["pa.enough_time_nonpa"],
            compared_with="in teams without PAs",
            unit="%",
            n=None,
            base="social workers interviewed in the final round",
            base_kind="not_stated",
            source=stated_in("pa.enough_time_pa"),
            reference_id="pa.enough_time_pa",
            comparison_id="pa.enough_time_nonpa",
            design="interviews in PA and non-PA teams at the end of the pilot; the teams "
            "were not matched and the report gives no numbers of respondents",
            strength="emerging",
        ),
        Effect(
            id="sickness",
            what="change in social workers' sickness in Hampshire's PA teams",
            value=figs["pa.sickness_pa"],
            comparison=figs["pa.sickness_other"],
            compared_with="in other Hampshire teams",
            unit="% change",
            n=None,
            base="teams' sickness records",
            base_kind="not_stated",
            source=stated_in("pa.sickness_pa"),
            reference_id="pa.sickness_pa",
            comparison_id="pa.sickness_other",
            design="sickness rates in Hampshire's PA teams and other teams over the pilot; "
            "the report gives no numbers of staff or days, and many things change sickness",
            strength="limited",
        ),
    )
    return StrandEvidence(
        strand="pa",
        title="skilled administrators for social workers (PAs)",
        strength=STRENGTH,
        why=f"The benefit rests on {self_reports}; managers also reported better "
        "assessments and more timely visits, and sickness fell in PA teams.",
        summary="Social workers with a PA said they spent much less of their week on "
        "administration and more of it with families.",
        effects=effects,
    )
