"""Serialisation: one cattrs converter for every model, and sinkron's JSON documents.

Models hold no serialisation code; this module knows how to turn them into JSON-ready
structures and back:

* ``Decimal`` (money, values) as strings, so no rupiah is lost to floating point;
* ``datetime.date`` / ``datetime.datetime`` as ISO 8601 text;
* :class:`~sinkron.Code` as its canonical text;
* enums by value (the official Indonesian term);
* fields at their default value are left out.

A JSON *document* wraps a model as ``{"schema_version": 1, "type": "Bundle", "data": {...}}``.
Older documents are upgraded on load (see :data:`UPGRADES`). Bad JSON raises
:class:`~sinkron.errors.ValidationError` whose errors carry the JSON path, what was expected and
what was found.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, cast, overload

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.v import transform_error

from sinkron import models
from sinkron.codes import Code
from sinkron.collector import paused_gc
from sinkron.errors import CodeError, InvalidModel, Location, SourceError, ValidationError
from sinkron.models import Money

__all__ = [
    "SCHEMA_VERSION",
    "UPGRADES",
    "converter",
    "dumps",
    "from_document",
    "loads",
    "structure",
    "to_document",
    "unstructure",
]

T = TypeVar("T")

#: Version of the JSON document format this sinkron writes.
SCHEMA_VERSION = 1

#: Model classes by the ``type`` name written in documents.
DOCUMENT_TYPES: dict[str, type] = {cls.__name__: cls for cls in models.MODEL_CLASSES}


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"expected a number as a string, got {value!r}")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"expected a decimal number, got {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    return result


def _structure_date(value: Any, _: type) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {value!r}")
    return dt.date.fromisoformat(value)


def _structure_datetime(value: Any, _: type) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date-time string, got {value!r}")
    return dt.datetime.fromisoformat(value)


def _structure_code(value: Any, _: type) -> Code:
    if not isinstance(value, str):
        raise ValueError(f"expected a code string, got {value!r}")
    return Code.parse(value)


def _structure_money(value: Any, _: type) -> Money:
    return Money(_structure_decimal(value, Decimal))


def _structure_str(value: Any, typ: type) -> str:
    if typ is not str and issubclass(typ, enum.Enum):
        try:
            return typ(value)  # type: ignore[return-value]
        except ValueError:
            allowed = ", ".join(repr(m.value) for m in typ)
            raise ValueError(f"expected one of {allowed}, got {value!r}") from None
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def make_converter() -> cattrs.Converter:
    """A new converter configured for sinkron's models (use :data:`converter` normally)."""
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(Code, str)
    conv.register_structure_hook(Code, _structure_code)
    conv.register_unstructure_hook(Money, lambda m: str(m.amount))
    conv.register_structure_hook(Money, _structure_money)
    # Single dispatch also routes the str-based enums (PlanKind, …) here; _structure_str handles them.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)  # bool is an int subclass: keep it out of the int hook
    return conv


#: The converter used by :func:`dumps`, :func:`loads` and every connector that builds models from dicts.
converter = make_converter()


def unstructure(obj: Any) -> Any:
    """A model as JSON-ready dicts, lists and strings."""
    with paused_gc():
        return converter.unstructure(obj)


def structure(data: Any, cls: type[T], *, source: str | None = None) -> T:
    """Build ``cls`` from JSON-ready data; raise :class:`ValidationError` with JSON paths on bad data."""
    try:
        with paused_gc():
            return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError) as exc:
        raise ValidationError(_located(exc, source), source=source) from None
    except (InvalidModel, CodeError, ValueError, TypeError, ForbiddenExtraKeysError) as exc:
        raise ValidationError([_error("$", _message(exc), source)], source=source) from None


def to_document(obj: Any) -> dict[str, Any]:
    """Wrap a model in a versioned document: ``{"schema_version", "type", "data"}``."""
    name = type(obj).__name__
    if name not in DOCUMENT_TYPES:
        raise TypeError(f"{name} is not a sinkron model")
    return {"schema_version": SCHEMA_VERSION, "type": name, "data": unstructure(obj)}


@overload
def from_document(document: Any, cls: type[T], *, source: str | None = None) -> T: ...
@overload
def from_document(document: Any, cls: None = None, *, source: str | None = None) -> Any: ...
def from_document(document: Any, cls: type[T] | None = None, *, source: str | None = None) -> Any:
    """Read a versioned document (upgrading older versions); check its type against ``cls`` if given."""
    document = upgrade(document, source=source)
    type_name = document.get("type")
    target = DOCUMENT_TYPES.get(type_name) if isinstance(type_name, str) else None
    if target is None:
        raise ValidationError(
            [
                _error(
                    "$.type",
                    "unknown document type",
                    source,
                    expected="a sinkron model name such as Bundle",
                    actual=type_name,
                )
            ],
            source=source,
        )
    if cls is not None and target is not cls:
        raise ValidationError(
            [_error("$.type", "wrong document type", source, expected=cls.__name__, actual=type_name)], source=source
        )
    return _prefixed(lambda: structure(document.get("data"), target, source=source), "$.data")


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """Serialise a model to a JSON document string.

    >>> from sinkron import Code, Money
    >>> from sinkron.models import Budget
    >>> print(dumps(Budget(year=2026, amount=Money(1_500_000)), indent=None))
    {"schema_version": 1, "type": "Budget", "data": {"year": 2026, "amount": "1500000"}}
    """
    with paused_gc():
        return json.dumps(to_document(obj), ensure_ascii=False, indent=indent)


