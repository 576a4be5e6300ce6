"""National models: K/L, satker, the K/L budget tree, amounts in rupiah, and the Bundle's national section."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinkron import Bundle, InvalidModel, Money, ValidationError, Value
from sinkron.convert import dumps, loads
from sinkron.kl import (
    AmountUnit,
    Authority,
    Component,
    ComponentKind,
    DetailedOutput,
    EchelonOneUnit,
    KLCode,
    Ministry,
    MinistryActivity,
    MinistryPlan,
    MinistryProgram,
    NationalRecords,
    OutputClass,
    OutputLocation,
    WorkUnit,
    rupiah,
)
from sinkron.models import MODEL_CLASSES


def kemenhub_plan(ro_text: str = "3996.AE002") -> MinistryPlan:
    """A Kemenhub (BA 022) Renja K/L excerpt in the shape of the SAKTI reference rows (synthetic values)."""
    program = KLCode.parse("022.12.DL")
    activity = program.child("3996")
    kro = activity.child("3996.AEC")
    ro = kro.child(ro_text)
    return MinistryPlan(
        id="renja-kemenhub-2026",
        ministry_code="022",
        year=2026,
        title="Renja Kementerian Perhubungan 2026",
        programs=[
            MinistryProgram(
                code=program,
                name="Program Pendidikan dan Pelatihan Vokasi",
                activities=[
                    MinistryActivity(
                        code=activity,
                        name="Pendidikan Transportasi",
                        output_classes=[
                            OutputClass(
                                code=kro,
                                name="Kerja sama",
                                unit="Layanan",
                                outputs=[
                                    DetailedOutput(
                                        code=ro,
                                        name="Kerja sama pendidikan",
                                        volume=Decimal(3),
                                        unit="Layanan",
                                        allocation=rupiah("201.600", AmountUnit.THOUSANDS),
                                        locations=[
                                            OutputLocation(
                                                region_code="62",
                                                name="Kalimantan Tengah",
                                                target=Value.parse("2 Layanan"),
                                                allocation=rupiah("150.000", AmountUnit.THOUSANDS),
                                            ),
                                            OutputLocation(region_code="62.71", target=Value.parse("1 Layanan")),
                                        ],
                                        authority=Authority.CENTRAL_OFFICE,
                                        components=[
                                            Component(
                                                code=ro.child("051"),
                                                name="Penyelenggaraan kerja sama",
                                                kind=ComponentKind.MAIN,
                                                allocation=Money(201_600_000),
                                            )
                                        ],
                                    )
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
    )


def test_amounts_are_rupiah_with_the_declared_unit() -> None:
    assert rupiah("201.600", AmountUnit.THOUSANDS) == Money(201_600_000)
    assert rupiah("25.995.981,9", AmountUnit.MILLIONS).amount == Decimal("25995981900000")
    assert str(rupiah("25.995.981,9", AmountUnit.MILLIONS)) == "Rp 25.995.981.900.000"
    assert rupiah(Decimal("1.5"), AmountUnit.THOUSANDS) == Money(1500)
    assert rupiah("1,5", AmountUnit.RUPIAH).amount == Decimal("1.5")
    assert AmountUnit.parse("Alokasi (Ribuan Rupiah)") is AmountUnit.THOUSANDS
    assert AmountUnit.parse("Indikasi Kebutuhan Pendanaan (Rp Juta)") is AmountUnit.MILLIONS
    assert AmountUnit.parse("Rp") is AmountUnit.RUPIAH
    assert AmountUnit.parse("milyar") is AmountUnit.BILLIONS
    for bad in ("-", "sekitar 5", 1.5, True):
        with pytest.raises(InvalidModel):
            rupiah(bad, AmountUnit.THOUSANDS)  # type: ignore[arg-type]
    with pytest.raises(InvalidModel, match="negative"):
        rupiah("-5", AmountUnit.THOUSANDS)
    with pytest.raises(InvalidModel, match="cannot tell"):
        AmountUnit.parse("ribu juta")


def test_organisations_validate_their_codes() -> None:
    assert Ministry(code="022", name="Kementerian Perhubungan").id == "022"
    assert EchelonOneUnit(code="022.12", name="Badan Pengembangan SDM Perhubungan").ministry_code == "022"
    unit = WorkUnit(
        code="428145",
        name="BPS Provinsi Kalimantan Tengah",
        ministry_code="054",
        unit_code="054.01",
        location="62",
        authority=Authority.parse("KD"),
    )
    assert unit.authority is Authority.REGIONAL_OFFICE and not unit.authority.is_delegated
    bad = [
        lambda: Ministry(code="22", name="x"),
        lambda: EchelonOneUnit(code="022", name="x"),
        lambda: WorkUnit(code="42814", name="x", ministry_code="054"),
        lambda: WorkUnit(code="428145", name="x", ministry_code="054", location="Kalteng"),
        lambda: WorkUnit(code="428145", name="x", ministry_code="054", unit_code="022.12"),
    ]
    for build in bad:
        with pytest.raises(InvalidModel):
            build()
    assert Authority.parse("Tugas Pembantuan").is_delegated and Authority.parse("dekon").is_delegated
    with pytest.raises(InvalidModel, match="unknown kewenangan"):
        Authority.parse("pusat daerah")


def test_the_budget_tree_keeps_children_under_their_parent() -> None:
    plan = kemenhub_plan()
    (record,) = plan.outputs()
    assert record.ref == "renja-kemenhub-2026#022.12.DL.3996.AEC.002"
    assert record.output.code.display == "3996.AE002"
    assert record.output.allocation == Money(201_600_000)
    assert [type(i).__name__ for i in plan.items()] == [
        "MinistryProgram",
        "MinistryActivity",
        "OutputClass",
        "DetailedOutput",
        "Component",
    ]
    kro = plan.programs[0].activities[0].output_classes[0]
    stray = attrs.evolve(kro.outputs[0], code=KLCode.parse("4627.EBA.994", within="022.12.DL"), components=[])
    with pytest.raises(InvalidModel, match="RO 022.12.DL.4627.EBA.994 is not under 022.12.DL.3996.AEC"):
        attrs.evolve(kro, outputs=[stray])
    with pytest.raises(InvalidModel, match="expected a RO code"):
        DetailedOutput(code=KLCode.parse("3996.AEC"), name="x")
    with pytest.raises(InvalidModel, match="duplicate lokasi 62"):
        attrs.evolve(kro.outputs[0], locations=[OutputLocation(region_code="62"), OutputLocation(region_code="62")])
    with pytest.raises(InvalidModel, match="must not be negative"):
        attrs.evolve(kro.outputs[0], volume=-1)
    with pytest.raises(InvalidModel, match="belongs to BA 022, not 032"):
        attrs.evolve(plan, ministry_code="032")
    program = plan.programs[0]
    with pytest.raises(InvalidModel, match="duplicate item id"):
        attrs.evolve(plan, programs=[program, attrs.evolve(program, activities=[])])


def test_ministry_plans_round_trip_through_json_with_their_display_codes() -> None:
    plan = kemenhub_plan()
    back = loads(dumps(plan), MinistryPlan)
    assert back == plan
    ro = next(back.outputs()).output
    assert ro.code.display == "3996.AE002" and ro.code.key == "022.12.DL.3996.AEC.002"
    data = json.loads(dumps(plan))["data"]
    assert data["programs"][0]["code"] == {
        "budget_section": "022",
        "unit": "12",
        "program": "DL",
        "display": "022.12.DL",
    }


def test_every_national_model_is_a_document_type() -> None:
    names = {cls.__name__ for cls in MODEL_CLASSES}
    assert {"KLCode", "MinistryPlan", "DetailedOutput", "PriorityTree", "DAKMenuCrosswalk", "NationalRecords"} <= names


def test_bad_json_gives_located_errors() -> None:
    text = dumps(kemenhub_plan()).replace('"activity": "3996"', '"activity": "39x6"', 1)
    with pytest.raises(ValidationError) as caught:
        loads(text, MinistryPlan, source="renja.json")
    assert any("kegiatan '39x6' is not 4 digits" in e.message for e in caught.value.errors)
    assert all(e.location.source == "renja.json" and e.location.json_path for e in caught.value.errors)
    flag = dumps(OutputClass(code=KLCode.parse("3996.SAB"), name="Pelatihan", priority_variant=True))
    assert loads(flag, OutputClass).priority_variant is True
    with pytest.raises(ValidationError, match="expected true or false, got 1"):
        loads(flag.replace('"priority_variant": true', '"priority_variant": 1'), OutputClass)


def test_bundles_without_national_data_read_and_write_as_before() -> None:
    old = '{"schema_version": 1, "type": "Bundle", "data": {"sources": ["a.json"]}}'
    bundle = loads(old, Bundle)
    assert bundle.national == NationalRecords() and bundle.national.is_empty
    assert "national" not in json.loads(dumps(bundle))["data"]


def test_bundle_round_trip_and_merge_of_the_national_section() -> None:
    ministry = Ministry(code="022", name="Kementerian Perhubungan")
    one = Bundle(national=NationalRecords(ministries=[ministry], plans=[kemenhub_plan()]))
    assert loads(dumps(one), Bundle) == one
    other = Bundle(
        national=NationalRecords(ministries=[ministry], units=[EchelonOneUnit(code="022.12", name="BPSDMP")])
    )
    merged = one.merge(other)
    assert [m.code for m in merged.national.ministries] == ["022"]
    assert [u.code for u in merged.national.units] == ["022.12"]
    assert merged.national.plans == (kemenhub_plan(),)
    clash = Bundle(national=NationalRecords(ministries=[Ministry(code="022", name="Kemenhub")]))
    with pytest.raises(InvalidModel, match="two different records with id '022'"):
        one.merge(clash)
    with pytest.raises(InvalidModel, match="duplicate K/L id"):
        NationalRecords(ministries=[ministry, ministry])


# -- property: national records survive JSON with their display forms ---------------------------------------

_letters = st.from_regex(r"[A-Z]{3}", fullmatch=True)


@st.composite
def ministry_plans(draw: st.DrawFn) -> MinistryPlan:
    ba = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    program = KLCode.parse(
        f"{ba}.{draw(st.from_regex(r'[0-9]{2}', fullmatch=True))}.{draw(st.from_regex(r'[A-Z]{2}', fullmatch=True))}"
    )
    activities = []
    for number in draw(st.lists(st.from_regex(r"[0-9]{4}", fullmatch=True), min_size=1, max_size=2, unique=True)):
        activity = program.child(number)
        classes = []
        for letters in draw(st.lists(_letters, min_size=1, max_size=2, unique=True)):
            kro = activity.child(f"{number}.{letters}")
            outputs = []
            for ro_number in draw(st.lists(st.from_regex(r"[0-9]{3}", fullmatch=True), max_size=2, unique=True)):
                spelling = draw(
                    st.sampled_from(
                        [
                            f"{number}.{letters}.{ro_number}",
                            f"{letters}.{ro_number}",
                            f"{number}.{letters[:2]}{ro_number}",
                            ro_number,
                        ]
                    )
                )
                regions = draw(st.lists(st.sampled_from(["62", "62.71", "62.01", "63"]), max_size=3, unique=True))
                outputs.append(
                    DetailedOutput(
                        code=kro.child(spelling),
                        name=f"RO {ro_number}",
                        volume=draw(st.none() | st.decimals(min_value=0, max_value=10**6, places=2)),
                        allocation=draw(st.none() | st.integers(0, 10**12).map(Money)),
                        locations=[OutputLocation(region_code=r, target=Value.parse("1 Unit")) for r in regions],
                        authority=draw(st.none() | st.sampled_from(Authority)),
                    )
                )
            classes.append(
                OutputClass(code=kro, name=f"KRO {letters}", outputs=outputs, priority_variant=draw(st.booleans()))
            )
        activities.append(MinistryActivity(code=activity, name=f"Kegiatan {number}", output_classes=classes))
    return MinistryPlan(
        id="renja",
        ministry_code=ba,
        year=2026,
        title="Renja K/L",
        programs=[MinistryProgram(code=program, name="Program", activities=activities)],
    )


def _displays(plan: MinistryPlan) -> list[str | None]:
    return [item.code.display for item in plan.items()]


@settings(max_examples=25)
@given(ministry_plans())
def test_national_records_round_trip(plan: MinistryPlan) -> None:
    bundle = Bundle(national=NationalRecords(plans=[plan]))
    back = loads(dumps(bundle), Bundle)
    assert back == bundle
    assert _displays(back.national.plans[0]) == _displays(plan)
    assert all(o.output.code.is_anchored for o in back.national.outputs())
