"""``sinkron read`` and ``sinkron convert``: sources into bundles, bundles into formats."""

from __future__ import annotations

from pathlib import Path

import click

from sinkron.builtins.report_common import terminal_safe
from sinkron.cli._app import fail, report_error
from sinkron.cli._output import OutputFormat
from sinkron.cli._sources import read_sources, reader_options, source_options
from sinkron.convert import dumps
from sinkron.errors import SinkronError
from sinkron.io import write
from sinkron.models import Bundle


@click.command("read")
@click.argument("source")
@source_options
@click.option("--to", "to", type=click.Choice(["json", "summary"]), default="summary", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option("--keep-going", is_flag=True, help="Print what could be read even when the source has errors.")
def read_cmd(
    source: str,
    fmt: str | None,
    mapping: str | None,
    read_options: tuple[str, ...],
    to: str,
    output: Path | None,
    keep_going: bool,
) -> None:
    """Read SOURCE (a file or URL) into a bundle; print a summary or the JSON document.

    Every problem in the source is printed with its location and the exit code is 2; with
    --keep-going what could be read is printed too (and the exit code is still 2).
    """
    (bundle,) = read_sources([source], fmt, reader_options(mapping, read_options), keep_going=keep_going)
    if to == "json":
        text = dumps(bundle)
        if output:
            write(bundle, output, "json")
        else:
            click.echo(text)
        return
    items = sum(1 for plan in bundle.plans for _ in plan.items())
    click.echo(terminal_safe(f"{source}: {len(bundle.plans)} plan(s), {items} item(s), {len(bundle.priorities)} priority(ies), "
               f"{len(bundle.meetings)} meeting(s), {len(bundle.links)} link(s)"))  # fmt: skip
    for plan in bundle.plans:
        click.echo(terminal_safe(
            f"  {plan.id}: {plan.title} ({plan.kind.value}, {plan.period}) — {sum(1 for _ in plan.items())} items"
        ))  # fmt: skip
    for kl_plan in bundle.national.plans:  # K/L plans (Renja K/L, RKA-K/L) in the national section
        click.echo(terminal_safe(
            f"  {kl_plan.id}: {kl_plan.title} ({kl_plan.kind.value}, {kl_plan.year}) — {len(kl_plan.programs)} "
            f"program(s), {sum(1 for _ in kl_plan.outputs())} RO"
        ))  # fmt: skip
    for note in bundle.sources:  # what the connector says about how it read the source (layout chosen …)
        if note != source:
            click.echo(terminal_safe(f"  source: {note}"))


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
    (bundle,) = read_sources([source], fmt, reader_options(mapping, read_options), what="converted")
    try:
        written = write(bundle, target, to)
    except SinkronError as exc:
        report_error(exc)
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    click.echo(f"wrote {written}", err=True)
