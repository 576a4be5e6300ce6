"""The versioned nomenclature catalogue: a base list plus ordered change lists.

Each Kepmendagri after Permendagri 90/2019 amends the list: it adds codes, renames them, changes
their kinerja/indikator/satuan, moves them to a new code, or retires them. A
:class:`Nomenclature` holds the base list and those change lists as :class:`Version` objects keyed
by regulation and effective year, and answers questions *for a plan year*: does the code exist,
what is its name, kinerja, indikator and satuan, and what replaced it.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import functools
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs
from rapidfuzz import fuzz, process

from sinkron.codes import Code, CodeLevel
from sinkron.errors import CodeError, Location, SourceError, ValidationError
from sinkron.names import NameMatch, compare_names, comparison_key, tokens

__all__ = [
    "Change",
    "ChangeKind",
    "CodeState",
    "CodeStatus",
    "Entry",
    "Nomenclature",
    "SearchHit",
    "Version",
]


@attrs.frozen(kw_only=True)
class Entry:
    """One row of the nomenclature: code and name, and for a sub kegiatan its kinerja, indikator, satuan."""

    code: Code
    name: str
    kinerja: str | None = None
    """Kinerja: the result (sub output) the sub kegiatan delivers."""
    indikator: str | None = None
    """Indikator: how that result is measured."""
    satuan: str | None = None
    """Satuan: the unit of the indikator."""
    note: str | None = None
    """Keterangan."""

    @property
    def level(self) -> CodeLevel:
        return self.code.level


class ChangeKind(str, enum.Enum):
    """What a change list does to a code."""

    ADDED = "added"
    RENAMED = "renamed"
    AMENDED = "amended"
    """Kinerja, indikator or satuan changed; the name may stay."""
    MOVED = "moved"
    """The item continues under a new code (``replacement``)."""
    RETIRED = "retired"
    """The code is deleted; ``replacement`` names its successor when there is one."""


@attrs.frozen(kw_only=True)
class Change:
    """One change in a change list."""

    kind: ChangeKind
    code: Code
    entry: Entry | None = None
    """The new content for ADDED, RENAMED and AMENDED (and optionally MOVED)."""
    replacement: Code | None = None
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        needs_entry = self.kind in (ChangeKind.ADDED, ChangeKind.RENAMED, ChangeKind.AMENDED)
        if needs_entry and (self.entry is None or self.entry.code != self.code):
            raise ValueError(f"a {self.kind.value} change of {self.code} needs an entry with that code")
        if self.kind is ChangeKind.MOVED and self.replacement is None:
            raise ValueError(f"a moved change of {self.code} needs the replacement code")


@attrs.frozen(kw_only=True)
class Version:
    """A nomenclature version: the base list or a change list, keyed by regulation and effective year."""

    id: str
    regulation: str
    """``"Kepmendagri 900.1.15.5-1317/2023"``."""
    effective_year: int
    """First plan/budget year the version applies to."""
    enacted: dt.date | None = None
    changes: tuple[Change, ...] = ()
    scope: str = "kabupaten/kota"
    """Which lampiran: ``kabupaten/kota``, ``provinsi``, or both (``provinsi dan kabupaten/kota``)."""
    note: str | None = None
    declared_years: tuple[int, int | None] | None = None
    """The plan years someone declared this list in force for (first, last; ``None`` for open-ended).

    Only then may a message say the list is *berlaku* for a year; without it, messages name the list and the
    year it was used for, and claim nothing more."""

    def in_force(self, year: int) -> bool:
        """Whether ``year`` lies in the declared years (never, when none were declared)."""
        if self.declared_years is None:
            return False
        first, last = self.declared_years
        return first <= year and (last is None or year <= last)


class CodeState(str, enum.Enum):
    """State of a code in a given year."""

    ACTIVE = "active"
    RETIRED = "retired"
    """Deleted or moved by a change list in force that year."""
    LEGACY = "legacy"
    """A 2-digit sub kegiatan code; the list uses 4 digits."""
    NOT_YET = "not_yet"
    """Added by a later version than the one in force that year."""
    UNKNOWN = "unknown"


@attrs.frozen(kw_only=True)
class CodeStatus:
    """The answer to "is this code valid in year Y?"."""

    code: Code
    state: CodeState
    version: Version
    """The version in force for the year asked."""
    entry: Entry | None = None
    """The entry in force, or the last one known for a retired code."""
    replacement: Code | None = None
    """For RETIRED and LEGACY: the code to use instead, when known."""
    changed_by: Version | None = None
    """For RETIRED: the version that retired it; for NOT_YET: the version that adds it."""

    @property
    def is_valid(self) -> bool:
        return self.state is CodeState.ACTIVE


@attrs.frozen
class SearchHit:
    """A search result: the entry and a score in [0, 1]."""

    entry: Entry
    score: float


class _State:
    """The entries in force after one version, plus what was retired so far."""

    __slots__ = ("choices", "entries", "retired")

    def __init__(self, entries: dict[Code, Entry], retired: dict[Code, tuple[Code | None, Version, Entry]]) -> None:
        self.entries = entries
        self.retired = retired
        self.choices: dict[CodeLevel | None, _Choices] = {}
        """What names are searched among, per level (``None``: every level), built on first use."""


class _Choices:
    """The entries a name search scores, their names as words (``tokens``), and their names by comparison key."""

    __slots__ = ("entries", "exact", "keys")

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.keys = [" ".join(tokens(e.name)) for e in entries]
        self.exact: dict[str, Entry] = {}
        for entry in entries:
            self.exact.setdefault(comparison_key(entry.name), entry)


class Nomenclature:
    """A versioned catalogue of nomenclature codes.

    >>> from sinkron.nomenclature import default_nomenclature
    >>> nom = default_nomenclature()
    >>> nom.lookup("1.02.02.2.02.0001").satuan
    'Orang'
    >>> nom.status("7.01.02.2.01.01").state.value
    'legacy'
    """

    def __init__(
        self, base: Version, entries: Iterable[Entry], changes: Sequence[Version] = (), *, name: str | None = None
    ) -> None:
        self.name = name or base.regulation
        """What the catalogue is called in messages: ``"Kepmendagri 900.1.15.5-1317/2023 (shipped)"`` for the
        shipped list, the name given at import for an imported one."""
        self._versions: tuple[Version, ...] = (base, *sorted(changes, key=lambda v: v.effective_year))
        base_entries = {}
        for entry in entries:
            if entry.code in base_entries:
                raise ValueError(f"duplicate code {entry.code} in {base.regulation}")
            base_entries[entry.code] = entry
        self._base_entries = base_entries
        self._states: list[_State] | None = None

    # -- versions ------------------------------------------------------------------------------
    @property
    def versions(self) -> tuple[Version, ...]:
        """The base version first, then the change lists by effective year."""
        return self._versions

    @property
    def base_entries(self) -> Mapping[Code, Entry]:
        """The entries of the base list, before any change list."""
        return self._base_entries

    def version_for(self, year: int | None) -> Version:
        """The version in force for plan year ``year`` (the latest when ``None``)."""
        return self._versions[self._index_for(year)]

    def _index_for(self, year: int | None) -> int:
        if year is None:
            return len(self._versions) - 1
        index = 0
        for i, version in enumerate(self._versions):
            if version.effective_year <= year:
                index = i
        return index

    def with_changes(self, *versions: Version) -> Nomenclature:
        """A new catalogue with more change lists applied on top."""
        return Nomenclature(
            self._versions[0], self._base_entries.values(), (*self._versions[1:], *versions), name=self.name
        )

    def __repr__(self) -> str:
        return f"<Nomenclature {self.name!r}: {len(self._versions)} version(s)>"

    def _state(self, index: int) -> _State:
        if self._states is None:
            self._states = self._build_states()
        return self._states[index]

    def _build_states(self) -> list[_State]:
        entries = dict(self._base_entries)
        retired: dict[Code, tuple[Code | None, Version, Entry]] = {}
        states = [_State(dict(entries), dict(retired))]
        for version in self._versions[1:]:
            for change in version.changes:
                if change.kind in (ChangeKind.ADDED, ChangeKind.RENAMED, ChangeKind.AMENDED):
                    assert change.entry is not None
                    entries[change.code] = change.entry
                    retired.pop(change.code, None)
                else:
                    old = entries.pop(change.code, None) or (
                        retired[change.code][2] if change.code in retired else None
                    )
                    if old is None:
                        raise ValueError(
                            f"{version.regulation} {change.kind.value} {change.code}, which it does not know"
                        )
                    retired[change.code] = (change.replacement, version, old)
                    if change.kind is ChangeKind.MOVED and change.replacement is not None:
                        assert change.replacement is not None
                        new = change.entry or attrs.evolve(old, code=change.replacement)
                        entries[change.replacement] = attrs.evolve(new, code=change.replacement)
                        retired.pop(change.replacement, None)
            states.append(_State(dict(entries), dict(retired)))
        return states

    # -- lookups -------------------------------------------------------------------------------
    def entries(self, year: int | None = None) -> Mapping[Code, Entry]:
        """Every entry in force for ``year`` (generic ``X.XX`` penunjang codes as listed)."""
        return self._state(self._index_for(year)).entries

    def lookup(self, code: Code | str, year: int | None = None) -> Entry | None:
        """The entry for ``code`` in force for ``year``, or ``None``.

        A penunjang code under a concrete bidang (``1.03.01.2.01.0001``) resolves through the generic
        ``X.XX`` row, and comes back with the concrete code.
        """
        code = Code.parse(code) if isinstance(code, str) else code
        entries = self.entries(year)
        entry = entries.get(code)
        if entry is not None:
            return entry
        if code.is_support and not code.is_generic:
            sector = code.sector
            if sector is not None and sector in entries:
                generic = entries.get(code.as_generic())
                if generic is not None:
                    return attrs.evolve(generic, code=code)
        return None

    def status(self, code: Code | str, year: int | None = None) -> CodeStatus:
        """Whether ``code`` is valid in ``year``, and if not, why and what replaces it."""
        code = Code.parse(code) if isinstance(code, str) else code
        index = self._index_for(year)
        version = self._versions[index]
        entry = self.lookup(code, year)
        if entry is not None:
            return CodeStatus(code=code, state=CodeState.ACTIVE, version=version, entry=entry)
        if code.is_legacy:
            modern = code.modernised()
            replacement = modern if self.lookup(modern, year) is not None else None
            return CodeStatus(code=code, state=CodeState.LEGACY, version=version, replacement=replacement)
        lookup_code = code.as_generic() if code.is_support else code
        retired = self._state(index).retired.get(lookup_code)
        if retired is not None:
            replacement, by, old = retired
            replacement = self._follow(replacement, year)
            if replacement is not None and code.is_support and not code.is_generic and code.sector is not None:
                replacement = replacement.in_sector(code.sector)
            return CodeStatus(
                code=code,
                state=CodeState.RETIRED,
                version=version,
                entry=attrs.evolve(old, code=code),
                replacement=replacement,
                changed_by=by,
            )
        for later in range(index + 1, len(self._versions)):
            later_entries = self._state(later).entries
            if lookup_code in later_entries:
                return CodeStatus(
                    code=code,
                    state=CodeState.NOT_YET,
                    version=version,
                    changed_by=self._versions[later],
                    entry=attrs.evolve(later_entries[lookup_code], code=code),
                )
        return CodeStatus(code=code, state=CodeState.UNKNOWN, version=version)

    def _follow(self, code: Code | None, year: int | None) -> Code | None:
        """Follow a chain of replacements to the code in force for ``year``."""
        seen: set[Code] = set()
        while code is not None and code not in seen:
            seen.add(code)
            if self.lookup(code, year) is not None:
                return code
            retired = self._state(self._index_for(year)).retired.get(code)
            code = retired[0] if retired else None
        return code

    def children(self, code: Code | str, year: int | None = None) -> list[Entry]:
        """The entries directly under ``code``, sorted by code."""
        code = Code.parse(code) if isinstance(code, str) else code
        return sorted((e for c, e in self.entries(year).items() if c.parent == code), key=lambda e: e.code)

    def check_name(self, code: Code | str, name: str, year: int | None = None) -> NameMatch | None:
        """Compare ``name`` with the official name of ``code``; ``None`` if the code is unknown."""
        entry = self.lookup(code, year)
        return None if entry is None else compare_names(name, entry.name)

    def search(
        self, text: str, *, year: int | None = None, level: CodeLevel | None = None, limit: int = 10
    ) -> list[SearchHit]:
        """Entries (of ``level``, when given) whose name best matches ``text``, tolerant of case, spacing,
        punctuation and typos: the name written the same way (comparison key) first, with score 1.0, then by
        rapidfuzz ``WRatio`` (scores capped at 0.99).

        A text that is a code returns that code's entry.
        """
        code, rest = Code.split_name(text.strip())
        if code is not None and not rest:
            entry = self.lookup(code, year)
            return [SearchHit(entry, 1.0)] if entry is not None else []
        query = " ".join(tokens(text))
        if not query:
            return []
        choices = self._choices(year, level)
        hits: list[SearchHit] = []
        exact = choices.exact.get(comparison_key(text))
        if exact is not None:
            hits.append(SearchHit(exact, 1.0))
        for _, score, index in process.extract(query, choices.keys, scorer=fuzz.WRatio, limit=limit + 1):
            entry = choices.entries[index]
            if entry is not exact:
                hits.append(SearchHit(entry, _score(score)))
        return hits[:limit]

    def closest(
        self, texts: Iterable[str], *, year: int | None = None, level: CodeLevel | None = None, min_score: float = 0.9
    ) -> dict[str, SearchHit]:
        """The best entry for each of ``texts`` scoring at least ``min_score``, matched once per distinct text:
        the first hit of :meth:`search` (``limit=1``) whenever that one scores ``min_score`` or more.

        Made for many names at once (the suggestions of a whole report): a name written the same way is found
        by its comparison key, and each other one is scored with a cutoff, so that the entries that cannot
        reach ``min_score`` are left as soon as that is certain. Texts without such an entry are left out.

        >>> from sinkron.nomenclature import default_nomenclature
        >>> found = default_nomenclature().closest(["PENGELOLAAN PELAYANAN KESEHATAN IBU HAMIL", "Pesta Kembang Api"])
        >>> [(text, str(hit.entry.code), hit.score) for text, hit in found.items()]
        [('PENGELOLAAN PELAYANAN KESEHATAN IBU HAMIL', '1.02.02.2.02.0001', 1.0)]
        """
        choices = self._choices(year, level)
        found: dict[str, SearchHit] = {}
        for text in dict.fromkeys(texts):
            code, rest = Code.split_name(text.strip())
            if code is not None and not rest:
                entry = self.lookup(code, year)
                hit = SearchHit(entry, 1.0) if entry is not None and (level is None or entry.level is level) else None
            elif (exact := choices.exact.get(comparison_key(text))) is not None:
                hit = SearchHit(exact, 1.0)
            else:
                best = process.extractOne(
                    " ".join(tokens(text)), choices.keys, scorer=fuzz.WRatio, score_cutoff=min_score * 100
                )
                hit = SearchHit(choices.entries[best[2]], _score(best[1])) if best is not None else None
            if hit is not None and hit.score >= min_score:
                found[text] = hit
        return found

    def _choices(self, year: int | None, level: CodeLevel | None) -> _Choices:
        """The entries in force in ``year`` that a name search scores (of ``level``; generic ``X.XX`` urusan and
        bidang rows left out)."""
        state = self._state(self._index_for(year))
        choices = state.choices.get(level)
        if choices is None:
            choices = state.choices[level] = _Choices(
                [
                    e
                    for e in state.entries.values()
                    if (e.code.parts[0] != "X" or len(e.code.parts) > 2) and (level is None or e.level is level)
                ]
            )
        return choices

    # -- loading -------------------------------------------------------------------------------
    @classmethod
    def from_csv(cls, path: str | Path, *, version: Version) -> Nomenclature:
        """Load a base list from a CSV file with columns ``kode, nomenklatur, kinerja, indikator, satuan, keterangan``."""
        path = Path(path)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return cls(version, list(_read_entries(handle, str(path))))

    def with_change_file(self, path: str | Path) -> Nomenclature:
        """Apply a change-list CSV (see ``docs/nomenclature.md``) on top of this catalogue."""
        path = Path(path)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return self.with_changes(*read_change_list(handle, str(path)))


def _score(wratio: float) -> float:
    """A rapidfuzz score (0–100) as a search score: 0–0.99, 1.0 kept for the name written the same way."""
    return round(min(wratio, 99.0) / 100, 4)


_ENTRY_COLUMNS = ("kode", "nomenklatur")
_CHANGE_COLUMNS = ("regulation", "effective_year", "change", "code")


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _read_entries(handle: io.TextIOBase | Iterable[str], source: str) -> Iterator[Entry]:
    reader = csv.DictReader(handle)
    missing = [c for c in _ENTRY_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise SourceError(f"missing column(s) {', '.join(missing)}", location=Location(source=source, row=1))
    errors: list[SourceError] = []
    for row_number, row in enumerate(reader, start=2):
        try:
            code = Code.parse(row["kode"])
        except CodeError as exc:
            errors.append(
                SourceError(
                    exc.reason, location=Location(source=source, row=row_number, column="kode"), actual=row["kode"]
                )
            )
            continue
        name = _opt(row.get("nomenklatur"))
        if name is None:
            errors.append(
                SourceError("empty name", location=Location(source=source, row=row_number, column="nomenklatur"))
            )
            continue
        yield Entry(
            code=code,
            name=name,
            kinerja=_opt(row.get("kinerja")),
            indikator=_opt(row.get("indikator")),
            satuan=_opt(row.get("satuan")),
            note=_opt(row.get("keterangan")),
        )
    if errors:
        raise ValidationError(errors, source=source)


def read_change_list(handle: io.TextIOBase | Iterable[str], source: str) -> list[Version]:
    """Read change lists from CSV rows ``regulation, effective_year, change, code, replacement, nomenklatur,
    kinerja, indikator, satuan, keterangan`` — one version per regulation, in file order."""
    reader = csv.DictReader(handle)
    missing = [c for c in _CHANGE_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise SourceError(f"missing column(s) {', '.join(missing)}", location=Location(source=source, row=1))
    grouped: dict[str, tuple[int, list[Change]]] = {}
    errors: list[SourceError] = []
    for row_number, row in enumerate(reader, start=2):
        where = Location(source=source, row=row_number)
        try:
            regulation = _opt(row["regulation"])
            if regulation is None:
                raise SourceError("empty regulation", location=where.evolve(column="regulation"))
            try:
                year = int((row["effective_year"] or "").strip())
            except ValueError:
                raise SourceError(
                    "not a year",
                    location=where.evolve(column="effective_year"),
                    expected="a year such as 2025",
                    actual=row["effective_year"],
                ) from None
            try:
                kind = ChangeKind((row["change"] or "").strip().lower())
            except ValueError:
                raise SourceError(
                    "unknown change",
                    location=where.evolve(column="change"),
                    expected="added, renamed, amended, moved or retired",
                    actual=row["change"],
                ) from None
            try:
                code = Code.parse(row["code"])
                replacement_text = _opt(row.get("replacement"))
                replacement = Code.parse(replacement_text) if replacement_text else None
            except CodeError as exc:
                raise SourceError(exc.reason, location=where.evolve(column="code"), actual=exc.text) from None
            name = _opt(row.get("nomenklatur"))
            entry = None
            if name is not None:
                entry = Entry(
                    code=replacement if kind is ChangeKind.MOVED and replacement else code,
                    name=name,
                    kinerja=_opt(row.get("kinerja")),
                    indikator=_opt(row.get("indikator")),
                    satuan=_opt(row.get("satuan")),
                    note=_opt(row.get("keterangan")),
                )
            try:
                change = Change(kind=kind, code=code, entry=entry, replacement=replacement)
            except ValueError as exc:
                raise SourceError(str(exc), location=where) from None
        except SourceError as exc:
            errors.append(exc)
            continue
        known_year, changes = grouped.setdefault(regulation, (year, []))
        if known_year != year:
            errors.append(
                SourceError(
                    f"{regulation} already has effective year {known_year}",
                    location=where.evolve(column="effective_year"),
                    actual=year,
                )
            )
            continue
        changes.append(change)
    if errors:
        raise ValidationError(errors, source=source)
    return [
        Version(
            id=functools.reduce(lambda s, ch: s.replace(ch, "-"), " /.", reg.lower()),
            regulation=reg,
            effective_year=year,
            changes=tuple(changes),
        )
        for reg, (year, changes) in grouped.items()
    ]
