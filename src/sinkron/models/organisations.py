"""Governments (pemerintah pusat / daerah) and agencies (K/L, perangkat daerah)."""

from __future__ import annotations

import enum
import re
from typing import Any

import attrs

from sinkron.codes import Code
from sinkron.errors import InvalidModel
from sinkron.models._base import non_empty, to_tuple
from sinkron.models.provenance import Provenance

__all__ = ["Agency", "AgencyKind", "Government", "GovernmentLevel"]


class GovernmentLevel(str, enum.Enum):
    """Level of government (tingkat pemerintahan)."""

    NATIONAL = "pusat"
    """Pemerintah pusat."""
    PROVINCE = "provinsi"
    """Pemerintah provinsi (38)."""
    REGENCY = "kabupaten"
    """Pemerintah kabupaten (416)."""
    CITY = "kota"
    """Pemerintah kota (98)."""

    @property
    def is_regional(self) -> bool:
        return self is not GovernmentLevel.NATIONAL


_REGION_CODE = re.compile(r"\d{2}(\.\d{2})?\Z")


def _region_code(instance: Government, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is None:
        if instance.level is not GovernmentLevel.NATIONAL:
            raise InvalidModel("Government", "region_code", "a regional government needs its kode wilayah")
        return
    if not isinstance(value, str) or not _REGION_CODE.match(value):
        raise InvalidModel("Government", "region_code", f"expected a kode wilayah like '62' or '62.71', got {value!r}")
    is_province_code = "." not in value
    if instance.level is GovernmentLevel.PROVINCE and not is_province_code:
        raise InvalidModel("Government", "region_code", f"a province code has 2 digits, got {value!r}")
    if instance.level in (GovernmentLevel.REGENCY, GovernmentLevel.CITY) and is_province_code:
        raise InvalidModel("Government", "region_code", f"a kabupaten/kota code looks like '62.71', got {value!r}")


def _government_id(self: Government) -> str:
    return self.region_code or "pusat"


@attrs.frozen(kw_only=True)
class Government:
    """A government (pemerintah): national, a province or a kabupaten/kota.

    ``region_code`` is the Kemendagri kode wilayah: ``62`` Kalimantan Tengah, ``62.71`` Kota
    Palangka Raya. The id defaults to it.
    """

    level: GovernmentLevel
    name: str = attrs.field(validator=non_empty)
    region_code: str | None = attrs.field(default=None, validator=_region_code)
    id: str = attrs.field(default=attrs.Factory(_government_id, takes_self=True), validator=non_empty)
    parent_id: str | None = None
    """The province of a kabupaten/kota."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)


class AgencyKind(str, enum.Enum):
    """Kind of agency."""

    MINISTRY = "kl"
    """Kementerian/Lembaga (national ministry or agency)."""
    REGIONAL = "perangkat_daerah"
    """Perangkat daerah (OPD/SKPD) of a province or kabupaten/kota."""


def _agency_id(self: Agency) -> str:
    return self.code


@attrs.frozen(kw_only=True)
class Agency:
    """An agency: a K/L or a perangkat daerah (OPD/SKPD), e.g. Dinas Kesehatan.

    ``code`` is the SKPD code (``1.02.0.00.0.00.01.0000``) or the K/L bagian anggaran (``024``);
    ``sectors`` lists the bidang urusan it carries (``1.02``).
    """

    code: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    government_id: str | None = None
    kind: AgencyKind = AgencyKind.REGIONAL
    sectors: tuple[Code, ...] = attrs.field(factory=tuple, converter=to_tuple)
    id: str = attrs.field(default=attrs.Factory(_agency_id, takes_self=True), validator=non_empty)
    parent_id: str | None = None
    """The parent unit of a sub unit (sub SKPD / UPTD)."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)
