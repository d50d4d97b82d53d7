"""Figures in the text: glued from computed values, and compared with the report's own.

Each figure a chapter states is computed and glued (myst-nb ``glue``) under the id of its
row in ``data/reference_figures.csv`` with dots turned into underscores, so the prose never
carries a typed number.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from evidencebook.analysis.formatting import WITHHELD, is_withheld, missing_symbol
from evidencebook.analysis.pack import default_pack_dir, not_available

REFERENCE_FILE = "reference_figures.csv"


def glue_key(figure_id: str) -> str:
    """The glue key for a reference id: ``pa.on_cost`` becomes ``pa_on_cost``."""
    return figure_id.replace(".", "_")


def plain(value: object) -> object:
    """A plain Python number (numpy and pandas scalars repr badly in glued text); a figure
    worked out from a withheld count (``pd.NA``) becomes "c", one that is merely not
    available (``None`` or NaN: no data, or it cannot be worked out) becomes "x"."""
    value = value.item() if hasattr(value, "item") and not isinstance(value, str) else value
    return missing_symbol(value) if not_available(value) else value


def shown(value: object, spec: str = ",") -> str:
    """A figure as text for a sentence or label: "c" where it is withheld, "x" where it is
    not available."""
    value = plain(value)
    return value if isinstance(value, str) else format(value, spec)


def withheld_as_c(
    frame: pd.DataFrame, columns: list[str], withheld: Mapping[str, pd.Series] | None = None
) -> pd.DataFrame:
    """A copy of a table to show or download, with withheld counts written "c".

    Where ``withheld`` gives a column's mask (``evidencebook.analysis.pack.withheld``), only those
    cells become "c" and other blanks stay blank (not available); otherwise every blank in
    ``columns`` is a withheld count (a column that cannot be left blank).
    """
    out = frame.copy()
    for column in columns:
        values = out[column].tolist()  # as objects, as ``astype(object)`` gives them
        blank = [pd.isna(v) for v in values]
        if withheld is not None and column in withheld:
            marks = withheld[column].reindex(out.index, fill_value=False).tolist()
            blank = [b and bool(m) for b, m in zip(blank, marks, strict=True)]
        shown = [
            WITHHELD if b else None if pd.isna(v) else v for v, b in zip(values, blank, strict=True)
        ]
        out[column] = pd.Series(shown, index=out.index, dtype=object)
    return out


#: Set (to "1") in a build's kernels: ``glue_figures`` then sends a cell's figures in one
#: output, which the build unpacks (``unpack_glued``) before the book is made.
IN_ONE_ENV = "EVIDENCEBOOK_GLUE_IN_ONE"
#: The mime type of that one output: a list of the outputs myst-nb's ``glue`` would make.
GLUED = "application/vnd.evidencebook.glued+json"


def glue_figures(figures: Mapping[str, object]) -> None:
    """Glue every figure under its key, without displaying it in the cell. A figure worked
    out from a withheld count is glued (and shown) as "c", one that is not available as
    "x" (see :func:`plain`).

    Each glued value is an output of its own, a message from the kernel to papermill: about
    2 ms each, 0.2 to 0.3 s for a chapter's 100 to 150 figures. In a build (``IN_ONE_ENV``)
    they go as one output holding every one, as myst-nb's ``glue`` would make it, and the
    build puts them back in the cell one by one (``unpack_glued``): the executed notebook
    and the book are the same either way."""
    import os

    from IPython.display import display

    outputs = [glue_output(glue_key(fid), plain(value)) for fid, value in figures.items()]
    if os.environ.get(IN_ONE_ENV):
        display({GLUED: outputs}, raw=True)
        return
    for output in outputs:
        display(output["data"], raw=True, metadata=output["metadata"])


def glue_output(name: str, value: object) -> dict:
    """The output ``myst_nb.glue(name, value, display=False)`` adds to its cell: the value
    as IPython formats it, each mime type under myst-nb's prefix, and myst-nb's name for it
    in the metadata (see ``myst_nb.ext.glue.glue``)."""
    from IPython.core.formatters import format_display_data
    from myst_nb.ext.glue import GLUE_PREFIX

    bundle, metadata = format_display_data(value)
    metadata["scrapbook"] = {"name": name, "mime_prefix": GLUE_PREFIX}
    return {
        "output_type": "display_data",
        "data": {GLUE_PREFIX + kind: shown for kind, shown in bundle.items()},
        "metadata": metadata,
    }


def unpack_glued(outputs: list) -> list:
    """A cell's outputs with each one ``glue_figures`` sent in a build replaced by the
    outputs it holds, one a figure, in order (nbformat's output objects)."""
    from nbformat import from_dict

    unpacked = []
    for output in outputs:
        held = output.get("data", {}).get(GLUED)
        if output.get("output_type") == "display_data" and held is not None:
            unpacked.extend(from_dict(one) for one in held)
        else:
            unpacked.append(output)
    return unpacked


def reference_figures(path: str | Path | None = None) -> pd.DataFrame:
    """The figures the report states, one per row (id, chapter, what, value, unit, ...)."""
    path = Path(path) if path else default_pack_dir() / REFERENCE_FILE
    return pd.read_csv(path, dtype={"value": str})


def reference_ids(chapter: str, path: str | Path | None = None) -> list[str]:
    """Ids of the report's figures for one chapter, e.g. every ``pa.*`` row."""
    ref = reference_figures(path)
    return ref.loc[ref["id"].str.startswith(f"{chapter}."), "id"].tolist()


def beside(stated: object, book: object) -> object:
    """The report's stated value as shown beside the book's: withheld ("c") where the
    book's is, item by item for a list ("8582;c;9703"; all of it if the report lists a
    different number of items). With the report's data in the pack, the report's value
    beside a withheld figure would give the withheld count away. Beside a figure that is
    merely not available ("x"), the report's value is shown."""
    if isinstance(book, str) and book == WITHHELD:
        return WITHHELD
    if isinstance(book, tuple) and any(is_withheld(v) for v in book):
        parts = str(stated).split(";")
        if len(parts) != len(book):
            return WITHHELD
        return ";".join(WITHHELD if is_withheld(v) else p for p, v in zip(parts, book, strict=True))
    return stated


#: What the chapters' check tables say of a figure the book does not recompute.
NOT_RECOMPUTED = {
    "input": "not recomputed: data the report gives",
    "finding": "not recomputed: a survey or case-file finding",
}
AUDIT_NOTES_FILE = "audit_notes.csv"


def audit_grades(path: str | Path | None = None) -> dict[str, str]:
    """The grades the book's reading of the report gives (``audit_notes.csv``), by figure."""
    path = Path(path) if path else default_pack_dir() / AUDIT_NOTES_FILE
    notes = pd.read_csv(path, dtype=str)
    return {
        i: g for i, g in zip(notes["id"], notes["grade"], strict=True) if isinstance(g, str) and g
    }


def check_text(kind: str, stated: object, book: object, note_grade: str | None = None) -> str:
    """The check column of a chapter's table: "not recomputed" for data and findings (the
    book's value only echoes the report's), and the arithmetic audit's grade for a figure
    the report worked out (see :mod:`evidencebook.analysis.grading`)."""
    from evidencebook.analysis import grading as audit

    if kind in NOT_RECOMPUTED:
        return NOT_RECOMPUTED[kind]
    if book is None:
        return "not in this pack"
    if (isinstance(book, str) and book == WITHHELD) or is_withheld(book):
        return audit.WITHHELD_STATUS
    if isinstance(book, tuple) and any(is_withheld(v) for v in book):
        return audit.WITHHELD_STATUS
    recomputed = list(book) if isinstance(book, tuple) else book
    return audit.grade_with_note(audit.check(str(stated), recomputed), note_grade)


def compare(figures: Mapping[str, float], chapter: str) -> pd.DataFrame:
    """The report's stated value beside the book's, for each figure of a chapter (a book
    figure worked out from a withheld count is "c", and so is the report's value beside it,
    item by item in a list; one that is not available is "x"; a figure the chapter lacks is
    None), and what the book checked:
    the audit's grade for a figure the report worked out, "not recomputed" for the rest."""
    ref = reference_figures()
    ref = ref[ref["id"].str.startswith(f"{chapter}.")]
    grades = audit_grades()
    rows = []
    for rec in ref.to_dict("records"):
        book = plain(figures[rec["id"]]) if rec["id"] in figures else None
        rows.append(
            {
                "id": rec["id"],
                "what": rec["what"],
                "unit": rec["unit"],
                "report": beside(rec["value"], book),
                "book": book,
                "check": check_text(
                    rec["kind"], rec["value"], figures.get(rec["id"]), grades.get(rec["id"])
                ),
                "where": rec["stated_in"],
                "kind": rec["kind"],
            }
        )
    return pd.DataFrame(rows)
