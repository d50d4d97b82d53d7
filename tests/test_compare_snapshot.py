"""The comparison chapter's key results for Hampshire (the default authority), against a
reviewed snapshot: the same table its key-result cell prints, from the published data in
``data/national/``. Update on purpose with ``--snapshot-update`` and review the diff."""

from __future__ import annotations

from evidencebook.chapters.compare import model as compare


def test_key_results_for_hampshire(snapshot):
    result = compare.compute("850", "2025")
    assert compare.key_results(result).to_string(index=False) == snapshot
