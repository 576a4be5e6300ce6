"""The conformance kit: checks any connector, exporter or rule can run in its own tests.

Each ``assert_*`` function exercises the object for real (files on disk, sinkron's own checking
engine) and raises :class:`AssertionError` naming what broke the contract of ``docs/plugins.md``:

* a connector sets provenance on every item it reads (:func:`assert_connector_reads`), reports bad
  input as located errors and never crashes on it (:func:`assert_reports_broken_inputs`, with the
  shared corpus :data:`BROKEN_INPUTS`), touches the network only when it is an HTTP connector (both
  run under :func:`no_network`), and gives back what it wrote (:func:`assert_round_trip`);
* a rule fires on the bundles it is about (:func:`assert_rule_fires`) and stays silent on the aligned
  bundles of :func:`sinkron.testing.faults.aligned_bundles` (:func:`assert_rule_silent_on_aligned_bundles`);
* an exporter writes atomically (:func:`assert_exporter_atomic`) and never writes a cell a spreadsheet
  program would run as a formula (:func:`assert_formula_safe`, with :func:`hostile_bundle`).

The kit needs ``pip install sinkron[testing]`` (hypothesis) for the aligned bundles only.
"""

from __future__ import annotations

import csv
import importlib
import io
import socket
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from unittest import mock

from sinkron.align.engine import CheckConfig, check
from sinkron.align.report import Report
from sinkron.align.rule import Rule
from sinkron.connector import Connector, ReadResult
from sinkron.errors import SinkronError, SourceError, ValidationError
from sinkron.exporter import Exporter
from sinkron.models import Bundle
from sinkron.plugins import PluginManager, hookimpl
from sinkron.safe_text import FORMULA_STARTS

__all__ = [
    "BROKEN_INPUTS",
    "HOSTILE_TEXTS",
    "assert_connector_reads",
    "assert_exporter_atomic",
    "assert_formula_safe",
    "assert_reports_broken_inputs",
    "assert_round_trip",
    "assert_rule_fires",
    "assert_rule_silent_on_aligned_bundles",
    "hostile_bundle",
    "manager_with",
    "no_network",
]

#: Broken files every connector must report as located errors (or findings), never crash on.
#: Each is written with every extension the connector reads.
BROKEN_INPUTS: Mapping[str, bytes] = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "not-utf8": "Dinas Kesehatan;1.234,5\n".encode("utf-16") + b"\xff\xfe\xfa",
    "truncated-json": b'{"schema_version": 1, "type": "Bundle", "data": {"plans": [{"id": "r',
    "truncated-zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20,
    "html-error-page": b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
}

#: Text a spreadsheet program would run as a formula (or a cell that starts one).
HOSTILE_TEXTS: tuple[str, ...] = ('=HYPERLINK("http://contoh.invalid","klik")', "+1+1", "-2+3", "@SUM(A1)")


# -- plumbing ------------------------------------------------------------------------------------
def manager_with(*objects: Connector | Exporter | Rule, entry_points: bool = False) -> PluginManager:
    """A plugin manager with sinkron's built-ins and ``objects`` registered (as one plugin, ``"under-test"``).

    An object whose name or id a built-in already uses replaces it (``replaces=``), so a plugin's own
    version of a built-in can be tested too.
    """
    manager = PluginManager(load_entry_points=entry_points)
    existing = {**manager.connectors(), **manager.exporters(), **manager.rules()}

    def register_kind(kind: type, register: Callable[..., None]) -> None:
        for obj in objects:
            if isinstance(obj, kind):
                key = obj.id if isinstance(obj, Rule) else obj.name
                register(obj, replaces=key if key in existing else None)

    class UnderTest:
        @hookimpl
        def sinkron_register_connectors(self, register: Callable[..., None]) -> None:
            register_kind(Connector, register)

        @hookimpl
        def sinkron_register_exporters(self, register: Callable[..., None]) -> None:
            register_kind(Exporter, register)

        @hookimpl
        def sinkron_register_rules(self, register: Callable[..., None]) -> None:
            register_kind(Rule, register)

    manager.register(UnderTest(), name="under-test")
    return manager


