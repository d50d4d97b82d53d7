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
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import papermill
import yaml

from .exceptions import ParameterError, Problem
from .yamlfile import read_yaml

PARAMETERS_FILE = "parameters.yaml"

#: Names the build supplies itself; a pack may not set them. ``parameters_json`` carries
#: every parameter's value, as JSON, to chapters that compare strands.
RESERVED = {"data_dir", "parameters_json"}

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


def declared(notebook: str | Path) -> dict[str, Parameter]:
    """The parameters a notebook declares, read with papermill's own inspection."""
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
    lines = lines or {}
    problems = []
    known: dict[str, Parameter] = {}
    for params in chapters.values():
        known.update(params)
    for name, value in values.items():
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
    if problems:
        raise ParameterError(problems)
    return {
        chapter: {n: v for n, v in values.items() if n in params}
        for chapter, params in chapters.items()
    }


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
