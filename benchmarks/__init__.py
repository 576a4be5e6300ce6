"""sinkron's benchmarks: synthetic SIPD-shaped data at any size and a runner measuring every task.

Run ``python -m benchmarks`` (or ``tox -e bench``); see ``docs/performance.md``. Nothing here is
part of the installed library or of the test suite's timings.
"""
