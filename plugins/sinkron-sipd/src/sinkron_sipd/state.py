"""The reader's working state: options, per-record problems, field parsers and the mutable builders.

Records arrive one at a time; agencies, plans, programs and kegiatan are built up as they come and
turned into frozen models at the end. A builder's code and name are fixed by the first record that
names it (later records that spell them differently keep their spelling in their own layout), so
the layout computed for a record stays right whatever records follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError, Location, SourceError
from sinkron.models import (
    Activity,
    Agency,
    Budget,
    Indicator,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    Provenance,
    SubActivity,
    Value,
)
from sinkron.models.findings import Finding
from sinkron.numbers import DecimalMark, parse_number
from sinkron.source_findings import CELL_UNREADABLE, DUPLICATE_ROW, ROW_NOT_READ
from sinkron_sipd.documents import RawRecord
from sinkron_sipd.fields import RecordKind

__all__ = [
    "PLANNING_KINDS",
    "PLAN_KINDS",
    "AgencyState",
    "ItemState",
    "PlanState",
    "Problems",
    "ReadOptions",
    "amount_field",
    "code_field",
    "indicator_key",
    "split_name",
    "target_value",
    "text_field",
    "unique_id",
]

#: Plan kinds a SIPD sub kegiatan record can belong to (all yearly).
PLAN_KINDS = (PlanKind.RKPD, PlanKind.RENJA_PD, PlanKind.DPA)
#: Plan kinds of planning rows (entity + indicator rows with ``target_1..5``).
PLANNING_KINDS = (PlanKind.RENSTRA_PD, PlanKind.RPJMD, PlanKind.RPD)


@attrs.frozen(kw_only=True)
class ReadOptions:
    """Options of a SIPD read (see ``docs/sipd.md``)."""

    plan_kind: PlanKind | None = None
    """``RKPD`` for sub kegiatan records and ``RENSTRA_PD`` for planning rows unless given."""
    year: int | None = None
    """Plan year for records without ``tahun_anggaran``."""
    government_id: str | None = None
    plan_prefix: str = "sipd"
    decimal: DecimalMark = None
    period: tuple[int, int] | None = None
    """Plan period for planning rows without ``tahun_awal``/``tahun_akhir``."""
    record_kind: RecordKind | None = None
    """Force the record kind instead of detecting it from the envelope action or the keys."""
    keep_source: bool = True
    """Keep how each sub kegiatan record was written (spelling, SIPD ids, unmodelled keys, nested rows) in
    ``extra["sipd"]``, so that writing the bundle back to SIPD gives the same JSON. Without it the read is
    faster and smaller, and a later SIPD write gives the canonical form."""


class Problems:
    """The problems of one record: what stops it (errors), and what it is read with (source findings).

    * :meth:`add` — the record cannot be read (not a SIPD record, a key given twice, an option the
      read needs): a located :class:`~sinkron.errors.SourceError`, and the record is left out;
    * :meth:`not_placed` — the record can be read but not placed in a plan (no sub kegiatan code, no
      year): a source finding ``SKN005`` naming it, and the record is left out;
    * :meth:`repeated` — the record gives a sub kegiatan an earlier record already gave: a source
      finding ``SKN010`` naming both records, and the record is left out (the first one is kept);
    * :meth:`unreadable` — one value cannot be read: a source finding ``SKN008``, the value is left
      out and the record is kept (written back to SIPD as it was read).
    """

    def __init__(self, source: str, record: RawRecord) -> None:
        self.source = source
        self.record = record
        self.errors: list[SourceError] = []
        self.findings: list[Finding] = []
        self.placed = True
        """``False`` once :meth:`not_placed` was called."""
        self.subject: str | None = None
        """The reference of what the record became (``plan#item``), once it is known: the findings' subject."""

    def location(self, path: str = "", field: str | None = None) -> Location:
        return Location(source=self.source, row=self.record.row, json_path=self.record.json_path + path, field=field)

    def add(
        self,
        message: str,
        path: str = "",
        *,
        field: str | None = None,
        expected: str | None = None,
        actual: object = None,
    ) -> None:
        self.errors.append(SourceError(message, location=self.location(path, field), expected=expected, actual=actual))

    def unreadable(
        self,
        en: str,
        id: str,
        path: str,
        *,
        field: str | None = None,
        expected: str | None = None,
        actual: object = None,
    ) -> None:
        """A value that cannot be read (``en``/``id``: what it is, in English and Indonesian): left out, the record kept."""
        self.findings.append(
            CELL_UNREADABLE.at(
                self.location(path, field),
                id=f"{id}; nilainya tidak dibaca.",
                en=f"{en}; the value is left out.",
                expected=expected,
                found=actual,
                fix_id="Perbaiki nilai ini di SIPD lalu ekspor ulang.",
                fix_en="Correct this value in SIPD and export again.",
            )
        )

    def not_placed(
        self,
        en: str,
        id: str,
        path: str = "",
        *,
        field: str | None = None,
        expected: str | None = None,
        actual: object = None,
    ) -> None:
        """A record that cannot be placed in a plan (``en``/``id``: why): named by the finding, left out."""
        self.placed = False
        self.findings.append(
            ROW_NOT_READ.at(
                self.location(path, field),
                id=f"Rekaman {self.record.json_path} tidak dibaca: {id}.",
                en=f"The record {self.record.json_path} is not read: {en}.",
                expected=expected,
                found=actual,
                fix_id="Lengkapi atau perbaiki rekaman ini di SIPD lalu ekspor ulang.",
                fix_en="Complete or correct this record in SIPD and export again.",
            )
        )

    def repeated(self, code: Code, unit: str | None, year: int, first: RawRecord) -> None:
        """The record gives sub kegiatan ``code`` of ``unit`` (sub SKPD) in ``year`` again, as ``first`` did: named
        by an ``SKN010`` finding with both records, and left out; the first record is kept."""
        self.placed = False
        first_at = first.json_path + (f" (line {first.row})" if first.row is not None else "")
        this_at = self.record.json_path + (f" (line {self.record.row})" if self.record.row is not None else "")
        of_unit = (f" unit {unit}", f" of unit {unit}") if unit else ("", "")
        self.findings.append(
            DUPLICATE_ROW.at(
                self.location(".kode_sub_giat", "kode_sub_giat"),
                id=f"Sub kegiatan {code}{of_unit[0]} tahun {year} sudah ada pada rekaman {first_at}; "
                f"rekaman {this_at} tidak dibaca.",
                en=f"Sub kegiatan {code}{of_unit[1]} in {year} is already given by record {first_at}; "
                f"record {this_at} is not read.",
                expected="each sub kegiatan once per unit (sub SKPD) and year",
                found=str(code),
                evidence={"first_record": first.index, "first_json_path": first.json_path, "first_line": first.row},
                fix_id="Hapus rekaman ganda di SIPD (atau gabungkan nilainya ke rekaman pertama) lalu ekspor ulang.",
                fix_en="Remove the repeated record in SIPD (or merge its values into the first one) and export again.",
            )
        )

    @property
    def blocking(self) -> bool:
        """Whether the record is left out: an error, or a reason it cannot be placed."""
        return bool(self.errors) or not self.placed


def text_field(raw: Mapping[str, Any], key: str, problems: Problems, path: str = "") -> str | None:
    """A text field: ``None`` when absent, null or blank; a finding (and ``None``) when it is not text."""
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        problems.unreadable(
            f"{key} is not text", f"{key} bukan teks", f"{path}.{key}", field=key, expected="text", actual=value
        )
        return None
    text = str(value)
    return text if text.strip() else None


def amount_field(
    raw: Mapping[str, Any], key: str, problems: Problems, decimal: DecimalMark, path: str = ""
) -> Money | None:
    """A pagu field: ``None`` when absent, null or blank; a finding (and ``None``) when it is not a number ≥ 0."""
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number: Decimal | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = parse_number(value, decimal=decimal)
        except ValueError:
            number = None
    if number is None or not number.is_finite():
        problems.unreadable(
            f"{key} is not a number",
            f"{key} bukan angka",
            f"{path}.{key}",
            field=key,
            expected="an amount of rupiah such as '296187500' or '296.187.500'",
            actual=value,
        )
        return None
    if number < 0:
        problems.unreadable(
            f"{key} is negative",
            f"{key} bernilai negatif",
            f"{path}.{key}",
            field=key,
            expected="an amount ≥ 0",
            actual=value,
        )
        return None
    return Money(number)


def code_field(
    raw: Mapping[str, Any], key: str, level: CodeLevel, problems: Problems, *, required: bool
) -> Code | None:
    """A nomenclature code of ``level``: a ``required`` one that is missing or cannot be read leaves the
    record unplaced (``SKN005``); another that cannot be read is left out (``SKN008``)."""
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.not_placed(
                f"missing {key}", f"{key} tidak ada", f".{key}", field=key, expected=f"a {level.value} code"
            )
        return None
    report = problems.not_placed if required else problems.unreadable
    if not isinstance(value, str):
        report(
            f"{key} is not a code",
            f"{key} bukan kode",
            f".{key}",
            field=key,
            expected=f"a {level.value} code as text",
            actual=value,
        )
        return None
    try:
        code = Code.parse(value)
    except CodeError as exc:
        report(
            f"{key} is not a nomenclature code: {exc.reason}",
            f"{key} bukan kode nomenklatur ({exc.reason})",
            f".{key}",
            field=key,
            actual=value,
        )
        return None
    if code.level is not level:
        report(
            f"{key} is a {code.level.value} code",
            f"{key} adalah kode {code.level.value}",
            f".{key}",
            field=key,
            expected=f"a {level.value} code",
            actual=value,
        )
        return None
    return code


def split_name(text: str | None, code: Code) -> str | None:
    """The name without its code prefix (only when the prefix is the record's own code).

    SIPD writes ``kode + " " + nama`` (``"1.05.02.2.03.0002 Pembentukan Sekretariat PPNS"``; wp-sipd
    splits it at the first space): the code and that one space are taken off, and the rest is the
    name as written — a name that starts with ``-``, ``:`` or a space keeps it.

    >>> split_name("1.02.02.2.02.0001 - Bantuan Sosial", Code.parse("1.02.02.2.02.0001"))
    '- Bantuan Sosial'
    """
    if text is None:
        return None
    prefix, space, rest = text.partition(" ")
    if not space or not rest.strip():
        return text
    try:
        own = Code.parse(prefix) == code
    except CodeError:
        return text
    return rest if own else text


def target_value(target: str | None, text: str | None, unit: str | None, decimal: DecimalMark) -> Value | None:
    """A target from SIPD's number field and display text (``"1"`` / ``"1 Laporan"``)."""
    if target is not None:
        try:
            number = parse_number(target.strip(), decimal=decimal)
        except ValueError:
            value = Value.parse(target, unit=unit, decimal=decimal)
            return attrs.evolve(value, text=text) if text is not None else value
        return Value(number=number, unit=unit, text=text) if text is not None else Value(number=number, unit=unit)
    if text is not None:
        return Value.parse(text, unit=unit, decimal=decimal)
    return None


#: The fields of an indicator its content is compared on, when an indicator repeated by several records is kept once.
_CONTENT_FIELDS = tuple(
    field.name for field in attrs.fields(Indicator) if field.eq and field.name not in ("id", "extra")
)


def indicator_key(indicator: Indicator) -> tuple[Any, ...]:
    """What an indicator is equal on but for its id and ``extra`` (hashable: a key to find it by).

    >>> from sinkron.models import Indicator
    >>> indicator_key(Indicator(name="Cakupan", unit="%")) == indicator_key(Indicator(name="Cakupan", id="c-2", unit="%"))
    True
    """
    return tuple(getattr(indicator, name) for name in _CONTENT_FIELDS)


def unique_id(base: str, used: set[str] | Iterable[str]) -> str:
    taken = used if isinstance(used, set) else set(used)
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# -- mutable state while reading ---------------------------------------------------------------------


class AgencyState:
    def __init__(self, code: str, name: str | None, provenance: Provenance, government_id: str | None) -> None:
        self.code = code
        self.name = name if name is not None else code
        self.name_missing = name is None
        self.parent_id: str | None = None
        self.sectors: tuple[Code, ...] = ()
        self.rows: list[dict[str, Any]] = []
        self.provenance = provenance
        self.government_id = government_id
        self.sipd_ids: set[str] = set()
        self.parent_sipd_id: str | None = None

    def model(self) -> Agency:
        meta: dict[str, Any] = {}
        if self.rows:
            meta["rows"] = self.rows
        if self.name_missing:
            meta["name_missing"] = True
        return Agency(
            code=self.code,
            name=self.name,
            parent_id=self.parent_id,
            sectors=self.sectors,
            government_id=self.government_id,
            provenance=self.provenance,
            extra={"sipd": meta} if meta else {},
        )


class ItemState:
    """A program, kegiatan or sub kegiatan being filled: fixed code and name, growing indicators and children.

    Sub kegiatan records add finished :class:`~sinkron.SubActivity` objects to ``subs``; planning
    rows (entity + indicator rows) keep every level mutable until the end (``sub_states``).
    """

    def __init__(
        self, code: Code, name: str | None, agency_id: str | None, provenance: Provenance, item_id: str | None = None
    ) -> None:
        self.code = code
        self.name = name if name is not None else str(code)
        self.name_missing = name is None
        self.agency_id = agency_id
        self.id = item_id or (f"{agency_id}/{code}" if agency_id else str(code))
        self.provenance = provenance
        self.indicators: list[Indicator] = []
        self._by_key: dict[tuple[Any, ...], list[Indicator]] = {}
        self._ids: set[str] = set()
        self._indexed = 0
        """How many of ``indicators`` are in ``_by_key`` and ``_ids``."""
        self.budgets: list[Budget] = []
        self.layout: dict[str, Any] | None = None
        """The planning row this item was read from (``None`` when only its children name it)."""
        self.children: dict[str, ItemState] = {}
        self.subs: list[SubActivity] = []
        self.sub_states: list[ItemState] = []
        self.parent: ItemState | None = None

    def indicator(self, candidate: Indicator, taken_in_record: set[str]) -> Indicator:
        """The first of this item's indicators equal to ``candidate`` but for its id (found by its
        :func:`indicator_key`) whose id this record has not used yet; else ``candidate``, added under an id of
        its own (its id, or ``id-2``, ``id-3`` … when that is taken)."""
        by_key, ids = self._indicator_index()
        for existing in by_key.get(indicator_key(candidate), ()):
            if existing.id not in taken_in_record and existing.extra == candidate.extra:
                return existing
        made = candidate if candidate.id not in ids else attrs.evolve(candidate, id=unique_id(candidate.id, ids))
        self.indicators.append(made)
        return made

    def _indicator_index(self) -> tuple[dict[tuple[Any, ...], list[Indicator]], set[str]]:
        """The indicators by :func:`indicator_key`, and their ids (indicators appended since are added first)."""
        by_key, ids = self._by_key, self._ids
        for indicator in self.indicators[self._indexed :]:
            by_key.setdefault(indicator_key(indicator), []).append(indicator)
            ids.add(indicator.id)
        self._indexed = len(self.indicators)
        return by_key, ids

    def extra(self) -> dict[str, Any]:
        meta: dict[str, Any] = dict(self.layout) if self.layout is not None else {}
        if self.name_missing:
            meta["name_missing"] = True
        return {"sipd": meta} if meta else {}

    def sub_activity(self) -> SubActivity:
        return SubActivity(
            code=self.code,
            name=self.name,
            agency_id=self.agency_id,
            id=self.id,
            indicators=self.indicators,
            budgets=self.budgets,
            provenance=self.provenance,
            extra=self.extra(),
        )

    def activity(self) -> Activity:
        return Activity(
            code=self.code,
            name=self.name,
            agency_id=self.agency_id,
            id=self.id,
            indicators=self.indicators,
            budgets=self.budgets,
            sub_activities=[*self.subs, *(s.sub_activity() for s in self.sub_states)],
            provenance=self.provenance,
            extra=self.extra(),
        )

    def program(self) -> Program:
        return Program(
            code=self.code,
            name=self.name,
            agency_id=self.agency_id,
            id=self.id,
            indicators=self.indicators,
            budgets=self.budgets,
            activities=[child.activity() for child in self.children.values()],
            provenance=self.provenance,
            extra=self.extra(),
        )


class PlanState:
    """A plan being filled: a yearly plan (start = end) or a multi-year one for planning rows."""

    def __init__(
        self,
        plan_id: str,
        kind: PlanKind,
        period: tuple[int, int],
        title: str,
        owner_id: str | None,
        government_id: str | None,
        family: RecordKind | None,
        provenance: Provenance,
    ) -> None:
        self.id = plan_id
        self.kind = kind
        self.start, self.end = period
        self.title = title
        self.owner_id = owner_id
        self.government_id = government_id
        self.family = family
        """``MASTER`` or ``PLANNING`` for plans read from those rows (written back as such), else ``None``."""
        self.provenance = provenance
        self.programs: dict[str, ItemState] = {}
        self.activities: dict[str, ItemState] = {}
        self.items: dict[str, ItemState] = {}
        """Every item by id (planning rows)."""
        self.used_ids: set[str] = set()
        self.repeats: dict[str, int] = {}
        """The last ``~n`` suffix given to an id named again."""

    @property
    def year(self) -> int:
        return self.start

    def model(self) -> Plan:
        return Plan(
            id=self.id,
            kind=self.kind,
            title=self.title,
            period=PlanPeriod(start=self.start, end=self.end),
            owner_id=self.owner_id,
            government_id=self.government_id,
            programs=[program.program() for program in self.programs.values()],
            provenance=self.provenance,
            extra={"sipd": {"kind": self.family.value}} if self.family is not None else {},
        )
