"""The connector interface: how a plugin reads sources into a Bundle (and writes one back).

A connector subclasses :class:`Connector` and is registered through the
``sinkron_register_connectors`` hook. See ``docs/plugins.md`` for a complete example.
"""

from __future__ import annotations

import importlib.util
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import attrs

from sinkron.errors import ConnectorUnavailable, Location, SourceError, ValidationError
from sinkron.models import Bundle
from sinkron.models._base import to_tuple
from sinkron.models.findings import Finding
from sinkron.options import option_values, structure_options
from sinkron.progress import Progress
from sinkron.source_findings import as_errors, leaves_rows_out

__all__ = ["Connector", "ReadResult", "Source"]

#: What a connector reads: a path, or a URL string.
Source = str | Path


def refuse_special_file(source: Source) -> None:
    """Refuse a FIFO, a device or a socket before any connector opens it.

    Opening a FIFO waits for a writer, reading one (or ``/dev/zero``) never ends, and none has a size the
    caps could look at. Regular files, folders and URLs pass.
    """
    if "://" in str(source):
        return
    try:
        mode = os.stat(source).st_mode
    except (OSError, ValueError, TypeError):
        return  # a missing file is said below, once the connector is known
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise SourceError(
            f"not a regular file but {kind}: sinkron reads files and URLs",
            location=Location(source=str(source)),
            expected="a regular file, a folder or a URL",
        )


@attrs.frozen(kw_only=True)
class ReadResult:
    """What a read produced: the bundle, the problems that stopped part of the source, and the findings.

    ``errors`` are located problems that kept something from being read (a file that is not a
    spreadsheet, a record that is not an object). Problems inside data that could be read are source
    findings (rule family 0, see :mod:`sinkron.source_findings`), kept in the bundle as
    :attr:`Bundle.source_findings <sinkron.Bundle.source_findings>` and listed here as :attr:`findings`.
    """

    bundle: Bundle
    errors: tuple[SourceError, ...] = attrs.field(factory=tuple, converter=to_tuple)
    source: str | None = None
    records: int | None = None
    """How many source records were seen (each is in the bundle, in ``errors`` or named by a finding)."""

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The source findings of the read (the bundle's :attr:`~sinkron.Bundle.source_findings`)."""
        return self.bundle.source_findings

    @property
    def complete(self) -> bool:
        """Whether everything in the source is in the bundle: no error, and no finding that left a row out."""
        return not self.errors and not any(leaves_rows_out(f) for f in self.findings)

    def strict(self) -> ReadResult:
        """This result read all-or-nothing: every source finding of severity error becomes an error too."""
        promoted = as_errors(self.findings)
        return attrs.evolve(self, errors=(*self.errors, *promoted)) if promoted else self

    def raise_for_errors(self) -> Bundle:
        """The bundle, or :class:`ValidationError` carrying every error and the partial bundle."""
        if self.errors:
            raise ValidationError(self.errors, source=self.source, partial=self.bundle)
        return self.bundle


class Connector:
    """Base class of connectors. Subclasses set the class attributes and implement :meth:`read`.

    ``formats`` are the names a user passes as ``format=``; ``extensions`` (``".xlsx"``) and
    ``schemes`` (``"https"``) let sinkron pick the connector from the source itself.
    ``requires`` lists importable modules the connector needs and ``install`` what to install when
    one is missing (see :meth:`check_available`). ``read_options`` declares the options :meth:`read`
    takes (an attrs class, see :mod:`sinkron.options`): sinkron then checks and types them before
    calling it. A connector without the declaration (the 0.1 form) gets whatever was given.
    """

    name: ClassVar[str] = ""
    formats: ClassVar[tuple[str, ...]] = ()
    extensions: ClassVar[tuple[str, ...]] = ()
    schemes: ClassVar[tuple[str, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()
    install: ClassVar[str | None] = None
    description: ClassVar[str] = ""
    read_options: ClassVar[type | None] = None
    priority: ClassVar[int] = 0
    """Breaks a tie when several connectors recognise a source (higher wins; see ``docs/plugins.md``)."""

    def prepare_read_options(self, given: Mapping[str, object]) -> dict[str, Any]:
        """The options given for a read, typed by :attr:`read_options` (only those given, so the reader's defaults hold).

        Raises :class:`~sinkron.errors.OptionError` for an option the connector does not declare or a
        value it cannot take. Without a declaration the options pass unchanged.
        """
        if self.read_options is None:
            return dict(given)
        typed = option_values(structure_options(self.read_options, given, owner=f"the {self.name} connector"))
        return {name: typed[name] for name in given}

    def read(self, source: Source, *, progress: Progress | None = None, **options: object) -> ReadResult:
        """Read ``source`` into a :class:`ReadResult`. Bad input goes into ``errors``, located."""
        raise NotImplementedError

    def write(self, bundle: Bundle, target: Path, **options: object) -> None:
        """Write ``bundle`` to ``target`` (optional: connectors that only read leave it)."""
        raise NotImplementedError(f"the {self.name} connector cannot write")

    @property
    def can_write(self) -> bool:
        return type(self).write is not Connector.write

    def handles(self, source: Source) -> bool:
        """Whether this connector reads ``source`` judging by its URL scheme or file extension."""
        text = str(source)
        scheme = text.split("://", 1)[0].lower() if "://" in text else ""
        if scheme:
            return scheme in self.schemes
        return Path(text).suffix.lower() in self.extensions

    def writes(self, target: Source) -> bool:
        """Whether a bundle written to ``target`` without a format is written by this connector.

        Judged by ``target``'s name alone — its extension, as :meth:`handles` does for reading — and never
        by what a file already there holds: writing replaces the file, so its old format does not count.
        Connectors that cannot write say no.
        """
        return self.can_write and Connector.handles(self, target)

    def detect(self, source: Source) -> bool | None:
        """Whether ``source``'s content is this connector's format: ``True``, ``False``, or ``None`` (cannot tell).

        Called only when several connectors read the same extension; read at most a few kilobytes.
        """
        return None

    def missing_requirements(self) -> Sequence[str]:
        """Modules in ``requires`` that cannot be imported."""
        return [module for module in self.requires if importlib.util.find_spec(module) is None]

    def check_available(self) -> None:
        """Raise :class:`ConnectorUnavailable` naming what to install when a requirement is missing."""
        missing = self.missing_requirements()
        if missing:
            raise ConnectorUnavailable(
                f"the {self.name} connector",
                self.install or " ".join(missing),
                f"missing module(s): {', '.join(missing)}",
            )
