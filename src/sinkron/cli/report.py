"""``sinkron report``: RKPD Form 4 and Form 5 and the K/L × region synchronisation matrix, as md, html or xlsx."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from sinkron.bridge import TableSet, form4_tables, form5_tables, matrix_tables
from sinkron.builtins.report_common import terminal_safe
from sinkron.cli._app import fail
from sinkron.cli._output import OutputFile, OutputFormat, choose_exporter, write_output
from sinkron.cli._sources import read_sources, reader_options, source_options
from sinkron.errors import SinkronError
from sinkron.kl import regional_plans
from sinkron.models import Bundle, PlanKind
from sinkron.poverty import PovertyRanking, rank_poverty, read_bps_poverty
from sinkron.poverty.bps import merge_tables

__all__ = ["report"]

F = TypeVar("F", bound=Callable[..., Any])

_FORMAT = OutputFormat(TableSet, "report", optional={"xlsx": "./plugins/sinkron-kl (or sinkron-kl)"})


def _common(function: F) -> F:
    """The options every report takes: sources, --demo, --year, --government, --format, --output."""
    function = source_options(function)
    for option in reversed(
        (
            click.argument("sources", nargs=-1, metavar="[PATH|URL]..."),
            click.option("--demo", is_flag=True, help="Add the built-in, illustrative demo data."),
            click.option(
                "--year", type=int, help="The plan year (default: the latest year of the regional yearly plans)."
            ),
            click.option(
                "--government",
                "government_id",
                metavar="ID",
                help="One government (kode wilayah such as 62 or 62.71); default: each one.",
            ),
            click.option(
                "--format",
                "output_format",
                type=_FORMAT,
                default=None,
                help="Output format (default: from --output's extension, else md; xlsx needs sinkron-kl).",
            ),
            click.option("--output", "-o", type=OutputFile(), help="Write here."),
        )
    ):
        function = option(function)
    return function


def _bundle(
    sources: tuple[str, ...], demo: bool, fmt: str | None, mapping: str | None, read_opts: tuple[str, ...]
) -> Bundle:
    if not sources and not demo:
        fail("nothing to report on: give one or more PATH/URL, or --demo")
    bundles = read_sources(sources, fmt, reader_options(mapping, read_opts), what="reported")
    if demo:
        from sinkron.demo import demo_bundle

        bundles.insert(0, demo_bundle())
    try:
        return bundles[0].merge(*bundles[1:])
    except SinkronError as exc:
        fail(f"cannot merge the sources: {exc}")


def _year(bundle: Bundle, year: int | None) -> int:
    if year is not None:
        return year
    regional = [
        p
        for p in bundle.plans
        if p.kind in (PlanKind.RKPD, PlanKind.RENJA_PD, PlanKind.DPA) and p.government_id not in (None, "pusat")
    ]
    rkpd = [p.period.start for p in regional if p.kind is PlanKind.RKPD]
    years = rkpd or [p.period.start for p in regional] or [p.year for p in bundle.national.plans]
    if not years:
        fail("the sources hold no yearly plan (RKPD, Renja PD, DPA, Renja K/L): give --year")
    return max(years)


def _emit(tables: TableSet, output_format: str | None, output: Path | None) -> None:
    exporter = choose_exporter(tables, output_format, output, _FORMAT, default="md")
    write_output(tables, exporter, output)
    if output is not None:
        click.echo(f"sinkron: wrote {output} ({len(tables.tables)} table(s))", err=True)


def _known_government(bundle: Bundle, government_id: str | None, year: int) -> None:
    if government_id is None:
        return
    known = sorted({p.government_id for p in regional_plans(bundle, year) if p.government_id})
    if government_id not in known:
        fail(f"no yearly plan of government {government_id!r} in {year}; known: {', '.join(known) or 'none'}")


@click.group("report")
def report() -> None:
    """Printable outputs of the national–regional bridge (see docs/national.md).

    form4: RKPD Form 4, regional sub kegiatan and pagu per national priority (PN/PP/KP);
    form5: RKPD Form 5, each perangkat daerah's programs with the national-priority column;
    matrix: the K/L × region synchronisation matrix (RO ↔ sub kegiatan, APBN vs APBD, lokasi) and
    the routing of the regions' usulan to K/L programs;
    kemiskinan: kab/kota ranked by the decline of poverty, from BPS tables (docs/poverty.md).
    """


@report.command("form4")
@_common
@click.option(
    "--document",
    "documents",
    multiple=True,
    metavar="NAME",
    help='Only the priorities of this document ("RPJMN 2025–2029"); repeatable.',
)
def form4_cmd(
    sources: tuple[str, ...],
    demo: bool,
    year: int | None,
    government_id: str | None,
    output_format: str | None,
    output: Path | None,
    fmt: str | None,
    mapping: str | None,
    read_options: tuple[str, ...],
    documents: tuple[str, ...],
) -> None:
    """RKPD Form 4: programs, kegiatan and sub kegiatan supporting each national priority, with their pagu."""
    bundle = _bundle(sources, demo, fmt, mapping, read_options)
    chosen = _year(bundle, year)
    _known_government(bundle, government_id, chosen)
    tables = form4_tables(bundle, chosen, government_id=government_id, documents=documents or None)
    if not tables.tables:
        fail(f"no regional yearly plan in {chosen}: nothing to put in Form 4")
    _emit(tables, output_format, output)


@report.command("form5")
@_common
@click.option("--agency", "agency_id", metavar="ID", help="One perangkat daerah (its agency id).")
def form5_cmd(
    sources: tuple[str, ...],
    demo: bool,
    year: int | None,
    government_id: str | None,
    output_format: str | None,
    output: Path | None,
    fmt: str | None,
    mapping: str | None,
    read_options: tuple[str, ...],
    agency_id: str | None,
) -> None:
    """RKPD Form 5: each perangkat daerah's programs, kegiatan and sub kegiatan with the national-priority column."""
    bundle = _bundle(sources, demo, fmt, mapping, read_options)
    chosen = _year(bundle, year)
    _known_government(bundle, government_id, chosen)
    tables = form5_tables(bundle, chosen, government_id=government_id, agency_id=agency_id)
    if not tables.tables:
        fail(f"nothing to put in Form 5 for {chosen}" + (f" and agency {agency_id!r}" if agency_id else ""))
    _emit(tables, output_format, output)


