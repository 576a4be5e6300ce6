"""The declared options of the built-in rules (see :mod:`sinkron.options`), one class per set of options.

A rule names its class in ``@rule(..., options=...)`` and reads typed values with ``ctx.option(name)``:
a tolerance is a :class:`~decimal.Decimal`, a list of plan kinds a tuple of :class:`~sinkron.PlanKind`.
Percentages are numbers of percent (``75`` is 75 %); tolerances are fractions (``0.10`` is 10 %).
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from sinkron.codes import CodeLevel
from sinkron.models import IndicatorKind, PlanKind, PriorityKind
from sinkron.names import VARIANT_THRESHOLD
from sinkron.options import at_least, between, one_of, option

__all__ = [
    "SURVEY_MARGINS",
    "AbsorptionOptions",
    "AchievementOptions",
    "BaselineOptions",
    "BudgetSumOptions",
    "CashPlanGapOptions",
    "DakCapOptions",
    "EfficiencyOptions",
    "ForwardYearsOptions",
    "IndicatorLevelsOptions",
    "KpCoverageOptions",
    "MandatorySpendingOptions",
    "NameMatchOptions",
    "NationalPriorityOptions",
    "PaguToleranceOptions",
    "PriorityShareOptions",
    "ProjectedYearEndOptions",
    "RankingOptions",
    "SpmOptions",
    "TargetAndPaguToleranceOptions",
    "TargetToleranceOptions",
    "TargetYearsOptions",
    "UnknownCodeOptions",
    "WorseningOptions",
    "YearEndOptions",
]

_NON_NEGATIVE = at_least(0)
_TARGET_TOLERANCE = "Relative difference of targets tolerated (0.10 is 10 %)."
_PAGU_TOLERANCE = "Relative difference of pagu tolerated (0.10 is 10 %)."


@attrs.frozen(kw_only=True)
class UnknownCodeOptions:
    """SKN101."""

    suggest: bool = option(True, "Propose the code whose official name is closest to the item's name.")
    suggest_min_score: float = option(0.9, "Name similarity a suggestion needs (0–1).", validator=between(0, 1))
    max_suggestions: int = option(
        1000, "Name searches per run, so a bundle full of unknown codes stays fast.", validator=_NON_NEGATIVE
    )


@attrs.frozen(kw_only=True)
class NameMatchOptions:
    """SKN104."""

    threshold: float = option(
        VARIANT_THRESHOLD, "Similarity (0–100) a name needs to count as a variant.", validator=between(0, 100)
    )


@attrs.frozen(kw_only=True)
class IndicatorLevelsOptions:
    """SKN201."""

    levels: tuple[CodeLevel, ...] = option(
        (CodeLevel.PROGRAM, CodeLevel.ACTIVITY, CodeLevel.SUB_ACTIVITY), "Code levels whose items need an indicator."
    )
    statements: bool = option(True, "Check that tujuan and sasaran have indicators too.")


@attrs.frozen(kw_only=True)
class TargetYearsOptions:
    """SKN203."""

    skip_plan_kinds: tuple[PlanKind, ...] = option(
        (PlanKind.RPJPN, PlanKind.RPJPD), "Plan kinds not held to yearly targets (long-term plans set milestones)."
    )


@attrs.frozen(kw_only=True)
class ForwardYearsOptions:
    """SKN204."""

    forward_years: int = option(
        1, "Years after a yearly plan's period it may target (prakiraan maju).", validator=_NON_NEGATIVE
    )


@attrs.frozen(kw_only=True)
class BaselineOptions:
    """SKN206."""

    kinds: tuple[IndicatorKind, ...] = option(
        (IndicatorKind.OUTCOME, IndicatorKind.IMPACT), "Indicator kinds that need a baseline (kondisi awal)."
    )


@attrs.frozen(kw_only=True)
class TargetToleranceOptions:
    """SKN302, SKN502."""

    target_tolerance: Decimal = option(Decimal("0.10"), _TARGET_TOLERANCE, validator=_NON_NEGATIVE)


@attrs.frozen(kw_only=True)
class PaguToleranceOptions:
    """SKN303, SKN503."""

    pagu_tolerance: Decimal = option(Decimal("0.10"), _PAGU_TOLERANCE, validator=_NON_NEGATIVE)


@attrs.frozen(kw_only=True)
class TargetAndPaguToleranceOptions:
    """SKN304."""

    target_tolerance: Decimal = option(Decimal("0.10"), _TARGET_TOLERANCE, validator=_NON_NEGATIVE)
    pagu_tolerance: Decimal = option(Decimal("0.10"), _PAGU_TOLERANCE, validator=_NON_NEGATIVE)


@attrs.frozen(kw_only=True)
class BudgetSumOptions:
    """SKN306."""

    pagu_tolerance: Decimal = option(
        Decimal("0"), "Relative difference tolerated between a parent and its children.", validator=_NON_NEGATIVE
    )
    absolute_tolerance: Decimal = option(
        Decimal("1000"),
        "Rupiah difference tolerated (documents rounded to thousands); the larger applies.",
        validator=_NON_NEGATIVE,
    )


@attrs.frozen(kw_only=True)
class NationalPriorityOptions:
    """SKN401."""

    kinds: tuple[PriorityKind, ...] = option(
        (PriorityKind.ASTA_CITA, PriorityKind.NATIONAL),
        "National priority kinds that need a supporting program (add pp or kp for Program/Kegiatan Prioritas).",
    )


@attrs.frozen(kw_only=True)
class PriorityShareOptions:
    """SKN403."""

    min_share: Decimal = option(
        Decimal("0.50"),
        "Smallest share of sub kegiatan pagu on priorities (0.50 is 50 %).",
        validator=_NON_NEGATIVE,
    )
    include_support: bool = option(
        False,
        "Count the program penunjang urusan (X.XX.01: salaries, offices, planning) in the share; by default it is "
        "left out of both the pagu on priorities and the total.",
    )


@attrs.frozen(kw_only=True)
class MandatorySpendingOptions:
    """SKN406."""

    max_personnel_share: Decimal = option(
        Decimal("0.30"),
        "Largest share of belanja pegawai in all belanja (UU 1/2022 Pasal 146 ayat (1): 30 %).",
        validator=_NON_NEGATIVE,
    )
    min_infrastructure_share: Decimal = option(
        Decimal("0.40"),
        "Smallest share of belanja infrastruktur pelayanan publik in belanja without belanja transfer "
        "(UU 1/2022 Pasal 147 ayat (1): 40 %).",
        validator=_NON_NEGATIVE,
    )
    min_education_share: Decimal = option(
        Decimal("0.20"),
        "Smallest share of spending on urusan pendidikan (1.01) in all belanja (UUD 1945 Pasal 31 ayat (4): 20 %).",
        validator=_NON_NEGATIVE,
    )
    min_coverage: Decimal = option(
        Decimal("0.90"),
        "Share of the RKPD pagu the rincian belanja must add up to before the APBD shares are judged.",
        validator=_NON_NEGATIVE,
    )
    infrastructure_accounts: tuple[str, ...] = option(
        ("5.2.03", "5.2.04"),
        "Kode akun prefixes counted as belanja infrastruktur pelayanan publik (default belanja modal gedung dan "
        "bangunan, jalan, jaringan dan irigasi).",
    )


@attrs.frozen(kw_only=True)
class EfficiencyOptions:
    """SKN407."""

    min_travel_cut: Decimal = option(
        Decimal("0.50"),
        "Smallest year-on-year cut of perjalanan dinas (Inpres 1/2025: cut by 50 %).",
        validator=between(0, 1),
    )
    max_growth: Decimal = option(
        Decimal("0"),
        "Largest year-on-year growth of the other categories Inpres 1/2025 limits (0 is no growth).",
        validator=_NON_NEGATIVE,
    )


@attrs.frozen(kw_only=True)
class SpmOptions:
    """SKN408."""

    spm_list: str = option(
        "",
        "A CSV of SPM services to use instead of the shipped list (docs/rules.md, SKN408); empty for the shipped one.",
    )
    scope: str = option(
        "bidang",
        "bidang (only the SPM fields whose bidang urusan the plan holds) or all (every SPM field of the level).",
        validator=one_of("bidang", "all"),
    )


@attrs.frozen(kw_only=True)
class AchievementOptions:
    """SKN601."""

    warning_below: Decimal = option(
        Decimal("75"), "Achievement percent below which a warning is given.", validator=_NON_NEGATIVE
    )
    error_below: Decimal = option(
        Decimal("50"), "Achievement percent below which an error is given.", validator=_NON_NEGATIVE
    )


@attrs.frozen(kw_only=True)
class AbsorptionOptions:
    """SKN602."""

    min_absorption_percent: Decimal = option(
        Decimal("85"), "Smallest budget absorption, in percent of the pagu.", validator=_NON_NEGATIVE
    )


@attrs.frozen(kw_only=True)
class YearEndOptions:
    """SKN603."""

    max_q4_share_percent: Decimal = option(
        Decimal("40"),
        "Largest share of the year's spending in the fourth quarter, in percent.",
        validator=_NON_NEGATIVE,
    )


@attrs.frozen(kw_only=True)
class CashPlanGapOptions:
    """SKN606."""

    max_gap_points: Decimal = option(
        Decimal("10"),
        "Largest shortfall of realisation behind the anggaran kas at a quarter end, in percentage points of the pagu.",
        validator=_NON_NEGATIVE,
    )


@attrs.frozen(kw_only=True)
class ProjectedYearEndOptions:
    """SKN607."""

    max_q4_share_percent: Decimal = option(
        Decimal("40"),
        "Largest projected share of the year's spending in the fourth quarter, in percent.",
        validator=_NON_NEGATIVE,
    )


@attrs.frozen(kw_only=True)
class WorseningOptions:
    """SKN604."""

    tolerance_percent: Decimal = option(
        Decimal("0"), "A change within this percent of the earlier value is not reported.", validator=_NON_NEGATIVE
    )
    survey_margins: dict[str, Decimal] = option(
        factory=lambda: dict(SURVEY_MARGINS),
        description="Indicators estimated from a sample survey (name → margin in the indicator's unit, points for a "
        "rate): a change within the margin is no change. Names match through the SKN605 aliases.",
    )


#: SKN604's default sampling margins, in points: poverty (BPS Susenas, kab/kota P0) and stunting (SSGI/SKI).
#: A working default, not a published figure (see docs/rules.md, SKN604): set the region's own margin.
SURVEY_MARGINS: dict[str, Decimal] = {
    "Tingkat kemiskinan": Decimal("0.5"),
    "Tingkat kemiskinan ekstrem": Decimal("0.5"),
    "Prevalensi stunting": Decimal("0.5"),
}


@attrs.frozen(kw_only=True)
class RankingOptions:
    """SKN605."""

    min_regions: int = option(2, "Kab/kota sharing an indicator needed for a ranking.", validator=at_least(1))
    rank_by: str = option(
        "absolute",
        "absolute (the change in the indicator's unit) or relative (the change in percent of the start value).",
        validator=one_of("absolute", "relative"),
    )
    aliases: dict[str, str] = option(factory=dict, description="More indicator name synonyms: alias name → name.")


@attrs.frozen(kw_only=True)
class KpCoverageOptions:
    """SKN702."""

    scope: str = option(
        "bundle",
        "bundle (all regions together) or government (each government with a yearly plan on its own).",
        validator=one_of("bundle", "government"),
    )


@attrs.frozen(kw_only=True)
class DakCapOptions:
    """SKN704."""

    cap: Decimal = option(
        Decimal("0.05"),
        "Largest share of a DAK group's money on kegiatan penunjang (0.05 is 5 %).",
        validator=_NON_NEGATIVE,
    )
