"""Compact, readable reprs of a Plan and a Bundle: one line per record, what a failing test needs to see.

The attrs-generated repr of a generated bundle runs to hundreds of lines (every default field of
every value); this outline names each item by code and name and shows its pagu and its indicators'
targets on one line each, and leaves out what is empty. It is for reading, not for parsing back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sinkron.models.indicators import _indicator_id
from sinkron.models.items import Activity, SubActivity

if TYPE_CHECKING:
    from sinkron.models.bundle import Bundle
    from sinkron.models.indicators import Indicator
    from sinkron.models.items import Program
    from sinkron.models.plans import Plan

_INDENT = "  "
_LONGEST_TEXT = 80


def _text(value: str) -> str:
    """A quoted text, shortened to :data:`_LONGEST_TEXT` characters."""
    return repr(value if len(value) <= _LONGEST_TEXT else value[: _LONGEST_TEXT - 1] + "…")


def _fields(**values: object) -> str:
    """``name=value`` pairs of the values that are set (not ``None``, not empty)."""
    return ", ".join(f"{name}={value}" for name, value in values.items() if value not in (None, "", (), [], {}))


def _indicator(indicator: Indicator) -> str:
    targets = " | ".join(f"{t.year}: {t.value.text}" for t in indicator.targets)
    baseline = f"{indicator.baseline.year or 'awal'}: {indicator.baseline.value.text}" if indicator.baseline else ""
    realised = " | ".join(f"{r.year}: {r.value.text}" for r in indicator.realisations)
    details = _fields(
        id=repr(indicator.id) if indicator.id != _indicator_id(indicator) else None,
        unit=repr(indicator.unit) if indicator.unit else None,
        kind=indicator.kind.value,
        direction=indicator.direction.value if indicator.direction else None,
        baseline=baseline,
        targets=targets,
        realised=realised,
    )
    return f"indikator {_text(indicator.name)} ({details})"


def _item(item: Program | Activity | SubActivity) -> Iterator[str]:
    pagu = ", ".join(f"{b.year}: {b.amount}" for b in item.budgets)
    extras: dict[str, object] = {"agency": item.agency_id, "pagu": pagu}
    children: tuple[Activity | SubActivity, ...] = ()
    if isinstance(item, SubActivity):
        extras.update(
            locations=list(item.locations),
            funding=[f.name for f in item.funding],
            spending=f"{len(item.spending)} entries" if item.spending else None,
            budget_lines=f"{len(item.budget_lines)} lines" if item.budget_lines else None,
        )
    elif isinstance(item, Activity):
        children = item.sub_activities
    else:
        children = item.activities
    yield f"{item.code} {_text(item.name)} ({_fields(**extras)})"
    for indicator in item.indicators:
        yield _INDENT + _indicator(indicator)
    for child in children:
        yield from (_INDENT + line for line in _item(child))


def plan_lines(plan: Plan) -> Iterator[str]:
    """The outline of ``plan``, one line per record."""
    header = _fields(
        id=repr(plan.id),
        kind=plan.kind.value,
        period=str(plan.period),
        title=_text(plan.title),
        stage=plan.stage.value,
        revision=plan.revision,
        owner=plan.owner_id,
        government=plan.government_id,
        nomenclature=plan.nomenclature,
    )
    yield f"Plan({header}"
    if plan.vision:
        yield f"{_INDENT}visi {_text(plan.vision)}"
    for mission in plan.missions:
        yield f"{_INDENT}misi {mission.id} {_text(mission.text)}"
    for label, statements in (("tujuan", plan.goals), ("sasaran", plan.objectives)):
        for statement in statements:
            yield f"{_INDENT}{label} {statement.id} {_text(statement.text)}"
            yield from (_INDENT * 2 + _indicator(i) for i in statement.indicators)
    for program in plan.programs:
        yield from (_INDENT + line for line in _item(program))
    yield ")"


def bundle_lines(bundle: Bundle) -> Iterator[str]:
    """The outline of ``bundle``, one line per record."""
    yield f"Bundle({_fields(sources=list(bundle.sources), nomenclature=bundle.nomenclature)}"

    def section(name: str, lines: Iterable[str]) -> Iterator[str]:
        rows = list(lines)
        if rows:
            yield f"{_INDENT}{name}:"
            yield from (_INDENT * 2 + row for row in rows)

    yield from section("governments", (f"{g.id} {_text(g.name)} ({g.level.value})" for g in bundle.governments))
    yield from section(
        "agencies",
        (f"{a.id} {_text(a.name)} ({_fields(sectors=[str(s) for s in a.sectors])})" for a in bundle.agencies),
    )
    yield from section("plans", (line for plan in bundle.plans for line in plan_lines(plan)))
    yield from section(
        "priorities",
        (
            f"{p.id} {_text(p.name)} ({_fields(kind=p.kind.value, document=p.document, indicators=len(p.indicators))})"
            for p in bundle.priorities
        ),
    )
    yield from section(
        "meetings",
        (
            f"{m.id} {_text(m.title)} ({_fields(kind=m.kind.value, start=m.start, agreements=len(m.agreements))})"
            for m in bundle.meetings
        ),
    )
    yield from section("links", (f"{link.kind.value} {link.source} → {link.target}" for link in bundle.links))
    yield from section("source findings", (f"{f.rule} {f.subject}" for f in bundle.source_findings))
    if bundle.national != type(bundle.national)():
        yield f"{_INDENT}national: {bundle.national!r}"
    yield ")"


def pretty(lines: Iterable[str], printer: Any) -> None:
    """Write ``lines`` to a hypothesis/IPython pretty printer (its ``_repr_pretty_`` protocol)."""
    for index, line in enumerate(lines):
        if index:
            printer.break_()
        printer.text(line)
