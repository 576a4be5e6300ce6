"""``paused_gc()``: the cyclic garbage collector paused while a bulk of objects is built.

Reading a source, structuring or unstructuring a bundle and running the rules allocate millions of
small objects that all survive; the cyclic collector would rescan them again and again (half the
time of a national-scale read, dump or check: docs/performance.md). sinkron's models hold no
reference cycles, so nothing waits for the collector meanwhile. This module imports nothing else
of sinkron.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the ``with`` block; restore its state after.

    Nesting is safe: an inner block leaves the collector as the outer one set it.

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
