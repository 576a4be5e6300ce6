"""Declared options: what a connector, an exporter or a rule can be told, and one way to read it.

An owner declares its options as an attrs class, one field per option, each made with :func:`option`
(type from the annotation, default, description, optional validator)::

    @attrs.frozen(kw_only=True)
    class PaguOptions:
        pagu_tolerance: Decimal = option(Decimal("0.10"), "Relative difference tolerated (0.10 is 10 %).",
                                         validator=at_least(0))

:func:`structure_options` builds such a class from what a caller gave: typed values from the Python
API (``Decimal("0.1")``, ``2026``) or text from the command line (``"0.1"``, ``"2026"``, ``"true"``,
``"rkpd"``, ``"a,b"``), through one cattrs converter derived from :data:`sinkron.convert.converter`.
An unknown option, a value of the wrong type or one a validator refuses raises
:class:`~sinkron.errors.OptionError` naming the owner, the option and what was expected — before
anything is read or checked. :func:`describe_options` lists the declarations (``sinkron plugins``
and the docs are written from it).

Options declared the 0.1 way — a rule's dict of defaults (``options={"x": "0.5"}``) — still work:
:func:`options_from_defaults` turns the dict into a class whose types are those of the defaults.
"""

from __future__ import annotations

import decimal
import enum
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import cattrs

from sinkron.convert import make_converter
from sinkron.errors import OptionError

__all__ = [
    "DESCRIPTION",
    "NoOptions",
    "OptionInfo",
    "at_least",
    "between",
    "describe_options",
    "guess_value",
    "one_of",
    "option",
    "option_values",
    "options_from_defaults",
    "structure_options",
]

T = TypeVar("T")

#: The field-metadata key holding an option's description.
DESCRIPTION = "sinkron.description"

_TRUE = frozenset({"1", "true", "yes", "ya", "on"})
_FALSE = frozenset({"0", "false", "no", "tidak", "off"})


def option(
    default: Any = None,
    description: str = "",
    *,
    factory: Callable[[], Any] | None = None,
    validator: Callable[[Any, attrs.Attribute[Any], Any], None] | None = None,
    converter: Callable[[Any], Any] | None = None,
) -> Any:
    """One declared option: an attrs field with its default (or ``factory``), description and validator.

    A ``converter`` (for a value the type alone cannot check, e.g. a dict of limits into a limits
    object) runs after the type's structuring and must accept its own output; its ``ValueError``
    or ``TypeError`` becomes an :class:`~sinkron.errors.OptionError`.
    """
    metadata = {DESCRIPTION: description}
    if factory is not None:
        return attrs.field(factory=factory, validator=validator, converter=converter, metadata=metadata)
    return attrs.field(default=default, validator=validator, converter=converter, metadata=metadata)


# -- validators ---------------------------------------------------------------------------------------


def at_least(minimum: int | Decimal | float) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: the value is a number ≥ ``minimum``."""

    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and value < minimum:
            raise ValueError(f"a number ≥ {minimum}")

    return check


def between(minimum: int | float, maximum: int | float) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: the value is a number from ``minimum`` to ``maximum``."""

    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not minimum <= value <= maximum:
            raise ValueError(f"a number from {minimum} to {maximum}")

    return check


