"""SIPD documents: the API envelope, a bare list of records, or JSON Lines — read and written.

* **envelope** — ``{"action": "get_sub_keg_sipd", "status": "success", "message": …, "data": [records]}``
  as the wp-sipd API answers;
* **list** — ``[records]``;
* **lines** — JSON Lines, one record per line.

All three are parsed record by record (JSON Lines line by line, the others from fixed-size reads
with :meth:`json.JSONDecoder.raw_decode`), so a large export is read in memory bounded by its
largest record.

:func:`iter_records` yields the raw records with their place in the document; problems with the
document itself (invalid JSON, an envelope without a ``data`` list, an API error status) are
reported as located :class:`~sinkron.errors.SourceError` objects. What JSON allows but leaves
ambiguous or unreadable inside a record — a key given twice in one object, an integer of more
digits than Python converts — travels with the record as :class:`Defect` objects (the reader
reports them and leaves the record out); a record nested too deeply to decode is reported at its
index and skipped, and the records after it still read.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from sinkron.errors import Location, SourceError

__all__ = ["CONTAINERS", "Defect", "DocumentInfo", "RawRecord", "dumps_document", "iter_records"]

CONTAINERS = ("envelope", "list", "lines")
_LINE_SUFFIXES = (".jsonl", ".ndjson")
_OK_STATUS = frozenset({"success", "sukses", "berhasil", "ok"})


@attrs.frozen(kw_only=True)
class DocumentInfo:
    """The shape of a SIPD document: its container and, for an envelope, the fields around ``data``."""

    container: str
    envelope: dict[str, Any] | None = None
    """The envelope without ``data`` (``action``, ``status``, ``message`` …), in document order."""
    data_at: int | None = None
    """Position of ``data`` among the envelope's keys."""

    @property
    def action(self) -> str | None:
        action = (self.envelope or {}).get("action")
        return action if isinstance(action, str) else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"container": self.container}
        if self.envelope is not None:
            out["envelope"] = self.envelope
            out["data_at"] = self.data_at
        return out

    @classmethod
    def from_json(cls, data: Any) -> DocumentInfo | None:
        if not isinstance(data, dict) or data.get("container") not in CONTAINERS:
            return None
        envelope = data.get("envelope")
        data_at = data.get("data_at")
        return cls(
            container=data["container"],
            envelope=envelope if isinstance(envelope, dict) else None,
            data_at=data_at if isinstance(data_at, int) else None,
        )


@attrs.frozen(kw_only=True)
class Defect:
    """A problem found while decoding a record: a key given twice in one object, or a number too long to read."""

    path: str
    """Where, below the record (``.pagu``, ``.sub_keg_indikator[0].satuanoutput``)."""
    field: str | None
    message: str
    expected: str
    actual: object = None


@attrs.frozen(kw_only=True)
class RawRecord:
    """One record as found in the document, with its index and place."""

    index: int
    value: Any
    json_path: str
    """``$.data[3]`` (envelope), ``$[3]`` (list or JSON Lines)."""
    row: int | None = None
    """The line number, for JSON Lines."""
    defects: tuple[Defect, ...] = ()
    """What made the record ambiguous or unreadable while it was decoded (the reader leaves it out)."""


def _json_error(source: str, exc: json.JSONDecodeError, row: int | None = None) -> SourceError:
    return SourceError(
        f"invalid JSON: {exc.msg}",
        location=Location(source=source, row=row if row is not None else exc.lineno, column=str(exc.colno)),
        expected="a SIPD JSON document (API envelope, list of records or JSON Lines)",
    )


# -- decoding: repeated keys, too long numbers, too deep nesting -----------------------------------------


class _Repeated(dict[str, Any]):
    """A JSON object in which some key was given more than once (``repeated``: those keys, in order)."""

    repeated: tuple[str, ...] = ()


@attrs.frozen
class _LongNumber:
    """An integer of more digits than Python converts to ``int``, kept as its length."""

    digits: int


#: How many objects with a repeated key were decoded so far (only ever grows: a value is walked for
#: its defects only when this moved while it was decoded).
_repeats = [0]


