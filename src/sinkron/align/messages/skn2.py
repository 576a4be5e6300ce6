"""Messages of rule family 2, completeness and measurability (see :mod:`sinkron.align.messages`).

{indicator} is an indicator's name; {years} lists years, the last two joined by skn2.and; {level} is the
Indonesian name of a code level (``sub kegiatan``), read the same in both languages.
"""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {
    "skn2.and": Message(
        id="{first} dan {last}",
        en="{first} and {last}",
    ),
    "skn201.item": Message(
        id="{level:cap} {code} belum memiliki indikator kinerja.",
        en="The {level} {code} has no performance indicator.",
    ),
    "skn201.item.output.fix": Message(
        id="Tambahkan indikator keluaran (output) beserta satuan dan target tahunannya.",
        en="Add an output indicator with its unit and yearly targets.",
    ),
    "skn201.item.outcome.fix": Message(
        id="Tambahkan indikator hasil (outcome) beserta satuan dan target tahunannya.",
        en="Add an outcome indicator with its unit and yearly targets.",
    ),
    "skn201.goal": Message(
        id="Tujuan {statement} “{text}” belum memiliki indikator.",
        en="The goal (tujuan) {statement} “{text}” has no indicator.",
    ),
    "skn201.goal.fix": Message(
        id="Tambahkan indikator tujuan beserta kondisi awal dan target tahunannya.",
        en="Add an indicator with its baseline and yearly targets.",
    ),
    "skn201.objective": Message(
        id="Sasaran {statement} “{text}” belum memiliki indikator.",
        en="The objective (sasaran) {statement} “{text}” has no indicator.",
    ),
    "skn201.objective.fix": Message(
        id="Tambahkan indikator sasaran beserta kondisi awal dan target tahunannya.",
        en="Add an indicator with its baseline and yearly targets.",
    ),
    "skn202.no-unit": Message(
        id="Indikator “{indicator}” belum memiliki satuan.",
        en="The indicator “{indicator}” has no unit (satuan).",
    ),
    "skn202.no-unit.fix": Message(
        id="Isi satuan indikator (%, Orang, Dokumen, …).",
        en="Fill in the indicator's unit (%, Orang, Dokumen, …).",
    ),
    "skn202.no-unit.suggested.fix": Message(
        id="Isi satuan indikator, misalnya “{unit}”.",
        en="Fill in the unit, e.g. “{unit}”.",
    ),
    "skn203.no-target": Message(
        id="Indikator “{indicator}” belum memiliki target untuk tahun {years}.",
        en="The indicator “{indicator}” has no target for {years}.",
    ),
    "skn203.no-target.fix": Message(
        id="Isi target tahun {years} (periode {period}).",
        en="Fill in the target for {years} (period {period}).",
    ),
    "skn204.outside": Message(
        id="Indikator “{indicator}” memiliki target tahun {years}, di luar periode rencana {period}.",
        en="The indicator “{indicator}” has targets for {years}, outside the plan period {period}.",
    ),
    "skn204.outside.forward": Message(
        id="Indikator “{indicator}” memiliki target tahun {years}, di luar tahun rencana {period} dan prakiraan "
        "maju sampai {last}.",
        en="The indicator “{indicator}” has targets for {years}, outside the plan year {period} and its forward "
        "estimates up to {last}.",
    ),
    "skn204.outside.fix": Message(
        id="Periksa tahun target: target tahun sebelum periode dicatat sebagai kondisi awal (baseline), target di "
        "luar periode dihapus atau dipindahkan ke dokumen periode berikutnya.",
        en="Check the target years: a year before the period belongs in the baseline; later years belong to the "
        "next plan.",
    ),
    "skn205.unmeasurable": Message(
        id="Target indikator “{indicator}” tahun {years} berupa teks {texts} yang tidak dapat diukur capaiannya.",
        en="The target of “{indicator}” for {years} is the text {texts}, which cannot be measured.",
    ),
    "skn205.unmeasurable.fix": Message(
        id="Nyatakan target sebagai angka dengan satuan (mis. “100 %”, “1 Dokumen”) atau kategori yang dapat "
        "diverifikasi (mis. opini “WTP”, predikat “A”).",
        en="State the target as a number with a unit (e.g. “100 %”, “1 Dokumen”) or a verifiable category (e.g. "
        "opinion “WTP”, grade “A”).",
    ),
    "skn206.kind.impact": Message(
        id="dampak",
        en="impact",
    ),
    "skn206.kind.outcome": Message(
        id="hasil",
        en="outcome",
    ),
    "skn206.kind.output": Message(
        id="keluaran",
        en="output",
    ),
    "skn206.no-baseline": Message(
        id="Indikator {kind} “{indicator}” belum memiliki kondisi awal (baseline).",
        en="The {kind} indicator “{indicator}” has no baseline.",
    ),
    "skn206.no-baseline.fix": Message(
        id="Isi kondisi awal, biasanya capaian tahun {before} (tahun sebelum periode).",
        en="Fill in the baseline, usually the value of {before} (the year before the period).",
    ),
}
