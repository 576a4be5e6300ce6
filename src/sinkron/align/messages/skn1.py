"""Messages of rule family 1, nomenclature (see :mod:`sinkron.align.messages`).

{level} is the Indonesian name of a code level (``sub kegiatan``), read the same in both languages; {version}
names the list checked against — the shipped one as skn1.list.shipped, an imported one by its name, and
skn1.version.amended when a change list applies; {candidates} lists codes joined by skn1.or. A message says a
list is in force (*berlaku*) for a year only when the list declares that year (``Version.declared_years``).
"""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {
    "skn1.version.amended": Message(
        id="{base} s.d. perubahan {current}",
        en="{base} as amended by {current}",
    ),
    "skn1.version.amended.named": Message(
        id="{base} s.d. {current}",
        en="{base} as amended by {current}",
    ),
    "skn1.list.shipped": Message(
        id="{regulation} (daftar bawaan sinkron)",
        en="{regulation} (shipped)",
    ),
    "skn1.or": Message(
        id="{first} atau {second}",
        en="{first} or {second}",
    ),
    "skn101.unknown": Message(
        id="Kode {level} {code} tidak terdapat dalam daftar nomenklatur {version}, yang dipakai untuk tahun {year}.",
        en="The {level} code {code} is not in the nomenclature list {version}, used for {year}.",
    ),
    "skn101.unknown.in-force": Message(
        id="Kode {level} {code} tidak terdapat dalam nomenklatur yang berlaku tahun {year} ({version}).",
        en="The {level} code {code} is not in the nomenclature in force in {year} ({version}).",
    ),
    "skn101.unknown.fix": Message(
        id="Periksa kembali kode {level} ini, dan apakah daftar nomenklatur ini yang dipakai daerah untuk tahun {year}.",
        en="Check this {level} code, and whether this is the nomenclature list the region uses for {year}.",
    ),
    "skn101.unknown.suggestion.fix": Message(
        id="Nama ini paling mirip dengan {suggestion} “{suggestion_name}”; gunakan kode tersebut bila memang itu "
        "yang dimaksud.",
        en="The name is closest to {suggestion} “{suggestion_name}”; use that code if it is the one meant.",
    ),
    "skn101.provincial-program": Message(
        id="Kode {level} {code} memakai program {program} yang tidak terdapat dalam daftar nomenklatur {version} "
        "(dipakai untuk tahun {year}).",
        en="The {level} code {code} belongs to program {program}, which is not in the nomenclature list {version} "
        "(used for {year}).",
    ),
    "skn101.provincial-program.fix": Message(
        id="Periksa kembali bagian program dari kode (program {program}).",
        en="Check the program part of the code (program {program}).",
    ),
    "skn101.provincial-unloaded": Message(
        id="{count} kegiatan/sub kegiatan memakai kode varian provinsi (digit 1); daftar nomenklatur provinsi belum "
        "dimuat, sehingga kode tersebut hanya diperiksa sampai tingkat program.",
        en="{count} kegiatan/sub kegiatan use provincial variant codes (digit 1); the provincial nomenclature list "
        "is not loaded, so those codes were checked up to the program level only.",
    ),
    "skn101.provincial-unloaded.fix": Message(
        id="Muat daftar nomenklatur provinsi (CheckConfig(provincial_nomenclature=…), versi dengan scope "
        "'provinsi'; sinkron menyertakan daftar SIPD-RI 2027) untuk memeriksa kode ini sepenuhnya.",
        en="Load a provincial nomenclature list (CheckConfig(provincial_nomenclature=…), a version with scope "
        "'provinsi'; sinkron ships SIPD-RI's 2027 list) to check these codes fully.",
    ),
    "skn1.scope.provinsi": Message(id="provinsi", en="provincial"),
    "skn1.scope.kabkota": Message(id="kabupaten/kota", en="kabupaten/kota"),
    "skn107.kewenangan": Message(
        id="{level:cap} {code} memakai kode varian {code_scope} (digit {variant} pada kegiatan), padahal dokumen "
        "ini milik {government}, pemerintah {plan_scope}. Menurut Lampiran UU 23/2014 (pembagian urusan "
        "pemerintahan konkuren), kegiatan ini kewenangan pemerintah {code_scope}.",
        en="The {level} {code} uses a {code_scope} variant code (kegiatan digit {variant}), but this plan belongs "
        "to {government}, a {plan_scope} government. Under the Lampiran of UU 23/2014 (the division of "
        "concurrent urusan between levels), this kegiatan is a {code_scope} authority.",
    ),
    "skn107.kewenangan.fix": Message(
        id="Gunakan kegiatan yang setara dari nomenklatur {plan_scope} (varian digit {expected_variant}), atau "
        "serahkan kegiatan ini kepada pemerintah {code_scope} yang berwenang.",
        en="Use the matching kegiatan of the {plan_scope} nomenclature (variant digit {expected_variant}), or "
        "leave this kegiatan to the {code_scope} government that holds the authority.",
    ),
    "skn107.kewenangan.plan": Message(
        id="Seluruh {count} kegiatan dokumen ini memakai kode varian {code_scope}, padahal dokumen ini milik "
        "{government}, pemerintah {plan_scope}. Menurut Lampiran UU 23/2014 (pembagian urusan pemerintahan "
        "konkuren), kegiatan tersebut kewenangan pemerintah {code_scope}.",
        en="All {count} kegiatan of this plan use {code_scope} variant codes, but it belongs to {government}, a "
        "{plan_scope} government. Under the Lampiran of UU 23/2014 (the division of concurrent urusan between "
        "levels), those kegiatan are a {code_scope} authority.",
    ),
    "skn107.kewenangan.plan.fix": Message(
        id="Periksa apakah dokumen ini memang milik {government}; bila ya, tulis ulang dengan nomenklatur "
        "{plan_scope} (varian digit {expected_variant}).",
        en="Check that this plan really belongs to {government}; if it does, rewrite it in the {plan_scope} "
        "nomenclature (variant digit {expected_variant}).",
    ),
    "skn102.retired": Message(
        id="Kode {level} {code} sudah dihapus/diganti oleh {regulation} dan tidak berlaku lagi pada tahun {year}.",
        en="The {level} code {code} was retired by {regulation} and is no longer valid in {year}.",
    ),
    "skn102.retired.fix": Message(
        id="Kode ini dihapus tanpa pengganti; pilih {level} lain yang sesuai dari nomenklatur tahun {year}.",
        en="The code was deleted without a replacement; choose another {level} from the {year} nomenclature.",
    ),
    "skn102.replaced": Message(
        id="Kode {level} {code} sudah dihapus/diganti oleh {regulation} dan tidak berlaku lagi pada tahun {year}. "
        "Penggantinya: {replacement}.",
        en="The {level} code {code} was retired by {regulation} and is no longer valid in {year}. Its replacement "
        "is {replacement}.",
    ),
    "skn102.replaced.fix": Message(
        id="Ganti dengan kode {replacement_named}.",
        en="Replace it with {replacement_named}.",
    ),
    "skn102.not-yet": Message(
        id="Kode {level} {code} baru berlaku mulai tahun {since} ({regulation}); belum dapat dipakai untuk tahun "
        "{year}.",
        en="The {level} code {code} only applies from {since} ({regulation}); it cannot be used for {year}.",
    ),
    "skn102.not-yet.fix": Message(
        id="Gunakan kode yang berlaku pada tahun {year}, atau periksa tahun dokumen.",
        en="Use a code valid in {year}, or check the plan's year.",
    ),
    "skn103.legacy": Message(
        id="Kode sub kegiatan {code} masih memakai nomor 2 digit; tulis sebagai {modern}.",
        en="The sub kegiatan code {code} uses a 2-digit number; write it as {modern}.",
    ),
    "skn103.legacy.fix": Message(
        id="Ganti kode dengan {modern}.",
        en="Replace the code with {modern}.",
    ),
    "skn104.mismatch": Message(
        id="Nama {level} {code} “{name}” berbeda dari nama resmi “{official}”.",
        en="The {level} name for {code} “{name}” differs from the official name “{official}”.",
    ),
    "skn104.mismatch.fix": Message(
        id="Gunakan nama resmi “{official}”, atau periksa apakah kodenya yang keliru.",
        en="Use the official name “{official}”, or check whether the code is the wrong one.",
    ),
    "skn105.wrong-parent": Message(
        id="{level:cap} {code} berada di bawah {parent_level} {parent}, padahal menurut kodenya termasuk "
        "{parent_level} {expected}.",
        en="The {level} {code} sits under {parent_level} {parent}, but its code belongs to {parent_level} {expected}.",
    ),
    "skn105.wrong-parent.fix": Message(
        id="Perbaiki kode {level}, atau tempatkan di bawah {parent_level} {expected_named}.",
        en="Correct the {level} code, or place it under {parent_level} {expected_named}.",
    ),
    "skn105.wrong-parent.in-plan.fix": Message(
        id="Pindahkan ke bawah {parent_level} {expected} yang sudah ada di dokumen ini, atau perbaiki kodenya.",
        en="Move it under {parent_level} {expected}, which is in this document, or correct its code.",
    ),
    "skn106.other-sector": Message(
        id="{level:cap} penunjang {code} memakai bidang urusan {sector}, padahal perangkat daerah {agency} "
        "melaksanakan bidang {sectors}.",
        en="The penunjang {level} {code} uses bidang urusan {sector}, but agency {agency} carries bidang {sectors}.",
    ),
    "skn106.other-sector.fix": Message(
        id="Gunakan kode penunjang pada bidang perangkat daerah: {candidates}.",
        en="Use the penunjang code of the agency's bidang: {candidates}.",
    ),
    "skn106.generic": Message(
        id="Kode generik {code} tertinggal di dokumen: kode penunjang harus ditulis dengan bidang urusan perangkat "
        "daerah.",
        en="The generic code {code} was left in the plan: penunjang codes must carry the agency's bidang urusan.",
    ),
    "skn106.generic.with-below": Message(
        id="Kode generik {code} tertinggal di dokumen: kode penunjang harus ditulis dengan bidang urusan perangkat "
        "daerah ({below} item di bawahnya juga generik).",
        en="The generic code {code} was left in the plan: penunjang codes must carry the agency's bidang urusan "
        "({below} items below it are generic too).",
    ),
    "skn106.generic.fix": Message(
        id="Ganti X.XX dengan bidang urusan perangkat daerah: {candidates} (juga untuk item di bawahnya).",
        en="Replace X.XX with the agency's bidang urusan: {candidates} (and for the items below).",
    ),
    "skn106.generic.no-sector.fix": Message(
        id="Ganti X.XX dengan kode bidang urusan perangkat daerah pelaksana (juga untuk item di bawahnya).",
        en="Replace X.XX with the bidang urusan code of the responsible agency (and for the items below).",
    ),
}
