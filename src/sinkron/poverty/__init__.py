"""Poverty data for the Rakor penanggulangan kemiskinan: BPS kab/kota tables and the ranking of regions.

BPS publishes, for every kabupaten/kota and year (March, from Susenas), the table *jumlah dan persentase
penduduk miskin menurut kabupaten/kota*: the number of poor (ribu jiwa), the headcount rate P0 (%), the
depth index P1, the severity index P2 and the poverty line (garis kemiskinan, Rp/kapita/bulan).
:func:`read_bps_poverty` reads it from csv or xlsx, in the long shape (one row per region and year) or the
wide shape BPS prints (one column group per year, a header over two rows), and resolves each region to its
kode wilayah in the shipped list of 552 governments (:mod:`sinkron.regions`). :func:`rank_poverty` ranks
the kab/kota of a province by their decline over a period, for ``sinkron report kemiskinan``.
See ``docs/poverty.md``.
"""

from __future__ import annotations

from sinkron.poverty.bps import PovertyFigure, PovertyRead, PovertyTable, read_bps_poverty, read_poverty_rows
from sinkron.poverty.ranking import PovertyRanking, RankedRegion, UnrankedRegion, rank_poverty

__all__ = [
    "PovertyFigure",
    "PovertyRanking",
    "PovertyRead",
    "PovertyTable",
    "RankedRegion",
    "UnrankedRegion",
    "rank_poverty",
    "read_bps_poverty",
    "read_poverty_rows",
]
