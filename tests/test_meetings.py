"""sinkron.meetings: the summary (attendance, desks, follow-up rate) and the Markdown/HTML minutes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import sinkron
from sinkron import (
    ActionItem,
    ActionStatus,
    Activity,
    Agency,
    AgencyKind,
    Agreement,
    Budget,
    Bundle,
    Code,
    Desk,
    Government,
    GovernmentLevel,
    Meeting,
    MeetingKind,
    Money,
    Participant,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
    Value,
)
from sinkron.convert import dumps, loads
from sinkron.meetings import party_level, render_minutes_html, render_minutes_markdown, summarise

PROVINCES = [f"{n}" for n in (11, 12, 13)]
KABKOTA = ["11.01", "11.71", "12.01"]


def _meeting(**changes: object) -> Meeting:
    values: dict[str, object] = {
        "id": "rakor-2025",
        "kind": MeetingKind.RAKOR,
        "title": "Rakor Sinkronisasi 2025",
        "start": dt.date(2025, 10, 26),
        "end": dt.date(2025, 10, 29),
        "venue": "IPDN Jatinangor",
        "desks": [
            Desk(id="D1", name="Desk Kesehatan", sectors=[Code.parse("1.02")], outcomes=["Stunting"]),
            Desk(id="D2", name="Desk Sosial"),
        ],
        "participants": [
            Participant(role="Sekda", government_id="11"),
            Participant(role="Sekda", government_id="12"),
            Participant(role="Kepala Bappeda", government_id="11", count=2),
            Participant(role="Sekda", government_id="11.01"),
            Participant(role="Narasumber", agency_id="024", count=3),
            Participant(role="Pengamat", name="Universitas X"),
        ],
        "invitees": [
            Participant(role=r, government_id=g) for g in PROVINCES + KABKOTA for r in ("Sekda", "Kepala Bappeda")
        ],
        "agreements": [
            Agreement(
                id="A1",
                desk_id="D1",
                agency_id="dinkes",
                sub_activity=Code.parse("1.02.02.2.02.0001"),
                year=2026,
                pagu=Money(300_000_000),
                target=Value.parse("1.250 Orang"),
            ),
            Agreement(
                id="A2",
                desk_id="D1",
                agency_id="dinkes",
                sub_activity=Code.parse("1.02.02.2.02.0004"),
                year=2026,
                pagu=Money(200_000_000),
            ),
            Agreement(id="A3", agency_id="dinsos", sub_activity=Code.parse("1.06.04.2.01.0001"), year=2026),
        ],
        "action_items": [
            ActionItem(id="T1", description="Kirim data", owner="Bappeda", status=ActionStatus.DONE),
            ActionItem(id="T2", description="Revisi Renja", owner="Dinkes"),
        ],
    }
    values.update(changes)
    return Meeting(**values)  # type: ignore[arg-type]


def test_party_levels_from_the_bundle_or_the_kode_wilayah() -> None:
    bundle = Bundle(
        governments=[
            Government(level=GovernmentLevel.CITY, name="Kota Banda Aceh", region_code="11.71", parent_id="11")
        ],
        agencies=[
            Agency(id="024", code="024", name="Kementerian Kesehatan", kind=AgencyKind.MINISTRY),
            Agency(id="dinkes", code="1.02.0.00.0.00.01.0000", name="Dinkes", government_id="11.71"),
        ],
    )
    level = {
        p: party_level(Participant(role="x", **{k: p}), bundle)  # type: ignore[arg-type]
        for k, p in (
            ("government_id", "11"),
            ("government_id", "11.71"),
            ("agency_id", "024"),
            ("agency_id", "dinkes"),
            ("government_id", "pusat"),
            ("name", "Universitas X"),
        )
    }
    assert level == {
        "11": "provinsi",
        "11.71": "kabupaten/kota",
        "024": "pusat",
        "dinkes": "kabupaten/kota",
        "pusat": "pusat",
        "Universitas X": "lainnya",
    }


def test_summary_counts_attendance_by_level_and_role_against_the_invitees() -> None:
    summary = summarise(_meeting())
    rows = {(g.level, g.role): (g.parties, g.head_count, g.expected_parties) for g in summary.attendance}
    assert rows == {
        ("pusat", "Narasumber"): (1, 3, 0),
        ("provinsi", "Kepala Bappeda"): (1, 2, 3),
        ("provinsi", "Sekda"): (2, 2, 3),
        ("kabupaten/kota", "Kepala Bappeda"): (0, 0, 3),
        ("kabupaten/kota", "Sekda"): (1, 1, 3),
        ("lainnya", "Pengamat"): (1, 1, 0),
    }
    assert [(lv.level, lv.present, lv.expected, lv.missing) for lv in summary.levels] == [
        ("pusat", 1, 0, 0),
        ("provinsi", 2, 3, 1),
        ("kabupaten/kota", 1, 3, 2),
        ("lainnya", 1, 0, 0),
    ]
    assert summary.expected == 12 and summary.head_count == 9 and summary.participants == 6
    missing = {(m.government_id, m.role) for m in summary.missing}
    assert len(missing) == 8 and ("13", "Sekda") in missing and ("11", "Sekda") not in missing
    assert ("11.01", "Kepala Bappeda") in missing and ("11.01", "Sekda") not in missing


def test_an_expected_list_given_by_the_user_replaces_the_invitees() -> None:
    expected = [Participant(role="Sekda", government_id=g) for g in ("11", "99")]
    summary = summarise(_meeting(), expected=expected)
    assert summary.expected == 2 and [m.government_id for m in summary.missing] == ["99"]


def test_summary_agreements_per_desk_and_actions() -> None:
    summary = summarise(_meeting())
    assert [(d.desk_id, d.agreements, d.agencies, d.pagu, d.outcomes) for d in summary.desks] == [
        ("D1", 2, 1, Decimal(500_000_000), 1),
        ("D2", 0, 0, Decimal(0), 0),
        (None, 1, 1, Decimal(0), 0),
    ]
    assert summary.action_items == {"selesai": 1, "belum": 1}
    assert summary.follow_up is None


def _renja(subs: dict[str, int]) -> Plan:
    return Plan(
        id="renja-dinkes-2026",
        kind=PlanKind.RENJA_PD,
        title="Renja Dinkes 2026",
        owner_id="dinkes",
        period=PlanPeriod(start=2026, end=2026),
        programs=[
            Program(
                code=Code.parse("1.02.02"),
                name="P",
                activities=[
                    Activity(
                        code=Code.parse("1.02.02.2.02"),
                        name="K",
                        sub_activities=[
                            SubActivity(code=Code.parse(c), name="S", budgets=[Budget(year=2026, amount=Money(p))])
                            for c, p in subs.items()
                        ],
                    )
                ],
            )
        ],
    )


def test_follow_up_rate_per_agency_once_plans_are_loaded() -> None:
    bundle = Bundle(plans=[_renja({"1.02.02.2.02.0001": 300_000_000, "1.02.02.2.02.0004": 260_000_000})])
    follow = summarise(_meeting(), bundle).follow_up
    assert follow is not None
    assert (follow.agreements, follow.checked, follow.followed, follow.differs, follow.absent) == (3, 2, 0, 2, 0)
    # A1 has a target the item lacks; A2's pagu is 30 % off; A3 (dinsos) has no plan to compare with.
    assert follow.rate == Decimal(0)
    assert [(a.agency_id, a.agreements, a.checked, a.followed) for a in follow.by_agency] == [
        ("dinkes", 2, 2, 0),
        ("dinsos", 1, 0, 0),
    ]
    no_target = _meeting(
        agreements=[
            Agreement(
                id="A1",
                agency_id="dinkes",
                year=2026,
                pagu=Money(300_000_000),
                sub_activity=Code.parse("1.02.02.2.02.0001"),
            )
        ]
    )
    follow = summarise(no_target, bundle).follow_up
    assert follow is not None and follow.rate == Decimal(1)
    data = summarise(no_target, bundle).to_dict()
    assert data["follow_up"]["rate"] == "1.0000" and data["missing"][0] == {
        "role": "Kepala Bappeda",
        "government_id": "12",
        "count": 1,
    }


def test_markdown_minutes_list_agreements_per_desk_and_signatories() -> None:
    meeting = _meeting(
        signatories=[
            Participant(role="Kepala Bappeda Provinsi", name="Ir. A | B", government_id="11"),
            Participant(role="Kepala Dinas Kesehatan", agency_id="dinkes", desk_id="D1"),
        ]
    )
    text = render_minutes_markdown(meeting)
    lines = text.splitlines()
    assert lines[0] == "# Berita Acara Rakor Sinkronisasi 2025"
    assert "| Tanggal | 26 Oktober 2025 – 29 Oktober 2025 |" in lines
    desk1, desk2, outside = (
        lines.index("## Desk Kesehatan"),
        lines.index("## Desk Sosial"),
        lines.index("## Kesepakatan di luar desk"),
    )
    a1 = next(i for i, line in enumerate(lines) if "| A1 |" in line)
    assert desk1 < a1 < desk2 < outside
    assert "Penandatangan desk: Kepala Dinas Kesehatan" in lines
    assert "| 1 | Kepala Bappeda Provinsi | Ir. A \\| B | 11 |  |" in lines
    assert "Pengelolaan Pelayanan Kesehatan Ibu Hamil" in text and "300.000.000" in text


def test_minutes_open_with_the_formula_and_print_targets_with_their_satuan() -> None:
    meeting = _meeting(
        kind=MeetingKind.RAKOR_POVERTY,
        start=dt.date(2026, 12, 8),
        end=dt.date(2026, 12, 10),
        minutes_number="050/123/BAPPEDALITBANG/XII/2026",
        agreements=[
            Agreement(
                id="A1",
                desk_id="D1",
                agency_id="dinkes",
                sub_activity=Code.parse("1.02.02.2.02.0001"),
                year=2027,
                target=Value.parse("51500", unit="Orang"),
            ),
            Agreement(
                id="A2",
                desk_id="D1",
                agency_id="dinkes",
                sub_activity=Code.parse("1.02.02.2.02.0004"),
                year=2027,
                target=Value.parse("24.24 %"),
            ),
        ],
    )
    for text in (render_minutes_markdown(meeting), render_minutes_html(meeting)):
        assert (
            "Pada hari ini, Selasa tanggal delapan bulan Desember tahun dua ribu dua puluh enam sampai dengan hari "
            "Kamis tanggal sepuluh bulan Desember tahun dua ribu dua puluh enam, bertempat di IPDN Jatinangor, "
            "telah dilaksanakan Rakor Penanggulangan Kemiskinan “Rakor Sinkronisasi 2025”." in text
        )
        assert "050/123/BAPPEDALITBANG/XII/2026" in text and "rakor_kemiskinan" not in text
    lines = render_minutes_markdown(meeting).splitlines()
    assert "| Jenis rapat | Rakor Penanggulangan Kemiskinan |" in lines
    assert any("| 51.500 Orang |" in line for line in lines)
    assert any("| 24,24% |" in line for line in lines)


def test_minutes_name_the_host_and_do_not_repeat_the_kind_in_the_title() -> None:
    aceh = Government(level=GovernmentLevel.PROVINCE, region_code="11", name="Provinsi Aceh")
    meeting = _meeting(kind=MeetingKind.RAKORTEKRENBANG, title="Rakortekrenbang Provinsi Aceh 2025", host_id="11")
    lines = render_minutes_markdown(meeting, Bundle(governments=[aceh])).splitlines()
    assert "| Penyelenggara | Provinsi Aceh |" in lines
    assert "telah dilaksanakan Rakortekrenbang Provinsi Aceh 2025." in lines[2]
    assert "| Penyelenggara | 11 |" in render_minutes_markdown(meeting).splitlines()  # no bundle: as recorded


def test_dates_and_numbers_in_words() -> None:
    from sinkron.meetings import date_in_words
    from sinkron.numbers import number_in_words

    assert date_in_words(dt.date(2025, 3, 4)) == "Selasa tanggal empat bulan Maret tahun dua ribu dua puluh lima"
    assert (
        date_in_words(dt.date(2024, 2, 29))
        == "Kamis tanggal dua puluh sembilan bulan Februari tahun dua ribu dua puluh empat"
    )
    assert date_in_words(dt.date(2000, 1, 1)) == "Sabtu tanggal satu bulan Januari tahun dua ribu"
    assert [number_in_words(n) for n in (0, 11, 17, 100, 111, 1000, 1999, 21_000, 1_000_000, 2_500_000_000)] == [
        "nol",
        "sebelas",
        "tujuh belas",
        "seratus",
        "seratus sebelas",
        "seribu",
        "seribu sembilan ratus sembilan puluh sembilan",
        "dua puluh satu ribu",
        "satu juta",
        "dua miliar lima ratus juta",
    ]


def test_html_minutes_escape_the_data() -> None:
    page = render_minutes_html(_meeting(title="<script>alert(1)</script>"))
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "Desk Kesehatan" in page


def test_minutes_through_sinkron_write(tmp_path: Path) -> None:
    meeting = _meeting()
    md = sinkron.write(meeting, tmp_path / "ba.md")
    html = sinkron.write(meeting, tmp_path / "ba.html")
    assert md.read_text(encoding="utf-8") == render_minutes_markdown(meeting)
    assert html.read_text(encoding="utf-8") == render_minutes_html(meeting)


def test_meetings_round_trip_through_json() -> None:
    meeting = _meeting(signatories=[Participant(role="Sekda", government_id="11", desk_id="D2")])
    assert loads(dumps(meeting), Meeting) == meeting
