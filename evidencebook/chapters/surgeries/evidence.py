"""What the social work surgeries pilot found that a roll-out would borrow: the evidence,
fixed and cited. Its main finding is an absent effect: referrals did not fall.

Computed from the default pack (the pilot's own data) with the chapter's model, whatever
authority a book is built for; see :mod:`evidencebook.analysis.evidence`.
"""

from __future__ import annotations

import functools

from evidencebook.analysis.common import in_place, month_name
from evidencebook.analysis.evidence import Effect, StrandEvidence, pilot_tables, stated_in
from evidencebook.chapters.surgeries import model
from evidencebook.chapters.surgeries.parameters import Parameters

#: The strength of the surgeries' evidence of benefit on the book's scale
#: (appraisal.EVIDENCE_GRADES): none. Schools valued the support, but referrals rose with
#: demand across the county; nothing links the two schools' surgeries to the county's counts.
STRENGTH = "none"


@functools.cache
def evidence() -> StrandEvidence:
    """The surgeries pilot's findings, from the default pack."""
    tables = pilot_tables("surgeries")
    a = Parameters().assumptions()
    figs = model.figures(a, tables)
    found = model.evidence(a, tables)
    place = in_place(a.authority, escape=False)
    target = figs["sws.referral_target"]
    effects = (
        Effect(
            id="referral_change",
            what=f"change in referrals to children's social care {place}, "
            f"{month_name(found['referrals_from'])} to {month_name(found['referrals_to'])} "
            f"(the pilot aimed at a fall of {target:.0f}%)",
            value=figs["sws.referral_rise"],
            unit="% change",
            n=int(found["referrals_last"]),
            base=f"referrals {place} in the last period counted (all of them)",
            base_kind="complete",
            source=stated_in("sws.referral_rise"),
            reference_id="sws.referral_rise",
            design="county-wide counts before and after a pilot in two schools: referrals "
            "rose with demand, so no effect of the surgeries on referrals can be seen (nor "
            "ruled out at so small a scale)",
            strength="none",
        ),
        Effect(
            id="cin_change",
            what=f"change in Children in Need {place}, {month_name(found['cin_from'])} to "
            f"{month_name(found['cin_to'])} (a longer period than the pilot's)",
            value=figs["sws.cin_rise"],
            unit="% change",
            n=int(found["cin_last"]),
            base=f"Children in Need {place} at the last count (all of them)",
            base_kind="complete",
            source=stated_in("sws.cin_rise"),
            reference_id="sws.cin_rise",
            design="county-wide counts over a period that starts before the pilot; demand "
            "rose across the county",
            strength="none",
        ),
    )
    return StrandEvidence(
        strand="surgeries",
        title="social work surgeries in schools",
        strength=STRENGTH,
        why="The pilot ran in two schools while the counts it aimed to lower are "
        "county-wide; referrals did not fall, and there was no comparison.",
        summary="Schools valued the support, but referrals did not fall: they rose with "
        "demand across the county over the same period.",
        effects=effects,
    )
