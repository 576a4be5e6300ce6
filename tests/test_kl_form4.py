"""The Form 4 roll-up: regional sub kegiatan and pagu per national priority."""

from __future__ import annotations

import attrs
from test_rules_national import DKP, EDU, fisheries_subs, governments, paud_subs, rkpd

from sinkron import Budget, BudgetKind, Bundle, Link, LinkKind, Money, PlanKind, PriorityKind, ref
from sinkron.kl import Form4Row, NationalPriority, add_priority_tree, form4_rollup, regional_plans, rpjmn_2025_2029, tag

KP = "rpjmn-2025-2029:02.10.09"


def bundle_2026(*links: Link) -> Bundle:
    tree = rpjmn_2025_2029()
    tree = tree.with_nodes([NationalPriority(code="02.10.09.01", name="ProP contoh (synthetic)")])
    plan = rkpd(("3.25.03", "3.25.03.2.01", DKP, fisheries_subs()), ("1.01.02", "1.01.02.2.01", EDU, paud_subs()))
    return add_priority_tree(Bundle(governments=governments(), plans=[plan], links=list(links)), tree)


def rows_by_code(bundle: Bundle) -> dict[str | None, Form4Row]:
    return {row.priority.code: row for row in form4_rollup(bundle, 2026)}


def test_totals_per_kp_equal_the_sum_of_the_tagged_sub_kegiatan_pagu() -> None:
    sub_ref = ref("rkpd-6271-2026", f"{DKP}/3.25.03.2.01.0002")
    kegiatan_ref = ref("rkpd-6271-2026", f"{DKP}/3.25.03.2.01")
    links = (
        tag(sub_ref, KP),  # counted once although also under the tagged kegiatan and the ProP
        tag(kegiatan_ref, "rpjmn-2025-2029:02.10.09.01"),
        tag(ref("rkpd-6271-2026", f"{EDU}/1.01.02"), "rpjmn-2025-2029:04"),
        Link(kind=LinkKind.SUPPORTS, source=ref(sub_ref, "x"), target=f"{KP}#whatever"),
    )
    rows = rows_by_code(bundle_2026(*links))
    kp = rows["02.10.09"]
    assert [e.sub_activity.code.parts[-1] for e in kp.entries] == ["0002", "0003"]
    assert kp.total == Money(400_000_000 + 100_000_000)
    assert kp.total == Money.total(e.pagu for e in kp.entries)
    assert rows["02.10"].total == kp.total and rows["02"].total == kp.total
    assert rows["04"].total == Money(800_000_000)
    assert rows["02.11.03"].entries == ()
    assert {e.sector.parts for e in rows["04"].entries} == {("1", "01")}


def test_only_the_asked_kinds_and_priorities_in_force_are_rows() -> None:
    rows = form4_rollup(bundle_2026(), 2026, kinds=(PriorityKind.ACTIVITY,))
    assert rows and all(r.priority.kind is PriorityKind.ACTIVITY for r in rows)
    assert form4_rollup(bundle_2026(), 2031) == ()


def test_one_plan_layer_per_government_and_a_government_filter() -> None:
    base = bundle_2026()
    renja = attrs.evolve(base.plans[0], id="renja-dkp-2026", kind=PlanKind.RENJA_PD, title="Renja DKP 2026")
    province = attrs.evolve(
        base.plans[0], id="rkpd-62-2026", title="RKPD Kalteng 2026", owner_id="62", government_id="62"
    )
    both = base.replace(plans=(*base.plans, renja, province))
    assert [p.id for p in regional_plans(both, 2026)] == ["rkpd-6271-2026", "rkpd-62-2026"]
    assert [p.id for p in regional_plans(both, 2026, government_id="62")] == ["rkpd-62-2026"]
    links = (tag(ref("renja-dkp-2026", f"{DKP}/3.25.03.2.01.0002"), KP),)
    only_renja = both.replace(links=links)
    assert rows_by_code(only_renja)["02.10.09"].entries == ()  # the RKPD layer counts
    renja_alone = bundle_2026(*links).replace(plans=(renja,))
    assert rows_by_code(renja_alone)["02.10.09"].total == Money(400_000_000)


def test_entries_without_pagu_are_listed_not_counted() -> None:
    base = bundle_2026(tag(ref("rkpd-6271-2026", f"{DKP}/3.25.03"), KP))
    program = base.plans[0].programs[0]
    activity = program.activities[0]
    no_pagu = attrs.evolve(
        activity.sub_activities[1], budgets=[Budget(year=2027, amount=Money(5), kind=BudgetKind.CEILING)]
    )
    plan = attrs.evolve(
        base.plans[0],
        programs=[
            attrs.evolve(
                program, activities=[attrs.evolve(activity, sub_activities=[activity.sub_activities[0], no_pagu])]
            ),
            *base.plans[0].programs[1:],
        ],
    )
    row = rows_by_code(base.replace(plans=(plan,)))["02.10.09"]
    assert row.total == Money(400_000_000)
    assert [e.sub_activity.name for e in row.missing_pagu] == [no_pagu.name]
