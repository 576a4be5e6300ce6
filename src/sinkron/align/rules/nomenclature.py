"""Rule family 1 — Nomenclature: codes exist in the nomenclature version of the plan year, names match, items sit under the right parent, penunjang is used correctly.

The year a code is checked against is :func:`lookup_year`: the plan year for a yearly plan (RKPD,
Renja, DPA) and the first year of the period for a medium-term plan (RPJMD, Renstra: a plan is
written in the nomenclature in force when it is drawn up).

Each code is checked against the list of its level (:meth:`Context.nomenclature_for`): provincial
kegiatan (variant digit ``1``, ``1.01.02.1.01``) against the provincial list, kab/kota ones (``2``)
against the kabupaten/kota list, other codes (program and above, the special-region variants) against
the list of the plan's government (:func:`~sinkron.align.rules._shared.plan_scope`). Whether a code
of one level belongs in a plan of the other is SKN107's question. When no provincial list is loaded,
provincial-variant codes are checked only up to the program level and SKN101 reports, once per plan,
an *info* finding that counts them, instead of one error per item.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from sinkron.align.context import Context
from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.index import BundleIndex, ItemRecord
from sinkron.align.rule import Rule, register_all, rule
from sinkron.align.rules._options import NameMatchOptions, UnknownCodeOptions
from sinkron.align.rules._shared import plan_government, plan_scope
from sinkron.codes import KABKOTA_VARIANT, PROVINCIAL_VARIANT, Code, CodeLevel, skpd_sectors
from sinkron.models import Plan, ref
from sinkron.nomenclature import (
    BASE_VERSION,
    KABKOTA_SCOPE,
    PROVINCIAL_SCOPE,
    CodeState,
    CodeStatus,
    Nomenclature,
    SearchHit,
    compare_names,
)
from sinkron.plugins.hookspecs import hookimpl

__all__ = ["PROVINCIAL_VARIANT", "agency_sectors", "code_scope", "level_name", "lookup_year"]


_LEVEL_NAMES = {
    CodeLevel.AFFAIR: "urusan",
    CodeLevel.SECTOR: "bidang urusan",
    CodeLevel.PROGRAM: "program",
    CodeLevel.ACTIVITY: "kegiatan",
    CodeLevel.SUB_ACTIVITY: "sub kegiatan",
}
_EXAMPLES = 10


def lookup_year(plan: Plan) -> int:
    """The year whose nomenclature a plan's codes are checked against.

    The plan year of a yearly plan; the first year of the period of a medium-term plan.
    """
    return plan.period.start  # the plan year of a yearly plan, whose period is that one year


def level_name(level: CodeLevel) -> str:
    """The Indonesian name of a code level (``sub kegiatan``), used in both languages."""
    return _LEVEL_NAMES[level]


def agency_sectors(index: BundleIndex, agency_id: str | None) -> tuple[Code, ...]:
    """The bidang urusan a perangkat daerah carries: its ``Agency.sectors``, else read from its SKPD code.

    ``1.03.0.00.0.00.01.0000`` carries ``1.03``; ``2.18.3.31.0.00.01.0000`` carries ``2.18`` and ``3.31``.
    Empty when neither tells. Computed once per agency and index.
    """
    cache: dict[str | None, tuple[Code, ...]] = index.derived("nomenclature.agency_sectors", lambda _: {})
    if agency_id in cache:
        return cache[agency_id]
    sectors: tuple[Code, ...] = ()
    agency = index.agencies.get(agency_id) if agency_id else None
    if agency is not None and agency.sectors:
        sectors = tuple(s for s in agency.sectors if s.level is CodeLevel.SECTOR and not s.is_generic)
    else:
        sectors = skpd_sectors(agency.code if agency is not None else agency_id or "") or ()
    cache[agency_id] = sectors
    return sectors


class _Statuses:
    """``Nomenclature.status`` per (list, code, year), computed once within a check."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, Code, int], CodeStatus] = {}

    def __call__(self, code: Code, year: int, nomenclature: Nomenclature) -> CodeStatus:
        key = (id(nomenclature), code, year)
        status = self._cache.get(key)
        if status is None:
            status = self._cache[key] = nomenclature.status(code, year)
        return status

    def name(self, code: Code, year: int, nomenclature: Nomenclature) -> str | None:
        status = self(code, year, nomenclature)
        return status.entry.name if status.state is CodeState.ACTIVE and status.entry is not None else None


