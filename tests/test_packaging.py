"""Packaging: what the package declares it needs, the exact pins, and that an installed
package finds the project's files without a checkout (issue 12)."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from evidencebook import paths
from evidencebook.exceptions import EvidenceBookError

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: Declared although nothing imports them: what a build runs.
RUN_NOT_IMPORTED = {
    "ipykernel": "the python3 kernel papermill executes each chapter in",
    "pystemmer": "Sphinx's search index stems each word with it when it is installed (through "
    "snowballstemmer): the same index, about 1 s less CPU a book (docs/decisions.md)",
}
#: The installer, which comes with the virtual environment: not pinned.
UNPINNED = {"pip"}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def pins(file: str) -> dict[str, str]:
    """The exact pins of a requirements file (name -> version); a ``-r`` line is skipped."""
    found = {}
    for line in (ROOT / file).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-r "):
            continue
        name, sep, version = line.partition("==")
        assert sep and version and not re.search(r"[<>=!~;,\s]", version), (
            f"{file}: {line!r} is not an exact pin (name==version)"
        )
        assert _name(name) not in found, f"{file}: {name} pinned twice"
        found[_name(name)] = version
    return found


def declared(requirements: list[str]) -> dict[str, Requirement]:
    return {_name(r.name): r for r in map(Requirement, requirements)}


def imported_distributions(folder: Path) -> dict[str, set[str]]:
    """The distributions whose modules the ``.py`` files under ``folder`` import (anywhere
    in a file), each with the files importing it."""
    providers = metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "evidencebook":
                    continue
                assert top in providers, f"{path}: no installed distribution provides {top}"
                for dist in providers[top]:
                    found.setdefault(_name(dist), set()).add(path.name)
    return found


def test_every_runtime_import_is_declared_and_nothing_else():
    runtime = declared(PYPROJECT["project"]["dependencies"])
    imported = imported_distributions(ROOT / "evidencebook")
    missing = {d: sorted(f) for d, f in imported.items() if d not in runtime}
    assert not missing, f"imported but not in pyproject.toml's dependencies: {missing}"
    extra = set(runtime) - set(imported) - set(RUN_NOT_IMPORTED)
    assert not extra, f"declared but neither imported nor run by a build: {sorted(extra)}"


def test_runtime_and_development_pins_are_apart_and_exact():
    runtime = pins("requirements.txt")
    dev = pins("requirements-dev.txt")
    assert not set(runtime) & set(dev), "pinned in both files"
    lines = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.txt" in lines, "requirements-dev.txt must include the runtime pins"
    # Test tools are development pins, not runtime ones.
    for tool in ("pytest", "nbval", "syrupy", "ruff"):
        assert tool in dev and tool not in runtime, tool


def _needs(dist: str) -> set[str]:
    """What an installed distribution needs (no extras), by normalised name."""
    out = set()
    for text in metadata.requires(dist) or []:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            out.add(_name(req.name))
    return out


@pytest.mark.parametrize(
    ("file", "roots"),
    [
        ("requirements.txt", ["dependencies"]),
        ("requirements-dev.txt", ["dependencies", "dev"]),
    ],
)
def test_the_pins_hold_everything_the_declared_packages_need(file, roots):
    """Each pin list is whole: the declared packages and all they need, at versions that
    meet pyproject.toml's ranges (and that are the versions installed here)."""
    pinned = pins("requirements.txt") | (pins(file) if file != "requirements.txt" else {})
    wanted: dict[str, Requirement] = {}
    for root in roots:
        listed = (
            PYPROJECT["project"]["dependencies"]
            if root == "dependencies"
            else PYPROJECT["project"]["optional-dependencies"][root]
        )
        wanted |= declared(listed)
    for name, req in wanted.items():
        assert name in pinned, f"{name} is declared in pyproject.toml but not pinned in {file}"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"{file} pins {name}=={pinned[name]}, outside pyproject.toml's {req}"
        )
    todo, seen = list(wanted), set()
    while todo:
        name = todo.pop()
        if name in seen or name in UNPINNED:
            continue
        seen.add(name)
        assert name in pinned, f"{name} (needed by a declared package) is not pinned in {file}"
        assert _name(metadata.version(name)) == _name(pinned[name]), (
            f"{file} pins {name}=={pinned[name]}; installed: {metadata.version(name)}"
        )
        todo.extend(_needs(name))
    unneeded = set(pins(file)) - seen
    assert not unneeded, f"pinned in {file} but needed by nothing declared: {sorted(unneeded)}"