@contextmanager
def no_network() -> Iterator[None]:
    """Within the block, opening a network connection or resolving a host name raises :class:`AssertionError`."""

    def refuse(*args: object, **kwargs: object) -> Any:
        raise AssertionError(f"network access attempted: {args[1:] or args}")

    with (
        mock.patch.object(socket.socket, "connect", refuse),
        mock.patch.object(socket.socket, "connect_ex", refuse),
        mock.patch.object(socket, "getaddrinfo", refuse),
        mock.patch.object(socket, "create_connection", refuse),
    ):
        yield


def _is_http(connector: Connector) -> bool:
    return bool({"http", "https"} & set(connector.schemes))


@contextmanager
def _network_guard(connector: Connector) -> Iterator[None]:
    if _is_http(connector):
        yield
        return
    with no_network():
        yield


def _read(connector: Connector, source: str | Path, options: Mapping[str, Any]) -> ReadResult:
    result = connector.read(source, **connector.prepare_read_options(options))
    assert isinstance(result, ReadResult), f"{connector.name}.read returned {type(result).__name__}, not a ReadResult"
    return result


# -- connectors ----------------------------------------------------------------------------------
def assert_connector_reads(connector: Connector, source: str | Path, **options: Any) -> ReadResult:
    """Read ``source`` and check what the contract asks of a good read; returns the result.

    Every plan, item (program, kegiatan, sub kegiatan) and priority carries a ``Provenance`` naming the
    source, every error is located at the source, and a connector that is not an HTTP connector opened
    no network connection.
    """
    with _network_guard(connector):
        result = _read(connector, source, options)
    where = str(source)
    missing: list[str] = []
    for plan in result.bundle.plans:
        for record in (plan, *plan.items()):
            provenance = record.provenance
            if provenance is None or not provenance.source:
                missing.append(f"{type(record).__name__} {getattr(record, 'code', None) or record.id}")
    missing += [f"Priority {p.id}" for p in result.bundle.priorities if p.provenance is None or not p.provenance.source]
    assert not missing, f"{connector.name}: records without a Provenance(source=...): {missing[:10]}"
    _assert_located(connector, result.errors, where)
    return result


def _assert_located(connector: Connector, errors: Iterable[SourceError], where: str) -> None:
    for error in errors:
        assert isinstance(error, SourceError), f"{connector.name}: {error!r} is not a SourceError"
        assert error.location.source, f"{connector.name}: error {error.message!r} has no location source"
        assert where in error.location.source or error.location.source in where, (
            f"{connector.name}: error {error.message!r} is located at {error.location.source!r}, not at {where!r}"
        )


def assert_reports_broken_inputs(connector: Connector, folder: Path, **options: Any) -> dict[str, ReadResult | None]:
    """Read every file of :data:`BROKEN_INPUTS` (and a missing file) written in ``folder``; check none crashes.

    A connector may raise a :class:`~sinkron.SinkronError` (a ``SourceError`` or ``ValidationError``
    located at the file) or return a :class:`ReadResult` whose errors are located at the file; any other
    exception fails. A missing file must be reported (an error, never an empty bundle). Returns what each
    file gave (``None`` when it raised), keyed by ``"name.ext"``, for further checks.
    """
    folder.mkdir(parents=True, exist_ok=True)
    extensions = connector.extensions or (".bin",)
    outcomes: dict[str, ReadResult | None] = {}
    cases: list[tuple[str, bytes | None]] = [
        (f"{name}{ext}", content) for name, content in BROKEN_INPUTS.items() for ext in extensions
    ]
    cases.append((f"missing{extensions[0]}", None))
    for filename, content in cases:
        path = folder / filename
        if content is not None:
            path.write_bytes(content)
        outcomes[filename] = _read_broken(connector, path, options)
    missing = outcomes[f"missing{extensions[0]}"]
    assert missing is None or missing.errors, f"{connector.name}: a missing file gave no error"
    return outcomes


