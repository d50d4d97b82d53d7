"""Volunteers: the chapter's paragraphs, written from the pack's evidence (see
:func:`~evidencebook.chapters.volunteers.model.evidence`) and the cost model's assumptions.

Each writes Markdown for the authorities that have the figures, naming them as the pack
does (escaped), or says the pack has no such figures. A count withheld in the pack ("c")
is written "c", and so is every share or change worked out from one.
"""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis.common import (
    capital,
    change_words,
    in_place,
    join_words,
    month_name,
    no_data,
    period_text,
    possessive,
    the,
    window_text,
)
from evidencebook.analysis.figures import shown
from evidencebook.analysis.formatting import (
    NOT_AVAILABLE,
    WITHHELD,
    is_withheld,
    missing_symbol,
)
from evidencebook.analysis.pack import not_available
from evidencebook.chapters.volunteers.model import VolunteerAssumptions


def _has(ev: dict[str, object], *names: str) -> bool:
    return all(n in ev for n in names)


def _share_text(part: object, whole: object) -> str:
    """'68%': a share of a complete count (everyone referred, every request, every family
    engaged), not of a sample, so no interval; "c" where either count is withheld, "x"
    where the share is not available."""
    return _plain_share(part, whole)


def _change_words(pct: object) -> str:
    """'up 93%', 'down 5%', 'no change'; "c" where worked out from a withheld count, "x"
    where not available (a change from 0)."""
    return missing_symbol(pct) if not_available(pct) else change_words(pct)


def _moved(ev: dict[str, object]) -> str | None:
    """Whether the share of returning children interviewed 'fell' or 'rose' from the first
    month to the last; None where either share is withheld (the direction would say
    something of it)."""
    before, after = ev["ri_share_before"], ev["ri_share_after"]
    if not_available(before) or not_available(after):
        return None
    return "fell" if after < before else "rose"


def glance_text(evidence_: dict[str, dict[str, object]]) -> str:
    """The 'at a glance' bullets on the evidence: recruitment, mentoring, family support
    and return interviews, for each authority with the figures."""
    bullets = []
    for name, ev in evidence_.items():
        if _has(ev, "enquiries", "remaining"):
            bullets.append(
                f"{capital(possessive(name))} recruitment drew {shown(ev['enquiries'], ',.0f')} "
                "enquiries "
                f"and {shown(ev['applications'], ',.0f')} applications; "
                f"{shown(ev['inducted'], ',.0f')} people "
                f"finished induction training "
                f"({_share_text(ev['inducted'], ev['enquiries'])} of those who enquired) and "
                f"{shown(ev['remaining'], ',.0f')} of them "
                f"({_share_text(ev['remaining'], ev['inducted'])}) "
                "were still volunteering at the end of the pilot."
            )
    for name, ev in evidence_.items():
        if _has(ev, "mentor_matched", "mentor_referred"):
            bullets.append(
                f"Volunteer mentors {in_place(name)} were matched with "
                f"{shown(ev['mentor_matched'], ',.0f')} of the "
                f"{shown(ev['mentor_referred'], ',.0f')} young people "
                f"referred ({_share_text(ev['mentor_matched'], ev['mentor_referred'])})."
            )
    for name, ev in evidence_.items():
        if _has(ev, "fs_benefited", "fs_engaged"):
            bullets.append(
                f"{capital(in_place(name))}, {shown(ev['fs_benefited'], ',.0f')} of "
                f"{shown(ev['fs_engaged'], ',.0f')} "
                "families who engaged with a family support volunteer were judged to have "
                f"benefited ({_share_text(ev['fs_benefited'], ev['fs_engaged'])})."
            )
    for name, ev in evidence_.items():
        if "ri_rise" in ev:
            bullets.append(_return_interview_trend(name, ev, glance=True))
    if not bullets:
        return "- " + no_data("volunteer recruitment or activity")
    return "\n".join(f"- {b}" for b in bullets)


