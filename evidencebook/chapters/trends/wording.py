"""The demand trends chapter's passages of text, written from the pack's figures.

Each function writes Markdown for the authorities that have the figures, naming them as the
pack does (escaped), or says the pack has no such figures. ``profiles_`` is
:func:`~evidencebook.chapters.trends.model.profiles` and ``comp``
:func:`~evidencebook.chapters.trends.model.comparisons`. A withheld count, and every figure
worked out from one, is written "c".
"""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis.common import (
    capital,
    in_place,
    join_words,
    no_data,
    pct_change,
    possessive,
    the,
)
from evidencebook.analysis.pack import not_available
from evidencebook.analysis.series import (
    _n,
    complete,
    demand_changes,
    like_period_changes,
    pct_text,
)
from evidencebook.chapters.trends.model import ENGLAND, Comparisons

# --- one figure for one thing: the rise in Children in Need -----------------------------------
# The programme and demand trends chapters both state it, through these functions only, so the
# two cannot give different figures for it.


def cin_sentence(
    children_in_need: pd.DataFrame, baseline_from: str, period_end: str | None = None
) -> str:
    """:func:`cin_glance_text` for the demand trends chapter, leaving out an authority with
    fewer than two counts in the period (the programme chapter needs two for each)."""
    rise = demand_changes(children_in_need, baseline_from, period_end, skip_short=True)
    like = like_period_changes(
        children_in_need[children_in_need["authority"].isin(rise["authority"])],
        baseline_from,
        period_end,
    )
    return cin_glance_text(rise, like)


def cin_glance_text(rise: pd.DataFrame, like: pd.DataFrame) -> str:
    """The one sentence on the change in Children in Need that the programme and demand
    trends chapters both give: each authority from its baseline count to the end of the
    demand period, each period named with its length, and, where the authorities' periods
    differ, the change over the months they all counted (a like-for-like comparison)."""
    if rise.empty:
        return no_data("Children in Need")

    def moves(frame: pd.DataFrame, periods: bool) -> str:
        return join_words(
            [
                f"{pct_text(r['change_pct'])} {in_place(r['authority'])}"
                + (f" ({r['from']} to {r['to']}, {r['months']} months)" if periods else "")
                for r in frame.to_dict("records")
            ]
        )

    text = "The number of Children in Need changed by " + moves(rise, True)
    if len(rise) > 1 and len(like):
        same = len({(r["from"], r["to"]) for r in rise.to_dict("records")}) == 1
        if not same:
            text += (
                f". These periods differ; over the same months, {like['from'].iloc[0]} to "
                f"{like['to'].iloc[0]}, the change was {moves(like, False)}"
            )
    return text + "."


# --- paragraphs -----------------------------------------------------------------------------

Profiles = dict[str, dict]


def _with(profiles_: Profiles, *names: str) -> list[str]:
    return [a for a, p in profiles_.items() if all(n in p for n in names)]


def glance_text(profiles_: Profiles, cin_sentence: str | None = None) -> str:
    """The 'at a glance' bullets: Children in Need, referrals, children looked after and
    starting to be looked after, and team caseloads, for each authority with the counts.
    ``cin_sentence`` (:func:`cin_glance_text`) is the Children in Need bullet, shared with
    the programme chapter; without it, each authority's change from its baseline count to
    its last."""
    bullets = []
    cin = _with(profiles_, "cin_pct")
    if cin_sentence is not None:
        bullets.append(cin_sentence)
    elif cin:
        bullets.append(
            "Children in Need changed by "
            + join_words(
                [
                    f"{pct_text(p['cin_pct'])} {in_place(a)} ({p['cin_from']} to {p['cin_to']})"
                    for a in cin
                    for p in [profiles_[a]]
                ]
            )
            + "."
        )
    for a in _with(profiles_, "referrals_rise"):
        p = profiles_[a]
        text = (
            f"{capital(possessive(a))} referrals changed by {pct_text(p['referrals_rise'])} from "
            f"{p['referrals_labels'][0]} to {p['referrals_labels'][-1]}"
        )
        if "mash_rise" in p:
            text += (
                ", and referrals through its Multi-Agency Safeguarding Hub (MASH) by "
                f"{pct_text(p['mash_rise'])}"
            )
        bullets.append(text + ".")
    cla = _with(profiles_, "cla_pct")
    if cla:
        bullets.append(
            "The number of children looked after changed by "
            + join_words([f"{pct_text(profiles_[a]['cla_pct'])} {in_place(a)}" for a in cla])
            + "."
        )
    starts = [_starts_like_with_like(a, profiles_[a]) for a in _with(profiles_, "starts_q")]
    starts = [s for s in starts if s]
    if starts:
        bullets.append(
            "Children *starting* to be looked after, compared like with like: "
            + "; ".join(starts)
            + "."
        )
    teams = _with(profiles_, "caseload_total_pct")
    if teams:
        bullets.append(
            "Child in Need teams' caseloads, all teams together, changed by "
            + join_words(
                [
                    f"{p['caseload_total_pct']:+.1f}% {in_place(a)} ({p['caseload_teams']} "
                    f"team{'s' if p['caseload_teams'] != 1 else ''})"
                    for a in teams
                    for p in [profiles_[a]]
                ]
            )
            + "."
        )
    if not bullets:
        return "- " + no_data("demand for children's social care")
    return "\n".join(f"- {b}" for b in bullets)


