"""What the Willow team (child sexual exploitation) pilot found that a roll-out would borrow.

Computed from the default pack (the pilot's own data) with the chapter's model, whatever
authority a book is built for; see :mod:`evidencebook.analysis.evidence`. The survey of
professionals is a sample with its counts stated, so its shares carry an interval.
"""

from __future__ import annotations

import functools

from evidencebook.analysis.evidence import Effect, StrandEvidence, pilot_tables, stated_in
from evidencebook.chapters.willow import model
from evidencebook.chapters.willow.parameters import Parameters

#: The strength of the Willow evidence of benefit on the book's scale
#: (appraisal.EVIDENCE_GRADES): a small survey of professionals and case files, no
#: comparison, and a missing-episodes trend that is not reliable evidence.
STRENGTH = "emerging"

#: The survey questions: (question in ``cse_survey``, reference id, words).
QUESTIONS = (
    ("advice_and_consultation", "cse.advice_good", "the team's advice and consultation"),
    ("service_overall", "cse.service_good", "the team's service overall"),
)


@functools.cache
def evidence() -> StrandEvidence:
    """The Willow pilot's findings, from the default pack."""
    tables = pilot_tables("willow")
    a = Parameters().assumptions()
    figs = model.figures(a, tables)
    more = model.chapter_figures(a, model.cost_model(a), tables)
    effects = [
        Effect(
            id=reference_id.removeprefix("cse."),
            what=f"professionals who rated {words} good or very good",
            value=figs[reference_id],
            successes=model.rated_good(tables["cse_survey"], question)[0],
            n=model.rated_good(tables["cse_survey"], question)[1],
            base="professionals who answered the online survey",
            base_kind="sample",
            unit="%",
            source=stated_in(reference_id),
            reference_id=reference_id,
            design="an online survey of professionals who worked with the team, answered by "
            "those who chose to; no comparison and no outcomes for young people",
            strength="emerging",
        )
        for question, reference_id, words in QUESTIONS
    ]
    effects.append(
        Effect(
            id="missing_rise",
            what=f"change in children reported missing, {more['cse.missing_from']} to "
            f"{more['cse.missing_to']}",
            value=figs["cse.missing_rise"],
            unit="% change",
            n=None,
            base="children reported missing",
            base_kind="not_stated",
            source=stated_in("cse.missing_rise"),
            reference_id="cse.missing_rise",
            design="two periods of a count the report gives only as a change; many things "
            "move it, so it is not reliable evidence of the team's effect",
            strength="none",
        )
    )
    return StrandEvidence(
        strand="willow",
        title="the Willow team (child sexual exploitation)",
        strength=STRENGTH,
        why="Professionals surveyed rated the team well and case files found the direct "
        "work effective with lower-risk young people but not with higher-risk ones; there was "
        "no comparison, and the missing-episodes trend is not reliable evidence.",
        summary="Professionals rated the team's advice and consultation, and its service "
        "overall, as good or very good (the survey did not rate training).",
        effects=tuple(effects),
    )
