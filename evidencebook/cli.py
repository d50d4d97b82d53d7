"""Command line: a thin layer over the Python API (``build``, ``batch``, ``scaffold``,
``pack``, ``ees``, ``parameters``).

    evidencebook build [--data PACK] [--out FOLDER] [--params FILE] [--pdf] [--chapter NAME]
    evidencebook validate [--data PACK] [--params FILE]
    evidencebook scaffold FOLDER --name NAME [--old-la-code C] [--new-la-code C]
    evidencebook import-ees FILE --table TABLE --data PACK (--authority NAME | --code CODE)
    evidencebook batch PACK... --out FOLDER [--workers N]
    evidencebook parameters [--yaml FILE]
    evidencebook dictionary [--out FILE]
    evidencebook inputs --la NAME --out inputs.yaml|inputs.xlsx   (or --check FILE)

Errors the user can cause (bad data, unknown parameters, a failed chapter) are printed as
a list, without a traceback, and the command exits with status 1.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from evidencebook.building import folders, stamps
from evidencebook.exceptions import EvidenceBookError, shown

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
SuppressOpt = Annotated[
    int | None,
    typer.Option(
        "--suppress-below",
        min=2,
        help="Withhold counts of people below this number (shown as c), and any count that "
        "would reveal one (default: suppress_below in pack.yaml, else none).",
    ),
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
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also print the book to downloads/book.pdf.")
    ] = False,
    suppress_below: SuppressOpt = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Execute every chapter again, even those unchanged."),
    ] = False,
    la: Annotated[
        str | None,
        typer.Option(
            "--la",
            help="Build the book for this authority: DfE code (383), ONS code (E08000035) or "
            "name (Leeds): how it compares, and each strand appraised as a roll-out there. "
            "Without --data, the strands' chapters are the pilot's, from the default pack.",
        ),
    ] = None,
) -> None:
    """Execute every chapter for a data pack and build the HTML book."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} chapters"),
        TimeElapsedColumn(),
        transient=False,
    ) as bar:
        task = bar.add_task("Checking data and parameters", total=None)

        def planned(chapters: list[str]) -> None:
            bar.update(task, total=len(chapters), description="Executing chapters")

        def progress(chapter: str, ran: bool) -> None:
            bar.advance(task)
            bar.console.print(f"  {chapter}: {'executed' if ran else 'unchanged, reused'}")

        try:  # nothing changed since the last build: its result, before heavy imports
            asked = stamps.BuildOptions(data, out, params, work, chapter, pdf, suppress_below, la)
            result = None if force else stamps.unchanged_build(asked, planned, progress)
            if result is None:
                from evidencebook.building import build as build_mod

                result = build_mod.build(
                    data, out, params, work_dir=work, on_chapter=progress, chapters=chapter,
                    workers=workers, on_plan=planned, pdf=pdf, suppress_below=suppress_below,
                    force=force, la=la, looked_for_record=True,
                )  # fmt: skip
        except EvidenceBookError as err:
            bar.stop()
            _fail(err)
        bar.update(task, description="Built")
    typer.echo(
        f"Built {len(result.executed) + len(result.reused)} chapter(s) "
        f"({len(result.executed)} executed, {len(result.reused)} reused) in "
        f"{result.seconds:.1f} s: {result.out_dir / 'index.html'}"
    )
    _echo_set_in(result.set_in, result.parameters)
    for name, files in result.left_out.items():
        typer.echo(f"Left out {name}: the pack has no data in {', '.join(files)}")
    if result.suppress_below is not None:
        from evidencebook.building.build import DISCLOSURE_RECORD

        typer.echo(
            f"Counts below {result.suppress_below} withheld: {result.withheld_cells} "
            f"(listed in downloads/{DISCLOSURE_RECORD})"
        )
    for name, files in result.withheld_out.items():
        typer.echo(f"Left out {name}: it cannot yet show the withheld counts in {', '.join(files)}")


def _echo_set_in(set_in: dict[str, str], values: dict[str, object]) -> None:
    """Which parameters differ from their defaults, their values, and the file that set
    each (the layers: declared defaults, the pack's parameters.yaml, a --params file)."""
    if not set_in:
        typer.echo("Parameters: every value is its default")
        return
    typer.echo(f"Parameters changed from their defaults ({len(set_in)}):")
    for name in sorted(set_in):
        typer.echo(f"  {name} = {shown(values.get(name))} (set in {set_in[name]})")


