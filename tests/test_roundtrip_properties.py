"""Round-trip properties: what each format keeps (sinkron.testing.roundtrip.FORMATS) comes back equal.

Each property runs at 300 examples: JSON on any bundle, xlsx on a Renstra, Renja or RKPD in the layout it is
written in, SIPD on a Renja or RKPD (a SIPD file of sub kegiatan records is one year; a Renstra is written
as SIPD planning rows, see docs/sipd.md).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sinkron
from sinkron import Bundle, PlanKind
from sinkron.diff import diff
from sinkron.plugins import get_plugin_manager
from sinkron.testing import strategies as sst
from sinkron.testing.roundtrip import FORMATS, kept, round_trip


def _assert_round_trips(bundle: Bundle, format: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        before, after = round_trip(bundle, format, Path(folder))
    assert diff(before, after).is_empty
    assert after == before


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sst.bundles())
def test_json_keeps_everything(bundle: Bundle) -> None:
    _assert_round_trips(bundle, "json")


def _needs(connector: str) -> None:
    if connector not in get_plugin_manager().connectors():
        pytest.skip(f"the {connector} connector is not installed here")


_single_plans = st.sampled_from([PlanKind.RENSTRA_PD, PlanKind.RENJA_PD, PlanKind.RKPD]).flatmap(
    lambda kind: sst.agencies("62").flatmap(
        lambda agency: sst.plans(kind=kind, agency_id=agency.id).map(
            lambda plan: Bundle(agencies=[agency], plans=[plan])
        )
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_single_plans)
def test_xlsx_keeps_what_its_layouts_carry(bundle: Bundle) -> None:
    _needs("spreadsheet")
    _assert_round_trips(bundle, "xlsx")


_yearly_plans = st.sampled_from([PlanKind.RENJA_PD, PlanKind.RKPD]).flatmap(
    lambda kind: sst.agencies("62").flatmap(
        lambda agency: sst.plans(kind=kind, agency_id=agency.id).map(
            lambda plan: Bundle(agencies=[agency], plans=[plan])
        )
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_yearly_plans)
def test_sipd_keeps_one_year_of_sub_kegiatan(bundle: Bundle) -> None:
    _needs("sipd")
    _assert_round_trips(bundle, "sipd")


def test_every_format_sinkron_writes_or_reads_is_declared() -> None:
    manager = get_plugin_manager()
    formats = {f for c in manager.connectors().values() for f in c.formats} | {
        f for e in manager.exporters().values() if not e.accepts or Bundle in e.accepts for f in e.formats
    }
    bundle_formats = {"json", "xlsx", "csv", "sipd", "parquet"} & formats
    assert bundle_formats <= set(FORMATS)
    for declaration in FORMATS.values():
        if declaration.project is None:
            with pytest.raises(ValueError, match="no round trip"):
                kept(Bundle(), declaration.name)


def test_the_docs_table_is_the_declaration() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "testing.md").read_text(encoding="utf-8")
    for declaration in FORMATS.values():
        assert f"| `{declaration.name}` | {declaration.keeps} | {declaration.drops} |" in text, declaration.name


def test_kept_reduces_a_bundle_to_what_json_keeps() -> None:
    bundle = sinkron.Bundle(sources=["a.xlsx"])
    assert kept(bundle, "json") == sinkron.Bundle()