def _window_share(ev: dict[str, object], end: str) -> str:
    """The share of returning children interviewed over the first (``before``) or last
    (``after``) months of :func:`~evidencebook.analysis.common.window_means`: counts of every
    child in those months, so no interval; "c" where worked out from a withheld count, "x"
    where not available (no child returning in those months)."""
    return _plain_share(ev["ri_window"][end], ev["returning_window"][end])


def _plain_share(part: object, whole: object) -> str:
    """A share of a complete count, with no interval: '20%'; "c" where worked out from a
    withheld count, "x" where not available (a share of nobody)."""
    if is_withheld(part) or is_withheld(whole):
        return WITHHELD
    if not_available(part) or not_available(whole) or not whole:
        return NOT_AVAILABLE
    return f"{float(part) / float(whole) * 100:.0f}%"


def _single_months(ev: dict[str, object]) -> str:
    """The comparison of the series' first and last single months, named as such (the
    report's "93%" is one)."""
    first, last = month_name(ev["ri_month_before"]), month_name(ev["ri_month_after"])
    rise = ev["ri_rise"]
    rise = missing_symbol(rise) if not_available(rise) else f"{rise:+.0f}%"
    return (
        f"Compared month to month, {first} ({shown(ev['ri_monthly_before'], ',.0f')}) against "
        f"{last} "
        f"({shown(ev['ri_monthly_after'], ',.0f')}), the change would be {rise}: two single months "
        "of a "
        "series that swings from month to month"
    )


def _return_interview_trend(name: str, ev: dict[str, object], glance: bool = False) -> str:
    """Return interviews and children returning, compared as averages over the first and
    last months of the series (single months swing widely); where the pack has too few
    months for that, its first and last months, named as single months."""
    if "ri_window" not in ev or "returning_window" not in ev:
        first, last = month_name(ev["ri_month_before"]), month_name(ev["ri_month_after"])
        text = (
            f"{capital(in_place(name))}, return interviews for children back from going "
            f"missing went from {shown(ev['ri_monthly_before'], ',.0f')} in {first} to "
            f"{shown(ev['ri_monthly_after'], ',.0f')} in {last} ({_change_words(ev['ri_rise'])}; "
            "two "
            "single months, too few to average)"
        )
        moved = _moved(ev)
        return text + (
            f". The share of returning children interviewed {moved or 'went'} from "
            f"{_plain_share(ev['ri_monthly_before'], ev['returning_before'])} to "
            f"{_plain_share(ev['ri_monthly_after'], ev['returning_after'])}."
        )
    ri, ret = ev["ri_window"], ev["returning_window"]
    text = (
        f"{capital(in_place(name))}, "
        + window_text(ri, "return interviews for children back from going missing")
        + ". "
        + capital(window_text(ret, "The children returning", 0))
        + f". So the share interviewed went from {_window_share(ev, 'before')} to "
        f"{_window_share(ev, 'after')} over the same months"
    )
    if not glance:
        return text + "."
    return text + f". {_single_months(ev)}."


def recruitment_text(evidence_: dict[str, dict[str, object]]) -> str:
    """Recruitment from first enquiry to those still volunteering."""
    parts = []
    for name, ev in evidence_.items():
        if not _has(ev, "enquiries", "remaining"):
            continue
        p1 = _share_text(ev["inducted"], ev["enquiries"])
        p2 = _share_text(ev["inducted"], ev["applications"])
        p3 = _share_text(ev["resigned"], ev["inducted"])
        parts.append(
            f"{capital(in_place(name))}, of {shown(ev['enquiries'], ',.0f')} first enquiries, "
            f"{shown(ev['applications'], ',.0f')} became formal applications and "
            f"{shown(ev['inducted'], ',.0f')} "
            "people completed induction training and were ready to volunteer: "
            f"{p1} of those who enquired and {p2} of those who applied. Since "
            f"then {shown(ev['resigned'], ',.0f')} have resigned ({p3} of those inducted) and "
            f"{shown(ev['withdrawn'], ',.0f')} have been withdrawn by the council "
            f"({_share_text(ev['withdrawn'], ev['inducted'])}), leaving "
            f"{shown(ev['remaining'], ',.0f')}."
        )
    if not parts:
        return no_data("volunteer recruitment")
    return "\n\n".join(parts) + (
        " These are counts of everyone who enquired, applied and trained, not a sample, so the "
        "shares carry no interval."
    )


