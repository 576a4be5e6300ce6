"""Rule family 4, budget quality: mandatory spending shares, the 2025 efficiency categories, SPM coverage.

SKN406 and SKN407 read the rincian belanja (:class:`~sinkron.BudgetLine`, the RKA/DPA lines of each sub
kegiatan). For each government and year they use the most final yearly plans that carry lines (DPA,
else Renja PD, else RKPD), so a line is never counted twice. When no yearly regional plan of the
bundle has a line, each rule says once (info) that it could not run.

Akun belanja (kode rekening, Permendagri 90/2019 as updated by Kepmendagri 050-5889/2021):
``5.1.01`` belanja pegawai, ``5.2`` belanja modal (``5.2.03`` gedung dan bangunan, ``5.2.04`` jalan,
jaringan dan irigasi), ``5.4`` belanja transfer, ``5.1.02.04`` perjalanan dinas,
``5.1.02.01.01.0024`` alat tulis kantor, ``5.1.01.03.07`` honorarium.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import attrs

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Severity
from sinkron.align.index import BundleIndex
from sinkron.align.messages import format_value
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import EfficiencyOptions, MandatorySpendingOptions, SpmOptions
from sinkron.align.rules._shared import cached, pagu_of, plan_government, regional_plans
from sinkron.codes import Code
from sinkron.models import BudgetLine, GovernmentLevel, Plan, PlanKind, SubActivity, ref
from sinkron.names import tokens
from sinkron.plugins.hookspecs import hookimpl
from sinkron.spm import SpmService, default_spm_list, read_spm_list

__all__ = ["EFFICIENCY_CATEGORIES", "LineSet", "efficiency_category", "line_sets"]

#: The yearly plans that carry rincian belanja, most final first.
_LINE_PLAN_KINDS = (PlanKind.DPA, PlanKind.RENJA_PD, PlanKind.RKPD)


def _segments(account: str) -> tuple[int, ...]:
    return tuple(int(part) for part in account.split("."))


def _under(account: str, prefix: str) -> bool:
    """True when the kode akun is ``prefix`` or below it (``5.1.2.4`` and ``5.1.02.04`` read the same)."""
    mine, theirs = _segments(account), _segments(prefix)
    return mine[: len(theirs)] == theirs


@attrs.frozen(kw_only=True)
class LineSet:
    """The rincian belanja of one government and year: the plans read and each line with its sub kegiatan."""

    government: str | None
    year: int
    kind: PlanKind
    plans: tuple[Plan, ...]
    lines: tuple[tuple[Plan, SubActivity, BudgetLine], ...]

    def total(self, keep: Callable[[SubActivity, BudgetLine], bool] = lambda s, line: True) -> Decimal:
        """The sum of the lines that ``keep`` accepts."""
        return sum((line.amount.amount for _, sub, line in self.lines if keep(sub, line)), Decimal(0))


def _build_line_sets(index: BundleIndex) -> list[LineSet]:
    found: dict[tuple[str | None, int], dict[PlanKind, list[Plan]]] = defaultdict(lambda: defaultdict(list))
    for plan in regional_plans(index):
        if plan.kind not in _LINE_PLAN_KINDS or not any(s.budget_lines for s in plan.sub_activities()):
            continue
        found[(plan_government(index, plan), plan.period.start)][plan.kind].append(plan)
    out = []
    for (government, year), by_kind in sorted(found.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        kind = next(k for k in _LINE_PLAN_KINDS if k in by_kind)
        plans = tuple(by_kind[kind])
        lines = tuple((p, s, line) for p in plans for s in p.sub_activities() for line in s.budget_lines)
        out.append(LineSet(government=government, year=year, kind=kind, plans=plans, lines=lines))
    return out


def line_sets(index: BundleIndex) -> list[LineSet]:
    """The rincian belanja of each government and year (the most final plan kind that has lines)."""
    return cached(index, "budget.line_sets", _build_line_sets)


def _absent(ctx: Context) -> Iterator[Finding]:
    """The one info finding of a rule that found no rincian belanja in a bundle with yearly regional plans."""
    yearly = [p for p in regional_plans(ctx.index) if p.kind.is_yearly]
    if not yearly:
        return
    subject = plan_government(ctx.index, yearly[0]) or yearly[0].id
    yield ctx.report(
        subject,
        "skn4.no-lines",
        {"count": len(yearly)},
        evidence={"plans_checked": [p.id for p in yearly]},
        fix="skn4.no-lines.fix",
        severity=Severity.INFO,
    )


def _government_name(index: BundleIndex, government: str | None, plans: Iterable[Plan]) -> str:
    found = index.governments.get(government or "")
    if found is not None:
        return found.name
    return next(iter(plans)).title if government is None else government


# -- SKN406 ------------------------------------------------------------------------------------------------
@rule(
    "SKN406",
    "mandatory-spending",
    Severity.WARNING,
    id="Porsi belanja wajib (pegawai, infrastruktur pelayanan publik, pendidikan) di luar batas peraturan",
    en="A mandatory spending share (personnel, public-service infrastructure, education) is outside its legal bound",
    options=MandatorySpendingOptions,
)
def mandatory_spending(ctx: Context) -> Iterator[Finding]:
    """Per government and year, from the rincian belanja: belanja pegawai (``5.1.01``) at most
    ``max_personnel_share`` of all belanja (UU 1/2022 Pasal 146); belanja infrastruktur pelayanan publik
    (the ``infrastructure_accounts``) at least ``min_infrastructure_share`` of belanja without belanja
    transfer ``5.4`` (Pasal 147); the lines of sub kegiatan of urusan pendidikan (``1.01``) at least
    ``min_education_share`` of all belanja (UUD 1945 Pasal 31 ayat (4)).

    The bounds are of the whole APBD: a government and year is judged only when its lines add up to at
    least ``min_coverage`` of the pagu of its RKPD in the bundle. Otherwise one info finding gives the
    shares of the plans loaded, judged against nothing.
    """
    sets = line_sets(ctx.index)
    if not sets:
        yield from _absent(ctx)
        return
    for lines in sets:
        total = lines.total()
        if total:
            yield from _judge_shares(ctx, lines, total)


@attrs.frozen
class _Share:
    """One mandatory share: its message and fix keys, the amount, the base it is a share of, its option."""

    key: str
    fix: str
    amount: Decimal
    base: Decimal
    option: str

    @property
    def value(self) -> Decimal:
        return (self.amount / self.base).quantize(Decimal("0.0001")) if self.base else Decimal(0)

    def within(self, bound: Decimal) -> bool:
        return self.value <= bound if self.option.startswith("max") else self.value >= bound


def _shares(ctx: Context, lines: LineSet, total: Decimal) -> tuple[_Share, _Share, _Share]:
    """Belanja pegawai, belanja infrastruktur pelayanan publik and urusan pendidikan, as shares."""
    infrastructure = ctx.option("infrastructure_accounts")
    education = Code.parse("1.01")
    return (
        _Share(
            "skn406.personnel",
            "skn406.personnel.fix",
            lines.total(lambda s, line: _under(line.account, "5.1.01")),
            total,
            "max_personnel_share",
        ),
        _Share(
            "skn406.infrastructure",
            "skn406.infrastructure.fix",
            lines.total(lambda s, line: any(_under(line.account, p) for p in infrastructure)),
            lines.total(lambda s, line: not _under(line.account, "5.4")),
            "min_infrastructure_share",
        ),
        _Share(
            "skn406.education",
            "skn406.education.fix",
            lines.total(lambda s, line: s.code.is_within(education)),
            total,
            "min_education_share",
        ),
    )


def _rkpd_pagu(index: BundleIndex, government: str | None, year: int) -> Decimal | None:
    """The sub kegiatan pagu of the government's RKPD for ``year`` in the bundle (``None`` without one)."""
    plans = [
        p
        for p in regional_plans(index)
        if p.kind is PlanKind.RKPD and p.period.start == year and plan_government(index, p) == government
    ]
    if not plans:
        return None
    return sum((pagu_of(s, year) or Decimal(0) for p in plans for s in p.sub_activities()), Decimal(0))


