"""The SIPD connectors declare the options their readers take, and type them before reading."""

from __future__ import annotations

from pathlib import Path

import pytest

import sinkron
from sinkron.models import PlanKind
from sinkron.options import describe_options
from sinkron_sipd.connector import _READ_OPTIONS, _WRITE_OPTIONS, SipdConnector, SipdReadOptions, SipdRenderOptions
from sinkron_sipd.report import SipdReportConnector


def test_the_declarations_name_every_option_the_reader_and_writer_take() -> None:
    assert {o.name for o in describe_options(SipdReadOptions)} == _READ_OPTIONS
    assert {o.name for o in describe_options(SipdRenderOptions)} == _WRITE_OPTIONS


def test_command_line_text_reaches_the_reader_typed() -> None:
    options = SipdConnector().prepare_read_options(
        {"plan_kind": "renja_pd", "year": "2026", "check_nomenclature": "ya"}
    )
    assert options == {"plan_kind": PlanKind.RENJA_PD, "year": 2026, "check_nomenclature": True}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"plan_kind": "rkpdx"}, "option 'plan_kind': invalid value"),
        ({"decimal": ";"}, "option 'decimal': invalid value (expected one of ',', '.'"),
        ({"yaer": "2026"}, "option 'yaer': unknown option"),
    ],
)
def test_a_bad_option_is_an_option_error_before_reading(tmp_path: Path, options: dict[str, str], message: str) -> None:
    source = tmp_path / "sipd.jsonl"
    source.write_text("", encoding="utf-8")
    with pytest.raises(sinkron.OptionError, match=message.replace("(", r"\(")):
        sinkron.read_result(source, "sipd", **options)


def test_the_report_connector_refuses_a_plan_kind_it_does_not_read() -> None:
    with pytest.raises(sinkron.OptionError, match="rkpd', 'renja_pd'"):
        SipdReportConnector().prepare_read_options({"plan_kind": "dpa"})
    assert SipdReportConnector().prepare_read_options({"plan_kind": "renja_pd"}) == {"plan_kind": PlanKind.RENJA_PD}
