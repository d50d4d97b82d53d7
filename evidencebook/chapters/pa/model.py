"""Skilled administrators for social workers (PAs): the evidence and the Appendix 4 model.

The cost model follows the report's Appendix 4 step by step:

1. unit cost of a PA = salary plus overheads;
2. pilot cost in each authority = posts x salary, and the same with overheads;
3. roll-out cost with overheads = net roll-out cost (after cuts in other admin support)
   plus overheads; net on-cost of one PA = that / roll-out posts; per social worker =
   on-cost / social workers per PA;
4. value of social worker time on administration = social worker salary x share of time
   on administration, before and after PAs; the notional saving per social worker is the
   difference, and per PA that times social workers per PA;
5. benefit per pound = notional saving per PA / net on-cost of one PA.

The saving is notional: it values time released, it does not release cash.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from evidencebook.analysis import arrays
from evidencebook.analysis.common import PILOT_AUTHORITIES, pct_change, with_overheads
from evidencebook.exceptions import shown

#: The months the report compares for "start of the pilot to 9 months in" (Table 15): the
#: defaults of the parameters ``caseload_start`` and ``caseload_end``.
CASELOAD_START, CASELOAD_END = "2015-04", "2016-06"


@dataclass(frozen=True)
class PAAssumptions:
    """The report's assumptions for the PA model; defaults live in the chapter's parameters."""

    pa_salary: float  # average annual PA salary, GBP, no overheads
    overhead_rate: float  # overheads as a share of salary (0.2 = 20%)
    sw_salary: float  # average annual social worker salary, GBP, no overheads
    sw_per_pa: float  # social workers supported by one PA
    rollout_posts: int  # PA posts in the full roll-out
    rollout_net_cost: float  # net annual roll-out cost before overheads, GBP
    extra_caseload_value: float  # notional annual value of extra caseload per PA, GBP
    caseload_authority: str = "Hampshire"  # whose team caseloads show the change (Table 15)
    caseload_start: str = CASELOAD_START  # first month of the team caseload change (YYYY-MM)
    caseload_end: str = CASELOAD_END  # last month of the team caseload change (YYYY-MM)

    def __post_init__(self) -> None:
        for name in ("pa_salary", "sw_salary", "rollout_net_cost", "extra_caseload_value"):
            if arrays.any_of(getattr(self, name) < 0):
                raise ValueError(f"{name} must be 0 or more")
        if arrays.any_of(self.sw_per_pa <= 0) or arrays.any_of(self.rollout_posts <= 0):
            raise ValueError("sw_per_pa and rollout_posts must be more than 0")


@dataclass(frozen=True)
class PACosts:
    """Every figure of the Appendix 4 PA model, in pounds a year unless named otherwise."""

    unit_cost_with_overheads: float
    pilot_cost: dict[str, float]
    pilot_cost_with_overheads: dict[str, float]
    rollout_cost_with_overheads: float
    on_cost: float
    on_cost_per_sw: float
    admin_cost_before: float
    admin_cost_after: float
    saving_per_sw: float
    saving_per_pa: float
    benefit_per_pound: float


def cost_model(
    a: PAAssumptions,
    admin_share_before: float,
    admin_share_after: float,
    posts: dict[str, int],
) -> PACosts:
    """The Appendix 4 PA model. Shares are fractions (0.36 for 36%)."""
    for share in (admin_share_before, admin_share_after):
        if not arrays.within(share, 0, 1):
            raise ValueError(f"time shares must be fractions from 0 to 1, got {share}")
    pilot = {auth: a.pa_salary * n for auth, n in posts.items()}
    rollout_oh = with_overheads(a.rollout_net_cost, a.overhead_rate)
    on_cost = rollout_oh / a.rollout_posts
    before = a.sw_salary * admin_share_before
    after = a.sw_salary * admin_share_after
    saving_sw = before - after
    saving_pa = saving_sw * a.sw_per_pa
    return PACosts(
        unit_cost_with_overheads=with_overheads(a.pa_salary, a.overhead_rate),
        pilot_cost=pilot,
        pilot_cost_with_overheads={k: with_overheads(v, a.overhead_rate) for k, v in pilot.items()},
        rollout_cost_with_overheads=rollout_oh,
        on_cost=on_cost,
        on_cost_per_sw=on_cost / a.sw_per_pa,
        admin_cost_before=before,
        admin_cost_after=after,
        saving_per_sw=saving_sw,
        saving_per_pa=saving_pa,
        benefit_per_pound=arrays.ratio(saving_pa, on_cost),
    )


def time_share(time_use: pd.DataFrame, activity: str, period: str) -> float:
    """Percentage of the week spent on an activity in a period, from ``pa_time_use``."""
    rows = time_use[(time_use["activity"] == activity) & (time_use["period"] == period)]
    if len(rows) != 1:
        raise KeyError(f"pa_time_use has no single row for {activity}, {period}")
    return float(rows["share_pct"].iloc[0])


def enough_time_share(answers: pd.DataFrame, group: str, period: str) -> float:
    """Percentage saying they have quite a lot or very much time with families.

    Adds ``very_much`` and ``quite_a_lot`` where the split is given; otherwise uses the
    combined ``quite_a_lot_or_very_much`` row.
    """
    rows = answers[(answers["group"] == group) & (answers["period"] == period)]
    split = rows[rows["response"].isin(["very_much", "quite_a_lot"])]
    if len(split):
        return float(split["share_pct"].sum())
    combined = rows[rows["response"] == "quite_a_lot_or_very_much"]
    if len(combined) != 1:
        raise KeyError(f"pa_time_for_families has no answer for {group}, {period}")
    return float(combined["share_pct"].iloc[0])


def caseload_changes(caseloads: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Each team's caseload at ``start`` and ``end`` (YYYY-MM) and the percentage change."""
    wide = caseloads.pivot_table(
        index=["authority", "team"], columns="month", values="caseload", aggfunc="sum"
    )
    for month in (start, end):
        if month not in wide.columns:
            raise KeyError(f"team_caseloads has no counts for {month}")
    out = wide[[start, end]].dropna().astype(float)
    out.columns = ["start", "end"]
    out["change_pct"] = [pct_change(s, e) for s, e in zip(out["start"], out["end"], strict=True)]
    return out.reset_index()


