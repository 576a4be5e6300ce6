"""Findings: what a rule reports, in Indonesian and English, with the evidence compared."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from sinkron.models import Provenance

__all__ = ["Finding", "Message", "Severity"]


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
        """The rule family (the digit after ``SKN``; 0 for rules without that shape)."""
        digits = self.rule[3:4]
        return int(digits) if digits.isdigit() else 0