@app.command()
def scaffold(
    folder: Annotated[Path, typer.Argument(help="New folder for the pack.")],
    name: Annotated[str, typer.Option("--name", help="The authority's name.")],
    old_la_code: Annotated[str, typer.Option("--old-la-code", help="e.g. 850")] = "",
    new_la_code: Annotated[str, typer.Option("--new-la-code", help="e.g. E10000014")] = "",
) -> None:
    """Create an empty data pack: CSV templates, parameters YAML and an Excel workbook."""
    from evidencebook.building.scaffold import scaffold as make

    try:
        path = make(folder, name, old_la_code, new_la_code)
    except EvidenceBookError as err:
        _fail(err)
    typer.echo(f"Created an empty data pack for {name} in {path}")
    typer.echo("Fill in the CSV files or pack.xlsx (not both), then run: evidencebook validate")


@app.command()
def batch(
    packs: Annotated[
        list[Path] | None, typer.Argument(help="Data pack folders (or use --la).")
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder to hold one book per pack or authority.")
    ] = Path("books"),
    workers: Annotated[int, typer.Option("--workers", min=1, help="Books built at once.")] = 2,
    suppress_below: SuppressOpt = None,
    la: Annotated[
        list[str] | None,
        typer.Option(
            "--la",
            help="An authority to build a book for from published statistics (code or name; "
            "repeat for more), or 'all' for every English authority.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run the builds on the Dask distributed cluster at this address "
            "(e.g. tcp://10.0.0.5:8786) instead of local processes.",
        ),
    ] = None,
    chapter: Annotated[
        list[str] | None,
        typer.Option("--chapter", help="Build only this chapter in every book (repeat for more)."),
    ] = None,
) -> None:
    """Build a book for each of many data packs or authorities, in parallel; one book's
    problems fail only it. The folder gets an index.html linking every book."""
    from evidencebook.building.batch import batch as run

    def done(r) -> None:  # noqa: ANN001
        typer.echo(f"  {'ok    ' if r.ok else 'FAILED'} {r.label} ({r.seconds:.1f} s)")

    try:
        results = run(
            packs or [], out, workers, on_done=done, suppress_below=suppress_below,
            las=la, scheduler=scheduler, chapters=chapter,
        )  # fmt: skip
    except EvidenceBookError as err:
        _fail(err)
    failed = [r for r in results if not r.ok]
    typer.echo(f"\n{len(results) - len(failed)} built, {len(failed)} failed")
    typer.echo(f"Index of the books: {Path(out).resolve() / 'index.html'}")
    for r in failed:
        typer.echo(f"  {r.label} failed:\n" + "\n".join("    " + ln for ln in r.error.splitlines()))
    if failed:
        raise typer.Exit(1)


@app.command()
def validate(data: DataOpt = None, params: ParamsOpt = None) -> None:
    """Check a data pack and its parameters; list every problem found."""
    try:
        from evidencebook.analysis.pack import resolve_pack
        from evidencebook.building import build as build_mod

        pack = resolve_pack(data)
        root = build_mod.project_root()
        for_authority = build_mod.authority_chapters(root)  # built only with build --la
        notebooks = {
            c: nb for c, nb in build_mod.chapter_notebooks(root).items() if c not in for_authority
        }
        missing = {c: m for c in notebooks if (m := build_mod.missing_tables(pack, c))}
        present = [c for c in notebooks if c not in missing]
        checked = build_mod.check_inputs(pack, params, root, present or None)
        threshold = build_mod.suppress_setting(pack, None)
        withheld = build_mod.withheld_tables(pack)
    except EvidenceBookError as err:
        _fail(err)
    typer.echo(f"No problems found in {pack}")
    typer.echo(f"Chapters with data: {', '.join(present) or 'none'}")
    _echo_set_in(checked.set_in, {k: v for share in checked.values() for k, v in share.items()})
    for chapter, files in missing.items():
        typer.echo(f"Would be left out: {chapter} (no data in {', '.join(files)})")
    for chapter in present:
        if files := build_mod.cannot_withhold(chapter, withheld):
            typer.echo(
                f"Would be left out: {chapter} (cannot yet show the counts withheld as c in "
                f"{', '.join(files)})"
            )
    if threshold is not None:
        typer.echo(f"Books from this pack withhold counts below {threshold} (pack.yaml)")


@app.command("import-ees")
def import_ees(
    file: Annotated[Path, typer.Argument(help="A DfE explore-education-statistics CSV file.")],
    table: Annotated[str, typer.Option("--table", help="The pack table to fill.")],
    data: Annotated[Path, typer.Option("--data", help="The data pack folder to add rows to.")],
    authority: Annotated[
        str | None, typer.Option("--authority", help="Area name, e.g. Hampshire or England.")
    ] = None,
    code: Annotated[
        str | None, typer.Option("--code", help="Area code, e.g. 850 or E10000014.")
    ] = None,
    value_column: Annotated[
        str | None, typer.Option("--value-column", help="The file's column holding the value.")
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace rows the pack already has.")
    ] = False,
) -> None:
    """Add one area's rows of a published statistics file to a pack's trend table."""
    from evidencebook.analysis import ees

    try:
        frame = ees.import_table(
            file, table, authority=authority, code=code, value_column=value_column
        )
        update = ees.add_to_pack(data, table, frame, replace=replace)
    except EvidenceBookError as err:
        _fail(err)
    typer.echo(
        f"{update.path}: {update.added} row(s) added, {update.replaced} replaced, "
        f"{update.unchanged} already there"
    )
    for item in frame.attrs.get("not_available", []):
        period = next(k for k in item if k not in ("line", "symbol"))
        typer.echo(
            f"  left out: {period} {item[period]} is not available in the file "
            f"(line {item['line']}: {shown(item['symbol'])})"
        )