def _statuses(ctx: Context) -> _Statuses:
    """The status cache of this check, shared by the family's rules (the index lives for one check)."""
    return ctx.index.derived("nomenclature.statuses", lambda _: _Statuses())


def _plans(ctx: Context) -> Iterator[tuple[Plan, int, list[ItemRecord]]]:
    for plan_id, records in ctx.index.items_by_plan.items():
        plan = ctx.index.plans[plan_id]
        yield plan, lookup_year(plan), records


def _version_label(ctx: Context, nomenclature: Nomenclature, year: int) -> str | Message:
    """How a list checked against is named: the shipped list as such, an imported one by its name, and the
    latest change list applied for ``year``."""
    first = nomenclature.versions[0]
    base: str | Message = nomenclature.name
    if first == BASE_VERSION:
        base = ctx.text("skn1.list.shipped", {"regulation": first.regulation})
    current = nomenclature.version_for(year)
    if current is first:
        return base
    # A change list named "Perubahan …" is not announced with "s.d. perubahan" a second time.
    amended = current.regulation.lower().startswith("perubahan")
    key = "skn1.version.amended.named" if amended else "skn1.version.amended"
    return ctx.text(key, {"base": base, "current": current.regulation})


def _named(code: Code, name: str | None) -> str:
    return f"{code} {name}" if name else str(code)


def _alternatives(ctx: Context, codes: list[str]) -> str | Message:
    """``a``, ``a atau b``, ``a atau b atau c`` (``or`` in English)."""
    text: str | Message = codes[0] if codes else ""
    for code in codes[1:]:
        text = ctx.text("skn1.or", {"first": text, "second": code})
    return text


# -- SKN101 -------------------------------------------------------------------------------------------
@rule(
    "SKN101",
    "unknown-code",
    Severity.ERROR,
    id="Kode program/kegiatan/sub kegiatan tidak terdapat dalam daftar nomenklatur yang dipakai untuk tahun rencana",
    en="Program/kegiatan/sub kegiatan code not in the nomenclature list used for the plan year",
    options=UnknownCodeOptions,
)
def unknown_code(ctx: Context) -> Iterator[Finding]:
    """Codes the nomenclature of the plan year does not know (neither active, retired nor added later).

    A legacy 2-digit code is judged by its 4-digit form, in the list of its level. Provincial kegiatan
    (variant ``1``) are checked up to the program part when no provincial list is loaded, and counted in
    one info finding per plan. With ``suggest`` the closest official name (score ≥ ``suggest_min_score``) is
    offered as the fix, for at most ``max_suggestions`` items per run.
    """
    statuses = _statuses(ctx)
    # Findings in order; an unknown code waits as (record, year, its list) until every unknown name is matched
    # at once (the suggestions), then becomes its finding.
    found: list[Finding | tuple[ItemRecord, int, Nomenclature]] = []
    for plan, year, records in _plans(ctx):
        scope = plan_scope(ctx.index, plan)
        provincial: list[ItemRecord] = []
        for record in records:
            code = record.code
            nomenclature = ctx.nomenclature_for(code, scope)
            if nomenclature is None:
                provincial.append(record)
                program_code = code.ancestor(CodeLevel.PROGRAM)
                program_list = ctx.nomenclature_for(program_code, scope) or ctx.nomenclature
                version = program_list.version_for(year)
                if (
                    program_code == record.program.code
                    or statuses(program_code, year, program_list).state is not CodeState.UNKNOWN
                ):
                    continue
                found.append(
                    ctx.report(
                        record.ref,
                        "skn101.provincial-program",
                        {
                            "level": level_name(record.level),
                            "code": code,
                            "program": program_code,
                            "year": year,
                            "version": _version_label(ctx, program_list, year),
                        },
                        evidence={
                            "code": str(code),
                            "program": str(program_code),
                            "year": year,
                            "nomenclature": version.regulation,
                            "provincial_variant": True,
                        },
                        fix="skn101.provincial-program.fix",
                    )
                )
                continue
            if statuses(code.modernised(), year, nomenclature).state is CodeState.UNKNOWN:
                found.append((record, year, nomenclature))
        if provincial:
            codes = sorted({str(r.code) for r in provincial})
            version = ctx.nomenclature.version_for(year)
            found.append(
                ctx.report(
                    plan.id,
                    "skn101.provincial-unloaded",
                    {"count": len(provincial)},
                    severity=Severity.INFO,
                    evidence={
                        "items": len(provincial),
                        "codes": codes[:_EXAMPLES],
                        "distinct_codes": len(codes),
                        "year": year,
                        "nomenclature": version.regulation,
                        "scope": version.scope,
                    },
                    fix="skn101.provincial-unloaded.fix",
                )
            )
    unknown = [f for f in found if isinstance(f, tuple)]
    suggestions = _suggestions(ctx, unknown) if ctx.option("suggest") and unknown else {}
    for finding in found:
        if isinstance(finding, tuple):
            yield _unknown_finding(ctx, *finding, suggestions)
        else:
            yield finding


