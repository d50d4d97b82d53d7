"""Headlines say what the evidence supports (issue 14): checked on the notebooks' text."""

from __future__ import annotations

import json
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
