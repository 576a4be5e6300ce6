"""The national data shipped with sinkron: the RPJMN 2025–2029 priority tree and the thematic tags.

Both are read on first use from ``sinkron/kl/data/`` (sources in ``data/SOURCES.md``) and cached.
The tree holds the 8 Prioritas Nasional in full and a cited subset of Program Prioritas and
Kegiatan Prioritas; :attr:`PriorityTree.complete_levels` says so, and rules treat a code missing
at an incomplete level as unknown, not wrong. Supply the full tree of your RKP year with
:func:`sinkron.kl.read_priority_tree`.

>>> from sinkron import PriorityKind
>>> tree = rpjmn_2025_2029()
>>> tree.node("02.10.09").name, tree.node("02.10.09").kpu
('Pengembangan Pangan Akuatik (Blue Food)', True)
>>> len(tree.of_kind(PriorityKind.NATIONAL)), tree.is_complete(PriorityKind.ACTIVITY)
(8, False)
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from sinkron.errors import SinkronError
from sinkron.kl.priority_csv import read_priority_tree, read_vocabulary
from sinkron.models.national.crosswalks import CrosswalkKind
from sinkron.models.national.priority_tree import PriorityTree
from sinkron.models.national.vocabularies import TagVocabulary

__all__ = ["rpjmn_2025_2029", "template_path", "thematic_tags"]

_TEMPLATE_FILES = {
    CrosswalkKind.PRIORITY_SUB_ACTIVITY: "kp_sub_kegiatan.csv",
    CrosswalkKind.DAK_MENU: "menu_dak.csv",
    CrosswalkKind.PROGRAM_SECTOR: "program_kl_bidang_urusan.csv",
}


def _data(*parts: str) -> Path:
    found = resources.files("sinkron.kl").joinpath("data", *parts)
    if not isinstance(found, Path):  # pragma: no cover - zipped installs
        raise SinkronError("sinkron's national data must be installed as files, not inside a zip archive")
    return found


@functools.lru_cache(maxsize=1)
def rpjmn_2025_2029() -> PriorityTree:
    """The shipped RPJMN 2025–2029 priority tree (id ``rpjmn-2025-2029``)."""
    loaded = read_priority_tree(_data("rpjmn-2025-2029"), label="sinkron/kl/data/rpjmn-2025-2029")
    tree = loaded.raise_for_errors()
    assert tree is not None  # raise_for_errors returned, so the tree was read
    return tree


@functools.lru_cache(maxsize=1)
def thematic_tags() -> TagVocabulary:
    """The shipped thematic tags: kemiskinan ekstrem, stunting, inflasi (id ``tematik``)."""
    vocabulary = read_vocabulary(_data("tematik-anggaran"), label="sinkron/kl/data/tematik-anggaran").raise_for_errors()
    assert vocabulary is not None
    return vocabulary


def template_path(kind: CrosswalkKind) -> Path:
    """The shipped, empty CSV template of a crosswalk."""
    return _data("templates", _TEMPLATE_FILES[kind])