def _starts_like_with_like(a: str, p: dict) -> str:
    """Quarterly starts compared over like periods: the last quarter against the same
    quarter a year before where both were counted; otherwise the average a quarter during
    the programme against the authority's own count for the year before, a quarter's worth
    (small quarterly numbers swing widely, so first quarter against last is not used)."""
    if "starts_q_same" in p:
        prev_label, prev, last_label, last, moved = p["starts_q_same"]
        return (
            f"{in_place(a)}, {_n(last)} in {last_label} against {_n(prev)} in {prev_label}, "
            f"the same quarter a year before ({pct_text(moved, '+.0f')})"
        )
    # the authority's own count for the last year that ended before its quarters begin
    before = [
        (year, count)
        for year, count, _ in p.get("starts_exact", ())
        if pd.Timestamp(year=int(year[:4]) + 1, month=3, day=31) < p["starts_q_first_date"]
    ]
    if before and "starts_q_mean" in p:
        year, count = before[-1]
        mean = "c" if not_available(p["starts_q_mean"]) else f"{p['starts_q_mean']:.1f}"
        quarter = "c" if not_available(count) else f"{count / 4:.1f}"
        return (
            f"{in_place(a)}, no quarter was counted in two years; the "
            f"{p['starts_q_known']} quarters counted averaged {mean} a quarter, against "
            f"{quarter} a quarter in {year} ({_n(count)} in the year)"
        )
    return ""


def referrals_text(profiles_: Profiles) -> str:
    """Referrals, and those through the MASH, from the first count to each later one."""
    parts = []
    for a in _with(profiles_, "referrals"):
        p = profiles_[a]
        labels = p["referrals_labels"]
        text = f"{capital(the(a))} counted its referrals in {join_words(list(labels))}"
        text += ", with the number made through its MASH." if "mash" in p else "."
        moves = p["referrals_changes"]
        if len(moves) > 1:
            text += (
                f" Referrals changed by {pct_text(moves[0])} by the "
                f"{'middle' if len(moves) == 2 else 'second'} "
                f"count and by {pct_text(moves[-1])} by the last."
            )
        elif moves:
            text += f" Referrals changed by {pct_text(moves[-1])} from the first count to the last."
        if "mash_rise" in p and "referrals_rise" in p:
            first, last = p["mash_share_first"], p["mash_share_last"]
            shares = f"{pct_text(first, '.1f')} to {pct_text(last, '.1f')}"
            if complete((p["mash_rise"], p["referrals_rise"])):
                faster = p["mash_rise"] > p["referrals_rise"]
                text += (
                    " Referrals through the MASH "
                    f"{'grew faster' if faster else 'did not grow faster'}, so their share of "
                    f"all referrals went from {shares}."
                )
            else:  # which grew faster would say something of a withheld count
                text += f" The share of all referrals made through the MASH went from {shares}."
        parts.append(text)
    return "\n\n".join(parts) or no_data("referrals")


