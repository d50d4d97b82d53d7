"""The demand trends chapter's passages of text, written from the pack's figures.

Each function writes Markdown for the authorities that have the figures, naming them as the
pack does (escaped), or says the pack has no such figures. ``profiles_`` is
:func:`~evidencebook.chapters.trends.model.profiles` and ``comp``
:func:`~evidencebook.chapters.trends.model.comparisons`. A withheld count, and every figure
worked out from one, is written "c".
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from evidencebook.analysis.common import (
    capital,
    in_place,
    join_words,
    no_data,
    pct_change,
    possessive,
    records,
    the,
)
from evidencebook.analysis.formatting import missing_symbol
from evidencebook.analysis.pack import not_available
from evidencebook.analysis.series import (
    _n,
    complete,
    demand_changes,
    like_period_changes,
    pct_text,
)
from evidencebook.chapters.trends.model import ENGLAND, AuthorityTrends, Comparisons

# --- one figure for one thing: the rise in Children in Need -----------------------------------
# The programme and demand trends chapters both state it, through these functions only, so the
# two cannot give different figures for it.


def cin_sentence(
    children_in_need: pd.DataFrame, baseline_from: str, period_end: str | None = None
) -> str:
    """:func:`cin_glance_text` for the demand trends chapter, leaving out an authority with
    fewer than two counts in the period (the programme chapter needs two for each)."""
    rise = demand_changes(children_in_need, baseline_from, period_end, skip_short=True)
    # the whole table, whose series were worked out for the rise (``once_a_compute``)
    like = like_period_changes(children_in_need, baseline_from, period_end, rise["authority"])
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
                for r in records(frame)
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

Profiles = Mapping[str, AuthorityTrends]


def glance_text(profiles_: Profiles, cin_sentence: str | None = None) -> str:
    """The 'at a glance' bullets: Children in Need, referrals, children looked after and
    starting to be looked after, and team caseloads, for each authority with the counts.
    ``cin_sentence`` (:func:`cin_glance_text`) is the Children in Need bullet, shared with
    the programme chapter; without it, each authority's change from its baseline count to
    its last."""
    bullets = []
    cin = {a: p.cin for a, p in profiles_.items() if p.cin is not None and p.cin.pct is not None}
    if cin_sentence is not None:
        bullets.append(cin_sentence)
    elif cin:
        bullets.append(
            "Children in Need changed by "
            + join_words(
                [
                    f"{pct_text(c.pct)} {in_place(a)} ({c.first_label} to {c.last_label})"
                    for a, c in cin.items()
                ]
            )
            + "."
        )
    for a, p in profiles_.items():
        r = p.referrals
        if r is None or r.rise is None:
            continue
        text = (
            f"{capital(possessive(a))} referrals changed by {pct_text(r.rise)} from "
            f"{r.labels[0]} to {r.labels[-1]}"
        )
        if r.mash_rise is not None:
            text += (
                ", and referrals through its Multi-Agency Safeguarding Hub (MASH) by "
                f"{pct_text(r.mash_rise)}"
            )
        bullets.append(text + ".")
    cla = {a: p.cla for a, p in profiles_.items() if p.cla is not None and p.cla.pct is not None}
    if cla:
        bullets.append(
            "The number of children looked after changed by "
            + join_words([f"{pct_text(c.pct)} {in_place(a)}" for a, c in cla.items()])
            + "."
        )
    starts = [_starts_like_with_like(a, p) for a, p in profiles_.items() if p.starts_q is not None]
    starts = [s for s in starts if s]
    if starts:
        bullets.append(
            "Children *starting* to be looked after, compared like with like: "
            + "; ".join(starts)
            + "."
        )
    teams = {
        a: p.caseloads
        for a, p in profiles_.items()
        if p.caseloads is not None and p.caseloads.total_pct is not None
    }
    if teams:
        bullets.append(
            "Child in Need teams' caseloads, all teams together, changed by "
            + join_words(
                [
                    f"{c.total_pct:+.1f}% {in_place(a)} ({c.count} "
                    f"team{'s' if c.count != 1 else ''})"
                    for a, c in teams.items()
                ]
            )
            + "."
        )
    if not bullets:
        return "- " + no_data("demand for children's social care")
    return "\n".join(f"- {b}" for b in bullets)


def _starts_like_with_like(a: str, p: AuthorityTrends) -> str:
    """Quarterly starts compared over like periods: the last quarter against the same
    quarter a year before where both were counted; otherwise the average a quarter during
    the programme against the authority's own count for the year before, a quarter's worth
    (small quarterly numbers swing widely, so first quarter against last is not used)."""
    q = p.starts_q
    if q.same is not None:
        same = q.same
        return (
            f"{in_place(a)}, {_n(same.last)} in {same.last_label} against {_n(same.before)} in "
            f"{same.before_label}, the same quarter a year before "
            f"({pct_text(same.change, '+.0f')})"
        )
    # the authority's own count for the last year that ended before its quarters begin
    before = [
        y
        for y in p.starts_exact
        if pd.Timestamp(year=int(y.label[:4]) + 1, month=3, day=31) < q.first_date
    ]
    if before:
        year = before[-1]
        mean = _decimal(q.mean)
        quarter = _decimal(year.count if not_available(year.count) else year.count / 4)
        return (
            f"{in_place(a)}, no quarter was counted in two years; the "
            f"{q.known} quarters counted averaged {mean} a quarter, against "
            f"{quarter} a quarter in {year.label} ({_n(year.count)} in the year)"
        )
    return ""


def referrals_text(profiles_: Profiles) -> str:
    """Referrals, and those through the MASH, from the first count to each later one."""
    parts = []
    for a, p in profiles_.items():
        r = p.referrals
        if r is None:
            continue
        text = f"{capital(the(a))} counted its referrals in {join_words(list(r.labels))}"
        text += ", with the number made through its MASH." if r.mash is not None else "."
        moves = r.changes
        if len(moves) > 1:
            text += (
                f" Referrals changed by {pct_text(moves[0])} by the "
                f"{'middle' if len(moves) == 2 else 'second'} "
                f"count and by {pct_text(moves[-1])} by the last."
            )
        elif moves:
            text += f" Referrals changed by {pct_text(moves[-1])} from the first count to the last."
        if r.mash_rise is not None and r.rise is not None:
            shares = (
                f"{pct_text(r.mash_share_first, '.1f')} to {pct_text(r.mash_share_last, '.1f')}"
            )
            if complete((r.mash_rise, r.rise)):
                faster = r.mash_rise > r.rise
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
        c, ranges = p.contacts, p.referral_range
        if c is None and ranges is None:
            continue
        text = ""
        if c is not None:
            text = (
                f"{capital(the(a))} counted contacts (every enquiry to children's social care, "
                "whether or not it becomes a referral) by quarter."
            )
            if c.gaps:
                text += f" It had no count for {join_words(list(c.gaps))}."
        if ranges is not None:
            who = "It" if text else capital(the(a))
            text += (
                f" {who} gave referrals only as a range: between {_n(ranges.low)} and "
                f"{_n(ranges.high)} a month from {ranges.first_label} to {ranges.last_label}."
            )
        if c is not None:
            text += (
                f" Contacts averaged about {_n(c.per_month)} a month over the "
                f"{c.quarters} quarter{'s' if c.quarters != 1 else ''} counted."
            )
        parts.append(text.strip())
    return "\n\n".join(parts) or no_data("contacts")


def snapshot_text(profiles_: Profiles, prefix: str, what: str) -> str:
    """A count at points in time (``cin``, ``cla``): each authority's change from its
    baseline count to its last ("c" where a count it needs is withheld)."""
    parts = [
        f"by {s.last_label} {possessive(a)} was {pct_text(s.pct)} from {s.first_label}"
        for a, p in profiles_.items()
        for s in [getattr(p, prefix)]
        if s is not None and s.pct is not None
    ]
    if not parts:
        return no_data(what)
    return f"The number of {what}: " + "; ".join(parts) + "."


def history_text(profiles_: Profiles) -> str:
    """Children in Need counted before the baseline, where the pack has them."""
    parts = []
    for a, p in profiles_.items():
        if p.cin_history is None or p.cin is None:
            continue
        counts = [
            f"{_n(v)}{' Children in Need' if i == 0 else ''} in {lab}"
            for i, (v, lab) in enumerate(
                zip(p.cin_history.counts, p.cin_history.labels, strict=True)
            )
        ]
        parts.append(
            f"Before its baseline ({p.cin.first_label}), {the(a)} had {join_words(counts)}."
        )
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


def _decimal(value: object) -> str:
    """A mean to one decimal place; "c" where worked out from a withheld count, "x" where
    not available."""
    return missing_symbol(value) if not_available(value) else f"{value:.1f}"


def starts_quarter_text(profiles_: Profiles) -> str:
    """Children starting to be looked after each quarter ("c" for a withheld count, and
    for the change and average worked out from one; "x" for one not available)."""
    parts = []
    for a, p in profiles_.items():
        q = p.starts_q
        if q is None:
            continue
        text = (
            f"{capital(in_place(a))}, the number of children starting to be looked after each "
            f"quarter went from {_n(q.first)} in {q.first_label} to "
            f"{_n(q.last)} in {q.last_label}"
        )
        if q.same is not None and q.same.before_label == q.first_label:
            text += f" ({pct_text(q.rise, '+.0f')})"  # the same quarter a year apart
        mean = _decimal(q.mean)
        text += (
            f", an average of {mean} a quarter over the {q.known} "
            f"quarter{'s' if q.known != 1 else ''} with a count"
        )
        if q.gaps:
            text += f"; there was no count for {join_words(list(q.gaps))}"
        parts.append(text + ".")
    return " ".join(parts) or no_data("children starting to be looked after each quarter")


def starts_year_text(profiles_: Profiles, comp: Comparisons) -> str:
    """The published yearly starts, the authorities' own counts beside them, and the
    rounding of the published figures shown."""
    moves = [
        f"{possessive(a)} starts went from {_n(y.prev)} in {y.prev_label} to {_n(y.last)} in "
        f"{y.last_label} ({pct_text(y.pct, '+.0f')})"
        for a, p in profiles_.items()
        if p.starts_y is not None and p.starts_y.last_two is not None
        for y in [p.starts_y.last_two]
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
    for a, p in profiles_.items():
        if not p.starts_exact:
            continue
        counts = [
            f"{_n(y.count)} in {y.label}"
            + (
                f" (published as {_n(y.published)})"
                if complete((y.count, y.published)) and y.published != y.count
                else ""
            )
            for y in p.starts_exact
        ]
        own.append(f"{possessive(a)} own count was {join_words(counts)}")
    if own:
        text += " " + capital("; ".join(own)) + "."
    return text.strip()


def per_quarter_text(profiles_: Profiles) -> str:
    """Each authority's own yearly count as a number per quarter and per month, beside its
    quarterly average during the programme."""
    parts = []
    for a, p in profiles_.items():
        if not p.starts_exact:
            continue
        year = p.starts_exact[0]
        if not_available(year.count):
            text = (
                f"{capital(possessive(a))} {year.label} count is withheld (c), and so are its "
                "numbers a quarter and a month"
            )
        else:
            text = (
                f"{capital(possessive(a))} {year.label} count of {_n(year.count)} is "
                f"{year.count / 4:.1f} a quarter or about {year.count / 12:.1f} a month"
            )
        if p.starts_q is not None:
            mean = _decimal(p.starts_q.mean)
            text += f"; its average during the programme was {mean} a quarter"
        parts.append(text + ".")
    return " ".join(parts)


def older_text(profiles_: Profiles) -> str:
    """Children aged 14 and over among those starting to be looked after."""
    parts = []
    for a, p in profiles_.items():
        older = p.older
        if older is None or older.share_min is None:
            continue
        text = (
            f"{capital(the(a))} also counted the children aged 14 and over who started to be "
            "looked after. "
        )
        if complete((older.share_min, older.share_max)):
            text += (
                f"They made up between {older.share_min:.0f}% and "
                f"{older.share_max:.0f}% of all starts in each quarter."
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
    for a, p in profiles_.items():
        c = p.caseloads
        if c is None:
            continue
        text = (
            f"{capital(in_place(a))}, caseloads rose in {c.up} of "
            f"{c.count} team{'s' if c.count != 1 else ''}"
        )
        if c.total_pct is not None:
            text += (
                f"; together they changed by {c.total_pct:+.1f}% from "
                f"{c.total_from} to {c.total_to}"
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
    for a, p in profiles_.items():
        m = p.missing
        if m is None:
            continue
        text = (
            f"{capital(the(a))} counted, month by month, the children returning from going "
            "missing and how many had a return interview. Over the "
            f"{m.months} month{'s' if m.months != 1 else ''}, "
            f"{_n(m.total)} returns were counted and "
            f"{_n(m.interviews_total)} interviews held"
        )
        if m.share_overall is not None:
            text += f" ({pct_text(m.share_overall, '.0f')})"
        text += "."
        if m.months > 1:
            first, last = m.share_first, m.share_last
            # a direction would say something of a withheld count
            moved = ("fell" if last < first else "rose") if complete((first, last)) else "went"
            text += (
                f" Returns went from {_n(m.first)} in {m.first_label} to "
                f"{_n(m.last)} in {m.last_label}, and the share of returning "
                f"children interviewed {moved} from "
                f"{pct_text(first, '.0f')} to {pct_text(last, '.0f')}."
            )
        parts.append(text)
    return "\n\n".join(parts) or no_data("children returning from going missing")
