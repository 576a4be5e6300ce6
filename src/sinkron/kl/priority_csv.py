"""Curated priority matrices as CSV: the format of the shipped RPJMN data and of user-supplied RKP trees.

The RPJMN and RKP matrices exist only as PDF, whose text cannot be parsed reliably, so trees are
curated by hand into a folder of CSV files (all UTF-8, ``,`` or ``;`` separated):

``tree.json``
    ``{"id": "rkp-2026", "document": "RKP 2026", "period": [2026, 2026], "regulation": "Perpres …",
    "complete_levels": ["pn"], "note": "…"}`` — ``complete_levels`` lists the levels (``pn``, ``pp``,
    ``kp``, ``prop``) given in full.
``prioritas.csv``
    ``kode, nama, kpu, sumber_dana, pelaksana, major_project, sumber, catatan`` — one row per PN, PP,
    KP or ProP; ``kpu`` is ``ya``/``tidak``; ``sumber_dana`` and ``pelaksana`` are lists separated by
    ``;`` (``Belanja K/L; DAK; APBD; Badan Usaha``); ``nama`` may be empty when the source gives
    only the code.
``sasaran.csv`` (optional)
    ``kode_prioritas, kode_sasaran, sasaran, sumber, catatan`` — ``kode_sasaran`` (``01``) may be empty
    when the source does not number the sasaran.
``indikator.csv`` (optional)
    ``kode_prioritas, kode_sasaran, kode_indikator, indikator, satuan, jenis, arah, baseline,
    tahun_baseline, target_<tahun>…, sumber, catatan`` — ``jenis`` is ``dampak``/``hasil``/``keluaran``
    (default ``hasil``), ``arah`` ``naik``/``turun`` (required), targets may be ranges (``92,02–92,11``).
``pendanaan.csv`` (optional)
    ``kode_prioritas, kategori, tahun_awal, tahun_akhir, jumlah, satuan_jumlah, sumber`` — indicative
    funding needs; ``satuan_jumlah`` is ``rupiah``, ``ribu``, ``juta`` or ``miliar``.

``sumber`` and ``catatan`` are kept in each record's ``extra``; every record's provenance names
the file and row it came from.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sinkron.errors import InvalidModel, Location, SourceError
from sinkron.kl.amounts import AmountUnit, rupiah
from sinkron.kl.loading import CsvRow, Loaded, read_cell, read_csv_rows, read_optional
from sinkron.models._base import slug
from sinkron.models.indicators import Direction, Indicator, IndicatorKind
from sinkron.models.money import Money
from sinkron.models.national.priority_tree import (
    FundingCategory,
    FundingNeed,
    NationalPriority,
    PriorityTree,
    parse_priority_code,
)
from sinkron.models.national.vocabularies import TagTerm, TagVocabulary
from sinkron.models.plans import Objective, PlanPeriod
from sinkron.models.priorities import PriorityKind
from sinkron.models.provenance import Provenance
from sinkron.models.values import Baseline, Target, Value

__all__ = ["read_priority_tree", "read_vocabulary"]

_TARGET = r"target_[0-9]{4}"
_LEVELS = {
    "pn": PriorityKind.NATIONAL,
    "pp": PriorityKind.PROGRAM,
    "kp": PriorityKind.ACTIVITY,
    "prop": PriorityKind.PROJECT,
}


def _extra(row: CsvRow) -> dict[str, Any]:
    return {k: v for k in ("sumber", "catatan") if (v := row.get(k)) is not None}


def _provenance(row: CsvRow) -> Provenance:
    return Provenance(source=row.source, row=row.number)


def _flag(text: str) -> bool:
    key = text.strip().casefold()
    if key in ("ya", "y", "1", "true"):
        return True
    if key in ("tidak", "t", "0", "false", "-"):
        return False
    raise ValueError(f"not ya/tidak: {text!r}")


def _list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def _amount(text: str, unit: AmountUnit) -> Money:
    return rupiah(text, unit)


def _year(text: str) -> int:
    if not re.fullmatch(r"[0-9]{4}", text.strip()):
        raise ValueError(f"not a year: {text!r}")
    return int(text)


def _metadata(folder: Path, label: str, errors: list[SourceError]) -> dict[str, Any] | None:
    path = folder / "tree.json"
    where = Location(source=f"{label}/tree.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        errors.append(SourceError("missing tree.json", location=where))
        return None
    except (ValueError, UnicodeDecodeError) as exc:
        errors.append(SourceError(f"not valid JSON: {exc}", location=where))
        return None
    problems = []
    if not isinstance(data, dict):
        problems.append(("$", "a JSON object"))
        data = {}
    for key in ("id", "document"):
        if not isinstance(data.get(key), str):
            problems.append((f"$.{key}", "text"))
    period = data.get("period")
    if not (isinstance(period, list) and len(period) == 2 and all(isinstance(y, int) for y in period)):
        problems.append(("$.period", "[start year, end year]"))
    levels = data.get("complete_levels", [])
    if not isinstance(levels, list) or any(level not in _LEVELS for level in levels):
        problems.append(("$.complete_levels", "a list of pn, pp, kp, prop"))
    for path_, expected in problems:
        errors.append(SourceError("bad tree metadata", location=where.evolve(json_path=path_), expected=expected))
    return None if problems else data


def _indicators(rows: Sequence[CsvRow], errors: list[SourceError]) -> dict[tuple[str, str | None], list[Indicator]]:
    out: dict[tuple[str, str | None], list[Indicator]] = {}
    for row in rows:
        before = len(errors)
        code = read_cell(row, "kode_prioritas", parse_priority_code, errors, expected="a priority code")
        name = read_cell(row, "indikator", str, errors, expected="the indicator's name")
        direction = read_cell(row, "arah", Direction, errors, expected="naik or turun")
        kind = read_optional(row, "jenis", IndicatorKind, errors, expected="dampak, hasil or keluaran")[1]
        unit = row.get("satuan")
        baseline_year = read_optional(row, "tahun_baseline", _year, errors, expected="a year")[1]
        baseline_text = row.get("baseline")
        baseline = None
        if baseline_text is not None:
            try:
                baseline = Baseline(value=Value.parse(baseline_text, unit=unit), year=baseline_year)
            except InvalidModel as exc:
                errors.append(SourceError(exc.reason, location=row.location("baseline"), actual=baseline_text))
        targets: list[Target] = []
        for column in sorted(c for c in row.cells if re.fullmatch(_TARGET, c)):
            text = row.get(column)
            if text is None:
                continue
            try:
                targets.append(Target(year=int(column[-4:]), value=Value.parse(text, unit=unit)))
            except InvalidModel as exc:
                errors.append(SourceError(exc.reason, location=row.location(column), actual=text))
        if len(errors) > before or code is None or name is None or direction is None:
            continue
        objective = row.get("kode_sasaran")
        number = row.get("kode_indikator")
        ident = f"{objective}.{number}" if objective and number else (number or slug(name))
        try:
            indicator = Indicator(
                id=ident,
                name=name,
                code=number,
                unit=unit,
                kind=kind or IndicatorKind.OUTCOME,
                direction=direction,
                baseline=baseline,
                targets=targets,
                provenance=_provenance(row),
                extra=_extra(row),
            )
        except InvalidModel as exc:
            errors.append(SourceError(exc.reason, location=row.location(), actual=name))
            continue
        out.setdefault((code, objective), []).append(indicator)
    return out


def _objectives(
    rows: Sequence[CsvRow], indicators: dict[tuple[str, str | None], list[Indicator]], errors: list[SourceError]
) -> dict[str, list[Objective]]:
    out: dict[str, list[Objective]] = {}
    for row in rows:
        before = len(errors)
        code = read_cell(row, "kode_prioritas", parse_priority_code, errors, expected="a priority code")
        number = row.get("kode_sasaran")
        text = read_cell(row, "sasaran", str, errors, expected="the sasaran text")
        if len(errors) > before or code is None or text is None:
            continue
        out.setdefault(code, []).append(
            Objective(
                id=number or slug(text),
                text=text,
                indicators=indicators.pop((code, number), []),
                provenance=_provenance(row),
            )
        )
    return out


def _needs(rows: Sequence[CsvRow], errors: list[SourceError]) -> dict[str, list[FundingNeed]]:
    out: dict[str, list[FundingNeed]] = {}
    for row in rows:
        before = len(errors)
        code = read_cell(row, "kode_prioritas", parse_priority_code, errors, expected="a priority code")
        category = read_cell(row, "kategori", FundingCategory.parse, errors, expected="a funding category")
        unit = read_cell(row, "satuan_jumlah", AmountUnit.parse, errors, expected="rupiah, ribu, juta or miliar")
        start = read_optional(row, "tahun_awal", _year, errors, expected="a year")[1]
        end = read_optional(row, "tahun_akhir", _year, errors, expected="a year")[1]
        if len(errors) > before or code is None or category is None or unit is None:
            continue
        amount = read_cell(row, "jumlah", functools.partial(_amount, unit=unit), errors, expected="an amount")
        if amount is None:
            continue
        try:
            period = PlanPeriod(start=start, end=end) if start and end else None
        except InvalidModel as exc:
            errors.append(SourceError(exc.reason, location=row.location("tahun_awal")))
            continue
        out.setdefault(code, []).append(FundingNeed(category=category, amount=amount, period=period))
    return out


_Indicators = dict[tuple[str, str | None], list[Indicator]]
"""Indicators by (priority code, sasaran number), ``None`` for those of the priority itself."""


def read_priority_tree(folder: str | Path, *, label: str | None = None) -> Loaded[PriorityTree | None]:
    """Read a curated priority tree folder (see the module docs); every problem is located.

    ``label`` names the folder in locations and provenance (the folder's path by default). The
    value is ``None`` when the metadata or the priorities cannot be read at all.
    """
    root = Path(folder)
    name = label or str(root)
    errors: list[SourceError] = []
    meta = _metadata(root, name, errors)
    rows, header_errors, _ = read_csv_rows(
        root / "prioritas.csv",
        name=f"{name}/prioritas.csv",
        required=("kode", "nama"),
        optional=("kpu", "sumber_dana", "pelaksana", "major_project", "sumber", "catatan"),
    )
    errors.extend(header_errors)
    indicator_rows, objective_rows, need_rows = _optional_rows(root, name, errors)
    indicators = _indicators(indicator_rows, errors)
    objectives = _objectives(objective_rows, indicators, errors)
    needs = _needs(need_rows, errors)
    nodes = _priority_nodes(rows, indicators, objectives, needs, errors)
    errors.extend(_unplaced(nodes, indicators, objectives, needs, name))
    tree = _tree(meta, nodes, name, errors) if meta is not None else None
    return Loaded(value=tree, errors=tuple(errors), source=name, rows=len(rows))


def _optional_rows(root: Path, name: str, errors: list[SourceError]) -> tuple[list[CsvRow], list[CsvRow], list[CsvRow]]:
    """The rows of ``indikator.csv``, ``sasaran.csv`` and ``pendanaan.csv`` (none for a file that is absent)."""
    indicator_rows: list[CsvRow] = []
    objective_rows: list[CsvRow] = []
    need_rows: list[CsvRow] = []
    optional_files = (
        (
            "indikator.csv",
            ("kode_prioritas", "indikator", "arah"),
            ("kode_sasaran", "kode_indikator", "satuan", "jenis", "baseline", "tahun_baseline", "sumber", "catatan"),
            _TARGET,
            indicator_rows,
        ),
        ("sasaran.csv", ("kode_prioritas", "sasaran"), ("kode_sasaran", "sumber", "catatan"), None, objective_rows),
        (
            "pendanaan.csv",
            ("kode_prioritas", "kategori", "jumlah", "satuan_jumlah"),
            ("tahun_awal", "tahun_akhir", "sumber"),
            None,
            need_rows,
        ),
    )
    for file_name, required, optional, pattern, target in optional_files:
        if (root / file_name).exists():
            found, problems, _ = read_csv_rows(
                root / file_name, name=f"{name}/{file_name}", required=required, optional=optional, pattern=pattern
            )
            target.extend(found)
            errors.extend(problems)
    return indicator_rows, objective_rows, need_rows


def _priority_nodes(
    rows: Sequence[CsvRow],
    indicators: _Indicators,
    objectives: dict[str, list[Objective]],
    needs: dict[str, list[FundingNeed]],
    errors: list[SourceError],
) -> dict[str, tuple[NationalPriority, CsvRow]]:
    """The priorities of ``prioritas.csv`` by code, with the row each came from.

    A node takes (pops) its sasaran, indicators and funding needs; a duplicate code is an error.
    """
    nodes: dict[str, tuple[NationalPriority, CsvRow]] = {}
    for row in rows:
        before = len(errors)
        code = read_cell(row, "kode", parse_priority_code, errors, expected="a code such as 02.10.09")
        kpu = read_optional(row, "kpu", _flag, errors, expected="ya or tidak")[1] or False
        categories = _funding_categories(row, errors)
        if len(errors) > before or code is None:
            continue
        if code in nodes:
            first = nodes[code][1].number
            errors.append(SourceError(f"duplicate code {code} (first in row {first})", location=row.location("kode")))
            continue
        try:
            node = NationalPriority(
                code=code,
                name=row.get("nama"),
                kpu=kpu,
                major_project=row.get("major_project"),
                objectives=objectives.pop(code, []),
                indicators=indicators.pop((code, None), []),
                funding=categories,
                funding_needs=needs.pop(code, []),
                implementers=_list(row.get("pelaksana")),
                provenance=_provenance(row),
                extra=_extra(row),
            )
        except InvalidModel as exc:
            errors.append(SourceError(exc.reason, location=row.location(), actual=code))
            continue
        nodes[code] = (node, row)
    return nodes


def _funding_categories(row: CsvRow, errors: list[SourceError]) -> list[FundingCategory]:
    """The ``sumber_dana`` list of a row; each unknown category is an error."""
    categories = []
    for part in _list(row.get("sumber_dana")):
        try:
            categories.append(FundingCategory.parse(part))
        except InvalidModel as exc:
            errors.append(SourceError(exc.reason, location=row.location("sumber_dana"), actual=part))
    return categories


def _unplaced(
    nodes: dict[str, tuple[NationalPriority, CsvRow]],
    indicators: _Indicators,
    objectives: dict[str, list[Objective]],
    needs: dict[str, list[FundingNeed]],
    name: str,
) -> list[SourceError]:
    """A node whose parent has no row, and every indicator, sasaran or funding need no node took."""
    errors = [
        SourceError(f"{node.label} has no parent row {node.parent_code}", location=row.location("kode"))
        for node, row in nodes.values()
        if node.parent_code is not None and node.parent_code not in nodes
    ]
    leftovers = [
        *(f"indikator of {c}" + (f" sasaran {o}" if o else "") for c, o in indicators),
        *(f"sasaran of {c}" for c in objectives),
        *(f"pendanaan of {c}" for c in needs),
    ]
    errors += [
        SourceError(f"{what} refers to no row of prioritas.csv", location=Location(source=name)) for what in leftovers
    ]
    return errors


def _tree(
    meta: dict[str, Any], nodes: dict[str, tuple[NationalPriority, CsvRow]], name: str, errors: list[SourceError]
) -> PriorityTree | None:
    """The tree of ``tree.json``'s metadata and the nodes whose parent is known; ``None`` (and an error) if invalid."""
    valid = [node for node, _ in nodes.values() if node.parent_code is None or node.parent_code in nodes]
    try:
        return PriorityTree(
            id=meta["id"],
            document=meta["document"],
            period=PlanPeriod(start=meta["period"][0], end=meta["period"][1]),
            regulation=meta.get("regulation"),
            nodes=_closed(valid),
            complete_levels=[_LEVELS[level] for level in meta.get("complete_levels", [])],
            note=meta.get("note"),
            provenance=Provenance(source=name),
        )
    except InvalidModel as exc:
        errors.append(SourceError(exc.reason, location=Location(source=f"{name}/tree.json")))
        return None


def _closed(nodes: list[NationalPriority]) -> list[NationalPriority]:
    """Drop nodes whose ancestors are missing (their error is already recorded)."""
    codes = {n.code for n in nodes}
    changed = True
    while changed:
        kept = [n for n in nodes if n.parent_code is None or n.parent_code in codes]
        changed = len(kept) != len(nodes)
        nodes, codes = kept, {n.code for n in kept}
    return nodes


def read_vocabulary(folder: str | Path, *, label: str | None = None) -> Loaded[TagVocabulary | None]:
    """Read a thematic vocabulary folder: ``vocabulary.json`` (``id, name, document, period, complete, note``)
    and ``istilah.csv`` (``kode, nama, alias, sumber`` with aliases separated by ``;``)."""
    root = Path(folder)
    name = label or str(root)
    errors: list[SourceError] = []
    where = Location(source=f"{name}/vocabulary.json")
    try:
        meta = json.loads((root / "vocabulary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        errors.append(SourceError(f"cannot read vocabulary.json: {exc}", location=where))
        meta = None
    rows, problems, _ = read_csv_rows(
        root / "istilah.csv", name=f"{name}/istilah.csv", required=("kode", "nama"), optional=("alias", "sumber")
    )
    errors.extend(problems)
    terms: list[TagTerm] = []
    for row in rows:
        try:
            terms.append(
                TagTerm(
                    code=row.get("kode") or "",
                    name=row.get("nama") or "",
                    aliases=_list(row.get("alias")),
                    provenance=_provenance(row),
                )
            )
        except InvalidModel as exc:
            errors.append(SourceError(exc.reason, location=row.location(), actual=row.get("kode")))
    if not isinstance(meta, dict):
        if meta is not None:
            errors.append(SourceError("bad vocabulary metadata", location=where, expected="a JSON object"))
        return Loaded(value=None, errors=tuple(errors), source=name, rows=len(rows))
    try:
        period = meta.get("period")
        vocabulary = TagVocabulary(
            id=meta.get("id", ""),
            name=meta.get("name", ""),
            document=meta.get("document"),
            period=PlanPeriod(start=period[0], end=period[1]) if period else None,
            terms=terms,
            complete=bool(meta.get("complete", False)),
            note=meta.get("note"),
            provenance=Provenance(source=name),
        )
    except (InvalidModel, TypeError, IndexError) as exc:
        errors.append(SourceError(f"bad vocabulary: {exc}", location=where))
        return Loaded(value=None, errors=tuple(errors), source=name, rows=len(rows))
    return Loaded(value=vocabulary, errors=tuple(errors), source=name, rows=len(rows))
