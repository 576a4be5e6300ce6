"""``sinkron suggest``: propose links from untagged sub kegiatan to priorities; read a filled review sheet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from sinkron.atomic import write_atomic
from sinkron.cli._app import echo_problems, fail
from sinkron.cli._output import OutputFile
from sinkron.cli._sources import read_sources, reader_options, source_options
from sinkron.codes import CodeLevel
from sinkron.errors import SinkronError
from sinkron.io import write
from sinkron.models import Bundle
from sinkron.suggest import (
    BidangMap,
    ReviewResult,
    SuggestConfig,
    Suggestion,
    TargetKind,
    read_review,
    render_review_csv,
    suggest_links,
    write_review,
)

__all__ = ["suggest_cmd"]

FORMATS = ("text", "json", "csv", "xlsx")
_SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".txt": "text"}
_LEVELS = {"sub_kegiatan": CodeLevel.SUB_ACTIVITY, "kegiatan": CodeLevel.ACTIVITY, "program": CodeLevel.PROGRAM}


def suggestion_json(s: Suggestion) -> dict[str, Any]:
    """A suggestion as a JSON-ready dict."""
    return {
        "source": s.source,
        "source_name": s.source_name,
        "target": s.target,
        "target_name": s.target_name,
        "target_kind": s.target_kind.value,
        "link": s.kind.value,
        "score": s.score,
        "rank": s.rank,
        "matched_terms": list(s.matched_terms),
        "reason": {"id": s.reason.id, "en": s.reason.en},
        "evidence": s.evidence,
    }


def render_text(suggestions: list[Suggestion], language: str) -> str:
    """Suggestions grouped by item: rank, score, link kind, target and reason."""
    lines: list[str] = []
    current = None
    for s in suggestions:
        if s.source != current:
            current = s.source
            if lines:
                lines.append("")
            lines.append(f"{s.source}  {s.source_name}")
        reason = s.reason.id if language == "id" else s.reason.en
        name = s.target_name if len(s.target_name) <= 80 else s.target_name[:79].rstrip() + "…"
        lines.append(f"  {s.rank}. {s.score:.2f}  {s.kind.value:<8}  {s.target}  {name}")
        lines.append(f"           {reason}")
    items = len({s.source for s in suggestions})
    lines += ["", f"{len(suggestions)} suggestion(s) for {items} item(s); none applied (review and accept them)."]
    return "\n".join(lines) + "\n"


def _review(path: Path, bundle: Bundle | None, output: Path | None) -> None:
    try:
        result: ReviewResult = read_review(path, bundle=bundle)
    except SinkronError as exc:
        fail(str(exc))
    if result.errors:
        echo_problems(result.errors, str(path))
        fail("no link was taken from it")
    summary = f"{len(result.links)} accepted, {len(result.rejected)} rejected, {len(result.undecided)} undecided" + (
        f" (rows {', '.join(map(str, result.undecided[:10]))}{' …' if len(result.undecided) > 10 else ''})"
        if result.undecided
        else ""
    )
    if output is not None:
        try:
            write(result.bundle(), output)
        except (SinkronError, OSError) as exc:
            fail(f"cannot write {output}: {exc}")
        click.echo(f"sinkron: wrote {output} — {summary}", err=True)
        return
    links = [
        {
            "kind": link.kind.value,
            "source": link.source,
            "target": link.target,
            "note": link.note,
            "row": link.provenance.row if link.provenance else None,
        }
        for link in result.links
    ]
    click.echo(json.dumps(links, ensure_ascii=False, indent=2))
    click.echo(f"sinkron: {summary}", err=True)


@click.command("suggest")
@click.argument("sources", nargs=-1, metavar="[PATH|URL]...")
@click.option("--demo", is_flag=True, help="Add the built-in, illustrative demo data.")
@click.option("--top-k", type=click.IntRange(min=1), default=5, show_default=True, help="Suggestions per item.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="text, json, or a review sheet (csv, xlsx). Default: from --output's extension, else text.",
)
@click.option("--output", "-o", type=OutputFile(), help="Write here.")
@click.option(
    "--target",
    "targets",
    multiple=True,
    type=click.Choice([k.value for k in TargetKind]),
    help="Kinds of target (repeatable; default: all).",
)
@click.option("--plan", "plans", multiple=True, metavar="PLAN_ID", help="Suggest for this plan's items (repeatable).")
@click.option(
    "--level",
    type=click.Choice(list(_LEVELS)),
    default="sub_kegiatan",
    show_default=True,
    help="Suggest links for the items of this level.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.1,
    show_default=True,
    help="Leave out suggestions scoring below this (0–1).",
)
@click.option("--stem/--no-stem", default=False, show_default=True, help="Light Indonesian stemming.")
@click.option("--no-precedent", is_flag=True, help="Ignore how items of the same code are linked elsewhere.")
@click.option(
    "--include-penunjang",
    is_flag=True,
    help="Suggest priorities for lines of the program penunjang (X.XX.01: salaries, offices) too.",
)
@click.option(
    "--bidang-map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A bidang ↔ PN table (csv) on top of the shipped one.",
)
@click.option(
    "--review",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read a filled review sheet instead: print (or write to --output) the accepted links.",
)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True, help="Language of reasons.")
@source_options
def suggest_cmd(
    sources: tuple[str, ...],
    demo: bool,
    top_k: int,
    output_format: str | None,
    output: Path | None,
    targets: tuple[str, ...],
    plans: tuple[str, ...],
    level: str,
    min_score: float,
    stem: bool,
    no_precedent: bool,
    include_penunjang: bool,
    bidang_map: Path | None,
    review: Path | None,
    lang: str,
    fmt: str | None,
    mapping: str | None,
    read_options: tuple[str, ...],
) -> None:
    """Propose links from sub kegiatan without a tagged/supports link to priorities and RPJMD sasaran.

    Reads every PATH or URL (and --demo), ranks candidate priorities, priority indicators and RPJMD
    sasaran for each untagged item, and prints them or writes a review sheet (--output FILE.xlsx or
    .csv) with an empty Keputusan column for a planner to fill with terima/tolak. Nothing is
    applied. --review FILE reads a filled sheet back and prints the accepted links (or writes them
    as a JSON bundle with --output FILE.json, to merge with the plans).
    """
    bundles = read_sources(sources, fmt, reader_options(mapping, ()), what="read") if sources else []
    if demo:
        from sinkron.demo import demo_bundle

        bundles.insert(0, demo_bundle())
    try:
        bundle = bundles[0].merge(*bundles[1:]) if bundles else None
    except SinkronError as exc:
        fail(f"cannot merge the sources: {exc}")
    if review is not None:
        _review(review, bundle, output)
        return
    if bundle is None:
        fail("nothing to suggest for: give one or more PATH/URL, or --demo")
    if output_format is None:
        output_format = _SUFFIX_FORMATS.get(output.suffix.lower(), "text") if output is not None else "text"
    try:
        table = BidangMap.default().extended(BidangMap.from_csv(bidang_map)) if bidang_map else None
        config = SuggestConfig(
            top_k=top_k,
            min_score=min_score,
            level=_LEVELS[level],
            plans=plans or None,
            stem=stem,
            precedent=not no_precedent,
            include_support=include_penunjang,
            bidang_map=table,
            targets=frozenset(TargetKind(t) for t in targets) if targets else frozenset(TargetKind),
        )
        found = suggest_links(bundle, config=config)
    except (SinkronError, KeyError, ValueError) as exc:
        fail(str(exc.args[0]) if isinstance(exc, KeyError) else str(exc))
    if output_format in ("csv", "xlsx"):
        if output is None:
            if output_format == "xlsx":
                fail("the xlsx review sheet is binary: write it to a file with --output FILE.xlsx")
            click.echo(render_review_csv(found), nl=False)
            return
        try:
            write_review(found, output, output_format)
        except (SinkronError, OSError) as exc:
            fail(f"cannot write {output}: {exc}")
        click.echo(f"sinkron: wrote {output} — {len(found)} suggestion(s) to review", err=True)
        return
    text = (
        json.dumps([suggestion_json(s) for s in found], ensure_ascii=False, indent=2) + "\n"
        if output_format == "json"
        else render_text(found, lang)
    )
    if output is not None:
        try:
            write_atomic(output, text.encode("utf-8"))
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        click.echo(f"sinkron: wrote {output} — {len(found)} suggestion(s)", err=True)
    else:
        click.echo(text, nl=False)
