"""The ``sinkron`` command line. The only part of sinkron that imports click and prints.

Exit codes: 0 success; 1 the data has problems (error findings, unknown code); 2 usage or source
errors (bad arguments, unreadable files).
"""

from __future__ import annotations

from sinkron.cli._app import main

__all__ = ["main"]
