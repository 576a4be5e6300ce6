"""Shared validators of the national (K/L) models."""

from __future__ import annotations

import re
from typing import Any

import attrs

from sinkron.errors import InvalidModel

_REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2})?\Z")


def region_code(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """A Kemendagri kode wilayah: ``62`` (province) or ``62.71`` (kabupaten/kota); ``None`` allowed."""
    if value is None:
        return
    if not isinstance(value, str) or not _REGION_CODE.match(value):
        raise InvalidModel(
            type(instance).__name__,
            attribute.name,
            f"expected a kode wilayah like '62' or '62.71', got {value!r}",
        )


def province_of(code: str) -> str:
    """The province part of a kode wilayah: ``62.71`` → ``62``."""
    return code.split(".", 1)[0]


def within_region(inner: str, outer: str) -> bool:
    """True when kode wilayah ``inner`` lies in ``outer`` (equal, or a kab/kota of the province)."""
    return inner == outer or ("." not in outer and province_of(inner) == outer)
