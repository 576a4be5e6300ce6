"""National budget holders: the K/L (bagian anggaran), its unit eselon I and its satker.

A satker (satuan kerja) is where K/L money is spent, so it carries a location: the Kemendagri kode
wilayah of its province or kabupaten/kota. Money spent under *dekonsentrasi* or *tugas pembantuan*
stays in the APBN although the satker is a provincial or district dinas; such lines never appear in
SIPD and meet the regions only through the satker's location.
"""

from __future__ import annotations

import enum
import re
from typing import Any

import attrs

from sinkron.errors import InvalidModel
from sinkron.models._base import non_empty
from sinkron.models.national._base import region_code
from sinkron.models.provenance import Provenance

__all__ = ["Authority", "EchelonOneUnit", "Ministry", "WorkUnit"]


def _matches(pattern: str, what: str) -> Any:
    compiled = re.compile(pattern)

    def check(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is None and attribute.default is None:
            return
        if not isinstance(value, str) or not compiled.fullmatch(value):
            raise InvalidModel(type(instance).__name__, attribute.name, f"expected {what}, got {value!r}")

    return check


class Authority(str, enum.Enum):
    """Kewenangan: the channel a K/L budget line is spent through (``kddekon`` in ADK data).

    The numeric ``kddekon`` values are not verified, so sinkron keeps the channel by name;
    :meth:`parse` reads names and the usual abbreviations.
    """

    CENTRAL_OFFICE = "kantor_pusat"
    """Kantor Pusat (KP)."""
    REGIONAL_OFFICE = "kantor_daerah"
    """Kantor Daerah (KD): a vertical office of the K/L in the region."""
    DECONCENTRATION = "dekonsentrasi"
    """Dekonsentrasi (DK): delegated to the governor; spent by a provincial dinas."""
    ASSISTANCE = "tugas_pembantuan"
    """Tugas Pembantuan (TP): assigned to a province or kabupaten/kota dinas."""
    JOINT_AFFAIRS = "urusan_bersama"
    """Urusan Bersama (UB)."""

    @property
    def is_delegated(self) -> bool:
        """True for dekonsentrasi and tugas pembantuan (matched to the regions by satker location only)."""
        return self in (Authority.DECONCENTRATION, Authority.ASSISTANCE)

    @classmethod
    def parse(cls, text: str) -> Authority:
        """``"Dekonsentrasi"``, ``"DK"``, ``"Tugas Pembantuan"``, ``"TP"``, ``"Kantor Pusat"`` …

        >>> Authority.parse("Tugas Pembantuan")
        <Authority.ASSISTANCE: 'tugas_pembantuan'>
        """
        key = re.sub(r"[^a-z]", "", text.casefold())
        for authority, names in _AUTHORITY_NAMES.items():
            if key in names:
                return authority
        raise InvalidModel("Authority", "value", f"unknown kewenangan {text!r} (expected KP, KD, DK, TP or UB)")


_AUTHORITY_NAMES = {
    Authority.CENTRAL_OFFICE: {"kp", "kantorpusat", "pusat"},
    Authority.REGIONAL_OFFICE: {"kd", "kantordaerah"},
    Authority.DECONCENTRATION: {"dk", "dekon", "dekonsentrasi"},
    Authority.ASSISTANCE: {"tp", "tugaspembantuan"},
    Authority.JOINT_AFFAIRS: {"ub", "urusanbersama"},
}


@attrs.frozen(kw_only=True)
class Ministry:
    """A Kementerian/Lembaga (K/L), identified by its bagian anggaran (BA).

    >>> Ministry(code="022", name="Kementerian Perhubungan").id
    '022'
    """

    code: str = attrs.field(validator=_matches(r"[0-9]{3}", "a 3-digit bagian anggaran such as '022'"))
    name: str = attrs.field(validator=non_empty)
    alias: str | None = None
    """Short name (``nama_alias``): "Kemenhub"."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    @property
    def id(self) -> str:
        return self.code


@attrs.frozen(kw_only=True)
class EchelonOneUnit:
    """Unit eselon I of a K/L, coded ``BA.UU`` (``022.12``)."""

    code: str = attrs.field(validator=_matches(r"[0-9]{3}\.[0-9]{2}", "a unit code such as '022.12'"))
    name: str = attrs.field(validator=non_empty)
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    @property
    def id(self) -> str:
        return self.code

    @property
    def ministry_code(self) -> str:
        """The bagian anggaran: ``022``."""
        return self.code.split(".", 1)[0]


@attrs.frozen(kw_only=True)
class WorkUnit:
    """Satker (satuan kerja): the office that spends K/L money, with its location.

    ``location`` is the Kemendagri kode wilayah of the province (``62``) or kabupaten/kota
    (``62.71``) where the satker sits.

    >>> WorkUnit(code="428145", name="BPS Provinsi Kalimantan Tengah", ministry_code="054",
    ...          location="62").location
    '62'
    """

    code: str = attrs.field(validator=_matches(r"[0-9]{6}", "a 6-digit satker code"))
    name: str = attrs.field(validator=non_empty)
    ministry_code: str = attrs.field(validator=_matches(r"[0-9]{3}", "a 3-digit bagian anggaran"))
    unit_code: str | None = attrs.field(default=None, validator=_matches(r"[0-9]{3}\.[0-9]{2}", "a unit code"))
    """The unit eselon I (``022.12``)."""
    location: str | None = attrs.field(default=None, validator=region_code)
    """Kode wilayah of the satker (province ``62`` or kab/kota ``62.71``)."""
    kppn: str | None = None
    """The KPPN (state treasury office) that pays it."""
    authority: Authority | None = None
    """Kewenangan of the satker's budget lines, when one channel applies to all of them."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.unit_code is not None and not self.unit_code.startswith(self.ministry_code + "."):
            raise InvalidModel(
                "WorkUnit", "unit_code", f"unit {self.unit_code} is not under bagian anggaran {self.ministry_code}"
            )

    @property
    def id(self) -> str:
        return self.code
