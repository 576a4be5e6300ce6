"""sinkron.bridge: Form 4 totals, Form 5, the K/L × region matrix, usulan routing, and the table exporters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinkron
from sinkron import (
    Activity,
    Agency,
    Budget,
    Bundle,
    Code,
    Government,
    GovernmentLevel,
    Indicator,
    Link,
    LinkKind,
    Meeting,
    MeetingKind,
    Money,
    Objective,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    Proposal,
    SubActivity,
    Target,
    Value,
    ref,
)
from sinkron.bridge import (
    Column,
    RowStyle,
    Table,
    TableRow,
    TableSet,
    build_form4,
    build_form5,
    build_sync_matrix,
    form4_tables,
    matrix_tables,
    route_proposals,
    sync_matrices,
)
from sinkron.builtins.table_exporters import render_tables_html, render_tables_markdown
from sinkron.kl import (
    DetailedOutput,
    KLCode,
    Ministry,
    MinistryActivity,
    MinistryPlan,
    MinistryProgram,
    NationalPriority,
    NationalRecords,
    OutputClass,
    OutputLocation,
    PriorityCrosswalk,
    PriorityMapping,
    PriorityTree,
    ProgramSectorCrosswalk,
    ProgramSectorMapping,
    add_priority_tree,
    rpjmn_2025_2029,
    tag,
)
from sinkron.models import PriorityKind
from sinkron.testing import strategies as sst

YEAR = 2026
DKP = "palangkaraya.dkp"
DINKES_KOTIM = "kotim.dinkes"
KP = "rpjmn-2025-2029:02.10.09"


def sub(code: str, name: str, agency: str, pagu: int, forward: int | None = None) -> SubActivity:
    budgets = [Budget(year=YEAR, amount=Money(pagu))]
    if forward is not None:
        budgets.append(Budget(year=YEAR + 1, amount=Money(forward)))
    return SubActivity(
        code=Code.parse(code),
        name=name,
        agency_id=agency,
        budgets=budgets,
        locations=["Kec. Jekan Raya"],
        indicators=[Indicator(name="Jumlah sarana", unit="Unit", targets=[Target(year=YEAR, value=Value.of(3))])],
    )


def rkpd(
    plan_id: str, government: str, agency: str, program_code: str, activity_code: str, subs: list[SubActivity]
) -> Plan:
    program = Program(
        code=Code.parse(program_code),
        name=f"Program {program_code}",
        agency_id=agency,
        indicators=[Indicator(name="Capaian program", unit="%", targets=[Target(year=YEAR, value=Value.of(80))])],
        activities=[
            Activity(
                code=Code.parse(activity_code), name=f"Kegiatan {activity_code}", agency_id=agency, sub_activities=subs
            )
        ],
    )
    return Plan(
        id=plan_id,
        kind=PlanKind.RKPD,
        title=f"RKPD {government} {YEAR}",
        period=PlanPeriod(start=YEAR, end=YEAR),
        owner_id=government,
        government_id=government,
        programs=[program],
        objectives=[Objective(id="S1", text="Meningkatnya produksi perikanan")],
    )


def kkp_plan() -> MinistryPlan:
    program = KLCode.parse("032.04.CE")
    activity = program.child("5678")
    kro = activity.child("5678.RBK")
    outputs = [
        DetailedOutput(
            code=kro.child("RBK.001"),
            name="Kampung Perikanan Budidaya",
            unit="Kawasan",
            allocation=Money(5_000_000_000),
            locations=[
                OutputLocation(region_code="62.71", target=Value.parse("1 Kawasan"), allocation=Money(2_000_000_000)),
                OutputLocation(region_code="62.02", target=Value.parse("2 Kawasan"), allocation=Money(3_000_000_000)),
            ],
        ),
        DetailedOutput(
            code=kro.child("RBK.002"),
            name="Sarana Perikanan Tangkap",
            allocation=Money(700_000_000),
            locations=[OutputLocation(region_code="62", allocation=Money(700_000_000))],
        ),
    ]
    return MinistryPlan(
        id="renja-kkp-2026",
        ministry_code="032",
        year=YEAR,
        title="Renja KKP 2026 (sintetis)",
        programs=[
            MinistryProgram(
                code=program,
                name="Program Pengelolaan Perikanan",
                activities=[
                    MinistryActivity(
                        code=activity,
                        name="Perikanan Budidaya",
                        output_classes=[OutputClass(code=kro, name="Prasarana Bidang Perikanan", outputs=outputs)],
                    )
                ],
            )
        ],
    )


def bridge_bundle() -> Bundle:
    city = rkpd(
        "rkpd-6271-2026",
        "62.71",
        DKP,
        "3.25.03",
        "3.25.03.2.01",
        [
            sub("3.25.03.2.01.0002", "Penyediaan Prasarana Usaha Perikanan Tangkap", DKP, 400_000_000, 420_000_000),
            sub("3.25.03.2.01.0003", "Penjaminan Ketersediaan Sarana Usaha Perikanan Tangkap", DKP, 100_000_000),
        ],
    )
    regency = rkpd(
        "rkpd-6202-2026",
        "62.02",
        DINKES_KOTIM,
        "1.02.02",
        "1.02.02.2.02",
        [
            sub("1.02.02.2.02.0015", "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat", DINKES_KOTIM, 900_000_000),
        ],
    )
    plan = kkp_plan()
    ro1, ro2 = (o.ref for o in plan.outputs())
    links = [
        tag(ref("rkpd-6271-2026", f"{DKP}/3.25.03.2.01"), KP),  # the kegiatan: both its sub kegiatan count
        tag(ro1, KP),
        Link(
            kind=LinkKind.SUPPORTS,
            source=ref("rkpd-6271-2026", f"{DKP}/3.25.03.2.01.0002"),
            target=ref("rkpd-6271-2026", "S1"),
        ),
    ]
    national = NationalRecords(
        ministries=[
            Ministry(code="032", name="Kementerian Kelautan dan Perikanan", alias="KKP"),
            Ministry(code="024", name="Kementerian Kesehatan", alias="Kemenkes"),
        ],
        plans=[plan],
        program_crosswalks=[
            ProgramSectorCrosswalk(
                id="kl-bidang",
                version="1",
                rows=[
                    ProgramSectorMapping(program=KLCode.parse("032.04.CE"), sector=Code.parse("3.25")),
                    ProgramSectorMapping(
                        program=KLCode.parse("024", level=sinkron.kl.KLLevel.BUDGET_SECTION), sector=Code.parse("1.02")
                    ),
                ],
            )
        ],
    )
    meeting = Meeting(
        id="rakortek-2025",
        kind=MeetingKind.RAKORTEKRENBANG,
        title="Rakortekrenbang 2025",
        start=dt.date(2025, 3, 10),
        proposals=[
            Proposal(
                id="U1",
                government_id="62.02",
                title="Kampung budidaya nila",
                addressed_to="KKP",
                sector=Code.parse("3.25"),
                year=YEAR,
                pagu=Money(2_500_000_000),
            ),
            Proposal(
                id="U2",
                government_id="62.71",
                title="Puskesmas keliling",
                addressed_to="KKP",
                sector=Code.parse("1.02"),
                year=YEAR,
            ),
            Proposal(
                id="U3",
                government_id="62.71",
                title="Jalan desa",
                addressed_to="Kementerian X",
                sector=Code.parse("1.03"),
                year=YEAR,
            ),
        ],
    )
    governments = [
        Government(level=GovernmentLevel.PROVINCE, name="Provinsi Kalimantan Tengah", region_code="62"),
        Government(level=GovernmentLevel.CITY, name="Kota Palangka Raya", region_code="62.71", parent_id="62"),
        Government(
            level=GovernmentLevel.REGENCY, name="Kabupaten Kotawaringin Timur", region_code="62.02", parent_id="62"
        ),
    ]
    agencies = [
        Agency(id=DKP, code="3.25.0.00.0.00.01.0000", name="Dinas Perikanan Kota Palangka Raya", government_id="62.71")
    ]
    bundle = Bundle(
        governments=governments,
        agencies=agencies,
        plans=[city, regency],
        links=links,
        national=national,
        meetings=[meeting],
    )
    return add_priority_tree(bundle, rpjmn_2025_2029())


# -- Form 4 --------------------------------------------------------------------------------------------------


def test_form4_rows_totals_and_listing() -> None:
    bundle = bridge_bundle()
    form = build_form4(bundle, YEAR, government_id="62.71")
    assert form.total(KP) == Money(500_000_000)
    assert form.total("rpjmn-2025-2029:02.10") == Money(500_000_000) == form.total("rpjmn-2025-2029:02")
    assert form.total("rpjmn-2025-2029:04") == Money(0)
    # listed once, under the most specific priority
    assert [e.sub_activity.code for e in form.listed[KP]] == [
        Code.parse("3.25.03.2.01.0002"),
        Code.parse("3.25.03.2.01.0003"),
    ]
    assert form.listed["rpjmn-2025-2029:02"] == () and form.grand_total == Money(500_000_000)
    table = form.table(bundle)
    kp_row = next(r for r in table.rows if r.cells[1] == "02.10.09")
    assert kp_row.style is RowStyle.GROUP and kp_row.cells[9] == Money(500_000_000)
    items = [r for r in table.rows if r.style is RowStyle.ITEM]
    assert [r.cells[8] for r in items] == [
        "3.25.03.2.01.0002 Penyediaan Prasarana Usaha Perikanan Tangkap",
        "3.25.03.2.01.0003 Penjaminan Ketersediaan Sarana Usaha Perikanan Tangkap",
    ]
    assert items[0].cells[10] == "Dinas Perikanan Kota Palangka Raya"
    assert table.rows[-1].style is RowStyle.TOTAL and table.rows[-1].cells[9] == Money(500_000_000)
    # the other government's Form 4 has none of it
    assert build_form4(bundle, YEAR, government_id="62.02").total(KP) == Money(0)
    assert [t.name for t in form4_tables(bundle, YEAR).tables] == ["Form 4 62.02", "Form 4 62.71"]
    assert build_form4(bundle, YEAR, documents=["RKP 2026"]).rows == ()


def _small_tree() -> PriorityTree:
    nodes = [
        NationalPriority(code=c, name=f"Prioritas {c}")
        for c in ("04", "04.02", "04.02.01", "04.02.02", "04.02.01.01", "06", "06.01", "06.01.01")
    ]
    return PriorityTree(id="rkp-2026", document="RKP 2026", period=PlanPeriod(start=2026, end=2026), nodes=nodes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_form4_kp_total_is_the_pagu_of_the_tagged_sub_kegiatan(data: st.DataObject) -> None:
    """On generated plans and random tags: a KP's total = pagu of the sub kegiatan tagged to it or to a ProP under it."""
    tree = _small_tree()
    plan = data.draw(sst.plans(kind=PlanKind.RKPD, period=PlanPeriod(start=2026, end=2026)))
    plan = attrs.evolve(plan, government_id="62.71", owner_id="62.71")
    items = [(item, f"{plan.id}#{item.id}") for item in plan.items()]
    codes = [n.code for n in tree.nodes]
    chosen = data.draw(st.lists(st.tuples(st.sampled_from(items), st.sampled_from(codes)), max_size=8))
    links = [tag(r, tree.priority_id(code)) for (_, r), code in chosen]
    bundle = add_priority_tree(Bundle(plans=[plan], links=links), tree)
    form = build_form4(bundle, 2026)
    subs_of: dict[str, list[SubActivity]] = {}
    for program in plan.programs:
        subs_of[f"{plan.id}#{program.id}"] = [s for a in program.activities for s in a.sub_activities]
        for activity in program.activities:
            subs_of[f"{plan.id}#{activity.id}"] = list(activity.sub_activities)
            for s in activity.sub_activities:
                subs_of[f"{plan.id}#{s.id}"] = [s]
    tagged: dict[str, dict[str, SubActivity]] = defaultdict(dict)
    for (_, r), code in chosen:
        for s in subs_of[r]:
            tagged[code][s.id] = s
    for kp in tree.of_kind(PriorityKind.ACTIVITY):
        under = [kp.code, *(n.code for n in tree.nodes if n.code.startswith(kp.code + "."))]
        expected = {sid: s for code in under for sid, s in tagged[code].items()}
        total = sum((s.budget_for(2026).amount for s in expected.values() if s.budget_for(2026)), Decimal(0))
        assert form.total(tree.priority_id(kp.code)).amount == total
        table_row = next(r for r in form.table().rows if r.cells[1] == kp.code)
        assert table_row.cells[9] == Money(total)


