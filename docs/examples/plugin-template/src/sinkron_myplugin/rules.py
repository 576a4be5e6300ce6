"""The plugin's rules: ids are its own prefix and three digits (family 10, "Plugin rules")."""

from __future__ import annotations

from collections.abc import Iterator

from sinkron import CodeLevel, Severity
from sinkron.align import Context, Finding, rule


@rule(
    "APP101",
    "sub-activity-without-pagu",
    Severity.WARNING,
    id="Sub kegiatan tanpa pagu.",
    en="A sub kegiatan without pagu.",
)
def sub_activity_without_pagu(ctx: Context) -> Iterator[Finding]:
    for ref, record in ctx.index.items.items():
        if record.item.code.level is CodeLevel.SUB_ACTIVITY and not record.item.budgets:
            yield ctx.finding(
                ref,
                id=f"Sub kegiatan {record.item.code} tidak memiliki pagu.",
                en=f"Sub kegiatan {record.item.code} has no pagu.",
                fix_id="Isi pagu sub kegiatan.",
                fix_en="Fill in the sub kegiatan's pagu.",
            )
