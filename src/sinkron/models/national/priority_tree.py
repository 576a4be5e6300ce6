"""The national priority tree of one document: PN → PP → KP → ProP (RPJMN 2025–2029, RKP 2026 …).

Each node is coded ``PN.PP.KP[.ProP]``, two digits per level (``02.10.09`` is KP 09 of PP 10 of
PN 02). A tree is versioned by the document that sets it: an RKP year may renumber what the RPJMN
set, so every tree has its own id and node ids are ``"<tree id>:<code>"``
(``rpjmn-2025-2029:02.10.09``).

Nodes carry what the RPJMN matrices give: the Kegiatan Prioritas Utama (KPU) flag, sasaran with
indicators (baselines and yearly targets, which may be ranges), the funding categories (Belanja
K/L, DAK, APBD, Badan Usaha …), indicative funding needs and implementers (pelaksana).
:meth:`PriorityTree.priorities` turns the tree into :class:`~sinkron.models.priorities.Priority`
records, so every alignment rule sees it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from sinkron.errors import InvalidModel, SinkronError
from sinkron.models._base import non_empty, to_tuple
from sinkron.models.indicators import Indicator
from sinkron.models.money import Money
from sinkron.models.plans import Objective, PlanPeriod
from sinkron.models.priorities import Priority, PriorityKind
from sinkron.models.provenance import Provenance
from sinkron.names import comparison_key

__all__ = [
    "FundingCategory",
    "FundingNeed",
    "NationalPriority",
    "PriorityCodeError",
    "PriorityTree",
    "parse_priority_code",
]

#: Priority kinds by the number of parts of their code.
KIND_BY_DEPTH: dict[int, PriorityKind] = {
    1: PriorityKind.NATIONAL,
    2: PriorityKind.PROGRAM,
    3: PriorityKind.ACTIVITY,
    4: PriorityKind.PROJECT,
}
_LABEL = {
    PriorityKind.NATIONAL: "PN",
    PriorityKind.PROGRAM: "PP",
    PriorityKind.ACTIVITY: "KP",
    PriorityKind.PROJECT: "ProP",
}
_PREFIX = re.compile(r"^\s*(?:PN|PP|KP|PROP|KPU)\b[\s.:-]*", re.I)
_CANONICAL = re.compile(r"(?!00)[0-9][0-9](?:\.(?!00)[0-9][0-9]){0,3}\Z")


class PriorityCodeError(SinkronError, ValueError):
    """A text is not a national priority code ``PN[.PP[.KP[.ProP]]]``; ``reason`` says why."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"invalid priority code {text!r}: {reason}")


def parse_priority_code(text: str) -> str:
    """A PN/PP/KP/ProP code in canonical form (two digits per part).

    Accepts unpadded parts and a leading kind word, as Form 4 ``KODE (PN/PP)`` cells and budget
    tags write them.

    >>> parse_priority_code("2.10.9"), parse_priority_code("KP 02.10.09"), parse_priority_code("PN 6")
    ('02.10.09', '02.10.09', '06')
    """
    if not isinstance(text, str):
        raise PriorityCodeError(repr(text), f"expected text, got {type(text).__name__}")
    if _CANONICAL.match(text):
        return text
    body = _PREFIX.sub("", text).strip()
    if not body:
        raise PriorityCodeError(text, "the code is empty")
    parts = body.split(".")
    if len(parts) > 4:
        raise PriorityCodeError(text, f"a priority code has 1 to 4 parts (PN.PP.KP.ProP), not {len(parts)}")
    out: list[str] = []
    for name, part in zip(("PN", "PP", "KP", "ProP"), parts):
        if not part.isdigit() or not part.isascii() or len(part) > 2:
            raise PriorityCodeError(text, f"the {name} part {part!r} is not a 1–2 digit number")
        if int(part) == 0:
            raise PriorityCodeError(text, f"the {name} number must not be zero")
        out.append(part.zfill(2))
    return ".".join(out)


