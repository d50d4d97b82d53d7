"""A strand's roll-out costed today: the section "Appraising a roll-out today" that the
strands with no money benefit (FIT, surgeries, edge of care, Willow, volunteers) share.

:func:`cost_rollout` takes a strand's cost model, its base values and documented ranges, the
money figures to put at today's prices, GDP deflators, the :class:`RolloutSettings` (price
years, optimism bias and Monte Carlo draws and seed: ``RolloutSettings.of(params)`` from a
chapter's parameters, which declare them with this module's functions), and a small
:class:`RolloutWording` (the labels and figure ids that differ between strands). It
returns a :class:`Rollout`: the price-base table (the report's prices, the price year's with
the GDP deflator, and with optimism bias), the one-at-a-time ranges (tornado), the Monte
Carlo, and the figures the chapter states about them, glued
under the strand's prefix (``fit.price_factor``, ``fit.mc_team_median``, ...).
:meth:`Rollout.add_to` adds all of it to a chapter's result: figures, tables, the two
charts with their descriptions and data, and the key-result text.

Figure ids, with ``<p>`` the strand's prefix and, for each model output, its ``today_id``
and ``mc_id`` (see :class:`RolloutOutput`): ``<p>.input_price_year``, ``<p>.price_year``,
``<p>.deflator_from``, ``<p>.deflator_to``, ``<p>.price_factor``, ``<p>.price_rise_pct``,
``<p>.deflator_source``, ``<p>.optimism_bias_pct``, ``<p>.<today_id>_today``,
``<p>.<today_id>_planning`` (with optimism bias; for outputs with ``planning``),
``<p>.tornado_top``, ``<p>.tornado_top_from``, ``<p>.tornado_top_to``,
``<p>.tornado_inputs``, ``<p>.mc_runs``, ``<p>.mc_seed``, ``<p>.mc_level``,
``<p>.mc_inputs`` and ``<p>.mc_<mc_id>_low``, ``_median`` and ``_high``.

A chapter builds it in its ``appraisal`` module (see ``chapters/fit/appraisal.py``) and adds
it to its result; the notebook shows ``rollout_prices``, ``rollout_tornado``,
``rollout_ranges``, ``rollout_histogram`` and ``rollout_mc`` and prints
``result.text["rollout_key"]``. A model with several outputs (the volunteers' two unit
costs) names each in ``RolloutWording.outputs``, picks the one drawn in the histogram with
``histogram_output``, and may give a one-number ``tornado_model`` over its own
``tornado_ranges``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd

from evidencebook.analysis import appraisal as ap
from evidencebook.analysis import charts, uncertainty
from evidencebook.analysis import ranges as st
from evidencebook.analysis.chapter import ChapterResult, param
from evidencebook.analysis.ranges import InputRange

T = TypeVar("T")

#: Where the roll-out figures come from (the book's own analysis, not the report's).
SOURCE = (
    "Book's analysis (Green Book 2022): the report's costs at today's prices with the GDP "
    "deflator and optimism bias; one-at-a-time ranges and a Monte Carlo"
)

#: The columns of the tornado table shown as the chart's data.
TORNADO_COLUMNS = ["parameter", "label", "low", "high", "output_low", "output_high", "swing"]

#: Equal bins of the Monte Carlo histogram.
HISTOGRAM_BINS = 40


@dataclass(frozen=True)
class RolloutOutput:
    """One output of the strand's cost model, and how the chapter names it."""

    #: The model's output: "output" for a model that returns one number, else a key of
    #: the mapping it returns.
    output: str
    #: Its row in the Monte Carlo table ("Full team (one of each)").
    label: str
    #: Its row in the key results ("Monte Carlo full team").
    key_label: str
    #: Figure ids ``<p>.<today_id>_today`` and ``<p>.<today_id>_planning`` ("team_cost").
    today_id: str
    #: Figure ids ``<p>.mc_<mc_id>_low``, ``_median`` and ``_high`` ("team").
    mc_id: str
    #: Whether to state its cost with optimism bias (``<p>.<today_id>_planning``).
    planning: bool = True


