"""Chapter parameters: declared in each notebook, supplied by a pack's parameters YAML.

Each chapter notebook declares its parameters in a cell tagged ``parameters``, one per line
as ``name: type = default  # meaning``, so ``papermill --help-notebook`` lists them. A
pack's ``parameters.yaml`` is one flat mapping: a name such as ``overhead_rate`` means the
same in every chapter that declares it, and each chapter receives the names it declares.

papermill alone only logs unknown names; here unknown names and wrong types stop the run,
with the YAML file and line, before any kernel starts.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evidencebook import paths
from evidencebook.analysis.yamlfile import read_yaml
from evidencebook.exceptions import ParameterError, Problem, shown

PARAMETERS_FILE = "parameters.yaml"

#: Names the build supplies itself; a pack may not set them. ``parameters_json`` carries
#: every parameter's value, as JSON, to chapters that compare strands; ``la`` names the
#: authority a book is built for (``build --la``) to the chapters that compare it, and
#: ``rollout_la`` to the strands' chapters, which end with a roll-out there.
RESERVED = {"data_dir", "parameters_json", "la", "rollout_la"}

#: The key of ``parameters_json`` that holds, for each value that differs from its
#: declared default, the file that set it (``parameters.yaml``, a ``--params`` file, ...);
#: present only when some value does. Not a parameter: chapters ignore it.
SET_IN = "_set_in"

_TYPES: dict[str, tuple[type, ...]] = {
    "float": (int, float),
    "int": (int,),
    "str": (str,),
    "bool": (bool,),
}


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a chapter notebook."""

    name: str
    type: str
    default: Any
    help: str

    def accepts(self, value: Any) -> bool:
        allowed = _TYPES.get(self.type)
        if allowed is None:
            return True
        if isinstance(value, bool) and self.type != "bool":
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False  # YAML's .nan and .inf are not amounts
        return isinstance(value, allowed)


@dataclass(frozen=True)
class Limit:
    """The values a parameter may take, checked before any chapter runs.

    A number lies from ``low`` to ``high`` (either may be open: ``low_open`` means "more
    than low"); text matches ``pattern``. ``form`` says how the value is written where
    that is easily mistaken (a share as a fraction, not a percentage); ``why`` says why
    the limit is there when it is not obvious.
    """

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    form: str = ""
    why: str = ""
    pattern: str = ""

    def holds(self, value: Any) -> bool:
        if isinstance(value, str):
            return re.fullmatch(self.pattern, value.strip()) is not None if self.pattern else True
        if self.low is not None and (value <= self.low if self.low_open else value < self.low):
            return False
        return self.high is None or value <= self.high

    def words(self, kind: str) -> str:
        """The limit in words, e.g. "a whole number from 1 to 30"."""
        if self.pattern:
            return self.form
        text = {"int": "a whole number"}.get(kind, "a number")
        if self.low is not None and self.high is not None:
            text += f" from {self.low:,g} to {self.high:,g}"
        elif self.low is not None:
            text += f" more than {self.low:,g}" if self.low_open else f" of {self.low:,g} or more"
        elif self.high is not None:
            text += f" of at most {self.high:,g}"
        return ", ".join([text] + [t for t in (self.form, self.why) if t])


#: Forms of value several parameters share.
MONEY = Limit(0)
COUNT = Limit(0)
MORE_THAN_0 = Limit(0, low_open=True)
SHARE = Limit(0, 1, form="a share written as a fraction (0.2 means 20%, not 20)")
MONTH = Limit(pattern=r"\d{4}-(0[1-9]|1[0-2])", form="a month written YYYY-MM, such as 2015-03")
PRICE_YEAR = Limit(pattern=r"\d{4}-\d{2}", form="a financial year written YYYY-YY, such as 2015-16")
NAMED = Limit(pattern=r".*\S.*", form="the name of an authority, not blank")

#: The money inputs (GBP) at the report's prices: each has a companion
#: ``<name>_price_year`` (``analysis.prices``) saying which year's prices it is in, empty
#: meaning ``input_price_year``'s. ``pa_setup_cost`` is at ``price_year`` prices already.
MONEY_NAMES: tuple[str, ...] = (
    "edge_worker_salary", "edge_activities_cost", "edge_activities_cost_low",
    "edge_activities_cost_high", "vol_coordinator_salary", "vol_admin_cost",
    "vol_expenses_monthly", "fit_da_salary", "fit_sm_salary", "fit_mh_salary",
    "fit_overhead_per_worker", "fit_mh_cost_low", "fit_mh_cost_high", "pa_salary",
    "sw_salary", "rollout_net_cost", "extra_caseload_value", "sws_worker_salary",
    "vol_iow_service_cost", "cse_manager_salary", "cse_admin_c_salary",
)  # fmt: skip

