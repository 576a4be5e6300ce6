"""sinkron's first-party plugins (separate distributions under ``plugins/``) and what each reads.

When no installed connector reads a source, sinkron names the plugin that would and how to install it
from a release, instead of listing what happens to be installed.
"""

from __future__ import annotations

from pathlib import Path

import attrs

__all__ = ["FIRST_PARTY", "FirstPartyPlugin", "plugin_for_format", "plugin_for_source"]


@attrs.frozen
class FirstPartyPlugin:
    """A first-party plugin distribution: its name on the package index and what it reads."""

    distribution: str
    reads: str
    """What it reads, in words."""
    extensions: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    schemes: tuple[str, ...] = ()

    @property
    def install(self) -> str:
        return f"pip install {self.distribution}"


FIRST_PARTY: tuple[FirstPartyPlugin, ...] = (
    FirstPartyPlugin(
        "sinkron-spreadsheet",
        "planning spreadsheets (Renstra, Renja/DPA, tujuan/sasaran, the RKPD report, meeting workbooks)",
        extensions=(".xlsx", ".xlsm", ".csv", ".tsv"),
        formats=("xlsx", "xlsm", "csv", "spreadsheet", "rkpd-report"),
    ),
    FirstPartyPlugin("sinkron-sipd", "SIPD JSON exports", extensions=(".jsonl", ".ndjson"), formats=("sipd",)),
    FirstPartyPlugin(
        "sinkron-http", "JSON web APIs (wp-sipd and others)", formats=("http",), schemes=("http", "https")
    ),
    FirstPartyPlugin("sinkron-kl", "SAKTI Kertas Kerja and KRISNA exports", formats=("sakti", "krisna")),
    FirstPartyPlugin("sinkron-parquet", "Parquet exports", extensions=(".parquet",), formats=("parquet",)),
)


def plugin_for_source(source: str | Path) -> FirstPartyPlugin | None:
    """The first-party plugin that reads ``source`` (by URL scheme or extension), if one does.

    >>> plugin_for_source("renja-2026.xlsx").install
    'pip install sinkron-spreadsheet'
    >>> plugin_for_source("data.xyz") is None
    True
    """
    text = str(source)
    if "://" in text:
        scheme = text.split("://", 1)[0].lower()
        return next((p for p in FIRST_PARTY if scheme in p.schemes), None)
    suffix = Path(text).suffix.lower()
    return next((p for p in FIRST_PARTY if suffix and suffix in p.extensions), None)


def plugin_for_format(format: str) -> FirstPartyPlugin | None:
    """The first-party plugin that provides the connector or format ``format``, if one does."""
    return next((p for p in FIRST_PARTY if format in p.formats), None)
