"""One atomic writer for files and folders, one paused collector: modes, swaps, restoring, no copies left."""

from __future__ import annotations

import gc
import os
import re
import socket
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sinkron.atomic import UnsafeTarget, check_target, write_atomic, write_folder_atomic
from sinkron.collector import paused_gc
from sinkron.demo import demo_bundle
from sinkron.suggest import suggest_links, write_review

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def umask_022() -> Iterator[int]:
    previous = os.umask(0o022)
    try:
        yield 0o022
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_file_gets_the_usual_mode_and_no_temporary_is_left(tmp_path: Path, umask_022: int) -> None:
    target = tmp_path / "new" / "laporan.md"
    assert write_atomic(target, b"# laporan\n") == target
    assert target.read_bytes() == b"# laporan\n"
    assert _mode(target) == 0o666 & ~umask_022
    assert [p.name for p in target.parent.iterdir()] == ["laporan.md"]


def test_a_failed_file_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "laporan.md"
    write_atomic(target, b"old")

    def no_space(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.md"]


def test_a_folder_gets_the_usual_mode_and_replaces_the_previous_one(tmp_path: Path, umask_022: int) -> None:
    target = tmp_path / "tables"

    def fill(content: str) -> Callable[[Path], None]:
        def write(folder: Path) -> None:
            (folder / "a.txt").write_text(content, encoding="utf-8")

        return write

    write_folder_atomic(target, fill("first"))
    assert _mode(target) == 0o777 & ~umask_022
    write_folder_atomic(target, fill("second"))
    assert (target / "a.txt").read_text(encoding="utf-8") == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["tables"]


def test_a_failing_fill_leaves_nothing_behind(tmp_path: Path) -> None:
    def broken(folder: Path) -> None:
        (folder / "half.txt").write_text("half", encoding="utf-8")
        raise RuntimeError("the exporter broke")

    with pytest.raises(RuntimeError, match="broke"):
        write_folder_atomic(tmp_path / "tables", broken)
    assert list(tmp_path.iterdir()) == []


def test_the_review_sheet_is_written_with_the_usual_mode(tmp_path: Path, umask_022: int) -> None:
    found = suggest_links(demo_bundle(), top_k=1)
    for name in ("review.csv", "review.xlsx"):
        path = write_review(found, tmp_path / name)
        assert _mode(path) == 0o666 & ~umask_022, name


def test_paused_gc_restores_the_collector_state() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it as the outer one set it
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("a failing read")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


_COPIES = {
    "gc.disable(": "sinkron/collector.py",
    "tempfile.mkstemp(": "sinkron/atomic.py",
    "tempfile.mkdtemp(": "sinkron/atomic.py",
    "os.fchmod(": "sinkron/atomic.py",
}


def test_one_implementation_of_atomic_writing_and_gc_pausing() -> None:
    sources = [*(ROOT / "src").rglob("*.py"), *(ROOT / "plugins").glob("*/src/**/*.py")]
    found = {
        (needle, path.relative_to(ROOT).as_posix())
        for path in sources
        for needle in _COPIES
        if re.search(re.escape(needle), path.read_text(encoding="utf-8"))
    }
    assert found == {(needle, f"src/{home}") for needle, home in _COPIES.items()}


def test_a_file_written_over_keeps_its_mode(tmp_path: Path, umask_022: int) -> None:
    target = tmp_path / "laporan.md"
    target.write_bytes(b"rahasia lama")
    target.chmod(0o600)
    write_atomic(target, b"rahasia baru")
    assert target.read_bytes() == b"rahasia baru"
    assert _mode(target) == 0o600


def _special_targets(folder: Path) -> Iterator[tuple[Path, str]]:
    """A symbolic link to a file, a FIFO, a socket and a folder, each with what the refusal calls it."""
    pointed = folder / "asli.md"
    pointed.write_bytes(b"asli")
    (folder / "tautan.md").symlink_to(pointed)
    yield folder / "tautan.md", "is a symbolic link"
    os.mkfifo(folder / "pipa.md")
    yield folder / "pipa.md", "is a FIFO"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "soket.md"))
        yield folder / "soket.md", "is a socket"
    (folder / "map.md").mkdir()
    yield folder / "map.md", "is a folder"


def test_a_link_device_fifo_socket_or_folder_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    for target, kind in _special_targets(tmp_path):
        before = os.lstat(target)
        with pytest.raises(UnsafeTarget, match=kind):
            write_atomic(target, b"laporan")
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), target.name
    assert (tmp_path / "asli.md").read_bytes() == b"asli"  # the link is not written through either
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if Path("/dev/null").exists():  # only looked at: a failing check must not replace the system's null device
        with pytest.raises(UnsafeTarget, match="is a character device"):
            check_target("/dev/null")


def test_a_folder_is_written_only_over_a_folder(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_bytes(b"x")
    real = tmp_path / "asli"
    real.mkdir()
    (tmp_path / "tautan").symlink_to(real, target_is_directory=True)
    for name, kind in (("berkas", "is a file"), ("tautan", "is a symbolic link")):
        with pytest.raises(UnsafeTarget, match=kind):
            write_folder_atomic(tmp_path / name, lambda folder: (folder / "a.txt").write_text("baru"))
    assert (tmp_path / "tautan").is_symlink() and list(real.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["asli", "berkas", "tautan"]
