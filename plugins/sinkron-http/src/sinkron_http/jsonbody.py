"""Parsing a JSON body, live or saved: what ``json`` would let through silently is refused.

A response body and a saved response file are parsed by :func:`parse_json_body`, so both refuse the
same things with the same words: a key given twice in one object (``json`` would keep the last
value), ``NaN``/``Infinity``, text that is not UTF-8, nesting too deep to decode, a number of more
digits than Python reads, an empty body, and invalid JSON (with the line and column, and a hint when
the body is HTML or ends in the middle of the document).
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["JsonBodyError", "parse_json_body"]


class JsonBodyError(ValueError):
    """A body that is not a JSON document sinkron reads; ``line``/``column`` where the parser stopped, if known."""

    def __init__(
        self, message: str, *, expected: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.line = line
        self.column = column


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose key repeats is refused: ``json`` would silently keep the last value."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def parse_json_body(body: bytes, *, what: str = "the response", content_type: str = "") -> Any:
    """The JSON document in ``body``, or :class:`JsonBodyError` saying what is wrong with ``what`` (its subject).

    >>> parse_json_body(b'{"data": [{"pagu": "350000000"}]}')
    {'data': [{'pagu': '350000000'}]}
    >>> try:
    ...     parse_json_body(b'{"data": [], "data": [1]}', what="the saved response")
    ... except JsonBodyError as exc:
    ...     print(exc.message)
    the saved response is not valid JSON: the key 'data' appears twice in one object
    """
    if not body.strip():
        raise JsonBodyError(f"{what} body is empty", expected="a JSON document")
    try:
        return json.loads(body, parse_constant=_reject_constant, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as exc:
        hint = ""
        if "html" in content_type.lower() or body.lstrip()[:1] == b"<":
            hint = f"; the server sent {content_type or 'HTML'}, not JSON"
        elif exc.pos >= len(body.rstrip()) - 1 or exc.msg.startswith("Unterminated string"):
            hint = f"; the body ends after {len(body)} bytes, in the middle of the document (truncated?)"
        raise JsonBodyError(
            f"{what} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}){hint}",
            expected="a JSON document",
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except UnicodeDecodeError:
        raise JsonBodyError(f"{what} is not UTF-8 text", expected="a JSON document") from None
    except ValueError as exc:  # a repeated key, NaN/Infinity, a number of too many digits
        raise JsonBodyError(f"{what} is not valid JSON: {exc}") from None
    except RecursionError:
        raise JsonBodyError(f"{what} JSON is nested too deeply") from None