def _unknown_finding(
    ctx: Context,
    record: ItemRecord,
    year: int,
    nomenclature: Nomenclature,
    suggestions: dict[tuple[str, str, CodeLevel, int], SearchHit],
) -> Finding:
    """SKN101's finding for an unknown code, with the closest official name of its list as the fix when there is one."""
    code = record.code
    evidence: dict[str, object] = {
        "code": str(code),
        "level": record.level.value,
        "name": record.item.name,
        "year": year,
        "nomenclature": nomenclature.version_for(year).regulation,
        "nomenclature_list": nomenclature.name,
    }
    values: dict[str, object] = {
        "level": level_name(record.level),
        "code": code,
        "year": year,
        "version": _version_label(ctx, nomenclature, year),
    }
    fix = "skn101.unknown.fix"
    hit = suggestions.get((nomenclature.name, _suggestion_query(record.item.name), record.level, year))
    suggested = hit.entry.code if hit is not None else None
    sector = code.sector
    if suggested is not None and suggested.is_generic and sector is not None and not sector.is_generic:
        suggested = suggested.in_sector(sector)  # a penunjang sub kegiatan, in the item's own bidang
    if hit is not None and suggested is not None and suggested != code:
        evidence["suggestion"] = {"code": str(suggested), "name": hit.entry.name, "score": hit.score}
        values.update(suggestion=suggested, suggestion_name=hit.entry.name)
        fix = "skn101.unknown.suggestion.fix"
    key = "skn101.unknown.in-force" if nomenclature.versions[0].in_force(year) else "skn101.unknown"
    return ctx.report(record.ref, key, values, evidence=evidence, fix=fix)


def _suggestion_query(name: str) -> str:
    """The name searched for: without the code SIPD writes in front of it (``"1.02.02.2.02.0001 Nama …"``)."""
    prefix, rest = Code.split_name(name)
    return rest if prefix is not None and rest else name


def _suggestions(
    ctx: Context, unknown: list[tuple[ItemRecord, int, Nomenclature]]
) -> dict[tuple[str, str, CodeLevel, int], SearchHit]:
    """The closest official name of each distinct (list, name, level, year) of the unknown items, matched once, in
    batch per list, level and year (:meth:`Nomenclature.closest`); at most ``max_suggestions`` distinct names are
    searched."""
    lists = {n.name: n for _, _, n in unknown}
    wanted = list(dict.fromkeys((n.name, _suggestion_query(r.item.name), r.level, year) for r, year, n in unknown))
    wanted = wanted[: int(ctx.option("max_suggestions"))]
    by_scope: dict[tuple[str, CodeLevel, int], list[str]] = {}
    for list_name, name, level, year in wanted:
        by_scope.setdefault((list_name, level, year), []).append(name)
    min_score = float(ctx.option("suggest_min_score"))
    found: dict[tuple[str, str, CodeLevel, int], SearchHit] = {}
    for (list_name, level, year), names in by_scope.items():
        closest = lists[list_name].closest(names, year=year, level=level, min_score=min_score)
        for name, hit in closest.items():
            found[(list_name, name, level, year)] = hit
    return found