#: How the options chapter's inputs sheet is named: a path, or empty for the defaults.
INPUTS_SHEET = "the path of a .yaml or .xlsx inputs sheet, or empty for the published defaults"

#: The form of a money input's own price year.
PRICE_YEAR_OR_EMPTY = Limit(
    pattern=r"(\d{4}-\d{2})?",
    form="a financial year written YYYY-YY, such as 2025-26, or empty for input_price_year's",
)


def price_year_name(name: str) -> str:
    """The parameter giving the price year of money input ``name``."""
    return f"{name}_price_year"


#: The limit of every chapter parameter: the same checks the models make when they run
#: (``models/*.py``, ``appraisal``, ``uncertainty``), made here before any kernel starts,
#: so a value out of range is a problem naming the file and row, not a failed chapter.
LIMITS: dict[str, Limit] = {
    # shares and rates, written as fractions
    "overhead_rate": Limit(0, 1, form=SHARE.form),
    "discount_rate": Limit(0, 1, form="a rate written as a fraction (0.035 means 3.5%)"),
    "optimism_bias": Limit(
        0, 2, form="an uplift written as a fraction (0.41 adds 41%)",
        why="the Green Book's largest uplift is 200%",
    ),
    "deadweight": SHARE,
    "attribution": SHARE,
    "rollout_adjustment_step": Limit(
        0, 0.2, form="a share written as a fraction (0.05 means 5 points a grade)",
        why="at 0.2 the weakest grade (6) has 100% deadweight",
    ),
    "rollout_stated_range": Limit(
        0, 0.95, form="a share written as a fraction (0.5 means 50% either side)",
        why="a range of 100% or more below would draw an effect of nought or less",
    ),
    "pa_cashable_share": SHARE,
    "pa_admin_cuts_made": SHARE,
    # money, GBP
    **dict.fromkeys(MONEY_NAMES, MONEY),
    "pa_setup_cost": MONEY,  # at price_year prices: no price year of its own
    # the price year of each money input (empty: input_price_year's)
    **{price_year_name(n): PRICE_YEAR_OR_EMPTY for n in MONEY_NAMES},
    # counts that may be 0
    **dict.fromkeys(
        ["sws_workers", "cse_manager_posts", "cse_sw_posts", "cse_admin_d_posts",
         "cse_admin_c_posts"],
        COUNT,
    ),
    # numbers something is divided by, or that a range is drawn from: more than 0
    **dict.fromkeys(
        [
            "edge_young_people_per_worker", "vol_per_coordinator", "vol_coordinators_hants",
            "vol_interventions_per_volunteer", "sw_per_pa", "rollout_posts",
            "vol_ri_per_volunteer_low", "vol_ri_per_volunteer_high", "vol_iow_volunteers",
        ],
        MORE_THAN_0,
    ),
    "appraisal_years": Limit(1, 30),
    "benefit_confidence_grade": Limit(1, 6, why="1 is the strongest evidence, 6 the weakest"),
    "mc_runs": Limit(
        1, 100_000, why="more draws take minutes and do not steady the interval further"
    ),
    "mc_seed": Limit(0),
    # text
    "input_price_year": PRICE_YEAR,
    "price_year": PRICE_YEAR,
    "demand_baseline_from": MONTH,
    "demand_period_end": MONTH,
    "caseload_start": MONTH,
    "caseload_end": MONTH,
    "caseload_authority": Limit(),  # empty means every authority
    "sws_authority": Limit(),  # empty leaves out the comparison with the pilot's targets
    "vol_in_house_authority": NAMED,
    "vol_commissioned_authority": NAMED,
    "inputs_sheet": Limit(
        pattern=r"(.+\.([Yy][Aa]?[Mm][Ll]|[Xx][Ll][Ss][Xx]))?", form=INPUTS_SHEET
    ),
    "neighbour_vintage": Limit(
        pattern=r"2025|2021", form="2025 or 2021 (the years DfE published a statistical "
        "neighbour model for)",
    ),
}  # fmt: skip

