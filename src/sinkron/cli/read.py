"""``sinkron read`` and ``sinkron convert``: sources into bundles, bundles into formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from sinkron.cli._app import EXIT_PROBLEMS, fail, report_error
from sinkron.cli._progress import progress_bar
from sinkron.convert import dumps
from sinkron.errors import SinkronError
from sinkron.io import read_result, write
from sinkron.models import Bundle


def _read(source: str, fmt: str | None, mapping: str | None, keep_going: bool) -> Bundle:
    options: dict[str, Any] = {"mapping": mapping} if mapping else {}
    try:
        with progress_bar(f"reading {Path(source).name}") as progress:
            result = read_result(source, fmt, progress=progress, **options)
    except SinkronError as exc:
        report_error(exc)
    if result.errors:
        for error in result.errors:
            click.echo(f"sinkron: {error}", err=True)
        click.echo(f"sinkron: {len(result.errors)} problem(s) in {source}", err=True)
        if not keep_going:
            sys.exit(EXIT_PROBLEMS)
    return result.bundle


@click.command("read")
@click.argument("source")
@click.option("--format", "fmt", help="Connector or format name (default: from the extension or URL).")
@click.option("--mapping", help="Column mapping name or file (spreadsheet sources).")
@click.option("--to", "to", type=click.Choice(["json", "summary"]), default="summary", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option("--keep-going", is_flag=True, help="Print what could be read even when the source has errors.")
def read_cmd(source: str, fmt: str | None, mapping: str | None, to: str, output: Path | None, keep_going: bool) -> None:
    """Read SOURCE (a file or URL) into a bundle; print a summary or the JSON document.

    Every problem in the source is printed with its location; the exit code is 1 when there are any.
    """
    bundle = _read(source, fmt, mapping, keep_going)
    if to == "json":
        text = dumps(bundle)
        if output:
            write(bundle, output, "json")
        else:
            click.echo(text)
        return
    items = sum(1 for plan in bundle.plans for _ in plan.items())
    click.echo(f"{source}: {len(bundle.plans)} plan(s), {items} item(s), {len(bundle.priorities)} priority(ies), "
               f"{len(bundle.meetings)} meeting(s), {len(bundle.links)} link(s)")  # fmt: skip
    for plan in bundle.plans:
        click.echo(
            f"  {plan.id}: {plan.title} ({plan.kind.value}, {plan.period}) — {sum(1 for _ in plan.items())} items"
        )
    for note in bundle.sources:  # what the connector says about how it read the source (layout chosen …)
        if note != source:
            click.echo(f"  source: {note}")


@click.command("convert")
@click.argument("source")
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--from", "from_", help="Input format (default: from the extension).")
@click.option("--to", "to", help="Output format (default: from TARGET's extension): json, sipd, xlsx, csv, parquet …")
@click.option("--mapping", help="Column mapping for spreadsheet input.")
def convert(source: str, target: Path, from_: str | None, to: str | None, mapping: str | None) -> None:
    """Convert SOURCE into TARGET in another format (through the connectors and exporters)."""
    bundle = _read(source, from_, mapping, keep_going=False)
    try:
        written = write(bundle, target, to)
    except SinkronError as exc:
        report_error(exc)
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    click.echo(f"wrote {written}", err=True)
