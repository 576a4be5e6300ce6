"""SIPD field names: the record kinds, the nested blocks and the spellings each field comes in.

SIPD serves the same data under several spellings (wp-sipd's mirror writes ``outputteks``, the
SIPD RI API ``tolak_ukur`` or ``tolok_ukur``). Each modelled role lists its accepted keys; the
first is the spelling written for new rows. See ``docs/sipd.md`` for the full mapping table.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from sinkron.models import IndicatorKind

__all__ = [
    "BLOCKS",
    "BLOCK_ORDER",
    "LABEL_SLOTS",
    "BlockSpec",
    "IndicatorRole",
    "RecordKind",
    "detect_kind",
    "is_id_field",
]


class RecordKind(str, enum.Enum):
    """The kind of a SIPD record."""

    SUB_KEG = "sub_keg"
    """A sub kegiatan row of a Renja / RKPD (``get_sub_keg_sipd``, wp-sipd ``data_sub_keg_bl``)."""
    MASTER = "master"
    """A master nomenclature row (``get_master_sub_keg_sipd``, wp-sipd ``data_prog_keg``)."""
    SKPD = "skpd"
    """A perangkat daerah / unit row (``get_skpd``, wp-sipd ``data_unit``)."""
    PLANNING = "planning"
    """An entity or indicator row of a Renstra / RPJMD table (``id_unik`` + ``id_unik_indikator``)."""


#: The envelope ``action`` of each record kind.
ACTIONS: dict[RecordKind, str] = {
    RecordKind.SUB_KEG: "get_sub_keg_sipd",
    RecordKind.MASTER: "get_master_sub_keg_sipd",
    RecordKind.SKPD: "get_skpd",
}
_KIND_BY_ACTION = {action: kind for kind, action in ACTIONS.items()}


class IndicatorRole(str, enum.Enum):
    """Where the indicators of a nested block belong."""

    SUB_ACTIVITY = "sub_kegiatan"
    ACTIVITY = "kegiatan"
    PROGRAM = "program"


@attrs.frozen(kw_only=True)
class BlockSpec:
    """A nested block of a sub kegiatan record and the keys of its rows, by role.

    ``keys`` maps a role (``name``, ``unit``, ``target``, ``text``; ``daerah`` …; ``code`` …) to
    its accepted spellings, the default first.
    """

    name: str
    what: str
    """``indicator``, ``location``, ``funding`` or ``tag``."""
    keys: Mapping[str, tuple[str, ...]]
    owner: IndicatorRole | None = None
    kind: IndicatorKind | None = None
    alternative: Mapping[str, str] | None = None
    """The SIPD RI spelling family (``tolak_ukur``, ``satuan``, ``target``, ``target_teks``)."""

    def spelling(self, row: Mapping[str, Any]) -> dict[str, str]:
        """The key used for each role in ``row``; roles the row lacks take its family's default spelling."""
        defaults = {role: names[0] for role, names in self.keys.items()}
        if self.alternative is not None:
            uses_default = any(key in row for key in defaults.values())
            if not uses_default and any(key in row for key in self.alternative.values()):
                defaults = dict(self.alternative)
        chosen: dict[str, str] = {}
        for role, names in self.keys.items():
            chosen[role] = next((key for key in names if key in row), defaults[role])
        return chosen

    def renamed(self, keys: Mapping[str, str]) -> dict[str, str] | None:
        """The roles of a spelling (:meth:`spelling`) whose key is not the default one (``None`` when none is).

        >>> BLOCKS["sumber_dana"].renamed({"name": "namadana", "code": "kode_dana", "amount": "pagu_dana"})
        {'name': 'namadana'}
        """
        defaults = self._defaults
        return {role: key for role, key in keys.items() if defaults[role] != key} or None

    @property
    def all_keys(self) -> frozenset[str]:
        """Every accepted key of every role."""
        found = _ALL_KEYS.get(self.name)
        if found is None:
            found = _ALL_KEYS[self.name] = frozenset(key for names in self.keys.values() for key in names)
        return found

    def default_spelling(self) -> dict[str, str]:
        """The spelling written for new rows."""
        return dict(self._defaults)

    @property
    def _defaults(self) -> dict[str, str]:
        found = _DEFAULTS.get(self.name)
        if found is None:
            found = _DEFAULTS[self.name] = {role: names[0] for role, names in self.keys.items()}
        return found


_DEFAULTS: dict[str, dict[str, str]] = {}
_ALL_KEYS: dict[str, frozenset[str]] = {}