#: Pairs of parameters in order: the first may not be more than the second (with
#: ``strict``, must be less). A value not set is taken at its default.
ORDERED: tuple[tuple[str, str, bool], ...] = (
    ("edge_activities_cost_low", "edge_activities_cost", False),
    ("edge_activities_cost", "edge_activities_cost_high", False),
    ("fit_mh_cost_low", "fit_mh_cost_high", False),
    ("vol_ri_per_volunteer_low", "vol_ri_per_volunteer_high", False),
    ("demand_baseline_from", "demand_period_end", True),
    ("caseload_start", "caseload_end", True),
)


def declared(notebook: str | Path) -> dict[str, Parameter]:
    """The parameters a notebook declares, read with papermill's own inspection."""
    import papermill  # only where a notebook is read: a chapter's kernel never needs it

    found = papermill.inspect_notebook(str(notebook))
    out = {}
    for name, info in found.items():
        default = info["default"]
        try:
            value = yaml.safe_load(default) if default is not None else None
        except yaml.YAMLError:
            value = default
        out[name] = Parameter(name, info["inferred_type_name"], value, info["help"])
    return out


def load(path: str | Path) -> tuple[dict[str, Any], dict[str, int]]:
    """A parameters YAML: its values, and the line each name is on. Read with
    ``yamlfile.read_yaml``: size, aliases and duplicated names are checked."""
    path = Path(path)
    label = path.name
    try:
        values, lines = read_yaml(path, ParameterError)
    except FileNotFoundError:
        raise ParameterError([Problem(label, None, None, None, "the file to exist")]) from None
    if values is None:
        return {}, {}
    if not isinstance(values, dict):
        raise ParameterError([Problem(label, 1, None, None, "a mapping of name: value")])
    return values, lines


def check(
    values: dict[str, Any],
    chapters: dict[str, dict[str, Parameter]],
    label: str = PARAMETERS_FILE,
    lines: dict[str, int] | None = None,
) -> dict[str, dict[str, Any]]:
    """Check every value against the chapters' declarations; return each chapter's share.

    Raises ``ParameterError`` listing every unknown name and every wrong type.
    """
    return check_layers([Layer(label, values, lines or {})], chapters).per_chapter


@dataclass(frozen=True)
class Layer:
    """One file of parameter values, as problems name it (``label``), with the line (or
    row) of each name. ``where`` names, for a value read from somewhere else than
    ``label`` says (a workbook's sheet merged into a pack's values), where it was set."""

    label: str
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)

    def set_in(self, name: str) -> str:
        return self.where.get(name, self.label)


@dataclass(frozen=True)
class Checked:
    """The values a build uses, once checked: each chapter's share, and, for each value
    that differs from its declared default, the file that set it (``set_in``)."""

    per_chapter: dict[str, dict[str, Any]]
    set_in: dict[str, str]


def check_layers(layers: list[Layer], chapters: dict[str, dict[str, Parameter]]) -> Checked:
    """Check layers of values, lowest first: the chapters' declared defaults, then each
    layer in turn, a later one changing only the names it gives (a ``--params`` file
    with only ``sw_salary`` keeps every other value of the pack's ``parameters.yaml``).

    Every layer's unknown names, wrong types and values out of range are reported with
    its own file and line; pairs out of order (``ORDERED``) are judged on the merged
    values and name the file that set the value at fault. Raises ``ParameterError``.
    """
    known: dict[str, Parameter] = {}
    for params in chapters.values():
        known.update(params)
    problems = []
    for layer in layers:
        problems += _value_problems(layer, known)
    merged: dict[str, Any] = {}
    top: dict[str, Layer] = {}
    for layer in layers:
        for name, value in layer.values.items():
            merged[name] = value
            top[name] = layer
    if not problems:
        problems = _order_problems(merged, known, top)
    if problems:
        raise ParameterError(problems)
    per_chapter = {
        chapter: {n: v for n, v in merged.items() if n in params}
        for chapter, params in chapters.items()
    }
    set_in = {
        name: top[name].set_in(name)
        for name, value in merged.items()
        if not _same(value, known[name].default)
    }
    return Checked(per_chapter, set_in)


