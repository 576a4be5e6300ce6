"""Synthetic SIPD-shaped planning data at any size, written as xlsx, csv and SIPD JSON Lines.

The rows are sub kegiatan of real nomenclature codes (the shipped Kepmendagri list, penunjang
codes instantiated under each bidang), grouped by perangkat daerah: every unit carries one bidang
urusan and 40–120 of its sub kegiatan, in code order, as SIPD lists them. Each row has a keluaran
indicator (the nomenclature's indikator and satuan) with a target for the plan year and the next,
pagu for both years, a lokasi, a sumber dana, and in some rows a national priority label or a
thematic tag; programs carry a capaian indicator and kegiatan a hasil indicator. The same rows
(same seed) are written in three shapes, so the three readers read the same plan:

* :func:`write_sipd_jsonl` — SIPD sub kegiatan records (``get_sub_keg_sipd``), one per line;
* :func:`write_renja_csv` — the flat Renja PD layout, one row per sub kegiatan, ``Unit Organisasi``
  lines between units;
* :func:`write_rkpd_xlsx` — the RKPD report "Program dan Kegiatan Perangkat Daerah" (19 columns,
  three merged header rows, urusan/bidang/program/kegiatan subtotal rows), one sheet per unit.

``variant=1`` gives a revision of the same data for diff benchmarks: about 1% of pagu raised by a
tenth, 0.3% of targets changed, 0.5% of rows dropped.

``defects=Defects.realistic()`` makes the same rows imperfect the way real plans are (each share of the
rows configurable, a few percent by default): codes the nomenclature does not know (a typo in the code,
or a code of a newer list; the name kept), codes retired by a change list (:func:`benchmark_changes`, to
check against), names written with spelling variants (upper case, doubled spaces and line breaks,
abbreviations, a typo), sub kegiatan without their keluaran indicator, and kegiatan subtotals of the
RKPD report that do not add up. The RKPD report then also carries the row of column numbers
(``1 2 3 … 19``) under its header, as Permendagri 86/2017 reports print it. The defects draw from their
own random stream: the clean rows stay the rows of the clean data.

>>> rows = list(synthetic_rows(5))
>>> len(rows), rows[0].sub_code.level.value
(5, 'sub_kegiatan')
>>> len({(r.unit.code, r.sub_code) for r in synthetic_rows(3000)})
3000
>>> flawed = list(synthetic_rows(3000, defects=Defects.realistic(0.05)))
>>> sum(r.sub_code != c.sub_code for r, c in zip(flawed, synthetic_rows(3000))) in range(100, 200)
True
"""

from __future__ import annotations

import csv
import functools
import json
import random
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from benchmarks.xlsx import XlsxWriter
from sinkron.codes import Code, CodeLevel
from sinkron.nomenclature import Change, ChangeKind, Entry, Version, default_nomenclature
from sinkron.numbers import format_id

__all__ = [
    "YEAR",
    "Defects",
    "SyntheticRow",
    "Unit",
    "benchmark_changes",
    "synthetic_rows",
    "write_all",
    "write_renja_csv",
    "write_rkpd_xlsx",
    "write_sipd_jsonl",
]

#: The plan year of the generated data.
YEAR = 2026

_FUNDING = (
    ("1.1", "PENDAPATAN ASLI DAERAH (PAD)"),
    ("2.1.01", "DANA ALOKASI UMUM (DAU)"),
    ("2.2.01", "DANA ALOKASI KHUSUS (DAK) FISIK"),
    ("2.1.02", "DANA BAGI HASIL (DBH)"),
)
_LABELS = (
    ("1", "Memperkokoh ideologi Pancasila, demokrasi, dan hak asasi manusia"),
    ("2", "Memantapkan sistem pertahanan keamanan negara dan kemandirian bangsa"),
    ("3", "Meningkatkan lapangan kerja yang berkualitas dan mendorong kewirausahaan"),
    ("4", "Memperkuat pembangunan sumber daya manusia, sains, teknologi, pendidikan, kesehatan"),
    ("5", "Melanjutkan hilirisasi dan mengembangkan industri berbasis sumber daya alam"),
    ("6", "Membangun dari desa dan dari bawah untuk pertumbuhan ekonomi dan pemberantasan kemiskinan"),
    ("7", "Memperkuat reformasi politik, hukum, dan birokrasi"),
    ("8", "Memperkuat penyelarasan kehidupan yang harmonis dengan lingkungan, alam, dan budaya"),
)
_TAGS = (("1", "Stunting"), ("2", "Kemiskinan Ekstrem"), ("3", "Pengendalian Inflasi"))
_DISTRICTS = ("Kec. Pahandut", "Kec. Jekan Raya", "Kec. Sebangau", "Kec. Bukit Batu", "Kec. Rakumpit")


