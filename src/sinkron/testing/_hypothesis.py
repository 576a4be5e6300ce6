"""Registers sinkron's strategies with hypothesis, so ``st.from_type(sinkron.Plan)`` works anywhere.

Hypothesis calls :func:`_hypothesis_setup_hook` through the ``hypothesis`` entry-point group when
it is imported — possibly *while* :mod:`sinkron.testing.strategies` is importing hypothesis, so the
hook names the strategies and looks them up only when a test draws a value (the module is complete
by then). Nothing of the strategies (nor the nomenclature) loads before that.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Each registered model class (by its name in :mod:`sinkron.models`) and the strategy it draws from.
REGISTERED: dict[str, str] = {
    "Bundle": "bundles",
    "Plan": "plans",
    "Program": "programs",
    "Activity": "activities",
    "SubActivity": "sub_activities",
    "Indicator": "indicators",
    "Value": "values",
    "Money": "money",
    "Priority": "priorities",
    "Meeting": "meetings",
    "Government": "governments",
    "Agency": "agencies",
}


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from sinkron import models

    for class_name, strategy_name in REGISTERED.items():
        st.register_type_strategy(getattr(models, class_name), _deferred(strategy_name))


def _deferred(strategy_name: str) -> Any:
    from hypothesis import strategies as st

    def factory() -> Any:
        strategies = importlib.import_module("sinkron.testing.strategies")
        return getattr(strategies, strategy_name)()

    return st.deferred(factory)