def rereferral_text(comp: Comparisons, names: list[str]) -> str:
    """Re-referral rates: the authorities against the comparator areas."""
    if comp.rereferral is None:
        return no_data("re-referral rates")
    ours = [(a, v) for a, v in comp.rereferral.values if a in names]
    others = [(a, v) for a, v in comp.rereferral.values if a not in names]
    text = f"In {comp.rereferral.period}, "
    if ours:
        text += join_words([f"{v:.0f}% of {possessive(a)} referrals" for a, v in ours])
        text += " were re-referrals (a child referred again within a year of an earlier referral)"
        if others:
            text += ", against " + join_words([f"{v:.0f}% {in_place(a)}" for a, v in others])
    else:
        text += (
            "re-referrals (a child referred again within a year of an earlier referral) were "
            + join_words([f"{v:.0f}% of referrals {in_place(a)}" for a, v in others])
        )
    return text + "."


def contacts_text(profiles_: Profiles) -> str:
    """Contacts by quarter, and referrals where they are given only as a range."""
    parts = []
    for a, p in profiles_.items():
        if "contacts" not in p and "referrals_monthly" not in p:
            continue
        text = ""
        if "contacts" in p:
            text = (
                f"{capital(the(a))} counted contacts (every enquiry to children's social care, "
                "whether or not it becomes a referral) by quarter."
            )
            if p["contacts_gaps"]:
                text += f" It had no count for {join_words(list(p['contacts_gaps']))}."
        if "referrals_monthly" in p:
            low, high = p["referrals_monthly"]
            who = "It" if text else capital(the(a))
            text += (
                f" {who} gave referrals only as a range: between {_n(low)} and {_n(high)} a "
                f"month from {p['referrals_monthly_from']} to {p['referrals_monthly_to']}."
            )
        if "contacts" in p:
            text += (
                f" Contacts averaged about {_n(p['contacts_per_month'])} a month over the "
                f"{p['contacts_quarters']} quarter{'s' if p['contacts_quarters'] != 1 else ''} "
                "counted."
            )
        parts.append(text.strip())
    return "\n\n".join(parts) or no_data("contacts")


def snapshot_text(profiles_: Profiles, prefix: str, what: str) -> str:
    """A count at points in time (``cin``, ``cla``): each authority's change from its
    baseline count to its last ("c" where a count it needs is withheld)."""
    parts = [
        f"by {p[f'{prefix}_to']} {possessive(a)} was {pct_text(p[f'{prefix}_pct'])} from "
        f"{p[f'{prefix}_from']}"
        for a in _with(profiles_, f"{prefix}_pct")
        for p in [profiles_[a]]
    ]
    if not parts:
        return no_data(what)
    return f"The number of {what}: " + "; ".join(parts) + "."


def history_text(profiles_: Profiles) -> str:
    """Children in Need counted before the baseline, where the pack has them."""
    parts = []
    for a in _with(profiles_, "cin_history", "cin_from"):
        p = profiles_[a]
        counts = [
            f"{_n(v)}{' Children in Need' if i == 0 else ''} in {lab}"
            for i, (v, lab) in enumerate(
                zip(p["cin_history"], p["cin_history_labels"], strict=True)
            )
        ]
        parts.append(f"Before its baseline ({p['cin_from']}), {the(a)} had {join_words(counts)}.")
    return " ".join(parts)


def england_text(comp: Comparisons) -> str:
    """Children looked after in England, year by year."""
    if comp.england_cla is None:
        return no_data("children looked after in England")
    counts, years = comp.england_cla.counts, comp.england_cla.years
    if len(counts) < 2:
        return f"England looked after {_n(counts[0])} children at 31 March {years[0]}."
    every = complete(counts) and all(b > a for a, b in zip(counts, counts[1:], strict=False))
    text = (
        f"Across England the number of children looked after rose every year from {years[0]} to "
        f"{years[-1]}"
        if every
        else f"Across England the number of children looked after went from {_n(counts[0])} in "
        f"{years[0]} to {_n(counts[-1])} in {years[-1]}"
    )
    return text + (
        f"; from March {years[-2]} to March {years[-1]} it changed by "
        f"{pct_text(comp.england_cla.rise)}."
    )


