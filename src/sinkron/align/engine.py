"""The alignment engine: ``check(bundle) -> Report``.

It indexes the bundle once, runs the selected rules (each isolated: a rule that raises is
reported in ``Report.rule_failures`` and the others still run), and computes the metrics.
Selection works like a linter: ``select=("SKN1",)`` keeps rules whose id starts with ``SKN1``;
``ignore=("SKN203",)`` drops some; ``options={"SKN303": {"pagu_tolerance": "0.10"}}`` tunes one (values
typed or as text, structured by the rule's declaration before any rule runs: a bad one raises
:class:`~sinkron.errors.OptionError`).
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from sinkron.align.by_agency import findings_by_agency
from sinkron.align.context import Context
from sinkron.align.findings import Finding
from sinkron.align.index import BundleIndex
from sinkron.align.metrics import compute_metrics
from sinkron.align.report import Report, RuleFailure
from sinkron.align.rule import Rule
from sinkron.align.support import SupportMap
from sinkron.collector import paused_gc
from sinkron.errors import SinkronError, UnknownRule
from sinkron.models import Bundle
from sinkron.monitoring import attach_monitoring
from sinkron.nomenclature import (
    Nomenclature,
    default_nomenclature,
    is_provincial,
    load_nomenclature,
    provincial_nomenclature,
)
from sinkron.plugins.manager import PluginManager, get_plugin_manager

__all__ = ["CheckConfig", "check", "select_rules"]


@attrs.frozen(kw_only=True)
class CheckConfig:
    """How to run a check."""

    select: tuple[str, ...] = ()
    """Rule id prefixes to run (all rules when empty)."""
    ignore: tuple[str, ...] = ()
    """Rule id prefixes to skip."""
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    """Per-rule option overrides: ``{"SKN303": {"pagu_tolerance": Decimal("0.05")}}`` (or ``"0.05"``)."""
    nomenclature: Nomenclature | None = None
    """Catalogue to check codes against (the shipped kabupaten/kota list by default)."""
    provincial_nomenclature: Nomenclature | None = None
    """Catalogue for provincial plans and provincial-variant codes. By default the shipped provincial list
    when ``nomenclature`` is left at its default too, ``nomenclature`` itself when it is a provincial list,
    and none otherwise (a catalogue of your own is never mixed with a shipped one: provincial codes are then
    checked up to their program, and the report says so once per plan)."""
    today: dt.date | None = None
    """The date overdue action items are judged against (today by default)."""
    as_of: dt.date | None = None
    """Judge the data as it stood on this date (``sinkron check --as-of 2026-09-30``): monitoring rules count
    only the spending of periods ended by then and judge the year so far (early warning); durations such as
    "days overdue" count to it, and the messages name it. It is the check date too: give ``as_of`` or
    ``today``, not two different dates. ``None``: closed years only, durations to ``today``."""


def select_rules(rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules whose id starts with one of ``select`` (all if empty) and none of ``ignore``, sorted by id."""
    selected = tuple(select)
    ignored = tuple(ignore)
    return sorted(
        (
            r
            for r in rules
            if (not selected or r.id.startswith(selected)) and not (ignored and r.id.startswith(ignored))
        ),
        key=lambda r: r.id,
    )


def _run_rules(
    chosen: list[Rule],
    options: Mapping[str, Mapping[str, Any]],
    bundle: Bundle,
    index: BundleIndex,
    nomenclature: Nomenclature,
    today: dt.date,
    as_of: dt.date | None,
    provincial: Nomenclature | None = None,
) -> tuple[list[Finding], list[RuleFailure]]:
    findings: list[Finding] = []
    failures: list[RuleFailure] = []
    for rule in chosen:
        context = Context(
            bundle=bundle,
            index=index,
            nomenclature=nomenclature,
            rule=rule,
            options=options[rule.id],
            today=today,
            as_of=as_of,
            provincial_nomenclature=provincial,
        )
        try:
            findings.extend(rule.check(context))
        except Exception as exc:  # isolation: one broken rule never hides the others' findings
            where = traceback.extract_tb(exc.__traceback__)[-1]
            failures.append(
                RuleFailure(rule=rule.id, error=f"{type(exc).__name__}: {exc} ({where.filename}:{where.lineno})")
            )
    return findings, failures


def _provincial_list(config: CheckConfig) -> Nomenclature | None:
    """The provincial catalogue of a check (see :attr:`CheckConfig.provincial_nomenclature`)."""
    if config.provincial_nomenclature is not None:
        return config.provincial_nomenclature
    if config.nomenclature is None:
        return provincial_nomenclature()
    return config.nomenclature if is_provincial(config.nomenclature) else None