@attrs.frozen
class Unit:
    """A perangkat daerah of the synthetic government."""

    code: str
    name: str
    sector: Code


@attrs.frozen(kw_only=True)
class Defects:
    """The share of rows (0–1) carrying each imperfection real plans have; all 0 is the clean data."""

    unknown_codes: float = 0.0
    """Sub kegiatan codes the nomenclature does not know (the name kept: a typo, or a code of a newer list)."""
    retired_codes: float = 0.0
    """Sub kegiatan codes retired by :func:`benchmark_changes` (about this share of the catalogue's codes)."""
    name_variants: float = 0.0
    """Sub kegiatan names written with a spelling variant."""
    missing_indicators: float = 0.0
    """Sub kegiatan without their keluaran indicator."""
    subtotal_errors: float = 0.0
    """Sub kegiatan whose kegiatan subtotal in the RKPD report is off by Rp 1 000 000."""

    @classmethod
    def realistic(cls, share: float = 0.03) -> Defects:
        """Every imperfection at ``share`` of the rows."""
        return cls(**dict.fromkeys(_DEFECT_NAMES, share))

    @classmethod
    def parse(cls, text: str) -> Defects:
        """``"0.03"`` (every share), ``"unknown_codes=0.1"`` or ``"0.03,unknown_codes=0.1"`` (one share changed).

        >>> Defects.parse("0.02,unknown_codes=0.1").unknown_codes, Defects.parse("0.02").name_variants
        (0.1, 0.02)
        """
        shares: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            name, equals, value = part.partition("=")
            if not equals:
                shares.update(dict.fromkeys(_DEFECT_NAMES, float(name)))
            elif name.strip() in _DEFECT_NAMES:
                shares[name.strip()] = float(value)
            else:
                raise ValueError(f"unknown defect {name.strip()!r}; known: {', '.join(_DEFECT_NAMES)}")
        return cls(**shares)

    @property
    def clean(self) -> bool:
        return not any(attrs.astuple(self))

    @property
    def label(self) -> str:
        """A short name for files and tables: ``clean``, or the shares in per mille (``u100-r30-n30-m30-s30``)."""
        if self.clean:
            return "clean"
        return "-".join(f"{name[0]}{round(getattr(self, name) * 1000)}" for name in _DEFECT_NAMES)


_DEFECT_NAMES = tuple(field.name for field in attrs.fields(Defects))


@attrs.frozen
class SyntheticRow:
    """One sub kegiatan row with everything the three file shapes carry."""

    index: int
    unit: Unit
    program_code: Code
    program_name: str
    activity_code: Code
    activity_name: str
    sub_code: Code
    sub_name: str
    indicator: str
    satuan: str
    target: int
    next_target: int
    pagu: int
    next_pagu: int
    location: str
    funding: tuple[str, str]
    label: tuple[str, str] | None
    tag: tuple[str, str] | None
    subtotal_error: bool = False
    """The kegiatan subtotal of this row's group in the RKPD report is off (see :class:`Defects`)."""