@dataclass(frozen=True)
class RolloutWording:
    """What differs between strands in the section's tables, charts and key results."""

    outputs: tuple[RolloutOutput, ...]
    tornado_title: str  # "FIT: what moves the cost of a full team"
    #: What the tornado's description is of, before " at <price year> prices" ("the annual
    #: cost of a full three-worker FIT team").
    tornado_subject: str
    histogram_title: str  # "FIT: cost of a full team in Monte Carlo draws"
    #: What the histogram's description is of, before " in <n> draws".
    histogram_subject: str
    #: The charts' value axis, before ", <price year> prices".
    value_unit: str = "GBP a year"
    #: The Monte Carlo table's unit, before ", <price year> prices, before optimism bias".
    mc_unit: str = "GBP a year"
    #: First heading of the price-base table.
    what_header: str = "What"
    #: Pence shown (2) or whole pounds (0), in tables, descriptions and chart lines.
    decimals: int = 0
    #: Decimals of the tornado's and the histogram's data (shown and downloadable).
    tornado_data_decimals: int = 4
    histogram_data_decimals: int = 2
    #: The output drawn in the histogram (empty: the first of ``outputs``).
    histogram_output: str = ""
    tornado_value_format: str = ",.0f"

    def __post_init__(self) -> None:
        if not self.outputs:
            raise ValueError("a roll-out needs at least one output")
        names = [o.output for o in self.outputs]
        if len(set(names)) != len(names):
            raise ValueError(f"outputs named more than once: {names}")
        if self.histogram_output and self.histogram_output not in names:
            raise ValueError(f"histogram_output {self.histogram_output!r} is not an output")

    def money(self, value: float) -> str:
        return f"£{value:,.{self.decimals}f}"

    @property
    def drawn(self) -> str:
        return self.histogram_output or self.outputs[0].output


@dataclass(frozen=True)
class NamedInputs:
    """A cost model's assumptions (the dataclass ``kind``) as the model's inputs, each named
    as the chapter parameter it comes from: ``names`` maps each field to its parameter's
    name. One mapping gives both directions, so they cannot disagree."""

    kind: type
    names: Mapping[str, str]

    def assumptions(self, params: Mapping[str, Any], **others: Any) -> Any:
        """The assumptions from named inputs (``others``: fields not named as inputs)."""
        return self.kind(**{f: params[n] for f, n in self.names.items()}, **others)

    def inputs(self, assumptions: Any, price_factor: float | None = None) -> dict[str, Any]:
        """The named inputs, in the fields' order, then ``price_factor`` where given."""
        out = {n: getattr(assumptions, f) for f, n in self.names.items()}
        if price_factor is not None:
            out["price_factor"] = price_factor
        return out


def price_factor(
    deflators: pd.DataFrame | Mapping[str, float], from_year: str, to_year: str
) -> float:
    """What one pound at ``from_year`` prices is at ``to_year`` prices (GDP deflator)."""
    return ap.uprate(1.0, from_year, to_year, deflators)


@dataclass(frozen=True)
class RolloutSettings:
    """What every strand's roll-out section is set by: the year whose prices its money
    inputs are in, the year to show money at, the optimism bias on costs, and the Monte
    Carlo's draws and seed (each chapter declares them once, with :func:`input_price_year`,
    :func:`price_year`, :func:`optimism_bias`, :func:`mc_runs` and :func:`mc_seed`)."""

    input_price_year: str
    price_year: str
    optimism_bias: float
    mc_runs: int
    mc_seed: int

    @classmethod
    def of(cls, params: Any) -> RolloutSettings:
        """The settings from a chapter's parameters (any object with the five names)."""
        return cls(**{f.name: getattr(params, f.name) for f in dataclasses.fields(cls)})

    def price_factor(self, deflators: pd.DataFrame | Mapping[str, float]) -> float:
        """What one pound at the input prices is at the price year's (GDP deflator)."""
        return price_factor(deflators, self.input_price_year, self.price_year)


