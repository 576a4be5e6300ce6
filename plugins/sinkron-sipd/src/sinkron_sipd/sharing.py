"""One object for each repeated value of a read: texts, targets, locations and sumber dana.

A SIPD export repeats the same names, units, targets, locations and funding sources on thousands
of records. The JSON decoder makes a new string for each occurrence; the reader hands every such
value to a :class:`Shared` memo, so a bundle holds each of them once. Everything shared is
immutable (``str``, frozen models, tuples of them). Each memo is bounded: past its size it starts
afresh, so a file of all-distinct values costs no more memory than without sharing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sinkron.codes import Code, CodeLevel
from sinkron.models import FundingSource, Money, Target
from sinkron.numbers import DecimalMark
from sinkron_sipd.render import location_text
from sinkron_sipd.state import Problems, code_field, split_name, target_value

__all__ = ["Shared"]

#: Entries a memo keeps before it starts afresh.
MEMO_SIZE = 1 << 16


class Shared:
    """The memos of one read (see the module docs).

    >>> shared = Shared(decimal=None)
    >>> a, b = "".join(["Dok", "umen"]), "".join(["Doku", "men"])
    >>> a is b, shared.text(a) is shared.text(b)
    (False, True)
    >>> shared.targets(2026, "5", "5 Dokumen", "Dokumen") is shared.targets(2026, "5", "5 Dokumen", "Dokumen")
    True
    """

    def __init__(self, decimal: DecimalMark) -> None:
        self.decimal = decimal
        self._texts: dict[str, str] = {}
        self._keys: dict[tuple[str, ...], list[str]] = {}
        self._targets: dict[tuple[int | None, str | None, str | None, str | None], tuple[Target, ...]] = {}
        self._locations: dict[tuple[str, ...], str] = {}
        self._funding: dict[tuple[str, str | None, Money | None], FundingSource] = {}
        self._names: dict[tuple[str, Code], str] = {}
        self._codes: dict[tuple[str, CodeLevel], Code] = {}

    @staticmethod
    def make_room(memo: dict[Any, Any]) -> None:
        """Start ``memo`` afresh when it holds :data:`MEMO_SIZE` entries (before adding one)."""
        if len(memo) >= MEMO_SIZE:
            memo.clear()

    def text_memo(self) -> dict[str, str]:
        """The memo of texts itself, to look texts up in with ``setdefault`` (started afresh when full)."""
        self.make_room(self._texts)
        return self._texts

    def text(self, text: str) -> str:
        """``text``, or an equal string seen before."""
        found = self._texts.get(text)
        if found is None:
            self.make_room(self._texts)
            self._texts[text] = found = text
        return found

    def keys(self, keys: list[str]) -> list[str]:
        """``keys``, or an equal list seen before (the keys of rows of one shape; not to be changed)."""
        key = tuple(keys)
        found = self._keys.get(key)
        if found is None:
            self.make_room(self._keys)
            self._keys[key] = found = keys
        return found

    def optional_text(self, text: str | None) -> str | None:
        return None if text is None else self.text(text)

    def targets(self, year: int | None, target: str | None, text: str | None, unit: str | None) -> tuple[Target, ...]:
        """The targets of an indicator row: its year's value (:func:`~sinkron_sipd.state.target_value`), if any.

        Raises :class:`~sinkron.errors.InvalidModel` as ``target_value`` does (nothing is kept then).
        """
        key = (year, target, text, unit)
        found = self._targets.get(key)
        if found is None:
            value = target_value(target, text, unit, self.decimal)
            found = (Target(year=year, value=value),) if value is not None and year is not None else ()
            self.make_room(self._targets)
            self._targets[key] = found
        return found

    def split_name(self, text: str | None, code: Code) -> str | None:
        """:func:`~sinkron_sipd.state.split_name`: the name without its code prefix, shared."""
        if text is None:
            return None
        key = (text, code)
        found = self._names.get(key)
        if found is None:
            found = self.text(split_name(text, code) or text)
            self.make_room(self._names)
            self._names[key] = found
        return found

    def code(
        self, raw: Mapping[str, Any], key: str, level: CodeLevel, problems: Problems, *, required: bool
    ) -> Code | None:
        """:func:`~sinkron_sipd.state.code_field`, remembering the codes read well (the problems are not kept)."""
        value = raw.get(key)
        if value.__class__ is str:
            found = self._codes.get((value, level))
            if found is not None:
                return found
        code = code_field(raw, key, level, problems, required=required)
        if code is not None and value.__class__ is str:
            self.make_room(self._codes)
            self._codes[(value, level)] = code
        return code

    def location(self, parts: tuple[str, ...]) -> str:
        """The location text of a lokasi row's daerah, kecamatan and kelurahan (``""`` when all are blank)."""
        found = self._locations.get(parts)
        if found is None:
            found = self.text(location_text(parts))
            self.make_room(self._locations)
            self._locations[parts] = found
        return found

    def funding(self, name: str, code: str | None, amount: Money | None) -> FundingSource:
        """A sumber dana (validated by its constructor the first time)."""
        key = (name, code, amount)
        found = self._funding.get(key)
        if found is None:
            found = FundingSource(name=self.text(name), code=self.optional_text(code), amount=amount)
            self.make_room(self._funding)
            self._funding[key] = found
        return found
