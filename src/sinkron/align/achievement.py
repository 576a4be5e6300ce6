"""Achievement (capaian kinerja): realisation against target, aware of the indicator's direction.

* Higher is better: ``realisasi / target × 100``.
* Lower is better (poverty rate, stunting): ``(2 × target − realisasi) / target × 100`` — the
  formula of the Permendagri 86/2017 evaluation forms for negative-polarity indicators, which gives
  100 % when the target is met exactly and more when the realisation is below it.
* A range target counts as met (100 %) inside the range; outside it the nearest bound is the target.
* Qualitative values give no percentage.
"""

from __future__ import annotations

from decimal import Decimal

from sinkron.models import Direction, Indicator, ReportingPeriod, Value, ValueKind

__all__ = ["achievement", "achievement_of"]

HUNDRED = Decimal(100)


def achievement_of(target: Value, realisation: Value, direction: Direction) -> Decimal | None:
    """Percentage achievement of ``realisation`` against ``target`` (``None`` if not computable)."""
    real = realisation.midpoint
    if real is None or target.kind is ValueKind.TEXT:
        return None
    if target.kind is ValueKind.RANGE:
        assert target.low is not None and target.high is not None
        if target.low <= real <= target.high:
            return HUNDRED
        goal = target.high if real > target.high else target.low
    else:
        assert target.number is not None
        goal = target.number
    if goal == 0:
        if direction is Direction.LOWER_IS_BETTER:
            return HUNDRED if real <= 0 else Decimal(0)
        return HUNDRED if real >= 0 else Decimal(0)
    if direction is Direction.HIGHER_IS_BETTER:
        value = real / goal * HUNDRED
    else:
        value = (2 * goal - real) / goal * HUNDRED
    return value.quantize(Decimal("0.01"))


def achievement(indicator: Indicator, year: int) -> Decimal | None:
    """Achievement of ``indicator`` in ``year`` from its yearly target and yearly realisation."""
    target = indicator.target_for(year)
    realisation = indicator.realisation_for(year, ReportingPeriod.YEAR)
    if target is None or realisation is None:
        return None
    return achievement_of(target, realisation, indicator.direction)
