"""The canonical SIPD form of sinkron models: what the writer produces before the layout is applied.

Every function here is a pure function of models. The reader uses the same functions to find out
what differs between a record and its canonical form (see :mod:`sinkron_sipd.layout`), so reading
and writing cannot drift apart. A key is rendered only when the model has a value for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from sinkron.codes import Code, CodeLevel
from sinkron.models import Budget, BudgetKind, FundingSource, Indicator, Money, SubActivity, Value
from sinkron.numbers import number_text as sinkron_number_text
from sinkron_sipd.fields import LABEL_SLOTS

__all__ = [
    "AgencyView",
    "ItemView",
    "PriorityView",
    "funding_row",
    "indicator_row",
    "location_row",
    "master_scalars",
    "number_text",
    "planning_indicator_scalars",
    "planning_scalars",
    "skpd_scalars",
    "slug_id",
    "sub_keg_scalars",
    "tag_row",
]


class ItemView(Protocol):
    """A program or kegiatan as the renderer needs it (the model, or the reader's builder)."""

    @property
    def code(self) -> Code: ...
    @property
    def name(self) -> str: ...


class AgencyView(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...


class PriorityView(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def extra(self) -> dict[str, Any]: ...


_SLUG_DROP = re.compile(r"[^0-9a-z]+")


def slug_id(text: str) -> str:
    """A stable id part made from a label: ``"Penurunan Stunting"`` → ``"penurunan-stunting"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG_DROP.sub("-", ascii_text).strip("-") or "x"


def number_text(number: Decimal) -> str:
    """A number as sinkron writes it into SIPD: plain digits, a decimal comma (``296187500``, ``8,3``).

    SIPD's own ``8.3`` is ambiguous (``3.125`` reads as 3125, a dot before three digits grouping
    thousands), so a decimal comma is written, which the reader reads back exactly; a record read from
    SIPD keeps its original text through its layout.
    """
    return sinkron_number_text(number)


def money_text(money: Money) -> str:
    return number_text(money.amount)


def prefixed(code: Code, name: str) -> str:
    """A name with its code in front, as SIPD writes ``nama_sub_giat``."""
    return f"{code} {name}"


def sipd_id(priority: PriorityView) -> str | None:
    """The SIPD label id a priority was read from (``id_label_pusat`` …), if any."""
    meta = priority.extra.get("sipd")
    if isinstance(meta, dict) and isinstance(meta.get("id"), str):
        return str(meta["id"])
    return None


def sub_keg_scalars(
    *,
    year: int,
    sub: SubActivity,
    activity: ItemView,
    program: ItemView,
    skpd: AgencyView | None,
    unit: AgencyView | None,
    slots: Mapping[str, PriorityView | None],
) -> dict[str, Any]:
    """The top-level modelled keys of a sub kegiatan record."""
    out: dict[str, Any] = {"tahun_anggaran": str(year)}
    if skpd is not None:
        out["kode_skpd"] = skpd.code
        out["nama_skpd"] = skpd.name
    if unit is not None:
        out["kode_sub_skpd"] = unit.code
        out["nama_sub_skpd"] = unit.name
    out["kode_program"] = str(program.code)
    out["nama_program"] = program.name
    out["kode_giat"] = str(activity.code)
    out["nama_giat"] = activity.name
    out["kode_sub_giat"] = str(sub.code)
    out["nama_sub_giat"] = prefixed(sub.code, sub.name)
    for key, budget_year, kind in (
        ("pagu", year, BudgetKind.CEILING),
        ("pagu_indikatif", year, BudgetKind.INDICATIVE),
        ("pagu_n_depan", year + 1, BudgetKind.INDICATIVE),
    ):
        amount = sub.budget_for(budget_year, kind)
        if amount is not None:
            out[key] = money_text(amount)
    for slot, (id_key, name_key) in LABEL_SLOTS.items():
        priority = slots.get(slot)
        if priority is not None:
            out[id_key] = sipd_id(priority) or "0"
            out[name_key] = priority.name
    return out


def master_scalars(*, year: int, sub: SubActivity, activity: ItemView, program: ItemView) -> dict[str, Any]:
    """The modelled keys of a master nomenclature row (every name carries its code prefix)."""
    return {
        "tahun_anggaran": str(year),
        "kode_program": str(program.code),
        "nama_program": prefixed(program.code, program.name),
        "kode_giat": str(activity.code),
        "nama_giat": prefixed(activity.code, activity.name),
        "kode_sub_giat": str(sub.code),
        "nama_sub_giat": prefixed(sub.code, sub.name),
    }


def skpd_scalars(*, code: str, name: str, sectors: Sequence[Code]) -> dict[str, Any]:
    """The modelled keys of an SKPD row: code, name and up to three bidang urusan (``bidur__1..3``)."""
    out: dict[str, Any] = {"kode_skpd": code, "nama_skpd": name}
    for number, sector in enumerate(sectors[:3], start=1):
        out[f"bidur__{number}"] = str(sector)
    return out


_LEVEL_KEYS = {
    CodeLevel.PROGRAM: ("kode_program", "nama_program"),
    CodeLevel.ACTIVITY: ("kode_giat", "nama_giat"),
    CodeLevel.SUB_ACTIVITY: ("kode_sub_giat", "nama_sub_giat"),
}


def planning_scalars(
    chain: Sequence[ItemView],
    agency: AgencyView | None,
    start: int,
    budgets: Sequence[Budget] | None,
    *,
    end: int | None = None,
) -> dict[str, Any]:
    """The modelled keys of a planning row: the codes and names from the program down to the item,
    the perangkat daerah and (for the entity row) ``pagu_1..5`` counted from the period's first year,
    and ``tahun_awal``/``tahun_akhir`` when the period's last year ``end`` is given."""
    out: dict[str, Any] = {}
    if end is not None:
        out["tahun_awal"] = str(start)
        out["tahun_akhir"] = str(end)
    for node in chain:
        code_key, name_key = _LEVEL_KEYS[node.code.level]
        out[code_key] = str(node.code)
        out[name_key] = node.name
    if agency is not None:
        out["kode_skpd"] = agency.code
        out["nama_skpd"] = agency.name
    totals: dict[int, Decimal] = {}
    for budget in budgets or ():
        if budget.kind is BudgetKind.INDICATIVE and budget.year >= start:
            totals[budget.year] = totals.get(budget.year, Decimal(0)) + budget.amount.amount
    for year in sorted(totals):
        out[f"pagu_{year - start + 1}"] = number_text(totals[year])
    return out


def planning_indicator_scalars(
    chain: Sequence[ItemView], agency: AgencyView | None, start: int, indicator: Indicator, id_unik: str | None
) -> dict[str, Any]:
    """The modelled keys of an indicator row: the entity's keys, its ``id_unik``, and the indicator
    with ``target_awal`` (baseline) and ``target_1..5`` (targets of the period's years)."""
    out = planning_scalars(chain, agency, start, None)
    if id_unik is not None:
        out["id_unik"] = id_unik
    out["indikator"] = indicator.name
    if indicator.unit is not None:
        out["satuan"] = indicator.unit
    if indicator.baseline is not None:
        out["target_awal"] = indicator.baseline.value.text
    for target in indicator.targets:
        if target.year >= start:
            out[f"target_{target.year - start + 1}"] = target.value.text
    return out


def target_text(value: Value) -> str:
    """The ``target…`` field of a value: the number, the range, or the text."""
    if value.number is not None:
        return number_text(value.number)
    if value.low is not None and value.high is not None:
        return f"{number_text(value.low)}–{number_text(value.high)}"
    return value.text


def indicator_row(indicator: Indicator, keys: Mapping[str, str], year: int) -> dict[str, Any]:
    """An indicator as a row of ``sub_keg_indikator``, ``capaian_prog_sub_keg`` … in the given spelling."""
    out: dict[str, Any] = {keys["name"]: indicator.name}
    if indicator.unit is not None:
        out[keys["unit"]] = indicator.unit
    value = indicator.target_for(year)
    if value is not None:
        out[keys["target"]] = target_text(value)
        out[keys["text"]] = value.text
    return out


def location_parts(text: str) -> list[str]:
    """``"Kab. X, Kec. Y, Semua Kelurahan"`` → daerah, kecamatan, kelurahan.

    A text the parts would not give back (``", Kec. Y"``: an empty part is left out when they are
    joined) stays whole in the daerah field, so it is read back as written.
    """
    parts = text.split(", ", 2)
    parts += [""] * (3 - len(parts))
    return parts if location_text(parts) == text else [text, "", ""]


def location_text(parts: Sequence[str]) -> str:
    return ", ".join(part for part in parts if part.strip())


def location_row(location: str, keys: Mapping[str, str]) -> dict[str, Any]:
    daerah, camat, lurah = location_parts(location)
    return {keys["daerah"]: daerah, keys["camat"]: camat, keys["lurah"]: lurah}


def funding_row(funding: FundingSource, keys: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {keys["name"]: funding.name}
    if funding.code is not None:
        out[keys["code"]] = funding.code
    if funding.amount is not None:
        out[keys["amount"]] = money_text(funding.amount)
    return out


def tag_row(priority: PriorityView, keys: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {keys["name"]: priority.name}
    label_id = sipd_id(priority)
    if label_id is not None:
        out[keys["id"]] = label_id
    return out