@dataclass(frozen=True, eq=False)
class Rollout:
    """A strand's roll-out costed today; see the module docstring. Built by
    :func:`cost_rollout`."""

    prefix: str
    wording: RolloutWording
    settings: RolloutSettings
    deflators: pd.DataFrame
    price_factor: float
    base: Mapping[str, float]
    ranges: tuple[InputRange, ...]
    tornado_ranges: tuple[InputRange, ...]
    model: Callable[[Mapping[str, float]], object]
    tornado_model: Callable[[Mapping[str, float]], object]
    #: ``ranges.price_base``: what, kind, input_prices, price_year, adjusted.
    prices: pd.DataFrame
    #: ``ranges.tornado_table`` of the tornado model over the tornado ranges.
    spread: pd.DataFrame
    mc: uncertainty.MonteCarloResult
    #: The model's outputs at the base values (price-year prices, before optimism bias).
    today: dict[str, float] = field(default_factory=dict)

    @property
    def input_price_year(self) -> str:
        return self.settings.input_price_year

    @property
    def price_year(self) -> str:
        return self.settings.price_year

    @property
    def optimism_bias(self) -> float:
        return self.settings.optimism_bias

    @property
    def mc_runs(self) -> int:
        return self.settings.mc_runs

    @property
    def mc_seed(self) -> int:
        return self.settings.mc_seed

    # --- numbers -----------------------------------------------------------------------

    @property
    def summary(self) -> pd.DataFrame:
        """The Monte Carlo summary by output: mean, median, p5, p95."""
        return self.mc.summary.set_index("output")

    @property
    def interval_columns(self) -> tuple[str, str]:
        low, high = uncertainty.INTERVAL
        return f"p{low}", f"p{high}"

    @property
    def tornado_base(self) -> float:
        return float(self.tornado_model(self.base))  # type: ignore[arg-type]

    def figures(self) -> dict[str, Any]:
        """Every figure the section states, by id (see the module docstring)."""
        p = self.prefix
        index = ap.deflator_index(self.deflators)
        p_low, p_high = uncertainty.INTERVAL
        lo_col, hi_col = self.interval_columns
        top = self.spread.iloc[0]
        out: dict[str, Any] = {
            f"{p}.input_price_year": self.input_price_year,
            f"{p}.price_year": self.price_year,
            f"{p}.deflator_from": index[self.input_price_year],
            f"{p}.deflator_to": index[self.price_year],
            f"{p}.price_factor": self.price_factor,
            f"{p}.price_rise_pct": (self.price_factor - 1) * 100,
            f"{p}.deflator_source": st.deflator_source(
                self.deflators, self.input_price_year, self.price_year
            ),
            f"{p}.optimism_bias_pct": self.optimism_bias * 100,
        }
        for o in self.wording.outputs:
            out[f"{p}.{o.today_id}_today"] = self.today[o.output]
        for o in self.wording.outputs:
            if o.planning:
                out[f"{p}.{o.today_id}_planning"] = self.today[o.output] * ap.cost_factor(
                    self.optimism_bias
                )
        out |= {
            f"{p}.tornado_top": top["label"][0].lower() + top["label"][1:],
            f"{p}.tornado_top_from": min(top["output_low"], top["output_high"]),
            f"{p}.tornado_top_to": max(top["output_low"], top["output_high"]),
            f"{p}.tornado_inputs": len(self.spread),
            f"{p}.mc_runs": self.mc_runs,
            f"{p}.mc_seed": self.mc_seed,
            f"{p}.mc_level": p_high - p_low,
            f"{p}.mc_inputs": len(self.mc.inputs),
        }
        summary = self.summary
        for o in self.wording.outputs:
            out[f"{p}.mc_{o.mc_id}_low"] = summary.loc[o.output, lo_col]
            out[f"{p}.mc_{o.mc_id}_median"] = summary.loc[o.output, "median"]
            out[f"{p}.mc_{o.mc_id}_high"] = summary.loc[o.output, hi_col]
        return out

    # --- tables ------------------------------------------------------------------------

    def prices_table(self) -> pd.DataFrame:
        """The money figures at the report's prices, the price year's, and with optimism
        bias, as shown."""
        money, py = self.wording.money, self.price_year
        return pd.DataFrame(
            {
                self.wording.what_header: self.prices["what"],
                f"At {self.input_price_year} prices (the report's)": self.prices[
                    "input_prices"
                ].map(money),
                f"At {py} prices": self.prices["price_year"].map(money),
                f"At {py} prices, with optimism bias": self.prices["adjusted"].map(money),
            }
        )

    def ranges_table(self) -> pd.DataFrame:
        """Each input's base value and range, how it is set and why, as shown."""
        table = st.ranges_table(self.ranges, self.base)
        return pd.DataFrame(
            {
                "Assumption": table["assumption"],
                "Base": table["base"],
                "Range": table["low"] + " to " + table["high"],
                "How it is set, and why": table["range"] + ". " + table["why"],
            }
        )

    def mc_table(self) -> pd.DataFrame:
        """Mean, median and interval of each output in the Monte Carlo, as shown."""
        money = self.wording.money
        p_low, p_high = uncertainty.INTERVAL
        lo_col, hi_col = self.interval_columns
        summary = self.summary
        labels = {o.output: o.label for o in self.wording.outputs}
        unit = f"{self.wording.mc_unit}, {self.price_year} prices, before optimism bias"
        return pd.DataFrame(
            {
                f"Output ({unit})": [labels[o] for o in summary.index],
                "Mean": [money(v) for v in summary["mean"]],
                "Median": [money(v) for v in summary["median"]],
                f"{p_low}th percentile": [money(v) for v in summary[lo_col]],
                f"{p_high}th percentile": [money(v) for v in summary[hi_col]],
            }
        )

    # --- charts ------------------------------------------------------------------------

    def tornado_chart(self) -> tuple[Any, str, pd.DataFrame]:
        """The tornado chart, its description and its data."""
        w, money = self.wording, self.wording.money
        base = self.tornado_base
        fig = charts.tornado(
            self.spread,
            base,
            w.tornado_title,
            f"{w.value_unit}, {self.price_year} prices",
            value_format=w.tornado_value_format,
            prefix="£",
        )
        rows = self.spread[["label", "low_text", "output_low", "high_text", "output_high"]]
        desc = (
            f"Tornado chart of {w.tornado_subject} at {self.price_year} prices "
            f"(base {money(base)}), widest swing first. "
            + "; ".join(
                f"{label}: {low_text} gives {money(low)}, {high_text} gives {money(high)}"
                for label, low_text, low, high_text, high in rows.itertuples(index=False)
            )
            + "."
        )
        data = self.spread[TORNADO_COLUMNS].round(w.tornado_data_decimals)
        return fig, desc, data

    def histogram_chart(self) -> tuple[Any, str, pd.DataFrame]:
        """The histogram of the Monte Carlo draws of one output, its description and its
        data (the bins)."""
        w, money = self.wording, self.wording.money
        p_low, p_high = uncertainty.INTERVAL
        lo_col, hi_col = self.interval_columns
        drawn = self.mc.samples[w.drawn]
        row = self.summary.loc[w.drawn]
        bins = charts.histogram_bins(drawn, HISTOGRAM_BINS)
        fig = charts.histogram(
            bins,
            w.histogram_title,
            f"{w.value_unit}, {self.price_year} prices",
            [
                (row[lo_col], f"{p_low}th percentile: {money(row[lo_col])}"),
                (row["median"], f"Median: {money(row['median'])}"),
                (row[hi_col], f"{p_high}th percentile: {money(row[hi_col])}"),
            ],
        )
        desc = (
            f"Histogram of {w.histogram_subject} in {self.mc_runs:,} draws "
            f"(seed {self.mc_seed}), from {money(drawn.min())} to {money(drawn.max())}. "
            f"Vertical lines mark the {p_low}th percentile ({money(row[lo_col])}), the median "
            f"({money(row['median'])}) and the {p_high}th percentile ({money(row[hi_col])})."
        )
        return fig, desc, bins.round(w.histogram_data_decimals)

    # --- key results -------------------------------------------------------------------

    def key_text(self) -> str:
        """The key results (the price factor, each money figure at the price year's prices,
        and each output's Monte Carlo interval), as the notebook prints them."""
        p_low, p_high = uncertainty.INTERVAL
        lo_col, hi_col = self.interval_columns
        summary = self.summary
        labels = {o.output: o.key_label for o in self.wording.outputs}
        basis = f"p{p_low} / median / p{p_high}, {self.mc_runs} draws, seed {self.mc_seed}"
        key = pd.DataFrame(
            [
                (
                    "Price factor",
                    f"{self.input_price_year} to {self.price_year}",
                    f"{self.price_factor:.4f}",
                ),
                *[
                    (what, self.price_year, f"{value:,.2f}")
                    for what, value in zip(
                        self.prices["what"], self.prices["price_year"], strict=True
                    )
                ],
                *[
                    (
                        labels[o],
                        basis,
                        " / ".join(f"{summary.loc[o, c]:,.2f}" for c in (lo_col, "median", hi_col)),
                    )
                    for o in summary.index
                ],
            ],
            columns=["measure", "basis", "value"],
        )
        return key.to_string(index=False)

    # --- into a chapter's result -------------------------------------------------------

    def add_to(self, result: ChapterResult, key: str = "rollout") -> None:
        """Add the figures, the tables (``<key>_prices``, ``<key>_ranges``, ``<key>_mc``),
        the charts (``<key>_tornado``, ``<key>_histogram``) and the key results
        (text ``<key>_key``) to ``result``."""
        result.add_figures(self.figures(), source=SOURCE)
        result.add_table(f"{key}_prices", self.prices_table(), "Costs at today's prices")
        result.add_table(f"{key}_ranges", self.ranges_table(), "The ranges of the inputs")
        result.add_table(f"{key}_mc", self.mc_table(), "Monte Carlo results")
        fig, desc, data = self.tornado_chart()
        result.add_chart(f"{key}_tornado", self.wording.tornado_title, fig, desc, data)
        fig, desc, data = self.histogram_chart()
        result.add_chart(f"{key}_histogram", self.wording.histogram_title, fig, desc, data)
        result.add_text(f"{key}_key", self.key_text())