def _objects(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    repeated: list[str] = []
    for key, _ in pairs:
        if key in seen and key not in repeated:
            repeated.append(key)
        seen.add(key)
    marked = _Repeated(out)
    marked.repeated = tuple(repeated)
    _repeats[0] += 1
    return marked


def _long_ints(text: str) -> int | _LongNumber:
    try:
        return int(text)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        return _LongNumber(len(text.lstrip("-")))


#: Decodes JSON, marking the objects with a repeated key.
_DECODER = json.JSONDecoder(object_pairs_hook=_objects)
#: The same, keeping an integer too long for ``int`` as a :class:`_LongNumber` (used only after a ValueError).
_LENIENT = json.JSONDecoder(object_pairs_hook=_objects, parse_int=_long_ints)
#: What a value nested too deeply to decode is reported as.
TOO_DEEP = "JSON nested too deeply"


def _repeated_key(path: str, key: str) -> Defect:
    return Defect(
        path=path,
        field=key,
        message="duplicate key in a JSON object",
        expected="each key once in an object",
        actual=key,
    )


def _defects(value: Any) -> tuple[Defect, ...]:
    """The repeated keys and too long numbers anywhere in ``value``, in document order (walked without recursion)."""
    found: list[Defect] = []
    stack: list[tuple[str, str | None, Any]] = [("", None, value)]
    while stack:
        path, field, node = stack.pop()
        if isinstance(node, dict):
            found.extend(_repeated_key(f"{path}.{key}", key) for key in getattr(node, "repeated", ()))
            stack.extend((f"{path}.{key}", key, child) for key, child in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{path}[{number}]", field, child) for number, child in reversed(list(enumerate(node))))
        elif isinstance(node, _LongNumber):
            limit = sys.get_int_max_str_digits()
            found.append(
                Defect(
                    path=path,
                    field=field,
                    message=f"number too long: more than {limit} digits",
                    expected=f"a number of at most {limit} digits",
                    actual=f"{node.digits} digits",
                )
            )
    return tuple(found)


def _decode(text: str, pos: int) -> tuple[Any, int, tuple[Defect, ...]]:
    """``raw_decode`` at ``pos`` and the value's defects; ``RecursionError`` when it is nested too deeply."""
    repeats = _repeats[0]
    try:
        value, end = _DECODER.raw_decode(text, pos)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer longer than Python converts: decode again, keeping it as a _LongNumber
        value, end = _LENIENT.raw_decode(text, pos)
        return value, end, _defects(value)
    return value, end, (_defects(value) if _repeats[0] != repeats else ())


#: The first line of a JSON Lines file is read up to this many characters to recognise the format.
_SNIFF_LINE = 16 * 1024 * 1024
_CHUNK = 256 * 1024
_WHITESPACE = " \t\r\n"
_NUMBER_CHARS = frozenset("0123456789.eE+-")
#: While skipping a value: a run of characters outside strings that opens or closes nothing.
_PLAIN_RUN = re.compile(r'[^"\\\[\]{},\s]+')
_OPEN_RUN = re.compile(r"[\[{]+")
_CLOSE_RUN = re.compile(r"[\]}]+")
#: While skipping a value: a run of characters inside a string that neither ends nor escapes.
_STRING_RUN = re.compile(r'[^"\\]+')


def _match_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    match = pattern.match(text, pos)
    return match.end() if match else pos + 1


def _looks_like_lines(handle: IO[str]) -> bool:
    """A file whose first line is a complete JSON object, followed by a line starting with ``{``, is JSON Lines.

    Only the first two lines are looked at, each up to a bound, so a minified single-line envelope
    is never read whole here.
    """
    first = handle.readline(_SNIFF_LINE)
    while first and not first.strip():
        first = handle.readline(_SNIFF_LINE)
    text = first.strip()
    if not first.endswith("\n") or not text.startswith("{"):
        return False
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return False
    except (RecursionError, ValueError):  # one complete object, too deep or with too long a number: a record still
        value = {}
    if not isinstance(value, dict):
        return False
    second = handle.readline(_SNIFF_LINE)
    while second and not second.strip():
        second = handle.readline(_SNIFF_LINE)
    return second.lstrip().startswith("{")


def iter_records(
    path: str | Path,
    info_out: list[DocumentInfo],
    errors: list[SourceError],
    *,
    source: str | None = None,
    chunk: int = _CHUNK,
) -> Iterator[RawRecord]:
    """Yield every record of the SIPD document at ``path``, reading the file incrementally.

    The document's :class:`DocumentInfo` is appended to ``info_out`` before the first record is
    yielded, and again at the end when envelope fields followed ``data`` (the last one is complete);
    document-level problems are appended to ``errors``. Envelopes and lists are parsed record by
    record from ``chunk``-sized reads, JSON Lines line by line: memory stays bounded by the largest
    record, not the file.
    """
    path = Path(path)
    where = source or str(path)
    try:
        lines = path.suffix.lower() in _LINE_SUFFIXES
        if not lines:
            with path.open(encoding="utf-8-sig") as handle:
                lines = _looks_like_lines(handle)
        if lines:
            info_out.append(DocumentInfo(container="lines"))
            yield from _iter_lines(path, where, errors)
            return
        with path.open(encoding="utf-8-sig") as handle:
            yield from _Scanner(handle, where, chunk).records(info_out, errors)
    except UnicodeDecodeError as exc:
        errors.append(SourceError(f"not UTF-8 text: {exc.reason}", location=Location(source=where)))
    except OSError as exc:
        errors.append(SourceError(f"cannot read file: {exc.strerror or exc}", location=Location(source=where)))


class _Broken(Exception):
    """The document is not valid JSON at a place (reported with line and column)."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _TooDeep(Exception):
    """A value nested too deeply to decode, skipped; it started at ``line``, ``column``."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(TOO_DEEP)
        self.line, self.column = line, column

    def error(self, where: str, json_path: str) -> SourceError:
        return SourceError(
            TOO_DEEP,
            location=Location(source=where, row=self.line, column=str(self.column), json_path=json_path),
            expected=f"fewer than {sys.getrecursionlimit()} nested arrays and objects",
        )


class _Scanner:
    """Reads one JSON value incrementally and yields the items of its record array."""

    def __init__(self, handle: IO[str], where: str, chunk: int) -> None:
        self.handle = handle
        self.where = where
        self.chunk = max(chunk, 1)
        self.buffer = ""
        self.pos = 0
        self.eof = False
        self.line_base = 0
        """Line breaks in the text dropped from the buffer."""
        self.column_base = 0
        """Characters after the last dropped line break."""

    # -- low level -----------------------------------------------------------------------------------
    def _fill(self) -> bool:
        if self.eof:
            return False
        if self.pos > self.chunk:  # drop what was read, so memory stays bounded
            dropped = self.buffer[: self.pos]
            breaks = dropped.count("\n")
            self.line_base += breaks
            self.column_base = len(dropped) - dropped.rfind("\n") - 1 if breaks else self.column_base + len(dropped)
            self.buffer = self.buffer[self.pos :]
            self.pos = 0
        data = self.handle.read(self.chunk)
        if not data:
            self.eof = True
            return False
        self.buffer += data
        return True

    def _where(self, pos: int) -> tuple[int, int]:
        line = self.line_base + self.buffer.count("\n", 0, pos) + 1
        last = self.buffer.rfind("\n", 0, pos)
        column = pos - last if last >= 0 else self.column_base + pos + 1
        return line, column

    def _broken(self, message: str, pos: int | None = None) -> _Broken:
        line, column = self._where(self.pos if pos is None else pos)
        return _Broken(message, line, column)

    def peek(self) -> str | None:
        """The next character that is not whitespace (``None`` at the end)."""
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._fill():
                return None

    def value(self) -> Any:
        """The next complete JSON value (its defects are left out: for keys and checks that come after them)."""
        return self.checked()[0]

    def checked(self) -> tuple[Any, tuple[Defect, ...]]:
        """The next complete JSON value with its defects; :class:`_TooDeep` (after skipping it) when too deep."""
        self.peek()
        while True:
            try:
                value, end, defects = _decode(self.buffer, self.pos)
            except RecursionError:
                line, column = self._where(self.pos)
                self.skip()
                raise _TooDeep(line, column) from None
            except json.JSONDecodeError as exc:
                # a value cut by the end of the buffer fails near its end, or as an unterminated string
                truncated = exc.pos >= len(self.buffer) - 8 or exc.msg.startswith("Unterminated string")
                if truncated and self._fill():
                    continue
                raise self._broken(exc.msg, exc.pos) from None
            if self._may_go_on(value, end) and self._fill():
                continue  # a number cut by the end of the buffer ("0." of "0.5"): decode it again
            self.pos = end
            return value, defects

    def skip(self) -> None:
        """Move past the value at the current position without decoding it: any depth, memory bounded by the chunk."""
        depth = 0
        in_string = False
        while True:
            if self.pos >= len(self.buffer) and not self._fill():
                if depth or in_string:
                    raise self._broken("the document ends inside a value")
                return
            buffer, pos = self.buffer, self.pos
            char = buffer[pos]
            if in_string:
                if char == '"':
                    in_string = False
                    self.pos += 1
                    if not depth:
                        return
                elif char == "\\":
                    if pos + 1 < len(buffer):
                        self.pos += 2
                    elif not self._fill():
                        raise self._broken("the document ends inside a value")
                else:
                    self.pos = _match_end(_STRING_RUN, buffer, pos)
            elif char == '"':
                in_string = True
                self.pos += 1
            elif char in "[{":
                self.pos = _match_end(_OPEN_RUN, buffer, pos)
                depth += self.pos - pos
            elif char in "]}" or (not depth and (char == "," or char in _WHITESPACE)):
                if not depth:
                    return  # the end of a scalar (or of nothing)
                closed = min(_match_end(_CLOSE_RUN, buffer, pos) - pos, depth)
                depth -= closed
                self.pos += closed
                if not depth:
                    return
            else:
                self.pos = _match_end(_PLAIN_RUN, buffer, pos)

    def _may_go_on(self, value: Any, end: int) -> bool:
        if end == len(self.buffer):
            return True
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return is_number and all(char in _NUMBER_CHARS for char in self.buffer[end:])

    def expect(self, chars: str, what: str) -> str:
        char = self.peek()
        if char is None or char not in chars:
            raise self._broken(f"expected {what}")
        self.pos += 1
        return char

    # -- the document ------------------------------------------------------------------------------------
    def records(self, info_out: list[DocumentInfo], errors: list[SourceError]) -> Iterator[RawRecord]:
        try:
            yield from self._document(info_out, errors)
        except _Broken as exc:
            if not info_out:
                info_out.append(DocumentInfo(container="list"))
            errors.append(
                SourceError(
                    f"invalid JSON: {exc.message}",
                    location=Location(source=self.where, row=exc.line, column=str(exc.column)),
                    expected="a SIPD JSON document (API envelope, list of records or JSON Lines)",
                )
            )

    def _document(self, info_out: list[DocumentInfo], errors: list[SourceError]) -> Iterator[RawRecord]:
        first = self.peek()
        if first == "[":
            self.pos += 1
            info_out.append(DocumentInfo(container="list"))
            yield from self._items("$", errors)
        elif first == "{":
            self.pos += 1
            yield from self._object(info_out, errors)
        elif first is None:
            raise self._broken("the file is empty")
        else:
            info_out.append(DocumentInfo(container="list"))
            value, _ = self.checked()  # a scalar: never too deep
            errors.append(
                SourceError(
                    "not a SIPD document",
                    location=Location(source=self.where, json_path="$"),
                    expected="an API envelope, a list of records or JSON Lines",
                    actual="int" if isinstance(value, _LongNumber) else type(value).__name__,
                )
            )
        if self.peek() is not None:
            raise self._broken("extra data after the document")

    def _items(self, prefix: str, errors: list[SourceError]) -> Iterator[RawRecord]:
        index = 0
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            path = f"{prefix}[{index}]"
            try:
                value, defects = self.checked()
            except _TooDeep as exc:
                errors.append(exc.error(self.where, path))
            else:
                yield RawRecord(index=index, value=value, json_path=path, defects=defects)
            index += 1
            if self.expect(",]", "',' or ']' between records") == "]":
                return

    def _object(self, info_out: list[DocumentInfo], errors: list[SourceError]) -> Iterator[RawRecord]:
        """The document is an object: an API envelope (its ``data`` records streamed) or one record."""
        read = _Members()
        if self.peek() == "}":
            self.pos += 1
        else:
            yield from self._members(read, info_out, errors)
        record = self._close_object(read, info_out, errors)
        if record is not None:
            yield record

    def _members(self, read: _Members, info_out: list[DocumentInfo], errors: list[SourceError]) -> Iterator[RawRecord]:
        """Read the members of an object up to its ``}``; a ``data`` list is streamed record by record."""
        while True:
            if self.peek() != '"':
                raise self._broken("expected a key")
            key = self.value()
            self.expect(":", "':' after a key")
            if key == "data" and read.data_at is None and self.peek() == "[":
                self.pos += 1
                read.data_at = len(read.members)
                info_out.append(DocumentInfo(container="envelope", envelope=dict(read.members), data_at=read.data_at))
                yield from self._items("$.data", errors)
                read.streamed = True
            else:
                self._member(key, read)
            if self.expect(",}", "',' or '}' between fields") == "}":
                return

    def _member(self, key: str, read: _Members) -> None:
        """Read the value of the member ``key`` (kept unless it is repeated or has defects)."""
        try:
            value, found = self.checked()
        except _TooDeep as exc:
            read.too_deep.append((key, exc))
            return
        repeated = key in read.members or (key == "data" and read.streamed)
        if repeated:
            read.defects.append(_repeated_key(f".{key}", key))
        read.defects.extend(attrs.evolve(defect, path=f".{key}{defect.path}") for defect in found)
        if not repeated and not found:
            read.members[key] = value

    def _close_object(
        self, read: _Members, info_out: list[DocumentInfo], errors: list[SourceError]
    ) -> RawRecord | None:
        """What the object read was: an envelope (its shape and status checked) or the one record of the document."""
        members = read.members
        is_envelope = read.streamed or "data" in members
        prefix = "$" if is_envelope else "$[0]"  # an envelope's field, or the one record's
        errors.extend(exc.error(self.where, f"{prefix}.{key}") for key, exc in read.too_deep)
        if is_envelope:
            errors.extend(_defect_error(self.where, defect) for defect in read.defects)
        if read.streamed:
            assert read.data_at is not None
            final = DocumentInfo(container="envelope", envelope=members, data_at=read.data_at)
            if final != info_out[-1]:
                info_out.append(final)
            _check_status(members, self.where, errors)
            return None
        if "data" in members:
            keys = list(members)
            envelope = {key: value for key, value in members.items() if key != "data"}
            info_out.append(DocumentInfo(container="envelope", envelope=envelope, data_at=keys.index("data")))
            _check_status(envelope, self.where, errors)
            errors.append(
                SourceError(
                    "the envelope's data is not a list of records",
                    location=Location(source=self.where, json_path="$.data"),
                    expected="a list of SIPD records",
                    actual=type(members["data"]).__name__,
                )
            )
            return None
        info_out.append(DocumentInfo(container="lines"))
        if read.too_deep:
            return None
        return RawRecord(index=0, value=members, json_path="$[0]", row=1, defects=tuple(read.defects))


class _Members:
    """The members of the document's object as they are read."""

    def __init__(self) -> None:
        self.members: dict[str, Any] = {}
        self.data_at: int | None = None
        """The position of ``data`` among the members, when it is a list (streamed)."""
        self.streamed = False
        self.defects: list[Defect] = []
        """Of the object's members: the document's when it is an envelope, the record's when it is one."""
        self.too_deep: list[tuple[str, _TooDeep]] = []


def _check_status(envelope: dict[str, Any], where: str, errors: list[SourceError]) -> None:
    status = envelope.get("status")
    if isinstance(status, str) and status.strip().lower() not in _OK_STATUS:
        errors.append(
            SourceError(
                f"the SIPD API answered status {status!r}: {envelope.get('message')!s}",
                location=Location(source=where, json_path="$.status"),
                expected="status 'success'",
                actual=status,
            )
        )


def _iter_lines(path: Path, where: str, errors: list[SourceError]) -> Iterator[RawRecord]:
    index = 0
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value, defects = _decode_line(line)
            except json.JSONDecodeError as exc:
                errors.append(_json_error(where, exc, row=number))
            except RecursionError:
                errors.append(_TooDeep(number, 1).error(where, f"$[{index}]"))
            else:
                yield RawRecord(index=index, value=value, json_path=f"$[{index}]", row=number, defects=defects)
            index += 1


def _decode_line(line: str) -> tuple[Any, tuple[Defect, ...]]:
    """One JSON Lines record, as ``json.loads`` reads it (same errors), with its defects."""
    start = len(line) - len(line.lstrip(_WHITESPACE))
    value, end, defects = _decode(line, start)
    if line[end:].strip(_WHITESPACE):
        raise json.JSONDecodeError("Extra data", line, end + len(line[end:]) - len(line[end:].lstrip(_WHITESPACE)))
    return value, defects


def _defect_error(where: str, defect: Defect) -> SourceError:
    """A defect of the envelope itself (not of a record) as a located error."""
    return SourceError(
        defect.message,
        location=Location(source=where, json_path="$" + defect.path, field=defect.field),
        expected=defect.expected,
        actual=defect.actual,
    )


#: Line breaks other than ``\n`` that JSON leaves unescaped and some line readers still split on.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _line(record: Any) -> str:
    text = json.dumps(record, ensure_ascii=False)
    for char, escaped in _LINE_BREAKS.items():
        text = text.replace(char, escaped)
    return text + "\n"


def dumps_document(records: list[dict[str, Any]], info: DocumentInfo, *, indent: int | None = 1) -> str:
    """The text of a SIPD document holding ``records`` in the container ``info`` describes."""
    if info.container == "lines":
        return "".join(_line(record) for record in records)
    body: Any = records
    if info.container == "envelope":
        items = list((info.envelope or {}).items())
        at = info.data_at if info.data_at is not None else len(items)
        items.insert(min(at, len(items)), ("data", records))
        body = dict(items)
    return json.dumps(body, ensure_ascii=False, indent=indent) + "\n"