def test_the_licence_is_declared_and_shipped():
    assert PYPROJECT["project"]["license"] == "MIT"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Open Government Licence v3.0" in text  # the report's figures stay under the OGL


def _setup_constant(name: str):
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"setup.py has no {name}")


def test_the_wheel_ships_the_files_the_package_reads():
    assert _setup_constant("PROJECT_FILES") == paths.PROJECT_FILES
    assert _setup_constant("SHIPPED") == paths.SHIPPED
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    for name in paths.PROJECT_FILES:
        assert (ROOT / name).exists(), name
        line = f"graft {name}" if (ROOT / name).is_dir() else name
        assert line in manifest, f"MANIFEST.in does not carry {name} into the source archive"


def _project(folder: Path) -> Path:
    for name in ("notebooks", "data"):
        (folder / name).mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml"):
        (folder / name).write_text("")
    return folder


def test_the_project_is_the_checkout_by_default(monkeypatch):
    monkeypatch.delenv(paths.ENV, raising=False)
    assert paths.project_root() == ROOT
    assert paths.data_dir() == ROOT / "data"
    assert paths.build_dir() == ROOT / "_build"


def test_the_environment_variable_names_another_project(monkeypatch, tmp_path):
    other = _project(tmp_path / "other")
    monkeypatch.setenv(paths.ENV, str(other))
    assert paths.project_root() == other.resolve()
    assert paths.data_dir() == other.resolve() / "data"
    assert paths.national_dir() == other.resolve() / "data" / "national"
    assert paths.build_dir() == other.resolve() / "_build"


def test_the_environment_variable_must_name_a_project(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV, str(tmp_path))
    with pytest.raises(EvidenceBookError, match=r"EVIDENCEBOOK_PROJECT=.* has no _config.yml"):
        paths.project_root()


def test_an_installed_package_uses_its_shipped_copy(monkeypatch, tmp_path):
    """Outside a checkout (the package in site-packages), the copy in the package is the
    project, and builds write under the current folder, never into the installation."""
    package = tmp_path / "site-packages" / "evidencebook"
    package.mkdir(parents=True)
    monkeypatch.delenv(paths.ENV, raising=False)
    monkeypatch.setattr(paths, "package_dir", lambda: package)
    with pytest.raises(EvidenceBookError, match="EVIDENCEBOOK_PROJECT"):
        paths.project_root()
    shipped = _project(package / paths.SHIPPED)
    assert paths.project_root() == shipped
    assert paths.data_dir() == shipped / "data"
    here = tmp_path / "work"
    here.mkdir()
    monkeypatch.chdir(here)
    assert paths.build_dir() == here / "_build"


def _copy_sources(target: Path) -> None:
    """The files a wheel is built from (as a source archive holds them)."""
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, target / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    for name in ("evidencebook", *paths.PROJECT_FILES):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=skip)
        else:
            shutil.copy2(source, target / name)


@pytest.mark.slow
def test_the_installed_wheel_works_outside_the_checkout(tmp_path):
    """Build the wheel, install it (without dependencies) into a new virtual environment
    that borrows this environment's packages, and run the command line from a folder
    that is not the checkout: it finds the default pack inside the installed package."""
    sources = tmp_path / "src"
    sources.mkdir()
    _copy_sources(sources)
    wheels = tmp_path / "wheels"
    quiet = {"capture_output": True, "text": True, "check": True}
    pip = [sys.executable, "-m", "pip"]
    # built as pip builds it for users: in isolation, with pyproject.toml's build requirements
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(sources)], **quiet)
    (wheel,) = wheels.glob("evidencebook-*.whl")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], **quiet
    ).stdout.strip()
    # This environment's packages, after the new one's own (so its evidencebook wins); a
    # path in a .pth file does not run that folder's own .pth files, so the checkout's
    # editable install stays out.
    borrowed = [p for p in sys.path if p.endswith("site-packages")]
    (Path(site) / "borrowed.pth").write_text("\n".join(borrowed) + "\n")
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], **quiet
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in (paths.ENV, "PYTHONPATH")}
    run = {**quiet, "cwd": elsewhere, "env": env}
    where = subprocess.run(
        [str(python), "-c", "import evidencebook.paths as p; print(p.project_root())"], **run
    ).stdout.strip()
    assert Path(where) == Path(site) / "evidencebook" / paths.SHIPPED

    command = env_dir / "bin" / "evidencebook"
    shown = subprocess.run([str(command), "--help"], **run).stdout
    assert "validate" in shown and "build" in shown
    checked = subprocess.run([str(command), "validate"], **run).stdout
    assert f"No problems found in {where}/data" in checked
    assert "Chapters with data: " in checked
