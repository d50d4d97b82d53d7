"""Every Monte Carlo the book runs, on arrays of all the draws at once: each strand's
roll-out today (``analysis.rollout.cost_rollout``, the PA chapter's own) and its roll-out in
an authority (``analysis.proposal.appraise``, also the options chapter's) gives exactly the
samples the model gives called once a draw with Python numbers (``vectorised=False``), and
none of them drops back to running draw by draw."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

from evidencebook.analysis import uncertainty

STRANDS = ("pa", "fit", "volunteers", "edge", "willow", "surgeries")

#: Each strand's roll-out model, then its proposal's (the proposal's model is wrapped in
#: ``proposal.appraise``'s ``measures``).
MODELS = {
    "pa": "pa_rollout_outputs",
    "fit": "fit_team_cost",
    "volunteers": "volunteer_unit_costs",
    "edge": "edge_unit_cost",
    "willow": "willow_total",
    "surgeries": "surgeries_scaled_cost",
}


def recorded_runs(monkeypatch, chapter: str, values: dict) -> list[tuple[tuple, dict, object]]:
    """The Monte Carlo runs of a chapter's ``compute``: (args, keywords, result) each."""
    runs = []
    original = uncertainty.monte_carlo

    def recording(*args, **kwargs):
        result = original(*args, **kwargs)
        runs.append((args, kwargs, result))
        return result

    monkeypatch.setattr(uncertainty, "monte_carlo", recording)
    m = importlib.import_module(f"evidencebook.chapters.{chapter}")
    m.compute(m.load(""), m.Parameters.from_values(values))
    monkeypatch.undo()
    return runs


@pytest.mark.parametrize("strand", STRANDS)
def test_each_monte_carlo_on_arrays_gives_the_samples_of_the_draw_by_draw_loop(monkeypatch, strand):
    runs = recorded_runs(monkeypatch, strand, {"rollout_la": "Leeds"})
    names = [getattr(args[0], "__name__", "") for args, _, _ in runs]
    assert names == [MODELS[strand], "measures"]  # the roll-out today, then in the authority
    for args, kwargs, fast in runs:
        assert fast.vectorised, f"{strand}: {args[0].__qualname__} ran draw by draw"
        assert uncertainty.is_array_safe(args[0])
        slow = uncertainty.monte_carlo(*args, **kwargs, vectorised=False)
        assert not slow.vectorised and slow.n == fast.n >= 4000
        pd.testing.assert_frame_equal(fast.samples, slow.samples, check_exact=True)
        pd.testing.assert_frame_equal(fast.summary, slow.summary, check_exact=True)
        assert fast.outputs == slow.outputs and fast.inputs == slow.inputs


def test_the_options_chapter_runs_every_proposal_on_arrays(monkeypatch):
    runs = recorded_runs(monkeypatch, "options", {"la": "850"})
    assert len(runs) == len(STRANDS)
    assert all(result.vectorised for _, _, result in runs)
