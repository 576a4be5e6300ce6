"""Findings: re-exported from :mod:`sinkron.models.findings`, where the record types live.

A reader's source findings (rule family 0) are kept in the :class:`~sinkron.Bundle` it returns, so the
types sit on the model floor; this module keeps the import path the engine and plugins have used since 0.1.
"""

from __future__ import annotations

from sinkron.models.findings import PLUGIN_FAMILY, Finding, Message, Severity, family_of

__all__ = ["PLUGIN_FAMILY", "Finding", "Message", "Severity", "family_of"]
