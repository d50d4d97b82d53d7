"""The report's stated comparisons, re-derived from its own tables (the ``claims.*`` rows).

Besides the figures the reference list marks ``derived`` (which the chapters' models
recompute), the report's text states comparisons whose inputs it gives in a table or
nearby: a share of a count ("Twenty three (10%)"), a total of parts ("502 families (321 in
Hampshire and 181 on the Isle of Wight)"), a figure per worker, a rise between two of its
counts, a side of a number ("over 160 case files", "slightly lower"). Each such comparison
that no other row checks has a row ``claims.<name>`` in ``data/reference_figures.csv``
(kind ``derived``, chapter ``audit``), and a function here that works it out from the
pack's tables (and, for the volunteers' expenses, the chapter's parameters as the models
read them), never from the report's stated value. ``docs/audit-claims.md`` lists every
comparison the pass through the report found, with the row that checks each.

A comparison that needs a count the pack withholds comes out ``pd.NA`` (withheld: the audit
shows it as c); one whose table or row the pack lacks, or whose base is 0, comes out
``None`` (not available: the audit says it cannot be checked, x).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from evidencebook.analysis.formatting import is_withheld
from evidencebook.analysis.pack import not_available
from evidencebook.chapters import registry

Tables = Mapping[str, pd.DataFrame]

#: Table 8's months: the programme going live and about six months in.
REFERRALS_FROM, REFERRALS_TO = "2015-10", "2016-03"
#: Table 15's months for each team's printed change: April 2015 to June 2016.
CASELOADS_FROM, CASELOADS_TO = "2015-04", "2016-06"
#: The FIT findings compare starts in the three months before the pilot (July-September
#: 2015, as for Hampshire's 53%) with a later quarter; Table 20's last quarter with a count
#: for the Isle of Wight is April-June 2016.
STARTS_BEFORE, IOW_STARTS_LATEST = "2015-Q3", "2016-Q2"


def _na(*values: object) -> bool:
    return any(not_available(v) for v in values)


def _gone(*values: object) -> object:
    """What a comparison of ``values`` is when it cannot be worked out: withheld (``pd.NA``)
    if any of them is withheld, else not available (``None``)."""
    return pd.NA if any(is_withheld(v) for v in values) else None


def _one(rows: pd.DataFrame, column: str, what: str) -> object:
    """The single value of ``column`` in ``rows``; a KeyError naming ``what`` if there is
    not exactly one."""
    if len(rows) != 1:
        raise KeyError(f"{what}: {len(rows)} rows")
    return rows[column].iloc[0]


def share(part: object, whole: object) -> object:
    """``part`` as a percentage of ``whole``; c (pd.NA) where either is withheld, x (None)
    where not available or the base is 0."""
    if _na(part, whole):
        return _gone(part, whole)
    if float(whole) == 0:
        return None
    return 100 * float(part) / float(whole)


def rise(before: object, after: object) -> object:
    """The percentage change from ``before`` to ``after``; c (pd.NA) where either is withheld, x
    (None) where not available or ``before`` is 0."""
    if _na(before, after):
        return _gone(before, after)
    if float(before) == 0:
        return None
    return 100 * (float(after) - float(before)) / float(before)


def total(values: pd.Series) -> object:
    """The sum of counts; c (pd.NA) where any is withheld, x (None)
    where there are none."""
    if values.empty:
        return None
    if any(not_available(v) for v in values):
        return _gone(*values)
    return float(values.astype(float).sum())


def _sample(t: Tables, sample: str, stage: str, strand: str = "all") -> object:
    s = t["evaluation_sample"]
    rows = s[(s["sample"] == sample) & (s["stage"] == stage) & (s["strand"] == strand)]
    return _one(rows, "count", f"evaluation_sample {sample}/{stage}/{strand}")


def case_files_total(t: Tables, f: Mapping[str, Any]) -> object:
    """Summary: "over 160 case files": Table 1's baseline and final case files together."""
    both = [_sample(t, "case_files", "baseline"), _sample(t, "case_files", "final")]
    return total(pd.Series(both, dtype=object))


