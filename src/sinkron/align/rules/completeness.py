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
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.index import IndicatorRecord
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import (
    BaselineOptions,
    ForwardYearsOptions,
    IndicatorLevelsOptions,
    TargetYearsOptions,
)
from sinkron.align.rules._shared import plan_scope
from sinkron.codes import CodeLevel
from sinkron.models import Goal, IndicatorKind, Plan, PlanKind, ValueKind
from sinkron.nomenclature import CodeState
from sinkron.options import option
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["DEFAULT_QUALITATIVE_TARGETS", "qualitative_key"]

#: Qualitative targets that can be verified without a number: audit opinions (BPK), SAKIP/RB grades,
#: ordinal categories, accreditation and village status levels, and yes/no outcomes.
DEFAULT_QUALITATIVE_TARGETS: tuple[str, ...] = (
    "WTP",
    "WDP",
    "TW",
    "TMP",
    "Wajar Tanpa Pengecualian",
    "Wajar Dengan Pengecualian",
    "AA",
    "A",
    "BB",
    "B",
    "CC",
    "C",
    "D",
    "Sangat Baik",
    "Baik",
    "Cukup Baik",
    "Cukup",
    "Kurang",
    "Sangat Kurang",
    "Sangat Tinggi",
    "Tinggi",
    "Sedang",
    "Rendah",
    "Sangat Rendah",
    "Sangat Memuaskan",
    "Memuaskan",
    "Paripurna",
    "Utama",
    "Madya",
    "Nindya",
    "Pratama",
    "Dasar",
    "Mandiri",
    "Maju",
    "Berkembang",
    "Tertinggal",
    "Sangat Tertinggal",
    "Ada",
    "Ya",
    "Tersedia",
    "Terlaksana",
)


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


def _years(ctx: Context, years: Iterable[int]) -> str | Message:
    """``2027, 2028 dan 2029`` (``and`` in English)."""
    texts = [str(y) for y in years]
    if len(texts) == 1:
        return texts[0]
    return ctx.text("skn2.and", {"first": ", ".join(texts[:-1]), "last": texts[-1]})


_KIND_TEXTS = {
    IndicatorKind.IMPACT: "skn206.kind.impact",
    IndicatorKind.OUTCOME: "skn206.kind.outcome",
    IndicatorKind.OUTPUT: "skn206.kind.output",
}


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
        sub_activity = level is CodeLevel.SUB_ACTIVITY
        yield ctx.report(
            record.ref,
            "skn201.item",
            {"level": _LEVEL_NAMES[level], "code": record.code},
            severity=Severity.ERROR if sub_activity else Severity.WARNING,
            evidence={"code": str(record.code), "level": level.value, "name": record.item.name, "indicators": 0},
            fix="skn201.item.output.fix" if sub_activity else "skn201.item.outcome.fix",
        )
    if not ctx.option("statements"):
        return
    for statement_ref, (plan, statement) in ctx.index.objectives.items():
        if statement.indicators:
            continue
        key, fix = (
            ("skn201.goal", "skn201.goal.fix")
            if isinstance(statement, Goal)
            else ("skn201.objective", "skn201.objective.fix")
        )
        yield ctx.report(
            statement_ref,
            key,
            {"statement": statement.id, "text": statement.text},
            severity=Severity.WARNING,
            evidence={"plan": plan.id, "statement": statement.id, "text": statement.text, "indicators": 0},
            fix=fix,
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
                catalogue = ctx.nomenclature_for(owner.code, plan_scope(ctx.index, plan)) or nomenclature
                status = catalogue.status(owner.code.modernised(), plan.period.start)
                if status.state is CodeState.ACTIVE and status.entry is not None and status.entry.satuan:
                    suggestion, source = status.entry.satuan, "nomenklatur"
        evidence: dict[str, object] = {"indicator": _name(record), "unit": indicator.unit}
        fix = "skn202.no-unit.fix"
        if suggestion is not None:
            evidence["suggested_unit"] = suggestion
            evidence["suggested_from"] = source
            fix = "skn202.no-unit.suggested.fix"
        values = {"indicator": _name(record), "unit": suggestion}
        yield ctx.report(record.ref, "skn202.no-unit", values, evidence=evidence, fix=fix)


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
        yield ctx.report(
            record.ref,
            "skn203.no-target",
            {"indicator": _name(record), "years": _years(ctx, missing), "period": period},
            evidence={
                "indicator": _name(record),
                "missing_years": missing,
                "target_years": sorted(have),
                "period": str(period),
            },
            fix="skn203.no-target.fix",
        )


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
        forward_estimates = plan.kind.is_yearly and last > period.end
        yield ctx.report(
            record.ref,
            "skn204.outside.forward" if forward_estimates else "skn204.outside",
            {"indicator": _name(record), "years": _years(ctx, outside), "period": period, "last": last},
            evidence={"indicator": _name(record), "years": outside, "period": str(period), "last_allowed_year": last},
            fix="skn204.outside.fix",
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
        yield ctx.report(
            record.ref,
            "skn205.unmeasurable",
            {"indicator": _name(record), "years": _years(ctx, (y for y, _ in bad)), "texts": quoted},
            evidence={
                "indicator": _name(record),
                "targets": [{"year": y, "text": t} for y, t in bad],
                "unit": record.indicator.unit,
            },
            fix="skn205.unmeasurable.fix",
        )


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
        values = {
            "kind": ctx.text(_KIND_TEXTS[indicator.kind]),
            "indicator": _name(record),
            "before": plan.period.start - 1,
        }
        yield ctx.report(
            record.ref,
            "skn206.no-baseline",
            values,
            evidence={"indicator": _name(record), "kind": indicator.kind.value, "period": str(plan.period)},
            fix="skn206.no-baseline.fix",
        )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
