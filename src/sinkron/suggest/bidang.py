"""Which Prioritas Nasional a bidang urusan (or a program) usually serves: data, overridable.

The shipped table (``sinkron/suggest/data/bidang_priorities.csv``, columns ``kode, pn, bobot,
catatan``) maps nomenclature codes to the PN of RPJMN 2025–2029 they serve, with a weight: ``1.02``
kesehatan → PN 04 (SDM, kesehatan), ``1.06`` sosial → PN 06 (kemiskinan), and more specific codes
where a bidang serves several PN (``1.03.03`` air minum → PN 02 swasembada air). It is sinkron's
reading of the PN names, **not** an official crosswalk; ``docs/suggest.md`` lists it.

For an item, the most specific code of the table that contains the item's code decides (a program
row replaces its bidang's rows). Program penunjang codes (``….01``) are looked up in their generic
form (``X.XX.01``) only: they serve the agency, not the bidang's theme.

>>> table = BidangMap.default()
>>> [(rule.pn, rule.weight) for rule in table.rules_for("1.06.05.2.02.0003")]
[('06', 1.0), ('04', 0.5)]
>>> [(rule.pn, rule.weight) for rule in table.rules_for("1.03.03.2.01.0028")]
[('02', 1.0), ('03', 0.5)]
>>> [rule.pn for rule in table.rules_for("1.02.01.2.01.0001")]
['07']
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import attrs

from sinkron.codes import Code
from sinkron.errors import CodeError, Location, SourceError, ValidationError

__all__ = ["BidangMap", "BidangRule"]

_COLUMNS = ("kode", "pn", "bobot")


@attrs.frozen(kw_only=True)
class BidangRule:
    """One row: items under ``code`` serve PN ``pn`` (two digits) with ``weight`` in (0, 1]."""

    code: Code
    pn: str
    weight: float = 1.0
    note: str | None = None


@attrs.frozen
class BidangMap:
    """The bidang urusan ↔ PN table."""

    rules: tuple[BidangRule, ...] = ()
    _by_code: dict[Code, list[BidangRule]] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for rule in self.rules:
            self._by_code.setdefault(rule.code, []).append(rule)

    @classmethod
    def default(cls) -> BidangMap:
        """The shipped table."""
        return _default()

    @classmethod
    def from_csv(cls, path: str | Path) -> BidangMap:
        """Read a table in the shipped format; every bad cell is reported, located, in one ValidationError."""
        path = Path(path)
        return cls(tuple(_read(path.read_text(encoding="utf-8-sig"), str(path))))

    def extended(self, other: BidangMap) -> BidangMap:
        """This table with ``other``'s rows on top: a code listed in ``other`` keeps only ``other``'s rows."""
        replaced = {rule.code for rule in other.rules}
        return BidangMap((*(r for r in self.rules if r.code not in replaced), *other.rules))

    def rules_for(self, code: Code | str) -> list[BidangRule]:
        """The rows that decide for ``code`` (its most specific listed ancestor), heaviest first."""
        code = Code.parse(code) if isinstance(code, str) else code
        by_code = self._by_code
        chain = code.as_generic() if code.is_support else code
        for candidate in (chain, *reversed(chain.ancestors)):
            rules = by_code.get(candidate)
            if rules:
                return sorted(rules, key=lambda r: (-r.weight, r.pn))
        return []


@functools.lru_cache(maxsize=1)
def _default() -> BidangMap:
    text = resources.files("sinkron.suggest").joinpath("data").joinpath("bidang_priorities.csv").read_text("utf-8")
    return BidangMap(tuple(_read(text, "bidang_priorities.csv")))


def _read(text: str, source: str) -> Iterable[BidangRule]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise SourceError(
            f"missing column(s) {', '.join(missing)}",
            location=Location(source=source, row=1),
            expected=", ".join(_COLUMNS),
            actual=", ".join(reader.fieldnames or ()),
        )
    rules: list[BidangRule] = []
    errors: list[SourceError] = []
    for row_number, row in enumerate(reader, start=2):
        where = Location(source=source, row=row_number)
        if row.get(None):
            errors.append(
                SourceError(
                    "more cells than columns (quote a catatan with commas)",
                    location=where,
                    expected=", ".join(reader.fieldnames or ()),
                    actual=row[None],
                )
            )
            continue
        try:
            code = Code.parse((row["kode"] or "").strip())
        except CodeError as exc:
            errors.append(SourceError(exc.reason, location=where.evolve(column="kode"), actual=row["kode"]))
            continue
        pn = (row["pn"] or "").strip()
        if not pn.isdigit() or not 1 <= int(pn) <= 99:
            errors.append(
                SourceError("not a PN number", location=where.evolve(column="pn"), expected="01 … 08", actual=pn)
            )
            continue
        try:
            weight = float((row["bobot"] or "1").strip().replace(",", "."))
        except ValueError:
            weight = -1.0
        if not 0 < weight <= 1:
            errors.append(
                SourceError(
                    "not a weight",
                    location=where.evolve(column="bobot"),
                    expected="a number in (0, 1]",
                    actual=row["bobot"],
                )
            )
            continue
        rules.append(
            BidangRule(code=code, pn=pn.zfill(2), weight=weight, note=(row.get("catatan") or "").strip() or None)
        )
    if errors:
        raise ValidationError(errors, source=source)
    return rules
