"""The options chapter's parameters, declared once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from evidencebook.analysis import proposal as pr
from evidencebook.analysis import rollout
from evidencebook.analysis.chapter import ChapterParameters, param

#: The first line of the chapter's parameters cell: it reads no pack table.
DATA_DIR_LINE = (
    'data_dir: str = ""  # Folder of the data pack (this chapter reads no pack table: the '
    "pilot's evidence is fixed and the authority's scale comes from published data or the "
    "inputs sheet)"
)


@dataclass(frozen=True)
class Parameters(ChapterParameters):
    """The chapter's parameters (the notebook's ``parameters`` cell is generated from these)."""

    preamble: ClassVar[tuple[str, ...]] = (DATA_DIR_LINE,)

    la: str = param(
        "850",
        (
            "The authority the options are appraised for: DfE code (383), ONS code (E08000035) "
            "or name (Leeds). The build sets it from --la and builds this chapter only then; the "
            "default is Hampshire (850), the report's larger pilot authority"
        ),
    )
    inputs_sheet: str = rollout.inputs_sheet()
    rollout_adjustment_step: float = rollout.adjustment_step()
    rollout_stated_range: float = rollout.stated_range()
    price_year: str = rollout.price_year()
    appraisal_years: int = rollout.appraisal_years()
    discount_rate: float = rollout.discount_rate()
    optimism_bias: float = rollout.optimism_bias()
    mc_runs: int = rollout.mc_runs()
    mc_seed: int = rollout.mc_seed()

    def settings(self) -> pr.Settings:
        """How each strand's roll-out is appraised."""
        return pr.Settings.of(self)
