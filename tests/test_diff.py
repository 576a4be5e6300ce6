"""Plan diff: hand-built revisions and years of a plan, and properties over generated plans."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sinkron
from sinkron import PlanDiff, diff
from sinkron.codes import Code, CodeLevel
from sinkron.diff import ChangeKind, RecodeReason
from sinkron.models import (
    Activity,
    Budget,
    Bundle,
    Indicator,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
    Target,
    Value,
)
from sinkron.nomenclature import Change, Version, comparison_key, default_nomenclature
from sinkron.nomenclature import ChangeKind as NomenclatureChange
from sinkron.testing import strategies as sst

DINKES = "1.02.0.00.0.00.01.0000"


def sub(
    code: str,
    name: str,
    pagu: dict[int, int],
    targets: dict[int, str] | None = None,
    *,
    agency: str = DINKES,
    indicator: str = "Jumlah ibu hamil terlayani",
) -> SubActivity:
    return SubActivity(
        code=Code.parse(code),
        name=name,
        agency_id=agency,
        budgets=[Budget(year=y, amount=Money(a)) for y, a in pagu.items()],
        indicators=[
            Indicator(
                name=indicator,
                unit="Orang",
                targets=[Target(year=y, value=Value.parse(v, unit="Orang")) for y, v in (targets or {}).items()],
            )
        ],
    )


def plan(
    subs: Sequence[SubActivity],
    *,
    years: tuple[int, int] = (2026, 2026),
    revision: int = 0,
    plan_id: str = "renja-dinkes",
    kind: PlanKind = PlanKind.RENJA_PD,
    owner: str = DINKES,
) -> Plan:
    """One program and one kegiatan per distinct code prefix, holding ``subs``."""
    activities: dict[Code, list[SubActivity]] = {}
    for s in subs:
        parent = s.code.parent
        assert parent is not None
        activities.setdefault(parent, []).append(s)
    programs: dict[Code, list[Activity]] = {}
    for code, children in activities.items():
        program_code = code.parent
        assert program_code is not None
        programs.setdefault(program_code, []).append(
            Activity(code=code, name=f"Kegiatan {code}", agency_id=DINKES, sub_activities=children)
        )
    return Plan(
        id=plan_id,
        kind=kind,
        title=f"Renja Dinas Kesehatan {years[0]}",
        period=PlanPeriod(start=years[0], end=years[1]),
        owner_id=owner,
        government_id="62",
        revision=revision,
        programs=[Program(code=c, name=f"Program {c}", agency_id=DINKES, activities=a) for c, a in programs.items()],
    )


IBU_HAMIL = "1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"
BERSALIN = "1.02.02.2.02.0002", "Pengelolaan Pelayanan Kesehatan Ibu Bersalin"
BAYI = "1.02.02.2.02.0003", "Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir"
BALITA = "1.02.02.2.02.0004", "Pengelolaan Pelayanan Kesehatan Balita"


def test_revision_reports_every_kind_of_change() -> None:
    old = plan(
        [
            sub(*IBU_HAMIL, {2026: 300_000_000}, {2026: "1.250"}),
            sub(*BERSALIN, {2026: 200_000_000}, {2026: "1.100"}),
            sub(*BAYI, {2026: 100_000_000}, {2026: "900"}),
        ]
    )
    new = plan(
        [
            sub(*IBU_HAMIL, {2026: 300_000_000}, {2026: "1.300"}),  # retargeted
            sub(*BERSALIN, {2026: 250_000_000}, {2026: "1.100"}),  # re-budgeted
            sub(*BALITA, {2026: 80_000_000}, {2026: "2.000"}),  # added; BAYI removed
        ],
        revision=1,
    )
    result = diff(old, new)
    [changes] = result.plans
    assert changes.mode == "revision" and changes.years == ((2026, 2026),)
    assert [str(i.code) for i in changes.added] == [BALITA[0]]
    assert [str(i.code) for i in changes.removed] == [BAYI[0]]
    assert changes.recoded == ()
    [target] = changes.retargeted
    assert (str(target.item.code), target.year, target.old, target.new) == (
        IBU_HAMIL[0],
        2026,
        Value.parse("1.250", unit="Orang"),
        Value.parse("1.300", unit="Orang"),
    )
    [budget] = changes.rebudgeted
    assert (str(budget.item.code), budget.old, budget.new, budget.change) == (
        BERSALIN[0],
        Money(200_000_000),
        Money(250_000_000),
        Decimal(50_000_000),
    )
    [total] = changes.pagu
    assert (total.old, total.new, total.change) == (Decimal(600_000_000), Decimal(630_000_000), Decimal(30_000_000))
    assert changes.items_old == {"program": 1, "kegiatan": 1, "sub_kegiatan": 3}
    assert changes.items_new == {"program": 1, "kegiatan": 1, "sub_kegiatan": 3}
    assert result.summary() == {
        "plans": 1,
        "plans_added": 0,
        "plans_removed": 0,
        "added": 1,
        "removed": 1,
        "recoded": 0,
        "retargeted": 1,
        "rebudgeted": 1,
    }
    assert not result.is_empty


def test_same_number_written_differently_is_not_a_retarget() -> None:
    old = plan([sub(*IBU_HAMIL, {2026: 1_000}, {2026: "1.250"})])
    new = plan([sub(*IBU_HAMIL, {2026: 1_000}, {2026: "1250 Orang"})])
    assert diff(old, new).is_empty


def test_an_indicator_is_matched_by_name_when_one_side_gave_it_another_id() -> None:
    # Issue 26, bug 6: a spreadsheet keeps no indicator ids; its reader gives the slug of the name.
    with_id = sub(*IBU_HAMIL, {2026: 1_000}, {2026: "90 %"})
    with_id = attrs.evolve(with_id, indicators=[attrs.evolve(with_id.indicators[0], id="IKK-01")])
    slugged = sub(*IBU_HAMIL, {2026: 1_000}, {2026: "90 %"})
    assert diff(plan([with_id]), plan([slugged])).is_empty
    changed = diff(plan([with_id]), plan([sub(*IBU_HAMIL, {2026: 1_000}, {2026: "95 %"})]))
    assert [(t.old.text, t.new.text) for t in changed.retargeted if t.old and t.new] == [("90 %", "95 %")]
    assert len(changed.retargeted) == 1


def test_a_parent_pagu_filled_in_with_the_sum_of_its_children_is_not_a_rebudget() -> None:
    # Issue 26, bug 6: SIPD states the pagu of sub kegiatan only; an xlsx report writes the subtotals.
    bare = plan([sub(*IBU_HAMIL, {2026: 1_000}), sub(*BERSALIN, {2026: 500})])
    program = bare.programs[0]
    filled = attrs.evolve(
        bare,
        programs=[
            attrs.evolve(
                program,
                budgets=[Budget(year=2026, amount=Money(1_500))],
                activities=[attrs.evolve(program.activities[0], budgets=[Budget(year=2026, amount=Money(1_500))])],
            )
        ],
    )
    assert diff(bare, filled).is_empty
    assert diff(filled, bare).is_empty
    other = attrs.evolve(
        filled, programs=[attrs.evolve(filled.programs[0], budgets=[Budget(year=2026, amount=Money(1_700))])]
    )
    (rebudget,) = diff(bare, other).rebudgeted
    assert (rebudget.item.level, rebudget.old, rebudget.new) == (CodeLevel.PROGRAM, Money(1_500), Money(1_700))


def test_recoded_by_nomenclature_replacement() -> None:
    # A change list effective 2026 moves 1.02.02.2.02.0003 to 1.02.02.2.02.0099 under a new name.
    version = Version(
        id="test-2026",
        regulation="Kepmendagri uji 2026",
        effective_year=2026,
        changes=(
            Change(
                kind=NomenclatureChange.MOVED, code=Code.parse(BAYI[0]), replacement=Code.parse("1.02.02.2.02.0099")
            ),
        ),
    )
    catalogue = default_nomenclature().with_changes(version)
    old = plan([sub(*BAYI, {2026: 100})])
    new = plan([sub("1.02.02.2.02.0099", "Pelayanan Kesehatan Neonatal Esensial", {2026: 120})])
    [changes] = diff(old, new, nomenclature=catalogue).plans
    [recode] = changes.recoded
    assert (str(recode.old.code), str(recode.new.code), recode.reason) == (
        BAYI[0],
        "1.02.02.2.02.0099",
        RecodeReason.NOMENCLATURE,
    )
    assert changes.added == () and changes.removed == ()
    # The recoded pair is still compared: its pagu changed.
    [budget] = changes.rebudgeted
    assert str(budget.item.code) == "1.02.02.2.02.0099" and budget.change == Decimal(20)
    # Without the change list the two are unrelated items.
    plain = diff(old, new).plans[0]
    assert plain.recoded == () and len(plain.added) == len(plain.removed) == 1


def test_recoded_legacy_and_by_name() -> None:
    old = plan([sub("1.02.02.2.02.01", IBU_HAMIL[1], {2026: 100}), sub(*BERSALIN, {2026: 100})])
    new = plan(
        [
            sub(*IBU_HAMIL, {2026: 100}),
            sub("1.02.02.2.02.0042", "Pengelolaan  pelayanan kesehatan IBU BERSALIN", {2026: 100}),
        ]
    )
    recodes = {str(r.new.code): r for r in diff(old, new).recoded}
    assert recodes[IBU_HAMIL[0]].reason is RecodeReason.LEGACY
    assert str(recodes[IBU_HAMIL[0]].old.code) == "1.02.02.2.02.01"
    assert recodes["1.02.02.2.02.0042"].reason is RecodeReason.NAME
    assert recodes["1.02.02.2.02.0042"].score == 1.0


def test_a_legacy_code_the_nomenclature_does_not_know_is_paired_with_its_four_digit_form() -> None:
    # 1.02.02.2.02.77 is in no version of the nomenclature: the 4-digit form of the code still pairs it.
    old = plan(
        [sub("1.02.02.2.02.77", "Pelayanan Kesehatan Haji", {2026: 100}), sub("1.02.02.2.02.78", "Lain", {2026: 5})]
    )
    new = plan([sub("1.02.02.2.02.0077", "Pembinaan Kesehatan Jemaah Haji", {2026: 150})])
    [changes] = diff(old, new).plans
    [recode] = changes.recoded
    assert (str(recode.old.code), str(recode.new.code), recode.reason) == (
        "1.02.02.2.02.77",
        "1.02.02.2.02.0077",
        RecodeReason.LEGACY,
    )
    # The other legacy code has no 4-digit form in the new plan (nor a similar name): it is removed.
    assert [str(i.code) for i in changes.removed] == ["1.02.02.2.02.78"] and changes.added == ()


def test_similar_names_count_as_recoded_above_the_threshold_only() -> None:
    old = plan([sub(*BALITA, {2026: 100})])
    new = plan([sub("1.02.02.2.02.0044", "Pengelolaan Pelayanan Kesehatan Balitaa", {2026: 100})])
    [recode] = diff(old, new).recoded
    assert recode.reason is RecodeReason.NAME and 0.95 <= recode.score < 1
    strict = diff(old, new, name_threshold=0.999)
    assert strict.recoded == () and len(strict.added) == 1 and len(strict.removed) == 1


def test_close_but_different_names_are_not_recoded() -> None:
    # Two real, distinct sub kegiatan whose names score 0.88.
    old = plan([sub(*IBU_HAMIL, {2026: 100})])
    new = plan([sub(*BERSALIN, {2026: 100})])
    assert diff(old, new).recoded == ()
    # Names that differ in a number are different items however similar the rest.
    old = plan([sub("1.02.02.2.02.0001", "Pembangunan Puskesmas Pembantu Desa Tumbang Talaken 2", {2026: 1})])
    new = plan([sub("1.02.02.2.02.0002", "Pembangunan Puskesmas Pembantu Desa Tumbang Talaken 3", {2026: 1})])
    assert diff(old, new).recoded == ()
    # Two equally good candidates: ambiguous, so left as removed and added.
    old = plan([sub(*BALITA, {2026: 1})])
    new = plan(
        [
            sub("1.02.02.2.02.0044", "Pengelolaan Pelayanan Kesehatan Balitaa", {2026: 1}),
            sub("1.02.02.2.02.0045", "Pengelolaan Pelayanan Kesehatan Balitab", {2026: 1}),
        ]
    )
    ambiguous = diff(old, new)
    assert ambiguous.recoded == () and len(ambiguous.added) == 2 and len(ambiguous.removed) == 1


def test_items_of_different_agencies_are_different_items() -> None:
    old = plan([sub(*IBU_HAMIL, {2026: 100})])
    new = plan([sub(*IBU_HAMIL, {2026: 100}, agency="1.02.0.00.0.00.02.0000")])
    result = diff(old, new)
    assert len(result.added) == 1 and len(result.removed) == 1  # sub kegiatan moved to another perangkat daerah
    assert result.recoded == ()  # different perangkat daerah: not a recode either


def test_two_years_of_a_yearly_plan_compare_pagu_not_targets() -> None:
    old = plan([sub(*IBU_HAMIL, {2025: 300}, {2025: "1.000"}), sub(*BAYI, {2025: 50})], years=(2025, 2025))
    new = plan([sub(*IBU_HAMIL, {2026: 360}, {2026: "1.200"}), sub(*BALITA, {2026: 70})], years=(2026, 2026))
    [changes] = diff(old, new).plans
    assert changes.mode == "years" and changes.years == ((2025, 2026),)
    assert changes.retargeted == ()
    [budget] = changes.rebudgeted
    assert (budget.old_year, budget.new_year, budget.change) == (2025, 2026, Decimal(60))
    [total] = changes.pagu
    assert (total.old_year, total.new_year, total.old, total.new) == (2025, 2026, Decimal(350), Decimal(430))
    assert "pagu 2025→2026: Rp 350 → Rp 430 (+Rp 80)" in changes_text(diff(old, new))


def changes_text(result: PlanDiff) -> str:
    return result.to_text()


def test_medium_term_revision_compares_every_shared_year() -> None:
    period = range(2025, 2030)
    old = plan(
        [sub(*IBU_HAMIL, dict.fromkeys(period, 100), dict.fromkeys(period, "10"))],
        years=(2025, 2029),
        kind=PlanKind.RENSTRA_PD,
    )
    new_targets = {y: ("12" if y >= 2027 else "10") for y in period}
    new = plan(
        [sub(*IBU_HAMIL, {**dict.fromkeys(period, 100), 2029: 150}, new_targets)],
        years=(2025, 2029),
        kind=PlanKind.RENSTRA_PD,
        revision=1,
    )
    [changes] = diff(old, new).plans
    assert [t.year for t in changes.retargeted] == [2027, 2028, 2029]
    assert [(b.old_year, b.change) for b in changes.rebudgeted] == [(2029, Decimal(50))]
    assert [t.old_year for t in changes.pagu] == [2025, 2026, 2027, 2028, 2029]


def test_bundles_pair_plans_by_kind_and_owner() -> None:
    renja_a = plan([sub(*IBU_HAMIL, {2026: 100})], plan_id="renja-a")
    renja_b = plan([sub(*BAYI, {2026: 100})], plan_id="renja-b", owner="1.02.0.00.0.00.02.0000")
    rkpd = plan([sub(*IBU_HAMIL, {2026: 100})], plan_id="rkpd", kind=PlanKind.RKPD, owner="62")
    changed_a = plan([sub(*IBU_HAMIL, {2026: 130})], plan_id="renja-a-rev", revision=1)
    new_dpa = plan([sub(*IBU_HAMIL, {2026: 100})], plan_id="dpa", kind=PlanKind.DPA)
    result = diff(Bundle(plans=[renja_a, renja_b, rkpd]), Bundle(plans=[changed_a, rkpd, new_dpa]))
    assert [(p.old.id, p.new.id) for p in result.plans] == [("renja-a", "renja-a-rev"), ("rkpd", "rkpd")]
    assert [p.id for p in result.plans_removed] == ["renja-b"]
    assert [p.id for p in result.plans_added] == ["dpa"]
    assert len(result.rebudgeted) == 1 and result.plans[1].is_empty


def test_json_form_follows_the_documented_schema() -> None:
    old = plan([sub(*IBU_HAMIL, {2026: 300}, {2026: "1.250"}), sub(*BAYI, {2026: 50})])
    new = plan([sub(*IBU_HAMIL, {2026: 310}, {2026: "1.300"}), sub(*BALITA, {2026: 70})], revision=1)
    data = json.loads(diff(old, new).to_json())
    assert data["schema_version"] == 1
    assert set(data) == {"schema_version", "summary", "plans", "plans_added", "plans_removed"}
    [p] = data["plans"]
    assert set(p) == {
        "old",
        "new",
        "mode",
        "years",
        "totals",
        "added",
        "removed",
        "recoded",
        "retargeted",
        "rebudgeted",
    }
    assert p["old"] == {
        "id": "renja-dinkes",
        "kind": "renja_pd",
        "title": "Renja Dinas Kesehatan 2026",
        "period": "2026",
        "revision": 0,
        "owner": DINKES,
    }
    assert p["years"] == [[2026, 2026]]
    assert p["totals"]["pagu"] == [{"old_year": 2026, "new_year": 2026, "old": "350", "new": "380", "change": "30"}]
    assert p["totals"]["items"]["new"] == {"program": 1, "kegiatan": 1, "sub_kegiatan": 2}
    assert p["added"] == [
        {"id": f"{DINKES}/{BALITA[0]}", "code": BALITA[0], "name": BALITA[1], "level": "sub_kegiatan", "agency": DINKES}
    ]
    [target] = p["retargeted"]
    assert target["indicator"] == {
        "id": "jumlah-ibu-hamil-terlayani",
        "name": "Jumlah ibu hamil terlayani",
        "unit": "Orang",
    }
    assert target["old"] == {
        "text": "1.250",
        "kind": "number",
        "number": "1250",
        "low": None,
        "high": None,
        "unit": "Orang",
    }
    assert [b["change"] for b in p["rebudgeted"]] == ["10"]
    assert data["summary"]["added"] == 1 and data["summary"]["retargeted"] == 1


def test_text_and_markdown_renderings() -> None:
    old = plan([sub(*IBU_HAMIL, {2026: 300_000}, {2026: "1.250"}), sub(*BAYI, {2026: 50_000})])
    new = plan([sub(*IBU_HAMIL, {2026: 310_000}, {2026: "1.300"}), sub(*BALITA, {2026: 70_000})], revision=1)
    text = diff(old, new).to_text()
    assert "Renja Dinas Kesehatan 2026 (renja-dinkes) → Renja Dinas Kesehatan 2026 (renja-dinkes, revisi 1)" in text
    assert f"+ added       sub kegiatan {BALITA[0]} {BALITA[1]}" in text
    assert f"- removed     sub kegiatan {BAYI[0]} {BAYI[1]}" in text
    assert "Jumlah ibu hamil terlayani · 2026: 1.250 Orang → 1.300 Orang" in text
    assert "2026: Rp 300.000 → Rp 310.000 (+Rp 10.000)" in text
    markdown = diff(old, new).to_markdown()
    assert markdown.startswith("# Plan diff\n")
    assert "| pagu 2026 | Rp 350.000 | Rp 380.000 | +Rp 30.000 |" in markdown
    assert f"| added | sub kegiatan | {BALITA[0]} | {BALITA[1]} | |" in markdown
    assert "| sub kegiatan | 2 | 2 | +0 |" in markdown
    same = diff(old, old)
    assert same.to_text().endswith("no changes") and "No changes." in same.to_markdown()


def test_bad_arguments() -> None:
    p = plan([sub(*IBU_HAMIL, {2026: 1})])
    with pytest.raises(ValueError, match="name_threshold"):
        diff(p, p, name_threshold=0)
    with pytest.raises(TypeError, match="plans or bundles"):
        diff(p, "renja.json")  # type: ignore[arg-type]


def test_exported_from_sinkron() -> None:
    assert sinkron.diff is diff and sinkron.PlanDiff is PlanDiff


# -- properties ----------------------------------------------------------------------------------------------


@settings(max_examples=25)
@given(sst.plans())
def test_a_plan_against_itself_is_empty(p: Plan) -> None:
    result = diff(p, p)
    assert result.is_empty
    assert result.summary() == {
        "plans": 1,
        "plans_added": 0,
        "plans_removed": 0,
        **dict.fromkeys((k.value for k in ChangeKind), 0),
    }
    [changes] = result.plans
    assert all(t.old == t.new for t in changes.pagu)
    assert changes.items_old == changes.items_new


@settings(max_examples=15)
@given(sst.bundles())
def test_a_bundle_against_itself_is_empty(bundle: Bundle) -> None:
    result = diff(bundle, bundle)
    assert result.is_empty and len(result.plans) == len(bundle.plans)


def _replace_sub(p: Plan, code: Code, new: SubActivity | None, extra: SubActivity | None = None) -> Plan:
    """``p`` with the sub kegiatan ``code`` replaced by ``new`` (or dropped), and ``extra`` added beside it."""
    programs = []
    for program in p.programs:
        activities = []
        for activity in program.activities:
            subs: list[SubActivity] = []
            for s in activity.sub_activities:
                if s.code == code:
                    subs += [x for x in (new, extra) if x is not None]
                else:
                    subs.append(s)
            activities.append(attrs.evolve(activity, sub_activities=subs))
        programs.append(attrs.evolve(program, activities=activities))
    return attrs.evolve(p, programs=programs)


def _raised(target: Target) -> Target:
    """The same target one higher (a number, whatever it was)."""
    midpoint = target.value.midpoint
    return Target(year=target.year, value=Value.of(midpoint + 1 if midpoint is not None else 1, unit=target.value.unit))


def _free_code(plans: Sequence[Plan], near: Code, last: int) -> Code:
    taken = {item.code for p in plans for item in p.items()}
    number = last
    while (code := Code(parts=(*near.parts[:5], f"{number:04d}"))) in taken:
        number -= 1
    return code


@settings(max_examples=40)
@given(sst.plans(), st.data())
def test_a_modified_copy_reports_exactly_the_modifications(p: Plan, data: st.DataObject) -> None:
    subs = list(p.sub_activities())
    chosen = data.draw(st.permutations(range(len(subs))))
    kinds = data.draw(st.lists(st.sampled_from(["rebudget", "retarget", "remove", "recode", "add"]), unique=True))
    kinds = kinds[: len(subs)]  # each modification touches its own sub kegiatan
    year = p.period.start
    modified = p
    expected: dict[str, set[tuple[str, ...]]] = {k.value: set() for k in ChangeKind}
    for kind, index in zip(kinds, chosen):
        target = subs[index]
        if kind == "rebudget":
            budgets = [attrs.evolve(b, amount=b.amount + Money(1000)) if b.year == year else b for b in target.budgets]
            modified = _replace_sub(modified, target.code, attrs.evolve(target, budgets=budgets))
            expected["rebudgeted"].add((str(target.code), str(year)))
        elif kind == "retarget":
            indicator = target.indicators[0]
            targets = [_raised(t) if t.year == year else t for t in indicator.targets]
            changed = attrs.evolve(target, indicators=[attrs.evolve(indicator, targets=targets)])
            modified = _replace_sub(modified, target.code, changed)
            expected["retargeted"].add((str(target.code), indicator.id, str(year)))
        elif kind == "remove":
            modified = _replace_sub(modified, target.code, None)
            expected["removed"].add((str(target.code),))
        elif kind == "recode":
            code = _free_code((p, modified), target.code, 9999)
            recoded = attrs.evolve(
                target, code=code, id=f"{target.agency_id}/{code}" if target.agency_id else str(code)
            )
            modified = _replace_sub(modified, target.code, recoded)
            expected["recoded"].add((str(target.code), str(code)))
        else:  # add a new sub kegiatan beside this one
            code = _free_code((p, modified), target.code, 9000)
            new = SubActivity(
                code=code,
                name="Sub Kegiatan Tambahan Hasil Musrenbang Nomor Uji",
                agency_id=target.agency_id,
                budgets=[Budget(year=year, amount=Money(5000))],
            )
            modified = _replace_sub(modified, target.code, target, new)
            expected["added"].add((str(code),))
    # A recode beside a removed sub kegiatan of the same name (Papua variants 3/4 of a kegiatan share
    # names) cannot be told apart: the diff rightly reports it as one removal and one addition.
    removed_names = {comparison_key(s.name) for s in subs if (str(s.code),) in expected["removed"]}
    for old_code, new_code in list(expected["recoded"]):
        old_sub = next(s for s in subs if str(s.code) == old_code)
        if comparison_key(old_sub.name) in removed_names:
            expected["recoded"].discard((old_code, new_code))
            expected["removed"].add((old_code,))
            expected["added"].add((new_code,))
    result = diff(p, modified)
    found = {
        "added": {(str(i.code),) for i in result.added},
        "removed": {(str(i.code),) for i in result.removed},
        "recoded": {(str(r.old.code), str(r.new.code)) for r in result.recoded},
        "retargeted": {(str(r.item.code), r.indicator_id, str(r.year)) for r in result.retargeted},
        "rebudgeted": {(str(r.item.code), str(r.old_year)) for r in result.rebudgeted},
    }
    assert found == expected
    assert result.is_empty == (not kinds)
    counts = result.plans[0].items_new
    assert counts["sub_kegiatan"] == len(subs) - len(expected["removed"]) + len(expected["added"])
    assert list(counts) == [CodeLevel.PROGRAM.value, CodeLevel.ACTIVITY.value, CodeLevel.SUB_ACTIVITY.value]