def one_of(*allowed: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """A validator: the value (text) is one of ``allowed``."""

    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and value not in allowed:
            raise ValueError("one of " + ", ".join(repr(a) for a in allowed))

    return check


# -- the converter ---------------------------------------------------------------------------------------


def _int(value: Any, _: type) -> int:
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError
    return value


def _float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError
    return float(value)


def _decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError
    try:
        result = Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise ValueError from None
    if not result.is_finite():
        raise ValueError
    return result


def _bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError


def _is_sequence(typ: Any) -> bool:
    return typing.get_origin(typ) in (tuple, list, frozenset, set)


def _is_mapping(typ: Any) -> bool:
    return typing.get_origin(typ) in (dict, Mapping) or typ is dict


_SCALAR_TYPES = (str, int, float, bool, Decimal)


def _is_object_type(typ: Any) -> bool:
    """A class whose values are objects (a model, a Nomenclature), not scalars, enums or containers."""
    return (
        isinstance(typ, type)
        and typ not in (Any, object, type(None))  # typing.Any is a class since Python 3.11
        and not issubclass(typ, (*_SCALAR_TYPES, enum.Enum, tuple, list, dict, set, frozenset))
    )


def _make_option_converter() -> cattrs.Converter:
    # The project's converter, taking command-line text for numbers and flags; sequences and mappings
    # are then structured by ``typed`` after the text is split or parsed.
    typed = make_converter()
    typed.register_structure_hook(int, _int)
    typed.register_structure_hook(float, _float)
    typed.register_structure_hook(Decimal, _decimal)
    typed.register_structure_hook(bool, _bool)
    conv = typed.copy()

    def sequence_hook(typ: Any) -> Callable[[Any, Any], Any]:
        base = typed.get_structure_hook(typ)

        def structure(value: Any, _: Any) -> Any:
            if isinstance(value, str):  # "a,b" from the command line
                value = [part.strip() for part in value.split(",") if part.strip()]
            return base(value, typ)

        return structure

    def mapping_hook(typ: Any) -> Callable[[Any, Any], Any]:
        base = typed.get_structure_hook(typ)

        def structure(value: Any, _: Any) -> Any:
            if isinstance(value, str):  # a JSON object from the command line
                value = json.loads(value)
            if not isinstance(value, Mapping):
                raise ValueError
            return base(value, typ)

        return structure

    def instance_hook(typ: Any) -> Callable[[Any, Any], Any]:
        def structure(value: Any, _: Any) -> Any:
            if isinstance(value, typ):  # an object given from Python (a Bundle, a Nomenclature) is taken as it is
                return value
            if attrs.has(typ):
                return typed.structure(value, typ)
            raise ValueError

        return structure

    conv.register_structure_hook_factory(_is_object_type, instance_hook)
    conv.register_structure_hook_factory(_is_sequence, sequence_hook)
    conv.register_structure_hook_factory(_is_mapping, mapping_hook)
    return conv


#: The converter that structures option values (text or typed) into their declared types.
option_converter = _make_option_converter()


def _describe_type(typ: Any) -> str:
    """What a value of ``typ`` looks like, in words (``"a decimal number"``)."""
    if typ is Any or typ is object:
        return "any value"
    args = typing.get_args(typ)
    origin = typing.get_origin(typ)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return " or ".join(_describe_type(a) for a in inner)
    if _is_sequence(typ):
        return f"a list of {_describe_type(args[0]) if args else 'values'} (comma-separated on the command line)"
    if _is_mapping(typ):
        return "a mapping (a JSON object on the command line)"
    if isinstance(typ, type) and issubclass(typ, enum.Enum):
        return "one of " + ", ".join(repr(m.value) for m in typ)
    words = {bool: "true or false", int: "an integer", float: "a number", Decimal: "a decimal number", str: "text"}
    return words.get(typ, getattr(typ, "__name__", str(typ)))


def _type_name(typ: Any) -> str:
    """The declared type as it is written (``Decimal``, ``tuple[str, ...]``, ``int | None``)."""
    if isinstance(typ, type) and not typing.get_args(typ):
        return typ.__name__
    return _QUALIFIED.sub("", str(typ)).replace("NoneType", "None")


_QUALIFIED = re.compile(r"\b(?:[a-z_][a-z0-9_]*\.)+(?=[A-Za-z_])")


# -- declarations ------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class NoOptions:
    """The declaration of a connector, exporter or rule that takes no options."""


@attrs.frozen
class OptionInfo:
    """One declared option as documentation shows it."""

    name: str
    type: str
    """The declared type, as written (``Decimal``, ``int | None``)."""
    default: Any
    description: str
    expected: str
    """What a value looks like, in words (``"a decimal number"``)."""

    @property
    def default_text(self) -> str:
        """The default as the command line writes it (``0.10``, ``true``, ``rpjpn,rpjpd``; empty for none)."""
        return _text(self.default)

    def to_dict(self) -> dict[str, str]:
        """The option as JSON-ready text (``sinkron plugins --format json``)."""
        return {
            "name": self.name,
            "type": self.type,
            "default": self.default_text,
            "description": self.description,
            "expected": self.expected,
        }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (tuple, list, set, frozenset)):
        return ",".join(_text(item) for item in value)
    if isinstance(value, Mapping):
        return json.dumps({str(k): _text(v) for k, v in value.items()}, ensure_ascii=False)
    return str(value)


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    attrs.resolve_types(cls)
    return tuple(attrs.fields(cls))


