"""JSON records as they come out of a response (or a saved response file), each with its place.

>>> records = list(iter_records({"data": [{"a": 1}, {"a": 2}]}, "data", source="saved.json"))
>>> records[1].value, str(records[1].location)
({'a': 2}, 'saved.json, $.data[1]')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from sinkron.errors import Location, SourceError
from sinkron_http.jsonpath import MISSING, describe_json, get_path, json_path

__all__ = ["JsonRecord", "RecordsShapeError", "find_records", "iter_records"]


@attrs.frozen(kw_only=True)
class JsonRecord:
    """One record of a JSON API: its value, the page it came on and where it sits in that page."""

    value: Any
    page: int = 1
    """1-based page number."""
    index: int = 0
    """0-based position in the page's record array."""
    number: int = 1
    """1-based position in the whole stream."""
    location: Location
    """Source (the page's URL, redacted, or a file) and JSON path (``$.data[3]``)."""

    def error(
        self, message: str, *, field: str | None = None, expected: str | None = None, actual: object = None
    ) -> SourceError:
        """A :class:`~sinkron.SourceError` about this record (or one of its fields), naming the page."""
        path = self.location.json_path or "$"
        if field:
            path = f"{path}.{field}"
        return SourceError(
            f"page {self.page}: {message}",
            location=self.location.evolve(json_path=path),
            expected=expected,
            actual=actual,
        )


class RecordsShapeError(Exception):
    """The body has no record array at the records path."""

    def __init__(self, path: str, found: Any) -> None:
        self.json_path = json_path(path)
        self.found = describe_json(found)
        super().__init__(f"no record array at {self.json_path}")


def find_records(body: Any, records_path: str) -> list[Any]:
    """The record array at ``records_path``; :class:`RecordsShapeError` when absent or not an array.

    An API that answers ``"data": null`` for an empty result gives no records.
    """
    found = get_path(body, records_path)
    if found is None and records_path:
        return []
    if not isinstance(found, list):
        raise RecordsShapeError(records_path, found if found is not MISSING else MISSING)
    return found


def iter_records(
    body: Any, records_path: str, *, source: str, page: int = 1, start_number: int = 1
) -> Iterator[JsonRecord]:
    """The records of one response body as :class:`JsonRecord` (raises :class:`RecordsShapeError`)."""
    for index, value in enumerate(find_records(body, records_path)):
        yield JsonRecord(
            value=value,
            page=page,
            index=index,
            number=start_number + index,
            location=Location(source=source, json_path=json_path(records_path, index)),
        )


def located_shape_error(exc: RecordsShapeError, source: str) -> SourceError:
    """A :class:`RecordsShapeError` as a located error."""
    return SourceError(
        "the response has no record array at the records path",
        location=Location(source=source, json_path=exc.json_path),
        expected="an array of records",
        actual=exc.found,
    )
