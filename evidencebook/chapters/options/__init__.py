"""Options side by side: ``compute(load(data_dir), Parameters(...))`` gives everything the
chapter states (see :mod:`evidencebook.analysis.chapter`): each strand's roll-out appraised
for the authority, one row each, with what the pilot found kept apart."""

from __future__ import annotations

import pandas as pd

from evidencebook.analysis import pack
from evidencebook.analysis.chapter import ChapterResult
from evidencebook.chapters.options import model, wording
from evidencebook.chapters.options.parameters import Parameters

__all__ = ["Parameters", "compute", "load"]


def load(data_dir: str = "") -> dict[str, pd.DataFrame]:
    """The chapter's tables from a pack (none: it reads published data and the evidence)."""
    return pack.load_chapter("options", data_dir)


def compute(tables: dict[str, pd.DataFrame], params: Parameters) -> ChapterResult:
    """Every figure, table and passage the chapter shows."""
    settings = params.settings()
    authority, inputs = model.local(params.la, params.inputs_sheet)
    options = model.proposals(inputs, authority, settings)
    evidence = model.evidence()
    result = ChapterResult("options")
    result.add_figures(
        model.figures(options, authority, settings),
        source="Worked out from the strands' proposals for the authority",
    )
    numbers = model.side_by_side(options)
    result.add_table(
        "options",
        wording.options_table(options),
        download=f"Options side by side for {authority}",
        download_frame=numbers,
    )
    result.add_text("strands", wording.strands_text(options, evidence))
    used = model.inputs_used(options)
    result.add_table(
        "inputs",
        wording.inputs_table(used),
        download=f"Inputs for {authority}",
        download_frame=used,
    )
    result.add_text("caveats", wording.caveats(options, inputs))
    result.add_text("key_results", model.key_results(options).to_string(index=False))
    return result