def case_files_final_parts(t: Tables, f: Mapping[str, Any]) -> object:
    """Table 1: the final stage's case files by strand (FIT, CSE, edge, volunteering) added."""
    s = t["evaluation_sample"]
    parts = s[(s["sample"] == "case_files") & (s["stage"] == "final") & (s["strand"] != "all")]
    return total(parts["count"])


def fit_families_total(t: Tables, f: Mapping[str, Any]) -> object:
    """FIT findings: "502 families ... (321 in Hampshire and 181 on the Isle of Wight)"."""
    return total(t["fit_families"]["families"])


def _fit_share(t: Tables, authority: str, measure: str) -> object:
    c = t["fit_case_files"]
    rows = c[(c["authority"] == authority) & (c["period"] == "pilot") & (c["measure"] == measure)]
    return _one(rows, "share_pct", f"fit_case_files {authority}/{measure}")


def fit_two_issues_iow_less_hants(t: Tables, f: Mapping[str, Any]) -> object:
    """FIT findings: "slightly lower proportions" of Isle of Wight families had "2/3" toxic
    trio issues: the Isle of Wight's share less Hampshire's, in points."""
    iow = _fit_share(t, "Isle of Wight", "two_of_three")
    hants = _fit_share(t, "Hampshire", "two_of_three")
    return _gone(iow, hants) if _na(iow, hants) else float(iow) - float(hants)


def _recruited(t: Tables, stage: str) -> object:
    r = t["vol_recruitment"]
    rows = r[(r["authority"] == "Hampshire") & (r["stage"] == stage)]
    return _one(rows, "people", f"vol_recruitment {stage}")


def vol_resigned_share(t: Tables, f: Mapping[str, Any]) -> object:
    """Volunteering findings: "Twenty three (10%) of these volunteers have since resigned"."""
    return share(_recruited(t, "resigned"), _recruited(t, "inducted"))


def vol_withdrawn_share(t: Tables, f: Mapping[str, Any]) -> object:
    """Volunteering findings: "11 (5%) were withdrawn"."""
    return share(_recruited(t, "withdrawn"), _recruited(t, "inducted"))


#: The order the volunteering findings give the roles in.
TRAINED_ROLES = ("mentoring", "family_support", "advocacy", "return_interviews")


def vol_trained_shares(t: Tables, f: Mapping[str, Any]) -> tuple:
    """Volunteering findings: "107 (56%) ... 63 (33%) ... 16 (8%) ... 94 (49%)": each
    role's trained volunteers as a share of the volunteers remaining (inducted, less those
    who resigned or were withdrawn)."""
    inducted, resigned, withdrawn = (
        _recruited(t, s) for s in ("inducted", "resigned", "withdrawn")
    )
    remaining = (
        _gone(inducted, resigned, withdrawn)
        if _na(inducted, resigned, withdrawn)
        else float(inducted) - float(resigned) - float(withdrawn)
    )
    trained = t["vol_training"].set_index("role")["volunteers"]
    return tuple(share(trained[role], remaining) for role in TRAINED_ROLES)


def _activity(t: Tables, authority: str, stream: str, measure: str) -> object:
    a = t["vol_activity"]
    rows = a[(a["authority"] == authority) & (a["stream"] == stream) & (a["measure"] == measure)]
    return _one(rows, "value", f"vol_activity {authority}/{stream}/{measure}")


def vol_iow_benefit_very(t: Tables, f: Mapping[str, Any]) -> object:
    """Volunteering findings: "Fifty percent (4/8) had benefitted very much"."""
    return share(
        _activity(t, "Isle of Wight", "family_support", "benefited_very_much"),
        _activity(t, "Isle of Wight", "family_support", "engaged_positively"),
    )