#: How the training paragraph names each role.
TRAINED_FOR = {
    "trained_mentors": "as mentors",
    "trained_return_interviews": "for return interviews",
    "trained_family_support": "for family support",
    "trained_advocacy": "for advice and advocacy for excluded pupils",
}


def training_text(evidence_: dict[str, dict[str, object]]) -> str:
    """Volunteers trained for each kind of work, as shares of those still volunteering."""
    parts = []
    for name, ev in evidence_.items():
        roles = sorted((k for k in TRAINED_FOR if k in ev), key=lambda k: -float(ev[k]))
        if not roles:
            continue
        base = ev.get("remaining")
        items = []
        for i, key in enumerate(roles):
            n = ev[key]
            said = (
                f"{shown(n, ',.0f')} ({_share_text(n, base)})"
                if base and n <= base
                else shown(n, ",.0f")
            )
            items.append(f"{said} {'were trained ' if i == 0 else ''}{TRAINED_FOR[key]}")
        text = f"{capital(in_place(name))}, volunteers were trained for one or more kinds of work"
        text += (
            (f"; as shares of the {shown(base, ',.0f')} still volunteering, " if base else ": ")
            + join_words(items)
            + "."
        )
        if base and sum(float(ev[k]) for k in roles) > base:
            text += (
                " The shares add to more than 100% because some were trained for more than "
                "one role."
            )
        parts.append(text)
    return "\n\n".join(parts) or no_data("volunteer training")


def coordinators_text(a: VolunteerAssumptions, evidence_: dict[str, dict[str, object]]) -> str:
    """How many volunteers a coordinator supports: the ratio behind the cost model."""
    home = a.in_house_authority
    ev = evidence_.get(home, {})
    n = a.in_house.coordinators
    per = a.in_house.volunteers_per_coordinator
    if _has(ev, "active_low", "active_high"):
        text = (
            f"Several months in, each of {possessive(home)} {n:g} coordinators was supporting "
            f"between {ev['active_low']} and {ev['active_high']} active volunteers in their "
            f"locality, and they thought {per:.0f} each would be manageable over time."
        )
    else:
        text = (
            f"The in-house model assumes that each of {possessive(home)} {n:g} full-time "
            f"coordinators supports {per:.0f} active volunteers; the pack does not say how many "
            "each was supporting in practice."
        )
    bought = a.commissioned_authority
    text += (
        f" {capital(possessive(bought))} commissioned coordinator was supporting "
        f"{a.commissioned.volunteers:g} volunteers. This ratio drives the cost model below."
    )
    return text


def _period(ev: dict[str, object], name: str) -> str | None:
    period = ev.get(f"{name}_period")
    return period_text(*period) if period else None


def _when(ev: dict[str, object], name: str) -> str:
    """'From January to September 2016 ' (or 'In May 2016 '), or nothing."""
    period = ev.get(f"{name}_period")
    if not period:
        return ""
    return ("In " if period[0] == period[1] else "From ") + period_text(*period) + " "