# -- Form 5 --------------------------------------------------------------------------------------------------


def test_form5_rows_and_national_priority_column() -> None:
    bundle = bridge_bundle()
    form = build_form5(bundle, bundle.plan("rkpd-6271-2026"), agency_id=DKP)
    levels = [(r.level, str(r.code)) for r in form.rows]
    assert levels == [
        ("urusan", "3"),
        ("bidang", "3.25"),
        ("program", "3.25.03"),
        ("kegiatan", "3.25.03.2.01"),
        ("sub_kegiatan", "3.25.03.2.01.0002"),
        ("sub_kegiatan", "3.25.03.2.01.0003"),
    ]
    activity = form.rows[3]
    assert activity.national_priorities == ("KP 02.10.09 Pengembangan Pangan Akuatik (Blue Food)",)
    first = form.rows[4]
    assert (first.pagu, first.forward) == (Money(400_000_000), Money(420_000_000))
    assert first.objectives == ("S1 Meningkatnya produksi perikanan",) and first.locations == ("Kec. Jekan Raya",)
    assert first.output_measures == (("Jumlah sarana (Unit)",), ("3 Unit",))
    assert form.rows[2].pagu == Money(500_000_000) and form.rows[2].program_measures == (
        ("Capaian program (%)",),
        ("80 %",),
    )
    table = form.table()
    assert [[(c.label, c.colspan, c.rowspan) for c in row] for row in table.header_rows()][1][:2] == [
        ("U", 1, 2),
        ("B", 1, 2),
    ]
    assert table.header_rows()[1][5] == sinkron.bridge.HeaderCell(
        label="CAPAIAN PROGRAM", column=9, colspan=2, rowspan=1
    )
    assert table.rows[-1].cells[15] == Money(500_000_000)


