"""The demand trends chapter's parameters, declared once (the notebook's cell is generated
from them). The programme chapter declares the same two."""

from __future__ import annotations

from dataclasses import dataclass

from evidencebook.analysis.chapter import ChapterParameters, param


@dataclass(frozen=True)
class Parameters(ChapterParameters):
    demand_baseline_from: str = param(
        "2015-03",
        "Changes in counts are measured from each series' first count in or after this month "
        "(YYYY-MM). Source: Appendix 3, Tables 9 and 10 (March 2015, when the bid was being "
        "drawn up)",
    )
    demand_period_end: str = param(
        "2016-10",
        "The rise in Children in Need is measured to each authority's last count in or before "
        "this month (YYYY-MM); the programme and demand trends chapters both use it. Source: "
        "Appendix 3, Table 9 (October 2016, the last count available to the evaluation)",
    )