def _judge_shares(ctx: Context, lines: LineSet, total: Decimal) -> Iterator[Finding]:
    personnel, infrastructure, education = shares = _shares(ctx, lines, total)
    values: dict[str, object] = {
        "government": _government_name(ctx.index, lines.government, lines.plans),
        "year": lines.year,
    }
    subject = lines.government or lines.plans[0].id
    rkpd = _rkpd_pagu(ctx.index, lines.government, lines.year)
    evidence: dict[str, object] = {
        "government": lines.government,
        "year": lines.year,
        "plan_kind": lines.kind.value,
        "plans": [p.id for p in lines.plans],
        "total": total,
        "rkpd_pagu": rkpd,
        "shares": {s.option: s.value for s in shares},
    }
    if rkpd is None or total < ctx.option("min_coverage") * rkpd:
        values |= {
            "total": total,
            "rkpd": rkpd or Decimal(0),
            "personnel": personnel.value,
            "infrastructure": infrastructure.value,
            "education": education.value,
        }
        key = "skn406.partial.no-rkpd" if rkpd is None else "skn406.partial"
        yield ctx.report(subject, key, values, evidence=evidence, severity=Severity.INFO)
        return
    for share in shares:
        bound = ctx.option(share.option)
        if not share.base or share.within(bound):
            continue
        yield ctx.report(
            subject,
            share.key,
            values | {"share": share.value, "amount": share.amount, "base": share.base, "bound": bound},
            evidence=evidence | {"amount": share.amount, "base": share.base, "share": share.value, share.option: bound},
            fix=share.fix,
        )


