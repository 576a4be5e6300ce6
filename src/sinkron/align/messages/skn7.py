"""Messages of rule family 7, national–regional synchronisation (see :mod:`sinkron.align.messages`).

{priority} names a priority by its code (or id) and shortened name; {node} is a priority tree node's label
(``KP 02.10.09``); {national} is a national indicator's shortened name.
"""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {
    "skn701.missing": Message(
        id="Tag menunjuk prioritas {tag} yang tidak ada dalam data.",
        en="The tag points to priority {tag}, which is not in the bundle.",
    ),
    "skn701.missing.fix": Message(
        id="Perbaiki kode/ID prioritas pada tag, atau muat pohon prioritas dokumen yang berlaku (RPJMN/RKP).",
        en="Correct the tag's priority code/id, or load the priority tree of the document in force (RPJMN/RKP).",
    ),
    "skn701.out-of-version": Message(
        id="Tag {priority} berasal dari {document} ({valid}), yang tidak berlaku untuk tahun rencana {period}.",
        en="Tag {priority} comes from {document} ({valid}), which is not in force for the plan years {period}.",
    ),
    "skn701.out-of-version.fix": Message(
        id="Tandai ulang dengan prioritas dari RPJMN/RKP yang berlaku pada tahun rencana.",
        en="Retag with a priority of the RPJMN/RKP in force in the plan year.",
    ),
    "skn701.out-of-version.replacement.fix": Message(
        id="Ganti tag dengan {replacement} ({replacement_document}).",
        en="Retag to {replacement} ({replacement_document}).",
    ),
    "skn702.gap": Message(
        id="{node} “{name}” didanai antara lain dari {funds}, tetapi tidak ada sub kegiatan pada rencana tahunan "
        "daerah {year} yang mendukungnya.",
        en="{node} “{name}” is funded from {funds} among others, but no sub kegiatan in the regional yearly plans "
        "of {year} supports it.",
    ),
    "skn702.gap.government": Message(
        id="{node} “{name}” didanai antara lain dari {funds}, tetapi tidak ada sub kegiatan pada rencana tahunan "
        "{government} {year} yang mendukungnya.",
        en="{node} “{name}” is funded from {funds} among others, but no sub kegiatan in the yearly plans of "
        "{government} of {year} supports it.",
    ),
    "skn702.gap.fix": Message(
        id="Tandai sub kegiatan daerah yang mendukung KP ini (Form 4), atau catat mengapa daerah tidak berkontribusi.",
        en="Tag the regional sub kegiatan that support this KP (Form 4), or record why the region does not contribute.",
    ),
    "skn702.gap.candidates.fix": Message(
        id="Tandai sub kegiatan berikut ke KP ini: {candidates}",
        en="Tag these sub kegiatan to the KP: {candidates}",
    ),
    "skn703.unmapped": Message(
        id="Sub kegiatan didanai {source}, tetapi tidak terpetakan ke menu DAK {year} yang sesuai.",
        en="The sub kegiatan is funded from {source} but maps to no matching DAK menu of {year}.",
    ),
    "skn703.unmapped.elsewhere": Message(
        id="Sub kegiatan didanai {source}, tetapi tidak terpetakan ke menu DAK {year} yang sesuai (terpetakan ke: "
        "{menus}).",
        en="The sub kegiatan is funded from {source} but maps to no matching DAK menu of {year} (mapped to: {menus}).",
    ),
    "skn703.unmapped.fix": Message(
        id="Pilih sub kegiatan yang sesuai menu DAK tahun ini (Juknis DAK), atau lengkapi crosswalk menu DAK.",
        en="Use a sub kegiatan that matches a DAK menu of the year (Juknis DAK), or complete the DAK menu crosswalk.",
    ),
    "skn703.no-crosswalk": Message(
        id="{count} sub kegiatan didanai DAK pada {plan}, tetapi tidak ada crosswalk menu DAK {year}; kesesuaian "
        "menu tidak diperiksa.",
        en="{count} sub kegiatan of {plan} are DAK-funded, but there is no DAK menu crosswalk for {year}; menus were "
        "not checked.",
    ),
    "skn703.no-crosswalk.fix": Message(
        id="Muat crosswalk menu DAK tahun tersebut (sinkron.kl.read_dak_crosswalk).",
        en="Load the year's DAK menu crosswalk (sinkron.kl.read_dak_crosswalk).",
    ),
    "skn704.over-cap": Message(
        id="Kegiatan penunjang DAK {where} {year} ({government}) = {supporting:rp} dari {total:rp} ({share:%}), di "
        "atas batas {cap:%}.",
        en="DAK supporting activities of {where} {year} ({government}) = {supporting:rp} of {total:rp} ({share:%}), "
        "above the {cap:%} cap.",
    ),
    "skn704.over-cap.fix": Message(
        id="Kurangi pagu kegiatan penunjang atau alihkan ke menu utama DAK.",
        en="Reduce the pagu of the supporting activities or move it to the main DAK menus.",
    ),
    "skn705.outside-satker": Message(
        id="RO {authority} berlokasi di {location}, di luar wilayah satker {satker} ({satker_location}).",
        en="The {authority} RO is located in {location}, outside the region of its satker {satker} "
        "({satker_location}).",
    ),
    "skn705.outside-satker.fix": Message(
        id="Periksa lokasi RO atau satker pelaksananya.",
        en="Check the RO's lokasi or its satker.",
    ),
    "skn705.unrelated": Message(
        id="RO berlokasi di {location}, tetapi tidak ada sub kegiatan terkait pada {titles}.",
        en="The RO is located in {location}, but no related sub kegiatan is in {titles}.",
    ),
    "skn705.unrelated.fix": Message(
        id="Sepakati sub kegiatan pendukung di daerah (Rakor sinkronisasi), tandai dengan prioritas yang sama, atau "
        "perbaiki lokasi RO.",
        en="Agree on a supporting sub kegiatan in the region (Rakor sinkronisasi), tag it with the same priority, or "
        "correct the RO's lokasi.",
    ),
    "skn706.incompatible": Message(
        id="Satuan “{unit}” tidak sebanding dengan satuan “{national_unit}” indikator nasional “{national}”.",
        en="Unit “{unit}” cannot be compared with unit “{national_unit}” of the national indicator “{national}”.",
    ),
    "skn706.incompatible.fix": Message(
        id="Gunakan satuan yang sama dengan indikator nasional, atau tautkan item (bukan indikatornya) bila "
        "indikator ini hanya berkontribusi.",
        en="Use the national indicator's unit, or link the item (not its indicator) when it only contributes.",
    ),
    "skn707.falls-short": Message(
        id="Target {year} “{mine}” berada di luar dan lebih buruk dari target nasional “{theirs}” ({national}).",
        en="The {year} target “{mine}” lies outside and on the worse side of the national target “{theirs}” "
        "({national}).",
    ),
    "skn707.falls-short.fix": Message(
        id="Tinjau target daerah terhadap target nasional, atau catat alasannya.",
        en="Review the target against the national one, or record why it differs.",
    ),
    "skn707.falls-short.regional": Message(
        id="Target {year} “{mine}” berada di luar dan lebih buruk dari target untuk {region} “{theirs}” menurut "
        "{document} ({national}).",
        en="The {year} target “{mine}” lies outside and on the worse side of the target set for {region} "
        "“{theirs}” in {document} ({national}).",
    ),
    "skn707.falls-short.regional.fix": Message(
        id="Selaraskan target dengan target yang ditetapkan untuk {region} dalam {document}, atau catat alasannya.",
        en="Align the target with the one {document} sets for {region}, or record why it differs.",
    ),
    "skn707.falls-short.aggregate": Message(
        id="Target {year} “{mine}” berada di luar dan lebih buruk dari target nasional “{theirs}” ({national}). "
        "Target nasional adalah agregat dan belum ada target yang ditetapkan untuk {region}, sehingga ini "
        "hanya informasi.",
        en="The {year} target “{mine}” lies outside and on the worse side of the national target “{theirs}” "
        "({national}). The national target is an aggregate and no target set for {region} is loaded, so this is "
        "information only.",
    ),
    "skn707.falls-short.aggregate.fix": Message(
        id="Muat target yang berlaku bagi daerah (target provinsi RPJMN/RKP, atau target RPJMD provinsi untuk "
        "kabupaten/kota) sebagai tabel target, agar target dibandingkan dengan target wilayahnya.",
        en="Load the targets that apply to the region (RPJMN/RKP province targets, or the provincial RPJMD's "
        "targets for a kabupaten/kota) as a target table, so the target is compared with its own region's.",
    ),
}
