"""The arithmetic audit's logic, on hand-made cases."""

from __future__ import annotations

import pandas as pd
import pytest

from evidencebook import audit


@pytest.mark.parametrize(
    "stated, recomputed, status",
    [
        ("30456", 30456.0, audit.MATCHES),
        ("13224.49", 13224.4897959, audit.MATCHES),
        ("4408", 4408.163, audit.MATCHES),
        ("2", 2.04, audit.MATCHES),
        ("396.40", 396.40, audit.MATCHES),
        ("14728", 14728.68, audit.ROUNDED),  # cut down rather than rounded
        ("9000", 9000.86, audit.ROUNDED),  # cut down (or to the nearest 10)
        ("9000", 9000.2, audit.MATCHES),
        ("27000", 27002.58, audit.ROUNDED),  # nearest 1,000 (or 10)
        ("38050", 38050.8, audit.ROUNDED),  # cut down
        ("396.40", 396.07, audit.DIFFERS),
        ("68", 70.1, audit.DIFFERS),
        ("1189", None, audit.UNDETERMINED),
        ("11-30", 12.0, audit.UNDETERMINED),
    ],
)
def test_check(stated, recomputed, status):
    assert audit.check(stated, recomputed).status == status


def test_rounding_note_names_the_step():
    assert "nearest 100" in audit.check("2700", 2712.0).note
    assert "nearest 1,000" in audit.check("27000", 26700.0).note
    assert "cut" in audit.check("14728", 14728.68).note


def test_differs_note_gives_the_recomputed_value():
    assert audit.check("396.40", 396.0712).note == (
        "recomputed from the report's inputs it is 396.0712"
    )


def test_audit_table_covers_derived_rows_only():
    reference = pd.DataFrame(
        {
            "id": ["a.in", "a.match", "a.round", "a.off", "a.missing"],
            "value": ["10", "20", "1000", "5.50", "7"],
            "kind": ["input", "derived", "derived", "derived", "derived"],
        }
    )
    table = audit.audit(
        reference,
        {"a.in": 10, "a.match": 20.0, "a.round": 1012.0, "a.off": 5.25},
        notes={"a.off": "the report adds rounded parts"},
    )
    assert table["id"].tolist() == ["a.match", "a.round", "a.off", "a.missing"]
    assert table["status"].tolist() == [
        audit.MATCHES,
        audit.ROUNDED,
        audit.DIFFERS,
        audit.UNDETERMINED,
    ]
    off = table.set_index("id").loc["a.off"]
    assert off["difference"] == pytest.approx(-0.25)
    assert off["note"].endswith("the report adds rounded parts")
    assert list(table.columns) == ["id", "stated", "recomputed", "difference", "status", "note"]


def test_a_book_withholding_counts_withholds_the_figures_it_cannot_recompute():
    reference = pd.DataFrame(
        {
            "id": ["x.share", "x.cost", "x.range"],
            "value": ["67", "100", "10-12"],
            "kind": ["derived", "derived", "derived"],
        }
    )
    recomputed = {"x.share": pd.NA, "x.cost": 100.0, "x.range": "10-12"}
    table = audit.audit(reference, recomputed, withholding=True).set_index("id")
    assert table.loc["x.share", "status"] == audit.WITHHELD_STATUS
    assert table.loc["x.share", "stated"] == "c" and table.loc["x.share", "recomputed"] == "c"
    assert table.loc["x.cost", "status"] == audit.MATCHES
    assert table.loc["x.range", "status"] == audit.MATCHES
    plain = audit.audit(reference, recomputed).set_index("id")
    assert plain.loc["x.share", "status"] == audit.UNDETERMINED
    assert plain.loc["x.share", "stated"] == "67"


def test_a_list_with_withheld_items_withholds_those_items_of_the_report_only():
    reference = pd.DataFrame(
        {
            "id": ["x.changes", "x.totals", "x.whole"],
            "value": ["-4;13;11", "44;46", "10;20"],
            "kind": ["derived", "derived", "derived"],
        }
    )
    recomputed = {
        "x.changes": (-4.2, pd.NA, 10.6),
        "x.totals": (pd.NA, pd.NA, pd.NA),  # a different number of items
        "x.whole": (10.0, 20.0),
    }
    table = audit.audit(reference, recomputed, withholding=True).set_index("id")
    changes = table.loc["x.changes"]
    assert (changes["stated"], changes["recomputed"]) == ("-4;c;11", "-4.2;c;10.6")
    assert changes["status"] == audit.WITHHELD_STATUS and changes["note"].startswith("item 2:")
    assert table.loc["x.totals", "stated"] == "c"
    assert table.loc["x.whole", "status"] == audit.MATCHES
    plain = audit.audit(reference, recomputed).set_index("id")
    assert plain.loc["x.changes", "status"] == audit.UNDETERMINED
