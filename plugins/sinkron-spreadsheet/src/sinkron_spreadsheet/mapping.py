"""Declarative column mappings: which header text feeds which model field.

A :class:`Mapping` is read from a TOML or JSON file, a dict, or the name of a built-in layout
(``renstra``, ``renja``, ``tujuan-sasaran``, ``rkpd-report``, ``rincian``, ``opd``,
``anggaran-kas``, ``emonev``). See ``docs/spreadsheets.md`` for
the format and the field vocabulary.

>>> m = load_mapping({"extends": "renja", "name": "renja-pasangkayu", "year": 2024,
...                   "columns": {"pagu": ["PAGU 2024"]}})
>>> m.name, m.year, m.columns["pagu"][:2]
('renja-pasangkayu', 2024, ('PAGU 2024', 'JUMLAH PAGU'))
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Mapping as AbcMapping
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import attrs

from sinkron.errors import SinkronError
from sinkron.models import BudgetKind, PlanKind


def _toml_loads(text: str) -> dict[str, Any]:
    """Parse TOML with tomllib (Python 3.11+) or its backport tomli (a dependency on 3.10)."""
    try:
        module = importlib.import_module("tomllib")
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        module = importlib.import_module("tomli")
    data: dict[str, Any] = module.loads(text)
    return data


__all__ = [
    "AGENCY_FIELDS",
    "BUDGET_LINE_FIELDS",
    "BUILTIN_LAYOUTS",
    "GOAL_FIELDS",
    "ITEM_FIELDS",
    "Mapping",
    "MappingError",
    "builtin_layouts",
    "load_mapping",
]

#: Fields of the ``items`` shape (program → kegiatan → sub kegiatan rows).
ITEM_FIELDS: tuple[str, ...] = (
    "code",
    "name",
    "indicator",
    "unit",
    "baseline",
    "target",
    "target.{i}",
    "target.{year}",
    "pagu",
    "pagu.{i}",
    "pagu.{year}",
    "capaian.indicator",
    "capaian.target",
    "hasil.indicator",
    "hasil.target",
    "keluaran.indicator",
    "keluaran.target",
    "next.indicator",
    "next.target",
    "next.pagu",
    "location",
    "funding",
    "note",
    "start",
    "end",
    "output",
    "objective",
    *(f"{what}.{period}" for what in ("cash", "spent") for period in ("q1", "q2", "q3", "q4")),
    *(f"{what}.m{month:02d}" for what in ("cash", "spent") for month in range(1, 13)),
    "physical",
)
"""``cash.q1`` … ``cash.m12``: the anggaran kas of a sub kegiatan for that quarter or month; ``spent.q1`` …
``spent.m12``: its realisasi keuangan; ``physical``: realisasi fisik in percent (kept in ``extra``)."""
#: Fields of the ``goals`` shape (tujuan and sasaran rows).
GOAL_FIELDS: tuple[str, ...] = ("group", "text", "indicator", "note", "id")

#: Fields of the ``budget-lines`` shape (rincian belanja of one sub kegiatan, see ``rincian.py``).
BUDGET_LINE_FIELDS: tuple[str, ...] = (
    "account",
    "description",
    "group_kind",
    "group",
    "standard",
    "component",
    "unit_price",
    "component_unit",
    "unit",
    "volume",
    "amount",
    "funding",
    "note",
)
#: Fields of the ``agencies`` shape (a list of perangkat daerah, see ``organisations.py``).
AGENCY_FIELDS: tuple[str, ...] = ("code", "name", "note")

#: The built-in layouts, by name.
BUILTIN_LAYOUTS: tuple[str, ...] = (
    "renstra",
    "renja",
    "tujuan-sasaran",
    "rkpd-report",
    "rincian",
    "opd",
    "anggaran-kas",
    "emonev",
)

_FIELDS = {"items": ITEM_FIELDS, "goals": GOAL_FIELDS, "budget-lines": BUDGET_LINE_FIELDS, "agencies": AGENCY_FIELDS}
_SHAPES = tuple(_FIELDS)
_Kind = TypeVar("_Kind", bound=Enum)


class MappingError(SinkronError):
    """A mapping file or dict is not valid; the message says which key and what was expected."""


def _aliases(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, AbcMapping):
        raise MappingError(f"'columns' must be a table of field = [header, …], got {type(value).__name__}")
    out: dict[str, tuple[str, ...]] = {}
    for field, aliases in value.items():
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, (list, tuple)) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise MappingError(f"columns.{field} must be a header text or a list of them, got {aliases!r}")
        out[str(field)] = tuple(aliases)
    return out


@attrs.frozen(kw_only=True)
class Mapping:
    """How to read one spreadsheet layout.

    ``columns`` maps a field (see :data:`ITEM_FIELDS` / :data:`GOAL_FIELDS`) to the header texts
    that may name its column, most usual first. Headers match ignoring case, spacing, line breaks
    and punctuation; ``A > B`` matches a column under a merged header ``A`` with sub-header ``B``;
    ``{i}`` stands for a year number 1–6 of a medium-term plan and ``{year}`` for a calendar year.
    """

    name: str
    title: str = ""
    shape: str = "items"
    plan_kind: PlanKind = PlanKind.RENJA_PD
    budget_kind: BudgetKind = BudgetKind.INDICATIVE
    header_rows: int = 1
    sheet: str | None = None
    columns: dict[str, tuple[str, ...]] = attrs.field(factory=dict, hash=False)
    required: tuple[str, ...] = ()
    split_code: bool = False
    """The code is spread over five columns (urusan, bidang, program, kegiatan, sub kegiatan) from the ``code`` column on."""
    check_subtotals: bool = True
    total_labels: tuple[str, ...] = ("TOTAL", "JUMLAH", "JUMLAH TOTAL", "GRAND TOTAL")
    year: int | None = None
    start_year: int | None = None
    attach: bool = False
    """The sheet is monitoring data (an anggaran kas, a realisation report): :func:`sinkron.check` puts its
    sub kegiatan's anggaran kas and spending on the matching sub kegiatan of the plans it is checked with."""

    def __attrs_post_init__(self) -> None:
        if self.shape not in _SHAPES:
            raise MappingError(f"mapping {self.name!r}: shape must be one of {', '.join(_SHAPES)}, got {self.shape!r}")
        known = _FIELDS[self.shape]
        unknown = sorted(set(self.columns) - set(known))
        if unknown:
            raise MappingError(
                f"mapping {self.name!r}: unknown field(s) {', '.join(unknown)}; {self.shape} fields are {', '.join(known)}"
            )
        missing = [f for f in self.required if f not in self.columns]
        if missing:
            raise MappingError(f"mapping {self.name!r}: required field(s) {', '.join(missing)} have no column aliases")
        if not 1 <= self.header_rows <= 6:
            raise MappingError(f"mapping {self.name!r}: header_rows must be 1–6, got {self.header_rows}")

    def to_dict(self) -> dict[str, Any]:
        """The mapping as a plain dict (the TOML/JSON form)."""
        out: dict[str, Any] = {
            "name": self.name,
            "title": self.title,
            "shape": self.shape,
            "plan_kind": self.plan_kind.value,
            "budget_kind": self.budget_kind.value,
            "header_rows": self.header_rows,
            "split_code": self.split_code,
            "check_subtotals": self.check_subtotals,
            "attach": self.attach,
            "total_labels": list(self.total_labels),
            "required": list(self.required),
            "columns": {k: list(v) for k, v in self.columns.items()},
        }
        for key in ("sheet", "year", "start_year"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


_DEFAULT_TOTALS = ("TOTAL", "JUMLAH", "JUMLAH TOTAL", "GRAND TOTAL")
_KEYS = {
    "name",
    "title",
    "shape",
    "plan_kind",
    "budget_kind",
    "header_rows",
    "sheet",
    "columns",
    "required",
    "split_code",
    "check_subtotals",
    "total_labels",
    "year",
    "start_year",
    "attach",
    "extends",
}


def _member(kinds: type[_Kind], merged: AbcMapping[str, Any], key: str, default: _Kind) -> _Kind:
    """The member of ``kinds`` that ``merged[key]`` names (``default`` when absent), or a MappingError."""
    try:
        return kinds(merged.get(key, default.value))
    except ValueError:
        raise MappingError(
            f"{key} must be one of {', '.join(k.value for k in kinds)}, got {merged.get(key)!r}"
        ) from None


_Chain = tuple[tuple[str, str], ...]
"""The mappings being loaded, outermost first: (resolved file path or built-in name, as written)."""


def _from_dict(data: AbcMapping[str, Any], *, default_name: str, chain: _Chain = ()) -> Mapping:
    """The mapping ``data`` describes; ``chain``: the mappings it is part of, outermost first (a cycle is refused)."""
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise MappingError(f"unknown mapping key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}")
    base: dict[str, Any] = {}
    if "extends" in data:
        parent = _load(data["extends"], chain)
        base = parent.to_dict()
        base["name"] = f"{parent.name}+"
        columns = dict(parent.columns)
        for field, aliases in _aliases(data.get("columns", {})).items():
            columns[field] = tuple(dict.fromkeys((*aliases, *columns.get(field, ()))))
        base["columns"] = columns
    merged: dict[str, Any] = {**base, **{k: v for k, v in data.items() if k not in ("extends", "columns")}}
    if "columns" not in base:
        merged["columns"] = _aliases(data.get("columns", {}))
    plan_kind = _member(PlanKind, merged, "plan_kind", PlanKind.RENJA_PD)
    budget_kind = _member(BudgetKind, merged, "budget_kind", BudgetKind.INDICATIVE)
    for key in ("year", "start_year", "header_rows"):
        if (
            key in merged
            and merged[key] is not None
            and (isinstance(merged[key], bool) or not isinstance(merged[key], int))
        ):
            raise MappingError(f"{key} must be an integer, got {merged[key]!r}")
    return Mapping(
        name=str(merged.get("name") or default_name),
        title=str(merged.get("title", "")),
        shape=str(merged.get("shape", "items")),
        plan_kind=plan_kind,
        budget_kind=budget_kind,
        header_rows=int(merged.get("header_rows", 1)),
        sheet=merged.get("sheet"),
        columns=merged["columns"],
        required=tuple(merged.get("required", ())),
        split_code=bool(merged.get("split_code", False)),
        check_subtotals=bool(merged.get("check_subtotals", True)),
        attach=bool(merged.get("attach", False)),
        total_labels=tuple(merged.get("total_labels") or _DEFAULT_TOTALS),
        year=merged.get("year"),
        start_year=merged.get("start_year"),
    )


_NAME_YEAR = re.compile(r"^([a-z][a-z0-9-]*)@(\d{4})$")


def builtin_layouts() -> dict[str, Mapping]:
    """Every built-in layout by name (read from the package's ``layouts/*.toml``)."""
    return {name: load_mapping(name) for name in BUILTIN_LAYOUTS}


def load_mapping(spec: Mapping | AbcMapping[str, Any] | str | Path) -> Mapping:
    """A :class:`Mapping` from a built-in name (``"renja"``; ``"renja@2024"`` also sets the year),
    a ``.toml`` or ``.json`` file, or a dict. Raises :class:`MappingError` when it is not valid, or when
    files ``extends`` each other in a cycle (the message names every file of the cycle).
    """
    return _load(spec, ())


def _load(spec: Mapping | AbcMapping[str, Any] | str | Path, chain: _Chain) -> Mapping:
    """:func:`load_mapping`, for a mapping that the mappings of ``chain`` extend."""
    if isinstance(spec, Mapping):
        return spec
    if isinstance(spec, AbcMapping):
        return _from_dict(spec, default_name="custom", chain=chain)
    if not isinstance(spec, (str, Path)):
        raise MappingError(f"extends must name a built-in layout or a .toml/.json file, got {type(spec).__name__}")
    text = str(spec)
    match = _NAME_YEAR.match(text)
    if match and match.group(1) in BUILTIN_LAYOUTS:
        return attrs.evolve(_load(match.group(1), chain), year=int(match.group(2)))
    if text in BUILTIN_LAYOUTS:
        shipped = resources.files("sinkron_spreadsheet").joinpath("layouts").joinpath(f"{text}.toml")
        layout = _toml_loads(shipped.read_text(encoding="utf-8"))
        return _from_dict(layout, default_name=text, chain=_extended(chain, text, text))
    path = Path(text)
    if not path.is_file():
        raise MappingError(
            f"unknown mapping {text!r}: not a built-in layout ({', '.join(BUILTIN_LAYOUTS)}) nor a .toml/.json file"
        )
    try:
        raw = path.read_text(encoding="utf-8-sig")
        data: Any = json.loads(raw) if path.suffix.lower() == ".json" else _toml_loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise MappingError(f"cannot read the mapping file {path}: {exc}") from None
    if not isinstance(data, dict):
        raise MappingError(f"the mapping file {path} must hold a table/object, got {type(data).__name__}")
    return _from_dict(data, default_name=path.stem, chain=_extended(chain, str(path.resolve()), text))


def _extended(chain: _Chain, key: str, shown: str) -> _Chain:
    """``chain`` followed by the mapping ``key`` (a resolved file path or a built-in name, ``shown`` as written),
    or a :class:`MappingError` naming the cycle when ``key`` is already in it."""
    keys = [entry_key for entry_key, _ in chain]
    if key in keys:
        cycle = [entry_shown for _, entry_shown in chain[keys.index(key) :]]
        raise MappingError(f"extends: the mappings extend each other in a cycle: {' → '.join([*cycle, shown])}")
    return (*chain, (key, shown))
