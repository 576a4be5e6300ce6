"""Messages of rule family 4, cascade to priorities (see :mod:`sinkron.align.messages`).

{priority} is a priority's label, itself the message skn4.priority: its kind (skn4.kind.*), code and name.
"""

from __future__ import annotations

from sinkron.models.findings import Message

MESSAGES: dict[str, Message] = {
    "skn4.priority": Message(
        id="{kind} {code} “{name}”",
        en="{kind} {code} “{name}”",
    ),
    "skn4.priority.uncoded": Message(
        id="{kind} “{name}”",
        en="{kind} “{name}”",
    ),
    "skn4.kind.asta_cita": Message(
        id="Asta Cita",
        en="Asta Cita",
    ),
    "skn4.kind.pn": Message(
        id="PN",
        en="PN",
    ),
    "skn4.kind.pp": Message(
        id="PP",
        en="PP",
    ),
    "skn4.kind.kp": Message(
        id="KP",
        en="KP",
    ),
    "skn4.kind.prop": Message(
        id="ProP",
        en="ProP",
    ),
    "skn4.kind.regional": Message(
        id="prioritas daerah",
        en="regional priority",
    ),
    "skn4.kind.thematic": Message(
        id="prioritas tematik",
        en="thematic priority",
    ),
    "skn401.unsupported": Message(
        id="{priority} tidak didukung program mana pun dalam {count} dokumen perencanaan daerah yang diperiksa "
        "({titles}).",
        en="{priority} is supported by no program in the {count} regional plan(s) checked ({titles}).",
    ),
    "skn401.unsupported.fix": Message(
        id="Tandai (tagging) program/sub kegiatan yang mendukung prioritas ini pada RKPD/Renja, atau catat alasan "
        "daerah tidak berkontribusi pada prioritas ini.",
        en="Tag the programs/sub kegiatan that support this priority in the RKPD/Renja, or record why the region "
        "does not contribute to it.",
    ),
    "skn402.unsupported": Message(
        id="{priority:cap} milik {government} tidak didukung program mana pun dalam dokumen perencanaannya "
        "sendiri ({titles}).",
        en="The {priority} of {government} is supported by no program in its own plans ({titles}).",
    ),
    "skn402.unsupported.fix": Message(
        id="Tandai program/sub kegiatan pendukung prioritas daerah ini (label prioritas daerah di SIPD), atau "
        "alokasikan program untuk mencapainya.",
        en="Tag the programs/sub kegiatan that support this regional priority (the regional priority label in "
        "SIPD), or plan a program to achieve it.",
    ),
    "skn403.low-share": Message(
        id="Hanya {share:%} pagu {plan} ({on:rp} dari {total:rp}) yang mendukung prioritas nasional/daerah, di "
        "bawah ambang {threshold:%}.",
        en="Only {share:%} of the pagu of {plan} ({on:rp} of {total:rp}) supports a national or regional "
        "priority, below the {threshold:%} threshold.",
    ),
    "skn403.low-share.without-support": Message(
        id="Hanya {share:%} pagu {plan} di luar program penunjang ({on:rp} dari {total:rp}) yang mendukung "
        "prioritas nasional/daerah, di bawah ambang {threshold:%}. Termasuk program penunjang ({support:rp}) "
        "porsinya {other:%}.",
        en="Only {share:%} of the pagu of {plan} outside the program penunjang ({on:rp} of {total:rp}) supports a "
        "national or regional priority, below the {threshold:%} threshold. With the program penunjang "
        "({support:rp}) the share is {other:%}.",
    ),
    "skn403.low-share.with-support": Message(
        id="Hanya {share:%} pagu {plan} ({on:rp} dari {total:rp}) yang mendukung prioritas nasional/daerah, di "
        "bawah ambang {threshold:%}. Tanpa program penunjang ({support:rp}) porsinya {other:%}.",
        en="Only {share:%} of the pagu of {plan} ({on:rp} of {total:rp}) supports a national or regional "
        "priority, below the {threshold:%} threshold. Without the program penunjang ({support:rp}) the share "
        "is {other:%}.",
    ),
    "skn403.low-share.fix": Message(
        id="Periksa penandaan prioritas (tagging) sub kegiatan yang belum ditandai, dan arahkan pagu ke program "
        "yang mendukung prioritas.",
        en="Check sub kegiatan that carry no priority tag yet, and direct pagu to programs that support the "
        "priorities.",
    ),
    "skn404.no-measure": Message(
        id="{level} {code} ditandai ke {priority}, tetapi tidak ada indikatornya yang mengukur indikator "
        "prioritas tersebut ({wanted}).",
        en="{level} {code} is tagged to {priority}, but none of its indicators measures that priority's "
        "indicators ({wanted}).",
    ),
    "skn404.no-measure.fix": Message(
        id="Tautkan (supports) indikator item ini ke indikator prioritas yang diukurnya, atau tinjau kembali "
        "penandaan prioritas ini.",
        en="Link (supports) an indicator of this item to the priority indicator it measures, or review the "
        "priority tag.",
    ),
    "skn405.unsupported": Message(
        id="{priority:cap} {province} tidak didukung program mana pun dalam dokumen perencanaan {count} "
        "kabupaten/kota yang diperiksa ({names}).",
        en="The {priority} of {province} is supported by no program in the plans of the {count} kabupaten/kota "
        "checked ({names}).",
    ),
    "skn405.unsupported.fix": Message(
        id="Bahas dukungan kabupaten/kota untuk prioritas ini dalam Musrenbang/Rakortek provinsi, dan minta "
        "kabupaten/kota menandai program pendukungnya (label prioritas provinsi).",
        en="Raise kabupaten/kota support for this priority at the provincial Musrenbang/Rakortek, and ask them to "
        "tag their supporting programs (the provincial priority label).",
    ),
    "skn4.no-lines": Message(
        id="Pemeriksaan kualitas belanja tidak dapat dijalankan: tidak ada rincian belanja (RKA/DPA) pada {count} "
        "dokumen perencanaan tahunan daerah yang diperiksa.",
        en="The spending-quality check could not run: none of the {count} yearly regional plans checked carries "
        "rincian belanja (RKA/DPA lines).",
    ),
    "skn4.no-lines.fix": Message(
        id="Muat Form Rincian RKA/DPA (plugin spreadsheet, rincian.py) bersama dokumen perencanaannya.",
        en="Load the RKA/DPA Form Rincian (spreadsheet plugin, rincian.py) with the plans.",
    ),
    "skn406.partial": Message(
        id="Rincian belanja {government} {year} ({total:rp}) tidak mencakup pagu RKPD-nya ({rkpd:rp}): porsi belanja "
        "wajib tidak dinilai. Porsi pada dokumen yang dimuat: pegawai {personnel:%}, infrastruktur pelayanan publik "
        "{infrastructure:%}, pendidikan {education:%}.",
        en="The rincian belanja of {government} {year} ({total:rp}) do not cover its RKPD pagu ({rkpd:rp}): the "
        "mandatory shares are not judged. Shares in the plans loaded: personnel {personnel:%}, public-service "
        "infrastructure {infrastructure:%}, education {education:%}.",
    ),
    "skn406.partial.no-rkpd": Message(
        id="Tanpa RKPD {government} {year} dalam data, tidak diketahui apakah rincian belanja ({total:rp}) mencakup "
        "seluruh APBD: porsi belanja wajib tidak dinilai. Porsi pada dokumen yang dimuat: pegawai {personnel:%}, "
        "infrastruktur pelayanan publik {infrastructure:%}, pendidikan {education:%}.",
        en="With no RKPD of {government} {year} in the bundle, whether the rincian belanja ({total:rp}) cover the "
        "whole APBD is unknown: the mandatory shares are not judged. Shares in the plans loaded: personnel "
        "{personnel:%}, public-service infrastructure {infrastructure:%}, education {education:%}.",
    ),
    "skn406.personnel": Message(
        id="Belanja pegawai {government} {year} = {amount:rp} dari {base:rp} ({share:%}), di atas batas {bound:%} "
        "(UU 1/2022 Pasal 146).",
        en="Belanja pegawai of {government} {year} = {amount:rp} of {base:rp} ({share:%}), above the {bound:%} cap "
        "(UU 1/2022 Art. 146).",
    ),
    "skn406.personnel.fix": Message(
        id="Sesuaikan belanja pegawai dalam masa transisi lima tahun UU 1/2022; periksa apakah tunjangan guru dari "
        "TKD (dikecualikan undang-undang) ikut terhitung.",
        en="Adjust belanja pegawai within the five-year transition of UU 1/2022; check whether teacher allowances "
        "paid from TKD (which the law excludes) are counted.",
    ),
    "skn406.infrastructure": Message(
        id="Belanja infrastruktur pelayanan publik {government} {year} = {amount:rp} dari {base:rp} di luar belanja "
        "transfer ({share:%}), di bawah batas {bound:%} (UU 1/2022 Pasal 147).",
        en="Belanja infrastruktur pelayanan publik of {government} {year} = {amount:rp} of {base:rp} without "
        "belanja transfer ({share:%}), below the {bound:%} floor (UU 1/2022 Art. 147).",
    ),
    "skn406.infrastructure.fix": Message(
        id="Arahkan belanja modal ke infrastruktur pelayanan publik, atau sesuaikan akun yang dihitung (opsi "
        "infrastructure_accounts).",
        en="Direct belanja modal to public-service infrastructure, or adjust the accounts counted (option "
        "infrastructure_accounts).",
    ),
    "skn406.education": Message(
        id="Belanja urusan pendidikan {government} {year} = {amount:rp} dari {base:rp} ({share:%}), di bawah batas "
        "{bound:%} (UUD 1945 Pasal 31 ayat (4)).",
        en="Spending on urusan pendidikan of {government} {year} = {amount:rp} of {base:rp} ({share:%}), below the "
        "{bound:%} floor (UUD 1945 Art. 31(4)).",
    ),
    "skn406.education.fix": Message(
        id="Periksa alokasi fungsi pendidikan (termasuk yang di luar urusan 1.01) dan penuhi 20% APBD.",
        en="Check the education allocation (including spending outside urusan 1.01) and meet 20% of the APBD.",
    ),
    "skn407.shares": Message(
        id="Belanja {agency} {year} yang dibatasi Inpres 1/2025 (dari {total:rp}): {shares}.",
        en="Spending of {agency} {year} that Inpres 1/2025 limits (of {total:rp}): {shares}.",
    ),
    "skn407.not-cut": Message(
        id="{agency} {year} belum menghemat {categories} sesuai Inpres 1/2025: {previous}: {before}; {year}: "
        "{shares} (dari {total:rp}).",
        en="{agency} {year} has not cut {categories} as Inpres 1/2025 asks: {previous}: {before}; {year}: {shares} "
        "(of {total:rp}).",
    ),
    "skn407.not-cut.fix": Message(
        id="Kurangi perjalanan dinas sedikitnya separuh dan batasi seremonial, kajian, honorarium dan ATK; catat "
        "alasan bila belanja itu menghasilkan keluaran yang terukur.",
        en="Cut perjalanan dinas by at least half and limit ceremonies, studies, honoraria and stationery; record "
        "why where that spending yields a measurable output.",
    ),
    "skn408.missing": Message(
        id="{plan} tidak memuat sub kegiatan {count} layanan SPM — {services}.",
        en="{plan} holds no sub kegiatan for {count} SPM service(s) — {services}.",
    ),
    "skn408.missing.fix": Message(
        id="Rencanakan sub kegiatan SPM ini dengan pagu dan target (PP 2/2018; Permendagri 59/2021), atau catat "
        "alasan layanan ini tidak dianggarkan.",
        en="Plan these SPM sub kegiatan with a pagu and a target (PP 2/2018; Permendagri 59/2021), or record why the "
        "service is not funded.",
    ),
    "skn408.no-pagu": Message(
        id="Sub kegiatan SPM {code} ({service}) tidak berpagu pada {year}.",
        en="SPM sub kegiatan {code} ({service}) has no pagu in {year}.",
    ),
    "skn408.no-target": Message(
        id="Sub kegiatan SPM {code} ({service}) tidak bertarget pada {year}.",
        en="SPM sub kegiatan {code} ({service}) has no target in {year}.",
    ),
    "skn408.no-pagu-target": Message(
        id="Sub kegiatan SPM {code} ({service}) tidak berpagu dan tidak bertarget pada {year}.",
        en="SPM sub kegiatan {code} ({service}) has neither a pagu nor a target in {year}.",
    ),
    "skn408.unplanned.fix": Message(
        id="Isi pagu dan target tahunan sub kegiatan SPM ini (target layanan dasar 100%).",
        en="Give this SPM sub kegiatan its yearly pagu and target (basic services target 100%).",
    ),
    "skn409.no-goal": Message(
        id="{mission} dalam {plan} tidak dijabarkan ke tujuan mana pun.",
        en="{mission} in {plan} is cascaded to no tujuan.",
    ),
    "skn409.no-goal.fix": Message(
        id="Rumuskan tujuan (dengan indikatornya) yang menjabarkan misi ini, atau catat tujuan yang ada di bawah "
        "misi ini (kolom misi pada tabel tujuan).",
        en="Write the tujuan (with indicators) that cascade this misi, or record which existing tujuan belong to "
        "it (the misi column of the tujuan table).",
    ),
    "skn409.no-objective": Message(
        id="{mission} dalam {plan} tidak memiliki sasaran di bawah tujuannya ({goals}).",
        en="{mission} in {plan} has no sasaran under its tujuan ({goals}).",
    ),
    "skn409.no-objective.fix": Message(
        id="Rumuskan sasaran (dengan indikator kinerja utama) di bawah tujuan misi ini.",
        en="Write the sasaran (with key performance indicators) under the tujuan of this misi.",
    ),
    "skn409.no-program": Message(
        id="{mission} dalam {plan} tidak didukung program mana pun: tidak ada program yang ditautkan ke sasaran "
        "atau tujuannya ({goals}).",
        en="{mission} in {plan} is supported by no program: no program is linked to its sasaran or tujuan ({goals}).",
    ),
    "skn409.no-program.fix": Message(
        id="Tautkan (supports/cascades) program perangkat daerah yang mewujudkan sasaran misi ini, atau "
        "rencanakan program untuknya.",
        en="Link (supports/cascades) the perangkat daerah programs that achieve this misi's sasaran, or plan a "
        "program for it.",
    ),
    "skn410.one": Message(
        id="{number}",
        en="{number}",
    ),
    "skn410.many": Message(
        id="{head} dan {last}",
        en="{head} and {last}",
    ),
    "skn410.unmapped": Message(
        id="Tidak ada misi dalam {plan} yang dipetakan ke Asta Cita {numbers}.",
        en="No misi of {plan} is mapped to Asta Cita {numbers}.",
    ),
    "skn410.unmapped.fix": Message(
        id="Periksa pemetaan misi ke Asta Cita ({count} Asta Cita tanpa misi): tambahkan Asta Cita pada misi yang "
        "mendukungnya, atau catat bahwa daerah tidak berkontribusi padanya.",
        en="Review the misi-to-Asta Cita crosswalk ({count} Asta Cita without a misi): add each Asta Cita to the "
        "misi that serves it, or record that the region does not contribute to it.",
    ),
    "skn411.absent": Message(
        id="Program prioritas kepala daerah {code} “{name}” tidak didukung program mana pun dalam {plan}, "
        "padahal dimuat dalam {where}.",
        en="The priority program of the head of region {code} “{name}” is supported by no program in {plan}, "
        "although {where} carries it.",
    ),
    "skn411.absent.fix": Message(
        id="Masukkan program/sub kegiatan pendukung prioritas ini ke RKPD tahun ini dan tandai dengan label "
        "prioritas daerah, atau catat alasan penundaannya.",
        en="Put programs/sub kegiatan supporting this priority in this year's RKPD and tag them with the regional "
        "priority label, or record why it is postponed.",
    ),
}