# -- SKN102 -------------------------------------------------------------------------------------------
@rule(
    "SKN102",
    "retired-code",
    Severity.ERROR,
    id="Kode sudah dihapus/diganti, atau belum berlaku, pada tahun rencana",
    en="Code retired (or not yet valid) in the plan year",
)
def retired_code(ctx: Context) -> Iterator[Finding]:
    """Codes retired by a change list in force in the plan year (with the replacement), or added only later."""
    statuses = _statuses(ctx)
    for plan, year, records in _plans(ctx):
        scope = plan_scope(ctx.index, plan)
        for record in records:
            nomenclature = ctx.nomenclature_for(record.code, scope)
            if nomenclature is None:
                continue
            status = statuses(record.code.modernised(), year, nomenclature)
            code = record.code
            values: dict[str, object] = {"level": level_name(record.level), "code": code, "year": year}
            if status.state is CodeState.RETIRED:
                by = status.changed_by
                regulation = by.regulation if by is not None else status.version.regulation
                values["regulation"] = regulation
                evidence: dict[str, object] = {
                    "code": str(code),
                    "level": record.level.value,
                    "name": record.item.name,
                    "year": year,
                    "state": "retired",
                    "changed_by": regulation,
                    "effective_year": by.effective_year if by is not None else None,
                    "replacement": None,
                }
                key, fix = "skn102.retired", "skn102.retired.fix"
                replacement = status.replacement
                if replacement is not None:
                    new_name = statuses.name(replacement, year, nomenclature)
                    evidence["replacement"] = str(replacement)
                    evidence["replacement_name"] = new_name
                    values.update(replacement=replacement, replacement_named=_named(replacement, new_name))
                    key, fix = "skn102.replaced", "skn102.replaced.fix"
                yield ctx.report(record.ref, key, values, evidence=evidence, fix=fix)
            elif status.state is CodeState.NOT_YET:
                by = status.changed_by
                since = by.effective_year if by is not None else None
                regulation = by.regulation if by is not None else "?"
                yield ctx.report(
                    record.ref,
                    "skn102.not-yet",
                    {**values, "since": since, "regulation": regulation},
                    evidence={
                        "code": str(code),
                        "level": record.level.value,
                        "name": record.item.name,
                        "year": year,
                        "state": "not_yet",
                        "valid_from": since,
                        "changed_by": regulation,
                    },
                    fix="skn102.not-yet.fix",
                )


# -- SKN103 -------------------------------------------------------------------------------------------
@rule(
    "SKN103",
    "legacy-code",
    Severity.WARNING,
    id="Nomor sub kegiatan masih 2 digit (format lama); nomenklatur memakai 4 digit",
    en="Sub kegiatan number written with 2 digits (old format); the nomenclature uses 4",
)
def legacy_code(ctx: Context) -> Iterator[Finding]:
    """Sub kegiatan codes in the pre-050-5889/2021 2-digit form, with their 4-digit form as the fix."""
    statuses = _statuses(ctx)
    for plan, year, records in _plans(ctx):
        scope = plan_scope(ctx.index, plan)
        for record in records:
            code = record.code
            if not code.is_legacy:
                continue
            modern = code.modernised()
            state = statuses(modern, year, ctx.nomenclature_for(code, scope) or ctx.nomenclature).state
            yield ctx.report(
                record.ref,
                "skn103.legacy",
                {"code": code, "modern": modern},
                evidence={
                    "code": str(code),
                    "replacement": str(modern),
                    "year": year,
                    "replacement_state": state.value,
                },
                fix="skn103.legacy.fix",
            )


