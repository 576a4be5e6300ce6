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


#: Every number a model holds (an amount of rupiah, a target value, a volume) is smaller than this in size:
#: a million times the whole APBN (about 3.6 × 10^15 rupiah), so that sums of a million of them stay exact in
#: :mod:`decimal`'s 28 digits and every number prints in a few dozen characters.
MAX_MAGNITUDE = Decimal(10) ** 18
#: ... and has at most this many digits after the decimal point: room for the sen of an amount and for the
#: binary noise of a spreadsheet's floating-point cell (``0.1 + 0.2`` is ``0.30000000000000004``), none for
#: ``1e-999999999``.
MAX_DECIMALS = 20


def _shown(value: Decimal) -> str:
    text = str(value)
    return text if len(text) <= 40 else f"{value:.6e} ({len(value.as_tuple().digits)} digits)"


def check_bounds(model: str, field: str, value: Decimal, what: str = "a finite Decimal") -> None:
    """Raise :class:`InvalidModel` unless ``value`` is a finite Decimal a plan can hold.

    That is: below :data:`MAX_MAGNITUDE` (10^18) in size, with at most :data:`MAX_DECIMALS` (20) digits after
    the decimal point. A larger number is no real plan's, and would break sums, reports and spreadsheet cells.
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidModel(model, field, f"must be {what}, got {value!r}")
    if value.copy_abs() >= MAX_MAGNITUDE:  # copy_abs: abs() would overflow the context on 1e999999999
        raise InvalidModel(
            model, field, f"must be below 10^18 in size (the bound of sinkron's numbers), got {_shown(value)}"
        )
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        raise InvalidModel(
            model,
            field,
            f"must have at most {MAX_DECIMALS} digits after the decimal point (the bound of sinkron's numbers), "
            f"got {_shown(value)} with {-exponent}",
        )


def bounded_decimal(instance: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """Reject NaN, infinities, non-Decimals and numbers out of bounds (:func:`check_bounds`); allow ``None``."""
    if value is not None:
        check_bounds(_owner(instance), attribute.name, value)


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