def _unknown_selectors(selectors: Iterable[str], rules: Iterable[Rule]) -> None:
    """Raise :class:`~sinkron.errors.UnknownRule` for a selector no rule id starts with (a typo never runs nothing)."""
    ids = [r.id for r in rules]
    unknown = [s for s in dict.fromkeys(selectors) if not any(i.startswith(s) for i in ids)]
    if unknown:
        names = ", ".join(repr(s) for s in unknown)
        raise UnknownRule(
            f"no registered rule id starts with {names} (rule ids look like SKN101; see `sinkron plugins`)"
        )


def check(
    bundle: Bundle,
    rules: Rule | str | Iterable[Rule | str] | None = None,
    config: CheckConfig | None = None,
    *,
    plugins: PluginManager | None = None,
    nomenclature: Nomenclature | str | None = None,
    as_of: dt.date | None = None,
) -> Report:
    """Run the alignment rules on ``bundle`` and return a :class:`~sinkron.align.report.Report`.

    ``rules`` may be Rule objects, or id prefixes selecting among the registered rules (one
    prefix, ``"SKN1"``, or several); a prefix, here or in ``config.select``, that no rule id starts
    with raises :class:`~sinkron.errors.UnknownRule`. ``nomenclature`` is the catalogue codes are checked
    against — a :class:`~sinkron.nomenclature.Nomenclature` or the name of an imported one
    (:func:`~sinkron.nomenclature.load_nomenclature`); it takes precedence over ``config.nomenclature``,
    and the shipped list is used when neither is given.
    ``as_of`` is :attr:`CheckConfig.as_of` given directly (``check(bundle, as_of=dt.date(2026, 9, 30))``).
    """
    config = _with_as_of(config or CheckConfig(), as_of)
    chosen = _chosen_rules(rules, config, (plugins or get_plugin_manager()).rules())
    # Every option is structured before anything runs: a bad one is an OptionError, never a failed rule.
    options = {r.id: r.configure(config.options.get(r.id, {})) for r in chosen}

    if isinstance(nomenclature, str):
        nomenclature = load_nomenclature(nomenclature)
    if nomenclature is not None:
        config = attrs.evolve(config, nomenclature=nomenclature)
    nomenclature = config.nomenclature or default_nomenclature()
    provincial = _provincial_list(config)
    bundle = attach_monitoring(bundle)  # an anggaran kas or realisation report onto the plans it belongs to
    today = config.as_of or config.today or dt.date.today()
    index: BundleIndex | None = None
    with paused_gc():  # indexing and checking allocate millions of small objects that all survive the run
        try:
            index = BundleIndex(bundle, nomenclature)
            findings, failures = _run_rules(
                chosen, options, bundle, index, nomenclature, today, config.as_of, provincial
            )
            metrics = compute_metrics(index, SupportMap.of(index))
            findings.sort(key=lambda f: (f.severity.rank, f.rule, f.path, f.subject))
            agencies = findings_by_agency(index, findings)
            plans = index.plans
            titles = {s.plan: plans[s.plan].title for s in metrics.pagu_on_priorities if s.plan in plans}
        finally:
            if index is not None:
                # The rules' shared lookups refer back to the index (a cycle): dropping them frees the
                # index as soon as the check returns, not at the collector's next full pass.
                index.release()
    return Report(
        findings=tuple(findings),
        metrics=metrics,
        rules_run=tuple(r.id for r in chosen),
        rule_failures=tuple(failures),
        sources=bundle.sources,
        agencies=agencies,
        titles=titles,
    )


def _with_as_of(config: CheckConfig, as_of: dt.date | None) -> CheckConfig:
    """``config`` with ``as_of`` given directly; an as-of date and a different ``today`` are refused."""
    if as_of is not None:
        config = attrs.evolve(config, as_of=as_of)
    if config.as_of is not None and config.today is not None and config.as_of != config.today:
        raise SinkronError(
            f"as_of {config.as_of.isoformat()} and today {config.today.isoformat()} differ: the as-of date is the "
            "check date, give one of them"
        )
    return config


def _chosen_rules(
    rules: Rule | str | Iterable[Rule | str] | None, config: CheckConfig, registered: dict[str, Rule]
) -> list[Rule]:
    """The rules a check runs: those given (rules or id prefixes) or every registered one, then ``select``/``ignore``;
    an unknown selector or options for an unknown rule are errors before anything runs."""
    if rules is None:
        candidates = list(registered.values())
    else:
        given = [rules] if isinstance(rules, (str, Rule)) else list(rules)
        candidates = [r for r in given if isinstance(r, Rule)]
        prefixes = tuple(r for r in given if isinstance(r, str))
        _unknown_selectors(prefixes, registered.values())
        if prefixes:
            candidates += [r for r in select_rules(registered.values(), prefixes) if r not in candidates]
    _unknown_selectors(config.select, [*candidates, *registered.values()])
    chosen = select_rules(candidates, config.select, config.ignore)
    unknown = set(config.options) - {r.id for r in chosen} - set(registered)
    if unknown:
        raise SinkronError(f"options given for unknown rule(s): {', '.join(sorted(unknown))}")
    return list(chosen)
