"""How a SIPD object is written back exactly as it was read.

The reader builds sinkron models from a record, renders those models back into the *canonical*
SIPD form (see :mod:`sinkron_sipd.render`), and compares the two. What differs is kept in a small
JSON-ready *layout* stored in the model's ``extra["sipd"]``:

* ``fields`` — keys sinkron does not model, verbatim (SIPD ids also under ``ids``);
* ``verbatim`` — ``key: [as written, canonical at read time]`` for modelled keys written another
  way (``"1.234.567"`` for a pagu of 1234567, a name with its code prefix …);
* ``absent`` — ``key: canonical at read time`` for modelled keys the source did not have.

Writing renders the models again and applies the layout: a key whose canonical text is still the
one seen at read time gets the original text back; a key whose model value was changed gets the
new canonical text. So an unchanged bundle writes back the same JSON, and edits win.

A row of a nested block is kept as an *entry*: ``{"ref": …, "keys": …}`` plus the row's layout.
Bundles saved by earlier versions may hold entries in a compact form (a row that is exactly its
canonical form as its ``ref`` alone, one that adds only unmodelled keys as ``[ref, [key, …],
[value, …]]``): :func:`expand_entry` reads them.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any

from sinkron_sipd.fields import is_id_field

__all__ = ["apply_layout", "diff_object", "expand_entry", "same"]


def same(a: Any, b: Any) -> bool:
    """JSON equality that tells ``"1"`` from ``1``, ``1`` from ``True`` and ``1`` from ``1.0``."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def diff_object(
    raw: Mapping[str, Any],
    canonical: Mapping[str, Any],
    *,
    split_ids: bool = False,
    skip: Container[str] = (),
) -> dict[str, Any]:
    """The layout that turns ``canonical`` back into ``raw`` (only the parts that are needed).

    Keys of ``raw`` in ``skip`` are left out (the nested blocks, kept apart); with ``split_ids``, the
    unmodelled keys that are SIPD ids go to ``ids``, the others to ``fields``.

    >>> diff_object({"pagu": "1.000", "id_unit": "7", "nama": "A"}, {"pagu": "1000", "nama": "A", "kode": "1"}, split_ids=True)
    {'ids': {'id_unit': '7'}, 'verbatim': {'pagu': ['1.000', '1000']}, 'absent': {'kode': '1'}}
    """
    layout: dict[str, Any] = {}
    verbatim: dict[str, Any] = {}
    absent: dict[str, Any] = {}
    for key, value in canonical.items():
        if key not in raw:
            absent[key] = value
        elif not same(raw[key], value):
            verbatim[key] = [raw[key], value]
    ids: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        if key in canonical or key in skip:
            continue
        (ids if split_ids and is_id_field(key) else fields)[key] = value
    if ids:
        layout["ids"] = ids
    if fields:
        layout["fields"] = fields
    if verbatim:
        layout["verbatim"] = verbatim
    if absent:
        layout["absent"] = absent
    return layout


def apply_layout(canonical: Mapping[str, Any], layout: Mapping[str, Any] | None) -> dict[str, Any]:
    """The object to write: ``canonical`` with the original spelling and the unmodelled keys restored."""
    out: dict[str, Any] = {}
    if not layout:
        return dict(canonical)
    out.update(layout.get("ids") or {})
    out.update(layout.get("fields") or {})
    verbatim: Mapping[str, Any] = layout.get("verbatim") or {}
    absent: Mapping[str, Any] = layout.get("absent") or {}
    for key, value in canonical.items():
        if key in absent and same(absent[key], value):
            continue
        kept = verbatim.get(key)
        if isinstance(kept, list) and len(kept) == 2 and same(kept[1], value):
            out[key] = kept[0]
        else:
            out[key] = value
    return out


def expand_entry(entry: Any) -> Any:
    """The dict form of an entry kept compactly by earlier versions (tuples taken for lists); any other
    value is returned as it is.

    >>> expand_entry(["jumlah-dokumen", ["id", "active"], ["17", "1"]])
    {'ref': 'jumlah-dokumen', 'fields': {'id': '17', 'active': '1'}}
    """
    if isinstance(entry, str):
        return {"ref": entry}
    if not isinstance(entry, (list, tuple)) or len(entry) != 3:
        return entry
    ref, keys, values = entry
    if (
        isinstance(ref, str)
        and isinstance(keys, (list, tuple))
        and isinstance(values, (list, tuple))
        and len(keys) == len(values)
        and all(isinstance(key, str) for key in keys)
    ):
        return {"ref": ref, "fields": dict(zip(keys, values))}
    return entry