@functools.lru_cache(maxsize=1)
def _catalogue() -> tuple[dict[Code, list[Entry]], dict[Code, Entry]]:
    """Sub kegiatan entries by bidang (penunjang codes instantiated in each), and every entry."""
    nomenclature = default_nomenclature()
    entries = nomenclature.entries(YEAR)
    generic = [e for c, e in entries.items() if c.level is CodeLevel.SUB_ACTIVITY and c.is_generic]
    by_sector: dict[Code, list[Entry]] = {}
    for code in entries:
        if code.level is CodeLevel.SECTOR and not code.is_generic:
            by_sector[code] = [attrs.evolve(g, code=g.code.in_sector(code)) for g in generic]
    for code, entry in entries.items():
        if code.level is CodeLevel.SUB_ACTIVITY and not code.is_generic and code.sector in by_sector:
            by_sector[code.sector].append(entry)
    for sector in by_sector:
        by_sector[sector].sort(key=lambda e: e.code)
    return by_sector, dict(entries)


def _name(code: Code, entries: dict[Code, Entry]) -> str:
    entry = entries.get(code) or entries.get(code.as_generic())
    return entry.name if entry is not None else f"Nomenklatur {code}"


def synthetic_rows(
    count: int, *, seed: int = 2026, variant: int = 0, defects: Defects | None = None
) -> Iterator[SyntheticRow]:
    """``count`` sub kegiatan rows (fewer with ``variant=1``, which drops about 0.5%), deterministic per seed;
    ``defects`` makes some of them imperfect (see :class:`Defects`)."""
    by_sector, entries = _catalogue()
    sectors = sorted(by_sector)
    rng = random.Random(seed)
    flaws = random.Random(seed + 1_000_003)  # the defects' own stream: the clean draws stay the same
    defects = defects or Defects()
    made = 0
    unit_number = 0
    while made < count:
        sector = sectors[unit_number % len(sectors)]
        unit_code = f"{sector}.0.00.0.00.{unit_number % 99 + 1:02d}.{unit_number // 99:04d}"
        unit = Unit(
            code=unit_code, name=f"Perangkat Daerah {_name(sector, entries).title()} {unit_number + 1}", sector=sector
        )
        unit_number += 1
        pool = by_sector[sector]
        size = min(len(pool), rng.randint(40, 120), count - made)
        chosen = sorted(rng.sample(range(len(pool)), size))
        for position in chosen:
            entry = pool[position]
            sub = entry.code
            activity = sub.parent
            assert activity is not None and activity.parent is not None
            index = made
            made += 1
            pagu = rng.randint(10, 5000) * 1_000_000
            target = rng.randint(1, 500)
            label = _LABELS[rng.randrange(len(_LABELS))] if rng.random() < 0.3 else None
            tag = _TAGS[rng.randrange(len(_TAGS))] if rng.random() < 0.1 else None
            district = _DISTRICTS[rng.randrange(len(_DISTRICTS))]
            funding = _FUNDING[rng.randrange(len(_FUNDING))]
            next_target = target + rng.randint(0, 20)
            next_pagu = pagu + rng.randint(0, 50) * 1_000_000
            if variant:  # every random draw is made above, so a dropped row shifts nothing after it
                if index % 211 == 7:
                    continue
                if index % 97 == 3:
                    pagu += pagu // 10
                if index % 307 == 5:
                    target += 1
            row = SyntheticRow(
                index=index,
                unit=unit,
                program_code=activity.parent,
                program_name=_name(activity.parent, entries),
                activity_code=activity,
                activity_name=_name(activity, entries),
                sub_code=sub,
                sub_name=entry.name,
                indicator=(entry.indikator or f"Jumlah {entry.name}").replace(";", ","),
                satuan=entry.satuan or "Unit",
                target=target,
                next_target=next_target,
                pagu=pagu,
                next_pagu=next_pagu,
                location=f"Kota Contoh, {district}, Semua Kelurahan",
                funding=funding,
                label=label,
                tag=tag,
            )
            yield row if defects.clean else _flawed(row, defects, flaws, entries, seed)