@overload
def loads(text: str | bytes, cls: type[T], *, source: str | None = None) -> T: ...
@overload
def loads(text: str | bytes, cls: None = None, *, source: str | None = None) -> Any: ...
def loads(text: str | bytes, cls: type[T] | None = None, *, source: str | None = None) -> Any:
    """Parse a JSON document string back into its model (see :func:`from_document`).

    Every problem, including text that is not JSON at all, raises :class:`~sinkron.ValidationError`
    listing the located problems.
    """
    with paused_gc():
        try:
            document = parse_json(text, source=source)
        except SourceError as exc:
            raise ValidationError([exc], source=source) from None
        return from_document(document, cls, source=source)


# -- JSON parsing with located errors ---------------------------------------------------------


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in sinkron JSON")


def parse_json(text: str | bytes, *, source: str | None = None) -> Any:
    """``json.loads`` that rejects duplicate keys, NaN/Infinity and runaway nesting with a located error."""
    where = Location(source=source)
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except UnicodeDecodeError as exc:
        raise SourceError("not UTF-8 text", location=where, actual=f"byte {exc.start}") from None
    except _DuplicateKey as exc:
        raise SourceError("duplicate key in a JSON object", location=where, actual=str(exc)) from None
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"invalid JSON: {exc.msg}", location=where.evolve(row=exc.lineno, column=str(exc.colno))
        ) from None
    except ValueError as exc:
        raise SourceError(str(exc), location=where) from None
    except RecursionError:
        raise SourceError("JSON nested too deeply", location=where) from None


# -- upgrades -----------------------------------------------------------------------------------


def _upgrade_0_to_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (sinkron before 0.1) wrote a bare Bundle object with a top-level ``format`` key."""
    data = {k: v for k, v in document.items() if k not in ("format", "schema_version")}
    return {"schema_version": 1, "type": "Bundle", "data": data}


#: Functions upgrading a document from version ``n`` (the key) to ``n + 1``.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _upgrade_0_to_1}


def upgrade(document: Any, *, source: str | None = None) -> dict[str, Any]:
    """Bring a parsed document up to :data:`SCHEMA_VERSION`."""
    if not isinstance(document, dict):
        raise ValidationError(
            [
                _error(
                    "$",
                    "a sinkron document is a JSON object",
                    source,
                    expected="object",
                    actual=type(document).__name__,
                )
            ],
            source=source,
        )
    version = document.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ValidationError(
            [_error("$.schema_version", "bad schema version", source, expected="an integer", actual=version)],
            source=source,
        )
    if version > SCHEMA_VERSION:
        raise ValidationError(
            [
                _error(
                    "$.schema_version",
                    "document written by a newer sinkron",
                    source,
                    expected=f"{SCHEMA_VERSION} or older",
                    actual=version,
                )
            ],
            source=source,
        )
    while version < SCHEMA_VERSION:
        document = UPGRADES[version](document)
        version += 1
    return cast(dict[str, Any], document)


# -- error translation --------------------------------------------------------------------------

_PATH = re.compile(r"^(.*) @ (\$.*)$", re.S)


def _message(exc: BaseException) -> str:
    if isinstance(exc, InvalidModel):
        return f"{exc.model}.{exc.field}: {exc.reason}"
    if isinstance(exc, CodeError):
        return f"invalid code {exc.text!r}: {exc.reason}"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    return str(exc) or type(exc).__name__


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    plain = isinstance(exc, (ValueError, TypeError)) and not isinstance(exc, (InvalidModel, CodeError))
    if plain and type_ is not None and "expected" not in str(exc):
        name = getattr(type_, "__name__", str(type_))
        return f"{_message(exc)} (expected {name})"
    return _message(exc)


def _located(exc: BaseException, source: str | None) -> list[SourceError]:
    out: list[SourceError] = []
    for line in transform_error(exc, path="$", format_exception=_format):
        match = _PATH.match(line)
        message, path = (match.group(1), match.group(2)) if match else (line, "$")
        out.append(_error(path, message, source))
    return out


def _error(
    path: str, message: str, source: str | None, *, expected: str | None = None, actual: object = None
) -> SourceError:
    return SourceError(message, location=Location(source=source, json_path=path), expected=expected, actual=actual)


def _prefixed(build: Callable[[], T], prefix: str) -> T:
    try:
        return build()
    except ValidationError as exc:
        fixed = [
            SourceError(
                e.message,
                location=e.location.evolve(json_path=prefix + (e.location.json_path or "$")[1:]),
                expected=e.expected,
                actual=e.actual,
            )
            for e in exc.errors
        ]
        raise ValidationError(fixed, source=exc.source) from None
