"""How an authority compares: neighbours, region, England, rank, quartile and direction of
travel, on a small hand-made table in the national table's layout."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.chapters.compare import model as compare

RATE = compare.View("cla_rate", "children looked after per 10,000 children", "per 10,000 children")
COUNT = compare.View("cla_starts", "children who started to be looked after", "children")


def row(code, level, year, measure, value, status="published", name=None, region="North"):
    return {
        "old_la_code": code,
        "new_la_code": None,
        "la_name": name or (f"LA {code}" if code else None),
        "region_name": region,
        "geographic_level": level,
        "year": year,
        "time_period": str(year),
        "measure": measure,
        "value": value,
        "status": status,
        "source": "test",
    }


LA = "Local authority"


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = []
    rates = {
        "101": {2021: 50, 2023: 60, 2024: 66, 2025: 72},
        "102": {2023: 40, 2024: 44, 2025: 48},
        "103": {2023: 80, 2024: 82, 2025: 90},
        "104": {2023: 70, 2024: 70},
        "105": {2023: 10, 2024: 12, 2025: 20},
    }
    for code, years in rates.items():
        for year, value in years.items():
            rows.append(row(code, LA, year, "cla_rate", float(value)))
    rows.append(row("104", LA, 2025, "cla_rate", None, status="withheld"))
    rows.append(row("101", LA, 2026, "cla_rate", None, status="not_available"))
    for year, value in {2021: 65, 2023: 67, 2024: 70, 2025: 70}.items():
        rows.append(row(None, "National", year, "cla_rate", float(value), region=None))
    for year, value in {2023: 55, 2024: 57, 2025: 59}.items():
        rows.append(row(None, "Regional", year, "cla_rate", float(value), region="North"))
    for year, value in {2021: 100, 2025: 110}.items():
        rows.append(row("101", LA, year, "cla_starts", float(value)))
    for year, value in {2021: 30000, 2025: 33000}.items():
        rows.append(row(None, "National", year, "cla_starts", float(value), region=None))
    return pd.DataFrame(rows)


def test_benchmark_sets_the_authority_beside_neighbours_region_and_england(frame):
    table = compare.benchmark(frame, RATE, "101", ["102", "103", "104"], "North")
    latest = table.set_index("year").loc[2025]
    assert latest["authority"] == 72
    # 104's 2025 figure is withheld: it is left out of the median, not read as nought
    assert (latest["neighbours_median"], latest["neighbours_n"]) == (69, 2)
    assert (latest["neighbours_low"], latest["neighbours_high"]) == (48, 90)
    assert (latest["region"], latest["england"]) == (59, 70)
    assert table.set_index("year").loc[2026, "authority_status"] == "not_available"


def test_rank_and_quartile_among_every_authority_with_a_figure(frame):
    assert compare.rank(frame, "cla_rate", 2025, "101") == (2, 4)  # 104 withheld
    assert compare.rank(frame, "cla_rate", 2025, "104") is None
    assert compare.quartile(1, 152) == 1
    assert compare.quartile(38, 152) == 1
    assert compare.quartile(39, 152) == 2
    assert compare.quartile(152, 152) == 4
    assert [compare.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"
    ]  # fmt: skip


def test_standing_and_its_words_for_a_rate(frame):
    st = compare.standing(frame, RATE, "101", ["102", "103", "104"], "North")
    assert (st.year, st.value, st.rank, st.of, st.quartile) == (2025, 72, 2, 4, 2)
    assert st.travel_from == (2021, 50)
    assert st.not_published == {2026: "not_available"}
    text = compare.standing_text(st, "LA 101", "North")
    assert text == (
        "Children looked after per 10,000 children: LA 101 72 at 31 March 2025; its 2 "
        "statistical neighbours with a figure (median 69, from 48 to 90); North 59; England 70. "
        "That was the 2nd highest of the 4 authorities with a figure, in the second-highest "
        "quarter. In 2021 it was 50; since then it rose by 44%. The figure for 2026 is not "
        "available."
    )


def test_a_count_is_not_ranked_but_its_change_is_set_beside_englands(frame):
    st = compare.standing(frame, COUNT, "101", ["102"], "North")
    assert st.rank is None and st.quartile is None
    assert st.england_change == pytest.approx(10.0)
    text = compare.standing_text(st, "LA 101", "North")
    assert "highest" not in text and "neighbours" not in text
    assert text == (
        "Children who started to be looked after: LA 101 110 in the year to 31 March 2025. "
        "In 2021 it was 100; since then it rose by 10%, against a rise of 10% in England."
    )


def test_no_published_figure_gives_no_standing(frame):
    assert compare.standing(frame, RATE, "999", [], None) is None
    assert "no figure has been published for LA \\*9" in compare.missing_text(RATE, "LA *9")


def test_names_from_the_data_are_escaped(frame):
    frame = frame.assign(la_name=frame["la_name"].replace("LA 101", "<b>x</b>"))
    st = compare.standing(frame, RATE, "101", ["102"], "North")
    assert "<b>" not in compare.standing_text(st, "<b>x</b>", "North")


def test_summary_row(frame):
    st = compare.standing(frame, RATE, "101", ["102", "103", "104"], "North")
    got = compare.summary_row(st, "LA 101")
    assert got["LA 101"] == 72
    assert got["rank (1 = highest)"] == "2 of 4"
    assert got["neighbours (lowest to highest)"] == "48 to 90"
    assert got["change"] == "+44% since 2021"
    count = compare.summary_row(compare.standing(frame, COUNT, "101", ["102"], "North"), "x")
    assert count["England"] is None and count["neighbours (median)"] is None  # counts differ


def test_a_percentage_changes_by_points():
    view = compare.View("agency_rate", "agency social workers", "%", 1)
    assert compare.change_text(view, 10.4, 2.1) == "fell by 8.3 percentage points"
    assert compare.change_text(view, 0.0, 2.1) == "rose by 2.1 percentage points"
    assert compare.change_text(view, 2.1, 2.1) == "was about the same"
    assert compare.year_text(view, 2025) == "at 30 September 2025"
    spend = compare.View("lac_spend_per_child_week", "spend", "£ a child a week, cash")
    assert compare.year_text(spend, 2025) == "in 2024-25"
    assert spend.number(1905) == "£1,905"


def test_the_councils_own_figure_wins_and_is_marked(frame):
    own = pd.DataFrame(
        {"measure": ["cla_rate"], "year": [2026], "value": [75.0], "source": ["Our records"]}
    )
    merged = compare.with_own_figures(frame, "101", own)
    st = compare.standing(merged, RATE, "101", ["102", "103"], "North")
    assert (st.year, st.value, st.own) == (2026, 75, True)
    assert "LA 101 75 (the council's own figure) at 31 March 2026" in compare.standing_text(
        st, "LA 101", "North"
    )
    # the published rows of other authorities and years are untouched
    assert len(merged) == len(frame)  # the 2026 "not available" row was replaced
    unchanged = compare.with_own_figures(frame, "101", own.iloc[0:0])
    assert unchanged is frame