# -- routing and the matrix ------------------------------------------------------------------------------------


def test_matrix_pairs_by_a_kp_crosswalk_when_no_tag_relates() -> None:
    bundle = bridge_bundle()
    crosswalk = PriorityCrosswalk(
        id="kp",
        version="1",
        rows=[PriorityMapping(priority_code="02.10.09", sub_activity=Code.parse("1.02.02.2.02.0015"))],
    )
    bundle = attrs.evolve(bundle, national=attrs.evolve(bundle.national, priority_crosswalks=[crosswalk]))
    regency = build_sync_matrix(bundle, YEAR, "032", "62.02")  # unmatched without the crosswalk (see below)
    assert [(p.sub_ref, p.basis) for p in regency.pairs] == [
        ("rkpd-6202-2026#" + DINKES_KOTIM + "/1.02.02.2.02.0015", ("crosswalk KP → sub kegiatan",))
    ]


def test_proposals_are_routed_by_the_program_crosswalk() -> None:
    routes = {r.proposal.id: r for r in route_proposals(bridge_bundle(), year=YEAR)}
    fish = routes["U1"]
    assert fish.basis == "crosswalk" and [str(c) for c in fish.routed] == ["032.04.CE"]
    assert [(plan.id, str(p.code)) for plan, p in fish.programs] == [("renja-kkp-2026", "032.04.CE")]
    health = routes["U2"]  # addressed to KKP, but the crosswalk sends bidang 1.02 to the Kemenkes
    assert health.basis == "addressed" and [str(c) for c in health.elsewhere] == ["024"] and health.routed == ()
    assert routes["U3"].basis == "none" and routes["U3"].programs == ()
    assert [r.proposal.id for r in route_proposals(bridge_bundle(), government_id="62.02")] == ["U1"]