def mentoring_text(evidence_: dict[str, dict[str, object]]) -> str:
    """Mentors matched with the young people referred, and how many engaged."""
    parts = []
    for name, ev in evidence_.items():
        text = ""
        if _has(ev, "mentor_matched", "mentor_referred"):
            text = (
                f"{capital(in_place(name))}, mentors were matched and engaged early with "
                f"{shown(ev['mentor_matched'], ',.0f')} of {shown(ev['mentor_referred'], ',.0f')} "
                "young people "
                f"referred ({_share_text(ev['mentor_matched'], ev['mentor_referred'])})."
            )
        if "mentor_engaged" in ev:
            where = "" if text else f" {in_place(name)}"
            text += (
                f" {ev['mentor_engaged']:.0f}% of mentoring relationships{where} were judged to "
                "have engaged the young person effectively (the source gives no base)."
            )
        if text:
            parts.append(text.strip())
    body = " ".join(parts) or no_data("mentoring")
    return f"**Mentoring young people on the edge of care.** {body}"


def family_support_text(evidence_: dict[str, dict[str, object]]) -> str:
    """Families who engaged with a family support volunteer, and those who benefited."""
    parts = []
    for name, ev in evidence_.items():
        if _has(ev, "fs_benefited", "fs_engaged"):
            text = (
                f"Of the {shown(ev['fs_engaged'], ',.0f')} families {in_place(name)} who engaged "
                "well, "
                f"social workers judged {shown(ev['fs_benefited'], ',.0f')} "
                f"({_share_text(ev['fs_benefited'], ev['fs_engaged'])}) had benefited"
            )
            if _has(ev, "fs_very_much", "fs_somewhat"):
                text += (
                    f": {shown(ev['fs_very_much'], ',.0f')} very much and "
                    f"{shown(ev['fs_somewhat'], ',.0f')} somewhat"
                )
            parts.append(text + ".")
        elif "fs_engaged" in ev:
            parts.append(
                f"{capital(in_place(name))}, {shown(ev['fs_engaged'], ',.0f')} families engaged "
                "well with a "
                "family support volunteer."
            )
    body = " ".join(parts) or no_data("family support")
    return f"**Family support.** {body}"


def return_interviews_text(evidence_: dict[str, dict[str, object]]) -> str:
    """Requests for a volunteer to hold a return interview, and those completed."""
    parts = []
    for name, ev in evidence_.items():
        if "ri_requests" not in ev:
            continue
        when = _when(ev, "ri_requests")
        text = (
            f"{when.rstrip() + ', ' + possessive(name) if when else capital(possessive(name))} "
            "coordinators received "
            f"{shown(ev['ri_requests'], ',.0f')} requests for a volunteer to interview a child "
            "back from "
            "going missing"
        )
        if "ri_per_month" in ev:
            by = _period(ev, "ri_per_month")
            text += f", and {'by ' + by + ' ' if by else ''}about {ev['ri_per_month']:.0f} a month"
        text += "."
        if "ri_completed" in ev:
            text += (
                f" {shown(ev['ri_completed'], ',.0f')} "
                f"({_share_text(ev['ri_completed'], ev['ri_requests'])}) "
                "became a completed interview in which the volunteer spoke with the young person."
            )
        if "ri_not_volunteer" in ev:
            text += (
                f" Only about {ev['ri_not_volunteer']:.0f}% of interviews not done were for want "
                "of a volunteer."
            )
        parts.append(text)
    body = " ".join(parts) or no_data("return interviews")
    return f"**Return interviews.** {body}"


def advocacy_text(evidence_: dict[str, dict[str, object]]) -> str:
    """Referrals to the advice and advocacy scheme for excluded pupils, and those completed."""
    parts = []
    for name, ev in evidence_.items():
        if not _has(ev, "advocacy_referrals", "advocacy_completed"):
            continue
        when = _when(ev, "advocacy_referrals")
        parts.append(
            f"{when or 'In the period counted, '}there were "
            f"{shown(ev['advocacy_referrals'], ',.0f')} "
            f"referrals {in_place(name)}, of which {shown(ev['advocacy_completed'], ',.0f')} "
            f"({_share_text(ev['advocacy_completed'], ev['advocacy_referrals'])}) ended in a "
            "completed piece of work."
        )
    body = " ".join(parts) or no_data("advice and advocacy")
    return f"**Advice and advocacy for excluded pupils.** {body}"