def cost_rollout(
    prefix: str,
    model: Callable[[Mapping[str, float]], object],
    base: Mapping[str, float],
    ranges: Sequence[InputRange],
    price_rows: Sequence[tuple[str, float]],
    *,
    settings: RolloutSettings,
    deflators: pd.DataFrame,
    wording: RolloutWording,
    tornado_model: Callable[[Mapping[str, float]], object] | None = None,
    tornado_ranges: Sequence[InputRange] | None = None,
) -> Rollout:
    """Cost a strand's roll-out today.

    ``model`` gives the strand's cost(s) at price-year prices from ``base`` (which holds the
    ``price_factor``: see :func:`price_factor`): one number, or a mapping of named outputs
    (each named in ``wording.outputs``). ``ranges`` are varied together in the Monte Carlo
    and listed in the ranges table; the tornado varies ``tornado_ranges`` (default
    ``ranges``) one at a time in ``tornado_model`` (default ``model``; it must give one
    number). ``price_rows`` are (what, amount at the settings' input prices) for the
    price-base table, all costs (optimism bias applies to each). A ``model`` declared with
    ``uncertainty.array_safe`` runs the Monte Carlo's draws all at once (every strand's is).
    """
    s = settings
    prices = st.price_base(
        [(what, "cost", amount) for what, amount in price_rows],
        s.input_price_year,
        s.price_year,
        deflators,
        cost_multiplier=ap.cost_factor(s.optimism_bias),
    )
    ranges = tuple(ranges)
    tornado_ranges = ranges if tornado_ranges is None else tuple(tornado_ranges)
    tornado_model = model if tornado_model is None else tornado_model
    today = uncertainty.outputs_of(model(base))
    named = {o.output for o in wording.outputs}
    if named != set(today):
        raise ValueError(
            f"{prefix}: the model gives {sorted(today)}, the wording names {sorted(named)}"
        )
    spread = st.tornado_table(tornado_model, base, tornado_ranges)
    mc = uncertainty.monte_carlo(model, st.distributions(ranges, base), s.mc_runs, s.mc_seed, base)
    return Rollout(
        prefix=prefix,
        wording=wording,
        settings=s,
        deflators=deflators,
        price_factor=s.price_factor(deflators),
        base=dict(base),
        ranges=ranges,
        tornado_ranges=tornado_ranges,
        model=model,
        tornado_model=tornado_model,
        prices=prices,
        spread=spread,
        mc=mc,
        today=today,
    )


