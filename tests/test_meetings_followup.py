"""Meeting follow-up end to end: real xlsx files (a Renja PD and a meeting workbook), the demo, the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import sinkron
from sinkron import (
    Activity,
    Agreement,
    Budget,
    Bundle,
    CheckConfig,
    Code,
    Desk,
    Indicator,
    Meeting,
    MeetingKind,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
    Target,
    Value,
)
from sinkron.cli import main
from sinkron.demo import demo_bundle, demo_config
from sinkron.demo.meetings import MEETING_PLANTED

pytest.importorskip("sinkron_spreadsheet", reason="the spreadsheet plugin reads and writes the xlsx files")

DINKES = "1.02.0.00.0.00.01.0000"
#: code → (target, pagu in millions) agreed at the desk and carried by the clean Renja.
AGREED = {
    "1.02.02.2.02.0001": ("1.250", 300),
    "1.02.02.2.02.0004": ("18.500", 200),
    "1.02.02.2.02.0011": ("4.800", 150),
}


def _renja(subs: dict[str, tuple[str, int]]) -> Plan:
    return Plan(
        id="renja-dinkes-2026",
        kind=PlanKind.RENJA_PD,
        title="Renja Dinas Kesehatan 2026",
        owner_id=DINKES,
        government_id="62",
        period=PlanPeriod(start=2026, end=2026),
        programs=[
            Program(
                code=Code.parse("1.02.02"),
                name="PROGRAM PEMENUHAN UPAYA KESEHATAN",
                activities=[
                    Activity(
                        code=Code.parse("1.02.02.2.02"),
                        name="Penyediaan Layanan Kesehatan",
                        sub_activities=[
                            SubActivity(
                                code=Code.parse(code),
                                name=f"Sub kegiatan {code}",
                                indicators=[
                                    Indicator(
                                        name="Jumlah orang yang mendapatkan pelayanan",
                                        unit="Orang",
                                        targets=[Target(year=2026, value=Value.parse(target))],
                                    )
                                ],
                                budgets=[Budget(year=2026, amount=Money(pagu * 1_000_000))],
                            )
                            for code, (target, pagu) in subs.items()
                        ],
                    )
                ],
            )
        ],
    )


def _meeting() -> Meeting:
    return Meeting(
        id="rakortek-2025",
        kind=MeetingKind.RAKORTEKRENBANG,
        title="Rakortekrenbang 2025",
        start=dt.date(2025, 3, 4),
        host_id="62",
        desks=[Desk(id="D1", name="Desk Kesehatan", sectors=[Code.parse("1.02")])],
        agreements=[
            Agreement(
                id=str(n),
                desk_id="D1",
                agency_id=DINKES,
                sub_activity=Code.parse(code),
                year=2026,
                target=Value.parse(target, unit="Orang"),
                pagu=Money(pagu * 1_000_000),
            )
            for n, (code, (target, pagu)) in enumerate(AGREED.items(), start=1)
        ],
    )


def _files(tmp_path: Path, renja: Plan) -> list[Path]:
    return [
        sinkron.write(Bundle(plans=[renja]), tmp_path / "renja.xlsx"),
        sinkron.write(_meeting(), tmp_path / "rakortek.xlsx"),
    ]


def _family5(paths: list[Path]) -> list[sinkron.Finding]:
    bundle = sinkron.read(paths[0]).merge(*(sinkron.read(p) for p in paths[1:]))
    return list(sinkron.check(bundle, ["SKN5"], config=CheckConfig(today=dt.date(2025, 12, 1))).findings)


def test_a_renja_that_follows_every_agreement_gives_no_finding(tmp_path: Path) -> None:
    assert _family5(_files(tmp_path, _renja(AGREED))) == []


def test_a_dropped_sub_kegiatan_and_a_changed_pagu_are_exactly_what_is_reported_located(tmp_path: Path) -> None:
    changed = dict(AGREED)
    del changed["1.02.02.2.02.0004"]  # dropped from the Renja
    changed["1.02.02.2.02.0011"] = ("4.800", 210)  # pagu 40 % above the agreement
    paths = _files(tmp_path, _renja(changed))
    findings = _family5(paths)
    assert [(f.rule, f.subject) for f in findings] == [
        ("SKN501", "rakortek-2025#2"),
        ("SKN503", "renja-dinkes-2026#1.02.02.2.02.0011"),
    ]
    dropped, pagu = findings
    # The dropped agreement is located at its row of the meeting workbook …
    assert dropped.location is not None
    assert (dropped.location.source, dropped.location.sheet, dropped.location.row) == (str(paths[1]), "Kesepakatan", 3)
    assert dropped.evidence["code"] == "1.02.02.2.02.0004" and dropped.evidence["agency"] == DINKES
    # … the changed pagu in the Renja's sheet, naming the agreement (and its row) it departs from.
    assert pagu.location is not None and (pagu.location.source, pagu.location.sheet) == (
        str(paths[0]),
        "renja-dinkes-2026",
    )
    assert pagu.evidence["agreement_ref"] == "rakortek-2025#3" and pagu.evidence["plan_pagu"] == 210_000_000
    assert pagu.evidence["agreement_location"] == f"{paths[1]}, sheet 'Kesepakatan', row 4"


def test_the_demo_reports_exactly_the_planted_meeting_cases() -> None:
    report = sinkron.check(demo_bundle(), config=demo_config())
    found = [(f.rule, f.subject) for f in report.findings if f.family == 5]
    assert found == [(c.rule, c.subject) for c in MEETING_PLANTED]


def test_sinkron_check_demo_shows_follow_up_findings() -> None:
    result = CliRunner().invoke(main, ["check", "--demo", "--select", "SKN5", "--format", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    assert '"rule": "SKN501"' in result.output and '"rule": "SKN504"' in result.output


def test_cli_template_summary_and_minutes(tmp_path: Path) -> None:
    runner = CliRunner()
    template = tmp_path / "templat.xlsx"
    result = runner.invoke(main, ["meeting", "template", "--output", str(template), "--kind", "rakor_kemiskinan"])
    assert result.exit_code == 0, result.output
    assert template.stat().st_size > 0
    # The empty template is no meeting yet: every missing header field is named, with its place.
    result = runner.invoke(main, ["meeting", "summary", str(template)])
    assert result.exit_code == 2 and "sheet 'Rapat', row 1, column B, field 'id'" in result.output

    meeting = attrs.evolve(_meeting(), invitees=[sinkron.Participant(role="Kepala Bappeda", government_id="62.71")])
    workbook = sinkron.write(meeting, tmp_path / "rakortek.xlsx")
    renja = sinkron.write(Bundle(plans=[_renja(AGREED)]), tmp_path / "renja.xlsx")
    result = runner.invoke(main, ["meeting", "summary", str(workbook), "--plans", str(renja)])
    assert result.exit_code == 0, result.output
    assert "Undangan yang tidak hadir (1):" in result.output and "62.71: Kepala Bappeda" in result.output
    assert "3 dari 3 yang dapat diperiksa sesuai (100%)" in result.output
    result = runner.invoke(main, ["meeting", "summary", str(workbook), "--format", "json"])
    assert result.exit_code == 0 and '"follow_up": null' in result.output

    result = runner.invoke(main, ["meeting", "minutes", str(workbook), "--format", "md"])
    assert result.exit_code == 0 and result.output.startswith("# Berita Acara Rakortekrenbang 2025")
    out = tmp_path / "ba.xlsx"
    result = runner.invoke(main, ["meeting", "minutes", str(workbook), "--format", "xlsx", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert sinkron.read(out).meetings == (meeting,)
    json_doc = sinkron.write(meeting, tmp_path / "rakortek.json")
    result = runner.invoke(main, ["meeting", "minutes", str(json_doc), "--format", "html"])
    assert result.exit_code == 0 and "<h2>Desk Kesehatan</h2>" in result.output
