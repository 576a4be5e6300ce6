"""The meeting workbook: a filled template reads into a Meeting, minutes round-trip, bad cells are located."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("openpyxl", reason="sinkron-spreadsheet needs openpyxl")

from openpyxl import Workbook, load_workbook

import sinkron
from sinkron import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Agreement,
    Code,
    Desk,
    Meeting,
    MeetingKind,
    Money,
    Participant,
    Proposal,
    Value,
)
from sinkron.meetings import MeetingTemplate
from sinkron.testing import strategies as sst
from sinkron_spreadsheet import is_meeting_file, read_meeting, render_meeting_workbook, write_meeting_workbook
from sinkron_spreadsheet import workbook as workbook_module
from sinkron_spreadsheet.meetings import TABLES

SHEETS = [
    "Rapat",
    "Desk",
    "Undangan",
    "Daftar Hadir",
    "Acara",
    "Kesepakatan",
    "Tindak Lanjut",
    "Usulan",
    "Penandatangan",
]


def _fill_template(path: Path, **prefill: Any) -> Path:
    """What a desk secretariat does: open the shipped template and type into it."""
    workbook = load_workbook(io.BytesIO(render_meeting_workbook(MeetingTemplate(**prefill))))
    rapat = workbook["Rapat"]
    values = {
        "ID Rapat": "rakortek-kalteng-2025",
        "Jenis Rapat": "Rakortekrenbang",
        "Nama Rapat": "Rakortekrenbang Provinsi Kalimantan Tengah 2025",
        "Tanggal Mulai": dt.date(2025, 3, 4),
        "Tanggal Selesai": "6/3/2025",
        "Penyelenggara": "62",
        "Tempat": "Palangka Raya",
        "Pimpinan Rapat": "Sekretaris Daerah",
    }
    for row in rapat.iter_rows(min_row=1):
        if row[0].value in values:
            rapat.cell(row=row[0].row, column=2, value=values[row[0].value])
    workbook["Desk"].append(["D1", "Desk Kesehatan", "1.02", "Prevalensi stunting"])
    workbook["Desk"].append(["D1", None, None, "Angka kematian ibu"])
    workbook["Desk"].append(["D2", "Desk Sosial", "1.06", None])
    hadir = workbook["Daftar Hadir"]
    hadir.append(["62", None, "Provinsi Kalimantan Tengah", "Sekda", None, 1])
    hadir.append(["62.71", None, "Kota Palangka Raya", "Kepala Bappeda", "D1", 3])
    hadir.append([None, "kalteng.dinkes", "Dinas Kesehatan", "Kepala Dinas", "D1", None])
    workbook["Undangan"].append(["62.02", None, "Kabupaten Kotawaringin Timur", "Kepala Bappeda", None, 2])
    workbook["Acara"].append([dt.datetime(2025, 3, 4, 9, 0), "Pembukaan", "Gubernur"])
    sheet = workbook["Kesepakatan"]
    sheet.append(
        [
            1,
            "D1",
            "1.02.0.00.0.00.01.0000 Dinas Kesehatan",
            "1.02.02.2.02.0004",
            "Prevalensi stunting",
            "18.500",
            "Balita",
            1_250_000_000,
            2026,
            "prioritas",
        ]
    )
    sheet.append(
        [
            2,
            "Desk Kesehatan",
            "kalteng.dinkes",
            "1.02.02.2.02.0001",
            "Angka kematian ibu",
            0.96,
            "%",
            "Rp 296.187.500",
            "2026",
            None,
        ]
    )
    sheet.cell(row=3, column=6).number_format = "0%"
    workbook["Tindak Lanjut"].append(
        [None, "Kirim Renja perbaikan", "Dinas Kesehatan", dt.date(2025, 6, 30), "Dalam proses", None]
    )
    workbook["Usulan"].append(
        ["U1", "62", "Rumah sakit rujukan regional", "Kemenkes", 1, "Akses rujukan", "1.02", 75_000_000_000, 2026]
    )
    workbook["Penandatangan"].append(["62", None, "Ir. Contoh", "Kepala Bappeda Provinsi", None, None])
    workbook["Penandatangan"].append([None, "kalteng.dinkes", None, "Kepala Dinas Kesehatan", "D1", None])
    workbook.save(path)
    return path


def test_a_filled_template_reads_into_a_meeting(tmp_path: Path) -> None:
    path = _fill_template(tmp_path / "rakortek.xlsx")
    result = sinkron.read_result(path)
    assert result.errors == ()
    (meeting,) = result.bundle.meetings
    assert (meeting.id, meeting.kind, meeting.start, meeting.end, meeting.host_id) == (
        "rakortek-kalteng-2025",
        MeetingKind.RAKORTEKRENBANG,
        dt.date(2025, 3, 4),
        dt.date(2025, 3, 6),
        "62",
    )
    assert meeting.desks == (
        Desk(
            id="D1",
            name="Desk Kesehatan",
            sectors=[Code.parse("1.02")],
            outcomes=["Prevalensi stunting", "Angka kematian ibu"],
        ),
        Desk(id="D2", name="Desk Sosial", sectors=[Code.parse("1.06")]),
    )
    assert [(p.government_id, p.role, p.desk_id, p.count) for p in meeting.participants] == [
        ("62", "Sekda", None, 1),
        ("62.71", "Kepala Bappeda", "D1", 3),
        (None, "Kepala Dinas", "D1", 1),
    ]
    assert meeting.participant_count == 5
    assert meeting.invitees == (
        Participant(role="Kepala Bappeda", government_id="62.02", name="Kabupaten Kotawaringin Timur", count=2),
    )
    assert meeting.agenda == (AgendaItem(title="Pembukaan", start=dt.datetime(2025, 3, 4, 9, 0), speaker="Gubernur"),)
    first, second = meeting.agreements
    assert (first.id, first.desk_id, first.agency_id, str(first.sub_activity), first.year) == (
        "1",
        "D1",
        "1.02.0.00.0.00.01.0000",
        "1.02.02.2.02.0004",
        2026,
    )
    assert first.target == Value.parse("18.500", unit="Balita") and first.target.number == Decimal(18500)
    assert first.pagu == Money(1_250_000_000) and first.notes == "prioritas"
    assert second.desk_id == "D1"  # the desk named by its name
    assert second.target is not None and second.target.text == "96%" and second.pagu == Money(296_187_500)
    assert first.provenance is not None and (first.provenance.sheet, first.provenance.row) == ("Kesepakatan", 2)
    (action,) = meeting.action_items
    assert (action.id, action.status, action.due) == ("1", ActionStatus.IN_PROGRESS, dt.date(2025, 6, 30))
    (proposal,) = meeting.proposals
    assert (proposal.addressed_to, proposal.rank, proposal.sector, proposal.pagu) == (
        "Kemenkes",
        1,
        Code.parse("1.02"),
        Money(75_000_000_000),
    )
    assert [(s.role, s.name, s.desk_id) for s in meeting.signatories] == [
        ("Kepala Bappeda Provinsi", "Ir. Contoh", None),
        ("Kepala Dinas Kesehatan", None, "D1"),
    ]


def test_the_template_has_every_sheet_with_its_headers_and_prefills() -> None:
    desk = Desk(id="D1", name="Desk Kesehatan", sectors=[Code.parse("1.02")])
    invitee = Participant(role="Sekda", government_id="62.71", name="Kota Palangka Raya")
    workbook = load_workbook(
        io.BytesIO(
            render_meeting_workbook(MeetingTemplate(kind=MeetingKind.RAKOR_POVERTY, desks=[desk], invitees=[invitee]))
        )
    )
    assert workbook.sheetnames == ["Petunjuk", *SHEETS]
    for table in TABLES:
        headers = [c.value for c in next(workbook[table.sheet].iter_rows(max_row=1))]
        assert headers == [c.header for c in table.columns], table.sheet
    labels = {row[0].value: row[1].value for row in workbook["Rapat"].iter_rows()}
    assert labels["Jenis Rapat"] == "Rakor Penanggulangan Kemiskinan" and labels["ID Rapat"] is None
    assert [c.value for c in list(workbook["Desk"].iter_rows())[1]] == ["D1", "Desk Kesehatan", "1.02", None]
    assert [c.value for c in list(workbook["Undangan"].iter_rows())[1]][:4] == [
        "62.71",
        None,
        "Kota Palangka Raya",
        "Sekda",
    ]


def test_an_empty_template_is_incomplete_and_says_what_is_missing(tmp_path: Path) -> None:
    path = write_meeting_workbook(MeetingTemplate(), tmp_path / "kosong.xlsx")
    result = read_meeting(path)
    assert not result.complete and result.bundle.meetings == ()
    assert sorted(e.location.field or "" for e in result.errors) == ["id", "kind", "start", "title"]
    assert all(e.location.sheet == "Rapat" and e.location.row is not None for e in result.errors)


def test_every_bad_cell_is_reported_with_its_place(tmp_path: Path) -> None:
    path = _fill_template(tmp_path / "bad.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Kesepakatan"]
    sheet.append([3, "D9", "kalteng.dinkes", "1.02.02.2", "x", "5", None, "seratus juta", 2026, None])
    sheet.append([1, "D1", None, "1.02.02.2.02.0002", None, None, "Orang", None, "dua ribu", None])
    workbook["Tindak Lanjut"].append(["T2", "Rapat lanjutan", "Bappeda", "besok", "ditunda", None])
    workbook["Daftar Hadir"].append(["62", None, None, None, None, "dua"])
    workbook.save(path)
    errors = read_meeting(path).errors
    found = sorted(
        (e.location.sheet or "", e.location.row or 0, e.location.column or "", e.location.field or "") for e in errors
    )
    assert found == [
        ("Daftar Hadir", 5, "D", "role"),
        ("Daftar Hadir", 5, "F", "count"),
        ("Kesepakatan", 4, "B", "desk"),
        ("Kesepakatan", 4, "D", "code"),
        ("Kesepakatan", 4, "H", "pagu"),
        ("Kesepakatan", 5, "A", "id"),
        ("Kesepakatan", 5, "C", "agency"),
        ("Kesepakatan", 5, "G", "unit"),
        ("Kesepakatan", 5, "I", "year"),
        ("Tindak Lanjut", 3, "D", "due"),
        ("Tindak Lanjut", 3, "E", "status"),
    ]
    messages = {(e.location.row, e.location.field): e for e in errors if e.location.sheet == "Kesepakatan"}
    assert messages[(4, "pagu")].actual == "seratus juta" and "rupiah" in (messages[(4, "pagu")].expected or "")
    assert "D1" in (messages[(4, "desk")].expected or "")
    assert "numbered twice" in messages[(5, "id")].message
    assert str(messages[(4, "code")]).startswith(f"{path}, sheet 'Kesepakatan', row 4, column D")
    with pytest.raises(sinkron.ValidationError) as raised:
        sinkron.read(path)
    assert len(raised.value.errors) == len(errors)


def test_a_missing_table_header_is_reported(tmp_path: Path) -> None:
    path = _fill_template(tmp_path / "header.xlsx")
    workbook = load_workbook(path)
    workbook["Kesepakatan"].delete_rows(1)
    workbook.save(path)
    errors = read_meeting(path).errors
    assert [(e.location.sheet, e.message) for e in errors] == [
        ("Kesepakatan", "no header row of the Kesepakatan table")
    ]
    assert "KODE SUB KEGIATAN" in (errors[0].expected or "")


def test_a_csv_table_with_the_header_block_above_it(tmp_path: Path) -> None:
    path = tmp_path / "kesepakatan.csv"
    path.write_text(
        "ID Rapat : desk-kesehatan-2025\nJenis Rapat : desk\nNama Rapat : Desk Kesehatan 2025\n"
        "Tanggal Mulai : 5/3/2025\n\n"
        "NO;PERANGKAT DAERAH;KODE SUB KEGIATAN;INDIKATOR OUTCOME;TARGET;SATUAN;PAGU;TAHUN\n"
        "1;kalteng.dinkes;1.02.02.2.02.0004;Prevalensi stunting;18.500;Balita;1.250.000.000;2026\n",
        encoding="utf-8",
    )
    (meeting,) = sinkron.read(path).meetings
    assert (meeting.id, meeting.kind, meeting.start) == ("desk-kesehatan-2025", MeetingKind.DESK, dt.date(2025, 3, 5))
    (agreement,) = meeting.agreements
    assert agreement.pagu == Money(1_250_000_000) and agreement.target == Value.parse("18.500", unit="Balita")
    assert agreement.provenance is not None and agreement.provenance.row == 7


def test_a_csv_without_a_meeting_table_header(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("ID Rapat : r1\nNama Rapat : R\nJenis Rapat : rakor\nTanggal : 1/1/2025\n\nA;B\n1;2\n")
    errors = sinkron.read_result(path, mapping="meeting").errors
    assert [e.message for e in errors] == ["no header of a meeting table"]
    # without a meeting table's header it is not detected as a meeting: read as a plan sheet, it fails there
    assert not is_meeting_file(path)
    assert [e.message for e in sinkron.read_result(path).errors] == ["no sheet has the header of a known layout"]


def test_a_renja_csv_with_a_judul_line_is_a_plan_and_a_meeting_csv_is_a_meeting(tmp_path: Path) -> None:
    """``Judul :`` is a header-block label of both; only the meeting csv has a meeting table's header."""
    renja = tmp_path / "renja.csv"
    renja.write_text(
        "Judul : Renja Dinas Kesehatan 2026\nPeriode : 2026\n"
        "KODE SUB KEGIATAN;PROGRAM DAN KEGIATAN;TOLAK UKUR KELUARAN;TARGET KINERJA KELUARAN;JUMLAH PAGU\n"
        "1.02.02.2.02.0001;Pengelolaan Pelayanan Kesehatan Ibu Hamil;Jumlah Ibu Hamil;100 Orang;1.000.000\n",
        encoding="utf-8",
    )
    meeting = tmp_path / "kesepakatan.csv"
    meeting.write_text(
        "ID Rapat : desk-1\nJenis Rapat : desk\nJudul : Desk Kesehatan 2025\nTanggal : 5/3/2025\n"
        "NO;PERANGKAT DAERAH;KODE SUB KEGIATAN;TARGET;TAHUN\n1;kalteng.dinkes;1.02.02.2.02.0004;18 %;2026\n",
        encoding="utf-8",
    )
    assert (is_meeting_file(renja), is_meeting_file(meeting)) == (False, True)
    plan_bundle = sinkron.read(renja)
    assert plan_bundle.meetings == () and plan_bundle.plans[0].title == "Renja Dinas Kesehatan 2026"
    assert [str(s.code) for s in plan_bundle.plans[0].sub_activities()] == ["1.02.02.2.02.0001"]
    (read_meeting_,) = sinkron.read(meeting).meetings
    assert read_meeting_.title == "Desk Kesehatan 2025" and len(read_meeting_.agreements) == 1


