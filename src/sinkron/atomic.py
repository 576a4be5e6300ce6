"""Atomic writing: a file or a folder appears complete or not at all, with the usual permissions.

Everything sinkron writes (reports, bundles, review sheets, Parquet folders) goes through
:func:`write_atomic` or :func:`write_folder_atomic`: the content is written next to the target under
a hidden temporary name and renamed into place, so a crash never leaves half a file that looks
complete. A new file gets the mode a plain ``open(target, "w")`` or ``mkdir`` would give (0666 or
0777 less the umask), not the owner-only mode of a temporary file: outputs are meant to be shared; a
file written over keeps its mode (a 0600 report stays 0600).

Only a regular file, a folder for a folder, or a new path is written: a symbolic link, a device, a FIFO
or a socket under the name is refused with :class:`UnsafeTarget` (an :class:`OSError`), never replaced
by a regular file (``-o /dev/null`` run as root would otherwise replace the system's null device).
This module imports nothing else of sinkron.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["UnsafeTarget", "check_target", "recover_folder", "write_atomic", "write_folder_atomic"]

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISREG, "a file"),
)


class UnsafeTarget(OSError):
    """The name to write holds something sinkron does not replace: a link, a device, a FIFO, a socket, or a
    folder where a file is expected (and a file where a folder is)."""


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_target(target: str | os.PathLike[str], *, folder: bool = False) -> os.stat_result | None:
    """The status of what is at ``target`` now (``None`` for a new path), if sinkron may write over it.

    Raises :class:`UnsafeTarget` for a symbolic link (refused, not followed: give the file it points to),
    a device, a FIFO or a socket, and for a folder where a file is written (or a file where a ``folder``
    is). The CLI calls this before rendering, so that a refused ``--output`` costs nothing.
    """
    path = Path(target)
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    expected = stat.S_ISDIR if folder else stat.S_ISREG
    if not expected(status.st_mode):
        kind = _kind(status.st_mode)
        wanted = "a folder or a new path" if folder else "a regular file or a new path"
        hint = " (give the path it points to)" if stat.S_ISLNK(status.st_mode) else ""
        code = errno.EISDIR if stat.S_ISDIR(status.st_mode) else errno.EPERM
        raise UnsafeTarget(code, f"{path} is {kind}; sinkron writes only to {wanted}{hint}", str(path))
    return status


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to the file ``target`` through a temporary file in the same folder and a rename.

    Missing parent folders are created. An existing file keeps its mode; anything else than a regular
    file under the name raises :class:`UnsafeTarget` (see :func:`check_target`). Returns the path written.
    """
    path = Path(target)
    previous = check_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, stat.S_IMODE(previous.st_mode) if previous else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _aside(path: Path, pid: int) -> Path:
    return path.with_name(f".{path.name}.old-{pid}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _left_by_dead_writers(path: Path) -> list[tuple[Path, int, bool]]:
    """(folder, pid, is the previous folder) of every folder a killed write of ``path`` left beside it."""
    found = []
    for entry in path.parent.glob(f".{path.name}.*"):
        rest = entry.name[len(path.name) + 2 :]
        if rest.startswith("old-"):
            pid_text, previous = rest[4:], True
        elif rest.endswith(".tmp") and rest.count(".") >= 2:  # .<name>.<pid>.<random>.tmp: a staging folder
            pid_text, previous = rest.split(".")[0], False
        else:
            continue
        if pid_text.isdigit() and entry.is_dir() and not entry.is_symlink() and not _alive(int(pid_text)):
            found.append((entry, int(pid_text), previous))
    return found


def recover_folder(target: str | os.PathLike[str]) -> Path | None:
    """Repair what a killed :func:`write_folder_atomic` of ``target`` left; returns the folder put back, if any.

    A process killed between its two renames leaves no folder under the name and the previous one beside
    it (``.<name>.old-<pid>``): it is renamed back. Folders left by killed writers beside a folder that is
    there (a previous folder not yet removed, a half-built staging folder) are removed. Folders of writers
    still running are left alone. :func:`write_folder_atomic` calls this first.
    """
    path = Path(target)
    leftovers = _left_by_dead_writers(path)
    restored = None
    if not os.path.lexists(path):
        previous = [entry for entry, _, is_previous in leftovers if is_previous]
        if previous:
            restored = max(previous, key=lambda entry: entry.stat().st_mtime)
            os.replace(restored, path)
    for entry, _, _ in leftovers:
        if entry != restored:
            shutil.rmtree(entry, ignore_errors=True)
    return path if restored is not None else None


def write_folder_atomic(target: str | os.PathLike[str], fill: Callable[[Path], None]) -> Path:
    """Build a folder with ``fill(staging)`` next to ``target``, then swap it in by renames.

    An existing folder at ``target`` is replaced as a whole (the caller decides whether it may be:
    check its content first): it is renamed aside, the new one renamed in, the old one removed. If the
    swap fails, the previous folder is put back; if the process is killed between the renames, the next
    write (or :func:`recover_folder`) puts it back, so a dataset is lost only to a newer one. A symbolic
    link or a file under the name raises :class:`UnsafeTarget`. Returns the path written.
    """
    path = Path(target)
    recover_folder(path)
    check_target(path, folder=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    pid = os.getpid()
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.{pid}.", suffix=".tmp", dir=path.parent))
    try:
        os.chmod(staging, 0o777 & ~_umask())
        fill(staging)
        if path.exists():
            previous = _aside(path, pid)
            os.replace(path, previous)
            try:
                os.replace(staging, path)
            except BaseException:
                os.replace(previous, path)
                raise
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return path
