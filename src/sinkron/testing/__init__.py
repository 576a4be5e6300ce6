"""sinkron's testing kit: hypothesis strategies (:mod:`sinkron.testing.strategies`) and a pytest plugin.

Install with ``pip install sinkron[testing]``.
"""
