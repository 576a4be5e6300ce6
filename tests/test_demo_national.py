"""The demo's national side: Form 4 totals, the matrices and usulan routing, and the CLI on --demo."""

from __future__ import annotations

import io
from decimal import Decimal

from click.testing import CliRunner

from sinkron.bridge import build_form4, build_form5, build_sync_matrix, route_proposals
from sinkron.bridge.tables import RowStyle
from sinkron.cli import main
from sinkron.demo import demo_bundle
from sinkron.demo.national import KITS_RO, NUTRITION_RO, VILLAGES_RO
from sinkron.kl import add_target_table, read_target_table
from sinkron.models import Bundle, LinkKind, Money, PriorityKind, SubActivity

YEAR = 2026


def tagged_pagu(bundle: Bundle, government: str, priority: str) -> Decimal:
    """The pagu of the RKPD sub kegiatan tagged (directly, or through their kegiatan/program) to ``priority`` or below it."""
    below = {priority}
    changed = True
    while changed:
        changed = False
        for p in bundle.priorities:
            if p.parent_id in below and p.id not in below:
                below.add(p.id)
                changed = True
    (plan,) = [
        p for p in bundle.plans if p.government_id == government and p.kind.value == "rkpd" and p.period.start == YEAR
    ]
    subs_of: dict[str, list[SubActivity]] = {}
    for program in plan.programs:
        subs_of[f"{plan.id}#{program.id}"] = [s for a in program.activities for s in a.sub_activities]
        for activity in program.activities:
            subs_of[f"{plan.id}#{activity.id}"] = list(activity.sub_activities)
            for s in activity.sub_activities:
                subs_of[f"{plan.id}#{s.id}"] = [s]
    found: dict[str, SubActivity] = {}
    for link in bundle.links:
        owner = "#".join(link.source.split("#")[:2])
        if (
            link.kind in (LinkKind.TAGGED, LinkKind.SUPPORTS)
            and link.target.split("#")[0] in below
            and owner in subs_of
        ):
            found.update({s.id: s for s in subs_of[owner]})
    return sum((s.budget_for(YEAR).amount for s in found.values() if s.budget_for(YEAR)), Decimal(0))


def test_form4_totals_per_kp_equal_the_pagu_of_the_tagged_sub_kegiatan() -> None:
    bundle = demo_bundle()
    kps = [p.id for p in bundle.priorities if p.kind is PriorityKind.ACTIVITY and p.period and YEAR in p.period]
    assert "KP04.02.01" in kps and "rpjmn-2025-2029:02.10.09" in kps
    checked = 0
    for government in ("62", "62.71", "62.02"):
        form = build_form4(bundle, YEAR, government_id=government)
        for kp in kps:
            assert form.total(kp).amount == tagged_pagu(bundle, government, kp), (government, kp)
            checked += form.total(kp).amount > 0
    assert checked >= 2  # the stunting KP is supported in the province and in Palangka Raya
    province = build_form4(bundle, YEAR, government_id="62")
    assert province.total("KP04.02.01").amount == Decimal(5_565_000_000)  # 0004 Rp 2,205 M + 0015 Rp 3,36 M
    assert province.total("rpjmn-2025-2029:02.10.09").amount == 0  # the gap SKN702 reports


def test_form5_carries_the_national_priority_column() -> None:
    bundle = demo_bundle()
    form = build_form5(bundle, bundle.plan("rkpd-kalteng-2026"), agency_id="kalteng.dinkes")
    rows = {str(r.code): r for r in form.rows}
    national = rows["1.02.02.2.02.0015"].national_priorities  # tagged KP and theme; supports the PN 4 indicator
    assert national[0].startswith("PN 04 Memperkuat Pembangunan SDM") and national[1:] == (
        "KP 04.02.01 Percepatan penurunan stunting (ilustrasi)",
        "Tematik TEM.STUNTING Percepatan penurunan stunting",
    )
    assert rows["1.02.02.2.02.0015"].regional_priorities == (
        "PD 62.01 Peningkatan kualitas sumber daya manusia yang sehat dan berdaya saing",
    )
    assert rows["1.02.02.2.02.0015"].objectives == ("S1 Menurunnya prevalensi stunting pada balita",)


def test_matrices_and_routing_on_the_demo() -> None:
    bundle = demo_bundle()
    city = build_sync_matrix(bundle, YEAR, "024", "62.71")
    refs = {(p.output.ref, p.sub_ref) for p in city.pairs}
    assert (NUTRITION_RO, "rkpd-palangkaraya-2026#palangkaraya.dinkes/1.02.02.2.02.0015") in refs
    assert all(p.sub_ref is not None for p in city.pairs) and {p.output.ref for p in city.pairs} == {
        NUTRITION_RO,
        KITS_RO,
    }
    # closest joins first: the nutrition RO meets the tagged sub kegiatan only; the kits RO (a stale tag) the bidang
    nutrition = {p.sub_ref.split("/")[-1]: p.basis for p in city.pairs if p.output.ref == NUTRITION_RO and p.sub_ref}
    assert sorted(nutrition) == ["1.02.02.2.02.0001", "1.02.02.2.02.0015"]
    assert nutrition["1.02.02.2.02.0015"][0] == "tag KP04.02.01, PN04"  # tagged to the KP, both measure PN 4
    kits = {p.sub_ref.split("/")[-1]: p.basis for p in city.pairs if p.output.ref == KITS_RO and p.sub_ref}
    assert len(kits) == 4 and set(kits.values()) == {("crosswalk program K/L ↔ bidang 1.02",)}
    province = build_sync_matrix(bundle, YEAR, "024", "62")
    assert {p.location.region_code for p in province.pairs} == {"62"}
    regency = build_sync_matrix(bundle, YEAR, "032", "62.02")
    assert [(p.output.ref, p.sub_ref) for p in regency.pairs] == [(VILLAGES_RO, None)]
    routes = {(r.meeting.id, r.proposal.id): r for r in route_proposals(bundle, year=YEAR)}
    roads = routes[("rakortekrenbang-kalteng-2025", "U1")]
    assert roads.basis == "crosswalk" and [str(c) for c in roads.routed] == ["033"] and roads.programs == ()
    assert [str(c) for c in routes[("rakor-kemiskinan-kalteng-2025", "U1")].routed] == ["027"]


