"""Reading a pack's YAML files (``parameters.yaml``, ``pack.yaml``) safely.

One loader for both, so each guard holds for every YAML file a user supplies:

- a file over ``MAX_BYTES`` is refused before it is read (a pack's YAML is a few KB);
- more than ``MAX_ALIASES`` aliases (``*name``) are refused while the file is parsed,
  before any is expanded: a "billion laughs" file, a few lines of anchors each repeating
  the one before, would otherwise grow to gigabytes (and print them in the error);
- a key given twice in one mapping is refused, naming both lines (YAML keeps the second
  silently);
- text is read as ``pack.read_text`` reads it (UTF-8 with or without a byte order mark,
  UTF-16, Windows-1252), and a file that is not YAML gives the line PyYAML stopped at.

Every fault is a ``Problem`` in the error class the caller names, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evidencebook.analysis.reading import read_text
from evidencebook.exceptions import ParameterError, Problem, ProblemsError

#: The largest YAML file read, in bytes.
MAX_BYTES = 1_000_000
#: The most aliases (``*name``) a YAML file may use. A pack's files need none.
MAX_ALIASES = 10
#: The most characters of PyYAML's complaint shown (it may quote an anchor's name).
FAULT_LENGTH = 200


class _TooManyAliases(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark):
        super().__init__()
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, counting aliases as it composes the document."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 (PyYAML's signature)
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _TooManyAliases(self.peek_event().start_mark)
        return super().compose_node(parent, index)


def read_yaml(
    path: Path, error: type[ProblemsError] = ParameterError
) -> tuple[Any, dict[str, int]]:
    """A YAML file's value, and the line each top-level key is on (for a mapping).

    Raises ``error`` listing what is wrong (see the module's docstring), and
    ``FileNotFoundError`` for a missing file, for the caller to say what was expected.
    """
    label = path.name
    text = read_text(path, error, max_bytes=MAX_BYTES)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        duplicates = _duplicate_keys(node, label)
        if duplicates:
            raise error(duplicates)
        value = loader.construct_document(node)
    except _TooManyAliases as err:
        reason = f"at most {MAX_ALIASES} aliases (*name): write each value out in full instead"
        raise error([Problem(label, err.problem_mark.line + 1, None, None, reason)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = f"valid YAML ({_yaml_fault(err)})"
        raise error([Problem(label, line, None, None, reason)]) from None
    except RecursionError:
        reason = "valid YAML (it is nested too deeply to read)"
        raise error([Problem(label, None, None, None, reason)]) from None
    finally:
        loader.dispose()
    lines = {}
    if isinstance(node, yaml.MappingNode):
        lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return value, lines


def _duplicate_keys(root: yaml.Node, label: str) -> list[Problem]:
    """A problem for each key given twice in one mapping, anywhere in the document."""
    problems = []
    seen_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes or isinstance(node, yaml.ScalarNode):
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
            continue
        first: dict[str, int] = {}
        for key, value in node.value:
            stack.append(value)
            if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                continue
            line = key.start_mark.line + 1
            if key.value in first:
                problems.append(
                    Problem(
                        label,
                        line,
                        key.value,
                        None,
                        f"each name once only ({key.value} is also on row {first[key.value]}: "
                        "delete one)",
                    )
                )
            else:
                first[key.value] = line
    return sorted(problems, key=lambda p: p.row or 0)


def _yaml_fault(err: yaml.YAMLError) -> str:
    """PyYAML's complaint on one line, without its echo of the file."""
    problem = getattr(err, "problem", None)
    if not problem:
        return " ".join(str(err).split())[:FAULT_LENGTH]
    context = getattr(err, "context", None)
    if not context:
        return problem[:FAULT_LENGTH]
    mark = getattr(err, "context_mark", None)
    where = f" that starts on line {mark.line + 1}" if mark else ""
    return f"{context}{where}: {problem}"[:FAULT_LENGTH]
