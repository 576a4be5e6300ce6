"""A progress bar on a terminal, silence in pipes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from sinkron.progress import Progress, ProgressEvent


@contextmanager
def progress_bar(label: str) -> Iterator[Progress | None]:
    """Yield a progress callback drawing a bar on stderr when it is a terminal, else ``None``."""
    if not sys.stderr.isatty():
        yield None
        return
    state: dict[str, int] = {"done": 0}
    with click.progressbar(length=0, label=label, file=sys.stderr, show_pos=True) as bar:

        def update(event: ProgressEvent) -> None:
            if event.total is not None and bar.length != event.total:
                bar.length = event.total
            bar.update(event.done - state["done"])
            state["done"] = event.done

        yield update