def _indicator_block(name: str, what: str, owner: IndicatorRole, kind: IndicatorKind, prefix: str) -> BlockSpec:
    text_key = "outputteks" if prefix == "output" else f"{prefix}teks"
    return BlockSpec(
        name=name,
        what="indicator",
        owner=owner,
        kind=kind,
        keys={
            "name": (text_key, "tolak_ukur", "tolok_ukur"),
            "unit": (f"satuan{prefix}", "satuan"),
            "target": (f"target{prefix}", "target"),
            "text": (f"target{prefix}teks", "target_teks"),
        },
        alternative={"name": "tolak_ukur", "unit": "satuan", "target": "target", "text": "target_teks"},
    )


#: The nested blocks of a sub kegiatan record, in the order they are written.
BLOCKS: dict[str, BlockSpec] = {
    spec.name: spec
    for spec in (
        _indicator_block(
            "sub_keg_indikator", "keluaran sub kegiatan", IndicatorRole.SUB_ACTIVITY, IndicatorKind.OUTPUT, "output"
        ),
        _indicator_block(
            "sub_keg_indikator_hasil", "hasil kegiatan", IndicatorRole.ACTIVITY, IndicatorKind.OUTCOME, "hasil"
        ),
        BlockSpec(
            name="tag_sub_keg",
            what="tag",
            keys={"name": ("namalabel", "nama_label_giat", "nama_label"), "id": ("idlabelgiat", "id_label_giat")},
        ),
        _indicator_block(
            "capaian_prog_sub_keg", "capaian program", IndicatorRole.PROGRAM, IndicatorKind.OUTCOME, "capaian"
        ),
        _indicator_block("output_giat", "keluaran kegiatan", IndicatorRole.ACTIVITY, IndicatorKind.OUTPUT, "output"),
        BlockSpec(
            name="lokasi_sub_keg",
            what="location",
            keys={
                "daerah": ("daerahteks", "nama_daerah"),
                "camat": ("camatteks", "camat_teks"),
                "lurah": ("lurahteks", "lurah_teks"),
            },
        ),
        BlockSpec(
            name="sumber_dana",
            what="funding",
            keys={
                "name": ("nama_dana", "namadana"),
                "code": ("kode_dana", "kodedana"),
                "amount": ("pagu_dana", "pagudana"),
            },
        ),
    )
}
BLOCK_ORDER: tuple[str, ...] = tuple(BLOCKS)

#: The label slots on a sub kegiatan record: slot → (id key, name key).
LABEL_SLOTS: dict[str, tuple[str, str]] = {
    "pusat": ("id_label_pusat", "label_pusat"),
    "prov": ("id_label_prov", "label_prov"),
    "kokab": ("id_label_kokab", "label_kokab"),
}

_SUB_KEG_HINTS = frozenset({"kode_sbl", "kode_bl", "pagu", "pagu_indikatif", "kode_sub_skpd", "id_sub_bl", *BLOCKS})
_NOMENCLATURE_KEYS = frozenset({"kode_sub_giat", "kode_giat", "kode_program", "id_sub_giat", "nama_sub_giat"})
_SKPD_HINTS = frozenset({"idinduk", "id_setup_unit", "bidur_1", "isskpd", "is_skpd", "kodeunit", "namaunit"})
#: Identifier fields that are not named ``id…``.
_ID_FIELDS = frozenset({"kode_bl", "kode_sbl", "bidur_1", "bidur_2", "bidur_3"})


def detect_kind(record: Mapping[str, Any], action: str | None = None) -> RecordKind | None:
    """The kind of ``record``: from the envelope ``action`` when it names one, else from its keys."""
    if action in _KIND_BY_ACTION:
        return _KIND_BY_ACTION[action]
    keys = record.keys()
    if "id_unik_indikator" in keys:
        return RecordKind.PLANNING
    if not _SUB_KEG_HINTS.isdisjoint(keys):
        return RecordKind.SUB_KEG
    if not _SKPD_HINTS.isdisjoint(keys) or ("kode_skpd" in keys and _NOMENCLATURE_KEYS.isdisjoint(keys)):
        return RecordKind.SKPD
    if "kode_skpd" in keys:
        return RecordKind.SUB_KEG
    if not _NOMENCLATURE_KEYS.isdisjoint(keys):
        return RecordKind.MASTER
    return None


def is_id_field(key: str) -> bool:
    """Whether ``key`` is a SIPD identifier (``id``, ``id_sub_giat``, ``kode_sbl``, ``idoutputbl`` …)."""
    return key == "id" or key.startswith("id_") or (key.startswith("id") and key.isalpha()) or key in _ID_FIELDS
