"""The ``sipd`` connector: reads SIPD JSON documents into a Bundle and writes a Bundle back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from sinkron.connector import Connector, ReadResult, Source
from sinkron.errors import Location, SourceError
from sinkron.exporter import Exporter, write_atomic
from sinkron.models import Bundle, PlanKind
from sinkron.nomenclature import Nomenclature
from sinkron.options import one_of, option
from sinkron.progress import Progress, ProgressEvent
from sinkron_sipd.documents import DocumentInfo, iter_records
from sinkron_sipd.fields import RecordKind
from sinkron_sipd.nomenclature_check import nomenclature_problems
from sinkron_sipd.reader import BundleBuilder
from sinkron_sipd.state import PLAN_KINDS, PLANNING_KINDS, ReadOptions
from sinkron_sipd.writer import dumps

__all__ = ["SipdConnector", "SipdExporter", "SipdReadOptions", "SipdRenderOptions", "read_sipd"]


@attrs.frozen(kw_only=True)
class SipdReadOptions:
    """The read options of the ``sipd`` connector (see :func:`read_sipd` and ``docs/sipd.md``)."""

    plan_kind: PlanKind | None = option(
        None, "Plan the records belong to: rkpd (sub kegiatan records), renja_pd, dpa; renstra_pd for planning rows."
    )
    year: int | None = option(None, "Plan year for records without tahun_anggaran.")
    period: Any = option(
        None, "Plan period for planning rows without tahun_awal/tahun_akhir: (2025, 2029) or '2025-2029'."
    )
    government_id: str | None = option(None, "Id of the government the records belong to.")
    plan_prefix: str = option("sipd", "Prefix of the plan ids made for the records.")
    decimal: str | None = option(
        None, "Force the decimal mark of numbers written as text: ',' or '.'.", validator=one_of(",", ".")
    )
    record_kind: RecordKind | None = option(None, "Force the record kind instead of detecting it.")
    check_nomenclature: bool = option(False, "Also report codes outside the nomenclature of the plan year as errors.")
    keep_source: bool = option(
        True,
        "Keep how each sub kegiatan record was written, so that writing back to SIPD gives the same JSON; "
        "false reads faster and smaller (commands that never write SIPD back turn it off).",
    )
    nomenclature: Nomenclature | None = option(None, "Catalogue for check_nomenclature (the shipped one by default).")


@attrs.frozen(kw_only=True)
class SipdRenderOptions:
    """The render options of the ``sipd`` exporter (see :func:`sinkron_sipd.writer.dumps`)."""

    container: str | None = option(
        None,
        "envelope, list or lines (JSON Lines); by default the container the data was read from.",
        validator=one_of("envelope", "list", "lines"),
    )
    indent: int | None = option(1, "Indentation of the JSON text (none: one line per record).")
    skpd_rows: bool = option(False, "Also write the SKPD rows of the bundle's agencies.")


_READ_OPTIONS = frozenset(
    {
        "plan_kind",
        "year",
        "period",
        "government_id",
        "plan_prefix",
        "decimal",
        "record_kind",
        "keep_source",
        "check_nomenclature",
        "nomenclature",
    }
)
_WRITE_OPTIONS = frozenset({"container", "indent", "skpd_rows"})
_PROGRESS_EVERY = 1000
_SNIFF_BYTES = 4096
_SNIFF_KEYS = ('"kode_sub_giat"', '"kode_sbl"', '"get_sub_keg_sipd"', '"get_skpd"', '"get_master_sub_keg_sipd"')


def _period(value: Any, where: Location) -> tuple[int, int] | None:
    """``period=(2025, 2029)`` or ``"2025-2029"``."""
    if value is None:
        return None
    parts: Any = value
    if isinstance(value, str):
        parts = value.replace("–", "-").split("-")
    try:
        start, end = (int(str(part).strip()) for part in parts)
    except (TypeError, ValueError):
        raise SourceError(
            "period is not a range of years", location=where, expected="(2025, 2029) or '2025-2029'", actual=value
        ) from None
    if not 1945 <= start <= end <= 2200:
        raise SourceError("period is not a range of years", location=where, expected="start ≤ end", actual=value)
    return start, end


def _options(source: str, options: dict[str, Any]) -> tuple[ReadOptions, bool, Nomenclature | None]:
    where = Location(source=source)
    unknown = sorted(set(options) - _READ_OPTIONS)
    if unknown:
        raise SourceError(
            f"unknown option(s) for the sipd connector: {', '.join(unknown)}",
            location=where,
            expected=", ".join(sorted(_READ_OPTIONS)),
        )
    kind_value = options.get("plan_kind")
    plan_kind: PlanKind | None = None
    if kind_value is not None:
        try:
            plan_kind = PlanKind(kind_value)
        except ValueError:
            plan_kind = None
        if plan_kind not in (*PLAN_KINDS, *PLANNING_KINDS):
            raise SourceError(
                "plan_kind is not a plan SIPD records belong to",
                location=where,
                expected=", ".join(k.value for k in (*PLAN_KINDS, *PLANNING_KINDS)),
                actual=kind_value,
            )
    period = _period(options.get("period"), where)
    year = options.get("year")
    if year is not None:
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year)
        if isinstance(year, bool) or not isinstance(year, int):
            raise SourceError("year is not a year", location=where, expected="a year such as 2026", actual=year)
    decimal = options.get("decimal")
    if decimal not in (None, ",", "."):
        raise SourceError("decimal must be ',' or '.'", location=where, actual=decimal)
    record_kind = options.get("record_kind")
    try:
        kind = RecordKind(record_kind) if record_kind is not None else None
    except ValueError:
        raise SourceError(
            "unknown record_kind", location=where, expected=", ".join(k.value for k in RecordKind), actual=record_kind
        ) from None
    nomenclature = options.get("nomenclature")
    if nomenclature is not None and not isinstance(nomenclature, Nomenclature):
        raise SourceError("nomenclature must be a sinkron.nomenclature.Nomenclature", location=where)
    read_options = ReadOptions(
        plan_kind=plan_kind,
        year=year,
        government_id=options.get("government_id"),
        plan_prefix=options.get("plan_prefix") or "sipd",
        decimal=decimal,
        record_kind=kind,
        period=period,
        keep_source=bool(options.get("keep_source", True)),
    )
    return read_options, bool(options.get("check_nomenclature", False)), nomenclature


def read_sipd(source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
    """Read a SIPD JSON document (envelope, list or JSON Lines) into a :class:`~sinkron.connector.ReadResult`.

    Options: ``plan_kind`` (``"rkpd"`` default, ``"renja_pd"``, ``"dpa"``), ``year`` (for records
    without ``tahun_anggaran``), ``government_id``, ``plan_prefix`` (``"sipd"``), ``decimal``
    (force ``","`` or ``"."``), ``record_kind`` (``"sub_keg"``, ``"master"``, ``"skpd"``),
    ``check_nomenclature`` (also report outdated codes as errors), ``nomenclature`` and ``keep_source``
    (``True``: keep what it takes to write the records back as they were; see :class:`SipdReadOptions`).
    """
    where = str(source)
    read_options, check, nomenclature = _options(where, options)
    builder = BundleBuilder(where, read_options)
    infos: list[DocumentInfo] = []
    for record in iter_records(Path(source), infos, builder.errors, source=where):
        if builder.document is None and infos:
            builder.document = infos[0]
        builder.add(record)
        if progress is not None and builder.records % _PROGRESS_EVERY == 0:
            progress(ProgressEvent(task=f"sipd {where}", done=builder.records, unit="records"))
    if infos:
        builder.document = infos[-1]  # complete: envelope fields after data are known now
    if progress is not None:
        progress(ProgressEvent(task=f"sipd {where}", done=builder.records, total=builder.records, unit="records"))
    bundle = builder.build()
    errors = list(builder.errors)  # document and record problems, in the order they occur
    if check:
        errors.extend(problem.to_source_error() for problem in nomenclature_problems(bundle, nomenclature))
    return ReadResult(bundle=bundle, errors=errors, source=where, records=builder.records)


class SipdConnector(Connector):
    """Reads and writes SIPD JSON records (``format="sipd"``); see ``docs/sipd.md``."""

    name = "sipd"
    formats = ("sipd", "sipd-json")
    extensions = (".json", ".jsonl", ".ndjson")
    install = "sinkron-sipd"
    description = "SIPD JSON records (sub kegiatan, master nomenclature, SKPD): envelope, list or JSON Lines"
    read_options = SipdReadOptions

    def handles(self, source: Source) -> bool:
        """A ``.jsonl``/``.ndjson`` file, or a ``.json`` file whose first bytes look like SIPD (not a sinkron document)."""
        if not super().handles(source):
            return False
        if Path(str(source)).suffix.lower() in (".jsonl", ".ndjson"):
            return True  # no other connector reads JSON Lines
        try:
            with open(source, encoding="utf-8", errors="replace") as handle:
                head = handle.read(_SNIFF_BYTES)
        except OSError:
            return False
        return '"schema_version"' not in head and any(key in head for key in _SNIFF_KEYS)

    def writes(self, target: Source) -> bool:
        """A ``.jsonl``/``.ndjson`` target; a ``.json`` target is sinkron's own JSON unless ``format="sipd"`` says so."""
        return Path(str(target)).suffix.lower() in (".jsonl", ".ndjson")

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        return read_sipd(source, progress=progress, **options)

    def write(self, bundle: Bundle, target: Path, **options: Any) -> None:
        unknown = sorted(set(options) - _WRITE_OPTIONS)
        if unknown:
            raise ValueError(f"unknown option(s) for the sipd writer: {', '.join(unknown)}")
        text = dumps(bundle, target=target, **options)
        write_atomic(Path(target), text.encode("utf-8"))


class SipdExporter(Exporter):
    """Renders a Bundle as a SIPD document (``format="sipd"``)."""

    name = "sipd"
    formats = ("sipd",)
    extension = ".json"
    accepts = (Bundle,)
    description = "a Bundle as SIPD JSON records"
    render_options = SipdRenderOptions

    def render(self, obj: Any, **options: Any) -> bytes:
        return dumps(obj, **options).encode("utf-8")
