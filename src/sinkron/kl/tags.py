"""Typed, many-to-many priority tags on K/L ROs and regional sub kegiatan.

A tag is a :class:`~sinkron.models.links.Link` of kind ``TAGGED`` from a record reference
(``plan#item`` for a sub kegiatan, ``ministry_plan#RO id`` for an RO) to a priority id. Its type
is the target's kind — PN, PP, KP, ProP or a thematic term — and a record may carry any number of
tags. National and regional records meet **only** through these tags and the crosswalks: sinkron
never pairs a K/L code with a Kemendagri code because they look alike.

Sources write tags three ways, and each has a helper:

* priority codes — Form 4 ``KODE (PN/PP)``, and the ``kdpn``/``kdpp``/``kdkp``/``kdproy`` columns of
  APBN execution data (:func:`budget_line_code` joins those): :func:`tags_for_codes`;
* names — SIPD ``label_pusat`` (a PN name) and ``tag_bl`` labels (``stunting``): :func:`tags_for_labels`,
  which matches names exactly after normalising case, spacing and punctuation, and never fuzzily;
* a priority id already known: :func:`tag`.

Unknown codes or labels raise one :class:`TagError` listing all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sinkron.errors import SinkronError
from sinkron.models.links import Link, LinkKind
from sinkron.models.national.priority_tree import PriorityCodeError, PriorityTree, parse_priority_code
from sinkron.models.national.vocabularies import TagVocabulary
from sinkron.models.provenance import Provenance

__all__ = ["TagError", "budget_line_code", "tag", "tags_for_codes", "tags_for_labels"]


class TagError(SinkronError, ValueError):
    """Codes or labels that name no priority of the given tree or vocabularies; ``problems`` lists them."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


def tag(source: str, priority_id: str, *, provenance: Provenance | None = None, note: str | None = None) -> Link:
    """A ``TAGGED`` link from ``source`` (a record reference) to ``priority_id``."""
    return Link(kind=LinkKind.TAGGED, source=source, target=priority_id, provenance=provenance, note=note)


def budget_line_code(kdpn: str, kdpp: str | None = None, kdkp: str | None = None, kdproy: str | None = None) -> str:
    """The priority code of an APBN budget line's ``kdpn``/``kdpp``/``kdkp``/``kdproy`` columns.

    >>> budget_line_code("2", "10", "9")
    '02.10.09'
    """
    parts = [p.strip() for p in (kdpn, kdpp, kdkp, kdproy) if p is not None and p.strip()]
    return parse_priority_code(".".join(parts))


def tags_for_codes(
    source: str, codes: Iterable[str], tree: PriorityTree, *, provenance: Provenance | None = None
) -> tuple[Link, ...]:
    """Tags from priority codes (Form 4 ``KODE (PN/PP)``, ``02.10.09``) of ``tree``.

    Every code must name a node of the tree; otherwise :class:`TagError` lists each bad one.

    >>> from sinkron.kl import rpjmn_2025_2029
    >>> [link.target for link in tags_for_codes("rkpd-2026#x", ["2.10.9", "PN 04"], rpjmn_2025_2029())]
    ['rpjmn-2025-2029:02.10.09', 'rpjmn-2025-2029:04']
    """
    links: list[Link] = []
    problems: list[str] = []
    for raw in codes:
        try:
            code = parse_priority_code(raw)
        except PriorityCodeError as exc:
            problems.append(str(exc))
            continue
        if tree.node(code) is None:
            problems.append(f"{raw!r}: no priority {code} in {tree.document}")
            continue
        links.append(tag(source, tree.priority_id(code), provenance=provenance))
    if problems:
        raise TagError(problems)
    return tuple(dict.fromkeys(links))


def tags_for_labels(
    source: str,
    labels: Iterable[str],
    *,
    trees: Sequence[PriorityTree] = (),
    vocabularies: Sequence[TagVocabulary] = (),
    provenance: Provenance | None = None,
) -> tuple[Link, ...]:
    """Tags from priority names or thematic labels (SIPD ``label_pusat``, ``nama_label_giat``).

    A label matches a tree node's name, or a vocabulary term's code, name or alias, when they are
    equal after normalising case, spacing and punctuation. A label matching nothing, or more than
    one priority, is an error.
    """
    links: list[Link] = []
    problems: list[str] = []
    for label in labels:
        found: list[str] = []
        for tree in trees:
            found.extend(tree.priority_id(n.code) for n in tree.find_by_name(label))
        for vocabulary in vocabularies:
            term = vocabulary.find(label)
            if term is not None:
                found.append(vocabulary.priority_id(term.code))
        if not found:
            problems.append(f"{label!r}: no priority or thematic tag of that name")
        elif len(found) > 1:
            problems.append(f"{label!r}: names several priorities ({', '.join(found)})")
        else:
            links.append(tag(source, found[0], provenance=provenance))
    if problems:
        raise TagError(problems)
    return tuple(dict.fromkeys(links))
