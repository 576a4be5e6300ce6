"""Helpers that make real, discoverable plugin distributions in a temporary folder.

A ``*.dist-info`` folder with ``METADATA`` and ``entry_points.txt`` on ``sys.path`` is found by
``importlib.metadata`` exactly like an installed distribution, so the plugin manager's entry-point
discovery runs for real.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def installed_plugin(
    root: Path, dist: str, entry_name: str, module: str, source: str, version: str = "1.0"
) -> Iterator[None]:
    """Write ``module`` with ``source`` and a dist-info registering it under the ``sinkron`` group."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    write_dist_info(root, dist, entry_name, module, version)
    sys.path.insert(0, str(root))
    try:
        yield
    finally:
        sys.path.remove(str(root))
        sys.modules.pop(module, None)


def write_dist_info(root: Path, dist: str, entry_name: str, module: str, version: str = "1.0") -> Path:
    """A ``*.dist-info`` in ``root`` registering ``module`` under the ``sinkron`` entry-point group as ``entry_name``.

    With ``root`` on the path (``sys.path`` or ``PYTHONPATH``) the distribution counts as installed.
    """
    info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[sinkron]\n{entry_name} = {module}\n", encoding="utf-8")
    return info
