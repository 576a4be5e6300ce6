"""Every file sinkron writes appears whole or not at all under its name.

* Each registered exporter and each connector that writes (built-in and first-party plugins, found
  through the real plugin manager) is made to fail at the last step, the rename: the target must
  not exist afterwards, an older file under that name must be untouched, and no temporary file may
  be left behind. A writer that wrote the target directly would leave a file and fail this test.
* A process killed in the middle of ``write_atomic`` (SIGKILL: no cleanup code runs) leaves no file
  under the final name, and an older report under that name is still whole.
* A process killed at each step of ``write_folder_atomic`` (building, between the two renames, before
  removing the old folder) loses no dataset: the folder under the name is the old or the new one once
  ``recover_folder`` (which the next write runs first) has put the old one back or removed what was left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sinkron
from sinkron.align import Report
from sinkron.demo import demo_bundle, demo_config
from sinkron.models import Bundle, Meeting
from sinkron.plugins import PluginManager


@pytest.fixture(scope="module")
def objects() -> dict[type, Any]:
    bundle = demo_bundle()
    report = sinkron.check(bundle, config=demo_config())
    return {Report: report, Bundle: bundle, Meeting: bundle.meetings[0]}


def writers() -> Iterator[tuple[str, Any]]:
    pm = PluginManager()
    for name, exporter in sorted(pm.exporters().items()):
        yield f"exporter:{name}", exporter
    for name, connector in sorted(pm.connectors().items()):
        if connector.can_write:
            yield f"connector:{name}", connector


WRITERS = list(writers())
#: Options some writers need for the demo bundle (its RPJMD has items of several perangkat daerah).
OPTIONS: dict[str, dict[str, Any]] = {"connector:spreadsheet": {"layout": "rkpd-report"}}
#: Writers that refuse part of the demo bundle: SIPD planning rows hold no target outside the plan period,
#: and the demo plants one in a Renstra (docs/sipd.md), so they get the plans whose targets lie in their period.
IN_PERIOD_ONLY = {"exporter:sipd", "connector:sipd"}


def _in_period(bundle: Bundle) -> Bundle:
    plans = [
        plan
        for plan in bundle.plans
        if all(t.year in plan.period for item in plan.items() for i in item.indicators for t in i.targets)
    ]
    return bundle.replace(plans=plans)


def _object_for(writer: Any, objects: dict[type, Any]) -> Any:
    accepts = getattr(writer, "accepts", (Bundle,)) or (Bundle,)
    for kind in (Report, Meeting, Bundle):
        if kind in accepts:
            return objects[kind]
    pytest.skip(f"no sample object for {accepts}")


def _snapshot(path: Path) -> Any:
    """A file's bytes, or a folder's files and their bytes (the Parquet exporter writes a folder)."""
    if path.is_dir():
        return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return path.read_bytes()


def _target(folder: Path, writer: Any) -> Path:
    suffix = getattr(writer, "extension", "") or (writer.extensions[0] if getattr(writer, "extensions", ()) else ".out")
    return folder / f"hasil{suffix}"


@pytest.mark.parametrize(("label", "writer"), WRITERS, ids=[label for label, _ in WRITERS])
def test_a_write_failing_at_the_rename_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, objects: dict[type, Any], label: str, writer: Any
) -> None:
    obj = _object_for(writer, objects)
    if label in IN_PERIOD_ONLY:
        obj = _in_period(obj)
    target = _target(tmp_path, writer)
    options = OPTIONS.get(label, {})
    writer.write(obj, target, **options)  # the writer works on this object …
    good = _snapshot(target)
    assert good

    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):  # … and goes through the atomic rename
        writer.write(obj, target, **options)
    assert _snapshot(target) == good, f"{label} changed the existing file in place"
    fresh = tmp_path / f"baru{target.suffix}"
    with pytest.raises(OSError, match="No space left"):
        writer.write(obj, fresh, **options)
    assert not fresh.exists(), f"{label} wrote {fresh.name} without the atomic rename"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name], "a temporary file was left behind"


CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from sinkron.exporter import write_atomic

    target, ready = Path(sys.argv[1]), Path(sys.argv[2])

    def stall(fd):  # the data is in the temporary file; stop here until killed
        ready.write_text("ready")
        time.sleep(120)

    os.fsync = stall
    write_atomic(target, b"laporan baru " * 100_000)
    """
)


