"""``sinkron read`` and ``sinkron convert``: sources into bundles, bundles into formats."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from sinkron.builtins.report_common import terminal_safe
from sinkron.cli._app import fail, report_error
from sinkron.cli._output import OutputFile, OutputFormat, warnings_as_messages
from sinkron.cli._sources import exit_if_incomplete, read_sources, reader_options, source_options
from sinkron.convert import dumps
from sinkron.errors import SinkronError
from sinkron.io import write
from sinkron.models import Bundle
from sinkron.models.findings import Severity
from sinkron.plugins.manager import get_plugin_manager


@click.command("read")
@click.argument("source")
@source_options
@click.option(
    "--to",
    "to",
    type=click.Choice(["json", "summary"]),
    default="summary",
    show_default=True,
    help="What to print: a summary of what was read, or the whole bundle as sinkron JSON.",
)
@click.option("--output", "-o", type=OutputFile(), help="Write here instead of stdout.")
@click.option("--keep-going", is_flag=True, help="Print what could be read even when the source has errors.")
@click.option(
    "--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="Language of the findings."
)
@click.option("--verbose", "-v", is_flag=True, help="Say which connector reads SOURCE and why (on stderr).")
def read_cmd(
    source: str,
    fmt: str | None,
    mapping: str | None,
    read_options: tuple[str, ...],
    to: str,
    output: Path | None,
    keep_going: bool,
    lang: str,
    verbose: bool,
) -> None:
    """Read SOURCE (a file or URL) into a bundle; print a summary or the JSON document.

    Problems inside the data are source findings (SKN0xx): the row is kept and the summary lists each
    finding with its location; the JSON document carries them as "source_findings". A source that
    cannot be read completely prints every error with its location and the exit code is 2; with
    --keep-going what could be read is printed too (and the exit code is still 2). --strict makes
    source findings of severity error such errors. -v says which connector was chosen and why.
    """
    if verbose:
        explain_connector(source, fmt)
    bundles = read_sources([source], fmt, reader_options(mapping, read_options), keep_going=keep_going)
    if not bundles:  # with --keep-going, a source that gave nothing at all
        exit_if_incomplete()
    (bundle,) = bundles
    if to == "json":
        text = dumps(bundle)
        if output:
            try:
                write(bundle, output, "json")
            except OSError as exc:
                fail(f"cannot write {output}: {exc.strerror or exc}")
        else:
            click.echo(text)
        exit_if_incomplete()
        return
    items = sum(1 for plan in bundle.plans for _ in plan.items())
    click.echo(
        terminal_safe(
            f"{source}: {len(bundle.plans)} plan(s), {items} item(s), {len(bundle.priorities)} priority(ies), "
            f"{len(bundle.meetings)} meeting(s), {len(bundle.links)} link(s)"
        )
    )
    for plan in bundle.plans:
        click.echo(
            terminal_safe(
                f"  {plan.id}: {plan.title} ({plan.kind.value}, {plan.period}) — {sum(1 for _ in plan.items())} items"
            )
        )
    for kl_plan in bundle.national.plans:  # K/L plans (Renja K/L, RKA-K/L) in the national section
        click.echo(
            terminal_safe(
                f"  {kl_plan.id}: {kl_plan.title} ({kl_plan.kind.value}, {kl_plan.year}) — {len(kl_plan.programs)} "
                f"program(s), {sum(1 for _ in kl_plan.outputs())} RO"
            )
        )
    for note in bundle.sources:  # what the connector says about how it read the source (layout chosen …)
        if note != source:
            click.echo(terminal_safe(f"  source: {note}"))
    if bundle.source_findings:
        counts = Counter(f.severity for f in bundle.source_findings)
        tally = ", ".join(f"{counts[s]} {s.value}" for s in Severity if counts[s])
        click.echo(
            terminal_safe(
                f"{len(bundle.source_findings)} source finding(s) ({tally}); every row was kept unless SKN005/SKN010 says otherwise:"
            )
        )
        for finding in bundle.source_findings:
            message = finding.message.id if lang == "id" else finding.message.en
            click.echo(terminal_safe(f"  {finding.rule} {finding.severity.value:<7} {finding.path}: {message}"))
    exit_if_incomplete()


@click.command("convert")
@click.argument("source")
@click.argument("target", type=click.Path(path_type=Path))
@source_options
@click.option(
    "--to", "to", type=OutputFormat(Bundle, "bundle"), help="Output format (default: from TARGET's extension)."
)
def convert(
    source: str, target: Path, fmt: str | None, mapping: str | None, read_options: tuple[str, ...], to: str | None
) -> None:
    """Convert SOURCE into TARGET in another format (through the connectors and exporters)."""
    (bundle,) = read_sources([source], fmt, reader_options(mapping, read_options), what="converted", keep_source=True)
    try:
        with warnings_as_messages():
            written = write(bundle, target, to)
    except SinkronError as exc:
        report_error(exc)
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    click.echo(f"wrote {written}", err=True)


def explain_connector(source: str, fmt: str | None) -> None:
    """Print which connector reads ``source`` and why (``sinkron read -v``); an unknown source is reported by the read."""
    try:
        choice = get_plugin_manager().choose_connector(source, fmt)
    except SinkronError:
        return
    others = [name for name in choice.candidates if name != choice.connector.name]
    considered = f" (also considered: {', '.join(others)})" if others else ""
    click.echo(
        terminal_safe(f"sinkron: {source} is read by connector {choice.connector.name!r}: {choice.reason}{considered}"),
        err=True,
    )
