"""Rule family 2 — Completeness and measurability: every item has indicators with units, targets for every plan year inside the period, measurable target text and baselines.

The rules look at the indicators of plan items (program, kegiatan, sub kegiatan) and of a plan's
tujuan and sasaran. Indicators of priorities (RPJMN PN/PP, regional priorities) belong to their own
documents and are not checked here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import attrs

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Severity
from sinkron.align.index import IndicatorRecord
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import (
    BaselineOptions,
    ForwardYearsOptions,
    IndicatorLevelsOptions,
    TargetYearsOptions,
)
from sinkron.codes import CodeLevel
from sinkron.models import Goal, IndicatorKind, Plan, PlanKind, ValueKind
from sinkron.nomenclature import CodeState
from sinkron.options import option
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["DEFAULT_QUALITATIVE_TARGETS", "qualitative_key"]

#: Qualitative targets that can be verified without a number: audit opinions (BPK), SAKIP/RB grades,
#: ordinal categories, accreditation and village status levels, and yes/no outcomes.
DEFAULT_QUALITATIVE_TARGETS: tuple[str, ...] = (
    "WTP", "WDP", "TW", "TMP", "Wajar Tanpa Pengecualian", "Wajar Dengan Pengecualian",
    "AA", "A", "BB", "B", "CC", "C", "D",
    "Sangat Baik", "Baik", "Cukup Baik", "Cukup", "Kurang", "Sangat Kurang",
    "Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah", "Sangat Memuaskan", "Memuaskan",
    "Paripurna", "Utama", "Madya", "Nindya", "Pratama", "Dasar",
    "Mandiri", "Maju", "Berkembang", "Tertinggal", "Sangat Tertinggal",
    "Ada", "Ya", "Tersedia", "Terlaksana",
)  # fmt: skip


@attrs.frozen(kw_only=True)
class QualitativeTargetOptions:
    """The options of SKN205 (declared here, beside the list they default to)."""

    allowed: tuple[str, ...] = option(
        DEFAULT_QUALITATIVE_TARGETS,
        "Qualitative targets that count as measurable (replace the list to be stricter or wider).",
    )


# Words that introduce a category ("Opini WTP", "Predikat A", "Level 3", "Nilai 80").
_QUALIFIERS = ("opini", "predikat", "nilai", "kategori", "peringkat", "level", "status", "tingkat", "indeks")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_NUMBER = re.compile(r"\d+([.,]\d+)?\Z")

_LEVEL_NAMES = {CodeLevel.PROGRAM: "program", CodeLevel.ACTIVITY: "kegiatan", CodeLevel.SUB_ACTIVITY: "sub kegiatan"}


def qualitative_key(text: str) -> str:
    """The form qualitative targets are compared in: lower case, letters and digits, qualifier dropped.

    >>> qualitative_key("Opini  W.T.P"), qualitative_key("Predikat 'A'"), qualitative_key("Level 3")
    ('wtp', 'a', '3')
    """
    words = _NON_ALNUM.sub(" ", text.casefold()).split()
    if len(words) > 1 and words[0] in _QUALIFIERS:
        words = words[1:]
    if all(len(w) == 1 and w.isalpha() for w in words):  # "W.T.P" → "wtp"
        return "".join(words)
    return " ".join(words)


def _plan_indicators(ctx: Context) -> Iterator[tuple[IndicatorRecord, Plan]]:
    for record in ctx.index.indicators.values():
        if record.plan is not None:
            yield record, record.plan


def _name(record: IndicatorRecord) -> str:
    return record.indicator.name


def _years(years: Iterable[int], last: str = "dan") -> str:
    """``2027, 2028 dan 2029`` (``last="and"`` for English)."""
    texts = [str(y) for y in years]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} {last} {texts[-1]}"


# -- SKN201 -------------------------------------------------------------------------------------------
@rule(
    "SKN201",
    "missing-indicator",
    Severity.ERROR,
    id="Item atau tujuan/sasaran tanpa indikator kinerja",
    en="Item or tujuan/sasaran without a performance indicator",
    options=IndicatorLevelsOptions,
)
def missing_indicator(ctx: Context) -> Iterator[Finding]:
    """Items without any indicator: an *error* for a sub kegiatan (its output is what the budget buys),
    a *warning* for a program or kegiatan. ``levels`` chooses the levels checked (``program``,
    ``kegiatan``, ``sub_kegiatan``); with ``statements`` a tujuan or sasaran without an indicator is a
    warning too.
    """
    levels = {CodeLevel(level) for level in ctx.option("levels")}
    for record in ctx.index.items.values():
        level = record.level
        if level not in levels or record.item.indicators:
            continue
        name = _LEVEL_NAMES[level]
        severity = Severity.ERROR if level is CodeLevel.SUB_ACTIVITY else Severity.WARNING
        result_id, result_en = ("keluaran", "output") if level is CodeLevel.SUB_ACTIVITY else ("hasil", "outcome")
        yield ctx.finding(
            record.ref,
            severity=severity,
            id=f"{name.capitalize()} {record.code} belum memiliki indikator kinerja.",
            en=f"The {name} {record.code} has no performance indicator.",
            evidence={"code": str(record.code), "level": level.value, "name": record.item.name, "indicators": 0},
            fix_id=f"Tambahkan indikator {result_id} ({result_en}) beserta satuan dan target tahunannya.",
            fix_en=f"Add an {result_en} indicator with its unit and yearly targets.",
        )
    if not ctx.option("statements"):
        return
    for statement_ref, (plan, statement) in ctx.index.objectives.items():
        if statement.indicators:
            continue
        kind_id, kind_en = (
            ("Tujuan", "goal (tujuan)") if isinstance(statement, Goal) else ("Sasaran", "objective (sasaran)")
        )
        yield ctx.finding(
            statement_ref,
            severity=Severity.WARNING,
            id=f"{kind_id} {statement.id} “{statement.text}” belum memiliki indikator.",
            en=f"The {kind_en} {statement.id} “{statement.text}” has no indicator.",
            evidence={"plan": plan.id, "statement": statement.id, "text": statement.text, "indicators": 0},
            fix_id=f"Tambahkan indikator {kind_id.lower()} beserta kondisi awal dan target tahunannya.",
            fix_en="Add an indicator with its baseline and yearly targets.",
        )


# -- SKN202 -------------------------------------------------------------------------------------------
@rule(
    "SKN202",
    "missing-unit",
    Severity.WARNING,
    id="Indikator tanpa satuan",
    en="Indicator without a unit (satuan)",
)
def missing_unit(ctx: Context) -> Iterator[Finding]:
    """Indicators without a satuan. The fix proposes the unit written with the targets, or for a sub
    kegiatan the satuan of the nomenclature."""
    nomenclature = ctx.nomenclature
    for record, plan in _plan_indicators(ctx):
        indicator = record.indicator
        if indicator.unit and indicator.unit.strip():
            continue
        suggestion = next((t.value.unit for t in indicator.targets if t.value.unit), None)
        source = "target"
        if suggestion is None:
            owner = ctx.index.items.get(record.owner_ref)
            if owner is not None and owner.level is CodeLevel.SUB_ACTIVITY:
                status = nomenclature.status(owner.code.modernised(), plan.period.start)
                if status.state is CodeState.ACTIVE and status.entry is not None and status.entry.satuan:
                    suggestion, source = status.entry.satuan, "nomenklatur"
        evidence: dict[str, object] = {"indicator": _name(record), "unit": indicator.unit}
        if suggestion is not None:
            evidence["suggested_unit"] = suggestion
            evidence["suggested_from"] = source
            fix_id, fix_en = (
                f"Isi satuan indikator, misalnya “{suggestion}”.",
                f"Fill in the unit, e.g. “{suggestion}”.",
            )
        else:
            fix_id, fix_en = (
                "Isi satuan indikator (%, Orang, Dokumen, …).",
                "Fill in the indicator's unit (%, Orang, Dokumen, …).",
            )
        yield ctx.finding(
            record.ref,
            id=f"Indikator “{_name(record)}” belum memiliki satuan.",
            en=f"The indicator “{_name(record)}” has no unit (satuan).",
            evidence=evidence, fix_id=fix_id, fix_en=fix_en,
        )  # fmt: skip


# -- SKN203 -------------------------------------------------------------------------------------------
@rule(
    "SKN203",
    "missing-target",
    Severity.ERROR,
    id="Indikator tanpa target untuk salah satu tahun periode rencana",
    en="Indicator without a target for a year of the plan period",
    options=TargetYearsOptions,
)
def missing_target(ctx: Context) -> Iterator[Finding]:
    """Indicators lacking a target for some year of the plan period (one finding per indicator listing the
    years). Long-term plans (``skip_plan_kinds``: RPJPN, RPJPD by default) set targets for milestones,
    not every year, and are skipped."""
    skipped = {PlanKind(kind) for kind in ctx.option("skip_plan_kinds")}
    for record, plan in _plan_indicators(ctx):
        if plan.kind in skipped:
            continue
        have = {t.year for t in record.indicator.targets}
        period = plan.period
        if have.issuperset(period.years):
            continue
        missing = [y for y in period.years if y not in have]
        yield ctx.finding(
            record.ref,
            id=f"Indikator “{_name(record)}” belum memiliki target untuk tahun {_years(missing)}.",
            en=f"The indicator “{_name(record)}” has no target for {_years(missing, 'and')}.",
            evidence={"indicator": _name(record), "missing_years": missing, "target_years": sorted(have),
                      "period": str(period)},
            fix_id=f"Isi target tahun {_years(missing)} (periode {period}).",
            fix_en=f"Fill in the target for {_years(missing, 'and')} (period {period}).",
        )  # fmt: skip


# -- SKN204 -------------------------------------------------------------------------------------------
@rule(
    "SKN204",
    "target-outside-period",
    Severity.WARNING,
    id="Target indikator untuk tahun di luar periode rencana",
    en="Indicator target for a year outside the plan period",
    options=ForwardYearsOptions,
)
def target_outside_period(ctx: Context) -> Iterator[Finding]:
    """Targets for years outside the plan period. A yearly plan (Renja, RKPD) may carry the *prakiraan maju*
    of the following ``forward_years`` years (1 by default) without a finding."""
    forward = int(ctx.option("forward_years"))
    for record, plan in _plan_indicators(ctx):
        period = plan.period
        last = period.end + (forward if plan.kind.is_yearly else 0)
        outside = sorted({t.year for t in record.indicator.targets if not period.start <= t.year <= last})
        if not outside:
            continue
        if plan.kind.is_yearly and last > period.end:
            where_id = f"di luar tahun rencana {period} dan prakiraan maju sampai {last}"
            where_en = f"outside the plan year {period} and its forward estimates up to {last}"
        else:
            where_id, where_en = f"di luar periode rencana {period}", f"outside the plan period {period}"
        yield ctx.finding(
            record.ref,
            id=f"Indikator “{_name(record)}” memiliki target tahun {_years(outside)}, {where_id}.",
            en=f"The indicator “{_name(record)}” has targets for {_years(outside, 'and')}, {where_en}.",
            evidence={"indicator": _name(record), "years": outside, "period": str(period), "last_allowed_year": last},
            fix_id="Periksa tahun target: target tahun sebelum periode dicatat sebagai kondisi awal (baseline), "
            "target di luar periode dihapus atau dipindahkan ke dokumen periode berikutnya.",
            fix_en="Check the target years: a year before the period belongs in the baseline; later years belong "
            "to the next plan.",
        )


# -- SKN205 -------------------------------------------------------------------------------------------
@rule(
    "SKN205",
    "unmeasurable-target",
    Severity.WARNING,
    id="Target berupa teks kualitatif yang tidak terukur",
    en="Qualitative target text that cannot be measured",
    options=QualitativeTargetOptions,
)
def unmeasurable_target(ctx: Context) -> Iterator[Finding]:
    """Targets written as text that is neither a number, a range, nor an accepted category.

    ``allowed`` lists the accepted qualitative targets (audit opinions, grades, ordinal categories …);
    they are compared case-insensitively, ignoring punctuation and a leading qualifier such as
    ``Opini``, ``Predikat`` or ``Level`` (``"Opini WTP"`` matches ``WTP``, ``"Level 3"`` is a number).
    One finding per indicator lists the years and texts.
    """
    allowed = {qualitative_key(text) for text in ctx.option("allowed")}
    for record, _plan in _plan_indicators(ctx):
        bad: list[tuple[int, str]] = []
        for target in record.indicator.targets:
            value = target.value
            if value.kind is not ValueKind.TEXT:
                continue
            key = qualitative_key(value.text)
            if key in allowed or _NUMBER.match(key):
                continue
            bad.append((target.year, value.text))
        if not bad:
            continue
        texts = sorted({text for _, text in bad})
        quoted = ", ".join(f"“{t}”" for t in texts)
        yield ctx.finding(
            record.ref,
            id=f"Target indikator “{_name(record)}” tahun {_years(y for y, _ in bad)} berupa teks {quoted} yang "
            f"tidak dapat diukur capaiannya.",
            en=f"The target of “{_name(record)}” for {_years((y for y, _ in bad), 'and')} is the text {quoted}, which "
            f"cannot be measured.",
            evidence={"indicator": _name(record), "targets": [{"year": y, "text": t} for y, t in bad],
                      "unit": record.indicator.unit},
            fix_id="Nyatakan target sebagai angka dengan satuan (mis. “100 %”, “1 Dokumen”) atau kategori yang "
            "dapat diverifikasi (mis. opini “WTP”, predikat “A”).",
            fix_en="State the target as a number with a unit (e.g. “100 %”, “1 Dokumen”) or a verifiable "
            "category (e.g. opinion “WTP”, grade “A”).",
        )  # fmt: skip


# -- SKN206 -------------------------------------------------------------------------------------------
@rule(
    "SKN206",
    "missing-baseline",
    Severity.WARNING,
    id="Indikator hasil/dampak dokumen jangka menengah tanpa kondisi awal (baseline)",
    en="Outcome/impact indicator of a medium-term plan without a baseline",
    options=BaselineOptions,
)
def missing_baseline(ctx: Context) -> Iterator[Finding]:
    """Indicators of a medium-term plan (RPJMD, Renstra, RPD, RPJMN …) of the ``kinds`` (outcome and impact by
    default) without a baseline (kondisi awal), without which achievement over the period cannot be judged."""
    kinds = {IndicatorKind(kind) for kind in ctx.option("kinds")}
    for record, plan in _plan_indicators(ctx):
        indicator = record.indicator
        if plan.kind.is_yearly or indicator.baseline is not None or indicator.kind not in kinds:
            continue
        before = plan.period.start - 1
        yield ctx.finding(
            record.ref,
            id=f"Indikator {indicator.kind.value} “{_name(record)}” belum memiliki kondisi awal (baseline).",
            en=f"The {indicator.kind.name.lower()} indicator “{_name(record)}” has no baseline.",
            evidence={"indicator": _name(record), "kind": indicator.kind.value, "period": str(plan.period)},
            fix_id=f"Isi kondisi awal, biasanya capaian tahun {before} (tahun sebelum periode).",
            fix_en=f"Fill in the baseline, usually the value of {before} (the year before the period).",
        )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