# --- the parameters every strand's roll-out section declares ------------------------------
# Declared here once; each strand's ``Parameters`` uses them (``price_year: str =
# rollout.price_year()``), so the defaults and their sources cannot drift apart.


def rollout_la() -> Any:
    """The authority whose roll-out ends a strand's chapter (set by the build)."""
    return param(
        "",
        "The authority a roll-out of the strand is appraised for, in the chapter's last "
        "section: DfE code (383), ONS code (E08000035) or name (Leeds). The build sets it from "
        "--la; empty (a book built without --la) leaves the section out. Source: build --la",
    )


def inputs_sheet() -> Any:
    """A council's inputs sheet for its roll-outs."""
    return param(
        "",
        "The council's inputs sheet (.yaml or .xlsx, as evidencebook inputs writes it): its "
        "values replace the published defaults of the authority's local inputs; empty uses "
        "the defaults. A relative path is read from the folder the build is run in. Source: "
        "the council (evidencebook inputs --la NAME --out inputs.yaml)",
    )


def adjustment_step() -> Any:
    """The deadweight and attribution step per evidence grade in an authority's roll-out."""
    return param(
        0.05,
        "Deadweight added, and attribution taken away, for each confidence grade below the "
        "first in a roll-out appraised for an authority (0.05 means 5 points a grade: grade 3 "
        "has 10% deadweight and 90% attribution). Source: book's judgement (no comparison "
        "group measured either; the report and the GMCA model give no such rule)",
    )