DEFAULT_PACK_HEADER = (
    "Parameters for the default data pack: Hampshire and the Isle of Wight.\n"
    "Each value is the report's where the report gives one; the comment says what it means "
    "and where it comes from."
)


@app.command()
def inputs(
    la: Annotated[
        str | None,
        typer.Option("--la", help="The authority: DfE code, ONS code or name (e.g. Leeds)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Write the inputs sheet here (.yaml or .xlsx)."),
    ] = None,
    check: Annotated[
        Path | None,
        typer.Option("--check", help="Read an inputs sheet back and list its values."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file --out names if it exists.")
    ] = False,
) -> None:
    """Write the short inputs sheet of an authority's scale (every local input a roll-out
    needs, with its default from published data, unit, source and year, accepted range), or
    check one a council has filled in (--check)."""
    from evidencebook.analysis import local_inputs

    if (out is None) == (check is None):
        _fail(EvidenceBookError("give --out FILE (with --la NAME) to write, or --check FILE"))
    try:
        if out is not None:
            if la is None:
                _fail(EvidenceBookError("--out needs --la: the authority the sheet is for"))
            typer.echo(f"Wrote {local_inputs.write_sheet(out, la, force)}")
            return
        authority, values = local_inputs.read_sheet(check, la)
    except EvidenceBookError as err:
        _fail(err)
    table = local_inputs.summary(values)
    changed = table[table["changed"]]
    typer.echo(f"No problems found in {check.name} ({authority['la_name']})")
    typer.echo(f"Changed from the defaults: {', '.join(changed['name']) or 'none'}")
    typer.echo(
        table[["name", "value", "price_year", "unit", "default", "year"]].to_string(index=False)
    )
    typer.echo(
        "price_year: the financial year whose prices an amount in pounds is at; each proposal "
        "moves it to its own price year with the GDP deflator"
    )


ForceOpt = Annotated[
    bool, typer.Option("--force", help="Replace the file even if it holds something else.")
]


def _write_file(path: Path, text: str, force: bool) -> None:
    """Write a file the user named, never losing one they have: an existing file that
    differs is replaced only with ``--force``; the new one is written whole or not at all."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        _fail(EvidenceBookError(f"{path} is not a regular file; name a new file to write"))
    if path.exists() and not force and path.read_text(encoding="utf-8", errors="replace") != text:
        _fail(
            EvidenceBookError(
                f"{path} exists and holds something else; add --force to replace it "
                "(what it holds now would be lost), or name a new file"
            )
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        temporary.write_text(text, encoding="utf-8", newline="")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


@app.command()
def parameters(
    yaml_out: Annotated[
        Path | None,
        typer.Option("--yaml", help="Write every chapter's defaults, commented, to this YAML."),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """List every chapter's parameters with type, default and meaning."""
    from evidencebook.analysis import parameters as params_mod

    declared = params_mod.chapter_parameters()
    if yaml_out:
        _write_file(yaml_out, params_mod.yaml_text(declared, DEFAULT_PACK_HEADER), force)
        typer.echo(f"Wrote {yaml_out}")
        return
    for chapter, params in declared.items():
        typer.echo(f"{chapter}:")
        for p in params.values():
            typer.echo(f"  {p.name}: {p.type} = {p.default!r}\n      {p.help}")


@app.command()
def dictionary(
    out: Annotated[Path | None, typer.Option("--out", help="CSV file to write.")] = None,
    force: ForceOpt = False,
) -> None:
    """Write the data dictionary (every column of every table) as CSV."""
    from evidencebook.analysis.schemas import dictionary_rows

    rows = dictionary_rows()
    handle = io.StringIO()
    writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if out:
        _write_file(out, handle.getvalue(), force)
    else:
        sys.stdout.write(handle.getvalue())


def _stop(signum: int, frame: object) -> None:
    """On a polite request to stop (SIGTERM), unwind as for Ctrl+C: temporary folders are
    removed and locks let go on the way out."""
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    try:
        app()
    except OSError as err:  # a disk or permission fault outside the build's own handling
        typer.echo(f"Error: {folders.os_error_text(err)}", err=True)
        sys.exit(1)
