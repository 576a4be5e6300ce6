"""The connectors the plugin registers: SAKTI Kertas Kerja (xlsx), KRISNA Renja K/L (JSON), priority trees (folders)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from sinkron.connector import Connector, ReadResult, Source
from sinkron.errors import Location, SourceError
from sinkron.kl import add_priority_tree, add_vocabulary, read_priority_tree, read_vocabulary
from sinkron.models import Bundle
from sinkron.models.national import MinistryDocument
from sinkron.options import NoOptions, option
from sinkron.progress import Progress
from sinkron_kl.krisna import is_krisna_export, read_krisna
from sinkron_kl.sakti import is_kertas_kerja, read_sakti

__all__ = ["KrisnaConnector", "KrisnaReadOptions", "PriorityTreeConnector", "SaktiConnector", "SaktiReadOptions"]


@attrs.frozen(kw_only=True)
class SaktiReadOptions:
    """The read options of the ``sakti`` connector (see :func:`~sinkron_kl.sakti.read_sakti`)."""

    year: int | None = option(None, "Budget year (from the preamble, T.A. 2026, by default).")
    plan_id: str | None = option(None, "Id of the plan read.")
    title: str | None = option(None, "Title of the plan read.")
    ministry_name: str | None = option(None, "Name of the K/L (from a printed (022) KEMENTERIAN … head by default).")
    work_unit: str | None = option(None, "Kode satker (from a printed (123456) … head by default).")
    work_unit_name: str | None = option(None, "Name of the satker.")
    location: str | None = option(None, "Kode wilayah of the satker: every RO is then located there.")
    authority: str | None = option(None, "Kewenangan of the satker: KP, DK, TP …")
    kind: MinistryDocument | None = option(None, "rka_kl (default), dipa or renja_kl.")
    sheet: str | None = option(None, "Read only this sheet.")
    limits: Any = option(
        None, "Caps on what is read (a sinkron_spreadsheet.ReadLimits or a dict of some of its fields)."
    )


@attrs.frozen(kw_only=True)
class KrisnaReadOptions:
    """The read options of the ``krisna`` connector (see :func:`~sinkron_kl.krisna.read_krisna`)."""

    year: int | None = option(None, "Year for records without tahun, or the one year to insist on.")
    plan_id: str | None = option(None, "Id of the plan read (when the file holds one K/L and year).")
    title: str | None = option(None, "Title of the plan read (when the file holds one K/L and year).")
    amount_unit: str = option("ribu", "Unit of the amounts: ribu, rupiah, juta (or a header text such as Rp Juta).")
    location_map: dict[str, str] = option(factory=dict, description="Source lokasi code → kode wilayah.")
    priority_tree: str | None = option(None, "Id of the priority tree that kdpn/kdpp/kdkp/kdproy refer to.")
    kind: MinistryDocument | None = option(None, "renja_kl (default), rka_kl or dipa.")


class SaktiConnector(Connector):
    """The SAKTI "Kertas Kerja" (RKA-K/L worksheet) of a satker, as an RKA-K/L in ``Bundle.national``.

    Claims an ``.xlsx`` file when a sheet has ``KODE``/``URAIAN`` in columns B/C; other workbooks
    are left to the spreadsheet connector.
    """

    name = "sakti"
    formats = ("sakti", "kertas-kerja", "rka-kl")
    extensions = (".xlsx", ".xlsm")
    requires = ("python_calamine",)
    install = "./plugins/sinkron-kl (or sinkron-kl)"
    description = "SAKTI Kertas Kerja (RKA-K/L worksheet) xlsx → K/L program, kegiatan, KRO, RO, komponen"
    read_options = SaktiReadOptions

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        return read_sakti(source, **options)

    def detect(self, source: Source) -> bool | None:
        return is_kertas_kerja(source)


class KrisnaConnector(Connector):
    """KRISNA Renja K/L records (JSON, one per RO) as Renja K/L plans in ``Bundle.national``.

    Claims a ``.json`` file only when its first bytes hold KRISNA's field names (``suboutput_kode``,
    ``kementerian_kode`` …, :func:`~sinkron_kl.krisna.is_krisna_export`); any other ``.json`` is left to
    the other connectors (``format="krisna"`` still reads it as KRISNA).
    """

    name = "krisna"
    formats = ("krisna", "renja-kl")
    extensions = (".json",)
    install = "./plugins/sinkron-kl (or sinkron-kl)"
    description = "KRISNA Renja K/L export (JSON records per RO; amounts in ribuan rupiah) → K/L plans with lokasi"
    read_options = KrisnaReadOptions

    def handles(self, source: Source) -> bool:
        """A ``.json`` file with KRISNA content: never the fallback for a JSON file nobody else recognises."""
        return super().handles(source) and self.detect(source) is True

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        return read_krisna(source, **options)

    def detect(self, source: Source) -> bool | None:
        return is_krisna_export(source)


class PriorityTreeConnector(Connector):
    """A curated priority tree (``tree.json`` + ``prioritas.csv`` …) or tag vocabulary (``vocabulary.json``) folder.

    The folder formats are those of :func:`sinkron.kl.read_priority_tree` and
    :func:`sinkron.kl.read_vocabulary`; the tree goes into ``Bundle.national`` with its nodes as
    priorities (:func:`sinkron.kl.add_priority_tree`). Choose it with ``format="priority-tree"``,
    or give the folder itself.
    """

    name = "priority-tree"
    formats = ("priority-tree", "prioritas")
    install = "./plugins/sinkron-kl (or sinkron-kl)"
    description = "curated RPJMN/RKP priority matrices (a folder of CSV files) → priority tree and priorities"
    read_options = NoOptions

    def handles(self, source: Source) -> bool:
        folder = Path(str(source))
        return folder.is_dir() and ((folder / "tree.json").is_file() or (folder / "vocabulary.json").is_file())

    def read(self, source: Source, *, progress: Progress | None = None, **options: Any) -> ReadResult:
        where = str(source)
        if options:
            error = SourceError(
                f"unknown option(s) for the priority-tree reader: {', '.join(sorted(options))}",
                location=Location(source=where),
                expected="no options",
            )
            return ReadResult(bundle=Bundle(), errors=[error], source=where)
        folder = Path(where)
        if not folder.is_dir():
            error = SourceError(
                "not a priority-tree folder",
                location=Location(source=where),
                expected="a folder with tree.json or vocabulary.json",
                actual="a file" if folder.exists() else "nothing (no such folder)",
            )
            return ReadResult(bundle=Bundle(), errors=[error], source=where)
        if (folder / "vocabulary.json").is_file() and not (folder / "tree.json").is_file():
            vocabulary = read_vocabulary(folder, label=where)
            bundle = Bundle(sources=(where,))
            if vocabulary.value is not None and vocabulary.complete:
                bundle = add_vocabulary(bundle, vocabulary.value)
            return ReadResult(bundle=bundle, errors=vocabulary.errors, source=where, records=vocabulary.rows)
        loaded = read_priority_tree(folder, label=where)
        bundle = Bundle(sources=(where,))
        if loaded.value is not None:
            bundle = add_priority_tree(bundle, loaded.value)
        return ReadResult(bundle=bundle, errors=loaded.errors, source=where, records=loaded.rows)