def _read_broken(connector: Connector, path: Path, options: Mapping[str, Any]) -> ReadResult | None:
    try:
        with _network_guard(connector):
            result = _read(connector, path, options)
    except ValidationError as exc:
        _assert_located(connector, exc.errors, str(path))
        return None
    except SourceError as exc:
        _assert_located(connector, [exc], str(path))
        return None
    except SinkronError:
        return None
    except AssertionError:
        raise
    except Exception as exc:
        raise AssertionError(
            f"{connector.name} crashed on {path.name}: {type(exc).__name__}: {exc} "
            "(report it as a located SourceError in ReadResult.errors)"
        ) from exc
    _assert_located(connector, result.errors, str(path))
    return result


def _default_view(bundle: Bundle) -> list[tuple[str, str]]:
    """Every sub kegiatan by code and name, sorted: what any layout of planning rows carries."""
    return sorted((str(sub.code), sub.name) for plan in bundle.plans for sub in plan.sub_activities())


def assert_round_trip(
    connector: Connector,
    bundle: Bundle,
    target: Path,
    *,
    view: Callable[[Bundle], Sequence[Any]] = _default_view,
    write_options: Mapping[str, Any] | None = None,
    read_options: Mapping[str, Any] | None = None,
) -> Bundle:
    """Write ``bundle`` to ``target`` and read it back: ``view`` of both must be equal; returns the re-read bundle.

    The default view is every sub kegiatan's code and name; pass the part of a bundle your format carries.
    """
    assert connector.can_write, f"the {connector.name} connector does not write"
    with _network_guard(connector):
        connector.write(bundle, target, **dict(write_options or {}))
        again = assert_connector_reads(connector, target, **dict(read_options or {}))
    assert not again.errors, f"{connector.name}: re-reading what it wrote gave errors: {list(again.errors)[:5]}"
    expected, actual = view(bundle), view(again.bundle)
    assert actual == expected, (
        f"{connector.name}: round trip changed the data:\n  wrote {expected!r}\n  read  {actual!r}"
    )
    return again.bundle


# -- rules ---------------------------------------------------------------------------------------
def assert_rule_fires(rule: Rule, bundles: Iterable[Bundle], *, config: CheckConfig | None = None) -> None:
    """Check ``rule`` finds something in each of ``bundles`` and runs without raising.

    ``config`` gives its options (``CheckConfig(options={rule.id: {...}})``) or the date a check runs on.
    """
    for number, bundle in enumerate(bundles, start=1):
        report = check(bundle, [rule], config)
        assert not report.rule_failures, f"rule {rule.id} raised on bundle {number}: {report.rule_failures}"
        assert any(f.rule == rule.id for f in report.findings), f"rule {rule.id} found nothing in bundle {number}"


def assert_rule_silent_on_aligned_bundles(rule: Rule, *, examples: int = 20, config: CheckConfig | None = None) -> None:
    """Check ``rule`` finds nothing in generated aligned bundles (plans that agree; needs hypothesis)."""
    from hypothesis import HealthCheck, Phase, given, settings

    from sinkron.testing.faults import aligned_bundles

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=(Phase.explicit, Phase.generate),  # any aligned bundle it fires on will do: no shrinking
    )
    @given(aligned_bundles())
    def silent(bundle: Bundle) -> None:
        report: Report = check(bundle, [rule], config)
        assert not report.rule_failures, f"rule {rule.id} raised: {report.rule_failures}"
        mine = [f for f in report.findings if f.rule == rule.id]
        assert not mine, f"rule {rule.id} fired on an aligned bundle: {mine[:3]}"

    silent()


