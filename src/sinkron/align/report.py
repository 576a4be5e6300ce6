"""The Report: findings plus metrics, and its stable JSON form.

JSON schema (``schema_version`` 1)::

    {
      "schema_version": 1,
      "summary": {"findings": int, "by_severity": {"error": int, "warning": int, "info": int},
                  "by_family": {"1": int, …}, "rules_run": [str], "rule_failures": [{"rule", "error"}],
                  "sources": [str]},
      "findings": [{"rule", "severity", "subject", "path", "message": {"id", "en"}, "evidence": {…},
                    "fix": {"id", "en"} | null, "location": {"source", "sheet", "row"} | null}],
      "metrics": {"priority_coverage": [{"priority", "code", "name", "kind", "supported", "programs",
                                         "sub_activities", "pagu", "year"}],
                  "pagu_on_priorities": [{"plan", "year", "total", "on_priorities", "share", "support",
                                          "support_on_priorities", "share_without_support"}],
                  "achievement": [{"year", "band", "count"}]},
      "agencies": [{"agency": str | null, "name": str | null, "by_severity": {…}, "pagu": str,
                    "findings": [int]}]
    }

``agencies`` is the follow-up per perangkat daerah (``agency`` null: findings tied to no agency); its
``findings`` are positions in ``findings``.

Money is written as a decimal string of rupiah; shares and percentages as decimal strings.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import Any

import attrs

from sinkron.align.findings import Finding, Severity

__all__ = [
    "AchievementBand",
    "AgencyFindings",
    "CoverageRow",
    "Metrics",
    "PaguShare",
    "Report",
    "RuleFailure",
    "report_to_dict",
]

REPORT_SCHEMA_VERSION = 1


@attrs.frozen(kw_only=True)
class CoverageRow:
    """One priority of the coverage table in one plan year: is it supported, by how many programs, with how much pagu.

    ``year`` is the year of the yearly plans counted (RKPD, else Renja PD / DPA); a bundle without
    yearly plans has one row per priority with ``year`` ``None``, counting every plan. Figures of
    different years are never added together.
    """

    priority: str
    code: str | None
    name: str
    kind: str
    programs: int
    sub_activities: int
    pagu: Decimal
    year: int | None = None

    @property
    def supported(self) -> bool:
        return self.programs > 0


@attrs.frozen(kw_only=True)
class PaguShare:
    """Share of a yearly plan's pagu that sits on items supporting a priority.

    ``total`` and ``on_priorities`` count every sub kegiatan; ``support`` and ``support_on_priorities``
    are the part of each on the program penunjang urusan (``X.XX.01``: salaries, offices, planning),
    so the share can be read with and without it.
    """

    plan: str
    year: int
    total: Decimal
    on_priorities: Decimal
    support: Decimal = Decimal(0)
    support_on_priorities: Decimal = Decimal(0)

    @property
    def share(self) -> Decimal | None:
        """On priorities / total, counting every sub kegiatan (``None`` without pagu)."""
        return _ratio(self.on_priorities, self.total)

    @property
    def share_without_support(self) -> Decimal | None:
        """The share with the program penunjang left out of both figures (``None`` when nothing else has pagu)."""
        return _ratio(self.on_priorities - self.support_on_priorities, self.total - self.support)


def _ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    return None if not whole else (part / whole).quantize(Decimal("0.0001"))


@attrs.frozen(kw_only=True)
class AchievementBand:
    """How many indicators reached an achievement band (``<50``, ``50-75``, ``75-90``, ``90-100``, ``>=100``) in a year."""

    year: int
    band: str
    count: int


@attrs.frozen(kw_only=True)
class Metrics:
    """Figures a planner reads beside the findings."""

    priority_coverage: tuple[CoverageRow, ...] = ()
    pagu_on_priorities: tuple[PaguShare, ...] = ()
    achievement: tuple[AchievementBand, ...] = ()


@attrs.frozen(kw_only=True)
class AgencyFindings:
    """The findings one perangkat daerah (or K/L) must act on, with the pagu of the items they are about.

    ``agency`` is ``None`` (and ``name`` too) for the findings not tied to one agency: priorities,
    governments, an RKPD as a whole. See :mod:`sinkron.align.by_agency` for how findings are assigned.
    """

    agency: str | None
    name: str | None
    findings: tuple[Finding, ...]
    pagu: Decimal
    """The pagu (rupiah) of the distinct yearly-plan items the findings are about."""

    @property
    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}


@attrs.frozen(kw_only=True)
class RuleFailure:
    """A rule that raised instead of returning findings (isolated; the other rules still ran)."""

    rule: str
    error: str


@attrs.frozen(kw_only=True)
class Report:
    """The result of :func:`sinkron.check`."""

    findings: tuple[Finding, ...] = ()
    metrics: Metrics = attrs.field(factory=Metrics)
    rules_run: tuple[str, ...] = ()
    rule_failures: tuple[RuleFailure, ...] = ()
    sources: tuple[str, ...] = ()
    agencies: tuple[AgencyFindings, ...] = attrs.field(default=(), eq=False)
    """The findings by perangkat daerah, for the follow-up section of the readable reports."""
    titles: dict[str, str] = attrs.field(factory=dict, eq=False, hash=False)
    """Human names of the plans the metrics refer to by id (``rkpd-kalteng-2026`` → its title)."""

    def title(self, ref: str) -> str:
        """The human name of a plan the report refers to by id (the id itself when unknown)."""
        return self.titles.get(ref, ref)

    @property
    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts.get(s.value, 0) for s in Severity}

    @property
    def by_family(self) -> dict[str, int]:
        counts = Counter(str(f.family) for f in self.findings)
        return dict(sorted(counts.items()))

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def exit_code(self) -> int:
        """1 when error findings exist, else 0 (what ``sinkron check`` exits with)."""
        return 1 if self.has_errors else 0

    def by_rule(self, rule_id: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule_id]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(report_to_dict(self), ensure_ascii=False, indent=indent)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    location = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "subject": finding.subject,
        "path": finding.path,
        "message": {"id": finding.message.id, "en": finding.message.en},
        "evidence": _jsonable(finding.evidence),
        "fix": {"id": finding.fix.id, "en": finding.fix.en} if finding.fix else None,
        "location": None
        if location is None
        else {
            k: v
            for k, v in (("source", location.source), ("sheet", location.sheet), ("row", location.row))
            if v is not None
        },
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report in its documented JSON shape (see the module docs)."""
    metrics = report.metrics
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "summary": {
            "findings": len(report.findings),
            "by_severity": report.by_severity,
            "by_family": report.by_family,
            "rules_run": list(report.rules_run),
            "rule_failures": [{"rule": f.rule, "error": f.error} for f in report.rule_failures],
            "sources": list(report.sources),
        },
        "findings": [finding_to_dict(f) for f in report.findings],
        "metrics": {
            "priority_coverage": [
                {
                    "priority": r.priority,
                    "code": r.code,
                    "name": r.name,
                    "kind": r.kind,
                    "supported": r.supported,
                    "programs": r.programs,
                    "sub_activities": r.sub_activities,
                    "pagu": _num(r.pagu),
                    "year": r.year,
                }
                for r in metrics.priority_coverage
            ],
            "pagu_on_priorities": [
                {
                    "plan": s.plan,
                    "year": s.year,
                    "total": _num(s.total),
                    "on_priorities": _num(s.on_priorities),
                    "share": _num(s.share),
                    "support": _num(s.support),
                    "support_on_priorities": _num(s.support_on_priorities),
                    "share_without_support": _num(s.share_without_support),
                }
                for s in metrics.pagu_on_priorities
            ],
            "achievement": [{"year": a.year, "band": a.band, "count": a.count} for a in metrics.achievement],
        },
        "agencies": _agencies_to_list(report),
    }


def _agencies_to_list(report: Report) -> list[dict[str, Any]]:
    """The per-perangkat-daerah follow-up: each agency's counts, pagu and its findings (indices into ``findings``)."""
    position = {id(f): i for i, f in enumerate(report.findings)}
    return [
        {
            "agency": group.agency,
            "name": group.name,
            "by_severity": group.by_severity,
            "pagu": _num(group.pagu),
            "findings": [position[id(f)] for f in group.findings if id(f) in position],
        }
        for group in report.agencies
    ]