def test_bidang_only_joins_are_listed_apart_and_never_added_to_the_closer_total() -> None:
    """Issue 20 fix 7: the kits RO meets four sub kegiatan only through the bidang 1.02 crosswalk (a dinsos
    penunjang line among them); their pagu inflated the city's APBD column."""
    city = build_sync_matrix(demo_bundle(), YEAR, "024", "62.71")
    closer = {p.sub_ref: p.pagu for p in city.pairs if p.sub_ref and not p.sector_only}
    assert {p.output.ref for p in city.pairs if p.sector_only} == {KITS_RO}
    assert city.apbd_total == Money.total(m for m in closer.values() if m is not None) == Money(1_950_000_000)
    assert city.apbd_sector_only_total == Money(950_000_000)  # 0004 and the dinsos line; 0001/0015 counted above
    rows = city.table(demo_bundle()).rows
    note = next(i for i, r in enumerate(rows) if r.style is RowStyle.NOTE)
    assert all(r.cells[-1] == ("crosswalk program K/L ↔ bidang 1.02",) for r in rows[note + 1 : note + 5])
    totals = [r for r in rows if r.style is RowStyle.TOTAL]
    assert [r.cells[11] for r in totals] == [Money(1_950_000_000), Money(950_000_000)]


def test_form4_says_where_a_target_is_missing_and_takes_loaded_rkp_year_targets() -> None:
    """Issue 20 fix 8: every TARGET 2026 cell was "–" (the RPJMN tree sets 2025 and 2029) with no word why."""
    bundle = demo_bundle()
    table = build_form4(bundle, 2026, government_id="62").table(bundle)
    pn04 = next(r for r in table.rows if r.cells[1] == "04")
    stunting = pn04.cells[3].index("Prevalensi stunting pada balita (%)")  # type: ignore[union-attr]
    assert pn04.cells[4][stunting] == "–"  # type: ignore[index]
    assert (
        "target 2026 “Prevalensi stunting pada balita” tidak ada: RPJMN 2025–2029 memuat target tahun 2025, 2029"
        in (
            pn04.cells[-1]  # type: ignore[operator]
        )
    )
    assert any("sinkron tidak menginterpolasi" in note for note in table.notes)
    csv = 'kode_prioritas,indikator,tahun,target,satuan\n04,prevalensi-stunting-pada-balita,2026,"17,0",%\n'
    rkp = read_target_table(io.StringIO(csv), document="RKP 2026").raise_for_errors()
    loaded = add_target_table(bundle, rkp)
    row = next(r for r in build_form4(loaded, 2026, government_id="62").table(loaded).rows if r.cells[1] == "04")
    assert row.cells[4][stunting] == "17,0% (RKP 2026)"  # type: ignore[index]
    assert "Prevalensi stunting pada balita” tidak ada" not in row.cells[-1]  # type: ignore[operator]


def test_cli_check_and_report_on_the_demo() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--demo", "--select", "SKN7", "--format", "json", "--exit-zero"])
    assert result.exit_code == 0, result.output
    assert sorted({f'"rule": "SKN70{n}"' in result.output for n in range(1, 8)}) == [True]
    form4 = runner.invoke(main, ["report", "form4", "--demo", "--government", "62"])
    assert form4.exit_code == 0, form4.output
    assert (
        "FORM 4: REKAPITULASI PROGRAM, KEGIATAN, DAN SUBKEGIATAN PENDUKUNG PRIORITAS NASIONAL TAHUN 2026"
        in form4.output
    )
    assert "| **04.02.01** | **Percepatan penurunan stunting (ilustrasi)** |" in form4.output
    assert "**5.565.000.000**" in form4.output
    html = runner.invoke(main, ["report", "matrix", "--demo", "--format", "html", "--ministry", "024"])
    assert html.exit_code == 0 and html.output.startswith("<!DOCTYPE html>")
    assert "MATRIKS SINKRONISASI" in html.output and "Kementerian Kesehatan" in html.output
    form5 = runner.invoke(
        main, ["report", "form5", "--demo", "--government", "62.71", "--agency", "palangkaraya.dinkes"]
    )
    assert form5.exit_code == 0 and "PRIORITAS PEMBANGUNAN NASIONAL" in form5.output
    missing = runner.invoke(main, ["report", "form4", "--demo", "--government", "99"])
    assert missing.exit_code == 2 and "no yearly plan of government '99' in 2026" in missing.output
    assert runner.invoke(main, ["report", "form4"]).exit_code == 2
