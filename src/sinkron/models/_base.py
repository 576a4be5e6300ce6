"""Shared pieces of the model classes: validators, converters and field helpers.

Every model is declared ``@attrs.frozen(kw_only=True)`` (frozen, slotted, keyword-only).

Validators raise :class:`~sinkron.errors.InvalidModel`, naming the class and field and saying what
was expected, so a connector can turn them into located errors.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from sinkron.errors import InvalidModel

T = TypeVar("T")


MIN_YEAR = 1945
MAX_YEAR = 2200


def _owner(instance: object) -> str:
    return type(instance).__name__


def non_empty(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """Reject an empty or whitespace-only text."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidModel(_owner(instance), attribute.name, f"must be non-empty text, got {value!r}")


def optional_non_empty(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Reject an empty text, but allow ``None``."""
    if value is not None:
        non_empty(instance, attribute, value)


def year(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    """Reject a year that is not an int between 1945 and 2200."""
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidModel(_owner(instance), attribute.name, f"must be a year {MIN_YEAR}–{MAX_YEAR}, got {value!r}")


def optional_year(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """Like :func:`year`, but allow ``None``."""
    if value is not None:
        year(instance, attribute, value)


def finite_decimal(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """Reject NaN and infinities (and non-Decimals)."""
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidModel(_owner(instance), attribute.name, f"must be a finite Decimal, got {value!r}")


def to_tuple(value: Any) -> tuple[Any, ...]:
    """Converter: accept any iterable for a tuple field (lists from users, tuples from cattrs)."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, (str, bytes)):
        raise TypeError(f"expected a sequence, not a single {type(value).__name__}")
    return tuple(value)


def to_decimal(value: Any) -> Any:
    """Converter: accept int and str for Decimal fields (floats are refused: they lose rupiah)."""
    if isinstance(value, Decimal) or value is None:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value  # the validator reports it
    return value


def unique_ids(kind: str) -> Callable[[object, attrs.Attribute[Any], tuple[Any, ...]], None]:
    """Validator: the ``id`` of every element of a tuple field is unique."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        seen: set[str] = set()
        for element in value:
            if element.id in seen:
                raise InvalidModel(_owner(instance), attribute.name, f"duplicate {kind} id {element.id!r}")
            seen.add(element.id)

    return check


def of_type(expected: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Validator: the value is an ``expected`` (a Money, a PlanPeriod, a member of an enum), never a stand-in.

    A plain ``5`` for a Money or ``"rkpd"`` for a PlanKind would be accepted by the class and crash
    later, far from where it was written; the message says how to build the right value.
    """

    if issubclass(expected, enum.Enum):
        values = ", ".join(repr(member.value) for member in expected)
        hint = f"one of {expected.__name__}'s members; {expected.__name__}(value) takes {values}"
    else:
        hint = f"build it with {expected.__name__}(...)"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, expected):
            raise InvalidModel(
                _owner(instance), attribute.name, f"must be a {expected.__name__}, got {value!r} ({hint})"
            )

    return check


_SLUG_DROP = re.compile(r"[^0-9a-z]+")


def slug(text: str) -> str:
    """A stable identifier made from a name: ``"Jumlah Ibu Hamil (%)"`` → ``"jumlah-ibu-hamil"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG_DROP.sub("-", ascii_text).strip("-") or "x"
