"""Built-in demo data: a synthetic province modelled on Kalimantan Tengah, 2025–2029.

**Illustrative, not official data.** The bundle holds the RPJMN 2025–2029 priorities (the 8 PN /
Asta Cita by their real names, with illustrative PP/KP), the province's RPJMD, Renstra PD and Renja
PD of three perangkat daerah, its RKPD 2026, DPA 2025 with realisations and monthly spending, and
the RKPD 2026 of Kota Palangka Raya and Kabupaten Kotawaringin Timur — with inconsistencies planted
on purpose so that every rule family has something to report (:data:`PLANTED`, ``docs/demo.md``).

>>> from sinkron.demo import demo_bundle
>>> bundle = demo_bundle()
>>> [g.name for g in bundle.governments][1:]
['Provinsi Kalimantan Tengah', 'Kota Palangka Raya', 'Kabupaten Kotawaringin Timur']
>>> bundle.plan("rkpd-kalteng-2026").title
'RKPD Provinsi Kalimantan Tengah 2026 (ilustrasi)'

Check it with the demo's nomenclature (the shipped list plus one illustrative change list, which
retires a code from 2026 so that the retired-code rule has a case):

>>> import sinkron
>>> report = sinkron.check(bundle, config=demo_config())
>>> report.sources == bundle.sources
True
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from sinkron.align.engine import CheckConfig
from sinkron.codes import Code
from sinkron.demo.kalteng import DEMO_SOURCE, build_bundle, plan_ids
from sinkron.demo.meetings import MEETING_PLANTED
from sinkron.demo.planted import KNOCK_ON, UNTAGGED, PlantedCase, UntaggedItem
from sinkron.demo.planted import PLANTED as _PLAN_PLANTED
from sinkron.models import Bundle
from sinkron.nomenclature import Change, ChangeKind, Nomenclature, Version, default_nomenclature

__all__ = [
    "DEMO_AS_OF",
    "DEMO_CHANGES",
    "DEMO_SOURCE",
    "DEMO_TODAY",
    "KNOCK_ON",
    "PLANTED",
    "UNTAGGED",
    "PlantedCase",
    "UntaggedItem",
    "demo_bundle",
    "demo_config",
    "demo_nomenclature",
    "plan_ids",
]

PLANTED: tuple[PlantedCase, ...] = (*_PLAN_PLANTED, *MEETING_PLANTED)
"""Every planted inconsistency: the plans' (:mod:`sinkron.demo.planted`) and the meetings' (family 5)."""

#: The demo's illustrative change list: not a regulation. It retires one code from 2026.
DEMO_CHANGES = Version(
    id="sinkron-demo-ilustrasi-2026",
    regulation="Perubahan nomenklatur ILUSTRASI (demo sinkron, bukan regulasi)",
    effective_year=2026,
    changes=(
        Change(
            kind=ChangeKind.RETIRED,
            code=Code.parse("1.03.10.2.01.0030"),
            replacement=Code.parse("1.03.10.2.01.0036"),
            note="Illustrative: pengawasan merged into pemantauan dan evaluasi penyelenggaraan jalan.",
        ),
    ),
    scope="kabupaten/kota",
    note="Illustrative change list shipped with the demo data only; never apply it to real plans.",
)

#: The date the demo is judged against (so that the demo report never changes with the clock).
DEMO_TODAY = dt.date(2026, 1, 15)

#: The as-of date of the demo's in-year data (anggaran kas and spending of 2026 to September):
#: ``sinkron check --demo --as-of 2026-09-30`` shows the early warning (SKN606, SKN607).
DEMO_AS_OF = dt.date(2026, 9, 30)


@functools.lru_cache(maxsize=1)
def demo_bundle() -> Bundle:
    """The demo bundle (built once, deterministic). Illustrative, not official data."""
    return build_bundle()


@functools.lru_cache(maxsize=1)
def demo_nomenclature() -> Nomenclature:
    """The shipped nomenclature plus :data:`DEMO_CHANGES` (for checking the demo bundle only)."""
    return default_nomenclature().with_changes(DEMO_CHANGES)


def demo_config(
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    as_of: dt.date | None = None,
) -> CheckConfig:
    """A :class:`~sinkron.CheckConfig` for the demo: its nomenclature and a fixed date (:data:`DEMO_TODAY`, or
    the as-of date given, such as :data:`DEMO_AS_OF`)."""
    return CheckConfig(
        select=tuple(select),
        ignore=tuple(ignore),
        options=dict(options or {}),
        nomenclature=demo_nomenclature(),
        today=None if as_of is not None else DEMO_TODAY,
        as_of=as_of,
    )