def vol_iow_benefit_somewhat(t: Tables, f: Mapping[str, Any]) -> object:
    """Volunteering findings: "In 25% (2/8) cases, the family had benefitted somewhat"."""
    return share(
        _activity(t, "Isle of Wight", "family_support", "benefited_somewhat"),
        _activity(t, "Isle of Wight", "family_support", "engaged_positively"),
    )


def vol_advocacy_completed_share(t: Tables, f: Mapping[str, Any]) -> object:
    """Volunteering findings: "Twenty eight out of thirty five (80%)"."""
    return share(
        _activity(t, "Hampshire", "advocacy", "completed"),
        _activity(t, "Hampshire", "advocacy", "referrals"),
    )


def vol_iow_expenses(t: Tables, f: Mapping[str, Any]) -> object:
    """Table 24 (Isle of Wight): "the average monthly expenses costs for Hampshire i.e.
    £40.88": Hampshire's monthly expenses a volunteer for a year, over the volunteer's
    interventions a year."""
    monthly, interventions = f["vol.expenses_monthly"], f["vol.interventions_per_volunteer"]
    if _na(monthly, interventions):
        return _gone(monthly, interventions)
    if float(interventions) == 0:
        return None
    return 12 * float(monthly) / float(interventions)


def _edge_shares(t: Tables, question: str, judgements: tuple[str, ...]) -> tuple:
    c = t["edge_case_files"]
    rows = c[c["question"] == question].set_index("judgement")["cases"]
    whole = total(rows)
    return tuple(share(rows[j], whole) for j in judgements)


def edge_risk_shares(t: Tables, f: Mapping[str, Any]) -> tuple:
    """Edge findings: "8/12 or 67%" at imminent risk, "Two out of twelve or 17%" twice."""
    return _edge_shares(t, "imminent_risk", ("imminent", "chronic", "escalating"))


def edge_outcome_shares(t: Tables, f: Mapping[str, Any]) -> tuple:
    """Edge findings: "5/12 (42%)", "3/12 (25%)", "4/12 (33%)"."""
    return _edge_shares(t, "short_term_outcome", ("positive", "partial", "negative"))


def cse_interviews_total(t: Tables, f: Mapping[str, Any]) -> object:
    """CSE findings: "15 families ... (including 4 with both the young person and their
    carer; 10 with the carer only; and 1 with the young person only)"."""
    s = t["cse_samples"]
    return total(s[s["sample"].str.startswith("interview_")]["count"])


def cse_cp_per_social_worker(t: Tables, f: Mapping[str, Any]) -> tuple:
    """CSE findings: "approximately 20-30 children subject to a Child Protection
    Investigation per month (10-15 per social worker)", with "only the social workers"
    undertaking the investigations: the month's range over the social workers in post."""
    load = t["cse_caseload"].set_index("measure")
    makeup = t["cse_team_makeup"].set_index("role")
    workers = makeup.loc["Social workers", "in_post"]
    low = load.loc["cp_investigations_per_month", "low"]
    high = load.loc["cp_investigations_per_month", "high"]
    if _na(workers, low, high):
        return (_gone(workers, low, high), _gone(workers, low, high))
    if float(workers) == 0:
        return (None, None)
    return (float(low) / float(workers), float(high) / float(workers))


def pa_enough_time_parts(t: Tables, f: Mapping[str, Any]) -> object:
    """PA findings: "80% ... quite a lot of time or very much time", against the split it
    gives next ("only 30% ... very much", "50% ... only quite a lot")."""
    a = t["pa_time_for_families"]
    rows = a[
        (a["group"] == "pa_teams")
        & (a["period"] == "final")
        & (a["response"].isin(["very_much", "quite_a_lot"]))
    ]
    return total(rows["share_pct"]) if len(rows) == 2 else None


