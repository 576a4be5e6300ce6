"""The K/L budget tree: program → kegiatan → KRO → RO → komponen (RKA-K/L, Renja K/L).

Every node carries a :class:`~sinkron.models.national.codes.KLCode` of its level, and a child's code must sit
under its parent's (``3996.AEC.002`` under ``3996.AEC``); importers build child codes with
``KLCode.parse(text, within=parent.code)``. Ids default to the code's text, so an anchored tree has
ids such as ``022.12.DL.3996.AEC.002``; records are referenced as ``plan_id#id`` like regional items.

Amounts are :class:`~sinkron.models.money.Money` in rupiah (convert thousands or millions with
:func:`sinkron.kl.amounts.rupiah`). An RO's *lokasi* list holds a target and an allocation per
province or kabupaten/kota (KRISNA ``lokasi_alokasi``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import bounded_decimal, non_empty, to_decimal, to_tuple, unique_ids
from sinkron.models.indicators import Indicator
from sinkron.models.money import Money
from sinkron.models.national._base import region_code
from sinkron.models.national.codes import KLCode, KLLevel
from sinkron.models.national.organisations import Authority
from sinkron.models.plans import Objective
from sinkron.models.provenance import Provenance
from sinkron.models.values import Value

__all__ = [
    "Component",
    "ComponentKind",
    "DetailedOutput",
    "MinistryActivity",
    "MinistryProgram",
    "OutputClass",
    "OutputLocation",
]


def _level(expected: KLLevel) -> Any:
    def check(instance: object, attribute: attrs.Attribute[KLCode], value: KLCode) -> None:
        if not isinstance(value, KLCode):
            raise InvalidModel(type(instance).__name__, "code", f"must be a KLCode, got {value!r} (use KLCode.parse)")
        if value.level is not expected:
            raise InvalidModel(
                type(instance).__name__,
                "code",
                f"expected a {expected.label} code, got {value} ({value.level.label})",
            )

    return check


def _children_under(kind: str) -> Any:
    """Validator: ids unique, and every child's code sits directly under the owner's code."""
    unique = unique_ids(kind)

    def check(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        unique(instance, attribute, value)
        for child in value:
            if child.code.parent != instance.code:
                raise InvalidModel(
                    type(instance).__name__,
                    attribute.name,
                    f"{kind} {child.code} is not under {instance.code}; parse it within its parent",
                )

    return check


def _code_id(self: Any) -> str:
    return str(self.code)


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    bounded_decimal(instance, attribute, value)
    if value is not None and value < 0:
        raise InvalidModel(type(instance).__name__, attribute.name, f"must not be negative, got {value}")


class ComponentKind(str, enum.Enum):
    """Jenis komponen: utama (main) or pendukung (supporting). Stored as data, never derived from the code."""

    MAIN = "utama"
    SUPPORTING = "pendukung"


@attrs.frozen(kw_only=True)
class Component:
    """Komponen: a cost component under an RO (``001`` Gaji dan Tunjangan, ``051`` …)."""

    code: KLCode = attrs.field(validator=_level(KLLevel.COMPONENT))
    name: str = attrs.field(validator=non_empty)
    kind: ComponentKind | None = None
    """Jenis komponen (``jenis_komponen``): utama or pendukung."""
    indicator: str | None = None
    """Indikator komponen, as text."""
    procurement_indicator: str | None = None
    """Indikator PBJ (procurement), as text."""
    unit: str | None = None
    """Satuan."""
    target: Value | None = None
    allocation: Money | None = None
    """Alokasi, in rupiah."""
    id: str = attrs.field(default=attrs.Factory(_code_id, takes_self=True), validator=non_empty)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(kw_only=True)
class OutputLocation:
    """Lokasi of an RO: a province or kabupaten/kota with its own target and allocation."""

    region_code: str = attrs.field(validator=region_code)
    """Kemendagri kode wilayah: ``62`` (province) or ``62.71`` (kabupaten/kota)."""
    name: str | None = None
    """Nama lokasi as the source wrote it."""
    target: Value | None = None
    allocation: Money | None = None
    """Alokasi at this location, in rupiah."""


def _unique_locations(instance: object, attribute: attrs.Attribute[Any], value: tuple[OutputLocation, ...]) -> None:
    seen: set[str] = set()
    for location in value:
        if location.region_code in seen:
            raise InvalidModel(type(instance).__name__, attribute.name, f"duplicate lokasi {location.region_code}")
        seen.add(location.region_code)


@attrs.frozen(kw_only=True)
class DetailedOutput:
    """RO (Rincian Output): the budgeted output of a K/L, with volume, satuan, lokasi and alokasi.

    Priority tags (PN/PP/KP/ProP, tematik) are :class:`~sinkron.models.links.Link` records of kind
    ``TAGGED`` from ``plan_id#<RO id>`` to a priority id (see :mod:`sinkron.kl.tags`).
    """

    code: KLCode = attrs.field(validator=_level(KLLevel.OUTPUT))
    name: str = attrs.field(validator=non_empty)
    volume: Decimal | None = attrs.field(default=None, converter=to_decimal, validator=_non_negative)
    """Volume RO (target of the output)."""
    unit: str | None = None
    """Satuan RO (``Orang``, ``Layanan``, ``Dokumen``)."""
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("indicator")
    )
    """Indikator RO."""
    locations: tuple[OutputLocation, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=_unique_locations)
    """Lokasi with per-location target and alokasi."""
    allocation: Money | None = None
    """Alokasi (pagu) of the RO, in rupiah."""
    work_unit: str | None = None
    """The satker code that carries it, when known."""
    authority: Authority | None = None
    """Kewenangan: kantor pusat, kantor daerah, dekonsentrasi, tugas pembantuan, urusan bersama."""
    components: tuple[Component, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=_children_under("komponen")
    )
    id: str = attrs.field(default=attrs.Factory(_code_id, takes_self=True), validator=non_empty)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(kw_only=True)
class OutputClass:
    """KRO (Klasifikasi Rincian Output) under a kegiatan: ``3996.AEC`` Kerja sama.

    ``priority_variant`` records that the KRO is the Prioritas Nasional twin of another (``SAB`` for
    ``DAB``); it is data, because the letter rule behind it is not verified.
    """

    code: KLCode = attrs.field(validator=_level(KLLevel.OUTPUT_CLASS))
    name: str = attrs.field(validator=non_empty)
    unit: str | None = None
    """Satuan KRO (``Orang``, ``Layanan``)."""
    indicators: tuple[Indicator, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=unique_ids("indicator")
    )
    """Indikator KRO."""
    priority_variant: bool = False
    outputs: tuple[DetailedOutput, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=_children_under("RO")
    )
    id: str = attrs.field(default=attrs.Factory(_code_id, takes_self=True), validator=non_empty)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


@attrs.frozen(kw_only=True)
class MinistryActivity:
    """Kegiatan of a K/L (``3996`` Pendidikan Transportasi), with sasaran kegiatan and IKK."""

    code: KLCode = attrs.field(validator=_level(KLLevel.ACTIVITY))
    name: str = attrs.field(validator=non_empty)
    objectives: tuple[Objective, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("sasaran"))
    """Sasaran kegiatan, each with its indikator kinerja kegiatan (IKK)."""
    output_classes: tuple[OutputClass, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=_children_under("KRO")
    )
    id: str = attrs.field(default=attrs.Factory(_code_id, takes_self=True), validator=non_empty)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def outputs(self) -> Iterator[DetailedOutput]:
        """Every RO under this kegiatan."""
        for output_class in self.output_classes:
            yield from output_class.outputs


@attrs.frozen(kw_only=True)
class MinistryProgram:
    """Program of a K/L (``022.12.DL``), with sasaran program and IKP."""

    code: KLCode = attrs.field(validator=_level(KLLevel.PROGRAM))
    name: str = attrs.field(validator=non_empty)
    objectives: tuple[Objective, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=unique_ids("sasaran"))
    """Sasaran program, each with its indikator kinerja program (IKP)."""
    activities: tuple[MinistryActivity, ...] = attrs.field(
        factory=tuple, converter=to_tuple, validator=_children_under("kegiatan")
    )
    id: str = attrs.field(default=attrs.Factory(_code_id, takes_self=True), validator=non_empty)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)
