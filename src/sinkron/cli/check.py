"""``sinkron check``: read plans, run the alignment rules, print or write the report."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import click

from sinkron.align.engine import CheckConfig, check
from sinkron.align.report import Report
from sinkron.align.rule import Rule
from sinkron.builtins.report_common import severity_summary, terminal_safe
from sinkron.cli._app import EXIT_PROBLEMS, fail
from sinkron.cli._output import OutputFile, OutputFormat, choose_exporter, write_output
from sinkron.cli._sources import read_sources, reader_options, source_options
from sinkron.cli.nomenclature import nomenclature_option
from sinkron.errors import OptionError, SinkronError, UnknownRule
from sinkron.nomenclature import load_nomenclature
from sinkron.plugins.manager import get_plugin_manager

__all__ = ["check_cmd"]

_FORMAT = OutputFormat(Report, "report", optional={"xlsx": "./plugins/sinkron-spreadsheet (or sinkron-spreadsheet)"})


def _prefixes(values: Iterable[str]) -> tuple[str, ...]:
    """``--select SKN1,SKN3 --select SKN6`` → ``("SKN1", "SKN3", "SKN6")``."""
    return tuple(part.strip().upper() for value in values for part in value.split(",") if part.strip())


def _rule_options(given: Iterable[str], rules: Mapping[str, Rule]) -> dict[str, dict[str, Any]]:
    """``("SKN403.min_share=0.6",)`` → ``{"SKN403": {"min_share": Decimal("0.6")}}``, structured by each rule's declaration.

    An unknown rule or option, or a value the option cannot take, is a usage error before anything is read.
    """
    texts: dict[str, dict[str, str]] = {}
    for item in given:
        name, sep, value = item.partition("=")
        rule_id, dot, key = name.strip().partition(".")
        if not sep or not dot or not key:
            fail(f"--option expects RULE.key=value (e.g. SKN403.min_share=0.6), got {item!r}")
        rule_id = rule_id.upper()
        if rule_id not in rules:
            fail(f"--option {name}: no rule {rule_id} is registered (see `sinkron plugins`)")
        texts.setdefault(rule_id, {})[key.strip()] = value.strip()
    options: dict[str, dict[str, Any]] = {}
    for rule_id, values in texts.items():
        try:
            configured = rules[rule_id].configure(values)
        except OptionError as exc:
            fail(f"--option: {exc}")
        options[rule_id] = {key: configured[key] for key in values}
    return options


def _terminal_width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))


@click.command("check")
@click.argument("sources", nargs=-1, metavar="[PATH|URL]...")
@click.option("--demo", is_flag=True, help="Check the built-in demo data (illustrative, Kalimantan Tengah 2025–2029).")
@click.option(
    "--format",
    "output_format",
    type=_FORMAT,
    default=None,
    help="Report format, from the registered exporters (default: from --output's extension, else text; "
    "xlsx needs the spreadsheet plugin).",
)
@click.option("--output", "-o", type=OutputFile(), help="Write the report here.")
@click.option(
    "--select",
    multiple=True,
    metavar="PREFIX",
    help="Run only the rules whose id starts with one of these prefixes, comma-separated or repeated "
    "(SKN1 = family 1, SKN301 = one rule).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="PREFIX",
    help="Skip the rules whose id starts with one of these prefixes (SKN203), comma-separated or repeated.",
)
@click.option("--option", "rule_options", multiple=True, metavar="RULE.key=value", help="Set a rule option.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Judge the data as it stood on this date: monitoring rules judge the year so far (early warning), "
    "durations count to it (default: closed years only, durations to today).",
)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="Report language.")
@nomenclature_option
@source_options
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when error findings exist.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: only on a terminal).")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="Text report in full: every path, fix and place, and each perangkat daerah's findings "
    "(default: one line per finding).",
)
def check_cmd(
    sources: tuple[str, ...],
    demo: bool,
    output_format: str | None,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    rule_options: tuple[str, ...],
    as_of: dt.datetime | None,
    lang: str,
    nomenclature_name: str | None,
    fmt: str | None,
    mapping: str | None,
    read_options: tuple[str, ...],
    exit_zero: bool,
    color: bool | None,
    verbose: bool,
) -> None:
    """Check plans for alignment (sinkronisasi) and report the findings.

    Reads every PATH or URL (all problems of a source are printed with their location; exit 2
    when a source cannot be read completely), merges them, runs the alignment rules and prints
    the report or writes it to --output. --demo adds the built-in, illustrative demo data.
    --nomenclature NAME checks codes against a catalogue imported with `sinkron nomenclature import`.

    Exit codes: 1 when there are error findings (0 with --exit-zero) or a rule failed to run;
    0 otherwise; 2 on usage or source errors.
    """
    if not sources and not demo:
        fail("nothing to check: give one or more PATH/URL, or --demo")
    options = _rule_options(rule_options, get_plugin_manager().rules())
    nomenclature = load_nomenclature(nomenclature_name) if nomenclature_name else None
    bundles = read_sources(sources, fmt, reader_options(mapping, read_options), what="checked")
    config_extra: dict[str, Any] = {}
    if demo:
        from sinkron.demo import DEMO_TODAY, demo_bundle, demo_nomenclature

        bundles.insert(0, demo_bundle())
        if not sources:
            # The demo's illustrative change list applies to the demo data alone, never to real plans.
            config_extra = {"nomenclature": demo_nomenclature(), "today": DEMO_TODAY}
    if as_of is not None:
        config_extra.pop("today", None)  # the as-of date is the check date
        config_extra["as_of"] = as_of.date()
    try:
        bundle = bundles[0].merge(*bundles[1:])
    except SinkronError as exc:
        fail(f"cannot merge the sources: {exc}")
    config = CheckConfig(
        select=_prefixes(select),
        ignore=_prefixes(ignore),
        options=options,
        **config_extra,
    )
    try:
        report = check(bundle, config=config, nomenclature=nomenclature)
    except UnknownRule as exc:
        fail(f"--select: {exc}")
    except SinkronError as exc:
        fail(str(exc))
    if not report.rules_run:
        fail("no rule matches --select/--ignore (see `sinkron plugins` for the registered rules)")
    exporter = choose_exporter(report, output_format, output, _FORMAT, default="text")
    render_options: dict[str, Any] = {"language": lang}
    if "text" in exporter.formats:
        to_terminal = output is None and sys.stdout.isatty()
        render_options["color"] = color if color is not None else to_terminal and "NO_COLOR" not in os.environ
        render_options["width"] = _terminal_width() if to_terminal else 100
        render_options["verbose"] = verbose
    write_output(report, exporter, output, **render_options)
    summary = severity_summary(report, "en")
    if output is not None:
        click.echo(f"sinkron: wrote {output} — {summary}", err=True)
    for failure in report.rule_failures:
        click.echo(
            terminal_safe(f"sinkron: rule {failure.rule} failed, the report is incomplete: {failure.error}"), err=True
        )
    if report.rule_failures:
        sys.exit(EXIT_PROBLEMS)
    if report.has_errors and not exit_zero:
        sys.exit(EXIT_PROBLEMS)