# -- exporters -----------------------------------------------------------------------------------
def assert_exporter_atomic(exporter: Exporter, obj: object, target: Path, **options: Any) -> None:
    """Check writing ``obj`` to ``target`` is all or nothing.

    The file holds exactly the rendering, no temporary file is left beside it, and when rendering fails
    a file already at ``target`` is left as it was. An exporter that writes a folder (it overrides
    ``write``) is checked for the folder and for what is left beside it.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    before = set(target.parent.iterdir())
    rendered: list[bytes] = []
    render = exporter.render

    def recording_render(*args: Any, **kwargs: Any) -> bytes:
        rendered.append(render(*args, **kwargs))
        return rendered[-1]

    with mock.patch.object(exporter, "render", recording_render):
        exporter.write(obj, target, **options)
    assert target.exists(), f"{exporter.name}: nothing was written at {target}"
    _assert_nothing_beside(exporter, target, before)
    if target.is_dir():  # a folder export (it overrides write): nothing half-built may be left beside it
        return
    assert rendered, f"{exporter.name}: write did not call render"
    assert target.read_bytes() == rendered[-1], f"{exporter.name}: the file written is not the rendering"

    def broken_render(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("rendering failed half-way (conformance kit)")

    previous = b"the previous report"
    target.write_bytes(previous)
    with mock.patch.object(exporter, "render", broken_render), suppress(RuntimeError):
        exporter.write(obj, target, **options)
    assert target.read_bytes() == previous, f"{exporter.name}: a failed write changed the file already there"
    _assert_nothing_beside(exporter, target, before)


def _assert_nothing_beside(exporter: Exporter, target: Path, before: set[Path]) -> None:
    left = set(target.parent.iterdir()) - before - {target}
    assert not left, f"{exporter.name}: left files beside the output: {sorted(p.name for p in left)}"


def hostile_bundle() -> Bundle:
    """The demo bundle with :data:`HOSTILE_TEXTS` as names: what a planner's file may hold."""
    import attrs

    from sinkron.demo import demo_bundle

    bundle = demo_bundle()
    texts = iter(HOSTILE_TEXTS * 1000)

    def rename(item: Any) -> Any:
        changes: dict[str, Any] = {"name": next(texts)}
        for children in ("activities", "sub_activities"):
            if hasattr(item, children):
                changes[children] = [rename(child) for child in getattr(item, children)]
        return attrs.evolve(item, **changes)

    plans = [attrs.evolve(plan, programs=[rename(p) for p in plan.programs]) for plan in bundle.plans]
    return attrs.evolve(bundle, plans=plans)


def assert_formula_safe(exporter: Exporter, obj: object, **options: Any) -> list[str]:
    """Check no cell of the rendering starts a formula (for csv/tsv and xlsx output); returns the cells read.

    Render something carrying :data:`HOSTILE_TEXTS` (:func:`hostile_bundle`, or a report of it). Formats
    that are not spreadsheets (HTML, Markdown, JSON, text) have no cells: an empty list is returned.
    """
    data = exporter.render(obj, **options)
    cells = _cells(exporter, data)
    running = [c for c in cells if c.startswith(FORMULA_STARTS) and not _is_number(c)]
    assert not running, f"{exporter.name}: cells a spreadsheet would run as formulas: {running[:5]}"
    if cells:
        assert any(any(text[1:] in cell for text in HOSTILE_TEXTS) for cell in cells), (
            f"{exporter.name}: none of the hostile texts reached the output; render an object that carries them"
        )
    return cells


def _cells(exporter: Exporter, data: bytes) -> list[str]:
    extension = exporter.extension.lower()
    if data.startswith(b"PK") and extension in (".xlsx", ".xlsm"):
        return _xlsx_cells(data)
    if extension in (".csv", ".tsv"):
        text = data.decode("utf-8-sig")
        delimiter = "\t" if extension == ".tsv" else ","
        return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    return []


def _xlsx_cells(data: bytes) -> list[str]:
    openpyxl: Any = importlib.import_module("openpyxl")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells: list[str] = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and any(text.lstrip("=+-@") in str(cell.value) for text in HOSTILE_TEXTS):
                    cells.append(str(cell.value))  # a formula built from the data (one of the exporter's own is fine)
                elif isinstance(cell.value, str) and cell.data_type != "f":
                    cells.append(cell.value)
    return cells


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
