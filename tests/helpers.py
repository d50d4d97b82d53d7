"""Small helpers shared by the model tests."""

from __future__ import annotations


def assert_only_changed(base: object, new: object, changed: list[str], unchanged: list[str]):
    """A changed input moved exactly the outputs that depend on it: each name in
    ``changed`` differs between the two model results, each in ``unchanged`` does not."""
    for name in changed:
        assert getattr(new, name) != getattr(base, name), name
    for name in unchanged:
        assert getattr(new, name) == getattr(base, name), name
