"""The price year of each money input: a salary entered at this year's prices is moved to
the report's price base before any model runs, so the report's own 2015-16 costs are still
uprated as before.

Every money parameter (``parameters.MONEY_NAMES``: salaries, costs, values, in GBP) has a
companion ``<name>_price_year``, generated from the chapter's declaration by
:func:`with_price_years` (a class decorator on the chapter's ``Parameters``). Empty (the
default) means the money input is at ``input_price_year`` prices, the report's 2015-16.
A council that enters this year's salary says so beside it::

    sw_salary: 45000
    sw_salary_price_year: 2025-26

:func:`at_input_prices` then moves ``sw_salary`` to ``input_price_year`` prices with the
GDP deflator (table ``gdp_deflators``), ``45000 x index[2015-16] / index[2025-26]``, and the
chapter carries on as before: its pilot figures at the report's prices, its roll-out
uprated from them to ``price_year`` (``rollout``, ``appraisal.uprate``), so the salary ends
at ``45000 x index[price_year] / index[2025-26]``, and every other cost is uprated from
2015-16 as it was. Money inputs stated at ``price_year`` prices (``pa_setup_cost``) have
no companion.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis.chapter import param
from evidencebook.analysis.parameters import MONEY_NAMES, price_year_name

T = TypeVar("T")

#: The parameter naming the financial year the report's costs are in (the price base the
#: money inputs are moved to).
INPUT_PRICE_YEAR = "input_price_year"


def companion(name: str) -> Any:
    """The declared ``<name>_price_year`` of money parameter ``name``."""
    return param(
        "",
        f"Financial year (YYYY-YY) whose prices {name} is in; empty means input_price_year's "
        "(the report's). Source: book's choice",
    )


def with_price_years(cls: type[T]) -> type[T]:
    """Give a chapter's ``Parameters`` a ``<name>_price_year`` for each money parameter it
    declares (``MONEY_NAMES``), after its own fields. Put it under ``@dataclass``::

        @dataclass(frozen=True)
        @with_price_years
        class Parameters(ChapterParameters): ...
    """
    annotations = dict(cls.__dict__.get("__annotations__", {}))
    for name in list(annotations):
        if name in MONEY_NAMES:
            extra = price_year_name(name)
            annotations[extra] = "str"
            setattr(cls, extra, companion(name))
    cls.__annotations__ = annotations
    return cls


def conversions(
    values: Mapping[str, Any], deflators: pd.DataFrame | Mapping[str, float]
) -> dict[str, Any]:
    """The money inputs of ``values`` given at another year's prices than
    ``values["input_price_year"]``, moved to it (GDP deflator), each with its price year
    emptied (now at ``input_price_year``). Values at the input prices are left out."""
    base = values.get(INPUT_PRICE_YEAR)
    changes: dict[str, Any] = {}
    for name in MONEY_NAMES:
        year = values.get(price_year_name(name))
        if name not in values or not year or base is None or year == base:
            continue
        changes[name] = ap.uprate(float(values[name]), year, base, deflators)
        changes[price_year_name(name)] = ""
    return changes


def at_input_prices(params: T, deflators: pd.DataFrame | Mapping[str, float]) -> T:
    """A chapter's parameters (a ``ChapterParameters`` dataclass, or a mapping of every
    value a build uses) with each money input at ``input_price_year`` prices: see
    :func:`conversions`. The same object when nothing moves (the default)."""
    if isinstance(params, Mapping):
        changes = conversions(params, deflators)
        return {**params, **changes} if changes else params  # type: ignore[return-value]
    changes = conversions(params.values(), deflators)  # type: ignore[attr-defined]
    return dataclasses.replace(params, **changes) if changes else params  # type: ignore[type-var]


def is_price_year(name: str) -> bool:
    """Whether a parameter names a financial year whose prices money is at."""
    return name in (INPUT_PRICE_YEAR, "price_year") or name.endswith("_price_year")


def uncovered_years(
    values: Mapping[str, Any], deflators: pd.DataFrame | Mapping[str, float]
) -> dict[str, str]:
    """The price years among ``values`` (see :func:`is_price_year`; empty ones mean
    ``input_price_year``'s) that the GDP deflator series does not cover: money could not be
    moved to or from them."""
    index = ap.deflator_index(deflators)
    return {
        name: value
        for name, value in values.items()
        if is_price_year(name) and isinstance(value, str) and value and value not in index
    }


def covered_words(deflators: pd.DataFrame | Mapping[str, float]) -> str:
    """What a price year must be, in words: one the GDP deflators cover."""
    index = ap.deflator_index(deflators)
    span = f"{min(index)} to {max(index)}" if index else "no years"
    return f"a financial year the GDP deflators cover (table gdp_deflators: {span})"