def describe_options(cls: type | None) -> tuple[OptionInfo, ...]:
    """The options ``cls`` declares, in declaration order (none for ``None``)."""
    if cls is None:
        return ()
    infos = []
    for field in _fields(cls):
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a class at run time
            default = default.factory()
        infos.append(
            OptionInfo(
                name=field.name,
                type=_type_name(field.type),
                default=default,
                description=str(field.metadata.get(DESCRIPTION, "")),
                expected=_describe_type(field.type),
            )
        )
    return tuple(infos)


def structure_options(cls: type[T], given: Mapping[str, Any], *, owner: str) -> T:
    """``cls`` built from ``given`` (typed values or command-line text); :class:`OptionError` on a bad one.

    ``owner`` names who takes the options in messages (``"rule SKN403"``, ``"the spreadsheet connector"``).
    """
    fields = {field.name: field for field in _fields(cls)}
    values: dict[str, Any] = {}
    for name, value in given.items():
        field = fields.get(name)
        if field is None:
            known = ", ".join(fields) or "none"
            raise OptionError(owner, name, "unknown option", expected=f"one of its options: {known}", actual=value)
        try:
            values[name] = option_converter.structure(value, field.type or Any)
        except Exception:  # cattrs wraps the hooks' errors in several classes; each means "not that type"
            raise OptionError(owner, name, "invalid value", expected=_describe_type(field.type), actual=value) from None
        if field.converter is not None:  # run once here, so that a failure names the option
            try:
                field.converter(values[name])  # type: ignore[operator]
            except (ValueError, TypeError) as exc:
                expected = str(field.metadata.get(DESCRIPTION) or _describe_type(field.type))
                raise OptionError(owner, name, f"invalid value ({exc})", expected=expected, actual=value) from None
    with attrs.validators.disabled():
        instance = cls(**values)
    for field in fields.values():
        if field.validator is None:
            continue
        try:
            field.validator(instance, field, getattr(instance, field.name))
        except (ValueError, TypeError) as exc:
            raise OptionError(
                owner, field.name, "invalid value", expected=str(exc), actual=getattr(instance, field.name)
            ) from None
    return instance


def option_values(instance: Any) -> dict[str, Any]:
    """The options of a declared instance by name (not recursing into values)."""
    return {field.name: getattr(instance, field.name) for field in attrs.fields(type(instance))}


def guess_value(text: str) -> Any:
    """The 0.1 reading of a command-line option for a connector that declares none: integers and true/false
    are typed, the rest stays text. Declared options are structured by their type instead."""
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if text.lstrip("-").isdigit():
        return int(text)
    return text


def _type_of(default: Any) -> Any:
    if isinstance(default, (bool, int, float, Decimal, str)):
        return type(default)
    if isinstance(default, (list, tuple)):
        inner = {type(item) for item in default}
        return list[inner.pop()] if len(inner) == 1 else list[Any]  # type: ignore[misc]
    if isinstance(default, Mapping):
        return dict[str, Any]
    return Any


def _copier(default: list[Any] | dict[Any, Any] | set[Any]) -> Callable[[], Any]:
    """A factory giving each instance its own copy of a mutable default."""
    return lambda: type(default)(default)


def options_from_defaults(name: str, defaults: Mapping[str, Any]) -> type:
    """A declaration made from a 0.1-style dict of defaults: each option typed as its default, undocumented."""
    fields: dict[str, Any] = {}
    for key, default in defaults.items():
        if isinstance(default, (list, dict, set)):
            fields[key] = attrs.field(factory=_copier(default), type=_type_of(default))
        else:
            fields[key] = attrs.field(default=default, type=_type_of(default))
    return attrs.make_class(name, fields, frozen=True, kw_only=True)