def _flawed(
    row: SyntheticRow, defects: Defects, flaws: random.Random, entries: dict[Code, Entry], seed: int
) -> SyntheticRow:
    """``row`` with the imperfections ``defects`` draws for it (always the same number of draws per row)."""
    unknown, variant, missing, subtotal = (flaws.random() for _ in range(4))
    spelling, suffix = flaws.randrange(len(_SPELLINGS)), flaws.randrange(9000, 10000)
    changes: dict[str, Any] = {}
    if row.sub_code in _retired(defects.retired_codes, seed):
        pass  # the change list retires the code: nothing to change in the row
    elif unknown < defects.unknown_codes:
        code = Code.parse(f"{row.activity_code}.{suffix:04d}")
        if code not in entries and code.as_generic() not in entries:
            changes["sub_code"] = code
    if variant < defects.name_variants:
        changes["sub_name"] = _SPELLINGS[spelling](row.sub_name)
    if missing < defects.missing_indicators:
        changes["indicator"] = ""
    if subtotal < defects.subtotal_errors:
        changes["subtotal_error"] = True
    return attrs.evolve(row, **changes) if changes else row


def _typo(name: str) -> str:
    """Two neighbouring letters of the longest word swapped."""
    words = name.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) > 3:
        words[longest] = word[:1] + word[2] + word[1] + word[3:]
    return " ".join(words)


#: How plans misspell official names: upper case, doubled spaces and a line break, abbreviations, a typo.
_SPELLINGS = (
    str.upper,
    lambda name: name.replace(" ", "  ", 2).replace(" dan ", "\ndan ", 1),
    lambda name: name.replace("Kabupaten/Kota", "Kab/Kota").replace("Pemerintah", "Pem.").replace(" dan ", " & "),
    _typo,
)


@functools.lru_cache(maxsize=8)
def _retired(share: float, seed: int) -> frozenset[Code]:
    """The sub kegiatan codes :func:`benchmark_changes` retires: about ``share`` of the catalogue's own codes."""
    if share <= 0:
        return frozenset()
    _, entries = _catalogue()
    codes = sorted(c for c in entries if c.level is CodeLevel.SUB_ACTIVITY and not c.is_generic)
    chooser = random.Random(seed + 2_000_003)
    return frozenset(chooser.sample(codes, round(share * len(codes))))


def benchmark_changes(defects: Defects, *, seed: int = 2026) -> Version | None:
    """The change list the realistic data is checked against: it retires :attr:`Defects.retired_codes` of the
    catalogue's sub kegiatan codes from the plan year, each replaced by its neighbour (``None``: nothing retired).
    Illustrative, not a regulation."""
    retired = sorted(_retired(defects.retired_codes, seed))
    if not retired:
        return None
    _, entries = _catalogue()
    retiring = set(retired)
    in_force = sorted(c for c in entries if c.level is CodeLevel.SUB_ACTIVITY and c not in retiring)
    changes = []
    for code in retired:
        replacement = next((c for c in in_force if c > code and c.parent == code.parent), None)
        changes.append(Change(kind=ChangeKind.RETIRED, code=code, replacement=replacement))
    return Version(
        id=f"benchmark-retired-{defects.label}",
        regulation="Perubahan nomenklatur ILUSTRASI (benchmark sinkron, bukan regulasi)",
        effective_year=YEAR,
        changes=tuple(changes),
        scope="kabupaten/kota",
    )


# -- SIPD JSON Lines ------------------------------------------------------------------------------


_CAPAIAN = {
    "capaianteks": "Persentase capaian program",
    "satuancapaian": "%",
    "targetcapaian": "100",
    "targetcapaianteks": "100 %",
}
_HASIL = {
    "hasilteks": "Persentase kegiatan yang terlaksana",
    "satuanhasil": "%",
    "targethasil": "100",
    "targethasilteks": "100 %",
}


