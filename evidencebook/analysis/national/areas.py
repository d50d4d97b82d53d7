"""England's local authorities: finding one, its statistical neighbours, boundary changes.

An authority can be named three ways: DfE's three-digit code ("383"), its ONS code
("E08000035", or an ONS code it had before, such as North Yorkshire's E10000023) or its
name ("Leeds", any case). :func:`find_authority` accepts all three; a name it cannot find
raises :class:`AuthorityNotFound` listing the nearest names.

**Boundary changes.** Some authorities were made from others: their series start when they
did, and their predecessors' stop. The loader never adds predecessors together into a
successor's series (the areas differ: Christchurch moved from Dorset to Bournemouth,
Christchurch and Poole). :data:`BOUNDARY_CHANGES` says which authority became which;
:func:`series_note` says, for one authority, where its series starts or stops and why.
Three authorities changed only their ONS code (same area, same DfE code): their series run
on unbroken, and :func:`code_changes` lists them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from evidencebook.analysis.national import files
from evidencebook.analysis.national.measures import LOCAL, MARCH, MEASURES, measures
from evidencebook.exceptions import EvidenceBookError


class AuthorityNotFound(EvidenceBookError):
    """No English authority has this code or name; ``suggestions`` holds the nearest."""

    def __init__(self, text: str, suggestions: list[str]):
        self.text = text
        self.suggestions = suggestions
        hint = (
            "; the nearest names are " + ", ".join(suggestions)
            if suggestions
            else "; give DfE's three-digit code (e.g. 383), the ONS code (e.g. E08000035) "
            "or the name (e.g. Leeds)"
        )
        super().__init__(f"no English local authority is called {text!r}{hint}")


@dataclass(frozen=True)
class BoundaryChange:
    """Authorities (DfE codes) replaced by others on a reorganisation of local government."""

    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    what: str


#: Reorganisations that changed areas, from DfE's files: the predecessors' series stop and
#: the successors' start (the years are worked out from the files by :func:`series_note`).
BOUNDARY_CHANGES: tuple[BoundaryChange, ...] = (
    BoundaryChange(
        ("835", "836", "837"),
        ("838", "839"),
        "Bournemouth, Poole and Dorset county council were replaced by two unitary "
        "authorities, Bournemouth, Christchurch and Poole, and Dorset; Christchurch moved "
        "from Dorset to the new Bournemouth, Christchurch and Poole",
    ),
    BoundaryChange(
        ("928",),
        ("940", "941"),
        "Northamptonshire county council was replaced by two unitary authorities, North "
        "Northamptonshire and West Northamptonshire",
    ),
    BoundaryChange(
        ("909",),
        ("942", "943"),
        "Cumbria county council was replaced by two unitary authorities, Cumberland and "
        "Westmorland and Furness",
    ),
)

_ONS_CODE = re.compile(r"^[EWSN]\d{8}$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _published_years() -> pd.DataFrame:
    """For each authority: the first and last year ending 31 March with any figure on
    children's services (the child population is left out: ONS re-estimates earlier years
    on new boundaries; so is the workforce, counted at 30 September)."""
    frame = measures()
    by_march = [m.id for m in MEASURES.values() if m.reference == MARCH]
    frame = frame[
        (frame["geographic_level"] == LOCAL)
        & (frame["status"] != "not_available")
        & frame["measure"].isin(by_march)
    ]
    return frame.groupby("old_la_code")["year"].agg(first_year="min", last_year="max")


@lru_cache(maxsize=1)
def _all_authorities() -> pd.DataFrame:
    frame = measures()
    frame = frame[(frame["geographic_level"] == LOCAL) & ~_is_joint(frame["old_la_code"])]
    register = (
        frame[["old_la_code", "new_la_code", "la_name", "region_name"]]
        .drop_duplicates("old_la_code")
        .set_index("old_la_code", drop=False)
    )
    register = register.join(_published_years())
    return register.sort_values("la_name").reset_index(drop=True)


def _is_joint(codes: pd.Series) -> pd.Series:
    return codes.str.contains("/", regex=False).fillna(False).astype(bool)


def joint_reporting() -> pd.DataFrame:
    """Areas DfE publishes jointly for two authorities (their workforce, run by one
    children's services company or trust): ``old_la_code`` as the file writes it ("314 /
    318"), ``members`` (the DfE codes), ``la_name``, ``measures`` and the years. Their rows
    in :func:`measures` carry that joint code; they are never split between the two."""
    frame = measures()
    frame = frame[(frame["geographic_level"] == LOCAL) & _is_joint(frame["old_la_code"])]
    rows = []
    for code, group in frame.groupby("old_la_code"):
        rows.append(
            {
                "old_la_code": code,
                "members": tuple(c.strip() for c in code.split("/")),
                "la_name": group["la_name"].iloc[0],
                "measures": ", ".join(sorted(group["measure"].unique())),
                "first_year": int(group["year"].min()),
                "last_year": int(group["year"].max()),
            }
        )
    return pd.DataFrame(
        rows, columns=["old_la_code", "members", "la_name", "measures", "first_year", "last_year"]
    )


def latest_year() -> int:
    """The latest year any authority has a looked-after figure for."""
    frame = measures("cla_count")
    return int(frame.loc[frame["status"] == "published", "year"].max())


def authorities(include_former: bool = False) -> pd.DataFrame:
    """Every authority in the latest year (``old_la_code``, ``new_la_code``, ``la_name``,
    ``region_name``, ``first_year``, ``last_year``), by name; with ``include_former``, also
    those replaced by a boundary change (their ``last_year`` is earlier)."""
    frame = _all_authorities()
    if not include_former:
        frame = frame[frame["last_year"] == latest_year()]
    return frame.reset_index(drop=True)


@lru_cache(maxsize=1)
def _former_ons_codes() -> dict[str, str]:
    """Every ONS code an authority has been published under -> its DfE code."""
    codes: dict[str, str] = {}
    for source_id in ("ees_b1", "ees2025_cla", "ees_csww"):
        frame = files.read_csv(source_id)
        frame = frame[frame["geographic_level"] == LOCAL]
        for old, new in zip(frame["old_la_code"], frame["new_la_code"], strict=True):
            codes[new.strip().upper()] = old.strip()
    return codes


def code_changes() -> pd.DataFrame:
    """Authorities published under more than one ONS code for the same area (DfE code
    unchanged): ``old_la_code``, ``la_name``, ``ons_codes`` (all of them, earliest first)."""
    by_old: dict[str, list[str]] = {}
    for source_id in ("ees_b1",):
        frame = files.read_csv(source_id)
        frame = frame[frame["geographic_level"] == LOCAL].sort_values("time_period")
        for old, new in zip(frame["old_la_code"], frame["new_la_code"], strict=True):
            seen = by_old.setdefault(old.strip(), [])
            if new.strip() not in seen:
                seen.append(new.strip())
    names = _all_authorities().set_index("old_la_code")["la_name"]
    rows = [
        {"old_la_code": old, "la_name": names[old], "ons_codes": ", ".join(codes)}
        for old, codes in sorted(by_old.items())
        if len(codes) > 1
    ]
    return pd.DataFrame(rows, columns=["old_la_code", "la_name", "ons_codes"])


def find_authority(text: str | int, include_former: bool = True) -> dict[str, object]:
    """The authority a user means, as a dict (``old_la_code``, ``new_la_code``, ``la_name``,
    ``region_name``, ``first_year``, ``last_year``), from DfE's code ("383" or 383), an ONS
    code (current or former) or the name in any case. Raises :class:`AuthorityNotFound`
    with the nearest names when nothing matches."""
    frame = authorities(include_former=include_former)
    given = str(text).strip()
    if given.endswith(".0") and given[:-2].isdigit():
        given = given[:-2]
    by_old = frame.set_index("old_la_code", drop=False)
    if given.isdigit() and given in by_old.index:
        return by_old.loc[given].to_dict()
    if _ONS_CODE.match(given):
        old = _former_ons_codes().get(given.upper())
        if old is not None and old in by_old.index:
            return by_old.loc[old].to_dict()
    key = _name_key(given)
    # A name two authorities have had (Dorset) means the current one: it is entered last.
    ordered = frame.sort_values("last_year", kind="stable")
    by_name = {_name_key(n): i for i, n in zip(ordered.index, ordered["la_name"], strict=True)}
    if key in by_name:
        return frame.loc[by_name[key]].to_dict()
    names = list(frame["la_name"])
    lowered = {n.lower(): n for n in names}
    near = difflib.get_close_matches(given.lower(), list(lowered), n=5, cutoff=0.6)
    raise AuthorityNotFound(given, [lowered[n] for n in near])


def _name_key(name: str) -> str:
    """A name for matching: lower case, "&" as "and", punctuation and spaces squeezed."""
    name = name.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name).split())


def boundary_changes() -> pd.DataFrame:
    """:data:`BOUNDARY_CHANGES` as a table, with names and the years from the files: the
    predecessors' last year and the successors' first."""
    register = _all_authorities().set_index("old_la_code")
    rows = []
    for change in BOUNDARY_CHANGES:
        rows.append(
            {
                "predecessors": ", ".join(
                    f"{register.at[c, 'la_name']} ({c})" for c in change.predecessors
                ),
                "successors": ", ".join(
                    f"{register.at[c, 'la_name']} ({c})" for c in change.successors
                ),
                "last_year_of_predecessors": int(
                    max(register.at[c, "last_year"] for c in change.predecessors)
                ),
                "first_year_of_successors": int(
                    min(register.at[c, "first_year"] for c in change.successors)
                ),
                "what": change.what,
            }
        )
    return pd.DataFrame(rows)


def series_note(code: str | int) -> str:
    """In words, where an authority's published series starts and stops, and why, or ""
    when it runs over every year of the files, with any change of ONS code and any figures
    DfE publishes jointly with another authority. Years are years ending 31 March."""
    found = find_authority(code)
    old = str(found["old_la_code"])
    name = found["la_name"]
    first, last = int(found["first_year"]), int(found["last_year"])
    register = _all_authorities().set_index("old_la_code")
    notes = [_boundary_note(old, name, first, last, register), _code_note(old, name)]
    notes.append(_joint_note(old, name))
    return " ".join(n for n in notes if n)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _joint_note(old: str, name: str) -> str:
    for row in joint_reporting().itertuples(index=False):
        if old in row.members:
            return (
                f"DfE publishes {name}'s social work workforce ({row.measures}) jointly with "
                f"another authority, as {row.la_name} ({row.first_year} to {row.last_year}): "
                "those figures are for both."
            )
    return ""


def _code_note(old: str, name: str) -> str:
    changes = code_changes().set_index("old_la_code")
    if old in changes.index:
        return (
            f"{name} has been published under more than one ONS code "
            f"({changes.at[old, 'ons_codes']}) for the same area; its series runs on "
            f"unbroken under DfE code {old}."
        )
    return ""


def _boundary_note(old: str, name: str, first: int, last: int, register: pd.DataFrame) -> str:
    for change in BOUNDARY_CHANGES:
        if old in change.successors:
            before = _and([f"{register.at[c, 'la_name']} ({c})" for c in change.predecessors])
            return (
                f"{name}'s published figures start in {first}: it was created by a boundary "
                f"change ({change.what}). Figures up to {first - 1} are for {before}, whose "
                f"areas differ, so they are not joined to {name}'s series."
            )
        if old in change.predecessors:
            after = _and([f"{register.at[c, 'la_name']} ({c})" for c in change.successors])
            return (
                f"{name}'s published figures stop in {last}: it was replaced by a boundary "
                f"change ({change.what}). From {last + 1} see {after}, whose areas differ."
            )
    return ""


# --- statistical neighbours --------------------------------------------------------------

#: Vintages of DfE's statistical neighbours, and their file ids.
NEIGHBOUR_VINTAGES = {"2025": "neighbours_2025", "2021": "neighbours_2021"}


@lru_cache(maxsize=2)
def _neighbour_file(vintage: str) -> pd.DataFrame:
    frame = files.read_csv(NEIGHBOUR_VINTAGES[vintage])
    frame["la_num"] = frame["la_num"].str.replace(r"\.0$", "", regex=True).str.strip()
    return frame.set_index("la_num", drop=False)


def _closeness(text: str) -> str:
    text = text.strip()
    return "" if text in ("", "-") else text[0].upper() + text[1:].lower()


def neighbours(code: str | int, vintage: str = "2025") -> pd.DataFrame:
    """An authority's 10 statistical neighbours in DfE's order (closest first): ``rank``,
    ``old_la_code``, ``new_la_code``, ``la_name``, ``region_name``, ``closeness`` (DfE's
    band, e.g. "Very close"; "" where the file gives none). ``vintage`` is "2025" (May 2025
    model, the default) or "2021" (April 2021)."""
    if vintage not in NEIGHBOUR_VINTAGES:
        raise EvidenceBookError(
            f"statistical neighbours come in vintages {', '.join(NEIGHBOUR_VINTAGES)}; "
            f"got {vintage!r}"
        )
    found = find_authority(code)
    old = str(found["old_la_code"])
    table = _neighbour_file(vintage)
    if old not in table.index:
        raise EvidenceBookError(
            f"DfE's {vintage} statistical neighbours do not include {found['la_name']} ({old})"
        )
    row = table.loc[old]
    register = _all_authorities().set_index("old_la_code")
    out = []
    for rank in range(1, 11):
        code_n = row[f"sn{rank}"].replace(".0", "").strip()
        known = code_n in register.index
        out.append(
            {
                "rank": rank,
                "old_la_code": code_n,
                "new_la_code": register.at[code_n, "new_la_code"] if known else pd.NA,
                "la_name": register.at[code_n, "la_name"] if known else row[f"sn{rank}_name"],
                "region_name": register.at[code_n, "region_name"] if known else pd.NA,
                "closeness": _closeness(row[f"sn{rank}_closeness"]),
            }
        )
    return pd.DataFrame(out)


def series(code: str, measure: str) -> pd.DataFrame:
    """One authority's rows of one measure, by year (any form of code or name; see
    ``find_authority``)."""
    old = find_authority(code)["old_la_code"]
    frame = measures(measure)
    return frame[frame["old_la_code"] == old].sort_values("year").reset_index(drop=True)
