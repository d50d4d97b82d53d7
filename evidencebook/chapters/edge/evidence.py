"""What the edge of care pilot found that a roll-out would borrow: the evidence, fixed and cited.

Computed from the default pack (the pilot's own data) with the chapter's model, whatever
authority a book is built for; see :mod:`evidencebook.analysis.evidence`. Counts of the whole
cohort (everyone who started) carry no interval; the 12 case files read are a sample, so
their shares do.
"""

from __future__ import annotations

import functools

from evidencebook.analysis.common import period_text
from evidencebook.analysis.evidence import Effect, StrandEvidence, pilot_tables, stated_in
from evidencebook.chapters.edge import model
from evidencebook.chapters.edge.parameters import Parameters

#: The strength of the edge of care evidence of benefit on the book's scale
#: (appraisal.EVIDENCE_GRADES): the cohort's own outcomes and a small case-file sample,
#: with no matched comparison group.
STRENGTH = "emerging"

#: The case-file judgements of short-term outcomes: (judgement, reference id, words).
OUTCOMES = (
    ("positive", "edge.outcome_positive", "clearly positive"),
    ("partial", "edge.outcome_partial", "partly positive"),
    ("negative", "edge.outcome_negative", "clearly negative"),
)


@functools.cache
def evidence() -> StrandEvidence:
    """The edge of care pilot's findings, from the default pack."""
    tables = pilot_tables("edge")
    a = Parameters().assumptions()
    figs = model.figures(a, tables)
    more = model.chapter_figures(a, tables, figs)
    counts = tables["edge_counts"]
    started = counts[counts["measure"] == "started"].iloc[0]
    when = period_text(str(started["period_from"]), str(started["period_to"]))
    cohort = f"young people who started with the service, {when} (all of them)"
    files_n = int(more["edge.outcome_files_n"])
    sample = (
        f"evaluators' judgement of {files_n} case files read part-way through the pilot; "
        "no comparison group"
    )
    effects = [
        Effect(
            id="entered_care",
            what="young people supported who then entered care",
            value=figs["edge.entered_care_share"],
            successes=int(figs["edge.entered_care"]),
            n=int(figs["edge.started"]),
            base=cohort,
            base_kind="complete",
            unit="%",
            source=stated_in("edge.entered_care_share"),
            reference_id="edge.entered_care_share",
            design="the share of the whole cohort who entered care during the pilot; with no "
            "matched comparison group, how many would have entered care without the service "
            "is not known",
            strength="emerging",
        ),
        Effect(
            id="eet_improved",
            what="young people who said they engaged better in education, employment or training",
            value=figs["edge.eet_improved_share"],
            successes=int(figs["edge.eet_improved"]),
            n=int(figs["edge.started"]),
            base=cohort,
            base_kind="complete",
            unit="%",
            source=stated_in("edge.eet_improved_share"),
            reference_id="edge.eet_improved_share",
            design="young people's own ratings (Outcomes Star) over the pilot; no comparison group",
            strength="limited",
        ),
        Effect(
            id="imminent_risk",
            what="case files judged at imminent risk of care when the work began",
            value=more["edge.imminent_pct"],
            successes=int(more["edge.imminent_n"]),
            n=int(more["edge.case_files_n"]),
            base="case files read (a sample)",
            base_kind="sample",
            unit="%",
            source=stated_in("edge.imminent_risk"),
            reference_id="edge.imminent_risk",
            figure_id="edge.imminent_pct",
            design=f"evaluators' judgement of {int(more['edge.case_files_n'])} case files: "
            "whether the service reached young people on the edge of care",
            strength="emerging",
        ),
    ]
    for judgement, reference_id, words in OUTCOMES:
        effects.append(
            Effect(
                id=f"outcome_{judgement}",
                what=f"case files with {words} short-term outcomes",
                value=more[f"edge.{judgement}_pct"],
                successes=int(more[f"edge.{judgement}_n"]),
                n=files_n,
                base="case files read (a sample)",
                base_kind="sample",
                unit="%",
                source=stated_in(reference_id),
                reference_id=reference_id,
                figure_id=f"edge.{judgement}_pct",
                design=sample,
                strength="emerging",
            )
        )
    return StrandEvidence(
        strand="edge",
        title="edge of care",
        strength=STRENGTH,
        why="Few of the cohort went on to enter care, but with no matched comparison group "
        "the service's part in that is not known; the case-file sample of outcomes is small.",
        summary="Few of the young people supported went on to enter care; of the case files "
        "sampled, some showed clearly positive, some partly positive and some clearly "
        "negative short-term outcomes.",
        effects=tuple(effects),
    )
