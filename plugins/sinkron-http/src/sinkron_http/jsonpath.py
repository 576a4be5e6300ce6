"""Dotted paths into JSON documents (``"data"``, ``"meta.next_cursor"``, ``"result.0.items"``) and their ``$`` form.

>>> get_path({"meta": {"next": "abc"}}, "meta.next")
'abc'
>>> json_path("meta.next"), json_path(""), json_path("data", 3, "kode_sub_giat")
('$.meta.next', '$', '$.data[3].kode_sub_giat')
"""

from __future__ import annotations

from typing import Any

__all__ = ["MISSING", "describe_json", "get_path", "json_path", "split_path"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


#: Returned by :func:`get_path` when the path does not exist.
MISSING: Any = _Missing()


def split_path(path: str) -> list[str]:
    """The keys of a dotted path (an empty path is the document itself)."""
    return [part for part in path.split(".") if part] if path else []


def get_path(document: Any, path: str) -> Any:
    """The value at a dotted ``path`` (numeric parts index arrays), or :data:`MISSING`."""
    value = document
    for part in split_path(path):
        if isinstance(value, dict):
            if part not in value:
                return MISSING
            value = value[part]
        elif isinstance(value, list) and part.isdigit():
            index = int(part)
            if index >= len(value):
                return MISSING
            value = value[index]
        else:
            return MISSING
    return value


def json_path(path: str, *more: str | int) -> str:
    """The ``$``-rooted JSON path of a dotted path, extended by keys and array indexes."""
    text = "$"
    for part in (*split_path(path), *more):
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            text += f"[{part}]"
        else:
            text += f".{part}"
    return text


def describe_json(value: Any) -> str:
    """A short name of a JSON value's type, for 'expected … found …' messages.

    >>> describe_json([]), describe_json({}), describe_json("x"), describe_json(None)
    ('an array', 'an object', 'a string', 'null')
    """
    if value is MISSING:
        return "nothing (the key is missing)"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
