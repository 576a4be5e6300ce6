"""The exporter interface: how a plugin renders a Report, Bundle or Meeting to a file format.

Exporters render to bytes; sinkron writes the file atomically (temporary file, then rename), so a
crash never leaves a half-written report that looks complete.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import attrs

from sinkron.atomic import write_atomic
from sinkron.errors import ConnectorUnavailable
from sinkron.options import option_values, structure_options

__all__ = ["Exporter", "write_atomic"]


class Exporter:
    """Base class of exporters; register instances through ``sinkron_register_exporters``.

    ``accepts`` lists the types it renders (``Report``, ``Bundle``, ``Meeting``); ``formats`` the
    names users pass; ``extension`` the default file extension. ``render_options`` declares the
    options :meth:`render` takes (an attrs class, see :mod:`sinkron.options`): sinkron checks and
    types them before rendering. An exporter without the declaration (the 0.1 form) gets whatever was given.
    """

    name: ClassVar[str] = ""
    formats: ClassVar[tuple[str, ...]] = ()
    extension: ClassVar[str] = ""
    accepts: ClassVar[tuple[type, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()
    install: ClassVar[str | None] = None
    description: ClassVar[str] = ""
    binary: ClassVar[bool] = False
    """True for binary formats (xlsx, parquet) that are never printed to a terminal."""
    render_options: ClassVar[type | None] = None

    def prepare_render_options(self, given: Mapping[str, object]) -> dict[str, Any]:
        """The options given for a rendering, typed by :attr:`render_options` (only those given).

        Raises :class:`~sinkron.errors.OptionError` for an option the exporter does not declare or a
        value it cannot take. Without a declaration the options pass unchanged.
        """
        if self.render_options is None:
            return dict(given)
        typed = option_values(structure_options(self.render_options, given, owner=f"the {self.name} exporter"))
        return {name: typed[name] for name in given}

    def accepts_option(self, name: str) -> bool:
        """Whether :meth:`render` takes option ``name`` (every name, for an exporter without a declaration)."""
        return self.render_options is None or name in attrs.fields_dict(self.render_options)

    def render(self, obj: object, **options: object) -> bytes:
        """The exported content."""
        raise NotImplementedError

    def write(self, obj: object, target: Path, **options: object) -> None:
        """Write the rendering to ``target`` atomically (override for directory outputs)."""
        write_atomic(target, self.render(obj, **options))

    def check_available(self) -> None:
        missing = [m for m in self.requires if importlib.util.find_spec(m) is None]
        if missing:
            raise ConnectorUnavailable(f"the {self.name} exporter", self.install or " ".join(missing))
