"""What every chapter's ``compute`` returns, and how a chapter declares its parameters.

A chapter is a function: ``compute(tables, params)`` takes the chapter's tables (read and
checked from a pack) and its parameters, and returns a :class:`ChapterResult`: every figure
the chapter states (with its id and where it comes from), every table it shows, every chart
with its text description and the data behind it, and the passages of text built from the
data. The notebook glues the figures in one call and shows each table, chart or passage
with a one-line ``result.show(key)``; the tests read the same result. A strand's chapter also
has ``figures(tables, params)``, the figures alone (no charts, wording or Monte Carlo), which
its ``compute`` builds on and the strand registry reads for the value-for-money chapter and
the audit.

Parameters are declared once per chapter, as a frozen dataclass whose fields are made with
:func:`param`. The notebook's ``parameters`` cell is generated from it
(:meth:`ChapterParameters.cell`), and a test checks the notebook holds exactly that cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

import pandas as pd

from evidencebook.analysis import downloads

#: The first line of every chapter's parameters cell: the pack it reads (the build sets it).
DATA_DIR_LINE = (
    'data_dir: str = ""  # Folder of the data pack to read; empty means the default Hampshire '
    "and Isle of Wight pack (data/)"
)


def param(default: Any, help: str) -> Any:
    """A declared parameter: its default and its meaning, with its source (``help`` is the
    comment ``papermill --help-notebook`` shows: "what it is, unit. Source: where from")."""
    return field(default=default, metadata={"help": help})


class ChapterParameters:
    """Mixin for a chapter's frozen parameters dataclass."""

    #: The line(s) before the declared parameters in the notebook's cell.
    preamble: ClassVar[tuple[str, ...]] = (DATA_DIR_LINE,)

    @classmethod
    def declared(cls) -> list[dataclasses.Field]:
        return list(dataclasses.fields(cls))  # type: ignore[arg-type]

    @classmethod
    def cell(cls) -> str:
        """The notebook's ``parameters`` cell: one ``name: type = default  # help`` line
        each, as ``papermill --help-notebook`` reads it."""
        lines = list(cls.preamble)
        for f in cls.declared():
            kind = f.type if isinstance(f.type, str) else f.type.__name__
            lines.append(f"{f.name}: {kind} = {f.default!r}  # {f.metadata['help']}")
        return "\n".join(lines)

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> Self:
        """The parameters from a mapping of every value a build uses (names this chapter
        does not declare are ignored; names it declares but the mapping lacks keep their
        defaults)."""
        names = {f.name for f in cls.declared()}
        return cls(**{k: v for k, v in values.items() if k in names})  # type: ignore[call-arg]

    def values(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]


#: The columns of a chapter's check of its figures against the report's, as shown.
CHECK_COLUMNS = ["what", "unit", "report", "book", "check", "where"]


def report_check(figs: Mapping[str, Any], prefix: str, book: Callable[[Any], str]) -> pd.DataFrame:
    """Each reference figure under ``prefix`` (``"fit"``) the report prints beside the
    book's, formatted by ``book``, as a chapter shows its check."""
    from evidencebook.analysis.figures import compare

    table = compare(figs, prefix)
    table["book"] = table["book"].map(book)
    return table[CHECK_COLUMNS]


def two_decimals_or_text(value: Any) -> str:
    """A number with thousands separators and two decimals; anything else as text."""
    return f"{value:,.2f}" if isinstance(value, (int, float)) else str(value)


def steps_shown(
    steps: pd.DataFrame, money: str, header: str, shown: Callable[[Any], str] | None = None
) -> pd.DataFrame:
    """A cost model's steps (step, how, and the column ``money``) as shown: the money in
    pounds and pence (or as ``shown`` gives it), the headers in words (``money``'s is
    ``header``)."""
    shown = shown or "£{:,.2f}".format
    return steps.assign(**{money: steps[money].map(shown)}).rename(
        columns={"step": "Step", "how": "How it is worked out", money: header}
    )


@dataclass(frozen=True)
class Figure:
    """One figure a chapter states: its reference id (``pa.on_cost``: glued as
    ``pa_on_cost``), its value, and where it comes from (the report's place for a figure
    the report states, or how the book works it out)."""

    id: str
    value: Any
    source: str = ""