# -- SKN407 ------------------------------------------------------------------------------------------------
#: Inpres 1/2025 categories: kode akun prefixes and words of the line (component, uraian, kelompok).
EFFICIENCY_CATEGORIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "perjalanan dinas": (("5.1.02.04",), ("perjalanan dinas",)),
    "alat tulis kantor": (("5.1.02.01.01.0024",), ("alat tulis kantor",)),
    "honorarium": (("5.1.01.03.07",), ("honorarium",)),
    "seremonial": ((), ("seremonial", "seremoni", "peresmian", "perayaan")),
    "kajian": ((), ("kajian", "analisis", "studi banding")),
}
_TRAVEL = "perjalanan dinas"


def efficiency_category(line: BudgetLine) -> str | None:
    """The Inpres 1/2025 category of a line (by kode akun, else by its words), or ``None``.

    >>> from sinkron import BudgetLine, Money
    >>> efficiency_category(BudgetLine(account="5.1.02.04.01.0001", component="Perjalanan Dinas Biasa",
    ...                                unit_price=Money(1), volumes=(1,), amount=Money(1)))
    'perjalanan dinas'
    >>> efficiency_category(BudgetLine(account="5.1.02.02.01.0013", component="Jasa Tenaga Kajian Kebijakan",
    ...                                unit_price=Money(1), volumes=(1,), amount=Money(1)))
    'kajian'
    """
    words = " " + " ".join(tokens(" ".join(t for t in (line.component, line.description, line.group) if t))) + " "
    for name, (accounts, _) in EFFICIENCY_CATEGORIES.items():
        if any(_under(line.account, a) for a in accounts):
            return name
    for name, (_, phrases) in EFFICIENCY_CATEGORIES.items():
        if any(f" {' '.join(tokens(p))} " in words for p in phrases):
            return name
    return None


