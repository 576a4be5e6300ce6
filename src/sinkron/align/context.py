"""The context a rule's check function receives: the bundle, its index, options and a finding factory.

A rule reports a finding with :meth:`Context.report`: the subject, a message key of the
:mod:`message catalogue <sinkron.align.messages>` and the values the text needs; the catalogue
writes it in Indonesian and English. :meth:`Context.finding` takes both texts ready-made (the 0.1 form,
still supported).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sinkron.align.findings import Finding, Message, Severity
from sinkron.align.index import BundleIndex
from sinkron.align.messages import Catalogue, builtin_catalogue
from sinkron.align.rule import Rule
from sinkron.codes import KABKOTA_VARIANT, PROVINCIAL_VARIANT, Code
from sinkron.models import Bundle
from sinkron.nomenclature import PROVINCIAL_SCOPE, Nomenclature

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
        as_of: dt.date | None = None,
        provincial_nomenclature: Nomenclature | None = None,
    ) -> None:
        self.bundle = bundle
        self.index = index
        self.nomenclature = nomenclature
        self.provincial_nomenclature = provincial_nomenclature
        """The list provincial plans and provincial-variant codes are checked against (``None``: not loaded)."""
        self.rule = rule
        self.options = options
        self.today = today
        """The check date: the as-of date when the run states one, else the day the check runs."""
        self.as_of = as_of
        """The as-of date the run states (``--as-of``), or ``None``: then monitoring rules judge closed years only."""

    def nomenclature_for(self, code: Code, scope: str | None = None) -> Nomenclature | None:
        """The catalogue ``code`` is checked against, in a plan of government ``scope`` (``provinsi``,
        ``kabupaten/kota`` or ``None`` when unknown).

        A provincial-variant code (kegiatan digit ``1``) goes to the provincial list, a kab/kota-variant
        one (digit ``2``) to :attr:`nomenclature`; any other code (program and above, the special-region
        variants) to the list of the plan's level. ``None`` when a code needs the provincial list and none
        is loaded (the rules then check it only up to its program).
        """
        provincial = self.provincial_nomenclature
        variant = code.variant
        if variant == PROVINCIAL_VARIANT or (variant != KABKOTA_VARIANT and scope == PROVINCIAL_SCOPE):
            if provincial is not None:
                return provincial
            return None if variant == PROVINCIAL_VARIANT else self.nomenclature
        return self.nomenclature

    def option(self, name: str) -> Any:
        """A rule option (``KeyError`` names the rule when the option does not exist)."""
        try:
            return self.options[name]
        except KeyError:
            raise KeyError(f"rule {self.rule.id} has no option {name!r}") from None

    @property
    def messages(self) -> Catalogue:
        """The rule's message catalogue: its own (a plugin's ``@rule(..., messages=…)``), else sinkron's."""
        return self.rule.messages if self.rule.messages is not None else builtin_catalogue()

    def text(self, key: str, values: Mapping[str, Any] | None = None) -> Message:
        """The catalogue message ``key`` rendered with ``values``: a fragment to pass as a value of another."""
        return self.messages.render(key, values)

    def report(
        self,
        subject: str,
        key: str,
        values: Mapping[str, Any] | None = None,
        *,
        evidence: Mapping[str, Any] | None = None,
        fix: str | None = None,
        severity: Severity | None = None,
        path: str | None = None,
    ) -> Finding:
        """A finding about ``subject`` whose message is the catalogue's ``key`` filled with ``values``.

        ``fix`` is the key of the suggested fix, rendered with the same values.
        """
        catalogue = self.messages
        message = catalogue.render(key, values)
        return self._finding(
            subject,
            message,
            evidence,
            catalogue.render(fix, values) if fix is not None else None,
            severity,
            path,
        )

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
        """A finding of this rule about ``subject`` (a reference), with its human path and location.

        The message is given in both languages (``id``, ``en``); :meth:`report` takes it from the catalogue.
        """
        fix = Message(fix_id, fix_en) if fix_id and fix_en else None
        return self._finding(subject, Message(id, en), evidence, fix, severity, path)

    def _finding(
        self,
        subject: str,
        message: Message,
        evidence: Mapping[str, Any] | None,
        fix: Message | None,
        severity: Severity | None,
        path: str | None,
    ) -> Finding:
        record = self.index.items.get(subject)
        location = record.item.provenance if record is not None else None
        if location is None and subject in self.index.plans:
            location = self.index.plans[subject].provenance
        return Finding(
            rule=self.rule.id,
            severity=severity or self.rule.severity,
            subject=subject,
            path=path if path is not None else self.index.path(subject),
            message=message,
            evidence=dict(evidence or {}),
            fix=fix,
            location=location,
        )
