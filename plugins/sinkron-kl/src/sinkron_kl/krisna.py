"""A KRISNA Renja K/L export (JSON records, one per RO) read into ministry plans.

The records are those of KRISNA's ``/renja/renjakl`` data (``domain-kl.md`` §1.5), one per RO:

==========================================  =============================================================
field                                       meaning
==========================================  =============================================================
``tahun``                                   the plan year (or the option ``year``)
``kementerian_kode``, ``_nama``, ``_nama_alias``  the K/L: bagian anggaran, name, short name
``program_kode``, ``program_nama``          program (``022.12.DL``, ``12.DL`` or ``DL``)
``kegiatan_kode``, ``kegiatan_nama``        kegiatan (``3996``, ``WA.1090``)
``output_kode`` (``output_nama``)           **KRO** — KRISNA keeps the pre-2021 name *output*
``suboutput_kode``, ``suboutput_nama``      **RO** — the pre-2021 *sub output*
``alokasi_total``, ``realisasi_rka_ro``     allocation and realisation of the RO
``lokasi_alokasi[]``                        per location: ``kode_lokasi``, ``nama_lokasi``, ``target``, ``alokasi``
``komponen[]``                              ``kdkmpnen``, ``nmkmpnen``, ``jenis_komponen``, ``indikator_pbj``,
                                            ``indikator_komponen``, ``satuan``, ``target``, ``alokasi_total``
``realisasi_rka_komp[]``                    realisation per komponen (kept as it is)
==========================================  =============================================================

Optional fields read when present: ``output_nama`` (the KRO's name; else the KRO is named by its
code and marked ``extra["nama_tidak_ada"]``), ``target``/``volume`` and ``satuan`` of the RO, and
``kdpn``/``kdpp``/``kdkp``/``kdproy`` (priority tags; give ``priority_tree=`` the id of the tree
whose codes they use). Any other field is kept in the RO's ``extra["krisna"]``.

**Amounts are declared, not guessed**: KRISNA exports write *ribuan rupiah*, so ``amount_unit``
defaults to ``"ribu"`` and every amount is multiplied by 1 000 into rupiah; pass
``amount_unit="rupiah"`` (or ``"juta"``) for a source that says otherwise. ``kode_lokasi`` must be
a Kemendagri kode wilayah (``62``, ``62.71`` or ``6271``); a source coding locations otherwise needs
``location_map={"<its code>": "62.71", …}``.

Problems inside the records are source findings (docs/errors.md, "Tolerant and strict reading"): a
value that cannot be read is left out (``SKN008``) and its record kept; a record or a nested
lokasi/komponen that cannot be placed (a code missing or invalid, a year that is not one) is named by
``SKN005``; an RO or lokasi given twice by ``SKN010`` (the first is kept); a code named two ways by
``SKN011`` (the first name is kept). A record that is not an object, and what the read needs from
its options (the year, the priority tree of ``kdpn``), are located errors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from sinkron.connector import ReadResult
from sinkron.errors import InvalidModel, Location, SourceError
from sinkron.kl import (
    AmountUnit,
    Component,
    ComponentKind,
    DetailedOutput,
    KLCode,
    KLCodeError,
    KLLevel,
    Ministry,
    MinistryActivity,
    MinistryDocument,
    MinistryPlan,
    MinistryProgram,
    NationalRecords,
    OutputClass,
    OutputLocation,
    budget_line_code,
    rupiah,
    tag,
)
from sinkron.models import Bundle, Link, Money, Provenance, Value, ref
from sinkron.models.findings import Finding, Severity
from sinkron.source_findings import CELL_UNREADABLE, DUPLICATE_ROW, NAME_CONFLICT, ROW_NOT_READ, SourceProblem

__all__ = ["KRISNA_OPTIONS", "is_krisna_export", "read_krisna"]

#: The options :func:`read_krisna` takes.
KRISNA_OPTIONS = frozenset({"year", "plan_id", "title", "amount_unit", "location_map", "priority_tree", "kind"})
_CODES = ("kementerian_kode", "program_kode", "kegiatan_kode", "output_kode", "suboutput_kode")
"""The fields that place a record: without one of them it is named by SKN005 and left out."""
_REQUIRED = (*_CODES, "program_nama", "kegiatan_nama", "suboutput_nama", "alokasi_total")
_KNOWN = frozenset(
    {
        *_REQUIRED,
        "tahun",
        "kementerian_nama",
        "kementerian_nama_alias",
        "output_nama",
        "lokasi_alokasi",
        "komponen",
        "realisasi_rka_ro",
        "realisasi_rka_komp",
        "target",
        "volume",
        "satuan",
        "kdpn",
        "kdpp",
        "kdkp",
        "kdproy",
    }
)
_COMPONENT_KNOWN = frozenset(
    {
        "kdkmpnen",
        "nmkmpnen",
        "jenis_komponen",
        "indikator_pbj",
        "indikator_komponen",
        "satuan",
        "target",
        "alokasi_total",
    }
)
_LOCATION_KNOWN = frozenset({"kode_lokasi", "nama_lokasi", "target", "alokasi"})
_SNIFF_BYTES = 4096
#: Field names only a KRISNA RO record has (SIPD spells its codes ``kode_program`` …, sinkron JSON in English).
_SNIFF_KEYS = tuple(
    f'"{key}"'.encode()
    for key in (
        "kementerian_kode",
        "output_kode",
        "suboutput_kode",
        "suboutput_nama",
        "alokasi_total",
        "lokasi_alokasi",
    )
)
#: How many of them the first bytes must hold: one record near the start has several.
_SNIFF_ENOUGH = 2


def is_krisna_export(path: str | Path) -> bool | None:
    """Whether a JSON file holds KRISNA Renja K/L records: two of KRISNA's own field names near its start.

    ``None`` when the file cannot be read; ``False`` for any other JSON (a sinkron document, broken
    or not, is left to the JSON connector and its located errors).
    """
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return None
    return sum(key in head for key in _SNIFF_KEYS) >= _SNIFF_ENOUGH


@attrs.define
class _Builder:
    """One ministry plan in the making: programs → kegiatan → KRO → RO, keyed by code."""

    ba: str
    year: int
    path: str
    names: dict[str, tuple[str, str]] = attrs.field(factory=dict)
    """Code → (name, JSON path where first named)."""
    children: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    codes: dict[str, KLCode] = attrs.field(factory=dict)
    outputs: dict[str, DetailedOutput] = attrs.field(factory=dict)
    paths: dict[str, str] = attrs.field(factory=dict)
    missing_names: set[str] = attrs.field(factory=set)
    order: list[str] = attrs.field(factory=list)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    text = " ".join(str(value).split())
    return text or None


def _region(code: str, mapping: Mapping[str, str]) -> str:
    text = code.strip()
    if text in mapping:
        return str(mapping[text])
    if re.fullmatch(r"[0-9]{2}(\.[0-9]{2})?", text):
        return text
    if re.fullmatch(r"[0-9]{4}", text):
        return f"{text[:2]}.{text[2:]}"
    raise ValueError(f"not a Kemendagri kode wilayah: {code!r}")


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


@attrs.define
class _Reader:
    source: str
    unit: AmountUnit
    location_map: Mapping[str, str]
    tree: str | None
    year: int | None
    errors: list[SourceError] = attrs.field(factory=list)
    findings: list[Finding] = attrs.field(factory=list)
    plans: dict[tuple[str, int], _Builder] = attrs.field(factory=dict)
    ministries: dict[str, Ministry] = attrs.field(factory=dict)
    links: list[tuple[str, int, str, str]] = attrs.field(factory=list)
    """(ba, year, RO id, priority id)."""

    def error(self, message: str, path: str, **kw: Any) -> None:
        self.errors.append(SourceError(message, location=Location(source=self.source, json_path=path), **kw))

    def finding(
        self,
        problem: SourceProblem,
        path: str,
        *,
        en: str,
        id: str,
        expected: object = None,
        actual: object = None,
        severity: Severity | None = None,
    ) -> None:
        """A source finding at ``path`` (``en``/``id``: the message in English and Indonesian)."""
        where = Location(source=self.source, json_path=path)
        self.findings.append(problem.at(where, id=id, en=en, expected=expected, found=actual, severity=severity))

    def unreadable(self, path: str, en: str, id: str, **kw: Any) -> None:
        """A value that cannot be read (``SKN008``): left out, its record kept."""
        self.finding(
            CELL_UNREADABLE, path, en=f"{en}; the value is left out.", id=f"{id}; nilainya tidak dibaca.", **kw
        )

    def not_placed(self, path: str, en: str, id: str, **kw: Any) -> None:
        """A record (or a lokasi/komponen of one) that cannot be placed (``SKN005``): named, left out."""
        self.finding(ROW_NOT_READ, path, en=f"Not read: {en}.", id=f"Tidak dibaca: {id}.", **kw)

    def money(self, value: Any, path: str) -> Money | None:
        if value is None or value == "":
            return None
        try:
            return rupiah(value, self.unit)
        except InvalidModel as exc:
            self.unreadable(
                path,
                exc.reason,
                f"nilai rupiah tidak sah ({exc.reason})",
                expected=f"an amount in {self.unit.value} rupiah",
                actual=value,
            )
            return None

    def value(self, raw: Any, path: str, unit: str | None = None) -> Value | None:
        text = _text(raw)
        if text is None:
            return None
        try:
            if isinstance(raw, (int, Decimal)) and not isinstance(raw, bool):  # a JSON number, not display text
                return Value.of(raw, unit)
            return Value.parse(text, unit=unit)
        except InvalidModel as exc:
            self.unreadable(path, exc.reason, f"nilai tidak sah ({exc.reason})", actual=raw)
            return None

    def code(self, text: Any, path: str, level: KLLevel, within: KLCode | None) -> KLCode | None:
        """A code of ``level`` under ``within``; what has no readable code cannot be placed (``SKN005``)."""
        raw = _text(text)
        if raw is None:
            self.not_placed(
                path, f"empty {level.label} code", f"kode {level.label} kosong", expected=f"a {level.label} code"
            )
            return None
        try:
            return KLCode.parse(raw, within=within, level=level)
        except KLCodeError as exc:
            self.not_placed(
                path,
                f"not a {level.label} code ({exc.reason})",
                f"bukan kode {level.label} ({exc.reason})",
                expected=f"a {level.label} code",
                actual=raw,
            )
            return None

    def program_code(self, raw: Any, ba: str, path: str) -> KLCode | None:
        code = self.code(raw, path, KLLevel.PROGRAM, None)
        if code is None:
            return None
        if code.budget_section is None and code.unit is not None:  # "12.DL": the BA is the record's K/L
            return attrs.evolve(KLCode.parse(str(code), within=KLCode(budget_section=ba)), display=code.display)
        if code.budget_section not in (None, ba):
            self.not_placed(
                path,
                f"the program belongs to bagian anggaran {code.budget_section}, not {ba}",
                f"program milik bagian anggaran {code.budget_section}, bukan {ba}",
                expected=f"a program of {ba}",
                actual=raw,
            )
            return None
        return code

    # -- a record ----------------------------------------------------------------------------------
    def add(self, record: Any, path: str) -> None:
        if not isinstance(record, Mapping):
            self.error("not a record (JSON object)", path, actual=type(record).__name__)
            return
        missing = [f for f in _REQUIRED if _text(record.get(f)) is None]
        for field in missing:
            if field in _CODES:
                self.not_placed(
                    f"{path}.{field}",
                    f"required field {field} missing or empty",
                    f"kolom wajib {field} tidak ada atau kosong",
                    expected=field,
                )
            else:
                self.unreadable(
                    f"{path}.{field}",
                    f"required field {field} missing or empty",
                    f"kolom wajib {field} tidak ada atau kosong",
                    expected=field,
                )
        year = self.record_year(record, path)
        if any(field in _CODES for field in missing) or year is None:
            return
        ba = str(_text(record["kementerian_kode"]))
        if not re.fullmatch(r"[0-9]{3}", ba):
            self.not_placed(
                f"{path}.kementerian_kode",
                f"{ba!r} is not a bagian anggaran",
                f"{ba!r} bukan bagian anggaran",
                expected="3 digits such as 022",
                actual=ba,
            )
            return
        self.ministry(record, ba, path)
        plan = self.plans.setdefault((ba, year), _Builder(ba=ba, year=year, path=path))
        program = self.program_code(record["program_kode"], ba, f"{path}.program_kode")
        if program is None:
            return
        activity = self.code(record["kegiatan_kode"], f"{path}.kegiatan_kode", KLLevel.ACTIVITY, program)
        kro = (
            self.code(record["output_kode"], f"{path}.output_kode", KLLevel.OUTPUT_CLASS, activity)
            if activity
            else None
        )
        ro = self.code(record["suboutput_kode"], f"{path}.suboutput_kode", KLLevel.OUTPUT, kro) if kro else None
        if activity is None or kro is None or ro is None:
            return
        self.name(plan, program, record.get("program_nama"), f"{path}.program_nama", parent=None)
        self.name(plan, activity, record.get("kegiatan_nama"), f"{path}.kegiatan_nama", parent=program)
        self.name(plan, kro, record.get("output_nama"), f"{path}.output_nama", parent=activity)
        key = str(ro)
        if key in plan.outputs:
            self.finding(
                DUPLICATE_ROW,
                f"{path}.suboutput_kode",
                expected="one record per RO",
                actual=record["suboutput_kode"],
                en=f"The RO {key} appears twice (first at {plan.paths[key]}); this record is not read.",
                id=f"RO {key} muncul dua kali (pertama di {plan.paths[key]}); rekaman ini tidak dibaca.",
            )
            return
        output = self.output(record, ro, path)
        target = self.tags(record, path)
        if output is None:
            return
        plan.outputs[key] = output
        plan.paths[key] = path
        plan.codes[key] = ro
        plan.children.setdefault(str(kro), {})[key] = None
        if target is not None:
            self.links.append((ba, year, key, target))

    def record_year(self, record: Mapping[str, Any], path: str) -> int | None:
        raw = record.get("tahun")
        if raw is None:
            if self.year is None:
                self.error("no year", f"{path}.tahun", expected="a year, or the option year=2026")
            return self.year
        text = _text(raw) or ""
        if not re.fullmatch(r"(19|20)[0-9]{2}", text):
            self.not_placed(
                f"{path}.tahun",
                f"tahun {raw!r} is not a year",
                f"tahun {raw!r} bukan tahun",
                expected="a year such as 2026",
                actual=raw,
            )
            return None
        if self.year is not None and int(text) != self.year:
            self.not_placed(
                f"{path}.tahun",
                f"the record is of {text}, but year={self.year} was asked",
                f"rekaman tahun {text}, sedangkan yang diminta year={self.year}",
                expected=str(self.year),
                actual=raw,
            )
            return None
        return int(text)

    def ministry(self, record: Mapping[str, Any], ba: str, path: str) -> None:
        name = _text(record.get("kementerian_nama"))
        if name is None or ba in self.ministries:
            return
        self.ministries[ba] = Ministry(
            code=ba,
            name=name,
            alias=_text(record.get("kementerian_nama_alias")),
            provenance=Provenance(source=self.source, json_path=path),
        )

    def name(self, plan: _Builder, code: KLCode, raw: Any, path: str, parent: KLCode | None) -> None:
        key = str(code)
        name = _text(raw)
        if key not in plan.codes:
            plan.codes[key] = code
            plan.order.append(key)
            if parent is not None:
                plan.children.setdefault(str(parent), {})[key] = None
        known = plan.names.get(key)
        if name is None:
            if known is None:
                plan.missing_names.add(key)
            return
        if known is None:
            plan.names[key] = (name, path)
            plan.missing_names.discard(key)
        elif known[0].casefold() != name.casefold():
            self.finding(
                NAME_CONFLICT,
                path,
                expected=known[0],
                actual=name,
                en=f"{code.level.label} {key} is named {known[0]!r} at {known[1]}; that name is kept.",
                id=f"{code.level.label} {key} bernama {known[0]!r} di {known[1]}; nama itu yang dipakai.",
            )

    def output(self, record: Mapping[str, Any], code: KLCode, path: str) -> DetailedOutput | None:
        allocation = self.money(record.get("alokasi_total"), f"{path}.alokasi_total")
        unit = _text(record.get("satuan"))
        volume_raw = record.get("volume", record.get("target"))
        volume: Decimal | None = None
        if volume_raw is not None and _text(volume_raw) is not None:
            value = self.value(volume_raw, f"{path}.{'volume' if 'volume' in record else 'target'}", unit)
            volume = value.number if value is not None and value.number is not None else None
            if value is not None and volume is None:
                self.unreadable(
                    f"{path}.target", "the RO volume is not a number", "volume RO bukan angka", actual=volume_raw
                )
        locations = self.locations(record.get("lokasi_alokasi"), f"{path}.lokasi_alokasi", unit)
        components = self.components(record.get("komponen"), f"{path}.komponen", code)
        extra: dict[str, Any] = {}
        if record.get("realisasi_rka_ro") not in (None, ""):
            realised = self.money(record["realisasi_rka_ro"], f"{path}.realisasi_rka_ro")
            if realised is not None:
                extra["realisasi"] = str(realised.amount)
        if record.get("realisasi_rka_komp"):
            extra["realisasi_komponen"] = _json_safe(record["realisasi_rka_komp"])
        others = {k: _json_safe(v) for k, v in record.items() if k not in _KNOWN}
        if others:
            extra["krisna"] = others
        name = _text(record.get("suboutput_nama"))
        if name is None:
            name = f"{code.level.label} {code.display or code}"
            extra["nama_tidak_ada"] = True
        try:
            return DetailedOutput(
                code=code,
                name=name,
                volume=volume,
                unit=unit,
                allocation=allocation,
                locations=locations,
                components=components,
                extra=extra,
                provenance=Provenance(source=self.source, json_path=path),
            )
        except InvalidModel as exc:
            self.not_placed(f"{path}.{exc.field}", exc.reason, f"nilai tidak sah ({exc.reason})")
            return None

    def objects(self, raw: Any, path: str, known: frozenset[str], what: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """The objects of a list field (``lokasi_alokasi``, ``komponen``) with their JSON paths, in order.

        A field that is not a list (``what``: the list expected), an item that is not an object and an
        unknown field of an item are reported as they come.
        """
        if raw is None:
            return
        if not isinstance(raw, list):
            self.unreadable(path, "not a list", "bukan daftar (list)", expected=what, actual=type(raw).__name__)
            return
        for i, item in enumerate(raw):
            where = f"{path}[{i}]"
            if not isinstance(item, Mapping):
                self.unreadable(
                    where, "not an object", "bukan objek", expected="a JSON object", actual=type(item).__name__
                )
                continue
            for key in sorted(set(item) - known):
                self.unreadable(
                    f"{where}.{key}",
                    f"unknown field {key}",
                    f"kolom {key} tidak dikenal",
                    expected=", ".join(sorted(known)),
                    severity=Severity.WARNING,
                )
            yield where, item

    def locations(self, raw: Any, path: str, unit: str | None) -> list[OutputLocation]:
        out: list[OutputLocation] = []
        for where, item in self.objects(
            raw, path, _LOCATION_KNOWN, "a list of {kode_lokasi, nama_lokasi, target, alokasi}"
        ):
            code = _text(item.get("kode_lokasi"))
            if code is None:
                self.not_placed(
                    f"{where}.kode_lokasi",
                    "a lokasi without kode_lokasi",
                    "lokasi tanpa kode_lokasi",
                    expected="kode_lokasi",
                )
                continue
            try:
                region = _region(code, self.location_map)
                location = OutputLocation(
                    region_code=region,
                    name=_text(item.get("nama_lokasi")),
                    target=self.value(item.get("target"), f"{where}.target", unit),
                    allocation=self.money(item.get("alokasi"), f"{where}.alokasi"),
                )
            except (ValueError, InvalidModel) as exc:
                reason = str(getattr(exc, "reason", exc))
                self.not_placed(
                    f"{where}.kode_lokasi",
                    f"the lokasi cannot be placed ({reason})",
                    f"lokasi tidak dapat ditempatkan ({reason})",
                    expected="a kode wilayah (62, 62.71, 6271) or an entry of location_map",
                    actual=code,
                )
                continue
            if any(o.region_code == location.region_code for o in out):
                self.finding(
                    DUPLICATE_ROW,
                    f"{where}.kode_lokasi",
                    actual=code,
                    en=f"lokasi {location.region_code} appears twice; the first is kept.",
                    id=f"lokasi {location.region_code} muncul dua kali; yang pertama yang dipakai.",
                )
                continue
            out.append(location)
        return out

    def components(self, raw: Any, path: str, ro: KLCode) -> list[Component]:
        out: list[Component] = []
        for where, item in self.objects(raw, path, _COMPONENT_KNOWN, "a list of komponen"):
            code = self.code(item.get("kdkmpnen"), f"{where}.kdkmpnen", KLLevel.COMPONENT, ro)
            name = _text(item.get("nmkmpnen"))
            if name is None:
                self.not_placed(
                    f"{where}.nmkmpnen", "a komponen without nmkmpnen", "komponen tanpa nmkmpnen", expected="nmkmpnen"
                )
            kind: ComponentKind | None = None
            jenis = _text(item.get("jenis_komponen"))
            if jenis is not None:
                kind = next((k for k in ComponentKind if k.value == jenis.casefold()), None)
                if kind is None:
                    self.unreadable(
                        f"{where}.jenis_komponen",
                        "unknown jenis komponen",
                        "jenis komponen tidak dikenal",
                        expected="Utama or Pendukung",
                        actual=jenis,
                    )
            unit = _text(item.get("satuan"))
            if code is None or name is None:
                continue
            out.append(
                Component(
                    code=code,
                    name=name,
                    kind=kind,
                    indicator=_text(item.get("indikator_komponen")),
                    procurement_indicator=_text(item.get("indikator_pbj")),
                    unit=unit,
                    target=self.value(item.get("target"), f"{where}.target", unit),
                    allocation=self.money(item.get("alokasi_total"), f"{where}.alokasi_total"),
                    provenance=Provenance(source=self.source, json_path=where),
                )
            )
        return out

    def tags(self, record: Mapping[str, Any], path: str) -> str | None:
        """The priority id of the record's ``kdpn``/``kdpp``/``kdkp``/``kdproy``, if it carries them."""
        parts = [_text(record.get(k)) for k in ("kdpn", "kdpp", "kdkp", "kdproy")]
        if parts[0] is None:
            if any(parts):
                self.unreadable(
                    f"{path}.kdpn",
                    "kdpp/kdkp/kdproy without kdpn",
                    "kdpp/kdkp/kdproy tanpa kdpn",
                    expected="the PN of the tag",
                )
            return None
        if self.tree is None:
            self.error(
                "the record carries priority codes (kdpn …) but the priority tree they belong to is not known",
                f"{path}.kdpn",
                expected="the option priority_tree='rkp-2026' (or another tree id)",
            )
            return None
        try:
            code = budget_line_code(parts[0], parts[1], parts[2], parts[3])
        except ValueError as exc:
            reason = str(getattr(exc, "reason", exc))
            self.unreadable(
                f"{path}.kdpn",
                f"not a priority code ({reason})",
                f"bukan kode prioritas ({reason})",
                actual=[p for p in parts if p],
            )
            return None
        return f"{self.tree}:{code}"

    # -- the plans ----------------------------------------------------------------------------------
    def build(
        self, plan_id: str | None, title: str | None, kind: MinistryDocument
    ) -> tuple[list[MinistryPlan], list[Link]]:
        plans: list[MinistryPlan] = []
        links: list[Link] = []
        if plan_id is not None and len(self.plans) > 1:
            self.error(f"plan_id={plan_id!r} was given but the file holds {len(self.plans)} plans (K/L × year)", "$")
            return [], []
        for (ba, year), builder in self.plans.items():
            pid = plan_id or f"{kind.value.replace('_', '-')}-{ba}-{year}"
            ministry = self.ministries.get(ba)
            try:
                programs = [
                    self.program(builder, key) for key in builder.order if builder.codes[key].level is KLLevel.PROGRAM
                ]
                plans.append(
                    MinistryPlan(
                        id=pid,
                        ministry_code=ba,
                        year=year,
                        kind=kind,
                        programs=programs,
                        title=title or f"Renja K/L {ministry.name if ministry else ba} {year}",
                        provenance=Provenance(source=self.source),
                    )
                )
            except InvalidModel as exc:
                self.error(exc.reason, builder.path)
                continue
            links += [tag(ref(pid, ro), target) for b, y, ro, target in self.links if (b, y) == (ba, year)]
        return plans, links

    def _named(self, builder: _Builder, key: str) -> tuple[str, dict[str, Any]]:
        found = builder.names.get(key)
        if found is not None:
            return found[0], {}
        code = builder.codes[key]
        return f"{code.level.label} {code.display or key}", {"nama_tidak_ada": True}

    def program(self, builder: _Builder, key: str) -> MinistryProgram:
        name, extra = self._named(builder, key)
        activities = []
        for activity_key in builder.children.get(key, {}):
            activity_name, activity_extra = self._named(builder, activity_key)
            classes = []
            for kro_key in builder.children.get(activity_key, {}):
                kro_name, kro_extra = self._named(builder, kro_key)
                outputs = [builder.outputs[k] for k in builder.children.get(kro_key, {})]
                classes.append(
                    OutputClass(code=builder.codes[kro_key], name=kro_name, outputs=outputs, extra=kro_extra)
                )
            activities.append(
                MinistryActivity(
                    code=builder.codes[activity_key], name=activity_name, output_classes=classes, extra=activity_extra
                )
            )
        return MinistryProgram(code=builder.codes[key], name=name, activities=activities, extra=extra)


