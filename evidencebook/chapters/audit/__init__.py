"""The audit of the report's own arithmetic, and the report against the published record.

``compute(tables, params, data_dir)`` recomputes every figure the report derives by running
each chapter's model on the same pack (:func:`evidencebook.chapters.registry.evaluate`)
and every comparison its text states from the same tables (:mod:`.claims`), grades each
pair (:mod:`evidencebook.analysis.grading`) and sets the report's counts beside the
Department for Education's published ones (:mod:`.record`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from evidencebook.analysis import pack
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.analysis.coverage import withheld_tables
from evidencebook.chapters.audit import claims, model, record
from evidencebook.chapters.audit.charts import add_grades_chart
from evidencebook.chapters.audit.parameters import Parameters

__all__ = ["Parameters", "compute", "load"]

SOURCE = "Recomputed by the book from the pack's inputs (data/reference_figures.csv)"


def load(data_dir: str | Path | None = "") -> dict[str, pd.DataFrame]:
    """The audit's tables, read and checked from the pack."""
    return pack.load_chapter("audit", data_dir or None)


def withheld_text(withheld: int) -> str:
    """Says how many figures a copy that withholds small counts leaves unchecked."""
    if not withheld:
        return ""
    return (
        f"This copy of the book withholds small counts, so {withheld} more figures are not "
        "checked here: each needs a withheld count (or comes from a chapter left out of this "
        "copy), and its printed value is withheld too (shown as c)."
    )


def compute(
    tables: dict[str, pd.DataFrame], params: Parameters, data_dir: str | Path | None = ""
) -> ChapterResult:
    result = ChapterResult("audit")
    reference = tables["reference_figures"]
    notes_table = tables["audit_notes"]
    notes = dict(zip(notes_table["id"], notes_table["note"], strict=True))
    grades = dict(zip(notes_table["id"], notes_table["grade"], strict=True))
    recomputed = claims.evaluate(data_dir or None, json.loads(params.parameters_json))
    withholding = bool(withheld_tables(pack.resolve_pack(data_dir or None)))
    table = model.audit(reference, recomputed, notes, withholding, grades)
    table = table.merge(reference[["id", "what", "stated_in"]], on="id", how="left")
    kinds = reference["kind"].value_counts()
    summary = model.summary(table) | {
        "audit.inputs": int(kinds.get("input", 0)),
        "audit.findings": int(kinds.get("finding", 0)),
        "audit.claims": int(table["id"].str.startswith("claims.").sum()),
        "audit.rounding_tolerance_pct": 100 * model.ROUNDING_TOLERANCE,
    }
    result.add_figures(summary, SOURCE)
    result.add_text("material", model.material_text(table, notes))
    result.add_text("withheld", withheld_text(summary["audit.withheld"]))
    add_grades_chart(result, table)
    columns = ["id", "what", "stated", "recomputed", "difference", "grade", "reason", "stated_in"]
    result.add_table(
        "derived",
        table[columns],
        download="audit",
        download_frame=table[["id", "stated", "recomputed", "grade", "material", "reason"]],
        na_rep="",
        float_format=lambda v: f"{v:,.4g}",
    )
    result.add_text(
        "key_derived", table[["id", "stated", "recomputed", "grade"]].to_string(index=False)
    )

    published = record.published_record(tables)
    result.add_figures(record.summary(published), "The Department for Education's statistics")
    result.add_text("record_text", record.record_text(published))
    shown = record.shown(published)
    if len(published):
        result.add_table(
            "record_table",
            shown,
            download="report against the published record",
            na_rep="n/a",
            float_format="{:,.0f}".format,
        )
    result.optional_keys.add("record_table")
    result.add_text(
        "key_record",
        shown[["area", "year to 31 March", "report", "latest published", "result"]].to_string(
            index=False
        ),
    )
    return result