@dataclass(frozen=True)
class Table:
    """A table a chapter shows: ``frame`` is ready to show (headers in words).

    ``download`` names the CSV file readers can download beside it (none where empty),
    holding ``download_frame`` (``frame`` where None); ``na_rep`` is shown for a missing
    value and ``float_format`` formats numbers."""

    key: str
    frame: pd.DataFrame
    title: str = ""
    download: str = ""
    download_frame: pd.DataFrame | None = None
    na_rep: str = "NaN"
    float_format: Callable[[float], str] | None = None

    def html(self) -> str:
        from evidencebook.analysis import charts, tabular
        from evidencebook.analysis.formatting import headed_in_words

        shown = tabular.html_table(
            headed_in_words(self.frame),
            "evb-table",
            na_rep=self.na_rep,
            float_format=self.float_format,
        ) + charts.symbols_note_html(self.frame)
        if not self.download:
            return shown
        frame = self.frame if self.download_frame is None else self.download_frame
        return shown + downloads.save(frame, self.download)


@dataclass(frozen=True)
class Chart:
    """A chart a chapter shows: the plotly figure, its text description, and the data
    behind it (shown beside it and offered as a CSV). ``figure`` is None where every value
    is withheld: the data is shown with a note instead of the chart."""

    key: str
    title: str
    figure: Any
    description: str
    data: pd.DataFrame


@dataclass
class ChapterResult:
    """Everything a chapter computes; see the module docstring."""

    chapter: str
    figures: dict[str, Figure] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    #: Passages of Markdown built from the data, by key.
    text: dict[str, str] = field(default_factory=dict)

    # --- building ----------------------------------------------------------------------

    def add_figures(self, values: Mapping[str, Any], source: str = "") -> None:
        """Add figures from ``{id: value}``; ``source`` applies to each."""
        for fid, value in values.items():
            self.figures[fid] = Figure(fid, value, source)

    def add_table(self, key: str, frame: pd.DataFrame, title: str = "", **options: Any) -> None:
        """Add a table; ``options`` are :class:`Table`'s (download, na_rep, ...)."""
        self.tables[key] = Table(key, frame, title, **options)

    def add_chart(
        self, key: str, title: str, figure: Any, description: str, data: pd.DataFrame
    ) -> None:
        self.charts[key] = Chart(key, title, figure, description, data)

    def add_text(self, key: str, markdown: str) -> None:
        self.text[key] = markdown

    def add(self, chart: Chart | None) -> None:
        """Add a chart the pack may have no data for (``None``: ``show`` shows nothing
        where its key is optional)."""
        if chart is not None:
            self.charts[chart.key] = chart

    def add_charts(self, charts: Iterable[Chart | None]) -> None:
        """Add each chart (``None``s, parts the pack has no data for, are left out)."""
        for chart in charts:
            self.add(chart)

    def add_group(self, key: str, group: list[Chart]) -> None:
        """Add a group of charts drawn once per authority: ``show(key)`` shows each (none
        where no authority has the data)."""
        self.groups[key] = [c.key for c in group]
        self.add_charts(group)

    # --- reading -----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Every figure's value by its id."""
        return {fid: f.value for fid, f in self.figures.items()}

    def __getitem__(self, fid: str) -> Any:
        return self.figures[fid].value

    # --- showing (in a notebook) -------------------------------------------------------

    def glue(self) -> None:
        """Glue every figure under its id (dots as underscores), without showing it."""
        from evidencebook.analysis.figures import glue_figures

        glue_figures(self.values())

    def show(self, *keys: str) -> None:
        """Show the chart, table or passage of text stored under each key in turn, or each
        chart of the group a key names (nothing where the chapter has none for this pack: a
        passage that is empty, a chart with no data, a group with no chart). A notebook
        shows what follows on the page without prose between in one cell (each cell costs
        its kernel a few milliseconds of messages)."""
        for key in keys:
            for member in self.groups.get(key, [key]):
                self._show_one(member)

    def _show_one(self, key: str) -> None:
        from IPython.display import HTML, Markdown, display

        from evidencebook.analysis import charts

        if key in self.charts:
            chart = self.charts[key]
            if chart.figure is None:
                charts.show_withheld(chart.title, chart.data)
            else:
                charts.show(chart.figure, chart.description, chart.data)
        elif key in self.tables:
            display(HTML(self.tables[key].html()))
        elif key in self.text:
            if self.text[key].strip():
                display(Markdown(self.text[key]))
        elif not self.optional(key):
            raise KeyError(f"{self.chapter} has no chart, table or text called {key!r}")

    #: Keys a chapter may leave out for some packs (no data for that part): ``show``
    #: shows nothing for them rather than failing.
    optional_keys: set[str] = field(default_factory=set)
    #: Groups of charts drawn once per authority (``referrals_charts``): the keys of their
    #: charts, by the group's key.
    groups: dict[str, list[str]] = field(default_factory=dict)

    def optional(self, key: str) -> bool:
        return key in self.optional_keys
