"""Downloadable tables: the build's side. Writing each table is shared analysis
(:mod:`evidencebook.analysis.downloads`); its names are re-exported here for the build."""

from evidencebook.analysis.downloads import (  # noqa: F401 - re-exported for the build
    ENV,
    FOLDER,
    FORMULA_START,
    WORKBOOK_NAME,
    inert,
    inert_frame,
    save,
    whole_numbers,
    workbook,
    write_csv,
)