def rates_text(comp: Comparisons, names: list[str]) -> str:
    """Children looked after per 10,000 children: the authorities against the comparators."""
    if comp.cla_rate is None:
        return no_data("children looked after per 10,000 children")
    rates = dict(comp.cla_rate.values)
    others = [(a, v) for a, v in comp.cla_rate.values if a not in names]
    parts = []
    for a in [a for a in names if a in rates]:
        text = (
            f"{capital(the(a))} looked after {rates[a]:.0f} children per 10,000 in "
            f"{comp.cla_rate.period}"
        )
        if others:
            text += ", against " + join_words([f"{v:.0f} {in_place(o)}" for o, v in others])
        if ENGLAND in rates and rates[ENGLAND]:
            gap = pct_change(rates[ENGLAND], rates[a])
            if round(gap) != 0:
                text += f", a rate {abs(gap):.0f}% {'above' if gap > 0 else 'below'} England's"
        parts.append(text + ".")
    if not parts:
        parts.append(
            f"Children looked after per 10,000 children in {comp.cla_rate.period}: "
            + join_words([f"{v:.0f} {in_place(o)}" for o, v in others])
            + "."
        )
    return " ".join(parts)


def starts_quarter_text(profiles_: Profiles) -> str:
    """Children starting to be looked after each quarter ("c" for a withheld count, and
    for the change and average worked out from one)."""
    parts = []
    for a in _with(profiles_, "starts_q"):
        p = profiles_[a]
        text = (
            f"{capital(in_place(a))}, the number of children starting to be looked after each "
            f"quarter went from {_n(p['starts_q_first'])} in {p['starts_q_first_label']} to "
            f"{_n(p['starts_q_last'])} in {p['starts_q_last_label']}"
        )
        same = p.get("starts_q_same")
        if same and same[0] == p["starts_q_first_label"]:  # the same quarter a year apart
            text += f" ({pct_text(p['starts_q_rise'], '+.0f')})"
        mean = "c" if not_available(p["starts_q_mean"]) else f"{p['starts_q_mean']:.1f}"
        text += (
            f", an average of {mean} a quarter over the {p['starts_q_known']} "
            f"quarter{'s' if p['starts_q_known'] != 1 else ''} with a count"
        )
        if p["starts_q_gaps"]:
            text += f"; there was no count for {join_words(list(p['starts_q_gaps']))}"
        parts.append(text + ".")
    return " ".join(parts) or no_data("children starting to be looked after each quarter")


def starts_year_text(profiles_: Profiles, comp: Comparisons) -> str:
    """The published yearly starts, the authorities' own counts beside them, and the
    rounding of the published figures shown."""
    moves = [
        f"{possessive(a)} starts went from {_n(p['starts_year_prev'])} in "
        f"{p['starts_year_prev_label']} to {_n(p['starts_year_last'])} in "
        f"{p['starts_year_last_label']} ({pct_text(p['starts_year_pct'], '+.0f')})"
        for a in _with(profiles_, "starts_year_pct")
        for p in [profiles_[a]]
    ]
    england = comp.england_starts
    if not moves and (england is None or england.rise is None):
        return no_data("children starting to be looked after by year")
    text = ""
    if moves:
        text = "In the government's published yearly figures, " + join_words(moves) + "."
    if england is not None and england.rise is not None:
        first, last = england.counts[-2:]
        text += f" In England they went from {_n(first)} to {_n(last)} ({pct_text(england.rise)})."
    rounding = []
    if comp.authority_starts_rounding is not None:
        every = (
            "every authority figure shown"
            if comp.authority_starts_withheld
            else ("every authority figure")
        )
        rounding.append(f"{every} is a multiple of {comp.authority_starts_rounding}")
    if comp.england_starts_rounding is not None:
        shown = " shown" if england is not None and england.withheld else ""
        rounding.append(f"England's{shown} are multiples of {comp.england_starts_rounding}")
    if rounding:
        text += (
            "\n\n**These published figures are rounded.** In this pack "
            + join_words(rounding)
            + ": the government publishes local authority figures rounded to the nearest 5 "
            "and national ones to the nearest 10, so small changes in small numbers may be "
            "rounding."
        )
    own = []
    for a in _with(profiles_, "starts_exact"):
        counts = [
            f"{_n(c)} in {y}"
            + (f" (published as {_n(pub)})" if complete((c, pub)) and pub != c else "")
            for y, c, pub in profiles_[a]["starts_exact"]
        ]
        own.append(f"{possessive(a)} own count was {join_words(counts)}")
    if own:
        text += " " + capital("; ".join(own)) + "."
    return text.strip()


