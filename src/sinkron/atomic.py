"""Atomic writing: a file or a folder appears complete or not at all, with the usual permissions.

Everything sinkron writes (reports, bundles, review sheets, Parquet folders) goes through
:func:`write_atomic` or :func:`write_folder_atomic`: the content is written next to the target under
a hidden temporary name and renamed into place, so a crash never leaves half a file that looks
complete. The result gets the mode a plain ``open(target, "w")`` or ``mkdir`` would give (0666 or
0777 less the umask), not the owner-only mode of a temporary file: outputs are meant to be shared.
This module imports nothing else of sinkron.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["write_atomic", "write_folder_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to the file ``target`` through a temporary file in the same folder and a rename.

    Missing parent folders are created. Returns the path written.
    """
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_folder_atomic(target: str | os.PathLike[str], fill: Callable[[Path], None]) -> Path:
    """Build a folder with ``fill(staging)`` next to ``target``, then swap it in by renames.

    An existing folder at ``target`` is replaced as a whole (the caller decides whether it may be:
    check its content first); if the swap fails, the previous folder is put back, so there is never
    no folder at all. Returns the path written.
    """
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        os.chmod(staging, 0o777 & ~_umask())
        fill(staging)
        if path.exists():
            previous = path.with_name(f".{path.name}.old-{os.getpid()}")
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