def test_proposals_without_a_bidang_go_to_the_addressed_kl_and_other_years_are_left_out() -> None:
    bundle = bridge_bundle()
    extra = [
        Proposal(id="U4", government_id="62.71", title="Pelabuhan ikan", addressed_to="032", year=YEAR),
        Proposal(id="U5", government_id="62.71", title="Gedung serbaguna", year=YEAR),
        Proposal(id="U6", government_id="62.71", title="Tahun depan", addressed_to="KKP", year=YEAR + 1),
    ]
    meeting = attrs.evolve(bundle.meetings[0], proposals=[*bundle.meetings[0].proposals, *extra])
    routes = {r.proposal.id: r for r in route_proposals(attrs.evolve(bundle, meetings=[meeting]), year=YEAR)}
    assert sorted(routes) == ["U1", "U2", "U3", "U4", "U5"]
    addressed = routes["U4"]  # no bidang urusan: every program of the addressed K/L's plans of the year
    assert addressed.basis == "addressed" and addressed.routed == () and addressed.elsewhere == ()
    assert [(plan.id, str(p.code)) for plan, p in addressed.programs] == [("renja-kkp-2026", "032.04.CE")]
    assert (routes["U5"].basis, routes["U5"].ministry, routes["U5"].programs) == ("none", None, ())


