"""The report's stated comparisons, re-derived from its tables (audit ``claims.*`` rows)."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.analysis import figures
from evidencebook.chapters.audit import claims

# --- hand-made tables ------------------------------------------------------------------------


def test_share_and_rise_are_withheld_from_a_withheld_count_and_else_not_available():
    assert claims.share(3, 12) == pytest.approx(25.0)
    assert claims.share(pd.NA, 12) is pd.NA  # withheld: c
    assert claims.share(3, 0) is None  # not available: x
    assert claims.rise(12, 26) == pytest.approx(116.6667, abs=1e-4)
    assert claims.rise(12, None) is None
    assert claims.rise(pd.NA, 26) is pd.NA
    assert claims.total(pd.Series([], dtype="Int64")) is None
    assert claims.total(pd.Series([4, 10, 1])) == 15
    assert claims.total(pd.Series([4, pd.NA, 1], dtype="Int64")) is pd.NA


def test_per_social_worker_divides_the_months_range_by_the_social_workers_in_post():
    tables = {
        "cse_caseload": pd.DataFrame(
            {"measure": ["cp_investigations_per_month"], "low": [20], "high": [30]}
        ),
        "cse_team_makeup": pd.DataFrame(
            {"role": ["Team manager", "Social workers"], "in_post": [1, 4]}
        ),
    }
    assert claims.cse_cp_per_social_worker(tables, {}) == (5.0, 7.5)
    tables["cse_team_makeup"]["in_post"] = pd.array([1, pd.NA], dtype="Int64")
    assert claims.cse_cp_per_social_worker(tables, {}) == (pd.NA, pd.NA)


def test_team_changes_keep_the_tables_order_and_months():
    rows = [
        ("Hampshire", "B team", "2015-04", 100),
        ("Hampshire", "B team", "2016-03", 999),
        ("Hampshire", "B team", "2016-06", 90),
        ("Hampshire", "A team", "2015-04", 200),
        ("Hampshire", "A team", "2016-06", 250),
        ("Isle of Wight", "IOW 1", "2015-04", 10),
        ("Isle of Wight", "IOW 1", "2016-06", 20),
    ]
    tables = {
        "team_caseloads": pd.DataFrame(rows, columns=["authority", "team", "month", "caseload"])
    }
    assert claims.hants_team_caseload_changes(tables, {}) == pytest.approx((-10.0, 25.0))


def test_trained_shares_are_of_the_volunteers_remaining():
    tables = {
        "vol_recruitment": pd.DataFrame(
            {
                "authority": ["Hampshire"] * 3,
                "stage": ["inducted", "resigned", "withdrawn"],
                "people": [110, 5, 5],
            }
        ),
        "vol_training": pd.DataFrame(
            {"role": list(claims.TRAINED_ROLES), "volunteers": [50, 25, 10, 100]}
        ),
    }
    assert claims.vol_trained_shares(tables, {}) == pytest.approx((50.0, 25.0, 10.0, 100.0))
    assert claims.vol_resigned_share(tables, {}) == pytest.approx(100 * 5 / 110)


def test_a_lower_share_is_the_difference_in_points():
    tables = {
        "fit_case_files": pd.DataFrame(
            {
                "authority": ["Hampshire", "Isle of Wight", "Isle of Wight"],
                "period": ["pilot", "pilot", "baseline"],
                "measure": ["two_of_three"] * 3,
                "share_pct": [40, 35, 99],
            }
        )
    }
    assert claims.fit_two_issues_iow_less_hants(tables, {}) == -5.0


def test_expenses_per_intervention_from_the_monthly_expenses():
    figs = {"vol.expenses_monthly": 10.0, "vol.interventions_per_volunteer": 4.0}
    assert claims.vol_iow_expenses({}, figs) == 30.0
    assert claims.vol_iow_expenses({}, figs | {"vol.expenses_monthly": pd.NA}) is pd.NA


def test_a_table_the_pack_lacks_leaves_its_comparisons_not_available():
    out = claims.recompute({}, {})
    assert set(out) == set(claims.CLAIMS)
    for fid, value in out.items():
        values = value if isinstance(value, tuple) else (value,)
        assert all(v is None for v in values), fid


# --- the default pack ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default(default_evaluation):
    figs, tables = {}, {}
    for _, chapter_tables, chapter_figures in default_evaluation.values():
        figs.update(chapter_figures)
        tables.update(chapter_tables)
    return tables, figs


def test_every_claims_row_has_a_derivation_and_every_derivation_a_row():
    ref = figures.reference_figures()
    rows = ref[ref["id"].str.startswith("claims.")]
    assert set(rows["id"]) == set(claims.CLAIMS)
    assert set(rows["kind"]) == {"derived"} and set(rows["chapter"]) == {"audit"}
    # no chapter's check table picks them up (each chapter's prefix is its own)
    for prefix in ("pa", "fit", "vol", "edge", "cse", "sws", "trends", "eval", "context"):
        assert not set(figures.reference_ids(prefix)) & set(claims.CLAIMS)


def test_every_new_row_is_recomputed_from_the_tables_not_echoed(default):
    tables, figs = default
    assert "reference_figures" not in tables  # the report's stated values are not read
    out = claims.recompute(tables, figs)
    for fid, value in out.items():
        values = value if isinstance(value, tuple) else (value,)
        assert values and all(isinstance(v, float) for v in values), (fid, value)
    # worked out from the tables: without them (and the parameters) nothing is available
    assert all(
        all(v is None for v in (x if isinstance(x, tuple) else (x,)))
        for x in claims.recompute({}, {}).values()
    )


def test_default_pack_values(default):
    out = claims.recompute(*default)
    assert out["claims.case_files_total"] == 166
    assert out["claims.fit_families_total"] == 502
    assert out["claims.cse_cp_per_social_worker"] == pytest.approx((20 / 3, 10.0))
    assert out["claims.iow_starts_rise"] == pytest.approx(100 * (26 - 12) / 12)
    assert out["claims.fit_two_issues_iow_less_hants"] == 53 - 44
    assert len(out["claims.hants_team_caseload_changes"]) == 17