def _records(document: Any) -> tuple[list[Any], str] | None:
    if isinstance(document, list):
        return document, "$"
    if isinstance(document, Mapping) and isinstance(document.get("data"), list):
        return document["data"], "$.data"
    return None


def read_krisna(source: str | Path, **options: Any) -> ReadResult:
    """Read a KRISNA Renja K/L JSON export (a list of RO records, or ``{"data": [...]}``).

    Options: ``year`` (for records without ``tahun``, or to insist on one), ``plan_id`` and
    ``title`` (when the file holds one K/L and year), ``amount_unit`` (``"ribu"`` default,
    ``"rupiah"``, ``"juta"``), ``location_map`` (source lokasi code → kode wilayah),
    ``priority_tree`` (the tree id that ``kdpn``/``kdpp``/``kdkp``/``kdproy`` refer to) and ``kind``
    (``"renja_kl"`` default, ``"rka_kl"``, ``"dipa"``).
    """
    where = str(source)
    location = Location(source=where)
    unknown = sorted(set(options) - KRISNA_OPTIONS)
    if unknown:
        error = SourceError(
            f"unknown option(s) for the KRISNA reader: {', '.join(unknown)}",
            location=location,
            expected=", ".join(sorted(KRISNA_OPTIONS)),
        )
        return ReadResult(bundle=Bundle(), errors=[error], source=where)
    try:
        unit = AmountUnit.parse(str(options.get("amount_unit") or "ribu"))
        kind = MinistryDocument(options.get("kind") or MinistryDocument.RENJA_KL.value)
    except (InvalidModel, ValueError) as exc:
        error = SourceError(
            str(getattr(exc, "reason", exc)),
            location=location,
            expected="amount_unit ribu, rupiah or juta; kind renja_kl, rka_kl or dipa",
        )
        return ReadResult(bundle=Bundle(), errors=[error], source=where)
    mapping = options.get("location_map") or {}
    year = options.get("year")
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year)
    try:
        document = json.loads(Path(source).read_bytes(), parse_float=Decimal)
    except (OSError, ValueError) as exc:
        error = SourceError(f"not a JSON document: {exc}", location=location, expected="KRISNA Renja K/L records")
        return ReadResult(bundle=Bundle(), errors=[error], source=where)
    found = _records(document)
    if found is None:
        error = SourceError(
            "no records",
            location=location.evolve(json_path="$"),
            expected='a list of RO records, or {"data": [...]}',
            actual=type(document).__name__,
        )
        return ReadResult(bundle=Bundle(), errors=[error], source=where)
    records, root = found
    reader = _Reader(source=where, unit=unit, location_map=mapping, tree=options.get("priority_tree"), year=year)
    for i, record in enumerate(records):
        reader.add(record, f"{root}[{i}]")
    plans, links = reader.build(options.get("plan_id"), options.get("title"), kind)
    national = NationalRecords(ministries=tuple(reader.ministries.values()), plans=tuple(plans))
    bundle = Bundle(national=national, links=links, sources=(where,), source_findings=reader.findings)
    return ReadResult(bundle=bundle, errors=reader.errors, source=where, records=len(records))