# -- SKN104 -------------------------------------------------------------------------------------------
@rule(
    "SKN104",
    "name-mismatch",
    Severity.WARNING,
    id="Nama program/kegiatan/sub kegiatan berbeda dari nama resmi dalam nomenklatur",
    en="Program/kegiatan/sub kegiatan name differs from the official name",
    options=NameMatchOptions,
)
def name_mismatch(ctx: Context) -> Iterator[Finding]:
    """Names that differ from the official one beyond tolerated variants (case, spacing, abbreviations,
    small misspellings; see :func:`sinkron.nomenclature.compare_names`). ``threshold`` is the minimum
    similarity (0–100) for a variant. A code written before the name (SIPD ``nama_sub_giat``) is ignored.
    """
    statuses = _statuses(ctx)
    threshold = float(ctx.option("threshold"))
    compared: dict[tuple[str, str], tuple[bool, float]] = {}
    for plan, year, records in _plans(ctx):
        scope = plan_scope(ctx.index, plan)
        for record in records:
            nomenclature = ctx.nomenclature_for(record.code, scope)
            if nomenclature is None:
                continue
            status = statuses(record.code.modernised(), year, nomenclature)
            if status.state is not CodeState.ACTIVE or status.entry is None:
                continue
            official = status.entry.name
            name = record.item.name
            if name == official:
                continue
            key = (name, official)
            result = compared.get(key)
            if result is None:
                text = name
                if text[:1].isdigit():
                    prefix, rest = Code.split_name(text)
                    if prefix is not None and rest and prefix.modernised() == record.code.modernised():
                        text = rest
                match = compare_names(text, official, threshold=threshold)
                result = compared[key] = (match.matches, match.score)
            if result[0]:
                continue
            yield ctx.report(
                record.ref,
                "skn104.mismatch",
                {"level": level_name(record.level), "code": record.code, "name": name, "official": official},
                evidence={
                    "code": str(record.code),
                    "name": name,
                    "official_name": official,
                    "similarity": result[1],
                    "year": year,
                },
                fix="skn104.mismatch.fix",
            )


# -- SKN105 -------------------------------------------------------------------------------------------
def _same_parent(expected: Code, actual: Code) -> bool:
    if expected == actual:
        return True
    return (expected.is_generic or actual.is_generic) and expected.as_generic() == actual.as_generic()


@rule(
    "SKN105",
    "wrong-parent",
    Severity.ERROR,
    id="Kegiatan/sub kegiatan berada di bawah program/kegiatan dengan kode lain",
    en="Kegiatan/sub kegiatan placed under a program/kegiatan of another code",
)
def wrong_parent(ctx: Context) -> Iterator[Finding]:
    """A kegiatan whose code is not under its program's code, or a sub kegiatan not under its kegiatan's.

    A generic ``X.XX`` penunjang code under the same penunjang parent of a concrete bidang (or the
    reverse) is not a wrong parent (SKN106 reports the generic code).
    """
    statuses = _statuses(ctx)
    for plan, year, records in _plans(ctx):
        scope = plan_scope(ctx.index, plan)
        for record in records:
            parent = record.parent
            if parent is None:
                continue
            expected = record.code.parent
            assert expected is not None
            if _same_parent(expected, parent.code):
                continue
            present = bool(ctx.index.items_by_code.get((plan.id, expected)))
            expected_name = statuses.name(expected, year, ctx.nomenclature_for(expected, scope) or ctx.nomenclature)
            values = {
                "level": level_name(record.level),
                "code": record.code,
                "parent_level": level_name(parent.code.level),
                "parent": parent.code,
                "expected": expected,
                "expected_named": _named(expected, expected_name),
            }
            yield ctx.report(
                record.ref,
                "skn105.wrong-parent",
                values,
                evidence={
                    "code": str(record.code),
                    "parent": str(parent.code),
                    "expected_parent": str(expected),
                    "expected_parent_name": expected_name,
                    "expected_parent_in_plan": present,
                },
                fix="skn105.wrong-parent.in-plan.fix" if present else "skn105.wrong-parent.fix",
            )


