"""The report against the published record: the default pack's Appendix 3 figures beside
DfE's published counts (read from the real national files)."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook.analysis import pack
from evidencebook.chapters.audit import record


@pytest.fixture(scope="module")
def published() -> pd.DataFrame:
    return record.published_record(pack.load_chapter("audit"))


def row(published, area, what, year) -> dict:
    named = published["what"].str.startswith(what) & ~(
        published["what"].str.contains("per 10,000") & ("per 10,000" not in what)
    )
    found = published[(published["area"] == area) & named & (published["year"] == year)]
    assert len(found) == 1, (area, what, year)
    return found.iloc[0].to_dict()


def test_hampshires_505_starts_are_set_beside_the_published_504_and_507(published):
    got = row(published, "Hampshire", "children starting", 2016)
    assert (got["report"], got["first_published"], got["published"]) == (505, 504, 507)
    assert got["report_source"] == "Government Data Collection and Statistical Returns"
    assert got["result"] == "differs slightly by -2 (-0.4%)"


def test_figures_that_match_say_so(published):
    assert row(published, "Hampshire", "children in need", 2014)["result"] == "matches"
    assert row(published, "Hampshire", "re-referrals", 2016)["result"] == (
        "matches after rounding"  # 28 in the report, 28.2 published
    )
    england = row(published, "England", "children looked after at 31 March", 2016)
    assert england["result"] == "matches the figure first published (since revised)"


def test_the_councils_own_counts_of_children_in_need_differ_materially_and_say_whose(
    published,
):
    got = row(published, "Hampshire", "children in need", 2016)
    assert (got["report"], got["published"]) == (6553, 8732)
    assert got["report_source"] == "Hampshire County Council"
    assert got["result"].startswith("differs materially")
    text = record.record_text(published)
    assert "the report gives 6,553 (Table 9; its stated source: Hampshire County Council)" in text
    assert "DfE publishes 8,732" in text
    assert "first published as 504 and is now 507" in text


def test_counts_add_up(published):
    counts = record.summary(published)
    assert counts["record.checked"] == len(published) >= 30
    assert counts["record.matches"] + counts["record.small"] + counts["record.large"] == len(
        published
    )
    assert counts["record.large"] == len(record.differing(published, "materially")) >= 3


def test_areas_the_published_statistics_lack_and_other_months_are_left_out():
    tables = {
        "looked_after_children": pd.DataFrame(
            {
                "area": ["Northshire", "Hampshire", "Hampshire"],
                "month": ["2016-03", "2016-09", "2016-03"],
                "children": [100, 1341, pd.NA],  # the last withheld in a published copy
                "source": ["x", "Table 10", "Table 10"],
            }
        )
    }
    assert record.published_record(tables).empty
    assert "none is checked" in record.record_text(record.published_record(tables))


def test_published_figures_are_read_once_by_area_and_year_first_row_first():
    frame = pd.DataFrame(
        {
            "geographic_level": ["National", "Regional", "Regional", "Local authority"] * 2,
            "region_name": ["", "South East", "North East", "South East"] * 2,
            "old_la_code": ["", "", "", "850"] * 2,
            "year": [2015] * 4 + [2015, 2016, 2015, 2015],
            "value": [1.0, 2.0, 3.0, 4.0, 9.0, 5.0, 9.0, 9.0],
            "status": ["published", "published", "withheld", "published"] * 2,
            "source": [f"file{i}" for i in range(8)],
        }
    )
    got = record._Published.of(frame, {2015})
    assert got.figure(("National", ""), 2015) == (1.0, "file0")  # the first row
    assert got.figure(("Local authority", "850"), 2015) == (4.0, "file3")
    assert got.figure(("Regional", "South East"), 2016) == (None, "")  # a year not asked
    assert got.figure(("Regional", "North East"), 2015) == (None, "")  # not published
    assert got.regions == {"South East", "North East"}  # a region, though not published
    assert record._area(got, "England") == ("National", "")
    assert record._area(got, "North East") == ("Regional", "North East")
    assert record._area(got, "Nowhere at all", {"Nowhere at all": None}) is None
