"""``sinkron nomenclature``: import the nomenclature list a region really uses, list and remove stored ones."""

from __future__ import annotations

from pathlib import Path

import click

from sinkron.cli._app import echo_json, fail
from sinkron.nomenclature import (
    GOVERNMENT_LEVELS,
    SHIPPED,
    Nomenclature,
    SourceKind,
    catalogue_home,
    detect_kind,
    import_nomenclature,
    load_nomenclature,
    remove_nomenclature,
    store_nomenclature,
    stored_nomenclatures,
)

__all__ = ["nomenclature", "nomenclature_option", "parse_years"]


def parse_years(text: str) -> tuple[int, int | None]:
    """``"2026"`` → (2026, 2026); ``"2026-2027"`` → (2026, 2027); ``"2026-"`` → (2026, None)."""
    first, dash, last = text.strip().partition("-")
    try:
        start = int(first)
        end = (int(last) if last.strip() else None) if dash else start
    except ValueError:
        raise click.BadParameter(f"expected YEAR, FIRST-LAST or FIRST- (e.g. 2026-2027), got {text!r}") from None
    if end is not None and end < start:
        raise click.BadParameter(f"{text!r} ends before it starts")
    return start, end


nomenclature_option = click.option(
    "--nomenclature",
    "nomenclature_name",
    metavar="NAME",
    help="Use the catalogue imported as NAME (`sinkron nomenclature list`) instead of the shipped list.",
)


@click.group()
def nomenclature() -> None:
    """Import the nomenclature list a region uses (SIPD master, Kodefikasi, change table); list and remove them."""


@nomenclature.command("import")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", required=True, help="The catalogue's name, used by --nomenclature and in every message.")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in SourceKind]),
    help="What SOURCE holds (default: read from the file).",
)
@click.option("--regulation", help="What the list is (e.g. 'Kepmendagri 900.1.15.5-3406/2024'); default: the name.")
@click.option(
    "--years",
    metavar="FIRST[-LAST]",
    help="The plan years the list is in force for (2026, 2026-2027, 2026-). Only then do messages call it berlaku.",
)
@click.option(
    "--level",
    type=click.Choice(GOVERNMENT_LEVELS),
    help="Keep this list's rows of a Kodefikasi file that holds both (JENIS PEMDA).",
)
@click.option(
    "--base",
    metavar="NAME",
    help="For a change table: the catalogue it applies to (default: NAME when stored, else the shipped list).",
)
@click.option("--replace", is_flag=True, help="Replace a catalogue already stored under NAME.")
def import_cmd(
    source: Path,
    name: str,
    kind: str | None,
    regulation: str | None,
    years: str | None,
    level: str | None,
    base: str | None,
    replace: bool,
) -> None:
    """Build a catalogue from SOURCE and keep it under NAME in the user data folder.

    SOURCE is a SIPD master sub kegiatan export (get_master_sub_keg_sipd records, .json or .xlsx), a
    Kodefikasi workbook as the ministry publishes it (.xlsx, or a kode/nomenklatur .csv), or a change table
    (.csv, docs/nomenclature.md) applied on top of --base. Every problem of SOURCE is printed with its
    location (exit 2) and nothing is stored.
    """
    declared = parse_years(years) if years else None
    stored_names = {c.name.lower() for c in stored_nomenclatures()}
    base_catalogue: Nomenclature | None = None
    chosen = SourceKind(kind) if kind is not None else detect_kind(source)
    if base is not None and chosen is not SourceKind.CHANGES:
        fail("--base is for a change table; a SIPD master export or a Kodefikasi file is a list of its own")
    if chosen is SourceKind.CHANGES:
        base_name = base or (name if name.lower() in stored_names else SHIPPED)
        base_catalogue = load_nomenclature(base_name)
    built = import_nomenclature(
        source, name=name, kind=chosen, base=base_catalogue, regulation=regulation, years=declared, level=level
    )
    amending_itself = base_catalogue is not None and base_catalogue.name.lower() == name.lower()
    folder = store_nomenclature(built, source=str(source.resolve()), replace=replace or amending_itself)
    first = built.versions[0]
    click.echo(
        f"sinkron: stored {built.name!r} in {folder}: {len(built.base_entries)} entries ({first.scope})"
        + (f", {len(built.versions) - 1} change list(s)" if len(built.versions) > 1 else "")
        + (f", in force {_years_text(first.declared_years)}" if first.declared_years else ", no years declared"),
        err=True,
    )


def _years_text(years: tuple[int, int | None] | None) -> str:
    if years is None:
        return "—"
    first, last = years
    return str(first) if first == last else f"{first}–{last or ''}"


@nomenclature.command("list")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text (one line per list) or json.",
)
def list_cmd(output_format: str) -> None:
    """List the imported catalogues (and where they are kept)."""
    found = stored_nomenclatures()
    if output_format == "json":
        echo_json(
            [
                {
                    "name": c.name,
                    "regulation": c.regulation,
                    "scope": c.scope,
                    "declared_years": list(c.declared_years) if c.declared_years else None,
                    "entries": c.entries,
                    "change_lists": list(c.versions),
                    "source": c.source,
                    "imported": c.imported,
                    "path": str(c.path),
                }
                for c in found
            ]
        )
        return
    click.echo(f"catalogues in {catalogue_home()}:" if found else f"no catalogue imported yet ({catalogue_home()})")
    for c in found:
        changes = f", + {', '.join(c.versions)}" if c.versions else ""
        click.echo(
            f"  {c.name}  — {c.regulation}{changes}; {c.scope}; {c.entries} entries; "
            f"in force: {_years_text(c.declared_years) if c.declared_years else 'not declared'}"
        )


@nomenclature.command("remove")
@click.argument("name")
def remove_cmd(name: str) -> None:
    """Delete the imported catalogue NAME."""
    if name.strip().lower() == SHIPPED:
        fail("the shipped list cannot be removed")
    folder = remove_nomenclature(name)
    click.echo(f"sinkron: removed {name!r} ({folder})", err=True)
