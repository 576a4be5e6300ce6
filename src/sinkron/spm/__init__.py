"""Standar Pelayanan Minimal (SPM): the nomenclature codes of the basic services a region must fund.

PP 2/2018 sets six SPM fields (pendidikan, kesehatan, pekerjaan umum, perumahan rakyat,
trantibumlinmas, sosial) with their jenis pelayanan dasar per level of government; Permendagri
59/2021 sets how regions plan and report them. The SPM → sub kegiatan mapping that SIPD keeps
(``spm_giat``) is not public, so sinkron ships a small list of its own (``data/SOURCES.md``):
each row names a jenis pelayanan dasar and the kegiatan or sub kegiatan code that delivers it,
``sourced`` when a public source ties the code to the service, ``illustrative`` when sinkron chose it
from the service's name in the shipped nomenclature. Load your own list with :func:`read_spm_list`.

>>> services = default_spm_list()
>>> [s.code for s in services if s.level == "kabkota" and s.field == "kesehatan"][:2]
['1.02.02.2.02.0001', '1.02.02.2.02.0002']
"""

from __future__ import annotations

import functools
import io
from importlib import resources
from pathlib import Path
from typing import TextIO

import attrs

from sinkron.codes import Code, CodeLevel
from sinkron.errors import SinkronError
from sinkron.kl.loading import read_csv_rows

__all__ = ["DATA_FILE", "FIELDS", "LEVELS", "SpmService", "default_spm_list", "read_spm_list"]

#: The shipped list (package data of :mod:`sinkron.spm`).
DATA_FILE = "spm_permendagri_59_2021.csv"
#: The six SPM fields of PP 2/2018 Pasal 4–5, as the ``bidang`` column writes them.
FIELDS = ("pendidikan", "kesehatan", "pekerjaan_umum", "perumahan_rakyat", "trantibumlinmas", "sosial")
#: The ``tingkat`` column: the services of a province or of a kabupaten/kota.
LEVELS = ("provinsi", "kabkota")
_STATUSES = ("sourced", "illustrative")
_REQUIRED = ("tingkat", "bidang", "jenis_pelayanan", "kode")
_OPTIONAL = ("status", "catatan")


@attrs.frozen(kw_only=True)
class SpmService:
    """One jenis pelayanan dasar of the SPM and the nomenclature code that delivers it.

    ``code`` is a kegiatan (any sub kegiatan under it counts) or a sub kegiatan.
    """

    level: str
    """``provinsi`` or ``kabkota``."""
    field: str
    """The SPM field (``kesehatan``), one of :data:`FIELDS`."""
    name: str
    """Jenis pelayanan dasar."""
    code: str
    """Kode kegiatan or sub kegiatan."""
    status: str = "sourced"
    """``sourced`` (a public source ties the code to the service) or ``illustrative`` (chosen by name)."""

    def covers(self, code: Code) -> bool:
        """True when a sub kegiatan of ``code`` delivers this service (it is the code or under it)."""
        return code.is_within(Code.parse(self.code))


def _service(cells: dict[str, str | None], where: str) -> SpmService:
    level, field, name, code = (cells[c] or "" for c in _REQUIRED)
    status = cells.get("status") or "sourced"
    if level not in LEVELS:
        raise SinkronError(f"{where}: tingkat must be one of {', '.join(LEVELS)}, got {level!r}")
    if field not in FIELDS:
        raise SinkronError(f"{where}: bidang must be one of {', '.join(FIELDS)}, got {field!r}")
    if status not in _STATUSES:
        raise SinkronError(f"{where}: status must be one of {', '.join(_STATUSES)}, got {status!r}")
    if not name:
        raise SinkronError(f"{where}: jenis_pelayanan is empty")
    parsed = Code.parse(code)
    if parsed.level not in (CodeLevel.ACTIVITY, CodeLevel.SUB_ACTIVITY):
        raise SinkronError(f"{where}: kode must be a kegiatan or sub kegiatan code, got {code!r}")
    return SpmService(level=level, field=field, name=name, code=str(parsed), status=status)


def read_spm_list(source: str | Path | TextIO) -> tuple[SpmService, ...]:
    """Read an SPM list from a CSV file (UTF-8, ``,`` or ``;`` separated).

    Columns ``tingkat`` (``provinsi``/``kabkota``), ``bidang`` (one of :data:`FIELDS`),
    ``jenis_pelayanan``, ``kode`` (kegiatan or sub kegiatan), optional ``status``
    (``sourced``/``illustrative``) and ``catatan``. Raises :class:`~sinkron.errors.SinkronError` naming the
    file and row of the first problem.
    """
    rows, errors, where = read_csv_rows(source, required=_REQUIRED, optional=_OPTIONAL)
    if errors:
        raise SinkronError(f"SPM list: {errors[0]}")
    out = []
    for row in rows:
        cells = {c: row.get(c) for c in (*_REQUIRED, *_OPTIONAL)}
        try:
            out.append(_service(cells, f"{where or 'SPM list'} row {row.number}"))
        except SinkronError as exc:
            raise SinkronError(f"SPM list: {exc}") from None
    return tuple(out)


@functools.cache
def default_spm_list() -> tuple[SpmService, ...]:
    """The shipped SPM list (``data/spm_permendagri_59_2021.csv``; sources in ``data/SOURCES.md``)."""
    text = resources.files("sinkron.spm").joinpath("data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return read_spm_list(io.StringIO(text))
