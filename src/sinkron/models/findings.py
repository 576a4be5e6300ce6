"""Findings: what a rule reports, in Indonesian and English, with the evidence compared.

The rules of the alignment engine report findings; so do the readers, about problems inside a file they
could read (source findings, rule family 0, ``SKN0xx``), which travel with the data in
:attr:`Bundle.source_findings <sinkron.models.bundle.Bundle.source_findings>`.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from sinkron.models.provenance import Provenance

__all__ = ["PLUGIN_FAMILY", "Finding", "Message", "Severity", "family_of"]

PLUGIN_FAMILY = 10
"""The family of a rule whose id does not have sinkron's ``SKN`` + digit shape (a plugin's ``APP101``)."""


def family_of(rule_id: str) -> int:
    """The rule family of an id: the digit after ``SKN`` (``SKN101`` → 1, ``SKN001`` → 0), else :data:`PLUGIN_FAMILY`.

    >>> family_of("SKN403"), family_of("SKN002"), family_of("APP101")
    (4, 0, 10)
    """
    if rule_id.startswith("SKN") and rule_id[3:4].isdigit():
        return int(rule_id[3])
    return PLUGIN_FAMILY


class Severity(str, enum.Enum):
    """How serious a finding is."""

    ERROR = "error"
    """Must be fixed: the plan is inconsistent or invalid."""
    WARNING = "warning"
    """Should be looked at: likely a problem."""
    INFO = "info"
    """For the record: a figure or a note."""

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@attrs.frozen
class Message:
    """A text in Indonesian (``id``) and English (``en``)."""

    id: str
    en: str


@attrs.frozen(kw_only=True)
class Finding:
    """One finding of a rule about one subject.

    ``subject`` is the reference of the record (``plan#item``, a priority id, a meeting id …) and
    ``path`` its human path (``RKPD 2026 › 1.02 Kesehatan › … › 1.02.02.2.02.0001 …``).
    ``evidence`` holds the values compared, as JSON-ready values.
    """

    rule: str
    severity: Severity
    subject: str
    path: str
    message: Message
    evidence: dict[str, Any] = attrs.field(factory=dict, hash=False)
    fix: Message | None = None
    location: Provenance | None = None
    """Where the subject sits in its source file, when known."""

    @property
    def family(self) -> int:
        """The rule family (see :func:`family_of`)."""
        return family_of(self.rule)
