"""Headlines say what the evidence supports (issue 14): checked on the notebooks' text."""

from __future__ import annotations

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
    glance = at_a_glance("pa")
    assert "no comparison group" in glance and "pa_bcr_grade_1" in glance
    assert "each pound spent buys" not in markdown("pa")
    assert '"benefit_reduction": uncertainty.Discrete(grade_cuts)' in code("pa")


def test_the_volunteer_funnel_gives_no_interval_on_a_complete_count():
    assert 'format_share(n, ev["enquiries"], complete=True)' in code("volunteers")


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
    # FIT: an interval only on a base the pack states
    assert "uncertainty.share_interval(*stated[key]) if key in stated else None" in code("fit")
    assert "inferred" not in code("fit")


def test_the_volunteer_texts_give_complete_counts_without_intervals():
    from evidencebook import pack
    from evidencebook.models import volunteers as vol

    ev = vol.evidence(pack.load_chapter("volunteers"))
    glance = vol.glance_text(ev)
    assert "people finished induction training (20% of those who enquired) and" in glance
    assert "97 of the 142 young people referred (68%)" in glance
    texts = [glance, vol.recruitment_text(ev), vol.mentoring_text(ev), vol.training_text(ev)]
    texts += [vol.family_support_text(ev), vol.return_interviews_text(ev), vol.advocacy_text(ev)]
    for text in texts:
        assert "% interval" not in text


def test_edge_gives_intervals_for_its_case_file_sample_only():
    """12 case files were a random sample; the 110 who started and every mentor request are
    the whole cohort (edge of care findings), so only the first carry intervals."""
    text = markdown("edge")
    for share in ("entered_care_share", "mentor_matched_share", "eet_improved_share"):
        assert f"edge_{share}_low" not in text
    assert "edge_imminent_pct_low" in text and "edge_negative_pct_low" in text
