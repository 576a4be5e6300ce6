"""Rank the kab/kota of a province by the decline of their poverty over a period (``sinkron report kemiskinan``).

Two rankings from the same BPS figures: by the decline of the poverty rate P0 in **poin persen**
(percentage points: 10,50 % → 9,80 % is a decline of 0,70 poin persen), and by the decline of the number of
poor (ribu jiwa). The first row of each is the region the Rakor penanggulangan kemiskinan would recognise.
P1 (depth) and P2 (severity) are printed beside, never ranked on.

* **Ties** — regions whose decline is equal as published share a rank (``1=``, the next rank skipped), are
  ordered by name, and the table notes them.
* **Missing years** — a region without the figure for the first or the last year of the period is not
  ranked (no other year is put in its place); the table lists it below with the year it lacks.
* **Provenance** — every table names the BPS release and the files its figures come from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from sinkron.bridge.tables import Column, RowStyle, Table, TableRow, TableSet
from sinkron.numbers import format_id
from sinkron.poverty.bps import PovertyFigure, PovertyTable
from sinkron.regions import region_label

__all__ = ["PovertyRanking", "RankedRegion", "UnrankedRegion", "rank_poverty"]

POINTS = "poin_persen"
"""The ranking by the decline of P0, in percentage points."""
COUNT = "jumlah"
"""The ranking by the decline of the number of poor, in ribu jiwa."""


@attrs.frozen(kw_only=True)
class RankedRegion:
    """One kab/kota in a ranking: its place (shared with others when ``tied``) and its two figures."""

    rank: int
    tied: bool
    start: PovertyFigure
    end: PovertyFigure
    decline: Decimal
    """The decline ranked on: P0 points, or ribu jiwa (negative when poverty rose)."""

    @property
    def region(self) -> str:
        return self.end.region

    @property
    def name(self) -> str:
        return self.end.name

    @property
    def rank_text(self) -> str:
        """``1``, or ``1=`` for a rank shared with another region."""
        return f"{self.rank}=" if self.tied else str(self.rank)


@attrs.frozen(kw_only=True)
class UnrankedRegion:
    """A kab/kota left out of a ranking, and the years whose figure it lacks."""

    region: str
    name: str
    missing_years: tuple[int, ...]


@attrs.frozen(kw_only=True)
class PovertyRanking:
    """Both rankings of one province (or of every kab/kota in the table) over ``start``–``end``."""

    province: str | None
    start: int
    end: int
    release: str | None
    sources: tuple[str, ...]
    by_points: tuple[RankedRegion, ...]
    by_count: tuple[RankedRegion, ...]
    unranked_points: tuple[UnrankedRegion, ...] = ()
    unranked_count: tuple[UnrankedRegion, ...] = ()

    @property
    def where(self) -> str:
        return region_label(self.province) if self.province else "semua kabupaten/kota dalam tabel"

    @property
    def release_text(self) -> str:
        """The release as a table prints it, saying so when the file named none."""
        files = ", ".join(self.sources)
        if self.release:
            return self.release
        return f"rilis BPS tidak disebut (berkas: {files}); sebutkan dengan --release"

    def tables(self) -> TableSet:
        """The two rankings as printable tables (md, html, xlsx through the table exporters)."""
        return TableSet.of(
            f"Peringkat penurunan kemiskinan kabupaten/kota, {self.where}, {self.start}–{self.end}",
            [self._points_table(), self._count_table()],
        )

    def as_json(self) -> dict[str, Any]:
        """The rankings as JSON-ready values (numbers as decimal strings, as BPS printed them)."""
        return {
            "release": self.release,
            "sources": list(self.sources),
            "province": self.province,
            "where": self.where,
            "start": self.start,
            "end": self.end,
            "rankings": {
                POINTS: [_ranked_json(r) for r in self.by_points],
                COUNT: [_ranked_json(r) for r in self.by_count],
            },
            "unranked": {
                POINTS: [_unranked_json(u) for u in self.unranked_points],
                COUNT: [_unranked_json(u) for u in self.unranked_count],
            },
        }

    def csv_rows(self) -> list[list[str]]:
        """One row per region and ranking, with the release on every row (the csv has no place for notes)."""
        header = ["peringkat_menurut", "peringkat", "kode", "kabupaten_kota", "penurunan"]
        for variable in ("p0", "jumlah_ribu_jiwa", "p1", "p2"):
            header += [f"{variable}_{self.start}", f"{variable}_{self.end}"]
        header += ["catatan", "rilis_bps"]
        out = [header]
        for ranking, ranked, unranked in (
            (POINTS, self.by_points, self.unranked_points),
            (COUNT, self.by_count, self.unranked_count),
        ):
            for r in ranked:
                figures = [
                    _plain(getattr(f, name))
                    for name in ("percent", "poor_thousands", "depth", "severity")
                    for f in (r.start, r.end)
                ]
                note = "peringkat bersama" if r.tied else ""
                out.append([ranking, r.rank_text, r.region, r.name, str(r.decline), *figures, note, self.release or ""])
            for u in unranked:
                note = "tidak diperingkat: tanpa data " + ", ".join(map(str, u.missing_years))
                out.append([ranking, "", u.region, u.name, "", *[""] * 8, note, self.release or ""])
        return out

    def _subtitle(self) -> tuple[str, ...]:
        return (
            f"Wilayah : {self.where}",
            f"Periode : {self.start}–{self.end} (angka Maret, Susenas)",
            f"Sumber : {self.release_text}",
        )

    def _points_table(self) -> Table:
        s, e = str(self.start), str(self.end)
        columns = [
            *_identity_columns(),
            Column(("Persentase penduduk miskin P0 (%)", s), kind="number"),
            Column(("Persentase penduduk miskin P0 (%)", e), kind="number"),
            Column(("Penurunan (poin persen)",), kind="number"),
            Column(("Jumlah penduduk miskin (ribu jiwa)", s), kind="number"),
            Column(("Jumlah penduduk miskin (ribu jiwa)", e), kind="number"),
            Column(("P1 kedalaman", s), kind="number"),
            Column(("P1 kedalaman", e), kind="number"),
            Column(("P2 keparahan", s), kind="number"),
            Column(("P2 keparahan", e), kind="number"),
        ]
        rows = [
            TableRow(
                (
                    r.rank_text,
                    r.region,
                    r.name,
                    *_pair(r, "percent"),
                    _number(r.decline),
                    *_pair(r, "poor_thousands"),
                    *_pair(r, "depth"),
                    *_pair(r, "severity"),
                )
            )
            for r in self.by_points
        ]
        return Table(
            title=f"Peringkat menurut penurunan persentase penduduk miskin (poin persen), {self.start}–{self.end}",
            name="Penurunan P0",
            columns=columns,
            rows=rows + _unranked_rows(self.unranked_points),
            subtitle=self._subtitle(),
            notes=_notes(self.by_points, "poin persen", "persentase penduduk miskin (P0)"),
        )

    def _count_table(self) -> Table:
        s, e = str(self.start), str(self.end)
        columns = [
            *_identity_columns(),
            Column(("Jumlah penduduk miskin (ribu jiwa)", s), kind="number"),
            Column(("Jumlah penduduk miskin (ribu jiwa)", e), kind="number"),
            Column(("Penurunan (ribu jiwa)",), kind="number"),
            Column(("Persentase penduduk miskin P0 (%)", s), kind="number"),
            Column(("Persentase penduduk miskin P0 (%)", e), kind="number"),
            Column(("P1 kedalaman", e), kind="number"),
            Column(("P2 keparahan", e), kind="number"),
        ]
        rows = [
            TableRow(
                (
                    r.rank_text,
                    r.region,
                    r.name,
                    *_pair(r, "poor_thousands"),
                    _number(r.decline),
                    *_pair(r, "percent"),
                    _number(r.end.depth),
                    _number(r.end.severity),
                )
            )
            for r in self.by_count
        ]
        return Table(
            title=f"Peringkat menurut penurunan jumlah penduduk miskin (ribu jiwa), {self.start}–{self.end}",
            name="Penurunan jumlah",
            columns=columns,
            rows=rows + _unranked_rows(self.unranked_count),
            subtitle=self._subtitle(),
            notes=_notes(self.by_count, "ribu jiwa", "jumlah penduduk miskin"),
        )


def rank_poverty(
    table: PovertyTable, *, province: str | None = None, start: int | None = None, end: int | None = None
) -> PovertyRanking:
    """Rank the kab/kota of ``province`` (a kode wilayah; None: every kab/kota of the table) from ``start`` to
    ``end`` (default: the first and last year of the table).

    Raises ``ValueError`` for a period the table does not cover or a province with no kab/kota in it.
    """
    figures = [f for f in table.figures if f.is_kabkota and (province is None or f.province == province)]
    if not figures:
        where = f"province {province}" if province else "any province"
        raise ValueError(f"the table has no kabupaten/kota figures of {where}")
    years = sorted({f.year for f in figures})
    first = years[0] if start is None else start
    last = years[-1] if end is None else end
    for year in (first, last):
        if year not in years:
            raise ValueError(f"the table has no figures for {year}; its years are {', '.join(map(str, years))}")
    if first >= last:
        raise ValueError(f"the period must run forward: {first}–{last}")
    by_region: dict[str, dict[int, PovertyFigure]] = {}
    for figure in figures:
        by_region.setdefault(figure.region, {})[figure.year] = figure
    by_points, unranked_points = _rank(by_region, first, last, lambda f: f.percent)
    by_count, unranked_count = _rank(by_region, first, last, lambda f: f.poor_thousands)
    return PovertyRanking(
        province=province,
        start=first,
        end=last,
        release=table.release,
        sources=table.sources,
        by_points=by_points,
        by_count=by_count,
        unranked_points=unranked_points,
        unranked_count=unranked_count,
    )


def _rank(
    by_region: dict[str, dict[int, PovertyFigure]],
    start: int,
    end: int,
    value: Callable[[PovertyFigure], Decimal | None],
) -> tuple[tuple[RankedRegion, ...], tuple[UnrankedRegion, ...]]:
    declines: list[tuple[Decimal, PovertyFigure, PovertyFigure]] = []
    unranked: list[UnrankedRegion] = []
    for years in by_region.values():
        before, after = years.get(start), years.get(end)
        missing = tuple(y for y, f in ((start, before), (end, after)) if f is None or value(f) is None)
        if missing or before is None or after is None:
            any_figure = next(iter(years.values()))
            unranked.append(UnrankedRegion(region=any_figure.region, name=any_figure.name, missing_years=missing))
            continue
        was, now = value(before), value(after)
        assert was is not None and now is not None
        declines.append((was - now, before, after))
    declines.sort(key=lambda item: (-item[0], item[2].name, item[2].region))
    ranked = []
    for decline, before, after in declines:
        higher = sum(1 for other, _, _ in declines if other > decline)
        equal = sum(1 for other, _, _ in declines if other == decline)
        ranked.append(RankedRegion(rank=higher + 1, tied=equal > 1, start=before, end=after, decline=decline))
    unranked.sort(key=lambda u: (u.name, u.region))
    return tuple(ranked), tuple(unranked)


def _identity_columns() -> list[Column]:
    return [Column(("Peringkat",)), Column(("Kode",)), Column(("Kabupaten/Kota",), width=30)]


def _number(value: Decimal | None) -> str:
    """A figure as BPS prints it in Indonesian (``12,34``); ``–`` for no data."""
    return "–" if value is None else format_id(value, places=2)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def _pair(r: RankedRegion, name: str) -> tuple[str, str]:
    return _number(getattr(r.start, name)), _number(getattr(r.end, name))


def _unranked_rows(unranked: Iterable[UnrankedRegion]) -> list[TableRow]:
    return [
        TableRow(
            (f"{u.name} ({u.region}) tidak diperingkat: tidak ada data tahun {', '.join(map(str, u.missing_years))}.",),
            style=RowStyle.NOTE,
        )
        for u in unranked
    ]


def _notes(ranked: tuple[RankedRegion, ...], unit: str, what: str) -> tuple[str, ...]:
    notes = [
        f"Penurunan = {what} tahun awal dikurangi tahun akhir, dalam {unit}; angka negatif berarti naik.",
        "P1 dan P2 ditampilkan sebagai pembanding, tidak dipakai untuk peringkat.",
    ]
    groups: dict[int, list[RankedRegion]] = {}
    for r in ranked:
        if r.tied:
            groups.setdefault(r.rank, []).append(r)
    for rank, tied in groups.items():
        names = ", ".join(r.name for r in tied)
        notes.append(
            f"Peringkat {rank}= bersama: {names} (penurunan sama, {_number(tied[0].decline)} {unit}); "
            "diurutkan menurut nama."
        )
    return tuple(notes)


def _figure_json(figure: PovertyFigure) -> dict[str, Any]:
    return {
        "year": figure.year,
        "percent": _json_number(figure.percent),
        "poor_thousands": _json_number(figure.poor_thousands),
        "depth": _json_number(figure.depth),
        "severity": _json_number(figure.severity),
        "poverty_line": _json_number(figure.poverty_line),
        "source": figure.provenance.source if figure.provenance else None,
        "row": figure.provenance.row if figure.provenance else None,
    }


def _json_number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _ranked_json(r: RankedRegion) -> dict[str, Any]:
    return {
        "rank": r.rank,
        "tied": r.tied,
        "region": r.region,
        "name": r.name,
        "decline": str(r.decline),
        "start": _figure_json(r.start),
        "end": _figure_json(r.end),
    }


def _unranked_json(u: UnrankedRegion) -> dict[str, Any]:
    return {"region": u.region, "name": u.name, "missing_years": list(u.missing_years)}