def sipd_record(row: SyntheticRow) -> dict[str, Any]:
    """The SIPD ``get_sub_keg_sipd`` record of a row (the wp-sipd spelling)."""
    unit = row.unit
    ids = f"{row.index + 1}"
    record: dict[str, Any] = {
        "id": ids,
        "id_sub_giat": f"{20000 + row.index % 5000}",
        "id_skpd": f"{1000 + row.index // 200}",
        "kode_sbl": f"77.77.601.3001.{ids}",
        "tahun_anggaran": str(YEAR),
        "kode_skpd": unit.code,
        "nama_skpd": unit.name,
        "kode_sub_skpd": unit.code,
        "nama_sub_skpd": unit.name,
        "kode_program": str(row.program_code),
        "nama_program": row.program_name,
        "kode_giat": str(row.activity_code),
        "nama_giat": row.activity_name,
        "kode_sub_giat": str(row.sub_code),
        "nama_sub_giat": f"{row.sub_code} {row.sub_name}",
        "pagu": str(row.pagu),
        "pagu_n_depan": str(row.next_pagu),
        "waktu_awal": "1",
        "waktu_akhir": "12",
        "sub_keg_indikator": [
            {
                "outputteks": row.indicator,
                "satuanoutput": row.satuan,
                "targetoutput": str(row.target),
                "targetoutputteks": f"{format_id(Decimal(row.target))} {row.satuan}",
            }
        ]
        if row.indicator
        else [],
        "capaian_prog_sub_keg": [_CAPAIAN],
        "sub_keg_indikator_hasil": [_HASIL],
        "lokasi_sub_keg": [
            {"daerahteks": "Kota Contoh", "camatteks": row.location.split(", ")[1], "lurahteks": "Semua Kelurahan"}
        ],
        "sumber_dana": [{"kode_dana": row.funding[0], "nama_dana": row.funding[1]}],
    }
    if row.label is not None:
        record["id_label_pusat"], record["label_pusat"] = row.label
    if row.tag is not None:
        record["tag_sub_keg"] = [{"idlabelgiat": row.tag[0], "namalabel": row.tag[1]}]
    return record