def missing_returns_text(evidence_: dict[str, dict[str, object]]) -> str:
    """Return interviews against children returning from going missing: the series' first
    and last months averaged (single months swing widely), and the shares of every child
    returning in those months (complete counts, so no interval)."""
    parts = []
    for name, ev in evidence_.items():
        if "ri_rise" not in ev:
            continue
        first, last = month_name(ev["ri_month_before"]), month_name(ev["ri_month_after"])
        text = (
            f"For each month from {first} to {last}, {the(name)} counted the children "
            "returning from going missing and how many had a return interview. "
        )
        if "ri_window" in ev and "returning_window" in ev:
            text += _return_interview_trend(name, ev).split(", ", 1)[1][:1].upper()
            text += _return_interview_trend(name, ev).split(", ", 1)[1][1:]
            before, after = _window_share(ev, "before"), _window_share(ev, "after")
            shares_known = before.endswith("%") and after.endswith("%")
            if shares_known and float(after[:-1]) < float(before[:-1]):
                text = text[:-1] + ": interviews did not keep pace with the children returning."
            text += f" {_single_months(ev)}."
        else:
            text += _return_interview_trend(name, ev).split(", ", 1)[1][:1].upper()
            text += _return_interview_trend(name, ev).split(", ", 1)[1][1:]
        text += (
            f" Over the {ev['missing_months']} months, "
            f"{shown(ev['ri_total'], ',.0f')} return interviews were held for "
            f"{shown(ev['returning_total'], ',.0f')} "
            "returns. The shares are recomputed from the counts; they are of every child "
            "returning in those months, not of a sample, so they carry no interval."
        )
        parts.append(text)
    return "\n\n".join(parts) or no_data("children returning from going missing")


# --- names and tables shown ----------------------------------------------------------------


def place_figures(home: str, bought: str) -> dict[str, str]:
    """The authorities the two cost models describe, as the prose names them ("in
    Hampshire", "Hampshire's"; unescaped: glued text is shown as written)."""
    return {
        "vol.in_house_in": in_place(home, escape=False),
        "vol.in_house_possessive": possessive(home, escape=False),
        "vol.commissioned_in": in_place(bought, escape=False),
        "vol.commissioned_possessive": possessive(bought, escape=False),
    }


def delivery_table(delivery: pd.DataFrame) -> pd.DataFrame:
    """How each authority delivered the pilot (``vol_delivery``), with headers in words."""
    columns = {
        "authority": "Authority",
        "delivered_by": "Delivered by",
        "coordination": "Coordination",
        "work_streams": "Kinds of volunteering",
        "source": "Source",
    }
    return delivery[list(columns)].rename(columns=columns)


def theory_of_change(toc: pd.DataFrame) -> pd.DataFrame:
    """The chapter's stages of the theory of change (Table 5)."""
    return toc[toc["chapter"] == "volunteers"][["stage", "statement", "source"]]


def cost_steps_table(steps: pd.DataFrame) -> pd.DataFrame:
    """The steps of both cost models (:func:`~.model.cost_steps`), money as £, headers in
    words."""
    columns = {"authority": "Authority", "step": "Step", "how": "How it is worked out"}
    return steps.assign(gbp=steps["gbp"].map("£{:,.2f}".format)).rename(
        columns=columns | {"gbp": "GBP"}
    )


def _book_value(value: object) -> object:
    if isinstance(value, str):
        return value
    return "not in this pack" if pd.isna(value) else f"{value:,.2f}"


def check_table(check: pd.DataFrame) -> pd.DataFrame:
    """The book's figures beside the report's (``figures.compare``), as shown."""
    check = check.assign(book=check["book"].map(_book_value))
    return check[["what", "unit", "report", "book", "check", "where"]]