def hants_referrals_rise_mar16(t: Tables, f: Mapping[str, Any]) -> object:
    """Table 8: March 2016's "5% increase since October 2015"."""
    r = t["referrals"]
    r = r[r["authority"] == "Hampshire"].set_index("month")["referrals"]
    return rise(r[REFERRALS_FROM], r[REFERRALS_TO])


def hants_team_caseload_changes(t: Tables, f: Mapping[str, Any]) -> tuple:
    """Table 15: each team's "% increase or decrease since April 2015" printed beside its
    June 2016 caseload, in the table's order."""
    c = t["team_caseloads"]
    c = c[c["authority"] == "Hampshire"]
    out = []
    for _, team in c.groupby("team", sort=False):
        by_month = team.set_index("month")["caseload"]
        out.append(rise(by_month[CASELOADS_FROM], by_month[CASELOADS_TO]))
    return tuple(out)


def iow_starts_rise(t: Tables, f: Mapping[str, Any]) -> object:
    """FIT findings: Isle of Wight starts "also increased, but less significantly" than
    Hampshire's 53%: Table 20's rise from the quarter before the pilot to its last."""
    q = t["looked_after_starts_quarterly"]
    q = q[(q["authority"] == "Isle of Wight") & (q["age"] == "all ages")]
    q = q.set_index("quarter")["children"]
    return rise(q[STARTS_BEFORE], q[IOW_STARTS_LATEST])


#: Each ``claims.*`` row of the reference list and the function that re-derives it.
CLAIMS: dict[str, Callable[[Tables, Mapping[str, Any]], object]] = {
    "claims.case_files_total": case_files_total,
    "claims.case_files_final_parts": case_files_final_parts,
    "claims.fit_families_total": fit_families_total,
    "claims.fit_two_issues_iow_less_hants": fit_two_issues_iow_less_hants,
    "claims.vol_resigned_share": vol_resigned_share,
    "claims.vol_withdrawn_share": vol_withdrawn_share,
    "claims.vol_trained_shares": vol_trained_shares,
    "claims.vol_iow_benefit_very": vol_iow_benefit_very,
    "claims.vol_iow_benefit_somewhat": vol_iow_benefit_somewhat,
    "claims.vol_advocacy_completed_share": vol_advocacy_completed_share,
    "claims.vol_iow_expenses": vol_iow_expenses,
    "claims.edge_risk_shares": edge_risk_shares,
    "claims.edge_outcome_shares": edge_outcome_shares,
    "claims.cse_interviews_total": cse_interviews_total,
    "claims.cse_cp_per_social_worker": cse_cp_per_social_worker,
    "claims.pa_enough_time_parts": pa_enough_time_parts,
    "claims.hants_referrals_rise_mar16": hants_referrals_rise_mar16,
    "claims.hants_team_caseload_changes": hants_team_caseload_changes,
    "claims.iow_starts_rise": iow_starts_rise,
}


def recompute(tables: Tables, figures: Mapping[str, Any]) -> dict[str, object]:
    """Every ``claims.*`` figure from a pack's tables (and the chapters' ``figures``, for the
    parameters they read); None (not available) for one whose table or row the pack lacks
    (a chapter left out of the book, say)."""
    out: dict[str, object] = {}
    for fid, derive in CLAIMS.items():
        try:
            out[fid] = derive(tables, figures)
        except KeyError:
            out[fid] = None
    return out


def evaluate(data_dir: str | None, overrides: Mapping[str, Any] | None = None) -> dict[str, object]:
    """Every chapter's figures (:func:`evidencebook.chapters.registry.evaluate`) and the
    ``claims.*`` figures worked out from the same tables."""
    figures: dict[str, object] = {}
    tables: dict[str, pd.DataFrame] = {}
    for _, chapter_tables, chapter_figures in registry.evaluate(data_dir, overrides).values():
        figures.update(chapter_figures)
        tables.update(chapter_tables)
    return figures | recompute(tables, figures)
