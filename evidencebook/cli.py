"""Command line: a thin layer over the Python API (``build``, ``pack``, ``parameters``).

    evidencebook build [--data PACK] [--out FOLDER] [--params FILE]
    evidencebook validate [--data PACK] [--params FILE]
    evidencebook parameters
    evidencebook dictionary [--out FILE]

Errors the user can cause (bad data, unknown parameters, a failed chapter) are printed as
a list, without a traceback, and the command exits with status 1.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import build as build_mod
from . import parameters as params_mod
from .exceptions import EvidenceBookError
from .pack import resolve_pack
from .schemas import dictionary_rows

app = typer.Typer(
    help="Build and check the re-runnable evidence book for children's social care.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="Data pack folder (default: the project's data/ folder)."),
]
ParamsOpt = Annotated[
    Path | None,
    typer.Option("--params", help="Parameters YAML (default: parameters.yaml in the pack)."),
]


def _fail(err: EvidenceBookError) -> None:
    typer.echo(f"Error: {err}", err=True)
    raise typer.Exit(1)


@app.command()
def build(
    data: DataOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the HTML book (default _build/html).")
    ] = None,
    params: ParamsOpt = None,
    chapter: Annotated[
        list[str] | None,
        typer.Option("--chapter", help="Build only this chapter (repeat for more)."),
    ] = None,
    work: Annotated[
        Path | None,
        typer.Option("--work", help="Folder for executed notebooks and build caches."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Chapters to execute at once.")
    ] = 2,
) -> None:
    """Execute every chapter for a data pack and build the HTML book."""

    def progress(chapter: str, ran: bool) -> None:
        typer.echo(f"  {chapter}: {'executed' if ran else 'unchanged, reused'}")

    try:
        typer.echo("Checking data and parameters, then executing chapters:")
        result = build_mod.build(
            data,
            out,
            params,
            work_dir=work,
            on_chapter=progress,
            chapters=chapter,
            workers=workers,
        )
    except EvidenceBookError as err:
        _fail(err)
    typer.echo(
        f"Built {len(result.executed) + len(result.reused)} chapter(s) "
        f"({len(result.executed)} executed, {len(result.reused)} reused) in "
        f"{result.seconds:.1f} s: {result.out_dir / 'index.html'}"
    )


@app.command()
def validate(data: DataOpt = None, params: ParamsOpt = None) -> None:
    """Check a data pack and its parameters; list every problem found."""
    try:
        pack = resolve_pack(data)
        params_file = params or pack / params_mod.PARAMETERS_FILE
        build_mod.check_inputs(pack, params_file, build_mod.project_root())
    except EvidenceBookError as err:
        _fail(err)
    typer.echo(f"No problems found in {pack}")


@app.command()
def parameters() -> None:
    """List every chapter's parameters with type, default and meaning."""
    for chapter, declared in build_mod.chapter_parameters().items():
        typer.echo(f"{chapter}:")
        for p in declared.values():
            typer.echo(f"  {p.name}: {p.type} = {p.default!r}\n      {p.help}")


@app.command()
def dictionary(
    out: Annotated[Path | None, typer.Option("--out", help="CSV file to write.")] = None,
) -> None:
    """Write the data dictionary (every column of every table) as CSV."""
    rows = dictionary_rows()
    handle = open(out, "w", newline="", encoding="utf-8") if out else sys.stdout
    try:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    finally:
        if out:
            handle.close()


def main() -> None:
    app()
