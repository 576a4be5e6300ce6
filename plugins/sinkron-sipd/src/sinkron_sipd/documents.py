"""SIPD documents: the API envelope, a bare list of records, or JSON Lines — read and written.

* **envelope** — ``{"action": "get_sub_keg_sipd", "status": "success", "message": …, "data": [records]}``
  as the wp-sipd API answers;
* **list** — ``[records]``;
* **lines** — JSON Lines, one record per line. Lines are read one at a time, so a large export is
  parsed in constant memory.

:func:`iter_records` yields the raw records with their place in the document; problems with the
document itself (invalid JSON, an envelope without a ``data`` list, an API error status) are
reported as located :class:`~sinkron.errors.SourceError` objects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from sinkron.errors import Location, SourceError

__all__ = ["CONTAINERS", "DocumentInfo", "RawRecord", "dumps_document", "iter_records"]

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
class RawRecord:
    """One record as found in the document, with its index and place."""

    index: int
    value: Any
    json_path: str
    """``$.data[3]`` (envelope), ``$[3]`` (list or JSON Lines)."""
    row: int | None = None
    """The line number, for JSON Lines."""


def _json_error(source: str, exc: json.JSONDecodeError, row: int | None = None) -> SourceError:
    return SourceError(
        f"invalid JSON: {exc.msg}",
        location=Location(source=source, row=row if row is not None else exc.lineno, column=str(exc.colno)),
        expected="a SIPD JSON document (API envelope, list of records or JSON Lines)",
    )


def _looks_like_lines(handle: IO[str]) -> bool:
    """A file whose first two non-empty lines are each a complete JSON object is JSON Lines."""
    found = 0
    for line in handle:
        text = line.strip()
        if not text:
            continue
        if not text.startswith("{"):
            return False
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            return False
        if not isinstance(value, dict):
            return False
        found += 1
        if found == 2:
            return True
    return False


def iter_records(
    path: str | Path, info_out: list[DocumentInfo], errors: list[SourceError], *, source: str | None = None
) -> Iterator[RawRecord]:
    """Yield every record of the SIPD document at ``path``.

    The document's :class:`DocumentInfo` is appended to ``info_out`` before the first record is
    yielded; document-level problems are appended to ``errors``.
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
            try:
                document = json.load(handle)
            except json.JSONDecodeError as exc:
                errors.append(_json_error(where, exc))
                info_out.append(DocumentInfo(container="list"))
                return
    except UnicodeDecodeError as exc:
        errors.append(SourceError(f"not UTF-8 text: {exc.reason}", location=Location(source=where)))
        return
    except OSError as exc:
        errors.append(SourceError(f"cannot read file: {exc.strerror or exc}", location=Location(source=where)))
        return
    yield from _iter_document(document, where, info_out, errors)


def _iter_lines(path: Path, where: str, errors: list[SourceError]) -> Iterator[RawRecord]:
    index = 0
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(_json_error(where, exc, row=number))
                index += 1
                continue
            yield RawRecord(index=index, value=value, json_path=f"$[{index}]", row=number)
            index += 1


def _iter_document(
    document: Any, where: str, info_out: list[DocumentInfo], errors: list[SourceError]
) -> Iterator[RawRecord]:
    if isinstance(document, list):
        info_out.append(DocumentInfo(container="list"))
        for index, value in enumerate(document):
            yield RawRecord(index=index, value=value, json_path=f"$[{index}]")
        return
    if isinstance(document, dict) and "data" in document:
        keys = list(document)
        envelope = {key: value for key, value in document.items() if key != "data"}
        info_out.append(DocumentInfo(container="envelope", envelope=envelope, data_at=keys.index("data")))
        status = document.get("status")
        if isinstance(status, str) and status.strip().lower() not in _OK_STATUS:
            errors.append(
                SourceError(
                    f"the SIPD API answered status {status!r}: {document.get('message')!s}",
                    location=Location(source=where, json_path="$.status"),
                    expected="status 'success'",
                    actual=status,
                )
            )
        data = document["data"]
        if not isinstance(data, list):
            errors.append(
                SourceError(
                    "the envelope's data is not a list of records",
                    location=Location(source=where, json_path="$.data"),
                    expected="a list of SIPD records",
                    actual=type(data).__name__,
                )
            )
            return
        for index, value in enumerate(data):
            yield RawRecord(index=index, value=value, json_path=f"$.data[{index}]")
        return
    if isinstance(document, dict):
        info_out.append(DocumentInfo(container="lines"))
        yield RawRecord(index=0, value=document, json_path="$[0]", row=1)
        return
    info_out.append(DocumentInfo(container="list"))
    errors.append(
        SourceError(
            "not a SIPD document",
            location=Location(source=where, json_path="$"),
            expected="an API envelope, a list of records or JSON Lines",
            actual=type(document).__name__,
        )
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