def authority_caseloads(caseloads: pd.DataFrame, authority: str) -> pd.DataFrame:
    """One authority's team caseloads; every authority's when ``authority`` is empty."""
    if not authority:
        return caseloads
    rows = caseloads[caseloads["authority"] == authority]
    if rows.empty:
        found = ", ".join(sorted(caseloads["authority"].unique()))
        raise KeyError(
            f"team_caseloads.csv has no rows for authority {shown(authority)} (it has: {found}); "
            "set the caseload_authority parameter"
        )
    return rows


def caseload_rise(changes: pd.DataFrame) -> dict[str, float]:
    """Two summaries of team caseload change: the average of the teams' changes (as the
    report's 17%) and the change in all teams' caseloads added together."""
    return {
        "mean_of_teams": float(changes["change_pct"].mean()),
        "all_teams": pct_change(float(changes["start"].sum()), float(changes["end"].sum())),
        "teams": len(changes),
    }


AUTHORITY_KEYS = PILOT_AUTHORITIES


def figures(a: PAAssumptions, tables: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Every ``pa.*`` figure of the reference list, computed from parameters and data.

    Values are in the reference list's units: percentages as 0-100, money in GBP a year.
    """
    time_use = tables["pa_time_use"]
    admin_before = time_share(time_use, "administration", "before")
    admin_after = time_share(time_use, "administration", "after")
    posts = dict(zip(tables["pa_posts"]["authority"], tables["pa_posts"]["posts"], strict=True))
    posts = {k: int(v) for k, v in posts.items()}
    costs = cost_model(a, admin_before / 100, admin_after / 100, posts)
    answers = tables["pa_time_for_families"]
    sickness = tables["pa_sickness"].set_index("teams")["change_pct"]
    stated = tables["pa_caseload_change"].set_index("measure")["change_pct"]
    changes = caseload_changes(
        authority_caseloads(tables["team_caseloads"], a.caseload_authority),
        a.caseload_start,
        a.caseload_end,
    )
    out: dict[str, float] = {
        "pa.admin_share_before": admin_before,
        "pa.admin_share_after": admin_after,
        "pa.family_time_before": time_share(time_use, "with_families", "before"),
        "pa.family_time_after": time_share(time_use, "with_families", "after"),
        "pa.enough_time_pa": enough_time_share(answers, "pa_teams", "final"),
        "pa.enough_time_nonpa": enough_time_share(answers, "non_pa_teams", "final"),
        "pa.enough_time_baseline": enough_time_share(answers, "all_teams", "baseline"),
        "pa.caseload_team_rise": caseload_rise(changes)["mean_of_teams"],
        "pa.salary": a.pa_salary,
        "pa.overhead_rate": a.overhead_rate * 100,
        "pa.unit_cost_with_overheads": costs.unit_cost_with_overheads,
        "pa.rollout_posts": a.rollout_posts,
        "pa.rollout_cost": a.rollout_net_cost,
        "pa.rollout_cost_oh": costs.rollout_cost_with_overheads,
        "pa.on_cost": costs.on_cost,
        "pa.on_cost_per_sw": costs.on_cost_per_sw,
        "pa.sw_per_pa": a.sw_per_pa,
        "pa.sw_salary": a.sw_salary,
        "pa.admin_cost_before": costs.admin_cost_before,
        "pa.admin_cost_after": costs.admin_cost_after,
        "pa.saving_per_sw": costs.saving_per_sw,
        "pa.saving_per_pa": costs.saving_per_pa,
        "pa.benefit_per_pound": costs.benefit_per_pound,
        "pa.extra_caseload_value": a.extra_caseload_value,
    }
    if "individual" in stated.index:  # optional: self-reported caseloads
        out["pa.caseload_individual_rise"] = float(stated["individual"])
    if len(sickness):  # optional: a pack may have no sickness figures
        for teams in ("pa_pilot", "other"):
            if teams not in sickness.index:
                raise KeyError(
                    f"pa_sickness has no row for teams {teams!r}: it needs rows for both "
                    "'pa_pilot' and 'other', or none"
                )
        out["pa.sickness_pa"] = float(sickness["pa_pilot"])
        out["pa.sickness_other"] = float(sickness["other"])
    for key, authority in AUTHORITY_KEYS.items():
        if authority in posts:
            out[f"pa.{key}_count"] = posts[authority]
            out[f"pa.{key}_cost"] = costs.pilot_cost[authority]
            out[f"pa.{key}_cost_oh"] = costs.pilot_cost_with_overheads[authority]
    return out


def cost_steps(a: PAAssumptions, costs: PACosts) -> pd.DataFrame:
    """The cost model as a table of steps: what, how it is worked out, and the result."""
    oh = f"{a.overhead_rate:.0%}"
    rows = [
        ("PA salary", "parameter pa_salary", a.pa_salary),
        ("Unit cost of a PA", f"salary plus {oh} overheads", costs.unit_cost_with_overheads),
        ("Net roll-out cost", "parameter rollout_net_cost", a.rollout_net_cost),
        ("Roll-out cost with overheads", f"net cost plus {oh}", costs.rollout_cost_with_overheads),
        ("Net on-cost of one PA", f"roll-out cost / {a.rollout_posts} posts", costs.on_cost),
        (
            "Net on-cost per social worker",
            f"on-cost / {a.sw_per_pa:g} social workers",
            costs.on_cost_per_sw,
        ),
        ("Social worker salary", "parameter sw_salary", a.sw_salary),
        ("Admin time value, before", "salary x admin share before", costs.admin_cost_before),
        ("Admin time value, after", "salary x admin share after", costs.admin_cost_after),
        ("Notional saving per social worker", "before - after", costs.saving_per_sw),
        ("Notional saving per PA", f"x {a.sw_per_pa:g} social workers", costs.saving_per_pa),
    ]
    return pd.DataFrame(rows, columns=["step", "how", "gbp_per_year"])


def assumptions_dict(a: PAAssumptions) -> dict[str, float]:
    return asdict(a)


# --- Paragraphs that depend on what a pack has --------------------------------------------
# These write Markdown from the data, for sections whose content depends on which optional
# tables and authorities a pack holds. Pack text is escaped so it shows as written.


def _money(value: float) -> str:
    return f"£{value:,.0f}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def month_words(month: str) -> str:
    """A month written YYYY-MM, in words ("April 2015")."""
    return pd.Timestamp(f"{month}-01").strftime("%B %Y")


def posts_text(posts: dict[str, int]) -> str:
    """The PA posts in each authority's pilot, as a sentence."""
    from evidencebook.analysis.formatting import markdown_escape as esc

    parts = [f"{n} in {esc(a)}" for a, n in posts.items()]
    return f"The pilot had {sum(posts.values())} PA posts: {_join(parts)}."


def pilot_costs_text(costs: PACosts, posts: dict[str, int]) -> str:
    """Each authority's pilot cost at the PA salary, before and with overheads."""
    from evidencebook.analysis.formatting import markdown_escape as esc

    parts = [
        f"{esc(a)}'s {posts[a]} posts cost {_money(costs.pilot_cost[a])} a year before "
        f"overheads ({_money(costs.pilot_cost_with_overheads[a])} with them)"
        for a in posts
    ]
    return "**Pilot costs.** At that salary, " + "; ".join(parts) + "."


def sickness_text(sickness: pd.DataFrame) -> str:
    """What the pack says about sickness in PA teams and other teams."""
    from evidencebook.analysis.formatting import markdown_escape as esc

    if sickness.empty:
        return (
            "This data pack has no figures for sickness in teams with and without PAs, so "
            "this part of the evidence is not shown."
        )
    rows = sickness.set_index("teams")
    authority = esc(_join(list(dict.fromkeys(sickness["authority"]))))
    text = (
        f"{authority} reported a change of {rows.loc['pa_pilot', 'change_pct']:+.0f}% in social "
        "worker sickness rates in teams piloting PAs"
    )
    if "other" in rows.index:
        text += f", against {rows.loc['other', 'change_pct']:+.0f}% in other teams"
    return text + "."


def caseload_text(
    stated: pd.DataFrame,
    rise: dict[str, float],
    authority: str,
    start: str = CASELOAD_START,
    end: str = CASELOAD_END,
) -> str:
    """Team caseload change recomputed from the counts (``start`` to ``end``, YYYY-MM),
    beside any change the source states."""
    from evidencebook.analysis.formatting import markdown_escape as esc

    where = esc(authority) if authority else "all authorities"
    recomputed = (
        f"Recomputed from the team counts ({where}) as the average of the {rise['teams']} "
        f"teams' changes from {month_words(start)} to {month_words(end)}, team "
        "caseloads rose by "
        f"{rise['mean_of_teams']:.1f}% (the caseloads of all the teams added together rose by "
        f"{rise['all_teams']:.1f}%)."
    )
    by = stated.set_index("measure")["change_pct"] if len(stated) else pd.Series(dtype=float)
    parts = []
    if "team" in by.index:
        parts.append(
            f"The source states a rise in team caseloads of about {by['team']:.0f}% between the "
            "start of the pilot and nine months in."
        )
    parts.append(recomputed)
    if "individual" in by.index:
        parts.append(
            f"Social workers' own caseloads, as they reported them, rose by "
            f"{by['individual']:.0f}%."
        )
    return " ".join(parts)