def test_an_xlsx_needs_the_rapat_block_and_a_meeting_table(tmp_path: Path) -> None:
    path = _fill_template(tmp_path / "rapat.xlsx")
    assert is_meeting_file(path)
    workbook = load_workbook(path)
    for name in workbook.sheetnames:
        if name != "Rapat":
            del workbook[name]
    plan_sheet = workbook.create_sheet("Renja")
    plan_sheet.append(["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR KELUARAN", "JUMLAH PAGU"])
    plan_sheet.append(["1.02.02.2.02.0001", "Pelayanan", "Ibu hamil terlayani", 1000])
    workbook.save(tmp_path / "only-rapat.xlsx")
    assert not is_meeting_file(tmp_path / "only-rapat.xlsx")  # a sheet named Rapat, but no meeting table
    bundle = sinkron.read(tmp_path / "only-rapat.xlsx", year=2026, sheet="Renja")
    assert bundle.meetings == () and len(bundle.plans) == 1
    workbook = load_workbook(path)
    for row in workbook["Rapat"].iter_rows():
        for cell in row:
            cell.value = None
    workbook.save(tmp_path / "no-block.xlsx")
    assert not is_meeting_file(tmp_path / "no-block.xlsx")  # meeting tables, but no header block


def test_plan_workbooks_are_not_mistaken_for_meetings(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Renja"
    workbook.active.append(["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR KELUARAN", "JUMLAH PAGU"])
    workbook.active.append(["1.02.02.2.02.0001", "Pelayanan", "Ibu hamil terlayani", 1000])
    workbook.save(tmp_path / "renja.xlsx")
    bundle = sinkron.read(tmp_path / "renja.xlsx", year=2026)
    assert bundle.meetings == () and len(bundle.plans) == 1


def test_the_connector_opens_a_file_once_to_tell_a_meeting_and_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = Workbook()
    workbook.active.append(["KODE SUB KEGIATAN", "PROGRAM DAN KEGIATAN", "TOLAK UKUR KELUARAN", "JUMLAH PAGU"])
    workbook.active.append(["1.02.02.2.02.0001", "Pelayanan", "Ibu hamil terlayani", 1000])
    workbook.save(tmp_path / "renja.xlsx")
    meeting_csv = tmp_path / "kesepakatan.csv"
    meeting_csv.write_text(
        "ID Rapat : desk-1\nJenis Rapat : desk\nJudul : Desk Kesehatan 2025\nTanggal : 5/3/2025\n"
        "NO;PERANGKAT DAERAH;KODE SUB KEGIATAN;TARGET;TAHUN\n1;kalteng.dinkes;1.02.02.2.02.0004;18 %;2026\n",
        encoding="utf-8",
    )
    opened: list[str] = []

    def counted(real: Any) -> Any:
        def open_(path: Path, *rest: Any) -> Any:
            opened.append(path.name)
            return real(path, *rest)

        return open_

    for name in ("_open_xlsx", "_open_csv"):  # every open_workbook goes through one of them
        monkeypatch.setattr(workbook_module, name, counted(getattr(workbook_module, name)))
    plan = sinkron.read(tmp_path / "renja.xlsx", year=2026)
    meeting = sinkron.read(_fill_template(tmp_path / "rapat.xlsx"))
    csv_meeting = sinkron.read(meeting_csv)
    assert len(plan.plans) == 1 and len(meeting.meetings) == 1 and len(csv_meeting.meetings) == 1
    assert opened == ["renja.xlsx", "rapat.xlsx", "kesepakatan.csv"]


def _meeting_full() -> Meeting:
    return Meeting(
        id="rk",
        kind=MeetingKind.RAKORTEKRENBANG,
        title="=Rakortek 2025",
        start=dt.date(2025, 3, 4),
        end=dt.date(2025, 3, 6),
        host_id="62",
        venue="Palangka Raya",
        chair="Sekda",
        minutes_number="050/12/BAPPEDALITBANG/III/2025",
        desks=[
            Desk(
                id="D1",
                name="Desk Kesehatan",
                sectors=[Code.parse("1.02"), Code.parse("1.03")],
                outcomes=["Stunting", "AKI"],
            ),
            Desk(id="D2", name="Desk PU"),
        ],
        participants=[
            Participant(role="Sekda", government_id="62", count=2, desk_id="D1"),
            Participant(role="Kepala Bappeda", name="Kota X"),
        ],
        invitees=[Participant(role="Sekda", government_id="62")],
        signatories=[Participant(role="Kepala Bappeda", name="Ir. A", desk_id="D1")],
        agenda=[AgendaItem(title="Pembukaan", start=dt.datetime(2025, 3, 4, 9, 0), speaker="Gubernur")],
        agreements=[
            Agreement(
                id="1",
                desk_id="D1",
                agency_id="kalteng.dinkes",
                sub_activity=Code.parse("1.02.02.2.02.0001"),
                year=2026,
                outcome="Stunting",
                target=Value.parse("7,0–8,0 %"),
                pagu=Money(Decimal("300000000.50")),
                notes="catatan\nbaris 2",
            )
        ],
        action_items=[
            ActionItem(
                id="T1",
                description="Revisi",
                owner="Dinkes",
                due=dt.date(2025, 6, 1),
                status=ActionStatus.DONE,
                completed=dt.date(2025, 5, 1),
            )
        ],
        proposals=[
            Proposal(
                id="U1",
                government_id="62",
                title="RSUD",
                addressed_to="Kemenkes",
                rank=1,
                justification="-perlu",
                sector=Code.parse("1.02"),
                pagu=Money(5),
                year=2026,
            )
        ],
    )


def test_minutes_round_trip_every_field(tmp_path: Path) -> None:
    meeting = _meeting_full()
    path = sinkron.write(meeting, tmp_path / "berita-acara.xlsx")
    assert load_workbook(path).sheetnames == ["Berita Acara", *SHEETS]
    assert sinkron.read(path).meetings == (meeting,)


def test_amounts_a_spreadsheet_number_would_round_are_written_as_text_and_read_back_exactly(tmp_path: Path) -> None:
    """Issue 25 item 11: the meeting workbook wrote every pagu as a number, rounded past 15-16 digits."""
    meeting = _meeting_full()
    big = Money(Decimal("123456789012345678"))  # 18 digits: a float keeps 16
    with_sen = Money(Decimal("9876543210987.65"))  # 15 digits: a number cell holds it exactly
    meeting = attrs.evolve(
        meeting,
        agreements=[attrs.evolve(meeting.agreements[0], pagu=big)],
        proposals=[attrs.evolve(meeting.proposals[0], pagu=with_sen)],
    )
    with pytest.warns(UserWarning, match=r"1 amount\(s\) have more digits .* Rp 123\.456\.789\.012\.345\.678 on sheet"):
        path = sinkron.write(meeting, tmp_path / "berita-acara.xlsx")
    book = load_workbook(path)
    cells = {c.value for sheet in ("Kesepakatan", "Usulan") for row in book[sheet].iter_rows() for c in row}
    assert "123.456.789.012.345.678" in cells and float(with_sen.amount) in cells
    assert sinkron.read(path).meetings == (meeting,)


def test_the_printed_minutes_list_agreements_per_desk_and_signatories(tmp_path: Path) -> None:
    path = sinkron.write(_meeting_full(), tmp_path / "berita-acara.xlsx")
    texts = [str(c.value) for row in load_workbook(path)["Berita Acara"].iter_rows() for c in row if c.value]
    assert "Berita Acara =Rakortek 2025" in texts
    assert texts.index("Desk Kesehatan") < texts.index("1.02.02.2.02.0001") < texts.index("Desk PU")
    assert "Penandatangan desk: Kepala Bappeda (Ir. A)" in texts and "Penandatangan" in texts
    assert texts[texts.index("Nomor") + 1] == "050/12/BAPPEDALITBANG/III/2025"
    assert texts[texts.index("Jenis rapat") + 1] == "Rakortekrenbang"
    assert any(
        t.startswith("Pada hari ini, Selasa tanggal empat bulan Maret tahun dua ribu dua puluh lima") for t in texts
    )
    labels = {row[0].value: row[1].value for row in load_workbook(path)["Rapat"].iter_rows()}
    assert labels["Nomor Berita Acara"] == "050/12/BAPPEDALITBANG/III/2025"


_TEXT = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n'=+-@"), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def _wider_meetings(draw: st.DrawFn) -> Meeting:
    base = draw(sst.meetings())
    desks = [Desk(id=f"D{i}", name=draw(_TEXT), outcomes=draw(st.lists(_TEXT, max_size=2))) for i in range(2)]
    agreements = [
        Agreement(
            id=draw(_TEXT.filter(lambda t: "\n" not in t)) + f"-{i}",
            desk_id=draw(st.sampled_from(["D0", "D1"])),
            agency_id="kalteng.dinkes",
            sub_activity=a.sub_activity,
            year=a.year,
            outcome=draw(_TEXT),
            target=a.target,
            pagu=a.pagu,
            notes=draw(st.none() | _TEXT),
        )
        for i, a in enumerate(base.agreements)
    ]
    parties = st.builds(
        Participant,
        role=_TEXT,
        name=_TEXT,
        government_id=st.none() | st.sampled_from(["62", "62.71"]),
        count=st.integers(1, 600),
        desk_id=st.none() | st.just("D1"),
    )
    return Meeting(
        id=base.id,
        kind=base.kind,
        title=draw(_TEXT),
        start=base.start,
        end=base.end,
        venue=draw(st.none() | _TEXT),
        chair=draw(st.none() | _TEXT),
        minutes_number=draw(st.none() | _TEXT),
        host_id="62",
        desks=desks,
        agreements=agreements,
        participants=draw(st.lists(parties, max_size=3)),
        invitees=draw(st.lists(parties, max_size=2)),
        signatories=draw(st.lists(parties, max_size=2)),
        agenda=base.agenda,
        action_items=base.action_items,
        proposals=base.proposals,
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sst.meetings())
def test_property_minutes_export_and_reimport_are_lossless(tmp_path: Path, meeting: Meeting) -> None:
    path = write_meeting_workbook(meeting, tmp_path / "m.xlsx")
    result = read_meeting(path)
    assert result.errors == ()
    assert result.bundle.meetings == (meeting,)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_wider_meetings())
def test_property_any_text_survives_the_round_trip(tmp_path: Path, meeting: Meeting) -> None:
    path = write_meeting_workbook(meeting, tmp_path / "m.xlsx")
    result = read_meeting(path)
    assert result.errors == ()
    assert result.bundle.meetings == (meeting,)
