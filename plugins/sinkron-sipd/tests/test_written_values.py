"""Values written to SIPD come back as they were: names and locations as written (issue 26 bug 7)."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinkron
from sinkron.cli import main
from sinkron.codes import Code
from sinkron.demo import demo_bundle
from sinkron.models import (
    Activity,
    Agency,
    Budget,
    BudgetKind,
    Bundle,
    Money,
    Plan,
    PlanKind,
    PlanPeriod,
    Program,
    SubActivity,
)
from sinkron_sipd.state import split_name
from sinkron_sipd.writer import SipdWriteError

UNIT = Agency(code="1.06.0.00.0.00.01.0000", name="Dinas Sosial Contoh")
SUB_CODE = Code.parse("1.06.04.2.01.0001")


def renja(program: str, activity: str, sub: str, locations: tuple[str, ...]) -> Bundle:
    """A Renja PD 2026 of one sub kegiatan with the given names and locations."""
    item = SubActivity(
        code=SUB_CODE,
        name=sub,
        agency_id=UNIT.id,
        locations=locations,
        budgets=[Budget(year=2026, amount=Money(150_000_000), kind=BudgetKind.INDICATIVE)],
    )
    kegiatan = Activity(code=SUB_CODE.parent, name=activity, agency_id=UNIT.id, sub_activities=[item])
    plan = Plan(
        id="renja-dinsos-2026",
        kind=PlanKind.RENJA_PD,
        title="Renja Dinas Sosial 2026",
        period=PlanPeriod(start=2026, end=2026),
        owner_id=UNIT.id,
        programs=[Program(code=Code.parse("1.06.04"), name=program, agency_id=UNIT.id, activities=[kegiatan])],
    )
    return Bundle(agencies=[UNIT], plans=[plan])


def written_and_read(bundle: Bundle, path: Path) -> tuple[str, str, str, tuple[str, ...]]:
    """The names and locations of the sub kegiatan after a real SIPD file is written and read back."""
    sinkron.write(bundle, path, format="sipd")
    (plan,) = sinkron.read(path, format="sipd", plan_kind="renja_pd").plans
    (program,) = plan.programs
    (activity,) = program.activities
    (sub,) = activity.sub_activities
    return program.name, activity.name, sub.name, sub.locations


@pytest.mark.parametrize(
    "name", ["- Bantuan Sosial", ": Bantuan Sosial", "-Bantuan", "| Bantuan", "  Bantuan Sosial  ", "– Bantuan"]
)
def test_names_starting_with_punctuation_survive_sipd(tmp_path: Path, name: str) -> None:
    locations = (", Kec. Hulu", "Kab. Contoh, , Desa Hilir", "Kab. Contoh, Kec. Hulu, Semua Kelurahan")
    bundle = renja(name, name, name, locations)
    assert written_and_read(bundle, tmp_path / "renja.json") == (name, name, name, locations)


def test_the_sipd_code_prefix_is_still_taken_off() -> None:
    # SIPD writes kode + " " + nama; unpadded codes are the same code; another code is part of the name.
    assert split_name("1.06.04.2.01.0001 Penyediaan Makanan", SUB_CODE) == "Penyediaan Makanan"
    assert split_name("1.6.4.2.1.1 Penyediaan Makanan", SUB_CODE) == "Penyediaan Makanan"
    assert split_name("1.06.04.2.01.0002 Penyediaan Makanan", SUB_CODE) == "1.06.04.2.01.0002 Penyediaan Makanan"
    assert split_name("1.06.04.2.01.0001", SUB_CODE) == "1.06.04.2.01.0001"
    assert split_name("1.06.04.2.01.0001 - Bantuan", SUB_CODE) == "- Bantuan"


# texts as SIPD users type them, with the leading punctuation and spaces a code-prefix cleanup would eat
_TEXT = st.builds(
    str.__add__,
    st.sampled_from(["", "", "- ", ":", " ", ", ", "| ", "1.06 "]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20),
).filter(str.strip)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.tuples(_TEXT, _TEXT, _TEXT), locations=st.lists(_TEXT, max_size=3, unique=True))
def test_any_name_and_location_survives_sipd(tmp_path: Path, names: tuple[str, str, str], locations: list[str]) -> None:
    bundle = renja(*names, tuple(locations))
    assert written_and_read(bundle, tmp_path / "renja.json") == (*names, tuple(locations))


# -- multi-year plans: every year of the period, or a refusal that names what would be lost (bug 4) ----------


def _years(plan: Plan) -> dict[tuple[str, str], tuple[object, ...]]:
    """Every pagu and target of a plan, by item code and what it is: what a SIPD round trip must keep."""
    out: dict[tuple[str, str], tuple[object, ...]] = {}
    for item in plan.items():
        out[(str(item.code), "pagu")] = tuple(sorted((b.year, b.kind.value, b.amount.amount) for b in item.budgets))
        for indicator in item.indicators:
            out[(str(item.code), indicator.name)] = tuple(
                (t.year, t.value.number, t.value.text) for t in indicator.targets
            )
    return out


@pytest.mark.parametrize(
    ("plan_id", "plan_kind"),
    [("renstra-dinkes-kalteng-2025-2029", "renstra_pd"), ("rpjmd-kalteng-2025-2029", "rpjmd")],
)
def test_a_renstra_or_rpjmd_keeps_every_year_of_its_period(tmp_path: Path, plan_id: str, plan_kind: str) -> None:
    demo = demo_bundle()
    plan = demo.plan(plan_id)
    target = sinkron.write(Bundle(plans=[plan], agencies=demo.agencies), tmp_path / "rencana.json", format="sipd")
    (back,) = sinkron.read(target, format="sipd", plan_kind=plan_kind).plans
    assert (back.kind, back.period) == (plan.kind, plan.period)
    years = {b.year for item in back.items() for b in item.budgets}
    assert years == set(plan.period.years) == {2025, 2026, 2027, 2028, 2029}
    assert _years(back) == _years(plan)


def test_what_planning_rows_cannot_hold_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    demo = demo_bundle()
    renstra = demo.plan("renstra-dinkes-kalteng-2025-2029")
    target = tmp_path / "rencana.json"
    target.write_text("[]", encoding="utf-8")
    longer = attrs.evolve(renstra, period=PlanPeriod(start=2025, end=2030))
    national = attrs.evolve(renstra, kind=PlanKind.RENSTRA_KL)
    program = renstra.programs[0]
    ceiling = attrs.evolve(
        program, budgets=[*program.budgets, Budget(year=2026, amount=Money(5), kind=BudgetKind.CEILING)]
    )
    with_ceiling = attrs.evolve(renstra, programs=[ceiling, *renstra.programs[1:]])
    cases = [
        (longer, "2030 of plan"),
        (national, "SIPD has no records for plan"),
        (with_ceiling, f"pagu 2026 of {program.code}"),
        (demo.plan("renstra-pupr-kalteng-2025-2029"), "target 2030 of"),  # the demo's planted target outside its period
    ]
    for plan, lost in cases:
        with pytest.raises(SipdWriteError, match=lost):
            sinkron.write(Bundle(plans=[plan], agencies=demo.agencies), target, format="sipd")
        assert target.read_text(encoding="utf-8") == "[]"


def test_convert_says_what_sipd_would_lose(tmp_path: Path) -> None:
    demo = demo_bundle()
    source = sinkron.write(Bundle(plans=[demo.plan("renstra-pupr-kalteng-2025-2029")]), tmp_path / "renstra.json")
    result = CliRunner().invoke(main, ["convert", str(source), str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and "would lose target 2030" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


# -- yearly plans: the pagu and targets a sub kegiatan record holds, or a refusal (issue 26, noticed) ---------------


def test_a_renja_keeps_its_pagu_of_the_plan_year_and_the_next(tmp_path: Path) -> None:
    bundle = renja("Program Rehabilitasi Sosial", "Rehabilitasi Sosial", "Pelayanan Sosial", ())
    plan = bundle.plans[0]
    sub = next(plan.sub_activities())
    budgets = [
        Budget(year=2026, amount=Money(140_000_000), kind=BudgetKind.CEILING),
        Budget(year=2026, amount=Money(150_000_000), kind=BudgetKind.INDICATIVE),
        Budget(year=2027, amount=Money(165_000_000), kind=BudgetKind.INDICATIVE),
    ]
    target = sinkron.write(
        _with_sub(bundle, attrs.evolve(sub, budgets=budgets)), tmp_path / "renja.json", format="sipd"
    )
    (back,) = sinkron.read(target, format="sipd", plan_kind="renja_pd").plans
    assert sorted(next(back.sub_activities()).budgets, key=lambda b: (b.year, b.kind.value)) == budgets


def test_a_renja_pagu_or_target_sipd_cannot_hold_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    bundle = renja("Program Rehabilitasi Sosial", "Rehabilitasi Sosial", "Pelayanan Sosial", ())
    sub = next(bundle.plans[0].sub_activities())
    indicator = sinkron.Indicator(
        name="Jumlah penyandang disabilitas yang direhabilitasi",
        unit="Orang",
        targets=[
            sinkron.Target(year=2026, value=sinkron.Value.parse("120")),
            sinkron.Target(year=2027, value=sinkron.Value.parse("130")),
        ],
    )
    target = tmp_path / "renja.json"
    target.write_text("[]", encoding="utf-8")
    cases = [
        (Budget(year=2028, amount=Money(5), kind=BudgetKind.INDICATIVE), "pagu_indikatif 2028 of 1.06.04.2.01.0001"),
        (Budget(year=2027, amount=Money(5), kind=BudgetKind.CEILING), "pagu 2027 of 1.06.04.2.01.0001"),
        (Budget(year=2026, amount=Money(5), kind=BudgetKind.REVISED), "pagu_perubahan 2026 of 1.06.04.2.01.0001"),
        (indicator, "target 2027 of 'Jumlah penyandang disabilitas yang direhabilitasi' (1.06.04.2.01.0001)"),
    ]
    for extra, lost in cases:
        changed = (
            attrs.evolve(sub, budgets=[*sub.budgets, extra])
            if isinstance(extra, Budget)
            else attrs.evolve(sub, indicators=[extra])
        )
        with pytest.raises(SipdWriteError, match=re.escape(f"would lose {lost}")):
            sinkron.write(_with_sub(bundle, changed), target, format="sipd")
        assert target.read_text(encoding="utf-8") == "[]"
    source = sinkron.write(_with_sub(bundle, attrs.evolve(sub, indicators=[indicator])), tmp_path / "renja-in.json")
    result = CliRunner().invoke(main, ["convert", str(source), str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2 and "would lose target 2027" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def _with_sub(bundle: Bundle, sub: SubActivity) -> Bundle:
    """``bundle`` (one plan, one sub kegiatan) with that sub kegiatan replaced by ``sub``."""
    plan = bundle.plans[0]
    program = plan.programs[0]
    activity = attrs.evolve(program.activities[0], sub_activities=[sub])
    return attrs.evolve(bundle, plans=[attrs.evolve(plan, programs=[attrs.evolve(program, activities=[activity])])])
