"""The http connector declares every option :func:`~sinkron_http.connector.resolve_source` takes."""

from __future__ import annotations

import attrs
import pytest

import sinkron
from sinkron.options import describe_options
from sinkron_http.config import HttpSource
from sinkron_http.connector import HttpConnector, HttpReadOptions

_SHORTCUTS = {"config", "mapping", "token", "token_env", "api_key", "api_key_env", "api_key_name", "api_key_in"}


def test_the_declaration_names_every_source_field_and_shortcut() -> None:
    fields = {a.name for a in attrs.fields(HttpSource)} - {"url"}
    assert {o.name for o in describe_options(HttpReadOptions)} == fields | _SHORTCUTS


def test_command_line_text_is_typed() -> None:
    options = HttpConnector().prepare_read_options({"params": '{"tahun": "2026"}', "trust_env": "false"})
    assert options == {"params": {"tahun": "2026"}, "trust_env": False}


def test_a_secret_given_as_an_option_is_never_echoed_in_an_option_error() -> None:
    with pytest.raises(sinkron.OptionError) as caught:
        HttpConnector().prepare_read_options({"token": "s3cret", "api_key_in": "cookie"})
    assert caught.value.option == "api_key_in" and "s3cret" not in str(caught.value)
