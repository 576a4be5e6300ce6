"""Lookups the bridge outputs share: priority links per record, names of codes, governments, indicator lines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sinkron.codes import Code
from sinkron.models import Bundle, Indicator, LinkKind, Priority, PriorityKind
from sinkron.models.links import REF_SEPARATOR
from sinkron.nomenclature import Nomenclature, default_nomenclature

NATIONAL_KINDS = (PriorityKind.NATIONAL, PriorityKind.PROGRAM, PriorityKind.ACTIVITY, PriorityKind.PROJECT)
_LABELS = {
    PriorityKind.ASTA_CITA: "Asta Cita",
    PriorityKind.NATIONAL: "PN",
    PriorityKind.PROGRAM: "PP",
    PriorityKind.ACTIVITY: "KP",
    PriorityKind.PROJECT: "ProP",
    PriorityKind.REGIONAL: "PD",
    PriorityKind.THEMATIC: "Tematik",
}


def owner_ref(reference: str) -> str:
    """``plan#item`` of a reference that may point at one of the item's indicators (``plan#item#indicator``)."""
    parts = reference.split(REF_SEPARATOR)
    return REF_SEPARATOR.join(parts[:2]) if len(parts) > 2 else reference


def priority_links(bundle: Bundle) -> dict[str, set[str]]:
    """Record reference → ids of the priorities it is ``tagged`` to or ``supports`` (directly, or through an indicator)."""
    priorities = {p.id for p in bundle.priorities}
    out: dict[str, set[str]] = defaultdict(set)
    for link in bundle.links:
        if link.kind not in (LinkKind.TAGGED, LinkKind.SUPPORTS):
            continue
        target = link.target.split(REF_SEPARATOR, 1)[0]
        if target in priorities:
            out[owner_ref(link.source)].add(target)
    return out


def priority_label(priority: Priority) -> str:
    """``"KP 02.10.09 Pengembangan Pangan Akuatik (Blue Food)"``; the id stands in for a missing code."""
    kind = _LABELS.get(priority.kind, priority.kind.value)
    code = priority.code or priority.id
    name = priority.name if priority.name not in (code, f"{kind} {code}") else ""
    return " ".join(part for part in (kind, code, name) if part)


def sector_label(code: Code | None, year: int, nomenclature: Nomenclature | None = None) -> str:
    """``"1.02 KESEHATAN"`` (the name from the nomenclature when it knows the code)."""
    if code is None:
        return ""
    entry = (nomenclature or default_nomenclature()).lookup(code, year)
    return f"{code} {entry.name}" if entry is not None else str(code)


def indicator_lines(indicators: Iterable[Indicator], year: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tolok ukur, target) lines: each indicator's name (with satuan) and its target for ``year``."""
    names: list[str] = []
    targets: list[str] = []
    for indicator in indicators:
        names.append(indicator.name + (f" ({indicator.unit})" if indicator.unit else ""))
        target = indicator.target_for(year)
        if target is None:
            targets.append("–")
        else:
            unit = target.unit or indicator.unit
            shown = target.display()
            targets.append(shown if target.unit or not unit else f"{shown} {unit}")
    return tuple(names), tuple(targets)


def government_name(bundle: Bundle, government_id: str | None) -> str:
    if government_id is None:
        return "semua pemerintah daerah"
    found = next((g for g in bundle.governments if g.id == government_id), None)
    return found.name if found is not None else government_id


def agency_name(bundle: Bundle, agency_id: str | None) -> str:
    if agency_id is None:
        return ""
    found = next((a for a in bundle.agencies if a.id == agency_id), None)
    return found.name if found is not None else agency_id
