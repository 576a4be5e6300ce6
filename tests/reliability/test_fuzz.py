"""Fuzzing: valid files made from generated bundles, then damaged — still only located sinkron errors.

The valid files come from :mod:`sinkron.testing.strategies` (a Renja PD plan written as xlsx by the
spreadsheet plugin, its rows as csv, a whole bundle as sinkron JSON, a plan as SIPD JSON); each is
then mutated by a few byte operations (flip, truncate, insert, delete, repeat). xlsx files are
damaged twice over: as bytes (the zip breaks) and inside one XML part, zipped again, so that the
sheet parser itself meets the damage. Every mutant goes through ``sinkron.read_result`` under the
same promise as the corpus (:func:`reliability.checks.read_safely`). Example budgets are fixed and
small; in CI the examples are derandomized (the ``ci`` profile in ``tests/conftest.py``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("sinkron_spreadsheet", reason="sinkron-spreadsheet is not installed in this environment")
pytest.importorskip("sinkron_sipd", reason="sinkron-sipd is not installed in this environment")

from reliability import corpus as c
from reliability.checks import read_safely

from sinkron.convert import dumps
from sinkron.models import Agency, Bundle, Plan, PlanKind
from sinkron.testing import strategies as sst
from sinkron_sipd import dumps as sipd_dumps
from sinkron_spreadsheet import render_workbook

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with 1–4 byte-level mutations applied.

    Positions are drawn independently of the length (the xlsx writer stamps the time, so a valid
    file's length may vary by a byte between runs; what is drawn must not).
    """
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        position = draw(st.integers(0, 1 << 20)) % len(out)
        operation = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "repeat"]))
        if operation == "flip":
            out[position] ^= draw(st.integers(1, 255))
        elif operation == "truncate":
            del out[position:]
        elif operation == "insert":
            out[position:position] = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=8),
                    st.sampled_from(
                        [b'"', b"{", b"]", b",", b";", b"\r", b"\x00", b"<", b"&lol;", b"\xff\xfe", b"NaN"]
                    ),
                )
            )
        elif operation == "delete":
            del out[position : position + draw(st.integers(1, 64))]
        else:
            chunk = bytes(out[position : position + draw(st.integers(1, 256))])
            out[position:position] = chunk
    return bytes(out)


@st.composite
def renja_plans(draw: st.DrawFn) -> tuple[Agency, Plan]:
    agency = draw(sst.agencies("62"))
    return agency, draw(sst.plans(kind=PlanKind.RENJA_PD, agency_id=agency.id))


def renja_csv(plan: Plan) -> bytes:
    rows = []
    for sub in plan.sub_activities():
        indicator = sub.indicators[0] if sub.indicators else None
        target = indicator.target_for(plan.period.start) if indicator else None
        budget = sub.budget_for(plan.period.start)
        rows.append(
            [
                str(sub.code),
                sub.name,
                indicator.name if indicator else "",
                target.text if target else "",
                str(budget.amount) if budget else "",
            ]
        )
    return c.csv_text([[f"Periode : {plan.period.start}"], c.RENJA_HEADER, *rows]).encode("utf-8")


def check(tmp_path: Path, name: str, data: bytes, **options: Any) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    outcome = read_safely(path, **options)
    if outcome.result is not None and not outcome.errors:
        assert isinstance(outcome.result.bundle, Bundle)


@FUZZ
@given(data=st.data(), case=renja_plans())
def test_mutated_xlsx_bytes(tmp_path: Path, data: st.DataObject, case: tuple[Agency, Plan]) -> None:
    agency, plan = case
    valid = render_workbook(Bundle(agencies=[agency], plans=[plan]))
    check(tmp_path, "renja.xlsx", data.draw(mutations(valid)))


@FUZZ
@given(data=st.data(), case=renja_plans())
def test_mutated_xml_inside_a_valid_zip(tmp_path: Path, data: st.DataObject, case: tuple[Agency, Plan]) -> None:
    agency, plan = case
    valid = tmp_path / "valid.xlsx"
    valid.write_bytes(render_workbook(Bundle(agencies=[agency], plans=[plan])))
    members = c.zip_members(valid)
    part = data.draw(st.sampled_from(sorted(name for name in members if name.endswith((".xml", ".rels")))))
    members[part] = data.draw(mutations(members[part]))
    c.write_zip(tmp_path / "renja.xlsx", members, compression=zipfile.ZIP_DEFLATED)
    check(tmp_path, "renja.xlsx", (tmp_path / "renja.xlsx").read_bytes())


@FUZZ
@given(data=st.data(), case=renja_plans())
def test_mutated_csv(tmp_path: Path, data: st.DataObject, case: tuple[Agency, Plan]) -> None:
    check(tmp_path, "renja.csv", data.draw(mutations(renja_csv(case[1]))), format="csv")


@FUZZ
@given(data=st.data(), bundle=sst.bundles())
def test_mutated_sinkron_json(tmp_path: Path, data: st.DataObject, bundle: Bundle) -> None:
    check(tmp_path, "bundle.json", data.draw(mutations(dumps(bundle, indent=None).encode("utf-8"))))


@FUZZ
@given(data=st.data(), case=renja_plans(), container=st.sampled_from(["envelope", "list", "lines"]))
def test_mutated_sipd_json(tmp_path: Path, data: st.DataObject, case: tuple[Agency, Plan], container: str) -> None:
    agency, plan = case
    valid = sipd_dumps(Bundle(agencies=[agency], plans=[plan]), container=container).encode("utf-8")
    check(tmp_path, "sipd.json", data.draw(mutations(valid)), format="sipd")