def write_sipd_jsonl(
    path: str | Path, rows: int, *, seed: int = 2026, variant: int = 0, defects: Defects | None = None
) -> int:
    """Write SIPD sub kegiatan records as JSON Lines; returns the number of records."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as handle:
        batch: list[str] = []
        for row in synthetic_rows(rows, seed=seed, variant=variant, defects=defects):
            batch.append(json.dumps(sipd_record(row), ensure_ascii=False))
            count += 1
            if len(batch) >= 1000:
                handle.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            handle.write("\n".join(batch) + "\n")
    return count


# -- Renja csv --------------------------------------------------------------------------------------

RENJA_HEADER = (
    "KODE SUB KEGIATAN",
    "PROGRAM DAN KEGIATAN",
    "TOLAK UKUR CAPAIAN KEG.",
    "TARGET KINERJA CAPAIAN KEG.",
    "TOLAK UKUR KELUARAN",
    "TARGET KINERJA KELUARAN",
    "TOLAK UKUR HASIL",
    "TARGET KINERJA HASIL",
    "SUMBER DANA",
    "LOKASI",
    "KELUARAN SUB KEG.",
    "AWAL PELAKSANAAN",
    "AKHIR PELAKSANAAN",
    "JUMLAH PAGU",
    "KETERANGAN",
)


def write_renja_csv(
    path: str | Path, rows: int, *, seed: int = 2026, variant: int = 0, defects: Defects | None = None
) -> int:
    """Write the flat Renja PD layout as csv (``;``-free, comma-separated); returns the number of sub kegiatan rows."""
    count = 0
    unit_code: str | None = None
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f"Periode : {YEAR}"])
        for row in synthetic_rows(rows, seed=seed, variant=variant, defects=defects):
            if row.unit.code != unit_code:
                writer.writerow([f"Unit Organisasi : {row.unit.code} {row.unit.name}"])
                if unit_code is None:
                    writer.writerow(RENJA_HEADER)
                unit_code = row.unit.code
            writer.writerow(
                (
                    str(row.sub_code),
                    row.sub_name,
                    "Persentase capaian program",
                    "100 %",
                    row.indicator,
                    f"{format_id(Decimal(row.target))} {row.satuan}" if row.indicator else "",
                    "Persentase kegiatan yang terlaksana",
                    "100 %",
                    f"{row.funding[0]} {row.funding[1]}",
                    row.location,
                    f"Terlaksananya {row.sub_name}",
                    f"01/01/{YEAR}",
                    f"31/12/{YEAR}",
                    format_id(Decimal(row.pagu)),
                    "",
                )
            )
            count += 1
    return count


# -- RKPD report xlsx --------------------------------------------------------------------------------

_MERGES = (
    "A{0}:E{2}",
    "F{0}:F{2}",
    "G{0}:I{0}",
    "J{0}:O{0}",
    "P{0}:P{2}",
    "Q{0}:S{0}",
    "G{1}:G{2}",
    "H{1}:H{2}",
    "I{1}:I{2}",
    "J{1}:J{2}",
    "K{1}:M{1}",
    "N{1}:N{2}",
    "O{1}:O{2}",
    "Q{1}:R{1}",
    "S{1}:S{2}",
)


def _header_rows(*, numbered: bool = False) -> list[list[Any]]:
    row1: list[Any] = [None] * 19
    row2: list[Any] = [None] * 19
    row3: list[Any] = [None] * 19
    row1[0], row1[5], row1[6] = (
        "Kode",
        "Urusan/Bidang Urusan Pemerintahan Daerah Dan Program/Kegiatan",
        "Indikator Kinerja",
    )
    row1[9], row1[15], row1[16] = f"Rencana Tahun {YEAR}", "Catatan Penting", f"Prakiraan Maju Rencana Tahun {YEAR + 1}"
    row2[6], row2[7], row2[8] = "Capaian Program", "Keluaran Sub Kegiatan", "Hasil Kegiatan"
    row2[9], row2[10], row2[13], row2[14] = (
        "Lokasi Output Kegiatan",
        "Target Capaian Kinerja",
        "Pagu Indikatif (Rp.)",
        "Sumber Dana",
    )
    row2[16], row2[18] = "Target Capaian Kinerja", "Kebutuhan Dana/Pagu Indikatif (Rp.)"
    row3[10], row3[11], row3[12] = "Program", "Keluaran Sub Kegiatan", "Hasil Kegiatan"
    row3[16], row3[17] = "Tolok Ukur", "Target"
    if numbered:  # the row of column numbers under the header (Permendagri 86/2017 reports)
        return [row1, row2, row3, [1, None, None, None, None, *range(2, 16)]]
    return [row1, row2, row3]


def _code_cells(code: Code) -> list[Any]:
    parts = list(code.parts)
    if len(parts) >= 5:
        parts = [*parts[:3], f"{parts[3]}.{parts[4]}", *parts[5:]]
    return parts + [None] * (5 - len(parts))


def _unit_block(unit: Unit, rows: Sequence[SyntheticRow], entries: dict[Code, Entry]) -> Iterator[list[Any]]:
    """One unit's rows: urusan and bidang headings with subtotals, then programs, kegiatan, sub kegiatan."""
    total = sum(r.pagu for r in rows)
    total_next = sum(r.next_pagu for r in rows)
    affair = unit.sector.ancestor(CodeLevel.AFFAIR)
    for code in (affair, unit.sector):
        yield [*_code_cells(code), _name(code, entries), *[None] * 7, total, None, *[None] * 3, total_next]
    by_program: dict[Code, dict[Code, list[SyntheticRow]]] = {}
    for row in rows:
        by_program.setdefault(row.program_code, {}).setdefault(row.activity_code, []).append(row)
    for program, activities in by_program.items():
        subs = [r for group in activities.values() for r in group]
        first = subs[0]
        yield [
            *_code_cells(program),
            first.program_name,
            "Persentase capaian program",
            None,
            None,
            None,
            "100 %",
            None,
            None,
            sum(r.pagu for r in subs),
            None,
            None,
            None,
            None,
            sum(r.next_pagu for r in subs),
        ]
        for activity, group in activities.items():
            yield [
                *_code_cells(activity),
                group[0].activity_name,
                None,
                None,
                "Persentase kegiatan yang terlaksana",
                None,
                None,
                None,
                "100 %",
                sum(r.pagu for r in group) + (1_000_000 if any(r.subtotal_error for r in group) else 0),
                None,
                None,
                None,
                None,
                sum(r.next_pagu for r in group),
            ]
            for r in group:
                yield [
                    *_code_cells(r.sub_code),
                    r.sub_name,
                    None,
                    r.indicator or None,
                    None,
                    r.location,
                    None,
                    f"{format_id(Decimal(r.target))} {r.satuan}" if r.indicator else None,
                    None,
                    r.pagu,
                    f"{r.funding[0]} {r.funding[1]}",
                    None,
                    r.indicator or None,
                    f"{format_id(Decimal(r.next_target))} {r.satuan}" if r.indicator else None,
                    r.next_pagu,
                ]


