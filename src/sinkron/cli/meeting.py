"""``sinkron meeting``: the meeting workbook template, the meeting summary and the minutes (berita acara)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import click

from sinkron.cli._app import echo_json, echo_problems, fail
from sinkron.cli._output import OutputFile, OutputFormat, choose_exporter, write_output
from sinkron.convert import loads
from sinkron.errors import SinkronError, ValidationError
from sinkron.io import read_result
from sinkron.meetings import MeetingTemplate, render_summary_text, summarise
from sinkron.models import Bundle, Meeting, MeetingKind, Participant

__all__ = ["meeting"]

DEFAULT_TEMPLATE = "templat-rapat.xlsx"
_SPREADSHEET = "./plugins/sinkron-spreadsheet (or sinkron-spreadsheet)"
_TEMPLATE = OutputFormat(MeetingTemplate, "meeting workbook", optional={"xlsx": _SPREADSHEET})
_MINUTES = OutputFormat(Meeting, "minutes", optional={"xlsx": _SPREADSHEET})


def _read_bundle(source: str) -> Bundle:
    """A bundle from any source sinkron reads; a sinkron JSON document of a Meeting becomes a bundle of it."""
    path = Path(source)
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            document = json.loads(path.read_bytes())
        except (OSError, ValueError):
            document = None
        if isinstance(document, dict) and document.get("type") == "Meeting":
            try:
                found = loads(path.read_bytes(), Meeting, source=source)
            except ValidationError as exc:
                _report(exc.errors, source)
            return Bundle(meetings=[found], sources=(source,))
    try:
        result = read_result(source)
    except SinkronError as exc:
        fail(str(exc))
    if result.errors:
        _report(result.errors, source)
    return result.bundle


def _report(errors: Iterable[Any], source: str) -> NoReturn:
    echo_problems(list(errors), source)
    fail("nothing was done")


def _pick(bundle: Bundle, source: str, meeting_id: str | None) -> Meeting:
    meetings = bundle.meetings
    if meeting_id is not None:
        meetings = tuple(m for m in meetings if m.id == meeting_id)
    if len(meetings) == 1:
        return meetings[0]
    if not meetings:
        what = f"no meeting {meeting_id!r}" if meeting_id else "no meeting"
        fail(f"{source} holds {what} (a meeting workbook has a sheet 'Rapat'; see `sinkron meeting template`)")
    ids = ", ".join(m.id for m in meetings)
    fail(f"{source} holds several meetings ({ids}): choose one with --meeting ID")


@click.group("meeting")
def meeting() -> None:
    """Coordination meetings (Rakor, Rakortekrenbang, desk): template, summary and minutes.

    A meeting is recorded in the meeting workbook (xlsx; `sinkron meeting template` writes an
    empty one) or as a sinkron JSON document of a Meeting or a Bundle.
    """


@meeting.command("template")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_TEMPLATE,
    show_default=True,
    help="Where to write the empty workbook.",
)
@click.option("--kind", type=click.Choice([k.value for k in MeetingKind]), help="Prefill the kind of meeting.")
@click.option("--title", help="Prefill the meeting's title (Nama Rapat).")
@click.option(
    "--invitees",
    "invitees_from",
    metavar="FILE",
    help="Prefill the Undangan sheet with the invitees (or the desks too) of this meeting file.",
)
def template_cmd(output: Path, kind: str | None, title: str | None, invitees_from: str | None) -> None:
    """Write the empty meeting workbook a desk secretariat fills in (see docs/meetings.md)."""
    desks: tuple[Any, ...] = ()
    invitees: tuple[Participant, ...] = ()
    if invitees_from is not None:
        source = _pick(_read_bundle(invitees_from), invitees_from, None)
        desks, invitees = source.desks, source.invitees
    template = MeetingTemplate(kind=MeetingKind(kind) if kind else None, title=title, desks=desks, invitees=invitees)
    write_output(template, choose_exporter(template, "xlsx", None, _TEMPLATE, default="xlsx"), output)
    click.echo(f"sinkron: wrote {output}", err=True)


@meeting.command("summary")
@click.argument("source", metavar="FILE")
@click.option("--plans", multiple=True, metavar="PATH", help="Plans (Renja PD, RKPD …) to follow the agreements up in.")
@click.option("--expected", metavar="FILE", help="The invitation list: the invitees of the meeting in this file.")
@click.option("--meeting", "meeting_id", metavar="ID", help="The meeting, when FILE holds several.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def summary_cmd(
    source: str, plans: tuple[str, ...], expected: str | None, meeting_id: str | None, output_format: str
) -> None:
    """Attendance by level and role against the invitees, agreements per desk, follow-up rate.

    Invitees come from the meeting's Undangan sheet, or from --expected FILE. With --plans (and
    plans in FILE itself) each agreement is looked up in the Renja PD / RKPD of its year.
    """
    bundle = _read_bundle(source)
    chosen = _pick(bundle, source, meeting_id)
    for path in plans:
        try:
            bundle = bundle.merge(_read_bundle(path))
        except SinkronError as exc:
            fail(f"cannot merge {path}: {exc}")
    invitees = None
    if expected is not None:
        invitees = _pick(_read_bundle(expected), expected, None).invitees
    result = summarise(chosen, bundle, expected=invitees)
    if output_format == "json":
        echo_json(result.to_dict())
    else:
        click.echo(render_summary_text(result), nl=False)


@meeting.command("minutes")
@click.argument("source", metavar="FILE")
@click.option(
    "--format",
    "output_format",
    type=_MINUTES,
    default="md",
    show_default=True,
    help="Minutes format (xlsx reads back into the same meeting; needs the spreadsheet plugin).",
)
@click.option("--output", "-o", type=OutputFile(), help="Write the minutes here.")
@click.option("--meeting", "meeting_id", metavar="ID", help="The meeting, when FILE holds several.")
def minutes_cmd(source: str, output_format: str, output: Path | None, meeting_id: str | None) -> None:
    """The minutes (berita acara): agreements per desk, follow-up actions, proposals, signatory roles."""
    bundle = _read_bundle(source)
    chosen = _pick(bundle, source, meeting_id)
    write_output(chosen, choose_exporter(chosen, output_format, None, _MINUTES, default="md"), output, bundle=bundle)
    if output is not None:
        click.echo(f"sinkron: wrote {output}", err=True)
