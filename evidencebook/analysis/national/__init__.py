"""National published statistics for England's local authorities, from ``data/national/``.

The interface other modules and chapters use (stable; see each function's help):

* :func:`measures` ``(measure=None)``: the tidy table, one row per area, year and measure,
  columns :data:`COLUMNS` (codes, names, region, level, year, period as published, measure,
  value, status, source). :data:`MEASURES` describes each measure; :func:`measures_table`
  adds the years each covers. :func:`series` gives one authority's rows of one measure.
* :func:`observations` and :func:`source_differences`: every source's figure before the
  precedence is applied, and where overlapping sources disagree.
* :func:`authorities`, :func:`find_authority` (DfE code, ONS code or name; a typo raises
  :class:`AuthorityNotFound` with the nearest names), :func:`neighbours` (DfE's statistical
  neighbours, 2025 or 2021 vintage).
* :data:`BOUNDARY_CHANGES`, :func:`boundary_changes`, :func:`series_note`,
  `code_changes`, :func:`joint_reporting`: authorities whose series start or stop, and why.
* :func:`gdp_deflators`: HM Treasury's GDP deflator (March 2026), in the layout of the
  pack table ``gdp_deflators``, outturn and forecast years marked.
* :func:`sources`: where every file came from (``data/national/sources.csv``).

Nothing here is typed from memory: every figure is read from a published file, copied
unchanged, whose publication, repository and commit are in ``sources.csv``.
"""

from evidencebook.analysis.national.areas import (
    BOUNDARY_CHANGES,
    NEIGHBOUR_VINTAGES,
    AuthorityNotFound,
    BoundaryChange,
    authorities,
    boundary_changes,
    code_changes,
    find_authority,
    joint_reporting,
    latest_year,
    neighbours,
    series,
    series_note,
)
from evidencebook.analysis.national.deflators import DEFLATOR_VINTAGE, gdp_deflators
from evidencebook.analysis.national.files import NationalDataError, national_dir, sources
from evidencebook.analysis.national.measures import (
    COLUMNS,
    MEASURES,
    STATUSES,
    SYMBOLS,
    Measure,
    measures,
    measures_table,
    observations,
    source_differences,
)

#: Pack tables the book has from the national data, and where: a pack may override them.
PACK_TABLES = {"gdp_deflators": gdp_deflators}


def pack_table(name: str):  # -> pd.DataFrame
    """The national default of a pack table (see ``TableSpec.national_default``)."""
    if name not in PACK_TABLES:
        raise NationalDataError(f"the national data has no table {name!r} for a pack")
    return PACK_TABLES[name]()


__all__ = [
    "PACK_TABLES",
    "pack_table",
    "BOUNDARY_CHANGES",
    "COLUMNS",
    "DEFLATOR_VINTAGE",
    "MEASURES",
    "NEIGHBOUR_VINTAGES",
    "STATUSES",
    "SYMBOLS",
    "AuthorityNotFound",
    "BoundaryChange",
    "Measure",
    "NationalDataError",
    "authorities",
    "boundary_changes",
    "code_changes",
    "find_authority",
    "joint_reporting",
    "gdp_deflators",
    "latest_year",
    "measures",
    "measures_table",
    "national_dir",
    "neighbours",
    "observations",
    "series",
    "series_note",
    "source_differences",
    "sources",
]
