"""What the Family Intervention Team (FIT) pilot found that a roll-out would borrow.

Computed from the default pack (the pilot's own data) with the chapter's model, whatever
authority a book is built for; see :mod:`evidencebook.analysis.evidence`. The report gives
no base for its case-file percentages, so none carries an interval (the pack may state a
base, in ``fit_case_files.case_files``; then it does).
"""

from __future__ import annotations

import functools

from evidencebook.analysis.common import in_place, possessive
from evidencebook.analysis.evidence import Effect, StrandEvidence, pilot_tables, stated_in
from evidencebook.chapters.fit import model
from evidencebook.chapters.fit.parameters import Parameters

#: The strength of the FIT evidence of benefit on the book's scale (appraisal.EVIDENCE_GRADES):
#: case files read before and during the pilot, no comparison group, the model rarely
#: delivered as planned.
STRENGTH = "limited"

#: The pilot's authorities as the reference ids name them.
PLACES = {"hants": "Hampshire", "iow": "Isle of Wight"}


@functools.cache
def evidence() -> StrandEvidence:
    """The FIT pilot's findings, from the default pack."""
    tables = pilot_tables("fit")
    figs = model.figures(Parameters().assumptions(), tables)
    case_files = tables["fit_case_files"]
    stated = model.stated_shares(case_files)
    samples = tables["fit_samples"]
    files = dict(zip(samples["sample"], samples["case_files"], strict=True))
    read = (
        f"case files read mainly about FIT ({files['fit_case_files']:.0f} across both "
        "authorities, Table 1; the report does not say how many in each)"
    )
    before_files = f"{files['baseline_case_files']:.0f} case files read before the pilot"

    def base(authority: str, measure: str) -> dict[str, object]:
        """The base of a case-file share: its count where the pack states one, else none."""
        key = (authority, "pilot", measure)
        if key in stated:
            k, n = stated[key]
            return {"n": n, "successes": k, "base_kind": "sample", "base": "case files"}
        return {"n": None, "base_kind": "not_stated", "base": read}

    effects: list[Effect] = []
    for short, place in PLACES.items():
        where = in_place(place, escape=False)
        effects.append(
            Effect(
                id=f"engagement_{short}",
                what=f"families {where} who took up toxic trio support at first",
                value=figs[f"fit.engagement_{short}"],
                comparison=figs["fit.engagement_before"],
                compared_with=f"before the pilot ({before_files}, both authorities)",
                unit="%",
                source=stated_in(f"fit.engagement_{short}"),
                reference_id=f"fit.engagement_{short}",
                comparison_id="fit.engagement_before",
                design="case files read before the pilot and during it (before and after, "
                "different families, no comparison group)",
                strength="limited",
                **base(place, "engaged"),
            )
        )
    for short, place in PLACES.items():
        whose = possessive(place, escape=False)
        effects.append(
            Effect(
                id=f"positive_{short}",
                what=f"families in {whose} sample with clearly positive short-term outcomes",
                value=figs[f"fit.positive_{short}"],
                unit="%",
                source=stated_in(f"fit.positive_{short}"),
                reference_id=f"fit.positive_{short}",
                design="evaluators' reading of case files at the end of the pilot; no "
                "comparison group and no follow-up beyond the pilot",
                strength="limited",
                **base(place, "clearly_positive"),
            )
        )
    counted = model.evidence(tables)["Hampshire"].families
    if counted is None:
        raise KeyError("fit_families has no row for Hampshire")
    effects.append(
        Effect(
            id="families",
            what=f"families who took part in the pilot in both authorities ({counted.period})",
            value=figs["fit.families_total"],
            unit="families",
            n=int(figs["fit.families_total"]),
            base="families counted by the teams (all of them)",
            base_kind="complete",
            source=stated_in("fit.families_total"),
            reference_id="fit.families_total",
            design="the teams' count of families reached: what the pilot delivered, not an outcome",
            strength="moderate",
        )
    )
    return StrandEvidence(
        strand="fit",
        title="Family Intervention Teams (FIT)",
        strength=STRENGTH,
        why="Engagement and outcomes come from case files read before and during the "
        "pilot, with no base stated and no comparison group; the model was rarely delivered "
        "as planned.",
        summary="More families took up help at first than in the case files read before "
        "the pilot, and a minority of the families sampled showed clearly positive "
        "short-term outcomes.",
        effects=tuple(effects),
    )