def _sheet_rows(
    units: Sequence[list[SyntheticRow]], entries: dict[Code, Entry], *, numbered: bool = False
) -> Iterator[list[Any]]:
    """A report sheet holding one or more units: each starts with its ``Unit Organisasi`` line; one TOTAL."""
    for number, rows in enumerate(units):
        unit = rows[0].unit
        yield [f"Unit Organisasi : {unit.code} {unit.name}"]
        if number == 0:
            yield from _header_rows(numbered=numbered)
        yield from _unit_block(unit, rows, entries)
    total = sum(r.pagu for rows in units for r in rows)
    total_next = sum(r.next_pagu for rows in units for r in rows)
    yield [None, None, None, None, None, "TOTAL", *[None] * 7, total, None, None, None, None, total_next]


def write_rkpd_xlsx(
    path: str | Path,
    rows: int,
    *,
    seed: int = 2026,
    variant: int = 0,
    units_per_sheet: int = 1,
    defects: Defects | None = None,
) -> int:
    """Write the RKPD report layout, ``units_per_sheet`` perangkat daerah per sheet; returns the sub kegiatan rows.
    With ``defects`` (not all 0) the header is followed by the row of column numbers."""
    _, entries = _catalogue()
    numbered = defects is not None and not defects.clean
    count = 0
    with XlsxWriter(path) as book:
        units: list[list[SyntheticRow]] = []
        sheets = 0

        def flush() -> None:
            nonlocal sheets
            sheets += 1
            book.add_sheet(
                f"PD {sheets}",
                _sheet_rows(units, entries, numbered=numbered),
                merges=[m.format(2, 3, 4) for m in _MERGES],
                bold_rows=(2, 3, 4),
                money_columns={13, 18},
            )
            units.clear()

        for row in synthetic_rows(rows, seed=seed, variant=variant, defects=defects):
            if not units or row.unit != units[-1][0].unit:
                if len(units) == units_per_sheet:
                    flush()
                units.append([])
            units[-1].append(row)
            count += 1
        if units:
            flush()
    return count


def write_all(
    folder: str | Path, rows: int, *, seed: int = 2026, variant: int = 0, defects: Defects | None = None
) -> dict[str, Path]:
    """Write the three shapes into ``folder``: ``{"xlsx": …, "csv": …, "jsonl": …}``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = (f"-v{variant}" if variant else "") + (f"-{defects.label}" if defects and not defects.clean else "")
    paths = {
        "xlsx": folder / f"rkpd-{rows}{suffix}.xlsx",
        "csv": folder / f"renja-{rows}{suffix}.csv",
        "jsonl": folder / f"sipd-{rows}{suffix}.jsonl",
    }
    write_rkpd_xlsx(paths["xlsx"], rows, seed=seed, variant=variant, defects=defects)
    write_renja_csv(paths["csv"], rows, seed=seed, variant=variant, defects=defects)
    write_sipd_jsonl(paths["jsonl"], rows, seed=seed, variant=variant, defects=defects)
    return paths
