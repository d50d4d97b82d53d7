"""Values worked out once in a process and kept by what they were worked out from.

A build's check, each chapter and the tests read the same tables, parameters files and
strands again and again in one process. Each cache of them (``pack.read_table``,
``registry.evaluation``, ``build.parameter_layers``) keys a value by a digest of what it was
worked out from, so a changed input is worked out as new, and keeps the most recent few in
a :class:`Kept`: pickled, so that every use gets a copy of its own and no caller can change
what is kept.
"""

from __future__ import annotations

import pickle
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class Kept:
    """The ``size`` most recently used values, by key, each handed out as its own copy."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, bytes] = OrderedDict()

    def get(self, key: Hashable) -> Any | None:
        """A copy of the value kept under ``key``; None when there is none."""
        kept = self._values.get(key)
        if kept is None:
            return None
        self._values.move_to_end(key)
        return pickle.loads(kept)  # noqa: S301 - pickled here, in this process

    def put(self, key: Hashable, value: Any) -> None:
        """Keep a copy of ``value`` (not None) under ``key``, forgetting the least recently
        used beyond ``size``; a value that cannot be pickled is not kept."""
        try:
            self._values[key] = pickle.dumps(value, protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        self._values.move_to_end(key)
        while len(self._values) > self.size:
            self._values.popitem(last=False)

    def __len__(self) -> int:
        return len(self._values)