# -- SKN106 -------------------------------------------------------------------------------------------
@rule(
    "SKN106",
    "penunjang-misuse",
    Severity.WARNING,
    id="Program penunjang (01) dipakai di luar bidang urusan perangkat daerah, atau kode generik X.XX tertinggal",
    en="Penunjang program (01) used outside the agency's bidang urusan, or a generic X.XX code left in the plan",
)
def penunjang_misuse(ctx: Context) -> Iterator[Finding]:
    """Two misuses of the program penunjang urusan pemerintahan daerah (``01``).

    * A generic ``X.XX…`` code left in a plan (the template form): one finding at the highest generic
      item, counting the generic items below it; the fix names the code in the agency's bidang.
    * A concrete penunjang code (``1.03.01…``) under a bidang the perangkat daerah does not carry
      (``Agency.sectors``, else read from its SKPD code). Reported at the program, and at a kegiatan or
      sub kegiatan only when its bidang differs from its program's.
    """
    for _plan, _year, records in _plans(ctx):
        generic_tops: dict[str, list[ItemRecord]] = {}
        for record in records:
            code = record.code
            if code.is_generic:
                top = record
                if record.program.code.is_generic:
                    top_ref = ref(record.plan.id, record.program.id)
                elif record.activity is not None and record.activity.code.is_generic:
                    top_ref = ref(record.plan.id, record.activity.id)
                else:
                    top_ref = top.ref
                generic_tops.setdefault(top_ref, []).append(record)
                continue
            if not code.is_support:
                continue
            if record.parent is not None:
                program_code = record.program.code
                if program_code.is_support and program_code.sector == code.sector:
                    continue
            sectors = agency_sectors(ctx.index, record.agency_id)
            sector = code.sector
            if not sectors or sector is None or sector in sectors:
                continue
            candidates = [str(code.as_generic().in_sector(s)) for s in sectors]
            values = {
                "level": level_name(record.level),
                "code": code,
                "sector": sector,
                "agency": ctx.index.path(record.agency_id) if record.agency_id else "?",
                "sectors": ", ".join(map(str, sectors)),
                "candidates": _alternatives(ctx, candidates),
            }
            yield ctx.report(
                record.ref,
                "skn106.other-sector",
                values,
                evidence={
                    "code": str(code),
                    "sector": str(sector),
                    "agency": record.agency_id,
                    "agency_sectors": [str(s) for s in sectors],
                    "replacement": candidates,
                },
                fix="skn106.other-sector.fix",
            )
        for top_ref, group in generic_tops.items():
            top_record = ctx.index.items[top_ref]
            code = top_record.code
            sectors = agency_sectors(ctx.index, top_record.agency_id)
            candidates = [str(code.in_sector(s)) for s in sectors]
            below = sum(1 for r in group if r.ref != top_ref)
            yield ctx.report(
                top_ref,
                "skn106.generic.with-below" if below else "skn106.generic",
                {"code": code, "below": below, "candidates": _alternatives(ctx, candidates)},
                evidence={
                    "code": str(code),
                    "level": top_record.level.value,
                    "generic_items_below": below,
                    "agency": top_record.agency_id,
                    "agency_sectors": [str(s) for s in sectors],
                    "replacement": candidates,
                },
                fix="skn106.generic.fix" if candidates else "skn106.generic.no-sector.fix",
            )


# -- SKN107 -------------------------------------------------------------------------------------------
_SCOPE_OF_VARIANT = {PROVINCIAL_VARIANT: PROVINCIAL_SCOPE, KABKOTA_VARIANT: KABKOTA_SCOPE}
_VARIANT_OF_SCOPE = {scope: variant for variant, scope in _SCOPE_OF_VARIANT.items()}
_SCOPE_KEYS = {PROVINCIAL_SCOPE: "skn1.scope.provinsi", KABKOTA_SCOPE: "skn1.scope.kabkota"}
_CONCURRENT_AFFAIRS = frozenset("123")
"""Urusan pemerintahan konkuren (wajib pelayanan dasar, wajib non pelayanan dasar, pilihan): the urusan
the Lampiran of UU 23/2014 divides between the levels of government. Unsur (4–9) are not divided."""


def code_scope(code: Code) -> str | None:
    """The level of government a code's kegiatan variant belongs to: ``provinsi`` (digit ``1``) or
    ``kabupaten/kota`` (digit ``2``); ``None`` for a code above the kegiatan level, a special-region variant
    (``3``–``8``), a penunjang code (program ``01``, shared by every level) and an unsur code (urusan 4–9).

    >>> code_scope(Code.parse("1.01.02.1.01.0001")), code_scope(Code.parse("1.02.02.2.02"))
    ('provinsi', 'kabupaten/kota')
    >>> code_scope(Code.parse("1.02.01.2.01.0001")), code_scope(Code.parse("7.01.02.2.01"))
    (None, None)
    """
    variant = code.variant
    if variant is None or code.is_support or code.is_generic or code.parts[0] not in _CONCURRENT_AFFAIRS:
        return None
    return _SCOPE_OF_VARIANT.get(variant)


