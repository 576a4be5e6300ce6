"""Progress reporting: readers and long tasks call a callback; only the CLI draws a bar."""

from __future__ import annotations

from collections.abc import Callable

import attrs

__all__ = ["Progress", "ProgressEvent"]


@attrs.frozen(kw_only=True)
class ProgressEvent:
    """How far a task has come: ``done`` of ``total`` (``None`` when unknown) ``unit`` (rows, pages, records)."""

    task: str
    done: int
    total: int | None = None
    unit: str = "rows"


#: A progress callback.
Progress = Callable[[ProgressEvent], None]