def _agency_spending(index: BundleIndex) -> dict[str, dict[int, tuple[Decimal, dict[str, Decimal]]]]:
    """Per perangkat daerah and year: all belanja and the amount of each Inpres 1/2025 category."""
    out: dict[str, dict[int, tuple[Decimal, dict[str, Decimal]]]] = defaultdict(dict)
    for lines in line_sets(index):
        totals: dict[str, Decimal] = defaultdict(Decimal)
        categories: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for plan, sub, line in lines.lines:
            agency = sub.agency_id or plan.owner_id or plan.id
            totals[agency] += line.amount.amount
            category = efficiency_category(line)
            if category is not None:
                categories[agency][category] += line.amount.amount
        for agency, total in totals.items():
            out[agency][lines.year] = (total, dict(categories[agency]))
    return out


def _shares_text(total: Decimal, amounts: dict[str, Decimal]) -> str:
    parts = [
        f"{name} {format_value(amounts[name], 'rp', 'id')} ({format_value(amounts[name] / total, '%', 'id')})"
        for name in EFFICIENCY_CATEGORIES
        if amounts.get(name)
    ]
    return "; ".join(parts) if parts else "–"


def _changes(before: dict[str, Decimal], after: dict[str, Decimal], min_cut: Decimal, max_growth: Decimal) -> list[str]:
    """The categories whose change breaks Inpres 1/2025: perjalanan dinas not cut enough, others grown."""
    out = []
    for name in EFFICIENCY_CATEGORIES:
        old, new = before.get(name, Decimal(0)), after.get(name, Decimal(0))
        if name == _TRAVEL:
            if old and new > old * (1 - min_cut):
                out.append(name)
        elif new > old * (1 + max_growth):
            out.append(name)
    return out


@rule(
    "SKN407",
    "efficiency-spending",
    Severity.WARNING,
    id="Belanja yang dibatasi Inpres 1/2025 (perjalanan dinas, ATK, seremonial, honorarium, kajian) tidak dihemat",
    en="Spending that Inpres 1/2025 limits (travel, office stationery, ceremonies, honoraria, studies) is not cut",
    options=EfficiencyOptions,
)
def efficiency_spending(ctx: Context) -> Iterator[Finding]:
    """Per perangkat daerah, the share of its rincian belanja in each category of Inpres 1/2025. Where the
    bundle holds the year before, perjalanan dinas must fall by ``min_travel_cut`` and the other
    categories must not grow by more than ``max_growth`` (warning); an agency with one year gets an
    info finding giving its shares, when it spends on a category at all.
    """
    if not line_sets(ctx.index):
        yield from _absent(ctx)
        return
    min_cut, max_growth = ctx.option("min_travel_cut"), ctx.option("max_growth")
    for agency, years in sorted(_agency_spending(ctx.index).items()):
        name = ctx.index.agencies[agency].name if agency in ctx.index.agencies else agency
        for year, (total, amounts) in sorted(years.items()):
            evidence: dict[str, object] = {
                "agency": agency,
                "year": year,
                "total": total,
                "categories": {k: amounts.get(k, Decimal(0)) for k in EFFICIENCY_CATEGORIES},
            }
            before = years.get(year - 1)
            values = {"agency": name, "year": year, "shares": _shares_text(total, amounts), "total": total}
            if before is None:
                if amounts and year + 1 not in years:
                    yield ctx.report(agency, "skn407.shares", values, evidence=evidence, severity=Severity.INFO)
                continue
            broken = _changes(before[1], amounts, min_cut, max_growth)
            if not broken:
                continue
            evidence |= {
                "previous_total": before[0],
                "previous_categories": {k: before[1].get(k, Decimal(0)) for k in EFFICIENCY_CATEGORIES},
                "not_cut": broken,
                "min_travel_cut": min_cut,
                "max_growth": max_growth,
            }
            values |= {
                "previous": year - 1,
                "before": _shares_text(before[0], before[1]),
                "categories": ", ".join(broken),
            }
            yield ctx.report(agency, "skn407.not-cut", values, evidence=evidence, fix="skn407.not-cut.fix")


# -- SKN408 ------------------------------------------------------------------------------------------------
_SPM_LEVELS = {
    GovernmentLevel.PROVINCE: "provinsi",
    GovernmentLevel.REGENCY: "kabkota",
    GovernmentLevel.CITY: "kabkota",
}