def test_matrix_pairs_ro_locations_with_related_sub_kegiatan() -> None:
    bundle = bridge_bundle()
    city = build_sync_matrix(bundle, YEAR, "032", "62.71")
    assert [(p.location.region_code, p.sub_activity.code if p.sub_activity else None) for p in city.pairs] == [
        ("62.71", Code.parse("3.25.03.2.01.0002")),
        ("62.71", Code.parse("3.25.03.2.01.0003")),
    ]
    assert city.pairs[0].basis == ("tag rpjmn-2025-2029:02.10.09", "crosswalk program K/L ↔ bidang 3.25")
    assert (city.apbn_total, city.apbd_total) == (Money(2_000_000_000), Money(500_000_000))
    regency = build_sync_matrix(bundle, YEAR, "032", "62.02")
    assert [p.sub_ref for p in regency.pairs] == [None] and regency.unmatched == regency.pairs
    province = build_sync_matrix(bundle, YEAR, "032", "62")  # the province: its own lokasi, not its kab/kota's
    assert [(p.output.ref, p.location.region_code, p.sub_ref) for p in province.pairs] == [
        ("renja-kkp-2026#032.04.CE.5678.RBK.002", "62", None)
    ]
    assert {(m.ministry_code, m.government_id) for m in sync_matrices(bundle, YEAR)} == {
        ("032", "62.02"),
        ("032", "62.71"),
    }
    table = city.table(bundle)
    assert table.rows[0].cells[8] == ("KP 02.10.09 Pengembangan Pangan Akuatik (Blue Food)",)
    assert table.rows[1].cells[0] is None and table.rows[-1].cells[7] == Money(2_000_000_000)
    gap = regency.table(bundle).rows[0]
    assert gap.cells[9] == "— tidak ada sub kegiatan terkait —"
    tables = matrix_tables(bundle, YEAR, ministry_code="032")
    assert tables.tables[-1].name == "Usulan" and len(tables.tables[-1].rows) == 2  # U1 (to 032) and U2 (addressed KKP)


# -- tables and their exporters ----------------------------------------------------------------------------------


def hostile_table() -> Table:
    return Table(
        title="Tabel <uji>",
        subtitle=["Daerah : A & B"],
        numbered=True,
        columns=[
            Column(("NO",)),
            Column(("RPJMN", "Prioritas")),
            Column(("RPJMN", "Target")),
            Column(("PAGU",), kind="money"),
        ],
        rows=[
            TableRow(("1", "<script>alert(1)</script>", ("7,0–8,0", "a | b"), Money(1234567)), style=RowStyle.GROUP),
            TableRow(("Catatan",), style=RowStyle.NOTE),
        ],
    )


def test_table_rows_must_fit_the_columns() -> None:
    with pytest.raises(sinkron.InvalidModel, match="2 cells for 3 columns"):
        Table(title="x", columns=[Column("a"), Column("b"), Column("c")], rows=[TableRow(("1", "2"))])
    with pytest.raises(sinkron.InvalidModel, match="a cell holds"):
        TableRow((1,))  # type: ignore[arg-type]


def test_markdown_and_html_renderings_escape_and_keep_spans(tmp_path: Path) -> None:
    table = hostile_table()
    md = render_tables_markdown(TableSet(title="Set", tables=[table]))
    assert "| NO | RPJMN › Prioritas | RPJMN › Target | PAGU |" in md and "|---|---|---|---:|" in md
    assert "**7,0–8,0<br>a \\| b**" in md and "**1.234.567**" in md
    assert "<script>" not in md and "&lt;script&gt;alert(1)&lt;/script&gt;" in md  # HTML is text in Markdown too
    page = render_tables_html(table)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<th rowspan=2 scope="col">NO</th><th colspan=2 scope="col">RPJMN</th>' in page
    assert '<tr class="num"><td>(1)</td>' in page and "<td class=money>1.234.567</td>" in page
    written = sinkron.write(TableSet(title="Set", tables=[table]), tmp_path / "out.html")
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sinkron.write(table, tmp_path / "out.md").read_text(encoding="utf-8").startswith("# Tabel &lt;uji&gt;")
