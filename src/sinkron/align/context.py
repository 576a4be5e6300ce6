"""The context a rule's check function receives: the bundle, its index, options and a finding factory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.index import BundleIndex
from sinkron.align.rule import Rule
from sinkron.models import Bundle
from sinkron.nomenclature import Nomenclature

__all__ = ["Context"]


class Context:
    """What a rule sees. ``options`` are the rule's defaults overridden by the run's configuration."""

    def __init__(
        self,
        *,
        bundle: Bundle,
        index: BundleIndex,
        nomenclature: Nomenclature,
        rule: Rule,
        options: Mapping[str, Any],
        today: dt.date,
    ) -> None:
        self.bundle = bundle
        self.index = index
        self.nomenclature = nomenclature
        self.rule = rule
        self.options = options
        self.today = today

    def option(self, name: str) -> Any:
        """A rule option (``KeyError`` names the rule when the option does not exist)."""
        try:
            return self.options[name]
        except KeyError:
            raise KeyError(f"rule {self.rule.id} has no option {name!r}") from None

    def finding(
        self,
        subject: str,
        *,
        id: str,
        en: str,
        evidence: Mapping[str, Any] | None = None,
        fix_id: str | None = None,
        fix_en: str | None = None,
        severity: Severity | None = None,
        path: str | None = None,
    ) -> Finding:
        """A finding of this rule about ``subject`` (a reference), with its human path and location."""
        record = self.index.items.get(subject)
        location = record.item.provenance if record is not None else None
        if location is None and subject in self.index.plans:
            location = self.index.plans[subject].provenance
        return Finding(
            rule=self.rule.id,
            severity=severity or self.rule.severity,
            subject=subject,
            path=path if path is not None else self.index.path(subject),
            message=Message(id, en),
            evidence=dict(evidence or {}),
            fix=Message(fix_id, fix_en) if fix_id and fix_en else None,
            location=location,
        )