def _spm_services(ctx: Context) -> tuple[SpmService, ...]:
    path = ctx.option("spm_list")
    return read_spm_list(Path(path)) if path else default_spm_list()


def _funded(sub: SubActivity, year: int) -> bool:
    amount = pagu_of(sub, year)
    return amount is not None and amount > 0


def _targeted(sub: SubActivity, year: int) -> bool:
    return any(i.target_for(year) is not None for i in sub.indicators)


@rule(
    "SKN408",
    "spm-not-planned",
    Severity.WARNING,
    id="Sub kegiatan Standar Pelayanan Minimal (SPM) tidak ada, tidak berpagu atau tidak bertarget dalam RKPD",
    en="A Standar Pelayanan Minimal (SPM) sub kegiatan is missing from the RKPD, or has no pagu or no target",
    options=SpmOptions,
)
def spm_not_planned(ctx: Context) -> Iterator[Finding]:
    """Each RKPD of a province or kab/kota must hold, for every SPM service of its level (PP 2/2018;
    Permendagri 59/2021), a sub kegiatan of the service's code with a pagu and a target in the plan year.
    With ``scope`` ``bidang`` only the SPM fields whose bidang urusan the RKPD holds are judged. The services
    an RKPD lacks make one finding on the plan, grouped by field.
    """
    services = _spm_services(ctx)
    for plan in ctx.index.bundle.plans:
        if plan.kind is not PlanKind.RKPD:
            continue
        government = ctx.index.governments.get(plan_government(ctx.index, plan) or "")
        level = _SPM_LEVELS.get(government.level) if government is not None else None
        if level is None:
            continue
        year = plan.period.start
        subs = list(plan.sub_activities())
        sectors = {s.code.sector for s in subs}
        wanted = [s for s in services if s.level == level and (ctx.option("scope") == "all" or _sector(s) in sectors)]
        missing: list[SpmService] = []
        for service in wanted:
            found = [s for s in subs if service.covers(s.code)]
            if not found:
                missing.append(service)
            elif not any(_funded(s, year) for s in found) or not any(_targeted(s, year) for s in found):
                yield _unplanned(ctx, plan, year, service, found[0])
        if missing:
            yield _missing(ctx, plan, year, level, missing)


def _missing(ctx: Context, plan: Plan, year: int, level: str, missing: list[SpmService]) -> Finding:
    """One finding per RKPD naming every SPM service it lacks, grouped by field."""
    by_field: dict[str, list[SpmService]] = defaultdict(list)
    for service in missing:
        by_field[service.field].append(service)
    services = "; ".join(
        f"{field.replace('_', ' ')}: " + ", ".join(f"{s.code} {s.name}" for s in group)
        for field, group in by_field.items()
    )
    return ctx.report(
        plan.id,
        "skn408.missing",
        {"plan": plan.title, "count": len(missing), "services": services},
        evidence={
            "plan": plan.id,
            "year": year,
            "level": level,
            "fields": list(by_field),
            "missing": [{"field": s.field, "code": s.code, "service": s.name, "status": s.status} for s in missing],
        },
        fix="skn408.missing.fix",
    )


def _sector(service: SpmService) -> Code | None:
    return Code.parse(service.code).sector


def _unplanned(ctx: Context, plan: Plan, year: int, service: SpmService, sub: SubActivity) -> Finding:
    funded, targeted = _funded(sub, year), _targeted(sub, year)
    key = "skn408.no-target" if funded else ("skn408.no-pagu" if targeted else "skn408.no-pagu-target")
    return ctx.report(
        ref(plan.id, sub.id),
        key,
        {"code": str(sub.code), "service": service.name, "year": year},
        evidence={
            "plan": plan.id,
            "year": year,
            "service": service.name,
            "spm_code": service.code,
            "status": service.status,
            "funded": funded,
            "targeted": targeted,
        },
        fix="skn408.unplanned.fix",
    )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
