"""What every hostile input must satisfy, whichever reader it goes to.

* :func:`read_safely` reads through ``sinkron.read_result``: the only exceptions allowed out are
  :class:`~sinkron.SinkronError` subclasses carrying a location (a :class:`~sinkron.SourceError`
  naming the source, or a :class:`~sinkron.ValidationError` whose errors all do); every error in
  a result is a located ``SourceError``.
* :func:`read_raises_when_incomplete`: ``sinkron.read`` never hands back a bundle from a source
  with errors.
* :func:`cli_read` runs ``sinkron read`` in-process: no traceback, exit 0/1/2, and the source named
  in what it prints when something is wrong.
* :func:`bounded_cli` runs a ``sinkron`` command in a child process under a memory limit and a timeout:
  an input that makes a native reader abort the process, allocate without bound or hang fails the
  test instead of ending the test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import sinkron
from sinkron.cli import main
from sinkron.connector import ReadResult
from sinkron.errors import SinkronError, SourceError, ValidationError


@attrs.frozen
class Outcome:
    """What a read gave: the result (when it returned) and every error, raised or returned."""

    result: ReadResult | None
    errors: tuple[SourceError, ...]
    raised: SinkronError | None

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]

    def has(self, fragment: str) -> bool:
        return any(fragment in m for m in self.messages)


def _located(error: SourceError, source: str) -> bool:
    where = error.location.source
    return where is not None and (where == source or where.startswith(source) or source.startswith(where))


def assert_located(exc: BaseException, source: str) -> tuple[SourceError, ...]:
    """``exc`` is a located sinkron error about ``source``; its SourceErrors are returned."""
    if isinstance(exc, ValidationError):
        assert exc.errors, "a ValidationError without errors"
        errors = tuple(exc.errors)
    elif isinstance(exc, SourceError):
        errors = (exc,)
    else:
        raise AssertionError(f"{type(exc).__name__} escaped without a location: {exc}")
    unlocated = [str(e) for e in errors if not _located(e, source)]
    assert not unlocated, f"errors not located at {source}: {unlocated}"
    return errors


def read_safely(path: Path | str, **options: Any) -> Outcome:
    """``sinkron.read_result(path, **options)``, failing the test if anything but a located sinkron error escapes."""
    source = str(path)
    try:
        result = sinkron.read_result(path, **options)
    except SinkronError as exc:
        return Outcome(result=None, errors=assert_located(exc, source), raised=exc)
    except BaseException as exc:  # the failure these tests exist to catch
        pytest.fail(f"{type(exc).__name__} escaped sinkron.read_result({source!r}): {exc}")
    assert isinstance(result, ReadResult)
    for error in result.errors:
        assert isinstance(error, SourceError), f"not a SourceError: {error!r}"
        assert _located(error, source), f"error not located at {source}: {error}"
    return Outcome(result=result, errors=tuple(result.errors), raised=None)


def read_raises_when_incomplete(path: Path | str, outcome: Outcome, **options: Any) -> None:
    """``sinkron.read`` raises (located) exactly when ``read_result`` found problems."""
    if not outcome.errors:
        assert isinstance(sinkron.read(path, **options), sinkron.Bundle)
        return
    with pytest.raises(SinkronError) as caught:
        sinkron.read(path, **options)
    assert_located(caught.value, str(path))
    if isinstance(caught.value, ValidationError) and outcome.result is not None:
        assert caught.value.partial is not None, "an incomplete read must carry its partial bundle"


def cli_read(path: Path | str, *args: str) -> tuple[int, str]:
    """``sinkron read PATH ARGS…`` in-process: no traceback; returns the exit code and stdout+stderr."""
    result = CliRunner().invoke(main, ["read", str(path), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail(f"sinkron read raised {type(result.exception).__name__}: {result.exception}")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code in (0, 1, 2), result.exit_code
    return result.exit_code, output


#: The address space a child ``sinkron`` may use (a read of a small file needs under 256 MiB) and its time.
CHILD_MEMORY = 1 << 30
CHILD_SECONDS = 120


def bounded_cli(*args: str) -> tuple[int, str]:
    """``sinkron ARGS…`` in a child process limited to :data:`CHILD_MEMORY` bytes and :data:`CHILD_SECONDS`.

    Fails the test when the child is killed or aborts (python-calamine aborting on a failed allocation ends with
    SIGABRT, exit 134), runs out of time, or prints a traceback; returns the exit code and stdout+stderr.
    """
    resource = pytest.importorskip("resource", reason="memory limits need the resource module (Unix)")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))

    command = [sys.executable, "-m", "sinkron", *args]
    shown = " ".join(args)
    try:
        done = subprocess.run(command, preexec_fn=limit, capture_output=True, text=True, timeout=CHILD_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"sinkron {shown} ran past {CHILD_SECONDS} s")
    output = done.stdout + done.stderr
    assert done.returncode in (0, 1, 2), f"sinkron {shown} ended with {done.returncode}: {output[-2000:]}"
    assert "Traceback" not in output
    return done.returncode, output