def _priority_code(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _CANONICAL.match(value):
        raise InvalidModel(
            type(instance).__name__, attribute.name, f"expected a code like '02' or '02.10.09', got {value!r}"
        )


class FundingCategory(str, enum.Enum):
    """Sumber dana category of a priority (the "Sumber Dana" column of the KPU list and matrices)."""

    MINISTRY_SPENDING = "belanja_kl"
    """Belanja K/L (APBN)."""
    NON_MINISTRY_SPENDING = "belanja_non_kl"
    """Belanja Non K/L (APBN)."""
    DAK = "dak"
    """Dana Alokasi Khusus: a transfer spent by the regions through their sub kegiatan."""
    APBD = "apbd"
    """The regions' own budget (APBD)."""
    BUSINESS = "badan_usaha"
    """Badan Usaha (BUMN/Swasta), as the KPU list groups them."""
    STATE_ENTERPRISE = "bumn"
    """BUMN (state-owned enterprises), as the funding matrices split them."""
    PRIVATE = "swasta"
    """Swasta (private sector)."""

    @property
    def is_regional(self) -> bool:
        """True for DAK and APBD: money that must appear in regional sub kegiatan."""
        return self in (FundingCategory.DAK, FundingCategory.APBD)

    @classmethod
    def parse(cls, text: str) -> FundingCategory:
        """``"Belanja K/L"``, ``"DAK"``, ``"APBD"``, ``"Badan Usaha (BUMN/Swasta)"``, ``"Swasta"`` …

        >>> FundingCategory.parse("Badan Usaha (BUMN/Swasta)")
        <FundingCategory.BUSINESS: 'badan_usaha'>
        """
        key = re.sub(r"[^a-z]", "", text.casefold())
        for category, names in _CATEGORY_NAMES.items():
            if key in names:
                return category
        allowed = ", ".join(c.value for c in cls)
        raise InvalidModel("FundingCategory", "value", f"unknown funding category {text!r} (expected one of {allowed})")


_CATEGORY_NAMES = {
    FundingCategory.MINISTRY_SPENDING: {"belanjakl", "kl", "belanjakementerianlembaga"},
    FundingCategory.NON_MINISTRY_SPENDING: {"belanjanonkl", "nonkl"},
    FundingCategory.DAK: {"dak", "danaalokasikhusus"},
    FundingCategory.APBD: {"apbd"},
    FundingCategory.BUSINESS: {"badanusaha", "badanusahabumnswasta"},
    FundingCategory.STATE_ENTERPRISE: {"bumn"},
    FundingCategory.PRIVATE: {"swasta"},
}


@attrs.frozen(kw_only=True)
class FundingNeed:
    """Indikasi kebutuhan pendanaan: an indicative amount for a funding category over a period."""

    category: FundingCategory
    amount: Money
    """In rupiah (the RPJMN matrices write Rp juta; convert with :func:`sinkron.kl.amounts.rupiah`)."""
    period: PlanPeriod | None = None


def _unique_node_indicators(instance: NationalPriority) -> None:
    seen: set[str] = set()
    for indicator in instance.all_indicators():
        if indicator.id in seen:
            raise InvalidModel(
                "NationalPriority", "indicators", f"duplicate indicator id {indicator.id!r} in {instance.code}"
            )
        seen.add(indicator.id)


@attrs.frozen(kw_only=True)
class NationalPriority:
    """A node of the national priority tree: a PN, PP, KP or ProP, by its code.

    ``name`` is ``None`` when a source lists the code without its name (the tree then labels it
    "KP 02.10.03"). ``kpu`` marks a Kegiatan Prioritas Utama. Indicator ids are unique across the
    node (sasaran indicators are usually ``"<sasaran>.<indikator>"``, e.g. ``01.02``).
    """

    code: str = attrs.field(validator=_priority_code)
    name: str | None = None
    kpu: bool = False
    """Kegiatan Prioritas Utama (RPJMN 2025–2029 appendix "Daftar Kegiatan Prioritas Utama")."""
    major_project: str | None = None
    """Major Project code, for trees of RPJMN 2020–2024."""
    objectives: tuple[Objective, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Sasaran, each with its indicators."""
    indicators: tuple[Indicator, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Indicators not grouped under a sasaran (the Sasaran Utama of a PN)."""
    funding: tuple[FundingCategory, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Sumber dana categories."""
    funding_needs: tuple[FundingNeed, ...] = attrs.field(factory=tuple, converter=to_tuple)
    implementers: tuple[str, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Pelaksana: K/L names, "Pemerintah Daerah", "Badan Usaha"."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.name is not None:
            non_empty(self, attrs.fields(NationalPriority).name, self.name)
        if self.kpu and self.kind is not PriorityKind.ACTIVITY:
            raise InvalidModel("NationalPriority", "kpu", f"only a KP can be a KPU, not {self.label}")
        if len(set(self.funding)) != len(self.funding):
            raise InvalidModel("NationalPriority", "funding", f"duplicate funding category in {self.code}")
        _unique_node_indicators(self)

    @property
    def kind(self) -> PriorityKind:
        """NATIONAL (PN), PROGRAM (PP), ACTIVITY (KP) or PROJECT (ProP), from the code."""
        return KIND_BY_DEPTH[self.code.count(".") + 1]

    @property
    def parent_code(self) -> str | None:
        """``02.10`` for ``02.10.09``; ``None`` for a PN."""
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    @property
    def label(self) -> str:
        """``"KP 02.10.09"``."""
        return f"{_LABEL[self.kind]} {self.code}"

    @property
    def display_name(self) -> str:
        """The name, or the label when the source gave none."""
        return self.name or self.label

    def all_indicators(self) -> Iterator[Indicator]:
        """The node's indicators, then those of each sasaran."""
        yield from self.indicators
        for objective in self.objectives:
            yield from objective.indicators


def _tree_id(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    non_empty(instance, attribute, value)
    if any(ch in value for ch in ":#/") or value != value.strip():
        raise InvalidModel("PriorityTree", "id", f"a tree id has no ':', '#', '/' or outer spaces, got {value!r}")


def _valid_nodes(instance: PriorityTree, attribute: attrs.Attribute[Any], nodes: tuple[NationalPriority, ...]) -> None:
    codes: set[str] = set()
    for node in nodes:
        if node.code in codes:
            raise InvalidModel("PriorityTree", "nodes", f"duplicate code {node.code} in {instance.id}")
        codes.add(node.code)
    for node in nodes:
        parent = node.parent_code
        if parent is not None and parent not in codes:
            raise InvalidModel(
                "PriorityTree", "nodes", f"{node.label} has no parent {parent} in {instance.id}; add the parent node"
            )


@attrs.frozen(kw_only=True)
class PriorityTree:
    """The priority tree set by one document (RPJMN 2025–2029, RKP 2026 …), with its period.

    ``complete_levels`` names the levels listed in full; a tree curated from part of a document
    leaves the others out, and rules treat a code missing at such a level as unknown rather than
    invalid.
    """

    id: str = attrs.field(validator=_tree_id)
    """``rpjmn-2025-2029``, ``rkp-2026``; prefix of the node ids."""
    document: str = attrs.field(validator=non_empty)
    """``"RPJMN 2025–2029"``, ``"RKP 2026"``."""
    period: PlanPeriod
    """The years the document is in force for."""
    regulation: str | None = None
    """``"Perpres 12/2025"``."""
    nodes: tuple[NationalPriority, ...] = attrs.field(factory=tuple, converter=to_tuple, validator=_valid_nodes)
    complete_levels: tuple[PriorityKind, ...] = attrs.field(factory=tuple, converter=to_tuple)
    """Levels whose nodes are all listed (``(PriorityKind.NATIONAL,)`` for the shipped subset)."""
    note: str | None = None
    """What the tree holds and where it comes from."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extra: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def __attrs_post_init__(self) -> None:
        for kind in self.complete_levels:
            if kind not in _LABEL:
                raise InvalidModel("PriorityTree", "complete_levels", f"{kind.value} is not a level of the tree")

    # -- lookups ------------------------------------------------------------------------------------
    def priority_id(self, code: str) -> str:
        """The id of the node with ``code`` in a bundle: ``"rpjmn-2025-2029:02.10.09"``."""
        return f"{self.id}:{code}"

    def code_of(self, priority_id: str) -> str | None:
        """The code of one of this tree's priority ids, or ``None`` for another id."""
        prefix = f"{self.id}:"
        return priority_id[len(prefix) :] if priority_id.startswith(prefix) else None

    def node(self, code: str) -> NationalPriority | None:
        """The node with ``code`` (any accepted spelling), or ``None``."""
        try:
            canonical = parse_priority_code(code)
        except PriorityCodeError:
            return None
        return self._by_code().get(canonical)

    def _by_code(self) -> dict[str, NationalPriority]:
        return {n.code: n for n in self.nodes}

    def children(self, code: str) -> list[NationalPriority]:
        """The nodes directly under ``code``."""
        return [n for n in self.nodes if n.parent_code == code]

    def ancestors(self, code: str) -> list[NationalPriority]:
        """The node and those above it, nearest first."""
        out: list[NationalPriority] = []
        current: str | None = code
        by_code = self._by_code()
        while current is not None and current in by_code:
            out.append(by_code[current])
            current = by_code[current].parent_code
        return out

    def of_kind(self, kind: PriorityKind) -> list[NationalPriority]:
        """The nodes of one level (every KP, every PN …)."""
        return [n for n in self.nodes if n.kind is kind]

    def is_complete(self, kind: PriorityKind) -> bool:
        """True when every node of this level is listed."""
        return kind in self.complete_levels

    def find_by_name(self, name: str) -> list[NationalPriority]:
        """Nodes whose name equals ``name`` after normalising case, spacing and punctuation."""
        key = comparison_key(name)
        return [n for n in self.nodes if n.name is not None and comparison_key(n.name) == key]

    # -- conversion ---------------------------------------------------------------------------------
    def priorities(self) -> tuple[Priority, ...]:
        """The nodes as :class:`Priority` records (ids ``"<tree id>:<code>"``), top down."""
        return tuple(self._priority(n) for n in sorted(self.nodes, key=lambda n: (n.code.count("."), n.code)))

    def _priority(self, node: NationalPriority) -> Priority:
        return Priority(
            id=self.priority_id(node.code),
            kind=node.kind,
            name=node.display_name,
            code=node.code,
            parent_id=self.priority_id(node.parent_code) if node.parent_code else None,
            document=self.document,
            period=self.period,
            indicators=tuple(node.all_indicators()),
            provenance=node.provenance,
        )

    def with_nodes(self, nodes: Iterable[NationalPriority]) -> PriorityTree:
        """A copy with more nodes (codes must stay unique)."""
        return attrs.evolve(self, nodes=(*self.nodes, *nodes))