@report.command("matrix")
@_common
@click.option("--ministry", "ministry_code", metavar="BA", help="One K/L, by its bagian anggaran (024).")
def matrix_cmd(
    sources: tuple[str, ...],
    demo: bool,
    year: int | None,
    government_id: str | None,
    output_format: str | None,
    output: Path | None,
    fmt: str | None,
    mapping: str | None,
    read_options: tuple[str, ...],
    ministry_code: str | None,
) -> None:
    """The K/L × region synchronisation matrix, and where the regions' usulan go."""
    bundle = _bundle(sources, demo, fmt, mapping, read_options)
    chosen = _year(bundle, year)
    _known_government(bundle, government_id, chosen)
    tables = matrix_tables(bundle, chosen, ministry_code=ministry_code, government_id=government_id)
    if not tables.tables:
        fail(f"no K/L RO of {chosen} is located in the regions of the sources, and no usulan to route")
    _emit(tables, output_format, output)


_POVERTY_FORMATS = ("md", "html", "xlsx", "json", "csv")
_POVERTY_DATA = OutputFormat(PovertyRanking, "poverty ranking")


@report.command("kemiskinan")
@click.argument("sources", nargs=-1, required=True, metavar="BPS_TABLE...")
@click.option("--release", metavar="TEXT", help="The BPS release the tables come from (default: their Sumber line).")
@click.option("--province", metavar="KODE", help="Rank the kab/kota of this province (62); default: every one read.")
@click.option("--from", "start", type=int, metavar="YEAR", help="First year of the period (default: the earliest).")
@click.option("--to", "end", type=int, metavar="YEAR", help="Last year of the period (default: the latest).")
@click.option("--sheet", metavar="NAME", help="The xlsx sheet to read (default: the first).")
@click.option("--format", "output_format", type=click.Choice(_POVERTY_FORMATS), default=None, help="Output format.")
@click.option("--output", "-o", type=OutputFile(), help="Write here.")
def poverty_cmd(
    sources: tuple[str, ...],
    release: str | None,
    province: str | None,
    start: int | None,
    end: int | None,
    sheet: str | None,
    output_format: str | None,
    output: Path | None,
) -> None:
    """Kab/kota ranked by the decline of poverty (BPS P0 in poin persen, and number of poor), P1/P2 beside.

    Reads the BPS tables "jumlah dan persentase penduduk miskin menurut kabupaten/kota" (csv or xlsx,
    long or wide); rows that cannot be placed are reported on stderr. See docs/poverty.md.
    """
    reads = []
    for source in sources:
        try:
            reads.append(read_bps_poverty(source, release=release, sheet=sheet))
        except SinkronError as exc:
            fail(str(exc))
    for finding in (f for r in reads for f in r.findings):
        click.echo(terminal_safe(f"sinkron: {finding.rule} {finding.path}: {finding.message.en}"), err=True)
    try:
        ranking = rank_poverty(merge_tables(r.table for r in reads), province=province, start=start, end=end)
    except ValueError as exc:
        fail(str(exc))
    chosen = output_format or (output.suffix.lower().lstrip(".") if output is not None and output.suffix else "md")
    obj: object = ranking if chosen in ("json", "csv") else ranking.tables()
    exporter = choose_exporter(obj, chosen, None, _POVERTY_DATA if obj is ranking else _FORMAT, default="md")
    write_output(obj, exporter, output)
    if output is not None:
        click.echo(f"sinkron: wrote {output}", err=True)
