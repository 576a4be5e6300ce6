"""``sinkron codes``: look up and search the nomenclature."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from sinkron.cli._app import EXIT_PROBLEMS, echo_json, fail, format_option, report_error
from sinkron.cli.nomenclature import nomenclature_option
from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError, SinkronError
from sinkron.models.organisations import GovernmentLevel
from sinkron.nomenclature import (
    CodeState,
    CodeStatus,
    Nomenclature,
    default_nomenclature,
    list_for_code,
    load_nomenclature,
)
from sinkron.regions import REGULATION, search_governments

_LEVEL_LABEL = {
    CodeLevel.AFFAIR: "urusan",
    CodeLevel.SECTOR: "bidang urusan",
    CodeLevel.PROGRAM: "program",
    CodeLevel.ACTIVITY: "kegiatan",
    CodeLevel.SUB_ACTIVITY: "sub kegiatan",
}


def _catalogue(changes: tuple[Path, ...], name: str | None) -> Nomenclature:
    nomenclature = load_nomenclature(name) if name else default_nomenclature()
    for path in changes:
        try:
            nomenclature = nomenclature.with_change_file(path)
        except SinkronError as exc:
            report_error(exc)
        except ValueError as exc:
            fail(f"{path}: {exc}")
    return nomenclature


changes_option = click.option(
    "--changes",
    "changes",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A nomenclature change-list CSV to apply on top of the list used (repeatable).",
)


@click.group()
def codes() -> None:
    """Look up and search the Kemendagri nomenclature (kode urusan … sub kegiatan) and the region codes."""


def _status_json(status: CodeStatus, nomenclature: Nomenclature, year: int | None) -> dict[str, Any]:
    entry = status.entry
    data: dict[str, Any] = {
        "code": str(status.code),
        "level": status.code.level.value,
        "status": status.state.value,
        "name": entry.name if entry else None,
        "kinerja": entry.kinerja if entry else None,
        "indikator": entry.indikator if entry else None,
        "satuan": entry.satuan if entry else None,
        "parents": [
            {"code": str(a), "level": a.level.value, "name": e.name if (e := nomenclature.lookup(a, year)) else None}
            for a in status.code.ancestors
        ],
        "replacement": str(status.replacement) if status.replacement else None,
        "list": nomenclature.name,
        "version": {
            "id": status.version.id,
            "regulation": status.version.regulation,
            "effective_year": status.version.effective_year,
            "scope": status.version.scope,
            "declared_years": list(status.version.declared_years) if status.version.declared_years else None,
        },
    }
    if status.changed_by is not None:
        data["changed_by"] = status.changed_by.regulation
    return data


def _status_text(status: CodeStatus, nomenclature: Nomenclature, year: int | None) -> str:
    entry = status.entry
    lines = [f"{status.code}  {entry.name if entry else '(unknown)'}"]
    rows: list[tuple[str, str]] = [("level", _LEVEL_LABEL[status.code.level]), ("status", status.state.value)]
    for ancestor in status.code.ancestors:
        parent = nomenclature.lookup(ancestor, year)
        rows.append((_LEVEL_LABEL[ancestor.level], f"{ancestor} {parent.name if parent else '(unknown)'}"))
    if entry is not None:
        rows += [
            (k, v)
            for k, v in (("kinerja", entry.kinerja), ("indikator", entry.indikator), ("satuan", entry.satuan))
            if v
        ]
    if status.replacement is not None:
        rows.append(("replacement", str(status.replacement)))
    if status.changed_by is not None:
        rows.append(("changed by", status.changed_by.regulation))
    version = status.version
    since = f"from {version.effective_year}, " if version.effective_year > 0 else ""
    rows.append(("list", nomenclature.name))
    rows.append(("version", f"{version.regulation} ({since}{version.scope})"))
    width = max(len(k) for k, _ in rows)
    lines += [f"  {k.ljust(width)}  {v}" for k, v in rows]
    return "\n".join(lines)


@codes.command()
@click.argument("code")
@click.option("--year", type=int, help="Plan year (picks the nomenclature version in force).")
@format_option("text", "json")
@changes_option
@nomenclature_option
def lookup(
    code: str, year: int | None, output_format: str, changes: tuple[Path, ...], nomenclature_name: str | None
) -> None:
    """Show a code's name, kinerja, indikator and satuan, and whether it is valid in YEAR.

    Exits 1 when the code is unknown, retired or in the legacy 2-digit form.
    """
    try:
        parsed = Code.parse(code)
    except CodeError as exc:
        fail(str(exc))
    nomenclature = _catalogue(changes, nomenclature_name)
    if nomenclature_name is None:
        # a provincial-variant code is looked up in the shipped provincial list (a kab/kota one in the kab/kota
        # list); a list of the user's own is never mixed with a shipped one
        nomenclature = list_for_code(nomenclature, parsed)
    status = nomenclature.status(parsed, year)
    if output_format == "json":
        echo_json(_status_json(status, nomenclature, year))
    elif status.state is not CodeState.UNKNOWN:
        click.echo(_status_text(status, nomenclature, year))
    if status.state is CodeState.UNKNOWN:
        fail(f"code {parsed} is not in {nomenclature.name} ({status.version.scope})", EXIT_PROBLEMS)
    if not status.is_valid:
        hint = f"; use {status.replacement}" if status.replacement else ""
        fail(f"code {parsed} is {status.state.value} in {year or 'the latest version'}{hint}", EXIT_PROBLEMS)


@codes.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--year", type=int, help="Plan year.")
@click.option("--level", type=click.Choice([lvl.value for lvl in CodeLevel]), help="Only this level.")
@click.option(
    "--limit",
    type=click.IntRange(1, 200),
    default=10,
    show_default=True,
    help="Show at most this many matches (1–200).",
)
@format_option("text", "json")
@changes_option
@nomenclature_option
def search(
    text: tuple[str, ...],
    year: int | None,
    level: str | None,
    limit: int,
    output_format: str,
    changes: tuple[Path, ...],
    nomenclature_name: str | None,
) -> None:
    """Find codes by name, tolerant of case, spacing, punctuation and small misspellings."""
    nomenclature = _catalogue(changes, nomenclature_name)
    hits = nomenclature.search(" ".join(text), year=year, level=CodeLevel(level) if level else None, limit=limit)
    if output_format == "json":
        echo_json(
            [
                {
                    "code": str(h.entry.code),
                    "level": h.entry.level.value,
                    "name": h.entry.name,
                    "score": h.score,
                    "satuan": h.entry.satuan,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        fail(f"no match in {nomenclature.name}", EXIT_PROBLEMS)
    for hit in hits:
        click.echo(f"{hit.score:5.2f}  {hit.entry.code!s:<20} {hit.entry.name}")


@codes.command()
@click.argument("text", nargs=-1)
@click.option(
    "--level",
    type=click.Choice([level.value for level in GovernmentLevel if level.is_regional]),
    help="Only provinces (provinsi), kabupaten or kota.",
)
@click.option("--province", metavar="CODE", help="Only this province and its kabupaten/kota (kode wilayah, e.g. 62).")
@click.option("--limit", type=click.IntRange(1, 600), help="Show at most this many governments (default: all).")
@format_option("text", "json")
def wilayah(
    text: tuple[str, ...], level: str | None, province: str | None, limit: int | None, output_format: str
) -> None:
    """List the 38 provinces and 514 kabupaten/kota with their kode wilayah, or those whose name holds TEXT.

    The list is Kepmendagri 300.2.2-2138/2025 (shipped with sinkron). TEXT may be a misspelt or abbreviated
    name ("Kab. Kotim" will not do, "kotawaringin" will). Exits 1 when nothing matches.
    """
    found = search_governments(
        " ".join(text), level=GovernmentLevel(level) if level else None, province=province, limit=limit
    )
    if output_format == "json":
        echo_json(
            [
                {
                    "code": g.region_code,
                    "name": g.name,
                    "level": g.level.value,
                    "province": g.parent_id or g.region_code,
                }
                for g in found
            ]
        )
    else:
        for g in found:
            click.echo(f"{g.region_code!s:<6} {g.level.value:<10} {g.name}")
    if not found:
        fail(f"no province or kabupaten/kota of {REGULATION} matches", EXIT_PROBLEMS)