def _same(value: Any, default: Any) -> bool:
    """Whether a value is its default (1 and 1.0 are the same amount; True is not 1)."""
    return value == default and isinstance(value, bool) == isinstance(default, bool)


def _value_problems(layer: Layer, known: dict[str, Parameter]) -> list[Problem]:
    """A layer's unknown and reserved names, wrong types and values out of range."""
    label, lines = layer.label, layer.lines
    problems = []
    for name, value in layer.values.items():
        line = lines.get(name)
        if name in RESERVED:
            problems.append(
                Problem(label, line, name, value, "not to be set here (the build sets it)")
            )
        elif name not in known:
            names = sorted(n for n in known if n not in RESERVED)
            close = difflib.get_close_matches(name, names, n=1)
            said = f"did you mean {close[0]}?" if close else "one of " + ", ".join(names)
            problems.append(Problem(label, line, name, value, f"a known parameter ({said})"))
        elif not known[name].accepts(value):
            p = known[name]
            article = "an" if p.type.startswith(tuple("aeiou")) else "a"
            problems.append(Problem(label, line, name, value, f"{article} {p.type} ({p.help})"))
        elif name in LIMITS and not LIMITS[name].holds(value):
            p = known[name]
            expected = f"{LIMITS[name].words(p.type)} ({p.help})"
            problems.append(Problem(label, line, name, value, expected))
    return problems


def _order_problems(
    values: dict[str, Any], known: dict[str, Parameter], top: dict[str, Layer]
) -> list[Problem]:
    """Pairs of parameters out of ``ORDERED`` order, each value given or else its default.
    The problem names the value given (the later one when both are), in the file (layer)
    that set it."""
    problems = []
    for first, second, strict in ORDERED:
        if first not in known or second not in known or not {first, second} & set(values):
            continue
        if values.get(price_year_name(first), "") != values.get(price_year_name(second), ""):
            continue  # at different prices: compared once both are at one (the model checks)
        a = values.get(first, known[first].default)
        b = values.get(second, known[second].default)
        if a < b or (a == b and not strict):
            continue
        if second in values:
            said = f"{first} ({shown(a)}" + (
                _in(first, top, second) if first in values else ", its default)"
            )
            relation = "after" if strict else "not less than"
            layer = top[second]
            problems.append(
                Problem(layer.label, layer.lines.get(second), second, b, f"{relation} {said}")
            )
        else:
            said = f"{second} ({shown(b)}, its default)"
            relation = "before" if strict else "not more than"
            layer = top[first]
            problems.append(
                Problem(layer.label, layer.lines.get(first), first, a, f"{relation} {said}")
            )
    return problems


def _in(name: str, top: dict[str, Layer], other: str) -> str:
    """The end of a reference to ``name``'s value: ")", or ", in FILE)" where it was set
    in another file than ``other``."""
    if top[name] is top[other]:
        return ")"
    return f", in {top[name].set_in(name)})"


def yaml_text(chapters: dict[str, dict[str, Parameter]], header: str = "") -> str:
    """A parameters YAML holding every chapter's defaults, each with its meaning as comment."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    seen = set()
    for chapter, params in chapters.items():
        shared = [p for p in params.values() if p.name not in RESERVED and p.name not in seen]
        if not shared:
            continue
        lines += ["", f"# --- {chapter} ---"]
        for p in shared:
            seen.add(p.name)
            lines.append(f"# {p.help}")
            lines.append(f"{p.name}: {yaml.safe_dump(p.default).splitlines()[0]}")
    return "\n".join(lines).lstrip("\n") + "\n"


def chapter_notebooks(root: Path | None = None) -> dict[str, Path]:
    """Chapter name to notebook path, for every notebook in ``notebooks/``."""
    root = root or paths.project_root()
    return {p.stem: p for p in sorted((root / "notebooks").glob("*.ipynb"))}


def chapter_parameters(root: Path | None = None) -> dict[str, dict[str, Parameter]]:
    """Every chapter's declared parameters."""
    return {
        name: _declared(str(nb), nb.stat().st_mtime_ns)
        for name, nb in chapter_notebooks(root).items()
    }


@functools.lru_cache(maxsize=64)
def _declared(notebook: str, mtime_ns: int) -> dict[str, Parameter]:
    """A notebook's parameters, read once per version of the file."""
    return declared(notebook)
