"""Messages of rule family 3, vertical consistency (see :mod:`sinkron.align.messages`).

{plan} is the lower document's title (Renja, RKPD), {reference} the upper one's (Renstra, RPJMD); {lower} and
{upper} name the kinds of document; {k} is the year index in the upper document's period.
"""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {
    "skn3.indicator-absent": Message(
        id="Indikator “{indicator}” pada {level:lower} {code} di {plan} tidak ditemukan pada {level:lower} yang "
        "sama di {reference}, sehingga targetnya tidak dapat ditelusuri ke {upper}.",
        en="Indicator “{indicator}” of {level:lower} {code} in {plan} is not among the indicators of that "
        "{level:lower} in {reference}, so its target cannot be traced to the {upper}.",
    ),
    "skn3.indicator-absent.fix": Message(
        id="Gunakan indikator yang tercantum di {upper} ({names}), atau tambahkan indikator ini ke {upper} "
        "melalui perubahan dokumen.",
        en="Use an indicator listed in the {upper} ({names}), or add this indicator to the {upper} through a revision.",
    ),
    "skn3.target": Message(
        id="Target {year} indikator “{indicator}” di {plan} ({ours}) berbeda dengan target tahun ke-{k} di "
        "{reference} ({theirs}): selisih {relative:%}, di atas toleransi {tolerance:%}.",
        en="The {year} target of indicator “{indicator}” in {plan} ({ours}) differs from the year-{k} target in "
        "{reference} ({theirs}): {relative:%} apart, beyond the {tolerance:%} tolerance.",
    ),
    "skn3.target.incomparable": Message(
        id="Target {year} indikator “{indicator}” di {plan} ({ours}) berbeda dengan target tahun ke-{k} di "
        "{reference} ({theirs}).",
        en="The {year} target of indicator “{indicator}” in {plan} ({ours}) differs from the year-{k} target in "
        "{reference} ({theirs}).",
    ),
    "skn3.target.fix": Message(
        id="Samakan target dengan {upper} tahun ke-{k}, atau perbarui {upper} bila memang berubah.",
        en="Align the target with the {upper}'s year-{k} figure, or revise the {upper} if it has really changed.",
    ),
    "skn3.unit": Message(
        id="Satuan indikator “{indicator}” di {lower} ({ours_unit}) berbeda dengan di {upper} ({theirs_unit}).",
        en="The unit of indicator “{indicator}” is {ours_unit} in the {lower} but {theirs_unit} in the {upper}.",
    ),
    "skn3.unit.fix": Message(
        id="Samakan satuan dengan {upper} tahun ke-{k}, atau perbarui {upper} bila memang berubah.",
        en="Align the unit with the {upper}'s year-{k} figure, or revise the {upper} if it has really changed.",
    ),
    "skn3.target-and-unit": Message(
        id="{target} {unit}",
        en="{target} {unit}",
    ),
    "skn3.target-and-unit.fix": Message(
        id="Samakan target dan satuan dengan {upper} tahun ke-{k}, atau perbarui {upper} bila memang berubah.",
        en="Align the target and unit with the {upper}'s year-{k} figure, or revise the {upper} if it has really "
        "changed.",
    ),
    "skn3.pagu": Message(
        id="Pagu {year} {what} di {plan} ({ours:rp}) berbeda dengan pagu tahun ke-{k} di {reference} "
        "({theirs:rp}): {direction} {difference:rp} ({relative:%}), di atas toleransi {tolerance:%}.",
        en="The {year} pagu of {what} in {plan} ({ours:rp}) differs from the year-{k} pagu in {reference} "
        "({theirs:rp}): {difference:rp} ({relative:%}) {direction}, beyond the {tolerance:%} tolerance.",
    ),
    "skn3.pagu.unbudgeted": Message(
        id="Pagu {year} {what} di {plan} ({ours:rp}) berbeda dengan pagu tahun ke-{k} di {reference} "
        "({theirs:rp}), padahal {upper} tidak menganggarkan dana untuk tahun tersebut.",
        en="The {year} pagu of {what} in {plan} ({ours:rp}) differs from the year-{k} pagu in {reference} "
        "({theirs:rp}), while the {upper} budgets nothing for that year.",
    ),
    "skn3.pagu.higher": Message(
        id="lebih tinggi",
        en="higher",
    ),
    "skn3.pagu.lower": Message(
        id="lebih rendah",
        en="lower",
    ),
    "skn3.pagu.fix": Message(
        id="Sesuaikan pagu dengan {upper} tahun ke-{k}, atau perbarui pagu indikatif {upper} bila kebutuhan "
        "dananya memang berubah.",
        en="Bring the pagu in line with the {upper}'s year-{k} figure, or revise the {upper}'s pagu indikatif if "
        "the funding need has really changed.",
    ),
    "skn301.absent": Message(
        id="{level} {code} “{name}” ada di {plan} tetapi tidak tercantum dalam {reference}.",
        en="{level} {code} “{name}” is in {plan} but not in {reference}.",
    ),
    "skn301.absent.with-below": Message(
        id="{level} {code} “{name}” ada di {plan} tetapi tidak tercantum dalam {reference}. Begitu pula {below} "
        "item di bawahnya.",
        en="{level} {code} “{name}” is in {plan} but not in {reference}. Neither are the {below} items below it.",
    ),
    "skn301.absent.fix": Message(
        id="Masukkan {level:lower} ini ke Renstra melalui perubahan Renstra, atau ganti dengan {level:lower} yang "
        "tercantum di Renstra (Renja berpedoman pada Renstra).",
        en="Add this {level:lower} to the Renstra through a Renstra revision, or replace it with a {level:lower} "
        "the Renstra lists (the Renja follows the Renstra).",
    ),
    "skn304.absent": Message(
        id="Program {code} “{name}” ada di {plan} tetapi tidak tercantum dalam {reference}.",
        en="Program {code} “{name}” is in {plan} but not in {reference}.",
    ),
    "skn304.absent.elsewhere": Message(
        id="Program {code} “{name}” ada di {plan} tetapi tidak tercantum dalam {reference}. RPJMD memuat program "
        "ini untuk perangkat daerah lain ({agencies}).",
        en="Program {code} “{name}” is in {plan} but not in {reference}. The RPJMD has it for other agencies "
        "({agencies}).",
    ),
    "skn304.absent.fix": Message(
        id="Gunakan program yang tercantum di RPJMD, atau tampung program ini melalui perubahan RPJMD.",
        en="Use a program listed in the RPJMD, or take this program in through an RPJMD revision.",
    ),
    "skn304.program": Message(
        id="program {code}",
        en="program {code}",
    ),
    "skn304.programs": Message(
        id="program {code} (jumlah {count} perangkat daerah)",
        en="program {code} ({count} perangkat daerah together)",
    ),
    "skn305.no-link": Message(
        id="{kind} {statement} “{text}” di {plan} belum terhubung (cascading) ke sasaran RPJMD mana pun.",
        en="{kind} {statement} “{text}” in {plan} is not linked (cascaded) to any RPJMD sasaran.",
    ),
    "skn305.invalid-link": Message(
        id="{kind} {statement} “{text}” di {plan} terhubung ke sasaran RPJMD yang tidak valid ({links}).",
        en="{kind} {statement} “{text}” in {plan} cascades to an invalid RPJMD sasaran ({links}).",
    ),
    "skn305.target-missing": Message(
        id="{target} tidak ditemukan",
        en="{target} does not exist",
    ),
    "skn305.not-rpjmd-sasaran": Message(
        id="{target} bukan sasaran RPJMD",
        en="{target} is not an RPJMD sasaran",
    ),
    "skn305.other-government": Message(
        id="{target} milik RPJMD pemerintah daerah lain",
        en="{target} belongs to another government's RPJMD",
    ),
    "skn305.fix": Message(
        id="Hubungkan {kind:lower} ini ke sasaran RPJMD yang didukungnya (tautan cascades ke “<rpjmd>#<id "
        "sasaran>”), sesuai pohon kinerja.",
        en="Link this {kind:lower} to the RPJMD sasaran it serves (a cascades link to “<rpjmd>#<sasaran id>”), "
        "following the performance tree.",
    ),
    "skn306.not-summing": Message(
        id="{kind:cap} {year} {level:lower} {code} ({parent:rp}) tidak sama dengan jumlah pagu {children} "
        "{child_level} di bawahnya ({total:rp}).",
        en="The {year} {kind} of {level:lower} {code} ({parent:rp}) is not the sum of its {children} "
        "{child_level} ({total:rp}).",
    ),
    "skn306.not-summing.more": Message(
        id="{kind:cap} {year} {level:lower} {code} ({parent:rp}) tidak sama dengan jumlah pagu {children} "
        "{child_level} di bawahnya ({total:rp}). Hal yang sama terjadi pada {more} tahun/jenis pagu lain.",
        en="The {year} {kind} of {level:lower} {code} ({parent:rp}) is not the sum of its {children} "
        "{child_level} ({total:rp}). The same holds for {more} other year(s)/kind(s) of pagu.",
    ),
    "skn306.not-summing.fix": Message(
        id="Perbaiki pagu {level:lower} menjadi {total:rp} (jumlah pagu {child_level}), atau lengkapi "
        "{child_level} yang belum tercantum.",
        en="Set the {level:lower} pagu to {total:rp} (the sum of its {child_level}), or add the {child_level} "
        "that are missing.",
    ),
}