def test_a_killed_process_never_leaves_half_a_file(tmp_path: Path) -> None:
    target = tmp_path / "laporan.html"
    target.write_bytes(b"laporan lama, utuh")
    ready = tmp_path / "ready"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(ready)])
    try:
        for _ in range(600):  # wait (at most a minute) until the child is inside write_atomic
            if ready.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert ready.exists(), "the child never reached the write"
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"laporan lama, utuh"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("laporan.html", "ready")]
    assert all(name.startswith(".laporan.html.") and name.endswith(".tmp") for name in leftovers), leftovers


FOLDER_CHILD = textwrap.dedent(
    """
    import os, shutil, sys, time
    from pathlib import Path
    from sinkron.atomic import write_folder_atomic

    target, ready, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

    def stall():
        ready.write_text("ready")
        time.sleep(120)

    renames = []
    replace = os.replace

    def counted(src, dst):
        replace(src, dst)
        renames.append(dst)
        if (step, len(renames)) in (("aside", 1), ("swapped", 2)):
            stall()

    def fill(folder):
        (folder / "tabel.txt").write_text("baru")
        if step == "fill":
            stall()

    os.replace = counted
    write_folder_atomic(target, fill)
    """
)


def _killed_in_folder_write(target: Path, step: str) -> None:
    ready = target.parent / "ready"
    ready.unlink(missing_ok=True)
    child = subprocess.Popen([sys.executable, "-c", FOLDER_CHILD, str(target), str(ready), step])
    try:
        for _ in range(600):  # wait (at most a minute) until the child stands at the step
            if ready.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert ready.exists(), "the child never reached the step"
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    ready.unlink()


@pytest.mark.parametrize(
    ("step", "there_after_the_kill"),
    [("fill", "lama"), ("aside", None), ("swapped", "baru")],
    ids=["while-filling", "between-the-renames", "before-removing-the-old-folder"],
)
def test_a_folder_write_killed_at_any_step_loses_no_dataset(
    tmp_path: Path, step: str, there_after_the_kill: str | None
) -> None:
    """Killed at each step of the swap, the folder is the old or the new one once recovered, never gone."""
    from sinkron.atomic import recover_folder, write_folder_atomic

    target = tmp_path / "tabel"
    write_folder_atomic(target, lambda folder: (folder / "tabel.txt").write_text("lama"))
    _killed_in_folder_write(target, step)
    if there_after_the_kill is None:  # the one moment with no folder under the name: the old one is beside it
        assert not target.exists()
        assert recover_folder(target) == target
        there_after_the_kill = "lama"
    assert (target / "tabel.txt").read_text() == there_after_the_kill
    recover_folder(target)  # what a killed writer left beside it goes
    assert [p.name for p in tmp_path.iterdir()] == ["tabel"]
    write_folder_atomic(target, lambda folder: (folder / "tabel.txt").write_text("berikutnya"))
    assert (target / "tabel.txt").read_text() == "berikutnya"
    assert [p.name for p in tmp_path.iterdir()] == ["tabel"]


def test_the_next_folder_write_recovers_a_killed_one(tmp_path: Path) -> None:
    from sinkron.atomic import write_folder_atomic

    target = tmp_path / "tabel"
    write_folder_atomic(target, lambda folder: (folder / "tabel.txt").write_text("lama"))
    _killed_in_folder_write(target, "aside")

    def fill(folder: Path) -> None:  # the previous folder is back under its name before the new one is built
        assert (target / "tabel.txt").read_text() == "lama"
        (folder / "tabel.txt").write_text("baru")

    write_folder_atomic(target, fill)
    assert (target / "tabel.txt").read_text() == "baru"
    assert [p.name for p in tmp_path.iterdir()] == ["tabel"]