def stated_range() -> Any:
    """The range drawn around a borrowed effect with no interval."""
    return param(
        0.5,
        "Where the pilot's evidence gives an effect a roll-out borrows no interval, the Monte "
        "Carlo draws it from this share below to this share above the stated figure (0.5 "
        "means 50% either side). Source: book's judgement (one pilot, no comparison group)",
    )


def input_price_year() -> Any:
    """The financial year whose prices a chapter's money inputs are in."""
    return param(
        "2015-16",
        "Financial year (YYYY-YY) whose prices the chapter's money inputs are in. Source: "
        "report, Appendix 4 (pilot-period costs)",
    )


def appraisal_years() -> Any:
    """The years of delivery a roll-out is appraised over."""
    return param(
        5,
        "Years of delivery appraised, 1 to 30 (year 0 is the first and is not discounted). "
        "Source: book's choice for a roll-out decision; Green Book 2022",
    )


def discount_rate() -> Any:
    """The Green Book's real discount rate."""
    return param(
        0.035,
        "Real discount rate a year (0.035 means 3.5%). Source: Green Book 2022, social time "
        "preference rate for years 0 to 30",
    )


def price_year() -> Any:
    """The financial year to show money at."""
    return param(
        "2025-26",
        "Financial year (YYYY-YY) to show money at, uprated with the GDP deflator (table "
        "gdp_deflators). Source: Green Book 2022 (real prices at one price base); HM Treasury "
        "GDP deflators",
    )


def optimism_bias() -> Any:
    """The uplift on costs for optimism bias."""
    return param(
        0.41,
        "Uplift on costs for optimism bias (0.41 adds 41%). Source: Green Book supplementary "
        "guidance on optimism bias, upper bound for outsourcing (operating costs)",
    )


def mc_runs() -> Any:
    """How many Monte Carlo draws."""
    return param(
        10000, "Monte Carlo draws. Source: book's choice (enough for a steady 90% interval)"
    )


def mc_seed() -> Any:
    """The Monte Carlo seed."""
    return param(
        2017,
        "Seed for the Monte Carlo draws: the same seed gives the same figures every run. "
        "Source: book's choice",
    )


#: What a strand's roll-out in an authority (the last section of its chapter in a book built
#: with ``--la``, ``analysis.local_rollout``) is set by, beyond the roll-out section's own
#: parameters: (name, type, declaration), in the order the chapters declare them.
LOCAL_ROLLOUT: tuple[tuple[str, str, Callable[[], Any]], ...] = (
    ("appraisal_years", "int", appraisal_years),
    ("discount_rate", "float", discount_rate),
    ("rollout_la", "str", rollout_la),
    ("inputs_sheet", "str", inputs_sheet),
    ("rollout_adjustment_step", "float", adjustment_step),
    ("rollout_stated_range", "float", stated_range),
)


def with_local_rollout(cls: type[T]) -> type[T]:
    """Give a strand's ``Parameters`` each of :data:`LOCAL_ROLLOUT` it does not declare
    itself, after its own fields, declared once here. Put it under ``@dataclass`` (and under
    ``prices.with_price_years``, whose companions come last)::

        @dataclass(frozen=True)
        @prices.with_price_years
        @rollout.with_local_rollout
        class Parameters(ChapterParameters): ...
    """
    annotations = dict(cls.__dict__.get("__annotations__", {}))
    for name, kind, declare in LOCAL_ROLLOUT:
        if name not in annotations:
            annotations[name] = kind
            setattr(cls, name, declare())
    cls.__annotations__ = annotations
    return cls
