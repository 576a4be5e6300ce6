"""The K/L connectors declare exactly the options their readers take, and type them before reading."""

from __future__ import annotations

from pathlib import Path

import pytest

import sinkron
from sinkron.models.national import MinistryDocument
from sinkron.options import describe_options
from sinkron_kl.connectors import KrisnaConnector, KrisnaReadOptions, SaktiReadOptions
from sinkron_kl.krisna import KRISNA_OPTIONS
from sinkron_kl.sakti import SAKTI_OPTIONS


@pytest.mark.parametrize(
    ("declaration", "taken"), [(SaktiReadOptions, SAKTI_OPTIONS), (KrisnaReadOptions, KRISNA_OPTIONS)]
)
def test_the_declaration_names_every_option_the_reader_takes(declaration: type, taken: frozenset[str]) -> None:
    assert {o.name for o in describe_options(declaration)} == taken


def test_command_line_text_reaches_the_krisna_reader_typed() -> None:
    options = KrisnaConnector().prepare_read_options({"year": "2026", "kind": "dipa", "location_map": '{"01": "62"}'})
    assert options == {"year": 2026, "kind": MinistryDocument.DIPA, "location_map": {"01": "62"}}


def test_an_unknown_krisna_option_is_an_option_error_before_reading(tmp_path: Path) -> None:
    source = tmp_path / "renja-kl.json"
    source.write_text('[{"kementerian_kode": "024"}]', encoding="utf-8")
    with pytest.raises(sinkron.OptionError, match="the krisna connector: option 'amount_units': unknown option"):
        sinkron.read_result(source, "krisna", amount_units="juta")
