"""Values written to SIPD come back as they were: names and locations as written (issue 26 bug 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinkron
from sinkron.codes import Code
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