@rule(
    "SKN107",
    "kewenangan",
    Severity.ERROR,
    id="Kegiatan/sub kegiatan dari nomenklatur tingkat pemerintahan lain (kewenangan, Lampiran UU 23/2014)",
    en="Kegiatan/sub kegiatan from the nomenclature of the other level of government (kewenangan, UU 23/2014)",
)
def kewenangan(ctx: Context) -> Iterator[Finding]:
    """A provincial-variant kegiatan (digit ``1``) in a kabupaten/kota plan, or a kab/kota-variant one
    (digit ``2``) in a provincial plan: the Lampiran of UU 23/2014 gives each sub-urusan to one level.

    Reported at the kegiatan (its sub kegiatan carry the same variant and are counted in the evidence),
    and at a sub kegiatan only when its kegiatan is not reported. A plan whose every judged kegiatan (two
    or more) belongs to the other level gets one finding instead, at the plan: the whole plan is written in
    the other level's list, or its government is the wrong one. Penunjang codes (program ``01``) and
    unsur codes (urusan 4–9) are exempt (:func:`code_scope`); the plan's level is
    :func:`~sinkron.align.rules._shared.plan_scope` (plans whose government is unknown are not judged).
    """
    for plan, _year, records in _plans(ctx):
        scope = plan_scope(ctx.index, plan)
        if scope is None:
            continue
        misplaced = _misplaced(records, scope)
        if not misplaced:
            continue
        government_id = plan_government(ctx.index, plan)
        government = ctx.index.governments.get(government_id) if government_id else None
        values: dict[str, object] = {
            "plan_scope": ctx.text(_SCOPE_KEYS[scope]),
            "government": government.name if government is not None else government_id,
            "expected_variant": _VARIANT_OF_SCOPE[scope],
        }
        evidence: dict[str, object] = {
            "plan_government_level": scope,
            "government": government_id,
            "regulation": "UU 23/2014, Lampiran",
        }
        judged = [r for r in records if r.level is CodeLevel.ACTIVITY and code_scope(r.code) is not None]
        if len(misplaced) >= 2 and all(r.level is CodeLevel.ACTIVITY for r in misplaced) and misplaced == judged:
            yield _whole_plan(ctx, plan, misplaced, values, evidence)
            continue
        below = Counter(
            ref(plan.id, r.activity.id) for r in records if r.level is CodeLevel.SUB_ACTIVITY and r.activity
        )
        for record in misplaced:
            code = record.code
            belongs_to = code_scope(code)
            assert belongs_to is not None
            yield ctx.report(
                record.ref,
                "skn107.kewenangan",
                {
                    **values,
                    "level": level_name(record.level),
                    "code": code,
                    "variant": code.variant,
                    "code_scope": ctx.text(_SCOPE_KEYS[belongs_to]),
                },
                evidence={
                    **evidence,
                    "code": str(code),
                    "level": record.level.value,
                    "variant": code.variant,
                    "code_government_level": belongs_to,
                    "sub_activities": below[record.ref],
                },
                fix="skn107.kewenangan.fix",
            )


def _misplaced(records: list[ItemRecord], scope: str) -> list[ItemRecord]:
    """The kegiatan of the other level's variant, and sub kegiatan of it under a kegiatan that is not."""
    out = []
    for record in records:
        belongs_to = code_scope(record.code)
        if belongs_to is None or belongs_to == scope:
            continue
        activity = record.activity if record.level is CodeLevel.SUB_ACTIVITY else None
        if activity is not None and code_scope(activity.code) == belongs_to:
            continue  # reported at its kegiatan
        out.append(record)
    return out


def _whole_plan(
    ctx: Context, plan: Plan, misplaced: list[ItemRecord], values: dict[str, object], evidence: dict[str, object]
) -> Finding:
    """One finding for a plan written entirely in the other level's codes (a wrong list, or a wrong government)."""
    belongs_to = code_scope(misplaced[0].code)
    assert belongs_to is not None
    codes = sorted(str(r.code) for r in misplaced)
    return ctx.report(
        plan.id,
        "skn107.kewenangan.plan",
        {**values, "count": len(misplaced), "code_scope": ctx.text(_SCOPE_KEYS[belongs_to])},
        evidence={
            **evidence,
            "code_government_level": belongs_to,
            "kegiatan": len(codes),
            "codes": codes[:_EXAMPLES],
        },
        fix="skn107.kewenangan.plan.fix",
    )


@hookimpl
def sinkron_register_rules(register: Callable[[Rule], None]) -> None:
    register_all(__name__, register)