def per_quarter_text(profiles_: Profiles) -> str:
    """Each authority's own yearly count as a number per quarter and per month, beside its
    quarterly average during the programme."""
    parts = []
    for a in _with(profiles_, "starts_exact"):
        p = profiles_[a]
        year, count, _ = p["starts_exact"][0]
        if not_available(count):
            text = (
                f"{capital(possessive(a))} {year} count is withheld (c), and so are its "
                "numbers a quarter and a month"
            )
        else:
            text = (
                f"{capital(possessive(a))} {year} count of {_n(count)} is {count / 4:.1f} a "
                f"quarter or about {count / 12:.1f} a month"
            )
        if "starts_q_mean" in p:
            mean = "c" if not_available(p["starts_q_mean"]) else f"{p['starts_q_mean']:.1f}"
            text += f"; its average during the programme was {mean} a quarter"
        parts.append(text + ".")
    return " ".join(parts)


def older_text(profiles_: Profiles) -> str:
    """Children aged 14 and over among those starting to be looked after."""
    parts = []
    for a in _with(profiles_, "share_14_18_min"):
        p = profiles_[a]
        text = (
            f"{capital(the(a))} also counted the children aged 14 and over who started to be "
            "looked after. "
        )
        if complete((p["share_14_18_min"], p["share_14_18_max"])):
            text += (
                f"They made up between {p['share_14_18_min']:.0f}% and "
                f"{p['share_14_18_max']:.0f}% of all starts in each quarter."
            )
        else:
            text += (
                "Their share of all starts in a quarter is withheld (c) where a count it is "
                "worked out from is withheld, so the lowest and highest shares are not given."
            )
        parts.append(text)
    return " ".join(parts) or no_data("children aged 14 and over starting to be looked after")


def caseload_text(profiles_: Profiles) -> str:
    """Team caseloads: the teams whose caseload rose, and all teams together."""
    parts = []
    for a in _with(profiles_, "caseload_teams"):
        p = profiles_[a]
        text = (
            f"{capital(in_place(a))}, caseloads rose in {p['caseload_teams_up']} of "
            f"{p['caseload_teams']} team{'s' if p['caseload_teams'] != 1 else ''}"
        )
        if "caseload_total_pct" in p:
            text += (
                f"; together they changed by {p['caseload_total_pct']:+.1f}% from "
                f"{p['caseload_total_from']} to {p['caseload_total_to']}"
            )
        parts.append(text + ".")
    if not parts:
        return no_data("team caseloads")
    return (
        " ".join(parts) + " Team sizes are not given, so these are not caseloads per social worker."
    )


def missing_text(profiles_: Profiles) -> str:
    """Children returning from going missing, and the share who had a return interview."""
    parts = []
    for a in _with(profiles_, "missing"):
        p = profiles_[a]
        text = (
            f"{capital(the(a))} counted, month by month, the children returning from going "
            "missing and how many had a return interview. Over the "
            f"{p['missing_months']} month{'s' if p['missing_months'] != 1 else ''}, "
            f"{_n(p['missing_total'])} returns were counted and "
            f"{_n(p['missing_interviews_total'])} interviews held"
        )
        if "missing_share_overall" in p:
            text += f" ({pct_text(p['missing_share_overall'], '.0f')})"
        text += "."
        if p["missing_months"] > 1:
            first, last = p["missing_share_first"], p["missing_share_last"]
            # a direction would say something of a withheld count
            moved = ("fell" if last < first else "rose") if complete((first, last)) else "went"
            text += (
                f" Returns went from {_n(p['missing_first'])} in {p['missing_from']} to "
                f"{_n(p['missing_last'])} in {p['missing_to']}, and the share of returning "
                f"children interviewed {moved} from "
                f"{pct_text(first, '.0f')} to {pct_text(last, '.0f')}."
            )
        parts.append(text)
    return "\n\n".join(parts) or no_data("children returning from going missing")
