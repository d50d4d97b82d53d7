"""The programme chapter's parameters: the demand trends chapter's two (the start and end of
the period over which the rise in demand is measured), declared there once."""

from __future__ import annotations

from evidencebook.chapters.trends.parameters import Parameters

__all__ = ["Parameters"]
