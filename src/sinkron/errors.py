"""The exceptions sinkron raises.

Every exception that leaves sinkron's public API on bad input is a :class:`SinkronError`.
Errors about data carry a :class:`Location` saying *where* (file, sheet, row, column,
field, JSON path) and, where it applies, what was *expected* and what was *found*.

This module imports nothing else from sinkron, so every other module may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # pragma: no cover
    from sinkron.models.bundle import Bundle

__all__ = [
    "CodeError",
    "ConnectorUnavailable",
    "InvalidModel",
    "Location",
    "OptionError",
    "PluginConflict",
    "PluginLoadError",
    "PluginWarning",
    "SinkronError",
    "SourceError",
    "UnknownFormat",
    "UnknownRule",
    "ValidationError",
]


@attrs.frozen(kw_only=True)
class Location:
    """Where a problem sits in a source: any of file, sheet, row, column, field and JSON path.

    Rows are 1-based as a spreadsheet shows them; ``column`` is the column letter or header text.
    """

    source: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    json_path: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.source:
            parts.append(self.source)
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        if self.json_path:
            parts.append(self.json_path)
        if self.field:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts) if parts else "<unknown location>"

    def evolve(self, **changes: object) -> Location:
        """A copy with some parts replaced (for example a row filled in by a reader)."""
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]


class SinkronError(Exception):
    """Root of every error sinkron raises on purpose."""


class InvalidModel(SinkronError, ValueError):
    """A model was built with an impossible value (negative pagu, empty code, range low > high).

    ``field`` names the attribute; the message says what was expected.
    """

    def __init__(self, model: str, field: str, message: str) -> None:
        self.model = model
        self.field = field
        self.reason = message
        super().__init__(f"{model}.{field}: {message}")


class CodeError(SinkronError, ValueError):
    """A text is not a valid Kemendagri nomenclature code; ``reason`` says why."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"invalid code {text!r}: {reason}")


class SourceError(SinkronError):
    """A problem in a data source, with its location and the expected and actual values.

    ``read_option`` names the read option that would fix it (``"year=2026"``): Python callers pass it as a
    keyword (``read(..., year=2026)``), the command line as ``-R year=2026``.
    """

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        expected: str | None = None,
        actual: object = None,
        read_option: str | None = None,
    ) -> None:
        self.message = message
        self.location = location or Location()
        self.expected = expected
        self.actual = actual
        self.read_option = read_option
        super().__init__(self._render())

    def _render(self) -> str:
        return self.describe()

    def describe(self, option_form: Callable[[str], str] | None = None) -> str:
        """The error as one line; ``option_form`` writes the read option the way the caller gives options.

        >>> error = SourceError("the plan year is unknown", location=Location(source="renja.xlsx"), read_option="year=2026")
        >>> error.describe()
        'renja.xlsx: the plan year is unknown (give the read option year=2026, a keyword of sinkron.read)'
        >>> error.describe(lambda option: f"-R {option}")
        'renja.xlsx: the plan year is unknown (give the read option -R year=2026)'
        """
        text = f"{self.location}: {self.message}"
        if self.expected is not None:
            text += f" (expected {self.expected}"
            if self.actual is not None:
                text += f", found {self.actual!r}"
            text += ")"
        elif self.actual is not None:
            text += f" (found {self.actual!r})"
        if self.read_option is not None:
            form = option_form or (lambda option: f"{option}, a keyword of sinkron.read")
            text += f" (give the read option {form(self.read_option)})"
        return text

    def to_dict(self) -> dict[str, object]:
        """A plain dictionary for JSON error reports."""
        loc = attrs.asdict(self.location)
        return {
            "message": self.message,
            "location": {k: v for k, v in loc.items() if v is not None},
            "expected": self.expected,
            "actual": None if self.actual is None else str(self.actual),
        }


class ValidationError(SinkronError):
    """All the problems found in one source, reported together.

    ``errors`` lists every located :class:`SourceError`. When a reader could still build part of
    the data, ``partial`` holds that incomplete :class:`~sinkron.Bundle` — it is never returned as
    if it were complete.
    """

    def __init__(
        self,
        errors: Iterable[SourceError],
        *,
        source: str | None = None,
        partial: Bundle | None = None,
    ) -> None:
        self.errors: Sequence[SourceError] = tuple(errors)
        self.source = source
        self.partial = partial
        head = f"{len(self.errors)} problem(s)"
        if source:
            head += f" in {source}"
        lines = [head + ":"] + [f"  - {e}" for e in self.errors[:20]]
        if len(self.errors) > 20:
            lines.append(f"  … and {len(self.errors) - 20} more")
        super().__init__("\n".join(lines))


class UnknownFormat(SinkronError):
    """No connector or exporter handles the requested format."""


class OptionError(SinkronError, ValueError):
    """An option a connector, exporter or rule does not declare, or a value it cannot take.

    ``owner`` names who takes the option (``"rule SKN403"``), ``option`` the option, ``expected`` what
    a valid value looks like and ``actual`` what was given. Raised before anything is read or checked.
    """

    def __init__(self, owner: str, option: str, problem: str, *, expected: str, actual: object = None) -> None:
        self.owner = owner
        self.option = option
        self.problem = problem
        self.expected = expected
        self.actual = actual
        got = "" if problem == "unknown option" else f", got {actual!r}"
        super().__init__(f"{owner}: option {option!r}: {problem} (expected {expected}{got})")


class UnknownRule(SinkronError, LookupError):
    """A rule selector (an id prefix such as ``SKN1``) that no registered rule id starts with."""


class ConnectorUnavailable(SinkronError):
    """A connector or exporter needs an optional dependency that is not installed.

    ``install`` is the pip requirement that fixes it.
    """

    def __init__(self, name: str, install: str, reason: str = "") -> None:
        self.name = name
        self.install = install
        msg = f"{name} is unavailable: install it with `pip install {install}`"
        if reason:
            msg += f" ({reason})"
        super().__init__(msg)


class PluginLoadError(SinkronError):
    """A plugin failed to import or register; ``plugin`` and ``distribution`` name it."""

    def __init__(self, plugin: str, distribution: str | None, error: BaseException) -> None:
        self.plugin = plugin
        self.distribution = distribution
        self.error = error
        dist = f" from {distribution}" if distribution else ""
        super().__init__(f"plugin {plugin!r}{dist} failed: {type(error).__name__}: {error}")


class PluginConflict(SinkronError):
    """A plugin registered a rule id, connector or exporter name another plugin already registered.

    ``kind`` is ``"rule"``, ``"connector"`` or ``"exporter"``, ``name`` what was registered twice,
    ``plugin`` the later plugin and ``owner`` the one that registered it first. The later plugin fails to
    load with this error unless it registered with ``replaces=name`` (docs/plugins.md, "Collisions").
    """

    def __init__(self, kind: str, name: str, plugin: str, owner: str) -> None:
        self.kind = kind
        self.name = name
        self.plugin = plugin
        self.owner = owner
        super().__init__(
            f"{kind} {name!r} is already registered by plugin {owner!r}; "
            f"register it with replaces={name!r} to replace it on purpose"
        )


class PluginWarning(UserWarning):
    """Warned from Python when a plugin fails to load or a plugin switch names no installed plugin.

    The command line reports the same problems itself; from Python they would otherwise be silent.
    """
