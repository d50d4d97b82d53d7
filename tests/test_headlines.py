"""Headlines say what the evidence supports (issue 14): checked on the notebooks' text."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def markdown(chapter: str) -> str:
    nb = json.loads((NOTEBOOKS / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def code(chapter: str) -> str:
    nb = json.loads((NOTEBOOKS / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def at_a_glance(chapter: str) -> str:
    text = markdown(chapter)
    start = text.index("## At a glance")
    return text[start : text.index("\n## ", start + 1)]


def test_the_pa_net_cost_is_called_an_assumption():
    glance = at_a_glance("pa")
    assert "Because other\n  administrative support was cut back" not in glance
    assert "**assumes** cuts in other administrative support" in glance
    assert "pa_switch_admin_cuts_made_value" in glance  # how far the cuts can fall short


def test_the_pa_ratio_says_what_it_rests_on_and_carries_the_grade_into_its_interval():
    from evidencebook.chapters.pa import appraisal as pa_appraisal

    glance = at_a_glance("pa")
    assert "no comparison group" in glance and "pa_bcr_grade_1" in glance
    assert "each pound spent buys" not in markdown("pa")
    assert '"benefit_reduction": uncertainty.Discrete(grade_cuts)' in inspect.getsource(
        pa_appraisal.rollout
    )


def test_the_volunteer_funnel_gives_no_interval_on_a_complete_count():
    charts = NOTEBOOKS.parent / "evidencebook" / "chapters" / "volunteers" / "charts.py"
    assert 'format_share(n, ev["enquiries"], complete=True)' in charts.read_text(encoding="utf-8")


def test_no_share_interval_on_a_complete_count_or_a_guessed_base():
    """The volunteers' funnel, mentors and families, the overview's staff retention: counts
    of everyone, not samples; FIT's case file shares: bases the report does not give. None
    gets a confidence interval (only the Monte Carlo ranges of money remain)."""
    glued_share_interval = re.compile(r"interval \{glue:text\}`\w+_low:\.0f`%")
    for chapter in ("overview", "volunteers", "fit"):
        assert not glued_share_interval.search(markdown(chapter)), chapter
        for m in re.finditer(r"% interval", markdown(chapter)):
            assert "£" in markdown(chapter)[m.end() : m.end() + 12], chapter  # money only
    assert "share_interval(" not in code("overview") + code("volunteers")
    assert "interval_figures(" not in code("overview") + code("volunteers") + code("fit")
    # FIT: an interval only on a base the pack states (its charts are built in the package)
    fit_charts = (NOTEBOOKS.parent / "evidencebook" / "chapters" / "fit" / "charts.py").read_text()
    assert "uncertainty.share_interval(*stated[key]) if key in stated else None" in fit_charts
    assert "inferred" not in code("fit") + fit_charts


def test_the_volunteer_texts_give_complete_counts_without_intervals():
    from evidencebook.analysis import pack
    from evidencebook.chapters.volunteers import model as vol
    from evidencebook.chapters.volunteers import wording

    ev = vol.evidence(pack.load_chapter("volunteers"))
    glance = wording.glance_text(ev)
    assert "people finished induction training (20% of those who enquired) and" in glance
    assert "97 of the 142 young people referred (68%)" in glance
    texts = [glance, wording.recruitment_text(ev), wording.mentoring_text(ev)]
    texts += [wording.training_text(ev), wording.family_support_text(ev)]
    texts += [wording.return_interviews_text(ev), wording.advocacy_text(ev)]
    for text in texts:
        assert "% interval" not in text


def test_edge_gives_intervals_for_its_case_file_sample_only():
    """12 case files were a random sample; the 110 who started and every mentor request are
    the whole cohort (edge of care findings), so only the first carry intervals."""
    text = markdown("edge")
    for share in ("entered_care_share", "mentor_matched_share", "eet_improved_share"):
        assert f"edge_{share}_low" not in text
    assert "edge_imminent_pct_low" in text and "edge_negative_pct_low" in text


#: Causal or gain words a before-and-after comparison with no comparison group cannot carry;
#: each may stay only in the report's own hedged words (the value: what may precede it).
BANNED = {
    "clearest gain": (),
    "main gain": (),
    "pays back in year 0": (),
    "each pound spent buys": (),
    "cost buys": (),
    "on-cost buys": (),
    "thanks to": (),
    "delivered savings": (),
    "because of pas": (),
    "because of fit": (),
    "led to": ("may have ", "thought fit had "),  # surgeries' hedge; managers' view
}


def banned_phrases(text: str) -> list[str]:
    """Each banned phrase in ``text`` not preceded by one of its allowed hedges."""
    low = " ".join(text.lower().split())
    found = []
    for phrase, hedges in BANNED.items():
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", low):
            if not any(low[: m.start()].endswith(h) for h in hedges):
                found.append(low[max(0, m.start() - 60) : m.end() + 20])
    return found


def test_banned_phrases_are_caught():
    assert banned_phrases("The clearest gain was here.")
    assert banned_phrases("PAs led to fewer visits.")
    assert not banned_phrases("The surgeries may have led to earlier help.")
    assert not banned_phrases("Teams struggled to recruit.")


def test_words_no_stronger_than_the_evidence_in_text_and_generated_markdown(default_evaluation):
    from evidencebook.analysis import pack
    from evidencebook.analysis import strand_appraisal as st
    from evidencebook.chapters.fit import model as fit
    from evidencebook.chapters.value_for_money import model as vfm
    from evidencebook.chapters.volunteers import model as vol
    from evidencebook.chapters.volunteers import wording

    texts = [markdown(ch) for ch in sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))]
    tables = pack.load_chapter("fit")
    case_files = tables["fit_case_files"]
    ev, before = fit.evidence(tables), fit.baseline(case_files)
    bases, stated = fit.likely_bases(case_files), fit.stated_shares(case_files)
    texts += [
        fit.glance_text(ev, before, stated, tables["fit_samples"]),
        fit.engagement_text(ev, before),
        fit.outcomes_text(ev, stated, bases),
        fit.teams_text(ev),
    ]
    vev = vol.evidence(pack.load_chapter("volunteers"))
    texts += [wording.glance_text(vev), wording.advocacy_text(vev), wording.mentoring_text(vev)]
    # every strand for the default pack (strands.evaluate()), worked out once per process
    table = vfm.comparison(default_evaluation, pack.load_chapter("value_for_money")["vfm_strands"])
    texts += [vfm.at_a_glance(table), " ".join(table["benefit_evidence"])]
    texts += [st.payback_text(0, 10, notional=True), st.payback_text(None, 10, notional=True)]
    found = [hit for text in texts for hit in banned_phrases(text)]
    assert not found, found
