"""Registers sinkron's strategies with hypothesis, so ``st.from_type(sinkron.Plan)`` works anywhere.

Hypothesis calls :func:`_hypothesis_setup_hook` through the ``hypothesis`` entry-point group when
it is imported. Strategies are deferred: nothing of sinkron (nor its nomenclature) loads until a
test actually draws a value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _registrations() -> dict[type, Callable[[], Any]]:
    from sinkron import models
    from sinkron.testing import strategies as sst

    return {
        models.Bundle: sst.bundles,
        models.Plan: sst.plans,
        models.Program: sst.programs,
        models.Activity: sst.activities,
        models.SubActivity: sst.sub_activities,
        models.Indicator: sst.indicators,
        models.Value: sst.values,
        models.Money: sst.money,
        models.Priority: sst.priorities,
        models.Meeting: sst.meetings,
        models.Government: sst.governments,
        models.Agency: sst.agencies,
    }


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    for cls, factory in _registrations().items():
        st.register_type_strategy(cls, _deferred(factory))


def _deferred(factory: Callable[[], Any]) -> Any:
    from hypothesis import strategies as st

    return st.deferred(lambda: factory())
